"""Pruebas del Lab08 (Keras y comparaciones): MLP de Keras con los mismos pesos, tf.data, callbacks,
guardar/cargar, los tres problemas clásicos, autograd en tres bibliotecas y el primer paso idéntico
en NumPy, PyTorch y Keras."""

from __future__ import annotations

import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402
import torch  # noqa: E402

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada  # noqa: E402
from Lab06_Entrenamiento.codigo import Adam, construir_mlp, entrenar, predecir_clases, preparar_datos  # noqa: E402
from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    PROBLEMAS_CLASICOS,
    MLPTorch,
    biblioteca_de,
    callbacks_keras,
    capa_densa_tres_formas,
    compilar_keras,
    crear_cargador,
    crear_dataset_tf,
    crear_mlp_keras,
    datos_problema,
    diferencias_primer_paso,
    entrenar_keras,
    entrenar_problema,
    entrenar_torch,
    evaluar_keras,
    expresion_tres_formas,
    fijar_pesos_densos,
    historial_keras,
    pesos_densos,
    predecir_keras,
    primer_paso,
    tabla_resultados,
    tabla_tres_formas,
)


@pytest.fixture(autouse=True, scope="module")
def determinismo():
    """Operaciones deterministas sólo durante este archivo (no afecta a las pruebas de otros labs)."""
    from tensorflow.python.framework import config

    tf.config.experimental.enable_op_determinism()
    yield
    config.disable_op_determinism()


# Aviso interno de TensorFlow 2.21 con NumPy 2 (EagerTensor.__array__ sin «copy»), no de este laboratorio.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")


# --- modelo -----------------------------------------------------------------------------------
@pytest.mark.parametrize("tamanos", [[4, 3], [64, 64, 10], [6, 5, 4, 1]])
def test_mismos_pesos_iniciales_que_pytorch(tamanos):
    modelo = crear_mlp_keras(tamanos, semilla=5, dtype="float64")
    red = MLPTorch(tamanos, semilla=5, dtype=torch.float64)
    assert biblioteca_de(modelo) == "keras"
    for (Wk, bk), (Wt, bt) in zip(pesos_densos(modelo), pesos_densos(red), strict=True):
        np.testing.assert_array_equal(Wk, Wt)
        np.testing.assert_array_equal(bk, bt)
    X = np.random.default_rng(0).normal(size=(7, tamanos[0]))
    np.testing.assert_allclose(np.asarray(modelo(X)), red(torch.tensor(X)).detach().numpy(), rtol=1e-12)


def test_dropout_no_cambia_los_pesos_y_l2_se_aplica():
    sin = crear_mlp_keras([5, 8, 3], semilla=1)
    con = crear_mlp_keras([5, 8, 3], dropout=0.5, l2=0.1, semilla=1)
    for (W1, _), (W2, _) in zip(pesos_densos(sin), pesos_densos(con)):
        np.testing.assert_array_equal(W1, W2)
    assert [type(c).__name__ for c in con.layers] == ["Dense", "Dropout", "Dense"]
    assert con.layers[0].kernel_regularizer is not None
    X = np.ones((4, 5), dtype=np.float32)
    assert np.array_equal(np.asarray(con(X, training=False)), np.asarray(sin(X)))  # sin dropout al predecir


def test_crear_mlp_keras_errores():
    with pytest.raises(ValueError, match="al menos dos enteros"):
        crear_mlp_keras([3])
    with pytest.raises(ValueError, match="activación desconocida"):
        crear_mlp_keras([3, 2], activacion="swish")
    with pytest.raises(ValueError, match="l2"):
        crear_mlp_keras([3, 2], l2=-1.0)
    with pytest.raises(ValueError, match="dropout"):
        crear_mlp_keras([3, 4, 2], dropout=-0.1)


@pytest.mark.parametrize(
    "tarea,perdida,metrica",
    [
        ("binaria", "BinaryCrossentropy", "accuracy"),
        ("multiclase", "SparseCategoricalCrossentropy", "accuracy"),
        ("regresion", "MeanSquaredError", "mae"),
    ],
)
def test_compilar_keras(tarea, perdida, metrica):
    modelo = compilar_keras(crear_mlp_keras([3, 2]), tarea)
    assert type(modelo.loss).__name__ == perdida and type(modelo.optimizer).__name__ == "Adam"
    assert modelo.optimizer.epsilon == pytest.approx(1e-8)
    assert (
        type(compilar_keras(crear_mlp_keras([3, 2]), tarea, decaimiento_pesos=0.01).optimizer).__name__
        == "AdamW"
    )
    with pytest.raises(ValueError, match="tarea desconocida"):
        compilar_keras(crear_mlp_keras([3, 2]), "ranking")


def test_crear_dataset_tf_cubre_y_se_repite():
    X = np.arange(20, dtype=np.float64).reshape(10, 2)
    y = np.arange(10)
    lotes = crear_dataset_tf(X, y, tamano_lote=4, semilla=2)
    epoca1 = np.concatenate([yb.numpy() for _, yb in lotes])
    epoca2 = np.concatenate([yb.numpy() for _, yb in lotes])
    assert sorted(epoca1) == list(range(10)) and not np.array_equal(epoca1, epoca2)
    otra = np.concatenate([yb.numpy() for _, yb in crear_dataset_tf(X, y, tamano_lote=4, semilla=2)])
    np.testing.assert_array_equal(epoca1, otra)
    xb, _ = next(iter(crear_dataset_tf(X, y, 4, barajar=False)))
    assert xb.dtype == tf.float32 and xb.shape == (4, 2)
    with pytest.raises(ValueError, match="tamano_lote"):
        crear_dataset_tf(X, y, 0)
    with pytest.raises(ValueError, match="X tiene 10 ejemplos"):
        crear_dataset_tf(X, y[:3])


def test_historial_keras_nombres_del_curso():
    datos = {"loss": [1.0, 0.5], "accuracy": [0.5, 0.7], "val_loss": [1.1, 0.6], "val_mae": [0.3, 0.2]}
    h = historial_keras(datos)
    assert h == {
        "perdida": [1.0, 0.5],
        "exactitud": [0.5, 0.7],
        "perdida_val": [1.1, 0.6],
        "error_absoluto_medio_val": [0.3, 0.2],
    }
    with pytest.raises(TypeError, match="History"):
        historial_keras([1, 2])


def test_callbacks_parada_temprana_y_checkpoint(tmp_path):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)).astype(np.float32), rng.integers(0, 2, 40)
    X_val, y_val = rng.normal(size=(20, 3)).astype(np.float32), rng.integers(0, 2, 20)  # ruido: no mejora
    modelo = compilar_keras(crear_mlp_keras([3, 64, 2], semilla=0), "multiclase", tasa_aprendizaje=0.05)
    ruta = tmp_path / "mejor.keras"
    lista = callbacks_keras(paciencia=2, ruta_checkpoint=ruta)
    assert [type(c).__name__ for c in lista] == ["EarlyStopping", "ModelCheckpoint"]
    h = entrenar_keras(modelo, (X, y), (X_val, y_val), epocas=50, tamano_lote=8, callbacks=lista)
    assert len(h["perdida"]) < 50
    mejor = min(h["perdida_val"])
    assert modelo.evaluate(X_val, y_val, verbose=0)[0] == pytest.approx(mejor, rel=1e-5)  # mejores pesos
    cargado = keras.models.load_model(ruta)
    np.testing.assert_allclose(np.asarray(cargado(X_val)), np.asarray(modelo(X_val)), rtol=1e-6, atol=1e-6)
    with pytest.raises(ValueError, match=r"terminar en \.keras"):
        callbacks_keras(ruta_checkpoint=tmp_path / "modelo.h5")
    with pytest.raises(ValueError, match="paciencia"):
        callbacks_keras(paciencia=0)
    assert callbacks_keras() == []


def test_guardar_y_cargar_modelo_keras_ida_y_vuelta(tmp_path):
    modelo = crear_mlp_keras([4, 6, 3], dropout=0.2, semilla=3)
    modelo.save(tmp_path / "m.keras")
    cargado = keras.models.load_model(tmp_path / "m.keras")
    for (W1, b1), (W2, b2) in zip(pesos_densos(modelo), pesos_densos(cargado)):
        np.testing.assert_array_equal(W1, W2)
        np.testing.assert_array_equal(b1, b2)
    assert [c.name for c in cargado.layers] == [c.name for c in modelo.layers]


# --- problemas clásicos y métricas del Lab07 --------------------------------------------------
def test_datos_problema_y_errores():
    datos = datos_problema("cancer_mama")
    assert datos.entrenamiento[1].shape[1] == 1 and datos.entrenamiento[1].dtype == np.float32
    assert datos_problema("vino").entrenamiento[1].ndim == 1
    assert set(PROBLEMAS_CLASICOS.values()) == {"binaria", "multiclase", "regresion"}
    with pytest.raises(ValueError, match="problema desconocido"):
        datos_problema("iris")


def test_evaluar_keras_regresion_a_mano():
    modelo = crear_mlp_keras([2, 1], semilla=0)
    fijar_pesos_densos(modelo, [(np.array([[1.0], [2.0]]), np.array([0.5]))])
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([[1.0], [2.0], [3.0]])  # predicciones 1.5, 2.5, 3.5 → residuos 0.5
    metricas = evaluar_keras(modelo, X, y, "regresion")
    assert metricas["ecm"] == pytest.approx(0.25) and metricas["eam"] == pytest.approx(0.5)
    assert metricas["r2"] == pytest.approx(1 - 0.75 / 2)


def test_predecir_keras_probabilidades():
    modelo = crear_mlp_keras([2, 3], semilla=0)
    p = predecir_keras(modelo, np.ones((4, 2)), "multiclase")
    np.testing.assert_allclose(p.sum(1), 1.0)
    binario = crear_mlp_keras([2, 1], semilla=0)
    q = predecir_keras(binario, np.ones((4, 2)), "binaria")
    assert q.shape == (4,) and np.all((q > 0) & (q < 1))
    with pytest.raises(ValueError, match="tarea desconocida"):
        predecir_keras(binario, np.ones((1, 2)), "otra")


def test_entrenar_problema_binario_usa_metricas_del_lab07():
    modelo, historial, metricas = entrenar_problema("cancer_mama", epocas=8, semilla=0)
    assert {"exactitud", "precision", "sensibilidad", "f1", "auc_roc"} <= set(metricas)
    assert metricas["exactitud"] > 0.9 and metricas["auc_roc"] > 0.95
    assert len(historial["perdida_val"]) == 8


# --- autograd: Valor, PyTorch, TensorFlow ------------------------------------------------------
@pytest.mark.parametrize("a,b", [(2.0, -3.0), (-0.7, 0.4), (1.3, 2.2)])
def test_expresion_tres_formas_coinciden_con_la_derivada_a_mano(a, b):
    resultado = expresion_tres_formas(a, b)
    s = 1 / (1 + math.exp(-b))
    t = math.tanh(a * b + a * a)
    esperado = (
        t + s * math.exp(a / 4),
        (1 - t * t) * (b + 2 * a) + s * math.exp(a / 4) / 4,
        (1 - t * t) * a + s * (1 - s) * math.exp(a / 4),
    )
    for nombre, valores in resultado.items():
        np.testing.assert_allclose(valores, esperado, rtol=1e-12, err_msg=nombre)
    assert "Valor (Lab05)" in tabla_tres_formas(resultado)


@pytest.mark.parametrize("forma", [(1, 1, 1), (5, 4, 3), (8, 2, 6)])
def test_capa_densa_tres_formas(forma):
    N, E, S = forma
    rng = np.random.default_rng(N + E + S)
    X, W, b, g = rng.normal(size=(N, E)), rng.normal(size=(E, S)), rng.normal(size=S), rng.normal(size=(N, S))
    resultado = capa_densa_tres_formas(X, W, b, g)
    esperado = {"W": X.T @ g, "b": g.sum(0), "X": g @ W.T}
    for nombre, grads in resultado.items():
        for k in esperado:
            np.testing.assert_allclose(grads[k], esperado[k], rtol=1e-12, atol=1e-14, err_msg=f"{nombre} {k}")
    with pytest.raises(ValueError, match="formas incompatibles"):
        capa_densa_tres_formas(X, W, b, g[:, :1] if S > 1 else np.zeros((N, 2)))


# --- el mismo primer paso en las tres bibliotecas ---------------------------------------------
@pytest.mark.parametrize("tamanos,n", [([64, 64, 10], 32), ([5, 7, 3], 4), ([6, 8, 8, 4], 9)])
def test_primer_paso_identico_en_numpy_pytorch_y_keras(tamanos, n):
    rng = np.random.default_rng(n)
    pesos = pesos_densos(MLPTorch(tamanos, semilla=n, dtype=torch.float64))
    pesos = [(W, rng.normal(size=b.shape) * 0.1) for W, b in pesos]  # sesgos no nulos: también se comprueban
    X = rng.normal(size=(n, tamanos[0]))
    y = rng.integers(0, tamanos[-1], size=n)
    resultados = primer_paso(pesos, X, y)
    assert set(resultados) == {"NumPy (Lab06)", "PyTorch", "Keras"}
    for nombre, diferencias in diferencias_primer_paso(resultados).items():
        for clave, valor in diferencias.items():
            assert valor < 1e-12, f"{nombre} · {clave}: error relativo {valor:.2e}"
    # el paso se dio de verdad: los pesos cambiaron en la dirección −η·gradiente
    W0, dW = pesos[0][0], resultados["PyTorch"]["gradientes"][0][0]
    np.testing.assert_allclose(resultados["NumPy (Lab06)"]["pesos"][0][0], W0 - 0.125 * dW, rtol=1e-12)
    assert dW.shape == W0.shape and np.abs(dW).max() > 0


def test_diferencias_primer_paso_detecta_un_error():
    pesos = pesos_densos(MLPTorch([4, 3, 2], semilla=0, dtype=torch.float64))
    rng = np.random.default_rng(0)
    resultados = primer_paso(pesos, rng.normal(size=(5, 4)), rng.integers(0, 2, 5))
    resultados["Keras"]["gradientes"][0] = (
        resultados["Keras"]["gradientes"][0][0] * 1.01,
        resultados["Keras"]["gradientes"][0][1],
    )
    assert diferencias_primer_paso(resultados)["Keras"]["gradientes"] > 1e-3
    with pytest.raises(ValueError, match="referencia"):
        diferencias_primer_paso(resultados, referencia="JAX")
    with pytest.raises(ValueError, match="pesos está vacío"):
        primer_paso([], np.zeros((1, 2)), np.zeros(1, dtype=int))


def test_tabla_resultados():
    tabla = tabla_resultados({"A": {"x": 0.5, "y": 1.0}, "Bb": {"x": 0.25, "y": 2.0}})
    lineas = tabla.splitlines()
    assert len(lineas) == 3 and "0.2500" in lineas[2] and lineas[0].split() == ["x", "y"]
    with pytest.raises(ValueError, match="no hay filas"):
        tabla_resultados({})


def test_las_tres_implementaciones_a_menos_de_un_punto_en_digitos():
    """Mismo reparto, misma red, mismos pesos iniciales y Adam: exactitudes a ≤ 1 punto."""
    datos = preparar_datos("digitos", semilla=0)
    (X, y), validacion, (X_p, y_p) = datos.entrenamiento, datos.validacion, datos.prueba
    epocas = 6
    modelo = construir_mlp([64, 64, 10], semilla=0)
    entrenar(
        modelo,
        EntropiaCruzada(),
        Adam(modelo.parameters(), 1e-3),
        (X, y),
        epocas=epocas,
        tamano_lote=32,
        barra_progreso=False,
    )
    exactitudes = {"numpy": np.mean(predecir_clases(modelo, X_p) == y_p)}
    red = MLPTorch([64, 64, 10], semilla=0)
    entrenar_torch(
        red,
        torch.nn.CrossEntropyLoss(),
        torch.optim.Adam(red.parameters(), 1e-3),
        crear_cargador(X, y, 32, semilla=0),
        epocas=epocas,
    )
    with torch.no_grad():
        exactitudes["torch"] = np.mean(
            red(torch.as_tensor(X_p, dtype=torch.float32)).argmax(1).numpy() == y_p
        )
    modelo_k = compilar_keras(crear_mlp_keras([64, 64, 10], semilla=0), "multiclase")
    entrenar_keras(modelo_k, (X, y), validacion, epocas=epocas)
    exactitudes["keras"] = np.mean(predecir_keras(modelo_k, X_p, "multiclase").argmax(1) == y_p)
    assert min(exactitudes.values()) > 0.93, exactitudes
    assert max(exactitudes.values()) - min(exactitudes.values()) <= 0.01, exactitudes
