"""``GRU`` en NumPy (Cho et al., 2014), con las fórmulas exactas de ``torch.nn.GRU``.

La GRU fusiona la celda y el estado de la LSTM en uno solo y usa dos puertas. Con
``a = x_t W_ihᵀ + b_ih`` y ``b = h_{t−1} W_hhᵀ + b_hh`` (``3H`` columnas cada uno, orden r, z, n):

    ======  ============================  ==============================================
    bloque  puerta                        fórmula
    ======  ============================  ==============================================
    ``r``   reinicio (*reset*)            ``r = σ(a_r + b_r)``
    ``z``   actualización (*update*)      ``z = σ(a_z + b_z)``
    ``n``   candidato (*new*)             ``n = tanh(a_n + r ⊙ b_n)``
    ======  ============================  ==============================================

    h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}

Ojo: ``r`` multiplica ``b_n = h_{t−1} W_hnᵀ + b_hn`` **con su sesgo dentro**, como en PyTorch
(el artículo original aplica ``r`` a ``h`` antes del producto): por eso ``b_ih`` y ``b_hh`` no
son intercambiables en el bloque ``n``. Con ``z ≈ 1`` el estado se copia tal cual al paso
siguiente, y el gradiente con él.

Formas: ``x`` ``(N, T, F)`` (``batch_first=True`` en PyTorch, que por defecto usa ``(T, N, F)``),
``h0`` ``(N, H)``, salida ``(N, T, H)``. Pesos como ``torch.nn.GRU``: ``W_ih`` ``(3H, F)``,
``W_hh`` ``(3H, H)``, ``b_ih``, ``b_hh`` ``(3H,)``, todos ``U(−1/√H, 1/√H)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .celdas import CapaRecurrente, sigmoide_en_sitio

__all__ = ["GRU"]


class GRU(CapaRecurrente):
    """Capa GRU con el orden de puertas de PyTorch: ``PUERTAS = ("r", "z", "n")``.

    ``forward(x, estado=None)`` con ``estado`` = ``h0`` ``(N, H)``; ``backward(grad_H,
    grad_estado_final=None)`` con ``grad_estado_final`` = ``∂L/∂h_T``. Igual que ``RNN``.

    >>> gru = GRU(3, 5, semilla=0)
    >>> gru.forward(np.ones((2, 4, 3))).shape, gru.W_hh.forma
    ((2, 4, 5), (15, 5))
    """

    PUERTAS = ("r", "z", "n")

    def forward(self, x: np.ndarray, estado: np.ndarray | None = None) -> Any:
        """``x`` ``(N, T, F)``, ``estado`` = ``h0`` ``(N, H)`` o ``None`` → ``H`` ``(N, T, H)``."""
        x_t = self._validar_entrada(x)
        T, N, _ = x_t.shape
        H = self.n_oculto
        hs = np.empty((T + 1, N, H), dtype=self.dtype)  # h_0 … h_T
        hs[0] = 0.0 if estado is None else self._validar_estado(estado, "h0", N)
        A = self._proyeccion_entrada(x_t)               # (T, N, 3H): x W_ihᵀ + b_ih, todos los pasos
        if self.b_hh is not None:
            A[:, :, :2 * H] += self.b_hh.datos[:2 * H]  # b_hr y b_hz se suman fuera; b_hn, dentro de r ⊙ (…)
        rz = np.empty((T, N, 2 * H), dtype=self.dtype)  # r y z de cada paso
        bn = np.empty((T, N, H), dtype=self.dtype)      # h_{t−1} W_hnᵀ + b_hn
        n = np.empty((T, N, H), dtype=self.dtype)
        W_hh_T = self.W_hh.datos.T
        for t in range(T):
            b = hs[t] @ W_hh_T
            np.add(A[t, :, :2 * H], b[:, :2 * H], out=rz[t])
            sigmoide_en_sitio(rz[t])
            r, z = rz[t, :, :H], rz[t, :, H:]
            bn[t] = b[:, 2 * H:]
            if self.b_hh is not None:
                bn[t] += self.b_hh.datos[2 * H:]
            np.tanh(A[t, :, 2 * H:] + r * bn[t], out=n[t])
            np.subtract(hs[t], n[t], out=hs[t + 1])     # h_t = n + z ⊙ (h_{t−1} − n)
            hs[t + 1] *= z
            hs[t + 1] += n[t]
        self._cache = {"x": x_t, "h": hs, "rz": rz, "bn": bn, "n": n, "con_estado": estado is not None}
        return self._salida(hs, hs[T].copy())

    def backward(self, grad_H: np.ndarray, grad_estado_final: np.ndarray | None = None) -> Any:
        """BPTT de la GRU; cada paso, del último al primero, con ``dh`` el gradiente de ``h_t``:

        - ``da_n = dh ⊙ (1 − z) ⊙ (1 − n²)`` (va a ``a_n``; a ``b_n`` llega ``da_n ⊙ r``)
        - ``da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1−z)``, ``da_r = da_n ⊙ b_n ⊙ r(1−r)``
        - al paso anterior: ``dh ← dh ⊙ z + [da_r, da_z, da_n ⊙ r] W_hh``.
        """
        dH = self._validar_grad_salida(grad_H)
        dh = self._validar_grad_final(grad_estado_final, "h_T")
        cache, H, W_hh = self._cache, self.n_oculto, self.W_hh.datos
        hs, rz, bn, n = cache["h"], cache["rz"], cache["bn"], cache["n"]
        T = dH.shape[0]
        dB = np.empty((T, dH.shape[1], 3 * H), dtype=self.dtype)  # ∂L/∂b (lo que suma h W_hhᵀ + b_hh)
        da_n = np.empty((T, dH.shape[1], H), dtype=self.dtype)    # ∂L/∂a_n (lo que suma x W_inᵀ + b_in)
        for t in range(T - 1, -1, -1):
            dh += dH[t]
            r, z, nt = rz[t, :, :H], rz[t, :, H:], n[t]
            np.multiply(dh * (1.0 - z), 1.0 - nt * nt, out=da_n[t])
            np.multiply(da_n[t] * bn[t], r * (1.0 - r), out=dB[t, :, :H])
            np.multiply(dh * (hs[t] - nt), z * (1.0 - z), out=dB[t, :, H:2 * H])
            np.multiply(da_n[t], r, out=dB[t, :, 2 * H:])
            dh = dh * z + dB[t] @ W_hh
        dA = dB.copy()                                  # ∂L/∂a: igual que ∂L/∂b en r y z…
        dA[:, :, 2 * H:] = da_n                         # …pero sin el factor r en n
        return self._devolver(self._gradientes_pesos(dA, dB), dh)
