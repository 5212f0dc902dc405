"""Una receta completa: construir un MLP para un ``ConjuntoDatos`` y entrenarlo en una línea.

La usan los experimentos del cuaderno (comparar optimizadores, regularizadores…) y los
laboratorios siguientes (el Lab07 evalúa con sus métricas los modelos entrenados aquí).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, EntropiaCruzadaBinaria, ErrorCuadraticoMedio

from .calendarios import Calendario
from .datos import ConjuntoDatos
from .entrenamiento import Historial, entrenar
from .modelos import construir_mlp
from .optimizadores import Optimizador, crear_optimizador
from .regularizacion import ParadaTemprana

__all__ = ["perdida_para", "entrenar_mlp"]


def perdida_para(conjunto: ConjuntoDatos) -> Any:
    """La pérdida adecuada: entropía cruzada binaria (desde logits) con 2 clases, categórica con más,
    error cuadrático medio en regresión."""
    if conjunto.n_clases == 2:
        return EntropiaCruzadaBinaria(desde_logits=True)
    if conjunto.n_clases > 2:
        return EntropiaCruzada(desde_logits=True)
    return ErrorCuadraticoMedio()


def entrenar_mlp(
    conjunto: ConjuntoDatos,
    ocultas: Sequence[int] = (64,),
    optimizador: str = "adam",
    tasa_aprendizaje: float = 0.005,
    epocas: int = 20,
    tamano_lote: int = 32,
    activacion: str = "relu",
    dropout: float = 0.0,
    batchnorm: bool = False,
    l2: float = 0.0,
    calendario: Callable[[Optimizador], Calendario] | None = None,
    parada_temprana: ParadaTemprana | None = None,
    semilla: int = 0,
    barra_progreso: bool = False,
    **opciones: Any,
) -> tuple[Any, Historial]:
    """Construye ``n_rasgos → ocultas… → salidas`` y lo entrena con ``conjunto.entrenamiento``,
    validando con ``conjunto.validacion``. Devuelve ``(modelo, historial)``.

    - Salidas: 1 logit con 2 clases, ``C`` logits con ``C > 2`` clases, 1 valor en regresión.
    - ``optimizador``: nombre (``"sgd"``, ``"adam"``…); ``opciones`` van al optimizador
      (p. ej. ``momento=0.9``) salvo las de ``entrenar`` (``imprimir_cada``, ``monitor``…).
    - ``calendario``: función ``optimizador → Calendario``, p. ej. ``lambda o: CalendarioCoseno(o, 20)``.
    """
    claves_entrenar = {"imprimir_cada", "monitor", "restaurar_mejores", "ruta_checkpoint"}
    opciones_entrenar = {k: opciones.pop(k) for k in list(opciones) if k in claves_entrenar}
    n_salidas = conjunto.n_clases if conjunto.n_clases > 2 else 1
    modelo = construir_mlp([conjunto.n_rasgos, *ocultas, n_salidas], activacion=activacion, dropout=dropout,
                           batchnorm=batchnorm, semilla=semilla)
    opt = crear_optimizador(optimizador, modelo.parameters(), tasa_aprendizaje=tasa_aprendizaje, **opciones)
    metricas = ["exactitud"] if conjunto.n_clases else ["error_absoluto_medio"]
    validacion = conjunto.validacion if len(conjunto.validacion[1]) else None
    historial = entrenar(
        modelo, perdida_para(conjunto), opt, conjunto.entrenamiento, validacion, epocas=epocas,
        tamano_lote=tamano_lote, metricas=metricas,
        calendario=None if calendario is None else calendario(opt), parada_temprana=parada_temprana,
        semilla=np.random.default_rng(semilla), barra_progreso=barra_progreso,
        l2=l2, **opciones_entrenar,
    )
    return modelo, historial
