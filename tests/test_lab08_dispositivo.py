"""Pruebas del Lab08: elección de dispositivo (CUDA → MPS → CPU), avisos y ``mover``."""

from __future__ import annotations

from collections import namedtuple
from types import SimpleNamespace

import pytest
import torch

from Lab08_Frameworks_DeepLearning.codigo import (
    PREFERENCIAS,
    describir_dispositivo,
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


@pytest.mark.skipif(not torch.cuda.is_available(), reason="sin GPU CUDA en esta máquina")
def test_cuda_de_verdad():  # pragma: no cover - sólo en una máquina con GPU
    d = seleccionar_dispositivo("cuda", informar=False)
    x, modelo = mover((torch.ones(4, 3), torch.nn.Linear(3, 2)), d)
    assert x.is_cuda and modelo.weight.is_cuda and modelo(x).is_cuda
    assert describir_dispositivo(d).startswith("GPU CUDA 0")
