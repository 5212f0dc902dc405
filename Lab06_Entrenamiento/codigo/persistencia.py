"""Guardar y cargar los pesos de un modelo en un archivo ``.npz`` de NumPy.

Se guardan, en orden, los ``datos`` de cada parámetro (``modelo.parameters()``) y los
*buffers* (estadísticas no entrenables, como las medias móviles de ``BatchNorm1d``): lo que
PyTorch llama ``state_dict``. La arquitectura **no** se guarda: para cargar, se crea primero
un modelo igual y después se rellenan sus pesos.

``cargar`` comprueba todo **antes** de tocar el modelo: si el archivo está dañado o no
corresponde a la arquitectura, lanza un error claro y el modelo queda como estaba.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["guardar", "cargar", "copiar_estado", "restaurar_estado", "buffers_de"]

FORMATO = "curso-deep-learning/lab06/v1"


def buffers_de(modelo: Any) -> list[np.ndarray]:
    """Los buffers de ``modelo`` y de sus capas (recorre ``capas`` de los contenedores)."""
    if callable(getattr(modelo, "buffers", None)):
        return list(modelo.buffers())
    return [b for capa in getattr(modelo, "capas", []) for b in buffers_de(capa)]


def _arreglos(modelo: Any) -> tuple[list[np.ndarray], list[str]]:
    if not callable(getattr(modelo, "parameters", None)):
        raise TypeError(f"se esperaba un modelo con parameters() (una capa o un Secuencial), "
                        f"se recibió {type(modelo).__name__}")
    parametros = list(modelo.parameters())
    arreglos = [p.datos for p in parametros] + buffers_de(modelo)
    nombres = [f"parametro {i} ({p.nombre or '?'})" for i, p in enumerate(parametros)]
    nombres += [f"buffer {i}" for i in range(len(arreglos) - len(parametros))]
    return arreglos, nombres


def copiar_estado(modelo: Any) -> list[np.ndarray]:
    """Copia de los pesos y buffers de ``modelo`` (para guardar la mejor época en memoria)."""
    return [a.copy() for a in _arreglos(modelo)[0]]


def _validar_estado(modelo: Any, estado: list[np.ndarray], origen: str) -> list[np.ndarray]:
    destinos, nombres = _arreglos(modelo)
    if len(estado) != len(destinos):
        raise ValueError(
            f"{origen} tiene {len(estado)} arreglos pero el modelo necesita {len(destinos)} "
            "(parámetros + buffers): ¿es la misma arquitectura?"
        )
    for nombre, destino, valor in zip(nombres, destinos, estado):
        if np.shape(valor) != destino.shape:
            raise ValueError(f"{origen}: el {nombre} tiene forma {np.shape(valor)} y el modelo espera "
                             f"{destino.shape}: la arquitectura no coincide")
        tipo = np.asarray(valor).dtype
        if tipo.kind not in "iuf":  # ni textos, ni objetos, ni complejos (perderían la parte imaginaria)
            raise ValueError(f"{origen}: el {nombre} es de tipo {tipo}; se esperaban números reales")
        if not np.all(np.isfinite(valor)):
            raise ValueError(f"{origen}: el {nombre} contiene NaN o infinitos")
    return destinos


def restaurar_estado(modelo: Any, estado: list[np.ndarray]) -> None:
    """Copia ``estado`` (de ``copiar_estado``) dentro de los arreglos del modelo, en su sitio."""
    destinos = _validar_estado(modelo, estado, "el estado")
    for destino, valor in zip(destinos, estado):
        destino[...] = valor


def guardar(modelo: Any, ruta: str | Path) -> Path:
    """Guarda pesos y buffers de ``modelo`` en ``ruta`` (se añade ``.npz`` si falta). Devuelve la ruta."""
    ruta = Path(ruta)
    if ruta.suffix != ".npz":
        ruta = ruta.with_name(ruta.name + ".npz")
    arreglos, nombres = _arreglos(modelo)
    contenido = {f"arreglo_{i:03d}": a for i, a in enumerate(arreglos)}
    ruta.parent.mkdir(parents=True, exist_ok=True)
    # Se escribe en un archivo temporal y después se renombra: si la escritura se interrumpe
    # (disco lleno, Ctrl+C), el punto de control anterior sigue entero.
    temporal = ruta.with_name(f".{ruta.name}.tmp")
    try:
        with open(temporal, "wb") as fichero:
            np.savez(fichero, __formato__=np.array(FORMATO), __nombres__=np.array(nombres), **contenido)
        temporal.replace(ruta)
    except BaseException:
        temporal.unlink(missing_ok=True)
        raise
    return ruta


def cargar(modelo: Any, ruta: str | Path) -> Any:
    """Carga en ``modelo`` los pesos guardados con ``guardar``. Devuelve el modelo.

    Errores claros (y el modelo sin tocar) si el archivo no existe, no es un ``.npz`` del curso,
    o su número de arreglos o sus formas no coinciden con la arquitectura.
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
    if "__formato__" not in contenido or str(contenido["__formato__"]) != FORMATO:
        raise ValueError(f"{str(ruta)!r} no es un archivo de pesos guardado con guardar() de este curso")
    n = len(contenido) - 1 - ("__nombres__" in contenido)
    try:
        estado = [contenido[f"arreglo_{i:03d}"] for i in range(n)]
    except KeyError as error:
        raise ValueError(f"{str(ruta)!r} está incompleto: falta {error}") from None
    destinos = _validar_estado(modelo, estado, f"el archivo {ruta.name!r}")
    for destino, valor in zip(destinos, estado):
        destino[...] = valor
    return modelo
