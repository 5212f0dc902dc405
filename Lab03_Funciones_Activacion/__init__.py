"""Lab03 · Funciones de activación."""
