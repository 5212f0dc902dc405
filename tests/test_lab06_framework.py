"""El framework del Lab06 para los laboratorios 10–12: un bloque residual hecho de capas, guardar
por nombres, recorte del gradiente, calendarios por lote, datos en orden, enteros que siguen
siendo enteros y una parada temprana que sabe en qué sentido mejora su métrica."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits

from Lab02_Primera_Red_Neuronal.codigo import Capa, Parametro, Secuencial
from Lab03_Funciones_Activacion.codigo import ReLU
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, ErrorCuadraticoMedio
from Lab05_Backpropagation.codigo import CapaDensa, comprobar_gradiente_modelo
from Lab06_Entrenamiento.codigo import (
    SGD,
    Adam,
    BatchNorm1d,
    CalentamientoCoseno,
    Dropout,
    ParadaTemprana,
    cargar,
    entrenar,
    guardar,
    modo_de_monitor,
    norma_gradiente,
    predecir,
    predecir_clases,
    recortar_norma_gradiente,
)


class BloqueResidual(Capa):
    """``x + Dropout(ReLU(BatchNorm(Densa(x))))``: una capa hecha de cuatro capas."""

    def __init__(self, n: int, p: float = 0.1, semilla: int = 0) -> None:
        super().__init__()
        self.densa = CapaDensa(
            n, n, semilla=semilla, sesgo=False
        )  # BatchNorm resta la media: un sesgo sobraría
        self.norma = BatchNorm1d(n)
        self.activacion = ReLU()
        self.dropout = Dropout(p, semilla=semilla)

    def forward(self, x):
        return x + self.dropout.forward(self.activacion.forward(self.norma.forward(self.densa.forward(x))))

    def backward(self, g):
        rama = self.densa.backward(self.norma.backward(self.activacion.backward(self.dropout.backward(g))))
        return g + rama  # la conexión directa suma su gradiente al de la rama


def _red_residual(semilla: int) -> Secuencial:
    return Secuencial(
        CapaDensa(64, 32, semilla=semilla),
        BloqueResidual(32, semilla=semilla + 1),
        BloqueResidual(32, semilla=semilla + 2),
        CapaDensa(32, 10, semilla=semilla + 3),
    )


def test_bloque_residual_entrena_se_guarda_y_se_carga_identico(tmp_path):
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    modelo = _red_residual(0)
    historial = entrenar(
        modelo,
        EntropiaCruzada(),
        Adam(modelo.parameters(), 0.01),
        (X[:1400], y[:1400]),
        (X[1400:], y[1400:]),
        epocas=4,
        tamano_lote=64,
        metricas=["exactitud"],
        barra_progreso=False,
    )
    assert historial["exactitud_val"][-1] > 0.9
    assert len(modelo.parameters()) == 2 + 2 * 3 + 2
    ruta = guardar(modelo, tmp_path / "residual.npz")
    nuevo = _red_residual(7)  # otros pesos iniciales y medias móviles sin estrenar
    assert not np.array_equal(predecir(nuevo, X[1400:]), predecir(modelo, X[1400:]))
    cargar(nuevo, ruta)
    assert np.array_equal(predecir(nuevo, X[1400:]), predecir(modelo, X[1400:]))
    assert np.array_equal(nuevo[1].norma.media_movil, modelo[1].norma.media_movil)


def test_bloque_residual_pasa_la_comprobacion_de_gradientes_en_entrenamiento():
    rng = np.random.default_rng(0)
    modelo = Secuencial(
        CapaDensa(5, 4, semilla=0), BloqueResidual(4, p=0.3, semilla=1), CapaDensa(4, 3, semilla=2)
    )
    X, y = rng.normal(size=(8, 5)), rng.integers(0, 3, size=8)
    modelo.forward(X)
    modelo[1].dropout.repetir_mascara = True  # la misma máscara en cada evaluación: determinista
    errores = comprobar_gradiente_modelo(modelo, EntropiaCruzada(), X, y)
    assert set(errores) == {"0.W", "0.b", "1.densa.W", "1.norma.gamma", "1.norma.beta", "2.W", "2.b"}
    assert max(errores.values()) < 1e-6


def test_bloque_residual_igual_que_pytorch_hacia_delante_y_hacia_atras():
    rng = np.random.default_rng(1)
    bloque = BloqueResidual(4, p=0.25, semilla=3)
    x, g = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    y = bloque.forward(x)
    dx = bloque.backward(g)
    mascara = torch.tensor(bloque.dropout.mascara)
    lineal, norma = torch.nn.Linear(4, 4).double(), torch.nn.BatchNorm1d(4).double()
    with torch.no_grad():
        lineal.weight.copy_(torch.tensor(bloque.densa.W.datos.T))
        lineal.bias.zero_()
    xt = torch.tensor(x, requires_grad=True)
    yt = xt + torch.relu(norma(lineal(xt))) * mascara  # el Dropout de PyTorch con la misma máscara
    (yt * torch.tensor(g)).sum().backward()
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(bloque.densa.W.grad, lineal.weight.grad.numpy().T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(bloque.norma.gamma.grad, norma.weight.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(bloque.norma.media_movil, norma.running_mean.numpy(), rtol=1e-12)


def test_cargar_nombra_la_capa_que_falta_sobra_o_cambio_de_nombre_y_no_toca_el_modelo(tmp_path):
    class Dos(Capa):
        def __init__(self, nombre_segunda: str = "salida"):
            super().__init__()
            self.entrada = CapaDensa(2, 2, semilla=0)
            setattr(self, nombre_segunda, CapaDensa(2, 2, semilla=1))

    ruta = guardar(Dos(), tmp_path / "dos.npz")
    renombrada = Dos("cabeza")
    antes = [p.datos.copy() for p in renombrada.parameters()]
    with pytest.raises(
        ValueError,
        match=r"el modelo tiene 'cabeza.W', 'cabeza.b' y el archivo 'dos.npz' no; "
        r"el archivo 'dos.npz' trae 'salida.W', 'salida.b'",
    ):
        cargar(renombrada, ruta)
    assert all(np.array_equal(a, p.datos) for a, p in zip(antes, renombrada.parameters()))
    with pytest.raises(ValueError, match="trae 'entrada.W', 'entrada.b'"):
        cargar(CapaDensa(2, 2, semilla=0), ruta)  # le sobran capas al archivo


def test_recortar_norma_gradiente_igual_que_clip_grad_norm():
    rng = np.random.default_rng(0)
    datos = [rng.normal(size=(3, 4)), rng.normal(size=4)]
    grads = [rng.normal(size=(3, 4)) * 10, rng.normal(size=4) * 10]
    nuestros = [Parametro(d) for d in datos]
    for p, g in zip(nuestros, grads):
        p.grad = g.copy()
    suyos = [torch.tensor(d, requires_grad=True) for d in datos]
    for t, g in zip(suyos, grads):
        t.grad = torch.tensor(g)
    norma = recortar_norma_gradiente(nuestros, 1.5)
    referencia = torch.nn.utils.clip_grad_norm_(suyos, 1.5)
    assert norma == pytest.approx(referencia.item(), rel=1e-12)
    for p, t in zip(nuestros, suyos):
        np.testing.assert_allclose(p.grad, t.grad.numpy(), rtol=1e-12)
    assert norma_gradiente(nuestros) == pytest.approx(1.5, rel=1e-5)
    pequeno = Parametro(np.zeros(2))
    pequeno.grad = np.array([0.3, 0.4])
    assert recortar_norma_gradiente([pequeno], 1.0) == pytest.approx(0.5)
    assert np.array_equal(pequeno.grad, [0.3, 0.4])  # ya era pequeño: no cambia
    with pytest.raises(ValueError, match="maximo"):
        recortar_norma_gradiente([pequeno], 0.0)


def test_entrenar_con_recorte_rescata_un_entrenamiento_que_explota():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 3)) * 30  # datos sin estandarizar: gradientes enormes
    y = X @ np.array([1.0, -2.0, 0.5])

    def probar(recorte):
        modelo = Secuencial(CapaDensa(3, 1, semilla=0))
        return entrenar(
            modelo,
            ErrorCuadraticoMedio(),
            SGD(modelo.parameters(), 0.05),
            (X, y.reshape(-1, 1)),
            epocas=30,
            tamano_lote=16,
            barra_progreso=False,
            recorte_gradiente=recorte,
        )

    sin_recorte = probar(None)
    assert sin_recorte.divergio
    con_recorte = probar(1.0)
    assert not con_recorte.divergio and con_recorte["perdida"][-1] < con_recorte["perdida"][0] / 10
    assert len(con_recorte["norma_gradiente"]) == 30 and con_recorte["norma_gradiente"][0] > 1.0


def test_calentamiento_coseno_igual_que_pytorch_paso_a_paso():
    parametro = torch.nn.Parameter(torch.zeros(1))
    opt_torch = torch.optim.SGD([parametro], lr=0.1)
    programa = torch.optim.lr_scheduler.SequentialLR(
        opt_torch,
        [
            torch.optim.lr_scheduler.LinearLR(opt_torch, start_factor=0.1, end_factor=1.0, total_iters=3),
            torch.optim.lr_scheduler.CosineAnnealingLR(opt_torch, T_max=7, eta_min=0.001),
        ],
        milestones=[3],
    )
    nuestro = SGD([Parametro(np.zeros(1))], 0.1)
    calendario = CalentamientoCoseno(nuestro, 3, 10, factor_inicial=0.1, tasa_minima=0.001)
    for _ in range(11):
        assert nuestro.tasa_aprendizaje == pytest.approx(opt_torch.param_groups[0]["lr"], rel=1e-12)
        opt_torch.step()
        programa.step()
        calendario.step()
    with pytest.raises(ValueError, match="pasos_totales debe ser mayor"):
        CalentamientoCoseno(nuestro, 5, 5)


def test_entrenar_avanza_el_calendario_por_lote():
    X, y = np.random.default_rng(0).normal(size=(40, 2)), np.zeros((40, 1))
    modelo = Secuencial(CapaDensa(2, 1, semilla=0))
    optimizador = SGD(modelo.parameters(), 0.1)
    calendario = CalentamientoCoseno(optimizador, 4, 20)
    historial = entrenar(
        modelo,
        ErrorCuadraticoMedio(),
        optimizador,
        (X, y),
        epocas=2,
        tamano_lote=4,
        barra_progreso=False,
        calendario=calendario,
        calendario_por_lote=True,
    )
    assert calendario.epoca == 20  # 10 lotes por época × 2 épocas: un paso por lote
    assert historial["tasa_aprendizaje"] == [
        pytest.approx(calendario.tasa_en(0)),
        pytest.approx(calendario.tasa_en(10)),
    ]


class _Registro(Capa):
    """Apunta cada lote que ve y deja pasar la entrada (con un peso para que haya algo que entrenar)."""

    def __init__(self):
        super().__init__()
        self.w = Parametro(np.ones(1), "w")
        self.vistos: list[np.ndarray] = []

    def forward(self, x):
        self.vistos.append(np.array(x))
        self.x = x
        return x[:, :1] * self.w.datos

    def backward(self, g):
        self.w.grad += (g * self.x[:, :1]).sum(axis=0)
        return None


def test_entrenar_puede_conservar_el_orden_y_los_enteros():
    X = np.arange(20).reshape(10, 2)  # enteros: ids de tokens
    y = np.zeros((10, 1))
    capa = _Registro()

    def lotes_vistos(**opciones):
        capa.vistos.clear()
        optimizador = SGD(capa.parameters(), 0.001)
        entrenar(capa, ErrorCuadraticoMedio(), optimizador, (X, y), epocas=1, tamano_lote=4,
                 barra_progreso=False, **opciones)
        return capa.vistos

    en_orden = lotes_vistos(barajar=False)
    assert all(np.issubdtype(lote.dtype, np.integer) for lote in en_orden)
    assert np.array_equal(np.concatenate(en_orden), X)  # en su orden
    barajados = lotes_vistos()
    assert not np.array_equal(np.concatenate(barajados), X)  # barajado por defecto
    assert np.issubdtype(barajados[0].dtype, np.integer)
    capa.vistos.clear()
    predecir(capa, X)
    assert np.issubdtype(capa.vistos[0].dtype, np.integer)


def test_parada_temprana_sabe_el_sentido_de_su_metrica():
    assert ParadaTemprana(monitor="rmse_val").modo == "min"  # antes se maximizaba
    assert ParadaTemprana(monitor="mse_val").modo == "min"
    assert ParadaTemprana(monitor="exactitud_val").modo == "max"
    assert ParadaTemprana(monitor="mi_metrica", modo="max").modo == "max"
    with pytest.raises(ValueError, match="indica modo='min'"):
        ParadaTemprana(monitor="mi_metrica")
    with pytest.raises(ValueError, match="modo debe ser 'min'"):
        modo_de_monitor("perdida", "menor")
    # en entrenar: una métrica propia que hay que minimizar
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X @ np.array([1.0, 2.0])).reshape(-1, 1)
    modelo = Secuencial(CapaDensa(2, 1, semilla=0))

    def rmse(p, t):
        return math.sqrt(float(np.mean((p - t) ** 2)))

    historial = entrenar(
        modelo,
        ErrorCuadraticoMedio(),
        SGD(modelo.parameters(), 0.05),
        (X[:40], y[:40]),
        (X[40:], y[40:]),
        epocas=15,
        metricas={"rmse": rmse},
        barra_progreso=False,
        parada_temprana=ParadaTemprana(paciencia=3, monitor="rmse_val"),
    )
    assert historial.mejor_valor == min(historial["rmse_val"])
    with pytest.raises(ValueError, match="indica modo"):
        entrenar(
            modelo,
            ErrorCuadraticoMedio(),
            SGD(modelo.parameters(), 0.05),
            (X, y),
            (X, y),
            epocas=1,
            metricas={"desvio": rmse},
            monitor="desvio_val",
            barra_progreso=False,
        )


def test_predecir_clases_respeta_el_modo_evaluacion():
    modelo = Secuencial(CapaDensa(3, 4, semilla=0), Dropout(0.9, semilla=0), CapaDensa(4, 2, semilla=1))
    X = np.random.default_rng(0).normal(size=(50, 3))
    assert np.array_equal(predecir_clases(modelo, X), predecir_clases(modelo, X))
    assert modelo.entrenando  # vuelve al modo en que estaba
