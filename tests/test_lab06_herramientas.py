"""Lab06: L2, parada temprana, experimentos, gráficos, recetas y velocidad.

Las autocomprobaciones se prueban en ``test_lab06_ejercicios.py``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab02_Primera_Red_Neuronal.codigo import Parametro  # noqa: E402
from Lab05_Backpropagation.codigo import comprobar_gradiente, error_relativo  # noqa: E402
from Lab06_Entrenamiento.codigo import (  # noqa: E402
    SGD,
    Adam,
    CalendarioCoseno,
    ParadaTemprana,
    RMSprop,
    entrenar_mlp,
    gradiente_valle,
    graficar_curvas,
    graficar_digitos,
    graficar_historial,
    graficar_tasas,
    graficar_trayectorias,
    modo_de_monitor,
    penalizacion_l2,
    perdida_para,
    preparar_datos,
    sumar_gradiente_l2,
    trayectoria,
    valle,
)
from Lab06_Entrenamiento.codigo import comparar_velocidad as velocidad  # noqa: E402


# --- L2 y parada temprana -----------------------------------------------------------
def test_penalizacion_l2_valor_gradiente_y_torch():
    rng = np.random.default_rng(0)
    W, b = Parametro(rng.normal(size=(4, 3)), "W"), Parametro(rng.normal(size=3), "b")
    valor = penalizacion_l2([W, b], 0.1)
    assert valor == pytest.approx(0.05 * np.sum(W.datos**2))  # el sesgo no cuenta
    Wt = torch.tensor(W.datos, requires_grad=True)
    (0.5 * 0.1 * (Wt**2).sum()).backward()
    sumar_gradiente_l2([W, b], 0.1)
    assert error_relativo(W.grad, Wt.grad.numpy()) <= 1e-12 and np.all(b.grad == 0)
    assert comprobar_gradiente(lambda w: 0.05 * np.sum(w**2), W.datos, 0.1 * W.datos) < 1e-8
    assert penalizacion_l2([W], 0.0) == 0.0
    with pytest.raises(ValueError, match="coeficiente de L2"):
        penalizacion_l2([W], -1.0)


def test_l2_del_bucle_encoge_los_pesos():
    datos = preparar_datos("iris", semilla=0)
    normas = []
    for l2 in (0.0, 0.05):
        modelo, _ = entrenar_mlp(datos, ocultas=(16,), epocas=30, l2=l2)
        normas.append(sum(np.sum(p.datos**2) for p in modelo.parameters() if p.datos.ndim == 2))
    assert normas[1] < 0.7 * normas[0]


def test_parada_temprana_logica():
    parada = ParadaTemprana(paciencia=2, delta_minimo=0.1)
    valores = (1.0, 0.95, 0.85, 0.9, 0.8)  # 0.95 y 0.8 no mejoran en más de 0.1
    assert [parada.actualizar(v) for v in valores] == [False, False, False, False, True]
    assert parada.mejor_epoca == 3 and parada.mejor_valor == 0.85
    parada.reiniciar()
    assert parada.mejor_epoca == 0 and parada.epoca == 0
    maximo = ParadaTemprana(paciencia=1, monitor="exactitud_val")
    assert maximo.modo == "max" and maximo.actualizar(0.5) is False and maximo.actualizar(0.4) is True
    assert modo_de_monitor("perdida_val") == "min" and modo_de_monitor("error_absoluto_medio") == "min"
    assert modo_de_monitor("exactitud") == "max"
    for malo in (dict(paciencia=0), dict(delta_minimo=-1.0)):
        with pytest.raises(ValueError):
            ParadaTemprana(**malo)
    with pytest.raises(TypeError, match="monitor"):
        ParadaTemprana(monitor="")


# --- recetas --------------------------------------------------------------------------
def test_entrenar_mlp_elige_salidas_y_perdida():
    from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, EntropiaCruzadaBinaria, ErrorCuadraticoMedio

    casos = {"cancer_mama": (1, EntropiaCruzadaBinaria), "vino": (3, EntropiaCruzada),
             "diabetes": (1, ErrorCuadraticoMedio)}
    for nombre, (salidas, clase) in casos.items():
        datos = preparar_datos(nombre, semilla=0)
        assert isinstance(perdida_para(datos), clase)
        modelo, h = entrenar_mlp(datos, ocultas=(8,), epocas=2, optimizador="sgd", tasa_aprendizaje=0.05,
                                 momento=0.9, calendario=lambda o: CalendarioCoseno(o, 2), imprimir_cada=1)
        assert modelo[-1].n_salidas == salidas and h.epocas == 2
        assert h["tasa_aprendizaje"] == [0.05, 0.025]


# --- experimentos -----------------------------------------------------------------------
def test_valle_y_trayectorias():
    theta = np.array([[1.0, 2.0], [-3.0, 0.5]])
    assert np.allclose(valle(theta), [0.5 * (1 + 25 * 4), 0.5 * (9 + 25 * 0.25)])
    assert comprobar_gradiente(lambda t: float(valle(t)), np.array([0.3, -0.7]),
                               gradiente_valle(np.array([0.3, -0.7]))) < 1e-8
    camino = trayectoria(SGD, pasos=30, tasa_aprendizaje=0.03)
    assert camino.shape == (31, 2) and np.allclose(camino[0], [-2.5, 1.0])
    final = {nombre: valle(trayectoria(clase, pasos=60, **op)[-1]) for nombre, (clase, op) in {
        "sgd": (SGD, dict(tasa_aprendizaje=0.03)),
        "momento": (SGD, dict(tasa_aprendizaje=0.03, momento=0.9)),
        "rmsprop": (RMSprop, dict(tasa_aprendizaje=0.1)),
        "adam": (Adam, dict(tasa_aprendizaje=0.3)),
    }.items()}
    assert final["momento"] < final["sgd"] and all(v < valle(np.array([-2.5, 1.0])) for v in final.values())


# --- gráficos ---------------------------------------------------------------------------
def test_graficos_dibujan():
    datos = preparar_datos("iris", semilla=0)
    _, h = entrenar_mlp(datos, ocultas=(4,), epocas=3)
    ax = graficar_historial(h, ["perdida", "exactitud"])
    assert len(ax.lines) >= 4
    plt.close("all")
    ax = graficar_curvas({"a": h, "b": h}, "perdida_val", log=True)
    assert len(ax.lines) == 2 and ax.get_yscale() == "log"
    plt.close("all")
    ax = graficar_tasas({"coseno": [0.1, 0.05, 0.0]})
    assert len(ax.lines) == 1
    plt.close("all")
    ax = graficar_trayectorias(valle, {"sgd": trayectoria(SGD, pasos=5, tasa_aprendizaje=0.03)})
    assert ax.get_xlabel() == r"$\theta_1$"
    X = preparar_datos("digitos", semilla=0).prueba[0][:6]
    fig = graficar_digitos(X, np.arange(6), n=6, prediccion=np.array([0, 1, 2, 0, 4, 5]), titulo="t")
    assert len(fig.axes) == 6 and fig.axes[3].title.get_color() == "red"
    plt.close("all")
    with pytest.raises(KeyError, match="no tiene la clave"):
        graficar_historial(h, ["auc"])
    with pytest.raises(ValueError, match=r"\(N, 64\)"):
        graficar_digitos(np.zeros((3, 10)), np.zeros(3))


# --- velocidad ---------------------------------------------------------------------------
def test_script_de_velocidad_funciona(capsys):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 64)), rng.integers(0, 10, size=64)
    assert velocidad.medir_numpy(X, y, epocas=1, repeticiones=1) > 0
    assert velocidad.medir_pytorch(X, y, epocas=1, repeticiones=1, dtype=np.float32) > 0
    hilos = torch.get_num_threads()
    assert velocidad.main(["--epocas", "1", "--repeticiones", "1"]) == 0
    assert torch.get_num_threads() == hilos
    salida = capsys.readouterr().out
    assert "cociente NumPy / PyTorch" in salida and "float64" in salida
