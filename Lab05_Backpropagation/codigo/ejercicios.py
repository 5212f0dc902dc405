"""Autocomprobaciones de los ejercicios del Lab05 (escriben ✅ o ❌ con una pista).

Nunca lanzan una excepción por una respuesta mala: devuelven ``True`` o ``False``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import informar

from .comprobacion_gradientes import comprobar_gradiente_capa
from .valor import Valor

__all__ = [
    "comprobar_regla_cadena",
    "comprobar_gradientes_a_mano",
    "comprobar_operacion_seno",
    "comprobar_backward_densa",
    "comprobar_capa_escala",
]


def comprobar_regla_cadena(respuesta: float) -> bool:
    """Ejercicio 1: derivada de ``y = (3x + 1)²`` en ``x = 2``."""
    try:
        ok = bool(np.isclose(float(respuesta), 42.0))
    except (TypeError, ValueError):
        return informar(False, "", "La respuesta debe ser un número.")
    return informar(
        ok,
        "dy/dx = 2·(3x + 1) · 3 = 2·7·3 = 42. La derivada de fuera por la de dentro.",
        "Llama u = 3x + 1. Entonces y = u², dy/du = 2u y du/dx = 3; multiplica las dos "
        "derivadas evaluadas en x = 2.",
    )


def comprobar_gradientes_a_mano(respuestas: dict[str, float]) -> bool:
    """Ejercicio 2: gradientes de ``L = ((x + y)·z)²`` en ``x = 3, y = −1, z = −2``."""
    solucion = {"x": 16.0, "y": 16.0, "z": -16.0}
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario {'x': ..., 'y': ..., 'z': ...}.")
    faltan = [k for k in solucion if k not in respuestas]
    if faltan:
        return informar(False, "", f"Faltan los gradientes de: {', '.join(faltan)}.")
    try:
        malas = [k for k in solucion if not np.isclose(float(respuestas[k]), solucion[k])]
    except (TypeError, ValueError):
        return informar(False, "", "Cada gradiente debe ser un número.")
    return informar(
        not malas,
        "q = 2, s = −4, L = 16; ∂L/∂s = 2s = −8, ∂L/∂q = −8·z = 16, ∂L/∂z = −8·q = −16 "
        "y la suma reparte 16 a x y a y.",
        f"Revisa {', '.join(malas)}. Ve de la salida hacia atrás: primero ∂L/∂s = 2s, luego "
        "∂L/∂q = ∂L/∂s · z y ∂L/∂z = ∂L/∂s · q; una suma copia su gradiente a las dos entradas.",
    )


def comprobar_operacion_seno(funcion: Callable[[Valor], Valor]) -> bool:
    """Ejercicio 3: ``funcion(v)`` debe devolver un ``Valor`` con ``sin(v)`` y su derivada local."""
    puntos = [-2.0, -0.3, 0.0, 0.9, 2.5]
    try:
        for x in puntos:
            a, b = Valor(x), Valor(1.5)
            resultado = funcion(a * b)
            if not isinstance(resultado, Valor):
                return informar(False, "", "La función debe devolver un Valor (no un float).")
            salida = resultado + a  # la operación nueva dentro de un grafo mayor
            salida.backward()
            esperado_a = math.cos(1.5 * x) * 1.5 + 1.0
            esperado_b = math.cos(1.5 * x) * x
            if not math.isclose(salida.dato, math.sin(1.5 * x) + x, rel_tol=1e-9, abs_tol=1e-12):
                return informar(False, "", f"El valor no es sin(x): revisa el dato en x = {1.5 * x:g}.")
            if not (math.isclose(a.grad, esperado_a, rel_tol=1e-9, abs_tol=1e-12)
                    and math.isclose(b.grad, esperado_b, rel_tol=1e-9, abs_tol=1e-12)):
                return informar(
                    False, "",
                    "El valor es correcto pero el gradiente no. Crea el resultado con "
                    "Valor(math.sin(v.dato), hijos=(v,), operacion='sin', "
                    "derivadas_locales=(math.cos(v.dato),)).",
                )
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    return informar(
        True,
        "basta con guardar la derivada local cos(x): backward hace el resto con la regla de la cadena.",
        "",
    )


def comprobar_backward_densa(
    funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]
) -> bool:
    """Ejercicio 4: ``funcion(x, W, g)`` debe devolver ``(∂L/∂x, ∂L/∂W, ∂L/∂b)`` de ``y = x @ W + b``."""
    rng = np.random.default_rng(0)
    x, W, g = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    esperado = (g @ W.T, x.T @ g, g.sum(axis=0))
    nombres = ("∂L/∂x", "∂L/∂W", "∂L/∂b")
    try:
        obtenido = tuple(np.asarray(v, dtype=float) for v in funcion(x, W, g))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(
            False, "",
            f"Tu función lanzó {type(error).__name__}: {error}. Se probó con x {x.shape}, "
            f"W {W.shape} y g {g.shape}: si falla un producto, mira qué formas tienen que cuadrar.",
        )
    if len(obtenido) != 3:
        return informar(False, "", "Devuelve tres arreglos: (dx, dW, db).")
    for nombre, o, e in zip(nombres, obtenido, esperado):
        if o.shape != e.shape:
            return informar(
                False, "",
                f"{nombre} debe tener forma {e.shape} (la de su variable), la tuya tiene {o.shape}. "
                "Elige la única multiplicación de matrices cuyas formas cuadren.",
            )
        if not np.allclose(o, e, rtol=1e-10, atol=1e-12):
            return informar(False, "", f"{nombre} tiene la forma correcta pero no los valores. "
                            "Recuerda: dx = g @ Wᵀ, dW = xᵀ @ g, db = suma de g sobre el lote.")
    return informar(True, "dx = g @ Wᵀ, dW = xᵀ @ g y db = Σₙ g: las formas te guían.", "")


def comprobar_capa_escala(clase: type) -> bool:
    """Ejercicio 5: ``clase(n_rasgos)`` es una capa ``y = x * a`` con un parámetro ``a`` ``(n_rasgos,)``."""
    try:
        capa: Any = clase(4)
        parametros = list(capa.parameters())
        if len(parametros) != 1 or np.shape(parametros[0].datos) != (4,):
            return informar(False, "", "La capa debe tener un solo Parametro a de forma (n_rasgos,).")
        parametros[0].datos = np.array([0.5, -1.0, 2.0, 1.5])
        x = np.random.default_rng(1).normal(size=(6, 4))
        y = np.asarray(capa.forward(x))
        if y.shape != x.shape or not np.allclose(y, x * parametros[0].datos):
            return informar(False, "", "forward debe devolver x * a (a se difunde por cada fila).")
        errores = comprobar_gradiente_capa(capa, x, semilla=0)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu capa lanzó {type(error).__name__}: {error}")
    malos = [k for k, e in errores.items() if not e < 1e-6]
    return informar(
        not malos,
        "backward pasa la comprobación numérica: ∂L/∂x = g * a y ∂L/∂a = Σₙ g * x.",
        f"Falla el gradiente de: {', '.join(malos)}. ∂L/∂x = g * a; para a, cada fila aporta "
        "g * x y hay que sumar sobre el lote (axis=0), acumulando con +=.",
    )

