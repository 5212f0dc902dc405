"""Lab12: tokenización — BPE desde cero y con ``tokenizers`` de Hugging Face (sin conexión)."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import Vocabulario, cargar_corpus, parrafos_corpus
from Lab12_Transformers.codigo.bpe import (
    ESPECIALES,
    TokenizadorBPE,
    contar_tokens,
    entrenar_bpe,
    longitud_media,
    pre_dividir,
    tokens_por_palabra,
)
from Lab12_Transformers.codigo.tokenizadores_hf import (
    cargar_tokenizador_hf,
    como_tokenizador_transformers,
    comparar_tokenizadores,
    entrenar_tokenizador_hf,
    guardar_tokenizador_hf,
    tamano_vocabulario,
    trozos_hf,
)

N_FUSIONES = 500


@pytest.fixture(scope="module")
def corpus() -> str:
    return cargar_corpus()


@pytest.fixture(scope="module")
def parrafos() -> list[str]:
    return [p for _, p in parrafos_corpus()]


@pytest.fixture(scope="module")
def bpe(corpus) -> TokenizadorBPE:
    return entrenar_bpe(corpus, N_FUSIONES)


@pytest.fixture(scope="module")
def tok_hf(parrafos):
    # 3 especiales + 256 bytes + 500 fusiones: el mismo número de fusiones que el BPE propio.
    return entrenar_tokenizador_hf(parrafos, 259 + N_FUSIONES)


# --------------------------------------------------------------------------- BPE desde cero


def test_pre_division_recupera_el_texto(corpus):
    assert pre_dividir("la red, ¿aprende?  Sí.\n x_1") == [
        "la",
        " red",
        ",",
        " ¿",
        "aprende",
        "?",
        " ",
        " Sí",
        ".",
        "\n",
        " x",
        "_",
        "1",
    ]
    assert "".join(pre_dividir(corpus)) == corpus
    raro = "  a\t\tb\n\n— ½ 👉 x²  "
    assert "".join(pre_dividir(raro)) == raro


def test_primeras_fusiones_a_mano():
    # sol ×5, soles ×2, mesas ×6, meses ×3 (una palabra por línea: los \n no se fusionan).
    # Pares: es = 2 + 6 + 3·2 = 14; después m·es = 6 + 3 = 9; o·l y s·o empatan a 7 (gana o·l,
    # antes en orden alfabético); s·ol = 7; a·s y mes·a empatan a 6 (gana a·s); mes·as = 6;
    # mes·es = 3; sol·es = 2. Después cada palabra es un token y no quedan pares.
    texto = "\n".join(["sol"] * 5 + ["soles"] * 2 + ["mesas"] * 6 + ["meses"] * 3)
    tokenizador = entrenar_bpe(texto, 20)
    assert tokenizador.fusiones == [
        (("e", "s"), "es", 14),
        (("m", "es"), "mes", 9),
        (("o", "l"), "ol", 7),
        (("s", "ol"), "sol", 7),
        (("a", "s"), "as", 6),
        (("mes", "as"), "mesas", 6),
        (("mes", "es"), "meses", 3),
        (("sol", "es"), "soles", 2),
    ]
    assert tokenizador.tokens("soles\nmesas\nsoleses") == ["soles", "\n", "mesas", "\n", "soles", "es"]
    # El espacio no estaba en el texto de entrenamiento: es un carácter desconocido.
    assert tokenizador.tokens("sol mes") == ["sol", "<desconocido>", "mes"]
    assert tokenizador.vocabulario[:3] == list(ESPECIALES)
    assert tokenizador.n_tokens == 3 + len(set(texto)) + 8 == len(tokenizador)
    # Con frecuencia_minima = 3 no se aprende «soles» (aparece 2 veces).
    assert len(entrenar_bpe(texto, 20, frecuencia_minima=3).fusiones) == 7


def test_el_espacio_va_con_la_palabra_siguiente():
    tokenizador = entrenar_bpe("de la red de la capa de la neurona", 4)
    # Empates a 3 resueltos por orden alfabético (el espacio va antes que las letras).
    assert [(par, f) for par, _, f in tokenizador.fusiones] == [
        ((" ", "l"), 3),
        ((" l", "a"), 3),
        (("d", "e"), 3),
        ((" ", "de"), 2),
    ]
    assert tokenizador.tokens(" de la") == [" de", " la"]


def test_ida_y_vuelta_en_todo_el_corpus(bpe, corpus):
    ids = bpe.codificar(corpus)
    assert bpe.decodificar(ids) == corpus
    assert bpe.decodificar(np.array(ids)) == corpus
    assert all(isinstance(i, int) for i in ids[:50]) and min(ids) >= 3  # sin especiales
    assert len(bpe.fusiones) == N_FUSIONES and bpe.n_tokens == 3 + len(set(corpus)) + N_FUSIONES
    assert "".join(bpe.tokens(corpus[:300])) == corpus[:300]
    # Las primeras fusiones del corpus: espacios con letras y «de».
    assert [nuevo for _, nuevo, _ in bpe.fusiones[:5]] == [" e", "de", " c", " l", " de"]
    frecuencias = [f for _, _, f in bpe.fusiones]
    assert frecuencias == sorted(frecuencias, reverse=True)


def test_las_fusiones_reducen_los_tokens(bpe, corpus):
    muestra = corpus[:20_000]
    longitudes = [len(bpe.truncar(k).codificar(muestra)) for k in (0, 10, 50, 100, 250, 500)]
    assert longitudes[0] == len(muestra)  # sin fusiones, un token por carácter
    assert all(a > b for a, b in zip(longitudes, longitudes[1:]))
    assert longitudes[-1] < 0.5 * len(muestra)
    # Sobre el texto de entrenamiento, cada fusión quita a lo sumo «frecuencia» tokens.
    ahorro = len(corpus) - len(bpe.codificar(corpus))
    assert 0 < ahorro <= sum(f for _, _, f in bpe.fusiones)


def test_caracter_desconocido(bpe):
    ids = bpe.codificar("la red 漢 aprende")
    assert ids.count(bpe.id_desconocido) == 1
    assert bpe.decodificar(ids) == "la red <desconocido> aprende"
    assert bpe.decodificar(ids, omitir_especiales=True) == "la red  aprende"
    assert bpe.decodificar([bpe.id_relleno, *bpe.codificar("red"), bpe.id_fin]) == "red<|fin|>"


def test_guardar_y_cargar(bpe, corpus, tmp_path):
    ruta = bpe.guardar(tmp_path / "sub" / "bpe.json")
    cargado = TokenizadorBPE.cargar(ruta)
    assert cargado.vocabulario == bpe.vocabulario and cargado.fusiones == bpe.fusiones
    assert cargado.codificar(corpus[:5000]) == bpe.codificar(corpus[:5000])
    assert json.loads(ruta.read_text(encoding="utf-8"))["tipo"] == "TokenizadorBPE"
    (tmp_path / "otro.json").write_text('{"tipo": "otro"}', encoding="utf-8")
    with pytest.raises(ValueError, match="no es un TokenizadorBPE"):
        TokenizadorBPE.cargar(tmp_path / "otro.json")
    with pytest.raises(FileNotFoundError, match="no existe"):
        TokenizadorBPE.cargar(tmp_path / "falta.json")


def test_entrenar_es_reproducible(corpus):
    texto = corpus[:30_000]
    assert entrenar_bpe(texto, 80).fusiones == entrenar_bpe(texto, 80).fusiones


def test_entradas_invalidas(bpe):
    for n in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match="n_fusiones"):
            entrenar_bpe("la red", n)
    with pytest.raises(TypeError, match="str"):
        entrenar_bpe(["la", "red"], 10)
    with pytest.raises(ValueError, match="vacío"):
        entrenar_bpe("", 10)
    with pytest.raises(TypeError, match="str"):
        bpe.codificar(123)
    with pytest.raises(ValueError, match=f"id {bpe.n_tokens} fuera del vocabulario"):
        bpe.decodificar([5, bpe.n_tokens])
    with pytest.raises(ValueError, match="id -1 fuera"):
        bpe.decodificar([-1])
    with pytest.raises(TypeError, match="enteros"):
        bpe.decodificar([1.5])
    with pytest.raises(TypeError, match="str"):
        bpe.decodificar("12")
    with pytest.raises(ValueError, match="fusión inválida"):
        TokenizadorBPE("ab", [(("a", "c"), "ac", 3)])
    with pytest.raises(ValueError, match="al menos un texto"):
        longitud_media(bpe, [])


def test_medidas_de_compresion(bpe):
    vocab = Vocabulario.desde_tokens("la red")
    assert contar_tokens(vocab, "la red") == 6
    assert longitud_media(vocab, ["la", "red"]) == 2.5
    assert tokens_por_palabra(vocab, "la red.") == 3.5  # 7 caracteres, 2 palabras
    assert 1.0 <= tokens_por_palabra(bpe, "la red de la capa") <= 2.0
    with pytest.raises(TypeError, match="no sé contar"):
        contar_tokens(object(), "x")


# --------------------------------------------------------------------------- Hugging Face


def test_tokenizador_hf_ida_y_vuelta(tok_hf, corpus, tmp_path):
    assert [tok_hf.token_to_id(t) for t in ESPECIALES] == [0, 1, 2]
    assert tok_hf.get_vocab_size() == 259 + N_FUSIONES
    codificado = tok_hf.encode(corpus)
    assert tok_hf.decode(codificado.ids) == corpus
    raro = "Δ ≠ 👉 ✔ 漢字\n\n  fin"  # a nivel de bytes, nada es desconocido
    assert tok_hf.decode(tok_hf.encode(raro).ids) == raro and 1 not in tok_hf.encode(raro).ids
    frase = "La retropropagación calcula el gradiente de la pérdida."
    trozos = trozos_hf(tok_hf, frase)
    assert "".join(trozos) == frase and " pérdida" in trozos and " gradiente" in trozos
    with pytest.raises(TypeError, match="str"):
        trozos_hf(tok_hf, 3)
    ruta = guardar_tokenizador_hf(tok_hf, tmp_path / "hf")
    assert ruta.name == "tokenizer.json"
    for origen in (tmp_path / "hf", ruta):
        assert cargar_tokenizador_hf(origen).encode(corpus[:5000]).ids == tok_hf.encode(corpus[:5000]).ids
    with pytest.raises(FileNotFoundError, match="no existe"):
        cargar_tokenizador_hf(tmp_path / "vacia")
    with pytest.raises(ValueError, match="tamano_vocabulario"):
        entrenar_tokenizador_hf(["la red"], 100)
    with pytest.raises(TypeError, match="str"):
        entrenar_tokenizador_hf([1, 2], 300)
    with pytest.raises(TypeError, match="tokenizers.Tokenizer"):
        guardar_tokenizador_hf("no", tmp_path)


def test_transformers_sin_conexion(tok_hf, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel, pipeline

    rapido = como_tokenizador_transformers(tok_hf, longitud_maxima=64)
    assert (rapido.pad_token_id, rapido.unk_token_id, rapido.eos_token_id, rapido.bos_token_id) == (
        0,
        1,
        2,
        2,
    )
    assert rapido.model_max_length == 64 and len(rapido) == tok_hf.get_vocab_size()
    muestra = corpus[:3000]
    ids = rapido(muestra)["input_ids"]
    assert ids == tok_hf.encode(muestra).ids and rapido.decode(ids) == muestra
    lote = rapido(["la red", "la red aprende sola"], padding=True, return_tensors="pt")
    assert lote["input_ids"].shape[0] == 2 and int(lote["attention_mask"][0].sum()) == len(
        rapido("la red")["input_ids"]
    )

    carpeta = tmp_path / "gpt_diminuto"
    with torch.random.fork_rng():
        torch.manual_seed(0)
        config = GPT2Config(
            vocab_size=len(rapido),
            n_positions=64,
            n_embd=16,
            n_layer=1,
            n_head=2,
            bos_token_id=rapido.bos_token_id,
            eos_token_id=rapido.eos_token_id,
            pad_token_id=rapido.pad_token_id,
        )
        GPT2LMHeadModel(config).save_pretrained(carpeta)
    rapido.save_pretrained(carpeta)
    assert os.environ["HF_HUB_OFFLINE"] == "1" and (carpeta / "tokenizer.json").is_file()

    cargado = AutoTokenizer.from_pretrained(carpeta, local_files_only=True)
    assert cargado(muestra)["input_ids"] == ids and cargado.decode(ids) == muestra
    assert (cargado.pad_token, cargado.eos_token) == ("<relleno>", "<|fin|>")
    generador = pipeline("text-generation", model=str(carpeta), device="cpu")
    salida = generador("la red", max_new_tokens=4, do_sample=False)[0]["generated_text"]
    assert isinstance(salida, str) and salida.startswith("la red")

    with pytest.raises(TypeError, match="tokenizers.Tokenizer"):
        como_tokenizador_transformers(rapido)


def test_comparar_tokenizadores(bpe, tok_hf, corpus, parrafos):
    caracteres = Vocabulario.desde_tokens(corpus)
    filas = comparar_tokenizadores(
        parrafos, {"caracteres": caracteres, "BPE propio": bpe, "BPE tokenizers": tok_hf}
    )
    por_nombre = {f["tokenizador"]: f for f in filas}
    assert [f["tokenizador"] for f in filas] == ["caracteres", "BPE propio", "BPE tokenizers"]
    assert por_nombre["caracteres"]["caracteres_por_token"] == 1.0
    assert por_nombre["caracteres"]["vocabulario"] == len(caracteres)
    assert por_nombre["BPE propio"]["vocabulario"] == bpe.n_tokens == tamano_vocabulario(bpe)
    assert por_nombre["BPE tokenizers"]["vocabulario"] == 259 + N_FUSIONES
    propio, hf = (
        por_nombre["BPE propio"]["tokens_por_parrafo"],
        por_nombre["BPE tokenizers"]["tokens_por_parrafo"],
    )
    # Misma cantidad de fusiones y la misma pre-división: compresión parecida (±10 %),
    # y las dos más del doble que con caracteres.
    assert abs(propio - hf) / hf < 0.10
    assert por_nombre["caracteres"]["tokens_por_parrafo"] > 2 * max(propio, hf)
    assert 2.0 < por_nombre["BPE propio"]["caracteres_por_token"] < 3.5
    with pytest.raises(ValueError, match="diccionario"):
        comparar_tokenizadores(parrafos, {})
    with pytest.raises(ValueError, match="textos"):
        comparar_tokenizadores([], {"BPE propio": bpe})
