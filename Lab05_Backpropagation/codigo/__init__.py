"""Lab05 · Retropropagación: autograd escalar, comprobación de gradientes y backward de las capas.

>>> from Lab05_Backpropagation.codigo import Valor, CapaDensa, comprobar_gradiente
"""

from .capa_densa import CapaDensa
from .comprobacion_gradientes import (
    SEMILLA_GRADIENTE,
    TOLERANCIA_GRADIENTE,
    comprobar_gradiente,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
    comprobar_gradiente_perdida,
    error_relativo,
    gradiente_numerico,
)
from .descenso import entrenar_manual, paso_descenso_gradiente, paso_entrenamiento
from .ejercicios import (
    comprobar_backward_densa,
    comprobar_capa_escala,
    comprobar_gradientes_a_mano,
    comprobar_operacion_seno,
    comprobar_regla_cadena,
)
from .expresiones import FUNCIONES_VALOR, OPERACIONES_ALEATORIAS, expresion_aleatoria
from .grafo import dibujar_grafo, grafo_en_texto, niveles_del_grafo, nombres_de_nodos
from .red_espirales import crear_red_espirales, formas_de_gradientes
from .valor import Valor
from .verificacion import casos_activaciones, casos_perdidas, tabla_en_texto, tabla_gradientes

__all__ = [
    "FUNCIONES_VALOR",
    "OPERACIONES_ALEATORIAS",
    "SEMILLA_GRADIENTE",
    "TOLERANCIA_GRADIENTE",
    "CapaDensa",
    "Valor",
    "casos_activaciones",
    "casos_perdidas",
    "comprobar_backward_densa",
    "comprobar_capa_escala",
    "comprobar_gradiente",
    "comprobar_gradiente_capa",
    "comprobar_gradiente_modelo",
    "comprobar_gradiente_perdida",
    "comprobar_gradientes_a_mano",
    "comprobar_operacion_seno",
    "comprobar_regla_cadena",
    "crear_red_espirales",
    "dibujar_grafo",
    "entrenar_manual",
    "error_relativo",
    "expresion_aleatoria",
    "formas_de_gradientes",
    "grafo_en_texto",
    "gradiente_numerico",
    "niveles_del_grafo",
    "nombres_de_nodos",
    "paso_descenso_gradiente",
    "paso_entrenamiento",
    "tabla_en_texto",
    "tabla_gradientes",
]
