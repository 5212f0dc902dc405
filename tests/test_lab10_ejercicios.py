"""Lab10: cada autocomprobación con la respuesta correcta, el relleno (⏳) y sus errores típicos."""

from __future__ import annotations

import math

import numpy as np

from Lab10_Redes_Neuronales_Convolucionales.codigo import convolucion2d, correlacion2d, tamano_salida
from Lab10_Redes_Neuronales_Convolucionales.codigo.ejercicios import (
    comprobar_correlacion_a_mano,
    comprobar_detector_bordes_verticales,
    comprobar_forma_conv2d,
    comprobar_maxpool_a_mano,
    comprobar_parametros_conv2d,
    comprobar_tamano_salida_a_mano,
)

SIN_HACER = "⏳"


def sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


# --- Ejercicio 1 · forma de la salida de una Conv2D -------------------------------------------
def test_forma_conv2d(capsys):
    assert comprobar_forma_conv2d((4, 8, 15, 15)) and "✅" in _salida(capsys)
    assert comprobar_forma_conv2d([4, 8, 15, 15]) and "✅" in _salida(capsys)
    assert not comprobar_forma_conv2d(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 8, 14, 14)) and "relleno" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 8, 30, 30)) and "paso" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 3, 15, 15)) and "canales de entrada" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 15, 15, 8)) and "(N, H, W, C)" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 8, 16, 16)) and "hacia arriba" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 8, 15)) and "cuatro enteros" in _salida(capsys)
    assert not comprobar_forma_conv2d((4, 8, 9, 9)) and "❌" in _salida(capsys)


# --- Ejercicio 2 · parámetros de una Conv2D ---------------------------------------------------
def test_parametros_conv2d(capsys):
    assert comprobar_parametros_conv2d(16 * 3 * 5 * 5 + 16) and "✅" in _salida(capsys)
    assert not comprobar_parametros_conv2d(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_parametros_conv2d(1200) and "sesgo" in _salida(capsys)
    assert not comprobar_parametros_conv2d(416) and "canales de entrada" in _salida(capsys)
    assert not comprobar_parametros_conv2d(1216 * 28 * 28) and "comparte" in _salida(capsys)
    assert not comprobar_parametros_conv2d(256) and "5×5" in _salida(capsys)
    assert not comprobar_parametros_conv2d("mil") and "número entero" in _salida(capsys)


# --- Ejercicio 3 · correlación a mano ---------------------------------------------------------
def correlacion_bien(imagen, nucleo):
    kh, kw = nucleo.shape
    h, w = imagen.shape[0] - kh + 1, imagen.shape[1] - kw + 1
    salida = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            salida[i, j] = np.sum(imagen[i:i + kh, j:j + kw] * nucleo)
    return salida


def test_correlacion_a_mano(capsys):
    assert comprobar_correlacion_a_mano(correlacion_bien) and "✅" in _salida(capsys)
    assert comprobar_correlacion_a_mano(lambda a, k: correlacion2d(a, k))
    _salida(capsys)
    assert not comprobar_correlacion_a_mano(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_correlacion_a_mano(sin_hacer) and SIN_HACER in _salida(capsys)
    assert not comprobar_correlacion_a_mano(convolucion2d) and "volteado" in _salida(capsys)
    traspuesta = lambda a, k: correlacion_bien(a, k).T  # noqa: E731
    assert not comprobar_correlacion_a_mano(traspuesta) and "traspuesta" in _salida(capsys)

    def con_relleno(imagen, nucleo):
        return np.zeros(imagen.shape)

    assert not comprobar_correlacion_a_mano(con_relleno) and "«valid»" in _salida(capsys)
    assert not comprobar_correlacion_a_mano(lambda a, k: correlacion_bien(a, k)[:-1])
    assert "Tamaño" in _salida(capsys)
    assert not comprobar_correlacion_a_mano(lambda a, k: correlacion_bien(a, k) + 1)
    assert "coinciden" in _salida(capsys)
    assert not comprobar_correlacion_a_mano(lambda a, k: "hola") and "arreglo" in _salida(capsys)


# --- Ejercicio 4 · max-pooling a mano ---------------------------------------------------------
def maxpool_bien(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def test_maxpool_a_mano(capsys):
    assert comprobar_maxpool_a_mano(maxpool_bien) and "✅" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_maxpool_a_mano(sin_hacer) and SIN_HACER in _salida(capsys)

    def promedio(x):
        n, c, h, w = x.shape
        return x.reshape(n, c, h // 2, 2, w // 2, 2).mean(axis=(3, 5))

    def paso_uno(x):
        return np.maximum.reduce([x[..., :-1, :-1], x[..., 1:, :-1], x[..., :-1, 1:], x[..., 1:, 1:]])

    def ejes_mal_agrupados(x):
        n, c, h, w = x.shape
        return x.reshape(n, c, 2, h // 2, 2, w // 2).max(axis=(2, 4))

    def ejes_equivocados(x):
        return x.reshape(x.shape[0] // 2, 2, x.shape[1], *x.shape[2:]).max(axis=1)

    assert not comprobar_maxpool_a_mano(promedio) and "promedio" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(paso_uno) and "paso 1" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(ejes_mal_agrupados) and "reshape" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(ejes_equivocados) and "ejes" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(lambda x: x.max(axis=(2, 3))) and "global" in _salida(capsys)
    assert not comprobar_maxpool_a_mano(lambda x: maxpool_bien(x) * 2) and "coinciden" in _salida(capsys)


# --- Ejercicio 5 · tamaño de la salida a mano -------------------------------------------------
def test_tamano_salida_a_mano(capsys):
    assert comprobar_tamano_salida_a_mano(lambda n, k, s, p: (n + 2 * p - k) // s + 1)
    assert "✅" in _salida(capsys)
    assert comprobar_tamano_salida_a_mano(tamano_salida) and "✅" in _salida(capsys)
    assert not comprobar_tamano_salida_a_mano(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_tamano_salida_a_mano(sin_hacer) and SIN_HACER in _salida(capsys)
    errores = {
        "olvidado del relleno": lambda n, k, s, p: (n - k) // s + 1,
        "una sola vez": lambda n, k, s, p: (n + p - k) // s + 1,
        "olvidado del paso": lambda n, k, s, p: n + 2 * p - k + 1,
        "«+ 1»": lambda n, k, s, p: (n + 2 * p - k) // s,
        "hacia arriba": lambda n, k, s, p: math.ceil((n + 2 * p - k) / s) + 1,
        "decimales": lambda n, k, s, p: (n + 2 * p - k) / s + 1,
    }
    for palabra, funcion in errores.items():
        assert not comprobar_tamano_salida_a_mano(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_tamano_salida_a_mano(lambda n, k, s, p: 3) and "debe salir" in _salida(capsys)
    assert not comprobar_tamano_salida_a_mano(lambda n, k, s, p: float((n + 2 * p - k) // s + 1))
    assert "int" in _salida(capsys)


# --- Ejercicio 6 · detector de bordes verticales ----------------------------------------------
def test_detector_bordes_verticales(capsys):
    sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    assert comprobar_detector_bordes_verticales(sobel) and "✅" in _salida(capsys)
    assert comprobar_detector_bordes_verticales(-sobel) and "✅" in _salida(capsys)
    assert comprobar_detector_bordes_verticales([[1, 0, -1]] * 3) and "✅" in _salida(capsys)
    assert not comprobar_detector_bordes_verticales(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_detector_bordes_verticales(sobel.T) and "horizontales" in _salida(capsys)
    assert not comprobar_detector_bordes_verticales(sobel + 1) and "sumar cero" in _salida(capsys)
    assert not comprobar_detector_bordes_verticales(np.zeros((3, 3))) and "No responde" in _salida(capsys)
    diagonal = np.array([[0, 1, 0], [-1, 0, 1], [0, -1, 0]])
    assert not comprobar_detector_bordes_verticales(diagonal) and "También" in _salida(capsys)
    assert not comprobar_detector_bordes_verticales(np.ones((2, 2))) and "3×3" in _salida(capsys)
    assert not comprobar_detector_bordes_verticales("sobel") and "núcleo" in _salida(capsys)
