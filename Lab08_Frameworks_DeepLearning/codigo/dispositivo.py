"""Elegir dónde se calcula: GPU CUDA, GPU de Apple (MPS) o CPU.

Todos los cuadernos de frameworks (Lab08–Lab12) empiezan con::

    dispositivo = seleccionar_dispositivo()          # "auto": CUDA → MPS → CPU
    modelo = mover(modelo, dispositivo)              # los pesos viajan a la GPU (si la hay)
    X_lote, y_lote = mover((X_lote, y_lote), dispositivo, non_blocking=True)

La función **dice lo que eligió y por qué**. Si se pide una GPU que no existe, no falla:
avisa con claridad y usa la CPU, de modo que el mismo cuaderno funciona en un portátil,
en Colab con GPU o en un servidor con varias tarjetas.

TensorFlow decide solo: si ve una GPU, la usa. ``gpus_tensorflow()`` dice cuáles ve.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import torch

__all__ = ["PREFERENCIAS", "seleccionar_dispositivo", "mover", "describir_dispositivo", "gpus_tensorflow"]

#: Valores admitidos para ``preferencia`` (además de ``"cuda:N"`` para elegir la GPU número N).
PREFERENCIAS = ("auto", "cuda", "mps", "cpu")


def _mps_disponible() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def describir_dispositivo(dispositivo: torch.device | str) -> str:
    """Texto corto para una persona: ``"GPU CUDA 0 (NVIDIA H100, 79.1 GiB)"``, ``"CPU"``…"""
    dispositivo = torch.device(dispositivo)
    if dispositivo.type == "cuda":
        indice = dispositivo.index if dispositivo.index is not None else torch.cuda.current_device()
        propiedades = torch.cuda.get_device_properties(indice)
        memoria = propiedades.total_memory / 2**30
        return f"GPU CUDA {indice} ({propiedades.name}, {memoria:.1f} GiB)"
    if dispositivo.type == "mps":
        return "GPU de Apple (MPS)"
    if dispositivo.type == "cpu":
        return "CPU"
    return str(dispositivo)


def gpus_tensorflow() -> list[str]:
    """Nombres de las GPU que ve TensorFlow (lista vacía si ninguna). Importa TensorFlow."""
    import tensorflow as tf

    return [g.name for g in tf.config.list_physical_devices("GPU")]


def _interpretar(preferencia: object) -> tuple[str, int | None]:
    if not isinstance(preferencia, (str, torch.device)):
        raise TypeError(
            f"preferencia debe ser un texto ({', '.join(PREFERENCIAS)} o 'cuda:N'), "
            f"se recibió {type(preferencia).__name__}"
        )
    texto = str(preferencia).strip().lower()
    if texto == "gpu":
        texto = "cuda"
    tipo, _, numero = texto.partition(":")
    if tipo not in PREFERENCIAS or (numero and (tipo != "cuda" or not numero.isdigit())):
        raise ValueError(
            f"preferencia desconocida: {preferencia!r}; se esperaba una de {', '.join(PREFERENCIAS)} "
            "o 'cuda:N' (N = número de la GPU)"
        )
    return tipo, (int(numero) if numero else None)


def seleccionar_dispositivo(
    preferencia: str | torch.device = "auto",
    informar: bool = True,
    tensorflow: bool | None = None,
) -> torch.device:
    """Elige el ``torch.device`` donde calcular y explica la elección.

    - ``preferencia="auto"``: la primera disponible de GPU CUDA, GPU de Apple (MPS) y CPU.
    - ``"cuda"`` (o ``"cuda:N"``), ``"mps"``: esa GPU si existe; si no, la CPU con un aviso claro.
    - ``"cpu"``: siempre la CPU (útil para comparar o depurar).
    - ``informar``: imprime qué se eligió y por qué.
    - ``tensorflow``: además, dice qué GPU ve TensorFlow. ``None`` lo hace sólo si TensorFlow ya
      está importado (importarlo cuesta unos segundos y no todos los cuadernos lo usan).
    """
    tipo, numero = _interpretar(preferencia)
    hay_cuda = torch.cuda.is_available()
    n_cuda = torch.cuda.device_count() if hay_cuda else 0
    hay_mps = _mps_disponible()
    aviso = ""
    if tipo == "auto":
        if hay_cuda:
            elegido, motivo = torch.device("cuda", 0), "torch.cuda.is_available() es True"
        elif hay_mps:
            elegido, motivo = torch.device("mps"), "no hay CUDA, pero sí una GPU de Apple (MPS)"
        else:
            elegido = torch.device("cpu")
            motivo = "PyTorch no ve ninguna GPU CUDA ni de Apple (MPS)"
    elif tipo == "cuda":
        indice = 0 if numero is None else numero
        if hay_cuda and indice < n_cuda:
            elegido, motivo = torch.device("cuda", indice), f"se pidió {preferencia!r} y está disponible"
        else:
            elegido, motivo = torch.device("cpu"), "la GPU pedida no está disponible"
            if hay_cuda:
                aviso = (
                    f"⚠️ Se pidió {str(preferencia)!r}, pero sólo hay {n_cuda} GPU CUDA "
                    f"(números 0 a {n_cuda - 1}). Se usará la CPU."
                )
            else:
                aviso = (
                    f"⚠️ Se pidió {str(preferencia)!r}, pero PyTorch no ve ninguna GPU CUDA "
                    "(torch.cuda.is_available() es False: no hay tarjeta NVIDIA, falta el "
                    "controlador o este PyTorch se instaló sin CUDA). Se usará la CPU: todo "
                    "funciona igual, sólo más despacio."
                )
    elif tipo == "mps":
        if hay_mps:
            elegido, motivo = torch.device("mps"), "se pidió 'mps' y está disponible"
        else:
            elegido, motivo = torch.device("cpu"), "la GPU de Apple (MPS) no está disponible"
            aviso = (
                "⚠️ Se pidió 'mps', pero no hay GPU de Apple disponible (MPS sólo existe en "
                "Mac con chip Apple y PyTorch ≥ 1.12). Se usará la CPU."
            )
    else:
        elegido, motivo = torch.device("cpu"), "se pidió la CPU"
    if informar:
        if aviso:
            print(aviso)
        print(f"PyTorch usará: {describir_dispositivo(elegido)} (motivo: {motivo}).")
        if tensorflow or (tensorflow is None and "tensorflow" in sys.modules):
            gpus = gpus_tensorflow()
            if gpus:
                print(f"TensorFlow ve {len(gpus)} GPU: {', '.join(gpus)}; Keras las usará solo.")
            else:
                print("TensorFlow no ve ninguna GPU: Keras calculará en la CPU.")
    return elegido


def mover(objeto: Any, dispositivo: torch.device | str, non_blocking: bool = False) -> Any:
    """Lleva ``objeto`` al ``dispositivo`` y lo devuelve.

    Acepta un tensor, un ``nn.Module`` (se mueven sus pesos, en su sitio) o una tupla, lista o
    diccionario de ellos (p. ej. el lote ``(X, y)`` que da un ``DataLoader``). Los demás valores
    (números, textos, ``None``) se devuelven tal cual.

    ``non_blocking=True`` pide que la copia de la CPU a una GPU CUDA sea **asíncrona**: Python sigue
    sin esperar a que termine, y la GPU la ordena antes de las operaciones que usan el lote. Sólo
    adelanta algo si el tensor está en memoria fijada (``pin_memory``, ver ``crear_cargador``).
    Hacia la CPU (o en otro dispositivo) se ignora: leer en la CPU un tensor cuya copia aún no
    ha terminado daría valores a medio escribir.
    """
    dispositivo = torch.device(dispositivo)
    asincrono = bool(non_blocking) and dispositivo.type == "cuda"
    if isinstance(objeto, (torch.Tensor, torch.nn.Module)):
        return objeto.to(dispositivo, non_blocking=asincrono)
    if isinstance(objeto, tuple) and hasattr(objeto, "_fields"):  # namedtuple
        return type(objeto)(*(mover(o, dispositivo, asincrono) for o in objeto))
    if isinstance(objeto, (tuple, list)):
        return type(objeto)(mover(o, dispositivo, asincrono) for o in objeto)
    if isinstance(objeto, Mapping):
        return {clave: mover(valor, dispositivo, asincrono) for clave, valor in objeto.items()}
    return objeto
