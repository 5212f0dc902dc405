"""El script del curso que mide una época de cada modelo principal en el dispositivo y en la CPU."""

from __future__ import annotations

import pytest

from herramientas import medir_dispositivo as md


def test_cada_laboratorio_de_frameworks_aporta_su_modelo():
    labs = {t.lab for t in md.TAREAS.values()}
    assert {"Lab08", "Lab09", "Lab10", "Lab11", "Lab12"} <= labs
    assert all(t.preparar is not None and t.modelo for t in md.TAREAS.values())


def test_mide_en_la_cpu_y_escribe_la_tabla(capsys):
    resultados = md.medir_dispositivo("cpu", ["lab08_mlp", "lab10_lenet"], repeticiones=1, rapido=True,
                                      informar=False)
    assert resultados["en_cpu"] and [f["tarea"] for f in resultados["filas"]] == ["lab08_mlp", "lab10_lenet"]
    for fila in resultados["filas"]:
        assert fila["cpu"] == fila["dispositivo"] > 0 and fila["parametros"] > 0
    assert resultados["filas"][1]["parametros"] == 6090  # LeNetTorch
    tabla = md.tabla_dispositivo(resultados)
    assert "los cocientes son 1" in tabla and "LeNetTorch" in tabla and "--rapido" in tabla
    assert md.main(["--dispositivo", "cpu", "--tareas", "lab08_mlp", "--repeticiones", "1", "--rapido"]) == 0
    assert "MLPTorch" in capsys.readouterr().out


def test_tarea_desconocida_da_error():
    with pytest.raises(ValueError, match="tareas desconocidas"):
        md.medir_dispositivo("cpu", ["lab99_nada"], informar=False)


def test_tarea_del_gpt_del_lab12():
    """La tarea prepara el GPT del script de 60 s; su época son todas las ventanas de 64 caracteres."""
    import torch

    from Lab12_Transformers.codigo.entrenar_gpt import configuracion_gpt
    from Lab12_Transformers.codigo.gpt import parametros_gpt

    tarea = md.TAREAS["lab12_gpt"]
    assert tarea.lab == "Lab12" and tarea.modelo == "GPTPequeno"
    config = configuracion_gpt(146)
    assert f"ventanas de {config.contexto}" in tarea.datos
    modelo, epoca = tarea.preparar(torch.device("cpu"), True)
    assert sum(p.numel() for p in modelo.parameters()) == parametros_gpt(config) and callable(epoca)


def test_tareas_del_lab09_vae_y_ddpm():
    """El VAE y la red del DDPM del Lab09: su época es el bucle de entrenamiento del cuaderno."""
    resultados = md.medir_dispositivo("cpu", ["lab09_vae", "lab09_ddpm"], repeticiones=1, rapido=True,
                                      informar=False)
    filas = {f["tarea"]: f for f in resultados["filas"]}
    from Lab09_IA_Generativa.codigo import VAE, RedRuido

    assert filas["lab09_vae"]["parametros"] == sum(p.numel() for p in VAE(2, (256, 128)).parameters())
    assert filas["lab09_ddpm"]["parametros"] == sum(p.numel() for p in RedRuido(100).parameters())
    assert all(f["cpu"] > 0 for f in filas.values())
    assert md.TAREAS["lab09_vae"].lab == md.TAREAS["lab09_ddpm"].lab == "Lab09"
