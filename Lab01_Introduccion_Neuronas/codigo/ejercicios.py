"""Autocomprobaciones de los ejercicios del Lab01, y el mecanismo que usan todos los labs.

Cada ``comprobar_...`` recibe la respuesta del estudiante, la compara con la
solución y escribe un mensaje: ✅ si es correcta, ❌ con una pista que nombra el error
típico si no, o ⏳ si el ejercicio aún está sin hacer. Devuelve ``True`` o ``False`` y
nunca lanza una excepción por una respuesta mala.

En la versión del estudiante (``practica_estudiante.ipynb``) cada solución se sustituye por
``# TU CÓDIGO AQUÍ`` y un valor de relleno: las variables valen ``None`` y las funciones lanzan
``NotImplementedError``. El decorador ``autocomprobacion`` reconoce ambos y dice que el ejercicio
está sin hacer, sin mostrar ningún *traceback*.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from .neurona import Neurona, escalon, sigmoide
from .perceptron import COMPUERTAS, datos_compuerta, paso_perceptron

__all__ = [
    "MENSAJE_SIN_HACER",
    "autocomprobacion",
    "informar",
    "sin_hacer",
    "fallo",
    "respuesta_entera",
    "respuesta_real",
    "respuesta_forma",
    "respuesta_arreglo",
    "comprobar_suma_ponderada",
    "comprobar_formas_capa",
    "comprobar_neurona_compuerta",
    "comprobar_capa_vectorizada",
    "comprobar_paso_perceptron",
    "comprobar_separabilidad",
]


MENSAJE_SIN_HACER = ("⏳ Ejercicio sin hacer: escribe tu solución donde pone «# TU CÓDIGO AQUÍ» "
                     "y vuelve a ejecutar la celda.")

_F = TypeVar("_F", bound=Callable[..., bool])


def informar(correcto: bool, exito: str, pista: str) -> bool:
    """Escribe ``✅ exito`` o ``❌ pista`` y devuelve ``correcto``. Lo reutilizan todos los labs."""
    print(f"✅ Correcto: {exito}" if correcto else f"❌ Todavía no. {pista}")
    return bool(correcto)


def sin_hacer() -> bool:
    """Escribe ``MENSAJE_SIN_HACER`` y devuelve ``False``."""
    print(MENSAJE_SIN_HACER)
    return False


def _es_relleno(valor: Any) -> bool:
    return valor is None or valor is Ellipsis


def autocomprobacion(comprobar: _F) -> _F:
    """Decora un ``comprobar_...``: si alguna respuesta es el relleno (``None``) o el código del
    estudiante lanza ``NotImplementedError``, dice que el ejercicio está sin hacer; si el código del
    estudiante lanza otro error, lo cuenta en una línea (sin *traceback*) y devuelve ``False``."""

    @functools.wraps(comprobar)
    def envoltura(*args: Any, **kwargs: Any) -> bool:
        if any(_es_relleno(v) for v in (*args, *kwargs.values())):
            return sin_hacer()
        try:
            return bool(comprobar(*args, **kwargs))
        except NotImplementedError:
            return sin_hacer()
        except Exception as error:  # el código del estudiante puede fallar de cualquier forma
            return informar(False, "", f"Tu código lanzó {type(error).__name__}: {error}")

    return envoltura  # type: ignore[return-value]


def fallo(pista: str) -> bool:
    """``informar(False, "", pista)``: escribe ``❌ Todavía no.`` con la pista y devuelve ``False``."""
    return informar(False, "", pista)


_mal = fallo


# --- Leer la respuesta de quien estudia sin fiarse de su tipo (para las autocomprobaciones) ------
def respuesta_entera(valor: object) -> int | None:
    """``valor`` como entero si lo es (``3`` o ``3.0``; no ``True`` ni ``3.5``); si no, ``None``."""
    numero = respuesta_real(valor)
    if numero is None or numero != int(numero):
        return None
    return int(numero)


def respuesta_real(valor: object) -> float | None:
    """``valor`` como número real finito (no un booleano); si no, ``None``."""
    if isinstance(valor, (bool, np.bool_)):
        return None
    try:
        numero = float(valor)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return numero if math.isfinite(numero) else None


def respuesta_forma(respuesta: object) -> tuple[int, ...] | None:
    """Una forma ``(3, 4)`` (tupla, lista o arreglo de enteros); un texto u otra cosa → ``None``."""
    if isinstance(respuesta, (str, bytes)):
        return None
    try:
        partes = list(respuesta)  # type: ignore[call-overload]
    except TypeError:
        return None
    enteros = [respuesta_entera(p) for p in partes]
    return None if any(e is None for e in enteros) else tuple(enteros)  # type: ignore[misc]


def respuesta_arreglo(resultado: Any, que: str) -> np.ndarray | str:
    """``resultado`` (arreglo, lista o tensor de PyTorch) como arreglo de floats, o el mensaje
    que dice qué se esperaba (``que``: «la salida», «las probabilidades»…)."""
    if hasattr(resultado, "detach"):  # un tensor de PyTorch
        resultado = resultado.detach().cpu().numpy()
    try:
        return np.asarray(resultado, dtype=float)
    except (TypeError, ValueError):
        return f"Devuelve {que}: un arreglo de NumPy de números; se recibió {type(resultado).__name__}."


# --- Ejercicio 1 · predecir una suma ponderada ------------------------------------------------
@autocomprobacion
def comprobar_suma_ponderada(respuesta: float) -> bool:
    """Ejercicio 1: ``z`` para ``x = [2, -1, 3]``, ``w = [0.5, 2, -1]``, ``b = 1`` (vale −3)."""
    x, w, b = np.array([2.0, -1.0, 3.0]), np.array([0.5, 2.0, -1.0]), 1.0
    productos = x * w  # (1, −2, −3)
    z = float(productos.sum() + b)
    arreglo = np.asarray(respuesta, dtype=object)
    if arreglo.ndim > 0:
        return informar(
            False, "",
            f"Has dado {arreglo.size} números: x * w multiplica elemento a elemento y da un vector de "
            "productos. Falta sumarlos (eso hace x @ w) y añadir el sesgo: z es un solo número.",
        )
    try:
        valor = float(respuesta)
    except (TypeError, ValueError):
        return _mal("La respuesta debe ser un número.")
    sin_sesgo = float(productos.sum())
    if np.isclose(valor, z):
        return informar(True, f"z = 2·0.5 + (−1)·2 + 3·(−1) + 1 = 1 − 2 − 3 + 1 = {z:g}.", "")
    if np.isclose(valor, sin_sesgo):
        return _mal(f"{valor:g} es w·x sin el sesgo: olvidaste sumar b = 1 al final.")
    if np.isclose(valor, sin_sesgo - b):
        return _mal("Restaste el sesgo: z = w·x + b, y aquí b = +1 se suma.")
    if np.isclose(valor, 0.0):
        return _mal("0 sería la salida del escalón (porque z < 0); se pide z, la suma "
                    "ponderada antes de la activación.")
    if any(np.isclose(valor, v) for v in (1.0, 3.0, 7.0)):
        return _mal("Revisa los signos: (−1)·2 = −2 y 3·(−1) = −3 son negativos.")
    return _mal("Multiplica cada entrada por su peso, suma los tres productos y añade "
                "el sesgo al final.")


# --- Ejercicio 2 · predecir las formas de una capa ----------------------------------------------
def _forma(valor: object) -> tuple[int, ...] | None:
    try:
        return tuple(int(d) for d in valor)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None


@autocomprobacion
def comprobar_formas_capa(forma_W: tuple[int, ...], forma_salida: tuple[int, ...],
                          n_parametros: int) -> bool:
    """Ejercicio 2: lote de 8 ejemplos con 3 rasgos y una capa de 5 neuronas, con ``W`` de forma
    ``(F, M)`` (una columna por neurona, como en el cuaderno). Se espera ``(3, 5)``, ``(8, 5)`` y 20."""
    N, F, M = 8, 3, 5
    fw, fs = _forma(forma_W), _forma(forma_salida)
    if fw is None or fs is None:
        return _mal("Escribe las formas como tuplas de enteros, por ejemplo (2, 7).")
    if fw != (F, M):
        if fw == (M, F):
            pista = ("(5, 3) es la W de teoria.md, con una fila por neurona, (M, F). En este cuaderno "
                     "cada neurona es una columna de W: forma (F, M), para que X @ W funcione sin trasponer.")
        elif fw in ((N, F), (N, M)):
            pista = "W no depende del número de ejemplos N: sólo de cuántas entradas (F) y neuronas (M) hay."
        else:
            pista = "W tiene un peso por cada pareja (entrada, neurona): F filas y M columnas."
        return _mal(f"Forma de W: {pista}")
    if fs != (N, M):
        if fs == (M, N):
            pista = "está traspuesta: hay una fila por ejemplo y una columna por neurona, (N, M)."
        elif fs == (N, F):
            pista = "la salida tiene una columna por neurona (M = 5), no por rasgo de entrada."
        elif len(fs) == 1:
            pista = "cada neurona da un número para cada ejemplo: la salida tiene dos ejes, (N, M)."
        else:
            pista = "encadena las formas: (N, F) @ (F, M) → (N, M)."
        return _mal(f"Forma de la salida: {pista}")
    try:
        n = int(n_parametros)
    except (TypeError, ValueError):
        return _mal("El número de parámetros debe ser un entero.")
    if n != F * M + M:
        if n == F * M:
            pista = "olvidaste los 5 sesgos: cada neurona tiene el suyo, y también se aprende."
        elif n == F * M + 1:
            pista = "no hay un sesgo para toda la capa, sino uno por neurona (5)."
        elif n == F * M + F:
            pista = "hay un sesgo por neurona (M = 5), no por entrada (F = 3)."
        elif n in (N * F * M, N * (F * M + M)):
            pista = "los parámetros no dependen del tamaño del lote: los 8 ejemplos comparten W y b."
        else:
            pista = "cuenta los pesos de W (F·M) y súmale los sesgos de b (M)."
        return _mal(f"Número de parámetros: {pista}")
    return informar(True, "W es (3, 5), la salida (8, 5) y hay 3·5 + 5 = 20 parámetros "
                    "(15 pesos y 5 sesgos), los mismos con 8 ejemplos que con 8 millones.", "")


# --- Ejercicio 3 · elegir pesos para una puerta lógica -------------------------------------------
@autocomprobacion
def comprobar_neurona_compuerta(neurona: Neurona, compuerta: str) -> bool:
    """Ejercicio 3: ¿reproduce ``neurona`` (con escalón) la tabla de verdad de ``compuerta``?"""
    X, y = datos_compuerta(compuerta)
    nombre = str(compuerta).upper()
    if not isinstance(neurona, Neurona):
        return _mal("Crea la neurona con Neurona(pesos=[...], sesgo=...).")
    if neurona.n_entradas != 2:
        return _mal("Una puerta lógica tiene 2 entradas: usa 2 pesos.")
    if neurona.activacion is not escalon:
        return _mal(f"Tu neurona usa la activación «{neurona.nombre_activacion}»: una "
                    "puerta lógica responde 0 o 1, así que usa el escalón (la activación por defecto).")
    salida = np.asarray(neurona.forward(X))
    if np.array_equal(salida, y):
        return informar(True, f"la neurona calcula {nombre} en las cuatro entradas.", "")
    z = np.asarray(neurona.suma(X))
    puntos = [tuple(int(v) for v in X[i]) for i in range(4)]
    fallos = [puntos[i] for i in range(4) if salida[i] != y[i]]
    en_el_borde = [puntos[i] for i in range(4) if salida[i] != y[i] and np.isclose(z[i], 0.0)]
    if en_el_borde and len(en_el_borde) == len(fallos):
        return _mal(f"En {en_el_borde} z vale exactamente 0, y escalon(0) = 1: el punto "
                    "queda sobre la frontera. Mueve el sesgo para que la recta no pase por él.")
    if np.array_equal(salida, 1 - y):
        return _mal(f"Tu neurona da justo lo contrario de {nombre} en las cuatro entradas: "
                    "cambia el signo de los pesos y del sesgo (la recta es la misma, el lado se invierte).")
    otra = next((k for k, v in COMPUERTAS.items() if k != nombre and np.array_equal(salida, v)), None)
    if otra is not None:
        return _mal(f"Tu neurona calcula {otra}, no {nombre}. Falla en {fallos}.")
    if np.all(salida == salida[0]):
        return _mal(f"Tu neurona responde siempre {int(salida[0])}: la recta deja los cuatro "
                    "puntos del mismo lado. Ajusta el sesgo para moverla entre ellos.")
    return _mal(f"Falla en las entradas {fallos}. Recuerda: la salida es 1 cuando "
                "w·x + b ≥ 0; ajusta el sesgo para mover la recta.")


# --- Ejercicio 4 · una capa vectorizada ----------------------------------------------------------
@autocomprobacion
def comprobar_capa_vectorizada(funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 4: ``funcion(X, W, b)`` debe devolver ``escalon(X @ W + b)`` para un lote.

    Primero se prueba un caso cuadrado (N = F = M = 4), donde los errores típicos se ejecutan sin
    fallar y se pueden reconocer; después uno rectangular (N = 7, F = 3, M = 4)."""
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(4, 4)), rng.normal(size=(4, 4)), rng.normal(size=4)
    obtenido = np.asarray(funcion(X.copy(), W.copy(), b.copy()), dtype=float)
    esperado = escalon(X @ W + b)
    if obtenido.shape == esperado.shape and not np.allclose(obtenido, esperado):
        errores = [
            (escalon(X @ W), "Olvidaste sumar el sesgo b."),
            (escalon(X @ W.T + b), "Usaste W.T: aquí W ya tiene forma (F, M), una columna por neurona, "
                                   "así que X @ W basta (W.T sería para la W (M, F) de teoria.md)."),
            (escalon(X @ W + b.reshape(-1, 1)), "El sesgo tiene forma de columna (M, 1): así se suma "
             "b[i] a la fila i (a cada ejemplo) en lugar de b[j] a la columna j (a cada neurona). "
             "Déjalo con forma (M,)."),
            (escalon(X @ W + b).T, "Devolviste la salida traspuesta: una fila por ejemplo y una columna "
                                   "por neurona, (N, M)."),
            (escalon(X * W + b), "Usaste * (elemento a elemento) en lugar de @ (multiplicar y sumar)."),
            (X @ W + b, "Falta aplicar escalon(): devolviste z = X @ W + b, no la salida 0/1."),
            (sigmoide(X @ W + b), "Usaste la sigmoide; la capa de este ejercicio usa el escalón."),
        ]
        for candidato, pista in errores:
            if np.allclose(obtenido, candidato):
                return _mal(pista)
        if not np.all((obtenido == 0) | (obtenido == 1)):
            return _mal("La salida debe ser 0 o 1: aplica escalon() a X @ W + b.")
        return _mal("Las formas cuadran pero los valores no: calcula X @ W + b y aplica escalon().")
    X, W, b = rng.normal(size=(7, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    esperado = escalon(X @ W + b)
    try:
        obtenido = np.asarray(funcion(X.copy(), W.copy(), b.copy()), dtype=float)
    except NotImplementedError:
        raise
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return _mal(f"Con X (7, 3), W (3, 4) y b (4,) tu función lanzó {type(error).__name__}: "
                    f"{error}. ¿Trasponías W o el sesgo? Encadena las formas: (N, F) @ (F, M) → (N, M).")
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


# --- Ejercicio 5 · un paso de la regla del perceptrón --------------------------------------------
def _casos_paso() -> list[tuple[str, np.ndarray, float, np.ndarray, float, float]]:
    """(tipo, w, b, x, y, tasa): casos fijos que separan los errores típicos y otros al azar."""
    w = np.array([0.5, -1.0, 0.25])
    casos = [
        ("acierta", w, 0.2, np.array([1.0, 0.5, 2.0]), 1.0, 0.3),      # z = 0.7 → ŷ = 1 = y
        ("corta", w, 0.2, np.array([1.0, 2.0, -1.0]), 1.0, 0.3),       # z = −1.55 → ŷ = 0, y = 1
        ("pasa", w, 0.2, np.array([1.0, 0.5, 2.0]), 0.0, 0.3),         # z = 0.7 → ŷ = 1, y = 0
        ("borde", np.zeros(3), 0.0, np.array([2.0, -1.0, 1.0]), 0.0, 0.3),  # z = 0 → ŷ = 1, y = 0
    ]
    rng = np.random.default_rng(5)
    for _ in range(20):
        casos.append(("azar", rng.normal(size=4), float(rng.normal()), rng.normal(size=4),
                      float(rng.integers(0, 2)), float(rng.uniform(0.05, 1.0))))
    return casos


@autocomprobacion
def comprobar_paso_perceptron(funcion: Callable[..., tuple[np.ndarray, float]]) -> bool:
    """Ejercicio 5: ``funcion(w, b, x, y, tasa)`` devuelve ``(w_nuevo, b_nuevo)`` como ``paso_perceptron``."""
    for tipo, w, b, x, y, tasa in _casos_paso():
        w_entrada = w.copy()
        resultado = funcion(w_entrada, b, x.copy(), y, tasa)
        if not isinstance(resultado, (tuple, list)) or len(resultado) != 2:
            return _mal("Devuelve dos cosas, los pesos y el sesgo nuevos: return w_nuevo, b_nuevo.")
        w_obt = np.asarray(resultado[0], dtype=float)
        b_obt = np.asarray(resultado[1], dtype=float)
        if w_obt.shape != w.shape or b_obt.size != 1:
            return _mal(f"w_nuevo debe tener la forma de w, {w.shape}, y b_nuevo ser un número; "
                        f"recibí {w_obt.shape} y {b_obt.shape}.")
        b_obt = float(b_obt.reshape(()))
        w_esp, b_esp = paso_perceptron(w, b, x, y, tasa)
        if np.allclose(w_obt, w_esp) and np.isclose(b_obt, b_esp):
            if not np.array_equal(w_entrada, w):
                return _mal("El resultado es correcto, pero modificaste el w que recibiste "
                            "(w += ... cambia el arreglo de quien llama). Crea uno nuevo: w_nuevo = w + ...")
            continue
        z = float(x @ w + b)
        y_pred = 1.0 if z >= 0 else 0.0
        delta = y - y_pred

        def es(w_c: np.ndarray, b_c: float, w_obt: np.ndarray = w_obt, b_obt: float = b_obt) -> bool:
            return bool(np.allclose(w_obt, w_c) and np.isclose(b_obt, b_c))

        if tipo == "borde" and es(w, b):
            return _mal("Con w = 0 y b = 0, z vale 0 y escalon(0) = 1 (la condición es z ≥ 0, no "
                        "z > 0): la predicción es 1, la etiqueta 0, y había que corregir.")
        if es(w + tasa * (y - z) * x, b + tasa * (y - z)):
            return _mal("Usaste z (la suma) en lugar de ŷ = escalon(z) en el error: y − z es la "
                        "regla delta de Adaline, no la del perceptrón, y cambia los pesos aunque se acierte.")
        if delta == 0:
            return _mal("Cambiaste los pesos aunque la predicción era correcta (y − ŷ = 0): "
                        "cuando el perceptrón acierta, w y b se quedan como estaban.")
        if es(w - tasa * delta * x, b - tasa * delta):
            return _mal("El signo del error está al revés: es y − ŷ (lo que debía decir menos lo "
                        "que dijo), no ŷ − y. Así la recta se aleja del ejemplo en lugar de acercarse.")
        if np.allclose(w_obt, w_esp) and np.isclose(b_obt, b):
            return _mal("Los pesos están bien, pero olvidaste actualizar el sesgo: "
                        "b_nuevo = b + tasa · (y − ŷ).")
        if es(w + delta * x, b + delta):
            return _mal("Olvidaste multiplicar por la tasa de aprendizaje η: "
                        "w + tasa · (y − ŷ) · x.")
        if np.allclose(w_obt, w_esp):
            return _mal(f"Los pesos están bien pero el sesgo no: se esperaba {b_esp:.4f} y "
                        f"recibí {b_obt:.4f}. b_nuevo = b + tasa · (y − ŷ).")
        return _mal("Los pesos nuevos no coinciden: calcula ŷ = escalon(w·x + b) y aplica "
                    "w + tasa · (y − ŷ) · x, b + tasa · (y − ŷ).")
    return informar(True, "tu paso coincide con paso_perceptron en 24 ejemplos: aciertos, errores por "
                    "arriba y por abajo, y el caso z = 0.", "")


# --- Ejercicio 6 · qué puertas son linealmente separables -----------------------------------------
@autocomprobacion
def comprobar_separabilidad(respuestas: dict[str, bool]) -> bool:
    """Ejercicio 6: ¿qué puertas (AND, OR, NAND, XOR) son linealmente separables?"""
    solucion = {"AND": True, "OR": True, "NAND": True, "XOR": False}
    if not isinstance(respuestas, dict):
        return _mal("Responde con un diccionario, p. ej. {'AND': True, ...}.")
    normalizadas = {str(k).upper(): v for k, v in respuestas.items()}
    faltan = [k for k in solucion if k not in normalizadas]
    if faltan:
        return _mal(f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = [k for k in solucion if bool(normalizadas[k]) != solucion[k]]
    if not malas:
        return informar(True, "sólo XOR necesita más de una recta: por eso un perceptrón no puede "
                        "aprenderla.", "")
    pistas = []
    if "XOR" in malas:
        pistas.append("XOR no es separable: las condiciones de (0,1) y (1,0) sumadas contradicen las de "
                      "(0,0) y (1,1) (teoria.md, sección 9), y el perceptrón nunca llega a 0 errores")
    separables = [k for k in malas if k != "XOR"]
    if separables:
        verbo = "sí es separable" if len(separables) == 1 else "sí son separables"
        pistas.append(f"{', '.join(separables)} {verbo}: en este cuaderno hay una neurona que lo calcula; "
                      "dibuja los cuatro puntos y traza la recta")
    return _mal("; ".join(pistas) + ".")
