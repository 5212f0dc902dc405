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
from collections.abc import Iterable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Parametro

__all__ = ["penalizacion_l2", "sumar_gradiente_l2", "ParadaTemprana", "modo_de_monitor"]


def _coeficiente(valor: object) -> float:
    return numero_real(valor, "el coeficiente de L2", 0.0)


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


#: Prefijos de los nombres cuyo sentido se conoce: pérdidas y errores se minimizan; el resto, se maximiza.
_PREFIJOS_MIN = ("perdida", "error", "mse", "rmse", "mae", "ece", "brier")
_PREFIJOS_MAX = ("exactitud", "precision", "sensibilidad", "especificidad", "f1", "fbeta", "auc", "ap")


def modo_de_monitor(monitor: str, modo: str | None = None) -> str:
    """``"min"`` o ``"max"``: si la cantidad ``monitor`` mejora al bajar o al subir.

    Con ``modo`` dado (``"min"`` o ``"max"``), es ése. Sin él, se deduce sólo para los nombres
    conocidos del curso (``perdida…``, ``error…``, ``rmse…`` bajan; ``exactitud…``, ``f1…``,
    ``auc…`` suben); para cualquier otro nombre hay que decirlo: adivinar mal haría que la
    parada temprana guardara la *peor* época.
    """
    if modo is not None:
        if modo not in ("min", "max"):
            raise ValueError(f"modo debe ser 'min' (la cantidad mejora al bajar) o 'max' "
                             f"(mejora al subir), se recibió {modo!r}")
        return modo
    if not isinstance(monitor, str) or not monitor:
        raise TypeError(f"monitor debe ser el nombre de una clave del historial, se recibió {monitor!r}")
    base = monitor.removesuffix("_val").lower()
    if base.startswith(_PREFIJOS_MIN):
        return "min"
    if base.startswith(_PREFIJOS_MAX):
        return "max"
    raise ValueError(f"no sé si {monitor!r} mejora al bajar o al subir: indica modo='min' "
                     "(una pérdida o un error) o modo='max' (una exactitud, un F1…)")


class ParadaTemprana:
    """Detiene el entrenamiento cuando ``monitor`` lleva ``paciencia`` épocas sin mejorar.

    - ``monitor``: clave del historial que se vigila (``"perdida_val"``, ``"exactitud_val"``…).
    - ``modo``: ``"min"`` si ``monitor`` mejora al bajar, ``"max"`` si mejora al subir; se deduce
      sólo para los nombres conocidos (``modo_de_monitor``) y hay que darlo para los demás.
    - ``delta_minimo``: una mejora más pequeña que esto no cuenta.
    - ``restaurar_mejores``: al terminar, ``entrenar`` vuelve a los pesos de la mejor época.
    """

    def __init__(self, paciencia: int = 10, delta_minimo: float = 0.0, monitor: str = "perdida_val",
                 restaurar_mejores: bool = True, modo: str | None = None) -> None:
        self.paciencia = entero_positivo(paciencia, "paciencia")
        self.delta_minimo = numero_real(delta_minimo, "delta_minimo", 0.0)
        self.modo = modo_de_monitor(monitor, modo)
        self.monitor = monitor
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
                f"modo={self.modo!r}, restaurar_mejores={self.restaurar_mejores})")
