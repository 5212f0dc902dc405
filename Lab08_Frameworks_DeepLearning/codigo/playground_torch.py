"""El *playground* del Lab06, con PyTorch: mismos datos, mismos ajustes y mismos pesos iniciales.

``PlaygroundTorch`` hereda de ``Playground`` (Lab06) y sólo cambia lo que toca al modelo: construye
un ``nn.Sequential`` con ``nn.Linear`` y las activaciones de PyTorch, **copia** los pesos iniciales
del MLP de NumPy que habría creado el Lab06 con esos ajustes (así los dos empiezan en el mismo
punto), y entrena con ``torch.optim.SGD`` (momento 0.9) y ``F.cross_entropy``, sumando a la pérdida
de entrenamiento la misma penalización L2 ``(λ/2)·Σ‖W‖²`` que ``entrenar`` (sólo los pesos). El
orden de los lotes y las máscaras de *dropout* salen del azar de PyTorch, así que las curvas se
parecen a las de NumPy pero no coinciden al decimal.

    from Lab06_Entrenamiento.codigo.widgets_playground import crear_playground
    crear_playground(clase=PlaygroundTorch)
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from Lab05_Backpropagation.codigo import CapaDensa
from Lab06_Entrenamiento.codigo import Dropout
from Lab06_Entrenamiento.codigo.playground import AjustesPlayground, Playground

__all__ = ["PlaygroundTorch"]

_ACTIVACIONES = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoide": nn.Sigmoid, "identidad": nn.Identity}


class PlaygroundTorch(Playground):
    """``Playground`` con un MLP de PyTorch (en la CPU: con 300 puntos, una GPU no gana nada)."""

    motor = "PyTorch"

    def __init__(self, ajustes: AjustesPlayground | None = None) -> None:
        super().__init__(ajustes)

    def _construir(self) -> None:
        super()._construir()  # el MLP de NumPy del Lab06: de él salen los pesos iniciales
        capas: list[nn.Module] = []
        for capa in self.modelo.capas:
            if isinstance(capa, CapaDensa):
                lineal = nn.Linear(capa.W.datos.shape[0], capa.W.datos.shape[1], dtype=torch.float32)
                with torch.no_grad():  # PyTorch guarda W traspuesta: (salidas, entradas)
                    lineal.weight.copy_(torch.as_tensor(capa.W.datos.T))
                    lineal.bias.copy_(torch.as_tensor(capa.b.datos))
                capas.append(lineal)
            elif isinstance(capa, Dropout):
                capas.append(nn.Dropout(self.ajustes.dropout))
            else:
                capas.append(_ACTIVACIONES[self.ajustes.activacion]())
        self.red = nn.Sequential(*capas)
        self.optimizador = torch.optim.SGD(self.red.parameters(), lr=self.ajustes.tasa, momentum=0.9)
        self.generador = torch.Generator().manual_seed(self.ajustes.semilla + 2)
        self._datos = [
            torch.as_tensor(v, dtype=torch.float32 if v.dtype.kind == "f" else torch.long)
            for v in (self.X, self.y, self.X_val, self.y_val)
        ]
        self.modelo = None

    def _pesos(self) -> list[torch.Tensor]:
        return [m.weight for m in self.red if isinstance(m, nn.Linear)]

    def _entrenar(self, epocas: int) -> dict[str, list[float]]:
        X, y, X_val, y_val = self._datos
        a = self.ajustes
        historial: dict[str, list[float]] = {k: [] for k in self.historial}
        with torch.random.fork_rng(devices=[]):  # el dropout usa el azar global: sembrado y devuelto
            torch.manual_seed(int(torch.randint(2**31, (1,), generator=self.generador)))
            for _ in range(epocas):
                self.red.train()
                orden = torch.randperm(len(X), generator=self.generador)
                suma_perdida = suma_aciertos = 0.0
                for inicio in range(0, len(X), a.tamano_lote):
                    indices = orden[inicio : inicio + a.tamano_lote]
                    logits = self.red(X[indices])
                    perdida = F.cross_entropy(logits, y[indices])
                    if a.l2:
                        perdida = perdida + 0.5 * a.l2 * sum((w**2).sum() for w in self._pesos())
                    self.optimizador.zero_grad()
                    perdida.backward()
                    self.optimizador.step()
                    suma_perdida += float(perdida.detach()) * len(indices)
                    suma_aciertos += float((logits.argmax(1) == y[indices]).sum())
                historial["perdida"].append(suma_perdida / len(X))
                historial["exactitud"].append(suma_aciertos / len(X))
                self.red.eval()
                with torch.no_grad():
                    logits_val = self.red(X_val)
                    historial["perdida_val"].append(float(F.cross_entropy(logits_val, y_val)))
                    historial["exactitud_val"].append(float((logits_val.argmax(1) == y_val).float().mean()))
        return historial

    def _probabilidades(self, puntos: np.ndarray) -> np.ndarray:
        self.red.eval()
        with torch.no_grad():
            return torch.softmax(self.red(torch.as_tensor(puntos, dtype=torch.float32)), dim=1)[:, 1].numpy()

    def _respuestas_ocultas(self, puntos: np.ndarray) -> list[np.ndarray]:
        self.red.eval()
        respuestas, h = [], torch.as_tensor(puntos, dtype=torch.float32)
        with torch.no_grad():
            for modulo in self.red:
                h = modulo(h)
                if not isinstance(modulo, (nn.Linear, nn.Dropout)):
                    respuestas.append(h.numpy().astype(np.float64))
        return respuestas
