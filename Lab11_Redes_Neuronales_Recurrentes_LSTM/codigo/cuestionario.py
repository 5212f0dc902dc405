"""Cuestionario final del Lab11 (se corrige con ``CUESTIONARIO.corregir(mis_respuestas)``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab11", [
    Pregunta(
        "Tienes un lote x de forma (N, T, F) = (32, 24, 1) y lo pasas a nn.LSTM(1, 16) SIN "
        "batch_first=True. ¿Qué ocurre?",
        opciones={"a": "PyTorch lanza un error porque las formas no encajan.",
                  "b": "No hay ningún error: la capa toma 32 como el tiempo y 24 como el lote, y aprende "
                       "algo sin sentido.",
                  "c": "PyTorch detecta el orden y traspone el lote él solo.",
                  "d": "Funciona bien, porque la LSTM sólo mira el último eje."},
        correcta="b",
        explicaciones={
            "a": "El único eje que se comprueba es el último, F = 1, y coincide; los otros dos se aceptan "
                 "en cualquier orden, por eso el error es silencioso.",
            "b": "Por defecto PyTorch espera (T, N, F): lee 32 «pasos» de 24 «ejemplos». Mezcla series "
                 "distintas en el tiempo; hay que pedir batch_first=True o trasponer.",
            "c": "PyTorch no puede saber qué eje es el tiempo: dos ejes de tamaño cualquiera son "
                 "indistinguibles. Lo decide batch_first.",
            "d": "La LSTM recorre el eje del tiempo en orden, llevando el estado; confundirlo con el lote "
                 "cambia por completo qué se recuerda.",
        },
    ),
    Pregunta(
        "¿Por qué la celda de la LSTM deja pasar el gradiente mucho mejor que el estado de una RNN simple?",
        opciones={"a": "Porque la LSTM tiene cuatro veces más parámetros.",
                  "b": "Porque sus puertas usan sigmoides, que nunca saturan.",
                  "c": "Porque la celda se actualiza sumando, c_t = f_t·c_{t−1} + i_t·g_t, así que "
                       "∂c_t/∂c_{t−1} = f_t: sin W_hh ni derivadas de tanh, y la red puede poner f ≈ 1.",
                  "d": "Porque la LSTM recorta el gradiente automáticamente."},
        correcta="c",
        explicaciones={
            "a": "Más parámetros no cambian el producto de jacobianos de la RNN; lo que cambia es la "
                 "forma de la actualización de la celda.",
            "b": "Las sigmoides también saturan (su derivada máxima es 0.25); el gradiente de la celda no "
                 "pasa por su derivada, sino multiplicado por el valor de f.",
            "c": "Es un camino aditivo, como el atajo de una ResNet: con f = 0.95, tras 20 pasos queda "
                 "0.95²⁰ ≈ 0.36, frente a 0.5²⁰ ≈ 10⁻⁶ en la RNN.",
            "d": "El recorte es algo que se añade al entrenar (clip_grad_norm_) y sólo frena la explosión; "
                 "no tiene nada que ver con la celda.",
        },
    ),
    Pregunta(
        "Los gradientes de todos los parámetros, juntos, tienen norma 10 y entrenas con recorte por "
        "norma de máximo 2. ¿Qué hace el recorte?",
        opciones={"a": "Multiplica todos los gradientes por 2/10 = 0.2: misma dirección, paso más corto.",
                  "b": "Pone a 2 cada componente que pase de 2 y deja el resto igual.",
                  "c": "Escala cada tensor por separado hasta que su norma sea 2.",
                  "d": "Resuelve el desvanecimiento del gradiente en secuencias largas."},
        correcta="a",
        explicaciones={
            "a": "g ← g·min(1, c/‖g‖) con la norma de todos los gradientes juntos: un solo factor, 0.2, "
                 "que conserva la dirección. Con norma 1.5 no tocaría nada.",
            "b": "Eso es recortar por valor (clamp de cada componente), que cambia la dirección del "
                 "gradiente; el recorte por norma escala el vector entero.",
            "c": "Con un factor distinto para cada tensor cambiaría la dirección global; la norma que se "
                 "mira es la de todos los parámetros a la vez.",
            "d": "El recorte frena la explosión, pero no puede agrandar un gradiente que se desvanece; "
                 "para eso hace falta otra arquitectura (LSTM, GRU).",
        },
    ),
    Pregunta(
        "Vas a predecir el CO₂ mensual con una LSTM. ¿Qué partición y qué estandarización son correctas?",
        opciones={"a": "Barajar las ventanas de toda la serie y repartirlas al azar 70/15/15, "
                       "estandarizando con toda la serie.",
                  "b": "Partir en el tiempo, pero estandarizar cada parte con su propia media y desviación.",
                  "c": "Barajar los meses y estandarizar con el entrenamiento.",
                  "d": "Entrenamiento en el pasado, validación después y prueba al final; μ y σ sólo del "
                       "entrenamiento, aplicadas a todo."},
        correcta="d",
        explicaciones={
            "a": "Barajar a través del corte deja que el modelo interpole entre vecinos del futuro, y "
                 "estandarizar con todo es fuga: la prueba sale optimista.",
            "b": "Con su propia μ cada parte queda centrada en 0: se borra la tendencia de la prueba y se "
                 "usa información del futuro para escalarla.",
            "c": "Barajar los meses destruye el orden que queremos aprender y mete el futuro en el "
                 "entrenamiento; sí se pueden barajar ventanas DENTRO del entrenamiento.",
            "d": "Así se imita el uso real: sólo se conoce el pasado. Que la prueba quede fuera del rango "
                 "visto (unas 4 desviaciones típicas) es la tendencia, no un error.",
        },
    ),
    Pregunta(
        "Tu LSTM consigue un RMSE de validación de 0.9 ppm a un paso. ¿Por qué comparar con la ingenua "
        "y la ingenua estacional antes de celebrarlo?",
        opciones={"a": "Porque las líneas base son el modelo que se entrega al final.",
                  "b": "Porque un RMSE aislado no dice si es bueno: si repetir el último valor (o el de "
                       "hace 12 meses) da lo mismo o menos, la red no ha aprendido nada útil.",
                  "c": "Porque las líneas base calibran la temperatura de la red.",
                  "d": "No hace falta: un RMSE por debajo de 1 ppm siempre es bueno."},
        correcta="b",
        explicaciones={
            "a": "Son referencias baratas con las que medir, no el producto final (aunque a veces ganan y "
                 "entonces sí conviene quedarse con ellas).",
            "b": "En una serie lenta la ingenua es dificilísima de batir a un paso; sólo frente a ella (y a "
                 "la estacional y la AR lineal, en la misma partición) el 0.9 significa algo.",
            "c": "La temperatura es cosa de muestrear texto; las líneas base de una serie se comparan por "
                 "su error en la misma partición.",
            "d": "Si la ingenua da 0.7 ppm, el 0.9 es peor que no hacer nada; la escala por sí sola no dice "
                 "si el modelo es bueno.",
        },
    ),
    Pregunta(
        "Generas texto con un modelo de caracteres y bajas la temperatura de τ = 1 a τ = 0.3. ¿Qué cambia?",
        opciones={"a": "Baja la perplejidad del modelo: ahora predice mejor.",
                  "b": "El texto tiene más variedad y más errores inventados.",
                  "c": "Cambia el orden de los caracteres más probables.",
                  "d": "La distribución se afila: sale casi siempre el carácter más probable, texto más "
                       "seguro y repetitivo, que puede entrar en bucles."},
        correcta="d",
        explicaciones={
            "a": "La temperatura sólo actúa al sortear; la pérdida y la perplejidad se miden con τ = 1 y "
                 "no cambian: el modelo sabe lo mismo.",
            "b": "Eso es lo que pasa al SUBIR la temperatura (τ > 1): la distribución se aplana.",
            "c": "Dividir los logits por τ > 0 conserva su orden; sólo cambia lo lejos que quedan unas "
                 "probabilidades de otras.",
            "d": "softmax(z/τ) con τ < 1 agranda las diferencias entre logits; con τ → 0 es la elección "
                 "voraz (greedy), que suele repetir frases.",
        },
    ),
    Pregunta(
        "Clasificas frases de longitudes distintas rellenadas con <pad> hasta T = 40. ¿Qué hay que cuidar?",
        opciones={"a": "Que el estado que se clasifica sea el del último paso real (con las longitudes o "
                       "pack_padded_sequence) y que el relleno no cuente en la pérdida.",
                  "b": "Nada: la red aprende sola a ignorar el relleno.",
                  "c": "Rellenar por la derecha con ceros basta para que h_T sea el de la frase.",
                  "d": "Usar siempre el último estado h_T, porque ha leído toda la secuencia."},
        correcta="a",
        explicaciones={
            "a": "h_40 ha leído decenas de <pad> tras la frase; se toma salida[arange(N), longitudes − 1] "
                 "o se empaqueta, y la pérdida usa la máscara o ignore_index.",
            "b": "Lo que suele aprender es a usar el relleno como pista: clasifica por la longitud, el "
                 "síntoma típico de no enmascarar.",
            "c": "Un <pad> (o un cero) sigue siendo una entrada: cada paso de relleno actualiza el estado "
                 "con los sesgos y W_hh, y h_T cambia.",
            "d": "Con relleno, h_T no es el estado de la frase sino el de la frase más los <pad>; el bueno "
                 "es el del último paso real.",
        },
    ),
    Pregunta(
        "En Word2Vec con skip-gram y muestreo negativo, ¿qué aprende en realidad la red?",
        opciones={"a": "Un softmax sobre las V palabras que predice la palabra siguiente.",
                  "b": "A contar cuántas veces aparece cada palabra.",
                  "c": "A distinguir pares (central, contexto) reales de pares con palabras sorteadas, con "
                       "una regresión logística sobre u_c·v_w; así las palabras de contextos parecidos "
                       "acaban con vectores parecidos.",
                  "d": "A ordenar las palabras de una frase."},
        correcta="c",
        explicaciones={
            "a": "Eso sería un modelo de lenguaje con softmax completo, que cuesta V productos por par; el "
                 "muestreo negativo lo sustituye por k + 1 preguntas de sí o no.",
            "b": "Las cuentas sólo sirven para sortear los negativos (elevadas a 0.75); lo que se "
                 "aprende son los vectores v_w y u_c.",
            "c": "Sube σ(u_c·v_w) en los pares reales y baja σ(u_n·v_w) en los inventados; los vectores v_w "
                 "resultantes son los embeddings.",
            "d": "Skip-gram no usa el orden dentro de la ventana: sólo qué palabras aparecen cerca de la "
                 "central.",
        },
    ),
    Pregunta(
        "¿Qué es el teacher forcing al entrenar un modelo de lenguaje de caracteres?",
        opciones={"a": "Dar a la red, en cada paso, el carácter que ella misma generó en el paso anterior.",
                  "b": "Dar como entrada en cada paso el carácter verdadero anterior, lo que permite "
                       "entrenar todas las posiciones a la vez; al generar, en cambio, la red se alimenta "
                       "de sus propias salidas.",
                  "c": "Obligar a la red a usar temperatura 1 al generar.",
                  "d": "Copiar los pesos de un modelo maestro ya entrenado."},
        correcta="b",
        explicaciones={
            "a": "Eso es lo que pasa al generar, no al entrenar; entrenar así sería lento (paso a paso) y "
                 "arrastraría los errores tempranos.",
            "b": "La entrada es el texto real y el objetivo, el mismo texto desplazado un paso; el precio es "
                 "que al generar aparecen situaciones que nunca vio (errores que se acumulan).",
            "c": "La temperatura es un detalle del muestreo al generar; el teacher forcing es sobre qué "
                 "entradas se usan al entrenar.",
            "d": "Eso se parece a la destilación de conocimiento; aquí el «maestro» es el propio texto de "
                 "entrenamiento.",
        },
    ),
])
