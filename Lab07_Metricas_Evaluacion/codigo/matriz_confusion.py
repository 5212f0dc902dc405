"""La matriz de confusión: de dónde salen todas las métricas de clasificación.

``M[i, j]`` cuenta los ejemplos cuya clase **verdadera** es ``clases[i]`` (fila) y que el
modelo **predijo** como ``clases[j]`` (columna), la misma convención que
``sklearn.metrics.confusion_matrix``. La diagonal son los aciertos.

Para cada clase ``k`` (vista como «positiva» frente a todas las demás):

- VP (verdaderos positivos): ``M[k, k]``
- FP (falsos positivos): columna ``k`` sin la diagonal (se predijo ``k`` y no lo era)
- FN (falsos negativos): fila ``k`` sin la diagonal (era ``k`` y no se predijo)
- VN (verdaderos negativos): todo lo demás
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .etiquetas import preparar_etiquetas

__all__ = ["NORMALIZACIONES", "matriz_confusion", "conteos_por_clase", "normalizar_matriz"]

#: Valores válidos de ``normalizar`` (y su equivalente en sklearn: None, "true", "pred", "all").
NORMALIZACIONES = (None, "verdadero", "prediccion", "todo")


def normalizar_matriz(matriz: np.ndarray, normalizar: str | None) -> np.ndarray:
    """Divide ``matriz`` ``(C, C)`` por filas (``"verdadero"``), columnas (``"prediccion"``)
    o por el total (``"todo"``). Una fila o columna vacía queda en 0 (no hay NaN)."""
    if normalizar not in NORMALIZACIONES:
        raise ValueError(
            f"normalizar debe ser uno de {NORMALIZACIONES}, se recibió {normalizar!r}"
        )
    m = np.asarray(matriz, dtype=np.float64)
    if normalizar is None:
        return np.asarray(matriz)
    if normalizar == "verdadero":
        divisor = m.sum(axis=1, keepdims=True)
    elif normalizar == "prediccion":
        divisor = m.sum(axis=0, keepdims=True)
    else:
        divisor = np.full((1, 1), m.sum())
    return np.divide(m, divisor, out=np.zeros_like(m), where=divisor > 0)


def matriz_confusion(
    y_verdadero: object,
    y_predicho: object,
    clases: Sequence | np.ndarray | None = None,
    normalizar: str | None = None,
) -> np.ndarray:
    """Matriz de confusión ``(C, C)``: filas = clase verdadera, columnas = clase predicha.

    - ``clases``: orden de filas y columnas (por defecto, las etiquetas presentes, ordenadas).
      Los ejemplos cuya etiqueta (verdadera o predicha) no está en ``clases`` no se cuentan.
    - ``normalizar``: ``None`` (conteos enteros), ``"verdadero"`` (cada fila suma 1: la fracción
      de cada clase real que acabó en cada columna), ``"prediccion"`` o ``"todo"``.

    Se calcula sin bucles: cada pareja (fila, columna) se convierte en un índice ``fila·C + columna``
    y ``np.bincount`` cuenta cuántas veces aparece cada uno.
    """
    iv, ip, clases_arr = preparar_etiquetas(y_verdadero, y_predicho, clases)
    if normalizar not in NORMALIZACIONES:
        raise ValueError(
            f"normalizar debe ser uno de {NORMALIZACIONES}, se recibió {normalizar!r}"
        )
    c = len(clases_arr)
    validos = (iv >= 0) & (ip >= 0)
    matriz = np.bincount(iv[validos] * c + ip[validos], minlength=c * c).reshape(c, c)
    return normalizar_matriz(matriz.astype(np.int64), normalizar)


def conteos_por_clase(
    y_verdadero: object, y_predicho: object, clases: Sequence | np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """VP, FP, FN y VN de cada clase (uno contra el resto), cada uno de forma ``(C,)``.

    Devuelve también ``"clases"`` y ``"soporte"`` (= VP + FN, ejemplos reales de cada clase).
    A diferencia de ``matriz_confusion``, los ejemplos con etiquetas fuera de ``clases``
    sí cuentan como negativos (igual que ``sklearn.metrics.multilabel_confusion_matrix``).
    """
    iv, ip, clases_arr = preparar_etiquetas(y_verdadero, y_predicho, clases)
    c = len(clases_arr)
    n = iv.shape[0]
    acierto = (iv == ip) & (iv >= 0)
    vp = np.bincount(iv[acierto], minlength=c)
    reales = np.bincount(iv[iv >= 0], minlength=c)
    predichos = np.bincount(ip[ip >= 0], minlength=c)
    fp = predichos - vp
    fn = reales - vp
    vn = n - vp - fp - fn
    return {"clases": clases_arr, "VP": vp, "FP": fp, "FN": fn, "VN": vn, "soporte": reales}
