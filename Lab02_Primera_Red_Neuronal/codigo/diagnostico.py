"""Mirar dentro de una red: las activaciones de cada capa."""

from __future__ import annotations

import copy

import matplotlib.pyplot as plt
import numpy as np

from .capa import Capa
from .capa_densa import CapaDensa
from .inicializacion import crear_generador
from .secuencial import Secuencial

__all__ = ["activaciones_por_capa", "red_profunda", "graficar_histogramas"]


def activaciones_por_capa(
    modelo: Secuencial, x: np.ndarray, tipo: type[Capa] | None = None
) -> list[np.ndarray]:
    """Salida de cada capa de ``modelo`` para la entrada ``x``, en orden.

    Con ``tipo`` sólo se guardan las salidas de las capas de esa clase
    (p. ej. ``tipo=Activacion`` para ver sólo las activaciones).
    """
    if not isinstance(modelo, Secuencial):
        raise TypeError(f"se esperaba un Secuencial, se recibió {type(modelo).__name__}")
    salidas = []
    for capa in modelo:
        x = capa.forward(x)
        if tipo is None or isinstance(capa, tipo):
            salidas.append(x)
    return salidas


def red_profunda(
    n_capas: int,
    ancho: int,
    activacion,
    inicializacion: str = "he",
    escala: float = 0.01,
    semilla: int | np.random.Generator | None = 0,
) -> Secuencial:
    """``n_capas`` bloques ``CapaDensa(ancho, ancho)`` + ``activacion`` (una capa sin pesos).

    ``activacion`` puede ser una capa ya creada (cada bloque recibe su propia copia) o una
    clase de capa (se crea una instancia nueva por bloque). Cada bloque tiene su propia
    activación porque, desde el Lab05, las capas guardan su entrada para el paso hacia atrás:
    una misma instancia repetida en la red mezclaría lo guardado por capas distintas.
    """
    if not isinstance(n_capas, (int, np.integer)) or n_capas < 1:
        raise ValueError(f"n_capas debe ser un entero positivo, se recibió {n_capas!r}")
    rng = crear_generador(semilla)
    modelo = Secuencial()
    for _ in range(n_capas):
        modelo.agregar(CapaDensa(ancho, ancho, inicializacion, semilla=rng, escala=escala))
        modelo.agregar(activacion() if isinstance(activacion, type) else copy.deepcopy(activacion))
    return modelo


def graficar_histogramas(
    activaciones: list[np.ndarray], titulo: str = "", cada: int = 1, rango: tuple | None = None
) -> plt.Figure:
    """Un histograma por capa (cada ``cada`` capas) de los valores de activación."""
    elegidas = list(range(0, len(activaciones), cada))
    fig, ejes = plt.subplots(1, len(elegidas), figsize=(2.0 * len(elegidas), 2.2), sharey=True)
    ejes = np.atleast_1d(ejes)
    for eje, i in zip(ejes, elegidas):
        a = activaciones[i].ravel()
        eje.hist(a, bins=40, range=rango, color="#4c72b0")
        eje.set_title(f"capa {i + 1}\nσ={a.std():.2g}", fontsize=8)
        eje.tick_params(labelsize=7)
    fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig
