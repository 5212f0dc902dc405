"""Autoencoder variacional (VAE, Kingma y Welling, 2014) de dígitos en PyTorch.

El codificador ya no da un punto sino una **distribución** por imagen,
``q(z | x) = N(mu, diag(exp(log_var)))``; el decodificador da, para cada píxel, la
probabilidad de que esté «encendido» (logits → sigmoide). Se entrena maximizando la
ELBO, es decir, minimizando

    pérdida = reconstrucción + β · KL( q(z | x) ‖ N(0, I) )

- reconstrucción: entropía cruzada binaria (con logits) sumada sobre los 64 píxeles;
- KL: cuánto se aleja cada ``q(z | x)`` de la normal estándar (fórmula cerrada).

La KL empuja todos los códigos hacia ``N(0, I)`` y la llena sin huecos: por eso, a diferencia
del autoencoder, podemos **generar** sorteando ``z ~ N(0, I)`` y decodificando. ``β`` decide el
equilibrio: poco β, reconstrucciones nítidas y espacio latente con huecos; mucho β, espacio
latente ordenado pero imágenes borrosas (``efecto_beta`` lo mide).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import mover
from Lab10_Redes_Neuronales_Convolucionales.codigo.modelos_torch import _semilla_local

from .datos import comprobar_imagenes_digitos

__all__ = [
    "kl_normal_estandar",
    "reparametrizar",
    "VAE",
    "perdida_vae",
    "entrenar_vae",
    "muestrear_vae",
    "codificar_vae",
    "interpolar_vae",
    "efecto_beta",
]

_PIXELES = 64


def _comprobar_pareja(mu: torch.Tensor, log_var: torch.Tensor) -> None:
    if not (isinstance(mu, torch.Tensor) and isinstance(log_var, torch.Tensor)):
        raise TypeError(f"mu y log_var deben ser tensores de PyTorch, se recibió "
                        f"{type(mu).__name__} y {type(log_var).__name__}")
    if mu.ndim != 2 or mu.shape != log_var.shape:
        raise ValueError(f"se esperaban mu y log_var de la misma forma (N, dim_latente), se recibió "
                         f"{tuple(mu.shape)} y {tuple(log_var.shape)}")


def kl_normal_estandar(mu: torch.Tensor, log_var: torch.Tensor) -> torch.Tensor:
    """``KL( N(mu, diag(exp(log_var))) ‖ N(0, I) )`` de cada ejemplo: ``(N, d), (N, d) → (N,)``.

    Fórmula cerrada: ``½ · Σⱼ (muⱼ² + exp(log_varⱼ) − 1 − log_varⱼ)``. Es ≥ 0 y vale 0 sólo
    si ``mu = 0`` y ``log_var = 0`` (la propia normal estándar).
    """
    _comprobar_pareja(mu, log_var)
    return 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=-1)


def reparametrizar(mu: torch.Tensor, log_var: torch.Tensor,
                   generador: torch.Generator | None = None) -> torch.Tensor:
    """El truco de la reparametrización: ``z = mu + exp(½ log_var) · ε`` con ``ε ~ N(0, I)``.

    El azar queda en ``ε`` (que no depende de nada que se entrene), así que los gradientes
    llegan a ``mu`` y a ``log_var``. ``ε`` se sortea en la CPU con ``generador`` (reproducible
    y el mismo en CPU y GPU) y se lleva luego al dispositivo de ``mu``. Forma ``(N, d)``.
    """
    _comprobar_pareja(mu, log_var)
    epsilon = torch.randn(tuple(mu.shape), generator=generador, dtype=mu.dtype)
    return mu + torch.exp(0.5 * log_var) * epsilon.to(mu.device)


def _perceptron(tamanos: Sequence[int]) -> nn.Sequential:
    """``Linear → ReLU → … → Linear`` (sin activación al final)."""
    capas: list[nn.Module] = []
    for i, (n_ent, n_sal) in enumerate(zip(tamanos[:-1], tamanos[1:])):
        capas.append(nn.Linear(n_ent, n_sal))
        if i < len(tamanos) - 2:
            capas.append(nn.ReLU())
    return nn.Sequential(*capas)


class VAE(nn.Module):
    """VAE denso para dígitos 8×8: codificador ``64 → ocultas → (mu, log_var)`` y decodificador
    ``dim_latente → ocultas → 64`` logits.

    - ``forward(x)``: ``x (N, 1, 8, 8)`` → ``(logits (N, 1, 8, 8), mu (N, d), log_var (N, d))``.
      En ``train()`` el código es una **muestra** ``z = reparametrizar(mu, log_var)``; en
      ``eval()`` es la media ``z = mu`` (la reconstrucción «más probable», y determinista).
      ``muestrear`` fuerza una u otra opción.
    - ``codificar(x)`` → ``(mu, log_var)``; ``decodificar(z)`` → probabilidades ``(N, 1, 8, 8)``.
    """

    def __init__(self, dim_latente: int = 2, ocultas: Sequence[int] = (256, 128),
                 semilla: int | None = 0) -> None:
        super().__init__()
        self.dim_latente = entero_positivo(dim_latente, "dim_latente")
        self.ocultas = tuple(entero_positivo(h, "cada capa oculta") for h in ocultas)
        if not self.ocultas:
            raise ValueError("ocultas debe tener al menos una capa oculta, se recibió ()")
        with _semilla_local(semilla):
            self.codificador = nn.Sequential(_perceptron([_PIXELES, *self.ocultas]), nn.ReLU())
            self.capa_mu = nn.Linear(self.ocultas[-1], self.dim_latente)
            self.capa_log_var = nn.Linear(self.ocultas[-1], self.dim_latente)
            self.decodificador = _perceptron([self.dim_latente, *reversed(self.ocultas), _PIXELES])

    def _dispositivo(self) -> torch.device:
        return next(self.parameters()).device

    def codificar(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``x`` ``(N, 1, 8, 8)`` → ``(mu, log_var)``, cada uno ``(N, dim_latente)``."""
        if not isinstance(x, torch.Tensor) or x.ndim != 4 or tuple(x.shape[1:]) != (1, 8, 8):
            forma = tuple(x.shape) if hasattr(x, "shape") else type(x).__name__
            raise ValueError(f"se esperaba x de forma (N, 1, 8, 8) (un tensor), se recibió {forma}")
        h = self.codificador(x.flatten(1))
        return self.capa_mu(h), self.capa_log_var(h)

    def _logits(self, z: torch.Tensor) -> torch.Tensor:
        if not isinstance(z, torch.Tensor) or z.ndim != 2 or z.shape[1] != self.dim_latente:
            forma = tuple(z.shape) if hasattr(z, "shape") else type(z).__name__
            raise ValueError(f"se esperaba z de forma (N, {self.dim_latente}), se recibió {forma}")
        return self.decodificador(z).reshape(-1, 1, 8, 8)

    def decodificar(self, z: torch.Tensor) -> torch.Tensor:
        """``z`` ``(N, dim_latente)`` → probabilidad de cada píxel ``(N, 1, 8, 8)`` en ``(0, 1)``."""
        return torch.sigmoid(self._logits(z))

    def forward(self, x: torch.Tensor, generador: torch.Generator | None = None,
                muestrear: bool | None = None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """``x`` ``(N, 1, 8, 8)`` → ``(logits (N, 1, 8, 8), mu, log_var)``.

        ``muestrear=None`` sortea ``z`` en modo ``train()`` y usa ``z = mu`` en ``eval()``.
        """
        mu, log_var = self.codificar(x)
        muestrear = self.training if muestrear is None else muestrear
        z = reparametrizar(mu, log_var, generador) if muestrear else mu
        return self._logits(z), mu, log_var

    def extra_repr(self) -> str:
        return f"dim_latente={self.dim_latente}, ocultas={self.ocultas}"


def perdida_vae(logits: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, log_var: torch.Tensor,
                beta: float = 1.0) -> dict[str, torch.Tensor]:
    """La pérdida del VAE, media por ejemplo: ``{"total", "reconstruccion", "kl"}`` (tensores escalares).

    - ``reconstruccion``: entropía cruzada binaria con logits sumada sobre los 64 píxeles
      (``x`` en ``[0, 1]``; con grises su mínimo no es 0 sino la entropía de los propios píxeles);
    - ``kl``: ``kl_normal_estandar(mu, log_var)``;
    - ``total = reconstruccion + beta · kl``: con ``beta = 1``, menos la ELBO.
    """
    beta = numero_real(beta, "beta", 0.0)
    if not isinstance(logits, torch.Tensor) or not isinstance(x, torch.Tensor) or logits.shape != x.shape \
            or logits.ndim != 4 or tuple(logits.shape[1:]) != (1, 8, 8):
        raise ValueError(f"se esperaban logits y x de la misma forma (N, 1, 8, 8), se recibió "
                         f"{tuple(getattr(logits, 'shape', ()))} y {tuple(getattr(x, 'shape', ()))}")
    _comprobar_pareja(mu, log_var)
    if mu.shape[0] != x.shape[0]:
        raise ValueError(f"mu tiene {mu.shape[0]} ejemplos y x {x.shape[0]}: deben ser los mismos")
    reconstruccion = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1).mean()
    kl = kl_normal_estandar(mu, log_var).mean()
    return {"total": reconstruccion + beta * kl, "reconstruccion": reconstruccion, "kl": kl}


def _comprobar_vae(modelo: object) -> VAE:
    if not isinstance(modelo, VAE):
        raise TypeError(f"se esperaba un VAE, se recibió {type(modelo).__name__}")
    return modelo


def _a_tensor(X: object, modelo: VAE, nombre: str = "X") -> torch.Tensor:
    """Imágenes en ``[0, 1]`` → tensor ``(N, 1, 8, 8)`` en el dispositivo y el tipo del modelo."""
    arreglo = comprobar_imagenes_digitos(X, nombre)
    parametro = next(modelo.parameters())
    return torch.as_tensor(arreglo, dtype=parametro.dtype).to(parametro.device)


def _evaluar(modelo: VAE, X: torch.Tensor, beta: float, semilla: int) -> dict[str, float]:
    """Pérdidas medias en ``X`` con ``z`` sorteado (una estimación honesta de la ELBO), sin gradientes."""
    with torch.no_grad():
        logits, mu, log_var = modelo(X, torch.Generator().manual_seed(semilla), muestrear=True)
        return {k: float(v) for k, v in perdida_vae(logits, X, mu, log_var, beta).items()}


def entrenar_vae(modelo: VAE, X: np.ndarray, epocas: int = 100, beta: float = 1.0, tasa: float = 2e-3,
                 tamano_lote: int = 64, semilla: int = 0, dispositivo: torch.device | str | None = None,
                 X_validacion: np.ndarray | None = None,
                 epocas_calentamiento: int = 30) -> dict[str, list[float]]:
    """Entrena ``modelo`` con Adam sobre ``X`` (imágenes ``(N, 1, 8, 8)`` en ``[0, 1]``).

    Todo el azar (orden de los lotes y ``ε``) sale de un ``torch.Generator`` de la CPU con
    ``semilla``. ``dispositivo=None`` deja el modelo donde está. Devuelve el historial
    ``{"perdida", "reconstruccion", "kl"}`` (medias por época) y, con ``X_validacion``,
    también ``"perdida_val"``, ``"reconstruccion_val"``, ``"kl_val"``. El modelo queda en ``eval()``.

    ``epocas_calentamiento=k`` (*KL annealing*): el peso de la KL sube en línea recta de 0 a
    ``beta`` durante las ``k`` primeras épocas (como mucho, todas: la última usa siempre
    ``beta``), para que el codificador aprenda a usar ``z`` antes de que la KL lo empuje hacia
    ``N(0, I)``. El historial anota siempre la pérdida con el ``beta`` final, para que las
    épocas se puedan comparar.
    """
    modelo = _comprobar_vae(modelo)
    epocas = entero_positivo(epocas, "epocas")
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    beta = numero_real(beta, "beta", 0.0)
    tasa = numero_real(tasa, "tasa (de aprendizaje)", 0.0, incluir_minimo=False)
    calentamiento = min(entero_positivo(epocas_calentamiento, "epocas_calentamiento", minimo=0), epocas)
    if dispositivo is not None:
        mover(modelo, dispositivo)
    datos = _a_tensor(X, modelo, "X")
    validacion = None if X_validacion is None else _a_tensor(X_validacion, modelo, "X_validacion")
    generador = torch.Generator().manual_seed(int(semilla))
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    claves = ("perdida", "reconstruccion", "kl")
    historial: dict[str, list[float]] = {k: [] for k in claves}
    if validacion is not None:
        historial.update({k + "_val": [] for k in claves})
    n = datos.shape[0]
    for epoca in range(epocas):
        beta_epoca = beta * min(1.0, (epoca + 1) / calentamiento) if calentamiento else beta
        modelo.train()
        sumas = dict.fromkeys(claves, 0.0)
        orden = torch.randperm(n, generator=generador).to(datos.device)
        for inicio in range(0, n, tamano_lote):
            lote = datos[orden[inicio:inicio + tamano_lote]]
            logits, mu, log_var = modelo(lote, generador)
            perdidas = perdida_vae(logits, lote, mu, log_var, beta_epoca)
            optimizador.zero_grad()
            perdidas["total"].backward()
            optimizador.step()
            recon, kl = float(perdidas["reconstruccion"].detach()), float(perdidas["kl"].detach())
            for clave, valor in zip(claves, (recon + beta * kl, recon, kl)):
                sumas[clave] += valor * lote.shape[0]
        for clave in claves:
            historial[clave].append(sumas[clave] / n)
        if validacion is not None:
            modelo.eval()
            val = _evaluar(modelo, validacion, beta, int(semilla) + 1)
            for clave, nombre in zip(claves, ("total", "reconstruccion", "kl")):
                historial[clave + "_val"].append(val[nombre])
    modelo.eval()
    return historial


def muestrear_vae(modelo: VAE, n: int, semilla: int = 0) -> np.ndarray:
    """``n`` dígitos nuevos: ``z ~ N(0, I)`` (generador de la CPU con ``semilla``) → media del
    decodificador. NumPy ``float64`` ``(n, 1, 8, 8)`` en ``[0, 1]``."""
    modelo = _comprobar_vae(modelo)
    n = entero_positivo(n, "n (número de muestras)")
    parametro = next(modelo.parameters())
    z = torch.randn((n, modelo.dim_latente), generator=torch.Generator().manual_seed(int(semilla)),
                    dtype=parametro.dtype).to(parametro.device)
    with torch.no_grad():
        imagenes = modelo.decodificar(z)
    return imagenes.to("cpu", torch.float64).numpy().clip(0.0, 1.0)


def codificar_vae(modelo: VAE, X: np.ndarray) -> np.ndarray:
    """La media ``mu`` de ``q(z | x)`` de cada imagen de ``X`` ``(N, 1, 8, 8)``: NumPy
    ``(N, dim_latente)``."""
    modelo = _comprobar_vae(modelo)
    with torch.no_grad():
        mu, _ = modelo.codificar(_a_tensor(X, modelo))
    return mu.to("cpu", torch.float64).numpy()


def interpolar_vae(modelo: VAE, x_a: np.ndarray, x_b: np.ndarray, pasos: int = 8) -> np.ndarray:
    """Camino recto en el espacio latente entre las medias de dos imágenes ``(1, 8, 8)``.

    ``z_t = (1 − t) · mu_a + t · mu_b`` con ``t`` de 0 a 1 en ``pasos`` pasos; devuelve las
    imágenes decodificadas, NumPy ``(pasos, 1, 8, 8)`` en ``[0, 1]``.
    """
    modelo = _comprobar_vae(modelo)
    pasos = entero_positivo(pasos, "pasos", minimo=2)
    extremos = []
    for nombre, x in (("x_a", x_a), ("x_b", x_b)):
        forma = np.shape(x)
        if int(np.prod(forma)) != _PIXELES:
            raise ValueError(f"se esperaba {nombre} una sola imagen de forma (1, 8, 8), se recibió {forma}")
        extremos.append(codificar_vae(modelo, np.reshape(x, (1, 1, 8, 8)))[0])
    t = np.linspace(0.0, 1.0, pasos)[:, None]
    z = (1 - t) * extremos[0] + t * extremos[1]
    parametro = next(modelo.parameters())
    with torch.no_grad():
        imagenes = modelo.decodificar(torch.as_tensor(z, dtype=parametro.dtype).to(parametro.device))
    return imagenes.to("cpu", torch.float64).numpy().clip(0.0, 1.0)


def efecto_beta(datos: dict[str, tuple[np.ndarray, np.ndarray]], betas: Sequence[float] = (0.1, 1.0, 4.0),
                dim_latente: int = 8, epocas: int = 40, semilla: int = 0, ocultas: Sequence[int] = (256, 128),
                dispositivo: torch.device | str | None = None, juez: object = None,
                n_muestras: int | None = None) -> list[dict[str, float]]:
    """Entrena un VAE por cada ``β`` y mide qué cambia: una fila (diccionario) por ``β``.

    ``datos``: el de ``digitos_generativos`` (entrena con ``"entrenamiento"``, mide en ``"prueba"``);
    cada VAE se entrena ``epocas`` épocas, con calentamiento de la KL el primer tercio.
    Cada fila: ``beta``, ``reconstruccion`` y ``kl`` (medias por imagen en prueba, con ``z = mu``
    para la reconstrucción), ``ecm`` (error cuadrático medio píxel a píxel de la reconstrucción) y
    ``dims_activas`` (dimensiones latentes con KL media > 0,01: las que el modelo usa de verdad;
    con β grande las demás «colapsan» a la normal estándar). Con ``juez`` (``entrenar_juez`` de
    ``calidad.py``) añade, para ``n_muestras`` muestras (por defecto tantas como imágenes de
    prueba, como en ``tabla_calidad``), ``frechet`` (contra ``entrenamiento``, la referencia de
    ``tabla_calidad``), ``confianza_media`` y ``clases_distintas``.
    """
    try:
        X_entrenamiento, X_prueba = datos["entrenamiento"][0], datos["prueba"][0]
    except (TypeError, KeyError, IndexError):
        raise TypeError("datos debe ser el diccionario de digitos_generativos(), con "
                        "'entrenamiento' y 'prueba' como parejas (X, y)") from None
    filas = []
    for beta in betas:
        beta = numero_real(beta, "cada beta", 0.0)
        modelo = VAE(dim_latente=dim_latente, ocultas=ocultas, semilla=semilla)
        entrenar_vae(modelo, X_entrenamiento, epocas=epocas, beta=beta, semilla=semilla,
                     dispositivo=dispositivo, epocas_calentamiento=epocas // 3)
        X = _a_tensor(X_prueba, modelo, "X de prueba")
        with torch.no_grad():
            logits, mu, log_var = modelo(X, muestrear=False)
            perdidas = perdida_vae(logits, X, mu, log_var, beta)
            kl_por_dimension = (0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var)).mean(0)
            ecm = float(((torch.sigmoid(logits) - X) ** 2).mean())
        fila = {"beta": beta, "reconstruccion": float(perdidas["reconstruccion"]),
                "kl": float(perdidas["kl"]), "ecm": ecm, "dims_activas": int((kl_por_dimension > 0.01).sum())}
        if juez is not None:
            from .calidad import frechet_imagenes, puntuar_muestras

            muestras = muestrear_vae(modelo, len(X_prueba) if n_muestras is None else n_muestras, semilla)
            puntos = puntuar_muestras(juez, muestras)
            fila["frechet"] = float(frechet_imagenes(juez, muestras, X_entrenamiento))
            fila["confianza_media"] = puntos["confianza_media"]
            fila["clases_distintas"] = puntos["clases_distintas"]
        filas.append(fila)
    return filas
