"""Un modelo de lenguaje de caracteres con un LSTM de PyTorch, y la línea base que debe batir.

Un **modelo de lenguaje** da la probabilidad del siguiente carácter dado lo anterior,
``p(x_{t+1} | x_1 … x_t)``. Se mide con la **entropía cruzada** en nats por carácter sobre un texto
que no vio al entrenar (``exp`` de ella es la *perplejidad*: entre cuántos caracteres duda, en media).

- ``datos_caracteres``: vocabulario de caracteres y el corpus partido **en orden** (el último 10 %
  es validación: barajar trozos mezclaría frases de los dos lados).
- ``lotes_caracteres``: lotes ``(X, Y)`` de ventanas al azar, con ``Y`` = ``X`` desplazado una
  posición (*teacher forcing*: en cada paso la red recibe el carácter verdadero, no el suyo).
- ``perdida_bigramas``: las líneas base sin red: unigramas y bigramas con suavizado aditivo.
- ``LSTMCaracteres``: ``nn.Embedding`` → ``nn.LSTM`` → ``nn.Linear`` (logits del siguiente carácter).
- ``entrenar_lstm_caracteres`` / ``perdida_lstm_caracteres``: entrenar con Adam y recorte de la
  norma del gradiente; medir en todo el texto de validación.
- ``generar_texto``: muestrear carácter a carácter con temperatura, arrastrando el estado.

La idea y el formato siguen el ``char-rnn`` de Andrej Karpathy («The Unreasonable Effectiveness of
Recurrent Neural Networks», 2015). Los modelos se colocan con ``seleccionar_dispositivo`` (Lab08).
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover

from .corpus import Vocabulario

__all__ = [
    "datos_caracteres",
    "lotes_caracteres",
    "perdida_bigramas",
    "LSTMCaracteres",
    "perdida_lstm_caracteres",
    "entrenar_lstm_caracteres",
    "generar_texto",
]

Estado = tuple[torch.Tensor, torch.Tensor]


def _ids_texto(ids: object, nombre: str, minimo: int = 2) -> np.ndarray:
    """``ids`` como arreglo ``(T,)`` de enteros ``int64`` con al menos ``minimo`` elementos."""
    arreglo = como_arreglo(ids, nombre, ndim=1, enteros=True)
    if arreglo.size and not np.issubdtype(arreglo.dtype, np.integer):
        raise TypeError(f"se esperaban ids enteros en {nombre}, se recibió dtype {arreglo.dtype}")
    if arreglo.shape[0] < minimo:
        raise ValueError(f"{nombre} debe tener al menos {minimo} ids, se recibieron {arreglo.shape[0]}")
    if arreglo.min() < 0:
        raise ValueError(f"{nombre} contiene ids negativos ({int(arreglo.min())})")
    return arreglo.astype(np.int64, copy=False)


def datos_caracteres(
    texto: str, fraccion_validacion: float = 0.1
) -> tuple[Vocabulario, np.ndarray, np.ndarray]:
    """``(vocabulario, ids_entrenamiento (T_e,), ids_validacion (T_v,))`` de un texto.

    El corte es **en orden**: el primer ``1 − fraccion_validacion`` del texto entrena y el final
    valida. El vocabulario sale sólo del tramo de entrenamiento; un carácter que sólo aparece en
    validación pasa a ``<desconocido>`` (id 1). Ningún id de texto es 0 (``<relleno>``).
    """
    if not isinstance(texto, str):
        raise TypeError(f"se esperaba un texto (str), se recibió {type(texto).__name__}")
    fraccion = numero_real(fraccion_validacion, "fraccion_validacion", 0.0, 1.0, False, False)
    corte = int(round(len(texto) * (1.0 - fraccion)))
    if corte < 2 or len(texto) - corte < 2:
        raise ValueError(
            f"el texto ({len(texto)} caracteres) es demasiado corto para dejar al menos 2 caracteres "
            f"en entrenamiento y en validación con fraccion_validacion={fraccion}"
        )
    vocabulario = Vocabulario.desde_tokens(texto[:corte])
    return vocabulario, vocabulario.codificar(texto[:corte]), vocabulario.codificar(texto[corte:])


def lotes_caracteres(
    ids: object,
    longitud: int,
    tamano_lote: int,
    semilla: int | np.random.Generator = 0,
    n_lotes: int | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Lotes ``(X, Y)``, cada uno ``(tamano_lote, longitud)`` ``int64``, de ventanas al azar de ``ids``.

    Cada fila empieza en una posición ``s`` elegida al azar (con ``semilla``: un entero o un
    ``np.random.Generator``): ``X = ids[s : s + longitud]`` e ``Y = ids[s + 1 : s + longitud + 1]``,
    el **carácter siguiente** de cada posición. ``n_lotes=None`` da lotes sin fin
    (``next(lotes)`` o ``zip(range(pasos), lotes)``); un entero, exactamente esos.
    """
    ids = _ids_texto(ids, "ids")
    longitud = entero_positivo(longitud, "longitud")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if n_lotes is not None:
        n_lotes = entero_positivo(n_lotes, "n_lotes")
    if ids.shape[0] < longitud + 1:
        raise ValueError(
            f"ids tiene {ids.shape[0]} elementos; una ventana de longitud {longitud} necesita "
            f"al menos {longitud + 1} (la entrada y su carácter siguiente)"
        )
    rng = semilla if isinstance(semilla, np.random.Generator) else np.random.default_rng(semilla)
    desplazamientos = np.arange(longitud)

    def generar() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        hechos = 0
        while n_lotes is None or hechos < n_lotes:
            inicios = rng.integers(0, ids.shape[0] - longitud, size=tamano_lote)
            indices = inicios[:, None] + desplazamientos  # (B, longitud)
            yield ids[indices], ids[indices + 1]
            hechos += 1

    return generar()


def perdida_bigramas(
    ids_entrenamiento: object, ids_validacion: object, n_tokens: int, suavizado: float = 1.0
) -> dict[str, float]:
    """Entropía cruzada en validación (nats/carácter) de las líneas base sin red.

    - ``"uniforme"``: ``ln(n_tokens)``, no saber nada.
    - ``"unigramas"``: ``p(b) = (n(b) + α) / (N + α·V)``, la frecuencia de cada carácter.
    - ``"bigramas"``: ``p(b | a) = (n(a, b) + α) / (n(a) + α·V)``, contando parejas seguidas en
      entrenamiento (``α = suavizado``: sin él, una pareja nunca vista tendría probabilidad 0 y
      pérdida infinita).

    Se predicen los ``T_v − 1`` caracteres ``ids_validacion[1:]`` (el mismo objetivo que
    ``perdida_lstm_caracteres``; los unigramas, sobre esos mismos caracteres).
    """
    n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
    alfa = numero_real(suavizado, "suavizado", 0.0, incluir_minimo=False)
    entrenamiento = _ids_texto(ids_entrenamiento, "ids_entrenamiento")
    validacion = _ids_texto(ids_validacion, "ids_validacion")
    for nombre, ids in (("ids_entrenamiento", entrenamiento), ("ids_validacion", validacion)):
        if ids.max() >= n_tokens:
            raise ValueError(f"{nombre} contiene el id {int(ids.max())}, fuera de 0 … {n_tokens - 1}")
    cuentas = np.bincount(entrenamiento, minlength=n_tokens).astype(np.float64)
    parejas = np.bincount(
        entrenamiento[:-1] * n_tokens + entrenamiento[1:], minlength=n_tokens * n_tokens
    ).reshape(n_tokens, n_tokens)
    filas = parejas.sum(axis=1)  # n(a) como primer carácter de una pareja
    anterior, siguiente = validacion[:-1], validacion[1:]
    log_unigrama = np.log(cuentas[siguiente] + alfa) - np.log(cuentas.sum() + alfa * n_tokens)
    log_bigrama = np.log(parejas[anterior, siguiente] + alfa) - np.log(filas[anterior] + alfa * n_tokens)
    return {
        "uniforme": math.log(n_tokens),
        "unigramas": float(-log_unigrama.mean()),
        "bigramas": float(-log_bigrama.mean()),
    }


class LSTMCaracteres(nn.Module):
    """Modelo de lenguaje de caracteres: ids ``(B, T)`` → logits ``(B, T, n_tokens)``.

    ::

        nn.Embedding(n_tokens, dim_embedding)                     (B, T, dim_embedding)
        nn.LSTM(dim_embedding, n_oculto, n_capas, batch_first)    (B, T, n_oculto)
        nn.Linear(n_oculto, n_tokens)                             (B, T, n_tokens)

    ``forward(ids, estado)`` devuelve también el estado final ``(h, c)``, cada uno
    ``(n_capas, B, n_oculto)``: pasarlo a la llamada siguiente continúa el texto donde se dejó
    (así se evalúa un texto largo por trozos y se genera carácter a carácter). Los pesos iniciales
    dependen sólo de ``semilla`` (no se toca la semilla global de PyTorch).
    """

    def __init__(
        self,
        n_tokens: int,
        dim_embedding: int = 32,
        n_oculto: int = 128,
        n_capas: int = 1,
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
        self.n_oculto = entero_positivo(n_oculto, "n_oculto")
        self.n_capas = entero_positivo(n_capas, "n_capas")
        dim_embedding = entero_positivo(dim_embedding, "dim_embedding")
        with torch.random.fork_rng(devices=[], enabled=semilla is not None):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.embedding = nn.Embedding(self.n_tokens, dim_embedding)
            self.lstm = nn.LSTM(dim_embedding, self.n_oculto, self.n_capas, batch_first=True)
            self.salida = nn.Linear(self.n_oculto, self.n_tokens)

    def forward(self, ids: torch.Tensor, estado: Estado | None = None) -> tuple[torch.Tensor, Estado]:
        """``ids`` ``(B, T)`` enteros en ``0 … n_tokens − 1`` → ``(logits (B, T, n_tokens), (h, c))``."""
        if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype not in (torch.int64, torch.int32):
            descripcion = (
                f"tensor {ids.dtype} de forma {tuple(ids.shape)}" if isinstance(ids, torch.Tensor)
                else type(ids).__name__
            )
            raise ValueError(f"se esperaban ids de forma (B, T), tensor de enteros; se recibió {descripcion}")
        if ids.numel() and (int(ids.min()) < 0 or int(ids.max()) >= self.n_tokens):
            raise ValueError(
                f"los ids deben estar en 0 … {self.n_tokens - 1}; se recibieron de {int(ids.min())} "
                f"a {int(ids.max())}"
            )
        if estado is not None:
            esperada = (self.n_capas, ids.shape[0], self.n_oculto)
            if len(estado) != 2 or any(tuple(e.shape) != esperada for e in estado):
                raise ValueError(f"se esperaba estado (h, c), cada uno de forma {esperada}")
        salidas, estado = self.lstm(self.embedding(ids), estado)
        return self.salida(salidas), estado


def _dispositivo_modelo(modelo: nn.Module, dispositivo: torch.device | str | None) -> torch.device:
    if dispositivo is not None:
        return torch.device(dispositivo)
    parametro = next(modelo.parameters(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


@torch.no_grad()
def perdida_lstm_caracteres(
    modelo: LSTMCaracteres,
    ids: object,
    dispositivo: torch.device | str | None = None,
    n_flujos: int = 8,
    longitud_trozo: int = 512,
) -> float:
    """Entropía cruzada media (nats/carácter) de ``modelo`` al predecir ``ids[1:]`` de ``ids (T,)``.

    Recorre **todo** el texto, en modo evaluación y sin gradientes. Para ir más deprisa lo parte
    en ``n_flujos`` tramos seguidos que avanzan en paralelo (un lote de ``n_flujos`` filas), por
    trozos de ``longitud_trozo`` pasos que se pasan el estado ``(h, c)``: cada tramo se lee entero,
    con memoria. Sólo el primer carácter de cada tramo se predice sin contexto (con ``n_flujos=1``
    es exactamente el texto de corrido). Deja el modelo en el modo en que estaba.
    """
    ids = _ids_texto(ids, "ids")
    n_flujos = entero_positivo(n_flujos, "n_flujos")
    longitud_trozo = entero_positivo(longitud_trozo, "longitud_trozo")
    dispositivo = _dispositivo_modelo(modelo, dispositivo)
    n_objetivos = ids.shape[0] - 1
    n_flujos = min(n_flujos, n_objetivos)
    por_flujo = -(-n_objetivos // n_flujos)  # techo
    relleno = n_flujos * por_flujo - n_objetivos  # posiciones de más al final del último tramo
    entradas = np.concatenate([ids[:-1], np.zeros(relleno, np.int64)]).reshape(n_flujos, por_flujo)
    objetivos = np.concatenate([ids[1:], np.zeros(relleno, np.int64)]).reshape(n_flujos, por_flujo)
    validos = np.concatenate([np.ones(n_objetivos, np.float32), np.zeros(relleno, np.float32)])
    validos = validos.reshape(n_flujos, por_flujo)
    entradas, objetivos, validos = mover(
        (torch.from_numpy(entradas), torch.from_numpy(objetivos), torch.from_numpy(validos)), dispositivo
    )
    estaba_entrenando = modelo.training
    modelo.eval()
    total = torch.zeros((), dtype=torch.float32 if dispositivo.type == "mps" else torch.float64,
                        device=dispositivo)
    estado = None
    try:
        for inicio in range(0, por_flujo, longitud_trozo):
            trozo = slice(inicio, inicio + longitud_trozo)
            logits, estado = modelo(entradas[:, trozo], estado)
            perdidas = nn.functional.cross_entropy(
                logits.transpose(1, 2), objetivos[:, trozo], reduction="none"
            )
            total += (perdidas.to(total.dtype) * validos[:, trozo].to(total.dtype)).sum()
    finally:
        modelo.train(estaba_entrenando)
    return float(total) / n_objetivos


def entrenar_lstm_caracteres(
    modelo: LSTMCaracteres,
    ids_entrenamiento: object,
    ids_validacion: object,
    pasos: int = 400,
    longitud: int = 32,
    tamano_lote: int = 32,
    tasa: float = 2e-2,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
    recorte: float | None = 1.0,
    barra_progreso: bool = True,
    evaluar_cada: int | None = None,
) -> dict[str, list[float]]:
    """Entrena ``modelo`` ``pasos`` pasos de Adam con lotes de ``lotes_caracteres`` (lo mueve a
    ``dispositivo``, el que dio ``seleccionar_dispositivo``; ``None``: donde ya está).

    En cada paso: logits ``(B, longitud, V)`` → entropía cruzada con ``Y`` → ``backward`` →
    ``clip_grad_norm_(…, recorte)`` (``None``: sin recorte; en un RNN, un gradiente que explota a
    través del tiempo arruinaría los pesos de un solo paso) → ``step``. Cada ventana empieza con el
    estado a cero. Cada ``evaluar_cada`` pasos (por defecto, unas 10 veces) y al final se mide
    ``perdida_lstm_caracteres`` en validación.

    Devuelve ``{"perdida": [una por paso], "pasos_val": [0, k, 2k, …, pasos], "perdida_val": […],
    "norma_gradiente": [una por paso, antes de recortar], "segundos": [total]}``.
    """
    pasos = entero_positivo(pasos, "pasos")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    if recorte is not None:
        recorte = numero_real(recorte, "recorte", 0.0, incluir_minimo=False)
    if evaluar_cada is None:
        evaluar_cada = max(1, pasos // 10)
    evaluar_cada = entero_positivo(evaluar_cada, "evaluar_cada")
    validacion = _ids_texto(ids_validacion, "ids_validacion")
    lotes = lotes_caracteres(ids_entrenamiento, longitud, tamano_lote, semilla, n_lotes=pasos)
    dispositivo = _dispositivo_modelo(modelo, dispositivo)
    mover(modelo, dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    historial: dict[str, list[float]] = {
        "pasos_val": [0], "perdida_val": [perdida_lstm_caracteres(modelo, validacion, dispositivo)]
    }
    barra = None
    if barra_progreso:
        with warnings.catch_warnings():  # en Jupyter sin ipywidgets, tqdm avisa y usa texto
            warnings.simplefilter("ignore")
            from tqdm.auto import tqdm
        barra = tqdm(total=pasos, desc="entrenando", unit="paso")
    perdidas: list[torch.Tensor] = []
    normas: list[torch.Tensor] = []
    inicio = time.perf_counter()
    modelo.train()
    try:
        for paso, (X, Y) in enumerate(lotes, start=1):
            X, Y = mover((torch.from_numpy(X), torch.from_numpy(Y)), dispositivo, non_blocking=True)
            optimizador.zero_grad()
            logits, _ = modelo(X)
            perdida = nn.functional.cross_entropy(logits.reshape(-1, modelo.n_tokens), Y.reshape(-1))
            perdida.backward()
            norma = torch.nn.utils.clip_grad_norm_(
                modelo.parameters(), recorte if recorte is not None else math.inf
            )
            optimizador.step()
            perdidas.append(perdida.detach())  # sin float() por paso: no se espera a la GPU
            normas.append(norma.detach())
            if paso % evaluar_cada == 0 or paso == pasos:
                historial["pasos_val"].append(paso)
                historial["perdida_val"].append(perdida_lstm_caracteres(modelo, validacion, dispositivo))
                modelo.train()
                if barra is not None:
                    barra.set_postfix(perdida=f"{float(perdida.detach()):.3f}",
                                      perdida_val=f"{historial['perdida_val'][-1]:.3f}")
            if barra is not None:
                barra.update(1)
    finally:
        if barra is not None:
            barra.close()
    historial["perdida"] = torch.stack(perdidas).tolist() if perdidas else []
    historial["norma_gradiente"] = torch.stack(normas).tolist() if normas else []
    historial["segundos"] = [time.perf_counter() - inicio]
    return historial


@torch.no_grad()
def generar_texto(
    modelo: LSTMCaracteres,
    vocabulario: Vocabulario,
    inicio: str,
    n_caracteres: int = 200,
    temperatura: float = 1.0,
    semilla: int = 0,
    dispositivo: torch.device | str | None = None,
) -> str:
    """``inicio`` seguido de ``n_caracteres`` caracteres muestreados uno a uno.

    Se lee ``inicio`` entero (su estado ``(h, c)`` resume lo leído); después, en cada paso,
    ``p = softmax(logits / temperatura)``, se muestrea un carácter, se le da a la red como entrada
    siguiente y el estado sigue. ``temperatura < 1`` afila la distribución (más repetitivo; cerca
    de 0 es casi siempre el más probable), ``> 1`` la aplana (más sorpresas y más errores). Los
    ids especiales (``<relleno>``, ``<desconocido>``) nunca se muestrean. El azar sale de un
    ``torch.Generator`` de la CPU con ``semilla``: el mismo texto en cada ejecución.
    """
    if not isinstance(inicio, str):
        raise TypeError(f"inicio debe ser un texto (str), se recibió {type(inicio).__name__}")
    if not inicio:
        raise ValueError("inicio no puede estar vacío: la red necesita al menos un carácter para empezar")
    n_caracteres = entero_positivo(n_caracteres, "n_caracteres", minimo=0)
    if isinstance(temperatura, (bool, np.bool_)) or not isinstance(temperatura, (int, float, np.floating)):
        raise TypeError(f"temperatura debe ser un número real > 0, se recibió {temperatura!r}")
    if not math.isfinite(temperatura) or temperatura <= 0:
        raise ValueError(
            f"temperatura debe ser un número real > 0 (1 = la distribución del modelo; cerca de 0 = "
            f"casi siempre el más probable), se recibió {temperatura!r}"
        )
    if len(vocabulario) != modelo.n_tokens:
        raise ValueError(
            f"el vocabulario tiene {len(vocabulario)} tokens y el modelo {modelo.n_tokens}: no son pareja"
        )
    dispositivo = _dispositivo_modelo(modelo, dispositivo)
    generador = torch.Generator().manual_seed(int(semilla))
    estaba_entrenando = modelo.training
    modelo.eval()
    generados: list[int] = []
    try:
        entrada = mover(torch.from_numpy(vocabulario.codificar(inicio))[None, :], dispositivo)
        logits, estado = modelo(entrada)
        for paso in range(n_caracteres):
            if paso:  # el carácter anterior entra como entrada y el estado sigue
                logits, estado = modelo(torch.tensor([[generados[-1]]], device=dispositivo), estado)
            ultimo = logits[0, -1].to("cpu", torch.float64) / temperatura
            ultimo[:2] = -math.inf  # <relleno> y <desconocido>
            generados.append(int(torch.multinomial(torch.softmax(ultimo, dim=0), 1, generator=generador)))
    finally:
        modelo.train(estaba_entrenando)
    return inicio + vocabulario.decodificar(np.array(generados, dtype=np.int64))
