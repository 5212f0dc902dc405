# Curso de deep learning — dos órdenes hacen todo (con Python 3.11 instalado):
#   make curso   crea el entorno si hace falta y abre el curso en JupyterLab
#   make test    crea el entorno si hace falta y ejecuta todas las pruebas (unitarias + cuadernos)
#   make test-colab  lo mismo con las versiones de Google Colab (requirements-colab.txt), en .venv-colab/

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
MARCA   = $(VENV)/.instalado
VENV_COLAB ?= .venv-colab
MARCA_COLAB = $(VENV_COLAB)/.instalado

.PHONY: curso test test-colab entorno ejecutar-cuadernos estudiante estilo limpiar

entorno: $(MARCA)

# Se reinstala sólo cuando cambian requirements.txt o pyproject.toml.
$(MARCA): requirements.txt pyproject.toml $(wildcard Lab*/__init__.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (curso)" >/dev/null
	touch $(MARCA)

# Abre JupyterLab también como root (con --allow-root) y sin navegador (escribe la dirección
# que hay que abrir). JUPYTER_OPCIONES pasa opciones a jupyter lab: make curso JUPYTER_OPCIONES=--port=8890
curso: $(MARCA)
	$(BIN)/python -m herramientas.abrir_curso $(JUPYTER_OPCIONES)

test: $(MARCA)
	$(BIN)/python -m pytest

# Las mismas pruebas con las bibliotecas de Colab: el curso se instala con --no-deps, como lo hace
# la celda de configuración de los cuadernos en Colab, sobre las versiones de requirements-colab.txt.
$(MARCA_COLAB): requirements-colab.txt pyproject.toml $(wildcard Lab*/__init__.py)
	test -x $(VENV_COLAB)/bin/python || $(PYTHON) -m venv $(VENV_COLAB)
	$(VENV_COLAB)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_COLAB)/bin/python -m pip install --quiet -r requirements-colab.txt
	$(VENV_COLAB)/bin/python -m pip install --quiet --no-deps -e .
	$(VENV_COLAB)/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Colab)" >/dev/null
	touch $(MARCA_COLAB)

# Sin la prueba en el navegador (marca «navegador»): Colab no es JupyterLab (ver requirements-colab.txt).
test-colab: $(MARCA_COLAB)
	$(VENV_COLAB)/bin/python -m pytest -m "not navegador"

# Vuelve a ejecutar todos los cuadernos y guarda sus salidas (tras cambiar código).
ejecutar-cuadernos: $(MARCA)
	$(BIN)/python -m herramientas.ejecutar --todos

# Escribe practica_estudiante.ipynb junto a cada practica.ipynb: soluciones cambiadas por
# «# TU CÓDIGO AQUÍ», salidas borradas, autocomprobaciones intactas (lo que se reparte en clase).
estudiante: $(MARCA)
	$(BIN)/python -m herramientas.estudiante --todos

estilo: $(MARCA)
	$(BIN)/ruff check Lab* tests herramientas

limpiar:
	rm -rf $(VENV) $(VENV_COLAB) .pytest_cache
