"""¿Cuánto tarda nuestro ``BloqueTransformer`` de NumPy frente a ``nn.TransformerEncoderLayer`` en la CPU?

Uso::

    python -m Lab12_Transformers.codigo.comparar_velocidad [--rapido] [--repeticiones 5] [--hilos 1]

Mide ``forward`` + ``backward`` del mismo bloque (*pre-norm*, mismos pesos, copiados con
``copiar_a_torch``) en NumPy y en PyTorch (``norm_first=True, batch_first=True, dropout=0``),
en ``float64`` y ``float32``, con dos tamaños ``(N, T, D, H, d_oculta)``. Cada tiempo es el mejor
de varias repeticiones y la tabla da el cociente NumPy / PyTorch. Los dos usan el mismo número
de hilos (1 por defecto, ``mismos_hilos`` del Lab08). No es una prueba: depende de la máquina.

Aquí no hay bucle en el tiempo (a diferencia de la LSTM del Lab11): todo son productos de
matrices grandes, que NumPy y PyTorch delegan en la misma clase de biblioteca (BLAS). La
diferencia que queda son las operaciones elemento a elemento (softmax, LayerNorm, GELU), que
NumPy hace en varias pasadas por la memoria y PyTorch en menos.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, medir_tiempo

from .bloque import BloqueTransformer

__all__ = ["TAMANOS_VELOCIDAD", "TAMANOS_VELOCIDAD_RAPIDO", "medir_bloque_numpy", "medir_bloque_pytorch",
           "filas_velocidad_bloque", "tabla_velocidad_bloque", "main"]

#: Tamaños ``(N, T, D, H, d_oculta)``: lote, posiciones, dimensión del modelo, cabezas, MLP.
TAMANOS_VELOCIDAD = ((32, 32, 64, 4, 256), (16, 128, 128, 8, 512))
#: Los de ``--rapido``.
TAMANOS_VELOCIDAD_RAPIDO = ((8, 16, 32, 4, 64), (16, 32, 64, 4, 256))

Tamano = tuple[int, int, int, int, int]


def _datos(tamano: Tamano, dtype: type, activacion: str) -> tuple[BloqueTransformer, np.ndarray, np.ndarray]:
    N, T, D, H, F = (entero_positivo(v, "tamano") for v in tamano)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, T, D)).astype(dtype)
    g = rng.normal(size=(N, T, D)).astype(dtype)
    return BloqueTransformer(D, H, F, activacion=activacion, semilla=0, dtype=dtype), x, g


def medir_bloque_numpy(tamano: Tamano, dtype: type = np.float64, repeticiones: int = 5,
                       activacion: str = "relu") -> float:
    """Segundos (el mejor de ``repeticiones``, tras uno de calentamiento) de ``forward`` +
    ``backward`` de nuestro ``BloqueTransformer`` con ``tamano = (N, T, D, H, d_oculta)``."""
    bloque, x, g = _datos(tamano, dtype, activacion)

    def paso() -> None:
        bloque.zero_grad()
        bloque.forward(x)
        bloque.backward(g)

    paso()
    return medir_tiempo(paso, entero_positivo(repeticiones, "repeticiones"))


def medir_bloque_pytorch(tamano: Tamano, dtype: type = np.float64, repeticiones: int = 5,
                         activacion: str = "relu") -> float:
    """Lo mismo con ``nn.TransformerEncoderLayer(norm_first=True, batch_first=True, dropout=0)``."""
    import torch

    from .pesos_torch import copiar_a_torch

    bloque, x_np, g_np = _datos(tamano, dtype, activacion)
    modelo = copiar_a_torch(bloque, "cpu")
    x = torch.from_numpy(x_np).requires_grad_(True)
    g = torch.from_numpy(g_np)

    def paso() -> None:
        modelo.zero_grad()
        x.grad = None
        modelo(x).backward(g)

    paso()
    return medir_tiempo(paso, entero_positivo(repeticiones, "repeticiones"))


def filas_velocidad_bloque(tamanos: tuple[Tamano, ...] = TAMANOS_VELOCIDAD, repeticiones: int = 5,
                           hilos: int = 1, activacion: str = "relu"
                           ) -> list[tuple[Tamano, str, float, float]]:
    """``[(tamano, tipo, segundos NumPy, segundos PyTorch)]`` en ``float64`` y ``float32``."""
    from Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad import mismos_hilos

    filas = []
    with mismos_hilos(entero_positivo(hilos, "hilos")):
        for tamano in tamanos:
            for dtype in (np.float64, np.float32):
                nuestro = medir_bloque_numpy(tamano, dtype, repeticiones, activacion)
                suyo = medir_bloque_pytorch(tamano, dtype, repeticiones, activacion)
                filas.append((tuple(tamano), np.dtype(dtype).name, nuestro, suyo))
    return filas


def tabla_velocidad_bloque(tamanos: tuple[Tamano, ...] = TAMANOS_VELOCIDAD, repeticiones: int = 5,
                           hilos: int = 1, activacion: str = "relu") -> str:
    """La tabla de ``filas_velocidad_bloque`` en texto."""
    filas = filas_velocidad_bloque(tamanos, repeticiones, hilos, activacion)
    lineas = [
        f"BloqueTransformer forward + backward en la CPU ({activacion}), {hilos} hilo(s), "
        f"mejor de {repeticiones}",
        f"{'(N, T, D, H, d_oculta)':<26}{'tipo':<9}{'NumPy (ms)':>12}{'PyTorch (ms)':>14}"
        f"{'NumPy/PyTorch':>15}",
    ]
    for tamano, tipo, nuestro, suyo in filas:
        lineas.append(f"{str(tamano):<26}{tipo:<9}{nuestro * 1e3:>12.2f}{suyo * 1e3:>14.2f}"
                      f"{nuestro / suyo:>14.2f}×")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(
        description="Compara el BloqueTransformer de NumPy con nn.TransformerEncoderLayer (CPU).")
    analizador.add_argument("--rapido", action="store_true", help="tamaños pequeños (para el cuaderno)")
    analizador.add_argument("--repeticiones", type=int, default=5, help="repeticiones de cada medida")
    analizador.add_argument("--hilos", type=int, default=1, help="hilos de NumPy (BLAS) y de PyTorch")
    analizador.add_argument("--activacion", choices=("relu", "gelu"), default="relu",
                            help="activación de la MLP del bloque")
    opciones = analizador.parse_args(argumentos)
    tamanos = TAMANOS_VELOCIDAD_RAPIDO if opciones.rapido else TAMANOS_VELOCIDAD
    print(tabla_velocidad_bloque(tamanos, opciones.repeticiones, opciones.hilos, opciones.activacion))
    return 0


if __name__ == "__main__":
    sys.exit(main())
