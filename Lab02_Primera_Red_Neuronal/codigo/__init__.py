"""Lab02 · La primera red neuronal: capas, contenedor, inicialización y datos.

>>> from Lab02_Primera_Red_Neuronal.codigo import CapaDensa, Secuencial
"""

from .capa import Capa, Parametro
from .capa_densa import CapaDensa
from .datos import generar_circulos, generar_espirales, generar_lunas, generar_xor
from .diagnostico import activaciones_por_capa, graficar_histogramas, raiz_segundo_momento, red_profunda
from .ejercicios import (
    comprobar_forma_salida,
    comprobar_inicializacion_he,
    comprobar_num_parametros,
    comprobar_red_xnor,
)
from .inicializacion import METODOS_INICIALIZACION, crear_generador, inicializar_pesos
from .red_xor import red_xor_manual
from .secuencial import Activacion, Secuencial

__all__ = [
    "METODOS_INICIALIZACION",
    "Activacion",
    "Capa",
    "CapaDensa",
    "Parametro",
    "Secuencial",
    "activaciones_por_capa",
    "comprobar_forma_salida",
    "comprobar_inicializacion_he",
    "comprobar_num_parametros",
    "comprobar_red_xnor",
    "crear_generador",
    "generar_circulos",
    "generar_espirales",
    "generar_lunas",
    "generar_xor",
    "graficar_histogramas",
    "inicializar_pesos",
    "raiz_segundo_momento",
    "red_profunda",
    "red_xor_manual",
]
