"""The Qt face of ASRI Desktop: app start, main window, one module per screen, models and workers.

Nothing outside this package imports Qt; everything here calls the headless core.
"""

from __future__ import annotations

import sys


def _pin_singletons() -> None:
    """Work around PySide6 6.12 dropping a reference to ``True`` on every ``Signal.emit()``.

    ``SignalInstance.emit`` returns ``True`` without taking a reference for it, so each
    emit from Python lowers ``True``'s reference count by one; after a few thousand
    emits (a busy session, a progress bar) Python 3.11 aborts with "bool_dealloc:
    deallocating True or False". From Python 3.12 these objects are immortal. On
    older Pythons the count of the three singletons is raised far out of reach once,
    when the UI package is first imported; they are never freed anyway.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal, or a debug build
        return
    import ctypes

    for obj in (True, False, None):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_pin_singletons()
