"""Teoría de la información: entropía, entropía cruzada entre distribuciones y divergencia KL.

Para distribuciones discretas ``p`` (la verdadera) y ``q`` (la del modelo):

- entropía ``H(p) = −Σ p·log p``: la sorpresa media de ``p`` (0 si ``p`` es segura);
- entropía cruzada ``H(p, q) = −Σ p·log q``: la sorpresa media si creemos ``q``
  y la verdad es ``p``;
- divergencia de Kullback-Leibler ``KL(p ‖ q) = Σ p·log(p/q) = H(p, q) − H(p) ≥ 0``.

Como ``H(p)`` no depende del modelo, minimizar la entropía cruzada es minimizar la KL.
Convenio: ``0·log 0 = 0``. Si ``q = 0`` donde ``p > 0``, ``H(p, q) = KL = ∞`` (sin avisos).
Unidades: nats con el logaritmo natural (``base=None``); bits con ``base=2``.
"""

from __future__ import annotations

import numpy as np

from Lab01_Introduccion_Neuronas.codigo import como_arreglo, describir_forma, es_real

from .etiquetas import comprobar_probabilidades

__all__ = ["entropia", "entropia_cruzada_distribuciones", "divergencia_kl"]


def _distribucion(x: object, nombre: str, eje: int) -> np.ndarray:
    d = como_arreglo(x, nombre)
    if d.ndim == 0 or d.size == 0:
        raise ValueError(f"{nombre} debe ser una distribución con al menos un valor")
    if not -d.ndim <= eje < d.ndim:
        raise ValueError(f"eje={eje} no existe en {nombre}, que tiene {d.ndim} eje(s)")
    comprobar_probabilidades(d, nombre, eje=eje)
    return d


def _escala(base: float | None) -> float:
    if base is None:
        return 1.0
    if not es_real(base) or base <= 0 or base == 1:
        raise ValueError(f"base debe ser un número positivo distinto de 1 (o None), se recibió {base!r}")
    return float(np.log(base))


def _resultado(valor: np.ndarray) -> float | np.ndarray:
    return float(valor) if np.ndim(valor) == 0 else valor


def _pareja(p: object, q: object, eje: int) -> tuple[np.ndarray, np.ndarray]:
    p = _distribucion(p, "p", eje)
    q = _distribucion(q, "q", eje)
    if p.shape != q.shape:
        raise ValueError(
            f"p y q deben tener la misma forma; se recibió p {describir_forma(p.shape)} "
            f"y q {describir_forma(q.shape)}"
        )
    return p, q


def _suma_p_log(p: np.ndarray, q: np.ndarray, eje: int) -> np.ndarray:
    """``Σ p·log q`` con ``0·log(·) = 0`` y ``−∞`` donde ``p > 0`` y ``q = 0``, sin avisos."""
    log_q = np.log(np.where(q > 0, q, 1.0))
    suma = np.where(p > 0, p * log_q, 0.0).sum(axis=eje)
    imposible = np.any((p > 0) & (q == 0), axis=eje)
    return np.where(imposible, -np.inf, suma)


def entropia(p: object, eje: int = -1, base: float | None = None) -> float | np.ndarray:
    """``H(p) = −Σ p·log p`` a lo largo de ``eje``: un número (un vector) o un arreglo (un lote)."""
    p = _distribucion(p, "p", eje)
    return _resultado(-_suma_p_log(p, p, eje) / _escala(base) + 0.0)


def entropia_cruzada_distribuciones(
    p: object, q: object, eje: int = -1, base: float | None = None
) -> float | np.ndarray:
    """``H(p, q) = −Σ p·log q``: la entropía cruzada entre dos distribuciones de la misma forma."""
    p, q = _pareja(p, q, eje)
    return _resultado(-_suma_p_log(p, q, eje) / _escala(base) + 0.0)


def divergencia_kl(p: object, q: object, eje: int = -1, base: float | None = None) -> float | np.ndarray:
    """``KL(p ‖ q) = Σ p·log(p/q)`` (≥ 0; 0 sólo si ``p = q``). No es simétrica."""
    p, q = _pareja(p, q, eje)
    # término a término, p·(log p − log q): más preciso que restar H(p, q) − H(p)
    log_p = np.log(np.where(p > 0, p, 1.0))
    log_q = np.log(np.where(q > 0, q, 1.0))
    kl = np.where(p > 0, p * (log_p - log_q), 0.0).sum(axis=eje)
    kl = np.where(np.any((p > 0) & (q == 0), axis=eje), np.inf, np.maximum(kl, 0.0))
    return _resultado(kl / _escala(base))
