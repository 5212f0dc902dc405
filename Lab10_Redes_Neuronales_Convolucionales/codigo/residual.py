"""``BloqueResidualConv``: el bloque básico de ResNet (He et al., 2016), hecho de capas del curso.

    rama:   x → Conv 3×3 (paso) → BatchNorm2d → ReLU → Conv 3×3 → BatchNorm2d
    atajo:  x                          (identidad, si la forma no cambia)
            x → Conv 1×1 (paso) → BatchNorm2d   (si cambian los canales o el paso > 1)
    salida: ReLU(rama + atajo)

Las convoluciones no llevan sesgo: la ``BatchNorm2d`` que las sigue resta la media de cada
canal, así que un sesgo se restaría entero y su gradiente sería exactamente 0.

Hacia atrás, la suma reparte el mismo gradiente a la rama y al atajo, y el gradiente de ``x``
es la **suma** de los dos caminos: por el atajo llega sin atenuarse, y por eso se pueden entrenar
redes de cien capas. Las subcapas son atributos: ``Capa`` las encuentra (``conv1.W``,
``norma1.gamma``, ``atajo.0.W``…) para ``parameters()``, ``train()``/``eval()`` y ``guardar``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, Secuencial, crear_generador
from Lab03_Funciones_Activacion.codigo import ReLU

from .convolucion import Conv2D
from .normalizacion2d import BatchNorm2d

__all__ = ["BloqueResidualConv"]


class BloqueResidualConv(Capa):
    """Bloque residual básico: ``(N, C_in, H, W) → (N, C_out, ⌈H/paso⌉, ⌈W/paso⌉)``.

    >>> bloque = BloqueResidualConv(8, 16, paso=2, semilla=0)
    >>> bloque.forward(np.zeros((2, 8, 8, 8))).shape
    (2, 16, 4, 4)
    """

    def __init__(self, canales_entrada: int, canales_salida: int, paso: int = 1,
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        self.canales_entrada = entero_positivo(canales_entrada, "canales_entrada")
        self.canales_salida = entero_positivo(canales_salida, "canales_salida")
        self.paso = entero_positivo(paso, "paso")
        rng = crear_generador(semilla)
        c_in, c_out = self.canales_entrada, self.canales_salida
        self.conv1 = Conv2D(c_in, c_out, 3, paso=paso, relleno=1, sesgo=False, semilla=rng, dtype=dtype)
        self.norma1 = BatchNorm2d(c_out, dtype=dtype)
        self.relu1 = ReLU()
        self.conv2 = Conv2D(c_out, c_out, 3, relleno=1, sesgo=False, semilla=rng, dtype=dtype)
        self.norma2 = BatchNorm2d(c_out, dtype=dtype)
        self.atajo: Secuencial | None = None  # identidad
        if paso != 1 or c_in != c_out:
            self.atajo = Secuencial(Conv2D(c_in, c_out, 1, paso=paso, sesgo=False, semilla=rng, dtype=dtype),
                                    BatchNorm2d(c_out, dtype=dtype))
        self.relu_salida = ReLU()

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de BloqueResidualConv")
        comprobar_forma(x, (None, self.canales_entrada, "H", "W"), "la entrada de BloqueResidualConv")
        rama = self.norma2.forward(self.conv2.forward(self.relu1.forward(self.norma1.forward(
            self.conv1.forward(x)))))
        atajo = x if self.atajo is None else self.atajo.forward(x)
        return self.relu_salida.forward(rama + atajo)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        g = self.relu_salida.backward(grad)  # el mismo gradiente va a la rama y al atajo
        g_rama = self.conv1.backward(self.norma1.backward(self.relu1.backward(self.conv2.backward(
            self.norma2.backward(g)))))
        g_atajo = g if self.atajo is None else self.atajo.backward(g)
        return g_rama + g_atajo

    def __repr__(self) -> str:
        atajo = "identidad" if self.atajo is None else "conv 1×1 + BatchNorm2d"
        return (f"BloqueResidualConv({self.canales_entrada} → {self.canales_salida}, paso={self.paso}, "
                f"atajo: {atajo})")
