"""Una CNN en Keras y el orden de los ejes: **canales al final** (Keras) o **al principio** (PyTorch).

Una imagen en color de 8×8 es, para cada biblioteca:

| biblioteca | lote de imágenes   | ``Conv2D`` por defecto          |
|------------|--------------------|---------------------------------|
| PyTorch    | ``(N, C, H, W)``   | ``nn.Conv2d`` (canales primero) |
| Keras / TF | ``(N, H, W, C)``   | ``data_format="channels_last"`` |

Los datos del curso siguen a PyTorch ``(N, C, H, W)``: antes de dárselos a Keras hay que pasar
el eje de canales al final con ``a_canales_ultimo`` (y volver con ``a_canales_primero``). Si no,
Keras tomaría el 1 de los canales por la altura y fallaría o, peor, aprendería con la imagen
mal leída.

Keras (y TensorFlow) se importa sólo al llamar a ``construir_cnn_keras``, como en el Lab08; antes se
silencian sus mensajes (``TF_CPP_MIN_LOG_LEVEL=3``) si nadie lo ha hecho ya.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import torch

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab08_Frameworks_DeepLearning.codigo import compilar_keras

__all__ = ["a_canales_ultimo", "a_canales_primero", "construir_cnn_keras"]

Imagenes = np.ndarray | torch.Tensor


def _permutar(x: Imagenes, orden: tuple[int, int, int, int], forma: str) -> Imagenes:
    if not isinstance(x, torch.Tensor):
        x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError(
            f"se esperaba un lote de imágenes de forma {forma}, se recibió forma {tuple(x.shape)}"
        )
    return x.permute(*orden) if isinstance(x, torch.Tensor) else np.transpose(x, orden)


def a_canales_ultimo(x: Imagenes) -> Imagenes:
    """``(N, C, H, W)`` (PyTorch) → ``(N, H, W, C)`` (Keras). Arreglo de NumPy o tensor de PyTorch
    (devuelve una vista del mismo tipo, sin copiar)."""
    return _permutar(x, (0, 2, 3, 1), "(N, C, H, W)")


def a_canales_primero(x: Imagenes) -> Imagenes:
    """``(N, H, W, C)`` (Keras) → ``(N, C, H, W)`` (PyTorch). Lo contrario de ``a_canales_ultimo``."""
    return _permutar(x, (0, 3, 1, 2), "(N, H, W, C)")


def construir_cnn_keras(
    forma_entrada: tuple[int, int, int] = (8, 8, 1),
    n_clases: int = 10,
    filtros: tuple[int, int] = (16, 32),
    tasa_aprendizaje: float = 1e-3,
    semilla: int = 0,
) -> Any:
    """LeNet pequeña en Keras, **compilada** (Adam y ``SparseCategoricalCrossentropy(from_logits=True)``
    con ``compilar_keras(…, "multiclase")`` del Lab08) que devuelve logits ``(N, n_clases)``.

    ``forma_entrada = (H, W, C)``: **canales al final**, el orden de Keras (``a_canales_ultimo``)::

        Conv2D(c1, 3×3, "same") + ReLU → MaxPooling2D(2)    (N, H/2, W/2, c1)
        Conv2D(c2, 3×3, "same") + ReLU → MaxPooling2D(2)    (N, H/4, W/4, c2)
        Flatten → Dense(n_clases)                            (N, n_clases)

    Con 8×8 es la misma red que ``LeNetTorch()`` (salvo el orden de los ejes al aplanar).

    ``semilla`` fija los pesos iniciales (``GlorotUniform(seed=…)`` en cada capa, sin tocar la
    semilla global). ``H`` y ``W`` deben ser al menos 4.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import keras

    forma = tuple(entero_positivo(d, "forma_entrada") for d in forma_entrada)
    if len(forma) != 3 or min(forma[:2]) < 4:
        raise ValueError(
            f"forma_entrada debe ser (alto, ancho, canales) con alto y ancho ≥ 4 (canales al final), "
            f"se recibió {forma_entrada!r}"
        )
    c1, c2 = (entero_positivo(c, "filtros") for c in filtros)
    n_clases = entero_positivo(n_clases, "n_clases")

    def inicial(k: int) -> Any:
        return keras.initializers.GlorotUniform(seed=int(semilla) + k)

    modelo = keras.Sequential(
        [
            keras.Input(shape=forma),
            keras.layers.Conv2D(
                c1, 3, padding="same", activation="relu", kernel_initializer=inicial(0), name="conv_1"
            ),
            keras.layers.MaxPooling2D(2, name="maxpool_1"),
            keras.layers.Conv2D(
                c2, 3, padding="same", activation="relu", kernel_initializer=inicial(1), name="conv_2"
            ),
            keras.layers.MaxPooling2D(2, name="maxpool_2"),
            keras.layers.Flatten(name="aplanar"),
            keras.layers.Dense(n_clases, kernel_initializer=inicial(2), name="cabeza"),
        ],
        name="cnn",
    )
    return compilar_keras(modelo, "multiclase", tasa_aprendizaje)
