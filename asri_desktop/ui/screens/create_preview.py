"""The live preview of Buat Konten: render off the GUI thread, newest request wins.

Every keystroke calls :meth:`PreviewRenderer.request`. At most one render runs at a
time (on the shared task helper); a request made while one runs only replaces the
pending one, so a burst of typing costs one render for the newest text, not one
per key. Each request carries a generation number; a result whose generation is
older than the newest request is dropped, so a stale frame never replaces a newer
one. The worker turns the page into a ``QImage`` (safe off the GUI thread); only
the final ``QPixmap`` is made on the GUI thread.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from asri_desktop.ui.tasks import TaskHandle, run_task

PREVIEW_SCALE = 0.5
MARGIN = 12  # pixels of background around the page on the canvas


def fit_size(box_w: int, box_h: int, page_w: int, page_h: int) -> tuple[int, int]:
    """The size a ``page_w``×``page_h`` page is drawn at inside a ``box_w``×``box_h`` canvas."""
    if page_w <= 0 or page_h <= 0:
        return (0, 0)
    s = max(0.01, min((box_w - 2 * MARGIN) / page_w, (box_h - 2 * MARGIN) / page_h))
    return (max(1, round(page_w * s)), max(1, round(page_h * s)))


def _freeze(snapshot: Any) -> Any:
    """Copy what the GUI thread may change while the worker reads it.

    Only the content's ``data`` is edited in place by the form; the template spec and the
    settings dict are replaced, never mutated, so sharing them is safe (and deep-copying the
    spec on every keystroke would cost more than the render it feeds).
    """
    if isinstance(snapshot, dict) and "data" in snapshot:
        return {**snapshot, "data": copy.deepcopy(snapshot["data"])}
    return copy.deepcopy(snapshot)


def pil_to_qimage(img: Any) -> QImage:
    """A ``QImage`` that owns its pixels, made from a Pillow image (usable from any thread)."""
    if img.mode == "RGB":
        # 32-bit RGBX: converts and smooth-scales faster than packed 24-bit RGB888.
        data, fmt, bpp = img.tobytes("raw", "RGBX"), QImage.Format.Format_RGBX8888, 4
    else:
        img = img.convert("RGBA")
        data, fmt, bpp = img.tobytes("raw", "RGBA"), QImage.Format.Format_RGBA8888, 4
    qimg = QImage(data, img.width, img.height, img.width * bpp, fmt)
    return qimg.copy()  # own the pixels: ``data`` is freed when this function returns


@dataclass
class PreviewFrame:
    """One finished preview: the pages as images, every finding, alt text, timing."""

    generation: int
    pages: list[Any]  # PIL images of the pages; :meth:`image` gives a QImage
    findings: list[Any]
    alt_text: str
    caption: str
    variant: str
    render_ms: float
    requested_at: float
    extra: dict[str, Any] = field(default_factory=dict)
    _images: dict[int, QImage] = field(default_factory=dict, repr=False)

    def image(self, index: int) -> QImage:
        """Page ``index`` as a QImage (converted once, on first use)."""
        if index not in self._images:
            self._images[index] = pil_to_qimage(self.pages[index])
        return self._images[index]


class PreviewRenderer(QObject):
    """Coalescing background renderer.

    Args:
        render_job: ``render_job(snapshot) -> PreviewFrame fields`` run on a worker thread;
            ``snapshot`` is the deep-copied request.
        parent: owner (error boxes).

    Signals:
        ready(PreviewFrame): a frame of the newest generation is ready.
        failed(BaseException): the newest request could not be rendered.
        busy(bool): a render started / everything settled.
    """

    ready = Signal(object)
    failed = Signal(object)
    busy = Signal(bool)
    _kick_later = Signal()  # queued to itself: "start when the event loop is next free"

    def __init__(self, render_job: Callable[[Any], dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job = render_job
        self._parent_widget = parent
        self.generation = 0
        self._pending: tuple[int, Any, float] | None = None
        self._running: TaskHandle | None = None
        self._scheduled = False
        self._kick_later.connect(self._kick, Qt.ConnectionType.QueuedConnection)
        self.dropped = 0  # stale frames thrown away (visible in tests and the bench)
        self.rendered = 0

    def request(self, snapshot: Any) -> int:
        """Ask for a render of ``snapshot``; returns its generation number."""
        self.generation += 1
        self._pending = (self.generation, _freeze(snapshot), time.perf_counter())
        if self._running is None and not self._scheduled:
            # Start once the GUI thread is back in its event loop: a render thread started in the
            # middle of the keystroke's handling would fight it for the GIL (up to one switch
            # interval, 5 ms, each way).
            self._scheduled = True
            self._kick_later.emit()
        return self.generation

    def _kick(self) -> None:
        if not shiboken6.isValid(self):
            return
        self._scheduled = False
        if self._running is None:
            self._start_next()

    @property
    def idle(self) -> bool:
        """True when nothing is rendering and nothing waits to be rendered."""
        return self._running is None and self._pending is None and not self._scheduled

    def _start_next(self) -> None:
        if self._pending is None:
            self.busy.emit(False)
            return
        gen, snap, asked = self._pending
        self._pending = None
        job_fn = self._job

        def job(progress: Any, cancelled: Any) -> PreviewFrame:
            t0 = time.perf_counter()
            out = job_fn(snap)
            pages = out.pop("pages")
            frame = PreviewFrame(generation=gen, pages=pages, findings=out.pop("findings"),
                                 alt_text=out.pop("alt_text", ""), caption=out.pop("caption", ""),
                                 variant=out.pop("variant", ""), render_ms=0.0, requested_at=asked, extra=out)
            box = snap.get("canvas") if isinstance(snap, dict) else None
            if pages:
                # Only the page on screen becomes a QImage here, already scaled to the canvas:
                # smooth scaling in paintEvent would cost the GUI thread more than the rest of a
                # frame, and a carousel's other pages are converted when the person turns to them.
                idx = min(int(snap.get("page", 0)) if isinstance(snap, dict) else 0, len(pages) - 1)
                full = frame.image(idx)
                if box:
                    w, h = fit_size(box[0], box[1], full.width(), full.height())
                    out["display"] = (idx, full.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                       Qt.TransformationMode.SmoothTransformation))
            frame.render_ms = (time.perf_counter() - t0) * 1000
            return frame

        self.busy.emit(True)
        self._running = run_task(job, name="pratinjau", parent=self._parent_widget,
                                 on_done=self._done, on_error=self._error, on_cancelled=self._settle)

    def _done(self, frame: PreviewFrame) -> None:
        if not shiboken6.isValid(self):  # the screen closed while the render ran
            return
        self._running = None
        self.rendered += 1
        if frame.generation < self.generation:
            self.dropped += 1  # a newer request exists: this frame is stale
        else:
            self.ready.emit(frame)
        self._start_next()

    def _error(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = None
        if self._pending is None:
            self.failed.emit(exc)
        self._start_next()

    def _settle(self) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = None
        self._start_next()


class PreviewCanvas(QWidget):
    """Shows a preview page scaled to fit; a click reports where (fractions of the page)."""

    clicked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap: QPixmap | None = None
        self._scaled: QPixmap | None = None
        self.message = ""
        self.highlight: tuple[float, float, float, float] | None = None  # fractions of the page
        self.setMinimumSize(QSize(220, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        # The canvas paints every pixel itself: Qt need not repaint the card behind it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_image(self, image: QImage | None, display: QImage | None = None) -> None:
        """Show ``image``; ``display`` is the same page already scaled to this canvas (if the worker made it)."""
        self.pixmap = QPixmap.fromImage(image) if image is not None else None
        self._scaled = QPixmap.fromImage(display) if display is not None else None
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def set_highlight(self, box: tuple[float, float, float, float] | None) -> None:
        """Outline ``box`` (x0, y0, x1, y1 as fractions of the page) and dim the rest; None clears it."""
        box = tuple(box) if box is not None else None
        if box != self.highlight:
            self.highlight = box
            self.update()

    def highlight_rect(self) -> QRectF:
        """The outlined box in widget coordinates (empty when nothing is outlined)."""
        rect = self.target_rect()
        if self.highlight is None or rect.isNull():
            return QRectF()
        x0, y0, x1, y1 = self.highlight
        return QRectF(rect.x() + x0 * rect.width(), rect.y() + y0 * rect.height(),
                      (x1 - x0) * rect.width(), (y1 - y0) * rect.height())

    def target_rect(self) -> QRectF:
        """Where the page is drawn inside the widget (kept in proportion, centred)."""
        if self.pixmap is None or self.pixmap.isNull():
            return QRectF()
        w, h = fit_size(self.width(), self.height(), self.pixmap.width(), self.pixmap.height())
        return QRectF((self.width() - w) // 2, (self.height() - h) // 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#e9edf1"))
        rect = self.target_rect()
        if not rect.isNull():
            # A soft shadow lifts the page from the background like a printed proof.
            p.fillRect(rect.translated(3, 4), QColor(16, 40, 59, 40))
            size = rect.size().toSize()
            if self._scaled is None or self._scaled.size() != size:
                # Scaled once per size, then every repaint is a plain copy.
                self._scaled = self.pixmap.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation)
            p.drawPixmap(rect.topLeft(), self._scaled)
            spot = self.highlight_rect()
            if not spot.isNull():
                spot = spot.adjusted(-3, -3, 3, 3).intersected(rect)
                shade = QPainterPath()
                shade.addRect(rect)
                hole = QPainterPath()
                hole.addRoundedRect(spot, 6, 6)
                p.fillPath(shade.subtracted(hole), QColor(16, 40, 59, 110))
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.setPen(QPen(QColor("#d9661b"), 3))
                p.drawRoundedRect(spot, 6, 6)
        if self.message:
            p.setPen(QColor("#5b6b78"))
            p.drawText(self.rect().adjusted(12, 12, -12, -12),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        rect = self.target_rect()
        pos = QPointF(event.position())
        if not rect.isNull() and rect.contains(pos):
            self.clicked.emit((pos.x() - rect.x()) / rect.width(), (pos.y() - rect.y()) / rect.height())
        super().mousePressEvent(event)
