"""Una red pequeña para las espirales del Lab02, con todas las piezas del curso hasta aquí.

- ``CapaDensa`` con ``backward`` (este lab),
- ``ReLU`` (Lab03),
- ``EntropiaCruzada`` desde logits (Lab04),
- ``Secuencial`` y ``generar_espirales`` (Lab02).

Una pasada completa es: ``logits = modelo.forward(X)`` → ``L = perdida(logits, y)`` →
``modelo.backward(perdida.backward())`` → ``paso_descenso_gradiente(...)``.
"""

from __future__ import annotations

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import Secuencial, crear_generador
from Lab03_Funciones_Activacion.codigo import ReLU

from .capa_densa import CapaDensa

__all__ = ["crear_red_espirales", "formas_de_gradientes"]


def crear_red_espirales(
    n_entradas: int = 2,
    n_ocultas: int = 32,
    n_clases: int = 3,
    n_capas_ocultas: int = 2,
    semilla: int | np.random.Generator | None = 0,
) -> Secuencial:
    """``Secuencial``: ``n_capas_ocultas`` × (``CapaDensa`` + ``ReLU``) y una ``CapaDensa`` de salida.

    La salida son **logits** ``(N, n_clases)``: la softmax va dentro de la pérdida
    (``EntropiaCruzada(desde_logits=True)``), que es más estable. Pesos con
    inicialización He (buena para ReLU).
    """
    for nombre, valor in (("n_entradas", n_entradas), ("n_ocultas", n_ocultas),
                          ("n_clases", n_clases), ("n_capas_ocultas", n_capas_ocultas)):
        if isinstance(valor, bool) or not isinstance(valor, (int, np.integer)) or valor < 1:
            raise ValueError(f"{nombre} debe ser un entero positivo, se recibió {valor!r}")
    rng = crear_generador(semilla)
    modelo = Secuencial()
    ancho_anterior = int(n_entradas)
    for _ in range(int(n_capas_ocultas)):
        modelo.agregar(CapaDensa(ancho_anterior, int(n_ocultas), "he", semilla=rng))
        modelo.agregar(ReLU())  # una ReLU nueva en cada sitio: cada una guarda su entrada
        ancho_anterior = int(n_ocultas)
    modelo.agregar(CapaDensa(ancho_anterior, int(n_clases), "he", semilla=rng))
    return modelo


def formas_de_gradientes(modelo: Secuencial) -> list[str]:
    """Una línea por parámetro: su capa, nombre, forma y la de su gradiente (deben coincidir)."""
    lineas = []
    for i, capa in enumerate(modelo):
        for p in capa.parameters():
            lineas.append(
                f"capa {i} {type(capa).__name__:<10} {p.nombre}: datos {str(p.datos.shape):<8} "
                f"grad {str(np.shape(p.grad)):<8}"
            )
    return lineas
