"""Lab02 · La primera red neuronal."""
