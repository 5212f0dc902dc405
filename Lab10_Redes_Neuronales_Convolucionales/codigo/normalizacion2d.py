"""``BatchNorm2d``: la ``BatchNorm1d`` del Lab06 aplicada a imágenes.

En una imagen ``(N, C, H, W)`` cada **canal** es un rasgo: su media y su varianza se calculan
sobre los ``N·H·W`` valores de ese canal (todos los píxeles de todas las imágenes del lote), y
``γ``, ``β`` y las medias móviles tienen forma ``(C,)``. Es exactamente lo que la ``BatchNorm1d``
del Lab06 hace con ``(N, C, L)``: basta ver la imagen como ``(N, C, H·W)``. No hay fórmulas
nuevas; hacia atrás, el gradiente se reordena igual. Como ``torch.nn.BatchNorm2d``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma
from Lab06_Entrenamiento.codigo import BatchNorm1d

__all__ = ["BatchNorm2d"]


class BatchNorm2d(BatchNorm1d):
    """Normalización por lotes de ``n_canales`` canales: ``(N, C, H, W) → (N, C, H, W)``.

    Parámetros ``gamma``, ``beta`` ``(C,)``; *buffers* ``media_movil``, ``varianza_movil`` ``(C,)``
    (los encuentra ``named_buffers()`` y los guarda ``guardar``, como en el Lab06).
    """

    def __init__(self, n_canales: int, momento: float = 0.1, epsilon: float = 1e-5,
                 afin: bool = True, dtype: type = np.float64) -> None:
        super().__init__(n_canales, momento, epsilon, afin, dtype)
        self._forma_x: tuple[int, ...] | None = None

    @property
    def n_canales(self) -> int:
        return self.n_rasgos

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de BatchNorm2d")
        comprobar_forma(x, (None, self.n_rasgos, "H", "W"), "la entrada de BatchNorm2d")
        if self.entrenando and x.shape[0] * x.shape[2] * x.shape[3] < 2:
            raise ValueError("BatchNorm2d en modo entrenamiento necesita más de un valor por canal "
                             f"(N·H·W ≥ 2), se recibió forma {x.shape}; usa lotes mayores o eval()")
        self._forma_x = x.shape
        n, c, h, w = x.shape
        return super().forward(x.reshape(n, c, h * w)).reshape(n, c, h, w)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Recibe ``dL/dy`` ``(N, C, H, W)``; acumula ``dL/dγ``, ``dL/dβ``; devuelve ``dL/dx``."""
        if self._forma_x is None:
            raise RuntimeError("BatchNorm2d.backward se llamó antes que forward: no hay nada guardado")
        grad = como_arreglo(grad, "el gradiente de BatchNorm2d")
        comprobar_forma(grad, self._forma_x, "el gradiente de BatchNorm2d")
        n, c, h, w = self._forma_x
        return super().backward(grad.reshape(n, c, h * w)).reshape(n, c, h, w)

    def __repr__(self) -> str:
        return f"BatchNorm2d({self.n_rasgos}, momento={self.momento:g})"
