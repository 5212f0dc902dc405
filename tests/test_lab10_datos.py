"""Pruebas del Lab10 (datos): dígitos como imágenes, dígitos en un lienzo mayor y la foto en grises."""

from __future__ import annotations

import numpy as np
import pytest

from Lab10_Redes_Neuronales_Convolucionales.codigo.datos import (
    POSICIONES,
    cargar_digitos_imagenes,
    digitos_en_lienzo,
    foto_en_grises,
)


def test_cargar_digitos_imagenes_formas_rango_y_semilla():
    (X_ent, y_ent), (X_val, y_val), (X_pru, y_pru) = cargar_digitos_imagenes(semilla=0)
    assert X_ent.shape == (1079, 1, 8, 8) and X_val.shape == (359, 1, 8, 8) and X_pru.shape == (359, 1, 8, 8)
    assert y_ent.shape == (1079,) and y_val.shape == (359,) and y_pru.shape == (359,)
    assert X_ent.dtype == np.float64 and X_ent.min() == 0.0 and X_ent.max() == 1.0
    assert np.issubdtype(y_ent.dtype, np.integer)
    for y in (y_ent, y_val, y_pru):  # estratificado: todas las clases, en proporciones parecidas
        assert np.all(np.abs(np.bincount(y, minlength=10) / len(y) - 0.1) < 0.01)
    otra = cargar_digitos_imagenes(semilla=0)
    np.testing.assert_array_equal(otra[0][0], X_ent)
    np.testing.assert_array_equal(otra[2][1], y_pru)
    distinta = cargar_digitos_imagenes(semilla=1)
    assert distinta[0][0].shape == X_ent.shape and not np.array_equal(distinta[0][1], y_ent)
    assert cargar_digitos_imagenes(dtype=np.float32)[0][0].dtype == np.float32
    # las tres particiones no comparten imágenes
    planos = {x.tobytes() for x in X_ent}
    assert sum(x.tobytes() in planos for x in X_pru) < 5  # load_digits trae algún duplicado exacto


@pytest.mark.parametrize("posicion", POSICIONES)
def test_digitos_en_lienzo_pega_el_digito_donde_dice(posicion):
    (X, _), _, _ = cargar_digitos_imagenes()
    X = X[:50]
    lienzos, posiciones = digitos_en_lienzo(X, tamano=16, posicion=posicion, semilla=3)
    assert lienzos.shape == (50, 1, 16, 16) and lienzos.dtype == X.dtype and posiciones.shape == (50, 2)
    assert posiciones.min() >= 0 and posiciones.max() <= 8
    for i, (f, c) in enumerate(posiciones):
        np.testing.assert_array_equal(lienzos[i, :, f : f + 8, c : c + 8], X[i])
        fuera = lienzos[i].copy()
        fuera[:, f : f + 8, c : c + 8] = 0
        assert not fuera.any()  # el resto del lienzo es cero
    if posicion == "centro":
        assert (posiciones == 4).all()
    else:
        assert len({tuple(p) for p in posiciones}) > 20  # posiciones variadas
        otra, pos_otra = digitos_en_lienzo(X, 16, posicion, semilla=3)
        np.testing.assert_array_equal(otra, lienzos)
        np.testing.assert_array_equal(pos_otra, posiciones)


def test_digitos_en_lienzo_del_mismo_tamano_y_no_cuadrado():
    X = np.random.default_rng(0).random((3, 2, 5, 7))
    lienzos, posiciones = digitos_en_lienzo(X, tamano=7, posicion="aleatoria")
    assert lienzos.shape == (3, 2, 7, 7) and (posiciones[:, 1] == 0).all()
    centro, pos = digitos_en_lienzo(X, tamano=9, posicion="centro")
    assert tuple(pos[0]) == (2, 1)
    np.testing.assert_array_equal(centro[:, :, 2:7, 1:8], X)


def test_digitos_en_lienzo_errores():
    X = np.zeros((2, 1, 8, 8))
    with pytest.raises(ValueError, match="más pequeño que las imágenes de 8×8"):
        digitos_en_lienzo(X, tamano=6)
    for malo in (2.5, True, "16"):
        with pytest.raises(ValueError, match="tamano debe ser un entero positivo"):
            digitos_en_lienzo(X, tamano=malo)
    with pytest.raises(ValueError, match="posicion desconocida"):
        digitos_en_lienzo(X, posicion="esquina")
    with pytest.raises(ValueError, match=r"se esperaba X de forma \(N, C, alto, ancho\)"):
        digitos_en_lienzo(np.zeros((2, 8, 8)))


def test_foto_en_grises():
    foto = foto_en_grises(0, escala=4)
    assert foto.shape == (106, 160) and foto.dtype == np.float64
    assert 0.0 <= foto.min() < foto.max() <= 1.0
    grande = foto_en_grises(1, escala=1)
    assert grande.shape == (427, 640)
    reducida = foto_en_grises(1, escala=2)
    np.testing.assert_allclose(reducida[0, 0], grande[:2, :2].mean())
    assert not np.allclose(foto_en_grises(1, 4), foto)
    with pytest.raises(ValueError, match="indice debe ser 0"):
        foto_en_grises(2)
    with pytest.raises(ValueError, match="escala"):
        foto_en_grises(0, escala=0)
    with pytest.raises(ValueError, match="demasiado grande"):
        foto_en_grises(0, escala=1000)
