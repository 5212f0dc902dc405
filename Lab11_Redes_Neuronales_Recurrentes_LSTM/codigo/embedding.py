"""``Embedding``: una tabla que da a cada *token* (un entero) un vector entrenable.

Una red no puede sumar ni multiplicar palabras: cada palabra (o carácter) se numera,
``0 … n_tokens − 1``, y la capa ``Embedding`` guarda una matriz ``W`` ``(n_tokens, D)`` cuya fila
``k`` es el vector del token ``k``. Hacia delante sólo **indexa**: ``salida = W[ids]``.

Es lo mismo que multiplicar el vector *one-hot* del token por ``W`` (una ``CapaDensa`` sin sesgo),
pero sin construir ese vector enorme de ceros. Hacia atrás, cada fila de ``W`` recibe la **suma**
de los gradientes de todas las posiciones en las que apareció su token (``np.add.at``: si un
token se repite en el lote, sus gradientes se suman, no se pisan). Los identificadores son
enteros: no tienen gradiente.

Formas: ``ids`` de cualquier forma, p. ej. ``(N, T)`` → salida ``(N, T, D)``. Como
``torch.nn.Embedding``: ``W`` se inicializa con ``N(0, 1)`` y ``indice_relleno`` (su
``padding_idx``) marca el token de relleno, cuya fila empieza a cero y nunca recibe gradiente.
"""

from __future__ import annotations

import numbers

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, crear_generador

__all__ = ["Embedding"]


class Embedding(Capa):
    """Tabla de vectores ``W`` ``(n_tokens, dimension)``: ``forward(ids)`` → ``W[ids]``.

    >>> capa = Embedding(10, 4, semilla=0)
    >>> capa.forward(np.array([[1, 2, 1]])).shape
    (1, 3, 4)
    """

    def __init__(self, n_tokens: int, dimension: int, indice_relleno: int | None = None,
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens")
        self.dimension = entero_positivo(dimension, "dimension")
        if indice_relleno is not None:
            if isinstance(indice_relleno, (bool, np.bool_)) or not isinstance(indice_relleno,
                                                                              numbers.Integral):
                raise TypeError(f"indice_relleno debe ser un entero o None, se recibió {indice_relleno!r}")
            if not -self.n_tokens <= indice_relleno < self.n_tokens:
                raise ValueError(f"indice_relleno debe estar en [0, {self.n_tokens}), "
                                 f"se recibió {indice_relleno}")
            indice_relleno = int(indice_relleno) % self.n_tokens  # −1 es el último, como en PyTorch
        self.indice_relleno = indice_relleno
        pesos = crear_generador(semilla).normal(size=(self.n_tokens, self.dimension)).astype(dtype)
        if indice_relleno is not None:
            pesos[indice_relleno] = 0.0
        self.W = Parametro(pesos, "W")
        self._ids: np.ndarray | None = None

    def _validar_ids(self, ids: object) -> np.ndarray:
        arreglo = np.asarray(ids)
        if arreglo.dtype == bool or not np.issubdtype(arreglo.dtype, np.integer):
            raise TypeError(
                f"Embedding espera identificadores de tokens enteros (p. ej. int64), se recibió tipo "
                f"{arreglo.dtype}; si son enteros guardados como decimales, conviértelos con "
                "ids.astype(np.int64)")
        if arreglo.size:
            fuera = (arreglo < 0) | (arreglo >= self.n_tokens)
            if fuera.any():
                valor = int(arreglo[fuera].flat[0])
                raise ValueError(f"identificador de token fuera de rango: {valor}; se esperaban enteros "
                                 f"en [0, {self.n_tokens}) (n_tokens={self.n_tokens})")
        return arreglo

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """``ids`` enteros de forma ``(…)`` → vectores ``(…, dimension)``."""
        self._ids = self._validar_ids(ids)
        return self.W.datos[self._ids]

    def backward(self, grad: np.ndarray) -> None:
        """Acumula ``∂L/∂salida`` ``(…, dimension)`` en las filas de ``W.grad``; devuelve ``None``.

        Un token repetido suma los gradientes de todas sus apariciones; la fila del relleno no
        recibe nada. No hay gradiente para los identificadores (son enteros).
        """
        if self._ids is None:
            raise RuntimeError("Embedding.backward se llamó antes que forward: no hay identificadores "
                               "guardados")
        texto = "el gradiente de Embedding"
        grad = como_arreglo(grad, texto)
        comprobar_forma(grad, self._ids.shape + (self.dimension,), texto)
        ids = self._ids.reshape(-1)
        filas = grad.reshape(-1, self.dimension).astype(self.W.datos.dtype, copy=False)
        if self.indice_relleno is not None:
            cuentan = ids != self.indice_relleno
            ids, filas = ids[cuentan], filas[cuentan]
        np.add.at(self.W.grad, ids, filas)
        return None

    def __repr__(self) -> str:
        relleno = "" if self.indice_relleno is None else f", indice_relleno={self.indice_relleno}"
        return f"Embedding({self.n_tokens}, {self.dimension}{relleno})"
