"""Pruebas del autoencoder NumPy del Lab09 (``Lab09_IA_Generativa/codigo/autoencoder.py``)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from Lab04_Funciones_Perdida.codigo import ErrorCuadraticoMedio
from Lab05_Backpropagation.codigo import (
    TOLERANCIA_GRADIENTE,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
)
from Lab09_IA_Generativa.codigo.autoencoder import (
    AutoencoderNumpy,
    anadir_ruido,
    codificar_autoencoder,
    decodificar_latentes,
    entrenar_autoencoder,
    muestrear_autoencoder,
    reconstruir,
)
from Lab09_IA_Generativa.codigo.datos import digitos_generativos


@pytest.fixture(scope="module")
def datos():
    d = digitos_generativos()
    return d["entrenamiento"][0][:300], d["prueba"][0][:100]


def _imagenes(n: int, semilla: int = 0) -> np.ndarray:
    return np.random.default_rng(semilla).uniform(size=(n, 1, 8, 8))


def test_gradiente_numerico_de_capa_y_de_modelo():
    ae = AutoencoderNumpy(dim_latente=2, ocultas=(5,), semilla=1)
    x = np.random.default_rng(0).uniform(size=(3, 64))
    errores = comprobar_gradiente_capa(ae, x)
    assert max(errores.values()) < TOLERANCIA_GRADIENTE
    assert {"entrada", "codificador.0.W", "decodificador.2.b"} <= set(errores)
    errores = comprobar_gradiente_modelo(ae, ErrorCuadraticoMedio(), x, x)
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_coincide_con_torch():
    """La misma red en PyTorch (mismos pesos) da la misma salida y los mismos gradientes."""
    ae = AutoencoderNumpy(dim_latente=3, ocultas=(7,), semilla=2)
    x = np.random.default_rng(1).uniform(size=(4, 64))
    salida = ae.forward(x)
    perdida = ErrorCuadraticoMedio()
    perdida.forward(salida, x)
    ae.zero_grad()
    ae.backward(perdida.backward())
    pesos = {n: torch.tensor(p.datos, requires_grad=True) for n, p in ae.named_parameters()}
    xt = torch.tensor(x)
    h = torch.relu(xt @ pesos["codificador.0.W"] + pesos["codificador.0.b"])
    z = h @ pesos["codificador.2.W"] + pesos["codificador.2.b"]
    h = torch.relu(z @ pesos["decodificador.0.W"] + pesos["decodificador.0.b"])
    y = torch.sigmoid(h @ pesos["decodificador.2.W"] + pesos["decodificador.2.b"])
    torch.nn.functional.mse_loss(y, xt).backward()
    np.testing.assert_allclose(salida, y.detach().numpy(), atol=1e-12)
    for nombre, p in ae.named_parameters():
        np.testing.assert_allclose(p.grad, pesos[nombre].grad.numpy(), atol=1e-12)


def test_parametros_y_zero_grad():
    ae = AutoencoderNumpy(dim_latente=2, ocultas=(32,))
    esperado = (64 * 32 + 32) + (32 * 2 + 2) + (2 * 32 + 32) + (32 * 64 + 64)
    assert ae.num_parametros() == esperado
    assert len(ae.parameters()) == 8
    ae.forward(_imagenes(2).reshape(2, 64))
    ae.backward(np.ones((2, 64)))
    assert any(np.any(p.grad != 0) for p in ae.parameters())
    ae.zero_grad()
    assert all(np.all(p.grad == 0) for p in ae.parameters())
    assert "64 → 32 → 2 → 32 → 64" in repr(ae)


def test_entrenar_baja_la_perdida_y_es_reproducible(datos):
    X, X_val = datos
    ae = AutoencoderNumpy(dim_latente=4, semilla=0)
    historial = entrenar_autoencoder(ae, X, X_val, epocas=8)
    assert historial["perdida"][-1] < 0.6 * historial["perdida"][0]
    assert historial["perdida_val"][-1] < historial["perdida_val"][0]
    otra = AutoencoderNumpy(dim_latente=4, semilla=0)
    assert entrenar_autoencoder(otra, X, X_val, epocas=8)["perdida"] == historial["perdida"]
    np.testing.assert_array_equal(reconstruir(ae, X_val), reconstruir(otra, X_val))


def test_eliminador_de_ruido_mejora_la_entrada_ruidosa(datos):
    X, X_prueba = datos
    ae = AutoencoderNumpy(dim_latente=8, ocultas=(64,), semilla=0)
    historial = entrenar_autoencoder(ae, X, X_prueba, epocas=10, ruido=0.3, copias_ruido=3)
    assert len(historial["perdida"]) == 10
    ruidosas = anadir_ruido(X_prueba, 0.3, semilla=5)
    antes = np.mean((ruidosas - X_prueba) ** 2)
    despues = np.mean((reconstruir(ae, ruidosas) - X_prueba) ** 2)
    assert despues < 0.75 * antes


def test_anadir_ruido():
    X = _imagenes(6)
    ruidosas = anadir_ruido(X, 0.5, semilla=3)
    assert ruidosas.shape == X.shape and ruidosas.min() >= 0 and ruidosas.max() <= 1
    assert not np.allclose(ruidosas, X)
    np.testing.assert_array_equal(ruidosas, anadir_ruido(X, 0.5, semilla=3))
    assert not np.array_equal(ruidosas, anadir_ruido(X, 0.5, semilla=4))
    np.testing.assert_array_equal(anadir_ruido(X, 0.0), X)
    assert anadir_ruido(X.reshape(6, 64), 0.1).shape == (6, 64)
    # sin recorte el ruido tendría desviación 0.5; en una imagen gris (0.5) apenas se recorta
    gris = np.full((400, 1, 8, 8), 0.5)
    assert abs(np.std(anadir_ruido(gris, 0.1, semilla=0)) - 0.1) < 0.005
    with pytest.raises(ValueError, match="sigma"):
        anadir_ruido(X, -0.1)


def test_formas_y_rango(datos):
    X, _ = datos
    ae = AutoencoderNumpy(dim_latente=3, semilla=0)
    Z = codificar_autoencoder(ae, X[:5])
    assert Z.shape == (5, 3)
    imagenes = decodificar_latentes(ae, Z)
    assert imagenes.shape == (5, 1, 8, 8) and imagenes.dtype == np.float64
    np.testing.assert_allclose(reconstruir(ae, X[:5]), imagenes)
    lejos = decodificar_latentes(ae, np.full((2, 3), 1e4))
    assert np.all(np.isfinite(lejos)) and lejos.min() >= 0 and lejos.max() <= 1


def test_muestrear_autoencoder(datos):
    X, _ = datos
    ae = AutoencoderNumpy(dim_latente=2, semilla=0)
    entrenar_autoencoder(ae, X, epocas=3)
    muestras = muestrear_autoencoder(ae, X, 20, semilla=1)
    assert muestras.shape == (20, 1, 8, 8) and muestras.dtype == np.float64
    assert np.all(np.isfinite(muestras)) and muestras.min() >= 0 and muestras.max() <= 1
    np.testing.assert_array_equal(muestras, muestrear_autoencoder(ae, X, 20, semilla=1))
    assert not np.allclose(muestras, muestrear_autoencoder(ae, X, 20, semilla=2))
    # los códigos sorteados siguen la gaussiana de los códigos reales: media parecida
    codigos = codificar_autoencoder(ae, X)
    media_muestras = codificar_autoencoder(ae, muestrear_autoencoder(ae, X, 400, semilla=0)).mean(0)
    assert np.all(np.abs(media_muestras - codigos.mean(0)) < 0.5 * codigos.std(0) + 0.2)


def test_entradas_incorrectas(datos):
    X, _ = datos
    ae = AutoencoderNumpy(dim_latente=2)
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        codificar_autoencoder(ae, np.zeros((3, 1, 7, 7)))
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        entrenar_autoencoder(ae, np.zeros((3, 2, 8, 8)), epocas=1)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        reconstruir(ae, X[:2] * 16)
    with pytest.raises(ValueError, match=r"se esperaba Z de forma \(N, 2\), se recibió \(3, 5\)"):
        decodificar_latentes(ae, np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"\(N, 64\)"):
        ae.forward(np.zeros((2, 63)))
    with pytest.raises(ValueError, match="ruido"):
        entrenar_autoencoder(ae, X, epocas=1, ruido=-0.2)
    with pytest.raises(ValueError, match="dim_latente"):
        AutoencoderNumpy(dim_latente=0)
    with pytest.raises(TypeError, match="AutoencoderNumpy"):
        reconstruir("modelo", X)
    with pytest.raises(ValueError, match="n "):
        muestrear_autoencoder(ae, X, 0)
