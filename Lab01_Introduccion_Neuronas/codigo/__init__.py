"""Lab01 · La neurona artificial: código reutilizable del laboratorio.

>>> from Lab01_Introduccion_Neuronas.codigo import Neurona, Perceptron
"""

from .ejercicios import (
    comprobar_capa_vectorizada,
    comprobar_formas_capa,
    comprobar_neurona_compuerta,
    comprobar_paso_perceptron,
    comprobar_separabilidad,
    comprobar_suma_ponderada,
    informar,
)
from .graficos import graficar_errores, graficar_frontera_decision, graficar_puntos, malla_2d
from .neurona import (
    FUNCIONES_ACTIVACION,
    Neurona,
    capa_de_neuronas,
    escalon,
    identidad,
    sigmoide,
    suma_ponderada,
    suma_ponderada_bucle,
)
from .perceptron import COMPUERTAS, Perceptron, datos_compuerta, paso_perceptron
from .rendimiento import medir_tiempo
from .validacion import como_arreglo, comprobar_forma, describir_forma, entero_positivo, es_real, numero_real

__all__ = [
    "COMPUERTAS",
    "FUNCIONES_ACTIVACION",
    "Neurona",
    "Perceptron",
    "capa_de_neuronas",
    "como_arreglo",
    "comprobar_capa_vectorizada",
    "comprobar_forma",
    "comprobar_formas_capa",
    "comprobar_neurona_compuerta",
    "comprobar_paso_perceptron",
    "comprobar_separabilidad",
    "comprobar_suma_ponderada",
    "datos_compuerta",
    "describir_forma",
    "entero_positivo",
    "es_real",
    "escalon",
    "graficar_errores",
    "graficar_frontera_decision",
    "graficar_puntos",
    "identidad",
    "informar",
    "malla_2d",
    "medir_tiempo",
    "numero_real",
    "paso_perceptron",
    "sigmoide",
    "suma_ponderada",
    "suma_ponderada_bucle",
]
