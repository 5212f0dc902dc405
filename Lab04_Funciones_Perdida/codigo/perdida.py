"""La clase base ``Perdida``: un número que mide lo lejos que está la predicción del objetivo.

Todas las pérdidas del curso siguen el mismo protocolo (como ``torch.nn.MSELoss`` y compañía):

- ``forward(prediccion, objetivo) -> float``: la pérdida media del lote; guarda lo que
  ``backward`` necesita. ``perdida(prediccion, objetivo)`` es lo mismo.
- ``backward() -> np.ndarray``: el gradiente ``dL/dprediccion``, con la forma de ``prediccion``.
  Es el primer eslabón de la retropropagación (Lab05): de aquí sale el gradiente que
  recorre la red hacia atrás.
- ``por_elemento(prediccion, objetivo)``: las pérdidas individuales, sin promediar
  (lo que PyTorch llama ``reduction="none"``).

Las subclases sólo escriben tres piezas: ``_preparar`` (validar), ``_valores``
(pérdida de cada elemento) y ``_derivada`` (derivada de cada término respecto a la predicción).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma

__all__ = ["Perdida", "preparar_misma_forma"]


def preparar_misma_forma(prediccion: object, objetivo: object) -> tuple[np.ndarray, np.ndarray]:
    """Convierte ambos en arreglos finitos no vacíos y exige que tengan la misma forma.

    No se permite la difusión (*broadcasting*) silenciosa: ``(N, 1)`` contra ``(N,)``
    produciría una matriz ``(N, N)`` y una pérdida sin sentido.
    """
    p = como_arreglo(prediccion, "prediccion")
    y = como_arreglo(objetivo, "objetivo")
    if p.ndim == 0:
        raise ValueError(
            "se esperaba prediccion con al menos un eje (el lote), se recibió un número suelto; "
            "envuélvelo en un arreglo: np.array([valor])"
        )
    if p.size == 0:
        raise ValueError("el lote está vacío: prediccion no tiene ningún elemento")
    try:
        comprobar_forma(y, p.shape, "objetivo")
    except ValueError as error:
        pista = (
            "; tienen los mismos elementos: usa objetivo.reshape(prediccion.shape)"
            if (y.size == p.size)
            else ""
        )
        raise ValueError(f"{error} (la forma de prediccion){pista}") from None
    return p, y


class Perdida:
    """Clase base de las funciones de pérdida (media sobre el lote)."""

    def __init__(self) -> None:
        self._cache: tuple[np.ndarray, np.ndarray, int] | None = None

    # --- lo que cada pérdida concreta define --------------------------------
    def _preparar(self, prediccion: object, objetivo: object) -> tuple[np.ndarray, np.ndarray]:
        """Valida y convierte las entradas (por defecto: misma forma)."""
        return preparar_misma_forma(prediccion, objetivo)

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        """Pérdida de cada término (elemento o ejemplo), sin promediar."""
        raise NotImplementedError(f"{type(self).__name__} no implementa _valores")

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        """``d(suma de _valores)/dprediccion``; forma de ``prediccion``."""
        raise NotImplementedError(f"{type(self).__name__} no implementa _derivada")

    def _n_terminos(self, prediccion: np.ndarray, objetivo: np.ndarray, valores: np.ndarray) -> int:
        """Entre cuántos términos se divide la suma (todos; la entropía cruzada descuenta el relleno)."""
        return valores.size

    # --- el protocolo común ------------------------------------------------
    def por_elemento(self, prediccion: object, objetivo: object) -> np.ndarray:
        """Las pérdidas individuales (la media de este arreglo es ``forward``)."""
        p, y = self._preparar(prediccion, objetivo)
        return self._valores(p, y)

    def forward(self, prediccion: object, objetivo: object) -> float:
        """Pérdida media del lote (un ``float``). Guarda las entradas para ``backward``."""
        p, y = self._preparar(prediccion, objetivo)
        valores = self._valores(p, y)
        n_terminos = max(self._n_terminos(p, y, valores), 1)  # la media divide entre este número
        self._cache = (p, y, n_terminos)
        return float(np.sum(valores, dtype=np.float64) / n_terminos)

    def __call__(self, prediccion: object, objetivo: object) -> float:
        return self.forward(prediccion, objetivo)

    def backward(self) -> np.ndarray:
        """Gradiente ``dL/dprediccion`` del último ``forward`` (con la forma de ``prediccion``)."""
        if self._cache is None:
            raise RuntimeError(
                f"{type(self).__name__}.backward() necesita una llamada previa a forward("
                "prediccion, objetivo): el gradiente depende de esos valores"
            )
        p, y, n_terminos = self._cache
        grad = self._derivada(p, y) / n_terminos
        return grad.astype(p.dtype, copy=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
