"""Lab11: *skip-gram* con muestreo negativo (Word2Vec) en NumPy y en PyTorch: pares, distribución
de negativos, submuestreo, pérdida y gradientes contra autograd (float64), comprobación numérica,
estabilidad, entrenamiento, vecinos más cercanos y proyección PCA."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab05_Backpropagation.codigo import TOLERANCIA_GRADIENTE, comprobar_gradiente
from Lab06_Entrenamiento.codigo.optimizadores import SGD
from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos, seleccionar_dispositivo
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import Vocabulario
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.word2vec import (
    SkipGramNegativo,
    distribucion_negativos,
    entrenar_skipgram,
    pares_skipgram,
    proyectar_2d,
    similitud_palabras,
    submuestrear_frecuentes,
    vecinos_mas_cercanos,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.word2vec_torch import (
    SkipGramTorch,
    entrenar_skipgram_torch,
)


@pytest.fixture(autouse=True, scope="module")
def un_hilo():
    """Un hilo de CPU: en una máquina compartida, más hilos que núcleos libres hacen todo más lento."""
    with mismos_hilos(1):
        yield


def _pares(centros, contextos):
    return list(zip(centros.tolist(), contextos.tolist()))


def _pares_con_bucles(ids, ventana):
    """Referencia directa: dos bucles, posición a posición."""
    pares = []
    for i, c in enumerate(ids):
        for j in range(max(0, i - ventana), min(len(ids), i + ventana + 1)):
            if j != i and c >= 2 and ids[j] >= 2:
                pares.append((c, ids[j]))
    return pares


# --- pares ---------------------------------------------------------------------------------
def test_pares_ventana_1_y_2_exactos_con_bordes():
    ids = np.array([2, 3, 4, 5])
    assert _pares(*pares_skipgram(ids, ventana=1)) == [(2, 3), (3, 2), (3, 4), (4, 3), (4, 5), (5, 4)]
    assert _pares(*pares_skipgram(ids, ventana=2)) == [
        (2, 3), (2, 4),                 # el primero sólo tiene vecinas a la derecha
        (3, 2), (3, 4), (3, 5),
        (4, 2), (4, 3), (4, 5),
        (5, 3), (5, 4),                 # el último, sólo a la izquierda
    ]
    # una ventana mayor que la secuencia no inventa pares; una sola palabra no tiene ninguno
    assert _pares(*pares_skipgram([7, 8], ventana=5)) == [(7, 8), (8, 7)]
    c, o = pares_skipgram([7], ventana=3)
    assert c.shape == o.shape == (0,) and c.dtype == np.int64


def test_pares_los_especiales_no_forman_pares_pero_ocupan_su_posicion():
    assert _pares(*pares_skipgram([2, 1, 3], ventana=1)) == []
    assert _pares(*pares_skipgram([2, 1, 3], ventana=2)) == [(2, 3), (3, 2)]
    assert _pares(*pares_skipgram([0, 4, 0], ventana=2)) == []


def test_pares_coincide_con_los_bucles_y_no_cruza_parrafos():
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 9, size=60)
    for ventana in (1, 2, 3, 5):
        assert _pares(*pares_skipgram(ids, ventana)) == _pares_con_bucles(ids.tolist(), ventana)
    parrafos = [np.array([2, 3]), np.array([4, 5])]
    assert _pares(*pares_skipgram(parrafos, ventana=3)) == [(2, 3), (3, 2), (4, 5), (5, 4)]


def test_pares_ventana_reducida_al_azar():
    ids = np.arange(2, 4002) % 50 + 2
    completos = set(_pares(*pares_skipgram(ids, 4)))
    c, o = pares_skipgram(ids, 4, semilla=0)
    assert set(_pares(c, o)) <= completos
    np.testing.assert_array_equal(c, pares_skipgram(ids, 4, semilla=0)[0])  # reproducible
    # una vecina a distancia d entra con probabilidad (4 − d + 1)/4: en total (4+3+2+1)/4 = 2.5 por lado
    assert c.size / (2 * ids.size) == pytest.approx(2.5, rel=0.03)


def test_pares_errores():
    with pytest.raises(ValueError, match="ventana debe ser un entero positivo"):
        pares_skipgram([2, 3], ventana=0)
    with pytest.raises(TypeError, match="se esperaban ids enteros"):
        pares_skipgram(np.array([2.0, 3.0]))
    with pytest.raises(ValueError, match="ids negativos"):
        pares_skipgram([2, -1])
    with pytest.raises(ValueError, match="se esperaba que ids tuviera 1 eje"):
        pares_skipgram(np.zeros((2, 2), dtype=int))


# --- distribución de negativos y submuestreo -------------------------------------------------
def test_distribucion_negativos_proporcional_a_cuenta_elevada_a_075():
    ids = np.array([2] * 16 + [3] * 1 + [4] * 81 + [0, 0, 1])
    p = distribucion_negativos(ids, n_tokens=6)
    esperado = np.array([0, 0, 16**0.75, 1, 81**0.75, 0])   # especiales y ausentes (5): 0
    np.testing.assert_allclose(p, esperado / esperado.sum(), rtol=0, atol=1e-15)
    assert p.sum() == pytest.approx(1.0, abs=1e-15)
    np.testing.assert_allclose(distribucion_negativos(ids, 6, potencia=1.0)[[2, 3, 4]],
                               np.array([16, 1, 81]) / 98, rtol=1e-14)
    np.testing.assert_allclose(distribucion_negativos([ids[:50], ids[50:]], 6), p)  # lista = concatenar


def test_distribucion_negativos_errores():
    with pytest.raises(ValueError, match="fuera del vocabulario"):
        distribucion_negativos([2, 9], n_tokens=5)
    with pytest.raises(ValueError, match="ninguna palabra"):
        distribucion_negativos([0, 1, 1], n_tokens=5)
    with pytest.raises(ValueError, match="n_tokens"):
        distribucion_negativos([2], n_tokens=2)


def test_submuestrear_frecuentes_sigue_la_formula_de_mikolov():
    # 2 es el 90 % del texto, 3 el 10 %: con t = 0.01 se conservan √(0.01/0.9) y √(0.01/0.1) de cada uno
    ids = np.array([2] * 90_000 + [3] * 10_000 + [1] * 50)
    resto = submuestrear_frecuentes(ids, t=0.01, semilla=0)
    total = 100_000
    assert np.sum(resto == 2) / 90_000 == pytest.approx(np.sqrt(0.01 * total / 90_000), rel=0.03)
    assert np.sum(resto == 3) / 10_000 == pytest.approx(np.sqrt(0.01 * total / 10_000), rel=0.03)
    assert np.sum(resto == 1) == 50                              # los especiales no se tocan
    raras = np.array([2, 3, 4, 5, 6])                              # f = 0.2 ≤ t = 0.5: se quedan todas
    np.testing.assert_array_equal(submuestrear_frecuentes(raras, t=0.5, semilla=1), raras)
    lista = submuestrear_frecuentes([ids[:10], ids[10:20]], t=0.01, semilla=0)
    assert isinstance(lista, list) and len(lista) == 2
    np.testing.assert_array_equal(resto, submuestrear_frecuentes(ids, t=0.01, semilla=0))


# --- pérdida y gradientes ----------------------------------------------------------------------
def _caso(V=7, D=4, semilla=0):
    rng = np.random.default_rng(semilla)
    modelo = SkipGramNegativo(V, D, semilla=semilla)
    modelo.W_entrada.datos[...] = rng.normal(size=(V, D))
    modelo.W_salida.datos[...] = rng.normal(size=(V, D))
    centros = np.array([2, 3, 2, 6, 2, 5])                       # el 2 se repite como centro
    contextos = np.array([3, 3, 4, 2, 6, 5])                     # el 3 se repite; 5 es su propio contexto
    negativos = np.array([[4, 4, 3], [2, 6, 6], [3, 5, 2], [4, 4, 4], [5, 3, 6], [2, 2, 3]])
    return modelo, centros, contextos, negativos


def _perdida_torch(W_in, W_out, centros, contextos, negativos):
    c, o, n = (torch.as_tensor(a) for a in (centros, contextos, negativos))
    v = W_in[c]
    s_pos = (W_out[o] * v).sum(1)
    s_neg = torch.einsum("bkd,bd->bk", W_out[n], v)
    return -(F.logsigmoid(s_pos) + F.logsigmoid(-s_neg).sum(1)).mean()


def test_perdida_y_gradientes_coinciden_con_autograd_de_pytorch():
    modelo, c, o, n = _caso()
    W_in = torch.tensor(modelo.W_entrada.datos, requires_grad=True)
    W_out = torch.tensor(modelo.W_salida.datos, requires_grad=True)
    referencia = _perdida_torch(W_in, W_out, c, o, n)
    referencia.backward()
    modelo.zero_grad()
    perdida = modelo.perdida_y_gradientes(c, o, n)
    assert abs(perdida - referencia.item()) <= 1e-10
    np.testing.assert_allclose(modelo.W_entrada.grad, W_in.grad.numpy(), rtol=0, atol=1e-10)
    np.testing.assert_allclose(modelo.W_salida.grad, W_out.grad.numpy(), rtol=0, atol=1e-10)
    assert np.abs(modelo.W_salida.grad[[0, 1]]).max() == 0 and np.abs(modelo.W_entrada.grad[4]).max() == 0
    # los gradientes se acumulan, como en PyTorch: dos llamadas sin zero_grad dan el doble
    modelo.perdida_y_gradientes(c, o, n)
    np.testing.assert_allclose(modelo.W_entrada.grad, 2 * W_in.grad.numpy(), rtol=0, atol=1e-10)


def test_skipgram_torch_da_la_misma_perdida_que_numpy():
    modelo, c, o, n = _caso(semilla=3)
    torch_modelo = SkipGramTorch(7, 4, semilla=0).double()
    with torch.no_grad():
        torch_modelo.entrada.weight.copy_(torch.from_numpy(modelo.W_entrada.datos))
        torch_modelo.salida.weight.copy_(torch.from_numpy(modelo.W_salida.datos))
    perdida = torch_modelo(*(torch.as_tensor(a) for a in (c, o, n)))
    perdida.backward()
    assert abs(perdida.item() - modelo.perdida_y_gradientes(c, o, n)) <= 1e-10
    np.testing.assert_allclose(torch_modelo.salida.weight.grad.numpy(), modelo.W_salida.grad, atol=1e-10)
    np.testing.assert_allclose(torch_modelo.embeddings(), modelo.W_entrada.datos)


def test_comprobacion_numerica_de_gradientes():
    modelo, c, o, n = _caso(V=6, D=3, semilla=1)
    c, o, n = c % 6, o % 6, n % 6
    modelo.zero_grad()
    modelo.perdida_y_gradientes(c, o, n)
    for parametro in modelo.parameters():
        original = parametro.datos.copy()

        def perdida(W, parametro=parametro):
            parametro.datos = W
            return modelo.forward(c, o, n)

        error = comprobar_gradiente(perdida, original, parametro.grad)
        parametro.datos = original
        assert error < TOLERANCIA_GRADIENTE, parametro.nombre


def test_la_suma_por_filas_es_la_de_np_add_at():
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.word2vec import _sumar_filas

    rng = np.random.default_rng(0)
    ids, filas = rng.integers(0, 6, size=40), rng.normal(size=(40, 3))   # muchos ids repetidos
    esperado, obtenido = np.ones((6, 3)), np.ones((6, 3))
    np.add.at(esperado, ids, filas)
    _sumar_filas(obtenido, ids, filas)
    np.testing.assert_allclose(obtenido, esperado, rtol=0, atol=1e-13)


def test_inicializacion_y_perdida_inicial():
    modelo = SkipGramNegativo(10, dimension=8, semilla=0)
    assert np.abs(modelo.W_entrada.datos).max() <= 0.5 / 8 and not modelo.W_salida.datos.any()
    assert [nombre for nombre, _ in modelo.named_parameters()] == ["W_entrada", "W_salida"]
    k = 4
    perdida = modelo.forward([2, 3], [4, 5], np.full((2, k), 6))
    assert perdida == pytest.approx((1 + k) * np.log(2), rel=1e-12)  # todas las puntuaciones valen 0


def test_estable_con_productos_escalares_enormes():
    modelo = SkipGramNegativo(5, dimension=2, semilla=0)
    modelo.W_entrada.datos[...] = 300.0
    modelo.W_salida.datos[...] = np.array([[1, 1], [1, 1], [-300, -300], [300, 300], [-300.0, 300.0]])
    c, o, n = np.array([2, 3]), np.array([2, 3]), np.array([[3, 4], [2, 4]])   # s = ±180 000 y 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        modelo.zero_grad()
        perdida = modelo.perdida_y_gradientes(c, o, n)
    assert np.isfinite(perdida) and perdida == pytest.approx((2 * 180_000 + 0 + 0 + 2 * np.log(2)) / 2)
    assert all(np.isfinite(p.grad).all() for p in modelo.parameters())


def test_float32_calcula_en_float32():
    modelo, c, o, n = _caso()
    m32 = SkipGramNegativo(7, 4, dtype=np.float32)
    m32.W_entrada.datos[...] = modelo.W_entrada.datos
    m32.W_salida.datos[...] = modelo.W_salida.datos
    assert m32.perdida_y_gradientes(c, o, n) == pytest.approx(modelo.perdida_y_gradientes(c, o, n), rel=1e-5)
    assert m32.W_entrada.grad.dtype == m32.W_salida.grad.dtype == np.float32


def test_skipgram_errores():
    modelo = SkipGramNegativo(5, 2)
    with pytest.raises(ValueError, match=r"se esperaba negativos de forma \(2, N\)"):
        modelo.forward([2, 3], [3, 4], np.zeros((3, 2), dtype=int))
    with pytest.raises(ValueError, match="contextos de forma"):
        modelo.forward([2, 3], [3], np.zeros((2, 2), dtype=int))
    with pytest.raises(ValueError, match="fuera del vocabulario"):
        modelo.forward([2, 3], [3, 5], np.zeros((2, 2), dtype=int))
    with pytest.raises(TypeError, match="ids enteros en negativos"):
        modelo.forward([2, 3], [3, 4], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="vacío"):
        modelo.forward(np.zeros(0, dtype=int), np.zeros(0, dtype=int), np.zeros((0, 2), dtype=int))
    with pytest.raises(RuntimeError, match="forward antes"):
        SkipGramNegativo(5, 2).backward()
    with pytest.raises(ValueError, match="dimension"):
        SkipGramNegativo(5, 0)


# --- entrenamiento ------------------------------------------------------------------------------
def _corpus_juguete(semilla=0, n_frases=300):
    """Frases «x A y» y «x B y» con x, y ∈ {2…6}: A (7) y B (8) comparten todos sus contextos;
    C (9) vive entre otras palabras (10…14). Devuelve una frase por fila (los pares no cruzan)."""
    rng = np.random.default_rng(semilla)
    frases = []
    for _ in range(n_frases):
        centro = rng.choice([7, 8, 9])
        lado = (2, 7) if centro != 9 else (10, 15)
        frases.append(np.array([rng.integers(*lado), centro, rng.integers(*lado)]))
    return frases


def test_entrenar_baja_la_perdida_y_acerca_palabras_con_los_mismos_contextos():
    frases = _corpus_juguete()
    pares = pares_skipgram(frases, ventana=1)
    distribucion = distribucion_negativos(frases, 15)
    vocabulario = Vocabulario([f"p{i}" for i in range(2, 15)])   # id i ↔ "p{i}"
    for semilla in (0, 1, 2):
        modelo = SkipGramNegativo(15, dimension=10, semilla=semilla)
        historial = entrenar_skipgram(modelo, pares, distribucion, epocas=15, tamano_lote=64,
                                      k_negativos=3, tasa_aprendizaje=0.05, semilla=semilla)
        assert len(historial) == 15 and historial[-1] < 0.75 * historial[0]
        assert similitud_palabras(modelo, vocabulario, "p7", "p8") > 0.8
        assert similitud_palabras(modelo, vocabulario, "p7", "p9") < 0.5
        assert vecinos_mas_cercanos(modelo, vocabulario, "p7", k=1)[0][0] == "p8"


def test_entrenar_con_un_optimizador_del_lab06_y_reproducible():
    frases = _corpus_juguete(n_frases=60)
    pares, p = pares_skipgram(frases, 1), distribucion_negativos(frases, 15)
    a, b = SkipGramNegativo(15, 4, semilla=0), SkipGramNegativo(15, 4, semilla=0)
    ha = entrenar_skipgram(a, pares, p, epocas=3, tamano_lote=16, optimizador=SGD(a.parameters(), 5.0))
    hb = entrenar_skipgram(b, pares, p, epocas=3, tamano_lote=16, optimizador=SGD(b.parameters(), 5.0),
                           barra_progreso=True)
    assert ha == hb and ha[-1] < ha[0]
    np.testing.assert_array_equal(a.W_entrada.datos, b.W_entrada.datos)


def test_entrenar_errores():
    modelo = SkipGramNegativo(5, 2)
    p = distribucion_negativos([2, 3, 4], 5)
    with pytest.raises(TypeError, match="pares = \\(centros, contextos\\)"):
        entrenar_skipgram(modelo, np.array([2, 3]), p)
    with pytest.raises(ValueError, match="fuera del vocabulario"):
        entrenar_skipgram(modelo, (np.array([2]), np.array([7])), p)
    with pytest.raises(ValueError, match=r"se esperaba distribucion de forma \(5,\)"):
        entrenar_skipgram(modelo, (np.array([2]), np.array([3])), p[:4])
    with pytest.raises(ValueError, match="sumen 1"):
        entrenar_skipgram(modelo, (np.array([2]), np.array([3])), 2 * p)
    with pytest.raises(TypeError, match="SkipGramNegativo"):
        entrenar_skipgram(object(), (np.array([2]), np.array([3])), p)


# --- vecinos, similitud y proyección --------------------------------------------------------------
def _embeddings_conocidos():
    vocabulario = Vocabulario(["a", "b", "c", "d"])          # ids 2 … 5
    E = np.array([[1.0, 0], [1, 0], [1, 0], [1, 1], [-1, 0], [2, 0.1]])
    return E, vocabulario


def test_vecinos_excluye_la_palabra_y_los_especiales_y_ordena():
    E, vocabulario = _embeddings_conocidos()
    vecinos = vecinos_mas_cercanos(E, vocabulario, "a", k=5)
    assert [p for p, _ in vecinos] == ["d", "b", "c"]           # k se recorta a las 3 que hay
    cosenos = [s for _, s in vecinos]
    assert cosenos == sorted(cosenos, reverse=True)
    assert cosenos[0] == pytest.approx(2 / np.sqrt(4.01)) and cosenos[-1] == pytest.approx(-1.0)
    assert vecinos_mas_cercanos(E, vocabulario, "b", k=1) == [("d", pytest.approx(2.1 / np.sqrt(2 * 4.01)))]
    assert similitud_palabras(E, vocabulario, "a", "b") == pytest.approx(1 / np.sqrt(2))


def test_vecinos_errores():
    E, vocabulario = _embeddings_conocidos()
    with pytest.raises(KeyError, match="'gato' no está en el vocabulario"):
        vecinos_mas_cercanos(E, vocabulario, "gato")
    with pytest.raises(KeyError, match="no está en el vocabulario"):
        vecinos_mas_cercanos(E, vocabulario, Vocabulario.RELLENO)
    with pytest.raises(ValueError, match="5 filas pero el vocabulario 6"):
        vecinos_mas_cercanos(E[:5], vocabulario, "a")
    with pytest.raises(ValueError, match="k debe ser un entero positivo"):
        vecinos_mas_cercanos(E, vocabulario, "a", k=0)
    with pytest.raises(TypeError, match="una palabra"):
        vecinos_mas_cercanos(E, vocabulario, 3)


def test_proyectar_2d_es_el_pca_de_sklearn():
    from sklearn.decomposition import PCA

    E = np.random.default_rng(0).normal(size=(30, 6)) * np.arange(1, 7)
    ids = np.arange(5, 25)
    proyeccion = proyectar_2d(E, ids)
    referencia = PCA(n_components=2).fit_transform(E[ids])
    assert proyeccion.shape == (20, 2)
    signos = np.sign(np.sum(proyeccion * referencia, axis=0))
    np.testing.assert_allclose(proyeccion, referencia * signos, atol=1e-10)
    np.testing.assert_allclose(proyectar_2d(-E, ids), -proyeccion, atol=1e-10)  # signo fijado
    with pytest.raises(ValueError, match="al menos 2 filas"):
        proyectar_2d(E, [3])


# --- PyTorch --------------------------------------------------------------------------------------
def test_entrenar_skipgram_torch_baja_la_perdida_y_devuelve_numpy():
    frases = _corpus_juguete(n_frases=150)
    pares, p = pares_skipgram(frases, 1), distribucion_negativos(frases, 15)
    dispositivo = seleccionar_dispositivo("cpu", informar=False)
    modelo = SkipGramTorch(15, dimension=8, semilla=0)
    historial, E = entrenar_skipgram_torch(modelo, pares, p, dispositivo, epocas=8, tamano_lote=64,
                                           k_negativos=3, tasa_aprendizaje=0.05, semilla=0)
    assert len(historial) == 8 and historial[-1] < 0.8 * historial[0]
    assert isinstance(E, np.ndarray) and E.shape == (15, 8)
    vocabulario = Vocabulario([f"p{i}" for i in range(2, 15)])
    assert similitud_palabras(E, vocabulario, "p7", "p8") > similitud_palabras(E, vocabulario, "p7", "p9")
    otro = SkipGramTorch(15, dimension=8, semilla=0)
    h2, _ = entrenar_skipgram_torch(otro, pares, p, dispositivo, epocas=8, tamano_lote=64,
                                    k_negativos=3, tasa_aprendizaje=0.05, semilla=0)
    assert h2 == pytest.approx(historial)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no hay GPU CUDA")
def test_entrenar_skipgram_torch_en_gpu():
    frases = _corpus_juguete(n_frases=60)
    modelo = SkipGramTorch(15, dimension=4)
    historial, E = entrenar_skipgram_torch(modelo, pares_skipgram(frases, 1),
                                           distribucion_negativos(frases, 15), "cuda", epocas=3)
    assert modelo.entrada.weight.device.type == "cuda" and E.shape == (15, 4) and np.isfinite(historial).all()


def test_skipgram_torch_errores():
    modelo = SkipGramTorch(5, 2)
    p = distribucion_negativos([2, 3], 5)
    with pytest.raises(ValueError, match=r"negativos de forma \(B, K\)"):
        modelo(torch.tensor([2]), torch.tensor([3]), torch.tensor([4]))
    with pytest.raises(ValueError, match="fuera del vocabulario"):
        entrenar_skipgram_torch(modelo, (np.array([2]), np.array([9])), p)
    with pytest.raises(ValueError, match=r"se esperaba distribucion de forma \(5,\)"):
        entrenar_skipgram_torch(modelo, (np.array([2]), np.array([3])), p[:3])
    with pytest.raises(TypeError, match="SkipGramTorch"):
        entrenar_skipgram_torch(SkipGramNegativo(5, 2), (np.array([2]), np.array([3])), p)
