"""Autocomprobaciones de los ejercicios del Lab02 (escriben ✅, ❌ con una pista, o ⏳ si falta).

Cada una reconoce los errores típicos de su ejercicio y los nombra en la pista. Las decora
``autocomprobacion`` (Lab01): con el relleno de la versión del estudiante (``None`` o una función
que lanza ``NotImplementedError``) dicen que el ejercicio está sin hacer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import datos_compuerta
from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar

from .capa_densa import CapaDensa
from .diagnostico import activaciones_por_capa, red_profunda
from .inicializacion import inicializar_pesos
from .secuencial import Activacion, Secuencial

__all__ = [
    "comprobar_forma_salida",
    "comprobar_num_parametros",
    "comprobar_inicializacion_he",
    "comprobar_raiz_segundo_momento",
    "comprobar_activaciones_por_capa",
    "comprobar_red_xnor",
]


def _no(pista: str) -> bool:
    """❌ con la pista que nombra el error."""
    return informar(False, "", pista)


def _como_forma(respuesta) -> tuple[int, ...] | None:
    if isinstance(respuesta, (str, bytes)) or not hasattr(respuesta, "__iter__"):
        return None
    try:
        return tuple(int(v) for v in respuesta)
    except (TypeError, ValueError):
        return None


@autocomprobacion
def comprobar_forma_salida(respuesta: tuple) -> bool:
    """Ejercicio 1 (predecir): forma de la salida de un lote ``(32, 10)`` tras capas 10 → 64 → 3."""
    forma = _como_forma(respuesta)
    if forma is None:
        return _no(f"Responde con una tupla de enteros, por ejemplo (5, 7); se recibió {respuesta!r}.")
    errores = {
        (3, 32): "Has invertido el orden: el lote va en el PRIMER eje, (N, rasgos), no (rasgos, N).",
        (32, 64): "(32, 64) es la forma tras la PRIMERA capa; falta la segunda, CapaDensa(64, 3).",
        (32, 10): "(32, 10) es la forma de la entrada: cada capa cambia el número de rasgos.",
        (3,): "Falta el eje del lote: cada uno de los 32 ejemplos tiene su propia salida, (32, ...).",
        (64, 3): "Ésa es la forma de la matriz W de la segunda capa, no la de su salida.",
    }
    if forma in errores:
        return _no(errores[forma])
    return informar(
        forma == (32, 3),
        "el lote se conserva (32) y cada capa cambia sólo el número de rasgos: 10 → 64 → 3.",
        "El primer eje (el lote) nunca cambia; el segundo es el número de neuronas de la última capa.",
    )


@autocomprobacion
def comprobar_num_parametros(respuesta: int) -> bool:
    """Ejercicio 2 (predecir): parámetros de la red 64 → 32 → 16 → 10 (pesos y sesgos)."""
    anchos = [64, 32, 16, 10]
    pares = list(zip(anchos[:-1], anchos[1:]))
    pesos = sum(a * b for a, b in pares)
    correcto = pesos + sum(b for _, b in pares)
    try:
        valor = float(respuesta)
    except (TypeError, ValueError):
        return _no(f"Responde con un número entero; se recibió {respuesta!r}.")
    errores = {
        pesos: f"{pesos} son sólo los pesos: olvidaste los sesgos (uno por neurona de cada capa).",
        pesos + sum(a for a, _ in pares): "Contaste un sesgo por ENTRADA; hay uno por neurona (por salida).",
        correcto + anchos[0]: "La capa de entrada no tiene parámetros: son los datos. Sobran 64 sesgos.",
        int(np.prod(anchos)): "Multiplicaste todas las anchuras; los pesos se cuentan entre capas VECINAS.",
    }
    if valor in errores:
        return _no(errores[valor])
    return informar(
        valor == correcto,
        f"(64·32+32) + (32·16+16) + (16·10+10) = 2080 + 528 + 170 = {correcto}; "
        "casi todos están en la primera capa.",
        "Cada CapaDensa(n_entradas, n_salidas) tiene n_entradas·n_salidas pesos y n_salidas sesgos.",
    )


@autocomprobacion
def comprobar_inicializacion_he(funcion: Callable[[int, int, np.random.Generator], np.ndarray]) -> bool:
    """Ejercicio 3 (implementar): ``funcion(n_entradas, n_salidas, rng)`` sigue ``N(0, 2/n_entradas)``."""
    n_ent, n_sal = 500, 400
    W = np.asarray(funcion(n_ent, n_sal, np.random.default_rng(0)), dtype=float)
    if W.shape == (n_sal, n_ent):
        return _no(f"La matriz está traspuesta: debe ser (n_entradas, n_salidas) = {(n_ent, n_sal)}, "
                   f"no {W.shape}.")
    if W.shape != (n_ent, n_sal):
        return _no(f"La forma debe ser (n_entradas, n_salidas) = {(n_ent, n_sal)}, no {W.shape}.")
    if not np.all(np.isfinite(W)):
        return _no("Tu matriz contiene NaN o infinitos.")
    otra_vez = np.asarray(funcion(n_ent, n_sal, np.random.default_rng(0)), dtype=float)
    otra_semilla = np.asarray(funcion(n_ent, n_sal, np.random.default_rng(1)), dtype=float)
    if not np.array_equal(W, otra_vez) or np.array_equal(W, otra_semilla):
        return _no("Tu función no usa el generador rng que recibe (¿np.random.normal o una semilla "
                   "fija dentro?): con el mismo rng debe dar los mismos pesos y con otro, otros.")
    s = W.std()
    referencia = inicializar_pesos(n_ent, n_sal, "he", semilla=0).std()  # el código del lab
    esperado = np.sqrt(2 / n_ent)
    cerca = lambda objetivo: abs(s - objetivo) < 0.03 * objetivo  # noqa: E731
    # con 200 000 pesos la desviación muestral se aleja < 1 % de la verdadera: estas bandas no se solapan
    if abs(W.mean()) > 0.1 * esperado:
        return _no(f"La media es {W.mean():.4f}: los pesos deben tener media 0.")
    if cerca(2 / n_ent):
        return _no(f"La desviación típica es {s:.4f} = 2/n_entradas: ésa es la VARIANZA; "
                   "la desviación típica es su raíz, √(2/n_entradas).")
    if cerca(np.sqrt(2 / n_sal)):
        return _no(f"La desviación típica es {s:.4f} = √(2/n_salidas): He usa n_entradas (fan-in), "
                   "el número de sumandos de cada neurona.")
    if cerca(np.sqrt(2 / (n_ent + n_sal))):
        return _no(f"La desviación típica es {s:.4f} = √(2/(n_ent+n_sal)): eso es Xavier, no He.")
    if cerca(np.sqrt(1 / n_ent)):
        return _no(f"La desviación típica es {s:.4f} = √(1/n_entradas): falta el factor 2 que "
                   "compensa la mitad que ReLU pone a cero.")
    if not cerca(esperado):
        return _no(f"La desviación típica es {s:.4f} y debería ser √(2/n_entradas) = {esperado:.4f} "
                   "(con media 0). Usa rng.normal(0, desviacion, size=...).")
    z = (W - W.mean()) / s
    if np.mean(z**4) - 3 < -0.6:  # curtosis: 0 en una normal, −1.2 en una uniforme
        return _no("La escala es buena pero la distribución es uniforme (eso es «he_uniforme»); "
                   "aquí pedimos la normal: rng.normal(...).")
    n2, m2 = 256, 64  # otra forma: la fórmula no puede depender de números fijos
    W2 = np.asarray(funcion(n2, m2, np.random.default_rng(2)), dtype=float)
    if W2.shape != (n2, m2) or abs(W2.std() - np.sqrt(2 / n2)) > 0.05 * np.sqrt(2 / n2):
        return _no("Con 500 entradas va bien, pero con (256, 64) no: ¿dejaste números fijos en vez "
                   "de n_entradas y n_salidas?")
    return informar(True, f"desviación típica {s:.4f} ≈ √(2/500) = {esperado:.4f} "
                    f"(la de inicializar_pesos(..., 'he') es {referencia:.4f}).", "")


@autocomprobacion
def comprobar_raiz_segundo_momento(funcion: Callable[[np.ndarray], float]) -> bool:
    """Ejercicio 4 (implementar): ``funcion(a)`` debe devolver ``√E[a²]`` de todos los valores de ``a``."""
    rng = np.random.default_rng(4)
    a = np.maximum(rng.normal(0.0, 1.5, size=(200, 50)), 0.0)  # activaciones tras ReLU: media > 0
    esperado = float(np.sqrt(np.mean(a**2)))
    obtenido = np.asarray(funcion(a.copy()), dtype=float)
    if obtenido.shape in {(50,), (200,)}:
        return _no(f"Devolviste {obtenido.shape[0]} números: promediaste por un solo eje. Queremos "
                   "un único número para la capa entera (la media de todos los valores).")
    if obtenido.size != 1:
        return _no(f"Debe devolver un único número; devolvió un arreglo de forma {obtenido.shape}.")
    valor = float(obtenido.ravel()[0])
    candidatos = {
        float(a.std()): "Eso es la desviación típica σ: resta la media. La cuenta de He conserva E[x²], "
                        "y tras ReLU la media no es 0, así que σ es menor que √E[x²].",
        float(np.mean(a**2)): "Eso es E[a²]: falta la raíz cuadrada.",
        float(np.mean(np.abs(a))): "Eso es la media de |a|; eleva al cuadrado, promedia y saca la raíz.",
        float(np.sqrt(np.sum(a**2))): "Sumaste los cuadrados en vez de promediarlos (eso es la norma, que "
                                      "crece con el número de valores).",
    }
    for candidato, pista in candidatos.items():
        if np.isclose(valor, candidato, rtol=1e-6):
            return _no(pista)
    b = rng.normal(0.0, 0.3, size=(40, 7))  # otro caso, con negativos y media 0
    ok_b = np.isclose(float(np.asarray(funcion(b.copy()), dtype=float).ravel()[0]), np.sqrt(np.mean(b**2)))
    return informar(
        bool(np.isclose(valor, esperado, rtol=1e-6) and ok_b),
        f"√E[a²] = {esperado:.4f}, mientras que σ = {a.std():.4f}: tras ReLU la media "
        f"({a.mean():.4f}) no es 0 y las dos medidas difieren.",
        f"Para estas activaciones √E[a²] debería valer {esperado:.4f} y tu función da {valor:.4f}.",
    )


@autocomprobacion
def comprobar_activaciones_por_capa(funcion: Callable[[Secuencial, np.ndarray], list]) -> bool:
    """Ejercicio 5 (implementar): ``funcion(modelo, x)`` devuelve la salida de cada capa, en orden,
    como ``activaciones_por_capa`` del lab."""
    rng = np.random.default_rng(5)
    modelo = red_profunda(3, 6, Activacion(np.tanh, "tanh"), "xavier", semilla=rng)  # 6 capas cuadradas
    x = rng.normal(size=(4, 6))
    esperado = activaciones_por_capa(modelo, x)
    obtenido = funcion(modelo, x.copy())
    if isinstance(obtenido, np.ndarray) or not isinstance(obtenido, (list, tuple)):
        return _no(f"Devuelve una lista con un arreglo por capa; se recibió {type(obtenido).__name__}.")
    obtenido = [np.asarray(o) for o in obtenido]
    iguales = lambda lista, ref: len(lista) == len(ref) and all(  # noqa: E731
        o.shape == r.shape and np.allclose(o, r) for o, r in zip(lista, ref))
    if iguales(obtenido, [x, *esperado[:-1]]) or iguales(obtenido, [x, *esperado]):
        return _no("La lista empieza con la entrada x: guarda sólo las salidas de las capas.")
    if iguales(obtenido, [capa.forward(x) for capa in modelo]):
        return _no("Cada capa recibió la entrada ORIGINAL x. Hay que encadenar: "
                   "x = capa.forward(x), y la salida de una capa es la entrada de la siguiente.")
    if iguales(obtenido, esperado[-1:]):
        return _no("Devolviste sólo la salida final: guarda la salida de CADA capa.")
    if iguales(obtenido, esperado[::2]):
        return _no("Sólo guardaste las salidas de las capas densas: también cuentan las activaciones.")
    if len(obtenido) != len(esperado):
        return _no(f"El modelo tiene {len(esperado)} capas y devolviste {len(obtenido)} arreglos.")
    if not iguales(obtenido, esperado):
        return _no("El número de arreglos es el correcto, pero sus valores no: recorre las capas "
                   "en orden y guarda cada salida.")
    otro = Secuencial(CapaDensa(3, 5, semilla=rng), Activacion(np.tanh, "tanh"), CapaDensa(5, 2, semilla=rng))
    x2 = rng.normal(size=(7, 3))
    if not iguales([np.asarray(o) for o in funcion(otro, x2.copy())], activaciones_por_capa(otro, x2)):
        return _no("Con capas cuadradas funciona, pero con 3 → 5 → 2 no.")
    formas = " → ".join(str(a.shape) for a in activaciones_por_capa(otro, x2))
    return informar(True, f"una salida por capa; en la red 3 → 5 → 2: {formas}.", "")


@autocomprobacion
def comprobar_red_xnor(modelo) -> bool:
    """Ejercicio 6: una red que calcule XNOR (1 cuando las dos entradas son iguales)."""
    X, y_xor = datos_compuerta("XOR")
    y = 1 - y_xor
    if not hasattr(modelo, "forward"):
        return _no(f"Se esperaba una red con forward; se recibió {type(modelo).__name__}.")
    salida = np.asarray(modelo.forward(X), dtype=float).reshape(-1)
    if salida.shape != (4,):
        return _no(f"La red debe dar una salida por ejemplo (4 en total), no {salida.shape}.")
    if not np.all(np.isin(salida, (0.0, 1.0))):
        return _no(f"La salida {salida.round(4).tolist()} no es 0/1: ¿falta el escalón al final?")
    if np.array_equal(salida, y_xor):
        return _no("Tu red calcula XOR, no XNOR: hay que negar la salida (cambia los signos de la "
                   "última capa).")
    if np.all(salida == salida[0]):
        return _no(f"La red da {int(salida[0])} en las cuatro entradas: revisa el sesgo de la salida.")
    fallos = [tuple(int(v) for v in X[i]) for i in range(4) if salida[i] != y[i]]
    return informar(
        not fallos,
        "XNOR = NOT XOR: bastó con cambiar la capa de salida.",
        f"Falla en {fallos}. Pista: XNOR(a, b) = AND(a, b) o NOR(a, b); o niega la salida de la red XOR.",
    )
