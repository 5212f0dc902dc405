"""Comprobación numérica de gradientes (*gradient checking*).

Un ``backward`` escrito a mano puede tener errores que no dan ningún fallo: la red
simplemente aprende mal. Para detectarlos se compara el gradiente analítico con una
aproximación numérica por **diferencias centrales**:

    ∂f/∂xᵢ ≈ (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / (2ε)

cuyo error es del orden de ε² (las diferencias hacia delante sólo llegan a ε).
La comparación usa el **error relativo**

    max |a − b| / max(|a| + |b|)

que no depende de la escala de los gradientes. El curso usa **un solo umbral**,
``TOLERANCIA_GRADIENTE = 1e-6`` (en float64 y con ε = 1e-6): por debajo, el ``backward`` es
correcto (suele dar de 1e-11 a 1e-8); por encima, tiene un error (un error de verdad suele dar
1e-3 o más).

Estas funciones son la red de seguridad de las pruebas de todos los laboratorios
siguientes: su interfaz no cambia.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, es_real
from Lab02_Primera_Red_Neuronal.codigo import Capa, crear_generador

__all__ = [
    "gradiente_numerico",
    "error_relativo",
    "comprobar_gradiente",
    "comprobar_gradiente_capa",
    "comprobar_gradiente_perdida",
    "comprobar_gradiente_modelo",
    "SEMILLA_GRADIENTE",
    "TOLERANCIA_GRADIENTE",
]

#: El umbral del curso para el error relativo de una comprobación de gradientes (float64,
#: ε = 1e-6): por debajo, el gradiente analítico es correcto; por encima, tiene un error.
TOLERANCIA_GRADIENTE = 1e-6


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

    Un resultado < ``TOLERANCIA_GRADIENTE`` (1e-6) indica que el gradiente analítico es correcto
    (en float64); uno mayor, que tiene un error.
    """
    analitico = como_arreglo(gradiente_analitico, "gradiente_analitico", finito=False)
    forma_x = np.shape(x)
    if analitico.shape != forma_x:
        raise ValueError(
            f"el gradiente analítico debe tener la forma de x {forma_x}, se recibió {analitico.shape}"
        )
    return error_relativo(analitico, gradiente_numerico(funcion, x, epsilon))


#: Semilla del gradiente aleatorio que llega desde arriba en ``comprobar_gradiente_capa``. Es
#: distinta de las semillas habituales de los datos (0, 1, 2…): si ``g`` fuera igual a la
#: entrada ``x``, en una capa que normaliza (BatchNorm, LayerNorm) el gradiente verdadero sería
#: casi 0 y el error relativo, puro ruido.
SEMILLA_GRADIENTE = 314159


def _claves_parametros(capa: Any) -> list[tuple[str, Any]]:
    """``[(nombre, parámetro)]`` con nombres con puntos (``"0.W"``, ``"bloques.1.W_q"``), como PyTorch.

    Una capa del curso los da con ``named_parameters()``; para otros objetos con ``parameters()``
    se usa el ``nombre`` de cada uno (con su posición si falta o se repite: ``"W[0]"``).
    """
    if callable(getattr(capa, "named_parameters", None)):
        return list(capa.named_parameters())
    parametros = list(capa.parameters())
    nombres = [getattr(p, "nombre", "") or "parametro" for p in parametros]
    if len(set(nombres)) != len(nombres) or "parametro" in nombres:
        nombres = [f"{n}[{i}]" for i, n in enumerate(nombres)]
    return list(zip(nombres, parametros))


def _guardar_estado(capa: Any) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[tuple[Any, bool]]]:
    """Copia de los buffers (medias móviles de BatchNorm…) y del modo de cada subcapa."""
    buffers = [(b, b.copy()) for b in (capa.buffers() if callable(getattr(capa, "buffers", None)) else [])]
    capas = capa.modules() if callable(getattr(capa, "modules", None)) else [capa]
    modos = [(c, c.entrenando) for c in capas if hasattr(c, "entrenando")]
    return buffers, modos


def _restaurar_estado(estado: tuple[list[tuple[np.ndarray, np.ndarray]], list[tuple[Any, bool]]]) -> None:
    buffers, modos = estado
    for buffer, copia in buffers:
        buffer[...] = copia  # en su sitio: el mismo arreglo que guarda la capa
    for capa, modo in modos:
        capa.entrenando = modo


def _hojas(salida: Any) -> list[np.ndarray]:
    """Los arreglos de una salida que puede ser una tupla (anidada): ``(y, (h, c))`` → ``[y, h, c]``."""
    if isinstance(salida, (tuple, list)):
        return [hoja for parte in salida for hoja in _hojas(parte)]
    return [np.asarray(salida)]


def _con_estructura(hojas: list[np.ndarray], plantilla: Any) -> Any:
    """Lo contrario de ``_hojas``: reparte ``hojas`` con la forma de tuplas de ``plantilla``."""
    iterador = iter(hojas)

    def construir(parte: Any) -> Any:
        if isinstance(parte, (tuple, list)):
            return tuple(construir(p) for p in parte)
        return next(iterador)

    return construir(plantilla)


def _preparar_entrada(x: Any, nombre: str) -> np.ndarray:
    """Una copia float64 de ``x``, o ``x`` tal cual si es de enteros (identificadores de tokens)."""
    arreglo = como_arreglo(x, nombre, enteros=True)
    if np.issubdtype(arreglo.dtype, np.integer):
        return arreglo
    return np.array(arreglo, dtype=np.float64, copy=True)


def comprobar_gradiente_capa(
    capa: Capa,
    x: np.ndarray | tuple[np.ndarray, ...],
    semilla: int | np.random.Generator | None = None,
    epsilon: float = 1e-6,
    comprobar_entrada: bool = True,
) -> dict[str, float]:
    """Comprueba ``capa.backward``: respecto a la entrada (o entradas) y a cada parámetro.

    Se usa la pérdida auxiliar ``L = Σ salida · g`` con ``g`` aleatorio de la forma de la salida;
    así ∂L/∂salida = ``g`` y ``capa.backward(g)`` debe dar ∂L/∂x.

    - ``x``: un arreglo, o una **tupla** de arreglos si ``forward`` recibe varias entradas
      (``forward(q, k, v)``); ``backward`` devuelve entonces una tupla con un gradiente por entrada.
      Una entrada de enteros (identificadores de *tokens*) no se perturba ni se comprueba.
    - Si ``forward`` devuelve varias salidas (una tupla, quizá anidada: ``(y, (h, c))``), ``g``
      tiene la misma estructura y se llama ``backward(*g)``: un gradiente por salida.
    - ``semilla``: la de ``g``; por defecto ``SEMILLA_GRADIENTE``, distinta de las de los datos.
    - ``comprobar_entrada=False``: sólo se comprueban los parámetros.

    Devuelve ``{"entrada": error, "<nombre del parámetro>": error, ...}`` (con varias entradas,
    ``"entrada_0"``, ``"entrada_1"``…). La capa queda **como estaba**: sus buffers (medias móviles
    de BatchNorm) y el modo de cada subcapa se restauran, y los ``grad`` de sus parámetros son el
    gradiente analítico de ``L``. La capa debe ser determinista (Dropout en ``eval()``).
    """
    if not (callable(getattr(capa, "forward", None)) and callable(getattr(capa, "backward", None))):
        raise TypeError(f"se esperaba una capa con forward y backward, se recibió {type(capa).__name__}")
    varias = isinstance(x, tuple)
    crudas = x if varias else (x,)
    entradas = [_preparar_entrada(xi, f"x[{i}]" if varias else "x") for i, xi in enumerate(crudas)]
    parametros = _claves_parametros(capa)
    estado = _guardar_estado(capa)
    try:
        salida = capa.forward(*entradas)
        rng = crear_generador(SEMILLA_GRADIENTE if semilla is None else semilla)
        g_hojas = [rng.normal(size=h.shape) for h in _hojas(salida)]

        def perdida_auxiliar(*valores: np.ndarray) -> float:
            hojas = _hojas(capa.forward(*valores))
            return float(sum(np.sum(h * g) for h, g in zip(hojas, g_hojas)))

        capa.zero_grad()
        capa.forward(*entradas)
        g = _con_estructura(g_hojas, salida)
        grads = capa.backward(*g) if isinstance(salida, (tuple, list)) else capa.backward(g)
        grads = list(grads) if varias else [grads]
        if len(grads) != len(entradas):
            raise ValueError(f"backward devolvió {len(grads)} gradientes para {len(entradas)} entradas")
        grads_parametros = [np.array(p.grad, dtype=np.float64, copy=True) for _, p in parametros]

        errores: dict[str, float] = {}
        for i, (entrada, grad) in enumerate(zip(entradas, grads)):
            if not comprobar_entrada or np.issubdtype(entrada.dtype, np.integer):
                continue

            def respecto_a_entrada(valor: np.ndarray, i: int = i) -> float:
                return perdida_auxiliar(*entradas[:i], valor, *entradas[i + 1:])

            clave = f"entrada_{i}" if varias else "entrada"
            errores[clave] = comprobar_gradiente(respecto_a_entrada, entrada, np.asarray(grad), epsilon)
        for (clave, p), analitico in zip(parametros, grads_parametros):
            originales = p.datos

            def respecto_a_p(datos: np.ndarray, p=p) -> float:
                p.datos = datos
                return perdida_auxiliar(*entradas)

            try:
                errores[clave] = comprobar_gradiente(respecto_a_p, originales, analitico, epsilon)
            finally:
                p.datos = originales  # el mismo objeto de antes: los pesos no cambian
        capa.forward(*entradas)  # la caché de la capa vuelve a corresponder a x
    finally:
        _restaurar_estado(estado)
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
    Devuelve ``{"<parámetro>": error, ...}`` con los nombres con puntos de ``named_parameters()``.
    ``X`` puede ser de enteros (identificadores de *tokens*). Los pesos, los buffers y el modo
    de cada capa quedan como estaban.
    """
    parametros = _claves_parametros(modelo)
    if not parametros:
        raise ValueError("el modelo no tiene parámetros que comprobar")
    X = _preparar_entrada(X, "X")

    def perdida_total() -> float:
        return float(perdida.forward(modelo.forward(X), objetivo))

    estado = _guardar_estado(modelo)
    try:
        modelo.zero_grad()
        perdida_total()
        modelo.backward(perdida.backward())
        errores = {}
        for clave, p in parametros:
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
    finally:
        _restaurar_estado(estado)
    return errores
