"""ReLU muertas: neuronas que nunca se activan y, por tanto, nunca vuelven a aprender.

Una neurona ReLU cuya entrada ``z = x·w + b`` es ≤ 0 para *todos* los ejemplos
devuelve siempre 0 y su derivada es 0: no le llega gradiente, sus pesos no
cambian y se queda así para siempre. Dos causas típicas:

- un sesgo inicial muy negativo (nace muerta);
- un paso de aprendizaje enorme que empuja ``w`` y ``b`` a una zona donde
  ``z ≤ 0`` para todos los datos (muere durante el entrenamiento).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, sigmoide
from Lab02_Primera_Red_Neuronal.codigo import Secuencial

from .base import CapaActivacion
from .redes import red_densa
from .softmax import log_sigmoide

__all__ = ["fraccion_neuronas_muertas", "neuronas_muertas_por_capa", "entrenar_clasificador_binario"]


def fraccion_neuronas_muertas(preactivaciones: np.ndarray) -> float:
    """Fracción de neuronas (columnas) cuya entrada es ≤ 0 en *todos* los ejemplos.

    ``preactivaciones``: ``(N, M)``, ``N`` ejemplos y ``M`` neuronas (``z`` antes de
    la activación; con ReLU vale también su salida, que es 0 exactamente en esos casos).
    """
    z = como_arreglo(preactivaciones, "preactivaciones", ndim=2)
    if z.shape[0] == 0 or z.shape[1] == 0:
        raise ValueError(f"preactivaciones está vacío (forma {tuple(z.shape)})")
    return float(np.mean(np.all(z <= 0, axis=0)))


def neuronas_muertas_por_capa(modelo: Secuencial, x: np.ndarray) -> list[float]:
    """Fracción de neuronas muertas en cada capa de activación de ``modelo`` para los datos ``x``."""
    if not isinstance(modelo, Secuencial):
        raise TypeError(f"se esperaba un Secuencial, se recibió {type(modelo).__name__}")
    modelo.forward(x)
    return [
        fraccion_neuronas_muertas(capa.entrada.reshape(capa.entrada.shape[0], -1))
        for capa in modelo.capas
        if isinstance(capa, CapaActivacion)
    ]


def entrenar_clasificador_binario(
    X: np.ndarray,
    y: np.ndarray,
    activacion: str = "relu",
    n_ocultas: int = 50,
    tasa_aprendizaje: float = 1.0,
    n_pasos: int = 300,
    sesgo_inicial: float = 0.0,
    semilla: int | np.random.Generator | None = 0,
) -> dict[str, object]:
    """Entrena una red ``F → n_ocultas → 1`` con descenso de gradiente y sigue sus neuronas muertas.

    Un adelanto de los Labs 04–06, escrito a mano para ver cada paso:

    1. ``z = red(X)`` (logits) y la pérdida de entropía cruzada binaria, estable gracias
       a ``log_sigmoide``: ``L = −media(y·log σ(z) + (1 − y)·log σ(−z))``.
    2. ``dL/dz = (σ(z) − y) / N``; hacia atrás: capa densa (``aᵀg`` y ``g Wᵀ``),
       la activación con su ``backward`` y la primera capa densa.
    3. ``parámetro −= tasa_aprendizaje · gradiente``.

    ``X``: ``(N, F)``; ``y``: ``(N,)`` con 0 y 1. Devuelve ``{"perdida", "exactitud",
    "muertas"}`` (arreglos ``(n_pasos,)``, medidos *antes* de cada paso) y ``"modelo"``.
    """
    X = como_arreglo(X, "X", ndim=2)
    y = como_arreglo(y, "y", ndim=1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene {y.shape[0]}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y debe contener sólo 0 y 1 (clasificación binaria)")
    if (
        isinstance(tasa_aprendizaje, bool)
        or not isinstance(tasa_aprendizaje, (int, float, np.integer, np.floating))
        or not 0 < tasa_aprendizaje < np.inf
    ):
        raise ValueError(
            f"tasa_aprendizaje debe ser un número positivo y finito, se recibió {tasa_aprendizaje!r}"
        )
    if not isinstance(n_pasos, (int, np.integer)) or n_pasos < 1:
        raise ValueError(f"n_pasos debe ser un entero positivo, se recibió {n_pasos!r}")
    modelo = red_densa([X.shape[1], n_ocultas, 1], activacion, sesgo_inicial=sesgo_inicial, semilla=semilla)
    densa1, act, densa2 = modelo.capas
    historia = {"perdida": [], "exactitud": [], "muertas": []}
    for _ in range(int(n_pasos)):
        z = modelo.forward(X)[:, 0]
        historia["perdida"].append(float(-np.mean(y * log_sigmoide(z) + (1 - y) * log_sigmoide(-z))))
        historia["exactitud"].append(float(np.mean((z > 0) == (y == 1))))
        historia["muertas"].append(fraccion_neuronas_muertas(act.entrada))
        g = ((sigmoide(z) - y) / X.shape[0])[:, None]  # dL/dz, forma (N, 1)
        gradientes = [(densa2.W, densa2.entrada.T @ g), (densa2.b, g.sum(axis=0))]
        g = act.backward(g @ densa2.W.datos.T)  # atraviesa la capa densa y la activación
        gradientes += [(densa1.W, densa1.entrada.T @ g), (densa1.b, g.sum(axis=0))]
        for parametro, gradiente in gradientes:
            parametro.datos -= tasa_aprendizaje * gradiente
    resultado: dict[str, object] = {k: np.array(v) for k, v in historia.items()}
    resultado["modelo"] = modelo
    return resultado
