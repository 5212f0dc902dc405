"""Pruebas del Lab08: script de velocidad (sin afirmaciones sobre tiempos) y gráficos.

Las autocomprobaciones de los ejercicios se prueban en ``test_lab08_ejercicios.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    ConfiguracionVelocidad,
    graficar_historiales,
    graficar_velocidad,
    informe_velocidad,
    medir_densa,
    medir_velocidad,
    mismos_hilos,
    pico_matmul,
)
from Lab08_Frameworks_DeepLearning.codigo import comparar_velocidad as modulo_velocidad  # noqa: E402, I001

pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")

DIMINUTA = ConfiguracionVelocidad(
    oculta=8, repeticiones=1, tamanos_densa=[(8, 8, 8), (16, 8, 4)], n_pico=64, keras=False
)


# --- velocidad (se comprueba la estructura, nunca el tiempo) ---------------------------------------
def test_comparar_velocidad_estructura_e_informe():
    resultados = medir_velocidad(DIMINUTA, "cpu")
    assert set(resultados["epoca"]) == {"NumPy", "PyTorch"}
    assert set(resultados["densa"]) == {(8, 8, 8), (16, 8, 4)}
    assert all(t > 0 for t in resultados["epoca"].values())
    assert resultados["pico_cpu"] == max(resultados["picos"].values()) > 0
    informe = informe_velocidad(resultados)
    assert "×PyTorch" in informe and "GFLOP/s" in informe and "16×8×4" in informe
    assert informe.count("PyTorch         ") >= 1
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax = graficar_velocidad(resultados, ax=ax)
    assert len(ax.patches) == 2 * 3  # 2 bibliotecas × (época + 2 tamaños)


def test_mismos_hilos_y_restaura():
    from threadpoolctl import threadpool_info

    antes = torch.get_num_threads()
    with mismos_hilos(1) as hilos:
        assert hilos == 1 and torch.get_num_threads() == 1
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert torch.get_num_threads() == antes
    resultados = medir_velocidad(ConfiguracionVelocidad(**{**vars(DIMINUTA), "hilos": 1}), "cpu")
    assert resultados["hilos"] == 1 and "con 1 hilo(s)" in informe_velocidad(resultados)


def test_pico_matmul_bibliotecas():
    assert pico_matmul(32, 1, "cpu", "numpy") > 0 and pico_matmul(32, 1, "cpu", "torch") > 0
    assert pico_matmul(32, 1, "cpu", "tensorflow") > 0
    with pytest.raises(ValueError, match="biblioteca desconocida"):
        pico_matmul(8, 1, "cpu", "jax")


def test_medir_densa_con_keras():
    config = ConfiguracionVelocidad(repeticiones=1, keras=True)
    assert set(medir_densa((4, 3, 2), config, torch.device("cpu"))) == {"NumPy", "PyTorch", "Keras"}


def test_main_rapido_sin_keras(monkeypatch, capsys):
    monkeypatch.setattr(modulo_velocidad, "CONFIGURACION_RAPIDA", DIMINUTA)
    assert modulo_velocidad.main(["--rapido", "--sin-keras", "--dispositivo", "cpu"]) == 0
    salida = capsys.readouterr().out
    assert "PyTorch usará: CPU" in salida and "1) Una época" in salida and "2) Capa densa" in salida


def test_graficar_historiales():
    historiales = {
        "A": {"perdida": [1.0, 0.5], "perdida_val": [1.2, 0.7]},
        "B": {"perdida": [0.9, 0.4], "perdida_val": [1.0, 0.8]},
    }
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax = graficar_historiales(historiales, ax=ax)
    assert len(ax.lines) == 4
    with pytest.raises(KeyError, match="no tiene 'exactitud'"):
        graficar_historiales(historiales, ["exactitud"])
    with pytest.raises(ValueError, match="vacío"):
        graficar_historiales({})
