"""Pruebas de la GAN del Lab09: pérdidas, DCGAN de dígitos, bucle por turnos y colapso de modos."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab09_IA_Generativa.codigo.colapso_modos import (
    DiscriminadorPuntos,
    GeneradorPuntos,
    anillo_gaussianas,
    modos_cubiertos,
    muestrear_puntos,
)
from Lab09_IA_Generativa.codigo.gan import (
    DiscriminadorDCGAN,
    GeneradorDCGAN,
    entrenar_gan,
    muestrear_gan,
    paso_discriminador,
    paso_generador,
    perdida_discriminador,
    perdida_generador,
)


def _logits(n: int, semilla: int) -> torch.Tensor:
    return 3 * torch.randn(n, generator=torch.Generator().manual_seed(semilla), dtype=torch.float64)


def _imagenes(n: int = 40, semilla: int = 0) -> np.ndarray:
    return np.random.default_rng(semilla).uniform(0, 1, size=(n, 1, 8, 8))


# --- pérdidas ---------------------------------------------------------------------------------

def test_perdida_discriminador_igual_a_bce_de_pytorch_y_a_la_formula():
    reales, falsos = _logits(7, 0), _logits(5, 1)
    esperado = (F.binary_cross_entropy_with_logits(reales, torch.ones(7, dtype=torch.float64))
                + F.binary_cross_entropy_with_logits(falsos, torch.zeros(5, dtype=torch.float64)))
    a_mano = -torch.log(torch.sigmoid(reales)).mean() - torch.log(1 - torch.sigmoid(falsos)).mean()
    obtenido = perdida_discriminador(reales, falsos)
    torch.testing.assert_close(obtenido, esperado)
    torch.testing.assert_close(obtenido, a_mano)


def test_perdida_generador_no_saturante_y_saturante_a_mano():
    falsos = _logits(9, 2)
    d = torch.sigmoid(falsos)
    torch.testing.assert_close(perdida_generador(falsos), -torch.log(d).mean())
    torch.testing.assert_close(perdida_generador(falsos),
                               F.binary_cross_entropy_with_logits(falsos, torch.ones_like(falsos)))
    torch.testing.assert_close(perdida_generador(falsos, saturante=True), torch.log(1 - d).mean())


def test_perdidas_estables_con_logits_extremos():
    extremos = torch.tensor([-1000.0, 0.0, 1000.0], requires_grad=True)
    for perdida in (perdida_discriminador(extremos, extremos), perdida_generador(extremos),
                    perdida_generador(extremos, saturante=True)):
        perdida.backward()
        assert torch.isfinite(perdida) and torch.all(torch.isfinite(extremos.grad))
        extremos.grad = None


def test_no_saturante_da_mas_gradiente_cuando_d_rechaza_las_falsas():
    # D(G(z)) = σ(−6) ≈ 0.0025: el discriminador está seguro de que son falsas.
    gradientes = {}
    for saturante in (False, True):
        logit = torch.tensor([-6.0], dtype=torch.float64, requires_grad=True)
        perdida_generador(logit, saturante=saturante).backward()
        gradientes[saturante] = logit.grad.abs().item()
    d = torch.sigmoid(torch.tensor(-6.0, dtype=torch.float64)).item()
    assert gradientes[False] == pytest.approx(1 - d) and gradientes[True] == pytest.approx(d)
    assert gradientes[False] > 100 * gradientes[True]


@pytest.mark.parametrize("malo", [torch.zeros(3, 1), torch.zeros(0)])
def test_perdidas_rechazan_formas_malas(malo):
    with pytest.raises(ValueError, match=r"\(N,\)"):
        perdida_discriminador(malo, torch.zeros(3))
    with pytest.raises(ValueError, match=r"\(N,\)"):
        perdida_generador(malo)


def test_perdidas_rechazan_no_tensores():
    with pytest.raises(TypeError, match="torch.Tensor"):
        perdida_generador(np.zeros(3))


# --- modelos de dígitos -----------------------------------------------------------------------

def test_formas_y_rango_de_la_dcgan():
    G, D = GeneradorDCGAN(dim_latente=5, canales=4, semilla=0), DiscriminadorDCGAN(canales=4, semilla=0)
    x = G(torch.randn(6, 5))
    assert x.shape == (6, 1, 8, 8) and x.abs().max() <= 1
    assert D(x).shape == (6,)


def test_pesos_iniciales_dependen_solo_de_la_semilla_y_no_tocan_el_azar_global():
    estado = torch.random.get_rng_state()
    a, b, c = GeneradorDCGAN(semilla=3), GeneradorDCGAN(semilla=3), GeneradorDCGAN(semilla=4)
    assert torch.equal(torch.random.get_rng_state(), estado)
    assert torch.equal(a.proyeccion.weight, b.proyeccion.weight)
    assert not torch.equal(a.proyeccion.weight, c.proyeccion.weight)


def test_dcgan_rechaza_entradas_malas():
    with pytest.raises(ValueError, match=r"se esperaba z de forma \(N, 16\), se recibió \(3, 5\)"):
        GeneradorDCGAN()(torch.zeros(3, 5))
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        DiscriminadorDCGAN()(torch.zeros(2, 1, 4, 4))
    with pytest.raises(ValueError, match="dim_latente"):
        GeneradorDCGAN(dim_latente=0)


# --- pasos por turnos -------------------------------------------------------------------------

def _copia(modelo: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in modelo.parameters()]


def _iguales(modelo: torch.nn.Module, copia: list[torch.Tensor]) -> bool:
    return all(torch.equal(p, q) for p, q in zip(modelo.parameters(), copia))


def test_paso_de_d_no_toca_g_y_paso_de_g_no_toca_d():
    G, D = GeneradorDCGAN(dim_latente=4, canales=4, semilla=0), DiscriminadorDCGAN(canales=4, semilla=1)
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-2)
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-2)
    reales = torch.rand(8, 1, 8, 8) * 2 - 1
    falsos = G(torch.randn(8, 4))
    antes_g, antes_d = _copia(G), _copia(D)
    perdida, d_real, d_falso = paso_discriminador(D, opt_d, reales, falsos)
    assert all(p.grad is None for p in G.parameters())  # .detach(): ningún gradiente llega a G
    assert _iguales(G, antes_g) and not _iguales(D, antes_d)
    assert np.isfinite(perdida) and 0 < d_real < 1 and 0 < d_falso < 1
    despues_d = _copia(D)
    perdida_g = paso_generador(D, opt_g, falsos)
    assert _iguales(D, despues_d) and not _iguales(G, antes_g) and np.isfinite(perdida_g)


# --- entrenamiento y muestreo -----------------------------------------------------------------

def _entrenar_pequena(semilla: int = 0):
    G = GeneradorDCGAN(dim_latente=4, canales=4, semilla=semilla)
    D = DiscriminadorDCGAN(canales=4, semilla=semilla)
    historial = entrenar_gan(G, D, _imagenes(), epocas=2, tasa=1e-3, tamano_lote=16, semilla=semilla)
    return G, historial


def test_entrenar_gan_historial_y_reproducible():
    G1, h1 = _entrenar_pequena()
    G2, h2 = _entrenar_pequena()
    assert set(h1) == {"perdida_d", "perdida_g", "d_real", "d_falso"}
    assert all(len(v) == 2 and np.all(np.isfinite(v)) for v in h1.values())
    assert all(0 < v < 1 for v in h1["d_real"] + h1["d_falso"])
    assert h1 == h2
    np.testing.assert_array_equal(muestrear_gan(G1, 5, semilla=7), muestrear_gan(G2, 5, semilla=7))


def test_muestrear_gan_contrato():
    G, _ = _entrenar_pequena()
    m = muestrear_gan(G, 6, semilla=1)
    assert m.dtype == np.float64 and m.shape == (6, 1, 8, 8)
    assert np.all(np.isfinite(m)) and m.min() >= 0 and m.max() <= 1
    assert not np.array_equal(m, muestrear_gan(G, 6, semilla=2))
    assert G.training  # muestrear pone eval() y después deja el modo como estaba
    z = torch.randn(3, 4)
    np.testing.assert_allclose(muestrear_gan(G, z=z), muestrear_gan(G, z=z.numpy()))


def test_muestrear_gan_rechaza_latente_y_generador_malos():
    G = GeneradorDCGAN(dim_latente=4, canales=4)
    with pytest.raises(ValueError, match=r"se esperaba z de forma \(N, 4\)"):
        muestrear_gan(G, z=torch.zeros(3, 5))
    with pytest.raises(ValueError, match="n debe ser"):
        muestrear_gan(G, 0)
    with pytest.raises(ValueError, match="muestrear_puntos"):
        muestrear_gan(GeneradorPuntos(), 4)
    with pytest.raises(TypeError, match="dim_latente"):
        muestrear_gan(torch.nn.Linear(2, 2), 4)


def test_entrenar_gan_rechaza_entradas_malas():
    G, D = GeneradorDCGAN(dim_latente=4, canales=4), DiscriminadorDCGAN(canales=4)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        entrenar_gan(G, D, _imagenes() * 2 - 1, epocas=1)
    with pytest.raises(ValueError, match="tamano_lote"):
        entrenar_gan(G, D, _imagenes(10), epocas=1, tamano_lote=64)
    with pytest.raises(ValueError, match="epocas"):
        entrenar_gan(G, D, _imagenes(), epocas=0)
    with pytest.raises(ValueError, match="forma"):
        entrenar_gan(G, D, np.zeros((20, 2)), epocas=1, tamano_lote=4)
    with pytest.raises(TypeError, match="dim_latente"):
        entrenar_gan(torch.nn.Linear(2, 2), D, _imagenes(), epocas=1)


# --- colapso de modos -------------------------------------------------------------------------

def test_anillo_gaussianas():
    X, centros = anillo_gaussianas(4000, n_modos=8, radio=2.0, desviacion=0.02, semilla=0)
    assert X.shape == (4000, 2) and centros.shape == (8, 2)
    np.testing.assert_allclose(np.linalg.norm(centros, axis=1), 2.0)
    np.testing.assert_allclose(centros[2], [0.0, 2.0], atol=1e-12)
    distancias = np.linalg.norm(X[:, None] - centros[None], axis=2).min(axis=1)
    assert distancias.max() < 0.02 * 6  # cada punto, a pocas σ de un centro
    np.testing.assert_array_equal(X, anillo_gaussianas(4000, semilla=0)[0])
    resultado = modos_cubiertos(X, centros)
    assert resultado["modos"] == 8 and resultado["fraccion_buenas"] > 0.98


def test_modos_cubiertos_con_muestras_hechas_a_mano():
    centros = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    muestras = np.array([[1.01, 0.0]] * 60 + [[0.0, 0.97]] * 30 + [[-1.0, 0.05]] * 1 + [[0.0, 0.0]] * 9)
    r = modos_cubiertos(muestras, centros, umbral=0.06, cuota=0.02)
    # 60 y 30 buenas (≥ 2 de 100); la de (−1, 0.05) es buena pero sola; (0, 0) no está cerca de nadie.
    assert r["modos"] == 2 and r["fraccion_buenas"] == pytest.approx(0.91)
    np.testing.assert_array_equal(r["conteos"], [60, 30, 1, 0])
    assert modos_cubiertos(muestras, centros, umbral=0.06, cuota=0.0)["modos"] == 3
    assert modos_cubiertos(muestras, centros, umbral=0.02)["modos"] == 1


def test_modos_cubiertos_rechaza_entradas_malas():
    centros = np.zeros((8, 2))
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        modos_cubiertos(np.zeros((5, 3)), centros)
    with pytest.raises(ValueError, match="finitos"):
        modos_cubiertos(np.full((5, 2), np.nan), centros)
    with pytest.raises(ValueError, match="umbral"):
        modos_cubiertos(np.zeros((5, 2)), centros, umbral=0)


def test_discriminador_empaquetado_igual_a_concatenar_a_mano():
    D = DiscriminadorPuntos(empaque=3, oculta=8, semilla=0)
    x = torch.randn(6, 2)
    concatenado = torch.cat([x[0:3].flatten(), x[3:6].flatten()]).view(2, 6)
    torch.testing.assert_close(D(x), D.red(concatenado).squeeze(1))
    with pytest.raises(ValueError, match="múltiplo de 3"):
        D(torch.randn(5, 2))
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        D(torch.randn(6, 3))


def test_gan_de_puntos_entrena_y_muestrea_reproducible():
    X, _ = anillo_gaussianas(64, semilla=0)
    resultados = []
    for _ in range(2):
        G = GeneradorPuntos(dim_latente=3, oculta=8, semilla=1)
        D = DiscriminadorPuntos(oculta=8, empaque=2, semilla=1)
        h = entrenar_gan(G, D, X, epocas=2, tasa=1e-3, tamano_lote=16, semilla=1)
        resultados.append((h, muestrear_puntos(G, 10, semilla=2)))
    assert resultados[0][0] == resultados[1][0]
    m = resultados[0][1]
    assert m.shape == (10, 2) and m.dtype == np.float64 and np.all(np.isfinite(m))
    np.testing.assert_array_equal(m, resultados[1][1])
    with pytest.raises(ValueError, match="muestrear_gan"):
        muestrear_puntos(GeneradorDCGAN(dim_latente=4, canales=4), 3)


def test_discriminador_desviacion_lote_anade_la_desviacion_como_rasgo():
    D = DiscriminadorPuntos(oculta=8, desviacion_lote=True, semilla=0)
    x = torch.randn(5, 2, dtype=torch.float32)
    desviacion = x.std(dim=0).mean()     # la de cada coordenada sobre el lote, promediada
    a_mano = torch.cat([x, desviacion.expand(5, 1)], dim=1)
    torch.testing.assert_close(D(x), D.red(a_mano).squeeze(1))
    assert D.red[0].in_features == 3 and "desviacion_lote=True" in repr(D)
    # el rasgo depende del lote entero: cambiar un punto cambia el logit de los demás
    otro = x.clone()
    otro[4] += 10.0
    assert not torch.allclose(D(x)[:4], D(otro)[:4])
    # un lote apelotonado (desviación 0) y el gradiente llega a través de la desviación
    z = torch.randn(4, 2, requires_grad=True)
    D(z).sum().backward()
    assert z.grad is not None and torch.all(torch.isfinite(z.grad))
    with pytest.raises(ValueError, match="al menos 2"):
        D(torch.randn(1, 2))
    with pytest.raises(TypeError, match="True o False"):
        DiscriminadorPuntos(desviacion_lote=1)


def test_desviacion_lote_y_empaque_juntos():
    D = DiscriminadorPuntos(oculta=8, empaque=2, desviacion_lote=True, semilla=0)
    x = torch.randn(6, 2)
    assert D(x).shape == (3,) and D.red[0].in_features == 6
