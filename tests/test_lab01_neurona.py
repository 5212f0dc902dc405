"""Pruebas del Lab01: neurona, perceptrón, validación y gráficos (ejercicios: test_lab01_ejercicios)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab01_Introduccion_Neuronas.codigo import (  # noqa: E402
    Neurona,
    Perceptron,
    capa_de_neuronas,
    como_arreglo,
    comprobar_forma,
    datos_compuerta,
    describir_forma,
    escalon,
    graficar_errores,
    graficar_frontera_decision,
    graficar_puntos,
    identidad,
    malla_2d,
    medir_tiempo,
    paso_perceptron,
    sigmoide,
    suma_ponderada,
    suma_ponderada_bucle,
)


# --- validación --------------------------------------------------------------------------
def test_como_arreglo_convierte_y_conserva_float32():
    assert como_arreglo([1, 2]).dtype == np.float64
    assert como_arreglo(np.ones(3, dtype=np.float32)).dtype == np.float32


@pytest.mark.parametrize(
    "valor, mensaje",
    [([1.0, np.nan], "NaN o infinitos"), (["a", "b"], "numérico"), ([1 + 2j], "real")],
)
def test_como_arreglo_rechaza_entradas_malas(valor, mensaje):
    with pytest.raises((ValueError, TypeError), match=mensaje):
        como_arreglo(valor)


def test_como_arreglo_comprueba_ejes():
    with pytest.raises(ValueError, match="se esperaba que x tuviera 2 eje"):
        como_arreglo(np.ones(3), ndim=2)


def test_comprobar_forma_mensaje_en_espanol():
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 3\), se recibió \(5, 4\)"):
        comprobar_forma(np.zeros((5, 4)), (None, 3), "x")
    comprobar_forma(np.zeros((5, 3)), (None, 3), "x")  # no lanza
    assert describir_forma((7,)) == "(7,)"


# --- activaciones sencillas ---------------------------------------------------------------
def test_escalon_identidad_sigmoide_contra_torch():
    z = np.random.default_rng(0).normal(scale=5, size=(6, 4))
    zt = torch.tensor(z)
    np.testing.assert_array_equal(escalon(z), (zt >= 0).double().numpy())
    np.testing.assert_array_equal(identidad(z), z)
    np.testing.assert_allclose(sigmoide(z), torch.sigmoid(zt).numpy(), rtol=1e-12, atol=0)


def test_sigmoide_estable_en_extremos():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoide(np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0]))
    assert np.all(np.isfinite(s))
    assert s[0] == 0.0 and s[2] == 0.5 and s[-1] == 1.0
    assert sigmoide(np.float32(3.0)).dtype == np.float32


# --- suma ponderada y neurona --------------------------------------------------------------
def test_suma_ponderada_bucle_igual_a_numpy_y_torch():
    rng = np.random.default_rng(1)
    x, w, b = rng.normal(size=50), rng.normal(size=50), 0.3
    esperado = torch.nn.functional.linear(
        torch.tensor(x), torch.tensor(w)[None], torch.tensor([b], dtype=torch.float64)
    )
    assert suma_ponderada_bucle(x.tolist(), w.tolist(), b) == pytest.approx(float(esperado), rel=1e-12)
    assert suma_ponderada(x, w, b) == pytest.approx(float(esperado), rel=1e-12)


def test_suma_ponderada_en_lote():
    rng = np.random.default_rng(2)
    X, w = rng.normal(size=(8, 3)), rng.normal(size=3)
    np.testing.assert_allclose(suma_ponderada(X, w, -1.0), X @ w - 1.0)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 3\), se recibió \(8, 2\)"):
        suma_ponderada(X[:, :2], w, 0.0)
    with pytest.raises(ValueError, match="misma longitud"):
        suma_ponderada_bucle([1, 2], [1], 0)


def test_neurona_and_y_un_solo_ejemplo():
    neurona = Neurona([1.0, 1.0], sesgo=-1.5)
    X, y = datos_compuerta("AND")
    np.testing.assert_array_equal(neurona.forward(X), y)
    assert neurona([1, 1]) == 1.0 and isinstance(neurona([0, 1]), float)
    assert neurona.suma([1, 1]) == pytest.approx(0.5)
    assert "Neurona(" in repr(neurona)


def test_neurona_con_activacion_propia_y_errores():
    neurona = Neurona([2.0], sesgo=1.0, activacion=np.tanh)
    assert neurona([0.5]) == pytest.approx(np.tanh(2.0))
    with pytest.raises(ValueError, match="activación desconocida"):
        Neurona([1.0], activacion="relu")
    with pytest.raises(ValueError, match="al menos un peso"):
        Neurona([])
    with pytest.raises(ValueError, match="sesgo"):
        Neurona([1.0], sesgo=float("nan"))
    with pytest.raises(TypeError):
        Neurona([1.0], activacion=3)
    with pytest.raises(TypeError, match="el sesgo debe ser un número"):
        Neurona([1.0], sesgo="0.5")


def test_capa_de_neuronas_igual_a_producto_matricial():
    rng = np.random.default_rng(3)
    W, b, X = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(10, 3))
    neuronas = [Neurona(W[:, j], b[j], "sigmoide") for j in range(4)]
    np.testing.assert_allclose(capa_de_neuronas(neuronas, X), sigmoide(X @ W + b), rtol=1e-12)
    assert capa_de_neuronas(neuronas, X[0]).shape == (4,)
    with pytest.raises(ValueError, match="mismo número de entradas"):
        capa_de_neuronas([Neurona([1.0]), Neurona([1.0, 2.0])], X)
    with pytest.raises(ValueError, match="al menos una neurona"):
        capa_de_neuronas([], X)


# --- perceptrón ----------------------------------------------------------------------------
@pytest.mark.parametrize("puerta", ["AND", "OR", "NAND", "NOR"])
def test_perceptron_aprende_puertas_separables(puerta):
    X, y = datos_compuerta(puerta)
    p = Perceptron(2, tasa_aprendizaje=0.1, semilla=0).fit(X, y, epocas=100)
    assert p.convergio and p.historial_errores[-1] == 0
    np.testing.assert_array_equal(p.predict(X), y)
    assert p.exactitud(X, y) == 1.0


def test_perceptron_no_puede_con_xor():
    X, y = datos_compuerta("XOR")
    for semilla in range(5):
        p = Perceptron(2, semilla=semilla).fit(X, y, epocas=200)
        assert not p.convergio
        assert p.exactitud(X, y) <= 0.75  # como mucho 3 de 4: ninguna recta acierta las cuatro


def test_perceptron_sigue_la_regla_de_rosenblatt():
    """Un paso a mano: con w=0, b=0 el ejemplo (1, 1) de clase 0 se predice 1 y se corrige."""
    p = Perceptron(2, tasa_aprendizaje=0.5, semilla=0)
    p.pesos[:] = 0.0
    p.fit(np.array([[1.0, 1.0]]), np.array([0.0]), epocas=1, barajar=False)
    np.testing.assert_allclose(p.pesos, [-0.5, -0.5])
    assert p.sesgo == -0.5 and p.historial_errores == [1]


def test_paso_perceptron_es_la_regla_de_rosenblatt():
    w, x = np.array([0.5, -1.0]), np.array([1.0, 2.0])          # z = −1.5 + b
    w_n, b_n = paso_perceptron(w, 0.0, x, 1.0, tasa=0.5)        # ŷ = 0, y = 1: sube
    np.testing.assert_allclose(w_n, [1.0, 0.0])
    assert b_n == 0.5 and w_n is not w and np.array_equal(w, [0.5, -1.0])  # no modifica w
    w_n, b_n = paso_perceptron(w, 0.0, x, 0.0, tasa=0.5)        # acierta: nada cambia
    np.testing.assert_array_equal(w_n, w)
    assert b_n == 0.0
    w_n, b_n = paso_perceptron(np.zeros(2), 0.0, x, 0.0, tasa=1.0)  # z = 0 → ŷ = 1: baja
    np.testing.assert_allclose(w_n, [-1.0, -2.0])
    assert b_n == -1.0
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(2,\)"):
        paso_perceptron(w, 0.0, np.ones(3), 1.0)
    with pytest.raises(ValueError, match="0 o 1"):
        paso_perceptron(w, 0.0, x, 2.0)
    with pytest.raises(ValueError, match="tasa de aprendizaje"):
        paso_perceptron(w, 0.0, x, 1.0, tasa=0)


def test_fit_repite_paso_perceptron():
    """Con el orden fijo, fit es paso_perceptron aplicado ejemplo a ejemplo."""
    X, y = datos_compuerta("NOR")
    p = Perceptron(2, tasa_aprendizaje=0.3, semilla=2)
    w, b = p.pesos.copy(), p.sesgo
    p.fit(X, y, epocas=1, barajar=False)
    for xi, yi in zip(X, y):
        w, b = paso_perceptron(w, b, xi, yi, 0.3)
    np.testing.assert_array_equal(p.pesos, w)
    assert p.sesgo == b


def test_perceptron_separa_datos_aleatorios_separables():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(200, 3))
    X = X[np.abs(X @ np.array([1.0, -2.0, 0.5]) + 0.3) > 0.2]  # margen
    y = (X @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0).astype(float)
    p = Perceptron(3, semilla=1).fit(X, y, epocas=500)
    assert p.convergio and p.exactitud(X, y) == 1.0


def test_perceptron_errores_claros():
    with pytest.raises(ValueError, match="n_entradas"):
        Perceptron(0)
    for tasa in (-1, 0, float("inf"), float("nan"), "0.1"):
        with pytest.raises(ValueError, match="tasa de aprendizaje"):
            Perceptron(2, tasa_aprendizaje=tasa)
    p = Perceptron(2, semilla=0)
    X, y = datos_compuerta("OR")
    with pytest.raises(ValueError, match=r"se esperaba X de forma \(N, 2\)"):
        p.fit(np.ones((4, 3)), y)
    with pytest.raises(ValueError, match="mismo número de ejemplos"):
        p.fit(X, y[:3])
    with pytest.raises(ValueError, match="0 o 1"):
        p.fit(X, y * 2)
    with pytest.raises(ValueError, match="epocas"):
        p.fit(X, y, epocas=0)
    with pytest.raises(ValueError, match="puerta lógica desconocida"):
        datos_compuerta("XNOR")
    p.fit(X, y)
    # una y de forma (N, 1) no debe compararse por broadcasting contra las N predicciones
    with pytest.raises(ValueError, match=r"se esperaba que y tuviera 1 eje"):
        p.exactitud(X, y[:, None])
    with pytest.raises(ValueError, match=r"se esperaba y de forma \(4,\), se recibió \(3,\)"):
        p.exactitud(X, y[:3])


# --- gráficos y tiempos --------------------------------------------------------------------
def test_graficos_dibujan_sin_errores():
    X, y = datos_compuerta("OR")
    p = Perceptron(2, semilla=0).fit(X, y)
    fig, ejes = plt.subplots(1, 3)
    graficar_frontera_decision(p.predict, X, y, ax=ejes[0], titulo="OR")
    graficar_frontera_decision(lambda P: np.column_stack([P[:, 0], P[:, 1], -P[:, 0]]), X, y, ax=ejes[1])
    graficar_errores(p.historial_errores, ax=ejes[2])
    assert ejes[0].get_title() == "OR" and len(ejes[2].lines) == 1
    assert len(ejes[0].collections) >= 2  # relleno + puntos
    plt.close(fig)
    with pytest.raises(ValueError, match="no enteros"):
        graficar_frontera_decision(lambda P: P[:, 0] * 0.3, X, y)
    with pytest.raises(ValueError, match="clases enteras"):
        graficar_frontera_decision(lambda P: P[:3, 0], X, y)
    plt.close("all")
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        graficar_puntos(np.ones((3, 3)), [0, 1, 0])
    with pytest.raises(ValueError, match="ejemplos"):
        graficar_puntos(np.ones((3, 2)), [0, 1])
    # el color de una clase no depende de qué otras clases haya: y = todo unos se pinta como la clase 1
    ax = graficar_puntos(X, np.ones(4))
    assert matplotlib.colors.to_hex(ax.collections[0].get_facecolors()[0]) == "#d62728"
    plt.close("all")
    xx, yy, puntos = malla_2d(X, resolucion=10, margen=1.0)
    assert xx.shape == (10, 10) and puntos.shape == (100, 2) and puntos.min() == -1.0


def test_medir_tiempo():
    assert medir_tiempo(lambda: sum(range(100)), repeticiones=3) > 0
    with pytest.raises(ValueError):
        medir_tiempo(lambda: None, repeticiones=0)
