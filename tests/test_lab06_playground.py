"""El *playground* del Lab06 (y su versión PyTorch del Lab08): la lógica sin widgets, los controles y
los errores. La prueba en un navegador de verdad está en ``test_navegador_playground.py``."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from Lab06_Entrenamiento.codigo.playground import (
    ACTIVACIONES_PLAYGROUND,
    DATOS_PLAYGROUND,
    AjustesPlayground,
    Playground,
    ejecutar_playground,
)
from Lab08_Frameworks_DeepLearning.codigo.playground_torch import PlaygroundTorch


def test_ajustes_por_defecto_y_cambiar():
    a = AjustesPlayground()
    assert a.datos in DATOS_PLAYGROUND and a.activacion in ACTIVACIONES_PLAYGROUND and a.ocultas == (8, 8)
    b = a.cambiar(datos="xor", ocultas=[4])
    assert b.datos == "xor" and b.ocultas == (4,) and a.datos == "espirales"


@pytest.mark.parametrize(
    "cambios, mensaje",
    [
        ({"datos": "cuadrados"}, "datos desconocidos"),
        ({"ruido": -0.1}, "ruido"),
        ({"ocultas": "8, 8"}, "lista de enteros"),
        ({"ocultas": (8, 0)}, "capa oculta"),
        ({"ocultas": (8, 100)}, "como mucho 64"),
        ({"ocultas": (2,) * 7}, "como mucho 6 capas"),
        ({"activacion": "softmax"}, "activación desconocida"),
        ({"tasa": 0}, "tasa"),
        ({"dropout": 1.0}, "dropout"),
        ({"tamano_lote": 0}, "tamano_lote"),
        ({"validacion": 0.95}, "validacion"),
        ({"semilla": 1.5}, "semilla"),
    ],
)
def test_ajustes_invalidos_dan_un_error_en_espanol(cambios, mensaje):
    with pytest.raises((ValueError, TypeError), match=mensaje):
        AjustesPlayground(**cambios)


@pytest.mark.parametrize("datos", DATOS_PLAYGROUND)
def test_cada_conjunto_tiene_dos_clases_centradas_y_una_particion(datos):
    p = Playground(AjustesPlayground(datos=datos, n_puntos=200, validacion=0.25))
    assert len(p.X) + len(p.X_val) == 200 and len(p.X_val) == 50
    todos = np.concatenate([p.X, p.X_val])
    assert set(np.unique(np.concatenate([p.y, p.y_val]))) == {0, 1}
    assert np.abs(todos).max() == pytest.approx(1.0) and np.allclose(todos.mean(axis=0), 0, atol=1e-12)


def test_ejecutar_playground_entrena_dibuja_y_es_reproducible():
    ajustes = AjustesPlayground(datos="lunas", ocultas=(6,), semilla=3)
    historial, figura, segundos = ejecutar_playground(ajustes, epocas=30, cada=10)
    assert {k: len(v) for k, v in historial.items()} == dict.fromkeys(historial, 30) and len(segundos) == 3
    assert historial["perdida"][-1] < 0.5 * historial["perdida"][0]
    assert historial["exactitud_val"][-1] > 0.85
    assert all(np.isfinite(v).all() for v in historial.values())
    assert isinstance(figura, Figure) and len(figura.axes) == 3
    otra, _, _ = ejecutar_playground(ajustes, epocas=30, cada=15)
    assert otra == historial  # misma semilla, mismos números aunque se entrene en tramos distintos


def test_entrenar_por_tramos_sigue_donde_lo_dejo():
    p = Playground(AjustesPlayground(datos="xor", ocultas=(4,)))
    assert p.epocas == 0 and len(p.figura().axes) == 3  # se puede dibujar sin entrenar
    p.entrenar_epocas(3)
    p.entrenar_epocas(2)
    assert p.epocas == 5 and len(p.historial["perdida_val"]) == 5
    with pytest.raises(ValueError, match="epocas"):
        p.entrenar_epocas(0)


def test_respuestas_ocultas_una_por_capa_y_figura_sin_capas():
    p = Playground(AjustesPlayground(ocultas=(3, 5), dropout=0.2))
    puntos = np.random.default_rng(0).normal(size=(7, 2))
    respuestas = p._respuestas_ocultas(puntos)
    assert [r.shape for r in respuestas] == [(7, 3), (7, 5)]
    assert np.allclose(respuestas[0], np.tanh(puntos @ p.modelo.capas[0].W.datos + p.modelo.capas[0].b.datos))
    sin_capas = Playground(AjustesPlayground(ocultas=()))
    assert sin_capas._respuestas_ocultas(puntos) == [] and len(sin_capas.figura().axes) == 3


def test_l2_y_dropout_cambian_el_entrenamiento():
    base = ejecutar_playground(AjustesPlayground(datos="espirales"), epocas=10)[0]
    con_l2 = ejecutar_playground(AjustesPlayground(datos="espirales", l2=0.1), epocas=10)[0]
    con_dropout = ejecutar_playground(AjustesPlayground(datos="espirales", dropout=0.3), epocas=10)[0]
    assert con_l2["perdida"] != base["perdida"] and con_dropout["perdida"] != base["perdida"]


def test_playground_torch_empieza_con_los_mismos_pesos_y_aprende():
    ajustes = AjustesPlayground(datos="circulos", ocultas=(8, 4), activacion="relu")
    numpy, torch_ = Playground(ajustes), PlaygroundTorch(ajustes)
    puntos = np.random.default_rng(1).normal(size=(20, 2))
    np.testing.assert_allclose(torch_._probabilidades(puntos), numpy._probabilidades(puntos), atol=1e-6)
    for a, b in zip(numpy._respuestas_ocultas(puntos), torch_._respuestas_ocultas(puntos)):
        np.testing.assert_allclose(a, b, atol=1e-5)
    historial, figura, _ = ejecutar_playground(ajustes, epocas=30, clase=PlaygroundTorch)
    assert historial["perdida"][-1] < 0.5 * historial["perdida"][0] and historial["exactitud_val"][-1] > 0.9
    assert "PyTorch" in figura.texts[0].get_text()
    assert (
        ejecutar_playground(ajustes, epocas=5, clase=PlaygroundTorch)[0]
        == ejecutar_playground(ajustes, epocas=5, clase=PlaygroundTorch)[0]
    )


def test_playground_torch_suma_la_misma_penalizacion_l2():
    ajustes = AjustesPlayground(datos="lunas", ocultas=(4,), l2=0.5)
    p = PlaygroundTorch(ajustes)
    pesos = [m.weight.detach().clone() for m in p.red if isinstance(m, torch.nn.Linear)]
    penalizacion = 0.25 * sum(float((w**2).sum()) for w in pesos)
    sin = PlaygroundTorch(ajustes.cambiar(l2=0.0))
    # con tasa mínima, la primera época apenas mueve los pesos: la diferencia es la penalización
    lento = ajustes.cambiar(tasa=1e-9)
    diferencia = (
        PlaygroundTorch(lento)._entrenar(1)["perdida"][0]
        - PlaygroundTorch(lento.cambiar(l2=0.0))._entrenar(1)["perdida"][0]
    )
    assert diferencia == pytest.approx(penalizacion, rel=1e-3)
    assert sin.ajustes.l2 == 0.0


def test_panel_de_widgets_entrena_cambia_y_avisa_de_errores():
    from Lab06_Entrenamiento.codigo.widgets_playground import crear_playground, leer_capas

    assert leer_capas("8, 4") == (8, 4) and leer_capas(" ") == () and leer_capas("3;2") == (3, 2)
    with pytest.raises(ValueError, match="enteros separados por comas"):
        leer_capas("8, x")
    panel = crear_playground(AjustesPlayground(ocultas=(4,)), epocas_por_redibujo=2, redibujos=3)
    assert panel.partida.epocas == 0 and panel.imagen.value[:4] == b"\x89PNG"
    assert "época <b>0</b>" in panel.estado.value
    inicial = panel.imagen.value
    panel.entrenar.click()
    assert (
        panel.partida.epocas == 6
        and panel.imagen.value != inicial
        and "pérdida de entrenamiento" in panel.estado.value
    )
    panel.paso.click()
    assert panel.partida.epocas == 7
    panel.datos.value = "xor"  # cambiar un control empieza otra partida
    assert panel.partida.ajustes.datos == "xor" and panel.partida.epocas == 0
    anterior = panel.partida
    panel.capas.value = "4, x"  # un error se dice y no se pierde la partida
    assert "No se pudo empezar" in panel.estado.value and panel.partida is anterior
    panel.capas.value = "3"
    assert panel.partida.ajustes.ocultas == (3,)
    paquete = panel._repr_mimebundle_()
    assert (
        paquete["text/plain"].startswith("Playground (NumPy")
        and "model_id" in paquete["application/vnd.jupyter.widget-view+json"]
    )
    con_torch = crear_playground(clase=PlaygroundTorch, epocas_por_redibujo=1, redibujos=1)
    con_torch.entrenar.click()
    assert con_torch.partida.epocas == 1 and "PyTorch" in con_torch._repr_mimebundle_()["text/plain"]
