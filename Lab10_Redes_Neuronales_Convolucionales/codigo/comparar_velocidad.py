"""¿Cuánto gana ``im2col`` frente a los bucles? ¿Y cuánto le saca PyTorch a ``im2col``?

Uso::

    python -m Lab10_Redes_Neuronales_Convolucionales.codigo.comparar_velocidad [--repeticiones 5]
        [--hilos 1]

Mide ``forward`` + ``backward`` de la misma convolución (lote de 32 imágenes 8×16×16 → 16
canales, núcleo 3×3, relleno 1) con ``Conv2D(metodo="bucles")``, ``Conv2D(metodo="im2col")`` y
``torch.nn.functional.conv2d`` en la CPU, en ``float64`` y en ``float32``. Cada tiempo es el
mejor de varias repeticiones (las demás tareas del ordenador sólo pueden sumar tiempo). Se
imprime una tabla con los cocientes. No es una prueba: los tiempos dependen de la máquina.

Los tres usan el mismo número de hilos (1 por defecto): así se compara el algoritmo, no cuántos
núcleos tiene el ordenador.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo

from .convolucion import Conv2D

__all__ = ["FORMA_ENTRADA", "medir", "medir_conv2d", "medir_pytorch", "comparar_velocidad", "main"]

#: La entrada de la comparación: (N, C_in, H, W); la salida tiene 16 canales (núcleo 3×3, relleno 1).
FORMA_ENTRADA = (32, 8, 16, 16)
CANALES_SALIDA = 16


def medir(funcion: Callable[[], object], repeticiones: int = 5) -> float:
    """El mejor tiempo (segundos) de ``repeticiones`` llamadas a ``funcion`` (tras una de calentamiento)."""
    funcion()
    mejor = float("inf")
    for _ in range(entero_positivo(repeticiones, "repeticiones")):
        inicio = time.perf_counter()
        funcion()
        mejor = min(mejor, time.perf_counter() - inicio)
    return mejor


def _datos(dtype: type, forma: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Entrada ``forma`` y gradiente de la salida (núcleo 3×3 con relleno 1: mismo alto y ancho)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=forma).astype(dtype)
    g = rng.normal(size=(forma[0], CANALES_SALIDA, *forma[2:])).astype(dtype)
    return x, g


def medir_conv2d(metodo: str, dtype: type = np.float64, repeticiones: int = 5,
                 forma: tuple[int, int, int, int] = FORMA_ENTRADA) -> float:
    """Segundos de ``forward`` + ``backward`` de nuestra ``Conv2D`` con ``metodo``."""
    capa = Conv2D(forma[1], CANALES_SALIDA, 3, relleno=1, semilla=0, dtype=dtype, metodo=metodo)
    x, g = _datos(dtype, forma)

    def paso() -> None:
        capa.zero_grad()
        capa.forward(x)
        capa.backward(g)

    return medir(paso, repeticiones)


def medir_pytorch(dtype: type = np.float64, repeticiones: int = 5,
                  forma: tuple[int, int, int, int] = FORMA_ENTRADA) -> float:
    """Segundos de ``forward`` + ``backward`` de ``torch.nn.functional.conv2d`` (CPU)."""
    import torch

    x_np, g_np = _datos(dtype, forma)
    x = torch.tensor(x_np, requires_grad=True)
    g = torch.tensor(g_np)
    capa = Conv2D(forma[1], CANALES_SALIDA, 3, relleno=1, semilla=0, dtype=dtype)
    W = torch.tensor(capa.W.datos, requires_grad=True)
    b = torch.tensor(capa.b.datos, requires_grad=True)

    def paso() -> None:
        x.grad = W.grad = b.grad = None
        torch.nn.functional.conv2d(x, W, b, padding=1).backward(g)

    return medir(paso, repeticiones)


def comparar_velocidad(repeticiones: int = 5, hilos: int = 1,
                       forma: tuple[int, int, int, int] = FORMA_ENTRADA) -> str:
    """Mide los tres métodos en ``float64`` y ``float32`` y devuelve la tabla en texto.

    ``forma``: la entrada ``(N, C_in, H, W)``; la salida siempre tiene ``CANALES_SALIDA`` canales.
    """
    import torch
    from threadpoolctl import threadpool_limits

    hilos = entero_positivo(hilos, "hilos")
    hilos_torch = torch.get_num_threads()
    torch.set_num_threads(hilos)
    filas = []
    try:
        with threadpool_limits(limits=hilos):
            for dtype in (np.float64, np.float32):
                bucles = medir_conv2d("bucles", dtype, repeticiones, forma)
                rapido = medir_conv2d("im2col", dtype, repeticiones, forma)
                suyo = medir_pytorch(dtype, repeticiones, forma)
                filas.append((np.dtype(dtype).name, bucles, rapido, suyo))
    finally:
        torch.set_num_threads(hilos_torch)
    n, c, h, w = forma
    lineas = [
        f"Conv2D forward + backward: ({n}, {c}, {h}, {w}) → {CANALES_SALIDA} canales, núcleo 3×3, "
        f"relleno 1; CPU, {hilos} hilo(s), mejor de {repeticiones}",
        f"{'tipo':<8}{'bucles (ms)':>13}{'im2col (ms)':>13}{'PyTorch (ms)':>14}"
        f"{'bucles/im2col':>15}{'im2col/PyTorch':>16}",
    ]
    for tipo, bucles, rapido, suyo in filas:
        lineas.append(f"{tipo:<8}{bucles * 1e3:>13.2f}{rapido * 1e3:>13.2f}{suyo * 1e3:>14.2f}"
                      f"{bucles / rapido:>14.1f}×{rapido / suyo:>15.1f}×")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Compara Conv2D con bucles, con im2col y PyTorch.")
    analizador.add_argument("--repeticiones", type=int, default=5, help="repeticiones de cada medida")
    analizador.add_argument("--hilos", type=int, default=1, help="hilos de NumPy (BLAS) y de PyTorch")
    opciones = analizador.parse_args(argumentos)
    print(comparar_velocidad(opciones.repeticiones, opciones.hilos))
    return 0


if __name__ == "__main__":
    sys.exit(main())
