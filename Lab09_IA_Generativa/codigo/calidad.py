"""Medir un generador de dígitos, no sólo mirarlo: un juez (la CNN del Lab10) y una distancia de Fréchet.

- ``entrenar_juez``: la ``LeNetTorch`` del Lab10 entrenada (con ``entrenar_y_medir`` del Lab10) con
  las particiones de entrenamiento y validación; su exactitud en prueba dice cuánto fiarse de él.
- ``puntuar_muestras``: lo que el juez opina de unas imágenes: si se pidió una clase, **exactitud**
  (¿dibujó el dígito pedido?); siempre, la **confianza media** (la probabilidad de la clase que elige:
  un garabato da probabilidades repartidas) y **cuántas clases aparecen** (un generador colapsado
  dibuja siempre los mismos dígitos).
- ``rasgos_juez`` + ``distancia_frechet`` = ``frechet_imagenes``: la distancia de Fréchet entre las
  gaussianas que mejor describen los **rasgos** de la CNN (la salida de ``juez.rasgos``, antes de la
  capa final) de dos conjuntos de imágenes. Es la idea del FID (Heusel et al., 2017), que usa los
  rasgos de una Inception-v3 sobre fotos; aquí, los de la LeNet sobre dígitos 8×8: un «FID para
  dígitos». Sus números sólo se comparan entre sí (mismo juez, mismo tamaño de muestra).
- ``tabla_calidad`` / ``formatear_tabla_calidad``: todos los generadores en una tabla, con dígitos
  reales no vistos como suelo.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab10_Redes_Neuronales_Convolucionales.codigo import LeNetTorch, entrenar_y_medir

from .datos import comprobar_imagenes_digitos, digitos_generativos

__all__ = [
    "entrenar_juez",
    "probabilidades_juez",
    "puntuar_muestras",
    "rasgos_juez",
    "estadisticos_rasgos",
    "distancia_frechet",
    "frechet_imagenes",
    "tabla_calidad",
    "formatear_tabla_calidad",
]


def entrenar_juez(
    semilla: int = 0,
    epocas: int = 30,
    dispositivo: torch.device | str | None = None,
    datos: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None,
) -> LeNetTorch:
    """La ``LeNetTorch`` del Lab10 entrenada con ``entrenamiento`` + ``validacion`` de
    ``digitos_generativos(semilla)`` (o de ``datos``), en ``dispositivo`` (``None``: la CPU).

    Devuelve el modelo en modo ``eval()`` con su exactitud en la partición de prueba en el
    atributo ``exactitud_prueba``. Los generadores aprenden sólo con ``entrenamiento``.
    """
    datos = digitos_generativos(semilla) if datos is None else datos
    X = np.concatenate([datos["entrenamiento"][0], datos["validacion"][0]])
    y = np.concatenate([datos["entrenamiento"][1], datos["validacion"][1]])
    dispositivo = torch.device("cpu") if dispositivo is None else torch.device(dispositivo)
    juez = mover(LeNetTorch(semilla=semilla), dispositivo)
    resultado = entrenar_y_medir(juez, (X, y), {"prueba": datos["prueba"]}, dispositivo,
                                 epocas=entero_positivo(epocas, "epocas"), tasa_aprendizaje=3e-3,
                                 semilla=semilla)
    juez.exactitud_prueba = resultado["exactitud_prueba"]
    return juez.eval()


def _comprobar_juez(juez: object) -> nn.Module:
    if not isinstance(juez, nn.Module) or not hasattr(juez, "rasgos") or not hasattr(juez, "cabeza"):
        raise TypeError("se esperaba un juez LeNetTorch (el de entrenar_juez), "
                        f"se recibió {type(juez).__name__}")
    return juez


def _en_lotes(juez: nn.Module, X: np.ndarray, funcion, tamano_lote: int = 512) -> np.ndarray:
    dispositivo = next(juez.parameters()).device
    estaba_entrenando = juez.training
    juez.eval()
    partes = []
    try:
        with torch.no_grad():
            for inicio in range(0, len(X), tamano_lote):
                lote = torch.as_tensor(X[inicio : inicio + tamano_lote], dtype=torch.float32)
                partes.append(funcion(mover(lote, dispositivo)).to("cpu").double().numpy())
    finally:
        juez.train(estaba_entrenando)
    return np.concatenate(partes)


def probabilidades_juez(juez: nn.Module, X: np.ndarray) -> np.ndarray:
    """Probabilidades ``(N, 10)`` que el juez da a cada clase para imágenes ``(N, 1, 8, 8)`` en [0, 1]."""
    juez = _comprobar_juez(juez)
    X = comprobar_imagenes_digitos(X)
    return _en_lotes(juez, X, lambda x: torch.softmax(juez(x), dim=1))


def puntuar_muestras(
    juez: nn.Module, X: np.ndarray, clases: np.ndarray | None = None, cuota: float = 0.02
) -> dict[str, float]:
    """Opinión del juez sobre ``X`` ``(N, 1, 8, 8)``.

    - ``"exactitud"`` (sólo con ``clases`` ``(N,)``, la clase pedida a cada muestra): fracción en
      la que el juez ve la clase pedida.
    - ``"confianza_media"``: media de la probabilidad de la clase que el juez elige.
    - ``"clases_distintas"``: cuántas de las 10 clases reciben al menos ``cuota`` de las muestras
      (un 2 %: así una sola muestra rara no cuenta como «la clase aparece»).
    - ``"entropia_clases"``: entropía, en bits, del reparto de las clases elegidas; 3.32 (= log₂ 10)
      si aparecen todas por igual, 0 si siempre la misma.
    """
    probabilidades = probabilidades_juez(juez, X)
    cuota = numero_real(cuota, "cuota", 0.0, 1.0)
    elegidas = probabilidades.argmax(axis=1)
    reparto = np.bincount(elegidas, minlength=probabilidades.shape[1]) / len(elegidas)
    no_nulas = reparto[reparto > 0]
    resultado = {
        "confianza_media": float(probabilidades.max(axis=1).mean()),
        "clases_distintas": float(np.sum(reparto >= cuota)),
        "entropia_clases": float(-(no_nulas * np.log2(no_nulas)).sum()) + 0.0,
    }
    if clases is not None:
        clases = np.asarray(clases)
        if clases.shape != (len(elegidas),) or not np.issubdtype(clases.dtype, np.integer):
            raise ValueError(f"se esperaban clases enteras de forma ({len(elegidas)},), se recibió "
                             f"{clases.dtype} {clases.shape}")
        if clases.min() < 0 or clases.max() >= probabilidades.shape[1]:
            raise ValueError(f"las clases deben ir de 0 a {probabilidades.shape[1] - 1}, "
                             f"llegaron de {clases.min()} a {clases.max()}")
        resultado = {"exactitud": float(np.mean(elegidas == clases)), **resultado}
    return resultado


def rasgos_juez(juez: nn.Module, X: np.ndarray) -> np.ndarray:
    """Rasgos ``(N, F)`` de la CNN (``juez.rasgos``, lo que ve la última capa lineal) para ``X``."""
    juez = _comprobar_juez(juez)
    X = comprobar_imagenes_digitos(X)
    return _en_lotes(juez, X, juez.rasgos)


def estadisticos_rasgos(rasgos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Media ``(F,)`` y covarianza ``(F, F)`` (con ``N − 1``) de rasgos ``(N, F)``, ``N ≥ 2``."""
    rasgos = np.asarray(rasgos, dtype=np.float64)
    if rasgos.ndim != 2 or rasgos.shape[0] < 2:
        raise ValueError(f"se esperaban rasgos de forma (N, F) con N ≥ 2, se recibió {rasgos.shape}")
    return rasgos.mean(axis=0), np.cov(rasgos, rowvar=False).reshape(rasgos.shape[1], rasgos.shape[1])


def _raiz_simetrica(S: np.ndarray) -> np.ndarray:
    valores, vectores = np.linalg.eigh(S)
    return (vectores * np.sqrt(np.clip(valores, 0.0, None))) @ vectores.T


def distancia_frechet(
    media_a: np.ndarray, cov_a: np.ndarray, media_b: np.ndarray, cov_b: np.ndarray
) -> float:
    """Distancia de Fréchet (al cuadrado) entre ``N(μ_a, Σ_a)`` y ``N(μ_b, Σ_b)``:

    ``‖μ_a − μ_b‖² + tr(Σ_a + Σ_b − 2 (Σ_a^{1/2} Σ_b Σ_a^{1/2})^{1/2})``.

    La traza de la raíz se calcula con matrices simétricas (``eigh``), que son estables: los
    autovalores de ``Σ_a^{1/2} Σ_b Σ_a^{1/2}`` son los de ``Σ_a Σ_b``, y los negativos que deja el
    redondeo se toman como 0. Devuelve un número ≥ 0 (0 si las dos gaussianas son la misma).
    """
    media_a, media_b = (np.asarray(m, dtype=np.float64) for m in (media_a, media_b))
    cov_a, cov_b = (np.asarray(c, dtype=np.float64) for c in (cov_a, cov_b))
    F = media_a.shape[0] if media_a.ndim == 1 else -1
    esperadas = (("media_b", media_b, (F,)), ("cov_a", cov_a, (F, F)), ("cov_b", cov_b, (F, F)))
    for nombre, valor, forma in esperadas:
        if F < 1 or valor.shape != forma:
            raise ValueError(f"se esperaba {nombre} de forma {forma} (como media_a {media_a.shape}), "
                             f"se recibió {valor.shape}")
    for nombre, valor in (("cov_a", cov_a), ("cov_b", cov_b)):
        if not np.allclose(valor, valor.T, atol=1e-8 * max(1.0, np.abs(valor).max())):
            raise ValueError(f"{nombre} debe ser simétrica (una covarianza)")
    raiz_a = _raiz_simetrica(cov_a)
    producto = raiz_a @ cov_b @ raiz_a
    traza_raiz = np.sqrt(np.clip(np.linalg.eigvalsh((producto + producto.T) / 2), 0.0, None)).sum()
    distancia = float(np.sum((media_a - media_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2 * traza_raiz)
    return max(distancia, 0.0)


def frechet_imagenes(juez: nn.Module, X_a: np.ndarray, X_b: np.ndarray) -> float:
    """«FID para dígitos»: ``distancia_frechet`` entre los rasgos del juez de ``X_a`` y de ``X_b``."""
    return distancia_frechet(*estadisticos_rasgos(rasgos_juez(juez, X_a)),
                             *estadisticos_rasgos(rasgos_juez(juez, X_b)))


def tabla_calidad(
    juez: nn.Module,
    generados: Mapping[str, tuple[np.ndarray, np.ndarray | None]],
    referencia: np.ndarray,
    reales: tuple[np.ndarray, np.ndarray],
) -> dict[str, dict[str, float]]:
    """Una fila por generador, más ``"reales (prueba)"`` primero, el suelo.

    ``generados``: nombre → ``(X, clases)`` con ``clases=None`` si el generador no recibe clase.
    ``referencia``: los dígitos de entrenamiento, contra los que se mide la distancia de Fréchet;
    ``reales``: ``(X, y)`` no vistos (la partición de prueba). Para que las distancias se puedan
    comparar, cada generador debe dar tantas muestras como ``reales`` (el estimador de Fréchet
    depende del tamaño de la muestra); si no, ``ValueError``.
    """
    X_reales, y_reales = reales
    n = len(X_reales)
    rasgos_referencia = estadisticos_rasgos(rasgos_juez(juez, referencia))

    def fila(X: np.ndarray, clases: np.ndarray | None) -> dict[str, float]:
        puntos = puntuar_muestras(juez, X, clases)
        frechet = distancia_frechet(*estadisticos_rasgos(rasgos_juez(juez, X)), *rasgos_referencia)
        return {"exactitud": puntos.get("exactitud", math.nan), "confianza_media": puntos["confianza_media"],
                "clases_distintas": puntos["clases_distintas"], "frechet": frechet}

    filas = {"reales (prueba)": fila(X_reales, y_reales)}
    for nombre, (X, clases) in generados.items():
        if len(X) != n:
            raise ValueError(f"{nombre}: se esperaban {n} muestras (tantas como reales), llegaron {len(X)}")
        filas[nombre] = fila(X, clases)
    return filas


def formatear_tabla_calidad(filas: Mapping[str, Mapping[str, float]]) -> str:
    """La tabla de ``tabla_calidad`` como texto; «—» donde no hay exactitud (generador sin clase)."""
    if not filas:
        raise ValueError("no hay filas que mostrar")
    ancho = max(len(nombre) for nombre in filas) + 2
    cabecera = f"{'':<{ancho}}{'exactitud':>11}{'confianza':>11}{'clases':>8}{'Fréchet':>10}"
    lineas = [cabecera]
    for nombre, fila in filas.items():
        exactitud = "—" if math.isnan(fila["exactitud"]) else f"{fila['exactitud']:.4f}"
        lineas.append(f"{nombre:<{ancho}}{exactitud:>11}{fila['confianza_media']:>11.4f}"
                      f"{fila['clases_distintas']:>8.0f}{fila['frechet']:>10.4f}")
    return "\n".join(lineas)
