"""Lab12 · Transformers: atención desde cero, un GPT pequeño entrenado aquí y Hugging Face sin conexión.

En NumPy, con el protocolo de capas del curso (y comprobadas contra PyTorch hacia delante y hacia
atrás): ``AtencionProductoEscalado`` y sus máscaras (causal y de relleno; ``True`` = puede mirar),
``AtencionMulticabeza`` (cuatro ``CapaDensa``), ``LayerNorm``, las codificaciones posicionales
sinusoidal y aprendida, ``BloqueTransformer`` pre-norm y ``ModeloTransformerNumpy``, un transformer
completo que entrena el ``entrenar`` del Lab06. Tokenización: BPE escrito aquí (``entrenar_bpe``) y
el de Hugging Face ``tokenizers``. En PyTorch (en el dispositivo de ``seleccionar_dispositivo`` del
Lab08): ``GPTPequeno`` con pesos atados, su entrenamiento (también con ``torchrun``) y el muestreo
con temperatura, *top-k* y *top-p*; un clasificador estilo BERT con preentrenamiento enmascarado y un
Vision Transformer para los dígitos. Hugging Face ``transformers``: modelos desde una configuración,
``save_pretrained``/``from_pretrained``, ``pipeline`` y all-MiniLM-L6-v2 desde un paquete instalado.

>>> from Lab12_Transformers.codigo import AtencionMulticabeza, BloqueTransformer, GPTPequeno
"""

from .atencion import (
    AtencionProductoEscalado,
    combinar_mascaras,
    mascara_causal,
    mascara_relleno,
    validar_mascara,
)
from .bert import (
    AGRUPACIONES,
    ClasificadorTransformer,
    CodificadorTexto,
    entrenar_clasificador_transformer,
    pesos_atencion_capas,
    posiciones_relleno,
    predecir_textos,
)
from .bloque import ACTIVACIONES_MLP, BloqueTransformer, MLPTransformer
from .bpe import (
    ESPECIALES,
    TokenizadorBPE,
    contar_tokens,
    entrenar_bpe,
    longitud_media,
    pre_dividir,
    tokens_por_palabra,
)
from .entrenar_gpt import PROGRAMAS, configuracion_gpt, entrenar_gpt, tasa_calentamiento_coseno
from .gpt import ConfiguracionGPT, GPTPequeno, parametros_gpt, perdida_gpt
from .graficos import graficar_atencion, graficar_atencion_vit, graficar_bert_gpt_vit
from .hf_local import (
    bert_desde_config,
    diferencia_logits,
    entrenar_pasos_hf,
    generador_local,
    generar_con_semilla,
    gpt2_desde_config,
    guardar_y_recargar,
    lotes_clasificacion,
    lotes_lenguaje,
    modo_sin_conexion,
)
from .minilm import (
    FRASES_EJEMPLO,
    PAQUETE_MINILM,
    cargar_minilm,
    graficar_similitud,
    incrustar_frases,
    matriz_similitud,
    ruta_minilm,
    similitud_coseno,
)
from .minilm_clasificacion import ClasificadorMiniLM, ajustar_minilm, cabeza_sobre_congelado, predecir_minilm
from .mlm import enmascarar_tokens, preentrenar_mlm
from .modelo_numpy import (
    TAREAS_JUGUETE,
    CabezaAtada,
    ModeloTransformerNumpy,
    entrenar_transformer_numpy,
    exactitud_tokens,
    tarea_juguete,
)
from .muestreo import filtrar_top_k, filtrar_top_p, generar_gpt, generar_ids, muestrear_siguiente
from .multicabeza import AtencionMulticabeza
from .normalizacion import LayerNorm
from .pesos_torch import copiar_a_torch, copiar_desde_torch
from .posicional import CodificacionSinusoidal, EmbeddingPosicional, codificacion_sinusoidal
from .tokenizadores_hf import (
    cargar_tokenizador_hf,
    como_tokenizador_transformers,
    comparar_tokenizadores,
    entrenar_tokenizador_hf,
    guardar_tokenizador_hf,
    tamano_vocabulario,
    trozos_hf,
)
from .vit import VisionTransformer, comparar_vit_cnn, entrenar_vit, extraer_parches, mapa_atencion_vit

__all__ = [
    # NumPy: atención y bloque transformer
    "mascara_causal",
    "mascara_relleno",
    "combinar_mascaras",
    "validar_mascara",
    "AtencionProductoEscalado",
    "AtencionMulticabeza",
    "LayerNorm",
    "codificacion_sinusoidal",
    "CodificacionSinusoidal",
    "EmbeddingPosicional",
    "ACTIVACIONES_MLP",
    "MLPTransformer",
    "BloqueTransformer",
    "CabezaAtada",
    "ModeloTransformerNumpy",
    "TAREAS_JUGUETE",
    "tarea_juguete",
    "exactitud_tokens",
    "entrenar_transformer_numpy",
    "copiar_a_torch",
    "copiar_desde_torch",
    # tokenización
    "ESPECIALES",
    "pre_dividir",
    "entrenar_bpe",
    "TokenizadorBPE",
    "contar_tokens",
    "longitud_media",
    "tokens_por_palabra",
    "entrenar_tokenizador_hf",
    "guardar_tokenizador_hf",
    "cargar_tokenizador_hf",
    "como_tokenizador_transformers",
    "trozos_hf",
    "tamano_vocabulario",
    "comparar_tokenizadores",
    # PyTorch: GPT
    "ConfiguracionGPT",
    "GPTPequeno",
    "parametros_gpt",
    "perdida_gpt",
    "PROGRAMAS",
    "configuracion_gpt",
    "tasa_calentamiento_coseno",
    "entrenar_gpt",
    "filtrar_top_k",
    "filtrar_top_p",
    "muestrear_siguiente",
    "generar_ids",
    "generar_gpt",
    # PyTorch: codificadores
    "AGRUPACIONES",
    "CodificadorTexto",
    "ClasificadorTransformer",
    "posiciones_relleno",
    "pesos_atencion_capas",
    "entrenar_clasificador_transformer",
    "predecir_textos",
    "enmascarar_tokens",
    "preentrenar_mlm",
    "extraer_parches",
    "VisionTransformer",
    "entrenar_vit",
    "comparar_vit_cnn",
    "mapa_atencion_vit",
    "graficar_atencion",
    "graficar_atencion_vit",
    "graficar_bert_gpt_vit",
    # Hugging Face, sin conexión
    "modo_sin_conexion",
    "gpt2_desde_config",
    "bert_desde_config",
    "lotes_lenguaje",
    "lotes_clasificacion",
    "entrenar_pasos_hf",
    "guardar_y_recargar",
    "diferencia_logits",
    "generador_local",
    "generar_con_semilla",
    "PAQUETE_MINILM",
    "FRASES_EJEMPLO",
    "ruta_minilm",
    "cargar_minilm",
    "incrustar_frases",
    "similitud_coseno",
    "matriz_similitud",
    "graficar_similitud",
    "cabeza_sobre_congelado",
    "ClasificadorMiniLM",
    "ajustar_minilm",
    "predecir_minilm",
]
