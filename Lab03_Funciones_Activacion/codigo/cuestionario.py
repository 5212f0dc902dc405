"""Cuestionario final del Lab03: funciones de activación."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab03", [
    Pregunta(
        "Una red tiene 10 capas densas seguidas y ninguna activación entre ellas. ¿Qué funciones puede "
        "representar?",
        opciones={
            "a": "Más que una red de 2 capas, porque tiene más parámetros",
            "b": "Sólo funciones lineales x·W + b: equivale a una única capa densa",
            "c": "Cualquier función continua, por el teorema de aproximación universal",
        },
        correcta="b",
        explicaciones={
            "a": "Los parámetros extra no añaden capacidad: el producto W1·W2···W10 es una sola matriz, "
                 "así que todas las capas juntas hacen lo mismo que una.",
            "b": "Componer funciones lineales da otra función lineal: W = W1···W10 y un único sesgo "
                 "(lo que calcula colapsar_red_lineal).",
            "c": "El teorema exige una activación NO lineal entre capas; sin ella la red es lineal y ni "
                 "siquiera resuelve XOR.",
        },
    ),
    Pregunta(
        "¿Dónde se hace cero (o casi cero) la derivada de cada activación?",
        opciones={
            "a": "Sigmoide y tanh: para |z| grande, a ambos lados; ReLU: exactamente 0 para z ≤ 0",
            "b": "Sigmoide: sólo para z muy negativo; ReLU: para z grande",
            "c": "Ninguna de las tres tiene derivada nula: por eso se usan",
        },
        correcta="a",
        explicaciones={
            "a": "Sigmoide y tanh se aplanan hacia sus dos asíntotas (saturación); ReLU tiene derivada 1 "
                 "para z > 0 y 0 para z ≤ 0 (de ahí las neuronas muertas).",
            "b": "La sigmoide también se aplana para z muy positivo (σ'(10) ≈ 4.5·10⁻⁵), y ReLU no "
                 "satura nunca para z > 0: su derivada vale 1.",
            "c": "Las tres tienen zonas de derivada (casi) nula; esa es justamente la causa del "
                 "desvanecimiento del gradiente y de las ReLU muertas.",
        },
    ),
    Pregunta(
        "Con las cuatro entradas z = (1000, 1000, 1000, 1000), ¿qué devuelve una softmax que resta el "
        "máximo antes de exponenciar?",
        opciones={
            "a": "(NaN, NaN, NaN, NaN), porque e^1000 desborda",
            "b": "(1, 0, 0, 0): la primera clase gana el empate",
            "c": "(0.25, 0.25, 0.25, 0.25)",
        },
        correcta="c",
        explicaciones={
            "a": "Eso le pasa a la fórmula ingenua. Restando el máximo se calcula softmax(0, 0, 0, 0): "
                 "todos los exponentes son 0 y nada desborda.",
            "b": "La softmax no elige una ganadora: reparte la probabilidad según las diferencias entre "
                 "logits, y aquí no hay ninguna diferencia.",
            "c": "Restar el máximo deja (0, 0, 0, 0); e^0 = 1 en cada clase y 1/4 para cada una: logits "
                 "iguales, probabilidades iguales.",
        },
    ),
    Pregunta(
        "En una red de 10 capas con sigmoide, ¿cuánto vale como mucho el producto de las 10 derivadas "
        "σ'(z) que atraviesa el gradiente (sin contar los pesos)?",
        opciones={
            "a": "0.5¹⁰ ≈ 1·10⁻³, porque σ(0) = 0.5",
            "b": "10 · 0.25 = 2.5",
            "c": "0.25¹⁰ ≈ 9.5·10⁻⁷",
        },
        correcta="c",
        explicaciones={
            "a": "0.5 es el valor de σ(0), no de su derivada; el máximo de σ'(z) = σ(z)(1 − σ(z)) es "
                 "0.5 · 0.5 = 0.25.",
            "b": "La regla de la cadena multiplica los factores, no los suma: diez factores ≤ 0.25 dan un "
                 "número diminuto.",
            "c": "Cada factor es ≤ 0.25 (su máximo, en z = 0); multiplicados diez veces, menos de una "
                 "millonésima: el gradiente se desvanece.",
        },
    ),
    Pregunta(
        "Una neurona ReLU tiene z ≤ 0 para todos los ejemplos del conjunto de entrenamiento. ¿Qué pasa "
        "en el siguiente paso de descenso de gradiente?",
        opciones={
            "a": "Sus pesos y su sesgo no cambian, porque el gradiente que le llega es 0",
            "b": "Su sesgo sube hasta reactivarla, porque el gradiente empuja hacia z > 0",
            "c": "Sus pesos cambian al azar hasta que vuelve a activarse",
        },
        correcta="a",
        explicaciones={
            "a": "ReLU'(z) = 0 en todos los ejemplos, así que dL/dz = grad · 0 = 0 y también los "
                 "gradientes de sus pesos y su sesgo: está muerta.",
            "b": "Para empujarla haría falta algún gradiente, y el de una ReLU con z ≤ 0 es exactamente 0. "
                 "Con ELU o Leaky ReLU sí ocurriría.",
            "c": "El descenso de gradiente es determinista: sin gradiente, el paso es 0 y nada cambia.",
        },
    ),
    Pregunta(
        "Construyes a mano Secuencial(CapaDensa(…), act, CapaDensa(…), act) con el MISMO objeto "
        "act = ReLU() en las dos posiciones. ¿Qué falla?",
        opciones={
            "a": "Nada: ReLU no tiene pesos, así que compartirla es gratis",
            "b": "El backward de la primera posición usa la entrada guardada por la segunda",
            "c": "forward lanza un error porque la capa ya está en uso",
        },
        correcta="b",
        explicaciones={
            "a": "No tiene pesos, pero sí memoria: forward guarda su entrada para que backward sepa dónde "
                 "z > 0. Al compartirla, esa memoria se sobrescribe.",
            "b": "Cada forward sobrescribe self.entrada; al volver hacia atrás la primera posición usa "
                 "la máscara z > 0 de la segunda. Por eso red_densa crea un objeto por posición.",
            "c": "Nadie lo comprueba: el forward funciona y el error aparece, en silencio, en los "
                 "gradientes.",
        },
    ),
    Pregunta(
        "¿Qué activación de salida corresponde a una clasificación binaria con UNA neurona de salida?",
        opciones={
            "a": "Softmax, porque da probabilidades",
            "b": "ReLU, porque es la activación por defecto",
            "c": "Sigmoide",
        },
        correcta="c",
        explicaciones={
            "a": "La softmax de un solo número es e^z / e^z = 1 siempre. Se usa con C neuronas, una "
                 "por clase.",
            "b": "ReLU es la habitual en las capas ocultas; en la salida daría valores en [0, ∞), no una "
                 "probabilidad.",
            "c": "σ(z) ∈ (0, 1) se lee como la probabilidad de la clase 1; la de la clase 0 es 1 − σ(z).",
        },
    ),
    Pregunta(
        "¿Por qué se usa log_softmax en lugar de np.log(softmax(z))?",
        opciones={
            "a": "Porque con z = (1000, 0) la probabilidad e^(−1000) se redondea a 0 y su log da −inf; "
                 "log_softmax da −1000",
            "b": "Porque es más rápida, aunque da los mismos números",
            "c": "Porque softmax no está definida para logits negativos",
        },
        correcta="a",
        explicaciones={
            "a": "log_softmax calcula (z − m) − log Σ e^(z − m) sin pasar por la probabilidad, así que "
                 "el −1000 no se pierde. Lo aprovecha la entropía cruzada (Lab04).",
            "b": "No da los mismos números: con logits grandes la versión ingenua devuelve −inf y un "
                 "aviso de NumPy; la diferencia es de precisión, no de velocidad.",
            "c": "La softmax admite cualquier número real (incluso −inf en las máscaras); los logits "
                 "negativos son lo más normal.",
        },
    ),
    Pregunta(
        "¿En qué se diferencia GELU de ReLU?",
        opciones={
            "a": "GELU sólo cambia la pendiente para z > 0",
            "b": "GELU es derivable en todas partes y toma valores ligeramente negativos para z < 0 "
                 "(mínimo ≈ −0.17 cerca de z = −0.75)",
            "c": "GELU está acotada entre 0 y 1, como la sigmoide",
        },
        correcta="b",
        explicaciones={
            "a": "Para z grande GELU(z) ≈ z, como ReLU; la diferencia está cerca de 0 y en z < 0.",
            "b": "GELU(z) = z·Φ(z) es una ReLU suavizada: sin esquina en 0 y con una pequeña zona "
                 "negativa, p. ej. GELU(−1) ≈ −0.1587. Es la de BERT y GPT.",
            "c": "GELU(z) ≈ z para z grande, así que no está acotada por arriba (GELU(3) ≈ 2.996).",
        },
    ),
])
