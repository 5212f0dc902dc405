"""Recorte del gradiente por su norma global (*gradient clipping*).

A veces un lote produce un gradiente enorme (en las redes recurrentes del Lab11 ocurre a
menudo: el gradiente se multiplica por la misma matriz en cada paso de tiempo) y un solo
paso del optimizador destroza lo aprendido. El remedio más usado es mirar la **norma global**
de todos los gradientes juntos,

    ‖g‖ = √(Σ_parámetros Σ_elementos g²)

y, si supera ``maximo``, multiplicar *todos* los gradientes por ``maximo / ‖g‖``: la dirección
del paso no cambia, sólo su longitud. Es ``torch.nn.utils.clip_grad_norm_``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import numero_real
from Lab02_Primera_Red_Neuronal.codigo import Parametro

__all__ = ["norma_gradiente", "recortar_norma_gradiente"]


def _lista_de_parametros(parametros: Iterable[Parametro] | Parametro) -> list[Parametro]:
    lista = [parametros] if isinstance(parametros, Parametro) else list(parametros)
    for i, p in enumerate(lista):
        if not isinstance(p, Parametro):
            raise TypeError(f"se esperaba una lista de Parametro (p. ej. modelo.parameters()); "
                            f"el elemento {i} es {type(p).__name__}")
    return list({id(p): p for p in lista}.values())  # un parámetro compartido cuenta una vez


def norma_gradiente(parametros: Iterable[Parametro] | Parametro) -> float:
    """La norma euclídea de todos los gradientes juntos, como si fueran un solo vector."""
    cuadrados = [np.sum(np.square(p.grad, dtype=np.float64)) for p in _lista_de_parametros(parametros)]
    return float(np.sqrt(sum(cuadrados)))


def recortar_norma_gradiente(parametros: Iterable[Parametro] | Parametro, maximo: float) -> float:
    """Escala los gradientes en su sitio para que su norma global no pase de ``maximo``.

    Devuelve la norma **antes** de recortar (como ``clip_grad_norm_``), útil para vigilarla.
    El factor es ``maximo / (‖g‖ + 1e-6)``, limitado a 1: gradientes ya pequeños no cambian.
    Si la norma es NaN o infinita no se toca nada y se devuelve tal cual (``entrenar`` lo
    trata como una divergencia).
    """
    maximo = numero_real(maximo, "maximo (la norma máxima del gradiente)", 0.0, incluir_minimo=False)
    lista = _lista_de_parametros(parametros)
    norma = norma_gradiente(lista)
    if not np.isfinite(norma):
        return norma
    factor = min(maximo / (norma + 1e-6), 1.0)
    if factor < 1.0:
        for p in lista:
            p.grad *= p.grad.dtype.type(factor)
    return norma
