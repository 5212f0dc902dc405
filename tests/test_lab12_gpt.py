"""Pruebas del Lab12 (GPT pequeño): el modelo causal con pesos atados, la fórmula de parámetros, la
pérdida con ventanas deslizantes, el muestreo (temperatura, top-k, top-p), el entrenamiento y DDP."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from Lab08_Frameworks_DeepLearning.codigo import contar_parametros, lanzar_torchrun
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import LSTMCaracteres, datos_caracteres
from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.corpus import Vocabulario, cargar_corpus
from Lab12_Transformers.codigo.ddp_gpt import lotes_unidos
from Lab12_Transformers.codigo.entrenar_gpt import (
    PROGRAMAS,
    configuracion_gpt,
    entrenar_gpt,
    main,
    tasa_calentamiento_coseno,
)
from Lab12_Transformers.codigo.gpt import (
    ConfiguracionGPT,
    GPTPequeno,
    _ventanas,
    parametros_gpt,
    perdida_gpt,
)
from Lab12_Transformers.codigo.muestreo import (
    filtrar_top_k,
    filtrar_top_p,
    generar_gpt,
    generar_ids,
    muestrear_siguiente,
)


@pytest.fixture(autouse=True, scope="module")
def un_hilo():
    """Un hilo de CPU: en una máquina compartida, más hilos que núcleos libres hacen todo más lento."""
    anteriores = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(anteriores)


@pytest.fixture(scope="module")
def datos():
    return datos_caracteres(cargar_corpus())


def _pequeno(**cambios) -> GPTPequeno:
    campos = {"n_tokens": 11, "contexto": 8, "d_modelo": 16, "n_cabezas": 2, "n_capas": 2, **cambios}
    return GPTPequeno(ConfiguracionGPT(**campos), semilla=0)


# --- el modelo -------------------------------------------------------------------------------------
def test_forma_y_causalidad():
    """Cambiar un token posterior nunca cambia los logits de las posiciones anteriores."""
    modelo = _pequeno().eval()
    ids = torch.randint(0, 11, (3, 8), generator=torch.Generator().manual_seed(0))
    logits = modelo(ids)
    assert logits.shape == (3, 8, 11) and torch.isfinite(logits).all()
    for t in range(8):
        cambiados = ids.clone()
        cambiados[:, t] = (cambiados[:, t] + 1) % 11
        otros = modelo(cambiados)
        torch.testing.assert_close(otros[:, :t], logits[:, :t], rtol=0, atol=1e-6)
        assert (otros[:, t:] - logits[:, t:]).abs().max() > 1e-4  # desde t sí cambia


def test_atencion_igual_a_softmax_con_mascara_explicita():
    modelo = _pequeno().eval()
    atencion = modelo.bloques[0].atencion
    x = torch.randn(2, 5, 16, generator=torch.Generator().manual_seed(1))
    q, k, v = atencion.qkv(x).split(16, dim=2)
    q, k, v = (z.view(2, 5, 2, 8).transpose(1, 2) for z in (q, k, v))
    puntuaciones = q @ k.transpose(-2, -1) / math.sqrt(8)
    mascara = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    y = torch.softmax(puntuaciones.masked_fill(mascara, -math.inf), dim=-1) @ v
    esperado = atencion.proyeccion(y.transpose(1, 2).reshape(2, 5, 16))
    torch.testing.assert_close(atencion(x), esperado, rtol=1e-5, atol=1e-6)


def test_pesos_atados_son_el_mismo_tensor_y_cuentan_una_vez():
    atado = _pequeno()
    assert atado.cabeza.weight is atado.embedding_tokens.weight
    suelto = _pequeno(atar_pesos=False)
    assert suelto.cabeza.weight is not suelto.embedding_tokens.weight
    assert contar_parametros(suelto) - contar_parametros(atado) == 11 * 16
    con_repetidos = sum(p.numel() for _, p in atado.named_parameters(remove_duplicate=False))
    assert con_repetidos - contar_parametros(atado) == 11 * 16


@pytest.mark.parametrize("cambios", [{}, {"atar_pesos": False}, {"d_oculta": 24, "n_capas": 3}])
def test_formula_de_parametros(cambios):
    campos = {"n_tokens": 13, "contexto": 10, "d_modelo": 12, "n_cabezas": 3, "n_capas": 2, **cambios}
    config = ConfiguracionGPT(**campos)
    assert parametros_gpt(config) == contar_parametros(GPTPequeno(config))
    por_defecto = configuracion_gpt(146)
    assert parametros_gpt(por_defecto) == contar_parametros(GPTPequeno(por_defecto))


def test_inicializacion_gpt2_y_semilla():
    global_antes = torch.random.get_rng_state()
    a, b, c = _pequeno(), _pequeno(), GPTPequeno(ConfiguracionGPT(11, 8, 16, 2, 2), semilla=1)
    assert torch.equal(torch.random.get_rng_state(), global_antes)  # no toca la semilla global
    assert torch.equal(a.bloques[0].atencion.qkv.weight, b.bloques[0].atencion.qkv.weight)
    assert not torch.equal(a.bloques[0].atencion.qkv.weight, c.bloques[0].atencion.qkv.weight)
    grande = GPTPequeno(ConfiguracionGPT(50, 16, 64, 4, 2), semilla=0)
    assert grande.bloques[0].mlp.entrada.weight.std().item() == pytest.approx(0.02, rel=0.05)
    assert grande.bloques[0].mlp.proyeccion.weight.std().item() == pytest.approx(0.01, rel=0.05)  # 0.02/√4
    assert (grande.bloques[0].atencion.qkv.bias == 0).all()


def test_errores_de_entrada():
    modelo = _pequeno()
    with pytest.raises(ValueError, match="contexto del modelo es 8"):
        modelo(torch.zeros(1, 9, dtype=torch.long))
    with pytest.raises(ValueError, match="0 … 10"):
        modelo(torch.tensor([[0, 11]]))
    with pytest.raises(ValueError, match="0 … 10"):
        modelo(torch.tensor([[-1, 2]]))
    with pytest.raises(ValueError, match="tensor de enteros"):
        modelo(torch.zeros(1, 4))
    with pytest.raises(ValueError, match=r"forma \(B, T\)"):
        modelo(torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="n_cabezas debe dividir"):
        ConfiguracionGPT(n_tokens=11, d_modelo=10, n_cabezas=3)
    with pytest.raises(ValueError, match="dropout"):
        ConfiguracionGPT(n_tokens=11, dropout=1.5)
    with pytest.raises(ValueError, match="programa desconocido"):
        configuracion_gpt(11, "enorme")


# --- la pérdida --------------------------------------------------------------------------------------
def test_ventanas_puntuan_cada_posicion_una_vez():
    for n, contexto in [(100, 16), (17, 16), (5, 16), (64, 16), (33, 7)]:
        inicios, puntuar = _ventanas(n, contexto)
        cuentas = np.zeros(n, int)
        for inicio, fila in zip(inicios, puntuar):
            cuentas[inicio + np.flatnonzero(fila)] += 1
        assert (cuentas == 1).all(), (n, contexto)


def test_perdida_gpt_sin_entrenar_es_casi_ln_V_y_coincide_a_mano(datos):
    vocabulario, _, ids_v = datos
    modelo = GPTPequeno(ConfiguracionGPT(len(vocabulario), 32, 16, 2, 1), semilla=0)
    assert perdida_gpt(modelo, ids_v[:3000]) == pytest.approx(math.log(len(vocabulario)), abs=0.05)
    # a mano: cada posición j se predice desde la ventana que la puntúa
    ids = np.arange(2, 40) % 11
    pequeno = _pequeno().eval()
    inicios, puntuar = _ventanas(len(ids) - 1, 8)
    total = 0.0
    for inicio, fila in zip(inicios, puntuar):
        X = torch.as_tensor(ids[inicio:inicio + 8])[None]
        with torch.no_grad():
            logp = torch.log_softmax(pequeno(X)[0].double(), -1)
        for j in np.flatnonzero(fila):
            total -= float(logp[j, ids[inicio + j + 1]])
    assert perdida_gpt(pequeno, ids, tamano_lote=2) == pytest.approx(total / (len(ids) - 1), rel=1e-6)
    assert pequeno.training is False


# --- el muestreo --------------------------------------------------------------------------------------
def test_top_k_deja_exactamente_k():
    logits = torch.tensor([[1.0, 3.0, 3.0, 0.5, 2.0], [0.0, 0.0, 0.0, 0.0, 0.0]])
    filtrados = filtrar_top_k(logits, 2)
    assert (torch.isfinite(filtrados).sum(-1) == 2).all()
    assert torch.equal(torch.isfinite(filtrados[0]), torch.tensor([False, True, True, False, False]))
    assert torch.equal(filtrar_top_k(logits, 10), logits)
    with pytest.raises(ValueError, match="top_k"):
        filtrar_top_k(logits, 0)


def test_top_p_deja_el_nucleo_minimo():
    logits = torch.log(torch.tensor([0.05, 0.5, 0.15, 0.3]))
    quedan = lambda p: torch.isfinite(filtrar_top_p(logits, p)).tolist()  # noqa: E731
    assert quedan(0.5) == [False, True, False, False]  # 0.5 ya basta
    assert quedan(0.6) == [False, True, False, True]  # 0.5 + 0.3
    assert quedan(0.8) == [False, True, False, True]  # 0.8 justo
    assert quedan(0.81) == [False, True, True, True]  # 0.5 + 0.3 + 0.15
    assert quedan(0.1) == [False, True, False, False]  # siempre el más probable
    assert quedan(1.0) == [True, True, True, True]
    with pytest.raises(ValueError, match="top_p"):
        filtrar_top_p(logits, 0.0)


def test_temperatura_cero_es_argmax_y_el_azar_es_reproducible():
    logits = torch.randn(4, 7, generator=torch.Generator().manual_seed(0))
    assert torch.equal(muestrear_siguiente(logits, temperatura=0), logits.argmax(-1))
    assert int(muestrear_siguiente(torch.tensor([0.0, 5.0, 1.0]), 0.0)) == 1
    planos = torch.zeros(200, 7)
    a = muestrear_siguiente(planos, generador=torch.Generator().manual_seed(3))
    b = muestrear_siguiente(planos, generador=torch.Generator().manual_seed(3))
    c = muestrear_siguiente(planos, generador=torch.Generator().manual_seed(4))
    assert torch.equal(a, b) and not torch.equal(a, c)
    solo_dos = muestrear_siguiente(planos + torch.arange(7.0), top_k=2,
                                   generador=torch.Generator().manual_seed(0))
    assert set(solo_dos.tolist()) == {5, 6}
    prohibido = torch.tensor([[-math.inf, 0.0, 0.0]]).repeat(100, 1)
    assert (muestrear_siguiente(prohibido, 2.0, generador=torch.Generator().manual_seed(0)) != 0).all()
    with pytest.raises(ValueError, match="temperatura"):
        muestrear_siguiente(logits, temperatura=-1.0)
    with pytest.raises(ValueError, match="logits"):
        muestrear_siguiente(torch.zeros(2, 3, 4))


def test_generar_gpt_recorta_el_contexto_y_es_reproducible():
    vocabulario = Vocabulario.desde_tokens(list("abcdefghi"))
    modelo = _pequeno()  # 11 tokens = 9 letras + 2 especiales; contexto 8
    texto = generar_gpt(modelo, vocabulario, "abc", 30, semilla=0)
    assert texto.startswith("abc") and len(texto) == 33 and set(texto) <= set("abcdefghi")
    assert generar_gpt(modelo, vocabulario, "abc", 30, semilla=0) == texto
    assert generar_gpt(modelo, vocabulario, "abc", 30, semilla=1) != texto
    voraz = generar_gpt(modelo, vocabulario, "abc", 10, temperatura=0, semilla=5)
    assert voraz == generar_gpt(modelo, vocabulario, "abc", 10, temperatura=0, semilla=6)
    assert len(generar_gpt(modelo, vocabulario, "abcdefghiabcdefghi", 3, top_p=0.9)) == 21  # > contexto
    assert generar_gpt(modelo, vocabulario, "aZ", 2).startswith("aZ")  # «Z»: <desconocido> al leer
    with pytest.raises(ValueError, match="no son pareja"):
        generar_gpt(_pequeno(n_tokens=12), vocabulario, "a", 2)
    with pytest.raises(ValueError, match="vacío"):
        generar_gpt(modelo, vocabulario, "", 2)
    # cualquier modelo con logits (B, T, V) o una tupla (logits, estado): el LSTM del Lab11
    lstm = LSTMCaracteres(11, 4, 8, semilla=0)
    ids = generar_ids(lstm, torch.tensor([[2, 3]]), 5, generador=torch.Generator().manual_seed(0))
    assert ids.shape == (1, 7) and torch.equal(ids[:, :2], torch.tensor([[2, 3]]))


# --- el entrenamiento -------------------------------------------------------------------------------
def test_tasa_con_calentamiento_y_coseno():
    tasas = [tasa_calentamiento_coseno(p, 110, 1.0, 10) for p in range(110)]
    assert tasas[0] == pytest.approx(0.1) and tasas[9] == pytest.approx(1.0)
    assert tasas[10] == pytest.approx(1.0)
    assert tasas[60] == pytest.approx(0.55) and tasas[-1] > 0.1
    assert tasa_calentamiento_coseno(50, 110, 1.0, 10, progreso=1.0) == pytest.approx(0.1)
    assert all(a >= b for a, b in zip(tasas[10:], tasas[11:]))


def test_unos_pasos_bajan_la_perdida_y_son_reproducibles(datos):
    vocabulario, ids_e, ids_v = datos
    config = ConfiguracionGPT(len(vocabulario), contexto=16, d_modelo=32, n_cabezas=2, n_capas=1, dropout=0.1)
    historiales = []
    for _ in range(2):
        modelo = GPTPequeno(config, semilla=0)
        historiales.append(entrenar_gpt(modelo, ids_e, ids_v[:600], pasos=40, tamano_lote=16, tasa=1e-2,
                                        barra_progreso=False, evaluar_cada=20, calentamiento=5))
    h = historiales[0]
    assert h["perdida"] == historiales[1]["perdida"]  # mismos lotes y mismo dropout con la misma semilla
    assert h["pasos_val"] == [0, 20, 40] and h["pasos"] == [40] and len(h["tasa"]) == 40
    assert h["perdida_val"][-1] < h["perdida_val"][0] - 1.0  # de ≈ ln 146 = 4.98 a menos de 4
    assert np.mean(h["perdida"][-5:]) < np.mean(h["perdida"][:5]) - 1.0
    assert h["tokens_por_segundo"][0] > 0 and h["segundos"][0] > 0
    corto = entrenar_gpt(GPTPequeno(config, semilla=0), ids_e, ids_v[:600], pasos=1000, tamano_lote=4,
                         barra_progreso=False, evaluar_cada=0, segundos_maximos=0.3)
    assert 1 <= corto["pasos"][0] < 1000 and corto["perdida_val"] == []
    with pytest.raises(ValueError, match="supera el contexto"):
        entrenar_gpt(GPTPequeno(config), ids_e, ids_v, pasos=1, longitud=17)


def test_programas_y_script_sin_torchrun(capsys, monkeypatch):
    assert set(PROGRAMAS) == {"completo", "cuaderno"}
    monkeypatch.delenv("RANK", raising=False)
    assert main(["--comprobar"]) == 2
    assert "torchrun" in capsys.readouterr().out
    assert main(["--pasos", "2", "--segundos", "0", "--dispositivo", "cpu", "--d-modelo", "16",
                 "--n-capas", "1", "--contexto", "16", "--tamano-lote", "2"]) == 0
    salida = capsys.readouterr().out
    assert "parámetros:" in salida and "bigramas 2.6221" in salida and "--- top-p 0.9" in salida


# --- DDP ------------------------------------------------------------------------------------------
def test_lotes_unidos_son_los_de_cada_proceso_uno_tras_otro(datos):
    _, ids_e, _ = datos
    X, Y = next(lotes_unidos(ids_e, 8, 3, semilla=5, n_procesos=2, pasos=1))
    assert X.shape == (6, 8) and np.array_equal(Y[:, :-1], X[:, 1:])
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo.caracteres import lotes_caracteres

    assert np.array_equal(X[3:], next(lotes_caracteres(ids_e, 8, 3, 6))[0])  # proceso 1: semilla 5 + 1


@pytest.mark.skipif(not torch.distributed.is_available(), reason="torch.distributed no está disponible")
def test_ddp_con_dos_procesos_da_el_mismo_modelo_que_uno(tmp_path):
    ruta = tmp_path / "gpt_ddp.pt"
    argumentos = ["--pasos", "3", "--d-modelo", "32", "--n-capas", "1", "--contexto", "32",
                  "--tamano-lote", "4", "--salida", str(ruta), "--comprobar"]
    resultado = lanzar_torchrun(argumentos, n_procesos=2, tiempo_maximo=120,
                                modulo="Lab12_Transformers.codigo.entrenar_gpt")
    assert resultado.returncode == 0, resultado.stderr[-2000:]
    assert "procesos: 2 | backend: gloo" in resultado.stdout
    assert "¿mismo modelo que en un solo proceso con lotes de 8? True" in resultado.stdout
    estado = torch.load(ruta, weights_only=True)
    inicial = GPTPequeno(configuracion_gpt(146, d_modelo=32, n_capas=1, contexto=32), semilla=0).double()
    assert max(float((estado[k] - v).abs().max()) for k, v in inicial.state_dict().items()) > 1e-3
