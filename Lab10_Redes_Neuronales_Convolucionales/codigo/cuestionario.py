"""Cuestionario final del Lab10 (se corrige con ``CUESTIONARIO.corregir(mis_respuestas)``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab10", [
    Pregunta(
        "Una imagen en color de 32×32 (3 canales) entra en una capa densa de 100 neuronas o en una "
        "Conv2D(3, 100, 3). ¿Cuál tiene más parámetros?",
        opciones={"a": "La Conv2D, porque produce 100 mapas de 30×30.",
                  "b": "La densa: 3·32·32·100 + 100 = 307 300 frente a 100·3·3·3 + 100 = 2800.",
                  "c": "Las dos igual: ambas tienen 100 salidas por píxel."},
        correcta="b",
        explicaciones={
            "a": "El tamaño de la salida no añade parámetros: el mismo filtro se reutiliza en todas las "
                 "posiciones.",
            "b": "La densa necesita un peso por píxel y canal para cada neurona; la convolución sólo "
                 "3·3·3 pesos por filtro, compartidos en toda la imagen.",
            "c": "La densa tiene 100 salidas en total, y cada una mira todos los píxeles; la convolución "
                 "tiene 100 canales por posición con pesos compartidos.",
        },
    ),
    Pregunta(
        "¿Qué calcula en realidad la «convolución» de Conv2D (y de nn.Conv2d)?",
        opciones={"a": "La convolución de señales: el núcleo se voltea 180° antes de aplicarlo.",
                  "b": "Un producto de matrices entre la imagen completa y el núcleo.",
                  "c": "La correlación cruzada: el núcleo se aplica sin voltear; como se aprende, voltearlo "
                       "no cambiaría lo que la red puede representar."},
        correcta="c",
        explicaciones={
            "a": "Eso es convolucion2d; las redes usan la correlación cruzada (correlacion2d). Con un "
                 "núcleo aprendido da igual: aprendería el núcleo volteado.",
            "b": "im2col lo convierte en un producto de matrices, pero entre los parches y los filtros, "
                 "no con la imagen entera.",
            "c": "Es la correlación cruzada; el nombre «convolución» es histórico, y como los pesos se "
                 "aprenden, voltear o no el núcleo es indiferente.",
        },
    ),
    Pregunta(
        "Una entrada de 28×28 pasa por una Conv2D con núcleo 3, paso 2 y relleno 1. ¿De qué tamaño "
        "es cada mapa de salida?",
        opciones={"a": "14×14", "b": "13×13", "c": "28×28", "d": "15×15"},
        correcta="a",
        explicaciones={
            "a": "⌊(28 + 2·1 − 3) / 2⌋ + 1 = ⌊27/2⌋ + 1 = 13 + 1 = 14.",
            "b": "13 sale si te olvidas del relleno: ⌊(28 − 3)/2⌋ + 1 = 13.",
            "c": "28 es el tamaño con relleno 1 y paso 1 («same»); con paso 2 la salida se reduce a la "
                 "mitad.",
            "d": "15 sale redondeando hacia arriba; la división entre el paso se redondea hacia abajo.",
        },
    ),
    Pregunta(
        "¿Para qué sirve im2col?",
        opciones={"a": "Para voltear los núcleos antes de la convolución.",
                  "b": "Para reducir la memoria: guarda cada píxel una sola vez.",
                  "c": "Para aumentar los datos con desplazamientos.",
                  "d": "Para copiar cada parche de la entrada en una fila y hacer toda la convolución con "
                       "un solo producto de matrices, mucho más rápido que los bucles."},
        correcta="d",
        explicaciones={
            "a": "No voltea nada: reordena los parches; la convolución sigue siendo correlación cruzada.",
            "b": "Al contrario: cada píxel aparece en varios parches, así que gasta más memoria a cambio "
                 "de velocidad.",
            "c": "El aumento de datos lo hace Aumento (desplazar, rotar, ruido), no im2col.",
            "d": "Las filas de parches por la matriz de filtros: un solo producto que BLAS hace muy "
                 "rápido; en el cuaderno gana a los bucles de Python con holgura.",
        },
    ),
    Pregunta(
        "En el experimento de desplazamiento, el MLP y la CNN aprenden con dígitos centrados y se "
        "prueban con dígitos en posiciones al azar. ¿Por qué la CNN aguanta y el MLP no?",
        opciones={"a": "Porque la CNN tiene muchos más parámetros.",
                  "b": "Porque la CNN usa los mismos filtros en todas las posiciones y su máximo global "
                       "olvida dónde estaba cada rasgo; el MLP tiene un peso distinto para cada píxel.",
                  "c": "Porque toda CNN es invariante a traslaciones, también una LeNet con pooling "
                       "intermedio y una capa densa al final.",
                  "d": "Porque la CNN se entrenó con más épocas."},
        correcta="b",
        explicaciones={
            "a": "Tienen un número de parámetros parecido (5130 frente a 5350); la diferencia está en "
                 "cómo se usan.",
            "b": "Compartir pesos da equivariancia (el mapa se mueve con el dígito) y el máximo global la "
                 "convierte en invariancia; el MLP no ha visto nunca esos píxeles encendidos.",
            "c": "El pooling intermedio y una capa densa sobre el mapa aplanado dependen de la posición: "
                 "una LeNet así no es invariante a desplazamientos.",
            "d": "Los dos se entrenan con las mismas épocas y los mismos datos.",
        },
    ),
    Pregunta(
        "Una imagen RGB de 8×8 está en un lote de PyTorch con forma (N, 3, 8, 8). ¿Qué forma espera "
        "Keras por defecto?",
        opciones={"a": "(N, 8, 8, 3): canales al final (a_canales_ultimo).",
                  "b": "(N, 3, 8, 8), la misma.",
                  "c": "(3, N, 8, 8): primero los canales.",
                  "d": "(N, 192): Keras aplana siempre las imágenes."},
        correcta="a",
        explicaciones={
            "a": "Keras usa «channels_last», (N, H, W, C); a_canales_ultimo permuta los ejes "
                 "(0, 2, 3, 1).",
            "b": "Ese es el orden de PyTorch y del Conv2D del lab, (N, C, H, W); Keras lo tomaría como "
                 "una imagen de 3×8 con 8 canales.",
            "c": "El lote va siempre primero, en los dos frameworks.",
            "d": "Sus capas Conv2D necesitan la imagen con sus ejes; aplanar es trabajo de Flatten.",
        },
    ),
    Pregunta(
        "En el cuaderno, con 5 ejemplos por clase de los dígitos 5–9, entrenar desde cero ganó a "
        "reutilizar los rasgos aprendidos con 0–4. ¿Qué se concluye?",
        opciones={"a": "Que el aprendizaje por transferencia no funciona nunca.",
                  "b": "Que hay un error en el código de transferencia.",
                  "c": "Que con datos tan limpios y una red tan pequeña la transferencia no aporta: brilla "
                       "cuando la tarea de origen es grande y parecida a la de destino.",
                  "d": "Que hay que congelar también la cabeza nueva."},
        correcta="c",
        explicaciones={
            "a": "Un experimento pequeño no generaliza a todos: con redes preentrenadas en millones de "
                 "imágenes la transferencia es la norma.",
            "b": "El resultado es honesto y reproducible; lo que mide es que aquí aprender desde cero ya "
                 "es fácil.",
            "c": "Unos dígitos de 8×8 bien definidos se aprenden con pocos ejemplos; los rasgos de 0–4 no "
                 "ayudan mucho a distinguir 5–9.",
            "d": "Si se congela la cabeza nueva no se entrena nada: sus pesos aleatorios quedarían fijos.",
        },
    ),
    Pregunta(
        "¿Cuántos parámetros tiene una capa MaxPool2D(2)?",
        opciones={"a": "4, uno por posición de la ventana.",
                  "b": "Uno por canal.",
                  "c": "Tantos como la Conv2D anterior.",
                  "d": "Ninguno: toma el máximo de cada ventana, y en el backward el gradiente va sólo a "
                       "la posición del máximo."},
        correcta="d",
        explicaciones={
            "a": "La ventana no tiene pesos: el máximo no se aprende, se calcula.",
            "b": "Eso sería una normalización (BatchNorm2d tiene γ y β por canal); el pooling no tiene.",
            "c": "El pooling no reutiliza ni copia los pesos de la capa anterior: no tiene ninguno.",
            "d": "Es una operación fija; su retropropagación reparte el gradiente a la posición ganadora "
                 "de cada ventana y deja 0 en las demás.",
        },
    ),
])
