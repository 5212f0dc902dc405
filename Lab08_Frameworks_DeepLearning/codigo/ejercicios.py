"""Autocomprobaciones de los ejercicios del Lab08 (escriben ✅ o ❌ con una pista; nunca lanzan)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import informar

__all__ = [
    "comprobar_gradiente_autograd",
    "comprobar_modulo",
    "comprobar_paso_entrenamiento",
    "comprobar_modelo_regresion",
    "comprobar_flops_densa",
    "comprobar_ddp",
]


def comprobar_gradiente_autograd(respuesta: tuple[float, float]) -> bool:
    """Ejercicio 1: ``(∂f/∂x, ∂f/∂y)`` de ``f = x²·y + sin(x·y)`` en ``x = 1.5``, ``y = −0.5``."""
    x, y = 1.5, -0.5
    esperado = (2 * x * y + y * math.cos(x * y), x**2 + x * math.cos(x * y))
    try:
        valores = tuple(float(v) for v in respuesta)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con una pareja de números (df_dx, df_dy); usa .item().")
    if len(valores) != 2:
        return informar(False, "", "Se esperaban dos derivadas: (∂f/∂x, ∂f/∂y).")
    ok = bool(np.allclose(valores, esperado, rtol=1e-6, atol=1e-9))
    return informar(
        ok,
        f"∂f/∂x = 2xy + y·cos(xy) = {esperado[0]:.4f} y ∂f/∂y = x² + x·cos(xy) = {esperado[1]:.4f}.",
        "Crea x e y con requires_grad=True, calcula f con operaciones de torch (torch.sin), llama a "
        "f.backward() y lee x.grad e y.grad.",
    )


def comprobar_modulo(clase: type) -> bool:
    """Ejercicio 2: una subclase de ``nn.Module`` 64 → 32 → 32 → 10 con ``tanh`` entre capas."""
    if isinstance(clase, nn.Module):
        return informar(False, "", "Pasa la clase, sin paréntesis: comprobar_modulo(MiRed), no MiRed().")
    if not (isinstance(clase, type) and issubclass(clase, nn.Module)):
        return informar(False, "", "Define una clase que herede de nn.Module (class MiRed(nn.Module): …).")
    try:
        modelo = clase()
        salida = modelo(torch.zeros(5, 64))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Crear la red o llamar a forward lanzó {type(error).__name__}: {error}")
    esperado = (64 * 32 + 32) + (32 * 32 + 32) + (32 * 10 + 10)
    n = sum(p.numel() for p in modelo.parameters())
    if tuple(salida.shape) != (5, 10):
        return informar(
            False, "", f"Para un lote (5, 64) la salida debe ser (5, 10), no {tuple(salida.shape)}."
        )
    if n != esperado:
        return informar(
            False,
            "",
            f"La red tiene {n} parámetros y deberían ser {esperado}: revisa las capas "
            "Linear (¿registraste las capas como atributos en __init__?).",
        )
    tanh = sum(isinstance(m, nn.Tanh) for m in modelo.modules())
    generador = torch.Generator().manual_seed(0)
    a, b = (torch.randn(4, 64, generator=generador) for _ in range(2))
    with torch.no_grad():  # sin activaciones la red sería afín: f((a+b)/2) = (f(a)+f(b))/2
        afin = torch.allclose(modelo((a + b) / 2), (modelo(a) + modelo(b)) / 2, atol=1e-5)
    return informar(
        tanh >= 2 or (tanh == 0 and not afin),
        f"{n} parámetros, salida (N, 10): PyTorch registró solas las capas y hará el backward por ti.",
        "Las formas y los parámetros cuadran, pero faltan las dos activaciones nn.Tanh() entre las capas.",
    )


def _red_prueba() -> tuple[nn.Module, torch.Tensor, torch.Tensor]:
    generador = torch.Generator().manual_seed(0)
    red = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).double()
    with torch.no_grad():
        for p in red.parameters():
            p.copy_(torch.randn(p.shape, generator=generador, dtype=torch.float64) * 0.5)
    X = torch.randn(6, 4, generator=generador, dtype=torch.float64)
    y = torch.tensor([0, 1, 2, 1, 0, 2])
    return red, X, y


def comprobar_paso_entrenamiento(paso: Callable[..., Any]) -> bool:
    """Ejercicio 3: ``paso(modelo, X_lote, y_lote, funcion_perdida, optimizador) -> float``
    debe hacer un paso completo (zero_grad, forward, pérdida, backward, step) y devolver la pérdida."""
    red, X, y = _red_prueba()
    referencia, _, _ = _red_prueba()
    perdida = nn.CrossEntropyLoss()
    optimizador = torch.optim.SGD(red.parameters(), lr=0.1)
    optimizador_ref = torch.optim.SGD(referencia.parameters(), lr=0.1)
    try:
        valores = [paso(red, X, y, perdida, optimizador) for _ in range(2)]
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"Tu función lanzó {type(error).__name__}: {error}")
    esperados = []
    for _ in range(2):
        optimizador_ref.zero_grad()
        valor = perdida(referencia(X), y)
        valor.backward()
        optimizador_ref.step()
        esperados.append(valor.item())
    try:
        valores = [float(v) for v in valores]
    except (TypeError, ValueError, RuntimeError):
        return informar(False, "", "Devuelve la pérdida como número: return perdida.item().")
    if not np.allclose(valores, esperados, rtol=1e-10):
        return informar(
            False,
            "",
            f"Las pérdidas de dos pasos fueron {np.round(valores, 4).tolist()} y debían ser "
            f"{np.round(esperados, 4).tolist()}. ¿Calculas la pérdida antes de step()?",
        )
    iguales = all(
        torch.allclose(a, b, rtol=1e-10, atol=1e-12)
        for a, b in zip(red.parameters(), referencia.parameters())
    )
    return informar(
        iguales,
        "los pesos tras dos pasos coinciden con la referencia: zero_grad → forward → backward → step.",
        "La pérdida es correcta pero los pesos no: ¿olvidaste optimizador.zero_grad()? Sin él los "
        "gradientes del segundo paso se suman a los del primero.",
    )


def comprobar_modelo_regresion(modelo: Any) -> bool:
    """Ejercicio 4: un modelo de Keras **compilado** para diabetes (10 rasgos → 1 valor real, ECM)."""
    import keras

    if not isinstance(modelo, keras.Model):
        return informar(False, "", "Devuelve un modelo de Keras (keras.Sequential([...])).")
    try:
        salida = np.asarray(modelo(np.zeros((3, 10), dtype=np.float32)))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"El modelo no acepta un lote (3, 10): {type(error).__name__}: {error}")
    if salida.shape != (3, 1):
        return informar(
            False, "", f"La salida debe ser (N, 1) — un número por paciente —, no {salida.shape}."
        )
    ultima = [c for c in modelo.layers if hasattr(c, "kernel")][-1]
    activacion = getattr(getattr(ultima, "activation", None), "__name__", "")
    if activacion not in ("linear", ""):
        return informar(
            False,
            "",
            f"La última capa usa la activación {activacion!r}: en regresión la salida "
            "no se limita (sin activación, es decir, lineal).",
        )
    perdida = getattr(modelo, "loss", None)
    nombre = (perdida if isinstance(perdida, str) else type(perdida).__name__).lower()
    return informar(
        nombre in ("mse", "mean_squared_error", "meansquarederror"),
        "una salida lineal y el error cuadrático medio: la receta de la regresión.",
        "Compila el modelo con loss='mse' (o keras.losses.MeanSquaredError()) antes de devolverlo.",
    )


def comprobar_flops_densa(respuesta: int) -> bool:
    """Ejercicio 5: operaciones de ``forward`` + ``backward`` de una capa densa ``N=128, E=256, S=64``."""
    esperado = 3 * 2 * 128 * 256 * 64
    try:
        ok = int(respuesta) == esperado
    except (TypeError, ValueError):
        return informar(False, "", "Responde con un número entero de operaciones.")
    return informar(
        ok,
        f"3 productos (X·W, Xᵀ·g, g·Wᵀ) de 2·N·E·S operaciones cada uno = {esperado:_} operaciones "
        "(unos 12,6 millones).".replace("_", " "),
        "Un producto (N×E)·(E×S) hace N·S sumas de E productos: 2·N·E·S operaciones. "
        "El backward de una capa densa hace dos productos más (∂L/∂W y ∂L/∂X).",
    )


def comprobar_ddp(lote_equivalente: int, pasos_por_epoca: int) -> bool:
    """Ejercicio 6: 4 procesos, 16 ejemplos por proceso y paso, 512 ejemplos en total."""
    try:
        lote, pasos = int(lote_equivalente), int(pasos_por_epoca)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con dos números enteros.")
    if lote != 64:
        return informar(
            False,
            "",
            "Cada paso promedia los gradientes de los 4 procesos: ¿cuántos ejemplos "
            "ven entre todos en un paso?",
        )
    return informar(
        pasos == 8,
        "lote equivalente 4·16 = 64 y 512 / 64 = 8 pasos por época (cada proceso ve 128 ejemplos).",
        "El lote equivalente es correcto; ahora divide los 512 ejemplos entre los que se usan en cada paso.",
    )
