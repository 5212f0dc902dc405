"""``CapaActivacion``: la clase base de todas las activaciones del curso.

Una activación es una capa *sin pesos* que transforma cada valor de su entrada.
Sigue el protocolo de capa del Lab02 (``forward``, ``backward``, ``parameters``…):

- ``forward(x)``: ``x`` de cualquier forma (el lote es el primer eje); guarda lo
  que ``backward`` necesitará y devuelve ``f(x)`` con la misma forma.
- ``backward(grad)``: recibe ``dL/dsalida`` (misma forma que ``x``) y devuelve
  ``dL/dx``. En una activación elemento a elemento es la regla de la cadena más
  sencilla: ``dL/dx = dL/dsalida · f'(x)``, multiplicando elemento a elemento.

Las subclases sólo escriben dos fórmulas: ``_funcion(x)`` y ``_derivada(x, y)``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma
from Lab02_Primera_Red_Neuronal.codigo import Capa

__all__ = ["CapaActivacion"]


class CapaActivacion(Capa):
    """Base de las activaciones: valida, guarda la entrada y aplica la regla de la cadena.

    Atributos que deja ``forward`` (los usa ``backward``):

    - ``entrada``: el último ``x`` recibido, misma forma que la salida.
    - ``salida``: el último ``f(x)`` calculado.

    Cada capa guarda *su* entrada: si una red usa la misma activación en varias
    posiciones, crea un objeto nuevo para cada una (``ReLU()``, ``ReLU()``…).
    """

    #: Nombre corto con el que la registra ``crear_activacion``.
    nombre: str = "activacion"
    #: ``True`` si admite ``-inf`` en la entrada (p. ej. máscaras en softmax).
    _admite_menos_infinito: bool = False

    def __init__(self) -> None:
        super().__init__()
        self.entrada: np.ndarray | None = None
        self.salida: np.ndarray | None = None

    # --- lo que escriben las subclases ---------------------------------------------
    def _funcion(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} no implementa _funcion")

    def _derivada(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``f'(x)`` elemento a elemento; ``y = f(x)`` ya calculado (se reutiliza si ayuda)."""
        raise NotImplementedError(f"{type(self).__name__} no implementa _derivada")

    # --- validación común -----------------------------------------------------------
    def _validar_entrada(self, x: object) -> np.ndarray:
        nombre = f"la entrada de {type(self).__name__}"
        x = como_arreglo(x, nombre, finito=False)
        if x.size:
            if self._admite_menos_infinito:
                malos = np.isnan(x) | (x == np.inf)
                if malos.any():
                    raise ValueError(f"{nombre} contiene NaN o +inf; revisa los datos de entrada")
            elif not np.all(np.isfinite(x)):
                raise ValueError(f"{nombre} contiene NaN o infinitos; revisa los datos de entrada")
        return x

    # --- protocolo de capa ----------------------------------------------------------
    def forward(self, x: np.ndarray) -> np.ndarray:
        """Devuelve ``f(x)`` (misma forma y tipo que ``x``) y guarda ``x`` para ``backward``."""
        x = self._validar_entrada(x)
        y = np.asarray(self._funcion(x)).astype(x.dtype, copy=False)
        self.entrada, self.salida = x, y
        return y

    def _comprobar_grad(self, grad: object) -> np.ndarray:
        if self.entrada is None:
            raise RuntimeError(
                f"{type(self).__name__}.backward necesita un forward previo: "
                "llama primero a forward(x) para que la capa guarde su entrada"
            )
        grad = como_arreglo(grad, "grad")
        comprobar_forma(grad, self.entrada.shape, "grad")
        return grad

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``dL/dx = grad · f'(x)`` (elemento a elemento). ``grad``: misma forma que ``x``."""
        grad = self._comprobar_grad(grad)
        derivada = np.asarray(self._derivada(self.entrada, self.salida))
        return grad * derivada.astype(self.entrada.dtype, copy=False)

    def derivada(self, x: np.ndarray) -> np.ndarray:
        """``f'(x)`` elemento a elemento (para dibujarla). No toca lo guardado por ``forward``."""
        x = self._validar_entrada(x)
        return np.asarray(self._derivada(x, self._funcion(x))).astype(x.dtype, copy=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
