"""Lab11 · Redes recurrentes: RNN, LSTM y GRU, series temporales y texto.

En NumPy, con el protocolo de capas del curso y entrenables con el ``entrenar`` del Lab06: ``RNN``,
``LSTM`` y ``GRU`` sobre secuencias ``(N, T, F)`` con retropropagación en el tiempo (sus pesos se
llaman y se ordenan como los de PyTorch), ``Embedding`` para identificadores de *tokens*,
``UltimoPaso``; la medida del gradiente paso a paso (desvanecimiento y explosión) y Word2Vec
(*skip-gram* con muestreo negativo). Series: el CO₂ de Mauna Loa, ventanas, partición en el tiempo
y las referencias (ingenua, estacional, autorregresión lineal). En PyTorch (en el dispositivo de
``seleccionar_dispositivo`` del Lab08): pronosticadores recurrentes, un LSTM de caracteres y un
clasificador de párrafos con secuencias empaquetadas. En Keras: ``layers.LSTM``. El corpus de
texto congelado del curso (``cargar_corpus``) lo usan también los Labs 12 y 09.

>>> from Lab11_Redes_Neuronales_Recurrentes_LSTM.codigo import LSTM, Embedding, UltimoPaso
"""

from .caracteres import (
    LSTMCaracteres,
    datos_caracteres,
    entrenar_lstm_caracteres,
    generar_texto,
    lotes_caracteres,
    perdida_bigramas,
    perdida_lstm_caracteres,
)
from .celdas import CapaRecurrente
from .clasificacion_texto import (
    ClasificadorLSTM,
    codificar_parrafos,
    codificar_particiones,
    datos_clasificacion,
    entrenar_clasificador_texto,
    evaluar_clasificadores,
    linea_base_bolsa_palabras,
    predecir_clases_texto,
    tabla_clasificadores,
    vocabulario_palabras,
)
from .corpus import LABS_CORPUS, RUTA_CORPUS, Vocabulario, cargar_corpus, parrafos_corpus, tokenizar_palabras
from .embedding import Embedding
from .gradientes_tiempo import (
    demostrar_recorte,
    experimento_gradientes,
    norma_gradiente_por_paso,
    pesos_recurrentes_grandes,
)
from .gru import GRU
from .keras_rnn import construir_lstm_keras, entrenar_lstm_keras
from .lstm import LSTM
from .modelos import (
    CAPAS_RECURRENTES,
    construir_clasificador_secuencias,
    construir_lstm_digitos,
    digitos_como_secuencias,
    entrenar_lstm_digitos,
)
from .pronostico_torch import (
    TIPOS_RECURRENTES,
    PronosticadorRecurrente,
    PronosticoDiferencias,
    entrenar_pronosticador,
    predecir_serie,
)
from .recurrentes import NO_LINEALIDADES_RNN, RNN
from .referencias_series import (
    AutorregresionLineal,
    mae,
    prediccion_estacional,
    prediccion_ingenua,
    pronostico_recursivo,
    rmse,
    tabla_errores,
)
from .secuencias import PromedioTemporal, UltimoPaso
from .series import (
    EscaladorSerie,
    a_diferencias,
    cargar_co2,
    crear_ventanas,
    desde_diferencias,
    dividir_en_el_tiempo,
    ventanas_por_parte,
)
from .word2vec import (
    SkipGramNegativo,
    distribucion_negativos,
    entrenar_skipgram,
    pares_skipgram,
    proyectar_2d,
    similitud_palabras,
    submuestrear_frecuentes,
    vecinos_mas_cercanos,
)
from .word2vec_torch import SkipGramTorch, entrenar_skipgram_torch

__all__ = [
    # NumPy: capas recurrentes y de tokens
    "CapaRecurrente",
    "RNN",
    "LSTM",
    "GRU",
    "NO_LINEALIDADES_RNN",
    "Embedding",
    "UltimoPaso",
    "PromedioTemporal",
    "CAPAS_RECURRENTES",
    "construir_clasificador_secuencias",
    "construir_lstm_digitos",
    "digitos_como_secuencias",
    "entrenar_lstm_digitos",
    "norma_gradiente_por_paso",
    "experimento_gradientes",
    "pesos_recurrentes_grandes",
    "demostrar_recorte",
    # NumPy: Word2Vec
    "SkipGramNegativo",
    "pares_skipgram",
    "distribucion_negativos",
    "submuestrear_frecuentes",
    "entrenar_skipgram",
    "vecinos_mas_cercanos",
    "similitud_palabras",
    "proyectar_2d",
    # series temporales
    "cargar_co2",
    "crear_ventanas",
    "dividir_en_el_tiempo",
    "ventanas_por_parte",
    "EscaladorSerie",
    "a_diferencias",
    "desde_diferencias",
    "prediccion_ingenua",
    "prediccion_estacional",
    "AutorregresionLineal",
    "rmse",
    "mae",
    "tabla_errores",
    "pronostico_recursivo",
    # texto
    "LABS_CORPUS",
    "RUTA_CORPUS",
    "Vocabulario",
    "cargar_corpus",
    "parrafos_corpus",
    "tokenizar_palabras",
    # PyTorch
    "TIPOS_RECURRENTES",
    "PronosticadorRecurrente",
    "PronosticoDiferencias",
    "entrenar_pronosticador",
    "predecir_serie",
    "LSTMCaracteres",
    "datos_caracteres",
    "lotes_caracteres",
    "perdida_bigramas",
    "perdida_lstm_caracteres",
    "entrenar_lstm_caracteres",
    "generar_texto",
    "ClasificadorLSTM",
    "datos_clasificacion",
    "linea_base_bolsa_palabras",
    "vocabulario_palabras",
    "codificar_parrafos",
    "codificar_particiones",
    "entrenar_clasificador_texto",
    "predecir_clases_texto",
    "evaluar_clasificadores",
    "tabla_clasificadores",
    "SkipGramTorch",
    "entrenar_skipgram_torch",
    # Keras
    "construir_lstm_keras",
    "entrenar_lstm_keras",
]
