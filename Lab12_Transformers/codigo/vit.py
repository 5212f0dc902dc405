"""Un *Vision Transformer* (ViT, Dosovitskiy et al., 2021) para los dígitos 8×8 de scikit-learn.

Una imagen no es una secuencia, pero se puede convertir en una: se corta en **parches**
(``extraer_parches``: 2×2 píxeles → 16 parches de 4 números), cada parche se proyecta con una
capa lineal (eso es exactamente una ``nn.Conv2d`` con ``kernel_size = stride = tamaño del parche``),
se antepone una **ficha de clase** aprendida, se suman posiciones aprendidas y el resto es el
codificador de BERT. La clase se lee en el estado final de la ficha de clase.

- ``entrenar_vit``: Adam + entropía cruzada con ``entrenar_torch`` del Lab08, en la partición del
  Lab10 (``cargar_digitos_imagenes``: 1079 / 359 / 359).
- ``comparar_vit_cnn``: el ViT y la ``LeNetTorch`` del Lab10 (entrenada con ``entrenar_y_medir``
  del Lab10), en la misma partición: exactitud en prueba y segundos.
- ``mapa_atencion_vit``: cuánto mira la ficha de clase a cada parche, como una imagen.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import (
    crear_cargador,
    describir_dispositivo,
    entrenar_torch,
    evaluar_torch,
    mover,
    seleccionar_dispositivo,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo import (
    LeNetTorch,
    cargar_digitos_imagenes,
    contar_parametros,
    entrenar_y_medir,
)

from .bert import pesos_atencion_capas, pila_codificadora

__all__ = ["extraer_parches", "VisionTransformer", "entrenar_vit", "comparar_vit_cnn", "mapa_atencion_vit"]


def extraer_parches(x: torch.Tensor | np.ndarray, tamano: int) -> torch.Tensor | np.ndarray:
    """Imágenes ``(N, C, H, W)`` → parches ``(N, (H/p)·(W/p), C·p·p)`` con ``p = tamano``.

    Los parches van por filas (de izquierda a derecha y de arriba abajo) y cada uno se aplana en
    el orden ``(canal, fila, columna)``: el mismo que ``conv.weight.reshape(d, -1)`` de una
    ``nn.Conv2d(C, d, p, stride=p)``. Por eso ``parches @ W.T + b`` es esa convolución, con su
    salida ``(N, d, H/p, W/p)`` aplanada a ``(N, (H/p)·(W/p), d)``. Acepta tensores y arreglos de
    NumPy (devuelve el mismo tipo). ``H`` y ``W`` deben ser múltiplos de ``p``.
    """
    p = entero_positivo(tamano, "tamano")
    if not isinstance(x, (torch.Tensor, np.ndarray)) or x.ndim != 4:
        forma = tuple(x.shape) if hasattr(x, "shape") else type(x).__name__
        raise ValueError(f"se esperaban imágenes de forma (N, C, H, W), se recibió {forma}")
    N, C, H, W = x.shape
    if H % p or W % p:
        raise ValueError(f"H y W deben ser múltiplos del tamaño del parche {p}, se recibió {H}×{W}")
    rejilla = x.reshape(N, C, H // p, p, W // p, p)  # (N, C, fila, i, columna, j)
    orden = (0, 2, 4, 1, 3, 5)  # (N, fila, columna, C, i, j)
    rejilla = rejilla.permute(*orden) if isinstance(x, torch.Tensor) else rejilla.transpose(orden)
    return rejilla.reshape(N, (H // p) * (W // p), C * p * p)


class VisionTransformer(nn.Module):
    """Imágenes ``(N, canales, tamano_imagen, tamano_imagen)`` → logits ``(N, n_clases)``.

    ::

        extraer_parches(x, p)                               (N, P, C·p·p)     P = (tamano_imagen / p)²
        nn.Linear(C·p·p, d_modelo)   (= Conv2d de paso p)    (N, P, d)
        [ficha de clase; parches] + posiciones aprendidas   (N, 1 + P, d)
        n_capas × TransformerEncoderLayer(norm_first=True)  (N, 1 + P, d)
        LayerNorm → estado de la ficha de clase → Linear    (N, n_clases)

    Sin máscara: todos los parches se ven entre sí (atención bidireccional, como BERT). A
    diferencia de una CNN, nada le dice que dos parches vecinos están cerca: lo aprende de las
    posiciones. Con 8×8 y parches 2×2 la secuencia mide 17.
    """

    def __init__(
        self,
        tamano_imagen: int = 8,
        tamano_parche: int = 2,
        canales: int = 1,
        n_clases: int = 10,
        d_modelo: int = 32,
        n_cabezas: int = 2,
        n_capas: int = 2,
        dim_ff: int = 64,
        dropout: float = 0.0,
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.tamano_imagen = entero_positivo(tamano_imagen, "tamano_imagen")
        self.tamano_parche = entero_positivo(tamano_parche, "tamano_parche")
        if self.tamano_imagen % self.tamano_parche:
            raise ValueError(
                f"tamano_imagen ({self.tamano_imagen}) debe ser múltiplo de "
                f"tamano_parche ({self.tamano_parche})"
            )
        self.canales = entero_positivo(canales, "canales")
        self.lado = self.tamano_imagen // self.tamano_parche  # parches por lado
        d_modelo = entero_positivo(d_modelo, "d_modelo")
        n_cabezas = entero_positivo(n_cabezas, "n_cabezas")
        if d_modelo % n_cabezas:
            raise ValueError(f"d_modelo ({d_modelo}) debe ser múltiplo de n_cabezas ({n_cabezas})")
        dropout = numero_real(dropout, "dropout", 0.0, 1.0, incluir_maximo=False)
        with torch.random.fork_rng(devices=[], enabled=semilla is not None):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.proyeccion = nn.Linear(self.canales * self.tamano_parche**2, d_modelo)
            self.ficha_clase = nn.Parameter(0.02 * torch.randn(1, 1, d_modelo))
            self.posiciones = nn.Parameter(0.02 * torch.randn(1, 1 + self.lado**2, d_modelo))
            self.dropout = nn.Dropout(dropout)
            self.capas = pila_codificadora(d_modelo, n_cabezas, dim_ff, dropout, n_capas)
            self.cabeza = nn.Linear(d_modelo, entero_positivo(n_clases, "n_clases", minimo=2))

    def incrustar(self, x: torch.Tensor) -> torch.Tensor:
        """Imágenes ``(N, C, H, W)`` → ``(N, 1 + P, d)``: ficha de clase y parches, con posiciones."""
        esperada = (self.canales, self.tamano_imagen, self.tamano_imagen)
        if not isinstance(x, torch.Tensor) or x.ndim != 4 or tuple(x.shape[1:]) != esperada:
            forma = tuple(x.shape) if hasattr(x, "shape") else type(x).__name__
            raise ValueError(
                f"se esperaba x de forma (N, {', '.join(map(str, esperada))}), se recibió {forma}"
            )
        parches = self.proyeccion(extraer_parches(x, self.tamano_parche))  # (N, P, d)
        ficha = self.ficha_clase.expand(x.shape[0], -1, -1)  # (N, 1, d)
        return self.dropout(torch.cat([ficha, parches], dim=1) + self.posiciones)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, canales, tamano_imagen, tamano_imagen)`` → logits ``(N, n_clases)``."""
        return self.cabeza(self.capas(self.incrustar(x))[:, 0])


@torch.no_grad()
def mapa_atencion_vit(
    modelo: VisionTransformer, imagen: torch.Tensor | np.ndarray, capa: int = -1
) -> np.ndarray:
    """Cuánto atiende la ficha de clase a cada parche en la capa ``capa`` (media de las cabezas):
    ``(lado, lado)`` con ``lado = tamano_imagen / tamano_parche``, ``float64``, no negativo.

    ``imagen``: ``(C, H, W)`` o ``(1, C, H, W)``. La ficha también se mira a sí misma, así que el
    mapa suma ``1 −`` (atención a sí misma) ≤ 1. Deja el modelo en el modo en que estaba."""
    if not isinstance(modelo, VisionTransformer):
        raise TypeError(f"se esperaba un VisionTransformer, se recibió {type(modelo).__name__}")
    dispositivo = next(modelo.parameters()).device
    x = torch.as_tensor(imagen, dtype=next(modelo.parameters()).dtype, device=dispositivo)
    if x.ndim == 3:
        x = x.unsqueeze(0)
    if x.ndim != 4 or x.shape[0] != 1:
        raise ValueError(f"se esperaba una imagen (C, H, W) o (1, C, H, W), se recibió {tuple(x.shape)}")
    estaba_entrenando = modelo.training
    modelo.eval()
    try:
        pesos = pesos_atencion_capas(modelo.capas, modelo.incrustar(x))  # n_capas × (1, 1 + P, 1 + P)
    finally:
        modelo.train(estaba_entrenando)
    n = len(pesos)
    if not -n <= capa < n:
        raise ValueError(f"capa debe estar entre {-n} y {n - 1}, se recibió {capa}")
    return pesos[capa][0, 0, 1:].reshape(modelo.lado, modelo.lado).double().cpu().numpy()


def entrenar_vit(
    modelo: VisionTransformer,
    datos: tuple | None = None,
    epocas: int = 30,
    tasa: float = 3e-3,
    tamano_lote: int = 64,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
) -> dict[str, list[float]]:
    """Entrena ``modelo`` con Adam y entropía cruzada (``entrenar_torch`` del Lab08).

    ``datos``: ``(entrenamiento, validacion, prueba)`` de parejas ``(X (N, 1, 8, 8), y)``; ``None``
    usa ``cargar_digitos_imagenes(semilla)`` del Lab10 (la partición de su CNN). Devuelve el
    historial de ``entrenar_torch`` (``"perdida"``, ``"exactitud"``, ``"perdida_val"``,
    ``"exactitud_val"`` por época) más ``"exactitud_prueba"`` y ``"segundos"`` (del entrenamiento).
    El orden de los lotes y el Dropout dependen sólo de ``semilla``.
    """
    if not isinstance(modelo, VisionTransformer):
        raise TypeError(f"se esperaba un VisionTransformer, se recibió {type(modelo).__name__}")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    if datos is None:
        datos = cargar_digitos_imagenes(semilla, dtype=np.float32)
    if len(datos) != 3:
        raise ValueError(
            "datos debe ser (entrenamiento, validacion, prueba), como da cargar_digitos_imagenes"
        )
    (X_ent, y_ent), (X_val, y_val), (X_pru, y_pru) = datos
    dispositivo = torch.device(dispositivo) if dispositivo is not None else next(modelo.parameters()).device
    mover(modelo, dispositivo)
    cargador = crear_cargador(X_ent, y_ent, tamano_lote=tamano_lote, semilla=semilla, dispositivo=dispositivo)
    validacion = crear_cargador(X_val, y_val, tamano_lote=512, barajar=False, dispositivo=dispositivo)
    prueba = crear_cargador(X_pru, y_pru, tamano_lote=512, barajar=False, dispositivo=dispositivo)
    perdida = nn.CrossEntropyLoss()
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores):
        torch.manual_seed(semilla)
        inicio = time.perf_counter()
        historial = entrenar_torch(
            modelo, perdida, optimizador, cargador, validacion, epocas, dispositivo, metrica="exactitud"
        )
        segundos = time.perf_counter() - inicio
    historial["exactitud_prueba"] = [
        evaluar_torch(modelo, prueba, perdida, dispositivo, "exactitud")["exactitud"]
    ]
    historial["segundos"] = [segundos]
    modelo.eval()
    return historial


def comparar_vit_cnn(
    epocas_vit: int = 30,
    epocas_cnn: int = 10,
    semilla: int = 0,
    dispositivo: str | torch.device = "auto",
    informar: bool = False,
) -> dict[str, Any]:
    """ViT frente a la CNN del Lab10 en la **misma** partición de ``cargar_digitos_imagenes(semilla)``.

    El ViT (``VisionTransformer(semilla=semilla)``) se entrena con ``entrenar_vit``; la
    ``LeNetTorch(semilla=semilla)`` con ``entrenar_y_medir`` del Lab10 (su función, sus valores).
    Devuelve ``{"filas": [{"modelo", "parametros", "exactitud_prueba", "segundos"}, …],
    "dispositivo": texto, "vit": modelo, "cnn": modelo, "datos": la partición usada}``.
    """
    dispositivo = seleccionar_dispositivo(dispositivo, informar=informar)
    datos = cargar_digitos_imagenes(semilla, dtype=np.float32)
    vit = VisionTransformer(semilla=semilla)
    historial = entrenar_vit(vit, datos, epocas=epocas_vit, dispositivo=dispositivo, semilla=semilla)
    cnn = mover(LeNetTorch(semilla=semilla), dispositivo)
    medidas = entrenar_y_medir(cnn, datos[0], {"prueba": datos[2]}, dispositivo, epocas_cnn, semilla=semilla)
    filas = [
        {
            "modelo": "ViT",
            "parametros": contar_parametros(vit),
            "exactitud_prueba": historial["exactitud_prueba"][0],
            "segundos": historial["segundos"][0],
        },
        {
            "modelo": "CNN (LeNet)",
            "parametros": contar_parametros(cnn),
            "exactitud_prueba": medidas["exactitud_prueba"],
            "segundos": medidas["segundos"],
        },
    ]
    return {"filas": filas, "dispositivo": describir_dispositivo(dispositivo), "vit": vit, "cnn": cnn,
            "datos": datos}
