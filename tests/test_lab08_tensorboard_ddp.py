"""Pruebas del Lab08: registros de TensorBoard (escribir, leer, formato válido para TensorFlow) y
entrenamiento distribuido con ``torchrun`` (2 procesos, gloo) que da el mismo modelo que un proceso."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from Lab08_Frameworks_DeepLearning.codigo import (  # noqa: E402
    ConfiguracionDDP,
    EscritorEventos,
    MLPTorch,
    callback_tensorboard,
    crear_escritor,
    ddp_digitos,  # noqa: E402
    diferencia_maxima,
    entrenar_referencia,
    graficar_escalares,
    hay_tensorboard,
    lanzar_torchrun,
    leer_escalares,
    preparar_carpeta,
)
from Lab08_Frameworks_DeepLearning.codigo.registro_tensorboard import _crc_enmascarado  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept:DeprecationWarning")


# --- TensorBoard -------------------------------------------------------------------------------
def test_crc32c_valores_conocidos():
    """CRC-32C de «123456789» es 0xE3069283 (valor de referencia del algoritmo); aquí, enmascarado."""
    crc = 0xE3069283
    assert (
        _crc_enmascarado(b"123456789")
        == ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF
    )


def test_escribir_y_leer_escalares(tmp_path):
    with EscritorEventos(tmp_path / "a") as escritor:
        for paso, valor in enumerate([1.0, 0.5, 0.25]):
            escritor.add_scalar("perdida/entrenamiento", valor, paso)
        escritor.add_scalar("exactitud", 0.75, 7)
    assert "tfevents" in escritor.ruta.name
    leidos = leer_escalares(tmp_path)
    assert leidos == {"a/exactitud": [(7, 0.75)], "a/perdida/entrenamiento": [(0, 1.0), (1, 0.5), (2, 0.25)]}
    assert leer_escalares(tmp_path / "a")["exactitud"] == [(7, 0.75)]  # sin prefijo si están en la carpeta
    with pytest.raises(ValueError, match="cerrado"):
        escritor.add_scalar("x", 1.0, 0)


def test_errores_de_escritura_y_lectura(tmp_path):
    escritor = EscritorEventos(tmp_path)
    with pytest.raises(TypeError, match="etiqueta"):
        escritor.add_scalar("", 1.0)
    escritor.close()
    with pytest.raises(FileNotFoundError, match="no existe la carpeta"):
        leer_escalares(tmp_path / "no_esta")


def test_el_formato_lo_lee_tensorflow(tmp_path):
    """TensorFlow (y por tanto TensorBoard) lee nuestros archivos y comprueba sus sumas CRC."""
    import tensorflow as tf

    with EscritorEventos(tmp_path) as escritor:
        escritor.add_scalar("perdida", 0.125, 3)
    eventos = list(tf.compat.v1.train.summary_iterator(str(escritor.ruta)))
    assert eventos[0].file_version == "brain.Event:2"
    assert [(v.tag, v.simple_value, eventos[1].step) for v in eventos[1].summary.value] == [
        ("perdida", 0.125, 3)
    ]


def test_leer_lo_que_escribe_tensorflow(tmp_path):
    """``tf.summary`` guarda los escalares como tensores (float32 y float64): también se leen."""
    import tensorflow as tf

    escritor = tf.summary.create_file_writer(str(tmp_path / "tf"))
    with escritor.as_default():
        for paso in range(3):
            tf.summary.write("simple", tf.constant(0.5 * paso), step=paso)
            tf.summary.write("doble", tf.constant(0.25 * paso, tf.float64), step=paso)
    escritor.flush()
    leidos = leer_escalares(tmp_path)
    assert leidos["tf/simple"] == [(0, 0.0), (1, 0.5), (2, 1.0)]
    assert leidos["tf/doble"] == [(0, 0.0), (1, 0.25), (2, 0.5)]


def test_crear_escritor_y_preparar_carpeta(tmp_path):
    carpeta = preparar_carpeta(tmp_path / "runs" / "x")
    (carpeta / "viejo.txt").write_text("de otra ejecución")
    carpeta = preparar_carpeta(carpeta)
    assert carpeta.is_dir() and not any(carpeta.iterdir())
    escritor = crear_escritor(carpeta, forzar_propio=True)
    assert isinstance(escritor, EscritorEventos)
    escritor.add_scalar("a", 2.0, 1)
    escritor.close()
    assert leer_escalares(carpeta) == {"a": [(1, 2.0)]}
    por_defecto = crear_escritor(tmp_path / "otro")
    assert callable(por_defecto.add_scalar) and isinstance(por_defecto, EscritorEventos) != hay_tensorboard()
    por_defecto.close()


def test_preparar_carpeta_no_borra_la_carpeta_de_trabajo(tmp_path, monkeypatch):
    trabajo = tmp_path / "curso" / "Lab08"
    trabajo.mkdir(parents=True)
    (trabajo / "practica.ipynb").write_text("{}")
    monkeypatch.chdir(trabajo)
    for peligrosa in ("", ".", "..", str(trabajo)):
        with pytest.raises(ValueError, match="no borra"):
            preparar_carpeta(peligrosa)
    assert (trabajo / "practica.ipynb").exists()
    assert preparar_carpeta(".", limpiar=False) == Path(".")  # sin limpiar, no hay peligro
    (trabajo / "archivo").write_text("x")
    with pytest.raises(ValueError, match="no es una carpeta"):
        preparar_carpeta("archivo")


@pytest.mark.skipif(not hay_tensorboard(), reason="sin el paquete tensorboard")
def test_summarywriter_de_verdad_se_escribe_y_se_lee(tmp_path):
    """Con ``tensorboard`` instalado, ``crear_escritor`` da el ``SummaryWriter`` oficial de PyTorch
    y ``leer_escalares`` lee lo que escribe (``simple_value`` en float32)."""
    from torch.utils.tensorboard import SummaryWriter

    escritor = crear_escritor(tmp_path / "pytorch")
    assert isinstance(escritor, SummaryWriter)
    valores = [2.5, 1.25, 0.625]  # representables en float32: se leen exactos
    for paso, valor in enumerate(valores, start=1):
        escritor.add_scalar("perdida/entrenamiento", valor, paso)
        escritor.add_scalar("perdida/validacion", torch.tensor(valor / 2), paso)
    escritor.close()
    leidos = leer_escalares(tmp_path)
    assert leidos == {
        "pytorch/perdida/entrenamiento": [(1, 2.5), (2, 1.25), (3, 0.625)],
        "pytorch/perdida/validacion": [(1, 1.25), (2, 0.625), (3, 0.3125)],
    }
    propio = leer_escalares(_escribir_propio(tmp_path / "propio", valores))
    assert leidos == {f"pytorch/{clave}": v for clave, v in propio.items()}  # lo mismo que el propio


def _escribir_propio(carpeta, valores):
    with EscritorEventos(carpeta) as escritor:
        for paso, valor in enumerate(valores, start=1):
            escritor.add_scalar("perdida/entrenamiento", valor, paso)
            escritor.add_scalar("perdida/validacion", valor / 2, paso)
    return carpeta


@pytest.mark.skipif(not hay_tensorboard(), reason="sin el paquete tensorboard")
def test_callback_tensorboard_oficial_de_keras_se_lee(tmp_path):
    """El callback oficial escribe con ``tf.summary`` (tensores float32): se lee igual que el propio
    y los valores coinciden con el historial de ``fit``."""
    import keras

    modelo = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    modelo.compile(keras.optimizers.SGD(0.125), "mse", metrics=["mae"])
    X, Y = np.zeros((8, 3), dtype=np.float32), np.ones((8, 2), dtype=np.float32)
    llamada = callback_tensorboard(tmp_path)
    assert type(llamada).__name__ == "TensorBoard"
    historia = modelo.fit(
        X, Y, validation_data=(X, Y), epochs=3, verbose=0, shuffle=False, callbacks=[llamada]
    )
    leidos = leer_escalares(tmp_path)
    for clave, parte in (("loss", "train"), ("mae", "train"), ("val_loss", "validation")):
        etiqueta = f"{parte}/epoch_{clave.removeprefix('val_')}"
        assert [p for p, _ in leidos[etiqueta]] == [0, 1, 2]
        np.testing.assert_allclose([v for _, v in leidos[etiqueta]], historia.history[clave], rtol=1e-6)
    assert leidos["train/epoch_learning_rate"][0][1] == pytest.approx(0.125)


def test_paso_negativo_o_no_entero_es_un_error_claro(tmp_path):
    with EscritorEventos(tmp_path) as escritor:
        for malo in (-1, 1.5, True):
            with pytest.raises(ValueError, match="paso debe ser un entero ≥ 0"):
                escritor.add_scalar("perdida", 1.0, malo)
        escritor.add_scalar("perdida", 1.0, np.int64(3))
    assert leer_escalares(tmp_path) == {"perdida": [(3, 1.0)]}


def test_importar_el_paquete_no_importa_tensorflow(tmp_path):
    """TensorFlow tarda segundos en cargarse: sólo se importa al usar una función de Keras."""
    import subprocess
    import sys

    orden = (
        "import sys; import Lab08_Frameworks_DeepLearning.codigo as c; "
        "c.ConfiguracionDDP, c.ConfiguracionVelocidad; "
        "c.crear_escritor(sys.argv[1], forzar_propio=True).close(); "
        "print(sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))"
    )
    resultado = subprocess.run(
        [sys.executable, "-c", orden, str(tmp_path / "runs")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ddp_digitos.RAIZ_CURSO,
    )
    assert resultado.returncode == 0, resultado.stderr[-2000:]
    assert resultado.stdout.strip() == "[]"


def test_callback_de_keras_escribe_train_y_validation(tmp_path):
    import keras

    modelo = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    modelo.compile(keras.optimizers.SGD(0.125), "mse", metrics=["mae"])
    X = np.zeros((8, 3), dtype=np.float32)
    modelo.fit(
        X,
        np.ones((8, 2), dtype=np.float32),
        validation_data=(X, np.ones((8, 2), dtype=np.float32)),
        epochs=3,
        verbose=0,
        shuffle=False,
        callbacks=[callback_tensorboard(tmp_path, forzar_propio=True)],
    )
    leidos = leer_escalares(tmp_path)
    assert {
        "train/epoch_loss",
        "train/epoch_mae",
        "train/epoch_learning_rate",
        "validation/epoch_loss",
        "validation/epoch_mae",
    } <= set(leidos)
    assert [p for p, _ in leidos["train/epoch_loss"]] == [0, 1, 2]
    assert leidos["train/epoch_learning_rate"][0][1] == pytest.approx(0.125)
    perdidas = [v for _, v in leidos["validation/epoch_loss"]]
    assert perdidas[-1] < perdidas[0]


def test_graficar_escalares(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    ax = graficar_escalares({"a": [(0, 1.0), (1, 0.5)]})
    assert len(ax.lines) == 1
    with pytest.raises(KeyError, match="no hay registros"):
        graficar_escalares({"a": [(0, 1.0)]}, ["b"])
    with pytest.raises(ValueError, match="no hay escalares"):
        graficar_escalares({})


# --- DDP ------------------------------------------------------------------------------------------
def test_referencia_en_un_proceso_equivale_a_lotes_completos():
    """Con 1 proceso, la referencia es un entrenamiento normal con DistributedSampler de 1 réplica."""
    config = ConfiguracionDDP(epocas=1, n_muestras=64, oculta=8, tamano_lote=16)
    uno, perdidas_uno = entrenar_referencia(config, n_procesos=1)
    dos, _ = entrenar_referencia(config, n_procesos=2)
    assert len(perdidas_uno) == 1 and perdidas_uno[0] > 0
    assert diferencia_maxima(uno, dos) > 1e-6  # lotes de 16 frente a lotes de 32: modelos distintos
    assert diferencia_maxima(uno, uno) == 0.0


def test_main_sin_torchrun_explica_como_lanzarlo(monkeypatch, capsys):
    monkeypatch.delenv("RANK", raising=False)
    assert ddp_digitos.main(["--epocas", "1"]) == 2
    assert "torchrun --standalone --nproc_per_node=2" in capsys.readouterr().out


def test_ddp_con_dos_procesos_da_el_mismo_modelo_que_uno(tmp_path):
    ruta = tmp_path / "ddp.pt"
    argumentos = [
        "--epocas",
        "2",
        "--n-muestras",
        "96",
        "--oculta",
        "8",
        "--tamano-lote",
        "8",
        "--salida",
        str(ruta),
        "--comprobar",
    ]
    resultado = lanzar_torchrun(argumentos, n_procesos=2, tiempo_maximo=120)
    assert resultado.returncode == 0, resultado.stderr[-2000:]
    assert "procesos: 2 | backend: gloo" in resultado.stdout
    assert "¿mismo modelo que en un solo proceso con lotes de 16? True" in resultado.stdout
    config = ConfiguracionDDP(epocas=2, n_muestras=96, oculta=8, tamano_lote=8)
    referencia, _ = entrenar_referencia(config, n_procesos=2)
    distribuido = MLPTorch([64, 8, 10], dtype=torch.float64)
    distribuido.load_state_dict(torch.load(ruta, weights_only=True))
    assert diferencia_maxima(distribuido, referencia) < 1e-10
    inicial = MLPTorch([64, 8, 10], semilla=0, dtype=torch.float64)
    assert diferencia_maxima(distribuido, inicial) > 1e-3  # entrenó de verdad
