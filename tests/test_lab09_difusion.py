"""Lab09: difusión (DDPM). Calendarios lineal y coseno, q(x_t | x_0) contra su forma cerrada, la red
de ruido, la guía sin clasificador, el muestreo (reproducible, en rango) y el script."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
import torch

from Lab09_IA_Generativa.codigo.datos import digitos_generativos
from Lab09_IA_Generativa.codigo.difusion import (
    CalendarioDifusion,
    calendario_ruido,
    difundir,
    muestrear_ddpm,
    prediccion_guiada,
)
from Lab09_IA_Generativa.codigo.red_ruido import RedRuido, entrenar_ddpm


@pytest.fixture(autouse=True)
def _un_hilo():
    antes = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(antes)


@pytest.fixture(scope="module")
def digitos():
    return digitos_generativos(0)["entrenamiento"]


def _red(T=8, semilla=0):
    return RedRuido(T, oculta=16, n_bloques=1, dim_tiempo=8, semilla=semilla)


# --- calendarios -----------------------------------------------------------------------------------

@pytest.mark.parametrize("tipo", ["lineal", "coseno"])
@pytest.mark.parametrize("T", [20, 100, 1000])
def test_calendario_propiedades(tipo, T):
    c = calendario_ruido(T, tipo)
    assert isinstance(c, CalendarioDifusion) and c.T == T and c.tipo == tipo
    assert c.betas.shape == c.alphas.shape == c.alphas_acumuladas.shape == (T,)
    assert torch.all((c.betas > 0) & (c.betas < 1))
    torch.testing.assert_close(c.alphas, 1 - c.betas)
    torch.testing.assert_close(c.alphas_acumuladas, torch.cumprod(1 - c.betas, 0))
    assert torch.all(torch.diff(c.alphas_acumuladas) < 0)          # estrictamente decreciente
    assert c.alphas_acumuladas[0] > 0.99                             # ᾱ_0 ≈ 1: casi sin ruido
    assert c.alphas_acumuladas[-1] < 1e-3                            # ᾱ_T ≈ 0: ruido puro
    assert torch.all(c.varianza_posterior <= c.betas + 1e-15) and c.varianza_posterior[0] == 0
    assert "T=" in repr(c)


def test_calendario_lineal_de_ho_y_escalado():
    c = calendario_ruido(1000, "lineal")
    assert math.isclose(c.betas[0].item(), 1e-4) and math.isclose(c.betas[-1].item(), 0.02)
    torch.testing.assert_close(c.betas, torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64))
    c100 = calendario_ruido(100, "lineal")
    assert math.isclose(c100.betas[0].item(), 1e-3) and math.isclose(c100.betas[-1].item(), 0.2)
    a_mano = calendario_ruido(50, "lineal", beta_inicial=0.01, beta_final=0.3)
    assert math.isclose(a_mano.betas[-1].item(), 0.3)


def test_calendario_coseno_de_nichol_y_frente_al_lineal():
    T, s = 100, 0.008
    c = calendario_ruido(T, "coseno")
    f = lambda t: math.cos((t / T + s) / (1 + s) * math.pi / 2) ** 2  # noqa: E731
    esperadas = torch.tensor([f(t + 1) / f(0) for t in range(T)], dtype=torch.float64)
    # ᾱ sale del producto de las β recortadas; sólo la última β llega a 0.999
    torch.testing.assert_close(c.alphas_acumuladas[:-1], esperadas[:-1], rtol=1e-9, atol=1e-12)
    assert c.betas.max() <= 0.999 and math.isclose(c.betas[-1].item(), 0.999)
    lineal = calendario_ruido(T, "lineal")
    # el coseno conserva más imagen a mitad de camino: destruye la información más despacio
    assert c.alphas_acumuladas[T // 2] > lineal.alphas_acumuladas[T // 2]


def test_calendario_errores():
    with pytest.raises(ValueError, match="tipo de calendario"):
        calendario_ruido(10, "cuadratico")
    with pytest.raises(ValueError, match="pasos"):
        calendario_ruido(0)
    with pytest.raises(ValueError, match="beta_final"):
        calendario_ruido(10, "lineal", beta_final=1.5)
    with pytest.raises(ValueError, match="sólo se usan"):
        calendario_ruido(10, "coseno", beta_inicial=0.1)


# --- proceso directo ------------------------------------------------------------------------------

def test_difundir_valor_exacto():
    c = calendario_ruido(20, "coseno")
    g = torch.Generator().manual_seed(0)
    x0, eps = torch.rand(4, 1, 8, 8, generator=g) * 2 - 1, torch.randn(4, 1, 8, 8, generator=g)
    t = torch.tensor([0, 5, 13, 19])
    xt = difundir(x0, t, c, eps)
    for i in range(4):
        a = c.alphas_acumuladas[t[i]].item()
        torch.testing.assert_close(xt[i], math.sqrt(a) * x0[i] + math.sqrt(1 - a) * eps[i])
    assert xt.dtype == x0.dtype and xt.shape == x0.shape


def test_difundir_media_y_varianza_de_q():
    """Muchos sorteos de ε: la media y la varianza empíricas de x_t son las de N(sqrt(ᾱ)x0, 1 − ᾱ)."""
    c = calendario_ruido(100, "lineal")
    n, t_fijo = 200_000, 30
    x0 = torch.full((n, 1), 0.7, dtype=torch.float64)
    eps = torch.randn((n, 1), generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    xt = difundir(x0, torch.full((n,), t_fijo), c, eps)
    a = c.alphas_acumuladas[t_fijo].item()
    normal = torch.distributions.Normal(math.sqrt(a) * 0.7, math.sqrt(1 - a))
    assert abs(xt.mean().item() - normal.mean.item()) < 4 * normal.stddev.item() / math.sqrt(n)
    assert abs(xt.var().item() / normal.variance.item() - 1) < 0.02
    # el logaritmo de verosimilitud medio se acerca al esperado (la entropía cambiada de signo)
    assert abs(normal.log_prob(xt).mean().item() + normal.entropy().item()) < 0.01


def test_difundir_errores():
    c = calendario_ruido(10)
    x0 = torch.zeros(3, 1, 8, 8)
    with pytest.raises(ValueError, match="de 0 a 9"):
        difundir(x0, torch.tensor([0, 1, 10]), c, torch.zeros_like(x0))
    with pytest.raises(ValueError, match="de 0 a 9"):
        difundir(x0, torch.tensor([-1, 1, 2]), c, torch.zeros_like(x0))
    with pytest.raises(TypeError, match="enteros"):
        difundir(x0, torch.tensor([0.0, 1.0, 2.0]), c, torch.zeros_like(x0))
    with pytest.raises(ValueError, match=r"forma \(3,\)"):
        difundir(x0, torch.tensor([0, 1]), c, torch.zeros_like(x0))
    with pytest.raises(ValueError, match="ruido"):
        difundir(x0, torch.tensor([0, 1, 2]), c, torch.zeros(3, 64))
    with pytest.raises(TypeError, match="CalendarioDifusion"):
        difundir(x0, torch.tensor([0, 1, 2]), "lineal", torch.zeros_like(x0))


# --- red de ruido ---------------------------------------------------------------------------------

def test_red_forma_semilla_y_errores():
    red = _red()
    x = torch.randn(5, 1, 8, 8, generator=torch.Generator().manual_seed(0))
    t, c = torch.tensor([0, 1, 2, 3, 7]), torch.tensor([0, 3, 9, 10, 10])
    salida = red(x, t, c)
    assert salida.shape == (5, 1, 8, 8) and torch.isfinite(salida).all()
    torch.testing.assert_close(_red(semilla=0)(x, t, c), salida)
    assert not torch.allclose(_red(semilla=1)(x, t, c), salida)
    with pytest.raises(ValueError, match="clases debe ir de 0 a 10"):
        red(x, t, torch.tensor([0, 1, 2, 3, 11]))
    with pytest.raises(ValueError, match="clases debe ir"):
        red(x, t, torch.tensor([0, 1, 2, 3, -1]))
    with pytest.raises(ValueError, match="t debe ir de 0 a 7"):
        red(x, torch.tensor([0, 1, 2, 3, 8]), c)
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        red(torch.zeros(5, 64), t, c)
    with pytest.raises(ValueError, match="enteros"):
        red(x, t.float(), c)
    assert "RedRuido" in repr(red)


def test_guia_cero_es_la_prediccion_condicional_y_la_formula():
    red = _red()
    g = torch.Generator().manual_seed(0)
    x, t, c = torch.randn(6, 1, 8, 8, generator=g), torch.randint(8, (6,), generator=g), torch.arange(6)
    with torch.no_grad():
        condicional, incondicional = red(x, t, c), red(x, t, torch.full_like(c, 10))
        torch.testing.assert_close(prediccion_guiada(red, x, t, c, 0.0), condicional)
        torch.testing.assert_close(prediccion_guiada(red, x, t, c, 2.5),
                                   3.5 * condicional - 2.5 * incondicional, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="guia"):
        prediccion_guiada(red, x, t, c, -1.0)


# --- entrenamiento --------------------------------------------------------------------------------

def test_entrenar_baja_la_perdida(digitos):
    X, y = digitos
    c = calendario_ruido(20)
    red = RedRuido(20, oculta=32, n_bloques=1, dim_tiempo=16, semilla=0)
    h = entrenar_ddpm(red, X, y, c, pasos=120, tamano_lote=64, tasa=3e-3, cada=20, semilla=0)
    assert h["pasos"] == [120] and h["paso"][-1] == 120 and len(h["perdida"]) == 6
    assert all(math.isfinite(p) for p in h["perdida"])
    assert h["perdida"][-1] < 0.75 * h["perdida"][0]
    # reproducible: la misma semilla da la misma historia
    red2 = RedRuido(20, oculta=32, n_bloques=1, dim_tiempo=16, semilla=0)
    h2 = entrenar_ddpm(red2, X, y, c, pasos=120, tamano_lote=64, tasa=3e-3, cada=20, semilla=0)
    assert h2["perdida"] == pytest.approx(h["perdida"], rel=1e-5)


def test_entrenar_errores(digitos):
    X, y = digitos
    red = _red()
    with pytest.raises(ValueError, match="deben coincidir"):
        entrenar_ddpm(red, X, y, calendario_ruido(9), pasos=1)
    with pytest.raises(ValueError, match="etiquetas y"):
        entrenar_ddpm(red, X, y[:-1], calendario_ruido(8), pasos=1)
    with pytest.raises(ValueError, match="de 0 a 9"):
        entrenar_ddpm(red, X, y + 1, calendario_ruido(8), pasos=1)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        entrenar_ddpm(red, X * 2 - 1, y, calendario_ruido(8), pasos=1)
    with pytest.raises(ValueError, match="p_sin_clase"):
        entrenar_ddpm(red, X, y, calendario_ruido(8), pasos=1, p_sin_clase=1.5)
    with pytest.raises(TypeError, match="RedRuido"):
        entrenar_ddpm(torch.nn.Linear(2, 2), X, y, calendario_ruido(8), pasos=1)


# --- muestreo -------------------------------------------------------------------------------------

def test_muestrear_reproducible_en_rango_y_formas():
    red, c = _red(), calendario_ruido(8)
    a = muestrear_ddpm(red, c, clases=np.array([1, 2, 3]), guia=1.0, semilla=3)
    b = muestrear_ddpm(red, c, clases=np.array([1, 2, 3]), guia=1.0, semilla=3)
    otra = muestrear_ddpm(red, c, clases=np.array([1, 2, 3]), guia=1.0, semilla=4)
    assert isinstance(a, np.ndarray) and a.dtype == np.float64 and a.shape == (3, 1, 8, 8)
    assert np.isfinite(a).all() and a.min() >= 0 and a.max() <= 1
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, otra)
    assert muestrear_ddpm(red, c).shape == (10, 1, 8, 8)            # None: un dígito por clase
    assert muestrear_ddpm(red, c, clases=4).shape == (4, 1, 8, 8)   # n muestras sin clase
    # sin clase, la guía no cambia nada: (1 + w)·ε(∅) − w·ε(∅) = ε(∅)
    np.testing.assert_allclose(muestrear_ddpm(red, c, clases=4, guia=3.0), muestrear_ddpm(red, c, clases=4),
                               atol=1e-5)
    # no toca el generador global ni deja la red en otro modo
    red.train()
    estado = torch.random.get_rng_state()
    muestrear_ddpm(red, c, clases=2)
    assert torch.equal(estado, torch.random.get_rng_state()) and red.training


def test_muestrear_trayectoria():
    red, c = _red(T=20), calendario_ruido(20)
    muestras, tray = muestrear_ddpm(red, c, clases=np.arange(3), devolver_trayectoria=True, n_instantaneas=5)
    assert tray["pasos"][0] == 19 and tray["pasos"][-1] == 0 and len(tray["pasos"]) == 5
    assert tray["x_t"].shape == tray["x0_predicho"].shape == (5, 3, 1, 8, 8)
    assert tray["x_t"].min() >= 0 and tray["x_t"].max() <= 1
    np.testing.assert_array_equal(muestras, muestrear_ddpm(red, c, clases=np.arange(3)))


def test_muestrear_errores():
    red, c = _red(), calendario_ruido(8)
    with pytest.raises(ValueError, match="de 0 a 9"):
        muestrear_ddpm(red, c, clases=np.array([0, 10]))
    with pytest.raises(ValueError, match=r"forma \(N,\)"):
        muestrear_ddpm(red, c, clases=np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match="guia"):
        muestrear_ddpm(red, c, guia=-0.5)
    with pytest.raises(ValueError, match="clases"):
        muestrear_ddpm(red, c, clases=0)
    with pytest.raises(TypeError, match="RedRuido"):
        muestrear_ddpm(torch.nn.Linear(2, 2), c)
    with pytest.raises(ValueError, match="deben coincidir"):  # calendario más largo que la red
        muestrear_ddpm(red, calendario_ruido(9))


# --- script ---------------------------------------------------------------------------------------

def test_script_main_con_ajustes_minimos(tmp_path, capsys):
    script = importlib.import_module("Lab09_IA_Generativa.codigo.entrenar_difusion")
    salida = tmp_path / "ddpm.pt"
    codigo = script.main(["--pasos", "3", "--segundos", "0", "--dispositivo", "cpu", "--pasos-difusion", "5",
                          "--oculta", "16", "--por-clase", "2", "--epocas-juez", "1", "--guia", "1",
                          "--salida", str(salida)])
    texto = capsys.readouterr().out
    assert codigo == 0
    assert "pasos: 3" in texto and "guía w = 0" in texto and "guía w = 1" in texto and "Fréchet" in texto
    guardado = torch.load(salida)
    assert guardado["configuracion"]["pasos"] == 5 and "tabla_tiempo" in guardado["estado"]
    assert script.main(["--por-clase", "1"]) == 2
