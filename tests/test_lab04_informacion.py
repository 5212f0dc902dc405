"""Pruebas del Lab04: etiquetas (one-hot, validación), exactitud y teoría de la información
(entropía, entropía cruzada entre distribuciones y divergencia KL) frente a PyTorch y SciPy."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.stats import entropy as entropia_scipy
from sklearn.metrics import accuracy_score

from Lab04_Funciones_Perdida.codigo import (
    EntropiaCruzada,
    a_one_hot,
    comprobar_probabilidades,
    divergencia_kl,
    entropia,
    entropia_cruzada_distribuciones,
    exactitud_salidas,
    validar_etiquetas,
)
from Lab05_Backpropagation.codigo import error_relativo

# --- a_one_hot y validar_etiquetas -----------------------------------------------------------


@pytest.mark.parametrize("n, c", [(1, 1), (5, 3), (20, 10)])
def test_a_one_hot_igual_que_torch(n, c):
    y = np.random.default_rng(0).integers(0, c, size=n)
    esperado = F.one_hot(torch.tensor(y), c).numpy()
    obtenido = a_one_hot(y, c)
    assert obtenido.dtype == np.float64
    np.testing.assert_array_equal(obtenido, esperado)


def test_a_one_hot_acepta_listas_y_reales_enteros():
    np.testing.assert_array_equal(a_one_hot([2.0, 0.0], 3), [[0, 0, 1], [1, 0, 0]])


@pytest.mark.parametrize(
    "y, n_clases, mensaje",
    [
        ([0, 3], 3, r"etiqueta fuera de rango en y\[1\] = 3: con 3 clases .*\[0, 3\)"),
        ([-1], 3, r"fuera de rango en y\[0\] = -1"),
        ([0.5, 1], 3, r"números enteros.*posición 0 hay 0.5"),
        ([[0], [1]], 3, r"\(N,\).*se recibió \(2, 1\).*ravel"),
        ([0, 1], 0, "n_clases debe ser un entero positivo"),
        ([0, 1], 2.0, "n_clases debe ser un entero positivo"),
    ],
)
def test_a_one_hot_errores(y, n_clases, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        a_one_hot(y, n_clases)


def test_validar_etiquetas_devuelve_enteros():
    salida = validar_etiquetas(np.array([1.0, 0.0, 2.0]), 3)
    assert salida.dtype == np.int64
    np.testing.assert_array_equal(salida, [1, 0, 2])
    np.testing.assert_array_equal(validar_etiquetas(np.array([True, False]), 2), [1, 0])


def test_comprobar_probabilidades():
    comprobar_probabilidades(np.array([[0.2, 0.8], [1.0, 0.0]]), "p", eje=1)  # no lanza
    comprobar_probabilidades(np.array([0.0, 1.0, 0.3]), "p")  # sin eje: sólo el rango
    with pytest.raises(ValueError, match=r"p debe contener probabilidades en \[0, 1\].*-0.1 y 1"):
        comprobar_probabilidades(np.array([-0.1, 1.0]), "p")
    with pytest.raises(
        ValueError,
        match="cada fila de p debe ser una distribución que sume 1; hay una que suma 0.9",
    ):
        comprobar_probabilidades(np.array([[0.5, 0.4]]), "p", eje=1)


# --- exactitud ---------------------------------------------------------------------------------


def test_exactitud_con_logits_probabilidades_y_etiquetas():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(50, 4))
    y = rng.integers(0, 4, size=50)
    esperado = accuracy_score(y, logits.argmax(1))
    assert exactitud_salidas(logits, y) == pytest.approx(esperado)
    probabilidades = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    assert exactitud_salidas(probabilidades, y) == pytest.approx(esperado)
    assert exactitud_salidas(logits, np.eye(4)[y]) == pytest.approx(esperado)  # objetivo one-hot
    assert exactitud_salidas(logits.argmax(1), y) == pytest.approx(esperado)  # ya son etiquetas


def test_exactitud_binaria_con_umbral():
    p = np.array([0.9, 0.4, 0.6, 0.1])
    y = np.array([1, 0, 0, 0])
    assert exactitud_salidas(p, y) == 0.75
    assert exactitud_salidas(p.reshape(-1, 1), y.reshape(-1, 1)) == 0.75
    logits = np.array([2.0, -0.5, 0.3, -3.0])
    assert exactitud_salidas(logits, y, umbral=0.0) == 0.75
    assert exactitud_salidas(p, y.astype(float)) == 0.75


def test_exactitud_errores():
    with pytest.raises(ValueError, match="prediccion tiene 3 ejemplos pero objetivo tiene 2"):
        exactitud_salidas(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="números enteros"):
        exactitud_salidas(np.zeros((2, 2)), [0.5, 1])
    with pytest.raises(ValueError, match="vacío"):
        exactitud_salidas(np.zeros((0, 2)), np.zeros(0, dtype=int))


def test_misma_exactitud_distinta_perdida():
    # Los dos modelos aciertan los mismos 3 de 4 ejemplos; el segundo está más seguro
    y = np.array([0, 1, 1, 0])
    dudoso = np.array([[0.55, 0.45], [0.45, 0.55], [0.4, 0.6], [0.45, 0.55]])
    seguro = np.array([[0.95, 0.05], [0.05, 0.95], [0.1, 0.9], [0.45, 0.55]])
    assert exactitud_salidas(dudoso, y) == exactitud_salidas(seguro, y) == 0.75
    ce = EntropiaCruzada(desde_logits=False)
    assert ce(seguro, y) < ce(dudoso, y)


# --- entropía, entropía cruzada, KL ----------------------------------------------------------


def distribuciones(rng, *forma):
    x = rng.gamma(1.0, size=forma)
    return x / x.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("forma", [(3,), (5, 4), (2, 3, 6)])
def test_entropia_igual_que_torch_y_scipy(forma):
    p = distribuciones(np.random.default_rng(2), *forma)
    esperado = torch.distributions.Categorical(probs=torch.tensor(p)).entropy().numpy()
    obtenido = entropia(p)
    assert error_relativo(np.asarray(obtenido), esperado) <= 1e-10
    assert error_relativo(np.asarray(entropia(p, base=2)), entropia_scipy(p, base=2, axis=-1)) <= 1e-10


@pytest.mark.parametrize("forma", [(3,), (5, 4), (2, 3, 6)])
def test_kl_igual_que_torch(forma):
    rng = np.random.default_rng(3)
    p, q = distribuciones(rng, *forma), distribuciones(rng, *forma)
    esperado = F.kl_div(torch.log(torch.tensor(q)), torch.tensor(p), reduction="none").sum(-1).numpy()
    assert error_relativo(np.asarray(divergencia_kl(p, q)), esperado) <= 1e-10


def test_entropia_cruzada_es_entropia_mas_kl_y_coincide_con_la_perdida():
    rng = np.random.default_rng(4)
    p, q = distribuciones(rng, 6, 5), distribuciones(rng, 6, 5)
    np.testing.assert_allclose(
        entropia_cruzada_distribuciones(p, q), entropia(p) + divergencia_kl(p, q), rtol=1e-12
    )
    # la pérdida EntropiaCruzada con objetivo suave p es la media de H(p, q)
    perdida = EntropiaCruzada(desde_logits=False)(q, p)
    assert perdida == pytest.approx(np.mean(entropia_cruzada_distribuciones(p, q)), rel=1e-12)


def test_valores_conocidos():
    assert entropia([0.5, 0.5], base=2) == pytest.approx(1.0)  # una moneda: 1 bit
    assert entropia([1.0, 0.0, 0.0]) == 0.0  # certeza: 0 (con 0·log 0 = 0)
    assert entropia(np.full(8, 1 / 8), base=2) == pytest.approx(3.0)
    assert divergencia_kl([0.3, 0.7], [0.3, 0.7]) == 0.0
    assert divergencia_kl([0.5, 0.5], [0.9, 0.1]) == pytest.approx(
        0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(0.5 / 0.1)
    )
    assert isinstance(entropia([0.5, 0.5]), float)


def test_kl_no_es_simetrica():
    p, q = [0.5, 0.5], [0.9, 0.1]
    assert divergencia_kl(p, q) != pytest.approx(divergencia_kl(q, p))


def test_ceros_sin_avisos_e_infinito_cuando_corresponde():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            assert entropia([0.0, 1.0]) == 0.0
            assert entropia_cruzada_distribuciones([1.0, 0.0], [0.0, 1.0]) == np.inf
            assert divergencia_kl([1.0, 0.0], [0.0, 1.0]) == np.inf
            assert divergencia_kl([0.0, 1.0], [0.5, 0.5]) == pytest.approx(np.log(2))
            lote = divergencia_kl(np.array([[1.0, 0.0], [0.5, 0.5]]), np.array([[0.0, 1.0], [0.5, 0.5]]))
    np.testing.assert_array_equal(lote, [np.inf, 0.0])


@pytest.mark.parametrize(
    "funcion, argumentos, mensaje",
    [
        (entropia, ([0.5, 0.6],), "sume 1"),
        (entropia, ([-0.5, 1.5],), r"probabilidades en \[0, 1\]"),
        (entropia, ([],), "al menos un valor"),
        (entropia, (0.5,), "al menos un valor"),
        (
            divergencia_kl,
            ([0.5, 0.5], [0.2, 0.3, 0.5]),
            r"p y q deben tener la misma forma.*\(2,\).*\(3,\)",
        ),
        (
            entropia_cruzada_distribuciones,
            ([0.5, 0.5], [1.2, -0.2]),
            r"q debe contener probabilidades",
        ),
    ],
)
def test_errores_de_teoria_de_la_informacion(funcion, argumentos, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        funcion(*argumentos)


def test_eje_y_base_no_validos():
    with pytest.raises(ValueError, match="eje=2 no existe en p"):
        entropia(np.full((2, 2), 0.5), eje=2)
    with pytest.raises(ValueError, match="base debe ser un número positivo distinto de 1"):
        entropia([0.5, 0.5], base=1)
    with pytest.raises(ValueError, match="base debe ser"):
        entropia([0.5, 0.5], base="2")


def test_entropia_a_lo_largo_de_otro_eje():
    p = distribuciones(np.random.default_rng(5), 4, 3)
    np.testing.assert_allclose(entropia(p.T, eje=0), entropia(p), rtol=1e-12)
