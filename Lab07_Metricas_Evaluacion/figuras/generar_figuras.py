"""Genera las figuras de ``teoria.md`` del Lab07 con el propio código del laboratorio.

Uso (desde la raíz del curso)::

    python Lab07_Metricas_Evaluacion/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

CARPETA = Path(__file__).resolve().parent
sys.path.insert(0, str(CARPETA.parent.parent))  # la raíz del curso, para importar los laboratorios

from herramientas.figuras import guardar_figura  # noqa: E402
from Lab07_Metricas_Evaluacion.codigo import (  # noqa: E402
    EJEMPLO_Y_PREDICHO,
    EJEMPLO_Y_VERDADERO,
    elegir_umbral,
    graficar_curva_pr,
    graficar_curva_roc,
    graficar_matriz_confusion,
    graficar_metricas_umbral,
    graficar_pliegues,
    matriz_confusion,
    numeros_de_pliegue,
)


def _puntuaciones(n_pos: int, n_neg: int, separacion: float, semilla: int) -> tuple[np.ndarray, np.ndarray]:
    """Puntuaciones de un clasificador ficticio: positivos ~ N(separación, 1), negativos ~ N(0, 1)."""
    rng = np.random.default_rng(semilla)
    y = np.r_[np.ones(n_pos, int), np.zeros(n_neg, int)]
    s = np.r_[rng.normal(separacion, 1, n_pos), rng.normal(0, 1, n_neg)]
    return y, 1 / (1 + np.exp(-s))


def figura_matriz() -> None:
    fig, ejes = plt.subplots(1, 2, figsize=(9, 3.8))
    m = matriz_confusion(EJEMPLO_Y_VERDADERO, EJEMPLO_Y_PREDICHO, clases=[1, 0])
    graficar_matriz_confusion(m, ["positivo (1)", "negativo (0)"], ax=ejes[0],
                              titulo="Binaria: ejemplo de teoria.md")
    for (i, j), nombre in np.ndenumerate(np.array([["VP", "FN"], ["FP", "VN"]])):
        ejes[0].text(j, i + 0.3, nombre, ha="center", va="center", fontsize=9, color="gray")
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 300)
    y_p = np.where(rng.random(300) < 0.75, y, rng.integers(0, 3, 300))
    y_p[(y == 2) & (rng.random(300) < 0.3)] = 1  # la clase 2 se confunde con la 1
    graficar_matriz_confusion(matriz_confusion(y, y_p), ["gato", "perro", "zorro"], normalizar="verdadero",
                              ax=ejes[1], titulo="Tres clases, normalizada por filas")
    fig.tight_layout()
    guardar_figura(fig, CARPETA / "matriz_confusion.png")


def figura_roc_pr() -> None:
    fig, ejes = plt.subplots(1, 2, figsize=(9, 4))
    for etiqueta, n_pos, sep in (("equilibrado", 500, 1.5), ("5 % positivos", 25, 1.5)):
        y, s = _puntuaciones(n_pos, 500, sep, semilla=1)
        graficar_curva_roc(y, s, ax=ejes[0], etiqueta=etiqueta)
        graficar_curva_pr(y, s, ax=ejes[1], etiqueta=etiqueta)
    ejes[0].set_title("ROC: casi no cambia con el desequilibrio")
    ejes[1].set_title("PR: se hunde cuando los positivos son raros")
    fig.tight_layout()
    guardar_figura(fig, CARPETA / "roc_pr.png")


def figura_umbral() -> None:
    y, s = _puntuaciones(60, 240, 1.8, semilla=2)
    fig, ax = plt.subplots(figsize=(7, 3.8))
    elegido = elegir_umbral(y, s, "sensibilidad_minima", objetivo=0.9)
    graficar_metricas_umbral(y, s, ax=ax, marcar=elegido)
    ax.axvline(elegir_umbral(y, s, "f1").umbral, color="gray", ls=":", lw=1.5, label="máximo F1")
    ax.legend(fontsize=8, loc="center left")
    ax.set_title("Subir el umbral gana precisión y pierde sensibilidad")
    fig.tight_layout()
    guardar_figura(fig, CARPETA / "umbral.png")


def figura_pliegues() -> None:
    y = np.r_[np.zeros(42, int), np.ones(12, int), np.full(6, 2)]
    fig, ejes = plt.subplots(2, 1, figsize=(8, 4.4))
    graficar_pliegues(numeros_de_pliegue(len(y), 5, barajar=False), y, ax=ejes[0],
                      titulo="k pliegues sin barajar: la clase rara cae en un solo pliegue")
    graficar_pliegues(numeros_de_pliegue(y, 5, estratificar=True, semilla=0), y, ax=ejes[1],
                      titulo="Estratificados: cada pliegue tiene su parte de cada clase")
    fig.tight_layout()
    guardar_figura(fig, CARPETA / "pliegues.png")


if __name__ == "__main__":
    for figura in (figura_matriz, figura_roc_pr, figura_umbral, figura_pliegues):
        figura()
    for ruta in sorted(CARPETA.glob("*.png")):
        print(f"{ruta.name}: {ruta.stat().st_size / 1024:.1f} KB")
