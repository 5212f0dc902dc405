"""Registrar el entrenamiento para TensorBoard desde PyTorch y desde Keras.

TensorBoard lee **archivos de eventos** (``events.out.tfevents.*``): una sucesión de
registros, cada uno con una etiqueta (``"perdida/validacion"``), un paso (la época) y un valor.

- PyTorch: ``torch.utils.tensorboard.SummaryWriter(carpeta).add_scalar(etiqueta, valor, paso)``.
- Keras: el *callback* ``keras.callbacks.TensorBoard(carpeta)`` en ``fit``; escribe
  ``carpeta/train`` y ``carpeta/validation`` con etiquetas ``epoch_loss``, ``epoch_accuracy``…

Las dos necesitan el paquete ``tensorboard`` (viene con Colab). Si no está instalado,
``crear_escritor`` y ``callback_tensorboard`` usan ``EscritorEventos``, un escritor mínimo de este
laboratorio que produce **el mismo formato** (TensorBoard lo abre igual). ``leer_escalares``
vuelve a leer los archivos para dibujar las curvas sin abrir TensorBoard.

Para verlos: en Jupyter o Colab, ``%load_ext tensorboard`` y ``%tensorboard --logdir runs``;
en una terminal, ``tensorboard --logdir runs``.
"""

from __future__ import annotations

import functools
import importlib.util
import numbers
import os
import shutil
import socket
import struct
import time
from pathlib import Path
from typing import Any

__all__ = [
    "hay_tensorboard",
    "preparar_carpeta",
    "EscritorEventos",
    "crear_escritor",
    "callback_tensorboard",
    "leer_escalares",
]


def hay_tensorboard() -> bool:
    """¿Está instalado el paquete ``tensorboard``?"""
    return importlib.util.find_spec("tensorboard") is not None


def preparar_carpeta(carpeta: str | Path, limpiar: bool = True) -> Path:
    """Crea ``carpeta`` (y sus padres); con ``limpiar=True`` borra antes lo que hubiera dentro,
    para que una nueva ejecución no mezcle sus curvas con las de la anterior.

    Por seguridad nunca borra la carpeta de trabajo, una que la contenga ni la carpeta personal
    (un ``""`` o un ``"."`` por descuido): usa una subcarpeta propia, como ``"runs/lab08/pytorch"``.
    """
    carpeta = Path(carpeta)
    if carpeta.exists() and not carpeta.is_dir():
        raise ValueError(f"{str(carpeta)!r} existe y no es una carpeta: se esperaba una carpeta de registros")
    if limpiar and carpeta.exists():
        ruta, trabajo = carpeta.resolve(), Path.cwd().resolve()
        if ruta == trabajo or ruta in trabajo.parents or ruta == Path.home().resolve():
            raise ValueError(
                f"preparar_carpeta no borra {str(carpeta)!r}: es la carpeta de trabajo, una que la "
                "contiene o la carpeta personal; usa una subcarpeta, p. ej. 'runs/experimento'"
            )
        shutil.rmtree(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


# --- el formato: registros TFRecord con mensajes protobuf ``Event`` ------------------------------
@functools.cache
def _tabla_crc32c() -> tuple[int, ...]:
    tabla = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        tabla.append(crc)
    return tuple(tabla)


def _crc_enmascarado(datos: bytes) -> int:
    """CRC-32C (Castagnoli) «enmascarado», la suma de control de cada registro TFRecord."""
    tabla, crc = _tabla_crc32c(), 0xFFFFFFFF
    for byte in datos:
        crc = tabla[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    crc ^= 0xFFFFFFFF
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def _varint(n: int) -> bytes:
    salida = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        salida.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(salida)


def _campo_bytes(numero: int, datos: bytes) -> bytes:
    return _varint(numero << 3 | 2) + _varint(len(datos)) + datos


def _evento(
    wall_time: float,
    paso: int = 0,
    version: str | None = None,
    etiqueta: str | None = None,
    valor: float = 0.0,
) -> bytes:
    """Mensaje ``Event`` (wall_time=1, step=2, file_version=3, summary=5) serializado."""
    mensaje = b"\x09" + struct.pack("<d", wall_time) + b"\x10" + _varint(int(paso))
    if version is not None:
        mensaje += _campo_bytes(3, version.encode())
    if etiqueta is not None:  # Summary.Value: tag=1, simple_value=2 (float32)
        valor_resumen = _campo_bytes(1, etiqueta.encode()) + b"\x15" + struct.pack("<f", float(valor))
        mensaje += _campo_bytes(5, _campo_bytes(1, valor_resumen))
    return mensaje


def _registro(datos: bytes) -> bytes:
    longitud = struct.pack("<Q", len(datos))
    return (
        longitud
        + struct.pack("<I", _crc_enmascarado(longitud))
        + datos
        + struct.pack("<I", _crc_enmascarado(datos))
    )


class EscritorEventos:
    """Escritor mínimo de archivos de eventos de TensorBoard (sólo escalares), sin dependencias.

    Tiene la parte de la interfaz de ``SummaryWriter`` que usa el curso: ``add_scalar``,
    ``flush`` y ``close`` (y se puede usar con ``with``).
    """

    def __init__(self, carpeta: str | Path) -> None:
        self.carpeta = Path(carpeta)
        self.carpeta.mkdir(parents=True, exist_ok=True)
        nombre = f"events.out.tfevents.{int(time.time())}.{socket.gethostname()}.{os.getpid()}.{id(self)}"
        self.ruta = self.carpeta / nombre
        self._archivo = open(self.ruta, "wb")  # noqa: SIM115 - se cierra en close()
        self._archivo.write(_registro(_evento(time.time(), version="brain.Event:2")))

    def add_scalar(self, etiqueta: str, valor: float, paso: int = 0) -> None:
        """Anota ``valor`` con ``etiqueta`` (p. ej. ``"perdida/validacion"``) en el paso ``paso``."""
        if self._archivo.closed:
            raise ValueError("el escritor ya está cerrado")
        if not isinstance(etiqueta, str) or not etiqueta:
            raise TypeError(f"la etiqueta debe ser un texto no vacío, se recibió {etiqueta!r}")
        if isinstance(paso, bool) or not isinstance(paso, numbers.Integral) or paso < 0:
            raise ValueError(f"paso debe ser un entero ≥ 0 (la época o el lote), se recibió {paso!r}")
        self._archivo.write(_registro(_evento(time.time(), int(paso), etiqueta=etiqueta, valor=float(valor))))

    def flush(self) -> None:
        self._archivo.flush()

    def close(self) -> None:
        if not self._archivo.closed:
            self._archivo.close()

    def __enter__(self) -> EscritorEventos:
        return self

    def __exit__(self, *excepcion: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EscritorEventos({str(self.carpeta)!r})"


def crear_escritor(carpeta: str | Path, forzar_propio: bool = False) -> Any:
    """Un escritor para PyTorch: ``SummaryWriter`` si hay ``tensorboard``; si no (o con
    ``forzar_propio=True``), ``EscritorEventos``. Ambos tienen ``add_scalar``, ``flush`` y ``close``.

    Ojo: si TensorFlow también está instalado, ``SummaryWriter`` lo importa para escribir los
    archivos (unos segundos la primera vez). En un cuaderno sólo de PyTorch, ``forzar_propio=True``
    escribe el mismo formato sin importarlo."""
    Path(carpeta).mkdir(parents=True, exist_ok=True)
    if hay_tensorboard() and not forzar_propio:
        from torch.utils.tensorboard import SummaryWriter

        return SummaryWriter(str(carpeta))
    return EscritorEventos(carpeta)


@functools.cache
def _clase_callback_propio() -> type:
    import keras

    class RegistroTensorBoard(keras.callbacks.Callback):
        """Como ``keras.callbacks.TensorBoard`` (sólo las métricas de cada época), sin ``tensorboard``."""

        def __init__(self, carpeta: str | Path) -> None:
            super().__init__()
            self.carpeta = Path(carpeta)
            self._escritores: dict[str, EscritorEventos] = {}

        def _escritor(self, parte: str) -> EscritorEventos:
            if parte not in self._escritores:
                self._escritores[parte] = EscritorEventos(self.carpeta / parte)
            return self._escritores[parte]

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            registros = dict(logs or {})
            tasa = getattr(getattr(self.model, "optimizer", None), "learning_rate", None)
            if tasa is not None:
                registros["learning_rate"] = float(keras.ops.convert_to_numpy(tasa))
            for nombre, valor in registros.items():
                parte = "validation" if nombre.startswith("val_") else "train"
                self._escritor(parte).add_scalar(f"epoch_{nombre.removeprefix('val_')}", float(valor), epoch)

        def on_train_end(self, logs: dict | None = None) -> None:
            for escritor in self._escritores.values():
                escritor.close()
            self._escritores = {}

    return RegistroTensorBoard


def callback_tensorboard(carpeta: str | Path, forzar_propio: bool = False) -> Any:
    """Callback de Keras que registra cada época en ``carpeta/train`` y ``carpeta/validation``:
    ``keras.callbacks.TensorBoard`` si hay ``tensorboard``; si no, uno equivalente de este lab."""
    if hay_tensorboard() and not forzar_propio:
        import keras

        return keras.callbacks.TensorBoard(log_dir=str(carpeta), write_graph=False)
    return _clase_callback_propio()(carpeta)


# --- lectura -------------------------------------------------------------------------------------
def _leer_varint(datos: bytes, i: int) -> tuple[int, int]:
    resultado, desplazamiento = 0, 0
    while True:
        byte = datos[i]
        resultado |= (byte & 0x7F) << desplazamiento
        i += 1
        if not byte & 0x80:
            return resultado, i
        desplazamiento += 7


def _campos(datos: bytes) -> list[tuple[int, int, Any]]:
    """Descompone un mensaje protobuf en ``(número de campo, tipo, valor crudo)``."""
    campos, i = [], 0
    while i < len(datos):
        clave, i = _leer_varint(datos, i)
        numero, tipo = clave >> 3, clave & 7
        if tipo == 0:
            valor, i = _leer_varint(datos, i)
        elif tipo == 1:
            valor, i = datos[i : i + 8], i + 8
        elif tipo == 2:
            longitud, i = _leer_varint(datos, i)
            valor, i = datos[i : i + longitud], i + longitud
        elif tipo == 5:
            valor, i = datos[i : i + 4], i + 4
        else:
            raise ValueError(f"mensaje protobuf con un tipo de campo no admitido ({tipo})")
        campos.append((numero, tipo, valor))
    return campos


def _valor_tensor(datos: bytes) -> float | None:
    """Un escalar de un ``TensorProto`` (así escribe ``tf.summary.scalar``): float o double."""
    tipo_dato = 0
    for numero, _, valor in _campos(datos):
        if numero == 1:
            tipo_dato = valor
    for numero, _, valor in _campos(datos):
        if numero == 4 and tipo_dato in (1, 2):  # tensor_content crudo (DT_FLOAT=1, DT_DOUBLE=2)
            return struct.unpack("<f" if tipo_dato == 1 else "<d", valor[: 4 if tipo_dato == 1 else 8])[0]
        if numero == 5:  # float_val (empaquetado o no)
            return struct.unpack("<f", valor[:4])[0]
        if numero == 6:  # double_val
            return struct.unpack("<d", valor[:8])[0]
    return None


def _leer_archivo(ruta: Path) -> list[tuple[str, int, float]]:
    datos, i, escalares = ruta.read_bytes(), 0, []
    while i + 12 <= len(datos):
        (longitud,) = struct.unpack("<Q", datos[i : i + 8])
        registro = datos[i + 12 : i + 12 + longitud]
        if len(registro) < longitud:
            break  # registro a medio escribir (el entrenamiento sigue): se ignora
        i += 12 + longitud + 4
        paso, resumen = 0, None
        for numero, _, valor in _campos(registro):
            if numero == 2:
                paso = valor
            elif numero == 5:
                resumen = valor
        if resumen is None:
            continue
        for numero, _, valor_resumen in _campos(resumen):
            if numero != 1:
                continue
            etiqueta, valor = None, None
            for n, _, v in _campos(valor_resumen):
                if n == 1:
                    etiqueta = v.decode("utf-8")
                elif n == 2:
                    valor = struct.unpack("<f", v)[0]
                elif n == 8:
                    valor = _valor_tensor(v)
            if etiqueta is not None and valor is not None:
                escalares.append((etiqueta, int(paso), float(valor)))
    return escalares


def leer_escalares(carpeta: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Lee todos los archivos de eventos bajo ``carpeta`` (también en subcarpetas).

    Devuelve ``{"subcarpeta/etiqueta": [(paso, valor), …]}`` ordenado por paso; por ejemplo
    ``{"validation/epoch_loss": [(0, 0.52), (1, 0.31), …]}``. La subcarpeta se omite si los
    eventos están directamente en ``carpeta``.
    """
    carpeta = Path(carpeta)
    if not carpeta.is_dir():
        raise FileNotFoundError(f"no existe la carpeta de registros {str(carpeta)!r}")
    resultado: dict[str, list[tuple[int, float]]] = {}
    for ruta in sorted(carpeta.rglob("*tfevents*")):
        prefijo = ruta.parent.relative_to(carpeta).as_posix()
        for etiqueta, paso, valor in _leer_archivo(ruta):
            clave = etiqueta if prefijo == "." else f"{prefijo}/{etiqueta}"
            resultado.setdefault(clave, []).append((paso, valor))
    return {clave: sorted(valores) for clave, valores in sorted(resultado.items())}
