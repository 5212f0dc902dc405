"""Pruebas del Lab04: paisajes de pérdida, ajuste de una recta, datos de un rasgo y gráficos.

(Las autocomprobaciones de los ejercicios se prueban en ``test_lab04_ejercicios.py``.)"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from Lab04_Funciones_Perdida.codigo import (  # noqa: E402
    EntropiaCruzada,
    EntropiaCruzadaBinaria,
    ErrorAbsolutoMedio,
    ErrorCuadraticoMedio,
    Huber,
    ajustar_recta,
    barrido_exactitud_perdida,
    datos_cancer_1d,
    datos_diabetes_1d,
    estandarizar,
    graficar_exactitud_perdida,
    graficar_perdidas_residuo,
    graficar_superficie,
    perdidas_por_residuo,
    superficie_perdida,
)

# --- perdidas_por_residuo ------------------------------------------------------------------


def test_perdidas_por_residuo_valores_y_derivadas():
    r = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    curvas = perdidas_por_residuo(r, delta=1.0)
    assert list(curvas) == ["MSE", "MAE", "Huber (δ=1)"]
    np.testing.assert_allclose(curvas["MSE"][0], r**2)
    np.testing.assert_allclose(curvas["MSE"][1], 2 * r)
    np.testing.assert_allclose(curvas["MAE"][0], np.abs(r))
    np.testing.assert_allclose(curvas["MAE"][1], np.sign(r))
    np.testing.assert_allclose(curvas["Huber (δ=1)"][0], [2.5, 0.125, 0.0, 0.125, 2.5])
    np.testing.assert_allclose(curvas["Huber (δ=1)"][1], [-1.0, -0.5, 0.0, 0.5, 1.0])


def test_perdidas_por_residuo_exige_un_vector():
    with pytest.raises(ValueError, match="residuos"):
        perdidas_por_residuo(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="delta debe ser un número positivo"):
        perdidas_por_residuo(np.zeros(3), delta="1")


# --- superficie_perdida ----------------------------------------------------------------------


def test_superficie_coincide_con_un_bucle():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=30), rng.normal(size=30)
    pesos, sesgos = np.linspace(-1, 2, 4), np.linspace(-1, 1, 3)
    for perdida in (ErrorCuadraticoMedio(), ErrorAbsolutoMedio(), Huber(0.5)):
        Z = superficie_perdida(x, y, pesos, sesgos, perdida)
        assert Z.shape == (3, 4)
        for i, b in enumerate(sesgos):
            for j, w in enumerate(pesos):
                assert Z[i, j] == pytest.approx(perdida(w * x + b, y), rel=1e-12)


def test_superficie_mse_tiene_el_minimo_en_minimos_cuadrados():
    x, y = datos_diabetes_1d()
    w, b = np.polyfit(x, y, 1)
    pesos, sesgos = np.linspace(w - 0.5, w + 0.5, 11), np.linspace(b - 0.5, b + 0.5, 11)
    Z = superficie_perdida(x, y, pesos, sesgos, ErrorCuadraticoMedio())
    assert np.unravel_index(np.argmin(Z), Z.shape) == (5, 5)


def test_superficie_errores():
    x = np.zeros(5)
    with pytest.raises(TypeError, match="no EntropiaCruzada"):
        superficie_perdida(x, x, [0.0], [0.0], EntropiaCruzada())
    with pytest.raises(TypeError, match="se esperaba una Perdida"):
        superficie_perdida(x, x, [0.0], [0.0], "mse")
    with pytest.raises(ValueError, match=r"se esperaba y de forma \(5,\), se recibió \(4,\)"):
        superficie_perdida(x, np.zeros(4), [0.0], [0.0], ErrorCuadraticoMedio())


# --- ajustar_recta ---------------------------------------------------------------------------


def test_ajustar_recta_con_mse_llega_a_minimos_cuadrados():
    x, y = datos_diabetes_1d()
    resultado = ajustar_recta(x, y, ErrorCuadraticoMedio(), tasa_aprendizaje=0.2, pasos=100)
    w, b = np.polyfit(x, y, 1)
    assert resultado["w"] == pytest.approx(w, abs=1e-6)
    assert resultado["b"] == pytest.approx(b, abs=1e-6)
    assert resultado["historial"].shape == (101,)
    assert resultado["camino"].shape == (101, 2)
    assert np.all(np.diff(resultado["historial"]) <= 1e-15)  # la pérdida nunca sube


def test_mae_y_huber_resisten_los_valores_atipicos():
    x, y = datos_diabetes_1d()
    verdadero = ajustar_recta(x, y, ErrorCuadraticoMedio(), pasos=200)["w"]
    y_atipico = y.copy()
    y_atipico[np.argsort(x)[-15:]] = -6.0  # 15 pacientes con valores imposibles
    pendientes = {
        nombre: ajustar_recta(x, y_atipico, perdida, pasos=500)["w"]
        for nombre, perdida in (
            ("mse", ErrorCuadraticoMedio()),
            ("mae", ErrorAbsolutoMedio()),
            ("huber", Huber(1.0)),
        )
    }
    error = {k: abs(v - verdadero) for k, v in pendientes.items()}
    assert error["mae"] < error["mse"] / 3 and error["huber"] < error["mse"] / 3


def test_ajustar_recta_con_entropia_cruzada_binaria():
    x, y = datos_cancer_1d()
    resultado = ajustar_recta(x, y, EntropiaCruzadaBinaria(desde_logits=True), 1.0, 300)
    assert resultado["w"] < 0  # radio grande → maligno (0)
    assert resultado["historial"][-1] < resultado["historial"][0]


@pytest.mark.parametrize(
    "argumentos, mensaje",
    [
        ({"pasos": -1}, "pasos debe ser un entero mayor o igual que 0"),
        ({"pasos": 2.5}, "pasos debe ser un entero"),
        ({"tasa_aprendizaje": 0.0}, "la tasa de aprendizaje debe ser positiva"),
        ({"tasa_aprendizaje": "0.1"}, "la tasa de aprendizaje debe ser positiva"),
        ({"w": "1"}, "w y b iniciales deben ser números reales finitos"),
        ({"b": float("nan")}, "w y b iniciales"),
    ],
)
def test_ajustar_recta_errores(argumentos, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        ajustar_recta(np.zeros(3), np.zeros(3), ErrorCuadraticoMedio(), **argumentos)


# --- barrido_exactitud_perdida -----------------------------------------------------------------


def test_barrido_exactitud_perdida_coincide_con_el_calculo_directo():
    x, y = datos_cancer_1d()
    pesos = np.array([-3.0, -1.0, 0.5])
    exactitudes, perdidas = barrido_exactitud_perdida(x, y, pesos, sesgo=0.4)
    for k, w in enumerate(pesos):
        z = w * x + 0.4
        assert exactitudes[k] == pytest.approx(np.mean((z >= 0) == (y == 1)))
        assert perdidas[k] == pytest.approx(EntropiaCruzadaBinaria(True)(z, y), rel=1e-12)


def test_la_exactitud_es_plana_donde_la_perdida_cambia():
    x, y = datos_cancer_1d()
    exactitudes, perdidas = barrido_exactitud_perdida(x, y, np.linspace(-6, -0.5, 12), sesgo=0.0)
    assert np.ptp(exactitudes) == 0.0  # con sesgo 0 la frontera no se mueve: exactitud constante
    assert np.ptp(perdidas) > 0.05  # pero la pérdida sí distingue unos pesos de otros


# --- datos -------------------------------------------------------------------------------------


def test_datos_un_rasgo():
    x, y = datos_diabetes_1d()
    assert x.shape == y.shape == (442,)
    assert abs(x.mean()) < 1e-12 and x.std() == pytest.approx(1.0)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(0.5865, abs=1e-4)
    xc, yc = datos_cancer_1d("mean texture")
    assert xc.shape == yc.shape == (569,) and yc.dtype == np.int64
    assert set(np.unique(yc)) == {0, 1}
    with pytest.raises(ValueError, match="rasgo desconocido para diabetes: 'peso'"):
        datos_diabetes_1d("peso")
    with pytest.raises(ValueError, match="rasgo constante"):
        estandarizar(np.ones(4))


# --- gráficos ----------------------------------------------------------------------------------


def test_graficos_se_dibujan():
    fig = graficar_perdidas_residuo()
    assert len(fig.axes) == 2 and len(fig.axes[0].lines) >= 3
    plt.close(fig)
    pesos, sesgos = np.linspace(-1, 1, 5), np.linspace(-1, 1, 4)
    Z = np.add.outer(sesgos**2, pesos**2)
    fig, ax = plt.subplots()
    graficar_superficie(pesos, sesgos, Z, ax=ax, titulo="prueba", camino=np.zeros((3, 2)))
    assert ax.get_title() == "prueba"
    plt.close(fig)
    fig, ax = plt.subplots()
    graficar_exactitud_perdida(pesos, np.linspace(0, 1, 5), np.linspace(1, 0, 5), ax=ax)
    assert ax.get_ylabel() == "exactitud"
    plt.close(fig)
