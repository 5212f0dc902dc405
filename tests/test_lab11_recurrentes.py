"""Lab11: RNN, LSTM, GRU y Embedding de NumPy contra PyTorch (float64), su comprobación numérica de
gradientes, sus errores en español y un modelo compuesto que se guarda y se carga."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from Lab02_Primera_Red_Neuronal.codigo import Capa, Secuencial
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import (
    TOLERANCIA_GRADIENTE,
    CapaDensa,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
)
from Lab06_Entrenamiento.codigo import cargar, guardar
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.celdas import sigmoide_en_sitio
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.embedding import Embedding
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.recurrentes import GRU, LSTM, RNN, CapaRecurrente
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.secuencias import PromedioTemporal, UltimoPaso

TOL = {"rtol": 1e-10, "atol": 1e-12}
NOMBRES_TORCH = {"W_ih": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_ih": "bias_ih_l0", "b_hh": "bias_hh_l0"}


def _normal(*forma, semilla=0):
    return np.random.default_rng(semilla).normal(size=forma)


def _t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


TIPOS = {  # nombre: (constructor NumPy, constructor PyTorch)
    "rnn_tanh": (lambda F, H, **k: RNN(F, H, **k), lambda F, H, **k: torch.nn.RNN(F, H, **k)),
    "rnn_relu": (lambda F, H, **k: RNN(F, H, no_linealidad="relu", **k),
                 lambda F, H, **k: torch.nn.RNN(F, H, nonlinearity="relu", **k)),
    "lstm": (lambda F, H, **k: LSTM(F, H, **k), lambda F, H, **k: torch.nn.LSTM(F, H, **k)),
    "gru": (lambda F, H, **k: GRU(F, H, **k), lambda F, H, **k: torch.nn.GRU(F, H, **k)),
}


def _pareja(tipo, F, H, sesgo=True, semilla=1):
    """La capa de NumPy y la de PyTorch (float64, batch_first) con los mismos pesos."""
    nuestra, suya = TIPOS[tipo]
    capa = nuestra(F, H, sesgo=sesgo, semilla=semilla)
    referencia = suya(F, H, bias=sesgo, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        for nombre, p in capa.named_parameters():
            destino = getattr(referencia, NOMBRES_TORCH[nombre])
            assert tuple(destino.shape) == p.forma  # mismas formas: se copian uno a uno
            destino.copy_(torch.from_numpy(p.datos))
    return capa, referencia


# --- contra PyTorch ---------------------------------------------------------------------------
FORMAS = [(3, 5, 4, 6), (1, 1, 2, 3), (2, 1, 3, 4), (1, 7, 2, 5), (4, 3, 1, 2)]  # (N, T, F, H)


@pytest.mark.parametrize("con_estado, con_grad_final", [(False, False), (True, True), (False, True),
                                                        (True, False)])
@pytest.mark.parametrize("N, T, F, H", FORMAS)
@pytest.mark.parametrize("tipo", list(TIPOS))
def test_igual_que_pytorch(tipo, N, T, F, H, con_estado, con_grad_final):
    capa, ref = _pareja(tipo, F, H)
    es_lstm = tipo == "lstm"
    x, g = _normal(N, T, F, semilla=2), _normal(N, T, H, semilla=3)
    h0, c0 = _normal(N, H, semilla=4), _normal(N, H, semilla=5)
    gh, gc = _normal(N, H, semilla=6), _normal(N, H, semilla=7)
    estado = ((h0, c0) if es_lstm else h0) if con_estado else None
    grad_final = ((gh, gc) if es_lstm else gh) if con_grad_final else None

    salida = capa.forward(x, estado)
    resultado = capa.backward(g, grad_final)

    xt, h0t, c0t = _t(x, True), _t(h0[None], True), _t(c0[None], True)
    estado_t = ((h0t, c0t) if es_lstm else h0t) if con_estado else None
    salida_t, final_t = ref(xt, estado_t)
    hT_t, cT_t = final_t if es_lstm else (final_t, None)
    L = (salida_t * _t(g)).sum()
    if con_grad_final:
        L = L + (hT_t[0] * _t(gh)).sum() + ((cT_t[0] * _t(gc)).sum() if es_lstm else 0)
    L.backward()

    np.testing.assert_allclose(salida, salida_t.detach().numpy(), **TOL)
    if es_lstm:
        np.testing.assert_allclose(capa.estado_final[0], hT_t[0].detach().numpy(), **TOL)
        np.testing.assert_allclose(capa.estado_final[1], cT_t[0].detach().numpy(), **TOL)
    else:
        np.testing.assert_allclose(capa.estado_final, hT_t[0].detach().numpy(), **TOL)
    if con_estado:
        dx, d_estado = resultado
        if es_lstm:
            np.testing.assert_allclose(d_estado[0], h0t.grad[0].numpy(), **TOL)
            np.testing.assert_allclose(d_estado[1], c0t.grad[0].numpy(), **TOL)
        else:
            np.testing.assert_allclose(d_estado, h0t.grad[0].numpy(), **TOL)
    else:
        dx = resultado
        assert isinstance(dx, np.ndarray)
    assert dx.shape == (N, T, F)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    for nombre, p in capa.named_parameters():
        np.testing.assert_allclose(p.grad, getattr(ref, NOMBRES_TORCH[nombre]).grad.numpy(), **TOL)


@pytest.mark.parametrize("tipo", list(TIPOS))
def test_sin_sesgo_igual_que_pytorch(tipo):
    capa, ref = _pareja(tipo, 3, 4, sesgo=False)
    assert [n for n, _ in capa.named_parameters()] == ["W_ih", "W_hh"]
    x, g = _normal(2, 4, 3), _normal(2, 4, 4, semilla=1)
    y = capa.forward(x)
    dx = capa.backward(g)
    xt = _t(x, True)
    yt, _ = ref(xt)
    yt.backward(_t(g))
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    np.testing.assert_allclose(capa.W_hh.grad, ref.weight_hh_l0.grad.numpy(), **TOL)


def test_los_gradientes_se_acumulan():
    capa = LSTM(3, 4, semilla=0)
    x, g = _normal(2, 3, 3), _normal(2, 3, 4, semilla=1)
    capa.forward(x)
    capa.backward(g)
    una = capa.W_hh.grad.copy()
    capa.forward(x)
    capa.backward(g)
    np.testing.assert_allclose(capa.W_hh.grad, 2 * una, rtol=1e-12)


# --- comprobación numérica --------------------------------------------------------------------
class _LSTMConEstado(Capa):
    """Adaptador para la comprobación: ``forward(x, h0, c0)`` con tres arreglos (no una pareja)."""

    def __init__(self, lstm: LSTM) -> None:
        super().__init__()
        self.lstm = lstm

    def forward(self, x, h0, c0):
        return self.lstm.forward(x, (h0, c0))

    def backward(self, *grads):
        dx, (dh0, dc0) = self.lstm.backward(*grads)
        return dx, dh0, dc0


@pytest.mark.parametrize("tipo", list(TIPOS))
def test_comprobacion_de_gradientes(tipo):
    capa = TIPOS[tipo][0](3, 4, semilla=0)
    x = _normal(2, 4, 3) + (0.3 if tipo == "rnn_relu" else 0.0)
    errores = comprobar_gradiente_capa(capa, x)
    assert set(errores) == {"entrada", "W_ih", "W_hh", "b_ih", "b_hh"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


@pytest.mark.parametrize("tipo", list(TIPOS))
def test_comprobacion_de_gradientes_devolviendo_el_estado(tipo):
    """Con ``devolver_estado=True`` la salida es ``(H, h_T)`` o ``(H, (h_T, c_T))``: los dos cuentan."""
    capa = TIPOS[tipo][0](2, 3, semilla=1, devolver_estado=True)
    errores = comprobar_gradiente_capa(capa, _normal(2, 3, 2, semilla=2) + 0.2)
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


@pytest.mark.parametrize("tipo", ["rnn_tanh", "gru"])
def test_comprobacion_de_gradientes_con_estado_inicial(tipo):
    capa = TIPOS[tipo][0](2, 3, semilla=0, devolver_estado=True)
    errores = comprobar_gradiente_capa(capa, (_normal(2, 3, 2), _normal(2, 3, semilla=1)))
    assert set(errores) >= {"entrada_0", "entrada_1"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_comprobacion_de_gradientes_lstm_con_estado_inicial():
    capa = _LSTMConEstado(LSTM(2, 3, semilla=0, devolver_estado=True))
    entradas = (_normal(2, 3, 2), _normal(2, 3, semilla=1), _normal(2, 3, semilla=2))
    errores = comprobar_gradiente_capa(capa, entradas)
    assert set(errores) >= {"entrada_0", "entrada_1", "entrada_2", "lstm.W_hh"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


# --- pesos, salida y estado -------------------------------------------------------------------
@pytest.mark.parametrize("clase, G, puertas", [(RNN, 1, ("h",)), (LSTM, 4, ("i", "f", "g", "o")),
                                              (GRU, 3, ("r", "z", "n"))])
def test_pesos_como_pytorch(clase, G, puertas):
    capa = clase(5, 16, semilla=0)
    assert isinstance(capa, CapaRecurrente) and clase.PUERTAS == puertas
    assert [(n, p.forma) for n, p in capa.named_parameters()] == [
        ("W_ih", (G * 16, 5)), ("W_hh", (G * 16, 16)), ("b_ih", (G * 16,)), ("b_hh", (G * 16,))]
    for p in capa.parameters():  # U(−1/√H, 1/√H)
        assert np.abs(p.datos).max() <= 0.25 and np.abs(p.datos).max() > 0.2
    assert np.array_equal(capa.W_hh.datos, clase(5, 16, semilla=0).W_hh.datos)
    assert not np.array_equal(capa.W_hh.datos, clase(5, 16, semilla=1).W_hh.datos)


def test_devolver_estado_y_estado_final():
    lstm = LSTM(3, 4, semilla=0, devolver_estado=True)
    x, g = _normal(2, 5, 3), _normal(2, 5, 4, semilla=1)
    H, (hT, cT) = lstm.forward(x)
    assert H.shape == (2, 5, 4) and hT.shape == cT.shape == (2, 4)
    np.testing.assert_array_equal(H[:, -1], hT)
    H[...], hT[...] = 99.0, 99.0  # modificar lo devuelto no cambia lo que la capa guarda para backward
    dx = lstm.backward(g)
    limpia = LSTM(3, 4, semilla=0)
    limpia.forward(x)
    np.testing.assert_array_equal(dx, limpia.backward(g))
    rnn = RNN(3, 4, semilla=0)
    salida = rnn.forward(x)
    assert isinstance(salida, np.ndarray)
    np.testing.assert_array_equal(salida[:, -1], rnn.estado_final)


def test_continuar_con_el_estado_es_lo_mismo_que_una_secuencia_larga():
    """Leer 6 pasos de una vez, o 3 y luego 3 más desde el estado final, da lo mismo."""
    for capa in (LSTM(2, 3, semilla=0), GRU(2, 3, semilla=0), RNN(2, 3, semilla=0)):
        x = _normal(2, 6, 2)
        entera = capa.forward(x)
        primera = capa.forward(x[:, :3])
        segunda = capa.forward(x[:, 3:], capa.estado_final)
        np.testing.assert_allclose(np.concatenate([primera, segunda], axis=1), entera, rtol=1e-12)


def test_float32_se_conserva():
    for clase in (RNN, LSTM, GRU):
        capa = clase(3, 4, semilla=0, dtype=np.float32)
        y = capa.forward(_normal(2, 5, 3))  # una entrada float64 se convierte al dtype de los pesos
        assert y.dtype == np.float32
        dx = capa.backward(np.ones((2, 5, 4), dtype=np.float32))
        assert dx.dtype == np.float32 and capa.W_hh.grad.dtype == np.float32
        doble = clase(3, 4, semilla=0)
        np.testing.assert_allclose(y, doble.forward(_normal(2, 5, 3)), rtol=1e-4, atol=1e-5)


def test_estable_con_entradas_enormes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
        np.testing.assert_allclose(sigmoide_en_sitio(a.copy()), 1 / (1 + np.exp(-np.clip(a, -700, 700))),
                                   atol=1e-15)
        for clase in (LSTM, GRU, RNN):
            capa = clase(2, 3, semilla=0)
            y = capa.forward(1000.0 * _normal(2, 4, 2))
            dx = capa.backward(np.ones_like(y))
            assert np.all(np.isfinite(y)) and np.all(np.isfinite(dx))


# --- errores ----------------------------------------------------------------------------------
@pytest.mark.parametrize("clase", [RNN, LSTM, GRU])
def test_errores_de_entrada(clase):
    capa = clase(3, 4, semilla=0)
    with pytest.raises(ValueError, match=r"\(N, T, 3\).*se recibió \(5, 3\).*x\[None\]"):
        capa.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match="cada paso tiene 2 rasgos"):
        capa.forward(np.zeros((2, 5, 2)))
    with pytest.raises(ValueError, match="secuencia .* está vacía"):
        capa.forward(np.zeros((2, 0, 3)))
    with pytest.raises(ValueError, match="lote .* está vacío"):
        capa.forward(np.zeros((0, 5, 3)))
    x = np.zeros((2, 5, 3))
    x[0, 1, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        capa.forward(x)
    with pytest.raises(RuntimeError, match="antes que forward"):
        clase(3, 4).backward(np.zeros((2, 5, 4)))
    capa.forward(np.zeros((2, 5, 3)))
    with pytest.raises(ValueError, match="gradiente de la salida"):
        capa.backward(np.zeros((2, 4, 4)))


def test_errores_de_estado():
    rnn, lstm = RNN(3, 4), LSTM(3, 4)
    x = np.zeros((2, 5, 3))
    with pytest.raises(ValueError, match=r"estado inicial h0 de RNN de forma \(2, 4\)"):
        rnn.forward(x, np.zeros((3, 4)))
    with pytest.raises(ValueError, match=r"PyTorch usa \(1, N, H\)"):
        rnn.forward(x, np.zeros((1, 2, 4)))
    with pytest.raises(TypeError, match=r"pareja \(h, c\)"):
        lstm.forward(x, np.zeros((2, 4)))
    with pytest.raises(ValueError, match="c0 de LSTM"):
        lstm.forward(x, (np.zeros((2, 4)), np.zeros((2, 5))))
    lstm.forward(x)
    with pytest.raises(ValueError, match="estado final c_T"):
        lstm.backward(np.zeros((2, 5, 4)), (None, np.zeros((2, 3))))


def test_errores_del_constructor():
    with pytest.raises(ValueError, match="n_oculto debe ser un entero positivo"):
        LSTM(3, 0)
    with pytest.raises(ValueError, match="no_linealidad debe ser una de tanh, relu"):
        RNN(3, 4, no_linealidad="sigmoide")
    with pytest.raises(TypeError, match="devolver_estado debe ser True o False"):
        GRU(3, 4, devolver_estado="sí")


# --- Embedding --------------------------------------------------------------------------------
def test_embedding_igual_que_pytorch_con_repetidos_y_relleno():
    capa = Embedding(7, 3, indice_relleno=0, semilla=0)
    assert np.all(capa.W.datos[0] == 0)  # la fila del relleno empieza a cero, como en PyTorch
    ids = np.array([[1, 2, 1, 0], [6, 1, 0, 2]])  # 1 y 2 repetidos; 0 es el relleno
    y = capa.forward(ids)
    g = _normal(2, 4, 3)
    assert capa.backward(g) is None
    ref = torch.nn.Embedding(7, 3, padding_idx=0, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(capa.W.datos))
    yt = ref(torch.from_numpy(ids))
    yt.backward(_t(g))
    assert y.shape == (2, 4, 3)
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(capa.W.grad, ref.weight.grad.numpy(), **TOL)
    assert np.all(capa.W.grad[0] == 0) and np.all(capa.W.grad[[3, 4, 5]] == 0)


def test_embedding_inicializacion_y_formas():
    capa = Embedding(500, 20, semilla=0)
    assert capa.W.forma == (500, 20)
    assert capa.W.datos.std() == pytest.approx(1.0, rel=0.05)  # N(0, 1), como PyTorch
    assert capa.forward(np.array([3, 4])).shape == (2, 20)
    assert capa.forward(np.zeros((2, 3, 4), dtype=np.int32)).shape == (2, 3, 4, 20)
    assert Embedding(5, 2, dtype=np.float32).forward(np.array([1])).dtype == np.float32


def test_embedding_errores():
    capa = Embedding(10, 4)
    with pytest.raises(TypeError, match="identificadores de tokens enteros.*float64"):
        capa.forward(np.array([[1.0, 2.0]]))
    with pytest.raises(TypeError, match="enteros.*bool"):
        capa.forward(np.array([True, False]))
    with pytest.raises(ValueError, match=r"fuera de rango: 12; se esperaban enteros en \[0, 10\)"):
        capa.forward(np.array([[1, 12]]))
    with pytest.raises(ValueError, match="fuera de rango: -1"):
        capa.forward(np.array([-1, 3]))
    with pytest.raises(RuntimeError, match="antes que forward"):
        Embedding(3, 2).backward(np.zeros((1, 2)))
    capa.forward(np.array([[1, 2]]))
    with pytest.raises(ValueError, match="gradiente de Embedding"):
        capa.backward(np.zeros((1, 2, 3)))
    with pytest.raises(ValueError, match="indice_relleno"):
        Embedding(5, 2, indice_relleno=5)


# --- capas de secuencia y un modelo compuesto ---------------------------------------------------
def test_ultimo_paso_y_promedio_temporal():
    x = _normal(2, 4, 3)
    ultimo, media = UltimoPaso(), PromedioTemporal()
    np.testing.assert_array_equal(ultimo.forward(x), x[:, -1])
    np.testing.assert_allclose(media.forward(x), x.mean(axis=1))
    g = _normal(2, 3, semilla=1)
    dx = ultimo.backward(g)
    assert dx.shape == (2, 4, 3) and np.all(dx[:, :-1] == 0)
    np.testing.assert_array_equal(dx[:, -1], g)
    for capa in (ultimo, media):
        assert comprobar_gradiente_capa(capa, x)["entrada"] < TOLERANCIA_GRADIENTE
    with pytest.raises(ValueError, match=r"\(N, T, H\)"):
        ultimo.forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="gradiente de PromedioTemporal"):
        media.backward(np.zeros((2, 4)))


def _modelo_texto(semilla=0):
    return Secuencial(Embedding(6, 3, semilla=semilla), LSTM(3, 4, semilla=semilla), UltimoPaso(),
                      CapaDensa(4, 5, semilla=semilla))


def test_modelo_compuesto_pasa_la_comprobacion_de_gradientes():
    modelo = _modelo_texto()
    ids = np.array([[0, 1, 2, 1], [5, 4, 3, 3], [2, 2, 0, 1]])
    errores = comprobar_gradiente_modelo(modelo, EntropiaCruzada(), ids, np.array([1, 4, 0]))
    assert set(errores) == {"0.W", "1.W_ih", "1.W_hh", "1.b_ih", "1.b_hh", "3.W", "3.b"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_modelo_compuesto_se_guarda_y_se_carga(tmp_path):
    modelo, otro = _modelo_texto(0), _modelo_texto(1)
    ids = np.array([[0, 1, 2, 1], [5, 4, 3, 3]])
    assert not np.allclose(modelo.forward(ids), otro.forward(ids))
    ruta = guardar(modelo, tmp_path / "lstm_texto")
    cargar(otro, ruta)
    np.testing.assert_array_equal(otro.forward(ids), modelo.forward(ids))
