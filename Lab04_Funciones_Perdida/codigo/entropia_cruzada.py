"""Entropía cruzada binaria y categórica, desde probabilidades o desde logits.

La entropía cruzada es la log-verosimilitud negativa: ``−log(probabilidad que el modelo
dio a la respuesta correcta)``. Si esa probabilidad es 0, ``log(0) = −∞``. Dos remedios:

- **recortar** (*clipping*): con probabilidades, se usa ``clip(p, ε, 1 − ε)`` con
  ``ε = 1e-12`` (o la precisión del tipo en float32). El valor queda finito, pero
  donde se recorta la derivada es 0: el modelo no aprende de ese ejemplo.
  PyTorch (``nn.BCELoss``) no recorta ``p``: limita ``log`` a −100. Dentro de
  ``[ε, 1 − ε]`` ambos dan lo mismo; en los extremos, el valor difiere.
- **trabajar con logits** (``desde_logits=True``): ``log_sigmoide`` y ``log_softmax``
  (Lab03, con el truco *log-sum-exp*) dan el logaritmo exacto sin calcular nunca ``log(0)``,
  y el gradiente es sencillísimo: ``(sigmoide(z) − y)/n`` y ``(softmax(z) − y)/N``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, es_real, sigmoide
from Lab03_Funciones_Activacion.codigo import log_sigmoide, log_softmax, softmax

from .etiquetas import _es_entero, comprobar_probabilidades, validar_etiquetas
from .perdida import Perdida, preparar_misma_forma

__all__ = ["EPSILON", "EntropiaCruzadaBinaria", "EntropiaCruzada"]

EPSILON = 1e-12

_PISTA_LOGITS = "; si son puntuaciones sin normalizar (logits), usa desde_logits=True"


def _validar_booleano(valor: object, nombre: str) -> bool:
    if not isinstance(valor, (bool, np.bool_)):
        raise TypeError(f"{nombre} debe ser True o False, se recibió {valor!r}")
    return bool(valor)


def _validar_epsilon(epsilon: object) -> float:
    if not es_real(epsilon) or not 0 < epsilon < 0.5:
        raise ValueError(f"epsilon debe ser un número en (0, 0.5), se recibió {epsilon!r}")
    return float(epsilon)


def _epsilon_efectivo(epsilon: float, dtype: np.dtype) -> float:
    """En float32, ``1 − 1e-12`` se redondea a 1: el recorte mínimo es la precisión del tipo."""
    return max(epsilon, float(np.finfo(dtype).eps))


class EntropiaCruzadaBinaria(Perdida):
    """Entropía cruzada binaria ``−[y·log p + (1 − y)·log(1 − p)]``, media de todos los elementos.

    - ``desde_logits=False`` (``nn.BCELoss``): ``prediccion`` son probabilidades en [0, 1].
    - ``desde_logits=True`` (``nn.BCEWithLogitsLoss``): ``prediccion`` son logits ``z``
      (cualquier número real) y ``p = sigmoide(z)`` se aplica dentro, de forma estable.

    ``objetivo`` tiene la forma de ``prediccion`` y valores en [0, 1] (0/1 o suaves).
    """

    def __init__(self, desde_logits: bool = False, epsilon: float = EPSILON) -> None:
        super().__init__()
        self.desde_logits = _validar_booleano(desde_logits, "desde_logits")
        self.epsilon = _validar_epsilon(epsilon)

    def _preparar(self, prediccion: object, objetivo: object) -> tuple[np.ndarray, np.ndarray]:
        p, y = preparar_misma_forma(prediccion, objetivo)
        if not self.desde_logits:
            comprobar_probabilidades(p, "prediccion", pista=_PISTA_LOGITS)
        comprobar_probabilidades(y, "objetivo", pista=" (etiquetas 0/1 o probabilidades)")
        return p, y

    def _recortar(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        eps = _epsilon_efectivo(self.epsilon, p.dtype)
        return np.clip(p, eps, 1.0 - eps), (p >= eps) & (p <= 1.0 - eps)

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        if self.desde_logits:
            # log(1 − sigmoide(z)) = log(sigmoide(−z)): ninguna resta cercana a 0
            return -(objetivo * log_sigmoide(prediccion) + (1 - objetivo) * log_sigmoide(-prediccion))
        p, _ = self._recortar(prediccion)
        return -(objetivo * np.log(p) + (1 - objetivo) * np.log1p(-p))

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        if self.desde_logits:
            return sigmoide(prediccion) - objetivo
        p, dentro = self._recortar(prediccion)
        return np.where(dentro, (p - objetivo) / (p * (1 - p)), 0.0)

    def __repr__(self) -> str:
        return f"EntropiaCruzadaBinaria(desde_logits={self.desde_logits})"


class EntropiaCruzada(Perdida):
    """Entropía cruzada categórica ``−Σ_c y_c·log p_c`` por ejemplo, media de los ejemplos.

    - ``prediccion`` ``(N, C)``: logits (``desde_logits=True``, ``nn.CrossEntropyLoss``) o
      probabilidades cuyas filas suman 1 (``desde_logits=False``, ``nn.NLLLoss`` de ``log p``).
      En secuencias, ``(N, T, C)``: una distribución por posición; la media es sobre las ``N·T``
      posiciones (PyTorch pone las clases en el eje 1, ``(N, C, T)``; aquí van al final, como
      las da una ``CapaDensa``).
    - ``objetivo``: etiquetas enteras con la forma de ``prediccion`` sin su último eje (``(N,)`` o
      ``(N, T)``), en ``[0, C)``; o distribuciones con la forma de ``prediccion`` (one-hot o suaves).
    - ``ignorar_indice``: la etiqueta del relleno (*padding*, el ``ignore_index`` de PyTorch). Esas
      posiciones no cuentan: ni suman a la pérdida ni entran en la media, y su gradiente es 0. Si
      todas son relleno, la pérdida es 0 (PyTorch daría NaN). Sin ``ignorar_indice`` (por
      defecto) cualquier etiqueta fuera de ``[0, C)`` es un error.

    Con logits, el gradiente combinado softmax + entropía cruzada es ``(softmax(z) − y)/n``, con
    ``n`` el número de posiciones que cuentan.
    """

    def __init__(self, desde_logits: bool = True, epsilon: float = EPSILON,
                 ignorar_indice: int | None = None) -> None:
        super().__init__()
        self.desde_logits = _validar_booleano(desde_logits, "desde_logits")
        self.epsilon = _validar_epsilon(epsilon)
        if ignorar_indice is not None and not _es_entero(ignorar_indice):
            raise TypeError(f"ignorar_indice debe ser un entero (la etiqueta del relleno) o None, "
                            f"se recibió {ignorar_indice!r}")
        self.ignorar_indice = None if ignorar_indice is None else int(ignorar_indice)

    def _etiquetas_a_distribucion(self, y: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Etiquetas ``(…)`` → one-hot ``(…, C)``; las posiciones de relleno quedan a 0."""
        c = p.shape[-1]
        plana = y.reshape(-1)
        cuenta = np.ones(plana.shape, dtype=bool)
        if self.ignorar_indice is not None:
            cuenta = plana != self.ignorar_indice
            plana = np.where(cuenta, plana, 0)
        etiquetas = validar_etiquetas(plana, c, "objetivo")
        distribucion = np.zeros((etiquetas.shape[0], c), dtype=p.dtype)
        distribucion[np.arange(etiquetas.shape[0]), etiquetas] = 1.0
        distribucion[~cuenta] = 0.0
        return distribucion.reshape(p.shape)

    def _preparar(self, prediccion: object, objetivo: object) -> tuple[np.ndarray, np.ndarray]:
        p = como_arreglo(prediccion, "prediccion")
        if p.ndim < 2:
            raise ValueError(
                "se esperaba prediccion de forma (N, C) (una fila por ejemplo y una columna por "
                f"clase) o (N, T, C) en secuencias, se recibió {describir_forma(p.shape)}"
            )
        if p.size == 0:
            raise ValueError(f"el lote está vacío: prediccion tiene forma {describir_forma(p.shape)}")
        if not self.desde_logits:
            comprobar_probabilidades(p, "prediccion", eje=-1, pista=_PISTA_LOGITS)
        y = np.asarray(objetivo)
        if y.shape == p.shape[:-1]:
            return p, self._etiquetas_a_distribucion(y, p)
        if y.shape == p.shape:
            y = como_arreglo(y, "objetivo")
            comprobar_probabilidades(y, "objetivo", eje=-1, pista=" (one-hot o suave)")
            return p, y
        if p.ndim == 2 and y.ndim == 1:
            raise ValueError(
                f"se esperaban {p.shape[0]} etiquetas (una por fila de prediccion), "
                f"se recibieron {y.shape[0]}"
            )
        forma_etiquetas = describir_forma(p.shape[:-1])
        raise ValueError(
            f"se esperaba objetivo de forma {forma_etiquetas} (etiquetas) o {describir_forma(p.shape)} "
            f"(one-hot, como prediccion), se recibió {describir_forma(y.shape)}"
        )

    def _log_probabilidades(self, prediccion: np.ndarray) -> np.ndarray:
        if self.desde_logits:
            return log_softmax(prediccion, eje=-1)
        eps = _epsilon_efectivo(self.epsilon, prediccion.dtype)
        return np.log(np.clip(prediccion, eps, 1.0))

    def _valores(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        return -(objetivo * self._log_probabilidades(prediccion)).sum(axis=-1)

    def _n_terminos(self, prediccion: np.ndarray, objetivo: np.ndarray, valores: np.ndarray) -> int:
        # las posiciones de relleno tienen una distribución objetivo toda a 0; las demás suman 1
        return int(np.count_nonzero(objetivo.sum(axis=-1) > 0))

    def _derivada(self, prediccion: np.ndarray, objetivo: np.ndarray) -> np.ndarray:
        if self.desde_logits:
            # = softmax(z) − y, porque cada fila de y suma 1 (o 0 en el relleno, que da 0); así es
            # exacta aunque la suma se desvíe de 1 en el último decimal (la fórmula de PyTorch)
            return softmax(prediccion, eje=-1) * objetivo.sum(axis=-1, keepdims=True) - objetivo
        eps = _epsilon_efectivo(self.epsilon, prediccion.dtype)
        return np.where(prediccion >= eps, -objetivo / np.maximum(prediccion, eps), 0.0)

    def __repr__(self) -> str:
        extra = "" if self.ignorar_indice is None else f", ignorar_indice={self.ignorar_indice}"
        return f"EntropiaCruzada(desde_logits={self.desde_logits}{extra})"
