"""Lab03 · Funciones de activación: capas con forward y backward, estables numéricamente.

>>> from Lab03_Funciones_Activacion.codigo import ReLU, Softmax, crear_activacion

La sigmoide y el escalón como funciones vienen del Lab01
(``from Lab01_Introduccion_Neuronas.codigo import sigmoide, escalon``).
"""

from .base import CapaActivacion
from .comparacion import (
    comparar_con_pytorch,
    diferencia_relativa,
    equivalente_pytorch,
    tabla_comparacion_pytorch,
)
from .ejercicios import (
    PREACTIVACIONES_EJERCICIO,
    comprobar_backward_tanh,
    comprobar_capa_silu,
    comprobar_colapso_lineal,
    comprobar_derivada_sigmoide,
    comprobar_eleccion_activacion,
    comprobar_fraccion_muertas,
    comprobar_prediccion_backward_relu,
    comprobar_softmax_estable,
)
from .elementales import ELU, GELU, Escalon, Identidad, LeakyReLU, ReLU, Sigmoide, Tanh
from .gradientes import INICIALIZACION_RECOMENDADA, comparar_desvanecimiento, normas_gradiente_por_capa
from .graficos import (
    graficar_activaciones,
    graficar_entrenamientos,
    graficar_funcion_y_derivada,
    graficar_normas_gradiente,
    graficar_softmax_temperatura,
)
from .linealidad import colapsar_red_lineal
from .redes import red_densa
from .registro import ACTIVACIONES, crear_activacion
from .relu_muertas import (
    entrenar_clasificador_binario,
    fraccion_neuronas_muertas,
    neuronas_muertas_por_capa,
)
from .softmax import Softmax, log_sigmoide, log_softmax, softmax

__all__ = [
    "ACTIVACIONES",
    "ELU",
    "GELU",
    "INICIALIZACION_RECOMENDADA",
    "PREACTIVACIONES_EJERCICIO",
    "CapaActivacion",
    "Escalon",
    "Identidad",
    "LeakyReLU",
    "ReLU",
    "Sigmoide",
    "Softmax",
    "Tanh",
    "colapsar_red_lineal",
    "comparar_con_pytorch",
    "comparar_desvanecimiento",
    "comprobar_backward_tanh",
    "comprobar_capa_silu",
    "comprobar_colapso_lineal",
    "comprobar_derivada_sigmoide",
    "comprobar_eleccion_activacion",
    "comprobar_fraccion_muertas",
    "comprobar_prediccion_backward_relu",
    "comprobar_softmax_estable",
    "crear_activacion",
    "diferencia_relativa",
    "entrenar_clasificador_binario",
    "equivalente_pytorch",
    "fraccion_neuronas_muertas",
    "graficar_activaciones",
    "graficar_entrenamientos",
    "graficar_funcion_y_derivada",
    "graficar_normas_gradiente",
    "graficar_softmax_temperatura",
    "log_sigmoide",
    "log_softmax",
    "neuronas_muertas_por_capa",
    "normas_gradiente_por_capa",
    "red_densa",
    "softmax",
    "tabla_comparacion_pytorch",
]
