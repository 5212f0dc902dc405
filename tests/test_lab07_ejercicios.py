"""Lab07 · autocomprobaciones de los ejercicios: la respuesta correcta, el relleno de la versión del
estudiante («sin hacer») y el error típico de cada ejercicio, nombrado en el mensaje."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from sklearn.model_selection import StratifiedKFold

from Lab07_Metricas_Evaluacion.codigo import (
    CONTEOS_Y_PREDICHO,
    CONTEOS_Y_VERDADERO,
    EJEMPLO_Y_PREDICHO,
    EJEMPLO_Y_VERDADERO,
    comprobar_auc_por_parejas,
    comprobar_brier_a_mano,
    comprobar_comparacion_pareada,
    comprobar_conteos,
    comprobar_exactitud_enganosa,
    comprobar_f1_macro,
    comprobar_pliegues_estratificados,
    comprobar_precision_sensibilidad_f1,
    comprobar_umbral_sensibilidad,
)

SIN_HACER = "⏳"


def _stub(*_args):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


def test_ejemplos_de_datos():
    assert EJEMPLO_Y_VERDADERO.shape == EJEMPLO_Y_PREDICHO.shape == (10,)
    assert CONTEOS_Y_VERDADERO.shape == CONTEOS_Y_PREDICHO.shape == (12,)
    # el ejemplo de los ejercicios no es el de la teoría
    assert not np.array_equal(CONTEOS_Y_VERDADERO[:10], EJEMPLO_Y_VERDADERO)


# --- 1. conteos --------------------------------------------------------------------------------
def test_conteos(capsys):
    assert comprobar_conteos(3, 3, 2, 4) and "✅" in _salida(capsys)
    assert not comprobar_conteos(None, None, None, None) and SIN_HACER in _salida(capsys)
    assert not comprobar_conteos(3, 2, 3, 4) and "intercambiado FP y FN" in _salida(capsys)
    assert not comprobar_conteos(3, 3, 2, 5) and "suman 13" in _salida(capsys)
    assert not comprobar_conteos(4, 3, 2, 3) and "Revisa VP, VN" in _salida(capsys)
    assert not comprobar_conteos("a", 1, 1, 1) and "cuatro números" in _salida(capsys)


# --- 2. precisión, sensibilidad, F1 ------------------------------------------------------------
def test_precision_sensibilidad_f1(capsys):
    assert comprobar_precision_sensibilidad_f1(0.5, 0.6, 6 / 11) and "✅" in _salida(capsys)
    assert not comprobar_precision_sensibilidad_f1(None, None, None) and SIN_HACER in _salida(capsys)
    assert not comprobar_precision_sensibilidad_f1(0.6, 0.5, 6 / 11)
    assert "intercambiado precisión y sensibilidad" in _salida(capsys)
    assert not comprobar_precision_sensibilidad_f1(0.5, 0.6, 0.55) and "media aritmética" in _salida(capsys)


# --- 3. exactitud engañosa (predecir) ----------------------------------------------------------
def test_exactitud_enganosa(capsys):
    assert comprobar_exactitud_enganosa(0.02, 0.5) and "✅" in _salida(capsys)
    assert not comprobar_exactitud_enganosa(None, None) and SIN_HACER in _salida(capsys)
    assert not comprobar_exactitud_enganosa(0.98, 0.5) and "siempre «legítima»" in _salida(capsys)
    assert not comprobar_exactitud_enganosa(0.02, 0.02) and "no es la exactitud" in _salida(capsys)
    assert not comprobar_exactitud_enganosa(0.02, 1.0) and "su media" in _salida(capsys)


# --- 4. precisión, sensibilidad y F1 macro desde la matriz -------------------------------------
def _metricas_macro(matriz, eje_precision=0, nan=False, f1_de_promedios=False):
    vp = np.diag(matriz).astype(float)
    predichos, reales = matriz.sum(axis=eje_precision), matriz.sum(axis=1 - eje_precision)
    if nan:
        with np.errstate(invalid="ignore", divide="ignore"):
            p, s = vp / predichos, vp / reales
    else:
        p = np.divide(vp, predichos, out=np.zeros(len(vp)), where=predichos > 0)
        s = np.divide(vp, reales, out=np.zeros(len(vp)), where=reales > 0)
    den = 2 * vp + (predichos - vp) + (reales - vp)
    f = np.divide(2 * vp, den, out=np.zeros(len(vp)), where=den > 0)
    if f1_de_promedios:
        return p.mean(), s.mean(), 2 * p.mean() * s.mean() / (p.mean() + s.mean())
    return p.mean(), s.mean(), f.mean()


def test_f1_macro(capsys):
    assert comprobar_f1_macro(_metricas_macro) and "✅" in _salida(capsys)
    assert not comprobar_f1_macro(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_f1_macro(_stub) and SIN_HACER in _salida(capsys)
    # la matriz traspuesta: precisión y sensibilidad cambiadas (F1 no lo notaría, es simétrico)
    assert not comprobar_f1_macro(lambda m: _metricas_macro(m, eje_precision=1))
    assert "intercambiado precisión y sensibilidad" in _salida(capsys)
    assert not comprobar_f1_macro(lambda m: _metricas_macro(m, nan=True)) and "NaN" in _salida(capsys)
    assert not comprobar_f1_macro(lambda m: _metricas_macro(m, f1_de_promedios=True))
    assert "F1 DE CADA CLASE" in _salida(capsys)
    assert not comprobar_f1_macro(lambda m: float(np.trace(m) / m.sum()))  # sólo la exactitud
    assert "tres números" in _salida(capsys)
    assert not comprobar_f1_macro(lambda m: 1 / 0) and "ZeroDivisionError" in _salida(capsys)


# --- 5. AUC por parejas ------------------------------------------------------------------------
def _auc_parejas(y, s, empate=0.5):
    pos, neg = s[y == 1], s[y == 0]
    return float(np.mean((pos[:, None] > neg[None, :]) + empate * (pos[:, None] == neg[None, :])))


def test_auc_por_parejas(capsys):
    assert comprobar_auc_por_parejas(_auc_parejas) and "✅" in _salida(capsys)
    assert not comprobar_auc_por_parejas(_stub) and SIN_HACER in _salida(capsys)
    assert not comprobar_auc_por_parejas(lambda y, s: _auc_parejas(y, s, 0.0))
    assert "no cuentas los empates" in _salida(capsys)
    assert not comprobar_auc_por_parejas(lambda y, s: _auc_parejas(y, s, 1.0))
    assert "empates como 1" in _salida(capsys)


# --- 6. umbral con sensibilidad mínima ---------------------------------------------------------
def test_umbral_sensibilidad(capsys):
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    s = np.array([0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9])
    assert comprobar_umbral_sensibilidad(0.35, y, s, 1.0) and "✅" in _salida(capsys)
    assert not comprobar_umbral_sensibilidad(None, y, s, 1.0) and SIN_HACER in _salida(capsys)
    assert not comprobar_umbral_sensibilidad(0.1, y, s, 1.0) and "sube el umbral" in _salida(capsys)
    assert not comprobar_umbral_sensibilidad(0.7, y, s, 1.0) and "baja el umbral" in _salida(capsys)


# --- 7. pliegues estratificados como StratifiedKFold -------------------------------------------
def _pliegues(y, k):
    orden = np.argsort(y, kind="stable")
    turnos = np.arange(len(y)) % k
    pliegue = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        de_c = y[orden] == c
        pliegue[orden[de_c]] = np.sort(turnos[de_c])
    return pliegue


def _pliegues_por_turnos(y, k):
    orden = np.argsort(y, kind="stable")
    pliegue = np.empty(len(y), dtype=int)
    pliegue[orden] = np.arange(len(y)) % k
    return pliegue


def _pliegues_reiniciando(y, k):
    orden = np.argsort(y, kind="stable")
    inicio_clase = np.searchsorted(y[orden], y[orden])  # posición donde empieza la clase de cada ejemplo
    pliegue = np.empty(len(y), int)
    turnos = (np.arange(len(y)) - inicio_clase) % k
    for c in np.unique(y):
        de_c = y[orden] == c
        pliegue[orden[de_c]] = np.sort(turnos[de_c])
    return pliegue


def test_la_solucion_de_referencia_es_stratifiedkfold():
    y = np.r_[0, 1, 2, np.random.default_rng(0).integers(0, 3, 50)]
    esperado = np.empty(len(y), int)
    for i, (_, val) in enumerate(StratifiedKFold(4).split(np.zeros(len(y)), y)):
        esperado[val] = i
    assert np.array_equal(_pliegues(y, 4), esperado)


def test_pliegues_estratificados(capsys):
    assert comprobar_pliegues_estratificados(_pliegues) and "✅" in _salida(capsys)
    assert not comprobar_pliegues_estratificados(_stub) and SIN_HACER in _salida(capsys)
    assert not comprobar_pliegues_estratificados(_pliegues_por_turnos)
    assert "bloques contiguos" in _salida(capsys)
    assert not comprobar_pliegues_estratificados(_pliegues_reiniciando)
    assert "sin volver a empezar en 0" in _salida(capsys)
    # bloques contiguos sin estratificar (KFold)
    assert not comprobar_pliegues_estratificados(lambda y, k: np.arange(len(y)) * k // len(y))
    assert "No estratificas" in _salida(capsys)
    assert not comprobar_pliegues_estratificados(lambda y, k: np.zeros(3)) and "forma" in _salida(capsys)


# --- 8. intervalo t pareado --------------------------------------------------------------------
def _pareado(a, b, cuantil=None, ddof=1, emparejar=True, raiz=True):
    d = a - b
    k = len(d)
    t = stats.t.ppf(0.975, k - 1) if cuantil is None else cuantil(k)
    if emparejar:
        margen = t * d.std(ddof=ddof) / (np.sqrt(k) if raiz else 1)
    else:
        margen = t * np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / k)
    return d.mean(), d.mean() - margen, d.mean() + margen


@pytest.mark.parametrize("error, palabra", [
    ({"ddof": 0}, "ddof=0"),
    ({"cuantil": lambda k: 1.96}, "1.96"),
    ({"cuantil": lambda k: stats.t.ppf(0.975, k)}, "k grados de libertad"),
    ({"raiz": False}, "dividir por √k"),
    ({"emparejar": False}, "No emparejas"),
    ({"emparejar": False, "cuantil": lambda k: stats.t.ppf(0.975, 2 * k - 2)}, "No emparejas"),
])
def test_comparacion_pareada_nombra_el_error(capsys, error, palabra):
    assert not comprobar_comparacion_pareada(lambda a, b: _pareado(a, b, **error))
    assert palabra in _salida(capsys)


def test_comparacion_pareada(capsys):
    assert comprobar_comparacion_pareada(_pareado) and "✅" in _salida(capsys)
    assert not comprobar_comparacion_pareada(_stub) and SIN_HACER in _salida(capsys)
    assert not comprobar_comparacion_pareada(lambda a, b: (a.mean() - b.mean() + 1, 0, 2))
    assert "mean(a − b)" in _salida(capsys)
    assert not comprobar_comparacion_pareada(lambda a, b: 0.1) and "tres números" in _salida(capsys)


# --- 9. Brier a mano (predecir) ----------------------------------------------------------------
def test_brier_a_mano(capsys):
    assert comprobar_brier_a_mano(0.016, 0.16) and "✅" in _salida(capsys)
    assert not comprobar_brier_a_mano(None, None) and SIN_HACER in _salida(capsys)
    assert not comprobar_brier_a_mano(0.12, 0.32) and "ABSOLUTO" in _salida(capsys)
    assert not comprobar_brier_a_mano(0.025, 0.34) and "mismos ejemplos" in _salida(capsys)
    assert not comprobar_brier_a_mano(0.016, 0.64) and "sólo un tipo de ejemplo" in _salida(capsys)
    assert not comprobar_brier_a_mano(0.02, 0.16) and "Modelo A" in _salida(capsys)
    assert not comprobar_brier_a_mano(0.016, 0.2) and "Modelo B" in _salida(capsys)
