"""*Byte-pair encoding* (BPE) desde cero: aprender sub-palabras fusionando el par más frecuente.

Un modelo de lenguaje necesita un vocabulario. Con **caracteres** (el ``Vocabulario`` del Lab11)
el vocabulario es pequeño pero las secuencias son largas; con **palabras**, las secuencias son
cortas pero el vocabulario es enorme y cualquier palabra nueva es ``<desconocido>``. BPE está entre
los dos: empieza con caracteres y **fusiona una y otra vez el par de símbolos vecinos más
frecuente** del corpus (Gage, 1994, para comprimir; Sennrich, Haddow y Birch, 2016, para traducir).
Las palabras frecuentes acaban siendo un solo *token* y las raras se parten en trozos conocidos.

**Pre-división, al estilo GPT-2.** Antes de fusionar, el texto se parte en «palabras» con la
expresión ``PATRON_PALABRAS``: letras, cifras, signos y espacios, y **el espacio pertenece a la
palabra que sigue** (``"la red"`` → ``["la", " red"]``). Las fusiones nunca cruzan el borde de
una palabra. Como el patrón cubre todos los caracteres, concatenar las palabras devuelve el texto
exacto, y por eso ``decodificar(codificar(t)) == t`` para cualquier texto cuyos caracteres
estén en el alfabeto (todo el corpus con el que se entrenó).

**Entrenar rápido.** Cada palabra distinta se cuenta una vez (``Counter``) y se fusiona sobre esos
*tipos* de palabra, no sobre el texto; tras cada fusión sólo se recuentan los pares de las
palabras que contenían el par fusionado.

**Caracteres desconocidos.** Un carácter que no estaba en el texto de entrenamiento se codifica
como ``<desconocido>`` (id 1) y se decodifica como ese texto: así no se pierde la posición, pero
ese trozo ya no se recupera.

>>> tokenizador = entrenar_bpe("la casa, las casas\\nla masa", n_fusiones=3)
>>> tokenizador.tokens("las casas")
['l', 'as', ' cas', 'as']
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo

__all__ = [
    "ESPECIALES",
    "PATRON_PALABRAS",
    "TokenizadorBPE",
    "contar_tokens",
    "entrenar_bpe",
    "longitud_media",
    "pre_dividir",
    "tokens_por_palabra",
]

#: Tokens especiales, con los ids 0, 1 y 2: relleno de lotes, carácter desconocido y fin de texto
#: (el que un GPT aprende a emitir cuando un texto termina). Los dos primeros, como en el Lab11.
ESPECIALES = ("<relleno>", "<desconocido>", "<|fin|>")

#: Pre-división de GPT-2 (Radford et al., 2019), con las clases de ``re``: letras con su espacio
#: delante, cifras con su espacio, signos con su espacio, y espacios (el último espacio de una
#: racha se queda para la palabra siguiente). Cubre todos los caracteres.
PATRON_PALABRAS = re.compile(r" ?[^\W\d_]+| ?\d+| ?[^\s\w]+| ?_+|\s+(?!\S)|\s+")

Par = tuple[str, str]


def _texto(texto: object, nombre: str = "texto") -> str:
    if not isinstance(texto, str):
        raise TypeError(f"se esperaba {nombre} de tipo str, se recibió {type(texto).__name__}")
    return texto


def pre_dividir(texto: str) -> list[str]:
    """Las «palabras» de ``texto`` según ``PATRON_PALABRAS``; ``"".join(pre_dividir(t)) == t``.

    >>> pre_dividir("La red, ¿aprende?  Sí.")
    ['La', ' red', ',', ' ¿', 'aprende', '?', ' ', ' Sí', '.']
    """
    return PATRON_PALABRAS.findall(_texto(texto))


def _fusionar_simbolos(simbolos: Sequence[str], par: Par, nuevo: str) -> list[str]:
    """Reemplaza cada aparición de ``par`` (de izquierda a derecha, sin solaparse) por ``nuevo``."""
    salida, i = [], 0
    while i < len(simbolos):
        if i + 1 < len(simbolos) and simbolos[i] == par[0] and simbolos[i + 1] == par[1]:
            salida.append(nuevo)
            i += 2
        else:
            salida.append(simbolos[i])
            i += 1
    return salida


class TokenizadorBPE:
    """Tokenizador BPE: un alfabeto de caracteres y una lista ordenada de fusiones.

    El vocabulario es ``ESPECIALES`` (ids 0–2), después el alfabeto (en orden de código) y después
    un token por fusión, en el orden en que se aprendieron. ``fusiones`` guarda la historia:
    ``[((izquierda, derecha), nuevo_token, frecuencia), …]``.
    """

    def __init__(self, alfabeto: Iterable[str], fusiones: Iterable[tuple[Par, str, int]] = ()) -> None:
        alfabeto = sorted(set(alfabeto))
        if any(not isinstance(c, str) or len(c) != 1 for c in alfabeto):
            raise ValueError("el alfabeto debe ser una colección de caracteres sueltos (str de longitud 1)")
        self.alfabeto: list[str] = alfabeto
        self.fusiones: list[tuple[Par, str, int]] = []
        self.vocabulario: list[str] = list(ESPECIALES) + alfabeto
        conocidos = set(alfabeto)
        for (izquierda, derecha), nuevo, frecuencia in fusiones:
            if izquierda not in conocidos or derecha not in conocidos or nuevo != izquierda + derecha:
                raise ValueError(f"fusión inválida {(izquierda, derecha)!r} → {nuevo!r}")
            if nuevo in conocidos:
                raise ValueError(f"la fusión {(izquierda, derecha)!r} repite el token {nuevo!r}")
            self.fusiones.append(((izquierda, derecha), nuevo, int(frecuencia)))
            self.vocabulario.append(nuevo)
            conocidos.add(nuevo)
        self.indices: dict[str, int] = {t: i for i, t in enumerate(self.vocabulario)}
        self.rango: dict[Par, int] = {par: k for k, (par, _, _) in enumerate(self.fusiones)}
        self.id_relleno, self.id_desconocido, self.id_fin = 0, 1, 2
        self._cache: dict[str, list[int]] = {}

    @property
    def n_tokens(self) -> int:
        """Tamaño del vocabulario (especiales + alfabeto + fusiones)."""
        return len(self.vocabulario)

    def __len__(self) -> int:
        return self.n_tokens

    def truncar(self, n_fusiones: int) -> TokenizadorBPE:
        """El mismo tokenizador con sólo sus primeras ``n_fusiones`` fusiones (0 = caracteres)."""
        n = entero_positivo(n_fusiones, "n_fusiones", minimo=0)
        return TokenizadorBPE(self.alfabeto, self.fusiones[:n])

    def _codificar_palabra(self, palabra: str) -> list[int]:
        """Ids de una palabra: aplica siempre la fusión de menor rango presente, hasta que no quede
        ninguna (equivale a aplicar las fusiones una a una en el orden en que se aprendieron)."""
        if palabra in self._cache:
            return self._cache[palabra]
        simbolos = list(palabra)
        while len(simbolos) > 1:
            pares = [(self.rango.get(p, len(self.rango)), p) for p in zip(simbolos, simbolos[1:])]
            rango, par = min(pares)
            if rango == len(self.rango):
                break
            simbolos = _fusionar_simbolos(simbolos, par, par[0] + par[1])
        ids = [self.indices.get(s, self.id_desconocido) for s in simbolos]
        self._cache[palabra] = ids
        return ids

    def codificar(self, texto: str) -> list[int]:
        """Lista de ids de ``texto`` (los caracteres fuera del alfabeto, ``<desconocido>`` = 1)."""
        ids: list[int] = []
        for palabra in pre_dividir(texto):
            ids.extend(self._codificar_palabra(palabra))
        return ids

    def tokens(self, texto: str) -> list[str]:
        """Los trozos de ``texto`` como cadenas, para mostrarlos (``" red"`` lleva su espacio)."""
        return [self.vocabulario[i] for i in self.codificar(texto)]

    def decodificar(self, ids: Iterable[int], omitir_especiales: bool = False) -> str:
        """El texto de una secuencia de ids ``(L,)``. ``<relleno>`` se omite siempre; los otros
        especiales se escriben como su texto salvo con ``omitir_especiales=True``."""
        if isinstance(ids, str):
            raise TypeError("se esperaba una secuencia de ids enteros, se recibió un str")
        arreglo = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids)
        if arreglo.size and not np.issubdtype(arreglo.dtype, np.integer):
            raise TypeError(f"se esperaban ids enteros, se recibió dtype {arreglo.dtype}")
        if arreglo.ndim > 1:
            raise ValueError(f"se esperaba una secuencia de ids de forma (L,), se recibió {arreglo.shape}")
        fuera = arreglo[(arreglo < 0) | (arreglo >= self.n_tokens)] if arreglo.size else arreglo
        if fuera.size:
            raise ValueError(f"id {int(fuera[0])} fuera del vocabulario (0 … {self.n_tokens - 1})")
        saltar = {self.id_relleno} | (set(range(len(ESPECIALES))) if omitir_especiales else set())
        return "".join(self.vocabulario[i] for i in arreglo.tolist() if i not in saltar)

    def guardar(self, ruta: str | Path) -> Path:
        """Escribe el alfabeto y las fusiones en un JSON legible (UTF-8); devuelve la ruta."""
        ruta = Path(ruta)
        ruta.parent.mkdir(parents=True, exist_ok=True)
        datos = {
            "tipo": "TokenizadorBPE",
            "especiales": list(ESPECIALES),
            "alfabeto": self.alfabeto,
            "fusiones": [[a, b, nuevo, f] for (a, b), nuevo, f in self.fusiones],
        }
        ruta.write_text(json.dumps(datos, ensure_ascii=False, indent=1), encoding="utf-8")
        return ruta

    @classmethod
    def cargar(cls, ruta: str | Path) -> TokenizadorBPE:
        """Lee un tokenizador escrito por ``guardar``."""
        ruta = Path(ruta)
        if not ruta.is_file():
            raise FileNotFoundError(f"no existe el archivo de tokenizador {ruta}")
        datos = json.loads(ruta.read_text(encoding="utf-8"))
        if not isinstance(datos, dict) or datos.get("tipo") != "TokenizadorBPE":
            raise ValueError(f"{ruta} no es un TokenizadorBPE guardado con guardar()")
        if datos.get("especiales") != list(ESPECIALES):
            raise ValueError(
                f"{ruta} tiene especiales {datos.get('especiales')}, se esperaban {list(ESPECIALES)}"
            )
        return cls(datos["alfabeto"], [((a, b), nuevo, f) for a, b, nuevo, f in datos["fusiones"]])

    def __repr__(self) -> str:
        n_alfabeto, n_fusiones = len(self.alfabeto), len(self.fusiones)
        return f"TokenizadorBPE({self.n_tokens} tokens: {n_alfabeto} caracteres, {n_fusiones} fusiones)"


def _pares(simbolos: Sequence[str]) -> Counter[Par]:
    return Counter(zip(simbolos, simbolos[1:]))


def entrenar_bpe(texto: str, n_fusiones: int, frecuencia_minima: int = 2) -> TokenizadorBPE:
    """Aprende hasta ``n_fusiones`` fusiones BPE en ``texto``.

    1. Pre-divide con ``pre_dividir`` y cuenta cada palabra distinta una vez.
    2. Cuenta los pares de símbolos vecinos dentro de cada palabra (por su frecuencia).
    3. Fusiona el par más frecuente (empates: el primero en orden alfabético, para que el
       resultado no dependa del azar), anota ``(par, nuevo_token, frecuencia)`` y repite.

    Se para antes si el mejor par aparece menos de ``frecuencia_minima`` veces (fusionar un par
    que aparece una vez no comprime nada que se repita) o si ya no quedan pares.
    """
    texto = _texto(texto)
    n_fusiones = entero_positivo(n_fusiones, "n_fusiones")
    frecuencia_minima = entero_positivo(frecuencia_minima, "frecuencia_minima")
    if not texto:
        raise ValueError("no se puede entrenar BPE con un texto vacío")

    cuenta_palabras = Counter(pre_dividir(texto))
    palabras = [list(p) for p in cuenta_palabras]  # símbolos actuales de cada tipo de palabra
    frecuencias = list(cuenta_palabras.values())
    cuenta_pares: Counter[Par] = Counter()
    donde: defaultdict[Par, set[int]] = defaultdict(set)  # par → palabras que lo contienen
    for k, simbolos in enumerate(palabras):
        for par, n in _pares(simbolos).items():
            cuenta_pares[par] += n * frecuencias[k]
            donde[par].add(k)

    fusiones: list[tuple[Par, str, int]] = []
    while len(fusiones) < n_fusiones and cuenta_pares:
        frecuencia = max(cuenta_pares.values())
        if frecuencia < frecuencia_minima:
            break
        par = min(p for p, n in cuenta_pares.items() if n == frecuencia)  # empate: orden alfabético
        nuevo = par[0] + par[1]
        fusiones.append((par, nuevo, frecuencia))
        for k in donde.pop(par):
            antes = _pares(palabras[k])
            palabras[k] = _fusionar_simbolos(palabras[k], par, nuevo)
            despues = _pares(palabras[k])
            for p, n in antes.items():
                cuenta_pares[p] -= n * frecuencias[k]
                if cuenta_pares[p] <= 0:
                    del cuenta_pares[p]
                if p not in despues and p != par:
                    donde[p].discard(k)
            for p, n in despues.items():
                cuenta_pares[p] += n * frecuencias[k]
                donde[p].add(k)
    return TokenizadorBPE(set(texto), fusiones)


def contar_tokens(tokenizador: object, texto: str) -> int:
    """Número de tokens de ``texto`` con un ``TokenizadorBPE``, un ``Vocabulario`` de caracteres
    del Lab11, un ``tokenizers.Tokenizer`` o un tokenizador de ``transformers``."""
    _texto(texto)
    if isinstance(tokenizador, TokenizadorBPE):
        return len(tokenizador.codificar(texto))
    if hasattr(tokenizador, "indices") and hasattr(tokenizador, "codificar"):  # Vocabulario (Lab11)
        return len(tokenizador.codificar(list(texto)))
    if hasattr(tokenizador, "encode"):
        codificado = tokenizador.encode(texto)
        ids = codificado.ids if hasattr(codificado, "ids") else codificado
        return len(ids)  # tokenizers.Tokenizer da un Encoding; transformers, la lista de ids
    raise TypeError(f"no sé contar tokens con un {type(tokenizador).__name__}")


def _textos(textos: object) -> list[str]:
    if isinstance(textos, str):
        textos = [textos]
    textos = list(textos)  # type: ignore[arg-type]
    if not textos:
        raise ValueError("se esperaba al menos un texto")
    for t in textos:
        _texto(t, "cada texto")
    return textos


def longitud_media(tokenizador: object, textos: str | Iterable[str]) -> float:
    """Número medio de tokens por texto (por párrafo, si ``textos`` son párrafos)."""
    textos = _textos(textos)
    return float(np.mean([contar_tokens(tokenizador, t) for t in textos]))


def tokens_por_palabra(tokenizador: object, textos: str | Iterable[str]) -> float:
    """Tokens por palabra (palabras = trozos de ``pre_dividir`` que tienen letras o cifras): 1,0
    sería un token por palabra; los caracteres dan unos 6."""
    textos = _textos(textos)
    n_palabras = sum(1 for t in textos for p in pre_dividir(t) if re.search(r"[^\W_]", p))
    if n_palabras == 0:
        raise ValueError("los textos no tienen palabras")
    return sum(contar_tokens(tokenizador, t) for t in textos) / n_palabras
