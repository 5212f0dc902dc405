"""El mismo MLP en Keras: ``Sequential``, ``compile``/``fit`` y *callbacks*.

Keras esconde el bucle de entrenamiento: ``compile`` elige pérdida, optimizador y métricas, y
``fit`` recorre las épocas y los lotes. Los *callbacks* se enganchan al final de cada época:

- ``EarlyStopping``: para cuando la validación deja de mejorar (y recupera los mejores pesos);
- ``ModelCheckpoint``: guarda el mejor modelo en disco (``.keras``);
- ``TensorBoard``: anota las curvas para verlas en TensorBoard.

Keras (y TensorFlow) se importan sólo al llamar a estas funciones: importar TensorFlow tarda
unos segundos y no todos los cuadernos lo usan. Antes de importarlo conviene silenciar sus
mensajes: ``os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"`` (lo hace la celda de configuración).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import crear_generador, inicializar_pesos

from .modelos_torch import validar_dropout, validar_tamanos
from .registro_tensorboard import callback_tensorboard

__all__ = [
    "ACTIVACIONES_KERAS",
    "TAREAS",
    "crear_mlp_keras",
    "compilar_keras",
    "crear_dataset_tf",
    "callbacks_keras",
    "historial_keras",
    "entrenar_keras",
]

#: Nombre del curso → nombre de la activación en Keras.
ACTIVACIONES_KERAS = {
    "relu": "relu",
    "tanh": "tanh",
    "sigmoide": "sigmoid",
    "leaky_relu": "leaky_relu",
    "elu": "elu",
    "gelu": "gelu",
}

#: Tareas que entiende ``compilar_keras``. La red devuelve logits (o valores, en regresión).
TAREAS = ("binaria", "multiclase", "regresion")


def crear_mlp_keras(
    tamanos: Sequence[int],
    activacion: str = "relu",
    dropout: float = 0.0,
    l2: float = 0.0,
    semilla: int | np.random.Generator | None = 0,
    dtype: str = "float32",
    nombre: str | None = None,
) -> Any:
    """``keras.Sequential`` ``tamanos[0] → … → tamanos[-1]`` que devuelve logits (sin activación final).

    - Pesos iniciales He del Lab02 con ``semilla`` (los mismos que ``MLPTorch`` y ``construir_mlp``).
    - ``dropout``: capa ``Dropout(p)`` tras cada activación oculta; ``l2``: penalización
      ``l2·Σw²`` sobre los pesos de cada capa (``kernel_regularizer``).
    - ``dtype``: ``"float32"`` o ``"float64"``.
    """
    import keras

    tamanos = validar_tamanos(tamanos)
    dropout = validar_dropout(dropout)
    if activacion not in ACTIVACIONES_KERAS:
        raise ValueError(
            f"activación desconocida: {activacion!r}; se esperaba una de {', '.join(ACTIVACIONES_KERAS)}"
        )
    if isinstance(l2, bool) or not isinstance(l2, (int, float)) or l2 < 0:
        raise ValueError(f"l2 debe ser un número ≥ 0, se recibió {l2!r}")
    rng = crear_generador(semilla)
    pares = list(zip(tamanos[:-1], tamanos[1:]))
    pesos = []  # primero todos los pesos (en el mismo orden que MLPTorch), después las semillas de Dropout
    for n_entradas, n_salidas in pares:
        pesos += [
            inicializar_pesos(n_entradas, n_salidas, "he", rng).astype(dtype),
            np.zeros(n_salidas, dtype),
        ]
    capas: list[Any] = [keras.Input(shape=(tamanos[0],), dtype=dtype)]
    for i, (_, n_salidas) in enumerate(pares):
        oculta = i < len(pares) - 1
        capas.append(
            keras.layers.Dense(
                n_salidas,
                activation=ACTIVACIONES_KERAS[activacion] if oculta else None,
                dtype=dtype,
                kernel_regularizer=keras.regularizers.L2(l2) if l2 else None,
                name=f"densa_{i}",
            )
        )
        if oculta and dropout > 0:
            capas.append(keras.layers.Dropout(dropout, seed=int(rng.integers(2**31)), name=f"dropout_{i}"))
    modelo = keras.Sequential(capas, name=nombre or "mlp")
    modelo.set_weights(pesos)
    return modelo


def compilar_keras(
    modelo: Any, tarea: str, tasa_aprendizaje: float = 1e-3, decaimiento_pesos: float = 0.0
) -> Any:
    """``compile`` con la pérdida y las métricas de ``tarea`` y Adam (o AdamW si ``decaimiento_pesos``).

    - ``"binaria"``: una salida (logit), ``BinaryCrossentropy(from_logits=True)``, exactitud con umbral 0.
    - ``"multiclase"``: ``C`` salidas (logits), ``SparseCategoricalCrossentropy(from_logits=True)``
      (etiquetas enteras), exactitud.
    - ``"regresion"``: ``MeanSquaredError`` y error absoluto medio.

    ``epsilon=1e-8``, el valor de PyTorch (Keras usa 1e-7 por defecto). Aun así no es el mismo Adam
    al pie de la letra: Keras suma ε a ``√v`` **antes** de corregir el sesgo (la forma «ε̂» de
    Kingma y Ba), que en la notación de PyTorch es un ε de ``1e-8/√(1−β₂ᵗ)`` (unas 32 veces mayor
    en el primer paso, y que tiende a 1e-8). Sólo se nota con gradientes del orden de ε o menores.
    Devuelve el modelo.
    """
    import keras

    if tarea == "binaria":
        perdida = keras.losses.BinaryCrossentropy(from_logits=True)
        metricas = [keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")]
    elif tarea == "multiclase":
        perdida = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metricas = [keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
    elif tarea == "regresion":
        perdida = keras.losses.MeanSquaredError()
        metricas = [keras.metrics.MeanAbsoluteError(name="mae")]
    else:
        raise ValueError(f"tarea desconocida: {tarea!r}; se esperaba una de {', '.join(TAREAS)}")
    if decaimiento_pesos:
        optimizador = keras.optimizers.AdamW(tasa_aprendizaje, weight_decay=decaimiento_pesos, epsilon=1e-8)
    else:
        optimizador = keras.optimizers.Adam(tasa_aprendizaje, epsilon=1e-8)
    modelo.compile(optimizer=optimizador, loss=perdida, metrics=metricas)
    return modelo


def crear_dataset_tf(
    X: np.ndarray,
    y: np.ndarray | None = None,
    tamano_lote: int = 32,
    barajar: bool = True,
    semilla: int = 0,
    dtype: str = "float32",
) -> Any:
    """``tf.data.Dataset`` de lotes ``(X_lote, y_lote)``: el ``DataLoader`` de TensorFlow.

    Los datos se guardan en memoria (``cache``) y, con ``barajar=True``, se barajan en cada época
    con su propia ``semilla`` (el orden se repite entre ejecuciones sin tocar la semilla global).
    ``fit`` con un ``Dataset`` es mucho más rápido que con arreglos de NumPy cuando hay muchas
    épocas cortas: no rehace la tubería de datos en cada época. Se pasa a ``fit`` con ``shuffle=False``.
    """
    import tensorflow as tf

    if isinstance(tamano_lote, bool) or not isinstance(tamano_lote, int) or tamano_lote < 1:
        raise ValueError(f"tamano_lote debe ser un entero positivo, se recibió {tamano_lote!r}")
    X = np.asarray(X, dtype=dtype)  # los datos reales pasan al tipo del modelo (float32 por defecto)
    if y is not None:
        y = np.asarray(y)
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"X tiene {X.shape[0]} ejemplos pero y tiene forma {y.shape}; "
                "se esperaba un objetivo por ejemplo"
            )
        if np.issubdtype(y.dtype, np.floating):
            y = y.astype(dtype)
    conjunto = tf.data.Dataset.from_tensor_slices(X if y is None else (X, y)).cache()
    if barajar:
        conjunto = conjunto.shuffle(X.shape[0], seed=int(semilla), reshuffle_each_iteration=True)
    return conjunto.batch(tamano_lote).prefetch(2)


def callbacks_keras(
    paciencia: int | None = None,
    ruta_checkpoint: str | Path | None = None,
    carpeta_tensorboard: str | Path | None = None,
    monitor: str = "val_loss",
) -> list[Any]:
    """Los *callbacks* habituales, sólo los que se piden:

    - ``paciencia=k``: ``EarlyStopping`` (para tras ``k`` épocas sin mejorar ``monitor`` y vuelve
      a los mejores pesos);
    - ``ruta_checkpoint``: ``ModelCheckpoint`` que guarda el mejor modelo (termina en ``.keras``);
    - ``carpeta_tensorboard``: registro para TensorBoard (``callback_tensorboard``).
    """
    import keras

    lista: list[Any] = []
    if paciencia is not None:
        if isinstance(paciencia, bool) or not isinstance(paciencia, int) or paciencia < 1:
            raise ValueError(f"paciencia debe ser un entero positivo o None, se recibió {paciencia!r}")
        lista.append(
            keras.callbacks.EarlyStopping(monitor=monitor, patience=paciencia, restore_best_weights=True)
        )
    if ruta_checkpoint is not None:
        ruta = Path(ruta_checkpoint)
        if ruta.suffix != ".keras":
            raise ValueError(f"la ruta del checkpoint debe terminar en .keras, se recibió {str(ruta)!r}")
        ruta.parent.mkdir(parents=True, exist_ok=True)
        lista.append(keras.callbacks.ModelCheckpoint(str(ruta), monitor=monitor, save_best_only=True))
    if carpeta_tensorboard is not None:
        lista.append(callback_tensorboard(carpeta_tensorboard))
    return lista


_NOMBRES = {"loss": "perdida", "accuracy": "exactitud", "mae": "error_absoluto_medio"}


def historial_keras(historia: Any) -> dict[str, list[float]]:
    """El ``History`` que devuelve ``fit`` con los nombres del curso (como ``entrenar`` del Lab06):
    ``loss`` → ``perdida``, ``val_accuracy`` → ``exactitud_val``…"""
    datos = getattr(historia, "history", historia)
    if not isinstance(datos, dict):
        raise TypeError(
            f"se esperaba el resultado de fit (History) o su .history, se recibió {type(historia).__name__}"
        )
    resultado = {}
    for clave, valores in datos.items():
        validacion = clave.startswith("val_")
        base = clave.removeprefix("val_")
        nombre = _NOMBRES.get(base, base) + ("_val" if validacion else "")
        resultado[nombre] = [float(v) for v in valores]
    return resultado


def entrenar_keras(
    modelo: Any,
    datos_entrenamiento: tuple[np.ndarray, np.ndarray],
    datos_validacion: tuple[np.ndarray, np.ndarray] | None = None,
    epocas: int = 10,
    tamano_lote: int = 32,
    semilla: int = 0,
    callbacks: list[Any] | None = None,
) -> dict[str, list[float]]:
    """``fit`` de un modelo ya compilado con ``crear_dataset_tf`` y devuelve ``historial_keras``.

    Equivale a ``modelo.fit(X, y, batch_size=…, epochs=…, validation_data=…)``, pero con el orden
    de los lotes fijado por ``semilla`` y sin imprimir nada.
    """
    X, y = datos_entrenamiento
    entrenamiento = crear_dataset_tf(X, y, tamano_lote, barajar=True, semilla=semilla)
    validacion = None
    if datos_validacion is not None:
        validacion = crear_dataset_tf(*datos_validacion, tamano_lote=1024, barajar=False)
    historia = modelo.fit(
        entrenamiento,
        validation_data=validacion,
        epochs=epocas,
        callbacks=callbacks or [],
        shuffle=False,
        verbose=0,
    )
    return historial_keras(historia)
