"""Lab07 · matriz de confusión y métricas por etiquetas, con sklearn.metrics como oráculo."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn import metrics as skm

from Lab07_Metricas_Evaluacion.codigo import (
    NORMALIZACIONES,
    PROMEDIOS,
    ResultadoPRF,
    clases_presentes,
    coeficiente_matthews,
    como_etiquetas,
    conteos_por_clase,
    dividir_seguro,
    especificidad,
    exactitud,
    exactitud_balanceada,
    f1,
    f_beta,
    indices_de_clase,
    matriz_confusion,
    normalizar_matriz,
    precision,
    precision_sensibilidad_f,
    preparar_etiquetas,
    sensibilidad,
)

# sklearn avisa (UserWarning) cuando sólo hay una clase; nuestras funciones se llaman con avisos = error
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

NORMALIZAR_SK = {None: None, "verdadero": "true", "prediccion": "pred", "todo": "all"}


def _casos(semilla: int, n_casos: int, max_clases: int = 5):
    """Etiquetas al azar: muchos lotes pequeños (clases ausentes, una sola clase, empates)."""
    rng = np.random.default_rng(semilla)
    for _ in range(n_casos):
        n = int(rng.integers(1, 40))
        c = int(rng.integers(1, max_clases + 1))
        y_v = rng.integers(0, c, n)
        # a veces el modelo acierta mucho, a veces es puro azar
        y_p = np.where(rng.random(n) < rng.random(), y_v, rng.integers(0, c, n))
        yield y_v, y_p


def _sin_avisos(funcion, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return funcion(*args, **kwargs)


# --- matriz de confusión --------------------------------------------------------------


def test_matriz_confusion_igual_que_sklearn_en_casos_aleatorios():
    for y_v, y_p in _casos(0, 200):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # sklearn avisa cuando sólo hay una clase
            esperado = skm.confusion_matrix(y_v, y_p)
        obtenido = _sin_avisos(matriz_confusion, y_v, y_p)
        assert obtenido.dtype.kind == "i"
        np.testing.assert_array_equal(obtenido, esperado)


@pytest.mark.parametrize("normalizar", NORMALIZACIONES)
def test_matriz_confusion_normalizada_y_con_clases_en_otro_orden(normalizar):
    for y_v, y_p in _casos(1, 80):
        clases = np.random.default_rng(len(y_v)).permutation(np.arange(6))  # con clases ausentes
        esperado = skm.confusion_matrix(y_v, y_p, labels=clases, normalize=NORMALIZAR_SK[normalizar])
        obtenido = _sin_avisos(matriz_confusion, y_v, y_p, clases=clases, normalizar=normalizar)
        np.testing.assert_allclose(obtenido, esperado, rtol=0, atol=1e-12)
        assert np.all(np.isfinite(obtenido))


def test_matriz_confusion_a_mano_y_con_textos():
    y_v = ["gato", "gato", "perro", "pez", "pez", "pez"]
    y_p = ["gato", "perro", "perro", "pez", "gato", "pez"]
    m = matriz_confusion(y_v, y_p)
    np.testing.assert_array_equal(m, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    np.testing.assert_array_equal(m, skm.confusion_matrix(y_v, y_p))
    # las etiquetas que no están en `clases` no se cuentan (como sklearn con labels=)
    np.testing.assert_array_equal(matriz_confusion(y_v, y_p, clases=["pez", "gato"]), [[2, 1], [0, 1]])


def test_conteos_por_clase_igual_que_multilabel_confusion_matrix():
    for y_v, y_p in _casos(2, 120):
        clases = np.arange(5)
        mcm = skm.multilabel_confusion_matrix(y_v, y_p, labels=clases)  # [[VN, FP], [FN, VP]]
        c = conteos_por_clase(y_v, y_p, clases=clases)
        np.testing.assert_array_equal(c["VN"], mcm[:, 0, 0])
        np.testing.assert_array_equal(c["FP"], mcm[:, 0, 1])
        np.testing.assert_array_equal(c["FN"], mcm[:, 1, 0])
        np.testing.assert_array_equal(c["VP"], mcm[:, 1, 1])
        np.testing.assert_array_equal(c["soporte"], np.bincount(y_v, minlength=5))
    # con un subconjunto de clases los demás ejemplos cuentan como negativos
    c = conteos_por_clase([0, 1, 2, 2], [2, 1, 0, 2], clases=[2])
    assert (c["VP"][0], c["FP"][0], c["FN"][0], c["VN"][0]) == (1, 1, 1, 1)


def test_normalizar_matriz_sin_nan_con_filas_vacias():
    m = np.array([[0, 0], [3, 1]])
    np.testing.assert_allclose(_sin_avisos(normalizar_matriz, m, "verdadero"), [[0, 0], [0.75, 0.25]])
    np.testing.assert_allclose(normalizar_matriz(m, "prediccion"), [[0, 0], [1, 1]])
    np.testing.assert_allclose(normalizar_matriz(np.zeros((2, 2)), "todo"), 0)
    with pytest.raises(ValueError, match="normalizar debe ser uno de"):
        normalizar_matriz(m, "filas")


# --- precisión, sensibilidad, F ---------------------------------------------------------


@pytest.mark.parametrize("division_cero", [0.0, 1.0])
@pytest.mark.parametrize("promedio", [None, "macro", "micro", "ponderado"])
def test_prf_igual_que_sklearn(promedio, division_cero):
    rng = np.random.default_rng(3)
    for y_v, y_p in _casos(4, 120):
        beta = float(rng.choice([0.5, 1.0, 2.0, 3.0]))
        obtenido = _sin_avisos(
            precision_sensibilidad_f, y_v, y_p, beta=beta, promedio=promedio, division_cero=division_cero
        )
        esperado = skm.precision_recall_fscore_support(
            y_v, y_p, beta=beta, average=PROMEDIOS[promedio], zero_division=division_cero
        )
        for a, b in zip(obtenido[:3], esperado[:3]):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
        if promedio is None:
            np.testing.assert_array_equal(obtenido.soporte, esperado[3])


@pytest.mark.parametrize("division_cero", [0.0, 1.0])
@pytest.mark.parametrize("promedio", [None, "macro", "micro", "ponderado"])
def test_prf_con_clases_ausentes_y_division_por_cero(promedio, division_cero):
    """Clases que no aparecen ni en y_verdadero ni en y_predicho: todo es 0/0."""
    for y_v, y_p in _casos(5, 40, max_clases=3):
        for clases in ([0, 1, 2, 3, 4], [4, 3], [2, 7, 0]):
            obtenido = _sin_avisos(
                precision_sensibilidad_f,
                y_v,
                y_p,
                promedio=promedio,
                clases=clases,
                division_cero=division_cero,
            )
            esperado = skm.precision_recall_fscore_support(
                y_v, y_p, labels=clases, average=PROMEDIOS[promedio], zero_division=division_cero
            )
            for a, b in zip(obtenido[:3], esperado[:3]):
                np.testing.assert_allclose(a, b, rtol=1e-12)


def test_division_cero_documentada_con_ejemplos_a_mano():
    # nunca se predice la clase 1: su precisión es 0/0
    r = precision_sensibilidad_f([0, 0, 1, 1], [0, 0, 0, 0])
    assert isinstance(r, ResultadoPRF) and r._fields == ("precision", "sensibilidad", "f", "soporte")
    np.testing.assert_allclose(r.precision, [0.5, 0.0])
    r1 = precision_sensibilidad_f([0, 0, 1, 1], [0, 0, 0, 0], division_cero=1.0)
    np.testing.assert_allclose(r1.precision, [0.5, 1.0])
    # F no es 0/0 aunque la precisión lo sea: hay falsos negativos, así que F = 0
    np.testing.assert_allclose(r1.f, [2 / 3, 0.0])
    # una clase ausente en todo: P = S = F = division_cero
    r = precision_sensibilidad_f([0, 0], [0, 0], clases=[0, 1], division_cero=1.0)
    np.testing.assert_allclose(r.f, [1.0, 1.0])


@pytest.mark.parametrize("division_cero", [0.0, 1.0])
def test_funciones_binarias_igual_que_sklearn(division_cero):
    rng = np.random.default_rng(6)
    for _ in range(60):
        n = int(rng.integers(1, 30))
        y_v, y_p = rng.integers(0, 2, n), rng.integers(0, 2, n)
        if rng.random() < 0.2:
            y_p[:] = y_v[0]  # casos de una sola clase predicha
        kw = {"zero_division": division_cero}
        assert precision(y_v, y_p, division_cero=division_cero) == pytest.approx(
            skm.precision_score(y_v, y_p, **kw), abs=1e-15
        )
        assert sensibilidad(y_v, y_p, division_cero=division_cero) == pytest.approx(
            skm.recall_score(y_v, y_p, **kw), abs=1e-15
        )
        assert f1(y_v, y_p, division_cero=division_cero) == pytest.approx(
            skm.f1_score(y_v, y_p, **kw), abs=1e-15
        )
        beta = float(rng.uniform(0.1, 4))
        assert f_beta(y_v, y_p, beta, division_cero=division_cero) == pytest.approx(
            skm.fbeta_score(y_v, y_p, beta=beta, **kw), abs=1e-14
        )
        # con la clase 0 como positiva
        assert precision(y_v, y_p, etiqueta_positiva=0, division_cero=division_cero) == pytest.approx(
            skm.precision_score(y_v, y_p, pos_label=0, **kw), abs=1e-15
        )


def test_f1_es_media_armonica_y_beta_cambia_el_peso():
    y_v = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    y_p = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])
    p, s = precision(y_v, y_p), sensibilidad(y_v, y_p)
    assert (p, s) == (0.6, 0.75)
    assert f1(y_v, y_p) == pytest.approx(2 * p * s / (p + s))
    assert f_beta(y_v, y_p, 2.0) > f1(y_v, y_p) > f_beta(y_v, y_p, 0.5)  # S > P
    assert f_beta(y_v, y_p, 0.0) == pytest.approx(p)  # β = 0: sólo precisión


def test_metricas_con_etiquetas_de_texto():
    y_v = np.array(["spam", "ok", "spam", "ok", "ok"])
    y_p = np.array(["spam", "spam", "ok", "ok", "ok"])
    assert precision(y_v, y_p, etiqueta_positiva="spam") == skm.precision_score(y_v, y_p, pos_label="spam")
    assert f1(y_v, y_p, promedio="macro") == pytest.approx(skm.f1_score(y_v, y_p, average="macro"))


# --- especificidad, exactitud, Matthews --------------------------------------------------


@pytest.mark.parametrize("promedio", [None, "macro", "micro", "ponderado"])
def test_especificidad_con_la_matriz_multietiqueta(promedio):
    for y_v, y_p in _casos(7, 80, max_clases=4):
        clases = np.arange(4)
        mcm = skm.multilabel_confusion_matrix(y_v, y_p, labels=clases)
        vn, fp = mcm[:, 0, 0].astype(float), mcm[:, 0, 1].astype(float)
        por_clase = np.divide(vn, vn + fp, out=np.zeros(4), where=vn + fp > 0)
        soporte = np.bincount(y_v, minlength=4)
        esperado = {
            None: por_clase,
            "macro": por_clase.mean(),
            "micro": vn.sum() / (vn.sum() + fp.sum()) if vn.sum() + fp.sum() else 0.0,
            "ponderado": (por_clase * soporte).sum() / soporte.sum(),
        }[promedio]
        np.testing.assert_allclose(
            _sin_avisos(especificidad, y_v, y_p, promedio=promedio, clases=clases), esperado, rtol=1e-12
        )


def test_especificidad_binaria_es_sensibilidad_de_la_negativa():
    rng = np.random.default_rng(8)
    for _ in range(100):
        y_v, y_p = rng.integers(0, 2, 25), rng.integers(0, 2, 25)
        assert especificidad(y_v, y_p) == pytest.approx(
            skm.recall_score(y_v, y_p, pos_label=0, zero_division=0)
        )


def test_exactitud_balanceada_y_matthews_igual_que_sklearn():
    for y_v, y_p in _casos(9, 100):
        assert _sin_avisos(exactitud, y_v, y_p) == pytest.approx(skm.accuracy_score(y_v, y_p), abs=1e-15)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            esperado = skm.balanced_accuracy_score(y_v, y_p)
        assert _sin_avisos(exactitud_balanceada, y_v, y_p) == pytest.approx(esperado, abs=1e-14)
        assert _sin_avisos(coeficiente_matthews, y_v, y_p) == pytest.approx(
            skm.matthews_corrcoef(y_v, y_p), abs=1e-12
        )


def test_la_exactitud_engana_con_clases_desequilibradas():
    y = np.r_[np.zeros(950, int), np.ones(50, int)]
    siempre_negativo = np.zeros(1000, int)
    assert exactitud(y, siempre_negativo) == 0.95
    assert exactitud_balanceada(y, siempre_negativo) == 0.5
    assert coeficiente_matthews(y, siempre_negativo) == 0.0  # denominador 0 → 0, sin NaN
    assert f1(y, siempre_negativo) == 0.0


# --- utilidades y entradas malas ---------------------------------------------------------


def test_clases_presentes_e_indices_con_tabla_y_con_busqueda():
    rng = np.random.default_rng(11)
    for _ in range(50):
        desplazamiento = int(rng.choice([-5, 0, 10**12]))  # negativos y un rango enorme (sin tabla)
        a = rng.integers(0, 6, 30) + desplazamiento
        b = rng.integers(2, 9, 30) + desplazamiento
        clases = clases_presentes(a, b)
        np.testing.assert_array_equal(clases, np.union1d(a, b))
        np.testing.assert_array_equal(clases[indices_de_clase(a, clases)], a)
        otras = rng.permutation(clases)[:3]
        esperado = np.array([list(otras).index(v) if v in otras else -1 for v in a])
        np.testing.assert_array_equal(indices_de_clase(a, otras), esperado)
    np.testing.assert_array_equal(clases_presentes(np.array(["b", "a"]), np.array(["c"])), ["a", "b", "c"])


def test_dividir_seguro_y_etiquetas():
    np.testing.assert_allclose(_sin_avisos(dividir_seguro, [1, 2, 0], [2, 0, 0], 0.5), [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(como_etiquetas([1.0, 2.0, 0.0]), [1, 2, 0])
    assert como_etiquetas([True, False]).dtype == np.int64
    np.testing.assert_array_equal(indices_de_clase(np.array([5, 3, 9]), np.array([9, 5])), [1, -1, 0])
    iv, ip, clases = preparar_etiquetas([3, 1], [1, 1])
    np.testing.assert_array_equal(clases, [1, 3])
    np.testing.assert_array_equal(iv, [1, 0])


@pytest.mark.parametrize(
    "llamada, tipo, mensaje",
    [
        (lambda: matriz_confusion([0, 1], [0, 1, 1]), ValueError, "una predicción por ejemplo"),
        (lambda: matriz_confusion([], []), ValueError, "no hay ejemplos"),
        (lambda: matriz_confusion([0, 1], [0.2, 0.9]), ValueError, "enteros o textos"),
        (lambda: matriz_confusion([0, 1], [[0.2, 0.8], [0.9, 0.1]]), ValueError, "argmax"),
        (lambda: matriz_confusion(np.zeros((3, 1)), [0, 1, 1]), ValueError, r"ravel"),
        (lambda: matriz_confusion(["a", "b"], [0, 1]), TypeError, "mismo tipo"),
        (lambda: matriz_confusion([0, 1], [0, 1], clases=[0, 0, 1]), ValueError, "repetidas"),
        (lambda: matriz_confusion([0, 1], [0, 1], normalizar="true"), ValueError, "normalizar"),
        (lambda: precision([0, 1, 2], [0, 1, 2]), ValueError, "necesita dos clases"),
        (lambda: precision([0, 2], [0, 2]), ValueError, "etiqueta_positiva=1 no es una de las clases"),
        (lambda: precision([0, 1], [0, 1], promedio="weighted"), ValueError, "promedio debe ser"),
        (
            lambda: precision([0, 1], [0, 1], division_cero=2),
            ValueError,
            r"division_cero debe estar en \[0, 1\]",
        ),
        (
            lambda: precision([0, 1], [0, 1], division_cero="warn"),
            TypeError,
            "division_cero debe ser un número",
        ),
        (lambda: f_beta([0, 1], [0, 1], -1.0), ValueError, "beta debe ser ≥ 0"),
        (lambda: exactitud([0, np.nan], [0, 1]), ValueError, "NaN"),
    ],
)
def test_entradas_malas_dan_errores_claros(llamada, tipo, mensaje):
    with pytest.raises(tipo, match=mensaje):
        llamada()


def test_sin_bucles_es_rapido_con_muchos_ejemplos():
    rng = np.random.default_rng(10)
    y_v, y_p = rng.integers(0, 10, 200_000), rng.integers(0, 10, 200_000)
    np.testing.assert_array_equal(matriz_confusion(y_v, y_p), skm.confusion_matrix(y_v, y_p))
    np.testing.assert_allclose(
        precision_sensibilidad_f(y_v, y_p, promedio="macro")[:3],
        skm.precision_recall_fscore_support(y_v, y_p, average="macro")[:3],
    )
