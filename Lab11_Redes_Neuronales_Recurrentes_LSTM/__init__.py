"""Lab11 · Redes neuronales recurrentes: RNN, LSTM, GRU, series temporales y texto."""
