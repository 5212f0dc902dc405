"""Pruebas del Lab08: script de velocidad (sin afirmaciones sobre tiempos), gráficos y ejercicios."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    ConfiguracionVelocidad,
    comprobar_ddp,
    comprobar_flops_densa,
    comprobar_gradiente_autograd,
    comprobar_modelo_regresion,
    comprobar_modulo,
    comprobar_paso_entrenamiento,
    graficar_historiales,
    graficar_velocidad,
    informe_velocidad,
    medir_densa,
    medir_velocidad,
    mismos_hilos,
    pico_matmul,
)
from Lab08_Frameworks_DeepLearning.codigo import comparar_velocidad as modulo_velocidad  # noqa: E402, I001

pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")

DIMINUTA = ConfiguracionVelocidad(
    oculta=8, repeticiones=1, tamanos_densa=[(8, 8, 8), (16, 8, 4)], n_pico=64, keras=False
)


# --- velocidad (se comprueba la estructura, nunca el tiempo) ---------------------------------------
def test_comparar_velocidad_estructura_e_informe():
    resultados = medir_velocidad(DIMINUTA, "cpu")
    assert set(resultados["epoca"]) == {"NumPy", "PyTorch"}
    assert set(resultados["densa"]) == {(8, 8, 8), (16, 8, 4)}
    assert all(t > 0 for t in resultados["epoca"].values())
    assert resultados["pico_cpu"] == max(resultados["picos"].values()) > 0
    informe = informe_velocidad(resultados)
    assert "×PyTorch" in informe and "GFLOP/s" in informe and "16×8×4" in informe
    assert informe.count("PyTorch         ") >= 1
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax = graficar_velocidad(resultados, ax=ax)
    assert len(ax.patches) == 2 * 3  # 2 bibliotecas × (época + 2 tamaños)


def test_mismos_hilos_y_restaura():
    from threadpoolctl import threadpool_info

    antes = torch.get_num_threads()
    with mismos_hilos(1) as hilos:
        assert hilos == 1 and torch.get_num_threads() == 1
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert torch.get_num_threads() == antes
    resultados = medir_velocidad(ConfiguracionVelocidad(**{**vars(DIMINUTA), "hilos": 1}), "cpu")
    assert resultados["hilos"] == 1 and "con 1 hilo(s)" in informe_velocidad(resultados)


def test_pico_matmul_bibliotecas():
    assert pico_matmul(32, 1, "cpu", "numpy") > 0 and pico_matmul(32, 1, "cpu", "torch") > 0
    assert pico_matmul(32, 1, "cpu", "tensorflow") > 0
    with pytest.raises(ValueError, match="biblioteca desconocida"):
        pico_matmul(8, 1, "cpu", "jax")


def test_medir_densa_con_keras():
    config = ConfiguracionVelocidad(repeticiones=1, keras=True)
    assert set(medir_densa((4, 3, 2), config, torch.device("cpu"))) == {"NumPy", "PyTorch", "Keras"}


def test_main_rapido_sin_keras(monkeypatch, capsys):
    monkeypatch.setattr(modulo_velocidad, "CONFIGURACION_RAPIDA", DIMINUTA)
    assert modulo_velocidad.main(["--rapido", "--sin-keras", "--dispositivo", "cpu"]) == 0
    salida = capsys.readouterr().out
    assert "PyTorch usará: CPU" in salida and "1) Una época" in salida and "2) Capa densa" in salida


def test_graficar_historiales():
    historiales = {
        "A": {"perdida": [1.0, 0.5], "perdida_val": [1.2, 0.7]},
        "B": {"perdida": [0.9, 0.4], "perdida_val": [1.0, 0.8]},
    }
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax = graficar_historiales(historiales, ax=ax)
    assert len(ax.lines) == 4
    with pytest.raises(KeyError, match="no tiene 'exactitud'"):
        graficar_historiales(historiales, ["exactitud"])
    with pytest.raises(ValueError, match="vacío"):
        graficar_historiales({})


# --- ejercicios: aciertan con la solución, fallan (sin lanzar) con errores típicos -----------------
def test_comprobar_gradiente_autograd(capsys):
    x, y = 1.5, -0.5
    assert comprobar_gradiente_autograd((2 * x * y + y * np.cos(x * y), x**2 + x * np.cos(x * y)))
    assert not comprobar_gradiente_autograd((2 * x * y, x**2))
    assert not comprobar_gradiente_autograd("no")
    assert not comprobar_gradiente_autograd((1.0, 2.0, 3.0))
    assert "✅" in capsys.readouterr().out


class _Buena(nn.Module):
    def __init__(self):
        super().__init__()
        self.red = nn.Sequential(
            nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 10)
        )

    def forward(self, x):
        return self.red(x)


class _Funcional(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c = nn.Linear(64, 32), nn.Linear(32, 32), nn.Linear(32, 10)

    def forward(self, x):
        return self.c(torch.tanh(self.b(torch.tanh(self.a(x)))))


class _SinActivacion(_Funcional):
    def forward(self, x):
        return self.c(self.b(self.a(x)))


class _Pequena(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(64, 10)

    def forward(self, x):
        return self.a(x)


def test_comprobar_modulo(capsys):
    assert comprobar_modulo(_Buena) and comprobar_modulo(_Funcional)
    assert not comprobar_modulo(_SinActivacion)
    assert not comprobar_modulo(_Pequena)
    assert not comprobar_modulo(int)
    assert "faltan las dos activaciones" in capsys.readouterr().out
    assert not comprobar_modulo(_Buena())  # un objeto en lugar de la clase
    assert "sin paréntesis" in capsys.readouterr().out


def test_comprobar_paso_entrenamiento(capsys):
    def bueno(modelo, X, y, perdida, optimizador):
        optimizador.zero_grad()
        valor = perdida(modelo(X), y)
        valor.backward()
        optimizador.step()
        return valor.item()

    def sin_zero_grad(modelo, X, y, perdida, optimizador):
        valor = perdida(modelo(X), y)
        valor.backward()
        optimizador.step()
        return valor.item()

    def sin_step(modelo, X, y, perdida, optimizador):
        optimizador.zero_grad()
        valor = perdida(modelo(X), y)
        valor.backward()
        return valor.item()

    assert comprobar_paso_entrenamiento(bueno)
    assert not comprobar_paso_entrenamiento(sin_zero_grad)
    assert "zero_grad" in capsys.readouterr().out
    assert not comprobar_paso_entrenamiento(sin_step)
    assert not comprobar_paso_entrenamiento(lambda *a: 1 / 0)
    assert not comprobar_paso_entrenamiento(lambda m, X, y, p, o: "texto")


def test_comprobar_modelo_regresion():
    import keras

    def modelo(salidas=1, activacion=None, perdida="mse"):
        m = keras.Sequential(
            [
                keras.Input((10,)),
                keras.layers.Dense(8, activation="relu"),
                keras.layers.Dense(salidas, activation=activacion),
            ]
        )
        m.compile(optimizer="adam", loss=perdida)
        return m

    assert comprobar_modelo_regresion(modelo())
    assert comprobar_modelo_regresion(modelo(perdida=keras.losses.MeanSquaredError()))
    assert not comprobar_modelo_regresion(modelo(salidas=3))
    assert not comprobar_modelo_regresion(modelo(activacion="sigmoid"))
    assert not comprobar_modelo_regresion(modelo(perdida="mae"))
    assert not comprobar_modelo_regresion("modelo")
    sin_compilar = keras.Sequential([keras.Input((10,)), keras.layers.Dense(1)])
    assert not comprobar_modelo_regresion(sin_compilar)
    assert not comprobar_modelo_regresion(keras.Sequential([keras.Input((5,)), keras.layers.Dense(1)]))


def test_comprobar_flops_y_ddp():
    assert comprobar_flops_densa(3 * 2 * 128 * 256 * 64)
    assert not comprobar_flops_densa(2 * 128 * 256 * 64)
    assert not comprobar_flops_densa("muchas")
    assert comprobar_ddp(64, 8)
    assert not comprobar_ddp(16, 32)
    assert not comprobar_ddp(64, 32)
    assert not comprobar_ddp(None, 8)
