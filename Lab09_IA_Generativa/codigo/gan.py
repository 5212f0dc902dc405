"""Redes generativas antagónicas (GAN): dos redes que compiten.

- El **generador** ``G`` convierte ruido ``z ~ N(0, I)`` en una muestra falsa ``G(z)``.
- El **discriminador** ``D`` recibe una muestra y da un *logit*: ``D(x) = σ(logit)`` es su
  probabilidad de que ``x`` sea real.

Se entrenan por turnos (Goodfellow et al., 2014). Paso de ``D``: aprende a decir 1 a las reales y 0
a las falsas (entropía cruzada binaria); las falsas entran con ``.detach()``, así ese paso no toca
``G``. Paso de ``G``: aprende a engañar a ``D``. El juego original minimiza ``log(1 − D(G(z)))``
(``saturante=True``), pero al principio ``D`` rechaza las falsas sin dudar, ``D(G(z)) ≈ 0``, y esa
pérdida casi no tiene gradiente; la versión **no saturante** ``−log D(G(z))`` (la de todo el mundo)
tiene el mismo punto fijo y gradiente grande justo ahí.

Para los dígitos 8×8 se usa una DCGAN pequeña (Radford et al., 2016): convoluciones traspuestas
con ``BatchNorm`` en ``G``, convoluciones con paso 2 y ``LeakyReLU(0.2)`` en ``D``, Adam con
``β₁ = 0.5``. Por dentro trabaja en ``[-1, 1]`` (la ``tanh`` final); ``muestrear_gan`` devuelve
``[0, 1]`` como todos los generadores del lab. El bucle ``entrenar_gan`` sirve también para datos
genéricos ``(N, F)``, como el anillo de gaussianas de ``colapso_modos.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab10_Redes_Neuronales_Convolucionales.codigo.modelos_torch import _semilla_local

from .datos import a_simetrico, comprobar_imagenes_digitos, desde_simetrico

__all__ = [
    "perdida_discriminador",
    "perdida_generador",
    "GeneradorDCGAN",
    "DiscriminadorDCGAN",
    "paso_discriminador",
    "paso_generador",
    "entrenar_gan",
    "muestrear_gan",
]


def _comprobar_logits(logits: object, nombre: str) -> torch.Tensor:
    if not isinstance(logits, torch.Tensor):
        raise TypeError(f"se esperaba {nombre} como torch.Tensor, se recibió {type(logits).__name__}")
    if logits.ndim != 1 or logits.shape[0] == 0:
        raise ValueError(f"se esperaba {nombre} de forma (N,) con N ≥ 1, se recibió {tuple(logits.shape)}")
    return logits


def perdida_discriminador(logits_reales: torch.Tensor, logits_falsos: torch.Tensor) -> torch.Tensor:
    """Entropía cruzada binaria de ``D`` con logits ``(N,)`` y ``(M,)`` → escalar.

    ``media(−log σ(l_real)) + media(−log(1 − σ(l_falso)))``: reales → 1, falsas → 0. Se calcula
    con ``softplus`` (``−log σ(l) = softplus(−l)``), estable para logits de ±1000.
    """
    reales = _comprobar_logits(logits_reales, "logits_reales")
    falsos = _comprobar_logits(logits_falsos, "logits_falsos")
    return F.softplus(-reales).mean() + F.softplus(falsos).mean()


def perdida_generador(logits_falsos: torch.Tensor, saturante: bool = False) -> torch.Tensor:
    """Pérdida de ``G`` con los logits ``(N,)`` que ``D`` da a las falsas → escalar.

    - ``saturante=False`` (por defecto): ``media(−log D(G(z))) = media(softplus(−l))``.
    - ``saturante=True``: el minimax original, ``media(log(1 − D(G(z)))) = media(−softplus(l))``;
      su gradiente respecto de ``l`` es ``−σ(l)``, casi 0 cuando ``D`` rechaza las falsas.
    """
    falsos = _comprobar_logits(logits_falsos, "logits_falsos")
    return -F.softplus(falsos).mean() if saturante else F.softplus(-falsos).mean()


class GeneradorDCGAN(nn.Module):
    """Generador de dígitos: ``z (N, dim_latente)`` → imágenes ``(N, 1, 8, 8)`` en ``[-1, 1]``.

    ::

        Linear(dim_latente → 2c·2·2) → (N, 2c, 2, 2) → BatchNorm → ReLU
        ConvTranspose2d(2c → c, 4×4, paso 2, relleno 1)  (N, c, 4, 4) → BatchNorm → ReLU
        ConvTranspose2d(c → 1, 4×4, paso 2, relleno 1)   (N, 1, 8, 8) → tanh
    """

    def __init__(self, dim_latente: int = 16, canales: int = 32, semilla: int | None = 0) -> None:
        super().__init__()
        self.dim_latente = entero_positivo(dim_latente, "dim_latente")
        c = entero_positivo(canales, "canales")
        with _semilla_local(semilla):
            self.proyeccion = nn.Linear(self.dim_latente, 2 * c * 2 * 2)
            self.norma0 = nn.BatchNorm2d(2 * c)
            self.subir1 = nn.ConvTranspose2d(2 * c, c, 4, stride=2, padding=1)
            self.norma1 = nn.BatchNorm2d(c)
            self.subir2 = nn.ConvTranspose2d(c, 1, 4, stride=2, padding=1)
        self.canales = c

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """``z (N, dim_latente)`` → ``(N, 1, 8, 8)`` en ``[-1, 1]``."""
        _comprobar_latente(z, self.dim_latente)
        h = self.proyeccion(z).view(-1, 2 * self.canales, 2, 2)
        h = torch.relu(self.norma0(h))
        h = torch.relu(self.norma1(self.subir1(h)))
        return torch.tanh(self.subir2(h))


class DiscriminadorDCGAN(nn.Module):
    """Discriminador de dígitos: imágenes ``(N, 1, 8, 8)`` en ``[-1, 1]`` → logits ``(N,)``.

    ::

        Conv2d(1 → c, 4×4, paso 2, relleno 1)    (N, c, 4, 4)  → LeakyReLU(0.2)
        Conv2d(c → 2c, 4×4, paso 2, relleno 1)   (N, 2c, 2, 2) → LeakyReLU(0.2)
        aplanar → Linear(2c·2·2 → 1) → logit (N,)
    """

    def __init__(self, canales: int = 32, semilla: int | None = 0) -> None:
        super().__init__()
        c = entero_positivo(canales, "canales")
        with _semilla_local(semilla):
            self.bajar1 = nn.Conv2d(1, c, 4, stride=2, padding=1)
            self.bajar2 = nn.Conv2d(c, 2 * c, 4, stride=2, padding=1)
            self.salida = nn.Linear(2 * c * 2 * 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x (N, 1, 8, 8)`` → logits ``(N,)`` (``σ(logit)`` = probabilidad de «real»)."""
        if x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            raise ValueError(f"se esperaba x de forma (N, 1, 8, 8), se recibió {tuple(x.shape)}")
        h = F.leaky_relu(self.bajar1(x), 0.2)
        h = F.leaky_relu(self.bajar2(h), 0.2)
        return self.salida(h.flatten(1)).squeeze(1)


def _comprobar_latente(z: object, dim_latente: int) -> None:
    if not isinstance(z, torch.Tensor):
        raise TypeError(f"se esperaba z como torch.Tensor, se recibió {type(z).__name__}")
    if z.ndim != 2 or z.shape[1] != dim_latente:
        raise ValueError(f"se esperaba z de forma (N, {dim_latente}), se recibió {tuple(z.shape)}")


def _dispositivo_de(modelo: nn.Module) -> torch.device:
    parametro = next(modelo.parameters(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


def paso_discriminador(
    discriminador: nn.Module,
    optimizador_d: torch.optim.Optimizer,
    reales: torch.Tensor,
    falsos: torch.Tensor,
) -> tuple[float, float, float]:
    """Un paso de ``D``: baja ``perdida_discriminador`` con las falsas **separadas** del grafo
    (``falsos.detach()``), así no llega ningún gradiente a ``G``. Devuelve
    ``(pérdida, media σ(D(reales)), media σ(D(falsos)))``."""
    logits_reales = discriminador(reales)
    logits_falsos = discriminador(falsos.detach())
    perdida = perdida_discriminador(logits_reales, logits_falsos)
    optimizador_d.zero_grad()
    perdida.backward()
    optimizador_d.step()
    return (float(perdida.detach()), float(torch.sigmoid(logits_reales.detach()).mean()),
            float(torch.sigmoid(logits_falsos.detach()).mean()))


def paso_generador(
    discriminador: nn.Module,
    optimizador_g: torch.optim.Optimizer,
    falsos: torch.Tensor,
    saturante: bool = False,
) -> float:
    """Un paso de ``G``: baja ``perdida_generador(D(falsos))``; el gradiente atraviesa ``D``
    pero sólo ``optimizador_g`` (los pesos de ``G``) da el paso. Devuelve la pérdida."""
    perdida = perdida_generador(discriminador(falsos), saturante=saturante)
    optimizador_g.zero_grad()
    perdida.backward()
    optimizador_g.step()
    return float(perdida.detach())


def _preparar_datos(X: object) -> torch.Tensor:
    """Imágenes ``(N, 1, 8, 8)`` en ``[0, 1]`` → ``[-1, 1]``; datos ``(N, F)`` tal cual."""
    if isinstance(X, torch.Tensor):
        X = X.detach().to("cpu").numpy()
    arreglo = np.asarray(X, dtype=np.float64)
    if arreglo.ndim == 2:
        if arreglo.shape[0] < 2 or not np.all(np.isfinite(arreglo)):
            raise ValueError(f"se esperaban datos X (N, F) finitos con N ≥ 2, se recibió {arreglo.shape}")
        return torch.as_tensor(arreglo, dtype=torch.float32)
    if arreglo.ndim != 4:
        raise ValueError(f"se esperaban imágenes X (N, 1, 8, 8) en [0, 1] o datos (N, F), "
                         f"se recibió {arreglo.shape}")
    imagenes = comprobar_imagenes_digitos(arreglo, "X")
    return torch.as_tensor(a_simetrico(imagenes), dtype=torch.float32)


def entrenar_gan(
    generador: nn.Module,
    discriminador: nn.Module,
    X: np.ndarray | torch.Tensor,
    epocas: int = 40,
    tasa: float = 2e-4,
    betas: Sequence[float] = (0.5, 0.999),
    tamano_lote: int = 64,
    semilla: int = 0,
    dispositivo: torch.device | str | None = None,
    saturante: bool = False,
) -> dict[str, list[float]]:
    """Entrena la GAN por turnos (un paso de ``D``, luego uno de ``G``, en cada lote).

    - ``X``: imágenes ``(N, 1, 8, 8)`` en ``[0, 1]`` (se pasan a ``[-1, 1]`` con ``a_simetrico``)
      o datos genéricos ``(N, F)`` que se usan tal cual. ``G`` debe tener ``dim_latente``.
    - Cada época baraja ``X`` y recorre lotes de ``tamano_lote`` (el último, incompleto, se deja).
    - Orden de los lotes y ruido ``z``: un ``torch.Generator`` de CPU con ``semilla``.
    - ``dispositivo``: ``None`` → donde esté ``G``; los dos modelos se llevan allí.

    Devuelve listas por época (medias sobre sus lotes): ``"perdida_d"``, ``"perdida_g"``,
    ``"d_real"`` (media de ``σ(D(x))`` en las reales) y ``"d_falso"`` (en las falsas).
    """
    epocas = entero_positivo(epocas, "epocas")
    tasa = numero_real(tasa, "tasa", minimo=0.0, incluir_minimo=False)
    if len(betas) != 2:
        raise ValueError(f"se esperaban betas = (β₁, β₂), se recibió {betas!r}")
    b1, b2 = (numero_real(b, "betas", minimo=0.0, maximo=1.0, incluir_maximo=False) for b in betas)
    dim_latente = getattr(generador, "dim_latente", None)
    if not isinstance(dim_latente, int):
        raise TypeError("se esperaba un generador con el atributo entero dim_latente "
                        f"(p. ej. GeneradorDCGAN), se recibió {type(generador).__name__}")
    datos = _preparar_datos(X)
    n = datos.shape[0]
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if tamano_lote > n:
        raise ValueError(f"tamano_lote debe ser ≤ N = {n} (el número de ejemplos), se recibió {tamano_lote}")
    dispositivo = _dispositivo_de(generador) if dispositivo is None else torch.device(dispositivo)
    generador.to(dispositivo)
    discriminador.to(dispositivo)
    generador.train()
    discriminador.train()
    optimizador_g = torch.optim.Adam(generador.parameters(), lr=tasa, betas=(b1, b2))
    optimizador_d = torch.optim.Adam(discriminador.parameters(), lr=tasa, betas=(b1, b2))
    azar = torch.Generator().manual_seed(int(semilla))
    historial: dict[str, list[float]] = {"perdida_d": [], "perdida_g": [], "d_real": [], "d_falso": []}
    for _ in range(epocas):
        orden = torch.randperm(n, generator=azar)
        sumas = np.zeros(4)
        lotes = n // tamano_lote
        for k in range(lotes):
            reales = datos[orden[k * tamano_lote:(k + 1) * tamano_lote]].to(dispositivo)
            z = torch.randn(tamano_lote, dim_latente, generator=azar).to(dispositivo)
            falsos = generador(z)
            if falsos.shape[1:] != reales.shape[1:]:
                raise ValueError(f"el generador da muestras de forma {tuple(falsos.shape[1:])} y los "
                                 f"datos son de forma {tuple(reales.shape[1:])}")
            perdida_d, d_real, d_falso = paso_discriminador(discriminador, optimizador_d, reales, falsos)
            perdida_g = paso_generador(discriminador, optimizador_g, falsos, saturante)
            sumas += (perdida_d, perdida_g, d_real, d_falso)
        for clave, valor in zip(historial, sumas / lotes):
            historial[clave].append(float(valor))
    return historial


def _latentes(generador: nn.Module, n: int, semilla: int, z: object) -> torch.Tensor:
    dim_latente = getattr(generador, "dim_latente", None)
    if not isinstance(dim_latente, int):
        raise TypeError("se esperaba un generador con el atributo entero dim_latente, "
                        f"se recibió {type(generador).__name__}")
    if z is None:
        n = entero_positivo(n, "n")
        z = torch.randn(n, dim_latente, generator=torch.Generator().manual_seed(int(semilla)))
    elif isinstance(z, np.ndarray):
        z = torch.as_tensor(z, dtype=torch.float32)
    _comprobar_latente(z, dim_latente)
    return z.to(torch.float32)


@torch.no_grad()
def _generar_crudo(generador: nn.Module, n: int, semilla: int, z: object = None) -> torch.Tensor:
    """Salida de ``G`` (en CPU) para ``n`` latentes de ``N(0, I)`` sacados con ``semilla`` (o
    para ``z`` dado), con ``G`` en modo evaluación (``BatchNorm`` usa sus medias acumuladas)."""
    z = _latentes(generador, n, semilla, z)
    estaba_entrenando = generador.training
    generador.eval()
    try:
        salida = generador(z.to(_dispositivo_de(generador)))
    finally:
        generador.train(estaba_entrenando)
    return salida.to("cpu", torch.float64)


def muestrear_gan(
    generador: GeneradorDCGAN, n: int = 64, semilla: int = 0, z: np.ndarray | torch.Tensor | None = None
) -> np.ndarray:
    """``n`` dígitos del generador: NumPy ``float64`` ``(n, 1, 8, 8)`` en ``[0, 1]``.

    ``z``: latentes propios ``(M, dim_latente)`` (p. ej. una interpolación entre dos); si se da,
    se usan ésos y ``n`` no cuenta. El mismo ``semilla`` da las mismas muestras.
    """
    salida = _generar_crudo(generador, n, semilla, z)
    if tuple(salida.shape[1:]) != (1, 8, 8):
        raise ValueError(f"muestrear_gan es para generadores de dígitos (N, 1, 8, 8); este da "
                         f"{tuple(salida.shape[1:])} (para puntos, muestrear_puntos)")
    return desde_simetrico(salida).numpy()
