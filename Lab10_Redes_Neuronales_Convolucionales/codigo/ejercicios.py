"""Autocomprobaciones de los ejercicios del Lab10 (escriben ✅, ❌ con una pista, o ⏳ si el
ejercicio está sin hacer).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Cuando
la respuesta coincide con un error típico del ejercicio, el mensaje lo nombra.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import (
    autocomprobacion,
    fallo,
    informar,
    respuesta_arreglo,
    respuesta_entera,
    respuesta_forma,
)

from .convolucion import convolucion2d, correlacion2d
from .im2col import tamano_salida

__all__ = [
    "comprobar_forma_conv2d",
    "comprobar_parametros_conv2d",
    "comprobar_correlacion_a_mano",
    "comprobar_maxpool_a_mano",
    "comprobar_tamano_salida_a_mano",
    "comprobar_detector_bordes_verticales",
]










# --- Ejercicio 1 · predice: forma de la salida de una Conv2D -------------------------------------
#: El ejemplo del ejercicio: x de forma (4, 3, 32, 32) y Conv2D(3, 8, 5, paso=2, relleno=1).
_N, _C_ENT, _LADO, _C_SAL, _K, _PASO, _RELLENO = 4, 3, 32, 8, 5, 2, 1


@autocomprobacion
def comprobar_forma_conv2d(respuesta: tuple[int, int, int, int]) -> bool:
    """Ejercicio 1: forma de ``Conv2D(3, 8, 5, paso=2, relleno=1).forward(x)`` con ``x`` de forma
    ``(4, 3, 32, 32)``."""
    forma = respuesta_forma(respuesta)
    if forma is None or len(forma) != 4:
        return fallo("Responde con una tupla de cuatro enteros (N, C_out, H_out, W_out).")
    lado = tamano_salida(_LADO, _K, _PASO, _RELLENO)
    correcta = (_N, _C_SAL, lado, lado)
    if forma == correcta:
        return informar(True, f"{correcta}: ⌊(32 + 2·1 − 5) / 2⌋ + 1 = {lado} en cada eje, y un canal "
                              "por filtro.", "")
    sin_relleno = (_LADO - _K) // _PASO + 1
    sin_paso = _LADO + 2 * _RELLENO - _K + 1
    hacia_arriba = math.ceil((_LADO + 2 * _RELLENO - _K) / _PASO) + 1
    if forma == (_N, lado, lado, _C_SAL):
        return fallo("Has puesto los canales al final, (N, H, W, C), el orden de Keras; Conv2D del lab y "
                    "PyTorch usan (N, C, H, W).")
    if forma == (_N, _C_ENT, lado, lado):
        return fallo("Has dejado los canales de entrada: la salida tiene un canal por filtro "
                    "(canales_salida = 8), no los 3 de la imagen.")
    if forma[:2] == (_N, _C_SAL) and forma[2] == forma[3] == sin_relleno:
        return fallo(f"Te has olvidado del relleno: con relleno = 1 se suman 2 píxeles por eje, "
                    f"no sale {sin_relleno}.")
    if forma[:2] == (_N, _C_SAL) and forma[2] == forma[3] == sin_paso:
        return fallo(f"Te has olvidado del paso: con paso = 2 el núcleo salta de dos en dos; {sin_paso} "
                    "es el tamaño con paso 1.")
    if forma[:2] == (_N, _C_SAL) and forma[2] == forma[3] == hacia_arriba:
        return fallo("Has redondeado hacia arriba: la división entre el paso se redondea hacia abajo "
                    "(una posición incompleta del núcleo no cuenta).")
    if forma[:2] == (_N, _C_SAL) and forma[2] == forma[3] == lado - 1:
        return fallo("Te falta el «+ 1»: la primera posición del núcleo también cuenta.")
    return fallo("Aplica H_out = ⌊(H + 2·relleno − k) / paso⌋ + 1 a cada eje; N no cambia y C_out es el "
                "número de filtros.")


# --- Ejercicio 2 · predice: parámetros de una Conv2D --------------------------------------------
_P_ENT, _P_SAL, _P_K, _P_LADO = 3, 16, 5, 32


@autocomprobacion
def comprobar_parametros_conv2d(respuesta: int) -> bool:
    """Ejercicio 2: número de parámetros de ``Conv2D(3, 16, 5)`` (con sesgo), aplicada a imágenes
    de 32×32."""
    valor = respuesta_entera(respuesta)
    if valor is None:
        return fallo("Responde con un número entero.")
    pesos = _P_SAL * _P_ENT * _P_K * _P_K
    correcta = pesos + _P_SAL
    posiciones = tamano_salida(_P_LADO, _P_K) ** 2
    if valor == correcta:
        return informar(True, f"{correcta} = 16 filtros × (3·5·5 pesos) + 16 sesgos; no depende del "
                              "tamaño de la imagen.", "")
    if valor == pesos:
        return fallo("Te has olvidado del sesgo: cada filtro tiene además un sesgo (16 más).")
    if valor in (_P_SAL * _P_K * _P_K + _P_SAL, _P_SAL * _P_K * _P_K):
        return fallo("Te has olvidado de los canales de entrada: cada filtro mira los 3 canales a la "
                    "vez, así que tiene 3·5·5 pesos.")
    if valor in (correcta * posiciones, pesos * posiciones, correcta * _P_LADO**2, pesos * _P_LADO**2):
        return fallo("Has contado los pesos en cada posición: la convolución comparte el mismo filtro "
                    "en todas las posiciones; el tamaño de la imagen no cambia los parámetros.")
    if valor in (_P_SAL * _P_ENT * _P_K + _P_SAL, _P_SAL * _P_ENT * _P_K):
        return fallo("El núcleo es de 5×5 = 25 pesos por canal, no de 5.")
    return fallo("Cuenta los pesos de un filtro (C_in · k · k), multiplica por el número de filtros y "
                "suma un sesgo por filtro.")


# --- Ejercicio 3 · implementa: correlación cruzada en modo «valid» ------------------------------
def _casos_correlacion() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(10)
    return [(rng.normal(size=(6, 8)), rng.normal(size=(2, 3))),
            (rng.normal(size=(5, 5)), rng.normal(size=(3, 3))),
            (rng.normal(size=(4, 9)), rng.normal(size=(4, 1)))]


@autocomprobacion
def comprobar_correlacion_a_mano(funcion: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 3: ``funcion(imagen, nucleo)`` debe dar la correlación cruzada sin relleno y con
    paso 1 (lo mismo que ``correlacion2d``), para imágenes y núcleos no cuadrados."""
    for imagen, nucleo in _casos_correlacion():
        resultado = respuesta_arreglo(funcion(imagen.copy(), nucleo.copy()), "la salida (H_out, W_out)")
        if isinstance(resultado, str):
            return fallo(resultado)
        esperado = correlacion2d(imagen, nucleo)
        if resultado.shape != esperado.shape:
            if resultado.shape == esperado.shape[::-1]:
                return fallo(f"La salida está traspuesta: {resultado.shape} en lugar de {esperado.shape}; "
                            "las filas van con H − kh + 1 y las columnas con W − kw + 1.")
            if resultado.shape == imagen.shape:
                return fallo("La salida tiene el tamaño de la imagen: en modo «valid» (sin relleno) sale "
                            "(H − kh + 1, W − kw + 1).")
            return fallo(f"Tamaño de salida equivocado: con imagen {imagen.shape} y núcleo {nucleo.shape} "
                        f"debe salir {esperado.shape}, no {resultado.shape}.")
        if np.allclose(resultado, esperado, atol=1e-10):
            continue
        if np.allclose(resultado, convolucion2d(imagen, nucleo), atol=1e-10):
            return fallo("Has volteado el núcleo: eso es la convolución de señales (convolucion2d). Las "
                        "redes calculan la correlación cruzada: el núcleo se aplica tal cual.")
        return fallo("Los valores no coinciden con correlacion2d: salida[i, j] = Σ imagen[i + a, j + b] · "
                    "nucleo[a, b].")
    return informar(True, "coincide con correlacion2d en imágenes y núcleos rectangulares.", "")


# --- Ejercicio 4 · implementa: max-pooling 2×2 --------------------------------------------------
@autocomprobacion
def comprobar_maxpool_a_mano(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio 4: ``funcion(x)`` con ``x`` de forma ``(N, C, H, W)`` (H y W pares) debe dar el
    máximo de cada ventana 2×2 sin solapes (paso 2): forma ``(N, C, H/2, W/2)``."""
    x = np.random.default_rng(11).normal(size=(2, 3, 6, 8))
    resultado = respuesta_arreglo(funcion(x.copy()), "un arreglo (N, C, H/2, W/2)")
    if isinstance(resultado, str):
        return fallo(resultado)
    ventanas = x.reshape(2, 3, 3, 2, 4, 2)
    esperado = ventanas.max(axis=(3, 5))
    if resultado.shape == (2, 3, 5, 7):
        return fallo("Has usado paso 1: las ventanas se solapan y sale (N, C, H − 1, W − 1). El "
                    "max-pooling 2×2 salta de dos en dos.")
    if resultado.shape in ((2, 3), (2, 3, 1, 1)):
        return fallo("Has tomado el máximo global de cada canal; aquí cada ventana 2×2 da un valor.")
    if resultado.shape != esperado.shape:
        return fallo(f"Forma {resultado.shape}, y se esperaba {esperado.shape}: sólo se reducen los dos "
                    "últimos ejes (H, W); N y C se quedan como están (¿has reducido otros ejes?).")
    if np.allclose(resultado, esperado):
        return informar(True, "el máximo de cada ventana 2×2, con la forma (N, C, H/2, W/2).", "")
    if np.allclose(resultado, ventanas.mean(axis=(3, 5))):
        return fallo("Has calculado el promedio de cada ventana (average pooling), no el máximo.")
    if np.allclose(resultado, x.reshape(2, 3, 2, 3, 2, 4).max(axis=(2, 4))):
        return fallo("Has agrupado mal los ejes al hacer reshape: (H, W) → (H/2, 2, W/2, 2) y el máximo "
                    "sobre los ejes de tamaño 2.")
    return fallo("Los valores no coinciden: salida[n, c, i, j] = max(x[n, c, 2i:2i+2, 2j:2j+2]).")


# --- Ejercicio 5 · implementa: tamaño de la salida ----------------------------------------------
_CASOS_TAMANO = [(32, 5, 2, 1), (28, 3, 1, 1), (7, 3, 2, 0), (10, 4, 3, 2), (8, 2, 2, 0), (9, 3, 1, 0)]

_ERRORES_TAMANO: list[tuple[Callable[[int, int, int, int], float], str]] = [
    (lambda n, k, s, p: (n - k) // s + 1, "Te has olvidado del relleno: suma 2·relleno a n (un borde "
                                          "a cada lado)."),
    (lambda n, k, s, p: (n + p - k) // s + 1, "Has sumado el relleno una sola vez: se añade a los dos "
                                              "lados, 2·relleno."),
    (lambda n, k, s, p: n + 2 * p - k + 1, "Te has olvidado del paso: divide (n + 2·relleno − k) "
                                           "entre el paso."),
    (lambda n, k, s, p: (n + 2 * p - k) // s, "Te falta el «+ 1»: la primera posición del núcleo también "
                                              "cuenta."),
    (lambda n, k, s, p: math.ceil((n + 2 * p - k) / s) + 1, "Has redondeado hacia arriba: usa la "
                                                            "división entera (//), hacia abajo."),
    (lambda n, k, s, p: (n + 2 * p - k) / s + 1, "Devuelves un número con decimales: usa la división "
                                                 "entera (//), hacia abajo."),
]


@autocomprobacion
def comprobar_tamano_salida_a_mano(funcion: Callable[[int, int, int, int], int]) -> bool:
    """Ejercicio 5: ``funcion(n, k, s, p)`` debe dar el número de posiciones del núcleo en un eje
    (lo mismo que ``tamano_salida``)."""
    respuestas = [funcion(n, k, s, p) for n, k, s, p in _CASOS_TAMANO]
    esperadas = [tamano_salida(n, k, s, p) for n, k, s, p in _CASOS_TAMANO]
    if all(isinstance(r, (int, np.integer)) and r == e for r, e in zip(respuestas, esperadas)):
        return informar(True, "⌊(n + 2p − k) / s⌋ + 1 en todos los casos.", "")
    for error, pista in _ERRORES_TAMANO:
        if all(r == error(*caso) for r, caso in zip(respuestas, _CASOS_TAMANO)):
            return fallo(pista)
    for caso, r, e in zip(_CASOS_TAMANO, respuestas, esperadas):
        if r != e:
            return fallo(f"Con (n, k, s, p) = {caso} debe salir {e}; tu función da {r!r}.")
    return fallo("Devuelve un int (no un float).")


# --- Ejercicio 6 · diseña un detector de bordes verticales --------------------------------------
def _imagenes_de_prueba() -> dict[str, np.ndarray]:
    vertical = np.zeros((8, 8))
    vertical[:, 4:] = 1.0  # oscuro a la izquierda, claro a la derecha
    return {"vertical": vertical, "horizontal": vertical.T.copy(), "uniforme": np.full((8, 8), 0.7)}


@autocomprobacion
def comprobar_detector_bordes_verticales(nucleo: np.ndarray) -> bool:
    """Ejercicio 6: un núcleo 3×3 que responde a un borde vertical (un salto de izquierda a
    derecha), no a uno horizontal y nada en una zona uniforme."""
    k = respuesta_arreglo(nucleo, "un núcleo 3×3")
    if isinstance(k, str):
        return fallo(k)
    if k.shape != (3, 3):
        return fallo(f"El núcleo debe ser de 3×3; se recibió la forma {k.shape}.")
    imagenes = _imagenes_de_prueba()
    respuesta = {nombre: np.abs(correlacion2d(imagen, k)).max() for nombre, imagen in imagenes.items()}
    if respuesta["uniforme"] > 1e-8:
        return fallo(f"En una zona uniforme da {respuesta['uniforme']:.4f}: los pesos deben sumar cero "
                    f"(ahora suman {k.sum():.4f}) para que sólo respondan los cambios.")
    if respuesta["vertical"] < 1e-8 and respuesta["horizontal"] > 1e-8:
        return fallo("Tu núcleo detecta bordes horizontales (cambios de arriba abajo): trasponlo para que "
                    "compare columnas, izquierda con derecha.")
    if respuesta["vertical"] < 1e-8:
        return fallo("No responde al borde vertical: pon pesos negativos en una columna y positivos en la "
                    "otra.")
    if respuesta["horizontal"] > 0.1 * respuesta["vertical"]:
        return fallo(f"También responde a bordes horizontales ({respuesta['horizontal']:.4f} frente a "
                    f"{respuesta['vertical']:.4f} en el vertical): que cada fila del núcleo sume cero.")
    return informar(True, f"responde {respuesta['vertical']:.4f} al borde vertical, "
                          f"{respuesta['horizontal']:.4f} al horizontal y 0 en la zona uniforme.", "")
