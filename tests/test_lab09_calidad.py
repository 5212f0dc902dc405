"""Lab09 · calidad: el juez (la LeNet del Lab10), sus puntuaciones y la distancia de Fréchet."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
import torch

from Lab09_IA_Generativa.codigo.calidad import (
    distancia_frechet,
    entrenar_juez,
    estadisticos_rasgos,
    formatear_tabla_calidad,
    frechet_imagenes,
    probabilidades_juez,
    puntuar_muestras,
    rasgos_juez,
    tabla_calidad,
)
from Lab09_IA_Generativa.codigo.datos import (
    a_simetrico,
    comprobar_imagenes_digitos,
    desde_simetrico,
    digitos_generativos,
)


@pytest.fixture(scope="module")
def datos():
    return digitos_generativos(0)


@pytest.fixture(scope="module")
def juez(datos):
    return entrenar_juez(semilla=0, epocas=4, datos=datos)


# --------------------------------------------------------------------------- datos


def test_digitos_generativos_particiones(datos):
    assert [len(datos[k][0]) for k in ("entrenamiento", "validacion", "prueba")] == [1079, 359, 359]
    X, y = datos["entrenamiento"]
    assert X.shape[1:] == (1, 8, 8) and X.min() >= 0 and X.max() <= 1 and set(np.unique(y)) == set(range(10))


def test_rangos_ida_y_vuelta():
    x = np.linspace(0, 1, 11)
    assert np.allclose(a_simetrico(x), 2 * x - 1)
    assert np.allclose(desde_simetrico(a_simetrico(x)), x)
    assert np.array_equal(desde_simetrico(np.array([-3.0, 3.0])), [0.0, 1.0])  # recorta
    t = torch.tensor([-2.0, 0.0, 2.0])
    assert torch.equal(desde_simetrico(t), torch.tensor([0.0, 0.5, 1.0]))


def test_comprobar_imagenes_digitos_formas_y_errores():
    assert comprobar_imagenes_digitos(np.zeros((3, 64))).shape == (3, 1, 8, 8)
    assert comprobar_imagenes_digitos(torch.zeros(2, 8, 8)).shape == (2, 1, 8, 8)
    with pytest.raises(ValueError, match=r"\(N, 1, 8, 8\)"):
        comprobar_imagenes_digitos(np.zeros((3, 1, 7, 7)))
    with pytest.raises(ValueError, match="no finitos"):
        comprobar_imagenes_digitos(np.full((1, 64), np.nan))
    with pytest.raises(ValueError, match="desde_simetrico"):
        comprobar_imagenes_digitos(-np.ones((1, 64)))


# --------------------------------------------------------------------------- juez


def test_juez_aprende_y_queda_en_eval(juez):
    assert not juez.training
    assert juez.exactitud_prueba > 0.7  # 4 épocas bastan para muy por encima del 10 % del azar


def test_puntuar_muestras_reales_frente_a_etiquetas_barajadas(juez, datos):
    X, y = datos["prueba"]
    buenas = puntuar_muestras(juez, X, y)
    assert buenas["exactitud"] == pytest.approx(juez.exactitud_prueba, abs=1e-6)
    assert buenas["clases_distintas"] == 10 and buenas["entropia_clases"] > 3.2
    barajadas = puntuar_muestras(juez, X, np.random.default_rng(0).permutation(y))
    assert barajadas["exactitud"] < 0.3
    probabilidades = probabilidades_juez(juez, X)
    assert np.allclose(probabilidades.sum(axis=1), 1) and buenas["confianza_media"] == pytest.approx(
        probabilidades.max(axis=1).mean())


def test_puntuar_muestras_un_solo_dibujo_es_una_clase(juez, datos):
    X = np.repeat(datos["prueba"][0][:1], 50, axis=0)
    puntos = puntuar_muestras(juez, X)
    assert puntos["clases_distintas"] == 1 and puntos["entropia_clases"] == 0.0 and "exactitud" not in puntos


def test_puntuar_muestras_errores(juez, datos):
    X, y = datos["prueba"]
    with pytest.raises(ValueError, match="de 0 a 9"):
        puntuar_muestras(juez, X[:3], np.array([0, 1, 10]))
    with pytest.raises(ValueError, match="enteras de forma"):
        puntuar_muestras(juez, X[:3], y[:2])
    with pytest.raises(TypeError, match="LeNetTorch"):
        puntuar_muestras(torch.nn.Linear(64, 10), X[:3])


def test_rasgos_juez_forma_y_coherencia(juez, datos):
    X = datos["prueba"][0][:20]
    rasgos = rasgos_juez(juez, X)
    assert rasgos.shape == (20, juez.n_rasgos) and np.all(np.isfinite(rasgos))
    with torch.no_grad():
        logits = juez.cabeza(torch.as_tensor(rasgos, dtype=torch.float32)).numpy()
    softmax = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    assert np.allclose(softmax, probabilidades_juez(juez, X), atol=1e-5)


# --------------------------------------------------------------------------- Fréchet


def _spd(rng: np.random.Generator, F: int) -> np.ndarray:
    A = rng.standard_normal((F, F))
    return A @ A.T + 0.1 * np.eye(F)


def test_frechet_gaussianas_conocidas():
    # una dimensión: (μ1 − μ2)² + (σ1 − σ2)²
    assert distancia_frechet(np.array([1.0]), np.array([[4.0]]), np.array([-1.0]), np.array([[1.0]])) == \
        pytest.approx(4 + 1)
    # diagonales: ‖μ1 − μ2‖² + Σ (σ1 − σ2)²
    s1, s2 = np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 0.5])
    m1, m2 = np.zeros(3), np.array([1.0, 0.0, -2.0])
    assert distancia_frechet(m1, np.diag(s1**2), m2, np.diag(s2**2)) == pytest.approx(5 + 1 + 0 + 6.25)
    # la misma gaussiana: 0; y es simétrica en sus dos argumentos
    rng = np.random.default_rng(0)
    S = _spd(rng, 6)
    assert distancia_frechet(np.ones(6), S, np.ones(6), S) == pytest.approx(0, abs=1e-9)
    S2 = _spd(rng, 6)
    assert distancia_frechet(np.zeros(6), S, np.ones(6), S2) == pytest.approx(
        distancia_frechet(np.ones(6), S2, np.zeros(6), S))


def test_frechet_contra_scipy_sqrtm():
    rng = np.random.default_rng(1)
    for F in (2, 5, 12):
        S1, S2 = _spd(rng, F), _spd(rng, F)
        m1, m2 = rng.standard_normal(F), rng.standard_normal(F)
        raiz = scipy.linalg.sqrtm(S1 @ S2).real
        esperado = np.sum((m1 - m2) ** 2) + np.trace(S1 + S2 - 2 * raiz)
        assert distancia_frechet(m1, S1, m2, S2) == pytest.approx(esperado, rel=1e-6)


def test_frechet_covarianzas_singulares_sigue_finita():
    rng = np.random.default_rng(2)
    rasgos = rng.standard_normal((5, 20))  # 5 muestras en 20 dimensiones: covarianza de rango 4
    d = distancia_frechet(*estadisticos_rasgos(rasgos), *estadisticos_rasgos(rasgos + 1))
    assert math.isfinite(d) and d == pytest.approx(20, rel=1e-6)  # sólo se movió la media: ‖1‖² = 20


def test_frechet_errores():
    with pytest.raises(ValueError, match="media_b"):
        distancia_frechet(np.zeros(2), np.eye(2), np.zeros(3), np.eye(2))
    with pytest.raises(ValueError, match="cov_b"):
        distancia_frechet(np.zeros(2), np.eye(2), np.zeros(2), np.eye(3))
    with pytest.raises(ValueError, match="simétrica"):
        distancia_frechet(np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]), np.zeros(2), np.eye(2))
    with pytest.raises(ValueError, match="N ≥ 2"):
        estadisticos_rasgos(np.zeros((1, 3)))


def test_frechet_imagenes_reales_cerca_ruido_lejos(juez, datos):
    X_e, X_p = datos["entrenamiento"][0], datos["prueba"][0]
    rng = np.random.default_rng(0)
    reales = frechet_imagenes(juez, X_p, X_e)
    ruido = frechet_imagenes(juez, rng.random(X_p.shape), X_e)
    assert 0 <= reales < ruido / 5


def test_tabla_calidad_y_formato(juez, datos):
    X_e = datos["entrenamiento"][0]
    X_p, y_p = datos["prueba"]
    rng = np.random.default_rng(0)
    generados = {"ruido": (rng.random(X_p.shape), None), "copias": (X_p, y_p)}
    filas = tabla_calidad(juez, generados, X_e, (X_p, y_p))
    assert list(filas) == ["reales (prueba)", "ruido", "copias"]
    assert math.isnan(filas["ruido"]["exactitud"])
    assert filas["copias"] == pytest.approx(filas["reales (prueba)"])
    assert filas["ruido"]["frechet"] > filas["reales (prueba)"]["frechet"]
    texto = formatear_tabla_calidad(filas)
    assert "—" in texto and "Fréchet" in texto and len(texto.splitlines()) == 4
    with pytest.raises(ValueError, match="tantas como reales"):
        tabla_calidad(juez, {"pocas": (X_p[:10], None)}, X_e, (X_p, y_p))
    with pytest.raises(ValueError, match="no hay filas"):
        formatear_tabla_calidad({})
