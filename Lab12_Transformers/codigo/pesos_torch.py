"""Copiar pesos entre las capas de NumPy del Lab12 y sus equivalentes de PyTorch.

Sirve para comprobar que hacen **lo mismo** (las pruebas y el cuaderno) y para llevar a
NumPy un modelo entrenado en PyTorch. Correspondencia:

=========================  ===============================  =========================================
NumPy (curso)              PyTorch                          pesos
=========================  ===============================  =========================================
``CapaDensa``              ``nn.Linear``                    ``weight = Wᵀ``, ``bias = b``
``LayerNorm``              ``nn.LayerNorm``                 ``weight = gamma``, ``bias = beta``
``AtencionMulticabeza``    ``nn.MultiheadAttention``        ``in_proj_weight = [W_qᵀ; W_kᵀ; W_vᵀ]``
                           (``batch_first=True``)           (apiladas), ``out_proj = proy_salida``
``BloqueTransformer``      ``nn.TransformerEncoderLayer``   ``self_attn``, ``linear1/2`` (``mlp``),
                           (``norm_first=True``)            ``norm1/2`` (``ln1/2``)
=========================  ===============================  =========================================

PyTorch guarda las matrices de ``nn.Linear`` traspuestas, ``(salidas, entradas)``; el curso,
``(entradas, salidas)`` (Lab02). **Máscaras**: el curso usa ``True`` = participa;
``nn.MultiheadAttention`` y ``nn.TransformerEncoderLayer`` usan ``True`` = *no* mirar
(``attn_mask=~mascara``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from Lab05_Backpropagation.codigo import CapaDensa

from .bloque import BloqueTransformer
from .multicabeza import AtencionMulticabeza
from .normalizacion import LayerNorm

__all__ = ["copiar_a_torch", "copiar_desde_torch"]


def _tipo_torch(capa: Any) -> Any:
    import torch

    parametros = capa.parameters() if callable(getattr(capa, "parameters", None)) else []
    if not parametros:
        raise TypeError(f"no sé copiar una capa {type(capa).__name__}; se admiten CapaDensa, LayerNorm, "
                        "AtencionMulticabeza y BloqueTransformer")
    dtype = parametros[0].datos.dtype
    return torch.float64 if dtype == np.float64 else torch.float32


def _parejas(capa: Any, modulo: Any) -> list[tuple[Any, Any, bool]]:
    """``[(Parametro o lista de Parametro, tensor de PyTorch, traspuesta)]`` para ``capa``."""
    if isinstance(capa, CapaDensa):
        parejas = [(capa.W, modulo.weight, True)]
        if capa.b is not None:
            parejas.append((capa.b, modulo.bias, False))
        return parejas
    if isinstance(capa, LayerNorm):
        return [(capa.gamma, modulo.weight, False), (capa.beta, modulo.bias, False)]
    if isinstance(capa, AtencionMulticabeza):
        proyecciones = (capa.proy_q, capa.proy_k, capa.proy_v)
        parejas = [([p.W for p in proyecciones], modulo.in_proj_weight, True)]
        if capa.proy_q.b is not None:
            parejas.append(([p.b for p in proyecciones], modulo.in_proj_bias, False))
        return parejas + _parejas(capa.proy_salida, modulo.out_proj)
    if isinstance(capa, BloqueTransformer):
        return (_parejas(capa.ln1, modulo.norm1) + _parejas(capa.atencion, modulo.self_attn)
                + _parejas(capa.ln2, modulo.norm2) + _parejas(capa.mlp.densa1, modulo.linear1)
                + _parejas(capa.mlp.densa2, modulo.linear2))
    raise TypeError(f"no sé copiar una capa {type(capa).__name__}; se admiten CapaDensa, LayerNorm, "
                    "AtencionMulticabeza y BloqueTransformer")


def _crear_modulo(capa: Any, dtype: Any) -> Any:
    import torch

    if isinstance(capa, CapaDensa):
        return torch.nn.Linear(capa.n_entradas, capa.n_salidas, bias=capa.b is not None, dtype=dtype)
    if isinstance(capa, LayerNorm):
        return torch.nn.LayerNorm(capa.dimension, eps=capa.eps, dtype=dtype)
    if isinstance(capa, AtencionMulticabeza):
        return torch.nn.MultiheadAttention(capa.d_modelo, capa.n_cabezas, dropout=0.0,
                                           bias=capa.proy_q.b is not None, batch_first=True, dtype=dtype)
    if isinstance(capa, BloqueTransformer):
        return torch.nn.TransformerEncoderLayer(
            capa.d_modelo, capa.atencion.n_cabezas, capa.mlp.d_oculta, dropout=0.0,
            activation=capa.mlp.nombre_activacion, layer_norm_eps=capa.ln1.eps, batch_first=True,
            norm_first=True, bias=capa.atencion.proy_q.b is not None, dtype=dtype)
    raise TypeError(f"no sé copiar una capa {type(capa).__name__}; se admiten CapaDensa, LayerNorm, "
                    "AtencionMulticabeza y BloqueTransformer")


def copiar_a_torch(capa: Any, dispositivo: Any = "cpu") -> Any:
    """Crea el módulo de PyTorch equivalente a ``capa`` (tabla de arriba) con sus mismos pesos y dtype.

    Se coloca en ``seleccionar_dispositivo(dispositivo)`` (Lab08; la CPU por defecto, la de las
    comparaciones exactas en ``float64``). ``nn.MultiheadAttention`` y el bloque de PyTorch no
    tienen la opción ``causal``: la máscara se pasa al llamarlos (``attn_mask=~mascara_causal(T)``).
    """
    import torch

    from Lab08_Frameworks_DeepLearning.codigo import seleccionar_dispositivo

    modulo = _crear_modulo(capa, _tipo_torch(capa))
    with torch.no_grad():
        for nuestro, suyo, traspuesta in _parejas(capa, modulo):
            partes = nuestro if isinstance(nuestro, list) else [nuestro]
            datos = [p.datos.T if traspuesta else p.datos for p in partes]
            suyo.copy_(torch.from_numpy(np.ascontiguousarray(np.concatenate(datos, axis=0))))
    return modulo.to(seleccionar_dispositivo(dispositivo, informar=False))


def copiar_desde_torch(capa: Any, modulo: Any) -> Any:
    """Lo contrario: copia en ``capa`` (en su sitio, en su dtype) los pesos de ``modulo``; la devuelve.

    Las formas deben coincidir; los gradientes de ``capa`` quedan a cero.
    """
    for nuestro, suyo, traspuesta in _parejas(capa, modulo):
        partes = nuestro if isinstance(nuestro, list) else [nuestro]
        valores = suyo.detach().cpu().numpy()
        trozos = np.split(valores, len(partes), axis=0)
        for p, trozo in zip(partes, trozos):
            trozo = trozo.T if traspuesta else trozo
            if trozo.shape != p.forma:
                raise ValueError(f"el peso de PyTorch tiene forma {trozo.shape} y el de la capa "
                                 f"{p.forma}: los módulos no tienen el mismo tamaño")
            p.datos = trozo.astype(p.datos.dtype, copy=True)
            p.zero_grad()
    return capa
