"""``Valor``: un motor de derivación automática (autograd) para números sueltos.

Cada operación entre objetos ``Valor`` crea un nodo nuevo que recuerda:

- ``dato``: el número calculado (la pasada hacia delante),
- ``hijos``: los ``Valor`` de los que se calculó,
- ``operacion``: qué operación lo produjo (``"+"``, ``"*"``, ``"tanh"``…),
- ``derivadas_locales``: la derivada del nodo respecto a cada hijo, ∂nodo/∂hijo.

Así se construye el **grafo computacional**. ``backward()`` recorre el grafo desde la
salida hacia las hojas, en orden topológico inverso, y aplica la regla de la cadena:

    hijo.grad += (∂nodo/∂hijo) · nodo.grad

Es la misma idea que ``torch.autograd``, pero con un número en lugar de un tensor.

>>> a, b = Valor(2.0, etiqueta="a"), Valor(-3.0, etiqueta="b")
>>> L = a * b + a
>>> L.backward()
>>> a.grad, b.grad          # ∂L/∂a = b + 1, ∂L/∂b = a
(-2.0, 2.0)
"""

from __future__ import annotations

import math
from numbers import Real

from Lab01_Introduccion_Neuronas.codigo import sigmoide as _sigmoide_estable

__all__ = ["Valor"]


def _numero(x: object, nombre: str) -> float:
    """Convierte ``x`` en ``float`` finito o lanza un error en español."""
    if isinstance(x, Valor):
        raise TypeError(f"{nombre} debe ser un número, no un Valor")
    if isinstance(x, bool) or not isinstance(x, Real):
        # los escalares de NumPy (np.float64, np.int64) también son ``Real``
        raise TypeError(f"se esperaba que {nombre} fuera un número real, se recibió {type(x).__name__}")
    valor = float(x)
    if not math.isfinite(valor):
        raise ValueError(f"{nombre} debe ser un número finito, se recibió {valor}")
    return valor


class Valor:
    """Un número que recuerda cómo se calculó, para poder derivar respecto a él.

    Atributos: ``dato`` (float), ``grad`` (float, ∂salida/∂este valor tras ``backward``),
    ``hijos`` (tupla de ``Valor``), ``operacion`` (texto), ``etiqueta`` (nombre opcional)
    y ``derivadas_locales`` (tupla de float, una por hijo).
    """

    # Con esto NumPy no intenta «vectorizar» las operaciones con un Valor:
    # np.float64(2) * v llama a v.__rmul__ y el resultado es un Valor.
    __array_ufunc__ = None

    def __init__(
        self,
        dato: float,
        hijos: tuple[Valor, ...] = (),
        operacion: str = "",
        etiqueta: str = "",
        derivadas_locales: tuple[float, ...] = (),
    ) -> None:
        self.dato = _numero(dato, "dato")
        self.grad = 0.0
        self.hijos = tuple(hijos)
        if not all(isinstance(h, Valor) for h in self.hijos):
            raise TypeError("los hijos de un Valor deben ser objetos Valor")
        self.derivadas_locales = tuple(float(d) for d in derivadas_locales)
        if len(self.derivadas_locales) != len(self.hijos):
            raise ValueError(
                f"se esperaba una derivada local por hijo: {len(self.hijos)} hijo(s) y "
                f"{len(self.derivadas_locales)} derivada(s)"
            )
        self.operacion = str(operacion)
        self.etiqueta = str(etiqueta)

    # ------------------------------------------------------------------ utilidades
    @staticmethod
    def _como_valor(otro: object) -> Valor:
        """Un número se convierte en una hoja constante; un ``Valor`` se deja igual."""
        if isinstance(otro, Valor):
            return otro
        try:
            return Valor(_numero(otro, "el otro operando"))
        except TypeError:
            raise TypeError(
                f"sólo se puede operar un Valor con otro Valor o con un número; "
                f"se recibió {type(otro).__name__}"
            ) from None

    def _nuevo(self, dato: float, hijos: tuple[Valor, ...], operacion: str,
               derivadas: tuple[float, ...]) -> Valor:
        """Crea el nodo resultado comprobando que el número y sus derivadas son finitos."""
        if not (math.isfinite(dato) and all(math.isfinite(d) for d in derivadas)):
            entradas = ", ".join(f"{h.dato:g}" for h in hijos)
            raise ValueError(
                f"la operación {operacion!r} con entrada(s) {entradas} da un resultado o una "
                "derivada no finitos (infinito o NaN)"
            )
        return Valor(dato, hijos, operacion, derivadas_locales=derivadas)

    # ------------------------------------------------------------------ operaciones binarias
    def __add__(self, otro: Valor | float) -> Valor:
        otro = self._como_valor(otro)
        # ∂(a+b)/∂a = 1,  ∂(a+b)/∂b = 1
        return self._nuevo(self.dato + otro.dato, (self, otro), "+", (1.0, 1.0))

    def __mul__(self, otro: Valor | float) -> Valor:
        otro = self._como_valor(otro)
        # ∂(a·b)/∂a = b,  ∂(a·b)/∂b = a
        return self._nuevo(self.dato * otro.dato, (self, otro), "*", (otro.dato, self.dato))

    def __sub__(self, otro: Valor | float) -> Valor:
        otro = self._como_valor(otro)
        # ∂(a−b)/∂a = 1,  ∂(a−b)/∂b = −1
        return self._nuevo(self.dato - otro.dato, (self, otro), "-", (1.0, -1.0))

    def __truediv__(self, otro: Valor | float) -> Valor:
        otro = self._como_valor(otro)
        if otro.dato == 0.0:
            raise ZeroDivisionError("división de un Valor entre cero")
        a, b = self.dato, otro.dato
        # ∂(a/b)/∂a = 1/b,  ∂(a/b)/∂b = −a/b²  (se divide dos veces entre b: con |b| muy
        # pequeño, b·b se redondearía a 0 y daría ZeroDivisionError en vez de un error claro)
        return self._nuevo(a / b, (self, otro), "/", (1.0 / b, -(a / b) / b))

    def __pow__(self, exponente: float) -> Valor:
        if isinstance(exponente, Valor):
            raise TypeError(
                "el exponente de ** debe ser un número, no un Valor; "
                "para a**b con b variable usa (b * a.log()).exp()"
            )
        n = _numero(exponente, "el exponente")
        a = self.dato
        if a < 0 and not n.is_integer():
            raise ValueError(
                f"no se puede elevar un número negativo ({a:g}) a un exponente no entero ({n:g})"
            )
        if a == 0 and n < 1 and n != 0:
            raise ValueError(
                f"0 ** {n:g} no tiene derivada finita; usa un exponente ≥ 1 o una base distinta de 0"
            )
        # ∂(aⁿ)/∂a = n · aⁿ⁻¹
        try:
            dato = a**n
            derivada = 0.0 if n == 0 else n * a ** (n - 1)
        except OverflowError:
            raise ValueError(f"{a:g} ** {n:g} desborda un float64") from None
        return self._nuevo(dato, (self,), f"**{n:g}", (derivada,))

    def __neg__(self) -> Valor:
        return self._nuevo(-self.dato, (self,), "neg", (-1.0,))

    # Versiones «reflejadas»: 2 + v, 2 * v, 2 − v, 2 / v
    def __radd__(self, otro: float) -> Valor:
        return self._como_valor(otro) + self

    def __rmul__(self, otro: float) -> Valor:
        return self._como_valor(otro) * self

    def __rsub__(self, otro: float) -> Valor:
        return self._como_valor(otro) - self

    def __rtruediv__(self, otro: float) -> Valor:
        return self._como_valor(otro) / self

    def __rpow__(self, base: float) -> Valor:
        raise TypeError(
            "número ** Valor no está implementado; escribe la potencia como exp(Valor · log(base))"
        )

    # ------------------------------------------------------------------ funciones de una entrada
    def exp(self) -> Valor:
        """``e^a``; su derivada es ella misma."""
        if self.dato > 709.0:  # math.exp(710) ya no cabe en un float64
            raise ValueError(f"exp({self.dato:g}) desborda un float64 (el máximo es exp(709))")
        e = math.exp(self.dato)
        return self._nuevo(e, (self,), "exp", (e,))

    def log(self) -> Valor:
        """Logaritmo natural; sólo para ``a > 0``. Su derivada es ``1/a``."""
        if self.dato <= 0:
            raise ValueError(f"log sólo está definido para números positivos, se recibió {self.dato:g}")
        return self._nuevo(math.log(self.dato), (self,), "log", (1.0 / self.dato,))

    def tanh(self) -> Valor:
        """Tangente hiperbólica; su derivada es ``1 − tanh²``."""
        t = math.tanh(self.dato)
        return self._nuevo(t, (self,), "tanh", (1.0 - t * t,))

    def relu(self) -> Valor:
        """``max(0, a)``; derivada 1 si ``a > 0`` y 0 si no (en 0 se toma 0, como PyTorch)."""
        a = self.dato
        return self._nuevo(a if a > 0 else 0.0, (self,), "relu", (1.0 if a > 0 else 0.0,))

    def sigmoide(self) -> Valor:
        """``1 / (1 + e^(−a))`` (forma estable del Lab01); su derivada es ``σ(1 − σ)``."""
        s = float(_sigmoide_estable(self.dato))
        return self._nuevo(s, (self,), "sigmoide", (s * (1.0 - s),))

    # ------------------------------------------------------------------ retropropagación
    def orden_topologico(self) -> list[Valor]:
        """Todos los nodos del grafo que acaba en este valor, cada hijo antes que sus padres.

        Recorrido en profundidad con una pila explícita (sin recursión), así que sirve
        también para grafos con miles de nodos.
        """
        orden: list[Valor] = []
        visitados: set[int] = set()
        pila: list[tuple[Valor, bool]] = [(self, False)]
        while pila:
            nodo, hijos_listos = pila.pop()
            if hijos_listos:  # todos sus hijos ya están en ``orden``
                orden.append(nodo)
                continue
            if id(nodo) in visitados:
                continue
            visitados.add(id(nodo))
            pila.append((nodo, True))
            # al revés para que el primer hijo se procese primero (orden más legible)
            for hijo in reversed(nodo.hijos):
                if id(hijo) not in visitados:
                    pila.append((hijo, False))
        return orden

    def backward(self, gradiente: float = 1.0) -> None:
        """Calcula ``grad`` = ∂self/∂nodo para todos los nodos del grafo.

        Los nodos intermedios se ponen a cero antes de empezar; las hojas **acumulan**
        (``+=``): si llamas dos veces, sus gradientes se suman. ``Valor`` conserva el grafo, así
        que se parece a PyTorch con ``retain_graph=True`` (sin él, PyTorch libera el grafo tras el
        primer ``backward`` y un segundo da ``RuntimeError``). Usa ``zero_grad()`` para empezar de cero.
        """
        g = _numero(gradiente, "gradiente")
        orden = self.orden_topologico()
        for nodo in orden:
            if nodo.hijos:
                nodo.grad = 0.0
        self.grad += g
        for nodo in reversed(orden):  # de la salida hacia las hojas
            for hijo, local in zip(nodo.hijos, nodo.derivadas_locales):
                hijo.grad += local * nodo.grad  # regla de la cadena

    def zero_grad(self) -> None:
        """Pone a cero ``grad`` en todos los nodos del grafo (hojas incluidas)."""
        for nodo in self.orden_topologico():
            nodo.grad = 0.0

    def __repr__(self) -> str:
        nombre = f"{self.etiqueta}: " if self.etiqueta else ""
        return f"Valor({nombre}dato={self.dato:.4f}, grad={self.grad:.4f})"
