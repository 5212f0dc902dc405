"""Genera las figuras de ``teoria.md`` del Lab01 (la neurona artificial).

Uso (desde la raíz del curso)::

    python Lab01_Introduccion_Neuronas/figuras/generar_figuras.py

Las figuras se dibujan sólo con NumPy y matplotlib (sin depender de ``codigo/``), para
que el dibujo de la teoría no cambie si el código del laboratorio evoluciona. Se guardan
como PNG junto a este archivo (dpi 80, cada una por debajo de 60 KB).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # sin ventana: sólo escribimos archivos

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch  # noqa: E402

from herramientas.figuras import guardar_figura  # noqa: E402

CARPETA = Path(__file__).resolve().parent
AZUL, ROJO, GRIS = "#1f77b4", "#d62728", "#7f7f7f"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre, ajustar=True)


def flecha(ax: plt.Axes, inicio: tuple[float, float], fin: tuple[float, float], **kw) -> None:
    """Flecha recta de ``inicio`` a ``fin`` (coordenadas de datos)."""
    estilo = dict(arrowstyle="-|>", mutation_scale=14, lw=1.4, color="k")
    estilo.update(kw)
    ax.add_patch(FancyArrowPatch(inicio, fin, **estilo))


# ---------------------------------------------------------------------------
# 1. Diagrama de una neurona artificial
# ---------------------------------------------------------------------------
def figura_neurona() -> Path:
    """Entradas → pesos → suma ponderada (+ sesgo) → activación → salida."""
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.6, 5.2)
    ax.axis("off")

    centro_suma = (5.0, 2.5)
    entradas = [("$x_1$", 4.3, "$w_1$"), ("$x_2$", 2.5, "$w_2$"), ("$x_3$", 0.7, "$w_3$")]
    for etiqueta, y, peso in entradas:
        ax.add_patch(Circle((1.2, y), 0.38, fc="#dbe9f6", ec=AZUL, lw=1.5))
        ax.text(1.2, y, etiqueta, ha="center", va="center", fontsize=14)
        flecha(ax, (1.6, y), (4.45, centro_suma[1] + (y - 2.5) * 0.18))
        ax.text(2.9, y + (2.5 - y) * 0.42 + 0.22, peso, ha="center", fontsize=13, color=ROJO)

    # El sesgo entra desde arriba como un peso más cuya entrada vale siempre 1.
    ax.add_patch(Circle((5.0, 4.7), 0.3, fc="#f2f2f2", ec=GRIS, lw=1.2))
    ax.text(5.0, 4.7, "$1$", ha="center", va="center", fontsize=12)
    flecha(ax, (5.0, 4.4), (5.0, 3.1))
    ax.text(5.15, 3.7, "$b$ (sesgo)", fontsize=12, color=ROJO)

    ax.add_patch(Circle(centro_suma, 0.55, fc="#fff2cc", ec="#b8860b", lw=2))
    ax.text(*centro_suma, r"$\Sigma$", ha="center", va="center", fontsize=20)
    ax.text(5.0, 1.55, r"$z=\mathbf{w}\cdot\mathbf{x}+b$", ha="center", fontsize=12)

    ax.add_patch(FancyBboxPatch((6.45, 2.05), 1.1, 0.9, boxstyle="round,pad=0.05",
                                fc="#e2f0d9", ec="#2ca02c", lw=2))
    ax.text(7.0, 2.5, "$f$", ha="center", va="center", fontsize=18)
    ax.text(7.0, 1.55, "activación", ha="center", fontsize=11)
    flecha(ax, (5.57, 2.5), (6.42, 2.5))
    flecha(ax, (7.62, 2.5), (8.7, 2.5))
    ax.text(9.25, 2.5, "$a=f(z)$", ha="center", va="center", fontsize=13)

    # Analogía biológica (aproximada) en gris.
    for x, texto in [(1.2, "entradas\n(≈ dendritas)"), (2.9, "pesos\n(≈ sinapsis)"),
                     (5.0, "suma\n(≈ soma)"), (8.2, "salida\n(≈ axón)")]:
        ax.text(x, -0.45, texto, ha="center", fontsize=10, color=GRIS)
    ax.set_title("Una neurona artificial con tres entradas", fontsize=13)
    return guardar(fig, "neurona_artificial.png")


# ---------------------------------------------------------------------------
# 2. Funciones de activación del Lab01
# ---------------------------------------------------------------------------
def figura_activaciones() -> Path:
    """Escalón, identidad y sigmoide, una al lado de otra."""
    z = np.linspace(-6, 6, 601)
    sigmoide = 0.5 * (1.0 + np.tanh(0.5 * z))  # misma función que 1/(1+e^-z), sin desbordes
    fig, ejes = plt.subplots(1, 3, figsize=(10, 3.0))

    ax = ejes[0]
    ax.plot(z[z < 0], np.zeros((z < 0).sum()), color=AZUL, lw=2.2)
    ax.plot(z[z >= 0], np.ones((z >= 0).sum()), color=AZUL, lw=2.2)
    ax.plot([0], [1], "o", color=AZUL)                 # escalón(0) = 1
    ax.plot([0], [0], "o", mfc="white", color=AZUL)    # el 0 no se alcanza en z = 0
    ax.set_title("escalón: 1 si $z\\geq 0$, si no 0")
    ax.set_ylim(-0.2, 1.2)

    ax = ejes[1]
    ax.plot(z, z, color="#2ca02c", lw=2.2)
    ax.set_title("identidad: $f(z)=z$")

    ax = ejes[2]
    ax.plot(z, sigmoide, color=ROJO, lw=2.2)
    ax.axhline(0.5, color=GRIS, ls=":", lw=1)
    ax.set_title("sigmoide: $1/(1+e^{-z})$")
    ax.set_ylim(-0.2, 1.2)

    for ax in ejes:
        ax.axhline(0, color="k", lw=0.6)
        ax.axvline(0, color="k", lw=0.6)
        ax.set_xlabel("$z$")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return guardar(fig, "activaciones.png")


# ---------------------------------------------------------------------------
# 3. Vista geométrica: la frontera es una recta, w es su normal, b la desplaza
# ---------------------------------------------------------------------------
def figura_geometria() -> Path:
    """Recta ``w·x + b = 0`` con ``w = (2, 1)``: regiones, vector normal y efecto de ``b``."""
    w = np.array([2.0, 1.0])
    b = -2.0
    fig, ax = plt.subplots(figsize=(5.6, 5.0))
    lim = (-1.0, 3.0)
    xx, yy = np.meshgrid(np.linspace(*lim, 300), np.linspace(*lim, 300))
    z = w[0] * xx + w[1] * yy + b
    ax.contourf(xx, yy, z >= 0, levels=[-0.5, 0.5, 1.5], colors=["#dbe9f6", "#f8d7d7"], alpha=0.9)

    x1 = np.array(lim)
    for sesgo, estilo in [(-1.0, "--"), (-2.0, "-"), (-3.0, ":")]:
        x2 = -(w[0] * x1 + sesgo) / w[1]
        ax.plot(x1, x2, "k", ls=estilo, lw=2 if sesgo == b else 1.3, label=f"$b={sesgo:g}$")
    ax.legend(loc="lower right", fontsize=10, framealpha=0.9, title="frontera con")

    # Vector normal w dibujado desde el punto de la recta más cercano al origen.
    pie = -b * w / (w @ w)
    flecha(ax, tuple(pie), tuple(pie + 0.55 * w), color=ROJO, lw=2.2, mutation_scale=18)
    ax.text(*(pie + 0.55 * w + np.array([0.05, 0.05])), r"$\mathbf{w}=(2,1)$", color=ROJO, fontsize=12)
    ax.plot([0, pie[0]], [0, pie[1]], color=GRIS, lw=1, ls="--")
    ax.plot([0], [0], "ko", ms=4)
    ax.text(0.05, -0.25, "origen", fontsize=9, color=GRIS)
    ax.text(-0.85, -0.75, "$z<0$  →  salida 0", fontsize=12, color=AZUL)
    ax.text(1.55, 2.0, "$z>0$\n→ salida 1", fontsize=12, color=ROJO)
    ax.set_xlim(*lim)
    ax.set_ylim(*lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Frontera $2x_1 + x_2 + b = 0$")
    ax.grid(alpha=0.3)
    return guardar(fig, "geometria_neurona.png")


# ---------------------------------------------------------------------------
# 4. AND, OR (separables) y XOR (no separable)
# ---------------------------------------------------------------------------
def figura_compuertas() -> Path:
    """Las cuatro entradas binarias coloreadas por la salida de cada puerta lógica."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    tablas = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
    rectas = {"AND": (np.array([1.0, 1.0]), -1.5), "OR": (np.array([1.0, 1.0]), -0.5)}
    fig, ejes = plt.subplots(1, 3, figsize=(10, 3.5))
    lim = (-0.5, 1.5)
    xx, yy = np.meshgrid(np.linspace(*lim, 200), np.linspace(*lim, 200))
    for ax, (nombre, y) in zip(ejes, tablas.items()):
        y = np.array(y)
        if nombre in rectas:
            w, b = rectas[nombre]
            z = w[0] * xx + w[1] * yy + b
            ax.contourf(xx, yy, z >= 0, levels=[-0.5, 0.5, 1.5], colors=["#dbe9f6", "#f8d7d7"])
            x1 = np.array(lim)
            ax.plot(x1, -(w[0] * x1 + b) / w[1], "k", lw=2)
            ax.set_title(f"{nombre}: $x_1+x_2{b:+.1f}=0$ la separa")
        else:
            # Dos intentos fallidos: cada recta deja un punto en el lado equivocado.
            x1 = np.array(lim)
            ax.plot(x1, -(x1 - 0.5), color=GRIS, ls="--", lw=1.3)
            ax.plot(x1, -(x1 - 1.5), color=GRIS, ls="--", lw=1.3)
            ax.text(0.5, 0.5, "?", fontsize=28, ha="center", va="center", color=GRIS)
            ax.set_title("XOR: ninguna recta la separa")
        for clase, color, marca in [(0, AZUL, "o"), (1, ROJO, "s")]:
            m = y == clase
            ax.scatter(X[m, 0], X[m, 1], s=140, c=color, marker=marca, edgecolors="k",
                       zorder=3, label=f"salida {clase}")
        ax.set_xlim(*lim)
        ax.set_ylim(*lim)
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
    ejes[0].legend(loc="upper left", fontsize=9, framealpha=0.9)
    fig.tight_layout()
    return guardar(fig, "compuertas_logicas.png")


if __name__ == "__main__":
    figura_neurona()
    figura_activaciones()
    figura_geometria()
    figura_compuertas()
