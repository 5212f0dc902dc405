"""Lab07 · datos desequilibrados: pesos de clase, remuestreo y entropías cruzadas ponderadas
(comparadas con torch y con la comprobación numérica de gradientes del Lab05)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from sklearn.utils.class_weight import compute_class_weight, compute_sample_weight

from Lab05_Backpropagation.codigo import comprobar_gradiente_perdida
from Lab07_Metricas_Evaluacion.codigo import (
    EntropiaCruzadaBinariaPonderada,
    EntropiaCruzadaPonderada,
    desbalancear,
    distribucion_clases,
    pesos_clase,
    pesos_muestra,
    sobremuestrear,
    submuestrear,
)


def _datos(semilla, cuentas):
    rng = np.random.default_rng(semilla)
    y = rng.permutation(np.repeat(np.arange(len(cuentas)), cuentas))
    X = np.column_stack([np.arange(len(y)), rng.normal(size=len(y))])  # columna 0 = identidad de la fila
    return X, y


def test_pesos_clase_y_de_muestra_igual_que_sklearn():
    rng = np.random.default_rng(0)
    for _ in range(50):
        cuentas = rng.integers(1, 50, size=int(rng.integers(2, 6)))
        _, y = _datos(int(rng.integers(100)), cuentas)
        np.testing.assert_allclose(
            pesos_clase(y), compute_class_weight("balanced", classes=np.unique(y), y=y)
        )
        np.testing.assert_allclose(pesos_muestra(y), compute_sample_weight("balanced", y))
    assert np.allclose(pesos_clase([0, 1, 0, 1]), 1.0)  # equilibrado: todos 1
    np.testing.assert_allclose(pesos_clase([0, 0, 0, 1]), [4 / 6, 2.0])
    np.testing.assert_allclose(pesos_muestra([1, 0], pesos=[1.0, 5.0]), [5.0, 1.0])
    np.testing.assert_allclose(pesos_clase(["b", "a", "a"], clases=["b", "a"]), [1.5, 0.75])


def test_distribucion_clases():
    d = distribucion_clases([2, 0, 2, 2])
    np.testing.assert_array_equal(d["clases"], [0, 2])
    np.testing.assert_array_equal(d["cuentas"], [1, 3])
    np.testing.assert_allclose(d["proporciones"], [0.25, 0.75])


def test_sobremuestrear_iguala_las_clases_y_conserva_los_originales():
    X, y = _datos(1, [90, 8, 2])
    X2, y2 = sobremuestrear(X, y, semilla=0)
    assert np.bincount(y2).tolist() == [90, 90, 90]
    filas = X2[:, 0].astype(int)
    assert set(filas) == set(range(len(y))), "todos los originales siguen ahí"
    np.testing.assert_array_equal(y2, y[filas])  # cada fila conserva su etiqueta
    np.testing.assert_array_equal(X2, X[filas])
    X3, y3 = sobremuestrear(X, y, semilla=0)
    np.testing.assert_array_equal(X2, X3)
    assert not np.array_equal(X2, sobremuestrear(X, y, semilla=1)[0])


def test_submuestrear_se_queda_con_la_minoritaria_sin_repetir():
    X, y = _datos(2, [50, 20, 7])
    X2, y2 = submuestrear(X, y, semilla=0)
    assert np.bincount(y2).tolist() == [7, 7, 7]
    filas = X2[:, 0].astype(int)
    assert len(set(filas)) == len(filas), "sin repeticiones"
    np.testing.assert_array_equal(y2, y[filas])
    assert set(filas[y2 == 2]) == set(np.flatnonzero(y == 2)), "la minoritaria se queda entera"
    np.testing.assert_array_equal(submuestrear(X, y, semilla=0)[0], X2)


def test_desbalancear():
    X, y = _datos(3, [100, 100])
    X2, y2 = desbalancear(X, y, clase=1, fraccion=0.05, semilla=0)
    assert np.bincount(y2).tolist() == [100, 5]
    np.testing.assert_array_equal(y2, y[X2[:, 0].astype(int)])
    assert np.all(np.diff(X2[:, 0]) > 0), "se conserva el orden"
    assert np.bincount(desbalancear(X, y, 1, 0.001, semilla=0)[1]).tolist() == [100, 1]


@pytest.mark.parametrize(
    "llamada, tipo, mensaje",
    [
        (lambda: pesos_clase([]), ValueError, "vacío"),
        (lambda: pesos_clase([0, 1], clases=[0, 1, 2]), ValueError, "no tiene ejemplos"),
        (lambda: pesos_clase([0, 3], clases=[0, 1]), ValueError, "no están en clases"),
        (lambda: pesos_muestra([0, 1], pesos=[1.0]), ValueError, "un peso por clase"),
        (lambda: sobremuestrear(np.zeros((3, 2)), [0, 1]), ValueError, "X tiene 3 ejemplos pero y tiene 2"),
        (lambda: submuestrear(np.zeros((2, 2)), [0.5, 1]), ValueError, "enteros o textos"),
        (
            lambda: desbalancear(np.zeros((2, 1)), [0, 1], 1, 0.0),
            ValueError,
            r"fraccion debe estar en \(0, 1\]",
        ),
        (lambda: desbalancear(np.zeros((2, 1)), [0, 1], 5, 0.5), ValueError, "no hay ejemplos de la clase 5"),
        (lambda: EntropiaCruzadaPonderada([1.0, -2.0]), ValueError, "positivos y finitos"),
        (lambda: EntropiaCruzadaPonderada("equilibrado"), ValueError, "un peso por clase"),
        (lambda: EntropiaCruzadaBinariaPonderada(0.0), ValueError, "número positivo"),
        (lambda: EntropiaCruzadaPonderada([1.0, 2.0])(np.zeros((2, 3)), [0, 1]), ValueError, "3 columnas"),
        (
            lambda: EntropiaCruzadaPonderada([1.0, 2.0])(np.zeros((2, 2)), np.eye(2)),
            ValueError,
            "etiquetas enteras",
        ),
        (
            lambda: EntropiaCruzadaPonderada([1.0, 2.0])(np.zeros((2, 2)), [0, 2]),
            ValueError,
            "fuera de rango",
        ),
        (lambda: EntropiaCruzadaPonderada([1.0, 2.0]).backward(), RuntimeError, "llamada previa a"),
    ],
)
def test_entradas_malas(llamada, tipo, mensaje):
    with pytest.raises(tipo, match=mensaje):
        llamada()


# --- pérdidas ponderadas frente a torch ----------------------------------------------------------


@pytest.mark.parametrize("n, c", [(1, 2), (5, 3), (16, 4), (40, 10)])
def test_entropia_cruzada_ponderada_igual_que_torch(n, c):
    rng = np.random.default_rng(n * c)
    z = rng.normal(size=(n, c)) * 3
    y = rng.integers(0, c, n)
    pesos = rng.uniform(0.1, 5, c)
    perdida = EntropiaCruzadaPonderada(pesos)
    valor = perdida(z, y)
    grad = perdida.backward()
    zt = torch.tensor(z, requires_grad=True)
    lt = torch.nn.CrossEntropyLoss(weight=torch.tensor(pesos))(zt, torch.tensor(y))
    lt.backward()
    assert abs(valor - lt.item()) <= 1e-10 * max(1.0, abs(lt.item()))
    np.testing.assert_allclose(grad, zt.grad.numpy(), rtol=1e-10, atol=1e-14)
    sin_reducir = torch.nn.CrossEntropyLoss(weight=torch.tensor(pesos), reduction="none")(
        torch.tensor(z), torch.tensor(y)
    )
    np.testing.assert_allclose(perdida.por_elemento(z, y), sin_reducir.numpy(), rtol=1e-10)
    assert comprobar_gradiente_perdida(perdida, z, y) < 1e-6


def test_entropia_cruzada_ponderada_desde_probabilidades_y_pesos_uno():
    rng = np.random.default_rng(4)
    z = rng.normal(size=(8, 3))
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    y = rng.integers(0, 3, 8)
    desde_p = EntropiaCruzadaPonderada([1.0, 2.0, 0.5], desde_logits=False)
    desde_z = EntropiaCruzadaPonderada([1.0, 2.0, 0.5])
    assert desde_p(p, y) == pytest.approx(desde_z(z, y), rel=1e-12)
    assert comprobar_gradiente_perdida(desde_p, p, y) < 1e-6
    # con todos los pesos a 1 es la entropía cruzada de siempre
    lt = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(y))
    assert EntropiaCruzadaPonderada(np.ones(3))(z, y) == pytest.approx(lt.item(), rel=1e-12)
    assert "EntropiaCruzadaPonderada(pesos=[1.0, 2.0, 0.5]" in repr(desde_p)


@pytest.mark.parametrize("forma", [(1, 1), (7, 1), (20, 1), (6, 3)])
def test_entropia_binaria_ponderada_igual_que_torch(forma):
    rng = np.random.default_rng(sum(forma))
    z = rng.normal(size=forma) * 4
    y = rng.integers(0, 2, forma).astype(float)
    peso = float(rng.uniform(0.2, 10))
    perdida = EntropiaCruzadaBinariaPonderada(peso)
    valor = perdida(z, y)
    grad = perdida.backward()
    zt = torch.tensor(z, requires_grad=True)
    lt = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([peso], dtype=torch.float64))(zt, torch.tensor(y))
    lt.backward()
    assert abs(valor - lt.item()) <= 1e-10 * max(1.0, abs(lt.item()))
    np.testing.assert_allclose(grad, zt.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert comprobar_gradiente_perdida(perdida, z, y) < 1e-6
    assert repr(perdida).startswith("EntropiaCruzadaBinariaPonderada(peso_positivo=")


def test_perdidas_ponderadas_estables_con_logits_extremos():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):  # exp(−2000) → 0 es inocuo
            ce = EntropiaCruzadaPonderada([1.0, 3.0, 2.0])
            valor = ce(z, [1, 0])
            assert np.isfinite(valor) and np.all(np.isfinite(ce.backward()))
            bce = EntropiaCruzadaBinariaPonderada(5.0)
            zb = np.array([[1000.0], [-1000.0], [0.0]])
            valor = bce(zb, np.array([[0.0], [1.0], [1.0]]))
            assert np.isfinite(valor) and np.all(np.isfinite(bce.backward()))
    lt = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0, 2.0], dtype=torch.float64))(
        torch.tensor(z), torch.tensor([1, 0])
    )
    assert ce(z, [1, 0]) == pytest.approx(lt.item(), rel=1e-12)
