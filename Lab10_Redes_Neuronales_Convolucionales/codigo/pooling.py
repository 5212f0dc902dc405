"""*Pooling*: resumir cada ventana de un mapa de rasgos en un solo número.

- ``MaxPool2D``: el máximo de cada ventana ``kh×kw``. Hacia atrás, el gradiente de cada salida
  va **entero** al píxel que dio el máximo (los demás no influyeron: su gradiente es 0). Con
  empates, al primero en orden de lectura (fila a fila), como PyTorch.
- ``AvgPool2D``: la media de cada ventana. Hacia atrás, cada píxel recibe ``g / (kh·kw)``.
- ``PromedioGlobal``: la media de todo el mapa, ``(N, C, H, W) → (N, C)``: un número por canal.

Cada canal se trata por separado: la entrada ``(N, C, H, W)`` se ve como ``N·C`` imágenes de un
canal y se reutilizan ``im2col`` / ``col2im`` (sin relleno).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa

from .im2col import col2im, im2col, par_de_enteros, tamano_salida

__all__ = ["MaxPool2D", "AvgPool2D", "PromedioGlobal"]


def _entrada_4d(x: object, nombre: str) -> np.ndarray:
    x = como_arreglo(x, f"la entrada de {nombre}")
    if x.ndim != 4:
        raise ValueError(f"se esperaba la entrada de {nombre} de forma (N, C, H, W), "
                         f"se recibió {describir_forma(x.shape)}")
    return x


class _Pooling2D(Capa):
    """Lo común a ``MaxPool2D`` y ``AvgPool2D``: ventana, paso y el paso a columnas."""

    def __init__(self, tamano: int | tuple[int, int], paso: int | tuple[int, int] | None = None) -> None:
        super().__init__()
        self.tamano = par_de_enteros(tamano, "tamano")
        self.paso = self.tamano if paso is None else par_de_enteros(paso, "paso")
        self._forma_x: tuple[int, ...] | None = None

    def _columnas(self, x: object) -> np.ndarray:
        """Valida ``x`` ``(N, C, H, W)`` y devuelve sus ventanas ``(N·C·H_out·W_out, kh·kw)``."""
        nombre = type(self).__name__
        x = _entrada_4d(x, nombre)
        (kh, kw), (sh, sw) = self.tamano, self.paso
        n, c, h, w = x.shape
        try:
            self._salida = (n, c, tamano_salida(h, kh, sh), tamano_salida(w, kw, sw))
        except ValueError as error:
            raise ValueError(f"en {nombre}, la ventana {kh}×{kw} no cabe en la entrada "
                             f"{describir_forma(x.shape)}: {error}") from None
        self._forma_x, self._dtype = x.shape, x.dtype
        return im2col(x.reshape(n * c, 1, h, w), kh, kw, self.paso)

    def _a_imagen(self, grad_columnas: np.ndarray) -> np.ndarray:
        """Devuelve cada valor de las columnas a su píxel (sumando solapes): forma de la entrada."""
        n, c, h, w = self._forma_x
        imagen = col2im(grad_columnas, (n * c, 1, h, w), *self.tamano, self.paso)
        return imagen.reshape(n, c, h, w).astype(self._dtype, copy=False)  # el dtype de la entrada

    def _grad(self, grad: object) -> np.ndarray:
        if self._forma_x is None:
            raise RuntimeError(f"{type(self).__name__}.backward se llamó antes que forward")
        grad = como_arreglo(grad, f"el gradiente de {type(self).__name__}")
        comprobar_forma(grad, self._salida, f"el gradiente de {type(self).__name__}")
        return grad.reshape(-1)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tamano={self.tamano}, paso={self.paso})"


class MaxPool2D(_Pooling2D):
    """Máximo de cada ventana ``tamano`` (un entero o ``(alto, ancho)``); ``paso`` = ``tamano`` por defecto.

    ``(N, C, H, W) → (N, C, H_out, W_out)`` con ``H_out = ⌊(H − kh)/paso⌋ + 1``. Como ``nn.MaxPool2d``.
    """

    def forward(self, x: np.ndarray) -> np.ndarray:
        columnas = self._columnas(x)
        self._argmax = np.argmax(columnas, axis=1)  # con empates, el primero (como PyTorch)
        return columnas[np.arange(columnas.shape[0]), self._argmax].reshape(self._salida)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Cada gradiente va al píxel que fue el máximo de su ventana."""
        g = self._grad(grad)
        grad_columnas = np.zeros((g.size, self.tamano[0] * self.tamano[1]), dtype=self._dtype)
        grad_columnas[np.arange(g.size), self._argmax] = g
        return self._a_imagen(grad_columnas)


class AvgPool2D(_Pooling2D):
    """Media de cada ventana ``tamano``; ``paso`` = ``tamano`` por defecto. Como ``nn.AvgPool2d``."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        columnas = self._columnas(x)
        return columnas.mean(axis=1).reshape(self._salida)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Cada píxel de una ventana recibe ``g / (kh·kw)`` (la media reparte por igual)."""
        g = self._grad(grad)
        area = self.tamano[0] * self.tamano[1]
        grad_columnas = np.repeat((g / area)[:, None], area, axis=1)
        return self._a_imagen(grad_columnas)


class PromedioGlobal(Capa):
    """*Global average pooling*: ``(N, C, H, W) → (N, C)``, la media de cada mapa de rasgos.

    Equivale a ``nn.AdaptiveAvgPool2d(1)`` seguido de ``flatten``. Hacia atrás, cada píxel
    recibe ``g[n, c] / (H·W)``.
    """

    def __init__(self) -> None:
        super().__init__()
        self._forma_x: tuple[int, ...] | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = _entrada_4d(x, "PromedioGlobal")
        self._forma_x = x.shape
        return x.mean(axis=(2, 3))

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if self._forma_x is None:
            raise RuntimeError("PromedioGlobal.backward se llamó antes que forward")
        n, c, h, w = self._forma_x
        grad = como_arreglo(grad, "el gradiente de PromedioGlobal")
        comprobar_forma(grad, (n, c), "el gradiente de PromedioGlobal")
        return np.broadcast_to((grad / (h * w))[:, :, None, None], self._forma_x).copy()
