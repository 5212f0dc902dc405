"""Convenciones de los cuadernos: cabecera, celda de configuración común, ejecutados, sin errores."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from herramientas import curso
from herramientas.cambiar_repositorio import cambiar_repositorio

RAIZ = curso.RAIZ
CUADERNOS = curso.cuadernos()
IGNORADA = re.compile(r"#\s*NBVAL_(IGNORE_OUTPUT|SKIP)")


def _cargar(ruta: Path) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def _fuente(celda: dict) -> str:
    return "".join(celda["source"])


def _celdas_codigo(cuaderno: dict) -> list[dict]:
    return [c for c in cuaderno["cells"] if c["cell_type"] == "code"]


def test_hay_cuadernos():
    assert CUADERNOS, "no se encontró ningún Lab*/practica.ipynb"
    for ruta in CUADERNOS:
        assert ruta.parent.name in curso.LABORATORIOS, f"carpeta desconocida: {ruta.parent.name}"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_cabecera(ruta: Path):
    cuaderno = _cargar(ruta)
    primera = cuaderno["cells"][0]
    assert primera["cell_type"] == "markdown"
    texto = _fuente(primera)
    numero = ruta.parent.name[3:5]
    assert texto.startswith(f"# Laboratorio {numero}"), "la primera línea debe ser el título"
    assert curso.insignia_colab(ruta.parent.name) in texto, "falta la insignia «Abrir en Colab» correcta"
    for seccion in ("Objetivos", "Requisitos previos", "teoria.md"):
        assert seccion in texto, f"la cabecera debe incluir «{seccion}»"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_sin_estado_de_widgets_guardado(ruta: Path):
    """El estado de ipywidgets que guarda nbclient lleva identificadores al azar (cambiaría el archivo, y
    la versión del estudiante, en cada ejecución): ``herramientas.ejecutar`` lo quita."""
    for cuaderno in (ruta, ruta.with_name("practica_estudiante.ipynb")):
        assert "widgets" not in _cargar(cuaderno).get("metadata", {}), f"{cuaderno}: quita metadata.widgets"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_celda_de_configuracion_canonica(ruta: Path):
    primera_de_codigo = _celdas_codigo(_cargar(ruta))[0]
    assert _fuente(primera_de_codigo) == curso.celda_configuracion(), (
        "la primera celda de código debe ser exactamente herramientas.curso.celda_configuracion()"
    )
    for clave, valor in curso.METADATOS_CONFIGURACION.items():  # plegada: el lab empieza con el lab
        assert primera_de_codigo["metadata"].get(clave) == valor, f"a la configuración le falta {clave}"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_ejecutado_y_sin_errores(ruta: Path):
    celdas = _celdas_codigo(_cargar(ruta))
    contadores = [c["execution_count"] for c in celdas]
    assert all(contadores), "hay celdas de código sin ejecutar"
    assert contadores == list(range(1, len(celdas) + 1)), "las celdas deben ejecutarse en orden, una vez"
    for celda in celdas:
        for salida in celda["outputs"]:
            assert salida["output_type"] != "error", f"salida de error en:\n{_fuente(celda)[:200]}"
            if salida["output_type"] == "stream" and salida["name"] == "stderr":
                assert IGNORADA.search(_fuente(celda)), (
                    f"aviso en stderr en una celda comparada:\n{''.join(salida['text'])[:300]}"
                )


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_pocas_celdas_ignoradas(ruta: Path):
    celdas = _celdas_codigo(_cargar(ruta))
    ignoradas = [c for c in celdas if IGNORADA.search(_fuente(c))]
    etiquetadas = [c for c in celdas if any(t.startswith("nbval-") for t in c["metadata"].get("tags", []))]
    assert len(ignoradas) + len(etiquetadas) <= 0.15 * len(celdas), (
        f"{len(ignoradas) + len(etiquetadas)} de {len(celdas)} celdas ocultas a nbval (máximo 15 %)"
    )
    assert not any("NBVAL_SKIP" in _fuente(c) for c in celdas), "ninguna celda puede saltarse"


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda r: r.parent.name)
def test_estructura_minima(ruta: Path):
    cuaderno = _cargar(ruta)
    assert len(_celdas_codigo(cuaderno)) >= 20, "cada práctica tiene al menos 20 celdas de código"
    markdown = "\n".join(_fuente(c) for c in cuaderno["cells"] if c["cell_type"] == "markdown")
    for seccion in ("Ejercicio", "Resumen", "Lecturas"):
        assert seccion in markdown, f"falta la sección «{seccion}»"
    assert "comprobar_" in "\n".join(_fuente(c) for c in _celdas_codigo(cuaderno)), (
        "los ejercicios deben tener autocomprobaciones comprobar_..."
    )
    assert (ruta.parent / "teoria.md").exists()


def test_readme_enumera_los_doce_laboratorios():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    for laboratorio in curso.LABORATORIOS:
        assert laboratorio in readme, f"el README no menciona {laboratorio}"
    assert "make test" in readme and "make curso" in readme


def test_ci_ejecuta_la_orden_del_readme():
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_cambiar_repositorio_en_una_copia(tmp_path: Path):
    """La herramienta para bifurcaciones reescribe insignias, celdas y README."""
    copia = tmp_path / "curso"
    (copia / "herramientas").mkdir(parents=True)
    shutil.copy(RAIZ / "herramientas" / "curso.py", copia / "herramientas" / "curso.py")
    shutil.copy(RAIZ / "README.md", copia / "README.md")
    for ruta in CUADERNOS:
        (copia / ruta.parent.name).mkdir()
        shutil.copy(ruta, copia / ruta.parent.name / ruta.name)
    cambiados = cambiar_repositorio("alguien/mi-curso", "desarrollo", raiz=copia)
    assert len(cambiados) == len(CUADERNOS) + 2
    texto_curso = (copia / "herramientas" / "curso.py").read_text(encoding="utf-8")
    assert 'REPOSITORIO = "alguien/mi-curso"' in texto_curso and 'RAMA = "desarrollo"' in texto_curso
    for ruta in CUADERNOS:
        cuaderno = _cargar(copia / ruta.parent.name / ruta.name)
        cabecera = _fuente(cuaderno["cells"][0])
        assert curso.insignia_colab(ruta.parent.name, "alguien/mi-curso", "desarrollo") in cabecera
        assert _fuente(_celdas_codigo(cuaderno)[0]) == curso.celda_configuracion("alguien/mi-curso")
        assert curso.REPOSITORIO not in json.dumps(cuaderno)
    assert curso.REPOSITORIO not in (copia / "README.md").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="usuario/nombre"):
        cambiar_repositorio("no es un repo", raiz=copia)


def _ejecutar_celda(monkeypatch, tmp_path: Path, en_colab: bool, directorio: Path) -> tuple[dict, list]:
    """Ejecuta la celda de configuración (sin la línea mágica); devuelve su espacio y sus órdenes."""
    import subprocess
    import sys
    import types

    ordenes = []
    monkeypatch.setattr(subprocess, "run", lambda orden, check: ordenes.append(orden))
    if en_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.chdir(directorio)
    monkeypatch.setattr(sys, "path", list(sys.path))
    import os

    import matplotlib.pyplot as plt
    import numpy as np

    monkeypatch.setattr(os, "environ", dict(os.environ))
    opciones, parametros = np.get_printoptions(), plt.rcParams.copy()
    codigo = curso.celda_configuracion().replace("%matplotlib inline", "")
    espacio: dict = {}
    try:
        exec(compile(codigo, "celda_configuracion", "exec"), espacio)
    finally:  # la celda cambia opciones globales: se restauran para no afectar a otras pruebas
        np.set_printoptions(**opciones)
        plt.rcParams.update(parametros)
    return espacio, ordenes


def test_celda_configuracion_en_local_desde_cualquier_carpeta(monkeypatch, tmp_path):
    carpeta = RAIZ / "Lab01_Introduccion_Neuronas" / "codigo"
    espacio, ordenes = _ejecutar_celda(monkeypatch, tmp_path, False, carpeta)
    assert espacio["raiz"] == RAIZ and ordenes == []
    espacio, _ = _ejecutar_celda(monkeypatch, tmp_path, False, tmp_path)
    assert espacio["raiz"] is None  # fuera del curso no inventa rutas (se usa la instalación con pip)


def test_celda_configuracion_en_colab_clona_e_instala_sin_dependencias(monkeypatch, tmp_path):
    espacio, ordenes = _ejecutar_celda(monkeypatch, tmp_path, True, tmp_path)
    assert str(espacio["raiz"]) == "/content/curso"
    if Path("/content/curso").exists():  # pragma: no cover - sólo dentro de Colab
        return
    clonar, instalar = ordenes
    assert clonar[:2] == ["git", "clone"] and f"https://github.com/{curso.REPOSITORIO}" in clonar
    assert instalar[1:5] == ["-m", "pip", "install", "-q"] and "--no-deps" in instalar
    assert instalar[-1] == "/content/curso"


def test_cada_nombre_publico_significa_una_sola_cosa_en_todo_el_curso():
    """Un nombre del ``__all__`` de dos laboratorios es el mismo objeto (o una versión que lo amplía,
    como la ``CapaDensa`` del Lab05, que hereda de la del Lab02)."""
    import importlib

    vistos: dict[str, tuple[str, object]] = {}
    for lab in curso.LABORATORIOS:
        if not (curso.RAIZ / lab / "codigo").exists():
            continue
        modulo = importlib.import_module(f"{lab}.codigo")
        for nombre in modulo.__all__:
            objeto = getattr(modulo, nombre)
            if nombre in vistos:
                lab_antes, antes = vistos[nombre]
                amplia = isinstance(antes, type) and isinstance(objeto, type) and issubclass(objeto, antes)
                assert objeto is antes or amplia, f"{nombre!r} significa dos cosas: en {lab_antes} y en {lab}"
            vistos[nombre] = (lab, objeto)


def test_los_validadores_de_numeros_viven_solo_en_el_lab01():
    """``entero_positivo``, ``numero_real`` y ``es_real`` se escriben una vez, en Lab01 ``validacion``."""
    patron = re.compile(r"^def (_?entero_positivo|_?es_real|_tamano_lote_valido)\(", re.M)
    for ruta in sorted(curso.RAIZ.glob("Lab*/codigo/*.py")):
        if ruta.parts[-3] == "Lab01_Introduccion_Neuronas" and ruta.name == "validacion.py":
            continue
        assert not patron.search(ruta.read_text(encoding="utf-8")), f"{ruta} vuelve a definir un validador"


def test_make_curso_abre_jupyterlab_tambien_como_root(tmp_path):
    """La primera orden del README: arranca JupyterLab (como root si es el caso) y responde."""
    import os
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    from herramientas.abrir_curso import argumentos_jupyter

    assert "--allow-root" in argumentos_jupyter(True, True)
    assert "--allow-root" not in argumentos_jupyter(False, True)
    assert "--no-browser" in argumentos_jupyter(False, False)
    if shutil.which("make") is None:
        pytest.fail("hace falta make para probar la orden del README")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        puerto = s.getsockname()[1]
    opciones = f"--port={puerto} --IdentityProvider.token=prueba"
    entorno = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "DISPLAY": ""}
    proceso = subprocess.Popen(["make", "-s", "curso", f"JUPYTER_OPCIONES={opciones}"], cwd=curso.RAIZ,
                               env=entorno, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        respuesta = None
        for _ in range(120):
            try:
                direccion = f"http://127.0.0.1:{puerto}/api/status?token=prueba"
                respuesta = urllib.request.urlopen(direccion, timeout=2)
                break
            except OSError:
                if proceso.poll() is not None:
                    break
                time.sleep(0.5)
    finally:
        if proceso.poll() is None:
            os.killpg(proceso.pid, signal.SIGTERM)
        salida = proceso.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert respuesta is not None, f"JupyterLab no llegó a responder:\n{salida[-3000:]}"
    assert respuesta.status == 200
    assert "Running as root is not recommended" not in salida
    assert "No hay un navegador" in salida  # sin pantalla: dice qué dirección abrir
