"""Un perceptrón multicapa (MLP) como ``nn.Module`` de PyTorch.

En PyTorch un modelo es una clase que hereda de ``nn.Module``:

- en ``__init__`` se crean las capas (``nn.Linear``, ``nn.ReLU``…); al asignarlas como
  atributos, PyTorch registra sus parámetros (``modelo.parameters()``);
- ``forward(x)`` dice cómo se calcula la salida; ``modelo(x)`` llama a ``forward``;
- **no hay** ``backward``: lo escribe el autograd de PyTorch a partir de ``forward``.

``MLPTorch([64, 64, 10])`` es la misma red que ``construir_mlp([64, 64, 10])`` del Lab06:
``Linear(64, 64) → ReLU → Linear(64, 10)``, que devuelve *logits*. Sus pesos iniciales se
generan con ``inicializar_pesos`` del Lab02 (He) y la ``semilla``, así que con la misma semilla
las redes de NumPy, PyTorch y Keras del laboratorio empiezan en el mismo punto.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from Lab02_Primera_Red_Neuronal.codigo import crear_generador, inicializar_pesos

__all__ = ["ACTIVACIONES_TORCH", "MLPTorch", "contar_parametros"]

#: Nombre (el del Lab03) → capa de activación de PyTorch.
ACTIVACIONES_TORCH: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "tanh": nn.Tanh,
    "sigmoide": nn.Sigmoid,
    "leaky_relu": nn.LeakyReLU,
    "elu": nn.ELU,
    "gelu": nn.GELU,
}


def validar_tamanos(tamanos: Sequence[int]) -> list[int]:
    """Comprueba que ``tamanos`` sea ``[entradas, ocultas…, salidas]`` con enteros positivos."""
    try:
        lista = list(tamanos)
    except TypeError:
        raise TypeError(
            f"tamanos debe ser una lista de enteros, se recibió {type(tamanos).__name__}"
        ) from None
    if len(lista) < 2 or not all(
        isinstance(t, numbers.Integral) and not isinstance(t, bool) and t >= 1 for t in lista
    ):
        raise ValueError(
            "tamanos debe ser una lista de al menos dos enteros positivos "
            f"(entradas, ocultas…, salidas), se recibió {tamanos!r}"
        )
    return [int(t) for t in lista]


def validar_dropout(dropout: float) -> float:
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real) or not 0 <= dropout < 1:
        raise ValueError(f"dropout debe ser una probabilidad en [0, 1), se recibió {dropout!r}")
    return float(dropout)


class MLPTorch(nn.Module):
    """MLP ``tamanos[0] → … → tamanos[-1]`` que devuelve logits ``(N, tamanos[-1])``.

    - ``activacion``: una de ``ACTIVACIONES_TORCH`` tras cada capa oculta.
    - ``dropout``: ``nn.Dropout(p)`` tras cada activación oculta (0 = sin dropout).
    - ``semilla``: pesos iniciales He del Lab02 (sesgos a cero); ``dtype``: ``torch.float32``
      (lo normal en GPU) o ``torch.float64`` (para comparar con NumPy al último decimal).
    """

    def __init__(
        self,
        tamanos: Sequence[int],
        activacion: str = "relu",
        dropout: float = 0.0,
        semilla: int | np.random.Generator | None = 0,
        dtype: torch.dtype = torch.float32,
    ) -> None:
        super().__init__()
        self.tamanos = validar_tamanos(tamanos)
        if activacion not in ACTIVACIONES_TORCH:
            raise ValueError(
                f"activación desconocida: {activacion!r}; se esperaba una de {', '.join(ACTIVACIONES_TORCH)}"
            )
        dropout = validar_dropout(dropout)
        rng = crear_generador(semilla)
        capas: list[nn.Module] = []
        pares = list(zip(self.tamanos[:-1], self.tamanos[1:]))
        for i, (n_entradas, n_salidas) in enumerate(pares):
            lineal = nn.Linear(n_entradas, n_salidas, dtype=dtype)
            with torch.no_grad():  # PyTorch guarda W traspuesta: weight tiene forma (salidas, entradas)
                pesos = inicializar_pesos(n_entradas, n_salidas, "he", rng)
                lineal.weight.copy_(torch.as_tensor(pesos.T, dtype=dtype))
                lineal.bias.zero_()
            capas.append(lineal)
            if i < len(pares) - 1:
                capas.append(ACTIVACIONES_TORCH[activacion]())
                if dropout > 0:
                    capas.append(nn.Dropout(dropout))
        self.red = nn.Sequential(*capas)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, tamanos[0])`` → logits ``(N, tamanos[-1])``."""
        if x.ndim != 2 or x.shape[1] != self.tamanos[0]:
            raise ValueError(f"se esperaba x de forma (N, {self.tamanos[0]}), se recibió {tuple(x.shape)}")
        return self.red(x)


def contar_parametros(modelo: nn.Module) -> int:
    """Número de parámetros entrenables (los que ``requires_grad``)."""
    return sum(p.numel() for p in modelo.parameters() if p.requires_grad)
