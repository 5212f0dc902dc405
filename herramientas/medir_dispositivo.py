"""¿Cuánto gana la GPU en este curso? Una época de entrenamiento del modelo principal de PyTorch de
cada laboratorio de *frameworks*, en el dispositivo elegido y en la CPU, en una tabla.

Uso::

    python -m herramientas.medir_dispositivo                      # auto: CUDA, MPS o CPU
    python -m herramientas.medir_dispositivo --dispositivo cuda --repeticiones 5
    python -m herramientas.medir_dispositivo --rapido             # datos pequeños: segundos en la CPU
    python -m herramientas.medir_dispositivo --tareas lab08_mlp lab10_resnet

Cada laboratorio aporta sus modelos a ``TAREAS`` (Lab08: el MLP de dígitos; Lab10: la LeNet y la
ResNet pequeña; Lab11: el LSTM que pronostica el CO₂ y el LSTM de caracteres; Lab12: el GPT pequeño de
caracteres; Lab09: el VAE y la red de ruido del DDPM). Una tarea sabe preparar, en un dispositivo,
una función que entrena **una época** y espera a que el dispositivo termine (las operaciones de la
GPU son asíncronas: ``sincronizar`` del Lab08). Cada tiempo es el mínimo de ``repeticiones``
medidas tras una de calentamiento (la primera llamada en una GPU inicializa CUDA y elige
algoritmos). ``×`` = segundos en la CPU / segundos en el dispositivo.

El dispositivo lo elige ``seleccionar_dispositivo`` del Lab08, como en todos los cuadernos. Si es la
CPU, se mide una vez y los cocientes son 1. No es una prueba: los tiempos dependen de la máquina.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from Lab01_Introduccion_Neuronas.codigo import entero_positivo, medir_tiempo
from Lab08_Frameworks_DeepLearning.codigo import (
    MLPTorch,
    crear_cargador,
    describir_dispositivo,
    entrenar_epoca,
    mover,
    seleccionar_dispositivo,
)
from Lab08_Frameworks_DeepLearning.codigo.comparar_velocidad import mismos_hilos, sincronizar

__all__ = ["TAREAS", "Tarea", "epoca_clasificacion", "medir_dispositivo", "tabla_dispositivo", "main"]

#: Una época ya preparada en un dispositivo: ``(modelo, funcion_epoca)``.
Preparada = tuple[nn.Module, Callable[[], None]]


@dataclass(frozen=True)
class Tarea:
    """Un modelo de un laboratorio y cómo preparar su época: ``preparar(dispositivo, rapido)``."""

    lab: str
    modelo: str
    datos: str
    preparar: Callable[[torch.device, bool], Preparada]


def epoca_clasificacion(
    modelo: nn.Module, X: np.ndarray, y: np.ndarray, dispositivo: torch.device, tamano_lote: int = 64
) -> Preparada:
    """Época de clasificación (Adam, entropía cruzada, lotes de ``tamano_lote``) con ``entrenar_epoca``
    del Lab08, en ``dispositivo``."""
    modelo = mover(modelo, dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=1e-3)
    perdida = nn.CrossEntropyLoss()
    cargador = crear_cargador(X, y, tamano_lote=tamano_lote, semilla=0, dispositivo=dispositivo)

    def epoca() -> None:
        entrenar_epoca(modelo, cargador, perdida, optimizador, dispositivo)
        sincronizar(dispositivo)

    return modelo, epoca


def _digitos_planos(rapido: bool) -> tuple[np.ndarray, np.ndarray]:
    from Lab06_Entrenamiento.codigo import preparar_datos

    X, y = preparar_datos("digitos", semilla=0).entrenamiento
    repeticiones = 1 if rapido else 8  # 1078 dígitos, o 8 veces más (la GPU necesita trabajo)
    return np.tile(X.astype(np.float32), (repeticiones, 1)), np.tile(y, repeticiones)


def _lab08_mlp(dispositivo: torch.device, rapido: bool) -> Preparada:
    X, y = _digitos_planos(rapido)
    return epoca_clasificacion(MLPTorch([64, 128, 10], semilla=0), X, y, dispositivo)


def _lab10(nombre: str) -> Callable[[torch.device, bool], Preparada]:
    def preparar(dispositivo: torch.device, rapido: bool) -> Preparada:
        from Lab10_Redes_Neuronales_Convolucionales.codigo.tiempos_dispositivo import (
            MODELOS_TIEMPOS,
            datos_tiempos,
        )

        X, y = datos_tiempos(256, 16) if rapido else datos_tiempos(2048, 32)
        return epoca_clasificacion(MODELOS_TIEMPOS[nombre](), X, y, dispositivo)

    return preparar


def epoca_regresion(
    modelo: nn.Module, X: np.ndarray, y: np.ndarray, dispositivo: torch.device, tamano_lote: int = 64
) -> Preparada:
    """Época de regresión (Adam, error cuadrático medio) con ``entrenar_epoca`` del Lab08."""
    modelo = mover(modelo, dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=1e-3)
    cargador = crear_cargador(X, y, tamano_lote=tamano_lote, semilla=0, dispositivo=dispositivo)

    def epoca() -> None:
        entrenar_epoca(modelo, cargador, nn.MSELoss(), optimizador, dispositivo)
        sincronizar(dispositivo)

    return modelo, epoca


def _lab11_pronostico(dispositivo: torch.device, rapido: bool) -> Preparada:
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import (
        PronosticadorRecurrente,
        cargar_co2,
        crear_ventanas,
    )

    _, co2 = cargar_co2()
    X, y = crear_ventanas((co2 - co2.mean()) / co2.std(), 24)
    veces = 1 if rapido else 16  # 502 ventanas, o 16 veces más
    X, y = np.tile(X, (veces, 1, 1)).astype(np.float32), np.tile(y, (veces, 1)).astype(np.float32)
    return epoca_regresion(PronosticadorRecurrente("lstm", n_oculto=64, semilla=0), X, y, dispositivo)


def _lab11_caracteres(dispositivo: torch.device, rapido: bool) -> Preparada:
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import LSTMCaracteres, cargar_corpus, datos_caracteres

    vocabulario, ids, _ = datos_caracteres(cargar_corpus())
    longitud, tamano_lote = 64, 32
    n = (len(ids) - 1) // longitud
    if rapido:
        n = min(n, 20 * tamano_lote)
    entradas = torch.as_tensor(ids[: n * longitud].reshape(n, longitud))
    objetivos = torch.as_tensor(ids[1 : n * longitud + 1].reshape(n, longitud))
    modelo = mover(LSTMCaracteres(len(vocabulario), semilla=0), dispositivo)
    optimizador = torch.optim.Adam(modelo.parameters(), lr=3e-3)
    perdida = nn.CrossEntropyLoss()
    entradas, objetivos = mover(entradas, dispositivo), mover(objetivos, dispositivo)

    def epoca() -> None:  # todos los trozos de 64 caracteres del texto de entrenamiento, en orden
        modelo.train()
        for inicio in range(0, n, tamano_lote):
            optimizador.zero_grad()
            logits, _ = modelo(entradas[inicio : inicio + tamano_lote])
            perdida(logits.reshape(-1, logits.shape[-1]), objetivos[inicio : inicio + tamano_lote].reshape(-1)
                    ).backward()
            nn.utils.clip_grad_norm_(modelo.parameters(), 1.0)
            optimizador.step()
        sincronizar(dispositivo)

    return modelo, epoca


def _lab12_gpt(dispositivo: torch.device, rapido: bool) -> Preparada:
    from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import cargar_corpus, datos_caracteres
    from Lab12_Transformers.codigo.entrenar_gpt import configuracion_gpt
    from Lab12_Transformers.codigo.gpt import GPTPequeno

    vocabulario, ids, _ = datos_caracteres(cargar_corpus())
    config = configuracion_gpt(len(vocabulario))  # el GPT del script de 60 s (contexto 64)
    longitud, tamano_lote = config.contexto, 32
    n = (len(ids) - 1) // longitud
    if rapido:
        n = min(n, 20 * tamano_lote)
    entradas = torch.as_tensor(ids[: n * longitud].reshape(n, longitud))
    objetivos = torch.as_tensor(ids[1 : n * longitud + 1].reshape(n, longitud))
    modelo = mover(GPTPequeno(config, semilla=0), dispositivo)
    optimizador = torch.optim.AdamW(modelo.parameters(), lr=1e-3)
    perdida = nn.CrossEntropyLoss()
    entradas, objetivos = mover(entradas, dispositivo), mover(objetivos, dispositivo)

    def epoca() -> None:  # todas las ventanas de `contexto` caracteres del texto de entrenamiento, en orden
        modelo.train()
        for inicio in range(0, n, tamano_lote):
            optimizador.zero_grad()
            logits = modelo(entradas[inicio : inicio + tamano_lote])
            perdida(logits.reshape(-1, logits.shape[-1]), objetivos[inicio : inicio + tamano_lote].reshape(-1)
                    ).backward()
            nn.utils.clip_grad_norm_(modelo.parameters(), 1.0)
            optimizador.step()
        sincronizar(dispositivo)

    return modelo, epoca


def _digitos_generativos(rapido: bool) -> tuple[np.ndarray, np.ndarray]:
    from Lab09_IA_Generativa.codigo import digitos_generativos

    X, y = digitos_generativos(semilla=0)["entrenamiento"]
    repeticiones = 1 if rapido else 8  # 1079 dígitos, o 8 veces más (como el MLP del Lab08)
    return np.tile(X, (repeticiones, 1, 1, 1)), np.tile(y, repeticiones)


def _lab09_vae(dispositivo: torch.device, rapido: bool) -> Preparada:
    from Lab09_IA_Generativa.codigo import VAE, entrenar_vae

    X, _ = _digitos_generativos(rapido)
    modelo = mover(VAE(dim_latente=2, ocultas=(256, 128), semilla=0), dispositivo)

    def epoca() -> None:  # una época de entrenar_vae, el bucle del cuaderno (lotes de 64)
        entrenar_vae(modelo, X, epocas=1, beta=0.5, semilla=0, epocas_calentamiento=0)
        sincronizar(dispositivo)

    return modelo, epoca


def _lab09_ddpm(dispositivo: torch.device, rapido: bool) -> Preparada:
    from Lab09_IA_Generativa.codigo import RedRuido, calendario_ruido, entrenar_ddpm

    X, y = _digitos_generativos(rapido)
    calendario = calendario_ruido(pasos=100)
    modelo = mover(RedRuido(pasos=calendario.T, semilla=0), dispositivo)
    pasos = -(-len(X) // 128)

    def epoca() -> None:  # tantos pasos de entrenar_ddpm (lotes de 128) como hacen falta para ver N dígitos
        entrenar_ddpm(modelo, X, y, calendario, pasos=pasos, tamano_lote=128, semilla=0)
        sincronizar(dispositivo)

    return modelo, epoca


#: Nombre → tarea. Cada laboratorio de frameworks añade aquí su modelo principal.
TAREAS: dict[str, Tarea] = {
    "lab08_mlp": Tarea("Lab08", "MLPTorch 64-128-10", "dígitos 8×8 planos", _lab08_mlp),
    "lab09_vae": Tarea("Lab09", "VAE (d = 2)", "dígitos 8×8", _lab09_vae),
    "lab09_ddpm": Tarea("Lab09", "RedRuido (DDPM)", "dígitos 8×8, T = 100", _lab09_ddpm),
    "lab10_lenet": Tarea("Lab10", "LeNetTorch", "dígitos en lienzos 32×32", _lab10("LeNetTorch")),
    "lab10_resnet": Tarea("Lab10", "ResNetPequena", "dígitos en lienzos 32×32", _lab10("ResNetPequena")),
    "lab11_pronostico": Tarea("Lab11", "PronosticadorRecurrente", "ventanas de CO₂ (24 meses)",
                              _lab11_pronostico),
    "lab11_caracteres": Tarea("Lab11", "LSTMCaracteres", "corpus, trozos de 64", _lab11_caracteres),
    "lab12_gpt": Tarea("Lab12", "GPTPequeno", "corpus, ventanas de 64", _lab12_gpt),
}


def _medir(tarea: Tarea, dispositivo: torch.device, rapido: bool, repeticiones: int) -> tuple[int, float]:
    modelo, epoca = tarea.preparar(dispositivo, rapido)
    epoca()  # calentamiento
    parametros = sum(p.numel() for p in modelo.parameters())
    return parametros, medir_tiempo(epoca, repeticiones)


def medir_dispositivo(
    preferencia: str = "auto",
    tareas: Sequence[str] | None = None,
    repeticiones: int = 3,
    rapido: bool = False,
    hilos: int | None = None,
    informar: bool = True,
) -> dict[str, Any]:
    """Mide cada tarea en el dispositivo elegido y en la CPU. Devuelve ``{"dispositivo", "en_cpu",
    "rapido", "repeticiones", "hilos", "filas"}``; cada fila: ``tarea``, ``lab``, ``modelo``, ``datos``,
    ``parametros``, ``cpu`` y ``dispositivo`` (segundos por época)."""
    nombres = list(TAREAS) if tareas is None else list(tareas)
    desconocidas = [t for t in nombres if t not in TAREAS]
    if desconocidas:
        raise ValueError(f"tareas desconocidas: {desconocidas}; se esperaban algunas de {', '.join(TAREAS)}")
    repeticiones = entero_positivo(repeticiones, "repeticiones")
    dispositivo = seleccionar_dispositivo(preferencia, informar=informar)
    en_cpu = dispositivo.type == "cpu"
    filas = []
    with mismos_hilos(hilos) as n_hilos:
        for nombre in nombres:
            tarea = TAREAS[nombre]
            parametros, en_disp = _medir(tarea, dispositivo, rapido, repeticiones)
            en_la_cpu = en_disp if en_cpu else _medir(tarea, torch.device("cpu"), rapido, repeticiones)[1]
            filas.append({"tarea": nombre, "lab": tarea.lab, "modelo": tarea.modelo, "datos": tarea.datos,
                          "parametros": parametros, "cpu": en_la_cpu, "dispositivo": en_disp})
    return {"dispositivo": describir_dispositivo(dispositivo), "en_cpu": en_cpu, "rapido": rapido,
            "repeticiones": repeticiones, "hilos": n_hilos, "filas": filas}


def tabla_dispositivo(resultados: dict[str, Any]) -> str:
    """La tabla de ``medir_dispositivo`` en texto (segundos por época y cociente CPU/dispositivo)."""
    lineas = [
        f"Dispositivo: {resultados['dispositivo']}. Una época por modelo; mínimo de "
        f"{resultados['repeticiones']} medida(s); {resultados['hilos']} hilo(s) de CPU"
        + ("; datos reducidos (--rapido)." if resultados["rapido"] else "."),
    ]
    if resultados["en_cpu"]:
        lineas.append("El dispositivo es la CPU: se mide una vez y los cocientes son 1.")
    if resultados["rapido"]:
        lineas.append("(*) Con --rapido, 256 lienzos de 16×16 en lugar de 2048 de 32×32, 1078 dígitos en "
                      "lugar de 8624, 502 ventanas en lugar de 8032 y 640 trozos de texto en lugar de todos.")
    lineas.append(f"{'lab':<7}{'modelo':<24}{'datos':<26}{'parámetros':>11}{'CPU (s)':>10}"
                  f"{'disp. (s)':>11}{'×':>8}")
    marca = "*" if resultados["rapido"] else ""
    for f in resultados["filas"]:
        datos = f["datos"] + marca
        lineas.append(f"{f['lab']:<7}{f['modelo']:<24}{datos:<26}{f['parametros']:>11}"
                      f"{f['cpu']:>10.4f}{f['dispositivo']:>11.4f}{f['cpu'] / f['dispositivo']:>8.2f}")
    return "\n".join(lineas)


def main(argumentos: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(
        description="Una época del modelo principal de cada laboratorio: dispositivo frente a CPU"
    )
    analizador.add_argument("--dispositivo", default="auto", help="auto, cuda, cuda:N, mps o cpu")
    analizador.add_argument("--tareas", nargs="+", default=None, choices=list(TAREAS))
    analizador.add_argument("--repeticiones", type=int, default=3, help="medidas por tiempo (el mínimo)")
    analizador.add_argument("--rapido", action="store_true", help="datos pequeños (para probar el script)")
    analizador.add_argument("--hilos", type=int, default=None, help="hilos de CPU (por defecto, los núcleos)")
    args = analizador.parse_args(argumentos)
    resultados = medir_dispositivo(args.dispositivo, args.tareas, args.repeticiones, args.rapido, args.hilos)
    print(tabla_dispositivo(resultados))
    return 0


if __name__ == "__main__":
    sys.exit(main())
