"""Congela el corpus de texto en español del curso: una instantánea de los ``teoria.md``.

Los Labs 11, 12 y 09 entrenan modelos de texto (un LSTM de caracteres, un clasificador de párrafos,
Word2Vec, un GPT pequeño) sobre **un archivo fijo**, ``Lab11_Redes_Neuronales_Recurrentes_LSTM/datos/
corpus_teoria.txt``, y no sobre los ``teoria.md`` vivos: así, corregir una errata de la teoría no
cambia las salidas guardadas de esos cuadernos. Esta orden es la que escribió ese archivo; sólo se
vuelve a ejecutar a propósito (y entonces hay que reejecutar los cuadernos que lo usan y actualizar
la huella de ``tests/test_lab11_corpus.py``)::

    python -m herramientas.congelar_corpus            # escribe el archivo
    python -m herramientas.congelar_corpus --comprobar  # ¿coincide con lo que saldría hoy?

Limpieza (para que quede prosa): fuera los bloques de código, las ecuaciones en bloque
(``$$ … $$``), las tablas, las imágenes, los títulos y las reglas; las fórmulas en línea
(``$\\mathbf{x}W$``) pierden las órdenes de LaTeX (``xW``); los enlaces se quedan con su texto; las
marcas de Markdown (``**``, ``*``, `````) desaparecen. Cada párrafo ocupa una línea.

Formato: una cabecera de comentarios (``#``), y por cada laboratorio una línea ``@@ LabNN_Nombre``
seguida de sus párrafos, uno por línea.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from herramientas.curso import LABORATORIOS

RAIZ = Path(__file__).resolve().parent.parent
DESTINO = RAIZ / "Lab11_Redes_Neuronales_Recurrentes_LSTM" / "datos" / "corpus_teoria.txt"
#: Los laboratorios cuya teoría entra en la instantánea: los escritos antes del Lab11 (01–08 y 10).
LABS = tuple(lab for lab in LABORATORIOS if int(lab[3:5]) in (*range(1, 9), 10))
CABECERA = (
    "# Corpus del curso: instantánea de los teoria.md de los laboratorios 01-08 y 10, limpiados\n"
    "# por herramientas/congelar_corpus.py. Un párrafo por línea; '@@ Lab' abre cada laboratorio.\n"
    "# Archivo congelado: no se edita a mano (ver el módulo congelar_corpus).\n"
)


#: Órdenes de LaTeX que se escriben con su símbolo (el resto pierde la barra: ``\\tanh`` → ``tanh``).
SIMBOLOS = {
    "times": "×", "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈", "ne": "≠",
    "neq": "≠", "to": "→", "rightarrow": "→", "in": "∈", "sum": "Σ", "prod": "Π", "partial": "∂",
    "infty": "∞", "pm": "±", "odot": "⊙", "nabla": "∇", "ldots": "…", "dots": "…", "cdots": "…",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "sigma": "σ", "Sigma": "Σ", "tau": "τ", "phi": "φ",
    "Phi": "Φ", "pi": "π", "rho": "ρ", "omega": "ω",
}


def _formula_en_linea(m: re.Match) -> str:
    texto = m.group(1)
    texto = re.sub(r"\\(?:left|right|big|Big|bigl|bigr|,|;|!|quad|qquad)", " ", texto)
    texto = re.sub(r"\\(?:text|mathrm|operatorname|mathbf|boldsymbol|mathcal|hat|tilde|bar)\{([^{}]*)\}",
                   r"\1", texto)
    texto = re.sub(r"\\(?:frac|tfrac|dfrac|sqrt)\b", lambda _m: "√" if "sqrt" in _m.group(0) else "", texto)
    texto = re.sub(r"\\([A-Za-z]+)", lambda c: SIMBOLOS.get(c.group(1), c.group(1)), texto)
    texto = texto.replace("{", "").replace("}", "").replace("\\", "")
    return re.sub(r"\s+", " ", texto).strip()


def limpiar_linea(linea: str) -> str:
    """Prosa de una línea de Markdown: sin marcas, enlaces con su texto, fórmulas sin LaTeX."""
    linea = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", linea)  # imágenes
    linea = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", linea)  # enlaces
    linea = re.sub(r"\$([^$]+)\$", _formula_en_linea, linea)
    linea = re.sub(r"<[^>]+>", "", linea).replace("$", "")  # HTML y algún «$» suelto
    linea = linea.replace("**", "").replace("`", "")
    linea = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?!\w)", r"\1", linea)  # cursiva
    linea = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", linea)  # viñetas y listas numeradas
    linea = re.sub(r"^\s*>\s?", "", linea)  # citas
    return re.sub(r"\s+", " ", linea).strip()


def parrafos_markdown(texto: str) -> list[str]:
    """Los párrafos de prosa de un ``teoria.md`` (ver la limpieza en la cabecera del módulo)."""
    parrafos: list[str] = []
    actual: list[str] = []
    en_codigo = False
    # las ecuaciones en bloque, de una o de varias líneas, se van (y cortan el párrafo)
    texto = re.sub(r"\$\$.*?\$\$", "\n\n", texto, flags=re.DOTALL)

    def cerrar() -> None:
        if actual:
            parrafo = " ".join(actual).strip()
            if len(parrafo.split()) >= 3:
                parrafos.append(parrafo)
            actual.clear()

    for bruta in texto.splitlines():
        linea = bruta.strip()
        if linea.startswith("```"):
            en_codigo = not en_codigo
            cerrar()
            continue
        if en_codigo:
            continue
        if not linea or linea.startswith(("#", "|", "---", "***", "![")):
            cerrar()
            continue
        if re.match(r"^(?:[-*+]|\d+[.)])\s+", linea):  # cada elemento de una lista, su párrafo
            cerrar()
        limpia = limpiar_linea(linea)
        if limpia:
            actual.append(limpia)
    cerrar()
    return parrafos


def construir_corpus(raiz: Path = RAIZ) -> str:
    """El texto completo del archivo congelado, a partir de los ``teoria.md`` de ``LABS``."""
    trozos = [CABECERA]
    for lab in LABS:
        ruta = raiz / lab / "teoria.md"
        if not ruta.is_file():
            raise FileNotFoundError(f"no se encuentra {ruta}: el corpus necesita la teoría de {lab}")
        trozos.append(f"@@ {lab}\n")
        trozos.extend(p + "\n" for p in parrafos_markdown(ruta.read_text(encoding="utf-8")))
    return "".join(trozos)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Congela el corpus de texto del curso")
    analizador.add_argument("--comprobar", action="store_true",
                            help="no escribe: dice si el archivo coincide con la teoría actual")
    args = analizador.parse_args(argumentos)
    texto = construir_corpus()
    if args.comprobar:
        igual = DESTINO.is_file() and DESTINO.read_text(encoding="utf-8") == texto
        print("El corpus congelado coincide con la teoría actual." if igual else
              "El corpus congelado difiere de la teoría actual (es normal tras editar un teoria.md).")
        return 0
    DESTINO.parent.mkdir(parents=True, exist_ok=True)
    DESTINO.write_text(texto, encoding="utf-8")
    print(f"Escrito {DESTINO.relative_to(RAIZ)}: {len(texto)} caracteres, {len(texto.split())} palabras.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
