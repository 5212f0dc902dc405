"""¿Cuánto gana la GPU con una CNN? Una época de entrenamiento (y la inferencia) de ``LeNetTorch``,
``VGGPequena`` y ``ResNetPequena`` en el dispositivo elegido frente a la CPU.

Uso::

    python -m Lab10_Redes_Neuronales_Convolucionales.codigo.tiempos_dispositivo                   # auto
    python -m Lab10_Redes_Neuronales_Convolucionales.codigo.tiempos_dispositivo --dispositivo cuda
    python -m Lab10_Redes_Neuronales_Convolucionales.codigo.tiempos_dispositivo --dispositivo cpu \\
        --n-ejemplos 64 --tamano 8 --repeticiones 1                                             # segundos

Datos: dígitos pegados al azar en lienzos ``tamano × tamano`` (``digitos_en_lienzo``), repetidos
hasta ``n_ejemplos``, en ``float32``. Época: ``entrenar_epoca`` del Lab08 (Adam, entropía cruzada,
lotes de ``tamano_lote``). Inferencia: todas las imágenes hacia delante, en lotes, sin gradientes.

Cada tiempo es el **mínimo** de ``repeticiones`` medidas tras una de calentamiento (la primera
llamada en una GPU inicializa CUDA y elige algoritmos). Las operaciones de la GPU son
asíncronas: antes de parar el reloj se espera a que termine (``torch.cuda.synchronize``, como en
``comparar_velocidad`` del Lab08). La columna ``×`` es ``segundos en la CPU / segundos en el
dispositivo``: cuántas veces más rápido va. Si el dispositivo es la CPU, sólo se mide una vez.
No es una prueba: los tiempos dependen de la máquina y de lo que esté haciendo.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, medir_tiempo
from Lab08_Frameworks_DeepLearning.codigo import (
    crear_cargador,
    describir_dispositivo,
    entrenar_epoca,
    mover,
    seleccionar_dispositivo,
)
from Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad import mismos_hilos, sincronizar

from .datos import cargar_digitos_imagenes, digitos_en_lienzo
from .modelos_torch import LeNetTorch, ResNetPequena, VGGPequena, contar_parametros

__all__ = ["MODELOS_TIEMPOS", "datos_tiempos", "medir_modelo", "medir_tiempos", "tabla_tiempos", "main"]

#: Nombre → constructor (10 clases, 1 canal) de cada modelo que se mide.
MODELOS_TIEMPOS: dict[str, Callable[[], nn.Module]] = {
    "LeNetTorch": lambda: LeNetTorch(semilla=0),
    "VGGPequena": lambda: VGGPequena(semilla=0),
    "ResNetPequena": lambda: ResNetPequena(semilla=0),
}


def datos_tiempos(n_ejemplos: int = 1024, tamano: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)``: ``X`` ``(n_ejemplos, 1, tamano, tamano)`` ``float32``, ``y`` ``(n_ejemplos,)``."""
    n_ejemplos = entero_positivo(n_ejemplos, "n_ejemplos")
    (X, y), _, _ = cargar_digitos_imagenes(0, dtype=np.float32)
    repeticiones = -(-n_ejemplos // len(y))
    X, y = np.tile(X, (repeticiones, 1, 1, 1))[:n_ejemplos], np.tile(y, repeticiones)[:n_ejemplos]
    return digitos_en_lienzo(X, tamano, "aleatoria", semilla=0)[0], y


def medir_modelo(
    fabrica: Callable[[], nn.Module],
    datos: tuple[np.ndarray, np.ndarray],
    dispositivo: torch.device,
    tamano_lote: int = 64,
    repeticiones: int = 3,
) -> dict[str, float]:
    """Segundos de una época de entrenamiento y de la inferencia de ``fabrica()`` en ``dispositivo``:
    ``{"epoca": …, "inferencia": …}`` (mínimo de ``repeticiones``, tras un calentamiento)."""
    modelo = mover(fabrica(), dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=1e-3)
    perdida = nn.CrossEntropyLoss()
    cargador = crear_cargador(*datos, tamano_lote=tamano_lote, semilla=0, dispositivo=dispositivo)
    X = mover(torch.as_tensor(datos[0]), dispositivo)

    def epoca() -> None:
        entrenar_epoca(modelo, cargador, perdida, optimizador, dispositivo)
        sincronizar(dispositivo)

    @torch.no_grad()
    def inferencia() -> None:
        modelo.eval()
        for inicio in range(0, X.shape[0], 4 * tamano_lote):
            modelo(X[inicio : inicio + 4 * tamano_lote])
        sincronizar(dispositivo)
        modelo.train()

    tiempos = {}
    for nombre, funcion in (("epoca", epoca), ("inferencia", inferencia)):
        funcion()  # calentamiento
        tiempos[nombre] = medir_tiempo(funcion, repeticiones)
    return tiempos


def medir_tiempos(
    preferencia: str = "auto",
    n_ejemplos: int = 1024,
    tamano: int = 32,
    tamano_lote: int = 64,
    repeticiones: int = 3,
    modelos: Sequence[str] = tuple(MODELOS_TIEMPOS),
    hilos: int | None = None,
    informar: bool = True,
) -> dict[str, Any]:
    """Mide cada modelo en el dispositivo elegido (``seleccionar_dispositivo(preferencia)``) y en
    la CPU. Devuelve ``{"dispositivo": texto, "en_cpu": bool, "config": {...}, "filas": [...]}`` con
    una fila por modelo: ``modelo``, ``parametros``, ``epoca_cpu``, ``epoca``, ``inferencia_cpu``,
    ``inferencia`` (segundos)."""
    desconocidos = [m for m in modelos if m not in MODELOS_TIEMPOS]
    if desconocidos:
        raise ValueError(
            f"modelos desconocidos: {desconocidos}; se esperaban algunos de {', '.join(MODELOS_TIEMPOS)}"
        )
    repeticiones = entero_positivo(repeticiones, "repeticiones")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    dispositivo = seleccionar_dispositivo(preferencia, informar=informar)
    en_cpu = dispositivo.type == "cpu"
    datos = datos_tiempos(n_ejemplos, tamano)
    cpu = torch.device("cpu")
    filas = []
    with mismos_hilos(hilos) as n_hilos:
        for nombre in modelos:
            fabrica = MODELOS_TIEMPOS[nombre]
            en_disp = medir_modelo(fabrica, datos, dispositivo, tamano_lote, repeticiones)
            base = en_disp if en_cpu else medir_modelo(fabrica, datos, cpu, tamano_lote, repeticiones)
            filas.append(
                {
                    "modelo": nombre,
                    "parametros": contar_parametros(fabrica()),
                    "epoca_cpu": base["epoca"],
                    "epoca": en_disp["epoca"],
                    "inferencia_cpu": base["inferencia"],
                    "inferencia": en_disp["inferencia"],
                }
            )
    config = {
        "n_ejemplos": len(datos[1]),
        "tamano": tamano,
        "tamano_lote": tamano_lote,
        "repeticiones": repeticiones,
        "hilos": n_hilos,
    }
    return {
        "dispositivo": describir_dispositivo(dispositivo),
        "en_cpu": en_cpu,
        "config": config,
        "filas": filas,
    }


def tabla_tiempos(resultados: dict[str, Any]) -> str:
    """Texto con la tabla de ``medir_tiempos``: segundos en la CPU, en el dispositivo y su cociente."""
    c = resultados["config"]
    lineas = [
        f"Dispositivo: {resultados['dispositivo']}. {c['n_ejemplos']} imágenes 1×{c['tamano']}×{c['tamano']} "
        f"float32, lotes de {c['tamano_lote']}, mínimo de {c['repeticiones']} medida(s), "
        f"{c['hilos']} hilo(s) de CPU.",
    ]
    if resultados["en_cpu"]:
        lineas.append("El dispositivo es la CPU: se mide una vez y los cocientes son 1.")
    lineas.append(
        f"{'modelo':<15}{'parámetros':>11}{'época CPU':>11}{'época disp.':>13}{'×':>7}"
        f"{'infer. CPU':>12}{'infer. disp.':>14}{'×':>7}"
    )
    for f in resultados["filas"]:
        lineas.append(
            f"{f['modelo']:<15}{f['parametros']:>11}{f['epoca_cpu']:>11.4f}{f['epoca']:>13.4f}"
            f"{f['epoca_cpu'] / f['epoca']:>7.2f}{f['inferencia_cpu']:>12.4f}{f['inferencia']:>14.4f}"
            f"{f['inferencia_cpu'] / f['inferencia']:>7.2f}"
        )
    lineas.append("(segundos; × = segundos en la CPU / segundos en el dispositivo)")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(
        description="Tiempo de una época y de la inferencia de LeNet, VGG y ResNet: dispositivo frente a CPU"
    )
    analizador.add_argument("--dispositivo", default="auto", help="auto, cuda, cuda:N, mps o cpu")
    analizador.add_argument("--n-ejemplos", type=int, default=1024, help="imágenes por época")
    analizador.add_argument("--tamano", type=int, default=32, help="lado del lienzo (≥ 8)")
    analizador.add_argument("--tamano-lote", type=int, default=64, help="ejemplos por lote")
    analizador.add_argument(
        "--repeticiones", type=int, default=3, help="medidas por tiempo (se queda el mínimo)"
    )
    analizador.add_argument("--hilos", type=int, default=None, help="hilos de CPU (por defecto, los núcleos)")
    analizador.add_argument(
        "--modelos", nargs="+", default=list(MODELOS_TIEMPOS), choices=list(MODELOS_TIEMPOS)
    )
    args = analizador.parse_args(argumentos)
    resultados = medir_tiempos(
        args.dispositivo,
        args.n_ejemplos,
        args.tamano,
        args.tamano_lote,
        args.repeticiones,
        args.modelos,
        args.hilos,
    )
    print(tabla_tiempos(resultados))
    return 0


if __name__ == "__main__":
    sys.exit(main())
