"""Guardar y cargar los pesos de un modelo en un archivo ``.npz`` de NumPy.

Se guarda, con su **nombre con puntos**, cada parámetro (``modelo.named_parameters()``:
``"0.W"``, ``"bloques.1.atencion.W_q"``…) y cada *buffer* (estadísticas no entrenables, como
las medias móviles de ``BatchNorm1d``: ``"1.media_movil"``). Es lo que PyTorch llama
``state_dict``. La arquitectura **no** se guarda: para cargar, se crea primero un modelo igual
y después se rellenan sus pesos.

``cargar`` comprueba todo **antes** de tocar el modelo: si el archivo está dañado, le falta o le
sobra una capa, o una forma no coincide, lanza un error que nombra la pieza y el modelo queda
como estaba.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np

__all__ = ["guardar", "cargar", "copiar_estado", "restaurar_estado", "estado_con_nombres",
           "escribir_atomicamente"]

FORMATO = "curso-deep-learning/lab06/v2"


def estado_con_nombres(modelo: Any) -> dict[str, np.ndarray]:
    """``{nombre: arreglo}`` con los parámetros y buffers de ``modelo`` (los arreglos mismos, sin copiar)."""
    if not callable(getattr(modelo, "named_parameters", None)):
        raise TypeError(f"se esperaba un modelo del curso (una Capa o un Secuencial, con "
                        f"named_parameters()), se recibió {type(modelo).__name__}")
    estado = {nombre: p.datos for nombre, p in modelo.named_parameters()}
    for nombre, buffer in modelo.named_buffers():
        estado[nombre] = buffer
    return estado


def copiar_estado(modelo: Any) -> dict[str, np.ndarray]:
    """Copia de los pesos y buffers de ``modelo``, por nombre (para guardar la mejor época en memoria)."""
    return {nombre: a.copy() for nombre, a in estado_con_nombres(modelo).items()}


def _validar_estado(modelo: Any, estado: dict[str, np.ndarray], origen: str) -> dict[str, np.ndarray]:
    destinos = estado_con_nombres(modelo)
    if not isinstance(estado, dict):
        raise TypeError(f"{origen} debe ser un diccionario nombre → arreglo (de copiar_estado), "
                        f"se recibió {type(estado).__name__}")
    faltan = [n for n in destinos if n not in estado]
    sobran = [n for n in estado if n not in destinos]
    if faltan or sobran:
        partes = []
        if faltan:
            partes.append("el modelo tiene " + ", ".join(repr(n) for n in faltan) + f" y {origen} no")
        if sobran:
            partes.append(f"{origen} trae " + ", ".join(repr(n) for n in sobran) + ", que el modelo no tiene")
        raise ValueError(f"{origen} no corresponde a esta arquitectura: " + "; ".join(partes)
                         + ". ¿Falta, sobra o se renombró una capa?")
    for nombre, destino in destinos.items():
        valor = estado[nombre]
        if np.shape(valor) != destino.shape:
            raise ValueError(f"{origen}: {nombre!r} tiene forma {np.shape(valor)} y el modelo espera "
                             f"{destino.shape}: la arquitectura no coincide")
        tipo = np.asarray(valor).dtype
        if tipo.kind not in "iuf":  # ni textos, ni objetos, ni complejos (perderían la parte imaginaria)
            raise ValueError(f"{origen}: {nombre!r} es de tipo {tipo}; se esperaban números reales")
        if not np.all(np.isfinite(valor)):
            raise ValueError(f"{origen}: {nombre!r} contiene NaN o infinitos")
    return destinos


def restaurar_estado(modelo: Any, estado: dict[str, np.ndarray]) -> None:
    """Copia ``estado`` (de ``copiar_estado``) dentro de los arreglos del modelo, en su sitio."""
    destinos = _validar_estado(modelo, estado, "el estado")
    for nombre, destino in destinos.items():
        destino[...] = estado[nombre]


def escribir_atomicamente(ruta: str | Path, escribir: Callable[[IO[bytes]], None]) -> Path:
    """Llama a ``escribir(fichero)`` sobre un temporal y después lo renombra a ``ruta``.

    Si la escritura se interrumpe (disco lleno, Ctrl+C), el archivo anterior sigue entero.
    La usan ``guardar`` (este lab) y ``guardar_pesos`` (Lab08).
    """
    ruta = Path(ruta)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    temporal = ruta.with_name(f".{ruta.name}.tmp")
    try:
        with open(temporal, "wb") as fichero:
            escribir(fichero)
        temporal.replace(ruta)
    except BaseException:
        temporal.unlink(missing_ok=True)
        raise
    return ruta


def guardar(modelo: Any, ruta: str | Path) -> Path:
    """Guarda pesos y buffers de ``modelo`` en ``ruta`` (se añade ``.npz`` si falta). Devuelve la ruta."""
    ruta = Path(ruta)
    if ruta.suffix != ".npz":
        ruta = ruta.with_name(ruta.name + ".npz")
    estado = estado_con_nombres(modelo)
    return escribir_atomicamente(ruta, lambda f: np.savez(f, __formato__=np.array(FORMATO), **estado))


def cargar(modelo: Any, ruta: str | Path) -> Any:
    """Carga en ``modelo`` los pesos guardados con ``guardar``. Devuelve el modelo.

    Errores claros (y el modelo sin tocar) si el archivo no existe, no es un ``.npz`` del curso,
    le falta o le sobra un nombre (una capa añadida, quitada o renombrada) o una forma no coincide.
    """
    ruta = Path(ruta)
    if not ruta.exists():
        raise FileNotFoundError(f"no existe el archivo de pesos {str(ruta)!r}")
    try:
        with open(ruta, "rb") as fichero:  # así se cierra aunque el .npz esté roto
            archivo = np.load(fichero, allow_pickle=False)
            if not isinstance(archivo, np.lib.npyio.NpzFile):
                raise ValueError("es un .npy, no un .npz")
            with archivo:
                contenido = {clave: archivo[clave] for clave in archivo.files}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ValueError(f"no se pudo leer {str(ruta)!r}: el archivo está dañado o no es un .npz "
                         f"guardado con guardar() ({type(error).__name__})") from error
    formato = str(contenido.pop("__formato__", ""))
    if formato != FORMATO:
        antiguo = " (es de una versión anterior del curso: vuelve a entrenar y guardar)" \
            if formato.startswith("curso-deep-learning/") else ""
        raise ValueError(f"{str(ruta)!r} no es un archivo de pesos guardado con guardar() de este curso"
                         + antiguo)
    destinos = _validar_estado(modelo, contenido, f"el archivo {ruta.name!r}")
    for nombre, destino in destinos.items():
        destino[...] = contenido[nombre]
    return modelo
