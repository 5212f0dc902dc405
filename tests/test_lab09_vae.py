"""Pruebas del VAE del Lab09 (``Lab09_IA_Generativa/codigo/vae.py``)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.distributions import Normal, kl_divergence

from Lab09_IA_Generativa.codigo.datos import digitos_generativos
from Lab09_IA_Generativa.codigo.vae import (
    VAE,
    codificar_vae,
    efecto_beta,
    entrenar_vae,
    interpolar_vae,
    kl_normal_estandar,
    muestrear_vae,
    perdida_vae,
    reparametrizar,
)


@pytest.fixture(scope="module")
def datos():
    d = digitos_generativos()
    return {"entrenamiento": (d["entrenamiento"][0][:200], d["entrenamiento"][1][:200]),
            "prueba": (d["prueba"][0][:60], d["prueba"][1][:60])}


@pytest.fixture(scope="module")
def vae_entrenado(datos):
    modelo = VAE(dim_latente=2, ocultas=(32,), semilla=0)
    historial = entrenar_vae(modelo, datos["entrenamiento"][0], epocas=6, tasa=1e-2,
                             X_validacion=datos["prueba"][0], epocas_calentamiento=0)
    return modelo, historial


def test_kl_contra_formula_y_torch_distributions():
    g = torch.Generator().manual_seed(0)
    mu = torch.randn(5, 3, generator=g, dtype=torch.float64)
    log_var = torch.randn(5, 3, generator=g, dtype=torch.float64)
    kl = kl_normal_estandar(mu, log_var)
    assert kl.shape == (5,)
    oraculo = kl_divergence(Normal(mu, torch.exp(0.5 * log_var)), Normal(0.0, 1.0)).sum(-1)
    torch.testing.assert_close(kl, oraculo)
    varianza = log_var.exp()
    a_mano = 0.5 * (mu ** 2 + varianza - 1 - torch.log(varianza)).sum(-1)
    torch.testing.assert_close(kl, a_mano)
    assert torch.all(kl >= 0)
    cero = kl_normal_estandar(torch.zeros(4, 2), torch.zeros(4, 2))
    assert torch.equal(cero, torch.zeros(4))


def test_reparametrizar_gradientes_y_momentos():
    mu = torch.tensor([[1.5, -2.0]], dtype=torch.float64, requires_grad=True)
    log_var = torch.tensor([[0.0, np.log(0.25)]], dtype=torch.float64, requires_grad=True)
    z = reparametrizar(mu.expand(20000, 2), log_var.expand(20000, 2), torch.Generator().manual_seed(0))
    assert z.shape == (20000, 2)
    torch.testing.assert_close(z.mean(0), mu[0].detach(), atol=0.03, rtol=0)
    torch.testing.assert_close(z.var(0), torch.tensor([1.0, 0.25], dtype=torch.float64), atol=0.03, rtol=0)
    z.sum().backward()
    assert torch.allclose(mu.grad, torch.full((1, 2), 20000.0, dtype=torch.float64))
    assert log_var.grad is not None and torch.all(log_var.grad.abs() > 0)
    a = reparametrizar(torch.zeros(3, 2), torch.zeros(3, 2), torch.Generator().manual_seed(1))
    b = reparametrizar(torch.zeros(3, 2), torch.zeros(3, 2), torch.Generator().manual_seed(1))
    assert torch.equal(a, b)


def test_perdida_vae_contra_calculo_a_mano():
    g = torch.Generator().manual_seed(2)
    logits = torch.randn(4, 1, 8, 8, generator=g, dtype=torch.float64)
    x = torch.rand(4, 1, 8, 8, generator=g, dtype=torch.float64)
    mu = torch.randn(4, 3, generator=g, dtype=torch.float64)
    log_var = torch.randn(4, 3, generator=g, dtype=torch.float64)
    p = torch.sigmoid(logits)
    bce = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).reshape(4, 64).sum(1).mean()
    kl = (0.5 * (mu ** 2 + log_var.exp() - 1 - log_var).sum(1)).mean()
    perdidas = perdida_vae(logits, x, mu, log_var, beta=2.5)
    torch.testing.assert_close(perdidas["reconstruccion"], bce)
    torch.testing.assert_close(perdidas["kl"], kl)
    torch.testing.assert_close(perdidas["total"], bce + 2.5 * kl)
    torch.testing.assert_close(perdida_vae(logits, x, mu, log_var)["total"], bce + kl)


def test_modelo_formas_y_modos():
    modelo = VAE(dim_latente=3, ocultas=(16,), semilla=0)
    x = torch.rand(5, 1, 8, 8)
    logits, mu, log_var = modelo(x)
    assert logits.shape == (5, 1, 8, 8) and mu.shape == log_var.shape == (5, 3)
    modelo.eval()
    a, _, _ = modelo(x)
    b, _, _ = modelo(x)
    assert torch.equal(a, b)  # en eval() z = mu: determinista
    torch.testing.assert_close(torch.sigmoid(a), modelo.decodificar(modelo.codificar(x)[0]))
    modelo.train()
    c, _, _ = modelo(x, torch.Generator().manual_seed(0))
    assert not torch.allclose(a, c)
    d, _, _ = modelo(x, torch.Generator().manual_seed(0))
    assert torch.equal(c, d)
    otro = VAE(dim_latente=3, ocultas=(16,), semilla=0)
    for p, q in zip(modelo.parameters(), otro.parameters()):
        assert torch.equal(p, q)


def test_entrenar_baja_la_perdida(vae_entrenado):
    _, historial = vae_entrenado
    assert set(historial) == {"perdida", "reconstruccion", "kl",
                              "perdida_val", "reconstruccion_val", "kl_val"}
    assert all(len(v) == 6 for v in historial.values())
    assert historial["perdida"][-1] < 0.8 * historial["perdida"][0]
    assert historial["perdida_val"][-1] < historial["perdida_val"][0]
    assert all(np.isfinite(v).all() for v in historial.values())


def test_calentamiento_kl_y_reproducibilidad(datos):
    X = datos["entrenamiento"][0][:64]
    h1 = entrenar_vae(VAE(2, (16,), semilla=0), X, epocas=3, epocas_calentamiento=3)
    h2 = entrenar_vae(VAE(2, (16,), semilla=0), X, epocas=3, epocas_calentamiento=3)
    h3 = entrenar_vae(VAE(2, (16,), semilla=0), X, epocas=3, epocas_calentamiento=0)
    assert h1 == h2
    assert h1["perdida"] != h3["perdida"]


def test_muestrear_reproducible_y_en_rango(vae_entrenado):
    modelo, _ = vae_entrenado
    muestras = muestrear_vae(modelo, 10, semilla=3)
    assert muestras.shape == (10, 1, 8, 8) and muestras.dtype == np.float64
    assert np.all(np.isfinite(muestras)) and muestras.min() >= 0 and muestras.max() <= 1
    np.testing.assert_array_equal(muestras, muestrear_vae(modelo, 10, semilla=3))
    assert not np.allclose(muestras, muestrear_vae(modelo, 10, semilla=4))


def test_codificar_e_interpolar(vae_entrenado, datos):
    modelo, _ = vae_entrenado
    X = datos["prueba"][0]
    mu = codificar_vae(modelo, X)
    assert mu.shape == (60, 2) and mu.dtype == np.float64
    camino = interpolar_vae(modelo, X[0], X[1], pasos=5)
    assert camino.shape == (5, 1, 8, 8) and camino.min() >= 0 and camino.max() <= 1
    with torch.no_grad():
        extremos = modelo.decodificar(torch.as_tensor(mu[:2], dtype=torch.float32)).double().numpy()
    np.testing.assert_allclose(camino[0], extremos[0], atol=1e-6)
    np.testing.assert_allclose(camino[-1], extremos[1], atol=1e-6)
    medio = interpolar_vae(modelo, X[0], X[1], pasos=3)[1]
    with torch.no_grad():
        esperado = modelo.decodificar(torch.as_tensor(mu[:2].mean(0, keepdims=True), dtype=torch.float32))
    np.testing.assert_allclose(medio, esperado.double().numpy()[0], atol=1e-6)


def test_efecto_beta(datos):
    filas = efecto_beta(datos, betas=(0.1, 4.0), dim_latente=4, epocas=6, ocultas=(32,))
    assert [f["beta"] for f in filas] == [0.1, 4.0]
    assert {"reconstruccion", "kl", "ecm", "dims_activas"} <= set(filas[0])
    # más β: menos KL (códigos más cerca de N(0, I)) y peor reconstrucción
    assert filas[1]["kl"] < filas[0]["kl"]
    assert filas[1]["reconstruccion"] > filas[0]["reconstruccion"]
    assert filas[1]["dims_activas"] <= filas[0]["dims_activas"]


def test_entradas_incorrectas(vae_entrenado, datos):
    modelo, _ = vae_entrenado
    with pytest.raises(ValueError, match=r"se esperaba z de forma \(N, 2\), se recibió \(3, 5\)"):
        modelo.decodificar(torch.zeros(3, 5))
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        modelo(torch.zeros(3, 64))
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        codificar_vae(modelo, np.zeros((3, 1, 7, 7)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        entrenar_vae(modelo, datos["entrenamiento"][0] * 16, epocas=1)
    x = torch.rand(2, 1, 8, 8)
    with pytest.raises(ValueError, match="beta"):
        perdida_vae(torch.zeros(2, 1, 8, 8), x, torch.zeros(2, 2), torch.zeros(2, 2), beta=-1.0)
    with pytest.raises(ValueError, match="beta"):
        entrenar_vae(modelo, datos["entrenamiento"][0], epocas=1, beta=-0.5)
    with pytest.raises(ValueError, match="misma forma"):
        perdida_vae(torch.zeros(2, 1, 8, 8), torch.rand(3, 1, 8, 8), torch.zeros(2, 2), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="mu y log_var"):
        kl_normal_estandar(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match="una sola imagen"):
        interpolar_vae(modelo, np.zeros((2, 1, 8, 8)), np.zeros((1, 8, 8)))
    with pytest.raises(TypeError, match="VAE"):
        muestrear_vae("modelo", 3)
    with pytest.raises(ValueError, match="n "):
        muestrear_vae(modelo, 0)
