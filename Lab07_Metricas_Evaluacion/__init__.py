"""Lab07 · Métricas y evaluación de clasificadores."""
