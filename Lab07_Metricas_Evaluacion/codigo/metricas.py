"""Métricas de clasificación a partir de las etiquetas: exactitud, precisión, sensibilidad…

Todas se calculan con los conteos de ``conteos_por_clase`` (VP, FP, FN, VN de cada clase):

- exactitud = aciertos / total
- precisión = VP / (VP + FP)          de lo que dije «positivo», ¿cuánto lo era?
- sensibilidad (*recall*) = VP / (VP + FN)   de los positivos reales, ¿cuántos encontré?
- especificidad = VN / (VN + FP)       de los negativos reales, ¿cuántos descarté bien?
- F-beta = (1 + β²)·VP / ((1 + β²)·VP + β²·FN + FP)   (β = 1: F1, media armónica de P y S)

**División por cero.** Si un denominador es 0 (p. ej. precisión de una clase que nunca se
predijo), el resultado es ``division_cero`` (0.0 por defecto, como ``zero_division=0`` de
sklearn; también se admite 1.0). Nunca se devuelve NaN ni se emite un aviso.

**Promedios** (``promedio``): ``None`` (un valor por clase), ``"binario"`` (sólo la clase
``etiqueta_positiva``), ``"macro"`` (media simple de las clases: todas pesan igual),
``"ponderado"`` (media pesada por el soporte, los ejemplos reales de cada clase) y
``"micro"`` (se suman VP, FP y FN de todas las clases antes de dividir).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .etiquetas import preparar_etiquetas
from .matriz_confusion import conteos_por_clase

__all__ = [
    "PROMEDIOS",
    "ResultadoPRF",
    "exactitud",
    "exactitud_balanceada",
    "precision_sensibilidad_f",
    "precision",
    "sensibilidad",
    "especificidad",
    "f1",
    "f_beta",
    "coeficiente_matthews",
    "dividir_seguro",
]

#: Promedios válidos y su nombre en sklearn (``average=``).
PROMEDIOS = {None: None, "binario": "binary", "macro": "macro", "micro": "micro", "ponderado": "weighted"}


class ResultadoPRF(NamedTuple):
    """Precisión, sensibilidad, F-beta y soporte: arreglos ``(C,)`` o números si se promedia."""

    precision: np.ndarray | float
    sensibilidad: np.ndarray | float
    f: np.ndarray | float
    soporte: np.ndarray | int


def dividir_seguro(numerador: object, denominador: object, division_cero: float = 0.0) -> np.ndarray:
    """``numerador / denominador`` elemento a elemento; donde el denominador es 0, ``division_cero``."""
    num = np.asarray(numerador, dtype=np.float64)
    den = np.asarray(denominador, dtype=np.float64)
    salida = np.full(np.broadcast_shapes(num.shape, den.shape), float(division_cero))
    return np.divide(num, den, out=salida, where=den != 0)


def _validar_division_cero(division_cero: object) -> float:
    if isinstance(division_cero, bool) or not isinstance(division_cero, (int, float, np.number)):
        raise TypeError(f"division_cero debe ser un número (0.0 o 1.0), se recibió {division_cero!r}")
    if not 0.0 <= float(division_cero) <= 1.0:
        raise ValueError(f"division_cero debe estar en [0, 1], se recibió {division_cero!r}")
    return float(division_cero)


def _validar_beta(beta: object) -> float:
    if isinstance(beta, bool) or not isinstance(beta, (int, float, np.number)) or not np.isfinite(beta):
        raise TypeError(f"beta debe ser un número real, se recibió {beta!r}")
    if beta < 0:
        raise ValueError(f"beta debe ser ≥ 0 (β = 1 es F1), se recibió {beta!r}")
    return float(beta)


def _conteos(y_verdadero: object, y_predicho: object, clases: Sequence | np.ndarray | None,
             promedio: str | None, etiqueta_positiva: object) -> dict[str, np.ndarray]:
    """Conteos de las clases que intervienen según ``promedio`` (con ``"binario"``, sólo la positiva)."""
    if promedio not in PROMEDIOS:
        raise ValueError(
            f"promedio debe ser uno de {list(PROMEDIOS)}, se recibió {promedio!r}"
        )
    if promedio != "binario":
        return conteos_por_clase(y_verdadero, y_predicho, clases)
    # binario: sólo cuenta la clase positiva (``clases`` no se usa, como en sklearn)
    conteos = conteos_por_clase(y_verdadero, y_predicho)
    presentes = conteos["clases"]
    if len(presentes) > 2:
        raise ValueError(
            f"promedio='binario' necesita dos clases, pero hay {len(presentes)}; elige "
            "promedio=None, 'macro', 'micro' o 'ponderado'"
        )
    positiva = np.asarray(etiqueta_positiva).astype(conteos["clases"].dtype)
    esta = conteos["clases"] == positiva
    if len(presentes) == 2 and not esta.any():
        raise ValueError(
            f"etiqueta_positiva={etiqueta_positiva!r} no es una de las clases "
            f"{conteos['clases'].tolist()}"
        )
    if not esta.any():  # sólo hay una clase y no es la positiva: todo es 0 sobre 0
        ceros = np.zeros(1, dtype=np.int64)
        return {"clases": positiva.reshape(1), "VP": ceros, "FP": ceros, "FN": ceros,
                "VN": ceros + conteos["VP"].sum(), "soporte": ceros}
    return {k: v[esta] for k, v in conteos.items()}


def _f_beta(vp: np.ndarray, fp: np.ndarray, fn: np.ndarray, beta: float, division_cero: float) -> np.ndarray:
    b2 = beta * beta
    return dividir_seguro((1 + b2) * vp, (1 + b2) * vp + b2 * fn + fp, division_cero)


def _promediar(valores: np.ndarray, soporte: np.ndarray, promedio: str | None,
               division_cero: float) -> np.ndarray | float:
    if promedio is None:
        return valores
    if promedio == "ponderado":
        return float(dividir_seguro((valores * soporte).sum(), soporte.sum(), division_cero))
    return float(valores.mean())  # "macro" y "binario" (una sola clase)


def precision_sensibilidad_f(
    y_verdadero: object,
    y_predicho: object,
    beta: float = 1.0,
    promedio: str | None = None,
    clases: Sequence | np.ndarray | None = None,
    etiqueta_positiva: object = 1,
    division_cero: float = 0.0,
) -> ResultadoPRF:
    """Precisión, sensibilidad, F-beta y soporte (como ``precision_recall_fscore_support``).

    Con ``promedio=None`` cada campo es un arreglo ``(C,)`` en el orden de ``clases``; con un
    promedio, un número (y ``soporte`` el total de ejemplos de esas clases).
    """
    beta = _validar_beta(beta)
    division_cero = _validar_division_cero(division_cero)
    c = _conteos(y_verdadero, y_predicho, clases, promedio, etiqueta_positiva)
    vp, fp, fn, soporte = c["VP"], c["FP"], c["FN"], c["soporte"]
    if promedio == "micro":
        vp, fp, fn = vp.sum(), fp.sum(), fn.sum()
        return ResultadoPRF(
            float(dividir_seguro(vp, vp + fp, division_cero)),
            float(dividir_seguro(vp, vp + fn, division_cero)),
            float(_f_beta(vp, fp, fn, beta, division_cero)),
            int(soporte.sum()),
        )
    p = dividir_seguro(vp, vp + fp, division_cero)
    s = dividir_seguro(vp, vp + fn, division_cero)
    f = _f_beta(vp, fp, fn, beta, division_cero)
    if promedio is None:
        return ResultadoPRF(p, s, f, soporte)
    return ResultadoPRF(
        _promediar(p, soporte, promedio, division_cero),
        _promediar(s, soporte, promedio, division_cero),
        _promediar(f, soporte, promedio, division_cero),
        int(soporte.sum()),
    )


def precision(y_verdadero: object, y_predicho: object, promedio: str | None = "binario",
              clases: Sequence | np.ndarray | None = None, etiqueta_positiva: object = 1,
              division_cero: float = 0.0) -> float | np.ndarray:
    """Precisión VP / (VP + FP) (``sklearn.metrics.precision_score``). Por defecto, binaria."""
    return precision_sensibilidad_f(y_verdadero, y_predicho, 1.0, promedio, clases,
                                    etiqueta_positiva, division_cero).precision


def sensibilidad(y_verdadero: object, y_predicho: object, promedio: str | None = "binario",
                 clases: Sequence | np.ndarray | None = None, etiqueta_positiva: object = 1,
                 division_cero: float = 0.0) -> float | np.ndarray:
    """Sensibilidad o exhaustividad (*recall*) VP / (VP + FN) (``recall_score``)."""
    return precision_sensibilidad_f(y_verdadero, y_predicho, 1.0, promedio, clases,
                                    etiqueta_positiva, division_cero).sensibilidad


def f_beta(y_verdadero: object, y_predicho: object, beta: float, promedio: str | None = "binario",
           clases: Sequence | np.ndarray | None = None, etiqueta_positiva: object = 1,
           division_cero: float = 0.0) -> float | np.ndarray:
    """F-beta (``fbeta_score``): β > 1 da más peso a la sensibilidad, β < 1 a la precisión."""
    return precision_sensibilidad_f(y_verdadero, y_predicho, beta, promedio, clases,
                                    etiqueta_positiva, division_cero).f


def f1(y_verdadero: object, y_predicho: object, promedio: str | None = "binario",
       clases: Sequence | np.ndarray | None = None, etiqueta_positiva: object = 1,
       division_cero: float = 0.0) -> float | np.ndarray:
    """F1 = 2·P·S / (P + S), la media armónica de precisión y sensibilidad (``f1_score``)."""
    return f_beta(y_verdadero, y_predicho, 1.0, promedio, clases, etiqueta_positiva, division_cero)


def especificidad(y_verdadero: object, y_predicho: object, promedio: str | None = "binario",
                  clases: Sequence | np.ndarray | None = None, etiqueta_positiva: object = 1,
                  division_cero: float = 0.0) -> float | np.ndarray:
    """Especificidad VN / (VN + FP): la sensibilidad de la clase negativa.

    Los promedios siguen las mismas reglas que las demás (``"ponderado"`` pesa por el soporte;
    ``"micro"`` suma VN y FP de todas las clases).
    """
    division_cero = _validar_division_cero(division_cero)
    c = _conteos(y_verdadero, y_predicho, clases, promedio, etiqueta_positiva)
    vn, fp = c["VN"], c["FP"]
    if promedio == "micro":
        return float(dividir_seguro(vn.sum(), vn.sum() + fp.sum(), division_cero))
    return _promediar(dividir_seguro(vn, vn + fp, division_cero), c["soporte"], promedio, division_cero)


def exactitud(y_verdadero: object, y_predicho: object) -> float:
    """Fracción de aciertos (``accuracy_score``). ¡Engaña con clases desequilibradas!"""
    iv, ip, _ = preparar_etiquetas(y_verdadero, y_predicho)
    return float(np.mean(iv == ip))


def exactitud_balanceada(y_verdadero: object, y_predicho: object) -> float:
    """Media de la sensibilidad de cada clase presente en ``y_verdadero`` (``balanced_accuracy_score``).

    Un clasificador que siempre dice la clase mayoritaria obtiene 1/C, no el 95 %.
    """
    c = conteos_por_clase(y_verdadero, y_predicho)
    presentes = c["soporte"] > 0
    return float(np.mean(c["VP"][presentes] / c["soporte"][presentes]))


def coeficiente_matthews(y_verdadero: object, y_predicho: object) -> float:
    """Coeficiente de correlación de Matthews (``matthews_corrcoef``), en [−1, 1].

    Usa toda la matriz de confusión: 1 = perfecto, 0 = como el azar, −1 = todo al revés.
    Con un denominador 0 (p. ej. se predice siempre la misma clase) vale 0.
    """
    iv, ip, clases = preparar_etiquetas(y_verdadero, y_predicho)
    k = len(clases)
    matriz = np.bincount(iv * k + ip, minlength=k * k).reshape(k, k).astype(np.float64)
    t, p = matriz.sum(axis=1), matriz.sum(axis=0)
    n, aciertos = matriz.sum(), np.trace(matriz)
    numerador = aciertos * n - t @ p
    denominador = np.sqrt(n * n - p @ p) * np.sqrt(n * n - t @ t)
    return float(dividir_seguro(numerador, denominador, 0.0))
