"""Cuestionarios con corrección inmediata: el mecanismo de todos los laboratorios.

Cada laboratorio termina con un cuestionario de 6 a 10 preguntas de opción múltiple escritas en
su ``codigo/cuestionario.py`` (la constante ``CUESTIONARIO``). En el cuaderno:

>>> CUESTIONARIO.mostrar()                       # doctest: +SKIP
>>> mis_respuestas = {1: "b", 2: "a", 3: "c"}    # doctest: +SKIP
>>> CUESTIONARIO.corregir(mis_respuestas)        # doctest: +SKIP

``corregir`` explica, para cada respuesta, por qué esa opción es correcta o no;
``explicar(n)`` muestra la explicación de todas las opciones de la pregunta ``n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .ejercicios import MENSAJE_SIN_HACER

__all__ = ["Pregunta", "Cuestionario"]


@dataclass(frozen=True)
class Pregunta:
    """Una pregunta: ``opciones`` y ``explicaciones`` van por letra (``"a"``, ``"b"``…)."""

    enunciado: str
    opciones: dict[str, str]
    correcta: str
    explicaciones: dict[str, str]

    def __post_init__(self) -> None:
        if len(self.opciones) < 2:
            raise ValueError(f"una pregunta necesita al menos dos opciones: {self.enunciado!r}")
        if self.correcta not in self.opciones:
            raise ValueError(f"la opción correcta {self.correcta!r} no está entre las opciones de "
                             f"{self.enunciado!r}")
        if set(self.explicaciones) != set(self.opciones):
            raise ValueError(f"cada opción necesita su explicación (y sólo ellas): {self.enunciado!r}")


class Cuestionario:
    """Un conjunto de preguntas numeradas desde 1."""

    def __init__(self, titulo: str, preguntas: list[Pregunta]) -> None:
        if not preguntas or not all(isinstance(p, Pregunta) for p in preguntas):
            raise ValueError("un cuestionario necesita una lista de Pregunta")
        self.titulo = titulo
        self.preguntas = list(preguntas)

    def __len__(self) -> int:
        return len(self.preguntas)

    def mostrar(self) -> None:
        """Escribe todas las preguntas con sus opciones."""
        print(f"{self.titulo} ({len(self)} preguntas)\n")
        for numero, pregunta in enumerate(self.preguntas, start=1):
            print(f"{numero}. {pregunta.enunciado}")
            for letra, texto in pregunta.opciones.items():
                print(f"   {letra}) {texto}")
            print()

    def respuestas_correctas(self) -> dict[int, str]:
        return {numero: p.correcta for numero, p in enumerate(self.preguntas, start=1)}

    def corregir(self, respuestas: dict[int, str] | None) -> int:
        """Corrige ``{número: letra}``, explica cada respuesta y devuelve cuántas son correctas."""
        if respuestas is None or respuestas is Ellipsis:
            print(MENSAJE_SIN_HACER.replace("Ejercicio sin hacer", "Cuestionario sin responder"))
            return 0
        if not isinstance(respuestas, dict):
            print(f"❌ Responde con un diccionario {{número de pregunta: letra}}, por ejemplo "
                  f"{{1: 'a', 2: 'c'}}; se recibió {type(respuestas).__name__}.")
            return 0
        aciertos = 0
        for numero, pregunta in enumerate(self.preguntas, start=1):
            elegida = _normalizar(respuestas.get(numero))
            if elegida is None:
                print(f"⏳ {numero}. Sin responder.")
            elif elegida not in pregunta.opciones:
                print(f"❌ {numero}. «{respuestas[numero]}» no es una opción: elige entre "
                      f"{', '.join(pregunta.opciones)}.")
            elif elegida == pregunta.correcta:
                aciertos += 1
                print(f"✅ {numero}. ({elegida}) Correcto: {pregunta.explicaciones[elegida]}")
            else:
                print(f"❌ {numero}. ({elegida}) No: {pregunta.explicaciones[elegida]}")
        print(f"\nPuntuación: {aciertos} de {len(self)}.")
        return aciertos

    def explicar(self, numero: int) -> None:
        """Escribe la explicación de todas las opciones de la pregunta ``numero``."""
        if not isinstance(numero, int) or not 1 <= numero <= len(self):
            print(f"❌ Las preguntas van de 1 a {len(self)}; se recibió {numero!r}.")
            return
        pregunta = self.preguntas[numero - 1]
        print(f"{numero}. {pregunta.enunciado}")
        for letra, texto in pregunta.opciones.items():
            marca = "✅" if letra == pregunta.correcta else "❌"
            print(f"   {marca} {letra}) {texto}")
            print(f"        {pregunta.explicaciones[letra]}")


def _normalizar(respuesta: Any) -> str | None:
    if respuesta is None or respuesta is Ellipsis:
        return None
    return str(respuesta).strip().lower().rstrip(")")


# --- Cuestionario del Lab01 --------------------------------------------------------------------
CUESTIONARIO = Cuestionario("Cuestionario del Lab01", [
    Pregunta(
        "Una neurona con escalón y dos entradas tiene sesgo b = 0. ¿Qué le pasa a su frontera de decisión?",
        opciones={
            "a": "Pasa siempre por el origen (0, 0), gire como gire.",
            "b": "Es horizontal: sólo depende de x₂.",
            "c": "No existe: sin sesgo la neurona responde siempre 1.",
        },
        correcta="a",
        explicaciones={
            "a": "Con b = 0 el punto (0, 0) da z = w·0 + 0 = 0, así que está sobre la recta w·x = 0. Los "
                 "pesos la giran, pero sólo el sesgo la desplaza; por eso OR y AND serían imposibles.",
            "b": "La orientación la fijan los pesos, que siguen siendo libres: w = (1, 1) da una recta "
                 "diagonal. El sesgo no decide la dirección, sólo la posición.",
            "c": "Sí existe: es la recta w₁x₁ + w₂x₂ = 0, que pasa por (0, 0). Sólo los puntos de esa "
                 "recta dan z = 0; los demás caen a un lado (salida 1) o al otro (salida 0).",
        },
    ),
    Pregunta(
        "Una neurona tiene w = (3, 4) y b = −10. ¿A qué distancia del origen está su frontera w·x + b = 0?",
        opciones={"a": "10", "b": "2", "c": "0.4"},
        correcta="b",
        explicaciones={
            "a": "10 es |b|, pero la distancia se divide por la longitud de w: |b| / ‖w‖. Si no, "
                 "multiplicar w y b por 10 movería la recta, y no la mueve.",
            "b": "‖w‖ = √(3² + 4²) = 5, así que la distancia es |b| / ‖w‖ = 10 / 5 = 2.",
            "c": "0.4 = ‖w‖ / |b| = 5 / 10: el cociente está al revés. Un sesgo más grande aleja la "
                 "recta del origen, así que |b| va arriba.",
        },
    ),
    Pregunta(
        "Un lote X de forma (32, 10) entra en una capa de 4 neuronas con W de forma (10, 4) y b de "
        "forma (4,). ¿Qué forma tiene X @ W + b?",
        opciones={"a": "(4, 32)", "b": "(10, 4)", "c": "(32, 4)"},
        correcta="c",
        explicaciones={
            "a": "Es la traspuesta: en el curso el lote es el primer eje, así que hay una fila por ejemplo "
                 "y una columna por neurona.",
            "b": "(10, 4) es la forma de W, los parámetros; la salida depende del número de ejemplos.",
            "c": "(N, F) @ (F, M) → (N, M): 32 ejemplos, cada uno con la salida de las 4 neuronas; b se "
                 "suma a cada fila por broadcasting.",
        },
    ),
    Pregunta(
        "Perceptrón con w = (0, 0), b = 0 y tasa η = 0.5. Llega el ejemplo x = (1, 2) con etiqueta y = 0. "
        "¿Cómo quedan w y b tras un paso?",
        opciones={
            "a": "No cambian: z = 0, así que la predicción es 0 y acierta.",
            "b": "w = (−0.5, −1), b = −0.5.",
            "c": "w = (0.5, 1), b = 0.5.",
        },
        correcta="b",
        explicaciones={
            "a": "En este curso escalon(0) = 1 (la condición es z ≥ 0): la predicción es 1, no 0, y hay "
                 "que corregir.",
            "b": "ŷ = escalón(0) = 1 e y − ŷ = −1, así que w ← w + 0.5·(−1)·(1, 2) = (−0.5, −1) y "
                 "b ← 0 + 0.5·(−1) = −0.5: z baja para ese ejemplo.",
            "c": "Es el signo al revés (ŷ − y en lugar de y − ŷ): subiría z para un ejemplo que debía "
                 "dar 0, alejando la recta de la solución.",
        },
    ),
    Pregunta(
        "Entrenas un perceptrón con XOR durante 10 000 épocas y con tasas muy distintas. ¿Qué esperas?",
        opciones={
            "a": "Que converja con una tasa suficientemente pequeña.",
            "b": "Que converja, pero necesite muchas más épocas que AND.",
            "c": "Que nunca llegue a 0 errores: acertará como mucho 3 de los 4 puntos.",
        },
        correcta="c",
        explicaciones={
            "a": "La tasa sólo cambia el tamaño de las correcciones; no crea una recta que no existe.",
            "b": "El teorema de convergencia pide datos linealmente separables, y XOR no lo es: no hay "
                 "número de épocas que baste.",
            "c": "Ninguna recta separa XOR (las cuatro desigualdades se contradicen), así que una sola "
                 "neurona deja siempre al menos un punto mal. Hace falta una capa oculta (Lab02).",
        },
    ),
    Pregunta(
        "Multiplicas los pesos y el sesgo de una neurona por 10. ¿Qué cambia?",
        opciones={
            "a": "La frontera se aleja diez veces del origen.",
            "b": "La frontera no se mueve; con sigmoide, la transición de 0 a 1 se hace más brusca.",
            "c": "La frontera gira, porque w apunta en otra dirección.",
        },
        correcta="b",
        explicaciones={
            "a": "La distancia es |b| / ‖w‖, y ambos se multiplican por 10: el cociente no cambia.",
            "b": "Los puntos con 10·(w·x + b) = 0 son los mismos que con w·x + b = 0, y el signo de z no "
                 "cambia: el escalón da lo mismo. Pero z es 10 veces mayor, así que la sigmoide se empina.",
            "c": "Multiplicar por un número positivo cambia la longitud de w, no su dirección; la recta "
                 "(perpendicular a w) tampoco gira.",
        },
    ),
    Pregunta(
        "Con vectores de 3 números, la suma ponderada con un bucle de Python tarda lo mismo o menos que "
        "con NumPy. ¿Por qué?",
        opciones={
            "a": "Porque llamar a NumPy tiene un coste fijo (crear y comprobar arreglos, entrar en C) que "
                 "con tan poco trabajo no se amortiza.",
            "b": "Porque NumPy sólo usa SIMD con vectores de más de 1000 elementos.",
            "c": "Porque el bucle de Python se compila la primera vez que se ejecuta.",
        },
        correcta="a",
        explicaciones={
            "a": "NumPy gana porque hace el trabajo repetido en C sin preguntar tipos; si sólo hay tres "
                 "productos, domina el tiempo fijo de la llamada. Con 100 000 elementos gana por mucho.",
            "b": "No hay tal umbral: el coste fijo existe con cualquier tamaño, sólo que con vectores "
                 "grandes se reparte entre muchísimas operaciones.",
            "c": "CPython interpreta el bytecode en cada vuelta, no lo compila a código máquina; por eso "
                 "el bucle es lento con vectores grandes.",
        },
    ),
    Pregunta(
        "Apilas dos capas con activación identidad: h = W₁x + b₁ y después y = W₂h + b₂. ¿Qué fronteras "
        "puede dibujar esa red?",
        opciones={
            "a": "Curvas, porque tiene dos capas.",
            "b": "Dos rectas, una por capa, como la red que resuelve XOR.",
            "c": "Las mismas que una sola capa lineal: W₂(W₁x + b₁) + b₂ = W'x + b'.",
        },
        correcta="c",
        explicaciones={
            "a": "Más capas no dan curvas por sí solas: sin una no linealidad entre ellas, la composición "
                 "de funciones lineales sigue siendo lineal.",
            "b": "La red de XOR funciona porque aplica el escalón en la capa oculta; sin él, las dos capas "
                 "se funden en una sola transformación lineal.",
            "c": "Con W' = W₂W₁ y b' = W₂b₁ + b₂ es una sola capa: una recta (o hiperplano) de frontera. "
                 "Por eso el Lab03 estudia activaciones no lineales.",
        },
    ),
    Pregunta(
        "¿Qué garantiza el teorema de convergencia del perceptrón?",
        opciones={
            "a": "Que encuentra la recta con el mayor margen posible.",
            "b": "Que, si los datos son linealmente separables, comete un número finito de errores, como "
                 "mucho (R/γ)².",
            "c": "Que converge con cualquier conjunto de datos si la tasa es pequeña.",
        },
        correcta="b",
        explicaciones={
            "a": "Se para en la primera recta sin errores, que puede quedar pegada a un punto; buscar "
                 "margen es otra idea (las pérdidas del Lab04).",
            "b": "w·u crece como k y ‖w‖ sólo como √k, así que los errores k no pueden seguir para siempre: "
                 "k ≤ (R/γ)². Con un margen γ diminuto, la cota puede ser enorme.",
            "c": "Sin separabilidad no garantiza nada, sea cual sea la tasa: con XOR los pesos dan vueltas "
                 "sin parar.",
        },
    ),
])
