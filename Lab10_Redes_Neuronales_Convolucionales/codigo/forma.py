"""``Aplanar``: de mapas de rasgos ``(N, C, H, W)`` a vectores ``(N, C·H·W)`` para una ``CapaDensa``.

No tiene pesos ni cambia ningún valor: sólo la forma. Hacia atrás, el gradiente recupera la
forma de la entrada. El orden de aplanado es el de NumPy y PyTorch (``C``, luego ``H``, luego
``W``), así que coincide con ``torch.flatten(x, 1)``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa

__all__ = ["Aplanar"]


class Aplanar(Capa):
    """``(N, d1, d2, …) → (N, d1·d2·…)``; ``backward`` devuelve el gradiente a ``(N, d1, d2, …)``."""

    def __init__(self) -> None:
        super().__init__()
        self._forma_x: tuple[int, ...] | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de Aplanar")
        if x.ndim < 2:
            raise ValueError(f"se esperaba la entrada de Aplanar de forma (N, …) con al menos 2 ejes, "
                             f"se recibió {describir_forma(x.shape)}")
        self._forma_x = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if self._forma_x is None:
            raise RuntimeError("Aplanar.backward se llamó antes que forward")
        grad = como_arreglo(grad, "el gradiente de Aplanar")
        comprobar_forma(grad, (self._forma_x[0], int(np.prod(self._forma_x[1:]))), "el gradiente de Aplanar")
        return grad.reshape(self._forma_x)
