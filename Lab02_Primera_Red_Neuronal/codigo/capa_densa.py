"""``CapaDensa``: una capa totalmente conectada, ``y = x @ W + b``.

Formas (el lote ``N`` es el primer eje, como en PyTorch):

- ``x``: ``(N, n_entradas)``, o ``(N, …, n_entradas)``: la capa actúa sobre el **último eje**
  (en una secuencia ``(N, T, F)``, la misma capa se aplica a cada posición, como ``nn.Linear``)
- ``W``: ``(n_entradas, n_salidas)``  — cada *columna* son los pesos de una neurona
- ``b``: ``(n_salidas,)``
- ``y``: ``(N, n_salidas)`` (o ``(N, …, n_salidas)``)

La capa calcula en el dtype de sus pesos: una entrada ``float64`` que llega a una capa
``float32`` se convierte a ``float32`` (y al revés).

PyTorch guarda la matriz traspuesta (``weight`` de forma ``(n_salidas, n_entradas)``)
y calcula ``x @ weight.T + bias``; el resultado es el mismo.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.validacion import como_arreglo, comprobar_forma, describir_forma

from .capa import Capa, Parametro
from .inicializacion import crear_generador, inicializar_pesos

__all__ = ["CapaDensa"]


class CapaDensa(Capa):
    """Capa densa con ``n_salidas`` neuronas, cada una conectada a las ``n_entradas``.

    >>> capa = CapaDensa(3, 2, semilla=0)
    >>> capa.forward(np.ones((5, 3))).shape
    (5, 2)
    """

    def __init__(
        self,
        n_entradas: int,
        n_salidas: int,
        inicializacion: str = "he",
        semilla: int | np.random.Generator | None = None,
        escala: float = 0.01,
        sesgo: bool = True,
        dtype: type = np.float64,
    ) -> None:
        super().__init__()
        rng = crear_generador(semilla)
        self.n_entradas = int(n_entradas)
        self.n_salidas = int(n_salidas)
        self.inicializacion = inicializacion
        self.W = Parametro(
            inicializar_pesos(n_entradas, n_salidas, inicializacion, rng, escala, dtype), "W"
        )
        self.b = Parametro(np.zeros(self.n_salidas, dtype=dtype), "b") if sesgo else None
        self.entrada: np.ndarray | None = None  # se guarda para backward (Lab05)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de CapaDensa")
        if x.ndim < 2:
            raise ValueError(
                f"se esperaba la entrada de CapaDensa de forma (N, {self.n_entradas}) o "
                f"(N, …, {self.n_entradas}), se recibió {describir_forma(x.shape)}; "
                "un solo ejemplo se escribe como un lote de uno: x.reshape(1, -1)"
            )
        comprobar_forma(x, (None,) * (x.ndim - 1) + (self.n_entradas,), "la entrada de CapaDensa")
        if x.size == 0:
            raise ValueError(f"la entrada de CapaDensa está vacía: forma {describir_forma(x.shape)}")
        x = x.astype(self.W.datos.dtype, copy=False)  # la capa calcula en el dtype de sus pesos
        self.entrada = x
        y = x @ self.W.datos
        if self.b is not None:
            y = y + self.b.datos
        return y

    def fijar_pesos(self, W: np.ndarray, b: np.ndarray | None = None) -> CapaDensa:
        """Sustituye los pesos (por ejemplo, elegidos a mano), comprobando sus formas.

        Guarda una copia con el ``dtype`` de la capa (``float32`` sigue siendo ``float32``).
        """
        W = como_arreglo(W, "W", ndim=2)
        comprobar_forma(W, (self.n_entradas, self.n_salidas), "W")
        self.W.datos = W.astype(self.W.datos.dtype)  # copia con el dtype de la capa
        self.W.zero_grad()
        if b is not None:
            if self.b is None:
                raise ValueError("esta capa se creó con sesgo=False; no admite b")
            b = como_arreglo(b, "b", ndim=1)
            comprobar_forma(b, (self.n_salidas,), "b")
            self.b.datos = b.astype(self.b.datos.dtype)
            self.b.zero_grad()
        return self

    def __repr__(self) -> str:
        return (
            f"CapaDensa({self.n_entradas} → {self.n_salidas}, "
            f"inicializacion={self.inicializacion!r})"
        )
