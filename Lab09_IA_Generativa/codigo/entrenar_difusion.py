"""Script: entrena el DDPM de los dígitos durante un tiempo fijo y lo mide con el juez.

    python -m Lab09_IA_Generativa.codigo.entrenar_difusion [--segundos 60] [--dispositivo auto]
                                                           [--guia 2] [--salida ruta.pt]

Entrena ``RedRuido`` (como mucho ``--pasos`` pasos o ``--segundos`` segundos), muestrea
``--por-clase`` dígitos de cada clase con guía 0 y con la guía pedida, y escribe la pérdida y lo
que opina el juez de ``calidad.py``: exactitud (¿dibujó la clase pedida?), confianza media y
distancia de Fréchet contra la partición de prueba. Como suelo, el mismo número de dígitos reales
de entrenamiento contra la prueba (la distancia de Fréchet depende del tamaño de la muestra).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch

__all__ = ["main"]


def _analizador() -> argparse.ArgumentParser:
    analizador = argparse.ArgumentParser(
        description="Entrena el DDPM (difusión con guía sin clasificador) de los dígitos 8×8 del Lab09 "
                    "y mide sus muestras con el juez de calidad.py")
    analizador.add_argument("--segundos", type=float, default=60.0,
                            help="tiempo máximo de entrenamiento en segundos (por defecto 60)")
    analizador.add_argument("--pasos", type=int, default=20000,
                            help="pasos máximos de entrenamiento (por defecto 20000; suele mandar el tiempo)")
    analizador.add_argument("--dispositivo", default="auto", help="auto, cpu, cuda, cuda:N o mps")
    analizador.add_argument("--guia", type=float, default=2.0,
                            help="fuerza w de la guía sin clasificador, comparada con w = 0 (por defecto 2)")
    analizador.add_argument("--salida", type=Path, default=None, help="archivo .pt donde guardar la red")
    analizador.add_argument("--pasos-difusion", type=int, default=100, help="pasos T del calendario (100)")
    analizador.add_argument("--calendario", choices=["lineal", "coseno"], default="lineal",
                            help="calendario de ruido (por defecto lineal)")
    analizador.add_argument("--oculta", type=int, default=128, help="anchura del MLP (128)")
    analizador.add_argument("--tamano-lote", type=int, default=128, help="tamaño del lote (128)")
    analizador.add_argument("--tasa", type=float, default=2e-3, help="tasa de aprendizaje inicial (2e-3)")
    analizador.add_argument("--por-clase", type=int, default=10, help="muestras de cada clase (10)")
    analizador.add_argument("--epocas-juez", type=int, default=30, help="épocas del juez (30)")
    analizador.add_argument("--semilla", type=int, default=0, help="semilla (0)")
    return analizador


def main(argumentos: list[str] | None = None) -> int:
    from Lab08_Frameworks_DeepLearning.codigo import describir_dispositivo, mover, seleccionar_dispositivo

    from .calidad import entrenar_juez, frechet_imagenes, puntuar_muestras
    from .datos import digitos_generativos
    from .difusion import calendario_ruido, muestrear_ddpm
    from .red_ruido import RedRuido, entrenar_ddpm

    args = _analizador().parse_args(argumentos)
    if args.por_clase < 2:
        print("--por-clase debe ser al menos 2 (la distancia de Fréchet necesita varias muestras)")
        return 2
    dispositivo = seleccionar_dispositivo(args.dispositivo)
    datos = digitos_generativos(args.semilla)
    X, y = datos["entrenamiento"]
    X_prueba = datos["prueba"][0]
    calendario = calendario_ruido(args.pasos_difusion, args.calendario)
    modelo = mover(RedRuido(calendario.T, oculta=args.oculta, semilla=args.semilla), dispositivo)
    print(f"DDPM en {describir_dispositivo(dispositivo)}: {modelo} | {calendario}")
    historial = entrenar_ddpm(modelo, X, y, calendario, pasos=args.pasos, tamano_lote=args.tamano_lote,
                              tasa=args.tasa, semilla=args.semilla, dispositivo=dispositivo,
                              segundos_maximos=args.segundos or None)
    print(f"pasos: {historial['pasos'][0]} en {historial['segundos'][0]:.1f} s | pérdida (MSE del ruido): "
          f"primer tramo {historial['perdida'][0]:.4f}, último {historial['perdida'][-1]:.4f}")

    juez = entrenar_juez(args.semilla, epocas=args.epocas_juez, dispositivo=dispositivo, datos=datos)
    clases = np.repeat(np.arange(modelo.n_clases), args.por_clase)
    rng = np.random.default_rng(args.semilla)
    reales = np.concatenate([rng.choice(X[y == c], args.por_clase, replace=False) for c in range(10)])
    print(f"juez: exactitud en prueba {juez.exactitud_prueba:.4f} | suelo de Fréchet ({len(reales)} "
          f"dígitos reales de entrenamiento contra prueba): {frechet_imagenes(juez, reales, X_prueba):.3f}")
    for guia in dict.fromkeys([0.0, float(args.guia)]):
        inicio = time.perf_counter()
        muestras = muestrear_ddpm(modelo, calendario, clases=clases, guia=guia, semilla=args.semilla,
                                  dispositivo=dispositivo)
        segundos = time.perf_counter() - inicio
        puntos = puntuar_muestras(juez, muestras, clases)
        print(f"guía w = {guia:g}: exactitud {puntos['exactitud']:.4f} | confianza media "
              f"{puntos['confianza_media']:.4f} | clases {puntos['clases_distintas']:.0f} | Fréchet "
              f"{frechet_imagenes(juez, muestras, X_prueba):.3f} | muestreo {segundos:.1f} s")
    if args.salida is not None:
        args.salida.parent.mkdir(parents=True, exist_ok=True)
        configuracion = {"pasos": modelo.pasos, "n_clases": modelo.n_clases, "oculta": modelo.oculta,
                         "n_bloques": modelo.n_bloques, "dim_tiempo": modelo.dim_tiempo,
                         "calendario": args.calendario}
        torch.save({"configuracion": configuracion,
                    "estado": {k: v.cpu() for k, v in modelo.state_dict().items()}}, args.salida)
        print(f"red guardada en {args.salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
