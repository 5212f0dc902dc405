"""Un *playground* como el de TensorFlow, dentro del cuaderno y con el framework del curso.

La lógica es una clase normal, sin *widgets*: ``Playground(ajustes)`` prepara los datos (espirales,
lunas, círculos o XOR, con su ruido), los parte en entrenamiento y validación, construye el MLP con
``construir_mlp`` y lo entrena con ``entrenar`` unas épocas cada vez (``entrenar_epocas``). Después
``figura()`` dibuja lo que se ve en la página original: la frontera de decisión, las curvas de
pérdida de entrenamiento y validación y la respuesta de cada neurona oculta sobre el plano, como una
imagen pequeña. ``ejecutar_playground(ajustes, epocas)`` hace todo de una vez (ajustes → historial y
figura) y es lo que prueban los tests; ``widgets_playground.py`` sólo conecta los controles.

El Lab08 hereda de ``Playground`` para hacer lo mismo con PyTorch (``PlaygroundTorch``): basta con
cambiar los cuatro métodos que tocan el modelo (``_construir``, ``_entrenar``, ``_probabilidades``,
``_respuestas_ocultas``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from matplotlib.figure import Figure

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, numero_real
from Lab01_Introduccion_Neuronas.codigo.graficos import malla_2d
from Lab02_Primera_Red_Neuronal.codigo import crear_generador
from Lab02_Primera_Red_Neuronal.codigo.datos import (
    generar_circulos,
    generar_espirales,
    generar_lunas,
    generar_xor,
)
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import CapaDensa

from .dropout import Dropout
from .entrenamiento import entrenar
from .modelos import construir_mlp, predecir_probabilidades
from .optimizadores import SGD

__all__ = [
    "ACTIVACIONES_PLAYGROUND",
    "DATOS_PLAYGROUND",
    "AjustesPlayground",
    "Playground",
    "ejecutar_playground",
]

#: Los cuatro conjuntos de la página original, todos de dos clases en el plano.
DATOS_PLAYGROUND = ("espirales", "lunas", "circulos", "xor")
#: Las activaciones de la página original (Linear = «identidad»).
ACTIVACIONES_PLAYGROUND = ("tanh", "relu", "sigmoide", "identidad")


@dataclass(frozen=True)
class AjustesPlayground:
    """Los mandos del *playground*. Se comprueban al crearlos (errores en español).

    - ``datos``: uno de ``DATOS_PLAYGROUND``; ``ruido``: el del generador del Lab02 (≥ 0);
      ``n_puntos``: puntos en total (la mitad de cada clase, más o menos).
    - ``ocultas``: neuronas de cada capa oculta, p. ej. ``(8, 8)``; ``()`` es una regresión logística.
    - ``activacion``: una de ``ACTIVACIONES_PLAYGROUND`` (las de la página original, con los nombres del
      Lab03: ``"tanh"``, ``"relu"``, ``"sigmoide"`` e ``"identidad"``, la «Linear» de allí).
    - ``tasa``: de SGD (con momento 0.9); ``l2``: la λ de ``entrenar``; ``dropout``: su probabilidad.
    - ``tamano_lote``, ``validacion`` (fracción de puntos para validación) y ``semilla``.
    """

    datos: str = "espirales"
    ruido: float = 0.1
    n_puntos: int = 300
    ocultas: tuple[int, ...] = (8, 8)
    activacion: str = "tanh"
    tasa: float = 0.03
    l2: float = 0.0
    dropout: float = 0.0
    tamano_lote: int = 16
    validacion: float = 0.3
    semilla: int = 0

    def __post_init__(self) -> None:
        if self.datos not in DATOS_PLAYGROUND:
            raise ValueError(
                f"datos desconocidos: {self.datos!r}; elige uno de {', '.join(DATOS_PLAYGROUND)}"
            )
        numero_real(self.ruido, "ruido", minimo=0.0, maximo=2.0)
        _entero(self.n_puntos, "n_puntos", 20, 5000)
        if isinstance(self.ocultas, (str, bytes)) or not isinstance(self.ocultas, Sequence):
            raise TypeError(
                f"ocultas debe ser una lista de enteros (neuronas por capa), se recibió {self.ocultas!r}"
            )
        if len(self.ocultas) > 6:
            raise ValueError(f"como mucho 6 capas ocultas, se recibieron {len(self.ocultas)}")
        for n in self.ocultas:
            _entero(n, "cada capa oculta (neuronas)", 1, 64)
        object.__setattr__(self, "ocultas", tuple(int(n) for n in self.ocultas))
        if self.activacion not in ACTIVACIONES_PLAYGROUND:
            raise ValueError(
                f"activación desconocida: {self.activacion!r}; elige una de "
                f"{', '.join(ACTIVACIONES_PLAYGROUND)}"
            )
        numero_real(self.tasa, "tasa (de aprendizaje)", minimo=0.0, maximo=10.0, incluir_minimo=False)
        numero_real(self.l2, "l2", minimo=0.0, maximo=1.0)
        numero_real(self.dropout, "dropout", minimo=0.0, maximo=1.0, incluir_maximo=False)
        entero_positivo(self.tamano_lote, "tamano_lote")
        numero_real(self.validacion, "validacion (fracción)", minimo=0.05, maximo=0.8)
        if isinstance(self.semilla, bool) or not isinstance(self.semilla, (int, np.integer)):
            raise TypeError(f"semilla debe ser un entero, se recibió {self.semilla!r}")

    def cambiar(self, **cambios: object) -> AjustesPlayground:
        """Una copia con ``cambios`` (comprobada de nuevo): ``ajustes.cambiar(datos="xor")``."""
        return replace(self, **cambios)


def _entero(valor: object, nombre: str, minimo: int, maximo: int) -> int:
    valor = entero_positivo(valor, nombre, minimo=minimo)
    if valor > maximo:
        raise ValueError(f"{nombre} debe ser como mucho {maximo}, se recibió {valor}")
    return valor


def _generar(ajustes: AjustesPlayground) -> tuple[np.ndarray, np.ndarray]:
    rng = crear_generador(ajustes.semilla)
    n, ruido = ajustes.n_puntos, ajustes.ruido
    if ajustes.datos == "espirales":
        X, y = generar_espirales(n // 2, n_clases=2, ruido=ruido, semilla=rng)
    elif ajustes.datos == "lunas":
        X, y = generar_lunas(n, ruido=ruido / 2, semilla=rng)
    elif ajustes.datos == "circulos":
        X, y = generar_circulos(n, ruido=ruido / 2, factor=0.5, semilla=rng)
    else:
        X, y = generar_xor(n, ruido=ruido, semilla=rng)
        X = X - 0.5
    # Todos centrados y con una escala parecida (la de la página original: de −1 a 1, más o menos).
    X = (X - X.mean(axis=0)) / np.abs(X - X.mean(axis=0)).max()
    return X.astype(np.float64), y.astype(np.int64)


class Playground:
    """El estado de una partida: datos, modelo, optimizador e historial.

    ``entrenar_epocas(k)`` entrena ``k`` épocas más (el optimizador conserva su momento entre
    llamadas) y devuelve los segundos que tardó; ``figura()`` dibuja el estado actual.
    ``historial``: ``perdida``, ``perdida_val``, ``exactitud`` y ``exactitud_val`` por época.
    """

    motor = "NumPy (framework del curso)"

    def __init__(self, ajustes: AjustesPlayground | None = None) -> None:
        self.ajustes = AjustesPlayground() if ajustes is None else ajustes
        if not isinstance(self.ajustes, AjustesPlayground):
            raise TypeError(f"se esperaba un AjustesPlayground, se recibió {type(self.ajustes).__name__}")
        X, y = _generar(self.ajustes)
        orden = crear_generador(self.ajustes.semilla + 1).permutation(len(X))
        n_val = max(2, int(round(self.ajustes.validacion * len(X))))
        self.X_val, self.y_val = X[orden[:n_val]], y[orden[:n_val]]
        self.X, self.y = X[orden[n_val:]], y[orden[n_val:]]
        self.rng = crear_generador(self.ajustes.semilla + 2)
        self.historial: dict[str, list[float]] = {
            "perdida": [],
            "perdida_val": [],
            "exactitud": [],
            "exactitud_val": [],
        }
        self._construir()

    # --- lo que cambia de un motor a otro (el Lab08 lo reescribe con PyTorch) ---
    def _construir(self) -> None:
        a = self.ajustes
        self.modelo = construir_mlp(
            [2, *a.ocultas, 2],
            activacion=a.activacion,
            dropout=a.dropout,
            inicializacion="xavier",
            semilla=a.semilla,
        )
        self.optimizador = SGD(self.modelo.parameters(), tasa_aprendizaje=a.tasa, momento=0.9)

    def _entrenar(self, epocas: int) -> dict[str, list[float]]:
        a = self.ajustes
        return entrenar(
            self.modelo,
            EntropiaCruzada(),
            self.optimizador,
            (self.X, self.y),
            (self.X_val, self.y_val),
            epocas=epocas,
            tamano_lote=a.tamano_lote,
            metricas=["exactitud"],
            semilla=self.rng,
            barra_progreso=False,
            l2=a.l2,
        )

    def _probabilidades(self, puntos: np.ndarray) -> np.ndarray:
        """Probabilidad de la clase 1 en cada punto ``(M, 2)`` → ``(M,)``."""
        return predecir_probabilidades(self.modelo, puntos)[:, 1]

    def _respuestas_ocultas(self, puntos: np.ndarray) -> list[np.ndarray]:
        """Una matriz ``(M, neuronas)`` por capa oculta: la salida de su activación en cada punto."""
        self.modelo.eval()
        respuestas, h = [], puntos
        for capa in self.modelo.capas:
            h = capa.forward(h)
            if not isinstance(capa, (CapaDensa, Dropout)):  # una activación: la salida de esa capa oculta
                respuestas.append(h)
        self.modelo.train()
        return respuestas

    # --- común ---
    @property
    def epocas(self) -> int:
        return len(self.historial["perdida"])

    def entrenar_epocas(self, epocas: int = 10) -> float:
        """Entrena ``epocas`` épocas más; devuelve los segundos."""
        epocas = entero_positivo(epocas, "epocas")
        inicio = time.perf_counter()
        nuevo = self._entrenar(epocas)
        for clave in self.historial:
            self.historial[clave].extend(float(v) for v in nuevo[clave])
        return time.perf_counter() - inicio

    def figura(self, resolucion: int = 50, max_neuronas: int = 8) -> Figure:
        """Frontera de decisión, curvas de pérdida y respuesta de cada neurona oculta (hasta
        ``max_neuronas`` por capa) sobre el mismo plano, en una sola figura."""
        resolucion = _entero(resolucion, "resolucion", 10, 200)
        todos = np.concatenate([self.X, self.X_val])
        xx, yy, puntos = malla_2d(todos, resolucion, margen=0.15)
        extension = (xx.min(), xx.max(), yy.min(), yy.max())
        capas = [r[:, :max_neuronas] for r in self._respuestas_ocultas(puntos)]
        fig = Figure(figsize=(11, 4.0))
        ax, curvas, neuronas = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.0, 1.0, 1.25]})
        fig.subplots_adjust(left=0.02, right=0.99, bottom=0.12, top=0.86, wspace=0.18)
        z = self._probabilidades(puntos).reshape(xx.shape)
        ax.imshow(z, origin="lower", extent=extension, cmap="RdBu", vmin=0, vmax=1, alpha=0.55, aspect="auto")
        ax.contour(xx, yy, z, levels=[0.5], colors="k", linewidths=1)
        for X, y, marca, nombre in (
            (self.X, self.y, "o", "entrenamiento"),
            (self.X_val, self.y_val, "x", "validación"),
        ):
            ax.scatter(
                X[:, 0],
                X[:, 1],
                c=np.where(y == 1, "#2166ac", "#b2182b"),
                marker=marca,
                s=12,
                linewidths=1 if marca == "x" else 0.3,
                edgecolors="white" if marca == "o" else None,
                label=nombre,
            )
        ax.set_xlim(extension[:2])
        ax.set_ylim(extension[2:])
        ax.set_xticks([])
        ax.set_yticks([])
        exactitud = f"{self.historial['exactitud_val'][-1]:.2f}" if self.epocas else "—"
        ax.set_title(
            f"{self.ajustes.datos} · época {self.epocas} · exactitud (validación) {exactitud}", fontsize=9
        )
        ax.legend(fontsize=7, loc="lower right")
        if self.epocas:
            epocas = np.arange(1, self.epocas + 1)
            curvas.plot(epocas, self.historial["perdida"], label="entrenamiento")
            curvas.plot(epocas, self.historial["perdida_val"], label="validación")
            curvas.legend(fontsize=8)
        curvas.set_xlabel("época")
        curvas.set_ylabel("pérdida (entropía cruzada)")
        ultima = (
            f"{self.historial['perdida'][-1]:.3f} / {self.historial['perdida_val'][-1]:.3f}"
            if self.epocas
            else "sin entrenar"
        )
        curvas.set_title(f"pérdida: {ultima}", fontsize=9)
        neuronas.set_xticks([])
        neuronas.set_yticks([])
        if capas:
            # Un mosaico: una fila por capa oculta, una casilla por neurona (cada una con su propia escala,
            # de −máx a +máx de su respuesta), separadas por huecos en blanco.
            lado, hueco = resolucion, max(2, resolucion // 10)
            columnas = max(c.shape[1] for c in capas)
            mosaico = np.full(
                (len(capas) * (lado + hueco) - hueco, columnas * (lado + hueco) - hueco), np.nan
            )
            for i, respuesta in enumerate(capas):
                for j in range(respuesta.shape[1]):
                    valores = respuesta[:, j].reshape(xx.shape)
                    fila, columna = (len(capas) - 1 - i) * (lado + hueco), j * (lado + hueco)
                    mosaico[fila : fila + lado, columna : columna + lado] = valores / max(
                        float(np.abs(valores).max()), 1e-12
                    )
            neuronas.imshow(
                mosaico, origin="lower", cmap="RdBu", vmin=-1, vmax=1, interpolation="nearest", aspect="auto"
            )
            neuronas.set_yticks(
                [(len(capas) - 1 - i) * (lado + hueco) + lado / 2 for i in range(len(capas))],
                [f"capa {i + 1}" for i in range(len(capas))],
                fontsize=8,
            )
            neuronas.set_title(
                f"cada neurona oculta sobre el plano (hasta {max_neuronas} por capa)", fontsize=9
            )
        else:
            neuronas.axis("off")
            neuronas.text(0.5, 0.5, "sin capas ocultas:\nuna regresión logística", ha="center", va="center")
        fig.suptitle(f"Playground · {self.motor} · {self._descripcion()}", fontsize=9)
        return fig

    def _descripcion(self) -> str:
        a = self.ajustes
        capas = " → ".join(str(n) for n in (2, *a.ocultas, 2))
        return (
            f"{capas}, {a.activacion}, tasa {a.tasa:g}, L2 {a.l2:g}, dropout {a.dropout:g}, "
            f"lote {a.tamano_lote}, ruido {a.ruido:g}"
        )


def ejecutar_playground(
    ajustes: AjustesPlayground | None = None,
    epocas: int = 50,
    cada: int = 10,
    clase: type[Playground] = Playground,
) -> tuple[dict[str, list[float]], Figure, list[float]]:
    """Ajustes → ``(historial, figura, segundos por tramo)``: entrena ``epocas`` épocas en tramos de
    ``cada`` (como el botón del *widget*) y dibuja el estado final."""
    epocas = entero_positivo(epocas, "epocas")
    cada = entero_positivo(cada, "cada")
    partida = clase(ajustes)
    segundos = []
    while partida.epocas < epocas:
        segundos.append(partida.entrenar_epocas(min(cada, epocas - partida.epocas)))
    return partida.historial, partida.figura(), segundos
