"""Cuestionario final del Lab08 (frameworks: PyTorch y TensorFlow/Keras)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario(
    "Cuestionario del Lab08",
    [
        Pregunta(
            "x = torch.tensor(3.0, requires_grad=True); se calcula y = x**2 y se llama a y.backward() "
            "dos veces (con retain_graph=True la primera) sin poner el gradiente a cero. ¿Cuánto vale "
            "x.grad?",
            opciones={"a": "6.0", "b": "12.0", "c": "9.0"},
            correcta="b",
            explicaciones={
                "a": "6 = 2x es lo que da una sola llamada; la segunda no sustituye el gradiente, lo suma.",
                "b": "backward suma en .grad: 6 + 6 = 12. Por eso cada paso empieza con "
                     "optimizador.zero_grad().",
                "c": "9 es el valor de y = x², no su derivada; .grad guarda derivadas (2x = 6 por llamada).",
            },
        ),
        Pregunta(
            "Una red de clasificación en PyTorch termina en nn.Linear(64, 10) y se entrena con "
            "nn.CrossEntropyLoss(). ¿Qué debe devolver forward?",
            opciones={
                "a": "Las probabilidades: softmax de la última capa.",
                "b": "El logaritmo de las probabilidades (log_softmax).",
                "c": "Los logits, la salida de la última nn.Linear sin más.",
            },
            correcta="c",
            explicaciones={
                "a": "CrossEntropyLoss ya aplica softmax: con otra softmax delante la pérdida no puede "
                     "bajar de "
                     "un mínimo positivo y los gradientes se encogen.",
                "b": "log_softmax es la entrada de nn.NLLLoss; CrossEntropyLoss la calcula por dentro a "
                     "partir "
                     "de los logits.",
                "c": "CrossEntropyLoss = log_softmax + NLLLoss, en una operación numéricamente estable "
                     "a partir "
                     "de los logits.",
            },
        ),
        Pregunta("¿Qué hace modelo.eval() en PyTorch?",
            opciones={
                "a": "Desactiva el cálculo de gradientes para todo lo que venga después.",
                "b": "Pone las capas en modo evaluación: Dropout deja de apagar neuronas y BatchNorm usa sus "
                     "medias guardadas.",
                "c": "Calcula la exactitud del modelo en el conjunto de validación.",
            },
            correcta="b",
            explicaciones={
                "a": "Eso lo hace torch.no_grad(); eval() no toca autograd, por eso al evaluar se usan "
                     "los dos.",
                "b": "eval() sólo cambia el modo (modelo.training = False) de las capas que se "
                     "comportan distinto "
                     "al entrenar y al predecir.",
                "c": "eval() no calcula nada ni ve datos; la exactitud la calculas tú (o evaluar_torch).",
            },
        ),
        Pregunta(
            "Los pesos del modelo están en la GPU (cuda) y el lote que sale del DataLoader, en la CPU. "
            "¿Qué ocurre al llamar a modelo(X_lote)?",
            opciones={
                "a": "PyTorch lanza un RuntimeError: los tensores deben estar en el mismo dispositivo.",
                "b": "PyTorch copia el lote a la GPU automáticamente y sigue.",
                "c": "El cálculo se hace en la CPU, más despacio pero sin error.",
            },
            correcta="a",
            explicaciones={
                "a": "Modelo y datos deben estar en el mismo dispositivo; por eso cada lote pasa por "
                     "mover(lote, dispositivo) o .to(dispositivo).",
                "b": "PyTorch nunca mueve datos entre dispositivos sin que se lo pidas: las copias cuestan y "
                     "las decides tú.",
                "c": "No hay vuelta atrás silenciosa a la CPU: la operación falla con «Expected all "
                     "tensors to "
                     "be on the same device».",
            },
        ),
        Pregunta(
            "En Keras, la última capa es Dense(1) sin activación y se compila con "
            "keras.losses.BinaryCrossentropy() (sin argumentos). ¿Qué pasa?",
            opciones={
                "a": "Nada: Keras detecta que la salida son logits.",
                "b": "La pérdida es errónea: trata los logits como probabilidades; hace falta "
                     "from_logits=True.",
                "c": "Keras lanza un error porque falta la sigmoide.",
            },
            correcta="b",
            explicaciones={
                "a": "Keras no puede saber qué significa la salida; por defecto from_logits=False supone "
                     "probabilidades entre 0 y 1.",
                "b": "Con from_logits=True Keras aplica la sigmoide dentro de la pérdida de forma "
                     "estable; sin "
                     "él, recorta los logits a [0, 1] y la pérdida no significa nada.",
                "c": "No hay error: los números se calculan igual, sólo que con una pérdida equivocada (lo "
                     "peor, porque no avisa).",
            },
        ),
        Pregunta(
            "En el cáncer de mama de scikit-learn la etiqueta 0 es «maligno». Si se toma el maligno como "
            "clase positiva, ¿qué mide la sensibilidad?",
            opciones={
                "a": "La fracción de los tumores malignos que el modelo detecta.",
                "b": "La fracción de los tumores que el modelo llama malignos y de verdad lo son.",
                "c": "La fracción de los tumores benignos que el modelo reconoce como benignos.",
            },
            correcta="a",
            explicaciones={
                "a": "Sensibilidad = VP / (VP + FN): de los malignos reales, cuántos se detectan. Un maligno "
                     "que se escapa (FN) es el error más grave.",
                "b": "Eso es la precisión, VP / (VP + FP): de los que el modelo llama malignos, cuántos "
                     "lo son.",
                "c": "Eso es la especificidad con el maligno como positivo (o la sensibilidad si el positivo "
                     "fuera el benigno, la elección que no conviene aquí).",
            },
        ),
        Pregunta(
            "Keras y PyTorch entrenan con Adam, tasa 0.001 y epsilon=1e-8 en los dos. ¿Dan exactamente los "
            "mismos pasos?",
            opciones={
                "a": "Sí: con el mismo epsilon la fórmula es idéntica.",
                "b": "No: Keras usa siempre epsilon=1e-7 y no deja cambiarlo.",
                "c": "Casi: Keras suma ε a √v antes de corregir el sesgo, así que su ε equivale a uno "
                     "mayor en "
                     "los primeros pasos; sólo se nota con gradientes diminutos.",
            },
            correcta="c",
            explicaciones={
                "a": "La fórmula no es idéntica: Keras aplica la corrección de sesgo a la tasa y suma ε "
                     "a √v sin "
                     "corregir (la forma «ε̂» de Kingma y Ba).",
                "b": "1e-7 es su valor por defecto, pero epsilon es un argumento de keras.optimizers.Adam; "
                     "compilar_keras lo pone a 1e-8.",
                "c": "En la notación de PyTorch, el ε de Keras vale 1e-8/√(1−β₂ᵗ): unas 32 veces mayor en el "
                     "primer paso y cada vez más cerca de 1e-8.",
            },
        ),
        Pregunta(
            "Con DDP se entrena en 2 procesos, cada uno con lotes de 32 ejemplos. ¿A qué entrenamiento en un "
            "solo proceso equivale?",
            opciones={
                "a": "A lotes de 32 con el doble de épocas.",
                "b": "A lotes de 16, porque cada proceso ve la mitad de los datos.",
                "c": "A lotes de 64: el gradiente promediado entre procesos es el de los 64 ejemplos juntos.",
            },
            correcta="c",
            explicaciones={
                "a": "El número de épocas no cambia: en cada paso se usan 2·32 ejemplos, así que hay la "
                     "mitad de "
                     "pasos por época.",
                "b": "Cada proceso ve la mitad de los datos, pero los gradientes se promedian: el paso "
                     "usa los "
                     "ejemplos de los dos.",
                "c": "El all-reduce promedia los dos gradientes de 32 ejemplos: es el gradiente medio "
                     "de 64, y "
                     "por eso ddp_digitos coincide con un solo proceso con lotes del doble.",
            },
        ),
        Pregunta(
            "¿Por qué primer_paso usa una tasa de aprendizaje de 0.125 y no de 0.1 para comparar las tres "
            "bibliotecas?",
            opciones={
                "a": "Porque 0.1 hace que SGD diverja con los dígitos.",
                "b": "Porque 0.125 = 2⁻³ se guarda exacta en float32 y 0.1 no; Keras guarda la tasa en "
                     "float32.",
                "c": "Porque PyTorch no admite tasas con más de tres decimales.",
            },
            correcta="b",
            explicaciones={
                "a": "Un solo paso con tasa 0.1 no diverge; el problema es de redondeo, no de estabilidad.",
                "b": "0.1 no tiene representación binaria exacta: en float32 es 0.100000001490116…, y "
                     "los pesos "
                     "de Keras diferirían de los de PyTorch en la octava cifra.",
                "c": "PyTorch acepta cualquier número real como tasa; la elección viene del formato float32.",
            },
        ),
    ],
)
