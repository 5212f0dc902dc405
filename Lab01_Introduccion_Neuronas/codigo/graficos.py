"""Gráficos para clasificadores en 2-D: puntos, fronteras de decisión y curvas de error.

Los usan también los laboratorios siguientes (Lab02, Lab05, Lab06…).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .validacion import como_arreglo, comprobar_forma

__all__ = ["graficar_puntos", "graficar_frontera_decision", "graficar_errores", "malla_2d"]

COLORES = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
MARCADORES = ["o", "s", "^", "D", "v", "P"]


def graficar_puntos(X: np.ndarray, y: np.ndarray, ax: plt.Axes | None = None) -> plt.Axes:
    """Dibuja los ejemplos ``X`` ``(N, 2)`` coloreados por su clase ``y`` ``(N,)``."""
    X = como_arreglo(X, "X", ndim=2)
    comprobar_forma(X, (None, 2), "X")
    y = np.asarray(y).ravel()
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene {y.shape[0]}")
    ax = ax or plt.gca()
    for i, clase in enumerate(np.unique(y)):
        m = y == clase
        # Las clases enteras 0, 1, 2… usan siempre el color k, el mismo que su región en
        # graficar_frontera_decision (aunque falte alguna clase, p. ej. si y es todo unos).
        k = int(clase) if float(clase).is_integer() and clase >= 0 else i
        ax.scatter(
            X[m, 0], X[m, 1], s=30, c=COLORES[k % len(COLORES)], marker=MARCADORES[k % len(MARCADORES)],
            edgecolors="k", linewidths=0.5, label=f"clase {clase:g}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def malla_2d(
    X: np.ndarray, resolucion: int = 200, margen: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rejilla que cubre los puntos ``X`` con ``margen``: ``(xx, yy, puntos (M, 2))``."""
    x_min, y_min = X.min(axis=0) - margen
    x_max, y_max = X.max(axis=0) + margen
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolucion), np.linspace(y_min, y_max, resolucion))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def graficar_frontera_decision(
    prediccion: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    ax: plt.Axes | None = None,
    titulo: str | None = None,
    resolucion: int = 200,
    margen: float = 0.5,
) -> plt.Axes:
    """Colorea el plano según ``prediccion`` y dibuja los puntos encima.

    ``prediccion`` recibe puntos ``(M, 2)`` y devuelve las clases ``(M,)`` (enteros 0, 1, …)
    o una puntuación por clase ``(M, C)`` (se toma la mayor).
    """
    X = como_arreglo(X, "X", ndim=2)
    comprobar_forma(X, (None, 2), "X")
    ax = ax or plt.gca()
    xx, yy, puntos = malla_2d(X, resolucion, margen)
    z = np.asarray(prediccion(puntos))
    if z.ndim == 2 and z.shape[1] > 1:
        z = z.argmax(axis=1)
    z = z.reshape(-1) if z.ndim == 2 and z.shape[1] == 1 else z
    if z.shape != (puntos.shape[0],) or not np.all(np.mod(z, 1) == 0) or z.min() < 0:
        detalle = "" if z.shape != (puntos.shape[0],) else " con valores no enteros (¿probabilidades?)"
        raise ValueError(
            "prediccion debe devolver clases enteras de forma (M,) o una puntuación por clase "
            f"de forma (M, C); se recibió forma {z.shape}{detalle}"
        )
    z = z.reshape(xx.shape)
    # Cada región con el color (aclarado) de su clase, el mismo que usan los puntos.
    n_colores = int(max(z.max(), np.max(y))) + 1 if z.size else 1
    colores = ListedColormap([COLORES[i % len(COLORES)] for i in range(n_colores)])
    ax.contourf(xx, yy, z, levels=np.arange(n_colores + 1) - 0.5, cmap=colores, alpha=0.25)
    graficar_puntos(X, y, ax)
    if titulo:
        ax.set_title(titulo)
    return ax


def graficar_errores(
    historial: Sequence[float], ax: plt.Axes | None = None, titulo: str = "Errores por época"
) -> plt.Axes:
    """Curva del número de errores (o de la pérdida) en cada época."""
    ax = ax or plt.gca()
    ax.plot(np.arange(1, len(historial) + 1), historial, marker="o")
    ax.set_xlabel("época")
    ax.set_ylabel("errores")
    ax.set_title(titulo)
    ax.grid(alpha=0.3)
    return ax
