"""Running a plan write through the app's single writer, or directly when the screen has none (tests, tools)."""

from __future__ import annotations

from typing import Any, Callable

from asri_desktop.core.errors import AsriError
from asri_desktop.ui.errors import show_error


def run_write(screen: Any, op: Callable[[Any], Any], topics: set[str],
              on_done: Callable[[Any], None] | None = None) -> None:
    """Run ``op(archive)``: on the writer thread when the screen has a writer, else on this archive.

    Errors meant for people are shown in a message box either way; the screen
    refreshes after success (the writer's change announcement does it in the app).
    """
    writer = getattr(screen, "writer", None)
    if writer is not None:
        writer.submit(op, topics, on_done=on_done)
        return
    try:
        result = op(screen.arch)
    except AsriError as exc:
        show_error(screen, exc)
        return
    screen.refresh()
    if on_done:
        on_done(result)
