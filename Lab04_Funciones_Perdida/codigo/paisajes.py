"""Paisajes de pérdida: la pérdida en función del residuo o de los parámetros de un modelo.

- ``perdidas_por_residuo``: MSE, MAE y Huber (valor y derivada) para cada residuo ``r``.
- ``superficie_perdida``: la pérdida media de ``ŷ = w·x + b`` en una rejilla de ``(w, b)``.
- ``ajustar_recta``: descenso de gradiente sobre ``(w, b)`` usando ``forward``/``backward``
  de la pérdida (un adelanto de los Labs 05 y 06).
- ``barrido_exactitud_perdida``: exactitud y entropía cruzada de un clasificador
  logístico ``σ(w·x + b)`` al mover ``w``: la exactitud va a saltos, la pérdida es suave.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, es_real

from .entropia_cruzada import EntropiaCruzada, EntropiaCruzadaBinaria
from .perdida import Perdida
from .regresion import ErrorAbsolutoMedio, ErrorCuadraticoMedio, Huber

__all__ = [
    "perdidas_por_residuo",
    "superficie_perdida",
    "ajustar_recta",
    "barrido_exactitud_perdida",
]


def perdidas_por_residuo(residuos: object, delta: float = 1.0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Para cada residuo ``r`` ``(M,)``: ``{nombre: (pérdida, derivada)}`` de MSE, MAE y Huber.

    La derivada se obtiene con ``backward()`` (que divide entre ``M``), multiplicada por ``M``.
    """
    r = como_arreglo(residuos, "residuos", ndim=1)
    cero = np.zeros_like(r)
    huber = Huber(delta)  # valida delta antes de usarlo en el nombre
    resultado = {}
    for nombre, perdida in (
        ("MSE", ErrorCuadraticoMedio()),
        ("MAE", ErrorAbsolutoMedio()),
        (f"Huber (δ={huber.delta:g})", huber),
    ):
        valores = perdida.por_elemento(r, cero)
        perdida.forward(r, cero)
        resultado[nombre] = (valores, perdida.backward() * r.size)
    return resultado


def _datos_xy(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = como_arreglo(x, "x", ndim=1)
    y = como_arreglo(y, "y", ndim=1)
    comprobar_forma(y, x.shape, "y")
    return x, y


def _perdida_por_elementos(perdida: object) -> Perdida:
    if not isinstance(perdida, Perdida):
        raise TypeError(
            f"se esperaba una Perdida (p. ej. ErrorCuadraticoMedio()), se recibió {type(perdida).__name__}"
        )
    if isinstance(perdida, EntropiaCruzada):
        raise TypeError(
            "un modelo de una salida necesita una pérdida elemento a elemento "
            "(MSE, MAE, Huber o EntropiaCruzadaBinaria), no EntropiaCruzada"
        )
    return perdida


def superficie_perdida(x: object, y: object, pesos: object, sesgos: object, perdida: Perdida) -> np.ndarray:
    """Pérdida media de ``ŷ = w·x + b`` para cada ``w`` de ``pesos`` ``(P,)`` y ``b`` de ``sesgos``.

    ``sesgos`` tiene forma ``(S,)``. Devuelve ``Z`` de forma ``(S, P)`` (filas = sesgos), lista
    para ``plt.contour(pesos, sesgos, Z)``.
    Todo va vectorizado: se predicen a la vez los ``S·P`` modelos sobre los ``N`` ejemplos.
    """
    x, y = _datos_xy(x, y)
    perdida = _perdida_por_elementos(perdida)
    pesos = como_arreglo(pesos, "pesos", ndim=1)
    sesgos = como_arreglo(sesgos, "sesgos", ndim=1)
    W, B = np.meshgrid(pesos, sesgos)  # (S, P)
    prediccion = W[..., None] * x + B[..., None]  # (S, P, N)
    return perdida.por_elemento(prediccion, np.broadcast_to(y, prediccion.shape)).mean(axis=-1)


def ajustar_recta(
    x: object,
    y: object,
    perdida: Perdida,
    tasa_aprendizaje: float = 0.1,
    pasos: int = 100,
    w: float = 0.0,
    b: float = 0.0,
) -> dict[str, object]:
    """Ajusta ``ŷ = w·x + b`` con descenso de gradiente y devuelve lo ocurrido.

    En cada paso: ``L = perdida.forward(ŷ, y)``, ``g = perdida.backward()`` (``dL/dŷ``, ``(N,)``)
    y, por la regla de la cadena, ``dL/dw = Σ gᵢ·xᵢ`` y ``dL/db = Σ gᵢ``.
    Resultado: ``{"w", "b", "historial" (pérdida antes de cada paso y al final, (pasos+1,)),
    "camino" ((pasos+1, 2) con los (w, b) recorridos)}``.
    """
    x, y = _datos_xy(x, y)
    perdida = _perdida_por_elementos(perdida)
    if isinstance(pasos, bool) or not isinstance(pasos, (int, np.integer)) or pasos < 0:
        raise ValueError(f"pasos debe ser un entero mayor o igual que 0, se recibió {pasos!r}")
    if not es_real(tasa_aprendizaje) or tasa_aprendizaje <= 0:
        raise ValueError(f"la tasa de aprendizaje debe ser positiva, se recibió {tasa_aprendizaje!r}")
    if not (es_real(w) and es_real(b)):
        raise ValueError(f"w y b iniciales deben ser números reales finitos, se recibió w={w!r}, b={b!r}")
    w, b = float(w), float(b)
    historial, camino = [], [(w, b)]
    for _ in range(int(pasos)):
        historial.append(perdida.forward(w * x + b, y))
        g = perdida.backward()
        w -= tasa_aprendizaje * float(g @ x)
        b -= tasa_aprendizaje * float(g.sum())
        camino.append((w, b))
    historial.append(perdida.forward(w * x + b, y))
    return {"w": w, "b": b, "historial": np.array(historial), "camino": np.array(camino)}


def barrido_exactitud_perdida(
    x: object, y: object, pesos: object, sesgo: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Exactitud y entropía cruzada binaria del clasificador ``σ(w·x + sesgo)`` para cada ``w``.

    ``y`` son etiquetas 0/1. Devuelve ``(exactitudes, perdidas)``, ambas de forma ``(P,)``.
    """
    x, y = _datos_xy(x, y)
    pesos = como_arreglo(pesos, "pesos", ndim=1)
    logits = pesos[:, None] * x + float(sesgo)  # (P, N)
    objetivo = np.broadcast_to(y, logits.shape)
    perdidas = EntropiaCruzadaBinaria(desde_logits=True).por_elemento(logits, objetivo).mean(axis=1)
    exactitudes = ((logits >= 0) == (objetivo == 1)).mean(axis=1)
    return exactitudes, perdidas
