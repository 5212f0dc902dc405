"""La misma LSTM de pronóstico en Keras: ``Sequential([Input, LSTM, Dense])``.

En Keras las secuencias ya van con el lote primero, ``(N, T, F)`` (lo que en PyTorch pide
``batch_first=True``). ``layers.LSTM(n)`` devuelve por defecto sólo el **último** estado oculto
``(N, n)``, que ``Dense(horizonte)`` convierte en el pronóstico: la misma red que
``PronosticadorRecurrente("lstm")``. Para entrenarla con ventanas de niveles (ppm) y pronosticar
las diferencias, envuélvela en ``PronosticoDiferencias`` (``pronostico_torch``), igual que la de PyTorch.

Se compila con ``compilar_keras(…, "regresion")`` del Lab08 (Adam y error cuadrático medio) y se
entrena con ``entrenar_keras`` y el ``EarlyStopping`` de ``callbacks_keras`` (vigila ``val_loss`` y
vuelve a los mejores pesos). Keras (y TensorFlow) se importa sólo al llamar a estas funciones,
como en el Lab08 y el Lab10; antes se silencian sus mensajes (``TF_CPP_MIN_LOG_LEVEL=3``) si
nadie lo ha hecho ya.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab08_Frameworks_DeepLearning.codigo import callbacks_keras, compilar_keras, entrenar_keras

__all__ = ["construir_lstm_keras", "entrenar_lstm_keras"]


def construir_lstm_keras(
    longitud: int, n_oculto: int = 32, horizonte: int = 1, semilla: int = 0, tasa_aprendizaje: float = 1e-2
) -> Any:
    """``keras.Sequential([Input((longitud, 1)), LSTM(n_oculto), Dense(horizonte)])`` **compilado**
    (Adam con ``tasa_aprendizaje`` y error cuadrático medio):
    ventanas ``(N, longitud, 1)`` → ``(N, horizonte)``.

    ``semilla`` fija los pesos iniciales (``GlorotUniform``/``Orthogonal`` con ``seed``, sin tocar
    la semilla global de TensorFlow).
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import keras

    longitud = entero_positivo(longitud, "longitud")
    n_oculto = entero_positivo(n_oculto, "n_oculto")
    horizonte = entero_positivo(horizonte, "horizonte")
    semilla = int(semilla)
    modelo = keras.Sequential(
        [
            keras.Input(shape=(longitud, 1)),
            keras.layers.LSTM(
                n_oculto,
                kernel_initializer=keras.initializers.GlorotUniform(seed=semilla),
                recurrent_initializer=keras.initializers.Orthogonal(seed=semilla + 1),
                name="lstm",
            ),
            keras.layers.Dense(
                horizonte,
                kernel_initializer=keras.initializers.GlorotUniform(seed=semilla + 2),
                name="cabeza",
            ),
        ],
        name="lstm_pronostico",
    )
    return compilar_keras(modelo, "regresion", tasa_aprendizaje)


def entrenar_lstm_keras(
    modelo: Any,
    datos_entrenamiento: tuple[np.ndarray, np.ndarray],
    datos_validacion: tuple[np.ndarray, np.ndarray] | None = None,
    epocas: int = 60,
    tamano_lote: int = 32,
    paciencia: int | None = 15,
    semilla: int = 0,
) -> dict[str, list[float]]:
    """``fit`` con ``entrenar_keras`` del Lab08 (lotes barajados con ``semilla``, sin imprimir nada).

    Con ``datos_validacion`` y ``paciencia``, un ``EarlyStopping(monitor="val_loss",
    restore_best_weights=True)`` para tras ``paciencia`` épocas sin mejorar y deja los mejores pesos.
    Devuelve el historial con los nombres del curso (``perdida``, ``perdida_val``, …).
    ``datos_*``: parejas ``(X (N, T, 1), y (N, horizonte))`` ya preparadas (escaladas).
    """
    epocas = entero_positivo(epocas, "epocas")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    callbacks = []
    if datos_validacion is not None and paciencia is not None:
        callbacks = callbacks_keras(paciencia=paciencia, monitor="val_loss")
    return entrenar_keras(
        modelo, datos_entrenamiento, datos_validacion, epocas, tamano_lote, semilla, callbacks
    )
