"""Vuelve a ejecutar cuadernos del curso y guarda sus salidas en el propio archivo.

Uso::

    python -m herramientas.ejecutar Lab01_Introduccion_Neuronas/practica.ipynb [...]
    python -m herramientas.ejecutar --todos
    python -m herramientas.ejecutar --todos --sin-guardar   # sólo medir cuánto tarda cada uno

Cada cuaderno se ejecuta desde su propia carpeta, con el núcleo del entorno actual,
y se informa del tiempo que tardó. Tras cambiar el código de un laboratorio, ejecuta
sus cuadernos con esta orden y revisa el diff antes de guardar el cambio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .curso import cuadernos


def ejecutar(ruta: Path, tiempo_maximo: int = 600, guardar: bool = True) -> float:
    """Ejecuta ``ruta`` en su carpeta, guarda las salidas (si ``guardar``) y devuelve los segundos."""
    cuaderno = nbformat.read(ruta, as_version=4)
    cliente = NotebookClient(
        cuaderno,
        timeout=tiempo_maximo,
        kernel_name="python3",
        resources={"metadata": {"path": str(ruta.parent)}},
    )
    inicio = time.perf_counter()
    cliente.execute()
    duracion = time.perf_counter() - inicio
    # nbclient guarda el estado de los widgets (ipywidgets) con identificadores al azar: no sirve para ver
    # el cuaderno guardado (el panel necesita un núcleo) y cambiaría el archivo en cada ejecución.
    cuaderno.metadata.pop("widgets", None)
    if guardar:
        nbformat.write(cuaderno, ruta)
    return duracion


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analizador.add_argument("rutas", nargs="*", type=Path)
    analizador.add_argument("--todos", action="store_true", help="todos los Lab*/practica.ipynb")
    analizador.add_argument(
        "--sin-guardar", action="store_true", help="ejecuta y mide, sin tocar los archivos"
    )
    args = analizador.parse_args(argumentos)
    rutas = cuadernos() if args.todos else args.rutas
    if not rutas:
        analizador.error("indica al menos un cuaderno o --todos")
    for ruta in rutas:
        segundos = ejecutar(Path(ruta).resolve(), guardar=not args.sin_guardar)
        print(f"{ruta}: {segundos:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
