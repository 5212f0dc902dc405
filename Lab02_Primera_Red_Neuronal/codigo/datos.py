"""Conjuntos de datos en 2-D para clasificación: espirales, lunas, círculos y XOR.

Todos devuelven ``X`` de forma ``(N, 2)`` (float64) e ``y`` de forma ``(N,)`` (enteros),
y son reproducibles con ``semilla``.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_circles, make_moons

from Lab01_Introduccion_Neuronas.codigo.validacion import entero_positivo, numero_real

from .inicializacion import crear_generador

__all__ = ["generar_espirales", "generar_lunas", "generar_circulos", "generar_xor"]


def _ruido_valido(ruido: float) -> float:
    try:
        return numero_real(ruido, "ruido", 0.0)
    except TypeError as error:  # el mismo tipo de error para todo lo que no sirve como ruido
        raise ValueError(f"ruido debe ser un número mayor o igual que 0, se recibió {ruido!r}") from error


def generar_espirales(
    n_por_clase: int = 100,
    n_clases: int = 3,
    ruido: float = 0.2,
    semilla: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """``n_clases`` brazos de espiral entrelazados (un clásico que una recta no separa).

    El brazo ``k`` recorre radios ``r ∈ [0, 1]`` con ángulo ``θ = 4r + 2πk/n_clases`` más
    ruido gaussiano de desviación ``ruido`` en el ángulo.
    """
    n = entero_positivo(n_por_clase, "n_por_clase")
    k = entero_positivo(n_clases, "n_clases")
    ruido = _ruido_valido(ruido)
    rng = crear_generador(semilla)
    r = np.tile(np.linspace(0.0, 1.0, n), k)
    clase = np.repeat(np.arange(k), n)
    theta = 4.0 * r + 2.0 * np.pi * clase / k + rng.normal(0.0, ruido, size=n * k)
    X = np.column_stack([r * np.sin(theta), r * np.cos(theta)])
    return X, clase


def generar_lunas(
    n: int = 200, ruido: float = 0.1, semilla: int | np.random.Generator | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Dos medias lunas entrelazadas (``sklearn.datasets.make_moons``)."""
    rng = crear_generador(semilla)
    X, y = make_moons(
        n_samples=entero_positivo(n, "n"), noise=_ruido_valido(ruido),
        random_state=int(rng.integers(2**31)),
    )
    return X.astype(np.float64), y.astype(np.int64)


def generar_circulos(
    n: int = 200,
    ruido: float = 0.05,
    factor: float = 0.5,
    semilla: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Un círculo dentro de otro (``sklearn.datasets.make_circles``); ``factor`` = radio interior."""
    if (
        isinstance(factor, bool)
        or not isinstance(factor, (int, float, np.integer, np.floating))
        or not 0 < factor < 1
    ):
        raise ValueError(f"factor debe estar entre 0 y 1 (sin incluirlos), se recibió {factor!r}")
    rng = crear_generador(semilla)
    X, y = make_circles(
        n_samples=entero_positivo(n, "n"), noise=_ruido_valido(ruido), factor=factor,
        random_state=int(rng.integers(2**31)),
    )
    return X.astype(np.float64), y.astype(np.int64)


def generar_xor(
    n: int = 200, ruido: float = 0.15, semilla: int | np.random.Generator | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Nubes de puntos alrededor de las cuatro esquinas del cuadrado unidad con la etiqueta XOR."""
    n = entero_positivo(n, "n")
    ruido = _ruido_valido(ruido)
    rng = crear_generador(semilla)
    esquinas = rng.integers(0, 2, size=(n, 2))
    X = esquinas + rng.normal(0.0, ruido, size=(n, 2))
    return X.astype(np.float64), (esquinas[:, 0] ^ esquinas[:, 1]).astype(np.int64)
