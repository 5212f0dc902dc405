"""Autocomprobaciones de los ejercicios del Lab04 (escriben ✅ o ❌ con una pista).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from scipy.special import logsumexp

from Lab01_Introduccion_Neuronas.codigo import informar

from .entropia_cruzada import EntropiaCruzada
from .informacion import divergencia_kl
from .registro import PERDIDAS

__all__ = [
    "comprobar_mse_mae",
    "comprobar_entropia_cruzada_a_mano",
    "comprobar_divergencia_kl",
    "comprobar_log_sum_exp",
    "comprobar_gradiente_softmax_ce",
    "comprobar_eleccion_perdida",
]


def _numero(valor: object) -> float | None:
    try:
        numero = float(valor)
    except (TypeError, ValueError):
        return None
    return numero if np.isfinite(numero) else None


def comprobar_mse_mae(mse: float, mae: float) -> bool:
    """Ejercicio 1: MSE y MAE de ``prediccion = [3, −1, 2]`` frente a ``objetivo = [1, 0, 2]``."""
    correcto_mse, correcto_mae = 5 / 3, 1.0
    a, b = _numero(mse), _numero(mae)
    if a is None or b is None:
        return informar(False, "", "Responde con dos números: mse y mae.")
    if np.isclose(a, correcto_mae) and np.isclose(b, correcto_mse):
        return informar(False, "", "¿Los has intercambiado? El MSE eleva al cuadrado; el MAE usa |r|.")
    if np.isclose(a, 5.0) or np.isclose(b, 3.0):
        return informar(False, "", "Has sumado bien, pero falta dividir entre el número de elementos (3).")
    ok = bool(np.isclose(a, correcto_mse, atol=1e-3) and np.isclose(b, correcto_mae, atol=1e-3))
    return informar(
        ok,
        "residuos (2, −1, 0) → MSE = (4 + 1 + 0)/3 ≈ 1.6667 y MAE = (2 + 1 + 0)/3 = 1.",
        "Calcula los residuos r = predicción − objetivo; MSE = media de r², MAE = media de |r|.",
    )


def comprobar_entropia_cruzada_a_mano(respuesta: float) -> bool:
    """Ejercicio 2: entropía cruzada media de dos ejemplos.

    Probabilidades ``[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]``, clases correctas ``[0, 1]``.
    """
    correcto = -(np.log(0.7) + np.log(0.8)) / 2
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "La respuesta debe ser un número.")
    if np.isclose(valor, 2 * correcto, atol=1e-3):
        return informar(False, "", "Has sumado las dos pérdidas: falta dividir entre N = 2.")
    if np.isclose(valor, -correcto, atol=1e-3):
        return informar(False, "", "El signo: log(p) es negativo, la pérdida es −log(p) (positiva).")
    return informar(
        bool(np.isclose(valor, correcto, atol=1e-3)),
        f"(−ln 0.7 − ln 0.8)/2 = ({-np.log(0.7):.4f} + {-np.log(0.8):.4f})/2 ≈ {correcto:.4f}.",
        "Sólo cuenta la probabilidad de la clase correcta de cada ejemplo: −ln(p_correcta), "
        "y luego la media.",
    )


def comprobar_divergencia_kl(respuesta: float) -> bool:
    """Ejercicio 3: ``KL(p ‖ q)`` en nats con ``p = [0.5, 0.5]`` y ``q = [0.9, 0.1]``."""
    correcto = divergencia_kl([0.5, 0.5], [0.9, 0.1])
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "La respuesta debe ser un número.")
    if np.isclose(valor, divergencia_kl([0.9, 0.1], [0.5, 0.5]), atol=1e-3):
        return informar(False, "", "Has calculado KL(q ‖ p): la divergencia no es simétrica.")
    return informar(
        bool(np.isclose(valor, correcto, atol=1e-3)),
        f"0.5·ln(0.5/0.9) + 0.5·ln(0.5/0.1) ≈ {correcto:.4f} nats.",
        "KL(p ‖ q) = Σ p·ln(p/q): pondera con p (la distribución verdadera).",
    )


def comprobar_log_sum_exp(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 4: ``funcion(z)`` ``(N, C) → (N,)``: ``log Σ_c exp(z_c)`` estable, por filas."""
    rng = np.random.default_rng(0)
    casos = [
        rng.normal(size=(5, 4)),
        np.array([[1000.0, 1000.0], [-1000.0, -1000.0], [1000.0, -1000.0]]),
        rng.normal(scale=300.0, size=(6, 3)),
    ]
    for z in casos:
        esperado = logsumexp(z, axis=1)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with np.errstate(over="raise", divide="raise", invalid="raise"):
                    obtenido = np.asarray(funcion(z.copy()), dtype=float)
        except (FloatingPointError, RuntimeWarning):
            return informar(
                False,
                "",
                "Hubo un desbordamiento (exp de un número grande). Resta el máximo de cada fila "
                "antes de exponenciar y súmalo al final.",
            )
        except Exception as error:  # el código del estudiante puede fallar de cualquier forma
            return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
        if obtenido.shape != esperado.shape:
            return informar(
                False,
                "",
                f"Para z de forma {z.shape} se esperaba una salida {esperado.shape} "
                "(un valor por fila); "
                f"la tuya tiene {obtenido.shape}. ¿Usaste axis=1 y keepdims sólo dentro?",
            )
        if not np.allclose(obtenido, esperado, rtol=1e-10, atol=1e-10):
            return informar(
                False,
                "",
                "Los valores no coinciden: log Σ exp(z) = m + log Σ exp(z − m), con m el máximo de la fila.",
            )
    return informar(
        True,
        "log-sum-exp estable: restar el máximo evita exp(1000) = ∞ sin cambiar el resultado.",
        "",
    )


def comprobar_gradiente_softmax_ce(funcion: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 5: ``funcion(z, y)`` = gradiente de la entropía cruzada media respecto a ``z``.

    ``z``: ``(N, C)``; ``y``: etiquetas ``(N,)``. Se compara con ``EntropiaCruzada().backward()``.
    """
    rng = np.random.default_rng(1)
    z = rng.normal(size=(6, 4))
    y = rng.integers(0, 4, size=6)
    perdida = EntropiaCruzada()
    perdida.forward(z, y)
    esperado = perdida.backward()
    try:
        obtenido = np.asarray(funcion(z.copy(), y.copy()), dtype=float)
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    if obtenido.shape != esperado.shape:
        return informar(
            False,
            "",
            f"El gradiente debe tener la forma de z, {z.shape}; el tuyo tiene {obtenido.shape}.",
        )
    if np.allclose(obtenido, esperado * z.shape[0]):
        return informar(False, "", "Casi: la pérdida es una media, así que falta dividir entre N.")
    if np.allclose(obtenido, -esperado):
        return informar(False, "", "Tiene el signo cambiado: es softmax(z) − y, no y − softmax(z).")
    return informar(
        bool(np.allclose(obtenido, esperado, rtol=1e-8, atol=1e-12)),
        "∂L/∂z = (softmax(z) − one_hot(y)) / N: ni exponenciales sueltas ni divisiones peligrosas.",
        "Calcula softmax(z) por filas, resta 1 en la columna de la clase correcta y divide entre N.",
    )


_CASOS_ELECCION = {
    "temperatura": ({"mse"}, "regresión con ruido pequeño y sin valores atípicos"),
    "precio_vivienda": ({"huber", "mae"}, "regresión con algunos precios atípicos enormes"),
    "spam": ({"entropia_cruzada_binaria"}, "dos clases: spam o no spam"),
    "digito": ({"entropia_cruzada"}, "diez clases excluyentes: 0, 1, …, 9"),
}


def _nombre_de_perdida(valor: object) -> str | None:
    clases = {clase: nombre for nombre, clase in PERDIDAS.items()}
    if isinstance(valor, type):
        return clases.get(valor)
    if type(valor) in clases:
        return clases[type(valor)]
    if isinstance(valor, str):
        return valor.strip().lower()
    return None


def comprobar_eleccion_perdida(respuestas: dict[str, object]) -> bool:
    """Ejercicio 6: qué pérdida usar en cada problema (nombres de ``PERDIDAS`` o clases)."""
    if not isinstance(respuestas, dict):
        return informar(False, "", "Responde con un diccionario {problema: pérdida}.")
    faltan = [k for k in _CASOS_ELECCION if k not in respuestas]
    if faltan:
        return informar(False, "", f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = []
    for problema, (validas, descripcion) in _CASOS_ELECCION.items():
        if _nombre_de_perdida(respuestas[problema]) not in validas:
            malas.append(f"{problema} ({descripcion})")
    return informar(
        not malas,
        "MSE para ruido gaussiano, Huber/MAE si hay atípicos, entropía cruzada binaria "
        "para 2 clases "
        "y categórica para más.",
        f"Revisa: {'; '.join(malas)}. Opciones: {', '.join(PERDIDAS)}.",
    )
