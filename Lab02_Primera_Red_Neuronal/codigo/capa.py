"""El protocolo de capa del curso: ``Parametro`` y la clase base ``Capa``.

Todas las capas del curso (densas, activaciones, convolucionales, recurrentes…)
heredan de ``Capa``. Los nombres de los métodos son los de PyTorch para que el
Lab08 se lea uno a uno:

- ``forward(x)``: calcula la salida (el lote es siempre el primer eje).
- ``backward(grad)``: recibe dL/dsalida, devuelve dL/dentrada y rellena
  ``p.grad`` de cada parámetro (se implementa a partir del Lab05).
- ``parameters()``: lista de ``Parametro`` que un optimizador actualiza.
- ``zero_grad()``: pone a cero los gradientes.
- ``train()`` / ``eval()``: modo entrenamiento o evaluación (Dropout, BatchNorm).
"""

from __future__ import annotations

import numpy as np

__all__ = ["Parametro", "Capa"]


class Parametro:
    """Un arreglo entrenable y su gradiente (el equivalente a ``torch.nn.Parameter``).

    ``datos`` y ``grad`` tienen siempre la misma forma. Los optimizadores del
    Lab06 modifican ``datos`` *en su sitio* usando ``grad``.
    """

    def __init__(self, datos: np.ndarray, nombre: str = "") -> None:
        self.datos = np.asarray(datos)
        self.grad = np.zeros_like(self.datos)
        self.nombre = nombre

    @property
    def forma(self) -> tuple[int, ...]:
        return self.datos.shape

    @property
    def size(self) -> int:
        return int(self.datos.size)

    def zero_grad(self) -> None:
        self.grad = np.zeros_like(self.datos)

    def __repr__(self) -> str:
        nombre = f"{self.nombre}, " if self.nombre else ""
        return f"Parametro({nombre}forma={self.forma}, dtype={self.datos.dtype})"


class Capa:
    """Clase base de todas las capas. Las subclases implementan ``forward``
    (y ``backward`` a partir del Lab05) y, si tienen pesos, ``parameters``."""

    def __init__(self) -> None:
        self.entrenando = True

    # --- cálculo -------------------------------------------------------
    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} no implementa forward")

    def backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError(
            f"{type(self).__name__} todavía no sabe propagar gradientes hacia atrás "
            "(backward se construye en el Lab05)"
        )

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)

    # --- parámetros ----------------------------------------------------
    def parameters(self) -> list[Parametro]:
        return []

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.zero_grad()

    def num_parametros(self) -> int:
        return sum(p.size for p in self.parameters())

    # --- modos ---------------------------------------------------------
    def train(self) -> Capa:
        self.entrenando = True
        return self

    def eval(self) -> Capa:
        self.entrenando = False
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
