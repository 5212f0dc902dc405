"""Genera las figuras de ``teoria.md`` del Lab05.

Uso (desde la raíz del curso)::

    python Lab05_Backpropagation/figuras/generar_figuras.py

Usa el código del propio laboratorio (``Valor``, ``dibujar_grafo``, ``gradiente_numerico``,
la red de las espirales) y matplotlib.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

RAIZ = Path(__file__).resolve().parents[2]  # la raíz del curso, para importar los laboratorios
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))

from herramientas.figuras import guardar_figura  # noqa: E402
from Lab01_Introduccion_Neuronas.codigo import graficar_frontera_decision  # noqa: E402
from Lab02_Primera_Red_Neuronal.codigo import generar_espirales  # noqa: E402
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, exactitud  # noqa: E402
from Lab05_Backpropagation.codigo import (  # noqa: E402
    Valor,
    crear_red_espirales,
    dibujar_grafo,
    entrenar_manual,
    gradiente_numerico,
)

CARPETA = Path(__file__).resolve().parent
AZUL, NARANJA, VERDE, ROJO, GRIS = "#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8c8c8c"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


# ---------------------------------------------------------------------------
# 1. El grafo computacional del ejemplo de la teoría, con sus gradientes
# ---------------------------------------------------------------------------
def figura_grafo() -> None:
    a, b = Valor(2.0, etiqueta="a"), Valor(-3.0, etiqueta="b")
    c, f = Valor(10.0, etiqueta="c"), Valor(-2.0, etiqueta="f")
    e = a * b
    e.etiqueta = "e"
    d = e + c
    d.etiqueta = "d"
    L = d * f
    L.etiqueta = "L"
    L.backward()
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    dibujar_grafo(L, ax=ax, decimales=1)
    ax.set_title("L = (a·b + c)·f  —  dato: pasada hacia delante · grad: ∂L/∂nodo (hacia atrás)",
                 fontsize=10)
    fig.tight_layout()
    guardar(fig, "grafo_ejemplo.png")


# ---------------------------------------------------------------------------
# 2. Error de las diferencias finitas según ε
# ---------------------------------------------------------------------------
def figura_diferencias() -> None:
    x0 = 0.7
    exacta = 1.0 - np.tanh(x0) ** 2
    epsilons = np.logspace(-14, -1, 60)
    adelante, central = [], []
    for eps in epsilons:
        adelante.append(abs((np.tanh(x0 + eps) - np.tanh(x0)) / eps - exacta))
        central.append(abs(gradiente_numerico(lambda v: np.tanh(v[0]), np.array([x0]), eps)[0] - exacta))
    adelante = np.maximum(adelante, 1e-17)
    central = np.maximum(central, 1e-17)
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    ax.loglog(epsilons, adelante, "o-", ms=3, color=GRIS, label="hacia delante: (f(x+ε) − f(x)) / ε")
    ax.loglog(epsilons, central, "s-", ms=3, color=AZUL, label="central: (f(x+ε) − f(x−ε)) / 2ε")
    ax.axvline(1e-6, color=NARANJA, ls="--", lw=1)
    ax.text(1.3e-6, 1e-15, "ε = 1e-6\n(el del curso)", color=NARANJA, fontsize=8)
    ax.text(2e-3, 1e-13, "error de truncamiento\n(∝ ε y ∝ ε²)", fontsize=8, ha="center")
    ax.text(1e-12, 1e-2, "error de redondeo\n(∝ 1e-16 / ε)", fontsize=8, ha="center")
    ax.set_xlabel("ε")
    ax.set_ylabel("|derivada numérica − exacta|")
    ax.set_title("Derivada de tanh en x = 0.7: la diferencia central es mucho más precisa", fontsize=10)
    ax.set_ylim(1e-17, 1)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    guardar(fig, "diferencias_finitas.png")


# ---------------------------------------------------------------------------
# 3. Las dos pasadas a través de una red: formas de cada gradiente
# ---------------------------------------------------------------------------
def figura_red() -> None:
    fig, ax = plt.subplots(figsize=(10.0, 3.0))
    cajas = [
        ("X\n(N, 2)", GRIS), ("CapaDensa\nW₁ (2, H)\nb₁ (H,)", AZUL), ("ReLU", VERDE),
        ("CapaDensa\nW₂ (H, 3)\nb₂ (3,)", AZUL), ("EntropiaCruzada\n(logits, y)", NARANJA),
        ("L\n(número)", ROJO),
    ]
    xs = np.arange(len(cajas)) * 2.0
    for x, (texto, color) in zip(xs, cajas):
        ax.add_patch(FancyBboxPatch((x - 0.75, -0.6), 1.5, 1.2, boxstyle="round,pad=0.05",
                                    facecolor=color, alpha=0.25, edgecolor="black"))
        ax.text(x, 0, texto, ha="center", va="center", fontsize=8.5)
    delante = ["Z₁ = X W₁ + b₁\n(N, H)", "A₁ = max(0, Z₁)\n(N, H)", "Z₂ = A₁ W₂ + b₂\n(N, 3)",
               "L = media(−log pᵧ)"]
    atras = ["∂L/∂X = G₁ W₁ᵀ\n∂L/∂W₁ = Xᵀ G₁", "G₁ = G_A ⊙ [Z₁ > 0]", "G_A = G₂ W₂ᵀ\n∂L/∂W₂ = A₁ᵀ G₂",
             "G₂ = (softmax(Z₂) − Y) / N", "∂L/∂L = 1"]
    for i in range(len(cajas) - 1):
        x0, x1 = xs[i] + 0.8, xs[i + 1] - 0.8
        ax.annotate("", xy=(x1, 0.25), xytext=(x0, 0.25), arrowprops=dict(arrowstyle="-|>", color=AZUL))
        ax.annotate("", xy=(x0, -0.25), xytext=(x1, -0.25), arrowprops=dict(arrowstyle="-|>", color=ROJO))
        if i >= 1:
            ax.text((x0 + x1) / 2, 0.75, delante[i - 1], ha="center", va="bottom", fontsize=7.5, color=AZUL)
        ax.text((x0 + x1) / 2, -0.75, atras[i], ha="center", va="top", fontsize=7.5, color=ROJO)
    ax.text(xs[0] - 0.8, 1.3, "pasada hacia delante (forward): se guardan X, Z₁, A₁…",
            color=AZUL, fontsize=9)
    ax.text(xs[0] - 0.8, -1.45,
            "pasada hacia atrás (backward): cada capa recibe ∂L/∂salida y devuelve ∂L/∂entrada",
            color=ROJO, fontsize=9)
    ax.set_xlim(xs[0] - 1.0, xs[-1] + 1.0)
    ax.set_ylim(-1.55, 1.5)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "pasadas_red.png")


# ---------------------------------------------------------------------------
# 4. La red de las espirales entrenada con descenso de gradiente a mano
# ---------------------------------------------------------------------------
def figura_espirales() -> None:
    X, y = generar_espirales(n_por_clase=100, n_clases=3, semilla=0)
    modelo = crear_red_espirales(n_ocultas=32, n_capas_ocultas=2, semilla=0)
    historial = entrenar_manual(modelo, EntropiaCruzada(), X, y, tasa_aprendizaje=0.5, pasos=500)
    fig, ejes = plt.subplots(1, 2, figsize=(9.0, 3.6))
    ejes[0].plot(historial, color=AZUL)
    ejes[0].set_xlabel("paso de descenso de gradiente")
    ejes[0].set_ylabel("entropía cruzada")
    ejes[0].set_title("Pérdida durante el entrenamiento", fontsize=10)
    ejes[0].grid(alpha=0.3)
    acierto = exactitud(modelo.forward(X), y)
    graficar_frontera_decision(modelo.forward, X, y, ax=ejes[1], resolucion=150,
                               titulo=f"Frontera tras 500 pasos (exactitud {acierto:.2f})")
    ejes[1].legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    guardar(fig, "espirales_entrenadas.png")


if __name__ == "__main__":
    figura_grafo()
    figura_diferencias()
    figura_red()
    figura_espirales()
