"""Autocomprobaciones de los ejercicios del Lab09 (escriben ✅, ❌ con una pista, o ⏳ si el
ejercicio está sin hacer).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Cuando la
respuesta coincide con un error típico del ejercicio, el mensaje lo nombra. Las referencias salen
de las fórmulas de ``teoria.md``, calculadas aquí en NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
    autocomprobacion,
    fallo,
    informar,
    respuesta_arreglo,
    respuesta_real,
    sin_hacer,
)

__all__ = [
    "comprobar_kl_ejemplo",
    "comprobar_reparametrizacion",
    "comprobar_difusion_directa",
    "comprobar_guia_sin_clasificador",
    "comprobar_perdida_generador",
    "comprobar_frechet_1d",
]


def _cerca(a: np.ndarray, b: np.ndarray, atol: float = 1e-6) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=atol))


def _arreglo(resultado: Any, que: str) -> np.ndarray | str | None:
    """``None`` (una función sin ``return``) → ``None``; si no, como ``respuesta_arreglo``."""
    if resultado is None or resultado is Ellipsis:
        return None
    return respuesta_arreglo(resultado, que)


def _primer_error(resultado: np.ndarray, errores: list[tuple[np.ndarray, str]]) -> str | None:
    for variante, pista in errores:
        if np.all(np.isfinite(variante)) and _cerca(resultado, variante):
            return pista
    return None


# --- Ejercicio 1 · predice: la KL de una gaussiana frente a N(0, I) --------------------------------
#: μ = (1, 0) y σ² = (1, 4): la KL(N(μ, diag σ²) ‖ N(0, I)) en nats.
MU_KL, VARIANZA_KL = np.array([1.0, 0.0]), np.array([1.0, 4.0])


def _kl(mu: np.ndarray, var: np.ndarray, medio: float = 0.5, con_mu: bool = True,
        signo_log: float = -1.0) -> float:
    return float(medio * np.sum((mu**2 if con_mu else 0.0) + var - 1 + signo_log * np.log(var)))


@autocomprobacion
def comprobar_kl_ejemplo(respuesta: float) -> bool:
    """Ejercicio 1: KL(N(μ, diag σ²) ‖ N(0, I)) con μ = (1, 0) y σ² = (1, 4), con 3 decimales."""
    valor = respuesta_real(respuesta)
    if valor is None:
        return fallo("Responde con un número (la KL en nats), por ejemplo 0.5.")
    correcta = _kl(MU_KL, VARIANZA_KL)
    if abs(valor - correcta) < 2e-3:
        return informar(True, f"½[(1 + 1 − 1 − 0) + (0 + 4 − 1 − ln 4)] = ½(1 + 1.6137) = {correcta:.4f} "
                              "nats: la primera dimensión paga por estar desplazada, la segunda por ser "
                              "ancha.", "")
    errores = [
        (_kl(MU_KL, VARIANZA_KL, medio=1.0), "Te falta el factor ½ delante de la suma."),
        (_kl(MU_KL, np.sqrt(VARIANZA_KL)),
         "Has usado σ donde va σ²: la segunda dimensión tiene σ² = 4 (σ = 2)."),
        (_kl(MU_KL, VARIANZA_KL, con_mu=False), "Te has olvidado del término μ²: la primera dimensión está "
                                                 "centrada en 1, no en 0, y eso cuesta ½·1²."),
        (_kl(MU_KL, VARIANZA_KL, signo_log=1.0), "El logaritmo va restando: ½ Σ (μ² + σ² − 1 − ln σ²)."),
    ]
    for numero, pista in errores:
        if abs(valor - numero) < 2e-3:
            return fallo(pista)
    if valor < 0:
        return fallo("Una divergencia KL nunca es negativa.")
    return fallo("Aplica ½ Σ_j (μ_j² + σ_j² − 1 − ln σ_j²) dimensión a dimensión y suma.")


# --- Ejercicio 2 · implementa: el truco de la reparametrización -------------------------------------
def _casos_reparametrizacion() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(9)
    return rng.normal(size=(4, 3)), rng.normal(scale=1.5, size=(4, 3)), rng.normal(size=(4, 3))


@autocomprobacion
def comprobar_reparametrizacion(funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 2: ``funcion(mu, log_var, eps)`` debe dar ``z = μ + σ·ε`` con ``σ = exp(½·log_var)``,
    todo de forma ``(N, d)``."""
    mu, log_var, eps = _casos_reparametrizacion()
    with np.errstate(all="ignore"):
        resultado = _arreglo(funcion(mu.copy(), log_var.copy(), eps.copy()), "z, de forma (N, d)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = mu + np.exp(0.5 * log_var) * eps
        if resultado.shape != esperado.shape:
            return fallo(f"z debe tener la forma de mu, {esperado.shape}; llegó {resultado.shape}.")
        if _cerca(resultado, esperado):
            return informar(True, "z = μ + exp(½ log σ²)·ε: el azar está en ε, que no depende de los "
                                  "parámetros, y el gradiente llega a μ y a log σ².", "")
        pista = _primer_error(resultado, [
            (mu + np.exp(log_var) * eps, "Has multiplicado ε por la varianza exp(log_var); va la desviación "
                                         "típica σ = exp(½·log_var)."),
            (mu + log_var * eps, "log_var es el LOGARITMO de la varianza: σ = exp(½·log_var)."),
            (mu + np.sqrt(np.abs(log_var)) * eps, "La raíz de log_var no es σ: σ = exp(½·log_var)."),
            (mu, "Has devuelto μ: falta el ruido σ·ε (sin él el VAE es un autoencoder)."),
            (mu * np.exp(0.5 * log_var) + eps, "Se suma μ y se multiplica σ por ε, no al revés."),
        ])
        if pista:
            return fallo(pista)
        if not np.all(np.isfinite(resultado)):
            return fallo("Salen valores no finitos: σ = exp(½·log_var) es siempre positivo y finito aquí.")
        return fallo("No coincide: usa el ε que recibes (no sortees otro) y z = μ + exp(½·log_var)·ε.")


# --- Ejercicio 3 · implementa: saltar al paso t de la difusión ---------------------------------------
def _casos_difusion() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    betas = np.linspace(1e-4, 0.2, 10)
    alphas_acumuladas = np.cumprod(1 - betas)
    x0, eps = rng.uniform(-1, 1, size=(5, 4)), rng.normal(size=(5, 4))
    return x0, np.array([0, 3, 9, 5, 1]), eps, alphas_acumuladas


@autocomprobacion
def comprobar_difusion_directa(
    funcion: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
) -> bool:
    """Ejercicio 3: ``funcion(x0, t, eps, alphas_acumuladas)`` con ``x0, eps`` ``(N, F)``, ``t`` ``(N,)``
    enteros (pasos desde 0) y ``alphas_acumuladas`` ``(T,)`` debe dar ``x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·ε``."""
    x0, t, eps, ab = _casos_difusion()
    with np.errstate(all="ignore"):
        resultado = _arreglo(funcion(x0.copy(), t.copy(), eps.copy(), ab.copy()), "x_t, de forma (N, F)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)

        def con(a: np.ndarray, coef_x=np.sqrt, coef_ruido=lambda a: np.sqrt(1 - a)) -> np.ndarray:
            a = a[:, None]
            return coef_x(a) * x0 + coef_ruido(a) * eps

        esperado = con(ab[t])
        if resultado.shape != esperado.shape:
            return fallo(f"x_t debe tener la forma de x0, {esperado.shape}; llegó {resultado.shape}. "
                         "¿Has usado ᾱ[t] (N,) sin añadirle un eje, ᾱ[t][:, None]?")
        if _cerca(resultado, esperado):
            return informar(True, "un solo salto, sin recorrer los t pasos: ᾱ_t ya resume todo el ruido "
                                  "acumulado, y la varianza total sigue siendo ᾱ_t + (1 − ᾱ_t) = 1.", "")
        alphas = np.concatenate([[ab[0]], ab[1:] / ab[:-1]])
        pista = _primer_error(resultado, [
            (con(ab[t], lambda a: a, lambda a: 1 - a),
             "Faltan las raíces: los coeficientes son √ᾱ_t y √(1 − ᾱ_t) (varianzas ᾱ_t y 1 − ᾱ_t)."),
            (con(ab[t], coef_ruido=lambda a: 1 - np.sqrt(a)),
             "El coeficiente del ruido es √(1 − ᾱ_t), no 1 − √ᾱ_t."),
            (con(ab[np.maximum(t - 1, 0)]), "Te has desplazado un paso: con pasos desde 0, x_t usa ᾱ[t]."),
            (con(ab[np.minimum(t + 1, len(ab) - 1)]),
             "Te has desplazado un paso: con pasos desde 0, x_t usa ᾱ[t]."),
            (con(alphas[t]), "Has usado α_t = 1 − β_t de un solo paso: el salto directo usa el producto "
                             "acumulado ᾱ_t = α_1·…·α_t, que es lo que recibes."),
        ])
        if pista:
            return fallo(pista)
        return fallo("No coincide: toma a = ᾱ[t][:, None] y devuelve √a·x0 + √(1 − a)·ε.")


# --- Ejercicio 4 · implementa: la guía sin clasificador ----------------------------------------------
@autocomprobacion
def comprobar_guia_sin_clasificador(funcion: Callable[[np.ndarray, np.ndarray, float], np.ndarray]) -> bool:
    """Ejercicio 4: ``funcion(eps_con_clase, eps_sin_clase, w)`` debe dar ``(1 + w)·ε_c − w·ε_∅``:
    con ``w = 0`` el modelo condicionado tal cual; con ``w > 0``, más lejos de lo que haría sin clase."""
    rng = np.random.default_rng(4)
    c, u = rng.normal(size=(3, 6)), rng.normal(size=(3, 6))
    for w in (2.0, 0.0, 0.5):
        with np.errstate(all="ignore"):
            resultado = _arreglo(funcion(c.copy(), u.copy(), w), "ε guiado, de la forma de las entradas")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = (1 + w) * c - w * u
        if resultado.shape != esperado.shape:
            return fallo(f"Devuelve un ε por píxel, forma {esperado.shape}; llegó {resultado.shape}.")
        if _cerca(resultado, esperado):
            continue
        pista = _primer_error(resultado, [
            ((1 + w) * u - w * c, "Has cambiado los papeles: el que se amplifica es el condicionado, "
                                  "(1 + w)·ε_c − w·ε_∅."),
            (w * c - w * u, "Te falta ε_c: la fórmula es ε_c + w·(ε_c − ε_∅) = (1 + w)·ε_c − w·ε_∅."),
            (w * c + (1 - w) * u, "Esa es la misma idea con otra escala (s = w, la de ε_∅ + s·(ε_c − ε_∅)); "
                                  "aquí w = 0 debe dar ε_c: usa s = 1 + w."),
            (c + w * u, "La dirección de la guía es la diferencia ε_c − ε_∅, multiplicada por w."),
        ])
        return fallo(pista or f"Con w = {w} no coincide: (1 + w)·ε_c − w·ε_∅.")
    return informar(True, "w = 0 devuelve ε_c y w > 0 empuja en la dirección ε_c − ε_∅, la de «parecerse "
                          "más a la clase».", "")


# --- Ejercicio 5 · implementa: la pérdida no saturante del generador ---------------------------------
def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


@autocomprobacion
def comprobar_perdida_generador(funcion: Callable[[np.ndarray], float]) -> bool:
    """Ejercicio 5: ``funcion(logits_falsos)`` (los logits del discriminador para las falsas, ``(N,)``)
    debe dar la pérdida no saturante ``−media(log σ(l))``, finita también para logits de ±1000."""
    casos = [np.array([-2.0, 0.0, 1.5, 3.0]), np.array([-1000.0, 0.0, 1000.0])]
    for logits in casos:
        with np.errstate(all="ignore"):
            salida = funcion(logits.copy())
            resultado = _arreglo(salida, "un número (la pérdida media)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        if resultado.size != 1:
            return fallo("Devuelve UN número (la media sobre el lote); llegó un arreglo de forma "
                         f"{resultado.shape}.")
        valor = float(resultado.reshape(()))
        esperado = float(np.mean(_softplus(-logits)))
        if math.isfinite(valor) and abs(valor - esperado) < 1e-6 * max(1.0, abs(esperado)):
            continue
        if not math.isfinite(valor):
            return fallo("Con un logit de −1000, σ(l) vale 0 en coma flotante y log(0) = −∞. Escribe "
                         "−log σ(l) = log(1 + e^(−l)) = np.logaddexp(0, −l), que es estable.")
        errores = [
            (-float(np.mean(_softplus(logits))), "Esa es la pérdida SATURANTE, log(1 − σ(l)): cuando el "
                                                 "discriminador gana (l muy negativo) su gradiente se anula. "
                                                 "Usa −log σ(l)."),
            (float(np.sum(_softplus(-logits))), "Has sumado: la pérdida es la MEDIA sobre el lote."),
            (-esperado, "El signo: se MINIMIZA −log σ(l) (σ(l) cerca de 1 = el generador engaña)."),
            (float(np.mean(_softplus(logits))),
             "Esa sería la pérdida del discriminador con las falsas (etiqueta 0); el generador quiere la "
             "etiqueta 1: −log σ(l)."),
        ]
        for numero, pista in errores:
            if abs(valor - numero) < 1e-6 * max(1.0, abs(numero)):
                return fallo(pista)
        return fallo("No coincide: −media(log σ(l)) = media(np.logaddexp(0, −l)).")
    return informar(True, "−log σ(l) = log(1 + e^(−l)): grande y con gradiente fuerte justo cuando el "
                          "discriminador caza a las falsas, y estable para cualquier logit.", "")


# --- Ejercicio 6 · predice: la distancia de Fréchet entre dos gaussianas de una dimensión ------------
@autocomprobacion
def comprobar_frechet_1d(respuesta: float) -> bool:
    """Ejercicio 6: distancia de Fréchet entre N(0, 1) y N(3, 4) (media 3, **varianza** 4)."""
    valor = respuesta_real(respuesta)
    if valor is None:
        return fallo("Responde con un número.")
    if abs(valor - 10.0) < 1e-6:
        return informar(True, "(0 − 3)² + 1 + 4 − 2·√(1·4) = 9 + (1 − 2)² = 10: en una dimensión es la "
                              "distancia entre medias al cuadrado más la de desviaciones típicas al "
                              "cuadrado.", "")
    errores = [
        (18.0, "Has restado varianzas, (1 − 4)² = 9: la fórmula compara desviaciones típicas, "
               "(σ₁ − σ₂)² = (1 − 2)²."),
        (9.0, "Te has olvidado del término de las varianzas: 1 + 4 − 2·√(1·4) = 1."),
        (14.0, "Falta el término −2·√(σ₁²σ₂²) = −2·2 dentro de la traza."),
        (4.0, "La diferencia de medias va al cuadrado: (0 − 3)² = 9."),
        (1.0, "Te has olvidado de las medias: (0 − 3)² = 9."),
        (math.sqrt(10.0), "La «distancia de Fréchet» de los FID es la del cuadrado (sin raíz): 10."),
    ]
    for numero, pista in errores:
        if abs(valor - numero) < 1e-6:
            return fallo(pista)
    return fallo("d = (μ₁ − μ₂)² + σ₁² + σ₂² − 2·√(σ₁²·σ₂²).")
