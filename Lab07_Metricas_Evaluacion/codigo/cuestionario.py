"""Cuestionario final del Lab07: métricas, umbrales, validación cruzada, incertidumbre y calibración."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab07", [
    Pregunta(
        "Un filtro marca 50 correos como basura y 40 de ellos lo son. En total había 80 correos basura. "
        "¿Cuánto valen su precisión y su sensibilidad?",
        opciones={"a": "precisión 0.5 y sensibilidad 0.8",
                  "b": "precisión 0.8 y sensibilidad 0.5",
                  "c": "precisión 0.8 y sensibilidad 0.8"},
        correcta="b",
        explicaciones={
            "a": "Están intercambiadas: 0.5 = 40/80 divide por los positivos REALES, que es la sensibilidad.",
            "b": "Precisión = 40/50 (de lo marcado, cuánto era basura); sensibilidad = 40/80 (de la basura, "
                 "cuánta se encontró).",
            "c": "La sensibilidad divide por los 80 correos basura reales, no por los 50 marcados: 40/80 = "
                 "0.5.",
        },
    ),
    Pregunta(
        "Tres clases con 900, 90 y 10 ejemplos. El modelo acierta casi todo en las dos grandes y nunca la "
        "pequeña. ¿Qué promedio de F1 lo delata?",
        opciones={"a": "el micro, porque suma todos los aciertos",
                  "b": "el ponderado, porque pesa cada clase por su soporte",
                  "c": "el macro, porque todas las clases pesan lo mismo"},
        correcta="c",
        explicaciones={
            "a": "El micro coincide con la exactitud (con una etiqueta por ejemplo): apenas nota 10 fallos "
                 "de 1000.",
            "b": "El ponderado da a la clase pequeña un peso de 10/1000: su F1 = 0 casi no se ve.",
            "c": "En el macro la clase pequeña cuenta un tercio: su F1 = 0 baja la media en más de 0.3.",
        },
    ),
    Pregunta(
        "Divides entre 2 todas las probabilidades que da un modelo binario. ¿Qué ocurre?",
        opciones={"a": "el AUC no cambia, pero la puntuación de Brier y la calibración sí",
                  "b": "el AUC baja a la mitad y el Brier no cambia",
                  "c": "no cambia nada: las dos métricas sólo miran el orden"},
        correcta="a",
        explicaciones={
            "a": "El AUC sólo depende del orden de las puntuaciones (dividir entre 2 lo conserva); el Brier "
                 "compara cada probabilidad con 0 o 1, así que cambia, y el modelo queda descalibrado.",
            "b": "El AUC es una fracción de parejas bien ordenadas: una transformación creciente no la "
                 "mueve.",
            "c": "El Brier no mira el orden: mide (p − y)², que cambia si cambian los valores de p.",
        },
    ),
    Pregunta(
        "Eliges el umbral que maximiza F1 mirando el conjunto de PRUEBA y publicas ese F1. ¿Qué problema "
        "hay?",
        opciones={"a": "ninguno, si el conjunto de prueba es grande",
                  "b": "F1 no se puede maximizar: depende del umbral",
                  "c": "la cifra sale optimista: el umbral se ha ajustado a esos mismos ejemplos"},
        correcta="c",
        explicaciones={
            "a": "Con más datos el sesgo es menor, pero sigue siendo hacer trampa: la prueba ya no es "
                 "independiente.",
            "b": "Precisamente porque depende del umbral se puede buscar el mejor; el problema es DÓNDE se "
                 "busca.",
            "c": "El umbral es un hiperparámetro: se elige con validación y la prueba se mira una sola vez.",
        },
    ),
    Pregunta(
        "Hay 60 ejemplos, 15 de ellos positivos, y haces 5 pliegues estratificados. ¿Cuántos positivos tiene "
        "cada pliegue de validación?",
        opciones={"a": "3",
                  "b": "entre 0 y 15, según el azar",
                  "c": "12"},
        correcta="a",
        explicaciones={
            "a": "Estratificar reparte cada clase por igual: 15/5 = 3 positivos (y 9 negativos) por pliegue.",
            "b": "Eso pasaría sin estratificar (y, sin barajar, con los positivos al final: [0, 0, 0, 3, "
                 "12]).",
            "c": "12 es el tamaño de cada pliegue (60/5), no sus positivos.",
        },
    ),
    Pregunta(
        "Dos modelos evaluados en los MISMOS 5 pliegues: A da 0.91 ± 0.05 y B 0.90 ± 0.05, pero A gana a B "
        "en los cinco pliegues por entre 0.008 y 0.012. ¿Qué conclusión es la más razonable?",
        opciones={"a": "no se puede decir nada: las bandas ± desviación se solapan",
                  "b": "A es mejor: la diferencia pareada es positiva en todos los pliegues y varía poco",
                  "c": "B es mejor porque tiene la misma desviación con menos media"},
        correcta="b",
        explicaciones={
            "a": "Las bandas miden sobre todo lo distintos que son los pliegues entre sí, y eso afecta igual "
                 "a los dos modelos. Al restar pliegue a pliegue se cancela.",
            "b": "Las diferencias A − B (media ≈ 0.01, desviación ≈ 0.002) dan un intervalo t pareado que no "
                 "contiene el 0.",
            "c": "Una media menor con la misma desviación nunca hace mejor a un modelo.",
        },
    ),
    Pregunta(
        "¿Qué hace cada remuestreo de un intervalo bootstrap sobre un conjunto de prueba de N ejemplos?",
        opciones={"a": "elige N ejemplos al azar CON reemplazo (algunos repetidos, otros fuera) y recalcula "
                       "la métrica",
                  "b": "elige la mitad de los ejemplos sin reemplazo y recalcula la métrica",
                  "c": "vuelve a entrenar el modelo con otra semilla"},
        correcta="a",
        explicaciones={
            "a": "Así imita sacar otro conjunto de prueba de la misma población; la dispersión de los "
                 "valores "
                 "da el intervalo (percentiles 2.5 y 97.5 para el 95 %).",
            "b": "Sin reemplazo y con la mitad se obtiene otra cosa (submuestreo), con una dispersión mayor "
                 "que la del conjunto completo.",
            "c": "Eso mide la variación del entrenamiento, no la incertidumbre por tener pocos ejemplos de "
                 "prueba.",
        },
    ),
    Pregunta(
        "Entrenas con peso 16 para los positivos (pos_weight) en un problema con un 6 % de positivos. "
        "Comparado con el modelo normal, ¿qué esperas de sus probabilidades?",
        opciones={"a": "iguales: los pesos sólo cambian la velocidad del entrenamiento",
                  "b": "más bajas para los positivos, porque el modelo se vuelve prudente",
                  "c": "infladas: ordena parecido (AUC similar) pero se pasa de confiado y su Brier empeora"},
        correcta="c",
        explicaciones={
            "a": "Los pesos cambian el mínimo de la pérdida: el modelo aprende a responder «positivo» más a "
                 "menudo.",
            "b": "Es al revés: cada positivo cuenta 16 veces, así que al modelo le sale a cuenta subir las "
                 "probabilidades.",
            "c": "El peso equivale a ver cada positivo 16 veces: la probabilidad que aprende corresponde a "
                 "un mundo con muchos más positivos. El diagrama de fiabilidad queda por debajo de la "
                 "diagonal.",
        },
    ),
    Pregunta(
        "Sobremuestreas la clase rara y DESPUÉS divides en entrenamiento y validación. ¿Qué pasa?",
        opciones={"a": "copias del mismo ejemplo caen a ambos lados y la validación sale falsamente "
                  "optimista",
                  "b": "nada: el orden de las operaciones no importa",
                  "c": "la validación sale pesimista porque tiene menos positivos"},
        correcta="a",
        explicaciones={
            "a": "Es una fuga de datos: el modelo se evalúa en ejemplos que ya ha visto. Se divide primero y "
                 "se remuestrea sólo el entrenamiento.",
            "b": "Sí importa: el remuestreo crea duplicados, y un duplicado en validación ya no es un dato "
                 "nuevo.",
            "c": "Tiene más positivos, no menos (los duplicados), y además ya vistos: sale optimista.",
        },
    ),
])
