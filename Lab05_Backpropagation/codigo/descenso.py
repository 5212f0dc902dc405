"""Descenso de gradiente a mano: el paso que usa los gradientes de ``backward``.

Para cada parámetro ``θ`` con gradiente ``∂L/∂θ``:

    θ ← θ − η · ∂L/∂θ

donde ``η`` es la tasa de aprendizaje. Moverse *en contra* del gradiente baja la
pérdida si ``η`` es lo bastante pequeña. En el Lab06 esto se convierte en el
optimizador ``SGD`` (y sus variantes: momento, Adam…).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import es_real
from Lab02_Primera_Red_Neuronal.codigo import Parametro

__all__ = ["paso_descenso_gradiente", "paso_entrenamiento", "entrenar_manual"]


def _tasa_valida(tasa_aprendizaje: float) -> float:
    if not es_real(tasa_aprendizaje) or tasa_aprendizaje <= 0:
        raise ValueError(
            f"la tasa de aprendizaje debe ser un número positivo, se recibió {tasa_aprendizaje!r}"
        )
    return float(tasa_aprendizaje)


def paso_descenso_gradiente(parametros: Iterable[Parametro], tasa_aprendizaje: float) -> None:
    """``p.datos -= tasa_aprendizaje * p.grad`` para cada parámetro, en su sitio.

    Se modifica el mismo arreglo (no se crea uno nuevo), como hará el ``step()`` de
    los optimizadores del Lab06. Los gradientes no se tocan: ponlos a cero antes del
    siguiente ``backward`` con ``zero_grad()``.
    """
    eta = _tasa_valida(tasa_aprendizaje)
    parametros = list(parametros)
    for i, p in enumerate(parametros):
        if not isinstance(p, Parametro):
            raise TypeError(
                f"se esperaba una lista de Parametro (p. ej. modelo.parameters()); "
                f"el elemento {i} es {type(p).__name__}"
            )
        if np.shape(p.grad) != p.datos.shape:
            raise ValueError(
                f"el gradiente del parámetro {p.nombre or i} tiene forma {np.shape(p.grad)}, "
                f"se esperaba {p.datos.shape}"
            )
        if not np.all(np.isfinite(p.grad)):
            raise ValueError(f"el gradiente del parámetro {p.nombre or i} contiene NaN o infinitos")
    for p in parametros:
        p.datos -= eta * p.grad


def paso_entrenamiento(modelo: Any, perdida: Any, X: np.ndarray, y: np.ndarray,
                       tasa_aprendizaje: float) -> float:
    """Un paso completo: ``zero_grad`` → ``forward`` → pérdida → ``backward`` → actualización.

    ``modelo`` es una capa (p. ej. un ``Secuencial``) y ``perdida`` sigue el protocolo del
    Lab04 (``forward(prediccion, objetivo)`` y ``backward()``). Devuelve la pérdida
    **antes** de actualizar los pesos.
    """
    _tasa_valida(tasa_aprendizaje)
    modelo.zero_grad()                      # 1. los gradientes se acumulan: empezar de cero
    prediccion = modelo.forward(X)          # 2. pasada hacia delante
    valor = float(perdida.forward(prediccion, y))  # 3. la pérdida
    modelo.backward(perdida.backward())     # 4. pasada hacia atrás: ∂L/∂θ de cada parámetro
    paso_descenso_gradiente(modelo.parameters(), tasa_aprendizaje)  # 5. θ ← θ − η ∂L/∂θ
    return valor


def entrenar_manual(modelo: Any, perdida: Any, X: np.ndarray, y: np.ndarray,
                    tasa_aprendizaje: float = 0.5, pasos: int = 300) -> list[float]:
    """Repite ``paso_entrenamiento`` ``pasos`` veces con todo el lote; devuelve el historial de pérdidas."""
    if isinstance(pasos, bool) or not isinstance(pasos, (int, np.integer)) or pasos < 1:
        raise ValueError(f"pasos debe ser un entero positivo, se recibió {pasos!r}")
    return [paso_entrenamiento(modelo, perdida, X, y, tasa_aprendizaje) for _ in range(int(pasos))]
