"""Lab07 · validación cruzada de k pliegues: disjuntos, completos, estratificados y como sklearn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import KFold, StratifiedKFold

from Lab07_Metricas_Evaluacion.codigo import (
    ResultadoValidacionCruzada,
    numeros_de_pliegue,
    pliegues_estratificados,
    pliegues_k,
    validacion_cruzada,
)


def _etiquetas(rng, k):
    """Entre 2 y 4 clases desequilibradas, cada una con al menos k ejemplos."""
    cuentas = rng.integers(k, 60, size=int(rng.integers(2, 5)))
    return rng.permutation(np.repeat(np.arange(cuentas.size), cuentas)), cuentas


def _comprobar_particion(parejas, n, k):
    assert len(parejas) == k
    validaciones = [val for _, val in parejas]
    todos = np.concatenate(validaciones)
    assert np.array_equal(np.sort(todos), np.arange(n)), "cada ejemplo valida exactamente una vez"
    for ent, val in parejas:
        assert np.intersect1d(ent, val).size == 0, "entrenamiento y validación deben ser disjuntos"
        assert np.array_equal(np.union1d(ent, val), np.arange(n)), "entre los dos cubren todos los datos"
        assert np.all(np.diff(ent) > 0) and np.all(np.diff(val) > 0)
    tamanos = [len(v) for v in validaciones]
    assert max(tamanos) - min(tamanos) <= 1


def test_k_pliegues_sin_barajar_igual_que_kfold():
    for n in range(2, 40):
        for k in range(2, min(n, 7) + 1):
            for (e1, v1), (e2, v2) in zip(pliegues_k(n, k, barajar=False), KFold(k).split(np.zeros(n))):
                np.testing.assert_array_equal(e1, e2)
                np.testing.assert_array_equal(v1, v2)


def test_estratificados_sin_barajar_igual_que_stratifiedkfold():
    rng = np.random.default_rng(0)
    for _ in range(100):
        k = int(rng.integers(2, 7))
        y, _ = _etiquetas(rng, k)
        for (e1, v1), (e2, v2) in zip(
            pliegues_estratificados(y, k, barajar=False), StratifiedKFold(k).split(np.zeros(len(y)), y)
        ):
            np.testing.assert_array_equal(e1, e2)
            np.testing.assert_array_equal(v1, v2)


def test_k_pliegues_barajados_son_particion_y_reproducibles():
    rng = np.random.default_rng(1)
    for _ in range(100):
        n = int(rng.integers(5, 200))
        k = int(rng.integers(2, min(n, 10) + 1))
        semilla = int(rng.integers(1000))
        parejas = pliegues_k(n, k, semilla=semilla)
        _comprobar_particion(parejas, n, k)
        otra = pliegues_k(n, k, semilla=semilla)
        assert all(np.array_equal(a[1], b[1]) for a, b in zip(parejas, otra))
    a = numeros_de_pliegue(100, 5, semilla=0)
    assert not np.array_equal(a, numeros_de_pliegue(100, 5, semilla=1))
    assert not np.array_equal(a, numeros_de_pliegue(100, 5, barajar=False))


def test_estratificados_conservan_la_proporcion_de_cada_clase():
    rng = np.random.default_rng(2)
    for _ in range(150):
        k = int(rng.integers(2, 8))
        y, cuentas = _etiquetas(rng, k)
        parejas = pliegues_estratificados(y, k, semilla=int(rng.integers(1000)))
        _comprobar_particion(parejas, len(y), k)
        for _, val in parejas:
            por_clase = np.bincount(y[val], minlength=cuentas.size)
            assert np.all(por_clase >= cuentas // k) and np.all(por_clase <= -(-cuentas // k))


def test_sin_estratificar_un_pliegue_puede_quedarse_sin_la_clase_rara():
    y = np.r_[np.zeros(95, int), np.ones(5, int)]  # sin barajar, los 5 positivos van juntos
    sin = [np.bincount(y[v], minlength=2)[1] for _, v in pliegues_k(100, 5, barajar=False)]
    con = [np.bincount(y[v], minlength=2)[1] for _, v in pliegues_estratificados(y, 5, barajar=False)]
    assert sin == [0, 0, 0, 0, 5]
    assert con == [1, 1, 1, 1, 1]


def test_etiquetas_de_texto_y_numeros_de_pliegue():
    y = np.array(["a"] * 6 + ["b"] * 3)
    pliegue = numeros_de_pliegue(y, 3, estratificar=True, semilla=0)
    assert pliegue.shape == (9,) and set(pliegue) == {0, 1, 2}
    for i in range(3):
        assert sorted(y[pliegue == i]) == ["a", "a", "b"]


@pytest.mark.parametrize(
    "llamada, mensaje",
    [
        (lambda: pliegues_k(10, 1), "k .* debe ser un entero ≥ 2"),
        (lambda: pliegues_k(10, 2.5), "entero ≥ 2"),
        (lambda: pliegues_k(3, 4), "no se pueden hacer 4 pliegues con sólo 3 ejemplos"),
        (lambda: pliegues_estratificados([0, 0, 0, 1, 1], 3), "sólo tiene 2 ejemplos"),
        (lambda: pliegues_estratificados([0.5, 1.0, 0.0], 2), "enteros o textos"),
    ],
)
def test_errores_claros(llamada, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        llamada()


def test_validacion_cruzada_llama_a_evaluar_en_cada_pliegue():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 3))
    X[:, 0] = np.arange(60)  # para saber qué filas llegan a cada llamada
    y = np.r_[np.zeros(45, int), np.ones(15, int)]
    vistos = []

    def evaluar(X_ent, y_ent, X_val, y_val):
        assert X_ent.shape[0] + X_val.shape[0] == 60
        assert np.intersect1d(X_ent[:, 0], X_val[:, 0]).size == 0
        assert np.array_equal(y_val, y[X_val[:, 0].astype(int)])
        vistos.append(X_val[:, 0].astype(int))
        return {"media_y": float(y_val.mean()), "n": len(y_val)}

    resultado = validacion_cruzada(evaluar, X, y, k=5, semilla=0)
    assert np.array_equal(np.sort(np.concatenate(vistos)), np.arange(60))
    assert resultado.por_pliegue["media_y"] == [0.25] * 5  # estratificado: 3 de 12 en cada pliegue
    assert resultado.media == {"media_y": 0.25, "n": 12.0}
    assert resultado.desviacion["media_y"] == 0.0
    assert resultado.resumen() == "media_y: 0.2500 ± 0.0000\nn: 12.0000 ± 0.0000"
    assert "k=5" in repr(resultado)


def test_validacion_cruzada_con_un_numero_y_errores():
    X, y = np.zeros((10, 2)), np.arange(10) % 2
    r = validacion_cruzada(lambda a, b, c, d: len(d), X, y, k=2, estratificar=False)
    assert isinstance(r, ResultadoValidacionCruzada) and r.por_pliegue == {"valor": [5.0, 5.0]}
    with pytest.raises(ValueError, match="X tiene 10 ejemplos pero y tiene 9"):
        validacion_cruzada(lambda *a: 0, X, y[:9])
    with pytest.raises(TypeError, match="evaluar debe ser una función"):
        validacion_cruzada("no", X, y)
    llamadas = []

    def cambia_de_metricas(X_ent, y_ent, X_val, y_val):
        llamadas.append(1)
        return {"a": 1.0} if len(llamadas) == 1 else {"b": 2.0}

    with pytest.raises(ValueError, match=r"métricas \['b'\] en el pliegue 1.*\['a'\]"):
        validacion_cruzada(cambia_de_metricas, X, y, k=2)
