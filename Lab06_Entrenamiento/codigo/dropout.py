"""``Dropout``: apagar neuronas al azar durante el entrenamiento.

En cada paso de entrenamiento, cada valor de la entrada se pone a 0 con probabilidad ``p``
y los que sobreviven se multiplican por ``1/(1 − p)`` (*dropout invertido*). Así la salida
tiene la misma media en entrenamiento que en evaluación, y en ``eval()`` la capa no hace
nada (es la identidad). Como ninguna neurona puede contar con que otra esté presente, la
red aprende rasgos más redundantes y sobreajusta menos (Srivastava et al., 2014).

Hacia atrás, el gradiente pasa sólo por las neuronas que sobrevivieron, con el mismo
factor: ``dL/dx = dL/dy · máscara``.
"""

from __future__ import annotations

import numbers

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador

__all__ = ["Dropout"]


class Dropout(Capa):
    """Dropout invertido con probabilidad de apagado ``p`` (como ``torch.nn.Dropout``).

    - ``forward(x)``: ``x`` de cualquier forma; en ``train()`` devuelve ``x · máscara`` con
      ``máscara ∈ {0, 1/(1 − p)}``; en ``eval()`` devuelve ``x`` sin cambios.
    - ``semilla``: entero o ``np.random.Generator``; cada ``forward`` sortea una máscara nueva.
    - ``repetir_mascara = True`` reutiliza la última máscara (útil para comprobar gradientes).

    >>> capa = Dropout(0.5, semilla=0)
    >>> capa.forward(np.ones((2, 4)))   # doctest: +SKIP
    array([[2., 0., 2., 2.], [0., 2., 0., 0.]])
    """

    def __init__(self, p: float = 0.5, semilla: int | np.random.Generator | None = None) -> None:
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, numbers.Real) or not 0.0 <= p <= 1.0:
            raise ValueError(
                f"p (probabilidad de apagar cada neurona) debe estar en [0, 1], se recibió {p!r}"
            )
        self.p = float(p)
        self.generador = crear_generador(semilla)
        self.mascara: np.ndarray | None = None
        self.repetir_mascara = False

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de Dropout")
        if not self.entrenando or self.p == 0.0:
            self.mascara = None
            return x
        if not (self.repetir_mascara and self.mascara is not None and self.mascara.shape == x.shape):
            if self.p == 1.0:
                self.mascara = np.zeros(x.shape, dtype=x.dtype)
            else:
                sobrevive = self.generador.random(x.shape) >= self.p
                self.mascara = sobrevive.astype(x.dtype) * x.dtype.type(1.0 / (1.0 - self.p))
        return x * self.mascara

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``dL/dx = dL/dy · máscara`` (en ``eval()``, el gradiente pasa tal cual)."""
        grad = como_arreglo(grad, "el gradiente de Dropout")
        if self.mascara is None:
            return grad
        comprobar_forma(grad, self.mascara.shape, "el gradiente de Dropout")
        return grad * self.mascara

    def __repr__(self) -> str:
        return f"Dropout(p={self.p:g})"
