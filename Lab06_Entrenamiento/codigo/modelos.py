"""Construir perceptrones multicapa (MLP) y usarlos para predecir.

``construir_mlp([64, 64, 10])`` crea ``CapaDensa(64, 64) → ReLU → CapaDensa(64, 10)``;
con ``batchnorm=True`` y ``dropout=p`` cada bloque oculto es
``CapaDensa → BatchNorm1d → activación → Dropout``. La última capa no lleva activación:
el modelo devuelve **logits** y la pérdida (``EntropiaCruzada`` o
``EntropiaCruzadaBinaria(desde_logits=True)``) aplica softmax o sigmoide de forma estable.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, sigmoide
from Lab02_Primera_Red_Neuronal.codigo import Secuencial, crear_generador
from Lab03_Funciones_Activacion.codigo import crear_activacion, softmax
from Lab05_Backpropagation.codigo import CapaDensa

from .dropout import Dropout
from .normalizacion import BatchNorm1d

__all__ = ["construir_mlp", "predecir", "predecir_probabilidades", "predecir_clases"]


def construir_mlp(
    tamanos: Sequence[int],
    activacion: str = "relu",
    dropout: float = 0.0,
    batchnorm: bool = False,
    inicializacion: str = "he",
    semilla: int | np.random.Generator | None = 0,
    dtype: type = np.float64,
) -> Secuencial:
    """MLP ``tamanos[0] → … → tamanos[-1]`` (entradas, capas ocultas, salidas) que devuelve logits.

    - ``activacion``: nombre de una activación del Lab03 (``"relu"``, ``"tanh"``…).
    - ``dropout``: probabilidad de ``Dropout`` tras cada activación oculta (0 = sin dropout).
    - ``batchnorm``: ``BatchNorm1d`` entre cada capa densa oculta y su activación.
    - ``semilla``: fija los pesos iniciales y las máscaras de dropout.
    """
    tamanos = list(tamanos)
    if len(tamanos) < 2 or not all(isinstance(t, numbers.Integral) and not isinstance(t, bool) and t >= 1
                                   for t in tamanos):
        raise ValueError("tamanos debe ser una lista de al menos dos enteros positivos "
                         f"(entradas, ocultas…, salidas), se recibió {tamanos!r}")
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) or not 0 <= dropout < 1:
        raise ValueError(f"dropout debe ser una probabilidad en [0, 1), se recibió {dropout!r}")
    rng = crear_generador(semilla)
    modelo = Secuencial()
    for i, (n_ent, n_sal) in enumerate(zip(tamanos[:-1], tamanos[1:])):
        modelo.agregar(CapaDensa(int(n_ent), int(n_sal), inicializacion, semilla=rng, dtype=dtype))
        if i == len(tamanos) - 2:
            break
        if batchnorm:
            modelo.agregar(BatchNorm1d(int(n_sal), dtype=dtype))
        modelo.agregar(crear_activacion(activacion))
        if dropout > 0:
            modelo.agregar(Dropout(float(dropout), semilla=int(rng.integers(2**31))))
    return modelo


def predecir(modelo: Any, X: np.ndarray, tamano_lote: int = 1024) -> np.ndarray:
    """Salida de ``modelo`` para ``X`` en modo evaluación (sin dropout; BatchNorm con sus medias).

    Procesa ``X`` en trozos de ``tamano_lote`` y deja el modelo en el modo en que estaba.
    """
    X = como_arreglo(X, "X", enteros=True)  # los ids de tokens siguen siendo enteros
    if X.ndim < 1 or X.shape[0] == 0:
        raise ValueError(f"X debe tener al menos un ejemplo, se recibió forma {X.shape}")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    estaba_entrenando = getattr(modelo, "entrenando", False)
    modelo.eval()
    try:
        salidas = [np.asarray(modelo.forward(X[i:i + tamano_lote]))
                   for i in range(0, X.shape[0], tamano_lote)]
    finally:
        if estaba_entrenando:
            modelo.train()
    return np.concatenate(salidas, axis=0)


def predecir_probabilidades(modelo: Any, X: np.ndarray) -> np.ndarray:
    """Probabilidades a partir de los logits del modelo.

    - Varias salidas ``(N, C)``: ``softmax`` por filas → ``(N, C)``.
    - Una salida ``(N, 1)`` (clasificación binaria): ``sigmoide`` → probabilidad de la clase 1, ``(N,)``.
    """
    logits = predecir(modelo, X)
    if logits.ndim == 2 and logits.shape[1] == 1:
        return sigmoide(logits[:, 0])
    return softmax(logits, eje=-1)


def predecir_clases(modelo: Any, X: np.ndarray) -> np.ndarray:
    """Clase predicha ``(N,)``: la columna mayor, o ``logit ≥ 0`` si hay una sola salida."""
    logits = predecir(modelo, X)
    if logits.ndim == 2 and logits.shape[1] == 1:
        return (logits[:, 0] >= 0).astype(np.int64)
    return logits.argmax(axis=-1)
