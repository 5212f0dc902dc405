"""Pruebas del Lab10 (PyTorch): LeNet, VGG, ResNet y MLP; aumento de datos; el experimento de
desplazamiento; transferencia; y el script de tiempos (sin afirmaciones sobre tiempos)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from Lab08_Frameworks_DeepLearning.codigo import (
    crear_cargador,
    entrenar_torch,
    evaluar_torch,
    mismos_hilos,
    mover,
    seleccionar_dispositivo,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo.aumento import (
    Aumento,
    desplazar,
    girar,
    rotar,
    ruido,
    trasladar,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo.datos import cargar_digitos_imagenes
from Lab10_Redes_Neuronales_Convolucionales.codigo.experimentos import (
    experimento_desplazamiento,
    preparar_transferencia,
    tabla_desplazamiento,
    transferencia,
)
from Lab10_Redes_Neuronales_Convolucionales.codigo.modelos_torch import (
    BloqueResidualTorch,
    CNNGlobal,
    LeNetTorch,
    MLPImagenes,
    ResNetPequena,
    VGGPequena,
    bloque_vgg,
    contar_parametros,
)

RAIZ = Path(__file__).resolve().parents[1]
DISPOSITIVOS = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


@pytest.fixture(autouse=True, scope="module")
def un_hilo():
    """Un hilo de CPU: en una máquina compartida, más hilos que núcleos libres hacen todo más lento."""
    with mismos_hilos(1):
        yield


# --- modelos ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fabrica", [LeNetTorch, lambda: LeNetTorch(agrupado=1), CNNGlobal, VGGPequena, ResNetPequena]
)
@pytest.mark.parametrize("lado", [8, 16])
def test_modelos_convolucionales_en_8x8_y_16x16(fabrica, lado):
    modelo = fabrica()
    assert modelo(torch.zeros(3, 1, lado, lado)).shape == (3, 10)
    assert modelo.rasgos(torch.zeros(2, 1, lado, lado)).shape[0] == 2


def test_parametros_de_lenet_contados_a_mano():
    # conv1: 16 filtros de 1×3×3 + 16 sesgos; conv2: 32 de 16×3×3 + 32; cabeza: (32·2·2)·10 + 10
    assert contar_parametros(LeNetTorch()) == (9 * 1 + 1) * 16 + (9 * 16 + 1) * 32 + (32 * 4 + 1) * 10 == 6090
    assert contar_parametros(LeNetTorch(agrupado=1)) == 160 + 4640 + (32 + 1) * 10
    assert contar_parametros(LeNetTorch(n_clases=5, canales=3, filtros=(4, 8))) == (
        (27 + 1) * 4 + (36 + 1) * 8 + (32 + 1) * 5
    )
    assert contar_parametros(CNNGlobal()) == 160 + 4640 + 330
    assert contar_parametros(MLPImagenes((1, 16, 16), (20,))) == 256 * 20 + 20 + 20 * 10 + 10


def test_lenet_semilla_y_canales():
    a, b, c = LeNetTorch(semilla=1), LeNetTorch(semilla=1), LeNetTorch(semilla=2)
    assert torch.equal(a.cabeza.weight, b.cabeza.weight) and not torch.equal(a.cabeza.weight, c.cabeza.weight)
    estado = torch.random.get_rng_state()
    LeNetTorch(semilla=5)
    assert torch.equal(torch.random.get_rng_state(), estado)  # no toca el generador global
    assert LeNetTorch(n_clases=3, canales=3)(torch.zeros(2, 3, 12, 10)).shape == (2, 3)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 1, H, W\)"):
        LeNetTorch()(torch.zeros(2, 3, 8, 8))
    with pytest.raises(ValueError, match="al menos 4×4"):
        LeNetTorch()(torch.zeros(2, 1, 2, 2))
    with pytest.raises(ValueError, match="filtros"):
        LeNetTorch(filtros=(4,))


def test_bloque_vgg_y_vgg():
    bloque = bloque_vgg(3, 8, 2)
    assert [type(m) for m in bloque] == [nn.Conv2d, nn.ReLU, nn.Conv2d, nn.ReLU, nn.MaxPool2d]
    assert bloque(torch.zeros(2, 3, 10, 10)).shape == (2, 8, 5, 5)
    assert contar_parametros(bloque) == (27 * 8 + 8) + (72 * 8 + 8)
    vgg = VGGPequena(n_clases=4, configuracion=[(8, 1), (8, 2), (16, 1)])
    assert vgg(torch.zeros(2, 1, 8, 8)).shape == (2, 4)
    with pytest.raises(ValueError, match="al menos 8×8"):
        vgg(torch.zeros(2, 1, 4, 4))
    with pytest.raises(ValueError, match="configuracion"):
        VGGPequena(configuracion=[])


def test_bloque_residual_identidad_y_proyeccion():
    x = torch.randn(4, 8, 9, 9)
    identidad = BloqueResidualTorch(8, 8)
    assert isinstance(identidad.atajo, nn.Identity) and identidad(x).shape == (4, 8, 9, 9)
    proyectado = BloqueResidualTorch(8, 16, paso=2)
    assert isinstance(proyectado.atajo, nn.Sequential) and proyectado.atajo[0].kernel_size == (1, 1)
    assert proyectado(x).shape == (4, 16, 5, 5)
    assert BloqueResidualTorch(8, 16)(x).shape == (4, 16, 9, 9)
    assert isinstance(BloqueResidualTorch(8, 8, proyeccion=True).atajo, nn.Sequential)
    with pytest.raises(ValueError, match="sin proyección"):
        BloqueResidualTorch(8, 16, proyeccion=False)
    # con F = 0 (pesos a cero) el bloque es ReLU(x): el atajo lleva la señal tal cual
    with torch.no_grad():
        identidad.bn2.weight.zero_()
    identidad.eval()
    torch.testing.assert_close(identidad(x), torch.relu(x))
    assert (identidad(x) >= 0).all()
    red = ResNetPequena(anchos=(4, 8))
    assert red(torch.zeros(2, 1, 7, 7)).shape == (2, 10)
    assert len(red.state_dict()) == len({k for k in red.state_dict()})  # sin nombres repetidos


def test_mlp_imagenes():
    red = MLPImagenes((1, 8, 8), (16, 12), n_clases=3)
    assert red(torch.zeros(5, 1, 8, 8)).shape == (5, 3)
    with pytest.raises(ValueError, match=r"se esperaba x de forma \(N, 1, 8, 8\)"):
        red(torch.zeros(5, 1, 16, 16))


def test_lenet_aprende_los_digitos():
    dispositivo = seleccionar_dispositivo("auto", informar=False)
    (X_ent, y_ent), (X_val, y_val), _ = cargar_digitos_imagenes(semilla=0, dtype=np.float32)
    modelo = mover(LeNetTorch(semilla=0), dispositivo)
    historial = entrenar_torch(
        modelo,
        nn.CrossEntropyLoss(),
        torch.optim.Adam(modelo.parameters(), lr=1e-2),
        crear_cargador(X_ent, y_ent, 32, semilla=0, dispositivo=dispositivo),
        crear_cargador(X_val, y_val, 512, barajar=False, dispositivo=dispositivo),
        epocas=5,
        dispositivo=dispositivo,
        metrica="exactitud",
    )
    assert historial["exactitud_val"][-1] > 0.9
    assert historial["perdida"][-1] < historial["perdida"][0]


# --- aumento ----------------------------------------------------------------------------------
def _lote(semilla=0, forma=(4, 2, 7, 9)):
    return torch.rand(forma, generator=torch.Generator().manual_seed(semilla))


@pytest.mark.parametrize("dy, dx", [(0, 0), (2, -3), (-1, 4), (7, 0)])
def test_trasladar_mueve_los_pixeles_exactamente(dy, dx):
    x = _lote()
    y = trasladar(x, dy, dx)
    H, W = x.shape[2:]
    assert y.shape == x.shape
    for f in range(H):
        for c in range(W):
            fo, co = f - dy, c - dx
            esperado = x[:, :, fo, co] if 0 <= fo < H and 0 <= co < W else torch.zeros_like(x[:, :, 0, 0])
            assert torch.equal(y[:, :, f, c], esperado)


def test_desplazar_por_ejemplo_y_reproducible():
    x = _lote()
    y, pares = desplazar(x, 2, torch.Generator().manual_seed(1), devolver_desplazamientos=True)
    assert pares.shape == (4, 2) and pares.abs().max() <= 2
    for i, (dy, dx) in enumerate(pares.tolist()):
        assert torch.equal(y[i : i + 1], trasladar(x[i : i + 1], dy, dx))
    assert torch.equal(desplazar(x, 2, torch.Generator().manual_seed(1)), y)
    assert torch.equal(desplazar(x, 0, torch.Generator()), x)
    with pytest.raises(ValueError, match="max_pixeles"):
        desplazar(x, -1)
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        desplazar(torch.zeros(3, 8, 8), 1)


def test_girar_cero_es_identidad_y_noventa_es_rot90():
    x = _lote(forma=(3, 1, 6, 6))
    torch.testing.assert_close(girar(x, 0.0), x, atol=1e-6, rtol=0)
    torch.testing.assert_close(
        girar(_lote(forma=(2, 3, 5, 8)), 0.0), _lote(forma=(2, 3, 5, 8)), atol=1e-6, rtol=0
    )
    torch.testing.assert_close(
        girar(x, 90.0), torch.rot90(x, 1, dims=(2, 3)), atol=1e-5, rtol=0
    )  # antihorario
    torch.testing.assert_close(girar(x, -90.0), torch.rot90(x, -1, dims=(2, 3)), atol=1e-5, rtol=0)
    y, angulos = rotar(x, 0.0, torch.Generator(), devolver_angulos=True)
    assert (angulos == 0).all()
    torch.testing.assert_close(y, x, atol=1e-6, rtol=0)


def test_rotar_angulos_en_rango_y_reproducible():
    x = _lote(forma=(16, 1, 8, 8))
    y, angulos = rotar(x, 15.0, torch.Generator().manual_seed(2), devolver_angulos=True)
    assert angulos.shape == (16,) and angulos.abs().max() <= 15 and angulos.std() > 1
    assert torch.equal(rotar(x, 15.0, torch.Generator().manual_seed(2)), y)
    torch.testing.assert_close(y[3:4], girar(x[3:4], float(angulos[3])))


def test_ruido():
    x = _lote()
    assert torch.equal(ruido(x, 0.0, torch.Generator()), x)
    a = ruido(x, 0.1, torch.Generator().manual_seed(3))
    assert torch.equal(a, ruido(x, 0.1, torch.Generator().manual_seed(3)))
    assert not torch.equal(a, ruido(x, 0.1, torch.Generator().manual_seed(4)))
    assert 0.08 < (a - x).std() < 0.12
    with pytest.raises(ValueError, match="sigma"):
        ruido(x, -0.1)


@pytest.mark.parametrize("dispositivo", DISPOSITIVOS)
def test_aumento_dispositivo_modo_y_semilla(dispositivo):
    x = _lote(forma=(8, 1, 16, 16)).to(dispositivo)
    aumento = Aumento(max_pixeles=3, max_grados=10.0, sigma=0.05, semilla=7)
    y = aumento(x)
    assert y.shape == x.shape and y.device == x.device and y.dtype == x.dtype and not torch.equal(y, x)
    assert torch.equal(Aumento(3, 10.0, 0.05, semilla=7)(x), y)
    assert not torch.equal(aumento(x), y)  # el generador avanza: otro lote, otros cambios
    aumento.eval()
    assert aumento(x) is x
    for funcion in (lambda t: desplazar(t, 2), lambda t: rotar(t, 5.0), lambda t: ruido(t, 0.1)):
        assert funcion(x).device == x.device
    assert contar_parametros(aumento) == 0 and "max_pixeles=3" in repr(aumento)


def test_aumento_en_cpu_y_gpu_da_lo_mismo():
    if not torch.cuda.is_available():
        pytest.skip("no hay GPU CUDA")
    x = _lote(forma=(8, 1, 16, 16))
    en_cpu = Aumento(3, 10.0, 0.05, semilla=7)(x)
    en_gpu = Aumento(3, 10.0, 0.05, semilla=7)(x.cuda())
    torch.testing.assert_close(en_gpu.cpu(), en_cpu, atol=1e-5, rtol=0)


# --- experimentos -----------------------------------------------------------------------------
def test_experimento_desplazamiento_mlp_cae_y_cnn_no():
    resultado = experimento_desplazamiento(epocas=5, semilla=0, dispositivo="cpu")
    filas = {(f["modelo"], f["aumento"]): f for f in resultado["filas"]}
    assert set(filas) == {("MLP", False), ("CNN", False), ("MLP", True), ("CNN", True)}
    mlp, cnn = filas[("MLP", False)], filas[("CNN", False)]
    # medido (semilla 0, 5 épocas): MLP 0.958 centro / 0.123 al azar; CNN 0.955 / 0.955
    assert mlp["exactitud_centro"] > 0.85 and cnn["exactitud_centro"] > 0.85
    assert mlp["exactitud_centro"] - mlp["exactitud_aleatoria"] > 0.5
    assert cnn["exactitud_aleatoria"] - mlp["exactitud_aleatoria"] >= 0.5
    # con desplazamientos al azar en el entrenamiento, el MLP mejora fuera del centro (0.123 → 0.248)
    assert filas[("MLP", True)]["exactitud_aleatoria"] > mlp["exactitud_aleatoria"]
    assert abs(mlp["parametros"] - cnn["parametros"]) < 0.1 * cnn["parametros"]
    assert all(f["segundos"] > 0 for f in resultado["filas"]) and resultado["dispositivo"] == "CPU"
    tabla = tabla_desplazamiento(resultado)
    assert "aleatoria" in tabla and tabla.count("\n") == 4
    with pytest.raises(ValueError, match="modelos desconocidos"):
        experimento_desplazamiento(modelos=("RNN",))
    with pytest.raises(ValueError, match="al menos 8"):
        experimento_desplazamiento(tamano=6)


def test_preparar_transferencia_congela_los_rasgos_y_entrena_la_cabeza():
    (X, y), _, _ = cargar_digitos_imagenes(semilla=0, dtype=np.float32)
    preentrenado = LeNetTorch(n_clases=5, semilla=0)
    modelo = preparar_transferencia(preentrenado, n_clases=5, congelar=True, semilla=1)
    assert modelo is not preentrenado and modelo.cabeza is not preentrenado.cabeza
    assert contar_parametros(modelo) == (128 + 1) * 5
    antes = {k: v.clone() for k, v in modelo.state_dict().items()}
    entrenables = [p for p in modelo.parameters() if p.requires_grad]
    entrenar_torch(
        modelo,
        nn.CrossEntropyLoss(),
        torch.optim.Adam(entrenables, lr=1e-2),
        crear_cargador(X[y >= 5][:60], y[y >= 5][:60] - 5, 16, semilla=0),
        epocas=2,
    )
    despues = modelo.state_dict()
    for nombre, valor in antes.items():
        if nombre.startswith("rasgos."):
            assert torch.equal(despues[nombre], valor), nombre  # congelado: no se mueve
            assert torch.equal(despues[nombre], preentrenado.state_dict()[nombre])
        else:
            assert not torch.equal(despues[nombre], valor), nombre  # la cabeza sí aprende
    ajuste = preparar_transferencia(preentrenado, n_clases=3, congelar=False)
    assert contar_parametros(ajuste) == contar_parametros(LeNetTorch(n_clases=3))
    assert ajuste(torch.zeros(2, 1, 8, 8)).shape == (2, 3)


def test_transferencia_devuelve_las_tres_variantes():
    resultado = transferencia(
        n_por_clase=3, epocas_preentrenamiento=3, epocas=20, semilla=0, dispositivo="cpu"
    )
    assert set(resultado["exactitud"]) == {"desde_cero", "congelada", "ajuste_fino"}
    assert all(0.4 < a <= 1 for a in resultado["exactitud"].values())  # azar = 0.2
    assert resultado["exactitud_preentrenamiento"] > 0.9
    assert resultado["parametros_entrenables"]["congelada"] == (128 + 1) * 5
    assert resultado["parametros_entrenables"]["ajuste_fino"] == contar_parametros(LeNetTorch(n_clases=5))
    congelada, preentrenado = resultado["modelos"]["congelada"], resultado["modelos"]["preentrenado"]
    for (nombre, p), q in zip(congelada.rasgos.named_parameters(), preentrenado.rasgos.parameters()):
        assert torch.equal(p, q) and not p.requires_grad, nombre
    perdida = nn.CrossEntropyLoss()
    (X, y), _, _ = cargar_digitos_imagenes(dtype=np.float32)
    base = evaluar_torch(
        preentrenado, crear_cargador(X[y < 5], y[y < 5], 256, barajar=False), perdida, metrica="exactitud"
    )
    assert base["exactitud"] > 0.9


# --- script de tiempos --------------------------------------------------------------------------
def test_script_tiempos_dispositivo_en_cpu():
    entorno = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(RAIZ), os.environ.get("PYTHONPATH")])),
    }
    resultado = subprocess.run(
        [
            sys.executable,
            "-m",
            "Lab10_Redes_Neuronales_Convolucionales.codigo.tiempos_dispositivo",
            "--dispositivo",
            "cpu",
            "--n-ejemplos",
            "32",
            "--tamano",
            "8",
            "--tamano-lote",
            "16",
            "--repeticiones",
            "1",
            "--hilos",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=RAIZ,
        env=entorno,
    )
    assert resultado.returncode == 0, resultado.stderr[-2000:]
    salida = resultado.stdout
    assert "PyTorch usará: CPU" in salida and "época CPU" in salida and "infer. disp." in salida
    for modelo in ("LeNetTorch", "VGGPequena", "ResNetPequena"):
        linea = next(l for l in salida.splitlines() if l.startswith(modelo))
        assert linea.split()[-1] == "1.00" and len(linea.split()) == 8


# --- arquitecturas clásicas, contadas por código ------------------------------------------------
@pytest.mark.parametrize(
    "nombre, parametros, capas",
    # recuentos publicados de torchvision (alexnet, vgg16, resnet18) y de la LeNet-5 de 32×32
    [("LeNet-5", 61_706, 5), ("AlexNet", 61_100_840, 8), ("VGG-16", 138_357_544, 16),
     ("ResNet-18", 11_689_512, 18)],
)
def test_arquitecturas_clasicas_tienen_sus_parametros_publicados(nombre, parametros, capas):
    from Lab10_Redes_Neuronales_Convolucionales.codigo.arquitecturas import resumen_arquitectura

    resumen = resumen_arquitectura(nombre, pasar_entrada=True)
    assert resumen["parametros"] == parametros and resumen["capas_con_pesos"] == capas
    assert resumen["salida"] == (1, 10 if nombre == "LeNet-5" else 1000)


def test_tabla_arquitecturas_y_error():
    from Lab10_Redes_Neuronales_Convolucionales.codigo.arquitecturas import (
        resumen_arquitectura,
        tabla_arquitecturas,
    )

    tabla = tabla_arquitecturas()
    assert "138 357 544" in tabla and "61 100 840" in tabla and len(tabla.splitlines()) == 5
    assert resumen_arquitectura("AlexNet")["salida"] is None
    with pytest.raises(ValueError, match="arquitectura desconocida"):
        resumen_arquitectura("GoogLeNet")
