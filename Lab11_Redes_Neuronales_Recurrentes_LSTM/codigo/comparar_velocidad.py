"""¿Cuánto tarda nuestra ``LSTM`` de NumPy frente a ``torch.nn.LSTM`` en la CPU?

Uso::

    python -m Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.comparar_velocidad [--rapido]
        [--repeticiones 5] [--hilos 1]

Mide ``forward`` + ``backward`` (BPTT) de la misma LSTM, con los mismos pesos, en NumPy y en
PyTorch (``batch_first=True``), en ``float64`` y ``float32``, con dos tamaños ``(N, T, F, H)``:
uno pequeño (el de los dígitos fila a fila) y uno mayor. Cada tiempo es el mejor de varias
repeticiones (las demás tareas del ordenador sólo pueden sumar tiempo) y se imprime una tabla
con el cociente NumPy / PyTorch. ``--rapido`` usa tamaños menores (para el cuaderno). No es una
prueba: los tiempos dependen de la máquina.

Los dos usan el mismo número de hilos (1 por defecto, con ``mismos_hilos`` del Lab08): así se
compara el algoritmo, no cuántos núcleos tiene el ordenador. El bucle en el tiempo es el mismo
en los dos (un paso depende del anterior); lo que cambia es que PyTorch lo recorre en C++.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, medir_tiempo

from .lstm import LSTM

__all__ = ["TAMANOS_VELOCIDAD", "TAMANOS_VELOCIDAD_RAPIDO", "medir_lstm_numpy", "medir_lstm_pytorch",
           "tabla_velocidad_lstm", "main"]

#: Tamaños ``(N, T, F, H)`` de la comparación: lote, pasos, rasgos, unidades ocultas.
TAMANOS_VELOCIDAD = ((32, 8, 8, 64), (64, 50, 32, 128))
#: Los de ``--rapido``.
TAMANOS_VELOCIDAD_RAPIDO = ((16, 8, 8, 32), (32, 20, 16, 64))

Tamano = tuple[int, int, int, int]


def _datos(tamano: Tamano, dtype: type) -> tuple[LSTM, np.ndarray, np.ndarray]:
    N, T, F, H = (entero_positivo(v, "tamano") for v in tamano)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, T, F)).astype(dtype)
    g = rng.normal(size=(N, T, H)).astype(dtype)
    return LSTM(F, H, semilla=0, dtype=dtype), x, g


def medir_lstm_numpy(tamano: Tamano, dtype: type = np.float64, repeticiones: int = 5) -> float:
    """Segundos (el mejor de ``repeticiones``, tras uno de calentamiento) de ``forward`` +
    ``backward`` de nuestra ``LSTM`` con ``tamano = (N, T, F, H)``."""
    capa, x, g = _datos(tamano, dtype)

    def paso() -> None:
        capa.zero_grad()
        capa.forward(x)
        capa.backward(g)

    paso()
    return medir_tiempo(paso, entero_positivo(repeticiones, "repeticiones"))


def medir_lstm_pytorch(tamano: Tamano, dtype: type = np.float64, repeticiones: int = 5) -> float:
    """Lo mismo con ``torch.nn.LSTM(batch_first=True)`` en la CPU y los mismos pesos."""
    import torch

    capa, x_np, g_np = _datos(tamano, dtype)
    tipo = torch.float64 if np.dtype(dtype) == np.float64 else torch.float32
    modelo = torch.nn.LSTM(capa.n_entrada, capa.n_oculto, batch_first=True, dtype=tipo)
    with torch.no_grad():
        for nombre, p in capa.named_parameters():  # W_ih → weight_ih_l0, b_hh → bias_hh_l0…
            destino = {"W_ih": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_ih": "bias_ih_l0",
                       "b_hh": "bias_hh_l0"}[nombre]
            getattr(modelo, destino).copy_(torch.from_numpy(p.datos))
    x = torch.from_numpy(x_np).requires_grad_(True)
    g = torch.from_numpy(g_np)

    def paso() -> None:
        modelo.zero_grad()
        x.grad = None
        salida, _ = modelo(x)
        salida.backward(g)

    paso()
    return medir_tiempo(paso, entero_positivo(repeticiones, "repeticiones"))


def tabla_velocidad_lstm(tamanos: tuple[Tamano, ...] = TAMANOS_VELOCIDAD, repeticiones: int = 5,
                         hilos: int = 1) -> str:
    """Mide NumPy y PyTorch en cada tamaño, en ``float64`` y ``float32``, y devuelve la tabla en texto."""
    from Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad import mismos_hilos

    filas = []
    with mismos_hilos(entero_positivo(hilos, "hilos")):
        for tamano in tamanos:
            for dtype in (np.float64, np.float32):
                nuestro = medir_lstm_numpy(tamano, dtype, repeticiones)
                suyo = medir_lstm_pytorch(tamano, dtype, repeticiones)
                filas.append((tamano, np.dtype(dtype).name, nuestro, suyo))
    lineas = [
        f"LSTM forward + backward en la CPU, {hilos} hilo(s), mejor de {repeticiones}",
        f"{'(N, T, F, H)':<20}{'tipo':<9}{'NumPy (ms)':>12}{'PyTorch (ms)':>14}{'NumPy/PyTorch':>15}",
    ]
    for tamano, tipo, nuestro, suyo in filas:
        lineas.append(f"{str(tuple(tamano)):<20}{tipo:<9}{nuestro * 1e3:>12.2f}{suyo * 1e3:>14.2f}"
                      f"{nuestro / suyo:>14.2f}×")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Compara la LSTM de NumPy con torch.nn.LSTM (CPU).")
    analizador.add_argument("--rapido", action="store_true", help="tamaños pequeños (para el cuaderno)")
    analizador.add_argument("--repeticiones", type=int, default=5, help="repeticiones de cada medida")
    analizador.add_argument("--hilos", type=int, default=1, help="hilos de NumPy (BLAS) y de PyTorch")
    opciones = analizador.parse_args(argumentos)
    tamanos = TAMANOS_VELOCIDAD_RAPIDO if opciones.rapido else TAMANOS_VELOCIDAD
    print(tabla_velocidad_lstm(tamanos, opciones.repeticiones, opciones.hilos))
    return 0


if __name__ == "__main__":
    sys.exit(main())
