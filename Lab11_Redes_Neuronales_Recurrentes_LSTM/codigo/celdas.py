"""La base común de las capas recurrentes: ``CapaRecurrente`` (y una sigmoide estable en su sitio).

Una capa recurrente lee una secuencia paso a paso y lleva un **estado oculto** ``h`` que
resume lo leído hasta ahora. ``RNN``, ``LSTM`` y ``GRU`` comparten aquí lo que no es su fórmula:

Formas (el lote primero, como en todo el curso; las capas recurrentes de PyTorch usan por
defecto ``(T, N, F)``, y lo de aquí equivale a su ``batch_first=True``):

- ``x``: ``(N, T, F)`` — lote, pasos de tiempo, rasgos por paso (``F = n_entrada``)
- estado inicial: ``h0`` ``(N, H)`` (ceros si no se da; en la LSTM, la pareja ``(h0, c0)``)
- salida ``H``: ``(N, T, H)`` — **todos** los estados ocultos ``h_1 … h_T`` (``H = n_oculto``)
- ``estado_final``: ``h_T`` ``(N, H)`` (en la LSTM, la pareja ``(h_T, c_T)``)

Los pesos se llaman y tienen la forma de los de PyTorch de una sola capa (``weight_ih_l0`` →
``W_ih``…), así que se copian uno a uno: ``W_ih`` ``(G·H, F)``, ``W_hh`` ``(G·H, H)``, ``b_ih`` y
``b_hh`` ``(G·H,)``, con ``G`` puertas apiladas (1 en la RNN, 4 en la LSTM, 3 en la GRU) en el
**mismo orden** que PyTorch (el atributo de clase ``PUERTAS``). Se inicializan como en PyTorch:
todos con ``U(−1/√H, 1/√H)``.

**Eficiencia.** La parte que no depende del tiempo, ``x W_ihᵀ``, se calcula para todos los
pasos con **un solo** producto de matrices antes del bucle; el bucle sólo hace ``h W_hhᵀ`` y
las no linealidades. Hacia atrás (*backpropagation through time*, BPTT) el bucle va del último
paso al primero y guarda el gradiente de las preactivaciones de cada paso, apiladas; al final,
``∂L/∂W_ih``, ``∂L/∂W_hh`` y ``∂L/∂x`` salen de un producto de matrices cada uno, sobre todos los
pasos a la vez.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, crear_generador

__all__ = ["CapaRecurrente", "sigmoide_en_sitio"]


def sigmoide_en_sitio(a: np.ndarray) -> np.ndarray:
    """Sustituye ``a`` por ``σ(a)`` sin crear arreglos nuevos y lo devuelve.

    Usa la identidad ``σ(z) = (1 + tanh(z/2)) / 2``: ``tanh`` nunca desborda, así que es estable
    para cualquier ``z`` (también ±1000, sin avisos) y rápida (una sola función trascendente).
    """
    a *= 0.5
    np.tanh(a, out=a)
    a += 1.0
    a *= 0.5
    return a


def _booleano(valor: object, nombre: str) -> bool:
    if not isinstance(valor, (bool, np.bool_)):
        raise TypeError(f"{nombre} debe ser True o False, se recibió {valor!r}")
    return bool(valor)


class CapaRecurrente(Capa):
    """Lo común a ``RNN``, ``LSTM`` y ``GRU``: pesos, validación, proyección de la entrada y gradientes.

    Cada subclase fija ``PUERTAS`` (el nombre de cada bloque de ``H`` filas de ``W_ih``, en el orden
    de PyTorch) y escribe su ``forward`` (el bucle en el tiempo) y su ``backward`` (BPTT).

    - ``forward(x, estado=None)``: ``x`` ``(N, T, F)``; devuelve ``H`` ``(N, T, H)`` y guarda el
      estado final en ``self.estado_final``. Con ``devolver_estado=True`` devuelve
      ``(H, estado_final)``, como ``(output, h_n)`` de PyTorch.
    - ``backward(grad_H, grad_estado_final=None)``: devuelve ``∂L/∂x`` ``(N, T, F)``, o
      ``(∂L/∂x, ∂L/∂estado_inicial)`` si ``forward`` recibió un estado inicial. Los gradientes de
      los pesos se **acumulan** (``+=``).
    """

    PUERTAS: tuple[str, ...] = ("h",)

    def __init__(self, n_entrada: int, n_oculto: int, sesgo: bool = True, devolver_estado: bool = False,
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        self.n_entrada = entero_positivo(n_entrada, "n_entrada")
        self.n_oculto = entero_positivo(n_oculto, "n_oculto")
        self.devolver_estado = _booleano(devolver_estado, "devolver_estado")
        _booleano(sesgo, "sesgo")
        rng = crear_generador(semilla)
        filas, k = len(self.PUERTAS) * self.n_oculto, 1.0 / np.sqrt(self.n_oculto)

        def uniforme(*forma: int) -> np.ndarray:  # U(−1/√H, 1/√H), como PyTorch
            return rng.uniform(-k, k, size=forma).astype(dtype)

        self.W_ih = Parametro(uniforme(filas, self.n_entrada), "W_ih")
        self.W_hh = Parametro(uniforme(filas, self.n_oculto), "W_hh")
        self.b_ih = Parametro(uniforme(filas), "b_ih") if sesgo else None
        self.b_hh = Parametro(uniforme(filas), "b_hh") if sesgo else None
        self.estado_final: Any = None
        self._cache: dict[str, Any] | None = None

    @property
    def dtype(self) -> np.dtype:
        return self.W_ih.datos.dtype

    @property
    def _nombre(self) -> str:
        return type(self).__name__

    # --- validación ------------------------------------------------------------------------
    def _validar_entrada(self, x: object) -> np.ndarray:
        """``x`` ``(N, T, F)`` en el dtype de los pesos → ``x`` en orden temporal ``(T, N, F)`` contiguo."""
        nombre, F = self._nombre, self.n_entrada
        x = como_arreglo(x, f"la entrada de {nombre}")
        esperado = f"se esperaba la entrada de {nombre} de forma (N, T, {F}) (lote, pasos de tiempo, rasgos)"
        if x.ndim != 3:
            pista = ("; una sola secuencia (T, F) se escribe como un lote de una: x[None]" if x.ndim == 2
                     else "")
            raise ValueError(f"{esperado}, se recibió {describir_forma(x.shape)} ({x.ndim} eje(s)){pista}")
        N, T, F_x = x.shape
        if F_x != F:
            raise ValueError(f"{esperado}, se recibió {describir_forma(x.shape)}: cada paso tiene {F_x} "
                             f"rasgos y la capa se creó con n_entrada={F}")
        if N == 0:
            raise ValueError(f"el lote de {nombre} está vacío (N = 0): forma {describir_forma(x.shape)}")
        if T == 0:
            raise ValueError(f"la secuencia de {nombre} está vacía (T = 0 pasos de tiempo): forma "
                             f"{describir_forma(x.shape)}; hace falta al menos un paso")
        return np.ascontiguousarray(x.transpose(1, 0, 2), dtype=self.dtype)

    def _validar_estado(self, h: object, nombre: str, N: int) -> np.ndarray:
        """Un estado inicial ``(N, H)`` en el dtype de los pesos (copia)."""
        texto = f"el estado inicial {nombre} de {self._nombre}"
        h = como_arreglo(h, texto)
        if h.ndim == 3 and h.shape[0] == 1:
            raise ValueError(f"se esperaba {texto} de forma ({N}, {self.n_oculto}), se recibió "
                             f"{describir_forma(h.shape)}; PyTorch usa (1, N, H) (capas, lote, oculto): "
                             f"aquí es (N, H), quita el primer eje con {nombre}[0]")
        comprobar_forma(h, (N, self.n_oculto), texto)
        return np.array(h, dtype=self.dtype, copy=True)

    def _validar_grad_salida(self, grad_H: object) -> np.ndarray:
        """``∂L/∂H`` ``(N, T, H)`` → vista en orden temporal ``(T, N, H)``."""
        if self._cache is None:
            raise RuntimeError(f"{self._nombre}.backward se llamó antes que forward: no hay nada guardado "
                               "con lo que calcular los gradientes")
        T, N = self._cache["x"].shape[:2]
        texto = f"el gradiente de la salida de {self._nombre}"
        grad_H = como_arreglo(grad_H, texto)
        comprobar_forma(grad_H, (N, T, self.n_oculto), texto)
        return grad_H.astype(self.dtype, copy=False).transpose(1, 0, 2)

    def _validar_grad_final(self, grad: object, nombre: str) -> np.ndarray:
        """``∂L/∂h_T`` (o ``∂L/∂c_T``) ``(N, H)``; ``None`` → ceros."""
        N = self._cache["x"].shape[1]
        if grad is None:
            return np.zeros((N, self.n_oculto), dtype=self.dtype)
        texto = f"el gradiente del estado final {nombre} de {self._nombre}"
        grad = como_arreglo(grad, texto)
        comprobar_forma(grad, (N, self.n_oculto), texto)
        return np.array(grad, dtype=self.dtype, copy=True)

    # --- piezas del cálculo ---------------------------------------------------------------
    def _proyeccion_entrada(self, x_t: np.ndarray) -> np.ndarray:
        """``x W_ihᵀ + b_ih`` para todos los pasos a la vez: ``(T, N, F) → (T, N, G·H)``."""
        A = x_t @ self.W_ih.datos.T
        if self.b_ih is not None:
            A += self.b_ih.datos
        return A

    def _gradientes_pesos(self, dA_ih: np.ndarray, dA_hh: np.ndarray) -> np.ndarray:
        """Acumula los gradientes de los pesos y devuelve ``∂L/∂x`` ``(N, T, F)``.

        ``dA_ih`` ``(T, N, G·H)``: gradiente de lo que suma ``x W_ihᵀ + b_ih``; ``dA_hh``: el de lo
        que suma ``h_{t−1} W_hhᵀ + b_hh`` (en la RNN y la LSTM son el mismo arreglo). Un producto de
        matrices sobre todos los pasos para cada peso.
        """
        x_t, hs = self._cache["x"], self._cache["h"]
        GH = dA_ih.shape[-1]
        plano_ih, plano_hh = dA_ih.reshape(-1, GH), dA_hh.reshape(-1, GH)
        self.W_ih.grad += plano_ih.T @ x_t.reshape(-1, self.n_entrada)
        self.W_hh.grad += plano_hh.T @ hs[:-1].reshape(-1, self.n_oculto)  # h_0 … h_{T−1}
        if self.b_ih is not None:
            self.b_ih.grad += plano_ih.sum(axis=0)
            self.b_hh.grad += plano_hh.sum(axis=0)
        return np.ascontiguousarray((dA_ih @ self.W_ih.datos).transpose(1, 0, 2))  # (N, T, F)

    def _salida(self, hs: np.ndarray, estado_final: Any) -> Any:
        """``H`` ``(N, T, H)`` (una copia: la caché no cambia si alguien modifica la salida)."""
        self.estado_final = estado_final
        H = np.ascontiguousarray(hs[1:].transpose(1, 0, 2))
        return (H, estado_final) if self.devolver_estado else H

    def _devolver(self, dx: np.ndarray, d_estado: Any) -> Any:
        return (dx, d_estado) if self._cache["con_estado"] else dx

    def __repr__(self) -> str:
        extra = "" if self.b_ih is not None else ", sesgo=False"
        return f"{self._nombre}({self.n_entrada}, {self.n_oculto}{extra})"
