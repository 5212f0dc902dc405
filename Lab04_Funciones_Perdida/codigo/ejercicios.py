"""Autocomprobaciones de los ejercicios del Lab04 (escriben ✅ o ❌ con una pista).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Ante un
error típico (olvidar la media, el logaritmo en otra base, la softmax ingenua que desborda, el
one-hot traspuesto…) la pista lo nombra. El decorador ``autocomprobacion`` (Lab01) se encarga del
relleno (``None``) y de los errores que lance el código del estudiante.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from scipy.special import logsumexp

from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar
from Lab03_Funciones_Activacion.codigo import log_softmax, softmax

from .entropia_cruzada import EntropiaCruzada
from .informacion import divergencia_kl, entropia_cruzada_distribuciones
from .registro import PERDIDAS

__all__ = [
    "comprobar_mse_mae",
    "comprobar_entropia_cruzada_a_mano",
    "comprobar_divergencia_kl",
    "comprobar_perdida_inicial",
    "comprobar_log_sum_exp",
    "comprobar_entropia_cruzada_logits",
    "comprobar_gradiente_softmax_ce",
    "comprobar_eleccion_perdida",
]


def _numero(valor: object) -> float | None:
    try:
        numero = float(valor)
    except (TypeError, ValueError):
        return None
    return numero if np.isfinite(numero) else None


def _mal(pista: str) -> bool:
    """Escribe ``❌ pista`` y devuelve ``False``."""
    return informar(False, "", pista)


def _cerca(a: float, b: float, tol: float = 1e-3) -> bool:
    return bool(np.isclose(a, b, rtol=0.0, atol=tol))


def _llamar_sin_desbordar(funcion: Callable, *args: np.ndarray) -> np.ndarray | None:
    """Llama a ``funcion`` convirtiendo en ``None`` cualquier desbordamiento, ``log(0)`` o NaN."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            with np.errstate(over="raise", divide="raise", invalid="raise"):
                return np.asarray(funcion(*(a.copy() for a in args)), dtype=float)
    except (FloatingPointError, RuntimeWarning):
        return None


# --- 1. MSE y MAE a mano ---------------------------------------------------------------------
@autocomprobacion
def comprobar_mse_mae(mse: float, mae: float) -> bool:
    """Ejercicio: MSE y MAE de ``prediccion = [3, −1, 2]`` frente a ``objetivo = [1, 0, 2]``."""
    correcto_mse, correcto_mae = 5 / 3, 1.0
    a, b = _numero(mse), _numero(mae)
    if a is None or b is None:
        return _mal("Responde con dos números: mse y mae.")
    if _cerca(a, correcto_mae) and _cerca(b, correcto_mse):
        return _mal("¿Los has intercambiado? El MSE eleva al cuadrado; el MAE usa |r|.")
    if _cerca(a, 5.0) or _cerca(b, 3.0):
        return _mal("Has sumado bien, pero falta dividir entre el número de elementos (3).")
    if _cerca(a, np.sqrt(5 / 3)):
        return _mal("Has sacado la raíz cuadrada: eso es la RMSE. El MSE es la media de r², sin raíz.")
    if _cerca(b, 1 / 3) or _cerca(b, -1 / 3):
        return _mal("Tu MAE es la media de los residuos con signo: falta el valor absoluto |r| "
                    "(si no, los errores de signo contrario se compensan).")
    ok = _cerca(a, correcto_mse) and _cerca(b, correcto_mae)
    return informar(
        ok,
        "residuos (2, −1, 0) → MSE = (4 + 1 + 0)/3 ≈ 1.6667 y MAE = (2 + 1 + 0)/3 = 1.",
        "Calcula los residuos r = predicción − objetivo; MSE = media de r², MAE = media de |r|.",
    )


# --- 2. Entropía cruzada a mano --------------------------------------------------------------
@autocomprobacion
def comprobar_entropia_cruzada_a_mano(respuesta: float) -> bool:
    """Ejercicio: entropía cruzada media de dos ejemplos.

    Probabilidades ``[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]``, clases correctas ``[0, 1]``.
    """
    correcto = -(np.log(0.7) + np.log(0.8)) / 2
    valor = _numero(respuesta)
    if valor is None:
        return _mal("La respuesta debe ser un número.")
    if _cerca(valor, 2 * correcto):
        return _mal("Has sumado las dos pérdidas: falta dividir entre N = 2.")
    if _cerca(valor, -correcto):
        return _mal("El signo: log(p) es negativo, la pérdida es −log(p) (positiva).")
    otras_bases = [-(np.log10(0.7) + np.log10(0.8)) / 2, -(np.log2(0.7) + np.log2(0.8)) / 2]
    if any(_cerca(valor, otra) for otra in otras_bases):
        return _mal("Has usado otra base del logaritmo (log10 o log2): las pérdidas usan el "
                    "logaritmo natural, np.log.")
    return informar(
        _cerca(valor, correcto),
        f"(−ln 0.7 − ln 0.8)/2 = ({-np.log(0.7):.4f} + {-np.log(0.8):.4f})/2 ≈ {correcto:.4f}.",
        "Sólo cuenta la probabilidad de la clase correcta de cada ejemplo: −ln(p_correcta), "
        "y luego la media.",
    )


# --- 3. Divergencia KL -----------------------------------------------------------------------
@autocomprobacion
def comprobar_divergencia_kl(respuesta: float) -> bool:
    """Ejercicio: ``KL(p ‖ q)`` en nats con ``p = [0.5, 0.5]`` y ``q = [0.9, 0.1]``."""
    p, q = [0.5, 0.5], [0.9, 0.1]
    correcto = divergencia_kl(p, q)
    valor = _numero(respuesta)
    if valor is None:
        return _mal("La respuesta debe ser un número.")
    if _cerca(valor, divergencia_kl(q, p)):
        return _mal("Has calculado KL(q ‖ p): la divergencia no es simétrica.")
    if _cerca(valor, divergencia_kl(p, q, base=2)):
        return _mal("Ese valor está en bits (log2); se pide en nats, con el logaritmo natural.")
    if _cerca(valor, entropia_cruzada_distribuciones(p, q)):
        return _mal("Eso es la entropía cruzada H(p, q); la KL le resta la entropía H(p) = ln 2.")
    return informar(
        _cerca(valor, correcto),
        f"0.5·ln(0.5/0.9) + 0.5·ln(0.5/0.1) ≈ {correcto:.4f} nats.",
        "KL(p ‖ q) = Σ p·ln(p/q): pondera con p (la distribución verdadera).",
    )


# --- 4. Predice: la pérdida de una red sin entrenar ------------------------------------------
def _perdida_inicial_digits(semilla: int = 0) -> float:
    """Entropía cruzada de una capa lineal con pesos pequeños sobre digits (10 clases)."""
    from sklearn.datasets import load_digits

    x, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(semilla)
    pesos = rng.normal(scale=0.01, size=(x.shape[1], 10))
    return EntropiaCruzada()(x / 16.0 @ pesos, y)


@autocomprobacion
def comprobar_perdida_inicial(prediccion: float) -> bool:
    """Ejercicio (predice): entropía cruzada inicial de un clasificador de 10 clases sin entrenar."""
    esperado = float(np.log(10))
    valor = _numero(prediccion)
    if valor is None:
        return _mal("Escribe un número: la pérdida media que esperas.")
    if _cerca(valor, 0.1, 0.01):
        return _mal("0.1 es la probabilidad que recibe cada clase; la pérdida es −ln de esa "
                    "probabilidad.")
    if _cerca(valor, 0.9, 0.01):
        return _mal("0.9 es la tasa de error de adivinar al azar, no la entropía cruzada: "
                    "la pérdida es −ln(p de la clase correcta).")
    if _cerca(valor, 1.0, 0.01) or _cerca(valor, np.log2(10), 0.05):
        return _mal("Has usado log10 o log2: la entropía cruzada se calcula con el logaritmo "
                    "natural (ln).")
    if valor < 0:
        return _mal("Una entropía cruzada nunca es negativa: −ln p ≥ 0 porque p ≤ 1.")
    if not _cerca(valor, esperado, 0.05):
        return _mal("Pista: con logits casi iguales, ¿qué probabilidad da la softmax a cada "
                    "una de las 10 clases? La pérdida es −ln de ella.")
    medida = _perdida_inicial_digits()
    return informar(
        True,
        f"con logits ≈ 0 la softmax reparte 1/10 a cada clase y −ln(1/10) = ln 10 ≈ {esperado:.4f}. "
        f"Una capa lineal con pesos pequeños sobre digits da {medida:.4f}. Si tu primera pérdida se "
        "aleja mucho de ln C, algo falla (pesos iniciales enormes, etiquetas mal puestas…).",
        "",
    )


# --- 5. log-sum-exp estable ------------------------------------------------------------------
@autocomprobacion
def comprobar_log_sum_exp(funcion: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Ejercicio (impleméntalo): ``funcion(z)`` ``(N, C) → (N,)``: ``log Σ_c exp(z_c)`` estable."""
    rng = np.random.default_rng(0)
    casos = [
        rng.normal(size=(5, 4)),
        np.array([[1000.0, 1000.0], [-1000.0, -1000.0], [1000.0, -1000.0]]),
        rng.normal(scale=300.0, size=(6, 3)),
    ]
    for z in casos:
        esperado = logsumexp(z, axis=1)
        obtenido = _llamar_sin_desbordar(funcion, z)
        if obtenido is None:
            return informar(
                False,
                "",
                "Hubo un desbordamiento (exp de un número grande). Resta el máximo de cada fila "
                "antes de exponenciar y súmalo al final.",
            )
        if obtenido.shape == (z.shape[1],) and z.shape[0] != z.shape[1]:
            return _mal(f"Tu salida tiene {z.shape[1]} valores, uno por columna: has sumado "
                        "sobre los ejemplos (axis=0). Suma sobre las clases, axis=1.")
        if obtenido.shape != esperado.shape:
            return informar(
                False,
                "",
                f"Para z de forma {z.shape} se esperaba una salida {esperado.shape} (un valor por fila); "
                f"la tuya tiene {obtenido.shape}. ¿Usaste axis=1 y keepdims sólo dentro?",
            )
        if np.allclose(obtenido, esperado - z.max(axis=1), rtol=1e-10, atol=1e-10):
            return _mal("Restaste el máximo m, pero falta sumarlo al final: "
                        "log Σ exp(z) = m + log Σ exp(z − m).")
        if not np.allclose(obtenido, esperado, rtol=1e-10, atol=1e-10):
            return informar(
                False,
                "",
                "Los valores no coinciden: log Σ exp(z) = m + log Σ exp(z − m), con m el máximo de la fila.",
            )
    return informar(
        True,
        "log-sum-exp estable: restar el máximo evita exp(1000) = ∞ sin cambiar el resultado.",
        "",
    )


# --- 6. Entropía cruzada desde logits --------------------------------------------------------
@autocomprobacion
def comprobar_entropia_cruzada_logits(funcion: Callable[[np.ndarray, np.ndarray], float]) -> bool:
    """Ejercicio (impleméntalo): ``funcion(z, y)`` = entropía cruzada media desde logits.

    ``z``: ``(N, C)``; ``y``: etiquetas ``(N,)``. Se compara con ``EntropiaCruzada()`` en logits
    normales y en logits enormes (±1000), donde ``log(softmax(z))`` ingenuo desborda.
    """
    rng = np.random.default_rng(4)
    z, y = rng.normal(scale=2.0, size=(5, 3)), rng.integers(0, 3, size=5)
    n, c = z.shape
    esperado = EntropiaCruzada()(z, y)
    obtenido = _llamar_sin_desbordar(funcion, z, y)
    if obtenido is None:
        return _mal("Hubo un aviso numérico (desbordamiento o log(0)) incluso con logits "
                    "pequeños. Usa log p = z − m − log Σ exp(z − m), con m el máximo de la fila.")
    if obtenido.shape == (n,):
        return _mal("Devuelves la pérdida de cada ejemplo: falta la media (un solo número).")
    if obtenido.size != 1:
        return _mal(f"Se esperaba un número (la pérdida media); tu función devolvió forma {obtenido.shape}.")
    valor = float(obtenido.reshape(()))
    log_p_columnas = log_softmax(z, eje=0)[np.arange(n), y]
    if _cerca(valor, n * esperado, 1e-8):
        return _mal(f"Has sumado las pérdidas de los {n} ejemplos en vez de promediarlas: divide entre N.")
    if _cerca(valor, esperado / c, 1e-8):
        return _mal("Has promediado sobre N·C elementos (np.mean de toda la matriz y·log p): la "
                    "suma va sobre las clases y la media sólo sobre los ejemplos.")
    if _cerca(valor, -esperado, 1e-8):
        return _mal("El signo: la pérdida es −log p de la clase correcta (un número positivo).")
    if _cerca(valor, -log_p_columnas.mean(), 1e-8):
        return _mal("Has normalizado por columnas (axis=0, sobre los ejemplos): la softmax y el "
                    "log-sum-exp van sobre las clases de cada fila, axis=1.")
    if not _cerca(valor, esperado, 1e-8):
        return _mal("El valor no coincide con EntropiaCruzada: media de −log softmax(z)[i, y_i], "
                    "con log softmax(z) = z − log Σ exp(z) por filas.")
    grandes = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [0.0, 0.0, 0.0]])
    y_grandes = np.array([1, 2, 0])
    esperado_grande = EntropiaCruzada()(grandes, y_grandes)
    obtenido = _llamar_sin_desbordar(funcion, grandes, y_grandes)
    if obtenido is None or not np.all(np.isfinite(obtenido)):
        return _mal("Con logits de ±1000, log(softmax(z)) ingenuo desborda (exp(1000) = ∞) o "
                    "hace log(0). Resta el máximo de cada fila: log p = z − m − log Σ exp(z − m).")
    if not _cerca(float(obtenido.reshape(-1)[0]), esperado_grande, 1e-6):
        return _mal("Con logits de ±1000 tu valor no coincide: si calculas log(softmax(z)) (o lo "
                    "recortas), una probabilidad diminuta se redondea a 0. Usa z − log-sum-exp.")
    return informar(
        True,
        f"entropía cruzada desde logits estable: {esperado:.4f} en el lote de prueba y {esperado_grande:.4f} "
        "(finita) con logits de ±1000.",
        "",
    )


# --- 7. Gradiente combinado softmax + entropía cruzada ---------------------------------------
@autocomprobacion
def comprobar_gradiente_softmax_ce(funcion: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Ejercicio (impleméntalo): ``funcion(z, y)`` = gradiente de la entropía cruzada media respecto a ``z``.

    ``z``: ``(N, C)``; ``y``: etiquetas ``(N,)``. Se compara con ``EntropiaCruzada().backward()``,
    primero en un lote cuadrado (``N = C``, donde un one-hot traspuesto no da error de forma) y
    después en uno rectangular.
    """
    rng = np.random.default_rng(1)
    for n, c, y in [(4, 4, np.array([1, 2, 3, 0])), (6, 3, np.array([2, 0, 1, 1, 0, 2]))]:
        z = rng.normal(size=(n, c))
        perdida = EntropiaCruzada()
        perdida.forward(z, y)
        esperado = perdida.backward()
        obtenido = np.asarray(funcion(z.copy(), y.copy()), dtype=float)
        if obtenido.shape != esperado.shape:
            return informar(
                False,
                "",
                f"El gradiente debe tener la forma de z, {z.shape}; el tuyo tiene {obtenido.shape}.",
            )
        uno = np.eye(c)[y]
        if n == c and np.allclose(obtenido, (softmax(z, eje=1) - uno.T) / n):
            return _mal("El one-hot está traspuesto: debe tener forma (N, C), una fila por ejemplo "
                        "con el 1 en la columna de su clase (np.eye(C)[y]).")
        if np.allclose(obtenido, esperado * n):
            return _mal("Casi: la pérdida es una media, así que falta dividir entre N.")
        if np.allclose(obtenido, -esperado):
            return _mal("Tiene el signo cambiado: es softmax(z) − y, no y − softmax(z).")
        if n != c and np.allclose(obtenido, esperado * n / c):
            return _mal("Has dividido entre C (el número de clases); la media es sobre los N ejemplos.")
        por_columnas = softmax(z, eje=0) - uno
        if np.allclose(obtenido, por_columnas) or np.allclose(obtenido, por_columnas / n):
            return _mal("La softmax va por filas (axis=1, sobre las clases), no por columnas.")
        if not np.allclose(obtenido, esperado, rtol=1e-8, atol=1e-12):
            return _mal("Calcula softmax(z) por filas, resta 1 en la columna de la clase correcta y "
                        "divide entre N.")
    return informar(
        True,
        "∂L/∂z = (softmax(z) − one_hot(y)) / N: ni exponenciales sueltas ni divisiones peligrosas.",
        "",
    )


# --- 8. ¿Qué pérdida elijo? ------------------------------------------------------------------
_REGRESION = {"mse", "mae", "huber"}
_CASOS_ELECCION = {
    "temperatura": ({"mse"}, "regresión con ruido pequeño y sin valores atípicos"),
    "precio_vivienda": ({"huber", "mae"}, "regresión con algunos precios atípicos enormes"),
    "spam": ({"entropia_cruzada_binaria", "entropia_cruzada"}, "dos clases: spam o no spam"),
    "digito": ({"entropia_cruzada"}, "diez clases excluyentes: 0, 1, …, 9"),
}


def _nombre_de_perdida(valor: object) -> str | None:
    clases = {clase: nombre for nombre, clase in PERDIDAS.items()}
    if isinstance(valor, type):
        return clases.get(valor)
    if type(valor) in clases:
        return clases[type(valor)]
    if isinstance(valor, str):
        return valor.strip().lower()
    return None


def _motivo(problema: str, nombre: str | None) -> str:
    """Por qué ``nombre`` no sirve para ``problema`` (el error típico, con su nombre)."""
    clasificacion = problema in ("spam", "digito")
    if clasificacion and nombre in _REGRESION:
        return (f"«{problema}» es clasificación: una pérdida de regresión como {nombre} (con sigmoide "
                "o softmax) apenas da gradiente cuando el modelo se equivoca con seguridad; usa entropía "
                "cruzada")
    if not clasificacion and nombre in ("entropia_cruzada", "entropia_cruzada_binaria"):
        return f"«{problema}» es regresión (un número real, no una clase): la entropía cruzada es para clases"
    if problema == "digito" and nombre == "entropia_cruzada_binaria":
        return ("«digito» tiene 10 clases excluyentes: la binaria trata cada salida como un sí/no "
                "independiente; usa la categórica (softmax)")
    if problema == "precio_vivienda" and nombre == "mse":
        return ("«precio_vivienda»: con mansiones atípicas, el MSE deja que unos pocos precios enormes "
                "dominen el gradiente; usa huber o mae")
    if problema == "temperatura" and nombre in ("mae", "huber"):
        return ("«temperatura»: sin valores atípicos y con ruido gaussiano, la máxima verosimilitud lleva "
                "al mse")
    return f"«{problema}» ({_CASOS_ELECCION[problema][1]}): «{nombre}» no es una pérdida del registro"


@autocomprobacion
def comprobar_eleccion_perdida(respuestas: dict[str, object]) -> bool:
    """Ejercicio: qué pérdida usar en cada problema (nombres de ``PERDIDAS`` o clases)."""
    if not isinstance(respuestas, dict):
        return _mal("Responde con un diccionario {problema: pérdida}.")
    faltan = [k for k in _CASOS_ELECCION if k not in respuestas or respuestas[k] is None]
    if faltan:
        return _mal(f"Faltan respuestas para: {', '.join(faltan)}.")
    malas = []
    for problema, (validas, _) in _CASOS_ELECCION.items():
        nombre = _nombre_de_perdida(respuestas[problema])
        if nombre not in validas:
            malas.append(_motivo(problema, nombre))
    return informar(
        not malas,
        "MSE para ruido gaussiano, Huber/MAE si hay atípicos, entropía cruzada binaria para 2 clases "
        "(o la categórica con 2 logits, equivalente) y categórica para más.",
        f"Revisa: {'; '.join(malas)}. Opciones: {', '.join(PERDIDAS)}.",
    )
