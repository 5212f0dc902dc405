"""La versión del estudiante, los ejercicios y los cuestionarios de todos los laboratorios.

- ``herramientas.estudiante`` cambia cada solución por ``# TU CÓDIGO AQUÍ`` y un relleno.
- Cada ``practica_estudiante.ipynb`` está al día, sin soluciones ni salidas.
- Ejecutada de principio a fin, cada autocomprobación dice que el ejercicio está sin hacer, sin
  ningún error.
- Cada laboratorio tiene al menos cinco ejercicios y un cuestionario final de 6 a 10 preguntas.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from herramientas import curso
from herramientas.estudiante import (
    INICIO,
    RELLENO,
    lineas_de_solucion,
    quitar_soluciones,
    ruta_estudiante,
    texto_estudiante,
)
from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta
from Lab01_Introduccion_Neuronas.codigo.ejercicios import MENSAJE_SIN_HACER, autocomprobacion

CUADERNOS = curso.cuadernos()
SIN_HACER = "⏳"


def _fuente(celda) -> str:
    return "".join(celda["source"]) if isinstance(celda["source"], list) else celda["source"]


def _celdas_con_solucion(cuaderno) -> list:
    return [
        c
        for c in cuaderno["cells"]
        if c["cell_type"] == "code" and any(INICIO.match(linea) for linea in _fuente(c).split("\n"))
    ]


# --- el generador ---------------------------------------------------------------------------
def test_quitar_soluciones_fuera_y_dentro_de_una_funcion():
    fuente = (
        "x = 1\n### BEGIN SOLUTION\nmi_forma = (5, 3)\na, b = 1, 2\n### END SOLUTION\n"
        "comprobar(mi_forma)\n\ndef f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION\n"
    )
    esperado = (
        f"x = 1\n{RELLENO}\nmi_forma = None\na = None\nb = None\ncomprobar(mi_forma)\n\ndef f(x):\n"
        f'    {RELLENO}\n    raise NotImplementedError("ejercicio sin hacer")\n'
    )
    assert quitar_soluciones(fuente) == esperado
    assert lineas_de_solucion(fuente) == {"mi_forma = (5, 3)", "a, b = 1, 2", "return x + 1"}
    with pytest.raises(ValueError, match="falta «END SOLUTION»"):
        quitar_soluciones("### BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(ValueError, match="sin su «BEGIN SOLUTION»"):
        quitar_soluciones("x = 1\n### END SOLUTION\n")


def test_autocomprobacion_reconoce_el_relleno_y_los_errores(capsys):
    @autocomprobacion
    def comprobar_doble(funcion):
        return funcion(2) == 4

    def sin_hacer(x):
        raise NotImplementedError("ejercicio sin hacer")

    assert comprobar_doble(lambda x: 2 * x)
    assert not comprobar_doble(None)
    assert not comprobar_doble(sin_hacer)
    assert capsys.readouterr().out.count(MENSAJE_SIN_HACER) == 2
    assert not comprobar_doble(lambda x: x / 0)
    assert "Tu código lanzó ZeroDivisionError" in capsys.readouterr().out


def test_cuestionario_corrige_y_explica(capsys):
    pregunta = Pregunta("¿2 + 2?", {"a": "3", "b": "4"}, "b", {"a": "falta uno", "b": "eso es"})
    cuestionario = Cuestionario("Prueba", [pregunta, pregunta])
    assert cuestionario.corregir({1: "b", 2: "A"}) == 1
    salida = capsys.readouterr().out
    assert "✅ 1. (b) Correcto: eso es" in salida and "❌ 2. (a) No: falta uno" in salida
    assert "1 de 2" in salida
    assert cuestionario.corregir(None) == 0 and "sin responder" in capsys.readouterr().out
    assert cuestionario.corregir({1: "z"}) == 0 and "no es una opción" in capsys.readouterr().out
    cuestionario.explicar(1)
    assert "✅ b) 4\n        eso es" in capsys.readouterr().out
    with pytest.raises(ValueError, match="explicación"):
        Pregunta("¿?", {"a": "x", "b": "y"}, "a", {"a": "sí"})
    with pytest.raises(ValueError, match="correcta"):
        Pregunta("¿?", {"a": "x", "b": "y"}, "c", {"a": "sí", "b": "no"})


# --- cada laboratorio -------------------------------------------------------------------------
@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_al_menos_cinco_ejercicios_con_autocomprobacion(ruta: Path):
    cuaderno = json.loads(ruta.read_text(encoding="utf-8"))
    celdas = _celdas_con_solucion(cuaderno)
    ejercicios = [c for c in celdas if "comprobar_" in _fuente(c)]
    assert len(ejercicios) >= 5, (
        f"{ruta.parent.name}: {len(ejercicios)} ejercicios con solución y comprobar_ (≥ 5)"
    )


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_cuestionario_final_de_6_a_10_preguntas(ruta: Path):
    modulo = importlib.import_module(f"{ruta.parent.name}.codigo.cuestionario")
    cuestionario = modulo.CUESTIONARIO
    assert isinstance(cuestionario, Cuestionario) and 6 <= len(cuestionario) <= 10
    for pregunta in cuestionario.preguntas:
        assert len(pregunta.opciones) >= 3, f"al menos tres opciones: {pregunta.enunciado}"
        assert all(len(e) >= 20 for e in pregunta.explicaciones.values()), (
            f"cada opción explica por qué: {pregunta.enunciado}"
        )
    correctas = [p.correcta for p in cuestionario.preguntas]
    assert len(set(correctas)) > 1, "la respuesta correcta no puede ser siempre la misma letra"
    cuaderno = json.loads(ruta.read_text(encoding="utf-8"))
    fuentes = [_fuente(c) for c in cuaderno["cells"] if c["cell_type"] == "code"]
    final = next((f for f in fuentes if "CUESTIONARIO.corregir(" in f), None)
    assert final is not None, "el cuaderno termina con CUESTIONARIO.corregir(mis_respuestas)"
    assert any(INICIO.match(linea) for linea in final.split("\n")), "las respuestas van entre las marcas"
    espacio: dict = {}
    exec(re.sub(r"CUESTIONARIO\.corregir\(.*", "", final), {"CUESTIONARIO": cuestionario}, espacio)
    assert espacio["mis_respuestas"] == cuestionario.respuestas_correctas(), (
        "las respuestas del cuaderno del repositorio deben ser las correctas"
    )


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_version_del_estudiante_al_dia_y_sin_soluciones(ruta: Path):
    destino = ruta_estudiante(ruta)
    assert destino.exists(), f"falta {destino.relative_to(curso.RAIZ)}: ejecuta make estudiante"
    texto = destino.read_text(encoding="utf-8")
    assert texto == texto_estudiante(ruta), (
        f"{destino.relative_to(curso.RAIZ)} está desactualizada: make estudiante"
    )
    assert "BEGIN SOLUTION" not in texto and "END SOLUTION" not in texto
    estudiante = json.loads(texto)
    original = json.loads(ruta.read_text(encoding="utf-8"))
    for celda_o, celda_e in zip(original["cells"], estudiante["cells"]):
        if celda_o["cell_type"] != "code":
            continue
        assert celda_e["outputs"] == [] and celda_e["execution_count"] is None
        restos = lineas_de_solucion(_fuente(celda_o)) & {
            linea.strip() for linea in _fuente(celda_e).split("\n")
        }
        assert not restos, f"la versión del estudiante aún contiene líneas de la solución: {restos}"
    cabecera = _fuente(estudiante["cells"][0])
    assert f"/{ruta.parent.name}/practica_estudiante.ipynb)" in cabecera, (
        "la insignia abre la versión del estudiante"
    )


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_la_version_del_estudiante_se_ejecuta_y_cada_ejercicio_dice_sin_hacer(ruta: Path):
    cuaderno = nbformat.read(ruta_estudiante(ruta), as_version=4)
    NotebookClient(
        cuaderno,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(ruta.parent)}},
    ).execute()
    for celda in cuaderno.cells:
        if celda.cell_type != "code":
            continue
        errores = [s for s in celda.outputs if s.output_type == "error"]
        assert not errores, f"error en la versión del estudiante:\n{celda.source[:300]}\n{errores[0].ename}"
        if RELLENO in celda.source and ("comprobar_" in celda.source or "CUESTIONARIO" in celda.source):
            texto = "".join(s.get("text", "") for s in celda.outputs if s.output_type == "stream")
            assert SIN_HACER in texto, (
                f"la autocomprobación no dijo «sin hacer»:\n{celda.source[:300]}\n{texto}"
            )
