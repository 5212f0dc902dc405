"""Autocomprobaciones de los ejercicios del Lab03 (escriben ✅, ❌ con una pista, o ⏳).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``.
Cuando la respuesta coincide con un error típico (el eje equivocado en la softmax, olvidar
multiplicar por el gradiente que llega, usar la entrada donde va la salida…), el mensaje lo nombra.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import sigmoide
from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar

from .elementales import Tanh
from .registro import _normalizar
from .softmax import softmax

__all__ = [
    "comprobar_prediccion_backward_relu",
    "comprobar_derivada_sigmoide",
    "comprobar_backward_tanh",
    "comprobar_colapso_lineal",
    "comprobar_softmax_estable",
    "comprobar_fraccion_muertas",
    "comprobar_capa_silu",
    "comprobar_eleccion_activacion",
    "PREACTIVACIONES_EJERCICIO",
]

#: Matriz ``(3 ejemplos, 4 neuronas)`` del ejercicio de neuronas muertas.
PREACTIVACIONES_EJERCICIO = np.array(
    [[-1.0, 2.0, -0.5, 0.0], [-2.0, -1.0, 3.0, 0.0], [-0.1, 0.5, -1.0, -3.0]]
)


def _llamar(funcion: Callable, *args: object) -> tuple[np.ndarray | None, str]:
    """Ejecuta el código del estudiante; convierte avisos en errores para detectarlos.

    ``NotImplementedError`` (el relleno de la versión del estudiante) se deja pasar para que
    ``autocomprobacion`` diga «sin hacer»; cualquier otro error se devuelve como texto.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                return np.asarray(funcion(*args), dtype=np.float64), ""
    except NotImplementedError:
        raise
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return None, f"{type(error).__name__}: {error}"


def _igual(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


def _como_vector(respuesta: object, n: int) -> np.ndarray | None:
    try:
        valor = np.asarray(respuesta, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return None
    return valor if valor.shape == (n,) else None


# --- Ejercicio 1: predecir el backward de una ReLU -------------------------------------------
_Z_RELU = np.array([-1.5, 0.0, 2.0, 4.0])
_G_RELU = np.array([3.0, 3.0, -1.0, 0.5])


@autocomprobacion
def comprobar_prediccion_backward_relu(respuesta: object) -> bool:
    """Ejercicio 1: ``ReLU.backward(g)`` tras ``forward(z)``, con ``z = [−1.5, 0, 2, 4]`` y
    ``g = [3, 3, −1, 0.5]``, escrito a mano antes de ejecutarlo."""
    valor = _como_vector(respuesta, 4)
    if valor is None:
        return informar(False, "", "Responde con una lista de 4 números, uno por cada posición de z.")
    correcto = _G_RELU * (_Z_RELU > 0)
    errores = [
        (_G_RELU * (_Z_RELU >= 0), "En z = 0 la derivada de ReLU se toma como 0 (el convenio de "
         "PyTorch): el gradiente de esa posición no pasa."),
        ((_Z_RELU > 0).astype(float), "Has escrito ReLU'(z), pero backward devuelve grad · ReLU'(z): "
         "olvidaste multiplicar por el gradiente que llega."),
        (np.maximum(_G_RELU, 0.0), "Aplicaste la ReLU al gradiente: lo que decide si pasa es el signo "
         "de la ENTRADA z, no el del gradiente (un gradiente negativo pasa igual si z > 0)."),
        (_G_RELU, "Devolviste el gradiente sin tocar: ReLU lo anula donde z ≤ 0."),
        (_G_RELU * np.maximum(_Z_RELU, 0.0), "Multiplicaste por ReLU(z), la salida; hay que "
         "multiplicar por su derivada, que sólo vale 0 o 1."),
    ]
    for error, pista in errores:
        if np.allclose(valor, error):
            return informar(False, "", pista)
    return informar(
        bool(np.allclose(valor, correcto)),
        f"backward = {correcto.tolist()}: donde z > 0 el gradiente pasa igual (también el −1), "
        "donde z ≤ 0 sale 0.",
        "Posición a posición: si z > 0, sale el mismo gradiente que llega; si z ≤ 0, sale 0.",
    )


# --- Ejercicio 2: la derivada de la sigmoide --------------------------------------------------
@autocomprobacion
def comprobar_derivada_sigmoide(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 2: ``funcion(z)`` debe devolver ``σ'(z) = σ(z)(1 − σ(z))`` elemento a elemento."""
    z = np.array([-1000.0, -8.0, -2.0, -0.5, 0.0, 0.5, 2.0, 8.0, 1000.0])
    s = sigmoide(z)
    esperado = s * sigmoide(-z)
    obtenido, error = _llamar(funcion, z)
    if obtenido is None:
        if "Overflow" in error or "overflow" in error:
            return informar(False, "", f"Tu fórmula desborda con z = ±1000 ({error}). Calcula "
                            "s = sigmoide(z) con la del Lab01, que es estable, y devuelve s·(1 − s).")
        return informar(False, "", f"Tu función lanzó {error}. Usa sigmoide() del Lab01, que es estable.")
    if obtenido.shape != z.shape:
        return informar(
            False, "", f"La salida debe tener la forma de z, {z.shape}; la tuya tiene {obtenido.shape}."
        )
    errores = [
        (s, "Devolviste σ(z), no su derivada: multiplica σ(z)·(1 − σ(z))."),
        (z * (1 - z), "Aplicaste s·(1 − s) a z directamente: primero calcula s = sigmoide(z)."),
        (1 - s * s, "1 − σ(z)² es la forma de la derivada de tanh (1 − tanh²); la de la sigmoide es "
         "σ(z)·(1 − σ(z))."),
        (s * (1 + s), "Revisa el signo: es σ(z)·(1 − σ(z)), con un menos."),
    ]
    for error_tipico, pista in errores:
        if _igual(obtenido, error_tipico):
            return informar(False, "", pista)
    return informar(
        _igual(obtenido, esperado),
        f"σ'(0) = {float(obtenido[4]):.4f} es el máximo; en z = ±8 ya sólo vale {float(obtenido[7]):.4f}.",
        "Revisa la fórmula: σ'(z) = σ(z)·(1 − σ(z)). En z = 0 debe dar 0.25.",
    )


# --- Ejercicio 3: el backward de tanh ----------------------------------------------------------
@autocomprobacion
def comprobar_backward_tanh(funcion: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(x, grad)`` debe devolver ``dL/dx = grad · (1 − tanh²(x))``.

    Se compara con ``Tanh().backward`` del laboratorio en entradas aleatorias nuevas.
    """
    rng = np.random.default_rng(3)
    x = rng.normal(scale=2.0, size=(5, 3))
    grad = rng.normal(size=(5, 3))
    capa = Tanh()
    y = capa.forward(x)
    esperado = capa.backward(grad)
    obtenido, error = _llamar(funcion, x.copy(), grad.copy())
    if obtenido is None:
        return informar(False, "", f"Tu función lanzó {error}.")
    if obtenido.shape != x.shape:
        return informar(False, "", f"dL/dx debe tener la forma de x, {x.shape}; la tuya tiene "
                        f"{obtenido.shape}. Multiplica elemento a elemento (*), no con @.")
    errores = [
        (grad * (1 - x**2), "Usaste la entrada x en 1 − x²: la fórmula 1 − y² necesita la SALIDA "
         "y = tanh(x)."),
        (grad * (1 - np.tanh(y) ** 2), "Usaste la salida donde va la entrada: calculaste 1 − tanh(y)² "
         "con y = tanh(x) ya calculado. Es 1 − y² (o 1 − tanh(x)²)."),
        (1 - y**2, "Eso es tanh'(x), pero falta la regla de la cadena: multiplica por grad, el "
         "gradiente que llega de la capa siguiente."),
        (grad * (1 - y), "Falta el cuadrado: tanh'(x) = 1 − tanh(x)², no 1 − tanh(x)."),
        (grad * y, "Multiplicaste grad por la salida tanh(x); hay que multiplicar por su derivada, "
         "1 − tanh(x)²."),
    ]
    for error_tipico, pista in errores:
        if _igual(obtenido, error_tipico):
            return informar(False, "", pista)
    return informar(
        _igual(obtenido, esperado),
        "coincide con Tanh().backward: dL/dx = grad · (1 − tanh²(x)).",
        "No coincide con Tanh().backward. Calcula y = np.tanh(x) y devuelve grad * (1 - y**2).",
    )


# --- Ejercicio 4: colapsar dos capas lineales ---------------------------------------------------
_W1, _B1 = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([1.0, 0.0])
_W2, _B2 = np.array([[2.0], [1.0]]), np.array([-1.0])


@autocomprobacion
def comprobar_colapso_lineal(W: np.ndarray, b: np.ndarray) -> bool:
    """Ejercicio 4: ``W`` y ``b`` de la capa única equivalente a las dos capas lineales del cuaderno.

    ``W1 = [[1, 2], [0, −1]]``, ``b1 = [1, 0]``, ``W2 = [[2], [1]]``, ``b2 = [−1]``.
    """
    W_ok, b_ok = _W1 @ _W2, _B1 @ _W2 + _B2
    try:
        W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return informar(False, "", "W y b deben ser arreglos de números.")
    if W.shape == (1, 2) and np.allclose(W.T, W_ok):
        return informar(False, "", "W tiene la forma traspuesta: con 2 entradas y 1 salida es (2, 1), "
                        "como W1 @ W2, no (1, 2).")
    if W.shape == (2, 2) and np.allclose(W, _W1 * _W2):
        return informar(False, "", "Multiplicaste elemento a elemento (W1 * W2); la composición de "
                        "capas es el producto de matrices W1 @ W2.")
    if W.shape != W_ok.shape:
        return informar(
            False, "", f"W debe tener forma {W_ok.shape} (2 entradas → 1 salida); la tuya tiene {W.shape}."
        )
    if not np.allclose(W, W_ok):
        return informar(False, "", "W no es correcta: la matriz equivalente es el producto W1 @ W2.")
    b = b.reshape(-1)
    if b.shape == (2,) and np.allclose(b, _B1 + _B2):
        return informar(False, "", "W está bien, pero sumaste b1 + b2 directamente: b1 pasa por la "
                        "segunda capa, así que se multiplica por W2 → b1 @ W2 + b2.")
    if b.shape == (1,) and np.allclose(b, _B1 @ _W2):
        return informar(False, "", "W está bien; en b olvidaste sumar b2: b = b1 @ W2 + b2.")
    if b.shape == (1,) and np.allclose(b, _B2):
        return informar(False, "", "W está bien; en b falta la parte de b1, que atraviesa W2: "
                        "b = b1 @ W2 + b2.")
    if b.shape != b_ok.shape or not np.allclose(b, b_ok):
        return informar(False, "", "W está bien, pero b no: el sesgo b1 también pasa por W2 → b1 @ W2 + b2.")
    exito = f"W = {W_ok.ravel().tolist()} (en columna) y b = {b_ok.tolist()}: dos capas lineales son una."
    return informar(True, exito, "")


# --- Ejercicio 5: softmax estable por filas -----------------------------------------------------
def _softmax_sin_estabilizar(z: np.ndarray, eje: int | None) -> np.ndarray:
    e = np.exp(z)
    return e / np.sum(e, axis=eje, keepdims=True)


@autocomprobacion
def comprobar_softmax_estable(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 5: softmax por filas de una matriz ``(N, C)`` que no desborde con logits ~1000.

    Reconoce el eje equivocado (columnas o todo el lote), el máximo sin restar (desborda), el
    máximo de toda la matriz (una fila lejana da 0/0) y el máximo restado por columnas.
    """
    pequena = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [-1.0, 3.0, 1.0]])
    obtenido, error = _llamar(funcion, pequena)
    if obtenido is None:
        if "broadcast" in error:
            return informar(False, "", f"Con una matriz (4, 3) tu función lanzó {error}. Usa "
                            "keepdims=True en np.max y np.sum para que el resultado tenga forma "
                            "(N, 1) y se pueda restar y dividir fila a fila.")
        return informar(False, "", f"Con una matriz (4, 3) tu función lanzó {error}.")
    if obtenido.shape != pequena.shape:
        return informar(False, "", f"La salida debe tener la forma de z, {pequena.shape}; la tuya tiene "
                        f"{obtenido.shape}. ¿Olvidaste keepdims=True?")
    if not _igual(obtenido, softmax(pequena)):
        errores = [
            (_softmax_sin_estabilizar(pequena, 0), "Eje equivocado: normalizaste por columnas "
             "(axis=0). Cada FILA es un ejemplo y debe sumar 1: usa axis=1."),
            (_softmax_sin_estabilizar(pequena, None), "Sumaste sobre todo el lote: todas las "
             "probabilidades de la matriz suman 1, pero debe sumar 1 cada fila (axis=1, keepdims=True)."),
            (np.exp(pequena - pequena.max(axis=0)) / np.exp(pequena - pequena.max(axis=0)).sum(
                axis=1, keepdims=True),
             "Restaste el máximo de cada columna (axis=0): sólo una constante por FILA deja la "
             "softmax igual. Usa np.max(z, axis=1, keepdims=True)."),
        ]
        for error_tipico, pista in errores:
            if _igual(obtenido, error_tipico):
                return informar(False, "", pista)
        sumas = np.round(obtenido.sum(axis=1), 4).tolist()
        return informar(False, "", f"Con z = {pequena.tolist()} el resultado no coincide con la "
                        f"softmax (las filas suman {sumas}). Cada fila: e^(z − max) / Σ e^(z − max).")
    grande = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])
    obtenido, error = _llamar(funcion, grande)
    if obtenido is None or not np.all(np.isfinite(obtenido)):
        detalle = error or "NaN o infinitos"
        return informar(False, "", f"Con logits de ~1000 sale {detalle}: no restaste el máximo, y "
                        "e^1000 desborda (inf / inf = NaN). Resta np.max(z, axis=1, keepdims=True) "
                        "antes de exponenciar.")
    if not _igual(obtenido, softmax(grande)):
        return informar(False, "", f"Con z = {grande.tolist()} el resultado no coincide con la softmax.")
    lejanas = np.array([[1000.0, 1001.0, 1002.0], [-3.0, -2.0, -1.0]])
    obtenido, error = _llamar(funcion, lejanas)
    if obtenido is None or not np.all(np.isfinite(obtenido)) or not _igual(obtenido, softmax(lejanas)):
        return informar(False, "", "Con las filas [1000, 1001, 1002] y [−3, −2, −1] falla: restaste "
                        "el máximo de TODA la matriz (1002), y en la segunda fila e^(−1003) = 0 da "
                        "0/0. Cada fila necesita su propio máximo: axis=1, keepdims=True.")
    return informar(True, "softmax([1000, 1001, 1002]) = [0.0900, 0.2447, 0.6652], sin desbordar, "
                    "y cada fila con su propio máximo.", "")


# --- Ejercicio 6: contar neuronas muertas ----------------------------------------------------
@autocomprobacion
def comprobar_fraccion_muertas(respuesta: float) -> bool:
    """Ejercicio 6: fracción de neuronas muertas en ``PREACTIVACIONES_EJERCICIO``."""
    try:
        valor = float(respuesta)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con un número entre 0 y 1.")
    Z = PREACTIVACIONES_EJERCICIO
    correcto = float(np.mean(np.all(Z <= 0, axis=0)))
    errores = [
        (float(np.mean(np.all(Z < 0, axis=0))), "Contaste como viva la columna con ceros, pero "
         "ReLU(0) = 0 y su derivada ahí es 0: muerta significa que NINGÚN valor es > 0."),
        (float(np.mean(np.all(Z <= 0, axis=1))), "Miraste las filas: cada fila es un ejemplo y "
         "cada COLUMNA es una neurona."),
        (float(np.mean(np.any(Z <= 0, axis=0))), "Muerta no es «tiene algún valor ≤ 0», sino "
         "«no tiene ninguno > 0»: la neurona 1 se activa con los ejemplos 1 y 3."),
        (float(np.mean(Z <= 0)), "Contaste valores sueltos ≤ 0; hay que contar neuronas (columnas) "
         "enteras sin ningún valor > 0."),
        (float(np.sum(np.all(Z <= 0, axis=0))), "Ése es el número de neuronas muertas; se pide la "
         "fracción (divide entre las 4 neuronas)."),
    ]
    if not np.isclose(valor, correcto):
        for error_tipico, pista in errores:
            if np.isclose(valor, error_tipico):
                return informar(False, "", pista)
    return informar(
        bool(np.isclose(valor, correcto)),
        "las columnas 0 y 3 nunca tienen z > 0 (ReLU(0) = 0 también es «apagada»): 2 de 4 = 0.5.",
        "Una neurona está muerta si su columna no tiene NINGÚN valor > 0. Ojo con la columna de ceros.",
    )


# --- Ejercicio 7: una capa SiLU ---------------------------------------------------------------
@autocomprobacion
def comprobar_capa_silu(clase: type) -> bool:
    """Ejercicio 7: una capa ``SiLU`` con ``f(z) = z·σ(z)`` y ``f'(z) = σ(z)(1 + z(1 − σ(z)))``."""
    try:
        capa = clase()
    except NotImplementedError:
        raise
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"No se pudo crear la capa: {type(error).__name__}: {error}")
    rng = np.random.default_rng(0)
    x = rng.normal(scale=3.0, size=(6, 4))
    g = rng.normal(size=(6, 4))
    s = sigmoide(x)
    y_ok, dx_ok = x * s, g * s * (1.0 + x * (1.0 - s))
    y, error = _llamar(lambda v: capa.forward(v), x)
    if y is None:
        return informar(False, "", f"forward lanzó {error}.")
    if _igual(y, s):
        return informar(False, "", "forward devuelve σ(z): la SiLU es z·σ(z), la entrada por su sigmoide.")
    if not _igual(y, y_ok):
        return informar(False, "", "forward no da z·σ(z). ¿Usas sigmoide() del Lab01?")
    dx, error = _llamar(lambda v: capa.backward(v), g)
    if dx is None:
        return informar(False, "", f"backward lanzó {error}.")
    s_y = sigmoide(y_ok)
    errores = [
        (g * s, "A la derivada le falta el segundo término de la regla del producto: "
         "(z·σ(z))' = σ(z) + z·σ'(z)."),
        (g * x * s * (1 - s), "A la derivada le falta el primer término de la regla del producto, σ(z): "
         "(z·σ(z))' = σ(z) + z·σ(z)(1 − σ(z))."),
        (g * s * (1 - s), "Ésa es la derivada de la sigmoide; la de z·σ(z) lleva además la regla del "
         "producto: σ(z) + z·σ(z)(1 − σ(z))."),
        (dx_ok / g, "backward devuelve f'(z) sin multiplicar por grad: falta la regla de la cadena."),
        (g * s_y * (1 + y_ok * (1 - s_y)), "Usaste la salida y = z·σ(z) donde va la entrada: en "
         "_derivada(x, y) la fórmula usa x."),
    ]
    for error_tipico, pista in errores:
        if _igual(dx, error_tipico):
            return informar(False, "", pista)
    if not _igual(dx, dx_ok):
        return informar(
            False, "",
            "backward no coincide. Deriva z·σ(z) con la regla del producto: σ(z) + z·σ(z)(1 − σ(z)), "
            "y multiplica por grad.",
        )
    return informar(True, "tu SiLU tiene forward y backward correctos (es la «Swish» de la literatura).", "")


# --- Ejercicio 8: elegir activaciones ----------------------------------------------------------
_ELECCIONES = {
    "ocultas": ({"relu", "leaky_relu", "elu", "gelu"}, "en las capas ocultas, la familia ReLU (o GELU)"),
    "salida_binaria": ({"sigmoide"}, "salida binaria: una probabilidad en (0, 1)"),
    "salida_multiclase": ({"softmax"}, "salida multiclase: probabilidades que suman 1"),
    "salida_regresion": ({"identidad"}, "regresión: cualquier número real, sin aplastar"),
}

#: Pistas para las elecciones equivocadas más habituales: (lugar, activación) → por qué no.
_ELECCIONES_TIPICAS = {
    ("ocultas", "sigmoide"): "ocultas: la sigmoide satura y en una red profunda el gradiente se desvanece",
    ("ocultas", "tanh"): "ocultas: tanh satura para |z| grande; hoy se usa la familia ReLU (tanh, en las "
                         "celdas recurrentes)",
    ("ocultas", "identidad"): "ocultas: sin no linealidad la red entera colapsa en una sola capa lineal",
    ("ocultas", "escalon"): "ocultas: el escalón tiene derivada 0 y ningún gradiente lo atraviesa",
    ("ocultas", "softmax"): "ocultas: la softmax es para convertir la salida en probabilidades",
    ("salida_binaria", "softmax"): "salida binaria: una softmax de una sola neurona da siempre 1; con "
                                   "una neurona se usa la sigmoide",
    ("salida_binaria", "relu"): "salida binaria: ReLU no está acotada en 1, no da una probabilidad",
    ("salida_multiclase", "sigmoide"): "salida multiclase: sigmoides independientes no suman 1",
    ("salida_regresion", "relu"): "regresión: ReLU nunca predice valores negativos",
    ("salida_regresion", "sigmoide"): "regresión: la sigmoide sólo da valores en (0, 1)",
    ("salida_regresion", "tanh"): "regresión: tanh sólo da valores en (−1, 1)",
}


@autocomprobacion
def comprobar_eleccion_activacion(respuestas: dict[str, str]) -> bool:
    """Ejercicio 8: qué activación usar en cada lugar de una red (por nombre)."""
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario, p. ej. {'ocultas': 'relu', ...}.")
    faltan = [k for k in _ELECCIONES if respuestas.get(k) is None]
    if faltan:
        return informar(False, "", f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = []
    for clave, (validas, pista) in _ELECCIONES.items():
        elegida = _normalizar(str(respuestas[clave]))
        if elegida not in validas:
            malas.append(_ELECCIONES_TIPICAS.get((clave, elegida), f"{clave} ({pista})"))
    return informar(
        not malas,
        "ReLU/GELU dentro, y en la salida la que da la forma de respuesta que pide el problema.",
        "Revisa: " + "; ".join(malas) + ".",
    )
