"""Genera las figuras de ``teoria.md`` del Lab04 (funciones de pérdida) con el código del propio lab.

Uso (desde la raíz del curso)::

    python Lab04_Funciones_Perdida/figuras/generar_figuras.py

Se guardan como PNG junto a este archivo (dpi 80, cada una por debajo de 60 KB).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # sin ventana: sólo escribimos archivos

CARPETA = Path(__file__).resolve().parent
RAIZ = CARPETA.parent.parent
if str(RAIZ) not in sys.path:  # para importar los laboratorios sin instalar nada
    sys.path.insert(0, str(RAIZ))

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from herramientas.figuras import guardar_figura  # noqa: E402
from Lab04_Funciones_Perdida.codigo import (  # noqa: E402
    EPSILON,
    EntropiaCruzadaBinaria,
    ErrorAbsolutoMedio,
    ErrorCuadraticoMedio,
    barrido_exactitud_perdida,
    datos_cancer_1d,
    datos_diabetes_1d,
    graficar_exactitud_perdida,
    graficar_perdidas_residuo,
    graficar_superficie,
    superficie_perdida,
)


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre, ajustar=True, paleta=True)


def figura_regresion() -> Path:
    """MSE, MAE y Huber (δ = 1) frente al residuo, con sus derivadas."""
    fig = graficar_perdidas_residuo(np.linspace(-3, 3, 601), delta=1.0)
    fig.suptitle("Pérdidas de regresión: valor y derivada", y=1.02)
    return guardar(fig, "perdidas_regresion.png")


def figura_entropia_cruzada() -> Path:
    """−log p frente a p y la BCE de un ejemplo con y = 1 según el logit (con y sin recorte)."""
    fig, (izq, der) = plt.subplots(1, 2, figsize=(9, 3.4))
    p = np.linspace(1e-4, 1, 500)
    izq.plot(p, -np.log(p), lw=2, color="#d62728")
    izq.set_xlabel("probabilidad dada a la clase correcta, p")
    izq.set_ylabel("pérdida  −ln p")
    izq.set_title("Entropía cruzada de un ejemplo")
    izq.annotate("p → 0: pérdida → ∞", xy=(0.01, 4.6), xytext=(0.25, 7), arrowprops={"arrowstyle": "->"})
    izq.grid(alpha=0.3)

    z = np.linspace(-40, 10, 501)
    y = np.ones_like(z)
    desde_logits = EntropiaCruzadaBinaria(desde_logits=True).por_elemento(z, y)
    probabilidad = np.exp(-np.logaddexp(0.0, -z))  # sigmoide(z), sin avisos
    recortada = EntropiaCruzadaBinaria().por_elemento(probabilidad, y)
    der.plot(z, desde_logits, lw=2, label="desde logits (estable)")
    der.plot(z, recortada, "--", lw=2, label="probabilidad recortada")
    der.axhline(-np.log(EPSILON), color="gray", lw=0.8)
    der.text(-39, -np.log(EPSILON) + 1, "−ln ε ≈ 27.6: techo plano, gradiente 0", fontsize=8)
    der.set_xlabel("logit z (la clase correcta es y = 1)")
    der.set_title("BCE según el logit")
    der.legend(fontsize=8, loc="upper right")
    der.grid(alpha=0.3)
    fig.tight_layout()
    return guardar(fig, "entropia_cruzada.png")


def figura_superficies() -> Path:
    """Superficies de MSE y MAE de ŷ = w·x + b con el IMC de los datos de diabetes."""
    x, y = datos_diabetes_1d("bmi")
    pesos, sesgos = np.linspace(-0.6, 1.8, 41), np.linspace(-1.2, 1.2, 41)
    fig, ejes = plt.subplots(1, 2, figsize=(9, 3.4))
    for eje, (nombre, perdida) in zip(ejes, [("MSE", ErrorCuadraticoMedio()), ("MAE", ErrorAbsolutoMedio())]):
        Z = superficie_perdida(x, y, pesos, sesgos, perdida)
        graficar_superficie(
            pesos, sesgos, Z, ax=eje, titulo=f"{nombre} · diabetes (IMC → progresión)", n_niveles=10
        )
    fig.tight_layout()
    return guardar(fig, "superficies_diabetes.png")


def figura_exactitud() -> Path:
    """Exactitud (a saltos) y entropía cruzada (suave) al mover el peso de un clasificador logístico."""
    x, y = datos_cancer_1d("mean radius")
    pesos = np.linspace(-5, 0.5, 1101)
    exactitudes, perdidas = barrido_exactitud_perdida(x, y, pesos, sesgo=0.6)
    fig, ax = plt.subplots(figsize=(6.5, 3.4))
    graficar_exactitud_perdida(pesos, exactitudes, perdidas, ax=ax)
    ax.axvline(pesos[np.argmax(exactitudes)], color="#1f77b4", ls=":", label="máxima exactitud")
    ax.axvline(pesos[np.argmin(perdidas)], color="#d62728", ls=":", label="mínima pérdida")
    ax.legend(loc="center left", fontsize=8)
    ax.set_title("Cáncer de mama: σ(w·x + 0.6) según w")
    fig.tight_layout()
    return guardar(fig, "exactitud_vs_perdida.png")


if __name__ == "__main__":
    figura_regresion()
    figura_entropia_cruzada()
    figura_superficies()
    figura_exactitud()
