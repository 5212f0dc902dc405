"""Calendarios de la tasa de aprendizaje (``torch.optim.lr_scheduler``).

Una tasa grande avanza deprisa al principio; una pequeña afina al final. Un calendario
cambia ``optimizador.tasa_aprendizaje`` al final de cada época con ``step()``:

- ``CalendarioEscalones`` (``StepLR``):         ``η₀·γ^⌊e / tamano_paso⌋``
- ``CalendarioExponencial`` (``ExponentialLR``): ``η₀·γ^e``
- ``CalendarioCoseno`` (``CosineAnnealingLR``):  ``η_min + (η₀ − η_min)·(1 + cos(π·e/T))/2``
- ``CalentamientoLineal`` (``LinearLR``):        de ``factor_inicial·η₀`` a ``factor_final·η₀``
  en ``iteraciones`` épocas
- ``CalendarioLambda`` (``LambdaLR``):           ``η₀·f(e)`` con la función ``f`` que quieras
  (por ejemplo, calentamiento seguido de coseno: ``calentamiento_coseno``)

``e`` es el número de veces que se ha llamado a ``step()`` (la época) y ``η₀`` la tasa que
tenía el optimizador al crear el calendario.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

from .optimizadores import Optimizador

__all__ = [
    "Calendario",
    "CalendarioEscalones",
    "CalendarioExponencial",
    "CalendarioCoseno",
    "CalentamientoLineal",
    "CalendarioLambda",
    "calentamiento_coseno",
]


def _entero_positivo(valor: object, nombre: str) -> int:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral) or valor < 1:
        raise ValueError(f"{nombre} debe ser un entero positivo, se recibió {valor!r}")
    return int(valor)


def _real(valor: object, nombre: str, minimo: float, maximo: float) -> float:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not minimo <= valor <= maximo:
        raise ValueError(f"{nombre} debe ser un número en [{minimo:g}, {maximo:g}], se recibió {valor!r}")
    return float(valor)


class Calendario:
    """Base: guarda ``tasa_base`` (η₀), la época ``epoca`` y escribe la tasa en el optimizador.

    Las subclases sólo escriben ``tasa_en(epoca)``. Al crearlo ya se fija la tasa de la época 0.
    """

    def __init__(self, optimizador: Optimizador) -> None:
        if not isinstance(optimizador, Optimizador):
            raise TypeError(
                f"se esperaba un optimizador del Lab06 (SGD, Adam…), se recibió {type(optimizador).__name__}"
            )
        self.optimizador = optimizador
        self.tasa_base = float(optimizador.tasa_aprendizaje)
        self.epoca = 0
        self._fijar()

    def tasa_en(self, epoca: int) -> float:
        """Tasa de aprendizaje de la época ``epoca`` (fórmula cerrada)."""
        raise NotImplementedError(f"{type(self).__name__} no implementa tasa_en")

    def _fijar(self) -> None:
        self.optimizador.tasa_aprendizaje = float(self.tasa_en(self.epoca))

    def step(self) -> None:
        """Pasa a la época siguiente y actualiza ``optimizador.tasa_aprendizaje``."""
        self.epoca += 1
        self._fijar()

    @property
    def ultima_tasa(self) -> float:
        """La tasa que el calendario escribió por última vez (``get_last_lr()`` en PyTorch)."""
        return float(self.optimizador.tasa_aprendizaje)

    def tasas(self, epocas: int) -> list[float]:
        """Las tasas de las épocas ``0 … epocas − 1`` sin tocar el optimizador (para dibujarlas)."""
        return [float(self.tasa_en(e)) for e in range(_entero_positivo(epocas, "epocas"))]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tasa_base={self.tasa_base:g}, epoca={self.epoca})"


class CalendarioEscalones(Calendario):
    """Multiplica la tasa por ``gamma`` cada ``tamano_paso`` épocas (``StepLR``)."""

    def __init__(self, optimizador: Optimizador, tamano_paso: int, gamma: float = 0.1) -> None:
        self.tamano_paso = _entero_positivo(tamano_paso, "tamano_paso")
        self.gamma = _real(gamma, "gamma", 0.0, 1.0)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        return self.tasa_base * self.gamma ** (epoca // self.tamano_paso)


class CalendarioExponencial(Calendario):
    """Multiplica la tasa por ``gamma`` en cada época (``ExponentialLR``)."""

    def __init__(self, optimizador: Optimizador, gamma: float) -> None:
        self.gamma = _real(gamma, "gamma", 0.0, 1.0)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        return self.tasa_base * self.gamma**epoca


class CalendarioCoseno(Calendario):
    """Baja la tasa siguiendo medio coseno de ``η₀`` a ``tasa_minima`` en ``t_max`` épocas.

    Igual que ``CosineAnnealingLR(optimizer, T_max=t_max, eta_min=tasa_minima)``.
    """

    def __init__(self, optimizador: Optimizador, t_max: int, tasa_minima: float = 0.0) -> None:
        self.t_max = _entero_positivo(t_max, "t_max")
        self.tasa_minima = _real(tasa_minima, "tasa_minima", 0.0, math.inf)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        coseno = (1.0 + math.cos(math.pi * epoca / self.t_max)) / 2.0
        return self.tasa_minima + (self.tasa_base - self.tasa_minima) * coseno


class CalentamientoLineal(Calendario):
    """Calentamiento (*warm-up*): multiplica ``η₀`` por un factor que va en línea recta de
    ``factor_inicial`` a ``factor_final`` en ``iteraciones`` épocas y después se queda quieto.

    Igual que ``LinearLR(optimizer, start_factor, end_factor, total_iters)``. Empezar con una tasa
    pequeña evita pasos enormes mientras las estadísticas de Adam o BatchNorm aún no son fiables.
    """

    def __init__(self, optimizador: Optimizador, factor_inicial: float = 1.0 / 3.0,
                 factor_final: float = 1.0, iteraciones: int = 5) -> None:
        self.factor_inicial = _real(factor_inicial, "factor_inicial", 1e-12, 1.0)
        self.factor_final = _real(factor_final, "factor_final", 0.0, 1.0)
        self.iteraciones = _entero_positivo(iteraciones, "iteraciones")
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        avance = min(epoca, self.iteraciones) / self.iteraciones
        return self.tasa_base * (self.factor_inicial + (self.factor_final - self.factor_inicial) * avance)


class CalendarioLambda(Calendario):
    """``η₀·funcion(epoca)`` para una ``funcion`` cualquiera (``LambdaLR``)."""

    def __init__(self, optimizador: Optimizador, funcion: Callable[[int], float]) -> None:
        if not callable(funcion):
            raise TypeError("funcion debe ser invocable (epoca → factor), "
                            f"se recibió {type(funcion).__name__}")
        self.funcion = funcion
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        factor = float(self.funcion(epoca))
        if not math.isfinite(factor) or factor < 0:
            raise ValueError(f"la función del calendario devolvió {factor!r} en la época {epoca}; "
                             "debe ser un factor finito mayor o igual que 0")
        return self.tasa_base * factor


def calentamiento_coseno(epocas_calentamiento: int, epocas_totales: int,
                         factor_minimo: float = 0.0) -> Callable[[int], float]:
    """Factor para ``CalendarioLambda``: sube en línea recta durante ``epocas_calentamiento``
    y después baja con medio coseno hasta ``factor_minimo`` en ``epocas_totales``.

    Es el calendario típico de los transformers (Lab12).
    """
    calentamiento = _entero_positivo(epocas_calentamiento, "epocas_calentamiento")
    totales = _entero_positivo(epocas_totales, "epocas_totales")
    if totales <= calentamiento:
        raise ValueError("epocas_totales debe ser mayor que epocas_calentamiento, "
                         f"se recibió {totales} ≤ {calentamiento}")
    minimo = _real(factor_minimo, "factor_minimo", 0.0, 1.0)

    def factor(epoca: int) -> float:
        if epoca < calentamiento:
            return (epoca + 1) / calentamiento
        avance = min(epoca - calentamiento, totales - calentamiento) / (totales - calentamiento)
        return minimo + (1.0 - minimo) * (1.0 + math.cos(math.pi * avance)) / 2.0

    return factor
