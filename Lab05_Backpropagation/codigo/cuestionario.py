"""Cuestionario final del Lab05 (retropropagación). Se usa al final de ``practica.ipynb``."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab05", [
    Pregunta(
        "Una CapaDensa(10, 3) recibe un lote de 32 ejemplos. ¿Qué forma tiene ∂L/∂W?",
        opciones={"a": "(32, 3)", "b": "(10, 3)", "c": "(3, 10)"},
        correcta="b",
        explicaciones={
            "a": "(32, 3) es la forma de la salida y de G; ∂L/∂W = Xᵀ G suma sobre los 32 ejemplos y no "
                 "depende del tamaño del lote.",
            "b": "Cada gradiente tiene la forma de su variable: W es (n_entradas, n_salidas) = (10, 3), y "
                 "Xᵀ (10, 32) @ G (32, 3) da exactamente eso.",
            "c": "(3, 10) es Wᵀ: saldría de Gᵀ X, la traspuesta del gradiente correcto.",
        },
    ),
    Pregunta(
        "En y = x·x + x, ¿por qué el motor hace hijo.grad += … en lugar de hijo.grad = …?",
        opciones={
            "a": "Para que los gradientes crezcan y el aprendizaje vaya más deprisa.",
            "b": "Es indiferente: con = el resultado sería el mismo.",
            "c": "Porque x llega a y por tres caminos y la regla de la cadena suma sus contribuciones.",
        },
        correcta="c",
        explicaciones={
            "a": "No se trata de velocidad: += es lo que pide la regla de la cadena con varias variables; "
                 "la longitud del paso la decide la tasa de aprendizaje.",
            "b": "Con = cada camino borraría al anterior: ∂y/∂x saldría 1 (o 3) en lugar de 2x + 1 = 7.",
            "c": "∂y/∂x = x + x + 1: cada camino aporta su parte y se suman. Por eso también hay que poner "
                 "los gradientes a cero (zero_grad) antes de un paso nuevo.",
        },
    ),
    Pregunta(
        "En PyTorch, ¿qué pasa si llamas dos veces a L.backward() sobre el mismo grafo de L = (x * x).sum()?",
        opciones={
            "a": "El segundo da RuntimeError, porque el grafo se liberó; con retain_graph=True el primero "
                 "lo conserva y los gradientes se suman.",
            "b": "Los gradientes de x se suman sin más, igual que con nuestro Valor.",
            "c": "El segundo backward pone x.grad a cero.",
        },
        correcta="a",
        explicaciones={
            "a": "PyTorch libera los valores guardados tras el primer backward. Lo habitual es rehacer "
                 "forward y backward en cada paso; entre pasadas separadas, .grad acumula.",
            "b": "Eso lo hace nuestro Valor, que conserva el grafo; PyTorch sólo lo hace si el primer "
                 "backward se llamó con retain_graph=True.",
            "c": "Ningún backward pone a cero: los gradientes de las hojas se acumulan hasta que llamas a "
                 "zero_grad() (o a x.grad.zero_()).",
        },
    ),
    Pregunta(
        "Una comprobación de gradientes en float64 con ε = 1e-6 da un error relativo de 3e-4. "
        "¿Qué concluyes?",
        opciones={
            "a": "Que el backward es correcto: 3e-4 es un número muy pequeño.",
            "b": "Que el backward tiene un error: el umbral del curso es 1e-6.",
            "c": "Que hay que bajar ε a 1e-12 para que la comprobación sea más precisa.",
        },
        correcta="b",
        explicaciones={
            "a": "Un backward correcto da de 1e-11 a 1e-8; 3e-4 es decenas de miles de veces más: algún "
                 "elemento está mal (un factor, un signo, un elemento suelto).",
            "b": "Por debajo de 1e-6 es correcto; por encima, no. Un solo elemento mal ya da ~1e-3.",
            "c": "Con ε tan pequeño domina el error de redondeo (∼1e-16/ε): la estimación numérica "
                 "empeora, no mejora.",
        },
    ),
    Pregunta(
        "¿Por qué la comprobación usa la diferencia central (f(x+ε) − f(x−ε))/2ε y no la hacia delante?",
        opciones={
            "a": "Porque cuesta la mitad de evaluaciones de f.",
            "b": "Porque no tiene error de redondeo.",
            "c": "Porque su error de truncamiento es ∝ ε² en lugar de ∝ ε.",
        },
        correcta="c",
        explicaciones={
            "a": "Al contrario: la central evalúa f dos veces por elemento, la hacia delante puede "
                 "reutilizar f(x) y sólo necesita una.",
            "b": "Las dos restan números casi iguales y pierden cifras; el redondeo crece como 1e-16/ε en "
                 "ambas.",
            "c": "Por Taylor, los términos pares se cancelan al restar f(x+ε) − f(x−ε): el error queda en "
                 "ε²·f'''/6.",
        },
    ),
    Pregunta(
        "Una capa oculta empieza con todos sus pesos a cero (sesgos a cero). ¿Qué ocurre al entrenar?",
        opciones={
            "a": "Nada grave: el primer paso de descenso de gradiente los vuelve aleatorios.",
            "b": "La red aprende igual, sólo que más despacio.",
            "c": "Todas sus neuronas reciben el mismo gradiente, se actualizan igual y siguen siendo "
                 "idénticas.",
        },
        correcta="c",
        explicaciones={
            "a": "El descenso de gradiente es determinista: si todas las columnas de W tienen el mismo "
                 "gradiente, el paso las mueve igual y nunca aparecen diferencias.",
            "b": "No es cuestión de velocidad: una capa de 32 neuronas idénticas equivale a una sola "
                 "neurona, para siempre.",
            "c": "Es el problema de la simetría (Lab02): hay que romperla con pesos aleatorios.",
        },
    ),
    Pregunta(
        "Una capa 100 → 400 tiene Var(w) = 1/100. Hacia atrás, ∂L/∂x = G Wᵀ suma sobre las 400 salidas. "
        "¿Por cuánto se multiplica la varianza del gradiente al cruzarla?",
        opciones={"a": "Por 1", "b": "Por 4", "c": "Por 0.25"},
        correcta="b",
        explicaciones={
            "a": "Var(w) = 1/n_ent conserva la varianza hacia delante; hacia atrás el factor es "
                 "n_sal · Var(w), que aquí no vale 1.",
            "b": "n_sal · Var(w) = 400/100 = 4. Por eso Glorot propone el compromiso "
                 "Var(w) = 2/(n_ent + n_sal).",
            "c": "0.25 sería n_ent/n_sal; la suma hacia atrás recorre las n_sal = 400 salidas.",
        },
    ),
    Pregunta(
        "En el backward de una capa densa, ¿por qué ∂L/∂b es la SUMA de G sobre el lote y no su media?",
        opciones={
            "a": "Porque b se sumó en cada fila: cada ejemplo aporta su gradiente, y la media (si la hay) "
                 "ya la hizo la pérdida.",
            "b": "Por convención: también valdría la media.",
            "c": "Porque así el gradiente del sesgo es más pequeño y el entrenamiento más estable.",
        },
        correcta="a",
        explicaciones={
            "a": "∂L/∂b_j = Σₙ G_nj: el mismo b_j se usó en las N filas. Si la pérdida promedia, el 1/N ya "
                 "está dentro de G.",
            "b": "La media daría un gradiente N veces más pequeño que el verdadero: la comprobación numérica "
                 "lo rechaza.",
            "c": "Sumar da un gradiente más grande que promediar, no más pequeño; y el valor no se elige: "
                 "lo fija la regla de la cadena.",
        },
    ),
    Pregunta(
        "Escribes ∂L/∂X = G @ W (sin la traspuesta) en una capa con W cuadrada. ¿Qué pasa?",
        opciones={
            "a": "NumPy lanza un error de formas.",
            "b": "Nada avisa: las formas cuadran y sólo la comprobación numérica lo descubre.",
            "c": "La pérdida da NaN en el primer paso.",
        },
        correcta="b",
        explicaciones={
            "a": "Con W cuadrada, G @ W y G @ Wᵀ tienen la misma forma: no hay ningún error de formas.",
            "b": "Por eso existe comprobar_gradiente_capa: un backward equivocado no da ningún mensaje, "
                 "la red sólo aprende peor.",
            "c": "Los números son finitos, sólo que incorrectos; la red no se rompe de forma visible.",
        },
    ),
])
