"""Escribe la versión del estudiante de cada cuaderno: ``practica_estudiante.ipynb``.

El cuaderno del repositorio (``practica.ipynb``) guarda las soluciones de los ejercicios entre
las marcas de nbgrader::

    ### BEGIN SOLUTION
    mi_respuesta = 42
    ### END SOLUTION

La versión del estudiante sustituye cada solución por ``# TU CÓDIGO AQUÍ`` y un relleno que la
autocomprobación reconoce («ejercicio sin hacer», sin *traceback*):

- fuera de una función, cada variable que asignaba la solución pasa a valer ``None``;
- dentro de una función (las marcas van sangradas), el cuerpo lanza ``NotImplementedError``.

Además se borran las salidas y los contadores de ejecución, y la insignia «Abrir en Colab»
apunta a ``practica_estudiante.ipynb``. Las autocomprobaciones y el resto del cuaderno se quedan.

Uso::

    python -m herramientas.estudiante --todos              # (make estudiante) escribe todas
    python -m herramientas.estudiante Lab06_Entrenamiento/practica.ipynb
    python -m herramientas.estudiante --todos --comprobar  # falla si alguna está desactualizada
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat

from .curso import cuadernos

__all__ = ["INICIO", "FIN", "RELLENO", "quitar_soluciones", "version_estudiante", "ruta_estudiante",
           "texto_estudiante", "lineas_de_solucion"]

INICIO = re.compile(r"^(?P<sangria>[ \t]*)#+\s*BEGIN SOLUTION\s*$")
FIN = re.compile(r"^[ \t]*#+\s*END SOLUTION\s*$")
RELLENO = "# TU CÓDIGO AQUÍ"


def _nombres_asignados(bloque: list[str]) -> list[str]:
    """Las variables que asigna el bloque en su nivel superior, en orden y sin repetir."""
    try:
        arbol = ast.parse(textwrap.dedent("\n".join(bloque)))
    except SyntaxError as error:
        raise ValueError(f"la solución no es Python válido: {error}\n" + "\n".join(bloque)) from error
    nombres: list[str] = []

    def anotar(objetivo: ast.AST) -> None:
        if isinstance(objetivo, ast.Name):
            if objetivo.id not in nombres:
                nombres.append(objetivo.id)
        elif isinstance(objetivo, (ast.Tuple, ast.List)):
            for elemento in objetivo.elts:
                anotar(elemento)

    for nodo in arbol.body:
        if isinstance(nodo, ast.Assign):
            for objetivo in nodo.targets:
                anotar(objetivo)
        elif isinstance(nodo, (ast.AnnAssign, ast.AugAssign)):
            anotar(nodo.target)
        elif isinstance(nodo, (ast.FunctionDef, ast.ClassDef)):
            if nodo.name not in nombres:
                nombres.append(nodo.name)
    return nombres


def quitar_soluciones(fuente: str) -> str:
    """El código de una celda con cada bloque de solución cambiado por su relleno."""
    lineas = fuente.split("\n")
    salida: list[str] = []
    i = 0
    while i < len(lineas):
        inicio = INICIO.match(lineas[i])
        if not inicio:
            if FIN.match(lineas[i]):
                raise ValueError(f"«END SOLUTION» sin su «BEGIN SOLUTION»:\n{fuente}")
            salida.append(lineas[i])
            i += 1
            continue
        sangria = inicio.group("sangria")
        bloque: list[str] = []
        i += 1
        while i < len(lineas) and not FIN.match(lineas[i]):
            if INICIO.match(lineas[i]):
                raise ValueError(f"un «BEGIN SOLUTION» dentro de otro:\n{fuente}")
            bloque.append(lineas[i])
            i += 1
        if i == len(lineas):
            raise ValueError(f"falta «END SOLUTION»:\n{fuente}")
        i += 1  # la línea END SOLUTION
        salida.append(f"{sangria}{RELLENO}")
        if sangria:
            salida.append(f'{sangria}raise NotImplementedError("ejercicio sin hacer")')
        else:
            salida.extend(f"{nombre} = None" for nombre in _nombres_asignados(bloque))
    return "\n".join(salida)


def lineas_de_solucion(fuente: str) -> set[str]:
    """Las líneas (sin espacios a los lados) que sólo aparecen dentro de bloques de solución."""
    dentro, fuera, en_bloque = set(), set(), False
    for linea in fuente.split("\n"):
        if INICIO.match(linea):
            en_bloque = True
        elif FIN.match(linea):
            en_bloque = False
        elif linea.strip() and not linea.strip().startswith("#"):
            (dentro if en_bloque else fuera).add(linea.strip())
    return dentro - fuera


def version_estudiante(cuaderno: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Una copia de ``cuaderno`` sin soluciones ni salidas, con la insignia de la versión del estudiante."""
    nuevo = copy.deepcopy(cuaderno)
    for celda in nuevo.cells:
        if celda.cell_type == "code":
            celda.source = quitar_soluciones(celda.source)
            celda.outputs = []
            celda.execution_count = None
            celda.metadata.pop("execution", None)
        elif celda.cell_type == "markdown":
            celda.source = celda.source.replace("/practica.ipynb)", "/practica_estudiante.ipynb)")
    nuevo.metadata.pop("widgets", None)  # estado de widgets de una ejecución: identificadores al azar
    nuevo.metadata["curso"] = {"version": "estudiante",
                               "generado_por": "python -m herramientas.estudiante (make estudiante)"}
    return nuevo


def ruta_estudiante(ruta: Path) -> Path:
    return ruta.with_name("practica_estudiante.ipynb")


def texto_estudiante(ruta: Path) -> str:
    """El contenido exacto que debe tener ``practica_estudiante.ipynb`` para ``ruta``."""
    return nbformat.writes(version_estudiante(nbformat.read(ruta, as_version=4))) + "\n"


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analizador.add_argument("rutas", nargs="*", type=Path)
    analizador.add_argument("--todos", action="store_true", help="todos los Lab*/practica.ipynb")
    analizador.add_argument("--comprobar", action="store_true",
                            help="no escribe nada: falla si alguna versión falta o está desactualizada")
    args = analizador.parse_args(argumentos)
    rutas = cuadernos() if args.todos else args.rutas
    if not rutas:
        analizador.error("indica al menos un cuaderno o --todos")
    desactualizadas = []
    for ruta in rutas:
        ruta = Path(ruta)
        destino = ruta_estudiante(ruta)
        texto = texto_estudiante(ruta)
        if args.comprobar:
            if not destino.exists() or destino.read_text(encoding="utf-8") != texto:
                desactualizadas.append(destino)
            continue
        destino.write_text(texto, encoding="utf-8")
        print(f"{destino}")
    if desactualizadas:
        print("desactualizadas (ejecuta make estudiante):", *desactualizadas, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
