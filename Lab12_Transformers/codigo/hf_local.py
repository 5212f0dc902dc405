"""Hugging Face ``transformers`` sin conexión: modelos desde una configuración, guardar y recargar.

Todo lo de este módulo funciona **sin red**. Un modelo de ``transformers`` es una configuración
(``GPT2Config``, ``BertConfig``: tamaños) más unos pesos. Aquí se crean con pesos aleatorios y
tamaños diminutos, se entrenan unos pasos con la pérdida que el propio modelo calcula
(``modelo(**lote, labels=...)``), se guardan en una carpeta con ``save_pretrained`` y se recargan
con ``from_pretrained(carpeta, local_files_only=True)``: el mismo código que descarga un modelo
del *Hub* carga aquí uno que el cuaderno acaba de guardar.

El tokenizador llega de fuera (``PreTrainedTokenizerFast``, p. ej. el de
``como_tokenizador_transformers`` de ``tokenizadores_hf``).

Sin conexión: ``huggingface_hub`` lee la variable ``HF_HUB_OFFLINE`` **una vez, al importarse**;
cambiarla después en ``os.environ`` no tiene efecto. ``modo_sin_conexion()`` cambia las dos cosas
(la variable y la constante ya leída) durante un bloque y al salir deja ambas como estaban.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import cycle, islice
from pathlib import Path

import numpy as np
import torch
from transformers import (
    AutoModel,
    AutoModelForCausalLM,
    AutoModelForMaskedLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    GPT2Config,
    GPT2LMHeadModel,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    pipeline,
)

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover, seleccionar_dispositivo

__all__ = [
    "modo_sin_conexion",
    "gpt2_desde_config",
    "bert_desde_config",
    "lotes_lenguaje",
    "lotes_clasificacion",
    "entrenar_pasos_hf",
    "guardar_y_recargar",
    "diferencia_logits",
    "generador_local",
    "generar_con_semilla",
]


@contextmanager
def _sin_barras_de_progreso() -> Iterator[None]:
    """Apaga durante el bloque las barras de ``transformers`` al leer o escribir pesos («Loading weights»,
    «Writing model shards», en stderr): con modelos locales y pequeños son milisegundos."""
    from transformers.utils import logging as registro_hf

    antes = registro_hf.is_progress_bar_enabled()
    registro_hf.disable_progress_bar()
    try:
        yield
    finally:
        if antes:
            registro_hf.enable_progress_bar()


@contextmanager
def _solo_errores_hf() -> Iterator[None]:
    """Durante el bloque, ``transformers`` sólo escribe errores. Cada versión avisa de cosas distintas al
    generar (argumentos que cambiarán de nombre, ``max_length`` por defecto…) y esos avisos, en stderr,
    no dicen nada del modelo; al salir, el nivel vuelve a ser el de antes."""
    from transformers.utils import logging as registro_hf

    antes = registro_hf.get_verbosity()
    registro_hf.set_verbosity_error()
    try:
        yield
    finally:
        registro_hf.set_verbosity(antes)


@contextmanager
def modo_sin_conexion() -> Iterator[None]:
    """Durante el bloque, ``HF_HUB_OFFLINE=1``: ``transformers`` no intenta ninguna conexión y, si
    algo no está en disco, falla enseguida en vez de esperar a la red. Además se apaga la barra de
    progreso de la carga de pesos («Loading weights», en stderr): cargar de disco son milisegundos. Al
    salir, la variable de entorno, ``huggingface_hub.constants.HF_HUB_OFFLINE`` y la barra vuelven a
    su estado anterior."""
    from huggingface_hub import constants

    antes_entorno = os.environ.get("HF_HUB_OFFLINE")
    antes_constante = constants.HF_HUB_OFFLINE
    os.environ["HF_HUB_OFFLINE"] = "1"
    constants.HF_HUB_OFFLINE = True
    try:
        with _sin_barras_de_progreso():
            yield
    finally:
        constants.HF_HUB_OFFLINE = antes_constante
        if antes_entorno is None:
            os.environ.pop("HF_HUB_OFFLINE", None)
        else:
            os.environ["HF_HUB_OFFLINE"] = antes_entorno


def dispositivo_o_automatico(dispositivo: torch.device | str | None) -> torch.device:
    """``None`` → ``seleccionar_dispositivo("auto")`` del Lab08 (sin imprimir); si no, el pedido (con la
    CPU de reserva y un aviso si esa GPU no existe)."""
    if dispositivo is None:
        return seleccionar_dispositivo("auto", informar=False)
    elegido = seleccionar_dispositivo(dispositivo, informar=False)
    if elegido.type != torch.device(dispositivo).type:
        print(f"⚠️ Se pidió {str(dispositivo)!r}, que no está disponible: se usará la CPU.")
    return elegido


def _con_semilla(semilla: int | None, construir):
    """Llama a ``construir()`` con el generador de PyTorch fijado por ``semilla``, en una copia
    (``fork_rng``): el generador global queda como estaba."""
    with torch.random.fork_rng(devices=[], enabled=semilla is not None):
        if semilla is not None:
            torch.manual_seed(int(semilla))
        return construir()


def gpt2_desde_config(
    n_tokens: int,
    contexto: int = 64,
    d_modelo: int = 64,
    n_capas: int = 2,
    n_cabezas: int = 4,
    semilla: int | None = 0,
    id_fin: int | None = None,
    id_relleno: int | None = None,
) -> GPT2LMHeadModel:
    """Un GPT-2 diminuto con pesos aleatorios (fijados por ``semilla``), construido desde ``GPT2Config``.

    ``n_tokens``: tamaño del vocabulario (``len(tokenizador)``); ``contexto``: posiciones
    (``n_positions``); ``d_modelo`` debe ser múltiplo de ``n_cabezas``. ``id_fin`` (fin de texto,
    también inicio, como en GPT-2) e ``id_relleno`` van a la configuración para que ``generate``
    sepa cuándo parar y con qué rellenar. Entrada ``input_ids (N, T)`` con ``T ≤ contexto`` →
    ``logits (N, T, n_tokens)``.
    """
    n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
    contexto = entero_positivo(contexto, "contexto")
    d_modelo = entero_positivo(d_modelo, "d_modelo")
    n_capas = entero_positivo(n_capas, "n_capas")
    n_cabezas = entero_positivo(n_cabezas, "n_cabezas")
    if d_modelo % n_cabezas:
        raise ValueError(f"d_modelo ({d_modelo}) debe ser múltiplo de n_cabezas ({n_cabezas})")
    configuracion = GPT2Config(
        vocab_size=n_tokens, n_positions=contexto, n_embd=d_modelo, n_layer=n_capas, n_head=n_cabezas,
        bos_token_id=id_fin, eos_token_id=id_fin, pad_token_id=id_relleno,
    )
    modelo = _con_semilla(semilla, lambda: GPT2LMHeadModel(configuracion))
    # transformers deduce la pérdida del nombre de la clase, y «GPT2LMHeadModel» no la dice: sin esto
    # avisa al primer paso (y usa la misma, la entropía cruzada del siguiente token).
    modelo.loss_type = "ForCausalLM"
    return modelo.eval()


def bert_desde_config(
    n_tokens: int,
    n_clases: int,
    contexto: int = 64,
    d_modelo: int = 64,
    n_capas: int = 2,
    n_cabezas: int = 4,
    semilla: int | None = 0,
    id_relleno: int = 0,
) -> BertForSequenceClassification:
    """Un BERT diminuto para clasificar secuencias, con pesos aleatorios (fijados por ``semilla``),
    desde ``BertConfig``. Entrada ``input_ids (N, T)`` y ``attention_mask (N, T)`` → ``logits
    (N, n_clases)`` (una capa lineal sobre el estado del primer *token*). La capa intermedia de cada
    bloque mide ``4·d_modelo``, como en el BERT original."""
    n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
    n_clases = entero_positivo(n_clases, "n_clases", minimo=2)
    contexto = entero_positivo(contexto, "contexto")
    d_modelo = entero_positivo(d_modelo, "d_modelo")
    n_capas = entero_positivo(n_capas, "n_capas")
    n_cabezas = entero_positivo(n_cabezas, "n_cabezas")
    if d_modelo % n_cabezas:
        raise ValueError(f"d_modelo ({d_modelo}) debe ser múltiplo de n_cabezas ({n_cabezas})")
    configuracion = BertConfig(
        vocab_size=n_tokens, hidden_size=d_modelo, num_hidden_layers=n_capas, num_attention_heads=n_cabezas,
        intermediate_size=4 * d_modelo, max_position_embeddings=contexto, num_labels=n_clases,
        pad_token_id=id_relleno,
    )
    modelo = _con_semilla(semilla, lambda: BertForSequenceClassification(configuracion))
    return modelo.eval()


def _textos(textos: object, nombre: str = "textos") -> list[str]:
    es_lista = isinstance(textos, Sequence) and not isinstance(textos, str)
    if not es_lista or not all(isinstance(t, str) for t in textos):
        raise TypeError(f"{nombre} debe ser una lista de textos (str), se recibió {type(textos).__name__}")
    if not textos:
        raise ValueError(f"{nombre} está vacío: se esperaba al menos un texto")
    return list(textos)


def lotes_lenguaje(
    textos: Sequence[str], tokenizador: PreTrainedTokenizerBase, contexto: int = 64, tamano_lote: int = 8
) -> list[dict[str, torch.Tensor]]:
    """Lotes para un modelo de lenguaje causal: ``{"input_ids", "attention_mask", "labels"}``, cada uno
    ``(n, contexto)``. Los textos se truncan o se rellenan hasta ``contexto``; en ``labels`` el relleno
    vale ``-100``, el valor que la entropía cruzada de ``transformers`` ignora. ``labels`` es una copia
    de ``input_ids``: el modelo desplaza una posición por dentro (predice el *token* siguiente)."""
    textos = _textos(textos)
    contexto = entero_positivo(contexto, "contexto", minimo=2)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if tokenizador.pad_token_id is None:
        raise ValueError("el tokenizador no tiene token de relleno (pad_token): "
                         "defínelo antes de hacer lotes")
    lotes = []
    for inicio in range(0, len(textos), tamano_lote):
        codigos = tokenizador(textos[inicio:inicio + tamano_lote], truncation=True, max_length=contexto,
                              padding="max_length", return_tensors="pt")
        etiquetas = codigos["input_ids"].clone()
        etiquetas[codigos["attention_mask"] == 0] = -100
        lotes.append({"input_ids": codigos["input_ids"], "attention_mask": codigos["attention_mask"],
                      "labels": etiquetas})
    return lotes


def lotes_clasificacion(
    textos: Sequence[str], y: object, tokenizador: PreTrainedTokenizerBase, contexto: int = 64,
    tamano_lote: int = 8,
) -> list[dict[str, torch.Tensor]]:
    """Lotes para clasificar: ``{"input_ids" (n, T), "attention_mask" (n, T), "labels" (n,)}``; cada
    lote se rellena hasta su texto más largo (como mucho ``contexto``)."""
    textos = _textos(textos)
    y = np.asarray(y)
    if y.shape != (len(textos),) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"se esperaban etiquetas enteras de forma ({len(textos)},), se recibió "
                         f"{y.dtype} de forma {y.shape}")
    contexto = entero_positivo(contexto, "contexto")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    lotes = []
    for inicio in range(0, len(textos), tamano_lote):
        codigos = tokenizador(textos[inicio:inicio + tamano_lote], truncation=True, max_length=contexto,
                              padding=True, return_tensors="pt")
        lotes.append({"input_ids": codigos["input_ids"], "attention_mask": codigos["attention_mask"],
                      "labels": torch.as_tensor(y[inicio:inicio + tamano_lote], dtype=torch.int64)})
    return lotes


def entrenar_pasos_hf(
    modelo: PreTrainedModel,
    lotes: Sequence[Mapping[str, torch.Tensor]],
    pasos: int = 20,
    tasa: float = 1e-3,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
) -> list[float]:
    """``pasos`` pasos de AdamW con la pérdida que calcula el propio modelo (``modelo(**lote).loss``:
    cada lote trae ``labels``). Recorre ``lotes`` en orden y vuelve a empezar si se acaban.
    ``semilla`` fija las máscaras de Dropout (en una copia del generador global). Devuelve la
    pérdida de cada paso; deja el modelo en modo evaluación. ``dispositivo=None``: donde ya está."""
    pasos = entero_positivo(pasos, "pasos")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    if not lotes or not all(isinstance(lote, Mapping) and "labels" in lote for lote in lotes):
        raise ValueError("lotes debe ser una lista no vacía de diccionarios con 'labels' "
                         "(como los de lotes_lenguaje o lotes_clasificacion)")
    dispositivo = dispositivo_o_automatico(dispositivo) if dispositivo is not None else modelo.device
    mover(modelo, dispositivo)
    optimizador = torch.optim.AdamW(modelo.parameters(), lr=tasa)
    perdidas = []
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores):
        torch.manual_seed(int(semilla))
        modelo.train()
        for lote in islice(cycle(lotes), pasos):
            optimizador.zero_grad()
            perdida = modelo(**mover(dict(lote), dispositivo)).loss
            perdida.backward()
            optimizador.step()
            perdidas.append(float(perdida.detach()))
    modelo.eval()
    return perdidas


def _clase_auto(modelo: PreTrainedModel):
    nombre = type(modelo).__name__
    if modelo.can_generate() or nombre.endswith(("LMHeadModel", "ForCausalLM")):
        return AutoModelForCausalLM
    if nombre.endswith("ForSequenceClassification"):
        return AutoModelForSequenceClassification
    if nombre.endswith("ForMaskedLM"):
        return AutoModelForMaskedLM
    return AutoModel


def guardar_y_recargar(
    modelo: PreTrainedModel, tokenizador: PreTrainedTokenizerBase, carpeta: str | Path
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """``save_pretrained`` del modelo y del tokenizador en ``carpeta`` (``config.json``,
    ``model.safetensors``, ``tokenizer.json``…) y vuelta a cargar con la clase ``Auto…`` que toca
    (``AutoModelForCausalLM`` para un GPT) y ``from_pretrained(carpeta, local_files_only=True)``,
    sin conexión. El recargado vuelve en modo evaluación y en el dispositivo del original."""
    if not isinstance(modelo, PreTrainedModel):
        raise TypeError(f"modelo debe ser un modelo de transformers (PreTrainedModel), se recibió "
                        f"{type(modelo).__name__}")
    carpeta = Path(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    with _sin_barras_de_progreso():
        modelo.save_pretrained(carpeta)
        tokenizador.save_pretrained(carpeta)
    with modo_sin_conexion():
        recargado = _clase_auto(modelo).from_pretrained(carpeta, local_files_only=True)
        tokenizador_recargado = AutoTokenizer.from_pretrained(carpeta, local_files_only=True)
    return mover(recargado, modelo.device).eval(), tokenizador_recargado


@torch.no_grad()
def diferencia_logits(a: PreTrainedModel, b: PreTrainedModel, ids: object) -> float:
    """Máxima diferencia absoluta entre los *logits* de ``a`` y de ``b`` para ``ids (N, T)`` enteros,
    los dos en modo evaluación (sin Dropout). Tras guardar y recargar debe ser exactamente ``0.0``.
    Deja cada modelo en el modo en que estaba."""
    ids = torch.as_tensor(ids)
    if ids.ndim != 2 or ids.dtype.is_floating_point:
        raise ValueError(f"se esperaban ids enteros de forma (N, T), se recibió {ids.dtype} de forma "
                         f"{tuple(ids.shape)}")
    salidas = []
    for modelo in (a, b):
        estaba = modelo.training
        modelo.eval()
        try:
            salidas.append(modelo(input_ids=ids.to(modelo.device)).logits.float().cpu())
        finally:
            modelo.train(estaba)
    if salidas[0].shape != salidas[1].shape:
        raise ValueError(f"los dos modelos dan logits de formas distintas: {tuple(salidas[0].shape)} y "
                         f"{tuple(salidas[1].shape)}")
    return float((salidas[0] - salidas[1]).abs().max())


def generador_local(carpeta: str | Path, dispositivo: torch.device | str | None = None):
    """``pipeline("text-generation")`` con el modelo y el tokenizador guardados en ``carpeta`` (lo que
    dejó ``guardar_y_recargar``), cargado sin conexión, en el dispositivo del Lab08."""
    carpeta = Path(carpeta)
    if not (carpeta / "config.json").is_file():
        raise FileNotFoundError(f"{carpeta} no contiene un modelo guardado (falta config.json): "
                                "guárdalo antes con guardar_y_recargar o save_pretrained")
    dispositivo = dispositivo_o_automatico(dispositivo)
    # ``pipeline(local_files_only=True)`` de transformers 5.23 pasa también ese argumento a
    # ``generate`` y falla: se carga sin conexión con modo_sin_conexion().
    with modo_sin_conexion():
        return pipeline("text-generation", model=str(carpeta), tokenizer=str(carpeta), device=dispositivo)


def generar_con_semilla(
    generador,
    texto: str,
    semilla: int = 0,
    max_nuevos: int = 20,
    temperatura: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> str:
    """Texto generado a partir de ``texto`` con el ``pipeline`` de ``generador_local``, el mismo para la
    misma ``semilla``. ``temperatura = 0`` es voraz (``do_sample=False``: siempre el más probable);
    si no, se muestrea (``do_sample=True``) con ``temperatura``, ``top_k`` y ``top_p`` (``None``: sin ese
    filtro), los mismos nombres que ``muestrear_siguiente``. ``generate`` sortea con el generador
    global de PyTorch y no acepta uno propio (``transformers.set_seed`` fijaría el global para
    siempre): se siembra una copia con ``torch.random.fork_rng`` y al salir todo sigue como estaba.
    Devuelve ``texto`` + lo nuevo."""
    if not isinstance(texto, str) or not texto:
        raise ValueError("texto debe ser un texto (str) no vacío con el que empezar")
    max_nuevos = entero_positivo(max_nuevos, "max_nuevos")
    temperatura = numero_real(temperatura, "temperatura", 0.0)
    if temperatura == 0.0:
        opciones = {"do_sample": False, "max_new_tokens": max_nuevos}
    else:
        opciones = {"do_sample": True, "max_new_tokens": max_nuevos, "temperature": temperatura,
                    "top_k": entero_positivo(top_k, "top_k") if top_k is not None else 0}
        if top_p is not None:
            opciones["top_p"] = numero_real(top_p, "top_p", 0.0, 1.0, incluir_minimo=False)
    dispositivo = generador.model.device
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores), _solo_errores_hf():
        torch.manual_seed(int(semilla))
        salida = generador(texto, clean_up_tokenization_spaces=False, **opciones)
    return salida[0]["generated_text"]
