"""Entrenamiento distribuido de datos (DDP) del MLP de dígitos con ``torchrun``.

Idea (*data parallel*): cada proceso tiene **una copia completa** del modelo y recibe una parte
distinta de cada lote. Tras ``backward``, ``DistributedDataParallel`` **promedia los gradientes**
entre procesos (una operación *all-reduce*) y todos aplican el mismo paso: las copias siguen
siendo idénticas. Con ``P`` procesos y lotes de ``B`` ejemplos por proceso, es como entrenar en
un solo proceso con lotes de ``P·B`` ejemplos, pero repartiendo el cálculo.

Uso (2 procesos en la CPU con el *backend* gloo; en GPU, NCCL y una GPU por proceso)::

    torchrun --standalone --nproc_per_node=2 -m Lab08_Frameworks_DeepLearning.codigo.ddp_digitos \\
        --epocas 3 --comprobar

En varias máquinas, cada una lanza ``torchrun --nnodes=2 --node_rank=i --rdzv_endpoint=host:puerto
--nproc_per_node=<GPU por máquina> …`` con el mismo script: no cambia ni una línea.
``--comprobar`` entrena además el modelo equivalente en un solo proceso y compara los pesos.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from Lab06_Entrenamiento.codigo import Estandarizador, cargar_datos

from .modelos_torch import MLPTorch

__all__ = [
    "ConfiguracionDDP",
    "datos_ddp",
    "configurar_proceso",
    "entrenar_ddp",
    "entrenar_referencia",
    "diferencia_maxima",
    "lanzar_torchrun",
    "main",
]

RAIZ_CURSO = Path(__file__).resolve().parents[2]


@dataclass
class ConfiguracionDDP:
    """Hiperparámetros del experimento (iguales en todos los procesos)."""

    epocas: int = 3
    tamano_lote: int = 16  # ejemplos por proceso y paso
    tasa_aprendizaje: float = 0.05
    momento: float = 0.9
    n_muestras: int = 512  # primeros dígitos usados (pocos: es una demostración)
    oculta: int = 32
    semilla: int = 0


def datos_ddp(config: ConfiguracionDDP) -> TensorDataset:
    """Los ``n_muestras`` primeros dígitos, estandarizados, en ``float64`` (para comparar exacto)."""
    X, y = cargar_datos("digitos")
    X, y = X[: config.n_muestras], y[: config.n_muestras]
    X = Estandarizador().ajustar_transformar(X)
    return TensorDataset(torch.as_tensor(X, dtype=torch.float64), torch.as_tensor(y, dtype=torch.long))


def _modelo(config: ConfiguracionDDP) -> MLPTorch:
    return MLPTorch([64, config.oculta, 10], semilla=config.semilla, dtype=torch.float64)


def _optimizador(modelo: nn.Module, config: ConfiguracionDDP) -> torch.optim.Optimizer:
    return torch.optim.SGD(modelo.parameters(), lr=config.tasa_aprendizaje, momentum=config.momento)


def configurar_proceso() -> tuple[int, int, torch.device, str]:
    """Lee ``RANK``/``WORLD_SIZE``/``LOCAL_RANK`` (los pone ``torchrun``) e inicia el grupo.

    NCCL (GPU) si hay al menos una GPU por proceso; si no, gloo en la CPU.
    Devuelve ``(rango, n_procesos, dispositivo, backend)``.
    """
    rango = int(os.environ.get("RANK", 0))
    n_procesos = int(os.environ.get("WORLD_SIZE", 1))
    local = int(os.environ.get("LOCAL_RANK", 0))
    if torch.cuda.is_available() and torch.cuda.device_count() >= int(os.environ.get("LOCAL_WORLD_SIZE", 1)):
        backend, dispositivo = "nccl", torch.device("cuda", local)
        torch.cuda.set_device(dispositivo)
    else:
        backend, dispositivo = "gloo", torch.device("cpu")
    if not dist.is_initialized():
        dist.init_process_group(backend=backend)
    return rango, n_procesos, dispositivo, backend


def entrenar_ddp(config: ConfiguracionDDP) -> tuple[nn.Module, list[float], dict]:
    """Entrena con DDP dentro de un proceso lanzado por ``torchrun``.

    Devuelve ``(modelo sin envoltorio, pérdida media por época, información)``.
    """
    rango, n_procesos, dispositivo, backend = configurar_proceso()
    conjunto = datos_ddp(config)
    muestreador = DistributedSampler(
        conjunto, num_replicas=n_procesos, rank=rango, shuffle=True, seed=config.semilla
    )
    cargador = DataLoader(
        conjunto, batch_size=config.tamano_lote, sampler=muestreador, pin_memory=dispositivo.type == "cuda"
    )
    modelo = _modelo(config).to(dispositivo)
    modelo_ddp = nn.parallel.DistributedDataParallel(
        modelo, device_ids=[dispositivo.index] if dispositivo.type == "cuda" else None
    )
    optimizador = _optimizador(modelo_ddp, config)
    perdidas = []
    for epoca in range(config.epocas):
        muestreador.set_epoch(epoca)  # otro orden en cada época, el mismo en todos los procesos
        suma = torch.zeros(2, dtype=torch.float64, device=dispositivo)
        for X_lote, y_lote in cargador:
            X_lote = X_lote.to(dispositivo, non_blocking=True)  # asíncrono desde memoria fijada (GPU)
            y_lote = y_lote.to(dispositivo, non_blocking=True)
            optimizador.zero_grad()
            perdida = nn.functional.cross_entropy(modelo_ddp(X_lote), y_lote)
            perdida.backward()  # aquí DDP promedia los gradientes entre los procesos
            optimizador.step()
            suma += torch.stack(
                [perdida.detach() * len(y_lote), torch.tensor(len(y_lote), device=dispositivo)]
            )
        dist.all_reduce(suma)  # suma de todos los procesos, para informar de la pérdida global
        perdidas.append(float(suma[0] / suma[1]))
    informacion = {
        "rango": rango,
        "n_procesos": n_procesos,
        "backend": backend,
        "dispositivo": str(dispositivo),
        "ejemplos_por_proceso": len(muestreador),
    }
    return modelo, perdidas, informacion


def entrenar_referencia(config: ConfiguracionDDP, n_procesos: int = 2) -> tuple[nn.Module, list[float]]:
    """El mismo entrenamiento en **un solo proceso**: cada paso usa la unión de los lotes que
    los ``n_procesos`` habrían recibido (mismos ``DistributedSampler``), es decir, lotes de
    ``n_procesos · tamano_lote`` ejemplos. Debe dar el mismo modelo que ``entrenar_ddp``."""
    conjunto = datos_ddp(config)
    muestreadores = [
        DistributedSampler(conjunto, num_replicas=n_procesos, rank=r, shuffle=True, seed=config.semilla)
        for r in range(n_procesos)
    ]
    modelo = _modelo(config)
    optimizador = _optimizador(modelo, config)
    X, y = conjunto.tensors
    perdidas = []
    for epoca in range(config.epocas):
        ordenes = []
        for muestreador in muestreadores:
            muestreador.set_epoch(epoca)
            ordenes.append(list(muestreador))
        suma, n_total = 0.0, 0
        for inicio in range(0, len(ordenes[0]), config.tamano_lote):
            indices = [i for orden in ordenes for i in orden[inicio : inicio + config.tamano_lote]]
            optimizador.zero_grad()
            perdida = nn.functional.cross_entropy(modelo(X[indices]), y[indices])
            perdida.backward()
            optimizador.step()
            suma += perdida.item() * len(indices)
            n_total += len(indices)
        perdidas.append(suma / n_total)
    return modelo, perdidas


def diferencia_maxima(a: nn.Module, b: nn.Module) -> float:
    """Máxima diferencia absoluta entre los parámetros de dos modelos con la misma arquitectura."""
    estado_a, estado_b = a.state_dict(), b.state_dict()
    return max(float((estado_a[k].cpu() - estado_b[k].cpu()).abs().max()) for k in estado_a)


def lanzar_torchrun(
    argumentos: list[str],
    n_procesos: int = 2,
    tiempo_maximo: float = 300,
    modulo: str = "Lab08_Frameworks_DeepLearning.codigo.ddp_digitos",
) -> subprocess.CompletedProcess:
    """Ejecuta el script ``modulo`` (por defecto, éste) con ``torchrun --standalone
    --nproc_per_node=n_procesos`` y devuelve el resultado (``.returncode``, ``.stdout`` con lo que
    imprimió el proceso 0, ``.stderr``). Otros laboratorios lanzan así sus propios scripts."""
    entorno = dict(os.environ)
    entorno.setdefault("OMP_NUM_THREADS", "1")  # un hilo por proceso: no se pisan en pocos núcleos
    entorno["PYTHONPATH"] = os.pathsep.join(filter(None, [str(RAIZ_CURSO), entorno.get("PYTHONPATH")]))
    orden = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc_per_node={n_procesos}",
        "-m",
        modulo,
        *argumentos,
    ]
    return subprocess.run(
        orden, capture_output=True, text=True, env=entorno, cwd=RAIZ_CURSO, timeout=tiempo_maximo
    )


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="MLP de dígitos con DistributedDataParallel (torchrun)")
    por_defecto = ConfiguracionDDP()
    for campo, valor in asdict(por_defecto).items():
        analizador.add_argument(f"--{campo.replace('_', '-')}", type=type(valor), default=valor)
    analizador.add_argument(
        "--salida", type=Path, default=None, help="dónde guardar el state_dict final (.pt)"
    )
    analizador.add_argument(
        "--comprobar", action="store_true", help="comparar con el mismo entrenamiento en un solo proceso"
    )
    args = analizador.parse_args(argumentos)
    if "RANK" not in os.environ:
        print(
            "Este script se lanza con torchrun, que crea los procesos y les dice quiénes son:\n"
            "  torchrun --standalone --nproc_per_node=2 -m Lab08_Frameworks_DeepLearning.codigo.ddp_digitos"
        )
        return 2
    config = ConfiguracionDDP(**{c: getattr(args, c) for c in asdict(por_defecto)})
    modelo, perdidas, info = entrenar_ddp(config)
    if info["rango"] == 0:
        print(
            f"procesos: {info['n_procesos']} | backend: {info['backend']} | dispositivo del proceso 0: "
            f"{info['dispositivo']} | ejemplos por proceso y época: {info['ejemplos_por_proceso']}"
        )
        for epoca, perdida in enumerate(perdidas, start=1):
            print(f"época {epoca}: pérdida media (todos los procesos) {perdida:.4f}")
        if args.salida is not None:
            args.salida.parent.mkdir(parents=True, exist_ok=True)
            torch.save({k: v.cpu() for k, v in modelo.state_dict().items()}, args.salida)
            print(f"pesos guardados en {args.salida}")
        if args.comprobar:
            referencia, _ = entrenar_referencia(config, info["n_procesos"])
            diferencia = diferencia_maxima(modelo, referencia)
            lote_total = info["n_procesos"] * config.tamano_lote
            print(
                f"¿mismo modelo que en un solo proceso con lotes de {lote_total}? {diferencia < 1e-9} "
                "(diferencia máxima < 1e-9)"
            )
    dist.barrier()
    dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
