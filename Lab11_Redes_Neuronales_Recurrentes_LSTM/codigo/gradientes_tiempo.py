"""Gradientes que se desvanecen o explotan a lo largo del tiempo, medidos.

Si la pérdida sólo depende del **último** estado, ``L = Σ h_T · g``, ¿cuánto llega a cada
entrada ``x_t``? Por la regla de la cadena,

    ∂L/∂x_t = ∂L/∂h_T · (∂h_T/∂h_{T−1}) ··· (∂h_{t+1}/∂h_t) · ∂h_t/∂x_t

un producto de ``T − t`` jacobianos. En una ``RNN`` cada uno es ``diag(φ'(a)) W_hh``: si su norma
es menor que 1, el producto se **desvanece** exponencialmente (los primeros pasos no aprenden);
si es mayor, **explota** (Bengio, Simard y Frasconi, 1994; Pascanu, Mikolov y Bengio, 2013). En
una ``LSTM`` la celda pasa al paso anterior multiplicada sólo por la puerta de olvido ``f``: con
``f`` cerca de 1 (un sesgo de olvido positivo, Jozefowicz et al., 2015) el gradiente llega lejos.

- ``norma_gradiente_por_paso``: la norma de ``∂L/∂x_t`` en cada paso, ``(T,)``.
- ``experimento_gradientes``: esa curva para una RNN, una LSTM y una RNN con pesos grandes.
- ``demostrar_recorte``: una RNN que explota, entrenada sin y con recorte del gradiente (Lab06).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Secuencial, crear_generador
from Lab04_Funciones_Perdida.codigo import ErrorCuadraticoMedio
from Lab05_Backpropagation.codigo import CapaDensa
from Lab06_Entrenamiento.codigo import SGD, recortar_norma_gradiente

from .celdas import CapaRecurrente
from .lstm import LSTM
from .recurrentes import RNN
from .secuencias import UltimoPaso

__all__ = ["norma_gradiente_por_paso", "experimento_gradientes", "pesos_recurrentes_grandes",
           "demostrar_recorte"]


def norma_gradiente_por_paso(capa: CapaRecurrente, x: np.ndarray, estado: Any = None,
                             semilla: int | np.random.Generator | None = 0) -> np.ndarray:
    """``‖∂L/∂x_t‖`` para cada paso ``t`` con ``L = Σ h_T · g`` (``g`` normal, fijado por ``semilla``).

    ``capa``: una ``RNN``, ``LSTM`` o ``GRU``; ``x`` ``(N, T, F)``. La norma de cada paso suma
    todo el lote y todos los rasgos. Devuelve un arreglo ``(T,)`` (float64). Los gradientes de los
    pesos de la capa quedan como estaban.
    """
    if not isinstance(capa, CapaRecurrente):
        raise TypeError(f"se esperaba una capa recurrente (RNN, LSTM o GRU), "
                        f"se recibió {type(capa).__name__}")
    guardados = [p.grad.copy() for p in capa.parameters()]
    try:
        salida = capa.forward(x) if estado is None else capa.forward(x, estado)
        H = salida[0] if isinstance(salida, tuple) else salida
        grad_H = np.zeros_like(H)
        grad_H[:, -1] = crear_generador(semilla).normal(size=H[:, -1].shape)  # sólo el último paso cuenta
        dx = capa.backward(grad_H)
        dx = dx[0] if isinstance(dx, tuple) else dx
    finally:
        for p, g in zip(capa.parameters(), guardados):
            p.grad = g
    return np.sqrt(np.sum(np.square(dx, dtype=np.float64), axis=(0, 2)))


def pesos_recurrentes_grandes(capa: RNN, escala: float = 3.0,
                              semilla: int | np.random.Generator | None = 0) -> RNN:
    """Pone ``W_hh = escala · Q`` con ``Q`` ortogonal al azar (todos sus valores singulares valen
    ``escala``): con ``escala > 1`` la RNN tanh entra en el régimen caótico y su gradiente explota."""
    escala = numero_real(escala, "escala", 0.0, incluir_minimo=False)
    H = capa.n_oculto
    Q, R = np.linalg.qr(crear_generador(semilla).normal(size=(H, H)))
    Q *= np.sign(np.diag(R))  # ortogonal y uniforme (Mezzadri, 2007)
    capa.W_hh.datos = (escala * Q).astype(capa.dtype)
    return capa


def experimento_gradientes(T: int = 50, n_entrada: int = 8, n_oculto: int = 32, n_ejemplos: int = 16,
                           sesgo_olvido: float = 1.0, escala_grande: float = 3.0,
                           semilla: int = 0) -> dict[str, np.ndarray]:
    """Curvas ``‖∂L/∂x_t‖`` (``t = 0 … T−1``) de tres capas con el mismo tamaño y la misma entrada.

    - ``"RNN"``: tanh con la inicialización de PyTorch (``W_hh`` pequeña): se desvanece.
    - ``"LSTM"``: con ``sesgo_olvido`` sumado al sesgo de la puerta ``f`` (``f ≈ σ(sesgo_olvido)``).
    - ``"RNN (pesos grandes)"``: ``W_hh = escala_grande · Q`` ortogonal: explota.

    ``x`` es ``N(0, 1)`` de forma ``(n_ejemplos, T, n_entrada)``. Devuelve ``{nombre: (T,)}``.
    """
    T = entero_positivo(T, "T")
    rng = crear_generador(semilla)
    n_ejemplos, n_entrada = entero_positivo(n_ejemplos, "n_ejemplos"), entero_positivo(n_entrada, "n_entrada")
    x = rng.normal(size=(n_ejemplos, T, n_entrada))
    rnn = RNN(n_entrada, n_oculto, semilla=rng)
    lstm = LSTM(n_entrada, n_oculto, semilla=rng)
    H = lstm.n_oculto
    lstm.b_hh.datos[H:2 * H] += numero_real(sesgo_olvido, "sesgo_olvido")  # bloque f (orden i, f, g, o)
    grande = pesos_recurrentes_grandes(RNN(n_entrada, n_oculto, semilla=rng), escala_grande, rng)
    return {nombre: norma_gradiente_por_paso(capa, x, semilla=semilla)
            for nombre, capa in (("RNN", rnn), ("LSTM", lstm), ("RNN (pesos grandes)", grande))}


def _datos_suma(n: int, T: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Secuencias ``(n, T, 1)`` uniformes en [−1, 1] y su suma ``(n, 1)``: la tarea de la demostración."""
    x = rng.uniform(-1.0, 1.0, size=(n, T, 1))
    return x, x.sum(axis=1)


def demostrar_recorte(pasos: int = 60, T: int = 20, n_oculto: int = 16, n_ejemplos: int = 64,
                      tasa_aprendizaje: float = 0.05, maximo: float = 1.0, escala: float = 2.0,
                      no_linealidad: str = "relu", semilla: int = 0) -> dict[str, np.ndarray]:
    """Entrena dos veces la misma RNN a sumar una secuencia de ``T`` números (SGD, error cuadrático):
    sin recorte y con ``recortar_norma_gradiente(maximo)`` del Lab06.

    La RNN es ReLU (por defecto) con ``W_hh = escala · Q`` (``pesos_recurrentes_grandes``): con
    ``escala = 2`` el gradiente inicial es enorme (de 10² a 10⁵ según la semilla). Sin recorte, el
    primer paso de SGD lanza los pesos tan lejos que la pérdida se hace infinita en un par de
    pasos; con recorte, cada paso mide como mucho ``tasa_aprendizaje · maximo`` y la pérdida baja.

    Devuelve ``{"sin_recorte": pérdidas, "con_recorte": pérdidas, "norma_sin_recorte": normas,
    "norma_con_recorte": normas}``, un valor por paso (normas *antes* de recortar). Si la pérdida
    se hace infinita o NaN, el entrenamiento se detiene y el resto del historial es ``inf``.
    """
    pasos = entero_positivo(pasos, "pasos")
    x, y = _datos_suma(entero_positivo(n_ejemplos, "n_ejemplos"), entero_positivo(T, "T"),
                       crear_generador(semilla))
    resultado: dict[str, np.ndarray] = {}
    for clave, recorte in (("sin_recorte", None), ("con_recorte", maximo)):
        rng = crear_generador(semilla)  # los mismos pesos iniciales en los dos casos
        rnn = pesos_recurrentes_grandes(RNN(1, n_oculto, no_linealidad, semilla=rng), escala, rng)
        modelo = Secuencial(rnn, UltimoPaso(), CapaDensa(n_oculto, 1, inicializacion="xavier", semilla=rng))
        perdida, optimizador = ErrorCuadraticoMedio(), SGD(modelo.parameters(), tasa_aprendizaje)
        perdidas, normas = np.full(pasos, np.inf), np.full(pasos, np.inf)
        with np.errstate(over="ignore", invalid="ignore"):
            for paso in range(pasos):
                modelo.zero_grad()
                try:
                    valor = float(perdida.forward(modelo.forward(x), y))
                except ValueError:  # la salida ya tiene NaN o infinitos: ha divergido
                    break
                if not math.isfinite(valor):
                    break
                modelo.backward(perdida.backward())
                norma = (recortar_norma_gradiente(modelo.parameters(), recorte) if recorte is not None
                         else float(np.sqrt(sum(np.sum(p.grad ** 2) for p in modelo.parameters()))))
                perdidas[paso], normas[paso] = valor, norma
                if not math.isfinite(norma):
                    break
                optimizador.step()
        resultado[clave], resultado["norma_" + clave] = perdidas, normas
    return resultado
