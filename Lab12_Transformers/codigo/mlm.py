"""El preentrenamiento de BERT: *masked language model* (MLM), sin etiquetas.

Se tapa al azar el 15 % de las palabras de cada párrafo (``enmascarar_tokens``, con la regla
80 / 10 / 10 de BERT) y el codificador aprende a adivinarlas mirando a los dos lados
(``preentrenar_mlm``). Después se afina para clasificar (``entrenar_clasificador_transformer``,
en ``bert``). GPT aprende en cambio a predecir la palabra **siguiente**, sólo con el pasado.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover

__all__ = ["enmascarar_tokens", "preentrenar_mlm"]


def enmascarar_tokens(
    ids: torch.Tensor,
    prob: float = 0.15,
    id_mascara: int | None = None,
    n_tokens: int | None = None,
    semilla: int | torch.Generator | None = 0,
    especiales: Sequence[int] = (0,),
) -> tuple[torch.Tensor, torch.Tensor]:
    """La regla de BERT: devuelve ``(entrada, objetivos)``, los dos ``(N, L)`` ``int64``.

    Cada posición cuyo id no está en ``especiales`` (por defecto sólo ``<relleno>`` = 0: el relleno
    **nunca** se elige) se elige con probabilidad ``prob``. De las elegidas:

    - el 80 % se cambia por ``id_mascara`` (``<mascara>``),
    - el 10 % por una palabra al azar de ``2 … n_tokens − 1`` (ni relleno ni ``<desconocido>``),
    - el 10 % se deja igual (el modelo no puede fiarse de que una palabra visible sea la buena).

    ``objetivos`` lleva el id original en las elegidas y ``−100`` en las demás (el
    ``ignore_index`` de ``cross_entropy``: sólo se puntúan las elegidas). ``id_mascara=None`` usa
    ``n_tokens`` (como ``CodificadorTexto``); ``n_tokens=None``, ``ids.max() + 1``. ``semilla``:
    entero o ``torch.Generator`` (de la CPU); la misma semilla da las mismas máscaras.
    """
    if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype.is_floating_point:
        raise ValueError(
            "se esperaban ids de forma (N, L), tensor de enteros; se recibió "
            + (
                f"{ids.dtype} de forma {tuple(ids.shape)}"
                if isinstance(ids, torch.Tensor)
                else type(ids).__name__
            )
        )
    prob = numero_real(prob, "prob", 0.0, 1.0)
    if n_tokens is None:
        n_tokens = int(ids.max()) + 1 if ids.numel() else 3
    n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=3)
    id_mascara = n_tokens if id_mascara is None else entero_positivo(id_mascara, "id_mascara", minimo=0)
    if isinstance(semilla, torch.Generator):
        generador = semilla
    else:
        generador = torch.Generator().manual_seed(0 if semilla is None else int(semilla))
    ids_cpu = ids.to("cpu", torch.int64)
    elegibles = ~torch.isin(ids_cpu, torch.as_tensor(list(especiales), dtype=torch.int64))
    sorteo = torch.rand(ids_cpu.shape, generator=generador)
    elegidas = elegibles & (sorteo < prob)
    destino = torch.rand(ids_cpu.shape, generator=generador)  # qué hacer con cada elegida
    aleatorias = torch.randint(2, n_tokens, ids_cpu.shape, generator=generador)
    entrada = ids_cpu.clone()
    entrada[elegidas & (destino < 0.8)] = id_mascara
    al_azar = elegidas & (destino >= 0.8) & (destino < 0.9)
    entrada[al_azar] = aleatorias[al_azar]
    objetivos = torch.where(elegidas, ids_cpu, torch.full_like(ids_cpu, -100))
    return entrada.to(ids.device), objetivos.to(ids.device)


def preentrenar_mlm(
    codificador: nn.Module,
    ids: np.ndarray | torch.Tensor,
    longitudes: np.ndarray | torch.Tensor,
    epocas: int = 5,
    tasa: float = 2e-3,
    tamano_lote: int = 32,
    prob: float = 0.15,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
) -> dict[str, list[float]]:
    """Preentrena ``codificador`` como BERT: adivinar las palabras tapadas (``enmascarar_tokens``).

    Una cabeza ``nn.Linear(d_modelo, n_tokens)`` (que se tira al acabar, como la de BERT) da para
    cada posición la distribución de la palabra; la pérdida es la entropía cruzada **sólo en las
    posiciones elegidas** (la cabeza sólo se aplica a ellas: 15 % del trabajo). Cada época tapa
    palabras distintas (la semilla avanza). Usa sólo ``ids (N, L)`` y ``longitudes (N,)`` de
    entrenamiento: sin etiquetas. Devuelve
    ``{"perdida": [una por época], "segundos": [total]}``.
    """
    epocas = entero_positivo(epocas, "epocas")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    dispositivo = (
        torch.device(dispositivo) if dispositivo is not None else next(codificador.parameters()).device
    )
    ids = torch.as_tensor(ids, dtype=torch.int64)
    longitudes = torch.as_tensor(longitudes, dtype=torch.int64)
    if ids.ndim != 2 or longitudes.shape != (ids.shape[0],):
        raise ValueError(
            f"se esperaban ids (N, L) y longitudes (N,), se recibió {tuple(ids.shape)} "
            f"y {tuple(longitudes.shape)}"
        )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(semilla)
        cabeza = nn.Linear(codificador.d_modelo, codificador.n_tokens)
    mover((codificador, cabeza), dispositivo)
    optimizador = torch.optim.Adam([*codificador.parameters(), *cabeza.parameters()], lr=tasa)
    generador = torch.Generator().manual_seed(int(semilla))
    historial: dict[str, list[float]] = {"perdida": []}
    codificador.train()
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores):  # las máscaras de Dropout, con la semilla
        torch.manual_seed(semilla)
        inicio = time.perf_counter()
        for _ in range(epocas):
            orden = torch.randperm(len(ids), generator=generador)
            suma, cuenta = 0.0, 0
            for inicio_lote in range(0, len(ids), tamano_lote):
                lote = orden[inicio_lote : inicio_lote + tamano_lote]
                n = longitudes[lote]
                X = ids[lote, : int(n.max())]  # recortar el relleno sobrante: más rápido
                entrada, objetivos = enmascarar_tokens(
                    X, prob, codificador.id_mascara, codificador.n_tokens, generador
                )
                entrada, objetivos, n = mover((entrada, objetivos, n), dispositivo)
                if not bool((objetivos != -100).any()):
                    continue
                optimizador.zero_grad()
                elegidas = objetivos != -100  # (B, L)
                estados = codificador(entrada, n)[elegidas]  # (E, d): sólo las posiciones elegidas
                perdida = nn.functional.cross_entropy(cabeza(estados), objetivos[elegidas])  # (E, n_tokens)
                perdida.backward()
                torch.nn.utils.clip_grad_norm_(codificador.parameters(), 1.0)
                optimizador.step()
                e = int(elegidas.sum())
                suma, cuenta = suma + float(perdida.detach()) * e, cuenta + e
            historial["perdida"].append(suma / max(cuenta, 1))
    historial["segundos"] = [time.perf_counter() - inicio]
    codificador.eval()
    return historial
