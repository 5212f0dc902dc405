"""Lab10 · Redes convolucionales.

En NumPy, entrenables con el ``entrenar`` del Lab06: ``Conv2D`` (con bucles y con im2col), pooling,
``BatchNorm2d``, ``Aplanar``, el bloque residual y una LeNet. En PyTorch (en el dispositivo que elige
``seleccionar_dispositivo`` del Lab08): LeNet, bloques VGG, una ResNet pequeña, aumento de datos con
operaciones de tensores y aprendizaje por transferencia. En Keras: la misma CNN, con los canales al final.

>>> from Lab10_Redes_Neuronales_Convolucionales.codigo import Conv2D, MaxPool2D, construir_lenet
"""

from .arquitecturas import (
    ARQUITECTURAS_CLASICAS,
    alexnet,
    lenet5,
    resnet18,
    resumen_arquitectura,
    tabla_arquitecturas,
    vgg16,
)
from .aumento import Aumento, desplazar, girar, rotar, ruido, trasladar
from .convolucion import METODOS_CONVOLUCION, Conv2D, convolucion2d, correlacion2d
from .datos import POSICIONES, cargar_digitos_imagenes, digitos_en_lienzo, foto_en_grises
from .experimentos import (
    entrenar_y_medir,
    experimento_desplazamiento,
    preparar_transferencia,
    tabla_desplazamiento,
    transferencia,
)
from .forma import Aplanar
from .im2col import col2im, im2col, tamano_salida
from .keras_cnn import a_canales_primero, a_canales_ultimo, construir_cnn_keras
from .modelos import construir_lenet
from .modelos_torch import (
    BloqueResidualTorch,
    CNNGlobal,
    LeNetTorch,
    MLPImagenes,
    ResNetPequena,
    VGGPequena,
    bloque_vgg,
    contar_parametros,
)
from .normalizacion2d import BatchNorm2d
from .pooling import AvgPool2D, MaxPool2D, PromedioGlobal
from .residual import BloqueResidualConv

__all__ = [
    # NumPy
    "METODOS_CONVOLUCION",
    "Aplanar",
    "AvgPool2D",
    "BatchNorm2d",
    "BloqueResidualConv",
    "Conv2D",
    "MaxPool2D",
    "PromedioGlobal",
    "col2im",
    "construir_lenet",
    "convolucion2d",
    "correlacion2d",
    "im2col",
    "tamano_salida",
    # datos
    "POSICIONES",
    "cargar_digitos_imagenes",
    "digitos_en_lienzo",
    "foto_en_grises",
    # PyTorch
    "ARQUITECTURAS_CLASICAS",
    "Aumento",
    "BloqueResidualTorch",
    "CNNGlobal",
    "LeNetTorch",
    "MLPImagenes",
    "ResNetPequena",
    "VGGPequena",
    "alexnet",
    "bloque_vgg",
    "contar_parametros",
    "desplazar",
    "entrenar_y_medir",
    "experimento_desplazamiento",
    "girar",
    "lenet5",
    "preparar_transferencia",
    "resnet18",
    "resumen_arquitectura",
    "rotar",
    "ruido",
    "tabla_arquitecturas",
    "tabla_desplazamiento",
    "transferencia",
    "trasladar",
    "vgg16",
    # Keras
    "a_canales_primero",
    "a_canales_ultimo",
    "construir_cnn_keras",
]
