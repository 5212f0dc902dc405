"""Autocomprobaciones de los ejercicios del Lab02 (escriben ✅ o ❌ con una pista)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import datos_compuerta, informar

__all__ = [
    "comprobar_forma_salida",
    "comprobar_num_parametros",
    "comprobar_inicializacion_he",
    "comprobar_red_xnor",
]


def comprobar_forma_salida(respuesta: tuple) -> bool:
    """Ejercicio 1: forma de la salida de un lote ``(32, 10)`` tras capas 10 → 64 → 3."""
    try:
        ok = tuple(int(v) for v in respuesta) == (32, 3)
    except (TypeError, ValueError):
        return informar(
            False, "", f"Responde con una tupla de enteros, por ejemplo (N, M); se recibió {respuesta!r}."
        )
    return informar(
        ok,
        "el lote se conserva (32) y cada capa cambia sólo el número de rasgos: 10 → 64 → 3.",
        "El primer eje (el lote) nunca cambia; el segundo es el número de neuronas de la última capa.",
    )


def comprobar_num_parametros(respuesta: int) -> bool:
    """Ejercicio 2: parámetros de la red 2 → 16 → 16 → 3 (pesos y sesgos)."""
    correcto = (2 * 16 + 16) + (16 * 16 + 16) + (16 * 3 + 3)
    try:
        ok = int(respuesta) == correcto
    except (TypeError, ValueError):
        return informar(False, "", "Responde con un número entero.")
    return informar(
        ok,
        f"(2·16+16) + (16·16+16) + (16·3+3) = {correcto}.",
        "Cada CapaDensa(n_entradas, n_salidas) tiene n_entradas·n_salidas pesos y n_salidas sesgos.",
    )


def comprobar_inicializacion_he(funcion: Callable[[int, int, np.random.Generator], np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(n_entradas, n_salidas, rng)`` debe seguir ``N(0, 2/n_entradas)``."""
    rng = np.random.default_rng(0)
    try:
        W = np.asarray(funcion(500, 400, rng), dtype=float)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    if W.shape != (500, 400):
        return informar(False, "", f"La forma debe ser (n_entradas, n_salidas) = (500, 400), no {W.shape}.")
    if not np.all(np.isfinite(W)):
        return informar(False, "", "Tu matriz contiene NaN o infinitos.")
    esperado = np.sqrt(2 / 500)
    # con 200 000 pesos, la desviación típica y la media muestrales apenas se alejan
    # (menos de un 1 % de σ) de las verdaderas: estas tolerancias sólo aceptan N(0, 2/n_entradas)
    desviacion_ok = abs(W.std() - esperado) < 0.03 * esperado
    media_ok = abs(W.mean()) < 0.1 * esperado
    return informar(
        desviacion_ok and media_ok,
        f"desviación típica {W.std():.4f} ≈ √(2/500) = {esperado:.4f}.",
        f"La desviación típica es {W.std():.4f} y debería ser √(2/n_entradas) = {esperado:.4f} "
        "(con media 0). Usa rng.normal(0, desviacion, size=...).",
    )


def comprobar_red_xnor(modelo) -> bool:
    """Ejercicio 4: una red que calcule XNOR (1 cuando las dos entradas son iguales)."""
    X, y_xor = datos_compuerta("XOR")
    y = 1 - y_xor
    try:
        salida = np.asarray(modelo.forward(X)).reshape(-1)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"La red lanzó {type(error).__name__}: {error}")
    if salida.shape != (4,):
        return informar(False, "", f"La red debe dar una salida por ejemplo (4 en total), no {salida.shape}.")
    fallos = [tuple(int(v) for v in X[i]) for i in range(4) if salida[i] != y[i]]
    return informar(
        not fallos,
        "XNOR = NOT XOR: bastó con cambiar la capa de salida.",
        f"Falla en {fallos}. Pista: XNOR(a, b) = AND(a, b) o NOR(a, b); o niega la salida de la red XOR.",
    )
