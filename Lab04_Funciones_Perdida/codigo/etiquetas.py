"""Etiquetas y probabilidades: comprobarlas, pasarlas a one-hot y medir la exactitud.

En clasificación, el objetivo llega de dos maneras (las dos valen en todo el lab):

- etiquetas enteras ``(N,)`` con valores en ``[0, C)``: ``[2, 0, 1]``;
- distribuciones ``(N, C)``: una fila por ejemplo que suma 1, ya sea *one-hot*
  (``[0, 0, 1]``) o *suave* (``[0.1, 0.1, 0.8]``).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma

__all__ = ["validar_etiquetas", "comprobar_probabilidades", "a_one_hot", "exactitud_salidas"]


def _es_entero(x: object) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def validar_etiquetas(y: object, n_clases: int, nombre: str = "objetivo") -> np.ndarray:
    """Comprueba que ``y`` ``(N,)`` son enteros en ``[0, n_clases)`` y los devuelve como ``int64``.

    Acepta ``1.0`` (un real con valor entero) pero no ``1.5``.
    """
    if not _es_entero(n_clases) or n_clases < 1:
        raise ValueError(f"n_clases debe ser un entero positivo, se recibió {n_clases!r}")
    etiquetas = como_arreglo(y, nombre)
    if etiquetas.ndim != 1:
        pista = (
            " (usa .ravel() para quitar el eje sobrante)"
            if etiquetas.ndim == 2 and 1 in etiquetas.shape
            else ""
        )
        raise ValueError(
            f"se esperaban las etiquetas {nombre} de forma (N,), "
            f"se recibió {describir_forma(etiquetas.shape)}{pista}"
        )
    no_enteras = etiquetas != np.round(etiquetas)
    if np.any(no_enteras):
        i = int(np.argmax(no_enteras))
        raise ValueError(
            f"las etiquetas de {nombre} deben ser números enteros (0, 1, 2, …); "
            f"en la posición {i} hay {float(etiquetas[i]):g}"
        )
    fuera = (etiquetas < 0) | (etiquetas >= n_clases)
    if np.any(fuera):
        i = int(np.argmax(fuera))
        raise ValueError(
            f"etiqueta fuera de rango en {nombre}[{i}] = {int(etiquetas[i])}: "
            f"con {n_clases} clases se esperaban enteros en [0, {n_clases})"
        )
    return etiquetas.astype(np.int64)


def comprobar_probabilidades(x: np.ndarray, nombre: str, eje: int | None = None, pista: str = "") -> None:
    """Lanza ``ValueError`` si ``x`` tiene valores fuera de ``[0, 1]``.

    Con ``eje`` comprueba además que cada distribución a lo largo de ese eje sume 1
    (tolerancia 1e-5 en float64 y 1e-4 en float32: admite el redondeo y
    las pequeñas perturbaciones de una comprobación numérica de gradientes).
    """
    if x.size and (x.min() < 0 or x.max() > 1):
        raise ValueError(
            f"{nombre} debe contener probabilidades en [0, 1], se recibieron valores entre "
            f"{float(x.min()):.4g} y {float(x.max()):.4g}{pista}"
        )
    if eje is not None and x.size:
        tolerancia = 1e-4 if x.dtype == np.float32 else 1e-5
        sumas = x.sum(axis=eje, dtype=np.float64)
        malas = np.abs(sumas - 1.0) > tolerancia
        if np.any(malas):
            peor = float(sumas.ravel()[np.argmax(np.abs(sumas - 1.0).ravel())])
            raise ValueError(
                f"cada fila de {nombre} debe ser una distribución que sume 1; "
                f"hay una que suma {peor:.6g}{pista}"
            )


def a_one_hot(y: object, n_clases: int) -> np.ndarray:
    """Etiquetas enteras ``(N,)`` → matriz one-hot ``(N, n_clases)`` de float64.

    >>> a_one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    etiquetas = validar_etiquetas(y, n_clases, "y")
    salida = np.zeros((etiquetas.shape[0], int(n_clases)))
    salida[np.arange(etiquetas.shape[0]), etiquetas] = 1.0
    return salida


def _a_clases(valores: object, nombre: str, umbral: float) -> np.ndarray:
    """Convierte predicciones u objetivos de cualquier formato en clases enteras ``(N,)``."""
    original = np.asarray(valores)
    arreglo = como_arreglo(valores, nombre, ndim=(1, 2))
    if arreglo.ndim == 2 and arreglo.shape[1] > 1:
        return arreglo.argmax(axis=1)  # logits, probabilidades o one-hot: la clase mayor
    arreglo = arreglo.reshape(-1)
    if np.issubdtype(original.dtype, np.integer) or original.dtype == bool:
        return arreglo.astype(np.int64)  # ya son etiquetas
    return (arreglo >= umbral).astype(np.int64)  # probabilidad (o logit) de la clase 1


def exactitud_salidas(prediccion: object, objetivo: object, umbral: float = 0.5) -> float:
    """Fracción de ejemplos bien clasificados (*accuracy*) a partir de la salida de un modelo.

    (La ``exactitud(y_verdadero, y_predicho)`` del Lab07 compara etiquetas con etiquetas.)

    - ``prediccion`` ``(N, C)`` (logits o probabilidades): la clase es la columna mayor.
    - ``prediccion`` ``(N,)`` o ``(N, 1)`` real: clase 1 si ``prediccion >= umbral``
      (0.5 para probabilidades; usa ``umbral=0`` con logits). Si es de tipo entero,
      ya son etiquetas.
    - ``objetivo``: etiquetas ``(N,)`` o one-hot ``(N, C)``.
    """
    objetivo_arr = np.asarray(objetivo)
    if objetivo_arr.ndim == 1 or (objetivo_arr.ndim == 2 and objetivo_arr.shape[1] == 1):
        reales = como_arreglo(objetivo_arr.reshape(-1), "objetivo")
        if np.any(reales != np.round(reales)):
            raise ValueError("las etiquetas de objetivo deben ser números enteros (0, 1, 2, …)")
        clases_reales = reales.astype(np.int64)
    else:
        clases_reales = _a_clases(objetivo_arr, "objetivo", 0.5)
    clases_predichas = _a_clases(prediccion, "prediccion", umbral)
    if clases_predichas.shape[0] != clases_reales.shape[0]:
        raise ValueError(
            f"prediccion tiene {clases_predichas.shape[0]} ejemplos pero objetivo tiene "
            f"{clases_reales.shape[0]}"
        )
    if clases_reales.shape[0] == 0:
        raise ValueError("el lote está vacío: no se puede medir la exactitud de 0 ejemplos")
    return float(np.mean(clases_predichas == clases_reales))
