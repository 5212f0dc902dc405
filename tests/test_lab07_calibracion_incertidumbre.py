"""Lab07 · calibración (Brier, curva de fiabilidad, ECE), comparación pareada e intervalo bootstrap,
contra scikit-learn y SciPy."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn.calibration import calibration_curve  # noqa: E402
from sklearn.metrics import brier_score_loss  # noqa: E402

from Lab07_Metricas_Evaluacion.codigo import (  # noqa: E402
    ComparacionPareada,
    IntervaloBootstrap,
    auc_roc,
    comparar_pareado,
    curva_calibracion,
    error_calibracion_esperado,
    exactitud,
    graficar_calibracion,
    intervalo_bootstrap,
    puntuacion_brier,
)


def _datos(n=300, semilla=0):
    rng = np.random.default_rng(semilla)
    p = rng.random(n)
    y = (rng.random(n) < p ** 2).astype(int)  # mal calibrado: la fracción real es p², no p
    return y, p


# --- calibración -------------------------------------------------------------------------------
@pytest.mark.parametrize("semilla", [0, 1, 2])
def test_brier_igual_que_sklearn(semilla):
    y, p = _datos(semilla=semilla)
    assert puntuacion_brier(y, p) == pytest.approx(brier_score_loss(y, p), abs=1e-12)
    etiquetas = np.where(y == 1, "si", "no")
    assert puntuacion_brier(etiquetas, p, etiqueta_positiva="si") == pytest.approx(brier_score_loss(y, p))


def test_brier_casos_conocidos():
    y = np.r_[np.zeros(400, int), np.ones(100, int)]
    assert puntuacion_brier(y, np.full(500, 0.5)) == pytest.approx(0.25)
    assert puntuacion_brier(y, np.full(500, 0.2)) == pytest.approx(0.16)
    assert puntuacion_brier(y, y.astype(float)) == 0.0


@pytest.mark.parametrize("n_intervalos", [3, 5, 10, 15])
@pytest.mark.parametrize("estrategia, nombre_sklearn", [("uniforme", "uniform"), ("cuantil", "quantile")])
def test_curva_calibracion_igual_que_sklearn(n_intervalos, estrategia, nombre_sklearn):
    y, p = _datos()
    p = np.r_[p, 0.0, 0.1, 0.5, 1.0]  # bordes exactos de los intervalos
    y = np.r_[y, 0, 1, 0, 1]
    fraccion, media, cuentas = curva_calibracion(y, p, n_intervalos, estrategia)
    real_sk, pred_sk = calibration_curve(y, p, n_bins=n_intervalos, strategy=nombre_sklearn)
    np.testing.assert_allclose(fraccion, real_sk, atol=1e-12)
    np.testing.assert_allclose(media, pred_sk, atol=1e-12)
    assert cuentas.sum() == len(y) and np.all(cuentas > 0)


def test_curva_calibracion_omite_intervalos_vacios_y_ece():
    y = np.array([0, 1, 0, 1])
    p = np.array([0.05, 0.05, 0.95, 0.95])
    fraccion, media, cuentas = curva_calibracion(y, p, 10)
    assert fraccion.tolist() == [0.5, 0.5] and media.tolist() == [0.05, 0.95] and cuentas.tolist() == [2, 2]
    assert error_calibracion_esperado(y, p, 10) == pytest.approx(0.45)
    # a mano: Σ n_b/N · |fracción − media|
    y2, p2 = _datos()
    f, m, c = curva_calibracion(y2, p2, 10)
    assert error_calibracion_esperado(y2, p2, 10) == pytest.approx(np.sum(c * np.abs(f - m)) / len(y2))
    assert error_calibracion_esperado(y2, p2, 10) > 0.1  # p² frente a p: mal calibrado


def test_calibracion_errores_claros():
    y, p = _datos(20)
    with pytest.raises(ValueError, match="entre 0 y 1"):
        puntuacion_brier(y, p * 3 - 1)
    with pytest.raises(ValueError, match="NaN"):
        curva_calibracion(y, np.r_[p[:-1], np.nan])
    with pytest.raises(ValueError, match="estrategia"):
        curva_calibracion(y, p, estrategia="uniform")
    with pytest.raises(ValueError, match="n_intervalos"):
        curva_calibracion(y, p, n_intervalos=0)
    with pytest.raises(ValueError, match="ejemplos"):
        puntuacion_brier(y, p[:-1])


def test_graficar_calibracion():
    y, p = _datos()
    fig, ax = plt.subplots()
    graficar_calibracion(y, p, ax=ax, etiqueta="a")
    graficar_calibracion(y, p ** 2, ax=ax, etiqueta="b", estrategia="cuantil")
    textos = [t.get_text() for t in ax.get_legend().get_texts()]
    assert textos[0] == "calibración perfecta" and len(textos) == 3  # la diagonal una sola vez
    assert f"Brier = {puntuacion_brier(y, p):.4f}" in textos[1]
    plt.close(fig)


# --- comparación pareada -----------------------------------------------------------------------
@pytest.mark.parametrize("k", [2, 5, 10])
@pytest.mark.parametrize("confianza", [0.9, 0.95, 0.99])
def test_comparar_pareado_igual_que_ttest_rel(k, confianza):
    rng = np.random.default_rng(k)
    a = rng.normal(0.9, 0.03, k)
    b = a - rng.normal(0.01, 0.02, k)
    r = comparar_pareado(a, b, confianza)
    ref = stats.ttest_rel(a, b)
    ic = ref.confidence_interval(confianza)
    assert isinstance(r, ComparacionPareada)
    np.testing.assert_allclose(r.diferencias, a - b)
    assert r.media == pytest.approx(np.mean(a - b))
    assert r.desviacion == pytest.approx(np.std(a - b, ddof=1))
    assert r.error_tipico == pytest.approx(np.std(a - b, ddof=1) / np.sqrt(k))
    assert r.t == pytest.approx(ref.statistic) and r.p_valor == pytest.approx(ref.pvalue)
    assert r.intervalo == pytest.approx((ic.low, ic.high))
    assert "intervalo t" in r.resumen()


def test_comparar_pareado_cancela_lo_comun_a_los_pliegues():
    rng = np.random.default_rng(0)
    comun = rng.normal(0.85, 0.08, 10)  # pliegues fáciles y difíciles
    a, b = comun + 0.02, comun + rng.normal(0, 0.002, 10)
    r = comparar_pareado(a, b)
    assert r.intervalo[0] > 0  # emparejado: a es claramente mejor
    no_pareado = stats.ttest_ind(a, b).confidence_interval()
    assert no_pareado.low < 0 < no_pareado.high  # sin emparejar, el ruido de los pliegues lo tapa


def test_comparar_pareado_casos_limite_y_errores():
    r = comparar_pareado([0.9, 0.8], [0.9, 0.8])
    assert r.media == 0 and r.t == 0 and r.p_valor == 1 and r.intervalo == (0, 0)
    r = comparar_pareado([1.0, 0.75], [0.5, 0.25])  # la misma diferencia en los dos pliegues
    assert r.media == 0.5 and r.t == np.inf and r.p_valor == 0
    with pytest.raises(ValueError, match="misma forma"):
        comparar_pareado([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="al menos 2"):
        comparar_pareado([1.0], [0.5])
    with pytest.raises(ValueError, match="confianza"):
        comparar_pareado([1, 2], [0, 1], confianza=95)
    with pytest.raises(ValueError, match="NaN"):
        comparar_pareado([1, np.nan], [0, 1])


# --- bootstrap ---------------------------------------------------------------------------------
def test_intervalo_bootstrap_repetible_y_como_a_mano():
    y, p = _datos(200)
    pred = (p > 0.5).astype(int)
    r = intervalo_bootstrap(exactitud, y, pred, n_remuestreos=300, semilla=4)
    assert isinstance(r, IntervaloBootstrap) and r.valores.shape == (300,)
    indices = np.random.default_rng(4).integers(0, 200, size=(300, 200))
    a_mano = np.array([np.mean(y[i] == pred[i]) for i in indices])
    np.testing.assert_allclose(r.valores, a_mano)
    assert (r.inferior, r.superior) == pytest.approx(tuple(np.percentile(a_mano, [2.5, 97.5])))
    assert r.estimacion == pytest.approx(np.mean(y == pred))
    assert r.inferior < r.estimacion < r.superior
    r2 = intervalo_bootstrap(exactitud, y, pred, n_remuestreos=300, semilla=4)
    np.testing.assert_array_equal(r.valores, r2.valores)
    assert "95%" in repr(r)


def test_intervalo_bootstrap_se_parece_al_de_scipy():
    y, p = _datos(400)
    pred = (p > 0.5).astype(int)
    r = intervalo_bootstrap(exactitud, y, pred, n_remuestreos=4000, semilla=0)
    ref = stats.bootstrap((y, pred), lambda a, b: np.mean(a == b), paired=True, vectorized=False,
                          n_resamples=4000, method="percentile", rng=np.random.default_rng(1))
    assert r.inferior == pytest.approx(ref.confidence_interval.low, abs=0.01)
    assert r.superior == pytest.approx(ref.confidence_interval.high, abs=0.01)


def test_intervalo_bootstrap_estratificado_y_errores():
    y = np.r_[np.zeros(40, int), np.ones(3, int)]
    s = np.random.default_rng(0).random(43) + 0.3 * y
    with pytest.raises(ValueError, match="estratificar=True"):
        intervalo_bootstrap(auc_roc, y, s, n_remuestreos=500, semilla=0)
    r = intervalo_bootstrap(auc_roc, y, s, n_remuestreos=200, estratificar=True, semilla=0)
    assert 0 <= r.inferior <= r.superior <= 1
    with pytest.raises(ValueError, match="n_remuestreos"):
        intervalo_bootstrap(exactitud, y, y, n_remuestreos=1)
    with pytest.raises(ValueError, match="ejemplos"):
        intervalo_bootstrap(exactitud, y, y[:-1])
    with pytest.raises(TypeError, match="función"):
        intervalo_bootstrap("exactitud", y, y)
