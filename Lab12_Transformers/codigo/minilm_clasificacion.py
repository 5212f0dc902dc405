"""¿De qué laboratorio es este párrafo? La tarea del Lab11, ahora con MiniLM preentrenado.

Dos maneras de usar un modelo preentrenado para clasificar:

- ``cabeza_sobre_congelado``: el modelo no cambia. Se calcula **una vez** el vector de cada
  párrafo (``incrustar_frases``) y sobre esos vectores se ajusta una regresión logística de
  scikit-learn. Barato: una sola pasada hacia delante por los datos.
- ``ajustar_minilm`` (*fine-tuning*): se entrenan también pesos del transformer, con AdamW, junto
  con una capa lineal sobre el promedio con máscara. En una CPU, entrenar las 6 capas no cabe en
  un cuaderno; por eso se entrenan sólo las ``capas_entrenables`` capas **de arriba** y la cabeza.
  Los *embeddings* y las capas de abajo quedan congelados y en modo evaluación: su salida no
  cambia durante el entrenamiento, así que se calcula **una sola vez** por párrafo y se guarda;
  cada época recorre sólo las capas entrenables.

Los dos se miden con ``evaluar_clasificadores`` / ``tabla_clasificadores`` del Lab11, sobre las
mismas particiones (``datos_clasificacion``).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping, Sequence

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from torch import nn
from tqdm.auto import tqdm
from transformers import PreTrainedModel, PreTrainedTokenizerBase
from transformers.masking_utils import create_bidirectional_mask

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover

from .hf_local import dispositivo_o_automatico
from .minilm import _frases, incrustar_frases, promedio_con_mascara

__all__ = ["cabeza_sobre_congelado", "ClasificadorMiniLM", "ajustar_minilm", "predecir_minilm"]


def _comprobar_datos(datos: object, partes: Sequence[str]) -> None:
    for parte in partes:
        if not isinstance(datos, Mapping) or parte not in datos or len(datos[parte]) != 2:
            raise ValueError(f"datos debe tener {parte!r}: (textos, y), "
                             "como da datos_clasificacion del Lab11")
        textos, y = datos[parte]
        _frases(textos)
        y = np.asarray(y)
        if y.shape != (len(textos),) or not np.issubdtype(y.dtype, np.integer):
            raise ValueError(f"en datos[{parte!r}] se esperaban etiquetas enteras de forma ({len(textos)},), "
                             f"se recibió {y.dtype} de forma {y.shape}")


def cabeza_sobre_congelado(
    datos: Mapping[str, tuple[Sequence[str], np.ndarray]],
    modelo: PreTrainedModel,
    tokenizador: PreTrainedTokenizerBase,
    longitud_maxima: int = 64,
    C: float = 10.0,
    tamano_lote: int = 32,
    barra: bool = False,
) -> dict[str, object]:
    """Vectores MiniLM congelados + regresión logística (``LogisticRegression(C)``).

    ``datos``: el diccionario de ``datos_clasificacion`` (se usan ``"entrenamiento"`` y
    ``"prueba"``). Devuelve ``{"cabeza": LogisticRegression ajustada, "prediccion": clases
    predichas en la prueba (N,), "vectores": {"entrenamiento": (N, 384), "prueba": (M, 384)},
    "segundos": tiempo total}``. Los párrafos se truncan a ``longitud_maxima`` *tokens*.
    """
    _comprobar_datos(datos, ("entrenamiento", "prueba"))
    C = numero_real(C, "C", 0.0, incluir_minimo=False)
    inicio = time.perf_counter()
    vectores = {parte: incrustar_frases(list(datos[parte][0]), modelo, tokenizador, tamano_lote,
                                        longitud_maxima, barra=barra)
                for parte in ("entrenamiento", "prueba")}
    cabeza = LogisticRegression(C=C, max_iter=3000)
    cabeza.fit(vectores["entrenamiento"].astype(np.float64), np.asarray(datos["entrenamiento"][1]))
    prediccion = cabeza.predict(vectores["prueba"].astype(np.float64))
    return {"cabeza": cabeza, "prediccion": prediccion, "vectores": vectores,
            "segundos": time.perf_counter() - inicio}


class ClasificadorMiniLM(nn.Module):
    """Un ``BertModel`` (MiniLM) con una capa lineal sobre el promedio con máscara.

    ::

        bert(input_ids, attention_mask).last_hidden_state   (N, T, 384)
        promedio con máscara → Dropout                      (N, 384)
        nn.Linear(384, n_clases)                            (N, n_clases)

    ``forward(input_ids, attention_mask)`` recorre el modelo entero. ``desde_capa(estados, mascara,
    capa)`` empieza en la capa ``capa`` con los estados ``(N, T, 384)`` que entraban en ella (los que
    dejan las capas congeladas): es lo que se usa al entrenar sólo las capas de arriba.
    """

    def __init__(self, bert: PreTrainedModel, n_clases: int, dropout: float = 0.1, semilla: int = 0) -> None:
        super().__init__()
        self.bert = bert
        self.n_clases = entero_positivo(n_clases, "n_clases", minimo=2)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(semilla))
            self.salida = nn.Linear(bert.config.hidden_size, self.n_clases)
        self.dropout = nn.Dropout(numero_real(dropout, "dropout", 0.0, 1.0, incluir_maximo=False))
        self.salida.to(bert.device)

    def _cabeza(self, estados: torch.Tensor, mascara: torch.Tensor) -> torch.Tensor:
        return self.salida(self.dropout(promedio_con_mascara(estados, mascara)))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """``input_ids (N, T)``, ``attention_mask (N, T)`` → ``logits (N, n_clases)``."""
        estados = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self._cabeza(estados, attention_mask)

    def desde_capa(self, estados: torch.Tensor, mascara: torch.Tensor, capa: int) -> torch.Tensor:
        """Estados ``(N, T, D)`` a la entrada de la capa ``capa`` (0 … 6) → ``logits (N, n_clases)``."""
        mascara_atencion = create_bidirectional_mask(config=self.bert.config, inputs_embeds=estados,
                                                     attention_mask=mascara)
        for bloque in self.bert.encoder.layer[capa:]:
            estados = bloque(estados, mascara_atencion)
        return self._cabeza(estados, mascara)


def _codificar(tokenizador, textos, longitud_maxima):
    """Todos los textos rellenos hasta la misma longitud (la del más largo, ≤ ``longitud_maxima``)."""
    codigos = tokenizador(list(textos), padding=True, truncation=True, max_length=longitud_maxima,
                          return_tensors="pt")
    return codigos["input_ids"], codigos["attention_mask"]


@torch.no_grad()
def _estados_en_capa(bert, ids, mascara, capa, tamano_lote, dispositivo, barra):
    """Estados ``(N, T, D)`` que entran en la capa ``capa`` (0: la salida de los *embeddings*)."""
    bert.eval()
    partes = []
    inicios = range(0, len(ids), tamano_lote)
    for inicio in tqdm(inicios, desc="Capas congeladas", disable=not barra, leave=False):
        salida = bert(input_ids=ids[inicio:inicio + tamano_lote].to(dispositivo),
                      attention_mask=mascara[inicio:inicio + tamano_lote].to(dispositivo),
                      output_hidden_states=True)
        partes.append(salida.hidden_states[capa])
    return torch.cat(partes)


def ajustar_minilm(
    datos: Mapping[str, tuple[Sequence[str], np.ndarray]],
    modelo: PreTrainedModel,
    tokenizador: PreTrainedTokenizerBase,
    capas_entrenables: int = 1,
    epocas: int = 3,
    tasa: float = 2e-4,
    tasa_cabeza: float = 3e-3,
    tamano_lote: int = 16,
    longitud_maxima: int = 32,
    semilla: int = 0,
    dispositivo: torch.device | str | None = None,
    barra: bool = True,
) -> tuple[ClasificadorMiniLM, dict[str, list[float]]]:
    """*Fine-tuning* de las ``capas_entrenables`` capas de arriba de una **copia** de ``modelo`` (el
    original no cambia) y de una cabeza lineal, con AdamW (``tasa`` para el transformer,
    ``tasa_cabeza`` para la cabeza, que empieza al azar) y entropía cruzada.

    Qué se entrena exactamente: las capas ``6 − capas_entrenables … 5`` del codificador y la capa
    lineal. Los *embeddings* y las capas de abajo quedan congelados (``requires_grad=False``, sin
    Dropout), y sus salidas se calculan una vez al principio (el tiempo se incluye en
    ``"segundos"``). ``capas_entrenables=0``: sólo la cabeza; ``=6``: todo menos los *embeddings*.
    Los párrafos se truncan a ``longitud_maxima`` *tokens*. ``semilla`` fija la cabeza inicial, el
    orden de los lotes y el Dropout (en una copia del generador global).

    Los valores por defecto (1 capa, 3 épocas, 32 *tokens*) caben en unos 20 s en una CPU de dos
    núcleos; más capas o párrafos más largos cuestan más y, con este corpus, ayudan poco: truncar a
    32 *tokens* tira mucha información (la mediana de un párrafo son ~54 *tokens* de MiniLM).

    Devuelve ``(clasificador, historial)`` con ``historial = {"perdida": [media de cada época],
    "exactitud_val": [en datos["validacion"], una por época], "segundos": [total]}``.
    """
    _comprobar_datos(datos, ("entrenamiento", "validacion"))
    n_capas = len(modelo.encoder.layer)
    capas_entrenables = entero_positivo(capas_entrenables, "capas_entrenables", minimo=0)
    if capas_entrenables > n_capas:
        raise ValueError(f"capas_entrenables debe estar entre 0 y {n_capas}, se recibió {capas_entrenables}")
    epocas = entero_positivo(epocas, "epocas")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    tasa_cabeza = numero_real(tasa_cabeza, "tasa_cabeza", 0.0, incluir_minimo=False)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    longitud_maxima = entero_positivo(longitud_maxima, "longitud_maxima", minimo=2)
    dispositivo = dispositivo_o_automatico(dispositivo)
    primera = n_capas - capas_entrenables  # primera capa que se entrena

    inicio = time.perf_counter()
    y = torch.as_tensor(np.asarray(datos["entrenamiento"][1]), dtype=torch.int64)
    n_clases = int(max(int(y.max()), int(np.max(datos["validacion"][1])))) + 1
    bert = mover(copy.deepcopy(modelo), dispositivo)
    for parametro in bert.parameters():
        parametro.requires_grad_(False)
    for bloque in bert.encoder.layer[primera:]:
        for parametro in bloque.parameters():
            parametro.requires_grad_(True)
    clasificador = ClasificadorMiniLM(bert, max(n_clases, 2), semilla=semilla)

    guardados = {}  # parte → (estados (N, T, D) a la entrada de la capa «primera», máscara (N, T))
    for parte in ("entrenamiento", "validacion"):
        ids, mascara = _codificar(tokenizador, datos[parte][0], longitud_maxima)
        guardados[parte] = (_estados_en_capa(bert, ids, mascara, primera, 64, dispositivo, barra),
                            mascara.to(dispositivo))
    estados, mascara = guardados["entrenamiento"]
    y_val = np.asarray(datos["validacion"][1])
    grupos = [{"params": list(clasificador.salida.parameters()), "lr": tasa_cabeza}]
    if capas_entrenables:
        capas = [p for bloque in bert.encoder.layer[primera:] for p in bloque.parameters()]
        grupos.append({"params": capas, "lr": tasa})
    optimizador = torch.optim.AdamW(grupos)
    historial: dict[str, list[float]] = {"perdida": [], "exactitud_val": []}
    generadores = [dispositivo.index or 0] if dispositivo.type == "cuda" else []
    with torch.random.fork_rng(devices=generadores):
        torch.manual_seed(int(semilla))
        orden_lotes = torch.Generator().manual_seed(int(semilla))
        for _ in tqdm(range(epocas), desc="Ajuste de MiniLM", disable=not barra):
            clasificador.train()
            bert.embeddings.eval()
            for bloque in bert.encoder.layer[:primera]:
                bloque.eval()
            suma = 0.0
            for indices in torch.randperm(len(y), generator=orden_lotes).split(tamano_lote):
                optimizador.zero_grad()
                logits = clasificador.desde_capa(estados[indices], mascara[indices], primera)
                perdida = nn.functional.cross_entropy(logits, y[indices].to(dispositivo))
                perdida.backward()
                optimizador.step()
                suma += float(perdida.detach()) * len(indices)
            historial["perdida"].append(suma / len(y))
            clasificador.eval()
            with torch.no_grad():
                logits_val = clasificador.desde_capa(*guardados["validacion"], primera)
            historial["exactitud_val"].append(float(np.mean(logits_val.argmax(1).cpu().numpy() == y_val)))
    clasificador.eval()
    historial["segundos"] = [time.perf_counter() - inicio]
    return clasificador, historial


@torch.no_grad()
def predecir_minilm(
    clasificador: ClasificadorMiniLM,
    tokenizador: PreTrainedTokenizerBase,
    textos: Sequence[str],
    longitud_maxima: int = 32,
    tamano_lote: int = 64,
    probabilidades: bool = False,
) -> np.ndarray:
    """Clase predicha ``(N,)`` (o la softmax ``(N, n_clases)``) de cada texto, en modo evaluación y sin
    gradientes; los textos se truncan a ``longitud_maxima`` *tokens*. Deja el modelo como estaba."""
    textos = _frases(textos)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    estaba = clasificador.training
    clasificador.eval()
    dispositivo = clasificador.salida.weight.device
    salidas = []
    try:
        for inicio in range(0, len(textos), tamano_lote):
            ids, mascara = _codificar(tokenizador, textos[inicio:inicio + tamano_lote], longitud_maxima)
            logits = clasificador(ids.to(dispositivo), mascara.to(dispositivo))
            salidas.append(torch.softmax(logits.float(), dim=1).cpu())
    finally:
        clasificador.train(estaba)
    p = torch.cat(salidas).double().numpy()
    return p if probabilidades else p.argmax(axis=1)
