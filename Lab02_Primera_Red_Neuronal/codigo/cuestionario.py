"""Cuestionario final del Lab02: formas, parámetros, composición, inicialización y XOR."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab02", [
    Pregunta(
        "Un lote X de forma (N, 5) entra en CapaDensa(5, 8). ¿Qué formas tienen W, b y la salida?",
        opciones={
            "a": "W (8, 5), b (8,), salida (8, N)",
            "b": "W (5, 8), b (8,), salida (N, 8)",
            "c": "W (5, 8), b (N, 1), salida (N, 8)",
        },
        correcta="b",
        explicaciones={
            "a": "(8, 5) es como guarda PyTorch su weight; en el curso W es (n_entradas, n_salidas) y el "
                 "lote nunca deja de ser el primer eje.",
            "b": "x @ W exige que coincidan las dimensiones interiores, (N, 5) @ (5, 8) → (N, 8), y hay un "
                 "sesgo por neurona: (8,).",
            "c": "Un sesgo (N, 1) se difunde sin error pero suma un número por EJEMPLO, no por neurona; "
                 "además dependería del tamaño del lote.",
        },
    ),
    Pregunta(
        "¿Cuántos parámetros tiene la red 3 → 4 → 2 (dos capas densas)?",
        opciones={"a": "20", "b": "27", "c": "26", "d": "29"},
        correcta="c",
        explicaciones={
            "a": "20 = 3·4 + 4·2 son sólo los pesos: faltan los 4 + 2 sesgos.",
            "b": "27 = 20 + (3 + 4) cuenta un sesgo por ENTRADA de cada capa; hay uno por neurona, es decir, "
                 "por salida: 4 + 2.",
            "c": "(3·4 + 4) + (4·2 + 2) = 16 + 10 = 26: pesos entre capas vecinas más un sesgo por neurona.",
            "d": "29 cuenta 3 sesgos para la capa de entrada, que no tiene parámetros: son los datos.",
        },
    ),
    Pregunta(
        "Apilamos tres CapaDensa SIN activaciones entre ellas. ¿Qué puede hacer esa red?",
        opciones={
            "a": "Lo mismo que una sola capa densa: su frontera de decisión sigue siendo una recta (o un "
                 "hiperplano).",
            "b": "Aproximar cualquier función continua, si las capas son lo bastante anchas.",
            "c": "Resolver XOR, porque tiene una capa oculta.",
        },
        correcta="a",
        explicaciones={
            "a": "(xW1 + b1)W2 + b2 = x(W1W2) + (b1W2 + b2): la composición de funciones lineales es lineal, "
                 "y colapsa en una sola capa.",
            "b": "La aproximación universal necesita una activación NO lineal entre capas; sin ella la red "
                 "entera es una función lineal.",
            "c": "XOR no es linealmente separable; una capa oculta sólo ayuda si tras ella hay una no "
                 "linealidad (como el escalón de red_xor_manual).",
        },
    ),
    Pregunta(
        "Inicializamos a cero todos los pesos de una capa de 100 neuronas. ¿Qué pasa?",
        opciones={
            "a": "Nada grave: el entrenamiento irá moviendo cada peso hacia su valor.",
            "b": "La señal explota en las capas siguientes.",
            "c": "Las 100 neuronas calculan lo mismo, reciben el mismo gradiente y siguen siendo idénticas: "
                 "la capa vale lo que una sola neurona.",
        },
        correcta="c",
        explicaciones={
            "a": "Con pesos idénticos todas las neuronas reciben la misma actualización; nada rompe la "
                 "simetría, así que nunca se diferencian.",
            "b": "Con pesos a cero la salida de la capa es sólo el sesgo: no hay nada que explote.",
            "c": "Es el problema de la simetría: hay que romperla con pesos aleatorios (los sesgos sí pueden "
                 "empezar a cero).",
        },
    ),
    Pregunta(
        "Red de 10 capas de 256 neuronas, pesos N(0, 0.01²). ¿Por cuánto se multiplica, más o menos, la "
        "desviación típica de la señal en cada capa (con tanh, que cerca de 0 es casi la identidad)?",
        opciones={"a": "por 0.01", "b": "por 0.16", "c": "por 2.56", "d": "por 1: se conserva"},
        correcta="b",
        explicaciones={
            "a": "0.01 es la desviación de cada peso, pero cada neurona suma 256 productos: sus varianzas se "
                 "suman.",
            "b": "Var(z) = n_ent·Var(w)·Var(x) = 256·0.0001·Var(x) = 0.0256·Var(x); la desviación típica se "
                 "multiplica por √0.0256 = 0.16 y tras 10 capas queda en ~10⁻⁸.",
            "c": "2.56 sería 256·0.01: se mezclan la varianza y la desviación típica del peso.",
            "d": "Para conservarla haría falta n_ent·Var(w) = 1, es decir σ = 1/16; con σ = 0.01 es mucho "
                 "menos.",
        },
    ),
    Pregunta(
        "¿Por qué He usa Var(w) = 2/n_ent, el doble que la condición 1/n_ent de una red lineal?",
        opciones={
            "a": "Porque ReLU pone a cero la mitad negativa y con ella la mitad de E[x²]: el 2 lo compensa.",
            "b": "Porque promedia la pasada hacia delante y la hacia atrás, como Xavier.",
            "c": "Porque ReLU duplica la varianza de la señal.",
        },
        correcta="a",
        explicaciones={
            "a": "E[ReLU(z)²] = Var(z)/2 si z es simétrica: con Var(w) = 2/n_ent el factor por capa vale "
                 "n_ent·Var(w)/2 = 1 y √E[x²] se conserva.",
            "b": "Ése es el compromiso de Xavier, 2/(n_ent + n_sal); He sólo mira n_ent y el efecto de ReLU.",
            "c": "Al contrario: ReLU anula la mitad de la señal; por eso He duplica la varianza de los "
                 "pesos.",
        },
    ),
    Pregunta(
        "En la red ReLU + He del cuaderno la desviación típica de las activaciones sale ≈ 0.8, no 1. ¿Está "
        "mal la teoría?",
        opciones={
            "a": "Sí: He sólo funciona con tanh.",
            "b": "No: el ruido de un lote de 1000 ejemplos basta para explicar la diferencia.",
            "c": "No: He conserva √E[x²], que sí vale ≈ 1; tras ReLU la media es positiva y σ = √(E[x²] − "
                 "media²) es menor.",
        },
        correcta="c",
        explicaciones={
            "a": "He se dedujo precisamente para ReLU; con tanh se usa Xavier.",
            "b": "Con 256 000 valores por capa el ruido es de milésimas; la diferencia (≈ 0.2) es "
                 "sistemática.",
            "c": "La cuenta de 5.5 sigue E[x²], no Var(x): para ReLU(z) con Var(z) = 2, E[x²] = 1 pero la "
                 "media es ≈ 0.56 y σ ≈ 0.83.",
        },
    ),
    Pregunta(
        "¿Qué hace la capa oculta de la red XOR elegida a mano?",
        opciones={
            "a": "Memoriza las cuatro respuestas, una por neurona.",
            "b": "Lleva los cuatro puntos a (h1, h2) = (OR, AND), donde una sola recta separa las clases.",
            "c": "Nada esencial: la salida sola ya podría calcular XOR con otros pesos.",
        },
        correcta="b",
        explicaciones={
            "a": "Sólo tiene dos neuronas para cuatro casos: no memoriza, transforma el espacio.",
            "b": "(0,0) → (0,0), (0,1) y (1,0) → (1,0), (1,1) → (1,1): ahora la recta h1 − 2h2 = 0.5 deja "
                 "XOR = 1 a un lado.",
            "c": "La salida es una sola neurona, y ninguna neurona sola separa XOR en las coordenadas "
                 "originales (Minsky y Papert).",
        },
    ),
    Pregunta(
        "Una red SIN entrenar acierta el 52 % de las espirales de 3 clases. ¿Qué concluyes?",
        opciones={
            "a": "Que ya ha aprendido algo de las espirales.",
            "b": "Nada: es suerte. Sobre muchas semillas la media es ≈ 1/3, pero cada red asigna regiones "
                 "enteras del plano a una clase y el acierto varía mucho de una red a otra.",
            "c": "Que la inicialización de He resuelve los problemas fáciles sin entrenar.",
        },
        correcta="b",
        explicaciones={
            "a": "Sin entrenar, los pesos no han visto las etiquetas: no pueden haber aprendido nada de "
                 "ellas.",
            "b": "Los aciertos van en bloques (puntos vecinos caen en la misma región), así que el acierto "
                 "fluctúa mucho más que lanzar 300 dados independientes.",
            "c": "La inicialización sólo fija la escala de la señal; no sabe nada de los datos ni de las "
                 "etiquetas.",
        },
    ),
])
