"""Lab06: carga de datos, particiones, estandarización y mini-lotes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from Lab06_Entrenamiento.codigo import (
    CONJUNTOS_DATOS,
    Estandarizador,
    cargar_datos,
    dividir_datos,
    iterar_lotes,
    numero_lotes,
    preparar_datos,
)

FORMAS = {"digitos": (1797, 64, 10), "cancer_mama": (569, 30, 2), "vino": (178, 13, 3), "iris": (150, 4, 3),
          "espirales": (300, 2, 3), "lunas": (300, 2, 2)}


@pytest.mark.parametrize("nombre", list(CONJUNTOS_DATOS))
def test_cargar_datos_formas_y_tipos(nombre):
    X, y = cargar_datos(nombre)
    assert X.dtype == np.float64 and X.ndim == 2 and y.shape == (X.shape[0],)
    assert np.all(np.isfinite(X))
    if nombre == "diabetes":
        assert X.shape == (442, 10) and y.dtype == np.float64
    else:
        n, f, c = FORMAS[nombre]
        assert X.shape == (n, f) and y.dtype == np.int64 and set(np.unique(y)) == set(range(c))


def test_cargar_datos_nombres_y_errores():
    X1, _ = cargar_datos("Dígitos")
    X2, _ = cargar_datos("digitos")
    assert np.array_equal(X1, X2)
    with pytest.raises(ValueError, match="conjunto de datos desconocido: 'mnist'.*digitos"):
        cargar_datos("mnist")
    with pytest.raises(TypeError, match="texto"):
        cargar_datos(3)
    a, _ = cargar_datos("espirales", semilla=1)
    b, _ = cargar_datos("espirales", semilla=2)
    assert not np.array_equal(a, b)


def _indices(X, partes):
    """Recupera qué filas de X acabaron en cada parte (X tiene una columna con el índice)."""
    return [p[0][:, 0].astype(int) for p in partes]


def test_dividir_datos_disjuntos_completos_y_proporciones():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.arange(1000), rng.normal(size=1000)])
    y = rng.integers(0, 4, size=1000)
    partes = dividir_datos(X, y, (0.6, 0.25, 0.15), semilla=3)
    ent, val, pru = _indices(X, partes)
    assert len(ent) + len(val) + len(pru) == 1000
    for a, b in ((ent, val), (ent, pru), (val, pru)):
        assert len(np.intersect1d(a, b)) == 0
    assert abs(len(val) - 250) <= 4 and abs(len(pru) - 150) <= 4
    for (Xp, yp) in partes:  # cada X sigue con su y
        assert np.array_equal(y[Xp[:, 0].astype(int)], yp)


def test_dividir_datos_estratificado_conserva_proporciones():
    y = np.array([0] * 900 + [1] * 100)
    X = np.arange(1000, dtype=float).reshape(-1, 1)
    for particion in dividir_datos(X, y, (0.7, 0.15, 0.15), estratificar=True, semilla=0):
        assert np.mean(particion[1] == 1) == pytest.approx(0.1, abs=0.005)
    sin = dividir_datos(X, y, (0.7, 0.15, 0.15), estratificar=False, semilla=0)
    assert max(abs(np.mean(p[1] == 1) - 0.1) for p in sin) > 0.005  # sin estratificar se desvía


def test_dividir_datos_reproducible_barajado_y_regresion():
    X, y = cargar_datos("diabetes")
    a = dividir_datos(X, y, semilla=5)
    b = dividir_datos(X, y, semilla=5)
    c = dividir_datos(X, y, semilla=6)
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b))
    assert not np.array_equal(a[0][0], c[0][0])
    assert [len(p[1]) for p in a] == [310, 66, 66]  # regresión: no estratifica por valores
    with pytest.raises(ValueError, match="estratificar=True necesita etiquetas"):
        dividir_datos(X, y + 0.5, estratificar=True)
    vacia = dividir_datos(X, y, (0.8, 0.0, 0.2), semilla=0)
    assert len(vacia[1][1]) == 0 and len(vacia[0][1]) + len(vacia[2][1]) == 442


def test_dividir_datos_errores():
    X, y = np.zeros((10, 2)), np.zeros(10, dtype=int)
    with pytest.raises(ValueError, match="sumar 1"):
        dividir_datos(X, y, (0.5, 0.2, 0.2))
    with pytest.raises(ValueError, match="terna"):
        dividir_datos(X, y, (0.5, 0.5))
    with pytest.raises(TypeError, match="terna"):
        dividir_datos(X, y, 0.7)
    with pytest.raises(ValueError, match="X tiene 10 ejemplos pero y tiene forma"):
        dividir_datos(X, y[:5])
    with pytest.raises(ValueError, match="queda vacío"):
        dividir_datos(X[:3], y[:3], (0.9, 0.05, 0.05))


def test_estandarizador_igual_que_sklearn():
    rng = np.random.default_rng(1)
    X = rng.normal(5, 3, size=(40, 6))
    X[:, 2] = 7.0  # columna constante
    nuestro = Estandarizador().ajustar(X)
    suyo = StandardScaler().fit(X)
    nuevos = rng.normal(size=(9, 6))
    assert np.allclose(nuestro.transformar(nuevos), suyo.transform(nuevos), rtol=1e-12, atol=1e-12)
    Z = nuestro.ajustar_transformar(X)
    assert np.allclose(Z.mean(0), 0) and np.allclose(Z.std(0)[[0, 1, 3, 4, 5]], 1) and np.all(Z[:, 2] == 0)
    assert np.allclose(nuestro.invertir(Z), X)
    assert nuestro.transformar(X.astype(np.float32)).dtype == np.float32
    assert "6 rasgos" in repr(nuestro)


def test_estandarizador_errores():
    with pytest.raises(RuntimeError, match="no está ajustado"):
        Estandarizador().transformar(np.zeros((2, 2)))
    e = Estandarizador().ajustar(np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"se esperaba X de forma \(N, 4\), se recibió \(2, 3\)"):
        e.transformar(np.ones((2, 3)))
    with pytest.raises(ValueError, match="eje"):
        Estandarizador().ajustar(np.ones(5))
    with pytest.raises(ValueError, match="NaN"):
        Estandarizador().ajustar(np.array([[1.0], [np.nan]]))


def test_iterar_lotes_recorre_todo_una_vez():
    X = np.arange(23, dtype=float).reshape(-1, 1)
    y = np.arange(23)
    lotes = list(iterar_lotes(X, y, tamano_lote=5, barajar=True, semilla=0))
    assert [len(b[1]) for b in lotes] == [5, 5, 5, 5, 3] and numero_lotes(23, 5) == 5
    vistos = np.concatenate([b[1] for b in lotes])
    assert sorted(vistos) == list(range(23)) and not np.array_equal(vistos, np.arange(23))
    for Xb, yb in lotes:
        assert np.array_equal(Xb[:, 0], yb)
    ordenados = np.concatenate([b[1] for b in iterar_lotes(X, y, 5, barajar=False)])
    assert np.array_equal(ordenados, np.arange(23))


def test_iterar_lotes_semillas_y_descartar_ultimo():
    X = np.arange(20, dtype=float).reshape(-1, 1)
    uno = [b[0] for b in iterar_lotes(X, None, 4, semilla=3)]
    dos = [b[0] for b in iterar_lotes(X, None, 4, semilla=3)]
    assert all(np.array_equal(a, b) for a, b in zip(uno, dos))
    rng = np.random.default_rng(3)  # un mismo generador da un orden nuevo en cada época
    primera = np.concatenate([b[0] for b in iterar_lotes(X, None, 4, semilla=rng)])
    segunda = np.concatenate([b[0] for b in iterar_lotes(X, None, 4, semilla=rng)])
    assert not np.array_equal(primera, segunda)
    assert all(b[1] is None for b in iterar_lotes(X, None, 4))
    assert [len(b[0]) for b in iterar_lotes(X[:18], None, 4, descartar_ultimo=True)] == [4, 4, 4, 4]
    assert numero_lotes(18, 4, descartar_ultimo=True) == 4


def test_iterar_lotes_errores():
    with pytest.raises(ValueError, match="tamano_lote"):
        list(iterar_lotes(np.zeros((4, 2)), np.zeros(4), 0))
    with pytest.raises(ValueError, match="X tiene 4 ejemplos pero y tiene forma"):
        list(iterar_lotes(np.zeros((4, 2)), np.zeros(3), 2))


def test_preparar_datos_estandariza_con_el_entrenamiento():
    datos = preparar_datos("cancer_mama", semilla=0)
    X_ent, y_ent = datos.entrenamiento
    assert np.allclose(X_ent.mean(0), 0, atol=1e-10) and np.allclose(X_ent.std(0), 1)
    assert not np.allclose(datos.prueba[0].mean(0), 0, atol=1e-3)  # la prueba no se usó para ajustar
    assert datos.n_clases == 2 and datos.n_rasgos == 30 and datos.nombres_clases == ["maligno", "benigno"]
    proporcion = np.mean(cargar_datos("cancer_mama")[1])
    for _, y in (datos.entrenamiento, datos.validacion, datos.prueba):
        assert np.mean(y) == pytest.approx(proporcion, abs=0.02)
    assert "entrenamiento=397" in repr(datos)
    X_crudo = np.vstack([datos.estandarizador.invertir(p[0]) for p in
                         (datos.entrenamiento, datos.validacion, datos.prueba)])
    assert np.allclose(np.sort(X_crudo[:, 0]), np.sort(cargar_datos("cancer_mama")[0][:, 0]))


def test_preparar_datos_regresion_y_sin_estandarizar():
    datos = preparar_datos("diabetes", semilla=0)
    assert datos.n_clases == 0 and datos.entrenamiento[1].shape == (310, 1)
    assert abs(datos.entrenamiento[1].mean()) < 1e-10 and "regresión" in repr(datos)
    assert datos.estandarizador_objetivo is not None
    crudo = preparar_datos("iris", estandarizar=False, semilla=0)
    assert crudo.estandarizador is None and crudo.entrenamiento[0].max() > 3
