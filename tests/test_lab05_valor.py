"""Pruebas del Lab05: el motor de autograd escalar ``Valor`` y el dibujo de su grafo.

PyTorch es el oráculo: se construyen expresiones aleatorias con muchas operaciones,
una vez con ``Valor`` y otra con tensores float64, y se comparan los valores y los
gradientes de todas las hojas (error relativo ≤ 1e-10).
"""

from __future__ import annotations

import importlib
import math
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab05_Backpropagation.codigo import (  # noqa: E402
    FUNCIONES_VALOR,
    OPERACIONES_ALEATORIAS,
    Valor,
    dibujar_grafo,
    error_relativo,
    expresion_aleatoria,
    grafo_en_texto,
    niveles_del_grafo,
    nombres_de_nodos,
)

FUNCIONES_TORCH = {
    "exp": torch.exp, "log": torch.log, "tanh": torch.tanh, "relu": torch.relu, "sigmoide": torch.sigmoid,
}


def _hojas(x: np.ndarray) -> tuple[list[Valor], list[torch.Tensor]]:
    return (
        [Valor(v, etiqueta=f"x{i}") for i, v in enumerate(x)],
        [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in x],
    )


# --- operaciones básicas contra PyTorch ---------------------------------------------------
OPERACIONES = {
    "suma": lambda a, b: a + b,
    "resta": lambda a, b: a - b,
    "producto": lambda a, b: a * b,
    "division": lambda a, b: a / b,
    "potencia_entera": lambda a, b: a**3 + b**2,
    "potencia_real": lambda a, b: (a * a + 1) ** 0.5 * (b * b + 2) ** -1.5,
    "negacion": lambda a, b: -a * b,
    "numero_mas": lambda a, b: 2.5 + a - (1.5 - b),
    "numero_por": lambda a, b: 3.0 * a + b * 0.5,
    "numero_entre": lambda a, b: 2.0 / a + b / 4.0,
    "mismo_nodo_dos_veces": lambda a, b: a * a + a * b,
}


@pytest.mark.parametrize("nombre", list(OPERACIONES))
def test_operaciones_binarias_contra_torch(nombre):
    f = OPERACIONES[nombre]
    rng = np.random.default_rng(1)
    for _ in range(5):
        x = rng.uniform(0.3, 2.0, size=2) * rng.choice([-1, 1], size=2)
        (a, b), (at, bt) = _hojas(x)
        salida, salida_t = f(a, b), f(at, bt)
        salida.backward()
        salida_t.backward()
        assert salida.dato == pytest.approx(salida_t.item(), rel=1e-12)
        assert error_relativo([a.grad, b.grad], [at.grad.item(), bt.grad.item()]) <= 1e-12


@pytest.mark.parametrize("nombre", list(FUNCIONES_VALOR))
def test_funciones_de_una_entrada_contra_torch(nombre):
    x = np.array([-3.0, -0.7, 0.2, 1.3, 4.0])
    if nombre == "log":
        x = np.abs(x)
    for v in x:
        (a,), (at,) = _hojas([v])
        salida, salida_t = FUNCIONES_VALOR[nombre](a), FUNCIONES_TORCH[nombre](at)
        salida.backward()
        salida_t.backward()
        assert salida.operacion == nombre
        assert salida.dato == pytest.approx(salida_t.item(), rel=1e-12, abs=1e-15)
        assert a.grad == pytest.approx(at.grad.item(), rel=1e-12, abs=1e-15)


def test_relu_en_cero_tiene_gradiente_cero_como_torch():
    a = Valor(0.0)
    a.relu().backward()
    at = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    torch.relu(at).backward()
    assert a.grad == at.grad.item() == 0.0


# --- grafos aleatorios: la prueba fuerte ------------------------------------------------
@pytest.mark.parametrize("semilla", range(40))
def test_grafos_aleatorios_coinciden_con_torch(semilla):
    rng = np.random.default_rng(semilla)
    x = rng.normal(scale=1.5, size=int(rng.integers(1, 7)))
    n_operaciones = int(rng.integers(5, 61))  # hasta 60 operaciones, como dice la teoría
    hojas, hojas_t = _hojas(x)
    # la misma semilla construye el mismo grafo con Valor y con tensores de PyTorch
    salida = expresion_aleatoria(hojas, semilla=semilla, n_operaciones=n_operaciones)
    salida_t = expresion_aleatoria(
        hojas_t, semilla=semilla, n_operaciones=n_operaciones, funciones=FUNCIONES_TORCH
    )
    salida.backward()
    salida_t.backward()
    assert abs(salida.dato - salida_t.item()) <= 1e-10 * max(1.0, abs(salida_t.item()))
    grad = np.array([h.grad for h in hojas])
    grad_t = np.array([h.grad.item() for h in hojas_t])
    assert error_relativo(grad, grad_t) <= 1e-10
    np.testing.assert_allclose(grad, grad_t, rtol=1e-9, atol=1e-10 * np.abs(grad_t).max())


def test_expresion_aleatoria_usa_todas_las_operaciones_y_todas_las_hojas():
    hojas = [Valor(v) for v in (0.3, -1.2, 0.8)]
    vistas = set()
    for semilla in range(30):
        salida = expresion_aleatoria(hojas, semilla=semilla, n_operaciones=30)
        nodos = salida.orden_topologico()
        assert all(any(h is n for n in nodos) for h in hojas)
        vistas |= {n.operacion for n in nodos}
    assert {"+", "-", "*", "/", "neg", "exp", "log", "tanh", "relu", "sigmoide"} <= vistas
    assert {"**2", "**3", "**0.5", "**-1", "**1.5"} <= vistas
    assert len(OPERACIONES_ALEATORIAS) == 19


def test_expresion_aleatoria_es_reproducible_y_valida_argumentos():
    a = expresion_aleatoria([Valor(0.5), Valor(-0.4)], semilla=3, n_operaciones=25)
    b = expresion_aleatoria([Valor(0.5), Valor(-0.4)], semilla=3, n_operaciones=25)
    assert a.dato == b.dato
    assert len(a.orden_topologico()) == len(b.orden_topologico())
    with pytest.raises(ValueError, match="al menos una hoja"):
        expresion_aleatoria([], semilla=0)
    with pytest.raises(ValueError, match="entero positivo"):
        expresion_aleatoria([Valor(1.0)], n_operaciones=0)
    with pytest.raises(ValueError, match="faltan funciones para: relu"):
        expresion_aleatoria([Valor(1.0)], funciones={k: v for k, v in FUNCIONES_VALOR.items() if k != "relu"})


# --- semántica de backward ----------------------------------------------------------------
def test_ejemplo_a_mano():
    a, b, c = Valor(2.0, etiqueta="a"), Valor(-3.0, etiqueta="b"), Valor(10.0, etiqueta="c")
    e = a * b
    d = e + c
    f = Valor(-2.0, etiqueta="f")
    L = d * f
    L.backward()
    assert L.dato == -8.0
    assert (a.grad, b.grad, c.grad, f.grad, d.grad, e.grad) == (6.0, -4.0, -2.0, 4.0, -2.0, -2.0)
    assert L.hijos == (d, f) and L.operacion == "*" and L.derivadas_locales == (-2.0, 4.0)


def test_backward_acumula_en_las_hojas_y_zero_grad_limpia():
    a = Valor(3.0)
    b = a * a
    b.backward()
    assert a.grad == 6.0
    b.backward()  # como en PyTorch, las hojas acumulan
    assert a.grad == 12.0 and b.grad == 1.0  # los nodos intermedios se reinician
    b.zero_grad()
    assert a.grad == 0.0 and b.grad == 0.0
    b.backward(gradiente=0.5)
    assert a.grad == 3.0


def test_orden_topologico_hijos_antes_que_padres_y_sin_repetidos():
    hojas = [Valor(v) for v in (0.1, 0.2, 0.3)]
    salida = expresion_aleatoria(hojas, semilla=7, n_operaciones=50)
    orden = salida.orden_topologico()
    posicion = {id(n): i for i, n in enumerate(orden)}
    assert len(posicion) == len(orden)
    assert orden[-1] is salida
    for nodo in orden:
        assert all(posicion[id(h)] < posicion[id(nodo)] for h in nodo.hijos)


def test_grafo_muy_profundo_sin_limite_de_recursion():
    x = Valor(0.5)
    y = x
    for _ in range(5000):  # más que el límite de recursión de Python (1000)
        y = y * 1.0001 + 0.0
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000, rel=1e-9)


def test_numpy_escalares_funcionan_por_ambos_lados():
    a = Valor(2.0)
    for resultado in (np.float64(3.0) * a, a * np.float64(3.0), np.int64(3) + a - 3):
        assert isinstance(resultado, Valor)


# --- errores en español y estabilidad ------------------------------------------------------
@pytest.mark.parametrize(
    "accion, error, mensaje",
    [
        (lambda: Valor("2"), TypeError, "número real"),
        (lambda: Valor(float("nan")), ValueError, "finito"),
        (lambda: Valor(1.0) + "a", TypeError, "sólo se puede operar un Valor"),
        (lambda: Valor(1.0) * [1, 2], TypeError, "sólo se puede operar un Valor"),
        (lambda: Valor(1.0) / 0, ZeroDivisionError, "división de un Valor entre cero"),
        (lambda: Valor(2.0) ** Valor(2.0), TypeError, "exponente de \\*\\* debe ser un número"),
        (lambda: 2 ** Valor(2.0), TypeError, "no está implementado"),
        (lambda: Valor(-2.0) ** 0.5, ValueError, "exponente no entero"),
        (lambda: Valor(0.0) ** -1, ValueError, "derivada finita"),
        (lambda: Valor(0.0).log(), ValueError, "log sólo está definido para números positivos"),
        (lambda: Valor(-1.0).log(), ValueError, "positivos"),
        (lambda: Valor(710.0).exp(), ValueError, "desborda"),
        (lambda: Valor(1e200) ** 2, ValueError, "desborda"),
        (lambda: Valor(1e200) * 1e200, ValueError, "no finitos"),
        (lambda: Valor(1.0) / 1e-320, ValueError, "no finitos"),  # b·b se redondea a 0
        (lambda: Valor(1.0).backward(gradiente=float("inf")), ValueError, "finito"),
        (lambda: Valor(1.0, hijos=(Valor(2.0),)), ValueError, "una derivada local por hijo"),
        (lambda: Valor(1.0, hijos=(2.0,), derivadas_locales=(1.0,)), TypeError, "objetos Valor"),
    ],
)
def test_errores_claros_en_espanol(accion, error, mensaje):
    with pytest.raises(error, match=mensaje):
        accion()


def test_estable_en_extremos_sin_avisos():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            for x in (-1000.0, -50.0, 50.0, 1000.0):
                for f in ("tanh", "sigmoide", "relu"):
                    a = Valor(x)
                    salida = getattr(a, f)()
                    salida.backward()
                    assert math.isfinite(salida.dato) and math.isfinite(a.grad)
            assert Valor(-1000.0).exp().dato == 0.0
            assert Valor(1000.0).sigmoide().dato == 1.0


def test_repr():
    assert repr(Valor(1.23456, etiqueta="w")) == "Valor(w: dato=1.2346, grad=0.0000)"
    assert repr(Valor(2.0)) == "Valor(dato=2.0000, grad=0.0000)"


# --- el grafo como texto y como dibujo ---------------------------------------------------
def _neurona() -> Valor:
    x, w, b = Valor(2.0, etiqueta="x"), Valor(-0.5, etiqueta="w"), Valor(1.0, etiqueta="b")
    z = x * w + b
    z.etiqueta = "z"
    salida = z.tanh()
    salida.etiqueta = "y"
    return salida


def test_grafo_en_texto():
    salida = _neurona()
    salida.backward()
    texto = grafo_en_texto(salida, decimales=2)
    lineas = texto.splitlines()
    assert len(lineas) == 6
    assert lineas[0].split() == ["x", "=", "hoja", "dato", "=", "2.00", "grad", "=", "-0.50"]
    assert "n2 = x * w" in texto
    assert lineas[-1].split()[:3] == ["y", "=", "tanh(z)"]
    assert "-0.00" not in grafo_en_texto(Valor(-1e-9), decimales=2)
    with pytest.raises(TypeError, match="se esperaba un Valor"):
        grafo_en_texto(3.0)


def test_nombres_y_niveles():
    a = Valor(1.0, etiqueta="a")
    salida = (a * 2.0).exp() + a
    nombres = nombres_de_nodos(salida)
    assert sorted(nombres.values()) == sorted(["a", "2", "n2", "n3", "n4"])
    niveles = niveles_del_grafo(salida)
    assert niveles[id(salida)] == 3
    assert niveles[id(a)] == 0  # la hoja se coloca antes de su primer uso


def test_dibujar_grafo_sin_graphviz():
    salida = _neurona()
    salida.backward()
    fig, ax = plt.subplots()
    devuelto = dibujar_grafo(salida, ax=ax, titulo="neurona")
    assert devuelto is ax
    textos = [t.get_text() for t in ax.texts]
    assert any(t.startswith("y\ndato") for t in textos)
    assert "tanh" in textos and "×" in textos and "+" in textos
    assert len(ax.patches) == 6 + 3  # 6 cajas (nodos) y 3 círculos (operaciones)
    assert ax.get_title() == "neurona"
    plt.close(fig)
    ax2 = dibujar_grafo(Valor(1.0))
    assert len(ax2.patches) == 1
    plt.close("all")


def test_el_modulo_del_grafo_funciona_sin_graphviz_instalado(monkeypatch):
    # None en sys.modules hace que «import graphviz» falle, como si no estuviera instalado
    monkeypatch.setitem(sys.modules, "graphviz", None)
    modulo = importlib.reload(importlib.import_module("Lab05_Backpropagation.codigo.grafo"))
    salida = _neurona()
    salida.backward()
    ax = modulo.dibujar_grafo(salida)
    assert len(ax.patches) == 6 + 3
    plt.close("all")
