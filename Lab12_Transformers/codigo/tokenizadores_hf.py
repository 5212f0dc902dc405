"""El mismo BPE con la biblioteca ``tokenizers`` de Hugging Face, y su paso a ``transformers``.

``bpe.py`` enseña el algoritmo; en la práctica se usa ``tokenizers`` (escrita en Rust), que entrena
y codifica igual pero mucho más rápido. Elegimos un BPE **a nivel de bytes**, como GPT-2:

- ``pre_tokenizers.ByteLevel``: parte el texto con la misma expresión de GPT-2 que ``pre_dividir``
  (el espacio va con la palabra siguiente) y escribe cada **byte** UTF-8 como un carácter visible
  (el espacio es ``Ġ``, el salto de línea ``Ċ``). El alfabeto inicial son los 256 bytes, así que
  **cualquier** texto, con emojis o letras griegas que nunca vio, se codifica sin ``<desconocido>``
  y ``decodificar(codificar(t)) == t`` siempre.
- ``decoders.ByteLevel``: deshace esa escritura al decodificar.
- Especiales, los mismos ids que en ``bpe.py``: ``<relleno>`` (0), ``<desconocido>`` (1) y
  ``<|fin|>`` (2), el fin de texto de un GPT (también su comienzo, como en GPT-2).

``como_tokenizador_transformers`` lo envuelve en el tokenizador rápido de ``transformers``
(``PreTrainedTokenizerFast``) con ``pad``/``eos``/``bos``/``unk`` puestos; su ``save_pretrained``
escribe ``tokenizer.json`` y ``tokenizer_config.json`` junto a un modelo local, y entonces
``AutoTokenizer.from_pretrained(carpeta)`` y ``pipeline("text-generation", model=carpeta)``
funcionan sin conexión (``HF_HUB_OFFLINE=1``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from Lab01_Introduccion_Neuronas.codigo import entero_positivo

from .bpe import ESPECIALES, TokenizadorBPE, contar_tokens, pre_dividir

__all__ = [
    "ARCHIVO_TOKENIZADOR",
    "cargar_tokenizador_hf",
    "comparar_tokenizadores",
    "como_tokenizador_transformers",
    "entrenar_tokenizador_hf",
    "guardar_tokenizador_hf",
    "tamano_vocabulario",
    "trozos_hf",
]

#: Nombre del archivo que escribe ``guardar_tokenizador_hf`` (el mismo que usa ``transformers``).
ARCHIVO_TOKENIZADOR = "tokenizer.json"

RELLENO, DESCONOCIDO, FIN = ESPECIALES


def entrenar_tokenizador_hf(
    textos: Iterable[str], tamano_vocabulario: int, frecuencia_minima: int = 2
) -> Tokenizer:
    """Entrena un ``tokenizers.Tokenizer`` BPE a nivel de bytes sobre un iterador de textos.

    ``tamano_vocabulario`` cuenta todo: 3 especiales + 256 bytes + fusiones (así que
    ``tamano_vocabulario = 259 + n`` aprende hasta ``n`` fusiones). Se aprenden menos si ningún
    par llega a ``frecuencia_minima``.
    """
    alfabeto = pre_tokenizers.ByteLevel.alphabet()
    minimo = len(ESPECIALES) + len(alfabeto)
    tamano = entero_positivo(tamano_vocabulario, "tamano_vocabulario", minimo=minimo)
    frecuencia_minima = entero_positivo(frecuencia_minima, "frecuencia_minima")
    if isinstance(textos, str):
        textos = [textos]

    def comprobados() -> Iterable[str]:
        for texto in textos:
            if not isinstance(texto, str):
                raise TypeError(f"se esperaban textos de tipo str, se recibió {type(texto).__name__}")
            yield texto

    tokenizador = Tokenizer(models.BPE(unk_token=DESCONOCIDO))
    tokenizador.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizador.decoder = decoders.ByteLevel()
    entrenador = trainers.BpeTrainer(
        vocab_size=tamano,
        min_frequency=frecuencia_minima,
        special_tokens=list(ESPECIALES),
        initial_alphabet=alfabeto,
        show_progress=False,
    )
    tokenizador.train_from_iterator(comprobados(), trainer=entrenador)
    return tokenizador


def guardar_tokenizador_hf(tokenizador: Tokenizer, carpeta: str | Path) -> Path:
    """Escribe ``carpeta/tokenizer.json`` (crea la carpeta) y devuelve esa ruta."""
    if not isinstance(tokenizador, Tokenizer):
        raise TypeError(f"se esperaba un tokenizers.Tokenizer, se recibió {type(tokenizador).__name__}")
    carpeta = Path(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / ARCHIVO_TOKENIZADOR
    tokenizador.save(str(ruta))
    return ruta


def cargar_tokenizador_hf(carpeta: str | Path) -> Tokenizer:
    """Lee ``carpeta/tokenizer.json`` (o el archivo, si se pasa su ruta)."""
    ruta = Path(carpeta)
    if ruta.is_dir():
        ruta = ruta / ARCHIVO_TOKENIZADOR
    if not ruta.is_file():
        raise FileNotFoundError(f"no existe {ruta}; guárdalo antes con guardar_tokenizador_hf")
    return Tokenizer.from_file(str(ruta))


def como_tokenizador_transformers(tokenizador: Tokenizer, longitud_maxima: int | None = None):
    """El ``tokenizers.Tokenizer`` como ``transformers.PreTrainedTokenizerFast``.

    ``pad_token = "<relleno>"``, ``unk_token = "<desconocido>"`` y ``bos_token = eos_token =
    "<|fin|>"``; ``longitud_maxima`` (p. ej. las posiciones del modelo) es su ``model_max_length``.
    No añade especiales al codificar (como GPT-2): el ``<|fin|>`` lo pone quien arma los datos.
    """
    from transformers import PreTrainedTokenizerFast

    if not isinstance(tokenizador, Tokenizer):
        raise TypeError(f"se esperaba un tokenizers.Tokenizer, se recibió {type(tokenizador).__name__}")
    faltan = [t for t in ESPECIALES if tokenizador.token_to_id(t) is None]
    if faltan:
        raise ValueError(
            f"al tokenizador le faltan los especiales {faltan}; entrénalo con entrenar_tokenizador_hf"
        )
    extra = {}
    if longitud_maxima is not None:
        extra["model_max_length"] = entero_positivo(longitud_maxima, "longitud_maxima")
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizador,
        pad_token=RELLENO,
        unk_token=DESCONOCIDO,
        bos_token=FIN,
        eos_token=FIN,
        clean_up_tokenization_spaces=False,
        **extra,
    )


def trozos_hf(tokenizador: Tokenizer, texto: str) -> list[str]:
    """Los trozos de ``texto`` como texto legible, para mostrarlos (``" pérdida"`` en lugar de
    ``"ĠpÃ©rdida"``). Un token que es sólo parte de los bytes de una letra se ve como ``"�"``."""
    if not isinstance(texto, str):
        raise TypeError(f"se esperaba texto de tipo str, se recibió {type(texto).__name__}")
    return [tokenizador.decode([i]) for i in tokenizador.encode(texto).ids]


def tamano_vocabulario(tokenizador: object) -> int:
    """Tamaño del vocabulario de un ``TokenizadorBPE``, un ``Vocabulario`` del Lab11, un
    ``tokenizers.Tokenizer`` o un tokenizador de ``transformers``."""
    if isinstance(tokenizador, TokenizadorBPE):
        return tokenizador.n_tokens
    if isinstance(tokenizador, Tokenizer):
        return tokenizador.get_vocab_size(with_added_tokens=True)
    if hasattr(tokenizador, "__len__"):
        return len(tokenizador)  # Vocabulario (Lab11) y tokenizadores de transformers
    raise TypeError(f"no sé medir el vocabulario de un {type(tokenizador).__name__}")


def comparar_tokenizadores(
    textos: Iterable[str], tokenizadores: Mapping[str, object]
) -> list[dict[str, object]]:
    """Una fila por tokenizador, para una tabla: ``{"tokenizador", "vocabulario",
    "tokens_por_parrafo", "caracteres_por_token", "tokens_por_palabra"}`` (medias sobre ``textos``;
    los números, redondeados a 2 decimales).

    >>> from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import Vocabulario
    >>> fila = comparar_tokenizadores(["hola"], {"caracteres": Vocabulario.desde_tokens("hola")})[0]
    >>> fila["tokens_por_parrafo"], fila["caracteres_por_token"]
    (4.0, 1.0)
    """
    if isinstance(textos, str):
        textos = [textos]
    textos = list(textos)
    if not textos or not all(isinstance(t, str) for t in textos):
        raise ValueError("se esperaba una lista no vacía de textos (str)")
    if not isinstance(tokenizadores, Mapping) or not tokenizadores:
        raise ValueError("se esperaba un diccionario no vacío {nombre: tokenizador}")
    n_caracteres = sum(len(t) for t in textos)
    n_palabras = sum(1 for t in textos for p in pre_dividir(t) if re.search(r"[^\W_]", p))
    filas = []
    for nombre, tokenizador in tokenizadores.items():
        n = sum(contar_tokens(tokenizador, t) for t in textos)
        filas.append(
            {
                "tokenizador": nombre,
                "vocabulario": tamano_vocabulario(tokenizador),
                "tokens_por_parrafo": round(n / len(textos), 2),
                "caracteres_por_token": round(n_caracteres / max(n, 1), 2),
                "tokens_por_palabra": round(n / max(n_palabras, 1), 2),
            }
        )
    return filas
