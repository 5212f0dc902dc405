"""Autocomprobaciones de los ejercicios del Lab08 (escriben ✅ o ❌ con una pista; nunca lanzan).

Cada ``comprobar_…`` lleva ``@autocomprobacion`` (Lab01): con el relleno de la versión del
estudiante (``None`` o una función que lanza ``NotImplementedError``) dice «⏳ Ejercicio sin
hacer»; si el código del estudiante lanza otro error, lo cuenta en una línea. Ante los errores
típicos de cada ejercicio, el mensaje ❌ nombra el error.

| ejercicio del cuaderno                     | autocomprobación                  |
|--------------------------------------------|-----------------------------------|
| 1 · gradientes con autograd                | ``comprobar_gradiente_autograd``  |
| 2 · una clase ``nn.Module`` con tanh       | ``comprobar_modulo``              |
| 3 · un paso de entrenamiento               | ``comprobar_paso_entrenamiento``  |
| 4 · un modelo de regresión en Keras        | ``comprobar_modelo_regresion``    |
| 5 · predecir formas de ``weight``/``kernel`` | ``comprobar_formas_linear_dense`` |
| 6 · evaluar con ``eval()`` y ``no_grad()`` | ``comprobar_evaluacion_torch``    |

``comprobar_flops_densa`` y ``comprobar_ddp`` acompañan a los ejemplos resueltos de las secciones
11 y 10 de ``teoria.md`` (por eso el cuaderno ya no los usa como ejercicios).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo.ejercicios import autocomprobacion, informar

__all__ = [
    "comprobar_gradiente_autograd",
    "comprobar_modulo",
    "comprobar_paso_entrenamiento",
    "comprobar_modelo_regresion",
    "comprobar_formas_linear_dense",
    "comprobar_evaluacion_torch",
    "comprobar_flops_densa",
    "comprobar_ddp",
]


# --- 1 · autograd ----------------------------------------------------------------------------------
@autocomprobacion
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

    def cerca(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))

    if cerca(valores, esperado):
        return informar(
            True,
            f"∂f/∂x = 2xy + y·cos(xy) = {esperado[0]:.4f} y ∂f/∂y = x² + x·cos(xy) = {esperado[1]:.4f}.",
            "",
        )
    if cerca(valores, esperado[::-1]):
        return informar(False, "", "Las dos derivadas están intercambiadas: el orden es (x.grad, y.grad).")
    if cerca(valores, tuple(2 * v for v in esperado)):
        return informar(
            False,
            "",
            "Tus valores son el doble de los correctos: ¿llamaste a backward() dos veces (o ejecutaste "
            "la celda dos veces sin crear x e y de nuevo)? Los gradientes se acumulan en .grad.",
        )
    if cerca(valores, (2 * x * y, x**2)):
        return informar(False, "", "Falta la derivada del término sin(x·y): calcula f entera con torch.sin.")
    if cerca(valores, (2 * x * y + math.cos(x * y), x**2 + math.cos(x * y))):
        return informar(
            False,
            "",
            "Regla de la cadena: la derivada de sin(x·y) respecto a x es y·cos(x·y), no cos(x·y). "
            "Autograd la aplica solo si calculas f con tensores.",
        )
    return informar(
        False,
        "",
        "Crea x e y con requires_grad=True, calcula f con operaciones de torch (torch.sin), llama a "
        "f.backward() una vez y lee x.grad e y.grad.",
    )


# --- 2 · nn.Module ---------------------------------------------------------------------------------
_FORMAS_MODULO = [(64, 32), (32, 32), (32, 10)]


def _salida_con(lineales: list[nn.Linear], activacion: Callable[[torch.Tensor], torch.Tensor],
                x: torch.Tensor) -> torch.Tensor:
    for i, capa in enumerate(lineales):
        x = capa(x)
        if i < len(lineales) - 1:
            x = activacion(x)
    return x


@autocomprobacion
def comprobar_modulo(clase: type) -> bool:
    """Ejercicio 2: una subclase de ``nn.Module`` 64 → 32 → tanh → 32 → tanh → 10.

    Se comprueba el **comportamiento**: la salida debe ser la de las tres ``nn.Linear`` del modelo
    con tanh entre ellas. Da igual si usa dos ``nn.Tanh()``, una sola reutilizada (no tiene estado,
    así que es seguro) o ``torch.tanh`` dentro de ``forward``."""
    if isinstance(clase, nn.Module):
        return informar(False, "", "Pasa la clase, sin paréntesis: comprobar_modulo(MiRed), no MiRed().")
    if not (isinstance(clase, type) and issubclass(clase, nn.Module)):
        return informar(False, "", "Define una clase que herede de nn.Module (class MiRed(nn.Module): …).")
    modelo = clase()
    generador = torch.Generator().manual_seed(0)
    x = torch.randn(5, 64, generator=generador)
    with torch.no_grad():
        salida = modelo(x)
    if not isinstance(salida, torch.Tensor) or tuple(salida.shape) != (5, 10):
        forma = tuple(salida.shape) if isinstance(salida, torch.Tensor) else type(salida).__name__
        return informar(False, "", f"Para un lote (5, 64) la salida debe ser (5, 10), no {forma}.")
    lineales = [m for m in modelo.modules() if isinstance(m, nn.Linear)]
    if not lineales:
        return informar(
            False,
            "",
            "El modelo no tiene ninguna nn.Linear registrada (0 parámetros): ¿guardaste las capas en una "
            "lista de Python? Asígnalas como atributos (self.capa1 = nn.Linear(…)) o usa nn.ModuleList.",
        )
    formas = [(c.in_features, c.out_features) for c in lineales]
    esperado = sum(e * s + s for e, s in _FORMAS_MODULO)
    n = sum(p.numel() for p in modelo.parameters())
    if sorted(formas) != sorted(_FORMAS_MODULO) or n != esperado:
        return informar(
            False,
            "",
            f"Las capas nn.Linear son {formas} ({n} parámetros) y deberían ser 64→32, 32→32 y 32→10 "
            f"({esperado} parámetros).",
        )
    orden = sorted(lineales, key=lambda c: _FORMAS_MODULO.index((c.in_features, c.out_features)))
    with torch.no_grad():
        candidatas = {nombre: _salida_con(orden, f, x) for nombre, f in (
            ("tanh", torch.tanh), ("relu", torch.relu), ("sigmoide", torch.sigmoid),
            ("ninguna", lambda t: t))}
    coincide = {nombre: torch.allclose(salida, s, atol=1e-5) for nombre, s in candidatas.items()}
    if coincide["tanh"]:
        return informar(
            True,
            f"{n} parámetros, salida (N, 10) y tanh entre las capas: PyTorch registró solas las capas "
            "y hará el backward por ti.",
            "",
        )
    if coincide["relu"]:
        return informar(False, "", "Usaste ReLU entre las capas y el ejercicio pide tanh (nn.Tanh o "
                                   "torch.tanh).")
    if coincide["sigmoide"]:
        return informar(False, "", "Usaste la sigmoide entre las capas y el ejercicio pide tanh.")
    if coincide["ninguna"]:
        return informar(
            False,
            "",
            "Las formas y los parámetros cuadran, pero faltan las dos activaciones tanh entre las capas: "
            "sin ellas, tres capas lineales seguidas equivalen a una sola.",
        )
    return informar(
        False,
        "",
        "La salida no es Linear(64→32) → tanh → Linear(32→32) → tanh → Linear(32→10): revisa el orden "
        "de las operaciones en forward (¿falta una tanh o sobra una tras la última capa?).",
    )


# --- 3 · el paso de entrenamiento ------------------------------------------------------------------
def _red_prueba() -> tuple[nn.Module, torch.Tensor, torch.Tensor]:
    generador = torch.Generator().manual_seed(0)
    red = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).double()
    with torch.no_grad():
        for p in red.parameters():
            p.copy_(torch.randn(p.shape, generator=generador, dtype=torch.float64) * 0.5)
    X = torch.randn(6, 4, generator=generador, dtype=torch.float64)
    y = torch.tensor([0, 1, 2, 1, 0, 2])
    return red, X, y


def _dos_pasos_referencia(softmax_antes: bool = False) -> tuple[list[float], nn.Module]:
    red, X, y = _red_prueba()
    perdida = nn.CrossEntropyLoss()
    optimizador = torch.optim.SGD(red.parameters(), lr=0.1)
    valores = []
    for _ in range(2):
        optimizador.zero_grad()
        salida = red(X)
        valor = perdida(torch.softmax(salida, dim=1) if softmax_antes else salida, y)
        valor.backward()
        optimizador.step()
        valores.append(valor.item())
    return valores, red


@autocomprobacion
def comprobar_paso_entrenamiento(paso: Callable[..., Any]) -> bool:
    """Ejercicio 3: ``paso(modelo, X_lote, y_lote, funcion_perdida, optimizador) -> float``
    debe hacer un paso completo (zero_grad, forward, pérdida, backward, step) y devolver la pérdida.

    Se llama dos veces seguidas sobre una red pequeña con SGD y se compara con la referencia."""
    red, X, y = _red_prueba()
    inicial = [p.detach().clone() for p in red.parameters()]
    perdida = nn.CrossEntropyLoss()
    optimizador = torch.optim.SGD(red.parameters(), lr=0.1)
    valores = [paso(red, X, y, perdida, optimizador) for _ in range(2)]
    try:
        valores = [float(v) for v in valores]
    except (TypeError, ValueError, RuntimeError):
        return informar(False, "", "Devuelve la pérdida como número: return perdida.item().")
    esperados, referencia = _dos_pasos_referencia()
    con_softmax, _ = _dos_pasos_referencia(softmax_antes=True)
    if np.allclose(valores, con_softmax, rtol=1e-10):
        return informar(
            False,
            "",
            "Aplicaste softmax antes de nn.CrossEntropyLoss, que ya lo incluye: pásale los logits, "
            "funcion_perdida(modelo(X_lote), y_lote). Con softmax dos veces la pérdida no baja de 0.55 "
            "(aquí, 3 clases) y los gradientes se encogen.",
        )
    if not np.isclose(valores[0], esperados[0], rtol=1e-10):
        return informar(
            False,
            "",
            f"La primera pérdida fue {valores[0]:.4f} y debía ser {esperados[0]:.4f}: calcula "
            "funcion_perdida(modelo(X_lote), y_lote) antes de step() y devuelve ese valor.",
        )
    sin_cambios = all(torch.equal(a, b) for a, b in zip(inicial, red.parameters()))
    if sin_cambios:
        return informar(
            False,
            "",
            "Los pesos no cambiaron: ¿falta optimizador.step(), o llamas a zero_grad() entre backward() "
            "y step() (borrando los gradientes antes de usarlos)?",
        )
    iguales = all(
        torch.allclose(a, b, rtol=1e-10, atol=1e-12)
        for a, b in zip(red.parameters(), referencia.parameters())
    )
    if not iguales and np.allclose(valores, esperados, rtol=1e-10):
        return informar(
            False,
            "",
            "Las pérdidas son correctas pero los pesos tras el segundo paso no: ¿olvidaste "
            "optimizador.zero_grad()? Sin él, los gradientes del segundo paso se suman a los del primero.",
        )
    return informar(
        iguales and np.allclose(valores, esperados, rtol=1e-10),
        "los pesos tras dos pasos coinciden con la referencia: zero_grad → forward → pérdida → backward "
        "→ step.",
        f"Las pérdidas de dos pasos fueron {np.round(valores, 4).tolist()} y debían ser "
        f"{np.round(esperados, 4).tolist()}: revisa el orden zero_grad → forward → pérdida → backward → "
        f"step.",
    )


# --- 4 · Keras, regresión --------------------------------------------------------------------------
def _funcion_perdida_keras(perdida: Any) -> Callable[..., Any] | None:
    """La función que usará Keras: acepta un nombre (``"mse"``), un objeto o una función."""
    import keras

    if perdida is None:
        return None
    if isinstance(perdida, str):
        return keras.losses.get(perdida)
    return perdida if callable(perdida) else None


@autocomprobacion
def comprobar_modelo_regresion(modelo: Any) -> bool:
    """Ejercicio 4: un modelo de Keras **compilado** para diabetes (10 rasgos → 1 valor real, ECM).

    La pérdida se comprueba por su valor: vale ``"mse"``, ``keras.losses.MeanSquaredError()``,
    ``keras.losses.mean_squared_error`` o una función propia que calcule el error cuadrático medio."""
    import keras

    if not isinstance(modelo, keras.Model):
        return informar(False, "", "Devuelve un modelo de Keras (keras.Sequential([...])).")
    try:
        salida = np.asarray(modelo(np.zeros((3, 10), dtype=np.float32)))
    except Exception as error:  # el código del estudiante puede fallar de cualquier forma
        return informar(False, "", f"El modelo no acepta un lote (3, 10): {type(error).__name__}: {error}")
    if salida.shape != (3, 1):
        return informar(False, "", f"La salida debe ser (N, 1) — un número por paciente —, no "
                                   f"{salida.shape}.")
    ultima = [c for c in modelo.layers if hasattr(c, "kernel")][-1]
    activacion = getattr(getattr(ultima, "activation", None), "__name__", "")
    if activacion not in ("linear", ""):
        return informar(
            False,
            "",
            f"La última capa usa la activación {activacion!r}: en regresión la salida no se limita "
            "(sin activación, es decir, lineal).",
        )
    funcion = _funcion_perdida_keras(getattr(modelo, "loss", None))
    if funcion is None:
        return informar(
            False, "", "El modelo no está compilado: llama a modelo.compile(optimizer=…, loss='mse') "
                       "antes de devolverlo."
        )
    y_real = np.array([[1.0], [-2.0], [0.5], [3.0]], dtype=np.float32)
    y_pred = np.array([[0.0], [-1.0], [2.5], [3.5]], dtype=np.float32)
    valor = float(np.mean(keras.ops.convert_to_numpy(funcion(y_real, y_pred))))
    residuo = y_pred - y_real
    if np.isclose(valor, float(np.mean(residuo**2)), rtol=1e-5):
        return informar(True, "una salida lineal y el error cuadrático medio: la receta de la regresión.", "")
    if np.isclose(valor, float(np.mean(np.abs(residuo))), rtol=1e-5):
        return informar(
            False, "", "Esa pérdida es el error absoluto medio (MAE); el ejercicio pide el cuadrático: "
                       "loss='mse'."
        )
    return informar(
        False,
        "",
        "La pérdida no es el error cuadrático medio: compila con loss='mse' (o "
        "keras.losses.MeanSquaredError()).",
    )


# --- 5 · predecir formas -----------------------------------------------------------------------------
@autocomprobacion
def comprobar_formas_linear_dense(forma_weight_torch: tuple[int, int], forma_kernel_keras: tuple[int, int],
                                  n_parametros: int) -> bool:
    """Ejercicio 5 (predecir): una capa densa de 20 entradas y 5 salidas en los dos frameworks,
    ``nn.Linear(20, 5)`` y ``keras.layers.Dense(5)`` con entradas de 20 rasgos."""
    capa = nn.Linear(20, 5)
    real_torch = tuple(capa.weight.shape)
    real_keras = (20, 5)  # Keras: kernel (entradas, salidas), como nuestra CapaDensa
    real_n = sum(p.numel() for p in capa.parameters())
    try:
        ft = tuple(int(v) for v in forma_weight_torch)
        fk = tuple(int(v) for v in forma_kernel_keras)
        n = int(n_parametros)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con dos tuplas de dos enteros, como (3, 4), y un entero.")
    errores = []
    if ft != real_torch:
        errores.append(
            "PyTorch guarda weight traspuesta, (salidas, entradas) = (5, 20): calcula x @ weight.T + bias."
            if ft == real_torch[::-1] else "weight de nn.Linear(entradas, salidas) tiene forma "
                                           "(salidas, entradas)."
        )
    if fk != real_keras:
        errores.append(
            "Keras guarda kernel como (entradas, salidas) = (20, 5), igual que nuestra CapaDensa (x @ W + b)."
            if fk == real_keras[::-1] else "kernel de Dense tiene forma (entradas, salidas)."
        )
    if n != real_n:
        errores.append(
            "Olvidaste los sesgos: además de 20·5 pesos hay un sesgo por salida."
            if n == 20 * 5 else "Cuenta 20·5 pesos más un sesgo por cada salida."
        )
    return informar(
        not errores,
        f"nn.Linear(20, 5).weight es {real_torch}, el kernel de Keras es {real_keras} y ambas tienen "
        f"20·5 + 5 = {real_n} parámetros (los mismos números, traspuestos).",
        " ".join(errores),
    )


# --- 6 · evaluar -------------------------------------------------------------------------------------
def _red_con_dropout() -> tuple[nn.Module, torch.Tensor, torch.Tensor]:
    with torch.random.fork_rng():  # pesos fijos sin tocar la semilla global del cuaderno
        torch.manual_seed(0)
        red = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 4))
    generador = torch.Generator().manual_seed(1)
    X = torch.randn(200, 6, generator=generador)
    with torch.no_grad():
        y = red[3](red[1](red[0](X))).argmax(1)  # etiquetas que la red acierta casi todas sin Dropout
        y[::5] = (y[::5] + 1) % 4                 # y falla una de cada cinco: exactitud 0.8 exacta
    return red, X, y


@autocomprobacion
def comprobar_evaluacion_torch(evaluar: Callable[..., Any]) -> bool:
    """Ejercicio 6: ``evaluar(modelo, X, y) -> float``, la exactitud en modo evaluación y sin grafo.

    La red de prueba tiene ``Dropout(0.5)``: en modo entrenamiento apaga la mitad de las neuronas
    y la exactitud cambia en cada llamada. Un *hook* anota, durante el forward, si el modelo estaba
    en modo ``eval()`` y si autograd estaba grabando."""
    red, X, y = _red_con_dropout()
    red.train()  # como queda tras el bucle de entrenamiento
    estados: list[tuple[bool, bool]] = []
    red.register_forward_hook(lambda modulo, entrada, salida: estados.append(
        (modulo.training, torch.is_grad_enabled())))
    resultado = evaluar(red, X, y)
    if not estados:
        return informar(False, "", "Tu función no llamó al modelo: calcula modelo(X) dentro de ella.")
    if isinstance(resultado, torch.Tensor):
        if resultado.requires_grad:
            return informar(
                False, "", "Devolviste un tensor que arrastra su grafo: usa torch.no_grad() y .item()."
            )
        if resultado.numel() != 1:
            return informar(False, "", f"Devuelve un solo número, no un tensor de forma "
                                       f"{tuple(resultado.shape)}.")
        resultado = resultado.item()
    try:
        valor = float(resultado)
    except (TypeError, ValueError):
        return informar(False, "", "Devuelve la exactitud como número (float entre 0 y 1).")
    entrenando, grabando = estados[-1]
    if entrenando:
        return informar(
            False,
            "",
            "El modelo seguía en modo entrenamiento: Dropout apagó neuronas al predecir y la exactitud "
            "sale al azar. Llama a modelo.eval() antes de predecir.",
        )
    if grabando:
        return informar(
            False,
            "",
            "La exactitud es correcta, pero autograd grabó el grafo del forward: evalúa dentro de "
            "with torch.no_grad(): (menos memoria y más rápido).",
        )
    esperado = 0.8
    if np.isclose(valor, esperado * len(y)):
        return informar(False, "", f"Devolviste el número de aciertos ({valor:.0f}); se pide la "
                                   f"fracción: divide entre len(y).")
    return informar(
        bool(np.isclose(valor, esperado, atol=1e-6)),
        f"exactitud {esperado:.4f} con modelo.eval() (Dropout apagado) y sin grabar el grafo.",
        f"La exactitud fue {valor:.4f} y debía ser {esperado:.4f}: compara modelo(X).argmax(dim=1) con y "
        "y haz la media de los aciertos.",
    )


# --- ejemplos resueltos de teoria.md (§11 y §10) -----------------------------------------------------
@autocomprobacion
def comprobar_flops_densa(respuesta: int) -> bool:
    """Operaciones de ``forward`` + ``backward`` de una capa densa ``N=128, E=256, S=64`` (teoria §11)."""
    N, E, S = 128, 256, 64
    esperado = 3 * 2 * N * E * S
    try:
        valor = int(respuesta)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con un número entero de operaciones.")
    if valor == esperado:
        return informar(
            True,
            f"3 productos (X·W, Xᵀ·g, g·Wᵀ) de 2·N·E·S operaciones cada uno = {esperado:_} operaciones "
            "(unos 12.6 millones).".replace("_", " "),
            "",
        )
    if valor == 2 * N * E * S:
        return informar(False, "", "Sólo contaste el forward (X·W): el backward hace dos productos más "
                                   "(Xᵀ·g y g·Wᵀ).")
    if valor == 3 * N * E * S:
        return informar(False, "", "Cada multiplicación-suma son 2 operaciones: un producto (N×E)·(E×S) "
                                   "hace 2·N·E·S.")
    return informar(
        False,
        "",
        "Un producto (N×E)·(E×S) hace N·S sumas de E productos: 2·N·E·S operaciones. "
        "El backward de una capa densa hace dos productos más (∂L/∂W y ∂L/∂X).",
    )


@autocomprobacion
def comprobar_ddp(lote_equivalente: int, pasos_por_epoca: int) -> bool:
    """4 procesos, 16 ejemplos por proceso y paso, 512 ejemplos en total (teoria §10)."""
    try:
        lote, pasos = int(lote_equivalente), int(pasos_por_epoca)
    except (TypeError, ValueError):
        return informar(False, "", "Responde con dos números enteros.")
    if lote == 16:
        return informar(
            False,
            "",
            "16 es el lote de cada proceso; cada paso promedia los gradientes de los 4 procesos: "
            "¿cuántos ejemplos ven entre todos en un paso?",
        )
    if lote != 64:
        return informar(False, "", "El lote equivalente es procesos × ejemplos por proceso.")
    return informar(
        pasos == 8,
        "lote equivalente 4·16 = 64 y 512 / 64 = 8 pasos por época (cada proceso ve 128 ejemplos).",
        "El lote equivalente es correcto; ahora divide los 512 ejemplos entre los que se usan en cada paso.",
    )
