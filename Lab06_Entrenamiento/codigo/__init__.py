"""Lab06 · Entrenamiento: optimizadores, calendarios, regularización, datos y el bucle ``entrenar``.

>>> from Lab06_Entrenamiento.codigo import Adam, construir_mlp, entrenar, preparar_datos
"""

from .calendarios import (
    Calendario,
    CalendarioCoseno,
    CalendarioEscalones,
    CalendarioExponencial,
    CalendarioLambda,
    CalentamientoCoseno,
    CalentamientoLineal,
    calentamiento_coseno,
)
from .datos import CONJUNTOS_DATOS, ConjuntoDatos, cargar_datos, dividir_datos, preparar_datos
from .dropout import Dropout
from .ejercicios import (
    comprobar_clasificador_vino,
    comprobar_correccion_sesgo,
    comprobar_escala_dropout,
    comprobar_estandarizacion,
    comprobar_paso_momento,
    comprobar_pasos_por_epoca,
)
from .entrenamiento import METRICAS, Historial, entrenar, evaluar, preparar_metricas
from .experimentos import CURVATURAS_VALLE, gradiente_valle, trayectoria, valle
from .graficos import (
    graficar_curvas,
    graficar_digitos,
    graficar_historial,
    graficar_tasas,
    graficar_trayectorias,
)
from .lotes import Estandarizador, iterar_lotes, numero_lotes
from .modelos import construir_mlp, predecir, predecir_clases, predecir_probabilidades
from .normalizacion import BatchNorm1d
from .optimizadores import OPTIMIZADORES, SGD, AdaGrad, Adam, AdamW, Optimizador, RMSprop, crear_optimizador
from .persistencia import (
    cargar,
    copiar_estado,
    escribir_atomicamente,
    estado_con_nombres,
    guardar,
    restaurar_estado,
)
from .playground import (
    ACTIVACIONES_PLAYGROUND,
    DATOS_PLAYGROUND,
    AjustesPlayground,
    Playground,
    ejecutar_playground,
)
from .recetas import entrenar_mlp, perdida_para
from .recorte import norma_gradiente, recortar_norma_gradiente
from .regularizacion import ParadaTemprana, modo_de_monitor, penalizacion_l2, sumar_gradiente_l2

__all__ = [
    "ACTIVACIONES_PLAYGROUND",
    "AjustesPlayground",
    "DATOS_PLAYGROUND",
    "Playground",
    "ejecutar_playground",
    "CONJUNTOS_DATOS",
    "CURVATURAS_VALLE",
    "METRICAS",
    "OPTIMIZADORES",
    "SGD",
    "AdaGrad",
    "Adam",
    "AdamW",
    "BatchNorm1d",
    "Calendario",
    "CalendarioCoseno",
    "CalendarioEscalones",
    "CalendarioExponencial",
    "CalendarioLambda",
    "CalentamientoCoseno",
    "CalentamientoLineal",
    "ConjuntoDatos",
    "Dropout",
    "Estandarizador",
    "Historial",
    "Optimizador",
    "ParadaTemprana",
    "RMSprop",
    "calentamiento_coseno",
    "cargar",
    "cargar_datos",
    "comprobar_clasificador_vino",
    "comprobar_correccion_sesgo",
    "comprobar_escala_dropout",
    "comprobar_estandarizacion",
    "comprobar_paso_momento",
    "comprobar_pasos_por_epoca",
    "construir_mlp",
    "copiar_estado",
    "crear_optimizador",
    "dividir_datos",
    "entrenar",
    "entrenar_mlp",
    "escribir_atomicamente",
    "estado_con_nombres",
    "evaluar",
    "gradiente_valle",
    "graficar_curvas",
    "graficar_digitos",
    "graficar_historial",
    "graficar_tasas",
    "graficar_trayectorias",
    "guardar",
    "iterar_lotes",
    "modo_de_monitor",
    "norma_gradiente",
    "numero_lotes",
    "penalizacion_l2",
    "perdida_para",
    "predecir",
    "predecir_clases",
    "predecir_probabilidades",
    "preparar_datos",
    "preparar_metricas",
    "recortar_norma_gradiente",
    "restaurar_estado",
    "sumar_gradiente_l2",
    "trayectoria",
    "valle",
]
