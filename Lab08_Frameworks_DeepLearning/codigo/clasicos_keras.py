"""Keras en los tres problemas clásicos de un primer curso, evaluados con las métricas del Lab07.

| conjunto (Lab06)  | tarea        | salida de la red      | pérdida                         |
|-------------------|--------------|-----------------------|---------------------------------|
| ``cancer_mama``   | binaria      | 1 logit               | entropía cruzada binaria        |
| ``vino``          | multiclase   | 3 logits              | entropía cruzada (softmax)      |
| ``diabetes``      | regresión    | 1 valor               | error cuadrático medio          |

Los datos salen de ``preparar_datos`` del Lab06 (entrenamiento / validación / prueba, estandarizados
con las medias del entrenamiento). La prueba sólo se mira al final, con ``evaluar_keras``.

En el cáncer de mama de scikit-learn la etiqueta 0 es **maligno** y la 1 benigno. La red predice
la probabilidad de la clase 1, pero las métricas (precisión, sensibilidad, F1, AUC) se calculan con
el maligno como clase **positiva** (``CLASE_POSITIVA_CLASICOS``): la sensibilidad es entonces la
fracción de tumores malignos detectados, el error que más importa no cometer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import sigmoide
from Lab03_Funciones_Activacion.codigo import softmax
from Lab06_Entrenamiento.codigo import ConjuntoDatos, preparar_datos
from Lab07_Metricas_Evaluacion.codigo import evaluar_clasificador

from .modelos_keras import callbacks_keras, compilar_keras, crear_mlp_keras, entrenar_keras

__all__ = [
    "PROBLEMAS_CLASICOS",
    "CLASE_POSITIVA_CLASICOS",
    "datos_problema",
    "predecir_keras",
    "evaluar_keras",
    "entrenar_problema",
]

#: Conjunto de datos del Lab06 → tarea de ``compilar_keras``.
PROBLEMAS_CLASICOS = {"cancer_mama": "binaria", "vino": "multiclase", "diabetes": "regresion"}

#: Clase positiva de las métricas binarias: en ``cancer_mama`` la 0 (maligno), la que no debe escaparse.
CLASE_POSITIVA_CLASICOS = {"cancer_mama": 0}


def _tarea(nombre: str) -> str:
    if nombre not in PROBLEMAS_CLASICOS:
        raise ValueError(
            f"problema desconocido: {nombre!r}; se esperaba uno de {', '.join(PROBLEMAS_CLASICOS)}"
        )
    return PROBLEMAS_CLASICOS[nombre]


def datos_problema(nombre: str, semilla: int = 0) -> ConjuntoDatos:
    """``preparar_datos(nombre)`` del Lab06 (70 / 15 / 15 %). En la tarea binaria las etiquetas
    pasan a columna ``(N, 1)`` de reales, la forma que espera ``BinaryCrossentropy``."""
    tarea = _tarea(nombre)
    datos = preparar_datos(nombre, semilla=semilla)
    if tarea == "binaria":
        for campo in ("entrenamiento", "validacion", "prueba"):
            X, y = getattr(datos, campo)
            setattr(datos, campo, (X, y.reshape(-1, 1).astype(np.float32)))
    return datos


def predecir_keras(modelo: Any, X: np.ndarray, tarea: str) -> np.ndarray:
    """Salida interpretada: probabilidad de la clase 1 ``(N,)`` (binaria, sigmoide del logit),
    probabilidades ``(N, C)`` (multiclase, softmax) o valores ``(N, 1)`` (regresión)."""
    # modelo(X) en lugar de modelo.predict(X): para pocos datos es más rápido y no compila nada
    salida = np.asarray(modelo(np.asarray(X, dtype=np.float32), training=False), dtype=np.float64)
    if tarea == "binaria":
        return sigmoide(salida[:, 0])
    if tarea == "multiclase":
        return softmax(salida, eje=-1)
    if tarea == "regresion":
        return salida
    raise ValueError(f"tarea desconocida: {tarea!r}; se esperaba binaria, multiclase o regresion")


def evaluar_keras(
    modelo: Any, X: np.ndarray, y: np.ndarray, tarea: str, etiqueta_positiva: int = 1
) -> dict[str, float]:
    """Métricas en ``(X, y)``: las de ``evaluar_clasificador`` del Lab07 (exactitud, precisión,
    sensibilidad, F1, AUC…) en clasificación; ``ecm``, ``eam`` y ``r2`` en regresión.

    ``etiqueta_positiva`` (sólo binaria): la clase que cuentan precisión, sensibilidad, F1 y AUC."""
    prediccion = predecir_keras(modelo, X, tarea)
    if tarea == "binaria":
        return evaluar_clasificador(
            np.asarray(y).reshape(-1).astype(np.int64), prediccion, etiqueta_positiva=etiqueta_positiva
        )
    if tarea != "regresion":
        return evaluar_clasificador(np.asarray(y).reshape(-1).astype(np.int64), prediccion)
    y = np.asarray(y, dtype=np.float64).reshape(prediccion.shape)
    residuo = prediccion - y
    return {
        "ecm": float(np.mean(residuo**2)),
        "eam": float(np.mean(np.abs(residuo))),
        "r2": float(1 - np.sum(residuo**2) / np.sum((y - y.mean()) ** 2)),
    }


def entrenar_problema(
    nombre: str,
    ocultas: tuple[int, ...] = (32,),
    dropout: float = 0.0,
    decaimiento_pesos: float = 0.0,
    epocas: int = 30,
    tamano_lote: int = 32,
    tasa_aprendizaje: float = 1e-3,
    paciencia: int | None = None,
    semilla: int = 0,
    datos: ConjuntoDatos | None = None,
) -> tuple[Any, dict[str, list[float]], dict[str, float]]:
    """Crea, compila y entrena el MLP de Keras para ``nombre``; devuelve
    ``(modelo, historial, métricas en prueba)``.

    ``decaimiento_pesos`` usa AdamW; ``paciencia`` activa ``EarlyStopping`` (mejores pesos al final).
    En ``cancer_mama`` las métricas toman el maligno (clase 0) como positivo (``CLASE_POSITIVA_CLASICOS``).
    """
    tarea = _tarea(nombre)
    datos = datos if datos is not None else datos_problema(nombre, semilla)
    n_salidas = datos.n_clases if tarea == "multiclase" else 1
    modelo = crear_mlp_keras(
        [datos.n_rasgos, *ocultas, n_salidas], dropout=dropout, semilla=semilla, nombre=nombre
    )
    compilar_keras(modelo, tarea, tasa_aprendizaje, decaimiento_pesos)
    historial = entrenar_keras(
        modelo,
        datos.entrenamiento,
        datos.validacion,
        epocas,
        tamano_lote,
        semilla,
        callbacks_keras(paciencia=paciencia),
    )
    positiva = CLASE_POSITIVA_CLASICOS.get(nombre, 1)
    return modelo, historial, evaluar_keras(modelo, *datos.prueba, tarea, etiqueta_positiva=positiva)
