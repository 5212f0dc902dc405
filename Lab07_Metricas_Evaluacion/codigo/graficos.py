"""Gráficos de evaluación: matriz de confusión, curvas ROC y PR, métricas frente al umbral,
el reparto de los pliegues de la validación cruzada y el diagrama de fiabilidad (calibración)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .calibracion import curva_calibracion, puntuacion_brier
from .curvas import auc_roc, curva_precision_sensibilidad, curva_roc, precision_promedio
from .etiquetas import como_etiquetas, preparar_binario
from .matriz_confusion import normalizar_matriz
from .umbrales import UmbralElegido, metricas_por_umbral

__all__ = [
    "graficar_matriz_confusion",
    "graficar_curva_roc",
    "graficar_curva_pr",
    "graficar_metricas_umbral",
    "graficar_pliegues",
    "graficar_calibracion",
]


def graficar_matriz_confusion(
    matriz: object,
    nombres_clases: Sequence[str] | None = None,
    normalizar: str | None = None,
    ax: plt.Axes | None = None,
    titulo: str | None = None,
    cmap: str = "Blues",
) -> plt.Axes:
    """Dibuja la matriz ``(C, C)`` (filas: clase real; columnas: predicha) con su valor en cada celda.

    Con ``normalizar="verdadero"`` cada celda muestra la fracción de su fila (la diagonal es
    la sensibilidad de cada clase) y, debajo, el conteo.
    """
    conteos = np.asarray(matriz)
    if conteos.ndim != 2 or conteos.shape[0] != conteos.shape[1] or conteos.size == 0:
        raise ValueError(f"se esperaba una matriz cuadrada (C, C), se recibió forma {conteos.shape}")
    c = conteos.shape[0]
    nombres = [str(i) for i in range(c)] if nombres_clases is None else [str(n) for n in nombres_clases]
    if len(nombres) != c:
        raise ValueError(f"la matriz tiene {c} clases pero hay {len(nombres)} nombres_clases")
    valores = normalizar_matriz(conteos, normalizar).astype(np.float64)
    ax = ax or plt.gca()
    maximo = valores.max() if valores.max() > 0 else 1.0
    ax.imshow(valores, cmap=cmap, vmin=0, vmax=maximo)
    pequena = c <= 12
    for (i, j), v in np.ndenumerate(valores):
        if not pequena:
            break
        texto = f"{v:.2f}\n({conteos[i, j]:g})" if normalizar else f"{conteos[i, j]:g}"
        ax.text(j, i, texto, ha="center", va="center", fontsize=8 if c > 5 else 10,
                color="white" if v > 0.6 * maximo else "black")
    ax.set_xticks(range(c), nombres, rotation=45 if max(len(n) for n in nombres) > 3 else 0)
    ax.set_yticks(range(c), nombres)
    ax.set_xlabel("clase predicha")
    ax.set_ylabel("clase verdadera")
    ax.set_title(titulo or ("Matriz de confusión" + (f" (normalizada: {normalizar})" if normalizar else "")))
    return ax


def _marcar(ax: plt.Axes, x: float, y: float, texto: str) -> None:
    ax.plot([x], [y], "o", ms=8, mfc="none", mec="k", mew=1.5)
    ax.annotate(texto, (x, y), textcoords="offset points", xytext=(8, -14), fontsize=8)


def graficar_curva_roc(
    y_verdadero: object,
    puntuaciones: object,
    ax: plt.Axes | None = None,
    etiqueta: str | None = None,
    etiqueta_positiva: object = 1,
    marcar: UmbralElegido | None = None,
) -> plt.Axes:
    """Curva ROC (tasa de falsos positivos → sensibilidad) con su AUC en la leyenda.

    La diagonal punteada es un clasificador al azar. ``marcar`` señala un umbral elegido.
    """
    tfp, tvp, _ = curva_roc(y_verdadero, puntuaciones, etiqueta_positiva)
    area = auc_roc(y_verdadero, puntuaciones, etiqueta_positiva=etiqueta_positiva)
    ax = ax or plt.gca()
    ax.plot(tfp, tvp, lw=2, label=f"{etiqueta + ' · ' if etiqueta else ''}AUC = {area:.3f}")
    if not any(linea.get_gid() == "azar" for linea in ax.lines):  # la diagonal, una sola vez
        ax.plot([0, 1], [0, 1], "k:", lw=1, label="azar (AUC = 0.5)", gid="azar")
    if marcar is not None:
        _marcar(ax, 1 - marcar.especificidad, marcar.sensibilidad, f"umbral {marcar.umbral:.2f}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("tasa de falsos positivos (1 − especificidad)")
    ax.set_ylabel("sensibilidad (tasa de verdaderos positivos)")
    ax.set_title("Curva ROC")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
    return ax


def graficar_curva_pr(
    y_verdadero: object,
    puntuaciones: object,
    ax: plt.Axes | None = None,
    etiqueta: str | None = None,
    etiqueta_positiva: object = 1,
    marcar: UmbralElegido | None = None,
) -> plt.Axes:
    """Curva precisión-sensibilidad (en escalones) con la precisión promedio (AP) en la leyenda.

    La línea horizontal es la proporción de positivos: lo que obtendría el azar.
    """
    p, s, _ = curva_precision_sensibilidad(y_verdadero, puntuaciones, etiqueta_positiva)
    ap = precision_promedio(y_verdadero, puntuaciones, etiqueta_positiva=etiqueta_positiva)
    positivos, _ = preparar_binario(y_verdadero, puntuaciones, etiqueta_positiva)
    ax = ax or plt.gca()
    linea, = ax.step(s, p, where="post", lw=2, label=f"{etiqueta + ' · ' if etiqueta else ''}AP = {ap:.3f}")
    proporcion = float(positivos.mean())
    ya_dibujada = any(l.get_gid() == "azar" and np.isclose(l.get_ydata()[0], proporcion) for l in ax.lines)
    if not ya_dibujada:  # la línea del azar, una vez por cada proporción de positivos distinta
        ax.axhline(proporcion, color=linea.get_color(), ls=":", lw=1, gid="azar",
                   label=f"azar (proporción de positivos = {proporcion:.2f})")
    if marcar is not None:
        _marcar(ax, marcar.sensibilidad, marcar.precision, f"umbral {marcar.umbral:.2f}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel("sensibilidad (recall)")
    ax.set_ylabel("precisión")
    ax.set_title("Curva precisión-sensibilidad")
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(alpha=0.3)
    return ax


def graficar_metricas_umbral(
    y_verdadero: object,
    puntuaciones: object,
    ax: plt.Axes | None = None,
    etiqueta_positiva: object = 1,
    metricas: Sequence[str] = ("precision", "sensibilidad", "f", "especificidad"),
    marcar: UmbralElegido | None = None,
) -> plt.Axes:
    """Cada métrica de ``metricas_por_umbral`` en función del umbral (positivo si puntuación ≥ umbral)."""
    m = metricas_por_umbral(y_verdadero, puntuaciones, etiqueta_positiva)
    desconocidas = [n for n in metricas if n not in m or n == "umbrales"]
    if desconocidas:
        validas = [k for k in m if k != "umbrales"]
        raise ValueError(f"métricas desconocidas: {desconocidas}; válidas: {validas}")
    nombres = {"precision": "precisión", "f": "F1", "tfp": "tasa de falsos positivos"}
    ax = ax or plt.gca()
    for nombre in metricas:
        ax.step(m["umbrales"], m[nombre], where="post", lw=1.8, label=nombres.get(nombre, nombre))
    if marcar is not None:
        ax.axvline(marcar.umbral, color="k", ls="--", lw=1, label=f"umbral elegido = {marcar.umbral:.2f}")
    ax.set_xlabel("umbral")
    ax.set_ylabel("valor")
    ax.set_ylim(-0.02, 1.05)
    ax.set_title("Métricas según el umbral")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return ax


def graficar_pliegues(
    pliegues: object, y: object | None = None, ax: plt.Axes | None = None, titulo: str | None = None
) -> plt.Axes:
    """Una fila por pliegue: qué ejemplos validan (oscuro) y cuáles entrenan (claro).

    ``pliegues`` es el vector ``(N,)`` de ``numeros_de_pliegue``. Con ``y`` se añade debajo una
    fila con la clase de cada ejemplo, para ver la estratificación.
    """
    numeros = np.asarray(pliegues)
    if numeros.ndim != 1 or numeros.size == 0 or numeros.dtype.kind not in "iu":
        raise ValueError("pliegues debe ser el vector (N,) de enteros que devuelve numeros_de_pliegue")
    k = int(numeros.max()) + 1
    filas = (numeros[None, :] == np.arange(k)[:, None]).astype(float)
    ax = ax or plt.gca()
    ax.imshow(filas, aspect="auto", cmap=ListedColormap(["#cfe2f3", "#1f4e79"]), interpolation="nearest",
              extent=(-0.5, numeros.size - 0.5, k - 0.5, -0.5))
    etiquetas_y = [f"pliegue {i + 1}" for i in range(k)]
    if y is not None:
        clases = como_etiquetas(y, "y")
        if clases.shape != numeros.shape:
            raise ValueError(f"y tiene {clases.shape[0]} ejemplos pero pliegues tiene {numeros.size}")
        _, codigo = np.unique(clases, return_inverse=True)
        ax.imshow(codigo[None, :], aspect="auto", cmap="tab10", vmin=0, vmax=9, interpolation="nearest",
                  extent=(-0.5, numeros.size - 0.5, k + 0.5, k - 0.5))
        etiquetas_y.append("clase")
        ax.set_ylim(k + 0.5, -0.5)
    ax.set_yticks(range(len(etiquetas_y)), etiquetas_y)
    ax.set_xlabel("índice del ejemplo")
    ax.set_title(titulo or "Validación cruzada: oscuro = validación, claro = entrenamiento")
    return ax


def graficar_calibracion(
    y_verdadero: object,
    probabilidades: object,
    ax: plt.Axes | None = None,
    etiqueta: str | None = None,
    n_intervalos: int = 10,
    estrategia: str = "uniforme",
    etiqueta_positiva: object = 1,
) -> plt.Axes:
    """Diagrama de fiabilidad: probabilidad media predicha (x) frente a fracción real de positivos
    (y) en cada intervalo de ``curva_calibracion``, con la puntuación de Brier en la leyenda.

    La diagonal es la calibración perfecta; por debajo, el modelo se pasa de confiado en los
    positivos (dice 0.8 y sólo lo son el 50 %); por encima, se queda corto.
    """
    fraccion, media, cuentas = curva_calibracion(y_verdadero, probabilidades, n_intervalos, estrategia,
                                                 etiqueta_positiva)
    brier = puntuacion_brier(y_verdadero, probabilidades, etiqueta_positiva)
    ax = ax or plt.gca()
    if not any(linea.get_gid() == "calibrado" for linea in ax.lines):
        ax.plot([0, 1], [0, 1], "k:", lw=1, gid="calibrado", label="calibración perfecta")
    ax.plot(media, fraccion, "o-", lw=1.8, ms=4,
            label=f"{etiqueta + ' · ' if etiqueta else ''}Brier = {brier:.4f}")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("probabilidad media predicha")
    ax.set_ylabel("fracción real de positivos")
    ax.set_title(f"Diagrama de fiabilidad ({len(cuentas)} intervalos con datos)")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    return ax
