"""Estandarizar rasgos y recorrer los datos en mini-lotes barajados.

**Estandarizar**: restar la media y dividir por la desviación típica de cada rasgo, para que
todos tengan media 0 y desviación 1. Sin ello, un rasgo medido en miles domina los gradientes
y la tasa de aprendizaje que sirve para uno no sirve para otro. La media y la desviación se
calculan (``ajustar``) **sólo con el entrenamiento** y se aplican (``transformar``) a todo.

**Mini-lotes**: en cada paso se usa un trozo de ``tamano_lote`` ejemplos en lugar de todos.
El gradiente es una estimación ruidosa pero barata, y se dan muchos pasos por época.
Barajar en cada época evita que el orden de los datos sesgue el aprendizaje.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import crear_generador

__all__ = ["Estandarizador", "iterar_lotes", "numero_lotes"]


class Estandarizador:
    """``(X − media) / desviacion`` por columna, con media y desviación del entrenamiento.

    Las columnas constantes (desviación 0, como los píxeles siempre en blanco de ``digitos``)
    se dividen por 1 en lugar de por 0.

    >>> e = Estandarizador().ajustar(np.array([[1.0, 10.0], [3.0, 10.0]]))
    >>> e.transformar(np.array([[2.0, 10.0]]))
    array([[0., 0.]])
    """

    def __init__(self) -> None:
        self.media: np.ndarray | None = None
        self.desviacion: np.ndarray | None = None

    def ajustar(self, X: np.ndarray) -> Estandarizador:
        """Calcula ``media`` y ``desviacion`` ``(F,)`` de ``X`` ``(N, F)``. Devuelve ``self``."""
        X = como_arreglo(X, "X", ndim=2)
        if X.shape[0] < 1:
            raise ValueError("no se puede ajustar el Estandarizador con 0 ejemplos")
        self.media = X.mean(axis=0)
        desviacion = X.std(axis=0)
        self.desviacion = np.where(desviacion > 1e-12, desviacion, 1.0)
        return self

    def _comprobar(self, X: object) -> np.ndarray:
        if self.media is None:
            raise RuntimeError("el Estandarizador no está ajustado: llama antes a ajustar(X_entrenamiento)")
        X = como_arreglo(X, "X", ndim=2)
        comprobar_forma(X, (None, self.media.shape[0]), "X")
        return X

    def transformar(self, X: np.ndarray) -> np.ndarray:
        """``(X − media) / desviacion``; ``X`` ``(N, F)`` con las mismas ``F`` columnas."""
        X = self._comprobar(X)
        return ((X - self.media) / self.desviacion).astype(X.dtype, copy=False)

    def ajustar_transformar(self, X: np.ndarray) -> np.ndarray:
        """``ajustar(X)`` y ``transformar(X)`` en una llamada (sólo con el entrenamiento)."""
        return self.ajustar(X).transformar(X)

    def invertir(self, X: np.ndarray) -> np.ndarray:
        """Deshace la transformación: ``X·desviacion + media``."""
        X = self._comprobar(X)
        return (X * self.desviacion + self.media).astype(X.dtype, copy=False)

    def __repr__(self) -> str:
        estado = "sin ajustar" if self.media is None else f"{self.media.shape[0]} rasgos"
        return f"Estandarizador({estado})"


def numero_lotes(n_ejemplos: int, tamano_lote: int, descartar_ultimo: bool = False) -> int:
    """Cuántos lotes da una época: ``⌈N / tamano_lote⌉`` (``⌊N / tamano_lote⌋`` si se descarta el último)."""
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    return n_ejemplos // tamano_lote if descartar_ultimo else -(-n_ejemplos // tamano_lote)


def iterar_lotes(
    X: np.ndarray,
    y: np.ndarray | None = None,
    tamano_lote: int = 32,
    barajar: bool = True,
    semilla: int | np.random.Generator | None = None,
    descartar_ultimo: bool = False,
) -> Iterator[tuple[np.ndarray, np.ndarray | None]]:
    """Recorre ``(X, y)`` en lotes ``(X_lote, y_lote)`` de ``tamano_lote`` ejemplos.

    - ``X``: ``(N, …)``; ``y``: ``(N, …)`` o ``None`` (entonces ``y_lote`` es ``None``).
    - ``barajar=True`` usa un orden aleatorio nuevo (reproducible con ``semilla``) en cada llamada.
    - El último lote puede ser más pequeño; ``descartar_ultimo=True`` lo omite.

    >>> [xb.shape[0] for xb, _ in iterar_lotes(np.zeros((10, 2)), tamano_lote=4, barajar=False)]
    [4, 4, 2]
    """
    X = np.asarray(X)
    if X.ndim < 1:
        raise ValueError("X debe tener al menos un eje (el de los ejemplos)")
    if y is not None:
        y = np.asarray(y)
        if y.ndim < 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene forma {y.shape}; "
                             "se esperaba un objetivo por ejemplo")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    n = X.shape[0]
    orden = crear_generador(semilla).permutation(n) if barajar else None
    final = n - n % tamano_lote if descartar_ultimo else n
    for inicio in range(0, final, tamano_lote):
        if orden is None:
            trozo = slice(inicio, inicio + tamano_lote)
        else:
            trozo = orden[inicio:inicio + tamano_lote]
        yield X[trozo], (None if y is None else y[trozo])
