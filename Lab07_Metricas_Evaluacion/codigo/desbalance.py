"""Datos desequilibrados: medir el reparto de clases y compensarlo.

Cuando una clase es rara (fraudes, enfermedades, defectos), un modelo que la ignora por
completo puede tener una exactitud altísima. Tres remedios clásicos:

- **pesos de clase**: en la pérdida, cada ejemplo pesa según lo rara que es su clase
  (``pesos_clase``, la fórmula «balanced» de sklearn: ``N / (C · N_c)``);
- **sobremuestreo**: repetir al azar ejemplos de las clases minoritarias (``sobremuestrear``);
- **submuestreo**: descartar al azar ejemplos de las mayoritarias (``submuestrear``).

El remuestreo se aplica **sólo al entrenamiento**: la validación y la prueba deben reflejar
el reparto real que el modelo encontrará.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import crear_generador

from .etiquetas import como_etiquetas, indices_de_clase

__all__ = [
    "distribucion_clases",
    "pesos_clase",
    "pesos_muestra",
    "sobremuestrear",
    "submuestrear",
    "desbalancear",
]


def distribucion_clases(y: object) -> dict[str, np.ndarray]:
    """``{"clases", "cuentas", "proporciones"}`` de las etiquetas ``y`` ``(N,)``."""
    etiquetas = como_etiquetas(y, "y")
    if etiquetas.size == 0:
        raise ValueError("y está vacío: no hay clases que contar")
    clases, cuentas = np.unique(etiquetas, return_counts=True)
    return {"clases": clases, "cuentas": cuentas, "proporciones": cuentas / cuentas.sum()}


def pesos_clase(y: object, clases: Sequence | np.ndarray | None = None) -> np.ndarray:
    """Peso de cada clase ``(C,)``: ``N / (C · N_c)`` (``compute_class_weight("balanced")``).

    Una clase con la mitad de ejemplos que la media pesa el doble; con clases equilibradas,
    todos los pesos valen 1. ``clases`` fija el orden (por defecto, las de ``y`` ordenadas).
    """
    etiquetas = como_etiquetas(y, "y")
    if etiquetas.size == 0:
        raise ValueError("y está vacío: no se pueden calcular pesos de clase")
    clases_arr = np.unique(etiquetas) if clases is None else como_etiquetas(clases, "clases")
    indices = indices_de_clase(etiquetas, clases_arr)
    if np.any(indices < 0):
        raise ValueError(
            f"y contiene etiquetas que no están en clases: {np.unique(etiquetas[indices < 0])[:5].tolist()}"
        )
    cuentas = np.bincount(indices, minlength=len(clases_arr))
    if np.any(cuentas == 0):
        raise ValueError(
            f"la clase {clases_arr[np.argmin(cuentas)]!r} no tiene ejemplos en y: su peso sería infinito"
        )
    return etiquetas.size / (len(clases_arr) * cuentas)


def pesos_muestra(y: object, pesos: Sequence | np.ndarray | None = None,
                  clases: Sequence | np.ndarray | None = None) -> np.ndarray:
    """Peso de cada ejemplo ``(N,)``: el de su clase (``compute_sample_weight``).

    ``pesos`` ``(C,)`` en el orden de ``clases``; por defecto, ``pesos_clase(y)``.
    """
    etiquetas = como_etiquetas(y, "y")
    clases_arr = np.unique(etiquetas) if clases is None else como_etiquetas(clases, "clases")
    pesos_arr = pesos_clase(etiquetas, clases_arr) if pesos is None else np.asarray(pesos, dtype=np.float64)
    if pesos_arr.shape != (len(clases_arr),):
        raise ValueError(
            f"se esperaba un peso por clase ({len(clases_arr)}), se recibió forma {pesos_arr.shape}"
        )
    indices = indices_de_clase(etiquetas, clases_arr)
    if np.any(indices < 0):
        raise ValueError("y contiene etiquetas que no están en clases")
    return pesos_arr[indices]


def _comprobar_xy(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X)
    etiquetas = como_etiquetas(y, "y")
    if X.shape[0] != etiquetas.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene {etiquetas.shape[0]}")
    if etiquetas.size == 0:
        raise ValueError("no hay ejemplos que remuestrear")
    return X, etiquetas


def sobremuestrear(
    X: object, y: object, semilla: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Repite al azar (con reemplazo) ejemplos de cada clase hasta igualar a la mayoritaria.

    Conserva todos los originales; devuelve ``(X, y)`` barajados, con ``C · max(N_c)`` ejemplos.
    """
    X, etiquetas = _comprobar_xy(X, y)
    rng = crear_generador(semilla)
    clases, inversa, cuentas = np.unique(etiquetas, return_inverse=True, return_counts=True)
    objetivo = cuentas.max()
    extra = [rng.choice(np.flatnonzero(inversa == c), objetivo - cuentas[c], replace=True)
             for c in range(len(clases))]  # un sorteo por clase, no por ejemplo
    indices = rng.permutation(np.concatenate([np.arange(etiquetas.size), *extra]))
    return X[indices], etiquetas[indices]


def submuestrear(
    X: object, y: object, semilla: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Se queda al azar (sin reemplazo) con ``min(N_c)`` ejemplos de cada clase.

    Tira información: útil cuando sobran datos de la clase mayoritaria.
    """
    X, etiquetas = _comprobar_xy(X, y)
    rng = crear_generador(semilla)
    # una clave aleatoria por ejemplo; dentro de cada clase, se quedan los de clave menor
    clave = rng.random(etiquetas.size)
    clases, inversa, cuentas = np.unique(etiquetas, return_inverse=True, return_counts=True)
    orden = np.lexsort((clave, inversa))
    posicion = np.arange(etiquetas.size) - np.repeat(np.cumsum(cuentas) - cuentas, cuentas)
    elegidos = orden[posicion < cuentas.min()]
    indices = rng.permutation(elegidos)
    return X[indices], etiquetas[indices]


def desbalancear(
    X: object, y: object, clase: object, fraccion: float, semilla: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Deja sólo una ``fraccion`` (al azar, al menos 1) de los ejemplos de ``clase``.

    Sirve para fabricar un problema desequilibrado a partir de uno equilibrado. El orden
    de los demás ejemplos se conserva.
    """
    X, etiquetas = _comprobar_xy(X, y)
    if not 0 < fraccion <= 1:
        raise ValueError(f"fraccion debe estar en (0, 1], se recibió {fraccion!r}")
    de_la_clase = np.flatnonzero(etiquetas == np.asarray(clase).astype(etiquetas.dtype))
    if de_la_clase.size == 0:
        raise ValueError(f"no hay ejemplos de la clase {clase!r} en y")
    rng = crear_generador(semilla)
    n_quedan = max(1, int(round(fraccion * de_la_clase.size)))
    quitar = rng.choice(de_la_clase, de_la_clase.size - n_quedan, replace=False)
    mantener = np.ones(etiquetas.size, dtype=bool)
    mantener[quitar] = False
    return X[mantener], etiquetas[mantener]
