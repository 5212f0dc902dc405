"""Crear activaciones por su nombre: ``crear_activacion("relu")`` → ``ReLU()``.

Útil para describir una red con textos (``["relu", "relu", "softmax"]``) o para
recorrer todas las activaciones en un experimento.
"""

from __future__ import annotations

import unicodedata

from .base import CapaActivacion
from .elementales import ELU, GELU, Escalon, Identidad, LeakyReLU, ReLU, Sigmoide, Tanh
from .softmax import Softmax

__all__ = ["ACTIVACIONES", "crear_activacion"]

ACTIVACIONES: dict[str, type[CapaActivacion]] = {
    clase.nombre: clase
    for clase in (Identidad, Escalon, Sigmoide, Tanh, ReLU, LeakyReLU, ELU, GELU, Softmax)
}


def _normalizar(nombre: str) -> str:
    """``"Leaky ReLU"`` → ``"leaky_relu"``, ``"Escalón"`` → ``"escalon"``."""
    sin_tildes = unicodedata.normalize("NFKD", nombre).encode("ascii", "ignore").decode()
    return sin_tildes.strip().lower().replace("-", "_").replace(" ", "_")


def crear_activacion(
    nombre: str | type[CapaActivacion], **opciones: object
) -> CapaActivacion:
    """Crea una activación nueva a partir de su nombre (sin distinguir mayúsculas ni tildes).

    ``opciones`` se pasan a la clase, p. ej. ``crear_activacion("leaky_relu", pendiente=0.1)``.
    También se admite la clase misma: ``crear_activacion(ReLU)``.
    """
    if isinstance(nombre, type) and issubclass(nombre, CapaActivacion):
        clase = nombre
    elif isinstance(nombre, str):
        clave = _normalizar(nombre)
        if clave not in ACTIVACIONES:
            raise ValueError(
                f"activación desconocida: {nombre!r}; "
                f"los nombres válidos son: {', '.join(ACTIVACIONES)}"
            )
        clase = ACTIVACIONES[clave]
    else:
        raise TypeError(
            "se esperaba el nombre de una activación (texto) o su clase, "
            f"se recibió {type(nombre).__name__}"
        )
    try:
        return clase(**opciones)
    except TypeError as error:
        if "unexpected keyword" not in str(error) and "positional argument" not in str(error):
            raise
        raise TypeError(
            f"{clase.__name__} no admite las opciones {sorted(opciones)}; revisa los argumentos "
            f"de {clase.__name__}.__init__"
        ) from error
