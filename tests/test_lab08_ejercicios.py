"""Autocomprobaciones del Lab08: cada una acierta con la solución, dice «⏳» con el relleno de la
versión del estudiante y, con el error típico de su ejercicio, lo nombra (sin lanzar)."""

from __future__ import annotations

import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    comprobar_ddp,
    comprobar_evaluacion_torch,
    comprobar_flops_densa,
    comprobar_formas_linear_dense,
    comprobar_gradiente_autograd,
    comprobar_modelo_regresion,
    comprobar_modulo,
    comprobar_paso_entrenamiento,
)

pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")


def _sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


# --- 1 · autograd ----------------------------------------------------------------------------------
X1, Y1 = 1.5, -0.5
GRAD1 = (2 * X1 * Y1 + Y1 * math.cos(X1 * Y1), X1**2 + X1 * math.cos(X1 * Y1))


def test_gradiente_autograd_correcto_y_sin_hacer(capsys):
    assert comprobar_gradiente_autograd(GRAD1) and "✅" in _salida(capsys)
    assert not comprobar_gradiente_autograd(None) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "respuesta,palabra",
    [
        (GRAD1[::-1], "intercambiadas"),
        ((2 * GRAD1[0], 2 * GRAD1[1]), "backward() dos veces"),
        ((2 * X1 * Y1, X1**2), "sin(x·y)"),
        ((2 * X1 * Y1 + math.cos(X1 * Y1), X1**2 + math.cos(X1 * Y1)), "Regla de la cadena"),
        ((1.0, 2.0, 3.0), "dos derivadas"),
        ("no", "pareja de números"),
    ],
)
def test_gradiente_autograd_errores_tipicos(capsys, respuesta, palabra):
    assert not comprobar_gradiente_autograd(respuesta)
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


# --- 2 · nn.Module ---------------------------------------------------------------------------------
class _DosTanh(nn.Module):
    def __init__(self):
        super().__init__()
        self.red = nn.Sequential(
            nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 10)
        )

    def forward(self, x):
        return self.red(x)


class _UnaTanhReutilizada(nn.Module):
    def __init__(self):
        super().__init__()
        self.salida = nn.Linear(32, 10)  # registrada en otro orden: la comprobación mira las formas
        self.oculta1, self.oculta2 = nn.Linear(64, 32), nn.Linear(32, 32)
        self.activacion = nn.Tanh()  # sin estado: usarla dos veces es seguro

    def forward(self, x):
        return self.salida(self.activacion(self.oculta2(self.activacion(self.oculta1(x)))))


class _Funcional(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c = nn.Linear(64, 32), nn.Linear(32, 32), nn.Linear(32, 10)

    def forward(self, x):
        return self.c(torch.tanh(self.b(torch.tanh(self.a(x)))))


class _ConReLU(_Funcional):
    def forward(self, x):
        return self.c(torch.relu(self.b(torch.relu(self.a(x)))))


class _SinActivacion(_Funcional):
    def forward(self, x):
        return self.c(self.b(self.a(x)))


class _TanhDeMas(_Funcional):
    def forward(self, x):
        return torch.tanh(super().forward(x))


class _ListaPython(nn.Module):
    def __init__(self):
        super().__init__()
        self.capas = [nn.Linear(64, 32), nn.Linear(32, 32), nn.Linear(32, 10)]  # no se registran

    def forward(self, x):
        for capa in self.capas[:-1]:
            x = torch.tanh(capa(x))
        return self.capas[-1](x)


class _Pequena(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(64, 10)

    def forward(self, x):
        return self.a(x)


class _ClaseSinHacer(nn.Module):
    def __init__(self):
        super().__init__()
        raise NotImplementedError("ejercicio sin hacer")


@pytest.mark.parametrize("clase", [_DosTanh, _UnaTanhReutilizada, _Funcional])
def test_modulo_correcto(capsys, clase):
    assert comprobar_modulo(clase) and "✅" in _salida(capsys)


def test_modulo_sin_hacer(capsys):
    assert not comprobar_modulo(None) and "⏳" in _salida(capsys)
    assert not comprobar_modulo(_ClaseSinHacer) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "clase,palabra",
    [
        (_ConReLU, "Usaste ReLU"),
        (_SinActivacion, "faltan las dos activaciones"),
        (_TanhDeMas, "sobra una"),
        (_ListaPython, "lista de Python"),
        (_Pequena, "deberían ser 64→32"),
        (int, "herede de nn.Module"),
    ],
)
def test_modulo_errores_tipicos(capsys, clase, palabra):
    assert not comprobar_modulo(clase)
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


def test_modulo_objeto_en_lugar_de_clase(capsys):
    assert not comprobar_modulo(_DosTanh()) and "sin paréntesis" in _salida(capsys)


# --- 3 · el paso de entrenamiento ------------------------------------------------------------------
def _paso_bueno(modelo, X, y, perdida, optimizador):
    optimizador.zero_grad()
    valor = perdida(modelo(X), y)
    valor.backward()
    optimizador.step()
    return valor.item()


def _paso_sin_zero_grad(modelo, X, y, perdida, optimizador):
    valor = perdida(modelo(X), y)
    valor.backward()
    optimizador.step()
    return valor.item()


def _paso_sin_step(modelo, X, y, perdida, optimizador):
    optimizador.zero_grad()
    valor = perdida(modelo(X), y)
    valor.backward()
    return valor.item()


def _paso_zero_grad_tarde(modelo, X, y, perdida, optimizador):
    valor = perdida(modelo(X), y)
    valor.backward()
    optimizador.zero_grad()
    optimizador.step()
    return valor.item()


def _paso_con_softmax(modelo, X, y, perdida, optimizador):
    optimizador.zero_grad()
    valor = perdida(torch.softmax(modelo(X), dim=1), y)
    valor.backward()
    optimizador.step()
    return valor.item()


def test_paso_correcto_y_sin_hacer(capsys):
    assert comprobar_paso_entrenamiento(_paso_bueno) and "✅" in _salida(capsys)
    assert not comprobar_paso_entrenamiento(_sin_hacer) and "⏳" in _salida(capsys)
    assert not comprobar_paso_entrenamiento(None) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "paso,palabra",
    [
        (_paso_sin_zero_grad, "olvidaste optimizador.zero_grad()"),
        (_paso_sin_step, "falta optimizador.step()"),
        (_paso_zero_grad_tarde, "entre backward() y step()"),
        (_paso_con_softmax, "softmax antes de nn.CrossEntropyLoss"),
        (lambda m, X, y, p, o: "texto", "return perdida.item()"),
        (lambda *a: 1 / 0, "ZeroDivisionError"),
    ],
)
def test_paso_errores_tipicos(capsys, paso, palabra):
    assert not comprobar_paso_entrenamiento(paso)
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


# --- 4 · Keras, regresión --------------------------------------------------------------------------
def _modelo_keras(salidas=1, activacion=None, perdida="mse", compilar=True, entradas=10):
    import keras

    modelo = keras.Sequential(
        [keras.Input((entradas,)), keras.layers.Dense(8, activation="relu"),
         keras.layers.Dense(salidas, activation=activacion)]
    )
    if compilar:
        modelo.compile(optimizer="adam", loss=perdida)
    return modelo


def _ecm_propio(y_real, y_pred):
    import keras

    return keras.ops.mean(keras.ops.square(y_pred - y_real), axis=-1)


def test_modelo_regresion_correcto_con_cualquier_forma_de_la_perdida(capsys):
    import keras

    for perdida in ("mse", "mean_squared_error", keras.losses.MeanSquaredError(),
                    keras.losses.mean_squared_error, _ecm_propio):
        assert comprobar_modelo_regresion(_modelo_keras(perdida=perdida)), perdida
        assert "✅" in _salida(capsys)


def test_modelo_regresion_sin_hacer(capsys):
    assert not comprobar_modelo_regresion(None) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "opciones,palabra",
    [
        ({"salidas": 3}, "(N, 1)"),
        ({"activacion": "sigmoid"}, "'sigmoid'"),
        ({"activacion": "relu"}, "'relu'"),
        ({"perdida": "mae"}, "error absoluto medio (MAE)"),
        ({"perdida": "binary_crossentropy"}, "no es el error cuadrático medio"),
        ({"compilar": False}, "no está compilado"),
        ({"entradas": 5}, "lote (3, 10)"),
    ],
)
def test_modelo_regresion_errores_tipicos(capsys, opciones, palabra):
    assert not comprobar_modelo_regresion(_modelo_keras(**opciones))
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


def test_modelo_regresion_no_es_un_modelo(capsys):
    assert not comprobar_modelo_regresion("modelo") and "modelo de Keras" in _salida(capsys)


# --- 5 · predecir formas -----------------------------------------------------------------------------
def test_formas_linear_dense(capsys):
    assert comprobar_formas_linear_dense((5, 20), (20, 5), 105) and "✅" in _salida(capsys)
    assert not comprobar_formas_linear_dense(None, (20, 5), 105) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "respuesta,palabra",
    [
        (((20, 5), (20, 5), 105), "PyTorch guarda weight traspuesta"),
        (((5, 20), (5, 20), 105), "Keras guarda kernel como (entradas, salidas)"),
        (((5, 20), (20, 5), 100), "Olvidaste los sesgos"),
        (((5, 20), (20, 5), 125), "un sesgo por cada salida"),
        ((5, (20, 5), 105), "dos tuplas"),
    ],
)
def test_formas_linear_dense_errores_tipicos(capsys, respuesta, palabra):
    assert not comprobar_formas_linear_dense(*respuesta)
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


# --- 6 · evaluar -------------------------------------------------------------------------------------
def _evaluar_bien(modelo, X, y):
    modelo.eval()
    with torch.no_grad():
        return (modelo(X).argmax(dim=1) == y).float().mean().item()


def _evaluar_sin_eval(modelo, X, y):
    with torch.no_grad():
        return (modelo(X).argmax(dim=1) == y).float().mean().item()


def _evaluar_sin_no_grad(modelo, X, y):
    modelo.eval()
    return (modelo(X).argmax(dim=1) == y).float().mean().item()


def _evaluar_aciertos(modelo, X, y):
    modelo.eval()
    with torch.no_grad():
        return (modelo(X).argmax(dim=1) == y).sum().item()


def _evaluar_tensor_con_grafo(modelo, X, y):
    modelo.eval()
    return torch.softmax(modelo(X), dim=1).max(dim=1).values.mean()


def test_evaluacion_correcta_y_sin_hacer(capsys):
    assert comprobar_evaluacion_torch(_evaluar_bien) and "✅" in _salida(capsys)

    def con_inference_mode(modelo, X, y):
        modelo.eval()
        with torch.inference_mode():
            return float((modelo(X).argmax(1) == y).double().mean())

    assert comprobar_evaluacion_torch(con_inference_mode)
    assert not comprobar_evaluacion_torch(_sin_hacer) and "⏳" in _salida(capsys)


@pytest.mark.parametrize(
    "evaluar,palabra",
    [
        (_evaluar_sin_eval, "modelo.eval()"),
        (_evaluar_sin_no_grad, "torch.no_grad()"),
        (_evaluar_aciertos, "número de aciertos"),
        (_evaluar_tensor_con_grafo, "arrastra su grafo"),
        (lambda modelo, X, y: 0.5, "no llamó al modelo"),
    ],
)
def test_evaluacion_errores_tipicos(capsys, evaluar, palabra):
    assert not comprobar_evaluacion_torch(evaluar)
    salida = _salida(capsys)
    assert "❌" in salida and palabra in salida


def test_evaluacion_no_toca_la_semilla_global():
    torch.manual_seed(123)
    esperado = torch.rand(3)
    torch.manual_seed(123)
    comprobar_evaluacion_torch(_evaluar_bien)
    assert torch.equal(torch.rand(3), esperado)


# --- ejemplos de teoria.md ---------------------------------------------------------------------------
def test_flops_densa(capsys):
    assert comprobar_flops_densa(3 * 2 * 128 * 256 * 64) and "12.6 millones" in _salida(capsys)
    assert not comprobar_flops_densa(None) and "⏳" in _salida(capsys)
    assert not comprobar_flops_densa(2 * 128 * 256 * 64) and "Sólo contaste el forward" in _salida(capsys)
    assert not comprobar_flops_densa(3 * 128 * 256 * 64) and "2 operaciones" in _salida(capsys)
    assert not comprobar_flops_densa("muchas") and "entero" in _salida(capsys)


def test_ddp(capsys):
    assert comprobar_ddp(64, 8) and "✅" in _salida(capsys)
    assert not comprobar_ddp(None, 8) and "⏳" in _salida(capsys)
    assert not comprobar_ddp(16, 32) and "lote de cada proceso" in _salida(capsys)
    assert not comprobar_ddp(64, 32) and "divide los 512" in _salida(capsys)
    assert not comprobar_ddp(np.nan, 8) and "❌" in _salida(capsys)
