"""¿Cuánto tarda cada biblioteca? NumPy (Lab06), PyTorch y Keras medidos en la misma ejecución.

Uso::

    python -m Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad            # completo
    python -m Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad --rapido   # unos segundos
    python -m Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad --dispositivo cpu

Mide, en ``float32`` (lo habitual en los frameworks):

1. una época del MLP de dígitos (``64 → oculta → 10``, Adam, lotes de 32) en las tres;
2. una capa densa hacia delante y hacia atrás (tres productos de matrices, ``3·2·N·E·S`` operaciones)
   en varios tamaños, con los GFLOP/s conseguidos;
3. el «pico» de la máquina: un producto grande ``np.matmul`` (y ``torch.matmul`` en la GPU, si la hay).

Los tiempos son el **mínimo** de varias repeticiones (el resto de programas sólo puede sumar
tiempo). Se imprimen las razones respecto a PyTorch (``×PyTorch`` = segundos / segundos de PyTorch).
Con una GPU CUDA, PyTorch la usa (NumPy siempre va en la CPU; Keras usa la GPU si TensorFlow la ve).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from Lab01_Introduccion_Neuronas.codigo import medir_tiempo
from Lab04_Funciones_Perdida.codigo import EntropiaCruzada
from Lab05_Backpropagation.codigo import CapaDensa
from Lab06_Entrenamiento.codigo import Adam, construir_mlp, entrenar, preparar_datos

from .datos_torch import crear_cargador
from .dispositivo import describir_dispositivo, seleccionar_dispositivo
from .entrenamiento_torch import entrenar_epoca
from .modelos_torch import MLPTorch

__all__ = [
    "ConfiguracionVelocidad",
    "mismos_hilos",
    "sincronizar",
    "CONFIGURACION_RAPIDA",
    "pico_matmul",
    "medir_epocas",
    "medir_densa",
    "medir_velocidad",
    "informe_velocidad",
    "main",
]


@dataclass
class ConfiguracionVelocidad:
    oculta: int = 128
    tamano_lote: int = 32
    repeticiones: int = 3
    tamanos_densa: list[tuple[int, int, int]] = field(
        default_factory=lambda: [(256, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048)]
    )
    n_pico: int = 2048
    keras: bool = True
    hilos: int | None = None  # hilos de CPU para NumPy y PyTorch (None: los núcleos de la máquina)


#: Configuración pequeña (unos segundos en una CPU de 2 núcleos), la que usa el cuaderno.
CONFIGURACION_RAPIDA = ConfiguracionVelocidad(oculta=64, repeticiones=2, tamanos_densa=[(256, 256, 256)])


@contextlib.contextmanager
def mismos_hilos(hilos: int | None = None) -> Iterator[int]:
    """Durante el bloque, NumPy (su BLAS) y PyTorch usan ``hilos`` hilos de CPU (por defecto, tantos
    como núcleos): la comparación es justa aunque un cuaderno haya fijado otro número. Al salir,
    todo vuelve a como estaba. TensorFlow fija sus hilos al arrancar y no se puede cambiar."""
    from threadpoolctl import threadpool_limits

    hilos = int(hilos or os.cpu_count() or 1)
    antes = torch.get_num_threads()
    torch.set_num_threads(hilos)
    try:
        with threadpool_limits(limits=hilos, user_api="blas"):
            yield hilos
    finally:
        torch.set_num_threads(antes)


def sincronizar(dispositivo: torch.device) -> None:
    """Espera a que la GPU termine lo encargado. Sus operaciones son asíncronas: sin esto, el
    reloj mediría sólo lo que tarda Python en encargarlas, no el cálculo."""
    if dispositivo.type == "cuda":
        torch.cuda.synchronize(dispositivo)
    elif dispositivo.type == "mps":
        torch.mps.synchronize()


def pico_matmul(
    n: int = 2048, repeticiones: int = 3, dispositivo: torch.device | str = "cpu", biblioteca: str = "numpy"
) -> float:
    """GFLOP/s de un producto ``(n×n) @ (n×n)`` en ``float32`` (``2n³`` operaciones) con
    ``biblioteca`` (``"numpy"``, ``"torch"`` o ``"tensorflow"``); ``torch`` en ``dispositivo``.
    Es la referencia de lo que la máquina puede dar."""
    dispositivo = torch.device(dispositivo)
    rng = np.random.default_rng(0)
    A, B = (rng.standard_normal((n, n), dtype=np.float32) for _ in range(2))
    if biblioteca == "numpy":
        segundos = medir_tiempo(lambda: A @ B, repeticiones)
    elif biblioteca == "torch":
        tA, tB = torch.as_tensor(A, device=dispositivo), torch.as_tensor(B, device=dispositivo)

        def producto() -> None:
            tA @ tB
            sincronizar(dispositivo)

        producto()
        segundos = medir_tiempo(producto, repeticiones)
    elif biblioteca == "tensorflow":
        import tensorflow as tf

        fA, fB = tf.constant(A), tf.constant(B)
        # en un grafo y devolviendo sólo la suma: no se mide la copia del resultado a NumPy
        producto_tf = tf.function(lambda: tf.reduce_sum(fA @ fB), autograph=False)
        producto_tf()
        segundos = medir_tiempo(lambda: producto_tf().numpy(), repeticiones)
    else:
        raise ValueError(f"biblioteca desconocida: {biblioteca!r}; se esperaba numpy, torch o tensorflow")
    return 2 * n**3 / segundos / 1e9


def medir_epocas(config: ConfiguracionVelocidad, dispositivo: torch.device) -> dict[str, float]:
    """Segundos de una época del MLP de dígitos en cada biblioteca (mínimo de ``repeticiones``)."""
    datos = preparar_datos("digitos", semilla=0)
    X, y = datos.entrenamiento
    X = X.astype(np.float32)
    tamanos = [64, config.oculta, 10]
    tiempos = {}

    modelo = construir_mlp(tamanos, semilla=0, dtype=np.float32)
    optimizador = Adam(modelo.parameters(), 1e-3)
    perdida = EntropiaCruzada()
    tiempos["NumPy"] = medir_tiempo(
        lambda: entrenar(
            modelo,
            perdida,
            optimizador,
            (X, y),
            epocas=1,
            tamano_lote=config.tamano_lote,
            barra_progreso=False,
        ),
        config.repeticiones,
    )

    red = MLPTorch(tamanos, semilla=0).to(dispositivo)
    optimizador_t = torch.optim.Adam(red.parameters(), 1e-3)
    cargador = crear_cargador(X, y, config.tamano_lote, semilla=0, dispositivo=dispositivo)
    funcion = torch.nn.CrossEntropyLoss()

    def epoca_torch() -> None:
        entrenar_epoca(red, cargador, funcion, optimizador_t, dispositivo)
        sincronizar(dispositivo)

    epoca_torch()  # calentamiento (en GPU, la primera llamada inicializa CUDA)
    tiempos["PyTorch"] = medir_tiempo(epoca_torch, config.repeticiones)

    if config.keras:
        from .modelos_keras import compilar_keras, crear_dataset_tf, crear_mlp_keras

        modelo_k = compilar_keras(crear_mlp_keras(tamanos, semilla=0), "multiclase")
        lotes = crear_dataset_tf(X, y, config.tamano_lote, semilla=0)
        modelo_k.fit(lotes, epochs=1, shuffle=False, verbose=0)  # calentamiento: traza y compila el grafo
        tiempos["Keras"] = medir_tiempo(
            lambda: modelo_k.fit(lotes, epochs=1, shuffle=False, verbose=0), config.repeticiones
        )
    return tiempos


def medir_densa(
    tamano: tuple[int, int, int], config: ConfiguracionVelocidad, dispositivo: torch.device
) -> dict[str, float]:
    """Segundos de ``forward`` + ``backward`` de una capa densa ``(N, E) → (N, S)`` en ``float32``."""
    N, E, S = tamano
    rng = np.random.default_rng(0)
    X = rng.standard_normal((N, E), dtype=np.float32)
    g = rng.standard_normal((N, S), dtype=np.float32)
    tiempos = {}

    capa = CapaDensa(E, S, semilla=0, dtype=np.float32)

    def numpy_paso() -> None:
        capa.forward(X)
        capa.backward(g)

    tiempos["NumPy"] = medir_tiempo(numpy_paso, config.repeticiones)

    lineal = torch.nn.Linear(E, S).to(dispositivo)
    tX = torch.as_tensor(X, device=dispositivo).requires_grad_()
    tg = torch.as_tensor(g, device=dispositivo)

    def torch_paso() -> None:
        lineal(tX).backward(tg)
        sincronizar(dispositivo)

    torch_paso()
    tiempos["PyTorch"] = medir_tiempo(torch_paso, config.repeticiones)

    if config.keras:
        import keras
        import tensorflow as tf

        densa = keras.layers.Dense(S)
        vX = tf.Variable(X)
        densa.build((None, E))

        @tf.function
        def keras_paso() -> Any:
            with tf.GradientTape() as cinta:
                L = tf.reduce_sum(densa(vX) * g)
            # se devuelve también L: si no, TensorFlow ve que nadie usa X·W y se salta ese producto
            return [L, *cinta.gradient(L, [vX, *densa.trainable_variables])]

        keras_paso()  # calentamiento: traza el grafo
        tiempos["Keras"] = medir_tiempo(lambda: [t.numpy() for t in keras_paso()], config.repeticiones)
    return tiempos


def _medir_picos(config: ConfiguracionVelocidad, dispositivo: torch.device) -> dict[str, float]:
    """GFLOP/s de un producto grande en cada biblioteca (y en la GPU de PyTorch, si la hay)."""
    picos = {
        "np.matmul": pico_matmul(config.n_pico, config.repeticiones, "cpu", "numpy"),
        "torch.matmul (CPU)": pico_matmul(config.n_pico, config.repeticiones, "cpu", "torch"),
    }
    if config.keras:
        picos["tf.matmul"] = pico_matmul(config.n_pico, config.repeticiones, "cpu", "tensorflow")
    if dispositivo.type != "cpu":
        picos[f"torch.matmul ({dispositivo.type})"] = pico_matmul(
            config.n_pico, config.repeticiones, dispositivo, "torch"
        )
    return picos


def medir_velocidad(
    config: ConfiguracionVelocidad | None = None, preferencia: str = "auto", informar: bool = False
) -> dict[str, Any]:
    """Ejecuta todas las medidas y devuelve un diccionario con los resultados (ver ``informe_velocidad``)."""
    config = config or ConfiguracionVelocidad()
    dispositivo = seleccionar_dispositivo(preferencia, informar=informar)
    with mismos_hilos(config.hilos) as hilos:
        resultados: dict[str, Any] = {
            "dispositivo": describir_dispositivo(dispositivo),
            "config": config,
            "hilos": hilos,
        }
        picos = _medir_picos(config, dispositivo)
        resultados["epoca"] = medir_epocas(config, dispositivo)
        resultados["densa"] = {
            tamano: medir_densa(tamano, config, dispositivo) for tamano in config.tamanos_densa
        }
        # El pico se mide antes y después del resto y se queda el mejor: la frecuencia de la CPU
        # y la carga de la máquina cambian durante la ejecución, y un pico medido en un mal
        # momento daría porcentajes por encima del 100 %.
        picos = {k: max(v, w) for (k, v), w in zip(picos.items(), _medir_picos(config, dispositivo).values())}
        resultados["picos"] = picos
        resultados["pico_cpu"] = max(v for k, v in picos.items() if "cuda" not in k and "mps" not in k)
        resultados["pico_torch"] = (
            resultados["pico_cpu"]
            if dispositivo.type == "cpu"
            else picos[f"torch.matmul ({dispositivo.type})"]
        )
        if config.keras:
            from .dispositivo import gpus_tensorflow

            resultados["keras_en_gpu"] = bool(gpus_tensorflow())
    return resultados


def _pico_de(biblioteca: str, resultados: dict[str, Any]) -> float:
    if biblioteca == "PyTorch" or (biblioteca == "Keras" and resultados.get("keras_en_gpu")):
        return resultados["pico_torch"]
    return resultados["pico_cpu"]


def informe_velocidad(resultados: dict[str, Any]) -> str:
    """Texto con las tablas de tiempos, razones respecto a PyTorch y GFLOP/s."""
    config = resultados["config"]
    lineas = [
        f"Dispositivo de PyTorch: {resultados['dispositivo']}. Todo en float32; "
        f"NumPy y PyTorch con {resultados['hilos']} hilo(s) de CPU.",
        f"Producto de matrices grande ({config.n_pico}×{config.n_pico}), GFLOP/s: "
        + ", ".join(f"{k} {v:.1f}" for k, v in resultados["picos"].items()),
        "Pico de la CPU (el mejor de ellos, medido al principio y al final): "
        f"{resultados['pico_cpu']:.1f} GFLOP/s",
    ]
    if resultados["pico_torch"] != resultados["pico_cpu"]:
        lineas.append(f"Pico de la GPU (torch.matmul): {resultados['pico_torch']:.1f} GFLOP/s")
    lineas += [
        "",
        f"1) Una época del MLP de dígitos 64→{config.oculta}→10 (lotes de {config.tamano_lote}, Adam)",
        f"   {'biblioteca':<11}{'segundos':>10}{'×PyTorch':>10}",
    ]
    base = resultados["epoca"]["PyTorch"]
    for nombre, segundos in resultados["epoca"].items():
        lineas.append(f"   {nombre:<11}{segundos:>10.4f}{segundos / base:>10.2f}")
    lineas += [
        "",
        "2) Capa densa: hacia delante + hacia atrás (3 productos de matrices)",
        f"   {'N×E×S':<16}{'biblioteca':<11}{'ms':>9}{'GFLOP/s':>10}{'% pico':>8}{'×PyTorch':>10}",
    ]
    for (N, E, S), tiempos in resultados["densa"].items():
        operaciones = 3 * 2 * N * E * S
        for nombre, segundos in tiempos.items():
            gflops = operaciones / segundos / 1e9
            lineas.append(
                f"   {f'{N}×{E}×{S}':<16}{nombre:<11}{segundos * 1e3:>9.2f}{gflops:>10.1f}"
                f"{100 * gflops / _pico_de(nombre, resultados):>7.0f}%{segundos / tiempos['PyTorch']:>10.2f}"
            )
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Compara la velocidad de NumPy, PyTorch y Keras")
    analizador.add_argument("--rapido", action="store_true", help="configuración pequeña (unos segundos)")
    analizador.add_argument("--dispositivo", default="auto", help="auto, cuda, mps o cpu (para PyTorch)")
    analizador.add_argument("--sin-keras", action="store_true", help="no medir Keras (no importa TensorFlow)")
    analizador.add_argument("--hilos", type=int, default=None, help="hilos de CPU para NumPy y PyTorch")
    args = analizador.parse_args(argumentos)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    config = ConfiguracionVelocidad(**vars(CONFIGURACION_RAPIDA)) if args.rapido else ConfiguracionVelocidad()
    config.keras = not args.sin_keras
    config.hilos = args.hilos
    print(informe_velocidad(medir_velocidad(config, args.dispositivo, informar=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
