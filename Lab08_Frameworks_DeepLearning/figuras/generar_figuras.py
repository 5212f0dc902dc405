"""Genera las figuras de ``teoria.md`` del Lab08.

Uso (desde la raíz del curso)::

    python Lab08_Frameworks_DeepLearning/figuras/generar_figuras.py

Usa el propio ``codigo/`` del laboratorio (y el de los anteriores): la decisión de
``seleccionar_dispositivo``, el MLP de dígitos en NumPy, PyTorch y Keras, y las medidas de
``comparar_velocidad``. La última figura son tiempos: cambia un poco en cada máquina.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

from herramientas.figuras import guardar_figura  # noqa: E402
from Lab01_Introduccion_Neuronas.codigo import medir_tiempo  # noqa: E402
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada  # noqa: E402
from Lab05_Backpropagation.codigo import CapaDensa  # noqa: E402
from Lab06_Entrenamiento.codigo import Adam, construir_mlp, entrenar, preparar_datos  # noqa: E402
from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    MLPTorch,
    compilar_keras,
    crear_cargador,
    crear_mlp_keras,
    entrenar_keras,
    entrenar_torch,
    graficar_historiales,
    mismos_hilos,
)

CARPETA = Path(__file__).resolve().parent
AZUL, NARANJA, VERDE, GRIS, ROJO = "#4c72b0", "#dd8452", "#55a868", "#8c8c8c", "#c44e52"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def caja(ax, x, y, texto, color, ancho=2.6, alto=0.8, tamano=9):
    ax.add_patch(
        FancyBboxPatch(
            (x - ancho / 2, y - alto / 2),
            ancho,
            alto,
            boxstyle="round,pad=0.08",
            facecolor=color,
            edgecolor="k",
            alpha=0.85,
        )
    )
    ax.text(x, y, texto, ha="center", va="center", fontsize=tamano)


def flecha(ax, origen, destino, texto="", color="k"):
    ax.add_patch(FancyArrowPatch(origen, destino, arrowstyle="-|>", mutation_scale=12, color=color, lw=1.2))
    if texto:
        horizontal = abs(destino[1] - origen[1]) < 1e-9
        ax.text(
            (origen[0] + destino[0]) / 2 + (0 if horizontal else 0.1),
            (origen[1] + destino[1]) / 2 + (0.12 if horizontal else 0),
            texto,
            fontsize=8,
            color=color,
            ha="center" if horizontal else "left",
        )


# 1. La decisión de seleccionar_dispositivo ---------------------------------------------------------
def figura_dispositivo() -> None:
    fig, ax = plt.subplots(figsize=(8.0, 4.2))
    caja(ax, 1.5, 4.0, "preferencia", "#eeeeee", ancho=2.2)
    caja(ax, 1.5, 2.6, "«auto»", "#dddddd", ancho=1.8)
    caja(ax, 4.4, 2.6, "¿torch.cuda\n.is_available()?", "#f3e0c7", alto=1.0)
    caja(ax, 4.4, 1.0, "¿torch.backends\n.mps.is_available()?", "#f3e0c7", alto=1.0, ancho=2.9)
    caja(ax, 7.7, 2.6, "GPU CUDA 0", VERDE)
    caja(ax, 7.7, 1.0, "GPU de Apple (MPS)", VERDE)
    caja(ax, 4.4, -0.5, "CPU", AZUL)
    caja(
        ax, 7.7, 4.0, "«cuda» / «mps» pedida\ny ausente → ⚠️ aviso + CPU", ROJO, ancho=3.2, alto=0.9, tamano=8
    )
    flecha(ax, (1.5, 3.6), (1.5, 3.0))
    flecha(ax, (2.4, 2.6), (3.1, 2.6))
    flecha(ax, (5.7, 2.6), (6.4, 2.6), "sí", VERDE)
    flecha(ax, (4.4, 2.1), (4.4, 1.5), "no", ROJO)
    flecha(ax, (5.85, 1.0), (6.4, 1.0), "sí", VERDE)
    flecha(ax, (4.4, 0.5), (4.4, -0.1), "no", ROJO)
    flecha(ax, (2.6, 4.0), (6.1, 4.0))
    ax.text(
        6.3,
        -0.5,
        "siempre: imprime qué eligió y por qué\n(y qué GPU ve TensorFlow)",
        fontsize=8,
        color=GRIS,
        va="center",
    )
    ax.set_xlim(0, 9.6)
    ax.set_ylim(-1.1, 4.6)
    ax.axis("off")
    ax.set_title("seleccionar_dispositivo(preferencia): CUDA → MPS → CPU")
    fig.tight_layout()
    guardar(fig, "seleccion_dispositivo.png")


# 2. Paralelismo de datos (DDP) con dos procesos --------------------------------------------------
def figura_ddp() -> None:
    fig, ax = plt.subplots(figsize=(8.0, 4.0))
    caja(ax, 4.5, 4.2, "lote global de 2·B ejemplos (DistributedSampler lo reparte)", "#eeeeee", ancho=6.4)
    for i, x in enumerate((2.2, 6.8)):
        caja(ax, x, 3.0, f"proceso {i}: B ejemplos", "#dddddd")
        caja(ax, x, 1.9, f"copia {i} del modelo θ\nforward + backward", NARANJA, alto=0.9)
        caja(ax, x, 0.7, f"gradiente g{i}", "#f3e0c7", ancho=1.8)
        flecha(ax, (x, 3.9), (x, 3.4))
        flecha(ax, (x, 2.6), (x, 2.35))
        flecha(ax, (x, 1.45), (x, 1.1))
    caja(ax, 4.5, -0.5, "all-reduce: g = (g0 + g1) / 2  →  los dos aplican θ ← θ − η·g", VERDE, ancho=6.6)
    flecha(ax, (2.2, 0.3), (3.2, -0.1))
    flecha(ax, (6.8, 0.3), (5.8, -0.1))
    ax.set_xlim(0, 9)
    ax.set_ylim(-1.1, 4.7)
    ax.axis("off")
    ax.set_title("DistributedDataParallel: mismas copias, datos distintos, gradientes promediados")
    fig.tight_layout()
    guardar(fig, "ddp.png")


# 3. El mismo MLP de dígitos en tres bibliotecas ----------------------------------------------------
def figura_curvas() -> None:
    datos = preparar_datos("digitos", semilla=0)
    epocas = 15
    modelo = construir_mlp([64, 64, 10], semilla=0)
    historial_np = entrenar(
        modelo,
        EntropiaCruzada(),
        Adam(modelo.parameters(), 1e-3),
        datos.entrenamiento,
        datos.validacion,
        epocas=epocas,
        tamano_lote=32,
        barra_progreso=False,
    )
    red = MLPTorch([64, 64, 10], semilla=0)
    historial_torch = entrenar_torch(
        red,
        torch.nn.CrossEntropyLoss(),
        torch.optim.Adam(red.parameters(), 1e-3),
        crear_cargador(*datos.entrenamiento, 32, semilla=0),
        crear_cargador(*datos.validacion, 256, barajar=False),
        epocas=epocas,
    )
    modelo_k = compilar_keras(crear_mlp_keras([64, 64, 10], semilla=0), "multiclase")
    historial_k = entrenar_keras(modelo_k, datos.entrenamiento, datos.validacion, epocas=epocas)
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    graficar_historiales(
        {"NumPy (Lab06)": historial_np, "PyTorch": historial_torch, "Keras": historial_k},
        ["perdida", "perdida_val"],
        ax=ax,
        titulo="MLP 64→64→10 en dígitos: mismos pesos iniciales, tres bibliotecas",
    )
    ax.set_ylim(0, 1.0)
    fig.tight_layout()
    guardar(fig, "curvas_tres_bibliotecas.png")


# 4. GFLOP/s de una capa densa según su tamaño --------------------------------------------------------
def figura_gflops() -> None:
    tamanos = [8, 16, 32, 64, 128, 256, 512, 1024]
    rng = np.random.default_rng(0)
    resultados = {"NumPy (CapaDensa)": [], "PyTorch (nn.Linear)": []}
    with mismos_hilos():
        for n in tamanos:
            X = rng.standard_normal((n, n), dtype=np.float32)
            capa = CapaDensa(n, n, semilla=0, dtype=np.float32)

            def paso_numpy(capa=capa, X=X):
                capa.forward(X)
                capa.backward(X)

            lineal = torch.nn.Linear(n, n)
            tX = torch.as_tensor(X).requires_grad_()
            operaciones = 3 * 2 * n**3
            repeticiones = 20 if n <= 256 else 5
            resultados["NumPy (CapaDensa)"].append(operaciones / medir_tiempo(paso_numpy, repeticiones) / 1e9)
            resultados["PyTorch (nn.Linear)"].append(
                operaciones
                / medir_tiempo(lambda lineal=lineal, tX=tX: lineal(tX).sum().backward(), repeticiones)
                / 1e9
            )
        A = rng.standard_normal((2048, 2048), dtype=np.float32)
        pico = 2 * 2048**3 / medir_tiempo(lambda: A @ A, 3) / 1e9
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    for (nombre, valores), color in zip(resultados.items(), (AZUL, NARANJA)):
        ax.loglog(tamanos, valores, "o-", color=color, label=nombre)
    ax.axhline(pico, color="k", ls="--", lw=1, label=f"pico medido (np.matmul 2048): {pico:.0f}")
    ax.set_xlabel("N = entradas = salidas")
    ax.set_ylabel("GFLOP/s (forward + backward)")
    ax.set_title("Capas pequeñas: manda el trabajo fijo; grandes: el pico")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    guardar(fig, "gflops_por_tamano.png")


if __name__ == "__main__":
    figura_dispositivo()
    figura_ddp()
    figura_curvas()
    figura_gflops()
