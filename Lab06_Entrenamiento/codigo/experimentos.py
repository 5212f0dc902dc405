"""Experimentos pequeños para ver cómo se mueve cada optimizador.

``valle`` es una función cuadrática alargada, ``f(θ) = ½·(θ₁² + 25·θ₂²)``: muy empinada en
una dirección y casi plana en la otra (como las superficies de pérdida reales). Con una sola
tasa de aprendizaje, SGD oscila en la dirección empinada y avanza despacio en la plana; el
momento acumula velocidad en la plana; RMSprop y Adam dan a cada coordenada su propio paso.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab02_Primera_Red_Neuronal.codigo import Parametro

from .optimizadores import Optimizador

__all__ = ["CURVATURAS_VALLE", "valle", "gradiente_valle", "trayectoria"]

#: Curvatura de ``valle`` en cada coordenada.
CURVATURAS_VALLE = np.array([1.0, 25.0])


def valle(theta: np.ndarray) -> np.ndarray:
    """``½·(θ₁² + 25·θ₂²)`` para puntos ``(M, 2)`` → ``(M,)`` (o un punto ``(2,)`` → número)."""
    theta = como_arreglo(theta, "theta")
    return 0.5 * (theta**2 * CURVATURAS_VALLE).sum(axis=-1)


def gradiente_valle(theta: np.ndarray) -> np.ndarray:
    """``∇f(θ) = (θ₁, 25·θ₂)``."""
    return np.asarray(theta) * CURVATURAS_VALLE


def trayectoria(clase: type[Optimizador], inicio: tuple[float, float] = (-2.5, 1.0), pasos: int = 50,
                gradiente: Callable[[np.ndarray], np.ndarray] = gradiente_valle, **opciones: object
                ) -> np.ndarray:
    """Posiciones ``(pasos + 1, 2)`` de un optimizador que parte de ``inicio`` y sigue ``gradiente``.

    ``opciones`` van al optimizador (``tasa_aprendizaje=0.03, momento=0.9``…).
    """
    p = Parametro(np.array(inicio, dtype=np.float64), "theta")
    opt = clase([p], **opciones)
    camino = [p.datos.copy()]
    for _ in range(int(pasos)):
        p.grad = gradiente(p.datos)
        opt.step()
        camino.append(p.datos.copy())
    return np.array(camino)
