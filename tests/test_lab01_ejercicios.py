"""Autocomprobaciones del Lab01: cada una acepta la respuesta correcta, dice «sin hacer» (⏳) ante el
relleno de la versión del estudiante y nombra el error típico cuando se le da."""

from __future__ import annotations

import numpy as np
import pytest

from Lab01_Introduccion_Neuronas.codigo import Neurona, escalon, informar, sigmoide
from Lab01_Introduccion_Neuronas.codigo.cuestionario import CUESTIONARIO
from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
    comprobar_capa_vectorizada,
    comprobar_formas_capa,
    comprobar_neurona_compuerta,
    comprobar_paso_perceptron,
    comprobar_separabilidad,
    comprobar_suma_ponderada,
)

SIN_HACER = "⏳"


def sin_hacer(*args):
    raise NotImplementedError("ejercicio sin hacer")


def _falla_con(capsys, resultado: bool, *palabras: str) -> None:
    salida = capsys.readouterr().out
    assert resultado is False and "❌" in salida, salida
    for palabra in palabras:
        assert palabra in salida, f"se esperaba «{palabra}» en: {salida}"


def test_informar(capsys):
    assert informar(True, "bien", "mal") and not informar(False, "bien", "mal")
    salida = capsys.readouterr().out
    assert "✅ Correcto: bien" in salida and "❌ Todavía no. mal" in salida


# --- Ejercicio 1 · suma ponderada --------------------------------------------------------------
def test_suma_ponderada_correcta_y_sin_hacer(capsys):
    assert comprobar_suma_ponderada(-3.0) is True
    assert "✅" in capsys.readouterr().out
    assert comprobar_suma_ponderada(None) is False
    assert SIN_HACER in capsys.readouterr().out


@pytest.mark.parametrize("respuesta, palabra", [
    (-4.0, "olvidaste sumar b"),
    (-5.0, "Restaste el sesgo"),
    ([1.0, -2.0, -3.0], "elemento a elemento"),
    (0.0, "salida del escalón"),
    (1.0, "signos"),
    ("tres", "un número"),
    (10.0, "Multiplica cada entrada"),
])
def test_suma_ponderada_nombra_el_error(capsys, respuesta, palabra):
    _falla_con(capsys, comprobar_suma_ponderada(respuesta), palabra)


# --- Ejercicio 2 · formas de una capa ------------------------------------------------------------
def test_formas_capa_correcta_y_sin_hacer(capsys):
    assert comprobar_formas_capa((3, 5), (8, 5), 20) is True
    assert comprobar_formas_capa([3, 5], np.zeros((8, 5)).shape, np.int64(20)) is True
    assert comprobar_formas_capa(None, None, None) is False
    assert SIN_HACER in capsys.readouterr().out


@pytest.mark.parametrize("respuesta, palabras", [
    (((5, 3), (8, 5), 20), ("Forma de W", "una fila por neurona")),
    (((8, 3), (8, 5), 20), ("Forma de W", "no depende del número de ejemplos")),
    (((3, 5), (5, 8), 20), ("Forma de la salida", "traspuesta")),
    (((3, 5), (8, 3), 20), ("Forma de la salida", "no por rasgo")),
    (((3, 5), (8,), 20), ("Forma de la salida", "dos ejes")),
    (((3, 5), (8, 5), 15), ("Número de parámetros", "olvidaste los 5 sesgos")),
    (((3, 5), (8, 5), 16), ("uno por neurona",)),
    (((3, 5), (8, 5), 18), ("no por entrada",)),
    (((3, 5), (8, 5), 160), ("no dependen del tamaño del lote",)),
    (((3, 5), 5, 20), ("tuplas de enteros",)),
])
def test_formas_capa_nombra_el_error(capsys, respuesta, palabras):
    _falla_con(capsys, comprobar_formas_capa(*respuesta), *palabras)


# --- Ejercicio 3 · una neurona que calcula una puerta --------------------------------------------
def test_neurona_compuerta_correcta_y_sin_hacer(capsys):
    assert comprobar_neurona_compuerta(Neurona([-1.0, -1.0], 0.5), "NOR") is True
    assert comprobar_neurona_compuerta(Neurona([-1.0, -1.0], 1.5), "NAND") is True
    assert comprobar_neurona_compuerta(None, "NOR") is False
    assert SIN_HACER in capsys.readouterr().out


@pytest.mark.parametrize("neurona, palabras", [
    (Neurona([-1.0, -1.0], 1.5), ("calcula NAND, no NOR",)),         # el sesgo de NAND
    (Neurona([1.0, 1.0], -0.5), ("lo contrario", "cambia el signo")),  # OR: el lado invertido
    (Neurona([-1.0, -1.0], 1.0), ("exactamente 0", "escalon(0) = 1")),  # (0,1) y (1,0) en el borde
    (Neurona([-1.0, -1.0], 5.0), ("siempre 1",)),
    (Neurona([-1.0, -1.0], 0.5, "sigmoide"), ("escalón",)),
    (Neurona([1.0, 1.0, 1.0]), ("2 entradas",)),
    ("no es neurona", ("Neurona(pesos",)),
])
def test_neurona_compuerta_nombra_el_error(capsys, neurona, palabras):
    _falla_con(capsys, comprobar_neurona_compuerta(neurona, "NOR"), *palabras)


# --- Ejercicio 4 · capa vectorizada ---------------------------------------------------------------
def test_capa_vectorizada_correcta_y_sin_hacer(capsys):
    assert comprobar_capa_vectorizada(lambda X, W, b: escalon(X @ W + b)) is True
    assert comprobar_capa_vectorizada(sin_hacer) is False
    assert comprobar_capa_vectorizada(None) is False
    assert capsys.readouterr().out.count(SIN_HACER) == 2


@pytest.mark.parametrize("funcion, palabra", [
    (lambda X, W, b: escalon(X @ W), "Olvidaste sumar el sesgo"),
    (lambda X, W, b: escalon(X @ W.T + b), "Usaste W.T"),
    (lambda X, W, b: escalon(X @ W + b.reshape(-1, 1)), "forma de columna (M, 1)"),
    (lambda X, W, b: escalon((X @ W + b).T), "traspuesta"),
    (lambda X, W, b: escalon(X * W + b), "elemento a elemento"),
    (lambda X, W, b: X @ W + b, "Falta aplicar escalon()"),
    (lambda X, W, b: sigmoide(X @ W + b), "sigmoide"),
    (lambda X, W, b: escalon(W.T @ X.T), "Las formas cuadran pero los valores no"),
    (lambda X, W, b: escalon(X @ W + b[::-1]), "Las formas cuadran pero los valores no"),
    (lambda X, W, b: escalon(X @ W + b)[:, :3] if X.shape[0] == 7 else escalon(X @ W + b), "(7, 4)"),
    (lambda X, W, b: 1 / 0, "ZeroDivisionError"),
])
def test_capa_vectorizada_nombra_el_error(capsys, funcion, palabra):
    _falla_con(capsys, comprobar_capa_vectorizada(funcion), palabra)


def test_capa_vectorizada_con_w_traspuesta_en_el_caso_rectangular(capsys):
    """Si el error sólo se ve con W no cuadrada, el mensaje lo cuenta sin traceback."""
    def w_traspuesta_si_no_es_cuadrada(X, W, b):
        return escalon(X @ W + b) if W.shape[0] == W.shape[1] else escalon(X @ W.T + b)
    _falla_con(capsys, comprobar_capa_vectorizada(w_traspuesta_si_no_es_cuadrada), "¿Trasponías W")


# --- Ejercicio 5 · un paso del perceptrón --------------------------------------------------------
def _paso_bien(w, b, x, y, tasa):
    error = y - escalon(w @ x + b)
    return w + tasa * error * x, b + tasa * error


def test_paso_perceptron_correcto_y_sin_hacer(capsys):
    assert comprobar_paso_perceptron(_paso_bien) is True
    assert "24 ejemplos" in capsys.readouterr().out
    assert comprobar_paso_perceptron(sin_hacer) is False
    assert comprobar_paso_perceptron(None) is False
    assert capsys.readouterr().out.count(SIN_HACER) == 2


def _signo(w, b, x, y, tasa):
    error = escalon(w @ x + b) - y
    return w + tasa * error * x, b + tasa * error


def _sin_sesgo(w, b, x, y, tasa):
    return _paso_bien(w, b, x, y, tasa)[0], b


def _siempre(w, b, x, y, tasa):
    return w + tasa * y * x, b + tasa * y


def _z_mayor_que_cero(w, b, x, y, tasa):
    error = y - float(w @ x + b > 0)
    return w + tasa * error * x, b + tasa * error


def _adaline(w, b, x, y, tasa):
    z = w @ x + b
    return w + tasa * (y - z) * x, b + tasa * (y - z)


def _sin_tasa(w, b, x, y, tasa):
    error = y - escalon(w @ x + b)
    return w + error * x, b + error


def _en_el_sitio(w, b, x, y, tasa):
    error = y - escalon(w @ x + b)
    w += tasa * error * x
    return w, b + tasa * error


def _solo_pesos(w, b, x, y, tasa):
    return _paso_bien(w, b, x, y, tasa)[0]


@pytest.mark.parametrize("funcion, palabra", [
    (_signo, "El signo del error está al revés"),
    (_sin_sesgo, "olvidaste actualizar el sesgo"),
    (_siempre, "aunque la predicción era correcta"),
    (_z_mayor_que_cero, "escalon(0) = 1"),
    (_adaline, "Adaline"),
    (_sin_tasa, "tasa de aprendizaje"),
    (_en_el_sitio, "modificaste el w que recibiste"),
    (_solo_pesos, "Devuelve dos cosas"),
])
def test_paso_perceptron_nombra_el_error(capsys, funcion, palabra):
    _falla_con(capsys, comprobar_paso_perceptron(funcion), palabra)


# --- Ejercicio 6 · separabilidad ----------------------------------------------------------------
def test_separabilidad_correcta_y_sin_hacer(capsys):
    assert comprobar_separabilidad({"AND": True, "OR": True, "NAND": True, "XOR": False}) is True
    assert comprobar_separabilidad({"and": True, "or": True, "nand": True, "xor": False}) is True
    assert comprobar_separabilidad(None) is False
    assert SIN_HACER in capsys.readouterr().out


@pytest.mark.parametrize("respuesta, palabras", [
    ({"AND": True, "OR": True, "NAND": True, "XOR": True}, ("XOR no es separable",)),
    ({"AND": True, "OR": True, "NAND": False, "XOR": False}, ("NAND sí es separable",)),
    ({"AND": False, "OR": False, "NAND": True, "XOR": False}, ("AND, OR sí son separables",)),
    ({"AND": True}, ("Faltan respuestas", "XOR")),
    ([True], ("diccionario",)),
])
def test_separabilidad_nombra_el_error(capsys, respuesta, palabras):
    _falla_con(capsys, comprobar_separabilidad(respuesta), *palabras)


# --- Cuestionario ----------------------------------------------------------------------------------
def test_cuestionario_del_lab01(capsys):
    correctas = CUESTIONARIO.respuestas_correctas()
    assert 6 <= len(CUESTIONARIO) <= 10 and len(set(correctas.values())) == 3
    assert CUESTIONARIO.corregir(correctas) == len(CUESTIONARIO)
    mal = {n: ("a" if letra != "a" else "b") for n, letra in correctas.items()}
    assert CUESTIONARIO.corregir(mal) == 0
    salida = capsys.readouterr().out
    assert "❌ 4. (a) No: En este curso escalon(0) = 1" in salida


def test_lectores_de_respuestas_compartidos_por_las_autocomprobaciones(capsys):
    import numpy as np
    import torch

    from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
        fallo,
        respuesta_arreglo,
        respuesta_entera,
        respuesta_forma,
        respuesta_real,
    )

    assert respuesta_entera(3) == 3 and respuesta_entera(3.0) == 3 and respuesta_entera(np.int64(4)) == 4
    assert respuesta_entera(3.5) is None and respuesta_entera(True) is None and respuesta_entera("x") is None
    assert respuesta_real(0.25) == 0.25 and respuesta_real(float("nan")) is None
    assert respuesta_real(None) is None
    assert respuesta_forma((2, 3.0)) == (2, 3) and respuesta_forma(np.array([4, 5])) == (4, 5)
    assert respuesta_forma("23") is None and respuesta_forma(7) is None and respuesta_forma((2, 1.5)) is None
    np.testing.assert_array_equal(respuesta_arreglo(torch.ones(2), "x"), np.ones(2))
    assert "un arreglo de NumPy" in respuesta_arreglo(object(), "la salida")
    assert fallo("pista concreta") is False
    salida = capsys.readouterr().out
    assert salida.startswith("❌") and "pista concreta" in salida
