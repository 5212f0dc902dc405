"""Calendarios de la tasa de aprendizaje (``torch.optim.lr_scheduler``).

Una tasa grande avanza deprisa al principio; una pequeña afina al final. Un calendario
cambia ``optimizador.tasa_aprendizaje`` al final de cada época con ``step()``:

- ``CalendarioEscalones`` (``StepLR``):         ``η₀·γ^⌊e / tamano_paso⌋``
- ``CalendarioExponencial`` (``ExponentialLR``): ``η₀·γ^e``
- ``CalendarioCoseno`` (``CosineAnnealingLR``):  ``η_min + (η₀ − η_min)·(1 + cos(π·e/T))/2``
- ``CalentamientoLineal`` (``LinearLR``):        de ``factor_inicial·η₀`` a ``factor_final·η₀``
  en ``iteraciones`` épocas
- ``CalentamientoCoseno`` (``SequentialLR`` de ``LinearLR`` y ``CosineAnnealingLR``): sube en línea
  recta durante el calentamiento y después baja con medio coseno; así se entrenan los transformers
- ``CalendarioLambda`` (``LambdaLR``):           ``η₀·f(e)`` con la función ``f`` que quieras

``e`` es el número de veces que se ha llamado a ``step()`` y ``η₀`` la tasa que tenía el
optimizador al crear el calendario. ``entrenar`` llama a ``step()`` al final de cada época o,
con ``calendario_por_lote=True``, tras cada paso del optimizador (los calendarios de los
transformers se cuentan en pasos): la misma fórmula, con ``e`` contando pasos en lugar de épocas.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real

from .optimizadores import Optimizador

__all__ = [
    "Calendario",
    "CalendarioEscalones",
    "CalendarioExponencial",
    "CalendarioCoseno",
    "CalentamientoLineal",
    "CalentamientoCoseno",
    "CalendarioLambda",
    "calentamiento_coseno",
]


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
        return [float(self.tasa_en(e)) for e in range(entero_positivo(epocas, "epocas"))]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tasa_base={self.tasa_base:g}, epoca={self.epoca})"


class CalendarioEscalones(Calendario):
    """Multiplica la tasa por ``gamma`` cada ``tamano_paso`` épocas (``StepLR``)."""

    def __init__(self, optimizador: Optimizador, tamano_paso: int, gamma: float = 0.1) -> None:
        self.tamano_paso = entero_positivo(tamano_paso, "tamano_paso")
        self.gamma = numero_real(gamma, "gamma", 0.0, 1.0)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        return self.tasa_base * self.gamma ** (epoca // self.tamano_paso)


class CalendarioExponencial(Calendario):
    """Multiplica la tasa por ``gamma`` en cada época (``ExponentialLR``)."""

    def __init__(self, optimizador: Optimizador, gamma: float) -> None:
        self.gamma = numero_real(gamma, "gamma", 0.0, 1.0)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        return self.tasa_base * self.gamma**epoca


class CalendarioCoseno(Calendario):
    """Baja la tasa siguiendo medio coseno de ``η₀`` a ``tasa_minima`` en ``t_max`` épocas.

    Igual que ``CosineAnnealingLR(optimizer, T_max=t_max, eta_min=tasa_minima)``.
    """

    def __init__(self, optimizador: Optimizador, t_max: int, tasa_minima: float = 0.0) -> None:
        self.t_max = entero_positivo(t_max, "t_max")
        self.tasa_minima = numero_real(tasa_minima, "tasa_minima", 0.0, math.inf)
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
        self.factor_inicial = numero_real(factor_inicial, "factor_inicial", 1e-12, 1.0)
        self.factor_final = numero_real(factor_final, "factor_final", 0.0, 1.0)
        self.iteraciones = entero_positivo(iteraciones, "iteraciones")
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        avance = min(epoca, self.iteraciones) / self.iteraciones
        return self.tasa_base * (self.factor_inicial + (self.factor_final - self.factor_inicial) * avance)


class CalentamientoCoseno(Calendario):
    """Calentamiento lineal durante ``pasos_calentamiento`` y después medio coseno hasta
    ``tasa_minima`` en ``pasos_totales`` (y ahí se queda).

    - paso ``e < c``: ``η₀·(f₀ + (1 − f₀)·e/c)``, con ``f₀ = factor_inicial``;
    - paso ``c ≤ e ≤ T``: ``η_min + (η₀ − η_min)·(1 + cos(π·(e − c)/(T − c)))/2``.

    Da las mismas tasas que ``SequentialLR([LinearLR(opt, f₀, 1, c), CosineAnnealingLR(opt, T − c,
    η_min)], milestones=[c])`` de PyTorch. Pensado para ``entrenar(..., calendario_por_lote=True)``.
    """

    def __init__(self, optimizador: Optimizador, pasos_calentamiento: int, pasos_totales: int,
                 factor_inicial: float = 0.01, tasa_minima: float = 0.0) -> None:
        self.pasos_calentamiento = entero_positivo(pasos_calentamiento, "pasos_calentamiento")
        self.pasos_totales = entero_positivo(pasos_totales, "pasos_totales")
        if self.pasos_totales <= self.pasos_calentamiento:
            raise ValueError("pasos_totales debe ser mayor que pasos_calentamiento, se recibió "
                             f"{self.pasos_totales} ≤ {self.pasos_calentamiento}")
        self.factor_inicial = numero_real(factor_inicial, "factor_inicial", 1e-12, 1.0)
        self.tasa_minima = numero_real(tasa_minima, "tasa_minima", 0.0, math.inf)
        super().__init__(optimizador)

    def tasa_en(self, epoca: int) -> float:
        c, T = self.pasos_calentamiento, self.pasos_totales
        if epoca < c:
            return self.tasa_base * (self.factor_inicial + (1.0 - self.factor_inicial) * epoca / c)
        avance = min(epoca - c, T - c) / (T - c)
        coseno = (1.0 + math.cos(math.pi * avance)) / 2.0
        return self.tasa_minima + (self.tasa_base - self.tasa_minima) * coseno


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
    calentamiento = entero_positivo(epocas_calentamiento, "epocas_calentamiento")
    totales = entero_positivo(epocas_totales, "epocas_totales")
    if totales <= calentamiento:
        raise ValueError("epocas_totales debe ser mayor que epocas_calentamiento, "
                         f"se recibió {totales} ≤ {calentamiento}")
    minimo = numero_real(factor_minimo, "factor_minimo", 0.0, 1.0)

    def factor(epoca: int) -> float:
        if epoca < calentamiento:
            return (epoca + 1) / calentamiento
        avance = min(epoca - calentamiento, totales - calentamiento) / (totales - calentamiento)
        return minimo + (1.0 - minimo) * (1.0 + math.cos(math.pi * avance)) / 2.0

    return factor
