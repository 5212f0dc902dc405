"""Entropías cruzadas ponderadas: que los errores en la clase rara cuesten más.

- ``EntropiaCruzadaPonderada(pesos)`` = ``torch.nn.CrossEntropyLoss(weight=pesos)``:
  ``L = Σ_i w_{y_i} · ℓ_i / Σ_i w_{y_i}`` (media **ponderada**: se divide por la suma de pesos).
- ``EntropiaCruzadaBinariaPonderada(peso_positivo)`` = ``nn.BCEWithLogitsLoss(pos_weight=…)``:
  ``ℓ = −[w₊ · y · log σ(z) + (1 − y) · log(1 − σ(z))]``, media de todos los elementos.

Ambas heredan de las pérdidas del Lab04 y sirven tal cual en ``entrenar`` del Lab06.
Un valor típico es ``pesos_clase(y_entrenamiento)`` o ``w₊ = negativos / positivos``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import sigmoide
from Lab03_Funciones_Activacion.codigo import log_sigmoide
from Lab04_Funciones_Perdida.codigo import EPSILON, EntropiaCruzada, EntropiaCruzadaBinaria

__all__ = ["EntropiaCruzadaPonderada", "EntropiaCruzadaBinariaPonderada"]


def _validar_pesos(pesos: object) -> np.ndarray:
    arreglo = np.asarray(pesos, dtype=np.float64) if not isinstance(pesos, str) else None
    if arreglo is None or arreglo.ndim != 1 or arreglo.size == 0:
        raise ValueError(f"pesos debe ser un vector con un peso por clase, se recibió {pesos!r}")
    if not np.all(np.isfinite(arreglo)) or np.any(arreglo <= 0):
        raise ValueError(
            f"los pesos de clase deben ser números positivos y finitos, se recibió {arreglo.tolist()}"
        )
    return arreglo


class EntropiaCruzadaPonderada(EntropiaCruzada):
    """Entropía cruzada categórica con un peso por clase; ``objetivo``: etiquetas enteras ``(N,)``."""

    def __init__(self, pesos: object, desde_logits: bool = True, epsilon: float = EPSILON) -> None:
        super().__init__(desde_logits, epsilon)
        self.pesos = _validar_pesos(pesos)

    def _preparar(self, prediccion: object, objetivo: object) -> tuple[np.ndarray, np.ndarray]:
        if np.ndim(objetivo) != 1:
            raise ValueError(
                "EntropiaCruzadaPonderada necesita etiquetas enteras de forma (N,), se recibió forma "
                f"{np.shape(objetivo)}"
            )
        p = np.asarray(prediccion)
        if p.ndim == 2 and p.shape[1] != self.pesos.size:
            raise ValueError(
                f"hay {self.pesos.size} pesos de clase pero prediccion tiene {p.shape[1]} columnas (clases)"
            )
        return super()._preparar(prediccion, objetivo)

    def por_elemento(self, prediccion: object, objetivo: object) -> np.ndarray:
        """``w_{y_i} · ℓ_i`` de cada ejemplo (``reduction="none"`` de PyTorch)."""
        p, y = self._preparar(prediccion, objetivo)
        return (y @ self.pesos) * self._valores(p, y)

    def forward(self, prediccion: object, objetivo: object) -> float:
        p, y = self._preparar(prediccion, objetivo)
        w = y @ self.pesos  # peso de la clase verdadera de cada ejemplo, (N,)
        self._cache = (p, y, float(w.sum()))
        return float(np.sum(w * self._valores(p, y)) / w.sum())

    def backward(self) -> np.ndarray:
        if self._cache is None:
            raise RuntimeError(
                "EntropiaCruzadaPonderada.backward() necesita una llamada previa a "
                "forward(prediccion, objetivo)"
            )
        p, y, suma_pesos = self._cache
        grad = self._derivada(p, y) * (y @ self.pesos)[:, None] / suma_pesos
        return grad.astype(p.dtype, copy=False)

    def __repr__(self) -> str:
        pesos = np.round(self.pesos, 4).tolist()
        return f"EntropiaCruzadaPonderada(pesos={pesos}, desde_logits={self.desde_logits})"


class EntropiaCruzadaBinariaPonderada(EntropiaCruzadaBinaria):
    """BCE desde logits con peso ``peso_positivo`` para los ejemplos positivos (``y = 1``)."""

    def __init__(self, peso_positivo: float) -> None:
        super().__init__(desde_logits=True)
        valido = (not isinstance(peso_positivo, (bool, str)) and np.isscalar(peso_positivo)
                  and np.isfinite(peso_positivo) and peso_positivo > 0)
        if not valido:
            raise ValueError(f"peso_positivo debe ser un número positivo, se recibió {peso_positivo!r}")
        self.peso_positivo = float(peso_positivo)

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return -(self.peso_positivo * objetivo * log_sigmoide(prediccion)
                 + (1 - objetivo) * log_sigmoide(-prediccion))

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        s = sigmoide(prediccion)
        return (1 - objetivo) * s - self.peso_positivo * objetivo * (1 - s)

    def __repr__(self) -> str:
        return f"EntropiaCruzadaBinariaPonderada(peso_positivo={self.peso_positivo:.4g})"
