"""Una tabla que comprueba, con gradientes numéricos, el ``backward`` de todo el framework.

Recorre cada activación del Lab03 (``ACTIVACIONES``, más algunas variantes), cada
pérdida del Lab04 (``PERDIDAS``, con sus modos) y la ``CapaDensa`` de este lab, y
mide el error relativo entre su gradiente analítico y el numérico. Todas deben
quedar por debajo de ``TOLERANCIA_GRADIENTE`` (1e-6), el umbral de todo el curso.

Las entradas se eligen lejos de los «picos» (``x = 0`` en ReLU, ``r = 0`` en MAE),
donde la función no es derivable y la diferencia central no tiene sentido.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from Lab02_Primera_Red_Neuronal.codigo import crear_generador
from Lab03_Funciones_Activacion.codigo import ACTIVACIONES, ELU, GELU, LeakyReLU, Softmax
from Lab04_Funciones_Perdida.codigo import (
    PERDIDAS,
    EntropiaCruzada,
    EntropiaCruzadaBinaria,
    Huber,
)

from .capa_densa import CapaDensa
from .comprobacion_gradientes import (
    TOLERANCIA_GRADIENTE,
    comprobar_gradiente_capa,
    comprobar_gradiente_perdida,
)

__all__ = ["casos_activaciones", "casos_perdidas", "tabla_gradientes", "tabla_en_texto"]


def _lejos_de_cero(x: np.ndarray, margen: float = 0.05) -> np.ndarray:
    """Aparta cada valor al menos ``margen`` de 0 (conserva el signo)."""
    return x + np.where(x >= 0, margen, -margen)


def casos_activaciones(semilla: int | np.random.Generator | None = 0) -> list[tuple[str, Any, np.ndarray]]:
    """``(nombre, capa, x)`` para cada activación del registro del Lab03 y algunas variantes."""
    rng = crear_generador(semilla)
    casos = []
    for nombre, clase in ACTIVACIONES.items():
        x = _lejos_de_cero(rng.normal(scale=2.0, size=(4, 3, 2)))
        casos.append((nombre, clase(), x))
    casos += [
        ("leaky_relu(pendiente=0.2)", LeakyReLU(pendiente=0.2), _lejos_de_cero(rng.normal(size=(5, 3)))),
        ("elu(alfa=0.5)", ELU(alfa=0.5), _lejos_de_cero(rng.normal(size=(5, 3)))),
        ("gelu(tanh)", GELU(aproximacion="tanh"), rng.normal(scale=2.0, size=(5, 3))),
        ("softmax(eje=0)", Softmax(eje=0), rng.normal(scale=2.0, size=(4, 3))),
    ]
    return casos


def casos_perdidas(
    semilla: int | np.random.Generator | None = 0,
) -> list[tuple[str, Any, np.ndarray, np.ndarray]]:
    """``(nombre, pérdida, prediccion, objetivo)`` para cada pérdida del Lab04 y sus modos."""
    rng = crear_generador(semilla)
    n, c = 6, 4

    def regresion() -> tuple[np.ndarray, np.ndarray]:
        objetivo = rng.normal(size=(n, 2))
        return objetivo + _lejos_de_cero(rng.normal(scale=1.5, size=(n, 2))), objetivo

    casos: list[tuple[str, Any, np.ndarray, np.ndarray]] = []
    for nombre, clase in PERDIDAS.items():
        if clase in (EntropiaCruzada, EntropiaCruzadaBinaria):
            continue  # sus modos se añaden abajo, uno por uno
        casos.append((nombre, clase(), *regresion()))
    casos.append(("huber(delta=0.5)", Huber(delta=0.5), *regresion()))
    etiquetas = rng.integers(0, c, size=n)
    suaves = rng.dirichlet(np.ones(c), size=n)
    probabilidades = rng.dirichlet(np.full(c, 3.0), size=n)
    casos += [
        ("entropia_cruzada_binaria(probabilidades)", EntropiaCruzadaBinaria(),
         rng.uniform(0.05, 0.95, size=(n, 1)), rng.integers(0, 2, size=(n, 1)).astype(float)),
        ("entropia_cruzada_binaria(logits)", EntropiaCruzadaBinaria(desde_logits=True),
         rng.normal(scale=3.0, size=(n, 3)), rng.uniform(0, 1, size=(n, 3))),
        ("entropia_cruzada(logits, etiquetas)", EntropiaCruzada(),
         rng.normal(scale=3.0, size=(n, c)), etiquetas),
        ("entropia_cruzada(logits, suaves)", EntropiaCruzada(), rng.normal(scale=3.0, size=(n, c)), suaves),
        ("entropia_cruzada(probabilidades)", EntropiaCruzada(desde_logits=False), probabilidades, etiquetas),
    ]
    return casos


def tabla_gradientes(
    semilla: int | np.random.Generator | None = 0, tolerancia: float = TOLERANCIA_GRADIENTE
) -> list[dict[str, Any]]:
    """Una fila por comprobación: ``{"tipo", "nombre", "error", "correcto"}``.

    ``error`` es el mayor error relativo de la fila (para una capa, el peor entre la
    entrada y sus parámetros) y ``correcto`` indica si está por debajo de ``tolerancia``.
    """
    rng = crear_generador(semilla)
    filas = []
    densa = CapaDensa(5, 3, semilla=rng)
    densa.b.datos[:] = rng.normal(size=3)
    errores = comprobar_gradiente_capa(densa, rng.normal(size=(4, 5)), semilla=rng)
    filas.append({"tipo": "capa", "nombre": "CapaDensa(5 → 3)", "error": max(errores.values())})
    for nombre, capa, x in casos_activaciones(rng):
        errores = comprobar_gradiente_capa(capa, x, semilla=rng)
        filas.append({"tipo": "activación", "nombre": nombre, "error": max(errores.values())})
    for nombre, perdida, prediccion, objetivo in casos_perdidas(rng):
        filas.append({"tipo": "pérdida", "nombre": nombre,
                      "error": comprobar_gradiente_perdida(perdida, prediccion, objetivo)})
    for fila in filas:
        fila["correcto"] = bool(fila["error"] < tolerancia)
        fila["tolerancia"] = float(tolerancia)
    return filas


def tabla_en_texto(filas: list[dict[str, Any]], mostrar_error: bool = False) -> str:
    """La tabla lista para imprimir. Sin ``mostrar_error`` sólo dice si cada fila pasa.

    Los errores exactos (~1e-10) cambian en las últimas cifras de un ordenador a otro;
    por eso, por defecto, se imprime la comprobación (``< 1e-6``) y no el número.
    """
    if not filas:
        raise ValueError("la tabla está vacía: no hay filas que mostrar")
    ancho = max(len(f["nombre"]) for f in filas) + 2
    tolerancia = f"{filas[0]['tolerancia']:.0e}".replace("e-0", "e-")  # 1e-06 → 1e-6
    cabecera = f"¿error < {tolerancia}?"
    lineas = [f"{'tipo':<12}{'nombre':<{ancho}}{cabecera:>16}"]
    lineas.append("-" * len(lineas[0]))
    for f in filas:
        marca = "✅ sí" if f["correcto"] else "❌ NO"
        extra = f"   ({f['error']:.1e})" if mostrar_error else ""
        lineas.append(f"{f['tipo']:<12}{f['nombre']:<{ancho}}{marca:>16}{extra}")
    return "\n".join(lineas)
