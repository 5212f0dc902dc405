"""Lab12: el bloque transformer pre-norm de NumPy contra nn.TransformerEncoderLayer (float64), su
comprobación numérica de gradientes, el modelo completo (pesos atados) entrenado con el Lab06 y el
guion de velocidad."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import (
    TOLERANCIA_GRADIENTE,
    comprobar_gradiente_capa,
    comprobar_gradiente_modelo,
)
from Lab06_Entrenamiento.codigo import Adam, entrenar
from Lab12_Transformers.codigo.atencion import mascara_causal, mascara_relleno
from Lab12_Transformers.codigo.bloque import BloqueTransformer, MLPTransformer
from Lab12_Transformers.codigo.comparar_velocidad import filas_velocidad_bloque, main
from Lab12_Transformers.codigo.modelo_numpy import (
    CabezaAtada,
    ModeloTransformerNumpy,
    entrenar_transformer_numpy,
    exactitud_tokens,
    tarea_juguete,
)
from Lab12_Transformers.codigo.pesos_torch import _parejas, copiar_a_torch

TOL = 1e-10


@pytest.fixture(autouse=True)
def _un_hilo():
    from threadpoolctl import threadpool_limits

    antes = torch.get_num_threads()
    torch.set_num_threads(1)
    with threadpool_limits(1):
        yield
    torch.set_num_threads(antes)


def _normal(*forma, semilla=0):
    return np.random.default_rng(semilla).normal(size=forma)


def _cerca(a, b, tol=TOL):
    b = b.detach().numpy() if isinstance(b, torch.Tensor) else b
    assert np.asarray(a).shape == np.asarray(b).shape
    assert np.max(np.abs(np.asarray(a) - b)) <= tol


def _bloque_con_sesgos(activacion, causal, semilla=1):
    bloque = BloqueTransformer(8, 2, 16, causal=causal, activacion=activacion, semilla=semilla)
    for i, p in enumerate(bloque.parameters()):  # γ, β y sesgos distintos de 1 y 0
        if p.nombre in ("b", "beta", "gamma"):
            p.datos = p.datos + 0.3 * _normal(*p.forma, semilla=10 + i)
    return bloque


@pytest.mark.parametrize("mascara", ["ninguna", "causal", "relleno"])
@pytest.mark.parametrize("activacion", ["relu", "gelu"])
def test_bloque_igual_que_pytorch(activacion, mascara):
    N, T = 3, 5
    bloque = _bloque_con_sesgos(activacion, causal=mascara == "causal")
    ref = copiar_a_torch(bloque)
    x, g = _normal(N, T, 8, semilla=2), _normal(N, T, 8, semilla=3)
    nuestra_mascara, kwargs = None, {}
    if mascara == "causal":
        kwargs = {"src_mask": torch.from_numpy(~mascara_causal(T))}
    elif mascara == "relleno":
        nuestra_mascara = mascara_relleno(np.array([5, 2, 4]), T)
        kwargs = {"src_key_padding_mask": torch.from_numpy(~nuestra_mascara[:, 0])}
    salida = bloque.forward(x, nuestra_mascara)
    dx = bloque.backward(g)
    xt = torch.tensor(x, requires_grad=True)
    ref_salida = ref(xt, **kwargs)
    ref_salida.backward(torch.tensor(g))
    _cerca(salida, ref_salida)
    _cerca(dx, xt.grad)
    n = 0
    for nuestro, suyo, traspuesta in _parejas(bloque, ref):
        partes = nuestro if isinstance(nuestro, list) else [nuestro]
        _cerca(np.concatenate([p.grad.T if traspuesta else p.grad for p in partes]), suyo.grad)
        n += len(partes)
    assert n == len(bloque.parameters()) == 16


@pytest.mark.parametrize("activacion, causal", [("relu", True), ("gelu", False)])
def test_bloque_gradiente_numerico(activacion, causal):
    bloque = _bloque_con_sesgos(activacion, causal)
    x = _normal(2, 3, 8, semilla=4)
    errores = comprobar_gradiente_capa(bloque, x)
    assert np.max(np.abs(bloque.atencion.proy_k.b.grad)) < 1e-12  # ver AtencionMulticabeza
    del errores["atencion.proy_k.b"]
    assert len(errores) == 16 and max(errores.values()) < TOLERANCIA_GRADIENTE


def test_mlp_y_errores_del_bloque():
    mlp = MLPTransformer(4, 8, "gelu", semilla=0)
    assert max(comprobar_gradiente_capa(mlp, _normal(2, 3, 4)).values()) < TOLERANCIA_GRADIENTE
    with pytest.raises(ValueError, match="activación desconocida"):
        MLPTransformer(4, 8, "tanh")
    bloque = BloqueTransformer(8, 2, 16, semilla=0)
    with pytest.raises(ValueError, match=r"\(\.\.\., 8\), se recibió \(2, 3, 6\)"):
        bloque.forward(_normal(2, 3, 6))
    with pytest.raises(ValueError, match="se esperaba una máscara"):
        bloque.forward(_normal(2, 3, 8), mascara_causal(4))
    with pytest.raises(TypeError, match="bool"):
        bloque.forward(_normal(2, 3, 8), np.ones((3, 3)))


def test_bloque_reproducible_y_float32():
    x = _normal(2, 4, 8)
    a, b = BloqueTransformer(8, 2, 16, semilla=5), BloqueTransformer(8, 2, 16, semilla=5)
    assert np.array_equal(a.forward(x), b.forward(x))
    assert not np.array_equal(a.forward(x), BloqueTransformer(8, 2, 16, semilla=6).forward(x))
    b32 = BloqueTransformer(8, 2, 16, semilla=5, dtype=np.float32)
    y32 = b32.forward(x)
    assert y32.dtype == np.float32 and b32.backward(np.ones_like(y32)).dtype == np.float32
    assert np.allclose(y32, a.forward(x), atol=1e-4)


def test_bloque_causal_no_mira_el_futuro():
    bloque = BloqueTransformer(8, 2, 16, causal=True, semilla=0)
    x = _normal(1, 5, 8)
    y = bloque.forward(x)
    x2 = x.copy()
    x2[0, 3:] += 10.0  # cambia el futuro de la posición 2
    y2 = bloque.forward(x2)
    assert np.allclose(y[0, :3], y2[0, :3]) and not np.allclose(y[0, 3:], y2[0, 3:])


# --- modelo completo ------------------------------------------------------------------------
def test_pesos_atados_se_listan_una_vez_y_gradiente():
    atado = ModeloTransformerNumpy(7, 8, 2, 16, n_bloques=1, contexto_maximo=4, atar_pesos=True, semilla=0)
    suelto = ModeloTransformerNumpy(7, 8, 2, 16, n_bloques=1, contexto_maximo=4, semilla=0)
    assert isinstance(atado.cabeza, CabezaAtada) and atado.cabeza.W is atado.embedding.W
    nombres = [n for n, _ in atado.named_parameters()]
    assert nombres.count("embedding.W") == 1 and not any(n.startswith("cabeza") for n in nombres)
    assert len(atado.parameters()) == len(suelto.parameters()) - 2
    assert len({id(p) for p in atado.parameters()}) == len(atado.parameters())
    ids = np.random.default_rng(1).integers(0, 7, size=(2, 4))
    objetivo = np.random.default_rng(2).integers(0, 7, size=(2, 4))
    atado.embedding.W.datos *= 0.3
    errores = comprobar_gradiente_modelo(atado, EntropiaCruzada(), ids, objetivo)
    del errores["bloques.0.atencion.proy_k.b"]
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


@pytest.mark.parametrize("posicional", ["sinusoidal", "aprendida"])
def test_modelo_forma_causal_y_errores(posicional):
    modelo = ModeloTransformerNumpy(5, 8, 2, 16, n_bloques=2, contexto_maximo=6, causal=True,
                                    posicional=posicional, semilla=0)
    ids = np.array([[1, 2, 3, 4], [0, 0, 1, 1]])
    logits = modelo.forward(ids)
    assert logits.shape == (2, 4, 5)
    ids2 = ids.copy()
    ids2[:, 2:] = 4
    assert np.allclose(modelo.forward(ids2)[:, :2], logits[:, :2])  # causal: el futuro no cuenta
    with pytest.raises(ValueError, match="la secuencia tiene T=7 posiciones y el contexto máximo es 6"):
        modelo.forward(np.zeros((1, 7), dtype=np.int64))
    with pytest.raises(ValueError, match=r"se esperaban identificadores de forma \(N, T\)"):
        modelo.forward(np.zeros(4, dtype=np.int64))
    with pytest.raises(ValueError, match="fuera de rango"):
        modelo.forward(np.full((1, 3), 9))
    with pytest.raises(ValueError, match="posicional"):
        ModeloTransformerNumpy(5, posicional="rotatoria")


def test_tarea_juguete_y_exactitud():
    X, y = tarea_juguete(5, 4, 10, "invertir", semilla=0)
    assert np.array_equal(y, X[:, ::-1])
    X, y = tarea_juguete(5, 4, 10, "ordenar", semilla=0)
    assert np.array_equal(y, np.sort(X, axis=1))
    assert np.array_equal(tarea_juguete(3, semilla=4)[0], tarea_juguete(3, semilla=4)[0])
    with pytest.raises(ValueError, match="tarea desconocida"):
        tarea_juguete(tarea="sumar")
    logits = np.zeros((1, 2, 3))
    logits[0, 0, 2] = logits[0, 1, 0] = 1.0
    assert exactitud_tokens(logits, np.array([[2, 1]])) == 0.5


def test_modelo_aprende_con_entrenar():
    X, y = tarea_juguete(256, 6, 6, "invertir", semilla=0)
    modelo = ModeloTransformerNumpy(6, 16, 2, 32, n_bloques=1, contexto_maximo=6, atar_pesos=True, semilla=0)
    historial = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 3e-3), (X, y), epocas=4,
                         tamano_lote=32, metricas={"exactitud": exactitud_tokens}, barra_progreso=False)
    perdidas = historial["perdida"]
    assert perdidas[-1] < 0.7 * perdidas[0]
    assert len(historial["exactitud"]) == 4 and 0.0 <= historial["exactitud"][-1] <= 1.0


def test_entrenar_transformer_numpy_invierte():
    modelo, historial, exactitud = entrenar_transformer_numpy(n_ejemplos=800, epocas=6, semilla=0)
    assert exactitud > 0.9 and historial["perdida"][-1] < 0.2 * historial["perdida"][0]
    _, historial2, exactitud2 = entrenar_transformer_numpy(n_ejemplos=800, epocas=6, semilla=0)
    assert exactitud2 == exactitud and historial2["perdida"] == historial["perdida"]


# --- guion de velocidad ---------------------------------------------------------------------
def test_guion_de_velocidad(capsys):
    filas = filas_velocidad_bloque(((2, 4, 8, 2, 16),), repeticiones=1)
    assert [f[1] for f in filas] == ["float64", "float32"]
    assert all(f[2] > 0 and f[3] > 0 for f in filas)
    assert main(["--rapido", "--repeticiones", "1"]) == 0
    salida = capsys.readouterr().out
    assert "NumPy/PyTorch" in salida and "float32" in salida
