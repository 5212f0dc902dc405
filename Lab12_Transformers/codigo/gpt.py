"""Un GPT pequeño en PyTorch: un modelo de lenguaje de caracteres hecho de bloques transformer.

La arquitectura es la de GPT-2 (Radford et al., 2019), en miniatura y escrita para leerse::

    ids (B, T)
    embedding de tokens (V, d) + embedding de posiciones (contexto, d)      (B, T, d)
    n_capas × BloqueGPT:
        x = x + AtencionCausal(LayerNorm(x))     (pre-norm: se normaliza antes de cada subcapa)
        x = x + MLP(LayerNorm(x))                (d → d_oculta → d, con GELU)
    LayerNorm final                                                          (B, T, d)
    cabeza de salida (d → V), con los mismos pesos que el embedding         (B, T, V) logits

**Causal**: la posición ``t`` sólo mira las posiciones ``0 … t`` (una máscara triangular), así que
en una sola pasada el modelo predice el carácter siguiente de *todas* las posiciones sin ver el
futuro. **Pesos atados** (``atar_pesos=True``): la matriz que convierte un token en vector es la
misma que puntúa cada token a la salida (Press y Wolf, 2017): menos parámetros y mejor pérdida.

- ``ConfiguracionGPT``: los hiperparámetros (un ``dataclass``).
- ``AtencionCausal``, ``MLPGPT``, ``BloqueGPT``, ``GPTPequeno``: el modelo.
- ``parametros_gpt(config)``: predecir con la fórmula lo que cuenta ``contar_parametros`` del Lab08
  (``modelo.parameters()`` da una sola vez el tensor compartido por los pesos atados).
- ``perdida_gpt(modelo, ids)``: entropía cruzada en nats/carácter sobre todo un texto, con ventanas
  deslizantes (el modelo sólo ve ``contexto`` caracteres a la vez).

La atención multicabeza se escribe entera en NumPy en ``atencion.py``; aquí se usa
``F.scaled_dot_product_attention``, que calcula lo mismo, ``softmax(Q Kᵀ / √d_k + máscara) V``,
en un solo núcleo rápido. La inicialización sigue a GPT-2: pesos ``N(0, 0.02)``, sesgos a cero y
las proyecciones que vuelven al camino residual con ``0.02 / √(2·n_capas)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import _ids_texto

__all__ = [
    "ConfiguracionGPT",
    "AtencionCausal",
    "MLPGPT",
    "BloqueGPT",
    "GPTPequeno",
    "parametros_gpt",
    "perdida_gpt",
]


@dataclass(frozen=True)
class ConfiguracionGPT:
    """Hiperparámetros de ``GPTPequeno``.

    - ``n_tokens``: tamaño del vocabulario ``V``; ``contexto``: cuántos tokens ve a la vez.
    - ``d_modelo``: dimensión de cada vector; ``n_cabezas`` debe dividirla (``d_k = d_modelo / n_cabezas``).
    - ``n_capas``: bloques apilados; ``d_oculta``: anchura del MLP (``None``: ``4 · d_modelo``).
    - ``dropout``: probabilidad de apagar activaciones al entrenar (0: ninguna).
    - ``atar_pesos``: la cabeza de salida usa la matriz del embedding de tokens.
    """

    n_tokens: int
    contexto: int = 128
    d_modelo: int = 128
    n_cabezas: int = 4
    n_capas: int = 4
    d_oculta: int | None = None
    dropout: float = 0.0
    atar_pesos: bool = True

    def __post_init__(self) -> None:
        entero_positivo(self.n_tokens, "n_tokens", minimo=2)
        entero_positivo(self.contexto, "contexto")
        entero_positivo(self.d_modelo, "d_modelo")
        entero_positivo(self.n_cabezas, "n_cabezas")
        entero_positivo(self.n_capas, "n_capas")
        if self.d_oculta is not None:
            entero_positivo(self.d_oculta, "d_oculta")
        numero_real(self.dropout, "dropout", 0.0, 1.0, incluir_maximo=False)
        if self.d_modelo % self.n_cabezas:
            raise ValueError(
                f"n_cabezas debe dividir a d_modelo: d_modelo={self.d_modelo}, n_cabezas={self.n_cabezas}"
            )
        if not isinstance(self.atar_pesos, bool):
            raise TypeError(f"atar_pesos debe ser True o False, se recibió {self.atar_pesos!r}")

    @property
    def oculta(self) -> int:
        """Anchura efectiva del MLP: ``d_oculta`` o, si es ``None``, ``4 · d_modelo``."""
        return 4 * self.d_modelo if self.d_oculta is None else self.d_oculta


class AtencionCausal(nn.Module):
    """Autoatención multicabeza causal: ``x (B, T, d)`` → ``(B, T, d)``.

    Una sola capa lineal da ``Q``, ``K`` y ``V`` (``d → 3d``); cada una se parte en ``n_cabezas``
    de ``d_k = d / n_cabezas`` columnas, ``(B, h, T, d_k)``. Cada cabeza calcula
    ``softmax(Q Kᵀ / √d_k + máscara causal) V``, las cabezas se juntan de nuevo en ``(B, T, d)`` y
    una proyección ``d → d`` las mezcla.
    """

    def __init__(self, config: ConfiguracionGPT) -> None:
        super().__init__()
        self.n_cabezas = config.n_cabezas
        self.qkv = nn.Linear(config.d_modelo, 3 * config.d_modelo)
        self.proyeccion = nn.Linear(config.d_modelo, config.d_modelo)
        self.p_dropout = config.dropout
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=2)  # cada una (B, T, d)
        # (B, T, d) → (B, T, h, d_k) → (B, h, T, d_k): cada cabeza, una matriz T × d_k
        q, k, v = (z.view(B, T, self.n_cabezas, d // self.n_cabezas).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(  # softmax(Q Kᵀ/√d_k + máscara) V, con máscara triangular
            q, k, v, is_causal=True, dropout_p=self.p_dropout if self.training else 0.0
        )
        y = y.transpose(1, 2).reshape(B, T, d)  # juntar las cabezas
        return self.dropout(self.proyeccion(y))


class MLPGPT(nn.Module):
    """La red posición a posición del bloque: ``d → d_oculta → d`` con GELU. ``(B, T, d)`` → ``(B, T, d)``."""

    def __init__(self, config: ConfiguracionGPT) -> None:
        super().__init__()
        self.entrada = nn.Linear(config.d_modelo, config.oculta)
        self.activacion = nn.GELU()
        self.proyeccion = nn.Linear(config.oculta, config.d_modelo)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.proyeccion(self.activacion(self.entrada(x))))


class BloqueGPT(nn.Module):
    """Bloque *pre-norm*: ``x + atencion(ln(x))``, luego ``x + mlp(ln(x))``; ``(B, T, d)`` → ``(B, T, d)``."""

    def __init__(self, config: ConfiguracionGPT) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.d_modelo)
        self.atencion = AtencionCausal(config)
        self.ln_2 = nn.LayerNorm(config.d_modelo)
        self.mlp = MLPGPT(config)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.atencion(self.ln_1(x))  # los tokens se comunican
        return x + self.mlp(self.ln_2(x))  # cada token piensa por su cuenta


class GPTPequeno(nn.Module):
    """Un GPT de caracteres: ``ids (B, T)`` enteros en ``0 … V − 1``, ``T ≤ contexto`` → logits ``(B, T, V)``.

    ``logits[b, t]`` puntúa cada token como **siguiente** de ``ids[b, : t + 1]``. Los pesos iniciales
    dependen sólo de ``semilla`` (se fijan dentro de ``torch.random.fork_rng``: la semilla global de
    PyTorch no cambia). ``config`` puede ser una ``ConfiguracionGPT`` o sus campos como palabras
    clave: ``GPTPequeno(n_tokens=146, d_modelo=64)``.
    """

    def __init__(
        self, config: ConfiguracionGPT | None = None, semilla: int | None = 0, **campos: object
    ) -> None:
        super().__init__()
        if config is None:
            config = ConfiguracionGPT(**campos)  # type: ignore[arg-type]
        elif campos:
            raise TypeError("se pasa una ConfiguracionGPT o sus campos como palabras clave, no las dos cosas")
        if not isinstance(config, ConfiguracionGPT):
            raise TypeError(f"config debe ser una ConfiguracionGPT, se recibió {type(config).__name__}")
        self.config = config
        self.n_tokens, self.contexto = config.n_tokens, config.contexto
        with torch.random.fork_rng(devices=[], enabled=semilla is not None):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.embedding_tokens = nn.Embedding(config.n_tokens, config.d_modelo)
            self.embedding_posiciones = nn.Embedding(config.contexto, config.d_modelo)
            self.dropout = nn.Dropout(config.dropout)
            self.bloques = nn.ModuleList(BloqueGPT(config) for _ in range(config.n_capas))
            self.ln_final = nn.LayerNorm(config.d_modelo)
            self.cabeza = nn.Linear(config.d_modelo, config.n_tokens, bias=False)
            if config.atar_pesos:
                self.cabeza.weight = self.embedding_tokens.weight  # el mismo tensor, no una copia
            self.apply(self._inicializar)
            for nombre, parametro in self.named_parameters():  # proyecciones al camino residual
                if nombre.endswith("proyeccion.weight"):
                    nn.init.normal_(parametro, 0.0, 0.02 / math.sqrt(2 * config.n_capas))

    @staticmethod
    def _inicializar(modulo: nn.Module) -> None:
        if isinstance(modulo, (nn.Linear, nn.Embedding)):
            nn.init.normal_(modulo.weight, 0.0, 0.02)
        if isinstance(modulo, nn.Linear) and modulo.bias is not None:
            nn.init.zeros_(modulo.bias)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """``ids (B, T)`` enteros (``int64``/``int32``) en ``0 … V − 1``, ``T ≤ contexto`` → ``(B, T, V)``."""
        if not isinstance(ids, torch.Tensor) or ids.ndim != 2 or ids.dtype not in (torch.int64, torch.int32):
            descripcion = (
                f"tensor {ids.dtype} de forma {tuple(ids.shape)}" if isinstance(ids, torch.Tensor)
                else type(ids).__name__
            )
            raise ValueError(f"se esperaban ids de forma (B, T), tensor de enteros; se recibió {descripcion}")
        T = ids.shape[1]
        if T > self.contexto:
            raise ValueError(
                f"la secuencia tiene T={T} tokens y el contexto del modelo es {self.contexto}: "
                f"recorte la entrada a los últimos {self.contexto}"
            )
        if ids.numel() and (int(ids.min()) < 0 or int(ids.max()) >= self.n_tokens):
            raise ValueError(
                f"los ids deben estar en 0 … {self.n_tokens - 1}; se recibieron de {int(ids.min())} "
                f"a {int(ids.max())}"
            )
        posiciones = torch.arange(T, device=ids.device)
        x = self.dropout(self.embedding_tokens(ids) + self.embedding_posiciones(posiciones))  # (B, T, d)
        for bloque in self.bloques:
            x = bloque(x)
        return self.cabeza(self.ln_final(x))  # (B, T, V)


def parametros_gpt(config: ConfiguracionGPT) -> int:
    """Parámetros de ``GPTPequeno(config)`` por la fórmula (``V`` tokens, ``C`` contexto, ``d``,
    ``h`` = anchura del MLP, ``L`` capas)::

        V·d + C·d                                  embeddings de tokens y de posiciones
        + L · (2·2d                                dos LayerNorm (ganancia y sesgo)
               + (3d² + 3d) + (d² + d)             Q, K, V juntas y la proyección
               + (d·h + h) + (h·d + d))            el MLP
        + 2d                                       LayerNorm final
        + V·d si los pesos no están atados         cabeza de salida (sin sesgo)
    """
    if not isinstance(config, ConfiguracionGPT):
        raise TypeError(f"se esperaba una ConfiguracionGPT, se recibió {type(config).__name__}")
    V, C, d, h, L = config.n_tokens, config.contexto, config.d_modelo, config.oculta, config.n_capas
    por_bloque = 4 * d + (3 * d * d + 3 * d) + (d * d + d) + (d * h + h) + (h * d + d)
    return V * d + C * d + L * por_bloque + 2 * d + (0 if config.atar_pesos else V * d)


def _dispositivo_modelo(modelo: nn.Module, dispositivo: torch.device | str | None) -> torch.device:
    if dispositivo is not None:
        return torch.device(dispositivo)
    parametro = next(modelo.parameters(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


def _ventanas(n: int, contexto: int) -> tuple[np.ndarray, np.ndarray]:
    """Inicios de las ventanas ``(W,)`` y máscara ``(W, L)`` de las posiciones que puntúa cada una.

    Ventanas de ``L = min(contexto, n)`` posiciones con paso ``max(1, contexto // 2)``; la última se
    desplaza para acabar justo en ``n``. Cada ventana puntúa sólo las posiciones que no puntuó una
    anterior, así que cada una de las ``n`` se cuenta exactamente una vez.
    """
    L = min(contexto, n)
    paso = max(1, contexto // 2)
    inicios = list(range(0, n - L + 1, paso))
    if inicios[-1] + L < n:
        inicios.append(n - L)
    inicios_arr = np.array(inicios, dtype=np.int64)
    fin_anterior = np.concatenate([[0], inicios_arr[:-1] + L])  # hasta dónde se puntuó ya
    posiciones = inicios_arr[:, None] + np.arange(L)  # (W, L)
    return inicios_arr, posiciones >= fin_anterior[:, None]


@torch.no_grad()
def perdida_gpt(
    modelo: nn.Module,
    ids: object,
    dispositivo: torch.device | str | None = None,
    tamano_lote: int = 64,
) -> float:
    """Entropía cruzada media (nats/carácter) de ``modelo`` al predecir ``ids[1:]`` de ``ids (T,)``.

    Recorre **todo** el texto (el mismo objetivo que ``perdida_lstm_caracteres`` del Lab11 y
    ``perdida_bigramas``), en modo evaluación y sin gradientes. Como el modelo sólo ve ``contexto``
    caracteres, se usan ventanas deslizantes con paso ``contexto // 2``: cada ventana puntúa sólo
    las posiciones nuevas, que así se predicen con al menos ``contexto // 2`` caracteres de
    contexto (salvo al principio del texto, que no tiene más). Las ventanas van en lotes de
    ``tamano_lote``. Deja el modelo en el modo en que estaba.
    """
    ids = _ids_texto(ids, "ids")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    contexto = getattr(modelo, "contexto", None)
    if contexto is None:
        raise TypeError("el modelo debe tener el atributo contexto (cuántos tokens ve a la vez)")
    dispositivo = _dispositivo_modelo(modelo, dispositivo)
    n = ids.shape[0] - 1  # posiciones a predecir
    inicios, puntuar = _ventanas(n, contexto)
    L = puntuar.shape[1]
    indices = inicios[:, None] + np.arange(L)  # (W, L)
    entradas = torch.from_numpy(ids[indices])
    objetivos = torch.from_numpy(ids[indices + 1])
    pesos = torch.from_numpy(puntuar.astype(np.float64))
    total_tipo = torch.float32 if dispositivo.type == "mps" else torch.float64
    total = torch.zeros((), dtype=total_tipo, device=dispositivo)
    estaba_entrenando = modelo.training
    modelo.eval()
    try:
        for inicio in range(0, len(inicios), tamano_lote):
            lote = slice(inicio, inicio + tamano_lote)
            X, Y, P = mover((entradas[lote], objetivos[lote], pesos[lote]), dispositivo)
            logits = modelo(X)
            perdidas = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")  # (b, L)
            total += (perdidas.to(total_tipo) * P.to(total_tipo)).sum()
    finally:
        modelo.train(estaba_entrenando)
    return float(total) / n
