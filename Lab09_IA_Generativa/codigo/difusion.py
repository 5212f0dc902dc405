"""Difusión (DDPM): ensuciar una imagen con ruido paso a paso y aprender a deshacerlo.

El **proceso directo** ``q`` no aprende nada: en ``T`` pasos mezcla la imagen ``x_0`` con ruido
gaussiano, ``x_t = sqrt(1 − β_t)·x_{t−1} + sqrt(β_t)·ε``. La suma de gaussianas es gaussiana, así que
se puede saltar de ``x_0`` a cualquier ``x_t`` de una vez (``difundir``)::

    x_t = sqrt(ᾱ_t)·x_0 + sqrt(1 − ᾱ_t)·ε,   ᾱ_t = ∏_{s≤t} (1 − β_s),   ε ~ N(0, I)

El **proceso inverso** sí se aprende: una red ``ε̂(x_t, t, c)`` adivina el ruido que se sumó
(``red_ruido.py``); con ella, ``muestrear_ddpm`` parte de ruido puro ``x_T`` y va quitando un poco
de ruido en cada paso hasta llegar a un dígito. Ho et al. (2020), «Denoising Diffusion Probabilistic
Models». La **guía sin clasificador** (Ho & Salimans, 2022, «Classifier-Free Diffusion Guidance»)
exagera lo que distingue a la clase pedida: ``ε̃ = (1 + w)·ε̂(x, t, c) − w·ε̂(x, t, ∅)``.

Los pasos se cuentan desde 0: ``t = 0`` es el primero (casi sin ruido), ``t = T − 1`` el último.
Por dentro se trabaja en ``[-1, 1]`` (``a_simetrico``); las muestras salen en ``[0, 1]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover

from .datos import desde_simetrico

__all__ = ["CalendarioDifusion", "calendario_ruido", "difundir", "prediccion_guiada", "muestrear_ddpm"]

TIPOS_CALENDARIO = ("lineal", "coseno")


@dataclass(frozen=True)
class CalendarioDifusion:
    """El calendario de ruido de un DDPM: tensores ``(T,)`` en ``float64`` (CPU).

    ``betas[t]`` = β_t (cuánto ruido se añade en el paso ``t``), ``alphas`` = 1 − β_t y
    ``alphas_acumuladas`` = ᾱ_t = ∏_{s≤t} α_s (cuánto queda de la imagen original en ``x_t``).
    """

    betas: torch.Tensor
    alphas: torch.Tensor
    alphas_acumuladas: torch.Tensor
    tipo: str

    @property
    def T(self) -> int:
        """Número de pasos."""
        return int(self.betas.shape[0])

    @property
    def varianza_posterior(self) -> torch.Tensor:
        """β̃_t = β_t·(1 − ᾱ_{t−1}) / (1 − ᾱ_t) ``(T,)``: la varianza de ``q(x_{t−1} | x_t, x_0)``
        (0 en ``t = 0``: el último paso del muestreo no añade ruido)."""
        anteriores = torch.cat([torch.ones(1, dtype=self.betas.dtype), self.alphas_acumuladas[:-1]])
        return self.betas * (1 - anteriores) / (1 - self.alphas_acumuladas)

    def __repr__(self) -> str:
        return (f"CalendarioDifusion(tipo={self.tipo!r}, T={self.T}, β de {self.betas[0]:.2e} a "
                f"{self.betas[-1]:.3g}, ᾱ_T={self.alphas_acumuladas[-1]:.2e})")


def calendario_ruido(pasos: int = 100, tipo: str = "lineal", beta_inicial: float | None = None,
                     beta_final: float | None = None, s: float = 0.008) -> CalendarioDifusion:
    """El calendario de ``pasos`` pasos.

    - ``"lineal"`` (Ho et al., 2020): β crece en línea recta de ``1e-4`` a ``0.02`` con ``T = 1000``;
      con otro ``T`` los dos extremos se multiplican por ``1000 / T`` (así ᾱ_T queda igual de
      pequeño: con ``T = 100``, de ``1e-3`` a ``0.2``; nunca por encima de ``0.999``, para ``T < 20``).
      ``beta_inicial``/``beta_final`` los fijan a mano.
    - ``"coseno"`` (Nichol & Dhariwal, 2021, «Improved DDPM»): ``ᾱ(t) = f(t)/f(0)`` con
      ``f(t) = cos²(((t/T) + s)/(1 + s)·π/2)``, ``s = 0.008``; β_t = 1 − ᾱ_t/ᾱ_{t−1} recortada a
      ``≤ 0.999``. Quita el ruido más despacio al principio: no «desperdicia» pasos finales en
      imágenes que ya son casi ruido puro.
    """
    T = entero_positivo(pasos, "pasos")
    if tipo not in TIPOS_CALENDARIO:
        raise ValueError(f"tipo de calendario desconocido: {tipo!r}; se esperaba 'lineal' o 'coseno'")
    if tipo == "lineal":
        escala = 1000.0 / T
        inicial = min(1e-4 * escala, 0.999) if beta_inicial is None else beta_inicial
        final = min(0.02 * escala, 0.999) if beta_final is None else beta_final
        inicial = numero_real(inicial, "beta_inicial", 0.0, 1.0, incluir_minimo=False, incluir_maximo=False)
        final = numero_real(final, "beta_final", 0.0, 1.0, incluir_minimo=False, incluir_maximo=False)
        betas = torch.linspace(inicial, final, T, dtype=torch.float64)
    else:
        if beta_inicial is not None or beta_final is not None:
            raise ValueError("beta_inicial y beta_final sólo se usan con tipo='lineal'")
        s = numero_real(s, "s", 0.0)
        u = torch.arange(T + 1, dtype=torch.float64) / T
        f = torch.cos((u + s) / (1 + s) * math.pi / 2) ** 2
        acumuladas = f / f[0]
        betas = (1 - acumuladas[1:] / acumuladas[:-1]).clamp(max=0.999)
    alphas = 1 - betas
    return CalendarioDifusion(betas, alphas, torch.cumprod(alphas, dim=0), tipo)


def _comprobar_calendario(calendario: object) -> CalendarioDifusion:
    if not isinstance(calendario, CalendarioDifusion):
        raise TypeError(f"se esperaba un CalendarioDifusion (el de calendario_ruido), se recibió "
                        f"{type(calendario).__name__}")
    return calendario


def _comprobar_pasos(t: object, N: int, calendario: CalendarioDifusion) -> torch.Tensor:
    if not isinstance(t, torch.Tensor) or t.dtype.is_floating_point or t.dtype == torch.bool:
        raise TypeError(f"se esperaba t como tensor de enteros de forma ({N},), se recibió "
                        f"{type(t).__name__}{'' if not isinstance(t, torch.Tensor) else ' ' + str(t.dtype)}")
    if t.shape != (N,):
        raise ValueError(f"se esperaba t de forma ({N},) (un paso por imagen), se recibió {tuple(t.shape)}")
    if N and (t.min() < 0 or t.max() >= calendario.T):
        raise ValueError(f"los pasos t van de 0 a {calendario.T - 1} (T = {calendario.T}), llegaron de "
                         f"{int(t.min())} a {int(t.max())}")
    return t.long()


def difundir(x0: torch.Tensor, t: torch.Tensor, calendario: CalendarioDifusion,
             ruido: torch.Tensor) -> torch.Tensor:
    """Muestra de ``q(x_t | x_0)`` de una vez: ``sqrt(ᾱ_t)·x0 + sqrt(1 − ᾱ_t)·ruido``.

    ``x0`` ``(N, ...)`` en ``[-1, 1]``, ``t`` enteros ``(N,)`` en ``[0, T − 1]``, ``ruido`` ε con la
    forma de ``x0`` (quien llama lo sortea: así la función es determinista). Devuelve ``(N, ...)``
    en el dtype y el dispositivo de ``x0``.
    """
    calendario = _comprobar_calendario(calendario)
    if not isinstance(x0, torch.Tensor) or not isinstance(ruido, torch.Tensor):
        raise TypeError("x0 y ruido deben ser tensores de PyTorch")
    if ruido.shape != x0.shape:
        raise ValueError(f"se esperaba ruido de la forma de x0 {tuple(x0.shape)}, "
                         f"se recibió {tuple(ruido.shape)}")
    if x0.ndim < 1:
        raise ValueError("x0 debe tener al menos una dimensión (N, ...)")
    t = _comprobar_pasos(t, x0.shape[0], calendario)
    acumuladas = calendario.alphas_acumuladas.to(x0.device)[t.to(x0.device)].to(x0.dtype)
    forma = (-1,) + (1,) * (x0.ndim - 1)
    return acumuladas.sqrt().view(forma) * x0 + (1 - acumuladas).sqrt().view(forma) * ruido


def prediccion_guiada(modelo: nn.Module, x: torch.Tensor, t: torch.Tensor, clases: torch.Tensor,
                      guia: float = 0.0) -> torch.Tensor:
    """Ruido predicho con guía sin clasificador: ``(1 + w)·ε̂(x, t, c) − w·ε̂(x, t, ∅)``.

    ``x`` ``(N, 1, 8, 8)``, ``t`` ``(N,)``, ``clases`` ``(N,)`` (``modelo.n_clases`` = «sin clase», ∅).
    Con ``guia = 0`` es la predicción condicional tal cual (una sola pasada por la red); con
    ``guia > 0`` las dos pasadas van en un solo lote de ``2N``.
    """
    guia = numero_real(guia, "guia", 0.0)
    if guia == 0:
        return modelo(x, t, clases)
    sin_clase = torch.full_like(clases, modelo.n_clases)
    ambas = modelo(torch.cat([x, x]), torch.cat([t, t]), torch.cat([clases, sin_clase]))
    condicional, incondicional = ambas.chunk(2)
    return (1 + guia) * condicional - guia * incondicional


def _clases_pedidas(clases: object, n_clases: int) -> torch.Tensor:
    if clases is None:
        return torch.arange(n_clases)
    if isinstance(clases, (int, np.integer)) and not isinstance(clases, bool):
        return torch.full((entero_positivo(clases, "clases (número de muestras)"),), n_clases)
    arreglo = np.asarray(clases.cpu() if isinstance(clases, torch.Tensor) else clases)
    if arreglo.ndim != 1 or len(arreglo) == 0 or not np.issubdtype(arreglo.dtype, np.integer):
        raise ValueError(f"se esperaban clases enteras de forma (N,) con N ≥ 1, se recibió "
                         f"{arreglo.dtype} {arreglo.shape}")
    if arreglo.min() < 0 or arreglo.max() >= n_clases:
        raise ValueError(f"las clases deben ir de 0 a {n_clases - 1}, llegaron de {arreglo.min()} a "
                         f"{arreglo.max()}")
    return torch.as_tensor(arreglo, dtype=torch.long)


@torch.no_grad()
def muestrear_ddpm(modelo: nn.Module, calendario: CalendarioDifusion,
                   clases: int | np.ndarray | torch.Tensor | None = None, guia: float = 0.0,
                   semilla: int = 0, dispositivo: torch.device | str | None = None,
                   devolver_trayectoria: bool = False, n_instantaneas: int = 6,
                   recortar_x0: bool = True) -> np.ndarray | tuple[np.ndarray, dict]:
    """Muestreo ancestral de Ho et al. (2020): de ``x_{T−1} ~ N(0, I)`` a ``x_0``, un paso cada vez.

    ``clases``: ``None`` → un dígito de cada clase (0, 1, …, 9); un arreglo ``(N,)`` de enteros →
    esas clases; un entero ``n`` → ``n`` muestras **sin clase** (∅; la guía no cambia nada).
    En cada paso: ``ε̃`` = ``prediccion_guiada``; ``x̂_0 = (x_t − sqrt(1 − ᾱ_t)·ε̃)/sqrt(ᾱ_t)``,
    recortada a ``[-1, 1]`` si ``recortar_x0`` (evita que una ε̃ exagerada por la guía saque los
    píxeles de rango); y ``x_{t−1} ~ N(μ̃_t(x_t, x̂_0), β̃_t)``, la posterior ``q(x_{t−1} | x_t, x̂_0)``
    con su varianza **β̃_t** (``varianza_posterior``; sin ruido en el último paso).

    La red va a ``dispositivo`` (``None``: donde ya esté). Todo el azar sale de un
    ``torch.Generator`` de CPU con ``semilla`` (se sortea en la CPU y se lleva al dispositivo).
    Devuelve NumPy ``float64`` ``(N, 1, 8, 8)`` en ``[0, 1]``; con ``devolver_trayectoria``
    también un diccionario con ``"pasos"`` (``n_instantaneas`` pasos, de ``T − 1`` a ``0``),
    ``"x_t"`` y ``"x0_predicho"`` ``(n_instantaneas, N, 1, 8, 8)`` en ``[0, 1]`` (la imagen
    ruidosa y lo que la red cree que hay debajo, en esos pasos).
    """
    calendario = _comprobar_calendario(calendario)
    if not isinstance(modelo, nn.Module) or not hasattr(modelo, "n_clases"):
        raise TypeError(f"se esperaba la red de ruido (RedRuido), se recibió {type(modelo).__name__}")
    guia = numero_real(guia, "guia", 0.0)
    n_instantaneas = entero_positivo(n_instantaneas, "n_instantaneas")
    if getattr(modelo, "pasos", calendario.T) != calendario.T:
        raise ValueError(f"el calendario tiene T = {calendario.T} pasos y la red se creó para "
                         f"pasos = {modelo.pasos}; deben coincidir")
    if dispositivo is None:
        dispositivo = next(modelo.parameters()).device
    dispositivo = torch.device(dispositivo)
    modelo = mover(modelo, dispositivo)
    etiquetas = _clases_pedidas(clases, modelo.n_clases).to(dispositivo)
    N, T = len(etiquetas), calendario.T
    generador = torch.Generator().manual_seed(int(semilla))
    acumuladas = calendario.alphas_acumuladas
    anteriores = torch.cat([torch.ones(1, dtype=torch.float64), acumuladas[:-1]])
    # μ̃_t = coef_x0·x̂_0 + coef_xt·x_t (Ho et al., ec. 7)
    coef_x0 = (anteriores.sqrt() * calendario.betas / (1 - acumuladas)).tolist()
    coef_xt = (calendario.alphas.sqrt() * (1 - anteriores) / (1 - acumuladas)).tolist()
    sigmas = calendario.varianza_posterior.sqrt().tolist()
    raiz_a, raiz_1ma = acumuladas.sqrt().tolist(), (1 - acumuladas).sqrt().tolist()
    guardar = set(np.linspace(T - 1, 0, min(n_instantaneas, T)).round().astype(int).tolist())
    trayectoria: dict[str, list] = {"pasos": [], "x_t": [], "x0_predicho": []}
    estaba_entrenando = modelo.training
    modelo.eval()
    try:
        x = torch.randn((N, 1, 8, 8), generator=generador).to(dispositivo)
        for t in range(T - 1, -1, -1):
            pasos_t = torch.full((N,), t, dtype=torch.long, device=dispositivo)
            eps = prediccion_guiada(modelo, x, pasos_t, etiquetas, guia)
            x0 = (x - raiz_1ma[t] * eps) / raiz_a[t]
            if recortar_x0:
                x0 = x0.clamp(-1, 1)
            if t in guardar:
                trayectoria["pasos"].append(t)
                trayectoria["x_t"].append(desde_simetrico(x).cpu().double().numpy())
                trayectoria["x0_predicho"].append(desde_simetrico(x0).cpu().double().numpy())
            x = coef_x0[t] * x0 + coef_xt[t] * x
            if t > 0:
                x = x + sigmas[t] * torch.randn((N, 1, 8, 8), generator=generador).to(dispositivo)
    finally:
        modelo.train(estaba_entrenando)
    muestras = desde_simetrico(x).cpu().double().numpy()
    if not devolver_trayectoria:
        return muestras
    return muestras, {"pasos": trayectoria["pasos"], "x_t": np.stack(trayectoria["x_t"]),
                      "x0_predicho": np.stack(trayectoria["x0_predicho"])}
