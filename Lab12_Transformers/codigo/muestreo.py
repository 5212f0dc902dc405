"""Generar texto con un modelo de lenguaje: temperatura, *top-k* y *top-p* (muestreo de núcleo).

Un modelo de lenguaje da, para el siguiente token, unos logits ``(V,)``. Para escribir se repite:
logits → filtrar → ``softmax`` → muestrear un token → añadirlo a la entrada. Cómo se filtra decide
el estilo del texto:

- ``temperatura``: se divide los logits por ella. ``< 1`` afila la distribución (más repetitivo),
  ``> 1`` la aplana (más sorpresas y más errores); ``0`` es **voraz** (*greedy*): siempre el más
  probable, sin azar.
- ``top_k``: sólo los ``k`` tokens más probables pueden salir (Fan et al., 2018).
- ``top_p``: el **núcleo**, el conjunto más pequeño de tokens más probables cuya probabilidad suma
  al menos ``p`` (Holtzman et al., 2020, «The Curious Case of Neural Text Degeneration»). Se adapta:
  si el modelo está seguro quedan uno o dos tokens; si duda, muchos.

Las funciones valen para **cualquier** modelo de PyTorch que devuelva logits ``(B, T, V)`` (o una
tupla cuyo primer elemento lo sea, como el ``LSTMCaracteres`` del Lab11); el Lab09 las reutiliza.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import Vocabulario

__all__ = ["filtrar_top_k", "filtrar_top_p", "muestrear_siguiente", "generar_ids", "generar_gpt"]


def _logits(logits: object) -> torch.Tensor:
    if not isinstance(logits, torch.Tensor) or logits.ndim < 1 or not logits.is_floating_point():
        descripcion = (
            f"tensor {logits.dtype} de forma {tuple(logits.shape)}" if isinstance(logits, torch.Tensor)
            else type(logits).__name__
        )
        raise ValueError(
            f"se esperaban logits de forma (..., V), tensor de coma flotante; se recibió {descripcion}"
        )
    return logits


def filtrar_top_k(logits: torch.Tensor, k: int) -> torch.Tensor:
    """Logits ``(..., V)`` con todo salvo los ``k`` mayores de cada fila a ``-inf``.

    Quedan **exactamente** ``k`` (con empates, los de índice menor); ``k ≥ V`` no filtra nada.
    No modifica la entrada.
    """
    logits = _logits(logits)
    k = min(entero_positivo(k, "top_k"), logits.shape[-1])
    indices = torch.topk(logits, k, dim=-1).indices
    filtrados = torch.full_like(logits, -math.inf)
    return filtrados.scatter(-1, indices, logits.gather(-1, indices))


def filtrar_top_p(logits: torch.Tensor, p: float) -> torch.Tensor:
    """Logits ``(..., V)`` con todo salvo el **núcleo** de probabilidad ``p`` a ``-inf``.

    Se ordenan los tokens de más a menos probable y se conservan los primeros hasta que su
    probabilidad acumulada llega a ``p``: el conjunto más pequeño con probabilidad ``≥ p``. El más
    probable queda siempre (aunque él solo pase de ``p``). ``p = 1`` no filtra nada. Ejemplo: con
    probabilidades ``(0.5, 0.3, 0.15, 0.05)`` y ``p = 0.8`` quedan los dos primeros (0.5 + 0.3 = 0.8).
    """
    logits = _logits(logits)
    p = numero_real(p, "top_p", 0.0, 1.0, incluir_minimo=False)
    ordenados, orden = torch.sort(logits, dim=-1, descending=True)
    probabilidades = torch.softmax(ordenados.to(torch.float64), dim=-1)
    acumulada_antes = probabilidades.cumsum(-1) - probabilidades  # lo que suman los anteriores
    # un token sobra si los anteriores ya alcanzan p (con margen de redondeo); el primero nunca sobra
    sobra = acumulada_antes >= p - 1e-12
    sobra[..., 0] = False
    quitar = torch.zeros_like(sobra).scatter(-1, orden, sobra)
    return logits.masked_fill(quitar, -math.inf)


def muestrear_siguiente(
    logits: torch.Tensor,
    temperatura: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    generador: torch.Generator | None = None,
) -> torch.Tensor:
    """Un token por fila de ``logits (B, V)`` (o ``(V,)``): ids ``(B,)`` ``int64`` (o un escalar).

    ``temperatura = 0``: el de mayor logit (voraz, sin azar). Si no, ``softmax(logits / temperatura)``
    tras ``top_k`` y ``top_p`` (``None``: sin ese filtro) y un sorteo con ``generador`` (un
    ``torch.Generator``; se muestrea en su dispositivo). Un logit ``-inf`` (prohibido) nunca sale.
    """
    logits = _logits(logits)
    if logits.ndim > 2:
        raise ValueError(f"se esperaban logits de forma (B, V) o (V,), se recibió {tuple(logits.shape)}")
    temperatura = numero_real(temperatura, "temperatura", 0.0)
    if temperatura == 0.0:
        return logits.argmax(dim=-1)
    logits = logits.to(torch.float64) / temperatura
    if top_k is not None:
        logits = filtrar_top_k(logits, top_k)
    if top_p is not None:
        logits = filtrar_top_p(logits, top_p)
    probabilidades = torch.softmax(logits, dim=-1)
    dispositivo = logits.device if generador is None else generador.device
    elegidos = torch.multinomial(probabilidades.reshape(-1, logits.shape[-1]).to(dispositivo), 1,
                                 generator=generador)
    return elegidos.reshape(logits.shape[:-1]).to(logits.device)


def _logits_de_salida(salida: object) -> torch.Tensor:
    """Los logits de lo que devuelve un modelo: un tensor, una tupla que empieza por ellos (el
    ``LSTMCaracteres`` del Lab11) o un objeto con ``.logits`` (un modelo de ``transformers``)."""
    if isinstance(salida, tuple):
        return salida[0]
    return getattr(salida, "logits", salida)


@torch.no_grad()
def generar_ids(
    modelo: nn.Module,
    ids: torch.Tensor,
    n_nuevos: int,
    temperatura: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    generador: torch.Generator | None = None,
    contexto: int | None = None,
    prohibidos: tuple[int, ...] = (),
) -> torch.Tensor:
    """``ids (B, T)`` seguidos de ``n_nuevos`` tokens muestreados uno a uno: ``(B, T + n_nuevos)``.

    Sirve para el ``GPTPequeno``, para modelos que devuelven ``(logits, estado)`` y para los de
    ``transformers`` (``salida.logits``). En cada paso el modelo lee los últimos ``contexto`` ids
    (``None``: ``modelo.contexto`` si lo tiene; si no, todos), se toman los logits de la **última**
    posición, los ids de ``prohibidos`` pasan a ``-inf`` y ``muestrear_siguiente`` elige. El modelo
    queda en el modo en que estaba.
    """
    if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.shape[1] == 0:
        raise ValueError("se esperaban ids de forma (B, T) con T ≥ 1, un tensor de enteros")
    n_nuevos = entero_positivo(n_nuevos, "n_nuevos", minimo=0)
    if contexto is None:
        contexto = getattr(modelo, "contexto", None)
    if contexto is not None:
        contexto = entero_positivo(contexto, "contexto")
    estaba_entrenando = modelo.training
    modelo.eval()
    try:
        for _ in range(n_nuevos):
            entrada = ids if contexto is None else ids[:, -contexto:]
            salida = modelo(entrada)
            logits = _logits_de_salida(salida)[:, -1]  # (B, V)
            if prohibidos:
                logits = logits.clone()
                logits[:, list(prohibidos)] = -math.inf
            siguiente = muestrear_siguiente(logits, temperatura, top_k, top_p, generador)
            ids = torch.cat([ids, siguiente[:, None].to(ids.device)], dim=1)
    finally:
        modelo.train(estaba_entrenando)
    return ids


def generar_gpt(
    modelo: nn.Module,
    vocabulario: Vocabulario,
    inicio: str,
    n_caracteres: int = 200,
    temperatura: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    semilla: int = 0,
    dispositivo: torch.device | str | None = None,
) -> str:
    """``inicio`` seguido de ``n_caracteres`` caracteres escritos por ``modelo`` (con ``generar_ids``).

    Un carácter de ``inicio`` que no está en el vocabulario se lee como ``<desconocido>`` (como en
    ``generar_texto`` del Lab11); ``<relleno>`` y ``<desconocido>`` nunca se generan. La entrada se
    recorta a los últimos ``contexto`` caracteres. El azar sale de un ``torch.Generator`` de la CPU
    con ``semilla``: el mismo texto en cada ejecución (el sorteo se hace en la CPU).
    """
    if not isinstance(inicio, str):
        raise TypeError(f"inicio debe ser un texto (str), se recibió {type(inicio).__name__}")
    if not inicio:
        raise ValueError("inicio no puede estar vacío: el modelo necesita al menos un carácter para empezar")
    if not isinstance(vocabulario, Vocabulario):
        raise TypeError(f"se esperaba un Vocabulario (Lab11), se recibió {type(vocabulario).__name__}")
    n_tokens = getattr(modelo, "n_tokens", None)
    if n_tokens is not None and len(vocabulario) != n_tokens:
        raise ValueError(
            f"el vocabulario tiene {len(vocabulario)} tokens y el modelo {n_tokens}: no son pareja"
        )
    if dispositivo is None:
        parametro = next(modelo.parameters(), None)
        dispositivo = parametro.device if parametro is not None else torch.device("cpu")
    generador = torch.Generator().manual_seed(int(semilla))

    entrada = mover(torch.from_numpy(vocabulario.codificar(inicio))[None, :], torch.device(dispositivo))
    salida = generar_ids(modelo, entrada, n_caracteres, temperatura, top_k, top_p, generador,
                         contexto=getattr(modelo, "contexto", None), prohibidos=(0, 1))
    nuevos = salida[0, len(inicio):].to("cpu").numpy().astype(np.int64)
    return inicio + vocabulario.decodificar(nuevos)
