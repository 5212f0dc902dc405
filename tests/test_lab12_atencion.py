"""Lab12: atención de producto escalado, máscaras, atención multicabeza, LayerNorm y codificaciones
de posición de NumPy contra PyTorch (float64), comprobación numérica de gradientes y errores."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab02_Primera_Red_Neuronal.codigo import Capa
from Lab05_Backpropagation.codigo import TOLERANCIA_GRADIENTE, comprobar_gradiente_capa
from Lab12_Transformers.codigo.atencion import (
    AtencionProductoEscalado,
    combinar_mascaras,
    mascara_causal,
    mascara_relleno,
)
from Lab12_Transformers.codigo.multicabeza import AtencionMulticabeza
from Lab12_Transformers.codigo.normalizacion import LayerNorm
from Lab12_Transformers.codigo.pesos_torch import _parejas, copiar_a_torch, copiar_desde_torch
from Lab12_Transformers.codigo.posicional import (
    CodificacionSinusoidal,
    EmbeddingPosicional,
    codificacion_sinusoidal,
)

TOL = 1e-10


@pytest.fixture(autouse=True)
def _un_hilo():
    antes = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(antes)


def _normal(*forma, semilla=0):
    return np.random.default_rng(semilla).normal(size=forma)


def _t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


def _cerca(a, b, tol=TOL):
    b = b.detach().numpy() if isinstance(b, torch.Tensor) else b
    assert np.asarray(a).shape == np.asarray(b).shape
    assert np.max(np.abs(np.asarray(a) - b)) <= tol


def _grads_iguales(capa, modulo):
    """Cada gradiente de parámetro de ``capa`` es el de ``modulo`` (con la misma correspondencia
    que usa ``copiar_a_torch``)."""
    for nuestro, suyo, traspuesta in _parejas(capa, modulo):
        partes = nuestro if isinstance(nuestro, list) else [nuestro]
        grad = np.concatenate([p.grad.T if traspuesta else p.grad for p in partes], axis=0)
        _cerca(grad, suyo.grad)


class _ConMascara(Capa):
    """Para la comprobación numérica: ``forward(q, k, v)`` con una máscara fija."""

    def __init__(self, capa, mascara):
        super().__init__()
        self.capa, self.mascara = capa, mascara

    def forward(self, *entradas):
        return self.capa.forward(*entradas, mascara=self.mascara)

    def backward(self, grad):
        return self.capa.backward(grad)


# --- máscaras -------------------------------------------------------------------------------
def test_mascaras_valores():
    assert np.array_equal(mascara_causal(3), np.array([[1, 0, 0], [1, 1, 0], [1, 1, 1]], dtype=bool))
    relleno = mascara_relleno(np.array([2, 3, 0]), 3)
    assert relleno.shape == (3, 1, 3) and relleno.dtype == bool
    assert relleno[:, 0].astype(int).tolist() == [[1, 1, 0], [1, 1, 1], [0, 0, 0]]
    combinada = combinar_mascaras(mascara_causal(3), relleno, None)
    assert combinada.shape == (3, 3, 3)
    assert np.array_equal(combinada[0], np.array([[1, 0, 0], [1, 1, 0], [1, 1, 0]], dtype=bool))
    assert combinar_mascaras(None) is None


def test_mascaras_errores():
    with pytest.raises(ValueError, match="longitud"):
        mascara_relleno(np.array([4]), 3)
    with pytest.raises(ValueError, match="longitudes enteras"):
        mascara_relleno(np.array([1.5]), 3)
    with pytest.raises(TypeError, match="bool"):
        combinar_mascaras(np.ones((3, 3)))
    with pytest.raises(ValueError, match="no se pueden combinar"):
        combinar_mascaras(mascara_causal(3), mascara_causal(4))


# --- atención de producto escalado ------------------------------------------------------------
CASOS_SDPA = ["ninguna", "causal", "relleno"]


@pytest.mark.parametrize("caso", CASOS_SDPA)
@pytest.mark.parametrize("con_cabezas", [False, True])
def test_atencion_igual_que_sdpa(caso, con_cabezas):
    N, H, Tq, d, dv = 3, 2, 5, 4, 3
    delante = (N, H) if con_cabezas else (N,)
    q, k, v = _normal(*delante, Tq, d, semilla=1), _normal(*delante, Tq, d, semilla=2), \
        _normal(*delante, Tq, dv, semilla=3)
    g = _normal(*delante, Tq, dv, semilla=4)
    mascara = {"ninguna": None, "causal": mascara_causal(Tq),
               "relleno": mascara_relleno(np.array([5, 2, 3]), Tq)}[caso]
    if caso == "relleno" and con_cabezas:
        mascara = mascara[:, None]  # (N, 1, 1, T): una por ejemplo, la misma para cada cabeza
    capa = AtencionProductoEscalado()
    salida = capa.forward(q, k, v, mascara)
    dq, dk, dv_ = capa.backward(g)

    qt, kt, vt = _t(q, True), _t(k, True), _t(v, True)
    ref = F.scaled_dot_product_attention(qt, kt, vt, attn_mask=None if mascara is None
                                         else torch.from_numpy(mascara))
    ref.backward(_t(g))
    _cerca(salida, ref)
    _cerca(dq, qt.grad)
    _cerca(dk, kt.grad)
    _cerca(dv_, vt.grad)
    assert np.allclose(capa.pesos.sum(axis=-1), 1.0)
    if mascara is not None:
        assert np.all(capa.pesos[~np.broadcast_to(mascara, capa.pesos.shape)] == 0)


def test_atencion_pesos_a_mano():
    q = np.array([[[1.0, 0.0]]])
    k = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    v = np.array([[[10.0], [20.0]]])
    capa = AtencionProductoEscalado()
    salida = capa.forward(q, k, v)
    p = np.exp(1 / np.sqrt(2)) / (np.exp(1 / np.sqrt(2)) + 1)
    assert np.allclose(capa.pesos, [[[p, 1 - p]]])
    assert np.allclose(salida, [[[10 * p + 20 * (1 - p)]]])


def test_fila_enteramente_enmascarada_da_ceros_finitos():
    q, k, v = _normal(2, 3, 4, semilla=1), _normal(2, 3, 4, semilla=2), _normal(2, 3, 4, semilla=3)
    mascara = mascara_relleno(np.array([0, 2]), 3)  # el ejemplo 0 no tiene ninguna clave
    capa = AtencionProductoEscalado()
    with np.errstate(all="raise"):
        salida = capa.forward(q, k, v, mascara)
        dq, dk, dv = capa.backward(np.ones_like(salida))
    assert np.all(np.isfinite(salida)) and np.all(salida[0] == 0) and np.all(capa.pesos[0] == 0)
    assert all(np.all(np.isfinite(g)) for g in (dq, dk, dv))
    assert np.all(dq[0] == 0) and np.all(dv[0] == 0)
    assert np.allclose(capa.pesos[1].sum(axis=-1), 1.0) and np.all(capa.pesos[1][:, 2] == 0)


def test_atencion_logits_grandes_estables():
    q = np.full((1, 2, 4), 300.0)
    capa = AtencionProductoEscalado()
    salida = capa.forward(q, q, _normal(1, 2, 4), mascara_causal(2))
    assert np.all(np.isfinite(salida))


@pytest.mark.parametrize("mascara", [None, mascara_causal(4), mascara_relleno(np.array([4, 1]), 4)])
def test_atencion_gradiente_numerico(mascara):
    entradas = (_normal(2, 4, 3, semilla=1), _normal(2, 4, 3, semilla=2), _normal(2, 4, 2, semilla=3))
    errores = comprobar_gradiente_capa(_ConMascara(AtencionProductoEscalado(), mascara), entradas)
    assert set(errores) == {"entrada_0", "entrada_1", "entrada_2"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_atencion_errores():
    capa = AtencionProductoEscalado()
    q = _normal(2, 3, 4)
    with pytest.raises(ValueError, match=r"difundirse a la forma \(2, 3, 3\), se recibió \(4, 4\)"):
        capa.forward(q, q, q, mascara_causal(4))
    with pytest.raises(TypeError, match="bool"):
        capa.forward(q, q, q, np.ones((3, 3)))
    with pytest.raises(ValueError, match="se esperaba k de forma"):
        capa.forward(q, _normal(2, 3, 5), q)
    with pytest.raises(ValueError, match="se esperaba v de forma"):
        capa.forward(q, q, _normal(2, 4, 4))
    with pytest.raises(ValueError, match="se esperaba q de forma"):
        capa.forward(_normal(3, 4), q, q)
    with pytest.raises(RuntimeError, match="antes que forward"):
        AtencionProductoEscalado().backward(q)


# --- atención multicabeza -------------------------------------------------------------------
@pytest.mark.parametrize("caso", ["ninguna", "causal", "mascara_nt", "relleno", "causal_y_relleno"])
@pytest.mark.parametrize("sesgo", [True, False])
def test_multicabeza_igual_que_pytorch(caso, sesgo):
    N, T, D, H = 3, 5, 8, 2
    capa = AtencionMulticabeza(D, H, causal=caso.startswith("causal"), sesgo=sesgo, semilla=1)
    if sesgo:  # sesgos distintos de 0 para que también se comprueben
        for p in capa.parameters():
            if p.nombre == "b":
                p.datos = _normal(*p.forma, semilla=7)
    ref = copiar_a_torch(capa)
    x, g = _normal(N, T, D, semilla=2), _normal(N, T, D, semilla=3)
    longitudes = np.array([5, 3, 1])
    mascara, kwargs = None, {}
    if caso == "causal":
        kwargs["attn_mask"] = torch.from_numpy(~mascara_causal(T))
    elif caso == "mascara_nt":
        mascara = _normal(N, T, T, semilla=5) > -0.5
        mascara[:, :, 0] = True  # ninguna fila vacía (PyTorch daría NaN)
        kwargs["attn_mask"] = torch.from_numpy(~np.repeat(mascara, H, axis=0))  # (N·H, T, T)
    elif caso in ("relleno", "causal_y_relleno"):
        mascara = mascara_relleno(longitudes, T)
        kwargs["key_padding_mask"] = torch.from_numpy(~mascara[:, 0])
        if caso == "causal_y_relleno":
            kwargs["attn_mask"] = torch.from_numpy(~mascara_causal(T))

    salida = capa.forward(x, mascara)
    dx = capa.backward(g)
    xt = _t(x, True)
    ref_salida, ref_pesos = ref(xt, xt, xt, need_weights=True, average_attn_weights=False, **kwargs)
    ref_salida.backward(_t(g))
    _cerca(salida, ref_salida)
    _cerca(capa.pesos, ref_pesos)
    _cerca(dx, xt.grad)
    _grads_iguales(capa, ref)
    assert capa.pesos.shape == (N, H, T, T)


@pytest.mark.parametrize("causal", [False, True])
def test_multicabeza_gradiente_numerico(causal):
    capa = AtencionMulticabeza(4, 2, causal=causal, semilla=0)
    for p in capa.parameters():
        if p.nombre == "b":
            p.datos = _normal(*p.forma, semilla=3)
    errores = comprobar_gradiente_capa(capa, _normal(2, 3, 4, semilla=1))
    # el sesgo de k suma q·b_k a todas las puntuaciones de una fila: la softmax no cambia y su
    # gradiente verdadero es 0 (el error relativo de dos ceros es ruido); se comprueba que es ~0
    assert np.max(np.abs(capa.proy_k.b.grad)) < 1e-12
    del errores["proy_k.b"]
    assert len(errores) == 8 and max(errores.values()) < TOLERANCIA_GRADIENTE
    relleno = _ConMascara(capa, mascara_relleno(np.array([3, 2]), 3))
    errores = comprobar_gradiente_capa(relleno, _normal(2, 3, 4, semilla=2))
    del errores["capa.proy_k.b"]
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_multicabeza_cabezas_son_independientes():
    """Con H cabezas, cambiar las componentes de q de una cabeza sólo cambia los pesos de esa cabeza."""
    capa = AtencionMulticabeza(8, 2, semilla=0)
    x = _normal(1, 4, 8)
    capa.forward(x)
    antes = capa.pesos.copy()
    capa.proy_q.W.datos[:, 4:] *= 3.0  # columnas de la cabeza 1
    capa.forward(x)
    assert np.allclose(capa.pesos[:, 0], antes[:, 0]) and not np.allclose(capa.pesos[:, 1], antes[:, 1])


def test_multicabeza_reproducible_y_errores():
    a, b = AtencionMulticabeza(8, 2, semilla=3), AtencionMulticabeza(8, 2, semilla=3)
    x = _normal(2, 4, 8)
    assert np.array_equal(a.forward(x), b.forward(x))
    assert not np.array_equal(a.forward(x), AtencionMulticabeza(8, 2, semilla=4).forward(x))
    assert len(a.parameters()) == 8
    with pytest.raises(ValueError, match="múltiplo de n_cabezas"):
        AtencionMulticabeza(6, 4)
    with pytest.raises(ValueError, match=r"AtencionMulticabeza de forma \(N, T, 8\), se recibió"):
        a.forward(_normal(2, 4, 6))
    with pytest.raises(ValueError, match=r"se esperaba una máscara de forma .* se recibió \(5, 5\)"):
        a.forward(x, mascara_causal(5))
    with pytest.raises(ValueError, match="se esperaba una máscara"):
        a.forward(x, np.ones((2, 1, 1, 4), dtype=bool))
    with pytest.raises(TypeError, match="bool"):
        a.forward(x, np.ones((4, 4)))


def test_copiar_desde_torch_ida_y_vuelta():
    capa = AtencionMulticabeza(8, 2, semilla=0)
    ref = torch.nn.MultiheadAttention(8, 2, batch_first=True, dtype=torch.float64)
    copiar_desde_torch(capa, ref)
    x = _normal(2, 3, 8)
    _cerca(capa.forward(x), ref(_t(x), _t(x), _t(x), need_weights=False)[0])
    with pytest.raises(ValueError, match="mismo tamaño"):
        copiar_desde_torch(AtencionMulticabeza(4, 2), ref)
    with pytest.raises(TypeError, match="no sé copiar"):
        copiar_a_torch(AtencionProductoEscalado())


# --- LayerNorm ------------------------------------------------------------------------------
@pytest.mark.parametrize("forma", [(4, 6), (2, 3, 5), (1, 1, 7)])
def test_layernorm_igual_que_pytorch(forma):
    capa = LayerNorm(forma[-1])
    capa.gamma.datos = _normal(forma[-1], semilla=5)
    capa.beta.datos = _normal(forma[-1], semilla=6)
    ref = copiar_a_torch(capa)
    x, g = 3 * _normal(*forma, semilla=1) + 2, _normal(*forma, semilla=2)
    salida, dx = capa.forward(x), None
    dx = capa.backward(g)
    xt = _t(x, True)
    ref_salida = ref(xt)
    ref_salida.backward(_t(g))
    _cerca(salida, ref_salida)
    _cerca(dx, xt.grad)
    _grads_iguales(capa, ref)


def test_layernorm_gradiente_numerico_y_errores():
    capa = LayerNorm(5)
    capa.gamma.datos = _normal(5, semilla=3)
    errores = comprobar_gradiente_capa(capa, _normal(2, 3, 5, semilla=1))
    assert set(errores) == {"entrada", "gamma", "beta"} and max(errores.values()) < TOLERANCIA_GRADIENTE
    with pytest.raises(ValueError, match=r"\(\.\.\., 5\), se recibió \(2, 4\)"):
        capa.forward(_normal(2, 4))
    y = LayerNorm(3, dtype=np.float32).forward(np.array([[1.0, 2.0, 4.0]]))
    assert y.dtype == np.float32
    constante = capa.forward(np.full((1, 5), 7.0))  # varianza 0: ε evita dividir por 0
    assert np.all(np.isfinite(constante))


# --- codificaciones de posición -------------------------------------------------------------
def test_codificacion_sinusoidal_formula():
    T, D = 7, 6
    tabla = codificacion_sinusoidal(T, D)
    esperada = np.zeros((T, D))
    for t in range(T):
        for i in range(D // 2):
            esperada[t, 2 * i] = np.sin(t / 10000 ** (2 * i / D))
            esperada[t, 2 * i + 1] = np.cos(t / 10000 ** (2 * i / D))
    _cerca(tabla, esperada, 1e-14)
    assert codificacion_sinusoidal(4, 5).shape == (4, 5)
    assert np.allclose(codificacion_sinusoidal(3, 5)[:, 4], np.sin(np.arange(3) / 10000 ** (4 / 5)))


def test_posicionales_forward_backward_y_errores():
    x = _normal(2, 3, 4)
    sinusoidal = CodificacionSinusoidal(5, 4)
    _cerca(sinusoidal.forward(x), x + codificacion_sinusoidal(3, 4), 1e-14)
    assert sinusoidal.parameters() == []
    g = _normal(2, 3, 4, semilla=1)
    assert np.array_equal(sinusoidal.backward(g), g)
    aprendida = EmbeddingPosicional(5, 4, semilla=0)
    _cerca(aprendida.forward(x), x + aprendida.W.datos[:3], 0)
    errores = comprobar_gradiente_capa(aprendida, x)
    assert max(errores.values()) < TOLERANCIA_GRADIENTE
    assert np.all(aprendida.W.grad[3:] == 0)
    assert np.array_equal(EmbeddingPosicional(5, 4, semilla=1).W.datos,
                          EmbeddingPosicional(5, 4, semilla=1).W.datos)
    for capa in (sinusoidal, aprendida):
        with pytest.raises(ValueError, match="la secuencia tiene T=6 posiciones y el contexto máximo es 5"):
            capa.forward(_normal(1, 6, 4))
        with pytest.raises(ValueError, match=r"de forma \(N, T, 4\)"):
            capa.forward(_normal(1, 3, 3))
