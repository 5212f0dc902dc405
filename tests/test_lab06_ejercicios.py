"""Lab06: cada autocomprobación con la respuesta correcta, el relleno (⏳) y un error típico."""

from __future__ import annotations

import math

import numpy as np
import pytest

from Lab06_Entrenamiento.codigo import construir_mlp, entrenar_mlp, preparar_datos
from Lab06_Entrenamiento.codigo.ejercicios import (
    comprobar_backward_batchnorm,
    comprobar_clasificador_vino,
    comprobar_correccion_sesgo,
    comprobar_escala_dropout,
    comprobar_estandarizacion,
    comprobar_paso_adam,
    comprobar_paso_momento,
    comprobar_pasos_calendario,
    comprobar_pasos_por_epoca,
    comprobar_perdida_inicial_vino,
)

SIN_HACER = "⏳"


def sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


# --- Ejercicio 1 · pasos del calendario -------------------------------------------------------
def test_pasos_calendario(capsys):
    assert comprobar_pasos_calendario(750) and "✅" in _salida(capsys)
    assert not comprobar_pasos_calendario(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_pasos_calendario(720) and "redondeado hacia abajo" in _salida(capsys)
    assert not comprobar_pasos_calendario(30) and "calendario_por_lote=False" in _salida(capsys)
    assert not comprobar_pasos_calendario(25) and "UNA época" in _salida(capsys)
    assert not comprobar_pasos_calendario("muchos") and "número entero" in _salida(capsys)


# --- Ejercicio 2 · pérdida inicial ------------------------------------------------------------
def test_perdida_inicial_vino(capsys):
    assert comprobar_perdida_inicial_vino(math.log(3))
    salida = _salida(capsys)
    assert "✅" in salida and "0.9442" in salida
    assert not comprobar_perdida_inicial_vino(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_perdida_inicial_vino(math.log(10)) and "10 clases" in _salida(capsys)
    assert not comprobar_perdida_inicial_vino(1 / 3) and "probabilidad" in _salida(capsys)
    assert not comprobar_perdida_inicial_vino(math.log10(3)) and "decimal" in _salida(capsys)
    assert not comprobar_perdida_inicial_vino(5.0) and "❌" in _salida(capsys)


# --- Ejercicio 3 · momento --------------------------------------------------------------------
def momento_bien(theta, v, g, tasa, mu):
    v = mu * v + g
    return theta - tasa * v, v


def test_paso_momento(capsys):
    assert comprobar_paso_momento(momento_bien) and "✅" in _salida(capsys)
    assert not comprobar_paso_momento(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_paso_momento(sin_hacer) and SIN_HACER in _salida(capsys)

    def con_media_de_adam(theta, v, g, tasa, mu):
        v = mu * v + (1 - mu) * g
        return theta - tasa * v, v

    def con_velocidad_antigua(theta, v, g, tasa, mu):
        return theta - tasa * v, mu * v + g

    assert not comprobar_paso_momento(con_media_de_adam) and "media móvil de Adam" in _salida(capsys)
    assert not comprobar_paso_momento(con_velocidad_antigua) and "velocidad antigua" in _salida(capsys)
    assert not comprobar_paso_momento(lambda *a: 1 / 0) and "ZeroDivisionError" in _salida(capsys)


# --- Ejercicio 4 · Adam -----------------------------------------------------------------------
def adam_bien(theta, grad, m, v, t, tasa=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - tasa * m_hat / (np.sqrt(v_hat) + eps), m, v


def test_paso_adam(capsys):
    assert comprobar_paso_adam(adam_bien) and "✅" in _salida(capsys)
    assert not comprobar_paso_adam(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_paso_adam(sin_hacer) and SIN_HACER in _salida(capsys)

    def sin_correccion(theta, grad, m, v, t, tasa, beta1, beta2, eps):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        return theta - tasa * m / (np.sqrt(v) + eps), m, v

    def desde_cero(theta, grad, m, v, t, *hiper):
        return adam_bien(theta, grad, m, v, t - 1, *hiper)

    def uno_de_mas(theta, grad, m, v, t, *hiper):
        return adam_bien(theta, grad, m, v, t + 1, *hiper)

    def sin_devolver_m_v(theta, grad, m, v, t, *hiper):
        return adam_bien(theta, grad, m, v, t, *hiper)[0], m, v

    assert not comprobar_paso_adam(sin_correccion) and "corrección de sesgo" in _salida(capsys)
    assert not comprobar_paso_adam(desde_cero) and "t = 0" in _salida(capsys)
    assert not comprobar_paso_adam(uno_de_mas) and "t + 1" in _salida(capsys)
    assert not comprobar_paso_adam(sin_devolver_m_v) and "se devuelven" in _salida(capsys)
    assert not comprobar_paso_adam(lambda *a: a[0]) and "trío" in _salida(capsys)


# --- Ejercicio 5 · BatchNorm hacia atrás ------------------------------------------------------
def _bn(x, gamma, g, eps, ddof=0, media=True, varianza=True, con_gamma=True):
    inv = 1 / np.sqrt(x.var(axis=0, ddof=ddof) + eps)
    xn = (x - x.mean(axis=0)) * inv
    gh = g * gamma if con_gamma else g
    dx = gh * len(x)
    if media:
        dx = dx - gh.sum(0)
    if varianza:
        dx = dx - xn * (gh * xn).sum(0)
    return inv / len(x) * dx, (g * xn).sum(0), g.sum(0)


def test_backward_batchnorm(capsys):
    assert comprobar_backward_batchnorm(lambda x, gm, g, eps=1e-5: _bn(x, gm, g, eps))
    assert "✅" in _salida(capsys)
    assert not comprobar_backward_batchnorm(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_backward_batchnorm(sin_hacer) and SIN_HACER in _salida(capsys)
    casos = {
        "insesgada": dict(ddof=1),
        "camino de la media": dict(media=False),
        "camino de la varianza": dict(varianza=False),
        "constantes": dict(media=False, varianza=False),
        "multiplicar por γ": dict(con_gamma=False),
    }
    for palabra, opciones in casos.items():
        def con_error(x, gm, g, eps=1e-5, o=opciones):
            return _bn(x, gm, g, eps, **o)

        assert not comprobar_backward_batchnorm(con_error)
        assert palabra in _salida(capsys), palabra

    def intercambiados(x, gm, g, eps=1e-5):
        dx, dgamma, dbeta = _bn(x, gm, g, eps)
        return dx, dbeta, dgamma

    assert not comprobar_backward_batchnorm(intercambiados) and "intercambiados" in _salida(capsys)


# --- Ejercicio 6 · estandarizar ---------------------------------------------------------------
def _estandarizar(X_ent, X_pru, ddof=0, proteger=True, juntos=False, fuga=False):
    base = np.vstack([X_ent, X_pru]) if juntos else X_ent
    media, desviacion = base.mean(0), base.std(0, ddof=ddof)
    if proteger:
        desviacion = np.where(desviacion > 0, desviacion, 1.0)
    if fuga:
        m_p, s_p = X_pru.mean(0), X_pru.std(0)
        return (X_ent - media) / desviacion, (X_pru - m_p) / np.where(s_p > 0, s_p, 1.0)
    return (X_ent - media) / desviacion, (X_pru - media) / desviacion


def test_estandarizacion(capsys):
    assert comprobar_estandarizacion(_estandarizar) and "✅" in _salida(capsys)
    assert not comprobar_estandarizacion(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_estandarizacion(sin_hacer) and SIN_HACER in _salida(capsys)
    casos = {"σ = 0": dict(proteger=False), "ddof=1": dict(ddof=1), "JUNTOS": dict(juntos=True),
             "media de la prueba": dict(fuga=True)}
    for palabra, opciones in casos.items():
        assert not comprobar_estandarizacion(lambda a, b, o=opciones: _estandarizar(a, b, **o))
        assert palabra in _salida(capsys), palabra


# --- Ejercicio 7 · clasificador del vino ------------------------------------------------------
@pytest.fixture(scope="module")
def vino():
    return preparar_datos("vino", semilla=0)


def test_clasificador_vino(capsys, vino):
    modelo, _ = entrenar_mlp(vino, ocultas=(16,), epocas=20)
    assert comprobar_clasificador_vino(modelo)
    salida = _salida(capsys)
    assert "validación" in salida and "una sola vez" in salida
    assert not comprobar_clasificador_vino(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_clasificador_vino(construir_mlp([13, 3], semilla=0), minimo=1.01)
    assert "validación es" in _salida(capsys)
    assert not comprobar_clasificador_vino(construir_mlp([5, 3], semilla=0))
    assert "¿Tiene 13 entradas" in _salida(capsys)


def test_clasificador_vino_entrenado_con_datos_crudos(capsys, vino):
    crudo = vino.estandarizador.invertir(vino.entrenamiento[0])

    class ConDatosCrudos:  # acierta con los datos crudos y falla con los estandarizados
        def __init__(self):
            self.modelo, _ = entrenar_mlp(vino, ocultas=(16,), epocas=20)

        def __getattr__(self, nombre):
            return getattr(self.modelo, nombre)

        def forward(self, X):
            estandar = np.allclose(X.mean(0), 0, atol=0.6)
            salida = self.modelo.forward(vino.estandarizador.transformar(X) if not estandar else X)
            return -salida if estandar else salida

    assert crudo.mean() > 1  # de verdad son los datos sin estandarizar
    assert not comprobar_clasificador_vino(ConDatosCrudos())
    assert "sin estandarizar" in _salida(capsys)


# --- comprobaciones que se conservan de versiones anteriores ---------------------------------
def test_comprobaciones_conservadas(capsys):
    assert comprobar_pasos_por_epoca(40) and not comprobar_pasos_por_epoca(39)
    assert "redondea hacia arriba" in _salida(capsys)
    assert not comprobar_pasos_por_epoca(None) and SIN_HACER in _salida(capsys)
    assert comprobar_correccion_sesgo(0.2, 2.0) and not comprobar_correccion_sesgo(0.2, 0.2)
    assert "Falta la corrección de sesgo" in _salida(capsys)
    assert not comprobar_correccion_sesgo(None, 2) and SIN_HACER in _salida(capsys)
    assert comprobar_escala_dropout(1.25) and not comprobar_escala_dropout(0.8)
    assert "probabilidad de sobrevivir" in _salida(capsys)
    assert not comprobar_escala_dropout(None) and SIN_HACER in _salida(capsys)
