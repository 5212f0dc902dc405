"""Pruebas de las autocomprobaciones del Lab02: la respuesta correcta, el relleno y los errores típicos."""

from __future__ import annotations

import numpy as np
import pytest

from Lab02_Primera_Red_Neuronal.codigo import Activacion, CapaDensa, Secuencial, red_xor_manual
from Lab02_Primera_Red_Neuronal.codigo.cuestionario import CUESTIONARIO
from Lab02_Primera_Red_Neuronal.codigo.ejercicios import __all__ as NOMBRES
from Lab02_Primera_Red_Neuronal.codigo.ejercicios import (
    comprobar_activaciones_por_capa,
    comprobar_forma_salida,
    comprobar_inicializacion_he,
    comprobar_num_parametros,
    comprobar_raiz_segundo_momento,
    comprobar_red_xnor,
)


def sin_hacer(*args):
    raise NotImplementedError("ejercicio sin hacer")


def _falla_con(capsys, comprobar, respuesta, palabra: str) -> None:
    assert comprobar(respuesta) is False
    salida = capsys.readouterr().out
    assert "❌" in salida and palabra in salida, salida


def test_cada_autocomprobacion_reconoce_el_relleno(capsys):
    comprobaciones = [comprobar_forma_salida, comprobar_num_parametros, comprobar_inicializacion_he,
                      comprobar_raiz_segundo_momento, comprobar_activaciones_por_capa, comprobar_red_xnor]
    assert sorted(c.__name__ for c in comprobaciones) == sorted(NOMBRES)
    for comprobar in comprobaciones:
        assert comprobar(None) is False
        assert "⏳" in capsys.readouterr().out
    for comprobar in comprobaciones[2:5]:
        assert comprobar(sin_hacer) is False
        assert "⏳" in capsys.readouterr().out


# --- Ejercicio 1: forma de la salida ------------------------------------------------------------
def test_forma_salida(capsys):
    assert comprobar_forma_salida((32, 3)) and "✅" in capsys.readouterr().out
    _falla_con(capsys, comprobar_forma_salida, (3, 32), "invertido")
    _falla_con(capsys, comprobar_forma_salida, (32, 64), "PRIMERA capa")
    _falla_con(capsys, comprobar_forma_salida, (3,), "lote")
    _falla_con(capsys, comprobar_forma_salida, (64, 3), "matriz W")
    _falla_con(capsys, comprobar_forma_salida, "(32, 3)", "tupla")
    _falla_con(capsys, comprobar_forma_salida, 3, "tupla")


# --- Ejercicio 2: número de parámetros ----------------------------------------------------------
def test_num_parametros(capsys):
    assert comprobar_num_parametros(2778) and "2778" in capsys.readouterr().out
    _falla_con(capsys, comprobar_num_parametros, 2720, "olvidaste los sesgos")
    _falla_con(capsys, comprobar_num_parametros, 2720 + 64 + 32 + 16, "por ENTRADA")
    _falla_con(capsys, comprobar_num_parametros, 2778 + 64, "capa de entrada")
    _falla_con(capsys, comprobar_num_parametros, 64 * 32 * 16 * 10, "VECINAS")
    _falla_con(capsys, comprobar_num_parametros, 371, "n_salidas sesgos")
    _falla_con(capsys, comprobar_num_parametros, "muchos", "entero")


# --- Ejercicio 3: inicialización de He ----------------------------------------------------------
def _he(n, m, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n), size=(n, m))


@pytest.mark.parametrize(
    ("funcion", "palabra"),
    [
        (lambda n, m, rng: rng.normal(0, np.sqrt(2 / n), size=(m, n)), "traspuesta"),
        (lambda n, m, rng: rng.normal(0, 2 / n, size=(n, m)), "VARIANZA"),
        (lambda n, m, rng: rng.normal(0, np.sqrt(2 / m), size=(n, m)), "fan-in"),
        (lambda n, m, rng: rng.normal(0, np.sqrt(2 / (n + m)), size=(n, m)), "Xavier"),
        (lambda n, m, rng: rng.normal(0, np.sqrt(1 / n), size=(n, m)), "factor 2"),
        (lambda n, m, rng: rng.normal(0, 1, size=(n, m)), "debería ser"),
        (lambda n, m, rng: rng.normal(1, np.sqrt(2 / n), size=(n, m)), "media"),
        (lambda n, m, rng: np.random.normal(0, np.sqrt(2 / n), size=(n, m)), "generador rng"),
        (lambda n, m, rng: np.random.default_rng(7).normal(0, np.sqrt(2 / n), size=(n, m)), "generador rng"),
        (lambda n, m, rng: rng.uniform(-np.sqrt(6 / n), np.sqrt(6 / n), size=(n, m)), "uniforme"),
        (lambda n, m, rng: rng.normal(0, np.sqrt(2 / 500), size=(n, m)), "números fijos"),
        (lambda n, m, rng: undefined, "NameError"),  # noqa: F821
    ],
)
def test_inicializacion_he_errores(capsys, funcion, palabra):
    _falla_con(capsys, comprobar_inicializacion_he, funcion, palabra)


def test_inicializacion_he_correcta(capsys):
    assert comprobar_inicializacion_he(_he) and "✅" in capsys.readouterr().out


# --- Ejercicio 4: √E[x²] ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("funcion", "palabra"),
    [
        (lambda a: a.std(), "desviación típica"),
        (lambda a: np.mean(a**2), "raíz"),
        (lambda a: np.mean(np.abs(a)), "|a|"),
        (lambda a: np.sqrt(np.sum(a**2)), "norma"),
        (lambda a: np.sqrt(np.mean(a**2, axis=0)), "un solo eje"),
        (lambda a: np.sqrt(np.max(a**2)), "debería valer"),
    ],
)
def test_raiz_segundo_momento_errores(capsys, funcion, palabra):
    _falla_con(capsys, comprobar_raiz_segundo_momento, funcion, palabra)


def test_raiz_segundo_momento_correcta(capsys):
    assert comprobar_raiz_segundo_momento(lambda a: np.sqrt(np.mean(a**2)))
    assert "σ =" in capsys.readouterr().out


# --- Ejercicio 5: activaciones por capa ---------------------------------------------------------
def _bien(modelo, x):
    salidas = []
    for capa in modelo:
        x = capa.forward(x)
        salidas.append(x)
    return salidas


def _sin_encadenar(modelo, x):
    return [capa.forward(x) for capa in modelo]


def _con_entrada(modelo, x):
    return [x, *_bien(modelo, x)]


def _solo_densas(modelo, x):
    return [s for s, capa in zip(_bien(modelo, x), modelo) if isinstance(capa, CapaDensa)]


@pytest.mark.parametrize(
    ("funcion", "palabra"),
    [
        (_sin_encadenar, "ORIGINAL"),
        (_con_entrada, "entrada x"),
        (lambda modelo, x: [modelo.forward(x)], "salida final"),
        (_solo_densas, "activaciones"),
        (lambda modelo, x: modelo.forward(x), "lista"),
        (lambda modelo, x: _bien(modelo, x)[:-1], "devolviste"),
    ],
)
def test_activaciones_por_capa_errores(capsys, funcion, palabra):
    _falla_con(capsys, comprobar_activaciones_por_capa, funcion, palabra)


def test_activaciones_por_capa_correcta(capsys):
    assert comprobar_activaciones_por_capa(_bien) and "(7, 5)" in capsys.readouterr().out


# --- Ejercicio 6: XNOR ---------------------------------------------------------------------------
def test_red_xnor(capsys):
    xnor = red_xor_manual()
    xnor[2].fijar_pesos([[-1.0], [2.0]], [0.5])
    assert comprobar_red_xnor(xnor) and "✅" in capsys.readouterr().out
    _falla_con(capsys, comprobar_red_xnor, red_xor_manual(), "calcula XOR")
    sin_escalon = Secuencial(*list(xnor)[:3])
    _falla_con(capsys, comprobar_red_xnor, sin_escalon, "escalón")
    constante = red_xor_manual()
    constante[2].fijar_pesos([[0.0], [0.0]], [1.0])
    _falla_con(capsys, comprobar_red_xnor, constante, "cuatro entradas")
    _falla_con(capsys, comprobar_red_xnor, CapaDensa(3, 1), "ValueError")
    _falla_con(capsys, comprobar_red_xnor, Secuencial(CapaDensa(2, 2), Activacion(np.tanh)), "4 en total")
    _falla_con(capsys, comprobar_red_xnor, 5, "forward")


# --- Cuestionario ----------------------------------------------------------------------------------
def test_cuestionario_corrige_las_respuestas_correctas(capsys):
    assert CUESTIONARIO.corregir(CUESTIONARIO.respuestas_correctas()) == len(CUESTIONARIO)
    assert CUESTIONARIO.corregir({n: "z" for n in range(1, len(CUESTIONARIO) + 1)}) == 0
    assert "no es una opción" in capsys.readouterr().out
