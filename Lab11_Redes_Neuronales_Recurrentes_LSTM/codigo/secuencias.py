"""Capas pequeñas para pasar de una secuencia de estados a un solo vector.

Una capa recurrente devuelve un estado por paso, ``(N, T, H)``. Para clasificar la secuencia
entera hace falta un solo vector por ejemplo, ``(N, H)``:

- ``UltimoPaso``: el estado del último paso, ``H[:, −1]`` (el que ha leído toda la secuencia).
  Hacia atrás, el gradiente va entero al último paso; los demás reciben 0 (la capa recurrente
  lo hará llegar a los pasos anteriores con BPTT).
- ``PromedioTemporal``: la media de los ``T`` estados. Hacia atrás, cada paso recibe ``g / T``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa

__all__ = ["UltimoPaso", "PromedioTemporal"]


class _ResumenTemporal(Capa):
    """Lo común: valida ``(N, T, H)`` a la entrada y ``(N, H)`` en el gradiente."""

    def __init__(self) -> None:
        super().__init__()
        self._forma: tuple[int, ...] | None = None
        self._dtype: np.dtype | None = None

    def _entrada(self, x: object) -> np.ndarray:
        nombre = type(self).__name__
        x = como_arreglo(x, f"la entrada de {nombre}")
        if x.ndim != 3:
            raise ValueError(f"se esperaba la entrada de {nombre} de forma (N, T, H) (lote, pasos de "
                             f"tiempo, rasgos), se recibió {describir_forma(x.shape)}")
        if x.shape[1] == 0:
            raise ValueError(f"la secuencia de {nombre} está vacía (T = 0 pasos de tiempo)")
        self._forma, self._dtype = x.shape, x.dtype
        return x

    def _grad(self, grad: object) -> np.ndarray:
        nombre = type(self).__name__
        if self._forma is None:
            raise RuntimeError(f"{nombre}.backward se llamó antes que forward")
        grad = como_arreglo(grad, f"el gradiente de {nombre}")
        comprobar_forma(grad, (self._forma[0], self._forma[2]), f"el gradiente de {nombre}")
        return grad.astype(self._dtype, copy=False)


class UltimoPaso(_ResumenTemporal):
    """``(N, T, H) → (N, H)``: el último estado de cada secuencia, ``x[:, −1, :]``."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self._entrada(x)[:, -1, :].copy()

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """El gradiente ``(N, H)`` va al último paso; los demás pasos reciben ceros: ``(N, T, H)``."""
        grad = self._grad(grad)
        dx = np.zeros(self._forma, dtype=self._dtype)
        dx[:, -1, :] = grad
        return dx


class PromedioTemporal(_ResumenTemporal):
    """``(N, T, H) → (N, H)``: la media de los estados de todos los pasos."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self._entrada(x).mean(axis=1)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Cada paso recibe ``g / T``: ``(N, H) → (N, T, H)``."""
        grad = self._grad(grad)
        return np.repeat(grad[:, None, :] / self._forma[1], self._forma[1], axis=1)
