"""Aumento de datos con operaciones de tensores: desplazar, girar y añadir ruido.

Aumentar es enseñar a la red, con ejemplos nuevos en cada época, que un dígito movido unos
píxeles, algo girado o con ruido **sigue siendo el mismo dígito**. Todo actúa sobre lotes
``(N, C, H, W)`` en cualquier dispositivo (CPU o GPU) y cada ejemplo recibe su propio cambio.

- ``trasladar(x, dy, dx)``: mueve cada imagen ``dy`` filas hacia abajo y ``dx`` columnas a la
  derecha, rellenando con ceros; ``desplazar`` lo hace con ``dy, dx`` enteros al azar.
- ``girar(x, grados)``: gira cada imagen alrededor de su centro (``F.affine_grid`` +
  ``F.grid_sample``, interpolación bilineal); ``rotar`` lo hace con ángulos al azar.
- ``ruido(x, sigma)``: suma ruido normal de desviación ``sigma``.
- ``Aumento``: los tres juntos como una capa (``nn.Module``) que se pone delante del modelo y
  sólo actúa en modo entrenamiento (``modelo.train()``); en ``eval()`` deja pasar la imagen.

Los números al azar salen de un ``torch.Generator`` (reproducible con su semilla) y se generan
en el dispositivo del generador (la CPU si no se da): así el mismo generador da los mismos
cambios aunque el lote esté en la GPU.
"""

from __future__ import annotations

import math
import numbers

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["trasladar", "desplazar", "girar", "rotar", "ruido", "Aumento"]


def _comprobar_lote(x: object) -> None:
    if not isinstance(x, torch.Tensor) or x.ndim != 4 or not x.is_floating_point():
        forma = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(f"se esperaba un tensor real x de forma (N, C, H, W), se recibió {forma}")


def _no_negativo(valor: object, nombre: str) -> float:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not valor >= 0:
        raise ValueError(f"{nombre} debe ser un número ≥ 0, se recibió {valor!r}")
    return float(valor)


def _por_ejemplo(
    valor: int | float | torch.Tensor, n: int, nombre: str, dispositivo: torch.device
) -> torch.Tensor:
    """Un número para todos o un tensor ``(N,)`` → tensor ``(N,)`` en ``dispositivo``."""
    tensor = torch.as_tensor(valor, device=dispositivo)
    if tensor.ndim == 0:
        tensor = tensor.expand(n)
    if tensor.shape != (n,):
        raise ValueError(
            f"{nombre} debe ser un número o un tensor ({n},), se recibió forma {tuple(tensor.shape)}"
        )
    return tensor


def _dispositivo_generador(generador: torch.Generator | None) -> torch.device:
    return generador.device if generador is not None else torch.device("cpu")


def trasladar(x: torch.Tensor, dy: int | torch.Tensor, dx: int | torch.Tensor) -> torch.Tensor:
    """Mueve cada imagen ``(N, C, H, W)`` ``dy`` filas abajo y ``dx`` columnas a la derecha.

    ``dy``, ``dx``: enteros (iguales para todas) o tensores enteros ``(N,)``; negativos, hacia
    arriba / la izquierda. Lo que sale del borde se pierde y lo que entra es cero:
    ``salida[i, :, f, c] = x[i, :, f − dy, c − dx]`` (o 0 si cae fuera). Misma forma que ``x``.
    """
    _comprobar_lote(x)
    N, C, H, W = x.shape
    dy, dx = (_por_ejemplo(d, N, nombre, x.device).long() for d, nombre in ((dy, "dy"), (dx, "dx")))
    m = int(max(dy.abs().max(), dx.abs().max())) if N else 0
    relleno = F.pad(x, (m, m, m, m))  # ceros alrededor: (N, C, H + 2m, W + 2m)
    filas = (m - dy)[:, None] + torch.arange(H, device=x.device)  # (N, H): fila de origen
    columnas = (m - dx)[:, None] + torch.arange(W, device=x.device)  # (N, W)
    n = torch.arange(N, device=x.device)[:, None, None]
    # Índices avanzados separados por «:» → sus ejes van delante: (N, H, W, C) → (N, C, H, W).
    return relleno[n, :, filas[:, :, None], columnas[:, None, :]].permute(0, 3, 1, 2)


def desplazar(
    x: torch.Tensor,
    max_pixeles: int,
    generador: torch.Generator | None = None,
    devolver_desplazamientos: bool = False,
) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
    """Desplaza cada imagen ``(N, C, H, W)`` un número entero de píxeles al azar, entre
    ``−max_pixeles`` y ``max_pixeles`` en cada eje, rellenando con ceros (``trasladar``).

    Con ``devolver_desplazamientos=True`` devuelve también los ``(N, 2)`` ``(dy, dx)`` usados.
    """
    _comprobar_lote(x)
    if isinstance(max_pixeles, bool) or not isinstance(max_pixeles, numbers.Integral) or max_pixeles < 0:
        raise ValueError(f"max_pixeles debe ser un entero ≥ 0, se recibió {max_pixeles!r}")
    m = int(max_pixeles)
    pares = torch.randint(
        -m, m + 1, (x.shape[0], 2), generator=generador, device=_dispositivo_generador(generador)
    ).to(x.device)
    salida = trasladar(x, pares[:, 0], pares[:, 1])
    return (salida, pares) if devolver_desplazamientos else salida


def girar(x: torch.Tensor, grados: float | torch.Tensor) -> torch.Tensor:
    """Gira cada imagen ``(N, C, H, W)`` ``grados`` (número o tensor ``(N,)``) alrededor de su
    centro, en sentido **antihorario** tal como se ve la imagen (fila 0 arriba).

    Cada píxel de salida busca de dónde viene (la rotación inversa) con ``F.affine_grid`` y
    toma ese valor interpolando entre los cuatro vecinos (``F.grid_sample`` bilineal); lo que
    viene de fuera de la imagen es cero. Con 0 grados la imagen no cambia.
    """
    _comprobar_lote(x)
    N, C, H, W = x.shape
    radianes = _por_ejemplo(grados, N, "grados", x.device).to(x.dtype) * (math.pi / 180)
    c, s = torch.cos(radianes), torch.sin(radianes)
    # Coordenadas normalizadas a [−1, 1] en cada eje: para imágenes no cuadradas, H/W y W/H
    # deshacen la normalización y el giro es un giro de verdad (no estira la imagen).
    theta = torch.zeros(N, 2, 3, dtype=x.dtype, device=x.device)
    theta[:, 0, 0], theta[:, 0, 1] = c, -s * (H / W)
    theta[:, 1, 0], theta[:, 1, 1] = s * (W / H), c
    malla = F.affine_grid(theta, [N, C, H, W], align_corners=False)
    return F.grid_sample(x, malla, mode="bilinear", padding_mode="zeros", align_corners=False)


def rotar(
    x: torch.Tensor,
    max_grados: float,
    generador: torch.Generator | None = None,
    devolver_angulos: bool = False,
) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
    """Gira cada imagen ``(N, C, H, W)`` un ángulo al azar uniforme en ``[−max_grados, max_grados]``
    (``girar``). Con ``devolver_angulos=True`` devuelve también los ``(N,)`` ángulos en grados."""
    _comprobar_lote(x)
    max_grados = _no_negativo(max_grados, "max_grados")
    u = torch.rand(x.shape[0], generator=generador, device=_dispositivo_generador(generador))
    angulos = ((2 * u - 1) * max_grados).to(device=x.device, dtype=x.dtype)
    salida = girar(x, angulos)
    return (salida, angulos) if devolver_angulos else salida


def ruido(x: torch.Tensor, sigma: float, generador: torch.Generator | None = None) -> torch.Tensor:
    """``x + sigma·ε`` con ``ε`` normal estándar de la forma de ``x`` ``(N, C, H, W)``.
    Con ``sigma = 0`` devuelve ``x`` sin cambios."""
    _comprobar_lote(x)
    sigma = _no_negativo(sigma, "sigma")
    if sigma == 0:
        return x
    epsilon = torch.randn(x.shape, generator=generador, device=_dispositivo_generador(generador))
    return x + sigma * epsilon.to(device=x.device, dtype=x.dtype)


class Aumento(nn.Module):
    """Capa de aumento: gira (``max_grados``), desplaza (``max_pixeles``) y añade ruido (``sigma``)
    a cada lote ``(N, C, H, W)``, en ese orden; un valor 0 desactiva esa parte.

    Sólo actúa en modo entrenamiento: ``nn.Sequential(Aumento(max_pixeles=4), modelo)`` se
    entrena con ``entrenar_torch`` del Lab08 (cada época ve versiones nuevas de las imágenes) y
    se evalúa sin aumento (``evaluar_torch`` pone ``eval()``). No tiene parámetros. Su
    ``torch.Generator`` (CPU) empieza en ``semilla``: la misma semilla da los mismos cambios.
    """

    def __init__(
        self, max_pixeles: int = 0, max_grados: float = 0.0, sigma: float = 0.0, semilla: int = 0
    ) -> None:
        super().__init__()
        if isinstance(max_pixeles, bool) or not isinstance(max_pixeles, numbers.Integral) or max_pixeles < 0:
            raise ValueError(f"max_pixeles debe ser un entero ≥ 0, se recibió {max_pixeles!r}")
        self.max_pixeles = int(max_pixeles)
        self.max_grados = _no_negativo(max_grados, "max_grados")
        self.sigma = _no_negativo(sigma, "sigma")
        self.generador = torch.Generator().manual_seed(int(semilla))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, C, H, W)`` → misma forma (sin cambios en modo ``eval()``)."""
        _comprobar_lote(x)
        if not self.training:
            return x
        if self.max_grados > 0:
            x = rotar(x, self.max_grados, self.generador)
        if self.max_pixeles > 0:
            x = desplazar(x, self.max_pixeles, self.generador)
        return ruido(x, self.sigma, self.generador)

    def extra_repr(self) -> str:
        return f"max_pixeles={self.max_pixeles}, max_grados={self.max_grados}, sigma={self.sigma}"
