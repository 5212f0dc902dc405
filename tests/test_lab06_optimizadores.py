"""Lab06: optimizadores y calendarios de la tasa de aprendizaje frente a torch.optim."""

from __future__ import annotations

import math
import warnings
import zlib

import numpy as np
import pytest
import torch

from Lab02_Primera_Red_Neuronal.codigo import Parametro
from Lab05_Backpropagation.codigo import error_relativo
from Lab06_Entrenamiento.codigo import (
    OPTIMIZADORES,
    SGD,
    AdaGrad,
    Adam,
    AdamW,
    CalendarioCoseno,
    CalendarioEscalones,
    CalendarioExponencial,
    CalendarioLambda,
    CalentamientoLineal,
    RMSprop,
    calentamiento_coseno,
    crear_optimizador,
)

# (clase nuestra, argumentos nuestros, clase de torch, argumentos de torch)
CASOS = [
    ("sgd", SGD, dict(tasa_aprendizaje=0.1), torch.optim.SGD, dict(lr=0.1)),
    ("sgd_momento", SGD, dict(tasa_aprendizaje=0.05, momento=0.9), torch.optim.SGD,
     dict(lr=0.05, momentum=0.9)),
    ("sgd_nesterov_l2", SGD, dict(tasa_aprendizaje=0.05, momento=0.8, nesterov=True, decaimiento_pesos=0.01),
     torch.optim.SGD, dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)),
    ("adagrad", AdaGrad, dict(tasa_aprendizaje=0.1, decaimiento_pesos=0.001), torch.optim.Adagrad,
     dict(lr=0.1, weight_decay=0.001)),
    ("adagrad_acumulador", AdaGrad, dict(tasa_aprendizaje=0.2, acumulador_inicial=0.1, epsilon=1e-8),
     torch.optim.Adagrad, dict(lr=0.2, initial_accumulator_value=0.1, eps=1e-8)),
    ("rmsprop", RMSprop, dict(tasa_aprendizaje=0.01), torch.optim.RMSprop, dict(lr=0.01)),
    ("rmsprop_centrado_momento", RMSprop,
     dict(tasa_aprendizaje=0.005, alfa=0.9, momento=0.5, centrado=True, decaimiento_pesos=0.02),
     torch.optim.RMSprop, dict(lr=0.005, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.02)),
    ("adam", Adam, dict(tasa_aprendizaje=0.01), torch.optim.Adam, dict(lr=0.01)),
    ("adam_l2_amsgrad", Adam, dict(tasa_aprendizaje=0.02, betas=(0.8, 0.99), epsilon=1e-6,
                                   decaimiento_pesos=0.05, amsgrad=True),
     torch.optim.Adam, dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05, amsgrad=True)),
    ("adamw", AdamW, dict(tasa_aprendizaje=0.01), torch.optim.AdamW, dict(lr=0.01)),
    ("adamw_fuerte", AdamW, dict(tasa_aprendizaje=0.03, decaimiento_pesos=0.3, betas=(0.5, 0.9)),
     torch.optim.AdamW, dict(lr=0.03, weight_decay=0.3, betas=(0.5, 0.9))),
]


@pytest.mark.parametrize("nombre, clase, args, clase_torch, args_torch", CASOS, ids=[c[0] for c in CASOS])
def test_optimizador_igual_que_torch_paso_a_paso(nombre, clase, args, clase_torch, args_torch):
    """Mismos parámetros y gradientes → mismas actualizaciones que torch.optim, 25 pasos seguidos."""
    rng = np.random.default_rng(zlib.crc32(nombre.encode()))  # hash() cambia en cada proceso
    formas = [(4, 3), (3,), (2, 5, 2)]
    iniciales = [rng.normal(size=f) for f in formas]
    nuestros = [Parametro(v.copy(), f"p{i}") for i, v in enumerate(iniciales)]
    suyos = [torch.tensor(v.copy(), requires_grad=True) for v in iniciales]
    opt, opt_torch = clase(nuestros, **args), clase_torch(suyos, **args_torch)
    for _ in range(25):
        for p, t in zip(nuestros, suyos):
            g = rng.normal(size=p.forma) * rng.choice([0.01, 1.0, 30.0])
            p.grad = g.copy()
            t.grad = torch.tensor(g.copy())
        opt.step()
        opt_torch.step()
        for p, t in zip(nuestros, suyos):
            assert error_relativo(p.datos, t.detach().numpy()) <= 1e-10, nombre
    # y de verdad se han movido (la prueba podría fallar)
    assert max(np.abs(p.datos - v).max() for p, v in zip(nuestros, iniciales)) > 1e-3


def test_step_actualiza_en_su_sitio_y_zero_grad():
    p = Parametro(np.ones((2, 2)))
    datos = p.datos
    opt = SGD([p], tasa_aprendizaje=0.5)
    p.grad = np.full((2, 2), 2.0)
    opt.step()
    assert p.datos is datos and np.allclose(datos, 0.0)
    opt.zero_grad()
    assert np.all(p.grad == 0)


def test_float32_se_conserva():
    p = Parametro(np.ones(3, dtype=np.float32))
    opt = Adam([p], 0.1)
    p.grad = np.ones(3, dtype=np.float32)
    opt.step()
    assert p.datos.dtype == np.float32 and np.allclose(p.datos, 0.9)


def test_adam_primer_paso_mueve_tasa_aprendizaje():
    """Con la corrección de sesgo, el primer paso de Adam mide exactamente η·signo(g)."""
    p = Parametro(np.zeros(4))
    opt = Adam([p], 0.01, epsilon=0.0)
    p.grad = np.array([1e-4, -3.0, 50.0, -0.2])
    opt.step()
    assert np.allclose(p.datos, -0.01 * np.sign(p.grad))


@pytest.mark.parametrize("clase", list(OPTIMIZADORES.values()))
def test_todos_bajan_una_cuadratica(clase):
    """f(θ) = ½‖θ − c‖²: todos los optimizadores se acercan al mínimo."""
    c = np.array([3.0, -2.0])
    p = Parametro(np.zeros(2))
    opt = clase([p], tasa_aprendizaje=0.1)
    for _ in range(300):
        p.grad = p.datos - c
        opt.step()
    assert np.linalg.norm(p.datos - c) < 0.5 * np.linalg.norm(c)


def test_crear_optimizador_y_repr():
    p = Parametro(np.zeros(2))
    opt = crear_optimizador("Adam", [p], tasa_aprendizaje=0.01)
    assert isinstance(opt, Adam) and "Adam(tasa_aprendizaje=0.01" in repr(opt)
    assert "momento=0.9" in repr(SGD([p], 0.1, momento=0.9))
    with pytest.raises(ValueError, match="optimizador desconocido"):
        crear_optimizador("lbfgs", [p])


def test_errores_claros():
    p = Parametro(np.zeros(2))
    with pytest.raises(ValueError, match="vacía"):
        SGD([], 0.1)
    with pytest.raises(TypeError, match="lista de Parametro"):
        SGD(p, 0.1)
    with pytest.raises(TypeError, match="el elemento 1 es ndarray"):
        SGD([p, np.zeros(2)], 0.1)
    assert SGD([p, p], 0.1).parametros == [p]  # un parámetro compartido se actualiza una vez
    with pytest.raises(ValueError, match="tasa_aprendizaje"):
        SGD([p], -0.1)
    with pytest.raises(TypeError, match="tasa_aprendizaje"):
        SGD([p], "0.1")
    with pytest.raises(ValueError, match="nesterov"):
        SGD([p], 0.1, nesterov=True)
    with pytest.raises(ValueError, match="β₂"):
        Adam([p], 0.1, betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="pareja"):
        Adam([p], 0.1, betas=0.9)
    with pytest.raises(ValueError, match="alfa"):
        RMSprop([p], 0.1, alfa=1.5)
    opt = SGD([p], 0.1)
    p.grad = np.zeros(3)
    with pytest.raises(ValueError, match="forma"):
        opt.step()


@pytest.mark.parametrize("clase", list(OPTIMIZADORES.values()))
def test_gradiente_con_forma_mala_no_cambia_nada(clase):
    """Si el gradiente del segundo parámetro tiene mala forma, el primero tampoco se mueve."""
    a, b = Parametro(np.ones(3), "a"), Parametro(np.ones((2, 2)), "b")
    opt = clase([a, b], tasa_aprendizaje=0.1)
    a.grad, b.grad = np.full(3, 0.5), np.full((2, 2), 0.5)
    opt.step()
    antes = (a.datos.copy(), b.datos.copy(), opt.pasos,
             [{k: v.copy() for k, v in e.items()} for e in opt.estado])
    a.grad, b.grad = np.full(3, 0.5), np.ones(4)
    with pytest.raises(ValueError, match=r"parámetro b tiene forma \(4,\), se esperaba \(2, 2\)"):
        opt.step()
    assert np.array_equal(a.datos, antes[0]) and np.array_equal(b.datos, antes[1])
    assert opt.pasos == antes[2]
    for estado, copia in zip(opt.estado, antes[3]):
        assert estado.keys() == copia.keys()
        assert all(np.array_equal(estado[k], copia[k]) for k in copia)


def test_rmsprop_centrado_con_gradiente_constante_sin_nan():
    """s − m² es una varianza que el redondeo puede hacer −1e-17: no debe salir NaN (torch sí lo da)."""
    g = np.array([0.1, 3.7, 1.3])
    p = Parametro(np.array([0.3, -1.7, 2.9]))
    t = torch.tensor(p.datos.copy(), requires_grad=True)
    opt = RMSprop([p], 0.001, alfa=0.9, centrado=True)
    opt_torch = torch.optim.RMSprop([t], lr=0.001, alpha=0.9, centered=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for paso in range(1000):
            p.grad, t.grad = g.copy(), torch.tensor(g)
            opt.step()
            opt_torch.step()
            if paso < 50:  # mientras s − m² no se cancela (α⁵⁰ ≈ 5e-3), los mismos pasos que torch
                assert error_relativo(p.datos, t.detach().numpy()) <= 1e-10
    assert np.all(np.isfinite(p.datos))
    assert not np.all(np.isfinite(t.detach().numpy()))  # torch.optim acaba en NaN


def test_sin_avisos_con_gradientes_extremos():
    p = Parametro(np.zeros(3))
    for clase in OPTIMIZADORES.values():
        opt = clase([p], tasa_aprendizaje=0.01)
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # el subdesbordamiento a 0 es inocuo
            for g in ([1e150, -1e150, 0.0], [1e-300, 0.0, -1e-300]):
                p.grad = np.array(g)
                opt.step()
        assert np.all(np.isfinite(p.datos))


# --- calendarios ------------------------------------------------------------------
def _tasas_torch(crear, epocas=30, lr=0.1):
    parametro = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([parametro], lr=lr)
    calendario = crear(opt)
    tasas = [opt.param_groups[0]["lr"]]
    for _ in range(epocas):
        opt.step()
        calendario.step()
        tasas.append(opt.param_groups[0]["lr"])
    return np.array(tasas)


def _tasas_nuestras(crear, epocas=30, lr=0.1):
    opt = SGD([Parametro(np.zeros(1))], tasa_aprendizaje=lr)
    calendario = crear(opt)
    tasas = [opt.tasa_aprendizaje]
    for _ in range(epocas):
        opt.step()
        calendario.step()
        tasas.append(calendario.ultima_tasa)
    return np.array(tasas), calendario


CALENDARIOS = [
    ("escalones", lambda o: CalendarioEscalones(o, tamano_paso=7, gamma=0.5),
     lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    ("exponencial", lambda o: CalendarioExponencial(o, gamma=0.9),
     lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("coseno", lambda o: CalendarioCoseno(o, t_max=20, tasa_minima=0.001),
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=20, eta_min=0.001)),
    ("coseno_tras_t_max", lambda o: CalendarioCoseno(o, t_max=6, tasa_minima=0.02),  # sube y baja otra vez
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=6, eta_min=0.02)),
    ("calentamiento", lambda o: CalentamientoLineal(o, factor_inicial=0.1, factor_final=1.0, iteraciones=8),
     lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=8)),
    ("lineal_descendente",
     lambda o: CalentamientoLineal(o, factor_inicial=1.0, factor_final=0.2, iteraciones=10),
     lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=1.0, end_factor=0.2, total_iters=10)),
    ("lambda", lambda o: CalendarioLambda(o, calentamiento_coseno(5, 25, 0.05)),
     lambda o: torch.optim.lr_scheduler.LambdaLR(o, calentamiento_coseno(5, 25, 0.05))),
]


@pytest.mark.parametrize("nombre, nuestro, suyo", CALENDARIOS, ids=[c[0] for c in CALENDARIOS])
def test_calendario_igual_que_torch(nombre, nuestro, suyo):
    esperado = _tasas_torch(suyo)
    obtenido, calendario = _tasas_nuestras(nuestro)
    assert error_relativo(obtenido, esperado) <= 1e-10, nombre
    assert len(set(np.round(obtenido, 12))) > 1  # la tasa cambia de verdad
    assert calendario.epoca == 30
    # tasas() da la misma lista sin tocar el optimizador
    assert error_relativo(np.array(calendario.tasas(31)), obtenido) <= 1e-12
    assert calendario.ultima_tasa == obtenido[-1]


def test_calentamiento_coseno_forma():
    f = calentamiento_coseno(4, 20, 0.0)
    assert [f(e) for e in range(4)] == [0.25, 0.5, 0.75, 1.0]
    assert f(12) == pytest.approx(0.5) and f(20) == pytest.approx(0.0) and f(100) == pytest.approx(0.0)


def test_calendarios_errores():
    opt = SGD([Parametro(np.zeros(1))], 0.1)
    with pytest.raises(TypeError, match="optimizador del Lab06"):
        CalendarioExponencial(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1), 0.9)
    with pytest.raises(ValueError, match="tamano_paso"):
        CalendarioEscalones(opt, 0)
    with pytest.raises(ValueError, match="gamma"):
        CalendarioExponencial(opt, 1.5)
    with pytest.raises(ValueError, match="t_max"):
        CalendarioCoseno(opt, -3)
    with pytest.raises(TypeError, match="invocable"):
        CalendarioLambda(opt, 3)
    with pytest.raises(ValueError, match="factor finito"):
        CalendarioLambda(opt, lambda e: math.nan)
    with pytest.raises(ValueError, match="mayor que epocas_calentamiento"):
        calentamiento_coseno(10, 5)
