"""Lab12 · Transformers: atención desde cero, un GPT pequeño entrenado aquí y Hugging Face sin conexión."""
