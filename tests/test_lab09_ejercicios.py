"""Lab09: cada autocomprobación con la respuesta correcta, el relleno (⏳) y sus errores típicos.

Las soluciones «correctas» de estas pruebas usan PyTorch como oráculo donde lo hay
(``torch.distributions``, ``F.logsigmoid``) y no las fórmulas de ``ejercicios.py``."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

from Lab09_IA_Generativa.codigo.cuestionario import CUESTIONARIO
from Lab09_IA_Generativa.codigo.ejercicios import (
    MU_KL,
    VARIANZA_KL,
    comprobar_difusion_directa,
    comprobar_frechet_1d,
    comprobar_guia_sin_clasificador,
    comprobar_kl_ejemplo,
    comprobar_perdida_generador,
    comprobar_reparametrizacion,
)

SIN_HACER = "⏳"


def sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


def _comprueba(comprobar, capsys, correcta, errores: dict) -> None:
    assert comprobar(correcta) and "✅" in _salida(capsys)
    assert not comprobar(None) and SIN_HACER in _salida(capsys)
    assert not comprobar(sin_hacer) and SIN_HACER in _salida(capsys)
    for respuesta, pista in errores.items():
        assert not comprobar(respuesta), pista
        assert pista in _salida(capsys)


# --- Ejercicio 1 -------------------------------------------------------------------------------
def test_kl_ejemplo(capsys):
    mu, sigma = torch.tensor(MU_KL), torch.tensor(VARIANZA_KL).sqrt()
    correcta = float(kl_divergence(Normal(mu, sigma), Normal(0.0, 1.0)).sum())
    assert correcta == pytest.approx(0.5 * (1 + 3 - math.log(4)))
    assert comprobar_kl_ejemplo(round(correcta, 3)) and "✅" in _salida(capsys)
    assert not comprobar_kl_ejemplo(None) and SIN_HACER in _salida(capsys)
    errores = {2 * correcta: "factor ½", 0.5 * (1 + 2 - 1 - math.log(2)): "σ donde va σ²",
               correcta - 0.5: "μ²", 0.5 * (1 + 3 + math.log(4)): "restando", -1.0: "nunca es negativa",
               "uno": "Responde con un número"}
    for respuesta, pista in errores.items():
        assert not comprobar_kl_ejemplo(respuesta)
        assert pista in _salida(capsys)


# --- Ejercicio 2 -------------------------------------------------------------------------------
def test_reparametrizacion(capsys):
    def correcta(mu, log_var, eps):
        # como lo hace rsample() de torch.distributions.Normal con ese ε
        return (torch.tensor(mu) + torch.exp(0.5 * torch.tensor(log_var)) * torch.tensor(eps)).numpy()

    _comprueba(comprobar_reparametrizacion, capsys, correcta, {
        lambda m, lv, e: m + np.exp(lv) * e: "varianza exp(log_var)",
        lambda m, lv, e: m + lv * e: "LOGARITMO",
        lambda m, lv, e: m: "falta el ruido",
        lambda m, lv, e: m * np.exp(0.5 * lv) + e: "no al revés",
        lambda m, lv, e: m + np.exp(0.5 * lv) * np.random.default_rng(0).normal(size=e.shape):
            "no sortees otro",
        lambda m, lv, e: (m + np.exp(0.5 * lv) * e)[0]: "la forma de mu",
    })


# --- Ejercicio 3 -------------------------------------------------------------------------------
def test_difusion_directa(capsys):
    def correcta(x0, t, eps, ab):
        a = torch.tensor(ab)[torch.tensor(t)][:, None]
        return (a.sqrt() * torch.tensor(x0) + (1 - a).sqrt() * torch.tensor(eps)).numpy()

    _comprueba(comprobar_difusion_directa, capsys, correcta, {
        lambda x0, t, e, ab: ab[t][:, None] * x0 + (1 - ab[t][:, None]) * e: "Faltan las raíces",
        lambda x0, t, e, ab: np.sqrt(ab[t])[:, None] * x0 + (1 - np.sqrt(ab[t]))[:, None] * e: "1 − √ᾱ_t",
        lambda x0, t, e, ab: np.sqrt(ab[np.maximum(t - 1, 0)])[:, None] * x0
        + np.sqrt(1 - ab[np.maximum(t - 1, 0)])[:, None] * e: "desplazado un paso",
        lambda x0, t, e, ab: correcta(x0, t, e, ab).ravel(): "forma de x0",
        lambda x0, t, e, ab: x0: "No coincide",
    })


# --- Ejercicio 4 -------------------------------------------------------------------------------
def test_guia_sin_clasificador(capsys):
    _comprueba(comprobar_guia_sin_clasificador, capsys, lambda c, u, w: u + (1 + w) * (c - u), {
        lambda c, u, w: (1 + w) * u - w * c: "cambiado los papeles",
        lambda c, u, w: w * c - w * u: "Te falta ε_c",
        lambda c, u, w: u + w * (c - u): "otra escala",
        lambda c, u, w: c + w * u: "diferencia ε_c − ε_∅",
        lambda c, u, w: c: "Con w = 2.0",
    })


# --- Ejercicio 5 -------------------------------------------------------------------------------
def test_perdida_generador(capsys):
    def correcta(logits):
        return float(-F.logsigmoid(torch.tensor(logits)).mean())

    def ingenua(logits):
        return float(np.mean(-np.log(1 / (1 + np.exp(-logits)))))

    _comprueba(comprobar_perdida_generador, capsys, correcta, {
        ingenua: "np.logaddexp",
        lambda l: float(np.mean(np.log(1 - 1 / (1 + np.exp(-l))))) if np.abs(l).max() < 100 else 0.0:
            "SATURANTE",
        lambda l: float(np.sum(np.logaddexp(0, -l))): "MEDIA",
        lambda l: float(-np.mean(np.logaddexp(0, -l))): "El signo",
        lambda l: float(np.mean(np.logaddexp(0, l))): "etiqueta 1",
        lambda l: np.logaddexp(0, -l): "UN número",
    })


# --- Ejercicio 6 -------------------------------------------------------------------------------
def test_frechet_1d(capsys):
    from Lab09_IA_Generativa.codigo.calidad import distancia_frechet

    correcta = distancia_frechet(np.zeros(1), np.eye(1), np.full(1, 3.0), np.full((1, 1), 4.0))
    assert correcta == pytest.approx(10.0)
    assert comprobar_frechet_1d(correcta) and "✅" in _salida(capsys)
    assert not comprobar_frechet_1d(None) and SIN_HACER in _salida(capsys)
    for respuesta, pista in {18: "restado varianzas", 9: "término de las varianzas", 14: "−2·√",
                             4: "al cuadrado", 1: "las medias", math.sqrt(10): "sin raíz", 7: "d = "}.items():
        assert not comprobar_frechet_1d(respuesta)
        assert pista in _salida(capsys)


# --- Cuestionario ------------------------------------------------------------------------------
def test_cuestionario(capsys):
    assert 6 <= len(CUESTIONARIO) <= 10
    for pregunta in CUESTIONARIO.preguntas:
        assert pregunta.correcta in pregunta.opciones
        assert set(pregunta.explicaciones) == set(pregunta.opciones)
    assert len({p.correcta for p in CUESTIONARIO.preguntas}) >= 3
    assert CUESTIONARIO.corregir(CUESTIONARIO.respuestas_correctas()) == len(CUESTIONARIO)
    _salida(capsys)
    assert CUESTIONARIO.corregir(None) == 0 and SIN_HACER in _salida(capsys)
