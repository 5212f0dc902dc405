"""Pruebas del Lab02: Parametro/Capa, CapaDensa (contra PyTorch), inicialización, Secuencial y datos."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab01_Introduccion_Neuronas.codigo import datos_compuerta, escalon  # noqa: E402
from Lab02_Primera_Red_Neuronal.codigo import (  # noqa: E402
    METODOS_INICIALIZACION,
    Activacion,
    Capa,
    CapaDensa,
    Parametro,
    Secuencial,
    activaciones_por_capa,
    crear_generador,
    generar_circulos,
    generar_espirales,
    generar_lunas,
    generar_xor,
    graficar_histogramas,
    inicializar_pesos,
    raiz_segundo_momento,
    red_profunda,
    red_xor_manual,
)


# --- Parametro y Capa ----------------------------------------------------------------------
def test_parametro_y_capa_base():
    p = Parametro(np.ones((2, 3)), "W")
    assert p.forma == (2, 3) and p.size == 6 and np.all(p.grad == 0)
    p.grad += 5
    p.zero_grad()
    assert np.all(p.grad == 0) and "W" in repr(p)
    capa = Capa()
    assert capa.parameters() == [] and capa.num_parametros() == 0
    assert capa.eval().entrenando is False and capa.train().entrenando is True
    with pytest.raises(NotImplementedError):
        capa.forward(np.ones(2))
    with pytest.raises(NotImplementedError, match="Lab05"):
        capa.backward(np.ones(2))


# --- CapaDensa contra PyTorch ---------------------------------------------------------------
@pytest.mark.parametrize("n, f_in, f_out", [(1, 1, 1), (5, 3, 2), (64, 20, 7), (3, 100, 1)])
def test_capa_densa_igual_a_torch_linear(n, f_in, f_out):
    rng = np.random.default_rng(n + f_in + f_out)
    capa = CapaDensa(f_in, f_out, "xavier", semilla=rng)
    capa.b.datos = rng.normal(size=f_out)
    x = rng.normal(size=(n, f_in))
    esperado = torch.nn.functional.linear(
        torch.tensor(x), torch.tensor(capa.W.datos).T, torch.tensor(capa.b.datos)
    ).numpy()
    obtenido = capa.forward(x)
    assert obtenido.shape == (n, f_out)
    np.testing.assert_allclose(obtenido, esperado, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(capa.entrada, x)


def test_capa_densa_sin_sesgo_float32_y_parametros():
    capa = CapaDensa(4, 3, sesgo=False, semilla=0, dtype=np.float32)
    x = np.ones((2, 4), dtype=np.float32)
    assert capa.forward(x).dtype == np.float32
    assert capa.parameters() == [capa.W] and capa.num_parametros() == 12
    assert CapaDensa(4, 3).num_parametros() == 15
    assert "4 → 3" in repr(capa)


def test_capa_densa_errores_de_forma_claros():
    capa = CapaDensa(3, 2, semilla=0)
    mensaje = r"se esperaba la entrada de CapaDensa de forma \(N, 3\), se recibió \(5, 4\)"
    with pytest.raises(ValueError, match=mensaje):
        capa.forward(np.ones((5, 4)))
    with pytest.raises(ValueError, match="un lote de uno"):
        capa.forward(np.ones(3))
    with pytest.raises(ValueError, match="NaN"):
        capa.forward(np.array([[1.0, np.inf, 0.0]]))
    with pytest.raises(ValueError, match=r"se esperaba W de forma \(3, 2\)"):
        capa.fijar_pesos(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"se esperaba b de forma \(2,\)"):
        capa.fijar_pesos(np.ones((3, 2)), np.ones(3))
    with pytest.raises(ValueError, match="sesgo=False"):
        CapaDensa(3, 2, sesgo=False).fijar_pesos(np.ones((3, 2)), np.ones(2))


def test_fijar_pesos_copia():
    W = np.ones((2, 1))
    capa = CapaDensa(2, 1).fijar_pesos(W, [0.5])
    W[0, 0] = 99
    assert capa.W.datos[0, 0] == 1.0 and capa.b.datos[0] == 0.5
    capa32 = CapaDensa(2, 1, dtype=np.float32).fijar_pesos(W, [0.5])
    assert capa32.W.datos.dtype == np.float32 and capa32.b.datos.dtype == np.float32


def test_fijar_pesos_ejemplo_a_mano_de_la_teoria():
    """El ejemplo de la sección 2.3 de teoria.md, que el cuaderno repite."""
    capa = CapaDensa(3, 2).fijar_pesos([[1, -1], [0, 2], [2, 1]], [0.5, -1.0])
    X = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    np.testing.assert_array_equal(capa.forward(X), [[1.5, 2.0], [6.5, 0.0]])


# --- inicialización ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "metodo, desviacion",
    [
        ("normal", 0.01),
        ("xavier", np.sqrt(2 / (400 + 300))),  # uniforme(-a, a): var = a²/3 = 2/(n_in+n_out)
        ("xavier_normal", np.sqrt(2 / (400 + 300))),
        ("he", np.sqrt(2 / 400)),
        ("he_uniforme", np.sqrt(2 / 400)),
    ],
)
def test_inicializacion_tiene_la_varianza_de_la_teoria(metodo, desviacion):
    W = inicializar_pesos(400, 300, metodo, semilla=0)
    assert W.shape == (400, 300)
    assert abs(W.std() - desviacion) < 0.02 * desviacion
    assert abs(W.mean()) < 0.02 * desviacion
    if metodo in ("xavier", "he_uniforme"):  # uniforme(-a, a) con a = σ·√3: acotada y casi llega a ±a
        a = desviacion * np.sqrt(3)
        assert np.abs(W).max() <= a and np.abs(W).max() > 0.999 * a


def test_inicializacion_coincide_en_varianza_con_torch():
    """torch.nn.init usa (salidas, entradas); las varianzas deben coincidir con las nuestras."""
    t = torch.empty(300, 400, dtype=torch.float64)
    torch.manual_seed(0)
    torch.nn.init.xavier_uniform_(t)
    nuestra = inicializar_pesos(400, 300, "xavier", semilla=0).std()
    assert abs(t.std().item() - nuestra) < 0.02 * t.std().item()
    torch.nn.init.kaiming_normal_(t, nonlinearity="relu")
    assert abs(t.std().item() - inicializar_pesos(400, 300, "he", semilla=0).std()) < 0.02 * t.std().item()


def test_inicializacion_reproducible_y_errores():
    np.testing.assert_array_equal(inicializar_pesos(5, 4, semilla=3), inicializar_pesos(5, 4, semilla=3))
    assert not np.array_equal(inicializar_pesos(5, 4, semilla=3), inicializar_pesos(5, 4, semilla=4))
    assert np.all(inicializar_pesos(3, 2, "ceros") == 0)
    assert set(METODOS_INICIALIZACION) >= {"he", "xavier", "normal", "ceros"}
    with pytest.raises(ValueError, match="método de inicialización desconocido"):
        inicializar_pesos(3, 2, "glorot")
    with pytest.raises(ValueError, match="n_entradas debe ser un entero positivo"):
        inicializar_pesos(0, 2)
    with pytest.raises(TypeError, match="semilla"):
        crear_generador("semilla")
    for escala in (-0.1, float("nan"), "0.01"):
        with pytest.raises(ValueError, match="escala debe ser un número finito"):
            inicializar_pesos(3, 2, "normal", escala=escala)
    rng = np.random.default_rng(0)
    assert crear_generador(rng) is rng


def test_varianza_se_mantiene_con_he_y_se_apaga_con_normal():
    """La razón de ser de He: la desviación de las activaciones ReLU no se apaga con la profundidad."""
    x = np.random.default_rng(0).normal(size=(500, 256))
    relu = Activacion(lambda z: np.maximum(z, 0), "relu")
    he = activaciones_por_capa(red_profunda(10, 256, relu, "he", semilla=1), x, Activacion)
    pequena = activaciones_por_capa(red_profunda(10, 256, relu, "normal", semilla=1), x, Activacion)
    assert len(he) == 10
    assert 0.5 < he[-1].std() / he[0].std() < 2.0
    assert pequena[-1].std() < 1e-6


def test_red_profunda_da_a_cada_bloque_su_propia_activacion():
    """Una instancia se copia por bloque y una clase se instancia por bloque: nunca se comparten."""

    class Cuadrado(Capa):
        def forward(self, x):
            self.entrada = x
            return x**2

    x = np.random.default_rng(0).normal(size=(3, 4))
    for activacion in (Activacion(np.tanh, "tanh"), Cuadrado):
        modelo = red_profunda(3, 4, activacion, "xavier", semilla=0)
        activaciones = [capa for capa in modelo.capas if not isinstance(capa, CapaDensa)]
        assert len(activaciones) == 3
        assert len({id(capa) for capa in activaciones}) == 3
        assert activacion not in activaciones
        modelo.forward(x)
    # con una clase que guarda su entrada, cada bloque guarda la suya (y no la del último bloque)
    entradas = [capa.entrada for capa in activaciones]
    assert not np.allclose(entradas[0], entradas[1])


# --- Secuencial ---------------------------------------------------------------------------------
def test_secuencial_compone_y_cuenta_parametros():
    rng = np.random.default_rng(0)
    modelo = Secuencial(CapaDensa(2, 16, semilla=rng), Activacion(np.tanh), CapaDensa(16, 3, semilla=rng))
    x = rng.normal(size=(10, 2))
    esperado = np.tanh(x @ modelo[0].W.datos + modelo[0].b.datos) @ modelo[2].W.datos + modelo[2].b.datos
    np.testing.assert_allclose(modelo(x), esperado)
    assert len(modelo) == 3 and modelo.num_parametros() == 2 * 16 + 16 + 16 * 3 + 3
    assert len(modelo.parameters()) == 4 and [type(c) for c in modelo][1] is Activacion
    resumen = modelo.resumen(2)
    assert "(N, 16)" in resumen and "(N, 3)" in resumen and "99" in resumen
    assert "?" in modelo.resumen()
    assert "Secuencial(" in repr(modelo)


def test_resumen_no_cambia_el_estado_del_modelo():
    """resumen() pasa ceros por una copia: lo que cada capa guardó en forward sigue intacto."""
    rng = np.random.default_rng(1)
    modelo = Secuencial(CapaDensa(2, 4, semilla=rng), Activacion(np.tanh), CapaDensa(4, 1, semilla=rng))
    x = rng.normal(size=(5, 2))
    modelo.forward(x)
    guardadas = [capa.entrada for capa in modelo if isinstance(capa, CapaDensa)]
    modelo.resumen(n_entradas=2)
    assert modelo.entrenando and modelo[0].entrenando  # sigue en modo entrenamiento
    for capa, entrada in zip([c for c in modelo if isinstance(c, CapaDensa)], guardadas):
        assert capa.entrada is entrada


def test_secuencial_igual_a_torch_sequential():
    rng = np.random.default_rng(5)
    modelo = Secuencial(CapaDensa(4, 8, semilla=rng), Activacion(np.tanh), CapaDensa(8, 2, semilla=rng))
    red = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 2)).double()
    with torch.no_grad():
        for capa_t, capa in ((red[0], modelo[0]), (red[2], modelo[2])):
            capa_t.weight.copy_(torch.tensor(capa.W.datos.T))
            capa_t.bias.copy_(torch.tensor(capa.b.datos))
    x = rng.normal(size=(6, 4))
    np.testing.assert_allclose(modelo.forward(x), red(torch.tensor(x)).detach().numpy(), rtol=1e-10)


def test_secuencial_modos_zero_grad_y_errores():
    modelo = Secuencial(CapaDensa(2, 2), Activacion(np.tanh))
    modelo.eval()
    assert not modelo.entrenando and not modelo[0].entrenando
    modelo.train()
    assert modelo[1].entrenando
    modelo[0].W.grad += 1
    modelo.zero_grad()
    assert np.all(modelo[0].W.grad == 0)
    with pytest.raises(TypeError, match="sólo admite capas"):
        Secuencial(CapaDensa(2, 2), np.tanh)
    mensaje = r"en la capa 1 .*se esperaba la entrada de CapaDensa de forma \(N, 3\)"
    with pytest.raises(ValueError, match=mensaje):
        Secuencial(CapaDensa(2, 2), CapaDensa(3, 1)).forward(np.ones((4, 2)))
    with pytest.raises(NotImplementedError, match="Lab05"):
        modelo.backward(np.ones((1, 2)))
    with pytest.raises(TypeError):
        Activacion("tanh")
    with pytest.raises(TypeError, match="Secuencial"):
        activaciones_por_capa(CapaDensa(2, 2), np.ones((1, 2)))
    with pytest.raises(ValueError, match="n_capas"):
        red_profunda(0, 4, Activacion(np.tanh))


def test_red_xor_manual_resuelve_xor():
    X, y = datos_compuerta("XOR")
    red = red_xor_manual()
    np.testing.assert_array_equal(red.forward(X).ravel(), y)
    oculta = escalon(red[0].forward(X))
    np.testing.assert_array_equal(oculta[:, 0], datos_compuerta("OR")[1])
    np.testing.assert_array_equal(oculta[:, 1], datos_compuerta("AND")[1])


# --- datos -------------------------------------------------------------------------------------
def test_espirales_formas_clases_y_reproducibilidad():
    X, y = generar_espirales(50, 4, ruido=0.1, semilla=7)
    assert X.shape == (200, 2) and y.shape == (200,) and X.dtype == np.float64
    assert np.array_equal(np.bincount(y), [50] * 4)
    assert np.all(np.linalg.norm(X, axis=1) <= 1.0 + 1e-12)
    X2, _ = generar_espirales(50, 4, ruido=0.1, semilla=7)
    np.testing.assert_array_equal(X, X2)
    sin_ruido, _ = generar_espirales(10, 2, ruido=0.0)
    np.testing.assert_allclose(np.linalg.norm(sin_ruido[:10], axis=1), np.linspace(0, 1, 10))


@pytest.mark.parametrize("generador", [generar_lunas, generar_circulos, generar_xor])
def test_otros_conjuntos(generador):
    X, y = generador(120, semilla=1)
    assert X.shape == (120, 2) and set(np.unique(y)) == {0, 1}
    np.testing.assert_array_equal(X, generador(120, semilla=1)[0])
    assert not np.array_equal(X, generador(120, semilla=2)[0])


def test_xor_etiquetas_por_cuadrante():
    X, y = generar_xor(400, ruido=0.05, semilla=0)
    esquinas = np.round(X).astype(int)
    np.testing.assert_array_equal(y, esquinas[:, 0] ^ esquinas[:, 1])


@pytest.mark.parametrize(
    "llamada, mensaje",
    [
        (lambda: generar_espirales(0), "n_por_clase"),
        (lambda: generar_espirales(10, 2.5), "n_clases"),
        (lambda: generar_espirales(10, 2, ruido=-1), "ruido"),
        (lambda: generar_lunas(-3), "n debe"),
        (lambda: generar_circulos(10, factor=1.5), "factor"),
        (lambda: generar_xor(10, ruido=float("nan")), "ruido"),
        (lambda: generar_lunas(10, ruido="0.1"), "ruido"),
        (lambda: generar_circulos(10, factor="0.5"), "factor"),
    ],
)
def test_datos_errores_claros(llamada, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        llamada()


def test_histogramas():
    acts = [np.random.default_rng(i).normal(size=(20, 5)) for i in range(4)]
    fig = graficar_histogramas(acts, "prueba", cada=2)
    assert len(fig.axes) == 2 and fig.axes[1].get_title().startswith("capa 3")
    plt.close(fig)


def test_histogramas_con_segundo_momento():
    acts = [np.maximum(np.random.default_rng(0).normal(0, np.sqrt(2), size=(4000, 10)), 0)]
    fig = graficar_histogramas(acts, medida="segundo_momento", rango=(0, 4))
    assert "√E[x²]=1" in fig.axes[0].get_title() and fig.axes[0].get_xlim()[0] <= 0
    plt.close(fig)
    with pytest.raises(ValueError, match="medida"):
        graficar_histogramas(acts, medida="varianza")


def test_raiz_segundo_momento():
    assert raiz_segundo_momento(np.array([[3.0, -4.0]])) == pytest.approx(np.sqrt(12.5))
    relu = np.maximum(np.random.default_rng(1).normal(size=100_000), 0)
    assert raiz_segundo_momento(relu) == pytest.approx(np.sqrt(0.5), rel=0.01)
    assert relu.std() < raiz_segundo_momento(relu)  # tras ReLU la media no es 0
    with pytest.raises(ValueError, match="vacío"):
        raiz_segundo_momento(np.array([]))
