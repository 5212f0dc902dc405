"""``CapaDensa`` completa: la del Lab02 más su ``backward``.

Hacia delante (Lab02): ``y = x @ W + b`` con ``x (N, n_entradas)``, ``W (n_entradas, n_salidas)``,
``b (n_salidas,)`` e ``y (N, n_salidas)``.

Hacia atrás, con ``g = ∂L/∂y`` de forma ``(N, n_salidas)`` (regla de la cadena):

- ``∂L/∂W = xᵀ @ g``        → forma ``(n_entradas, n_salidas)``, la de ``W``
- ``∂L/∂b = Σₙ g[n, :]``    → forma ``(n_salidas,)``, la de ``b`` (``b`` se copió en cada fila)
- ``∂L/∂x = g @ Wᵀ``        → forma ``(N, n_entradas)``, la de ``x``

Un truco para recordarlas: sólo hay una forma de multiplicar las matrices para que
las formas cuadren. Con una entrada de más ejes, ``(N, T, n_entradas)``, cada posición es
un ejemplo más: se aplanan los ejes delanteros, ``(N·T, n_entradas)``, y valen las mismas
fórmulas (``W`` y ``b`` se usaron en todas las posiciones, así que sus gradientes suman todas).
Los gradientes de los parámetros se **acumulan** (``+=``) como en
PyTorch; por eso el bucle de entrenamiento llama a ``zero_grad()`` en cada paso.

Los laboratorios siguientes importan ``CapaDensa`` desde aquí.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma
from Lab02_Primera_Red_Neuronal.codigo import CapaDensa as _CapaDensaLab02

__all__ = ["CapaDensa"]


class CapaDensa(_CapaDensaLab02):
    """Capa totalmente conectada con ``forward`` (Lab02) y ``backward`` (Lab05).

    >>> capa = CapaDensa(3, 2, semilla=0)
    >>> y = capa.forward(np.ones((5, 3)))
    >>> capa.backward(np.ones((5, 2))).shape, capa.W.grad.shape, capa.b.grad.shape
    ((5, 3), (3, 2), (2,))
    """

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Recibe ``∂L/∂y`` ``(N, …, n_salidas)``, acumula ``W.grad`` y ``b.grad``.

        Devuelve ``∂L/∂x`` con la forma de la entrada, ``(N, …, n_entradas)``.
        """
        if self.entrada is None:
            raise RuntimeError(
                "CapaDensa.backward se llamó antes que forward: no hay entrada guardada "
                "con la que calcular los gradientes"
            )
        grad = como_arreglo(grad, "el gradiente de CapaDensa")
        comprobar_forma(grad, self.entrada.shape[:-1] + (self.n_salidas,), "el gradiente de CapaDensa")
        grad = grad.astype(self.W.datos.dtype, copy=False)
        x_plana = self.entrada.reshape(-1, self.n_entradas)  # (N·…, n_entradas)
        g_plana = grad.reshape(-1, self.n_salidas)            # (N·…, n_salidas)
        self.W.grad += x_plana.T @ g_plana
        if self.b is not None:
            self.b.grad += g_plana.sum(axis=0)
        return grad @ self.W.datos.T
