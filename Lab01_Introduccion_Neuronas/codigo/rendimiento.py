"""Medir cuánto tarda una función (para comparar bucles de Python con NumPy)."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["medir_tiempo"]


def medir_tiempo(funcion: Callable[[], object], repeticiones: int = 5, numero: int = 1) -> float:
    """Mejor tiempo, en segundos, de ``numero`` llamadas a ``funcion`` entre ``repeticiones`` medidas.

    Se toma el mínimo porque las otras tareas del ordenador sólo pueden *sumar* tiempo.
    """
    if repeticiones < 1 or numero < 1:
        raise ValueError("repeticiones y numero deben ser al menos 1")
    mejor = float("inf")
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        for _ in range(numero):
            funcion()
        mejor = min(mejor, (time.perf_counter() - inicio) / numero)
    return mejor
