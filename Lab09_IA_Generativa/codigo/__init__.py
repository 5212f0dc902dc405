"""Lab09 · IA generativa: modelos que aprenden una distribución y la muestrean, y cómo medirlos.

Los dígitos 8×8 del Lab10 (``digitos_generativos``) y sus dos rangos de píxeles; un **juez** (la
``LeNetTorch`` del Lab10) que puntúa las muestras de cualquier generador (exactitud de las clases
pedidas, confianza media, clases que aparecen) y la **distancia de Fréchet** sobre sus rasgos (un
«FID para dígitos»); y la medida de las estrategias de muestreo de texto con el GPT y el
``pipeline`` del Lab12 (palabras reales frente a repeticiones).

>>> from Lab09_IA_Generativa.codigo import entrenar_juez, frechet_imagenes, puntuar_muestras
"""

from .calidad import (
    distancia_frechet,
    entrenar_juez,
    estadisticos_rasgos,
    formatear_tabla_calidad,
    frechet_imagenes,
    probabilidades_juez,
    puntuar_muestras,
    rasgos_juez,
    tabla_calidad,
)
from .datos import a_simetrico, comprobar_imagenes_digitos, desde_simetrico, digitos_generativos
from .texto import ESTRATEGIAS_TEXTO, comparar_estrategias, medir_texto, palabras_conocidas

__all__ = [
    # datos
    "a_simetrico",
    "comprobar_imagenes_digitos",
    "desde_simetrico",
    "digitos_generativos",
    # calidad
    "distancia_frechet",
    "entrenar_juez",
    "estadisticos_rasgos",
    "formatear_tabla_calidad",
    "frechet_imagenes",
    "probabilidades_juez",
    "puntuar_muestras",
    "rasgos_juez",
    "tabla_calidad",
    # texto
    "ESTRATEGIAS_TEXTO",
    "comparar_estrategias",
    "medir_texto",
    "palabras_conocidas",
]
