"""Abre el curso en JupyterLab: lo que hace ``make curso``.

Dos situaciones frecuentes en las que ``jupyter lab`` a secas no sirve:

- Como **root** (un contenedor, una máquina en la nube, la imagen de un aula), JupyterLab se
  niega a arrancar («Running as root is not recommended»): se añade ``--allow-root``.
- **Sin navegador** que abrir (un servidor sin pantalla, una conexión por SSH): se arranca igual
  con ``--no-browser`` y se avisa de que hay que copiar en un navegador la dirección con el
  *token* que JupyterLab escribe al arrancar.

Uso: ``python -m herramientas.abrir_curso [opciones de jupyter lab…]``.
"""

from __future__ import annotations

import os
import shutil
import sys
import webbrowser
from pathlib import Path

from .curso import LABORATORIOS, RAIZ

__all__ = ["argumentos_jupyter", "hay_navegador", "main"]


def hay_navegador() -> bool:
    """``True`` si Python encuentra un navegador que abrir en esta máquina."""
    pantalla = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not pantalla:
        return False  # sin pantalla, sólo quedarían navegadores de texto en la terminal
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def argumentos_jupyter(es_root: bool, con_navegador: bool, extra: list[str] | None = None) -> list[str]:
    """Los argumentos de ``jupyter lab`` para abrir el primer cuaderno del curso."""
    primero = Path(LABORATORIOS[0]) / "practica.ipynb"
    argumentos = ["lab", f"--notebook-dir={RAIZ}", str(primero)]
    if es_root:
        argumentos.append("--allow-root")
    if not con_navegador:
        argumentos.append("--no-browser")
    return argumentos + list(extra or [])


def main(argv: list[str] | None = None) -> None:
    extra = sys.argv[1:] if argv is None else argv
    es_root = hasattr(os, "geteuid") and os.geteuid() == 0
    con_navegador = hay_navegador()
    argumentos = argumentos_jupyter(es_root, con_navegador, extra)
    if es_root:
        print("Ejecutas como root (¿un contenedor o una máquina en la nube?): se abre con --allow-root.")
    if not con_navegador:
        print("No hay un navegador que abrir desde aquí. Cuando JupyterLab arranque, copia en tu "
              "navegador la dirección que empieza por http://127.0.0.1:… (lleva el token) o, si "
              "trabajas por SSH, redirige el puerto: ssh -L 8888:localhost:8888 …")
    sys.stdout.flush()
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    os.chdir(RAIZ)
    os.execv(jupyter, [jupyter, *argumentos])


if __name__ == "__main__":
    main()
