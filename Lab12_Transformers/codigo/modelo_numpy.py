"""Un transformer completo, pequeño, hecho sólo con las capas NumPy del curso, y una tarea de juguete.

``ModeloTransformerNumpy`` encadena::

    ids (N, T) → Embedding (Lab11) → + posición → BloqueTransformer × n_bloques → LayerNorm
               → cabeza de salida → logits (N, T, V)

Se entrena con el ``entrenar`` del Lab06 y la ``EntropiaCruzada`` del Lab04, que ya acepta
logits ``(N, T, V)`` con etiquetas enteras ``(N, T)`` (una clasificación por posición).

**Pesos atados** (``atar_pesos=True``, Press y Wolf, 2017; GPT-2): la cabeza de salida no tiene
matriz propia, usa la del ``Embedding`` traspuesta: ``logits = h Eᵀ``. El mismo ``Parametro``
recibe gradiente por dos caminos (la entrada y la salida) y ``parameters()`` lo lista una vez.

La tarea de juguete (``tarea_juguete``): dada una secuencia de dígitos, escribirla **al revés**
(o **ordenada**). Cada posición de salida necesita mirar otra posición de la entrada: justo lo
que hace la atención (un MLP por posición no podría).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import describir_forma, entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, crear_generador
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import CapaDensa
from Lab06_Entrenamiento.codigo import Adam, Historial, entrenar, predecir
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.embedding import Embedding

from .bloque import BloqueTransformer
from .normalizacion import LayerNorm
from .posicional import CodificacionSinusoidal, EmbeddingPosicional

__all__ = ["CabezaAtada", "ModeloTransformerNumpy", "exactitud_tokens", "tarea_juguete",
           "TAREAS_JUGUETE", "entrenar_transformer_numpy"]


class CabezaAtada(Capa):
    """Cabeza de salida que reutiliza la matriz ``W`` ``(V, D)`` de un ``Embedding``: ``h Wᵀ``.

    ``h`` ``(N, T, D)`` → logits ``(N, T, V)``. ``backward`` **acumula** en ``W.grad`` (el
    ``Embedding`` también lo hace) y devuelve ``g W`` ``(N, T, D)``.
    """

    def __init__(self, embedding: Embedding) -> None:
        super().__init__()
        self.W: Parametro = embedding.W  # el mismo objeto: pesos atados
        self._h: np.ndarray | None = None

    def forward(self, h: np.ndarray) -> np.ndarray:
        self._h = np.asarray(h, dtype=self.W.datos.dtype)
        return self._h @ self.W.datos.T

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if self._h is None:
            raise RuntimeError("CabezaAtada.backward se llamó antes que forward")
        D, V = self.W.forma[1], self.W.forma[0]
        self.W.grad += grad.reshape(-1, V).T @ self._h.reshape(-1, D)  # (V, D)
        return grad @ self.W.datos


class ModeloTransformerNumpy(Capa):
    """Transformer de *tokens*: ``forward(ids (N, T), mascara=None)`` → logits ``(N, T, n_tokens)``.

    - ``posicional``: ``"sinusoidal"`` (fija) o ``"aprendida"`` (``EmbeddingPosicional``).
    - ``causal=True``: cada posición sólo ve las anteriores (un GPT); ``False``: un codificador.
    - ``atar_pesos=True``: la cabeza usa la matriz del ``Embedding`` (``CabezaAtada``).

    Subcapas: ``embedding``, ``posicion``, ``bloques`` (lista), ``ln_final``, ``cabeza``.
    """

    def __init__(self, n_tokens: int, d_modelo: int = 32, n_cabezas: int = 4, d_oculta: int = 64,
                 n_bloques: int = 2, contexto_maximo: int = 16, causal: bool = False,
                 posicional: str = "sinusoidal", atar_pesos: bool = False, activacion: str = "gelu",
                 semilla: int | np.random.Generator | None = None, dtype: type = np.float64) -> None:
        super().__init__()
        if posicional not in ("sinusoidal", "aprendida"):
            raise ValueError(f"posicional debe ser 'sinusoidal' o 'aprendida', se recibió {posicional!r}")
        rng = crear_generador(semilla)
        n_bloques = entero_positivo(n_bloques, "n_bloques")
        self.embedding = Embedding(n_tokens, d_modelo, semilla=rng, dtype=dtype)
        self.posicion = (CodificacionSinusoidal(contexto_maximo, d_modelo) if posicional == "sinusoidal"
                         else EmbeddingPosicional(contexto_maximo, d_modelo, semilla=rng, dtype=dtype))
        self.bloques = [BloqueTransformer(d_modelo, n_cabezas, d_oculta, causal=causal,
                                          activacion=activacion, semilla=rng, dtype=dtype)
                        for _ in range(n_bloques)]
        self.ln_final = LayerNorm(d_modelo, dtype=dtype)
        self.cabeza = (CabezaAtada(self.embedding) if atar_pesos
                       else CapaDensa(d_modelo, n_tokens, "xavier", rng, dtype=dtype))
        self.atar_pesos = bool(atar_pesos)
        self.contexto_maximo = self.posicion.contexto_maximo

    def forward(self, ids: np.ndarray, mascara: np.ndarray | None = None) -> np.ndarray:
        """``ids`` enteros ``(N, T)`` → logits ``(N, T, n_tokens)``."""
        ids = np.asarray(ids)
        if ids.ndim != 2:
            raise ValueError(f"se esperaban identificadores de forma (N, T), se recibió "
                             f"{describir_forma(ids.shape)}")
        h = self.posicion.forward(self.embedding.forward(ids))
        for bloque in self.bloques:
            h = bloque.forward(h, mascara)
        return self.cabeza.forward(self.ln_final.forward(h))

    def backward(self, grad: np.ndarray) -> None:
        """``∂L/∂logits`` ``(N, T, V)``: rellena los gradientes; los ids no tienen gradiente (``None``)."""
        g = self.ln_final.backward(self.cabeza.backward(grad))
        for bloque in reversed(self.bloques):
            g = bloque.backward(g)
        self.embedding.backward(self.posicion.backward(g))
        return None


def exactitud_tokens(logits: np.ndarray, objetivo: np.ndarray) -> float:
    """Fracción de posiciones en las que el *token* más probable es el correcto.

    ``logits`` ``(N, T, V)``, ``objetivo`` enteros ``(N, T)``.
    """
    logits, objetivo = np.asarray(logits), np.asarray(objetivo)
    if logits.shape[:-1] != objetivo.shape:
        raise ValueError(f"se esperaba objetivo de forma {describir_forma(logits.shape[:-1])}, se recibió "
                         f"{describir_forma(objetivo.shape)}")
    return float(np.mean(logits.argmax(axis=-1) == objetivo))


#: Tareas de ``tarea_juguete``: la salida en cada posición ``t``.
TAREAS_JUGUETE = ("invertir", "ordenar")


def tarea_juguete(n_ejemplos: int = 2000, longitud: int = 8, n_digitos: int = 10,
                  tarea: str = "invertir",
                  semilla: int | np.random.Generator | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Secuencias de dígitos al azar ``X`` ``(n, longitud)`` y su objetivo ``y`` ``(n, longitud)``.

    ``"invertir"``: ``y[:, t] = X[:, longitud − 1 − t]``; ``"ordenar"``: ``y = sort(X)``.
    """
    if tarea not in TAREAS_JUGUETE:
        raise ValueError(f"tarea desconocida: {tarea!r}; se esperaba una de {', '.join(TAREAS_JUGUETE)}")
    forma = (entero_positivo(n_ejemplos, "n_ejemplos"), entero_positivo(longitud, "longitud"))
    X = crear_generador(semilla).integers(0, entero_positivo(n_digitos, "n_digitos"), size=forma)
    y = X[:, ::-1].copy() if tarea == "invertir" else np.sort(X, axis=1)
    return X, y


def entrenar_transformer_numpy(
    tarea: str = "invertir", n_ejemplos: int = 2000, longitud: int = 8, n_digitos: int = 10,
    epocas: int = 10, tamano_lote: int = 32, tasa_aprendizaje: float = 3e-3, d_modelo: int = 32,
    n_cabezas: int = 4, n_bloques: int = 1, atar_pesos: bool = False, semilla: int = 0,
    barra_progreso: bool = False,
) -> tuple[ModeloTransformerNumpy, Historial, float]:
    """Entrena un ``ModeloTransformerNumpy`` (codificador, sin máscara causal) en ``tarea_juguete``.

    Devuelve ``(modelo, historial, exactitud)``: la exactitud por posición en 500 secuencias nuevas
    (el azar da ``1/n_digitos``). Con los valores por defecto tarda unos segundos en un núcleo.
    """
    tasa_aprendizaje = numero_real(tasa_aprendizaje, "tasa_aprendizaje", 0.0, incluir_minimo=False)
    X, y = tarea_juguete(n_ejemplos, longitud, n_digitos, tarea, semilla)
    X_prueba, y_prueba = tarea_juguete(500, longitud, n_digitos, tarea, semilla + 1)
    modelo = ModeloTransformerNumpy(n_digitos, d_modelo, n_cabezas, 2 * d_modelo, n_bloques,
                                    contexto_maximo=longitud, atar_pesos=atar_pesos, semilla=semilla)
    optimizador = Adam(modelo.parameters(), tasa_aprendizaje)
    historial = entrenar(modelo, EntropiaCruzada(), optimizador, (X, y), epocas=epocas,
                         tamano_lote=tamano_lote, metricas={"exactitud": exactitud_tokens},
                         semilla=semilla, barra_progreso=barra_progreso)
    exactitud = exactitud_tokens(predecir(modelo, X_prueba), y_prueba)
    return modelo, historial, exactitud
