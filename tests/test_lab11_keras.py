"""Pruebas del Lab11 (Keras): la LSTM de pronóstico, su entrenamiento con EarlyStopping y su uso
con ventanas de niveles a través de ``PronosticoDiferencias``."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import keras_rnn  # noqa: E402
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.keras_rnn import (  # noqa: E402
    construir_lstm_keras,
    entrenar_lstm_keras,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.pronostico_torch import PronosticoDiferencias  # noqa: E402
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.series import crear_ventanas  # noqa: E402

# Aviso interno de TensorFlow 2.21 con NumPy 2 (EagerTensor.__array__ sin «copy»), no de este laboratorio.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")


def test_lstm_keras_capas_formas_y_semilla():
    modelo = construir_lstm_keras(6, n_oculto=4, horizonte=3, semilla=0)
    assert [type(c).__name__ for c in modelo.layers] == ["LSTM", "Dense"]
    assert modelo.input_shape == (None, 6, 1) and modelo.output_shape == (None, 3)
    assert modelo.count_params() == 4 * (4 * (1 + 4) + 4) + (4 * 3 + 3)  # 4 puertas + la cabeza
    assert modelo.optimizer is not None and type(modelo.loss).__name__ == "MeanSquaredError"
    otro = construir_lstm_keras(6, n_oculto=4, horizonte=3, semilla=0)
    for a, b in zip(modelo.get_weights(), otro.get_weights()):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="longitud debe ser un entero positivo"):
        construir_lstm_keras(0)


def test_entrenar_lstm_keras_dos_epocas_con_early_stopping(monkeypatch):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 5, 1)).astype(np.float32)
    y = np.concatenate([X[:, -1], X[:, -2]], axis=1)  # (N, 2)
    modelo = construir_lstm_keras(5, n_oculto=4, horizonte=2)
    vistos = {}
    original = keras_rnn.entrenar_keras

    def espia(*args, **kwargs):
        vistos["callbacks"] = args[-1]
        return original(*args, **kwargs)

    monkeypatch.setattr(keras_rnn, "entrenar_keras", espia)
    historial = entrenar_lstm_keras(modelo, (X[:32], y[:32]), (X[32:], y[32:]), epocas=2, tamano_lote=16,
                                    paciencia=3)
    assert len(historial["perdida"]) == len(historial["perdida_val"]) == 2
    (parada,) = vistos["callbacks"]
    assert type(parada).__name__ == "EarlyStopping" and parada.monitor == "val_loss"
    assert parada.restore_best_weights and parada.patience == 3
    assert np.asarray(modelo(X[:7])).shape == (7, 2)
    entrenar_lstm_keras(modelo, (X, y), epocas=1, tamano_lote=16)  # sin validación: sin EarlyStopping
    assert vistos["callbacks"] == []


def test_lstm_keras_con_ventanas_de_niveles():
    serie = 300 + 0.1 * np.arange(80) + np.sin(2 * np.pi * np.arange(80) / 12)
    X, y = crear_ventanas(serie, 9)
    pronostico = PronosticoDiferencias(construir_lstm_keras(8, n_oculto=4))
    historial = pronostico.ajustar((X[:50], y[:50]), (X[50:], y[50:]), epocas=2, tamano_lote=16)
    assert "perdida_val" in historial and pronostico.segundos > 0
    prediccion = pronostico.predecir(X[50:])
    assert prediccion.shape == (len(X) - 50, 1) and np.all(np.isfinite(prediccion))
    assert np.all(np.abs(prediccion - X[50:, -1]) < 5)  # último valor + un cambio pequeño
