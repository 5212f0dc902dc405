"""Softmax y sus parientes logarítmicos, en versiones numéricamente estables.

``softmax(z)_i = e^(z_i) / Σ_j e^(z_j)`` convierte un vector de puntuaciones
(«logits») en probabilidades positivas que suman 1. Calcular ``e^1000`` desborda,
pero restar el máximo no cambia el resultado:

    e^(z_i − m) / Σ_j e^(z_j − m) = e^(z_i) / Σ_j e^(z_j)      (para cualquier m)

Con ``m = max(z)`` todos los exponentes son ≤ 0 y ninguna exponencial desborda.
Se admite ``−inf`` en los logits (probabilidad exactamente 0; útil para máscaras).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo

from .base import CapaActivacion

__all__ = ["softmax", "log_softmax", "log_sigmoide", "Softmax"]


def _validar_logits(z: object, nombre: str, eje: int | None) -> np.ndarray:
    """Convierte ``z`` en arreglo, rechaza NaN y ``+inf`` y comprueba que ``eje`` existe."""
    z = como_arreglo(z, nombre, finito=False)
    if z.size and (np.isnan(z).any() or (z == np.inf).any()):
        raise ValueError(f"{nombre} contiene NaN o +inf; revisa los datos de entrada")
    if eje is not None:
        if isinstance(eje, bool) or not isinstance(eje, (int, np.integer)):
            raise TypeError(f"eje debe ser un entero, se recibió {type(eje).__name__}")
        if z.ndim == 0:
            raise ValueError(f"softmax necesita al menos un eje; {nombre} es un número suelto")
        if not -z.ndim <= eje < z.ndim:
            raise ValueError(
                f"eje={eje} no existe: {nombre} tiene forma {tuple(z.shape)} "
                f"({z.ndim} eje(s), válidos de {-z.ndim} a {z.ndim - 1})"
            )
    return z


def _restar_maximo(z: np.ndarray, eje: int, nombre: str) -> np.ndarray:
    """``z − max(z)`` a lo largo de ``eje``; cada grupo debe tener algún valor finito."""
    if z.shape[eje] == 0:
        raise ValueError(f"{nombre} no tiene elementos a lo largo del eje {eje}")
    m = np.max(z, axis=eje, keepdims=True)
    if np.isneginf(m).any():
        raise ValueError(
            f"{nombre} tiene algún grupo con todos los valores −inf: "
            "softmax no está definida ahí (ninguna clase tendría probabilidad)"
        )
    return z - m


def softmax(z: np.ndarray, eje: int = -1) -> np.ndarray:
    """Probabilidades ``e^z / Σ e^z`` a lo largo de ``eje`` (misma forma que ``z``), sin desbordar."""
    z = _validar_logits(z, "z", eje)
    e = np.exp(_restar_maximo(z, eje, "z"))
    return e / np.sum(e, axis=eje, keepdims=True)


def log_softmax(z: np.ndarray, eje: int = -1) -> np.ndarray:
    """``log(softmax(z))`` calculado directamente: ``(z − m) − log Σ e^(z − m)``.

    Nunca hace ``log(0)``: aunque una probabilidad sea ``1e-400`` (0 en coma
    flotante), su logaritmo sale bien (≈ −921). La usará la entropía cruzada (Lab04).
    """
    z = _validar_logits(z, "z", eje)
    desplazado = _restar_maximo(z, eje, "z")
    return desplazado - np.log(np.sum(np.exp(desplazado), axis=eje, keepdims=True))


def log_sigmoide(z: np.ndarray) -> np.ndarray:
    """``log σ(z) = −log(1 + e^(−z))`` de forma estable (misma forma que ``z``).

    Se escribe como ``min(z, 0) − log1p(e^(−|z|))``: la exponencial nunca recibe un
    número positivo grande y ``log1p`` es preciso cuando ``e^(−|z|)`` es diminuto.
    ``log_sigmoide(−1000) = −1000`` en lugar de ``log(0) = −inf``.
    """
    z = como_arreglo(z, "z")
    return np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))


class Softmax(CapaActivacion):
    """Capa softmax a lo largo de ``eje`` (por defecto el último: una distribución por ejemplo).

    No es elemento a elemento: cada salida depende de todas las entradas de su
    grupo. Su jacobiano es ``J = diag(s) − s sᵀ``, así que el producto
    ``gradᵀ J`` (lo que devuelve ``backward``) se calcula sin construir la matriz:

        dL/dz = s ⊙ (g − Σ_j g_j s_j)
    """

    nombre = "softmax"
    _admite_menos_infinito = True

    def __init__(self, eje: int = -1) -> None:
        super().__init__()
        if isinstance(eje, bool) or not isinstance(eje, (int, np.integer)):
            raise TypeError(f"eje debe ser un entero, se recibió {type(eje).__name__}")
        self.eje = int(eje)

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return softmax(x, self.eje)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Producto jacobiano-vector: ``s ⊙ (grad − Σ(grad ⊙ s))`` a lo largo de ``eje``."""
        grad = self._comprobar_grad(grad)
        s = self.salida
        return s * (grad - np.sum(grad * s, axis=self.eje, keepdims=True))

    def derivada(self, x: np.ndarray) -> np.ndarray:
        """Diagonal del jacobiano, ``∂s_i/∂z_i = s_i(1 − s_i)`` (sólo una parte: ver ``jacobiano``)."""
        s = softmax(self._validar_entrada(x), self.eje)
        return s * (1.0 - s)

    @staticmethod
    def jacobiano(z: np.ndarray) -> np.ndarray:
        """Jacobiano completo ``diag(s) − s sᵀ`` de un vector ``z`` ``(C,)``: forma ``(C, C)``."""
        z = _validar_logits(z, "z", None)
        if z.ndim != 1:
            raise ValueError(
                f"jacobiano espera un solo vector de forma (C,), se recibió forma {tuple(z.shape)}"
            )
        s = softmax(z)
        return np.diag(s) - np.outer(s, s)

    def __repr__(self) -> str:
        return f"Softmax(eje={self.eje})"
