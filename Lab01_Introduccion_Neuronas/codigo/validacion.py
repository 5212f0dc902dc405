"""Comprobaciones de entrada con mensajes claros en español.

Todo el curso las usa: cuando un arreglo no tiene la forma esperada, el error
dice qué se esperaba y qué llegó, en lugar de un fallo críptico de NumPy.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

__all__ = [
    "como_arreglo",
    "comprobar_forma",
    "describir_forma",
    "entero_positivo",
    "es_real",
    "numero_real",
]


def es_real(valor: object) -> bool:
    """``True`` si ``valor`` es un número real finito (no un texto, ni un booleano, ni NaN)."""
    return (
        isinstance(valor, numbers.Real)
        and not isinstance(valor, (bool, np.bool_))
        and bool(np.isfinite(valor))
    )


def entero_positivo(valor: object, nombre: str, minimo: int = 1) -> int:
    """Devuelve ``int(valor)`` si es un entero ≥ ``minimo`` (por defecto 1); si no, ``ValueError``.

    Los booleanos no cuentan como enteros (``True`` no es «1 época»).
    """
    if isinstance(valor, (bool, np.bool_)) or not isinstance(valor, numbers.Integral) or valor < minimo:
        que = "un entero positivo" if minimo == 1 else f"un entero mayor o igual que {minimo}"
        raise ValueError(f"{nombre} debe ser {que}, se recibió {valor!r}")
    return int(valor)


def numero_real(
    valor: object,
    nombre: str,
    minimo: float = -math.inf,
    maximo: float = math.inf,
    incluir_minimo: bool = True,
    incluir_maximo: bool = True,
) -> float:
    """Devuelve ``float(valor)`` si es un número real finito dentro del intervalo pedido.

    - No es un número (un texto, ``None``, ``True``): ``TypeError``.
    - Es NaN o infinito, o está fuera de ``[minimo, maximo]`` (con los extremos abiertos si
      ``incluir_*=False``): ``ValueError``, con el intervalo escrito en el mensaje.
    """
    if isinstance(valor, (bool, np.bool_)) or not isinstance(valor, numbers.Real):
        raise TypeError(f"{nombre} debe ser un número real, se recibió {valor!r}")
    if not np.isfinite(valor):
        raise ValueError(f"{nombre} debe ser un número real finito, se recibió {valor!r}")
    valor = float(valor)
    bajo = valor < minimo if incluir_minimo else valor <= minimo
    alto = valor > maximo if incluir_maximo else valor >= maximo
    if bajo or alto:
        izquierda = ("[" if incluir_minimo else "(") + ("−∞" if minimo == -math.inf else f"{minimo:g}")
        derecha = ("∞" if maximo == math.inf else f"{maximo:g}") + ("]" if incluir_maximo else ")")
        if maximo == math.inf:
            derecha = "∞)"
        raise ValueError(f"{nombre} debe estar en {izquierda}, {derecha}, se recibió {valor!r}")
    return valor


def describir_forma(forma: Sequence[int | str | None]) -> str:
    """Escribe una forma como ``(N, 3)``; ``None`` o un texto se muestran como letra."""
    partes = ["N" if d is None else str(d) for d in forma]
    if len(partes) == 1:
        return f"({partes[0]},)"
    return "(" + ", ".join(partes) + ")"


def como_arreglo(
    x: object,
    nombre: str = "x",
    ndim: int | Sequence[int] | None = None,
    finito: bool = True,
    enteros: bool = False,
) -> np.ndarray:
    """Convierte ``x`` en un arreglo de coma flotante y lo valida.

    - Conserva ``float32`` si ya lo era; todo lo demás pasa a ``float64``.
    - ``enteros=True`` conserva además los arreglos de enteros tal cual (los identificadores
      de *tokens* siguen siendo enteros hasta que una capa ``Embedding`` los lee).
    - ``ndim``: número de ejes permitido (un entero o varios).
    - ``finito``: si es ``True``, rechaza NaN e infinitos.
    """
    try:
        arreglo = np.asarray(x)
    except Exception as error:  # pragma: no cover - objetos muy raros
        raise TypeError(f"{nombre} no se puede convertir en un arreglo de NumPy: {error}") from error
    if arreglo.dtype == object or not (
        np.issubdtype(arreglo.dtype, np.number) or arreglo.dtype == bool
    ):
        raise TypeError(
            f"se esperaba que {nombre} fuera numérico, se recibió tipo {arreglo.dtype}"
        )
    if np.iscomplexobj(arreglo):
        raise TypeError(f"se esperaba que {nombre} fuera real, se recibió un arreglo complejo")
    conservar = arreglo.dtype == np.float32 or (enteros and np.issubdtype(arreglo.dtype, np.integer))
    if not conservar:
        arreglo = arreglo.astype(np.float64, copy=False)
    if ndim is not None:
        permitidos = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arreglo.ndim not in permitidos:
            texto = " o ".join(str(n) for n in permitidos)
            raise ValueError(
                f"se esperaba que {nombre} tuviera {texto} eje(s), "
                f"se recibió forma {tuple(arreglo.shape)} ({arreglo.ndim} eje(s))"
            )
    if finito and arreglo.size and not np.all(np.isfinite(arreglo)):
        raise ValueError(f"{nombre} contiene NaN o infinitos; revisa los datos de entrada")
    return arreglo


def comprobar_forma(
    x: np.ndarray, forma: Sequence[int | str | None], nombre: str = "x"
) -> None:
    """Lanza ``ValueError`` si ``x.shape`` no encaja con ``forma``.

    En ``forma``, ``None`` (o un texto como ``"N"``) acepta cualquier tamaño en ese eje.

    >>> comprobar_forma(np.zeros((5, 4)), (None, 3), "x")
    Traceback (most recent call last):
    ...
    ValueError: se esperaba x de forma (N, 3), se recibió (5, 4)
    """
    forma = tuple(forma)
    encaja = len(x.shape) == len(forma) and all(
        esperado is None or isinstance(esperado, str) or esperado == real
        for esperado, real in zip(forma, x.shape)
    )
    if not encaja:
        raise ValueError(
            f"se esperaba {nombre} de forma {describir_forma(forma)}, "
            f"se recibió {describir_forma(x.shape)}"
        )
