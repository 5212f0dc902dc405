"""*Word embeddings* con *skip-gram* y muestreo negativo (Word2Vec, Mikolov et al., 2013), en NumPy.

Idea: una palabra se conoce por sus vecinas. Cada palabra ``w`` tiene dos vectores de dimensión
``D``: ``v_w`` (fila de ``W_entrada``, cuando es la palabra *centro*) y ``u_w`` (fila de
``W_salida``, cuando es el *contexto*). El modelo aprende a distinguir los pares (centro,
contexto) que de verdad aparecen juntos en el texto de pares con ``k`` palabras «negativas»
sorteadas al azar. Las palabras que comparten contextos acaban con vectores ``v`` parecidos.

- ``pares_skipgram``: todos los pares (centro, contexto) dentro de una ventana.
- ``distribucion_negativos``: de dónde se sortean los negativos, ``P(w) ∝ cuenta(w)^0.75``.
- ``submuestrear_frecuentes``: descarta al azar parte de las palabras muy frecuentes («de», «la»).
- ``SkipGramNegativo``: las dos matrices (``Parametro`` del Lab02), la pérdida y sus gradientes.
- ``entrenar_skipgram``: el bucle por lotes con un optimizador del Lab06 (Adam por defecto).
- ``vecinos_mas_cercanos``, ``similitud_palabras``, ``proyectar_2d``: mirar lo aprendido.

Referencias: T. Mikolov, K. Chen, G. Corrado, J. Dean, «Efficient Estimation of Word
Representations in Vector Space» (2013); T. Mikolov, I. Sutskever, K. Chen, G. Corrado, J. Dean,
«Distributed Representations of Words and Phrases and their Compositionality» (NeurIPS 2013); el
programa original ``word2vec.c`` (ventana reducida al azar, inicialización de los pesos).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.validacion import (
    como_arreglo,
    comprobar_forma,
    describir_forma,
    entero_positivo,
    numero_real,
)
from Lab02_Primera_Red_Neuronal.codigo.capa import Capa, Parametro
from Lab02_Primera_Red_Neuronal.codigo.inicializacion import crear_generador
from Lab06_Entrenamiento.codigo.optimizadores import Adam

from .corpus import Vocabulario

__all__ = ["pares_skipgram", "distribucion_negativos", "submuestrear_frecuentes", "SkipGramNegativo",
           "entrenar_skipgram", "vecinos_mas_cercanos", "similitud_palabras", "proyectar_2d"]

#: Ids que nunca son centro, contexto ni negativo: ``<relleno>`` (0) y ``<desconocido>`` (1).
_ESPECIALES = 2

Ids = np.ndarray | Sequence[np.ndarray] | Sequence[int]


def _vector_ids(x: object, nombre: str) -> np.ndarray:
    """Un vector ``(L,)`` de ids enteros ≥ 0 (``int64``)."""
    arreglo = como_arreglo(x, nombre, ndim=1, enteros=True)
    if arreglo.size and not np.issubdtype(arreglo.dtype, np.integer):
        raise TypeError(f"se esperaban ids enteros en {nombre}, se recibió dtype {arreglo.dtype}")
    arreglo = arreglo.astype(np.int64, copy=False)
    if arreglo.size and arreglo.min() < 0:
        raise ValueError(f"{nombre} tiene ids negativos (por ejemplo {int(arreglo.min())})")
    return arreglo


def _secuencias(ids: Ids) -> tuple[list[np.ndarray], bool]:
    """``ids`` como lista de secuencias ``(L_i,)``; el booleano dice si llegó una sola secuencia."""
    if isinstance(ids, np.ndarray) or (isinstance(ids, Sequence) and all(np.ndim(s) == 0 for s in ids)):
        return [_vector_ids(ids, "ids")], True
    if not isinstance(ids, Sequence):
        raise TypeError("se esperaba ids como un arreglo (L,) de enteros o una lista de ellos (uno por "
                        f"párrafo), se recibió {type(ids).__name__}")
    return [_vector_ids(s, f"ids[{i}]") for i, s in enumerate(ids)], False


def pares_skipgram(
    ids: Ids, ventana: int = 2, semilla: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Los pares (centro, contexto) de las palabras que distan como mucho ``ventana`` posiciones.

    ``ids``: una secuencia ``(L,)`` o una lista de secuencias (p. ej. una por párrafo: ningún par
    cruza de una a otra). Devuelve ``(centros, contextos)``, dos ``int64`` ``(P,)``, ordenados por
    la posición del centro y, dentro de ella, por la del contexto (de izquierda a derecha).

    - ``<relleno>`` (0) y ``<desconocido>`` (1) no forman pares, ni como centro ni como contexto,
      pero **ocupan su posición**: una palabra desconocida separa a sus vecinas igual que una conocida.
    - ``semilla=None``: ventana completa para todas las palabras (resultado exacto, sin azar).
    - Con una ``semilla``: la ventana de cada centro se **reduce al azar** a ``b`` posiciones, con
      ``b`` uniforme en ``1 … ventana`` (como ``word2vec.c``). Así una vecina a distancia ``d``
      entra con probabilidad ``(ventana − d + 1) / ventana``: las cercanas pesan más.
    """
    secuencias, _ = _secuencias(ids)
    ventana = entero_positivo(ventana, "ventana")
    todos = np.concatenate(secuencias) if secuencias else np.zeros(0, dtype=np.int64)
    parrafo = np.repeat(np.arange(len(secuencias)), [q.size for q in secuencias])
    n = todos.size
    radio = np.full(n, ventana) if semilla is None else crear_generador(semilla).integers(1, ventana + 1, n)
    posicion_centro, posicion_contexto = [], []
    for d in range(1, min(ventana, n - 1) + 1):
        i = np.arange(n - d)  # posiciones (i, i + d): el centro a la izquierda y a la derecha
        junto = (parrafo[i] == parrafo[i + d]) & (todos[i] >= _ESPECIALES) & (todos[i + d] >= _ESPECIALES)
        for c, o in ((i, i + d), (i + d, i)):
            valido = junto & (radio[c] >= d)
            posicion_centro.append(c[valido])
            posicion_contexto.append(o[valido])
    if not posicion_centro:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pc, po = np.concatenate(posicion_centro), np.concatenate(posicion_contexto)
    orden = np.lexsort((po, pc))
    return todos[pc[orden]], todos[po[orden]]


def distribucion_negativos(ids: Ids, n_tokens: int, potencia: float = 0.75) -> np.ndarray:
    """Probabilidades ``(V,)`` de sortear cada palabra como negativa: ``P(w) ∝ cuenta(w)^potencia``.

    Con ``potencia = 0.75`` (Mikolov, 2013) las palabras raras salen algo más que con su frecuencia
    y las muy frecuentes algo menos. ``<relleno>``, ``<desconocido>`` y las palabras que no
    aparecen tienen probabilidad 0. ``ids``: como en ``pares_skipgram``.
    """
    secuencias, _ = _secuencias(ids)
    n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=_ESPECIALES + 1)
    potencia = numero_real(potencia, "potencia", 0.0)
    todos = np.concatenate(secuencias) if secuencias else np.zeros(0, dtype=np.int64)
    if todos.size and todos.max() >= n_tokens:
        raise ValueError(f"id {int(todos.max())} fuera del vocabulario de n_tokens={n_tokens} "
                         f"(0 … {n_tokens - 1})")
    cuentas = np.bincount(todos, minlength=n_tokens).astype(np.float64)
    cuentas[:_ESPECIALES] = 0.0
    if not cuentas.any():
        raise ValueError("no hay ninguna palabra (ids ≥ 2) de la que sortear negativos")
    pesos = np.zeros(n_tokens)
    pesos[cuentas > 0] = cuentas[cuentas > 0] ** potencia
    return pesos / pesos.sum()


def submuestrear_frecuentes(
    ids: Ids, t: float = 1e-3, semilla: int | np.random.Generator | None = None
) -> np.ndarray | list[np.ndarray]:
    """Descarta al azar apariciones de las palabras frecuentes (Mikolov et al., 2013, sección 2.3).

    Cada aparición de ``w``, con frecuencia relativa ``f(w)`` (cuenta / total de palabras), se
    **conserva** con probabilidad ``min(1, √(t / f(w)))`` (el artículo la descarta con
    ``1 − √(t / f)``). Con ``t = 1e-3``, en este corpus «de» (6 % del texto) queda en ~13 %,
    mientras que las palabras con ``f ≤ t`` se conservan todas. ``<relleno>`` y ``<desconocido>``
    nunca se descartan (ni cuentan en el total). Devuelve lo mismo que llegó: una secuencia o una
    lista de secuencias, más cortas. Al quitar palabras, la ventana abarca vecinas más lejanas.
    """
    secuencias, una = _secuencias(ids)
    t = numero_real(t, "t", 0.0, incluir_minimo=False)
    rng = crear_generador(semilla)
    todos = np.concatenate(secuencias) if secuencias else np.zeros(0, dtype=np.int64)
    cuentas = np.bincount(todos, minlength=_ESPECIALES).astype(np.float64)
    cuentas[:_ESPECIALES] = 0.0
    conservar = np.ones(cuentas.size)
    conservar[cuentas > 0] = np.minimum(1.0, np.sqrt(t * cuentas.sum() / cuentas[cuentas > 0]))
    resultado = [s[rng.random(s.size) < conservar[s]] for s in secuencias]
    return resultado[0] if una else resultado


def _log_sigmoide(x: np.ndarray) -> np.ndarray:
    """``log σ(x) = −log(1 + e^(−x))``, estable: finito y sin avisos para ``x = ±1000``."""
    return -np.logaddexp(0.0, -x)


def _sigmoide(x: np.ndarray) -> np.ndarray:
    return np.exp(_log_sigmoide(x))  # el exponente nunca es positivo: no desborda


def _sumar_filas(destino: np.ndarray, ids: np.ndarray, filas: np.ndarray) -> None:
    """``np.add.at(destino, ids, filas)``: suma cada fila ``filas[i]`` ``(M, D)`` a ``destino[ids[i]]``
    ``(V, D)``, acumulando los ids repetidos (``destino[ids] += filas`` se quedaría con la última).

    Se calcula con un solo ``np.bincount`` sobre los índices planos ``id·D + columna``: el
    resultado es el mismo que el de ``np.add.at`` y unas cinco veces más rápido.
    """
    V, D = destino.shape
    planos = (ids[:, None] * D + np.arange(D)).reshape(-1)
    suma = np.bincount(planos, weights=filas.reshape(-1), minlength=V * D)
    destino += suma.reshape(V, D).astype(destino.dtype, copy=False)


class SkipGramNegativo(Capa):
    """*Skip-gram* con muestreo negativo: ``W_entrada`` ``(V, D)`` (vectores ``v``, los *embeddings*
    que se usan después) y ``W_salida`` ``(V, D)`` (vectores ``u``), ambos ``Parametro``.

    Para un lote de ``B`` centros ``c``, sus contextos ``o`` y ``K`` negativos ``n_1 … n_K`` por par,
    con ``s⁺_b = u_o·v_c`` y ``s⁻_bk = u_{n_k}·v_c``:

        L = −(1/B) Σ_b [ log σ(s⁺_b) + Σ_k log σ(−s⁻_bk) ]

    y, como ``d log σ(x)/dx = σ(−x)``, los gradientes son

        ∂L/∂v_c     = (1/B) [ −σ(−s⁺)·u_o + Σ_k σ(s⁻_k)·u_{n_k} ]
        ∂L/∂u_o     = −(1/B) σ(−s⁺)·v_c
        ∂L/∂u_{n_k} =  (1/B) σ(s⁻_k)·v_c

    Un id que se repite en el lote (como centro, contexto o negativo) **acumula** la suma de sus
    contribuciones (como ``np.add.at``). Inicialización de ``word2vec.c``: ``W_entrada`` uniforme en
    ``±0.5/D`` y ``W_salida`` a cero (al principio todas las puntuaciones valen 0 y L = (1+K)·log 2).

    >>> modelo = SkipGramNegativo(10, dimension=4, semilla=0)
    >>> round(modelo.perdida_y_gradientes([2, 3], [4, 5], [[6, 7], [8, 9]]), 4)  # 3·log 2
    2.0794
    """

    def __init__(self, n_tokens: int, dimension: int = 50, semilla: int | np.random.Generator | None = 0,
                 dtype: type = np.float64) -> None:
        super().__init__()
        self.n_tokens = entero_positivo(n_tokens, "n_tokens", minimo=_ESPECIALES + 1)
        self.dimension = entero_positivo(dimension, "dimension")
        if np.dtype(dtype) not in (np.float32, np.float64):
            raise TypeError(f"dtype debe ser np.float32 o np.float64, se recibió {dtype!r}")
        rng = crear_generador(semilla)
        limite = 0.5 / self.dimension
        entrada = rng.uniform(-limite, limite, size=(self.n_tokens, self.dimension)).astype(dtype)
        self.W_entrada = Parametro(entrada, "W_entrada")
        self.W_salida = Parametro(np.zeros((self.n_tokens, self.dimension), dtype=dtype), "W_salida")
        self._cache: tuple[np.ndarray, ...] | None = None

    def _validar(self, centros: object, contextos: object, negativos: object) -> tuple[np.ndarray, ...]:
        c = _vector_ids(centros, "centros")
        o = _vector_ids(contextos, "contextos")
        negativos = como_arreglo(negativos, "negativos", ndim=2, enteros=True)
        comprobar_forma(negativos, (c.size, None), "negativos")
        if o.shape != c.shape:
            raise ValueError(f"se esperaba contextos de forma {describir_forma(c.shape)} (uno por centro), "
                             f"se recibió {describir_forma(o.shape)}")
        if c.size == 0:
            raise ValueError("el lote está vacío: se esperaba al menos un par (centro, contexto)")
        if negativos.size and not np.issubdtype(negativos.dtype, np.integer):
            raise TypeError(f"se esperaban ids enteros en negativos, se recibió dtype {negativos.dtype}")
        n = negativos.astype(np.int64, copy=False)
        for nombre, a in (("centros", c), ("contextos", o), ("negativos", n)):
            if a.size and (a.min() < 0 or a.max() >= self.n_tokens):
                raise ValueError(f"{nombre} tiene ids fuera del vocabulario (0 … {self.n_tokens - 1})")
        return c, o, n

    def forward(self, centros: object, contextos: object, negativos: object) -> float:
        """La pérdida ``L`` del lote: ``centros`` y ``contextos`` ``(B,)``, ``negativos`` ``(B, K)``.

        Guarda lo necesario para ``backward``; no toca los gradientes.
        """
        c, o, n = self._validar(centros, contextos, negativos)
        v = self.W_entrada.datos[c]                       # (B, D)
        u_o = self.W_salida.datos[o]                      # (B, D)
        u_n = self.W_salida.datos[n]                      # (B, K, D)
        s_pos = np.einsum("bd,bd->b", v, u_o)             # (B,)
        s_neg = np.matmul(u_n, v[:, :, None])[:, :, 0]   # (B, K)
        self._cache = (c, o, n, v, u_o, u_n, s_pos, s_neg)
        total = _log_sigmoide(s_pos) + _log_sigmoide(-s_neg).sum(axis=1)
        return float(-np.mean(total))

    def backward(self, grad: float = 1.0) -> None:
        """Suma ``grad · ∂L/∂W`` a ``W_entrada.grad`` y ``W_salida.grad`` (fórmulas de la clase).

        Devuelve ``None``: los ids de entrada son enteros y no tienen gradiente.
        """
        if self._cache is None:
            raise RuntimeError("llama a forward antes que a backward")
        c, o, n, v, u_o, u_n, s_pos, s_neg = self._cache
        escala = numero_real(grad, "grad") / c.size
        d_pos = -escala * _sigmoide(-s_pos)               # ∂L/∂s⁺ (B,)
        d_neg = escala * _sigmoide(s_neg)                 # ∂L/∂s⁻ (B, K)
        d_v = d_pos[:, None] * u_o + np.matmul(d_neg[:, None, :], u_n)[:, 0, :]
        # u_o y los u_n reciben coeficiente·v_c: se tratan juntos, el contexto como columna 0
        coeficientes = np.concatenate([d_pos[:, None], d_neg], axis=1)        # (B, 1 + K)
        d_u = (coeficientes[:, :, None] * v[:, None, :]).reshape(-1, self.dimension)
        _sumar_filas(self.W_entrada.grad, c, d_v)        # ids repetidos: se suman
        _sumar_filas(self.W_salida.grad, np.concatenate([o[:, None], n], axis=1).reshape(-1), d_u)
        return None

    def perdida_y_gradientes(self, centros: object, contextos: object, negativos: object) -> float:
        """``forward`` y ``backward`` juntos: devuelve ``L`` y **suma** sus gradientes a los ``.grad``
        (llama antes a ``zero_grad()`` si no quieres acumular, como en PyTorch)."""
        perdida = self.forward(centros, contextos, negativos)
        self.backward(1.0)
        return perdida

    def __repr__(self) -> str:
        return f"SkipGramNegativo(n_tokens={self.n_tokens}, dimension={self.dimension})"


def _barra(total: int, activa: bool, descripcion: str = "skip-gram") -> Any:
    if not activa:
        return None
    with warnings.catch_warnings():  # en Jupyter sin ipywidgets, tqdm avisa y usa la barra de texto
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    return tqdm(total=total, desc=descripcion, unit="época")


def _pares_validos(pares: object, n_tokens: int) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(pares, tuple | list) or len(pares) != 2:
        raise TypeError("se esperaba pares = (centros, contextos), como los devuelve pares_skipgram")
    centros, contextos = _vector_ids(pares[0], "centros"), _vector_ids(pares[1], "contextos")
    if centros.shape != contextos.shape or centros.size == 0:
        raise ValueError(f"se esperaban centros y contextos no vacíos de la misma forma, se recibió "
                         f"{describir_forma(centros.shape)} y {describir_forma(contextos.shape)}")
    if max(centros.max(), contextos.max()) >= n_tokens:
        raise ValueError(f"hay ids fuera del vocabulario del modelo (0 … {n_tokens - 1})")
    return centros, contextos


def _distribucion_valida(distribucion: object, n_tokens: int) -> np.ndarray:
    p = como_arreglo(distribucion, "distribucion", ndim=1)
    comprobar_forma(p, (n_tokens,), "distribucion")
    if p.min() < 0 or not np.isclose(p.sum(), 1.0):
        raise ValueError("distribucion debe tener probabilidades ≥ 0 que sumen 1 "
                         "(usa distribucion_negativos)")
    return p.astype(np.float64)


def entrenar_skipgram(
    modelo: SkipGramNegativo, pares: tuple[np.ndarray, np.ndarray], distribucion: np.ndarray,
    epocas: int = 5, tamano_lote: int = 512, k_negativos: int = 5, optimizador: Any = None,
    tasa_aprendizaje: float = 0.01, semilla: int | np.random.Generator | None = 0,
    barra_progreso: bool = False,
) -> list[float]:
    """Entrena ``modelo`` y devuelve la pérdida media de cada época (lista de ``epocas`` números).

    En cada época se barajan los pares ``(centros, contextos)`` ``(P,)``, se sortean ``k_negativos``
    negativos por par de ``distribucion`` ``(V,)`` y se recorre por lotes: ``zero_grad`` →
    ``perdida_y_gradientes`` → ``optimizador.step()``. Sin ``optimizador``, se crea un ``Adam`` del
    Lab06 con ``tasa_aprendizaje`` (a Adam no le afecta que ``L`` sea una media: con SGD la tasa
    tiene que ser mucho mayor). Un negativo puede coincidir por azar con el contexto; con un
    vocabulario de cientos de palabras pasa poco y no se corrige (``word2vec.c`` lo descarta).
    """
    if not isinstance(modelo, SkipGramNegativo):
        raise TypeError(f"se esperaba un SkipGramNegativo, se recibió {type(modelo).__name__}")
    centros, contextos = _pares_validos(pares, modelo.n_tokens)
    p = _distribucion_valida(distribucion, modelo.n_tokens)
    epocas = entero_positivo(epocas, "epocas")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    k_negativos = entero_positivo(k_negativos, "k_negativos")
    if optimizador is None:
        optimizador = Adam(modelo.parameters(), tasa_aprendizaje=tasa_aprendizaje)
    elif not callable(getattr(optimizador, "step", None)):
        raise TypeError(f"optimizador debe tener step() (un Adam del Lab06…), se recibió {optimizador!r}")
    rng = crear_generador(semilla)
    acumulada = np.cumsum(p)
    acumulada[-1] = 1.0
    historial: list[float] = []
    barra = _barra(epocas, barra_progreso)
    try:
        for _ in range(epocas):
            orden = rng.permutation(centros.size)
            negativos = np.searchsorted(acumulada, rng.random((centros.size, k_negativos)), side="right")
            suma = 0.0
            for inicio in range(0, centros.size, tamano_lote):
                lote = orden[inicio:inicio + tamano_lote]
                modelo.zero_grad()
                perdida = modelo.perdida_y_gradientes(centros[lote], contextos[lote], negativos[lote])
                optimizador.step()
                suma += perdida * lote.size
            historial.append(suma / centros.size)
            if barra is not None:
                barra.set_postfix({"pérdida": f"{historial[-1]:.4f}"})
                barra.update(1)
    finally:
        if barra is not None:
            barra.close()
    return historial


def _embeddings_validos(embeddings: object) -> np.ndarray:
    if isinstance(embeddings, SkipGramNegativo):
        return embeddings.W_entrada.datos
    return como_arreglo(embeddings, "embeddings", ndim=2)


def _id_palabra(vocabulario: Vocabulario, palabra: str, n_filas: int) -> int:
    if not isinstance(vocabulario, Vocabulario):
        raise TypeError(f"se esperaba un Vocabulario, se recibió {type(vocabulario).__name__}")
    if len(vocabulario) != n_filas:
        raise ValueError(f"embeddings tiene {n_filas} filas pero el vocabulario {len(vocabulario)} tokens")
    if not isinstance(palabra, str):
        raise TypeError(f"se esperaba una palabra (str), se recibió {type(palabra).__name__}")
    if palabra not in vocabulario or vocabulario.indices[palabra] < _ESPECIALES:
        raise KeyError(f"la palabra {palabra!r} no está en el vocabulario (¿aparece menos veces que "
                       "min_frecuencia o está mal escrita?)")
    return vocabulario.indices[palabra]


def _normalizar_filas(E: np.ndarray) -> np.ndarray:
    norma = np.linalg.norm(E, axis=1, keepdims=True)
    return E / np.maximum(norma, np.finfo(E.dtype).tiny)


def vecinos_mas_cercanos(
    embeddings: np.ndarray | SkipGramNegativo, vocabulario: Vocabulario, palabra: str, k: int = 5
) -> list[tuple[str, float]]:
    """Las ``k`` palabras de vector más parecido (coseno) al de ``palabra``: ``[(palabra, coseno), …]``
    de mayor a menor (empates, por id). Nunca incluye a la propia palabra ni a los ids especiales.

    ``embeddings``: ``(V, D)`` (una fila por token del ``vocabulario``) o el propio modelo (se usa
    ``W_entrada``). Una palabra que no está en el vocabulario da ``KeyError``.
    """
    E = _embeddings_validos(embeddings)
    i = _id_palabra(vocabulario, palabra, E.shape[0])
    k = entero_positivo(k, "k")
    cosenos = _normalizar_filas(E) @ _normalizar_filas(E[i:i + 1])[0]
    cosenos[[0, 1, i]] = -np.inf  # ni los especiales ni la propia palabra
    orden = np.argsort(-cosenos, kind="stable")[: min(k, E.shape[0] - _ESPECIALES - 1)]
    return [(vocabulario.tokens[j], float(cosenos[j])) for j in orden]


def similitud_palabras(
    embeddings: np.ndarray | SkipGramNegativo, vocabulario: Vocabulario, palabra_a: str, palabra_b: str
) -> float:
    """Coseno entre los vectores de dos palabras del vocabulario (de −1 a 1)."""
    E = _embeddings_validos(embeddings)
    a, b = _id_palabra(vocabulario, palabra_a, E.shape[0]), _id_palabra(vocabulario, palabra_b, E.shape[0])
    filas = _normalizar_filas(E[[a, b]])
    return float(filas[0] @ filas[1])


def proyectar_2d(embeddings: np.ndarray | SkipGramNegativo, ids: object = None) -> np.ndarray:
    """Proyección ``(n, 2)`` de las filas ``ids`` de ``embeddings`` ``(V, D)`` sobre sus dos
    componentes principales (PCA con la SVD de NumPy, calculada sólo con esas filas).

    ``ids=None``: todas las filas. El signo de cada componente se fija (su coeficiente de mayor
    valor absoluto es positivo), así que el dibujo sale igual en cada ejecución.
    """
    E = _embeddings_validos(embeddings)
    if ids is not None:
        ids = _vector_ids(ids, "ids")
        if ids.size and ids.max() >= E.shape[0]:
            raise ValueError(f"ids fuera de las {E.shape[0]} filas de embeddings")
        E = E[ids]
    if E.shape[0] < 2 or E.shape[1] < 2:
        raise ValueError(f"se necesitan al menos 2 filas y 2 columnas para proyectar, se recibió "
                         f"{describir_forma(E.shape)}")
    centrado = E - E.mean(axis=0)
    _, _, Vt = np.linalg.svd(centrado, full_matrices=False)
    componentes = Vt[:2]
    signos = np.sign(componentes[np.arange(2), np.argmax(np.abs(componentes), axis=1)])
    return centrado @ (componentes * signos[:, None]).T
