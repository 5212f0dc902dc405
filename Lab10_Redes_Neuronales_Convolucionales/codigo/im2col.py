"""``im2col`` y ``col2im``: convertir una convolución en una sola multiplicación de matrices.

Una convolución desliza un núcleo ``kh×kw`` por la imagen y, en cada posición, hace un producto
escalar entre el núcleo y el trozo (*parche*) de imagen que tiene debajo. ``im2col`` copia cada
parche en una fila de una matriz:

    x (N, C, H, W)  →  columnas (N·H_out·W_out, C·kh·kw)

Fila ``(n, i, j)``: el parche de la imagen ``n`` cuya esquina superior izquierda está en
``(i·paso, j·paso)`` de la imagen con relleno; sus ``C·kh·kw`` valores van en el orden
``(canal, fila, columna)``, el mismo en que se aplana un núcleo ``W[o]`` de forma ``(C, kh, kw)``.
Así la convolución entera es ``columnas @ W.reshape(C_out, -1).T``.

``col2im`` es la operación **adjunta** (la traspuesta): devuelve cada valor de las columnas a
la posición de la imagen de la que salió y **suma** los que caen en el mismo píxel (cuando los
parches se solapan, un píxel aparece en varias filas). Por eso ``col2im`` calcula el gradiente
de la entrada: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ para todo ``x`` y ``c``.

Tamaño de la salida en cada eje (``n`` entrada, ``k`` núcleo, ``s`` paso, ``p`` relleno):

    n_out = ⌊(n + 2p − k) / s⌋ + 1
"""

from __future__ import annotations

import numbers

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, entero_positivo

__all__ = ["im2col", "col2im", "tamano_salida", "par_de_enteros"]


def par_de_enteros(valor: int | tuple[int, int], nombre: str, minimo: int = 1) -> tuple[int, int]:
    """``3 → (3, 3)``; ``(3, 5) → (3, 5)``. Cada entero debe ser ≥ ``minimo`` (alto, ancho)."""
    if isinstance(valor, numbers.Integral) and not isinstance(valor, (bool, np.bool_)):
        valor = (valor, valor)
    if not isinstance(valor, (tuple, list)) or len(valor) != 2:
        raise ValueError(f"{nombre} debe ser un entero o una pareja (alto, ancho), se recibió {valor!r}")
    return (entero_positivo(valor[0], nombre, minimo), entero_positivo(valor[1], nombre, minimo))


def tamano_salida(n: int, k: int, paso: int = 1, relleno: int = 0) -> int:
    """``⌊(n + 2·relleno − k) / paso⌋ + 1``: posiciones del núcleo en un eje de tamaño ``n``.

    Lanza ``ValueError`` si el núcleo no cabe ni una vez en la entrada con relleno.
    """
    n = entero_positivo(n, "n")
    k = entero_positivo(k, "el tamaño del núcleo")
    paso = entero_positivo(paso, "paso")
    relleno = entero_positivo(relleno, "relleno", minimo=0)
    if n + 2 * relleno < k:
        raise ValueError(
            f"el núcleo de tamaño {k} es mayor que la entrada con relleno: {n} + 2·{relleno} = "
            f"{n + 2 * relleno}; usa un núcleo más pequeño o más relleno"
        )
    return (n + 2 * relleno - k) // paso + 1


def _geometria(forma: tuple[int, ...], kh: int, kw: int, paso: object, relleno: object
               ) -> tuple[tuple[int, int], tuple[int, int], int, int]:
    """Pasos, rellenos y tamaño de salida ``(H_out, W_out)`` para una entrada ``(N, C, H, W)``."""
    kh, kw = entero_positivo(kh, "kh"), entero_positivo(kw, "kw")
    (sh, sw), (ph, pw) = par_de_enteros(paso, "paso"), par_de_enteros(relleno, "relleno", minimo=0)
    h_out = tamano_salida(forma[2], kh, sh, ph)
    w_out = tamano_salida(forma[3], kw, sw, pw)
    return (sh, sw), (ph, pw), h_out, w_out


def im2col(x: np.ndarray, kh: int, kw: int, paso: int | tuple[int, int] = 1,
           relleno: int | tuple[int, int] = 0) -> np.ndarray:
    """Parches de ``x`` ``(N, C, H, W)`` como filas: ``(N·H_out·W_out, C·kh·kw)``.

    Sin bucles de Python: ``sliding_window_view`` ve todas las ventanas ``kh×kw`` a la vez
    (sin copiar), se toma una de cada ``paso`` y se copian una sola vez al reordenarlas. El
    resultado se guarda «por columnas» (es la traspuesta de un arreglo contiguo; ver ``_parches``).
    ``paso`` y ``relleno``: un entero o una pareja ``(alto, ancho)``.
    """
    x = como_arreglo(x, "la entrada de im2col", finito=False)
    if x.ndim != 4:
        raise ValueError(f"se esperaba la entrada de im2col de forma (N, C, H, W), "
                         f"se recibió {describir_forma(x.shape)}")
    (sh, sw), (ph, pw), h_out, w_out = _geometria(x.shape, kh, kw, paso, relleno)
    if ph or pw:
        x = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    return _parches(x, kh, kw, sh, sw, h_out, w_out)


def _parches(x_rellena: np.ndarray, kh: int, kw: int, sh: int, sw: int, h_out: int, w_out: int
             ) -> np.ndarray:
    """El corazón de ``im2col`` (sin validar): ``x_rellena`` ``(N, C, Hp, Wp)`` → columnas.

    Las ventanas se copian en el orden ``(C, kh, kw, N, H_out, W_out)`` y se devuelve la
    traspuesta (una vista, sin copia): la matriz es la misma, ``(N·H_out·W_out, C·kh·kw)``, pero
    guardada «por columnas». Copiar en ese orden recorre la imagen a trozos contiguos (filas de
    ``W_out`` valores) y es varias veces más rápido que copiar parche a parche; la multiplicación
    de matrices acepta la traspuesta sin copiarla.
    """
    n, c = x_rellena.shape[:2]
    ventanas = np.lib.stride_tricks.sliding_window_view(x_rellena, (kh, kw), axis=(2, 3))
    ventanas = ventanas[:, :, : h_out * sh : sh, : w_out * sw : sw]  # (N, C, H_out, W_out, kh, kw)
    return ventanas.transpose(1, 4, 5, 0, 2, 3).reshape(c * kh * kw, n * h_out * w_out).T


def col2im(columnas: np.ndarray, forma_x: tuple[int, int, int, int], kh: int, kw: int,
           paso: int | tuple[int, int] = 1, relleno: int | tuple[int, int] = 0) -> np.ndarray:
    """La adjunta de ``im2col``: suma cada fila de ``columnas`` en su parche; devuelve ``forma_x``.

    ``columnas``: ``(N·H_out·W_out, C·kh·kw)``. Los valores que caen en el mismo píxel se suman
    con ``kh·kw`` sumas de arreglos enteros (una por casilla del núcleo: cada una desplaza todos
    los parches a la vez) y al final se quita el relleno.
    """
    columnas = como_arreglo(columnas, "las columnas de col2im", finito=False)
    forma_x = tuple(int(d) for d in forma_x)
    if len(forma_x) != 4:
        raise ValueError(f"forma_x debe ser (N, C, H, W), se recibió {forma_x!r}")
    n, c, h, w = forma_x
    (sh, sw), (ph, pw), h_out, w_out = _geometria(forma_x, kh, kw, paso, relleno)
    esperada = (n * h_out * w_out, c * kh * kw)
    if columnas.shape != esperada:
        raise ValueError(f"se esperaban las columnas de col2im de forma {describir_forma(esperada)}, "
                         f"se recibió {describir_forma(columnas.shape)}")
    hp, wp = h + 2 * ph, w + 2 * pw
    # (C, kh, kw, N, H_out, W_out): una vista si las columnas vienen «por columnas» (como las de im2col)
    trozos = columnas.T.reshape(c, kh, kw, n, h_out, w_out)
    imagen = np.zeros((c, n, hp, wp), dtype=columnas.dtype)
    for i in range(kh):  # kh·kw sumas de arreglos enteros: el bucle recorre el núcleo, no la imagen
        for j in range(kw):
            imagen[:, :, i : i + sh * h_out : sh, j : j + sw * w_out : sw] += trozos[:, i, j]
    return imagen[:, :, ph : ph + h, pw : pw + w].transpose(1, 0, 2, 3)
