"""Autocomprobaciones de los ejercicios del Lab05 (escriben ✅, ❌ con una pista, o ⏳ si falta).

Cada una reconoce los errores típicos de su ejercicio y los nombra. Nunca lanzan una excepción
por una respuesta mala: devuelven ``True`` o ``False``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar
from Lab02_Primera_Red_Neuronal.codigo import Parametro

from .capa_densa import CapaDensa
from .comprobacion_gradientes import (
    TOLERANCIA_GRADIENTE,
    comprobar_gradiente_capa,
    error_relativo,
    gradiente_numerico,
)
from .valor import Valor

__all__ = [
    "comprobar_regla_cadena",
    "comprobar_gradientes_a_mano",
    "comprobar_formas_gradientes_densa",
    "comprobar_operacion_seno",
    "comprobar_backward_densa",
    "comprobar_mi_gradiente_numerico",
    "comprobar_capa_escala",
]


def _cerca(a: Any, b: float) -> bool:
    return bool(np.isclose(float(a), b, rtol=1e-9, atol=1e-9))


@autocomprobacion
def comprobar_regla_cadena(respuesta: float) -> bool:
    """Ejercicio 1: derivada de ``y = (3x + 1)²`` en ``x = 2`` (es 42)."""
    try:
        valor = float(respuesta)
    except (TypeError, ValueError):
        return informar(False, "", "La respuesta debe ser un número.")
    errores = {
        14.0: "Olvidaste la derivada de dentro: dy/du = 2u = 14, pero falta multiplicar por du/dx = 3.",
        49.0: "Ése es el valor de y = 7², no su derivada.",
        21.0: "Falta el 2 de la potencia: la derivada de u² es 2u, no u.",
        36.0: "Olvidaste el «+ 1» al calcular u: en x = 2, u = 3·2 + 1 = 7.",
    }
    for numero, pista in errores.items():
        if _cerca(valor, numero):
            return informar(False, "", pista)
    return informar(
        _cerca(valor, 42.0),
        "dy/dx = 2·(3x + 1) · 3 = 2·7·3 = 42. La derivada de fuera por la de dentro.",
        "Llama u = 3x + 1. Entonces y = u², dy/du = 2u y du/dx = 3; multiplica las dos "
        "derivadas evaluadas en x = 2.",
    )


@autocomprobacion
def comprobar_gradientes_a_mano(respuestas: dict[str, float]) -> bool:
    """Ejercicio 2: gradientes de ``L = ((x + y)·z)²`` en ``x = 3, y = −1, z = −2``."""
    solucion = {"x": 16.0, "y": 16.0, "z": -16.0}
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario {'x': ..., 'y': ..., 'z': ...}.")
    faltan = [k for k in solucion if k not in respuestas]
    if faltan:
        return informar(False, "", f"Faltan los gradientes de: {', '.join(faltan)}.")
    try:
        r = {k: float(respuestas[k]) for k in solucion}
    except (TypeError, ValueError):
        return informar(False, "", "Cada gradiente debe ser un número.")
    if _cerca(r["x"], -8.0) or _cerca(r["y"], -8.0):
        return informar(False, "", "Te paraste en ∂L/∂s = 2s = −8: falta multiplicar por ∂s/∂q = z "
                        "para llegar a q, y de ahí a x e y.")
    if _cerca(r["x"], 8.0) and _cerca(r["z"], -8.0):
        return informar(False, "", "Falta el 2 de la potencia: ∂L/∂s = 2s = −8, no s = −4.")
    if not _cerca(r["x"], r["y"]):
        return informar(False, "", "∂L/∂x y ∂L/∂y deben ser iguales: la suma q = x + y reparte su "
                        "gradiente sin cambiarlo a las dos entradas.")
    if _cerca(r["z"], 16.0):
        return informar(False, "", "Revisa el signo de z: ∂L/∂z = ∂L/∂s · q = (−8)·2 = −16.")
    malas = [k for k in solucion if not _cerca(r[k], solucion[k])]
    return informar(
        not malas,
        "q = 2, s = −4, L = 16; ∂L/∂s = 2s = −8, ∂L/∂q = −8·z = 16, ∂L/∂z = −8·q = −16 "
        "y la suma reparte 16 a x y a y.",
        f"Revisa {', '.join(malas)}. Ve de la salida hacia atrás: primero ∂L/∂s = 2s, luego "
        "∂L/∂q = ∂L/∂s · z y ∂L/∂z = ∂L/∂s · q; una suma copia su gradiente a las dos entradas.",
    )


def _forma(valor: Any) -> tuple[int, ...] | None:
    try:
        if isinstance(valor, (int, np.integer)):
            return (int(valor),)
        return tuple(int(v) for v in valor)
    except (TypeError, ValueError):
        return None


@autocomprobacion
def comprobar_formas_gradientes_densa(formas: dict[str, tuple[int, ...]]) -> bool:
    """Ejercicio 3 (predice): formas de ∂L/∂W, ∂L/∂b y ∂L/∂X de ``CapaDensa(7, 5)`` con un lote de 16.

    Lo comprueba ejecutando de verdad ``forward`` y ``backward``.
    """
    capa = CapaDensa(7, 5, semilla=0)
    rng = np.random.default_rng(0)
    capa.forward(rng.normal(size=(16, 7)))
    dX = capa.backward(rng.normal(size=(16, 5)))
    reales = {"dW": capa.W.grad.shape, "db": capa.b.grad.shape, "dX": dX.shape}
    if not isinstance(formas, dict):
        return informar(False, "", "Responde con un diccionario {'dW': (...), 'db': (...), 'dX': (...)}.")
    faltan = [k for k in reales if k not in formas]
    if faltan:
        return informar(False, "", f"Faltan las formas de: {', '.join(faltan)}.")
    tuyas = {k: _forma(formas[k]) for k in reales}
    if any(v is None for v in tuyas.values()):
        return informar(False, "", "Cada forma es una tupla de enteros, por ejemplo (3, 2) o (4,).")
    if tuyas["dW"] == (5, 7):
        return informar(False, "", "∂L/∂W salió traspuesta: tiene la forma de W, (n_entradas, n_salidas) "
                        "= (7, 5), porque es xᵀ @ g.")
    if 16 in tuyas["dW"]:
        return informar(False, "", "∂L/∂W no depende del tamaño del lote: xᵀ @ g suma las "
                        "contribuciones de los 16 ejemplos y queda con la forma de W.")
    if tuyas["db"] == (1, 5):
        return informar(False, "", "∂L/∂b es (5,), no (1, 5): b es un vector y su gradiente tiene su forma.")
    if tuyas["db"] == (16, 5):
        return informar(False, "", "∂L/∂b tiene la forma de b, (5,): se suma g sobre el lote (axis=0).")
    if tuyas["dX"] == (16, 5):
        return informar(False, "", "(16, 5) es la forma de la salida Y (y de g); ∂L/∂X tiene la forma "
                        "de la entrada X.")
    malas = [k for k in reales if tuyas[k] != reales[k]]
    return informar(
        not malas,
        "dW (7, 5) como W, db (5,) como b y dX (16, 7) como X: cada gradiente tiene la forma de "
        "su variable.",
        f"Revisa {', '.join(malas)}. Regla: cada gradiente tiene la forma de la variable respecto "
        "a la que se deriva.",
    )


@autocomprobacion
def comprobar_operacion_seno(funcion: Callable[[Valor], Valor]) -> bool:
    """Ejercicio 4: ``funcion(v)`` debe devolver un ``Valor`` con ``sin(v)`` y su derivada local."""
    for x in [-2.0, -0.3, 0.0, 0.9, 2.5]:
        a, b = Valor(x), Valor(1.5)
        resultado = funcion(a * b)
        if not isinstance(resultado, Valor):
            return informar(False, "", "La función debe devolver un Valor (no un float).")
        salida = resultado + a  # la operación nueva dentro de un grafo mayor
        salida.backward()
        u = 1.5 * x
        if not math.isclose(salida.dato, math.sin(u) + x, rel_tol=1e-9, abs_tol=1e-12):
            return informar(False, "", f"El valor no es sin(x): revisa el dato en x = {u:g}.")

        def grad_a_con(local: float) -> float:
            return local * 1.5 + 1.0  # ∂salida/∂a = derivada local · 1.5 + 1

        if math.isclose(a.grad, grad_a_con(math.cos(u)), rel_tol=1e-9, abs_tol=1e-12):
            continue
        if not resultado.hijos or math.isclose(a.grad, 1.0, rel_tol=1e-9, abs_tol=1e-12):
            return informar(False, "", "El valor es correcto pero el gradiente no llega a la entrada: "
                            "el nodo necesita hijos=(v,) y derivadas_locales=(math.cos(v.dato),).")
        if math.isclose(a.grad, grad_a_con(math.sin(u)), rel_tol=1e-9, abs_tol=1e-12):
            return informar(False, "", "Pusiste sin(x) como derivada local: la derivada de sin es cos.")
        if math.isclose(a.grad, grad_a_con(-math.cos(u)), rel_tol=1e-9, abs_tol=1e-12):
            return informar(False, "", "Revisa el signo: la derivada de sin es +cos (la de cos es −sin).")
        return informar(
            False, "",
            "El valor es correcto pero el gradiente no. Crea el resultado con "
            "Valor(math.sin(v.dato), hijos=(v,), operacion='sin', "
            "derivadas_locales=(math.cos(v.dato),)).",
        )
    return informar(
        True,
        "basta con guardar la derivada local cos(x): backward hace el resto con la regla de la cadena.",
        "",
    )


_NOMBRES_DENSA = ("∂L/∂x", "∂L/∂W", "∂L/∂b")


def _diagnostico_densa(obtenido: tuple[np.ndarray, ...], x: np.ndarray, W: np.ndarray,
                       g: np.ndarray) -> str | None:
    """``None`` si los tres gradientes son correctos; si no, la pista que nombra el error."""
    esperado = (g @ W.T, x.T @ g, g.sum(axis=0))
    dx, dW, db = obtenido
    if db.shape == (1, g.shape[1]):
        return (f"∂L/∂b tiene forma {db.shape}: sobra un eje (¿keepdims=True?). b es un vector "
                f"({g.shape[1]},) y su gradiente, también.")
    if db.shape == g.shape:
        return "∂L/∂b tiene la forma de g: falta sumar sobre el lote, db = g.sum(axis=0)."
    for nombre, o, e in zip(_NOMBRES_DENSA, obtenido, esperado):
        if o.shape != e.shape:
            return (f"{nombre} debe tener forma {e.shape} (la de su variable), la tuya tiene {o.shape}. "
                    "Elige la única multiplicación de matrices cuyas formas cuadren.")
    cuadrada = W.shape[0] == W.shape[1]
    if cuadrada and np.allclose(dx, g @ W):
        return "∂L/∂x: falta la traspuesta. Es g @ Wᵀ (con W cuadrada, g @ W también cuadra, pero está mal)."
    if cuadrada and np.allclose(dW, esperado[1].T) and not np.allclose(dW, esperado[1]):
        return "∂L/∂W salió traspuesta: es xᵀ @ g (de forma (F_ent, F_sal)), no gᵀ @ x."
    if np.allclose(dW, esperado[1] / len(x)):
        return "∂L/∂W está dividido por N: no promedies, la media sobre el lote ya la hizo la pérdida."
    if np.allclose(db, g.mean(axis=0)):
        return ("∂L/∂b es la media de g y debe ser la suma: b se usó en cada fila, así que su "
                "gradiente suma todas; la media ya la hizo la pérdida.")
    for nombre, o, e in zip(_NOMBRES_DENSA, obtenido, esperado):
        if not np.allclose(o, e, rtol=1e-10, atol=1e-12):
            return (f"{nombre} tiene la forma correcta pero no los valores. "
                    "Recuerda: dx = g @ Wᵀ, dW = xᵀ @ g, db = suma de g sobre el lote.")
    return None


@autocomprobacion
def comprobar_backward_densa(
    funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]
) -> bool:
    """Ejercicio 5: ``funcion(x, W, g)`` debe devolver ``(∂L/∂x, ∂L/∂W, ∂L/∂b)`` de ``y = x @ W + b``.

    Se prueba primero con ``W`` cuadrada (donde olvidar una traspuesta no rompe las formas) y
    después con ``W`` rectangular, sobre entradas aleatorias nuevas.
    """
    rng = np.random.default_rng(7)
    for n, f_ent, f_sal in [(5, 4, 4), (6, 3, 2)]:
        x, W, g = rng.normal(size=(n, f_ent)), rng.normal(size=(f_ent, f_sal)), rng.normal(size=(n, f_sal))
        try:
            resultado = funcion(x.copy(), W.copy(), g.copy())
        except (ValueError, IndexError) as error:
            return informar(
                False, "",
                f"Tu función lanzó {type(error).__name__}: {error}. Se probó con x {x.shape}, "
                f"W {W.shape} y g {g.shape}: si falla un producto, mira qué formas tienen que cuadrar.",
            )
        if not isinstance(resultado, (tuple, list)) or len(resultado) != 3:
            return informar(False, "", "Devuelve tres arreglos: (dx, dW, db).")
        obtenido = tuple(np.asarray(v, dtype=float) for v in resultado)
        pista = _diagnostico_densa(obtenido, x, W, g)
        if pista is not None:
            return informar(False, "", pista)
    return informar(True, "dx = g @ Wᵀ, dW = xᵀ @ g y db = Σₙ g: las formas te guían.", "")


def _f_prueba_numerica(v: np.ndarray) -> float:
    return float(np.sum(np.exp(v) * np.sin(2 * v)) + np.prod(v[0]))


@autocomprobacion
def comprobar_mi_gradiente_numerico(
    funcion: Callable[[Callable[[np.ndarray], float], np.ndarray, float], np.ndarray]
) -> bool:
    """Ejercicio 6: ``funcion(f, x, epsilon)`` debe aproximar ∂f/∂x por diferencias centrales.

    Se compara con ``gradiente_numerico`` de este laboratorio en un ``x`` aleatorio de forma
    ``(3, 2)``, con ``epsilon = 1e-3`` (grande a propósito: así se distingue la diferencia
    central de la diferencia hacia delante).
    """
    x = np.random.default_rng(11).normal(size=(3, 2))
    copia = x.copy()
    epsilon = 1e-3
    resultado = funcion(_f_prueba_numerica, x, epsilon)
    if not np.allclose(x, copia, rtol=0, atol=1e-12):
        return informar(False, "", "Tu función cambió x: trabaja sobre una copia (x.copy()) o devuelve "
                        "cada elemento a su valor original después de perturbarlo.")
    obtenido = np.asarray(resultado, dtype=float)
    if obtenido.shape != x.shape:
        return informar(False, "", f"El gradiente debe tener la forma de x, {x.shape}; el tuyo tiene "
                        f"{obtenido.shape}.")
    central = gradiente_numerico(_f_prueba_numerica, x, epsilon)
    if error_relativo(obtenido, central) < 1e-8:
        return informar(True, "(f(x + ε·eᵢ) − f(x − ε·eᵢ)) / 2ε, un elemento cada vez y sobre una copia.", "")
    if error_relativo(obtenido, 2 * central) < 1e-8:
        return informar(False, "", "Tu resultado es el doble del correcto: la diferencia central "
                        "divide entre 2ε, no entre ε.")
    f0 = _f_prueba_numerica(x)
    adelante = np.zeros_like(x)
    for indice in np.ndindex(x.shape):
        mas = x.copy()
        mas[indice] += epsilon
        adelante[indice] = (_f_prueba_numerica(mas) - f0) / epsilon
    if error_relativo(obtenido, adelante) < 1e-8:
        return informar(False, "", "Usaste la diferencia hacia delante, (f(x + ε) − f(x)) / ε, con error "
                        "∝ ε. La central, (f(x + ε) − f(x − ε)) / 2ε, tiene error ∝ ε².")
    todo_a_la_vez = (_f_prueba_numerica(x + epsilon) - _f_prueba_numerica(x - epsilon)) / (2 * epsilon)
    if np.allclose(obtenido, todo_a_la_vez, rtol=1e-8, atol=1e-12):
        return informar(False, "", "Perturbaste todos los elementos a la vez (x + ε): hay que mover un "
                        "solo elemento cada vez, x + ε·eᵢ, para obtener cada derivada parcial.")
    return informar(False, "", "El resultado no coincide con la diferencia central. Para cada posición "
                    "i: copia x, suma ε en i y evalúa f; resta ε en i y evalúa f; divide la diferencia "
                    "entre 2ε.")


@autocomprobacion
def comprobar_capa_escala(clase: type) -> bool:
    """Ejercicio 7: ``clase(n_rasgos)`` es una capa ``y = x * a`` con un parámetro ``a`` ``(n_rasgos,)``.

    Llama dos veces a ``forward`` + ``backward`` sin ``zero_grad`` en medio: un ``backward`` que
    asigna (``=``) en lugar de acumular (``+=``) se descubre porque ``a.grad`` no se duplica.
    """
    capa: Any = clase(4)
    parametros = list(capa.parameters())
    if not parametros:
        return informar(False, "", "La capa no tiene parámetros: guarda a como Parametro(...) en un "
                        "atributo (self.a = Parametro(...)); Capa lo encuentra sola.")
    if len(parametros) != 1 or not isinstance(parametros[0], Parametro) or parametros[0].datos.shape != (4,):
        return informar(False, "", "La capa debe tener un solo Parametro a de forma (n_rasgos,).")
    a = parametros[0]
    a.datos = np.array([0.5, -1.0, 2.0, 1.5])
    rng = np.random.default_rng(1)
    x, g = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    y = np.asarray(capa.forward(x))
    if y.shape != x.shape or not np.allclose(y, x * a.datos):
        return informar(False, "", "forward debe devolver x * a (a se difunde por cada fila).")
    esperado_a, esperado_x = (g * x).sum(axis=0), g * a.datos
    capa.zero_grad()
    try:
        dx = np.asarray(capa.backward(g))
    except ValueError as error:
        if "broadcast" in str(error):
            return informar(False, "", "a.grad tiene forma (4,) y le sumas un arreglo (6, 4): falta sumar "
                            "sobre el lote, (grad * x).sum(axis=0).")
        raise
    if np.shape(a.grad) != (4,):
        return informar(False, "", f"a.grad debe tener la forma de a, (4,), y tiene {np.shape(a.grad)}: "
                        "suma sobre el lote (axis=0).")
    if dx.shape != x.shape or not np.allclose(dx, esperado_x):
        if dx.shape == x.shape and np.allclose(dx, g):
            return informar(False, "", "backward devuelve g tal cual: ∂L/∂x = g * a (la regla del producto).")
        return informar(False, "", "backward debe devolver ∂L/∂x = g * a.")
    if np.allclose(a.grad, esperado_a / len(x)):
        return informar(False, "", "a.grad es la media sobre el lote y debe ser la suma: cada fila aporta "
                        "g * x y se suman todas (axis=0).")
    if not np.allclose(a.grad, esperado_a):
        return informar(False, "", "a.grad no es Σₙ g * x: cada fila aporta g * x y se suman todas.")
    capa.forward(x)
    capa.backward(g)
    if np.allclose(a.grad, esperado_a):
        return informar(False, "", "Tras dos forward + backward sin zero_grad(), a.grad no se duplicó: "
                        "asignaste con «=» y hay que acumular con «+=» (a.grad += ...), como hace "
                        "CapaDensa.")
    if not np.allclose(a.grad, 2 * esperado_a):
        return informar(False, "", "Tras dos backward, a.grad debe valer el doble: acumula con += lo "
                        "que aporta cada llamada.")
    errores = comprobar_gradiente_capa(capa, x, semilla=0)
    malos = [k for k, e in errores.items() if not e < TOLERANCIA_GRADIENTE]
    return informar(
        not malos,
        "backward acumula y pasa la comprobación numérica: ∂L/∂x = g * a y ∂L/∂a = Σₙ g * x.",
        f"Falla la comprobación numérica de: {', '.join(malos)}.",
    )
