"""Lab11: cada autocomprobación con la respuesta correcta, el relleno (⏳) y sus errores típicos."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.cuestionario import CUESTIONARIO
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.ejercicios import (
    comprobar_estandarizacion_temporal,
    comprobar_formas_lstm_torch,
    comprobar_parametros_lstm,
    comprobar_paso_lstm,
    comprobar_paso_rnn,
    comprobar_perplejidad_uniforme,
    comprobar_recorte_norma_global,
    comprobar_softmax_temperatura,
    comprobar_ventanas_serie,
)

SIN_HACER = "⏳"


def sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


def _sigmoide(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- Ejercicio 1 · parámetros de nn.LSTM -------------------------------------------------------
def test_parametros_lstm(capsys):
    correcta = sum(p.numel() for p in torch.nn.LSTM(input_size=6, hidden_size=10).parameters())
    assert correcta == 720
    assert comprobar_parametros_lstm(correcta) and "✅" in _salida(capsys)
    assert comprobar_parametros_lstm(720.0) and "✅" in _salida(capsys)
    assert not comprobar_parametros_lstm(None) and SIN_HACER in _salida(capsys)
    errores = {
        "× 4": 180,           # una RNN simple: sin las cuatro puertas
        "Keras": 680,         # un solo sesgo por puerta
        "W_hh": 320,          # sin la matriz recurrente
        "cada paso": 720 * 25,
        "GRU": 540,
        "sesgos": 640,
    }
    for palabra, valor in errores.items():
        assert not comprobar_parametros_lstm(valor)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_parametros_lstm(1000) and "cuatro puertas" in _salida(capsys)
    assert not comprobar_parametros_lstm("mil") and "número entero" in _salida(capsys)


# --- Ejercicio 2 · formas de nn.LSTM con batch_first -----------------------------------------
def test_formas_lstm_torch(capsys):
    salida, (h_n, _) = torch.nn.LSTM(5, 7, batch_first=True)(torch.zeros(3, 10, 5))
    assert comprobar_formas_lstm_torch(tuple(salida.shape), tuple(h_n.shape)) and "✅" in _salida(capsys)
    assert comprobar_formas_lstm_torch([3, 10, 7], [1, 3, 7]) and "✅" in _salida(capsys)
    assert not comprobar_formas_lstm_torch(None, (1, 3, 7)) and SIN_HACER in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 7), None) and SIN_HACER in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 7), (3, 7)) and "eje de las capas" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 7), (3, 1, 7)) and "batch_first" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((10, 3, 7), (1, 3, 7)) and "tiempo primero" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 5), (1, 3, 5)) and "tamaño oculto" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 7), (1, 3, 7)) and "todos los pasos" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 28), (1, 3, 28)) and "cuatro puertas" in _salida(capsys)
    assert not comprobar_formas_lstm_torch((3, 10, 7), (1, 10, 7)) and "eje T" in _salida(capsys)
    assert not comprobar_formas_lstm_torch("3, 10, 7", (1, 3, 7)) and "tuplas" in _salida(capsys)


# --- Ejercicio 3 · un paso de RNN ------------------------------------------------------------
def paso_rnn_bien(x_t, h, W_ih, W_hh, b_ih, b_hh):
    return np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)


def test_paso_rnn(capsys):
    assert comprobar_paso_rnn(paso_rnn_bien) and "✅" in _salida(capsys)

    def con_torch(x_t, h, W_ih, W_hh, b_ih, b_hh):
        celda = torch.nn.RNNCell(W_ih.shape[1], W_ih.shape[0], dtype=torch.float64)
        with torch.no_grad():
            celda.weight_ih.copy_(torch.from_numpy(W_ih))
            celda.weight_hh.copy_(torch.from_numpy(W_hh))
            celda.bias_ih.copy_(torch.from_numpy(b_ih))
            celda.bias_hh.copy_(torch.from_numpy(b_hh))
            return celda(torch.from_numpy(x_t), torch.from_numpy(h))

    assert comprobar_paso_rnn(con_torch) and "✅" in _salida(capsys)
    assert not comprobar_paso_rnn(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_paso_rnn(sin_hacer) and SIN_HACER in _salida(capsys)
    errores = {
        "trasponer": lambda x, h, Wi, Wh, bi, bh: np.tanh(x @ Wi + bi + h @ Wh + bh),
        "tanh": lambda x, h, Wi, Wh, bi, bh: x @ Wi.T + bi + h @ Wh.T + bh,
        "sigmoide": lambda x, h, Wi, Wh, bi, bh: _sigmoide(x @ Wi.T + bi + h @ Wh.T + bh),
        "b_hh": lambda x, h, Wi, Wh, bi, bh: np.tanh(x @ Wi.T + bi + h @ Wh.T),
        "b_ih": lambda x, h, Wi, Wh, bi, bh: np.tanh(x @ Wi.T + h @ Wh.T + bh),
        "cruzado": lambda x, h, Wi, Wh, bi, bh: np.tanh(x @ Wh.T + bi + h @ Wi.T + bh),
        "ReLU": lambda x, h, Wi, Wh, bi, bh: np.maximum(x @ Wi.T + bi + h @ Wh.T + bh, 0),
    }
    for palabra, funcion in errores.items():
        assert not comprobar_paso_rnn(funcion)
        assert palabra in _salida(capsys), palabra

    def traspuesta(x, h, Wi, Wh, bi, bh):
        return np.tanh(Wi @ x.T + Wh @ h.T + (bi + bh)[:, None])

    assert not comprobar_paso_rnn(traspuesta) and "traspuesta" in _salida(capsys)

    def sin_trasponer_solo_cuadrado(x, h, Wi, Wh, bi, bh):
        # el error de trasposición que sólo aparece con F ≠ H (en el caso cuadrado «funciona»)
        if x.shape[1] == h.shape[1]:
            return paso_rnn_bien(x, h, Wi, Wh, bi, bh)
        return np.tanh(x @ Wi + bi + h @ Wh + bh)

    assert not comprobar_paso_rnn(sin_trasponer_solo_cuadrado) and "F = 3 ≠ H = 5" in _salida(capsys)
    assert not comprobar_paso_rnn(lambda *a: paso_rnn_bien(*a) + 1) and "coinciden" in _salida(capsys)
    assert not comprobar_paso_rnn(lambda *a: "hola") and "arreglo" in _salida(capsys)


# --- Ejercicio 4 · un paso de LSTM -----------------------------------------------------------
def paso_lstm(x_t, h, c, W_ih, W_hh, b_ih, b_hh, orden="ifgo", act_g=np.tanh, act_i=_sigmoide,
              celda_sumada=True, tanh_salida=True):
    a = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    H = h.shape[1]
    trozos = dict(zip(orden, (a[:, k * H:(k + 1) * H] for k in range(4))))
    i, f = act_i(trozos["i"]), _sigmoide(trozos["f"])
    g, o = act_g(trozos["g"]), _sigmoide(trozos["o"])
    c_nuevo = f * c + i * g if celda_sumada else f * c * i * g
    h_nuevo = o * np.tanh(c_nuevo) if tanh_salida else o * c_nuevo
    return h_nuevo, c_nuevo


def test_paso_lstm(capsys):
    assert comprobar_paso_lstm(paso_lstm) and "✅" in _salida(capsys)

    def con_torch(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
        celda = torch.nn.LSTMCell(W_ih.shape[1], h.shape[1])  # float32: también vale
        with torch.no_grad():
            nombres = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
            for nombre, valor in zip(nombres, (W_ih, W_hh, b_ih, b_hh)):
                getattr(celda, nombre).copy_(torch.tensor(valor))
            h_t, c_t = celda(torch.tensor(x_t, dtype=torch.float32),
                             (torch.tensor(h, dtype=torch.float32), torch.tensor(c, dtype=torch.float32)))
        return h_t, c_t

    assert comprobar_paso_lstm(con_torch) and "✅" in _salida(capsys)
    assert not comprobar_paso_lstm(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_paso_lstm(sin_hacer) and SIN_HACER in _salida(capsys)
    errores = {
        "«f, i, g, o»": lambda *a: paso_lstm(*a, orden="figo"),
        "«i, f, o, g»": lambda *a: paso_lstm(*a, orden="ifog"),
        "sigmoide en el candidato g": lambda *a: paso_lstm(*a, act_g=_sigmoide),
        "tanh en la puerta i": lambda *a: paso_lstm(*a, act_i=np.tanh),
        "multiplicado": lambda *a: paso_lstm(*a, celda_sumada=False),
        "tanh de la salida": lambda *a: paso_lstm(*a, tanh_salida=False),
        "al revés": lambda *a: paso_lstm(*a)[::-1],
        "par (h_nuevo, c_nuevo)": lambda *a: paso_lstm(*a)[0],
    }
    for palabra, funcion in errores.items():
        assert not comprobar_paso_lstm(funcion)
        assert palabra in _salida(capsys), palabra

    def celda_vieja(x_t, h, c, *pesos):
        h_nuevo, c_nuevo = paso_lstm(x_t, h, c, *pesos)
        o = h_nuevo / np.tanh(c_nuevo)
        return o * np.tanh(c), c_nuevo

    assert not comprobar_paso_lstm(celda_vieja) and "celda anterior" in _salida(capsys)
    assert not comprobar_paso_lstm(lambda *a: (paso_lstm(*a)[0] + 1, paso_lstm(*a)[1]))
    assert "h_nuevo no" in _salida(capsys)
    assert not comprobar_paso_lstm(lambda *a: (paso_lstm(*a)[0], paso_lstm(*a)[1] * 2))
    assert "No coincide" in _salida(capsys)


# --- Ejercicio 5 · ventanas de una serie -----------------------------------------------------
def ventanas_bien(serie, longitud):
    n = len(serie) - longitud
    X = np.stack([serie[k:k + longitud] for k in range(n)])
    return X, serie[longitud:]


def test_ventanas_serie(capsys):
    assert comprobar_ventanas_serie(ventanas_bien) and "✅" in _salida(capsys)
    assert comprobar_ventanas_serie(lambda s, p: (np.lib.stride_tricks.sliding_window_view(s, p)[:-1], s[p:]))
    assert "✅" in _salida(capsys)
    assert not comprobar_ventanas_serie(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_ventanas_serie(sin_hacer) and SIN_HACER in _salida(capsys)

    def dentro(serie, p):
        X = np.stack([serie[k:k + p] for k in range(len(serie) - p + 1)])
        return X, X[:, -1]

    def tarde(serie, p):
        n = len(serie) - p - 1
        return np.stack([serie[k:k + p] for k in range(n)]), serie[p + 1:]

    def pocas(serie, p):
        X, y = ventanas_bien(serie, p)
        return X[:-1], y[:-1]

    def demasiadas(serie, p):
        n = len(serie) - p + 1
        return np.stack([serie[k:k + p] for k in range(n)]), np.array([serie[k + p] for k in range(n)])

    def saltan(serie, p):
        inicios = range(0, len(serie) - p, p)
        return np.stack([serie[k:k + p] for k in inicios]), np.array([serie[k + p] for k in inicios])

    errores = {"dentro de la ventana": dentro, "tarde": tarde, "faltan ventanas": pocas,
               "sobran ventanas": demasiadas, "saltan de longitud en longitud": saltan}
    for palabra, funcion in errores.items():
        assert not comprobar_ventanas_serie(funcion)
        assert palabra in _salida(capsys).lower(), palabra
    assert not comprobar_ventanas_serie(lambda s, p: (ventanas_bien(s, p)[0].T, ventanas_bien(s, p)[1]))
    assert "traspuesta" in _salida(capsys)
    assert not comprobar_ventanas_serie(lambda s, p: ventanas_bien(s, p)[0])
    assert "dos cosas" in _salida(capsys)


# --- Ejercicio 6 · estandarización temporal --------------------------------------------------
def estandarizar_bien(serie, n):
    return (serie - serie[:n].mean()) / serie[:n].std()


def test_estandarizacion_temporal(capsys):
    assert comprobar_estandarizacion_temporal(estandarizar_bien) and "✅" in _salida(capsys)
    assert not comprobar_estandarizacion_temporal(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_estandarizacion_temporal(sin_hacer) and SIN_HACER in _salida(capsys)

    def separado(serie, n):
        a, b = serie[:n], serie[n:]
        return np.concatenate([(a - a.mean()) / a.std(), (b - b.mean()) / b.std()])

    errores = {
        "fuga": lambda s, n: (s - s.mean()) / s.std(),
        "ddof=1": lambda s, n: (s - s[:n].mean()) / s[:n].std(ddof=1),
        "por separado": separado,
        "varianza": lambda s, n: (s - s[:n].mean()) / s[:n].var(),
        "serie entera": lambda s, n: estandarizar_bien(s, n)[:n],
        "restar la media": lambda s, n: s / s[:n].std(),
    }
    for palabra, funcion in errores.items():
        assert not comprobar_estandarizacion_temporal(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_estandarizacion_temporal(lambda s, n: estandarizar_bien(s, n) + 1)
    assert "No coincide" in _salida(capsys)


# --- Ejercicio 7 · softmax con temperatura ---------------------------------------------------
def softmax_temperatura_bien(logits, temperatura):
    z = logits / temperatura
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def test_softmax_temperatura(capsys):
    assert comprobar_softmax_temperatura(softmax_temperatura_bien) and "✅" in _salida(capsys)
    assert comprobar_softmax_temperatura(lambda z, t: torch.softmax(torch.tensor(z) / t, dim=-1))
    assert "✅" in _salida(capsys)
    assert not comprobar_softmax_temperatura(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_softmax_temperatura(sin_hacer) and SIN_HACER in _salida(capsys)

    def ingenua(z, t):
        e = np.exp(z / t)
        return e / e.sum(axis=-1, keepdims=True)

    def eje_0(z, t):
        e = np.exp(z / t - (z / t).max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)

    def todo_el_lote(z, t):
        e = np.exp(z / t - (z / t).max())
        return e / e.sum()

    errores = {
        "multiplicado": lambda z, t: softmax_temperatura_bien(z * t, 1.0),
        "No has usado la temperatura": lambda z, t: softmax_temperatura_bien(z, 1.0),
        "máximo": ingenua,
        "eje equivocado": eje_0,
        "todo el lote": todo_el_lote,
        "Falta el softmax": lambda z, t: z / t,
    }
    for palabra, funcion in errores.items():
        assert not comprobar_softmax_temperatura(funcion)
        assert palabra in _salida(capsys), palabra


def test_softmax_temperatura_sin_avisos(recwarn, capsys):
    """El desbordamiento de una versión ingenua no llena la celda de avisos de NumPy."""
    def ingenua(z, t):
        return np.exp(z / t) / np.exp(z / t).sum(-1, keepdims=True)

    assert not comprobar_softmax_temperatura(ingenua)
    assert "máximo" in _salida(capsys)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Ejercicio 8 · entropía cruzada y perplejidad de un modelo uniforme -----------------------
def test_perplejidad_uniforme(capsys):
    assert comprobar_perplejidad_uniforme(math.log(64), 64) and "✅" in _salida(capsys)
    assert comprobar_perplejidad_uniforme(4.1589, 64.0) and "✅" in _salida(capsys)
    assert not comprobar_perplejidad_uniforme(None, 64) and SIN_HACER in _salida(capsys)
    assert not comprobar_perplejidad_uniforme(math.log(64), None) and SIN_HACER in _salida(capsys)
    errores = {
        "bits": (6, 64),
        "1/V": (math.log(64), 1 / 64),
        "signo": (-math.log(64), 64),
        "intercambiado": (64, math.log(64)),
        "log₁₀": (math.log10(64), 64),
        "2^L": (math.log(64), 2 ** math.log(64)),
    }
    for palabra, (entropia, perplejidad) in errores.items():
        assert not comprobar_perplejidad_uniforme(entropia, perplejidad)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_perplejidad_uniforme(math.log(64), 10) and "e^L" in _salida(capsys)
    assert not comprobar_perplejidad_uniforme("cuatro", 64) and "dos números" in _salida(capsys)


# --- Ejercicio 9 · recorte por norma global --------------------------------------------------
def recortar_bien(grads, maximo):
    norma = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
    factor = min(1.0, maximo / norma)
    return [g * factor for g in grads]


def test_recorte_norma_global(capsys):
    assert comprobar_recorte_norma_global(recortar_bien) and "✅" in _salida(capsys)

    def con_torch(grads, maximo):
        parametros = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
        for p, g in zip(parametros, grads):
            p.grad = torch.from_numpy(g.copy())
        torch.nn.utils.clip_grad_norm_(parametros, maximo)
        return [p.grad.numpy() for p in parametros]

    assert comprobar_recorte_norma_global(con_torch) and "✅" in _salida(capsys)
    assert not comprobar_recorte_norma_global(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_recorte_norma_global(sin_hacer) and SIN_HACER in _salida(capsys)

    def por_tensor(grads, maximo):
        return [g * min(1.0, maximo / np.linalg.norm(g)) for g in grads]

    def siempre(grads, maximo):
        norma = math.sqrt(sum(float(np.sum(g**2)) for g in grads))
        return [g * maximo / norma for g in grads]

    def devuelve_norma(grads, maximo):
        return min(maximo, math.sqrt(sum(float(np.sum(g**2)) for g in grads)))

    def al_cuadrado(grads, maximo):
        norma2 = sum(float(np.sum(g**2)) for g in grads)
        return [g * min(1.0, maximo / norma2) for g in grads]

    errores = {"por separado": por_tensor, "sólo actúa": siempre, "la norma": devuelve_norma,
               "raíz": al_cuadrado, "No has recortado": lambda g, m: g}
    for palabra, funcion in errores.items():
        assert not comprobar_recorte_norma_global(funcion)
        assert palabra in _salida(capsys), palabra


# --- Cuestionario ----------------------------------------------------------------------------
def test_cuestionario_lab11(capsys):
    assert 6 <= len(CUESTIONARIO) <= 10
    for pregunta in CUESTIONARIO.preguntas:
        assert len(pregunta.opciones) >= 3
        assert all(len(e) >= 20 for e in pregunta.explicaciones.values())
    assert len({p.correcta for p in CUESTIONARIO.preguntas}) >= 3
    assert CUESTIONARIO.corregir(CUESTIONARIO.respuestas_correctas()) == len(CUESTIONARIO)
    assert "✅" in _salida(capsys)


@pytest.mark.parametrize("nombre", ["comprobar_paso_rnn", "comprobar_ventanas_serie"])
def test_nombres_exportados(nombre):
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import ejercicios

    assert nombre in ejercicios.__all__
