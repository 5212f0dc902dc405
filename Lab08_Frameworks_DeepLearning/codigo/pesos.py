"""Copiar los pesos de un MLP entre NumPy (Lab06), PyTorch y Keras.

Las tres bibliotecas guardan lo mismo con formas distintas:

| biblioteca | capa          | pesos                                | sesgo         |
|------------|---------------|--------------------------------------|---------------|
| NumPy      | ``CapaDensa`` | ``W.datos`` ``(entradas, salidas)``   | ``b.datos``   |
| PyTorch    | ``nn.Linear`` | ``weight`` ``(salidas, entradas)`` = Wᵀ | ``bias``    |
| Keras      | ``Dense``     | ``kernel`` ``(entradas, salidas)``    | ``bias``      |

``pesos_densos(modelo)`` los devuelve como una lista ``[(W, b), …]`` en el formato de NumPy
(``W`` de forma ``(entradas, salidas)``) sea cual sea la biblioteca, y ``fijar_pesos_densos``
hace lo contrario. Con ellas, las tres redes pueden empezar exactamente en el mismo punto.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

__all__ = ["biblioteca_de", "pesos_densos", "fijar_pesos_densos"]


def biblioteca_de(modelo: Any) -> str:
    """``"torch"``, ``"keras"`` o ``"numpy"`` (un modelo del curso, con ``parameters()`` y ``Parametro``)."""
    if isinstance(modelo, torch.nn.Module):
        return "torch"
    if type(modelo).__module__.startswith("keras"):
        return "keras"
    if callable(getattr(modelo, "parameters", None)):
        return "numpy"
    raise TypeError(
        "se esperaba un modelo de NumPy (Lab06), un nn.Module de PyTorch o un modelo de "
        f"Keras, se recibió {type(modelo).__name__}"
    )


def _capas_densas(modelo: Any) -> list[Any]:
    biblioteca = biblioteca_de(modelo)
    if biblioteca == "torch":
        return [m for m in modelo.modules() if isinstance(m, torch.nn.Linear)]
    if biblioteca == "keras":
        return [c for c in modelo.layers if hasattr(c, "kernel")]
    capas = modelo.modules() if callable(getattr(modelo, "modules", None)) else [modelo]
    return [c for c in capas if hasattr(c, "W") and hasattr(c, "b")]


def pesos_densos(modelo: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """``[(W, b), …]`` de cada capa densa, en orden, con ``W`` ``(entradas, salidas)`` (copias)."""
    biblioteca = biblioteca_de(modelo)
    pares = []
    for capa in _capas_densas(modelo):
        if biblioteca == "torch":
            pares.append(
                (capa.weight.detach().cpu().numpy().T.copy(), capa.bias.detach().cpu().numpy().copy())
            )
        elif biblioteca == "keras":
            W, b = capa.get_weights()
            pares.append((np.array(W), np.array(b)))
        else:
            pares.append((capa.W.datos.copy(), capa.b.datos.copy()))
    return pares


def fijar_pesos_densos(modelo: Any, pesos: list[tuple[np.ndarray, np.ndarray]]) -> Any:
    """Copia ``pesos`` (formato de ``pesos_densos``) en las capas densas de ``modelo``.

    Comprueba antes el número de capas y todas las formas: si algo no encaja, lanza un error
    y el modelo queda como estaba. Devuelve el modelo.
    """
    capas = _capas_densas(modelo)
    actuales = pesos_densos(modelo)
    pesos = [(np.asarray(W), np.asarray(b)) for W, b in pesos]
    if len(pesos) != len(capas):
        raise ValueError(
            f"se recibieron pesos para {len(pesos)} capas densas, pero el modelo tiene {len(capas)}"
        )
    for i, ((W, b), (W_act, b_act)) in enumerate(zip(pesos, actuales)):
        if W.shape != W_act.shape or b.shape != b_act.shape:
            raise ValueError(
                f"capa densa {i}: se esperaba W {W_act.shape} y b {b_act.shape}, "
                f"se recibió W {W.shape} y b {b.shape}"
            )
    biblioteca = biblioteca_de(modelo)
    for capa, (W, b) in zip(capas, pesos):
        if biblioteca == "torch":
            with torch.no_grad():
                capa.weight.copy_(torch.as_tensor(W.T.copy(), dtype=capa.weight.dtype))
                capa.bias.copy_(torch.as_tensor(b, dtype=capa.bias.dtype))
        elif biblioteca == "keras":
            capa.set_weights([W, b])
        else:
            capa.W.datos[...] = W  # en su sitio: los optimizadores siguen viendo el mismo arreglo
            capa.b.datos[...] = b
            capa.W.zero_grad()
            capa.b.zero_grad()
    return modelo
