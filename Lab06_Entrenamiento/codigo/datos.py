"""Datos reales para entrenar: cargar, dividir en entrenamiento/validación/prueba y preparar.

Conjuntos disponibles (nada se descarga: vienen dentro de scikit-learn o se generan):

| nombre          | ejemplos | rasgos | tarea                                        |
|-----------------|---------:|-------:|----------------------------------------------|
| ``digitos``     | 1797     | 64     | 10 clases: dígitos escritos a mano, 8×8 px   |
| ``cancer_mama`` | 569      | 30     | 2 clases: tumor maligno (0) o benigno (1)    |
| ``vino``        | 178      | 13     | 3 clases: tres cultivos de uva               |
| ``iris``        | 150      | 4      | 3 clases: especies de lirio                  |
| ``diabetes``    | 442      | 10     | regresión: progresión de la enfermedad       |
| ``espirales``   | 300      | 2      | 3 clases (Lab02 ``generar_espirales``)       |
| ``lunas``       | 300      | 2      | 2 clases (Lab02 ``generar_lunas``)           |

La regla de oro: el conjunto de **prueba** no se mira hasta el final, y todo lo que se
«aprende» de los datos (también la media y la desviación de la estandarización) se
calcula sólo con el conjunto de **entrenamiento**.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn import datasets as _sk

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab02_Primera_Red_Neuronal.codigo import crear_generador, generar_espirales, generar_lunas

from .lotes import Estandarizador

__all__ = ["CONJUNTOS_DATOS", "ConjuntoDatos", "cargar_datos", "dividir_datos", "preparar_datos"]


def _sklearn(cargador: Callable, clases: list[str] | None = None) -> Callable[..., tuple]:
    def cargar(semilla: int | np.random.Generator | None = 0) -> tuple:
        conjunto = cargador()
        y = conjunto.target.astype(np.int64 if clases is not None or conjunto.target.dtype.kind == "i"
                                   else np.float64)
        nombres = clases if clases is not None else [str(c) for c in getattr(conjunto, "target_names", [])]
        return conjunto.data.astype(np.float64), y, nombres
    return cargar


def _generado(generador: Callable, **opciones: object) -> Callable[..., tuple]:
    def cargar(semilla: int | np.random.Generator | None = 0) -> tuple:
        X, y = generador(**opciones, semilla=semilla)
        return X, y.astype(np.int64), [f"clase {c}" for c in np.unique(y)]
    return cargar


#: Nombre → (función que carga ``(X, y, nombres_clases)``, descripción).
CONJUNTOS_DATOS: dict[str, tuple[Callable[..., tuple], str]] = {
    "digitos": (_sklearn(_sk.load_digits, [str(d) for d in range(10)]),
                "dígitos manuscritos 8×8 (1797 × 64, 10 clases)"),
    "cancer_mama": (_sklearn(_sk.load_breast_cancer, ["maligno", "benigno"]),
                    "cáncer de mama de Wisconsin (569 × 30, 2 clases)"),
    "vino": (_sklearn(_sk.load_wine, ["cultivo 0", "cultivo 1", "cultivo 2"]),
             "vinos de tres cultivos (178 × 13, 3 clases)"),
    "iris": (_sklearn(_sk.load_iris, ["setosa", "versicolor", "virginica"]),
             "lirios de Fisher (150 × 4, 3 clases)"),
    "diabetes": (_sklearn(_sk.load_diabetes), "diabetes (442 × 10, regresión)"),
    "espirales": (_generado(generar_espirales, n_por_clase=100, n_clases=3, ruido=0.2),
                  "tres espirales entrelazadas (300 × 2, 3 clases)"),
    "lunas": (_generado(generar_lunas, n=300, ruido=0.2), "dos medias lunas (300 × 2, 2 clases)"),
}


def _clave(nombre: object) -> str:
    if not isinstance(nombre, str):
        raise TypeError(f"el nombre del conjunto debe ser un texto, se recibió {type(nombre).__name__}")
    sin_tildes = unicodedata.normalize("NFKD", nombre).encode("ascii", "ignore").decode()
    clave = sin_tildes.strip().lower().replace(" ", "_").replace("-", "_")
    if clave not in CONJUNTOS_DATOS:
        raise ValueError(f"conjunto de datos desconocido: {nombre!r}; "
                         f"se esperaba uno de {', '.join(CONJUNTOS_DATOS)}")
    return clave


def cargar_datos(nombre: str, semilla: int | np.random.Generator | None = 0
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``X`` ``(N, F)`` float64 e ``y`` ``(N,)`` (enteros para clasificación, reales para regresión).

    ``semilla`` sólo importa en los conjuntos generados (espirales, lunas).
    """
    X, y, _ = CONJUNTOS_DATOS[_clave(nombre)][0](semilla)
    return X, y


def _proporciones_validas(proporciones: object) -> tuple[float, float, float]:
    try:
        valores = tuple(float(p) for p in proporciones)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise TypeError("proporciones debe ser una terna (entrenamiento, validación, prueba), "
                        f"se recibió {proporciones!r}") from None
    if len(valores) != 3 or any(not np.isfinite(p) or p < 0 for p in valores) or valores[0] <= 0:
        raise ValueError("proporciones debe ser una terna de números ≥ 0 (con entrenamiento > 0), "
                         f"se recibió {proporciones!r}")
    if abs(sum(valores) - 1.0) > 1e-6:
        raise ValueError(f"las proporciones deben sumar 1, suman {sum(valores):.4g}")
    return valores  # type: ignore[return-value]


def _es_clasificacion(y: np.ndarray, estricto: bool = True) -> bool:
    """Etiquetas de clase: ``(N,)`` de tipo entero (o, si no ``estricto``, reales con valor entero)."""
    if y.ndim != 1:
        return False
    if np.issubdtype(y.dtype, np.integer) or y.dtype == bool:
        return True
    return not estricto and np.issubdtype(y.dtype, np.number) and bool(np.all(y == np.round(y)))


def dividir_datos(
    X: np.ndarray,
    y: np.ndarray,
    proporciones: tuple[float, float, float] = (0.7, 0.15, 0.15),
    estratificar: bool | None = None,
    semilla: int | np.random.Generator | None = 0,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Baraja y separa ``(X, y)`` en ``(entrenamiento, validación, prueba)``, cada uno ``(X, y)``.

    - ``estratificar=True`` reparte cada clase en las mismas proporciones (útil con pocas
      muestras o clases desequilibradas); ``None`` estratifica si ``y`` es de tipo entero.
    - Una proporción 0 deja ese conjunto vacío (p. ej. ``(0.8, 0, 0.2)``).
    """
    X = como_arreglo(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim not in (1, 2) or y.shape[0] != X.shape[0]:
        raise ValueError(f"X tiene {X.shape[0]} ejemplos pero y tiene forma {y.shape}; "
                         "se esperaba un objetivo por ejemplo")
    p_ent, p_val, p_pru = _proporciones_validas(proporciones)
    if estratificar is None:
        estratificar = _es_clasificacion(y)
    elif estratificar and not _es_clasificacion(y, estricto=False):
        raise ValueError("estratificar=True necesita etiquetas de clase enteras (N,); "
                         "para regresión usa estratificar=False")
    rng = crear_generador(semilla)
    grupos = [np.flatnonzero(y == c) for c in np.unique(y)] if estratificar else [np.arange(len(y))]
    partes: list[list[np.ndarray]] = [[], [], []]
    for indices in grupos:
        indices = rng.permutation(indices)
        n = len(indices)
        n_val, n_pru = int(round(n * p_val)), int(round(n * p_pru))
        n_ent = n - n_val - n_pru
        for k, trozo in enumerate(np.split(indices, [n_ent, n_ent + n_val])):
            partes[k].append(trozo)
    salida = []
    for nombre, trozos, proporcion in zip(("entrenamiento", "validación", "prueba"), partes,
                                          (p_ent, p_val, p_pru)):
        indices = rng.permutation(np.concatenate(trozos))
        if proporcion > 0 and len(indices) == 0:
            raise ValueError(f"con {len(y)} ejemplos, el conjunto de {nombre} queda vacío; "
                             "aumenta su proporción")
        salida.append((X[indices], y[indices]))
    return salida[0], salida[1], salida[2]


@dataclass
class ConjuntoDatos:
    """Un conjunto listo para entrenar: tres particiones ya estandarizadas y su descripción.

    ``entrenamiento``, ``validacion`` y ``prueba`` son parejas ``(X, y)`` (se pueden pasar tal
    cual a ``entrenar``). ``estandarizador`` se ajustó sólo con el entrenamiento.
    """

    nombre: str
    entrenamiento: tuple[np.ndarray, np.ndarray]
    validacion: tuple[np.ndarray, np.ndarray]
    prueba: tuple[np.ndarray, np.ndarray]
    nombres_clases: list[str] = field(default_factory=list)
    estandarizador: Estandarizador | None = None
    estandarizador_objetivo: Estandarizador | None = None

    @property
    def n_rasgos(self) -> int:
        return int(self.entrenamiento[0].shape[1])

    @property
    def n_clases(self) -> int:
        """Número de clases (0 en regresión)."""
        return len(self.nombres_clases)

    def __repr__(self) -> str:
        tamanos = ", ".join(f"{k}={len(p[1])}" for k, p in
                            (("entrenamiento", self.entrenamiento), ("validacion", self.validacion),
                             ("prueba", self.prueba)))
        tarea = f"{self.n_clases} clases" if self.n_clases else "regresión"
        return f"ConjuntoDatos({self.nombre!r}: {self.n_rasgos} rasgos, {tarea}; {tamanos})"


def preparar_datos(
    nombre: str,
    proporciones: tuple[float, float, float] = (0.7, 0.15, 0.15),
    estratificar: bool | None = None,
    estandarizar: bool = True,
    semilla: int | np.random.Generator | None = 0,
) -> ConjuntoDatos:
    """Carga ``nombre``, lo divide (``dividir_datos``) y estandariza con la media y la
    desviación del **entrenamiento**. En ``diabetes`` (regresión) también se estandariza ``y``
    (el ``Estandarizador`` del objetivo queda en ``estandarizador_objetivo`` del resultado).
    """
    clave = _clave(nombre)
    rng = crear_generador(semilla)
    X, y, nombres = CONJUNTOS_DATOS[clave][0](rng)
    entrenamiento, validacion, prueba = dividir_datos(X, y, proporciones, estratificar, rng)
    estandarizador = None
    if estandarizar:
        estandarizador = Estandarizador().ajustar(entrenamiento[0])
        entrenamiento, validacion, prueba = (
            (estandarizador.transformar(Xp), yp) for Xp, yp in (entrenamiento, validacion, prueba)
        )
    conjunto = ConjuntoDatos(clave, entrenamiento, validacion, prueba, nombres, estandarizador)
    if not nombres and estandarizar:  # regresión: objetivo en columna y estandarizado
        objetivo = Estandarizador().ajustar(conjunto.entrenamiento[1].reshape(-1, 1))
        for campo in ("entrenamiento", "validacion", "prueba"):
            Xp, yp = getattr(conjunto, campo)
            setattr(conjunto, campo, (Xp, objetivo.transformar(yp.reshape(-1, 1))))
        conjunto.estandarizador_objetivo = objetivo
    return conjunto
