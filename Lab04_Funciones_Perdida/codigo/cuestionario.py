"""Cuestionario final del Lab04: funciones de pérdida (se usa al final de ``practica.ipynb``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab04", [
    Pregunta(
        "Ajustas una recta a unos datos con 15 valores atípicos enormes. ¿Qué pérdida deja que esos "
        "15 puntos arrastren la recta con más fuerza?",
        opciones={"a": "El MAE, porque suma errores en valor absoluto",
                  "b": "El MSE, porque su derivada crece con el residuo",
                  "c": "Huber con δ = 1, porque es cuadrática"},
        correcta="b",
        explicaciones={
            "a": "La derivada del MAE sólo mira el signo del residuo: un atípico empuja igual que un error "
                 "pequeño.",
            "b": "La derivada del MSE es 2r/n: un residuo enorme da un empujón enorme, y unos pocos atípicos "
                 "dominan el gradiente (el MSE persigue la media).",
            "c": "Huber sólo es cuadrática cerca de 0; lejos es lineal y su derivada está acotada por δ.",
        },
    ),
    Pregunta(
        "Un clasificador de 4 clases recién creado, con pesos pequeños, da una entropía cruzada inicial "
        "de 9.7. ¿Qué te dice ese número?",
        opciones={"a": "Nada: la pérdida inicial puede valer cualquier cosa",
                  "b": "Que el modelo ya es bueno, porque la pérdida es alta",
                  "c": "Que algo falla: con logits casi iguales debería rondar ln 4 ≈ 1.39"},
        correcta="c",
        explicaciones={
            "a": "Con logits casi nulos la softmax reparte 1/C a cada clase, así que la pérdida esperada es "
                 "−ln(1/C) = ln C: es un control muy útil.",
            "b": "Una pérdida alta significa que el modelo da poca probabilidad a la clase correcta: es "
                 "peor, no mejor.",
            "c": "−ln(1/4) = ln 4 ≈ 1.39. Un 9.7 indica logits enormes y seguros desde el principio (pesos "
                 "iniciales grandes) o un fallo, como sumar las pérdidas del lote en vez de promediarlas.",
        },
    ),
    Pregunta(
        "Para un ejemplo con softmax(z) = (0.7, 0.2, 0.1) y clase correcta 1 (N = 1), ¿cuál es el "
        "gradiente de la entropía cruzada respecto a los logits z?",
        opciones={"a": "(0.7, −0.8, 0.1)",
                  "b": "(−0.7, 0.8, −0.1)",
                  "c": "(0, −1/0.2, 0)"},
        correcta="a",
        explicaciones={
            "a": "softmax(z) − y = (0.7, 0.2, 0.1) − (0, 1, 0): «lo que predije menos lo que era». Hay que "
                 "subir el logit correcto y bajar los otros.",
            "b": "Eso es y − softmax(z), con el signo cambiado: el descenso resta el gradiente, así que con "
                 "él subirían los logits incorrectos.",
            "c": "−y/p es la derivada respecto a las probabilidades, no a los logits; la regla de la cadena "
                 "con el jacobiano de la softmax la convierte en s − y.",
        },
    ),
    Pregunta(
        "¿Por qué conviene dar logits a la pérdida (desde_logits=True) en lugar de probabilidades?",
        opciones={"a": "Porque con logits la pérdida siempre es menor",
                  "b": "Porque así no hace falta la softmax en ningún sitio",
                  "c": "Porque con log-sum-exp el logaritmo es exacto y finito, y no hace falta recortar"},
        correcta="c",
        explicaciones={
            "a": "El valor es el mismo donde ambas son exactas; la diferencia está en los extremos "
                 "numéricos.",
            "b": "La softmax sigue dentro de la pérdida (log_softmax); sólo se calcula de forma estable.",
            "c": "log softmax(z) = z − log Σ e^z nunca hace log(0) ni exp(1000). Con probabilidades hay que "
                 "recortar, y donde se recorta el gradiente es 0: el modelo deja de aprender de ese ejemplo.",
        },
    ),
    Pregunta(
        "Con objetivo p y modelo q, ¿qué relación es cierta?",
        opciones={"a": "KL(p‖q) = KL(q‖p), porque es una distancia",
                  "b": "H(p, q) = H(p) + KL(p‖q): minimizar la entropía cruzada es minimizar la KL",
                  "c": "H(p, q) ≤ H(p): usar el modelo nunca cuesta más"},
        correcta="b",
        explicaciones={
            "a": "La KL no es simétrica: con p = (0.8, 0.2) y q = (0.5, 0.5) vale 0.1927 en un sentido y "
                 "0.2231 en el otro.",
            "b": "H(p) no depende del modelo, así que minimizar H(p, q) respecto a q es minimizar KL(p‖q).",
            "c": "Es al revés: H(p, q) ≥ H(p), porque KL(p‖q) ≥ 0 (desigualdad de Gibbs).",
        },
    ),
    Pregunta(
        "¿Por qué no se entrena optimizando directamente la exactitud?",
        opciones={"a": "Porque es escalonada: su gradiente es 0 casi en todas partes",
                  "b": "Porque la exactitud no se puede calcular en un lote",
                  "c": "Porque la exactitud siempre coincide con la pérdida"},
        correcta="a",
        explicaciones={
            "a": "Un cambio pequeño de un peso casi nunca cambia una clase predicha, así que la exactitud no "
                 "se mueve y el descenso de gradiente no sabe hacia dónde ir.",
            "b": "La exactitud de un lote es sólo la fracción de aciertos: se calcula sin problema (y se "
                 "informa).",
            "c": "Dos modelos con la misma exactitud pueden tener pérdidas muy distintas: la entropía "
                 "cruzada también mide la confianza.",
        },
    ),
    Pregunta(
        "La predicción tiene forma (N, 1) y el objetivo (N,). ¿Qué pasaría en NumPy si la pérdida no lo "
        "comprobara?",
        opciones={"a": "Daría el mismo resultado, porque los valores son los mismos",
                  "b": "Lanzaría siempre un error de NumPy",
                  "c": "Se difundiría a una matriz (N, N) y la pérdida no tendría sentido"},
        correcta="c",
        explicaciones={
            "a": "La resta de (N, 1) y (N,) no se hace elemento a elemento: NumPy difunde los dos ejes.",
            "b": "NumPy no protesta: la difusión (broadcasting) es legal y el error pasa desapercibido.",
            "c": "(N, 1) − (N,) da (N, N): cada predicción contra cada objetivo. Por eso el curso lanza un "
                 "error claro y sugiere objetivo.reshape(prediccion.shape).",
        },
    ),
    Pregunta(
        "Un lote de 2 frases de longitud 5 da logits (2, 5, C); 3 de las 10 posiciones son relleno con "
        "la etiqueta −100 y usas EntropiaCruzada(ignorar_indice=−100). ¿Entre cuánto se divide la suma "
        "de las pérdidas?",
        opciones={"a": "Entre 7, las posiciones que cuentan",
                  "b": "Entre 10, todas las posiciones",
                  "c": "Entre 2, el número de frases"},
        correcta="a",
        explicaciones={
            "a": "Las posiciones de relleno ni suman ni entran en la media (y su gradiente es 0), como el "
                 "ignore_index de PyTorch.",
            "b": "Dividir entre 10 contaría el relleno como aciertos perfectos y diluiría la pérdida de las "
                 "frases cortas.",
            "c": "La media es por posición (por token), no por frase: cada token es una predicción.",
        },
    ),
])
