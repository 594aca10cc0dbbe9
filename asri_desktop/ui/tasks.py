"""The one small helper that runs long work off the GUI thread.

A job is a plain core function that reports through ``progress(fraction, message)``
and asks ``cancelled()`` whether to stop (the shape Orange3's ``concurrent`` uses):
it knows nothing of Qt and is tested without it. :func:`run_task` runs it on the
global ``QThreadPool`` and turns its reports into signals delivered on the GUI
thread: ``progressed``, then exactly one of ``done(result)``, ``failed(exc)`` or
``cancelled()``. Errors the core raises on purpose become a clear message box;
anything else a short "kesalahan tak terduga" message with the details behind a
button — never a traceback dialog and never a frozen window.

SQLite connections belong to the thread that opened them, so a job that needs the
archive asks for one with ``home=``: it gets its own read connection opened in the
worker thread (writes go through :mod:`asri_desktop.ui.writer` instead).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from asri_desktop.core.errors import AsriError
from asri_desktop.ui.errors import show_error

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class Cancelled_(Exception):
    """Raised inside a job by :func:`check` when the person cancelled it."""


class TaskHandle(QObject):
    """What :func:`run_task` returns: the signals of one job and its cancel switch.

    Signals are emitted on the GUI thread (the handle lives there; the worker's
    emits are queued to it).
    """

    progressed = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the job to stop; it stops at its next ``cancelled()`` check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Bridge(QObject):
    """Lives on the GUI thread; the worker emits these, Qt queues them across."""

    progress = Signal(float, str)
    finish = Signal(str, object)


class _Runnable(QRunnable):
    def __init__(self, job: Callable[..., Any], bridge: _Bridge, handle: TaskHandle, home: Any) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.job = job
        self.bridge = bridge
        self.handle = handle
        self.home = home

    def run(self) -> None:  # worker thread
        def progress(fraction: float, message: str = "") -> None:
            try:
                self.bridge.progress.emit(max(0.0, min(1.0, float(fraction))), message)
            except RuntimeError:  # the app is quitting; the job finishes unobserved
                pass

        arch = None
        try:
            if self.home is not None:
                arch = open_connection(self.home)
                result = self.job(arch, progress, self.handle.is_cancelled)
            else:
                result = self.job(progress, self.handle.is_cancelled)
            outcome = ("cancelled", None) if self.handle.is_cancelled() else ("done", result)
        except Cancelled_:
            outcome = ("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            outcome = ("cancelled", None) if self.handle.is_cancelled() else ("failed", exc)
        finally:
            if arch is not None:
                arch.close()
        try:
            self.bridge.finish.emit(*outcome)
        except RuntimeError:
            # The app quit while this job ran: its bridge (and window) are gone, nobody waits.
            log.debug("task %s finished after its bridge was deleted", getattr(self.job, "__name__", "?"))


def open_connection(home: Any) -> Any:
    """Another :class:`Archive` on an archive the app already opened, for use on this thread.

    ``Archive.open`` also migrates, repairs the log anchor and clears the store's
    temporary files; here that already happened at start, and clearing temporary
    files again could delete a file another thread is storing right now. So this
    opens the database connection only.
    """
    from asri_desktop.core.archive import db as dbmod
    from asri_desktop.core.archive.archive import DB_NAME, Archive
    from asri_desktop.core.errors import ArchiveError

    root = Path(home)
    if not (root / DB_NAME).is_file():
        raise ArchiveError(f"Belum ada arsip di {root}.")
    return Archive(root, dbmod.connect(root / DB_NAME))


# Handles and bridges stay referenced until their job ends (Python would collect them otherwise).
_running: set[TaskHandle] = set()


def run_task(
    job: Callable[..., Any],
    *,
    name: str = "",
    parent: QWidget | None = None,
    home: Any = None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> TaskHandle:
    """Run ``job(progress, cancelled)`` (or ``job(archive, progress, cancelled)`` with ``home``) in the background.

    Args:
        job: the work; reports with ``progress(fraction 0..1, message)`` and polls ``cancelled()``.
        name: a short Indonesian description for the status bar.
        parent: the widget that owns any error box.
        home: an archive home; when given, the job receives its own read-only-use archive.
        on_done: called on the GUI thread with the job's result.
        on_error: called with the exception instead of showing the standard message box.
        on_progress: called on the GUI thread for every progress report.
        on_cancelled: called when the job ended because it was cancelled.

    Returns:
        The :class:`TaskHandle` (``cancel()``, signals, ``finished``, ``result``, ``error``).
    """
    handle = TaskHandle(name)
    bridge = _Bridge(handle)
    if on_progress:
        handle.progressed.connect(on_progress)
    bridge.progress.connect(handle.progressed)

    def finish(kind: str, value: Any) -> None:
        handle.finished = True
        _running.discard(handle)
        if kind == "done":
            handle.result = value
            handle.done.emit(value)
            if on_done:
                _guard(parent, on_done, value)
        elif kind == "failed":
            handle.error = value
            if not isinstance(value, AsriError):
                log.error("background task %r failed", name, exc_info=value)
            handle.failed.emit(value)
            if on_error:
                _guard(parent, on_error, value)
            else:
                show_error(parent, value)
        else:
            handle.cancelled.emit()
            if on_cancelled:
                _guard(parent, on_cancelled)

    bridge.finish.connect(finish)
    _running.add(handle)
    QThreadPool.globalInstance().start(_Runnable(job, bridge, handle, home))
    return handle


def _guard(parent: QWidget | None, fn: Callable[..., Any], *args: Any) -> None:
    """Run a GUI-thread callback; a bug in it becomes a message, not a dead event loop."""
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc)


def running() -> int:
    """How many background jobs have not reported their end yet."""
    return len(_running)


def check(cancelled: Cancelled) -> None:
    """Inside a job: stop here when the person cancelled."""
    if cancelled():
        raise Cancelled_()
