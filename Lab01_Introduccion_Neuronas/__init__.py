"""Lab01 · Introducción a las neuronas artificiales."""
