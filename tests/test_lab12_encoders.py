"""Pruebas del Lab12: codificador tipo BERT, preentrenamiento MLM, Vision Transformer y sus figuras."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from torch import nn

from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import (
    codificar_particiones,
    datos_clasificacion,
    predecir_clases_texto,
    vocabulario_palabras,
)
from Lab12_Transformers.codigo.bert import (
    ClasificadorTransformer,
    CodificadorTexto,
    entrenar_clasificador_transformer,
    pesos_atencion_capas,
    posiciones_relleno,
    predecir_textos,
)
from Lab12_Transformers.codigo.graficos import graficar_atencion, graficar_atencion_vit, graficar_bert_gpt_vit
from Lab12_Transformers.codigo.mlm import enmascarar_tokens, preentrenar_mlm
from Lab12_Transformers.codigo.vit import VisionTransformer, entrenar_vit, extraer_parches, mapa_atencion_vit


@pytest.fixture(autouse=True)
def un_hilo():
    anteriores = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(anteriores)


@pytest.fixture(scope="module")
def textos_pequenos():
    """Un subconjunto de la tarea del Lab11 (3 clases) para entrenar en un segundo."""
    datos = datos_clasificacion()
    vocabulario = vocabulario_palabras(datos["entrenamiento"][0])
    codificados = codificar_particiones(datos, vocabulario, longitud_maxima=30)
    pequenos = {}
    for parte, (ids, longitudes, y) in codificados.items():
        elegidos = np.flatnonzero(y < 3)
        pequenos[parte] = (ids[elegidos], longitudes[elegidos], y[elegidos])
    return pequenos, vocabulario, datos


# ----------------------------------------------------------------------------------------- BERT


def test_mascara_relleno_con_y_sin_longitudes():
    ids = torch.tensor([[5, 6, 0, 0], [7, 8, 9, 0]])
    esperada = torch.tensor([[False, False, True, True], [False, False, False, True]])
    assert torch.equal(posiciones_relleno(ids), esperada)
    assert torch.equal(posiciones_relleno(ids, torch.tensor([2, 3])), esperada)
    with pytest.raises(ValueError, match="longitudes deben estar entre 1 y L"):
        posiciones_relleno(ids, torch.tensor([0, 3]))


def test_codificador_forma_y_errores():
    modelo = CodificadorTexto(20, d_modelo=16, n_cabezas=2, n_capas=1, dim_ff=32, longitud_maxima=10)
    ids = torch.randint(1, 20, (3, 7))
    assert modelo(ids).shape == (3, 7, 16)
    with pytest.raises(ValueError, match=r"se esperaban ids de forma \(N, L\)"):
        modelo(ids.float())
    with pytest.raises(ValueError, match="longitud_maxima = 10"):
        modelo(torch.randint(1, 20, (2, 11)))
    with pytest.raises(ValueError, match="los ids deben estar en 0 … 20"):
        modelo(torch.full((1, 3), 21))
    with pytest.raises(ValueError, match="múltiplo de n_cabezas"):
        CodificadorTexto(20, d_modelo=10, n_cabezas=3)


@pytest.mark.parametrize("agrupacion", ["media", "cls"])
def test_el_relleno_no_cambia_nada(agrupacion):
    """Añadir relleno al final no cambia los estados de las palabras reales ni los logits."""
    modelo = (
        ClasificadorTransformer(
            30, 4, d_modelo=16, n_cabezas=2, n_capas=2, dim_ff=32, longitud_maxima=12, agrupacion=agrupacion
        )
        .double()
        .eval()
    )
    ids = torch.tensor([[4, 9, 3, 7, 0], [5, 6, 0, 0, 0]])
    longitudes = torch.tensor([4, 2])
    con_relleno = torch.cat([ids, torch.zeros(2, 6, dtype=torch.int64)], dim=1)
    with torch.no_grad():
        logits = modelo(ids, longitudes)
        assert torch.allclose(logits, modelo(con_relleno, longitudes), atol=1e-12)
        assert torch.allclose(logits, modelo(con_relleno), atol=1e-12)  # relleno = ids == 0
        # Cambiar lo que hay en el relleno tampoco importa: nadie lo mira.
        basura = con_relleno.clone()
        basura[1, 2:] = 17
        assert torch.allclose(logits, modelo(basura, longitudes), atol=1e-12)
        if agrupacion == "media":
            estados = modelo.codificador(ids, longitudes)
            otros = modelo.codificador(con_relleno, longitudes)
            assert torch.allclose(estados[0, :4], otros[0, :4], atol=1e-12)
            assert torch.allclose(estados[1, :2], otros[1, :2], atol=1e-12)
        # Y sin máscara el relleno sí cambiaría el resultado (la prueba puede fallar).
        sin_mascara = modelo.codificador.capas(modelo.codificador.incrustar(con_relleno))
        assert not torch.allclose(sin_mascara[1, :2], modelo.codificador(con_relleno, longitudes)[1, :2])
    assert torch.isfinite(logits).all()


def test_pesos_atencion_suman_uno_y_cero_en_relleno():
    modelo = CodificadorTexto(20, d_modelo=16, n_cabezas=2, n_capas=2, dim_ff=32, longitud_maxima=8).eval()
    ids = torch.tensor([[3, 4, 5, 0, 0]])
    relleno = posiciones_relleno(ids)
    pesos = pesos_atencion_capas(modelo.capas, modelo.incrustar(ids), relleno)
    assert len(pesos) == 2 and pesos[0].shape == (1, 5, 5)
    for w in pesos:
        assert torch.allclose(w.sum(-1), torch.ones(1, 5), atol=1e-6)
        assert torch.all(w[..., 3:] == 0)
    # La última capa recalculada coincide con la salida del codificador.
    with torch.no_grad():
        assert torch.isfinite(modelo(ids)).all()


def test_clasificador_errores():
    with pytest.raises(ValueError, match="agrupacion desconocida"):
        ClasificadorTransformer(20, 3, agrupacion="max")
    modelo = ClasificadorTransformer(20, 3, longitud_maxima=6)
    with pytest.raises(ValueError, match=r"longitudes enteras de forma \(2,\)"):
        modelo(torch.ones(2, 4, dtype=torch.int64), torch.tensor([1.0, 2.0]))
    with pytest.raises(TypeError, match="ClasificadorTransformer"):
        entrenar_clasificador_transformer(nn.Linear(2, 2), {})


def test_enmascarar_tokens_proporciones_y_relleno():
    generador = torch.Generator().manual_seed(3)
    ids = torch.randint(2, 100, (400, 50), generator=generador)
    ids[:, 40:] = 0  # relleno
    entrada, objetivos = enmascarar_tokens(ids, prob=0.15, id_mascara=100, n_tokens=100, semilla=0)
    elegidas = objetivos != -100
    reales = ids != 0
    assert not elegidas[~reales].any(), "el relleno nunca se enmascara"
    assert torch.equal(entrada[~reales], ids[~reales])
    assert torch.equal(objetivos[elegidas], ids[elegidas])
    assert abs(elegidas[reales].float().mean().item() - 0.15) < 0.01
    mascaras = (entrada == 100) & elegidas
    cambiadas = (entrada != ids) & (entrada != 100)
    iguales = (entrada == ids) & elegidas
    n = elegidas.sum().item()
    assert abs(mascaras.sum().item() / n - 0.8) < 0.02
    # «al azar» puede caer en la misma palabra (1 de 98), por eso se cuentan juntas las dos.
    assert abs(cambiadas.sum().item() / n - 0.1) < 0.015
    assert abs(iguales.sum().item() / n - 0.1) < 0.015
    assert not (cambiadas & ~elegidas).any(), "sólo cambian las elegidas"
    assert entrada[cambiadas].min() >= 2 and entrada[cambiadas].max() < 100


def test_enmascarar_tokens_semilla_y_errores():
    ids = torch.randint(1, 50, (8, 20), generator=torch.Generator().manual_seed(0))
    a = enmascarar_tokens(ids, semilla=5, n_tokens=50)
    b = enmascarar_tokens(ids, semilla=5, n_tokens=50)
    c = enmascarar_tokens(ids, semilla=6, n_tokens=50)
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])
    assert not torch.equal(a[1], c[1])
    assert int((a[0] == 50).sum()) > 0  # id_mascara por defecto = n_tokens
    nada = enmascarar_tokens(ids, prob=0.0, n_tokens=50)
    assert torch.equal(nada[0], ids) and bool((nada[1] == -100).all())
    sin_desconocido = enmascarar_tokens(
        torch.ones(4, 10, dtype=torch.int64), prob=1.0, n_tokens=50, especiales=(0, 1)
    )
    assert bool((sin_desconocido[1] == -100).all())
    with pytest.raises(ValueError, match=r"se esperaban ids de forma \(N, L\)"):
        enmascarar_tokens(ids.float())
    with pytest.raises(ValueError, match="prob"):
        enmascarar_tokens(ids, prob=1.5)


def test_preentrenar_mlm_baja_la_perdida(textos_pequenos):
    datos, vocabulario, _ = textos_pequenos
    ids, longitudes, _ = datos["entrenamiento"]
    codificador = CodificadorTexto(
        len(vocabulario), d_modelo=32, n_cabezas=2, n_capas=1, dim_ff=64, longitud_maxima=30
    )
    historial = preentrenar_mlm(codificador, ids, longitudes, epocas=2, tasa=5e-3)
    assert len(historial["perdida"]) == 2
    assert historial["perdida"][-1] < historial["perdida"][0]
    assert historial["perdida"][0] < np.log(len(vocabulario)) + 0.5  # empieza cerca del azar


def test_clasificador_aprende_y_es_reproducible(textos_pequenos):
    datos, vocabulario, textos = textos_pequenos
    historiales, predicciones = [], []
    for _ in range(2):
        modelo = ClasificadorTransformer(len(vocabulario), 3, longitud_maxima=30, semilla=1)
        historiales.append(entrenar_clasificador_transformer(modelo, datos, epocas=6, semilla=2))
        predicciones.append(predecir_clases_texto(modelo, *datos["prueba"][:2]))
    historial = historiales[0]
    assert historial["perdida"][-1] < historial["perdida"][0]
    ids, longitudes, y = datos["prueba"]
    clase_mayoritaria = np.bincount(y).max() / len(y)
    assert np.mean(predicciones[0] == y) > clase_mayoritaria + 0.1
    assert historiales[0]["perdida"] == historiales[1]["perdida"]
    assert np.array_equal(predicciones[0], predicciones[1])
    # predecir_textos, desde los textos, da lo mismo que desde los ids.
    textos_prueba = [t for t, c in zip(*textos["prueba"]) if c < 3]
    assert np.array_equal(predecir_textos(modelo, textos_prueba, vocabulario, 30), predicciones[1])


def test_clasificador_con_mlm_devuelve_su_historial(textos_pequenos):
    datos, vocabulario, _ = textos_pequenos
    modelo = ClasificadorTransformer(len(vocabulario), 3, longitud_maxima=30, agrupacion="cls")
    historial = entrenar_clasificador_transformer(modelo, datos, epocas=1, epocas_mlm=1)
    assert len(historial["perdida_mlm"]) == 1 and len(historial["perdida"]) == 1
    assert historial["segundos_mlm"][0] > 0


# ------------------------------------------------------------------------------------------ ViT


@pytest.mark.parametrize("tamano", [2, 4])
def test_extraer_parches_es_la_conv2d(tamano):
    generador = torch.Generator().manual_seed(0)
    x = torch.randn(3, 2, 8, 8, generator=generador, dtype=torch.float64)
    conv = nn.Conv2d(2, 5, tamano, stride=tamano).double()
    lineal = nn.Linear(2 * tamano * tamano, 5).double()
    with torch.no_grad():
        lineal.weight.copy_(conv.weight.reshape(5, -1))
        lineal.bias.copy_(conv.bias)
    parches = extraer_parches(x, tamano)
    assert parches.shape == (3, (8 // tamano) ** 2, 2 * tamano**2)
    esperado = conv(x).flatten(2).transpose(1, 2)  # (N, P, 5)
    assert torch.allclose(lineal(parches), esperado, atol=1e-12)
    # El primer parche son los píxeles de la esquina, canal a canal.
    assert torch.equal(parches[0, 0], x[0, :, :tamano, :tamano].reshape(-1))
    # NumPy da lo mismo.
    assert np.array_equal(extraer_parches(x.numpy(), tamano), parches.numpy())


def test_extraer_parches_errores():
    with pytest.raises(ValueError, match="múltiplos del tamaño del parche 3"):
        extraer_parches(torch.zeros(1, 1, 8, 8), 3)
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        extraer_parches(torch.zeros(8, 8), 2)


def test_vit_formas_y_errores():
    modelo = VisionTransformer(d_modelo=16, n_cabezas=2, n_capas=1, dim_ff=32)
    x = torch.rand(5, 1, 8, 8)
    assert modelo(x).shape == (5, 10)
    assert modelo.incrustar(x).shape == (5, 17, 16)
    assert VisionTransformer(tamano_parche=4, d_modelo=16)(x).shape == (5, 10)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 1, 8, 8\), se recibió \(5, 1, 6, 6\)"):
        modelo(torch.rand(5, 1, 6, 6))
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 1, 8, 8\), se recibió \(5, 3, 8, 8\)"):
        modelo(torch.rand(5, 3, 8, 8))
    with pytest.raises(ValueError, match="múltiplo de tamano_parche"):
        VisionTransformer(tamano_parche=3)


def test_vit_semilla():
    a, b, c = VisionTransformer(semilla=4), VisionTransformer(semilla=4), VisionTransformer(semilla=5)
    x = torch.rand(2, 1, 8, 8)
    assert torch.equal(a(x), b(x)) and not torch.equal(a(x), c(x))


def test_entrenar_vit_aprende():
    from Lab10_Redes_Neuronales_Convolucionales.codigo import cargar_digitos_imagenes

    ent, val, pru = cargar_digitos_imagenes(0, dtype=np.float32)
    pocos = tuple((X[:300], y[:300]) for X, y in (ent, val, pru))
    modelo = VisionTransformer(tamano_parche=4, d_modelo=16, n_cabezas=2, n_capas=1, dim_ff=32)
    historial = entrenar_vit(modelo, pocos, epocas=8, tasa=5e-3)
    assert historial["perdida"][-1] < historial["perdida"][0]
    assert historial["exactitud_prueba"][0] > 0.4  # el azar es 0.1
    assert len(historial["exactitud_val"]) == 8
    otro = VisionTransformer(tamano_parche=4, d_modelo=16, n_cabezas=2, n_capas=1, dim_ff=32)
    assert entrenar_vit(otro, pocos, epocas=8, tasa=5e-3)["perdida"] == historial["perdida"]


def test_mapa_atencion_vit():
    modelo = VisionTransformer(d_modelo=16, n_cabezas=2, n_capas=2, dim_ff=32).train()
    imagen = torch.rand(1, 8, 8)
    mapa = mapa_atencion_vit(modelo, imagen)
    assert mapa.shape == (4, 4) and mapa.dtype == np.float64
    assert np.all(mapa >= 0) and 0 < mapa.sum() <= 1 + 1e-6
    assert modelo.training, "deja el modelo en su modo"
    # Coincide con los pesos que da nn.MultiheadAttention de la primera capa.
    modelo.eval()
    with torch.no_grad():
        x = modelo.incrustar(imagen[None])
        a = modelo.capas.layers[0].norm1(x)
        _, w = modelo.capas.layers[0].self_attn(a, a, a, need_weights=True)
    assert np.allclose(
        mapa_atencion_vit(modelo, imagen, capa=0), w[0, 0, 1:].reshape(4, 4).numpy(), atol=1e-6
    )
    with pytest.raises(ValueError, match="capa debe estar entre -2 y 1"):
        mapa_atencion_vit(modelo, imagen, capa=2)
    with pytest.raises(TypeError, match="VisionTransformer"):
        mapa_atencion_vit(nn.Linear(2, 2), imagen)


# ------------------------------------------------------------------------------------- gráficos


def test_graficos_devuelven_figuras():
    fichas = ["la", "red", "aprende"]
    pesos = np.full((3, 3), 1 / 3)
    fig = graficar_atencion(pesos, fichas)
    assert isinstance(fig, Figure) and len(fig.axes) == 2  # mapa y barra de color
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == fichas
    with pytest.raises(ValueError, match=r"forma \(3, 3\)"):
        graficar_atencion(np.ones((2, 3)), fichas)
    fig = graficar_atencion_vit(torch.rand(1, 1, 8, 8), np.full((4, 4), 1 / 16))
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    with pytest.raises(ValueError, match="no divide la imagen"):
        graficar_atencion_vit(np.zeros((8, 8)), np.ones((3, 3)))
    fig = graficar_bert_gpt_vit()
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    mascara_gpt = fig.axes[1].images[0].get_array()
    assert np.array_equal(np.asarray(mascara_gpt), np.tril(np.ones((6, 6))))
    with pytest.raises(ValueError, match="n debe ser un entero"):
        graficar_bert_gpt_vit(1)
