"""Lab05 · Retropropagación (backpropagation): regla de la cadena, grafos y gradientes."""
