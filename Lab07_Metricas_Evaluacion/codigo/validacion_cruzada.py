"""Validación cruzada de k pliegues (simple y estratificada), escrita desde cero.

Con pocos datos, una sola partición entrenamiento/validación da una estimación ruidosa:
depende de qué ejemplos cayeron en cada lado. La validación cruzada reparte los datos en
``k`` **pliegues** disjuntos; entrena ``k`` veces, cada vez validando con un pliegue distinto
y entrenando con los otros ``k − 1``, y promedia. Así cada ejemplo se usa exactamente una
vez para validar.

La versión **estratificada** mantiene en cada pliegue la proporción de cada clase (lo
importante con clases desequilibradas: si no, un pliegue podría quedarse sin positivos).
Sin barajar, los pliegues coinciden exactamente con ``sklearn.model_selection.KFold`` y
``StratifiedKFold``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import crear_generador

from .etiquetas import como_etiquetas

__all__ = [
    "numeros_de_pliegue",
    "pliegues_k",
    "pliegues_estratificados",
    "ResultadoValidacionCruzada",
    "validacion_cruzada",
]


def _validar_k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 2:
        raise ValueError(f"k (número de pliegues) debe ser un entero ≥ 2, se recibió {k!r}")
    if k > n:
        raise ValueError(f"no se pueden hacer {k} pliegues con sólo {n} ejemplos; usa k ≤ {n}")
    return int(k)


def numeros_de_pliegue(
    n_o_y: int | object,
    k: int = 5,
    estratificar: bool = False,
    barajar: bool = True,
    semilla: int | np.random.Generator | None = None,
) -> np.ndarray:
    """Número de pliegue (``0..k-1``) de cada ejemplo, forma ``(N,)``.

    - Sin estratificar, ``n_o_y`` es el número de ejemplos ``N`` (o las etiquetas, de las que
      sólo se usa la longitud). Los ejemplos (barajados si ``barajar``) se cortan en ``k``
      bloques contiguos; los ``N % k`` primeros pliegues tienen un ejemplo más (como ``KFold``).
    - Estratificado, ``n_o_y`` son las etiquetas ``y`` ``(N,)``. Primero, **cuántos**: los
      ejemplos ordenados por clase (las clases por orden de primera aparición) se numeran por
      turnos 0, 1, …, k−1, 0, 1, … a lo largo de toda la fila, sin volver a empezar en cada clase;
      así cada pliegue recibe ⌊n_c/k⌋ o ⌈n_c/k⌉ ejemplos de cada clase ``c`` y los pliegues
      miden ⌊N/k⌋ o ⌈N/k⌉. Después, **cuáles**: dentro de cada clase, los ejemplos (en su orden,
      o barajados si ``barajar``) van en bloques contiguos: los primeros al pliegue 0, los
      siguientes al 1, etc. Sin barajar es exactamente ``StratifiedKFold``.
    """
    if estratificar:
        y = como_etiquetas(n_o_y, "y")
        n = y.shape[0]
    elif isinstance(n_o_y, (int, np.integer)) and not isinstance(n_o_y, bool):
        n = int(n_o_y)
    else:
        n = len(np.asarray(n_o_y))
    k = _validar_k(k, n)
    rng = crear_generador(semilla)
    orden = rng.permutation(n) if barajar else np.arange(n)
    pliegue = np.empty(n, dtype=np.int64)
    if not estratificar:
        tamanos = np.full(k, n // k) + (np.arange(k) < n % k)
        pliegue[orden] = np.repeat(np.arange(k), tamanos)
        return pliegue
    clases, cuentas = np.unique(y, return_counts=True)
    if cuentas.min() < k:
        raise ValueError(
            f"la clase {clases[cuentas.argmin()]!r} sólo tiene {cuentas.min()} ejemplos: no se puede "
            f"repartir en {k} pliegues estratificados; usa k ≤ {cuentas.min()}"
        )
    # las clases se numeran por orden de primera aparición (como sklearn)
    _, primera, inversa = np.unique(y, return_index=True, return_inverse=True)
    codigo = np.argsort(np.argsort(primera))[inversa]
    por_clase = orden[np.argsort(codigo[orden], kind="stable")]  # ejemplos agrupados por clase
    turnos = np.arange(n) % k  # reparto por turnos: cuántos de cada clase van a cada pliegue
    clase_ordenada = codigo[por_clase]
    # dentro de cada clase, los números de pliegue se ordenan: bloques contiguos (como sklearn)
    pliegue[por_clase] = turnos[np.lexsort((turnos, clase_ordenada))]
    return pliegue


def _parejas(pliegue: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.flatnonzero(pliegue != i), np.flatnonzero(pliegue == i)) for i in range(k)]


def pliegues_k(
    n: int, k: int = 5, barajar: bool = True, semilla: int | np.random.Generator | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Lista de ``k`` parejas ``(índices_entrenamiento, índices_validación)`` (ordenados)."""
    return _parejas(numeros_de_pliegue(n, k, False, barajar, semilla), k)


def pliegues_estratificados(
    y: object, k: int = 5, barajar: bool = True, semilla: int | np.random.Generator | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Como ``pliegues_k`` pero cada pliegue conserva la proporción de cada clase de ``y``."""
    return _parejas(numeros_de_pliegue(y, k, True, barajar, semilla), k)


@dataclass
class ResultadoValidacionCruzada:
    """Valores de cada pliegue (``por_pliegue[nombre]``: lista de ``k`` números) y su resumen."""

    por_pliegue: dict[str, list[float]] = field(default_factory=dict)

    @property
    def media(self) -> dict[str, float]:
        return {m: float(np.mean(v)) for m, v in self.por_pliegue.items()}

    @property
    def desviacion(self) -> dict[str, float]:
        """Desviación típica entre pliegues (cuánto depende el resultado de la partición)."""
        return {m: float(np.std(v)) for m, v in self.por_pliegue.items()}

    def resumen(self, decimales: int = 4) -> str:
        """Una línea por métrica: ``nombre: media ± desviación``."""
        return "\n".join(
            f"{m}: {self.media[m]:.{decimales}f} ± {self.desviacion[m]:.{decimales}f}"
            for m in self.por_pliegue
        )

    def __repr__(self) -> str:
        return f"ResultadoValidacionCruzada(k={len(next(iter(self.por_pliegue.values()), []))})"


def validacion_cruzada(
    evaluar: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], float | dict[str, float]],
    X: object,
    y: object,
    k: int = 5,
    estratificar: bool = True,
    barajar: bool = True,
    semilla: int | np.random.Generator | None = 0,
) -> ResultadoValidacionCruzada:
    """Ejecuta ``evaluar(X_ent, y_ent, X_val, y_val)`` en cada uno de los ``k`` pliegues.

    ``evaluar`` entrena un modelo **nuevo** con ``(X_ent, y_ent)`` (todo lo que se ajusta a los
    datos, también la estandarización, va dentro) y devuelve un número o un diccionario
    ``{métrica: valor}`` medido en ``(X_val, y_val)``.
    """
    X = np.asarray(X)
    y_arr = np.asarray(y)
    if X.shape[0] != y_arr.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene {y_arr.shape[0]}")
    if not callable(evaluar):
        raise TypeError(f"evaluar debe ser una función, se recibió {type(evaluar).__name__}")
    pliegue = numeros_de_pliegue(y_arr if estratificar else X.shape[0], k, estratificar, barajar, semilla)
    resultado = ResultadoValidacionCruzada()
    for i in range(int(k)):
        val = pliegue == i
        valores = evaluar(X[~val], y_arr[~val], X[val], y_arr[val])
        if not isinstance(valores, dict):
            valores = {"valor": valores}
        if i > 0 and set(valores) != set(resultado.por_pliegue):
            raise ValueError(
                f"evaluar devolvió las métricas {sorted(valores)} en el pliegue {i}, pero "
                f"{sorted(resultado.por_pliegue)} en los anteriores: deben ser las mismas en todos"
            )
        for nombre, valor in valores.items():
            resultado.por_pliegue.setdefault(nombre, []).append(float(valor))
    return resultado
