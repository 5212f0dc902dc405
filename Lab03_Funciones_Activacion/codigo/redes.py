"""Construir redes densas con una activación elegida por su nombre."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import CapaDensa, Secuencial, crear_generador

from .base import CapaActivacion
from .registro import crear_activacion

__all__ = ["red_densa"]


def red_densa(
    tamanos: Sequence[int],
    activacion: str | type[CapaActivacion] = "relu",
    activacion_salida: str | type[CapaActivacion] | None = None,
    inicializacion: str = "he",
    sesgo_inicial: float = 0.0,
    semilla: int | np.random.Generator | None = 0,
    **opciones: object,
) -> Secuencial:
    """``Secuencial`` con capas densas ``tamanos[0] → tamanos[1] → … → tamanos[-1]``.

    Detrás de cada capa densa oculta va una activación *nueva* (cada una guarda su
    propia entrada para ``backward``). Tras la última capa va ``activacion_salida``
    (ninguna si es ``None``). ``sesgo_inicial`` rellena todos los sesgos (0 por defecto);
    ``opciones`` se pasan a la activación (p. ej. ``pendiente=0.1``).

    >>> red_densa([2, 16, 16, 3], "tanh", "softmax", inicializacion="xavier")  # doctest: +SKIP
    """
    tamanos = list(tamanos)
    if len(tamanos) < 2 or not all(
        isinstance(t, (int, np.integer)) and not isinstance(t, bool) and t >= 1 for t in tamanos
    ):
        raise ValueError(
            "tamanos debe ser una lista de al menos dos enteros positivos "
            f"(entradas, ocultas…, salidas); se recibió {tamanos!r}"
        )
    if (
        isinstance(sesgo_inicial, bool)
        or not isinstance(sesgo_inicial, (int, float, np.integer, np.floating))
        or not np.isfinite(sesgo_inicial)
    ):
        raise ValueError(f"sesgo_inicial debe ser un número finito, se recibió {sesgo_inicial!r}")
    rng = crear_generador(semilla)
    modelo = Secuencial()
    n_densas = len(tamanos) - 1
    for i, (n_ent, n_sal) in enumerate(zip(tamanos[:-1], tamanos[1:])):
        densa = CapaDensa(int(n_ent), int(n_sal), inicializacion, semilla=rng)
        densa.b.datos[:] = sesgo_inicial
        modelo.agregar(densa)
        if i < n_densas - 1:
            modelo.agregar(crear_activacion(activacion, **opciones))
        elif activacion_salida is not None:
            modelo.agregar(crear_activacion(activacion_salida))
    return modelo
