"""Cuestionario final del Lab09 (se corrige con ``CUESTIONARIO.corregir(mis_respuestas)``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab09", [
    Pregunta(
        "¿Por qué muestrear un código al azar y decodificarlo funciona peor con un autoencoder normal "
        "que con un VAE?",
        opciones={"a": "Porque el VAE tiene más parámetros.",
                  "b": "Porque el término KL del VAE empuja los códigos de todos los datos hacia N(0, I): la "
                       "región de donde se muestrea está llena de códigos que el decodificador sabe leer.",
                  "c": "Porque el autoencoder usa ReLU y el VAE no.",
                  "d": "Porque el VAE no tiene decodificador."},
        correcta="b",
        explicaciones={
            "a": "El tamaño no es la diferencia: el VAE del cuaderno tiene una arquitectura parecida al "
                 "autoencoder.",
            "b": "El autoencoder coloca los códigos donde le conviene (islas con huecos entre ellas); el VAE "
                 "paga por alejarse de N(0, I), así que muestrear del prior cae donde hubo datos.",
            "c": "Las activaciones no deciden dónde quedan los códigos; lo decide la pérdida.",
            "d": "El decodificador es justo lo que genera, en los dos.",
        },
    ),
    Pregunta(
        "En el truco de la reparametrización, z = μ + σ·ε con ε ~ N(0, I). ¿Qué resuelve?",
        opciones={"a": "Que el muestreo sea más rápido.",
                  "b": "Que z tenga siempre la misma escala.",
                  "c": "Que el gradiente pueda atravesar el muestreo: el azar queda en ε, que no depende de "
                       "los parámetros, y z es una función derivable de μ y σ.",
                  "d": "Que la KL sea cero."},
        correcta="c",
        explicaciones={
            "a": "Muestrear cuesta lo mismo; lo que cambia es que la operación se puede derivar.",
            "b": "La escala de z la fija σ, que se aprende.",
            "c": "Sortear z directamente de N(μ, σ²) no tiene derivada respecto a μ y σ; escrito como "
                 "μ + σ·ε, backward() llega al codificador.",
            "d": "La KL depende de μ y σ, no de cómo se sortea z.",
        },
    ),
    Pregunta(
        "Al entrenar una GAN, el discriminador gana enseguida (D(G(z)) ≈ 0). ¿Por qué se usa −log D(G(z)) "
        "para el generador en lugar de log(1 − D(G(z)))?",
        opciones={"a": "Porque cuando D(G(z)) ≈ 0 la pendiente de log(1 − D) es casi nula y el generador "
                       "no aprende; la de −log D es grande justo ahí.",
                  "b": "Porque −log D(G(z)) es siempre menor.",
                  "c": "Porque así el discriminador aprende más despacio.",
                  "d": "Porque log(1 − D) puede ser positivo."},
        correcta="a",
        explicaciones={
            "a": "Las dos tienen el mismo punto fijo, pero la no saturante da gradientes fuertes al "
                 "principio, cuando las falsas son malas (Goodfellow et al., 2014).",
            "b": "Los valores no importan; importan sus gradientes respecto a las falsas.",
            "c": "La pérdida del generador no cambia la del discriminador.",
            "d": "log(1 − D) es siempre ≤ 0; ese no es el problema.",
        },
    ),
    Pregunta(
        "Una GAN entrenada sobre los dígitos sólo dibuja unos y sietes muy nítidos. ¿Qué le pasa y cómo "
        "se ve en la tabla de calidad?",
        opciones={"a": "Sobreajuste: la exactitud del juez baja a 0.",
                  "b": "Colapso de modos: la confianza del juez puede ser alta pero aparecen pocas clases, y "
                       "la distancia de Fréchet sube porque la variedad no se parece a la de los datos.",
                  "c": "Nada: si son nítidos, el generador es bueno.",
                  "d": "El discriminador ha dejado de entrenar: la distancia de Fréchet baja a 0."},
        correcta="b",
        explicaciones={
            "a": "Una GAN no ve las etiquetas; el problema es que cubre pocos modos de la distribución.",
            "b": "Por eso la tabla mide a la vez nitidez (confianza), variedad (clases distintas) y las dos "
                 "cosas juntas (Fréchet, que compara media Y covarianza de los rasgos).",
            "c": "Un generador bueno reproduce la distribución entera, no sólo parte de ella.",
            "d": "Fréchet sólo baja si los rasgos de las muestras se distribuyen como los de los datos.",
        },
    ),
    Pregunta(
        "En una difusión (DDPM), ¿qué aprende la red y qué se hace al generar?",
        opciones={"a": "Aprende a sumar ruido; al generar, suma ruido a una imagen real.",
                  "b": "Aprende a clasificar los pasos t; al generar, elige el mejor t.",
                  "c": "Aprende a predecir el ruido ε que se sumó a x₀ para llegar a x_t; al generar empieza "
                       "en ruido puro x_T y le quita, paso a paso, el ruido que predice (más un poco de "
                       "ruido nuevo en cada paso, salvo en el último).",
                  "d": "Aprende la imagen media; al generar, la devuelve."},
        correcta="c",
        explicaciones={
            "a": "Sumar ruido es el proceso hacia delante, fijo y sin parámetros (se hace en forma cerrada).",
            "b": "t se le da a la red como entrada; no lo predice.",
            "c": "La pérdida simple es ‖ε − ε̂(x_t, t)‖², y el muestreo ancestral recorre t = T … 1.",
            "d": "La imagen media es un dígito borroso; la difusión genera dígitos distintos cada vez.",
        },
    ),
    Pregunta(
        "Con guía sin clasificador, ¿qué pasa al subir w de 0 a 4?",
        opciones={"a": "Nada: w sólo cambia la velocidad.",
                  "b": "Las muestras se parecen más a la clase pedida (el juez acierta más y está más "
                       "seguro), a cambio de menos variedad; pasado un punto, la distancia de Fréchet "
                       "empeora.",
                  "c": "Se generan dígitos de otras clases.",
                  "d": "El entrenamiento se hace w veces más largo."},
        correcta="b",
        explicaciones={
            "a": "w cambia qué ε se resta en cada paso: (1 + w)·ε_c − w·ε_∅.",
            "b": "Es el intercambio calidad–diversidad que mide la tabla del cuaderno.",
            "c": "La guía empuja HACIA la clase pedida, no la cambia.",
            "d": "La guía sólo actúa al muestrear; el modelo se entrena una vez (a veces sin clase).",
        },
    ),
    Pregunta(
        "¿Qué mide la distancia de Fréchet del cuaderno («FID para dígitos») y por qué tiene un suelo "
        "por encima de 0?",
        opciones={"a": "Los píxeles distintos entre dos imágenes; el suelo es el ruido del sensor.",
                  "b": "La distancia entre dos gaussianas ajustadas a los rasgos de la CNN del Lab10 de dos "
                       "conjuntos; dos muestras finitas de la MISMA distribución (dígitos reales de prueba "
                       "frente a los de entrenamiento) ya dan una distancia positiva.",
                  "c": "La exactitud del juez; el suelo es su error.",
                  "d": "El tiempo de muestreo; el suelo es el de la GPU."},
        correcta="b",
        explicaciones={
            "a": "No compara imágenes una a una, sino estadísticas (media y covarianza) de conjuntos.",
            "b": "Por eso la tabla pone primero los dígitos reales no vistos: un generador perfecto quedaría "
                 "cerca de ese número, no de 0.",
            "c": "La exactitud es otra columna; Fréchet usa los rasgos, no las clases.",
            "d": "Es una medida de calidad, no de velocidad.",
        },
    ),
])
