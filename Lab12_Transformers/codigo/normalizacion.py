"""``LayerNorm``: normalización por capa (Ba, Kiros y Hinton, 2016), la de los transformers.

BatchNorm (Lab06) normaliza cada rasgo con la media y la varianza **del lote**; en una
secuencia eso mezcla ejemplos y posiciones de longitudes distintas. LayerNorm normaliza cada
**vector** ``x`` ``(D,)`` por separado, con su propia media y varianza sobre el último eje:

    μ = media(x)        σ² = media((x − μ)²)        x̂ = (x − μ) / √(σ² + ε)
    y = γ ⊙ x̂ + β

``γ`` (``gamma``, unos) y ``β`` (``beta``, ceros) son parámetros ``(D,)`` que dejan a la red
deshacer la normalización si le conviene. No usa estadísticas del lote: se comporta igual en
``train()`` y en ``eval()``, y no tiene *buffers*. Es ``torch.nn.LayerNorm(D, eps=1e-5)``.

Hacia atrás, con ``g = ∂L/∂y`` y ``ĝ = g ⊙ γ`` (el gradiente que llega a ``x̂``):

    ∂L/∂γ = Σ g ⊙ x̂        ∂L/∂β = Σ g        (sumas sobre todos los ejes menos el último)
    ∂L/∂x = (ĝ − media(ĝ) − x̂ ⊙ media(ĝ ⊙ x̂)) / √(σ² + ε)

(los dos términos restados son lo que cambian μ y σ cuando cambia ``x``).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro

__all__ = ["LayerNorm"]


class LayerNorm(Capa):
    """Normaliza el último eje de ``x`` ``(..., D)`` y aplica ``γ ⊙ x̂ + β``.

    >>> capa = LayerNorm(4)
    >>> y = capa.forward(np.array([[1.0, 2.0, 3.0, 4.0]]))
    >>> print(round(float(y.mean()), 6), round(float(y.std()), 3))
    0.0 1.0
    """

    def __init__(self, dimension: int, eps: float = 1e-5, dtype: type = np.float64) -> None:
        super().__init__()
        self.dimension = entero_positivo(dimension, "dimension")
        self.eps = numero_real(eps, "eps", 0.0, incluir_minimo=False)
        self.gamma = Parametro(np.ones(self.dimension, dtype=dtype), "gamma")
        self.beta = Parametro(np.zeros(self.dimension, dtype=dtype), "beta")
        self._cache: tuple[np.ndarray, np.ndarray] | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        """``(..., D)`` → ``(..., D)``."""
        x = como_arreglo(x, "la entrada de LayerNorm")
        if x.ndim < 1 or x.shape[-1] != self.dimension:
            raise ValueError(f"se esperaba la entrada de LayerNorm de forma (..., {self.dimension}), "
                             f"se recibió {describir_forma(x.shape)}")
        x = x.astype(self.gamma.datos.dtype, copy=False)  # la capa calcula en el dtype de γ
        mu = x.mean(axis=-1, keepdims=True)
        centrada = x - mu
        var = np.mean(centrada * centrada, axis=-1, keepdims=True)  # varianza sesgada, como PyTorch
        inv_sigma = 1.0 / np.sqrt(var + self.eps)
        x_hat = centrada * inv_sigma
        self._cache = (x_hat, inv_sigma)
        return x_hat * self.gamma.datos + self.beta.datos

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``∂L/∂y`` ``(..., D)`` → ``∂L/∂x`` ``(..., D)``; acumula ``gamma.grad`` y ``beta.grad``."""
        if self._cache is None:
            raise RuntimeError("LayerNorm.backward se llamó antes que forward")
        x_hat, inv_sigma = self._cache
        grad = como_arreglo(grad, "el gradiente de LayerNorm")
        if grad.shape != x_hat.shape:
            raise ValueError(f"se esperaba el gradiente de LayerNorm de forma "
                             f"{describir_forma(x_hat.shape)}, se recibió {describir_forma(grad.shape)}")
        grad = grad.astype(x_hat.dtype, copy=False)
        plano_g, plano_x = grad.reshape(-1, self.dimension), x_hat.reshape(-1, self.dimension)
        self.gamma.grad += np.einsum("nd,nd->d", plano_g, plano_x)
        self.beta.grad += plano_g.sum(axis=0)
        g_hat = grad * self.gamma.datos
        media_g = g_hat.mean(axis=-1, keepdims=True)
        media_gx = np.mean(g_hat * x_hat, axis=-1, keepdims=True)
        return (g_hat - media_g - x_hat * media_gx) * inv_sigma

    def __repr__(self) -> str:
        return f"LayerNorm({self.dimension}, eps={self.eps:g})"
