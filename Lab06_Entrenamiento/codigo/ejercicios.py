"""Autocomprobaciones de los ejercicios del Lab06 (escriben ✅, ❌ con una pista, o ⏳ si el
ejercicio está sin hacer).

Nunca lanzan una excepción por una respuesta equivocada: devuelven ``True`` o ``False``. Cuando
la respuesta coincide con un error típico del ejercicio, el mensaje lo nombra.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar
from Lab02_Primera_Red_Neuronal.codigo import Parametro
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada, exactitud_salidas
from Lab05_Backpropagation.codigo import comprobar_gradiente

from .datos import preparar_datos
from .lotes import numero_lotes
from .modelos import construir_mlp, predecir
from .normalizacion import BatchNorm1d
from .optimizadores import Adam

__all__ = [
    "comprobar_pasos_por_epoca",
    "comprobar_pasos_calendario",
    "comprobar_perdida_inicial_vino",
    "comprobar_paso_momento",
    "comprobar_paso_adam",
    "comprobar_backward_batchnorm",
    "comprobar_correccion_sesgo",
    "comprobar_escala_dropout",
    "comprobar_estandarizacion",
    "comprobar_clasificador_vino",
]


def _numero(respuesta: object) -> float | None:
    try:
        valor = float(respuesta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return valor if math.isfinite(valor) else None


def _arreglos(resultado: Any, n: int, que: str) -> list[np.ndarray] | str:
    """``resultado`` como ``n`` arreglos de coma flotante, o un mensaje que dice qué falla."""
    if isinstance(resultado, np.ndarray):
        return f"Devuelve {que}; se recibió un solo arreglo de forma {resultado.shape}."
    try:
        partes = list(resultado)
    except TypeError:
        return f"Devuelve {que}; se recibió {type(resultado).__name__}."
    if len(partes) != n:
        return f"Devuelve {que} ({n} valores); se recibieron {len(partes)}."
    try:
        return [np.asarray(p, dtype=float) for p in partes]
    except (TypeError, ValueError):
        return f"Devuelve {que}: arreglos de números."


# --- Ejercicio 1 · predice: pasos del calendario por lote ---------------------------------
#: El ejemplo del ejercicio: entrenamiento del cáncer de mama (397), lotes de 16, 30 épocas.
_EJEMPLOS_CANCER, _LOTE_CALENDARIO, _EPOCAS_CALENDARIO = 397, 16, 30


@autocomprobacion
def comprobar_pasos_calendario(respuesta: int) -> bool:
    """Ejercicio 1: veces que ``entrenar(..., calendario_por_lote=True)`` llama a ``calendario.step()``
    con 397 ejemplos, ``tamano_lote=16`` y ``epocas=30`` (el ``pasos_totales`` de ``CalentamientoCoseno``)."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número entero.")
    por_epoca = numero_lotes(_EJEMPLOS_CANCER, _LOTE_CALENDARIO)
    total = por_epoca * _EPOCAS_CALENDARIO
    if valor == (_EJEMPLOS_CANCER // _LOTE_CALENDARIO) * _EPOCAS_CALENDARIO:
        return informar(False, "", "Has redondeado hacia abajo: el último lote de cada época, con "
                                   f"{_EJEMPLOS_CANCER % _LOTE_CALENDARIO} ejemplos, también da un paso.")
    if valor == _EPOCAS_CALENDARIO:
        return informar(False, "", "Eso sería con calendario_por_lote=False (un step por época). Por lote, "
                                   "el calendario avanza después de cada paso del optimizador.")
    if valor == por_epoca:
        return informar(False, "", f"{por_epoca} son los pasos de UNA época; el entrenamiento tiene "
                                   f"{_EPOCAS_CALENDARIO}.")
    if valor == _EJEMPLOS_CANCER * _EPOCAS_CALENDARIO:
        return informar(False, "", "Cada paso usa un lote entero, no un ejemplo: divide entre el tamaño "
                                   "del lote.")
    if np.isclose(valor, _EJEMPLOS_CANCER / _LOTE_CALENDARIO * _EPOCAS_CALENDARIO):
        return informar(False, "", "El número de lotes por época es un entero: redondea ⌈397/16⌉ antes "
                                   "de multiplicar por las épocas.")
    return informar(valor == total,
                    f"⌈397/16⌉ = {por_epoca} pasos por época × {_EPOCAS_CALENDARIO} épocas = {total}: "
                    f"es el pasos_totales que necesita CalentamientoCoseno.",
                    "Cuenta los lotes de una época (redondeando hacia arriba) y multiplica por las épocas.")


# --- Ejercicio 2 · predice: la pérdida inicial con 3 clases -------------------------------
@autocomprobacion
def comprobar_perdida_inicial_vino(respuesta: float) -> bool:
    """Ejercicio 2: entropía cruzada de una red que aún no sabe nada (reparte la probabilidad por
    igual) con las 3 clases del vino: ``ln 3``."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número.")
    if np.isclose(valor, math.log(10), atol=0.02):
        return informar(False, "", "ln 10 ≈ 2.3026 es la de los dígitos (10 clases); el vino tiene 3 clases.")
    if np.isclose(valor, 1 / 3, atol=0.01):
        return informar(False, "", "1/3 es la probabilidad que da a la clase correcta; la pérdida es "
                                   "−ln(1/3).")
    if np.isclose(valor, math.log10(3), atol=0.01):
        return informar(False, "", "Has usado el logaritmo decimal: la entropía cruzada usa el logaritmo "
                                   "natural (np.log).")
    if np.isclose(valor, math.log(2), atol=0.01):
        return informar(False, "", "ln 2 sería con 2 clases; el vino tiene 3 cultivos.")
    if np.isclose(valor, 0.0, atol=0.01):
        return informar(False, "", "Pérdida 0 significa acertar con total seguridad; una red que no sabe "
                                   "nada está lejos de eso.")
    conjunto = preparar_datos("vino", semilla=0)
    X, y = conjunto.entrenamiento
    medida = EntropiaCruzada().forward(predecir(construir_mlp([conjunto.n_rasgos, 32, conjunto.n_clases],
                                                               semilla=0), X), y)
    return informar(bool(np.isclose(valor, math.log(3), atol=0.02)),
                    f"−ln(1/3) = ln 3 ≈ {math.log(3):.4f}. Una red [13, 32, 3] recién creada (semilla 0) "
                    f"da {medida:.4f}: del mismo orden (no coincide porque sus logits iniciales no son "
                    "exactamente 0).",
                    "Si la red da la misma probabilidad a las 3 clases, la pérdida de cada ejemplo es −ln(p) "
                    "con p = 1/3.")


# --- Ejercicio 3 · implementa: un paso de SGD con momento ---------------------------------
@autocomprobacion
def comprobar_paso_momento(funcion: Callable[..., tuple[np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 3: ``funcion(theta, velocidad, grad, tasa, momento) -> (theta, velocidad)``
    debe dar un paso de SGD con momento: ``v ← μ·v + g``, ``θ ← θ − η·v``."""
    rng = np.random.default_rng(0)
    theta, v, g = rng.normal(size=5), rng.normal(size=5), rng.normal(size=5)
    tasa, mu = 0.1, 0.9
    v_ok = mu * v + g
    theta_ok = theta - tasa * v_ok
    resultado = _arreglos(funcion(theta.copy(), v.copy(), g.copy(), tasa, mu), 2,
                          "la pareja (theta_nuevo, velocidad_nueva)")
    if isinstance(resultado, str):
        return informar(False, "", resultado)
    theta_nuevo, v_nueva = resultado
    if theta_nuevo.shape != theta.shape or v_nueva.shape != v.shape:
        return informar(False, "", "Devuelve arreglos con la forma de theta y de la velocidad.")
    if np.allclose(v_nueva, mu * v + (1 - mu) * g) or np.allclose(v_nueva, mu * v + tasa * g):
        return informar(False, "", "Esa es la media móvil de Adam. En SGD con momento (PyTorch) se suma "
                                   "el gradiente entero: v ← μ·v + g.")
    if not np.allclose(v_nueva, v_ok):
        return informar(False, "", "La velocidad no es correcta: v_nueva = momento · v + grad.")
    if np.allclose(theta_nuevo, theta - tasa * v):
        return informar(False, "", "Das el paso con la velocidad antigua: primero actualiza v y después "
                                   "θ − tasa · v_nueva.")
    if np.allclose(theta_nuevo, theta + tasa * v_ok):
        return informar(False, "", "Signo cambiado: hay que ir CONTRA el gradiente, θ − tasa · v.")
    return informar(np.allclose(theta_nuevo, theta_ok),
                    "v ← μ·v + g y θ ← θ − η·v: la velocidad acumula los gradientes pasados.",
                    "La velocidad está bien; el paso es θ − tasa · v_nueva.")


# --- Ejercicio 4 · implementa: un paso de Adam --------------------------------------------
def _paso_adam_variante(theta, grad, m, v, t, tasa, beta1, beta2, eps, *, corregir_m=True,
                        corregir_v=True, desfase=0, sin_uno_menos=False):
    if sin_uno_menos:
        m = beta1 * m + grad
        v = beta2 * v + grad**2
    else:
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
    tc = t + desfase
    m_hat = m / (1 - beta1**tc) if corregir_m else m
    v_hat = v / (1 - beta2**tc) if corregir_v else v
    return theta - tasa * m_hat / (np.sqrt(v_hat) + eps), m, v


def _recorrer_adam(paso: Callable, theta0: np.ndarray, gradientes: list[np.ndarray],
                   hiper: tuple[float, float, float, float]) -> list[np.ndarray] | str:
    theta, m, v = theta0.copy(), np.zeros_like(theta0), np.zeros_like(theta0)
    thetas = []
    for t, g in enumerate(gradientes, start=1):
        with np.errstate(all="ignore"):
            resultado = _arreglos(paso(theta.copy(), g.copy(), m.copy(), v.copy(), t, *hiper), 3,
                                  "el trío (theta_nuevo, m_nuevo, v_nuevo)")
        if isinstance(resultado, str):
            return resultado
        theta, m, v = resultado
        if theta.shape != theta0.shape or m.shape != theta0.shape or v.shape != theta0.shape:
            return f"theta, m y v deben conservar la forma {theta0.shape}."
        thetas.append(theta)
    return thetas


@autocomprobacion
def comprobar_paso_adam(funcion: Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 4: ``funcion(theta, grad, m, v, t, tasa, beta1, beta2, eps) -> (theta, m, v)`` es un
    paso de Adam (``t`` empieza en 1). Se compara con el ``Adam`` del lab durante 6 pasos."""
    rng = np.random.default_rng(7)
    theta0 = rng.normal(size=(3, 2))
    gradientes = [rng.normal(scale=0.5, size=(3, 2)) for _ in range(6)]
    hiper = (0.05, 0.9, 0.999, 1e-8)
    p = Parametro(theta0.copy(), "theta")
    adam = Adam([p], tasa_aprendizaje=hiper[0], betas=hiper[1:3], epsilon=hiper[3])
    referencia = []
    for g in gradientes:
        p.grad = g.copy()
        adam.step()
        referencia.append(p.datos.copy())
    suyos = _recorrer_adam(funcion, theta0, gradientes, hiper)
    if isinstance(suyos, str):
        return informar(False, "", suyos)
    if not np.all(np.isfinite(suyos[0])):
        return informar(False, "", "El primer paso da NaN o infinito: ¿cuentas desde t = 0? Con t = 0, "
                                   "1 − β⁰ = 0 y la corrección divide entre cero. El primer paso es t = 1.")
    if all(np.allclose(a, b, rtol=1e-7, atol=1e-10) for a, b in zip(suyos, referencia)):
        return informar(True, "coincide con el Adam del lab (y con torch.optim.Adam) en los 6 pasos; el "
                              "primero mueve cada coordenada casi exactamente η.", "")
    variantes = {
        "Falta la corrección de sesgo: divide m entre (1 − β₁ᵗ) y v entre (1 − β₂ᵗ) antes del paso "
        "(sin ella, los primeros pasos salen mal escalados).": dict(corregir_m=False, corregir_v=False),
        "Corriges v pero no m: también m̂ = m / (1 − β₁ᵗ).": dict(corregir_m=False),
        "Corriges m pero no v: también v̂ = v / (1 − β₂ᵗ).": dict(corregir_v=False),
        "La corrección usa t + 1: si t ya empieza en 1, usa β₁ᵗ y β₂ᵗ tal cual.": dict(desfase=1),
        "Las medias móviles llevan (1 − β): m ← β₁·m + (1 − β₁)·g y v ← β₂·v + (1 − β₂)·g² "
        "(sumar g entero es el momento de SGD).": dict(sin_uno_menos=True),
    }
    for mensaje, opciones in variantes.items():
        otra = _recorrer_adam(lambda *a, o=opciones: _paso_adam_variante(*a, **o), theta0, gradientes, hiper)
        if all(np.allclose(a, b, rtol=1e-7, atol=1e-10) for a, b in zip(suyos, otra)):  # type: ignore[arg-type]
            return informar(False, "", mensaje)
    if np.allclose(suyos[0], 2 * theta0 - referencia[0]):
        return informar(False, "", "Signo cambiado: θ − η·m̂ / (√v̂ + ε), en contra del gradiente.")
    malo = next(i for i, (a, b) in enumerate(zip(suyos, referencia), start=1)
                if not np.allclose(a, b, rtol=1e-7, atol=1e-10))
    return informar(False, "", f"El paso {malo} no coincide con Adam. Revisa: m y v se actualizan y se "
                               "devuelven, m̂ y v̂ con la corrección, y θ − η·m̂ / (√v̂ + ε).")


# --- Ejercicio 5 · implementa: la retropropagación de BatchNorm ---------------------------
def _estadisticas(x: np.ndarray, eps: float, ddof: int = 0) -> tuple[np.ndarray, np.ndarray]:
    inv = 1.0 / np.sqrt(x.var(axis=0, ddof=ddof) + eps)
    return (x - x.mean(axis=0)) * inv, inv


@autocomprobacion
def comprobar_backward_batchnorm(funcion: Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]) -> bool:
    """Ejercicio 5: ``funcion(x, gamma, grad_salida, eps) -> (dx, dgamma, dbeta)`` de BatchNorm en
    modo entrenamiento, ``x`` ``(N, F)``. Se compara con el gradiente numérico (``comprobar_gradiente``
    del Lab05) y con ``BatchNorm1d``."""
    rng = np.random.default_rng(3)
    n, f, eps = 8, 3, 1e-5
    x = rng.normal(loc=2.0, scale=3.0, size=(n, f))
    gamma = rng.uniform(0.5, 2.0, size=f)
    g = rng.normal(size=(n, f))
    resultado = _arreglos(funcion(x.copy(), gamma.copy(), g.copy(), eps), 3, "el trío (dx, dgamma, dbeta)")
    if isinstance(resultado, str):
        return informar(False, "", resultado)
    dx, dgamma, dbeta = resultado
    if dx.shape != x.shape:
        return informar(False, "", f"dx debe tener la forma de x {x.shape}, se recibió {dx.shape}.")
    if dgamma.shape != (f,) or dbeta.shape != (f,):
        return informar(False, "", f"dgamma y dbeta tienen forma ({f},): suma sobre el lote (axis=0); se "
                                   f"recibieron {dgamma.shape} y {dbeta.shape}.")
    capa = BatchNorm1d(f, epsilon=eps)
    capa.gamma.datos[...] = gamma

    def salida(x_: np.ndarray) -> float:
        xn, _ = _estadisticas(x_, eps)
        return float(np.sum(g * (gamma * xn)))

    error = comprobar_gradiente(salida, x, dx)
    capa.forward(x)
    dx_capa = capa.backward(g)
    xn, inv = _estadisticas(x, eps)
    gh = g * gamma
    if error > 1e-6:
        xn1, inv1 = _estadisticas(x, eps, ddof=1)
        gh1 = g * gamma
        insesgada = inv1 / n * (n * gh1 - gh1.sum(0) - xn1 * (gh1 * xn1).sum(0))
        insesgada_bis = inv1 / (n - 1) * ((n - 1) * gh1 - gh1.sum(0) - xn1 * (gh1 * xn1).sum(0))
        candidatos = {
            "Usas la varianza insesgada (ddof=1). En el lote, BatchNorm divide entre N (ddof=0, lo que "
            "hace x.var(axis=0)); la insesgada sólo se usa para la varianza móvil.":
                [insesgada, insesgada_bis],
            "Falta el camino de la media: μ depende de cada x_i, así que hay que restar la media de ĝ "
            "(el término −Σĝ/N).": [inv * (gh - xn * (gh * xn).mean(0))],
            "Falta el camino de la varianza: σ² también depende de cada x_i (el término −x̂·Σ(ĝ·x̂)/N).":
                [inv * (gh - gh.mean(0))],
            "Tratas μ y σ² como constantes (eso sólo vale en eval()): en entrenamiento dependen de todo el "
            "lote y faltan los dos términos, el de la media y el de la varianza.": [inv * gh],
            "Falta multiplicar por γ: el gradiente que llega a x̂ es ĝ = grad_salida · γ.":
                [inv / n * (n * g - g.sum(0) - xn * (g * xn).sum(0))],
        }
        for mensaje, opciones in candidatos.items():
            if any(np.allclose(dx, c, rtol=1e-6, atol=1e-9) for c in opciones):
                return informar(False, "", f"{mensaje} (error relativo frente al gradiente numérico: "
                                           f"{error:.1e})")
        return informar(False, "", f"dx no coincide con el gradiente numérico (comprobar_gradiente del "
                                   f"Lab05 da un error relativo de {error:.1e}, se espera < 1e-6). Revisa "
                                   "la fórmula: (1/N)·(1/√(σ²+ε))·(N·ĝ − Σĝ − x̂·Σ(ĝ·x̂)).")
    if np.allclose(dgamma, g.sum(0)) and np.allclose(dbeta, (g * xn).sum(0)):
        return informar(False, "", "dgamma y dbeta están intercambiados: dγ = Σ g·x̂ y dβ = Σ g.")
    if np.allclose(dgamma, (g * xn).mean(0)) or np.allclose(dbeta, g.mean(0)):
        return informar(False, "", "dgamma y dbeta son SUMAS sobre el lote, no medias (la pérdida ya "
                                   "trae su 1/N).")
    if not np.allclose(dgamma, capa.gamma.grad):
        xn1, _ = _estadisticas(x, eps, ddof=1)
        if np.allclose(dgamma, (g * xn1).sum(0)):
            return informar(False, "", "dgamma usa x̂ con la varianza insesgada (ddof=1): en el lote es "
                                       "ddof=0.")
        return informar(False, "", "dx está bien; dgamma no: dγ = Σᵢ gᵢ·x̂ᵢ (con x̂ normalizada).")
    if not np.allclose(dbeta, capa.beta.grad):
        return informar(False, "", "dx y dgamma están bien; dbeta no: dβ = Σᵢ gᵢ.")
    return informar(bool(np.allclose(dx, dx_capa)),
                    f"dx pasa la comprobación numérica del Lab05 (error relativo {error:.1e}) y coincide con "
                    "BatchNorm1d, igual que dγ y dβ.",
                    "dx pasa la comprobación numérica pero no coincide con BatchNorm1d: ¿usas otro ε?")


# --- Ejercicio 6 · implementa: estandarizar sin fugas -------------------------------------
@autocomprobacion
def comprobar_estandarizacion(
    funcion: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> bool:
    """Ejercicio 6: ``funcion(X_entrenamiento, X_prueba)`` debe estandarizar ambos con la media y
    la desviación (``ddof=0``) **del entrenamiento**; una columna constante (σ = 0) se divide entre 1."""
    rng = np.random.default_rng(1)
    X_ent = np.column_stack([rng.normal(3.0, 2.0, size=(12, 3)), np.full(12, 7.0)])
    X_pru = np.column_stack([rng.normal(5.0, 4.0, size=(6, 3)), np.full(6, 7.5)])
    media = X_ent.mean(axis=0)
    desviacion = np.where(X_ent.std(axis=0) > 1e-12, X_ent.std(axis=0), 1.0)
    with np.errstate(all="ignore"):
        resultado = _arreglos(funcion(X_ent.copy(), X_pru.copy()), 2,
                              "la pareja (X_entrenamiento_estandarizado, X_prueba_estandarizado)")
    if isinstance(resultado, str):
        return informar(False, "", resultado)
    ent, pru = resultado
    if ent.shape != X_ent.shape or pru.shape != X_pru.shape:
        return informar(False, "", "Devuelve (X_entrenamiento_estandarizado, X_prueba_estandarizado) "
                                   "con sus formas.")
    if not (np.all(np.isfinite(ent)) and np.all(np.isfinite(pru))):
        return informar(False, "", "Salen NaN o infinitos: la última columna es constante (σ = 0) y has "
                                   "dividido entre cero. Protégelo: donde σ = 0, divide entre 1.")
    variables = slice(0, 3)  # las columnas no constantes, para reconocer los errores típicos
    if np.allclose(ent[:, variables], (X_ent[:, variables] - media[variables])
                   / X_ent[:, variables].std(axis=0, ddof=1)):
        return informar(False, "", "Usas la desviación con ddof=1; el estandarizado del curso (y el "
                                   "StandardScaler de scikit-learn) usa ddof=0, la de np.std por defecto.")
    juntos = np.vstack([X_ent, X_pru])[:, variables]
    if np.allclose(ent[:, variables], (X_ent[:, variables] - juntos.mean(0)) / juntos.std(0)):
        return informar(False, "", "Has estandarizado entrenamiento y prueba JUNTOS: la media y la "
                                   "desviación deben salir sólo del entrenamiento (si no, es una fuga de "
                                   "información).")
    if np.allclose(ent, (X_ent - X_ent.mean()) / X_ent.std()):
        return informar(False, "", "Has usado la media de toda la matriz: cada columna tiene la suya "
                                   "(axis=0).")
    if not np.allclose(ent, (X_ent - media) / desviacion, atol=1e-6):
        return informar(False, "", "El entrenamiento debe quedar con media 0 y desviación 1 en cada "
                                   "columna (usa axis=0), y la columna constante, en 0.")
    if np.allclose(pru[:, variables], (X_pru[:, variables] - X_pru[:, variables].mean(0))
                   / X_pru[:, variables].std(0), atol=1e-6):
        return informar(False, "", "Has usado la media de la prueba: eso es una fuga de información. "
                                   "Usa la media y la desviación del entrenamiento.")
    return informar(np.allclose(pru, (X_pru - media) / desviacion, atol=1e-6),
                    "la prueba se transforma con las estadísticas del entrenamiento (no queda con media 0 "
                    "exacta, y es lo correcto) y la columna constante no da NaN.",
                    "Transforma X_prueba con la media y la desviación calculadas en X_entrenamiento.")


# --- Ejercicio 7 · un clasificador, elegido con la validación -----------------------------
@autocomprobacion
def comprobar_clasificador_vino(modelo: Any, minimo: float = 0.9) -> bool:
    """Ejercicio 7: ``modelo`` (entrenado con ``preparar_datos("vino", semilla=0)``) debe acertar al
    menos ``minimo`` de la **validación**. Sólo si lo consigue se mira la prueba, una vez."""
    conjunto = preparar_datos("vino", semilla=0)
    X_val, y_val = conjunto.validacion
    try:
        acierto = exactitud_salidas(predecir(modelo, X_val), y_val, umbral=0.0)
    except Exception as error:  # el modelo del estudiante puede fallar de cualquier forma
        return informar(False, "", f"El modelo lanzó {type(error).__name__}: {error}. ¿Tiene "
                                   f"{conjunto.n_rasgos} entradas y {conjunto.n_clases} salidas?")
    if acierto < minimo:
        X_crudo = conjunto.estandarizador.invertir(X_val)
        with np.errstate(all="ignore"):
            crudo = exactitud_salidas(predecir(modelo, X_crudo), y_val, umbral=0.0)
        if crudo >= minimo:
            return informar(False, "", f"Con los datos estandarizados acierta {acierto:.4f}, y con los datos "
                                       f"sin estandarizar {crudo:.4f}: lo entrenaste con datos crudos. Usa "
                                       "vino.entrenamiento y vino.validacion de preparar_datos.")
        return informar(False, "", f"La exactitud en la validación es {acierto:.4f} < {minimo}: entrena más "
                                   "épocas, prueba otra tasa de aprendizaje o revisa que usas el conjunto "
                                   "estandarizado.")
    prueba = exactitud_salidas(predecir(modelo, conjunto.prueba[0]), conjunto.prueba[1], umbral=0.0)
    return informar(True, f"exactitud en la validación de {acierto:.4f} (≥ {minimo}). Con el modelo ya "
                          f"decidido, la prueba se mira una sola vez, al final: {prueba:.4f}.", "")


# --- Comprobaciones de versiones anteriores de la práctica (se conservan) -----------------
@autocomprobacion
def comprobar_pasos_por_epoca(respuesta: int) -> bool:
    """Pasos (lotes) por época con 1259 ejemplos y ``tamano_lote=32`` (el ejemplo de ``teoria.md``)."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número entero.")
    if valor == 1259 // 32:
        return informar(False, "", "Casi: el último lote tiene menos de 32 ejemplos pero también cuenta "
                                   "(redondea hacia arriba).")
    return informar(valor == 40, "⌈1259 / 32⌉ = 40 lotes: 39 de 32 ejemplos y uno de 11.",
                    "Divide el número de ejemplos entre el tamaño del lote y redondea hacia arriba.")


@autocomprobacion
def comprobar_correccion_sesgo(m: float, m_corregida: float) -> bool:
    """Adam con β₁ = 0.9, ``m₀ = 0`` y primer gradiente ``g = 2``: ``m₁`` y ``m̂₁`` (el ejemplo de
    ``teoria.md``)."""
    a, b = _numero(m), _numero(m_corregida)
    if a is None or b is None:
        return informar(False, "", "Responde con dos números.")
    if not np.isclose(a, 0.2):
        return informar(False, "", "m₁ = β₁·m₀ + (1 − β₁)·g con m₀ = 0.")
    if np.isclose(b, 0.2):
        return informar(False, "", "Falta la corrección de sesgo: m̂₁ = m₁ / (1 − β₁¹).")
    return informar(np.isclose(b, 2.0),
                    "m₁ = 0.1·2 = 0.2 está sesgada hacia 0; m̂₁ = m₁/(1 − 0.9¹) = 2 recupera el gradiente.",
                    "m̂₁ = m₁ / (1 − β₁ᵗ) con t = 1.")


@autocomprobacion
def comprobar_escala_dropout(respuesta: float) -> bool:
    """Factor por el que el dropout invertido multiplica lo que sobrevive, con ``p = 0.2``."""
    valor = _numero(respuesta)
    if valor is None:
        return informar(False, "", "Responde con un número.")
    if np.isclose(valor, 0.8):
        return informar(False, "", "0.8 es la probabilidad de sobrevivir; para conservar la media hay que "
                                   "dividir por ella.")
    return informar(np.isclose(valor, 1.25), "1/(1 − 0.2) = 1.25: así la media en entrenamiento es la de "
                                             "evaluación y eval() no tiene que cambiar nada.",
                    "La media de x·máscara debe ser x: (1 − p)·factor = 1.")
