"""Genera las figuras de ``teoria.md`` del Lab02.

Uso (desde la raíz del curso)::

    python Lab02_Primera_Red_Neuronal/figuras/generar_figuras.py

Sólo usa NumPy, matplotlib y ``sklearn.datasets``; las espirales siguen la misma
receta que ``generar_espirales`` de ``codigo/datos.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402
from sklearn.datasets import make_circles, make_moons  # noqa: E402

from herramientas.figuras import guardar_figura  # noqa: E402

CARPETA = Path(__file__).resolve().parent
AZUL, NARANJA, VERDE, GRIS = "#4c72b0", "#dd8452", "#55a868", "#8c8c8c"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


# ---------------------------------------------------------------------------
# 1. Diagrama de una red 2 → 3 → 1
# ---------------------------------------------------------------------------
def figura_red() -> None:
    fig, ax = plt.subplots(figsize=(7.0, 4.0))
    columnas = [(0.0, 2, AZUL, "x"), (3.0, 3, NARANJA, "h"), (6.0, 1, VERDE, "ŷ")]
    posiciones = []
    for x, n, _color, _letra in columnas:
        ys = np.linspace((n - 1) / 2, -(n - 1) / 2, n) * 1.3  # la neurona 1 arriba
        posiciones.append([(x, y) for y in ys])
    for origen, destino in zip(posiciones[:-1], posiciones[1:]):
        for (x0, y0) in origen:
            for (x1, y1) in destino:
                ax.plot([x0, x1], [y0, y1], color=GRIS, lw=1.0, zorder=1)
    for (_x, n, color, letra), pos in zip(columnas, posiciones):
        for i, (px, py) in enumerate(pos, start=1):
            ax.add_patch(Circle((px, py), 0.36, facecolor=color, edgecolor="black", zorder=2))
            etiqueta = letra if n == 1 else f"{letra}$_{i}$"
            ax.text(px, py, etiqueta, ha="center", va="center", color="white",
                    fontsize=12, fontweight="bold", zorder=3)
    titulos = ["capa de entrada\n2 rasgos", "capa oculta\n3 neuronas", "capa de salida\n1 neurona"]
    for (x, *_), titulo in zip(columnas, titulos):
        ax.text(x, -2.75, titulo, ha="center", va="top", fontsize=10)
    ax.text(1.5, 2.35, "W₁: (2, 3)   b₁: (3,)\n6 + 3 = 9 parámetros", ha="center", fontsize=9)
    ax.text(4.5, 2.35, "W₂: (3, 1)   b₂: (1,)\n3 + 1 = 4 parámetros", ha="center", fontsize=9)
    ax.text(3.0, -3.75,
            "anchura de la capa oculta = 3 · profundidad = 2 capas con pesos · total = 13 parámetros",
            ha="center", fontsize=9, color="#333333")
    ax.set_xlim(-1.0, 7.0)
    ax.set_ylim(-4.1, 3.1)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "red_2_3_1.png")


# ---------------------------------------------------------------------------
# 2. El producto matricial de una capa densa, con el ejemplo numérico de la teoría
# ---------------------------------------------------------------------------
def dibujar_matriz(ax, x0, y0, valores, color, titulo, forma, resaltar=None, fantasma=None):
    """Dibuja una matriz con su esquina superior izquierda en (x0, y0)."""
    valores = np.atleast_2d(valores)
    filas, cols = valores.shape
    for i in range(filas):
        for j in range(cols):
            relleno = color
            alfa = 0.35
            if resaltar is not None and resaltar(i, j):
                alfa = 0.9
            estilo = "--" if fantasma is not None and fantasma(i) else "-"
            ax.add_patch(Rectangle((x0 + j, y0 - i - 1), 1, 1, facecolor=relleno, alpha=alfa,
                                   edgecolor="black", linestyle=estilo))
            texto = f"{valores[i, j]:g}"
            ax.text(x0 + j + 0.5, y0 - i - 0.5, texto, ha="center", va="center", fontsize=11)
    ax.text(x0 + cols / 2, y0 + 0.35, titulo, ha="center", va="bottom", fontsize=11, fontweight="bold")
    ax.text(x0 + cols / 2, y0 - filas - 0.3, forma, ha="center", va="top", fontsize=9)


def figura_producto() -> None:
    x = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    W = np.array([[1.0, -1.0], [0.0, 2.0], [2.0, 1.0]])
    b = np.array([0.5, -1.0])
    y = x @ W + b
    fig, ax = plt.subplots(figsize=(9.0, 3.6))
    fila0 = lambda i, j: i == 0  # noqa: E731
    col1 = lambda i, j: j == 1  # noqa: E731
    dibujar_matriz(ax, 0.0, 0.0, x, AZUL, "x", "(N=2, F_ent=3)\nlote × rasgos", resaltar=fila0)
    ax.text(3.6, -1.0, "@", ha="center", va="center", fontsize=18)
    dibujar_matriz(ax, 4.2, 0.5, W, NARANJA, "W", "(F_ent=3, F_sal=2)\nuna columna por neurona",
                   resaltar=col1)
    ax.text(6.8, -1.0, "+", ha="center", va="center", fontsize=18)
    b_repetido = np.vstack([b, b])
    dibujar_matriz(ax, 7.4, 0.0, b_repetido, VERDE, "b", "(F_sal=2,)\ncopiado en cada fila",
                   fantasma=lambda i: i > 0)
    ax.text(10.0, -1.0, "=", ha="center", va="center", fontsize=18)
    dibujar_matriz(ax, 10.6, 0.0, y, "#c44e52", "y", "(N=2, F_sal=2)\nlote × neuronas",
                   resaltar=lambda i, j: i == 0 and j == 1)
    ax.text(6.3, -3.55,
            "y[0, 1] = fila 0 de x · columna 1 de W + b[1] = 1·(−1) + 2·2 + 0·1 + (−1) = 2",
            ha="center", fontsize=10)
    ax.set_xlim(-0.3, 12.9)
    ax.set_ylim(-4.0, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "producto_matricial.png")


# ---------------------------------------------------------------------------
# 3. Conjuntos de datos en 2-D
# ---------------------------------------------------------------------------
def espirales(n_por_clase=100, n_clases=3, ruido=0.2, semilla=0):
    """Misma receta que ``generar_espirales``: θ = 4r + 2πk/K + ruido."""
    rng = np.random.default_rng(semilla)
    r = np.tile(np.linspace(0.0, 1.0, n_por_clase), n_clases)
    clase = np.repeat(np.arange(n_clases), n_por_clase)
    theta = 4.0 * r + 2.0 * np.pi * clase / n_clases + rng.normal(0.0, ruido, size=r.size)
    return np.column_stack([r * np.sin(theta), r * np.cos(theta)]), clase


def xor(n=200, ruido=0.15, semilla=0):
    rng = np.random.default_rng(semilla)
    esquinas = rng.integers(0, 2, size=(n, 2))
    return esquinas + rng.normal(0.0, ruido, size=(n, 2)), esquinas[:, 0] ^ esquinas[:, 1]


def figura_conjuntos() -> None:
    conjuntos = [
        ("espirales (3 clases)", espirales()),
        ("lunas", make_moons(200, noise=0.1, random_state=0)),
        ("círculos", make_circles(200, noise=0.05, factor=0.5, random_state=0)),
        ("XOR", xor()),
    ]
    colores = np.array([AZUL, NARANJA, VERDE])
    fig, ejes = plt.subplots(1, 4, figsize=(10.0, 2.8))
    for ax, (titulo, (X, y)) in zip(ejes, conjuntos):
        ax.scatter(X[:, 0], X[:, 1], c=colores[y], s=9, edgecolors="none")
        ax.set_title(titulo, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    guardar(fig, "conjuntos_2d.png")


# ---------------------------------------------------------------------------
# 4. Desviación típica de las activaciones capa a capa según la inicialización
# ---------------------------------------------------------------------------
def raices_segundo_momento(activacion, metodo, n_capas=10, ancho=256, n=500, semilla=0):
    """√E[a²] de la activación de cada capa: la cantidad que conservan Xavier y He."""
    rng = np.random.default_rng(semilla)
    a = rng.normal(0.0, 1.0, size=(n, ancho))
    resultado = []
    for _ in range(n_capas):
        if metodo == "normal(0.01)":
            W = rng.normal(0.0, 0.01, size=(ancho, ancho))
        elif metodo == "normal(1)":
            W = rng.normal(0.0, 1.0, size=(ancho, ancho))
        elif metodo == "Xavier":
            limite = np.sqrt(6.0 / (ancho + ancho))
            W = rng.uniform(-limite, limite, size=(ancho, ancho))
        else:  # He
            W = rng.normal(0.0, np.sqrt(2.0 / ancho), size=(ancho, ancho))
        a = activacion(a @ W)
        resultado.append(np.sqrt(np.mean(a**2)))
    return np.array(resultado)


def figura_inicializacion() -> None:
    activaciones = [("tanh", np.tanh), ("ReLU", lambda z: np.maximum(z, 0.0))]
    metodos = [("normal(0.01)", GRIS, "o"), ("normal(1)", "#c44e52", "s"),
               ("Xavier", AZUL, "^"), ("He", NARANJA, "D")]
    fig, ejes = plt.subplots(1, 2, figsize=(9.0, 3.4))
    capas = np.arange(1, 11)
    for ax, (nombre, funcion) in zip(ejes, activaciones):
        for metodo, color, marcador in metodos:
            with np.errstate(over="ignore"):
                valores = raices_segundo_momento(funcion, metodo)
            ax.semilogy(capas, valores, marker=marcador, color=color, label=metodo, ms=4)
        ax.set_title(f"10 capas de 256 neuronas + {nombre}", fontsize=10)
        ax.set_xlabel("capa")
        ax.set_xticks(capas)
        ax.grid(True, which="major", alpha=0.3)
    ejes[0].set_ylabel("√E[x²] de la activación")
    ejes[0].legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    guardar(fig, "inicializacion_desviacion.png")


if __name__ == "__main__":
    figura_red()
    figura_producto()
    figura_conjuntos()
    figura_inicializacion()
