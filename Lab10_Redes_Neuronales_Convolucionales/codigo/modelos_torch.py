"""Redes convolucionales en PyTorch: LeNet, VGG y ResNet en pequeño, y un MLP para comparar.

Todas reciben imágenes ``(N, C, H, W)`` (el orden de PyTorch: canales primero) y devuelven
logits ``(N, n_clases)``. Antes de la capa final hay un **agrupamiento adaptativo**
(``nn.AdaptiveAvgPool2d``): deja los mapas en un tamaño fijo sea cual sea ``H × W``, así que la
misma red sirve para los dígitos 8×8 y para los lienzos 16×16.

- ``LeNetTorch``: la ``construir_lenet`` del curso (NumPy) en PyTorch: dos ``Conv2d`` 3×3 +
  ReLU + ``MaxPool2d(2)``; ``rasgos(x)`` da el vector de rasgos y ``cabeza`` lo clasifica.
- ``CNNGlobal``: dos convoluciones sin submuestreo y el máximo global: casi invariante a
  desplazamientos (la CNN del experimento de desplazamiento).
- ``bloque_vgg`` y ``VGGPequena``: varias convoluciones 3×3 seguidas y después un ``MaxPool``.
- ``BloqueResidualTorch`` y ``ResNetPequena``: ``salida = ReLU(F(x) + atajo(x))``.
- ``MLPImagenes``: aplana la imagen y usa el ``MLPTorch`` del Lab08 (ignora la geometría).

Los pesos iniciales dependen sólo de ``semilla``: se crean con el generador de PyTorch dentro
de ``torch.random.fork_rng``, que lo deja después como estaba (no se toca la semilla global).
Crear la red en la CPU y llevarla luego al dispositivo con ``mover`` del Lab08.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo
from Lab08_Frameworks_DeepLearning.codigo import MLPTorch, contar_parametros

__all__ = [
    "LeNetTorch",
    "CNNGlobal",
    "bloque_vgg",
    "VGGPequena",
    "BloqueResidualTorch",
    "ResNetPequena",
    "MLPImagenes",
    "contar_parametros",
]


@contextlib.contextmanager
def _semilla_local(semilla: int | None) -> Iterator[None]:
    """Dentro del bloque, el generador de la CPU de PyTorch empieza en ``semilla``; al salir,
    vuelve al estado que tenía. ``semilla=None``: no se fija nada."""
    if semilla is None:
        yield
        return
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(semilla))
        yield


def _comprobar_imagenes(x: torch.Tensor, canales: int, minimo: int = 1) -> None:
    if x.ndim != 4 or x.shape[1] != canales:
        raise ValueError(f"se esperaba x de forma (N, {canales}, H, W), se recibió {tuple(x.shape)}")
    if min(x.shape[2], x.shape[3]) < minimo:
        raise ValueError(
            f"las imágenes deben medir al menos {minimo}×{minimo}, se recibieron {x.shape[2]}×{x.shape[3]}"
        )


class LeNetTorch(nn.Module):
    """LeNet para imágenes ``(N, canales, H, W)`` con ``H, W ≥ 4`` → logits ``(N, n_clases)``.

    ::

        Conv2d(canales→c1, 3×3, relleno 1) → ReLU → MaxPool2d(2)   (N, c1, H/2, W/2)
        Conv2d(c1→c2, 3×3, relleno 1) → ReLU → MaxPool2d(2)        (N, c2, H/4, W/4)
        AdaptiveAvgPool2d(agrupado) → Flatten                      (N, c2·agrupado²) = rasgos
        Linear(c2·agrupado² → n_clases)                            (N, n_clases) = cabeza

    Con 8×8 y ``agrupado=2`` es la ``construir_lenet`` del curso (el agrupamiento de 2×2 a 2×2 no
    hace nada). ``agrupado=1`` es el **promedio global**: la red ya no sabe *dónde* estaba cada
    rasgo, sólo si estaba, y tolera mejor que el dígito se mueva.
    Parámetros: ``(9·canales + 1)·c1 + (9·c1 + 1)·c2 + (c2·agrupado² + 1)·n_clases``.
    """

    def __init__(
        self,
        n_clases: int = 10,
        canales: int = 1,
        filtros: tuple[int, int] = (16, 32),
        agrupado: int = 2,
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.n_clases = entero_positivo(n_clases, "n_clases")
        self.canales = entero_positivo(canales, "canales")
        if not isinstance(filtros, (tuple, list)) or len(filtros) != 2:
            raise ValueError(
                f"filtros debe ser una pareja (c1, c2) de enteros positivos, se recibió {filtros!r}"
            )
        c1, c2 = (entero_positivo(c, "filtros") for c in filtros)
        agrupado = entero_positivo(agrupado, "agrupado")
        self.n_rasgos = c2 * agrupado**2
        with _semilla_local(semilla):
            self.rasgos = nn.Sequential(
                nn.Conv2d(self.canales, c1, 3, padding=1),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Conv2d(c1, c2, 3, padding=1),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.AdaptiveAvgPool2d(agrupado),
                nn.Flatten(),
            )
            self.cabeza = nn.Linear(self.n_rasgos, self.n_clases)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, canales, H, W)`` → logits ``(N, n_clases)``."""
        _comprobar_imagenes(x, self.canales, minimo=4)
        return self.cabeza(self.rasgos(x))


class CNNGlobal(nn.Module):
    """CNN **sin submuestreo** con máximo global: ``(N, canales, H, W)`` → logits ``(N, n_clases)``.

    ::

        Conv2d(canales→c1, 3×3, relleno 1) → ReLU     (N, c1, H, W)
        Conv2d(c1→c2, 3×3, relleno 1) → ReLU          (N, c2, H, W)
        AdaptiveMaxPool2d(1) → Flatten                (N, c2) = rasgos: ¿está el rasgo en algún sitio?
        Linear(c2 → n_clases)                         (N, n_clases) = cabeza

    Una convolución es **equivariante**: si la imagen se mueve, sus mapas se mueven igual. El
    máximo global no mira *dónde* está cada máximo, así que la red entera es casi **invariante**
    a desplazamientos. Un ``MaxPool2d(2)`` intermedio (como en ``LeNetTorch``) rompe en parte esa
    equivarianza: un desplazamiento de un píxel cambia qué píxeles se agrupan juntos.
    Parámetros: ``(9·canales + 1)·c1 + (9·c1 + 1)·c2 + (c2 + 1)·n_clases`` (5130 con los valores por defecto).
    """

    def __init__(
        self,
        n_clases: int = 10,
        canales: int = 1,
        filtros: tuple[int, int] = (16, 32),
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.canales = entero_positivo(canales, "canales")
        if not isinstance(filtros, (tuple, list)) or len(filtros) != 2:
            raise ValueError(
                f"filtros debe ser una pareja (c1, c2) de enteros positivos, se recibió {filtros!r}"
            )
        c1, c2 = (entero_positivo(c, "filtros") for c in filtros)
        self.n_rasgos = c2
        with _semilla_local(semilla):
            self.rasgos = nn.Sequential(
                nn.Conv2d(self.canales, c1, 3, padding=1),
                nn.ReLU(),
                nn.Conv2d(c1, c2, 3, padding=1),
                nn.ReLU(),
                nn.AdaptiveMaxPool2d(1),
                nn.Flatten(),
            )
            self.cabeza = nn.Linear(c2, entero_positivo(n_clases, "n_clases"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, canales, H, W)`` → logits ``(N, n_clases)``."""
        _comprobar_imagenes(x, self.canales)
        return self.cabeza(self.rasgos(x))


def bloque_vgg(c_in: int, c_out: int, n_convs: int) -> nn.Sequential:
    """Bloque VGG: ``n_convs`` veces ``Conv2d(3×3, relleno 1) + ReLU`` y un ``MaxPool2d(2)``.

    ``(N, c_in, H, W)`` → ``(N, c_out, H/2, W/2)``. Dos 3×3 seguidas ven lo mismo que una 5×5
    (campo receptivo 5×5) con menos parámetros (``2·9·c²`` frente a ``25·c²``) y una ReLU más.
    """
    c_in, c_out = entero_positivo(c_in, "c_in"), entero_positivo(c_out, "c_out")
    n_convs = entero_positivo(n_convs, "n_convs")
    capas: list[nn.Module] = []
    for i in range(n_convs):
        capas += [nn.Conv2d(c_in if i == 0 else c_out, c_out, 3, padding=1), nn.ReLU()]
    capas.append(nn.MaxPool2d(2))
    return nn.Sequential(*capas)


class VGGPequena(nn.Module):
    """VGG pequeña: bloques ``bloque_vgg`` → promedio global → ``Linear`` → logits ``(N, n_clases)``.

    ``configuracion``: una pareja ``(c_out, n_convs)`` por bloque; cada bloque divide ``H`` y ``W``
    por 2, así que con ``k`` bloques las imágenes deben medir al menos ``2^k`` (8×8 con dos).
    """

    def __init__(
        self,
        n_clases: int = 10,
        canales: int = 1,
        configuracion: Sequence[tuple[int, int]] = ((16, 2), (32, 2)),
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.canales = entero_positivo(canales, "canales")
        configuracion = [tuple(par) for par in configuracion]
        if not configuracion or any(len(par) != 2 for par in configuracion):
            raise ValueError(
                f"configuracion debe ser una lista de parejas (c_out, n_convs), se recibió {configuracion!r}"
            )
        self.reduccion = 2 ** len(configuracion)
        with _semilla_local(semilla):
            bloques, c_in = [], self.canales
            for c_out, n_convs in configuracion:
                bloques.append(bloque_vgg(c_in, c_out, n_convs))
                c_in = c_out
            self.rasgos = nn.Sequential(*bloques, nn.AdaptiveAvgPool2d(1), nn.Flatten())
            self.cabeza = nn.Linear(c_in, entero_positivo(n_clases, "n_clases"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, canales, H, W)`` con ``H, W ≥ 2^bloques`` → logits ``(N, n_clases)``."""
        _comprobar_imagenes(x, self.canales, minimo=self.reduccion)
        return self.cabeza(self.rasgos(x))


class BloqueResidualTorch(nn.Module):
    """Bloque residual básico (He et al., 2016): ``ReLU(F(x) + atajo(x))``.

    ``F``: ``Conv2d(3×3, paso) → BatchNorm2d → ReLU → Conv2d(3×3) → BatchNorm2d``.
    ``(N, c_in, H, W)`` → ``(N, c_out, ⌈H/paso⌉, ⌈W/paso⌉)``.

    El atajo es la identidad cuando la forma no cambia. Si cambia (``c_out ≠ c_in`` o
    ``paso > 1``) hace falta una **proyección** ``Conv2d(1×1, paso) → BatchNorm2d`` para poder
    sumar; ``proyeccion=True`` la pone también sin necesidad y ``None`` (por defecto) la pone sólo
    cuando hace falta. ``semilla``: pesos iniciales (``None``: los del generador de PyTorch tal como esté).
    """

    def __init__(
        self, c_in: int, c_out: int, paso: int = 1, proyeccion: bool | None = None, semilla: int | None = None
    ) -> None:
        super().__init__()
        self.c_in, self.c_out = entero_positivo(c_in, "c_in"), entero_positivo(c_out, "c_out")
        paso = entero_positivo(paso, "paso")
        necesaria = self.c_in != self.c_out or paso != 1
        if proyeccion is False and necesaria:
            raise ValueError(
                f"sin proyección el atajo no puede pasar de {self.c_in} a {self.c_out} canales con paso "
                f"{paso}: usa proyeccion=True o None"
            )
        with _semilla_local(semilla):
            self.conv1 = nn.Conv2d(self.c_in, self.c_out, 3, stride=paso, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(self.c_out)
            self.conv2 = nn.Conv2d(self.c_out, self.c_out, 3, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(self.c_out)
            self.relu = nn.ReLU()
            if proyeccion or (proyeccion is None and necesaria):
                self.atajo: nn.Module = nn.Sequential(
                    nn.Conv2d(self.c_in, self.c_out, 1, stride=paso, bias=False), nn.BatchNorm2d(self.c_out)
                )
            else:
                self.atajo = nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, c_in, H, W)`` → ``(N, c_out, ⌈H/paso⌉, ⌈W/paso⌉)``."""
        _comprobar_imagenes(x, self.c_in)
        F = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        return self.relu(F + self.atajo(x))


class ResNetPequena(nn.Module):
    """ResNet pequeña: ``Conv2d 3×3 → BatchNorm2d → ReLU`` (entrada), un ``BloqueResidualTorch`` por
    anchura de ``anchos`` (el primero con paso 1, los demás con paso 2 y proyección), promedio
    global y ``Linear`` → logits ``(N, n_clases)``. ``(N, canales, H, W)`` con cualquier ``H, W``.
    """

    def __init__(
        self,
        n_clases: int = 10,
        canales: int = 1,
        anchos: Sequence[int] = (16, 32, 64),
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        self.canales = entero_positivo(canales, "canales")
        anchos = [entero_positivo(a, "anchos") for a in anchos]
        if not anchos:
            raise ValueError("anchos debe tener al menos una anchura")
        with _semilla_local(semilla):
            entrada = nn.Sequential(
                nn.Conv2d(self.canales, anchos[0], 3, padding=1, bias=False),
                nn.BatchNorm2d(anchos[0]),
                nn.ReLU(),
            )
            bloques = [
                BloqueResidualTorch(anchos[max(i - 1, 0)], a, paso=1 if i == 0 else 2)
                for i, a in enumerate(anchos)
            ]
            self.rasgos = nn.Sequential(entrada, *bloques, nn.AdaptiveAvgPool2d(1), nn.Flatten())
            self.cabeza = nn.Linear(anchos[-1], entero_positivo(n_clases, "n_clases"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, canales, H, W)`` → logits ``(N, n_clases)``."""
        _comprobar_imagenes(x, self.canales)
        return self.cabeza(self.rasgos(x))


class MLPImagenes(nn.Module):
    """Aplana ``(N, C, H, W)`` en ``(N, C·H·W)`` y aplica ``MLPTorch([C·H·W, *ocultas, n_clases])``.

    Cada píxel tiene su propio peso: lo que aprende en una posición no sirve en otra (no
    comparte pesos como una convolución). ``forma_entrada = (C, H, W)`` fija el tamaño.
    """

    def __init__(
        self,
        forma_entrada: tuple[int, int, int] = (1, 8, 8),
        ocultas: Sequence[int] = (64,),
        n_clases: int = 10,
        semilla: int | None = 0,
    ) -> None:
        super().__init__()
        if len(tuple(forma_entrada)) != 3:
            raise ValueError(f"forma_entrada debe ser (C, H, W), se recibió {forma_entrada!r}")
        self.forma_entrada = tuple(entero_positivo(d, "forma_entrada") for d in forma_entrada)
        C, H, W = self.forma_entrada
        self.aplanar = nn.Flatten()
        self.mlp = MLPTorch([C * H * W, *ocultas, n_clases], semilla=semilla)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, C, H, W)`` con ``(C, H, W) = forma_entrada`` → logits ``(N, n_clases)``."""
        if x.ndim != 4 or tuple(x.shape[1:]) != self.forma_entrada:
            C, H, W = self.forma_entrada
            raise ValueError(f"se esperaba x de forma (N, {C}, {H}, {W}), se recibió {tuple(x.shape)}")
        return self.mlp(self.aplanar(x))
