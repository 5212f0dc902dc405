"""Una serie temporal real, sus ventanas, la división en el tiempo y la escala.

La serie es el CO₂ atmosférico medido en Mauna Loa (Hawái), que ``statsmodels`` trae instalada
(``statsmodels.datasets.co2``: medias semanales de marzo de 1958 a diciembre de 2001, de
Keeling y colaboradores, Scripps Institution of Oceanography). Aquí se pasa a **medias
mensuales** (526 meses): una tendencia que sube (≈ 313 → 372 ppm) y una estación de 12 meses
(las plantas del hemisferio norte absorben CO₂ en verano).

Para aprender a pronosticar se cortan **ventanas**: ``longitud`` valores seguidos son la entrada
y los ``horizonte`` siguientes, el objetivo::

    serie = 0 1 2 3 4 5 6 …        longitud=3, horizonte=1
    X[0] = 0 1 2  →  y[0] = 3
    X[1] = 1 2 3  →  y[1] = 4

Reglas de una serie temporal que un conjunto de datos cualquiera no tiene:

- Se divide **en el tiempo**, nunca al azar: entrenamiento (el pasado), validación y prueba
  (el futuro), en ese orden. Barajar antes de dividir dejaría ver el futuro al entrenar.
- Las ventanas de validación y de prueba pueden **empezar** con los últimos valores de la parte
  anterior (para pronosticar enero de 1996 hace falta ver 1995), pero sus **objetivos** son sólo
  de su parte: ningún valor de prueba entra en el entrenamiento (``ventanas_por_parte``).
- La media y la desviación para estandarizar salen **sólo del entrenamiento** (``EscaladorSerie``).

Una red pequeña aprende mucho mejor las **diferencias** mes a mes (``a_diferencias``): no
sube sin parar como el nivel, y los meses de prueba no quedan fuera del rango visto al entrenar.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, entero_positivo, numero_real
from Lab06_Entrenamiento.codigo import Estandarizador

__all__ = [
    "cargar_co2",
    "crear_ventanas",
    "dividir_en_el_tiempo",
    "ventanas_por_parte",
    "EscaladorSerie",
    "a_diferencias",
    "desde_diferencias",
]


def cargar_co2(informar: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """CO₂ de Mauna Loa en medias mensuales: ``(fechas, valores)``.

    - ``fechas``: ``(526,)`` ``datetime64[M]`` (marzo de 1958 … diciembre de 2001), un mes tras otro.
    - ``valores``: ``(526,)`` ``float64`` en ppm (partes por millón), sin NaN.

    Los datos semanales tienen 59 semanas sin medida (NaN). La media de un mes ignora los NaN;
    sólo 5 meses no tienen ninguna semana medida (junio y octubre de 1958, febrero–abril de
    1964) y se rellenan por interpolación lineal entre sus vecinos. ``informar=True`` los enumera.
    Todo sale del paquete instalado: no se descarga nada.
    """
    from statsmodels.datasets import co2

    semanal = co2.load_pandas().data["co2"]
    mensual = semanal.resample("MS").mean()  # la media de pandas ignora los NaN
    huecos = mensual.index[mensual.isna().to_numpy()]
    mensual = mensual.interpolate(method="linear", limit_direction="both")
    fechas = mensual.index.to_numpy().astype("datetime64[M]")
    valores = mensual.to_numpy(dtype=np.float64)
    if informar:
        meses = ", ".join(str(f) for f in huecos.to_numpy().astype("datetime64[M]"))
        print(
            f"CO₂ de Mauna Loa: {semanal.shape[0]} semanas ({int(semanal.isna().sum())} sin medida) → "
            f"{valores.shape[0]} meses; {len(huecos)} meses sin ninguna semana medida, "
            f"rellenados por interpolación lineal: {meses or 'ninguno'}."
        )
    return fechas, valores


def _serie_1d(serie: object, nombre: str = "serie") -> np.ndarray:
    """Una serie ``(T,)`` (o una columna ``(T, 1)``) como arreglo 1-D de números finitos."""
    serie = como_arreglo(serie, nombre, ndim=(1, 2))
    if serie.ndim == 2:
        if serie.shape[1] != 1:
            raise ValueError(
                f"se esperaba {nombre} de forma (T,) o (T, 1) (una sola variable), se recibió {serie.shape}"
            )
        serie = serie[:, 0]
    return serie


def crear_ventanas(serie: object, longitud: int, horizonte: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Corta ``serie`` ``(T,)`` en ventanas deslizantes (paso 1).

    Devuelve ``X`` ``(N, longitud, 1)`` y ``y`` ``(N, horizonte)`` con ``N = T − longitud − horizonte + 1``:
    ``X[i, :, 0] = serie[i : i + longitud]`` y ``y[i] = serie[i + longitud : i + longitud + horizonte]``
    (los ``horizonte`` valores que siguen a la ventana). El último eje de ``X`` es el de los
    rasgos (uno: el propio valor), la forma ``(N, T, F)`` que esperan las capas recurrentes.
    """
    serie = _serie_1d(serie)
    longitud = entero_positivo(longitud, "longitud")
    horizonte = entero_positivo(horizonte, "horizonte")
    if serie.shape[0] < longitud + horizonte:
        raise ValueError(
            f"la serie es demasiado corta: tiene {serie.shape[0]} valores y una ventana de longitud "
            f"{longitud} con horizonte {horizonte} necesita al menos {longitud + horizonte}"
        )
    trozos = sliding_window_view(serie, longitud + horizonte)  # (N, longitud + horizonte), una vista
    X = trozos[:, :longitud].copy()[:, :, None]  # copias: escribir en X no cambia la serie
    y = trozos[:, longitud:].copy()
    return X, y


def _numero_de(fraccion: object, cantidad: int | None, nombre: str, T: int) -> int:
    if cantidad is not None:
        return entero_positivo(cantidad, f"n_{nombre}")
    fraccion = numero_real(
        fraccion, f"fraccion_{nombre}", 0.0, 1.0, incluir_minimo=False, incluir_maximo=False
    )
    return max(1, int(round(fraccion * T)))


def dividir_en_el_tiempo(
    serie: object,
    fraccion_validacion: float = 0.15,
    fraccion_prueba: float = 0.15,
    n_validacion: int | None = None,
    n_prueba: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Divide ``serie`` ``(T,)`` en tres trozos **seguidos**: ``(entrenamiento, validacion, prueba)``.

    Sin barajar: el entrenamiento es el principio de la serie, la prueba el final. Los tamaños
    son ``round(fraccion · T)`` (al menos 1), o exactamente ``n_validacion`` / ``n_prueba`` si se
    dan (tienen preferencia). El entrenamiento se queda con el resto y debe tener al menos un valor.
    Con las 526 medias mensuales del CO₂ y 0,15 / 0,15: 368 / 79 / 79 meses.
    Para hacer ventanas de cada parte, ``ventanas_por_parte``.
    """
    serie = _serie_1d(serie)
    T = serie.shape[0]
    n_val = _numero_de(fraccion_validacion, n_validacion, "validacion", T)
    n_pru = _numero_de(fraccion_prueba, n_prueba, "prueba", T)
    n_ent = T - n_val - n_pru
    if n_ent < 1:
        raise ValueError(
            f"no queda nada para entrenar: la serie tiene {T} valores y se piden {n_val} de "
            f"validación y {n_pru} de prueba"
        )
    return serie[:n_ent].copy(), serie[n_ent : n_ent + n_val].copy(), serie[n_ent + n_val :].copy()


def ventanas_por_parte(
    partes: tuple[np.ndarray, ...] | list[np.ndarray], longitud: int, horizonte: int = 1
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Ventanas ``(X, y)`` de cada parte de ``dividir_en_el_tiempo`` (en su orden).

    Las partes se consideran una sola serie seguida. Una ventana pertenece a la parte donde caen
    **todos sus objetivos**; su entrada puede tomar los ``longitud`` valores anteriores de la parte
    previa (la primera ventana de prueba ve el final de la validación). Así:

    - todo lo que ve el entrenamiento (entradas y objetivos) es del entrenamiento;
    - ningún objetivo se repite entre partes, y ningún valor de prueba aparece en otra parte;
    - con ``horizonte > 1`` se pierden las ``horizonte − 1`` ventanas cuyos objetivos cruzan una frontera.

    Cada ``X`` es ``(N_k, longitud, 1)`` y cada ``y`` ``(N_k, horizonte)``; la primera parte pierde
    sus ``longitud`` primeros valores como objetivos (no tienen historia suficiente).
    """
    if not isinstance(partes, (tuple, list)) or len(partes) == 0:
        raise TypeError(
            "partes debe ser una tupla o lista de series (p. ej. lo que devuelve dividir_en_el_tiempo), "
            f"se recibió {type(partes).__name__}"
        )
    partes = [_serie_1d(p, f"partes[{k}]") for k, p in enumerate(partes)]
    completa = np.concatenate(partes)
    X, y = crear_ventanas(completa, longitud, horizonte)
    primer_objetivo = np.arange(X.shape[0]) + X.shape[1]  # índice de y[i, 0] en la serie completa
    fin = np.cumsum([p.shape[0] for p in partes])
    inicio = fin - np.array([p.shape[0] for p in partes])
    resultado = []
    for k, (a, b) in enumerate(zip(inicio, fin)):
        dentro = (primer_objetivo >= a) & (primer_objetivo + horizonte <= b)
        if not dentro.any():
            raise ValueError(
                f"la parte {k} ({b - a} valores) no da ninguna ventana con longitud {X.shape[1]} y "
                f"horizonte {horizonte}: hace falta más historia o una parte más larga"
            )
        resultado.append((X[dentro], y[dentro]))
    return resultado


class EscaladorSerie:
    """Estandariza una serie (una sola variable) con la media y la desviación del **entrenamiento**.

    Es el ``Estandarizador`` del Lab06 aplicado a la serie puesta en columna ``(N, 1)``: acepta
    arreglos de cualquier forma (una serie ``(T,)``, ventanas ``(N, L, 1)``, objetivos ``(N, h)``)
    y devuelve la misma forma. ``invertir`` vuelve a las unidades originales (ppm), que es donde
    se miden los errores.

    >>> e = EscaladorSerie().ajustar(np.array([1.0, 2.0, 3.0]))
    >>> e.transformar(np.array([[2.0, 4.0]]))
    array([[0.        , 2.44948974]])
    """

    def __init__(self) -> None:
        self.estandarizador = Estandarizador()

    def ajustar(self, valores: object) -> EscaladorSerie:
        """Media y desviación de todos los ``valores`` (sólo los del entrenamiento). Devuelve ``self``."""
        valores = como_arreglo(valores, "valores")
        if valores.size == 0:
            raise ValueError("no se puede ajustar el EscaladorSerie con 0 valores")
        self.estandarizador.ajustar(valores.reshape(-1, 1))
        return self

    @property
    def media(self) -> float:
        """Media del entrenamiento (error si aún no se ha ajustado)."""
        self._comprobar_ajustado()
        return float(self.estandarizador.media[0])

    @property
    def desviacion(self) -> float:
        """Desviación típica del entrenamiento (1 si era constante)."""
        self._comprobar_ajustado()
        return float(self.estandarizador.desviacion[0])

    def _comprobar_ajustado(self) -> None:
        if self.estandarizador.media is None:
            raise RuntimeError("el EscaladorSerie no está ajustado: llama antes a ajustar(entrenamiento)")

    def transformar(self, valores: object) -> np.ndarray:
        """``(valores − media) / desviacion``, con la misma forma que ``valores``."""
        self._comprobar_ajustado()
        valores = como_arreglo(valores, "valores")
        return self.estandarizador.transformar(valores.reshape(-1, 1)).reshape(valores.shape)

    def invertir(self, valores: object) -> np.ndarray:
        """``valores · desviacion + media``: de vuelta a las unidades de la serie."""
        self._comprobar_ajustado()
        valores = como_arreglo(valores, "valores")
        return self.estandarizador.invertir(valores.reshape(-1, 1)).reshape(valores.shape)

    def __repr__(self) -> str:
        if self.estandarizador.media is None:
            return "EscaladorSerie(sin ajustar)"
        return f"EscaladorSerie(media={self.media:.4f}, desviacion={self.desviacion:.4f})"


def _ventanas(X: object, nombre: str = "X") -> np.ndarray:
    X = como_arreglo(X, nombre)
    if X.ndim != 3 or X.shape[2] != 1 or X.shape[1] < 2:
        raise ValueError(f"se esperaba {nombre} de forma (N, L, 1) con L ≥ 2, se recibió {X.shape}")
    return X


def a_diferencias(X: object, y: object | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Pasa ventanas de **niveles** a **diferencias**: lo que aprende la red recurrente.

    - ``X`` ``(N, L, 1)`` → ``D`` ``(N, L − 1, 1)`` con ``D[:, j] = X[:, j + 1] − X[:, j]`` (cuánto
      cambió cada mes dentro de la ventana).
    - ``y`` ``(N, h)`` → ``y − X[:, -1]``: cuánto se alejará cada objetivo del **último valor
      conocido** (con ``h = 1``, «el siguiente menos el último»). ``y=None`` → ``None``.

    ``desde_diferencias`` deshace el segundo paso. Las diferencias del CO₂ oscilan con la
    estación alrededor de la tendencia (+0,1 ppm al mes): la misma escala en 1960 y en 2000.
    """
    X = _ventanas(X)
    D = np.diff(X, axis=1)
    if y is None:
        return D, None
    y = como_arreglo(y, "y", ndim=2)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ventanas pero y tiene forma {y.shape}; se esperaba (N, h)")
    return D, y - X[:, -1, :]


def desde_diferencias(X: object, d: object) -> np.ndarray:
    """Vuelve a niveles: ``X[:, -1] + d`` ``(N, h)`` (último valor de cada ventana más el cambio
    pronosticado). ``X`` ``(N, L, 1)`` son las ventanas de niveles; ``d`` ``(N, h)`` o ``(N,)``."""
    X = _ventanas(X)
    d = como_arreglo(d, "d", ndim=(1, 2))
    if d.ndim == 1:
        d = d[:, None]
    if d.shape[0] != X.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ventanas pero d tiene forma {d.shape}; se esperaba (N, h)")
    return X[:, -1, :] + d
