"""El GPT pequeño con ``DistributedDataParallel``: la misma idea que ``ddp_digitos`` del Lab08.

Cada proceso tiene una copia del modelo (los mismos pesos iniciales: DDP los copia del proceso 0
al envolverlo) y sortea **sus propios lotes** (semilla ``semilla + rango``). Tras ``backward``, DDP
promedia los gradientes y todos dan el mismo paso de AdamW. Con ``P`` procesos y lotes de ``B``
ventanas cada uno, equivale a un proceso con lotes de ``P·B``: los lotes de todos, uno tras otro.
``comprobar`` lo verifica entrenando ese modelo de un solo proceso y comparando los pesos.

Se lanza con ``torchrun`` (o ``lanzar_torchrun`` del Lab08 con
``modulo="Lab12_Transformers.codigo.entrenar_gpt"``); ``entrenar_gpt.py`` llama aquí a ``main_ddp``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import numpy as np
import torch
import torch.distributed as dist
from torch import nn

from Lab08_Frameworks_DeepLearning.codigo.ddp_digitos import configurar_proceso, diferencia_maxima
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import lotes_caracteres

from .entrenar_gpt import configuracion_gpt, entrenar_gpt
from .gpt import ConfiguracionGPT, GPTPequeno

__all__ = ["lotes_unidos", "entrenar_gpt_ddp", "entrenar_gpt_referencia", "main_ddp"]


def lotes_unidos(
    ids: np.ndarray, longitud: int, tamano_lote: int, semilla: int, n_procesos: int, pasos: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Los lotes que habrían recibido los ``n_procesos`` (semillas ``semilla + rango``), unidos por
    filas en el orden de los rangos: cada uno ``(n_procesos · tamano_lote, longitud)``."""
    fuentes = [lotes_caracteres(ids, longitud, tamano_lote, semilla + r, n_lotes=pasos)
               for r in range(n_procesos)]
    for partes in zip(*fuentes):
        yield np.concatenate([X for X, _ in partes]), np.concatenate([Y for _, Y in partes])


def entrenar_gpt_ddp(
    config: ConfiguracionGPT, ids_e: np.ndarray, ids_v: np.ndarray, entrenamiento: dict,
    semilla: int = 0, dtype: torch.dtype = torch.float32,
) -> tuple[nn.Module, dict, dict]:
    """Entrena con DDP dentro de un proceso de ``torchrun``. Devuelve ``(modelo sin envoltorio,
    historial de este proceso, información)``; sólo el proceso 0 evalúa y muestra la barra."""
    rango, n_procesos, dispositivo, backend = configurar_proceso()
    modelo = GPTPequeno(config, semilla=semilla).to(dtype=dtype, device=dispositivo)
    modelo_ddp = nn.parallel.DistributedDataParallel(
        modelo, device_ids=[dispositivo.index] if dispositivo.type == "cuda" else None
    )
    opciones = {k: v for k, v in entrenamiento.items() if k != "segundos_maximos"}
    historial = entrenar_gpt(modelo_ddp, ids_e, ids_v, dispositivo=dispositivo, semilla=semilla + rango,
                             **opciones)
    informacion = {"rango": rango, "n_procesos": n_procesos, "backend": backend,
                   "dispositivo": str(dispositivo)}
    return modelo, historial, informacion


def entrenar_gpt_referencia(
    config: ConfiguracionGPT, ids_e: np.ndarray, ids_v: np.ndarray, entrenamiento: dict,
    semilla: int = 0, n_procesos: int = 2, dtype: torch.dtype = torch.float32,
) -> tuple[nn.Module, dict]:
    """El mismo entrenamiento en **un solo proceso** con ``lotes_unidos``: debe dar el mismo modelo."""
    opciones = {k: v for k, v in entrenamiento.items() if k != "segundos_maximos"}
    modelo = GPTPequeno(config, semilla=semilla).to(dtype)
    lotes = lotes_unidos(ids_e, config.contexto, opciones["tamano_lote"], semilla, n_procesos,
                         opciones["pasos"])
    historial = entrenar_gpt(modelo, ids_e, ids_v, dispositivo="cpu", semilla=semilla, lotes=lotes,
                             **opciones)
    return modelo, historial


def main_ddp(
    args: argparse.Namespace, vocabulario, ids_e: np.ndarray, ids_v: np.ndarray, cambios: dict,
    entrenamiento: dict,
) -> int:
    """El script ``entrenar_gpt`` bajo ``torchrun``: entrena, el proceso 0 informa y, con
    ``--comprobar`` (``float64`` y sin dropout), compara con la referencia de un proceso."""
    dtype = torch.float64 if args.comprobar else torch.float32
    if args.comprobar:
        cambios = {**cambios, "dropout": 0.0}
        entrenamiento = {**entrenamiento, "evaluar_cada": 0, "barra_progreso": False}
    config = configuracion_gpt(len(vocabulario), args.programa, **cambios)
    modelo, historial, info = entrenar_gpt_ddp(config, ids_e, ids_v, entrenamiento, args.semilla, dtype)
    if info["rango"] == 0:
        lote_total = info["n_procesos"] * entrenamiento["tamano_lote"]
        print(f"procesos: {info['n_procesos']} | backend: {info['backend']} | dispositivo del proceso 0: "
              f"{info['dispositivo']} | lotes de {entrenamiento['tamano_lote']} ventanas por proceso "
              f"({lote_total} en total)")
        print(f"pasos: {historial['pasos'][0]} en {historial['segundos'][0]:.1f} s | tokens por segundo: "
              f"{historial['tokens_por_segundo'][0]:.0f} por proceso, "
              f"{historial['tokens_por_segundo'][0] * info['n_procesos']:.0f} en total")
        print(f"pérdida de entrenamiento: primer paso {historial['perdida'][0]:.4f}, "
              f"último {historial['perdida'][-1]:.4f}")
        if historial["perdida_val"]:
            print(f"pérdida de validación (nats/carácter): {historial['perdida_val'][-1]:.4f}")
        if args.salida is not None:
            args.salida.parent.mkdir(parents=True, exist_ok=True)
            torch.save({k: v.cpu() for k, v in modelo.state_dict().items()}, args.salida)
            print(f"pesos guardados en {args.salida}")
        if args.comprobar:
            referencia, _ = entrenar_gpt_referencia(config, ids_e, ids_v, entrenamiento, args.semilla,
                                                    info["n_procesos"], dtype)
            diferencia = diferencia_maxima(modelo, referencia)
            print(f"¿mismo modelo que en un solo proceso con lotes de {lote_total}? {diferencia < 1e-9} "
                  f"(diferencia máxima {diferencia:.2e} < 1e-9, float64)")
    dist.barrier()
    dist.destroy_process_group()
    return 0
