"""Lab10: las capas convolucionales de NumPy contra PyTorch (float64), su comprobación numérica de
gradientes y sus errores en español."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from Lab02_Primera_Red_Neuronal.codigo import Secuencial
from Lab05_Backpropagation.codigo import TOLERANCIA_GRADIENTE, comprobar_gradiente_capa
from Lab10_Redes_Neuronales_Convolucionales.codigo import (
    Aplanar,
    AvgPool2D,
    BatchNorm2d,
    BloqueResidualConv,
    Conv2D,
    MaxPool2D,
    PromedioGlobal,
    col2im,
    convolucion2d,
    correlacion2d,
    im2col,
    tamano_salida,
)

TOL = {"rtol": 1e-10, "atol": 1e-12}


def _normal(*forma, semilla=0):
    return np.random.default_rng(semilla).normal(size=forma)


def _torch(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


# --- im2col / col2im -------------------------------------------------------------------------
def test_tamano_salida_y_su_error():
    assert tamano_salida(8, 3) == 6
    assert tamano_salida(8, 3, paso=2, relleno=1) == 4
    assert tamano_salida(7, 2, paso=2) == 3  # se redondea hacia abajo
    with pytest.raises(ValueError, match="el núcleo de tamaño 5 es mayor que la entrada con relleno"):
        tamano_salida(3, 5)


@pytest.mark.parametrize("kh, kw, paso, relleno", [(3, 3, 1, 1), (2, 3, (2, 1), (0, 2)), (3, 2, 3, 0)])
def test_col2im_es_la_adjunta_de_im2col(kh, kw, paso, relleno):
    x = _normal(2, 3, 7, 6)
    columnas = im2col(x, kh, kw, paso, relleno)
    c = _normal(*columnas.shape, semilla=1)
    izquierda = np.sum(columnas * c)                                   # ⟨im2col(x), c⟩
    derecha = np.sum(x * col2im(c, x.shape, kh, kw, paso, relleno))    # ⟨x, col2im(c)⟩
    assert izquierda == pytest.approx(derecha, rel=1e-12)


def test_im2col_coincide_con_unfold_de_pytorch():
    x = _normal(2, 3, 6, 5)
    columnas = im2col(x, 3, 2, (2, 1), 1)
    referencia = F.unfold(_torch(x), (3, 2), padding=1, stride=(2, 1))  # (N, C·kh·kw, L)
    np.testing.assert_allclose(columnas, referencia.permute(0, 2, 1).reshape(-1, 18).numpy(), **TOL)


def test_im2col_errores():
    with pytest.raises(ValueError, match=r"se esperaba la entrada de im2col de forma \(N, C, H, W\)"):
        im2col(np.zeros((3, 8, 8)), 3, 3)
    with pytest.raises(ValueError, match="mayor que la entrada"):
        im2col(np.zeros((1, 1, 2, 2)), 3, 3)
    with pytest.raises(ValueError, match="se esperaban las columnas de col2im de forma"):
        col2im(np.zeros((5, 9)), (1, 1, 4, 4), 3, 3)


# --- Conv2D ----------------------------------------------------------------------------------
CASOS_CONV = [  # (C_in, C_out, núcleo, paso, relleno, sesgo, H, W)
    (1, 2, 3, 1, 0, True, 5, 5),
    (3, 4, 3, 1, 1, True, 6, 7),
    (2, 3, (2, 3), 2, (1, 0), True, 7, 6),
    (3, 2, (3, 1), (1, 2), 2, False, 5, 6),
    (4, 5, 1, 2, 0, True, 5, 5),
]


@pytest.mark.parametrize("metodo", ["bucles", "im2col"])
@pytest.mark.parametrize("c_in, c_out, nucleo, paso, relleno, sesgo, h, w", CASOS_CONV)
def test_conv2d_igual_que_pytorch(metodo, c_in, c_out, nucleo, paso, relleno, sesgo, h, w):
    capa = Conv2D(c_in, c_out, nucleo, paso, relleno, sesgo=sesgo, semilla=0, metodo=metodo)
    if sesgo:
        capa.b.datos = _normal(c_out, semilla=5)
    x = _normal(3, c_in, h, w)
    y = capa.forward(x)
    g = _normal(*y.shape, semilla=1)
    dx = capa.backward(g)
    xt, Wt = _torch(x, True), _torch(capa.W.datos, True)
    bt = _torch(capa.b.datos, True) if sesgo else None
    yt = F.conv2d(xt, Wt, bt, stride=paso, padding=relleno)
    yt.backward(_torch(g))
    assert capa.W.datos.shape == Wt.shape  # (C_out, C_in, kh, kw), como weight de nn.Conv2d
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    np.testing.assert_allclose(capa.W.grad, Wt.grad.numpy(), **TOL)
    if sesgo:
        np.testing.assert_allclose(capa.b.grad, bt.grad.numpy(), **TOL)
    else:
        assert capa.b is None and [n for n, _ in capa.named_parameters()] == ["W"]


def _casos_aleatorios(n_casos, semilla=2024):
    """Formas al azar: lote 1–3, 1–3 canales, imágenes no cuadradas de 5 a 11 píxeles (muchas
    impares), núcleos 1–5 (también rectangulares), paso 1–2 y relleno 0–2 por eje."""
    rng = np.random.default_rng(semilla)
    casos = []
    while len(casos) < n_casos:
        n, c_in, c_out = rng.integers(1, 4), rng.integers(1, 4), rng.integers(1, 5)
        h, w = rng.integers(5, 12, size=2)
        kh, kw = rng.integers(1, 6, size=2)
        paso = tuple(int(v) for v in rng.integers(1, 3, size=2))
        relleno = tuple(int(v) for v in rng.integers(0, 3, size=2))
        if h == w or kh > h + 2 * relleno[0] or kw > w + 2 * relleno[1]:
            continue
        casos.append((int(n), int(c_in), int(c_out), (int(kh), int(kw)), paso, relleno, int(h), int(w)))
    return casos


@pytest.mark.parametrize("n, c_in, c_out, nucleo, paso, relleno, h, w", _casos_aleatorios(16))
def test_conv2d_igual_que_pytorch_en_formas_al_azar(n, c_in, c_out, nucleo, paso, relleno, h, w):
    x = _normal(n, c_in, h, w, semilla=h * w)
    for metodo in ("bucles", "im2col"):
        capa = Conv2D(c_in, c_out, nucleo, paso, relleno, semilla=0, metodo=metodo)
        capa.b.datos = _normal(c_out, semilla=5)
        y = capa.forward(x)
        g = _normal(*y.shape, semilla=1)
        dx = capa.backward(g)
        xt, Wt, bt = _torch(x, True), _torch(capa.W.datos, True), _torch(capa.b.datos, True)
        yt = F.conv2d(xt, Wt, bt, stride=paso, padding=relleno)
        yt.backward(_torch(g))
        np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
        np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
        np.testing.assert_allclose(capa.W.grad, Wt.grad.numpy(), **TOL)
        np.testing.assert_allclose(capa.b.grad, bt.grad.numpy(), **TOL)


@pytest.mark.parametrize("n, c, _c_out, nucleo, paso, _relleno, h, w", _casos_aleatorios(10, semilla=7))
def test_pooling_igual_que_pytorch_en_formas_al_azar(n, c, _c_out, nucleo, paso, _relleno, h, w):
    x = _normal(n, c, h, w, semilla=3)  # valores continuos: sin empates
    for capa, funcion in ((MaxPool2D(nucleo, paso), F.max_pool2d), (AvgPool2D(nucleo, paso), F.avg_pool2d)):
        y = capa.forward(x)
        g = _normal(*y.shape, semilla=1)
        dx = capa.backward(g)
        xt = _torch(x, True)
        yt = funcion(xt, nucleo, paso)
        yt.backward(_torch(g))
        np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
        np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)


def test_batchnorm2d_con_lote_de_uno_y_mapas_rectangulares_como_pytorch():
    x = _normal(1, 3, 5, 7)
    capa, ref = BatchNorm2d(3), torch.nn.BatchNorm2d(3, dtype=torch.float64)
    y = capa.forward(x)
    g = _normal(*y.shape, semilla=1)
    dx = capa.backward(g)
    xt = _torch(x, True)
    yt = ref(xt)
    yt.backward(_torch(g))
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("argumentos", [{"paso": 1.5}, {"paso": (1, 0.5)}, {"relleno": 0.5}, {"paso": True}])
def test_conv2d_paso_o_relleno_no_enteros_dan_error(argumentos):
    with pytest.raises((TypeError, ValueError), match="entero"):
        Conv2D(1, 1, 3, **argumentos)


@pytest.mark.parametrize("metodo", ["bucles", "im2col"])
def test_conv2d_pasa_la_comprobacion_de_gradientes(metodo):
    capa = Conv2D(2, 3, (3, 2), paso=(2, 1), relleno=1, semilla=0, metodo=metodo)
    errores = comprobar_gradiente_capa(capa, _normal(2, 2, 5, 4))
    assert set(errores) == {"entrada", "W", "b"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE


def test_conv2d_inicializacion_he_y_dtype():
    capa = Conv2D(16, 64, 3, semilla=0)
    assert capa.W.datos.std() == pytest.approx(np.sqrt(2 / (16 * 9)), rel=0.05)  # fan_in = C_in·kh·kw
    assert np.array_equal(capa.W.datos, Conv2D(16, 64, 3, semilla=0).W.datos)
    xavier = Conv2D(16, 64, 3, semilla=0, inicializacion="xavier_normal")
    assert xavier.W.datos.std() == pytest.approx(np.sqrt(2 / (16 * 9 + 64 * 9)), rel=0.05)
    for metodo in ("bucles", "im2col"):
        capa32 = Conv2D(2, 3, 3, relleno=1, semilla=0, dtype=np.float32, metodo=metodo)
        y = capa32.forward(_normal(2, 2, 4, 4))  # float64 que llega a una capa float32
        dx = capa32.backward(np.ones(y.shape))
        assert y.dtype == dx.dtype == capa32.W.grad.dtype == np.float32
        referencia = Conv2D(2, 3, 3, relleno=1, semilla=0).forward(_normal(2, 2, 4, 4))
        np.testing.assert_allclose(y, referencia, rtol=1e-5, atol=1e-5)


def test_conv2d_errores_en_espanol():
    capa = Conv2D(3, 2, 3)
    with pytest.raises(ValueError, match=r"se esperaba la entrada de Conv2D de forma \(N, 3, H, W\), "
                                         r"se recibió \(5, 4, 8, 8\)"):
        capa.forward(np.zeros((5, 4, 8, 8)))
    with pytest.raises(ValueError, match=r"de forma \(N, 3, H, W\), se recibió \(3, 8, 8\)"):
        capa.forward(np.zeros((3, 8, 8)))
    with pytest.raises(ValueError, match="el núcleo 3×3 no cabe en la entrada 2×5"):
        capa.forward(np.zeros((1, 3, 2, 5)))
    x = np.zeros((1, 3, 4, 4))
    x[0, 0, 1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN o infinitos"):
        capa.forward(x)
    with pytest.raises(RuntimeError, match="antes que forward"):
        Conv2D(1, 1, 2).backward(np.zeros((1, 1, 1, 1)))
    capa.forward(np.zeros((2, 3, 4, 4)))
    with pytest.raises(ValueError, match=r"se esperaba el gradiente de Conv2D de forma \(2, 2, 2, 2\)"):
        capa.backward(np.zeros((2, 2, 3, 3)))
    with pytest.raises(ValueError, match="metodo debe ser uno de bucles, im2col"):
        Conv2D(1, 1, 3, metodo="fft")
    with pytest.raises(ValueError, match="tamano_nucleo debe ser un entero o una pareja"):
        Conv2D(1, 1, (3, 3, 3))
    with pytest.raises(ValueError, match="relleno debe ser un entero mayor o igual que 0"):
        Conv2D(1, 1, 3, relleno=-1)


def test_conv2d_valores_grandes_dan_resultados_finitos():
    capa = Conv2D(2, 2, 3, relleno=1, semilla=0)
    y = capa.forward(_normal(2, 2, 5, 5) * 1e150)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(capa.backward(np.ones(y.shape))))


def test_correlacion2d_y_convolucion2d():
    rng = np.random.default_rng(0)
    imagen, nucleo = rng.normal(size=(7, 6)), rng.normal(size=(3, 2))
    referencia = F.conv2d(_torch(imagen[None, None]), _torch(nucleo[None, None]), padding=1, stride=2)
    nuestra = correlacion2d(imagen, nucleo, relleno=1, paso=2)
    np.testing.assert_allclose(nuestra, referencia[0, 0].numpy(), **TOL)
    # la convolución voltea el núcleo: es la correlación con nucleo[::-1, ::-1]
    volteada = F.conv2d(_torch(imagen[None, None]), _torch(nucleo[::-1, ::-1].copy()[None, None]))
    np.testing.assert_allclose(convolucion2d(imagen, nucleo), volteada[0, 0].numpy(), **TOL)
    sobel = np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    rampa = np.tile(np.arange(6.0), (6, 1))  # crece hacia la derecha
    assert np.all(correlacion2d(rampa, sobel) == 8) and np.all(convolucion2d(rampa, sobel) == -8)
    suave = np.ones((3, 3)) / 9  # simétrico: las dos coinciden
    np.testing.assert_allclose(correlacion2d(imagen, suave), convolucion2d(imagen, suave), **TOL)
    with pytest.raises(ValueError, match="se esperaba que el núcleo tuviera 2 eje"):
        correlacion2d(imagen, np.ones((1, 3, 3)))
    with pytest.raises(ValueError, match="mayor que la entrada"):
        correlacion2d(np.ones((2, 2)), sobel)


# --- pooling y Aplanar -----------------------------------------------------------------------
@pytest.mark.parametrize("tamano, paso", [(2, None), (3, 1), ((2, 3), (1, 2)), (3, 2)])
def test_pooling_igual_que_pytorch(tamano, paso):
    x = _normal(2, 3, 7, 8)
    g_forma = None
    for capa, funcion in ((MaxPool2D(tamano, paso), F.max_pool2d), (AvgPool2D(tamano, paso), F.avg_pool2d)):
        y = capa.forward(x)
        g_forma = y.shape
        g = _normal(*g_forma, semilla=1)
        dx = capa.backward(g)
        xt = _torch(x, True)
        yt = funcion(xt, tamano, paso)
        yt.backward(_torch(g))
        np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
        np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)


def test_maxpool_con_empates_envia_el_gradiente_al_primero_como_pytorch():
    x = np.array([[[[1.0, 3.0, 3.0, 0.0], [3.0, 2.0, 0.0, 3.0]]]])  # dos ventanas 2×2 con empates
    capa = MaxPool2D(2)
    assert np.array_equal(capa.forward(x), [[[[3.0, 3.0]]]])
    dx = capa.backward(np.array([[[[1.0, 2.0]]]]))
    xt = _torch(x, True)
    F.max_pool2d(xt, 2).backward(_torch([[[[1.0, 2.0]]]]))
    assert np.array_equal(dx, xt.grad.numpy())
    # el primero en orden de lectura (fila a fila)
    assert np.array_equal(dx, [[[[0.0, 1.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]])


def test_promedio_global_y_aplanar():
    x = _normal(2, 3, 4, 5)
    capa = PromedioGlobal()
    y = capa.forward(x)
    g = _normal(2, 3, semilla=1)
    dx = capa.backward(g)
    xt = _torch(x, True)
    yt = F.adaptive_avg_pool2d(xt, 1).flatten(1)
    yt.backward(_torch(g))
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    aplanar = Aplanar()
    plano = aplanar.forward(x)
    assert np.array_equal(plano, torch.flatten(_torch(x), 1).numpy())
    assert np.array_equal(aplanar.backward(plano), x)


def test_pooling_y_aplanar_pasan_la_comprobacion_de_gradientes():
    distintos = np.random.default_rng(0).permutation(2 * 2 * 6 * 6).reshape(2, 2, 6, 6) / 10.0
    for capa in (MaxPool2D(2), MaxPool2D(3, 1), AvgPool2D((2, 3), 1), PromedioGlobal(), Aplanar()):
        errores = comprobar_gradiente_capa(capa, distintos)  # valores distintos: el máximo no cambia
        assert errores["entrada"] < TOLERANCIA_GRADIENTE, capa


def test_pooling_errores_y_dtype():
    with pytest.raises(ValueError, match=r"se esperaba la entrada de MaxPool2D de forma \(N, C, H, W\), "
                                         r"se recibió \(4, 4\)"):
        MaxPool2D(2).forward(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="la ventana 3×3 no cabe"):
        AvgPool2D(3).forward(np.zeros((1, 1, 2, 4)))
    with pytest.raises(ValueError, match="NaN o infinitos"):
        MaxPool2D(2).forward(np.full((1, 1, 2, 2), np.nan))
    with pytest.raises(ValueError, match="PromedioGlobal de forma"):
        PromedioGlobal().forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="Aplanar de forma"):
        Aplanar().forward(np.zeros(3))
    x32 = np.ones((1, 2, 4, 4), dtype=np.float32)
    for capa in (MaxPool2D(2), AvgPool2D(2), PromedioGlobal(), Aplanar()):
        y = capa.forward(x32)
        assert y.dtype == np.float32 and capa.backward(np.ones_like(y)).dtype == np.float32


# --- BatchNorm2d ----------------------------------------------------------------------------
def test_batchnorm2d_igual_que_pytorch_en_entrenamiento_y_evaluacion():
    nuestra, suya = BatchNorm2d(3, momento=0.2), torch.nn.BatchNorm2d(3, momentum=0.2).double()
    nuestra.gamma.datos, nuestra.beta.datos = _normal(3, semilla=7), _normal(3, semilla=8)
    with torch.no_grad():
        suya.weight.copy_(_torch(nuestra.gamma.datos))
        suya.bias.copy_(_torch(nuestra.beta.datos))
    for paso in range(3):  # varios pasos: las medias móviles se acumulan igual
        x = _normal(4, 3, 5, 6, semilla=paso) * 2 + 1
        g = _normal(4, 3, 5, 6, semilla=10 + paso)
        nuestra.zero_grad()
        suya.zero_grad()
        y, xt = nuestra.forward(x), _torch(x, True)
        yt = suya(xt)
        dx = nuestra.backward(g)
        yt.backward(_torch(g))
        np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
        np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
        np.testing.assert_allclose(nuestra.gamma.grad, suya.weight.grad.numpy(), **TOL)
        np.testing.assert_allclose(nuestra.beta.grad, suya.bias.grad.numpy(), **TOL)
    np.testing.assert_allclose(nuestra.media_movil, suya.running_mean.numpy(), **TOL)
    np.testing.assert_allclose(nuestra.varianza_movil, suya.running_var.numpy(), **TOL)
    nuestra.eval()
    suya.eval()
    x = _normal(2, 3, 4, 4, semilla=20)
    xt = _torch(x, True)
    yt = suya(xt)
    g = _normal(2, 3, 4, 4, semilla=21)
    yt.backward(_torch(g))
    np.testing.assert_allclose(nuestra.forward(x), yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(nuestra.backward(g), xt.grad.numpy(), **TOL)


def test_batchnorm2d_gradientes_buffers_y_errores():
    capa = BatchNorm2d(2)
    errores = comprobar_gradiente_capa(capa, _normal(3, 2, 3, 4))
    assert set(errores) == {"entrada", "gamma", "beta"} and max(errores.values()) < TOLERANCIA_GRADIENTE
    capa.eval()
    assert max(comprobar_gradiente_capa(capa, _normal(3, 2, 3, 4)).values()) < TOLERANCIA_GRADIENTE
    red = Secuencial(Conv2D(1, 2, 3, sesgo=False), BatchNorm2d(2))
    assert [n for n, _ in red.named_buffers()] == ["1.media_movil", "1.varianza_movil"]
    with pytest.raises(ValueError, match=r"se esperaba la entrada de BatchNorm2d de forma \(N, 2, H, W\), "
                                         r"se recibió \(3, 2, 4\)"):
        capa.forward(np.zeros((3, 2, 4)))
    with pytest.raises(ValueError, match="más de un valor por canal"):
        BatchNorm2d(2).forward(np.zeros((1, 2, 1, 1)))
    y = BatchNorm2d(2, dtype=np.float32).forward(_normal(2, 2, 3, 3).astype(np.float32))
    assert y.dtype == np.float32


# --- BloqueResidualConv ---------------------------------------------------------------------
class _BloqueTorch(torch.nn.Module):
    """El mismo bloque básico de ResNet, en PyTorch."""

    def __init__(self, c_in, c_out, paso):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(c_in, c_out, 3, paso, 1, bias=False)
        self.norma1 = torch.nn.BatchNorm2d(c_out)
        self.conv2 = torch.nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.norma2 = torch.nn.BatchNorm2d(c_out)
        self.atajo = torch.nn.Sequential()
        if paso != 1 or c_in != c_out:
            self.atajo = torch.nn.Sequential(torch.nn.Conv2d(c_in, c_out, 1, paso, bias=False),
                                             torch.nn.BatchNorm2d(c_out))

    def forward(self, x):
        rama = self.norma2(self.conv2(torch.relu(self.norma1(self.conv1(x)))))
        return torch.relu(rama + self.atajo(x))


def _copiar_pesos(bloque, suyo):
    nombres_torch = {"W": "weight", "gamma": "weight", "beta": "bias"}
    suyos = dict(suyo.named_parameters())
    for nombre, p in bloque.named_parameters():
        prefijo, hoja = nombre.rsplit(".", 1)
        with torch.no_grad():
            suyos[f"{prefijo}.{nombres_torch[hoja]}"].copy_(_torch(p.datos))
    return suyos


@pytest.mark.parametrize("c_in, c_out, paso", [(3, 3, 1), (2, 4, 2)])
def test_bloque_residual_igual_que_pytorch(c_in, c_out, paso):
    bloque = BloqueResidualConv(c_in, c_out, paso, semilla=0)
    for p in bloque.parameters():  # γ y β distintos de 1 y 0 para que cuenten
        if p.nombre in ("gamma", "beta"):
            p.datos = p.datos + _normal(*p.forma, semilla=p.datos.size + len(p.nombre)) * 0.3
    suyo = _BloqueTorch(c_in, c_out, paso).double()
    suyos = _copiar_pesos(bloque, suyo)
    x, xt = _normal(4, c_in, 6, 6), _torch(_normal(4, c_in, 6, 6), True)
    y = bloque.forward(x)
    yt = suyo(xt)
    g = _normal(*y.shape, semilla=3)
    dx = bloque.backward(g)
    yt.backward(_torch(g))
    np.testing.assert_allclose(y, yt.detach().numpy(), **TOL)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    nombres_torch = {"W": "weight", "gamma": "weight", "beta": "bias"}
    for nombre, p in bloque.named_parameters():
        prefijo, hoja = nombre.rsplit(".", 1)
        np.testing.assert_allclose(p.grad, suyos[f"{prefijo}.{nombres_torch[hoja]}"].grad.numpy(), **TOL)
    buffers_torch = dict(suyo.named_buffers())
    for nombre, b in bloque.named_buffers():
        prefijo, hoja = nombre.rsplit(".", 1)
        clave = {"media_movil": "running_mean", "varianza_movil": "running_var"}[hoja]
        np.testing.assert_allclose(b, buffers_torch[f"{prefijo}.{clave}"].numpy(), **TOL)


def test_bloque_residual_estructura_gradientes_y_errores():
    identidad = BloqueResidualConv(2, 2, semilla=0)
    assert identidad.atajo is None
    assert [n for n, _ in identidad.named_parameters()] == [
        "conv1.W", "norma1.gamma", "norma1.beta", "conv2.W", "norma2.gamma", "norma2.beta"]
    cambia = BloqueResidualConv(2, 3, paso=2, semilla=0)
    assert [n for n, _ in cambia.named_parameters()][-3:] == ["atajo.0.W", "atajo.1.gamma", "atajo.1.beta"]
    assert len(cambia.named_buffers()) == 6
    assert cambia.forward(np.zeros((2, 2, 5, 5))).shape == (2, 3, 3, 3)
    cambia.eval()
    assert not any(c.entrenando for c in cambia.modules())
    cambia.train()
    for bloque in (identidad, cambia):
        errores = comprobar_gradiente_capa(bloque, _normal(3, bloque.canales_entrada, 4, 4))
        assert max(errores.values()) < TOLERANCIA_GRADIENTE, errores
    with pytest.raises(ValueError, match=r"se esperaba la entrada de BloqueResidualConv de forma "
                                         r"\(N, 2, H, W\), se recibió \(2, 3, 4, 4\)"):
        identidad.forward(np.zeros((2, 3, 4, 4)))
