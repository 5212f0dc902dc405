"""Los mismos gradientes calculados tres veces: ``Valor`` (Lab05), PyTorch y TensorFlow.

Los tres hacen lo mismo: durante la pasada hacia delante **apuntan** cada operación (un grafo
computacional) y ``backward`` lo recorre al revés aplicando la regla de la cadena.

| biblioteca   | grabar operaciones              | derivar                            |
|--------------|---------------------------------|------------------------------------|
| ``Valor``    | siempre (cada número es un nodo) | ``salida.backward()`` → ``x.grad`` |
| PyTorch      | tensores con ``requires_grad``  | ``salida.backward()`` → ``x.grad`` |
| TensorFlow   | dentro de ``tf.GradientTape()`` | ``cinta.gradient(salida, [x, …])`` |

TensorFlow se importa sólo al llamar a estas funciones.
"""

from __future__ import annotations

import numpy as np
import torch

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab05_Backpropagation.codigo import CapaDensa, Valor

__all__ = ["expresion_tres_formas", "capa_densa_tres_formas", "tabla_tres_formas"]


def expresion_tres_formas(a: float = 2.0, b: float = -3.0) -> dict[str, tuple[float, float, float]]:
    """``f(a, b) = tanh(a·b + a²) + sigmoide(b)·exp(a/4)`` y sus derivadas con las tres bibliotecas.

    Devuelve ``{"Valor (Lab05)": (f, ∂f/∂a, ∂f/∂b), "PyTorch": (…), "TensorFlow": (…)}``.
    """
    import tensorflow as tf

    resultado = {}
    va, vb = Valor(float(a), etiqueta="a"), Valor(float(b), etiqueta="b")
    f = (va * vb + va**2).tanh() + vb.sigmoide() * (va / 4).exp()
    f.backward()
    resultado["Valor (Lab05)"] = (f.dato, va.grad, vb.grad)

    ta = torch.tensor(float(a), dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    f = torch.tanh(ta * tb + ta**2) + torch.sigmoid(tb) * torch.exp(ta / 4)
    f.backward()
    resultado["PyTorch"] = (f.item(), ta.grad.item(), tb.grad.item())

    xa = tf.Variable(float(a), dtype=tf.float64)
    xb = tf.Variable(float(b), dtype=tf.float64)
    with tf.GradientTape() as cinta:
        f = tf.tanh(xa * xb + xa**2) + tf.sigmoid(xb) * tf.exp(xa / 4)
    da, db = cinta.gradient(f, [xa, xb])
    resultado["TensorFlow"] = (float(f), float(da), float(db))
    return resultado


def capa_densa_tres_formas(
    X: np.ndarray, W: np.ndarray, b: np.ndarray, g: np.ndarray
) -> dict[str, dict[str, np.ndarray]]:
    """Gradientes de ``L = Σ (X @ W + b) · g`` respecto a ``W``, ``b`` y ``X``.

    ``g`` ``(N, salidas)`` hace de gradiente que llega desde arriba (∂L/∂y = g). Formas: ``X`` ``(N, E)``,
    ``W`` ``(E, S)``, ``b`` ``(S,)``. Devuelve ``{biblioteca: {"W": dW, "b": db, "X": dX}}`` con
    ``CapaDensa.backward`` (Lab05), el autograd de PyTorch y ``tf.GradientTape``.
    """
    import tensorflow as tf

    X = como_arreglo(X, "X", ndim=2).astype(np.float64)
    W = como_arreglo(W, "W", ndim=2).astype(np.float64)
    b = como_arreglo(b, "b", ndim=1).astype(np.float64)
    g = como_arreglo(g, "g", ndim=2).astype(np.float64)
    if W.shape[0] != X.shape[1] or b.shape[0] != W.shape[1] or g.shape != (X.shape[0], W.shape[1]):
        raise ValueError(
            f"formas incompatibles: X {X.shape}, W {W.shape}, b {b.shape}, g {g.shape}; se "
            "esperaba X (N, E), W (E, S), b (S,) y g (N, S)"
        )
    resultado = {}
    capa = CapaDensa(W.shape[0], W.shape[1]).fijar_pesos(W, b)
    capa.forward(X)
    dX = capa.backward(g)
    resultado["CapaDensa (Lab05)"] = {"W": capa.W.grad.copy(), "b": capa.b.grad.copy(), "X": dX}

    tX, tW, tb = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
    (((tX @ tW + tb) * torch.tensor(g)).sum()).backward()
    resultado["PyTorch"] = {"W": tW.grad.numpy(), "b": tb.grad.numpy(), "X": tX.grad.numpy()}

    vX, vW, vb = (tf.Variable(a) for a in (X, W, b))
    with tf.GradientTape() as cinta:
        L = tf.reduce_sum((vX @ vW + vb) * g)
    dW, db, dX = cinta.gradient(L, [vW, vb, vX])
    resultado["TensorFlow"] = {"W": dW.numpy(), "b": db.numpy(), "X": dX.numpy()}
    return resultado


def tabla_tres_formas(
    resultados: dict[str, tuple[float, ...]],
    columnas: tuple[str, ...] = ("f", "∂f/∂a", "∂f/∂b"),
    decimales: int = 6,
) -> str:
    """Tabla de texto con una fila por biblioteca (valores redondeados a ``decimales``)."""
    ancho = max(len(n) for n in resultados) + 2
    filas = [f"{'':<{ancho}}" + "".join(f"{c:>14}" for c in columnas)]
    for nombre, valores in resultados.items():
        filas.append(f"{nombre:<{ancho}}" + "".join(f"{v:>14.{decimales}f}" for v in valores))
    return "\n".join(filas)
