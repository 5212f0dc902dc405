"""Comparar nuestras activaciones con las de PyTorch (el «oráculo» del curso).

PyTorch calcula los gradientes con su diferenciación automática; si nuestro
``forward`` y nuestro ``backward`` dan lo mismo (hasta el redondeo de ``float64``),
la implementación es correcta. PyTorch sólo se importa al llamar a estas funciones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab02_Primera_Red_Neuronal.codigo import crear_generador

from .base import CapaActivacion
from .elementales import ELU, GELU, Escalon, Identidad, LeakyReLU, ReLU, Sigmoide, Tanh
from .softmax import Softmax

__all__ = ["diferencia_relativa", "equivalente_pytorch", "comparar_con_pytorch", "tabla_comparacion_pytorch"]


def diferencia_relativa(a: np.ndarray, b: np.ndarray) -> float:
    """``max|a − b| / max(|a| + |b|)``: 0 si son iguales; ~1e-16 es el redondeo de ``float64``."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"no se pueden comparar formas distintas: {a.shape} y {b.shape}")
    if a.size == 0:
        return 0.0
    escala = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b)) / escala)


def _torch():
    try:
        import torch
    except ImportError as error:  # pragma: no cover - torch está en requirements.txt
        raise ImportError("esta comparación necesita PyTorch: instala el paquete «torch»") from error
    return torch


def equivalente_pytorch(capa: CapaActivacion) -> Callable:
    """La función de PyTorch que calcula lo mismo que ``capa`` (tensor → tensor)."""
    torch = _torch()
    F = torch.nn.functional
    if isinstance(capa, Escalon):
        return lambda t: torch.heaviside(t, torch.ones_like(t))
    if isinstance(capa, LeakyReLU):
        return lambda t: F.leaky_relu(t, capa.pendiente)
    if isinstance(capa, ELU):
        return lambda t: F.elu(t, capa.alfa)
    if isinstance(capa, GELU):
        return lambda t: F.gelu(t, approximate="none" if capa.aproximacion == "ninguna" else "tanh")
    if isinstance(capa, Softmax):
        return lambda t: torch.softmax(t, dim=capa.eje)
    sencillas = {Identidad: lambda t: t * 1, Sigmoide: torch.sigmoid, Tanh: torch.tanh, ReLU: torch.relu}
    for clase, funcion in sencillas.items():
        if isinstance(capa, clase):
            return funcion
    raise TypeError(f"no hay equivalente de PyTorch registrado para {type(capa).__name__}")


def comparar_con_pytorch(
    capa: CapaActivacion,
    x: np.ndarray,
    grad: np.ndarray | None = None,
    semilla: int | np.random.Generator | None = 0,
) -> dict[str, float]:
    """Diferencias relativas de ``forward`` y ``backward`` frente a PyTorch (en ``float64``).

    ``grad`` es ``dL/dsalida`` (por defecto, ruido normal fijado por ``semilla``).
    PyTorch obtiene su gradiente con autograd sobre ``L = Σ salida · grad``.
    El escalón no tiene derivada en PyTorch: su gradiente de referencia es 0.
    """
    torch = _torch()
    x = como_arreglo(x, "x").astype(np.float64)
    grad = crear_generador(semilla).normal(size=x.shape) if grad is None else np.asarray(grad, float)
    y = capa.forward(x)
    dx = capa.backward(grad)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = equivalente_pytorch(capa)(xt)
    if isinstance(capa, Escalon):
        dxt = np.zeros_like(x)
    else:
        (yt * torch.tensor(grad, dtype=torch.float64)).sum().backward()
        dxt = xt.grad.numpy()
    return {
        "forward": diferencia_relativa(y, yt.detach().numpy()),
        "backward": diferencia_relativa(dx, dxt),
    }


def tabla_comparacion_pytorch(
    capas: Sequence[CapaActivacion] | None = None,
    formas: Sequence[tuple[int, ...]] = ((16,), (32, 10), (4, 3, 5)),
    escala: float = 3.0,
    semilla: int = 0,
) -> list[dict[str, object]]:
    """Compara cada capa con PyTorch en entradas aleatorias ``N(0, escala²)`` de cada forma.

    Devuelve una fila por capa: ``{"capa", "forward", "backward"}`` con la peor
    diferencia relativa sobre todas las formas.
    """
    if capas is None:
        capas = [Identidad(), Escalon(), Sigmoide(), Tanh(), ReLU(), LeakyReLU(), ELU(),
                 GELU(), GELU("tanh"), Softmax()]
    rng = np.random.default_rng(semilla)
    filas = []
    for capa in capas:
        peor = {"forward": 0.0, "backward": 0.0}
        for forma in formas:
            x = rng.normal(scale=escala, size=forma)
            for clave, valor in comparar_con_pytorch(capa, x, semilla=rng).items():
                peor[clave] = max(peor[clave], valor)
        filas.append({"capa": repr(capa), **peor})
    return filas
