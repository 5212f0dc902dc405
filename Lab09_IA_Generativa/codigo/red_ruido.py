"""La red que adivina el ruido de un DDPM, ``ε̂(x_t, t, c)``, y su entrenamiento.

La red recibe la imagen ruidosa ``x_t`` (64 píxeles), **en qué paso** ``t`` está (con la codificación
sinusoidal del Lab12: la misma idea que la posición de un *token*) y **qué dígito** ``c`` se quiere
(un ``Embedding`` con una fila extra, ``n_clases``, que significa «sin clase», ∅). Devuelve el ruido
``ε̂`` con la forma de ``x_t``. Es un MLP con bloques residuales: en 8×8 basta y entrena en segundos.

Entrenar es sencillo (la pérdida «simple» de Ho et al., 2020): se toma un dígito ``x_0``, un paso
``t`` al azar y un ruido ``ε``; se ensucia con ``difundir`` y se pide a la red que diga qué ``ε`` se
usó: ``MSE(ε, ε̂(x_t, t, c))``. Con probabilidad ``p_sin_clase`` se le oculta la clase (``c = ∅``):
así la misma red aprende el modelo condicional y el incondicional que la guía sin clasificador
(Ho & Salimans, 2022) combina al muestrear.
"""

from __future__ import annotations

import math
import time

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab10_Redes_Neuronales_Convolucionales.codigo.modelos_torch import _semilla_local
from Lab12_Transformers.codigo.posicional import codificacion_sinusoidal

from .datos import a_simetrico, comprobar_imagenes_digitos
from .difusion import CalendarioDifusion, difundir

__all__ = ["RedRuido", "entrenar_ddpm"]


class _BloqueRuido(nn.Module):
    """``h + W₂·SiLU(W₁·SiLU(LayerNorm(h)) + e)``: el paso y la clase (``e``) entran en cada bloque."""

    def __init__(self, oculta: int) -> None:
        super().__init__()
        self.norma = nn.LayerNorm(oculta)
        self.capa1 = nn.Linear(oculta, oculta)
        self.capa2 = nn.Linear(oculta, oculta)
        self.activacion = nn.SiLU()

    def forward(self, h: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        z = self.activacion(self.capa1(self.activacion(self.norma(h))) + e)
        return h + self.capa2(z)


class RedRuido(nn.Module):
    """``ε̂(x_t, t, c)``: ``x`` ``(N, 1, 8, 8)``, ``t`` ``(N,)`` enteros en ``[0, pasos − 1]``,
    ``clases`` ``(N,)`` en ``[0, n_clases]`` (``n_clases`` = «sin clase») → ``(N, 1, 8, 8)``.

    - tiempo: ``codificacion_sinusoidal(pasos, dim_tiempo)`` (fija) → ``Linear → SiLU → Linear``;
    - clase: ``nn.Embedding(n_clases + 1, oculta)``; los dos se suman en ``e`` ``(N, oculta)``;
    - píxeles: ``Linear(64, oculta)`` → ``n_bloques`` bloques residuales que reciben ``e`` →
      ``LayerNorm → SiLU → Linear(oculta, 64)``.

    Los pesos iniciales dependen sólo de ``semilla`` (no se toca el generador global).
    """

    def __init__(self, pasos: int, n_clases: int = 10, oculta: int = 128, n_bloques: int = 3,
                 dim_tiempo: int = 64, semilla: int | None = 0) -> None:
        super().__init__()
        self.pasos = entero_positivo(pasos, "pasos")
        self.n_clases = entero_positivo(n_clases, "n_clases")
        self.oculta = entero_positivo(oculta, "oculta")
        self.n_bloques = entero_positivo(n_bloques, "n_bloques")
        self.dim_tiempo = entero_positivo(dim_tiempo, "dim_tiempo")
        tabla = codificacion_sinusoidal(self.pasos, self.dim_tiempo)  # (pasos, dim_tiempo)
        self.register_buffer("tabla_tiempo", torch.as_tensor(tabla, dtype=torch.float32))
        with _semilla_local(semilla):
            self.tiempo = nn.Sequential(nn.Linear(self.dim_tiempo, self.oculta), nn.SiLU(),
                                        nn.Linear(self.oculta, self.oculta))
            self.clase = nn.Embedding(self.n_clases + 1, self.oculta)
            self.entrada = nn.Linear(64, self.oculta)
            self.bloques = nn.ModuleList(_BloqueRuido(self.oculta) for _ in range(self.n_bloques))
            self.salida = nn.Sequential(nn.LayerNorm(self.oculta), nn.SiLU(), nn.Linear(self.oculta, 64))

    def forward(self, x: torch.Tensor, t: torch.Tensor, clases: torch.Tensor) -> torch.Tensor:
        """``(N, 1, 8, 8)``, ``(N,)``, ``(N,)`` → ruido predicho ``(N, 1, 8, 8)``."""
        if x.ndim != 4 or x.shape[1:] != (1, 8, 8):
            raise ValueError(f"se esperaba x de forma (N, 1, 8, 8), se recibió {tuple(x.shape)}")
        N = x.shape[0]
        for nombre, valor, maximo in (("t", t, self.pasos - 1), ("clases", clases, self.n_clases)):
            if not isinstance(valor, torch.Tensor) or valor.shape != (N,) or valor.dtype.is_floating_point:
                forma = tuple(valor.shape) if isinstance(valor, torch.Tensor) else type(valor).__name__
                raise ValueError(f"se esperaba {nombre} como tensor de enteros de forma ({N},), "
                                 f"se recibió {forma}")
            if N and (valor.min() < 0 or valor.max() > maximo):
                que = f"de 0 a {maximo}" + (f" ({maximo} = «sin clase»)" if nombre == "clases" else "")
                raise ValueError(f"{nombre} debe ir {que}, llegó de {int(valor.min())} a {int(valor.max())}")
        e = self.tiempo(self.tabla_tiempo[t.long()]) + self.clase(clases.long())
        h = self.entrada(x.reshape(N, 64))
        for bloque in self.bloques:
            h = bloque(h, e)
        return self.salida(h).reshape(N, 1, 8, 8)

    def __repr__(self) -> str:
        return (f"RedRuido(pasos={self.pasos}, n_clases={self.n_clases}, oculta={self.oculta}, "
                f"n_bloques={self.n_bloques}, dim_tiempo={self.dim_tiempo})")


def entrenar_ddpm(modelo: RedRuido, X: np.ndarray, y: np.ndarray, calendario: CalendarioDifusion,
                  pasos: int = 3000, tamano_lote: int = 128, tasa: float = 2e-3, p_sin_clase: float = 0.1,
                  semilla: int = 0, dispositivo: torch.device | str | None = None,
                  segundos_maximos: float | None = None, cada: int = 100) -> dict[str, list[float]]:
    """Entrena ``modelo`` con la pérdida simple ``MSE(ε, ε̂(x_t, t, c))``, ``t`` uniforme en ``[0, T − 1]``.

    ``X`` ``(N, 1, 8, 8)`` en ``[0, 1]`` (se pasa a ``[-1, 1]`` con ``a_simetrico``), ``y`` ``(N,)``.
    Adam con ``tasa`` que baja con un coseno hasta ``tasa/10`` a lo largo de ``pasos`` (o de
    ``segundos_maximos``, si se llega antes). Se para al llegar a ``pasos`` o a ``segundos_maximos``
    (entonces el resultado depende de la velocidad de la máquina). Lotes, pasos, ruido y clases
    ocultadas salen de un ``torch.Generator`` de CPU con ``semilla``. Devuelve ``{"perdida": [media
    de cada tramo de `cada` pasos], "paso": [último paso de cada tramo], "segundos": [total],
    "pasos": [dados]}``.
    """
    if not isinstance(modelo, RedRuido):
        raise TypeError(f"se esperaba una RedRuido, se recibió {type(modelo).__name__}")
    if not isinstance(calendario, CalendarioDifusion):
        raise TypeError(f"se esperaba un CalendarioDifusion, se recibió {type(calendario).__name__}")
    if calendario.T != modelo.pasos:
        raise ValueError(f"el calendario tiene T = {calendario.T} pasos y la red se creó para "
                         f"pasos = {modelo.pasos}; deben coincidir")
    X = comprobar_imagenes_digitos(X)
    y = np.asarray(y)
    if y.shape != (len(X),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"se esperaban etiquetas y enteras de forma ({len(X)},), "
                         f"se recibió {y.dtype} {y.shape}")
    if y.min() < 0 or y.max() >= modelo.n_clases:
        raise ValueError(f"las etiquetas y deben ir de 0 a {modelo.n_clases - 1}, "
                         f"llegaron de {y.min()} a {y.max()}")
    pasos = entero_positivo(pasos, "pasos")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    cada = entero_positivo(cada, "cada")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    p_sin_clase = numero_real(p_sin_clase, "p_sin_clase", 0.0, 1.0)
    if segundos_maximos is not None:
        segundos_maximos = numero_real(segundos_maximos, "segundos_maximos", 0.0, incluir_minimo=False)
    dispositivo = next(modelo.parameters()).device if dispositivo is None else torch.device(dispositivo)
    modelo = mover(modelo, dispositivo)
    X0 = mover(a_simetrico(torch.as_tensor(X, dtype=torch.float32)), dispositivo)
    Y = mover(torch.as_tensor(y, dtype=torch.long), dispositivo)
    generador = torch.Generator().manual_seed(int(semilla))
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    historial: dict[str, list[float]] = {"perdida": [], "paso": []}
    tramo: list[torch.Tensor] = []
    modelo.train()
    inicio = time.perf_counter()
    dados = 0
    for paso in range(1, pasos + 1):
        transcurrido = time.perf_counter() - inicio
        avance = (paso - 1) / pasos if segundos_maximos is None else max((paso - 1) / pasos,
                                                                          transcurrido / segundos_maximos)
        for grupo in optimizador.param_groups:  # coseno de tasa a tasa/10 (por pasos o por tiempo)
            grupo["lr"] = tasa / 10 + 0.9 * tasa * (1 + math.cos(math.pi * min(avance, 1.0))) / 2
        indices = torch.randint(len(X), (tamano_lote,), generator=generador)
        t = torch.randint(calendario.T, (tamano_lote,), generator=generador)
        ruido = torch.randn((tamano_lote, 1, 8, 8), generator=generador)
        ocultar = torch.rand(tamano_lote, generator=generador) < p_sin_clase
        indices, t, ruido, ocultar = mover((indices, t, ruido, ocultar), dispositivo)
        clases = torch.where(ocultar, torch.full_like(Y[indices], modelo.n_clases), Y[indices])
        x_t = difundir(X0[indices], t, calendario, ruido)
        perdida = torch.mean((modelo(x_t, t, clases) - ruido) ** 2)
        optimizador.zero_grad()
        perdida.backward()
        optimizador.step()
        tramo.append(perdida.detach())
        dados = paso
        agotado = segundos_maximos is not None and time.perf_counter() - inicio >= segundos_maximos
        if len(tramo) == cada or paso == pasos or agotado:
            historial["perdida"].append(float(torch.stack(tramo).mean()))
            historial["paso"].append(paso)
            tramo = []
        if agotado:
            break
    modelo.eval()
    historial["segundos"] = [time.perf_counter() - inicio]
    historial["pasos"] = [dados]
    return historial
