"""Pruebas del Lab11 (series temporales): el CO₂ de Mauna Loa, ventanas, división en el tiempo,
escala, modelos de referencia, métricas y los pronosticadores recurrentes de PyTorch."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from sklearn.metrics import mean_absolute_error, mean_squared_error

from Lab08_Frameworks_DeepLearning.codigo import mismos_hilos, mover, seleccionar_dispositivo
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.pronostico_torch import (
    TIPOS_RECURRENTES,
    PronosticadorRecurrente,
    PronosticoDiferencias,
    entrenar_pronosticador,
    predecir_serie,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.referencias_series import (
    AutorregresionLineal,
    mae,
    prediccion_estacional,
    prediccion_ingenua,
    pronostico_recursivo,
    rmse,
    tabla_errores,
)
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.series import (
    EscaladorSerie,
    a_diferencias,
    cargar_co2,
    crear_ventanas,
    desde_diferencias,
    dividir_en_el_tiempo,
    ventanas_por_parte,
)


@pytest.fixture(scope="module")
def co2():
    return cargar_co2()


@pytest.fixture(scope="module")
def ventanas_co2(co2):
    partes = dividir_en_el_tiempo(co2[1], 0.15, 0.15)
    return partes, ventanas_por_parte(partes, 25)


@pytest.fixture(autouse=True)
def un_hilo():
    with mismos_hilos(1):  # dos núcleos compartidos: un hilo es más rápido y más estable
        yield


# --- datos -------------------------------------------------------------------------------------


def test_cargar_co2_mensual_sin_nan_y_creciente(co2, capsys):
    fechas, valores = co2
    assert fechas.shape == valores.shape == (526,)
    assert fechas.dtype == np.dtype("datetime64[M]") and valores.dtype == np.float64
    assert fechas[0] == np.datetime64("1958-03") and fechas[-1] == np.datetime64("2001-12")
    assert np.all(np.diff(fechas) == np.timedelta64(1, "M"))
    assert np.all(np.isfinite(valores))
    assert 313 <= valores.min() < 314 and 372 < valores.max() <= 374
    medias_anuales = valores[10:-12].reshape(-1, 12).mean(axis=1)  # años completos, de enero a diciembre
    assert np.all(np.diff(medias_anuales) > 0)
    cargar_co2(informar=True)
    texto = capsys.readouterr().out
    assert "526 meses" in texto and "5 meses" in texto and "1964-03" in texto


def test_crear_ventanas_valores_exactos():
    serie = np.arange(10.0)
    X, y = crear_ventanas(serie, 3)
    assert X.shape == (7, 3, 1) and y.shape == (7, 1)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(X[-1, :, 0], [6, 7, 8])
    np.testing.assert_array_equal(y[:, 0], np.arange(3, 10))
    X, y = crear_ventanas(serie, 4, horizonte=3)
    assert X.shape == (4, 4, 1) and y.shape == (4, 3)
    np.testing.assert_array_equal(y[0], [4, 5, 6])
    np.testing.assert_array_equal(y[-1], [7, 8, 9])
    np.testing.assert_array_equal(X[-1, :, 0], [3, 4, 5, 6])
    X, _ = crear_ventanas(serie.reshape(-1, 1), 9)  # una columna (T, 1) también vale
    assert X.shape == (1, 9, 1)
    X[0, 0, 0] = 99.0  # copia, no vista: no toca la serie
    assert serie[0] == 0.0


def test_crear_ventanas_errores():
    with pytest.raises(ValueError, match="demasiado corta"):
        crear_ventanas(np.arange(5.0), 5)
    with pytest.raises(ValueError, match="longitud debe ser un entero positivo"):
        crear_ventanas(np.arange(5.0), 0)
    with pytest.raises(ValueError, match="horizonte debe ser un entero positivo"):
        crear_ventanas(np.arange(5.0), 2, horizonte=1.5)
    with pytest.raises(ValueError, match=r"\(T,\) o \(T, 1\)"):
        crear_ventanas(np.zeros((6, 2)), 2)
    with pytest.raises(ValueError, match="NaN"):
        crear_ventanas(np.array([1.0, np.nan, 2.0, 3.0]), 2)


def test_dividir_en_el_tiempo_orden_y_tamanos():
    serie = np.arange(100.0)
    ent, val, pru = dividir_en_el_tiempo(serie, 0.2, 0.1)
    assert (len(ent), len(val), len(pru)) == (70, 20, 10)
    np.testing.assert_array_equal(np.concatenate([ent, val, pru]), serie)  # orden intacto, sin barajar
    ent, val, pru = dividir_en_el_tiempo(serie, n_validacion=7, n_prueba=5)
    assert (len(ent), len(val), len(pru)) == (88, 7, 5) and ent[-1] < val[0] < pru[0]
    with pytest.raises(ValueError, match="fraccion_prueba debe estar en"):
        dividir_en_el_tiempo(serie, 0.2, 1.0)
    with pytest.raises(ValueError, match="no queda nada para entrenar"):
        dividir_en_el_tiempo(serie, 0.5, 0.5)


def test_ventanas_por_parte_sin_fugas():
    serie = np.arange(60.0)  # cada valor es su propio índice: se ve de dónde sale cada número
    partes = dividir_en_el_tiempo(serie, n_validacion=10, n_prueba=10)
    for horizonte in (1, 3):
        (X_e, y_e), (X_v, y_v), (X_p, y_p) = ventanas_por_parte(partes, 5, horizonte)
        assert X_e.max() < 40 and y_e.max() < 40  # el entrenamiento sólo ve el entrenamiento
        assert y_v.min() >= 40 and y_v.max() < 50 and y_p.min() >= 50  # objetivos de su parte
        assert len(y_p) == 10 - horizonte + 1 and y_p[0, 0] == 50
        np.testing.assert_array_equal(X_p[0, :, 0], [45, 46, 47, 48, 49])  # la historia viene de antes
        objetivos = [set(y.ravel()) for y in (y_e, y_v, y_p)]
        assert not (objetivos[0] & objetivos[1]) and not (objetivos[1] & objetivos[2])
        assert not (objetivos[0] & objetivos[2])
        assert X_e.shape[1:] == (5, 1) and y_e.shape[1] == horizonte
    assert len(ventanas_por_parte(partes, 5)[0][0]) == 40 - 5
    with pytest.raises(ValueError, match="no da ninguna ventana"):
        ventanas_por_parte(partes, 40)
    with pytest.raises(TypeError, match="tupla o lista"):
        ventanas_por_parte(serie, 5)


def test_escalador_con_estadisticas_del_entrenamiento():
    serie = np.arange(100.0)  # con tendencia: la media de todo (49,5) no es la del entrenamiento
    ent, val, pru = dividir_en_el_tiempo(serie, 0.2, 0.2)
    escalador = EscaladorSerie().ajustar(ent)
    assert escalador.media == pytest.approx(ent.mean()) and escalador.desviacion == pytest.approx(ent.std())
    z = escalador.transformar(ent)
    assert abs(z.mean()) < 1e-12 and z.std() == pytest.approx(1.0)
    assert escalador.transformar(pru).min() > 1.7  # la prueba queda por encima de todo lo visto
    todo = EscaladorSerie().ajustar(serie)
    assert not np.allclose(todo.transformar(ent), z)
    ventanas = np.arange(12.0).reshape(2, 3, 2)[..., :1]
    np.testing.assert_allclose(escalador.invertir(escalador.transformar(ventanas)), ventanas)
    assert escalador.transformar(ventanas).shape == (2, 3, 1)
    with pytest.raises(RuntimeError, match="no está ajustado"):
        EscaladorSerie().transformar(ent)


def test_diferencias_ida_y_vuelta():
    X, y = crear_ventanas(np.array([1.0, 2.0, 4.0, 7.0, 11.0, 16.0]), 3, horizonte=2)
    D, d = a_diferencias(X, y)
    assert D.shape == (2, 2, 1) and d.shape == (2, 2)
    np.testing.assert_array_equal(D[0, :, 0], [1, 2])
    np.testing.assert_array_equal(d[0], [3, 7])  # 7 − 4 y 11 − 4: desde el último valor conocido
    np.testing.assert_array_equal(desde_diferencias(X, d), y)
    assert a_diferencias(X)[1] is None
    with pytest.raises(ValueError, match=r"\(N, L, 1\)"):
        a_diferencias(np.zeros((2, 3)))


# --- referencias y métricas ----------------------------------------------------------------------


def test_referencias_exactas_en_series_de_juguete():
    estacion = np.tile(np.random.default_rng(0).normal(size=12), 6)  # una estación pura de periodo 12
    X, y = crear_ventanas(estacion, 12)
    assert rmse(y, prediccion_estacional(X, 12)) < 1e-12
    X3, y3 = crear_ventanas(estacion, 12, horizonte=3)
    assert rmse(y3, prediccion_estacional(X3, 12, horizonte=3)) < 1e-12
    constante = np.full(30, 5.0)
    Xc, yc = crear_ventanas(constante, 4, horizonte=2)
    assert rmse(yc, prediccion_ingenua(Xc, horizonte=2)) == 0.0
    assert prediccion_ingenua(Xc).shape == (len(Xc), 1)
    tendencia = 3.0 + 0.5 * np.arange(40)
    ar = AutorregresionLineal(1).ajustar(tendencia[:30])
    Xt, yt = crear_ventanas(tendencia, 5)
    assert ar.predecir(Xt).shape == (len(Xt), 1) and rmse(yt, ar.predecir(Xt)) < 1e-9
    assert rmse(yt, prediccion_ingenua(Xt)) == pytest.approx(0.5)  # la ingenua se queda un paso atrás
    with pytest.raises(ValueError, match="al menos 12 valores"):
        prediccion_estacional(X[:, -6:], 12)
    with pytest.raises(RuntimeError, match="no está ajustada"):
        AutorregresionLineal(3).predecir(Xt)
    with pytest.raises(ValueError, match="al menos 8 valores"):
        AutorregresionLineal(6).ajustar(np.arange(5.0))
    with pytest.raises(ValueError, match="al menos 6 valores"):
        AutorregresionLineal(6).ajustar(tendencia).predecir(Xt[:, :3])


def test_autorregresion_recupera_coeficientes():
    rng = np.random.default_rng(0)
    x = np.zeros(3000)
    for t in range(2, 3000):  # xₜ = 1 + 0,6·xₜ₋₁ − 0,2·xₜ₋₂ + ruido
        x[t] = 1.0 + 0.6 * x[t - 1] - 0.2 * x[t - 2] + 0.01 * rng.standard_normal()
    ar = AutorregresionLineal(2).ajustar(x[100:])
    np.testing.assert_allclose(ar.coeficientes, [-0.2, 0.6], atol=0.02)  # el primero, el más antiguo
    assert ar.intercepto == pytest.approx(1.0, abs=0.05)


def test_rmse_mae_como_sklearn():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=50), rng.normal(size=50)
    assert rmse(a, b) == pytest.approx(np.sqrt(mean_squared_error(a, b)))
    assert mae(a, b) == pytest.approx(mean_absolute_error(a, b))
    assert rmse(a[:, None], b) == pytest.approx(rmse(a, b))  # (N, 1) frente a (N,)
    A, B = rng.normal(size=(20, 3)), rng.normal(size=(20, 3))
    assert mae(A, B) == pytest.approx(mean_absolute_error(A.ravel(), B.ravel()))
    with pytest.raises(ValueError, match="misma forma"):
        rmse(a, b[:10])


def test_tabla_errores():
    texto = tabla_errores({"ingenua": ([1.0, 2.0], [1.0, 1.0]), "perfecta": ([1.0, 2.0], [1.0, 2.0])})
    lineas = texto.splitlines()
    assert lineas[0].split() == ["modelo", "RMSE", "(ppm)", "MAE", "(ppm)"]
    assert lineas[1].split() == ["ingenua", "0.7071", "0.5000"]
    assert lineas[2].split() == ["perfecta", "0.0000", "0.0000"]
    with pytest.raises(ValueError, match="no vacío"):
        tabla_errores({})


def test_pronostico_recursivo():
    tendencia = 0.5 * np.arange(50.0)
    ar = AutorregresionLineal(2).ajustar(tendencia)
    futuro = pronostico_recursivo(ar, tendencia[-4:], pasos=5)
    np.testing.assert_allclose(futuro, 0.5 * np.arange(50, 55), atol=1e-8)
    X, _ = crear_ventanas(tendencia, 4)
    varios = pronostico_recursivo(ar, X[:3], 2)  # (N, L, 1): varios orígenes a la vez
    np.testing.assert_allclose(varios, 0.5 * (np.arange(3)[:, None] + [[4, 5]]), atol=1e-8)
    ingenua = pronostico_recursivo(prediccion_ingenua, np.array([1.0, 2.0, 3.0]), 3)
    np.testing.assert_array_equal(ingenua, [3.0, 3.0, 3.0])
    with pytest.raises(TypeError, match="predecir"):
        pronostico_recursivo(42, tendencia[-4:], 2)


def test_co2_ordenes_de_error(ventanas_co2):
    partes, ((X_e, y_e), (X_v, y_v), (X_p, y_p)) = ventanas_co2
    ingenua = rmse(y_p, prediccion_ingenua(X_p))
    estacional = rmse(y_p, prediccion_estacional(X_p))
    ar = rmse(y_p, AutorregresionLineal(24).ajustar(partes[0]).predecir(X_p))
    assert ar < ingenua < estacional  # la estacional arrastra un año de tendencia
    assert 1.0 < ingenua < 1.5 and 1.6 < estacional < 2.1 and 0.3 < ar < 0.5


# --- PyTorch -------------------------------------------------------------------------------------


@pytest.mark.parametrize("tipo", list(TIPOS_RECURRENTES))
def test_pronosticador_formas_y_semilla(tipo):
    dispositivo = seleccionar_dispositivo("cpu", informar=False)
    modelo = mover(PronosticadorRecurrente(tipo, n_oculto=8, n_capas=2, horizonte=3, semilla=4), dispositivo)
    assert isinstance(modelo.recurrente, TIPOS_RECURRENTES[tipo]) and modelo.recurrente.batch_first
    x = torch.randn(5, 7, 1)
    assert modelo(x).shape == (5, 3)
    salida = predecir_serie(modelo, np.zeros((6, 7, 1)), dispositivo)
    assert isinstance(salida, np.ndarray) and salida.shape == (6, 3) and salida.dtype == np.float64
    estado = torch.random.get_rng_state()
    otro = PronosticadorRecurrente(tipo, n_oculto=8, n_capas=2, horizonte=3, semilla=4)
    assert torch.equal(torch.random.get_rng_state(), estado)  # no toca el generador global
    for a, b in zip(modelo.parameters(), otro.parameters()):
        assert torch.equal(a, b)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, T, 1\)"):
        modelo(torch.zeros(5, 7))
    with pytest.raises(ValueError, match="tipo desconocido"):
        PronosticadorRecurrente("transformer")


def test_entrenar_baja_la_validacion_y_es_reproducible():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(96, 6, 1))
    y = X[:, -3:, 0].sum(axis=1, keepdims=True)  # una regla sencilla de la ventana
    entrenamiento, validacion = (X[:64], y[:64]), (X[64:], y[64:])
    historiales = []
    for _ in range(2):
        modelo = PronosticadorRecurrente("gru", n_oculto=8, semilla=1)
        historiales.append(
            entrenar_pronosticador(modelo, entrenamiento, validacion, epocas=8, tasa=1e-2, tamano_lote=16,
                                   dispositivo="cpu", semilla=3)
        )
    assert historiales[0]["perdida_val"][-1] < 0.5 * historiales[0]["perdida_val"][0]
    assert historiales[0]["perdida_val"] == historiales[1]["perdida_val"]


def test_lstm_supera_a_la_ingenua_en_co2(ventanas_co2):
    _, ((X_e, y_e), (X_v, y_v), (X_p, y_p)) = ventanas_co2
    dispositivo = seleccionar_dispositivo("cpu", informar=False)
    lstm = PronosticoDiferencias(mover(PronosticadorRecurrente("lstm", 32, semilla=0), dispositivo))
    historial = lstm.ajustar((X_e, y_e), (X_v, y_v), epocas=12, tasa=1e-2, tamano_lote=32, semilla=0)
    assert len(historial["perdida"]) == 12 and lstm.segundos > 0
    prediccion = lstm.predecir(X_p)
    assert prediccion.shape == y_p.shape
    assert lstm.escalador.media == pytest.approx(np.diff(X_e[:, :, 0], axis=1).mean())  # sólo entrenamiento
    assert rmse(y_p, prediccion) < 0.6 * rmse(y_p, prediccion_ingenua(X_p))
    assert rmse(y_p, prediccion) < rmse(y_p, prediccion_estacional(X_p))
    futuro = pronostico_recursivo(lstm, X_p[-1, :, 0], 6)
    assert futuro.shape == (6,) and np.all(np.abs(futuro - X_p[-1, -1, 0]) < 10)


def test_pronostico_directo_varios_pasos(ventanas_co2):
    partes, _ = ventanas_co2
    (X_e, y_e), (X_v, y_v), (X_p, y_p) = ventanas_por_parte(partes, 13, horizonte=6)
    directo = PronosticoDiferencias(PronosticadorRecurrente("rnn", 8, horizonte=6, semilla=0))
    directo.ajustar((X_e, y_e), (X_v, y_v), epocas=2, paciencia=None)
    assert directo.predecir(X_p).shape == (len(X_p), 6)
    with pytest.raises(RuntimeError, match="no está ajustado"):
        PronosticoDiferencias(PronosticadorRecurrente()).predecir(X_p)
    with pytest.raises(TypeError, match="nn.Module"):
        PronosticoDiferencias(object())
