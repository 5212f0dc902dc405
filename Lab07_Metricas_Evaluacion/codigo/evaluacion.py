"""Evaluar de una vez un clasificador (o un modelo del Lab06) con todas las métricas del lab.

``evaluar_clasificador`` recibe las probabilidades que da el modelo:

- ``(N,)``: probabilidad de la clase 1 (una sola salida con sigmoide);
- ``(N, 2)``: softmax de dos clases (se usa la columna de ``etiqueta_positiva``);
- ``(N, C)`` con ``C > 2``: clase predicha = la columna mayor; métricas con promedio macro
  y AUC/AP una contra el resto.

``evaluar_modelo`` obtiene esas probabilidades con ``predecir_probabilidades`` del Lab06
(modelo en modo evaluación: sin dropout y con las medias de BatchNorm).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma
from Lab06_Entrenamiento.codigo import predecir_probabilidades

from .curvas import auc_roc, precision_promedio
from .etiquetas import como_etiquetas
from .metricas import (
    coeficiente_matthews,
    especificidad,
    exactitud,
    exactitud_balanceada,
    precision_sensibilidad_f,
)
from .umbrales import aplicar_umbral

__all__ = ["probabilidad_positiva", "evaluar_clasificador", "evaluar_modelo", "tabla_metricas"]


def probabilidad_positiva(probabilidades: object, etiqueta_positiva: int = 1) -> np.ndarray:
    """Probabilidad ``(N,)`` de la clase ``etiqueta_positiva`` (0 o 1) en un problema binario."""
    p = como_arreglo(probabilidades, "probabilidades")
    if p.ndim == 2 and p.shape[1] == 1:
        p = p[:, 0]
    if etiqueta_positiva not in (0, 1):
        raise ValueError(f"en binario las clases son 0 y 1; etiqueta_positiva={etiqueta_positiva!r}")
    if p.ndim == 1:
        return p if etiqueta_positiva == 1 else 1.0 - p
    if p.ndim == 2 and p.shape[1] == 2:
        return p[:, etiqueta_positiva]
    raise ValueError(
        f"se esperaban probabilidades binarias (N,) o (N, 2), se recibió {describir_forma(p.shape)}"
    )


def evaluar_clasificador(
    y_verdadero: object, probabilidades: object, umbral: float = 0.5, etiqueta_positiva: int = 1
) -> dict[str, float]:
    """Diccionario ``{métrica: valor}`` con exactitud, exactitud balanceada, precisión,
    sensibilidad, especificidad (binario), F1, coeficiente de Matthews, AUC-ROC y AP.

    En binario la clase predicha es la positiva si su probabilidad es ``>= umbral``.
    """
    y = como_etiquetas(y_verdadero, "y_verdadero")
    p = como_arreglo(probabilidades, "probabilidades")
    if p.shape[0] != y.shape[0]:
        raise ValueError(f"y_verdadero tiene {y.shape[0]} ejemplos pero probabilidades tiene {p.shape[0]}")
    binario = p.ndim == 1 or (p.ndim == 2 and p.shape[1] <= 2)
    if binario:
        s = probabilidad_positiva(p, etiqueta_positiva)
        y_pred = aplicar_umbral(s, umbral, clases=(1 - etiqueta_positiva, etiqueta_positiva))
        prf = precision_sensibilidad_f(y, y_pred, promedio="binario", etiqueta_positiva=etiqueta_positiva)
        resultado = {
            "exactitud": exactitud(y, y_pred),
            "exactitud_balanceada": exactitud_balanceada(y, y_pred),
            "precision": prf.precision,
            "sensibilidad": prf.sensibilidad,
            "especificidad": especificidad(y, y_pred, etiqueta_positiva=etiqueta_positiva),
            "f1": prf.f,
            "matthews": coeficiente_matthews(y, y_pred),
            "auc_roc": auc_roc(y, s, etiqueta_positiva=etiqueta_positiva),
            "precision_promedio": precision_promedio(y, s, etiqueta_positiva=etiqueta_positiva),
        }
    else:
        y_pred = p.argmax(axis=1)
        prf = precision_sensibilidad_f(y, y_pred, promedio="macro", clases=np.arange(p.shape[1]))
        resultado = {
            "exactitud": exactitud(y, y_pred),
            "exactitud_balanceada": exactitud_balanceada(y, y_pred),
            "precision": prf.precision,
            "sensibilidad": prf.sensibilidad,
            "f1": prf.f,
            "matthews": coeficiente_matthews(y, y_pred),
            "auc_roc": auc_roc(y, p),
            "precision_promedio": precision_promedio(y, p),
        }
    return {k: float(v) for k, v in resultado.items()}


def evaluar_modelo(
    modelo: Any, X: object, y: object, umbral: float = 0.5, etiqueta_positiva: int = 1
) -> dict[str, float]:
    """``evaluar_clasificador`` con las probabilidades de un modelo del Lab06 sobre ``X``."""
    return evaluar_clasificador(y, predecir_probabilidades(modelo, X), umbral, etiqueta_positiva)


def tabla_metricas(resultados: dict[str, dict[str, float]], decimales: int = 4) -> str:
    """Tabla de texto: una fila por modelo (clave) y una columna por métrica."""
    if not resultados:
        raise ValueError("resultados está vacío: pasa {nombre_del_modelo: {métrica: valor}}")
    metricas = list(dict.fromkeys(m for r in resultados.values() for m in r))
    ancho = max(len(n) for n in resultados)
    anchos = [max(len(m), decimales + 3) for m in metricas]
    lineas = [" " * ancho + "  " + "  ".join(m.rjust(a) for m, a in zip(metricas, anchos))]
    for nombre, r in resultados.items():
        celdas = [(f"{r[m]:.{decimales}f}" if m in r else "—").rjust(a) for m, a in zip(metricas, anchos)]
        lineas.append(nombre.ljust(ancho) + "  " + "  ".join(celdas))
    return "\n".join(lineas)
