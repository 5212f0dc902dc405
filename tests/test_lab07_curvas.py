"""Lab07 · curvas ROC y PR, AUC, precisión promedio y umbrales, con sklearn.metrics como oráculo."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.special import softmax
from sklearn import metrics as skm

from Lab07_Metricas_Evaluacion.codigo import (
    CRITERIOS_UMBRAL,
    UmbralElegido,
    aplicar_umbral,
    auc,
    auc_roc,
    conteos_por_umbral,
    curva_precision_sensibilidad,
    curva_roc,
    elegir_umbral,
    metricas_por_umbral,
    precision_promedio,
    preparar_binario,
)


def _casos_binarios(semilla: int, n_casos: int):
    """Puntuaciones continuas, discretas (muchos empates) o todas iguales; y con las dos clases."""
    rng = np.random.default_rng(semilla)
    for i in range(n_casos):
        n = int(rng.integers(2, 50))
        y = rng.integers(0, 2, n)
        y[:2] = [0, 1]
        y = rng.permutation(y)
        tipo = i % 3
        if tipo == 0:
            s = rng.normal(size=n) + y * rng.uniform(0, 2)
        elif tipo == 1:
            s = rng.integers(0, 4, n) / 3.0  # empates
        else:
            s = np.full(n, 0.5) if rng.random() < 0.3 else np.round(rng.random(n), 1)
        yield y, s


def _sin_avisos(funcion, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return funcion(*args, **kwargs)


# --- ROC -----------------------------------------------------------------------------------


@pytest.mark.parametrize("eliminar_intermedios", [True, False])
def test_curva_roc_igual_que_sklearn(eliminar_intermedios):
    for y, s in _casos_binarios(0, 150):
        obtenido = _sin_avisos(curva_roc, y, s, eliminar_intermedios=eliminar_intermedios)
        esperado = skm.roc_curve(y, s, drop_intermediate=eliminar_intermedios)
        for a, b in zip(obtenido, esperado):
            np.testing.assert_array_equal(a, b)


def _conteos_sklearn(y, s):
    """``(VN, FP, FN, VP, umbrales)`` de scikit-learn: ``confusion_matrix_at_thresholds`` (≥ 1.8) o,
    en versiones anteriores (la de Colab), la función interna de la que sale la curva ROC."""
    if hasattr(skm, "confusion_matrix_at_thresholds"):
        return skm.confusion_matrix_at_thresholds(y, s)
    from sklearn.metrics._ranking import _binary_clf_curve

    fp, vp, umbrales = _binary_clf_curve(y, s)
    return fp[-1] - fp, fp, vp[-1] - vp, vp, umbrales


def test_conteos_por_umbral_igual_que_sklearn():
    for y, s in _casos_binarios(1, 150):
        vn, fp, fn, vp, umbrales = _conteos_sklearn(y, s)
        c = _sin_avisos(conteos_por_umbral, y, s)
        for clave, esperado in (("VN", vn), ("FP", fp), ("FN", fn), ("VP", vp), ("umbrales", umbrales)):
            np.testing.assert_array_equal(c[clave], esperado)


def test_auc_roc_binaria_por_rangos_y_por_trapecios():
    for y, s in _casos_binarios(2, 200):
        esperado = skm.roc_auc_score(y, s)
        assert _sin_avisos(auc_roc, y, s) == pytest.approx(esperado, abs=1e-12)
        tfp, tvp, _ = curva_roc(y, s)
        assert auc(tfp, tvp) == pytest.approx(esperado, abs=1e-12)


def test_auc_a_mano_con_empates():
    # parejas (positivo, negativo): (0.8, 0.1) bien, (0.8, 0.4) bien, (0.4, 0.1) bien, (0.4, 0.4) empate
    y, s = [0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8]
    assert auc_roc(y, s) == pytest.approx(3.5 / 4)
    assert auc_roc(y, [0.5, 0.5, 0.5, 0.5]) == 0.5  # todo empatado: el azar
    assert auc_roc(y, [0.9, 0.8, 0.2, 0.1]) == 0.0  # todo al revés


def test_auc_trapecio_igual_que_sklearn_y_en_ambos_sentidos():
    rng = np.random.default_rng(3)
    for _ in range(50):
        x = np.sort(rng.random(10))
        y = rng.random(10)
        assert auc(x, y) == pytest.approx(skm.auc(x, y), abs=1e-14)
        assert auc(x[::-1], y[::-1]) == pytest.approx(skm.auc(x[::-1], y[::-1]), abs=1e-14)
    with pytest.raises(ValueError, match="monótona"):
        auc([0, 1, 0.5], [0, 1, 1])
    with pytest.raises(ValueError, match="al menos 2 puntos"):
        auc([0.0], [1.0])


@pytest.mark.parametrize("promedio, sk", [("macro", "macro"), ("ponderado", "weighted")])
def test_auc_roc_multiclase_una_contra_el_resto(promedio, sk):
    rng = np.random.default_rng(4)
    for i in range(60):
        c = int(rng.integers(3, 6))
        n = int(rng.integers(2 * c, 60))
        y = rng.permutation(np.r_[np.arange(c), np.arange(c), rng.integers(0, c, n - 2 * c)])
        p = softmax(rng.normal(size=(n, c)) * 2 + 2 * np.eye(c)[y] * (i % 2), axis=1)
        if i % 3 == 0:  # con empates
            p = np.round(p, 1)
            p = p / p.sum(axis=1, keepdims=True)
        assert _sin_avisos(auc_roc, y, p, promedio=promedio) == pytest.approx(
            skm.roc_auc_score(y, p, multi_class="ovr", average=sk), abs=1e-12
        )
        assert auc_roc(y, p, promedio="micro") == pytest.approx(
            skm.roc_auc_score(np.eye(c)[y], p, average="micro"), abs=1e-12
        )
        por_clase = auc_roc(y, p, promedio=None)
        assert por_clase.shape == (c,)
        np.testing.assert_allclose(
            por_clase, [skm.roc_auc_score(y == k, p[:, k]) for k in range(c)], atol=1e-12
        )


def test_auc_multiclase_con_etiquetas_de_texto():
    y = np.array(["a", "b", "c", "a", "b", "c"])
    p = softmax(np.random.default_rng(5).normal(size=(6, 3)), axis=1)
    assert auc_roc(y, p, clases=["a", "b", "c"]) == pytest.approx(
        skm.roc_auc_score(y, p, multi_class="ovr", labels=["a", "b", "c"])
    )


# --- curva precisión-sensibilidad y AP --------------------------------------------------------


def test_curva_pr_y_precision_promedio_igual_que_sklearn():
    for y, s in _casos_binarios(6, 150):
        obtenido = _sin_avisos(curva_precision_sensibilidad, y, s)
        esperado = skm.precision_recall_curve(y, s)
        for a, b in zip(obtenido, esperado):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)
        assert _sin_avisos(precision_promedio, y, s) == pytest.approx(
            skm.average_precision_score(y, s), abs=1e-12
        )


def test_curvas_con_etiqueta_positiva_distinta_de_1():
    for y, s in _casos_binarios(7, 50):
        etiquetas = np.where(y == 1, "malo", "bueno")
        for a, b in zip(
            curva_roc(etiquetas, s, etiqueta_positiva="malo"), skm.roc_curve(etiquetas, s, pos_label="malo")
        ):
            np.testing.assert_array_equal(a, b)
        assert precision_promedio(y, -s, etiqueta_positiva=0) == pytest.approx(
            skm.average_precision_score(y, -s, pos_label=0), abs=1e-12
        )


@pytest.mark.parametrize("promedio, sk", [("macro", "macro"), ("ponderado", "weighted"), ("micro", "micro")])
def test_precision_promedio_multiclase(promedio, sk):
    rng = np.random.default_rng(8)
    for _ in range(40):
        c = int(rng.integers(3, 6))
        n = int(rng.integers(c, 50))
        y = rng.permutation(np.r_[np.arange(c), rng.integers(0, c, n - c)])
        p = softmax(rng.normal(size=(n, c)) * 2, axis=1)
        esperado = skm.average_precision_score(np.eye(c)[y], p, average=sk)
        assert precision_promedio(y, p, promedio=promedio) == pytest.approx(esperado, abs=1e-12)


# --- casos de una sola clase (definidos y documentados) -----------------------------------------


def test_una_sola_clase_da_error_claro_donde_sklearn_da_nan():
    y_neg, y_pos, s = np.zeros(5, int), np.ones(5, int), np.linspace(0, 1, 5)
    with pytest.raises(ValueError, match="ningún ejemplo de la clase positiva"):
        curva_roc(y_neg, s)
    with pytest.raises(ValueError, match="todos los ejemplos de y_verdadero son positivos"):
        curva_roc(y_pos, s)
    with pytest.raises(ValueError, match="área bajo la curva ROC no está definida"):
        auc_roc(y_pos, s)
    with pytest.raises(ValueError, match="ningún ejemplo de la clase positiva"):
        curva_precision_sensibilidad(y_neg, s)
    with pytest.raises(ValueError, match="ningún ejemplo de la clase positiva"):
        precision_promedio(y_neg, s)
    with warnings.catch_warnings():  # el comportamiento de sklearn que evitamos: NaN con un aviso
        warnings.simplefilter("ignore")
        assert np.isnan(skm.roc_auc_score(y_pos, s))


def test_sin_negativos_la_curva_pr_si_esta_definida():
    y, s = np.ones(6, int), np.array([0.3, 0.1, 0.9, 0.9, 0.5, 0.2])
    for a, b in zip(curva_precision_sensibilidad(y, s), skm.precision_recall_curve(y, s)):
        np.testing.assert_allclose(a, b)
    assert precision_promedio(y, s) == 1.0


def test_puntuaciones_extremas_sin_avisos():
    y = np.array([0, 1, 0, 1, 1, 0])
    s = np.array([-1e300, 1e300, -5e299, 1e308, -1e308, 0.0])
    assert 0 <= _sin_avisos(auc_roc, y, s) <= 1
    tfp, tvp, umbrales = _sin_avisos(curva_roc, y, s)
    assert np.all(np.isfinite(tfp)) and np.all(np.isfinite(tvp)) and umbrales[0] == np.inf
    assert np.isfinite(_sin_avisos(precision_promedio, y, s))


@pytest.mark.parametrize(
    "llamada, mensaje",
    [
        (lambda: curva_roc([0, 1, 2], [0.1, 0.2, 0.3]), "son binarias"),
        (lambda: curva_roc([0, 1], [0.1, 0.2, 0.3]), "puntuaciones tiene 3"),
        (lambda: curva_roc([0, 1], [[0.1, 0.2], [0.3, 0.4], [0.1, 0.1]]), r"forma \(N,\)"),
        (lambda: curva_roc([0, 1], [0.1, np.nan]), "NaN"),
        (lambda: curva_roc([], []), "vacío"),
        (lambda: auc_roc([0, 1, 2], np.eye(3)[:, :2]), "no están en las clases"),
        (lambda: auc_roc([0, 1, 1], np.eye(3)), "todas las clases"),
        (lambda: auc_roc([0, 1, 2], np.eye(3), promedio="pesado"), "promedio debe ser"),
        (lambda: auc_roc([0, 1, 2], np.eye(3), clases=[0, 1]), "clases tiene 2"),
        (lambda: auc_roc(["a", "b", "c"], np.eye(3)), "indica clases"),
    ],
)
def test_entradas_malas_en_curvas(llamada, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        llamada()


def test_preparar_binario_acepta_columna():
    positivos, s = preparar_binario([1, 0], np.array([[0.9], [0.1]]))
    np.testing.assert_array_equal(positivos, [True, False])
    assert s.shape == (2,)


# --- umbrales ----------------------------------------------------------------------------------


def test_aplicar_umbral():
    np.testing.assert_array_equal(aplicar_umbral([0.2, 0.5, 0.9]), [0, 1, 1])
    np.testing.assert_array_equal(
        aplicar_umbral([-1.0, 0.0, 2.0], umbral=0.0, clases=("no", "sí")), ["no", "sí", "sí"]
    )
    with pytest.raises(ValueError, match="argmax"):
        aplicar_umbral(np.ones((3, 2)))
    with pytest.raises(ValueError, match="finito"):
        aplicar_umbral([0.1], umbral=np.nan)


def test_metricas_por_umbral_igual_que_sklearn_en_cada_umbral():
    for y, s in _casos_binarios(9, 15):
        m = _sin_avisos(metricas_por_umbral, y, s, beta=2.0)
        for i, u in enumerate(m["umbrales"]):
            y_p = (s >= u).astype(int)
            assert m["precision"][i] == pytest.approx(skm.precision_score(y, y_p, zero_division=0))
            assert m["sensibilidad"][i] == pytest.approx(skm.recall_score(y, y_p))
            assert m["especificidad"][i] == pytest.approx(skm.recall_score(y, y_p, pos_label=0))
            assert m["f"][i] == pytest.approx(skm.fbeta_score(y, y_p, beta=2.0, zero_division=0))
            assert m["exactitud"][i] == pytest.approx(skm.accuracy_score(y, y_p))
            assert m["tfp"][i] == pytest.approx(1 - m["especificidad"][i])


def _fuerza_bruta(y, s, puntuar, valido=lambda p, r: True):
    """El mejor umbral probando uno a uno todos los valores de s (el más alto si empatan)."""
    mejor, mejor_u = -np.inf, None
    for u in np.unique(s)[::-1]:
        y_p = s >= u
        vp, fp = np.sum(y_p & (y == 1)), np.sum(y_p & (y == 0))
        fn, vn = np.sum(~y_p & (y == 1)), np.sum(~y_p & (y == 0))
        p, r, e = vp / (vp + fp) if vp + fp else 0.0, vp / (vp + fn), vn / (vn + fp)
        valor = puntuar(p, r, e)
        if valido(p, r) and valor > mejor + 1e-12:
            mejor, mejor_u = valor, u
    return mejor_u


def _f(beta):
    return lambda p, r, e: (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def test_elegir_umbral_coincide_con_la_fuerza_bruta():
    for y, s in _casos_binarios(10, 60):
        assert elegir_umbral(y, s, "f1").umbral == _fuerza_bruta(y, s, _f(1.0))
        assert elegir_umbral(y, s, "f_beta", beta=2).umbral == _fuerza_bruta(y, s, _f(2.0))
        assert elegir_umbral(y, s, "youden").umbral == _fuerza_bruta(y, s, lambda p, r, e: r + e - 1)
        assert elegir_umbral(y, s, "sensibilidad_minima", objetivo=0.8).umbral == _fuerza_bruta(
            y, s, lambda p, r, e: p, lambda p, r: r >= 0.8
        )
        m = metricas_por_umbral(y, s)
        objetivo = float(np.median(m["precision"]))
        assert elegir_umbral(y, s, "precision_minima", objetivo=objetivo).umbral == _fuerza_bruta(
            y, s, lambda p, r, e: r, lambda p, r, o=objetivo: p >= o
        )


def test_elegir_umbral_resultado_y_errores():
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    s = np.array([0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9])
    r = elegir_umbral(y, s, "sensibilidad_minima", objetivo=1.0)
    assert isinstance(r, UmbralElegido) and all(
        isinstance(elegir_umbral(y, s, c, objetivo=0.5), UmbralElegido) for c in CRITERIOS_UMBRAL
    )
    assert (r.umbral, r.sensibilidad, r.precision) == (0.35, 1.0, 0.8)
    assert r.especificidad == 0.75
    with pytest.raises(ValueError, match="necesita objetivo"):
        elegir_umbral(y, s, "sensibilidad_minima")
    with pytest.raises(ValueError, match="ningún umbral consigue precisión ≥ 1.0"):
        elegir_umbral([1, 0], [0.1, 0.9], "precision_minima", objetivo=1.0)
    with pytest.raises(ValueError, match=r"objetivo en \[0, 1\]"):
        elegir_umbral(y, s, "precision_minima", objetivo=1.5)
    with pytest.raises(ValueError, match="criterio debe ser uno de"):
        elegir_umbral(y, s, "exactitud")
    with pytest.raises(ValueError, match="necesita objetivo"):
        elegir_umbral(y, s, "precision_minima", objetivo="0.9")
    with pytest.raises(ValueError, match="beta debe ser ≥ 0"):
        metricas_por_umbral(y, s, beta=-1.0)
    with pytest.raises(TypeError, match="beta debe ser un número"):
        elegir_umbral(y, s, "f_beta", beta="2")
