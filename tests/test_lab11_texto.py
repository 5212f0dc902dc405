"""Pruebas del Lab11 (texto en PyTorch): el modelo de lenguaje de caracteres con su línea base de
bigramas, y la clasificación de párrafos (bolsa de palabras contra un LSTM empaquetado)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from sklearn.metrics import accuracy_score, f1_score

from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import (
    LSTMCaracteres,
    datos_caracteres,
    entrenar_lstm_caracteres,
    generar_texto,
    lotes_caracteres,
    perdida_bigramas,
    perdida_lstm_caracteres,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.clasificacion_texto import (
    ClasificadorLSTM,
    codificar_parrafos,
    codificar_particiones,
    datos_clasificacion,
    entrenar_clasificador_texto,
    evaluar_clasificadores,
    linea_base_bolsa_palabras,
    predecir_clases_texto,
    tabla_clasificadores,
    vocabulario_palabras,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import LABS_CORPUS, Vocabulario, cargar_corpus


@pytest.fixture(autouse=True, scope="module")
def un_hilo():
    """Un hilo de CPU: en una máquina compartida, más hilos que núcleos libres hacen todo más lento."""
    with mismos_hilos(1):
        yield


@pytest.fixture(scope="module")
def texto_corto() -> str:
    return cargar_corpus()[:6000]


# --------------------------------------------------------------------------- caracteres: datos


def test_datos_caracteres_parte_en_orden(texto_corto):
    vocabulario, entrenamiento, validacion = datos_caracteres(texto_corto, 0.1)
    corte = int(round(len(texto_corto) * 0.9))
    assert entrenamiento.shape == (corte,) and validacion.shape == (len(texto_corto) - corte,)
    assert entrenamiento.dtype == np.int64 and validacion.dtype == np.int64
    assert vocabulario.decodificar(entrenamiento) == texto_corto[:corte]
    assert 0 not in entrenamiento and 0 not in validacion and 1 not in entrenamiento
    # el vocabulario sale sólo del entrenamiento: lo que no estaba, <desconocido>
    vocabulario, _, validacion = datos_caracteres("abababab" + "abz", fraccion_validacion=3 / 11)
    assert "z" not in vocabulario
    assert validacion.tolist() == [vocabulario.indices["a"], vocabulario.indices["b"], 1]


def test_datos_caracteres_errores():
    with pytest.raises(TypeError, match="texto"):
        datos_caracteres(["a", "b"])
    with pytest.raises(ValueError, match="fraccion_validacion"):
        datos_caracteres("abcdefgh", 0.0)
    with pytest.raises(ValueError, match="demasiado corto"):
        datos_caracteres("abc", 0.1)


def test_lotes_desplazados_una_posicion():
    ids = np.arange(2, 102, dtype=np.int64)  # cada id dice su posición
    X, Y = next(lotes_caracteres(ids, longitud=10, tamano_lote=6, semilla=3))
    assert X.shape == Y.shape == (6, 10) and X.dtype == Y.dtype == np.int64
    np.testing.assert_array_equal(X, X[:, :1] + np.arange(10))  # ventanas seguidas del texto
    np.testing.assert_array_equal(Y, X + 1)  # el carácter siguiente, exacto
    assert X.min() >= 2 and Y.max() <= 101
    # la misma semilla, los mismos lotes; n_lotes da exactamente esos
    primeros = list(lotes_caracteres(ids, 10, 6, semilla=3, n_lotes=4))
    assert len(primeros) == 4
    np.testing.assert_array_equal(primeros[0][0], X)
    rng = np.random.default_rng(0)
    a, _ = next(lotes_caracteres(ids, 10, 6, rng))
    b, _ = next(lotes_caracteres(ids, 10, 6, rng))
    assert not np.array_equal(a, b)  # un Generator compartido sigue avanzando


def test_lotes_cubren_hasta_el_final_y_errores():
    ids = np.arange(2, 14)
    X, Y = next(lotes_caracteres(ids, longitud=11, tamano_lote=5, semilla=0))
    np.testing.assert_array_equal(X, np.tile(np.arange(2, 13), (5, 1)))  # sólo cabe una ventana
    np.testing.assert_array_equal(Y, np.tile(np.arange(3, 14), (5, 1)))
    with pytest.raises(ValueError, match="al menos 13"):
        lotes_caracteres(ids, longitud=12, tamano_lote=2)
    with pytest.raises(ValueError, match="tamano_lote"):
        lotes_caracteres(ids, longitud=3, tamano_lote=0)
    with pytest.raises(TypeError, match="enteros"):
        lotes_caracteres(np.linspace(0, 1, 20), longitud=3, tamano_lote=2)


# --------------------------------------------------------------------------- caracteres: bigramas


def test_perdida_bigramas_a_mano():
    entrenamiento = np.array([2, 3, 2, 3, 3])
    validacion = np.array([2, 3, 3])
    r = perdida_bigramas(entrenamiento, validacion, n_tokens=4, suavizado=1.0)
    # parejas: (2,3)×2, (3,2)×1, (3,3)×1 → n(2)=2, n(3)=2; V=4
    p_23, p_33 = (2 + 1) / (2 + 4), (1 + 1) / (2 + 4)
    assert r["bigramas"] == pytest.approx(-(math.log(p_23) + math.log(p_33)) / 2, abs=1e-12)
    # unigramas: n(3)=3 de N=5; se predicen los dos «3» de validación
    assert r["unigramas"] == pytest.approx(-math.log((3 + 1) / (5 + 4)), abs=1e-12)
    assert r["uniforme"] == pytest.approx(math.log(4), abs=1e-15)


def test_perdida_bigramas_uniforme_y_corpus():
    rng = np.random.default_rng(0)
    entrenamiento, validacion = rng.integers(2, 9, 500), rng.integers(2, 9, 100)
    r = perdida_bigramas(entrenamiento, validacion, n_tokens=9, suavizado=1e12)
    assert r["bigramas"] == pytest.approx(math.log(9), abs=1e-6)  # suavizado enorme: uniforme
    assert r["unigramas"] == pytest.approx(math.log(9), abs=1e-6)
    vocabulario, e, v = datos_caracteres(cargar_corpus())
    r = perdida_bigramas(e, v, len(vocabulario))
    assert r["bigramas"] < r["unigramas"] < r["uniforme"]
    assert 2.3 < r["bigramas"] < 2.9


def test_perdida_bigramas_errores():
    with pytest.raises(ValueError, match="fuera de 0"):
        perdida_bigramas([2, 3, 9], [2, 3], n_tokens=5)
    with pytest.raises(ValueError, match="suavizado"):
        perdida_bigramas([2, 3, 4], [2, 3], n_tokens=5, suavizado=0.0)


# --------------------------------------------------------------------------- caracteres: modelo


def test_lstm_caracteres_formas_estado_y_semilla():
    torch.manual_seed(123)
    antes = torch.rand(1)
    modelo = LSTMCaracteres(11, dim_embedding=5, n_oculto=7, n_capas=2, semilla=4).double()
    torch.manual_seed(123)
    assert torch.equal(torch.rand(1), antes)  # no se toca la semilla global
    ids = torch.randint(0, 11, (3, 9), generator=torch.Generator().manual_seed(0))
    logits, (h, c) = modelo(ids)
    assert logits.shape == (3, 9, 11) and h.shape == c.shape == (2, 3, 7)
    # leer en dos trozos pasando el estado = leer de una vez
    primero, estado = modelo(ids[:, :4])
    segundo, _ = modelo(ids[:, 4:], estado)
    torch.testing.assert_close(torch.cat([primero, segundo], dim=1), logits, rtol=0, atol=1e-12)
    otro = LSTMCaracteres(11, dim_embedding=5, n_oculto=7, n_capas=2, semilla=4).double()
    torch.testing.assert_close(otro(ids)[0], logits)
    with pytest.raises(ValueError, match="0 … 10"):
        modelo(torch.tensor([[3, 11]]))
    with pytest.raises(ValueError, match=r"\(B, T\)"):
        modelo(torch.tensor([3, 4]))
    with pytest.raises(ValueError, match="estado"):
        modelo(ids, (h[:, :1], c[:, :1]))


def test_perdida_lstm_uniforme_y_por_trozos():
    modelo = LSTMCaracteres(13, dim_embedding=4, n_oculto=6, semilla=1).double()
    ids = np.random.default_rng(0).integers(2, 13, 301)
    # de corrido (un flujo): por trozos de 7 con el estado arrastrado = todo de una vez
    logits, _ = modelo(torch.from_numpy(ids[None, :-1]))
    manual = torch.nn.functional.cross_entropy(logits[0], torch.from_numpy(ids[1:])).item()
    de_corrido = perdida_lstm_caracteres(modelo, ids, n_flujos=1, longitud_trozo=7)
    assert de_corrido == pytest.approx(manual, abs=1e-12)
    # varios flujos: sólo cambia el arranque de cada tramo
    en_paralelo = perdida_lstm_caracteres(modelo, ids, n_flujos=4, longitud_trozo=16)
    assert en_paralelo == pytest.approx(manual, abs=0.02)
    with torch.no_grad():
        modelo.salida.weight.zero_()
        modelo.salida.bias.zero_()
    assert perdida_lstm_caracteres(modelo, ids, n_flujos=5) == pytest.approx(math.log(13), abs=1e-12)
    assert modelo.training  # deja el modo como estaba


def test_entrenar_lstm_caracteres_baja_la_perdida(texto_corto):
    vocabulario, e, v = datos_caracteres(texto_corto)
    modelo = LSTMCaracteres(len(vocabulario), dim_embedding=8, n_oculto=32, semilla=0)
    historial = entrenar_lstm_caracteres(
        modelo, e, v, pasos=40, longitud=16, tamano_lote=16, tasa=2e-2, semilla=0,
        barra_progreso=False, evaluar_cada=20,
    )
    assert historial["pasos_val"] == [0, 20, 40]
    assert len(historial["perdida"]) == len(historial["norma_gradiente"]) == 40
    assert historial["perdida_val"][0] == pytest.approx(math.log(len(vocabulario)), abs=0.1)
    assert historial["perdida_val"][-1] < historial["perdida_val"][0] - 1.0
    assert all(math.isfinite(x) for x in historial["perdida"])
    with pytest.raises(ValueError, match="pasos"):
        entrenar_lstm_caracteres(modelo, e, v, pasos=0, barra_progreso=False)


# --------------------------------------------------------------------------- caracteres: generar


@pytest.fixture(scope="module")
def modelo_y_vocabulario():
    vocabulario = Vocabulario.desde_tokens(list("abcdefghij "))
    return LSTMCaracteres(len(vocabulario), dim_embedding=6, n_oculto=16, semilla=2), vocabulario


def test_generar_longitud_y_semilla(modelo_y_vocabulario):
    modelo, vocabulario = modelo_y_vocabulario
    texto = generar_texto(modelo, vocabulario, "abc", n_caracteres=40, temperatura=1.0, semilla=5)
    assert texto.startswith("abc") and len(texto) == 43
    assert set(texto) <= set("abcdefghij ")  # nunca <relleno> ni <desconocido>
    assert generar_texto(modelo, vocabulario, "abc", 40, 1.0, semilla=5) == texto
    assert generar_texto(modelo, vocabulario, "abc", 40, 1.0, semilla=6) != texto
    assert generar_texto(modelo, vocabulario, "abc", 0) == "abc"


def test_generar_temperatura_baja_es_casi_voraz(modelo_y_vocabulario):
    modelo, vocabulario = modelo_y_vocabulario
    frio = generar_texto(modelo, vocabulario, "a", 60, temperatura=1e-3, semilla=0)
    # voraz a mano: el carácter más probable en cada paso (sin los especiales)
    with torch.no_grad():
        logits, estado = modelo(torch.tensor([[vocabulario.indices["a"]]]))
        voraz = []
        for _ in range(60):
            siguiente = int(logits[0, -1, 2:].argmax()) + 2
            voraz.append(siguiente)
            logits, estado = modelo(torch.tensor([[siguiente]]), estado)
    assert frio == "a" + vocabulario.decodificar(np.array(voraz))
    caliente = generar_texto(modelo, vocabulario, "a", 60, temperatura=3.0, semilla=0)
    assert len(set(frio)) < len(set(caliente))  # la temperatura baja repite más


def test_generar_errores(modelo_y_vocabulario):
    modelo, vocabulario = modelo_y_vocabulario
    for mala in (0, -0.5, float("nan")):
        with pytest.raises(ValueError, match="temperatura"):
            generar_texto(modelo, vocabulario, "ab", 5, temperatura=mala)
    with pytest.raises(TypeError, match="temperatura"):
        generar_texto(modelo, vocabulario, "ab", 5, temperatura="alta")
    with pytest.raises(ValueError, match="vacío"):
        generar_texto(modelo, vocabulario, "", 5)
    with pytest.raises(ValueError, match="pareja"):
        generar_texto(modelo, Vocabulario.desde_tokens(list("ab")), "ab", 5)


# --------------------------------------------------------------------------- clasificación: datos


@pytest.fixture(scope="module")
def datos():
    return datos_clasificacion()


def test_datos_clasificacion_estratificados(datos):
    tamanos = {parte: len(textos) for parte, (textos, _) in datos.items()}
    assert tamanos == {"entrenamiento": 723, "validacion": 104, "prueba": 207}
    todos = [t for textos, _ in datos.values() for t in textos]
    assert len(set(todos)) == len(todos)  # ninguna repetición entre partes
    y_total = np.concatenate([y for _, y in datos.values()])
    conteos = np.bincount(y_total, minlength=len(LABS_CORPUS))
    for parte, fraccion in (("prueba", 0.2), ("validacion", 0.1)):
        y = datos[parte][1]
        assert y.dtype == np.int64
        assert np.all(np.abs(np.bincount(y, minlength=9) - fraccion * conteos) <= 1.0)  # estratificado
    otra = datos_clasificacion()
    assert otra["prueba"][0] == datos["prueba"][0]  # fijo con la semilla
    with pytest.raises(ValueError, match="< 1"):
        datos_clasificacion(fraccion_prueba=0.6, fraccion_validacion=0.4)


def test_codificar_parrafos_relleno_y_truncado():
    vocabulario = vocabulario_palabras(["hola mundo hola", "mundo"], min_frecuencia=1)
    hola, mundo = vocabulario.indices["hola"], vocabulario.indices["mundo"]
    ids, longitudes = codificar_parrafos(["Hola, mundo", "¡hola!", "mundo nuevo hola", "—"], vocabulario)
    np.testing.assert_array_equal(
        ids, [[hola, mundo, 0], [hola, 0, 0], [mundo, 1, hola], [1, 0, 0]]
    )
    np.testing.assert_array_equal(longitudes, [2, 1, 3, 1])
    assert ids.dtype == longitudes.dtype == np.int64
    ids, longitudes = codificar_parrafos(["mundo nuevo hola"], vocabulario, longitud_maxima=2)
    np.testing.assert_array_equal(ids, [[mundo, 1]])  # se quedan las primeras palabras
    np.testing.assert_array_equal(longitudes, [2])
    ids, _ = codificar_parrafos(["hola"], vocabulario, longitud_maxima=4)
    np.testing.assert_array_equal(ids, [[hola, 0, 0, 0]])
    with pytest.raises(TypeError, match="lista de textos"):
        codificar_parrafos("hola", vocabulario)


# --------------------------------------------------------------------------- clasificación: modelo


def _lote_toy(n=6, largo=9, n_tokens=15, semilla=0):
    rng = np.random.default_rng(semilla)
    longitudes = rng.integers(1, largo + 1, n)
    longitudes[0], longitudes[1] = largo, 1  # los extremos
    ids = rng.integers(2, n_tokens, (n, largo))
    ids[np.arange(largo) >= longitudes[:, None]] = 0
    return torch.from_numpy(ids), torch.from_numpy(longitudes)


def test_empaquetado_y_gather_coinciden():
    modelo = ClasificadorLSTM(15, 4, dim_embedding=5, n_oculto=6, semilla=3).double().eval()
    ids, longitudes = _lote_toy()
    empaquetado = modelo(ids, longitudes)
    modelo.empaquetar = False
    relleno = modelo(ids, longitudes)
    assert empaquetado.shape == (6, 4)
    torch.testing.assert_close(empaquetado, relleno, rtol=0, atol=1e-6)
    # y coinciden con leer cada párrafo solo, sin relleno
    for i in range(6):
        solo = modelo(ids[i : i + 1, : longitudes[i]], longitudes[i : i + 1])
        torch.testing.assert_close(solo[0], empaquetado[i], rtol=0, atol=1e-10)


@pytest.mark.parametrize("empaquetar", [True, False])
def test_mas_relleno_no_cambia_la_prediccion(empaquetar):
    modelo = ClasificadorLSTM(15, 4, dim_embedding=5, n_oculto=6, empaquetar=empaquetar).double().eval()
    ids, longitudes = _lote_toy(semilla=1)
    con_relleno = torch.cat([ids, torch.zeros(6, 7, dtype=torch.int64)], dim=1)
    torch.testing.assert_close(modelo(con_relleno, longitudes), modelo(ids, longitudes), rtol=0, atol=1e-12)


def test_clasificador_errores():
    modelo = ClasificadorLSTM(15, 4)
    ids, longitudes = _lote_toy()
    with pytest.raises(ValueError, match="entre 1 y L"):
        modelo(ids, torch.tensor([0, 1, 1, 1, 1, 1]))
    with pytest.raises(ValueError, match="entre 1 y L"):
        modelo(ids, longitudes + 1)
    with pytest.raises(ValueError, match=r"\(6,\)"):
        modelo(ids, longitudes[:3])
    with pytest.raises(ValueError, match=r"\(N, L\)"):
        modelo(ids.float(), longitudes)
    with pytest.raises(ValueError, match="0 … 14"):
        modelo(ids + 20, longitudes)


def _tarea_sintetica(n, semilla):
    """La clase es cuál de los ids 2, 3, 4 aparece (una vez, en cualquier sitio) entre ruido 5 … 11."""
    rng = np.random.default_rng(semilla)
    longitudes = rng.integers(3, 9, n)
    ids = rng.integers(5, 12, (n, 8))
    y = rng.integers(0, 3, n)
    ids[np.arange(n), rng.integers(0, longitudes)] = y + 2
    ids[np.arange(8) >= longitudes[:, None]] = 0
    return ids, longitudes, y


def test_entrenar_clasificador_supera_al_azar():
    datos = {"entrenamiento": _tarea_sintetica(240, 0), "validacion": _tarea_sintetica(90, 1)}
    modelo = ClasificadorLSTM(12, 3, dim_embedding=8, n_oculto=16, semilla=0)
    historial = entrenar_clasificador_texto(modelo, datos, epocas=12, tasa=2e-2, tamano_lote=16, semilla=0)
    assert len(historial["exactitud_val"]) == 12 and len(historial["perdida"]) == 12
    mejor = max(historial["exactitud_val"])
    assert mejor > 0.75  # azar: 1/3
    # se restauraron los pesos de la mejor época
    ids, longitudes, y = datos["validacion"]
    assert np.mean(predecir_clases_texto(modelo, ids, longitudes) == y) == pytest.approx(mejor)
    assert historial["exactitud_val"][int(historial["mejor_epoca"][0]) - 1] == mejor
    p = predecir_clases_texto(modelo, ids, longitudes, probabilidades=True)
    assert p.shape == (90, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6)
    with pytest.raises(ValueError, match="validacion"):
        entrenar_clasificador_texto(modelo, {"entrenamiento": datos["entrenamiento"]}, epocas=1)


def test_linea_base_y_evaluacion(datos):
    textos, y = datos["entrenamiento"]
    textos_prueba, y_prueba = datos["prueba"]
    bolsa = linea_base_bolsa_palabras(textos, y)
    y_bolsa = bolsa.predict(textos_prueba)
    mayoritaria = np.bincount(y_prueba).max() / len(y_prueba)
    vocabulario = vocabulario_palabras(textos)
    codificados = codificar_particiones(datos, vocabulario, longitud_maxima=40)
    assert codificados["prueba"][0].shape == (207, 40)
    y_lstm = predecir_clases_texto(ClasificadorLSTM(len(vocabulario), 9), *codificados["prueba"][:2])
    resultados = evaluar_clasificadores(y_prueba, {"bolsa": y_bolsa, "lstm": y_lstm})
    assert resultados["bolsa"]["exactitud"] > mayoritaria + 0.3  # muy por encima del azar
    assert resultados["bolsa"]["exactitud"] == pytest.approx(accuracy_score(y_prueba, y_bolsa))
    assert resultados["lstm"]["f1_macro"] == pytest.approx(
        f1_score(y_prueba, y_lstm, average="macro", labels=np.arange(9), zero_division=0)
    )
    matriz = resultados["bolsa"]["matriz_confusion"]
    assert matriz.shape == (9, 9) and matriz.sum() == 207
    assert "Lab10" in resultados["bolsa"]["informe"]
    tabla = tabla_clasificadores(resultados)
    assert "bolsa" in tabla and "f1_macro" in tabla
    with pytest.raises(ValueError, match="vacío"):
        evaluar_clasificadores(y_prueba, {})
    with pytest.raises(ValueError, match="etiquetas"):
        linea_base_bolsa_palabras(textos, y[:-1])


def test_dropout_del_clasificador_no_depende_del_generador_global():
    datos = {"entrenamiento": _tarea_sintetica(64, 0), "validacion": _tarea_sintetica(32, 1)}
    resultados = []
    for previa in (1, 2):
        torch.manual_seed(previa)  # lo que otra celda dejara en el generador global
        antes = torch.random.get_rng_state()
        modelo = ClasificadorLSTM(12, 3, dim_embedding=8, n_oculto=8, semilla=0, dropout=0.5)
        historial = entrenar_clasificador_texto(modelo, datos, epocas=2, tasa=2e-2, tamano_lote=16, semilla=0)
        assert torch.equal(torch.random.get_rng_state(), antes)  # el generador global, intacto
        resultados.append((historial["perdida"], modelo.state_dict()["salida.weight"].clone()))
    assert resultados[0][0] == resultados[1][0]
    assert torch.equal(resultados[0][1], resultados[1][1])
