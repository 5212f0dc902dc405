"""Gráficos del entrenamiento: curvas de pérdida, tasas de aprendizaje, trayectorias y dígitos."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "graficar_historial",
    "graficar_curvas",
    "graficar_tasas",
    "graficar_trayectorias",
    "graficar_digitos",
]


def graficar_historial(historial: Mapping[str, Sequence[float]], claves: Sequence[str] = ("perdida",),
                       ax: plt.Axes | None = None, titulo: str | None = None) -> plt.Axes:
    """Curvas de ``historial[clave]`` (entrenamiento, línea continua) y ``clave_val`` (discontinua)."""
    ax = ax or plt.gca()
    for i, clave in enumerate(claves):
        if clave not in historial:
            raise KeyError(f"el historial no tiene la clave {clave!r}; tiene: {', '.join(historial)}")
        color = f"C{i}"
        epocas = np.arange(1, len(historial[clave]) + 1)
        ax.plot(epocas, historial[clave], color=color, label=f"{clave} (entrenamiento)")
        if clave + "_val" in historial:
            ax.plot(epocas, historial[clave + "_val"], "--", color=color, label=f"{clave} (validación)")
    mejor = getattr(historial, "mejor_epoca", None)
    if mejor:
        ax.axvline(mejor, color="gray", lw=0.8, ls=":", label=f"mejor época ({mejor})")
    ax.set_xlabel("época")
    ax.set_title(titulo or ", ".join(claves))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def graficar_curvas(historiales: Mapping[str, Mapping[str, Sequence[float]]], clave: str = "perdida",
                    ax: plt.Axes | None = None, titulo: str | None = None, log: bool = False) -> plt.Axes:
    """Una curva de ``clave`` por experimento (``{nombre: historial}``) para compararlos."""
    ax = ax or plt.gca()
    for nombre, historial in historiales.items():
        valores = historial.get(clave, [])
        ax.plot(np.arange(1, len(valores) + 1), valores, label=nombre)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("época")
    ax.set_ylabel(clave)
    ax.set_title(titulo or clave)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def graficar_tasas(tasas: Mapping[str, Sequence[float]], ax: plt.Axes | None = None,
                   titulo: str = "Calendarios de la tasa de aprendizaje") -> plt.Axes:
    """Tasa de aprendizaje por época de varios calendarios (``{nombre: [tasas]}``)."""
    ax = ax or plt.gca()
    for nombre, valores in tasas.items():
        ax.plot(np.arange(len(valores)), valores, marker=".", label=nombre)
    ax.set_xlabel("época")
    ax.set_ylabel("tasa de aprendizaje")
    ax.set_title(titulo)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def graficar_trayectorias(funcion: Callable[[np.ndarray], np.ndarray], trayectorias: Mapping[str, np.ndarray],
                          limites: tuple[float, float, float, float] = (-3, 3, -3, 3),
                          ax: plt.Axes | None = None, titulo: str | None = None) -> plt.Axes:
    """Curvas de nivel de ``funcion`` (puntos ``(M, 2)`` → ``(M,)``) y el camino de cada optimizador."""
    ax = ax or plt.gca()
    x0, x1, y0, y1 = limites
    xx, yy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    zz = funcion(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    ax.contour(xx, yy, zz, levels=np.geomspace(max(zz.min(), 1e-3), zz.max(), 15), colors="gray",
               linewidths=0.5)
    for i, (nombre, camino) in enumerate(trayectorias.items()):
        camino = np.asarray(camino)
        ax.plot(camino[:, 0], camino[:, 1], ".-", color=f"C{i}", ms=3, lw=1, label=nombre)
    ax.plot(*np.asarray(next(iter(trayectorias.values())))[0], "ko", ms=5)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    ax.set_title(titulo or "Trayectorias de los optimizadores")
    ax.legend(fontsize=8)
    return ax


def graficar_digitos(X: np.ndarray, y: np.ndarray, n: int = 10, titulo: str | None = None,
                     prediccion: np.ndarray | None = None) -> plt.Figure:
    """Los ``n`` primeros dígitos de ``X`` ``(N, 64)`` como imágenes 8×8, con su etiqueta
    (y la predicción, si se da; en rojo si es errónea)."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError(f"se esperaban dígitos de forma (N, 64), se recibió {X.shape}")
    n = min(n, X.shape[0])
    fig, ejes = plt.subplots(1, n, figsize=(1.1 * n, 1.5))
    for i, ax in enumerate(np.atleast_1d(ejes)):
        ax.imshow(X[i].reshape(8, 8), cmap="gray_r")
        texto = f"{y[i]}" if prediccion is None else f"{y[i]}→{prediccion[i]}"
        color = "k" if prediccion is None or prediccion[i] == y[i] else "red"
        ax.set_title(texto, fontsize=9, color=color)
        ax.axis("off")
    if titulo:
        fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig
