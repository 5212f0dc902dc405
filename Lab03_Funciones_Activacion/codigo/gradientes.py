"""Medir cómo se desvanece (o no) el gradiente al atravesar muchas capas.

Un adelanto del Lab05. Para una capa densa ``z = a W + b`` la regla de la cadena da

    dL/dW = aᵀ · (dL/dz)          (el gradiente que usa el optimizador)
    dL/da = (dL/dz) · Wᵀ          (lo que se pasa a la capa anterior)

y cada activación multiplica ``dL/dz = dL/dsalida · f'(z)``. Si ``|f'(z)|`` es
pequeño (sigmoide: como mucho 0.25), el producto de veinte factores así es
diminuto: las primeras capas apenas reciben gradiente y casi no aprenden.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab02_Primera_Red_Neuronal.codigo import CapaDensa, Secuencial, crear_generador

from .redes import red_densa
from .registro import crear_activacion

__all__ = ["normas_gradiente_por_capa", "comparar_desvanecimiento", "INICIALIZACION_RECOMENDADA"]

#: Inicialización que mejor se lleva con cada activación (Lab02): Xavier para las
#: simétricas y saturables, He para la familia ReLU.
INICIALIZACION_RECOMENDADA: dict[str, str] = {
    "identidad": "xavier",
    "sigmoide": "xavier",
    "tanh": "xavier",
    "relu": "he",
    "leaky_relu": "he",
    "elu": "he",
    "gelu": "he",
}


def normas_gradiente_por_capa(
    modelo: Secuencial,
    x: np.ndarray,
    grad_salida: np.ndarray | None = None,
    semilla: int | np.random.Generator | None = 0,
) -> np.ndarray:
    """Norma de ``dL/dW`` de cada ``CapaDensa`` de ``modelo``, de la primera a la última.

    Se hace ``forward(x)`` y después se recorre la red hacia atrás: las activaciones
    usan su propio ``backward``; en las capas densas se calcula ``aᵀ·g`` y ``g·Wᵀ``
    a mano (su ``backward`` completo llega en el Lab05). ``grad_salida`` es
    ``dL/dsalida`` (por defecto, ruido normal dividido por ``N``, fijado por ``semilla``).
    """
    if not isinstance(modelo, Secuencial):
        raise TypeError(f"se esperaba un Secuencial, se recibió {type(modelo).__name__}")
    x = como_arreglo(x, "x", ndim=2)
    salida = modelo.forward(x)
    if grad_salida is None:
        grad_salida = crear_generador(semilla).normal(size=salida.shape) / salida.shape[0]
    g = como_arreglo(grad_salida, "grad_salida")
    if g.shape != salida.shape:
        raise ValueError(
            f"se esperaba grad_salida de forma {salida.shape} (la de la salida), se recibió {g.shape}"
        )
    normas = []
    for capa in reversed(modelo.capas):
        if isinstance(capa, CapaDensa):
            normas.append(float(np.linalg.norm(capa.entrada.T @ g)))  # dL/dW = aᵀ g
            g = g @ capa.W.datos.T  # dL/da = g Wᵀ
        else:
            g = capa.backward(g)
    return np.array(normas[::-1])


def comparar_desvanecimiento(
    activaciones: Sequence[str] = ("sigmoide", "tanh", "relu"),
    n_capas: int = 20,
    ancho: int = 64,
    n: int = 128,
    inicializacion: str | None = None,
    semilla: int = 0,
) -> dict[str, np.ndarray]:
    """Normas de ``dL/dW`` por capa en una red de ``n_capas`` capas densas para cada activación.

    Todas las redes reciben los mismos datos ``x`` ``(n, ancho)`` y el mismo gradiente
    de salida. Con ``inicializacion=None`` cada activación usa la de
    ``INICIALIZACION_RECOMENDADA`` (o "he" si no figura). Devuelve ``{nombre: (n_capas,)}``.
    """
    if not isinstance(n_capas, (int, np.integer)) or n_capas < 1:
        raise ValueError(f"n_capas debe ser un entero positivo, se recibió {n_capas!r}")
    rng = np.random.default_rng(semilla)
    x = rng.normal(size=(n, ancho))
    g = rng.normal(size=(n, ancho)) / n
    resultados = {}
    for nombre in activaciones:
        clave = crear_activacion(nombre).nombre  # "ReLU" → "relu"
        metodo = inicializacion or INICIALIZACION_RECOMENDADA.get(clave, "he")
        modelo = red_densa([ancho] * (n_capas + 1), nombre, nombre, metodo, semilla=semilla)
        resultados[nombre] = normas_gradiente_por_capa(modelo, x, g)
    return resultados
