"""Reescribe la dirección del repositorio del curso para una bifurcación (fork).

Uso::

    python -m herramientas.cambiar_repositorio usuario/nombre [--rama main]

Cambia ``REPOSITORIO`` (y ``RAMA``) en ``herramientas/curso.py`` y, en todos los
cuadernos y en el README, las insignias «Abrir en Colab» y la celda de configuración,
que vuelven a generarse desde ``herramientas.curso``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from . import curso
from .estudiante import ruta_estudiante, texto_estudiante

PATRON_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _reescribir_curso(ruta: Path, repositorio: str, rama: str) -> None:
    texto = ruta.read_text(encoding="utf-8")
    texto = re.sub(r'^REPOSITORIO = ".*"$', f'REPOSITORIO = "{repositorio}"', texto, flags=re.M)
    texto = re.sub(r'^RAMA = ".*"$', f'RAMA = "{rama}"', texto, flags=re.M)
    ruta.write_text(texto, encoding="utf-8")


def _reescribir_texto(texto: str, viejo: str, nuevo: str, rama_vieja: str, rama: str) -> str:
    texto = texto.replace(
        f"colab.research.google.com/github/{viejo}/blob/{rama_vieja}/",
        f"colab.research.google.com/github/{nuevo}/blob/{rama}/",
    )
    return texto.replace(f"github.com/{viejo}", f"github.com/{nuevo}")


def cambiar_repositorio(repositorio: str, rama: str = "main", raiz: Path = curso.RAIZ) -> list[Path]:
    """Aplica el cambio bajo ``raiz`` y devuelve los archivos modificados."""
    if not PATRON_REPO.match(repositorio):
        raise ValueError(f"se esperaba un repositorio de la forma usuario/nombre, se recibió {repositorio!r}")
    ruta_curso = raiz / "herramientas" / "curso.py"
    texto_curso = ruta_curso.read_text(encoding="utf-8")
    viejo = re.search(r'^REPOSITORIO = "(.*)"$', texto_curso, flags=re.M).group(1)
    rama_vieja = re.search(r'^RAMA = "(.*)"$', texto_curso, flags=re.M).group(1)
    cambiados = []
    _reescribir_curso(ruta_curso, repositorio, rama)
    cambiados.append(ruta_curso)
    for ruta in [*curso.cuadernos(raiz), raiz / "README.md"]:
        if not ruta.exists():
            continue
        if ruta.suffix == ".ipynb":
            cuaderno = json.loads(ruta.read_text(encoding="utf-8"))
            for celda in cuaderno["cells"]:
                fuente = "".join(celda["source"])
                if fuente.startswith(curso.MARCA_CONFIGURACION):
                    fuente = curso.celda_configuracion(repositorio)
                else:
                    fuente = _reescribir_texto(fuente, viejo, repositorio, rama_vieja, rama)
                celda["source"] = fuente.splitlines(keepends=True)
            ruta.write_text(json.dumps(cuaderno, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        else:
            ruta.write_text(
                _reescribir_texto(ruta.read_text(encoding="utf-8"), viejo, repositorio, rama_vieja, rama),
                encoding="utf-8",
            )
        cambiados.append(ruta)
    for ruta in curso.cuadernos(raiz):  # las versiones del estudiante se vuelven a generar
        destino = ruta_estudiante(ruta)
        if destino.exists():
            destino.write_text(texto_estudiante(ruta), encoding="utf-8")
            cambiados.append(destino)
    return cambiados


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analizador.add_argument("repositorio", help="usuario/nombre en GitHub")
    analizador.add_argument("--rama", default="main")
    args = analizador.parse_args(argumentos)
    for ruta in cambiar_repositorio(args.repositorio, args.rama):
        print(f"actualizado: {ruta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
