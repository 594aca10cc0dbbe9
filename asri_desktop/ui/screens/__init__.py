"""One module per screen of the main window; :mod:`registry` lists them for the sidebar."""
