"""Lab06: construir modelos, el bucle ``entrenar`` (frente a PyTorch), la parada temprana y guardar/cargar."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from Lab03_Funciones_Activacion.codigo import ReLU, Tanh
from Lab04_Funciones_Perdida.codigo import (
    EntropiaCruzada,
    EntropiaCruzadaBinaria,
    ErrorCuadraticoMedio,
    exactitud_salidas,
)
from Lab05_Backpropagation.codigo import CapaDensa, error_relativo
from Lab06_Entrenamiento.codigo import (
    SGD,
    Adam,
    BatchNorm1d,
    CalendarioEscalones,
    Dropout,
    Historial,
    ParadaTemprana,
    cargar,
    construir_mlp,
    copiar_estado,
    entrenar,
    evaluar,
    guardar,
    predecir,
    predecir_clases,
    predecir_probabilidades,
    preparar_datos,
)


@pytest.fixture(scope="module")
def digitos():
    return preparar_datos("digitos", semilla=0)


@pytest.fixture(scope="module")
def cancer():
    return preparar_datos("cancer_mama", semilla=0)


# --- modelos ----------------------------------------------------------------------
def test_construir_mlp_estructura():
    m = construir_mlp([5, 8, 6, 3], activacion="tanh", dropout=0.2, batchnorm=True, semilla=0)
    tipos = [type(c) for c in m]
    assert tipos == [CapaDensa, BatchNorm1d, Tanh, Dropout, CapaDensa, BatchNorm1d, Tanh, Dropout, CapaDensa]
    assert m.num_parametros() == (5 * 8 + 8) + 2 * 8 + (8 * 6 + 6) + 2 * 6 + (6 * 3 + 3)
    simple = construir_mlp([4, 3], semilla=0)
    assert [type(c) for c in simple] == [CapaDensa]
    a, b = construir_mlp([4, 7, 2], semilla=1), construir_mlp([4, 7, 2], semilla=1)
    assert np.array_equal(a[0].W.datos, b[0].W.datos) and isinstance(a[1], ReLU)
    assert construir_mlp([4, 2], dtype=np.float32)[0].W.datos.dtype == np.float32


def test_construir_mlp_errores():
    with pytest.raises(ValueError, match="al menos dos enteros"):
        construir_mlp([5])
    with pytest.raises(ValueError, match="al menos dos enteros"):
        construir_mlp([5, 0, 2])
    with pytest.raises(ValueError, match="dropout"):
        construir_mlp([5, 2], dropout=1.0)
    with pytest.raises(ValueError, match="activación desconocida"):
        construir_mlp([5, 3, 2], activacion="sinusoide")


def test_predecir_usa_modo_evaluacion_y_lo_restaura():
    m = construir_mlp([3, 50, 4], dropout=0.5, semilla=0)
    X = np.random.default_rng(0).normal(size=(7, 3))
    m.train()
    a, b = predecir(m, X), predecir(m, X, tamano_lote=2)
    assert np.allclose(a, b) and m.entrenando and m[2].entrenando  # sin dropout y modo restaurado
    p = predecir_probabilidades(m, X)
    assert p.shape == (7, 4) and np.allclose(p.sum(1), 1)
    assert np.array_equal(predecir_clases(m, X), a.argmax(1))
    binario = construir_mlp([3, 1], semilla=0)
    logits = predecir(binario, X)[:, 0]
    assert np.allclose(predecir_probabilidades(binario, X), 1 / (1 + np.exp(-logits)))
    assert np.array_equal(predecir_clases(binario, X), (logits >= 0).astype(int))
    with pytest.raises(ValueError, match="al menos un ejemplo"):
        predecir(m, np.zeros((0, 3)))
    for malo in (0, -2, 2.5, True):
        with pytest.raises(ValueError, match="tamano_lote"):
            predecir(m, X, tamano_lote=malo)
    assert m.entrenando  # el error llega antes de cambiar de modo


# --- entrenar frente a PyTorch ------------------------------------------------------
def _torch_de(modelo):
    capas = []
    for capa in modelo:
        if isinstance(capa, CapaDensa):
            lineal = torch.nn.Linear(capa.n_entradas, capa.n_salidas).double()
            with torch.no_grad():
                lineal.weight.copy_(torch.tensor(capa.W.datos.T))
                lineal.bias.copy_(torch.tensor(capa.b.datos))
            capas.append(lineal)
        elif isinstance(capa, BatchNorm1d):
            bn = torch.nn.BatchNorm1d(capa.n_rasgos, momentum=capa.momento, eps=capa.epsilon)
            capas.append(bn.double())
        else:
            capas.append({ReLU: torch.nn.ReLU, Tanh: torch.nn.Tanh}[type(capa)]())
    return torch.nn.Sequential(*capas)


@pytest.mark.parametrize("caso", ["sgd_momento_l2", "adam_batchnorm_calendario"])
def test_entrenar_igual_que_un_bucle_de_pytorch(caso):
    """Mismos pesos iniciales y mismos lotes: tras 3 épocas, los pesos coinciden con PyTorch."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(70, 5)), rng.integers(0, 3, size=70)
    batchnorm = caso.startswith("adam")
    modelo = construir_mlp([5, 8, 3], activacion="tanh", batchnorm=batchnorm, semilla=1)
    red = _torch_de(modelo)
    l2 = 0.0 if batchnorm else 0.01
    if batchnorm:
        opt = Adam(modelo.parameters(), 0.01)
        opt_t = torch.optim.Adam(red.parameters(), lr=0.01)
        cal, cal_t = CalendarioEscalones(opt, 2, 0.5), torch.optim.lr_scheduler.StepLR(opt_t, 2, 0.5)
    else:
        opt = SGD(modelo.parameters(), 0.1, momento=0.9)
        opt_t = torch.optim.SGD(red.parameters(), lr=0.1, momentum=0.9)
        cal = cal_t = None
    historial = entrenar(modelo, EntropiaCruzada(), opt, (X, y), epocas=3, tamano_lote=16, semilla=7,
                         barra_progreso=False, l2=l2, calendario=cal)
    orden = np.random.default_rng(7)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    perdidas = []
    for _ in range(3):
        permutacion = orden.permutation(70)
        suma = 0.0
        for i in range(0, 70, 16):
            indices = torch.tensor(permutacion[i:i + 16])
            opt_t.zero_grad()
            valor = torch.nn.functional.cross_entropy(red(Xt[indices]), yt[indices])
            valor = valor + 0.5 * l2 * sum((m.weight**2).sum() for m in red if isinstance(m, torch.nn.Linear))
            valor.backward()
            opt_t.step()
            suma += valor.item() * len(indices)
        perdidas.append(suma / 70)
        if cal_t is not None:
            cal_t.step()
    assert error_relativo(np.array(historial["perdida"]), np.array(perdidas)) <= 1e-10
    lineales = [m for m in red if isinstance(m, torch.nn.Linear)]
    for i, (capa, lineal) in enumerate(zip([c for c in modelo if isinstance(c, CapaDensa)], lineales)):
        assert error_relativo(capa.W.datos, lineal.weight.detach().numpy().T) <= 1e-10
        if batchnorm and i == 0:
            # Un sesgo justo antes de BatchNorm no sirve (se resta con la media): su gradiente es 0
            # salvo por redondeo, en los dos.
            assert np.abs(capa.b.datos).max() < 1e-8 and lineal.bias.abs().max().item() < 1e-8
        else:
            assert error_relativo(capa.b.datos, lineal.bias.detach().numpy()) <= 1e-10
    if batchnorm:
        assert error_relativo(modelo[1].media_movil, red[1].running_mean.numpy()) <= 1e-10
        assert error_relativo(modelo[1].gamma.datos, red[1].weight.detach().numpy()) <= 1e-10
        assert historial["tasa_aprendizaje"] == [0.01, 0.01, 0.005]


def test_digitos_supera_97_por_ciento(digitos):
    modelo = construir_mlp([64, 64, 10], semilla=0)
    historial = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.005), digitos.entrenamiento,
                         digitos.validacion, epocas=15, tamano_lote=32, metricas=["exactitud"],
                         barra_progreso=False)
    assert exactitud_salidas(predecir(modelo, digitos.prueba[0]), digitos.prueba[1]) >= 0.97
    assert set(historial) == {"tasa_aprendizaje", "perdida", "exactitud", "perdida_val", "exactitud_val"}
    assert all(len(v) == 15 for v in historial.values()) and historial.epocas == 15
    assert historial["perdida"][-1] < historial["perdida"][0] / 5


def test_cancer_binario_supera_95_por_ciento(cancer):
    modelo = construir_mlp([30, 16, 1], semilla=0)
    perdida = EntropiaCruzadaBinaria(desde_logits=True)
    entrenar(modelo, perdida, Adam(modelo.parameters(), 0.01), cancer.entrenamiento, epocas=15,
             metricas=["exactitud"], barra_progreso=False)
    resultado = evaluar(modelo, perdida, *cancer.prueba, ["exactitud"])
    assert resultado["exactitud"] >= 0.95 and set(resultado) == {"perdida", "exactitud"}


def test_mejor_epoca_checkpoint_y_restaurar(digitos, tmp_path):
    X, y = digitos.entrenamiento[0][:200], digitos.entrenamiento[1][:200]
    ruta = tmp_path / "mejor.npz"
    modelo = construir_mlp([64, 128, 10], semilla=0)
    h = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.03), (X, y), digitos.validacion,
                 epocas=12, tamano_lote=16, barra_progreso=False, ruta_checkpoint=ruta,
                 restaurar_mejores=True)
    assert h.monitor == "perdida_val" and h.mejor_epoca == int(np.argmin(h["perdida_val"])) + 1
    assert h.mejor_epoca < 12  # con una tasa tan grande, la mejor época no es la última
    copia = cargar(construir_mlp([64, 128, 10], semilla=5), ruta)
    assert np.allclose(predecir(copia, X), predecir(modelo, X))
    perdida_val = evaluar(modelo, EntropiaCruzada(), *digitos.validacion)["perdida"]
    assert perdida_val == pytest.approx(h.mejor_valor, rel=1e-12)


def test_parada_temprana_detiene_y_restaura(digitos, capsys):
    X, y = digitos.entrenamiento[0][:200], digitos.entrenamiento[1][:200]
    modelo = construir_mlp([64, 128, 10], semilla=0)
    parada = ParadaTemprana(paciencia=3, monitor="perdida_val")
    h = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.01), (X, y), digitos.validacion,
                 epocas=100, tamano_lote=16, barra_progreso=False, parada_temprana=parada, imprimir_cada=50)
    assert h.detenido_en is not None and h.epocas == h.detenido_en < 100
    assert h.detenido_en == h.mejor_epoca + 3 == parada.mejor_epoca + 3
    assert evaluar(modelo, EntropiaCruzada(), *digitos.validacion)["perdida"] == pytest.approx(h.mejor_valor)
    assert "Parada temprana en la época" in capsys.readouterr().out


def test_parada_temprana_usa_su_propio_monitor(digitos):
    """La mejor época se elige por exactitud_val, pero la parada vigila perdida_val (su monitor)."""
    X, y = digitos.entrenamiento[0][:200], digitos.entrenamiento[1][:200]
    modelo = construir_mlp([64, 128, 10], semilla=0)
    parada = ParadaTemprana(paciencia=3, monitor="perdida_val", restaurar_mejores=False)
    h = entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.01), (X, y), digitos.validacion,
                 epocas=100, tamano_lote=16, metricas=["exactitud"], monitor="exactitud_val",
                 barra_progreso=False, parada_temprana=parada)
    assert h.monitor == "exactitud_val" and h.mejor_valor == max(h["exactitud_val"])
    assert parada.mejor_epoca == int(np.argmin(h["perdida_val"])) + 1
    assert h.detenido_en == parada.mejor_epoca + 3 < 100
    with pytest.raises(ValueError, match="el monitor de parada_temprana='perdida_val'.*datos_validacion"):
        entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters(), 0.01), (X, y), monitor="perdida",
                 parada_temprana=ParadaTemprana(), barra_progreso=False)


def test_monitor_exactitud_y_metricas_propias():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, size=40)
    modelo = construir_mlp([3, 4, 2], semilla=0)

    def error_clasificacion(prediccion, objetivo):
        return float(np.mean(prediccion.argmax(1) != objetivo))

    h = entrenar(modelo, EntropiaCruzada(), SGD(modelo.parameters(), 0.1), (X, y), (X, y), epocas=4,
                 metricas=["exactitud", error_clasificacion], monitor="exactitud_val", barra_progreso=False)
    assert np.allclose(np.array(h["exactitud"]) + np.array(h["error_clasificacion"]), 1.0)
    assert h.mejor_valor == max(h["exactitud_val"])
    assert "exactitud_val" in h.linea(2) and h.linea().startswith("época   4 |")


def test_regresion_con_mse():
    datos = preparar_datos("diabetes", semilla=0)
    modelo = construir_mlp([10, 16, 1], semilla=0)
    h = entrenar(modelo, ErrorCuadraticoMedio(), Adam(modelo.parameters(), 0.01), datos.entrenamiento,
                 datos.validacion, epocas=10, metricas=["error_absoluto_medio"], barra_progreso=False)
    assert h["perdida_val"][-1] < 0.7 and "error_absoluto_medio_val" in h


def test_divergencia_se_detecta_sin_avisos(capsys):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 4)) * 10, rng.normal(size=(64, 1)) * 1e3
    modelo = construir_mlp([4, 32, 32, 1], semilla=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = entrenar(modelo, ErrorCuadraticoMedio(), SGD(modelo.parameters(), 10.0), (X, y), epocas=20,
                     barra_progreso=False)
    assert h.divergio and h.epocas < 20
    assert len(h["tasa_aprendizaje"]) == h.epocas
    assert "diverge" in capsys.readouterr().out


def test_barra_de_progreso_no_cambia_el_resultado(capsys):
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(30, 3)), rng.integers(0, 3, size=30)
    resultados = []
    for barra in (True, False):
        modelo = construir_mlp([3, 5, 3], semilla=0)
        resultados.append(entrenar(modelo, EntropiaCruzada(), Adam(modelo.parameters()), (X, y), epocas=3,
                                   barra_progreso=barra)["perdida"])
    assert resultados[0] == resultados[1]
    assert "entrenando" in capsys.readouterr().err


def test_entrenar_errores():
    X, y = np.zeros((10, 3)), np.zeros(10, dtype=int)
    modelo = construir_mlp([3, 2], semilla=0)
    opt = SGD(modelo.parameters(), 0.1)
    perdida = EntropiaCruzada()
    with pytest.raises(TypeError, match="pareja"):
        entrenar(modelo, perdida, opt, X, barra_progreso=False)
    with pytest.raises(ValueError, match="mismo número"):
        entrenar(modelo, perdida, opt, (X, y[:4]), barra_progreso=False)
    with pytest.raises(ValueError, match="epocas"):
        entrenar(modelo, perdida, opt, (X, y), epocas=0, barra_progreso=False)
    with pytest.raises(TypeError, match="optimizador del Lab06"):
        entrenar(modelo, perdida, torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1), (X, y))
    with pytest.raises(TypeError, match="forward y backward"):
        entrenar(modelo, lambda p, y: 0.0, opt, (X, y))
    with pytest.raises(ValueError, match="faltan datos_validacion"):
        entrenar(modelo, perdida, opt, (X, y), monitor="perdida_val")
    with pytest.raises(ValueError, match="métrica desconocida"):
        entrenar(modelo, perdida, opt, (X, y), metricas=["auc"])
    with pytest.raises(ValueError, match="etiqueta fuera de rango"):
        entrenar(modelo, perdida, opt, (X, y + 5), barra_progreso=False)
    # con BatchNorm, un último lote de 1 ejemplo no tiene varianza: el error dice qué cambiar
    con_bn = construir_mlp([3, 4, 2], batchnorm=True, semilla=0)
    with pytest.raises(ValueError, match="último lote de la época.*cambia tamano_lote"):
        entrenar(con_bn, perdida, SGD(con_bn.parameters(), 0.1), (X, y), tamano_lote=3, barra_progreso=False)
    assert isinstance(Historial("perdida"), dict)


# --- guardar y cargar ---------------------------------------------------------------
def _modelo_con_estado():
    m = construir_mlp([4, 6, 3], batchnorm=True, semilla=0)
    entrenar(m, EntropiaCruzada(), Adam(m.parameters(), 0.05), (np.random.default_rng(0).normal(size=(32, 4)),
             np.arange(32) % 3), epocas=2, barra_progreso=False)
    return m


def test_guardar_y_cargar_recupera_pesos_y_medias_moviles(tmp_path):
    m = _modelo_con_estado()
    ruta = guardar(m, tmp_path / "pesos")
    assert ruta.name == "pesos.npz" and ruta.exists()
    nuevo = construir_mlp([4, 6, 3], batchnorm=True, semilla=9)
    assert not np.allclose(nuevo[1].media_movil, m[1].media_movil)
    assert cargar(nuevo, ruta) is nuevo
    X = np.random.default_rng(1).normal(size=(5, 4))
    assert np.array_equal(predecir(nuevo, X), predecir(m, X))
    assert np.array_equal(nuevo[1].varianza_movil, m[1].varianza_movil)
    # sobrescribir deja sólo el archivo nuevo (se escribe aparte y se renombra: sin temporales)
    assert guardar(nuevo, ruta) == ruta and sorted(p.name for p in tmp_path.iterdir()) == ["pesos.npz"]


def test_cargar_archivo_incompatible_o_danado_no_toca_el_modelo(tmp_path):
    m = _modelo_con_estado()
    ruta = guardar(m, tmp_path / "pesos.npz")
    otro = construir_mlp([4, 7, 3], batchnorm=True, semilla=0)
    antes = copiar_estado(otro)  # parámetros y medias móviles
    with pytest.raises(ValueError, match="forma .* la arquitectura no coincide"):
        cargar(otro, ruta)
    sin_bn = construir_mlp([4, 6, 3], semilla=0)
    with pytest.raises(ValueError, match=r"trae '1.gamma'.*que el modelo no tiene"):
        cargar(sin_bn, ruta)
    danado = tmp_path / "danado.npz"
    danado.write_bytes(ruta.read_bytes()[:200])
    with pytest.raises(ValueError, match="dañado"):
        cargar(otro, danado)
    basura = tmp_path / "basura.npz"
    basura.write_bytes(b"esto no es un archivo npz" * 10)
    with pytest.raises(ValueError, match="dañado"):
        cargar(otro, basura)
    ajeno = tmp_path / "ajeno.npz"
    np.savez(ajeno, a=np.zeros(3))
    with pytest.raises(ValueError, match="no es un archivo de pesos"):
        cargar(otro, ajeno)
    npy = tmp_path / "suelto.npy"
    np.save(npy, np.zeros(3))
    with pytest.raises(ValueError, match="no es un .npz"):
        cargar(otro, npy)
    with pytest.raises(FileNotFoundError, match="no existe"):
        cargar(otro, tmp_path / "no_esta.npz")
    assert all(np.array_equal(antes[k], v) for k, v in copiar_estado(otro).items())
    # misma arquitectura: el archivo encaja, pero está dañado o trae valores imposibles
    igual = construir_mlp([4, 6, 3], batchnorm=True, semilla=5)
    antes = copiar_estado(igual)
    contenido = bytearray(ruta.read_bytes())
    contenido[len(contenido) // 2] ^= 0xFF  # un byte cambiado en medio de los datos: falla el CRC
    volteado = tmp_path / "volteado.npz"
    volteado.write_bytes(bytes(contenido))
    with pytest.raises(ValueError, match="dañado"):
        cargar(igual, volteado)
    with np.load(ruta) as archivo:
        original = dict(archivo)
    ultimo = "1.varianza_movil"  # un buffer
    for nombre, valor, mensaje in [
        ("con_nan", np.full_like(original[ultimo], np.nan), "NaN"),
        ("complejo", original[ultimo].astype(complex), "números reales"),
        ("texto", np.full(original[ultimo].shape, "x"), "números reales"),
    ]:
        malo = tmp_path / f"{nombre}.npz"
        np.savez(malo, **{**original, ultimo: valor})
        with pytest.raises(ValueError, match=mensaje):
            cargar(igual, malo)
    sin_uno = tmp_path / "incompleto.npz"
    np.savez(sin_uno, **{k: v for k, v in original.items() if k != "0.W"})
    with pytest.raises(ValueError, match=r"el modelo tiene '0.W' y el archivo 'incompleto.npz' no"):
        cargar(igual, sin_uno)
    antiguo = tmp_path / "antiguo.npz"
    np.savez(antiguo, **{**original, "__formato__": np.array("curso-deep-learning/lab06/v1")})
    with pytest.raises(ValueError, match="versión anterior"):
        cargar(igual, antiguo)
    with pytest.raises(ValueError, match="dañado"):
        cargar(igual, tmp_path)  # una carpeta, no un archivo
    assert all(np.array_equal(antes[k], v) for k, v in copiar_estado(igual).items())
    with pytest.raises(TypeError, match="named_parameters"):
        guardar("modelo", tmp_path / "x.npz")


def test_copiar_y_restaurar_estado_y_buffers():
    from Lab06_Entrenamiento.codigo import copiar_estado, restaurar_estado

    m = _modelo_con_estado()
    assert [b is m[1].media_movil for b in m.buffers()] == [True, False]
    estado = copiar_estado(m)
    assert list(estado) == ["0.W", "0.b", "1.gamma", "1.beta", "3.W", "3.b",
                            "1.media_movil", "1.varianza_movil"]
    X = np.random.default_rng(2).normal(size=(6, 4))
    antes = predecir(m, X)
    for p in m.parameters():
        p.datos += 1.0
    m[1].media_movil += 3.0
    assert not np.allclose(predecir(m, X), antes)
    restaurar_estado(m, estado)
    assert np.array_equal(predecir(m, X), antes)
    with pytest.raises(ValueError, match="el modelo tiene '1.varianza_movil' y el estado no"):
        restaurar_estado(m, {k: v for k, v in estado.items() if k != "1.varianza_movil"})
    with pytest.raises(ValueError, match="NaN"):
        restaurar_estado(m, {k: np.full_like(a, np.nan) for k, a in estado.items()})


def test_preparar_metricas():
    from Lab06_Entrenamiento.codigo import METRICAS, preparar_metricas

    assert preparar_metricas(None) == {} and set(METRICAS) == {"exactitud", "error_absoluto_medio"}
    logits = np.array([[-1.0], [2.0], [0.3]])
    y = np.array([[0.0], [1.0], [0.0]])
    con_logits = preparar_metricas("exactitud", EntropiaCruzadaBinaria(desde_logits=True))["exactitud"]
    con_probabilidades = preparar_metricas(["exactitud"], EntropiaCruzadaBinaria())["exactitud"]
    assert con_logits(logits, y) == pytest.approx(2 / 3)  # umbral 0: el logit 0.3 cuenta como clase 1
    assert con_probabilidades(logits, y) == pytest.approx(1.0)  # umbral 0.5
    propias = preparar_metricas({"mae": METRICAS["error_absoluto_medio"]})
    assert propias["mae"](np.array([1.0, 3.0]), np.array([2.0, 3.0])) == 0.5
    with pytest.raises(TypeError, match="no es una función"):
        preparar_metricas({"rara": 3})
    with pytest.raises(ValueError, match="reservado"):
        preparar_metricas({"perdida_extra": np.mean})


def test_clases_base_piden_su_formula():
    from Lab02_Primera_Red_Neuronal.codigo import Parametro
    from Lab06_Entrenamiento.codigo import Calendario, Optimizador

    opt = Optimizador([Parametro(np.zeros(2))], 0.1)
    with pytest.raises(NotImplementedError, match="_actualizar"):
        opt.step()
    with pytest.raises(NotImplementedError, match="tasa_en"):
        Calendario(SGD([Parametro(np.zeros(1))], 0.1))
