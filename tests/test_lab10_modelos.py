"""Lab10: la LeNet de NumPy se entrena con el bucle del Lab06 sobre los dígitos, se guarda y se
carga; su retropropagación completa pasa la comprobación numérica."""

from __future__ import annotations

import time

import numpy as np
import pytest
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import TOLERANCIA_GRADIENTE, comprobar_gradiente_modelo
from Lab06_Entrenamiento.codigo import (
    Adam,
    CalendarioCoseno,
    cargar,
    dividir_datos,
    entrenar,
    guardar,
    predecir,
    predecir_clases,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo import (
    Aplanar,
    Conv2D,
    MaxPool2D,
    construir_lenet,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo.comparar_velocidad import comparar_velocidad

EPOCAS = 10


def _imagenes(X: np.ndarray) -> np.ndarray:
    return X.reshape(-1, 1, 8, 8)


@pytest.fixture(scope="module")
def lenet_entrenada():
    """LeNet entrenada con ``entrenar`` (Adam + coseno) en el 80 % de los dígitos; el 20 % es la prueba."""
    X, y = load_digits(return_X_y=True)
    entrenamiento, _, prueba = dividir_datos(X / 16.0, y, (0.8, 0.0, 0.2), semilla=0)
    modelo = construir_lenet(semilla=0)
    optimizador = Adam(modelo.parameters(), 0.01)
    inicio = time.perf_counter()
    # Con matrices tan pequeñas, varios hilos de BLAS cuestan más de lo que ahorran.
    with threadpool_limits(limits=1):
        historial = entrenar(modelo, EntropiaCruzada(), optimizador,
                             (_imagenes(entrenamiento[0]), entrenamiento[1]), epocas=EPOCAS, tamano_lote=32,
                             calendario=CalendarioCoseno(optimizador, EPOCAS), barra_progreso=False)
    segundos = time.perf_counter() - inicio
    return modelo, historial, (_imagenes(prueba[0]), prueba[1]), segundos


def test_lenet_estructura_y_formas():
    modelo = construir_lenet(semilla=0)
    tipos = [type(c).__name__ for c in modelo]
    assert tipos == ["Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Aplanar", "CapaDensa"]
    assert [n for n, _ in modelo.named_parameters()] == ["0.W", "0.b", "3.W", "3.b", "7.W", "7.b"]
    assert modelo.num_parametros() == (16 * 9 + 16) + (32 * 16 * 9 + 32) + (128 * 10 + 10)
    assert modelo.forward(np.zeros((5, 1, 8, 8))).shape == (5, 10)
    pequena = construir_lenet(n_clases=3, canales=(8, 16))
    assert pequena.forward(np.zeros((2, 1, 8, 8))).shape == (2, 3)
    assert np.array_equal(construir_lenet(semilla=4)[0].W.datos, construir_lenet(semilla=4)[0].W.datos)
    with pytest.raises(ValueError, match=r"en la capa 0 .*se esperaba la entrada de Conv2D de forma "
                                         r"\(N, 1, H, W\), se recibió \(5, 64\)"):
        modelo.forward(np.zeros((5, 64)))  # olvidar el reshape a (N, 1, 8, 8)
    with pytest.raises(ValueError, match="canales debe ser una pareja"):
        construir_lenet(canales=(8,))


def test_lenet_float32():
    modelo = construir_lenet(semilla=0, dtype=np.float32)
    y = modelo.forward(np.random.default_rng(0).normal(size=(4, 1, 8, 8)))
    assert y.dtype == np.float32
    perdida = EntropiaCruzada()
    perdida.forward(y, np.array([0, 1, 2, 3]))
    assert modelo.backward(perdida.backward()).dtype == np.float32
    assert all(p.grad.dtype == np.float32 and np.all(np.isfinite(p.grad)) for p in modelo.parameters())


def test_lenet_pequena_pasa_la_comprobacion_de_gradientes_del_modelo():
    modelo = construir_lenet(n_clases=4, canales=(2, 3), semilla=1)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(3, 1, 8, 8)), np.array([0, 3, 1])
    errores = comprobar_gradiente_modelo(modelo, EntropiaCruzada(), X, y)
    assert set(errores) == {"0.W", "0.b", "3.W", "3.b", "7.W", "7.b"}
    assert max(errores.values()) < TOLERANCIA_GRADIENTE, errores


def test_lenet_aprende_los_digitos(lenet_entrenada):
    modelo, historial, (X_prueba, y_prueba), segundos = lenet_entrenada
    assert historial.epocas == EPOCAS and not historial.divergio
    assert historial["perdida"][-1] < historial["perdida"][0] / 5
    exactitud = float(np.mean(predecir_clases(modelo, X_prueba) == y_prueba))
    assert exactitud >= 0.98
    assert segundos > 0  # se mide (unos segundos), pero no se exige un tiempo: depende de la máquina


def test_lenet_guardada_y_cargada_predice_igual(lenet_entrenada, tmp_path):
    modelo, _, (X_prueba, _), _ = lenet_entrenada
    ruta = guardar(modelo, tmp_path / "lenet.npz")
    nueva = construir_lenet(semilla=123)
    assert not np.array_equal(predecir(nueva, X_prueba), predecir(modelo, X_prueba))
    cargar(nueva, ruta)
    assert np.array_equal(predecir(nueva, X_prueba), predecir(modelo, X_prueba))


def test_una_red_con_batchnorm2d_guarda_sus_medias_moviles(tmp_path):
    from Lab02_Primera_Red_Neuronal.codigo import Secuencial
    from Lab03_Funciones_Activacion.codigo import ReLU
    from Lab05_Backpropagation.codigo import CapaDensa
    from Lab10_Redes_Neuronales_Convolucionales.codigo import BatchNorm2d, BloqueResidualConv, PromedioGlobal

    def red(semilla):
        return Secuencial(Conv2D(1, 4, 3, relleno=1, sesgo=False, semilla=semilla), BatchNorm2d(4), ReLU(),
                          BloqueResidualConv(4, 8, paso=2, semilla=semilla), PromedioGlobal(),
                          CapaDensa(8, 3, semilla=semilla))

    modelo = red(0)
    X = np.random.default_rng(0).normal(size=(6, 1, 6, 6))
    for _ in range(3):
        modelo.forward(X)  # en train(): las medias móviles cambian
    ruta = guardar(modelo, tmp_path / "red.npz")
    guardados = set(np.load(ruta).files)
    esperados = {"1.media_movil", "1.varianza_movil", "3.norma1.media_movil", "3.atajo.1.varianza_movil"}
    assert esperados <= guardados
    nueva = cargar(red(5), ruta)
    assert np.array_equal(nueva[1].media_movil, modelo[1].media_movil)
    assert np.array_equal(predecir(nueva, X), predecir(modelo, X))


def test_aplanar_y_maxpool_en_una_red_minima():
    from Lab02_Primera_Red_Neuronal.codigo import Secuencial

    red = Secuencial(MaxPool2D(2), Aplanar())
    assert red.forward(np.arange(32.0).reshape(2, 1, 4, 4)).tolist() == [[5, 7, 13, 15], [21, 23, 29, 31]]


def test_comparar_velocidad_escribe_su_tabla():
    tabla = comparar_velocidad(repeticiones=1, forma=(2, 3, 6, 6))
    lineas = tabla.splitlines()
    assert "bucles/im2col" in lineas[1] and "im2col/PyTorch" in lineas[1]
    assert "(2, 3, 6, 6) → 16" in lineas[2]
    assert "float64" in lineas[2] and "float32" in lineas[3] and len(lineas) == 4


def test_comparar_velocidad_casos_de_la_lenet_y_errores():
    from Lab10_Redes_Neuronales_Convolucionales.codigo.comparar_velocidad import CASOS, GRUPOS

    assert set(GRUPOS["lenet"]) | set(GRUPOS["grande"]) == set(CASOS)
    lineas = comparar_velocidad(repeticiones=1, casos="lenet_conv2").splitlines()
    assert len(lineas) == 4 and all(linea.startswith("lenet_conv2") for linea in lineas[2:])
    with pytest.raises(ValueError, match="caso desconocido"):
        comparar_velocidad(repeticiones=1, casos="enorme")
