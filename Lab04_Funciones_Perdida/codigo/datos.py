"""Datos reales de un solo rasgo (incluidos en scikit-learn: no se descarga nada).

Con un único rasgo, un modelo lineal ``ŷ = w·x + b`` tiene sólo dos parámetros y su
pérdida se puede dibujar como un paisaje en el plano ``(w, b)``.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes

__all__ = ["estandarizar", "datos_diabetes_1d", "datos_cancer_1d"]


def estandarizar(x: np.ndarray) -> np.ndarray:
    """``(x − media) / desviación típica``: media 0 y desviación 1."""
    x = np.asarray(x, dtype=np.float64)
    desviacion = x.std()
    if desviacion == 0:
        raise ValueError("no se puede estandarizar un rasgo constante (desviación típica 0)")
    return (x - x.mean()) / desviacion


def _elegir_rasgo(nombres: list[str], rasgo: str, conjunto: str) -> int:
    if rasgo not in nombres:
        raise ValueError(
            f"rasgo desconocido para {conjunto}: {rasgo!r}; se esperaba uno de {', '.join(nombres)}"
        )
    return nombres.index(rasgo)


def datos_diabetes_1d(rasgo: str = "bmi") -> tuple[np.ndarray, np.ndarray]:
    """Diabetes (442 pacientes): ``x`` = un rasgo (índice de masa corporal por defecto),
    ``y`` = progresión de la enfermedad un año después. Ambos estandarizados, forma ``(442,)``.
    """
    datos = load_diabetes()
    j = _elegir_rasgo(list(datos.feature_names), rasgo, "diabetes")
    return estandarizar(datos.data[:, j]), estandarizar(datos.target)


def datos_cancer_1d(rasgo: str = "mean radius") -> tuple[np.ndarray, np.ndarray]:
    """Cáncer de mama de Wisconsin (569 tumores): ``x`` = un rasgo estandarizado ``(569,)``,
    ``y`` = 1 si el tumor es benigno y 0 si es maligno (``int64``), como en scikit-learn.
    """
    datos = load_breast_cancer()
    j = _elegir_rasgo(list(datos.feature_names), rasgo, "cáncer de mama")
    return estandarizar(datos.data[:, j]), datos.target.astype(np.int64)
