"""Activaciones elemento a elemento: cada salida depende sólo de su propia entrada.

| clase        | f(z)                                   | f'(z)                                 |
|--------------|----------------------------------------|---------------------------------------|
| Identidad    | z                                      | 1                                     |
| Escalon      | 1 si z ≥ 0, si no 0                    | 0 (no sirve para descenso de gradiente)|
| Sigmoide     | 1 / (1 + e^(−z))                       | σ(z)·σ(−z) = σ(z)(1 − σ(z))            |
| Tanh         | (e^z − e^(−z)) / (e^z + e^(−z))        | 1 − tanh²(z)                          |
| ReLU         | max(0, z)                              | 1 si z > 0, si no 0                   |
| LeakyReLU    | z si z > 0, si no a·z                  | 1 si z > 0, si no a                   |
| ELU          | z si z > 0, si no α(e^z − 1)           | 1 si z > 0, si no α·e^z               |
| GELU         | z·Φ(z)                                 | Φ(z) + z·φ(z)                         |

En ``z = 0`` (donde ReLU y compañía no son derivables) se usa el mismo convenio
que PyTorch. La sigmoide y el escalón estables vienen del Lab01.
"""

from __future__ import annotations

import numpy as np
from scipy.special import erfc

from Lab01_Introduccion_Neuronas.codigo import escalon, numero_real, sigmoide

from .base import CapaActivacion

__all__ = ["Identidad", "Escalon", "Sigmoide", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU"]


def _numero_no_negativo(valor: object, nombre: str) -> float:
    """Un hiperparámetro ``float`` finito y ≥ 0, o un error claro."""
    return numero_real(valor, nombre, 0.0)


class Identidad(CapaActivacion):
    """``f(z) = z``: no cambia nada. Es la salida típica de una regresión."""

    nombre = "identidad"

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return x.copy()

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.ones_like(x)


class Escalon(CapaActivacion):
    """Escalón de Heaviside (la del perceptrón): ``1`` si ``z ≥ 0``, si no ``0``.

    Su derivada es 0 en todas partes (salvo en 0, donde no existe): ningún
    gradiente pasa a través de ella. Por eso una red con escalones no se puede
    entrenar con descenso de gradiente.
    """

    nombre = "escalon"

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return escalon(x)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Siempre ceros (sin el ``-0.0`` que daría multiplicar un gradiente negativo por 0)."""
        grad = self._comprobar_grad(grad)
        return np.zeros(grad.shape, dtype=np.result_type(grad, self.entrada))


class Sigmoide(CapaActivacion):
    """``σ(z) = 1 / (1 + e^(−z))``: aplasta cualquier número en ``(0, 1)``.

    La derivada se calcula como ``σ(z)·σ(−z)``, que es lo mismo que
    ``σ(z)(1 − σ(z))`` pero no pierde precisión cuando ``σ(z)`` está muy cerca de 1.
    Su valor máximo es ``0.25`` (en ``z = 0``).
    """

    nombre = "sigmoide"

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return sigmoide(x)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return y * sigmoide(-x)


class Tanh(CapaActivacion):
    """Tangente hiperbólica: como la sigmoide pero centrada en 0, con salida en ``(−1, 1)``.

    ``tanh(z) = 2σ(2z) − 1``; su derivada ``1 − tanh²(z)`` vale como mucho 1 (en ``z = 0``).
    """

    nombre = "tanh"

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return 1.0 - y * y


class ReLU(CapaActivacion):
    """Unidad lineal rectificada: ``max(0, z)``. Derivada 1 si ``z > 0`` y 0 si ``z ≤ 0``."""

    nombre = "relu"

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0.0)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (x > 0).astype(x.dtype)


class LeakyReLU(CapaActivacion):
    """ReLU «con fugas»: para ``z ≤ 0`` deja pasar ``pendiente · z`` en lugar de 0.

    Así el gradiente nunca es exactamente 0 y una neurona no puede «morir».
    ``pendiente`` = 0.01 como en ``torch.nn.LeakyReLU``.
    """

    nombre = "leaky_relu"

    def __init__(self, pendiente: float = 0.01) -> None:
        super().__init__()
        self.pendiente = _numero_no_negativo(pendiente, "pendiente")

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, x, self.pendiente * x)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1.0, self.pendiente).astype(x.dtype)

    def __repr__(self) -> str:
        return f"LeakyReLU(pendiente={self.pendiente:g})"


class ELU(CapaActivacion):
    """Unidad lineal exponencial: ``z`` si ``z > 0``; ``α(e^z − 1)`` si ``z ≤ 0``.

    Para valores muy negativos tiende suavemente a ``−α``, así que la media de
    las salidas queda más cerca de 0 que con ReLU. Se usa ``expm1`` (preciso
    cerca de 0) y sólo sobre ``min(z, 0)`` para que ``e^z`` nunca desborde.
    """

    nombre = "elu"

    def __init__(self, alfa: float = 1.0) -> None:
        super().__init__()
        self.alfa = _numero_no_negativo(alfa, "alfa")

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        negativa = np.minimum(x, 0.0)
        return np.where(x > 0, x, self.alfa * np.expm1(negativa))

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1.0, self.alfa * np.exp(np.minimum(x, 0.0))).astype(x.dtype)

    def __repr__(self) -> str:
        return f"ELU(alfa={self.alfa:g})"


# Constantes como ``float`` de Python para que ``float32`` no se convierta en ``float64``.
_RAIZ_DOS = float(np.sqrt(2.0))
_RAIZ_DOS_PI = float(np.sqrt(2.0 * np.pi))
_C_TANH = float(np.sqrt(2.0 / np.pi))
_K_TANH = 0.044715


class GELU(CapaActivacion):
    """Unidad lineal con error gaussiano: ``z · Φ(z)``, donde ``Φ`` es la distribución normal.

    - ``aproximacion="ninguna"`` (exacta): ``Φ(z) = ½·(1 + erf(z/√2)) = ½·erfc(−z/√2)``;
      se usa ``erfc`` para no perder precisión con ``z`` muy negativo.
    - ``aproximacion="tanh"``: ``½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))``, la de GPT-2.

    Equivale a ``torch.nn.functional.gelu(z, approximate="none" | "tanh")``.
    """

    nombre = "gelu"
    APROXIMACIONES = ("ninguna", "tanh")

    def __init__(self, aproximacion: str = "ninguna") -> None:
        super().__init__()
        if aproximacion not in self.APROXIMACIONES:
            raise ValueError(
                f"aproximación de GELU desconocida: {aproximacion!r}; "
                f"se esperaba una de {', '.join(self.APROXIMACIONES)}"
            )
        self.aproximacion = aproximacion

    @staticmethod
    def _interior_tanh(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Para |z| ≥ 50 la tanh ya vale ±1 exactamente: recortar evita que z³ desborde.
        xc = np.clip(x, -50.0, 50.0)
        return xc, np.tanh(_C_TANH * (xc + _K_TANH * xc**3))

    def _funcion(self, x: np.ndarray) -> np.ndarray:
        if self.aproximacion == "tanh":
            _, t = self._interior_tanh(x)
            return 0.5 * x * (1.0 + t)
        return 0.5 * x * erfc(-x / _RAIZ_DOS)

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        if self.aproximacion == "tanh":
            xc, t = self._interior_tanh(x)
            return 0.5 * (1.0 + t) + 0.5 * xc * (1.0 - t * t) * _C_TANH * (1.0 + 3 * _K_TANH * xc**2)
        xc = np.clip(x, -40.0, 40.0)  # φ(40) ya es 0 en coma flotante; evita desbordar z²
        densidad = np.exp(-0.5 * xc * xc) / _RAIZ_DOS_PI
        return 0.5 * erfc(-x / _RAIZ_DOS) + xc * densidad

    def __repr__(self) -> str:
        return f"GELU(aproximacion={self.aproximacion!r})"
