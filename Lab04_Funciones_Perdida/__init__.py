"""Lab04 · Funciones de pérdida."""
