"""¿Cuánto nos podemos fiar de una cifra? Comparación pareada de dos modelos e intervalo bootstrap.

- ``comparar_pareado(a, b)``: dos modelos evaluados en **los mismos** pliegues (o semillas). Se
  mira la diferencia pliegue a pliegue, ``d_i = a_i − b_i``, su media, su desviación y el
  intervalo t de Student pareado ``d̄ ± t_{k−1} · s_d / √k`` (``scipy.stats.ttest_rel``). Al
  emparejar, lo que tienen en común los dos modelos en cada pliegue (un pliegue fácil o difícil)
  se cancela.
- ``intervalo_bootstrap(metrica, y, otro)``: un intervalo de confianza para una métrica medida
  en un conjunto de prueba, remuestreando los ejemplos con reemplazo (percentiles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import stats

from Lab02_Primera_Red_Neuronal.codigo import crear_generador

from .etiquetas import como_etiquetas

__all__ = [
    "ComparacionPareada",
    "comparar_pareado",
    "IntervaloBootstrap",
    "intervalo_bootstrap",
]


def _validar_confianza(confianza: object) -> float:
    if isinstance(confianza, bool) or not isinstance(confianza, (int, float)) or not 0 < confianza < 1:
        raise ValueError(f"confianza debe ser un número entre 0 y 1 (p. ej. 0.95), se recibió {confianza!r}")
    return float(confianza)


@dataclass(frozen=True)
class ComparacionPareada:
    """Resultado de ``comparar_pareado``: ``diferencias`` (k,) = a − b y su resumen."""

    diferencias: np.ndarray
    media: float
    desviacion: float  # desviación típica de las diferencias, con k − 1 (ddof=1)
    error_tipico: float  # desviacion / √k
    t: float
    p_valor: float  # bilateral
    intervalo: tuple[float, float]
    confianza: float

    def resumen(self, decimales: int = 4) -> str:
        inf, sup = self.intervalo
        return (f"diferencia media {self.media:.{decimales}f} ± {self.desviacion:.{decimales}f} "
                f"(k = {self.diferencias.size}); intervalo t al {self.confianza:.0%}: "
                f"[{inf:.{decimales}f}, {sup:.{decimales}f}]")


def comparar_pareado(a: object, b: object, confianza: float = 0.95) -> ComparacionPareada:
    """Compara dos modelos medidos en los mismos ``k`` pliegues: ``a`` y ``b`` de forma ``(k,)``.

    Intervalo ``d̄ ± t_{k−1, (1+confianza)/2} · s_d/√k`` con ``s_d`` calculada con ``k − 1``.
    Si el intervalo contiene el 0, los datos no permiten decir cuál es mejor. (Los pliegues de la
    validación cruzada comparten casi todo el entrenamiento, así que el intervalo sale algo
    optimista: léelo como una guía, no como una prueba definitiva.)
    """
    confianza = _validar_confianza(confianza)
    a_arr, b_arr = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a_arr.ndim != 1 or a_arr.shape != b_arr.shape:
        raise ValueError(f"se esperaban a y b de la misma forma (k,), se recibieron {a_arr.shape} y "
                         f"{b_arr.shape}")
    k = a_arr.size
    if k < 2:
        raise ValueError(f"hacen falta al menos 2 pliegues para estimar la desviación, se recibieron {k}")
    if not (np.all(np.isfinite(a_arr)) and np.all(np.isfinite(b_arr))):
        raise ValueError("a y b deben ser números finitos (¿hay algún NaN?)")
    d = a_arr - b_arr
    media = float(d.mean())
    desviacion = float(d.std(ddof=1))
    error = desviacion / np.sqrt(k)
    cuantil = float(stats.t.ppf((1 + confianza) / 2, df=k - 1))
    if error > 0:
        t = media / error
        p_valor = float(2 * stats.t.sf(abs(t), df=k - 1))
    else:  # todas las diferencias iguales
        t = 0.0 if media == 0 else float(np.copysign(np.inf, media))
        p_valor = 1.0 if media == 0 else 0.0
    return ComparacionPareada(d, media, desviacion, float(error), float(t), p_valor,
                              (media - cuantil * error, media + cuantil * error), confianza)


@dataclass(frozen=True)
class IntervaloBootstrap:
    """Resultado de ``intervalo_bootstrap``: la métrica en los datos originales, el intervalo y los
    ``valores`` de la métrica en cada remuestreo (forma ``(B,)``)."""

    estimacion: float
    inferior: float
    superior: float
    confianza: float
    valores: np.ndarray

    def __repr__(self) -> str:
        return (f"IntervaloBootstrap({self.estimacion:.4f}, {self.confianza:.0%}: "
                f"[{self.inferior:.4f}, {self.superior:.4f}], B={self.valores.size})")


def intervalo_bootstrap(
    metrica: Callable[[np.ndarray, np.ndarray], float],
    y_verdadero: object,
    prediccion: object,
    n_remuestreos: int = 1000,
    confianza: float = 0.95,
    estratificar: bool = False,
    semilla: int | np.random.Generator | None = 0,
) -> IntervaloBootstrap:
    """Intervalo bootstrap de percentiles para ``metrica(y_verdadero, prediccion)``.

    Cada remuestreo elige ``N`` ejemplos **con reemplazo** (las mismas posiciones en
    ``y_verdadero`` y ``prediccion``, que puede ser ``(N,)`` o ``(N, C)``) y recalcula la métrica;
    el intervalo va del percentil ``(1 − confianza)/2`` al ``(1 + confianza)/2`` de esos valores.
    Con ``estratificar=True`` se remuestrea dentro de cada clase (cada remuestreo conserva el
    número de ejemplos de cada clase: útil con el AUC, que necesita positivos y negativos).
    """
    confianza = _validar_confianza(confianza)
    if not callable(metrica):
        raise TypeError("metrica debe ser una función (y_verdadero, prediccion), se recibió "
                        f"{type(metrica).__name__}")
    if isinstance(n_remuestreos, bool) or not isinstance(n_remuestreos, (int, np.integer)) \
            or n_remuestreos < 2:
        raise ValueError(f"n_remuestreos debe ser un entero ≥ 2, se recibió {n_remuestreos!r}")
    y = como_etiquetas(y_verdadero, "y_verdadero")
    pred = np.asarray(prediccion)
    n = y.shape[0]
    if pred.ndim == 0 or pred.shape[0] != n:
        raise ValueError(f"y_verdadero tiene {n} ejemplos pero prediccion tiene forma {pred.shape}")
    if n == 0:
        raise ValueError("no hay ejemplos: y_verdadero está vacío")
    rng = crear_generador(semilla)
    if estratificar:
        grupos = [np.flatnonzero(y == c) for c in np.unique(y)]
        indices = np.concatenate(
            [g[rng.integers(0, g.size, size=(n_remuestreos, g.size))] for g in grupos], axis=1)
    else:
        indices = rng.integers(0, n, size=(n_remuestreos, n))
    valores = np.empty(n_remuestreos)
    for b, idx in enumerate(indices):
        try:
            valores[b] = metrica(y[idx], pred[idx])
        except ValueError as error:
            raise ValueError(
                f"la métrica falló en el remuestreo {b} ({error}); si necesita las dos clases "
                "(como el AUC), usa estratificar=True"
            ) from error
    alfa = (1 - confianza) / 2
    inferior, superior = np.percentile(valores, [100 * alfa, 100 * (1 - alfa)])
    return IntervaloBootstrap(float(metrica(y, pred)), float(inferior), float(superior), confianza, valores)
