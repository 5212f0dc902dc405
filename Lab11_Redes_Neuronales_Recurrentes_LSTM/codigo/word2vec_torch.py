"""El mismo *skip-gram* con muestreo negativo en PyTorch: dos ``nn.Embedding`` y ``F.logsigmoid``.

Es ``SkipGramNegativo`` (``word2vec.py``) escrito con autograd: la pérdida es la misma fórmula,

    L = −(1/B) Σ_b [ log σ(u_o·v_c) + Σ_k log σ(−u_{n_k}·v_c) ],

y PyTorch calcula los gradientes (también suma los de los ids repetidos). El modelo se coloca en
el dispositivo que elige el Lab08::

    dispositivo = seleccionar_dispositivo()
    modelo = SkipGramTorch(len(vocabulario), dimension=32, semilla=0)
    historial, embeddings = entrenar_skipgram_torch(modelo, pares, distribucion, dispositivo)
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from Lab01_Introduccion_Neuronas.codigo.validacion import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo.dispositivo import mover

from .word2vec import _barra, _distribucion_valida, _pares_validos

__all__ = ["SkipGramTorch", "entrenar_skipgram_torch"]


class SkipGramTorch(nn.Module):
    """*Skip-gram* con muestreo negativo: ``entrada`` (vectores ``v``) y ``salida`` (vectores ``u``),
    dos ``nn.Embedding(n_tokens, dimension)``.

    Misma inicialización que la versión de NumPy (la de ``word2vec.c``): ``entrada`` uniforme en
    ``±0.5/D`` y ``salida`` a cero, sorteadas con un ``torch.Generator`` de semilla ``semilla``.
    """

    def __init__(self, n_tokens: int, dimension: int = 50, semilla: int = 0) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=3)
        self.dimension = entero_positivo(dimension, "dimension")
        self.entrada = nn.Embedding(self.n_tokens, self.dimension)
        self.salida = nn.Embedding(self.n_tokens, self.dimension)
        generador = torch.Generator().manual_seed(entero_positivo(semilla, "semilla", minimo=0))
        limite = 0.5 / self.dimension
        with torch.no_grad():
            self.entrada.weight.uniform_(-limite, limite, generator=generador)
            self.salida.weight.zero_()

    def forward(self, centros: torch.Tensor, contextos: torch.Tensor,
                negativos: torch.Tensor) -> torch.Tensor:
        """Pérdida escalar del lote: ``centros`` y ``contextos`` ``(B,)``, ``negativos`` ``(B, K)`` (ids)."""
        if centros.ndim != 1 or contextos.shape != centros.shape or negativos.ndim != 2 \
                or negativos.shape[0] != centros.shape[0]:
            raise ValueError(
                "se esperaba centros y contextos de forma (B,) y negativos de forma (B, K), se recibió "
                f"{tuple(centros.shape)}, {tuple(contextos.shape)} y {tuple(negativos.shape)}"
            )
        v = self.entrada(centros)                                   # (B, D)
        s_pos = (self.salida(contextos) * v).sum(dim=1)             # (B,)
        s_neg = torch.bmm(self.salida(negativos), v.unsqueeze(2)).squeeze(2)  # (B, K)
        return -(F.logsigmoid(s_pos) + F.logsigmoid(-s_neg).sum(dim=1)).mean()

    def embeddings(self) -> np.ndarray:
        """La matriz de *embeddings* de entrada ``(V, D)`` como arreglo de NumPy (en la CPU)."""
        return self.entrada.weight.detach().cpu().numpy().copy()


def entrenar_skipgram_torch(
    modelo: SkipGramTorch, pares: tuple[np.ndarray, np.ndarray], distribucion: np.ndarray,
    dispositivo: torch.device | str | None = None, epocas: int = 5, tamano_lote: int = 512,
    k_negativos: int = 5, tasa_aprendizaje: float = 0.01, semilla: int = 0, barra_progreso: bool = False,
) -> tuple[list[float], np.ndarray]:
    """Entrena ``modelo`` con ``torch.optim.Adam`` y devuelve ``(historial, embeddings)``: la pérdida
    media de cada época y la matriz de entrada ``(V, D)`` en NumPy.

    Igual que ``entrenar_skipgram``: en cada época se barajan los pares ``(centros, contextos)``
    ``(P,)`` y se sortean ``k_negativos`` por par de ``distribucion`` ``(V,)`` (con
    ``torch.multinomial`` y un generador de semilla ``semilla``, en la CPU). Los tensores de la época
    se mueven de una vez al ``dispositivo`` (el de ``seleccionar_dispositivo`` del Lab08; ``None``:
    donde ya esté el modelo) y las pérdidas se suman allí, con un solo ``.item()`` por época.
    """
    if not isinstance(modelo, SkipGramTorch):
        raise TypeError(f"se esperaba un SkipGramTorch, se recibió {type(modelo).__name__}")
    centros, contextos = (torch.from_numpy(a) for a in _pares_validos(pares, modelo.n_tokens))
    p = _distribucion_valida(distribucion, modelo.n_tokens)
    epocas = entero_positivo(epocas, "epocas")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    k_negativos = entero_positivo(k_negativos, "k_negativos")
    tasa_aprendizaje = numero_real(tasa_aprendizaje, "tasa_aprendizaje", 0.0, incluir_minimo=False)
    dispositivo = torch.device(dispositivo) if dispositivo is not None else modelo.entrada.weight.device
    modelo = mover(modelo, dispositivo)
    modelo.train()
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa_aprendizaje)
    generador = torch.Generator().manual_seed(entero_positivo(semilla, "semilla", minimo=0))
    pesos = torch.from_numpy(p)
    n = centros.numel()
    acumulador = torch.float32 if dispositivo.type == "mps" else torch.float64  # MPS no tiene float64
    barra = _barra(epocas, barra_progreso, "skip-gram (torch)")
    historial: list[float] = []
    try:
        for _ in range(epocas):
            orden = torch.randperm(n, generator=generador)
            negativos = torch.multinomial(pesos, n * k_negativos, replacement=True, generator=generador)
            c, o, neg = mover((centros[orden], contextos[orden], negativos.view(n, k_negativos)), dispositivo)
            suma = torch.zeros((), dtype=acumulador, device=dispositivo)
            for inicio in range(0, n, tamano_lote):
                fin = min(inicio + tamano_lote, n)
                optimizador.zero_grad()
                perdida = modelo(c[inicio:fin], o[inicio:fin], neg[inicio:fin])
                perdida.backward()
                optimizador.step()
                suma += perdida.detach().to(acumulador) * (fin - inicio)
            historial.append(float(suma.item()) / n)
            if barra is not None:
                barra.set_postfix({"pérdida": f"{historial[-1]:.4f}"})
                barra.update(1)
    finally:
        if barra is not None:
            barra.close()
    return historial, modelo.embeddings()
