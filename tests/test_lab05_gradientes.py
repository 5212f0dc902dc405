"""Pruebas del Lab05: comprobación numérica de gradientes, ``CapaDensa.backward`` y descenso de gradiente.

El comprobador de gradientes se prueba a sí mismo: debe aceptar gradientes correctos,
**detectar** gradientes incorrectos a propósito y no modificar nunca su entrada.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, Secuencial
from Lab02_Primera_Red_Neuronal.codigo import CapaDensa as CapaDensaLab02
from Lab03_Funciones_Activacion.codigo import ReLU
from Lab05_Backpropagation.codigo import (
    CapaDensa,
    comprobar_gradiente,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
    comprobar_gradiente_perdida,
    entrenar_manual,
    error_relativo,
    gradiente_numerico,
    paso_descenso_gradiente,
    paso_entrenamiento,
)


class _ECM:
    """Error cuadrático medio mínimo con el protocolo del Lab04 (sólo para estas pruebas)."""

    def forward(self, prediccion, objetivo):
        self.diferencia = np.asarray(prediccion) - np.asarray(objetivo)
        return float(np.mean(self.diferencia**2))

    def backward(self):
        return 2.0 * self.diferencia / self.diferencia.size


class _ECMRoto(_ECM):
    def backward(self):  # olvida dividir entre el número de elementos
        return 2.0 * self.diferencia


class _DensaSinTraspuesta(CapaDensa):
    """Un error típico: ∂L/∂x = g @ W (sin trasponer) sólo cuadra si W es cuadrada."""

    def backward(self, grad):
        super().backward(grad)
        return grad @ self.W.datos


class _DensaSesgoMal(CapaDensa):
    """Otro error típico: ∂L/∂b = media en lugar de suma sobre el lote."""

    def backward(self, grad):
        dx = super().backward(grad)
        self.b.grad -= grad.sum(axis=0) - grad.mean(axis=0)
        return dx


# --- gradiente_numerico -------------------------------------------------------------------
@pytest.mark.parametrize("forma", [(1,), (5,), (3, 4), (2, 3, 2)])
def test_gradiente_numerico_de_funciones_conocidas(forma):
    rng = np.random.default_rng(0)
    x = rng.normal(size=forma)
    np.testing.assert_allclose(
        gradiente_numerico(lambda v: np.sum(v**3), x), 3 * x**2, rtol=1e-7, atol=1e-9
    )
    np.testing.assert_allclose(
        gradiente_numerico(lambda v: np.sum(np.sin(v) * v), x),
        np.cos(x) * x + np.sin(x), rtol=1e-7, atol=1e-9,
    )


def test_gradiente_numerico_no_modifica_la_entrada():
    rng = np.random.default_rng(1)
    for x in (rng.normal(size=(4, 3)), rng.normal(size=6).astype(np.float32)):
        copia = x.copy()
        vistos = []

        def funcion(v, x=x, vistos=vistos):
            vistos.append(v is x)
            return float(np.sum(v**2))

        gradiente = gradiente_numerico(funcion, x)
        np.testing.assert_array_equal(x, copia)  # ni un bit distinto
        assert x.dtype == copia.dtype and not any(vistos)  # la función nunca recibe x
        assert gradiente.dtype == np.float64 and gradiente.shape == x.shape


def test_diferencias_centrales_tienen_error_de_orden_epsilon_cuadrado():
    x = np.array([0.7])
    exacto = np.cos(0.7)
    errores = [abs(gradiente_numerico(lambda v: np.sin(v[0]), x, e)[0] - exacto) for e in (1e-2, 1e-3)]
    assert 80 < errores[0] / errores[1] < 120  # ε ÷ 10 → error ÷ 100
    adelante = abs((np.sin(0.7 + 1e-3) - np.sin(0.7)) / 1e-3 - exacto)
    assert errores[1] < adelante / 100


@pytest.mark.parametrize(
    "funcion, epsilon, error, mensaje",
    [
        (lambda v: v.sum(), 0.0, ValueError, "epsilon debe ser un número positivo"),
        (lambda v: v.sum(), -1e-6, ValueError, "epsilon"),
        (lambda v: v.sum(), float("nan"), ValueError, "epsilon"),
        (lambda v: v.sum(), "1e-6", ValueError, "epsilon debe ser un número positivo"),
        (lambda v: v, 1e-6, ValueError, "un solo número"),
        (lambda v: float("nan"), 1e-6, ValueError, "NaN o infinito"),
        ("no soy una función", 1e-6, TypeError, "invocable"),
    ],
)
def test_gradiente_numerico_errores_en_espanol(funcion, epsilon, error, mensaje):
    with pytest.raises(error, match=mensaje):
        gradiente_numerico(funcion, np.ones(3), epsilon)


def test_gradiente_numerico_rechaza_entradas_no_finitas():
    with pytest.raises(ValueError, match="NaN o infinitos"):
        gradiente_numerico(lambda v: v.sum(), np.array([1.0, np.inf]))


# --- error_relativo ------------------------------------------------------------------------
def test_error_relativo_valores_conocidos():
    assert error_relativo([1.0, 2.0], [1.0, 2.5]) == pytest.approx(0.5 / 4.5)
    assert error_relativo(np.zeros(3), np.zeros(3)) == 0.0
    assert error_relativo(np.ones((2, 2)), np.ones((2, 2))) == 0.0
    assert error_relativo([1.0], [-1.0]) == 1.0  # signo cambiado: el peor caso
    assert error_relativo(np.zeros(0), np.zeros(0)) == 0.0
    assert error_relativo([np.nan], [1.0]) == float("inf")
    # no depende de la escala
    assert error_relativo([1e-8, 2e-8], [1e-8, 2.5e-8]) == pytest.approx(error_relativo([1, 2], [1, 2.5]))
    with pytest.raises(ValueError, match=r"misma forma; se recibió \(3,\) y \(4,\)"):
        error_relativo(np.ones(3), np.ones(4))


# --- comprobar_gradiente -----------------------------------------------------------------
def test_comprobar_gradiente_acepta_el_correcto_y_detecta_errores():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(3, 4))
    f = lambda v: float(np.sum(np.tanh(v) ** 2))  # noqa: E731
    correcto = 2 * np.tanh(x) * (1 - np.tanh(x) ** 2)
    assert comprobar_gradiente(f, x, correcto) < 1e-8
    assert comprobar_gradiente(f, x, 2 * correcto) > 0.3          # factor olvidado
    assert comprobar_gradiente(f, x, -correcto) > 0.9             # signo cambiado
    uno_mal = correcto.copy()
    uno_mal[1, 2] += 0.01                                         # un solo elemento mal
    assert comprobar_gradiente(f, x, uno_mal) > 1e-3
    assert comprobar_gradiente(f, x, correcto.T.reshape(3, 4)) > 1e-2  # orden de elementos mal
    with pytest.raises(ValueError, match=r"forma de x \(3, 4\), se recibió \(4, 3\)"):
        comprobar_gradiente(f, x, correcto.T)


# --- CapaDensa contra PyTorch --------------------------------------------------------------
@pytest.mark.parametrize("n, entradas, salidas", [(1, 1, 1), (5, 3, 2), (16, 7, 11), (2, 30, 4)])
def test_capa_densa_forward_backward_contra_torch(n, entradas, salidas):
    rng = np.random.default_rng(n * 100 + entradas)
    capa = CapaDensa(entradas, salidas, semilla=rng)
    capa.fijar_pesos(capa.W.datos, rng.normal(size=salidas))
    x, g = rng.normal(size=(n, entradas)), rng.normal(size=(n, salidas))
    y = capa.forward(x)
    dx = capa.backward(g)

    xt = torch.tensor(x, requires_grad=True)
    Wt = torch.tensor(capa.W.datos.T.copy(), requires_grad=True)  # torch guarda (salidas, entradas)
    bt = torch.tensor(capa.b.datos, requires_grad=True)
    yt = F.linear(xt, Wt, bt)
    (yt * torch.tensor(g)).sum().backward()
    assert error_relativo(y, yt.detach().numpy()) <= 1e-10
    assert error_relativo(dx, xt.grad.numpy()) <= 1e-10
    assert error_relativo(capa.W.grad, Wt.grad.numpy().T) <= 1e-10
    assert error_relativo(capa.b.grad, bt.grad.numpy()) <= 1e-10
    assert dx.shape == x.shape and capa.W.grad.shape == capa.W.datos.shape


@pytest.mark.parametrize("sesgo", [True, False])
def test_capa_densa_pasa_la_comprobacion_de_gradientes(sesgo):
    capa = CapaDensa(4, 3, semilla=0, sesgo=sesgo)
    x = np.random.default_rng(3).normal(size=(6, 4))
    W_antes = capa.W.datos
    copia = W_antes.copy()
    errores = comprobar_gradiente_capa(capa, x, semilla=1)
    assert set(errores) == ({"entrada", "W", "b"} if sesgo else {"entrada", "W"})
    assert max(errores.values()) < 1e-6
    assert capa.W.datos is W_antes  # el comprobador deja los pesos tal cual
    np.testing.assert_array_equal(capa.W.datos, copia)
    np.testing.assert_array_equal(capa.entrada, x)


def test_comprobar_gradiente_capa_detecta_backward_incorrectos():
    x = np.random.default_rng(4).normal(size=(5, 3))
    errores = comprobar_gradiente_capa(_DensaSinTraspuesta(3, 3, semilla=0), x)
    assert errores["entrada"] > 1e-2 and errores["W"] < 1e-6
    errores = comprobar_gradiente_capa(_DensaSesgoMal(3, 2, semilla=0), x)
    assert errores["b"] > 1e-2 and errores["W"] < 1e-6 and errores["entrada"] < 1e-6


def test_comprobar_gradiente_capa_con_secuencial_nombra_cada_parametro():
    modelo = Secuencial(CapaDensa(3, 5, semilla=0), CapaDensa(5, 2, semilla=1))
    x = np.random.default_rng(5).normal(size=(4, 3))
    errores = comprobar_gradiente_capa(modelo, x, semilla=np.random.default_rng(0))
    assert list(errores) == ["entrada", "0.W", "0.b", "1.W", "1.b"]  # como named_parameters de torch
    assert max(errores.values()) < 1e-6
    with pytest.raises(TypeError, match="forward y backward"):
        comprobar_gradiente_capa(object(), x)


def test_claves_de_parametros_con_nombres_con_puntos_y_objetos_sin_named_parameters():
    errores = comprobar_gradiente_capa(CapaDensa(2, 2, semilla=0, sesgo=False), np.ones((3, 2)))
    assert list(errores) == ["entrada", "W"]
    modelo = Secuencial(CapaDensa(2, 3, semilla=0), ReLU(), CapaDensa(3, 2, semilla=1))
    errores = comprobar_gradiente_capa(modelo, np.random.default_rng(0).normal(size=(4, 2)))
    assert list(errores) == ["entrada", "0.W", "0.b", "2.W", "2.b"]

    class Suelta:  # no hereda de Capa: sólo forward, backward y parameters
        def __init__(self):
            self.a = Parametro(np.ones(2), "a")
            self.b = Parametro(np.ones(2))

        def forward(self, x):
            self.x = x
            return x * self.a.datos + self.b.datos

        def backward(self, g):
            self.a.grad += (g * self.x).sum(0)
            self.b.grad += g.sum(0)
            return g * self.a.datos

        def parameters(self):
            return [self.a, self.b]

        def zero_grad(self):
            for p in self.parameters():
                p.zero_grad()

    errores = comprobar_gradiente_capa(Suelta(), np.ones((3, 2)))
    assert list(errores) == ["entrada", "a[0]", "parametro[1]"] and max(errores.values()) < 1e-7


def test_capa_densa_acumula_gradientes_y_zero_grad():
    capa = CapaDensa(3, 2, semilla=0)
    x, g = np.ones((4, 3)), np.ones((4, 2))
    capa.forward(x)
    capa.backward(g)
    primero = capa.W.grad.copy(), capa.b.grad.copy()
    capa.backward(g)
    np.testing.assert_array_equal(capa.W.grad, 2 * primero[0])
    np.testing.assert_array_equal(capa.b.grad, 2 * primero[1])
    np.testing.assert_array_equal(primero[1], [4.0, 4.0])  # Σ sobre el lote de 4 unos
    capa.zero_grad()
    assert not capa.W.grad.any() and not capa.b.grad.any()


def test_capa_densa_es_la_del_lab02_completada():
    capa = CapaDensa(2, 3, semilla=7)
    assert isinstance(capa, CapaDensaLab02)
    np.testing.assert_array_equal(capa.W.datos, CapaDensaLab02(2, 3, semilla=7).W.datos)
    assert repr(capa) == "CapaDensa(2 → 3, inicializacion='he')"


def test_capa_densa_acepta_float32():
    capa = CapaDensa(3, 2, semilla=0, dtype=np.float32)
    x = np.ones((4, 3), dtype=np.float32)
    capa.forward(x)
    dx = capa.backward(np.ones((4, 2), dtype=np.float32))
    assert dx.dtype == np.float32 and capa.W.grad.dtype == np.float32


@pytest.mark.parametrize(
    "grad, mensaje",
    [
        (np.ones((4, 3)), r"se esperaba el gradiente de CapaDensa de forma \(4, 2\), se recibió \(4, 3\)"),
        (np.ones((5, 2)), r"de forma \(4, 2\), se recibió \(5, 2\)"),
        (np.ones(2), r"forma \(4, 2\), se recibió \(2,\)"),
        (np.full((4, 2), np.nan), "NaN o infinitos"),
    ],
)
def test_capa_densa_backward_errores_en_espanol(grad, mensaje):
    capa = CapaDensa(3, 2, semilla=0)
    capa.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=mensaje):
        capa.backward(grad)


def test_capa_densa_backward_antes_que_forward():
    with pytest.raises(RuntimeError, match="backward se llamó antes que forward"):
        CapaDensa(3, 2, semilla=0).backward(np.ones((1, 2)))


# --- comprobar_gradiente_perdida ------------------------------------------------------------
def test_comprobar_gradiente_perdida():
    rng = np.random.default_rng(6)
    p, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    copia = p.copy()
    assert comprobar_gradiente_perdida(_ECM(), p, y) < 1e-8
    assert comprobar_gradiente_perdida(_ECMRoto(), p, y) > 0.5
    np.testing.assert_array_equal(p, copia)
    with pytest.raises(TypeError, match="pérdida con forward y backward"):
        comprobar_gradiente_perdida(lambda a, b: 0.0, p, y)


# --- descenso de gradiente ----------------------------------------------------------------
def test_paso_descenso_gradiente_en_su_sitio():
    p = Parametro(np.array([1.0, -2.0]), "w")
    p.grad = np.array([0.5, -1.0])
    datos = p.datos
    paso_descenso_gradiente([p], 0.1)
    assert p.datos is datos  # el mismo arreglo, modificado en su sitio
    np.testing.assert_allclose(p.datos, [0.95, -1.9])
    np.testing.assert_array_equal(p.grad, [0.5, -1.0])  # los gradientes no se tocan


@pytest.mark.parametrize(
    "parametros, tasa, error, mensaje",
    [
        ([Parametro(np.ones(2))], 0.0, ValueError, "tasa de aprendizaje debe ser un número positivo"),
        ([Parametro(np.ones(2))], -0.1, ValueError, "positivo"),
        ([Parametro(np.ones(2))], float("nan"), ValueError, "positivo"),
        ([Parametro(np.ones(2))], True, ValueError, "positivo"),
        ([Parametro(np.ones(2))], "0.1", ValueError, "positivo, se recibió '0.1'"),
        ([np.ones(2)], 0.1, TypeError, "el elemento 0 es ndarray"),
    ],
)
def test_paso_descenso_gradiente_errores(parametros, tasa, error, mensaje):
    with pytest.raises(error, match=mensaje):
        paso_descenso_gradiente(parametros, tasa)


def test_paso_descenso_gradiente_comprueba_los_gradientes_antes_de_tocar_nada():
    bueno, malo = Parametro(np.ones(2), "a"), Parametro(np.ones(3), "b")
    bueno.grad = np.ones(2)
    malo.grad = np.ones(2)
    with pytest.raises(ValueError, match=r"parámetro b tiene forma \(2,\), se esperaba \(3,\)"):
        paso_descenso_gradiente([bueno, malo], 0.1)
    np.testing.assert_array_equal(bueno.datos, [1.0, 1.0])  # nada cambió
    malo.grad = np.array([1.0, np.inf, 0.0])
    with pytest.raises(ValueError, match="NaN o infinitos"):
        paso_descenso_gradiente([malo], 0.1)


def test_un_paso_de_descenso_baja_la_perdida_y_coincide_con_torch():
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=(20, 1))
    modelo = Secuencial(CapaDensa(3, 4, semilla=0), CapaDensa(4, 1, semilla=1))
    Wt = [torch.tensor(p.datos.copy(), requires_grad=True) for p in modelo.parameters()]
    antes = paso_entrenamiento(modelo, _ECM(), X, y, 0.05)
    despues = _ECM().forward(modelo.forward(X), y)
    assert despues < antes
    # el mismo paso con PyTorch
    salida = (torch.tensor(X) @ Wt[0] + Wt[1]) @ Wt[2] + Wt[3]
    perdida = ((salida - torch.tensor(y)) ** 2).mean()
    perdida.backward()
    assert abs(perdida.item() - antes) <= 1e-12
    for p, t in zip(modelo.parameters(), Wt):
        assert error_relativo(p.datos, (t - 0.05 * t.grad).detach().numpy()) <= 1e-12


def test_entrenar_manual_reduce_la_perdida():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(30, 2))
    y = X @ np.array([[1.5], [-2.0]]) + 0.3
    modelo = Secuencial(CapaDensa(2, 1, semilla=0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        historial = entrenar_manual(modelo, _ECM(), X, y, tasa_aprendizaje=0.1, pasos=200)
    assert len(historial) == 200 and historial[-1] < 1e-6 < historial[0]
    np.testing.assert_allclose(modelo[0].W.datos.ravel(), [1.5, -2.0], atol=1e-3)
    with pytest.raises(ValueError, match="pasos debe ser un entero positivo"):
        entrenar_manual(modelo, _ECM(), X, y, pasos=0)
    with pytest.raises(ValueError, match="tasa de aprendizaje"):
        paso_entrenamiento(modelo, _ECM(), X, y, tasa_aprendizaje=-1)


# --- comprobar_gradiente_capa para el resto del curso -----------------------------------------
def test_comprobar_gradiente_capa_deja_la_capa_como_estaba():
    from Lab06_Entrenamiento.codigo import BatchNorm1d

    capa = BatchNorm1d(3)
    x = np.random.default_rng(0).normal(size=(6, 3)) + 2.5
    media, varianza = capa.media_movil.copy(), capa.varianza_movil.copy()
    errores = comprobar_gradiente_capa(capa, x)  # en modo entrenamiento: cada forward movería las medias
    assert max(errores.values()) < 1e-6
    assert np.array_equal(capa.media_movil, media) and np.array_equal(capa.varianza_movil, varianza)
    assert capa.entrenando
    modelo = Secuencial(CapaDensa(3, 3, semilla=0), BatchNorm1d(3)).eval()
    comprobar_gradiente_capa(modelo, x)
    assert not any(c.entrenando for c in modelo.modules())


def test_la_semilla_del_gradiente_de_arriba_no_es_la_de_los_datos():
    from Lab05_Backpropagation.codigo import SEMILLA_GRADIENTE
    from Lab06_Entrenamiento.codigo import BatchNorm1d

    assert SEMILLA_GRADIENTE not in range(100)
    x = np.random.default_rng(0).normal(size=(5, 3))
    # antes, g salía de la semilla 0, igual que x: g == x y en BatchNorm el gradiente verdadero era
    # ~1e-16, así que el «error relativo» era puro ruido
    errores = comprobar_gradiente_capa(BatchNorm1d(3, afin=False), x)
    assert errores["entrada"] < 1e-6


class _DosEntradasDosSalidas(Capa):
    """``forward(a, b) = (a·b·w, (a + b, a²))``: varias entradas y salidas anidadas, como una LSTM."""

    def __init__(self):
        super().__init__()
        self.w = Parametro(np.array([0.5, -1.0, 2.0]), "w")

    def forward(self, a, b):
        self.a, self.b = a, b
        return a * b * self.w.datos, (a + b, a**2)

    def backward(self, g_prod, g_estado):
        g_suma, g_cuad = g_estado
        self.w.grad += (g_prod * self.a * self.b).sum(axis=0)
        da = g_prod * self.b * self.w.datos + g_suma + 2 * self.a * g_cuad
        db = g_prod * self.a * self.w.datos + g_suma
        return da, db


class _Incrustacion(Capa):
    """Una tabla de vectores indexada por enteros (lo que será ``Embedding`` en el Lab11)."""

    def __init__(self):
        super().__init__()
        self.tabla = Parametro(np.random.default_rng(0).normal(size=(5, 2)), "tabla")

    def forward(self, ids):
        assert np.issubdtype(ids.dtype, np.integer), "los ids deben llegar como enteros"
        self.ids = ids
        return self.tabla.datos[ids]

    def backward(self, grad):
        np.add.at(self.tabla.grad, self.ids, grad)
        return None


def test_capas_con_varias_entradas_y_salidas_y_entradas_de_enteros():
    rng = np.random.default_rng(1)
    entradas = (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))
    errores = comprobar_gradiente_capa(_DosEntradasDosSalidas(), entradas)
    assert set(errores) == {"entrada_0", "entrada_1", "w"} and max(errores.values()) < 1e-7

    class Roto(_DosEntradasDosSalidas):
        def backward(self, g_prod, g_estado):
            da, db = super().backward(g_prod, g_estado)
            return da - 2 * self.a * g_estado[1], db  # olvida la salida a²

    assert comprobar_gradiente_capa(Roto(), entradas)["entrada_0"] > 1e-2
    ids = np.array([[0, 3, 3], [4, 1, 0]])
    errores = comprobar_gradiente_capa(_Incrustacion(), ids)
    assert list(errores) == ["tabla"] and errores["tabla"] < 1e-7  # la entrada (ids) no se comprueba
    densa = CapaDensa(3, 2, semilla=0)
    errores = comprobar_gradiente_capa(densa, rng.normal(size=(2, 3)), comprobar_entrada=False)
    assert list(errores) == ["W", "b"]


def test_comprobar_gradiente_modelo_con_ids_y_nombres_con_puntos():
    from Lab04_Funciones_Perdida.codigo import EntropiaCruzada

    modelo = Secuencial(_Incrustacion(), CapaDensa(2, 4, semilla=0))
    ids = np.array([[0, 3, 3], [4, 1, 0]])
    etiquetas = np.array([[1, 2, 3], [0, 0, 1]])
    errores = comprobar_gradiente_modelo(modelo, EntropiaCruzada(), ids, etiquetas)
    assert list(errores) == ["0.tabla", "1.W", "1.b"] and max(errores.values()) < 1e-7
