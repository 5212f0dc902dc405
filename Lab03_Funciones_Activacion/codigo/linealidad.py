"""Por qué hace falta una no linealidad: una red sólo lineal se reduce a una sola capa.

Dos capas lineales seguidas,

    h = x W₁ + b₁,      y = h W₂ + b₂ = x (W₁ W₂) + (b₁ W₂ + b₂),

son *una* capa lineal con ``W = W₁ W₂`` y ``b = b₁ W₂ + b₂``. Repitiendo el
argumento, cien capas lineales siguen siendo una sola: la profundidad no añade
nada si entre capa y capa no hay una función no lineal.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import Capa, CapaDensa, Secuencial

from .elementales import Identidad

__all__ = ["colapsar_red_lineal"]


def colapsar_red_lineal(modelo: Secuencial | Iterable[Capa]) -> tuple[np.ndarray, np.ndarray]:
    """Matriz ``W`` ``(F_entrada, F_salida)`` y sesgo ``b`` ``(F_salida,)`` de una red lineal.

    ``modelo`` sólo puede contener ``CapaDensa`` e ``Identidad``; entonces
    ``modelo.forward(x) == x @ W + b`` para cualquier ``x``. Con una activación no
    lineal en medio no existe tal matriz y se lanza ``ValueError``.
    """
    W: np.ndarray | None = None
    b: np.ndarray | None = None
    for i, capa in enumerate(modelo):
        if isinstance(capa, Identidad):
            continue
        if not isinstance(capa, CapaDensa):
            raise ValueError(
                f"la capa {i} ({capa!r}) no es lineal: sólo se pueden colapsar redes formadas "
                "por CapaDensa e Identidad"
            )
        Wi = capa.W.datos
        bi = capa.b.datos if capa.b is not None else np.zeros(Wi.shape[1], dtype=Wi.dtype)
        if W is None:
            W, b = Wi.copy(), bi.copy()
        else:
            if W.shape[1] != Wi.shape[0]:
                raise ValueError(
                    f"la capa {i} espera {Wi.shape[0]} entradas pero la anterior da {W.shape[1]}"
                )
            W, b = W @ Wi, b @ Wi + bi  # la regla de arriba, capa a capa
    if W is None:
        raise ValueError("el modelo no contiene ninguna CapaDensa")
    return W, b
