"""La red recurrente simple ``RNN`` (Elman, 1990) y el punto de entrada de las capas recurrentes.

En cada paso, con el estado anterior ``h_{t−1}`` y la entrada ``x_t``:

    h_t = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)        (o ReLU en lugar de tanh)

Hacia atrás, el gradiente pasa de ``h_t`` a ``h_{t−1}`` multiplicado por ``diag(φ'(a_t)) W_hh``:
tras muchos pasos, ese producto se **desvanece** (o **explota**) según el tamaño de ``W_hh``. Es
el problema que resuelven ``LSTM`` y ``GRU``, que este módulo también ofrece (viven en ``lstm.py``
y ``gru.py``; la base común, ``CapaRecurrente``, en ``celdas.py``).

Formas: ``x`` ``(N, T, F)`` (``batch_first=True`` en PyTorch, que por defecto usa ``(T, N, F)``),
``h0`` ``(N, H)``, salida ``(N, T, H)``. Pesos como ``torch.nn.RNN``: ``W_ih`` ``(H, F)``, ``W_hh``
``(H, H)``, ``b_ih``, ``b_hh`` ``(H,)``, todos ``U(−1/√H, 1/√H)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .celdas import CapaRecurrente
from .gru import GRU
from .lstm import LSTM

__all__ = ["CapaRecurrente", "RNN", "LSTM", "GRU", "NO_LINEALIDADES_RNN"]

#: No linealidades que admite ``RNN`` (las mismas que ``torch.nn.RNN``).
NO_LINEALIDADES_RNN = ("tanh", "relu")


class RNN(CapaRecurrente):
    """Red recurrente simple (Elman): ``h_t = φ(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)``.

    ``no_linealidad`` φ: ``"tanh"`` (por defecto) o ``"relu"``, como ``torch.nn.RNN``. Entrada
    ``(N, T, F)`` (``batch_first=True`` en PyTorch), salida ``(N, T, H)``.

    >>> rnn = RNN(3, 5, semilla=0)
    >>> rnn.forward(np.ones((2, 4, 3))).shape, rnn.estado_final.shape
    ((2, 4, 5), (2, 5))
    """

    PUERTAS = ("h",)

    def __init__(self, n_entrada: int, n_oculto: int, no_linealidad: str = "tanh", sesgo: bool = True,
                 devolver_estado: bool = False, semilla: int | np.random.Generator | None = None,
                 dtype: type = np.float64) -> None:
        if no_linealidad not in NO_LINEALIDADES_RNN:
            raise ValueError(f"no_linealidad debe ser una de {', '.join(NO_LINEALIDADES_RNN)}, "
                             f"se recibió {no_linealidad!r}")
        super().__init__(n_entrada, n_oculto, sesgo, devolver_estado, semilla, dtype)
        self.no_linealidad = no_linealidad

    def forward(self, x: np.ndarray, estado: np.ndarray | None = None) -> Any:
        """``x`` ``(N, T, F)``, ``estado`` = ``h0`` ``(N, H)`` o ``None`` → ``H`` ``(N, T, H)``."""
        x_t = self._validar_entrada(x)
        T, N, _ = x_t.shape
        hs = np.empty((T + 1, N, self.n_oculto), dtype=self.dtype)  # h_0 … h_T
        hs[0] = 0.0 if estado is None else self._validar_estado(estado, "h0", N)
        A = self._proyeccion_entrada(x_t)
        if self.b_hh is not None:
            A += self.b_hh.datos
        W_hh_T = self.W_hh.datos.T
        for t in range(T):
            a = A[t]
            a += hs[t] @ W_hh_T
            if self.no_linealidad == "tanh":
                np.tanh(a, out=hs[t + 1])
            else:
                np.maximum(a, 0.0, out=hs[t + 1])
        self._cache = {"x": x_t, "h": hs, "con_estado": estado is not None}
        return self._salida(hs, hs[T].copy())

    def backward(self, grad_H: np.ndarray, grad_estado_final: np.ndarray | None = None) -> Any:
        """BPTT: ``∂L/∂a_t = ∂L/∂h_t · φ'(a_t)`` y ``∂L/∂h_{t−1} = ∂L/∂a_t W_hh + ∂L/∂H[t−1]``."""
        dH = self._validar_grad_salida(grad_H)
        dh = self._validar_grad_final(grad_estado_final, "h_T")
        hs, W_hh = self._cache["h"], self.W_hh.datos
        dA = np.empty((dH.shape[0], dH.shape[1], self.n_oculto), dtype=self.dtype)
        for t in range(dH.shape[0] - 1, -1, -1):
            dh += dH[t]
            h = hs[t + 1]
            if self.no_linealidad == "tanh":
                np.multiply(dh, 1.0 - h * h, out=dA[t])  # tanh' = 1 − tanh²
            else:
                np.multiply(dh, h > 0, out=dA[t])        # ReLU' = 1 donde a > 0
            dh = dA[t] @ W_hh
        return self._devolver(self._gradientes_pesos(dA, dA), dh)

    def __repr__(self) -> str:
        extra = "" if self.no_linealidad == "tanh" else ", no_linealidad='relu'"
        return super().__repr__()[:-1] + extra + ")"
