"""Codificaciones de posición: la atención no sabe, por sí sola, en qué orden van los *tokens*.

La atención trata la secuencia como un **conjunto**: si se barajan las posiciones de la
entrada, la salida se baraja igual (es *equivariante* a permutaciones). Para que «el perro
muerde al hombre» no sea lo mismo que «el hombre muerde al perro», se **suma** a cada vector
de *token* un vector que depende de su posición ``t``:

- **Sinusoidal** (Vaswani et al., 2017, «Attention is all you need»), fija, sin parámetros::

      PE[t, 2i]   = sin(t / 10000^(2i/D))
      PE[t, 2i+1] = cos(t / 10000^(2i/D))

  Cada pareja de columnas es un reloj de distinta frecuencia (de periodo 2π a 10000·2π): las
  posiciones cercanas se parecen y ``PE[t + k]`` es una rotación de ``PE[t]``.
- **Aprendida** (BERT, GPT-2): una tabla ``W`` ``(contexto_maximo, D)`` entrenable, como un
  ``Embedding`` cuyos «tokens» son las posiciones ``0 … T−1``.

Las dos sólo saben de ``contexto_maximo`` posiciones: una secuencia más larga es un error.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, crear_generador

__all__ = ["codificacion_sinusoidal", "CodificacionSinusoidal", "EmbeddingPosicional"]


def codificacion_sinusoidal(T: int, D: int, base: float = 10000.0) -> np.ndarray:
    """La tabla ``(T, D)`` de Vaswani et al.: ``sin`` en las columnas pares y ``cos`` en las impares.

    La columna ``j`` usa la frecuencia ``1 / base^(2⌊j/2⌋/D)``. ``D`` impar vale (la última
    columna es un seno sin su coseno).
    """
    T, D = entero_positivo(T, "T"), entero_positivo(D, "D")
    base = numero_real(base, "base", 1.0, incluir_minimo=False)
    posiciones = np.arange(T, dtype=np.float64)[:, None]              # (T, 1)
    frecuencias = base ** (-np.arange(0, D, 2, dtype=np.float64) / D)  # (⌈D/2⌉,)
    angulos = posiciones * frecuencias                                 # (T, ⌈D/2⌉)
    tabla = np.empty((T, D))
    tabla[:, 0::2] = np.sin(angulos)
    tabla[:, 1::2] = np.cos(angulos[:, : D // 2])
    return tabla


def _comprobar_secuencia(capa: CodificacionSinusoidal | EmbeddingPosicional, x: object) -> np.ndarray:
    x = como_arreglo(x, f"la entrada de {type(capa).__name__}")
    if x.ndim != 3 or x.shape[-1] != capa.dimension:
        raise ValueError(f"se esperaba la entrada de {type(capa).__name__} de forma "
                         f"(N, T, {capa.dimension}), se recibió {describir_forma(x.shape)}")
    if x.shape[1] > capa.contexto_maximo:
        raise ValueError(f"la secuencia tiene T={x.shape[1]} posiciones y el contexto máximo es "
                         f"{capa.contexto_maximo}; crea la capa con un contexto_maximo mayor o "
                         "recorta la secuencia")
    return x


class CodificacionSinusoidal(Capa):
    """Suma ``codificacion_sinusoidal`` a ``x`` ``(N, T, D)``; sin parámetros.

    ``backward`` deja pasar el gradiente tal cual (sumar una constante no cambia la derivada).
    """

    def __init__(self, contexto_maximo: int, dimension: int) -> None:
        super().__init__()
        self.contexto_maximo = entero_positivo(contexto_maximo, "contexto_maximo")
        self.dimension = entero_positivo(dimension, "dimension")
        self.tabla = codificacion_sinusoidal(self.contexto_maximo, self.dimension)  # (T_max, D)

    def forward(self, x: np.ndarray) -> np.ndarray:
        """``(N, T, D)`` → ``x + PE[:T]`` ``(N, T, D)`` (en el dtype de ``x``)."""
        x = _comprobar_secuencia(self, x)
        return x + self.tabla[: x.shape[1]].astype(x.dtype, copy=False)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        return grad

    def __repr__(self) -> str:
        return f"CodificacionSinusoidal({self.contexto_maximo}, {self.dimension})"


class EmbeddingPosicional(Capa):
    """Posiciones aprendidas: suma ``W[:T]`` a ``x`` ``(N, T, D)``; ``W`` ``(contexto_maximo, D)``.

    ``W`` empieza con ``N(0, escala²)`` (``escala = 0.02``, la de GPT-2). Hacia atrás, la fila
    ``t`` de ``W`` recibe la suma sobre el lote del gradiente en la posición ``t``.
    """

    def __init__(self, contexto_maximo: int, dimension: int,
                 semilla: int | np.random.Generator | None = None, escala: float = 0.02,
                 dtype: type = np.float64) -> None:
        super().__init__()
        self.contexto_maximo = entero_positivo(contexto_maximo, "contexto_maximo")
        self.dimension = entero_positivo(dimension, "dimension")
        escala = numero_real(escala, "escala", 0.0)
        pesos = crear_generador(semilla).normal(0.0, escala, size=(self.contexto_maximo, self.dimension))
        self.W = Parametro(pesos.astype(dtype), "W")
        self._T: int | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        """``(N, T, D)`` → ``x + W[:T]`` ``(N, T, D)``."""
        x = _comprobar_secuencia(self, x).astype(self.W.datos.dtype, copy=False)
        self._T = x.shape[1]
        return x + self.W.datos[: self._T]

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``∂L/∂salida`` ``(N, T, D)``: acumula ``W.grad[:T]`` y devuelve el gradiente sin cambios."""
        if self._T is None:
            raise RuntimeError("EmbeddingPosicional.backward se llamó antes que forward")
        grad = como_arreglo(grad, "el gradiente de EmbeddingPosicional")
        if grad.ndim != 3 or grad.shape[1:] != (self._T, self.dimension):
            raise ValueError(f"se esperaba el gradiente de EmbeddingPosicional de forma "
                             f"(N, {self._T}, {self.dimension}), se recibió {describir_forma(grad.shape)}")
        self.W.grad[: self._T] += grad.sum(axis=0)
        return grad

    def __repr__(self) -> str:
        return f"EmbeddingPosicional({self.contexto_maximo}, {self.dimension})"
