"""The Qt face of ASRI Desktop: app start, main window, one module per screen, models and workers.

Nothing outside this package imports Qt; everything here calls the headless core.
"""
