"""Las arquitecturas clásicas, escritas en PyTorch y **contadas por código**: LeNet-5, AlexNet,
VGG-16 y ResNet-18, a su tamaño real (entradas 32×32 la primera y 224×224 las demás, 1000 clases).

No se entrenan aquí (ni caben en un portátil sin GPU): se construyen en el dispositivo ``meta`` de
PyTorch, que crea los tensores **sin memoria ni valores**, sólo con su forma. Así se pueden contar
los 138 millones de parámetros de VGG-16 y calcular la forma de la salida de cada red sin reservar
los 553 MB que ocuparían en ``float32``.

Las definiciones siguen los artículos, en las variantes que se usan hoy (las de ``torchvision``,
cuyos recuentos publicados se comprueban en las pruebas):

- **LeNet-5** (LeCun et al., 1998): 32×32 → conv 5×5 (6) → submuestreo → conv 5×5 (16) →
  submuestreo → 120 → 84 → 10, con tanh. (El original tenía conexiones parciales en la segunda
  convolución; aquí, como en casi todas las versiones modernas, todas completas.)
- **AlexNet** (Krizhevsky, Sutskever y Hinton, 2012), en la versión de una sola GPU: filtros 11×11
  con paso 4, ReLU, *max-pooling* solapado y Dropout en las capas densas.
- **VGG-16** (Simonyan y Zisserman, 2014): sólo convoluciones 3×3, en cinco bloques (``bloque_vgg``
  del laboratorio) de 2, 2, 3, 3 y 3 capas.
- **ResNet-18** (He et al., 2016): una convolución 7×7 y ocho bloques residuales básicos
  (``BloqueResidualTorch`` del laboratorio) en cuatro etapas de 64, 128, 256 y 512 canales.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from .modelos_torch import BloqueResidualTorch, bloque_vgg, contar_parametros

__all__ = [
    "ARQUITECTURAS_CLASICAS",
    "alexnet",
    "lenet5",
    "resnet18",
    "resumen_arquitectura",
    "tabla_arquitecturas",
    "vgg16",
]


def lenet5(n_clases: int = 10) -> nn.Sequential:
    """LeNet-5 para imágenes ``(N, 1, 32, 32)``: 61 706 parámetros con 10 clases."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),           # 32 → 28 → 14
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),          # 14 → 10 → 5
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.Tanh(),
        nn.Linear(120, 84), nn.Tanh(),
        nn.Linear(84, n_clases),
    )


def alexnet(n_clases: int = 1000) -> nn.Sequential:
    """AlexNet para ``(N, 3, 224, 224)``: 61 100 840 parámetros con 1000 clases."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),     # 224 → 55 → 27
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),              # 27 → 13
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),             # 13 → 6
        nn.AdaptiveAvgPool2d(6), nn.Flatten(),
        nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
        nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, n_clases),
    )


def vgg16(n_clases: int = 1000) -> nn.Sequential:
    """VGG-16 para ``(N, 3, 224, 224)``: 13 convoluciones 3×3 y 3 densas, 138 357 544 parámetros."""
    bloques = [bloque_vgg(3, 64, 2), bloque_vgg(64, 128, 2), bloque_vgg(128, 256, 3),
               bloque_vgg(256, 512, 3), bloque_vgg(512, 512, 3)]                  # 224 → 7
    return nn.Sequential(
        *bloques, nn.AdaptiveAvgPool2d(7), nn.Flatten(),
        nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, n_clases),
    )


def resnet18(n_clases: int = 1000) -> nn.Sequential:
    """ResNet-18 para ``(N, 3, 224, 224)``: 11 689 512 parámetros con 1000 clases."""
    etapas: list[nn.Module] = []
    canales = 64
    for salida, paso in ((64, 1), (128, 2), (256, 2), (512, 2)):
        etapas += [BloqueResidualTorch(canales, salida, paso), BloqueResidualTorch(salida, salida)]
        canales = salida
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.MaxPool2d(3, stride=2, padding=1),                                          # 224 → 112 → 56
        *etapas,                                                                       # 56 → 7
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, n_clases),
    )


#: Nombre → (constructor, forma de la entrada, año, qué aportó).
ARQUITECTURAS_CLASICAS: dict[str, tuple[Callable[[], nn.Module], tuple[int, ...], int, str]] = {
    "LeNet-5": (lenet5, (1, 1, 32, 32), 1998, "convolución + submuestreo, entrenada con retropropagación"),
    "AlexNet": (alexnet, (1, 3, 224, 224), 2012, "ReLU, Dropout y GPU: gana ImageNet por mucho"),
    "VGG-16": (vgg16, (1, 3, 224, 224), 2014, "sólo núcleos 3×3, apilados en bloques"),
    "ResNet-18": (resnet18, (1, 3, 224, 224), 2016, "atajos residuales: redes muy profundas"),
}


def resumen_arquitectura(nombre: str, pasar_entrada: bool = False) -> dict[str, object]:
    """Construye ``nombre`` en el dispositivo ``meta`` (sin memoria) y devuelve ``{"parametros",
    "capas_con_pesos", "entrada", "salida", "anio", "idea"}``; la forma de salida sale de pasar
    por la red un tensor ``meta`` con la forma de la entrada (``pasar_entrada=True``; la primera vez
    tarda unos segundos en preparar PyTorch; si no, ``"salida"`` es ``None``). ``capas_con_pesos``:
    convoluciones y densas del camino principal (las 8 de AlexNet, 16 de VGG-16, 18 de ResNet-18)."""
    if nombre not in ARQUITECTURAS_CLASICAS:
        raise ValueError(f"arquitectura desconocida {nombre!r}; se esperaba una de "
                         f"{', '.join(ARQUITECTURAS_CLASICAS)}")
    constructor, entrada, anio, idea = ARQUITECTURAS_CLASICAS[nombre]
    with torch.device("meta"):
        red = constructor()
        salida = tuple(red.eval()(torch.empty(entrada)).shape) if pasar_entrada else None
    # las capas que da nombre a la red: convoluciones y densas del camino principal (sin las
    # proyecciones 1×1 de los atajos de ResNet)
    con_pesos = sum(isinstance(m, nn.Conv2d | nn.Linear) and "atajo" not in n for n, m in red.named_modules())
    return {"parametros": contar_parametros(red), "capas_con_pesos": con_pesos, "entrada": entrada,
            "salida": salida, "anio": anio, "idea": idea}


def tabla_arquitecturas() -> str:
    """Tabla en texto: año, entrada, capas con pesos (convoluciones y densas del camino principal:
    el número del nombre de VGG-16 y ResNet-18) y parámetros."""
    lineas = [f"{'red':<10}{'año':>5}  {'entrada':<14}{'capas con pesos':>16}{'parámetros':>14}  idea"]
    for nombre in ARQUITECTURAS_CLASICAS:
        r = resumen_arquitectura(nombre)
        entrada = "×".join(str(d) for d in r["entrada"][1:])
        parametros = f"{r['parametros']:,}".replace(",", " ")
        lineas.append(f"{nombre:<10}{r['anio']:>5}  {entrada:<14}{r['capas_con_pesos']:>16}"
                      f"{parametros:>14}  {r['idea']}")
    return "\n".join(lineas)
