"""Redes convolucionales hechas con las capas del curso.

``construir_lenet`` es una LeNet pequeña (LeCun et al., 1998) para los dígitos 8×8 de
scikit-learn, ``(N, 1, 8, 8)``:

    Conv2D(1→c1, 3×3, relleno 1) → ReLU → MaxPool2D(2)     (N, c1, 4, 4)
    Conv2D(c1→c2, 3×3, relleno 1) → ReLU → MaxPool2D(2)    (N, c2, 2, 2)
    Aplanar → CapaDensa(4·c2 → n_clases)                   (N, n_clases): logits

con ``canales = (c1, c2) = (16, 32)`` por defecto (con ``(8, 16)`` también aprende, pero su
exactitud depende más de la semilla). El relleno 1 conserva el tamaño; cada ``MaxPool2D(2)``
lo divide por 2: 8×8 → 4×4 → 2×2.

Es un ``Secuencial``: se entrena con el ``entrenar`` del Lab06 y se guarda con ``guardar``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Secuencial, crear_generador
from Lab03_Funciones_Activacion.codigo import ReLU
from Lab05_Backpropagation.codigo import CapaDensa

from .convolucion import Conv2D
from .forma import Aplanar
from .pooling import MaxPool2D

__all__ = ["construir_lenet"]


def construir_lenet(n_clases: int = 10, semilla: int | np.random.Generator | None = 0,
                    dtype: type = np.float64, canales: tuple[int, int] = (16, 32)) -> Secuencial:
    """LeNet para imágenes ``(N, 1, 8, 8)`` que devuelve logits ``(N, n_clases)``.

    ``semilla`` fija los pesos iniciales; ``canales`` son los filtros de las dos convoluciones.
    """
    n_clases = entero_positivo(n_clases, "n_clases")
    if not isinstance(canales, (tuple, list)) or len(canales) != 2:
        raise ValueError(f"canales debe ser una pareja (c1, c2) de enteros positivos, se recibió {canales!r}")
    c1, c2 = (entero_positivo(c, "canales") for c in canales)
    rng = crear_generador(semilla)
    return Secuencial(
        Conv2D(1, c1, 3, relleno=1, semilla=rng, dtype=dtype),
        ReLU(),
        MaxPool2D(2),
        Conv2D(c1, c2, 3, relleno=1, semilla=rng, dtype=dtype),
        ReLU(),
        MaxPool2D(2),
        Aplanar(),
        CapaDensa(4 * c2, n_clases, semilla=rng, dtype=dtype),
    )
