"""Generar texto también es muestrear de un modelo generativo: medir las estrategias de muestreo.

Un modelo de lenguaje da, en cada paso, una distribución sobre el siguiente *token*; cómo se elige
de ella decide el texto. El Lab12 dejó las piezas (``generar_gpt``, ``muestrear_siguiente`` con
temperatura, *top-k* y *top-p*, y ``generar_con_semilla`` para el ``pipeline`` de Hugging Face); aquí
se **miden** dos cosas que se contraponen:

- ``palabras_reales``: qué fracción de las palabras generadas existen en el corpus (¿escribe
  español o se inventa palabras?);
- ``bigramas_distintos``: qué fracción de las parejas de palabras seguidas son distintas
  (*distinct-2*, Li et al., 2016): 1 si nunca se repite, baja cuando el texto entra en bucle.

La elección voraz (temperatura 0) escribe palabras reales pero se repite; una temperatura alta no
se repite pero inventa; *top-k* y *top-p* recortan la cola de la distribución, donde están los
caracteres improbables, y buscan el punto medio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import tokenizar_palabras

__all__ = ["ESTRATEGIAS_TEXTO", "palabras_conocidas", "medir_texto", "comparar_estrategias"]

#: Nombre → opciones de ``generar_gpt`` (Lab12) y de ``generar_con_semilla`` (las mismas palabras).
ESTRATEGIAS_TEXTO: dict[str, dict[str, float | int]] = {
    "voraz": {"temperatura": 0.0},
    "temperatura 0.7": {"temperatura": 0.7},
    "temperatura 1.0": {"temperatura": 1.0},
    "temperatura 1.5": {"temperatura": 1.5},
    "top-k 5": {"temperatura": 1.0, "top_k": 5},
    "top-p 0.9": {"temperatura": 1.0, "top_p": 0.9},
}


def palabras_conocidas(texto: str) -> frozenset[str]:
    """Las palabras (en minúsculas, con ``tokenizar_palabras`` del Lab11) que aparecen en ``texto``."""
    if not isinstance(texto, str) or not texto.strip():
        raise ValueError("se esperaba un texto (str) no vacío del que sacar las palabras conocidas")
    return frozenset(tokenizar_palabras(texto))


def medir_texto(generado: str, conocidas: Iterable[str]) -> dict[str, float]:
    """``{"palabras", "palabras_reales", "bigramas_distintos"}`` de un texto generado.

    ``palabras``: cuántas hay; ``palabras_reales``: fracción de ellas que está en ``conocidas``;
    ``bigramas_distintos``: parejas de palabras seguidas distintas / parejas (1.0 con menos de dos
    palabras). Un texto sin palabras da 0 palabras reales.
    """
    if not isinstance(generado, str):
        raise TypeError(f"se esperaba un texto (str), se recibió {type(generado).__name__}")
    conocidas = conocidas if isinstance(conocidas, (set, frozenset)) else set(conocidas)
    if not conocidas:
        raise ValueError("conocidas está vacío: pasa las palabras del corpus (palabras_conocidas)")
    palabras = tokenizar_palabras(generado)
    bigramas = list(zip(palabras, palabras[1:]))
    return {
        "palabras": float(len(palabras)),
        "palabras_reales": sum(p in conocidas for p in palabras) / len(palabras) if palabras else 0.0,
        "bigramas_distintos": len(set(bigramas)) / len(bigramas) if bigramas else 1.0,
    }


def comparar_estrategias(
    generar: Callable[..., str],
    conocidas: Iterable[str],
    estrategias: Mapping[str, Mapping[str, float | int]] = ESTRATEGIAS_TEXTO,
    semillas: Iterable[int] = (0, 1, 2),
    inicio: str = "",
) -> dict[str, dict[str, object]]:
    """Para cada estrategia, la media de ``medir_texto`` sobre ``semillas`` y el texto de la primera.

    ``generar(semilla=…, **opciones)`` devuelve un texto, por ejemplo
    ``lambda **o: generar_gpt(gpt, vocabulario, "La red", 200, **o)``; si empieza por ``inicio``,
    ese trozo (que no escribió el modelo) no se mide.
    """
    semillas = list(semillas)
    if not semillas:
        raise ValueError("semillas no puede estar vacío")
    if not estrategias:
        raise ValueError("no hay estrategias que comparar")
    conocidas = frozenset(conocidas)
    resultado: dict[str, dict[str, object]] = {}
    for nombre, opciones in estrategias.items():
        textos = [generar(semilla=int(s), **opciones) for s in semillas]
        nuevos = [t[len(inicio):] if inicio and t.startswith(inicio) else t for t in textos]
        medidas = [medir_texto(t, conocidas) for t in nuevos]
        fila: dict[str, object] = {clave: sum(m[clave] for m in medidas) / len(medidas)
                                   for clave in medidas[0]}
        fila["ejemplo"] = textos[0]
        resultado[nombre] = fila
    return resultado
