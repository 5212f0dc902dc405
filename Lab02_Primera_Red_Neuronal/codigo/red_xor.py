"""Una red de dos capas con pesos elegidos a mano que resuelve XOR.

Idea: XOR(a, b) = OR(a, b) y no AND(a, b).

- Capa oculta: neurona 1 = OR  (pesos 1, 1; sesgo −0.5),
               neurona 2 = AND (pesos 1, 1; sesgo −1.5).
- Capa de salida: OR − 2·AND − 0.5 ≥ 0 sólo cuando OR = 1 y AND = 0.
"""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo import escalon

from .capa_densa import CapaDensa
from .secuencial import Activacion, Secuencial

__all__ = ["red_xor_manual"]


def red_xor_manual() -> Secuencial:
    """``Secuencial`` 2 → 2 → 1 con activación escalón que calcula XOR exactamente."""
    oculta = CapaDensa(2, 2).fijar_pesos(W=[[1.0, 1.0], [1.0, 1.0]], b=[-0.5, -1.5])
    salida = CapaDensa(2, 1).fijar_pesos(W=[[1.0], [-2.0]], b=[-0.5])
    return Secuencial(oculta, Activacion(escalon, "escalón"), salida, Activacion(escalon, "escalón"))
