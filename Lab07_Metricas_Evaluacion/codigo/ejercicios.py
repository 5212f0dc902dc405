"""Autocomprobaciones de los ejercicios del Lab07 (escriben ✅ o ❌ con una pista).

Cada una nombra el error típico de su ejercicio (FP y FN cambiados, precisión y sensibilidad
intercambiadas, empates del AUC, pliegues por turnos en vez de en bloques, ``ddof=0`` o 1.96 en
lugar de la t de Student…). Con el relleno de la versión del estudiante dicen «sin hacer».
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import stats

from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar

from .curvas import auc_roc
from .incertidumbre import comparar_pareado
from .metricas import precision_sensibilidad_f
from .umbrales import metricas_por_umbral
from .validacion_cruzada import numeros_de_pliegue

__all__ = [
    "EJEMPLO_Y_VERDADERO",
    "EJEMPLO_Y_PREDICHO",
    "CONTEOS_Y_VERDADERO",
    "CONTEOS_Y_PREDICHO",
    "comprobar_conteos",
    "comprobar_precision_sensibilidad_f1",
    "comprobar_exactitud_enganosa",
    "comprobar_f1_macro",
    "comprobar_auc_por_parejas",
    "comprobar_umbral_sensibilidad",
    "comprobar_pliegues_estratificados",
    "comprobar_comparacion_pareada",
    "comprobar_brier_a_mano",
]

#: El ejemplo de la teoría (sección 1), para contar a mano (1 = positivo).
EJEMPLO_Y_VERDADERO = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
EJEMPLO_Y_PREDICHO = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])

#: El ejemplo de los ejercicios 1 y 2: doce ejemplos, cinco positivos.
CONTEOS_Y_VERDADERO = np.array([1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0])
CONTEOS_Y_PREDICHO = np.array([1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1])


def _mal(pista: str) -> bool:
    return informar(False, "", pista)


def _numero(valor: object) -> float | None:
    try:
        return float(valor)
    except (TypeError, ValueError):
        return None


def _conteos_ejercicio() -> tuple[int, int, int, int]:
    v, p = CONTEOS_Y_VERDADERO == 1, CONTEOS_Y_PREDICHO == 1
    return int(np.sum(v & p)), int(np.sum(~v & p)), int(np.sum(v & ~p)), int(np.sum(~v & ~p))


@autocomprobacion
def comprobar_conteos(vp: int, fp: int, fn: int, vn: int) -> bool:
    """Ejercicio 1: VP, FP, FN y VN de ``CONTEOS_Y_VERDADERO`` / ``CONTEOS_Y_PREDICHO``."""
    correcto = _conteos_ejercicio()
    respuesta = tuple(_numero(v) for v in (vp, fp, fn, vn))
    if None in respuesta:
        return _mal("Responde con cuatro números enteros.")
    if respuesta == correcto:
        vp, fp, fn, vn = correcto
        return informar(True, f"VP = {vp}, FP = {fp}, FN = {fn}, VN = {vn} "
                        f"(suman los {CONTEOS_Y_VERDADERO.size} ejemplos).", "")
    if (respuesta[0], respuesta[2], respuesta[1], respuesta[3]) == correcto:
        return _mal("Has intercambiado FP y FN. Un falso positivo es una falsa alarma (real 0, "
                    "predicho 1); un falso negativo, un positivo que se escapa (real 1, predicho 0).")
    if sum(respuesta) != CONTEOS_Y_VERDADERO.size:
        return _mal(f"Tus cuatro números suman {sum(respuesta):g}, pero hay "
                    f"{CONTEOS_Y_VERDADERO.size} ejemplos: cada ejemplo cae en exactamente una casilla.")
    malos = [n for n, r, c in zip(("VP", "FP", "FN", "VN"), respuesta, correcto) if r != c]
    return _mal(f"Revisa {', '.join(malos)}. VP: real 1 y predicho 1; FP: real 0 y predicho 1; "
                "FN: real 1 y predicho 0; VN: real 0 y predicho 0.")


@autocomprobacion
def comprobar_precision_sensibilidad_f1(precision: float, sensibilidad: float, f1: float) -> bool:
    """Ejercicio 2: precisión, sensibilidad y F1 del ejemplo del ejercicio 1."""
    r = precision_sensibilidad_f(CONTEOS_Y_VERDADERO, CONTEOS_Y_PREDICHO, promedio="binario")
    respuesta = [_numero(v) for v in (precision, sensibilidad, f1)]
    if None in respuesta:
        return _mal("Responde con tres números.")
    p, s, f = respuesta
    vp, fp, fn, _ = _conteos_ejercicio()
    if np.allclose([p, s], [r.sensibilidad, r.precision], atol=1e-3):
        return _mal(f"Has intercambiado precisión y sensibilidad. La precisión divide por lo "
                    f"PREDICHO positivo, VP + FP = {vp + fp}; la sensibilidad, por lo REALMENTE positivo, "
                    f"VP + FN = {vp + fn}.")
    if not np.allclose([p, s], [r.precision, r.sensibilidad], atol=1e-3):
        return _mal("Precisión = VP/(VP+FP), sensibilidad = VP/(VP+FN), con los conteos "
                    "del ejercicio 1.")
    if np.isclose(f, (p + s) / 2, atol=1e-3):
        return _mal("Ésa es la media aritmética de P y S. F1 es la media ARMÓNICA: 2·P·S/(P+S).")
    return informar(
        bool(np.isclose(f, r.f, atol=1e-3)),
        f"P = {vp}/{vp + fp} = {r.precision:.4f}, S = {vp}/{vp + fn} = {r.sensibilidad:.4f}, "
        f"F1 = 2PS/(P+S) = {r.f:.4f}.",
        "F1 = 2·P·S/(P+S) = 2·VP/(2·VP + FP + FN).",
    )


@autocomprobacion
def comprobar_exactitud_enganosa(exactitud_trivial: float, exactitud_balanceada_trivial: float) -> bool:
    """Ejercicio 3: 2000 transacciones, 40 fraudulentas; un detector que SIEMPRE dice «fraude»."""
    e, b = (_numero(v) for v in (exactitud_trivial, exactitud_balanceada_trivial))
    if e is None or b is None:
        return _mal("Responde con dos números entre 0 y 1.")
    if np.isclose(e, 0.98):
        return _mal("0.98 sería la exactitud del detector que dice siempre «legítima». Éste "
                    "dice siempre «fraude»: sólo acierta las 40 fraudulentas.")
    if not np.isclose(e, 40 / 2000):
        return _mal("Exactitud = aciertos / total: ¿cuántas de las 2000 acierta si a todas "
                    "las llama «fraude»?")
    if np.isclose(b, e):
        return _mal("La exactitud balanceada no es la exactitud: es la media de la "
                    "sensibilidad de CADA clase (la de «fraude» y la de «legítima»).")
    return informar(
        bool(np.isclose(b, 0.5)),
        "exactitud 0.02, pero balanceada 0.5: el mismo valor que «siempre legítima» (0.98 de exactitud). "
        "Ninguno de los dos ha aprendido nada.",
        "Sensibilidad de «fraude»: 40/40 = 1; de «legítima»: 0/1960 = 0. La balanceada es su media.",
    )


def _matriz_a_etiquetas(matriz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    filas, columnas = np.indices(matriz.shape)
    return np.repeat(filas.ravel(), matriz.ravel()), np.repeat(columnas.ravel(), matriz.ravel())


@autocomprobacion
def comprobar_f1_macro(funcion: Callable[[np.ndarray], tuple[float, float, float]]) -> bool:
    """Ejercicio 4: ``funcion(matriz)`` → ``(precision_macro, sensibilidad_macro, f1_macro)`` a partir
    de una matriz de confusión ``(C, C)`` (filas: clase real; columnas: predicha)."""
    rng = np.random.default_rng(0)
    # la primera es asimétrica (precisión ≠ sensibilidad) y tiene una clase que nunca se predice (0/0)
    matrices = [np.array([[5, 1, 0], [3, 2, 0], [4, 0, 0]])]
    matrices += [rng.integers(0, 15, size=(c, c)) for c in rng.integers(2, 6, size=20)]
    for matriz in matrices:
        c = matriz.shape[0]
        y_v, y_p = _matriz_a_etiquetas(matriz)
        r = precision_sensibilidad_f(y_v, y_p, promedio="macro", clases=np.arange(c))
        obtenido = funcion(matriz.copy())
        try:
            p, s, f = (float(v) for v in obtenido)
        except (TypeError, ValueError):
            return _mal("Tu función debe devolver tres números: (precisión, sensibilidad, F1), "
                        f"todos macro; devolvió {obtenido!r}.")
        if np.isnan([p, s, f]).any():
            return _mal(f"Con la matriz {matriz.tolist()} tu función dio NaN: una clase que "
                        "nunca se predice tiene precisión 0/0, que aquí vale 0 (usa np.divide con where=).")
        if np.allclose([p, s], [r.precision, r.sensibilidad], atol=1e-9):
            pass
        elif np.allclose([p, s], [r.sensibilidad, r.precision], atol=1e-9):
            return _mal(f"Con la matriz {matriz.tolist()} has intercambiado precisión y "
                        "sensibilidad. Precisión: VP / suma de la COLUMNA (lo predicho, axis=0); "
                        "sensibilidad: VP / suma de la FILA (lo real, axis=1).")
        else:
            return _mal(f"Con la matriz {matriz.tolist()} se esperaba P = {r.precision:.4f} y "
                        f"S = {r.sensibilidad:.4f}; tu función dio P = {p:.4f}, S = {s:.4f}. VP = diagonal; "
                        "precisión y sensibilidad de cada clase y después la media simple.")
        if not np.isclose(f, r.f, atol=1e-9):
            media_armonica = 2 * p * s / (p + s) if p + s > 0 else 0.0
            if np.isclose(f, media_armonica, atol=1e-9):
                return _mal(f"Con la matriz {matriz.tolist()}, tu F1 es la media armónica de "
                            "la P macro y la S macro. El F1 macro es la media de los F1 DE CADA CLASE.")
            return _mal(f"Con la matriz {matriz.tolist()} se esperaba F1 macro {r.f:.4f} y tu "
                        f"función dio {f:.4f}: F1 de cada clase = 2·VP/(2·VP + FP + FN), y su media.")
    return informar(True, "precisión, sensibilidad y F1 macro correctos en 21 matrices (una con 0/0).", "")


@autocomprobacion
def comprobar_auc_por_parejas(funcion: Callable[[np.ndarray, np.ndarray], float]) -> bool:
    """Ejercicio 5: ``funcion(y, puntuaciones)`` = fracción de parejas (positivo, negativo) bien
    ordenadas, con los empates valiendo ½."""
    rng = np.random.default_rng(1)
    for _ in range(20):
        n = int(rng.integers(5, 40))
        y = np.r_[0, 1, rng.integers(0, 2, n - 2)]
        s = np.round(rng.random(n), 1)  # con empates
        esperado = auc_roc(y, s)
        obtenido = _numero(funcion(y.copy(), s.copy()))
        if obtenido is not None and np.isclose(obtenido, esperado, atol=1e-9):
            continue
        pos, neg = s[y == 1][:, None], s[y == 0][None, :]
        if obtenido is not None and np.isclose(obtenido, np.mean(pos > neg)) and np.any(pos == neg):
            return _mal(f"Se esperaba {esperado:.4f} y tu función dio {obtenido:.4f}: no cuentas "
                        "los empates. Cada pareja empatada (==) suma ½.")
        if obtenido is not None and np.isclose(obtenido, np.mean(pos >= neg)) and np.any(pos == neg):
            return _mal(f"Se esperaba {esperado:.4f} y tu función dio {obtenido:.4f}: cuentas "
                        "los empates como 1 (>=). Cada pareja empatada vale sólo ½.")
        return _mal(f"Se esperaba {esperado:.4f} y tu función dio {obtenido}. Compara todas las "
                    "parejas con s_pos[:, None] > s_neg[None, :] y suma ½ por cada empate (==).")
    return informar(True, "tu AUC por parejas coincide con auc_roc (también con empates).", "")


@autocomprobacion
def comprobar_umbral_sensibilidad(umbral: float, y_verdadero: np.ndarray, puntuaciones: np.ndarray,
                                  objetivo: float) -> bool:
    """Ejercicio 6: el umbral con la mejor precisión entre los que logran sensibilidad ≥ ``objetivo``."""
    u = _numero(umbral)
    if u is None:
        return _mal("El umbral debe ser un número.")
    m = metricas_por_umbral(y_verdadero, puntuaciones)
    y_pred = np.asarray(puntuaciones) >= u
    positivos = np.asarray(y_verdadero) == 1
    vp = np.sum(y_pred & positivos)
    sensibilidad = vp / positivos.sum()
    precision = vp / y_pred.sum() if y_pred.sum() else 0.0
    mejor = m["precision"][m["sensibilidad"] >= objetivo].max()
    if sensibilidad < objetivo:
        return _mal(f"Con umbral {u:.4f} la sensibilidad es {sensibilidad:.4f} < {objetivo}: "
                    "baja el umbral.")
    return informar(
        bool(precision >= mejor - 1e-12),
        f"sensibilidad {sensibilidad:.4f} ≥ {objetivo} con precisión {precision:.4f}, la mejor posible.",
        f"Cumples la sensibilidad pero la precisión ({precision:.4f}) puede llegar a {mejor:.4f}: "
        "sube el umbral todo lo que permita el objetivo.",
    )


@autocomprobacion
def comprobar_pliegues_estratificados(funcion: Callable[[np.ndarray, int], np.ndarray]) -> bool:
    """Ejercicio 7: ``funcion(y, k)`` → número de pliegue ``(N,)`` de cada ejemplo, sin barajar,
    igual que ``numeros_de_pliegue(y, k, estratificar=True, barajar=False)`` y que
    ``StratifiedKFold(k)`` de scikit-learn (las clases de ``y`` aparecen por primera vez en orden
    0, 1, 2…)."""
    rng = np.random.default_rng(2)
    for _ in range(10):
        k = int(rng.integers(2, 6))
        cuentas = rng.integers(k, 40, size=int(rng.integers(2, 4)))
        c = cuentas.size
        resto = rng.permutation(np.repeat(np.arange(c), cuentas - 1))
        y = np.r_[np.arange(c), resto]  # cada clase aparece por primera vez en orden
        esperado = numeros_de_pliegue(y, k, estratificar=True, barajar=False)
        pliegues = np.asarray(funcion(y.copy(), k))
        if pliegues.shape != y.shape or not np.array_equal(np.unique(pliegues), np.arange(k)):
            return _mal(f"Se esperaba un vector de forma {y.shape} con valores 0..{k - 1}; "
                        f"tu función devolvió forma {pliegues.shape}.")
        if np.array_equal(pliegues, esperado):
            continue
        tabla = np.zeros((k, c), dtype=int)
        np.add.at(tabla, (pliegues, y), 1)
        tabla_esperada = np.zeros((k, c), dtype=int)
        np.add.at(tabla_esperada, (esperado, y), 1)
        tamanos = tabla.sum(axis=1)
        if np.any(tabla < (cuentas // k)[None, :]) or np.any(tabla > -(-cuentas // k)[None, :]):
            return _mal(
                f"No estratificas: con {cuentas.tolist()} ejemplos por clase y k={k}, tus pliegues "
                f"tienen por clase {tabla.tolist()}; cada pliegue debería recibir ⌊n_c/k⌋ o ⌈n_c/k⌉ "
                "de cada clase. "
                "Pista: ordena por clase (np.argsort(y, kind='stable')) y numera por turnos (posición % k).",
            )
        if tamanos.max() - tamanos.min() > 1:
            return _mal(
                f"Cada clase está bien repartida, pero los pliegues miden {tamanos.tolist()} ejemplos: "
                "deberían diferir como mucho en 1. Pista: numera por turnos (posición % k) a lo largo de "
                "todos los ejemplos ya ordenados por clase, sin volver a empezar en 0 con cada clase.",
            )
        if np.array_equal(tabla, tabla_esperada):
            return _mal(
                "Los conteos por clase son correctos, pero repartes los ejemplos por turnos "
                "(0, 1, 2, 0, 1…). scikit-learn y el lab usan los turnos sólo para decidir CUÁNTOS van a "
                "cada pliegue; después, dentro de cada clase, asignan bloques contiguos: los primeros "
                "ejemplos al pliegue 0, los "
                "siguientes al 1… (ordena los números de pliegue de cada clase con np.sort).",
            )
        return _mal(f"Con {cuentas.tolist()} ejemplos por clase y k={k}, tus conteos por pliegue "
                    f"son {tabla.tolist()} y se esperaban {tabla_esperada.tolist()}.")
    return informar(True, "tus pliegues coinciden con numeros_de_pliegue y StratifiedKFold (sin barajar).",
                    "")


@autocomprobacion
def comprobar_comparacion_pareada(
    funcion: Callable[[np.ndarray, np.ndarray], tuple[float, float, float]],
) -> bool:
    """Ejercicio 8: ``funcion(a, b)`` → ``(media, inferior, superior)``: la diferencia media
    ``a − b`` y su intervalo t pareado al 95 % (como ``comparar_pareado``)."""
    rng = np.random.default_rng(3)
    for _ in range(10):
        k = int(rng.integers(4, 11))
        comun = rng.normal(0.85, 0.05, k)  # lo que tienen en común los dos modelos en cada pliegue
        a = comun + rng.normal(0.01, 0.01, k)
        b = comun + rng.normal(0.0, 0.01, k)
        r = comparar_pareado(a, b)
        obtenido = funcion(a.copy(), b.copy())
        try:
            media, inf, sup = (float(v) for v in obtenido)
        except (TypeError, ValueError):
            return _mal(f"Tu función debe devolver tres números (media, inferior, superior); "
                        f"devolvió {obtenido!r}.")
        if np.allclose([media, inf, sup], [r.media, *r.intervalo], atol=1e-9):
            continue
        if not np.isclose(media, r.media, atol=1e-9):
            return _mal(f"La diferencia media debería ser mean(a − b) = {r.media:.4f}; "
                        f"tu función dio {media:.4f}.")
        mitad = (sup - inf) / 2
        if not np.isclose(media, (inf + sup) / 2, atol=1e-9):
            return _mal("El intervalo debe estar centrado en la diferencia media: media ± margen.")
        d = a - b
        t = stats.t.ppf(0.975, k - 1)
        s_d = d.std(ddof=1)
        sin_emparejar = np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / k)
        mensaje_sin_emparejar = ("No emparejas: calculas el margen con la desviación de a y la de b por "
                                 "separado. En los mismos pliegues hay que mirar las diferencias d = a − b, "
                                 "pliegue a pliegue.")
        candidatos = [
            ("Usas la desviación con ddof=0. Con k pliegues, la desviación de las diferencias se estima "
             "con k − 1 en el denominador: np.std(d, ddof=1).", t * d.std(ddof=0) / np.sqrt(k)),
            ("Usas 1.96 (la normal). Con pocos pliegues hay que usar la t de Student con k − 1 grados de "
             "libertad: stats.t.ppf(0.975, k - 1), que es mayor.", 1.96 * s_d / np.sqrt(k)),
            ("Usas k grados de libertad; la t pareada tiene k − 1.",
             stats.t.ppf(0.975, k) * s_d / np.sqrt(k)),
            ("Olvidas dividir por √k: el margen es t · s_d / √k (el error típico de la media).", t * s_d),
            (mensaje_sin_emparejar, t * sin_emparejar),
            (mensaje_sin_emparejar, stats.t.ppf(0.975, 2 * k - 2) * sin_emparejar),
        ]
        for mensaje, margen in candidatos:
            if np.isclose(mitad, margen, atol=1e-9):
                return _mal(mensaje)
        return _mal(f"Con k = {k} el intervalo debería ser [{r.intervalo[0]:.4f}, "
                    f"{r.intervalo[1]:.4f}] y tu función dio [{inf:.4f}, {sup:.4f}]. Margen: "
                    "t_{k−1} · std(d, ddof=1) / √k.")
    return informar(True, "diferencia media e intervalo t pareado correctos en 10 casos al azar.", "")


@autocomprobacion
def comprobar_brier_a_mano(brier_a: float, brier_b: float) -> bool:
    """Ejercicio 9: 500 ejemplos, 100 positivos. Modelo A: 0.8 a cada positivo y 0.1 a cada negativo;
    modelo B: 0.2 a todos (la proporción de positivos). Sus puntuaciones de Brier."""
    a, b = (_numero(v) for v in (brier_a, brier_b))
    if a is None or b is None:
        return _mal("Responde con dos números.")
    if np.isclose(a, 0.12) or np.isclose(b, 0.32):
        return _mal("Eso es el error ABSOLUTO medio. La puntuación de Brier eleva cada error al cuadrado: "
                    "mean((p − y)²).")
    if np.isclose(a, 0.025) or np.isclose(b, 0.34):
        return _mal("Promedias las dos clases como si tuvieran los mismos ejemplos. Hay 100 positivos y 400 "
                    "negativos: suma los 500 errores al cuadrado y divide por 500.")
    if any(np.isclose(a, v) for v in (0.04, 0.01)) or any(np.isclose(b, v) for v in (0.64, 0.04)):
        return _mal("Has contado sólo un tipo de ejemplo. Suma los errores al cuadrado de los 100 positivos "
                    "(p − 1)² y de los 400 negativos (p − 0)², y divide por 500.")
    if not np.isclose(a, 0.016):
        return _mal("Modelo A: (100·(0.8 − 1)² + 400·(0.1 − 0)²) / 500.")
    return informar(
        bool(np.isclose(b, 0.16)),
        "A: (100·0.04 + 400·0.01)/500 = 0.016; B: (100·0.64 + 400·0.04)/500 = 0.16 = 0.2·0.8. Decir "
        "siempre la proporción de positivos es la referencia que un modelo útil tiene que mejorar.",
        "Modelo B: (100·(0.2 − 1)² + 400·(0.2 − 0)²) / 500.",
    )
