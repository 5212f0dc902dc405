"""Expresiones aleatorias para poner a prueba un motor de autograd.

``expresion_aleatoria`` construye una fórmula al azar (sumas, productos, divisiones,
potencias, exp, log, tanh, ReLU, sigmoide…) a partir de unas hojas. Sólo usa operadores
de Python y funciones que se le pasan, así que **la misma receta** se puede construir
con ``Valor`` y con tensores de PyTorch, y comparar después los gradientes de las hojas.

Las decisiones aleatorias no dependen de los valores numéricos: con la misma ``semilla``
se obtiene exactamente el mismo grafo sea cual sea el tipo de las hojas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from Lab02_Primera_Red_Neuronal.codigo import crear_generador

__all__ = ["OPERACIONES_ALEATORIAS", "FUNCIONES_VALOR", "expresion_aleatoria"]

# Funciones de una entrada por nombre. Para PyTorch se pasa, por ejemplo,
# {"exp": torch.exp, "log": torch.log, "tanh": torch.tanh, "relu": torch.relu, "sigmoide": torch.sigmoid}
FUNCIONES_VALOR: dict[str, Callable[[Any], Any]] = {
    "exp": lambda v: v.exp(),
    "log": lambda v: v.log(),
    "tanh": lambda v: v.tanh(),
    "relu": lambda v: v.relu(),
    "sigmoide": lambda v: v.sigmoide(),
}

OPERACIONES_ALEATORIAS = (
    "+", "-", "*", "/", "neg", "num+", "num-", "num*", "num/",
    "**2", "**3", "**0.5", "**-1", "**1.5", "exp", "log", "tanh", "relu", "sigmoide",
)


def _aplicar(op: str, a: Any, b: Any, c: float, f: dict[str, Callable[[Any], Any]]) -> Any:
    """Una operación con entradas seguras (sin log de negativos, ni divisiones entre 0, ni desbordes)."""
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / (b * b + 0.5)       # denominador siempre ≥ 0.5
    if op == "neg":
        return -a
    if op == "num+":
        return c + a                   # __radd__
    if op == "num-":
        return c - a                   # __rsub__
    if op == "num*":
        return c * a                   # __rmul__
    if op == "num/":
        return c / (a * a + 1.0)       # __rtruediv__
    if op in ("**2", "**3"):
        return f["tanh"](a) ** float(op[2:]) * 2.0
    if op in ("**0.5", "**-1", "**1.5"):
        return (a * a + 0.5) ** float(op[2:])  # base siempre positiva
    if op == "exp":
        return f["exp"](f["tanh"](a) * 2.0)    # exponente en [−2, 2]
    if op == "log":
        return f["log"](a * a + 0.5)
    return f[op](a)                            # tanh, relu, sigmoide


def expresion_aleatoria(
    hojas: Sequence[Any],
    semilla: int | Any = 0,
    n_operaciones: int = 20,
    funciones: dict[str, Callable[[Any], Any]] | None = None,
) -> Any:
    """Construye una expresión aleatoria de ``n_operaciones`` operaciones sobre ``hojas``.

    Cada operación toma uno o dos operandos al azar de todo lo calculado hasta ese
    momento (así unos nodos se reutilizan varias veces y los gradientes se acumulan).
    La salida es la suma de los nodos que nadie usó, de modo que todas las hojas
    influyen en ella. ``funciones`` da exp, log, tanh, relu y sigmoide para el tipo de
    las hojas (por defecto, los métodos de ``Valor``).
    """
    if len(hojas) == 0:
        raise ValueError("expresion_aleatoria necesita al menos una hoja")
    if not isinstance(n_operaciones, int) or isinstance(n_operaciones, bool) or n_operaciones < 1:
        raise ValueError(f"n_operaciones debe ser un entero positivo, se recibió {n_operaciones!r}")
    f = dict(FUNCIONES_VALOR if funciones is None else funciones)
    faltan = [n for n in FUNCIONES_VALOR if n not in f]
    if faltan:
        raise ValueError(f"faltan funciones para: {', '.join(faltan)}")
    rng = crear_generador(semilla)
    nodos = list(hojas)
    usados = [False] * len(nodos)
    for _ in range(n_operaciones):
        op = OPERACIONES_ALEATORIAS[int(rng.integers(len(OPERACIONES_ALEATORIAS)))]
        i, j = (int(k) for k in rng.integers(len(nodos), size=2))
        c = round(float(rng.uniform(-2.0, 2.0)), 2)
        nodos.append(_aplicar(op, nodos[i], nodos[j], c, f))
        usados[i] = True
        if op in ("+", "-", "*", "/"):
            usados[j] = True
        usados.append(False)
    libres = [n for n, u in zip(nodos, usados) if not u]
    salida = libres[0]
    for n in libres[1:]:
        salida = salida + n
    return salida
