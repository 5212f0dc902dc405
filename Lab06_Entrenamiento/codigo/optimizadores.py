"""Optimizadores: cómo usar el gradiente para mover los parámetros.

Todos siguen el protocolo de ``torch.optim``:

- se crean con la lista de parámetros (``modelo.parameters()``) y sus hiperparámetros;
- ``step()`` actualiza cada ``p.datos`` **en su sitio** a partir de ``p.grad``;
- ``zero_grad()`` pone los gradientes a cero antes del siguiente ``backward``.

Con ``g = ∂L/∂θ`` y la tasa de aprendizaje ``η``:

- ``SGD``:      ``θ ← θ − η·g`` (con momento: ``v ← μ·v + g``, ``θ ← θ − η·v``; Nesterov mira adelante)
- ``AdaGrad``:  ``s ← s + g²``, ``θ ← θ − η·g / (√s + ε)``
- ``RMSprop``:  ``s ← α·s + (1 − α)·g²``, ``θ ← θ − η·g / (√s + ε)``
- ``Adam``:     medias móviles de ``g`` y ``g²`` con corrección de sesgo
- ``AdamW``:    Adam con el decaimiento de pesos *desacoplado*: ``θ ← θ·(1 − η·λ)`` aparte

``decaimiento_pesos`` (λ, *weight decay*) en SGD, AdaGrad, RMSprop y Adam suma ``λ·θ`` al
gradiente: es la regularización L2 ``(λ/2)·‖θ‖²`` (igual que ``weight_decay`` en PyTorch).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import numero_real
from Lab02_Primera_Red_Neuronal.codigo import Parametro

__all__ = ["Optimizador", "SGD", "AdaGrad", "RMSprop", "Adam", "AdamW", "OPTIMIZADORES", "crear_optimizador"]


def _real(valor: object, nombre: str, minimo: float = 0.0, incluido: bool = True,
          maximo: float = math.inf) -> float:
    """Un hiperparámetro real en ``[minimo, maximo)`` (o ``(minimo, maximo)`` si no ``incluido``)."""
    return numero_real(valor, nombre, minimo, maximo, incluir_minimo=incluido, incluir_maximo=False)


class Optimizador:
    """Clase base: guarda la lista de parámetros, la tasa de aprendizaje y un estado por parámetro.

    Las subclases escriben ``_actualizar(p, estado)``, que modifica ``p.datos`` en su sitio.
    ``tasa_aprendizaje`` es un atributo normal: los calendarios (``calendarios.py``) lo cambian.
    """

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float) -> None:
        if isinstance(parametros, Parametro):
            raise TypeError("se esperaba una lista de Parametro (p. ej. modelo.parameters()), "
                            "se recibió un solo Parametro; envuélvelo en una lista")
        try:
            self.parametros: list[Parametro] = list(parametros)
        except TypeError as error:
            raise TypeError(
                "se esperaba una lista de Parametro (p. ej. modelo.parameters()), "
                f"se recibió {type(parametros).__name__}"
            ) from error
        if not self.parametros:
            raise ValueError("la lista de parámetros está vacía: ¿el modelo tiene capas con pesos?")
        for i, p in enumerate(self.parametros):
            if not isinstance(p, Parametro):
                raise TypeError(
                    f"se esperaba una lista de Parametro (p. ej. modelo.parameters()); "
                    f"el elemento {i} es {type(p).__name__}"
                )
        # Un parámetro compartido (pesos atados) que llegue dos veces se actualiza una sola vez.
        unicos: dict[int, Parametro] = {}
        for p in self.parametros:
            unicos.setdefault(id(p), p)
        self.parametros = list(unicos.values())
        self.tasa_aprendizaje = _real(tasa_aprendizaje, "tasa_aprendizaje", 0.0, incluido=False)
        self.pasos = 0
        self.estado: list[dict[str, np.ndarray]] = [{} for _ in self.parametros]

    def zero_grad(self) -> None:
        """Pone a cero el gradiente de todos los parámetros (se acumulan con ``+=``)."""
        for p in self.parametros:
            p.zero_grad()

    def step(self) -> None:
        """Un paso de optimización: actualiza todos los parámetros con su gradiente actual.

        Antes de mover nada se comprueban **todos** los gradientes: si uno tiene la forma
        equivocada, se lanza el error y ni los parámetros ni el estado del optimizador cambian.
        """
        for i, p in enumerate(self.parametros):
            if np.shape(p.grad) != p.datos.shape:
                raise ValueError(
                    f"el gradiente del parámetro {p.nombre or i} tiene forma {np.shape(p.grad)}, "
                    f"se esperaba {p.datos.shape}"
                )
        self.pasos += 1
        for p, estado in zip(self.parametros, self.estado):
            self._actualizar(p, estado)

    def _actualizar(self, p: Parametro, estado: dict[str, np.ndarray]) -> None:
        raise NotImplementedError(f"{type(self).__name__} no implementa _actualizar")

    def _hiperparametros(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self._hiperparametros()
        extra = ", " + extra if extra else ""
        return f"{type(self).__name__}(tasa_aprendizaje={self.tasa_aprendizaje:g}{extra})"


class SGD(Optimizador):
    """Descenso de gradiente estocástico, con momento y Nesterov opcionales (``torch.optim.SGD``).

    Con ``momento = μ > 0`` se acumula una «velocidad» ``v ← μ·v + g`` (en el primer paso
    ``v = g``) y se avanza ``θ ← θ − η·v``. Con ``nesterov=True`` se avanza con
    ``g + μ·v``: se corrige mirando dónde dejará el momento a los parámetros.
    """

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float = 0.01,
                 momento: float = 0.0, nesterov: bool = False, decaimiento_pesos: float = 0.0) -> None:
        super().__init__(parametros, tasa_aprendizaje)
        self.momento = _real(momento, "momento")
        self.nesterov = bool(nesterov)
        self.decaimiento_pesos = _real(decaimiento_pesos, "decaimiento_pesos")
        if self.nesterov and self.momento == 0:
            raise ValueError("nesterov=True necesita un momento mayor que 0")

    def _actualizar(self, p: Parametro, estado: dict[str, np.ndarray]) -> None:
        g = p.grad
        if self.decaimiento_pesos:
            g = g + self.decaimiento_pesos * p.datos
        if self.momento:
            if "velocidad" not in estado:
                estado["velocidad"] = np.array(g, dtype=p.datos.dtype, copy=True)
            else:
                v = estado["velocidad"]
                v *= self.momento
                v += g
            v = estado["velocidad"]
            g = g + self.momento * v if self.nesterov else v
        p.datos -= self.tasa_aprendizaje * g

    def _hiperparametros(self) -> str:
        partes = [f"momento={self.momento:g}"] if self.momento else []
        partes += ["nesterov=True"] if self.nesterov else []
        partes += [f"decaimiento_pesos={self.decaimiento_pesos:g}"] if self.decaimiento_pesos else []
        return ", ".join(partes)


class AdaGrad(Optimizador):
    """AdaGrad (``torch.optim.Adagrad``): cada parámetro tiene su propia tasa, ``η / √(Σ g²)``.

    Los parámetros con gradientes grandes frenan pronto; los raros avanzan más. Como la suma
    sólo crece, la tasa efectiva se hace cada vez más pequeña (su principal defecto).
    """

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float = 0.01,
                 epsilon: float = 1e-10, decaimiento_pesos: float = 0.0,
                 acumulador_inicial: float = 0.0) -> None:
        super().__init__(parametros, tasa_aprendizaje)
        self.epsilon = _real(epsilon, "epsilon")
        self.decaimiento_pesos = _real(decaimiento_pesos, "decaimiento_pesos")
        self.acumulador_inicial = _real(acumulador_inicial, "acumulador_inicial")

    def _actualizar(self, p: Parametro, estado: dict[str, np.ndarray]) -> None:
        g = p.grad
        if self.decaimiento_pesos:
            g = g + self.decaimiento_pesos * p.datos
        if "suma_cuadrados" not in estado:
            estado["suma_cuadrados"] = np.full_like(p.datos, self.acumulador_inicial)
        s = estado["suma_cuadrados"]
        s += g * g
        p.datos -= self.tasa_aprendizaje * g / (np.sqrt(s) + self.epsilon)


class RMSprop(Optimizador):
    """RMSprop (``torch.optim.RMSprop``): como AdaGrad, pero con una media *móvil* de ``g²``.

    ``s ← α·s + (1 − α)·g²`` olvida los gradientes antiguos, así que la tasa efectiva no se
    apaga. ``centrado=True`` divide por la desviación típica estimada, ``√(s − m²)``, con
    ``m`` la media móvil de ``g``; ``momento`` añade una velocidad como en SGD.
    """

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float = 0.01,
                 alfa: float = 0.99, epsilon: float = 1e-8, decaimiento_pesos: float = 0.0,
                 momento: float = 0.0, centrado: bool = False) -> None:
        super().__init__(parametros, tasa_aprendizaje)
        self.alfa = _real(alfa, "alfa", 0.0, maximo=1.0)
        self.epsilon = _real(epsilon, "epsilon")
        self.decaimiento_pesos = _real(decaimiento_pesos, "decaimiento_pesos")
        self.momento = _real(momento, "momento")
        self.centrado = bool(centrado)

    def _actualizar(self, p: Parametro, estado: dict[str, np.ndarray]) -> None:
        g = p.grad
        if self.decaimiento_pesos:
            g = g + self.decaimiento_pesos * p.datos
        if "media_cuadrados" not in estado:
            estado["media_cuadrados"] = np.zeros_like(p.datos)
        s = estado["media_cuadrados"]
        s *= self.alfa
        s += (1.0 - self.alfa) * g * g
        if self.centrado:
            if "media_gradiente" not in estado:
                estado["media_gradiente"] = np.zeros_like(p.datos)
            m = estado["media_gradiente"]
            m *= self.alfa
            m += (1.0 - self.alfa) * g
            # s − m² es una varianza (≥ 0), pero con un gradiente casi constante el redondeo
            # puede dejarla en −1e-17: se recorta a 0 para no sacar la raíz de un negativo (NaN)
            denominador = np.sqrt(np.maximum(s - m * m, 0.0)) + self.epsilon
        else:
            denominador = np.sqrt(s) + self.epsilon
        if self.momento:
            if "velocidad" not in estado:
                estado["velocidad"] = np.zeros_like(p.datos)
            v = estado["velocidad"]
            v *= self.momento
            v += g / denominador
            p.datos -= self.tasa_aprendizaje * v
        else:
            p.datos -= self.tasa_aprendizaje * g / denominador


class Adam(Optimizador):
    """Adam (``torch.optim.Adam``): momento (media de ``g``) + RMSprop (media de ``g²``).

    ``m ← β₁·m + (1 − β₁)·g`` y ``v ← β₂·v + (1 − β₂)·g²``. Como ambas empiezan en 0, al
    principio están sesgadas hacia 0; se corrigen dividiendo por ``1 − β₁ᵗ`` y ``1 − β₂ᵗ``:
    ``θ ← θ − η·m̂ / (√v̂ + ε)``. ``amsgrad=True`` usa el máximo histórico de ``v``.
    """

    _desacoplado = False

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float = 0.001,
                 betas: tuple[float, float] = (0.9, 0.999), epsilon: float = 1e-8,
                 decaimiento_pesos: float = 0.0, amsgrad: bool = False) -> None:
        super().__init__(parametros, tasa_aprendizaje)
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError):
            raise ValueError(f"betas debe ser una pareja (β₁, β₂), se recibió {betas!r}") from None
        self.betas = (_real(beta1, "β₁ (betas[0])", 0.0, maximo=1.0),
                      _real(beta2, "β₂ (betas[1])", 0.0, maximo=1.0))
        self.epsilon = _real(epsilon, "epsilon")
        self.decaimiento_pesos = _real(decaimiento_pesos, "decaimiento_pesos")
        self.amsgrad = bool(amsgrad)

    def _actualizar(self, p: Parametro, estado: dict[str, np.ndarray]) -> None:
        beta1, beta2 = self.betas
        g = p.grad
        if self.decaimiento_pesos:
            if self._desacoplado:  # AdamW: encoge los pesos aparte, sin pasar por m y v
                p.datos *= 1.0 - self.tasa_aprendizaje * self.decaimiento_pesos
            else:  # Adam: L2 clásica, sumada al gradiente
                g = g + self.decaimiento_pesos * p.datos
        if "m" not in estado:
            estado["m"], estado["v"] = np.zeros_like(p.datos), np.zeros_like(p.datos)
        m, v = estado["m"], estado["v"]
        m *= beta1
        m += (1.0 - beta1) * g
        v *= beta2
        v += (1.0 - beta2) * g * g
        if self.amsgrad:
            if "v_max" not in estado:
                estado["v_max"] = np.zeros_like(p.datos)
            np.maximum(estado["v_max"], v, out=estado["v_max"])
            v = estado["v_max"]
        t = self.pasos
        correccion1 = 1.0 - beta1**t
        correccion2 = 1.0 - beta2**t
        denominador = np.sqrt(v) / np.sqrt(correccion2) + self.epsilon
        p.datos -= (self.tasa_aprendizaje / correccion1) * m / denominador

    def _hiperparametros(self) -> str:
        partes = [f"betas=({self.betas[0]:g}, {self.betas[1]:g})"]
        partes += [f"decaimiento_pesos={self.decaimiento_pesos:g}"] if self.decaimiento_pesos else []
        return ", ".join(partes)


class AdamW(Adam):
    """AdamW (``torch.optim.AdamW``): Adam con decaimiento de pesos desacoplado.

    En Adam, ``λ·θ`` sumado al gradiente se divide después por ``√v̂``: los pesos con
    gradientes grandes apenas se regularizan. AdamW encoge los pesos directamente,
    ``θ ← θ·(1 − η·λ)``, y después da el paso de Adam. ``decaimiento_pesos`` = 0.01 por defecto.
    """

    _desacoplado = True

    def __init__(self, parametros: Iterable[Parametro], tasa_aprendizaje: float = 0.001,
                 betas: tuple[float, float] = (0.9, 0.999), epsilon: float = 1e-8,
                 decaimiento_pesos: float = 0.01, amsgrad: bool = False) -> None:
        super().__init__(parametros, tasa_aprendizaje, betas, epsilon, decaimiento_pesos, amsgrad)


OPTIMIZADORES: dict[str, type[Optimizador]] = {
    "sgd": SGD, "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam, "adamw": AdamW,
}


def crear_optimizador(nombre: str, parametros: Iterable[Parametro], **opciones: object) -> Optimizador:
    """Crea un optimizador por su nombre (``"sgd"``, ``"adam"``…), sin distinguir mayúsculas."""
    clave = str(nombre).strip().lower()
    if clave not in OPTIMIZADORES:
        raise ValueError(f"optimizador desconocido: {nombre!r}; "
                         f"se esperaba uno de {', '.join(OPTIMIZADORES)}")
    return OPTIMIZADORES[clave](parametros, **opciones)
