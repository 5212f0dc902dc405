"""Ningún camino de Hugging Face del Lab12 toca la red: con los *sockets* bloqueados (cualquier
intento de conexión o de resolver un nombre lanza un error), MiniLM se carga y da vectores, un
GPT-2 desde su configuración se guarda, se recarga y genera con ``pipeline``, y el tokenizador va
y vuelve de disco."""

from __future__ import annotations

import os
import socket

import numpy as np
import pytest
import torch
from huggingface_hub import constants

from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import parrafos_corpus
from Lab12_Transformers.codigo.hf_local import (
    diferencia_logits,
    generador_local,
    generar_con_semilla,
    gpt2_desde_config,
    guardar_y_recargar,
    lotes_lenguaje,
    modo_sin_conexion,
)
from Lab12_Transformers.codigo.minilm import cargar_minilm, incrustar_frases


class IntentoDeConexion(RuntimeError):
    """Algo intentó usar la red."""


@pytest.fixture(autouse=True)
def sin_red(monkeypatch):
    """Sustituye ``socket.socket.connect``, ``connect_ex``, ``create_connection`` y ``getaddrinfo`` por
    funciones que lanzan ``IntentoDeConexion``."""

    def prohibido(*args, **kwargs):
        raise IntentoDeConexion(f"intento de conexión a la red: {args[1:] or args}")

    monkeypatch.setattr(socket.socket, "connect", prohibido)
    monkeypatch.setattr(socket.socket, "connect_ex", prohibido)
    monkeypatch.setattr(socket, "create_connection", prohibido)
    monkeypatch.setattr(socket, "getaddrinfo", prohibido)
    with mismos_hilos(1):
        yield


def test_el_bloqueo_funciona():
    with pytest.raises(IntentoDeConexion):
        socket.create_connection(("huggingface.co", 443), timeout=1)
    with pytest.raises(IntentoDeConexion):
        socket.getaddrinfo("huggingface.co", 443)
    with pytest.raises(IntentoDeConexion), socket.socket() as s:
        s.connect(("127.0.0.1", 9))


def test_minilm_sin_red_y_hf_hub_offline(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    antes = constants.HF_HUB_OFFLINE
    modelo, tokenizador = cargar_minilm("cpu")
    # la variable se puso sólo durante la carga y volvió a como estaba (aquí: sin definir)
    assert "HF_HUB_OFFLINE" not in os.environ and constants.HF_HUB_OFFLINE == antes
    vectores = incrustar_frases(["¿Cómo puedo transferir dinero?", "El gato duerme en el sofá."],
                                modelo, tokenizador)
    assert vectores.shape == (2, 384) and np.isfinite(vectores).all()
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    cargar_minilm("cpu")
    assert os.environ["HF_HUB_OFFLINE"] == "0"


def test_gpt2_guardar_recargar_pipeline_sin_red(tmp_path):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    textos = [t for _, t in parrafos_corpus(8)][:60]
    try:
        from Lab12_Transformers.codigo.tokenizadores_hf import (
            como_tokenizador_transformers,
            entrenar_tokenizador_hf,
        )
        tokenizador = como_tokenizador_transformers(entrenar_tokenizador_hf(textos, 260))
    except ImportError:
        tok = Tokenizer(models.BPE(unk_token="<desconocido>"))
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        tok.train_from_iterator(textos, trainers.BpeTrainer(
            vocab_size=260, special_tokens=["<relleno>", "<desconocido>", "<fin>"],
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
        tokenizador = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<relleno>",
                                              unk_token="<desconocido>", eos_token="<fin>", bos_token="<fin>")
    # el tokenizador va y vuelve de disco
    tokenizador.save_pretrained(tmp_path / "tokenizador")
    with modo_sin_conexion():
        recargado = AutoTokenizer.from_pretrained(tmp_path / "tokenizador", local_files_only=True)
    assert recargado(textos[0])["input_ids"] == tokenizador(textos[0])["input_ids"]

    modelo = gpt2_desde_config(len(tokenizador), contexto=16, d_modelo=16, n_capas=1, n_cabezas=2,
                               id_fin=tokenizador.eos_token_id, id_relleno=tokenizador.pad_token_id)
    modelo_2, tokenizador_2 = guardar_y_recargar(modelo, tokenizador, tmp_path / "gpt2")
    ids = lotes_lenguaje(textos[:2], tokenizador, 16, 2)[0]["input_ids"]
    assert diferencia_logits(modelo, modelo_2, ids) == 0.0
    generador = generador_local(tmp_path / "gpt2", dispositivo="cpu")
    texto = generar_con_semilla(generador, "La atención", semilla=0, max_nuevos=5)
    assert texto.startswith("La atención")
    assert torch.equal(torch.as_tensor(tokenizador_2(texto)["input_ids"]),
                       torch.as_tensor(tokenizador(texto)["input_ids"]))
