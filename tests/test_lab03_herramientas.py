"""Pruebas del Lab03: redes lineales que colapsan, gradientes por capa, ReLU muertas,
comparación con PyTorch y gráficos (los ejercicios, en test_lab03_ejercicios.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from Lab02_Primera_Red_Neuronal.codigo import CapaDensa, Secuencial, generar_circulos  # noqa: E402
from Lab03_Funciones_Activacion.codigo import (  # noqa: E402
    INICIALIZACION_RECOMENDADA,
    PREACTIVACIONES_EJERCICIO,
    Identidad,
    ReLU,
    Sigmoide,
    Softmax,
    Tanh,
    colapsar_red_lineal,
    comparar_con_pytorch,
    comparar_desvanecimiento,
    diferencia_relativa,
    entrenar_clasificador_binario,
    equivalente_pytorch,
    fraccion_neuronas_muertas,
    graficar_activaciones,
    graficar_entrenamientos,
    graficar_funcion_y_derivada,
    graficar_normas_gradiente,
    graficar_softmax_temperatura,
    neuronas_muertas_por_capa,
    normas_gradiente_por_capa,
    red_densa,
    softmax,
    tabla_comparacion_pytorch,
)


# --- red_densa ----------------------------------------------------------------------------
def test_red_densa_estructura():
    red = red_densa([2, 8, 8, 3], "tanh", "softmax", inicializacion="xavier", sesgo_inicial=0.5, semilla=1)
    tipos = [type(c).__name__ for c in red]
    assert tipos == ["CapaDensa", "Tanh", "CapaDensa", "Tanh", "CapaDensa", "Softmax"]
    assert red[1] is not red[3]  # una activación nueva en cada posición
    assert all(np.all(c.b.datos == 0.5) for c in red if isinstance(c, CapaDensa))
    assert red.forward(np.ones((4, 2))).shape == (4, 3)
    sin_salida = red_densa([3, 5, 1], "leaky_relu", pendiente=0.2)
    assert [type(c).__name__ for c in sin_salida] == ["CapaDensa", "LeakyReLU", "CapaDensa"]
    assert sin_salida[1].pendiente == 0.2
    misma_semilla = [red_densa([2, 3], semilla=7)[0].W.datos for _ in range(2)]
    np.testing.assert_array_equal(*misma_semilla)


def test_red_densa_errores():
    with pytest.raises(ValueError, match="al menos dos enteros positivos"):
        red_densa([3])
    with pytest.raises(ValueError, match="al menos dos enteros positivos"):
        red_densa([3, 0, 1])
    for sesgo in (float("inf"), "0.5"):
        with pytest.raises(ValueError, match="sesgo_inicial"):
            red_densa([3, 1], sesgo_inicial=sesgo)
    with pytest.raises(ValueError, match="activación desconocida"):
        red_densa([3, 4, 1], "sigmoid")


# --- una red lineal colapsa -----------------------------------------------------------------
def test_colapsar_red_lineal_da_la_misma_funcion():
    rng = np.random.default_rng(0)
    red = red_densa([4, 7, 5, 6, 2], "identidad", semilla=rng)
    for capa in red:
        if isinstance(capa, CapaDensa):
            capa.b.datos = rng.normal(size=capa.b.datos.shape)
    W, b = colapsar_red_lineal(red)
    assert W.shape == (4, 2) and b.shape == (2,)
    x = rng.normal(size=(10, 4))
    np.testing.assert_allclose(red.forward(x), x @ W + b, rtol=1e-12, atol=1e-12)
    densas = [c for c in red if isinstance(c, CapaDensa)]
    producto = densas[0].W.datos @ densas[1].W.datos @ densas[2].W.datos @ densas[3].W.datos
    np.testing.assert_allclose(W, producto)
    # también con una lista de capas y capas sin sesgo
    sin_sesgo = CapaDensa(2, 3, sesgo=False, semilla=1)
    W2, b2 = colapsar_red_lineal([sin_sesgo, Identidad()])
    np.testing.assert_array_equal(W2, sin_sesgo.W.datos)
    np.testing.assert_array_equal(b2, np.zeros(3))


def test_colapsar_red_no_lineal_falla():
    with pytest.raises(ValueError, match=r"la capa 1 \(ReLU\(\)\) no es lineal"):
        colapsar_red_lineal(red_densa([2, 3, 1], "relu"))
    with pytest.raises(ValueError, match="ninguna CapaDensa"):
        colapsar_red_lineal(Secuencial(Identidad()))
    with pytest.raises(ValueError, match="espera 4 entradas pero la anterior da 3"):
        colapsar_red_lineal([CapaDensa(2, 3), CapaDensa(4, 1)])


def test_con_no_linealidad_no_existe_la_matriz_equivalente():
    """Con tanh en medio, ningún x @ W + b reproduce la red (mínimos cuadrados lo confirma)."""
    rng = np.random.default_rng(1)
    red = red_densa([2, 16, 1], "tanh", inicializacion="xavier", semilla=2)
    x = rng.normal(scale=2.0, size=(200, 2))
    y = red.forward(x)
    A = np.column_stack([x, np.ones(len(x))])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    assert np.max(np.abs(A @ coef - y)) > 1e-2


# --- gradientes por capa --------------------------------------------------------------------
def test_normas_gradiente_por_capa_igual_que_pytorch():
    rng = np.random.default_rng(3)
    red = red_densa([5, 6, 6, 6, 4], "sigmoide", "sigmoide", inicializacion="xavier", semilla=4)
    x, g = rng.normal(size=(9, 5)), rng.normal(size=(9, 4))
    normas = normas_gradiente_por_capa(red, x, g)

    pesos = [torch.tensor(c.W.datos, requires_grad=True) for c in red if isinstance(c, CapaDensa)]
    sesgos = [torch.tensor(c.b.datos) for c in red if isinstance(c, CapaDensa)]
    h = torch.tensor(x)
    for W, b in zip(pesos, sesgos):
        h = torch.sigmoid(h @ W + b)
    (h * torch.tensor(g)).sum().backward()
    esperadas = np.array([float(torch.linalg.norm(W.grad)) for W in pesos])
    np.testing.assert_allclose(normas, esperadas, rtol=1e-10)
    # sin grad_salida: ruido reproducible con la semilla
    repetidas = [normas_gradiente_por_capa(red, x, semilla=5) for _ in range(2)]
    np.testing.assert_array_equal(*repetidas)


def test_normas_gradiente_errores():
    red = red_densa([3, 4, 2], "relu")
    with pytest.raises(TypeError, match="Secuencial"):
        normas_gradiente_por_capa([CapaDensa(3, 2)], np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"se esperaba grad_salida de forma \(5, 2\)"):
        normas_gradiente_por_capa(red, np.ones((5, 3)), np.ones((5, 3)))
    with pytest.raises(ValueError, match="2 eje"):
        normas_gradiente_por_capa(red, np.ones(3))


def test_sigmoide_desvanece_el_gradiente_y_relu_no():
    r = comparar_desvanecimiento(("sigmoide", "tanh", "ReLU"), n_capas=20, ancho=32, n=64)
    assert set(r) == {"sigmoide", "tanh", "ReLU"}
    assert all(v.shape == (20,) for v in r.values())
    assert r["sigmoide"][0] < 1e-6 * r["sigmoide"][-1]  # más de seis órdenes de magnitud
    for nombre in ("tanh", "ReLU"):
        assert 0.1 < r[nombre][0] / r[nombre][-1] < 10  # se mantiene del mismo orden
    assert INICIALIZACION_RECOMENDADA["relu"] == "he" and INICIALIZACION_RECOMENDADA["tanh"] == "xavier"
    with pytest.raises(ValueError, match="n_capas"):
        comparar_desvanecimiento(n_capas=0)


# --- neuronas muertas -----------------------------------------------------------------------
def test_fraccion_neuronas_muertas():
    assert fraccion_neuronas_muertas(PREACTIVACIONES_EJERCICIO) == 0.5
    assert fraccion_neuronas_muertas(np.array([[1.0, -1.0], [-1.0, -1.0]])) == 0.5
    assert fraccion_neuronas_muertas(np.ones((3, 4))) == 0.0
    with pytest.raises(ValueError, match="2 eje"):
        fraccion_neuronas_muertas(np.ones(3))
    with pytest.raises(ValueError, match="vacío"):
        fraccion_neuronas_muertas(np.ones((0, 3)))


def test_neuronas_muertas_por_capa_con_sesgo_malo():
    x = np.random.default_rng(6).normal(size=(100, 2))
    assert neuronas_muertas_por_capa(red_densa([2, 20, 20, 1], "relu", sesgo_inicial=-100.0), x) == [1.0, 1.0]
    vivas = neuronas_muertas_por_capa(red_densa([2, 20, 1], "relu", semilla=0), x)
    assert len(vivas) == 1 and vivas[0] < 0.2
    with pytest.raises(TypeError, match="Secuencial"):
        neuronas_muertas_por_capa(ReLU(), x)


def test_entrenar_clasificador_un_paso_igual_que_pytorch():
    X, y = generar_circulos(60, semilla=0)
    h = entrenar_clasificador_binario(X, y, "relu", n_ocultas=7, tasa_aprendizaje=0.3, n_pasos=1, semilla=3)
    inicial = red_densa([2, 7, 1], "relu", semilla=3)
    params = [torch.tensor(p.datos, requires_grad=True) for p in inicial.parameters()]
    W1, b1, W2, b2 = params
    z = (torch.relu(torch.tensor(X) @ W1 + b1) @ W2 + b2)[:, 0]
    perdida = F.binary_cross_entropy_with_logits(z, torch.tensor(y, dtype=torch.float64))
    perdida.backward()
    assert h["perdida"][0] == pytest.approx(float(perdida.detach()), rel=1e-12)
    for nuestro, p in zip(h["modelo"].parameters(), params):
        np.testing.assert_allclose(nuestro.datos, (p - 0.3 * p.grad).detach().numpy(), rtol=1e-10, atol=1e-14)


def test_tasa_grande_mata_las_relu_y_elu_se_recupera():
    X, y = generar_circulos(200, semilla=0)
    buena = entrenar_clasificador_binario(X, y, "relu", tasa_aprendizaje=1.0, n_pasos=300)
    assert buena["muertas"][-1] == 0.0 and buena["exactitud"][-1] >= 0.95
    assert buena["perdida"][-1] < buena["perdida"][0]
    grande = entrenar_clasificador_binario(X, y, "relu", tasa_aprendizaje=10.0, n_pasos=50)
    assert grande["muertas"][0] == 0.0 and np.all(grande["muertas"][5:] == 1.0)  # mueren enseguida
    assert grande["exactitud"][-1] == 0.5  # y la red ya no aprende nada
    sesgo = entrenar_clasificador_binario(X, y, "relu", sesgo_inicial=-3.0, n_pasos=50)
    assert np.all(sesgo["muertas"] == 1.0)
    elu = entrenar_clasificador_binario(X, y, "elu", sesgo_inicial=-3.0, n_pasos=300)
    assert elu["muertas"][-1] < 1.0 and elu["exactitud"][-1] >= 0.95


def test_entrenar_clasificador_errores():
    X, y = generar_circulos(20, semilla=0)
    with pytest.raises(ValueError, match="sólo 0 y 1"):
        entrenar_clasificador_binario(X, y * 2)
    with pytest.raises(ValueError, match="20 ejemplos pero y tiene 19"):
        entrenar_clasificador_binario(X, y[:-1])
    for tasa in (0, float("inf"), "1"):
        with pytest.raises(ValueError, match="tasa_aprendizaje"):
            entrenar_clasificador_binario(X, y, tasa_aprendizaje=tasa)
    with pytest.raises(ValueError, match="n_pasos"):
        entrenar_clasificador_binario(X, y, n_pasos=0)


# --- comparación con PyTorch ------------------------------------------------------------------
def test_tabla_comparacion_pytorch():
    filas = tabla_comparacion_pytorch()
    assert len(filas) == 10
    assert {f["capa"] for f in filas} >= {"ReLU()", "Softmax(eje=-1)", "GELU(aproximacion='tanh')"}
    for fila in filas:
        assert fila["forward"] <= 1e-10 and fila["backward"] <= 1e-10, fila


def test_comparar_con_pytorch_detecta_errores():
    class TanhMal(Tanh):
        def _derivada(self, x, y):
            return 1.0 - y  # debería ser 1 − y²

    x = np.random.default_rng(7).normal(size=(4, 3))
    assert comparar_con_pytorch(Tanh(), x)["backward"] <= 1e-10
    assert comparar_con_pytorch(TanhMal(), x)["backward"] > 1e-2
    with pytest.raises(TypeError, match="no hay equivalente de PyTorch"):
        equivalente_pytorch(TanhMal.__mro__[-3]())  # CapaActivacion a secas


def test_diferencia_relativa():
    assert diferencia_relativa(np.zeros(3), np.zeros(3)) == 0.0
    assert diferencia_relativa(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert diferencia_relativa(np.array([1.0]), np.array([-1.0])) == 1.0
    assert diferencia_relativa(np.ones(0), np.ones(0)) == 0.0
    with pytest.raises(ValueError, match="formas distintas"):
        diferencia_relativa(np.ones(2), np.ones(3))


# --- gráficos ----------------------------------------------------------------------------------
def test_graficos_dibujan():
    fig = graficar_activaciones(["sigmoide", "relu", Tanh()], columnas=2)
    ejes = fig.axes
    assert len(ejes) == 4 and len(ejes[0].lines) == 4  # 2 ejes de referencia + f + f'
    assert ejes[0].get_title() == "Sigmoide()" and not ejes[3].axison
    plt.close(fig)
    fig, ax = plt.subplots()
    graficar_funcion_y_derivada(Sigmoide(), ax, rango=(-2, 2), n=11)
    np.testing.assert_allclose(ax.lines[3].get_ydata().max(), 0.25)  # máximo de σ'
    with pytest.raises(ValueError, match="no es elemento a elemento"):
        graficar_funcion_y_derivada(Softmax(), ax)
    graficar_normas_gradiente({"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0])}, ax)
    assert ax.get_yscale() == "log"
    plt.close(fig)
    historia = {"muertas": np.array([0.0, 1.0]), "exactitud": np.array([0.5, 0.5])}
    fig = graficar_entrenamientos({"x": historia, "y": historia})
    assert len(fig.axes) == 2 and len(fig.axes[0].lines) == 2
    plt.close(fig)
    fig = graficar_softmax_temperatura([1.0, 2.0, 3.0], (1.0, 2.0))
    assert len(fig.axes) == 2 and len(fig.axes[0].patches) == 3
    alturas = [p.get_height() for p in fig.axes[0].patches]
    np.testing.assert_allclose(alturas, softmax(np.array([1.0, 2.0, 3.0])))
    alturas_t2 = [p.get_height() for p in fig.axes[1].patches]  # T = 2: softmax(z / 2)
    np.testing.assert_allclose(alturas_t2, softmax(np.array([0.5, 1.0, 1.5])))
    plt.close(fig)
    for temperatura in (0.0, -1.0):
        with pytest.raises(ValueError, match="temperatura debe ser un número positivo"):
            graficar_softmax_temperatura([1.0, 2.0], (temperatura,))
