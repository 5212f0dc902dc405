"""Lab11: el corpus congelado del curso y los vocabularios."""

from __future__ import annotations

import hashlib
from collections import Counter

import numpy as np
import pytest

from herramientas import congelar_corpus
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import (
    LABS_CORPUS,
    RUTA_CORPUS,
    Vocabulario,
    cargar_corpus,
    parrafos_corpus,
    tokenizar_palabras,
)

#: Huella del archivo congelado. Los cuadernos de los Labs 11, 12 y 09 dependen de él: si se vuelve a
#: congelar a propósito (``python -m herramientas.congelar_corpus``), hay que reejecutarlos y cambiarla.
HUELLA_CORPUS = "f33226d5fb6caa151a1416aca3db08a251c34af9a5fcf44a8ab321eefe397846"


def test_el_corpus_esta_congelado():
    assert hashlib.sha256(RUTA_CORPUS.read_bytes()).hexdigest() == HUELLA_CORPUS


def test_parrafos_de_cada_laboratorio():
    parrafos = parrafos_corpus()
    cuenta = Counter(lab for lab, _ in parrafos)
    assert tuple(cuenta) == LABS_CORPUS  # en el orden del archivo
    assert min(cuenta.values()) >= 80 and len(parrafos) > 1000
    assert all("$" not in p and "```" not in p and "\n" not in p for _, p in parrafos)
    largos = parrafos_corpus(min_palabras=8)
    assert 0 < len(largos) < len(parrafos) and all(len(p.split()) >= 8 for _, p in largos)
    texto = cargar_corpus()
    assert texto.count("\n") == len(parrafos) - 1 and len(texto) > 200_000
    with pytest.raises(ValueError, match="min_palabras"):
        parrafos_corpus(min_palabras=0)


def test_errores_al_leer(tmp_path):
    with pytest.raises(FileNotFoundError, match="no se encuentra el corpus"):
        cargar_corpus(tmp_path / "no_existe.txt")
    roto = tmp_path / "roto.txt"
    roto.write_text("texto sin laboratorio\n", encoding="utf-8")
    with pytest.raises(ValueError, match="antes de la primera línea"):
        parrafos_corpus(ruta=roto)


def test_tokenizar_y_vocabulario():
    assert tokenizar_palabras("¡La ReLU, en 2010, ganó!") == ["la", "relu", "en", "2010", "ganó"]
    with pytest.raises(TypeError, match="texto"):
        tokenizar_palabras(["no", "es", "texto"])
    v = Vocabulario.desde_tokens(["b", "a", "b", "c", "b", "a"], min_frecuencia=2)
    assert v.tokens == ["<relleno>", "<desconocido>", "b", "a"] and len(v) == 4 and "c" not in v
    ids = v.codificar(["a", "c", "b"])
    assert ids.dtype == np.int64 and ids.tolist() == [3, 1, 2]
    assert v.decodificar([3, 0, 2], separador=" ") == "a b"  # el relleno no se escribe
    with pytest.raises(ValueError, match="fuera del vocabulario"):
        v.decodificar([7])
    with pytest.raises(TypeError, match="enteros"):
        v.decodificar(np.array([1.0]))
    with pytest.raises(ValueError, match="sin tokens"):
        Vocabulario.desde_tokens([])
    assert len(Vocabulario.desde_tokens(list("abcdef"), max_tamano=4)) == 4


def test_la_limpieza_de_markdown():
    texto = (
        "# Título\n\nUna frase con **negrita**, `codigo` y $\\mathbf{x}W \\times 2$ en línea.\n"
        "$$\na = b\n$$\n| tabla | x |\n\n```python\nprint(1)\n```\n- un elemento de lista\n"
        "[un enlace](https://ejemplo.org) ![imagen](f.png)\n"
    )
    parrafos = congelar_corpus.parrafos_markdown(texto)
    assert parrafos[0] == "Una frase con negrita, codigo y xW × 2 en línea."
    assert parrafos[1] == "un elemento de lista un enlace"
    assert len(parrafos) == 2
