"""Genera las figuras de ``teoria.md`` del Lab06 con el propio código del laboratorio.

Uso (desde la raíz del curso)::

    python Lab06_Entrenamiento/figuras/generar_figuras.py
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
from Lab02_Primera_Red_Neuronal.codigo import Parametro, generar_espirales  # noqa: E402
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada  # noqa: E402
from Lab06_Entrenamiento.codigo import (  # noqa: E402
    SGD,
    Adam,
    CalendarioCoseno,
    CalendarioEscalones,
    CalendarioExponencial,
    CalendarioLambda,
    RMSprop,
    calentamiento_coseno,
    construir_mlp,
    dividir_datos,
    entrenar,
    graficar_tasas,
    graficar_trayectorias,
    trayectoria,
    valle,
)


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def figura_trayectorias() -> None:
    """SGD, momento, RMSprop y Adam en el valle alargado ½(θ₁² + 25θ₂²)."""
    caminos = {
        "SGD (η = 0.035)": trayectoria(SGD, pasos=40, tasa_aprendizaje=0.035),
        "SGD + momento 0.8": trayectoria(SGD, pasos=40, tasa_aprendizaje=0.035, momento=0.8),
        "RMSprop (η = 0.1)": trayectoria(RMSprop, pasos=40, tasa_aprendizaje=0.1),
        "Adam (η = 0.3)": trayectoria(Adam, pasos=40, tasa_aprendizaje=0.3),
    }
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    graficar_trayectorias(valle, caminos, limites=(-3, 1, -1.5, 1.5), ax=ax,
                          titulo="40 pasos en el valle ½(θ₁² + 25·θ₂²)")
    fig.tight_layout()
    guardar(fig, "trayectorias_optimizadores.png")


def figura_calendarios() -> None:
    epocas = 40

    def tasas(crear) -> list[float]:
        return crear(SGD([Parametro(np.zeros(1))], tasa_aprendizaje=0.1)).tasas(epocas)

    curvas = {
        "constante": [0.1] * epocas,
        "escalones (cada 10, γ = 0.5)": tasas(lambda o: CalendarioEscalones(o, 10, 0.5)),
        "exponencial (γ = 0.93)": tasas(lambda o: CalendarioExponencial(o, 0.93)),
        "coseno (T = 40)": tasas(lambda o: CalendarioCoseno(o, 40)),
        "calentamiento 5 + coseno": tasas(lambda o: CalendarioLambda(o, calentamiento_coseno(5, 40))),
    }
    fig, ax = plt.subplots(figsize=(6.5, 3.4))
    graficar_tasas(curvas, ax=ax)
    fig.tight_layout()
    guardar(fig, "calendarios.png")


def figura_sobreajuste() -> None:
    """Curvas de entrenamiento y validación en espirales ruidosas, sin regularizar y con L2."""
    X, y = generar_espirales(60, 3, ruido=0.5, semilla=1)
    entrenamiento, validacion, _ = dividir_datos(X, y, (0.5, 0.5, 0.0), semilla=0)
    fig, ejes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
    for ax, (titulo, l2) in zip(ejes, [("sin regularizar", 0.0), ("con L2 (λ = 0.003)", 0.003)]):
        modelo = construir_mlp([2, 128, 128, 3], semilla=0)
        h = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.01), entrenamiento, validacion,
                     epocas=200, tamano_lote=16, l2=l2, barra_progreso=False)
        epocas = np.arange(1, h.epocas + 1)
        ax.plot(epocas, h["perdida"], label="entrenamiento")
        ax.plot(epocas, h["perdida_val"], "--", label="validación")
        ax.axvline(h.mejor_epoca, color="gray", ls=":", lw=0.8)
        ax.set_title(titulo)
        ax.set_xlabel("época")
        ax.grid(alpha=0.3)
    ejes[0].set_ylabel("pérdida (entropía cruzada)")
    ejes[0].legend()
    fig.tight_layout()
    guardar(fig, "sobreajuste.png")


def figura_dropout() -> None:
    """Una red 4 → 6 → 6 → 2 completa y la misma red con dropout en un paso de entrenamiento."""
    capas = [4, 6, 6, 2]
    apagadas = {1: {1, 4}, 2: {0, 3, 5}}
    fig, ejes = plt.subplots(1, 2, figsize=(7.0, 2.9))
    for ax, con_dropout in zip(ejes, [False, True]):
        posiciones = [[(i * 2.0, (n - 1) / 2 - j) for j in range(n)] for i, n in enumerate(capas)]
        for i in range(len(capas) - 1):
            for j, (x0, y0) in enumerate(posiciones[i]):
                for k, (x1, y1) in enumerate(posiciones[i + 1]):
                    muerta = con_dropout and (j in apagadas.get(i, ()) or k in apagadas.get(i + 1, ()))
                    if not muerta:
                        ax.plot([x0, x1], [y0, y1], color="#8c8c8c", lw=0.6, zorder=1)
        for i, capa in enumerate(posiciones):
            for j, (x, y_) in enumerate(capa):
                muerta = con_dropout and j in apagadas.get(i, ())
                ax.scatter(x, y_, s=260, zorder=2, color="white" if muerta else "#4c72b0",
                           edgecolors="#4c72b0", linewidths=1.5)
                if muerta:
                    ax.plot([x - 0.2, x + 0.2], [y_ - 0.2, y_ + 0.2], color="#c44e52", lw=2, zorder=3)
                    ax.plot([x - 0.2, x + 0.2], [y_ + 0.2, y_ - 0.2], color="#c44e52", lw=2, zorder=3)
        ax.set_title("con dropout (un paso de entrenamiento)" if con_dropout else "red completa (evaluación)",
                     fontsize=10)
        ax.axis("off")
        ax.set_xlim(-0.6, 6.6)
        ax.set_ylim(-3.1, 3.1)
    fig.tight_layout()
    guardar(fig, "dropout.png")


if __name__ == "__main__":
    figura_trayectorias()
    figura_calendarios()
    figura_sobreajuste()
    figura_dropout()
