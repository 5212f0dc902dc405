"""Guardar las figuras de ``teoria.md`` (lo usan los ``figuras/generar_figuras.py`` de los laboratorios)."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt

__all__ = ["DPI", "guardar_figura"]

DPI = 80  # resolución de todas las figuras del curso: nítidas en pantalla y ligeras en el repositorio


def guardar_figura(
    fig: plt.Figure, ruta: str | Path, dpi: int = DPI, ajustar: bool = False, paleta: bool = False
) -> Path:
    """Guarda ``fig`` como PNG en ``ruta``, la cierra e imprime el tamaño del archivo.

    - ``ajustar``: recorta los márgenes en blanco (``bbox_inches="tight"``).
    - ``paleta``: reduce la imagen a 256 colores; se ve igual y ocupa más o menos la mitad.
    """
    ruta = Path(ruta)
    opciones = {"dpi": dpi, "bbox_inches": "tight"} if ajustar else {"dpi": dpi}
    if paleta:
        from PIL import Image  # viene con matplotlib

        memoria = io.BytesIO()
        fig.savefig(memoria, format="png", **opciones)
        imagen = Image.open(memoria).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        imagen.save(ruta, optimize=True)
    else:
        fig.savefig(ruta, **opciones)
    plt.close(fig)
    print(f"{ruta.name}: {ruta.stat().st_size / 1024:.1f} KB")
    return ruta
