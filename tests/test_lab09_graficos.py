"""Pruebas de las figuras del Lab09: devuelven figuras con los ejes esperados y rechazan entradas malas."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from Lab09_IA_Generativa.codigo import (
    anillo_gaussianas,
    graficar_anillo,
    graficar_curvas_gan,
    graficar_espacio_latente,
    graficar_rejilla,
    graficar_trayectoria,
)


def _imagenes(n: int, semilla: int = 0) -> np.ndarray:
    return np.random.default_rng(semilla).uniform(size=(n, 1, 8, 8))


def test_rejilla_una_fila_por_entrada_con_rotulos_y_etiquetas():
    fig = graficar_rejilla({"reales": _imagenes(4), "reconstruidas": _imagenes(4, 1).reshape(4, 64)},
                           titulo="prueba", etiquetas=[0, 1, 2, 3])
    assert isinstance(fig, Figure) and len(fig.axes) == 8
    assert fig.axes[0].get_ylabel() == "reales" and fig.axes[0].get_title() == "0"
    primera = fig.axes[0].images[0].get_array()
    np.testing.assert_allclose(primera, _imagenes(4)[0, 0])
    assert len(graficar_rejilla([torch.rand(3, 8, 8)]).axes) == 3


def test_rejilla_rechaza_entradas_malas():
    with pytest.raises(ValueError, match="mismas imágenes"):
        graficar_rejilla({"a": _imagenes(3), "b": _imagenes(2)})
    with pytest.raises(ValueError, match=r"\(N, 64\)"):
        graficar_rejilla([np.zeros((3, 7, 7))])
    with pytest.raises(ValueError, match="no finitos"):
        graficar_rejilla([np.full((2, 64), np.nan)])
    with pytest.raises(ValueError, match="etiquetas"):
        graficar_rejilla([_imagenes(3)], etiquetas=[1])
    with pytest.raises(ValueError, match="vacío"):
        graficar_rejilla({})


def test_espacio_latente_pinta_un_punto_por_codigo():
    Z = np.random.default_rng(0).normal(size=(30, 2))
    y = np.arange(30) % 10
    fig = graficar_espacio_latente(Z, y)
    puntos = fig.axes[0].collections[0]
    np.testing.assert_allclose(puntos.get_offsets(), Z)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        graficar_espacio_latente(np.zeros((5, 3)), np.zeros(5))
    with pytest.raises(ValueError, match="una clase por código"):
        graficar_espacio_latente(Z, y[:5])


def test_curvas_gan_dos_paneles_con_las_cuatro_series():
    historial = {"perdida_d": [1.4, 1.2], "perdida_g": [0.7, 0.9],
                 "d_real": [0.5, 0.6], "d_falso": [0.5, 0.4]}
    fig = graficar_curvas_gan(historial)
    izquierda, derecha = fig.axes
    np.testing.assert_allclose(izquierda.lines[0].get_ydata(), [1.4, 1.2])
    np.testing.assert_allclose(derecha.lines[1].get_ydata(), [0.5, 0.4])
    with pytest.raises(ValueError, match="entrenar_gan"):
        graficar_curvas_gan({"perdida_d": [1.0]})


def test_anillo_un_panel_por_generador():
    X, centros = anillo_gaussianas(50)
    fig = graficar_anillo({"reales": X, "GAN": X[::-1]}, centros, titulo="anillo")
    assert len(fig.axes) == 2 and fig.axes[1].get_title() == "GAN"
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        graficar_anillo({"malos": np.zeros((4, 3))}, centros)
    with pytest.raises(ValueError, match=r"\(K, 2\)"):
        graficar_anillo({"reales": X}, np.zeros(3))


def test_trayectoria_una_columna_por_paso():
    trayectoria = np.random.default_rng(0).uniform(size=(3, 2, 1, 8, 8))
    fig = graficar_trayectoria(trayectoria, [99, 50, 0])
    assert len(fig.axes) == 6 and fig.axes[0].get_title() == "t=99"
    with pytest.raises(ValueError, match="un paso por"):
        graficar_trayectoria(trayectoria, [99, 0])
