"""Cuestionario final del Lab06 (se corrige con ``CUESTIONARIO.corregir(mis_respuestas)``)."""

from __future__ import annotations

from Lab01_Introduccion_Neuronas.codigo.cuestionario import Cuestionario, Pregunta

CUESTIONARIO = Cuestionario("Cuestionario del Lab06", [
    Pregunta(
        "Una red recién creada para los dígitos (10 clases) da una pérdida inicial de entropía cruzada de "
        "35. ¿Qué conclusión es la más razonable?",
        opciones={"a": "Todo va bien: una red sin entrenar tiene que equivocarse mucho.",
                  "b": "Algo está mal: sin saber nada debería rondar ln 10 ≈ 2.3 (logits iniciales "
                       "demasiado grandes, una pérdida mal calculada…).",
                  "c": "Hay que bajar la tasa de aprendizaje antes de empezar."},
        correcta="b",
        explicaciones={
            "a": "Equivocarse «mucho» tiene un valor concreto: repartir la probabilidad por igual da "
                 "−ln(1/10) ≈ 2.3, no 35.",
            "b": "Una red que aún no sabe nada reparte la probabilidad casi por igual; 35 indica logits "
                 "enormes o un fallo en la pérdida: conviene mirarlo antes de entrenar.",
            "c": "La pérdida inicial se mide antes del primer paso: la tasa de aprendizaje todavía no ha "
                 "intervenido.",
        },
    ),
    Pregunta(
        "Con Adam (η = 0.01, ε = 1e-8), el primer gradiente de dos pesos es 0.001 y 500. ¿Cuánto se mueve "
        "cada uno en el primer paso?",
        opciones={"a": "0.00001 y 5: el paso es η·g, como en SGD.",
                  "b": "Nada: la corrección de sesgo anula el primer paso.",
                  "c": "Casi exactamente 0.01 los dos: el paso es η·|g|/(|g| + ε) ≈ η."},
        correcta="c",
        explicaciones={
            "a": "Eso sería SGD. Adam divide m̂ entre √v̂, y en el primer paso m̂ = g y √v̂ = |g|.",
            "b": "Al contrario: la corrección de sesgo deshace el factor (1 − β) de m y v, y el primer "
                 "paso sale de tamaño η.",
            "c": "Tras la corrección, m̂₁ = g y v̂₁ = g²: el paso es η·g/(|g| + ε), que es η salvo una "
                 "fracción ε/(|g| + ε), diminuta.",
        },
    ),
    Pregunta(
        "Pruebas cinco tasas de aprendizaje y quieres quedarte con la mejor. ¿Con qué datos decides?",
        opciones={"a": "Con la validación; la prueba se mira una vez, al final, con el modelo ya elegido.",
                  "b": "Con la prueba, porque es la que mide lo que importa: datos nuevos.",
                  "c": "Con el entrenamiento, porque tiene más ejemplos."},
        correcta="a",
        explicaciones={
            "a": "La validación está para decidir; si decides con la prueba, su exactitud deja de ser una "
                 "estimación honesta.",
            "b": "Elegir mirando la prueba la convierte en otra validación: acabas escogiendo lo que "
                 "mejor le va a esos ejemplos y la estimación final sale optimista.",
            "c": "La pérdida de entrenamiento premia memorizar: la tasa que más la baja puede ser la que "
                 "peor generaliza.",
        },
    ),
    Pregunta(
        "¿De dónde salen la media y la desviación con las que se estandariza el conjunto de prueba?",
        opciones={"a": "De la propia prueba, para que quede con media 0.",
                  "b": "De todos los datos juntos, que es una estimación más precisa.",
                  "c": "Del entrenamiento, igual que para la validación.",
                  "d": "Da igual, el resultado es el mismo."},
        correcta="c",
        explicaciones={
            "a": "Usar las estadísticas de la prueba es una fuga de información (y con un solo ejemplo, "
                 "ni siquiera se podría).",
            "b": "Mezclar la prueba al calcularlas también es una fuga: información de la prueba entra en "
                 "el entrenamiento.",
            "c": "El modelo se ajusta con lo que se sabe al entrenar; las mismas μ y σ se aplican a "
                 "validación y prueba (que no quedan con media 0 exacta, y es lo correcto).",
            "d": "No da igual: con otras μ y σ las entradas cambian, y la estimación del rendimiento "
                 "también.",
        },
    ),
    Pregunta(
        "Una capa Dropout(p = 0.25) en modo eval(), ¿qué hace con su entrada x?",
        opciones={"a": "Apaga un 25 % de los valores, como en el entrenamiento.",
                  "b": "Multiplica x por 0.75.",
                  "c": "Multiplica x por 1/0.75.",
                  "d": "Nada: devuelve x tal cual."},
        correcta="d",
        explicaciones={
            "a": "Apagar neuronas al predecir haría que la misma entrada diera salidas distintas en cada "
                 "llamada.",
            "b": "Eso es el dropout «clásico» sin invertir; el invertido ya escaló en el entrenamiento.",
            "c": "Ese factor 1/(1 − p) se aplica en train() a los supervivientes, no en eval().",
            "d": "Con dropout invertido la media en entrenamiento ya es x, así que en evaluación no hay "
                 "nada que corregir.",
        },
    ),
    Pregunta(
        "En la retropropagación de BatchNorm (modo entrenamiento), ¿por qué dL/dx no es simplemente "
        "γ·g/√(σ² + ε)?",
        opciones={"a": "Porque μ y σ² se calculan con todo el lote: cada xᵢ influye en ellas y hay que "
                       "sumar esos dos caminos.",
                  "b": "Porque hay que usar la varianza insesgada (÷(B − 1)).",
                  "c": "Sí lo es; los otros términos son una corrección numérica opcional."},
        correcta="a",
        explicaciones={
            "a": "Es lo que da los términos −Σĝ y −x̂·Σ(ĝ·x̂); γ·g/√(σ²+ε) sólo es correcto en eval(), "
                 "donde μ y σ² son constantes.",
            "b": "En el lote se normaliza con la varianza sesgada (÷B); la insesgada sólo alimenta la "
                 "varianza móvil.",
            "c": "Sin esos términos el gradiente es falso: comprobar_gradiente da un error relativo "
                 "grande, no un redondeo.",
        },
    ),
    Pregunta(
        "Antes de un entrenamiento largo, entrenas la red con un solo lote de 16 ejemplos y la pérdida no "
        "baja de 1.5 tras cientos de pasos. ¿Qué indica?",
        opciones={"a": "Que la red generaliza bien y no sobreajusta.",
                  "b": "Que falta regularización.",
                  "c": "Que hay un fallo (gradientes, pérdida, datos o una tasa inadecuada): una red sana "
                       "memoriza 16 ejemplos hasta una pérdida casi 0."},
        correcta="c",
        explicaciones={
            "a": "Aquí se busca justo lo contrario: con 16 ejemplos una red con miles de parámetros debe "
                 "poder memorizarlos.",
            "b": "La regularización dificulta memorizar; si sin ella no se memoriza un lote, el problema "
                 "es otro.",
            "c": "Es una comprobación de cordura: si no puede sobreajustar un lote diminuto, algo del "
                 "bucle o del modelo está roto.",
        },
    ),
    Pregunta(
        "En una búsqueda de tasa (la tasa crece en cada lote de 1e-4 a 10), la pérdida baja más deprisa "
        "hacia η ≈ 0.2, toca fondo hacia 0.9 y se dispara hacia 3. ¿Qué tasa eliges?",
        opciones={"a": "Casi 3, la más grande que aún no explota.",
                  "b": "Alrededor de 0.1–0.2: donde la pérdida baja más deprisa, claramente por debajo "
                       "del fondo y de la explosión.",
                  "c": "1e-4, la más segura."},
        correcta="b",
        explicaciones={
            "a": "En el límite de la explosión cualquier lote difícil hace diverger el entrenamiento.",
            "b": "La regla habitual: la zona de bajada más rápida, o un orden de magnitud por debajo del "
                 "mínimo de la curva.",
            "c": "Con 1e-4 la pérdida apenas se mueve: entrenaría desesperadamente despacio.",
        },
    ),
    Pregunta(
        "Con SGD y η = 3 la pérdida de los dígitos crece época tras época hasta más de 1000, pero "
        "historial.divergio vale False. ¿Por qué?",
        opciones={"a": "Porque entrenar sólo detecta una pérdida infinita o NaN; una pérdida que crece u "
                       "oscila hay que verla en las curvas.",
                  "b": "Porque la pérdida no ha crecido de verdad: es un efecto de la escala logarítmica.",
                  "c": "Porque divergio sólo se activa con la parada temprana."},
        correcta="a",
        explicaciones={
            "a": "divergio se activa cuando la pérdida (o la norma del gradiente) deja de ser finita; "
                 "crecer hasta 1000 no basta.",
            "b": "La escala logarítmica no inventa subidas: la pérdida final es de verdad mayor que 1000.",
            "c": "La parada temprana es independiente: divergio se decide en cada lote mirando si la "
                 "pérdida es finita.",
        },
    ),
])
