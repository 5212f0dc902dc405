"""Pruebas de las autocomprobaciones del Lab03: la respuesta correcta, el relleno de la versión
del estudiante y los errores típicos de cada ejercicio (el mensaje debe nombrarlos)."""

from __future__ import annotations

import numpy as np
import pytest

from Lab01_Introduccion_Neuronas.codigo import sigmoide
from Lab03_Funciones_Activacion.codigo import CapaActivacion
from Lab03_Funciones_Activacion.codigo.cuestionario import CUESTIONARIO
from Lab03_Funciones_Activacion.codigo.ejercicios import (
    comprobar_backward_tanh,
    comprobar_capa_silu,
    comprobar_colapso_lineal,
    comprobar_derivada_sigmoide,
    comprobar_eleccion_activacion,
    comprobar_fraccion_muertas,
    comprobar_prediccion_backward_relu,
    comprobar_softmax_estable,
)


def _sin_hacer(*args):
    raise NotImplementedError("ejercicio sin hacer")


def _falla_con(capsys, comprobar, *args) -> str:
    """Comprueba que ``comprobar(*args)`` devuelve False con ❌ y devuelve lo que escribió."""
    assert comprobar(*args) is False
    salida = capsys.readouterr().out
    assert "❌" in salida
    return salida


def _sin_hacer_dice_reloj(capsys, comprobar, *args) -> None:
    assert comprobar(*args) is False
    assert "⏳" in capsys.readouterr().out


# --- Ejercicio 1: predecir ReLU.backward -------------------------------------------------------
def test_prediccion_backward_relu(capsys):
    assert comprobar_prediccion_backward_relu([0.0, 0.0, -1.0, 0.5])
    assert "✅" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_prediccion_backward_relu, None)
    assert "convenio" in _falla_con(capsys, comprobar_prediccion_backward_relu, [0, 3, -1, 0.5])
    assert "olvidaste multiplicar" in _falla_con(capsys, comprobar_prediccion_backward_relu, [0, 0, 1, 1])
    assert "ENTRADA" in _falla_con(capsys, comprobar_prediccion_backward_relu, [3, 3, 0, 0.5])
    assert "sin tocar" in _falla_con(capsys, comprobar_prediccion_backward_relu, [3, 3, -1, 0.5])
    assert "derivada" in _falla_con(capsys, comprobar_prediccion_backward_relu, [0, 0, -2, 2])
    assert "4 números" in _falla_con(capsys, comprobar_prediccion_backward_relu, [0, 0, -1])
    assert "Posición" in _falla_con(capsys, comprobar_prediccion_backward_relu, [1, 2, 3, 4])


# --- Ejercicio 2: derivada de la sigmoide ------------------------------------------------------
def test_derivada_sigmoide(capsys):
    assert comprobar_derivada_sigmoide(lambda z: sigmoide(z) * (1 - sigmoide(z)))
    assert "0.2500" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_derivada_sigmoide, None)
    _sin_hacer_dice_reloj(capsys, comprobar_derivada_sigmoide, _sin_hacer)
    assert "desborda" in _falla_con(
        capsys, comprobar_derivada_sigmoide, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    assert "no su derivada" in _falla_con(capsys, comprobar_derivada_sigmoide, sigmoide)
    assert "primero calcula" in _falla_con(capsys, comprobar_derivada_sigmoide, lambda z: z * (1 - z))
    assert "tanh" in _falla_con(capsys, comprobar_derivada_sigmoide, lambda z: 1 - sigmoide(z) ** 2)
    assert "forma" in _falla_con(capsys, comprobar_derivada_sigmoide, lambda z: 0.25)


# --- Ejercicio 3: backward de tanh --------------------------------------------------------------
def test_backward_tanh(capsys):
    assert comprobar_backward_tanh(lambda x, g: g * (1 - np.tanh(x) ** 2))
    assert "✅" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_backward_tanh, None)
    _sin_hacer_dice_reloj(capsys, comprobar_backward_tanh, _sin_hacer)
    assert "entrada x" in _falla_con(capsys, comprobar_backward_tanh, lambda x, g: g * (1 - x**2))
    assert "salida donde va la entrada" in _falla_con(
        capsys, comprobar_backward_tanh, lambda x, g: g * (1 - np.tanh(np.tanh(x)) ** 2))
    assert "multiplica por grad" in _falla_con(
        capsys, comprobar_backward_tanh, lambda x, g: 1 - np.tanh(x) ** 2)
    assert "cuadrado" in _falla_con(capsys, comprobar_backward_tanh, lambda x, g: g * (1 - np.tanh(x)))
    assert "forma" in _falla_con(capsys, comprobar_backward_tanh, lambda x, g: g @ (1 - np.tanh(x) ** 2).T)
    assert "ZeroDivisionError" in _falla_con(capsys, comprobar_backward_tanh, lambda x, g: 1 / 0)


# --- Ejercicio 4: colapsar dos capas lineales ---------------------------------------------------
def test_colapso_lineal(capsys):
    assert comprobar_colapso_lineal(np.array([[4.0], [-1.0]]), np.array([1.0]))
    assert "dos capas lineales son una" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_colapso_lineal, None, None)
    W_ok = np.array([[4.0], [-1.0]])
    assert "traspuesta" in _falla_con(capsys, comprobar_colapso_lineal, W_ok.T, np.array([1.0]))
    W1, W2 = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([[2.0], [1.0]])
    assert "elemento a elemento" in _falla_con(capsys, comprobar_colapso_lineal, W1 * W2, np.array([1.0]))
    assert "b1 + b2" in _falla_con(capsys, comprobar_colapso_lineal, W_ok, np.array([0.0, -1.0]))
    assert "olvidaste sumar b2" in _falla_con(capsys, comprobar_colapso_lineal, W_ok, np.array([2.0]))
    assert "falta la parte de b1" in _falla_con(capsys, comprobar_colapso_lineal, W_ok, np.array([-1.0]))
    assert "W1 @ W2" in _falla_con(capsys, comprobar_colapso_lineal, W2, np.array([1.0]))
    assert "arreglos de números" in _falla_con(capsys, comprobar_colapso_lineal, "W", "b")


# --- Ejercicio 5: softmax estable ----------------------------------------------------------------
def _softmax_filas(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def test_softmax_estable(capsys):
    assert comprobar_softmax_estable(_softmax_filas)
    assert "sin desbordar" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_softmax_estable, None)
    _sin_hacer_dice_reloj(capsys, comprobar_softmax_estable, _sin_hacer)
    # sin restar el máximo: e^1000 desborda
    assert "no restaste el máximo" in _falla_con(
        capsys, comprobar_softmax_estable, lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
    # eje equivocado (por columnas) y todo el lote
    assert "Eje equivocado" in _falla_con(
        capsys, comprobar_softmax_estable,
        lambda z: np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=0, keepdims=True))
    assert "todo el lote" in _falla_con(
        capsys, comprobar_softmax_estable, lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum())
    # máximo de toda la matriz, suma por filas: la fila lejana da 0/0
    assert "TODA la matriz" in _falla_con(
        capsys, comprobar_softmax_estable,
        lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(axis=1, keepdims=True))
    # máximo por columnas, suma por filas
    assert "cada columna" in _falla_con(
        capsys, comprobar_softmax_estable,
        lambda z: np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=1, keepdims=True))
    # sin keepdims: (4, 3) − (4,) no se puede restar
    assert "keepdims" in _falla_con(
        capsys, comprobar_softmax_estable, lambda z: np.exp(z - z.max(axis=1)) / 1.0)
    assert "keepdims" in _falla_con(capsys, comprobar_softmax_estable, lambda z: _softmax_filas(z)[:, :2])


# --- Ejercicio 6: fracción de neuronas muertas ----------------------------------------------------
@pytest.mark.parametrize("respuesta, palabra", [
    (0.25, "ReLU(0) = 0"),
    (0.0, "filas"),
    (1.0, "ninguno > 0"),
    (0.75, "valores sueltos"),
    (2, "fracción"),
    ("la mitad", "número entre 0 y 1"),
    (0.6, "NINGÚN valor"),
])
def test_fraccion_muertas_errores(capsys, respuesta, palabra):
    assert palabra in _falla_con(capsys, comprobar_fraccion_muertas, respuesta)


def test_fraccion_muertas(capsys):
    assert comprobar_fraccion_muertas(0.5) and comprobar_fraccion_muertas(2 / 4)
    assert "2 de 4" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_fraccion_muertas, None)


# --- Ejercicio 7: capa SiLU ------------------------------------------------------------------------
class SiLU(CapaActivacion):
    def _funcion(self, x):
        return x * sigmoide(x)

    def _derivada(self, x, y):
        s = sigmoide(x)
        return s * (1 + x * (1 - s))


def _silu_con_derivada(derivada):
    return type("SiLUMal", (SiLU,), {"_derivada": lambda self, x, y: derivada(x, y)})


def test_capa_silu(capsys):
    assert comprobar_capa_silu(SiLU)
    assert "Swish" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_capa_silu, None)

    class SiLUSinHacer(CapaActivacion):
        def _funcion(self, x):
            raise NotImplementedError("ejercicio sin hacer")

        def _derivada(self, x, y):
            raise NotImplementedError("ejercicio sin hacer")

    _sin_hacer_dice_reloj(capsys, comprobar_capa_silu, SiLUSinHacer)

    class SiLUForwardMal(SiLU):
        def _funcion(self, x):
            return sigmoide(x)

    assert "z·σ(z), la entrada" in _falla_con(capsys, comprobar_capa_silu, SiLUForwardMal)
    assert "segundo término" in _falla_con(capsys, comprobar_capa_silu, _silu_con_derivada(
        lambda x, y: sigmoide(x)))
    assert "primer término" in _falla_con(capsys, comprobar_capa_silu, _silu_con_derivada(
        lambda x, y: x * sigmoide(x) * (1 - sigmoide(x))))
    assert "derivada de la sigmoide" in _falla_con(capsys, comprobar_capa_silu, _silu_con_derivada(
        lambda x, y: sigmoide(x) * (1 - sigmoide(x))))
    assert "Usaste la salida" in _falla_con(capsys, comprobar_capa_silu, _silu_con_derivada(
        lambda x, y: sigmoide(y) * (1 + y * (1 - sigmoide(y)))))

    class SiLUSinCadena(SiLU):
        def backward(self, grad):
            return self._derivada(self.entrada, self.salida)

    assert "regla de la cadena" in _falla_con(capsys, comprobar_capa_silu, SiLUSinCadena)
    assert "No se pudo crear" in _falla_con(capsys, comprobar_capa_silu, lambda: 1 / 0)


# --- Ejercicio 8: elegir activaciones ----------------------------------------------------------
BUENAS = {"ocultas": "ReLU", "salida_binaria": "sigmoide", "salida_multiclase": "softmax",
          "salida_regresion": "identidad"}


def test_eleccion_activacion(capsys):
    assert comprobar_eleccion_activacion(BUENAS)
    assert comprobar_eleccion_activacion({**BUENAS, "ocultas": "GELU", "salida_regresion": "Identidad"})
    assert "✅" in capsys.readouterr().out
    _sin_hacer_dice_reloj(capsys, comprobar_eleccion_activacion, None)
    assert "desvanece" in _falla_con(capsys, comprobar_eleccion_activacion, {**BUENAS, "ocultas": "sigmoide"})
    assert "colapsa" in _falla_con(capsys, comprobar_eleccion_activacion, {**BUENAS, "ocultas": "identidad"})
    assert "negativos" in _falla_con(capsys, comprobar_eleccion_activacion,
                                     {**BUENAS, "salida_regresion": "relu"})
    assert "siempre 1" in _falla_con(capsys, comprobar_eleccion_activacion,
                                     {**BUENAS, "salida_binaria": "softmax"})
    assert "no suman 1" in _falla_con(capsys, comprobar_eleccion_activacion,
                                      {**BUENAS, "salida_multiclase": "sigmoide"})
    assert "Faltan" in _falla_con(capsys, comprobar_eleccion_activacion, {"ocultas": "relu"})
    assert "diccionario" in _falla_con(capsys, comprobar_eleccion_activacion, ["relu"])


# --- el cuestionario ---------------------------------------------------------------------------
def test_cuestionario_del_lab03(capsys):
    assert 6 <= len(CUESTIONARIO) <= 10
    assert CUESTIONARIO.corregir(CUESTIONARIO.respuestas_correctas()) == len(CUESTIONARIO)
    assert f"{len(CUESTIONARIO)} de {len(CUESTIONARIO)}" in capsys.readouterr().out
    malas = {n: next(letra for letra in p.opciones if letra != p.correcta)
             for n, p in enumerate(CUESTIONARIO.preguntas, start=1)}
    assert CUESTIONARIO.corregir(malas) == 0
    assert len({p.correcta for p in CUESTIONARIO.preguntas}) >= 3
