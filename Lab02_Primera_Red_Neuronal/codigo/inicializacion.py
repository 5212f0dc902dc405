"""Inicialización de pesos: por qué la escala importa.

Con ``n_entradas`` entradas, cada neurona suma ``n_entradas`` productos. Si los
pesos son demasiado grandes, la varianza de la salida crece capa a capa; si son
demasiado pequeños, se apaga. Xavier/Glorot y He eligen la varianza para que se
mantenga:

- Xavier (Glorot) uniforme: ``U(-a, a)`` con ``a = sqrt(6 / (n_entradas + n_salidas))``,
  pensada para tanh y sigmoide.
- He (Kaiming) normal: ``N(0, 2 / n_entradas)``, pensada para ReLU.
- ``"normal"``: ``N(0, escala²)``, el punto de partida ingenuo (escala 0.01 por defecto).
"""

from __future__ import annotations

import numpy as np

__all__ = ["METODOS_INICIALIZACION", "crear_generador", "inicializar_pesos"]

METODOS_INICIALIZACION = ("normal", "xavier", "xavier_normal", "he", "he_uniforme", "ceros")


def crear_generador(semilla: int | np.random.Generator | None = None) -> np.random.Generator:
    """Devuelve un ``np.random.Generator``: lo crea a partir de una semilla o lo reutiliza."""
    if isinstance(semilla, np.random.Generator):
        return semilla
    if semilla is None or isinstance(semilla, (int, np.integer)):
        return np.random.default_rng(semilla)
    raise TypeError(
        "semilla debe ser un entero, un np.random.Generator o None; "
        f"se recibió {type(semilla).__name__}"
    )


def inicializar_pesos(
    n_entradas: int,
    n_salidas: int,
    metodo: str = "he",
    semilla: int | np.random.Generator | None = None,
    escala: float = 0.01,
    dtype: type = np.float64,
) -> np.ndarray:
    """Matriz de pesos de forma ``(n_entradas, n_salidas)`` según ``metodo``.

    ``metodo`` es uno de ``METODOS_INICIALIZACION``; ``escala`` sólo se usa con ``"normal"``.
    """
    for nombre, valor in (("n_entradas", n_entradas), ("n_salidas", n_salidas)):
        if not isinstance(valor, (int, np.integer)) or valor < 1:
            raise ValueError(f"{nombre} debe ser un entero positivo, se recibió {valor!r}")
    if metodo not in METODOS_INICIALIZACION:
        raise ValueError(
            f"método de inicialización desconocido: {metodo!r}; "
            f"se esperaba uno de {', '.join(METODOS_INICIALIZACION)}"
        )
    if metodo == "normal" and (
        isinstance(escala, bool)
        or not isinstance(escala, (int, float, np.integer, np.floating))
        or not (0 <= escala < np.inf)
    ):
        raise ValueError(
            f"escala debe ser un número finito mayor o igual que 0, se recibió {escala!r}"
        )
    rng = crear_generador(semilla)
    forma = (int(n_entradas), int(n_salidas))
    if metodo == "normal":
        pesos = rng.normal(0.0, escala, size=forma)
    elif metodo == "xavier":
        limite = np.sqrt(6.0 / (n_entradas + n_salidas))
        pesos = rng.uniform(-limite, limite, size=forma)
    elif metodo == "xavier_normal":
        pesos = rng.normal(0.0, np.sqrt(2.0 / (n_entradas + n_salidas)), size=forma)
    elif metodo == "he":
        pesos = rng.normal(0.0, np.sqrt(2.0 / n_entradas), size=forma)
    elif metodo == "he_uniforme":
        limite = np.sqrt(6.0 / n_entradas)
        pesos = rng.uniform(-limite, limite, size=forma)
    else:  # "ceros"
        pesos = np.zeros(forma)
    return pesos.astype(dtype, copy=False)
