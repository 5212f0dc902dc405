"""El perceptrón de Rosenblatt (1958) y su regla de aprendizaje.

Para cada ejemplo ``(x, y)`` con ``y ∈ {0, 1}``, se predice ``ŷ = escalón(w · x + b)`` y
se corrige:

    w ← w + η (y − ŷ) x
    b ← b + η (y − ŷ)

Si el ejemplo está bien clasificado, ``y − ŷ = 0`` y nada cambia. Si los datos son
linealmente separables, el algoritmo termina (teorema de convergencia del perceptrón).
"""

from __future__ import annotations

import numpy as np

from .neurona import escalon
from .validacion import como_arreglo, comprobar_forma

__all__ = ["Perceptron", "paso_perceptron", "datos_compuerta", "COMPUERTAS"]

# salidas de cada puerta para las entradas (0, 0), (0, 1), (1, 0), (1, 1), en ese orden
COMPUERTAS = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "NOR": np.array([1, 0, 0, 0]),
    "XOR": np.array([0, 1, 1, 0]),
}


def datos_compuerta(nombre: str) -> tuple[np.ndarray, np.ndarray]:
    """Tabla de verdad de una puerta lógica: ``X`` de forma ``(4, 2)`` y ``y`` de forma ``(4,)``."""
    clave = str(nombre).upper()
    if clave not in COMPUERTAS:
        raise ValueError(
            f"puerta lógica desconocida: {nombre!r}; se esperaba una de {', '.join(COMPUERTAS)}"
        )
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, COMPUERTAS[clave].astype(np.float64)


def _paso(w: np.ndarray, b: float, x: np.ndarray, y: float, tasa: float) -> tuple[np.ndarray, float, bool]:
    """La regla de Rosenblatt sin validar nada (la usa ``fit`` en su bucle): ``(w, b, acerto)``."""
    prediccion = 1.0 if x @ w + b >= 0 else 0.0  # escalón, con escalón(0) = 1
    delta = y - prediccion
    if delta == 0:
        return w, b, True
    return w + tasa * delta * x, b + tasa * delta, False


def paso_perceptron(
    w: np.ndarray, b: float, x: np.ndarray, y: float, tasa: float = 0.1
) -> tuple[np.ndarray, float]:
    """Un paso de la regla del perceptrón con un solo ejemplo.

    ``w``: ``(F,)``, ``x``: ``(F,)``, ``y`` ∈ {0, 1}. Predice ``ŷ = escalón(w · x + b)`` y devuelve
    ``(w + η (y − ŷ) x, b + η (y − ŷ))`` como valores nuevos (no modifica ``w``). Si el ejemplo
    está bien clasificado, devuelve los mismos ``w`` y ``b``.
    """
    w = como_arreglo(w, "w", ndim=1)
    x = como_arreglo(x, "x", ndim=1)
    comprobar_forma(x, w.shape, "x")
    if y not in (0, 1):
        raise ValueError(f"la etiqueta y debe ser 0 o 1, se recibió {y!r}")
    if isinstance(tasa, bool) or not isinstance(tasa, (int, float, np.integer, np.floating)) or not (
        0 < tasa < np.inf
    ):
        raise ValueError(f"la tasa de aprendizaje debe ser un número positivo y finito, se recibió {tasa!r}")
    w_nuevo, b_nuevo, _ = _paso(w, float(b), x, float(y), float(tasa))
    return w_nuevo.copy(), float(b_nuevo)


class Perceptron:
    """Perceptrón binario entrenado con la regla de Rosenblatt.

    Atributos tras ``fit``: ``pesos`` ``(F,)``, ``sesgo``, ``historial_errores``
    (ejemplos mal clasificados en cada época) y ``convergio``.
    """

    def __init__(
        self,
        n_entradas: int,
        tasa_aprendizaje: float = 0.1,
        semilla: int | np.random.Generator | None = None,
    ) -> None:
        if not isinstance(n_entradas, (int, np.integer)) or n_entradas < 1:
            raise ValueError(f"n_entradas debe ser un entero positivo, se recibió {n_entradas!r}")
        if (
            isinstance(tasa_aprendizaje, bool)
            or not isinstance(tasa_aprendizaje, (int, float, np.integer, np.floating))
            or not (0 < tasa_aprendizaje < np.inf)
        ):
            raise ValueError(
                "la tasa de aprendizaje debe ser un número positivo y finito, "
                f"se recibió {tasa_aprendizaje!r}"
            )
        self.n_entradas = int(n_entradas)
        self.tasa_aprendizaje = float(tasa_aprendizaje)
        self.rng = (
            semilla if isinstance(semilla, np.random.Generator) else np.random.default_rng(semilla)
        )
        self.pesos = self.rng.normal(0.0, 0.01, size=self.n_entradas)
        self.sesgo = 0.0
        self.historial_errores: list[int] = []
        self.convergio = False

    def _validar(self, X: np.ndarray) -> np.ndarray:
        X = como_arreglo(X, "X", ndim=2)
        comprobar_forma(X, (None, self.n_entradas), "X")
        return X

    def suma(self, X: np.ndarray) -> np.ndarray:
        """La parte lineal ``X @ w + b`` para un lote ``(N, F)`` → ``(N,)``."""
        return self._validar(X) @ self.pesos + self.sesgo

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Clases predichas (0 o 1), forma ``(N,)``."""
        return escalon(self.suma(X))

    def fit(
        self, X: np.ndarray, y: np.ndarray, epocas: int = 20, barajar: bool = True
    ) -> Perceptron:
        """Recorre los datos ``epocas`` veces aplicando la regla del perceptrón.

        Se detiene antes si una época entera no tiene errores (``convergio = True``).
        """
        X = self._validar(X)
        y = como_arreglo(y, "y", ndim=1)
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"X e y deben tener el mismo número de ejemplos; "
                f"se recibió X con {X.shape[0]} e y con {y.shape[0]}"
            )
        if not np.all((y == 0) | (y == 1)):
            raise ValueError("las etiquetas y deben ser 0 o 1")
        if not isinstance(epocas, (int, np.integer)) or epocas < 1:
            raise ValueError(f"epocas debe ser un entero positivo, se recibió {epocas!r}")
        self.historial_errores = []
        self.convergio = False
        for _ in range(epocas):
            orden = self.rng.permutation(len(X)) if barajar else np.arange(len(X))
            errores = 0
            for i in orden:  # el perceptrón clásico aprende de un ejemplo cada vez
                self.pesos, self.sesgo, acerto = _paso(
                    self.pesos, self.sesgo, X[i], y[i], self.tasa_aprendizaje
                )
                errores += 0 if acerto else 1
            self.historial_errores.append(errores)
            if errores == 0:
                self.convergio = True
                break
        return self

    def exactitud(self, X: np.ndarray, y: np.ndarray) -> float:
        """Fracción de ejemplos bien clasificados. ``X``: ``(N, F)``; ``y``: ``(N,)``."""
        prediccion = self.predict(X)
        y = como_arreglo(y, "y", ndim=1)
        if y.shape != prediccion.shape:
            # sin esta comprobación, una y de forma (N, 1) se compararía por broadcasting
            # con las N predicciones y daría una exactitud sin sentido
            raise ValueError(
                f"se esperaba y de forma ({prediccion.shape[0]},), se recibió {tuple(y.shape)}"
            )
        return float(np.mean(prediccion == y))

    def __repr__(self) -> str:
        return (
            f"Perceptron(pesos={np.round(self.pesos, 4).tolist()}, "
            f"sesgo={round(self.sesgo, 4)}, tasa_aprendizaje={self.tasa_aprendizaje})"
        )
