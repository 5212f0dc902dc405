"""Un codificador al estilo BERT, pequeño, que clasifica los párrafos del curso.

La tarea es la del Lab11 (``datos_clasificacion``: ¿de qué laboratorio es este párrafo?, 9
clases), con las mismas codificaciones (``vocabulario_palabras``, ``codificar_particiones``:
ids ``(N, L)`` con ``<relleno>`` = 0 y sus longitudes), así que se compara en la misma partición
con la bolsa de palabras y el ``ClasificadorLSTM`` del Lab11.

- ``CodificadorTexto``: embedding de palabras + posiciones aprendidas + ``nn.TransformerEncoder``
  (capas *pre-norm*, ``norm_first=True``). Cada palabra mira a **todas** las demás (atención
  bidireccional); la **máscara de relleno** impide que nadie mire al relleno.
- ``ClasificadorTransformer``: codificador → media de los estados de las palabras reales → ``Linear``.
  Recibe ``(ids, longitudes)`` como el ``ClasificadorLSTM``, así que se entrena y predice con las
  funciones del Lab11 (``entrenar_clasificador_texto``, ``predecir_clases_texto``).
- ``entrenar_clasificador_transformer``: (opcional) el preentrenamiento de BERT de ``mlm``
  (``preentrenar_mlm``: adivinar palabras tapadas) y después el ajuste con el bucle del Lab11.
- ``pesos_atencion_capas``: la matriz de atención de cada capa, para dibujarla.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import (
    Vocabulario,
    codificar_parrafos,
    entrenar_clasificador_texto,
    predecir_clases_texto,
)

from .mlm import preentrenar_mlm

__all__ = [
    "AGRUPACIONES",
    "CodificadorTexto",
    "ClasificadorTransformer",
    "posiciones_relleno",
    "pesos_atencion_capas",
    "pila_codificadora",
    "entrenar_clasificador_transformer",
    "predecir_textos",
]

#: Cómo resume ``ClasificadorTransformer`` la secuencia en un vector.
AGRUPACIONES = ("media", "cls")


def _semilla_local(semilla: int | None):
    """Contexto en el que el generador de la CPU empieza en ``semilla`` y al salir vuelve a su estado."""
    return torch.random.fork_rng(devices=[], enabled=semilla is not None)


def _comprobar_ids(ids: object, n_tokens: int, longitud_maxima: int) -> torch.Tensor:
    if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype not in (torch.int64, torch.int32):
        recibido = (
            f"{ids.dtype} de forma {tuple(ids.shape)}"
            if isinstance(ids, torch.Tensor)
            else type(ids).__name__
        )
        raise ValueError(f"se esperaban ids de forma (N, L), tensor de enteros; se recibió {recibido}")
    if ids.shape[1] > longitud_maxima:
        raise ValueError(
            f"las secuencias miden como mucho longitud_maxima = {longitud_maxima}, "
            f"se recibió L = {ids.shape[1]}"
        )
    if ids.numel() and (int(ids.min()) < 0 or int(ids.max()) > n_tokens):
        raise ValueError(f"los ids deben estar en 0 … {n_tokens} (el último es <mascara>)")
    return ids


def posiciones_relleno(ids: torch.Tensor, longitudes: torch.Tensor | None = None) -> torch.Tensor:
    """``(N, L)`` booleana, ``True`` en el **relleno** (la convención de ``src_key_padding_mask``).

    Con ``longitudes (N,)``: relleno = posiciones ``≥ longitud``. Sin ellas: ``ids == 0``.
    """
    if longitudes is None:
        return ids == 0
    longitudes = torch.as_tensor(longitudes, device=ids.device)
    if longitudes.shape != (ids.shape[0],) or longitudes.dtype.is_floating_point:
        raise ValueError(
            f"se esperaban longitudes enteras de forma ({ids.shape[0]},), se recibió "
            f"{longitudes.dtype} de forma {tuple(longitudes.shape)}"
        )
    if ids.shape[0] and (int(longitudes.min()) < 1 or int(longitudes.max()) > ids.shape[1]):
        raise ValueError(f"las longitudes deben estar entre 1 y L = {ids.shape[1]}")
    return torch.arange(ids.shape[1], device=ids.device) >= longitudes[:, None]


def pila_codificadora(
    d_modelo: int, n_cabezas: int, dim_ff: int, dropout: float, n_capas: int
) -> nn.TransformerEncoder:
    """``n_capas`` bloques ``nn.TransformerEncoderLayer`` *pre-norm* (``norm_first=True``, GELU,
    ``batch_first=True``) y un ``LayerNorm`` final: el codificador de BERT y del ViT de este lab."""
    capa = nn.TransformerEncoderLayer(
        d_modelo, n_cabezas, entero_positivo(dim_ff, "dim_ff"), dropout,
        activation="gelu", batch_first=True, norm_first=True,
    )
    return nn.TransformerEncoder(capa, entero_positivo(n_capas, "n_capas"), norm=nn.LayerNorm(d_modelo),
                                 enable_nested_tensor=False)


class CodificadorTexto(nn.Module):
    """Ids ``(N, L)`` → estados ``(N, L, d_modelo)``: un BERT en pequeño.

    ::

        nn.Embedding(n_tokens + 1, d_modelo, padding_idx=0) + posiciones aprendidas P[:L]   (N, L, d)
        n_capas × nn.TransformerEncoderLayer(norm_first=True, batch_first=True)             (N, L, d)
        nn.LayerNorm(d_modelo)                                                              (N, L, d)

    - El embedding tiene una fila más que el vocabulario: ``id_mascara = n_tokens`` es el token
      ``<mascara>`` del preentrenamiento (el ``Vocabulario`` del Lab11 sólo trae ``<relleno>`` = 0 y
      ``<desconocido>`` = 1).
    - ``P`` ``(longitud_maxima, d)`` son posiciones **aprendidas**, como en BERT (no las senoidales).
    - Máscara de relleno (``src_key_padding_mask``): las claves de relleno reciben −∞ antes de la
      softmax, así que ninguna palabra atiende al relleno. Toda fila tiene al menos una palabra
      real (longitud ≥ 1), luego ninguna softmax es toda −∞ y no sale ningún NaN. Los estados *en*
      las posiciones de relleno se calculan pero no significan nada: quien los use, que los ignore.
    - *Pre-norm* (``norm_first=True``): ``x + Atención(LN(x))`` y ``x + FFN(LN(x))``; entrena sin
      calentamiento de la tasa, por eso hace falta la ``LayerNorm`` final.
    """

    def __init__(
        self,
        n_tokens: int,
        d_modelo: int = 64,
        n_cabezas: int = 4,
        n_capas: int = 2,
        dim_ff: int = 128,
        longitud_maxima: int = 64,
        dropout: float = 0.1,
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
        self.d_modelo = entero_positivo(d_modelo, "d_modelo")
        n_cabezas = entero_positivo(n_cabezas, "n_cabezas")
        if self.d_modelo % n_cabezas:
            raise ValueError(f"d_modelo ({self.d_modelo}) debe ser múltiplo de n_cabezas ({n_cabezas})")
        self.longitud_maxima = entero_positivo(longitud_maxima, "longitud_maxima")
        self.id_mascara = self.n_tokens
        dropout = numero_real(dropout, "dropout", 0.0, 1.0, incluir_maximo=False)
        with _semilla_local(semilla):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.embedding = nn.Embedding(self.n_tokens + 1, self.d_modelo, padding_idx=0)
            self.posiciones = nn.Parameter(0.02 * torch.randn(self.longitud_maxima, self.d_modelo))
            self.dropout = nn.Dropout(dropout)
            self.capas = pila_codificadora(self.d_modelo, n_cabezas, dim_ff, dropout, n_capas)

    def incrustar(self, ids: torch.Tensor) -> torch.Tensor:
        """Palabras + posiciones (con dropout): ``(N, L)`` → ``(N, L, d_modelo)``."""
        _comprobar_ids(ids, self.n_tokens, self.longitud_maxima)
        return self.dropout(self.embedding(ids) + self.posiciones[: ids.shape[1]])

    def forward(self, ids: torch.Tensor, longitudes: torch.Tensor | None = None) -> torch.Tensor:
        """``ids (N, L)`` (0 = relleno), ``longitudes (N,)`` opcionales → ``(N, L, d_modelo)``."""
        x = self.incrustar(ids)
        return self.capas(x, src_key_padding_mask=posiciones_relleno(ids, longitudes))


class ClasificadorTransformer(nn.Module):
    """Párrafos ``(N, L)`` y ``longitudes (N,)`` → logits ``(N, n_clases)``.

    ::

        CodificadorTexto                                   (N, L, d)
        resumen: media de las palabras reales  (o [CLS])   (N, d)
        nn.Dropout → nn.Linear(d, n_clases)                (N, n_clases)

    ``agrupacion="media"`` (por defecto) promedia los estados de las posiciones reales (el relleno
    no cuenta). BERT usa en cambio el estado del primer token, ``[CLS]``, que aprende a resumir la
    frase durante un preentrenamiento largo; con ~700 párrafos la media es más estable y no necesita
    aprender a resumir. ``agrupacion="cls"`` antepone a cada párrafo un vector aprendido ``[CLS]``
    (como la ficha de clase del ``VisionTransformer``) y clasifica con su estado.

    La firma ``forward(ids, longitudes)`` es la del ``ClasificadorLSTM``: las funciones del Lab11
    lo entrenan y lo evalúan sin cambios.
    """

    def __init__(
        self,
        n_tokens: int,
        n_clases: int,
        d_modelo: int = 32,
        n_cabezas: int = 2,
        n_capas: int = 1,
        dim_ff: int = 64,
        longitud_maxima: int = 60,
        dropout: float = 0.1,
        agrupacion: str = "media",
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        if agrupacion not in AGRUPACIONES:
            raise ValueError(
                f"agrupacion desconocida: {agrupacion!r}; se esperaba una de {', '.join(AGRUPACIONES)}"
            )
        self.agrupacion = agrupacion
        self.n_clases = entero_positivo(n_clases, "n_clases", minimo=2)
        extra = 1 if agrupacion == "cls" else 0
        self.codificador = CodificadorTexto(
            n_tokens, d_modelo, n_cabezas, n_capas, dim_ff, longitud_maxima + extra, dropout, semilla
        )
        with _semilla_local(semilla):
            if semilla is not None:
                torch.manual_seed(int(semilla) + 1)
            self.cls = nn.Parameter(0.02 * torch.randn(1, 1, d_modelo)) if extra else None
            self.dropout = nn.Dropout(dropout)
            self.cabeza = nn.Linear(d_modelo, self.n_clases)

    def forward(self, ids: torch.Tensor, longitudes: torch.Tensor | None = None) -> torch.Tensor:
        """``ids (N, L)`` enteros (0 = relleno), ``longitudes (N,)`` en ``1 … L`` → ``(N, n_clases)``."""
        _comprobar_ids(
            ids, self.codificador.n_tokens, self.codificador.longitud_maxima - (self.cls is not None)
        )
        relleno = posiciones_relleno(ids, longitudes)  # (N, L)
        if self.cls is None:
            estados = self.codificador(ids, longitudes)  # (N, L, d)
            reales = (~relleno).unsqueeze(-1).to(estados.dtype)  # (N, L, 1)
            resumen = (estados * reales).sum(1) / reales.sum(1)  # (N, d)
        else:
            # [CLS] va en la posición 0: sus palabras se corren una posición.
            x = self.codificador.embedding(ids)  # (N, L, d)
            x = torch.cat([self.cls.expand(ids.shape[0], -1, -1).to(x.dtype), x], dim=1)
            x = self.codificador.dropout(x + self.codificador.posiciones[: x.shape[1]])
            relleno = torch.cat([torch.zeros_like(relleno[:, :1]), relleno], dim=1)
            resumen = self.codificador.capas(x, src_key_padding_mask=relleno)[:, 0]
        return self.cabeza(self.dropout(resumen))


@torch.no_grad()
def pesos_atencion_capas(
    capas: nn.TransformerEncoder, x: torch.Tensor, relleno: torch.Tensor | None = None
) -> list[torch.Tensor]:
    """La atención de cada capa de ``capas`` (``norm_first=True``) sobre la entrada ya incrustada
    ``x (N, T, d)``: una lista de ``n_capas`` tensores ``(N, T, T)`` (media de las cabezas; la fila
    ``i`` dice cuánto mira la posición ``i`` a cada posición; suma 1, y 0 en el relleno).

    ``nn.TransformerEncoderLayer`` no devuelve sus pesos; aquí se recalculan capa a capa con
    ``self_attn(…, need_weights=True)`` sobre ``norm1(x)``, que es lo que la capa atiende."""
    pesos = []
    for capa in capas.layers:
        if not capa.norm_first:
            raise ValueError("pesos_atencion_capas espera capas con norm_first=True")
        a = capa.norm1(x)
        _, w = capa.self_attn(a, a, a, key_padding_mask=relleno, need_weights=True, average_attn_weights=True)
        pesos.append(w)
        x = capa(x, src_key_padding_mask=relleno)
    return pesos


def entrenar_clasificador_transformer(
    modelo: ClasificadorTransformer,
    datos: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    epocas: int = 15,
    tasa: float = 5e-3,
    tamano_lote: int = 32,
    epocas_mlm: int = 0,
    tasa_mlm: float = 2e-3,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
    paciencia: int | None = None,
) -> dict[str, list[float]]:
    """(Opcional) preentrena con MLM y después afina para clasificar.

    ``datos``: lo que da ``codificar_particiones`` del Lab11 (``{"entrenamiento": (ids, longitudes,
    y), "validacion": …}``). Con ``epocas_mlm > 0`` primero ``preentrenar_mlm`` sobre los párrafos de
    entrenamiento (sin mirar sus etiquetas). El ajuste es ``entrenar_clasificador_texto`` del Lab11
    (Adam, recorte de gradiente, se restauran los pesos de la mejor época en validación).
    Devuelve su historial (``"perdida"``, ``"exactitud"``, ``"exactitud_val"``, ``"mejor_epoca"``,
    ``"segundos"``) y, con MLM, ``"perdida_mlm"`` y ``"segundos_mlm"``.
    """
    if not isinstance(modelo, ClasificadorTransformer):
        raise TypeError(f"se esperaba un ClasificadorTransformer, se recibió {type(modelo).__name__}")
    if dispositivo is not None:
        dispositivo = torch.device(dispositivo)
    extra: dict[str, list[float]] = {}
    if int(epocas_mlm) > 0:
        if "entrenamiento" not in datos or len(datos["entrenamiento"]) != 3:
            raise ValueError(
                "datos debe tener 'entrenamiento': (ids, longitudes, y), como da codificar_particiones"
            )
        ids, longitudes, _ = datos["entrenamiento"]
        mlm = preentrenar_mlm(
            modelo.codificador,
            ids,
            longitudes,
            epocas_mlm,
            tasa_mlm,
            tamano_lote,
            dispositivo=dispositivo,
            semilla=semilla,
        )
        extra = {"perdida_mlm": mlm["perdida"], "segundos_mlm": mlm["segundos"]}
    historial = entrenar_clasificador_texto(
        modelo, datos, epocas, tasa, tamano_lote, dispositivo, semilla, paciencia
    )
    return {**historial, **extra}


def predecir_textos(
    modelo: nn.Module,
    textos: Sequence[str],
    vocabulario: Vocabulario,
    longitud_maxima: int | None = 60,
    dispositivo: torch.device | str | None = None,
    probabilidades: bool = False,
) -> np.ndarray:
    """Clases ``(N,)`` (o probabilidades ``(N, n_clases)``) de textos sueltos: los codifica con
    ``codificar_parrafos`` (el mismo ``vocabulario`` y ``longitud_maxima`` del entrenamiento) y
    predice con ``predecir_clases_texto`` del Lab11. Sirve para ``ClasificadorTransformer`` y para
    ``ClasificadorLSTM``."""
    ids, longitudes = codificar_parrafos(textos, vocabulario, longitud_maxima)
    return predecir_clases_texto(modelo, ids, longitudes, dispositivo, probabilidades=probabilidades)
