"""Lab07 · Métricas y evaluación: matriz de confusión, precisión/sensibilidad/F1, ROC y PR,
umbrales, validación cruzada y datos desequilibrados.

>>> from Lab07_Metricas_Evaluacion.codigo import matriz_confusion, informe_clasificacion, curva_roc
"""

from .curvas import (
    auc,
    auc_roc,
    conteos_por_umbral,
    curva_precision_sensibilidad,
    curva_roc,
    precision_promedio,
)
from .desbalance import (
    desbalancear,
    distribucion_clases,
    pesos_clase,
    pesos_muestra,
    sobremuestrear,
    submuestrear,
)
from .ejercicios import (
    EJEMPLO_Y_PREDICHO,
    EJEMPLO_Y_VERDADERO,
    comprobar_auc_por_parejas,
    comprobar_conteos,
    comprobar_exactitud_enganosa,
    comprobar_f1_macro,
    comprobar_pliegues_estratificados,
    comprobar_precision_sensibilidad_f1,
    comprobar_umbral_sensibilidad,
)
from .etiquetas import (
    clases_presentes,
    como_etiquetas,
    indices_de_clase,
    preparar_binario,
    preparar_etiquetas,
)
from .evaluacion import (
    evaluar_clasificador,
    evaluar_modelo,
    probabilidad_positiva,
    tabla_metricas,
)
from .graficos import (
    graficar_curva_pr,
    graficar_curva_roc,
    graficar_matriz_confusion,
    graficar_metricas_umbral,
    graficar_pliegues,
)
from .informe import (
    informe_clasificacion,
)
from .matriz_confusion import (
    NORMALIZACIONES,
    conteos_por_clase,
    matriz_confusion,
    normalizar_matriz,
)
from .metricas import (
    PROMEDIOS,
    ResultadoPRF,
    coeficiente_matthews,
    dividir_seguro,
    especificidad,
    exactitud,
    exactitud_balanceada,
    f1,
    f_beta,
    precision,
    precision_sensibilidad_f,
    sensibilidad,
)
from .perdida_ponderada import (
    EntropiaCruzadaBinariaPonderada,
    EntropiaCruzadaPonderada,
)
from .umbrales import (
    CRITERIOS_UMBRAL,
    UmbralElegido,
    aplicar_umbral,
    elegir_umbral,
    metricas_por_umbral,
)
from .validacion_cruzada import (
    ResultadoValidacionCruzada,
    numeros_de_pliegue,
    pliegues_estratificados,
    pliegues_k,
    validacion_cruzada,
)

__all__ = [
    "CRITERIOS_UMBRAL",
    "EJEMPLO_Y_PREDICHO",
    "EJEMPLO_Y_VERDADERO",
    "EntropiaCruzadaBinariaPonderada",
    "EntropiaCruzadaPonderada",
    "NORMALIZACIONES",
    "PROMEDIOS",
    "ResultadoPRF",
    "ResultadoValidacionCruzada",
    "UmbralElegido",
    "aplicar_umbral",
    "auc",
    "auc_roc",
    "coeficiente_matthews",
    "como_etiquetas",
    "clases_presentes",
    "comprobar_auc_por_parejas",
    "comprobar_conteos",
    "comprobar_exactitud_enganosa",
    "comprobar_f1_macro",
    "comprobar_pliegues_estratificados",
    "comprobar_precision_sensibilidad_f1",
    "comprobar_umbral_sensibilidad",
    "conteos_por_clase",
    "conteos_por_umbral",
    "curva_precision_sensibilidad",
    "curva_roc",
    "desbalancear",
    "distribucion_clases",
    "dividir_seguro",
    "elegir_umbral",
    "especificidad",
    "evaluar_clasificador",
    "evaluar_modelo",
    "exactitud",
    "exactitud_balanceada",
    "f1",
    "f_beta",
    "graficar_curva_pr",
    "graficar_curva_roc",
    "graficar_matriz_confusion",
    "graficar_metricas_umbral",
    "graficar_pliegues",
    "indices_de_clase",
    "informe_clasificacion",
    "matriz_confusion",
    "metricas_por_umbral",
    "normalizar_matriz",
    "numeros_de_pliegue",
    "pesos_clase",
    "pesos_muestra",
    "pliegues_estratificados",
    "pliegues_k",
    "precision",
    "precision_promedio",
    "precision_sensibilidad_f",
    "preparar_binario",
    "preparar_etiquetas",
    "probabilidad_positiva",
    "sensibilidad",
    "sobremuestrear",
    "submuestrear",
    "tabla_metricas",
    "validacion_cruzada",
]
