"""El corpus de texto del curso y los vocabularios que convierten texto en identificadores.

El corpus es un **archivo congelado** del repositorio, ``datos/corpus_teoria.txt``: la teoría de los
laboratorios 01–08 y 10, limpiada hasta dejar prosa (lo escribió ``herramientas/congelar_corpus.py``).
Como no cambia, los modelos de texto de los Labs 11, 12 y 09 dan siempre los mismos resultados,
aunque alguien corrija después una errata de un ``teoria.md``.

- ``cargar_corpus()``: todo el texto (párrafos separados por un salto de línea).
- ``parrafos_corpus()``: los párrafos con el laboratorio del que vienen; la tarea de clasificación
  «¿de qué laboratorio es este párrafo?» (este lab con un LSTM, el Lab12 con un transformer).
- ``tokenizar_palabras(texto)``: palabras en minúsculas (letras del español y números).
- ``Vocabulario``: token ↔ identificador entero, para caracteres o para palabras, con ``<relleno>``
  (id 0) y ``<desconocido>`` (id 1).

>>> vocabulario = Vocabulario.desde_tokens(list("hola"))
>>> vocabulario.codificar(list("la"))
array([4, 2])
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "LABS_CORPUS",
    "RUTA_CORPUS",
    "Vocabulario",
    "cargar_corpus",
    "parrafos_corpus",
    "tokenizar_palabras",
]

RUTA_CORPUS = Path(__file__).resolve().parent.parent / "datos" / "corpus_teoria.txt"

#: Laboratorios del corpus, en el orden del archivo (los nombres cortos son las clases).
LABS_CORPUS = ("Lab01", "Lab02", "Lab03", "Lab04", "Lab05", "Lab06", "Lab07", "Lab08", "Lab10")

_PALABRA = re.compile(r"[0-9a-záéíóúüñ]+")


def _leer(ruta: str | Path | None) -> list[tuple[str, str]]:
    ruta = Path(RUTA_CORPUS if ruta is None else ruta)
    if not ruta.is_file():
        raise FileNotFoundError(
            f"no se encuentra el corpus {ruta}; viene con el repositorio del curso "
            "(Lab11_Redes_Neuronales_Recurrentes_LSTM/datos/corpus_teoria.txt)"
        )
    parrafos: list[tuple[str, str]] = []
    lab = None
    for linea in ruta.read_text(encoding="utf-8").splitlines():
        if not linea or linea.startswith("#"):
            continue
        if linea.startswith("@@ "):
            lab = linea[3:].strip().split("_")[0]
            continue
        if lab is None:
            raise ValueError(f"el corpus {ruta} tiene texto antes de la primera línea '@@ LabNN_…'")
        parrafos.append((lab, linea))
    return parrafos


def parrafos_corpus(min_palabras: int = 1, ruta: str | Path | None = None) -> list[tuple[str, str]]:
    """Los párrafos del corpus como ``[(lab, párrafo), …]`` (``lab`` = ``"Lab01"`` … ``"Lab10"``), en
    el orden del archivo; sólo los de al menos ``min_palabras`` palabras."""
    if not isinstance(min_palabras, int | np.integer) or isinstance(min_palabras, bool) or min_palabras < 1:
        raise ValueError(f"se esperaba min_palabras entero ≥ 1, se recibió {min_palabras!r}")
    return [(lab, p) for lab, p in _leer(ruta) if len(p.split()) >= min_palabras]


def cargar_corpus(ruta: str | Path | None = None) -> str:
    """Todo el texto del corpus: los párrafos, en orden, separados por ``"\\n"``."""
    return "\n".join(p for _, p in _leer(ruta))


def tokenizar_palabras(texto: str) -> list[str]:
    """Palabras en minúsculas: secuencias de letras del español (con tildes, ü y ñ) y dígitos.

    >>> tokenizar_palabras("La ReLU (2010) es rápida, ¿no?")
    ['la', 'relu', '2010', 'es', 'rápida', 'no']
    """
    if not isinstance(texto, str):
        raise TypeError(f"se esperaba un texto (str), se recibió {type(texto).__name__}")
    return _PALABRA.findall(texto.lower())


class Vocabulario:
    """Biyección token ↔ identificador entero. Los ids 0 y 1 son ``<relleno>`` y ``<desconocido>``;
    los tokens siguen por frecuencia descendente (empates, en orden alfabético), así que el
    vocabulario es el mismo en cada ejecución."""

    RELLENO = "<relleno>"
    DESCONOCIDO = "<desconocido>"

    def __init__(self, tokens: Sequence[str]) -> None:
        tokens = list(tokens)
        if len(set(tokens)) != len(tokens):
            raise ValueError("los tokens de un Vocabulario deben ser distintos")
        self.tokens: list[str] = [self.RELLENO, self.DESCONOCIDO] + [
            t for t in tokens if t not in (self.RELLENO, self.DESCONOCIDO)
        ]
        self.indices: dict[str, int] = {t: i for i, t in enumerate(self.tokens)}

    @classmethod
    def desde_tokens(
        cls, tokens: Iterable[str], min_frecuencia: int = 1, max_tamano: int | None = None
    ) -> Vocabulario:
        """Vocabulario de los tokens que aparecen al menos ``min_frecuencia`` veces (como mucho
        ``max_tamano`` entradas, contando las dos especiales)."""
        if min_frecuencia < 1:
            raise ValueError(f"se esperaba min_frecuencia ≥ 1, se recibió {min_frecuencia}")
        if max_tamano is not None and max_tamano < 3:
            raise ValueError(f"se esperaba max_tamano ≥ 3 (dos especiales y un token), no {max_tamano}")
        cuenta = Counter(tokens)
        if not cuenta:
            raise ValueError("no se puede construir un vocabulario sin tokens")
        orden = sorted((t for t, n in cuenta.items() if n >= min_frecuencia), key=lambda t: (-cuenta[t], t))
        if max_tamano is not None:
            orden = orden[: max_tamano - 2]
        return cls(orden)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: object) -> bool:
        return token in self.indices

    def codificar(self, tokens: Iterable[str]) -> np.ndarray:
        """Ids ``(L,)`` de ``tokens`` (``int64``); los desconocidos van a ``<desconocido>`` (1)."""
        desconocido = self.indices[self.DESCONOCIDO]
        return np.array([self.indices.get(t, desconocido) for t in tokens], dtype=np.int64)

    def decodificar(self, ids: Iterable[int], separador: str = "") -> str:
        """Texto de una secuencia de ids (se omite ``<relleno>``); ``separador=" "`` para palabras."""
        ids = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids)
        if ids.size and not np.issubdtype(ids.dtype, np.integer):
            raise TypeError(f"se esperaban ids enteros, se recibió dtype {ids.dtype}")
        fuera = ids[(ids < 0) | (ids >= len(self))] if ids.size else ids
        if fuera.size:
            raise ValueError(f"id {int(fuera[0])} fuera del vocabulario (0 … {len(self) - 1})")
        return separador.join(self.tokens[int(i)] for i in ids.ravel() if i != 0)

    def __repr__(self) -> str:
        muestra = ", ".join(repr(t) for t in self.tokens[2:7])
        return f"Vocabulario({len(self)} tokens: {muestra}, …)"
