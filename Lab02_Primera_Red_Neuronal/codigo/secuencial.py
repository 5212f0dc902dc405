"""Contenedores: ``Activacion`` (una función como capa) y ``Secuencial`` (capas en cadena)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

import numpy as np

from .capa import Capa

__all__ = ["Activacion", "Secuencial"]


class Activacion(Capa):
    """Envuelve una función elemento a elemento (p. ej. ``np.tanh``) como una capa sin pesos.

    Sólo sabe hacer ``forward``: las activaciones con ``backward`` llegan en el Lab03.
    """

    def __init__(self, funcion: Callable[[np.ndarray], np.ndarray], nombre: str | None = None):
        super().__init__()
        if not callable(funcion):
            raise TypeError(f"Activacion necesita una función, se recibió {type(funcion).__name__}")
        self.funcion = funcion
        self.nombre = nombre or getattr(funcion, "__name__", "función")

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.funcion(x)

    def __repr__(self) -> str:
        return f"Activacion({self.nombre})"


class Secuencial(Capa):
    """Aplica sus capas una tras otra: ``salida = capa_n(… capa_2(capa_1(x)))``.

    ``backward`` recorre las capas en orden inverso (regla de la cadena, Lab05). Es un
    contenedor fino: ``parameters()``, ``train()``/``eval()`` y los buffers vienen de ``Capa``,
    que recorre las subcapas a cualquier profundidad.
    """

    def __init__(self, *capas: Capa) -> None:
        super().__init__()
        self.capas: list[Capa] = []
        for capa in capas:
            self.agregar(capa)

    def agregar(self, capa: Capa) -> Secuencial:
        """Añade una capa al final (debe heredar de ``Capa``: así se encuentran sus parámetros)."""
        if not isinstance(capa, Capa):
            raise TypeError(
                f"Secuencial sólo admite capas (objetos que heredan de Capa, con forward y backward); "
                f"se recibió {type(capa).__name__}"
            )
        self.capas.append(capa)
        return self

    def forward(self, x: np.ndarray) -> np.ndarray:
        for i, capa in enumerate(self.capas):
            try:
                x = capa.forward(x)
            except ValueError as error:
                raise ValueError(f"en la capa {i} ({capa!r}): {error}") from error
        return x

    def backward(self, grad: np.ndarray) -> np.ndarray:
        for capa in reversed(self.capas):
            grad = capa.backward(grad)
        return grad

    def named_children(self) -> Iterator[tuple[str, Capa]]:
        """Las capas se llaman por su posición: ``"0"``, ``"1"``… (``"0.W"``, como en ``nn.Sequential``)."""
        for i, capa in enumerate(self.capas):
            yield str(i), capa

    def resumen(self, n_entradas: int | None = None) -> str:
        """Tabla con cada capa, su forma de salida (si se da ``n_entradas``) y sus parámetros.

        Las formas se obtienen pasando un ejemplo de ceros por una *copia* del modelo en modo
        evaluación: el modelo original no cambia (ni la entrada que guarda cada capa para
        ``backward``, ni las estadísticas de BatchNorm, ni el generador de Dropout).
        """
        nombres = [f"{i}: {capa!r}" for i, capa in enumerate(self.capas)]
        ancho = max([len(n) for n in nombres] + [10]) + 2
        filas = [f"{'capa':<{ancho}}{'salida':>12}{'parámetros':>12}"]
        x = None if n_entradas is None else np.zeros((1, n_entradas))
        capas = self.capas if x is None else copy.deepcopy(self).eval().capas
        for nombre, capa in zip(nombres, capas):
            forma = "?"
            if x is not None:
                x = capa.forward(x)
                forma = "(N, " + ", ".join(str(d) for d in x.shape[1:]) + ")"
            filas.append(f"{nombre:<{ancho}}{forma:>12}{capa.num_parametros():>12,}")
        linea = "-" * (ancho + 24)
        filas = [filas[0], linea, *filas[1:], linea, f"{'total':<{ancho + 12}}{self.num_parametros():>12,}"]
        return "\n".join(filas)

    def __len__(self) -> int:
        return len(self.capas)

    def __getitem__(self, indice: int) -> Capa:
        return self.capas[indice]

    def __iter__(self) -> Iterator[Capa]:
        return iter(self.capas)

    def __repr__(self) -> str:
        interior = ",\n".join(f"  {capa!r}" for capa in self.capas)
        return f"Secuencial(\n{interior}\n)"
