"""Pruebas del Lab03: las capas de activación frente a PyTorch, gradientes numéricos,
estabilidad numérica, entradas incorrectas y uso dentro de ``Secuencial``."""

from __future__ import annotations

import warnings
import zlib
from contextlib import contextmanager

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab02_Primera_Red_Neuronal.codigo import Secuencial
from Lab03_Funciones_Activacion.codigo import (
    ACTIVACIONES,
    ELU,
    GELU,
    CapaActivacion,
    Escalon,
    Identidad,
    LeakyReLU,
    ReLU,
    Sigmoide,
    Softmax,
    Tanh,
    crear_activacion,
    log_sigmoide,
    log_softmax,
    softmax,
)
from Lab05_Backpropagation.codigo import CapaDensa, comprobar_gradiente_capa, error_relativo

TOLERANCIA_TORCH = 1e-10
TOLERANCIA_NUMERICA = 1e-6
FORMAS = [(7,), (5, 4), (3, 2, 6), (2, 3, 1, 4)]

# Oráculo: la función de PyTorch equivalente a cada capa (escrita aquí, no en codigo/).
CASOS = {
    "identidad": (Identidad, lambda t: t * 1.0),
    "sigmoide": (Sigmoide, torch.sigmoid),
    "tanh": (Tanh, torch.tanh),
    "relu": (ReLU, torch.relu),
    "leaky_relu": (LeakyReLU, lambda t: F.leaky_relu(t, 0.01)),
    "leaky_relu_0.2": (lambda: LeakyReLU(pendiente=0.2), lambda t: F.leaky_relu(t, 0.2)),
    "elu": (ELU, lambda t: F.elu(t, 1.0)),
    "elu_0.5": (lambda: ELU(alfa=0.5), lambda t: F.elu(t, 0.5)),
    "gelu": (GELU, lambda t: F.gelu(t, approximate="none")),
    "gelu_tanh": (lambda: GELU("tanh"), lambda t: F.gelu(t, approximate="tanh")),
    "softmax": (Softmax, lambda t: torch.softmax(t, dim=-1)),
}


def _contra_torch(capa: CapaActivacion, funcion_torch, x: np.ndarray, g: np.ndarray) -> tuple[float, float]:
    y = capa.forward(x)
    dx = capa.backward(g)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = funcion_torch(xt)
    (yt * torch.tensor(g)).sum().backward()
    assert y.shape == x.shape and dx.shape == x.shape
    return error_relativo(y, yt.detach().numpy()), error_relativo(dx, xt.grad.numpy())


@contextmanager
def sin_avisos():
    """Cualquier aviso (desbordamiento, división por cero, inválido) hace fallar la prueba."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield


# --- PyTorch como oráculo ----------------------------------------------------------------
@pytest.mark.parametrize("forma", FORMAS, ids=str)
@pytest.mark.parametrize("nombre", list(CASOS))
def test_forward_y_backward_igual_que_pytorch(nombre, forma):
    rng = np.random.default_rng(zlib.crc32(f"{nombre}{forma}".encode()))
    fabrica, funcion_torch = CASOS[nombre]
    x = rng.normal(scale=3.0, size=forma)
    g = rng.normal(size=forma)
    err_y, err_dx = _contra_torch(fabrica(), funcion_torch, x, g)
    assert err_y <= TOLERANCIA_TORCH, f"forward: {err_y:.2e}"
    assert err_dx <= TOLERANCIA_TORCH, f"backward: {err_dx:.2e}"


@pytest.mark.parametrize("eje", [0, 1, 2, -2])
def test_softmax_en_cualquier_eje_igual_que_pytorch(eje):
    rng = np.random.default_rng(10 + eje)
    x, g = rng.normal(scale=4.0, size=(3, 4, 5)), rng.normal(size=(3, 4, 5))
    err_y, err_dx = _contra_torch(Softmax(eje=eje), lambda t: torch.softmax(t, dim=eje), x, g)
    assert err_y <= TOLERANCIA_TORCH and err_dx <= TOLERANCIA_TORCH
    np.testing.assert_allclose(softmax(x, eje).sum(axis=eje), 1.0, rtol=1e-14)


def test_escalon_valores_y_gradiente_nulo():
    x = np.array([[-2.0, -1e-12, 0.0, 1e-12, 3.0]])
    capa = Escalon()
    xt = torch.tensor(x)
    np.testing.assert_array_equal(capa.forward(x), torch.heaviside(xt, torch.ones_like(xt)).numpy())
    np.testing.assert_array_equal(capa.backward(np.ones_like(x)), np.zeros_like(x))


def test_funciones_estables_igual_que_pytorch():
    rng = np.random.default_rng(20)
    for forma in [(6,), (4, 5), (2, 3, 4)]:
        z = rng.normal(scale=5.0, size=forma)
        zt = torch.tensor(z)
        assert error_relativo(softmax(z), torch.softmax(zt, -1).numpy()) <= TOLERANCIA_TORCH
        assert error_relativo(softmax(z, 0), torch.softmax(zt, 0).numpy()) <= TOLERANCIA_TORCH
        assert error_relativo(log_softmax(z), torch.log_softmax(zt, -1).numpy()) <= TOLERANCIA_TORCH
        assert error_relativo(log_softmax(z, 0), torch.log_softmax(zt, 0).numpy()) <= TOLERANCIA_TORCH
        assert error_relativo(log_sigmoide(z), F.logsigmoid(zt).numpy()) <= TOLERANCIA_TORCH


def test_jacobiano_de_softmax_igual_que_pytorch():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    J = Softmax.jacobiano(z)
    Jt = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, -1), torch.tensor(z)).numpy()
    assert error_relativo(J, Jt) <= TOLERANCIA_TORCH
    np.testing.assert_allclose(J, J.T, atol=1e-15)  # simétrico
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)  # las probabilidades siempre suman 1
    # backward (producto jacobiano-vector) = gᵀ J, sin construir J
    g = np.array([1.0, 2.0, -1.0, 0.5])
    capa = Softmax()
    capa.forward(z[None])
    np.testing.assert_allclose(capa.backward(g[None])[0], g @ J, rtol=1e-12)
    with pytest.raises(ValueError, match="un solo vector"):
        Softmax.jacobiano(np.ones((2, 3)))


def test_ejemplos_a_mano():
    """Valores que un estudiante puede comprobar con papel y lápiz (los de teoria.md)."""
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(Sigmoide().forward(np.array([0.0])), [0.5])
    np.testing.assert_allclose(Sigmoide().derivada(np.array([0.0])), [0.25])
    np.testing.assert_allclose(Tanh().derivada(np.array([0.0])), [1.0])
    np.testing.assert_array_equal(ReLU().forward(z), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(LeakyReLU(0.1).forward(z), [-0.2, 0.0, 3.0])
    np.testing.assert_allclose(ELU().forward(z), [np.exp(-2.0) - 1.0, 0.0, 3.0])
    uno_dos_tres = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax(uno_dos_tres), [0.09003057, 0.24472847, 0.66524096], rtol=1e-7)
    np.testing.assert_allclose(softmax(uno_dos_tres + 1000.0), softmax(uno_dos_tres))


# --- gradientes numéricos (comprobar_gradiente del Lab05) -----------------------------------
@pytest.mark.parametrize("nombre", list(CASOS))
def test_backward_pasa_la_comprobacion_numerica(nombre):
    rng = np.random.default_rng(30)
    x = rng.normal(scale=2.0, size=(4, 5))
    x[np.abs(x) < 1e-3] = 0.5  # lejos de los «codos» de ReLU/LeakyReLU/ELU
    errores = comprobar_gradiente_capa(CASOS[nombre][0](), x, semilla=1)
    assert errores["entrada"] < TOLERANCIA_NUMERICA, errores


def test_comprobacion_numerica_detecta_un_backward_incorrecto():
    class SigmoideMal(Sigmoide):
        def _derivada(self, x, y):
            return y  # falta el factor (1 − y)

    x = np.random.default_rng(31).normal(size=(3, 4))
    assert comprobar_gradiente_capa(SigmoideMal(), x)["entrada"] > 1e-3


def test_derivada_coincide_con_backward_de_unos_y_no_toca_la_cache():
    z = np.linspace(-4, 4, 17) + 0.01
    for nombre in ("sigmoide", "tanh", "relu", "leaky_relu", "elu", "gelu", "identidad"):
        capa = crear_activacion(nombre)
        capa.forward(z)
        np.testing.assert_allclose(capa.backward(np.ones_like(z)), capa.derivada(z), rtol=1e-14)
        otra = np.ones(3)
        capa.derivada(otra)
        assert capa.entrada.shape == z.shape  # la caché sigue siendo la del forward
    np.testing.assert_allclose(Softmax().derivada(np.zeros(4)), 0.25 * 0.75)


# --- estabilidad numérica -------------------------------------------------------------------
EXTREMOS = np.array([-1e6, -1000.0, -50.0, -1e-300, 0.0, 1e-300, 50.0, 1000.0, 1e6])


@pytest.mark.parametrize("nombre", list(CASOS))
def test_valores_extremos_sin_avisos_ni_nan(nombre):
    capa = CASOS[nombre][0]()
    with sin_avisos():
        y = capa.forward(EXTREMOS[None])
        dx = capa.backward(np.ones((1, EXTREMOS.size)))
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dx))


def test_sigmoide_y_tanh_saturan_como_deben():
    with sin_avisos():
        s = Sigmoide()
        np.testing.assert_array_equal(s.forward(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        np.testing.assert_array_equal(s.backward(np.ones(2)), [0.0, 0.0])
        d = Sigmoide().derivada(np.array([40.0]))
    assert 0 < d[0] < 1e-17  # σ(z)·σ(−z) conserva el valor diminuto (≈ 4e-18), no da 0
    assert Tanh().forward(np.array([1000.0]))[0] == 1.0


def test_softmax_de_logits_enormes():
    with sin_avisos():
        p = softmax(np.array([[1000.0, 1000.0], [1000.0, 0.0], [-1000.0, -1001.0]]))
        lp = log_softmax(np.array([[1000.0, 0.0]]))
        capa = Softmax()
        capa.forward(np.array([[1e4, -1e4, 0.0]]))
        dx = capa.backward(np.array([[1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(p, [[0.5, 0.5], [1.0, 0.0], [1 / (1 + np.exp(-1)), 1 / (1 + np.e)]])
    np.testing.assert_array_equal(lp, [[0.0, -1000.0]])  # log(0) sería −inf; aquí es exacto
    assert np.all(np.isfinite(dx))


def test_log_sigmoide_en_extremos():
    with sin_avisos():
        v = log_sigmoide(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(v, [-1000.0, -np.log(2.0), 0.0])


def test_softmax_admite_menos_infinito_como_mascara():
    z = np.array([[2.0, -np.inf, 1.0], [-np.inf, 0.0, -np.inf]])
    with sin_avisos():
        p = softmax(z)
        capa = Softmax()
        capa.forward(z)
        dx = capa.backward(np.ones_like(z))
    assert p[0, 1] == 0.0 and p[1, 1] == 1.0
    np.testing.assert_allclose(p, torch.softmax(torch.tensor(z), -1).numpy(), rtol=1e-14)
    assert np.all(np.isfinite(dx))
    with pytest.raises(ValueError, match="todos los valores −inf"):
        softmax(np.array([[-np.inf, -np.inf]]))


def test_float32_se_conserva():
    x = np.random.default_rng(40).normal(size=(3, 4)).astype(np.float32)
    for nombre in ACTIVACIONES:
        capa = crear_activacion(nombre)
        y = capa.forward(x)
        assert y.dtype == np.float32, nombre
        assert capa.backward(np.ones_like(x)).dtype == np.float32, nombre
    assert softmax(x).dtype == np.float32 and log_sigmoide(x).dtype == np.float32


def test_acepta_listas_y_enteros():
    np.testing.assert_array_equal(ReLU().forward([[-1, 2]]), [[0.0, 2.0]])
    assert ReLU().forward([[-1, 2]]).dtype == np.float64


# --- entradas incorrectas -------------------------------------------------------------------
def test_entradas_con_nan_o_infinito():
    with pytest.raises(ValueError, match="la entrada de ReLU contiene NaN o infinitos"):
        ReLU().forward(np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="NaN o infinitos"):
        Sigmoide().forward(np.array([np.inf]))
    with pytest.raises(ValueError, match=r"NaN o \+inf"):
        Softmax().forward(np.array([[1.0, np.inf]]))
    with pytest.raises(ValueError, match=r"NaN o \+inf"):
        softmax(np.array([np.nan, 1.0]))
    with pytest.raises(ValueError, match="NaN o infinitos"):
        log_sigmoide([np.nan])
    with pytest.raises(TypeError, match="numérico"):
        Tanh().forward(["a", "b"])


def test_backward_sin_forward_o_con_forma_equivocada():
    with pytest.raises(RuntimeError, match="forward previo"):
        ReLU().backward(np.ones(3))
    capa = Tanh()
    capa.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"se esperaba grad de forma \(5, 3\), se recibió \(5, 4\)"):
        capa.backward(np.ones((5, 4)))
    with pytest.raises(ValueError, match=r"se esperaba grad de forma \(5, 3\), se recibió \(3,\)"):
        capa.backward(np.ones(3))  # nada de difusiones silenciosas
    with pytest.raises(ValueError, match="NaN"):
        capa.backward(np.full((5, 3), np.nan))


def test_hiperparametros_invalidos():
    with pytest.raises(ValueError, match=r"pendiente debe estar en \[0, ∞\), se recibió -0.1"):
        LeakyReLU(pendiente=-0.1)
    with pytest.raises(TypeError, match="pendiente debe ser un número"):
        LeakyReLU(pendiente="0.1")
    with pytest.raises(ValueError, match="alfa"):
        ELU(alfa=float("nan"))
    with pytest.raises(TypeError, match="alfa"):
        ELU(alfa=True)
    with pytest.raises(ValueError, match="aproximación de GELU desconocida: 'exacta'"):
        GELU("exacta")
    with pytest.raises(TypeError, match="eje debe ser un entero"):
        Softmax(eje=1.5)


def test_ejes_de_softmax_invalidos():
    with pytest.raises(ValueError, match=r"eje=2 no existe: z tiene forma \(3, 4\)"):
        softmax(np.ones((3, 4)), eje=2)
    with pytest.raises(ValueError, match="eje=-3 no existe"):
        log_softmax(np.ones((3, 4)), eje=-3)
    with pytest.raises(ValueError, match="número suelto"):
        softmax(np.float64(3.0))
    with pytest.raises(ValueError, match="no existe"):
        Softmax(eje=1).forward(np.ones(4))
    with pytest.raises(ValueError, match="no tiene elementos"):
        softmax(np.ones((3, 0)))
    with pytest.raises(TypeError, match="eje debe ser un entero"):
        softmax(np.ones(3), eje="0")


# --- registro ---------------------------------------------------------------------------------
def test_registro_y_crear_activacion():
    assert set(ACTIVACIONES) == {
        "identidad", "escalon", "sigmoide", "tanh", "relu", "leaky_relu", "elu", "gelu", "softmax"
    }
    for nombre, clase in ACTIVACIONES.items():
        capa = crear_activacion(nombre)
        assert type(capa) is clase and capa.nombre == nombre and isinstance(capa, CapaActivacion)
    assert isinstance(crear_activacion("Escalón"), Escalon)
    assert isinstance(crear_activacion("Leaky ReLU"), LeakyReLU)
    assert isinstance(crear_activacion(" GELU "), GELU)
    assert crear_activacion("leaky-relu", pendiente=0.2).pendiente == 0.2
    assert crear_activacion("gelu", aproximacion="tanh").aproximacion == "tanh"
    assert crear_activacion(ELU, alfa=2.0).alfa == 2.0
    assert crear_activacion("relu") is not crear_activacion("relu")  # siempre un objeto nuevo


def test_crear_activacion_errores():
    with pytest.raises(ValueError, match="activación desconocida: 'swish'.*relu, leaky_relu"):
        crear_activacion("swish")
    with pytest.raises(TypeError, match="ReLU no admite las opciones"):
        crear_activacion("relu", pendiente=0.1)
    with pytest.raises(TypeError, match="nombre de una activación"):
        crear_activacion(3)
    with pytest.raises(ValueError, match="aproximación"):
        crear_activacion("gelu", aproximacion="rara")  # el error de la clase llega intacto


def test_repr():
    assert repr(ReLU()) == "ReLU()"
    assert repr(LeakyReLU(0.2)) == "LeakyReLU(pendiente=0.2)"
    assert repr(ELU()) == "ELU(alfa=1)"
    assert repr(GELU("tanh")) == "GELU(aproximacion='tanh')"
    assert repr(Softmax(0)) == "Softmax(eje=0)"


# --- dentro de una red: Secuencial (Lab02) + CapaDensa (Lab05) ---------------------------------
def test_activaciones_dentro_de_secuencial_igual_que_pytorch():
    rng = np.random.default_rng(50)
    capas = [CapaDensa(4, 6, semilla=1), Tanh(), CapaDensa(6, 6, semilla=2), ReLU(),
             CapaDensa(6, 5, semilla=3), GELU(), CapaDensa(5, 3, semilla=4), Softmax()]
    for capa in capas:
        if isinstance(capa, CapaDensa):
            capa.b.datos = rng.normal(size=capa.b.datos.shape)
    red = Secuencial(*capas)
    x, g = rng.normal(size=(8, 4)), rng.normal(size=(8, 3))
    y = red.forward(x)
    red.zero_grad()
    dx = red.backward(g)

    xt = torch.tensor(x, requires_grad=True)
    pesos = [(torch.tensor(c.W.datos, requires_grad=True), torch.tensor(c.b.datos, requires_grad=True))
             for c in capas if isinstance(c, CapaDensa)]
    h = xt
    for (W, b), f in zip(pesos, [torch.tanh, torch.relu, F.gelu, lambda t: torch.softmax(t, -1)]):
        h = f(h @ W + b)
    (h * torch.tensor(g)).sum().backward()
    assert error_relativo(y, h.detach().numpy()) <= TOLERANCIA_TORCH
    assert error_relativo(dx, xt.grad.numpy()) <= TOLERANCIA_TORCH
    densas = [c for c in capas if isinstance(c, CapaDensa)]
    for capa, (W, b) in zip(densas, pesos):
        assert error_relativo(capa.W.grad, W.grad.numpy()) <= TOLERANCIA_TORCH
        assert error_relativo(capa.b.grad, b.grad.numpy()) <= TOLERANCIA_TORCH
    errores = comprobar_gradiente_capa(red, x, semilla=3)
    assert max(errores.values()) < TOLERANCIA_NUMERICA, errores


def test_cada_capa_guarda_su_propia_entrada():
    a, b = ReLU(), ReLU()
    red = Secuencial(a, CapaDensa(2, 2, semilla=0), b)
    x = np.array([[1.0, -2.0]])
    red.forward(x)
    np.testing.assert_array_equal(a.entrada, x)
    assert b.entrada is not a.entrada
    assert a.parameters() == [] and a.num_parametros() == 0
    assert a.train() is a and a.eval() is a and a.entrenando is False
