"""Curvas ROC y precisión-sensibilidad (PR), área bajo la curva (AUC) y precisión promedio.

Un clasificador suele dar una **puntuación** (probabilidad o logit) y la clase sale de
compararla con un **umbral**: positivo si ``puntuacion >= umbral``. Cada umbral da una
matriz de confusión distinta; las curvas las resumen todas a la vez.

Truco vectorizado (el mismo de sklearn): se ordenan los ejemplos de mayor a menor
puntuación; al bajar el umbral por debajo de la puntuación ``i``, los ``i + 1`` primeros son
positivos predichos, así que VP = suma acumulada de las etiquetas y FP = (i + 1) − VP.
Con empates sólo cuenta el último ejemplo de cada grupo de puntuaciones iguales.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma

from .etiquetas import como_etiquetas, indices_de_clase, preparar_binario

__all__ = [
    "conteos_por_umbral",
    "curva_roc",
    "auc",
    "auc_roc",
    "curva_precision_sensibilidad",
    "precision_promedio",
]


def _exigir_ambas_clases(n_pos: int, n_neg: int, que: str, exigir_negativos: bool = True) -> None:
    """``ValueError`` claro si faltan positivos (o negativos, si hacen falta) para ``que``."""
    if n_pos == 0:
        raise ValueError(
            f"{que} no está definida: y_verdadero no tiene ningún ejemplo de la clase positiva "
            "(revisa etiqueta_positiva o el reparto de los datos)"
        )
    if exigir_negativos and n_neg == 0:
        raise ValueError(
            f"{que} no está definida: todos los ejemplos de y_verdadero son positivos "
            "(hacen falta ejemplos de las dos clases)"
        )


def conteos_por_umbral(
    y_verdadero: object, puntuaciones: object, etiqueta_positiva: object = 1
) -> dict[str, np.ndarray]:
    """VP, FP, FN y VN para cada umbral distinto, de mayor a menor (todos de forma ``(U,)``).

    ``umbrales[i]`` es una puntuación de los datos; los conteos corresponden a predecir
    positivo cuando ``puntuacion >= umbrales[i]``.
    """
    positivos, s = preparar_binario(y_verdadero, puntuaciones, etiqueta_positiva)
    orden = np.argsort(-s, kind="mergesort")  # estable: los empates conservan su orden
    s_ord, pos_ord = s[orden], positivos[orden]
    ultimos = np.r_[np.flatnonzero(np.diff(s_ord)), s_ord.size - 1]  # fin de cada grupo de empates
    vp = np.cumsum(pos_ord, dtype=np.int64)[ultimos]
    fp = 1 + ultimos - vp
    return {
        "umbrales": s_ord[ultimos],
        "VP": vp,
        "FP": fp,
        "FN": vp[-1] - vp,
        "VN": fp[-1] - fp,
    }


def curva_roc(
    y_verdadero: object,
    puntuaciones: object,
    etiqueta_positiva: object = 1,
    eliminar_intermedios: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Curva ROC (``sklearn.metrics.roc_curve``): ``(tfp, tvp, umbrales)``, cada uno ``(K,)``.

    - ``tfp`` = FP / negativos (tasa de falsos positivos, eje x);
    - ``tvp`` = VP / positivos (tasa de verdaderos positivos = sensibilidad, eje y);
    - ``umbrales`` decrecientes; el primero es ``+inf`` (nadie es positivo: punto (0, 0)).

    ``eliminar_intermedios`` quita los puntos alineados con sus vecinos (no cambian la curva).
    Necesita ejemplos de las dos clases; si no, lanza ``ValueError`` (sklearn devuelve NaN).
    """
    c = conteos_por_umbral(y_verdadero, puntuaciones, etiqueta_positiva)
    _exigir_ambas_clases(int(c["VP"][-1]), int(c["FP"][-1]), "la curva ROC")
    vp, fp, umbrales = c["VP"], c["FP"], c["umbrales"]
    if eliminar_intermedios and vp.size > 2:
        esquina = np.r_[True, (np.diff(fp, 2) != 0) | (np.diff(vp, 2) != 0), True]
        vp, fp, umbrales = vp[esquina], fp[esquina], umbrales[esquina]
    vp, fp = np.r_[0, vp], np.r_[0, fp]
    return fp / fp[-1], vp / vp[-1], np.r_[np.inf, umbrales]


def auc(x: object, y: object) -> float:
    """Área bajo la curva ``y(x)`` con la regla del trapecio (``sklearn.metrics.auc``).

    ``x`` debe ser monótona (creciente o decreciente).
    """
    x = como_arreglo(x, "x", ndim=1)
    y = como_arreglo(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError(
            f"x e y deben tener la misma forma y al menos 2 puntos; se recibió x {describir_forma(x.shape)} "
            f"e y {describir_forma(y.shape)}"
        )
    dx = np.diff(x)
    if np.all(dx >= 0):
        signo = 1.0
    elif np.all(dx <= 0):
        signo = -1.0
    else:
        raise ValueError("x debe ser monótona (siempre creciente o siempre decreciente) para medir el área")
    return float(signo * np.sum(dx * (y[1:] + y[:-1]) / 2))


def _rangos_promedio(s: np.ndarray) -> np.ndarray:
    """Rango (1..N) de cada valor; los empates reciben la media de sus rangos."""
    _, inversa, cuentas = np.unique(s, return_inverse=True, return_counts=True)
    fin = np.cumsum(cuentas)
    return (fin - (cuentas - 1) / 2.0)[inversa]


def _auc_binaria(positivos: np.ndarray, s: np.ndarray) -> float:
    """AUC = probabilidad de que un positivo al azar puntúe más que un negativo (empate = ½)."""
    n_pos = int(positivos.sum())
    n_neg = positivos.size - n_pos
    _exigir_ambas_clases(n_pos, n_neg, "el área bajo la curva ROC")
    suma_rangos = _rangos_promedio(s)[positivos].sum()
    return float((suma_rangos - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def _una_contra_resto(
    y_verdadero: object, puntuaciones: np.ndarray, clases: Sequence | np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Matriz ``(N, C)`` de positivos (uno contra el resto) y el soporte de cada clase."""
    y = como_etiquetas(y_verdadero, "y_verdadero")
    n, c = puntuaciones.shape
    if y.shape[0] != n:
        raise ValueError(f"y_verdadero tiene {y.shape[0]} ejemplos pero puntuaciones tiene {n}")
    if clases is None and y.dtype.kind == "U":
        raise ValueError(
            "con etiquetas de texto, indica clases=[...] en el orden de las columnas de puntuaciones"
        )
    clases_arr = np.arange(c) if clases is None else como_etiquetas(clases, "clases")
    if clases_arr.shape[0] != c:
        raise ValueError(f"puntuaciones tiene {c} columnas pero clases tiene {clases_arr.shape[0]} etiquetas")
    indices = indices_de_clase(y, clases_arr)
    if np.any(indices < 0):
        raise ValueError(
            f"y_verdadero tiene etiquetas que no están en las clases {clases_arr.tolist()}: "
            f"{np.unique(y[indices < 0])[:5].tolist()}"
        )
    positivos = indices[:, None] == np.arange(c)[None, :]
    return positivos, positivos.sum(axis=0)


def _promedio_multiclase(
    valores: np.ndarray, soporte: np.ndarray, promedio: str | None
) -> float | np.ndarray:
    if promedio is None:
        return valores
    if promedio == "macro":
        return float(valores.mean())
    if promedio == "ponderado":
        return float((valores * soporte).sum() / soporte.sum())
    raise ValueError(f"promedio debe ser None, 'macro', 'ponderado' o 'micro', se recibió {promedio!r}")


def _puntuaciones_2d(puntuaciones: object) -> np.ndarray | None:
    s = np.asarray(puntuaciones)
    if s.ndim == 2 and s.shape[1] > 1:
        return como_arreglo(s, "puntuaciones")
    return None


def auc_roc(
    y_verdadero: object,
    puntuaciones: object,
    promedio: str | None = "macro",
    clases: Sequence | np.ndarray | None = None,
    etiqueta_positiva: object = 1,
) -> float | np.ndarray:
    """Área bajo la curva ROC (``roc_auc_score``), en [0, 1]; 0.5 = azar, 1 = perfecto.

    - ``puntuaciones`` ``(N,)``: caso binario (puntuación de ``etiqueta_positiva``).
    - ``puntuaciones`` ``(N, C)``: una contra el resto (``multi_class="ovr"``); la columna ``k``
      es la clase ``clases[k]`` (por defecto ``k``). ``promedio``: ``"macro"``, ``"ponderado"``
      (por soporte) o ``None`` (un AUC por clase).

    Se calcula con rangos (estadístico de Mann-Whitney), sin bucles y con los empates a ½.
    """
    s2 = _puntuaciones_2d(puntuaciones)
    if s2 is None:
        positivos, s = preparar_binario(y_verdadero, puntuaciones, etiqueta_positiva)
        return _auc_binaria(positivos, s)
    positivos, soporte = _una_contra_resto(y_verdadero, s2, clases)
    if np.any(soporte == 0) or np.any(soporte == positivos.shape[0]):
        raise ValueError(
            "el AUC una contra el resto necesita ejemplos de todas las clases en y_verdadero; "
            f"ejemplos por clase: {soporte.tolist()}"
        )
    if promedio == "micro":
        return _auc_binaria(positivos.ravel(), s2.ravel())
    valores = np.array([_auc_binaria(positivos[:, k], s2[:, k]) for k in range(s2.shape[1])])
    return _promedio_multiclase(valores, soporte, promedio)


def curva_precision_sensibilidad(
    y_verdadero: object, puntuaciones: object, etiqueta_positiva: object = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Curva PR (``precision_recall_curve``): ``(precision (U+1,), sensibilidad (U+1,), umbrales (U,))``.

    Los umbrales van de menor a mayor; la sensibilidad baja de 1 a 0 y el último punto es
    ``(sensibilidad 0, precisión 1)`` por convenio. Necesita al menos un positivo.
    """
    c = conteos_por_umbral(y_verdadero, puntuaciones, etiqueta_positiva)
    vp, fp = c["VP"], c["FP"]
    _exigir_ambas_clases(int(vp[-1]), int(fp[-1]), "la curva precisión-sensibilidad",
                         exigir_negativos=False)
    precision = vp / (vp + fp)  # vp + fp ≥ 1 siempre: al menos un ejemplo supera el umbral
    sensibilidad = vp / vp[-1]
    return np.r_[precision[::-1], 1.0], np.r_[sensibilidad[::-1], 0.0], c["umbrales"][::-1]


def _ap_binaria(positivos: np.ndarray, s: np.ndarray) -> float:
    p, r, _ = curva_precision_sensibilidad(positivos.astype(np.int64), s)
    return float(max(0.0, -np.sum(np.diff(r) * p[:-1])))


def precision_promedio(
    y_verdadero: object,
    puntuaciones: object,
    promedio: str | None = "macro",
    clases: Sequence | np.ndarray | None = None,
    etiqueta_positiva: object = 1,
) -> float | np.ndarray:
    """Precisión promedio AP (``average_precision_score``): Σ (S_k − S_{k−1}) · P_k.

    Es el área bajo la curva PR medida en escalones (sin interpolar). Con puntuaciones
    ``(N, C)`` se calcula una contra el resto y se promedia como en ``auc_roc``
    (``"micro"`` junta todas las parejas ejemplo-clase). Necesita al menos un positivo.
    """
    s2 = _puntuaciones_2d(puntuaciones)
    if s2 is None:
        positivos, s = preparar_binario(y_verdadero, puntuaciones, etiqueta_positiva)
        return _ap_binaria(positivos, s)
    positivos, soporte = _una_contra_resto(y_verdadero, s2, clases)
    if promedio == "micro":
        return _ap_binaria(positivos.ravel(), s2.ravel())
    if np.any(soporte == 0):
        raise ValueError(
            "la precisión promedio una contra el resto necesita al menos un ejemplo de cada clase; "
            f"ejemplos por clase: {soporte.tolist()}"
        )
    valores = np.array([_ap_binaria(positivos[:, k], s2[:, k]) for k in range(s2.shape[1])])
    return _promedio_multiclase(valores, soporte, promedio)
