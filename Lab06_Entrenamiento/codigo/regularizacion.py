"""Regularización: penalización L2 y parada temprana.

**L2** (*weight decay*): se suma a la pérdida ``(λ/2)·Σ‖W‖²`` sobre las matrices de pesos.
Su gradiente, ``λ·W``, empuja cada peso hacia 0 en cada paso: la red prefiere muchos pesos
pequeños a unos pocos enormes, y sus funciones son más suaves. Aquí sólo se penalizan
los arreglos de 2 o más ejes (los pesos ``W``), no los sesgos ni ``γ``/``β`` de BatchNorm,
como se hace habitualmente. (El ``decaimiento_pesos`` de los optimizadores, como en PyTorch,
lo aplica a *todos* los parámetros que recibe.)

**Parada temprana**: se vigila una cantidad en validación (``perdida_val`` por defecto) y se
para cuando lleva ``paciencia`` épocas sin mejorar. Con ``restaurar_mejores=True``,
``entrenar`` devuelve el modelo con los pesos de la mejor época.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import Parametro

__all__ = ["penalizacion_l2", "sumar_gradiente_l2", "ParadaTemprana", "modo_de_monitor"]


def _coeficiente(valor: object) -> float:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not np.isfinite(valor) or valor < 0:
        raise ValueError(f"el coeficiente de L2 debe ser un número ≥ 0, se recibió {valor!r}")
    return float(valor)


def _pesos(parametros: Iterable[Parametro]) -> list[Parametro]:
    return [p for p in parametros if np.ndim(p.datos) >= 2]


def penalizacion_l2(parametros: Iterable[Parametro], coeficiente: float) -> float:
    """``(λ/2)·Σ‖W‖²`` sobre los parámetros de 2 o más ejes (los pesos, no los sesgos)."""
    lam = _coeficiente(coeficiente)
    if lam == 0:
        return 0.0
    return 0.5 * lam * float(sum(np.sum(p.datos.astype(np.float64) ** 2) for p in _pesos(parametros)))


def sumar_gradiente_l2(parametros: Iterable[Parametro], coeficiente: float) -> None:
    """Suma ``λ·W`` al gradiente de cada peso (la derivada de ``penalizacion_l2``)."""
    lam = _coeficiente(coeficiente)
    if lam == 0:
        return
    for p in _pesos(parametros):
        p.grad += lam * p.datos


def modo_de_monitor(monitor: str) -> str:
    """``"min"`` para las pérdidas y errores (``perdida``, ``perdida_val``…), ``"max"`` para el resto."""
    base = monitor.removesuffix("_val")
    return "min" if base.startswith(("perdida", "error")) else "max"


class ParadaTemprana:
    """Detiene el entrenamiento cuando ``monitor`` lleva ``paciencia`` épocas sin mejorar.

    - ``monitor``: clave del historial que se vigila (``"perdida_val"``, ``"exactitud_val"``…);
      las pérdidas se minimizan y las demás métricas se maximizan.
    - ``delta_minimo``: una mejora más pequeña que esto no cuenta.
    - ``restaurar_mejores``: al terminar, ``entrenar`` vuelve a los pesos de la mejor época.
    """

    def __init__(self, paciencia: int = 10, delta_minimo: float = 0.0, monitor: str = "perdida_val",
                 restaurar_mejores: bool = True) -> None:
        if isinstance(paciencia, bool) or not isinstance(paciencia, numbers.Integral) or paciencia < 1:
            raise ValueError(f"paciencia debe ser un entero positivo, se recibió {paciencia!r}")
        if isinstance(delta_minimo, bool) or not isinstance(delta_minimo, numbers.Real) or delta_minimo < 0:
            raise ValueError(f"delta_minimo debe ser un número ≥ 0, se recibió {delta_minimo!r}")
        if not isinstance(monitor, str) or not monitor:
            raise TypeError(f"monitor debe ser el nombre de una clave del historial, se recibió {monitor!r}")
        self.paciencia = int(paciencia)
        self.delta_minimo = float(delta_minimo)
        self.monitor = monitor
        self.modo = modo_de_monitor(monitor)
        self.restaurar_mejores = bool(restaurar_mejores)
        self.reiniciar()

    def reiniciar(self) -> None:
        """Olvida lo visto (``entrenar`` lo llama al empezar)."""
        self.mejor_valor = math.inf if self.modo == "min" else -math.inf
        self.mejor_epoca = 0
        self.epocas_sin_mejora = 0
        self.epoca = 0

    def mejora(self, valor: float) -> bool:
        """¿``valor`` mejora al mejor visto en más de ``delta_minimo``?"""
        if self.modo == "min":
            return valor < self.mejor_valor - self.delta_minimo
        return valor > self.mejor_valor + self.delta_minimo

    def actualizar(self, valor: float) -> bool:
        """Registra el valor de una época más; devuelve ``True`` si hay que parar."""
        self.epoca += 1
        valor = float(valor)
        if self.mejora(valor):
            self.mejor_valor, self.mejor_epoca, self.epocas_sin_mejora = valor, self.epoca, 0
        else:
            self.epocas_sin_mejora += 1
        return self.epocas_sin_mejora >= self.paciencia

    def __repr__(self) -> str:
        return (f"ParadaTemprana(paciencia={self.paciencia}, monitor={self.monitor!r}, "
                f"restaurar_mejores={self.restaurar_mejores})")
