"""Figuras del Lab12: mapas de atención y una comparación de BERT, GPT y ViT.

Cada función devuelve una ``matplotlib.figure.Figure`` creada sin ``pyplot`` (no queda abierta
ni se dibuja dos veces): en el cuaderno se ve al ser el último valor de la celda o con
``display(fig)``; ``fig.savefig(ruta)`` la guarda.

- ``graficar_atencion``: una matriz de atención ``(T, T)`` con las fichas en los dos ejes.
- ``graficar_atencion_vit``: un dígito 8×8 y, encima, cuánto lo mira la ficha de clase del ViT.
- ``graficar_bert_gpt_vit``: qué ve cada modelo (su máscara), con qué se preentrena y un ejemplo.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

__all__ = ["graficar_atencion", "graficar_atencion_vit", "graficar_bert_gpt_vit"]


def _matriz(valores: object, nombre: str, ndim: int = 2) -> np.ndarray:
    if hasattr(valores, "detach"):
        valores = valores.detach().cpu().numpy()
    valores = np.asarray(valores, dtype=np.float64)
    if valores.ndim != ndim or not np.all(np.isfinite(valores)):
        raise ValueError(
            f"se esperaba {nombre} con {ndim} ejes y valores finitos, se recibió forma {valores.shape}"
        )
    return valores


def graficar_atencion(
    pesos: object,
    fichas: Sequence[str],
    titulo: str = "Atención",
    fichas_columnas: Sequence[str] | None = None,
) -> Figure:
    """Mapa de calor de ``pesos (T_q, T_k)``: fila ``i`` = cuánto mira la ficha ``fichas[i]`` a cada
    columna (``fichas_columnas``, por defecto las mismas). Dos ejes: el mapa y su barra de color."""
    pesos = _matriz(pesos, "pesos")
    columnas = list(fichas) if fichas_columnas is None else list(fichas_columnas)
    if pesos.shape != (len(fichas), len(columnas)):
        raise ValueError(
            f"pesos debe tener forma ({len(fichas)}, {len(columnas)}) (una fila por ficha), "
            f"se recibió {pesos.shape}"
        )
    lado = 0.35 * max(len(fichas), len(columnas)) + 2.0
    fig = Figure(figsize=(lado + 1.0, lado))
    ax = fig.add_subplot()
    imagen = ax.imshow(pesos, cmap="viridis", vmin=0.0)
    ax.set_xticks(range(len(columnas)), columnas, rotation=90)
    ax.set_yticks(range(len(fichas)), list(fichas))
    ax.set_xlabel("mira a (claves)")
    ax.set_ylabel("ficha que pregunta (consultas)")
    ax.set_title(titulo)
    fig.colorbar(imagen, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    return fig


def graficar_atencion_vit(imagen: object, mapa: object, titulo: str | None = None) -> Figure:
    """Dos paneles: el dígito ``imagen`` (``(H, W)``, ``(1, H, W)`` o ``(1, 1, H, W)``) y el mismo
    dígito con ``mapa (lado, lado)`` (de ``mapa_atencion_vit``) encima, cada parche de su color."""
    if hasattr(imagen, "detach"):
        imagen = imagen.detach().cpu().numpy()
    imagen = np.asarray(imagen)
    if imagen.ndim > 2 and all(d == 1 for d in imagen.shape[:-2]):
        imagen = imagen.reshape(imagen.shape[-2:])  # (1, 1, H, W) o (1, H, W) → (H, W)
    imagen = _matriz(imagen, "imagen (H, W)")
    mapa = _matriz(mapa, "mapa")
    H, W = imagen.shape
    if H % mapa.shape[0] or W % mapa.shape[1]:
        raise ValueError(f"el mapa {mapa.shape} no divide la imagen {imagen.shape} en parches iguales")
    grande = np.kron(mapa, np.ones((H // mapa.shape[0], W // mapa.shape[1])))  # (H, W): un valor por parche
    fig = Figure(figsize=(6.0, 3.2))
    ax_digito, ax_mapa = fig.subplots(1, 2)
    ax_digito.imshow(imagen, cmap="gray_r")
    ax_digito.set_title("dígito")
    ax_mapa.imshow(imagen, cmap="gray_r")
    ax_mapa.imshow(grande, cmap="magma", alpha=0.6)
    ax_mapa.set_title("atención de la ficha de clase")
    for ax in (ax_digito, ax_mapa):
        ax.set_xticks([])
        ax.set_yticks([])
    if titulo:
        fig.suptitle(titulo)
    fig.tight_layout()
    return fig


def graficar_bert_gpt_vit(n: int = 6) -> Figure:
    """Tres paneles, uno por modelo, con su máscara de atención ``n × n`` (blanco = puede mirar) y,
    debajo, con qué se preentrena y un ejemplo de entrada → salida.

    - BERT: bidireccional (matriz llena); adivina palabras tapadas (MLM).
    - GPT: causal (triangular inferior: sólo el pasado); predice la palabra siguiente.
    - ViT: bidireccional sobre [CLS] + parches; aprende de imágenes con su etiqueta."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n debe ser un entero ≥ 2, se recibió {n!r}")
    llena = np.ones((n, n))
    modelos = [
        (
            "BERT (codificador)",
            llena,
            "ve todo: izquierda y derecha",
            "preentreno: palabras tapadas\n«la [MASK] mide el error»\n→ «pérdida»",
        ),
        (
            "GPT (decodificador)",
            np.tril(llena),
            "ve sólo el pasado (máscara causal)",
            "preentreno: palabra siguiente\n«la red aprende los»\n→ «pesos»",
        ),
        (
            "ViT (codificador)",
            llena,
            "[CLS] y los parches se ven todos",
            "entreno: parches + etiqueta\n16 parches 2×2 de un «7»\n→ clase 7",
        ),
    ]
    fig = Figure(figsize=(10.5, 4.6))
    for ax, (nombre, mascara, vista, ejemplo) in zip(fig.subplots(1, 3), modelos):
        ax.imshow(mascara, cmap="gray", vmin=0, vmax=1)
        ax.set_xticks(
            range(n), ["[CLS]" if "ViT" in nombre and j == 0 else f"t{j}" for j in range(n)], fontsize=7
        )
        ax.set_yticks(
            range(n), ["[CLS]" if "ViT" in nombre and i == 0 else f"t{i}" for i in range(n)], fontsize=7
        )
        ax.set_title(f"{nombre}\n{vista}", fontsize=9)
        ax.set_xlabel(ejemplo, fontsize=8)
        for borde in ax.spines.values():
            borde.set_edgecolor("0.5")
    fig.suptitle("Qué mira cada posición (fila) — blanco: puede mirar, negro: tapado")
    fig.tight_layout()
    return fig
