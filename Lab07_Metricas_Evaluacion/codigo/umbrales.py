"""Elegir el umbral de decisión según el objetivo del problema.

El umbral 0.5 no es sagrado. En un cribado médico preferimos no perder ningún enfermo
(sensibilidad alta, aunque haya falsas alarmas); en un filtro de spam, no tirar correos
buenos (precisión alta). ``metricas_por_umbral`` calcula, de una vez y sin bucles, todas las
métricas para cada umbral posible, y ``elegir_umbral`` escoge el que cumple el objetivo.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo

from .curvas import conteos_por_umbral
from .metricas import _validar_beta, dividir_seguro

__all__ = ["CRITERIOS_UMBRAL", "UmbralElegido", "aplicar_umbral", "metricas_por_umbral", "elegir_umbral"]

#: Criterios de ``elegir_umbral``.
CRITERIOS_UMBRAL = ("f1", "f_beta", "sensibilidad_minima", "precision_minima", "youden")


class UmbralElegido(NamedTuple):
    """El umbral escogido y las métricas que se obtienen con él."""

    umbral: float
    precision: float
    sensibilidad: float
    especificidad: float
    f: float


def aplicar_umbral(puntuaciones: object, umbral: float = 0.5, clases: tuple = (0, 1)) -> np.ndarray:
    """Clases ``(N,)``: ``clases[1]`` si ``puntuacion >= umbral``, ``clases[0]`` si no.

    Con probabilidades el umbral habitual es 0.5; con logits, 0.
    """
    s = como_arreglo(puntuaciones, "puntuaciones")
    if s.ndim == 2 and s.shape[1] == 1:
        s = s[:, 0]
    if s.ndim != 1:
        raise ValueError(
            "aplicar_umbral es para problemas binarios: se esperaban puntuaciones (N,), "
            f"se recibió forma {s.shape}; con (N, C) usa .argmax(axis=1)"
        )
    if not np.isfinite(umbral):
        raise ValueError(f"el umbral debe ser un número finito, se recibió {umbral!r}")
    negativa, positiva = clases
    return np.where(s >= umbral, positiva, negativa)


def metricas_por_umbral(
    y_verdadero: object, puntuaciones: object, etiqueta_positiva: object = 1, beta: float = 1.0
) -> dict[str, np.ndarray]:
    """Para cada umbral distinto (de mayor a menor): precisión, sensibilidad, especificidad,
    tasa de falsos positivos, F-beta y exactitud, todos de forma ``(U,)``.

    Las divisiones por cero (p. ej. la precisión cuando nadie es positivo) valen 0.
    """
    beta = _validar_beta(beta)
    c = conteos_por_umbral(y_verdadero, puntuaciones, etiqueta_positiva)
    vp, fp, fn, vn = (c[k].astype(np.float64) for k in ("VP", "FP", "FN", "VN"))
    b2 = beta * beta
    return {
        "umbrales": c["umbrales"],
        "precision": dividir_seguro(vp, vp + fp),
        "sensibilidad": dividir_seguro(vp, vp + fn),
        "especificidad": dividir_seguro(vn, vn + fp),
        "tfp": dividir_seguro(fp, fp + vn),
        "f": dividir_seguro((1 + b2) * vp, (1 + b2) * vp + b2 * fn + fp),
        "exactitud": (vp + vn) / (vp + fp + fn + vn),
    }


def elegir_umbral(
    y_verdadero: object,
    puntuaciones: object,
    criterio: str = "f1",
    objetivo: float | None = None,
    beta: float = 1.0,
    etiqueta_positiva: object = 1,
) -> UmbralElegido:
    """Escoge un umbral (una de las puntuaciones) según ``criterio``:

    - ``"f1"`` / ``"f_beta"``: el de F1 (o F-beta) máximo;
    - ``"sensibilidad_minima"``: la mejor precisión entre los que logran sensibilidad ≥ ``objetivo``;
    - ``"precision_minima"``: la mejor sensibilidad entre los que logran precisión ≥ ``objetivo``;
    - ``"youden"``: el que maximiza sensibilidad + especificidad − 1 (el punto ROC más alejado
      de la diagonal).

    Con empates se queda con el umbral más alto (el más conservador). Usa estos umbrales con
    datos de **validación**, nunca con los de prueba.
    """
    if criterio not in CRITERIOS_UMBRAL:
        raise ValueError(f"criterio debe ser uno de {CRITERIOS_UMBRAL}, se recibió {criterio!r}")
    if criterio == "f1":
        beta = 1.0
    m = metricas_por_umbral(y_verdadero, puntuaciones, etiqueta_positiva, beta)
    if criterio in ("sensibilidad_minima", "precision_minima"):
        valido = isinstance(objetivo, (int, float, np.number)) and not isinstance(objetivo, bool)
        if not valido or not 0 <= objetivo <= 1:
            raise ValueError(
                f"el criterio {criterio!r} necesita objetivo en [0, 1] (p. ej. 0.95), se recibió {objetivo!r}"
            )
        exigida, mejorar = (("sensibilidad", "precision") if criterio == "sensibilidad_minima"
                            else ("precision", "sensibilidad"))
        cumple = m[exigida] >= objetivo
        if not cumple.any():
            texto = "precisión" if exigida == "precision" else exigida
            raise ValueError(
                f"ningún umbral consigue {texto} ≥ {objetivo}; la máxima posible es "
                f"{m[exigida].max():.4f}"
            )
        puntuacion = np.where(cumple, m[mejorar], -np.inf)
    elif criterio == "youden":
        puntuacion = m["sensibilidad"] - m["tfp"]
    else:
        puntuacion = m["f"]
    # el primero (umbral más alto) de los empatados con el máximo; la tolerancia evita que el
    # redondeo (2/3 − 1/3 frente a 1 − 2/3) decida un empate
    i = int(np.argmax(puntuacion >= puntuacion.max() - 1e-12))
    return UmbralElegido(
        float(m["umbrales"][i]), float(m["precision"][i]), float(m["sensibilidad"][i]),
        float(m["especificidad"][i]), float(m["f"][i]),
    )
