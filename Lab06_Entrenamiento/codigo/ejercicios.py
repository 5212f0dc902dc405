"""Autocomprobaciones de los ejercicios del Lab06 (escriben ✅ o ❌ con una pista).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import informar
from Lab04_Funciones_Perdida.codigo import exactitud_salidas

from .datos import preparar_datos
from .modelos import predecir

__all__ = [
    "comprobar_pasos_por_epoca",
    "comprobar_paso_momento",
    "comprobar_correccion_sesgo",
    "comprobar_escala_dropout",
    "comprobar_estandarizacion",
    "comprobar_clasificador_vino",
]


def _numero(respuesta: object) -> float | None:
    try:
        return float(respuesta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def comprobar_pasos_por_epoca(respuesta: int) -> bool:
    """Ejercicio 1: pasos (lotes) por época con 1259 ejemplos y ``tamano_lote=32``."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número entero.")
    if valor == 1259 // 32:
        return informar(False, "", "Casi: el último lote tiene menos de 32 ejemplos pero también cuenta "
                                   "(redondea hacia arriba).")
    return informar(valor == 40, "⌈1259 / 32⌉ = 40 lotes: 39 de 32 ejemplos y uno de 11.",
                    "Divide el número de ejemplos entre el tamaño del lote y redondea hacia arriba.")


def comprobar_paso_momento(funcion: Callable[..., tuple[np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 2: ``funcion(theta, velocidad, grad, tasa, momento) -> (theta, velocidad)``
    debe dar un paso de SGD con momento: ``v ← μ·v + g``, ``θ ← θ − η·v``."""
    rng = np.random.default_rng(0)
    theta, v, g = rng.normal(size=5), rng.normal(size=5), rng.normal(size=5)
    v_ok = 0.9 * v + g
    theta_ok = theta - 0.1 * v_ok
    try:
        resultado = funcion(theta.copy(), v.copy(), g.copy(), 0.1, 0.9)
        theta_nuevo, v_nueva = (np.asarray(r, dtype=float) for r in resultado)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}. "
                                   "Debe devolver la pareja (theta_nuevo, velocidad_nueva).")
    if theta_nuevo.shape != theta.shape or v_nueva.shape != v.shape:
        return informar(False, "", "Devuelve arreglos con la forma de theta y de la velocidad.")
    if np.allclose(v_nueva, 0.9 * v + 0.1 * g) or np.allclose(v_nueva, 0.9 * v + (1 - 0.9) * g):
        return informar(False, "", "Esa es la media móvil de Adam. En SGD con momento (PyTorch) se suma "
                                   "el gradiente entero: v ← μ·v + g.")
    if not np.allclose(v_nueva, v_ok):
        return informar(False, "", "La velocidad no es correcta: v_nueva = momento · v + grad.")
    return informar(np.allclose(theta_nuevo, theta_ok),
                    "v ← μ·v + g y θ ← θ − η·v: la velocidad acumula los gradientes pasados.",
                    "La velocidad está bien; el paso es θ − tasa · v_nueva "
                    "(con la velocidad ya actualizada).")


def comprobar_correccion_sesgo(m: float, m_corregida: float) -> bool:
    """Ejercicio 3: Adam con β₁ = 0.9, ``m₀ = 0`` y primer gradiente ``g = 2``: ``m₁`` y ``m̂₁``."""
    a, b = _numero(m), _numero(m_corregida)
    if a is None or b is None:
        return informar(False, "", "Responde con dos números.")
    if not np.isclose(a, 0.2):
        return informar(False, "", "m₁ = β₁·m₀ + (1 − β₁)·g con m₀ = 0.")
    return informar(np.isclose(b, 2.0),
                    "m₁ = 0.1·2 = 0.2 está sesgada hacia 0; m̂₁ = m₁/(1 − 0.9¹) = 2 recupera el gradiente.",
                    "m̂₁ = m₁ / (1 − β₁ᵗ) con t = 1.")


def comprobar_escala_dropout(respuesta: float) -> bool:
    """Ejercicio 4: factor por el que el dropout invertido multiplica lo que sobrevive, con ``p = 0.2``."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número.")
    if np.isclose(valor, 0.8):
        return informar(False, "", "0.8 es la probabilidad de sobrevivir; para conservar la media hay que "
                                   "dividir por ella.")
    return informar(np.isclose(valor, 1.25), "1/(1 − 0.2) = 1.25: así la media en entrenamiento es la de "
                                             "evaluación y eval() no tiene que cambiar nada.",
                    "La media de x·máscara debe ser x: (1 − p)·factor = 1.")


def comprobar_estandarizacion(
    funcion: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> bool:
    """Ejercicio 5: ``funcion(X_entrenamiento, X_prueba)`` debe estandarizar ambos con la media y
    la desviación **del entrenamiento**."""
    rng = np.random.default_rng(1)
    X_ent = rng.normal(3.0, 2.0, size=(50, 3))
    X_pru = rng.normal(5.0, 4.0, size=(20, 3))
    media, desviacion = X_ent.mean(axis=0), X_ent.std(axis=0)
    try:
        ent, pru = (np.asarray(r, dtype=float) for r in funcion(X_ent.copy(), X_pru.copy()))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    if ent.shape != X_ent.shape or pru.shape != X_pru.shape:
        return informar(False, "", "Devuelve (X_entrenamiento_estandarizado, X_prueba_estandarizado) "
                                   "con sus formas.")
    if not np.allclose(ent, (X_ent - media) / desviacion, atol=1e-6):
        return informar(False, "", "El entrenamiento debe quedar con media 0 y desviación 1 por columna "
                                   "(usa axis=0).")
    if np.allclose(pru, (X_pru - X_pru.mean(0)) / X_pru.std(0), atol=1e-6):
        return informar(False, "", "Has usado la media de la prueba: eso es una fuga de información. "
                                   "Usa la media y la desviación del entrenamiento.")
    return informar(np.allclose(pru, (X_pru - media) / desviacion, atol=1e-6),
                    "la prueba se transforma con las estadísticas del entrenamiento (no queda con media 0 "
                    "exacta, y es lo correcto).",
                    "Transforma X_prueba con la media y la desviación calculadas en X_entrenamiento.")


def comprobar_clasificador_vino(modelo: Any, minimo: float = 0.9) -> bool:
    """Ejercicio 6: ``modelo`` (entrenado con ``preparar_datos("vino", semilla=0)``) debe acertar al
    menos ``minimo`` de la prueba."""
    conjunto = preparar_datos("vino", semilla=0)
    X, y = conjunto.prueba
    try:
        salida = predecir(modelo, X)
        acierto = exactitud_salidas(salida, y, umbral=0.0)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"El modelo lanzó {type(error).__name__}: {error}. ¿Tiene "
                                   f"{conjunto.n_rasgos} entradas y {conjunto.n_clases} salidas?")
    return informar(acierto >= minimo,
                    f"exactitud en la prueba de {acierto:.4f} (≥ {minimo}).",
                    f"La exactitud en la prueba es {acierto:.4f} < {minimo}: entrena más épocas, prueba otra "
                    "tasa de aprendizaje o revisa que usas el conjunto estandarizado.")
