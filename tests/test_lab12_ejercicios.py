"""Lab12: cada autocomprobación con la respuesta correcta, el relleno (⏳) y sus errores típicos."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from Lab12_Transformers.codigo.cuestionario import CUESTIONARIO
from Lab12_Transformers.codigo.ejercicios import (
    CONFIG_GPT_EJERCICIO,
    FIN_DE_PALABRA,
    PALABRAS_BPE,
    comprobar_atencion,
    comprobar_codificacion_sinusoidal,
    comprobar_forma_pesos_atencion,
    comprobar_fusion_bpe,
    comprobar_layernorm,
    comprobar_mascara_causal,
    comprobar_parametros_atencion_multicabeza,
    comprobar_parametros_gpt,
    comprobar_top_p,
)

SIN_HACER = "⏳"


@pytest.fixture(autouse=True)
def _un_hilo():
    anteriores = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(anteriores)


def sin_hacer(*args, **kwargs):
    raise NotImplementedError("ejercicio sin hacer")


def _salida(capsys) -> str:
    return capsys.readouterr().out


def _softmax(z, eje=-1):
    e = np.exp(z - z.max(axis=eje, keepdims=True))
    return e / e.sum(axis=eje, keepdims=True)


# --- Ejercicio 1 · forma de los pesos de atención ---------------------------------------------
def test_forma_pesos_atencion(capsys):
    capa = nn.MultiheadAttention(32, 4, batch_first=True)
    x = torch.zeros(2, 10, 32)
    _, pesos = capa(x, x, x, average_attn_weights=False)
    correcta = tuple(pesos.shape)
    assert correcta == (2, 4, 10, 10)
    assert comprobar_forma_pesos_atencion(correcta) and "✅" in _salida(capsys)
    assert comprobar_forma_pesos_atencion([2, 4, 10, 10]) and "✅" in _salida(capsys)
    assert not comprobar_forma_pesos_atencion(None) and SIN_HACER in _salida(capsys)
    errores = {
        "olvidado de las cabezas": (2, 10, 10),
        "d = D/H = 8": (2, 4, 10, 8),
        "SALIDA": (2, 10, 32),
        "eje del lote": (4, 10, 10),
        "otro orden": (2, 10, 4, 10),
    }
    for palabra, forma in errores.items():
        assert not comprobar_forma_pesos_atencion(forma)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_forma_pesos_atencion((3, 3)) and "softmax" in _salida(capsys)
    assert not comprobar_forma_pesos_atencion("2, 4, 10, 10") and "tupla" in _salida(capsys)


# --- Ejercicio 2 · atención de producto escalar escalado ---------------------------------------
def atencion_bien(q, k, v, mascara=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mascara is not None:
        s = np.where(mascara, s, -np.inf)
    return _softmax(s) @ v


def _atencion(q, k, v, mascara=None, escala=True, eje=-1, modo="antes", invertir=False):
    s = q @ np.swapaxes(k, -1, -2)
    if escala:
        s = s / np.sqrt(q.shape[-1])
    if mascara is not None and invertir:
        mascara = ~mascara
    if mascara is not None and modo == "antes":
        s = np.where(mascara, s, -1e9)
    if mascara is not None and modo == "multiplicar":
        s = s * mascara
    pesos = _softmax(s, eje)
    if mascara is not None and modo == "despues":
        pesos = pesos * mascara
    return pesos @ v


def test_atencion(capsys, recwarn):
    assert comprobar_atencion(atencion_bien) and "✅" in _salida(capsys)

    def con_torch(q, k, v, mascara=None):
        m = None if mascara is None else torch.from_numpy(mascara)
        return torch.nn.functional.scaled_dot_product_attention(
            torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), attn_mask=m)

    assert comprobar_atencion(con_torch) and "✅" in _salida(capsys)
    assert comprobar_atencion(lambda *a: (atencion_bien(*a), None)) and "✅" in _salida(capsys)
    assert not comprobar_atencion(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_atencion(sin_hacer) and SIN_HACER in _salida(capsys)
    assert not comprobar_atencion(lambda q, k, v, m=None: None) and SIN_HACER in _salida(capsys)

    def ingenua(q, k, v, mascara=None):
        s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        if mascara is not None:
            s = np.where(mascara, s, -np.inf)
        e = np.exp(s)
        return e / e.sum(-1, keepdims=True) @ v

    errores = {
        "√d": lambda *a: _atencion(*a, escala=False),
        "eje equivocado": lambda *a: _atencion(*a, eje=-2),
        "invertida": lambda *a: _atencion(*a, invertir=True),
        "DESPUÉS del softmax": lambda *a: _atencion(*a, modo="despues"),
        "multiplicado las puntuaciones": lambda *a: _atencion(*a, modo="multiplicar"),
        "ignorado la máscara": lambda q, k, v, m=None: atencion_bien(q, k, v),
        "exp(1000)": ingenua,
        "k.T": lambda q, k, v, m=None: _softmax(q @ k.T) @ v,
        "pesos (N, T, T)": lambda q, k, v, m=None: _softmax(q @ np.swapaxes(k, -1, -2)),
    }
    for palabra, funcion in errores.items():
        assert not comprobar_atencion(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_atencion(lambda *a: atencion_bien(*a) + 1) and "No coincide" in _salida(capsys)
    assert not comprobar_atencion(lambda *a: "hola") and "arreglo" in _salida(capsys)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Ejercicio 3 · máscara causal --------------------------------------------------------------
def test_mascara_causal(capsys):
    assert comprobar_mascara_causal(lambda T: np.tril(np.ones((T, T), dtype=bool)))
    assert "✅" in _salida(capsys)
    assert comprobar_mascara_causal(lambda T: torch.ones(T, T, dtype=torch.bool).tril())
    assert "✅" in _salida(capsys)
    assert not comprobar_mascara_causal(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_mascara_causal(sin_hacer) and SIN_HACER in _salida(capsys)
    errores = {
        "ve el futuro": lambda T: np.triu(np.ones((T, T), dtype=bool)),
        "PROHIBIDO": lambda T: np.triu(np.ones((T, T), dtype=bool), k=1),
        "diagonal": lambda T: np.tril(np.ones((T, T), dtype=bool), k=-1),
        "números 0/1": lambda T: np.tril(np.ones((T, T))),
        "ADITIVA": lambda T: nn.Transformer.generate_square_subsequent_mask(T).numpy(),
        "forma (T, T)": lambda T: np.tril(np.ones((T, T + 1), dtype=bool)),
    }
    for palabra, funcion in errores.items():
        assert not comprobar_mascara_causal(funcion)
        assert palabra in _salida(capsys), palabra


# --- Ejercicio 4 · parámetros de nn.MultiheadAttention ------------------------------------------
def test_parametros_atencion_multicabeza(capsys):
    correcta = sum(p.numel() for p in nn.MultiheadAttention(64, 8).parameters())
    assert correcta == 16640
    assert comprobar_parametros_atencion_multicabeza(correcta) and "✅" in _salida(capsys)
    assert comprobar_parametros_atencion_multicabeza(16640.0) and "✅" in _salida(capsys)
    assert not comprobar_parametros_atencion_multicabeza(None) and SIN_HACER in _salida(capsys)
    sin_sesgos = sum(p.numel() for p in nn.MultiheadAttention(64, 8, bias=False).parameters())
    errores = {
        "sesgos": sin_sesgos,            # 16384
        "W_O": 3 * (64 * 64 + 64),
        "propias matrices de 64 × 64": 8 * 16640,
        "8 × 8": 4 * 8 * (8 * 8 + 8),
    }
    for palabra, valor in errores.items():
        assert not comprobar_parametros_atencion_multicabeza(valor)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_parametros_atencion_multicabeza(5) and "cuatro proyecciones" in _salida(capsys)
    assert not comprobar_parametros_atencion_multicabeza("mucho") and "entero" in _salida(capsys)


# --- Ejercicio 5 · codificación sinusoidal -----------------------------------------------------
def sinusoidal_bien(T, D):
    pos = np.arange(T)[:, None]
    frec = 10000.0 ** (-np.arange(0, D, 2) / D)
    pe = np.zeros((T, D))
    pe[:, 0::2] = np.sin(pos * frec)
    pe[:, 1::2] = np.cos(pos * frec)
    return pe


def test_codificacion_sinusoidal(capsys):
    assert comprobar_codificacion_sinusoidal(sinusoidal_bien) and "✅" in _salida(capsys)
    assert not comprobar_codificacion_sinusoidal(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_codificacion_sinusoidal(sin_hacer) and SIN_HACER in _salida(capsys)

    def cambiados(T, D):
        pe = sinusoidal_bien(T, D)
        return np.stack([pe[:, 1::2], pe[:, 0::2]], axis=-1).reshape(T, D)

    def exponente_i(T, D):
        pos = np.arange(T)[:, None]
        frec = 10000.0 ** (-np.arange(D // 2) / D)
        pe = np.zeros((T, D))
        pe[:, 0::2], pe[:, 1::2] = np.sin(pos * frec), np.cos(pos * frec)
        return pe

    def columna(T, D):
        a = np.arange(T)[:, None] * 10000.0 ** (-np.arange(D) / D)
        return np.where(np.arange(D) % 2 == 0, np.sin(a), np.cos(a))

    def base_e(T, D):
        pos = np.arange(T)[:, None]
        frec = np.exp(-np.arange(0, D, 2) / D)
        pe = np.zeros((T, D))
        pe[:, 0::2], pe[:, 1::2] = np.sin(pos * frec), np.cos(pos * frec)
        return pe

    def mitades(T, D):
        pe = sinusoidal_bien(T, D)
        return np.concatenate([pe[:, 0::2], pe[:, 1::2]], axis=1)

    errores = {
        "cambiado seno y coseno": cambiados,
        "2i/D, no i/D": exponente_i,
        "índice de la columna": columna,
        "base 10000": base_e,
        "intercala": mitades,
        "empiezan en 0": lambda T, D: sinusoidal_bien(T + 1, D)[1:],
        "traspuesta": lambda T, D: sinusoidal_bien(T, D).T,
    }
    for palabra, funcion in errores.items():
        assert not comprobar_codificacion_sinusoidal(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_codificacion_sinusoidal(lambda T, D: sinusoidal_bien(T, D) * 2)
    assert "No coincide" in _salida(capsys)


# --- Ejercicio 6 · LayerNorm --------------------------------------------------------------------
def layernorm_bien(x, gamma, beta):
    media = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - media) / np.sqrt(var + 1e-5) + beta


def test_layernorm(capsys, recwarn):
    assert comprobar_layernorm(layernorm_bien) and "✅" in _salida(capsys)

    def con_torch(x, gamma, beta):
        return torch.nn.functional.layer_norm(torch.from_numpy(x), (x.shape[-1],), torch.from_numpy(gamma),
                                              torch.from_numpy(beta), eps=1e-5)

    assert comprobar_layernorm(con_torch) and "✅" in _salida(capsys)
    assert not comprobar_layernorm(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_layernorm(sin_hacer) and SIN_HACER in _salida(capsys)

    def norma(x, g, b, ejes=-1, ddof=0, eps_fuera=False, eps=1e-5):
        m, v = x.mean(axis=ejes, keepdims=True), x.var(axis=ejes, keepdims=True, ddof=ddof)
        return g * (x - m) / ((np.sqrt(v) + eps) if eps_fuera else np.sqrt(v + eps)) + b

    errores = {
        "BatchNorm": lambda x, g, b: norma(x, g, b, ejes=0),
        "ddof=1": lambda x, g, b: norma(x, g, b, ddof=1),
        "eps fuera de la raíz": lambda x, g, b: norma(x, g, b, eps_fuera=True),
        "eps dentro de la raíz": lambda x, g, b: norma(x, g, b, eps=0.0),  # NaN en la fila constante
        "gamma · x̂ + beta": lambda x, g, b: layernorm_bien(x, 1.0, 0.0),
        "cambiado gamma y beta": lambda x, g, b: layernorm_bien(x, b, g),
        "secuencia entera": lambda x, g, b: norma(x, g, b, ejes=(1, 2)),
        "forma de x": lambda x, g, b: layernorm_bien(x, g, b)[0],
    }
    for palabra, funcion in errores.items():
        assert not comprobar_layernorm(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_layernorm(lambda x, g, b: norma(x, g, b, ejes=(0, 1)))
    assert "BatchNorm" in _salida(capsys)
    assert not comprobar_layernorm(lambda *a: layernorm_bien(*a) + 0.1) and "No coincide" in _salida(capsys)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Ejercicio 7 · la primera fusión de BPE --------------------------------------------------------
def test_fusion_bpe(capsys):
    assert PALABRAS_BPE and FIN_DE_PALABRA == "</w>"
    assert comprobar_fusion_bpe(("a", "s"), 8) and "✅" in _salida(capsys)
    assert comprobar_fusion_bpe(["a", "s"], 8.0) and "✅" in _salida(capsys)
    assert not comprobar_fusion_bpe(None, 8) and SIN_HACER in _salida(capsys)
    assert not comprobar_fusion_bpe(("a", "s"), None) and SIN_HACER in _salida(capsys)
    errores = {
        "DISTINTAS": (("e", "s"), 3),
        "una sola vez por palabra": (("s", "a"), 6),
        "entre el final de una": (("a", "m"), 2),
        "entre el final": ((FIN_DE_PALABRA, "m"), 1),
        "palabras distintas": (("a", "s"), 1),
        "dos": (("a", "s"), 4),
        "frecuencia de la palabra": (("a", "s"), 2),
        "más frecuente": (("c", "a"), 4),
    }
    for palabra, (par, frecuencia) in errores.items():
        assert not comprobar_fusion_bpe(par, frecuencia)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_fusion_bpe("as", 8) and "tupla" in _salida(capsys)
    assert not comprobar_fusion_bpe(("a", "s", "a"), 8) and "dos símbolos" in _salida(capsys)
    assert not comprobar_fusion_bpe(("a", "s"), "ocho") and "entero" in _salida(capsys)


def test_fusion_bpe_unica():
    """El enunciado tiene una sola respuesta: el par ganador no empata con ningún otro."""
    cuenta: dict[tuple[str, str], int] = {}
    for palabra, veces in PALABRAS_BPE.items():
        s = [*palabra, FIN_DE_PALABRA]
        for par in zip(s, s[1:]):
            cuenta[par] = cuenta.get(par, 0) + veces
    primero, segundo = sorted(cuenta.values(), reverse=True)[:2]
    assert primero > segundo and cuenta[("a", "s")] == primero == 8


# --- Ejercicio 8 · parámetros de un GPT pequeño -------------------------------------------------------
class _Bloque(nn.Module):
    def __init__(self, D, H, M):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.atencion = nn.MultiheadAttention(D, H, batch_first=True)
        self.mlp = nn.Sequential(nn.Linear(D, M), nn.GELU(), nn.Linear(M, D))


class _GPT(nn.Module):
    def __init__(self, c, atado=True):
        super().__init__()
        V, T, D = c["vocabulario"], c["contexto"], c["dimension"]
        self.tokenes, self.posiciones = nn.Embedding(V, D), nn.Embedding(T, D)
        self.bloques = nn.ModuleList(_Bloque(D, c["cabezas"], c["dimension_mlp"])
                                     for _ in range(c["bloques"]))
        self.ln_final = nn.LayerNorm(D)
        self.cabeza = nn.Linear(D, V, bias=False)
        if atado:
            self.cabeza.weight = self.tokenes.weight


def _cuenta(modelo):
    return sum(p.numel() for p in modelo.parameters())  # los pesos compartidos salen una vez


def test_parametros_gpt(capsys):
    c = CONFIG_GPT_EJERCICIO
    assert c["dimension_mlp"] == 4 * c["dimension"] and c["pesos_atados"]
    correcta = _cuenta(_GPT(c))
    assert correcta == 106304
    assert comprobar_parametros_gpt(correcta) and "✅" in _salida(capsys)
    assert not comprobar_parametros_gpt(None) and SIN_HACER in _salida(capsys)
    sin_pos = _GPT(c)
    sin_pos.posiciones = None
    sin_ln = _GPT(c)
    sin_ln.ln_final = None
    errores = {
        "ATADA": _cuenta(_GPT(c, atado=False)),
        "embeddings de posición": _cuenta(sin_pos),
        "LayerNorm final": _cuenta(sin_ln),
        "un solo bloque": correcta - _cuenta(_Bloque(64, 4, 256)),
        "M = 4·D": _cuenta(_GPT({**c, "dimension_mlp": 64})),
        "no es un parámetro": correcta + 2 * 32 * 32,
        "no tiene sesgo": correcta + 65,
    }
    for palabra, valor in errores.items():
        assert not comprobar_parametros_gpt(valor)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_parametros_gpt(1) and "Suma" in _salida(capsys)
    assert not comprobar_parametros_gpt("cien mil") and "entero" in _salida(capsys)


# --- Ejercicio 9 · filtrado top-p -------------------------------------------------------------
def top_p_bien(probabilidades, p):
    orden = np.argsort(-probabilidades)
    ordenadas = probabilidades[orden]
    quedan = np.cumsum(ordenadas) - ordenadas < p
    filtradas = np.zeros_like(probabilidades)
    filtradas[orden[quedan]] = ordenadas[quedan]
    return filtradas / filtradas.sum()


def _top_p(probabilidades, p, cruce=True, renormalizar=True, ascendente=False):
    orden = np.argsort(probabilidades if ascendente else -probabilidades)
    ordenadas = probabilidades[orden]
    acumulada = np.cumsum(ordenadas)
    quedan = acumulada - ordenadas < p if cruce else acumulada < p
    filtradas = np.zeros_like(probabilidades)
    filtradas[orden[quedan]] = ordenadas[quedan]
    return filtradas / filtradas.sum() if renormalizar else filtradas


def test_top_p(capsys, recwarn):
    assert comprobar_top_p(top_p_bien) and "✅" in _salida(capsys)

    def con_torch(probabilidades, p):  # como el «nucleus sampling» de Hugging Face
        probs = torch.from_numpy(probabilidades)
        ordenadas, indices = torch.sort(probs, descending=True)
        fuera = ordenadas.cumsum(-1) - ordenadas >= p
        ordenadas[fuera] = 0.0
        filtradas = torch.zeros_like(probs).scatter(-1, indices, ordenadas)
        return filtradas / filtradas.sum()

    assert comprobar_top_p(con_torch) and "✅" in _salida(capsys)
    assert not comprobar_top_p(None) and SIN_HACER in _salida(capsys)
    assert not comprobar_top_p(sin_hacer) and SIN_HACER in _salida(capsys)

    def solo_con_p_1_mal(probabilidades, p):
        return _top_p(probabilidades, p, cruce=p < 1)

    def ordenadas(probabilidades, p):
        return np.sort(top_p_bien(probabilidades, p))[::-1]

    errores = {
        "CRUZA p": lambda pr, p: _top_p(pr, p, cruce=False),
        "renormalizar": lambda pr, p: _top_p(pr, p, renormalizar=False),
        "menor a mayor": lambda pr, p: _top_p(pr, p, ascendente=True),
        "p = 1": solo_con_p_1_mal,
        "orden original": ordenadas,
        "No has filtrado nada": lambda pr, p: pr,
        "forma": lambda pr, p: top_p_bien(pr, p)[:2],
    }
    for palabra, funcion in errores.items():
        assert not comprobar_top_p(funcion)
        assert palabra in _salida(capsys), palabra
    assert not comprobar_top_p(lambda pr, p: _top_p(pr, min(p + 0.3, 1.0)))
    assert "No coincide" in _salida(capsys)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


# --- Cuestionario ----------------------------------------------------------------------------
def test_cuestionario_lab12(capsys):
    assert 6 <= len(CUESTIONARIO) <= 10
    for pregunta in CUESTIONARIO.preguntas:
        assert len(pregunta.opciones) >= 3
        assert all(len(e) >= 20 for e in pregunta.explicaciones.values())
    assert len({p.correcta for p in CUESTIONARIO.preguntas}) >= 3
    assert CUESTIONARIO.corregir(CUESTIONARIO.respuestas_correctas()) == len(CUESTIONARIO)
    assert "✅" in _salida(capsys)
    assert CUESTIONARIO.corregir(None) == 0 and SIN_HACER in _salida(capsys)


@pytest.mark.parametrize("nombre", ["comprobar_atencion", "comprobar_top_p", "PALABRAS_BPE"])
def test_nombres_exportados(nombre):
    from Lab12_Transformers.codigo import ejercicios

    assert nombre in ejercicios.__all__
