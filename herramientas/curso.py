"""Datos del curso que se usan en varios sitios, definidos una sola vez.

``REPOSITORIO`` es la dirección del curso en GitHub (``usuario/nombre``). Para una
bifurcación, no la edites a mano: ``python -m herramientas.cambiar_repositorio usuario/nombre``
la cambia aquí y reescribe las insignias y la celda de configuración de todos los cuadernos.
"""

from __future__ import annotations

from pathlib import Path

REPOSITORIO = "cursos-ia-es/deep-learning-desde-cero"
RAMA = "main"

RAIZ = Path(__file__).resolve().parent.parent

# Orden de estudio: 01–08, después 10–12 y por último 09 (los modelos generativos usan CNN,
# RNN y transformers).
LABORATORIOS = [
    "Lab01_Introduccion_Neuronas",
    "Lab02_Primera_Red_Neuronal",
    "Lab03_Funciones_Activacion",
    "Lab04_Funciones_Perdida",
    "Lab05_Backpropagation",
    "Lab06_Entrenamiento",
    "Lab07_Metricas_Evaluacion",
    "Lab08_Frameworks_DeepLearning",
    "Lab09_IA_Generativa",
    "Lab10_Redes_Neuronales_Convolucionales",
    "Lab11_Redes_Neuronales_Recurrentes_LSTM",
    "Lab12_Transformers",
]

MARCA_CONFIGURACION = "#@title Configuración del curso"

#: Metadatos de la celda de configuración: plegada en JupyterLab y en forma de formulario en Colab,
#: para que el laboratorio empiece con el laboratorio (su título dice qué hace).
METADATOS_CONFIGURACION = {"cellView": "form", "jupyter": {"source_hidden": True}}

_PLANTILLA_CONFIGURACION = '''\
#@title Configuración del curso: ejecuta esta celda primero (prepara el entorno; es igual en todos los laboratorios)
import os
import subprocess
import sys
from pathlib import Path

REPO_CURSO = "https://github.com/{repositorio}"
if "google.colab" in sys.modules:  # En Colab: descarga el curso e instálalo sin tocar torch ni tensorflow.
    raiz = Path("/content/curso")
    if not raiz.exists():
        subprocess.run(["git", "clone", "-q", "--depth", "1", REPO_CURSO, str(raiz)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "-e", str(raiz)], check=True)
else:  # En local: la raíz del curso es la primera carpeta, subiendo, que contiene Lab01.
    raiz = next((p for p in [Path.cwd(), *Path.cwd().parents] if (p / "Lab01_Introduccion_Neuronas").is_dir()), None)
if raiz is not None and str(raiz) not in sys.path:
    sys.path.insert(0, str(raiz))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # silencia los mensajes de TensorFlow
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # resultados de TensorFlow reproducibles

import matplotlib.pyplot as plt
import numpy as np

np.set_printoptions(precision=4, suppress=True)
plt.rcParams.update({{"figure.dpi": 80, "figure.figsize": (6, 4)}})
%matplotlib inline'''


def celda_configuracion(repositorio: str = REPOSITORIO) -> str:
    """Texto exacto de la celda de configuración que abre todos los cuadernos."""
    return _PLANTILLA_CONFIGURACION.format(repositorio=repositorio)


def url_colab(laboratorio: str, repositorio: str = REPOSITORIO, rama: str = RAMA) -> str:
    """Dirección que abre ``laboratorio/practica.ipynb`` en Google Colab."""
    return (
        f"https://colab.research.google.com/github/{repositorio}/blob/{rama}/"
        f"{laboratorio}/practica.ipynb"
    )


def insignia_colab(laboratorio: str, repositorio: str = REPOSITORIO, rama: str = RAMA) -> str:
    """Insignia «Abrir en Colab» en Markdown para ``laboratorio``."""
    return (
        f"[![Abrir en Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"({url_colab(laboratorio, repositorio, rama)})"
    )


def cuadernos(raiz: Path = RAIZ) -> list[Path]:
    """Los cuadernos ``practica.ipynb`` que existen, en orden de laboratorio."""
    return sorted(raiz.glob("Lab*/practica.ipynb"))
