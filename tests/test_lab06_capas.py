"""Lab06: Dropout y BatchNorm1d frente a PyTorch y la comprobación numérica de gradientes del Lab05."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from Lab05_Backpropagation.codigo import comprobar_gradiente_capa, error_relativo
from Lab06_Entrenamiento.codigo import BatchNorm1d, Dropout

# --- Dropout ----------------------------------------------------------------------


def test_dropout_eval_es_identidad():
    x = np.random.default_rng(0).normal(size=(5, 7))
    capa = Dropout(0.5, semilla=0).eval()
    assert np.array_equal(capa.forward(x), x)
    g = np.ones_like(x)
    assert np.array_equal(capa.backward(g), g)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_invertido_conserva_la_media(p):
    x = np.ones((400, 250))
    capa = Dropout(p, semilla=1)
    y = capa.forward(x)
    valores = np.unique(y)
    assert np.allclose(valores, [0.0, 1.0 / (1.0 - p)])
    assert abs(np.mean(y == 0) - p) < 0.01  # fracción apagada ≈ p
    assert abs(y.mean() - 1.0) < 0.03        # media conservada (dropout invertido)


def test_dropout_backward_usa_la_misma_mascara_y_pasa_gradiente():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(6, 4))
    capa = Dropout(0.3, semilla=3)
    capa.forward(x)
    g = rng.normal(size=x.shape)
    dx = capa.backward(g)
    assert np.any(capa.mascara == 0) and np.all(dx[capa.mascara == 0] == 0)
    assert np.allclose(dx, g * capa.mascara)
    capa.repetir_mascara = True
    assert comprobar_gradiente_capa(capa, x)["entrada"] < 1e-8


def test_dropout_igual_que_torch_con_la_misma_mascara():
    """Con la máscara de nuestra capa, torch (x · máscara, autograd) da el mismo forward y backward."""
    rng = np.random.default_rng(4)
    x = rng.normal(size=(8, 5))
    capa = Dropout(0.4, semilla=5)
    y = capa.forward(x)
    g = rng.normal(size=x.shape)
    dx = capa.backward(g)
    mascara_torch = torch.tensor((capa.mascara != 0).astype(np.float64))
    xt = torch.tensor(x, requires_grad=True)
    yt = xt * mascara_torch / (1 - 0.4)
    yt.backward(torch.tensor(g))
    assert error_relativo(y, yt.detach().numpy()) <= 1e-10
    assert error_relativo(dx, xt.grad.numpy()) <= 1e-10
    # y torch.nn.Dropout aplica la misma escala 1/(1 − p) a lo que sobrevive
    sobrevivientes = torch.nn.functional.dropout(torch.ones(1000, dtype=torch.float64), 0.4, training=True)
    assert np.allclose(np.unique(sobrevivientes.numpy()), np.unique(capa.mascara))


def test_dropout_reproducible_y_casos_limite():
    x = np.ones((3, 10))
    a, b = Dropout(0.5, semilla=7), Dropout(0.5, semilla=7)
    assert np.array_equal(a.forward(x), b.forward(x))
    assert not np.array_equal(a.forward(x), a.forward(x))  # cada forward sortea otra máscara
    assert np.array_equal(Dropout(0.0).forward(x), x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.all(Dropout(1.0, semilla=0).forward(x) == 0)
    y32 = Dropout(0.5, semilla=0).forward(x.astype(np.float32))
    assert y32.dtype == np.float32


def test_dropout_errores():
    for p in (-0.1, 1.5, "0.5", True):
        with pytest.raises(ValueError, match="probabilidad"):
            Dropout(p)
    capa = Dropout(0.5, semilla=0)
    capa.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match="se esperaba el gradiente de Dropout de forma"):
        capa.backward(np.ones((3, 2)))
    with pytest.raises(ValueError, match="NaN"):
        capa.forward(np.array([[np.nan]]))


# --- BatchNorm1d ------------------------------------------------------------------


def _pareja(n_rasgos, rng, momento=0.1, epsilon=1e-5):
    nuestra = BatchNorm1d(n_rasgos, momento=momento, epsilon=epsilon)
    suya = torch.nn.BatchNorm1d(n_rasgos, momentum=momento, eps=epsilon).double()
    gamma, beta = rng.normal(size=n_rasgos) + 1.0, rng.normal(size=n_rasgos)
    nuestra.gamma.datos[:] = gamma
    nuestra.beta.datos[:] = beta
    with torch.no_grad():
        suya.weight.copy_(torch.tensor(gamma))
        suya.bias.copy_(torch.tensor(beta))
    return nuestra, suya


@pytest.mark.parametrize("forma", [(16, 3), (5, 8), (7, 4, 6), (2, 1)])
def test_batchnorm_igual_que_torch_en_entrenamiento_y_evaluacion(forma):
    rng = np.random.default_rng(sum(forma))
    nuestra, suya = _pareja(forma[1], rng, momento=0.2)
    for _ in range(4):  # varias pasadas: las medias móviles se acumulan
        x = rng.normal(loc=3.0, scale=2.0, size=forma)
        g = rng.normal(size=forma)
        nuestra.zero_grad()
        suya.zero_grad()
        y = nuestra.forward(x)
        dx = nuestra.backward(g)
        xt = torch.tensor(x, requires_grad=True)
        yt = suya(xt)
        yt.backward(torch.tensor(g))
        assert error_relativo(y, yt.detach().numpy()) <= 1e-10
        assert error_relativo(dx, xt.grad.numpy()) <= 1e-10
        assert error_relativo(nuestra.gamma.grad, suya.weight.grad.numpy()) <= 1e-10
        assert error_relativo(nuestra.beta.grad, suya.bias.grad.numpy()) <= 1e-10
        assert error_relativo(nuestra.media_movil, suya.running_mean.numpy()) <= 1e-10
        assert error_relativo(nuestra.varianza_movil, suya.running_var.numpy()) <= 1e-10
    nuestra.eval()
    suya.eval()
    x = rng.normal(size=forma)
    g = rng.normal(size=forma)
    nuestra.zero_grad()
    suya.zero_grad()
    y = nuestra.forward(x)
    dx = nuestra.backward(g)
    xt = torch.tensor(x, requires_grad=True)
    yt = suya(xt)
    yt.backward(torch.tensor(g))
    assert error_relativo(y, yt.detach().numpy()) <= 1e-10
    assert error_relativo(dx, xt.grad.numpy()) <= 1e-10
    assert error_relativo(nuestra.gamma.grad, suya.weight.grad.numpy()) <= 1e-10


@pytest.mark.parametrize("modo", ["train", "eval"])
@pytest.mark.parametrize("forma", [(6, 3), (4, 2, 3)])
def test_batchnorm_pasa_la_comprobacion_de_gradientes(modo, forma):
    rng = np.random.default_rng(11)
    capa = BatchNorm1d(forma[1])
    capa.gamma.datos[:] = rng.normal(size=forma[1]) + 1
    capa.beta.datos[:] = rng.normal(size=forma[1])
    capa.forward(rng.normal(size=forma))  # medias móviles no triviales para eval
    getattr(capa, modo)()
    errores = comprobar_gradiente_capa(capa, rng.normal(size=forma), semilla=1)
    assert set(errores) == {"entrada", "gamma", "beta"}
    assert max(errores.values()) < 1e-6, errores


def test_batchnorm_normaliza_y_sin_afin():
    rng = np.random.default_rng(3)
    x = rng.normal(loc=50, scale=10, size=(200, 4))
    capa = BatchNorm1d(4, afin=False)
    y = capa.forward(x)
    assert capa.parameters() == []
    assert np.allclose(y.mean(axis=0), 0, atol=1e-10) and np.allclose(y.std(axis=0), 1, atol=1e-3)
    assert comprobar_gradiente_capa(capa, x[:5])["entrada"] < 1e-6
    assert len(capa.buffers()) == 2 and capa.buffers()[0] is capa.media_movil


def test_batchnorm_estable_con_rasgo_constante_y_float32():
    x = np.zeros((8, 2))
    x[:, 1] = np.arange(8)
    capa = BatchNorm1d(2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            y = capa.forward(x)
            dx = capa.backward(np.ones_like(x))
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dx)) and np.all(y[:, 0] == 0)
    capa32 = BatchNorm1d(3, dtype=np.float32)
    assert capa32.forward(np.ones((4, 3), dtype=np.float32)).dtype == np.float32


def test_batchnorm_errores():
    capa = BatchNorm1d(3)
    with pytest.raises(ValueError, match=r"se esperaba la entrada de BatchNorm1d de forma \(N, 3\)"):
        capa.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="forma"):
        capa.forward(np.ones(3))
    with pytest.raises(ValueError, match="más de un valor por rasgo"):
        capa.forward(np.ones((1, 3)))
    assert capa.eval().forward(np.ones((1, 3))).shape == (1, 3)  # en eval sí se puede
    with pytest.raises(RuntimeError, match="antes que forward"):
        BatchNorm1d(2).backward(np.ones((2, 2)))
    with pytest.raises(ValueError, match="n_rasgos"):
        BatchNorm1d(0)
    with pytest.raises(ValueError, match="momento"):
        BatchNorm1d(3, momento=2.0)
