"""¿Cuánto gana ``im2col`` frente a los bucles? ¿Y a qué distancia queda de PyTorch?

Uso::

    python -m Lab10_Redes_Neuronales_Convolucionales.codigo.comparar_velocidad [--repeticiones 5]
        [--hilos 1] [--casos lenet grande]

Mide ``forward`` + ``backward`` de la misma convolución (núcleo 3×3, relleno 1) con
``Conv2D(metodo="bucles")``, ``Conv2D(metodo="im2col")`` y ``torch.nn.functional.conv2d`` en la
CPU, en ``float64`` y en ``float32``, para cada caso de ``CASOS``: las dos convoluciones de la LeNet
del laboratorio (lotes de 64 dígitos 8×8) y una más grande, de las de una red para imágenes 32×32.
Cada tiempo es el mejor de varias repeticiones (las demás tareas del ordenador sólo pueden sumar
tiempo). Se imprime una tabla con los cocientes. No es una prueba: los tiempos dependen de la máquina.

Los tres usan el mismo número de hilos (1 por defecto): así se compara el algoritmo, no cuántos
núcleos tiene el ordenador.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo

from .convolucion import Conv2D

__all__ = ["CASOS", "FORMA_ENTRADA", "medir", "medir_conv2d", "medir_pytorch", "comparar_velocidad", "main"]

#: Una entrada de ejemplo: (N, C_in, H, W); la salida tiene 16 canales (núcleo 3×3, relleno 1).
FORMA_ENTRADA = (32, 8, 16, 16)
CANALES_SALIDA = 16

#: Casos de la comparación: nombre → (forma de la entrada (N, C_in, H, W), canales de salida).
CASOS: dict[str, tuple[tuple[int, int, int, int], int]] = {
    "lenet_conv1": ((64, 1, 8, 8), 8),
    "lenet_conv2": ((64, 8, 4, 4), 16),
    "grande": ((32, 16, 32, 32), 32),
}
#: Grupos de casos que se pueden pedir con ``casos=``.
GRUPOS = {"lenet": ("lenet_conv1", "lenet_conv2"), "grande": ("grande",)}


def medir(funcion: Callable[[], object], repeticiones: int = 5) -> float:
    """El mejor tiempo (segundos) de ``repeticiones`` llamadas a ``funcion`` (tras una de calentamiento)."""
    funcion()
    mejor = float("inf")
    for _ in range(entero_positivo(repeticiones, "repeticiones")):
        inicio = time.perf_counter()
        funcion()
        mejor = min(mejor, time.perf_counter() - inicio)
    return mejor


def _datos(dtype: type, forma: tuple[int, int, int, int], canales_salida: int = CANALES_SALIDA
           ) -> tuple[np.ndarray, np.ndarray]:
    """Entrada ``forma`` y gradiente de la salida (núcleo 3×3 con relleno 1: mismo alto y ancho)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=forma).astype(dtype)
    g = rng.normal(size=(forma[0], canales_salida, *forma[2:])).astype(dtype)
    return x, g


def medir_conv2d(metodo: str, dtype: type = np.float64, repeticiones: int = 5,
                 forma: tuple[int, int, int, int] = FORMA_ENTRADA, canales_salida: int = CANALES_SALIDA
                 ) -> float:
    """Segundos de ``forward`` + ``backward`` de nuestra ``Conv2D`` con ``metodo``."""
    capa = Conv2D(forma[1], canales_salida, 3, relleno=1, semilla=0, dtype=dtype, metodo=metodo)
    x, g = _datos(dtype, forma, canales_salida)

    def paso() -> None:
        capa.zero_grad()
        capa.forward(x)
        capa.backward(g)

    return medir(paso, repeticiones)


def medir_pytorch(dtype: type = np.float64, repeticiones: int = 5,
                  forma: tuple[int, int, int, int] = FORMA_ENTRADA, canales_salida: int = CANALES_SALIDA
                  ) -> float:
    """Segundos de ``forward`` + ``backward`` de ``torch.nn.functional.conv2d`` (CPU)."""
    import torch

    x_np, g_np = _datos(dtype, forma, canales_salida)
    x = torch.tensor(x_np, requires_grad=True)
    g = torch.tensor(g_np)
    capa = Conv2D(forma[1], canales_salida, 3, relleno=1, semilla=0, dtype=dtype)
    W = torch.tensor(capa.W.datos, requires_grad=True)
    b = torch.tensor(capa.b.datos, requires_grad=True)

    def paso() -> None:
        x.grad = W.grad = b.grad = None
        torch.nn.functional.conv2d(x, W, b, padding=1).backward(g)

    return medir(paso, repeticiones)


def _resolver_casos(casos: str | Sequence[str] | None, forma: tuple[int, int, int, int] | None
                    ) -> list[tuple[str, tuple[int, int, int, int], int]]:
    if forma is not None:
        return [("a medida", tuple(int(d) for d in forma), CANALES_SALIDA)]
    nombres: list[str] = []
    for nombre in ([casos] if isinstance(casos, str) else list(casos or GRUPOS)):
        if nombre in GRUPOS:
            nombres.extend(GRUPOS[nombre])
        elif nombre in CASOS:
            nombres.append(nombre)
        else:
            validos = ", ".join([*GRUPOS, *CASOS])
            raise ValueError(f"caso desconocido {nombre!r}; se esperaba uno de {validos}")
    return [(n, *CASOS[n]) for n in dict.fromkeys(nombres)]


def comparar_velocidad(repeticiones: int = 5, hilos: int = 1,
                       forma: tuple[int, int, int, int] | None = None,
                       casos: str | Sequence[str] | None = None) -> str:
    """Mide los tres métodos en ``float64`` y ``float32`` y devuelve la tabla en texto.

    ``casos``: nombres de ``CASOS`` o de los grupos ``"lenet"`` y ``"grande"`` (por defecto, todos).
    ``forma``: en su lugar, una entrada ``(N, C_in, H, W)`` a medida (salida de ``CANALES_SALIDA``
    canales).
    """
    import torch
    from threadpoolctl import threadpool_limits

    hilos = entero_positivo(hilos, "hilos")
    lista = _resolver_casos(casos, forma)
    hilos_torch = torch.get_num_threads()
    torch.set_num_threads(hilos)
    filas = []
    try:
        with threadpool_limits(limits=hilos):
            for nombre, entrada, salida in lista:
                for dtype in (np.float64, np.float32):
                    bucles = medir_conv2d("bucles", dtype, repeticiones, entrada, salida)
                    rapido = medir_conv2d("im2col", dtype, repeticiones, entrada, salida)
                    suyo = medir_pytorch(dtype, repeticiones, entrada, salida)
                    filas.append((nombre, entrada, salida, np.dtype(dtype).name, bucles, rapido, suyo))
    finally:
        torch.set_num_threads(hilos_torch)
    lineas = [
        f"Conv2D forward + backward, núcleo 3×3, relleno 1; CPU, {hilos} hilo(s), mejor de {repeticiones}",
        f"{'caso':<12}{'entrada → canales':<24}{'tipo':<8}{'bucles (ms)':>12}{'im2col (ms)':>12}"
        f"{'PyTorch (ms)':>13}{'bucles/im2col':>15}{'im2col/PyTorch':>16}",
    ]
    for nombre, entrada, salida, tipo, bucles, rapido, suyo in filas:
        lineas.append(f"{nombre:<12}{f'{entrada} → {salida}':<24}{tipo:<8}{bucles * 1e3:>12.2f}"
                      f"{rapido * 1e3:>12.2f}{suyo * 1e3:>13.2f}{bucles / rapido:>14.1f}×"
                      f"{rapido / suyo:>15.1f}×")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Compara Conv2D con bucles, con im2col y PyTorch.")
    analizador.add_argument("--repeticiones", type=int, default=5, help="repeticiones de cada medida")
    analizador.add_argument("--hilos", type=int, default=1, help="hilos de NumPy (BLAS) y de PyTorch")
    analizador.add_argument("--casos", nargs="+", default=None, choices=[*GRUPOS, *CASOS],
                            help="qué casos medir (por defecto, todos)")
    opciones = analizador.parse_args(argumentos)
    print(comparar_velocidad(opciones.repeticiones, opciones.hilos, casos=opciones.casos))
    return 0


if __name__ == "__main__":
    sys.exit(main())
