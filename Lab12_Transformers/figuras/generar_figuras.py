"""Genera las figuras de ``teoria.md`` del Lab12 (sólo NumPy y matplotlib).

No importa el código del Lab12: las cuentas de cada figura son unas pocas líneas de NumPy,
escritas aquí para que la figura se pueda leer de principio a fin.

Uso (desde la raíz del curso)::

    python Lab12_Transformers/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402

CARPETA = Path(__file__).resolve().parent
sys.path.insert(0, str(CARPETA.parent.parent))  # la raíz del curso, para importar herramientas

from herramientas.figuras import guardar_figura  # noqa: E402

AZUL, ROJO, VERDE, NARANJA, GRIS = "#4c72b0", "#c44e52", "#55a868", "#dd8452", "#8c8c8c"
AMARILLO, AZUL_CLARO, VERDE_CLARO, ROJO_CLARO = "#fff3c4", "#c9dbf0", "#b8e0c2", "#f4c7c8"
MORADO_CLARO = "#ddd0ee"


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def _caja(ax: plt.Axes, x: float, y: float, ancho: float, alto: float, texto: str, color: str,
          tam_letra: float = 11) -> None:
    """Una caja redondeada centrada en (x, y) con su texto."""
    ax.add_patch(FancyBboxPatch((x - ancho / 2, y - alto / 2), ancho, alto, boxstyle="round,pad=0.04",
                                facecolor=color, edgecolor="black", lw=1.0, zorder=2))
    ax.text(x, y, texto, ha="center", va="center", fontsize=tam_letra, zorder=3)


def _flecha(ax: plt.Axes, inicio, fin, color: str = "black", lw: float = 1.3, rad: float = 0.0,
            alpha: float = 1.0) -> None:
    ax.add_patch(FancyArrowPatch(inicio, fin, arrowstyle="->", mutation_scale=13, color=color, lw=lw,
                                 connectionstyle=f"arc3,rad={rad}", zorder=1, alpha=alpha))


def _softmax(s: np.ndarray) -> np.ndarray:
    """Softmax estable por filas; las entradas -inf dan probabilidad 0."""
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def figura_cuello_botella() -> None:
    """Izquierda: una RNN pasa todo por un único estado. Derecha: la atención une cada par de posiciones."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.0))
    palabras = ["el", "gato", "come", "pescado", "fresco"]
    xs = np.arange(5) * 1.5
    # RNN
    for k, (x, palabra) in enumerate(zip(xs, palabras)):
        ax1.text(x, 0.0, palabra, ha="center", va="center", fontsize=11)
        _caja(ax1, x, 1.3, 0.9, 0.6, f"$h_{k + 1}$", AZUL_CLARO, 11)
        _flecha(ax1, (x, 0.25), (x, 0.98))
        if k > 0:
            _flecha(ax1, (xs[k - 1] + 0.47, 1.3), (x - 0.47, 1.3), color=ROJO, lw=1.8)
    _flecha(ax1, (xs[-1], 1.62), (xs[-1], 2.55), color=ROJO, lw=2.2)
    ax1.text(xs[-1], 2.75, "un solo vector $h_5$\npara todo", ha="center", va="bottom", fontsize=10,
             color=ROJO)
    ax1.text(xs[2], -0.75, "de $h_1$ a $h_5$: 4 pasos en serie (y 4 jacobianos hacia atrás)",
             ha="center", fontsize=10)
    ax1.set_title("Red recurrente: el estado es un cuello de botella", fontsize=11)
    ax1.set_xlim(-0.8, 6.8)
    ax1.set_ylim(-1.1, 3.7)
    ax1.axis("off")
    # atención
    for x, palabra in zip(xs, palabras):
        ax2.text(x, 0.0, palabra, ha="center", va="center", fontsize=11)
        _caja(ax2, x, 1.3, 0.9, 0.6, "", VERDE_CLARO, 11)
        _flecha(ax2, (x, 0.25), (x, 0.98))
    for i in range(5):
        for j in range(5):
            if i != j:
                alto = 0.45 + 0.28 * abs(i - j)
                ax2.add_patch(FancyArrowPatch((xs[j], 1.62), (xs[i], 1.62), arrowstyle="-", color=GRIS,
                                              lw=0.9, alpha=0.7, connectionstyle=f"arc3,rad={-alto / 3}"))
    ax2.text(xs[2], 3.0, "cada posición mira a todas las demás", ha="center", fontsize=10,
             color=VERDE)
    ax2.text(xs[2], -0.75, "camino de longitud 1 entre dos palabras; todas se calculan a la vez",
             ha="center", fontsize=10)
    ax2.set_title("Atención: todas con todas, en paralelo", fontsize=11)
    ax2.set_xlim(-0.8, 6.8)
    ax2.set_ylim(-1.1, 3.7)
    ax2.axis("off")
    fig.tight_layout()
    guardar(fig, "cuello_botella_atencion.png")


def figura_atencion_escalada() -> None:
    """Diagrama de la atención de producto escalado: Q, K, V → QKᵀ → /√d → máscara → softmax → ·V."""
    fig, ax = plt.subplots(figsize=(11, 3.6))
    y = 1.6
    _caja(ax, 0.7, 2.6, 1.0, 0.55, "$Q$\n(N, H, T, d)", AMARILLO, 9.5)
    _caja(ax, 0.7, 1.6, 1.0, 0.55, "$K$\n(N, H, T, d)", AMARILLO, 9.5)
    _caja(ax, 0.7, 0.35, 1.0, 0.55, "$V$\n(N, H, T, d)", AMARILLO, 9.5)
    pasos = [(2.6, "$QK^\\top$"), (4.2, "$\\div\\sqrt{d_k}$"), (5.8, "máscara\n(opcional)"),
             (7.4, "softmax\npor filas")]
    for x, texto in pasos:
        _caja(ax, x, y + 0.5, 1.15, 0.65, texto, AZUL_CLARO, 10)
    _flecha(ax, (1.25, 2.6), (2.0, 2.2))
    _flecha(ax, (1.25, 1.6), (2.0, 2.0))
    for (x0, _), (x1, _) in zip(pasos, pasos[1:]):
        _flecha(ax, (x0 + 0.62, y + 0.5), (x1 - 0.62, y + 0.5))
    _caja(ax, 9.2, 1.0, 1.0, 0.65, "$PV$", AZUL_CLARO, 11)
    _flecha(ax, (7.4, y + 0.15), (8.65, 1.15))
    _flecha(ax, (1.25, 0.35), (8.65, 0.85))
    _caja(ax, 10.5, 1.0, 1.0, 0.65, "$O$\n(N, H, T, d)", VERDE_CLARO, 9.5)
    _flecha(ax, (9.72, 1.0), (9.97, 1.0))
    ax.text(3.4, y + 1.05, "$S$: (N, H, T, T)", ha="center", fontsize=9.5, color=GRIS)
    ax.text(5.8, y + 1.05, "$-\\infty$ donde no\nse puede mirar", ha="center", fontsize=9.5, color=GRIS)
    ax.text(7.4, y + 1.05, "$P$: filas que\nsuman 1", ha="center", fontsize=9.5, color=GRIS)
    ax.text(5.6, -0.45, "$\\mathrm{Atención}(Q, K, V) = \\mathrm{softmax}(QK^\\top/\\sqrt{d_k})\\,V$"
            "    (cada salida es una media de los valores, ponderada por el parecido consulta–clave)",
            ha="center", fontsize=10.5)
    ax.set_xlim(0, 11.2)
    ax.set_ylim(-0.75, 3.2)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "atencion_escalada.png")


def figura_mascaras() -> None:
    """Mapas de atención de una frase de 5 tokens: sin máscara, causal y con relleno."""
    tokens = ["el", "gato", "come", "pescado", "<pad>"]
    generador = np.random.default_rng(3)
    d = 8
    q = generador.normal(size=(5, d))
    k = generador.normal(size=(5, d))
    s = q @ k.T / np.sqrt(d)
    causal = np.tril(np.ones((5, 5), dtype=bool))
    relleno = np.ones((5, 5), dtype=bool)
    relleno[:, 4] = False  # nadie mira la clave de relleno
    casos = [("sin máscara (codificador)", np.ones((5, 5), dtype=bool)),
             ("máscara causal (GPT)", causal),
             ("máscara de relleno", relleno)]
    fig, ejes = plt.subplots(1, 3, figsize=(11.5, 4.4))
    for ax, (titulo, mascara) in zip(ejes, casos):
        p = _softmax(np.where(mascara, s, -np.inf))
        ax.imshow(p, cmap="Blues", vmin=0, vmax=1)
        for i in range(5):
            for j in range(5):
                texto = f"{p[i, j]:.2f}" if mascara[i, j] else "—"
                ax.text(j, i, texto, ha="center", va="center", fontsize=8.5,
                        color="white" if p[i, j] > 0.6 else "black")
        ax.set_xticks(range(5), tokens, rotation=40, fontsize=9)
        ax.set_yticks(range(5), tokens, fontsize=9)
        ax.set_xlabel("clave (a quién se mira)", fontsize=9.5)
        ax.set_title(titulo, fontsize=10.5)
    ejes[0].set_ylabel("consulta (quién mira)", fontsize=9.5)
    fig.suptitle("Cada fila de P suma 1; «—» es una posición enmascarada (peso 0)", fontsize=11)
    fig.tight_layout()
    guardar(fig, "mascaras_atencion.png")


def figura_raiz_d() -> None:
    """Por qué se divide por √d: la desviación de q·k crece como √d y la softmax se satura."""
    generador = np.random.default_rng(0)
    dims = np.array([2, 4, 8, 16, 32, 64, 128, 256, 512])
    n_muestras, t = 2000, 16
    desv_sin, desv_con, max_sin, max_con = [], [], [], []
    for d in dims:
        q = generador.normal(size=(n_muestras, 1, d))
        k = generador.normal(size=(n_muestras, t, d))
        s = (q * k).sum(axis=-1)  # (n_muestras, t): las t puntuaciones de una consulta
        desv_sin.append(s.std())
        desv_con.append((s / np.sqrt(d)).std())
        max_sin.append(_softmax(s).max(axis=-1).mean())
        max_con.append(_softmax(s / np.sqrt(d)).max(axis=-1).mean())
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.9))
    ax1.plot(dims, desv_sin, "o-", color=ROJO, label="$q\\cdot k$")
    ax1.plot(dims, np.sqrt(dims), "--", color="black", lw=1.2, zorder=3, label="$\\sqrt{d}$ (la teoría)")
    ax1.plot(dims, desv_con, "o-", color=AZUL, label="$q\\cdot k/\\sqrt{d}$")
    ax1.set_xscale("log", base=2)
    ax1.set_yscale("log", base=2)
    ax1.set_xlabel("dimensión $d$ de consultas y claves")
    ax1.set_ylabel("desviación típica de la puntuación")
    ax1.set_title("q, k con componentes N(0, 1): Var(q·k) = d", fontsize=11)
    ax1.legend(fontsize=9, loc="upper left")
    ax1.grid(alpha=0.3)
    ax2.plot(dims, max_sin, "o-", color=ROJO, label="softmax($q\\cdot k$)")
    ax2.plot(dims, max_con, "o-", color=AZUL, label="softmax($q\\cdot k/\\sqrt{d}$)")
    ax2.axhline(1 / t, color=GRIS, ls=":", lw=1)
    ax2.text(2.2, 1 / t + 0.02, f"uniforme: 1/{t}", fontsize=9, color=GRIS)
    ax2.set_xscale("log", base=2)
    ax2.set_ylim(0, 1.05)
    ax2.set_xlabel("dimensión $d$")
    ax2.set_ylabel(f"peso mayor de la fila (media, T = {t})")
    ax2.set_title("Sin escalar, la softmax se satura (casi one-hot)", fontsize=11)
    ax2.legend(fontsize=9, loc="center right")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "raiz_d.png")


def figura_codificacion_posicional() -> None:
    """Mapa de calor de las codificaciones sinusoidales y su producto escalar según la distancia."""
    t_max, d = 64, 64
    pos = np.arange(t_max)[:, None]
    i = np.arange(d // 2)[None, :]
    angulo = pos / 10000 ** (2 * i / d)
    pe = np.zeros((t_max, d))
    pe[:, 0::2] = np.sin(angulo)
    pe[:, 1::2] = np.cos(angulo)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.0), gridspec_kw={"width_ratios": [1.3, 1]})
    imagen = ax1.imshow(pe, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    ax1.set_xlabel("componente $j$ (pares: seno, impares: coseno)")
    ax1.set_ylabel("posición $t$")
    ax1.set_title(f"$PE_{{t,j}}$ con $D = {d}$: frecuencias de rápidas a lentas", fontsize=11)
    fig.colorbar(imagen, ax=ax1, fraction=0.046, pad=0.03)
    ref = 20
    ax2.plot(np.arange(t_max), pe @ pe[ref], color=AZUL)
    ax2.axvline(ref, color=GRIS, ls=":", lw=1)
    ax2.set_xlabel("posición $t$")
    ax2.set_ylabel(f"$PE_t \\cdot PE_{{{ref}}}$")
    ax2.set_title(f"Parecido con la posición {ref}: máximo en ella,\nbaja al alejarse", fontsize=11)
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "codificacion_posicional.png")


def figura_bloque() -> None:
    """Bloque transformer pre-norm (izquierda) frente a post-norm (derecha)."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 6.0))

    def suma(ax, x, y):
        ax.add_patch(Circle((x, y), 0.2, facecolor="white", edgecolor="black", zorder=3))
        ax.text(x, y, "+", ha="center", va="center", fontsize=13, zorder=4)

    # pre-norm
    ax = ax1
    ax.text(2.0, 0.0, "$x$  (N, T, D)", ha="center", fontsize=11)
    ax.plot([2.0, 2.0], [0.3, 6.7], color=VERDE, lw=3, zorder=0)
    _caja(ax, 3.2, 1.3, 1.6, 0.5, "LayerNorm", MORADO_CLARO, 10)
    _caja(ax, 3.2, 2.3, 1.6, 0.6, "atención\nmulticabeza", AZUL_CLARO, 10)
    suma(ax, 2.0, 3.2)
    _caja(ax, 3.2, 4.1, 1.6, 0.5, "LayerNorm", MORADO_CLARO, 10)
    _caja(ax, 3.2, 5.1, 1.6, 0.6, "MLP  D→4D→D\n(GELU)", AMARILLO, 10)
    suma(ax, 2.0, 6.0)
    _flecha(ax, (2.0, 0.7), (3.2, 1.05))
    _flecha(ax, (3.2, 1.55), (3.2, 1.98))
    _flecha(ax, (3.2, 2.62), (2.2, 3.2))
    _flecha(ax, (2.0, 3.5), (3.2, 3.85))
    _flecha(ax, (3.2, 4.35), (3.2, 4.78))
    _flecha(ax, (3.2, 5.42), (2.2, 6.0))
    ax.text(2.0, 6.85, "salida (N, T, D)", ha="center", fontsize=11)
    ax.text(0.75, 3.6, "camino\nresidual\nlimpio", fontsize=10, color=VERDE, ha="left")
    ax.text(2.5, -0.75, "$x \\leftarrow x + \\mathrm{Atención}(\\mathrm{LN}(x))$\n"
            "$x \\leftarrow x + \\mathrm{MLP}(\\mathrm{LN}(x))$", ha="center", fontsize=10.5)
    ax.set_title("pre-norm (GPT-2, el de la práctica)", fontsize=11)
    ax.set_xlim(0, 4.8)
    ax.set_ylim(-1.3, 7.3)
    ax.axis("off")
    # post-norm
    ax = ax2
    ax.text(2.0, 0.0, "$x$  (N, T, D)", ha="center", fontsize=11)
    ax.plot([2.0, 2.0], [0.3, 2.2], color=VERDE, lw=3, zorder=0)
    ax.plot([2.0, 2.0], [3.5, 5.1], color=VERDE, lw=3, zorder=0)
    _caja(ax, 3.2, 1.3, 1.6, 0.6, "atención\nmulticabeza", AZUL_CLARO, 10)
    suma(ax, 2.0, 2.4)
    _caja(ax, 2.0, 3.1, 1.6, 0.45, "LayerNorm", MORADO_CLARO, 10)
    _caja(ax, 3.2, 4.2, 1.6, 0.6, "MLP  D→4D→D", AMARILLO, 10)
    suma(ax, 2.0, 5.3)
    _caja(ax, 2.0, 6.0, 1.6, 0.45, "LayerNorm", MORADO_CLARO, 10)
    _flecha(ax, (2.0, 0.7), (3.2, 0.98))
    _flecha(ax, (3.2, 1.62), (2.2, 2.4))
    _flecha(ax, (2.0, 2.6), (2.0, 2.86))
    _flecha(ax, (2.0, 3.55), (3.2, 3.88))
    _flecha(ax, (3.2, 4.52), (2.2, 5.3))
    _flecha(ax, (2.0, 5.5), (2.0, 5.76))
    _flecha(ax, (2.0, 6.25), (2.0, 6.65))
    ax.text(2.0, 6.85, "salida (N, T, D)", ha="center", fontsize=11)
    ax.text(2.5, -0.75, "$x \\leftarrow \\mathrm{LN}(x + \\mathrm{Atención}(x))$\n"
            "$x \\leftarrow \\mathrm{LN}(x + \\mathrm{MLP}(x))$", ha="center", fontsize=10.5)
    ax.set_title("post-norm (el artículo de 2017, BERT)", fontsize=11)
    ax.set_xlim(0, 4.8)
    ax.set_ylim(-1.3, 7.3)
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "bloque_transformer.png")


def figura_topk_topp() -> None:
    """Una misma distribución del token siguiente, recortada con top-k (k = 3) y con top-p (p = 0.85)."""
    tokens = ["pescado", "carne", "pienso", "mucho", "poco", "sopa", "rápido"]
    p = np.array([0.40, 0.25, 0.15, 0.10, 0.05, 0.03, 0.02])
    k, umbral = 3, 0.85
    acumulada = np.cumsum(p)
    n_nucleo = int(np.searchsorted(acumulada, umbral - 1e-12) + 1)  # el menor conjunto con masa ≥ p
    casos = [("distribución del modelo", p, np.ones(7, dtype=bool)),
             (f"top-k con k = {k}", p, np.arange(7) < k),
             (f"top-p con p = {umbral}", p, np.arange(7) < n_nucleo)]
    fig, ejes = plt.subplots(1, 3, figsize=(11.5, 3.8), sharey=True)
    for ax, (titulo, prob, guardado) in zip(ejes, casos):
        nueva = np.where(guardado, prob, 0.0)
        nueva = nueva / nueva.sum()
        colores = [AZUL if g else "#dddddd" for g in guardado]
        barras = ax.bar(range(7), nueva, color=colores)
        for barra, valor, g in zip(barras, nueva, guardado):
            if g:
                ax.text(barra.get_x() + barra.get_width() / 2, valor + 0.012, f"{valor:.2f}", ha="center",
                        fontsize=8.5)
        ax.set_xticks(range(7), tokens, rotation=45, fontsize=9)
        ax.set_title(titulo, fontsize=10.5)
        ax.set_ylim(0, 0.62)
        ax.grid(axis="y", alpha=0.3)
    ejes[2].text(6.4, 0.55, f"masa acumulada:\n{' → '.join(f'{a:.2f}' for a in acumulada[:n_nucleo])}",
                 ha="right", va="top", fontsize=8.5)
    ejes[0].set_ylabel("probabilidad")
    fig.suptitle("«el gato come …»: top-k guarda un número fijo de candidatos; top-p, los que suman p "
                 "(y se renormaliza)", fontsize=10.5)
    fig.tight_layout()
    guardar(fig, "topk_topp.png")


def figura_bert_gpt_vit() -> None:
    """Qué ve cada posición y con qué tarea se preentrena: BERT, GPT y ViT."""
    fig, ejes = plt.subplots(1, 3, figsize=(12, 4.8))
    t = 5
    # BERT: atención completa, tokens enmascarados
    bert = ["[CLS]", "el", "[MASK]", "come", "[SEP]"]
    gpt = ["el", "gato", "come", "pescado", "fresco"]
    vit = ["[CLS]", "P1", "P2", "P3", "P4"]
    todo = np.ones((t, t), dtype=bool)
    mascaras = [todo, np.tril(todo), todo]
    titulos = ["BERT: codificador bidireccional", "GPT: decodificador causal", "ViT: codificador de parches"]
    tareas = ["preentrena: adivinar [MASK] = «gato»\n(modelo de lenguaje enmascarado)",
              "preentrena: predecir el token siguiente\n(el → gato, el gato → come, …)",
              ("entrena: clasificar la imagen con la salida de [CLS]\n"
               "(P1…P4: los 4 parches 4×4 de un dígito 8×8)")]
    for ax, etiquetas, mascara, titulo, tarea in zip(ejes, [bert, gpt, vit], mascaras, titulos, tareas):
        ax.imshow(np.where(mascara, 1.0, 0.0), cmap="Greens", vmin=0, vmax=1.6)
        for i in range(t):
            for j in range(t):
                color = VERDE if mascara[i, j] else "#eeeeee"
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=color, edgecolor="white", lw=1.5))
        ax.set_xticks(range(t), etiquetas, rotation=40, fontsize=9)
        ax.set_yticks(range(t), etiquetas, fontsize=9)
        ax.set_title(titulo, fontsize=10.5)
        ax.text(0.5, -0.3, tarea, ha="center", va="top", fontsize=9.5, transform=ax.transAxes)
        ax.set_xlim(-0.5, 4.5)
        ax.set_ylim(4.5, -0.5)
    ejes[0].set_ylabel("cada fila: lo que ve esa posición (verde)", fontsize=9.5)
    fig.tight_layout()
    fig.subplots_adjust(bottom=0.3, top=0.93)
    guardar(fig, "bert_gpt_vit.png")


if __name__ == "__main__":
    figura_cuello_botella()
    figura_atencion_escalada()
    figura_mascaras()
    figura_raiz_d()
    figura_codificacion_posicional()
    figura_bloque()
    figura_topk_topp()
    figura_bert_gpt_vit()
