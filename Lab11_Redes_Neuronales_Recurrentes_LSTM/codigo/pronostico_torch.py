"""Pronosticar una serie con una red recurrente de PyTorch (LSTM, GRU o RNN simple).

La red lee una ventana ``(N, T, 1)`` mes a mes y, con el **último estado oculto**, una capa
lineal da los ``horizonte`` valores siguientes::

    x₁ → [celda] → x₂ → [celda] → … → x_T → [celda] → h_T → Linear → (ŷ₁ … ŷ_h)

``nn.LSTM`` espera por defecto ``(T, N, F)``; el curso usa ``batch_first=True``: ``(N, T, F)``.

**Qué aprende la red: las diferencias.** El CO₂ sube sin parar: los meses de prueba (1996–2001,
≈ 360–372 ppm) están **por encima** de todo lo visto al entrenar, y una red con ``tanh`` no
extrapola un nivel que nunca vio. Por eso ``PronosticoDiferencias`` le da los cambios mes a mes
dentro de la ventana y le pide «cuánto cambiará desde el último valor» (``a_diferencias``),
estandarizados con la media y desviación del entrenamiento; el pronóstico en ppm es el último
valor más el cambio pronosticado. Los cambios tienen la misma escala en 1960 y en 2000.

Varios pasos, de dos maneras: **recursiva** (un paso, realimentado: ``pronostico_recursivo``) o
**directa** (``horizonte=k``: la red da los ``k`` meses de una vez).

Todo se coloca con ``seleccionar_dispositivo`` y se entrena con ``entrenar_torch`` (Lab08).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, numero_real
from Lab08_Frameworks_DeepLearning.codigo import crear_cargador, entrenar_torch, mover

from .series import EscaladorSerie, a_diferencias, desde_diferencias

__all__ = [
    "TIPOS_RECURRENTES",
    "PronosticadorRecurrente",
    "entrenar_pronosticador",
    "predecir_serie",
    "PronosticoDiferencias",
]

#: Nombre → capa recurrente de PyTorch.
TIPOS_RECURRENTES = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


class PronosticadorRecurrente(nn.Module):
    """``nn.LSTM``/``nn.GRU``/``nn.RNN`` (``batch_first=True``) + ``nn.Linear`` sobre el último estado.

    - Entrada ``(N, T, n_entradas)``; salida ``(N, horizonte)``.
    - ``n_capas``: capas recurrentes apiladas (la segunda lee los estados de la primera).
    - ``semilla``: pesos iniciales; se crean dentro de ``torch.random.fork_rng``, que deja el
      generador global como estaba (``None``: el generador de PyTorch tal como esté).
    """

    def __init__(
        self,
        tipo: str = "lstm",
        n_oculto: int = 32,
        n_capas: int = 1,
        horizonte: int = 1,
        semilla: int | None = 0,
        n_entradas: int = 1,
    ) -> None:
        super().__init__()
        if tipo not in TIPOS_RECURRENTES:
            raise ValueError(f"tipo desconocido: {tipo!r}; se esperaba uno de {', '.join(TIPOS_RECURRENTES)}")
        self.tipo = tipo
        self.n_entradas = entero_positivo(n_entradas, "n_entradas")
        self.n_oculto = entero_positivo(n_oculto, "n_oculto")
        self.n_capas = entero_positivo(n_capas, "n_capas")
        self.horizonte = entero_positivo(horizonte, "horizonte")
        with torch.random.fork_rng(devices=[]):
            if semilla is not None:
                torch.manual_seed(int(semilla))
            self.recurrente = TIPOS_RECURRENTES[tipo](
                self.n_entradas, self.n_oculto, self.n_capas, batch_first=True
            )
            self.cabeza = nn.Linear(self.n_oculto, self.horizonte)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x`` ``(N, T, n_entradas)`` → ``(N, horizonte)``."""
        if x.ndim != 3 or x.shape[2] != self.n_entradas or x.shape[1] == 0:
            raise ValueError(
                f"se esperaba x de forma (N, T, {self.n_entradas}) con T ≥ 1, se recibió {tuple(x.shape)}"
            )
        salidas, _ = self.recurrente(x)  # (N, T, n_oculto): el estado de la última capa en cada instante
        return self.cabeza(salidas[:, -1])  # el último instante resume toda la ventana

    def extra_repr(self) -> str:
        return f"tipo={self.tipo!r}, horizonte={self.horizonte}"


def _tipo_de(modelo: nn.Module) -> torch.dtype:
    parametro = next(modelo.parameters(), None)
    return parametro.dtype if parametro is not None else torch.float32


def _pareja(datos: object, nombre: str) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(datos, (tuple, list)) or len(datos) != 2:
        raise ValueError(f"{nombre} debe ser una pareja (X, y), se recibió {type(datos).__name__}")
    X = como_arreglo(datos[0], f"{nombre}[0] (X)", ndim=3)
    y = como_arreglo(datos[1], f"{nombre}[1] (y)", ndim=2)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"{nombre}: X tiene {X.shape[0]} ventanas e y {y.shape[0]} objetivos")
    return X, y


def entrenar_pronosticador(
    modelo: nn.Module,
    datos_entrenamiento: tuple[np.ndarray, np.ndarray],
    datos_validacion: tuple[np.ndarray, np.ndarray] | None = None,
    epocas: int = 60,
    tasa: float = 1e-2,
    tamano_lote: int = 32,
    dispositivo: torch.device | str | None = None,
    semilla: int = 0,
    paciencia: int | None = None,
    barra_progreso: bool = False,
) -> dict[str, list[float]]:
    """Entrena ``modelo`` con Adam (``tasa``) y error cuadrático medio; devuelve el historial de
    ``entrenar_torch`` (Lab08): ``{"perdida": […], "perdida_val": […], "mejor_epoca": [k]}``.

    - ``datos_*``: parejas ``(X (N, T, 1), y (N, horizonte))`` ya preparadas (escaladas).
    - ``dispositivo``: donde está el modelo (por defecto, donde estén sus pesos); los lotes van allí.
    - ``semilla``: el orden de los lotes (barajados en cada época, sólo los de entrenamiento).
    - ``paciencia``: parada temprana con la pérdida de **validación**, y vuelta a los mejores
      pesos (la prueba no se mira nunca para elegir nada).
    """
    X, y = _pareja(datos_entrenamiento, "datos_entrenamiento")
    tasa = numero_real(tasa, "tasa", 0.0, incluir_minimo=False)
    tipo = _tipo_de(modelo)
    if dispositivo is None:
        parametro = next(modelo.parameters(), None)
        dispositivo = parametro.device if parametro is not None else torch.device("cpu")
    dispositivo = torch.device(dispositivo)
    cargador = crear_cargador(
        X, y, tamano_lote, barajar=True, semilla=semilla, dtype=tipo, dispositivo=dispositivo
    )
    cargador_val = None
    if datos_validacion is not None:
        X_val, y_val = _pareja(datos_validacion, "datos_validacion")
        cargador_val = crear_cargador(X_val, y_val, 1024, barajar=False, dtype=tipo, dispositivo=dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=tasa)
    return entrenar_torch(
        modelo,
        nn.MSELoss(),
        optimizador,
        cargador,
        cargador_val,
        epocas=epocas,
        dispositivo=dispositivo,
        paciencia=paciencia,
        barra_progreso=barra_progreso,
    )


@torch.no_grad()
def predecir_serie(
    modelo: nn.Module, X: object, dispositivo: torch.device | str | None = None, tamano_lote: int = 1024
) -> np.ndarray:
    """Salida del modelo para ventanas ``X`` ``(N, T, 1)``: arreglo de NumPy ``float64`` ``(N, horizonte)``.

    En modo evaluación y sin gradientes; deja el modelo en el modo en que estaba.
    """
    X = como_arreglo(X, "X", ndim=3)
    tamano_lote = entero_positivo(tamano_lote, "tamano_lote")
    if dispositivo is None:
        parametro = next(modelo.parameters(), None)
        dispositivo = parametro.device if parametro is not None else torch.device("cpu")
    estaba_entrenando = modelo.training
    modelo.eval()
    try:
        trozos = []
        for inicio in range(0, X.shape[0], tamano_lote):
            lote = torch.as_tensor(X[inicio : inicio + tamano_lote], dtype=_tipo_de(modelo))
            lote = mover(lote, dispositivo)
            trozos.append(modelo(lote).detach().cpu().double().numpy())
    finally:
        modelo.train(estaba_entrenando)
    return np.concatenate(trozos) if trozos else np.empty((0, getattr(modelo, "horizonte", 1)))


def _es_keras(modelo: Any) -> bool:
    return not isinstance(modelo, nn.Module) and hasattr(modelo, "fit") and hasattr(modelo, "predict")


class PronosticoDiferencias:
    """Un modelo que aprende **diferencias**, visto desde fuera como uno que lee y da **niveles** (ppm).

    ``modelo``: un ``PronosticadorRecurrente`` (o cualquier ``nn.Module`` ``(N, T, 1) → (N, h)``) o un
    modelo de Keras compilado (``construir_lstm_keras``), ya creado con ventanas de ``L − 1`` pasos.
    ``dispositivo`` (sólo PyTorch): por defecto, donde ya estén los pesos del modelo (colócalo antes
    con ``mover(modelo, seleccionar_dispositivo())``).

    - ``ajustar((X, y), (X_val, y_val))``: ``X`` ``(N, L, 1)`` son ventanas de **niveles** y ``y``
      ``(N, h)`` sus objetivos (las de ``ventanas_por_parte``). Pasa a diferencias
      (``a_diferencias``), ajusta un ``EscaladorSerie`` **sólo con el entrenamiento** y entrena.
    - ``predecir(X)`` ``(N, L, 1)`` → ``(N, h)`` en ppm: último valor + cambio pronosticado.

    Tiene ``predecir``, así que sirve tal cual para ``pronostico_recursivo`` y ``tabla_errores``.
    """

    def __init__(self, modelo: Any, dispositivo: torch.device | str | None = None) -> None:
        if not isinstance(modelo, nn.Module) and not _es_keras(modelo):
            raise TypeError(
                "modelo debe ser un nn.Module de PyTorch o un modelo de Keras, "
                f"se recibió {type(modelo).__name__}"
            )
        self.modelo = modelo
        self.dispositivo = None
        if isinstance(modelo, nn.Module):
            if dispositivo is None:  # donde ya estén sus pesos (colocados con seleccionar_dispositivo)
                parametro = next(modelo.parameters(), None)
                dispositivo = parametro.device if parametro is not None else "cpu"
            self.dispositivo = torch.device(dispositivo)
            mover(modelo, self.dispositivo)
        self.escalador = EscaladorSerie()
        self.segundos: float | None = None

    def preparar(self, X: object, y: object | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Ventanas de niveles → (diferencias, cambios objetivo), escaladas con el entrenamiento."""
        D, d = a_diferencias(X, y)
        return self.escalador.transformar(D), (None if d is None else self.escalador.transformar(d))

    def ajustar(
        self,
        datos_entrenamiento: tuple[np.ndarray, np.ndarray],
        datos_validacion: tuple[np.ndarray, np.ndarray] | None = None,
        epocas: int = 60,
        tasa: float = 1e-2,
        tamano_lote: int = 32,
        semilla: int = 0,
        paciencia: int | None = 15,
        barra_progreso: bool = False,
    ) -> dict[str, list[float]]:
        """Entrena con ventanas de niveles y devuelve el historial. ``self.segundos``: lo que tardó."""
        X, y = _pareja(datos_entrenamiento, "datos_entrenamiento")
        self.escalador.ajustar(a_diferencias(X)[0])  # sólo los cambios del entrenamiento
        entrenamiento = self.preparar(X, y)
        validacion = None if datos_validacion is None else self.preparar(
            *_pareja(datos_validacion, "datos_validacion")
        )
        inicio = time.perf_counter()
        if isinstance(self.modelo, nn.Module):
            historial = entrenar_pronosticador(
                self.modelo, entrenamiento, validacion, epocas, tasa, tamano_lote,
                self.dispositivo, semilla, paciencia, barra_progreso,
            )
        else:
            from .keras_rnn import entrenar_lstm_keras

            historial = entrenar_lstm_keras(
                self.modelo, entrenamiento, validacion, epocas, tamano_lote, paciencia, semilla
            )
        self.segundos = time.perf_counter() - inicio
        return historial

    def predecir(self, X: object) -> np.ndarray:
        """Ventanas de niveles ``(N, L, 1)`` → pronóstico en niveles ``(N, h)``."""
        if self.escalador.estandarizador.media is None:
            raise RuntimeError("PronosticoDiferencias no está ajustado: llama antes a ajustar(...)")
        D, _ = self.preparar(X)
        if isinstance(self.modelo, nn.Module):
            salida = predecir_serie(self.modelo, D, self.dispositivo)
        else:
            from Lab08_Frameworks_DeepLearning.codigo import predecir_keras

            salida = predecir_keras(self.modelo, D, "regresion")
        return desde_diferencias(X, self.escalador.invertir(salida))

    def __repr__(self) -> str:
        nombre = type(self.modelo).__name__
        return f"PronosticoDiferencias({nombre}, {self.escalador!r})"
