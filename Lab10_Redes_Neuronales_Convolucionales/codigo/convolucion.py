"""``Conv2D``: la capa convolucional, escrita primero con bucles y después con ``im2col``.

Formas (el lote primero, como en PyTorch):

- ``x``: ``(N, C_in, H, W)``
- ``W``: ``(C_out, C_in, kh, kw)`` — igual que ``weight`` de ``torch.nn.Conv2d``; ``b``: ``(C_out,)``
- ``y``: ``(N, C_out, H_out, W_out)`` con ``H_out = ⌊(H + 2·relleno − kh)/paso⌋ + 1`` (ídem ``W_out``)

Lo que calcula es una **correlación cruzada**, como PyTorch y todas las bibliotecas de deep
learning (que la llaman «convolución»): el núcleo **no** se voltea,

    y[n, o, i, j] = b[o] + Σ_c Σ_a Σ_e  W[o, c, a, e] · x_rellena[n, c, i·paso + a, j·paso + e]

Como los pesos se aprenden, voltear o no da igual: la red aprendería el núcleo volteado. La
convolución de los libros de señales (núcleo volteado) es ``convolucion2d``.

Hacia atrás, con ``g = ∂L/∂y``: cada salida usó un parche y el núcleo, así que

- ``∂L/∂W[o] = Σ_{n,i,j} g[n, o, i, j] · parche(n, i, j)``  y  ``∂L/∂b[o] = Σ_{n,i,j} g[n, o, i, j]``
- ``∂L/∂parche(n, i, j) = Σ_o g[n, o, i, j] · W[o]``, que se suma en el sitio del parche.

Con ``im2col`` las tres son productos de matrices (``col2im`` hace la suma en su sitio).
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, comprobar_forma, describir_forma, entero_positivo
from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, crear_generador, inicializar_pesos

from .im2col import col2im, im2col, par_de_enteros, tamano_salida

__all__ = ["Conv2D", "correlacion2d", "convolucion2d", "METODOS_CONVOLUCION"]

#: ``"bucles"``: la versión que se escribe primero (recorre las posiciones de salida);
#: ``"im2col"``: la rápida (una multiplicación de matrices).
METODOS_CONVOLUCION = ("bucles", "im2col")


def _pesos_iniciales(c_out: int, c_in: int, kh: int, kw: int, metodo: str,
                     rng: np.random.Generator, dtype: type) -> np.ndarray:
    """``(C_out, C_in, kh, kw)`` con la inicialización del Lab02 y ``fan_in = C_in·kh·kw``.

    Cada núcleo aplanado es una «neurona» con ``fan_in`` entradas: se pide al Lab02 una matriz
    ``(fan_in, C_out)`` y se reordena. Xavier usa además ``fan_out = C_out·kh·kw`` (como PyTorch),
    así que su escala se corrige de ``fan_in + C_out`` a ``fan_in + fan_out``.
    """
    fan_in, fan_out = c_in * kh * kw, c_out * kh * kw
    pesos = inicializar_pesos(fan_in, c_out, metodo, rng).T.reshape(c_out, c_in, kh, kw)
    if metodo.startswith("xavier"):
        pesos = pesos * np.sqrt((fan_in + c_out) / (fan_in + fan_out))
    return np.ascontiguousarray(pesos, dtype=dtype)


class Conv2D(Capa):
    """Convolución 2-D (correlación cruzada) de ``canales_entrada`` a ``canales_salida`` canales.

    - ``tamano_nucleo``, ``paso``, ``relleno``: un entero o una pareja ``(alto, ancho)``. El
      relleno es de ceros, ``relleno`` filas/columnas a cada lado.
    - ``inicializacion``: un método del Lab02 (``"he"`` por defecto, con ``fan_in = C_in·kh·kw``).
    - ``metodo``: ``"im2col"`` (rápido, por defecto) o ``"bucles"`` (el que se lee como la fórmula);
      los dos dan el mismo resultado, hacia delante y hacia atrás.
    - Calcula en el dtype de sus pesos (``dtype``): una entrada de otro tipo se convierte.

    >>> capa = Conv2D(3, 8, 3, relleno=1, semilla=0)
    >>> capa.forward(np.zeros((2, 3, 16, 16))).shape
    (2, 8, 16, 16)
    """

    def __init__(self, canales_entrada: int, canales_salida: int, tamano_nucleo: int | tuple[int, int],
                 paso: int | tuple[int, int] = 1, relleno: int | tuple[int, int] = 0, sesgo: bool = True,
                 inicializacion: str = "he", semilla: int | np.random.Generator | None = None,
                 dtype: type = np.float64, metodo: str = "im2col") -> None:
        super().__init__()
        self.canales_entrada = entero_positivo(canales_entrada, "canales_entrada")
        self.canales_salida = entero_positivo(canales_salida, "canales_salida")
        self.tamano_nucleo = par_de_enteros(tamano_nucleo, "tamano_nucleo")
        self.paso = par_de_enteros(paso, "paso")
        self.relleno = par_de_enteros(relleno, "relleno", minimo=0)
        if metodo not in METODOS_CONVOLUCION:
            raise ValueError(f"metodo debe ser uno de {', '.join(METODOS_CONVOLUCION)}, "
                             f"se recibió {metodo!r}")
        self.metodo = metodo
        kh, kw = self.tamano_nucleo
        pesos = _pesos_iniciales(self.canales_salida, self.canales_entrada, kh, kw, inicializacion,
                                 crear_generador(semilla), dtype)
        self.W = Parametro(pesos, "W")
        self.b = Parametro(np.zeros(self.canales_salida, dtype=dtype), "b") if sesgo else None
        self._cache: tuple | None = None  # lo que backward necesita del último forward

    # --- validación (una vez, a la entrada) ------------------------------------
    def _validar(self, x: object) -> tuple[np.ndarray, int, int]:
        x = como_arreglo(x, "la entrada de Conv2D")
        comprobar_forma(x, (None, self.canales_entrada, "H", "W"), "la entrada de Conv2D")
        kh, kw = self.tamano_nucleo
        try:
            h_out = tamano_salida(x.shape[2], kh, self.paso[0], self.relleno[0])
            w_out = tamano_salida(x.shape[3], kw, self.paso[1], self.relleno[1])
        except ValueError as error:
            raise ValueError(
                f"en Conv2D, el núcleo {kh}×{kw} no cabe en la entrada {x.shape[2]}×{x.shape[3]} "
                f"con relleno {self.relleno}: {error}"
            ) from None
        return x.astype(self.W.datos.dtype, copy=False), h_out, w_out

    # --- protocolo de capa -----------------------------------------------------
    def forward(self, x: np.ndarray) -> np.ndarray:
        """``(N, C_in, H, W)`` → ``(N, C_out, H_out, W_out)``."""
        x, h_out, w_out = self._validar(x)
        if self.metodo == "bucles":
            y = self._forward_bucles(x, h_out, w_out)
        else:
            y = self._forward_im2col(x, h_out, w_out)
        if self.b is not None:
            y = y + self.b.datos.reshape(1, -1, 1, 1)
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        """Recibe ``∂L/∂y`` ``(N, C_out, H_out, W_out)``, acumula ``W.grad`` y ``b.grad``.

        Devuelve ``∂L/∂x`` con la forma de la entrada, ``(N, C_in, H, W)``.
        """
        if self._cache is None:
            raise RuntimeError("Conv2D.backward se llamó antes que forward: no hay entrada guardada")
        forma_x, h_out, w_out = self._cache[0], self._cache[1], self._cache[2]
        grad = como_arreglo(grad, "el gradiente de Conv2D")
        comprobar_forma(grad, (forma_x[0], self.canales_salida, h_out, w_out), "el gradiente de Conv2D")
        grad = grad.astype(self.W.datos.dtype, copy=False)
        if self.b is not None:
            self.b.grad += grad.sum(axis=(0, 2, 3))
        if self.metodo == "bucles":
            return self._backward_bucles(grad)
        return self._backward_im2col(grad)

    # --- versión con bucles: se lee como la fórmula -----------------------------
    def _forward_bucles(self, x: np.ndarray, h_out: int, w_out: int) -> np.ndarray:
        (kh, kw), (sh, sw), (ph, pw) = self.tamano_nucleo, self.paso, self.relleno
        x_rellena = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
        y = np.zeros((x.shape[0], self.canales_salida, h_out, w_out), dtype=x.dtype)
        for i in range(h_out):
            for j in range(w_out):
                parche = x_rellena[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]  # (N, C_in, kh, kw)
                # producto escalar de cada parche con cada núcleo: (N, C_out)
                y[:, :, i, j] = np.tensordot(parche, self.W.datos, axes=([1, 2, 3], [1, 2, 3]))
        self._cache = (x.shape, h_out, w_out, x_rellena)
        return y

    def _backward_bucles(self, grad: np.ndarray) -> np.ndarray:
        (kh, kw), (sh, sw), (ph, pw) = self.tamano_nucleo, self.paso, self.relleno
        forma_x, h_out, w_out, x_rellena = self._cache
        grad_rellena = np.zeros_like(x_rellena)
        for i in range(h_out):
            for j in range(w_out):
                filas, cols = slice(i * sh, i * sh + kh), slice(j * sw, j * sw + kw)
                g = grad[:, :, i, j]                                            # (N, C_out)
                self.W.grad += np.tensordot(g, x_rellena[:, :, filas, cols], axes=(0, 0))
                grad_rellena[:, :, filas, cols] += np.tensordot(g, self.W.datos, axes=(1, 0))
        return grad_rellena[:, :, ph : ph + forma_x[2], pw : pw + forma_x[3]]

    # --- versión im2col: una multiplicación de matrices -------------------------
    def _forward_im2col(self, x: np.ndarray, h_out: int, w_out: int) -> np.ndarray:
        kh, kw = self.tamano_nucleo
        columnas = im2col(x, kh, kw, self.paso, self.relleno)             # (N·H_out·W_out, C_in·kh·kw)
        y = columnas @ self.W.datos.reshape(self.canales_salida, -1).T     # (N·H_out·W_out, C_out)
        self._cache = (x.shape, h_out, w_out, columnas)
        return y.reshape(x.shape[0], h_out, w_out, self.canales_salida).transpose(0, 3, 1, 2)

    def _backward_im2col(self, grad: np.ndarray) -> np.ndarray:
        kh, kw = self.tamano_nucleo
        forma_x, _, _, columnas = self._cache
        g = grad.transpose(1, 0, 2, 3).reshape(self.canales_salida, -1)  # (C_out, N·H_out·W_out)
        self.W.grad += (g @ columnas).reshape(self.W.datos.shape)
        # (N·H_out·W_out, C_in·kh·kw), guardada «por columnas» como las de im2col
        grad_columnas = (self.W.datos.reshape(self.canales_salida, -1).T @ g).T
        return col2im(grad_columnas, forma_x, kh, kw, self.paso, self.relleno)

    def __repr__(self) -> str:
        kh, kw = self.tamano_nucleo
        return (f"Conv2D({self.canales_entrada} → {self.canales_salida}, núcleo {kh}×{kw}, "
                f"paso={self.paso}, relleno={self.relleno}, metodo={self.metodo!r})")


def correlacion2d(imagen: np.ndarray, nucleo: np.ndarray, relleno: int | tuple[int, int] = 0,
                  paso: int | tuple[int, int] = 1) -> np.ndarray:
    """Correlación cruzada de una imagen ``(H, W)`` con un núcleo ``(kh, kw)``: ``(H_out, W_out)``.

    Es lo que hace ``Conv2D`` con un solo canal y un solo filtro (sin sesgo): sirve para aplicar
    a una foto un filtro escrito a mano (Sobel, desenfoque…).
    """
    imagen = como_arreglo(imagen, "la imagen", ndim=2)
    nucleo = como_arreglo(nucleo, "el núcleo", ndim=2)
    kh, kw = nucleo.shape
    tipo = np.result_type(imagen.dtype, nucleo.dtype)
    try:
        columnas = im2col(imagen[None, None].astype(tipo), kh, kw, paso, relleno)
    except ValueError as error:
        raise ValueError(f"en correlacion2d, imagen {describir_forma(imagen.shape)} y núcleo "
                         f"{describir_forma(nucleo.shape)}: {error}") from None
    (sh, sw), (ph, pw) = par_de_enteros(paso, "paso"), par_de_enteros(relleno, "relleno", minimo=0)
    h_out = tamano_salida(imagen.shape[0], kh, sh, ph)
    w_out = tamano_salida(imagen.shape[1], kw, sw, pw)
    return (columnas @ nucleo.astype(tipo).ravel()).reshape(h_out, w_out)


def convolucion2d(imagen: np.ndarray, nucleo: np.ndarray, relleno: int | tuple[int, int] = 0,
                  paso: int | tuple[int, int] = 1) -> np.ndarray:
    """Convolución «de verdad» (la de señales): la correlación con el núcleo **volteado** 180°.

    ``(f * k)[i, j] = Σ_a Σ_e f[i − a, j − e] · k[a, e]``. Para un núcleo simétrico (desenfoque)
    coincide con ``correlacion2d``; para uno que no lo es (Sobel) cambia el signo o la dirección.
    """
    nucleo = como_arreglo(nucleo, "el núcleo", ndim=2)
    return correlacion2d(imagen, nucleo[::-1, ::-1], relleno, paso)
