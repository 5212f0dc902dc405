"""Lab09 · texto: medir las estrategias de muestreo (palabras reales frente a repeticiones)."""

from __future__ import annotations

import pytest

from Lab09_IA_Generativa.codigo.texto import (
    ESTRATEGIAS_TEXTO,
    comparar_estrategias,
    medir_texto,
    palabras_conocidas,
)

CONOCIDAS = palabras_conocidas("La red neuronal aprende de los datos; la red se entrena.")


def test_palabras_conocidas():
    assert CONOCIDAS == {"la", "red", "neuronal", "aprende", "de", "los", "datos", "se", "entrena"}
    with pytest.raises(ValueError, match="no vacío"):
        palabras_conocidas("   ")


def test_medir_texto_a_mano():
    m = medir_texto("la red la red la red", CONOCIDAS)
    assert m == {"palabras": 6.0, "palabras_reales": 1.0, "bigramas_distintos": 2 / 5}
    m = medir_texto("La red xqz aprende", CONOCIDAS)
    assert m["palabras_reales"] == 0.75 and m["bigramas_distintos"] == 1.0
    assert medir_texto("", CONOCIDAS) == {"palabras": 0.0, "palabras_reales": 0.0, "bigramas_distintos": 1.0}
    with pytest.raises(TypeError, match="str"):
        medir_texto(3, CONOCIDAS)
    with pytest.raises(ValueError, match="conocidas"):
        medir_texto("la red", set())


def test_comparar_estrategias_promedia_semillas_y_quita_el_inicio():
    vistos = []

    def generar(semilla, temperatura, **otras):
        vistos.append((semilla, temperatura, otras))
        # el inicio «xqz» no es una palabra conocida: si se midiera bajaría palabras_reales
        if temperatura == 0:
            return "xqz " + "la red " * 3
        return "xqz " + ("la red aprende de los datos" if semilla else "xqz")

    filas = comparar_estrategias(generar, CONOCIDAS, {"voraz": {"temperatura": 0.0},
                                                       "t1": {"temperatura": 1.0, "top_k": 5}},
                                 semillas=(0, 1), inicio="xqz ")
    assert filas["voraz"]["palabras_reales"] == 1.0
    assert filas["voraz"]["bigramas_distintos"] == pytest.approx(2 / 5)
    # semilla 0: «xqz», semilla 1: todo real
    assert filas["t1"]["palabras_reales"] == pytest.approx((0 + 1) / 2)
    assert filas["t1"]["ejemplo"] == "xqz xqz"
    assert (1, 1.0, {"top_k": 5}) in vistos
    with pytest.raises(ValueError, match="semillas"):
        comparar_estrategias(generar, CONOCIDAS, semillas=())
    with pytest.raises(ValueError, match="estrategias"):
        comparar_estrategias(generar, CONOCIDAS, estrategias={})


def test_estrategias_usan_los_nombres_del_lab12():
    import inspect

    from Lab12_Transformers.codigo import generar_con_semilla, generar_gpt

    for funcion in (generar_gpt, generar_con_semilla):
        parametros = inspect.signature(funcion).parameters
        for opciones in ESTRATEGIAS_TEXTO.values():
            assert set(opciones) <= set(parametros)
