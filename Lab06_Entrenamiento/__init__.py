"""Lab06 · Entrenamiento: optimizadores, calendarios, regularización, datos y el bucle ``entrenar``."""
