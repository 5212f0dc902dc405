"""Un autoencoder de dígitos hecho con el framework NumPy del curso (y entrenado con el Lab06).

    codificador:    x (N, 64) → CapaDensa → ReLU → … → CapaDensa → z (N, dim_latente)
    decodificador:  z         → CapaDensa → ReLU → … → CapaDensa → Sigmoide → x̂ (N, 64)

El modelo aprende a **copiar** su entrada pasando por un cuello de botella: con
``dim_latente=2`` cada dígito se resume en dos números. Se entrena como cualquier red del
curso: ``entrenar`` del Lab06 con ``Adam`` y el error cuadrático medio del Lab04, donde el
«objetivo» es la propia imagen (o la imagen limpia, si la entrada lleva ruido: un autoencoder
**eliminador de ruido**).

Un autoencoder no es un buen generador: su espacio latente no tiene una forma conocida, así que
no sabemos de dónde sacar códigos nuevos. ``muestrear_autoencoder`` prueba lo más sencillo
(ajustar una gaussiana a los códigos de entrenamiento y decodificar muestras de ella) y sirve de
referencia para ver qué arregla el VAE (``vae.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, entero_positivo, numero_real
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador
from Lab03_Funciones_Activacion.codigo import Sigmoide
from Lab04_Funciones_Perdida.codigo import ErrorCuadraticoMedio
from Lab06_Entrenamiento.codigo import Adam, Historial, construir_mlp, entrenar, predecir

from .datos import comprobar_imagenes_digitos

__all__ = [
    "AutoencoderNumpy",
    "entrenar_autoencoder",
    "anadir_ruido",
    "codificar_autoencoder",
    "reconstruir",
    "decodificar_latentes",
    "muestrear_autoencoder",
]

_PIXELES = 64  # 8 × 8


class AutoencoderNumpy(Capa):
    """Autoencoder denso: ``(N, 64) → (N, dim_latente) → (N, 64)`` con píxeles en ``[0, 1]``.

    ``codificador`` y ``decodificador`` son dos ``Secuencial`` (``construir_mlp`` del Lab06, con
    ReLU en las capas ocultas); el código latente es lineal (sin activación) y la salida pasa por
    una ``Sigmoide``. Son atributos: ``Capa`` los encuentra para ``parameters()``/``zero_grad()``
    (nombres ``codificador.0.W``, ``decodificador.2.b``…).

    >>> ae = AutoencoderNumpy(dim_latente=2, ocultas=(32,))
    >>> ae.forward(np.zeros((5, 64))).shape
    (5, 64)
    """

    def __init__(self, dim_latente: int = 2, ocultas: Sequence[int] = (32,),
                 semilla: int | np.random.Generator | None = 0, dtype: type = np.float64) -> None:
        super().__init__()
        self.dim_latente = entero_positivo(dim_latente, "dim_latente")
        self.ocultas = tuple(entero_positivo(h, "cada capa oculta") for h in ocultas)
        rng = crear_generador(semilla)
        self.codificador = construir_mlp([_PIXELES, *self.ocultas, self.dim_latente],
                                         semilla=rng, dtype=dtype)
        self.decodificador = construir_mlp([self.dim_latente, *reversed(self.ocultas), _PIXELES],
                                           semilla=rng, dtype=dtype)
        self.decodificador.agregar(Sigmoide())

    def forward(self, x: np.ndarray) -> np.ndarray:
        """``x`` ``(N, 64)`` → reconstrucción ``(N, 64)`` en ``(0, 1)``."""
        x = como_arreglo(x, "la entrada de AutoencoderNumpy")
        comprobar_forma(x, (None, _PIXELES), "la entrada de AutoencoderNumpy (imágenes aplanadas)")
        return self.decodificador.forward(self.codificador.forward(x))

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """``∂L/∂x̂`` ``(N, 64)`` → ``∂L/∂x`` ``(N, 64)``: el decodificador y luego el codificador."""
        return self.codificador.backward(self.decodificador.backward(grad))

    def __repr__(self) -> str:
        capas = " → ".join(str(t) for t in (_PIXELES, *self.ocultas, self.dim_latente,
                                             *reversed(self.ocultas), _PIXELES))
        parametros = f"{self.num_parametros():,}".replace(",", " ")   # 4 354, con el espacio de los miles
        return f"AutoencoderNumpy({capas}, {parametros} parámetros)"


def _comprobar_modelo(modelo: object) -> AutoencoderNumpy:
    if not isinstance(modelo, AutoencoderNumpy):
        raise TypeError(f"se esperaba un AutoencoderNumpy, se recibió {type(modelo).__name__}")
    return modelo


def _aplanar(X: object, nombre: str = "X") -> np.ndarray:
    """Imágenes ``(N, 1, 8, 8)`` en ``[0, 1]`` → ``(N, 64)`` float64 (con un error claro si no)."""
    return comprobar_imagenes_digitos(X, nombre).reshape(-1, _PIXELES)


def anadir_ruido(X: np.ndarray, sigma: float, semilla: int | np.random.Generator | None = 0) -> np.ndarray:
    """``X`` más ruido gaussiano ``N(0, sigma²)`` por píxel, recortado a ``[0, 1]``; misma forma que ``X``.

    ``X``: imágenes ``(N, 1, 8, 8)`` (o ``(N, 64)``) en ``[0, 1]``. ``sigma = 0`` devuelve una copia.
    """
    sigma = numero_real(sigma, "sigma (desviación típica del ruido)", 0.0)
    limpias = comprobar_imagenes_digitos(X)
    rng = crear_generador(semilla)
    ruidosas = np.clip(limpias + sigma * rng.normal(size=limpias.shape), 0.0, 1.0)
    return ruidosas.reshape(np.shape(X))


def entrenar_autoencoder(
    modelo: AutoencoderNumpy,
    X: np.ndarray,
    X_validacion: np.ndarray | None = None,
    epocas: int = 40,
    tasa: float = 0.01,
    tamano_lote: int = 64,
    ruido: float = 0.0,
    copias_ruido: int = 4,
    semilla: int = 0,
) -> Historial:
    """Entrena ``modelo`` para reconstruir ``X`` (imágenes ``(N, 1, 8, 8)`` en ``[0, 1]``).

    Usa ``entrenar`` del Lab06 con ``Adam(tasa)`` y ``ErrorCuadraticoMedio`` (Lab04): la pareja
    ``(entrada, objetivo)`` es ``(X, X)`` aplanadas a ``(N, 64)``.

    Con ``ruido > 0`` es un autoencoder **eliminador de ruido** (*denoising*): la entrada es
    ``anadir_ruido(X, ruido)`` y el objetivo sigue siendo la imagen **limpia**, así que el modelo
    no puede limitarse a copiar: tiene que saber cómo es un dígito. ``entrenar`` recorre unos
    datos fijos, de modo que el ruido se sortea de antemano: cada imagen aparece ``copias_ruido``
    veces, cada vez con un ruido distinto (la época tiene ``copias_ruido · N`` ejemplos). Con una
    sola copia la red acabaría memorizando *ese* ruido; con varias aprende a quitar ruido en
    general. La validación (si se da) usa también entradas ruidosas, con su propia semilla.

    Devuelve el ``Historial`` (``perdida`` y, con validación, ``perdida_val`` por época).
    """
    modelo = _comprobar_modelo(modelo)
    limpias = _aplanar(X, "X")
    ruido = numero_real(ruido, "ruido (desviación típica)", 0.0)
    copias = entero_positivo(copias_ruido, "copias_ruido") if ruido > 0 else 1
    tasa = numero_real(tasa, "tasa (de aprendizaje)", 0.0, incluir_minimo=False)
    rng = crear_generador(semilla)
    objetivos = np.concatenate([limpias] * copias)
    entradas = anadir_ruido(objetivos, ruido, rng) if ruido > 0 else objetivos
    validacion = None
    if X_validacion is not None:
        val = _aplanar(X_validacion, "X_validacion")
        validacion = (anadir_ruido(val, ruido, semilla + 1) if ruido > 0 else val, val)
    return entrenar(modelo, ErrorCuadraticoMedio(), Adam(modelo.parameters(), tasa_aprendizaje=tasa),
                    (entradas, objetivos), validacion, epocas=epocas, tamano_lote=tamano_lote,
                    semilla=rng, barra_progreso=False)


def codificar_autoencoder(modelo: AutoencoderNumpy, X: np.ndarray) -> np.ndarray:
    """Los códigos latentes de ``X`` (imágenes ``(N, 1, 8, 8)``): ``(N, dim_latente)``."""
    modelo = _comprobar_modelo(modelo)
    return predecir(modelo.codificador, _aplanar(X))


def decodificar_latentes(modelo: AutoencoderNumpy, Z: np.ndarray) -> np.ndarray:
    """Imágenes ``(N, 1, 8, 8)`` en ``[0, 1]`` a partir de códigos ``Z`` ``(N, dim_latente)``."""
    modelo = _comprobar_modelo(modelo)
    Z = como_arreglo(Z, "Z")
    if Z.ndim != 2 or Z.shape[1] != modelo.dim_latente or Z.shape[0] == 0:
        raise ValueError(f"se esperaba Z de forma (N, {modelo.dim_latente}), se recibió {Z.shape}"
                         + (" (sin ningún código)" if Z.ndim == 2 and Z.shape[0] == 0 else ""))
    salida = predecir(modelo.decodificador, Z.astype(np.float64, copy=False))
    return np.clip(salida.astype(np.float64), 0.0, 1.0).reshape(-1, 1, 8, 8)


def reconstruir(modelo: AutoencoderNumpy, X: np.ndarray) -> np.ndarray:
    """``X`` ``(N, 1, 8, 8)`` → su reconstrucción ``(N, 1, 8, 8)`` en ``[0, 1]`` (codificar + decodificar)."""
    return decodificar_latentes(modelo, codificar_autoencoder(modelo, X))


def muestrear_autoencoder(modelo: AutoencoderNumpy, X_entrenamiento: np.ndarray, n: int,
                          semilla: int = 0) -> np.ndarray:
    """El autoencoder como generador: ``n`` imágenes nuevas ``(n, 1, 8, 8)`` en ``[0, 1]``.

    Se ajusta una gaussiana (media y covarianza) a los códigos de ``X_entrenamiento``, se
    sortean ``n`` códigos de ella y se decodifican. Es la receta más sencilla posible y su
    punto débil es la lección: los códigos reales no llenan esa gaussiana (forman grumos y
    huecos), así que muchas muestras caen donde el decodificador nunca aprendió nada.
    """
    modelo = _comprobar_modelo(modelo)
    n = entero_positivo(n, "n (número de muestras)")
    codigos = codificar_autoencoder(modelo, X_entrenamiento)
    if codigos.shape[0] < 2:
        raise ValueError("para ajustar una gaussiana hacen falta al menos 2 imágenes de entrenamiento, "
                         f"se recibió {codigos.shape[0]}")
    media = codigos.mean(axis=0)
    covarianza = np.atleast_2d(np.cov(codigos, rowvar=False))
    # z = media + L·ε con L Cholesky de la covarianza (un poco de diagonal por si es casi singular)
    L = np.linalg.cholesky(covarianza + 1e-6 * np.eye(modelo.dim_latente))
    epsilon = crear_generador(semilla).normal(size=(n, modelo.dim_latente))
    return decodificar_latentes(modelo, media + epsilon @ L.T)
