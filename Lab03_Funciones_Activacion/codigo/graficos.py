"""Gráficos del Lab03: cada activación con su derivada, gradientes por capa y neuronas muertas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from .base import CapaActivacion
from .registro import crear_activacion
from .softmax import softmax

__all__ = [
    "graficar_funcion_y_derivada",
    "graficar_activaciones",
    "graficar_normas_gradiente",
    "graficar_entrenamientos",
    "graficar_softmax_temperatura",
]

AZUL, NARANJA, VERDE, ROJO, MORADO, GRIS = (
    "#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#8c8c8c"
)
COLORES = [AZUL, NARANJA, VERDE, ROJO, MORADO, GRIS]

ELEMENTALES = ("escalon", "sigmoide", "tanh", "relu", "leaky_relu", "elu", "gelu", "identidad")


def graficar_funcion_y_derivada(
    capa: CapaActivacion | str,
    ax: plt.Axes | None = None,
    rango: tuple[float, float] = (-5.0, 5.0),
    n: int = 401,
) -> plt.Axes:
    """Dibuja ``f(z)`` (línea continua) y ``f'(z)`` (discontinua) en ``rango``."""
    capa = crear_activacion(capa) if isinstance(capa, str) else capa
    if getattr(capa, "nombre", "") == "softmax":
        raise ValueError("softmax no es elemento a elemento: usa graficar_softmax_temperatura")
    ax = ax or plt.gca()
    z = np.linspace(rango[0], rango[1], n)
    ax.axhline(0, color=GRIS, lw=0.6)
    ax.axvline(0, color=GRIS, lw=0.6)
    ax.plot(z, capa.forward(z), color=AZUL, lw=2, label="f(z)")
    ax.plot(z, capa.derivada(z), color=NARANJA, lw=2, ls="--", label="f'(z)")
    ax.set_title(repr(capa), fontsize=10)
    ax.set_xlabel("z")
    ax.grid(alpha=0.3)
    return ax


def graficar_activaciones(
    capas: Sequence[CapaActivacion | str] = ELEMENTALES[:-1],
    columnas: int = 4,
    rango: tuple[float, float] = (-5.0, 5.0),
) -> plt.Figure:
    """Rejilla con una activación por panel, cada una con su derivada."""
    filas = int(np.ceil(len(capas) / columnas))
    fig, ejes = plt.subplots(filas, columnas, figsize=(3.0 * columnas, 2.6 * filas), squeeze=False)
    for eje, capa in zip(ejes.ravel(), capas):
        graficar_funcion_y_derivada(capa, eje, rango)
    for eje in ejes.ravel()[len(capas):]:
        eje.axis("off")
    ejes[0, 0].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def graficar_normas_gradiente(
    resultados: Mapping[str, np.ndarray], ax: plt.Axes | None = None, titulo: str | None = None
) -> plt.Axes:
    """Norma de ``dL/dW`` por capa (escala logarítmica), una curva por activación."""
    ax = ax or plt.gca()
    for i, (nombre, normas) in enumerate(resultados.items()):
        capas = np.arange(1, len(normas) + 1)
        ax.semilogy(capas, normas, marker="o", ms=3, color=COLORES[i % len(COLORES)], label=nombre)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("capa (1 = la más cercana a la entrada)")
    ax.set_ylabel("‖dL/dW‖")
    ax.set_title(titulo or "Gradiente que recibe cada capa")
    ax.grid(alpha=0.3, which="major")
    ax.legend(fontsize=8)
    return ax


def graficar_entrenamientos(historias: Mapping[str, Mapping[str, np.ndarray]]) -> plt.Figure:
    """Dos paneles: fracción de neuronas muertas y exactitud en cada paso, una curva por historia."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.4))
    estilos = ["-", "--", ":", "-."]
    for i, (nombre, h) in enumerate(historias.items()):
        color, estilo = COLORES[i % len(COLORES)], estilos[i % len(estilos)]
        ax1.plot(h["muertas"], color=color, lw=2, ls=estilo, label=nombre)
        ax2.plot(h["exactitud"], color=color, lw=2, ls=estilo, label=nombre)
    ax1.set_title("Neuronas apagadas (z ≤ 0 en todos los ejemplos)")
    ax1.set_ylabel("fracción")
    ax1.set_ylim(-0.05, 1.05)
    ax2.set_title("Exactitud en entrenamiento")
    ax2.set_ylim(0.4, 1.02)
    for ax in (ax1, ax2):
        ax.set_xlabel("paso de descenso de gradiente")
        ax.grid(alpha=0.3)
    ax2.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def graficar_softmax_temperatura(
    logits: Sequence[float], temperaturas: Sequence[float] = (0.5, 1.0, 3.0)
) -> plt.Figure:
    """Barras de ``softmax(logits / T)`` para varias temperaturas ``T``."""
    logits = np.asarray(logits, dtype=np.float64)
    malas = [t for t in temperaturas if not (isinstance(t, (int, float, np.integer, np.floating))
                                            and not isinstance(t, bool) and 0 < t < np.inf)]
    if malas:
        raise ValueError(f"cada temperatura debe ser un número positivo y finito; se recibió {malas}")
    fig, ejes = plt.subplots(1, len(temperaturas), figsize=(3.2 * len(temperaturas), 2.8), sharey=True)
    ejes = np.atleast_1d(ejes)
    clases = np.arange(len(logits))
    for eje, t in zip(ejes, temperaturas):
        p = softmax(logits / t)
        eje.bar(clases, p, color=AZUL)
        for c, v in zip(clases, p):
            eje.text(c, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
        eje.set_title(f"T = {t:g}")
        eje.set_xticks(clases)
        eje.set_xlabel("clase")
        eje.set_ylim(0, 1.1)
    ejes[0].set_ylabel("probabilidad")
    fig.tight_layout()
    return fig
