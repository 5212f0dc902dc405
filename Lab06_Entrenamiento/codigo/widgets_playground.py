"""Los controles del *playground* (ipywidgets): sólo conectan botones y deslizadores con ``Playground``.

    from Lab06_Entrenamiento.codigo.widgets_playground import crear_playground
    crear_playground()          # última línea de una celda: aparece el panel

Se usa lo que tienen en común ipywidgets 7 (el de Google Colab, 7.7.1) y 8 (el de JupyterLab 4):
``Dropdown``, ``FloatSlider``, ``IntSlider``, ``Text``, ``Button``, ``HTML``,
``Image``, ``HBox``/``VBox`` y ``observe(..., names="value")``. La figura se dibuja con matplotlib a
PNG y se pone en un ``Image``, así que no depende del *backend* de matplotlib del cuaderno.

Cada redibujo entrena ``epocas_por_redibujo`` épocas y vuelve a pintar; «Entrenar» hace
``redibujos`` redibujos seguidos (la figura cambia mientras tanto) y «Una época», una sola. Cambiar
cualquier control empieza una partida nueva con esos ajustes. La línea de estado dice la época, las
pérdidas y cuánto tardó el último redibujo (entrenar + dibujar).
"""

from __future__ import annotations

import io
import time

from .playground import ACTIVACIONES_PLAYGROUND, DATOS_PLAYGROUND, AjustesPlayground, Playground

__all__ = ["TASAS_PLAYGROUND", "PanelPlayground", "crear_playground", "leer_capas"]

#: Las tasas de aprendizaje que ofrece el panel (las de la página original).
TASAS_PLAYGROUND = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)


def leer_capas(texto: str) -> tuple[int, ...]:
    """``"8, 8"`` → ``(8, 8)``; ``""`` → ``()`` (sin capas ocultas). Error en español si no son enteros."""
    partes = [p.strip() for p in str(texto).replace(";", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in partes)
    except ValueError:
        raise ValueError(
            f"las capas ocultas se escriben como enteros separados por comas, p. ej. «8, 8»; "
            f"se recibió {texto!r}"
        ) from None


def _png(figura) -> bytes:
    buffer = io.BytesIO()
    figura.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue()


class PanelPlayground:
    """El panel: ``.widget`` (un ``VBox``), ``.partida`` (el ``Playground`` actual) y los controles
    como atributos (``.datos``, ``.capas``, ``.entrenar``…), para poder manejarlo también desde código.

    Al mostrarlo en un cuaderno da la vista del *widget* y, como texto, una línea fija (sin
    identificadores al azar), de modo que un cuaderno guardado se puede volver a comparar.
    """

    def __init__(
        self,
        ajustes: AjustesPlayground | None = None,
        clase: type[Playground] = Playground,
        epocas_por_redibujo: int = 5,
        redibujos: int = 20,
    ) -> None:
        import ipywidgets as widgets

        self.clase = clase
        self.epocas_por_redibujo = int(epocas_por_redibujo)
        self.redibujos = int(redibujos)
        a = AjustesPlayground() if ajustes is None else ajustes
        estilo = {"description_width": "initial"}
        self.datos = widgets.Dropdown(
            options=list(DATOS_PLAYGROUND), value=a.datos, description="datos", style=estilo
        )
        self.ruido = widgets.FloatSlider(
            value=a.ruido, min=0.0, max=0.5, step=0.05, description="ruido", style=estilo
        )
        self.capas = widgets.Text(
            value=", ".join(str(n) for n in a.ocultas), description="neuronas por capa", style=estilo
        )
        self.activacion = widgets.Dropdown(
            options=list(ACTIVACIONES_PLAYGROUND), value=a.activacion, description="activación", style=estilo
        )
        tasas = sorted({*TASAS_PLAYGROUND, float(a.tasa)})  # como en la página original: una lista
        self.tasa = widgets.Dropdown(
            options=tasas, value=float(a.tasa), description="tasa de aprendizaje", style=estilo
        )
        self.l2 = widgets.Dropdown(
            options=[0.0, 1e-4, 1e-3, 1e-2, 1e-1], value=a.l2, description="L2", style=estilo
        )
        self.dropout = widgets.FloatSlider(
            value=a.dropout, min=0.0, max=0.5, step=0.05, description="dropout", style=estilo
        )
        self.lote = widgets.IntSlider(
            value=a.tamano_lote, min=1, max=64, description="tamaño de lote", style=estilo
        )
        self.entrenar = widgets.Button(description="▶ Entrenar", button_style="success")
        self.paso = widgets.Button(description="Una época")
        self.reiniciar = widgets.Button(description="Reiniciar")
        self.estado = widgets.HTML(value="")
        self.imagen = widgets.Image(format="png")
        self._semilla = a.semilla
        self.controles = [
            self.datos,
            self.ruido,
            self.capas,
            self.activacion,
            self.tasa,
            self.l2,
            self.dropout,
            self.lote,
        ]
        for control in self.controles:
            control.observe(self._al_cambiar, names="value")
        self.entrenar.on_click(lambda _: self.entrenar_redibujos(self.redibujos))
        self.paso.on_click(lambda _: self.entrenar_redibujos(1, epocas=1))
        self.reiniciar.on_click(lambda _: self.nueva_partida())
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.datos, self.ruido, self.capas, self.activacion]),
                widgets.HBox([self.tasa, self.l2, self.dropout, self.lote]),
                widgets.HBox([self.entrenar, self.paso, self.reiniciar, self.estado]),
                self.imagen,
            ]
        )
        self.partida: Playground | None = None
        self.segundos_redibujo = 0.0
        self.nueva_partida()

    def ajustes(self) -> AjustesPlayground:
        """Los ajustes que marcan ahora los controles (``ValueError`` si no son válidos)."""
        return AjustesPlayground(
            datos=self.datos.value,
            ruido=float(self.ruido.value),
            ocultas=leer_capas(self.capas.value),
            activacion=self.activacion.value,
            tasa=float(self.tasa.value),
            l2=float(self.l2.value),
            dropout=float(self.dropout.value),
            tamano_lote=int(self.lote.value),
            semilla=self._semilla,
        )

    def _al_cambiar(self, _cambio: object) -> None:
        self.nueva_partida()

    def nueva_partida(self) -> None:
        """Empieza de cero con los ajustes de los controles y dibuja el estado inicial."""
        try:
            self.partida = self.clase(self.ajustes())
        except (ValueError, TypeError) as error:  # p. ej. «8, x» en las capas: se dice y no se pierde nada
            self.estado.value = f"<b style='color:#b2182b'>No se pudo empezar: {error}</b>"
            return
        self._dibujar(0.0)

    def entrenar_redibujos(self, redibujos: int, epocas: int | None = None) -> None:
        """``redibujos`` veces: entrena ``epocas`` (por defecto ``epocas_por_redibujo``) y redibuja."""
        if self.partida is None:
            return
        for _ in range(int(redibujos)):
            inicio = time.perf_counter()
            self.partida.entrenar_epocas(epocas or self.epocas_por_redibujo)
            self._dibujar(inicio)

    def _dibujar(self, inicio: float) -> None:
        antes = time.perf_counter() if not inicio else inicio
        self.imagen.value = _png(self.partida.figura())
        self.segundos_redibujo = time.perf_counter() - antes
        h = self.partida.historial
        if self.partida.epocas:
            self.estado.value = (
                f"época <b>{self.partida.epocas}</b> · pérdida de entrenamiento "
                f"<b class='perdida'>{h['perdida'][-1]:.4f}</b> · validación {h['perdida_val'][-1]:.4f}"
                f" · exactitud de validación {h['exactitud_val'][-1]:.2f}"
                f" · redibujo en {self.segundos_redibujo:.2f} s"
            )
        else:
            self.estado.value = "época <b>0</b> · sin entrenar: pulsa «▶ Entrenar»"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return {
            "text/plain": f"Playground ({self.clase.motor}): ejecuta la celda en Jupyter o Colab para usarlo",
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }


def crear_playground(
    ajustes: AjustesPlayground | None = None,
    clase: type[Playground] = Playground,
    epocas_por_redibujo: int = 5,
    redibujos: int = 20,
) -> PanelPlayground:
    """El panel listo para mostrar (déjalo como último valor de la celda)."""
    return PanelPlayground(ajustes, clase, epocas_por_redibujo, redibujos)
