"""Pruebas del Lab08: elección de dispositivo (CUDA → MPS → CPU), avisos, ``mover`` y el camino de la
GPU (memoria fijada, copias asíncronas, sincronizar al medir, NCCL en DDP), simulado cuando no hay GPU."""

from __future__ import annotations

from collections import namedtuple
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from Lab08_Frameworks_DeepLearning.codigo import (
    PREFERENCIAS,
    MLPTorch,
    cargar_pesos,
    comparar_velocidad,
    crear_cargador,
    ddp_digitos,
    describir_dispositivo,
    entrenamiento_torch,
    entrenar_epoca,
    guardar_pesos,
    mover,
    seleccionar_dispositivo,
)
from Lab08_Frameworks_DeepLearning.codigo import dispositivo as modulo


@pytest.fixture
def sin_gpu(monkeypatch):
    """Una máquina sin CUDA ni MPS (como la de CI), se tenga o no GPU de verdad."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(modulo, "_mps_disponible", lambda: False)


@pytest.fixture
def con_cuda(monkeypatch):
    """Simula una GPU CUDA (sin usarla): sólo se consulta su disponibilidad y su nombre."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(
        torch.cuda,
        "get_device_properties",
        lambda i: SimpleNamespace(name="GPU de prueba", total_memory=8 * 2**30),
    )
    monkeypatch.setattr(modulo, "_mps_disponible", lambda: False)


def test_auto_sin_gpu_elige_cpu_y_explica(sin_gpu, capsys):
    d = seleccionar_dispositivo(tensorflow=False)
    assert d == torch.device("cpu")
    salida = capsys.readouterr().out
    assert "PyTorch usará: CPU" in salida and "no ve ninguna GPU CUDA" in salida
    assert "⚠️" not in salida  # en "auto" no pedir GPU no es un problema


def test_cuda_pedida_y_ausente_cae_en_cpu_con_aviso(sin_gpu, capsys):
    d = seleccionar_dispositivo("cuda", tensorflow=False)
    assert d.type == "cpu"
    salida = capsys.readouterr().out
    assert "⚠️ Se pidió 'cuda'" in salida and "torch.cuda.is_available() es False" in salida
    assert "Se usará la CPU" in salida


def test_mps_pedida_y_ausente_cae_en_cpu_con_aviso(sin_gpu, capsys):
    assert seleccionar_dispositivo("mps", tensorflow=False).type == "cpu"
    assert "⚠️ Se pidió 'mps'" in capsys.readouterr().out


def test_gpu_es_sinonimo_de_cuda_y_admite_mayusculas(sin_gpu, capsys):
    assert seleccionar_dispositivo("GPU", tensorflow=False).type == "cpu"
    assert "⚠️" in capsys.readouterr().out


def test_cpu_explicita_aunque_haya_gpu(con_cuda, capsys):
    assert seleccionar_dispositivo("cpu", tensorflow=False) == torch.device("cpu")
    assert "se pidió la CPU" in capsys.readouterr().out


def test_auto_con_cuda_elige_la_gpu_0(con_cuda, capsys):
    d = seleccionar_dispositivo(tensorflow=False)
    assert d == torch.device("cuda", 0)
    assert "GPU CUDA 0 (GPU de prueba, 8.0 GiB)" in capsys.readouterr().out


def test_cuda_n_inexistente_avisa_del_rango(con_cuda, capsys):
    assert seleccionar_dispositivo("cuda:3", tensorflow=False).type == "cpu"
    salida = capsys.readouterr().out
    assert "sólo hay 1 GPU CUDA" in salida and "números 0 a 0" in salida
    assert seleccionar_dispositivo("cuda:0", informar=False) == torch.device("cuda", 0)


def test_auto_con_mps(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(modulo, "_mps_disponible", lambda: True)
    assert seleccionar_dispositivo(tensorflow=False).type == "mps"
    assert "GPU de Apple (MPS)" in capsys.readouterr().out


def test_informar_false_no_imprime(sin_gpu, capsys):
    seleccionar_dispositivo("cuda", informar=False)
    assert capsys.readouterr().out == ""


def test_tensorflow_solo_se_informa_si_ya_esta_importado(sin_gpu, monkeypatch, capsys):
    llamadas = []
    monkeypatch.setattr(modulo, "gpus_tensorflow", lambda: llamadas.append(1) or [])
    monkeypatch.delitem(modulo.sys.modules, "tensorflow", raising=False)
    seleccionar_dispositivo()
    assert llamadas == [] and "TensorFlow" not in capsys.readouterr().out
    seleccionar_dispositivo(tensorflow=True)
    assert llamadas == [1] and "TensorFlow no ve ninguna GPU" in capsys.readouterr().out
    monkeypatch.setattr(modulo, "gpus_tensorflow", lambda: ["/physical_device:GPU:0"])
    seleccionar_dispositivo(tensorflow=True)
    assert "TensorFlow ve 1 GPU: /physical_device:GPU:0" in capsys.readouterr().out


@pytest.mark.parametrize("mala", ["tpu", "cuda:x", "mps:1", "", "cpu:0"])
def test_preferencia_desconocida(mala):
    with pytest.raises(ValueError, match="preferencia desconocida"):
        seleccionar_dispositivo(mala)


def test_preferencia_de_tipo_incorrecto():
    with pytest.raises(TypeError, match="preferencia debe ser un texto"):
        seleccionar_dispositivo(0)
    assert set(PREFERENCIAS) == {"auto", "cuda", "mps", "cpu"}


def test_acepta_torch_device(sin_gpu):
    assert seleccionar_dispositivo(torch.device("cpu"), informar=False).type == "cpu"


def test_describir_dispositivo():
    assert describir_dispositivo("cpu") == "CPU"
    assert describir_dispositivo(torch.device("mps")) == "GPU de Apple (MPS)"


def test_mover_estructuras():
    Par = namedtuple("Par", "x y")
    cpu = torch.device("cpu")
    lote = {"X": torch.zeros(2, 3), "extra": [torch.ones(1), (torch.ones(2), 5)], "nombre": "a", "nada": None}
    movido = mover(lote, cpu)
    assert set(movido) == set(lote) and movido["nombre"] == "a" and movido["nada"] is None
    assert isinstance(movido["extra"], list) and isinstance(movido["extra"][1], tuple)
    assert movido["extra"][1][1] == 5 and movido["X"].device == cpu
    par = mover(Par(torch.zeros(1), torch.ones(1)), "cpu")
    assert isinstance(par, Par) and par.y.device == cpu
    modelo = torch.nn.Linear(3, 2)
    assert mover(modelo, cpu) is modelo  # nn.Module.to mueve en su sitio y devuelve el mismo objeto
    assert mover(3.5, cpu) == 3.5


class _ModuloQueAnota(nn.Module):
    """Un ``nn.Module`` que no se mueve: sólo anota cómo se llamó a ``.to`` (sirve sin GPU)."""

    def __init__(self):
        super().__init__()
        self.llamadas = []

    def to(self, *args, **kwargs):
        self.llamadas.append((args, kwargs))
        return self


def test_mover_non_blocking_solo_hacia_cuda():
    """La copia asíncrona sólo tiene sentido (y sólo es segura) de la CPU hacia una GPU CUDA."""
    hacia_gpu, hacia_cpu = _ModuloQueAnota(), _ModuloQueAnota()
    mover({"lote": [hacia_gpu]}, "cuda:0", non_blocking=True)
    mover((hacia_cpu,), "cpu", non_blocking=True)
    assert hacia_gpu.llamadas == [((torch.device("cuda", 0),), {"non_blocking": True})]
    assert hacia_cpu.llamadas == [((torch.device("cpu"),), {"non_blocking": False})]
    por_defecto = _ModuloQueAnota()
    mover(por_defecto, "cuda")
    assert por_defecto.llamadas[0][1] == {"non_blocking": False}


def test_pin_memory_solo_con_cuda(monkeypatch):
    X, y = np.zeros((6, 2)), np.arange(6)
    assert not crear_cargador(X, y, 2).pin_memory
    assert not crear_cargador(X, y, 2, dispositivo="cpu").pin_memory
    assert not crear_cargador(X, y, 2, dispositivo="mps").pin_memory
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert not crear_cargador(X, y, 2, dispositivo="cuda").pin_memory  # se pidió, pero no hay GPU
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)  # (no se itera: sólo se construye)
    assert crear_cargador(X, y, 2, dispositivo=torch.device("cuda", 0)).pin_memory
    assert not crear_cargador(X, y, 2, dispositivo="cpu").pin_memory


def test_sincronizar_espera_a_la_gpu_antes_de_parar_el_reloj(monkeypatch):
    llamadas = []
    monkeypatch.setattr(torch.cuda, "synchronize", lambda d=None: llamadas.append(("cuda", d)))
    monkeypatch.setattr(torch.mps, "synchronize", lambda: llamadas.append(("mps", None)))
    comparar_velocidad.sincronizar(torch.device("cpu"))
    assert llamadas == []
    comparar_velocidad.sincronizar(torch.device("cuda", 1))
    comparar_velocidad.sincronizar(torch.device("mps"))
    assert llamadas == [("cuda", torch.device("cuda", 1)), ("mps", None)]


def test_acumular_perdidas_en_mps_sin_float64():
    """MPS no admite float64: el bucle suma allí en float32 (y en float64 en CPU y CUDA)."""
    assert entrenamiento_torch._tipo_acumulador(torch.device("mps")) == torch.float32
    assert entrenamiento_torch._tipo_acumulador(torch.device("cuda", 0)) == torch.float64
    assert entrenamiento_torch._tipo_acumulador(torch.device("cpu")) == torch.float64


@pytest.mark.parametrize(
    "n_gpu,local,esperado",
    [(2, "1", ("nccl", torch.device("cuda", 1))), (1, "1", ("gloo", torch.device("cpu")))],
)
def test_ddp_elige_nccl_con_una_gpu_por_proceso(monkeypatch, n_gpu, local, esperado):
    """NCCL y la GPU LOCAL_RANK si hay una GPU por proceso; si no, gloo en la CPU."""
    monkeypatch.setenv("RANK", local)
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("LOCAL_RANK", local)
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "2")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: n_gpu)
    elegidas = []
    monkeypatch.setattr(torch.cuda, "set_device", elegidas.append)
    iniciados = []
    monkeypatch.setattr(ddp_digitos.dist, "is_initialized", lambda: False)
    monkeypatch.setattr(ddp_digitos.dist, "init_process_group", lambda backend: iniciados.append(backend))
    rango, n_procesos, dispositivo, backend = ddp_digitos.configurar_proceso()
    assert (rango, n_procesos) == (int(local), 2) and (backend, dispositivo) == esperado
    assert iniciados == [backend]
    assert elegidas == ([dispositivo] if backend == "nccl" else [])


@pytest.mark.skipif(not torch.cuda.is_available(), reason="sin GPU CUDA en esta máquina")
def test_cuda_de_verdad():  # pragma: no cover - sólo en una máquina con GPU
    d = seleccionar_dispositivo("cuda", informar=False)
    x, modelo = mover((torch.ones(4, 3), torch.nn.Linear(3, 2)), d)
    assert x.is_cuda and modelo.weight.is_cuda and modelo(x).is_cuda
    assert describir_dispositivo(d).startswith("GPU CUDA 0")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="sin GPU CUDA en esta máquina")
def test_una_epoca_en_cuda_igual_que_en_cpu(tmp_path):  # pragma: no cover - sólo en una máquina con GPU
    """Memoria fijada + copia asíncrona + bucle en la GPU: mismos números que en la CPU (float64)."""
    d = seleccionar_dispositivo("cuda", informar=False)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 5)), rng.integers(0, 3, 64)
    cargador = crear_cargador(X, y, 16, semilla=0, dtype=torch.float64, dispositivo=d)
    assert cargador.pin_memory and next(iter(cargador))[0].is_pinned()
    resultados, redes = [], []
    for dispositivo in (torch.device("cpu"), d):
        red = mover(MLPTorch([5, 8, 3], semilla=0, dtype=torch.float64), dispositivo)
        optimizador = torch.optim.SGD(red.parameters(), lr=0.1)
        cargador = crear_cargador(X, y, 16, semilla=0, dtype=torch.float64, dispositivo=dispositivo)
        resultados.append(
            entrenar_epoca(red, cargador, nn.CrossEntropyLoss(), optimizador, metrica="exactitud")
        )
        redes.append(red)
    assert resultados[0]["perdida"] == pytest.approx(resultados[1]["perdida"], rel=1e-10)
    assert resultados[0]["exactitud"] == resultados[1]["exactitud"]
    for a, b in zip(redes[0].parameters(), redes[1].parameters()):
        torch.testing.assert_close(a, b.cpu(), rtol=1e-10, atol=1e-12)
    ruta = guardar_pesos(redes[1], tmp_path / "gpu.pt")  # guardado desde la GPU, se carga en las dos
    en_cpu = cargar_pesos(MLPTorch([5, 8, 3], semilla=1, dtype=torch.float64), ruta, "cpu")
    en_gpu = cargar_pesos(MLPTorch([5, 8, 3], semilla=1, dtype=torch.float64), ruta, d)
    assert next(en_cpu.parameters()).device.type == "cpu" and next(en_gpu.parameters()).is_cuda
    torch.testing.assert_close(
        en_gpu(mover(torch.ones(2, 5, dtype=torch.float64), d)).cpu(),
        en_cpu(torch.ones(2, 5, dtype=torch.float64)),
    )
