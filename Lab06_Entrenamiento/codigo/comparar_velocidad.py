"""¿Cuánto tarda una época de nuestro MLP de NumPy frente al mismo bucle en PyTorch (CPU)?

Uso::

    python -m Lab06_Entrenamiento.codigo.comparar_velocidad [--float32] [--epocas 5]
        [--tamano-lote 32] [--hilos 1]

Ambos entrenan la misma red (64 → 64 → 10, ReLU) sobre los dígitos con Adam, la misma
entropía cruzada, los mismos mini-lotes barajados y el mismo tipo de coma flotante
(``float64`` por defecto, ``float32`` con ``--float32``). Se mide el tiempo por época (el mejor
de varias repeticiones: las demás tareas del ordenador sólo pueden sumar tiempo) y se
imprime el cociente NumPy / PyTorch. No es una prueba: los tiempos dependen de la máquina.

Los dos usan el mismo número de hilos (1 por defecto, ``--hilos``): con matrices tan pequeñas,
repartir el trabajo entre hilos cuesta más de lo que ahorra, y en un ordenador ocupado los
hilos de PyTorch que esperan a los demás pueden multiplicar su tiempo.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada

from .datos import preparar_datos
from .entrenamiento import entrenar
from .modelos import construir_mlp
from .optimizadores import Adam

__all__ = ["medir_numpy", "medir_pytorch", "comparar_velocidad", "main"]


def medir_numpy(X: np.ndarray, y: np.ndarray, epocas: int = 5, tamano_lote: int = 32, ocultas: int = 64,
                repeticiones: int = 3, dtype: type = np.float64) -> float:
    """Segundos por época de ``entrenar`` (sin métricas ni barra) con el MLP ``F → ocultas → C``."""
    X = X.astype(dtype)
    mejor = float("inf")
    for repeticion in range(repeticiones):
        modelo = construir_mlp([X.shape[1], ocultas, int(y.max()) + 1], semilla=repeticion, dtype=dtype)
        optimizador = Adam(modelo.parameters(), tasa_aprendizaje=0.005)
        inicio = time.perf_counter()
        entrenar(modelo, EntropiaCruzada(), optimizador, (X, y), epocas=epocas, tamano_lote=tamano_lote,
                 semilla=repeticion, barra_progreso=False)
        mejor = min(mejor, (time.perf_counter() - inicio) / epocas)
    return mejor


def medir_pytorch(X: np.ndarray, y: np.ndarray, epocas: int = 5, tamano_lote: int = 32, ocultas: int = 64,
                  repeticiones: int = 3, dtype: type = np.float64) -> float:
    """Segundos por época del bucle equivalente en PyTorch (``nn.Sequential`` + ``optim.Adam``)."""
    import torch

    tipo = torch.float64 if dtype == np.float64 else torch.float32
    X_t = torch.tensor(X, dtype=tipo)
    y_t = torch.tensor(y, dtype=torch.long)
    perdida = torch.nn.CrossEntropyLoss()
    mejor = float("inf")
    for repeticion in range(repeticiones):
        torch.manual_seed(repeticion)
        modelo = torch.nn.Sequential(torch.nn.Linear(X.shape[1], ocultas), torch.nn.ReLU(),
                                     torch.nn.Linear(ocultas, int(y.max()) + 1)).to(tipo)
        optimizador = torch.optim.Adam(modelo.parameters(), lr=0.005)
        inicio = time.perf_counter()
        for _ in range(epocas):
            orden = torch.randperm(X_t.shape[0])
            for i in range(0, X_t.shape[0], tamano_lote):
                indices = orden[i:i + tamano_lote]
                optimizador.zero_grad()
                valor = perdida(modelo(X_t[indices]), y_t[indices])
                valor.backward()
                optimizador.step()
        mejor = min(mejor, (time.perf_counter() - inicio) / epocas)
    return mejor


def comparar_velocidad(epocas: int = 5, tamano_lote: int = 32, dtype: type = np.float64,
                       repeticiones: int = 3, hilos: int = 1) -> dict[str, float]:
    """Mide ambos en la misma ejecución, con ``hilos`` hilos cada uno, y devuelve
    ``{"numpy": s, "pytorch": s, "cociente": numpy/pytorch}`` (segundos por época)."""
    import torch
    from threadpoolctl import threadpool_limits

    X, y = preparar_datos("digitos", semilla=0).entrenamiento
    hilos_antes = torch.get_num_threads()
    try:
        with threadpool_limits(limits=hilos):  # los hilos del BLAS de NumPy
            numpy_s = medir_numpy(X, y, epocas, tamano_lote, repeticiones=repeticiones, dtype=dtype)
        torch.set_num_threads(hilos)
        pytorch_s = medir_pytorch(X, y, epocas, tamano_lote, repeticiones=repeticiones, dtype=dtype)
    finally:
        torch.set_num_threads(hilos_antes)
    return {"numpy": numpy_s, "pytorch": pytorch_s, "cociente": numpy_s / pytorch_s}


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analizador.add_argument("--float32", action="store_true", help="usar float32 en lugar de float64")
    analizador.add_argument("--epocas", type=int, default=5)
    analizador.add_argument("--tamano-lote", type=int, default=32)
    analizador.add_argument("--repeticiones", type=int, default=3)
    analizador.add_argument("--hilos", type=int, default=1, help="hilos para NumPy (BLAS) y para PyTorch")
    args = analizador.parse_args(argumentos)
    dtype = np.float32 if args.float32 else np.float64
    import torch

    print(f"MLP 64 → 64 → 10 en dígitos (1259 ejemplos de entrenamiento), Adam, lotes de {args.tamano_lote}, "
          f"{np.dtype(dtype).name}, {args.hilos} hilo(s); "
          f"NumPy {np.__version__}, PyTorch {torch.__version__}")
    r = comparar_velocidad(args.epocas, args.tamano_lote, dtype, args.repeticiones, args.hilos)
    print(f"NumPy  (este curso): {r['numpy'] * 1000:8.1f} ms por época")
    print(f"PyTorch (CPU)      : {r['pytorch'] * 1000:8.1f} ms por época")
    print(f"cociente NumPy / PyTorch = {r['cociente']:.2f}  "
          f"({'dentro' if r['cociente'] <= 1.5 else 'fuera'} del objetivo de 1.5×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
