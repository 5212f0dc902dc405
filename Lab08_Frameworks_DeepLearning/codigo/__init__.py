"""Lab08 · Frameworks: PyTorch y TensorFlow/Keras junto al framework NumPy del curso.

>>> from Lab08_Frameworks_DeepLearning.codigo import seleccionar_dispositivo, mover, entrenar_torch

Los laboratorios 09–12 reutilizan sobre todo: ``seleccionar_dispositivo``, ``mover``,
``crear_cargador``, ``entrenar_torch`` (con ``entrenar_epoca``/``evaluar_torch``),
``guardar_pesos``/``cargar_pesos`` y ``crear_escritor`` (TensorBoard).
Importar este paquete no importa TensorFlow: las funciones de Keras lo importan al usarse.
Los dos scripts (``comparar_velocidad`` y ``ddp_digitos``, que se ejecutan con ``python -m`` o
``torchrun -m``) se cargan sólo cuando se pide uno de sus nombres.
"""

import importlib

from .autograd_comparado import capa_densa_tres_formas, expresion_tres_formas, tabla_tres_formas
from .clasicos_keras import (
    CLASE_POSITIVA_CLASICOS,
    PROBLEMAS_CLASICOS,
    datos_problema,
    entrenar_problema,
    evaluar_keras,
    predecir_keras,
)
from .comparacion import diferencias_primer_paso, primer_paso, tabla_resultados
from .datos_torch import ConjuntoTensores, crear_cargador, tipo_objetivo
from .dispositivo import PREFERENCIAS, describir_dispositivo, gpus_tensorflow, mover, seleccionar_dispositivo
from .ejercicios import (
    comprobar_ddp,
    comprobar_evaluacion_torch,
    comprobar_flops_densa,
    comprobar_formas_linear_dense,
    comprobar_gradiente_autograd,
    comprobar_modelo_regresion,
    comprobar_modulo,
    comprobar_paso_entrenamiento,
)
from .entrenamiento_torch import (
    cargar_pesos,
    entrenar_epoca,
    entrenar_torch,
    evaluar_torch,
    exactitud_torch,
    guardar_pesos,
)
from .graficos import graficar_escalares, graficar_historiales, graficar_velocidad
from .modelos_keras import (
    ACTIVACIONES_KERAS,
    TAREAS,
    callbacks_keras,
    compilar_keras,
    crear_dataset_tf,
    crear_mlp_keras,
    entrenar_keras,
    historial_keras,
)
from .modelos_torch import ACTIVACIONES_TORCH, MLPTorch, contar_parametros
from .pesos import biblioteca_de, fijar_pesos_densos, pesos_densos
from .playground_torch import PlaygroundTorch
from .registro_tensorboard import (
    EscritorEventos,
    callback_tensorboard,
    crear_escritor,
    hay_tensorboard,
    leer_escalares,
    preparar_carpeta,
)

#: Nombres de los módulos-script: se importan al usarlos por primera vez (PEP 562), para que
#: ``python -m …codigo.comparar_velocidad`` no encuentre el módulo ya cargado por este paquete.
_PEREZOSOS = {
    **dict.fromkeys(
        [
            "CONFIGURACION_RAPIDA",
            "ConfiguracionVelocidad",
            "informe_velocidad",
            "medir_densa",
            "medir_epocas",
            "medir_velocidad",
            "mismos_hilos",
            "pico_matmul",
            "sincronizar",
        ],
        "comparar_velocidad",
    ),
    **dict.fromkeys(
        ["ConfiguracionDDP", "diferencia_maxima", "entrenar_referencia", "lanzar_torchrun"], "ddp_digitos"
    ),
}


def __getattr__(nombre: str):
    if nombre in _PEREZOSOS:
        return getattr(importlib.import_module(f".{_PEREZOSOS[nombre]}", __name__), nombre)
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")


__all__ = [
    "ACTIVACIONES_KERAS",
    "ACTIVACIONES_TORCH",
    "CLASE_POSITIVA_CLASICOS",
    "CONFIGURACION_RAPIDA",
    "ConfiguracionDDP",
    "ConfiguracionVelocidad",
    "ConjuntoTensores",
    "EscritorEventos",
    "MLPTorch",
    "PlaygroundTorch",
    "PREFERENCIAS",
    "PROBLEMAS_CLASICOS",
    "TAREAS",
    "biblioteca_de",
    "callback_tensorboard",
    "callbacks_keras",
    "capa_densa_tres_formas",
    "cargar_pesos",
    "compilar_keras",
    "comprobar_ddp",
    "comprobar_evaluacion_torch",
    "comprobar_flops_densa",
    "comprobar_formas_linear_dense",
    "comprobar_gradiente_autograd",
    "comprobar_modelo_regresion",
    "comprobar_modulo",
    "comprobar_paso_entrenamiento",
    "contar_parametros",
    "crear_cargador",
    "crear_dataset_tf",
    "crear_escritor",
    "crear_mlp_keras",
    "datos_problema",
    "describir_dispositivo",
    "diferencia_maxima",
    "diferencias_primer_paso",
    "entrenar_epoca",
    "entrenar_keras",
    "entrenar_problema",
    "entrenar_referencia",
    "entrenar_torch",
    "evaluar_keras",
    "evaluar_torch",
    "exactitud_torch",
    "expresion_tres_formas",
    "fijar_pesos_densos",
    "gpus_tensorflow",
    "graficar_escalares",
    "graficar_historiales",
    "graficar_velocidad",
    "guardar_pesos",
    "hay_tensorboard",
    "historial_keras",
    "informe_velocidad",
    "lanzar_torchrun",
    "leer_escalares",
    "medir_densa",
    "medir_epocas",
    "medir_velocidad",
    "mismos_hilos",
    "mover",
    "pesos_densos",
    "pico_matmul",
    "sincronizar",
    "predecir_keras",
    "preparar_carpeta",
    "primer_paso",
    "seleccionar_dispositivo",
    "tabla_resultados",
    "tabla_tres_formas",
    "tipo_objetivo",
]
