"""Dos experimentos del Lab10, pequeños (unos segundos en una CPU) y con semilla.

1. ``experimento_desplazamiento``: un MLP y una CNN aprenden dígitos **centrados** en un lienzo
   16×16 y se prueban con dígitos centrados y en posiciones **al azar**. La convolución usa los
   mismos filtros en todas las posiciones y el promedio global olvida dónde estaba cada rasgo: la
   CNN apenas nota el cambio. El MLP tiene un peso por píxel: lo que aprendió en el centro no
   le sirve en una esquina. Después, lo mismo entrenando con desplazamientos al azar (``Aumento``).
2. ``transferencia``: una CNN aprende los dígitos 0–4; con sólo unos pocos ejemplos de 5–9 se
   compara (a) entrenar desde cero, (b) congelar los rasgos aprendidos y entrenar sólo una cabeza
   nueva y (c) ajustar toda la red (*fine-tuning*).

Los modelos se colocan con ``seleccionar_dispositivo`` y se entrenan con ``entrenar_torch`` (Lab08).
"""

from __future__ import annotations

import copy
import time
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab08_Frameworks_DeepLearning.codigo import (
    crear_cargador,
    describir_dispositivo,
    entrenar_torch,
    evaluar_torch,
    mover,
    seleccionar_dispositivo,
)

from .aumento import Aumento
from .datos import cargar_digitos_imagenes, digitos_en_lienzo
from .modelos_torch import CNNGlobal, LeNetTorch, MLPImagenes, contar_parametros

__all__ = [
    "entrenar_y_medir",
    "experimento_desplazamiento",
    "tabla_desplazamiento",
    "preparar_transferencia",
    "transferencia",
]


def entrenar_y_medir(
    modelo: nn.Module,
    entrenamiento: tuple[np.ndarray, np.ndarray],
    pruebas: dict[str, tuple[np.ndarray, np.ndarray]],
    dispositivo: torch.device,
    epocas: int = 10,
    tasa_aprendizaje: float = 1e-2,
    tamano_lote: int = 32,
    semilla: int = 0,
) -> dict[str, float]:
    """Entrena ``modelo`` (ya en ``dispositivo``) con Adam y entropía cruzada (``entrenar_torch``)
    sólo con sus parámetros entrenables, y devuelve ``{"exactitud_<nombre>": …}`` para cada
    conjunto de ``pruebas`` (parejas ``(X, y)``, ``X`` ``(N, C, H, W)``) y ``"segundos"`` (entrenamiento)."""
    perdida = nn.CrossEntropyLoss()
    entrenables = [p for p in modelo.parameters() if p.requires_grad]
    optimizador = torch.optim.Adam(entrenables, lr=tasa_aprendizaje)
    cargador = crear_cargador(
        *entrenamiento, tamano_lote=tamano_lote, semilla=semilla, dispositivo=dispositivo
    )
    inicio = time.perf_counter()
    entrenar_torch(modelo, perdida, optimizador, cargador, epocas=epocas, dispositivo=dispositivo)
    resultado = {"segundos": time.perf_counter() - inicio}
    for nombre, (X, y) in pruebas.items():
        cargador_prueba = crear_cargador(X, y, tamano_lote=512, barajar=False, dispositivo=dispositivo)
        metricas = evaluar_torch(modelo, cargador_prueba, perdida, dispositivo, metrica="exactitud")
        resultado[f"exactitud_{nombre}"] = metricas["exactitud"]
    return resultado


def experimento_desplazamiento(
    tamano: int = 16,
    epocas: int = 5,
    ocultas: int = 20,
    max_pixeles: int | None = None,
    con_aumento: bool = True,
    modelos: tuple[str, ...] = ("MLP", "CNN"),
    semilla: int = 0,
    dispositivo: str | torch.device = "auto",
    informar: bool = False,
) -> dict[str, Any]:
    """MLP frente a CNN cuando el dígito se mueve.

    Entrenamiento: los dígitos de entrenamiento en el **centro** de un lienzo ``tamano × tamano``.
    Prueba: los dígitos de prueba en el centro y en posiciones al azar (semilla ``semilla + 1``).

    - ``modelos``: cuáles entrenar, entre ``"MLP"`` (``MLPImagenes((1, tamano, tamano), (ocultas,))``),
      ``"CNN"`` (``CNNGlobal``: sin submuestreo, máximo global) y ``"LeNet"`` (``LeNetTorch`` con
      promedio global, ``agrupado=1``, que tiene dos ``MaxPool2d(2)`` intermedios). Con
      ``ocultas=20`` y ``tamano=16`` los tres tienen un número de parámetros parecido (5350, 5130, 5130).
    - ``con_aumento``: repite los dos entrenamientos con ``Aumento(max_pixeles)`` delante del
      modelo (desplazamientos al azar en cada lote); ``max_pixeles=None`` usa ``(tamano − 8) // 2``,
      lo justo para llevar el dígito centrado a cualquier posición del lienzo.

    Devuelve ``{"filas": [...], "dispositivo": texto}``; cada fila es un diccionario con
    ``modelo``, ``aumento`` (bool), ``parametros``, ``exactitud_centro``, ``exactitud_aleatoria`` y
    ``segundos`` (del entrenamiento). ``tabla_desplazamiento`` lo convierte en texto.
    """
    tamano = entero_positivo(tamano, "tamano")
    if tamano < 8:
        raise ValueError(f"tamano debe ser al menos 8 (el tamaño de los dígitos), se recibió {tamano}")
    dispositivo = seleccionar_dispositivo(dispositivo, informar=informar)
    (X_ent, y_ent), _, (X_pru, y_pru) = cargar_digitos_imagenes(semilla, dtype=np.float32)
    entrenamiento = (digitos_en_lienzo(X_ent, tamano, "centro")[0], y_ent)
    pruebas = {
        "centro": (digitos_en_lienzo(X_pru, tamano, "centro")[0], y_pru),
        "aleatoria": (digitos_en_lienzo(X_pru, tamano, "aleatoria", semilla=semilla + 1)[0], y_pru),
    }
    max_pixeles = (tamano - 8) // 2 if max_pixeles is None else max_pixeles
    todas = {
        "MLP": lambda: MLPImagenes((1, tamano, tamano), (ocultas,), semilla=semilla),
        "CNN": lambda: CNNGlobal(semilla=semilla),
        "LeNet": lambda: LeNetTorch(agrupado=1, semilla=semilla),
    }
    desconocidos = [m for m in modelos if m not in todas]
    if desconocidos or not modelos:
        raise ValueError(
            f"modelos desconocidos: {desconocidos or modelos!r}; se esperaban algunos de {', '.join(todas)}"
        )
    fabricas = {m: todas[m] for m in modelos}
    filas = []
    for aumento in (False, True) if con_aumento else (False,):
        for nombre, fabrica in fabricas.items():
            modelo = fabrica()
            parametros = contar_parametros(modelo)
            if aumento:
                modelo = nn.Sequential(Aumento(max_pixeles=max_pixeles, semilla=semilla), modelo)
            modelo = mover(modelo, dispositivo)
            medidas = entrenar_y_medir(modelo, entrenamiento, pruebas, dispositivo, epocas, semilla=semilla)
            filas.append({"modelo": nombre, "aumento": aumento, "parametros": parametros, **medidas})
    return {"filas": filas, "dispositivo": describir_dispositivo(dispositivo)}


def tabla_desplazamiento(resultado: dict[str, Any]) -> str:
    """Texto: una fila por entrenamiento de ``experimento_desplazamiento`` (exactitudes, 4 decimales)."""
    lineas = [
        f"{'modelo':<7}{'aumento':<9}{'parámetros':>11}{'centro':>9}{'aleatoria':>11}{'segundos':>10}",
    ]
    for fila in resultado["filas"]:
        lineas.append(
            f"{fila['modelo']:<7}{'sí' if fila['aumento'] else 'no':<9}{fila['parametros']:>11}"
            f"{fila['exactitud_centro']:>9.4f}{fila['exactitud_aleatoria']:>11.4f}{fila['segundos']:>10.2f}"
        )
    return "\n".join(lineas)


def preparar_transferencia(
    preentrenado: LeNetTorch, n_clases: int, congelar: bool = True, semilla: int = 0
) -> LeNetTorch:
    """Copia de ``preentrenado`` con una **cabeza nueva** ``Linear(n_rasgos → n_clases)``.

    Con ``congelar=True`` los rasgos copiados quedan fijos (``requires_grad_(False)``): al
    optimizador sólo deben ir los parámetros con ``requires_grad`` (los de la cabeza). Con
    ``congelar=False`` se ajusta toda la red (*fine-tuning*). ``preentrenado`` no cambia.
    """
    modelo = copy.deepcopy(preentrenado)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(semilla))
        cabeza = nn.Linear(modelo.n_rasgos, entero_positivo(n_clases, "n_clases"))
    parametro = next(modelo.parameters())
    modelo.cabeza = cabeza.to(device=parametro.device, dtype=parametro.dtype)
    modelo.n_clases = n_clases
    modelo.rasgos.requires_grad_(not congelar)
    return modelo


def transferencia(
    n_por_clase: int = 5,
    epocas_preentrenamiento: int = 10,
    epocas: int = 100,
    semilla: int = 0,
    dispositivo: str | torch.device = "auto",
    informar: bool = False,
) -> dict[str, Any]:
    """Aprendizaje por transferencia con los dígitos 8×8.

    1. ``LeNetTorch(n_clases=5)`` se entrena con todos los dígitos 0–4 de entrenamiento.
    2. De los dígitos 5–9 (etiquetas 0–4 = dígito − 5) se toman sólo ``n_por_clase`` ejemplos de
       entrenamiento por clase, y con ellos se entrenan ``epocas`` épocas:
       ``"desde_cero"`` (una LeNet nueva), ``"congelada"`` (rasgos preentrenados fijos y cabeza
       nueva) y ``"ajuste_fino"`` (rasgos preentrenados y cabeza nueva, todo entrenable, con una
       tasa de aprendizaje 10 veces menor para no borrar lo aprendido).
    3. Todas se prueban con todos los dígitos 5–9 de prueba.

    Con estos dígitos tan limpios y una red tan pequeña, entrenar desde cero con 5 ejemplos por
    clase ya funciona muy bien, y los rasgos de 0–4 no siempre ayudan: la transferencia brilla
    cuando la red y la tarea de origen son grandes y parecidas a la de destino.

    Devuelve ``{"exactitud": {...}, "segundos": {...}, "parametros_entrenables": {...},
    "exactitud_preentrenamiento": …, "modelos": {...}, "dispositivo": texto}``.
    """
    n_por_clase = entero_positivo(n_por_clase, "n_por_clase")
    dispositivo = seleccionar_dispositivo(dispositivo, informar=informar)
    (X_ent, y_ent), _, (X_pru, y_pru) = cargar_digitos_imagenes(semilla, dtype=np.float32)
    base = y_ent < 5
    rng = np.random.default_rng(semilla)
    pocos = np.concatenate(
        [rng.choice(np.flatnonzero(y_ent == d), n_por_clase, replace=False) for d in range(5, 10)]
    )
    prueba_base = {"base": (X_pru[y_pru < 5], y_pru[y_pru < 5])}
    prueba_nuevos = {"nuevos": (X_pru[y_pru >= 5], y_pru[y_pru >= 5] - 5)}

    preentrenado = mover(LeNetTorch(n_clases=5, semilla=semilla), dispositivo)
    medidas = entrenar_y_medir(
        preentrenado,
        (X_ent[base], y_ent[base]),
        prueba_base,
        dispositivo,
        epocas_preentrenamiento,
        tasa_aprendizaje=1e-2,
        semilla=semilla,
    )
    resultado: dict[str, Any] = {
        "exactitud_preentrenamiento": medidas["exactitud_base"],
        "segundos_preentrenamiento": medidas["segundos"],
        "exactitud": {},
        "segundos": {},
        "parametros_entrenables": {},
        "modelos": {"preentrenado": preentrenado},
        "dispositivo": describir_dispositivo(dispositivo),
    }
    variantes = {
        "desde_cero": (lambda: mover(LeNetTorch(n_clases=5, semilla=semilla + 1), dispositivo), 1e-2),
        "congelada": (lambda: preparar_transferencia(preentrenado, 5, True, semilla + 1), 1e-2),
        "ajuste_fino": (lambda: preparar_transferencia(preentrenado, 5, False, semilla + 1), 1e-3),
    }
    pocos_datos = (X_ent[pocos], y_ent[pocos] - 5)
    for nombre, (fabrica, tasa) in variantes.items():
        modelo = fabrica()
        medidas = entrenar_y_medir(
            modelo,
            pocos_datos,
            prueba_nuevos,
            dispositivo,
            epocas,
            tasa_aprendizaje=tasa,
            tamano_lote=16,
            semilla=semilla,
        )
        resultado["exactitud"][nombre] = medidas["exactitud_nuevos"]
        resultado["segundos"][nombre] = medidas["segundos"]
        resultado["parametros_entrenables"][nombre] = contar_parametros(modelo)
        resultado["modelos"][nombre] = modelo
    return resultado
