"""El *playground* del Lab06 probado como lo usa un estudiante: en JupyterLab, en un navegador de verdad.

Se sirve JupyterLab en localhost con un cuaderno que crea el panel, se abre con Chromium sin ventana
(el de los paquetes de Debian) manejado por Playwright, se ejecuta el cuaderno, se cambia un control
(el conjunto de datos), se pulsa «▶ Entrenar» y se comprueba que la figura cambia (capturas distintas)
y que la pérdida que muestra el panel baja. Si falta Chromium o Playwright la prueba **falla** con un
mensaje que dice qué instalar (``.ci/run`` los instala): nunca se salta en silencio.

Las capturas quedan en ``CAPTURAS_PLAYGROUND`` (por defecto una carpeta temporal) y la prueba imprime
qué vio: pérdidas leídas y tiempo de cada redibujo.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.navegador

CELDAS = [
    f"import sys\nsys.path.insert(0, {str(RAIZ)!r})",
    "from Lab06_Entrenamiento.codigo.widgets_playground import crear_playground\n"
    "panel = crear_playground(epocas_por_redibujo=5, redibujos=8)\npanel",
]


def _navegador() -> str:
    for nombre in ("chromium", "chromium-browser", "google-chrome"):
        ruta = shutil.which(nombre)
        if ruta:
            return ruta
    pytest.fail(
        "No se encontró Chromium: instálalo (en Debian/Ubuntu, `apt-get install chromium`; "
        ".ci/run lo hace) para la prueba del playground en el navegador"
    )


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("playground_navegador")
    cuaderno = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
            for c in CELDAS
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (carpeta / "playground.ipynb").write_text(json.dumps(cuaderno), encoding="utf-8")
    puerto, token = _puerto_libre(), "curso-playground"
    entorno = dict(
        os.environ, JUPYTER_CONFIG_DIR=str(carpeta / "config"), JUPYTER_RUNTIME_DIR=str(carpeta / "run")
    )
    servidor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={puerto}",
            "--ip=127.0.0.1",
            f"--ServerApp.token={token}",
            f"--ServerApp.root_dir={carpeta}",
            "--allow-root",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=True",
        ],
        cwd=carpeta,
        env=entorno,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{puerto}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
            break
        except OSError:
            if servidor.poll() is not None:
                pytest.fail("JupyterLab no arrancó:\n" + servidor.stdout.read().decode("utf-8", "replace"))
            time.sleep(0.5)
    else:
        servidor.kill()
        pytest.fail("JupyterLab no respondió en 60 s")
    yield url, token
    servidor.terminate()
    try:
        servidor.wait(timeout=10)
    except subprocess.TimeoutExpired:
        servidor.kill()


def _leer_estado(pagina) -> tuple[int, float | None, float | None]:
    texto = pagina.locator(".widget-html-content").first.inner_text()
    epoca = re.search(r"época (\d+)", texto)
    perdida = re.search(r"pérdida de entrenamiento ([0-9.]+)", texto)
    redibujo = re.search(r"redibujo en ([0-9.]+) s", texto)
    return (
        int(epoca.group(1)) if epoca else -1,
        float(perdida.group(1)) if perdida else None,
        float(redibujo.group(1)) if redibujo else None,
    )


def test_el_playground_entrena_y_redibuja_en_el_navegador(jupyterlab, tmp_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Falta Playwright para Python: `pip install playwright` (está en requirements.txt)")
    url, token = jupyterlab
    capturas = Path(os.environ.get("CAPTURAS_PLAYGROUND", tmp_path))
    capturas.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=_navegador(), args=["--no-sandbox", "--disable-gpu"])
        pagina = navegador.new_page(viewport={"width": 1400, "height": 1000})
        pagina.goto(f"{url}/lab/tree/playground.ipynb?token={token}", timeout=60_000)
        pagina.wait_for_selector(".jp-Notebook", timeout=60_000)
        pagina.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session",
            timeout=60_000,
        )
        pagina.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        pagina.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        imagen = pagina.locator("img.widget-image")
        imagen.wait_for(timeout=120_000)
        pagina.wait_for_function(
            "() => { const i = document.querySelector('img.widget-image'); return i && i.naturalWidth > 0; }",
            timeout=60_000,
        )
        antes = imagen.screenshot(path=str(capturas / "1_inicial.png"))
        assert _leer_estado(pagina)[0] == 0, "el panel debería empezar en la época 0"

        # un control: el conjunto de datos (empieza una partida nueva y redibuja)
        pagina.locator(".widget-dropdown select").first.select_option("xor")
        pagina.wait_for_function(
            "() => document.querySelector('.widget-html-content').innerText.includes('época 0')"
        )
        time.sleep(1.0)
        con_xor = imagen.screenshot(path=str(capturas / "2_xor.png"))
        assert con_xor != antes, "al cambiar de datos la figura debería cambiar"

        pagina.get_by_role("button", name="▶ Entrenar").click()
        lecturas = []
        limite = time.time() + 120
        while time.time() < limite:
            epoca, perdida, redibujo = _leer_estado(pagina)
            if perdida is not None and (not lecturas or lecturas[-1][0] != epoca):
                lecturas.append((epoca, perdida, redibujo))
            if epoca >= 40:
                break
            time.sleep(0.1)
        time.sleep(1.0)
        despues = imagen.screenshot(path=str(capturas / "3_entrenado.png"))
        navegador.close()
    print("\nlecturas (época, pérdida, s por redibujo):", lecturas)
    print(
        "capturas:",
        {
            n: hashlib.sha256((capturas / n).read_bytes()).hexdigest()[:12]
            for n in ("1_inicial.png", "2_xor.png", "3_entrenado.png")
        },
        "en",
        capturas,
    )
    assert lecturas and lecturas[-1][0] == 40, f"el entrenamiento debería llegar a la época 40: {lecturas}"
    assert len(lecturas) >= 2, f"la figura debería redibujarse varias veces mientras entrena: {lecturas}"
    assert lecturas[-1][1] < lecturas[0][1], f"la pérdida mostrada debería bajar: {lecturas}"
    assert despues != con_xor, "tras entrenar la figura debería ser otra"
