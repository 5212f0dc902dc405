"""Comprobación numérica de gradientes (*gradient checking*).

Un ``backward`` escrito a mano puede tener errores que no dan ningún fallo: la red
simplemente aprende mal. Para detectarlos se compara el gradiente analítico con una
aproximación numérica por **diferencias centrales**:

    ∂f/∂xᵢ ≈ (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / (2ε)

cuyo error es del orden de ε² (las diferencias hacia delante sólo llegan a ε).
La comparación usa el **error relativo**

    max |a − b| / max(|a| + |b|)

que no depende de la escala de los gradientes. Con float64 y ε = 1e-6, un ``backward``
correcto da errores < 1e-7 (normalmente ~1e-10); uno incorrecto, > 1e-3.

Estas funciones son la red de seguridad de las pruebas de todos los laboratorios
siguientes: su interfaz no cambia.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador
from Lab04_Funciones_Perdida.codigo.perdida import es_real

__all__ = [
    "gradiente_numerico",
    "error_relativo",
    "comprobar_gradiente",
    "comprobar_gradiente_capa",
    "comprobar_gradiente_perdida",
    "comprobar_gradiente_modelo",
]


def _epsilon_valido(epsilon: float) -> float:
    if not es_real(epsilon) or epsilon <= 0:
        raise ValueError(f"epsilon debe ser un número positivo, se recibió {epsilon!r}")
    return float(epsilon)


def _evaluar(funcion: Callable[[np.ndarray], float], x: np.ndarray) -> float:
    """Llama a ``funcion(x)`` y comprueba que devuelve un único número finito."""
    resultado = np.asarray(funcion(x))
    if resultado.size != 1:
        raise ValueError(
            "la función debe devolver un solo número (por ejemplo, una pérdida); "
            f"devolvió un arreglo de forma {resultado.shape}"
        )
    valor = float(resultado.reshape(()))
    if not np.isfinite(valor):
        raise ValueError("la función devolvió NaN o infinito durante la comprobación de gradientes")
    return valor


def gradiente_numerico(
    funcion: Callable[[np.ndarray], float], x: np.ndarray, epsilon: float = 1e-6
) -> np.ndarray:
    """Aproxima ∂funcion/∂x con diferencias centrales; misma forma que ``x`` (float64).

    ``funcion`` recibe un arreglo con la forma de ``x`` y devuelve un número. Se
    perturba una **copia** en float64, elemento a elemento, así que ``x`` nunca se
    modifica. Cuesta 2 · ``x.size`` llamadas a ``funcion``: úsalo con arreglos pequeños.
    """
    if not callable(funcion):
        raise TypeError(f"funcion debe ser invocable, se recibió {type(funcion).__name__}")
    epsilon = _epsilon_valido(epsilon)
    copia = np.array(como_arreglo(x, "x"), dtype=np.float64, copy=True)
    gradiente = np.zeros_like(copia)
    plano, grad_plano = copia.reshape(-1), gradiente.reshape(-1)  # vistas: comparten memoria
    for i in range(plano.size):  # un elemento cada vez: es lo que mide la derivada parcial
        original = plano[i]
        plano[i] = original + epsilon
        f_mas = _evaluar(funcion, copia)
        plano[i] = original - epsilon
        f_menos = _evaluar(funcion, copia)
        plano[i] = original  # se deja como estaba
        grad_plano[i] = (f_mas - f_menos) / (2.0 * epsilon)
    return gradiente


def error_relativo(a: np.ndarray, b: np.ndarray) -> float:
    """``max |a − b| / max(|a| + |b|)``: 0 si son iguales, ~1 si no se parecen en nada.

    Si ``a`` y ``b`` son ambos cero, devuelve 0 (el denominador nunca baja de
    ``np.finfo(float).tiny``).
    """
    a = como_arreglo(a, "a", finito=False)
    b = como_arreglo(b, "b", finito=False)
    if a.shape != b.shape:
        raise ValueError(
            f"para comparar dos gradientes deben tener la misma forma; se recibió {a.shape} y {b.shape}"
        )
    if a.size == 0:
        return 0.0
    a, b = a.astype(np.float64), b.astype(np.float64)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return float("inf")  # un gradiente con NaN o infinitos nunca es correcto
    numerador = np.max(np.abs(a - b))
    denominador = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(numerador / denominador)


def comprobar_gradiente(
    funcion: Callable[[np.ndarray], float],
    x: np.ndarray,
    gradiente_analitico: np.ndarray,
    epsilon: float = 1e-6,
) -> float:
    """Error relativo entre ``gradiente_analitico`` y el gradiente numérico de ``funcion`` en ``x``.

    Un resultado < 1e-6 indica que el gradiente analítico es correcto (en float64).
    """
    analitico = como_arreglo(gradiente_analitico, "gradiente_analitico", finito=False)
    forma_x = np.shape(x)
    if analitico.shape != forma_x:
        raise ValueError(
            f"el gradiente analítico debe tener la forma de x {forma_x}, se recibió {analitico.shape}"
        )
    return error_relativo(analitico, gradiente_numerico(funcion, x, epsilon))


def _claves_parametros(capa: Any, parametros: list[Any]) -> list[str]:
    """Un nombre por parámetro, como los de PyTorch.

    - En un contenedor con ``capas`` (``Secuencial``): ``"0.W"``, ``"0.b"``, ``"2.W"``…
      (número de capa y nombre del parámetro).
    - En una capa suelta: su nombre (``"W"``, ``"b"``); si faltan o se repiten,
      se añade la posición: ``"W[0]"``, ``"b[1]"``…
    """
    capas = getattr(capa, "capas", None)
    if capas is not None:
        claves = [
            f"{i}.{getattr(p, 'nombre', '') or 'parametro'}"
            for i, sub in enumerate(capas) for p in sub.parameters()
        ]
        if len(claves) == len(parametros) and len(set(claves)) == len(claves):
            return claves
    nombres = [getattr(p, "nombre", "") or "parametro" for p in parametros]
    if len(set(nombres)) == len(nombres) and "parametro" not in nombres:
        return nombres
    return [f"{n}[{i}]" for i, n in enumerate(nombres)]


def comprobar_gradiente_capa(
    capa: Capa, x: np.ndarray, semilla: int | np.random.Generator | None = 0, epsilon: float = 1e-6
) -> dict[str, float]:
    """Comprueba ``capa.backward``: respecto a la entrada y a cada parámetro.

    Se usa la pérdida auxiliar ``L = Σ capa.forward(x) · g`` con ``g`` aleatorio (de
    la forma de la salida); así ∂L/∂salida = ``g`` y ``capa.backward(g)`` debe dar ∂L/∂x.

    Devuelve ``{"entrada": error, "<nombre del parámetro>": error, ...}``. Tras la llamada,
    la capa queda con ``forward(x)`` hecho y los ``grad`` de sus parámetros iguales al
    gradiente analítico de ``L`` (se ponen a cero antes). La capa debe ser determinista
    (una capa con azar, como Dropout, debe estar en modo ``eval()``) y trabajar en float64.
    """
    if not (callable(getattr(capa, "forward", None)) and callable(getattr(capa, "backward", None))):
        raise TypeError(f"se esperaba una capa con forward y backward, se recibió {type(capa).__name__}")
    x = np.array(como_arreglo(x, "x"), dtype=np.float64, copy=True)
    parametros = list(capa.parameters())
    salida = np.asarray(capa.forward(x))
    g = crear_generador(semilla).normal(size=salida.shape)

    capa.zero_grad()
    capa.forward(x)
    grad_x = np.asarray(capa.backward(g))
    grads_parametros = [np.array(p.grad, dtype=np.float64, copy=True) for p in parametros]

    def perdida_auxiliar(entrada: np.ndarray) -> float:
        return float(np.sum(np.asarray(capa.forward(entrada)) * g))

    errores = {"entrada": comprobar_gradiente(perdida_auxiliar, x, grad_x, epsilon)}
    for clave, p, analitico in zip(_claves_parametros(capa, parametros), parametros, grads_parametros):
        originales = p.datos

        def respecto_a_p(datos: np.ndarray, p=p) -> float:
            p.datos = datos
            return perdida_auxiliar(x)

        try:
            errores[clave] = comprobar_gradiente(respecto_a_p, originales, analitico, epsilon)
        finally:
            p.datos = originales  # el mismo objeto de antes: los pesos no cambian
    capa.forward(x)  # la caché de la capa vuelve a corresponder a x
    return errores


def comprobar_gradiente_perdida(
    perdida: Any, prediccion: np.ndarray, objetivo: np.ndarray, epsilon: float = 1e-6
) -> float:
    """Error relativo entre ``perdida.backward()`` y el gradiente numérico respecto a ``prediccion``.

    ``perdida`` sigue el protocolo del Lab04: ``forward(prediccion, objetivo) -> float``
    y ``backward() -> ∂L/∂prediccion``. ``objetivo`` no se perturba.
    """
    if not (callable(getattr(perdida, "forward", None)) and callable(getattr(perdida, "backward", None))):
        raise TypeError(
            f"se esperaba una pérdida con forward y backward, se recibió {type(perdida).__name__}"
        )
    prediccion = np.array(como_arreglo(prediccion, "prediccion"), dtype=np.float64, copy=True)
    perdida.forward(prediccion, objetivo)
    analitico = np.asarray(perdida.backward())
    try:
        return comprobar_gradiente(lambda p: perdida.forward(p, objetivo), prediccion, analitico, epsilon)
    finally:
        perdida.forward(prediccion, objetivo)  # la caché vuelve a corresponder a la predicción


def comprobar_gradiente_modelo(
    modelo: Capa, perdida: Any, X: np.ndarray, objetivo: np.ndarray, epsilon: float = 1e-6
) -> dict[str, float]:
    """Comprueba la retropropagación de una red entera con su pérdida de verdad.

    Hace ``zero_grad`` → ``forward`` → ``perdida`` → ``backward`` y compara el ``grad`` de
    cada parámetro con el gradiente numérico de ``perdida.forward(modelo.forward(X), objetivo)``.
    Devuelve ``{"<parámetro>": error, ...}`` con las mismas claves que
    ``comprobar_gradiente_capa`` (sin ``"entrada"``). Los pesos quedan como estaban.
    """
    parametros = list(modelo.parameters())
    if not parametros:
        raise ValueError("el modelo no tiene parámetros que comprobar")
    X = np.array(como_arreglo(X, "X"), dtype=np.float64, copy=True)

    def perdida_total() -> float:
        return float(perdida.forward(modelo.forward(X), objetivo))

    modelo.zero_grad()
    perdida_total()
    modelo.backward(perdida.backward())
    errores = {}
    for clave, p in zip(_claves_parametros(modelo, parametros), parametros):
        analitico = np.array(p.grad, dtype=np.float64, copy=True)
        originales = p.datos

        def respecto_a_p(datos: np.ndarray, p=p) -> float:
            p.datos = datos
            return perdida_total()

        try:
            errores[clave] = comprobar_gradiente(respecto_a_p, originales, analitico, epsilon)
        finally:
            p.datos = originales
    perdida_total()
    return errores
