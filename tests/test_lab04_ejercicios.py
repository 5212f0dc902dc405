"""Pruebas de las autocomprobaciones del Lab04: la respuesta correcta, el relleno de la versión
del estudiante y los errores típicos de cada ejercicio (que la pista debe nombrar)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import logsumexp

from Lab03_Funciones_Activacion.codigo import softmax
from Lab04_Funciones_Perdida.codigo import EntropiaCruzadaBinaria, Huber
from Lab04_Funciones_Perdida.codigo.ejercicios import (
    comprobar_divergencia_kl,
    comprobar_eleccion_perdida,
    comprobar_entropia_cruzada_a_mano,
    comprobar_entropia_cruzada_logits,
    comprobar_gradiente_softmax_ce,
    comprobar_log_sum_exp,
    comprobar_mse_mae,
    comprobar_perdida_inicial,
)

SIN_HACER = "⏳"


def sin_hacer(*args):
    raise NotImplementedError("ejercicio sin hacer")


def _falla(comprobar, capsys, *respuesta) -> str:
    """Comprueba que la respuesta se rechaza y devuelve lo que escribió la autocomprobación."""
    assert comprobar(*respuesta) is False
    salida = capsys.readouterr().out
    assert "❌" in salida
    return salida


def _bien(comprobar, capsys, *respuesta) -> str:
    assert comprobar(*respuesta) is True
    salida = capsys.readouterr().out
    assert "✅" in salida
    return salida


def _relleno(comprobar, capsys, *respuesta) -> None:
    assert comprobar(*respuesta) is False
    assert SIN_HACER in capsys.readouterr().out


# --- 1. MSE y MAE --------------------------------------------------------------------------
def test_mse_mae(capsys):
    _bien(comprobar_mse_mae, capsys, 5 / 3, 1.0)
    _relleno(comprobar_mse_mae, capsys, None, None)
    assert "intercambiado" in _falla(comprobar_mse_mae, capsys, 1.0, 5 / 3)
    assert "dividir" in _falla(comprobar_mse_mae, capsys, 5.0, 3.0)
    assert "valor absoluto" in _falla(comprobar_mse_mae, capsys, 5 / 3, 1 / 3)
    assert "RMSE" in _falla(comprobar_mse_mae, capsys, np.sqrt(5 / 3), 1.0)
    assert "dos números" in _falla(comprobar_mse_mae, capsys, "x", 1.0)


# --- 2. Entropía cruzada a mano ------------------------------------------------------------
def test_entropia_cruzada_a_mano(capsys):
    correcto = -(np.log(0.7) + np.log(0.8)) / 2
    _bien(comprobar_entropia_cruzada_a_mano, capsys, correcto)
    _relleno(comprobar_entropia_cruzada_a_mano, capsys, None)
    assert "N = 2" in _falla(comprobar_entropia_cruzada_a_mano, capsys, 2 * correcto)
    assert "signo" in _falla(comprobar_entropia_cruzada_a_mano, capsys, -correcto)
    assert "base" in _falla(comprobar_entropia_cruzada_a_mano, capsys, -(np.log10(0.7) + np.log10(0.8)) / 2)
    assert "número" in _falla(comprobar_entropia_cruzada_a_mano, capsys, [1, 2])


# --- 3. KL ---------------------------------------------------------------------------------
def test_divergencia_kl(capsys):
    _bien(comprobar_divergencia_kl, capsys, 0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(0.5 / 0.1))
    _relleno(comprobar_divergencia_kl, capsys, None)
    assert "no es simétrica" in _falla(comprobar_divergencia_kl, capsys,
                                       0.9 * np.log(0.9 / 0.5) + 0.1 * np.log(0.1 / 0.5))
    en_bits = 0.5 * np.log2(0.5 / 0.9) + 0.5 * np.log2(0.5 / 0.1)
    assert "bits" in _falla(comprobar_divergencia_kl, capsys, en_bits)
    assert "H(p, q)" in _falla(comprobar_divergencia_kl, capsys, -0.5 * np.log(0.9) - 0.5 * np.log(0.1))
    _falla(comprobar_divergencia_kl, capsys, float("nan"))


# --- 4. Predice la pérdida inicial ---------------------------------------------------------
def test_perdida_inicial(capsys):
    salida = _bien(comprobar_perdida_inicial, capsys, np.log(10))
    assert "2.30" in salida and "ln 10" in salida
    _bien(comprobar_perdida_inicial, capsys, 2.3)
    _relleno(comprobar_perdida_inicial, capsys, None)
    assert "probabilidad" in _falla(comprobar_perdida_inicial, capsys, 0.1)
    assert "tasa de error" in _falla(comprobar_perdida_inicial, capsys, 0.9)
    assert "logaritmo natural" in _falla(comprobar_perdida_inicial, capsys, 1.0)
    assert "logaritmo natural" in _falla(comprobar_perdida_inicial, capsys, np.log2(10))
    assert "negativa" in _falla(comprobar_perdida_inicial, capsys, -np.log(10))
    assert "softmax" in _falla(comprobar_perdida_inicial, capsys, 10)


# --- 5. log-sum-exp ------------------------------------------------------------------------
def test_log_sum_exp(capsys):
    def estable(z):
        m = z.max(axis=1, keepdims=True)
        return (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]

    _bien(comprobar_log_sum_exp, capsys, estable)
    _relleno(comprobar_log_sum_exp, capsys, None)
    _relleno(comprobar_log_sum_exp, capsys, sin_hacer)
    assert "desbordamiento" in _falla(comprobar_log_sum_exp, capsys, lambda z: np.log(np.exp(z).sum(axis=1)))
    sin_sumar_m = lambda z: logsumexp(z, axis=1) - z.max(axis=1)  # noqa: E731
    assert "falta sumarlo" in _falla(comprobar_log_sum_exp, capsys, sin_sumar_m)
    assert "axis=0" in _falla(comprobar_log_sum_exp, capsys, lambda z: logsumexp(z, axis=0))
    assert "forma" in _falla(comprobar_log_sum_exp, capsys, lambda z: logsumexp(z, axis=1, keepdims=True))
    _falla(comprobar_log_sum_exp, capsys, lambda z: z.max(axis=1))

    def rota(z):
        raise KeyError("uy")

    assert "KeyError" in _falla(comprobar_log_sum_exp, capsys, rota)


# --- 6. Entropía cruzada desde logits ------------------------------------------------------
def _log_p(z, eje=1):
    m = z.max(axis=eje, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=eje, keepdims=True))


def _ce_bien(z, y):
    return -np.mean(_log_p(z)[np.arange(len(y)), y])


def test_entropia_cruzada_logits_correcta_y_relleno(capsys):
    _bien(comprobar_entropia_cruzada_logits, capsys, _ce_bien)
    _relleno(comprobar_entropia_cruzada_logits, capsys, None)
    _relleno(comprobar_entropia_cruzada_logits, capsys, sin_hacer)


def _ce_ingenua(z, y):
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(y)), y]))


def _ce_recortada(z, y):
    p = softmax(z, eje=1)
    return -np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0)))


@pytest.mark.parametrize("funcion, palabra", [
    (_ce_ingenua, "desborda"),
    (_ce_recortada, "recortas"),
    (lambda z, y: _ce_bien(z, y) * len(y), "sumado"),
    (lambda z, y: -np.mean(np.eye(z.shape[1])[y] * _log_p(z)), "N·C"),
    (lambda z, y: -np.mean(_log_p(z, eje=0)[np.arange(len(y)), y]), "axis=0"),
    (lambda z, y: -_log_p(z)[np.arange(len(y)), y], "falta la media"),
    (lambda z, y: -_ce_bien(z, y), "signo"),
    (lambda z, y: _log_p(z), "forma"),
])
def test_entropia_cruzada_logits_errores_tipicos(capsys, funcion, palabra):
    assert palabra in _falla(comprobar_entropia_cruzada_logits, capsys, funcion)


# --- 7. Gradiente softmax + entropía cruzada -----------------------------------------------
def _grad_bien(z, y):
    return (softmax(z, eje=1) - np.eye(z.shape[1])[y]) / z.shape[0]


def test_gradiente_softmax_ce_correcto_y_relleno(capsys):
    _bien(comprobar_gradiente_softmax_ce, capsys, _grad_bien)
    _relleno(comprobar_gradiente_softmax_ce, capsys, None)
    _relleno(comprobar_gradiente_softmax_ce, capsys, sin_hacer)


@pytest.mark.parametrize("funcion, palabra", [
    (lambda z, y: _grad_bien(z, y) * z.shape[0], "dividir entre N"),
    (lambda z, y: (softmax(z, eje=1) - np.eye(z.shape[1])[y].T) / z.shape[0], "traspuesto"),
    (lambda z, y: -_grad_bien(z, y), "signo"),
    (lambda z, y: _grad_bien(z, y) * z.shape[0] / z.shape[1], "entre C"),
    (lambda z, y: (softmax(z, eje=0) - np.eye(z.shape[1])[y]) / z.shape[0], "por filas"),
    (lambda z, y: z[0], "forma"),
    (lambda z, y: z, "Calcula softmax"),
])
def test_gradiente_softmax_ce_errores_tipicos(capsys, funcion, palabra):
    assert palabra in _falla(comprobar_gradiente_softmax_ce, capsys, funcion)


# --- 8. ¿Qué pérdida elijo? ----------------------------------------------------------------
BUENAS = {
    "temperatura": "mse",
    "precio_vivienda": Huber,
    "spam": EntropiaCruzadaBinaria(),
    "digito": "entropia_cruzada",
}


def test_eleccion_perdida(capsys):
    _bien(comprobar_eleccion_perdida, capsys, BUENAS)
    otras_validas = {"spam": "entropia_cruzada", "precio_vivienda": "mae"}
    _bien(comprobar_eleccion_perdida, capsys, {**BUENAS, **otras_validas})
    _relleno(comprobar_eleccion_perdida, capsys, None)
    assert "Faltan" in _falla(comprobar_eleccion_perdida, capsys, {"temperatura": "mse"})
    assert "diccionario" in _falla(comprobar_eleccion_perdida, capsys, ["mse"])


@pytest.mark.parametrize("cambio, palabra", [
    ({"spam": "mse"}, "es clasificación"),
    ({"digito": "entropia_cruzada_binaria"}, "10 clases excluyentes"),
    ({"precio_vivienda": "mse"}, "atípicas"),
    ({"temperatura": "entropia_cruzada"}, "es regresión"),
    ({"temperatura": "mae"}, "gaussiano"),
    ({"digito": "hinge"}, "no es una pérdida del registro"),
])
def test_eleccion_perdida_errores_tipicos(capsys, cambio, palabra):
    assert palabra in _falla(comprobar_eleccion_perdida, capsys, {**BUENAS, **cambio})
