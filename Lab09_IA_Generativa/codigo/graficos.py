"""Figuras del Lab09: rejillas de dígitos generados, espacios latentes, curvas de una GAN, el anillo
de gaussianas y la trayectoria de la difusión.

Cada función devuelve una ``matplotlib.figure.Figure`` creada sin ``pyplot`` (no queda abierta ni
se dibuja dos veces): en el cuaderno se ve al ser el último valor de la celda o con
``display(fig)``; ``fig.savefig(ruta)`` la guarda.

- ``graficar_rejilla``: filas de dígitos 8×8 (p. ej. originales y reconstrucciones), con rótulos.
- ``graficar_espacio_latente``: los códigos 2-D de los dígitos, un color por clase.
- ``graficar_curvas_gan``: pérdidas de ``D`` y ``G`` y lo que ``D`` opina de reales y falsas.
- ``graficar_anillo``: las muestras de una GAN de puntos sobre los 8 centros del anillo.
- ``graficar_trayectoria``: del ruido puro al dígito, paso a paso del muestreo DDPM.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

__all__ = [
    "graficar_rejilla",
    "graficar_espacio_latente",
    "graficar_curvas_gan",
    "graficar_anillo",
    "graficar_trayectoria",
]


def _imagenes(valores: object, nombre: str) -> np.ndarray:
    """``(N, 64)``, ``(N, 8, 8)`` o ``(N, 1, 8, 8)`` finitos → ``(N, 8, 8)``."""
    if hasattr(valores, "detach"):
        valores = valores.detach().cpu().numpy()
    arreglo = np.asarray(valores, dtype=np.float64)
    if arreglo.ndim == 0 or arreglo.shape[0] == 0 or arreglo[0].size != 64:
        raise ValueError(f"se esperaban {nombre} de forma (N, 64), (N, 8, 8) o (N, 1, 8, 8), "
                         f"se recibió {arreglo.shape}")
    if not np.all(np.isfinite(arreglo)):
        raise ValueError(f"{nombre} tiene valores no finitos (NaN o infinitos)")
    return arreglo.reshape(-1, 8, 8)


def graficar_rejilla(
    filas: Mapping[str, object] | Sequence[object],
    titulo: str | None = None,
    etiquetas: Sequence[object] | None = None,
    tamano: float = 0.9,
) -> Figure:
    """Una fila de imágenes 8×8 por entrada de ``filas``.

    ``filas``: ``{rótulo: imágenes}`` (el rótulo va a la izquierda de su fila) o una lista de
    conjuntos de imágenes sin rótulo; todas las filas con el mismo número ``n`` de imágenes.
    ``etiquetas`` (``n``): texto sobre cada columna de la primera fila (p. ej. la clase pedida).
    Los píxeles se pintan en ``[0, 1]`` (blanco = 0), como los devuelve cualquier generador del lab.
    """
    rotulos = list(filas) if isinstance(filas, Mapping) else [None] * len(filas)
    conjuntos = [_imagenes(v, "las imágenes de cada fila")
                 for v in (filas.values() if isinstance(filas, Mapping) else filas)]
    if not conjuntos:
        raise ValueError("filas está vacío: se esperaba al menos una fila de imágenes")
    n = len(conjuntos[0])
    if any(len(c) != n for c in conjuntos):
        raise ValueError(f"todas las filas deben tener las mismas imágenes; se recibió "
                         f"{[len(c) for c in conjuntos]}")
    if etiquetas is not None and len(etiquetas) != n:
        raise ValueError(f"se esperaban {n} etiquetas (una por columna), se recibió {len(etiquetas)}")
    fig = Figure(figsize=(tamano * n + (1.2 if any(rotulos) else 0.2), tamano * len(conjuntos) + 0.5))
    ejes = fig.subplots(len(conjuntos), n, squeeze=False)
    for i, (rotulo, conjunto) in enumerate(zip(rotulos, conjuntos)):
        for j in range(n):
            ax = ejes[i, j]
            ax.imshow(conjunto[j], cmap="gray_r", vmin=0.0, vmax=1.0)
            ax.set_xticks([])
            ax.set_yticks([])
            if i == 0 and etiquetas is not None:
                ax.set_title(str(etiquetas[j]), fontsize=9)
        if rotulo:
            ejes[i, 0].set_ylabel(rotulo, rotation=0, ha="right", va="center", fontsize=9)
    if titulo:
        fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig


def graficar_espacio_latente(Z: object, y: object, titulo: str = "Espacio latente") -> Figure:
    """Los códigos ``Z (N, 2)`` como puntos, coloreados por la clase ``y (N,)`` (0–9)."""
    Z = np.asarray(Z.detach().cpu().numpy() if hasattr(Z, "detach") else Z, dtype=np.float64)
    y = np.asarray(y)
    if Z.ndim != 2 or Z.shape[1] != 2 or not np.all(np.isfinite(Z)):
        raise ValueError(f"se esperaban códigos Z finitos de forma (N, 2), se recibió {Z.shape}")
    if y.shape != (Z.shape[0],):
        raise ValueError(f"se esperaba una clase por código: y de forma ({Z.shape[0]},), "
                         f"se recibió {y.shape}")
    fig = Figure(figsize=(5.5, 4.5))
    ax = fig.subplots()
    puntos = ax.scatter(Z[:, 0], Z[:, 1], c=y, cmap="tab10", vmin=-0.5, vmax=9.5, s=10, alpha=0.8)
    barra = fig.colorbar(puntos, ax=ax, ticks=range(10))
    barra.set_label("dígito")
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_title(titulo)
    fig.tight_layout()
    return fig


def graficar_curvas_gan(historial: Mapping[str, Sequence[float]], titulo: str = "GAN") -> Figure:
    """Dos paneles por época: pérdidas de ``D`` y de ``G``, y las medias de ``σ(D(x))`` en reales
    y falsas (``entrenar_gan`` devuelve las cuatro listas)."""
    claves = ("perdida_d", "perdida_g", "d_real", "d_falso")
    faltan = [c for c in claves if c not in historial]
    if faltan:
        raise ValueError(f"al historial le faltan {faltan}: se esperaba el que devuelve entrenar_gan")
    epocas = np.arange(1, len(historial["perdida_d"]) + 1)
    fig = Figure(figsize=(10, 3.6))
    izquierda, derecha = fig.subplots(1, 2)
    izquierda.plot(epocas, historial["perdida_d"], label="discriminador $D$")
    izquierda.plot(epocas, historial["perdida_g"], label="generador $G$ (no saturante)")
    izquierda.axhline(2 * np.log(2), color="gray", ls=":", label="$D$ adivinando: $2\\ln 2$")
    izquierda.set_xlabel("época")
    izquierda.set_ylabel("pérdida")
    izquierda.legend(fontsize=8)
    derecha.plot(epocas, historial["d_real"], label="$\\sigma(D(x))$, reales")
    derecha.plot(epocas, historial["d_falso"], label="$\\sigma(D(G(z)))$, falsas")
    derecha.axhline(0.5, color="gray", ls=":")
    derecha.set_ylim(0, 1)
    derecha.set_xlabel("época")
    derecha.set_ylabel("probabilidad de «real»")
    derecha.legend(fontsize=8)
    fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig


def graficar_anillo(muestras: Mapping[str, object], centros: object, titulo: str | None = None) -> Figure:
    """Un panel por entrada ``{rótulo: puntos (N, 2)}``: las muestras y, en rojo, los centros."""
    centros = np.asarray(centros, dtype=np.float64)
    if centros.ndim != 2 or centros.shape[1] != 2:
        raise ValueError(f"se esperaban centros de forma (K, 2), se recibió {centros.shape}")
    if not muestras:
        raise ValueError("muestras está vacío: se esperaba {rótulo: puntos (N, 2)}")
    fig = Figure(figsize=(3.3 * len(muestras), 3.4))
    ejes = np.atleast_1d(fig.subplots(1, len(muestras)))
    limite = 1.6 * float(np.abs(centros).max())
    for ax, (rotulo, puntos) in zip(ejes, muestras.items()):
        puntos = np.asarray(puntos, dtype=np.float64)
        if puntos.ndim != 2 or puntos.shape[1] != 2:
            raise ValueError(f"se esperaban puntos de forma (N, 2) en {rotulo!r}, se recibió {puntos.shape}")
        ax.scatter(puntos[:, 0], puntos[:, 1], s=3, alpha=0.4)
        ax.scatter(centros[:, 0], centros[:, 1], s=40, c="red", marker="x")
        ax.set_xlim(-limite, limite)
        ax.set_ylim(-limite, limite)
        ax.set_aspect("equal")
        ax.set_title(rotulo, fontsize=9)
    if titulo:
        fig.suptitle(titulo, fontsize=10)
    fig.tight_layout()
    return fig


def graficar_trayectoria(trayectoria: object, pasos: Sequence[int], titulo: str | None = None) -> Figure:
    """La trayectoria del muestreo: ``trayectoria (len(pasos), N, 1, 8, 8)`` en ``[0, 1]``, una fila
    por muestra y una columna por paso ``t`` (de ruido puro, ``t = T``, a ``t = 0``)."""
    if hasattr(trayectoria, "detach"):
        trayectoria = trayectoria.detach().cpu().numpy()
    trayectoria = np.asarray(trayectoria, dtype=np.float64)
    if trayectoria.ndim != 5 or trayectoria.shape[0] != len(pasos) or trayectoria.shape[2:] != (1, 8, 8):
        raise ValueError(f"se esperaba una trayectoria de forma ({len(pasos)}, N, 1, 8, 8) (un paso por "
                         f"columna), se recibió {trayectoria.shape}")
    columnas = np.moveaxis(trayectoria, 0, 1)     # (N, pasos, 1, 8, 8)
    fig = graficar_rejilla([np.clip(fila, 0.0, 1.0) for fila in columnas], titulo=titulo,
                           etiquetas=[f"t={t}" for t in pasos])
    return fig
