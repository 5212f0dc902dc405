"""Lab04 · Funciones de pérdida: cada una con su valor y su gradiente.

>>> from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, ErrorCuadraticoMedio
"""

from .datos import datos_cancer_1d, datos_diabetes_1d, estandarizar
from .ejercicios import (
    comprobar_divergencia_kl,
    comprobar_eleccion_perdida,
    comprobar_entropia_cruzada_a_mano,
    comprobar_gradiente_softmax_ce,
    comprobar_log_sum_exp,
    comprobar_mse_mae,
)
from .entropia_cruzada import EPSILON, EntropiaCruzada, EntropiaCruzadaBinaria
from .etiquetas import a_one_hot, comprobar_probabilidades, exactitud_salidas, validar_etiquetas
from .graficos import graficar_exactitud_perdida, graficar_perdidas_residuo, graficar_superficie
from .informacion import divergencia_kl, entropia, entropia_cruzada_distribuciones
from .paisajes import (
    ajustar_recta,
    barrido_exactitud_perdida,
    perdidas_por_residuo,
    superficie_perdida,
)
from .perdida import Perdida, preparar_misma_forma
from .registro import PERDIDAS, crear_perdida
from .regresion import ErrorAbsolutoMedio, ErrorCuadraticoMedio, Huber

__all__ = [
    "EPSILON",
    "PERDIDAS",
    "EntropiaCruzada",
    "EntropiaCruzadaBinaria",
    "ErrorAbsolutoMedio",
    "ErrorCuadraticoMedio",
    "Huber",
    "Perdida",
    "a_one_hot",
    "ajustar_recta",
    "barrido_exactitud_perdida",
    "comprobar_divergencia_kl",
    "comprobar_eleccion_perdida",
    "comprobar_entropia_cruzada_a_mano",
    "comprobar_gradiente_softmax_ce",
    "comprobar_log_sum_exp",
    "comprobar_mse_mae",
    "comprobar_probabilidades",
    "crear_perdida",
    "datos_cancer_1d",
    "datos_diabetes_1d",
    "divergencia_kl",
    "entropia",
    "entropia_cruzada_distribuciones",
    "estandarizar",
    "exactitud_salidas",
    "graficar_exactitud_perdida",
    "graficar_perdidas_residuo",
    "graficar_superficie",
    "perdidas_por_residuo",
    "preparar_misma_forma",
    "superficie_perdida",
    "validar_etiquetas",
]
