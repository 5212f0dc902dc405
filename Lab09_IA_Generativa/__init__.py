"""Lab09 · IA generativa: autoencoders, VAE, GAN, difusión y generación de texto."""
