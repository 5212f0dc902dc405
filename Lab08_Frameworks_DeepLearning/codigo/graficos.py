"""Gráficos del Lab08: curvas de aprendizaje de varias bibliotecas, registros de TensorBoard y velocidad."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["graficar_historiales", "graficar_escalares", "graficar_velocidad"]

_ESTILOS = ["-", "--", ":", "-."]
_NOMBRES = {
    "perdida": "pérdida",
    "perdida_val": "pérdida (validación)",
    "exactitud": "exactitud",
    "exactitud_val": "exactitud (validación)",
}


def graficar_historiales(
    historiales: dict[str, dict[str, list[float]]],
    claves: Sequence[str] = ("perdida", "perdida_val"),
    ax: plt.Axes | None = None,
    titulo: str | None = None,
) -> plt.Axes:
    """Una curva por (historial, clave): el color distingue el historial (p. ej. la biblioteca) y
    el trazo la clave (entrenamiento continuo, validación discontinuo). Época en el eje x."""
    if not historiales:
        raise ValueError("historiales está vacío: pasa {nombre: historial}")
    ax = ax or plt.gca()
    for i, (nombre, historial) in enumerate(historiales.items()):
        color = f"C{i}"
        for j, clave in enumerate(claves):
            if clave not in historial:
                raise KeyError(f"el historial {nombre!r} no tiene {clave!r}; tiene {', '.join(historial)}")
            valores = historial[clave]
            ax.plot(
                np.arange(1, len(valores) + 1),
                valores,
                _ESTILOS[j % 4],
                color=color,
                label=f"{nombre} · {_NOMBRES.get(clave, clave)}",
            )
    ax.set_xlabel("época")
    ax.set_ylabel(" / ".join(dict.fromkeys(_NOMBRES.get(c, c).split(" (")[0] for c in claves)))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    if titulo:
        ax.set_title(titulo)
    return ax


def graficar_escalares(
    escalares: dict[str, list[tuple[int, float]]],
    claves: Sequence[str] | None = None,
    ax: plt.Axes | None = None,
    titulo: str | None = None,
) -> plt.Axes:
    """Dibuja lo leído con ``leer_escalares``: una curva por etiqueta (lo que enseñaría TensorBoard)."""
    claves = list(claves) if claves is not None else list(escalares)
    if not claves:
        raise ValueError("no hay escalares que dibujar: ¿se escribió algún registro?")
    ax = ax or plt.gca()
    for clave in claves:
        if clave not in escalares:
            raise KeyError(f"no hay registros con la etiqueta {clave!r}; hay: {', '.join(escalares)}")
        pasos, valores = zip(*escalares[clave])
        ax.plot(pasos, valores, marker=".", label=clave)
    ax.set_xlabel("paso (época)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    if titulo:
        ax.set_title(titulo)
    return ax


def graficar_velocidad(resultados: dict[str, Any], ax: plt.Axes | None = None) -> plt.Axes:
    """Barras con el tiempo de cada biblioteca relativo a PyTorch (de ``medir_velocidad``):
    una época del MLP y cada tamaño de capa densa. Menos es mejor; la línea marca PyTorch = 1."""
    ax = ax or plt.gca()
    grupos = {"época MLP": resultados["epoca"]}
    grupos.update({f"densa {n}×{e}×{s}": t for (n, e, s), t in resultados["densa"].items()})
    bibliotecas = list(resultados["epoca"])
    ancho = 0.8 / len(bibliotecas)
    for i, biblioteca in enumerate(bibliotecas):
        razones = [tiempos[biblioteca] / tiempos["PyTorch"] for tiempos in grupos.values()]
        ax.bar(
            np.arange(len(grupos)) + (i - (len(bibliotecas) - 1) / 2) * ancho,
            razones,
            ancho,
            label=biblioteca,
        )
    ax.axhline(1.0, color="k", lw=0.8)
    ax.set_xticks(np.arange(len(grupos)), list(grupos), fontsize=8)
    ax.set_ylabel("tiempo / tiempo de PyTorch")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    return ax
