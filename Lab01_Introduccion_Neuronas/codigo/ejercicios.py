"""Autocomprobaciones de los ejercicios del Lab01.

Cada ``comprobar_...`` recibe la respuesta del estudiante, la compara con la
solución y escribe un mensaje: ✅ si es correcta o ❌ con una pista si no.
Devuelve ``True`` o ``False`` y nunca lanza una excepción por una respuesta mala.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .neurona import Neurona, escalon
from .perceptron import datos_compuerta

__all__ = [
    "informar",
    "comprobar_suma_ponderada",
    "comprobar_neurona_compuerta",
    "comprobar_capa_vectorizada",
    "comprobar_separabilidad",
]


def informar(correcto: bool, exito: str, pista: str) -> bool:
    """Escribe ``✅ exito`` o ``❌ pista`` y devuelve ``correcto``. Lo reutilizan todos los labs."""
    print(f"✅ Correcto: {exito}" if correcto else f"❌ Todavía no. {pista}")
    return bool(correcto)


def comprobar_suma_ponderada(respuesta: float) -> bool:
    """Ejercicio 1: ``z`` para ``x = [2, -1, 3]``, ``w = [0.5, 2, -1]``, ``b = 1``."""
    z = 2 * 0.5 + (-1) * 2 + 3 * (-1) + 1
    try:
        ok = bool(np.isclose(float(respuesta), z))
    except (TypeError, ValueError):
        return informar(False, "", "La respuesta debe ser un número.")
    return informar(
        ok,
        f"z = 2·0.5 + (−1)·2 + 3·(−1) + 1 = {z:g}.",
        "Multiplica cada entrada por su peso, suma los tres productos y añade el sesgo al final.",
    )


def comprobar_neurona_compuerta(neurona: Neurona, compuerta: str) -> bool:
    """Ejercicio 2: ¿reproduce ``neurona`` la tabla de verdad de ``compuerta``?"""
    X, y = datos_compuerta(compuerta)
    if not isinstance(neurona, Neurona):
        return informar(False, "", "Crea la neurona con Neurona(pesos=[...], sesgo=...).")
    if neurona.n_entradas != 2:
        return informar(False, "", "Una puerta lógica tiene 2 entradas: usa 2 pesos.")
    salida = np.asarray(neurona.forward(X))
    fallos = [tuple(int(v) for v in X[i]) for i in range(4) if salida[i] != y[i]]
    return informar(
        not fallos,
        f"la neurona calcula {compuerta.upper()} en las cuatro entradas.",
        f"Falla en las entradas {fallos}. Recuerda: la salida es 1 cuando w·x + b ≥ 0; "
        "ajusta el sesgo para mover la recta.",
    )


def comprobar_capa_vectorizada(funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(X, W, b)`` debe devolver ``escalon(X @ W + b)`` para un lote."""
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(7, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    esperado = escalon(X @ W + b)
    try:
        obtenido = np.asarray(funcion(X, W, b))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    if obtenido.shape != esperado.shape:
        return informar(
            False, "",
            f"La salida debe tener forma {esperado.shape} (N ejemplos × M neuronas); "
            f"la tuya tiene {obtenido.shape}. ¿Usaste X @ W?",
        )
    return informar(
        bool(np.array_equal(obtenido, esperado)),
        "una sola multiplicación de matrices calcula todas las neuronas para todos los ejemplos.",
        "Las formas cuadran pero los valores no: calcula X @ W + b y aplica escalon().",
    )


def comprobar_separabilidad(respuestas: dict[str, bool]) -> bool:
    """Ejercicio 4: ¿qué puertas (AND, OR, NAND, XOR) son linealmente separables?"""
    solucion = {"AND": True, "OR": True, "NAND": True, "XOR": False}
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario, p. ej. {'AND': True, ...}.")
    normalizadas = {str(k).upper(): v for k, v in respuestas.items()}
    faltan = [k for k in solucion if k not in normalizadas]
    if faltan:
        return informar(False, "", f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = [k for k in solucion if bool(normalizadas[k]) != solucion[k]]
    return informar(
        not malas,
        "sólo XOR necesita más de una recta: por eso un perceptrón no puede aprenderla.",
        f"Revisa {', '.join(malas)}: dibuja los cuatro puntos y busca una recta que separe "
        "los unos de los ceros.",
    )
