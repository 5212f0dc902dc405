"""Un informe de clasificación en una tabla (como ``sklearn.metrics.classification_report``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .etiquetas import preparar_etiquetas
from .metricas import exactitud, precision_sensibilidad_f

__all__ = ["informe_clasificacion"]

_COLUMNAS = ("precision", "sensibilidad", "f1", "soporte")
_TITULOS = ("precisión", "sensibilidad", "f1", "soporte")


def _fila(nombre: str, valores: dict, ancho: int, digitos: int) -> str:
    celdas = []
    for columna, titulo in zip(_COLUMNAS, _TITULOS):
        valor = valores.get(columna)
        if valor is None:
            texto = ""
        elif columna == "soporte":
            texto = str(int(valor))
        else:
            texto = f"{valor:.{digitos}f}"
        celdas.append(texto.rjust(max(len(titulo), digitos + 2)))
    return nombre.rjust(ancho) + "  " + "  ".join(celdas)


def informe_clasificacion(
    y_verdadero: object,
    y_predicho: object,
    nombres_clases: Sequence[str] | None = None,
    clases: Sequence | np.ndarray | None = None,
    digitos: int = 4,
    division_cero: float = 0.0,
    como_diccionario: bool = False,
) -> str | dict:
    """Precisión, sensibilidad, F1 y soporte de cada clase, exactitud y promedios macro y ponderado.

    - ``nombres_clases``: cómo se llama cada clase en la tabla (en el orden de ``clases``).
    - ``como_diccionario=True`` devuelve ``{nombre: {"precision", "sensibilidad", "f1", "soporte"},
      "exactitud": float, "promedio macro": {...}, "promedio ponderado": {...}}`` en vez del texto.
    """
    _, _, clases_arr = preparar_etiquetas(y_verdadero, y_predicho, clases)
    if nombres_clases is None:
        nombres = [str(c) for c in clases_arr]
    else:
        nombres = [str(n) for n in nombres_clases]
        if len(nombres) != len(clases_arr):
            raise ValueError(
                f"hay {len(clases_arr)} clases ({clases_arr.tolist()}) pero {len(nombres)} nombres_clases"
            )
    if isinstance(digitos, bool) or not isinstance(digitos, (int, np.integer)) or not 0 <= digitos <= 10:
        raise ValueError(f"digitos debe ser un entero entre 0 y 10, se recibió {digitos!r}")
    por_clase = precision_sensibilidad_f(y_verdadero, y_predicho, clases=clases_arr,
                                         division_cero=division_cero)
    informe: dict = {}
    for i, nombre in enumerate(nombres):
        valores = (float(por_clase.precision[i]), float(por_clase.sensibilidad[i]),
                   float(por_clase.f[i]), int(por_clase.soporte[i]))
        informe[nombre] = dict(zip(_COLUMNAS, valores))
    informe["exactitud"] = exactitud(y_verdadero, y_predicho)
    for clave, promedio in (("promedio macro", "macro"), ("promedio ponderado", "ponderado")):
        r = precision_sensibilidad_f(y_verdadero, y_predicho, promedio=promedio, clases=clases_arr,
                                     division_cero=division_cero)
        informe[clave] = dict(zip(_COLUMNAS, (r.precision, r.sensibilidad, r.f, r.soporte)))
    if como_diccionario:
        return informe
    ancho = max(len("promedio ponderado"), *(len(n) for n in nombres))
    total = int(por_clase.soporte.sum())
    lineas = [" " * ancho + "  " + "  ".join(t.rjust(max(len(t), digitos + 2)) for t in _TITULOS), ""]
    lineas += [_fila(n, informe[n], ancho, digitos) for n in nombres]
    lineas += ["", _fila("exactitud", {"f1": informe["exactitud"], "soporte": total}, ancho, digitos)]
    lineas += [_fila(c, informe[c], ancho, digitos) for c in ("promedio macro", "promedio ponderado")]
    return "\n".join(lineas)
