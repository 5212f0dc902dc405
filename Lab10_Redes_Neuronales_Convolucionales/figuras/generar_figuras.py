"""Genera las figuras de ``teoria.md`` del Lab10 (sólo NumPy, matplotlib y scikit-learn).

No importa el código del Lab10: las cuentas de cada figura son unas pocas líneas de NumPy,
escritas aquí para que la figura se pueda leer de principio a fin.

Uso (desde la raíz del curso)::

    python Lab10_Redes_Neuronales_Convolucionales/figuras/generar_figuras.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402
from sklearn.datasets import load_sample_images  # noqa: E402

CARPETA = Path(__file__).resolve().parent
sys.path.insert(0, str(CARPETA.parent.parent))  # la raíz del curso, para importar herramientas

from herramientas.figuras import guardar_figura  # noqa: E402

AZUL, ROJO, VERDE, GRIS = "#4c72b0", "#c44e52", "#55a868", "#8c8c8c"

# La entrada 5×5 y el núcleo 3×3 del ejemplo de la sección 2.3 de teoria.md.
ENTRADA_5X5 = np.array([[3, 1, 0, 2, 1],
                        [0, 2, 1, 0, 3],
                        [1, 0, 4, 1, 0],
                        [2, 1, 0, 3, 1],
                        [0, 2, 1, 1, 2]])
LAPLACIANO = np.array([[0, 1, 0],
                       [1, -4, 1],
                       [0, 1, 0]])


def guardar(fig: plt.Figure, nombre: str) -> Path:
    return guardar_figura(fig, CARPETA / nombre)


def correlacion(imagen: np.ndarray, nucleo: np.ndarray, relleno: int = 0, paso: int = 1,
                modo: str = "constant") -> np.ndarray:
    """Correlación cruzada 2-D de una imagen ``(H, W)`` con un núcleo ``(kh, kw)``.

    ``modo`` es el de ``np.pad``: ``"constant"`` rellena con ceros (lo que hacen las capas
    ``Conv2D``); ``"edge"`` repite el borde, que en una foto evita un marco oscuro artificial.
    """
    if relleno:
        imagen = np.pad(imagen, relleno, mode=modo)
    ventanas = sliding_window_view(imagen, nucleo.shape)[::paso, ::paso]
    return np.einsum("ijuv,uv->ij", ventanas, nucleo)


def _cuadricula(ax: plt.Axes, valores: np.ndarray, x0: float, y0: float, colores=None,
                tam_letra: int = 11) -> None:
    """Dibuja una matriz como cuadrícula con su número en cada casilla; (x0, y0) = esquina sup. izq."""
    filas, columnas = valores.shape
    for i in range(filas):
        for j in range(columnas):
            color = "white" if colores is None else colores[i][j]
            ax.add_patch(Rectangle((x0 + j, y0 - i - 1), 1, 1, facecolor=color, edgecolor="black", lw=0.8))
            ax.text(x0 + j + 0.5, y0 - i - 0.5, f"{valores[i, j]:g}", ha="center", va="center",
                    fontsize=tam_letra)


def figura_deslizamiento() -> None:
    """Un núcleo 3×3 recorre la entrada 5×5 con relleno 1 (7×7) y produce una salida 5×5."""
    rellena = np.pad(ENTRADA_5X5, 1)
    salida = correlacion(ENTRADA_5X5, LAPLACIANO, relleno=1)
    fig, ax = plt.subplots(figsize=(10.5, 4.2))
    colores = [["#e8e8e8" if (i in (0, 6) or j in (0, 6)) else "white" for j in range(7)] for i in range(7)]
    for (i, j), color in [((0, 0), "#f4c7c8"), ((2, 3), "#c9dbf0")]:
        for u in range(3):
            for v in range(3):
                colores[i + u][j + v] = color if colores[i + u][j + v] != "#f4c7c8" else "#dcc6e0"
    _cuadricula(ax, rellena, 0, 7, colores)
    ax.add_patch(Rectangle((0, 4), 3, 3, fill=False, edgecolor=ROJO, lw=3))
    ax.add_patch(Rectangle((3, 2), 3, 3, fill=False, edgecolor=AZUL, lw=3))
    ax.text(3.5, 7.4, "entrada 5×5 con relleno p = 1 (ceros en gris)", ha="center", fontsize=11)

    _cuadricula(ax, LAPLACIANO, 8.5, 5, [["#fff3c4"] * 3] * 3)
    ax.text(10, 5.4, "núcleo 3×3", ha="center", fontsize=11)
    ax.text(10, 1.4, "en cada posición:\nmultiplicar casilla a\ncasilla y sumar", ha="center",
            va="center", fontsize=10)

    colores_salida = [["white"] * 5 for _ in range(5)]
    colores_salida[0][0], colores_salida[2][3] = "#f4c7c8", "#c9dbf0"
    _cuadricula(ax, salida, 13, 6, colores_salida)
    ax.text(15.5, 6.4, "salida 5×5", ha="center", fontsize=11)
    for (x_a, y_a), (x_b, y_b), color in [((3.0, 5.5), (13.0, 5.5), ROJO), ((6.0, 3.5), (16.0, 3.5), AZUL)]:
        ax.add_patch(FancyArrowPatch((x_a, y_a), (x_b, y_b), arrowstyle="->", mutation_scale=14,
                                     color=color, lw=1.4, connectionstyle="arc3,rad=-0.12"))
    ax.set_xlim(-0.3, 18.3)
    ax.set_ylim(-0.3, 7.9)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "deslizamiento_nucleo.png")


def foto_gris(lado: int = 160) -> np.ndarray:
    """La foto ``china.jpg`` de scikit-learn en gris, recortada y reducida a ``lado×lado``, en [0, 1]."""
    foto = load_sample_images().images[0].astype(float) / 255.0  # (427, 640, 3)
    gris = foto @ np.array([0.299, 0.587, 0.114])
    gris = gris[:420, 110:530]  # recorte cuadrado 420×420
    factor = 420 // lado
    gris = gris[: lado * factor, : lado * factor]
    return gris.reshape(lado, factor, lado, factor).mean(axis=(1, 3))  # promedio de bloques


def figura_filtros() -> None:
    """Sobel, desenfoque y enfoque aplicados a una foto en gris."""
    imagen = foto_gris()
    sobel_x = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=float)
    caja = np.full((5, 5), 1 / 25)
    gauss = np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256
    enfocar = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float)
    def filtrar(nucleo: np.ndarray) -> np.ndarray:
        return correlacion(imagen, nucleo, relleno=nucleo.shape[0] // 2, modo="edge")

    gx, gy = filtrar(sobel_x), filtrar(sobel_x.T)
    paneles = [
        ("original (gris, 160×160)", imagen, "gray", (0, 1)),
        ("Sobel $G_x$ (bordes verticales)", gx, "RdBu_r", (-1, 1)),
        ("Sobel $G_y$ (bordes horizontales)", gy, "RdBu_r", (-1, 1)),
        ("bordes $\\sqrt{G_x^2+G_y^2}$", np.hypot(gx, gy), "gray_r", (0, 1.5)),
        ("desenfoque de caja 5×5", filtrar(caja), "gray", (0, 1)),
        ("desenfoque gaussiano 5×5", filtrar(gauss), "gray", (0, 1)),
        ("enfoque (sharpen) 3×3", np.clip(filtrar(enfocar), 0, 1), "gray", (0, 1)),
    ]
    fig, ejes = plt.subplots(2, 4, figsize=(10, 5.4))
    for ax, (titulo, mapa, cmap, (vmin, vmax)) in zip(ejes.flat, paneles):
        ax.imshow(mapa, cmap=cmap, vmin=vmin, vmax=vmax)
        ax.set_title(titulo, fontsize=10)
        ax.axis("off")
    ultimo = ejes.flat[-1]
    ultimo.axis("off")
    texto = ("núcleos\n\nSobel $G_x$:\n[ 1  0 −1]\n[ 2  0 −2]\n[ 1  0 −1]\n\n"
             "enfoque:\n[ 0 −1  0]\n[−1  5 −1]\n[ 0 −1  0]")
    ultimo.text(0.5, 0.5, texto, ha="center", va="center", fontsize=10, family="monospace",
                transform=ultimo.transAxes)
    fig.tight_layout()
    guardar_figura(fig, CARPETA / "filtros_clasicos.png", paleta=True)


def figura_campo_receptivo() -> None:
    """Tres convoluciones 3×3 (paso 1) apiladas: un píxel de salida ve 3×3, 5×5 y 7×7 de la entrada."""
    fig, ax = plt.subplots(figsize=(6.2, 5.0))
    n = 9
    for i in range(n):
        for j in range(n):
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor="white", edgecolor="#bbbbbb", lw=0.6))
    centro = n // 2
    for lado, color, capa in [(7, "#c9dbf0", 3), (5, "#b8e0c2", 2), (3, "#f4c7c8", 1)]:
        inicio = centro - lado // 2
        ax.add_patch(Rectangle((inicio, inicio), lado, lado, facecolor=color, edgecolor="black", lw=1.5,
                               alpha=0.9))
        ax.text(inicio + 0.1, inicio + lado - 0.1, f"capa {capa}: {lado}×{lado}", ha="left", va="top",
                fontsize=10)
    ax.add_patch(Rectangle((centro, centro), 1, 1, facecolor=ROJO, edgecolor="black"))
    ax.set_xlim(-0.2, n + 0.2)
    ax.set_ylim(-0.2, n + 0.9)
    ax.text(n / 2, n + 0.45, "campo receptivo de un píxel tras 1, 2 y 3 convoluciones 3×3",
            ha="center", fontsize=10.5)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "campo_receptivo.png")


def figura_parametros() -> None:
    """Parámetros de una capa densa frente a una Conv2D 3×3 que producen la misma salida."""
    casos = [  # (nombre, C_in, lado, C_out)
        ("dígitos 8×8\n1 → 16 mapas", 1, 8, 16),
        ("MNIST 28×28\n1 → 32 mapas", 1, 28, 32),
        ("foto 64×64 RGB\n3 → 32 mapas", 3, 64, 32),
    ]
    densa = [(c_in * n * n) * (c_out * n * n) + c_out * n * n for _, c_in, n, c_out in casos]
    conv = [c_out * (c_in * 9 + 1) for _, c_in, _, c_out in casos]
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    posiciones = np.arange(len(casos))
    barras_d = ax.bar(posiciones - 0.2, densa, 0.4, color=GRIS, label="capa densa (todas con todas)")
    barras_c = ax.bar(posiciones + 0.2, conv, 0.4, color=AZUL, label="Conv2D 3×3 con relleno 1")
    for barras in (barras_d, barras_c):
        for barra in barras:
            altura = barra.get_height()
            ax.text(barra.get_x() + barra.get_width() / 2, altura * 1.3, f"{altura:,.0f}", ha="center",
                    fontsize=9)
    ax.set_yscale("log")
    ax.set_ylim(10, 1e12)
    ax.set_xticks(posiciones, [c[0] for c in casos])
    ax.set_ylabel("número de parámetros (escala log)")
    ax.set_title("Misma entrada y misma salida: capa densa frente a convolución", fontsize=11)
    ax.legend(loc="upper left", fontsize=9)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    guardar(fig, "parametros_mlp_cnn.png")


def figura_max_pooling() -> None:
    """Max-pooling 2×2 con paso 2 hacia delante y su gradiente hacia atrás."""
    x = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 2], [2, 6, 1, 1]])
    ventanas = x.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3)
    salida = ventanas.max(axis=(2, 3))
    grad_salida = np.array([[0.1, -0.2], [0.3, 0.4]])
    grad_entrada = np.zeros((4, 4))
    tonos = [["#f4c7c8", "#c9dbf0"], ["#b8e0c2", "#fff3c4"]]
    colores = [[tonos[i // 2][j // 2] for j in range(4)] for i in range(4)]
    for a in range(2):
        for b in range(2):
            u, v = np.unravel_index(ventanas[a, b].argmax(), (2, 2))
            grad_entrada[2 * a + u, 2 * b + v] = grad_salida[a, b]
    fig, ax = plt.subplots(figsize=(10.5, 3.4))
    _cuadricula(ax, x, 0, 4, colores)
    for a in range(2):
        for b in range(2):
            u, v = np.unravel_index(ventanas[a, b].argmax(), (2, 2))
            ax.add_patch(Rectangle((2 * b + v, 4 - (2 * a + u) - 1), 1, 1, fill=False, edgecolor="black",
                                   lw=2.5))
    _cuadricula(ax, salida, 5.5, 3, tonos)
    _cuadricula(ax, grad_salida, 9.5, 3, tonos)
    colores_grad = [[colores[i][j] if grad_entrada[i, j] else "white" for j in range(4)] for i in range(4)]
    _cuadricula(ax, grad_entrada, 13, 4, colores_grad, tam_letra=10)
    ax.text(2, 4.35, "entrada x (4×4)", ha="center", fontsize=10.5)
    ax.text(6.5, 3.35, "MaxPool 2×2", ha="center", fontsize=10.5)
    ax.text(10.5, 3.35, "∂L/∂y (llega)", ha="center", fontsize=10.5)
    ax.text(15, 4.35, "∂L/∂x (sale)", ha="center", fontsize=10.5)
    ax.add_patch(FancyArrowPatch((4.2, 2), (5.3, 2), arrowstyle="->", mutation_scale=14, color="black"))
    ax.add_patch(FancyArrowPatch((11.7, 2), (12.8, 2), arrowstyle="->", mutation_scale=14, color=ROJO))
    ax.text(4.75, 2.3, "adelante", ha="center", fontsize=9)
    ax.text(12.25, 2.3, "atrás", ha="center", fontsize=9, color=ROJO)
    ax.text(2, -0.45, "borde negro: el máximo de cada ventana", ha="center", fontsize=9)
    ax.text(15, -0.45, "el gradiente va sólo al máximo", ha="center", fontsize=9)
    ax.set_xlim(-0.3, 17.3)
    ax.set_ylim(-0.8, 4.8)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "max_pooling.png")


def figura_bloque_residual() -> None:
    """Diagrama del bloque residual básico de ResNet, con el atajo identidad o 1×1."""
    fig, ax = plt.subplots(figsize=(9.5, 2.8))
    y, alto = 1.0, 0.7
    cajas = [("x", 0.6, "#eeeeee"), ("Conv 3×3\n(paso s)", 1.3, "#c9dbf0"), ("BatchNorm2d", 1.5, "#b8e0c2"),
             ("ReLU", 0.9, "#fff3c4"), ("Conv 3×3", 1.2, "#c9dbf0"), ("BatchNorm2d", 1.5, "#b8e0c2")]
    x, bordes = 0.1, []
    for texto, ancho, color in cajas:
        ax.add_patch(FancyBboxPatch((x, y - alto / 2), ancho, alto, boxstyle="round,pad=0.04",
                                    facecolor=color, edgecolor="black"))
        ax.text(x + ancho / 2, y, texto, ha="center", va="center", fontsize=9.5)
        bordes.append((x, x + ancho))
        x += ancho + 0.35
    for (_, fin), (inicio, _) in zip(bordes[:-1], bordes[1:]):
        ax.add_patch(FancyArrowPatch((fin + 0.04, y), (inicio - 0.04, y), arrowstyle="->", mutation_scale=12))
    suma = bordes[-1][1] + 0.55
    ax.add_patch(plt.Circle((suma, y), 0.2, facecolor="white", edgecolor="black", zorder=3))
    ax.text(suma, y, "+", ha="center", va="center", fontsize=14, zorder=4)
    ax.add_patch(FancyArrowPatch((bordes[-1][1] + 0.04, y), (suma - 0.2, y), arrowstyle="->",
                                 mutation_scale=12))
    relu = suma + 0.5
    ax.add_patch(FancyBboxPatch((relu, y - alto / 2), 0.9, alto, boxstyle="round,pad=0.04",
                                facecolor="#fff3c4", edgecolor="black"))
    ax.text(relu + 0.45, y, "ReLU", ha="center", va="center", fontsize=9.5)
    ax.add_patch(FancyArrowPatch((suma + 0.2, y), (relu - 0.04, y), arrowstyle="->", mutation_scale=12))
    ax.text(relu + 1.0, y, "→ y", ha="left", va="center", fontsize=11)
    # atajo: sube desde x, cruza por encima y baja a la suma
    centro_x = (bordes[0][0] + bordes[0][1]) / 2
    arriba = y + 1.0
    ax.plot([centro_x, centro_x, suma], [y + alto / 2 + 0.04, arriba, arriba], color=ROJO, lw=2)
    ax.add_patch(FancyArrowPatch((suma, arriba), (suma, y + 0.2), arrowstyle="->", mutation_scale=14,
                                 color=ROJO, lw=2))
    ax.text((centro_x + suma) / 2, arriba + 0.15,
            "atajo: la identidad x  (o Conv 1×1 + BatchNorm2d si cambian los canales o s > 1)",
            ha="center", va="bottom", fontsize=9.5, color=ROJO)
    ax.text((bordes[1][0] + bordes[-1][1]) / 2, y - 0.6, "rama residual F(x)", ha="center", fontsize=10,
            color=AZUL)
    ax.text((centro_x + suma) / 2, -0.25,
            "y = ReLU(F(x) + x)        hacia atrás:  ∂(F(x) + x)/∂x = ∂F/∂x + I",
            ha="center", fontsize=10.5)
    ax.set_xlim(0, relu + 1.6)
    ax.set_ylim(-0.45, 2.55)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    guardar(fig, "bloque_residual.png")


if __name__ == "__main__":
    figura_deslizamiento()
    figura_filtros()
    figura_campo_receptivo()
    figura_parametros()
    figura_max_pooling()
    figura_bloque_residual()
