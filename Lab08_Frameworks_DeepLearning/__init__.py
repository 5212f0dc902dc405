"""Lab08 · Frameworks de deep learning: PyTorch y TensorFlow/Keras junto al framework NumPy."""
