"""Autocomprobaciones de los ejercicios del Lab07 (escriben ✅ o ❌ con una pista)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import informar

from .curvas import auc_roc
from .metricas import precision_sensibilidad_f
from .umbrales import metricas_por_umbral

__all__ = [
    "EJEMPLO_Y_VERDADERO",
    "EJEMPLO_Y_PREDICHO",
    "comprobar_conteos",
    "comprobar_precision_sensibilidad_f1",
    "comprobar_exactitud_enganosa",
    "comprobar_f1_macro",
    "comprobar_auc_por_parejas",
    "comprobar_umbral_sensibilidad",
    "comprobar_pliegues_estratificados",
]

#: Ejemplo pequeño para contar a mano (1 = positivo).
EJEMPLO_Y_VERDADERO = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
EJEMPLO_Y_PREDICHO = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])


def _numero(valor: object) -> float | None:
    try:
        return float(valor)
    except (TypeError, ValueError):
        return None


def comprobar_conteos(vp: int, fp: int, fn: int, vn: int) -> bool:
    """Ejercicio 1: VP, FP, FN y VN del ejemplo ``EJEMPLO_Y_VERDADERO`` / ``EJEMPLO_Y_PREDICHO``."""
    correcto = (3, 2, 1, 4)
    respuesta = tuple(_numero(v) for v in (vp, fp, fn, vn))
    if None in respuesta:
        return informar(False, "", "Responde con cuatro números enteros.")
    malos = [n for n, r, c in zip(("VP", "FP", "FN", "VN"), respuesta, correcto) if r != c]
    return informar(
        not malos,
        "VP = 3, FP = 2, FN = 1, VN = 4 (suman los 10 ejemplos).",
        f"Revisa {', '.join(malos)}. VP: real 1 y predicho 1; FP: real 0 y predicho 1; "
        "FN: real 1 y predicho 0; VN: real 0 y predicho 0.",
    )


def comprobar_precision_sensibilidad_f1(precision: float, sensibilidad: float, f1: float) -> bool:
    """Ejercicio 2: precisión, sensibilidad y F1 del mismo ejemplo."""
    r = precision_sensibilidad_f(EJEMPLO_Y_VERDADERO, EJEMPLO_Y_PREDICHO, promedio="binario")
    respuesta = [_numero(v) for v in (precision, sensibilidad, f1)]
    if None in respuesta:
        return informar(False, "", "Responde con tres números.")
    ok = np.allclose(respuesta, [r.precision, r.sensibilidad, r.f], atol=1e-3)
    return informar(
        bool(ok),
        f"P = 3/5 = {r.precision:.4f}, S = 3/4 = {r.sensibilidad:.4f}, F1 = 2PS/(P+S) = {r.f:.4f}.",
        "Precisión = VP/(VP+FP), sensibilidad = VP/(VP+FN), F1 = 2·P·S/(P+S) (no la media aritmética).",
    )


def comprobar_exactitud_enganosa(exactitud_trivial: float, exactitud_balanceada_trivial: float) -> bool:
    """Ejercicio 3: 950 negativos y 50 positivos; un modelo que siempre dice «negativo»."""
    respuesta = [_numero(v) for v in (exactitud_trivial, exactitud_balanceada_trivial)]
    if None in respuesta:
        return informar(False, "", "Responde con dos números entre 0 y 1.")
    ok = np.allclose(respuesta, [0.95, 0.5], atol=1e-6)
    return informar(
        bool(ok),
        "exactitud 0.95 sin haber aprendido nada; la exactitud balanceada (0.5) lo delata.",
        "La exactitud cuenta aciertos totales (950 de 1000). La balanceada promedia la sensibilidad "
        "de cada clase: 1 para los negativos y 0 para los positivos.",
    )


def _llamar(funcion: Callable, *args: object) -> tuple[object, str | None]:
    try:
        return funcion(*args), None
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return None, f"Tu función lanzó {type(error).__name__}: {error}"


def comprobar_f1_macro(funcion: Callable[[np.ndarray], float]) -> bool:
    """Ejercicio 4: ``funcion(matriz)`` = F1 macro a partir de una matriz de confusión ``(C, C)``."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        c = int(rng.integers(2, 6))
        matriz = rng.integers(0, 15, size=(c, c))
        filas, columnas = np.indices((c, c))
        y_v, y_p = np.repeat(filas.ravel(), matriz.ravel()), np.repeat(columnas.ravel(), matriz.ravel())
        esperado = precision_sensibilidad_f(y_v, y_p, promedio="macro", clases=np.arange(c)).f
        obtenido, error = _llamar(funcion, matriz.copy())
        if error:
            return informar(False, "", error)
        if _numero(obtenido) is None or not np.isclose(float(obtenido), esperado, atol=1e-9):
            return informar(
                False, "",
                f"Con la matriz {matriz.tolist()} se esperaba {esperado:.4f} y tu función dio {obtenido}. "
                "VP = diagonal, FP = suma de la columna − VP, FN = suma de la fila − VP; "
                "F1 de cada clase y después la media simple (una división 0/0 cuenta como 0).",
            )
    return informar(True, "F1 macro correcto en 20 matrices al azar.", "")


def comprobar_auc_por_parejas(funcion: Callable[[np.ndarray, np.ndarray], float]) -> bool:
    """Ejercicio 5: ``funcion(y, puntuaciones)`` = fracción de parejas (positivo, negativo) bien
    ordenadas, con los empates valiendo ½."""
    rng = np.random.default_rng(1)
    for _ in range(20):
        n = int(rng.integers(5, 40))
        y = np.r_[0, 1, rng.integers(0, 2, n - 2)]
        s = np.round(rng.random(n), 1)  # con empates
        esperado = auc_roc(y, s)
        obtenido, error = _llamar(funcion, y.copy(), s.copy())
        if error:
            return informar(False, "", error)
        if _numero(obtenido) is None or not np.isclose(float(obtenido), esperado, atol=1e-9):
            return informar(
                False, "",
                f"Se esperaba {esperado:.4f} y tu función dio {obtenido}. Compara todas las parejas con "
                "s_pos[:, None] > s_neg[None, :] y suma ½ por cada empate (==).",
            )
    return informar(True, "tu AUC por parejas coincide con auc_roc (también con empates).", "")


def comprobar_umbral_sensibilidad(umbral: float, y_verdadero: np.ndarray, puntuaciones: np.ndarray,
                                  objetivo: float) -> bool:
    """Ejercicio 6: el umbral con la mejor precisión entre los que logran sensibilidad ≥ ``objetivo``."""
    u = _numero(umbral)
    if u is None:
        return informar(False, "", "El umbral debe ser un número.")
    m = metricas_por_umbral(y_verdadero, puntuaciones)
    y_pred = np.asarray(puntuaciones) >= u
    positivos = np.asarray(y_verdadero) == 1
    vp = np.sum(y_pred & positivos)
    sensibilidad = vp / positivos.sum()
    precision = vp / y_pred.sum() if y_pred.sum() else 0.0
    mejor = m["precision"][m["sensibilidad"] >= objetivo].max()
    if sensibilidad < objetivo:
        return informar(False, "", f"Con umbral {u:.4f} la sensibilidad es {sensibilidad:.4f} < {objetivo}: "
                        "baja el umbral.")
    return informar(
        bool(precision >= mejor - 1e-12),
        f"sensibilidad {sensibilidad:.4f} ≥ {objetivo} con precisión {precision:.4f}, la mejor posible.",
        f"Cumples la sensibilidad pero la precisión ({precision:.4f}) puede llegar a {mejor:.4f}: "
        "sube el umbral todo lo que permita el objetivo.",
    )


def comprobar_pliegues_estratificados(funcion: Callable[[np.ndarray, int, int], np.ndarray]) -> bool:
    """Ejercicio 7: ``funcion(y, k, semilla)`` → número de pliegue ``(N,)`` de cada ejemplo, con
    pliegues disjuntos que cubren los datos y conservan la proporción de cada clase."""
    rng = np.random.default_rng(2)
    for _ in range(10):
        k = int(rng.integers(2, 6))
        cuentas = rng.integers(k, 40, size=int(rng.integers(2, 4)))
        y = rng.permutation(np.repeat(np.arange(cuentas.size), cuentas))
        pliegues, error = _llamar(funcion, y.copy(), k, 0)
        if error:
            return informar(False, "", error)
        pliegues = np.asarray(pliegues)
        if pliegues.shape != y.shape or not np.array_equal(np.unique(pliegues), np.arange(k)):
            return informar(False, "", f"Se esperaba un vector de forma {y.shape} con valores 0..{k - 1}.")
        tabla = np.zeros((k, cuentas.size), dtype=int)
        np.add.at(tabla, (pliegues, y), 1)
        if np.any(tabla < (cuentas // k)[None, :]) or np.any(tabla > -(-cuentas // k)[None, :]):
            return informar(
                False, "",
                f"Con {cuentas.tolist()} ejemplos por clase y k={k}, tus pliegues tienen por clase "
                f"{tabla.tolist()}: cada pliegue debería recibir ⌊n_c/k⌋ o ⌈n_c/k⌉ de cada clase. "
                "Pista: ordena por clase y reparte por turnos (posición % k).",
            )
        tamanos = tabla.sum(axis=1)
        if tamanos.max() - tamanos.min() > 1:
            return informar(
                False, "",
                f"Cada clase está bien repartida, pero los pliegues miden {tamanos.tolist()} ejemplos: "
                "deberían diferir como mucho en 1. Pista: numera por turnos (posición % k) a lo largo de "
                "todos los ejemplos ya ordenados por clase, sin volver a empezar en 0 con cada clase.",
            )
    return informar(True, "pliegues disjuntos, completos, estratificados y del mismo tamaño (±1).", "")
