"""Ver el grafo computacional de un ``Valor``: como texto o como dibujo de matplotlib.

No hace falta ningún programa externo (graphviz): la disposición se calcula aquí.
Cada nodo se coloca en una columna según su *profundidad* (las hojas a la izquierda,
la salida a la derecha) y cada operación se dibuja como un círculo entre sus
entradas y su resultado.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyBboxPatch

from .valor import Valor

__all__ = ["nombres_de_nodos", "niveles_del_grafo", "grafo_en_texto", "dibujar_grafo"]

_SIMBOLOS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−", "exp": "exp", "log": "log",
             "tanh": "tanh", "relu": "relu", "sigmoide": "σ"}


def _comprobar_valor(valor: object) -> Valor:
    if not isinstance(valor, Valor):
        raise TypeError(f"se esperaba un Valor, se recibió {type(valor).__name__}")
    return valor


def nombres_de_nodos(valor: Valor) -> dict[int, str]:
    """Un nombre por nodo (clave ``id(nodo)``): su ``etiqueta`` o, si no tiene, ``n0``, ``n1``…

    Las constantes sin etiqueta se nombran con su número (p. ej. ``2``).
    """
    nombres: dict[int, str] = {}
    for i, nodo in enumerate(_comprobar_valor(valor).orden_topologico()):
        if nodo.etiqueta:
            nombres[id(nodo)] = nodo.etiqueta
        elif not nodo.hijos:
            nombres[id(nodo)] = f"{nodo.dato:g}"
        else:
            nombres[id(nodo)] = f"n{i}"
    return nombres


def niveles_del_grafo(valor: Valor) -> dict[int, int]:
    """Columna de cada nodo en el dibujo (clave ``id(nodo)``).

    Un nodo calculado va una columna a la derecha de su hijo más profundo; una hoja
    se coloca justo a la izquierda de la primera operación que la usa (así las
    flechas son cortas).
    """
    orden = _comprobar_valor(valor).orden_topologico()
    niveles: dict[int, int] = {}
    for nodo in orden:  # los hijos van antes que los padres
        niveles[id(nodo)] = 1 + max((niveles[id(h)] for h in nodo.hijos), default=-1)
    primer_uso: dict[int, int] = {}
    for nodo in orden:
        for hijo in nodo.hijos:
            if not hijo.hijos:  # hoja: se colocará junto a su primer uso
                uso = niveles[id(nodo)]
                primer_uso[id(hijo)] = min(primer_uso.get(id(hijo), uso), uso)
    for clave, nivel_padre in primer_uso.items():
        niveles[clave] = nivel_padre - 1
    return niveles


def _expresion(nodo: Valor, nombres: dict[int, str]) -> str:
    """Cómo se calculó ``nodo`` a partir de sus hijos, p. ej. ``a * b`` o ``tanh(n3)``."""
    if not nodo.hijos:
        return "hoja"
    hijos = [nombres[id(h)] for h in nodo.hijos]
    if len(hijos) == 2:
        return f"{hijos[0]} {nodo.operacion} {hijos[1]}"
    if nodo.operacion.startswith("**"):
        return f"{hijos[0]}{nodo.operacion}"
    if nodo.operacion == "neg":
        return f"-{hijos[0]}"
    return f"{nodo.operacion}({hijos[0]})"


def grafo_en_texto(valor: Valor, decimales: int = 4) -> str:
    """Una línea por nodo, en orden topológico: nombre, cómo se calculó, ``dato`` y ``grad``.

    >>> a, b = Valor(2.0, etiqueta="a"), Valor(3.0, etiqueta="b")
    >>> c = a * b; c.etiqueta = "c"
    >>> print(grafo_en_texto(c, decimales=1))
    a = hoja    dato =     2.0   grad =     0.0
    b = hoja    dato =     3.0   grad =     0.0
    c = a * b   dato =     6.0   grad =     0.0
    """
    orden = _comprobar_valor(valor).orden_topologico()
    nombres = nombres_de_nodos(valor)
    expresiones = [_expresion(n, nombres) for n in orden]
    ancho_nombre = max(len(nombres[id(n)]) for n in orden)
    ancho_expr = max(len(e) for e in expresiones)
    d = int(decimales)
    lineas = []
    for nodo, expr in zip(orden, expresiones):
        dato = round(nodo.dato, d) + 0.0  # + 0.0 convierte −0.0 en 0.0
        grad = round(nodo.grad, d) + 0.0
        lineas.append(
            f"{nombres[id(nodo)]:>{ancho_nombre}} = {expr:<{ancho_expr}}   "
            f"dato = {dato:>{6 + d}.{d}f}   grad = {grad:>{6 + d}.{d}f}"
        )
    return "\n".join(lineas)


def dibujar_grafo(
    valor: Valor, ax: plt.Axes | None = None, decimales: int = 4, titulo: str | None = None
) -> plt.Axes:
    """Dibuja el grafo computacional de ``valor`` con matplotlib.

    Cada caja muestra el nombre del nodo, su ``dato`` y su ``grad``; cada círculo, la
    operación. Las flechas siguen la pasada hacia delante (de las hojas a la salida);
    los gradientes recorren las mismas flechas al revés.
    """
    orden = _comprobar_valor(valor).orden_topologico()
    nombres = nombres_de_nodos(valor)
    niveles = niveles_del_grafo(valor)
    por_nivel: dict[int, list[Valor]] = {}
    for nodo in orden:
        por_nivel.setdefault(niveles[id(nodo)], []).append(nodo)
    n_niveles = max(por_nivel) + 1
    max_filas = max(len(v) for v in por_nivel.values())

    ancho, alto, radio, paso_x, paso_y = 1.7, 0.95, 0.32, 3.2, 1.35
    posicion: dict[int, tuple[float, float]] = {}
    for nivel, nodos in por_nivel.items():
        for j, nodo in enumerate(nodos):
            posicion[id(nodo)] = (nivel * paso_x, ((len(nodos) - 1) / 2 - j) * paso_y)

    if ax is None:
        _, ax = plt.subplots(figsize=(min(2.2 + 2.1 * n_niveles, 16), min(1.0 + 1.0 * max_filas, 12)))
    flecha = dict(arrowstyle="-|>", color="#555555", lw=1.0, shrinkA=0, shrinkB=0)
    d = int(decimales)
    for nodo in orden:
        x, y = posicion[id(nodo)]
        color = "#fdd0a2" if nodo is valor else ("#c6dbef" if not nodo.hijos else "#e5e5e5")
        ax.add_patch(FancyBboxPatch((x - ancho / 2, y - alto / 2), ancho, alto,
                                    boxstyle="round,pad=0.02", facecolor=color, edgecolor="#333333"))
        texto = (f"{nombres[id(nodo)]}\ndato {round(nodo.dato, d) + 0.0:.{d}f}"
                 f"\ngrad {round(nodo.grad, d) + 0.0:.{d}f}")
        ax.text(x, y, texto, ha="center", va="center", fontsize=7.5, family="monospace")
        if nodo.hijos:  # círculo de la operación a la izquierda del resultado
            xo = x - paso_x / 2
            ax.add_patch(Circle((xo, y), radio, facecolor="white", edgecolor="#333333"))
            simbolo = _SIMBOLOS.get(nodo.operacion, nodo.operacion)
            ax.text(xo, y, simbolo, ha="center", va="center", fontsize=8 if len(simbolo) > 2 else 11)
            ax.annotate("", xy=(x - ancho / 2, y), xytext=(xo + radio, y), arrowprops=flecha)
            for hijo in nodo.hijos:
                xh, yh = posicion[id(hijo)]
                ax.annotate("", xy=(xo - radio, y), xytext=(xh + ancho / 2, yh), arrowprops=flecha)
    margen = 0.3
    ax.set_xlim(-ancho / 2 - margen, (n_niveles - 1) * paso_x + ancho / 2 + margen)
    alto_total = (max_filas - 1) / 2 * paso_y + alto / 2 + margen
    ax.set_ylim(-alto_total, alto_total)
    ax.set_aspect("equal")
    ax.axis("off")
    if titulo:
        ax.set_title(titulo)
    return ax
