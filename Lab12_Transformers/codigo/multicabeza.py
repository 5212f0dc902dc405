"""``AtencionMulticabeza``: autoatención con ``H`` cabezas, como ``nn.MultiheadAttention``.

Cada posición de ``x`` ``(N, T, D)`` se proyecta tres veces con tres capas densas (Lab02):
``q = x W_q``, ``k = x W_k``, ``v = x W_v``. El vector de ``D`` componentes se parte en ``H``
trozos de ``d = D / H``: cada **cabeza** hace su propia atención de producto escalado con su
trozo y puede fijarse en cosas distintas (una en la palabra anterior, otra en el sujeto…).
Las ``H`` salidas se vuelven a pegar y una cuarta capa densa, ``proy_salida``, las mezcla::

    (N, T, D) → proy_q, proy_k, proy_v → (N, T, H, d) → traspuesta → (N, H, T, d)
              → atención → (N, H, T, d) → (N, T, H, d) → (N, T, D) → proy_salida → (N, T, D)

El cambio de forma no copia ni recorre nada con bucles: ``reshape`` + ``transpose``. El coste
de las ``H`` cabezas es el de una sola atención de tamaño ``D``.

Máscaras (``bool``, ``True`` = participa): ``(T, T)`` para todos los ejemplos (p. ej. la causal),
``(N, T, T)`` o ``(N, 1, T)`` (relleno, ``mascara_relleno``) una por ejemplo. Con
``causal=True`` la máscara causal se combina (Y lógico) con la que se pase.

Una curiosidad: el sesgo de ``proy_k`` no sirve de nada. Suma ``q·b_k`` a **todas** las
puntuaciones de una fila, y la softmax no cambia si se suma lo mismo a toda la fila: su
gradiente es siempre 0 (PyTorch lo tiene igualmente; aquí se conserva para copiar sus pesos).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador
from Lab05_Backpropagation.codigo import CapaDensa

from .atencion import AtencionProductoEscalado, mascara_causal, validar_mascara

__all__ = ["AtencionMulticabeza"]


class AtencionMulticabeza(Capa):
    """Autoatención multicabeza: ``forward(x, mascara=None)`` con ``x`` ``(N, T, D)`` → ``(N, T, D)``.

    Subcapas: ``proy_q``, ``proy_k``, ``proy_v``, ``proy_salida`` (``CapaDensa(D, D)``, Xavier y
    sesgo 0, como las proyecciones de PyTorch) y ``atencion`` (``AtencionProductoEscalado``).
    Tras ``forward``, ``pesos`` ``(N, H, T, T)`` es el mapa de atención de cada cabeza.

    >>> capa = AtencionMulticabeza(8, 2, causal=True, semilla=0)
    >>> capa.forward(np.ones((3, 5, 8))).shape, capa.pesos.shape
    ((3, 5, 8), (3, 2, 5, 5))
    """

    def __init__(self, d_modelo: int, n_cabezas: int, causal: bool = False, sesgo: bool = True,
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        self.d_modelo = entero_positivo(d_modelo, "d_modelo")
        self.n_cabezas = entero_positivo(n_cabezas, "n_cabezas")
        if self.d_modelo % self.n_cabezas:
            raise ValueError(f"d_modelo={self.d_modelo} debe ser múltiplo de n_cabezas={self.n_cabezas} "
                             "(cada cabeza recibe d_modelo / n_cabezas componentes)")
        self.d_cabeza = self.d_modelo // self.n_cabezas
        self.causal = bool(causal)
        rng = crear_generador(semilla)
        D = self.d_modelo
        self.proy_q = CapaDensa(D, D, "xavier", rng, sesgo=sesgo, dtype=dtype)
        self.proy_k = CapaDensa(D, D, "xavier", rng, sesgo=sesgo, dtype=dtype)
        self.proy_v = CapaDensa(D, D, "xavier", rng, sesgo=sesgo, dtype=dtype)
        self.proy_salida = CapaDensa(D, D, "xavier", rng, sesgo=sesgo, dtype=dtype)
        self.atencion = AtencionProductoEscalado()
        self.pesos: np.ndarray | None = None  # (N, H, T, T)

    # --- (N, T, D) ↔ (N, H, T, d) ----------------------------------------------------------
    def _separar(self, x: np.ndarray) -> np.ndarray:
        N, T, _ = x.shape
        # contigua en memoria: los productos de matrices por lotes de NumPy son mucho más rápidos
        return np.ascontiguousarray(x.reshape(N, T, self.n_cabezas, self.d_cabeza).transpose(0, 2, 1, 3))

    def _juntar(self, x: np.ndarray) -> np.ndarray:
        N, _, T, _ = x.shape
        return x.transpose(0, 2, 1, 3).reshape(N, T, self.d_modelo)

    def _mascara(self, mascara: object, N: int, T: int) -> np.ndarray | None:
        """La máscara del usuario (y la causal) como un arreglo difundible a ``(N, H, T, T)``."""
        if mascara is not None:
            mascara = np.asarray(mascara)
            formas = f"(T, T) = ({T}, {T}), (N, T, T) = ({N}, {T}, {T}) o (N, 1, T) = ({N}, 1, {T})"
            if mascara.ndim not in (2, 3):
                raise ValueError(f"se esperaba una máscara de forma {formas}, se recibió "
                                 f"{describir_forma(mascara.shape)}")
            try:
                mascara = validar_mascara(mascara, (N, T, T) if mascara.ndim == 3 else (T, T))
            except ValueError:
                raise ValueError(f"se esperaba una máscara de forma {formas}, se recibió "
                                 f"{describir_forma(mascara.shape)}") from None
            if mascara.ndim == 3:
                mascara = mascara[:, None]  # (N, 1, Tq|1, T): la misma para todas las cabezas
        if self.causal:
            causal = mascara_causal(T)
            mascara = causal if mascara is None else mascara & causal
        return mascara

    # --- protocolo de capa ----------------------------------------------------------------
    def forward(self, x: np.ndarray, mascara: np.ndarray | None = None) -> np.ndarray:
        """``x`` ``(N, T, D)`` (y ``mascara`` ``bool``) → ``(N, T, D)``."""
        x = como_arreglo(x, "la entrada de AtencionMulticabeza")
        if x.ndim != 3 or x.shape[-1] != self.d_modelo:
            raise ValueError(f"se esperaba la entrada de AtencionMulticabeza de forma "
                             f"(N, T, {self.d_modelo}), se recibió {describir_forma(x.shape)}")
        N, T, _ = x.shape
        mascara = self._mascara(mascara, N, T)
        q = self._separar(self.proy_q.forward(x))                 # (N, H, T, d)
        k = self._separar(self.proy_k.forward(x))
        v = self._separar(self.proy_v.forward(x))
        cabezas = self.atencion.forward(q, k, v, mascara)          # (N, H, T, d)
        self.pesos = self.atencion.pesos                           # (N, H, T, T)
        return self.proy_salida.forward(self._juntar(cabezas))    # (N, T, D)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``∂L/∂salida`` ``(N, T, D)`` → ``∂L/∂x`` ``(N, T, D)``.

        ``x`` se usó tres veces (para ``q``, ``k`` y ``v``): su gradiente es la **suma** de los tres.
        """
        if self.pesos is None:
            raise RuntimeError("AtencionMulticabeza.backward se llamó antes que forward")
        g_cabezas = self._separar(self.proy_salida.backward(grad))  # (N, H, T, d)
        dq, dk, dv = self.atencion.backward(g_cabezas)
        return (self.proy_q.backward(self._juntar(dq)) + self.proy_k.backward(self._juntar(dk))
                + self.proy_v.backward(self._juntar(dv)))

    def __repr__(self) -> str:
        causal = ", causal=True" if self.causal else ""
        return f"AtencionMulticabeza(d_modelo={self.d_modelo}, n_cabezas={self.n_cabezas}{causal})"
