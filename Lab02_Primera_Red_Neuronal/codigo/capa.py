"""El protocolo de capa del curso: ``Parametro`` y la clase base ``Capa``.

Todas las capas del curso (densas, activaciones, convolucionales, recurrentes…)
heredan de ``Capa``. Los nombres de los métodos son los de PyTorch para que el
Lab08 se lea uno a uno:

- ``forward(x)``: calcula la salida (el lote es siempre el primer eje).
- ``backward(grad)``: recibe dL/dsalida, devuelve dL/dentrada y rellena
  ``p.grad`` de cada parámetro (se implementa a partir del Lab05).
- ``parameters()``: lista de ``Parametro`` que un optimizador actualiza.
- ``zero_grad()``: pone a cero los gradientes.
- ``train()`` / ``eval()``: modo entrenamiento o evaluación (Dropout, BatchNorm).

**Capas hechas de capas.** Como en ``torch.nn.Module``, una capa encuentra sola sus piezas:
sus atributos que son un ``Parametro`` son sus parámetros, y sus atributos que son una
``Capa`` (o una lista o tupla de capas) son sus *subcapas*, en el orden en que se asignaron.
``parameters()``, ``zero_grad()``, ``train()``/``eval()``, los *buffers* (estadísticas que se
guardan pero no se entrenan, como las medias móviles de BatchNorm) y los nombres con puntos
(``bloques.0.atencion.W_q``, como ``named_parameters()``) recorren todas las subcapas. Un
parámetro compartido por dos capas (pesos atados) aparece una sola vez.

**Regla de tipos (dtype).** Una capa con parámetros calcula en el dtype de sus parámetros:
una entrada de otro tipo de coma flotante se convierte a él (un modelo ``float32`` sigue en
``float32`` aunque le llegue un lote ``float64``, y al revés). Las capas sin parámetros
conservan el dtype de su entrada. Los enteros (identificadores de *tokens*) no se convierten
en ninguna parte del bucle: sólo una capa ``Embedding`` los lee.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["Parametro", "Capa"]


class Parametro:
    """Un arreglo entrenable y su gradiente (el equivalente a ``torch.nn.Parameter``).

    Guarda una **copia** de lo que recibe (entrenar no modifica el arreglo de quien lo creó)
    y sólo admite números de coma flotante (``float32`` o ``float64``): un gradiente no cabe
    en un arreglo de enteros. ``datos`` y ``grad`` tienen siempre la misma forma. Los
    optimizadores del Lab06 modifican ``datos`` *en su sitio* usando ``grad``.
    """

    def __init__(self, datos: np.ndarray, nombre: str = "") -> None:
        arreglo = np.asarray(datos)
        if not np.issubdtype(arreglo.dtype, np.floating):
            raise TypeError(
                f"un Parametro debe ser de coma flotante (float32 o float64), se recibió tipo "
                f"{arreglo.dtype}; conviértelo antes, por ejemplo con .astype(np.float64)"
            )
        self.datos = np.array(arreglo, copy=True)
        self.grad = np.zeros_like(self.datos)
        self.nombre = nombre

    @property
    def forma(self) -> tuple[int, ...]:
        return self.datos.shape

    @property
    def size(self) -> int:
        return int(self.datos.size)

    def zero_grad(self) -> None:
        self.grad = np.zeros_like(self.datos)

    def __repr__(self) -> str:
        nombre = f"{self.nombre}, " if self.nombre else ""
        return f"Parametro({nombre}forma={self.forma}, dtype={self.datos.dtype})"


def _es_lista_de_capas(valor: object) -> bool:
    return isinstance(valor, (list, tuple)) and len(valor) > 0 and all(isinstance(v, Capa) for v in valor)


class Capa:
    """Clase base de todas las capas. Las subclases implementan ``forward`` (y ``backward``
    a partir del Lab05) y asignan sus pesos y subcapas como atributos: la base los encuentra."""

    #: nombres de los atributos que son *buffers* (arreglos que se guardan pero no se entrenan)
    _buffers: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.entrenando = True

    # --- cálculo -------------------------------------------------------
    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} no implementa forward")

    def backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError(
            f"{type(self).__name__} todavía no sabe propagar gradientes hacia atrás "
            "(backward se construye en el Lab05)"
        )

    def __call__(self, *entradas: np.ndarray) -> np.ndarray:
        return self.forward(*entradas)

    # --- subcapas ------------------------------------------------------
    def named_children(self) -> Iterator[tuple[str, Capa]]:
        """Las subcapas directas con su nombre: ``("densa", …)`` o ``("bloques.0", …)`` para listas."""
        for nombre, valor in vars(self).items():
            if isinstance(valor, Capa):
                yield nombre, valor
            elif _es_lista_de_capas(valor):
                for i, capa in enumerate(valor):
                    yield f"{nombre}.{i}", capa

    def named_modules(self, prefijo: str = "") -> Iterator[tuple[str, Capa]]:
        """Esta capa (nombre ``""``) y todas sus subcapas, a cualquier profundidad, cada una una vez."""
        vistas: set[int] = set()

        def recorrer(capa: Capa, nombre: str) -> Iterator[tuple[str, Capa]]:
            if id(capa) in vistas:
                return
            vistas.add(id(capa))
            yield nombre, capa
            for hijo, sub in capa.named_children():
                yield from recorrer(sub, f"{nombre}.{hijo}" if nombre else hijo)

        yield from recorrer(self, prefijo)

    def modules(self) -> list[Capa]:
        return [capa for _, capa in self.named_modules()]

    # --- parámetros y buffers -------------------------------------------
    def _parametros_propios(self) -> Iterator[tuple[str, Parametro]]:
        for nombre, valor in vars(self).items():
            if isinstance(valor, Parametro):
                yield nombre, valor

    def named_parameters(self) -> list[tuple[str, Parametro]]:
        """``[("0.W", W), ("bloques.1.atencion.W_q", …), …]``: cada parámetro una vez, con su nombre.

        Un parámetro compartido por dos capas aparece sólo la primera vez (como en PyTorch).
        """
        vistos: set[int] = set()
        pares = []
        for prefijo, capa in self.named_modules():
            for nombre, p in capa._parametros_propios():
                if id(p) not in vistos:
                    vistos.add(id(p))
                    pares.append((f"{prefijo}.{nombre}" if prefijo else nombre, p))
        return pares

    def parameters(self) -> list[Parametro]:
        """Los ``Parametro`` de esta capa y de todas sus subcapas (cada uno una vez)."""
        return [p for _, p in self.named_parameters()]

    def named_buffers(self) -> list[tuple[str, np.ndarray]]:
        """Los *buffers* con su nombre (``"1.media_movil"``…), de esta capa y de sus subcapas."""
        pares = []
        for prefijo, capa in self.named_modules():
            for nombre in capa._buffers:
                pares.append((f"{prefijo}.{nombre}" if prefijo else nombre, getattr(capa, nombre)))
        return pares

    def buffers(self) -> list[np.ndarray]:
        return [b for _, b in self.named_buffers()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.zero_grad()

    def num_parametros(self) -> int:
        return sum(p.size for p in self.parameters())

    # --- modos ---------------------------------------------------------
    def train(self, modo: bool = True) -> Capa:
        """Modo entrenamiento (o evaluación con ``modo=False``) en esta capa y en todas sus subcapas."""
        for capa in self.modules():
            capa.entrenando = bool(modo)
        return self

    def eval(self) -> Capa:
        return self.train(False)

    def __repr__(self) -> str:
        hijos = list(self.named_children())
        if not hijos:
            return f"{type(self).__name__}()"
        interior = "\n".join(f"  ({n}): " + repr(c).replace("\n", "\n  ") for n, c in hijos)
        return f"{type(self).__name__}(\n{interior}\n)"
