"""Colapso de modos, medido con un número: la GAN en el anillo de gaussianas.

El experimento clásico de Metz et al. (2017, «Unrolled Generative Adversarial Networks»): los datos
son puntos del plano alrededor de 8 centros en un círculo. Una GAN corriente suele **colapsar**: su
generador aprende a dibujar sólo unos pocos de los 8 grupos (o salta de uno a otro), porque le basta
con engañar al discriminador *en algún sitio*. ``modos_cubiertos`` cuenta cuántos grupos aparecen de
verdad entre las muestras.

Dos remedios, los dos dentro de ``DiscriminadorPuntos.forward`` (el bucle de entrenamiento es
``entrenar_gan`` de ``gan.py``, sin cambios):

- **desviación típica del lote** (*minibatch standard deviation*, Karras et al., 2018, «Progressive
  Growing of GANs»), con ``desviacion_lote=True``: a cada punto se le añade un rasgo más, la
  desviación típica media del lote que se está juzgando. Un lote de reales sale de 8 grupos
  repartidos por el anillo (desviación ≈ 1.4 con ``radio=2``); un lote de falsos apelotonados en
  uno o dos grupos tiene una desviación pequeña, así que ``D`` los delata con ese solo número y el
  gradiente que recibe ``G`` le empuja a repartirse. Es el remedio que usa el cuaderno.
- **empaquetado** de PacGAN (Lin et al., 2018), con ``empaque=m``: ``D`` juzga ``m`` puntos
  juntos (concatenados), todos reales o todos falsos. Con el presupuesto del cuaderno (unos mil
  pasos) no bastó: medido con 3 semillas, cubre tan pocos grupos como la GAN corriente.

Con ``desviacion_lote=False`` y ``empaque=1`` es la GAN corriente.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab10_Redes_Neuronales_Convolucionales.codigo.modelos_torch import _semilla_local

from .gan import _comprobar_latente, _generar_crudo

__all__ = [
    "anillo_gaussianas",
    "GeneradorPuntos",
    "DiscriminadorPuntos",
    "muestrear_puntos",
    "modos_cubiertos",
]


def anillo_gaussianas(
    n: int, n_modos: int = 8, radio: float = 2.0, desviacion: float = 0.02, semilla: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` puntos del anillo: ``X (n, 2)`` y los ``centros (n_modos, 2)``.

    Los centros están en ``radio · (cos θₖ, sin θₖ)`` con ``θₖ = 2πk / n_modos``; cada punto elige
    un centro al azar (todos con la misma probabilidad) y se le suma ruido ``N(0, desviacion² I)``.
    """
    n = entero_positivo(n, "n")
    n_modos = entero_positivo(n_modos, "n_modos")
    radio = numero_real(radio, "radio", minimo=0.0, incluir_minimo=False)
    desviacion = numero_real(desviacion, "desviacion", minimo=0.0)
    angulos = 2 * np.pi * np.arange(n_modos) / n_modos
    centros = radio * np.stack([np.cos(angulos), np.sin(angulos)], axis=1)
    azar = np.random.default_rng(semilla)
    modos = azar.integers(0, n_modos, size=n)
    X = centros[modos] + desviacion * azar.standard_normal((n, 2))
    return X, centros


def _perceptron(entrada: int, oculta: int, salida: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(entrada, oculta), nn.ReLU(), nn.Linear(oculta, oculta), nn.ReLU(),
                         nn.Linear(oculta, salida))


class GeneradorPuntos(nn.Module):
    """Generador MLP: ``z (N, dim_latente)`` → puntos ``(N, dim_datos)``.

    ``Linear → ReLU → Linear → ReLU → Linear`` (``oculta`` neuronas por capa, salida sin activación).
    """

    def __init__(self, dim_latente: int = 8, oculta: int = 64, dim_datos: int = 2,
                 semilla: int | None = 0) -> None:
        super().__init__()
        self.dim_latente = entero_positivo(dim_latente, "dim_latente")
        self.dim_datos = entero_positivo(dim_datos, "dim_datos")
        with _semilla_local(semilla):
            self.red = _perceptron(self.dim_latente, entero_positivo(oculta, "oculta"), self.dim_datos)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """``z (N, dim_latente)`` → ``(N, dim_datos)``."""
        _comprobar_latente(z, self.dim_latente)
        return self.red(z)


class DiscriminadorPuntos(nn.Module):
    """Discriminador MLP de puntos ``(N, dim_datos)`` → logits ``(N / empaque,)``.

    - ``desviacion_lote=True``: antes de la red, a cada punto se le añade la desviación típica del
      lote (la de cada coordenada sobre los ``N`` puntos, promediada): un rasgo que mide la variedad.
    - ``empaque=m`` (PacGAN): agrupa los puntos consecutivos de ``m`` en ``m``, ``(N, F)`` →
      ``(N / m, m·F)``, y da un logit por paquete. ``N`` debe ser múltiplo de ``m``.
    """

    def __init__(self, dim_datos: int = 2, oculta: int = 64, empaque: int = 1,
                 desviacion_lote: bool = False, semilla: int | None = 0) -> None:
        super().__init__()
        self.dim_datos = entero_positivo(dim_datos, "dim_datos")
        self.empaque = entero_positivo(empaque, "empaque")
        if not isinstance(desviacion_lote, bool):
            raise TypeError(f"desviacion_lote debe ser True o False, se recibió {desviacion_lote!r}")
        self.desviacion_lote = desviacion_lote
        entrada = self.empaque * (self.dim_datos + int(desviacion_lote))
        with _semilla_local(semilla):
            self.red = _perceptron(entrada, entero_positivo(oculta, "oculta"), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x (N, dim_datos)`` → logits ``(N / empaque,)``."""
        if x.ndim != 2 or x.shape[1] != self.dim_datos:
            raise ValueError(f"se esperaba x de forma (N, {self.dim_datos}), se recibió {tuple(x.shape)}")
        if x.shape[0] % self.empaque:
            raise ValueError(f"N = {x.shape[0]} puntos no se pueden empaquetar de {self.empaque} en "
                             f"{self.empaque}: se esperaba N múltiplo de {self.empaque} (¿tamano_lote?)")
        if self.desviacion_lote:
            if x.shape[0] < 2:
                raise ValueError("con desviacion_lote=True hacen falta al menos 2 puntos por lote")
            desviacion = x.std(dim=0).mean().expand(x.shape[0], 1)
            x = torch.cat([x, desviacion], dim=1)
        paquetes = x.reshape(-1, self.red[0].in_features)
        return self.red(paquetes).squeeze(1)

    def extra_repr(self) -> str:
        return f"empaque={self.empaque}, desviacion_lote={self.desviacion_lote}"


def muestrear_puntos(generador: GeneradorPuntos, n: int = 1000, semilla: int = 0) -> np.ndarray:
    """``n`` puntos del generador: NumPy ``float64`` ``(n, dim_datos)``, los mismos para la misma semilla."""
    salida = _generar_crudo(generador, n, semilla)
    if salida.ndim != 2:
        raise ValueError(f"muestrear_puntos es para generadores de puntos (N, F); este da "
                         f"{tuple(salida.shape[1:])} (para dígitos, muestrear_gan)")
    return salida.numpy()


def modos_cubiertos(
    muestras: np.ndarray, centros: np.ndarray, umbral: float = 0.06, cuota: float = 0.02
) -> dict[str, object]:
    """¿Cuántos grupos del anillo dibuja el generador?

    Una muestra ``(N, 2)`` es **buena** si está a distancia ≤ ``umbral`` de su centro más cercano
    (por defecto 0.06 = 3σ del anillo con ``desviacion=0.02``). Un modo está **cubierto** si recibe
    al menos ``cuota`` de las ``N`` muestras como buenas (un 2 %: un punto suelto no cuenta).
    Devuelve ``{"modos": int, "fraccion_buenas": float, "conteos": (n_modos,) buenas por modo}``.
    """
    muestras = np.asarray(muestras, dtype=np.float64)
    centros = np.asarray(centros, dtype=np.float64)
    if centros.ndim != 2 or centros.shape[0] == 0:
        raise ValueError(f"se esperaban centros de forma (K, D) con K ≥ 1, se recibió {centros.shape}")
    if muestras.ndim != 2 or muestras.shape[0] == 0 or muestras.shape[1] != centros.shape[1]:
        raise ValueError(f"se esperaban muestras de forma (N, {centros.shape[1]}) con N ≥ 1, "
                         f"se recibió {muestras.shape}")
    if not (np.all(np.isfinite(muestras)) and np.all(np.isfinite(centros))):
        raise ValueError("las muestras y los centros deben ser finitos (sin NaN ni infinitos)")
    umbral = numero_real(umbral, "umbral", minimo=0.0, incluir_minimo=False)
    cuota = numero_real(cuota, "cuota", minimo=0.0, maximo=1.0)
    distancias = np.linalg.norm(muestras[:, None, :] - centros[None, :, :], axis=2)
    cercano = distancias.argmin(axis=1)
    buenas = distancias.min(axis=1) <= umbral
    conteos = np.bincount(cercano[buenas], minlength=len(centros))
    return {"modos": int(np.sum(conteos >= max(cuota * len(muestras), 1))),
            "fraccion_buenas": float(buenas.mean()), "conteos": conteos}
