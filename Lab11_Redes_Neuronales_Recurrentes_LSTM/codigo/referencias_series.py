"""Modelos de referencia para pronosticar, métricas y pronóstico de varios pasos.

Antes de entrenar una red recurrente hay que saber cuánto se equivocan los métodos sencillos:
si la LSTM no los mejora, no ha aprendido nada útil. Todos leen **ventanas** ``X`` ``(N, L, 1)``
(las de ``crear_ventanas``) y devuelven el pronóstico ``(N, h)``:

- ``prediccion_ingenua``: el mes que viene será como el último (``x̂ₜ₊₁ = xₜ``).
- ``prediccion_estacional``: será como el mismo mes del año pasado (``x̂ₜ₊₁ = xₜ₊₁₋₁₂``).
- ``AutorregresionLineal(p)``: una combinación lineal de los ``p`` últimos valores más una
  constante, ajustada por mínimos cuadrados (un modelo AR(p), Box y Jenkins).

Con el CO₂ de Mauna Loa (tendencia + estación), la ingenua falla por la estación (≈ 1,3 ppm de
RMSE en la prueba) y la estacional falla **más** (≈ 1,9 ppm): copia el valor de hace un año y
se queda un año de tendencia (≈ 1,5 ppm) por debajo. La autorregresión de orden 12–24 es una
referencia **fuerte** (≈ 0,4 ppm): con una tendencia casi lineal y una estación regular, un
modelo lineal ya explica casi todo. Una red recurrente pequeña que aprende las diferencias
mensuales la mejora un poco, no por mucho (ver la tabla del cuaderno).

Las métricas están en las unidades de la serie (ppm): ``rmse`` (raíz del error cuadrático medio,
castiga los errores grandes) y ``mae`` (error absoluto medio).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo

from .series import _serie_1d, crear_ventanas

__all__ = [
    "prediccion_ingenua",
    "prediccion_estacional",
    "AutorregresionLineal",
    "rmse",
    "mae",
    "tabla_errores",
    "pronostico_recursivo",
]


def _como_ventanas(X: object, nombre: str = "X") -> np.ndarray:
    """Ventanas ``(N, L, 1)`` o ``(N, L)`` → arreglo ``(N, L)``."""
    X = como_arreglo(X, nombre, ndim=(2, 3))
    if X.ndim == 3:
        if X.shape[2] != 1:
            raise ValueError(f"se esperaba {nombre} de forma (N, L, 1) o (N, L), se recibió {X.shape}")
        X = X[:, :, 0]
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{nombre} está vacío: forma {X.shape}")
    return X


def prediccion_ingenua(X: object, horizonte: int = 1) -> np.ndarray:
    """Repite el último valor de cada ventana: ``(N, horizonte)`` con ``X[:, -1]`` en cada columna.

    ``X``: ventanas ``(N, L, 1)`` (o ``(N, L)``). En una serie constante no se equivoca nunca.
    """
    X = _como_ventanas(X)
    horizonte = entero_positivo(horizonte, "horizonte")
    return np.repeat(X[:, -1:], horizonte, axis=1)


def prediccion_estacional(X: object, periodo: int = 12, horizonte: int = 1) -> np.ndarray:
    """Copia lo que pasó un ``periodo`` antes: el objetivo ``j`` (``j = 0 … horizonte−1``) es
    ``X[:, L − periodo + j]``. Devuelve ``(N, horizonte)``.

    Necesita ventanas de al menos ``periodo`` valores y ``horizonte ≤ periodo``. En una estación
    pura de periodo 12 acierta siempre; con tendencia se equivoca en lo que sube la serie en un periodo.
    """
    X = _como_ventanas(X)
    periodo = entero_positivo(periodo, "periodo")
    horizonte = entero_positivo(horizonte, "horizonte")
    if X.shape[1] < periodo:
        raise ValueError(
            f"la predicción estacional con periodo {periodo} necesita ventanas de al menos {periodo} "
            f"valores, se recibieron de {X.shape[1]}"
        )
    if horizonte > periodo:
        raise ValueError(f"horizonte debe ser como mucho el periodo ({periodo}), se recibió {horizonte}")
    inicio = X.shape[1] - periodo
    return X[:, inicio : inicio + horizonte].copy()


class AutorregresionLineal:
    """Modelo AR(p) con constante: ``x̂ₜ = c + a₁·xₜ₋₁ + … + a_p·xₜ₋ₚ``.

    ``ajustar(serie)`` forma todas las ventanas de ``p`` valores seguidos (``crear_ventanas``) y
    resuelve los mínimos cuadrados con ``np.linalg.lstsq`` (la columna de unos da ``c``).
    ``predecir(X)`` usa los ``p`` **últimos** valores de cada ventana (pueden ser más largas).

    Atributos tras ajustar: ``coeficientes`` ``(p,)`` (``coeficientes[0]`` multiplica al valor
    **más antiguo** de los ``p``, como en la ventana) e ``intercepto``.
    """

    def __init__(self, orden: int = 12) -> None:
        self.orden = entero_positivo(orden, "orden")
        self.coeficientes: np.ndarray | None = None
        self.intercepto: float | None = None

    def ajustar(self, serie: object) -> AutorregresionLineal:
        """Ajusta con la serie de entrenamiento ``(T,)``, de al menos ``orden + 2`` valores; da ``self``."""
        serie = _serie_1d(serie)
        if serie.shape[0] < self.orden + 2:
            raise ValueError(
                f"para ajustar una autorregresión de orden {self.orden} hacen falta al menos "
                f"{self.orden + 2} valores, la serie tiene {serie.shape[0]}"
            )
        X, y = crear_ventanas(serie, self.orden)
        A = np.column_stack([np.ones(X.shape[0]), X[:, :, 0]])
        solucion, *_ = np.linalg.lstsq(A, y[:, 0], rcond=None)
        self.intercepto = float(solucion[0])
        self.coeficientes = solucion[1:]
        return self

    def predecir(self, X: object) -> np.ndarray:
        """Pronóstico del paso siguiente ``(N, 1)`` para ventanas ``X`` ``(N, L, 1)`` con ``L ≥ orden``."""
        if self.coeficientes is None:
            raise RuntimeError("la autorregresión no está ajustada: llama antes a ajustar(serie)")
        X = _como_ventanas(X)
        if X.shape[1] < self.orden:
            raise ValueError(
                f"la autorregresión de orden {self.orden} necesita ventanas de al menos {self.orden} "
                f"valores, se recibieron de {X.shape[1]}"
            )
        return (self.intercepto + X[:, -self.orden :] @ self.coeficientes)[:, None]

    def __repr__(self) -> str:
        estado = "sin ajustar" if self.coeficientes is None else f"intercepto={self.intercepto:.4f}"
        return f"AutorregresionLineal(orden={self.orden}, {estado})"


def _emparejar(y_real: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    """Las dos con la misma forma; una columna ``(N, 1)`` se compara con ``(N,)``."""
    y_real = como_arreglo(y_real, "y_real")
    y_pred = como_arreglo(y_pred, "y_pred")
    if y_real.shape != y_pred.shape:
        planas = [a[:, 0] if a.ndim == 2 and a.shape[1] == 1 else a for a in (y_real, y_pred)]
        if planas[0].shape != planas[1].shape:
            raise ValueError(
                f"y_real y y_pred deben tener la misma forma, se recibió {y_real.shape} y {y_pred.shape}"
            )
        y_real, y_pred = planas
    if y_real.size == 0:
        raise ValueError("no hay valores que comparar: y_real está vacío")
    return y_real, y_pred


def rmse(y_real: object, y_pred: object) -> float:
    """Raíz del error cuadrático medio ``√(media((y − ŷ)²))``, en las unidades de la serie."""
    y_real, y_pred = _emparejar(y_real, y_pred)
    return float(np.sqrt(np.mean((y_real - y_pred) ** 2)))


def mae(y_real: object, y_pred: object) -> float:
    """Error absoluto medio ``media(|y − ŷ|)``, en las unidades de la serie."""
    y_real, y_pred = _emparejar(y_real, y_pred)
    return float(np.mean(np.abs(y_real - y_pred)))


def tabla_errores(resultados: Mapping[str, tuple[object, object]], unidades: str = "ppm") -> str:
    """Tabla de texto con el RMSE y el MAE de cada modelo, redondeados a 4 decimales.

    ``resultados``: ``{nombre: (y_real, y_pred)}``, en el orden en que se quieren ver las filas.

    >>> print(tabla_errores({"ingenua": ([1.0, 2.0], [1.0, 1.0])}))
    modelo     RMSE (ppm)   MAE (ppm)
    ingenua        0.7071      0.5000
    """
    if not isinstance(resultados, Mapping) or not resultados:
        raise ValueError("resultados debe ser un diccionario no vacío {nombre: (y_real, y_pred)}")
    filas = []
    for nombre, par in resultados.items():
        if not isinstance(par, (tuple, list)) or len(par) != 2:
            raise ValueError(f"resultados[{nombre!r}] debe ser una pareja (y_real, y_pred)")
        filas.append((str(nombre), rmse(*par), mae(*par)))
    ancho = max(len("modelo"), *(len(f[0]) for f in filas)) + 2
    c1, c2 = f"RMSE ({unidades})", f"MAE ({unidades})"
    lineas = [f"{'modelo':<{ancho}}{c1:>{len(c1) + 1}}{c2:>{len(c2) + 3}}"]
    for nombre, error_rmse, error_mae in filas:
        lineas.append(f"{nombre:<{ancho}}{error_rmse:>{len(c1) + 1}.4f}{error_mae:>{len(c2) + 3}.4f}")
    return "\n".join(lineas)


def pronostico_recursivo(
    modelo_o_funcion: Any | Callable[[np.ndarray], np.ndarray], historia: object, pasos: int
) -> np.ndarray:
    """Pronostica ``pasos`` meses **realimentando** cada pronóstico como si fuera un dato.

    - ``modelo_o_funcion``: un objeto con ``predecir(X)`` (``AutorregresionLineal``,
      ``PronosticoDiferencias``…) o una función ``X → pronóstico``. Recibe ventanas ``(N, L, 1)``
      y devuelve ``(N, h)`` o ``(N,)``; sólo se usa el primer paso (columna 0).
    - ``historia``: los últimos ``L`` valores conocidos, ``(L,)`` (un origen) o ``(N, L)`` /
      ``(N, L, 1)`` (``N`` orígenes a la vez, p. ej. las ventanas de prueba).

    En cada paso la ventana se desplaza: sale el valor más antiguo y entra el pronóstico. Los
    errores se acumulan: el pronóstico a 12 meses es peor que el de un mes.
    Devuelve ``(pasos,)`` con una historia 1-D, o ``(N, pasos)``.
    """
    pasos = entero_positivo(pasos, "pasos")
    historia = como_arreglo(historia, "historia", ndim=(1, 2, 3))
    un_origen = historia.ndim == 1
    ventana = _como_ventanas(historia[None, :] if un_origen else historia, "historia").copy()
    predecir = getattr(modelo_o_funcion, "predecir", modelo_o_funcion)
    if not callable(predecir):
        raise TypeError(
            "modelo_o_funcion debe tener un método predecir(X) o ser una función, "
            f"se recibió {type(modelo_o_funcion).__name__}"
        )
    pronostico = np.empty((ventana.shape[0], pasos))
    for paso in range(pasos):
        salida = np.asarray(predecir(ventana[:, :, None]), dtype=np.float64)
        if salida.shape[0] != ventana.shape[0] or salida.ndim not in (1, 2):
            raise ValueError(
                f"el modelo debe devolver (N, h) o (N,) con N = {ventana.shape[0]}, devolvió {salida.shape}"
            )
        siguiente = salida if salida.ndim == 1 else salida[:, 0]
        pronostico[:, paso] = siguiente
        ventana = np.concatenate([ventana[:, 1:], siguiente[:, None]], axis=1)
    return pronostico[0] if un_origen else pronostico
