"""Capas hechas de capas (Lab02 ``Capa``): subcapas, nombres con puntos, parámetros compartidos,
``Parametro`` que copia, ``CapaDensa`` sobre el último eje y la regla de tipos."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, Secuencial
from Lab03_Funciones_Activacion.codigo import ReLU
from Lab05_Backpropagation.codigo import CapaDensa, comprobar_gradiente_capa
from Lab06_Entrenamiento.codigo import SGD, BatchNorm1d, Dropout, guardar, predecir


class _Bloque(Capa):
    """Lo que escribiría quien empieza: tres capas como atributos."""

    def __init__(self, semilla: int = 0) -> None:
        super().__init__()
        self.densa = CapaDensa(4, 4, semilla=semilla)
        self.norma = BatchNorm1d(4)
        self.dropout = Dropout(0.5, semilla=semilla)

    def forward(self, x):
        return self.dropout.forward(self.norma.forward(self.densa.forward(x)))

    def backward(self, g):
        return self.densa.backward(self.norma.backward(self.dropout.backward(g)))


def test_una_capa_con_subcapas_las_encuentra_todas(tmp_path):
    modelo = Secuencial(_Bloque())
    X = np.random.default_rng(0).normal(size=(8, 4))
    modelo.forward(X)  # en entrenamiento: mueve las medias móviles
    modelo.eval()
    assert modelo[0].dropout.entrenando is False and modelo[0].norma.entrenando is False
    assert np.array_equal(predecir(modelo, X), predecir(modelo, X))  # Dropout apagado de verdad
    assert len(modelo.parameters()) == 4
    assert [n for n, _ in modelo.named_parameters()] == [
        "0.densa.W",
        "0.densa.b",
        "0.norma.gamma",
        "0.norma.beta",
    ]
    assert [n for n, _ in modelo.named_buffers()] == ["0.norma.media_movil", "0.norma.varianza_movil"]
    with np.load(guardar(modelo, tmp_path / "m.npz")) as archivo:
        assert np.array_equal(archivo["0.norma.media_movil"], modelo[0].norma.media_movil)
    modelo.train()
    assert all(c.entrenando for c in modelo.modules())
    # el optimizador entrena las cuatro: tras un paso cambian
    antes = [p.datos.copy() for p in modelo.parameters()]
    for p in modelo.parameters():
        p.grad = np.ones_like(p.datos)
    SGD(modelo.parameters(), 0.1).step()
    assert all(not np.array_equal(a, p.datos) for a, p in zip(antes, modelo.parameters()))


def test_listas_de_capas_y_nombres_con_puntos_en_el_orden_en_que_se_asignan():
    class Atencion(Capa):
        def __init__(self):
            super().__init__()
            self.W_q = Parametro(np.zeros((2, 2)), "W_q")
            self.W_k = Parametro(np.zeros((2, 2)), "W_k")

    class Bloque(Capa):
        def __init__(self):
            super().__init__()
            self.atencion = Atencion()
            self.mlp = CapaDensa(2, 2, semilla=0)

    class Modelo(Capa):
        def __init__(self):
            super().__init__()
            self.salida = CapaDensa(2, 3, semilla=0)
            self.bloques = [Bloque(), Bloque()]
            self.escala = Parametro(np.ones(1), "escala")

    m = Modelo()
    nombres = [n for n, _ in m.named_parameters()]
    assert nombres == [
        "escala",
        "salida.W",
        "salida.b",
        "bloques.0.atencion.W_q",
        "bloques.0.atencion.W_k",
        "bloques.0.mlp.W",
        "bloques.0.mlp.b",
        "bloques.1.atencion.W_q",
        "bloques.1.atencion.W_k",
        "bloques.1.mlp.W",
        "bloques.1.mlp.b",
    ]
    assert [n for n, _ in m.named_children()] == ["salida", "bloques.0", "bloques.1"]
    assert m.num_parametros() == 1 + 9 + 2 * (8 + 6)
    m.eval()
    assert not m.bloques[1].atencion.entrenando
    assert "(bloques.1): Bloque(" in repr(m)


def test_un_parametro_compartido_se_lista_una_vez_y_se_actualiza_una_vez():
    d = CapaDensa(3, 3, semilla=0)
    modelo = Secuencial(d, ReLU(), d)
    assert len(modelo.parameters()) == 2  # antes: 4, y SGD decía «hay parámetros repetidos»
    SGD(modelo.parameters(), 0.1)

    class Atado(Capa):  # pesos atados: la salida reutiliza la matriz de la entrada (como un GPT)
        def __init__(self):
            super().__init__()
            self.entrada = CapaDensa(3, 3, semilla=0, sesgo=False)
            self.salida = CapaDensa(3, 3, semilla=1, sesgo=False)
            self.salida.W = self.entrada.W

        def forward(self, x):
            return self.salida.forward(np.tanh(self.entrada.forward(x)))

        def backward(self, g):
            h = self.entrada.forward(self.x_guardada)
            return self.entrada.backward(self.salida.backward(g) * (1 - np.tanh(h) ** 2))

    m = Atado()
    assert [n for n, _ in m.named_parameters()] == ["entrada.W"]
    x = np.random.default_rng(3).normal(size=(4, 3))
    m.x_guardada = x
    assert comprobar_gradiente_capa(m, x)["entrada.W"] < 1e-7  # los dos usos suman su gradiente
    # igual que PyTorch con el mismo tensor en dos sitios
    W = torch.tensor(m.entrada.W.datos, requires_grad=True)
    g = np.random.default_rng(4).normal(size=(4, 3))
    salida = torch.tanh(torch.tensor(x) @ W) @ W
    (salida * torch.tensor(g)).sum().backward()
    m.zero_grad()
    m.forward(x)
    m.backward(g)
    np.testing.assert_allclose(m.entrada.W.grad, W.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_parametro_copia_y_solo_admite_coma_flotante():
    original = np.ones((2, 2))
    p = Parametro(original, "W")
    p.grad = np.ones((2, 2))
    SGD([p], 0.5).step()
    assert np.array_equal(original, np.ones((2, 2)))  # el arreglo de quien lo creó no cambia
    assert np.array_equal(p.datos, np.full((2, 2), 0.5))
    with pytest.raises(TypeError, match=r"coma flotante.*int64.*astype"):
        Parametro(np.arange(4))
    with pytest.raises(TypeError, match="coma flotante"):
        Parametro(np.array(["a"]))
    assert Parametro(np.zeros(2, dtype=np.float32)).datos.dtype == np.float32


def test_capa_densa_sobre_el_ultimo_eje_igual_que_nn_linear():
    rng = np.random.default_rng(0)
    capa = CapaDensa(5, 3, semilla=1)
    x = rng.normal(size=(2, 4, 5))
    g = rng.normal(size=(2, 4, 3))
    y = capa.forward(x)
    dx = capa.backward(g)
    lineal = torch.nn.Linear(5, 3).double()
    with torch.no_grad():
        lineal.weight.copy_(torch.tensor(capa.W.datos.T))
        lineal.bias.copy_(torch.tensor(capa.b.datos))
    xt = torch.tensor(x, requires_grad=True)
    yt = lineal(xt)
    (yt * torch.tensor(g)).sum().backward()
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(capa.W.grad, lineal.weight.grad.numpy().T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(capa.b.grad, lineal.bias.grad.numpy(), rtol=1e-12, atol=1e-12)
    errores = comprobar_gradiente_capa(CapaDensa(3, 2, semilla=0), rng.normal(size=(2, 3, 3)))
    assert max(errores.values()) < 1e-7
    with pytest.raises(ValueError, match=r"de forma \(N, N, 5\), se recibió \(2, 4, 4\)"):
        capa.forward(np.ones((2, 4, 4)))


def test_capa_densa_rechaza_un_lote_vacio_en_espanol():
    with pytest.raises(ValueError, match=r"está vacía: forma \(0, 3\)"):
        CapaDensa(3, 2, semilla=0).forward(np.zeros((0, 3)))


def test_regla_de_tipos_la_capa_calcula_en_el_dtype_de_sus_pesos():
    x64 = np.ones((2, 3))
    x32 = np.ones((2, 3), dtype=np.float32)
    capa32 = CapaDensa(3, 2, semilla=0, dtype=np.float32)
    capa64 = CapaDensa(3, 2, semilla=0)
    assert capa32.forward(x64).dtype == np.float32  # un lote float64 no sube el modelo a float64
    assert capa32.backward(np.ones((2, 2))).dtype == np.float32 and capa32.W.grad.dtype == np.float32
    assert capa64.forward(x32).dtype == np.float64
    assert capa64.backward(np.ones((2, 2), dtype=np.float32)).dtype == np.float64
    bn32 = BatchNorm1d(3, dtype=np.float32)
    assert bn32.forward(x64).dtype == np.float32
    assert ReLU().forward(x32).dtype == np.float32  # sin parámetros: conserva el de la entrada
    modelo = Secuencial(
        CapaDensa(3, 4, semilla=0, dtype=np.float32), ReLU(), CapaDensa(4, 2, semilla=1, dtype=np.float32)
    )
    assert predecir(modelo, x64).dtype == np.float32
