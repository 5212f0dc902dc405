"""Herramientas de mantenimiento del curso (no forman parte de ningún laboratorio).

- ``curso``: la dirección del repositorio (en un único sitio), la celda de
  configuración común a todos los cuadernos y la insignia «Abrir en Colab».
- ``ejecutar``: vuelve a ejecutar cuadernos y guarda sus salidas.
- ``cambiar_repositorio``: reescribe insignias y celdas para una bifurcación (fork).
"""
