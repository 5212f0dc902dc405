"""Pruebas del Lab04: las pérdidas frente a PyTorch (valor y gradiente), comprobación numérica
de gradientes, estabilidad numérica y mensajes de error con entradas incorrectas."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab03_Funciones_Activacion.codigo import Softmax, softmax
from Lab04_Funciones_Perdida.codigo import (
    EPSILON,
    PERDIDAS,
    EntropiaCruzada,
    EntropiaCruzadaBinaria,
    ErrorAbsolutoMedio,
    ErrorCuadraticoMedio,
    Huber,
    Perdida,
    crear_perdida,
    preparar_misma_forma,
)
from Lab05_Backpropagation.codigo import comprobar_gradiente_perdida, error_relativo

TOLERANCIA_TORCH = 1e-10
TOLERANCIA_GRADIENTE = 1e-6
FORMAS = [(7,), (5, 3), (4, 2, 3), (1, 1), (64, 10)]
FORMAS_CLASES = [(1, 2), (8, 3), (16, 10), (5, 1), (3, 7)]


def torch_valor_y_gradiente(funcion, prediccion: np.ndarray, *otros) -> tuple[float, np.ndarray]:
    """Valor y gradiente de ``funcion(prediccion, *otros)`` con la autodiferenciación de PyTorch."""
    p = torch.tensor(prediccion, dtype=torch.float64, requires_grad=True)
    valor = funcion(p, *otros)
    valor.backward()
    return float(valor.detach()), p.grad.numpy()


def nuestro_valor_y_gradiente(perdida: Perdida, prediccion, objetivo) -> tuple[float, np.ndarray]:
    valor = perdida.forward(prediccion, objetivo)
    return valor, perdida.backward()


def comparar(nuestro: tuple[float, np.ndarray], referencia: tuple[float, np.ndarray]) -> None:
    assert error_relativo(np.array(nuestro[0]), np.array(referencia[0])) <= TOLERANCIA_TORCH
    assert nuestro[1].shape == referencia[1].shape
    assert error_relativo(nuestro[1], referencia[1]) <= TOLERANCIA_TORCH


def sin_avisos():
    """Convierte cualquier aviso de NumPy en error (el subdesbordamiento a 0 es benigno)."""

    class _Contexto:
        def __enter__(self):
            self._avisos = warnings.catch_warnings()
            self._avisos.__enter__()
            warnings.simplefilter("error")
            self._estado = np.errstate(over="raise", divide="raise", invalid="raise")
            self._estado.__enter__()

        def __exit__(self, *exc):
            self._estado.__exit__(*exc)
            return self._avisos.__exit__(*exc)

    return _Contexto()


# --- Regresión: MSE, MAE, Huber frente a PyTorch -------------------------------------------


@pytest.mark.parametrize("forma", FORMAS)
def test_mse_igual_que_torch(forma):
    rng = np.random.default_rng(0)
    p, y = rng.normal(size=forma), rng.normal(size=forma)
    referencia = torch_valor_y_gradiente(F.mse_loss, p, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(ErrorCuadraticoMedio(), p, y), referencia)


@pytest.mark.parametrize("forma", FORMAS)
def test_mae_igual_que_torch(forma):
    rng = np.random.default_rng(1)
    p, y = rng.normal(size=forma), rng.normal(size=forma)
    p.reshape(-1)[0] = y.reshape(-1)[0]  # un residuo exactamente 0: subgradiente 0 como torch
    referencia = torch_valor_y_gradiente(F.l1_loss, p, torch.tensor(y))
    nuestro = nuestro_valor_y_gradiente(ErrorAbsolutoMedio(), p, y)
    comparar(nuestro, referencia)
    assert nuestro[1].reshape(-1)[0] == 0.0


@pytest.mark.parametrize("forma", FORMAS)
@pytest.mark.parametrize("delta", [0.3, 1.0, 2.5])
def test_huber_igual_que_torch(forma, delta):
    rng = np.random.default_rng(2)
    p, y = rng.normal(scale=2.0, size=forma), rng.normal(size=forma)
    referencia = torch_valor_y_gradiente(lambda a, b: F.huber_loss(a, b, delta=delta), p, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(Huber(delta), p, y), referencia)


def test_huber_es_cuadratica_dentro_y_lineal_fuera():
    huber = Huber(delta=1.0)
    valores = huber.por_elemento(np.array([0.5, -0.5, 3.0, -3.0]), np.zeros(4))
    np.testing.assert_allclose(valores, [0.125, 0.125, 2.5, 2.5])
    huber.forward(np.array([0.5, 3.0, -3.0]), np.zeros(3))
    np.testing.assert_allclose(huber.backward() * 3, [0.5, 1.0, -1.0])  # derivada acotada por δ


@pytest.mark.parametrize(
    "perdida, funcion",
    [
        (ErrorCuadraticoMedio(), lambda a, b: F.mse_loss(a, b, reduction="none")),
        (ErrorAbsolutoMedio(), lambda a, b: F.l1_loss(a, b, reduction="none")),
        (Huber(0.7), lambda a, b: F.huber_loss(a, b, reduction="none", delta=0.7)),
    ],
)
def test_por_elemento_igual_que_reduction_none(perdida, funcion):
    rng = np.random.default_rng(3)
    p, y = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    esperado = funcion(torch.tensor(p), torch.tensor(y)).numpy()
    obtenido = perdida.por_elemento(p, y)
    assert obtenido.shape == p.shape
    assert error_relativo(obtenido, esperado) <= TOLERANCIA_TORCH


@pytest.mark.parametrize("desde_logits", [False, True])
def test_bce_por_elemento_igual_que_reduction_none(desde_logits):
    rng = np.random.default_rng(4)
    y = rng.uniform(size=(6, 4))
    if desde_logits:
        p = rng.normal(scale=4.0, size=(6, 4))
        esperado = F.binary_cross_entropy_with_logits(torch.tensor(p), torch.tensor(y), reduction="none")
    else:
        p = rng.uniform(0.01, 0.99, size=(6, 4))
        esperado = F.binary_cross_entropy(torch.tensor(p), torch.tensor(y), reduction="none")
    obtenido = EntropiaCruzadaBinaria(desde_logits).por_elemento(p, y)
    assert obtenido.shape == p.shape
    assert error_relativo(obtenido, esperado.numpy()) <= TOLERANCIA_TORCH


def test_mse_ejemplo_a_mano():
    # residuos (2, −1, 0): (4 + 1 + 0)/3
    assert ErrorCuadraticoMedio()([3.0, -1.0, 2.0], [1.0, 0.0, 2.0]) == pytest.approx(5 / 3)
    assert ErrorAbsolutoMedio()([3.0, -1.0, 2.0], [1.0, 0.0, 2.0]) == pytest.approx(1.0)


# --- Entropía cruzada binaria ---------------------------------------------------------------


@pytest.mark.parametrize("forma", FORMAS)
def test_bce_probabilidades_igual_que_torch(forma):
    rng = np.random.default_rng(4)
    p = rng.uniform(0.01, 0.99, size=forma)
    y = rng.integers(0, 2, size=forma).astype(float)
    y.reshape(-1)[-1] = 0.3  # también objetivos suaves
    referencia = torch_valor_y_gradiente(F.binary_cross_entropy, p, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(EntropiaCruzadaBinaria(), p, y), referencia)


@pytest.mark.parametrize("forma", FORMAS)
def test_bce_logits_igual_que_torch(forma):
    rng = np.random.default_rng(5)
    z = rng.normal(scale=4.0, size=forma)
    y = rng.uniform(0, 1, size=forma)
    referencia = torch_valor_y_gradiente(F.binary_cross_entropy_with_logits, z, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(EntropiaCruzadaBinaria(desde_logits=True), z, y), referencia)


def test_bce_logits_extremos_igual_que_torch():
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0, 0.0, 40.0, -40.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    referencia = torch_valor_y_gradiente(F.binary_cross_entropy_with_logits, z, torch.tensor(y))
    with sin_avisos():
        nuestro = nuestro_valor_y_gradiente(EntropiaCruzadaBinaria(desde_logits=True), z, y)
    comparar(nuestro, referencia)
    # los dos errores «seguros y equivocados» cuestan 1000 cada uno; nada es infinito
    assert nuestro[0] == pytest.approx((2 * 1000.0 + np.log(2) + 2 * (40 + np.log1p(np.exp(-40)))) / 7)


def test_bce_probabilidades_extremas_finitas_y_como_torch_con_recorte():
    p = np.array([0.0, 1.0, 0.0, 1.0, 1e-15, 1 - 1e-15, 0.5])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0])

    def recortada(a, b):  # lo que hacemos nosotros, escrito en torch
        c = torch.clamp(a, EPSILON, 1 - EPSILON)
        return -(b * torch.log(c) + (1 - b) * torch.log1p(-c)).mean()

    referencia = torch_valor_y_gradiente(recortada, p, torch.tensor(y))
    with sin_avisos():
        nuestro = nuestro_valor_y_gradiente(EntropiaCruzadaBinaria(), p, y)
    assert np.isfinite(nuestro[0]) and np.all(np.isfinite(nuestro[1]))
    comparar(nuestro, referencia)
    # donde se recorta, el gradiente es 0 (por eso conviene trabajar con logits)
    assert np.all(nuestro[1][:6] == 0.0)


def test_bce_diferencia_documentada_con_torch_en_los_extremos():
    # PyTorch limita log(p) a −100; nosotros recortamos p a [ε, 1 − ε]: −log(1e-12) ≈ 27.63
    p, y = np.array([0.0]), np.array([1.0])
    assert EntropiaCruzadaBinaria()(p, y) == pytest.approx(-np.log(EPSILON), rel=1e-12)
    assert float(F.binary_cross_entropy(torch.tensor(p), torch.tensor(y))) == pytest.approx(100.0)


def test_bce_logits_coincide_con_bce_de_probabilidades():
    rng = np.random.default_rng(6)
    z, y = rng.normal(size=(10, 2)), rng.integers(0, 2, size=(10, 2)).astype(float)
    p = 1 / (1 + np.exp(-z))
    desde_logits = EntropiaCruzadaBinaria(desde_logits=True)
    desde_probs = EntropiaCruzadaBinaria()
    assert desde_logits(z, y) == pytest.approx(desde_probs(p, y), rel=1e-12)
    # regla de la cadena: dL/dz = dL/dp · p(1 − p)
    np.testing.assert_allclose(desde_logits.backward(), desde_probs.backward() * p * (1 - p), rtol=1e-10)


# --- Entropía cruzada categórica ------------------------------------------------------------


def dirichlet(rng, n, c):
    return rng.dirichlet(np.ones(c), size=n)


@pytest.mark.parametrize("forma", FORMAS_CLASES)
def test_ce_logits_etiquetas_enteras_igual_que_torch(forma):
    rng = np.random.default_rng(7)
    z = rng.normal(scale=3.0, size=forma)
    y = rng.integers(0, forma[1], size=forma[0])
    referencia = torch_valor_y_gradiente(F.cross_entropy, z, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(EntropiaCruzada(), z, y), referencia)


@pytest.mark.parametrize("forma", FORMAS_CLASES)
def test_ce_logits_objetivo_suave_igual_que_torch(forma):
    rng = np.random.default_rng(8)
    z = rng.normal(scale=3.0, size=forma)
    y = dirichlet(rng, *forma)
    referencia = torch_valor_y_gradiente(F.cross_entropy, z, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(EntropiaCruzada(), z, y), referencia)


@pytest.mark.parametrize("forma", FORMAS_CLASES)
def test_ce_probabilidades_igual_que_torch_nll(forma):
    rng = np.random.default_rng(9)
    p = softmax(rng.normal(size=forma), eje=1)
    y = rng.integers(0, forma[1], size=forma[0])
    referencia = torch_valor_y_gradiente(lambda a, b: F.nll_loss(torch.log(a), b), p, torch.tensor(y))
    comparar(nuestro_valor_y_gradiente(EntropiaCruzada(desde_logits=False), p, y), referencia)


def test_ce_probabilidades_objetivo_suave_igual_que_torch():
    rng = np.random.default_rng(10)
    p, y = softmax(rng.normal(size=(9, 4)), eje=1), dirichlet(rng, 9, 4)
    referencia = torch_valor_y_gradiente(
        lambda a, b: -(b * torch.log(a)).sum(dim=1).mean(), p, torch.tensor(y)
    )
    comparar(nuestro_valor_y_gradiente(EntropiaCruzada(desde_logits=False), p, y), referencia)


def test_ce_por_elemento_igual_que_reduction_none():
    rng = np.random.default_rng(11)
    z, y = rng.normal(size=(6, 5)), rng.integers(0, 5, size=6)
    esperado = F.cross_entropy(torch.tensor(z), torch.tensor(y), reduction="none").numpy()
    obtenido = EntropiaCruzada().por_elemento(z, y)
    assert obtenido.shape == (6,)
    assert error_relativo(obtenido, esperado) <= TOLERANCIA_TORCH


def test_ce_etiquetas_y_one_hot_dan_lo_mismo():
    rng = np.random.default_rng(12)
    z, y = rng.normal(size=(8, 4)), rng.integers(0, 4, size=8)
    con_enteros, con_one_hot = EntropiaCruzada(), EntropiaCruzada()
    assert con_enteros(z, y) == con_one_hot(z, np.eye(4)[y])
    np.testing.assert_array_equal(con_enteros.backward(), con_one_hot.backward())
    # etiquetas enteras guardadas como reales (2.0) también valen
    assert EntropiaCruzada()(z, y.astype(float)) == con_enteros(z, y)


def test_gradiente_combinado_softmax_entropia_cruzada():
    rng = np.random.default_rng(13)
    z, y = rng.normal(size=(5, 3)), rng.integers(0, 3, size=5)
    ce = EntropiaCruzada()
    ce.forward(z, y)
    np.testing.assert_allclose(ce.backward(), (softmax(z, eje=1) - np.eye(3)[y]) / 5, rtol=1e-12)
    # lo mismo por el camino largo: capa Softmax (Lab03) + entropía cruzada de probabilidades
    capa = Softmax()
    ce_probs = EntropiaCruzada(desde_logits=False)
    ce_probs.forward(capa.forward(z), y)
    largo = capa.backward(ce_probs.backward())
    assert error_relativo(largo, ce.backward()) < 1e-12


def test_ce_de_dos_clases_es_bce_de_la_diferencia_de_logits():
    rng = np.random.default_rng(14)
    z, y = rng.normal(size=(7, 2)), rng.integers(0, 2, size=7)
    bce = EntropiaCruzadaBinaria(desde_logits=True)(z[:, 1] - z[:, 0], y.astype(float))
    assert EntropiaCruzada()(z, y) == pytest.approx(bce, rel=1e-12)


def test_ce_una_sola_clase_da_perdida_cero():
    ce = EntropiaCruzada()
    assert ce(np.array([[3.0], [-2.0]]), [0, 0]) == 0.0
    np.testing.assert_array_equal(ce.backward(), np.zeros((2, 1)))


# --- Comprobación numérica de gradientes (Lab05) --------------------------------------------


def _residuos_lejos_de(valores: np.ndarray, puntos: list[float], margen: float = 1e-2) -> np.ndarray:
    for punto in puntos:
        for signo in (1, -1):
            cerca = np.abs(valores - signo * punto) < margen
            valores = np.where(cerca, valores + 3 * margen, valores)
    return valores


@pytest.mark.parametrize("forma", [(6,), (3, 4), (2, 2, 3)])
def test_gradientes_regresion_pasan_la_comprobacion_numerica(forma):
    rng = np.random.default_rng(15)
    y = rng.normal(size=forma)
    r = _residuos_lejos_de(rng.normal(scale=1.5, size=forma), [0.0, 0.8])  # lejos de las esquinas
    for perdida in (ErrorCuadraticoMedio(), ErrorAbsolutoMedio(), Huber(0.8)):
        assert comprobar_gradiente_perdida(perdida, y + r, y) < TOLERANCIA_GRADIENTE


@pytest.mark.parametrize("forma", [(6,), (3, 4)])
def test_gradientes_bce_pasan_la_comprobacion_numerica(forma):
    rng = np.random.default_rng(16)
    y = rng.uniform(size=forma)
    p = rng.uniform(0.05, 0.95, size=forma)
    z = rng.normal(scale=3.0, size=forma)
    assert comprobar_gradiente_perdida(EntropiaCruzadaBinaria(), p, y) < TOLERANCIA_GRADIENTE
    assert comprobar_gradiente_perdida(EntropiaCruzadaBinaria(True), z, y) < TOLERANCIA_GRADIENTE


@pytest.mark.parametrize("forma", [(4, 3), (2, 6)])
def test_gradientes_ce_pasan_la_comprobacion_numerica(forma):
    rng = np.random.default_rng(17)
    z = rng.normal(scale=2.0, size=forma)
    p = softmax(rng.normal(scale=0.5, size=forma), eje=1)
    etiquetas, suaves = rng.integers(0, forma[1], size=forma[0]), dirichlet(rng, *forma)
    for objetivo in (etiquetas, suaves):
        assert comprobar_gradiente_perdida(EntropiaCruzada(), z, objetivo) < TOLERANCIA_GRADIENTE
        assert comprobar_gradiente_perdida(EntropiaCruzada(False), p, objetivo) < TOLERANCIA_GRADIENTE


def test_la_comprobacion_numerica_detecta_un_gradiente_malo():
    class MSEMala(ErrorCuadraticoMedio):
        def _derivada(self, prediccion, objetivo):
            return prediccion - objetivo  # falta el 2

    rng = np.random.default_rng(18)
    p, y = rng.normal(size=5), rng.normal(size=5)
    assert comprobar_gradiente_perdida(MSEMala(), p, y) > 0.1


# --- Estabilidad numérica -------------------------------------------------------------------


def test_ce_logits_extremos_finitos_y_como_torch():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [1e6, 1e6, -1e6]])
    y = np.array([1, 2, 0])
    referencia = torch_valor_y_gradiente(F.cross_entropy, z, torch.tensor(y))
    with sin_avisos():
        nuestro = nuestro_valor_y_gradiente(EntropiaCruzada(), z, y)
    assert np.isfinite(nuestro[0]) and np.all(np.isfinite(nuestro[1]))
    comparar(nuestro, referencia)


def test_ce_probabilidades_con_ceros_finita_y_sin_avisos():
    p = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    with sin_avisos():
        ce = EntropiaCruzada(desde_logits=False)
        valor = ce(p, [0, 0])
        grad = ce.backward()
    assert valor == pytest.approx(-np.log(EPSILON) / 2)  # sólo el primer ejemplo está mal
    assert np.all(np.isfinite(grad))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bce_probabilidades_cero_y_uno_en_cualquier_precision(dtype):
    p, y = np.array([0.0, 1.0, 1.0], dtype=dtype), np.array([1.0, 0.0, 1.0], dtype=dtype)
    with sin_avisos():
        perdida = EntropiaCruzadaBinaria()
        valor = perdida(p, y)
        grad = perdida.backward()
    assert np.isfinite(valor) and 0 < valor < 50
    assert grad.dtype == dtype and np.all(np.isfinite(grad))


# --- float32 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "perdida, generar",
    [
        (ErrorCuadraticoMedio(), lambda rng: (rng.normal(size=(5, 2)), rng.normal(size=(5, 2)))),
        (Huber(), lambda rng: (rng.normal(size=6), rng.normal(size=6))),
        (EntropiaCruzadaBinaria(True), lambda rng: (rng.normal(size=6), rng.uniform(size=6))),
        (EntropiaCruzada(), lambda rng: (rng.normal(size=(4, 3)), rng.integers(0, 3, size=4))),
    ],
)
def test_float32_se_acepta_y_se_conserva(perdida, generar):
    p, y = generar(np.random.default_rng(19))
    valor64 = perdida(p, y)
    grad64 = perdida.backward()
    valor32 = perdida(p.astype(np.float32), y)
    grad32 = perdida.backward()
    assert isinstance(valor32, float)
    assert grad32.dtype == np.float32
    assert valor32 == pytest.approx(valor64, rel=1e-5)
    np.testing.assert_allclose(grad32, grad64, rtol=1e-4, atol=1e-6)


# --- Protocolo -------------------------------------------------------------------------------


def test_backward_usa_la_ultima_llamada_a_forward_y_se_puede_repetir():
    mse = ErrorCuadraticoMedio()
    mse.forward(np.array([1.0, 2.0]), np.zeros(2))
    mse.forward(np.array([3.0]), np.zeros(1))
    np.testing.assert_array_equal(mse.backward(), [6.0])
    np.testing.assert_array_equal(mse.backward(), [6.0])


def test_llamar_es_forward_y_devuelve_float():
    assert isinstance(ErrorCuadraticoMedio()(np.ones(3), np.zeros(3)), float)
    assert ErrorAbsolutoMedio()(np.ones(3), np.zeros(3)) == 1.0


def test_forward_no_modifica_las_entradas():
    p, y = np.array([0.0, 1.0, 0.3]), np.array([1.0, 0.0, 1.0])
    copia_p, copia_y = p.copy(), y.copy()
    perdida = EntropiaCruzadaBinaria()
    perdida(p, y)
    perdida.backward()
    np.testing.assert_array_equal(p, copia_p)
    np.testing.assert_array_equal(y, copia_y)


def test_representacion():
    assert repr(Huber(2.0)) == "Huber(delta=2)"
    assert repr(EntropiaCruzada()) == "EntropiaCruzada(desde_logits=True)"
    assert repr(EntropiaCruzadaBinaria()) == "EntropiaCruzadaBinaria(desde_logits=False)"
    assert repr(ErrorCuadraticoMedio()) == "ErrorCuadraticoMedio()"


def test_registro_de_perdidas():
    assert set(PERDIDAS) == {"mse", "mae", "huber", "entropia_cruzada_binaria", "entropia_cruzada"}
    assert isinstance(crear_perdida("MSE"), ErrorCuadraticoMedio)
    assert crear_perdida("huber", delta=2.0).delta == 2.0
    assert crear_perdida("entropia_cruzada", desde_logits=False).desde_logits is False
    with pytest.raises(ValueError, match="pérdida desconocida: 'cuadratica'; se esperaba una de mse"):
        crear_perdida("cuadratica")


def test_la_clase_base_no_sabe_calcular():
    with pytest.raises(NotImplementedError, match="no implementa _valores"):
        Perdida()(np.ones(2), np.ones(2))


# --- Entradas incorrectas --------------------------------------------------------------------


def test_formas_distintas_error_claro_con_pista():
    with pytest.raises(
        ValueError, match=r"se esperaba objetivo de forma \(5, 1\).*se recibió \(5,\).*reshape"
    ):
        ErrorCuadraticoMedio()(np.zeros((5, 1)), np.zeros(5))
    with pytest.raises(ValueError, match=r"se esperaba objetivo de forma \(4,\), se recibió \(3,\)") as info:
        ErrorAbsolutoMedio()(np.zeros(4), np.zeros(3))
    assert "reshape" not in str(info.value)
    with pytest.raises(ValueError, match=r"forma \(3, 2\)"):
        EntropiaCruzadaBinaria()(np.full((3, 2), 0.5), np.zeros((2, 3)))


@pytest.mark.parametrize(
    "prediccion, objetivo, tipo, mensaje",
    [
        (3.0, 3.0, ValueError, "al menos un eje"),
        (np.zeros(0), np.zeros(0), ValueError, "el lote está vacío"),
        ([1.0, np.nan], [0.0, 0.0], ValueError, "NaN o infinitos"),
        ([1.0, 2.0], [0.0, np.inf], ValueError, "objetivo contiene NaN"),
        (["a", "b"], [0.0, 0.0], TypeError, "numérico"),
    ],
)
def test_entradas_no_validas(prediccion, objetivo, tipo, mensaje):
    with pytest.raises(tipo, match=mensaje):
        ErrorCuadraticoMedio()(prediccion, objetivo)


@pytest.mark.parametrize("delta", [0, -1.0, np.inf, "1", True, None])
def test_huber_delta_no_valido(delta):
    with pytest.raises(ValueError, match="delta debe ser un número positivo"):
        Huber(delta)


def test_bce_probabilidades_fuera_de_rango_sugiere_logits():
    with pytest.raises(
        ValueError, match=r"prediccion debe contener probabilidades en \[0, 1\].*desde_logits=True"
    ):
        EntropiaCruzadaBinaria()(np.array([2.5, -1.0]), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"objetivo debe contener probabilidades en \[0, 1\]"):
        EntropiaCruzadaBinaria(desde_logits=True)(np.array([2.5, -1.0]), np.array([2.0, 0.0]))


@pytest.mark.parametrize("clase", [EntropiaCruzadaBinaria, EntropiaCruzada])
def test_opciones_de_entropia_cruzada_no_validas(clase):
    with pytest.raises(TypeError, match="desde_logits debe ser True o False"):
        clase(desde_logits="sí")
    with pytest.raises(ValueError, match=r"epsilon debe ser un número en \(0, 0.5\)"):
        clase(epsilon=0.0)


@pytest.mark.parametrize(
    "prediccion, objetivo, mensaje",
    [
        (np.zeros(4), [0, 1, 0, 1], r"se esperaba prediccion de forma \(N, C\)"),
        (np.zeros((4, 3, 2)), [0, 1, 0, 1], r"se esperaba objetivo de forma \(4, 3\) \(etiquetas\)"),
        (np.zeros((0, 3)), np.zeros(0, dtype=int), "el lote está vacío"),
        (np.zeros((4, 3)), [0, 1, 3, 1], r"etiqueta fuera de rango en objetivo\[2\] = 3.*\[0, 3\)"),
        (np.zeros((4, 3)), [0, -1, 2, 1], r"fuera de rango en objetivo\[1\] = -1"),
        (np.zeros((4, 3)), [0, 1.5, 2, 1], r"números enteros.*posición 1"),
        (np.zeros((4, 3)), [0, 1, 2], "se esperaban 4 etiquetas"),
        (np.zeros((4, 3)), np.zeros((4, 1)), r"\(4,\) \(etiquetas\) o \(4, 3\).*\(4, 1\)"),
        (np.zeros((4, 3)), np.zeros((4, 3, 1)), r"se esperaba objetivo de forma \(4,\)"),
        (np.zeros((2, 3)), np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]), "sume 1"),
        (
            np.zeros((2, 3)),
            np.array([[1.5, -0.5, 0.0], [0.0, 0.0, 1.0]]),
            r"objetivo debe contener probabilidades",
        ),
        (np.zeros((2, 3)), [0, np.nan], "NaN o infinitos"),
    ],
)
def test_ce_entradas_no_validas(prediccion, objetivo, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        EntropiaCruzada()(prediccion, objetivo)


def test_ce_probabilidades_que_no_suman_uno_sugiere_logits():
    logits = np.array([[2.0, -1.0, 0.5]])
    with pytest.raises(ValueError, match=r"probabilidades en \[0, 1\].*desde_logits=True"):
        EntropiaCruzada(desde_logits=False)(logits, [0])
    with pytest.raises(ValueError, match=r"sume 1; hay una que suma 0\.9.*desde_logits=True"):
        EntropiaCruzada(desde_logits=False)(np.array([[0.5, 0.4, 0.0]]), [0])


def test_backward_antes_de_forward():
    with pytest.raises(RuntimeError, match=r"necesita una llamada previa a forward"):
        EntropiaCruzada().backward()


def test_preparar_misma_forma_devuelve_arreglos_float():
    p, y = preparar_misma_forma([[1, 2]], [[3, 4]])
    assert p.dtype == np.float64 and y.dtype == np.float64 and p.shape == (1, 2)


# --- secuencias: (N, T, C) con etiquetas (N, T) y relleno -------------------------------------
def test_entropia_cruzada_en_secuencias_con_relleno_igual_que_f_cross_entropy():
    rng = np.random.default_rng(7)
    logits = rng.normal(size=(3, 5, 4)) * 3
    etiquetas = rng.integers(0, 4, size=(3, 5))
    etiquetas[0, 3:] = -100  # relleno al final de la primera frase
    etiquetas[2, 4] = -100
    perdida = EntropiaCruzada(ignorar_indice=-100)
    valor = perdida.forward(logits, etiquetas)
    grad = perdida.backward()
    z = torch.tensor(logits, requires_grad=True)
    referencia = F.cross_entropy(z.permute(0, 2, 1), torch.tensor(etiquetas), ignore_index=-100)
    referencia.backward()
    assert valor == pytest.approx(referencia.item(), rel=1e-12)
    np.testing.assert_allclose(grad, z.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert np.all(grad[0, 3:] == 0)  # el relleno no recibe gradiente
    assert perdida.por_elemento(logits, etiquetas).shape == (3, 5)
    # sin relleno, (N, T, C) es lo mismo que aplanar a (N·T, C)
    sin_relleno = rng.integers(0, 4, size=(3, 5))
    assert EntropiaCruzada().forward(logits, sin_relleno) == pytest.approx(
        EntropiaCruzada().forward(logits.reshape(15, 4), sin_relleno.reshape(15)), rel=1e-14)


def test_entropia_cruzada_todo_relleno_es_finita_y_sin_ignorar_indice_es_un_error():
    perdida = EntropiaCruzada(ignorar_indice=0)
    assert perdida.forward(np.zeros((2, 3, 4)), np.zeros((2, 3), dtype=int)) == 0.0
    assert np.all(np.isfinite(perdida.backward())) and not perdida.backward().any()
    with pytest.raises(ValueError, match="fuera de rango"):
        EntropiaCruzada().forward(np.zeros((2, 3, 4)), np.full((2, 3), -100))
    with pytest.raises(TypeError, match="ignorar_indice debe ser un entero"):
        EntropiaCruzada(ignorar_indice=1.5)
    assert "ignorar_indice=-100" in repr(EntropiaCruzada(ignorar_indice=-100))


def test_entropia_cruzada_en_secuencias_pasa_la_comprobacion_numerica():
    rng = np.random.default_rng(1)
    etiquetas = rng.integers(0, 3, size=(2, 4))
    etiquetas[1, 2:] = -1
    logits = rng.normal(size=(2, 4, 3))
    assert comprobar_gradiente_perdida(EntropiaCruzada(ignorar_indice=-1), logits, etiquetas) < 1e-7
