"""Pruebas del Lab08 (PyTorch): Dataset/DataLoader, MLPTorch, copiar pesos entre bibliotecas,
bucle de entrenamiento (``entrenar_epoca``, ``evaluar_torch``, ``entrenar_torch``) y ``state_dict``."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from Lab06_Entrenamiento.codigo import construir_mlp
from Lab08_Frameworks_DeepLearning.codigo import (
    ACTIVACIONES_TORCH,
    ConjuntoTensores,
    MLPTorch,
    biblioteca_de,
    cargar_pesos,
    contar_parametros,
    crear_cargador,
    entrenar_epoca,
    entrenar_torch,
    evaluar_torch,
    exactitud_torch,
    fijar_pesos_densos,
    guardar_pesos,
    pesos_densos,
    tipo_objetivo,
)


def _datos(n=120, semilla=0):
    rng = np.random.default_rng(semilla)
    X = rng.normal(size=(n, 5))
    y = (X[:, 0] + X[:, 1] > 0).astype(np.int64) + (X[:, 2] > 1).astype(np.int64)
    return X, y


# --- datos ------------------------------------------------------------------------------------
def test_conjunto_tensores_tipos_y_ejemplos():
    X, y = _datos(10)
    conjunto = ConjuntoTensores(X, y)
    assert len(conjunto) == 10 and conjunto.X.dtype == torch.float32 and conjunto.y.dtype == torch.long
    x0, y0 = conjunto[3]
    np.testing.assert_allclose(x0.numpy(), X[3].astype(np.float32))
    assert y0.item() == y[3]
    regresion = ConjuntoTensores(X, X[:, :1], dtype=torch.float64)
    assert regresion.y.dtype == torch.float64 and regresion[0][1].shape == (1,)
    sin_etiquetas = ConjuntoTensores(X)
    assert sin_etiquetas[0].shape == (5,) and "y" not in repr(sin_etiquetas)
    assert (
        tipo_objetivo(np.array([0.0, 1.0])) == torch.float32 and tipo_objetivo(np.array([0, 1])) == torch.long
    )


def test_conjunto_tensores_errores():
    with pytest.raises(ValueError, match="X tiene 4 ejemplos pero y tiene forma"):
        ConjuntoTensores(np.zeros((4, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="al menos un ejemplo"):
        ConjuntoTensores(np.zeros((0, 2)))
    with pytest.raises(ValueError, match="NaN"):
        ConjuntoTensores(np.array([[np.nan, 1.0]]))


def test_crear_cargador_cubre_todo_y_se_repite_con_la_semilla():
    X, y = _datos(50)
    cargador = crear_cargador(X, y, tamano_lote=16, semilla=3)
    tamanos = [len(yb) for _, yb in cargador]
    assert tamanos == [16, 16, 16, 2] and len(cargador) == 4
    orden = lambda c: torch.cat([xb[:, 0] for xb, _ in c])  # noqa: E731
    primera, segunda = orden(cargador), orden(cargador)
    assert not torch.equal(primera, segunda)  # cada época baraja de nuevo
    assert torch.equal(
        torch.sort(primera).values, torch.sort(torch.as_tensor(X[:, 0], dtype=torch.float32)).values
    )
    otro = crear_cargador(X, y, 16, semilla=3)  # misma semilla: mismas épocas, en el mismo orden
    [_ for _ in otro]
    assert torch.equal(primera, orden(otro)) and torch.equal(segunda, orden(otro))
    sin_barajar = crear_cargador(X, y, 16, barajar=False)
    assert torch.equal(orden(sin_barajar), torch.as_tensor(X[:, 0], dtype=torch.float32))
    for malo in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="tamano_lote"):
            crear_cargador(X, y, malo)


# --- modelo y pesos ---------------------------------------------------------------------------
def test_mlp_torch_formas_y_parametros():
    red = MLPTorch([5, 8, 7, 3], activacion="tanh", dropout=0.2, semilla=0)
    assert red(torch.zeros(4, 5)).shape == (4, 3)
    assert contar_parametros(red) == 5 * 8 + 8 + 8 * 7 + 7 + 7 * 3 + 3
    tipos = [type(m) for m in red.red]
    assert tipos == [nn.Linear, nn.Tanh, nn.Dropout, nn.Linear, nn.Tanh, nn.Dropout, nn.Linear]
    assert set(ACTIVACIONES_TORCH) >= {"relu", "tanh", "sigmoide", "gelu"}
    assert MLPTorch([2, 3], dtype=torch.float64).red[0].weight.dtype == torch.float64


def test_mlp_torch_errores():
    with pytest.raises(ValueError, match="al menos dos enteros positivos"):
        MLPTorch([5])
    with pytest.raises(ValueError, match="al menos dos enteros positivos"):
        MLPTorch([5, 0, 2])
    with pytest.raises(ValueError, match="activación desconocida"):
        MLPTorch([5, 2], activacion="swish")
    with pytest.raises(ValueError, match="dropout"):
        MLPTorch([5, 3, 2], dropout=1.0)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 5\)"):
        MLPTorch([5, 2])(torch.zeros(3, 4))


@pytest.mark.parametrize("tamanos", [[4, 3], [64, 64, 10], [6, 5, 4, 2]])
def test_misma_semilla_mismos_pesos_que_construir_mlp(tamanos):
    """MLPTorch y construir_mlp (Lab06) usan la inicialización He del Lab02 con la misma semilla."""
    red = MLPTorch(tamanos, semilla=7, dtype=torch.float64)
    modelo = construir_mlp(tamanos, semilla=7)
    for (Wt, bt), (Wn, bn) in zip(pesos_densos(red), pesos_densos(modelo), strict=True):
        np.testing.assert_array_equal(Wt, Wn)
        np.testing.assert_array_equal(bt, bn)
    otro = MLPTorch(tamanos, semilla=8, dtype=torch.float64)
    assert not np.array_equal(pesos_densos(otro)[0][0], pesos_densos(red)[0][0])


def test_copiar_pesos_numpy_torch_ida_y_vuelta():
    rng = np.random.default_rng(0)
    modelo = construir_mlp([5, 4, 3], semilla=0)
    pesos = [(rng.normal(size=(5, 4)), rng.normal(size=4)), (rng.normal(size=(4, 3)), rng.normal(size=3))]
    red = fijar_pesos_densos(MLPTorch([5, 4, 3], dtype=torch.float64), pesos)
    fijar_pesos_densos(modelo, pesos_densos(red))
    X = rng.normal(size=(6, 5))
    salida_torch = red(torch.tensor(X)).detach().numpy()
    np.testing.assert_allclose(modelo.forward(X), salida_torch, rtol=1e-12)
    np.testing.assert_array_equal(red.red[0].weight.detach().numpy(), pesos[0][0].T)  # weight = Wᵀ
    assert biblioteca_de(red) == "torch" and biblioteca_de(modelo) == "numpy"


def test_fijar_pesos_errores_y_no_toca_el_modelo():
    red = MLPTorch([5, 4, 3], dtype=torch.float64)
    antes = pesos_densos(red)
    with pytest.raises(ValueError, match="pesos para 1 capas densas, pero el modelo tiene 2"):
        fijar_pesos_densos(red, antes[:1])
    malos = [antes[0], (np.zeros((4, 2)), np.zeros(2))]
    with pytest.raises(ValueError, match=r"capa densa 1: se esperaba W \(4, 3\)"):
        fijar_pesos_densos(red, malos)
    for (W, _), (W0, _) in zip(pesos_densos(red), antes):
        np.testing.assert_array_equal(W, W0)
    with pytest.raises(TypeError, match="se esperaba un modelo"):
        pesos_densos(object())


# --- entrenamiento ---------------------------------------------------------------------------
def test_exactitud_torch():
    salida = torch.tensor([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0], [0.0, 0.0, 1.0], [5.0, 0.0, 0.0]])
    assert exactitud_torch(salida, torch.tensor([0, 1, 1, 0])).item() == pytest.approx(0.75)
    binaria = torch.tensor([[0.3], [-0.2], [0.0]])
    assert exactitud_torch(binaria, torch.tensor([[1.0], [1.0], [1.0]])).item() == pytest.approx(2 / 3)


def test_entrenar_epoca_es_el_bucle_explicito():
    """Una época con entrenar_epoca deja los mismos pesos que el bucle escrito a mano."""
    X, y = _datos()
    a, b = (
        MLPTorch([5, 8, 3], semilla=1, dtype=torch.float64),
        MLPTorch([5, 8, 3], semilla=1, dtype=torch.float64),
    )
    opt_a, opt_b = torch.optim.SGD(a.parameters(), lr=0.1), torch.optim.SGD(b.parameters(), lr=0.1)
    perdida = nn.CrossEntropyLoss()
    resultado = entrenar_epoca(
        a, crear_cargador(X, y, 16, semilla=0, dtype=torch.float64), perdida, opt_a, metrica="exactitud"
    )
    suma, aciertos, n = 0.0, 0, 0
    for xb, yb in crear_cargador(X, y, 16, semilla=0, dtype=torch.float64):
        opt_b.zero_grad()
        salida = b(xb)
        valor = perdida(salida, yb)
        valor.backward()
        opt_b.step()
        suma, n = suma + valor.item() * len(yb), n + len(yb)
        aciertos += int((salida.argmax(1) == yb).sum())  # con los pesos de antes de cada paso
    assert resultado["perdida"] == pytest.approx(suma / n, rel=1e-12)
    assert resultado["exactitud"] == pytest.approx(aciertos / n, rel=1e-12)
    for pa, pb in zip(a.parameters(), b.parameters()):
        torch.testing.assert_close(pa, pb, rtol=0, atol=0)


def test_evaluar_torch_no_cambia_nada_y_respeta_el_modo():
    X, y = _datos()
    red = MLPTorch([5, 8, 3], dropout=0.5, semilla=0)
    antes = [p.clone() for p in red.parameters()]
    red.train()
    r1 = evaluar_torch(
        red, crear_cargador(X, y, 32, barajar=False), nn.CrossEntropyLoss(), metrica="exactitud"
    )
    r2 = evaluar_torch(
        red, crear_cargador(X, y, 7, barajar=False), nn.CrossEntropyLoss(), metrica="exactitud"
    )
    assert red.training  # vuelve al modo en que estaba
    assert r1["perdida"] == pytest.approx(r2["perdida"], rel=1e-6)  # modo eval: sin dropout, determinista
    assert r1["exactitud"] == pytest.approx(r2["exactitud"])
    assert all(torch.equal(a, b) for a, b in zip(antes, red.parameters()))
    with pytest.raises(ValueError, match="está vacío"):
        evaluar_torch(red, [], nn.CrossEntropyLoss())
    with pytest.raises(ValueError, match="metrica debe ser"):
        evaluar_torch(red, crear_cargador(X, y, 32), nn.CrossEntropyLoss(), metrica="f1")
    with pytest.raises(ValueError, match="pareja"):
        evaluar_torch(red, [torch.zeros(2, 5)], nn.CrossEntropyLoss())


class _Escritor:
    def __init__(self):
        self.registros, self.vaciado = [], False

    def add_scalar(self, etiqueta, valor, paso):
        self.registros.append((etiqueta, valor, paso))

    def flush(self):
        self.vaciado = True


def test_entrenar_torch_aprende_y_anota():
    X, y = _datos(200)
    red = MLPTorch([5, 16, 3], semilla=0)
    escritor = _Escritor()
    historial = entrenar_torch(
        red,
        nn.CrossEntropyLoss(),
        torch.optim.Adam(red.parameters(), 0.01),
        crear_cargador(X[:150], y[:150], 32),
        crear_cargador(X[150:], y[150:], 64, False),
        epocas=8,
        metrica="exactitud",
        escritor=escritor,
    )
    assert set(historial) == {"perdida", "exactitud", "perdida_val", "exactitud_val", "mejor_epoca"}
    assert len(historial["perdida"]) == 8 and historial["perdida"][-1] < historial["perdida"][0]
    assert historial["exactitud_val"][-1] > 0.7
    etiquetas = {e for e, _, _ in escritor.registros}
    assert etiquetas == {
        "perdida/entrenamiento",
        "exactitud/entrenamiento",
        "perdida/validacion",
        "exactitud/validacion",
    }
    assert escritor.vaciado and {p for _, _, p in escritor.registros} == set(range(1, 9))


def test_entrenar_torch_parada_temprana_restaura_los_mejores(tmp_path, capsys):
    X, y = _datos(60)
    rng = np.random.default_rng(1)
    y_ruido = rng.integers(0, 3, size=60)  # validación imposible: empeora pronto
    red = MLPTorch([5, 64, 3], semilla=0)
    ruta = tmp_path / "mejor.pt"
    historial = entrenar_torch(
        red,
        nn.CrossEntropyLoss(),
        torch.optim.Adam(red.parameters(), 0.05),
        crear_cargador(X[:40], y[:40], 8),
        crear_cargador(X[40:], y_ruido[40:], 20, False),
        epocas=40,
        paciencia=3,
        ruta_checkpoint=ruta,
        imprimir_cada=1,
    )
    epocas = len(historial["perdida"])
    mejor = int(historial["mejor_epoca"][0])
    assert epocas == mejor + 3 < 40
    assert "Parada temprana" in capsys.readouterr().out
    val = evaluar_torch(red, crear_cargador(X[40:], y_ruido[40:], 20, False), nn.CrossEntropyLoss())[
        "perdida"
    ]
    assert val == pytest.approx(min(historial["perdida_val"]), rel=1e-5)  # se restauraron los mejores pesos
    copia = cargar_pesos(MLPTorch([5, 64, 3], semilla=9), ruta)
    assert all(torch.equal(a, b) for a, b in zip(copia.parameters(), red.parameters()))


def test_entrenar_torch_errores():
    red = MLPTorch([5, 3])
    cargador = crear_cargador(*_datos(10), 4)
    with pytest.raises(ValueError, match="epocas"):
        entrenar_torch(red, nn.CrossEntropyLoss(), torch.optim.SGD(red.parameters(), 0.1), cargador, epocas=0)
    with pytest.raises(ValueError, match="necesita cargador_validacion"):
        entrenar_torch(
            red, nn.CrossEntropyLoss(), torch.optim.SGD(red.parameters(), 0.1), cargador, paciencia=2
        )


# --- guardar y cargar ------------------------------------------------------------------------
def test_guardar_cargar_ida_y_vuelta(tmp_path):
    red = MLPTorch([5, 6, 3], semilla=0)
    ruta = guardar_pesos(red, tmp_path / "sub" / "red.pt")
    otra = cargar_pesos(MLPTorch([5, 6, 3], semilla=1), ruta, "cpu")
    x = torch.randn(4, 5)
    assert torch.equal(red(x), otra(x))


class _MLPAnotado(MLPTorch):
    """MLPTorch que anota adónde se le pide ir (para comprobar el camino de la GPU sin GPU)."""

    def to(self, *args, **kwargs):
        self.destinos = [*getattr(self, "destinos", []), torch.device(args[0])]
        return super().to(*args, **kwargs)


def test_cargar_pesos_lleva_el_modelo_al_dispositivo_pedido(tmp_path):
    """Con ``dispositivo``, el modelo cargado queda allí (p. ej. en la GPU, junto a los datos);
    sin él, no se mueve."""
    ruta = guardar_pesos(MLPTorch([5, 6, 3], semilla=0), tmp_path / "red.pt")
    pedido = cargar_pesos(_MLPAnotado([5, 6, 3], semilla=1), ruta, "cpu")
    assert pedido.destinos == [torch.device("cpu")]
    assert not hasattr(cargar_pesos(_MLPAnotado([5, 6, 3], semilla=1), ruta), "destinos")
    with pytest.raises(ValueError, match="forma"):  # si el archivo no encaja, tampoco se mueve
        cargar_pesos(_MLPAnotado([5, 4, 3], semilla=1), ruta, "cpu")


def test_cargar_pesos_errores_dejan_el_modelo_intacto(tmp_path):
    ruta = guardar_pesos(MLPTorch([5, 6, 3], semilla=0), tmp_path / "red.pt")
    distinta = MLPTorch([5, 4, 3], semilla=1)
    antes = [p.clone() for p in distinta.parameters()]
    with pytest.raises(ValueError, match=r"red.0.weight: el archivo tiene forma \(6, 5\)"):
        cargar_pesos(distinta, ruta)
    with pytest.raises(ValueError, match="faltan"):
        cargar_pesos(MLPTorch([5, 6, 6, 3]), ruta)
    danado = tmp_path / "danado.pt"
    danado.write_bytes(b"esto no es un state_dict")
    with pytest.raises(ValueError, match="dañado"):
        cargar_pesos(distinta, danado)
    torch.save([1, 2, 3], tmp_path / "lista.pt")
    with pytest.raises(ValueError, match="no contiene un state_dict"):
        cargar_pesos(distinta, tmp_path / "lista.pt")
    with pytest.raises(FileNotFoundError, match="no existe"):
        cargar_pesos(distinta, tmp_path / "no_esta.pt")
    assert all(torch.equal(a, b) for a, b in zip(antes, distinta.parameters()))
    with pytest.raises(TypeError, match="nn.Module"):
        guardar_pesos(construir_mlp([2, 2]), tmp_path / "x.pt")


def test_guardar_pesos_es_atomico(tmp_path, monkeypatch):
    red = MLPTorch([5, 6, 3], semilla=0)
    ruta = guardar_pesos(red, tmp_path / "red.pt")
    original = ruta.read_bytes()

    def save_a_medias(objeto, fichero, *args, **kwargs):
        fichero.write(b"la mitad de un archivo")
        raise OSError("disco lleno")

    monkeypatch.setattr(torch, "save", save_a_medias)
    with pytest.raises(OSError, match="disco lleno"):
        guardar_pesos(MLPTorch([5, 6, 3], semilla=1), ruta)
    assert ruta.read_bytes() == original  # el archivo anterior sigue entero
    assert sorted(p.name for p in tmp_path.iterdir()) == ["red.pt"]  # y no queda ningún temporal
