"""Mirar dentro de una red: las activaciones de cada capa."""

from __future__ import annotations

import copy

import matplotlib.pyplot as plt
import numpy as np

from .capa import Capa
from .capa_densa import CapaDensa
from .inicializacion import crear_generador
from .secuencial import Secuencial

__all__ = ["activaciones_por_capa", "red_profunda", "raiz_segundo_momento", "graficar_histogramas"]


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


def raiz_segundo_momento(a: np.ndarray) -> float:
    """``√E[a²]``: la raíz de la media de los cuadrados de todos los valores de ``a``.

    Es la cantidad que conservan Xavier y He (sección 5 de ``teoria.md``). Coincide con la
    desviación típica sólo cuando la media es 0; tras ReLU la media es positiva y ``σ < √E[a²]``.
    """
    a = np.asarray(a, dtype=float)
    if a.size == 0:
        raise ValueError("se esperaba un arreglo con al menos un valor, se recibió uno vacío")
    return float(np.sqrt(np.mean(a**2)))


_MEDIDAS = {
    "desviacion": ("σ", lambda a: float(a.std())),
    "segundo_momento": ("√E[x²]", raiz_segundo_momento),
}


def graficar_histogramas(
    activaciones: list[np.ndarray],
    titulo: str = "",
    cada: int = 1,
    rango: tuple | None = None,
    medida: str = "desviacion",
) -> plt.Figure:
    """Un histograma por capa (cada ``cada`` capas) de los valores de activación.

    El título de cada histograma da ``σ`` (``medida="desviacion"``) o ``√E[x²]``
    (``medida="segundo_momento"``). Con ``rango`` todos los histogramas comparten eje horizontal.
    """
    if medida not in _MEDIDAS:
        raise ValueError(f"medida debe ser una de {', '.join(_MEDIDAS)}, se recibió {medida!r}")
    simbolo, calcular = _MEDIDAS[medida]
    elegidas = list(range(0, len(activaciones), cada))
    fig, ejes = plt.subplots(1, len(elegidas), figsize=(2.0 * len(elegidas), 2.2), sharey=True)
    ejes = np.atleast_1d(ejes)
    for eje, i in zip(ejes, elegidas):
        a = activaciones[i].ravel()
        eje.hist(a, bins=40, range=rango, color="#4c72b0")
        eje.set_title(f"capa {i + 1}\n{simbolo}={calcular(a):.2g}", fontsize=8)
        eje.tick_params(labelsize=7)
    fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig
