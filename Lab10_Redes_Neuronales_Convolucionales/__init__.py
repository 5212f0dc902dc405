"""Lab10 · Redes neuronales convolucionales: convolución, pooling, BatchNorm2d y bloques residuales."""
