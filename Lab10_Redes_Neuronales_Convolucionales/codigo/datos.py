"""Imágenes para el Lab10, todas sin conexión: los dígitos 8×8 de scikit-learn como imágenes
``(N, 1, 8, 8)``, esos dígitos pegados en un lienzo mayor (donde la **posición** importa) y una
de las dos fotos de ``load_sample_images`` en escala de grises (para ver qué hace un filtro).

- ``cargar_digitos_imagenes``: entrenamiento / validación / prueba (60 / 20 / 20 %, estratificado).
- ``digitos_en_lienzo``: cada dígito en un lienzo de ceros ``tamano × tamano``, en el centro o en
  una posición al azar; devuelve también las posiciones.
- ``foto_en_grises``: una foto ``(alto, ancho)`` con valores en ``[0, 1]``, reducida si se pide.
"""

from __future__ import annotations

import numbers

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import crear_generador
from Lab06_Entrenamiento.codigo import dividir_datos

__all__ = ["POSICIONES", "cargar_digitos_imagenes", "digitos_en_lienzo", "foto_en_grises"]

#: Valores admitidos para ``posicion`` en ``digitos_en_lienzo``.
POSICIONES = ("aleatoria", "centro")

Particion = tuple[np.ndarray, np.ndarray]


def cargar_digitos_imagenes(
    semilla: int | np.random.Generator | None = 0, dtype: type = np.float64
) -> tuple[Particion, Particion, Particion]:
    """Los 1797 dígitos de ``load_digits`` como imágenes, divididos en tres partes.

    Devuelve ``(entrenamiento, validacion, prueba)``, cada una una pareja ``(X, y)`` con
    ``X`` de forma ``(N, 1, 8, 8)`` y valores en ``[0, 1]`` (los píxeles van de 0 a 16 y se
    dividen entre 16) y ``y`` ``(N,)`` enteros de 0 a 9. Las proporciones son 60 / 20 / 20 %
    **en cada clase** (estratificado, con ``dividir_datos`` del Lab06), así que los tamaños no
    dependen de la semilla: 1079 / 359 / 359. La misma ``semilla`` da las mismas particiones.
    """
    from sklearn.datasets import load_digits

    digitos = load_digits()
    X = (digitos.data / 16.0).astype(dtype)
    y = digitos.target.astype(np.int64)
    particiones = dividir_datos(X, y, (0.6, 0.2, 0.2), estratificar=True, semilla=crear_generador(semilla))
    return tuple((Xp.reshape(-1, 1, 8, 8), yp) for Xp, yp in particiones)  # type: ignore[return-value]


def digitos_en_lienzo(
    X: np.ndarray,
    tamano: int = 16,
    posicion: str = "aleatoria",
    semilla: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Pega cada imagen de ``X`` en un lienzo de ceros ``tamano × tamano``.

    - ``X``: ``(N, C, h, w)`` (p. ej. dígitos ``(N, 1, 8, 8)``), con ``h, w ≤ tamano``.
    - ``posicion="centro"``: todas en el centro (esquina superior izquierda en
      ``((tamano − h) // 2, (tamano − w) // 2)``); ``"aleatoria"``: cada una en una esquina al azar
      entre ``0`` y ``tamano − h`` (filas) y ``0`` y ``tamano − w`` (columnas), con ``semilla``.

    Devuelve ``(lienzos, posiciones)``: ``lienzos`` ``(N, C, tamano, tamano)`` del mismo tipo que
    ``X`` y ``posiciones`` ``(N, 2)`` enteros ``(fila, columna)`` de la esquina superior izquierda
    de cada imagen: ``lienzos[i, :, f:f+h, c:c+w]`` es exactamente ``X[i]``.
    """
    X = np.asarray(X)
    if X.ndim != 4 or not np.issubdtype(X.dtype, np.number):
        raise ValueError(
            f"se esperaba X de forma (N, C, alto, ancho) con números, se recibió forma {X.shape}"
        )
    if isinstance(tamano, bool) or not isinstance(tamano, numbers.Integral):
        raise ValueError(f"tamano debe ser un entero positivo, se recibió {tamano!r}")
    N, C, h, w = X.shape
    if tamano < max(h, w):
        raise ValueError(
            f"el lienzo de {tamano}×{tamano} es más pequeño que las imágenes de {h}×{w}: "
            f"se esperaba tamano ≥ {max(h, w)}"
        )
    if posicion == "centro":
        posiciones = np.tile([(tamano - h) // 2, (tamano - w) // 2], (N, 1))
    elif posicion == "aleatoria":
        rng = crear_generador(semilla)
        posiciones = np.stack(
            [rng.integers(0, tamano - h + 1, size=N), rng.integers(0, tamano - w + 1, size=N)], axis=1
        )
    else:
        raise ValueError(f"posicion desconocida: {posicion!r}; se esperaba una de {', '.join(POSICIONES)}")
    posiciones = posiciones.astype(np.int64)
    lienzos = np.zeros((N, C, tamano, tamano), dtype=X.dtype)
    for i, (f, c) in enumerate(posiciones):
        lienzos[i, :, f : f + h, c : c + w] = X[i]
    return lienzos, posiciones


def foto_en_grises(indice: int = 0, escala: int = 4, dtype: type = np.float64) -> np.ndarray:
    """Una de las dos fotos de ``load_sample_images`` (0: templo chino, 1: flor) en grises.

    Devuelve un arreglo 2-D ``(alto, ancho)`` en ``[0, 1]``: luminancia
    ``0.299·R + 0.587·G + 0.114·B`` dividida entre 255. Con ``escala = k > 1`` se reduce
    promediando bloques de ``k × k`` píxeles (las fotos son de 427 × 640; con ``k = 4``, 106 × 160),
    para que los filtros escritos con bucles vayan rápido.
    """
    from sklearn.datasets import load_sample_images

    fotos = load_sample_images().images
    if isinstance(indice, bool) or not isinstance(indice, numbers.Integral) or not 0 <= indice < len(fotos):
        raise ValueError(f"indice debe ser 0 (templo) o 1 (flor), se recibió {indice!r}")
    escala = entero_positivo(escala, "escala")
    rgb = fotos[int(indice)].astype(np.float64) / 255.0
    gris = rgb @ np.array([0.299, 0.587, 0.114])
    alto, ancho = gris.shape[0] // escala, gris.shape[1] // escala
    if alto == 0 or ancho == 0:
        raise ValueError(
            f"escala={escala} es demasiado grande para una foto de {gris.shape[0]}×{gris.shape[1]}"
        )
    gris = gris[: alto * escala, : ancho * escala].reshape(alto, escala, ancho, escala).mean(axis=(1, 3))
    return np.clip(gris, 0.0, 1.0).astype(dtype)
