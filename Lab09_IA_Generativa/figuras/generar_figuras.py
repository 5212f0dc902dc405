"""Genera las figuras de ``teoria.md`` del Lab09 (sólo NumPy y matplotlib).

No importa el código de ningún laboratorio: las cuentas de cada figura son unas pocas líneas de
NumPy, escritas aquí para que la figura se pueda leer de principio a fin.

Uso (desde la raíz del curso)::

    python Lab09_IA_Generativa/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon  # noqa: E402

CARPETA = Path(__file__).resolve().parent
sys.path.insert(0, str(CARPETA.parent.parent))  # la raíz del curso, para importar herramientas

from herramientas.figuras import guardar_figura  # noqa: E402

AZUL, ROJO, VERDE, NARANJA, GRIS = "#4c72b0", "#c44e52", "#55a868", "#dd8452", "#8c8c8c"
AMARILLO, AZUL_CLARO, VERDE_CLARO, ROJO_CLARO = "#fff3c4", "#c9dbf0", "#b8e0c2", "#f4c7c8"
MORADO_CLARO = "#ddd0ee"
COLORES_CLASE = plt.get_cmap("tab10").colors

# Un «3» de 8×8 dibujado a mano (valores 0–16, como los de load_digits), para los diagramas.
TRES = np.array([
    [0, 3, 12, 16, 15, 6, 0, 0],
    [0, 8, 13, 6, 11, 14, 0, 0],
    [0, 0, 0, 0, 10, 13, 0, 0],
    [0, 0, 4, 13, 16, 8, 0, 0],
    [0, 0, 2, 8, 12, 15, 4, 0],
    [0, 0, 0, 0, 1, 14, 10, 0],
    [0, 6, 10, 4, 9, 16, 7, 0],
    [0, 4, 14, 16, 15, 7, 0, 0],
], dtype=float)


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


def _imagen(ax: plt.Axes, x: float, y: float, lado: float, pixeles: np.ndarray) -> None:
    """Dibuja una imagen 8×8 en escala de grises centrada en (x, y) con lado ``lado``."""
    ax.imshow(pixeles, cmap="gray_r", vmin=0, vmax=16, interpolation="nearest",
              extent=(x - lado / 2, x + lado / 2, y - lado / 2, y + lado / 2), zorder=2)
    ax.add_patch(FancyBboxPatch((x - lado / 2, y - lado / 2), lado, lado, boxstyle="square,pad=0",
                                fill=False, edgecolor="black", lw=0.8, zorder=3))


def figura_autoencoder() -> None:
    """Codificador (embudo) → cuello de botella z → decodificador (embudo al revés)."""
    fig, ax = plt.subplots(figsize=(11, 3.9))
    generador = np.random.default_rng(0)
    _imagen(ax, 0.8, 1.5, 1.3, TRES)
    ax.text(0.8, 0.45, "$x$: 8×8 = 64 píxeles", ha="center", fontsize=10)
    ax.add_patch(Polygon([(1.8, 0.4), (4.2, 1.05), (4.2, 1.95), (1.8, 2.6)], closed=True,
                         facecolor=AZUL_CLARO, edgecolor="black", zorder=1))
    ax.text(3.0, 1.5, "codificador\n$f_\\phi$\n64 → 32 → 2", ha="center", va="center", fontsize=10.5)
    _caja(ax, 5.0, 1.5, 0.95, 0.8, "$z$\n(2 números)", AMARILLO, 9.5)
    ax.add_patch(Polygon([(5.8, 1.05), (8.2, 0.4), (8.2, 2.6), (5.8, 1.95)], closed=True,
                         facecolor=VERDE_CLARO, edgecolor="black", zorder=1))
    ax.text(7.0, 1.5, "decodificador\n$g_\\theta$\n2 → 32 → 64", ha="center", va="center", fontsize=10.5)
    reconstruida = np.clip(TRES + generador.normal(0, 2.2, size=(8, 8)), 0, 16)
    reconstruida = np.clip(0.8 * reconstruida + 0.2 * 8 * (TRES > 0), 0, 16)
    _imagen(ax, 9.2, 1.5, 1.3, reconstruida)
    ax.text(9.2, 0.45, "$\\hat x = g_\\theta(f_\\phi(x))$", ha="center", fontsize=10)
    _flecha(ax, (1.48, 1.5), (1.8, 1.5))
    _flecha(ax, (4.2, 1.5), (4.48, 1.5))
    _flecha(ax, (5.52, 1.5), (5.8, 1.5))
    _flecha(ax, (8.2, 1.5), (8.53, 1.5))
    ax.text(5.0, 2.25, "cuello de botella", ha="center", fontsize=10, color=NARANJA)
    ax.add_patch(FancyArrowPatch((0.8, 2.2), (9.2, 2.2), arrowstyle="<->", mutation_scale=12, color=ROJO,
                                 lw=1.2, connectionstyle="arc3,rad=-0.25", zorder=0))
    ax.text(5.0, 3.35, "pérdida de reconstrucción  $\\mathcal{L} = \\|x - \\hat x\\|^2$  (o entropía cruzada "
            "binaria por píxel)", ha="center", fontsize=10.5, color=ROJO)
    ax.set_xlim(-0.1, 10.1)
    ax.set_ylim(0.1, 3.7)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "autoencoder.png")


def figura_espacio_latente() -> None:
    """Códigos de un autoencoder (grupos dispersos y huecos) frente a los de un VAE (pegados a N(0, I))."""
    generador = np.random.default_rng(1)
    n_por_clase = 60
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 5.0))
    # autoencoder: cada clase, una nube alargada en un sitio arbitrario, con escalas muy distintas
    centros = generador.uniform(-9, 9, size=(10, 2))
    for k in range(10):
        angulo = generador.uniform(0, np.pi)
        giro = np.array([[np.cos(angulo), -np.sin(angulo)], [np.sin(angulo), np.cos(angulo)]])
        escala = np.diag(generador.uniform([0.3, 0.1], [1.6, 0.5]))
        puntos = centros[k] + generador.normal(size=(n_por_clase, 2)) @ escala @ giro.T
        ax1.scatter(puntos[:, 0], puntos[:, 1], s=8, color=COLORES_CLASE[k], label=str(k))
    huecos = [(0.0, 0.0), (-6.0, 6.0), (6.5, -6.0)]
    for x, y in huecos:
        ax1.plot(x, y, marker="x", color="black", ms=11, mew=2.5)
    ax1.annotate("¿qué imagen sale de aquí?", xy=huecos[0], xytext=(-9.5, -11.5), fontsize=10,
                 arrowprops={"arrowstyle": "->", "color": "black"})
    ax1.set_title("Autoencoder: códigos donde caigan, con huecos", fontsize=11)
    ax1.set_xlim(-13, 13)
    ax1.set_ylim(-13, 17)
    ax1.set_xlabel("$z_1$")
    ax1.set_ylabel("$z_2$")
    ax1.legend(fontsize=8, ncol=5, loc="upper center", columnspacing=0.8, handletextpad=0.1,
               title="dígito", title_fontsize=8, markerscale=1.5)
    # VAE: las medias μ(x) se juntan cerca del origen y cubren la gaussiana
    angulos = np.arange(10) * 2 * np.pi / 10
    for k in range(10):
        centro = 1.3 * np.array([np.cos(angulos[k]), np.sin(angulos[k])])
        puntos = centro + 0.45 * generador.normal(size=(n_por_clase, 2))
        ax2.scatter(puntos[:, 0], puntos[:, 1], s=8, color=COLORES_CLASE[k])
    for r in (1, 2, 3):
        ax2.add_patch(Ellipse((0, 0), 2 * r, 2 * r, fill=False, ls="--", color=GRIS, lw=1.1))
        ax2.text(r * 0.72, r * 0.72, f"{r}σ", fontsize=9, color=GRIS)
    muestras = generador.normal(size=(6, 2))
    ax2.scatter(muestras[:, 0], muestras[:, 1], marker="*", s=140, color="black", zorder=3,
                label="$z \\sim \\mathcal{N}(0, I)$: casi siempre\ncae cerca de códigos reales")
    ax2.set_title("VAE: el término KL pega los códigos a $\\mathcal{N}(0, I)$", fontsize=11)
    ax2.set_xlim(-3.6, 3.6)
    ax2.set_ylim(-3.6, 3.6)
    ax2.set_xlabel("$z_1$")
    ax2.set_ylabel("$z_2$")
    ax2.legend(fontsize=9, loc="lower right")
    for ax in (ax1, ax2):
        ax.set_aspect("equal")
        ax.grid(alpha=0.25)
    fig.tight_layout()
    guardar(fig, "espacio_latente.png")


def _kl_normal_estandar(mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """KL( N(μ, σ²) || N(0, 1) ) = ½ (σ² + μ² − 1 − ln σ²)."""
    return 0.5 * (sigma**2 + mu**2 - 1 - np.log(sigma**2))


def figura_kl_gaussianas() -> None:
    """KL de N(μ, σ²) respecto de N(0, 1): como función de μ, de σ y en un mapa (μ, σ)."""
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(12.5, 3.9), gridspec_kw={"width_ratios": [1, 1, 1.2]})
    mu = np.linspace(-3, 3, 301)
    for sigma, color in [(1.0, AZUL), (0.5, NARANJA), (2.0, VERDE)]:
        ax1.plot(mu, _kl_normal_estandar(mu, np.full_like(mu, sigma)), color=color, label=f"σ = {sigma}")
    ax1.set_xlabel("$\\mu$")
    ax1.set_ylabel("KL (nats)")
    ax1.set_title("Parábola en μ: ½ μ² más una constante", fontsize=10.5)
    ax1.legend(fontsize=9)
    ax1.grid(alpha=0.3)
    sigma = np.linspace(0.05, 3, 300)
    for m, color in [(0.0, AZUL), (1.0, ROJO)]:
        ax2.plot(sigma, _kl_normal_estandar(np.full_like(sigma, m), sigma), color=color, label=f"μ = {m:g}")
    ax2.plot(0.5, _kl_normal_estandar(1.0, 0.5), "o", color="black")
    ax2.annotate("μ = 1, σ = 0.5:\nKL = 0.818", xy=(0.5, 0.818), xytext=(1.2, 2.4), fontsize=9,
                 arrowprops={"arrowstyle": "->"})
    ax2.set_ylim(0, 4)
    ax2.set_xlabel("$\\sigma$")
    ax2.set_title("En σ: crece sin límite si σ → 0", fontsize=10.5)
    ax2.legend(fontsize=9)
    ax2.grid(alpha=0.3)
    malla_mu, malla_sigma = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(0.1, 3, 200))
    kl = _kl_normal_estandar(malla_mu, malla_sigma)
    relleno = ax3.contourf(malla_mu, malla_sigma, kl, levels=[0, 0.1, 0.25, 0.5, 1, 2, 3, 5], cmap="viridis",
                           extend="max")
    ax3.plot(0, 1, "*", color="white", ms=13)
    ax3.text(0.15, 1.1, "mínimo: KL = 0\nen μ = 0, σ = 1", color="white", fontsize=9)
    fig.colorbar(relleno, ax=ax3, fraction=0.05, pad=0.03, label="KL (nats)")
    ax3.set_xlabel("$\\mu$")
    ax3.set_ylabel("$\\sigma$")
    ax3.set_title("$\\mathrm{KL}(\\mathcal{N}(\\mu, \\sigma^2)\\,\\|\\,\\mathcal{N}(0, 1))$", fontsize=10.5)
    fig.tight_layout()
    guardar(fig, "kl_gaussianas.png")


def figura_gan() -> None:
    """Izquierda: el bucle de entrenamiento de una GAN. Derecha: pérdida saturante frente a no saturante."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.4), gridspec_kw={"width_ratios": [1.35, 1]})
    ax = ax1
    _caja(ax, 0.8, 3.0, 1.2, 0.6, "ruido $z$\n$\\sim \\mathcal{N}(0, I)$", AMARILLO, 9.5)
    _caja(ax, 2.9, 3.0, 1.5, 0.6, "generador $G$", VERDE_CLARO, 10)
    _caja(ax, 5.0, 3.0, 1.5, 0.6, "falsas $G(z)$", "white", 10)
    _caja(ax, 5.0, 1.2, 1.5, 0.6, "reales $x$\n(datos)", "white", 9.5)
    _caja(ax, 7.3, 2.1, 1.6, 0.7, "discriminador\n$D$", AZUL_CLARO, 10)
    _flecha(ax, (1.43, 3.0), (2.13, 3.0))
    _flecha(ax, (3.67, 3.0), (4.23, 3.0))
    _flecha(ax, (5.77, 3.0), (6.48, 2.3))
    _flecha(ax, (5.77, 1.2), (6.48, 1.9))
    ax.text(8.3, 2.9, "$D(x) \\to 1$\n$D(G(z)) \\to 0$", fontsize=9.5, color=AZUL, ha="left")
    ax.text(7.7, 0.65, "paso 1: actualizar $D$ (entropía\ncruzada: real = 1, falsa = 0)",
            ha="center", fontsize=9.5, color=AZUL)
    ax.add_patch(FancyArrowPatch((7.3, 2.47), (2.9, 3.33), arrowstyle="->", mutation_scale=13, color=ROJO,
                                 lw=1.4, ls="--", connectionstyle="arc3,rad=0.35", zorder=1))
    ax.text(5.0, 4.35, "paso 2: actualizar $G$ con el gradiente que atraviesa $D$\n"
            "(pérdida $-\\log D(G(z))$; $D$ queda fijo)", ha="center", fontsize=9.5, color=ROJO)
    ax.set_xlim(0, 9.6)
    ax.set_ylim(0.1, 4.9)
    ax.axis("off")
    ax.set_title("El bucle: dos redes, dos pasos alternados", fontsize=11)
    d = np.linspace(0.005, 0.995, 400)
    ax2.plot(d, np.log(1 - d), color=ROJO, label="saturante: minimizar $\\log(1 - D)$")
    ax2.plot(d, -np.log(d), color=VERDE, label="no saturante: minimizar $-\\log D$")
    d0 = 0.01  # al principio D detecta las falsas: D(G(z)) ≈ 0
    ax2.plot(d0, np.log(1 - d0), "o", color=ROJO)
    ax2.plot(d0, -np.log(d0), "o", color=VERDE)
    ax2.annotate(f"D = {d0}: pendiente respecto del logit\n"
                 f"{-d0:.2f} (roja) frente a {-(1 - d0):.2f} (verde)",
                 xy=(d0, -np.log(d0)), xytext=(0.25, 2.5), fontsize=9, arrowprops={"arrowstyle": "->"})
    ax2.axvspan(0, 0.1, color=GRIS, alpha=0.15)
    ax2.text(0.11, -3.6, "al principio $D$ gana:\n$D(G(z)) \\approx 0$", fontsize=9, color=GRIS)
    ax2.set_xlabel("$D(G(z))$: probabilidad de «real» que $D$ da a una falsa")
    ax2.set_ylabel("pérdida del generador")
    ax2.set_ylim(-5, 5.5)
    ax2.set_title("Pérdidas del generador", fontsize=11)
    ax2.legend(fontsize=9, loc="upper right")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "gan.png")


# Una mezcla de tres gaussianas en 1-D: los «datos» de las figuras de difusión.
PESOS = np.array([0.3, 0.5, 0.2])
MEDIAS = np.array([-2.0, 0.5, 2.5])
DESVIACIONES = np.array([0.25, 0.35, 0.2])


def _calendario_lineal(t_total: int = 1000) -> np.ndarray:
    """ᾱ_t, t = 1…T, con β lineal de 1e-4 a 0.02 (Ho et al., 2020)."""
    return np.cumprod(1 - np.linspace(1e-4, 0.02, t_total))


def _calendario_coseno(t_total: int = 1000, s: float = 0.008) -> np.ndarray:
    """ᾱ_t del calendario coseno (Nichol y Dhariwal, 2021), con β recortado a 0.999."""
    f = np.cos((np.arange(t_total + 1) / t_total + s) / (1 + s) * np.pi / 2) ** 2
    beta = np.clip(1 - f[1:] / f[:-1], 0, 0.999)
    return np.cumprod(1 - beta)


def _muestras_mezcla(n: int, generador: np.random.Generator) -> np.ndarray:
    componente = generador.choice(3, size=n, p=PESOS)
    return MEDIAS[componente] + DESVIACIONES[componente] * generador.normal(size=n)


def figura_difusion_directa() -> None:
    """Histogramas de x_t para una mezcla 1-D a varios t, con la fórmula cerrada de q(x_t | x_0)."""
    generador = np.random.default_rng(2)
    alfa_barra = _calendario_lineal()
    x0 = _muestras_mezcla(20000, generador)
    pasos = [0, 50, 150, 300, 600, 1000]
    fig, ejes = plt.subplots(1, len(pasos), figsize=(12.5, 3.3), sharey=True)
    rejilla = np.linspace(-4.5, 4.5, 400)
    for ax, t in zip(ejes, pasos):
        ab = 1.0 if t == 0 else alfa_barra[t - 1]
        xt = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * generador.normal(size=x0.shape)
        ax.hist(xt, bins=80, range=(-4.5, 4.5), density=True, color=AZUL, alpha=0.75)
        # densidad exacta: otra mezcla, con medias √ᾱ m_k y varianzas ᾱ s_k² + 1 − ᾱ
        var = ab * DESVIACIONES**2 + 1 - ab
        dens = (PESOS * np.exp(-(rejilla[:, None] - np.sqrt(ab) * MEDIAS) ** 2 / (2 * var))
                / np.sqrt(2 * np.pi * var)).sum(axis=1)
        ax.plot(rejilla, dens, color=ROJO, lw=1.2)
        ax.set_title(f"t = {t}\n$\\bar\\alpha_t$ = {ab:.3f}", fontsize=10)
        ax.set_xlabel("$x_t$")
        ax.set_xlim(-4.5, 4.5)
    ejes[0].set_ylabel("densidad")
    ejes[-1].plot(rejilla, np.exp(-rejilla**2 / 2) / np.sqrt(2 * np.pi), color="black", ls=":", lw=1.2)
    fig.suptitle("Difusión hacia delante de una mezcla de tres gaussianas (β lineal, T = 1000): "
                 "histograma de $x_t$ y densidad exacta (rojo); al final, $\\mathcal{N}(0, 1)$ (puntos)",
                 fontsize=10.5)
    fig.tight_layout()
    guardar(fig, "difusion_directa.png")


def figura_calendarios() -> None:
    """ᾱ_t y la relación señal/ruido de los calendarios lineal y coseno."""
    t = np.arange(1, 1001)
    lineal, coseno = _calendario_lineal(), _calendario_coseno()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.9))
    ax1.plot(t, lineal, color=AZUL, label="lineal (β de $10^{-4}$ a 0.02)")
    ax1.plot(t, coseno, color=NARANJA, label="coseno (s = 0.008)")
    ax1.plot(t, np.sqrt(lineal), color=AZUL, ls="--", lw=1, label="$\\sqrt{\\bar\\alpha_t}$ lineal")
    ax1.plot(t, np.sqrt(coseno), color=NARANJA, ls="--", lw=1, label="$\\sqrt{\\bar\\alpha_t}$ coseno")
    ax1.set_xlabel("paso $t$")
    ax1.set_ylabel("$\\bar\\alpha_t$")
    ax1.set_title("$\\bar\\alpha_t$ baja de ≈ 1 a ≈ 0; el lineal llega antes a 0", fontsize=10.5)
    ax1.legend(fontsize=9)
    ax1.grid(alpha=0.3)
    ax2.plot(t, np.log10(lineal / (1 - lineal)), color=AZUL, label="lineal")
    ax2.plot(t, np.log10(coseno / (1 - coseno)), color=NARANJA, label="coseno")
    ax2.axhline(0, color=GRIS, ls=":", lw=1)
    ax2.text(620, 0.3, "señal = ruido", fontsize=9, color=GRIS)
    ax2.set_xlabel("paso $t$")
    ax2.set_ylabel("$\\log_{10}\\,\\bar\\alpha_t/(1-\\bar\\alpha_t)$")
    ax2.set_title("Relación señal/ruido: el coseno baja más repartido", fontsize=10.5)
    ax2.set_ylim(-6, 5)
    ax2.legend(fontsize=9)
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    guardar(fig, "calendarios_ruido.png")


def _epsilon_exacto(x: np.ndarray, ab: float, pesos: np.ndarray = PESOS) -> np.ndarray:
    """El ε óptimo para la mezcla: ε*(x_t, t) = −√(1 − ᾱ_t) · ∇ log p_t(x_t)."""
    var = ab * DESVIACIONES**2 + 1 - ab
    log_r = np.log(pesos) - 0.5 * np.log(var) - (x[:, None] - np.sqrt(ab) * MEDIAS) ** 2 / (2 * var)
    r = np.exp(log_r - log_r.max(axis=1, keepdims=True))
    r /= r.sum(axis=1, keepdims=True)
    puntuacion = (r * (-(x[:, None] - np.sqrt(ab) * MEDIAS) / var)).sum(axis=1)
    return -np.sqrt(1 - ab) * puntuacion


def figura_trayectorias() -> None:
    """Muestreo ancestral con el ε exacto de la mezcla: trayectorias y, con guía, hacia una clase."""
    generador = np.random.default_rng(4)
    t_total = 1000
    beta = np.linspace(1e-4, 0.02, t_total)
    alfa = 1 - beta
    alfa_barra = np.cumprod(alfa)
    n = 400
    clase = np.array([0.0, 0.0, 1.0])  # «condicionado a la clase 2»: sólo la tercera componente
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
    for ax, w, titulo in [(ax1, None, "sin condición: vuelven las tres modas"),
                          (ax2, 2.0, "guía sin clasificador hacia la moda de la derecha, w = 2")]:
        x = generador.normal(size=n)
        camino = np.empty((t_total + 1, n))
        camino[t_total] = x
        for t in range(t_total, 0, -1):
            ab = alfa_barra[t - 1]
            eps = _epsilon_exacto(x, ab)
            if w is not None:
                eps_c = _epsilon_exacto(x, ab, pesos=np.clip(clase, 1e-12, None))
                eps = (1 + w) * eps_c - w * eps
            media = (x - beta[t - 1] / np.sqrt(1 - ab) * eps) / np.sqrt(alfa[t - 1])
            x = media + (np.sqrt(beta[t - 1]) * generador.normal(size=n) if t > 1 else 0.0)
            camino[t - 1] = x
        for i in range(40):
            ax.plot(np.arange(t_total + 1), camino[:, i], color=AZUL, lw=0.6, alpha=0.6)
        ax.invert_xaxis()
        ax.set_xlabel("paso $t$ (el muestreo va de $T$ = 1000 a 0)")
        ax.set_title(titulo, fontsize=10.5)
        ax.grid(alpha=0.3)
        dentro = ax.inset_axes([0.83, 0.0, 0.17, 1.0])  # histograma final, a la derecha (t = 0)
        dentro.hist(camino[0], bins=60, range=(-3.5, 3.5), orientation="horizontal", color=ROJO, alpha=0.8)
        dentro.set_ylim(-3.5, 3.5)
        dentro.axis("off")
        ax.set_xlim(t_total, -190)
    for m in MEDIAS:
        ax1.axhline(m, color=GRIS, ls=":", lw=0.8)
        ax2.axhline(m, color=GRIS, ls=":", lw=0.8)
    ax1.set_ylabel("$x_t$")
    ax1.set_ylim(-3.5, 3.5)
    fig.suptitle("Trayectorias de eliminación de ruido (40 de 400) con el ε exacto de la mezcla; "
                 "a la derecha de cada panel, el histograma de $x_0$", fontsize=10.5)
    fig.tight_layout()
    guardar(fig, "trayectorias_difusion.png")


def _distancia_frechet(mu1, sigma1, mu2, sigma2) -> float:
    """d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2}), con la raíz de Σ₁^{1/2} Σ₂ Σ₁^{1/2} (simétrica)."""
    valores, vectores = np.linalg.eigh(sigma1)
    raiz1 = vectores @ np.diag(np.sqrt(valores)) @ vectores.T
    traza_raiz = np.sqrt(np.clip(np.linalg.eigvalsh(raiz1 @ sigma2 @ raiz1), 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * traza_raiz)


def _elipse(ax, mu, sigma, color, etiqueta) -> None:
    valores, vectores = np.linalg.eigh(sigma)
    angulo = np.degrees(np.arctan2(vectores[1, 1], vectores[0, 1]))
    for k, estilo in ((1, "-"), (2, "--")):
        ax.add_patch(Ellipse(mu, 2 * k * np.sqrt(valores[1]), 2 * k * np.sqrt(valores[0]), angle=angulo,
                             fill=False, color=color, lw=1.6, ls=estilo,
                             label=etiqueta if k == 1 else None))
    ax.plot(*mu, "+", color=color, ms=12, mew=2)


def figura_frechet() -> None:
    """Tres pares de gaussianas 2-D (elipses de 1 y 2 desviaciones) y su distancia de Fréchet."""
    generador = np.random.default_rng(5)
    real_mu, real_sigma = np.array([0.0, 0.0]), np.array([[1.0, 0.6], [0.6, 1.0]])
    casos = [("medias distintas", np.array([1.5, 0.5]), real_sigma),
             ("misma media, menos dispersión\n(falta variedad)", np.array([0.0, 0.0]), 0.25 * real_sigma),
             ("casi iguales", np.array([0.1, -0.05]), np.array([[1.05, 0.55], [0.55, 0.95]]))]
    fig, ejes = plt.subplots(1, 3, figsize=(12, 4.3))
    for ax, (titulo, mu, sigma) in zip(ejes, casos):
        reales = generador.multivariate_normal(real_mu, real_sigma, size=150)
        generadas = generador.multivariate_normal(mu, sigma, size=150)
        ax.scatter(reales[:, 0], reales[:, 1], s=5, color=AZUL, alpha=0.35)
        ax.scatter(generadas[:, 0], generadas[:, 1], s=5, color=ROJO, alpha=0.35)
        _elipse(ax, real_mu, real_sigma, AZUL, "reales $(\\mu_1, \\Sigma_1)$")
        _elipse(ax, mu, sigma, ROJO, "generadas $(\\mu_2, \\Sigma_2)$")
        d2 = _distancia_frechet(real_mu, real_sigma, mu, sigma)
        medias = float(((real_mu - mu) ** 2).sum())
        ax.set_title(f"{titulo}\n$d^2$ = {d2:.3f}  (medias: {medias:.3f}, covarianzas: {d2 - medias:.3f})",
                     fontsize=10)
        ax.set_xlim(-4, 5)
        ax.set_ylim(-4, 4.5)
        ax.set_aspect("equal")
        ax.grid(alpha=0.25)
        ax.set_xlabel("rasgo 1")
    ejes[0].set_ylabel("rasgo 2")
    ejes[0].legend(fontsize=8.5, loc="upper left")
    fig.tight_layout()
    guardar(fig, "frechet.png")


if __name__ == "__main__":
    figura_autoencoder()
    figura_espacio_latente()
    figura_kl_gaussianas()
    figura_gan()
    figura_difusion_directa()
    figura_calendarios()
    figura_trayectorias()
    figura_frechet()
