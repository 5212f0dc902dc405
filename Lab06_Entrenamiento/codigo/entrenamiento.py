"""El bucle de entrenamiento completo: ``entrenar``.

En cada época, para cada mini-lote ``(X_lote, y_lote)``:

1. ``modelo.zero_grad()``                 los gradientes se acumulan: empezar de cero
2. ``salida = modelo.forward(X_lote)``    pasada hacia delante (modo ``train()``)
3. ``L = perdida(salida, y_lote)`` (+ L2)  cuánto se equivoca
4. ``modelo.backward(perdida.backward())`` retropropagación: ``∂L/∂θ`` de cada parámetro
5. (opcional) ``recortar_norma_gradiente`` si la norma del gradiente pasa de ``recorte_gradiente``
6. ``optimizador.step()``                 mover los parámetros (y el calendario, si va por lotes)

Al final de la época: se evalúa la validación en modo ``eval()``, se anota todo en el
historial, se guarda la mejor época (en memoria y, si se pide, en disco), se avanza el
calendario de la tasa de aprendizaje y se consulta la parada temprana.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import crear_generador
from Lab04_Funciones_Perdida.codigo import exactitud_salidas

from .calendarios import Calendario
from .lotes import iterar_lotes
from .modelos import predecir
from .optimizadores import Optimizador
from .persistencia import copiar_estado, guardar, restaurar_estado
from .recorte import recortar_norma_gradiente
from .regularizacion import ParadaTemprana, modo_de_monitor, penalizacion_l2, sumar_gradiente_l2

__all__ = ["Historial", "METRICAS", "entrenar", "evaluar", "preparar_metricas"]


def _error_absoluto_medio(prediccion: np.ndarray, objetivo: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(prediccion) - np.asarray(objetivo).reshape(np.shape(prediccion)))))


#: Métricas que se pueden pedir por su nombre en ``entrenar(metricas=[...])``.
METRICAS: dict[str, Callable[..., float]] = {
    "exactitud": exactitud_salidas,
    "error_absoluto_medio": _error_absoluto_medio,
}


def preparar_metricas(metricas: Iterable[str | Callable] | dict[str, Callable] | None,
                      perdida: Any = None) -> dict[str, Callable[[np.ndarray, np.ndarray], float]]:
    """Convierte ``metricas`` en ``{nombre: f(prediccion, objetivo) -> float}``.

    Se aceptan nombres de ``METRICAS``, funciones (se usa su ``__name__``) o un diccionario.
    ``"exactitud"`` con una sola salida usa umbral 0 si la pérdida trabaja con logits.
    """
    if metricas is None:
        return {}
    if isinstance(metricas, str) or callable(metricas):
        metricas = [metricas]
    pares = metricas.items() if isinstance(metricas, dict) else [
        (m, m) if isinstance(m, str) else (getattr(m, "__name__", "metrica"), m) for m in metricas]
    resultado: dict[str, Callable] = {}
    for nombre, funcion in pares:
        if isinstance(funcion, str):
            if funcion not in METRICAS:
                raise ValueError(f"métrica desconocida: {funcion!r}; se esperaba una de "
                                 f"{', '.join(METRICAS)} o una función (prediccion, objetivo) -> float")
            if funcion == "exactitud":
                umbral = 0.0 if getattr(perdida, "desde_logits", False) else 0.5
                funcion = (lambda u: lambda p, y: exactitud_salidas(p, y, umbral=u))(umbral)
            else:
                funcion = METRICAS[funcion]
        if not callable(funcion):
            raise TypeError(f"la métrica {nombre!r} no es una función, es {type(funcion).__name__}")
        if str(nombre).startswith("perdida"):
            raise ValueError(f"el nombre {nombre!r} está reservado para la pérdida")
        resultado[str(nombre)] = funcion
    return resultado


class Historial(dict):
    """Diccionario de listas, una entrada por época: ``perdida``, ``perdida_val``, métricas,
    ``tasa_aprendizaje``. Además:

    - ``mejor_epoca`` (empezando en 1) y ``mejor_valor`` de ``monitor``;
    - ``detenido_en``: época en la que paró la parada temprana (``None`` si no paró);
    - ``divergio``: ``True`` si la pérdida se hizo infinita o NaN.
    """

    def __init__(self, monitor: str) -> None:
        super().__init__()
        self.monitor = monitor
        self.mejor_epoca: int | None = None
        self.mejor_valor: float | None = None
        self.detenido_en: int | None = None
        self.divergio = False

    @property
    def epocas(self) -> int:
        return len(self.get("perdida", []))

    def anotar(self, clave: str, valor: float) -> None:
        self.setdefault(clave, []).append(float(valor))

    def linea(self, epoca: int | None = None) -> str:
        """Resumen de una época (la última por defecto) con 4 decimales."""
        i = (self.epocas if epoca is None else epoca) - 1
        partes = [f"{clave} {valores[i]:.4f}" for clave, valores in self.items()
                  if clave != "tasa_aprendizaje"]
        return f"época {i + 1:>3} | " + " | ".join(partes)


def _ajustar_objetivo(salida: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
    """Con una sola salida ``(N, 1)`` y etiquetas ``(N,)``, las etiquetas pasan a ``(N, 1)``."""
    if salida.ndim == 2 and salida.shape[1] == 1 and np.ndim(objetivo) == 1:
        return np.asarray(objetivo).reshape(-1, 1)
    return objetivo


def evaluar(modelo: Any, perdida: Any, X: np.ndarray, y: np.ndarray,
            metricas: Iterable | dict | None = None, sufijo: str = "") -> dict[str, float]:
    """Pérdida y métricas de ``modelo`` en ``(X, y)``, en modo evaluación.

    Devuelve ``{"perdida" + sufijo: …, "<métrica>" + sufijo: …}``.
    """
    funciones = metricas if isinstance(metricas, dict) and all(callable(f) for f in metricas.values()) \
        else preparar_metricas(metricas, perdida)
    salida = predecir(modelo, X)
    objetivo = _ajustar_objetivo(salida, y)
    resultado = {"perdida" + sufijo: float(perdida.forward(salida, objetivo))}
    for nombre, funcion in funciones.items():
        resultado[nombre + sufijo] = float(funcion(salida, objetivo))
    return resultado


def _datos(par: object, nombre: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        X, y = par  # type: ignore[misc]
    except (TypeError, ValueError):
        raise TypeError(f"{nombre} debe ser una pareja (X, y), se recibió {type(par).__name__}") from None
    X = como_arreglo(X, f"X de {nombre}", enteros=True)  # los ids de tokens siguen siendo enteros
    y = np.asarray(y)
    if X.ndim < 1 or y.ndim < 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError(f"en {nombre}, X tiene forma {X.shape} e y forma {y.shape}: "
                         "se esperaba el mismo número (> 0) de ejemplos en ambos")
    if np.issubdtype(y.dtype, np.number) and not np.all(np.isfinite(y)):
        raise ValueError(f"y de {nombre} contiene NaN o infinitos; revisa los datos")
    return X, y


def _parametros_finitos(modelo: Any) -> bool:
    return all(np.isfinite(p.datos).all() for p in modelo.parameters())


def _barra(epocas: int, activa: bool) -> Any:
    if not activa:
        return None
    with warnings.catch_warnings():  # en Jupyter sin ipywidgets, tqdm avisa y usa la barra de texto
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    return tqdm(total=epocas, desc="entrenando", unit="época")


def entrenar(
    modelo: Any,
    perdida: Any,
    optimizador: Optimizador,
    datos_entrenamiento: tuple[np.ndarray, np.ndarray],
    datos_validacion: tuple[np.ndarray, np.ndarray] | None = None,
    epocas: int = 10,
    tamano_lote: int = 32,
    metricas: Iterable | dict | None = None,
    calendario: Calendario | None = None,
    parada_temprana: ParadaTemprana | None = None,
    semilla: int | np.random.Generator | None = 0,
    barra_progreso: bool = True,
    l2: float = 0.0,
    monitor: str | None = None,
    restaurar_mejores: bool = False,
    ruta_checkpoint: str | Path | None = None,
    imprimir_cada: int = 0,
    barajar: bool = True,
    recorte_gradiente: float | None = None,
    calendario_por_lote: bool = False,
    modo_monitor: str | None = None,
) -> Historial:
    """Entrena ``modelo`` con mini-lotes y devuelve el ``Historial`` de cada época.

    - ``perdida``: del Lab04 (``forward``/``backward``); ``optimizador``: de este lab.
    - ``datos_entrenamiento`` / ``datos_validacion``: parejas ``(X, y)``.
    - ``metricas``: p. ej. ``["exactitud"]``; se anotan como ``exactitud`` y ``exactitud_val``.
      Las de entrenamiento son la media de los lotes de la época (modelo en modo ``train()``).
    - ``calendario``: su ``step()`` se llama al final de cada época o, con
      ``calendario_por_lote=True``, tras cada paso del optimizador (calentamiento + coseno).
    - ``parada_temprana``: una ``ParadaTemprana``; ``l2``: coeficiente λ de la penalización L2.
    - ``monitor``: clave que decide la mejor época (por defecto, la que vigila ``parada_temprana``;
      sin ella, ``perdida_val`` si hay validación y ``perdida`` si no). La parada temprana decide
      cuándo parar siempre con su propio ``monitor``.
      Los pesos de la mejor época se guardan en memoria y, con ``ruta_checkpoint``, en disco;
      se recuperan al final con ``restaurar_mejores=True`` (o si la parada temprana lo pide).
    - ``modo_monitor``: ``"min"`` o ``"max"`` para ``monitor`` (se deduce para los nombres conocidos).
    - ``semilla``: orden de los lotes; ``barajar=False`` recorre los datos en su orden (series
      temporales o texto en el que el orden importa); ``imprimir_cada=k`` imprime cada ``k`` épocas.
    - ``recorte_gradiente``: norma global máxima del gradiente (``recortar_norma_gradiente``); la
      norma de cada lote *antes* de recortar se anota, de media por época, como ``norma_gradiente``.
    - ``X`` puede ser de enteros (identificadores de *tokens*): no se convierte a coma flotante.
    """
    X, y = _datos(datos_entrenamiento, "datos_entrenamiento")
    validacion = None if datos_validacion is None else _datos(datos_validacion, "datos_validacion")
    epocas = entero_positivo(epocas, "epocas")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if recorte_gradiente is not None:
        recorte_gradiente = numero_real(recorte_gradiente, "recorte_gradiente", 0.0, incluir_minimo=False)
    if not isinstance(optimizador, Optimizador):
        raise TypeError(f"optimizador debe ser un optimizador del Lab06 (SGD, Adam…), "
                        f"se recibió {type(optimizador).__name__}")
    if not (callable(getattr(perdida, "forward", None)) and callable(getattr(perdida, "backward", None))):
        raise TypeError(f"perdida debe tener forward y backward (Lab04), se recibió {type(perdida).__name__}")
    funciones = preparar_metricas(metricas, perdida)
    if monitor is None:
        monitor = parada_temprana.monitor if parada_temprana is not None else (
            "perdida_val" if validacion is not None else "perdida")
    claves = {"perdida", *funciones}
    if validacion is not None:
        claves |= {"perdida_val", *(f + "_val" for f in funciones)}
    vigiladas = [("monitor", monitor)]
    if parada_temprana is not None:
        vigiladas.append(("el monitor de parada_temprana", parada_temprana.monitor))
    for que, clave in vigiladas:
        if clave not in claves:
            raise ValueError(f"{que}={clave!r} no estará en el historial; claves posibles: "
                             f"{', '.join(sorted(claves))}"
                             + ("" if validacion is not None else " (¿faltan datos_validacion?)"))
    if parada_temprana is not None:
        parada_temprana.reiniciar()
    if modo_monitor is None and parada_temprana is not None and monitor == parada_temprana.monitor:
        modo_monitor = parada_temprana.modo
    modo = modo_de_monitor(monitor, modo_monitor)
    rng = crear_generador(semilla)
    historial = Historial(monitor)
    mejor_estado, barra = None, _barra(epocas, barra_progreso)
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # la divergencia se detecta y se explica abajo
            for epoca in range(1, epocas + 1):
                modelo.train()
                historial.anotar("tasa_aprendizaje", optimizador.tasa_aprendizaje)
                suma_perdida, sumas, n_vistos = 0.0, dict.fromkeys(funciones, 0.0), 0
                suma_normas, n_lotes = 0.0, 0
                for X_lote, y_lote in iterar_lotes(X, y, tamano_lote, barajar=barajar, semilla=rng):
                    modelo.zero_grad()
                    try:
                        salida = modelo.forward(X_lote)
                        objetivo = _ajustar_objetivo(salida, y_lote)
                        valor = float(perdida.forward(salida, objetivo))
                    except ValueError as error:
                        # Los datos ya se comprobaron: si algo se hizo infinito, lo produjo el modelo.
                        if "NaN o infinitos" not in str(error) and _parametros_finitos(modelo):
                            raise
                        valor = math.nan
                    if not math.isfinite(valor):
                        historial.divergio = True
                        break
                    if l2:
                        valor += penalizacion_l2(modelo.parameters(), l2)
                    modelo.backward(perdida.backward())
                    if l2:
                        sumar_gradiente_l2(modelo.parameters(), l2)
                    if recorte_gradiente is not None:
                        norma = recortar_norma_gradiente(optimizador.parametros, recorte_gradiente)
                        if not math.isfinite(norma):
                            historial.divergio = True
                            break
                        suma_normas, n_lotes = suma_normas + norma, n_lotes + 1
                    optimizador.step()
                    if calendario is not None and calendario_por_lote:
                        calendario.step()
                    n = X_lote.shape[0]
                    suma_perdida += valor * n
                    for nombre, funcion in funciones.items():
                        sumas[nombre] += funcion(salida, objetivo) * n
                    n_vistos += n
                if historial.divergio:
                    historial["tasa_aprendizaje"].pop()
                    print(f"⚠️ La pérdida se hizo infinita o NaN en la época {epoca}: el entrenamiento "
                          "diverge (¿tasa de aprendizaje demasiado grande?). Se detiene.")
                    break
                historial.anotar("perdida", suma_perdida / n_vistos)
                for nombre in funciones:
                    historial.anotar(nombre, sumas[nombre] / n_vistos)
                if recorte_gradiente is not None:
                    historial.anotar("norma_gradiente", suma_normas / n_lotes)
                if validacion is not None:
                    for clave, valor in evaluar(modelo, perdida, *validacion, funciones, "_val").items():
                        historial.anotar(clave, valor)
                actual = historial[monitor][-1]
                if historial.mejor_valor is None or (actual < historial.mejor_valor if modo == "min"
                                                     else actual > historial.mejor_valor):
                    historial.mejor_valor, historial.mejor_epoca = actual, epoca
                    mejor_estado = copiar_estado(modelo)
                    if ruta_checkpoint is not None:
                        guardar(modelo, ruta_checkpoint)
                if barra is not None:
                    barra.set_postfix({k: f"{v[-1]:.4f}" for k, v in historial.items()
                                       if k not in ("tasa_aprendizaje", "norma_gradiente")})
                    barra.update(1)
                if imprimir_cada and (epoca % imprimir_cada == 0 or epoca == epocas):
                    print(historial.linea())
                if calendario is not None and not calendario_por_lote:
                    calendario.step()
                # la parada vigila su propio monitor (puede no ser el que elige la mejor época)
                if parada_temprana is not None and parada_temprana.actualizar(
                        historial[parada_temprana.monitor][-1]):
                    historial.detenido_en = epoca
                    if imprimir_cada:
                        print(f"Parada temprana en la época {epoca}: {parada_temprana.paciencia} épocas "
                              f"sin mejorar {parada_temprana.monitor} (mejor: época "
                              f"{parada_temprana.mejor_epoca}).")
                    break
    finally:
        if barra is not None:
            barra.close()
        modelo.train()
    restaurar = restaurar_mejores or (parada_temprana is not None and parada_temprana.restaurar_mejores)
    if restaurar and mejor_estado is not None:
        restaurar_estado(modelo, mejor_estado)
    return historial
