"""Registro de pérdidas por nombre: ``crear_perdida("huber", delta=2.0)``."""

from __future__ import annotations

from .entropia_cruzada import EntropiaCruzada, EntropiaCruzadaBinaria
from .perdida import Perdida
from .regresion import ErrorAbsolutoMedio, ErrorCuadraticoMedio, Huber

__all__ = ["PERDIDAS", "crear_perdida"]

PERDIDAS: dict[str, type[Perdida]] = {
    "mse": ErrorCuadraticoMedio,
    "mae": ErrorAbsolutoMedio,
    "huber": Huber,
    "entropia_cruzada_binaria": EntropiaCruzadaBinaria,
    "entropia_cruzada": EntropiaCruzada,
}


def crear_perdida(nombre: str, **opciones: object) -> Perdida:
    """Crea la pérdida llamada ``nombre`` (sin distinguir mayúsculas) con sus ``opciones``."""
    clave = str(nombre).strip().lower()
    if clave not in PERDIDAS:
        raise ValueError(f"pérdida desconocida: {nombre!r}; se esperaba una de {', '.join(PERDIDAS)}")
    return PERDIDAS[clave](**opciones)
