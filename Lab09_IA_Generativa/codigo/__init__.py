"""Lab09 · IA generativa: modelos que aprenden una distribución y la muestrean, y cómo medirlos.

- ``datos``: los dígitos 8×8 del Lab10 (``digitos_generativos``) y sus dos rangos de píxeles.
- ``autoencoder``: un autoencoder con el framework NumPy del curso (Labs 01–07), entrenado con
  ``entrenar`` del Lab06; también eliminador de ruido y, con una gaussiana en sus códigos, generador.
- ``vae``: el VAE en PyTorch (KL en forma cerrada, reparametrización, calentamiento de la KL, β).
- ``gan`` y ``colapso_modos``: una DCGAN de dígitos con la pérdida no saturante, y el anillo de
  gaussianas donde se mide el colapso de modos y su remedio (la desviación típica del lote).
- ``difusion`` y ``red_ruido``: el DDPM (calendario, ruido en forma cerrada, muestreo ancestral y
  guía sin clasificador) y la red que predice el ruido; ``entrenar_difusion`` es el script de 60 s.
- ``calidad``: un **juez** (la ``LeNetTorch`` del Lab10) que puntúa las muestras de cualquier
  generador y la **distancia de Fréchet** sobre sus rasgos (un «FID para dígitos»).
- ``texto``: la medida de las estrategias de muestreo de texto con el GPT y el ``pipeline`` del Lab12.
- ``graficos``, ``ejercicios`` y ``cuestionario``: figuras, autocomprobaciones y preguntas del cuaderno.

>>> from Lab09_IA_Generativa.codigo import VAE, entrenar_vae, entrenar_juez, tabla_calidad
"""

from .autoencoder import (
    AutoencoderNumpy,
    anadir_ruido,
    codificar_autoencoder,
    decodificar_latentes,
    entrenar_autoencoder,
    muestrear_autoencoder,
    reconstruir,
)
from .calidad import (
    distancia_frechet,
    entrenar_juez,
    estadisticos_rasgos,
    formatear_tabla_calidad,
    frechet_imagenes,
    probabilidades_juez,
    puntuar_muestras,
    rasgos_juez,
    tabla_calidad,
)
from .colapso_modos import (
    DiscriminadorPuntos,
    GeneradorPuntos,
    anillo_gaussianas,
    modos_cubiertos,
    muestrear_puntos,
)
from .datos import a_simetrico, comprobar_imagenes_digitos, desde_simetrico, digitos_generativos
from .difusion import CalendarioDifusion, calendario_ruido, difundir, muestrear_ddpm, prediccion_guiada
from .gan import (
    DiscriminadorDCGAN,
    GeneradorDCGAN,
    entrenar_gan,
    muestrear_gan,
    paso_discriminador,
    paso_generador,
    perdida_discriminador,
    perdida_generador,
)
from .graficos import (
    graficar_anillo,
    graficar_curvas_gan,
    graficar_espacio_latente,
    graficar_rejilla,
    graficar_trayectoria,
)
from .red_ruido import RedRuido, entrenar_ddpm
from .texto import ESTRATEGIAS_TEXTO, comparar_estrategias, medir_texto, palabras_conocidas
from .vae import (
    VAE,
    codificar_vae,
    efecto_beta,
    entrenar_vae,
    interpolar_vae,
    kl_normal_estandar,
    muestrear_vae,
    perdida_vae,
    reparametrizar,
)

__all__ = [
    # datos
    "a_simetrico",
    "comprobar_imagenes_digitos",
    "desde_simetrico",
    "digitos_generativos",
    # autoencoder
    "AutoencoderNumpy",
    "anadir_ruido",
    "codificar_autoencoder",
    "decodificar_latentes",
    "entrenar_autoencoder",
    "muestrear_autoencoder",
    "reconstruir",
    # vae
    "VAE",
    "codificar_vae",
    "efecto_beta",
    "entrenar_vae",
    "interpolar_vae",
    "kl_normal_estandar",
    "muestrear_vae",
    "perdida_vae",
    "reparametrizar",
    # gan y colapso de modos
    "DiscriminadorDCGAN",
    "GeneradorDCGAN",
    "entrenar_gan",
    "muestrear_gan",
    "paso_discriminador",
    "paso_generador",
    "perdida_discriminador",
    "perdida_generador",
    "DiscriminadorPuntos",
    "GeneradorPuntos",
    "anillo_gaussianas",
    "modos_cubiertos",
    "muestrear_puntos",
    # difusión
    "CalendarioDifusion",
    "RedRuido",
    "calendario_ruido",
    "difundir",
    "entrenar_ddpm",
    "muestrear_ddpm",
    "prediccion_guiada",
    # calidad
    "distancia_frechet",
    "entrenar_juez",
    "estadisticos_rasgos",
    "formatear_tabla_calidad",
    "frechet_imagenes",
    "probabilidades_juez",
    "puntuar_muestras",
    "rasgos_juez",
    "tabla_calidad",
    # texto
    "ESTRATEGIAS_TEXTO",
    "comparar_estrategias",
    "medir_texto",
    "palabras_conocidas",
    # gráficos
    "graficar_anillo",
    "graficar_curvas_gan",
    "graficar_espacio_latente",
    "graficar_rejilla",
    "graficar_trayectoria",
]
