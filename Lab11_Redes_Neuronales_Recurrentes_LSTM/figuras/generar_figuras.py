"""Genera las figuras de ``teoria.md`` del Lab11 (sólo NumPy, matplotlib y statsmodels).

No importa el código del Lab11: las cuentas de cada figura son unas pocas líneas de NumPy,
escritas aquí para que la figura se pueda leer de principio a fin.

Uso (desde la raíz del curso)::

    python Lab11_Redes_Neuronales_Recurrentes_LSTM/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402

CARPETA = Path(__file__).resolve().parent
sys.path.insert(0, str(CARPETA.parent.parent))  # la raíz del curso, para importar herramientas

from herramientas.figuras import guardar_figura  # noqa: E402

AZUL, ROJO, VERDE, NARANJA, GRIS = "#4c72b0", "#c44e52", "#55a868", "#dd8452", "#8c8c8c"
AMARILLO, AZUL_CLARO, VERDE_CLARO, ROJO_CLARO = "#fff3c4", "#c9dbf0", "#b8e0c2", "#f4c7c8"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def _caja(ax: plt.Axes, x: float, y: float, ancho: float, alto: float, texto: str, color: str,
          tam_letra: float = 11) -> None:
    """Una caja redondeada centrada en (x, y) con su texto."""
    ax.add_patch(FancyBboxPatch((x - ancho / 2, y - alto / 2), ancho, alto, boxstyle="round,pad=0.04",
                                facecolor=color, edgecolor="black", lw=1.0, zorder=2))
    ax.text(x, y, texto, ha="center", va="center", fontsize=tam_letra, zorder=3)


def _flecha(ax: plt.Axes, inicio, fin, color: str = "black", lw: float = 1.3, rad: float = 0.0) -> None:
    ax.add_patch(FancyArrowPatch(inicio, fin, arrowstyle="->", mutation_scale=13, color=color, lw=lw,
                                 connectionstyle=f"arc3,rad={rad}", zorder=1))


def figura_rnn_desenrollada() -> None:
    """La celda recurrente plegada (con su bucle) y la misma celda desenrollada en 4 pasos."""
    fig, ax = plt.subplots(figsize=(11, 3.9))
    # plegada
    _caja(ax, 1.0, 2.0, 1.2, 0.8, "celda\n$W_{ih}, W_{hh}$", AZUL_CLARO, 10)
    ax.text(1.0, 0.35, "$x_t$", ha="center", fontsize=13)
    ax.text(1.0, 3.55, "$h_t$", ha="center", fontsize=13)
    _flecha(ax, (1.0, 0.6), (1.0, 1.58))
    _flecha(ax, (1.0, 2.42), (1.0, 3.35))
    _flecha(ax, (1.62, 2.2), (1.62, 1.8), color=ROJO, lw=1.8, rad=-2.2)
    ax.text(2.15, 2.0, "$h_{t-1}$", color=ROJO, fontsize=11, va="center")
    ax.text(2.9, 2.0, "=", fontsize=22, ha="center", va="center")
    # desenrollada
    xs = [4.6 + 1.85 * k for k in range(4)]
    ax.text(3.5, 2.0, "$h_0$", fontsize=13, ha="center", va="center")
    for k, x in enumerate(xs, start=1):
        _caja(ax, x, 2.0, 1.2, 0.8, "celda", AZUL_CLARO, 10)
        ax.text(x, 0.35, f"$x_{k}$", ha="center", fontsize=13)
        ax.text(x, 3.55, f"$h_{k}$", ha="center", fontsize=13)
        _flecha(ax, (x, 0.6), (x, 1.58))
        _flecha(ax, (x, 2.42), (x, 3.35))
        origen = 3.75 if k == 1 else xs[k - 2] + 0.62
        _flecha(ax, (origen, 2.0), (x - 0.62, 2.0), color=ROJO, lw=1.8)
        if k > 1:
            ax.text((origen + x - 0.62) / 2, 2.15, "$W_{hh}$", color=ROJO, fontsize=10, ha="center",
                    va="bottom")
    ax.text(xs[-1] + 0.75, 2.0, "…", fontsize=16, va="center")
    ax.text((xs[0] + xs[-1]) / 2, -0.35,
            "los mismos pesos en todos los pasos:  "
            "$h_t = \\tanh(W_{ih}x_t + b_{ih} + W_{hh}h_{t-1} + b_{hh})$",
            ha="center", fontsize=11)
    ax.text(1.0, -0.35, "plegada", ha="center", fontsize=10.5, color=GRIS)
    ax.text((xs[0] + xs[-1]) / 2, 4.1, "desenrollada en el tiempo (T = 4)", ha="center", fontsize=10.5,
            color=GRIS)
    ax.set_xlim(0, 11.3)
    ax.set_ylim(-0.7, 4.4)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "rnn_desenrollada.png")


def figura_celda_lstm() -> None:
    """Diagrama de una celda LSTM: las cuatro puertas y el camino aditivo de la celda c."""
    fig, ax = plt.subplots(figsize=(10, 5.2))
    arriba, medio, abajo = 4.0, 2.3, 0.9
    # camino de la celda (arriba)
    ax.plot([0.3, 9.7], [arriba, arriba], color=VERDE, lw=3, zorder=0)
    ax.text(0.2, arriba + 0.25, "$c_{t-1}$", fontsize=13, ha="left")
    ax.text(9.8, arriba + 0.25, "$c_t$", fontsize=13, ha="right")
    for x, signo in [(3.0, "×"), (5.5, "+")]:
        ax.add_patch(Circle((x, arriba), 0.28, facecolor="white", edgecolor="black", zorder=3))
        ax.text(x, arriba, signo, ha="center", va="center", fontsize=15, zorder=4)
    # puertas
    puertas = [(3.0, "$f_t$ = σ(·)\nolvido"), (4.45, "$i_t$ = σ(·)\nentrada"),
               (5.95, "$g_t$ = tanh(·)\ncandidato"), (7.4, "$o_t$ = σ(·)\nsalida")]
    for x, texto in puertas:
        _caja(ax, x, medio, 1.25, 0.8, texto, AMARILLO if "σ" in texto else AZUL_CLARO, 9.5)
    # entradas: [h_{t-1}, x_t] por abajo
    ax.plot([0.3, 7.4], [abajo, abajo], color="black", lw=1.3)
    ax.text(0.2, abajo - 0.45, "$h_{t-1}$,  $x_t$", fontsize=12, ha="left")
    for x, _ in puertas:
        _flecha(ax, (x, abajo), (x, medio - 0.4))
    _flecha(ax, (3.0, medio + 0.4), (3.0, arriba - 0.28))
    # i ⊙ g
    ax.add_patch(Circle((5.2, 3.25), 0.24, facecolor="white", edgecolor="black", zorder=3))
    ax.text(5.2, 3.25, "×", ha="center", va="center", fontsize=13, zorder=4)
    _flecha(ax, (4.45, medio + 0.42), (5.03, 3.08))
    _flecha(ax, (5.95, medio + 0.42), (5.37, 3.08))
    _flecha(ax, (5.28, 3.48), (5.45, arriba - 0.27))
    # salida: tanh(c_t) ⊙ o_t
    _caja(ax, 8.6, 3.25, 0.85, 0.5, "tanh", AZUL_CLARO, 10)
    _flecha(ax, (8.6, arriba), (8.6, 3.5))
    ax.add_patch(Circle((8.6, medio), 0.24, facecolor="white", edgecolor="black", zorder=3))
    ax.text(8.6, medio, "×", ha="center", va="center", fontsize=13, zorder=4)
    _flecha(ax, (8.6, 3.0), (8.6, medio + 0.24))
    _flecha(ax, (8.03, medio), (8.36, medio))
    _flecha(ax, (8.84, medio), (9.7, medio))
    ax.text(9.8, medio + 0.2, "$h_t$", fontsize=13, ha="right")
    ax.text(5.0, arriba + 0.55,
            "camino aditivo: $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$,   "
            "$\\partial c_t/\\partial c_{t-1} = f_t$",
            ha="center", fontsize=11, color=VERDE)
    ax.text(5.0, -0.25, "$h_t = o_t \\odot \\tanh(c_t)$   (orden de PyTorch: i, f, g, o)", ha="center",
            fontsize=11)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.5, 4.9)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "celda_lstm.png")


def figura_gradiente_potencias() -> None:
    """w^t para w = 0.5, 1 y 1.5 (escala log) y la derivada de tanh."""
    t = np.arange(0, 21)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.9), gridspec_kw={"width_ratios": [1.5, 1]})
    for w, color in [(1.5, ROJO), (1.0, GRIS), (0.5, AZUL)]:
        ax1.plot(t, w ** t, "o-", color=color, ms=3.5, label=f"$w = {w:g}$")
    ax1.set_yscale("log")
    ax1.set_xlabel("pasos hacia atrás $t$")
    ax1.set_ylabel("factor del gradiente $w^t$ (escala log)")
    ax1.set_title("El gradiente multiplicado por $w$ en cada paso", fontsize=11)
    ax1.annotate(f"$1.5^{{20}} \\approx {1.5 ** 20:.0f}$", (20, 1.5 ** 20), (12.5, 3e3), fontsize=10,
                 arrowprops={"arrowstyle": "->"})
    ax1.annotate("$0.5^{20} \\approx 9.5\\cdot 10^{-7}$", (20, 0.5 ** 20), (11, 1e-5), fontsize=10,
                 arrowprops={"arrowstyle": "->"})
    ax1.legend(loc="upper left", fontsize=9)
    ax1.grid(alpha=0.3)
    a = np.linspace(-4, 4, 201)
    ax2.plot(a, np.tanh(a), color=AZUL, label="$\\tanh(a)$")
    ax2.plot(a, 1 - np.tanh(a) ** 2, color=NARANJA, label="$\\tanh'(a) = 1 - \\tanh^2(a)$")
    ax2.axhline(0, color="black", lw=0.6)
    ax2.set_xlabel("$a$")
    ax2.set_title("tanh' vale 1 como mucho", fontsize=11)
    ax2.legend(loc="lower right", fontsize=9)
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "gradiente_potencias.png")


def serie_co2():
    """CO₂ mensual de Mauna Loa (statsmodels, 1958–2001): medias de las semanas, huecos interpolados."""
    from statsmodels.datasets import co2

    semanal = co2.load_pandas().data["co2"]
    return semanal.resample("MS").mean().interpolate()


def figura_co2() -> None:
    """La serie con el entrenamiento, la validación y la prueba sombreados, y dos años de cerca."""
    serie = serie_co2()
    cortes = [("entrenamiento", "1958", "1989", AZUL), ("validación", "1990", "1995", NARANJA),
              ("prueba", "1996", "2001", ROJO)]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.9), gridspec_kw={"width_ratios": [2.3, 1]})
    ax1.plot(serie.index, serie.values, color="black", lw=0.9)
    for nombre, inicio, fin, color in cortes:
        trozo = serie[inicio:fin]
        ax1.axvspan(trozo.index[0], trozo.index[-1], color=color, alpha=0.15, lw=0)
        arriba = nombre == "entrenamiento"  # las otras dos, abajo: la serie pasa por arriba
        ax1.text(trozo.index[len(trozo) // 2], 373 if arriba else 316, f"{nombre}\n{inicio}–{fin}",
                 ha="center", va="top" if arriba else "bottom", fontsize=9, color=color)
    maximo = serie[:"1989"].max()
    ax1.axhline(maximo, color=AZUL, ls="--", lw=0.9)
    ax1.text(serie.index[5], maximo + 0.8, f"máximo del entrenamiento ({maximo:.1f} ppm)", fontsize=9,
             color=AZUL)
    ax1.set_ylabel("CO₂ (ppm)")
    ax1.set_title("CO₂ mensual en Mauna Loa: la partición respeta el tiempo", fontsize=11)
    ax1.grid(alpha=0.3)
    dos_anos = serie["1980":"1981"]
    ax2.plot(dos_anos.index, dos_anos.values, "o-", color="black", ms=3)
    ax2.set_title("1980–1981 de cerca: ciclo de 12 meses", fontsize=11)
    ax2.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax2.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax2.tick_params(axis="x", labelrotation=30)
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "co2_particion.png")


def figura_ventanas() -> None:
    """Ventanas deslizantes: p valores de entrada y el objetivo h pasos después."""
    fig, ax = plt.subplots(figsize=(10, 3.3))
    n, p, h = 14, 5, 1
    for fila, inicio in enumerate(range(3)):
        y = 2.2 - fila * 0.95
        for j in range(n):
            if inicio <= j < inicio + p:
                color = AZUL_CLARO
            elif j == inicio + p + h - 1:
                color = ROJO_CLARO
            else:
                color = "white"
            ax.add_patch(Rectangle((j, y), 1, 0.7, facecolor=color, edgecolor="black", lw=0.7))
            if fila == 0:
                ax.text(j + 0.5, y + 1.0, f"$y_{{{j + 1}}}$", ha="center", fontsize=10)
        ax.text(n + 0.3, y + 0.35, f"ventana {fila + 1}: $(y_{{{inicio + 1}}},\\dots,y_{{{inicio + p}}})"
                f" \\to y_{{{inicio + p + h}}}$", va="center", fontsize=10)
    ax.text(0, -0.55, f"azul: entrada de p = {p} pasos   ·   rojo: objetivo a horizonte h = {h}   ·   "
            "cada ventana avanza un paso", fontsize=10)
    ax.set_xlim(-0.2, n + 5.6)
    ax.set_ylim(-0.8, 3.5)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "ventanas_series.png")


def figura_temperatura() -> None:
    """softmax(z/τ) de los logits (2, 1, 0) para τ = 0.5, 1 y 2."""
    z = np.array([2.0, 1.0, 0.0])
    fig, ejes = plt.subplots(1, 3, figsize=(10, 3.3), sharey=True)
    for ax, tau in zip(ejes, (0.5, 1.0, 2.0)):
        q = np.exp((z - z.max()) / tau)
        q /= q.sum()
        barras = ax.bar(["a", "b", "c"], q, color=[AZUL, NARANJA, VERDE])
        for barra, valor in zip(barras, q):
            ax.text(barra.get_x() + barra.get_width() / 2, valor + 0.02, f"{valor:.3f}", ha="center",
                    fontsize=10)
        ax.set_title(f"τ = {tau:g}", fontsize=11)
        ax.set_ylim(0, 1.05)
        ax.grid(axis="y", alpha=0.3)
    ejes[0].set_ylabel("probabilidad")
    fig.suptitle("softmax(z / τ) con logits z = (2, 1, 0): τ pequeña afila, τ grande aplana", fontsize=11)
    fig.tight_layout()
    guardar(fig, "temperatura_softmax.png")


def figura_relleno() -> None:
    """Tres secuencias de longitudes 5, 3 y 2 rellenas hasta T = 5, con su máscara y su último paso real."""
    fig, ax = plt.subplots(figsize=(9.5, 3.0))
    longitudes = [5, 3, 2]
    palabras = [["el", "gato", "come", "pescado", "fresco"], ["la", "red", "aprende"], ["hola", "mundo"]]
    for fila, (largo, frase) in enumerate(zip(longitudes, palabras)):
        y = 2.0 - fila * 0.9
        for t in range(5):
            real = t < largo
            color = (ROJO_CLARO if t == largo - 1 else AZUL_CLARO) if real else "#e8e8e8"
            ax.add_patch(Rectangle((t * 1.3, y), 1.3, 0.7, facecolor=color, edgecolor="black", lw=0.7))
            ax.text(t * 1.3 + 0.65, y + 0.35, frase[t] if real else "<pad>", ha="center", va="center",
                    fontsize=9.5, color="black" if real else GRIS)
        mascara = " ".join("1" if t < largo else "0" for t in range(5))
        ax.text(7.0, y + 0.35, f"longitud {largo}   máscara [{mascara}]", va="center", fontsize=10)
    ax.text(0, -0.5, "gris: relleno (no cuenta en la pérdida ni en el estado)   ·   rojo: el último paso "
            "real, el que debe leer el clasificador", fontsize=9.5)
    ax.set_xlim(-0.1, 11.5)
    ax.set_ylim(-0.75, 2.9)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "relleno_mascara.png")


if __name__ == "__main__":
    figura_rnn_desenrollada()
    figura_celda_lstm()
    figura_gradiente_potencias()
    figura_co2()
    figura_ventanas()
    figura_temperatura()
    figura_relleno()
