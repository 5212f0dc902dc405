"""Pérdidas de regresión: error cuadrático medio, error absoluto medio y Huber.

Todas comparan ``prediccion`` y ``objetivo`` de la misma forma (cualquier forma, lote
primero) elemento a elemento y promedian sobre *todos* los elementos, como PyTorch.
Con el residuo ``r = prediccion − objetivo``:

- MSE  (``nn.MSELoss``):   ``r²``                 derivada ``2r``
- MAE  (``nn.L1Loss``):    ``|r|``                derivada ``signo(r)`` (0 si ``r = 0``)
- Huber (``nn.HuberLoss``): ``½r²`` si ``|r| ≤ δ``; ``δ(|r| − ½δ)`` si no;
  derivada ``clip(r, −δ, δ)``
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import es_real

from .perdida import Perdida

__all__ = ["ErrorCuadraticoMedio", "ErrorAbsolutoMedio", "Huber"]


class ErrorCuadraticoMedio(Perdida):
    """MSE: media de ``(prediccion − objetivo)²``. Castiga mucho los errores grandes.

    >>> ErrorCuadraticoMedio()(np.array([2.0, 0.0]), np.array([1.0, 0.0]))
    0.5
    """

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return (prediccion - objetivo) ** 2

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return 2.0 * (prediccion - objetivo)


class ErrorAbsolutoMedio(Perdida):
    """MAE (pérdida L1): media de ``|prediccion − objetivo|``. Robusta frente a valores atípicos.

    En ``r = 0`` el valor absoluto no es derivable; como PyTorch, se usa el
    subgradiente 0 (``np.sign(0) = 0``).
    """

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return np.abs(prediccion - objetivo)

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return np.sign(prediccion - objetivo)


class Huber(Perdida):
    """Pérdida de Huber: cuadrática cerca de 0 y lineal lejos (lo mejor de MSE y MAE).

    ``delta`` (δ > 0) es el residuo donde se pasa de una a otra. Su derivada nunca
    supera δ en valor absoluto, así que un valor atípico no puede dominar el gradiente.
    """

    def __init__(self, delta: float = 1.0) -> None:
        super().__init__()
        if not es_real(delta) or delta <= 0:
            raise ValueError(f"delta debe ser un número positivo, se recibió {delta!r}")
        self.delta = float(delta)

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        r = prediccion - objetivo
        a = np.abs(r)
        return np.where(a <= self.delta, 0.5 * r**2, self.delta * (a - 0.5 * self.delta))

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return np.clip(prediccion - objetivo, -self.delta, self.delta)

    def __repr__(self) -> str:
        return f"Huber(delta={self.delta:g})"
