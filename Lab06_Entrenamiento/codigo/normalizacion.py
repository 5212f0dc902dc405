"""``BatchNorm1d``: normalización por lotes (Ioffe y Szegedy, 2015).

Para cada rasgo (columna) ``c`` y un lote de ``N`` ejemplos:

    μ = media(x[:, c])      σ² = media((x[:, c] − μ)²)          (varianza *sesgada*, ÷N)
    x̂ = (x − μ) / √(σ² + ε)           y = γ·x̂ + β

``γ`` (``gamma``) y ``β`` (``beta``) son parámetros entrenables: la red puede deshacer la
normalización si le conviene. Durante el entrenamiento se guardan medias móviles de ``μ`` y
de la varianza *insesgada* (÷(N − 1)), con ``momento`` como PyTorch:

    media_movil ← (1 − momento)·media_movil + momento·μ

En ``eval()`` se usan esas medias móviles en lugar de las del lote, así que la salida de un
ejemplo no depende de los demás ejemplos del lote.

Hacia atrás (modo entrenamiento), con ``g = dL/dy`` y ``ĝ = g·γ``:

    dL/dx = (1/N)·(1/√(σ² + ε))·(N·ĝ − Σ ĝ − x̂·Σ(ĝ·x̂))       dL/dγ = Σ g·x̂      dL/dβ = Σ g
"""

from __future__ import annotations

import numbers

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro

__all__ = ["BatchNorm1d"]


class BatchNorm1d(Capa):
    """Normalización por lotes de ``n_rasgos`` rasgos (como ``torch.nn.BatchNorm1d``).

    - ``x``: ``(N, n_rasgos)`` o ``(N, n_rasgos, L)`` (se normaliza sobre ``N`` y ``L``).
    - Parámetros: ``gamma`` y ``beta`` ``(n_rasgos,)`` (si ``afin=True``).
    - *Buffers* (se guardan con ``guardar`` pero no se entrenan): ``media_movil`` y
      ``varianza_movil`` ``(n_rasgos,)``.
    """

    _buffers = ("media_movil", "varianza_movil")

    def __init__(self, n_rasgos: int, momento: float = 0.1, epsilon: float = 1e-5,
                 afin: bool = True, dtype: type = np.float64) -> None:
        super().__init__()
        if isinstance(n_rasgos, bool) or not isinstance(n_rasgos, numbers.Integral) or n_rasgos < 1:
            raise ValueError(f"n_rasgos debe ser un entero positivo, se recibió {n_rasgos!r}")
        for nombre, valor, minimo in (("momento", momento, 0.0), ("epsilon", epsilon, 1e-300)):
            if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not minimo <= valor <= 1.0:
                raise ValueError(f"{nombre} debe ser un número en [{minimo:g}, 1], se recibió {valor!r}")
        self.n_rasgos = int(n_rasgos)
        self.momento = float(momento)
        self.epsilon = float(epsilon)
        self.afin = bool(afin)
        self.gamma = Parametro(np.ones(self.n_rasgos, dtype=dtype), "gamma") if self.afin else None
        self.beta = Parametro(np.zeros(self.n_rasgos, dtype=dtype), "beta") if self.afin else None
        self.media_movil = np.zeros(self.n_rasgos, dtype=dtype)
        self.varianza_movil = np.ones(self.n_rasgos, dtype=dtype)
        self._cache: tuple | None = None

    # --- ayudas de forma ------------------------------------------------------
    def _ejes(self, x: np.ndarray) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Ejes sobre los que se promedia y forma con la que se difunden los vectores ``(C,)``."""
        if x.ndim == 2:
            comprobar_forma(x, (None, self.n_rasgos), "la entrada de BatchNorm1d")
            return (0,), (1, self.n_rasgos)
        if x.ndim == 3:
            comprobar_forma(x, (None, self.n_rasgos, None), "la entrada de BatchNorm1d")
            return (0, 2), (1, self.n_rasgos, 1)
        raise ValueError(
            f"se esperaba la entrada de BatchNorm1d de forma (N, {self.n_rasgos}) o "
            f"(N, {self.n_rasgos}, L), se recibió {describir_forma(x.shape)}"
        )

    # --- protocolo de capa ----------------------------------------------------
    def forward(self, x: np.ndarray) -> np.ndarray:
        x = como_arreglo(x, "la entrada de BatchNorm1d").astype(self.media_movil.dtype, copy=False)
        ejes, forma = self._ejes(x)
        if self.entrenando:
            n = x.size // self.n_rasgos
            if n < 2:
                raise ValueError(
                    "BatchNorm1d en modo entrenamiento necesita más de un valor por rasgo para "
                    f"calcular una varianza; se recibió {describir_forma(x.shape)}. "
                    "Usa lotes de 2 o más ejemplos, o llama a eval(). Si ocurre en entrenar, es el "
                    "último lote de la época, que se quedó con 1 ejemplo: cambia tamano_lote"
                )
            media = x.mean(axis=ejes)
            centrado = x - media.reshape(forma)
            varianza = np.mean(centrado * centrado, axis=ejes)
            # Medias móviles (en su sitio): la varianza que se guarda es la insesgada.
            self.media_movil *= 1.0 - self.momento
            self.media_movil += self.momento * media
            self.varianza_movil *= 1.0 - self.momento
            self.varianza_movil += self.momento * varianza * (n / (n - 1))
        else:
            media, varianza = self.media_movil, self.varianza_movil
            centrado = x - media.reshape(forma)
        inv_desviacion = 1.0 / np.sqrt(varianza + self.epsilon)
        x_normalizada = centrado * inv_desviacion.reshape(forma)
        self._cache = (x_normalizada, inv_desviacion, ejes, forma, self.entrenando)
        if not self.afin:
            return x_normalizada
        return x_normalizada * self.gamma.datos.reshape(forma) + self.beta.datos.reshape(forma)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Recibe ``dL/dy`` (forma de ``x``), acumula ``dL/dγ`` y ``dL/dβ`` y devuelve ``dL/dx``."""
        if self._cache is None:
            raise RuntimeError("BatchNorm1d.backward se llamó antes que forward: no hay nada guardado")
        x_normalizada, inv_desviacion, ejes, forma, en_entrenamiento = self._cache
        grad = como_arreglo(grad, "el gradiente de BatchNorm1d")
        comprobar_forma(grad, x_normalizada.shape, "el gradiente de BatchNorm1d")
        if self.afin:
            self.gamma.grad += np.sum(grad * x_normalizada, axis=ejes)
            self.beta.grad += np.sum(grad, axis=ejes)
            grad_xn = grad * self.gamma.datos.reshape(forma)
        else:
            grad_xn = grad
        if not en_entrenamiento:  # μ y σ² son constantes: sólo escala
            return grad_xn * inv_desviacion.reshape(forma)
        n = grad.size // self.n_rasgos
        suma = np.sum(grad_xn, axis=ejes).reshape(forma)
        suma_x = np.sum(grad_xn * x_normalizada, axis=ejes).reshape(forma)
        return (inv_desviacion.reshape(forma) / n) * (n * grad_xn - suma - x_normalizada * suma_x)

    def __repr__(self) -> str:
        return f"BatchNorm1d({self.n_rasgos}, momento={self.momento:g})"
