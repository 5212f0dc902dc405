"""Gráficos del Lab04: pérdida según el residuo, superficies de pérdida, exactitud y pérdida."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .paisajes import perdidas_por_residuo

__all__ = ["graficar_perdidas_residuo", "graficar_superficie", "graficar_exactitud_perdida"]


def graficar_perdidas_residuo(residuos: np.ndarray | None = None, delta: float = 1.0) -> plt.Figure:
    """Dos paneles: MSE, MAE y Huber según el residuo (izquierda) y sus derivadas (derecha)."""
    r = np.linspace(-3, 3, 601) if residuos is None else np.asarray(residuos)
    fig, (izq, der) = plt.subplots(1, 2, figsize=(9, 3.4))
    for nombre, (valor, derivada) in perdidas_por_residuo(r, delta).items():
        izq.plot(r, valor, label=nombre, lw=2)
        der.plot(r, derivada, label=nombre, lw=2)
    izq.set_title("Pérdida de un ejemplo")
    der.set_title("Derivada respecto a la predicción")
    for eje in (izq, der):
        eje.axvline(0, color="gray", lw=0.8)
        eje.axhline(0, color="gray", lw=0.8)
        eje.set_xlabel("residuo r = predicción − objetivo")
        eje.grid(alpha=0.3)
        eje.legend(fontsize=8)
    izq.set_ylim(-0.2, min(5.0, float(np.max(r**2)) + 0.2))
    fig.tight_layout()
    return fig


def graficar_superficie(
    pesos: np.ndarray,
    sesgos: np.ndarray,
    Z: np.ndarray,
    ax: plt.Axes | None = None,
    titulo: str | None = None,
    camino: np.ndarray | None = None,
    n_niveles: int = 12,
) -> plt.Axes:
    """Curvas de nivel de ``Z`` ``(S, P)`` sobre el plano ``(w, b)``; marca el mínimo de la rejilla.

    ``camino`` ``(K, 2)`` opcional: los ``(w, b)`` que recorrió el descenso de gradiente.
    """
    ax = ax or plt.gca()
    Z = np.asarray(Z)
    niveles = np.quantile(Z, np.linspace(0, 1, n_niveles) ** 2)  # más curvas cerca del mínimo
    niveles = np.unique(niveles)
    relleno = ax.contourf(pesos, sesgos, Z, levels=niveles, cmap="viridis_r")
    ax.contour(pesos, sesgos, Z, levels=niveles, colors="k", linewidths=0.4, alpha=0.5)
    plt.colorbar(relleno, ax=ax, label="pérdida")
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    ax.plot(pesos[j], sesgos[i], marker="*", color="red", ms=14, mec="k", label="mínimo")
    if camino is not None:
        camino = np.asarray(camino)
        ax.plot(camino[:, 0], camino[:, 1], ".-", color="white", ms=4, lw=1, label="descenso")
    ax.set_xlabel("peso w")
    ax.set_ylabel("sesgo b")
    ax.legend(loc="upper right", fontsize=8)
    if titulo:
        ax.set_title(titulo)
    return ax


def graficar_exactitud_perdida(
    pesos: np.ndarray, exactitudes: np.ndarray, perdidas: np.ndarray, ax: plt.Axes | None = None
) -> plt.Axes:
    """Exactitud (eje izquierdo) y entropía cruzada (eje derecho) frente al peso ``w``."""
    ax = ax or plt.gca()
    ax.plot(pesos, exactitudes, color="#1f77b4", lw=2, drawstyle="steps-mid")
    ax.set_xlabel("peso w")
    ax.set_ylabel("exactitud", color="#1f77b4")
    derecho = ax.twinx()
    derecho.plot(pesos, perdidas, color="#d62728", lw=2)
    derecho.set_ylabel("entropía cruzada", color="#d62728")
    ax.grid(alpha=0.3)
    return ax
