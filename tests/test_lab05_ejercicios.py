"""Autocomprobaciones de los ejercicios del Lab05: aceptan la solución, dicen «sin hacer» ante el
relleno de la versión del estudiante y nombran cada error típico. Y el cuestionario final."""

from __future__ import annotations

import math

import numpy as np
import pytest

from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro
from Lab05_Backpropagation.codigo import CapaDensa, Valor
from Lab05_Backpropagation.codigo.cuestionario import CUESTIONARIO
from Lab05_Backpropagation.codigo.ejercicios import (
    comprobar_backward_densa,
    comprobar_capa_escala,
    comprobar_formas_gradientes_densa,
    comprobar_gradientes_a_mano,
    comprobar_mi_gradiente_numerico,
    comprobar_operacion_seno,
    comprobar_regla_cadena,
)


def _sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _no_acepta(capsys, llamada, palabra):
    assert llamada() is False
    salida = capsys.readouterr().out
    assert salida.startswith("❌"), salida
    assert palabra in salida, salida


# --- soluciones de referencia -------------------------------------------------------------------
def _seno(v):
    return Valor(math.sin(v.dato), (v,), "sin", derivadas_locales=(math.cos(v.dato),))


def _backward_densa(x, W, g):
    return g @ W.T, x.T @ g, g.sum(axis=0)


def _gradiente_central(f, x, epsilon):
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        mas, menos = x.copy(), x.copy()
        mas[i] += epsilon
        menos[i] -= epsilon
        grad[i] = (f(mas) - f(menos)) / (2 * epsilon)
    return grad


class _Escala(Capa):
    """Sin ``parameters()``: ``Capa`` encuentra ``self.a`` sola."""

    def __init__(self, n_rasgos):
        super().__init__()
        self.a = Parametro(np.ones(n_rasgos), "a")
        self.entrada = None

    def forward(self, x):
        self.entrada = x
        return x * self.a.datos

    def backward(self, grad):
        self.a.grad += (grad * self.entrada).sum(axis=0)
        return grad * self.a.datos


def test_todas_aceptan_la_solucion(capsys):
    assert comprobar_regla_cadena(42)
    assert comprobar_gradientes_a_mano({"x": 16, "y": 16.0, "z": -16})
    assert comprobar_formas_gradientes_densa({"dW": (7, 5), "db": (5,), "dX": [16, 7]})
    assert comprobar_operacion_seno(_seno)
    assert comprobar_backward_densa(_backward_densa)
    assert comprobar_mi_gradiente_numerico(_gradiente_central)
    assert comprobar_capa_escala(_Escala)
    salida = capsys.readouterr().out
    assert salida.count("✅ Correcto") == 7 and "❌" not in salida


@pytest.mark.parametrize("comprobar", [
    comprobar_regla_cadena, comprobar_gradientes_a_mano, comprobar_formas_gradientes_densa,
])
def test_el_relleno_dice_sin_hacer(comprobar, capsys):
    assert comprobar(None) is False
    salida = capsys.readouterr().out
    assert salida.count("⏳") == 1 and "❌" not in salida


class _ClaseSinHacer(Capa):
    def __init__(self, n_rasgos):
        super().__init__()
        self.a = Parametro(np.ones(n_rasgos), "a")

    def forward(self, x):
        raise NotImplementedError("ejercicio sin hacer")

    def backward(self, grad):
        raise NotImplementedError("ejercicio sin hacer")


@pytest.mark.parametrize("comprobar, relleno", [
    (comprobar_operacion_seno, _sin_hacer), (comprobar_backward_densa, _sin_hacer),
    (comprobar_mi_gradiente_numerico, _sin_hacer), (comprobar_capa_escala, _ClaseSinHacer),
])
def test_la_funcion_sin_hacer_dice_sin_hacer(comprobar, relleno, capsys):
    assert comprobar(None) is False
    assert comprobar(relleno) is False
    salida = capsys.readouterr().out
    assert salida.count("⏳") == 2 and "❌" not in salida


# --- ejercicio 1: regla de la cadena --------------------------------------------------------------
@pytest.mark.parametrize("respuesta, palabra", [
    (14, "derivada de dentro"), (49, "no su derivada"), (21, "Falta el 2"), (36, "«+ 1»"),
    (10, "u = 3x + 1"), ("cuarenta", "número"),
])
def test_regla_cadena_nombra_el_error(respuesta, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_regla_cadena(respuesta), palabra)


# --- ejercicio 2: gradientes a mano ----------------------------------------------------------------
@pytest.mark.parametrize("respuesta, palabra", [
    ({"x": -8, "y": -8, "z": -16}, "Te paraste en ∂L/∂s"),
    ({"x": 8, "y": 8, "z": -8}, "Falta el 2"),
    ({"x": 16, "y": -16, "z": -16}, "la suma q = x + y reparte"),
    ({"x": 16, "y": 16, "z": 16}, "signo de z"),
    ({"x": 16, "y": 16}, "Faltan"),
    ([16, 16, -16], "diccionario"),
    ({"x": "a", "y": 1, "z": 1}, "número"),
])
def test_gradientes_a_mano_nombra_el_error(respuesta, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_gradientes_a_mano(respuesta), palabra)


# --- ejercicio 3: predecir las formas ----------------------------------------------------------------
@pytest.mark.parametrize("respuesta, palabra", [
    ({"dW": (5, 7), "db": (5,), "dX": (16, 7)}, "traspuesta"),
    ({"dW": (16, 5), "db": (5,), "dX": (16, 7)}, "no depende del tamaño del lote"),
    ({"dW": (7, 5), "db": (1, 5), "dX": (16, 7)}, "no (1, 5)"),
    ({"dW": (7, 5), "db": (16, 5), "dX": (16, 7)}, "se suma g sobre el lote"),
    ({"dW": (7, 5), "db": (5,), "dX": (16, 5)}, "forma de la salida Y"),
    ({"dW": (7, 5), "db": (5,), "dX": (7, 16)}, "Revisa dX"),
    ({"dW": (7, 5), "db": (5,)}, "Faltan"),
    ({"dW": "siete", "db": (5,), "dX": (16, 7)}, "tupla de enteros"),
])
def test_formas_nombra_el_error(respuesta, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_formas_gradientes_densa(respuesta), palabra)


# --- ejercicio 4: la operación seno -------------------------------------------------------------------
@pytest.mark.parametrize("funcion, palabra", [
    (lambda v: Valor(math.sin(v.dato), (v,), "sin", derivadas_locales=(math.sin(v.dato),)),
     "Pusiste sin(x)"),
    (lambda v: Valor(math.sin(v.dato), (v,), "sin", derivadas_locales=(-math.cos(v.dato),)), "signo"),
    (lambda v: Valor(math.sin(v.dato)), "hijos=(v,)"),
    (lambda v: Valor(math.sin(v.dato), (v,), "sin", derivadas_locales=(1.0,)), "gradiente no"),
    (lambda v: v.tanh(), "no es sin"),
    (lambda v: math.sin(v.dato), "devolver un Valor"),
    (lambda v: v.nada(), "lanzó AttributeError"),
])
def test_seno_nombra_el_error(funcion, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_operacion_seno(funcion), palabra)


# --- ejercicio 5: backward de la capa densa -------------------------------------------------------------
@pytest.mark.parametrize("funcion, palabra", [
    (lambda x, W, g: (g @ W, x.T @ g, g.sum(0)), "falta la traspuesta"),
    (lambda x, W, g: (g @ W.T, g.T @ x, g.sum(0)), "∂L/∂W salió traspuesta"),
    (lambda x, W, g: (g @ W.T, x.T @ g / len(x), g.sum(0)), "dividido por N"),
    (lambda x, W, g: (g @ W.T, x.T @ g, g.mean(0)), "la media de g"),
    (lambda x, W, g: (g @ W.T, x.T @ g, g.sum(0, keepdims=True)), "keepdims"),
    (lambda x, W, g: (g @ W.T, x.T @ g, g), "falta sumar sobre el lote"),
    (lambda x, W, g: (g @ W.T, x.T @ g, 2 * g.sum(0)), "∂L/∂b tiene la forma correcta"),
    (lambda x, W, g: (g @ W.T,), "tres arreglos"),
    (lambda x, W, g: (g @ x, x.T @ g, g.sum(0)), "lanzó ValueError"),
])
def test_backward_densa_nombra_el_error(funcion, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_backward_densa(funcion), palabra)


# --- ejercicio 6: gradiente numérico propio --------------------------------------------------------------
def _hacia_delante(f, x, epsilon):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        mas = x.copy()
        mas[i] += epsilon
        grad[i] = (f(mas) - f(x)) / epsilon
    return grad


def _entre_epsilon(f, x, epsilon):
    return 2 * _gradiente_central(f, x, epsilon)


def _sin_copiar(f, x, epsilon):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += epsilon
        f_mas = f(x)
        x[i] -= 2 * epsilon
        grad[i] = (f_mas - f(x)) / (2 * epsilon)  # falta devolver x[i] a su valor
    return grad


def _todo_a_la_vez(f, x, epsilon):
    return np.full_like(x, (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon))


@pytest.mark.parametrize("funcion, palabra", [
    (_hacia_delante, "hacia delante"),
    (_entre_epsilon, "divide entre 2ε"),
    (_sin_copiar, "cambió x"),
    (_todo_a_la_vez, "todos los elementos a la vez"),
    (lambda f, x, e: _gradiente_central(f, x, e).ravel(), "forma de x"),
    (lambda f, x, e: -_gradiente_central(f, x, e), "no coincide"),
])
def test_gradiente_numerico_nombra_el_error(funcion, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_mi_gradiente_numerico(funcion), palabra)


# --- ejercicio 7: la capa Escala -------------------------------------------------------------------------
class _EscalaAsigna(_Escala):
    def backward(self, grad):
        self.a.grad = (grad * self.entrada).sum(axis=0)  # «=» en lugar de «+=»
        return grad * self.a.datos


class _EscalaMedia(_Escala):
    def backward(self, grad):
        self.a.grad += (grad * self.entrada).mean(axis=0)
        return grad * self.a.datos


class _EscalaSinSumar(_Escala):
    def backward(self, grad):
        self.a.grad += grad * self.entrada
        return grad * self.a.datos


class _EscalaDevuelveG(_Escala):
    def backward(self, grad):
        self.a.grad += (grad * self.entrada).sum(axis=0)
        return grad


class _EscalaSinParametro(_Escala):
    def __init__(self, n_rasgos):
        super().__init__(n_rasgos)
        self.a = np.ones(n_rasgos)


@pytest.mark.parametrize("clase, palabra", [
    (_EscalaAsigna, "«+=»"),
    (_EscalaMedia, "media sobre el lote"),
    (_EscalaSinSumar, "falta sumar"),
    (_EscalaDevuelveG, "devuelve g tal cual"),
    (_EscalaSinParametro, "Capa lo encuentra sola"),
    (lambda n: CapaDensa(n, 2, semilla=0), "un solo Parametro"),
    (int, "lanzó AttributeError"),
])
def test_capa_escala_nombra_el_error(clase, palabra, capsys):
    _no_acepta(capsys, lambda: comprobar_capa_escala(clase), palabra)


def test_capa_escala_con_asignacion_pasaria_un_solo_backward(capsys):
    """El error «=» sólo se ve con dos backward: la comprobación numérica sola no lo descubre."""
    from Lab05_Backpropagation.codigo import comprobar_gradiente_capa

    errores = comprobar_gradiente_capa(_EscalaAsigna(4), np.random.default_rng(0).normal(size=(3, 4)))
    assert max(errores.values()) < 1e-6
    assert comprobar_capa_escala(_EscalaAsigna) is False


# --- cuestionario ------------------------------------------------------------------------------------
def test_cuestionario_respuestas_correctas_y_explicaciones(capsys):
    correctas = CUESTIONARIO.respuestas_correctas()
    assert CUESTIONARIO.corregir(correctas) == len(CUESTIONARIO)
    assert "❌" not in capsys.readouterr().out
    malas = {n: next(k for k in p.opciones if k != p.correcta)
             for n, p in enumerate(CUESTIONARIO.preguntas, start=1)}
    assert CUESTIONARIO.corregir(malas) == 0
