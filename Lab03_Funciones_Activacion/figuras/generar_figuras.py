"""Genera las figuras de ``teoria.md`` del Lab03 con el propio código del laboratorio.

Uso (desde la raíz del curso)::

    python Lab03_Funciones_Activacion/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CARPETA = Path(__file__).resolve().parent
RAIZ = CARPETA.parents[1]
if str(RAIZ) not in sys.path:  # para poder ejecutarlo sin instalar el curso
    sys.path.insert(0, str(RAIZ))

from herramientas.figuras import guardar_figura  # noqa: E402
from Lab02_Primera_Red_Neuronal.codigo import generar_circulos  # noqa: E402
from Lab03_Funciones_Activacion.codigo import (  # noqa: E402
    comparar_desvanecimiento,
    entrenar_clasificador_binario,
    graficar_activaciones,
    graficar_entrenamientos,
    graficar_normas_gradiente,
    graficar_softmax_temperatura,
)


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def figura_activaciones() -> None:
    """Las activaciones elemento a elemento (línea continua) y sus derivadas (discontinua)."""
    fig = graficar_activaciones(["escalon", "sigmoide", "tanh", "relu", "leaky_relu", "elu", "gelu"],
                                columnas=4, rango=(-4.0, 4.0))
    fig.set_size_inches(11.0, 5.0)
    fig.tight_layout()
    guardar(fig, "activaciones.png")


def figura_desvanecimiento() -> None:
    """Norma del gradiente de los pesos en cada capa de una red de 20 capas."""
    resultados = comparar_desvanecimiento(("sigmoide", "tanh", "relu"), n_capas=20, ancho=64, n=128)
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    graficar_normas_gradiente(
        {f"{k} ({'Xavier' if k != 'relu' else 'He'})": v for k, v in resultados.items()}, ax,
        titulo="20 capas densas de 64 neuronas: ‖dL/dW‖ en cada capa",
    )
    fig.tight_layout()
    guardar(fig, "desvanecimiento.png")


def figura_relu_muertas() -> None:
    """Neuronas muertas y exactitud al entrenar en los círculos concéntricos."""
    X, y = generar_circulos(200, semilla=0)
    historias = {
        "ReLU, tasa 1": entrenar_clasificador_binario(X, y, "relu", tasa_aprendizaje=1.0),
        "ReLU, tasa 10": entrenar_clasificador_binario(X, y, "relu", tasa_aprendizaje=10.0),
        "ReLU, sesgo −3": entrenar_clasificador_binario(X, y, "relu", sesgo_inicial=-3.0),
        "ELU, sesgo −3": entrenar_clasificador_binario(X, y, "elu", sesgo_inicial=-3.0),
    }
    guardar(graficar_entrenamientos(historias), "relu_muertas.png")


def figura_softmax() -> None:
    """Softmax de los mismos logits con tres temperaturas."""
    guardar(graficar_softmax_temperatura([2.0, 1.0, 0.1, -1.0], (0.5, 1.0, 3.0)), "softmax_temperatura.png")


if __name__ == "__main__":
    figura_activaciones()
    figura_desvanecimiento()
    figura_relu_muertas()
    figura_softmax()
