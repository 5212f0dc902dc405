"""Pruebas del Lab05: backward de todas las activaciones (Lab03) y pérdidas (Lab04), la red
de las espirales (forward + backward contra PyTorch, un paso de descenso de gradiente). Los
ejercicios del cuaderno se prueban en ``test_lab05_ejercicios.py``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab02_Primera_Red_Neuronal.codigo import generar_espirales
from Lab03_Funciones_Activacion.codigo import ACTIVACIONES, ReLU, Sigmoide
from Lab04_Funciones_Perdida.codigo import PERDIDAS, EntropiaCruzada, exactitud_salidas
from Lab05_Backpropagation.codigo import (
    CapaDensa,
    casos_activaciones,
    casos_perdidas,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
    comprobar_gradiente_perdida,
    crear_red_espirales,
    entrenar_manual,
    error_relativo,
    formas_de_gradientes,
    paso_descenso_gradiente,
    tabla_en_texto,
    tabla_gradientes,
)

CASOS_ACTIVACIONES = casos_activaciones(semilla=0)
CASOS_PERDIDAS = casos_perdidas(semilla=0)


# --- la tabla: cada activación y cada pérdida pasa la comprobación numérica ------------------
@pytest.mark.parametrize("caso", CASOS_ACTIVACIONES, ids=[c[0] for c in CASOS_ACTIVACIONES])
def test_cada_activacion_pasa_la_comprobacion_de_gradientes(caso):
    _, capa, x = caso
    errores = comprobar_gradiente_capa(capa, x, semilla=1)
    assert list(errores) == ["entrada"]
    assert errores["entrada"] < 1e-6


@pytest.mark.parametrize("caso", CASOS_PERDIDAS, ids=[c[0] for c in CASOS_PERDIDAS])
def test_cada_perdida_pasa_la_comprobacion_de_gradientes(caso):
    _, perdida, prediccion, objetivo = caso
    assert comprobar_gradiente_perdida(perdida, prediccion, objetivo) < 1e-6


def test_los_casos_cubren_todo_el_registro_del_lab03_y_del_lab04():
    nombres = {c[0] for c in CASOS_ACTIVACIONES}
    assert set(ACTIVACIONES) <= nombres
    clases_perdidas = {type(c[1]) for c in CASOS_PERDIDAS}
    assert set(PERDIDAS.values()) <= clases_perdidas
    modos = {(type(c[1]).__name__, getattr(c[1], "desde_logits", None)) for c in CASOS_PERDIDAS}
    assert ("EntropiaCruzada", False) in modos and ("EntropiaCruzadaBinaria", True) in modos


def test_tabla_gradientes_todo_correcto_y_texto():
    filas = tabla_gradientes(semilla=0)
    assert len(filas) == 1 + len(CASOS_ACTIVACIONES) + len(CASOS_PERDIDAS)
    assert all(f["correcto"] for f in filas), [f for f in filas if not f["correcto"]]
    assert {f["tipo"] for f in filas} == {"capa", "activación", "pérdida"}
    texto = tabla_en_texto(filas)
    assert "¿error < 1e-6?" in texto and "❌" not in texto and texto.count("✅ sí") == len(filas)
    assert "e-" in tabla_en_texto(filas, mostrar_error=True)
    with pytest.raises(ValueError, match="vacía"):
        tabla_en_texto([])


def test_la_tabla_detecta_un_backward_roto():
    class SigmoideRota(Sigmoide):
        def _derivada(self, x, y):  # error típico: olvidar el factor (1 − σ)
            return y

    assert comprobar_gradiente_capa(SigmoideRota(), np.linspace(-2, 2, 8).reshape(4, 2))["entrada"] > 1e-2
    filas = tabla_gradientes(semilla=0, tolerancia=1e-12)  # una tolerancia imposible
    assert not all(f["correcto"] for f in filas)
    assert "❌ NO" in tabla_en_texto(filas)


# --- la red de las espirales contra PyTorch ------------------------------------------------
def _red_torch(modelo):
    """Los mismos pesos en tensores de PyTorch (W se guarda traspuesta en torch)."""
    return [torch.tensor(p.datos.T.copy() if p.nombre == "W" else p.datos.copy(), requires_grad=True)
            for p in modelo.parameters()]


def _forward_torch(pesos, h):
    for i in range(0, len(pesos), 2):
        h = F.linear(h, pesos[i], pesos[i + 1])
        if i + 2 < len(pesos):
            h = torch.relu(h)
    return h


@pytest.mark.parametrize("n_capas_ocultas, n_ocultas", [(1, 8), (2, 16), (3, 5)])
def test_red_espirales_forward_backward_contra_torch(n_capas_ocultas, n_ocultas):
    X, y = generar_espirales(n_por_clase=30, n_clases=3, semilla=1)
    modelo = crear_red_espirales(n_ocultas=n_ocultas, n_capas_ocultas=n_capas_ocultas, semilla=2)
    perdida = EntropiaCruzada()
    pesos = _red_torch(modelo)
    logits = modelo.forward(X)
    valor = perdida.forward(logits, y)
    modelo.zero_grad()
    dX = modelo.backward(perdida.backward())
    Xt = torch.tensor(X, requires_grad=True)
    logits_t = _forward_torch(pesos, Xt)
    valor_t = F.cross_entropy(logits_t, torch.tensor(y))
    valor_t.backward()
    assert abs(valor - valor_t.item()) <= 1e-10 * abs(valor_t.item())
    assert error_relativo(logits, logits_t.detach().numpy()) <= 1e-10
    assert error_relativo(dX, Xt.grad.numpy()) <= 1e-10
    for p, t in zip(modelo.parameters(), pesos):
        esperado = t.grad.numpy().T if p.nombre == "W" else t.grad.numpy()
        assert error_relativo(p.grad, esperado) <= 1e-10


def test_red_espirales_pasa_la_comprobacion_numerica_completa():
    X, y = generar_espirales(n_por_clase=5, n_clases=3, semilla=3)
    modelo = crear_red_espirales(n_ocultas=6, semilla=4)
    copia = [p.datos.copy() for p in modelo.parameters()]
    errores = comprobar_gradiente_modelo(modelo, EntropiaCruzada(), X, y)
    assert list(errores) == ["0.W", "0.b", "2.W", "2.b", "4.W", "4.b"]
    assert max(errores.values()) < 1e-6
    for p, c in zip(modelo.parameters(), copia):
        np.testing.assert_array_equal(p.datos, c)
    with pytest.raises(ValueError, match="no tiene parámetros"):
        comprobar_gradiente_modelo(ReLU(), EntropiaCruzada(), X, y)


def test_un_paso_manual_de_descenso_de_gradiente_baja_la_perdida():
    X, y = generar_espirales(semilla=0)
    modelo = crear_red_espirales(semilla=0)
    perdida = EntropiaCruzada()
    antes = perdida(modelo.forward(X), y)
    modelo.zero_grad()
    modelo.backward(perdida.backward())
    paso_descenso_gradiente(modelo.parameters(), 0.5)
    despues = perdida(modelo.forward(X), y)
    assert despues < antes
    assert antes == pytest.approx(math.log(3), abs=0.15)  # al principio, cerca del azar (1/3 a cada clase)


def test_entrenar_la_red_de_espirales_unos_cientos_de_pasos():
    X, y = generar_espirales(semilla=0)
    modelo = crear_red_espirales(semilla=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        historial = entrenar_manual(modelo, EntropiaCruzada(), X, y, tasa_aprendizaje=0.5, pasos=300)
    assert historial[-1] < 0.25 * historial[0]
    assert exactitud_salidas(modelo.forward(X), y) > 0.9


def test_crear_red_espirales_estructura_y_errores():
    modelo = crear_red_espirales(n_entradas=2, n_ocultas=4, n_clases=5, n_capas_ocultas=2, semilla=0)
    tipos = [type(c).__name__ for c in modelo]
    assert tipos == ["CapaDensa", "ReLU", "CapaDensa", "ReLU", "CapaDensa"]
    assert all(isinstance(c, CapaDensa) for c in modelo if type(c).__name__ == "CapaDensa")
    assert modelo[1] is not modelo[3]  # cada posición tiene su propia ReLU
    assert modelo.forward(np.zeros((7, 2))).shape == (7, 5)
    np.testing.assert_array_equal(modelo[0].W.datos, crear_red_espirales(2, 4, 5, 2, semilla=0)[0].W.datos)
    modelo.forward(np.ones((3, 2)))
    modelo.backward(np.ones((3, 5)))
    lineas = formas_de_gradientes(modelo)
    assert len(lineas) == 6 and "capa 0 CapaDensa  W: datos (2, 4)   grad (2, 4)" in lineas[0]
    for malo in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="entero positivo"):
            crear_red_espirales(n_ocultas=malo)
