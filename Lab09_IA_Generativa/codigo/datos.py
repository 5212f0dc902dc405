"""Los dígitos de los modelos generativos y los dos rangos de píxeles que usan.

Todos los generadores del lab **devuelven** imágenes como el Lab10 las carga: arreglos de NumPy
``(N, 1, 8, 8)`` con valores en ``[0, 1]``; así el mismo clasificador y la misma distancia de
Fréchet (``calidad.py``) los juzgan a todos. Por dentro, la GAN y la difusión trabajan en
``[-1, 1]`` (centrado en 0, como el ruido gaussiano y la ``tanh``): ``a_simetrico`` y
``desde_simetrico`` pasan de un rango al otro.
"""

from __future__ import annotations

import numpy as np
import torch

from Lab10_Redes_Neuronales_Convolucionales.codigo import cargar_digitos_imagenes

__all__ = ["digitos_generativos", "a_simetrico", "desde_simetrico", "comprobar_imagenes_digitos"]


def digitos_generativos(semilla: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Las particiones del Lab10 (``cargar_digitos_imagenes``) con nombre: ``{"entrenamiento",
    "validacion", "prueba"}`` → ``(X (N, 1, 8, 8) en [0, 1], y (N,))``; 1079 / 359 / 359.

    Los generativos aprenden con ``entrenamiento``; ``validacion`` entrena al clasificador que
    juzga (junto con ``entrenamiento``) y ``prueba`` son los dígitos reales **no vistos** que
    marcan el suelo de la distancia de Fréchet.
    """
    entrenamiento, validacion, prueba = cargar_digitos_imagenes(semilla=semilla)
    return {"entrenamiento": entrenamiento, "validacion": validacion, "prueba": prueba}


def a_simetrico(x: np.ndarray | torch.Tensor) -> np.ndarray | torch.Tensor:
    """Píxeles de ``[0, 1]`` a ``[-1, 1]``: ``2x − 1`` (mismo tipo y forma)."""
    return 2 * x - 1


def desde_simetrico(x: np.ndarray | torch.Tensor) -> np.ndarray | torch.Tensor:
    """Píxeles de ``[-1, 1]`` a ``[0, 1]``: ``(x + 1) / 2`` recortado a ``[0, 1]``."""
    y = (x + 1) / 2
    return y.clamp(0, 1) if isinstance(y, torch.Tensor) else np.clip(y, 0.0, 1.0)


def comprobar_imagenes_digitos(X: object, nombre: str = "X") -> np.ndarray:
    """``X`` como ``float64`` ``(N, 1, 8, 8)`` (también se aceptan ``(N, 64)`` y ``(N, 8, 8)``),
    finito y en ``[0, 1]``; si no, un ``ValueError`` que dice qué llegó."""
    if isinstance(X, torch.Tensor):
        X = X.detach().to("cpu").numpy()
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 2 and X.shape[1] == 64 or X.ndim == 3 and X.shape[1:] == (8, 8):
        X = X.reshape(-1, 1, 8, 8)
    if X.ndim != 4 or X.shape[1:] != (1, 8, 8) or X.shape[0] == 0:
        raise ValueError(f"se esperaban imágenes {nombre} de forma (N, 1, 8, 8) con N ≥ 1, "
                         f"se recibió {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{nombre} contiene valores no finitos (NaN o infinito)")
    if X.min() < -1e-6 or X.max() > 1 + 1e-6:
        raise ValueError(f"se esperaban píxeles de {nombre} en [0, 1], llegaron de {X.min():.3g} a "
                         f"{X.max():.3g} (¿faltó desde_simetrico?)")
    return np.clip(X, 0.0, 1.0)
