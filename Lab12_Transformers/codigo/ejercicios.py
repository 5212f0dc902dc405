"""Autocomprobaciones de los ejercicios del Lab12 (escriben ✅, ❌ con una pista, o ⏳ si el
ejercicio está sin hacer).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Cuando
la respuesta coincide con un error típico del ejercicio, el mensaje lo nombra. Las referencias se
calculan aquí mismo: con las fórmulas de ``teoria.md`` en NumPy o con PyTorch como oráculo
(``torch.nn.functional.scaled_dot_product_attention``, ``torch.nn.LayerNorm``,
``torch.nn.MultiheadAttention``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
    autocomprobacion,
    fallo,
    informar,
    respuesta_arreglo,
    respuesta_entera,
    respuesta_forma,
    sin_hacer,
)

__all__ = [
    "PALABRAS_BPE",
    "FIN_DE_PALABRA",
    "CONFIG_GPT_EJERCICIO",
    "comprobar_forma_pesos_atencion",
    "comprobar_atencion",
    "comprobar_mascara_causal",
    "comprobar_parametros_atencion_multicabeza",
    "comprobar_codificacion_sinusoidal",
    "comprobar_layernorm",
    "comprobar_fusion_bpe",
    "comprobar_parametros_gpt",
    "comprobar_top_p",
]


def _cerca(a: np.ndarray, b: np.ndarray, atol: float = 1e-6) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=atol, equal_nan=True))


def _softmax(z: np.ndarray, eje: int = -1) -> np.ndarray:
    """Softmax estable; una fila entera a −∞ da NaN (como la versión ingenua de quien estudia)."""
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(z - np.max(z, axis=eje, keepdims=True))
        return e / np.sum(e, axis=eje, keepdims=True)


def _arreglo_o_none(resultado: Any, que: str) -> np.ndarray | str | None:
    """Como ``respuesta_arreglo``, pero ``None`` (una función sin ``return``) se devuelve tal cual."""
    if resultado is None or resultado is Ellipsis:
        return None
    return respuesta_arreglo(resultado, que)


# --- Ejercicio 1 · predice: forma de los pesos de atención multicabeza ---------------------------
#: Autoatención multicabeza con N = 2 secuencias, T = 10 tókenes, D = 32 y H = 4 cabezas.
_N1, _T1, _D1, _H1 = 2, 10, 32, 4


@autocomprobacion
def comprobar_forma_pesos_atencion(forma: tuple[int, ...]) -> bool:
    """Ejercicio 1: forma de los pesos de atención (después del softmax) de una autoatención
    multicabeza con N = 2 secuencias de T = 10 tókenes, D = 32 y H = 4 cabezas."""
    valor = respuesta_forma(forma)
    if valor is None:
        return fallo("Responde con una tupla de enteros, por ejemplo (2, 3, 4, 5).")
    d = _D1 // _H1
    if valor == (_N1, _H1, _T1, _T1):
        return informar(True, "(N, H, T, T) = (2, 4, 10, 10): cada cabeza de cada secuencia tiene su "
                              "matriz de 10 × 10, una fila por consulta y una columna por clave.", "")
    if valor == (_N1, _T1, _T1):
        return fallo("Te has olvidado de las cabezas: cada una de las H = 4 tiene su propia matriz T × T. "
                     "(2, 10, 10) es lo que devuelve nn.MultiheadAttention por defecto porque PROMEDIA las "
                     "cabezas (average_attn_weights=True).")
    if valor == (_N1, _H1, _T1, d):
        return fallo(f"Has confundido los pesos con las consultas de una cabeza, (N, H, T, d) con "
                     f"d = D/H = {d}: los pesos comparan cada consulta con cada clave, así que el último eje "
                     "es T, no d.")
    if valor in ((_N1, _T1, _D1), (_N1, _H1, _T1, _D1)):
        return fallo("(N, T, D) es la forma de la SALIDA de la capa (o de x); los pesos de atención dicen "
                     "cuánto mira cada tóken a cada otro: T × T por cabeza.")
    if valor in ((_H1, _T1, _T1), (_T1, _T1)):
        return fallo("Falta el eje del lote: hay una matriz por cada una de las N = 2 secuencias.")
    if valor in ((_N1, _T1, _H1, _T1), (_H1, _N1, _T1, _T1)):
        return fallo("Tienes los cuatro ejes, pero en otro orden: el convenio es (N, H, T, T), el lote "
                     "primero y después la cabeza, como en scaled_dot_product_attention.")
    if valor == (_N1, _H1, d, d):
        return fallo("Los pesos no dependen de d: comparan T consultas con T claves, (T, T) por cabeza.")
    return fallo("Piensa en qué compara el softmax: cada una de las T consultas con cada una de las T "
                 "claves, en cada cabeza y en cada secuencia del lote.")


# --- Ejercicio 2 · implementa: atención de producto escalar escalado -----------------------------
def _casos_atencion() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]]:
    """(q, k, v, máscara): sin máscara, máscara al azar (N, T, T), causal (T, T) y logits ~1000."""
    rng = np.random.default_rng(21)
    n, t, d = 2, 5, 4  # T ≠ d: descubre un k sin trasponer
    casos: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]] = []
    casos.append((rng.normal(size=(n, t, d)) * 1.5, rng.normal(size=(n, t, d)) * 1.5,
                  rng.normal(size=(n, t, d)), None))
    mascara = rng.random((n, t, t)) < 0.5
    filas = np.arange(t)
    mascara[:, filas, filas] = True                  # cada fila puede mirar algo…
    mascara[:, filas, (filas + 1) % t] = False       # …y tiene algo prohibido (también al invertirla)
    casos.append((rng.normal(size=(n, t, d)) * 1.5, rng.normal(size=(n, t, d)) * 1.5,
                  rng.normal(size=(n, t, d)), mascara))
    casos.append((rng.normal(size=(n, t, d)) * 1.5, rng.normal(size=(n, t, d)) * 1.5,
                  rng.normal(size=(n, t, d)), np.tril(np.ones((t, t), dtype=bool))))
    q = rng.normal(size=(n, t, d))
    casos.append((q * 30.0, q * 30.0, rng.normal(size=(n, t, d)), None))  # logits de hasta ~2000
    return casos


def _referencia_atencion(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                         mascara: np.ndarray | None) -> np.ndarray:
    """``torch.nn.functional.scaled_dot_product_attention`` en float64 (True = puede atender)."""
    import torch
    import torch.nn.functional as F

    m = None if mascara is None else torch.from_numpy(mascara)
    return F.scaled_dot_product_attention(torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v),
                                          attn_mask=m).numpy()


def _errores_atencion(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                      mascara: np.ndarray | None) -> list[tuple[np.ndarray, str]]:
    d = q.shape[-1]
    s = q @ np.swapaxes(k, -1, -2)
    grande = -1e9

    def enmascarar(z: np.ndarray, m: np.ndarray | None) -> np.ndarray:
        return z if m is None else np.where(m, z, grande)

    errores = [
        (_softmax(enmascarar(s, mascara)) @ v,
         "Te falta dividir entre √d: softmax(q kᵀ / √d). Sin la escala, su desviación típica crece como √d "
         "y el softmax se satura."),
        (_softmax(enmascarar(s / d, mascara)) @ v, "Has dividido entre d; se divide entre √d."),
        (_softmax(enmascarar(s / np.sqrt(d), mascara), eje=-2) @ v,
         "Has hecho el softmax sobre el eje equivocado: cada FILA (una consulta) reparte su atención entre "
         "las claves y suma 1, así que es axis=-1."),
    ]
    if mascara is not None:
        errores += [
            (_softmax(enmascarar(s / np.sqrt(d), ~mascara)) @ v,
             "La máscara está invertida: aquí True significa «puede atender» (como en "
             "scaled_dot_product_attention); pon −∞ donde la máscara vale False."),
            ((_softmax(s / np.sqrt(d)) * mascara) @ v,
             "Has aplicado la máscara DESPUÉS del softmax sin volver a normalizar: las filas ya no suman 1. "
             "Pon −∞ en las puntuaciones prohibidas ANTES del softmax."),
            (_softmax(s / np.sqrt(d) * mascara) @ v,
             "Has multiplicado las puntuaciones por la máscara: un 0 no prohíbe nada (exp(0) = 1). Pon −∞ "
             "(o −1e9) en las posiciones prohibidas antes del softmax."),
        ]
    return errores


@autocomprobacion
def comprobar_atencion(funcion: Callable[..., np.ndarray]) -> bool:
    """Ejercicio 2: ``funcion(q, k, v, mascara=None)`` con ``q``, ``k``, ``v`` de forma (N, T, d) debe
    devolver ``softmax(q kᵀ / √d) v`` (N, T, d), con la máscara booleana (True = puede atender)
    aplicada antes del softmax, y sin desbordarse con puntuaciones de ~1000."""
    for q, k, v, mascara in _casos_atencion():
        argumentos = (q.copy(), k.copy(), v.copy()) + (() if mascara is None else (mascara.copy(),))
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                salida = funcion(*argumentos)
        except ValueError as error:
            return fallo(f"Tu función falla con T = 5 ≠ d = 4 ({error}). ¿Has traspuesto k con k.T? En un "
                         "arreglo 3D .T invierte TODOS los ejes; usa np.swapaxes(k, -1, -2) o "
                         "k.transpose(0, 2, 1).")
        if isinstance(salida, (tuple, list)) and len(salida) == 2:
            salida = salida[0]  # (salida, pesos) también vale
        resultado = _arreglo_o_none(salida, "la salida de la atención (N, T, d)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = _referencia_atencion(q, k, v, mascara)
        if resultado.shape == q.shape[:2] + (q.shape[1],) and resultado.shape != esperado.shape:
            return fallo("Has devuelto los pesos (N, T, T); devuelve la salida, pesos @ v, de forma "
                         "(N, T, d).")
        if resultado.shape != esperado.shape:
            return fallo(f"La salida debe tener forma (N, T, d) = {esperado.shape}; llegó {resultado.shape}.")
        if not np.all(np.isfinite(resultado)):
            if abs(float(np.max(q @ np.swapaxes(k, -1, -2)))) > 500:
                return fallo("Con puntuaciones grandes (~1000) salen inf o NaN: exp(1000) se desborda. Resta "
                             "el máximo de cada fila antes de exp; el softmax no cambia.")
            return fallo("Salen NaN: ¿alguna fila queda entera a −∞? Comprueba el sentido de la máscara "
                         "(True = puede atender).")
        if _cerca(resultado, esperado):
            continue
        for variante, pista in _errores_atencion(q, k, v, mascara):
            if _cerca(resultado, variante):
                return fallo(pista)
        if mascara is not None and _cerca(resultado, _referencia_atencion(q, k, v, None)):
            return fallo("Has ignorado la máscara: pon −∞ en las puntuaciones donde la máscara vale False "
                         "antes del softmax.")
        return fallo("No coincide con scaled_dot_product_attention: softmax(q kᵀ / √d + máscara) @ v, "
                     "con el softmax sobre el último eje.")
    return informar(True, "coincide con torch.nn.functional.scaled_dot_product_attention, con y sin máscara, "
                          "y es estable con puntuaciones de ~1000.", "")


# --- Ejercicio 3 · implementa: máscara causal --------------------------------------------------
@autocomprobacion
def comprobar_mascara_causal(funcion: Callable[[int], np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(T)`` debe devolver una máscara booleana (T, T) con True donde el tóken i
    puede mirar al j, es decir, donde j ≤ i (el pasado y él mismo).

    Una máscara de 0.0/1.0 con el dibujo correcto NO se da por buena: pasada como ``attn_mask`` a
    ``scaled_dot_product_attention``, una máscara de floats se SUMA a las puntuaciones y no prohíbe nada."""
    for t in (4, 6, 1):  # T = 1 al final: ahí varios errores coinciden
        salida = funcion(t)
        if salida is None:
            return sin_hacer()
        if hasattr(salida, "detach"):
            salida = salida.detach().cpu().numpy()
        mascara = np.asarray(salida)
        if mascara.shape != (t, t):
            return fallo(f"Con T = {t} la máscara debe tener forma (T, T) = {(t, t)}; llegó {mascara.shape}.")
        bien = np.tril(np.ones((t, t), dtype=bool))
        if mascara.dtype != bool:
            if np.issubdtype(mascara.dtype, np.number):
                numeros = mascara.astype(float)
                if np.array_equal(numeros, bien.astype(float)):
                    return fallo("El dibujo es el bueno, pero son números 0/1: devuelve booleanos "
                                 "(np.tril(np.ones((T, T), dtype=bool))). Una máscara de floats se SUMA a "
                                 "las puntuaciones en scaled_dot_product_attention, y sumar 0 o 1 no "
                                 "prohíbe nada.")
                if np.array_equal(np.isneginf(numeros), ~bien) and np.all(numeros[bien] == 0):
                    return fallo("Es la máscara ADITIVA (0 y −∞, como nn.Transformer."
                                 "generate_square_subsequent_mask). También funciona, pero aquí se pide la "
                                 "booleana: True donde j ≤ i.")
            return fallo(f"Devuelve booleanos (dtype bool); llegó {mascara.dtype}.")
        if np.array_equal(mascara, bien):
            continue
        if t > 1 and np.array_equal(mascara, np.triu(np.ones((t, t), dtype=bool))):
            return fallo("Es el triángulo de ARRIBA: así cada tóken ve el futuro (j ≥ i). El tóken i sólo "
                         "puede mirar a j ≤ i: np.tril.")
        if np.array_equal(mascara, ~bien):
            return fallo("La máscara marca con True lo PROHIBIDO (j > i), como el attn_mask booleano de "
                         "nn.MultiheadAttention; aquí True significa «puede atender», como en "
                         "scaled_dot_product_attention: usa np.tril.")
        if np.array_equal(mascara, np.tril(np.ones((t, t), dtype=bool), k=-1)):
            return fallo("Has quitado la diagonal: cada tóken también puede mirarse a sí mismo (j = i). "
                         "Además, la primera fila quedaría sin nada que mirar y el softmax daría NaN.")
        if np.array_equal(mascara, bien.T):
            return fallo("Está traspuesta: las filas son las consultas i y las columnas las claves j; "
                         "True donde j ≤ i.")
        return fallo("No es la máscara causal: True donde j ≤ i (el triángulo inferior con la diagonal).")
    return informar(True, "triángulo inferior booleano, diagonal incluida: cada tóken ve el pasado y a sí "
                          "mismo, nunca el futuro.", "")


# --- Ejercicio 4 · predice: parámetros de nn.MultiheadAttention(64, 8) ---------------------------
_D4, _H4 = 64, 8


@autocomprobacion
def comprobar_parametros_atencion_multicabeza(respuesta: int) -> bool:
    """Ejercicio 4: número de parámetros de ``torch.nn.MultiheadAttention(embed_dim=64, num_heads=8)``
    (con sus sesgos, que vienen activados por defecto)."""
    valor = respuesta_entera(respuesta)
    if valor is None:
        return fallo("Responde con un número entero.")
    D, H = _D4, _H4
    d = D // H
    una = D * D + D
    correcta = 4 * una
    if valor == correcta:
        return informar(True, f"{correcta} = 4 × (64·64 + 64): W_Q, W_K, W_V y W_O con sus sesgos. Las 8 "
                              "cabezas se reparten esas matrices (cada una usa un trozo de d = 8 columnas); "
                              "no añaden parámetros.", "")
    if valor == 4 * D * D:
        return fallo("Te has olvidado de los sesgos: cada una de las cuatro proyecciones tiene uno de 64 "
                     "(bias=True por defecto).")
    if valor in (3 * una, 3 * D * D):
        return fallo("Te falta la proyección de salida W_O (64·64 + 64): después de concatenar las cabezas "
                     "se mezclan con otra capa lineal.")
    if valor in (H * correcta, H * 3 * una + una, H * 3 * una):
        return fallo("Has dado a cada cabeza sus propias matrices de 64 × 64: las 8 cabezas se reparten "
                     "W_Q, W_K y W_V, cada una con d = 64/8 = 8 columnas; el total no depende de H.")
    if valor in (4 * H * (d * d + d), 4 * H * d * d, 3 * H * (d * d + d) + una):
        return fallo("Has usado matrices de d × d = 8 × 8 por cabeza: cada cabeza proyecta los 64 rasgos "
                     "de entrada a 8, así que sus matrices son de 64 × 8 (y juntas, 64 × 64).")
    if valor == 4 * D * D + D:
        return fallo("Hay un sesgo por proyección (cuatro de 64), no uno solo.")
    return fallo("Cuenta las cuatro proyecciones (Q, K, V y la de salida), cada una D × D con un sesgo de D, "
                 "y recuerda que las cabezas se las reparten.")


# --- Ejercicio 5 · implementa: codificación posicional sinusoidal --------------------------------
def _sinusoidal(t: int, d: int, base: float = 10000.0, exponente: str = "2i", intercalada: bool = True,
                seno_primero: bool = True, inicio: int = 0) -> np.ndarray:
    """PE[t, 2i] = sin(t / base^(2i/D)), PE[t, 2i+1] = cos(…), con un error a elegir."""
    pos = np.arange(inicio, t + inicio, dtype=float)[:, None]
    i = np.arange(d // 2, dtype=float)[None, :]
    if exponente == "2i":
        frec = base ** (-2 * i / d)
    elif exponente == "i":
        frec = base ** (-i / d)
    else:  # "columna": cada columna j con su propia frecuencia base^(-j/D)
        j = np.arange(d, dtype=float)[None, :]
        a = pos * base ** (-j / d)
        pe = np.where(np.arange(d) % 2 == 0, np.sin(a), np.cos(a))
        return pe if seno_primero else np.where(np.arange(d) % 2 == 0, np.cos(a), np.sin(a))
    a = pos * frec
    primero, segundo = (np.sin(a), np.cos(a)) if seno_primero else (np.cos(a), np.sin(a))
    if not intercalada:
        return np.concatenate([primero, segundo], axis=1)
    pe = np.empty((t, d))
    pe[:, 0::2], pe[:, 1::2] = primero, segundo
    return pe


@autocomprobacion
def comprobar_codificacion_sinusoidal(funcion: Callable[[int, int], np.ndarray]) -> bool:
    """Ejercicio 5: ``funcion(T, D)`` debe devolver (T, D) con ``PE[t, 2i] = sin(t / 10000^(2i/D))`` y
    ``PE[t, 2i+1] = cos(t / 10000^(2i/D))``, con las posiciones t = 0, 1, …, T − 1."""
    for t, d in ((7, 6), (12, 16)):
        resultado = _arreglo_o_none(funcion(t, d), "la codificación (T, D)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = _sinusoidal(t, d)
        if resultado.shape == (d, t):
            return fallo(f"Está traspuesta, {resultado.shape}: una FILA por posición, (T, D) = {(t, d)}.")
        if resultado.shape != (t, d):
            return fallo(f"Con T = {t} y D = {d} se esperaba forma {(t, d)}; llegó {resultado.shape}.")
        if _cerca(resultado, esperado):
            continue
        errores = [
            ({"seno_primero": False}, "Has cambiado seno y coseno: las columnas PARES (2i) llevan el seno y "
                                      "las impares (2i+1) el coseno; así PE[0] = (0, 1, 0, 1, …)."),
            ({"exponente": "i"}, "El exponente es 2i/D, no i/D: con i/D las frecuencias sólo bajan hasta "
                                 "10000^(−1/2) y no llegan a las longitudes de onda largas."),
            ({"exponente": "columna"}, "Has usado el índice de la columna j en el exponente: el seno y el "
                                       "coseno de una pareja (2i, 2i+1) comparten la misma frecuencia, "
                                       "10000^(−2i/D)."),
            ({"base": np.e}, "Falta la base 10000: las frecuencias son 10000^(−2i/D), no e^(−2i/D)."),
            ({"base": 1.0}, "Falta la base 10000: con 1^(…) todas las columnas tienen la misma frecuencia y "
                            "no distinguen posiciones lejanas."),
            ({"intercalada": False}, "Has puesto los senos en la primera mitad y los cosenos en la segunda; "
                                     "la convención del curso (y del artículo) los intercala: columnas pares "
                                     "seno, impares coseno."),
            ({"inicio": 1}, "Las posiciones empiezan en 0, no en 1: PE[0] = (0, 1, 0, 1, …)."),
        ]
        for opciones, pista in errores:
            if _cerca(resultado, _sinusoidal(t, d, **opciones)):
                return fallo(pista)
        return fallo("No coincide con PE[t, 2i] = sin(t / 10000^(2i/D)), "
                     "PE[t, 2i+1] = cos(t / 10000^(2i/D)).")
    return informar(True, "sin en las columnas pares, cos en las impares, frecuencias 10000^(−2i/D): "
                          "cada posición tiene su «huella» y PE[t + k] es un giro de PE[t].", "")


# --- Ejercicio 6 · implementa: LayerNorm ---------------------------------------------------------
_EPS = 1e-5


def _caso_layernorm() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (N, T, D) con una fila de varianza pequeña (descubre dónde va eps) y otra constante."""
    rng = np.random.default_rng(23)
    x = rng.normal(size=(3, 4, 6)) * 2 + 1
    x[0, 1] = x[0, 1] * 1e-3 + 0.5    # varianza ~1e-6, menor que eps
    x[1, 2] = 3.0                     # fila constante: varianza 0
    return x, rng.normal(size=6) + 1, rng.normal(size=6)


def _referencia_layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    import torch

    capa = torch.nn.LayerNorm(x.shape[-1], eps=_EPS, dtype=torch.float64)
    with torch.no_grad():
        capa.weight.copy_(torch.from_numpy(gamma))
        capa.bias.copy_(torch.from_numpy(beta))
        return capa(torch.from_numpy(x)).numpy()


def _norma(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, ejes: Any = -1, ddof: int = 0,
           eps_fuera: bool = False, eps: float = _EPS, varianza: bool = False) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        media = x.mean(axis=ejes, keepdims=True)
        var = x.var(axis=ejes, keepdims=True, ddof=ddof)
        if varianza:
            divisor = var + eps
        else:
            divisor = np.sqrt(var) + eps if eps_fuera else np.sqrt(var + eps)
        return gamma * (x - media) / divisor + beta


@autocomprobacion
def comprobar_layernorm(funcion: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 6: ``funcion(x, gamma, beta)`` con ``x`` (N, T, D) debe normalizar cada vector del
    último eje, ``gamma · (x − μ) / √(σ² + 1e-5) + beta`` (varianza con ``ddof=0``), como
    ``torch.nn.LayerNorm(D)``."""
    x, gamma, beta = _caso_layernorm()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        resultado = _arreglo_o_none(funcion(x.copy(), gamma.copy(), beta.copy()), "x normalizada (N, T, D)")
    if resultado is None:
        return sin_hacer()
    if isinstance(resultado, str):
        return fallo(resultado)
    esperado = _referencia_layernorm(x, gamma, beta)
    if resultado.shape != esperado.shape:
        return fallo(f"Devuelve un arreglo de la forma de x, {x.shape}; llegó {resultado.shape}.")
    if _cerca(resultado, esperado, atol=1e-8):
        return informar(True, "coincide con torch.nn.LayerNorm: cada tóken se normaliza con su propia media "
                              "y varianza (último eje), sin mirar al resto del lote.", "")
    if not np.all(np.isfinite(resultado)):
        return fallo("Salen inf o NaN en la fila constante (varianza 0): falta eps dentro de la raíz, "
                     "√(σ² + eps), que evita dividir entre 0.")
    errores = [
        ({"ejes": 0}, "Has normalizado sobre el eje del lote (axis=0): eso es BatchNorm. LayerNorm normaliza "
                      "cada tóken sobre sus D rasgos (axis=-1), independiente de los demás ejemplos."),
        ({"ejes": (0, 1)}, "Has normalizado cada rasgo sobre el lote y el tiempo (axis=(0, 1)): eso es "
                           "BatchNorm. LayerNorm normaliza cada tóken sobre sus D rasgos (axis=-1)."),
        ({"ejes": (1, 2)}, "Has normalizado cada secuencia entera (T y D juntos); LayerNorm normaliza cada "
                           "tóken por separado, sobre el último eje."),
        ({"ddof": 1}, "Has usado la varianza muestral (ddof=1); LayerNorm usa la de la población, ddof=0 "
                      "(lo que da np.var por defecto)."),
        ({"eps_fuera": True}, "Has puesto eps fuera de la raíz, √σ² + eps; va dentro: √(σ² + eps). Se nota "
                              "en tókenes de varianza pequeña."),
        ({"eps": 0.0}, "Te falta eps: √(σ² + 1e-5)."),
        ({"varianza": True}, "Has dividido entre la varianza; se divide entre la desviación típica, "
                             "√(σ² + eps)."),
    ]
    for opciones, pista in errores:
        if _cerca(resultado, _norma(x, gamma, beta, **opciones), atol=1e-8):
            return fallo(pista)
    uno, cero = np.ones_like(gamma), np.zeros_like(beta)
    if _cerca(resultado, _norma(x, uno, cero), atol=1e-8):
        return fallo("Te falta la escala y el desplazamiento aprendidos: gamma · x̂ + beta.")
    if _cerca(resultado, _norma(x, beta, gamma), atol=1e-8):
        return fallo("Has cambiado gamma y beta: gamma multiplica y beta se suma.")
    return fallo("No coincide con torch.nn.LayerNorm: μ y σ² del último eje (keepdims=True), "
                 "x̂ = (x − μ) / √(σ² + eps) y después gamma · x̂ + beta.")


# --- Ejercicio 7 · predice: la primera fusión de BPE -------------------------------------------
#: Marca de fin de palabra que BPE añade a cada palabra antes de contar pares.
FIN_DE_PALABRA = "</w>"

#: Cuántas veces aparece cada palabra en un corpus diminuto. BPE parte cada palabra en caracteres
#: más la marca de fin, p. ej. ``casas`` → ``c a s a s </w>``.
PALABRAS_BPE: dict[str, int] = {"casas": 4, "mesa": 2, "peso": 1, "queso": 1}


def _pares_bpe(modo: str) -> Counter[tuple[str, str]]:
    """Cuenta los pares vecinos de ``PALABRAS_BPE``. ``modo``: ``"ocurrencias"`` (lo correcto),
    ``"tipos"`` (una vez por palabra distinta), ``"presencia"`` (una vez por palabra, con su
    frecuencia), ``"sin_peso"`` (cada ocurrencia, sin la frecuencia)."""
    cuenta: Counter[tuple[str, str]] = Counter()
    for palabra, frecuencia in PALABRAS_BPE.items():
        simbolos = [*palabra, FIN_DE_PALABRA]
        pares = list(zip(simbolos, simbolos[1:]))
        for par in (set(pares) if modo in ("tipos", "presencia") else pares):
            cuenta[par] += frecuencia if modo in ("ocurrencias", "presencia") else 1
    return cuenta


@autocomprobacion
def comprobar_fusion_bpe(par: tuple[str, str], frecuencia: int) -> bool:
    """Ejercicio 7: el primer par que fusiona BPE en ``PALABRAS_BPE`` y cuántas veces aparece."""
    if isinstance(par, str):
        return fallo("Responde con una tupla de dos símbolos, por ejemplo ('q', 'u').")
    try:
        simbolos = tuple(par)
    except TypeError:
        return fallo("Responde con una tupla de dos símbolos, por ejemplo ('q', 'u').")
    if len(simbolos) != 2 or not all(isinstance(s, str) for s in simbolos):
        return fallo("El par son dos símbolos (textos), por ejemplo ('q', 'u').")
    simbolos = (simbolos[0], simbolos[1])
    valor = respuesta_entera(frecuencia)
    if valor is None:
        return fallo("La frecuencia es un número entero.")
    cuenta = _pares_bpe("ocurrencias")
    (mejor, veces), = cuenta.most_common(1)
    if simbolos == mejor and valor == veces:
        return informar(True, f"{mejor} aparece {veces} veces: dos en cada «casas» (c a s a s), que sale 4 "
                              "veces. Se cuentan ocurrencias, pesadas por la frecuencia de cada palabra.", "")
    if simbolos[0] == FIN_DE_PALABRA or simbolos not in cuenta:
        return fallo(f"{simbolos} no aparece dentro de ninguna palabra: los pares se cuentan DENTRO de cada "
                     "palabra, nunca entre el final de una y el principio de la siguiente (para eso está la "
                     f"marca {FIN_DE_PALABRA}).")
    if simbolos == _pares_bpe("tipos").most_common(1)[0][0]:
        return fallo(f"{simbolos} es el par que aparece en más palabras DISTINTAS; BPE cuenta ocurrencias: "
                     "cada palabra pesa tantas veces como sale en el corpus.")
    if simbolos == _pares_bpe("presencia").most_common(1)[0][0]:
        return fallo(f"{simbolos} gana si cuentas cada par una sola vez por palabra; pero en «casas» un par "
                     "aparece DOS veces, y cuentan las dos.")
    if simbolos == mejor:
        pistas = {_pares_bpe("tipos")[mejor]: "has contado palabras distintas, no ocurrencias",
                  _pares_bpe("presencia")[mejor]: "lo has contado una sola vez en «casas», donde aparece dos",
                  _pares_bpe("sin_peso")[mejor]: "no has multiplicado por la frecuencia de la palabra (4)"}
        return fallo(f"El par es el bueno, pero la frecuencia no: {pistas.get(valor, 'cuéntalo otra vez')}.")
    return fallo(f"{simbolos} aparece {cuenta[simbolos]} veces, pero hay un par más frecuente: cuenta cada "
                 "par vecino de cada palabra, multiplicado por lo que sale esa palabra.")


# --- Ejercicio 8 · predice: parámetros de un GPT pequeño ---------------------------------------
#: Un GPT diminuto: embeddings de tóken y de posición aprendidos, bloques pre-LN (LayerNorm →
#: atención multicabeza → residuo; LayerNorm → MLP → residuo), un LayerNorm final y la cabeza de
#: salida atada al embedding de tókenes, sin sesgo. Todas las demás capas lineales llevan sesgo.
CONFIG_GPT_EJERCICIO: dict[str, int | bool] = {
    "vocabulario": 65,
    "contexto": 32,
    "dimension": 64,
    "bloques": 2,
    "cabezas": 4,
    "dimension_mlp": 256,
    "pesos_atados": True,
}


def _parametros_gpt(posiciones: bool = True, ln_final: bool = True, atados: bool = True,
                    sesgo_salida: bool = False, bloques: int | None = None, mlp: int | None = None,
                    layernorms: bool = True, mascara: bool = False) -> int:
    c = CONFIG_GPT_EJERCICIO
    V, T, D = int(c["vocabulario"]), int(c["contexto"]), int(c["dimension"])
    L = int(c["bloques"]) if bloques is None else bloques
    M = int(c["dimension_mlp"]) if mlp is None else mlp
    ln = 2 * D if layernorms else 0
    bloque = 2 * ln + 4 * (D * D + D) + (D * M + M) + (M * D + D) + (T * T if mascara else 0)
    total = V * D + (T * D if posiciones else 0) + L * bloque + (ln if ln_final else 0)
    return total + (0 if atados else V * D) + (V if sesgo_salida else 0)


@autocomprobacion
def comprobar_parametros_gpt(respuesta: int) -> bool:
    """Ejercicio 8: número de parámetros del GPT de ``CONFIG_GPT_EJERCICIO``.

    Pista: V·D + T·D + L·[2·(2D) + 4·(D² + D) + (D·M + M) + (M·D + D)] + 2D, con la cabeza atada."""
    valor = respuesta_entera(respuesta)
    if valor is None:
        return fallo("Responde con un número entero.")
    correcta = _parametros_gpt()
    if valor == correcta:
        return informar(True, f"{correcta} = 65·64 + 32·64 + 2 × 49 984 + 128: la cabeza de salida reutiliza "
                              "el embedding de tókenes (65·64 = 4160 parámetros ahorrados).", "")
    errores = [
        (_parametros_gpt(atados=False), "Has contado la cabeza de salida aparte: está ATADA al embedding de "
                                        "tókenes (usa la misma matriz V × D), así que no añade nada."),
        (_parametros_gpt(atados=False, sesgo_salida=True),
         "Has contado la cabeza de salida aparte (y con sesgo): está atada al embedding y no tiene sesgo."),
        (_parametros_gpt(sesgo_salida=True), "La cabeza de salida no tiene sesgo (65 parámetros de más)."),
        (_parametros_gpt(posiciones=False), "Te has olvidado de los embeddings de posición: T·D = 32·64 "
                                            "parámetros aprendidos."),
        (_parametros_gpt(ln_final=False), "Te has olvidado del LayerNorm final (2·64), el que va antes de la "
                                          "cabeza de salida."),
        (_parametros_gpt(layernorms=False, ln_final=False),
         "Te has olvidado de los LayerNorm: cada uno tiene gamma y beta (2·D); dos por bloque y uno final."),
        (_parametros_gpt(bloques=1), "Has contado un solo bloque; hay 2, cada uno con sus propios pesos."),
        (_parametros_gpt(mlp=int(CONFIG_GPT_EJERCICIO["dimension"])),
         "El MLP se ensancha a M = 4·D = 256 y vuelve a D: (D·M + M) + (M·D + D)."),
        (_parametros_gpt(mascara=True),
         "La máscara causal (T × T) no es un parámetro: es fija, no se aprende."),
    ]
    for numero, pista in errores:
        if valor == numero:
            return fallo(pista)
    return fallo("Suma: embedding de tókenes V·D, posiciones T·D, por bloque dos LayerNorm (2·2D), la "
                 "atención 4·(D² + D) y el MLP (D·M + M) + (M·D + D), y un LayerNorm final 2D.")


# --- Ejercicio 9 · implementa: filtrado top-p (núcleo) -----------------------------------------
def _top_p(probabilidades: np.ndarray, p: float, incluir_cruce: bool = True, renormalizar: bool = True,
           ascendente: bool = False) -> np.ndarray:
    orden = np.argsort(probabilidades) if ascendente else np.argsort(-probabilidades, kind="stable")
    ordenadas = probabilidades[orden]
    acumulada = np.cumsum(ordenadas)
    quedan = (acumulada - ordenadas < p) if incluir_cruce else (acumulada < p)
    filtradas = np.zeros_like(probabilidades)
    filtradas[orden[quedan]] = ordenadas[quedan]
    if renormalizar:
        with np.errstate(invalid="ignore", divide="ignore"):
            filtradas = filtradas / filtradas.sum()
    return filtradas


def _casos_top_p() -> list[tuple[np.ndarray, float]]:
    base = np.array([0.05, 0.4, 0.1, 0.25, 0.2])
    return [(base, 0.3), (base, 0.7), (np.array([0.125, 0.5, 0.125, 0.25]), 1.0)]


@autocomprobacion
def comprobar_top_p(funcion: Callable[[np.ndarray, float], np.ndarray]) -> bool:
    """Ejercicio 9: ``funcion(probabilidades, p)`` con un vector (V,) debe dejar el núcleo (el conjunto
    más pequeño de tókenes más probables cuya suma llega a p, incluido el que la cruza), poner 0 en el
    resto y renormalizar para que sume 1, en el orden original del vocabulario."""
    for probabilidades, p in _casos_top_p():
        with np.errstate(invalid="ignore", divide="ignore"):
            salida = funcion(probabilidades.copy(), p)
            resultado = _arreglo_o_none(salida, "las probabilidades filtradas (V,)")
        if resultado is None:
            return sin_hacer()
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = _top_p(probabilidades, p)
        if resultado.shape != esperado.shape:
            return fallo(f"Devuelve una probabilidad por tóken del vocabulario, forma {esperado.shape} "
                         f"(con 0 en los descartados); llegó {resultado.shape}.")
        if _cerca(resultado, esperado):
            continue
        if p >= 1.0:
            return fallo("Con p = 1 hay que conservar todos los tókenes: el núcleo es todo el vocabulario. "
                         "¿Comparas la suma acumulada con < p? El tóken que la lleva a p también entra.")
        if not np.all(np.isfinite(resultado)) or np.allclose(resultado, 0.0):
            return fallo(f"Con p = {p} no te queda ningún tóken (o sale NaN): el tóken que CRUZA p también "
                         "entra; el más probable siempre se queda.")
        errores = [
            (_top_p(probabilidades, p, incluir_cruce=False),
             "Has dejado fuera el tóken que cruza p: el núcleo es el conjunto MÁS PEQUEÑO cuya suma llega a "
             "p, así que incluye el que la hace pasar de p (guarda los tókenes cuya suma ANTERIOR es < p)."),
            (_top_p(probabilidades, p, renormalizar=False),
             "Te falta renormalizar: después de poner a 0 los descartados, divide entre la suma de los que "
             "quedan para que sumen 1."),
            (_top_p(probabilidades, p, incluir_cruce=False, renormalizar=False),
             "Has dejado fuera el tóken que cruza p y te falta renormalizar."),
            (_top_p(probabilidades, p, ascendente=True),
             "Has ordenado de menor a mayor: el núcleo se forma con los tókenes MÁS probables (orden "
             "descendente)."),
            (np.sort(esperado)[::-1], "Has devuelto las probabilidades ordenadas: devuélvelas en el orden "
                                      "original del vocabulario (escribe en los índices de argsort)."),
        ]
        for variante, pista in errores:
            if _cerca(resultado, variante):
                return fallo(pista)
        if _cerca(resultado, probabilidades):
            return fallo(f"No has filtrado nada: con p = {p} sólo se quedan los tókenes más probables hasta "
                         "sumar p.")
        return fallo("No coincide: ordena de mayor a menor, suma acumulada, guarda los tókenes cuya suma "
                     "anterior es < p, pon 0 en el resto y renormaliza.")
    return informar(True, "el núcleo incluye el tóken que cruza p, se renormaliza y con p = 1 se conserva "
                          "todo.", "")

