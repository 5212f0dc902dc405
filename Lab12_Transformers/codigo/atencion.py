"""Atención de producto escalado y sus máscaras, en NumPy.

Cada posición de una secuencia hace una **pregunta** (``q``, *query*), cada posición ofrece
una **clave** (``k``, *key*) y un **valor** (``v``, *value*). La atención compara cada
pregunta con todas las claves y devuelve una media de los valores, pesada por el parecido:

    puntuaciones = q kᵀ / √d          (N, [H,] Tq, Tk)
    pesos        = softmax(puntuaciones + máscara)   (cada fila suma 1)
    salida       = pesos v            (N, [H,] Tq, d_v)

Se divide por ``√d`` porque el producto de dos vectores de ``d`` componentes de varianza 1
tiene varianza ``d``: sin dividir, la softmax se satura y su gradiente se apaga.

**Máscaras.** Una máscara es un arreglo ``bool`` que se difunde (*broadcast*) a
``(N, [H,] Tq, Tk)``: ``True`` = la pareja (pregunta, clave) **participa**, ``False`` = se
ignora (su puntuación pasa a −∞ y su peso a 0). Es la convención de
``torch.nn.functional.scaled_dot_product_attention`` con un ``attn_mask`` booleano. (Cuidado:
``nn.MultiheadAttention`` y ``nn.TransformerEncoderLayer`` usan la contraria: ``True`` = **no**
mirar; se convierte con ``~mascara``.)

- ``mascara_causal(T)``: ``(T, T)``, triangular inferior: la posición ``t`` sólo ve ``≤ t``.
- ``mascara_relleno(longitudes, T)``: ``(N, 1, T)``: las claves de relleno no se miran.

**Filas enteramente enmascaradas.** Si una pregunta no puede mirar ninguna clave, la softmax
no está definida (0/0). Aquí se decide, y se documenta, que esa fila tiene **pesos 0 y salida
0** (y gradiente 0), sin NaN. Es lo que hace también
``F.scaled_dot_product_attention`` de PyTorch 2.13 en la CPU; versiones antiguas (y el cálculo
escrito a mano, ``softmax`` de una fila toda ``-inf``) dan NaN.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa

__all__ = ["mascara_causal", "mascara_relleno", "combinar_mascaras", "validar_mascara",
           "AtencionProductoEscalado"]


def mascara_causal(T: int) -> np.ndarray:
    """Máscara ``(T, T)`` ``bool`` triangular inferior (con la diagonal): ``[t, s] = s ≤ t``.

    >>> mascara_causal(3).astype(int)
    array([[1, 0, 0],
           [1, 1, 0],
           [1, 1, 1]])
    """
    T = entero_positivo(T, "T")
    return np.tril(np.ones((T, T), dtype=bool))


def mascara_relleno(longitudes: np.ndarray, T: int) -> np.ndarray:
    """Máscara ``(N, 1, T)`` ``bool``: ``True`` en las ``longitudes[n]`` primeras posiciones (los
    *tokens* reales) y ``False`` en el relleno. El eje 1 (de tamaño 1) se difunde a todas las
    preguntas: ninguna pregunta mira una clave de relleno."""
    T = entero_positivo(T, "T")
    longitudes = np.asarray(longitudes)
    if longitudes.ndim != 1 or not np.issubdtype(longitudes.dtype, np.integer) or longitudes.size == 0:
        raise ValueError(f"se esperaban longitudes enteras de forma (N,), se recibió tipo "
                         f"{longitudes.dtype} y forma {describir_forma(longitudes.shape)}")
    if np.any((longitudes < 0) | (longitudes > T)):
        raise ValueError(f"cada longitud debe estar en [0, {T}], se recibió {longitudes.tolist()}")
    return (np.arange(T) < longitudes[:, None])[:, None, :]


def combinar_mascaras(*mascaras: np.ndarray | None) -> np.ndarray | None:
    """Y lógico de varias máscaras (las ``None`` se saltan): una pareja participa si todas la dejan.

    ``combinar_mascaras(mascara_causal(T), mascara_relleno(L, T))`` → ``(N, T, T)``.
    """
    resultado = None
    for mascara in mascaras:
        if mascara is None:
            continue
        mascara = np.asarray(mascara)
        if mascara.dtype != bool:
            raise TypeError(f"las máscaras deben ser de tipo bool (True = participa), se recibió "
                            f"tipo {mascara.dtype}")
        try:
            resultado = mascara if resultado is None else resultado & mascara
        except ValueError:
            raise ValueError(f"las máscaras no se pueden combinar: formas "
                             f"{describir_forma(resultado.shape)} y {describir_forma(mascara.shape)} "
                             "no son compatibles") from None
    return resultado


def validar_mascara(mascara: object, forma: tuple[int, ...], nombre: str = "la máscara") -> np.ndarray:
    """Comprueba que ``mascara`` es ``bool`` y se difunde a ``forma`` (alineando por la derecha)."""
    mascara = np.asarray(mascara)
    if mascara.dtype != bool:
        raise TypeError(f"{nombre} debe ser de tipo bool (True = participa, como en "
                        f"scaled_dot_product_attention), se recibió tipo {mascara.dtype}; "
                        "p. ej. mascara_causal(T) o mascara_relleno(longitudes, T)")
    encaja = mascara.ndim <= len(forma) and all(
        m in (1, f) for m, f in zip(mascara.shape[::-1], forma[::-1]))
    if not encaja:
        raise ValueError(f"{nombre} debe poder difundirse a la forma {describir_forma(forma)}, "
                         f"se recibió {describir_forma(mascara.shape)}")
    return mascara


class AtencionProductoEscalado(Capa):
    """``softmax(q kᵀ/√d + máscara) v``, sin parámetros; guarda ``pesos`` (el mapa de atención).

    - ``q``: ``(N, Tq, d)`` o ``(N, H, Tq, d)`` (con cabezas); ``k``: ``(N, [H,] Tk, d)``;
      ``v``: ``(N, [H,] Tk, d_v)``. Los ejes delanteros de los tres deben coincidir.
    - ``mascara``: ``bool``, difundible a ``(N, [H,] Tq, Tk)`` (``True`` = participa; la
      convención de ``F.scaled_dot_product_attention``). Se alinea por la derecha, como en NumPy:
      ``(Tq, Tk)`` vale para todos los ejemplos; con cabezas, una máscara por ejemplo es
      ``(N, 1, Tq, Tk)``.
    - Devuelve ``(N, [H,] Tq, d_v)``; ``backward(grad)`` devuelve ``(dq, dk, dv)``.

    Una fila sin ninguna clave permitida da pesos 0 y salida 0 (no NaN).

    >>> capa = AtencionProductoEscalado()
    >>> q = np.ones((2, 3, 4))
    >>> capa.forward(q, q, q, mascara_causal(3)).shape, capa.pesos.shape
    ((2, 3, 4), (2, 3, 3))
    """

    def __init__(self) -> None:
        super().__init__()
        self.pesos: np.ndarray | None = None  # (N, [H,] Tq, Tk)
        self._cache: tuple[np.ndarray, np.ndarray, np.ndarray, float] | None = None

    def _validar(self, q: object, k: object, v: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        q = como_arreglo(q, "q")
        k = como_arreglo(k, "k")
        v = como_arreglo(v, "v")
        if q.ndim not in (3, 4):
            raise ValueError(f"se esperaba q de forma (N, Tq, d) o (N, H, Tq, d), se recibió "
                             f"{describir_forma(q.shape)}")
        delante = q.shape[:-2]
        if k.shape[:-2] != delante or k.ndim != q.ndim or k.shape[-1] != q.shape[-1]:
            raise ValueError(f"se esperaba k de forma {describir_forma(delante + ('Tk', q.shape[-1]))} "
                             f"(como q en los ejes delanteros y en d), se recibió "
                             f"{describir_forma(k.shape)}")
        if v.ndim != q.ndim or v.shape[:-1] != k.shape[:-1]:
            raise ValueError(f"se esperaba v de forma {describir_forma(k.shape[:-1] + ('d_v',))} "
                             f"(las mismas posiciones que k), se recibió {describir_forma(v.shape)}")
        tipo = np.result_type(q, k, v)  # sin parámetros: se conserva el tipo de la entrada
        return q.astype(tipo, copy=False), k.astype(tipo, copy=False), v.astype(tipo, copy=False)

    def forward(self, q: np.ndarray, k: np.ndarray, v: np.ndarray,
                mascara: np.ndarray | None = None) -> np.ndarray:
        """``(N, [H,] Tq, d)``, ``(N, [H,] Tk, d)``, ``(N, [H,] Tk, d_v)`` → ``(N, [H,] Tq, d_v)``."""
        q, k, v = self._validar(q, k, v)
        escala = 1.0 / np.sqrt(q.shape[-1])
        puntuaciones = q @ k.swapaxes(-1, -2)                      # (N, [H,] Tq, Tk)
        puntuaciones *= escala          # (las operaciones «en su sitio» evitan copias grandes)
        if mascara is not None:
            mascara = validar_mascara(mascara, puntuaciones.shape)
            np.copyto(puntuaciones, -np.inf, where=~mascara)       # False → −∞ → peso 0
        # softmax estable: se resta el máximo de cada fila (0 si la fila está toda enmascarada)
        maximo = puntuaciones.max(axis=-1, keepdims=True)
        if mascara is not None:
            maximo[np.isneginf(maximo)] = 0.0
        puntuaciones -= maximo
        pesos = np.exp(puntuaciones, out=puntuaciones)             # exp(−∞) = 0
        suma = pesos.sum(axis=-1, keepdims=True)
        if mascara is not None:
            suma[suma == 0.0] = 1.0                                # fila vacía: pesos 0, no 0/0
        pesos /= suma
        self.pesos = pesos
        self._cache = (q, k, v, escala)
        return pesos @ v

    def backward(self, grad: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``∂L/∂salida`` ``(N, [H,] Tq, d_v)`` → ``(∂L/∂q, ∂L/∂k, ∂L/∂v)``.

        Con ``P`` = pesos y ``S`` = puntuaciones: ``dv = Pᵀ g``, ``dP = g vᵀ``,
        ``dS = P ⊙ (dP − Σ_fila dP ⊙ P)`` (la derivada de la softmax), ``dq = dS k / √d`` y
        ``dk = dSᵀ q / √d``. Donde la máscara dice ``False``, ``P = 0`` y no pasa gradiente.
        """
        if self._cache is None:
            raise RuntimeError("AtencionProductoEscalado.backward se llamó antes que forward")
        q, k, v, escala = self._cache
        pesos = self.pesos
        grad = como_arreglo(grad, "el gradiente de la atención")
        forma = q.shape[:-1] + v.shape[-1:]
        if grad.shape != forma:
            raise ValueError(f"se esperaba el gradiente de la atención de forma {describir_forma(forma)}, "
                             f"se recibió {describir_forma(grad.shape)}")
        grad = grad.astype(q.dtype, copy=False)
        dv = pesos.swapaxes(-1, -2) @ grad                          # (N, [H,] Tk, d_v)
        dP = grad @ v.swapaxes(-1, -2)                               # (N, [H,] Tq, Tk)
        dP -= (dP * pesos).sum(axis=-1, keepdims=True)
        dP *= pesos
        dS = dP                                  # (se reutiliza la memoria de dP)
        dS *= escala
        dq = dS @ k                                                  # (N, [H,] Tq, d)
        dk = dS.swapaxes(-1, -2) @ q                                 # (N, [H,] Tk, d)
        return dq, dk, dv

    def __repr__(self) -> str:
        return "AtencionProductoEscalado()"
