"""El bucle de entrenamiento de PyTorch, escrito a la vista, y guardar/cargar pesos.

PyTorch no trae un ``fit``: el bucle se escribe a mano, y es el mismo que el del Lab06::

    for X_lote, y_lote in cargador:
        X_lote, y_lote = mover((X_lote, y_lote), dispositivo, non_blocking=True)
        optimizador.zero_grad()            # 1. los gradientes se acumulan: a cero
        salida = modelo(X_lote)            # 2. hacia delante
        perdida = funcion_perdida(salida, y_lote)
        perdida.backward()                 # 3. autograd rellena p.grad de cada parámetro
        optimizador.step()                 # 4. mover los parámetros

``entrenar_epoca``, ``evaluar_torch`` y ``entrenar_torch`` empaquetan ese bucle (con
validación, parada temprana, el mejor modelo y registro para TensorBoard) para reutilizarlo
en los laboratorios 09–12. ``guardar_pesos`` / ``cargar_pesos`` usan el ``state_dict``.
"""

from __future__ import annotations

import copy
import math
import numbers
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import torch
from torch import nn

from Lab06_Entrenamiento.codigo import escribir_atomicamente

from .dispositivo import mover

__all__ = [
    "exactitud_torch",
    "entrenar_epoca",
    "evaluar_torch",
    "entrenar_torch",
    "guardar_pesos",
    "cargar_pesos",
]

Metrica = Callable[[torch.Tensor, torch.Tensor], torch.Tensor | float]


def exactitud_torch(salida: torch.Tensor, objetivo: torch.Tensor) -> torch.Tensor:
    """Fracción de aciertos: clase = columna mayor de ``salida`` ``(N, C)``; con una sola salida
    ``(N,)`` o ``(N, 1)`` (logits binarios), clase 1 si el logit es ≥ 0."""
    if salida.ndim == 2 and salida.shape[1] > 1:
        prediccion = salida.argmax(dim=1)
    else:
        prediccion = (salida.reshape(-1) >= 0).long()
    return (prediccion == objetivo.reshape(-1).long()).float().mean()


def _preparar_metrica(metrica: str | Metrica | None) -> tuple[str, Metrica] | None:
    if metrica is None:
        return None
    if metrica == "exactitud":
        return "exactitud", exactitud_torch
    if isinstance(metrica, str) or not callable(metrica):
        raise ValueError(
            f"metrica debe ser 'exactitud', una función (salida, objetivo) o None, se recibió {metrica!r}"
        )
    return getattr(metrica, "__name__", "metrica"), metrica


def _dispositivo_de(modelo: nn.Module, dispositivo: torch.device | str | None) -> torch.device:
    if dispositivo is not None:
        return torch.device(dispositivo)
    parametro = next(modelo.parameters(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


def _tipo_acumulador(dispositivo: torch.device) -> torch.dtype:
    """Las sumas de pérdidas se hacen en ``float64`` en el propio dispositivo (sin ``.item()`` por
    lote, que en una GPU obliga a esperar); MPS no admite ``float64`` y suma en ``float32``."""
    return torch.float32 if dispositivo.type == "mps" else torch.float64


def _separar(lote: Any) -> tuple[Any, Any]:
    if isinstance(lote, (tuple, list)) and len(lote) == 2:
        return lote[0], lote[1]
    raise ValueError(
        f"cada lote del cargador debe ser una pareja (X_lote, y_lote); se recibió {type(lote).__name__}"
    )


def entrenar_epoca(
    modelo: nn.Module,
    cargador: Iterable,
    perdida: Callable[[Any, Any], torch.Tensor],
    optimizador: torch.optim.Optimizer,
    dispositivo: torch.device | str | None = None,
    metrica: str | Metrica | None = None,
) -> dict[str, float]:
    """Una pasada por ``cargador`` actualizando el modelo. Devuelve la media de la pérdida (y de
    la métrica) sobre los ejemplos vistos: ``{"perdida": …, "exactitud": …}``."""
    dispositivo = _dispositivo_de(modelo, dispositivo)
    par = _preparar_metrica(metrica)
    modelo.train()
    tipo = _tipo_acumulador(dispositivo)
    suma_perdida = torch.zeros((), dtype=tipo, device=dispositivo)
    suma_metrica = torch.zeros((), dtype=tipo, device=dispositivo)
    n_vistos = 0
    for lote in cargador:
        X_lote, y_lote = mover(_separar(lote), dispositivo, non_blocking=True)
        optimizador.zero_grad()
        salida = modelo(X_lote)
        valor = perdida(salida, y_lote)
        valor.backward()
        optimizador.step()
        n = len(y_lote)
        suma_perdida += valor.detach().to(tipo) * n  # sin .item(): no se espera a la GPU en cada lote
        if par is not None:
            with torch.no_grad():
                suma_metrica += (
                    torch.as_tensor(par[1](salida.detach(), y_lote), dtype=tipo, device=dispositivo) * n
                )
        n_vistos += n
    if n_vistos == 0:
        raise ValueError("el cargador no dio ningún lote: ¿está vacío?")
    resultado = {"perdida": float(suma_perdida) / n_vistos}
    if par is not None:
        resultado[par[0]] = float(suma_metrica) / n_vistos
    return resultado


@torch.no_grad()
def evaluar_torch(
    modelo: nn.Module,
    cargador: Iterable,
    perdida: Callable[[Any, Any], torch.Tensor],
    dispositivo: torch.device | str | None = None,
    metrica: str | Metrica | None = None,
) -> dict[str, float]:
    """Pérdida (y métrica) media en ``cargador`` en modo evaluación (sin dropout, sin gradientes).
    Deja el modelo en el modo en que estaba."""
    dispositivo = _dispositivo_de(modelo, dispositivo)
    par = _preparar_metrica(metrica)
    estaba_entrenando = modelo.training
    modelo.eval()
    tipo = _tipo_acumulador(dispositivo)
    suma_perdida = torch.zeros((), dtype=tipo, device=dispositivo)
    suma_metrica = torch.zeros((), dtype=tipo, device=dispositivo)
    n_vistos = 0
    try:
        for lote in cargador:
            X_lote, y_lote = mover(_separar(lote), dispositivo, non_blocking=True)
            salida = modelo(X_lote)
            n = len(y_lote)
            suma_perdida += torch.as_tensor(perdida(salida, y_lote), dtype=tipo, device=dispositivo) * n
            if par is not None:
                suma_metrica += torch.as_tensor(par[1](salida, y_lote), dtype=tipo, device=dispositivo) * n
            n_vistos += n
    finally:
        modelo.train(estaba_entrenando)
    if n_vistos == 0:
        raise ValueError("el cargador no dio ningún lote: ¿está vacío?")
    resultado = {"perdida": float(suma_perdida) / n_vistos}
    if par is not None:
        resultado[par[0]] = float(suma_metrica) / n_vistos
    return resultado


def entrenar_torch(
    modelo: nn.Module,
    perdida: Callable[[Any, Any], torch.Tensor],
    optimizador: torch.optim.Optimizer,
    cargador_entrenamiento: Iterable,
    cargador_validacion: Iterable | None = None,
    epocas: int = 10,
    dispositivo: torch.device | str | None = None,
    metrica: str | Metrica | None = None,
    paciencia: int | None = None,
    ruta_checkpoint: str | Path | None = None,
    escritor: Any = None,
    barra_progreso: bool = False,
    imprimir_cada: int = 0,
) -> dict[str, list[float]]:
    """Entrena ``epocas`` épocas y devuelve el historial ``{"perdida": […], "perdida_val": […], …}``.

    - Con ``cargador_validacion`` se vigila ``perdida_val``: se recuerda la mejor época (sus pesos
      se guardan en ``ruta_checkpoint`` si se da) y, con ``paciencia=k``, se para tras ``k`` épocas
      sin mejorar y se **restauran los mejores pesos** (parada temprana).
    - ``escritor``: un ``SummaryWriter`` (o ``crear_escritor``) donde anotar cada época para TensorBoard.
    - ``historial["mejor_epoca"]`` es una lista con un número: la mejor época (empezando en 1).
    """
    if isinstance(epocas, bool) or not isinstance(epocas, numbers.Integral) or epocas < 1:
        raise ValueError(f"epocas debe ser un entero positivo, se recibió {epocas!r}")
    if paciencia is not None and (
        isinstance(paciencia, bool) or not isinstance(paciencia, numbers.Integral) or paciencia < 1
    ):
        raise ValueError(f"paciencia debe ser un entero positivo o None, se recibió {paciencia!r}")
    if paciencia is not None and cargador_validacion is None:
        raise ValueError("la parada temprana (paciencia) necesita cargador_validacion")
    dispositivo = _dispositivo_de(modelo, dispositivo)
    historial: dict[str, list[float]] = {}
    mejor_valor, mejor_epoca, mejor_estado, sin_mejora = math.inf, 0, None, 0
    barra = None
    if barra_progreso:
        with warnings.catch_warnings():  # en Jupyter sin ipywidgets, tqdm avisa y usa texto
            warnings.simplefilter("ignore")
            from tqdm.auto import tqdm
        barra = tqdm(total=epocas, desc="entrenando", unit="época")
    try:
        for epoca in range(1, epocas + 1):
            resultados = entrenar_epoca(
                modelo, cargador_entrenamiento, perdida, optimizador, dispositivo, metrica
            )
            if cargador_validacion is not None:
                validacion = evaluar_torch(modelo, cargador_validacion, perdida, dispositivo, metrica)
                resultados.update({f"{clave}_val": valor for clave, valor in validacion.items()})
            for clave, valor in resultados.items():
                historial.setdefault(clave, []).append(valor)
                if escritor is not None:  # etiquetas «perdida/entrenamiento», «perdida/validacion»…
                    parte = "validacion" if clave.endswith("_val") else "entrenamiento"
                    escritor.add_scalar(f"{clave.removesuffix('_val')}/{parte}", valor, epoca)
            vigilado = resultados.get("perdida_val", resultados["perdida"])
            if vigilado < mejor_valor:
                mejor_valor, mejor_epoca, sin_mejora = vigilado, epoca, 0
                mejor_estado = copy.deepcopy(modelo.state_dict())
                if ruta_checkpoint is not None:
                    guardar_pesos(modelo, ruta_checkpoint)
            else:
                sin_mejora += 1
            if barra is not None:
                barra.set_postfix({k: f"{v:.4f}" for k, v in resultados.items()})
                barra.update(1)
            if imprimir_cada and (epoca % imprimir_cada == 0 or epoca == epocas):
                print(f"época {epoca:>3} | " + " | ".join(f"{k} {v:.4f}" for k, v in resultados.items()))
            if paciencia is not None and sin_mejora >= paciencia:
                if imprimir_cada:
                    print(
                        f"Parada temprana en la época {epoca}: {paciencia} épocas sin mejorar "
                        f"perdida_val (mejor: época {mejor_epoca})."
                    )
                break
    finally:
        if barra is not None:
            barra.close()
        if escritor is not None:
            escritor.flush()
    if paciencia is not None and mejor_estado is not None:
        modelo.load_state_dict(mejor_estado)
    historial["mejor_epoca"] = [float(mejor_epoca)]
    return historial


def guardar_pesos(modelo: nn.Module, ruta: str | Path) -> Path:
    """Guarda ``modelo.state_dict()`` (diccionario nombre → tensor) en ``ruta`` (``.pt``).

    Como ``guardar`` del Lab06, escribe en un temporal y lo renombra al final: si la escritura se
    interrumpe, el archivo anterior sigue entero.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"se esperaba un nn.Module de PyTorch, se recibió {type(modelo).__name__}")
    estado = modelo.state_dict()
    return escribir_atomicamente(ruta, lambda fichero: torch.save(estado, fichero))


def cargar_pesos(
    modelo: nn.Module, ruta: str | Path, dispositivo: torch.device | str | None = None
) -> nn.Module:
    """Carga en ``modelo`` un ``state_dict`` guardado con ``guardar_pesos`` y lo devuelve.

    ``dispositivo``: dónde queda el modelo cargado (por defecto, donde ya estaba); si se da, el
    modelo se mueve allí. ``map_location`` lleva los tensores del archivo a ese dispositivo: un
    modelo guardado en una GPU se puede cargar en un portátil sin GPU, y al revés. Antes de tocar
    el modelo se comprueba que los nombres y las formas coinciden; si no, error claro y el modelo
    queda como estaba.
    """
    ruta = Path(ruta)
    if not ruta.exists():
        raise FileNotFoundError(f"no existe el archivo de pesos {str(ruta)!r}")
    mover_modelo = dispositivo is not None
    dispositivo = _dispositivo_de(modelo, dispositivo)
    try:
        estado = torch.load(ruta, map_location=dispositivo, weights_only=True)
    except Exception as error:  # archivo dañado o que no es de torch.save
        raise ValueError(
            f"no se pudo leer {str(ruta)!r}: el archivo está dañado o no es un state_dict "
            f"guardado con torch.save ({type(error).__name__})"
        ) from error
    if not isinstance(estado, dict):
        raise ValueError(f"{str(ruta)!r} no contiene un state_dict (diccionario nombre → tensor)")
    esperado = modelo.state_dict()
    faltan = sorted(set(esperado) - set(estado))
    sobran = sorted(set(estado) - set(esperado))
    if faltan or sobran:
        raise ValueError(
            f"el archivo no corresponde a esta arquitectura: faltan {faltan or 'ninguno'}, "
            f"sobran {sobran or 'ninguno'}"
        )
    for nombre, tensor in esperado.items():
        if tuple(estado[nombre].shape) != tuple(tensor.shape):
            raise ValueError(
                f"{nombre}: el archivo tiene forma {tuple(estado[nombre].shape)} y el modelo "
                f"espera {tuple(tensor.shape)}: la arquitectura no coincide"
            )
    if mover_modelo:
        modelo.to(dispositivo)
    modelo.load_state_dict(estado)
    return modelo
