"""Entrenar el GPT pequeño con el corpus del curso, y el script que lo hace en un minuto.

- ``tasa_calentamiento_coseno``: la tasa de aprendizaje de cada paso: sube en línea recta durante
  el **calentamiento** (los primeros pasos, con Adam aún sin estadísticas, son los más inestables) y
  después baja como un coseno hasta ``fraccion_minima · tasa``.
- ``entrenar_gpt``: AdamW con esa tasa, recorte de la norma del gradiente, lotes de
  ``lotes_caracteres`` (Lab11) y la pérdida de validación de ``perdida_gpt``.
- ``configuracion_gpt`` / ``PROGRAMAS``: el modelo y los hiperparámetros del script (``"completo"``,
  ≈ 60 s en una CPU de 2 núcleos) y del cuaderno (``"cuaderno"``, ≈ 10–15 s).

Uso (en la CPU, en una GPU o con varios procesos)::

    python -m Lab12_Transformers.codigo.entrenar_gpt                        # 60 s, CPU o GPU
    python -m Lab12_Transformers.codigo.entrenar_gpt --segundos 30 --con-lstm --salida gpt.pt
    torchrun --standalone --nproc_per_node=2 -m Lab12_Transformers.codigo.entrenar_gpt --pasos 50
    torchrun --standalone --nproc_per_node=2 -m Lab12_Transformers.codigo.entrenar_gpt \\
        --pasos 3 --d-modelo 32 --n-capas 1 --contexto 32 --tamano-lote 4 --comprobar

Con ``torchrun`` (la variable ``RANK`` existe) el entrenamiento es ``DistributedDataParallel``
(``ddp_gpt.py``): cada proceso recibe lotes distintos y DDP promedia los gradientes.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import warnings
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import _ids_texto, lotes_caracteres

from .gpt import ConfiguracionGPT, GPTPequeno, perdida_gpt

__all__ = [
    "PROGRAMAS",
    "configuracion_gpt",
    "tasa_calentamiento_coseno",
    "entrenar_gpt",
    "main",
]

#: Modelo (campos de ``ConfiguracionGPT`` salvo ``n_tokens``) y entrenamiento de cada programa.
#: Medido en una CPU de 2 núcleos: ``"completo"`` (355 872 parámetros) da ≈ 2 900 pasos en 60 s y
#: 1.73–1.76 nats/carácter en validación (bigramas 2.62, LSTM del Lab11 1.93); ``"cuaderno"`` da 1 000
#: pasos en ≈ 15 s y 2.05: ya muy por debajo de los bigramas, aún por encima del LSTM.
#: Lotes pequeños y muchos pasos rinden más que lotes grandes con el mismo tiempo; con d = 64 y la
#: misma receta el modelo tarda mucho más en salir de la meseta de los bigramas (≈ 2.6).
PROGRAMAS: dict[str, dict[str, dict]] = {
    "completo": {
        "modelo": {"contexto": 64, "d_modelo": 96, "n_cabezas": 4, "n_capas": 3, "dropout": 0.0},
        "entrenamiento": {"pasos": 5000, "tamano_lote": 8, "tasa": 5e-3, "calentamiento": 50,
                          "segundos_maximos": 60.0},
    },
    "cuaderno": {
        "modelo": {"contexto": 32, "d_modelo": 96, "n_cabezas": 4, "n_capas": 2, "dropout": 0.0},
        "entrenamiento": {"pasos": 1000, "tamano_lote": 16, "tasa": 5e-3, "calentamiento": 50,
                          "segundos_maximos": None},
    },
}


def configuracion_gpt(n_tokens: int, programa: str = "completo", **cambios: object) -> ConfiguracionGPT:
    """La ``ConfiguracionGPT`` de ``PROGRAMAS[programa]`` con ``cambios`` la modifican."""
    if programa not in PROGRAMAS:
        raise ValueError(f"programa desconocido: {programa!r}; se esperaba uno de {', '.join(PROGRAMAS)}")
    return ConfiguracionGPT(n_tokens=n_tokens, **{**PROGRAMAS[programa]["modelo"], **cambios})  # type: ignore[arg-type]


def tasa_calentamiento_coseno(
    paso: int, pasos: int, tasa: float, calentamiento: int, fraccion_minima: float = 0.1,
    progreso: float | None = None,
) -> float:
    """Tasa del paso ``paso`` (desde 0): ``tasa · (paso + 1) / calentamiento`` durante el calentamiento;
    después ``tasa · (m + (1 − m) · (1 + cos(π · progreso)) / 2)`` con ``m = fraccion_minima`` y
    ``progreso = (paso − calentamiento) / (pasos − calentamiento)`` entre 0 y 1 (o el ``progreso``
    dado, p. ej. la fracción del tiempo gastada)."""
    if paso < calentamiento:
        return tasa * (paso + 1) / calentamiento
    if progreso is None:
        progreso = (paso - calentamiento) / max(1, pasos - calentamiento)
    progreso = min(1.0, max(0.0, progreso))
    return tasa * (fraccion_minima + (1.0 - fraccion_minima) * 0.5 * (1.0 + math.cos(math.pi * progreso)))


def _optimizador(modelo: nn.Module, tasa: float, decaimiento: float) -> torch.optim.AdamW:
    """AdamW; el decaimiento de pesos sólo en las matrices (no en sesgos ni en las LayerNorm), como GPT-2."""
    con, sin = [], []
    for parametro in modelo.parameters():  # los atados aparecen una vez
        (con if parametro.ndim >= 2 else sin).append(parametro)
    grupos = [{"params": con, "weight_decay": decaimiento}, {"params": sin, "weight_decay": 0.0}]
    return torch.optim.AdamW(grupos, lr=tasa, betas=(0.9, 0.99))


def _es_proceso_principal() -> bool:
    distribuido = torch.distributed.is_available() and torch.distributed.is_initialized()
    return not distribuido or torch.distributed.get_rank() == 0


def entrenar_gpt(
    modelo: nn.Module,
    ids_entrenamiento: object,
    ids_validacion: object,
    pasos: int = 1000,
    longitud: int | None = None,
    tamano_lote: int = 32,
    tasa: float = 3e-3,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
    barra_progreso: bool = True,
    evaluar_cada: int | None = None,
    calentamiento: int | None = None,
    segundos_maximos: float | None = None,
    recorte: float | None = 1.0,
    decaimiento: float = 0.1,
    lotes: Iterable[tuple[np.ndarray, np.ndarray]] | None = None,
) -> dict[str, list[float]]:
    """Entrena ``modelo`` (un ``GPTPequeno``, o envuelto en ``DistributedDataParallel``) con AdamW.

    En cada paso: lote ``(X, Y)`` de ``lotes_caracteres`` (``longitud``: ``None`` = el contexto del
    modelo) → logits ``(B, T, V)`` → entropía cruzada con ``Y`` → ``backward`` →
    ``clip_grad_norm_(…, recorte)`` → tasa de ``tasa_calentamiento_coseno`` (``calentamiento``:
    ``None`` = un 5 % de los pasos) → ``step``. ``lotes`` sustituye a los lotes al azar (la
    comprobación de DDP lo usa). El modelo se mueve a ``dispositivo`` (``None``: donde ya está).

    ``segundos_maximos``: si se da, el entrenamiento para al gastarlos aunque falten pasos, y el
    coseno avanza con ``max(fracción de pasos, fracción de tiempo)`` para terminar frío a tiempo
    (así, en una máquina lenta se dan menos pasos, pero bien acabados; el número de pasos ya no es
    reproducible). Con DDP no se admite (los procesos podrían parar en pasos distintos).

    Cada ``evaluar_cada`` pasos (``None``: unas 10 veces; ``0``: nunca) y al final se mide
    ``perdida_gpt`` en validación (con DDP, sólo el proceso 0). El dropout sortea con ``semilla``
    dentro de ``torch.random.fork_rng`` (la semilla global no cambia).

    Devuelve ``{"perdida": [una por paso], "tasa": [una por paso], "norma_gradiente": [...],
    "pasos_val": [0, k, …], "perdida_val": [...], "segundos": [total], "tokens_por_segundo":
    [tokens de entrenamiento / segundos sin contar las evaluaciones], "pasos": [pasos dados]}``.
    """
    base = modelo.module if isinstance(modelo, nn.parallel.DistributedDataParallel) else modelo
    pasos = entero_positivo(pasos, "pasos")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    longitud = base.contexto if longitud is None else entero_positivo(longitud, "longitud")
    if longitud > base.contexto:
        raise ValueError(f"longitud={longitud} supera el contexto del modelo ({base.contexto})")
    calentamiento = max(1, pasos // 20) if calentamiento is None else entero_positivo(calentamiento,
                                                                                      "calentamiento", 0)
    if recorte is not None:
        recorte = numero_real(recorte, "recorte", 0.0, incluir_minimo=False)
    decaimiento = numero_real(decaimiento, "decaimiento", 0.0)
    if segundos_maximos is not None:
        segundos_maximos = numero_real(segundos_maximos, "segundos_maximos", 0.0, incluir_minimo=False)
        if base is not modelo:
            raise ValueError("segundos_maximos no se admite con DistributedDataParallel: use pasos")
    evaluar_cada = max(1, pasos // 10) if evaluar_cada is None else entero_positivo(evaluar_cada,
                                                                                   "evaluar_cada", 0)
    evaluar = evaluar_cada > 0 and _es_proceso_principal()
    validacion = _ids_texto(ids_validacion, "ids_validacion")
    if lotes is None:
        lotes = lotes_caracteres(ids_entrenamiento, longitud, tamano_lote, semilla, n_lotes=pasos)
    dispositivo = torch.device(dispositivo) if dispositivo is not None else next(base.parameters()).device
    mover(base, dispositivo)
    optimizador = _optimizador(modelo, tasa, decaimiento)
    historial: dict[str, list[float]] = {"pasos_val": [], "perdida_val": []}

    def validar(paso: int) -> float:
        inicio_val = time.perf_counter()
        historial["pasos_val"].append(paso)
        historial["perdida_val"].append(perdida_gpt(base, validacion, dispositivo))
        return time.perf_counter() - inicio_val

    barra = None
    if barra_progreso and _es_proceso_principal():
        with warnings.catch_warnings():  # en Jupyter sin ipywidgets, tqdm avisa y usa texto
            warnings.simplefilter("ignore")
            from tqdm.auto import tqdm
        barra = tqdm(total=pasos, desc="entrenando", unit="paso")
    perdidas, normas, tasas = [], [], []
    tokens, en_validacion = 0, 0.0
    inicio = time.perf_counter()
    if evaluar:
        en_validacion += validar(0)
    indices_cuda = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    modelo.train()
    try:
        with torch.random.fork_rng(devices=indices_cuda):
            torch.manual_seed(int(semilla))
            for paso, (X, Y) in enumerate(lotes, start=1):
                if paso > pasos:
                    break
                transcurrido = time.perf_counter() - inicio
                progreso = None
                if segundos_maximos is not None:
                    if paso > 1 and transcurrido >= segundos_maximos:
                        break
                    por_pasos = (paso - 1 - calentamiento) / max(1, pasos - calentamiento)
                    progreso = max(por_pasos, transcurrido / segundos_maximos)
                tasa_paso = tasa_calentamiento_coseno(paso - 1, pasos, tasa, calentamiento, progreso=progreso)
                for grupo in optimizador.param_groups:
                    grupo["lr"] = tasa_paso
                X, Y = mover((torch.as_tensor(X), torch.as_tensor(Y)), dispositivo, non_blocking=True)
                optimizador.zero_grad(set_to_none=True)
                logits = modelo(X)
                perdida = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y.reshape(-1))
                perdida.backward()  # con DDP, aquí se promedian los gradientes entre procesos
                norma = nn.utils.clip_grad_norm_(modelo.parameters(), recorte if recorte else math.inf)
                optimizador.step()
                perdidas.append(perdida.detach())  # sin float() por paso: no se espera a la GPU
                normas.append(norma.detach())
                tasas.append(tasa_paso)
                tokens += Y.numel()
                if evaluar and paso % evaluar_cada == 0:
                    en_validacion += validar(paso)
                    modelo.train()
                    if barra is not None:
                        barra.set_postfix(perdida=f"{float(perdida.detach()):.3f}",
                                          perdida_val=f"{historial['perdida_val'][-1]:.3f}")
                if barra is not None:
                    barra.update(1)
    finally:
        if barra is not None:
            barra.close()
    dados = len(perdidas)
    if evaluar and (not historial["pasos_val"] or historial["pasos_val"][-1] != dados):
        en_validacion += validar(dados)
    modelo.train()
    total = time.perf_counter() - inicio
    historial["perdida"] = torch.stack(perdidas).tolist() if perdidas else []
    historial["norma_gradiente"] = torch.stack(normas).tolist() if normas else []
    historial["tasa"] = tasas
    historial["segundos"] = [total]
    historial["tokens_por_segundo"] = [tokens / max(total - en_validacion, 1e-9)]
    historial["pasos"] = [dados]
    return historial


def _analizador() -> argparse.ArgumentParser:
    analizador = argparse.ArgumentParser(description="Entrena el GPT pequeño del Lab12 con el corpus")
    analizador.add_argument("--programa", choices=list(PROGRAMAS), default="completo")
    analizador.add_argument("--pasos", type=int, default=None, help="pasos (por defecto, los del programa)")
    analizador.add_argument("--segundos", type=float, default=None,
                            help="límite de tiempo (por defecto, el del programa; 0 = sin límite)")
    analizador.add_argument("--dispositivo", default="auto", help="auto, cpu, cuda, cuda:N o mps")
    analizador.add_argument("--salida", type=Path, default=None, help="configuración y pesos (.pt)")
    analizador.add_argument("--con-lstm", action="store_true", help="entrenar también el LSTM del Lab11")
    analizador.add_argument("--semilla", type=int, default=0)
    analizador.add_argument("--hilos", type=int, default=None, help="hilos de CPU (por defecto, los núcleos)")
    analizador.add_argument("--tamano-lote", type=int, default=None)
    analizador.add_argument("--tasa", type=float, default=None)
    for campo in ("contexto", "d_modelo", "n_cabezas", "n_capas"):
        analizador.add_argument(f"--{campo.replace('_', '-')}", type=int, default=None)
    analizador.add_argument("--comprobar", action="store_true",
                            help="(torchrun) comparar con un solo proceso que entrena con los lotes unidos")
    return analizador


def _muestras(modelo: nn.Module, vocabulario, dispositivo: torch.device) -> None:
    from .muestreo import generar_gpt

    inicio = "La red neuronal "
    for titulo, opciones in (("temperatura 0.5", {"temperatura": 0.5}),
                             ("temperatura 0.8", {"temperatura": 0.8}),
                             ("temperatura 1.0", {"temperatura": 1.0}),
                             ("top-k 10 (temperatura 1.0)", {"top_k": 10}),
                             ("top-p 0.9 (temperatura 1.0)", {"top_p": 0.9})):
        texto = generar_gpt(modelo, vocabulario, inicio, 160, semilla=0, dispositivo=dispositivo, **opciones)
        print(f"--- {titulo}:\n{texto!r}")


def main(argumentos: list[str] | None = None) -> int:
    from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import cargar_corpus, datos_caracteres

    args = _analizador().parse_args(argumentos)
    vocabulario, ids_e, ids_v = datos_caracteres(cargar_corpus())
    cambios = {c: getattr(args, c) for c in ("contexto", "d_modelo", "n_cabezas", "n_capas")
               if getattr(args, c) is not None}
    entrenamiento = dict(PROGRAMAS[args.programa]["entrenamiento"])
    for clave, valor in (("pasos", args.pasos), ("tamano_lote", args.tamano_lote), ("tasa", args.tasa)):
        if valor is not None:
            entrenamiento[clave] = valor
    entrenamiento["calentamiento"] = min(entrenamiento["calentamiento"], max(1, entrenamiento["pasos"] // 10))
    if args.segundos is not None:
        entrenamiento["segundos_maximos"] = args.segundos or None
    if "RANK" in os.environ:  # lanzado por torchrun
        from .ddp_gpt import main_ddp

        return main_ddp(args, vocabulario, ids_e, ids_v, cambios, entrenamiento)
    if args.comprobar:
        print("--comprobar compara varios procesos con uno: lance el script con torchrun, por ejemplo\n"
              "  torchrun --standalone --nproc_per_node=2 -m Lab12_Transformers.codigo.entrenar_gpt "
              "--pasos 3 --comprobar")
        return 2
    with mismos_hilos(args.hilos):
        return _entrenar_y_mostrar(args, vocabulario, ids_e, ids_v, cambios, entrenamiento)


def _entrenar_y_mostrar(args: argparse.Namespace, vocabulario, ids_e: np.ndarray, ids_v: np.ndarray,
                        cambios: dict, entrenamiento: dict) -> int:
    from Lab08_Frameworks_DeepLearning.codigo import (
        contar_parametros,
        describir_dispositivo,
        seleccionar_dispositivo,
    )
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import (
        LSTMCaracteres,
        entrenar_lstm_caracteres,
        perdida_bigramas,
    )

    dispositivo = seleccionar_dispositivo(args.dispositivo)
    config = configuracion_gpt(len(vocabulario), args.programa, **cambios)
    modelo = mover(GPTPequeno(config, semilla=args.semilla), dispositivo)
    print(f"GPT pequeño en {describir_dispositivo(dispositivo)}: {config}")
    print(f"parámetros: {contar_parametros(modelo)}")
    historial = entrenar_gpt(modelo, ids_e, ids_v, dispositivo=dispositivo, semilla=args.semilla,
                             evaluar_cada=max(1, entrenamiento["pasos"] // 4), **entrenamiento)
    print(f"pasos: {historial['pasos'][0]} en {historial['segundos'][0]:.1f} s | "
          f"tokens por segundo: {historial['tokens_por_segundo'][0]:.0f}")
    bigramas = perdida_bigramas(ids_e, ids_v, len(vocabulario))["bigramas"]
    print(f"pérdida de validación (nats/carácter): GPT {historial['perdida_val'][-1]:.4f} | "
          f"bigramas {bigramas:.4f} | uniforme {math.log(len(vocabulario)):.4f}")
    if args.con_lstm:
        lstm = mover(LSTMCaracteres(len(vocabulario), semilla=0), dispositivo)
        historial_lstm = entrenar_lstm_caracteres(lstm, ids_e, ids_v, dispositivo=dispositivo,
                                                  barra_progreso=False)
        print(f"LSTM del Lab11 (400 pasos, {historial_lstm['segundos'][0]:.1f} s): pérdida de validación "
              f"{historial_lstm['perdida_val'][-1]:.4f}")
    _muestras(modelo, vocabulario, dispositivo)
    if args.salida is not None:
        args.salida.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"config": asdict(config), "estado": {k: v.cpu() for k, v in modelo.state_dict().items()}},
                   args.salida)
        print(f"modelo guardado en {args.salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
