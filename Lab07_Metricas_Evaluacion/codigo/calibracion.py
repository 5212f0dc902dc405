"""Calibración: ¿significa «70 %» lo que dice? Curva de fiabilidad, puntuación de Brier y ECE.

Un modelo está **calibrado** si, de todos los ejemplos a los que da probabilidad 0.7, son
positivos más o menos el 70 %. Ordenar bien (AUC alto) no basta: multiplicar las puntuaciones
por 0.5 no cambia el AUC pero rompe la calibración.

- ``curva_calibracion`` agrupa las probabilidades en intervalos y compara, en cada uno, la
  probabilidad media predicha con la fracción real de positivos (igual que
  ``sklearn.calibration.calibration_curve``). Dibujada es el **diagrama de fiabilidad**.
- ``puntuacion_brier`` es el error cuadrático medio entre la probabilidad y la etiqueta 0/1
  (``sklearn.metrics.brier_score_loss``): 0 es perfecto; decir siempre 0.5 da 0.25.
- ``error_calibracion_esperado`` (ECE) es la distancia media, pesada por el tamaño de cada
  intervalo, entre la curva de fiabilidad y la diagonal.
"""

from __future__ import annotations

import numpy as np

from .etiquetas import preparar_binario

__all__ = [
    "ESTRATEGIAS_CALIBRACION",
    "puntuacion_brier",
    "curva_calibracion",
    "error_calibracion_esperado",
]

#: Cómo se eligen los bordes de los intervalos: de igual anchura o con el mismo número de ejemplos.
ESTRATEGIAS_CALIBRACION = ("uniforme", "cuantil")


def _probabilidades(y_verdadero: object, probabilidades: object,
                    etiqueta_positiva: object) -> tuple[np.ndarray, np.ndarray]:
    es_positivo, p = preparar_binario(y_verdadero, probabilidades, etiqueta_positiva)
    if not np.all(np.isfinite(p)) or p.min() < 0 or p.max() > 1:
        raise ValueError(
            "se esperaban probabilidades entre 0 y 1 (pasa los logits por la sigmoide), se recibieron "
            f"valores entre {np.nanmin(p):.4g} y {np.nanmax(p):.4g}"
        )
    return es_positivo.astype(np.float64), p


def puntuacion_brier(y_verdadero: object, probabilidades: object, etiqueta_positiva: object = 1) -> float:
    """Puntuación de Brier: ``mean((p − y)²)`` con ``y`` en {0, 1}; ``p`` de forma ``(N,)``.

    Mide a la vez la calibración y lo bien que el modelo separa las clases (menor es mejor).
    """
    y, p = _probabilidades(y_verdadero, probabilidades, etiqueta_positiva)
    return float(np.mean((p - y) ** 2))


def _intervalos(y: np.ndarray, p: np.ndarray, n_intervalos: int,
                estrategia: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(n_intervalos, bool) or not isinstance(n_intervalos, (int, np.integer)) or n_intervalos < 1:
        raise ValueError(f"n_intervalos debe ser un entero ≥ 1, se recibió {n_intervalos!r}")
    if estrategia == "uniforme":
        bordes = np.linspace(0.0, 1.0, n_intervalos + 1)
    elif estrategia == "cuantil":
        bordes = np.percentile(p, np.linspace(0, 100, n_intervalos + 1))
    else:
        raise ValueError(f"estrategia debe ser una de {ESTRATEGIAS_CALIBRACION}, se recibió {estrategia!r}")
    # intervalo i = (borde_i, borde_{i+1}]; el primero incluye su borde izquierdo (como sklearn)
    indice = np.searchsorted(bordes[1:-1], p)
    cuentas = np.bincount(indice, minlength=n_intervalos)
    suma_p = np.bincount(indice, weights=p, minlength=n_intervalos)
    suma_y = np.bincount(indice, weights=y, minlength=n_intervalos)
    llenos = cuentas > 0
    return suma_y[llenos] / cuentas[llenos], suma_p[llenos] / cuentas[llenos], cuentas[llenos]


def curva_calibracion(
    y_verdadero: object,
    probabilidades: object,
    n_intervalos: int = 10,
    estrategia: str = "uniforme",
    etiqueta_positiva: object = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Curva de fiabilidad: ``(fraccion_positivos, probabilidad_media, cuentas)``, una entrada por
    intervalo **no vacío** (forma ``(B,)`` con ``B ≤ n_intervalos``).

    Los dos primeros coinciden con ``calibration_curve(y, p, n_bins=n_intervalos,
    strategy="uniform" | "quantile")`` de scikit-learn. Un modelo calibrado queda sobre la
    diagonal ``fraccion_positivos ≈ probabilidad_media``.
    """
    y, p = _probabilidades(y_verdadero, probabilidades, etiqueta_positiva)
    return _intervalos(y, p, n_intervalos, estrategia)


def error_calibracion_esperado(
    y_verdadero: object,
    probabilidades: object,
    n_intervalos: int = 10,
    estrategia: str = "uniforme",
    etiqueta_positiva: object = 1,
) -> float:
    """ECE = ``Σ_b (n_b / N) · |fracción_positivos_b − probabilidad_media_b|`` (0 = calibrado)."""
    y, p = _probabilidades(y_verdadero, probabilidades, etiqueta_positiva)
    fraccion, media, cuentas = _intervalos(y, p, n_intervalos, estrategia)
    return float(np.sum(cuentas * np.abs(fraccion - media)) / y.shape[0])
