"""Lab11: la LSTM que lee los dígitos fila a fila se entrena con el bucle del Lab06; gradientes que se
desvanecen y explotan en el tiempo, el recorte que los doma y el script de velocidad."""

from __future__ import annotations

import numpy as np
import pytest

from Lab02_Primera_Red_Neuronal.codigo import Secuencial
from Lab05_Backpropagation.codigo import CapaDensa
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.comparar_velocidad import main, tabla_velocidad_lstm
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.gradientes_tiempo import (
    demostrar_recorte,
    experimento_gradientes,
    norma_gradiente_por_paso,
    pesos_recurrentes_grandes,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.modelos import (
    construir_clasificador_secuencias,
    construir_lstm_digitos,
    digitos_como_secuencias,
    entrenar_lstm_digitos,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.recurrentes import GRU, LSTM, RNN
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.secuencias import UltimoPaso


# --- datos y modelos --------------------------------------------------------------------------
def test_digitos_como_secuencias():
    (X, y), (Xv, yv), (Xp, yp) = digitos_como_secuencias(semilla=0)
    assert X.shape == (1079, 8, 8) and Xv.shape == (359, 8, 8) and Xp.shape == (359, 8, 8)
    assert X.dtype == np.float64 and X.min() >= 0 and X.max() <= 1
    assert set(np.unique(y)) == set(range(10)) and y.dtype == np.int64
    assert np.abs(np.bincount(yp) - 36).max() <= 2  # estratificado: ~36 por clase en la prueba
    (X2, _), _, _ = digitos_como_secuencias(semilla=0)
    np.testing.assert_array_equal(X, X2)
    (X3, _), _, _ = digitos_como_secuencias(semilla=1)
    assert not np.array_equal(X, X3)


def test_construir_modelos():
    modelo = construir_lstm_digitos(n_oculto=16, semilla=0)
    assert isinstance(modelo, Secuencial) and len(modelo) == 3
    assert [type(capa) for capa in modelo] == [LSTM, UltimoPaso, CapaDensa]
    assert modelo.forward(np.zeros((5, 8, 8))).shape == (5, 10)
    for tipo, clase in (("rnn", RNN), ("lstm", LSTM), ("gru", GRU)):
        otro = construir_clasificador_secuencias(tipo, n_entrada=3, n_oculto=4, n_clases=2)
        assert isinstance(otro[0], clase) and otro.forward(np.zeros((2, 5, 3))).shape == (2, 2)
    with pytest.raises(ValueError, match="tipo debe ser uno de rnn, lstm, gru"):
        construir_clasificador_secuencias("transformer")


def test_lstm_digitos_aprende_con_entrenar():
    """Con Adam 0.01, 64 unidades, lotes de 32 y 15 épocas pasa de 0.95 en la prueba (mide ~0.98)."""
    resultado = entrenar_lstm_digitos(semilla=0)
    assert resultado["exactitud_prueba"] >= 0.95
    historial = resultado["historial"]
    assert historial["perdida"][-1] < 0.5 * historial["perdida"][0]


# --- gradientes a lo largo del tiempo -----------------------------------------------------------
def test_norma_gradiente_por_paso():
    capa = LSTM(3, 5, semilla=0)
    capa.W_hh.grad += 7.0  # lo que ya hubiera en los gradientes se conserva
    normas = norma_gradiente_por_paso(capa, np.random.default_rng(0).normal(size=(4, 6, 3)))
    assert normas.shape == (6,) and np.all(np.isfinite(normas)) and np.all(normas > 0)
    assert np.all(capa.W_hh.grad == 7.0)
    con_estado = LSTM(3, 5, semilla=0, devolver_estado=True)
    estado = (np.zeros((4, 5)), np.zeros((4, 5)))
    np.testing.assert_allclose(norma_gradiente_por_paso(con_estado, np.random.default_rng(0).normal(
        size=(4, 6, 3)), estado), normas, rtol=1e-12)
    with pytest.raises(TypeError, match="capa recurrente"):
        norma_gradiente_por_paso(CapaDensa(3, 2), np.zeros((1, 2, 3)))


def test_experimento_gradientes_desvanece_y_explota():
    curvas = experimento_gradientes(T=50)
    assert set(curvas) == {"RNN", "LSTM", "RNN (pesos grandes)"}
    cociente = {nombre: c[0] / c[-1] for nombre, c in curvas.items()}  # llega al principio / al final
    assert all(c.shape == (50,) and np.all(np.isfinite(c)) for c in curvas.values())
    assert cociente["RNN"] < 1e-8                        # se desvanece (medido ~1e-13)
    assert cociente["LSTM"] > 1e4 * cociente["RNN"]      # la LSTM con sesgo de olvido llega mucho más lejos
    assert cociente["RNN (pesos grandes)"] > 1e3         # explota (medido ~1e7)


def test_pesos_recurrentes_grandes():
    capa = pesos_recurrentes_grandes(RNN(2, 6, semilla=0), escala=3.0)
    np.testing.assert_allclose(np.linalg.svd(capa.W_hh.datos, compute_uv=False), 3.0, rtol=1e-12)


def test_demostrar_recorte():
    resultado = demostrar_recorte()
    sin, con = resultado["sin_recorte"], resultado["con_recorte"]
    assert sin.shape == con.shape == (60,)
    assert not np.all(np.isfinite(sin))                  # sin recorte, diverge
    assert np.all(np.isfinite(con)) and con[-1] < 0.5 * con[0]
    assert resultado["norma_con_recorte"][0] > 100      # el gradiente inicial es enorme en los dos


# --- script de velocidad ------------------------------------------------------------------------
def test_tabla_velocidad(capsys):
    tabla = tabla_velocidad_lstm(((2, 3, 2, 4),), repeticiones=1)
    lineas = tabla.splitlines()
    assert "NumPy/PyTorch" in lineas[1] and len(lineas) == 4
    assert "float64" in lineas[2] and "float32" in lineas[3]
    with pytest.raises(SystemExit):
        main(["--ayuda-inexistente"])
    capsys.readouterr()
