"""``LSTM`` en NumPy (Hochreiter y Schmidhuber, 1997; con la puerta de olvido de Gers et al., 2000).

Además del estado oculto ``h``, la LSTM lleva una **celda** ``c`` que sólo se modifica con sumas
y productos por puertas. En cada paso, con ``a = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh``
(``4H`` columnas, en el orden de PyTorch):

    ======  ============================  ===================================
    bloque  puerta                        fórmula
    ======  ============================  ===================================
    ``i``   entrada (*input*)             ``i = σ(a[:, 0:H])``
    ``f``   olvido (*forget*)             ``f = σ(a[:, H:2H])``
    ``g``   candidato (*cell*)            ``g = tanh(a[:, 2H:3H])``
    ``o``   salida (*output*)             ``o = σ(a[:, 3H:4H])``
    ======  ============================  ===================================

    c_t = f ⊙ c_{t−1} + i ⊙ g          h_t = o ⊙ tanh(c_t)

Hacia atrás, el gradiente de la celda pasa de un paso al anterior multiplicado **sólo** por
``f`` (``∂c_t/∂c_{t−1} = f``): si la red aprende ``f ≈ 1``, el gradiente no se desvanece. Por eso
la LSTM recuerda más lejos que la ``RNN``.

Formas: ``x`` ``(N, T, F)`` (``batch_first=True`` en PyTorch, que por defecto usa ``(T, N, F)``),
estado ``(h0, c0)`` ``(N, H)`` cada uno, salida ``(N, T, H)``. Pesos como ``torch.nn.LSTM``:
``W_ih`` ``(4H, F)``, ``W_hh`` ``(4H, H)``, ``b_ih``, ``b_hh`` ``(4H,)``, todos ``U(−1/√H, 1/√H)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .celdas import CapaRecurrente, sigmoide_en_sitio

__all__ = ["LSTM"]


class LSTM(CapaRecurrente):
    """Capa LSTM con el orden de puertas de PyTorch: ``PUERTAS = ("i", "f", "g", "o")``.

    - ``forward(x, estado=None)``: ``estado`` es la pareja ``(h0, c0)``; ``None`` → ceros.
      Devuelve ``H`` ``(N, T, H)``; ``self.estado_final`` es ``(h_T, c_T)``. Con
      ``devolver_estado=True`` devuelve ``(H, (h_T, c_T))``, como ``(output, (h_n, c_n))``.
    - ``backward(grad_H, grad_estado_final=None)``: ``grad_estado_final`` es ``(∂L/∂h_T, ∂L/∂c_T)``
      (cualquiera de los dos puede ser ``None``). Devuelve ``∂L/∂x``, o ``(∂L/∂x, (∂L/∂h0, ∂L/∂c0))``
      si ``forward`` recibió ``estado``.

    >>> lstm = LSTM(3, 5, semilla=0)
    >>> lstm.forward(np.ones((2, 4, 3))).shape, lstm.W_ih.forma
    ((2, 4, 5), (20, 3))
    """

    PUERTAS = ("i", "f", "g", "o")

    def _validar_pareja(self, estado: object, que: str) -> tuple[Any, Any]:
        if not isinstance(estado, (tuple, list)) or len(estado) != 2:
            raise TypeError(f"se esperaba {que} de la LSTM como una pareja (h, c) de arreglos (N, "
                            f"{self.n_oculto}), se recibió {type(estado).__name__}")
        return estado[0], estado[1]

    def forward(self, x: np.ndarray, estado: tuple[np.ndarray, np.ndarray] | None = None) -> Any:
        """``x`` ``(N, T, F)``, ``estado`` = ``(h0, c0)`` o ``None`` → ``H`` ``(N, T, H)``."""
        x_t = self._validar_entrada(x)
        T, N, _ = x_t.shape
        H = self.n_oculto
        hs = np.empty((T + 1, N, H), dtype=self.dtype)   # h_0 … h_T
        cs = np.empty((T + 1, N, H), dtype=self.dtype)   # c_0 … c_T
        if estado is None:
            hs[0], cs[0] = 0.0, 0.0
        else:
            h0, c0 = self._validar_pareja(estado, "el estado inicial")
            hs[0], cs[0] = self._validar_estado(h0, "h0", N), self._validar_estado(c0, "c0", N)
        puertas = self._proyeccion_entrada(x_t)          # (T, N, 4H): x W_ihᵀ + b_ih, todos los pasos
        if self.b_hh is not None:
            puertas += self.b_hh.datos
        tanh_c = np.empty((T, N, H), dtype=self.dtype)
        W_hh_T = self.W_hh.datos.T
        for t in range(T):
            a = puertas[t]                               # se sustituye por las puertas activadas
            a += hs[t] @ W_hh_T
            sigmoide_en_sitio(a[:, :2 * H])              # i, f
            np.tanh(a[:, 2 * H:3 * H], out=a[:, 2 * H:3 * H])  # g
            sigmoide_en_sitio(a[:, 3 * H:])              # o
            i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
            np.multiply(f, cs[t], out=cs[t + 1])         # c_t = f ⊙ c_{t−1} + i ⊙ g
            cs[t + 1] += i * g
            np.tanh(cs[t + 1], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=hs[t + 1])     # h_t = o ⊙ tanh(c_t)
        self._cache = {"x": x_t, "h": hs, "c": cs, "puertas": puertas, "tanh_c": tanh_c,
                       "con_estado": estado is not None}
        return self._salida(hs, (hs[T].copy(), cs[T].copy()))

    def backward(self, grad_H: np.ndarray,
                 grad_estado_final: tuple[np.ndarray | None, np.ndarray | None] | None = None) -> Any:
        """BPTT de la LSTM; cada paso, del último al primero:

        - ``dh = ∂L/∂H[t] + (lo que llega del paso t+1)``; ``dc += dh ⊙ o ⊙ (1 − tanh²c_t)``
        - ``da_i = dc ⊙ g ⊙ i(1−i)``, ``da_f = dc ⊙ c_{t−1} ⊙ f(1−f)``, ``da_g = dc ⊙ i ⊙ (1−g²)``,
          ``da_o = dh ⊙ tanh(c_t) ⊙ o(1−o)``
        - al paso anterior: ``dc ← dc ⊙ f`` y ``dh ← da W_hh`` (las cuatro puertas en un producto).
        """
        dH = self._validar_grad_salida(grad_H)
        dh_T, dc_T = (None, None) if grad_estado_final is None else self._validar_pareja(
            grad_estado_final, "el gradiente del estado final")
        dh = self._validar_grad_final(dh_T, "h_T")
        dc = self._validar_grad_final(dc_T, "c_T")
        cache, H, W_hh = self._cache, self.n_oculto, self.W_hh.datos
        cs, puertas, tanh_c = cache["c"], cache["puertas"], cache["tanh_c"]
        dA = np.empty_like(puertas)                        # (T, N, 4H): ∂L/∂a de cada paso
        for t in range(dH.shape[0] - 1, -1, -1):
            dh += dH[t]
            p = puertas[t]
            i, f, g, o = p[:, :H], p[:, H:2 * H], p[:, 2 * H:3 * H], p[:, 3 * H:]
            tc = tanh_c[t]
            dc += dh * o * (1.0 - tc * tc)
            da = dA[t]
            np.multiply(dc * g, i * (1.0 - i), out=da[:, :H])
            np.multiply(dc * cs[t], f * (1.0 - f), out=da[:, H:2 * H])
            np.multiply(dc * i, 1.0 - g * g, out=da[:, 2 * H:3 * H])
            np.multiply(dh * tc, o * (1.0 - o), out=da[:, 3 * H:])
            dc *= f                                        # ∂c_t/∂c_{t−1} = f
            dh = da @ W_hh
        return self._devolver(self._gradientes_pesos(dA, dA), (dh, dc))
