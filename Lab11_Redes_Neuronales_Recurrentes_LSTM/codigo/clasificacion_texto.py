"""¿De qué laboratorio es este párrafo? Una bolsa de palabras contra un LSTM de PyTorch.

La tarea: cada párrafo del corpus del curso (``parrafos_corpus``) lleva el laboratorio del que
viene (9 clases, ``LABS_CORPUS``). Dos modelos:

- ``linea_base_bolsa_palabras``: TF-IDF de las palabras + regresión logística (scikit-learn).
  Ignora el orden; sólo cuenta qué palabras aparecen. Con pocos cientos de párrafos suele ser
  muy difícil de batir: «convolución» ya dice casi todo.
- ``ClasificadorLSTM``: ``nn.Embedding`` → ``nn.LSTM`` → ``nn.Linear`` sobre el **último estado
  real** de cada párrafo. Los párrafos miden distinto: se rellenan con ``<relleno>`` (id 0) hasta
  la misma longitud y, con ``pack_padded_sequence``, el relleno nunca entra en la recurrencia.

``evaluar_clasificadores`` mide los dos con las métricas del Lab07 (exactitud, F1 macro, matriz
de confusión e informe). El Lab12 repite la tarea con un transformer.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping, Sequence

import numpy as np
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence
from torch.utils.data import DataLoader, TensorDataset

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, numero_real
from Lab07_Metricas_Evaluacion.codigo import (
    exactitud,
    f1,
    informe_clasificacion,
    matriz_confusion,
    tabla_metricas,
)
from Lab08_Frameworks_DeepLearning.codigo import exactitud_torch, mover

from .corpus import LABS_CORPUS, Vocabulario, parrafos_corpus, tokenizar_palabras

__all__ = [
    "datos_clasificacion",
    "linea_base_bolsa_palabras",
    "vocabulario_palabras",
    "codificar_parrafos",
    "codificar_particiones",
    "ClasificadorLSTM",
    "entrenar_clasificador_texto",
    "predecir_clases_texto",
    "evaluar_clasificadores",
    "tabla_clasificadores",
]


def datos_clasificacion(
    min_palabras: int = 8, fraccion_prueba: float = 0.2, fraccion_validacion: float = 0.1, semilla: int = 0
) -> dict[str, tuple[list[str], np.ndarray]]:
    """Los párrafos de al menos ``min_palabras`` palabras, partidos en
    ``{"entrenamiento": (textos, y), "validacion": (textos, y), "prueba": (textos, y)}``.

    ``y`` ``(N,)`` ``int64``: la posición del laboratorio en ``LABS_CORPUS`` (0 = Lab01 … 8 = Lab10).
    Las fracciones son del total (por defecto 70 / 10 / 20 %); el reparto es **estratificado**
    (``train_test_split(stratify=y)``: cada parte conserva la proporción de cada laboratorio) y
    fijo con ``semilla``.
    """
    prueba = numero_real(fraccion_prueba, "fraccion_prueba", 0.0, 1.0, False, False)
    validacion = numero_real(fraccion_validacion, "fraccion_validacion", 0.0, 1.0, False, False)
    if prueba + validacion >= 1.0:
        raise ValueError(
            f"fraccion_prueba + fraccion_validacion debe ser < 1 (queda algo para entrenar), "
            f"se recibió {prueba} + {validacion}"
        )
    parrafos = parrafos_corpus(min_palabras)
    textos = [texto for _, texto in parrafos]
    y = np.array([LABS_CORPUS.index(lab) for lab, _ in parrafos], dtype=np.int64)
    t_resto, t_prueba, y_resto, y_prueba = train_test_split(
        textos, y, test_size=prueba, stratify=y, random_state=semilla
    )
    t_ent, t_val, y_ent, y_val = train_test_split(
        t_resto, y_resto, test_size=validacion / (1.0 - prueba), stratify=y_resto, random_state=semilla
    )
    return {"entrenamiento": (t_ent, y_ent), "validacion": (t_val, y_val), "prueba": (t_prueba, y_prueba)}


def linea_base_bolsa_palabras(
    textos_entrenamiento: Sequence[str],
    y_entrenamiento: object,
    C: float = 10.0,
    ngramas: tuple[int, int] = (1, 1),
    min_df: int = 1,
) -> Pipeline:
    """``Pipeline`` ajustado: ``TfidfVectorizer`` (con ``tokenizar_palabras`` del curso; por defecto
    palabras sueltas, ``ngramas=(1, 2)`` añade parejas) → ``LogisticRegression`` (``C``: inversa
    de la regularización L2). Predice con ``.predict(textos)`` y ``.predict_proba(textos)``."""
    textos = _textos(textos_entrenamiento, "textos_entrenamiento")
    y = _etiquetas(y_entrenamiento, len(textos), "y_entrenamiento")
    C = numero_real(C, "C", 0.0, incluir_minimo=False)
    tuberia = Pipeline([
        ("tfidf", TfidfVectorizer(tokenizer=tokenizar_palabras, lowercase=False, token_pattern=None,
                                  ngram_range=tuple(ngramas), min_df=min_df, sublinear_tf=True)),
        ("logistica", LogisticRegression(C=C, max_iter=2000)),
    ])
    return tuberia.fit(textos, y)


def _textos(textos: object, nombre: str) -> list[str]:
    es_lista = isinstance(textos, Sequence) and not isinstance(textos, str)
    if not es_lista or not all(isinstance(t, str) for t in textos):
        raise TypeError(f"{nombre} debe ser una lista de textos (str)")
    if not textos:
        raise ValueError(f"{nombre} está vacío")
    return list(textos)


def _etiquetas(y: object, n: int, nombre: str) -> np.ndarray:
    y = como_arreglo(y, nombre, ndim=1, enteros=True)
    if not np.issubdtype(y.dtype, np.integer):
        raise TypeError(f"{nombre} debe tener etiquetas enteras, se recibió dtype {y.dtype}")
    if y.shape[0] != n:
        raise ValueError(f"se esperaban {n} etiquetas en {nombre} (una por texto), no {y.shape[0]}")
    return y.astype(np.int64, copy=False)


def vocabulario_palabras(
    textos: Sequence[str], min_frecuencia: int = 2, max_tamano: int | None = None
) -> Vocabulario:
    """``Vocabulario`` de las palabras (``tokenizar_palabras``) que salen ≥ ``min_frecuencia`` veces
    en ``textos``: constrúyelo sólo con los de entrenamiento. Las demás serán ``<desconocido>``."""
    textos = _textos(textos, "textos")
    return Vocabulario.desde_tokens(
        (p for t in textos for p in tokenizar_palabras(t)), min_frecuencia, max_tamano
    )


def codificar_parrafos(
    textos: Sequence[str], vocabulario: Vocabulario, longitud_maxima: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(ids (N, L) int64, longitudes (N,) int64)`` de ``textos``, palabra a palabra.

    Cada fila lleva los ids de su párrafo y después ceros (``<relleno>``) hasta ``L``;
    ``longitudes[i]`` es cuántas posiciones son reales. ``L = longitud_maxima`` (``None``: la del
    párrafo más largo). Un párrafo más largo se **trunca**: se quedan sus primeras
    ``longitud_maxima`` palabras. Un párrafo sin ninguna palabra se codifica como un único
    ``<desconocido>`` (longitud 1): una secuencia vacía no tiene último estado.
    """
    textos = _textos(textos, "textos")
    secuencias = [vocabulario.codificar(tokenizar_palabras(t)) for t in textos]
    secuencias = [s if s.size else np.array([1], np.int64) for s in secuencias]
    if longitud_maxima is None:
        longitud_maxima = max(s.size for s in secuencias)
    longitud_maxima = entero_positivo(longitud_maxima, "longitud_maxima")
    longitudes = np.minimum([s.size for s in secuencias], longitud_maxima).astype(np.int64)
    ids = np.zeros((len(textos), longitud_maxima), dtype=np.int64)
    mascara = np.arange(longitud_maxima) < longitudes[:, None]  # (N, L): True en lo real
    ids[mascara] = np.concatenate([s[:n] for s, n in zip(secuencias, longitudes)])
    return ids, longitudes


def codificar_particiones(
    datos: Mapping[str, tuple[Sequence[str], np.ndarray]],
    vocabulario: Vocabulario,
    longitud_maxima: int | None = 60,
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``codificar_parrafos`` de cada parte de ``datos_clasificacion``:
    ``{"entrenamiento": (ids, longitudes, y), "validacion": …, "prueba": …}``.

    Con ``longitud_maxima=60`` (por defecto) cinco de cada seis párrafos del corpus caben enteros;
    de los demás se leen las 60 primeras palabras (más corto = más rápido en la CPU)."""
    return {
        parte: (*codificar_parrafos(textos, vocabulario, longitud_maxima), np.asarray(y, dtype=np.int64))
        for parte, (textos, y) in datos.items()
    }


class ClasificadorLSTM(nn.Module):
    """Párrafos ``(N, L)`` (ids, 0 = relleno) y sus ``longitudes (N,)`` → logits ``(N, n_clases)``.

    ::

        nn.Embedding(n_tokens, dim_embedding, padding_idx=0)        (N, L, dim_embedding)
        nn.LSTM(dim_embedding, n_oculto, batch_first=True)          h del último paso real (N, n_oculto)
        nn.Dropout(dropout) → nn.Linear(n_oculto, n_clases)          (N, n_clases)

    ``dropout`` (también sobre los vectores de palabras, sólo al entrenar) frena el sobreajuste:
    con ~700 párrafos y ``dropout=0`` la red acierta el 100 % del entrenamiento y poco más.

    - ``empaquetar=True``: ``pack_padded_sequence(…, enforce_sorted=False)`` guarda sólo las
      posiciones reales; el LSTM se detiene en el final de cada párrafo y ``h_n`` es su último
      estado real. El relleno nunca entra en la recurrencia.
    - ``empaquetar=False``: el LSTM recorre el lote relleno entero y se toma la salida en la
      posición ``longitud − 1`` (``gather``). Como el LSTM sólo mira hacia atrás, da lo mismo;
      sólo gasta pasos de más sobre el relleno.
    """

    def __init__(
        self,
        n_tokens: int,
        n_clases: int,
        dim_embedding: int = 64,
        n_oculto: int = 64,
        empaquetar: bool = True,
        semilla: int | None = 0,
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=2)
        self.n_clases = entero_positivo(n_clases, "n_clases", minimo=2)
        self.n_oculto = entero_positivo(n_oculto, "n_oculto")
        self.empaquetar = bool(empaquetar)
        dim_embedding = entero_positivo(dim_embedding, "dim_embedding")
        dropout = numero_real(dropout, "dropout", 0.0, 1.0, incluir_maximo=False)
        with torch.random.fork_rng(devices=[], enabled=semilla is not None):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.embedding = nn.Embedding(self.n_tokens, dim_embedding, padding_idx=0)
            self.lstm = nn.LSTM(dim_embedding, self.n_oculto, batch_first=True)
            self.dropout = nn.Dropout(dropout)
            self.salida = nn.Linear(self.n_oculto, self.n_clases)

    def forward(self, ids: torch.Tensor, longitudes: torch.Tensor) -> torch.Tensor:
        """``ids (N, L)`` enteros, ``longitudes (N,)`` en ``1 … L`` → logits ``(N, n_clases)``."""
        if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype not in (torch.int64, torch.int32):
            recibido = (f"{ids.dtype} de forma {tuple(ids.shape)}" if isinstance(ids, torch.Tensor)
                        else type(ids).__name__)
            raise ValueError(f"se esperaban ids de forma (N, L), tensor de enteros; se recibió {recibido}")
        longitudes = torch.as_tensor(longitudes)
        if longitudes.shape != (ids.shape[0],) or longitudes.dtype.is_floating_point:
            raise ValueError(
                f"se esperaban longitudes enteras de forma ({ids.shape[0]},), se recibió "
                f"{longitudes.dtype} de forma {tuple(longitudes.shape)}"
            )
        if ids.shape[0] and (int(longitudes.min()) < 1 or int(longitudes.max()) > ids.shape[1]):
            raise ValueError(
                f"las longitudes deben estar entre 1 y L = {ids.shape[1]}; se recibieron de "
                f"{int(longitudes.min())} a {int(longitudes.max())}"
            )
        if ids.numel() and (int(ids.min()) < 0 or int(ids.max()) >= self.n_tokens):
            raise ValueError(f"los ids deben estar en 0 … {self.n_tokens - 1}")
        vectores = self.dropout(self.embedding(ids))  # (N, L, E)
        if self.empaquetar:
            paquete = pack_padded_sequence(vectores, longitudes.cpu(), batch_first=True, enforce_sorted=False)
            _, (h_n, _) = self.lstm(paquete)  # h_n (1, N, H), ya en el orden original del lote
            ultimo = h_n[-1]
        else:
            salidas, _ = self.lstm(vectores)  # (N, L, H)
            posicion = (longitudes.to(ids.device) - 1).view(-1, 1, 1).expand(-1, 1, self.n_oculto)
            ultimo = salidas.gather(1, posicion).squeeze(1)  # (N, H)
        return self.salida(self.dropout(ultimo))


def _cargador(ids: np.ndarray, longitudes: np.ndarray, y: np.ndarray, tamano_lote: int,
              barajar: bool, semilla: int) -> DataLoader:
    conjunto = TensorDataset(torch.as_tensor(ids), torch.as_tensor(longitudes), torch.as_tensor(y))
    generador = torch.Generator().manual_seed(int(semilla)) if barajar else None
    return DataLoader(conjunto, batch_size=tamano_lote, shuffle=barajar, generator=generador)


@torch.no_grad()
def predecir_clases_texto(
    modelo: ClasificadorLSTM,
    ids: np.ndarray,
    longitudes: np.ndarray,
    dispositivo: torch.device | str | None = None,
    tamano_lote: int = 256,
    probabilidades: bool = False,
) -> np.ndarray:
    """Clase predicha ``(N,)`` (o, con ``probabilidades=True``, la softmax ``(N, n_clases)``),
    en modo evaluación y sin gradientes. Deja el modelo en el modo en que estaba."""
    if dispositivo is None:
        dispositivo = next(modelo.parameters()).device
    estaba_entrenando = modelo.training
    modelo.eval()
    salidas = []
    try:
        for X, n, _ in _cargador(ids, longitudes, np.zeros(len(ids), np.int64), tamano_lote, False, 0):
            X, n = mover((X, n), dispositivo)
            salidas.append(torch.softmax(modelo(X, n), dim=1).cpu())
    finally:
        modelo.train(estaba_entrenando)
    p = torch.cat(salidas).double().numpy()
    return p if probabilidades else p.argmax(axis=1)


def entrenar_clasificador_texto(
    modelo: ClasificadorLSTM,
    datos: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    epocas: int = 12,
    tasa: float = 1e-2,
    tamano_lote: int = 32,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
    paciencia: int | None = None,
    recorte: float | None = 1.0,
) -> dict[str, list[float]]:
    """Entrena con Adam sobre ``datos["entrenamiento"]`` = ``(ids, longitudes, y)`` (de
    ``codificar_particiones``) y vigila la **exactitud** en ``datos["validacion"]``.

    El bucle es el del Lab08, escrito aquí porque cada lote lleva tres tensores (ids, longitudes
    y etiquetas) y ``entrenar_torch`` espera parejas ``(X, y)``. Al final se **restauran los pesos
    de la mejor época** en validación; con ``paciencia=k`` se para tras ``k`` épocas sin mejorar.
    ``semilla`` fija el orden de los lotes y las máscaras de Dropout (sin tocar el generador global).
    Devuelve ``{"perdida", "exactitud", "exactitud_val": [una por época], "mejor_epoca": [e],
    "segundos": [total]}``.
    """
    epocas = entero_positivo(epocas, "epocas")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if paciencia is not None:
        paciencia = entero_positivo(paciencia, "paciencia")
    for parte in ("entrenamiento", "validacion"):
        if parte not in datos or len(datos[parte]) != 3:
            raise ValueError(
                f"datos debe tener {parte!r}: (ids, longitudes, y), como da codificar_particiones"
            )
    dispositivo = torch.device(dispositivo) if dispositivo is not None else next(modelo.parameters()).device
    mover(modelo, dispositivo)
    cargador = _cargador(*datos["entrenamiento"], tamano_lote, True, semilla)
    ids_val, longitudes_val, y_val = datos["validacion"]
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    historial: dict[str, list[float]] = {"perdida": [], "exactitud": [], "exactitud_val": []}
    mejor, mejor_epoca, mejor_estado, sin_mejora = -1.0, 0, None, 0
    # Dropout sortea con el generador de PyTorch: se fija con la semilla, en una copia del generador
    # global (fork_rng), para que el resultado no dependa de lo que se ejecutó antes.
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores):
        torch.manual_seed(semilla)
        inicio = time.perf_counter()
        for epoca in range(1, epocas + 1):
            modelo.train()
            suma_perdida = suma_aciertos = 0.0
            for X, n, y in cargador:
                X, n, y = mover((X, n, y), dispositivo, non_blocking=True)
                optimizador.zero_grad()
                logits = modelo(X, n)
                perdida = nn.functional.cross_entropy(logits, y)
                perdida.backward()
                if recorte is not None:
                    torch.nn.utils.clip_grad_norm_(modelo.parameters(), recorte)
                optimizador.step()
                suma_perdida += float(perdida.detach()) * len(y)
                suma_aciertos += float(exactitud_torch(logits.detach(), y)) * len(y)
            n_total = len(datos["entrenamiento"][2])
            historial["perdida"].append(suma_perdida / n_total)
            historial["exactitud"].append(suma_aciertos / n_total)
            prediccion_val = predecir_clases_texto(modelo, ids_val, longitudes_val, dispositivo)
            exactitud_val = float(np.mean(prediccion_val == y_val))
            historial["exactitud_val"].append(exactitud_val)
            if exactitud_val > mejor:
                mejor, mejor_epoca, sin_mejora = exactitud_val, epoca, 0
                mejor_estado = copy.deepcopy(modelo.state_dict())
            else:
                sin_mejora += 1
                if paciencia is not None and sin_mejora >= paciencia:
                    break
    modelo.load_state_dict(mejor_estado)
    modelo.eval()
    historial["mejor_epoca"] = [float(mejor_epoca)]
    historial["segundos"] = [time.perf_counter() - inicio]
    return historial


def evaluar_clasificadores(
    y_verdadero: object, predicciones: Mapping[str, object], nombres_clases: Sequence[str] = LABS_CORPUS
) -> dict[str, dict]:
    """Métricas del Lab07 de cada modelo: ``{nombre: {"exactitud", "f1_macro", "matriz_confusion"
    (C, C), "informe" (texto)}}``, con ``predicciones = {nombre: clases predichas (N,)}``.

    La exactitud de no saber nada es la de la clase más frecuente (≈ 15 % aquí); el F1 macro
    promedia las clases por igual, así que una clase pequeña mal predicha se nota.
    """
    if not predicciones:
        raise ValueError("predicciones está vacío: pasa {nombre_del_modelo: clases predichas}")
    clases = np.arange(len(nombres_clases))
    resultados = {}
    for nombre, y_predicho in predicciones.items():
        y_predicho = np.asarray(y_predicho)
        resultados[nombre] = {
            "exactitud": exactitud(y_verdadero, y_predicho),
            "f1_macro": float(f1(y_verdadero, y_predicho, promedio="macro", clases=clases)),
            "matriz_confusion": matriz_confusion(y_verdadero, y_predicho, clases=clases),
            "informe": informe_clasificacion(y_verdadero, y_predicho, nombres_clases=nombres_clases,
                                             clases=clases),
        }
    return resultados


def tabla_clasificadores(resultados: Mapping[str, Mapping], decimales: int = 4) -> str:
    """Tabla de texto (``tabla_metricas`` del Lab07) con la exactitud y el F1 macro de cada modelo."""
    filas = {n: {"exactitud": r["exactitud"], "f1_macro": r["f1_macro"]} for n, r in resultados.items()}
    return tabla_metricas(filas, decimales)
