"""Autocomprobaciones de los ejercicios del Lab11 (escriben ✅, ❌ con una pista, o ⏳ si el
ejercicio está sin hacer).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Cuando
la respuesta coincide con un error típico del ejercicio, el mensaje lo nombra. Las referencias se
calculan aquí mismo con las fórmulas de ``teoria.md`` (y, para la LSTM, con ``torch.nn.LSTMCell``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
    autocomprobacion,
    fallo,
    informar,
    respuesta_arreglo,
    respuesta_entera,
    respuesta_forma,
    respuesta_real,
)

__all__ = [
    "comprobar_parametros_lstm",
    "comprobar_formas_lstm_torch",
    "comprobar_paso_rnn",
    "comprobar_paso_lstm",
    "comprobar_ventanas_serie",
    "comprobar_estandarizacion_temporal",
    "comprobar_softmax_temperatura",
    "comprobar_perplejidad_uniforme",
    "comprobar_recorte_norma_global",
]












def _cerca(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-6))


def _sigmoide(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


# --- Ejercicio 1 · predice: parámetros de una nn.LSTM --------------------------------------------
#: ``nn.LSTM(input_size=6, hidden_size=10)`` que lee secuencias de 25 pasos.
_P_F, _P_H, _P_T = 6, 10, 25


@autocomprobacion
def comprobar_parametros_lstm(respuesta: int) -> bool:
    """Ejercicio 1: número de parámetros de ``torch.nn.LSTM(input_size=6, hidden_size=10)``
    (la misma capa lee secuencias de 25 pasos)."""
    valor = respuesta_entera(respuesta)
    if valor is None:
        return fallo("Responde con un número entero.")
    bloque = _P_H * _P_F + _P_H * _P_H + 2 * _P_H  # una puerta: W_ih, W_hh y dos sesgos
    correcta = 4 * bloque
    if valor == correcta:
        return informar(True, f"{correcta} = 4 puertas × (10·6 + 10·10 + 2·10) = 4 × {bloque}; "
                              "no depende de los 25 pasos.", "")
    if valor == bloque:
        return fallo(f"{bloque} es la cuenta de una RNN simple: te has olvidado del × 4 de las cuatro "
                    "puertas (i, f, g, o), cada una con sus W_ih, W_hh y sesgos.")
    if valor == 4 * _P_H * (_P_F + _P_H + 1):
        return fallo("Has contado un solo sesgo por puerta, como Keras; PyTorch guarda dos, b_ih y b_hh "
                    f"(4·{_P_H} parámetros más).")
    if valor in (4 * (_P_H * _P_F + 2 * _P_H), 4 * (_P_H * _P_F + _P_H)):
        return fallo("Te has olvidado de W_hh: cada puerta mira también el estado anterior, con una matriz "
                    f"de {_P_H}×{_P_H}.")
    if valor in (correcta * _P_T, bloque * _P_T):
        return fallo("Has contado los parámetros en cada paso de tiempo: la LSTM usa los mismos pesos en "
                    "todos los pasos, así que la cuenta no depende de T.")
    if valor == 3 * bloque:
        return fallo(f"{valor} = 3 bloques es la cuenta de una GRU; la LSTM tiene cuatro (i, f, g, o).")
    if valor == 4 * (_P_H * _P_F + _P_H * _P_H):
        return fallo("Te has olvidado de los sesgos: b_ih y b_hh, de tamaño 4H cada uno.")
    return fallo("Cuenta una puerta (W_ih de H×F, W_hh de H×H y dos sesgos de H) y multiplica por las "
                "cuatro puertas.")


# --- Ejercicio 2 · predice: formas que devuelve nn.LSTM con batch_first=True -------------------
#: ``nn.LSTM(5, 7, batch_first=True)`` aplicada a ``x`` de forma (3, 10, 5).
_N2, _T2, _F2, _H2 = 3, 10, 5, 7


@autocomprobacion
def comprobar_formas_lstm_torch(forma_salida: tuple[int, ...], forma_h_n: tuple[int, ...]) -> bool:
    """Ejercicio 2: formas de ``salida`` y de ``h_n`` en ``salida, (h_n, c_n) = lstm(x)`` con
    ``lstm = nn.LSTM(5, 7, batch_first=True)`` y ``x`` de forma ``(3, 10, 5)``."""
    salida, h_n = respuesta_forma(forma_salida), respuesta_forma(forma_h_n)
    if salida is None or h_n is None:
        return fallo("Responde con dos tuplas de enteros, por ejemplo forma_salida = (2, 4, 6).")
    bien_salida, bien_h_n = (_N2, _T2, _H2), (1, _N2, _H2)
    if salida == bien_salida and h_n == bien_h_n:
        return informar(True, "salida (N, T, H) = (3, 10, 7), todos los pasos; h_n (capas, N, H) = "
                              "(1, 3, 7): batch_first no cambia h_n.", "")
    if _F2 in (salida[-1:] + h_n[-1:]) and _H2 not in (salida[-1:] + h_n[-1:]):
        return fallo("El último eje es el tamaño oculto, H = 7 (hidden_size), no los 5 rasgos de entrada: "
                    "la LSTM transforma cada x_t de 5 números en un estado de 7.")
    if salida == (_T2, _N2, _H2):
        return fallo("Has puesto el tiempo primero, (T, N, H): ese es el orden por defecto de PyTorch, pero "
                    "con batch_first=True la salida es (N, T, H).")
    if salida == (_N2, _H2):
        return fallo("La salida trae todos los pasos, (N, T, H); el último estado solo es h_n (o "
                    "salida[:, -1]).")
    if salida == (_N2, _T2, 4 * _H2) or h_n[-1:] == (4 * _H2,):
        return fallo("Las cuatro puertas sólo están dentro de los pesos (4H filas); "
                     "los estados tienen H = 7.")
    if salida != bien_salida:
        return fallo(f"forma_salida = {salida} no es la de un lote (N, T, F) = (3, 10, 5) leído con H = 7.")
    if h_n == (_N2, _H2):
        return fallo("A h_n le falta el eje de las capas: siempre es (capas·direcciones, N, H), aquí "
                    "(1, 3, 7), aunque haya una sola capa.")
    if h_n == (_N2, 1, _H2):
        return fallo("batch_first=True sólo afecta a la entrada y a salida, no a h_n: las capas van "
                    "primero, (1, N, H).")
    if h_n in ((1, _T2, _H2), (_T2, _N2, _H2), (_N2, _T2, _H2)):
        return fallo("h_n es el estado del último paso, no de todos: no tiene eje T; es (capas, N, H).")
    return fallo(f"forma_h_n = {h_n} no cuadra: h_n es (capas·direcciones, N, H).")


# --- Ejercicio 3 · implementa: un paso de RNN ----------------------------------------------------
def _casos_rnn() -> list[tuple[np.ndarray, ...]]:
    """Un caso cuadrado (F = H) y otro con F ≠ H: sólo el segundo descubre una trasposición."""
    rng = np.random.default_rng(11)
    casos = []
    for n, f, h in ((3, 4, 4), (4, 3, 5)):
        casos.append((rng.normal(size=(n, f)), rng.normal(size=(n, h)) * 0.5,
                      rng.normal(size=(h, f)) * 0.6, rng.normal(size=(h, h)) * 0.6,
                      rng.normal(size=h), rng.normal(size=h)))
    return casos


def _errores_rnn(x: np.ndarray, h: np.ndarray, W_ih: np.ndarray, W_hh: np.ndarray, b_ih: np.ndarray,
                 b_hh: np.ndarray) -> list[tuple[Callable[[], np.ndarray], str]]:
    a = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    return [
        (lambda: np.tanh(x @ W_ih + b_ih + h @ W_hh + b_hh),
         "Te falta trasponer los pesos: W_ih es (H, F), así que con las filas del lote se calcula "
         "x_t @ W_ih.T (y h @ W_hh.T)."),
        (lambda: np.tanh(x @ W_ih + b_ih + h @ W_hh.T + b_hh),
         "Te falta trasponer W_ih: con las filas del lote es x_t @ W_ih.T."),
        (lambda: np.tanh(x @ W_ih.T + b_ih + h @ W_hh + b_hh),
         "Te falta trasponer W_hh: con las filas del lote es h @ W_hh.T."),
        (lambda: a, "Te has olvidado de la tanh: h_t = tanh(x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh)."),
        (lambda: _sigmoide(a), "Has usado la sigmoide: la RNN simple usa tanh, que da estados entre −1 y 1."),
        (lambda: np.maximum(a, 0.0), "Has usado ReLU: la RNN simple de la teoría (y de PyTorch) usa tanh."),
        (lambda: np.tanh(a - b_ih), "Te has olvidado de un sesgo, b_ih: se suman los dos, b_ih y b_hh."),
        (lambda: np.tanh(a - b_hh), "Te has olvidado de un sesgo, b_hh: se suman los dos, b_ih y b_hh."),
        (lambda: np.tanh(a - b_ih - b_hh), "Te has olvidado de los dos sesgos, b_ih y b_hh."),
        (lambda: np.tanh(x @ W_hh.T + b_ih + h @ W_ih.T + b_hh),
         "Has cruzado los pesos: W_ih multiplica la entrada x_t y W_hh el estado anterior h."),
    ]


@autocomprobacion
def comprobar_paso_rnn(funcion: Callable[..., np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(x_t, h, W_ih, W_hh, b_ih, b_hh)`` debe dar
    ``tanh(x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh)`` para un lote ``x_t`` (N, F) y ``h`` (N, H)."""
    for x, h, W_ih, W_hh, b_ih, b_hh in _casos_rnn():
        n, f = x.shape
        hh = h.shape[1]
        try:
            salida = funcion(x.copy(), h.copy(), W_ih.copy(), W_hh.copy(), b_ih.copy(), b_hh.copy())
        except NotImplementedError:
            raise
        except ValueError as error:
            return fallo(f"Con F = {f} ≠ H = {hh} tu función falla ({error}): las formas no encajan. "
                        "¿Te falta trasponer? W_ih es (H, F): se calcula x_t @ W_ih.T (y h @ W_hh.T).")
        resultado = respuesta_arreglo(salida, "el nuevo estado (N, H)")
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = np.tanh(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        if _cerca(resultado, esperado):
            continue
        if resultado.shape == (hh, n) and hh != n:
            return fallo(f"La salida está traspuesta, {resultado.shape}: devuelve una fila por ejemplo, "
                        f"(N, H) = {(n, hh)} (calcula x_t @ W_ih.T, no W_ih @ x_t.T).")
        if resultado.shape != esperado.shape:
            return fallo(f"Forma {resultado.shape}, y se esperaba (N, H) = {esperado.shape}.")
        for error, pista in _errores_rnn(x, h, W_ih, W_hh, b_ih, b_hh):
            try:
                variante = error()
            except ValueError:
                continue
            if _cerca(resultado, variante):
                return fallo(pista)
        return fallo("Los valores no coinciden con h_t = tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh).")
    return informar(True, "coincide con tanh(x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh), también con F ≠ H.", "")


# --- Ejercicio 4 · implementa: un paso de LSTM ---------------------------------------------------
_PUERTAS = "ifgo"


def _lstm_variante(x: np.ndarray, h: np.ndarray, c: np.ndarray, W_ih: np.ndarray, W_hh: np.ndarray,
                   b_ih: np.ndarray, b_hh: np.ndarray, bloques: Sequence[int] = (0, 1, 2, 3),
                   activaciones: str = "ssts", celda: str = "suma",
                   salida: str = "tanh") -> tuple[np.ndarray, np.ndarray]:
    """Un paso de LSTM con un error a elegir. ``bloques[k]`` es el trozo de la preactivación que se
    usa como la puerta ``"ifgo"[k]``; ``activaciones[k]`` es ``s`` (sigmoide) o ``t`` (tanh)."""
    H = h.shape[1]
    a = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    trozos = [a[:, b * H:(b + 1) * H] for b in bloques]
    i, f, g, o = (_sigmoide(z) if act == "s" else np.tanh(z) for z, act in zip(trozos, activaciones))
    c_nuevo = f * c * i * g if celda == "producto" else f * c + i * g
    if salida == "sin_tanh":
        h_nuevo = o * c_nuevo
    elif salida == "celda_vieja":
        h_nuevo = o * np.tanh(c)
    else:
        h_nuevo = o * np.tanh(c_nuevo)
    return h_nuevo, c_nuevo


def _caso_lstm() -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(12)
    n, f, h = 3, 4, 5
    return (rng.normal(size=(n, f)), rng.normal(size=(n, h)) * 0.5, rng.normal(size=(n, h)),
            rng.normal(size=(4 * h, f)) * 0.7, rng.normal(size=(4 * h, h)) * 0.7,
            rng.normal(size=4 * h) * 0.5, rng.normal(size=4 * h) * 0.5)


def _referencia_lstm_torch(x: np.ndarray, h: np.ndarray, c: np.ndarray, W_ih: np.ndarray,
                           W_hh: np.ndarray, b_ih: np.ndarray,
                           b_hh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``torch.nn.LSTMCell`` con los pesos copiados (import perezoso: sólo si se usa)."""
    import torch

    celda = torch.nn.LSTMCell(x.shape[1], h.shape[1], dtype=torch.float64)
    with torch.no_grad():
        for nombre, valor in (("weight_ih", W_ih), ("weight_hh", W_hh), ("bias_ih", b_ih),
                              ("bias_hh", b_hh)):
            getattr(celda, nombre).copy_(torch.from_numpy(valor))
        h_t, c_t = celda(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    return h_t.numpy(), c_t.numpy()


def _errores_lstm() -> list[tuple[dict[str, Any], str]]:
    errores: list[tuple[dict[str, Any], str]] = []
    for orden in itertools.permutations(range(4)):
        if orden == (0, 1, 2, 3):
            continue
        supuesto = "".join(_PUERTAS[orden.index(b)] for b in range(4))
        errores.append(({"bloques": orden},
                        f"El orden de las puertas no es el de PyTorch: has cortado los bloques como "
                        f"«{', '.join(supuesto)}», y W_ih, W_hh y los sesgos las apilan i, f, g, o."))
    errores += [
        ({"activaciones": "ssss"}, "Has puesto una sigmoide en el candidato g: g usa tanh (propone valores "
                                   "entre −1 y 1); i, f y o usan sigmoide."),
        ({"activaciones": "tttt"}, "Has usado tanh en todas: i, f y o son puertas (sigmoide, entre 0 y 1); "
                                   "sólo el candidato g usa tanh."),
        ({"activaciones": "tsts"}, "Has usado tanh en la puerta i: las puertas i, f y o usan sigmoide."),
        ({"activaciones": "stts"}, "Has usado tanh en la puerta f: las puertas i, f y o usan sigmoide."),
        ({"activaciones": "sstt"}, "Has usado tanh en la puerta o: las puertas i, f y o usan sigmoide."),
        ({"celda": "producto"}, "Has multiplicado todo en la celda: c = f·c + i·g es una suma (el camino "
                                "aditivo), no f·c·i·g."),
        ({"salida": "sin_tanh"}, "Te falta la tanh de la salida: h = o · tanh(c_nuevo), no o · c_nuevo."),
        ({"salida": "celda_vieja"}, "Has usado la celda anterior en la salida: h = o · tanh(c_nuevo), con "
                                    "la celda ya actualizada."),
    ]
    return errores


@autocomprobacion
def comprobar_paso_lstm(funcion: Callable[..., tuple[np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 4: ``funcion(x_t, h, c, W_ih, W_hh, b_ih, b_hh)`` debe devolver
    ``(h_nuevo, c_nuevo)`` con las puertas en el orden de PyTorch (i, f, g, o), como
    ``torch.nn.LSTMCell`` con los mismos pesos."""
    caso = _caso_lstm()
    x, h, c = caso[:3]
    salida = funcion(*(a.copy() for a in caso))
    if not isinstance(salida, (tuple, list)) or len(salida) != 2:
        return fallo("Devuelve el par (h_nuevo, c_nuevo): la LSTM actualiza dos memorias.")
    h_res, c_res = (respuesta_arreglo(s, "h_nuevo y c_nuevo") for s in salida)
    for resultado in (h_res, c_res):
        if isinstance(resultado, str):
            return fallo(resultado)
    assert isinstance(h_res, np.ndarray) and isinstance(c_res, np.ndarray)
    if h_res.shape != h.shape or c_res.shape != c.shape:
        return fallo(f"h_nuevo y c_nuevo deben tener la forma de h y c, (N, H) = {h.shape}; llegaron "
                    f"{h_res.shape} y {c_res.shape}.")
    h_bien, c_bien = _referencia_lstm_torch(*caso)
    if _cerca(h_res, h_bien) and _cerca(c_res, c_bien):
        return informar(True, "coincide con torch.nn.LSTMCell: c = f·c + i·g y h = o·tanh(c), con las "
                              "puertas en el orden i, f, g, o.", "")
    if _cerca(h_res, c_bien) and _cerca(c_res, h_bien):
        return fallo("Has devuelto el par al revés: primero h_nuevo, después c_nuevo.")
    for opciones, pista in _errores_lstm():
        h_mal, c_mal = _lstm_variante(*caso, **opciones)
        if _cerca(h_res, h_mal) and _cerca(c_res, c_mal):
            return fallo(pista)
    if _cerca(c_res, c_bien):
        return fallo("c_nuevo está bien, pero h_nuevo no: h = o · tanh(c_nuevo), con o = σ(cuarto "
                    "bloque).")
    return fallo("No coincide con torch.nn.LSTMCell: corta a = x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh en cuatro "
                "trozos de H (i, f, g, o), aplica σ, σ, tanh, σ y usa c = f·c + i·g, h = o·tanh(c).")


# --- Ejercicio 5 · implementa: ventanas de una serie ---------------------------------------------
def _inicio_ventana(fila: np.ndarray, serie: np.ndarray) -> int | None:
    p = len(fila)
    for s in range(len(serie) - p + 1):
        if np.allclose(fila, serie[s:s + p]):
            return s
    return None


@autocomprobacion
def comprobar_ventanas_serie(funcion: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 5: ``funcion(serie, longitud)`` debe devolver ``X`` (N, longitud) con todas las
    ventanas consecutivas (de una en una) e ``y`` (N,) con el valor justo DESPUÉS de cada ventana."""
    rng = np.random.default_rng(13)
    for largo, p in ((15, 4), (11, 3)):
        serie = rng.permutation(largo) * 1.5 + 3.25  # valores distintos: cada ventana se reconoce
        try:
            salida = funcion(serie.copy(), p)
        except IndexError:
            return fallo("Tu función se sale de la serie (IndexError): sobran ventanas. Sólo hay "
                        "len(serie) − longitud ventanas con objetivo; la última termina en el penúltimo "
                        "valor.")
        if not isinstance(salida, (tuple, list)) or len(salida) != 2:
            return fallo("Devuelve dos cosas: X (las ventanas) e y (los objetivos).")
        X, y = (respuesta_arreglo(s, "X e y") for s in salida)
        if isinstance(X, str) or isinstance(y, str):
            return fallo(X if isinstance(X, str) else str(y))
        n_bien = largo - p
        if X.ndim == 2 and X.shape[0] == p and X.shape[1] != p:
            return fallo(f"X está traspuesta, {X.shape}: cada FILA es una ventana, (N, longitud).")
        if X.ndim != 2 or X.shape[1] != p:
            return fallo(f"X debe tener forma (N, longitud) = (N, {p}): una fila por ventana; "
                        f"llegó {X.shape}.")
        y = y.reshape(-1) if y.ndim == 2 and 1 in y.shape else y
        if y.ndim != 1 or len(y) != len(X):
            return fallo(f"y debe ser un vector con un objetivo por ventana: {len(X)} valores; "
                        f"llegó {y.shape}.")
        inicios = [_inicio_ventana(fila, serie) for fila in X]
        if any(s is None for s in inicios):
            return fallo("Alguna fila de X no es un trozo consecutivo de la serie: "
                        "X[k] = serie[k : k + longitud].")
        saltos = np.diff(inicios)  # type: ignore[arg-type]
        if len(saltos) and np.all(saltos == p):
            return fallo("Tus ventanas saltan de longitud en longitud, sin solaparse: la ventana se "
                        "desliza de uno en uno (X[k] = serie[k : k + longitud]) y así salen muchos más "
                        "ejemplos.")
        if len(saltos) and not np.all(saltos == 1):
            return fallo("Tus ventanas saltan valores: cada una empieza un paso después de la anterior.")
        if inicios[0] != 0:
            return fallo("Te saltas las primeras ventanas: la primera es serie[0 : longitud].")
        desfases = {next((d for d in range(-1, p + 3)
                          if 0 <= s + d < largo and np.isclose(v, serie[s + d])), None)  # type: ignore[operator]
                    for s, v in zip(inicios, y)}
        if desfases == {p - 1}:
            return fallo("El objetivo está dentro de la ventana (es su último valor): y[k] es el valor justo "
                        "DESPUÉS, serie[k + longitud]. Así el modelo copiaría en lugar de predecir.")
        if desfases == {p + 1}:
            return fallo("El objetivo llega un paso tarde: y[k] = serie[k + longitud], el valor "
                        "inmediatamente siguiente a la ventana, no el de dos pasos después.")
        if desfases != {p}:
            return fallo("Los objetivos no son el valor siguiente a cada ventana: "
                         "y[k] = serie[k + longitud].")
        if len(X) < n_bien:
            return fallo(f"Te faltan ventanas: una serie de {largo} valores con longitud {p} da "
                        f"{largo} − {p} = {n_bien}, y tú das {len(X)} (¿range(len(serie) − longitud − 1)?).")
        if len(X) > n_bien:
            return fallo(f"Sobran ventanas: sólo hay {largo} − {p} = {n_bien} con objetivo; "
                         "la última ventana termina en el penúltimo valor.")
    return informar(True, "X[k] = serie[k : k + longitud] e y[k] = serie[k + longitud]: "
                          "len(serie) − longitud ventanas.", "")


# --- Ejercicio 6 · implementa: estandarizar una serie sin fuga -----------------------------------
@autocomprobacion
def comprobar_estandarizacion_temporal(funcion: Callable[[np.ndarray, int], np.ndarray]) -> bool:
    """Ejercicio 6: ``funcion(serie, n_entrenamiento)`` debe devolver toda la serie estandarizada con
    la media y la desviación típica (``ddof=0``) de los primeros ``n_entrenamiento`` valores."""
    rng = np.random.default_rng(14)
    t = np.arange(60)
    serie = 320 + 0.4 * t + 3 * np.sin(2 * np.pi * t / 12) + rng.normal(scale=0.5, size=60)
    n = 40
    resultado = respuesta_arreglo(funcion(serie.copy(), n), "la serie estandarizada")
    if isinstance(resultado, str):
        return fallo(resultado)
    resultado = resultado.reshape(-1) if resultado.ndim == 2 and 1 in resultado.shape else resultado
    entrenamiento, prueba = serie[:n], serie[n:]
    mu, sd = entrenamiento.mean(), entrenamiento.std()
    esperado = (serie - mu) / sd
    if resultado.shape == (n,):
        return fallo(f"Devuelve la serie entera ({len(serie)} valores) estandarizada con μ y σ del "
                    "entrenamiento, no sólo el trozo de entrenamiento.")
    if resultado.shape != esperado.shape:
        return fallo(f"Devuelve un valor por cada valor de la serie: forma {esperado.shape}, "
                    f"no {resultado.shape}.")
    if _cerca(resultado, esperado):
        return informar(True, f"μ = {mu:.4f} y σ = {sd:.4f} salen sólo del entrenamiento; la prueba queda "
                              f"por encima (hasta {esperado.max():.4f}): es la tendencia.", "")
    errores = [
        ((serie - serie.mean()) / serie.std(),
         "Has calculado μ y σ con toda la serie: es fuga de información (el entrenamiento «ve» el futuro). "
         "Usa sólo serie[:n_entrenamiento]."),
        ((serie - serie.mean()) / serie.std(ddof=1),
         "Has calculado μ y σ con toda la serie (y ddof=1): es fuga de información. Usa sólo "
         "serie[:n_entrenamiento] y ddof=0."),
        ((serie - mu) / entrenamiento.std(ddof=1),
         "Has usado ddof=1 (la desviación «muestral»); en el curso se estandariza con ddof=0, lo que "
         "da np.std por defecto."),
        (np.concatenate([(entrenamiento - mu) / sd, (prueba - prueba.mean()) / prueba.std()]),
         "Has estandarizado el entrenamiento y la prueba por separado: la prueba debe usar la μ y la σ "
         "del entrenamiento (si no, usa información del futuro y borra la tendencia)."),
        ((serie - mu) / sd**2, "Has dividido entre la varianza; se divide entre la desviación típica σ."),
        (serie - mu, "Te falta dividir entre σ: sólo has restado la media."),
        (serie / sd, "Te falta restar la media μ del entrenamiento."),
    ]
    for variante, pista in errores:
        if _cerca(resultado, variante):
            return fallo(pista)
    return fallo("No coincide con (serie − μ) / σ, con μ = serie[:n].mean() y σ = serie[:n].std().")


# --- Ejercicio 7 · implementa: softmax con temperatura -------------------------------------------
def _softmax(z: np.ndarray, eje: int | None = -1) -> np.ndarray:
    e = np.exp(z - np.max(z, axis=eje, keepdims=True))
    return e / np.sum(e, axis=eje, keepdims=True)


@autocomprobacion
def comprobar_softmax_temperatura(funcion: Callable[[np.ndarray, float], np.ndarray]) -> bool:
    """Ejercicio 7: ``funcion(logits, temperatura)`` debe dar ``softmax(logits / temperatura)`` sobre
    el último eje, también para un lote (B, V) y sin desbordarse con logits grandes."""
    rng = np.random.default_rng(15)
    casos = [
        (rng.normal(size=6) * 2, 0.5),
        (rng.normal(size=6) * 2, 2.0),
        (rng.normal(size=(3, 5)) * 2, 0.7),
        (rng.normal(size=(2, 4)) * 30 + 800, 1.0),
    ]
    for logits, tau in casos:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            resultado = respuesta_arreglo(funcion(logits.copy(), tau), "las probabilidades")
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = _softmax(logits / tau)
        if resultado.shape != esperado.shape:
            return fallo(f"Devuelve una probabilidad por logit: forma {esperado.shape}, "
                         f"no {resultado.shape}.")
        if not np.all(np.isfinite(resultado)):
            return fallo("Con logits grandes (cerca de 800) salen inf o NaN: exp(800) se desborda. Resta el "
                        "máximo de cada fila antes de exp; softmax no cambia al restar una constante.")
        if _cerca(resultado, esperado):
            continue
        errores: list[tuple[np.ndarray, str]] = [
            (_softmax(logits * tau), "Has multiplicado por la temperatura: se DIVIDE, softmax(z / τ); con "
                                     "τ < 1 la distribución se afila y con τ > 1 se aplana."),
            (_softmax(logits), "No has usado la temperatura: divide los logits entre τ antes del softmax."),
            (logits / tau, "Falta el softmax: dividir entre τ da logits, no probabilidades (deben sumar 1)."),
        ]
        if logits.ndim == 2:
            errores += [
                (_softmax(logits / tau, eje=0), "Has normalizado sobre el eje equivocado: en un lote (B, V) "
                                                "cada FILA suma 1 (axis=-1), no cada columna."),
                (_softmax(logits / tau, eje=None), "Has normalizado todo el lote de una vez: cada fila es "
                                                   "un ejemplo y suma 1 por su cuenta (axis=-1)."),
            ]
        for variante, pista in errores:
            if _cerca(resultado, variante):
                return fallo(pista)
        if logits.ndim == 2 and np.allclose(resultado.sum(axis=0), 1.0):
            return fallo("Tus columnas suman 1: has normalizado sobre el eje equivocado; en un lote (B, V) "
                        "cada fila suma 1 (axis=-1).")
        return fallo("No coincide con softmax(logits / τ): exp(z/τ − max) / Σ exp(z/τ − max) en cada fila.")
    return informar(True, "softmax(z / τ) por filas, estable también con logits de 800.", "")


# --- Ejercicio 8 · predice: entropía cruzada y perplejidad de un modelo uniforme ---------------
_V8 = 64


@autocomprobacion
def comprobar_perplejidad_uniforme(entropia: float, perplejidad: float) -> bool:
    """Ejercicio 8: entropía cruzada (nats por carácter) y perplejidad de un modelo que da la misma
    probabilidad a cada uno de V = 64 caracteres."""
    e, p = respuesta_real(entropia), respuesta_real(perplejidad)
    if e is None or p is None:
        return fallo("Responde con dos números: la entropía cruzada (en nats) y la perplejidad.")
    ln_v = math.log(_V8)
    bien_e, bien_p = abs(e - ln_v) < 1e-3, abs(p - _V8) < 1e-2
    if bien_e and bien_p:
        return informar(True, f"L = −ln(1/64) = ln 64 ≈ {ln_v:.4f} nats por carácter y PPL = e^L = 64: "
                              "duda entre los 64 por igual.", "")
    if abs(e - math.log2(_V8)) < 1e-3:
        return fallo("6 es log₂ 64, en bits; la entropía cruzada de PyTorch (y la del curso) usa el "
                    "logaritmo natural: nats.")
    if abs(e - math.log10(_V8)) < 1e-3:
        return fallo("Has usado log₁₀; la entropía cruzada usa el logaritmo natural (nats).")
    if abs(e + ln_v) < 1e-3:
        return fallo("Te falta el signo menos: L = −ln p = −ln(1/64) es positiva.")
    if abs(e - _V8) < 1e-2 and abs(p - ln_v) < 1e-3:
        return fallo("Has intercambiado los dos números: la entropía es ln 64 y la perplejidad, e^L = 64.")
    if not bien_e:
        return fallo(f"Cada carácter recibe p = 1/64, así que L = −ln(1/64) = ln 64; tu {e:g} no lo es.")
    if abs(p - 1 / _V8) < 1e-3:
        return fallo("La perplejidad no es 1/V (la probabilidad de cada carácter): es e^L = 1/(1/V) = V, "
                    "el número de opciones entre las que duda.")
    if abs(p - 2**ln_v) < 1e-2:
        return fallo("La perplejidad es e^L, no 2^L: con L en nats, la base es e.")
    return fallo("La perplejidad es la exponencial de la entropía cruzada: PPL = e^L.")


# --- Ejercicio 9 · implementa: recorte del gradiente por su norma global ------------------------
def _casos_recorte() -> list[tuple[list[np.ndarray], float]]:
    rng = np.random.default_rng(16)
    grandes = [rng.normal(size=(3, 4)) * 3, rng.normal(size=5) * 0.3, rng.normal(size=(2, 2)) * 2]
    return [(grandes, 2.0), ([g * 0.02 for g in grandes], 2.0)]


@autocomprobacion
def comprobar_recorte_norma_global(funcion: Callable[[list[np.ndarray], float], list[np.ndarray]]) -> bool:
    """Ejercicio 9: ``funcion(grads, maximo)`` debe devolver la lista de gradientes escalada por
    ``min(1, maximo / ‖g‖)``, con ‖g‖ la norma de TODOS los gradientes juntos."""
    for grads, maximo in _casos_recorte():
        salida = funcion([g.copy() for g in grads], maximo)
        if respuesta_real(salida) is not None:
            return fallo("Has devuelto un número (¿la norma?): devuelve la lista de gradientes "
                        "recortados, uno por cada gradiente de entrada y con su misma forma.")
        if not isinstance(salida, (list, tuple)) or len(salida) != len(grads):
            return fallo(f"Devuelve una lista con {len(grads)} arreglos, uno por gradiente de entrada.")
        resultado = [respuesta_arreglo(s, "cada gradiente") for s in salida]
        for r in resultado:
            if isinstance(r, str):
                return fallo(r)
        if any(r.shape != g.shape for r, g in zip(resultado, grads)):  # type: ignore[union-attr]
            return fallo("Cada gradiente recortado debe conservar la forma del original.")
        norma = math.sqrt(sum(float(np.sum(g**2)) for g in grads))

        def coincide(esperados: list[np.ndarray], resultado: list[Any] = resultado) -> bool:
            return all(_cerca(r, e) for r, e in zip(resultado, esperados))

        if coincide([g * min(1.0, maximo / norma) for g in grads]):
            continue
        if norma <= maximo and coincide([g * maximo / norma for g in grads]):
            return fallo(f"Has escalado aunque la norma ({norma:.4f}) ya era menor que el máximo ({maximo}): "
                        "el recorte sólo actúa si ‖g‖ > máximo; si no, los gradientes quedan igual.")
        if coincide([g * min(1.0, maximo / max(float(np.linalg.norm(g)), 1e-300)) for g in grads]):
            return fallo("Has recortado cada tensor por separado: la norma es la de TODOS los gradientes "
                        "juntos, √(Σ‖g_k‖²), y un solo factor escala a todos (así no cambia la dirección).")
        if coincide([g * min(1.0, maximo / norma**2) for g in grads]):
            return fallo("Has usado la norma al cuadrado: falta la raíz, ‖g‖ = √(Σ g²).")
        if coincide(grads) and norma > maximo:
            return fallo(f"No has recortado: la norma es {norma:.4f}, mayor que {maximo}; multiplica todo "
                        "por máximo / ‖g‖.")
        return fallo("No coincide: cada gradiente se multiplica por min(1, máximo / ‖g‖), con ‖g‖ la norma "
                    "global de todos juntos.")
    return informar(True, "un solo factor min(1, máximo / ‖g‖) para todos; nada cambia si la norma ya es "
                          "pequeña.", "")
