"""Cuestionario final del Lab12 (se corrige con ``CUESTIONARIO.corregir(mis_respuestas)``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab12", [
    Pregunta(
        "¿Por qué la atención divide las puntuaciones q·k entre √d antes del softmax?",
        opciones={"a": "Para que los pesos de atención sumen 1.",
                  "b": "Porque, con componentes de varianza 1, q·k suma d productos y su varianza crece como "
                       "d: dividir entre √d la devuelve a 1 y el softmax no se satura.",
                  "c": "Para ahorrar memoria en GPU.",
                  "d": "Porque así la atención deja de depender del número de tókenes T."},
        correcta="b",
        explicaciones={
            "a": "Que sumen 1 lo garantiza el softmax, con o sin escala; la escala cambia lo PICUDA que es "
                 "la distribución.",
            "b": "Con d = 64 las puntuaciones tendrían desviación típica 8: el softmax daría casi un one-hot "
                 "y gradientes diminutos. Dividir entre √d mantiene la varianza en 1 sea cual sea d.",
            "c": "Dividir no cambia el tamaño de ningún tensor; la memoria de la atención crece con T².",
            "d": "La escala depende de d, la dimensión de cada consulta, no de la longitud de la secuencia.",
        },
    ),
    Pregunta(
        "En un GPT, ¿qué impide la máscara causal?",
        opciones={"a": "Que la red atienda al relleno <pad>.",
                  "b": "Que el gradiente explote en secuencias largas.",
                  "c": "Que la posición t mire a las posiciones siguientes: así, al entrenar todas las "
                       "posiciones a la vez, ninguna puede copiar el tóken que debe predecir.",
                  "d": "Que dos cabezas aprendan lo mismo."},
        correcta="c",
        explicaciones={
            "a": "Eso lo hace una máscara de relleno (padding), que tapa columnas concretas; la causal tapa "
                 "el triángulo superior entero.",
            "b": "La máscara no toca la escala de los gradientes; para eso están los residuos, LayerNorm o "
                 "el recorte por norma.",
            "c": "El objetivo de la posición t es el tóken t + 1; si pudiera mirarlo, la pérdida bajaría a 0 "
                 "sin aprender nada, y al generar (donde el futuro no existe) fallaría.",
            "d": "Nada obliga a las cabezas a diferenciarse; la máscara sólo decide qué claves ve cada "
                 "consulta.",
        },
    ),
    Pregunta(
        "¿Por qué un transformer necesita codificación posicional y una RNN no?",
        opciones={"a": "Porque la autoatención trata la entrada como un conjunto: si permutas los tókenes, "
                       "la salida se permuta igual; sin posiciones, «el perro muerde al hombre» y «el hombre "
                       "muerde al perro» se verían igual.",
                  "b": "Porque los embeddings de palabras no tienen suficientes dimensiones.",
                  "c": "Para que el modelo pueda leer secuencias más largas que su contexto.",
                  "d": "Porque sin ella el softmax no es estable."},
        correcta="a",
        explicaciones={
            "a": "La RNN lee en orden y el orden queda en su estado; la atención compara todos con todos a "
                 "la vez. Sumar PE[t] (sinusoidal o aprendida) a cada embedding le da el orden.",
            "b": "El problema no es el tamaño del embedding: cualquier D seguiría siendo ciego al orden sin "
                 "información de posición.",
            "c": "Con posiciones aprendidas pasa justo lo contrario: no hay vector para t ≥ contexto. Las "
                 "sinusoidales se pueden calcular para cualquier t, pero no es su razón de ser.",
            "d": "La estabilidad del softmax se resuelve restando el máximo; no tiene que ver con las "
                 "posiciones.",
        },
    ),
    Pregunta(
        "¿Por qué los transformers usan LayerNorm y no BatchNorm?",
        opciones={"a": "Porque LayerNorm no tiene parámetros.",
                  "b": "Porque BatchNorm sólo funciona con imágenes.",
                  "c": "Porque LayerNorm es más rápida en GPU.",
                  "d": "Porque LayerNorm normaliza cada tóken sobre sus D rasgos, sin depender del lote: "
                       "funciona igual con lotes de 1, con longitudes distintas y al generar tóken a tóken."},
        correcta="d",
        explicaciones={
            "a": "Sí tiene: gamma y beta, 2·D por capa; lo que no tiene es estadísticas móviles.",
            "b": "BatchNorm1d existe para secuencias; el problema es que mezcla ejemplos (y relleno) del "
                 "lote y se comporta distinto al entrenar y al evaluar.",
            "c": "La velocidad es parecida; la razón es qué estadísticas usa, no cuánto cuesta calcularlas.",
            "d": "Cada vector x_t se normaliza con su propia media y varianza (axis=-1): el resultado de un "
                 "tóken no cambia según con quién vaya en el lote.",
        },
    ),
    Pregunta(
        "En el GPT del laboratorio la cabeza de salida está «atada» al embedding de tókenes. ¿Qué se ahorra?",
        opciones={"a": "La máscara causal.",
                  "b": "Una matriz V × D entera: la misma matriz convierte tókenes en vectores a la entrada "
                       "y vectores en logits (h · Eᵀ) a la salida.",
                  "c": "Los embeddings de posición.",
                  "d": "Nada: sólo cambia el nombre de la capa."},
        correcta="b",
        explicaciones={
            "a": "La máscara es fija y no tiene parámetros; atar pesos sólo afecta a las matrices de "
                 "tókenes.",
            "b": "Con V = 65 y D = 64 son 4160 parámetros; con el vocabulario de GPT-2 (50 257 × 768), casi "
                 "39 millones. Además, cada tóken recibe gradiente por los dos lados.",
            "c": "Las posiciones tienen su propia tabla T × D, que no se comparte con nada.",
            "d": "parameters() lista una sola vez la matriz compartida: el recuento baja de verdad.",
        },
    ),
    Pregunta(
        "Al generar texto, ¿en qué se diferencia el muestreo top-p del top-k?",
        opciones={"a": "Top-p siempre elige el tóken más probable.",
                  "b": "Top-k usa la temperatura y top-p no.",
                  "c": "Top-p cambia los logits del modelo al entrenar.",
                  "d": "Top-k guarda siempre k tókenes; top-p guarda los más probables hasta sumar p, así "
                       "que el número se adapta: pocos si el modelo está seguro, muchos si duda."},
        correcta="d",
        explicaciones={
            "a": "Eso es la decodificación voraz (greedy); top-p sortea dentro del núcleo renormalizado.",
            "b": "Los dos se combinan con la temperatura, que se aplica antes a los logits.",
            "c": "Ambos actúan sólo al muestrear; el entrenamiento y la pérdida no cambian.",
            "d": "Con una distribución picuda el núcleo puede tener 1 o 2 tókenes; con una plana, cientos. "
                 "Un k fijo corta demasiado en el segundo caso o deja basura en el primero.",
        },
    ),
    Pregunta(
        "¿Cómo se preentrenan BERT y GPT?",
        opciones={"a": "BERT tapa tókenes al azar y los predice mirando a los dos lados (máscara de "
                       "lenguaje); GPT predice el siguiente tóken mirando sólo a la izquierda (máscara "
                       "causal).",
                  "b": "Los dos predicen el siguiente tóken; sólo cambia el tamaño.",
                  "c": "BERT se entrena con frases traducidas y GPT con imágenes.",
                  "d": "GPT tapa tókenes al azar y BERT genera texto de izquierda a derecha."},
        correcta="a",
        explicaciones={
            "a": "Por eso BERT (codificador, bidireccional) da buenas representaciones para clasificar y GPT "
                 "(decodificador, causal) sirve para generar.",
            "b": "BERT no es autorregresivo: ve la frase entera salvo los tókenes tapados ([MASK]).",
            "c": "Los dos se preentrenan con texto sin etiquetar; la traducción es el uso del transformer "
                 "original codificador-decodificador.",
            "d": "Es justo al revés: el modelo enmascarado es BERT y el autorregresivo, GPT.",
        },
    ),
    Pregunta(
        "Con pocos datos (unos pocos miles de imágenes), un ViT pequeño suele quedar por debajo de una CNN "
        "pequeña. ¿Por qué?",
        opciones={"a": "Porque los parches de la imagen pierden píxeles.",
                  "b": "Porque la CNN trae de serie sesgos inductivos (localidad, pesos compartidos, "
                       "equivarianza a traslaciones) que el ViT tiene que aprender de los datos, y con pocos "
                       "datos no le da tiempo.",
                  "c": "Porque la atención no puede procesar imágenes en blanco y negro.",
                  "d": "Porque el ViT no tiene capas lineales."},
        correcta="b",
        explicaciones={
            "a": "Los parches reparten la imagen sin perder píxeles: cada uno se aplana y se proyecta.",
            "b": "La atención puede relacionar cualquier parche con cualquiera, lo cual es flexible pero "
                 "caro en datos; con millones de imágenes el ViT alcanza o supera a las CNN.",
            "c": "El número de canales sólo cambia el tamaño de cada parche aplanado.",
            "d": "Las tiene: la proyección de los parches, Q, K, V y el MLP de cada bloque.",
        },
    ),
    Pregunta(
        "Tienes un modelo preentrenado y 200 frases etiquetadas. ¿Qué diferencia hay entre ajustar todo el "
        "modelo (fine-tuning) y entrenar sólo una cabeza sobre el modelo congelado?",
        opciones={"a": "Ninguna: los dos cambian los mismos pesos.",
                  "b": "Congelar siempre da peor resultado.",
                  "c": "Con la cabeza congelada sólo se entrena una capa pequeña sobre las representaciones "
                       "fijas (barato y difícil de sobreajustar); el ajuste completo mueve todos los pesos, "
                       "puede adaptarse más, pero cuesta más y con pocos datos se sobreajusta u olvida.",
                  "d": "El ajuste completo no necesita datos etiquetados."},
        correcta="c",
        explicaciones={
            "a": "Con el modelo congelado (requires_grad=False) sólo cambia la cabeza; en el ajuste completo "
                 "cambian millones de pesos.",
            "b": "Con pocos ejemplos la cabeza congelada suele ser igual de buena o mejor, y siempre es más "
                 "barata: es la primera línea base.",
            "c": "Con 200 frases, una tasa pequeña y pocas épocas si se ajusta todo; y comparar con la "
                 "cabeza congelada en la misma validación.",
            "d": "Ambos son aprendizaje supervisado sobre la tarea: necesitan las etiquetas; el preentreno "
                 "es el que no las usa.",
        },
    ),
])
