"""Autocomprobaciones de los ejercicios del Lab03 (escriben ✅ o ❌ con una pista).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import informar, sigmoide

from .registro import _normalizar
from .softmax import softmax

__all__ = [
    "comprobar_derivada_sigmoide",
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
    """Ejecuta el código del estudiante; convierte avisos en errores para detectarlos."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                return np.asarray(funcion(*args), dtype=np.float64), ""
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return None, f"{type(error).__name__}: {error}"


def comprobar_derivada_sigmoide(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 1: ``funcion(z)`` debe devolver ``σ'(z) = σ(z)(1 − σ(z))`` elemento a elemento."""
    z = np.array([-1000.0, -8.0, -2.0, -0.5, 0.0, 0.5, 2.0, 8.0, 1000.0])
    esperado = sigmoide(z) * sigmoide(-z)
    obtenido, error = _llamar(funcion, z)
    if obtenido is None:
        return informar(False, "", f"Tu función lanzó {error}. Usa sigmoide() del Lab01, que es estable.")
    if obtenido.shape != z.shape:
        return informar(
            False, "", f"La salida debe tener la forma de z, {z.shape}; la tuya tiene {obtenido.shape}."
        )
    return informar(
        bool(np.allclose(obtenido, esperado, rtol=1e-9, atol=1e-15)),
        f"σ'(0) = {float(obtenido[4]):.4f} es el máximo; en z = ±8 ya sólo vale {float(obtenido[7]):.4f}.",
        "Revisa la fórmula: σ'(z) = σ(z)·(1 − σ(z)). En z = 0 debe dar 0.25.",
    )


def comprobar_colapso_lineal(W: np.ndarray, b: np.ndarray) -> bool:
    """Ejercicio 2: ``W`` y ``b`` de la capa única equivalente a las dos capas lineales del cuaderno.

    ``W1 = [[1, 2], [0, −1]]``, ``b1 = [1, 0]``, ``W2 = [[2], [1]]``, ``b2 = [−1]``.
    """
    W1, b1 = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([1.0, 0.0])
    W2, b2 = np.array([[2.0], [1.0]]), np.array([-1.0])
    W_ok, b_ok = W1 @ W2, b1 @ W2 + b2
    try:
        W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return informar(False, "", "W y b deben ser arreglos de números.")
    if W.shape != W_ok.shape:
        return informar(
            False, "", f"W debe tener forma {W_ok.shape} (2 entradas → 1 salida); la tuya tiene {W.shape}."
        )
    if not np.allclose(W, W_ok):
        return informar(False, "", "W no es correcta: la matriz equivalente es el producto W1 @ W2.")
    if b.reshape(-1).shape != b_ok.shape or not np.allclose(b.reshape(-1), b_ok):
        return informar(False, "", "W está bien, pero b no: el sesgo b1 también pasa por W2 → b1 @ W2 + b2.")
    exito = f"W = {W_ok.ravel().tolist()} (en columna) y b = {b_ok.tolist()}: dos capas lineales son una."
    return informar(True, exito, "")


def comprobar_softmax_estable(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 3: softmax por filas de una matriz ``(N, C)`` que no desborde con logits ~1000."""
    casos = [
        np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),
        np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]]),
        np.array([[-1000.0, -1000.0, -999.0]]),
    ]
    for z in casos:
        obtenido, error = _llamar(funcion, z)
        if obtenido is None:
            return informar(
                False, "",
                f"Con z = {z.tolist()} tu función lanzó {error}. Resta el máximo de cada fila "
                "antes de exponenciar: np.max(z, axis=1, keepdims=True).",
            )
        if obtenido.shape != z.shape:
            return informar(
                False, "", f"La salida debe tener la forma de z, {z.shape}; la tuya tiene {obtenido.shape}."
            )
        if not np.allclose(obtenido, softmax(z), rtol=1e-9, atol=1e-15):
            return informar(
                False, "",
                f"Con z = {z.tolist()} el resultado no coincide. ¿Cada fila suma 1? Usa axis=1 "
                "y keepdims=True al sumar y al buscar el máximo.",
            )
    return informar(True, "softmax([1000, 1001, 1002]) = [0.0900, 0.2447, 0.6652], sin desbordar.", "")


def comprobar_fraccion_muertas(respuesta: float) -> bool:
    """Ejercicio 4: fracción de neuronas muertas en ``PREACTIVACIONES_EJERCICIO``."""
    try:
        valor = float(respuesta)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con un número entre 0 y 1.")
    correcto = float(np.mean(np.all(PREACTIVACIONES_EJERCICIO <= 0, axis=0)))
    return informar(
        bool(np.isclose(valor, correcto)),
        "las columnas 0 y 3 nunca tienen z > 0 (ReLU(0) = 0 también es «apagada»): 2 de 4 = 0.5.",
        "Una neurona está muerta si su columna no tiene NINGÚN valor > 0. Ojo con la columna de ceros.",
    )


def comprobar_capa_silu(clase: type) -> bool:
    """Ejercicio 5: una capa ``SiLU`` con ``f(z) = z·σ(z)`` y ``f'(z) = σ(z)(1 + z(1 − σ(z)))``."""
    try:
        capa = clase()
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
    if y.shape != x.shape or not np.allclose(y, y_ok, rtol=1e-9, atol=1e-12):
        return informar(False, "", "forward no da z·σ(z). ¿Usas sigmoide() del Lab01?")
    dx, error = _llamar(lambda v: capa.backward(v), g)
    if dx is None:
        return informar(False, "", f"backward lanzó {error}.")
    if dx.shape != x.shape or not np.allclose(dx, dx_ok, rtol=1e-9, atol=1e-12):
        return informar(
            False, "",
            "backward no coincide. Deriva z·σ(z) con la regla del producto: σ(z) + z·σ(z)(1 − σ(z)), "
            "y multiplica por grad.",
        )
    return informar(True, "tu SiLU tiene forward y backward correctos (es la «Swish» de la literatura).", "")


_ELECCIONES = {
    "ocultas": ({"relu", "leaky_relu", "elu", "gelu"}, "en las capas ocultas, la familia ReLU (o GELU)"),
    "salida_binaria": ({"sigmoide"}, "salida binaria: una probabilidad en (0, 1)"),
    "salida_multiclase": ({"softmax"}, "salida multiclase: probabilidades que suman 1"),
    "salida_regresion": ({"identidad"}, "regresión: cualquier número real, sin aplastar"),
}


def comprobar_eleccion_activacion(respuestas: dict[str, str]) -> bool:
    """Ejercicio 6: qué activación usar en cada lugar de una red (por nombre)."""
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario, p. ej. {'ocultas': 'relu', ...}.")
    faltan = [k for k in _ELECCIONES if k not in respuestas]
    if faltan:
        return informar(False, "", f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = [
        f"{clave} ({pista})"
        for clave, (validas, pista) in _ELECCIONES.items()
        if _normalizar(str(respuestas[clave])) not in validas
    ]
    return informar(
        not malas,
        "ReLU/GELU dentro, y en la salida la que da la forma de respuesta que pide el problema.",
        "Revisa: " + "; ".join(malas) + ".",
    )
