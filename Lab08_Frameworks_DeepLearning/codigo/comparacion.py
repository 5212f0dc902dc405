"""NumPy (Lab06), PyTorch y Keras, uno al lado del otro, sobre el mismo MLP.

Si las tres redes empiezan con **los mismos pesos** y ven **el mismo lote**, el primer paso
debe dar la misma pérdida, los mismos gradientes y (con SGD) los mismos pesos nuevos, salvo
el redondeo de ``float64`` (~1e-15). ``primer_paso`` lo calcula en las tres y
``diferencias_primer_paso`` mide cuánto se separan: es la prueba de que las tres bibliotecas
implementan las mismas matemáticas que escribimos a mano en los laboratorios 02–06.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import error_relativo
from Lab06_Entrenamiento.codigo import SGD, construir_mlp

from .modelos_keras import crear_mlp_keras
from .modelos_torch import MLPTorch
from .pesos import fijar_pesos_densos, pesos_densos

__all__ = ["primer_paso", "diferencias_primer_paso", "tabla_resultados"]


def _tamanos(pesos: list[tuple[np.ndarray, np.ndarray]]) -> list[int]:
    if not pesos:
        raise ValueError("pesos está vacío: se esperaba una lista [(W, b), …] con al menos una capa")
    return [int(np.shape(pesos[0][0])[0])] + [int(np.shape(W)[1]) for W, _ in pesos]


def primer_paso(
    pesos: list[tuple[np.ndarray, np.ndarray]],
    X: np.ndarray,
    y: np.ndarray,
    tasa_aprendizaje: float = 0.125,
) -> dict[str, dict[str, Any]]:
    """Un paso de SGD del MLP con ReLU (pesos ``[(W, b), …]``) sobre el lote ``(X, y)``, en float64.

    ``X`` ``(N, E)``, ``y`` etiquetas enteras ``(N,)``; pérdida: entropía cruzada desde logits.
    Devuelve ``{biblioteca: {"perdida": float, "gradientes": [(dW, db), …], "pesos": [(W, b), …]}}``
    para ``"NumPy (Lab06)"``, ``"PyTorch"`` y ``"Keras"`` (``pesos`` son los de después del paso).

    Keras guarda la tasa de aprendizaje en ``float32``: con 0.1 (que en binario no es exacto) sus
    pesos nuevos se separarían ~1e-8; 0.125 = 2⁻³ es exacto y las tres coinciden en ``float64``.
    """
    import keras
    import tensorflow as tf

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    tamanos = _tamanos(pesos)
    resultados: dict[str, dict[str, Any]] = {}

    modelo = fijar_pesos_densos(construir_mlp(tamanos, dtype=np.float64), pesos)
    perdida = EntropiaCruzada()
    modelo.zero_grad()
    valor = perdida.forward(modelo.forward(X), y)
    modelo.backward(perdida.backward())
    gradientes = [(c.W.grad.copy(), c.b.grad.copy()) for c in modelo.capas if hasattr(c, "W")]
    SGD(modelo.parameters(), tasa_aprendizaje).step()
    resultados["NumPy (Lab06)"] = {
        "perdida": float(valor),
        "gradientes": gradientes,
        "pesos": pesos_densos(modelo),
    }

    red = fijar_pesos_densos(MLPTorch(tamanos, dtype=torch.float64), pesos)
    optimizador = torch.optim.SGD(red.parameters(), lr=tasa_aprendizaje)
    optimizador.zero_grad()
    valor = torch.nn.functional.cross_entropy(red(torch.tensor(X)), torch.tensor(y, dtype=torch.long))
    valor.backward()
    lineales = [m for m in red.modules() if isinstance(m, torch.nn.Linear)]
    gradientes = [(m.weight.grad.numpy().T.copy(), m.bias.grad.numpy().copy()) for m in lineales]
    optimizador.step()
    resultados["PyTorch"] = {"perdida": valor.item(), "gradientes": gradientes, "pesos": pesos_densos(red)}

    modelo_keras = fijar_pesos_densos(crear_mlp_keras(tamanos, dtype="float64"), pesos)
    funcion_perdida = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
    with tf.GradientTape() as cinta:
        valor = funcion_perdida(y, modelo_keras(X, training=True))
    variables = modelo_keras.trainable_variables
    lista = cinta.gradient(valor, variables)
    gradientes = [(np.array(lista[i]), np.array(lista[i + 1])) for i in range(0, len(lista), 2)]
    keras.optimizers.SGD(tasa_aprendizaje).apply_gradients(zip(lista, variables))
    resultados["Keras"] = {
        "perdida": float(valor),
        "gradientes": gradientes,
        "pesos": pesos_densos(modelo_keras),
    }
    return resultados


def diferencias_primer_paso(
    resultados: dict[str, dict[str, Any]], referencia: str = "PyTorch"
) -> dict[str, dict[str, float]]:
    """Error relativo (Lab05 ``error_relativo``) de cada biblioteca frente a ``referencia``:
    ``{biblioteca: {"perdida": …, "gradientes": máximo de todas las capas, "pesos": …}}``."""
    if referencia not in resultados:
        raise ValueError(f"la referencia {referencia!r} no está entre {', '.join(resultados)}")
    base = resultados[referencia]
    diferencias = {}
    for nombre, datos in resultados.items():
        if nombre == referencia:
            continue
        fila = {"perdida": error_relativo(np.array(datos["perdida"]), np.array(base["perdida"]))}
        for clave in ("gradientes", "pesos"):
            fila[clave] = max(
                max(error_relativo(a, b), error_relativo(c, d))
                for (a, c), (b, d) in zip(datos[clave], base[clave])
            )
        diferencias[nombre] = fila
    return diferencias


def tabla_resultados(
    filas: dict[str, dict[str, float]], columnas: list[str] | None = None, decimales: int = 4
) -> str:
    """Tabla de texto: una fila por biblioteca, una columna por clave (valores con ``decimales``)."""
    if not filas:
        raise ValueError("no hay filas que mostrar")
    columnas = columnas or list(next(iter(filas.values())))
    ancho = max(len(n) for n in filas) + 2
    anchos = [max(len(c), decimales + 6) + 2 for c in columnas]
    lineas = [f"{'':<{ancho}}" + "".join(f"{c:>{a}}" for c, a in zip(columnas, anchos))]
    for nombre, datos in filas.items():
        lineas.append(
            f"{nombre:<{ancho}}" + "".join(f"{datos[c]:>{a}.{decimales}f}" for c, a in zip(columnas, anchos))
        )
    return "\n".join(lineas)
