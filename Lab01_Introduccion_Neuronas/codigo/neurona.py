"""La neurona artificial: suma ponderada más activación.

Una neurona recibe un vector de entradas ``x`` (``F`` rasgos), lo multiplica
elemento a elemento por sus pesos ``w``, suma el resultado y le añade un sesgo ``b``:

    z = w · x + b = w₁x₁ + w₂x₂ + … + w_F x_F + b

y devuelve ``a = f(z)``, donde ``f`` es la función de activación.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .validacion import como_arreglo, comprobar_forma

__all__ = [
    "escalon",
    "identidad",
    "sigmoide",
    "FUNCIONES_ACTIVACION",
    "suma_ponderada_bucle",
    "suma_ponderada",
    "Neurona",
    "capa_de_neuronas",
]


def escalon(z: np.ndarray) -> np.ndarray:
    """Función escalón de Heaviside: 1 si ``z >= 0``, 0 en otro caso (misma forma que ``z``)."""
    return (np.asarray(z) >= 0).astype(np.float64)


def identidad(z: np.ndarray) -> np.ndarray:
    """Devuelve ``z`` sin cambios (una neurona «lineal»)."""
    return np.asarray(z, dtype=np.float64) if np.asarray(z).dtype != np.float32 else np.asarray(z)


def sigmoide(z: np.ndarray) -> np.ndarray:
    """Sigmoide ``1 / (1 + e^(-z))``, estable para cualquier ``z`` (también ±1000).

    Para ``z < 0`` se usa la forma equivalente ``e^z / (1 + e^z)``, de modo que
    nunca se calcula la exponencial de un número grande y positivo.
    """
    z = np.asarray(z)
    if z.dtype != np.float32:
        z = z.astype(np.float64)
    e = np.exp(-np.abs(z))  # siempre en (0, 1]: no desborda
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


FUNCIONES_ACTIVACION: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "escalon": escalon,
    "identidad": identidad,
    "sigmoide": sigmoide,
}


def suma_ponderada_bucle(x: Sequence[float], w: Sequence[float], b: float) -> float:
    """``w · x + b`` con un bucle de Python puro, elemento a elemento (lento, pero claro)."""
    if len(x) != len(w):
        raise ValueError(
            f"x y w deben tener la misma longitud; se recibió len(x)={len(x)} y len(w)={len(w)}"
        )
    total = 0.0
    for xi, wi in zip(x, w):
        total += xi * wi
    return total + b


def suma_ponderada(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray | float:
    """``x @ w + b`` con NumPy. ``x``: ``(F,)`` o ``(N, F)``; ``w``: ``(F,)``.

    Devuelve un número si ``x`` es un solo ejemplo y un arreglo ``(N,)`` si es un lote.
    """
    x = como_arreglo(x, "x", ndim=(1, 2))
    w = como_arreglo(w, "w", ndim=1)
    comprobar_forma(x, (None, w.shape[0]) if x.ndim == 2 else (w.shape[0],), "x")
    z = x @ w + b
    return float(z) if x.ndim == 1 else z


class Neurona:
    """Una neurona con pesos ``(F,)``, un sesgo y una activación.

    >>> n = Neurona([1.0, 1.0], sesgo=-1.5)            # una puerta AND
    >>> n.forward([[0, 0], [0, 1], [1, 0], [1, 1]])
    array([0., 0., 0., 1.])
    """

    def __init__(
        self,
        pesos: Sequence[float] | np.ndarray,
        sesgo: float = 0.0,
        activacion: str | Callable[[np.ndarray], np.ndarray] = "escalon",
    ) -> None:
        self.pesos = como_arreglo(pesos, "pesos", ndim=1).copy()
        if self.pesos.size == 0:
            raise ValueError("una neurona necesita al menos un peso")
        if isinstance(sesgo, bool) or not isinstance(sesgo, (int, float, np.integer, np.floating)):
            raise TypeError(f"el sesgo debe ser un número, se recibió {type(sesgo).__name__}: {sesgo!r}")
        if not np.isfinite(sesgo):
            raise ValueError(f"el sesgo debe ser un número finito, se recibió {sesgo!r}")
        self.sesgo = float(sesgo)
        if isinstance(activacion, str):
            if activacion not in FUNCIONES_ACTIVACION:
                raise ValueError(
                    f"activación desconocida: {activacion!r}; "
                    f"se esperaba una de {', '.join(FUNCIONES_ACTIVACION)}"
                )
            self.nombre_activacion = activacion
            self.activacion = FUNCIONES_ACTIVACION[activacion]
        elif callable(activacion):
            self.nombre_activacion = getattr(activacion, "__name__", "personalizada")
            self.activacion = activacion
        else:
            raise TypeError("activacion debe ser un nombre o una función")

    @property
    def n_entradas(self) -> int:
        return int(self.pesos.shape[0])

    def suma(self, x: np.ndarray) -> np.ndarray | float:
        """La parte lineal ``z = w · x + b``."""
        return suma_ponderada(x, self.pesos, self.sesgo)

    def forward(self, x: np.ndarray) -> np.ndarray | float:
        """Salida ``f(w · x + b)``: un número para ``x`` de forma ``(F,)``, ``(N,)`` para ``(N, F)``."""
        z = self.suma(x)
        a = self.activacion(np.asarray(z))
        return float(a) if np.ndim(a) == 0 else a

    __call__ = forward

    def __repr__(self) -> str:
        return (
            f"Neurona(pesos={np.round(self.pesos, 4).tolist()}, sesgo={round(self.sesgo, 4)}, "
            f"activacion={self.nombre_activacion!r})"
        )


def capa_de_neuronas(neuronas: Sequence[Neurona], x: np.ndarray) -> np.ndarray:
    """Aplica varias neuronas a la misma entrada: una *capa*.

    ``x``: ``(F,)`` o ``(N, F)``. Devuelve ``(M,)`` o ``(N, M)`` con ``M`` neuronas.
    Es lo mismo que ``f(x @ W + b)`` con las columnas de ``W`` = los pesos de cada neurona.
    """
    if len(neuronas) == 0:
        raise ValueError("una capa necesita al menos una neurona")
    tamanos = {n.n_entradas for n in neuronas}
    if len(tamanos) != 1:
        raise ValueError(
            f"todas las neuronas de una capa deben tener el mismo número de entradas; "
            f"se recibieron {sorted(tamanos)}"
        )
    salidas = [np.asarray(n.forward(x)) for n in neuronas]
    return np.stack(salidas, axis=-1)
