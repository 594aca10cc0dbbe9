"""The one database writer of the desktop app.

SQLite wants one writer. Every change the UI makes (settings, members, reviews,
new assets) is submitted here as ``op(archive) -> result`` together with the
topics it changes (``{"assets", "log"}``). One worker thread with its own archive
connection runs the operations one after another (the shape of Anki's
``CollectionOp``); when one succeeds the writer emits :attr:`Writer.changed` with
its topics on the GUI thread, and views refresh because an operation said what
changed, not by polling. Reads stay on the GUI thread's own connection (WAL lets
them run beside the writer).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from asri_desktop.core.errors import AsriError
from asri_desktop.ui.errors import show_error

log = logging.getLogger(__name__)

TOPICS = frozenset({"assets", "log", "settings", "members", "reviews", "plan"})


class Writer(QObject):
    """Runs archive writes one at a time on a dedicated thread.

    Args:
        home: the archive home; the writer opens its own connection there.
        parent: owner of the error boxes shown for failed operations.
    """

    changed = Signal(object)  # frozenset[str] of topics
    busy_changed = Signal(bool)
    _finished = Signal(object, object, object, object)  # token, result, error, topics

    def __init__(self, home: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = Path(home)
        self._parent_widget = parent
        # One plain worker thread and a queue (concurrent.futures would cost startup time for nothing),
        # started with the first write: a session that only reads never needs them.
        self._queue: Any = None
        self._thread: threading.Thread | None = None
        self._arch: Any = None  # touched only on the writer thread
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._next = 0
        self._pending = 0
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)
        self._closed = False

    # -------------------------------------------------------------- worker side
    def _archive(self) -> Any:
        if self._arch is None:
            from asri_desktop.ui.tasks import open_connection

            self._arch = open_connection(self.home)
        return self._arch

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                if self._arch is not None:
                    self._arch.close()
                    self._arch = None
                return
            self._run(*item)

    def _run(self, token: int, op: Callable[[Any], Any], topics: frozenset[str]) -> None:
        try:
            result = op(self._archive())
            self._finished.emit(token, result, None, topics)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            self._finished.emit(token, None, exc, topics)

    # -------------------------------------------------------------- GUI side
    def submit(
        self,
        op: Callable[[Any], Any],
        topics: Iterable[str],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Queue ``op(archive)``; on success emit :attr:`changed` with ``topics`` then call ``on_done``.

        Args:
            op: the write; runs on the writer thread with the writer's archive.
            topics: what the operation changes; must be names from :data:`TOPICS`.
            on_done: GUI-thread callback with the operation's result.
            on_error: GUI-thread callback with the exception; without it a message box shows it.

        Returns:
            A token identifying the operation (operations run in submission order).
        """
        topic_set = frozenset(topics)
        unknown = topic_set - TOPICS
        if unknown:
            raise ValueError(f"unknown change topics: {sorted(unknown)}")
        if self._closed:
            raise RuntimeError("writer is closed")
        with self._lock:
            self._next += 1
            token = self._next
        self._callbacks[token] = (on_done, on_error)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if self._thread is None:
            import queue

            self._queue = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._loop, name="asri-writer", daemon=True)
            self._thread.start()
        self._queue.put((token, op, topic_set))
        return token

    def _deliver(self, token: int, result: Any, error: BaseException | None, topics: frozenset[str]) -> None:
        on_done, on_error = self._callbacks.pop(token, (None, None))
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if error is not None:
            if not isinstance(error, AsriError):
                log.error("write operation failed", exc_info=error)
            if on_error:
                on_error(error)
            else:
                show_error(self._parent_widget, error)
            return
        if topics:
            self.changed.emit(topics)
        if on_done:
            try:
                on_done(result)
            except Exception as exc:  # noqa: BLE001 - a bug in a callback must not kill the loop
                show_error(self._parent_widget, exc)

    @property
    def busy(self) -> bool:
        """True while operations are queued or running."""
        return self._pending > 0

    def close(self) -> None:
        """Finish queued operations, close the writer's connection and stop its thread."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
