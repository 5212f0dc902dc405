"""El bloque transformer (*pre-norm*) y su red de dos capas, en NumPy.

Un bloque alterna dos sub-capas, cada una con una **conexión residual** (Lab10) y una
``LayerNorm`` delante (*pre-norm*, la de GPT-2 y de ``norm_first=True`` en PyTorch)::

    x = x + atencion(ln1(x), mascara)     las posiciones se comunican entre sí
    x = x + mlp(ln2(x))                   cada posición «piensa» por su cuenta

La MLP es ``densa2(activacion(densa1(x)))``: ``D → d_oculta → D`` (``d_oculta`` suele ser
``4·D``), la misma en cada posición. Gracias a la suma residual, el gradiente llega intacto a
las primeras capas aunque haya muchos bloques: ``∂(x + f(x))/∂x = 1 + ∂f/∂x``.

El bloque es ``nn.TransformerEncoderLayer(D, H, d_oculta, dropout=0, batch_first=True,
norm_first=True)`` (``pesos_torch.copiar_a_torch`` copia los pesos de uno al otro).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador
from Lab03_Funciones_Activacion.codigo import GELU, ReLU
from Lab05_Backpropagation.codigo import CapaDensa

from .multicabeza import AtencionMulticabeza
from .normalizacion import LayerNorm

__all__ = ["ACTIVACIONES_MLP", "MLPTransformer", "BloqueTransformer"]

#: Activaciones de la MLP: ``"relu"`` (la de PyTorch por defecto) y ``"gelu"`` (exacta, con erf,
#: la de BERT y GPT-2; es ``F.gelu(approximate="none")``, la de ``activation="gelu"`` en PyTorch).
ACTIVACIONES_MLP = {"relu": ReLU, "gelu": GELU}


class MLPTransformer(Capa):
    """``densa2(activacion(densa1(x)))``: ``(..., D)`` → ``(..., d_oculta)`` → ``(..., D)``."""

    def __init__(self, d_modelo: int, d_oculta: int, activacion: str = "gelu",
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        if activacion not in ACTIVACIONES_MLP:
            raise ValueError(f"activación desconocida para la MLP: {activacion!r}; se esperaba una de "
                             f"{', '.join(ACTIVACIONES_MLP)}")
        self.d_modelo = entero_positivo(d_modelo, "d_modelo")
        self.d_oculta = entero_positivo(d_oculta, "d_oculta")
        self.nombre_activacion = activacion
        rng = crear_generador(semilla)
        self.densa1 = CapaDensa(self.d_modelo, self.d_oculta, "xavier", rng, dtype=dtype)
        self.activacion = ACTIVACIONES_MLP[activacion]()
        self.densa2 = CapaDensa(self.d_oculta, self.d_modelo, "xavier", rng, dtype=dtype)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.densa2.forward(self.activacion.forward(self.densa1.forward(x)))

    def backward(self, grad: np.ndarray) -> np.ndarray:
        return self.densa1.backward(self.activacion.backward(self.densa2.backward(grad)))

    def __repr__(self) -> str:
        return (f"MLPTransformer({self.d_modelo} → {self.d_oculta} → {self.d_modelo}, "
                f"{self.nombre_activacion})")


class BloqueTransformer(Capa):
    """Bloque *pre-norm*: ``x + atencion(ln1(x))`` y luego ``x + mlp(ln2(x))``; ``(N, T, D)`` → ``(N, T, D)``.

    Subcapas: ``ln1``, ``atencion`` (``AtencionMulticabeza``), ``ln2``, ``mlp`` (``MLPTransformer``).
    ``mascara`` como en ``AtencionMulticabeza`` (``bool``, ``True`` = participa); ``causal=True``
    añade la máscara causal (un bloque de GPT).

    >>> bloque = BloqueTransformer(8, 2, 16, causal=True, semilla=0)
    >>> bloque.forward(np.ones((3, 5, 8))).shape
    (3, 5, 8)
    """

    def __init__(self, d_modelo: int, n_cabezas: int, d_oculta: int, causal: bool = False,
                 activacion: str = "relu", semilla: int | np.random.Generator | None = None,
                 eps: float = 1e-5, dtype: type = np.float64) -> None:
        super().__init__()
        rng = crear_generador(semilla)
        self.ln1 = LayerNorm(d_modelo, eps, dtype)
        self.atencion = AtencionMulticabeza(d_modelo, n_cabezas, causal=causal, semilla=rng, dtype=dtype)
        self.ln2 = LayerNorm(d_modelo, eps, dtype)
        self.mlp = MLPTransformer(d_modelo, d_oculta, activacion, semilla=rng, dtype=dtype)
        self.d_modelo = self.atencion.d_modelo

    def forward(self, x: np.ndarray, mascara: np.ndarray | None = None) -> np.ndarray:
        """``x`` ``(N, T, D)`` → ``(N, T, D)``."""
        normalizada = self.ln1.forward(x)  # ln1 valida la forma (…, D) y el tipo
        x = np.asarray(x, dtype=normalizada.dtype)
        h = x + self.atencion.forward(normalizada, mascara)
        return h + self.mlp.forward(self.ln2.forward(h))

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``∂L/∂salida`` ``(N, T, D)`` → ``∂L/∂x``: cada suma residual deja pasar ``grad`` y le
        añade el gradiente que vuelve por su rama."""
        g_h = grad + self.ln2.backward(self.mlp.backward(grad))
        return g_h + self.ln1.backward(self.atencion.backward(g_h))
