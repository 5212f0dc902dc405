"""Datos en PyTorch: ``Dataset`` (qué es un ejemplo) y ``DataLoader`` (cómo se agrupan en lotes).

- Un ``Dataset`` sabe dos cosas: cuántos ejemplos hay (``__len__``) y cómo dar el ejemplo ``i``
  (``__getitem__``). Aquí los datos ya caben en memoria como arreglos de NumPy; en la
  práctica, ``__getitem__`` podría leer una imagen del disco.
- Un ``DataLoader`` baraja los índices, pide los ejemplos y los **apila** en lotes
  ``(X_lote, y_lote)``. Es el equivalente de ``iterar_lotes`` del Lab06.
"""

from __future__ import annotations

import numbers

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from Lab01_Introduccion_Neuronas.codigo import como_arreglo

__all__ = ["ConjuntoTensores", "crear_cargador", "tipo_objetivo"]


def tipo_objetivo(y: np.ndarray, dtype: torch.dtype = torch.float32) -> torch.dtype:
    """``torch.long`` para etiquetas enteras de clase ``(N,)`` (``CrossEntropyLoss`` las pide así);
    ``dtype`` para objetivos reales (regresión, o ``(N, 1)`` para ``BCEWithLogitsLoss``)."""
    y = np.asarray(y)
    return torch.long if (y.ndim == 1 and np.issubdtype(y.dtype, np.integer)) else dtype


class ConjuntoTensores(Dataset):
    """``Dataset`` sobre arreglos en memoria: el ejemplo ``i`` es ``(X[i], y[i])``.

    - ``X``: ``(N, …)`` números reales → tensor ``dtype`` (``float32`` por defecto, el de PyTorch).
    - ``y``: ``(N, …)``; etiquetas enteras ``(N,)`` → ``torch.long``; si no, ``dtype``.
      ``y=None`` da sólo ``X[i]`` (datos sin etiquetas, p. ej. para un autoencoder).
    """

    def __init__(
        self, X: np.ndarray, y: np.ndarray | None = None, dtype: torch.dtype = torch.float32
    ) -> None:
        X = como_arreglo(X, "X")
        if X.ndim < 1 or X.shape[0] == 0:
            raise ValueError(f"X debe tener al menos un ejemplo en el primer eje, se recibió forma {X.shape}")
        self.X = torch.as_tensor(X, dtype=dtype)
        self.y = None
        if y is not None:
            y = np.asarray(y)
            if y.ndim < 1 or y.shape[0] != X.shape[0]:
                raise ValueError(
                    f"X tiene {X.shape[0]} ejemplos pero y tiene forma {y.shape}; "
                    "se esperaba un objetivo por ejemplo"
                )
            self.y = torch.as_tensor(y, dtype=tipo_objetivo(y, dtype))

    def __len__(self) -> int:
        return self.X.shape[0]

    def __getitem__(self, i: int) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
        return self.X[i] if self.y is None else (self.X[i], self.y[i])

    def __repr__(self) -> str:
        objetivo = "" if self.y is None else f", y {tuple(self.y.shape)} {self.y.dtype}"
        return f"ConjuntoTensores(X {tuple(self.X.shape)} {self.X.dtype}{objetivo})"


def crear_cargador(
    X: np.ndarray,
    y: np.ndarray | None = None,
    tamano_lote: int = 32,
    barajar: bool = True,
    semilla: int | None = 0,
    dtype: torch.dtype = torch.float32,
    dispositivo: torch.device | str | None = None,
) -> DataLoader:
    """``DataLoader`` de ``ConjuntoTensores(X, y)`` en lotes de ``tamano_lote``.

    Con ``barajar=True`` el orden cambia en cada época y se repite entre ejecuciones gracias a
    un ``torch.Generator`` propio con ``semilla`` (no toca la semilla global de PyTorch).

    ``dispositivo``: adónde irán los lotes. Si es una GPU CUDA (y existe), los lotes se preparan
    en memoria **fijada** (``pin_memory=True``: memoria de la CPU que el sistema operativo no
    puede mover ni llevar al disco), la única desde la que la copia a la GPU puede ser asíncrona
    (``mover(…, non_blocking=True)``). En la CPU o en MPS no se fija nada: no aportaría y gastaría
    memoria.
    """
    if isinstance(tamano_lote, bool) or not isinstance(tamano_lote, numbers.Integral) or tamano_lote < 1:
        raise ValueError(f"tamano_lote debe ser un entero positivo, se recibió {tamano_lote!r}")
    fijar = dispositivo is not None and torch.device(dispositivo).type == "cuda" and torch.cuda.is_available()
    generador = None
    if barajar:
        generador = torch.Generator()
        if semilla is not None:
            generador.manual_seed(int(semilla))
    return DataLoader(
        ConjuntoTensores(X, y, dtype),
        batch_size=int(tamano_lote),
        shuffle=barajar,
        generator=generador,
        pin_memory=fijar,
    )
