"""Pruebas del Lab10 (Keras): la CNN de Keras y el paso entre canales al final y al principio."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab10_Redes_Neuronales_Convolucionales.codigo.datos import cargar_digitos_imagenes  # noqa: E402
from Lab10_Redes_Neuronales_Convolucionales.codigo.keras_cnn import (  # noqa: E402
    a_canales_primero,
    a_canales_ultimo,
    construir_cnn_keras,
)

# Aviso interno de TensorFlow 2.21 con NumPy 2 (EagerTensor.__array__ sin «copy»), no de este laboratorio.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")


def test_canales_ultimo_y_primero_numpy_y_torch():
    x = np.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5)  # (N, C, H, W)
    y = a_canales_ultimo(x)
    assert y.shape == (2, 4, 5, 3) and y[1, 2, 3, 0] == x[1, 0, 2, 3]
    np.testing.assert_array_equal(a_canales_primero(y), x)
    t = torch.as_tensor(x)
    assert a_canales_ultimo(t).shape == (2, 4, 5, 3) and isinstance(a_canales_ultimo(t), torch.Tensor)
    assert torch.equal(a_canales_primero(a_canales_ultimo(t)), t)
    with pytest.raises(ValueError, match=r"se esperaba un lote de imágenes de forma \(N, C, H, W\)"):
        a_canales_ultimo(np.zeros((3, 8, 8)))


def test_cnn_keras_forma_capas_y_semilla():
    modelo = construir_cnn_keras((8, 8, 1), n_clases=10)
    assert modelo.input_shape == (None, 8, 8, 1) and modelo.output_shape == (None, 10)
    assert [type(c).__name__ for c in modelo.layers] == [
        "Conv2D",
        "MaxPooling2D",
        "Conv2D",
        "MaxPooling2D",
        "Flatten",
        "Dense",
    ]
    assert modelo.count_params() == 6090  # los mismos parámetros que LeNetTorch()
    assert modelo.optimizer is not None and modelo.loss.get_config()["from_logits"]
    otro = construir_cnn_keras((8, 8, 1), n_clases=10, semilla=0)
    for a, b in zip(modelo.get_weights(), otro.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert construir_cnn_keras((16, 12, 3), n_clases=4).output_shape == (None, 4)
    with pytest.raises(ValueError, match="canales al final"):
        construir_cnn_keras((1, 8, 8))


def test_cnn_keras_entrena_una_epoca_mejor_que_el_azar():
    (X, y), _, (X_pru, y_pru) = cargar_digitos_imagenes(semilla=0, dtype=np.float32)
    X, y = a_canales_ultimo(X[:400]), y[:400]
    modelo = construir_cnn_keras((8, 8, 1), 10, tasa_aprendizaje=1e-2, semilla=0)
    historia = modelo.fit(X, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
    assert np.isfinite(historia.history["loss"][0])
    _, exactitud = modelo.evaluate(a_canales_ultimo(X_pru), y_pru, verbose=0)
    assert exactitud > 0.3  # azar = 0.1
    with pytest.raises(ValueError):
        modelo.predict(X_pru[:2], verbose=0)  # (N, 1, 8, 8) sin pasar a canales al final
