"""Preparar etiquetas y puntuaciones antes de medir nada.

Todas las métricas del lab reciben lo mismo que ``sklearn.metrics``:

- ``y_verdadero`` e ``y_predicho``: etiquetas ``(N,)`` (enteros, booleanos o textos);
- ``puntuaciones``: números reales ``(N,)`` (probabilidad o logit de la clase positiva) o
  ``(N, C)`` (una columna por clase).

Aquí se comprueba todo una sola vez y se traducen las etiquetas a índices ``0..C-1``
(la posición de cada etiqueta en la lista de clases) con operaciones vectorizadas.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma

__all__ = ["como_etiquetas", "preparar_etiquetas", "indices_de_clase", "clases_presentes", "preparar_binario"]


def como_etiquetas(y: object, nombre: str = "y") -> np.ndarray:
    """Convierte ``y`` en un vector de etiquetas ``(N,)``: enteros ``int64`` o textos.

    Los reales con valor entero (``1.0``) se aceptan; ``0.7`` no (¿eran probabilidades?).
    """
    arreglo = np.asarray(y)
    if arreglo.ndim != 1:
        pista = ""
        if arreglo.ndim == 2 and arreglo.shape[1] > 1:
            pista = " (si son probabilidades o puntuaciones (N, C), usa .argmax(axis=1))"
        elif arreglo.ndim == 2:
            pista = " (usa .ravel() para quitar el eje sobrante)"
        raise ValueError(
            f"se esperaban las etiquetas {nombre} de forma (N,), "
            f"se recibió {describir_forma(arreglo.shape)}{pista}"
        )
    if arreglo.dtype.kind in "US":
        return arreglo.astype(str)
    if arreglo.dtype.kind in "biu":
        return arreglo.astype(np.int64)
    reales = como_arreglo(arreglo, nombre)
    if np.any(reales != np.round(reales)):
        i = int(np.argmax(reales != np.round(reales)))
        raise ValueError(
            f"las etiquetas de {nombre} deben ser enteros o textos; en la posición {i} hay "
            f"{float(reales[i]):g} (si son probabilidades, conviértelas antes con aplicar_umbral)"
        )
    return reales.astype(np.int64)


def _rango_pequeno(*arreglos: np.ndarray) -> tuple[int, int] | None:
    """``(mínimo, máximo)`` si todos son enteros y caben en una tabla de tamaño razonable."""
    if not all(a.dtype.kind == "i" and a.size for a in arreglos):
        return None
    minimo = min(int(a.min()) for a in arreglos)
    maximo = max(int(a.max()) for a in arreglos)
    return (minimo, maximo) if maximo - minimo <= 4 * sum(a.size for a in arreglos) + 1024 else None


def indices_de_clase(y: np.ndarray, clases: np.ndarray) -> np.ndarray:
    """Posición de cada etiqueta de ``y`` en ``clases`` ``(C,)``; ``-1`` si no está.

    Con enteros de rango pequeño usa una tabla de consulta (``tabla[y]``, un solo acceso por
    ejemplo); si no, busca en una copia ordenada de ``clases`` con ``np.searchsorted``.
    """
    rango = _rango_pequeno(y, clases)
    if rango is not None:
        minimo, maximo = rango
        tabla = np.full(maximo - minimo + 1, -1, dtype=np.int64)
        tabla[clases - minimo] = np.arange(len(clases))
        return tabla[y - minimo]
    orden = np.argsort(clases, kind="stable")
    ordenadas = clases[orden]
    posiciones = np.searchsorted(ordenadas, y)
    posiciones = np.clip(posiciones, 0, len(clases) - 1)
    encontrada = ordenadas[posiciones] == y
    return np.where(encontrada, orden[posiciones], -1)


def clases_presentes(*etiquetas: np.ndarray) -> np.ndarray:
    """Etiquetas distintas que aparecen en cualquiera de los vectores, ordenadas (sin bucles).

    Con enteros de rango pequeño basta un ``np.bincount``; si no, ``np.unique``.
    """
    rango = _rango_pequeno(*etiquetas)
    if rango is None:
        return np.unique(np.concatenate(etiquetas))
    minimo, maximo = rango
    presentes = np.zeros(maximo - minimo + 1, dtype=bool)
    for e in etiquetas:  # uno o dos vectores, no un bucle sobre ejemplos
        presentes |= np.bincount(e - minimo, minlength=presentes.size) > 0
    return np.flatnonzero(presentes) + minimo


def _validar_clases(clases: object, muestra: np.ndarray) -> np.ndarray:
    arreglo = np.asarray(clases)
    if arreglo.ndim != 1 or arreglo.size == 0:
        raise ValueError(
            f"clases debe ser una lista no vacía de etiquetas, se recibió forma {arreglo.shape}"
        )
    arreglo = como_etiquetas(arreglo, "clases")
    if (arreglo.dtype.kind == "U") != (muestra.dtype.kind == "U"):
        raise TypeError("clases y las etiquetas deben ser del mismo tipo (todas números o todas textos)")
    if len(np.unique(arreglo)) != len(arreglo):
        raise ValueError(f"clases no puede tener etiquetas repetidas: {arreglo.tolist()}")
    return arreglo


def preparar_etiquetas(
    y_verdadero: object, y_predicho: object, clases: Sequence | np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Valida las dos listas de etiquetas y devuelve ``(i_verdadero, i_predicho, clases)``.

    - ``clases=None``: las etiquetas que aparecen en ``y_verdadero`` o en ``y_predicho``,
      ordenadas (como ``sklearn``). Si se dan, se respeta su orden.
    - ``i_verdadero``/``i_predicho`` ``(N,)``: posición de cada etiqueta en ``clases``
      (``-1`` si la etiqueta no está en ``clases``).
    """
    yv = como_etiquetas(y_verdadero, "y_verdadero")
    yp = como_etiquetas(y_predicho, "y_predicho")
    if yv.shape[0] != yp.shape[0]:
        raise ValueError(
            f"y_verdadero tiene {yv.shape[0]} ejemplos pero y_predicho tiene {yp.shape[0]}; "
            "se esperaba una predicción por ejemplo"
        )
    if yv.shape[0] == 0:
        raise ValueError("no hay ejemplos: y_verdadero e y_predicho están vacíos")
    if (yv.dtype.kind == "U") != (yp.dtype.kind == "U"):
        raise TypeError(
            "y_verdadero e y_predicho deben ser del mismo tipo (las dos números o las dos textos)"
        )
    if clases is None:
        clases_arr = clases_presentes(yv, yp)
    else:
        clases_arr = _validar_clases(clases, yv)
    return indices_de_clase(yv, clases_arr), indices_de_clase(yp, clases_arr), clases_arr


def preparar_binario(
    y_verdadero: object, puntuaciones: object, etiqueta_positiva: object = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Para las curvas ROC y PR: ``(es_positivo (N,) bool, puntuaciones (N,) float64)``.

    ``y_verdadero`` puede tener como mucho dos etiquetas distintas; la positiva es
    ``etiqueta_positiva`` y todas las demás cuentan como negativas.
    """
    y = como_etiquetas(y_verdadero, "y_verdadero")
    s = como_arreglo(puntuaciones, "puntuaciones")
    if s.ndim == 2 and s.shape[1] == 1:
        s = s[:, 0]
    if s.ndim != 1:
        raise ValueError(
            "se esperaban puntuaciones de forma (N,) (una por ejemplo: la de la clase positiva), "
            f"se recibió {describir_forma(s.shape)}; con (N, C) usa puntuaciones[:, clase]"
        )
    if s.shape[0] != y.shape[0]:
        raise ValueError(
            f"y_verdadero tiene {y.shape[0]} ejemplos pero puntuaciones tiene {s.shape[0]}"
        )
    if y.shape[0] == 0:
        raise ValueError("no hay ejemplos: y_verdadero está vacío")
    distintas = np.unique(y)
    if len(distintas) > 2:
        raise ValueError(
            f"las curvas ROC y PR son binarias, pero y_verdadero tiene {len(distintas)} clases "
            f"({distintas[:6].tolist()}…); para varias clases usa una contra el resto"
        )
    return y == np.asarray(etiqueta_positiva).astype(y.dtype), s.astype(np.float64, copy=False)
