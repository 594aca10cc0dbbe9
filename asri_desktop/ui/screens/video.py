"""The Video screen: open a short video and its subtitles, play it with captions, check, export.

The checks and the export are the core's (:func:`asri_desktop.core.media.checks.check_video`,
:func:`asri_desktop.core.media.export.export_video`); they run off the GUI thread through
the one task helper (:func:`asri_desktop.ui.tasks.run_task`), report progress, and the
export stops for real when the person presses Batal (the core polls ``cancel()`` and
removes its partial file).

Playback uses QtMultimedia, imported only in :mod:`.video_player`. A machine without a
multimedia backend (a server, the offscreen test platform) still gets the whole screen:
checks, the cue table and export work, and the player area says playback is unavailable.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Callable, ClassVar

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import dates, resources
from asri_desktop.core.errors import InputError
from asri_desktop.ui.errors import describe
from asri_desktop.ui.models.cues import CuesModel
from asri_desktop.ui.models.findings import FindingsModel, format_time
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import WrapDelegate, empty_label
from asri_desktop.ui.screens.create_form import ContactsEditor, shrinkable
from asri_desktop.ui.screens.video_player import PlayerPanel
from asri_desktop.ui.strings import label, tr
from asri_desktop.ui.tasks import TaskHandle, run_task

log = logging.getLogger(__name__)

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi")
SUBTITLE_SUFFIXES = (".srt", ".vtt")


def _alive(method: Callable[..., None]) -> Callable[..., None]:
    """For callbacks of background jobs: do nothing when the screen was closed while the job ran."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any) -> None:
        if shiboken6.isValid(self):
            method(self, *args)

    return wrapper


def _profiles() -> list[tuple[str, str]]:
    """(id, name) of the video profiles in resources/video_profiles.toml, the default first."""
    table = resources.data("video_profiles.toml")
    default = table.get("default")
    items = [(pid, str(p.get("name", pid))) for pid, p in table.get("profiles", {}).items()]
    items.sort(key=lambda item: item[0] != default)
    return items


class VideoScreen(Screen):
    """Open, play, check and export a short video with its subtitles.

    Args:
        archive: the GUI thread's archive (settings for the end card).
        member: who works.
        parent: the owning widget.
        writer: the app's database writer (unused: this screen writes no archive rows).
        playback: False builds the screen without QtMultimedia (tests, servers); None decides
            from the environment (``ASRI_NO_MULTIMEDIA=1`` turns it off).
    """

    TOPICS: ClassVar[frozenset[str]] = frozenset({"settings"})
    checked = Signal(object)  # CheckResult of the last check
    exported = Signal(object)  # CheckResult of the re-checked export

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None,
                 playback: bool | None = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.video_path: Path | None = None
        self.subtitle_path: Path | None = None
        self.result: Any = None
        self.export_result: Any = None
        self.check_task: TaskHandle | None = None
        self.export_task: TaskHandle | None = None
        self.export_preset: str | None = None  # tests and benches choose a faster x264 preset
        self.setAcceptDrops(True)

        row = self.header(tr("video.title"), tr("video.subtitle"))
        self.subtitle.setWordWrap(True)  # the header must not set the screen's minimum width
        self.open_video_btn = QPushButton(tr("video.open_video"))
        self.open_video_btn.clicked.connect(self.choose_video)
        self.open_subs_btn = QPushButton(tr("video.open_subtitles"))
        self.open_subs_btn.clicked.connect(self.choose_subtitles)
        self.profile_combo = QComboBox()
        self.profile_combo.setToolTip(tr("video.profile_tip"))
        self.profile_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile_combo.setMinimumContentsLength(18)
        for pid, name in _profiles():
            self.profile_combo.addItem(label(name), pid)
        self.profile_combo.currentIndexChanged.connect(lambda _i: self.run_check())
        self.check_btn = QPushButton(tr("video.check"))
        self.check_btn.setObjectName("primary")
        self.check_btn.clicked.connect(self.run_check)
        for w in (self.open_video_btn, self.open_subs_btn, QLabel(tr("video.profile")), self.profile_combo,
                  self.check_btn):
            if isinstance(w, QPushButton):
                shrinkable(w)
            row.addWidget(w)

        self.files_label = QLabel(tr("video.no_file"))
        self.files_label.setObjectName("muted")
        self.files_label.setWordWrap(True)
        self.root.addWidget(self.files_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.root.addWidget(split, 1)

        # -- left: the player with the caption under the picture
        left, left_lay = card(tr("video.player"))
        self.player = PlayerPanel(enabled=playback)
        self.player.position_changed.connect(self._on_position)
        left_lay.addWidget(self.player, 1)
        split.addWidget(left)

        # -- right: findings / cues / export
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.setSpacing(10)
        self.summary = QLabel(tr("video.drop_hint"))
        self.summary.setObjectName("bannerInfo")
        self.summary.setWordWrap(True)
        right_lay.addWidget(self.summary)
        prog_row = QHBoxLayout()
        self.check_progress = QProgressBar()
        self.check_progress.setRange(0, 100)
        self.check_progress.setTextVisible(False)
        self.check_progress.setFixedHeight(8)
        self.check_status = QLabel("")
        self.check_status.setObjectName("hint")
        prog_row.addWidget(self.check_progress, 1)
        prog_row.addWidget(self.check_status)
        self.check_progress_row = QWidget()
        self.check_progress_row.setLayout(prog_row)
        self.check_progress_row.setVisible(False)
        right_lay.addWidget(self.check_progress_row)

        self.tabs = QTabWidget()
        self.findings_model = FindingsModel(self)
        self.findings_view = self._table(self.findings_model, FindingsModel.MESSAGE)
        self.findings_view.clicked.connect(self._finding_clicked)
        self.findings_view.activated.connect(self._finding_clicked)
        self.cues_model = CuesModel(self)
        self.cues_view = self._table(self.cues_model, CuesModel.TEXT)
        self.cues_view.clicked.connect(self._cue_clicked)
        # Until a check has run, the tab explains itself instead of showing an empty table.
        self.findings_stack = QStackedWidget()
        self.findings_stack.addWidget(empty_label(tr("video.findings_empty")))
        self.findings_stack.addWidget(self.findings_view)
        self.tabs.addTab(self.findings_stack, tr("video.tab.findings"))
        self.tabs.addTab(self.cues_view, tr("video.tab.cues"))
        self.tabs.addTab(self._export_panel(), tr("video.tab.export"))
        right_lay.addWidget(self.tabs, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        self._update_buttons()

    # ------------------------------------------------------------------ building
    def _table(self, model: Any, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.setItemDelegate(WrapDelegate(view))
        view.verticalHeader().setVisible(False)
        head = view.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        # Wrapped messages need their rows re-measured whenever the message column changes width.
        head.sectionResized.connect(lambda i, _o, _n: view.resizeRowsToContents() if i == stretch else None)
        return view

    def _export_panel(self) -> QWidget:
        panel = QWidget()
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(14, 12, 14, 12)
        intro = QLabel(tr("video.export.intro"))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        lay.addWidget(intro)
        form = QFormLayout()
        self.end_card_check = QCheckBox(tr("video.export.end_card"))
        self.end_card_check.setToolTip(tr("video.export.end_card_tip"))
        self.end_card_check.setChecked(True)
        self.ec_title = QLineEdit()
        self.ec_title.setPlaceholderText(tr("video.export.title_ph"))
        self.ec_source = QComboBox()
        self.ec_source.setEditable(True)
        self.ec_source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ec_source.setMinimumContentsLength(16)
        self.ec_location = QComboBox()
        form.addRow(self.end_card_check)
        form.addRow(tr("create.stamp.title"), self.ec_title)
        form.addRow(tr("create.stamp.source"), self.ec_source)
        form.addRow(tr("create.stamp.location"), self.ec_location)
        self.ec_contacts = ContactsEditor("contacts", tr("create.stamp.contacts"), [])
        self.ec_contacts.list.setMaximumHeight(110)
        form.addRow(tr("create.stamp.contacts"), self.ec_contacts)
        self.end_card_check.toggled.connect(
            lambda on: [w.setEnabled(on) for w in (self.ec_title, self.ec_source, self.ec_location,
                                                   self.ec_contacts)])
        lay.addLayout(form)
        row = QHBoxLayout()
        self.export_btn = shrinkable(QPushButton(tr("video.export.start")))
        self.export_btn.setObjectName("primary")
        self.export_btn.clicked.connect(self.choose_export)
        self.cancel_btn = shrinkable(QPushButton(tr("action.cancel")))
        self.cancel_btn.setEnabled(False)
        self.cancel_btn.clicked.connect(self.cancel_export)
        row.addWidget(self.export_btn)
        row.addWidget(self.cancel_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.export_progress = QProgressBar()
        self.export_progress.setRange(0, 100)
        self.export_progress.setValue(0)
        self.export_progress.setTextVisible(False)
        self.export_progress.setFixedHeight(10)
        lay.addWidget(self.export_progress)
        self.export_status = QLabel("")
        self.export_status.setWordWrap(True)
        # Banners from the start: Qt applies a style's padding when a widget is first polished.
        self.export_status.setObjectName("bannerInfo")
        self.export_status.setVisible(False)
        lay.addWidget(self.export_status)
        self.export_result_label = QLabel("")
        self.export_result_label.setObjectName("bannerOk")
        self.export_result_label.setWordWrap(True)
        self.export_result_label.setVisible(False)
        lay.addWidget(self.export_result_label)
        lay.addStretch(1)
        self._fill_stamp_choices()
        return panel

    def _fill_stamp_choices(self) -> None:
        settings = self.arch.settings() if self.arch is not None else {}
        current_src = self.ec_source.currentText()
        self.ec_source.clear()
        for src in settings.get("sources", []):
            self.ec_source.addItem(str(src.get("name", "")))
        if current_src:
            self.ec_source.setCurrentText(current_src)
        current_loc = self.ec_location.currentText()
        self.ec_location.clear()
        self.ec_location.addItem(tr("video.export.location_pick"), "")
        for kec in settings.get("kecamatan", []):
            name = str(kec.get("name", ""))
            self.ec_location.addItem(tr("create.kecamatan_item", name=name), name)
        if current_loc:
            self.ec_location.setCurrentText(current_loc)
        contacts = list(settings.get("contacts", []))
        first = self.ec_contacts.list.count() == 0
        self.ec_contacts.set_contacts(contacts, settings.get("agency", {}))
        if first:
            wanted = resources.data("render.toml").get("stamps", {}).get("default_contacts", [])
            known = [str(c.get("id")) for c in contacts]
            self.ec_contacts.set_value([c for c in wanted if c in known] or known[:2])

    # ------------------------------------------------------------------ refresh
    def refresh(self) -> None:
        """Reload the settings the end card uses (sources, kecamatan)."""
        self._fill_stamp_choices()

    def _update_buttons(self) -> None:
        has_video = self.video_path is not None
        checking = self.check_task is not None and not self.check_task.finished
        exporting = self.export_task is not None and not self.export_task.finished
        self.check_btn.setEnabled(has_video and not checking)
        self.export_btn.setEnabled(has_video and self.subtitle_path is not None and not exporting)
        self.cancel_btn.setEnabled(exporting)
        names = []
        if self.video_path:
            names.append(tr("video.file_video", name=self.video_path.name))
        if self.subtitle_path:
            names.append(tr("video.file_subtitles", name=self.subtitle_path.name))
        self.files_label.setText("   ·   ".join(names) if names else tr("video.no_file"))

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        # Another screen was chosen: a playing video must not go on talking behind it.
        self.player.pause()
        super().hideEvent(event)

    # ------------------------------------------------------------------ opening files
    def choose_video(self) -> None:
        """Pick a video with a file dialog."""
        path, _ = QFileDialog.getOpenFileName(self, tr("video.open_video"), "", tr("video.filter_video"))
        if path:
            self.open_video(path)

    def choose_subtitles(self) -> None:
        """Pick an SRT/WebVTT file with a file dialog."""
        path, _ = QFileDialog.getOpenFileName(self, tr("video.open_subtitles"), "", tr("video.filter_subtitles"))
        if path:
            self.open_subtitles(path)

    def open_video(self, path: str | Path, *, check: bool = True) -> None:
        """Show ``path`` in the player and (by default) check it in the background.

        A subtitle file beside it with the same name (``video.srt`` / ``video.vtt``) is opened too.
        """
        p = Path(path)
        if not p.is_file():
            self._show_problem(InputError(tr("video.err.not_found", name=str(p))))
            return
        self.video_path = p
        if self.subtitle_path is None:
            for suffix in SUBTITLE_SUFFIXES:
                sibling = p.with_suffix(suffix)
                if sibling.is_file():
                    self.subtitle_path = sibling
                    break
        self.player.load(p)
        self.export_result_label.setVisible(False)
        self._update_buttons()
        if check:
            self.run_check()

    def open_subtitles(self, path: str | Path, *, check: bool = True) -> None:
        """Use ``path`` as the video's subtitles; re-check when a video is open."""
        p = Path(path)
        if not p.is_file():
            self._show_problem(InputError(tr("video.err.not_found", name=str(p))))
            return
        self.subtitle_path = p
        self._update_buttons()
        if check and self.video_path is not None:
            self.run_check()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(Path(u.toLocalFile()).suffix.lower() in VIDEO_SUFFIXES + SUBTITLE_SUFFIXES
               for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.open_dropped([u.toLocalFile() for u in event.mimeData().urls()])
        event.acceptProposedAction()

    def open_dropped(self, paths: list[str]) -> None:
        """Open dropped files: a video and/or a subtitle file, in either order, one check after."""
        video = next((p for p in paths if Path(p).suffix.lower() in VIDEO_SUFFIXES), None)
        subs = next((p for p in paths if Path(p).suffix.lower() in SUBTITLE_SUFFIXES), None)
        if subs:
            self.open_subtitles(subs, check=video is None)
        if video:
            self.open_video(video)
        if not video and not subs:
            self._show_problem(InputError(tr("video.err.drop")))

    # ------------------------------------------------------------------ checking
    def profile(self) -> str:
        """The chosen profile id."""
        return str(self.profile_combo.currentData())

    def run_check(self) -> None:
        """Check the open video (with its subtitles) in the background; an older check is cancelled."""
        if self.video_path is None:
            return
        if self.check_task is not None and not self.check_task.finished:
            self.check_task.cancel()
        from asri_desktop.core.media import checks

        video, subs, profile = self.video_path, self.subtitle_path, self.profile()

        def job(progress: Any, cancelled: Any) -> Any:
            return checks.check_video(video, subtitles=subs, profile=profile, speech=True,
                                      progress=progress, cancel=cancelled)

        self.check_progress.setValue(0)
        self.check_status.setText(tr("video.checking"))
        self.check_progress_row.setVisible(True)
        handle = run_task(job, name=tr("video.checking"), parent=self,
                          on_progress=lambda f, m: self._check_progress(handle, f, m),
                          on_done=lambda r: self._checked(handle, r),
                          on_error=lambda e: self._check_failed(handle, e),
                          on_cancelled=lambda: self._check_ended(handle))
        self.check_task = handle
        self._update_buttons()

    @_alive
    def _check_progress(self, handle: TaskHandle, fraction: float, message: str) -> None:
        if handle is self.check_task:
            self.check_progress.setValue(int(round(fraction * 100)))
            if message:
                self.check_status.setText(message)

    @_alive
    def _check_ended(self, handle: TaskHandle) -> None:
        if handle is self.check_task:
            self.check_progress_row.setVisible(False)
            self._update_buttons()

    @_alive
    def _check_failed(self, handle: TaskHandle, exc: BaseException) -> None:
        if handle is not self.check_task:
            return
        self._check_ended(handle)
        self._set_banner("bannerBad", describe(exc))

    @_alive
    def _checked(self, handle: TaskHandle, result: Any) -> None:
        if handle is not self.check_task:
            return  # a newer check replaced this one
        self._check_ended(handle)
        self.show_result(result)
        self.checked.emit(result)

    def show_result(self, result: Any) -> None:
        """Fill the findings and cue tables from a :class:`CheckResult`."""
        self.result = result
        self.findings_model.set_findings(result.findings)
        self.findings_stack.setCurrentWidget(self.findings_view)
        self.cues_model.set_cues(result.cues or [])
        self.findings_view.resizeRowsToContents()
        self.player.set_caption_source(self.cues_model.text_at_time)
        if result.media is not None and result.media.duration and not self.player.available:
            self.player.set_duration(int(result.media.duration * 1000))
        counts = self.findings_model.counts()
        media = result.media
        facts = ""
        if media is not None and media.primary_video is not None:
            w, h = media.primary_video.display_size
            facts = tr("video.facts", w=w, h=h, duration=format_time(media.duration or 0.0))
        if result.ok:
            text = tr("video.ok", warnings=counts["warning"], facts=facts)
        else:
            text = tr("video.bad", errors=counts["error"], warnings=counts["warning"], facts=facts)
        self._set_banner("bannerOk" if result.ok else "bannerBad", text)
        self.tabs.setTabText(0, tr("video.tab.findings_n", n=len(result.findings)))
        self.tabs.setTabText(1, tr("video.tab.cues_n", n=len(result.cues or [])))

    def _set_banner(self, name: str, text: str) -> None:
        self.summary.setObjectName(name)
        self.summary.setText(text)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def _show_problem(self, exc: BaseException) -> None:
        self._set_banner("bannerBad", describe(exc))

    # ------------------------------------------------------------------ jumping
    def _finding_clicked(self, index: QModelIndex) -> None:
        finding = self.findings_model.finding_at(index.row())
        if finding is None:
            return
        if finding.cue is not None:
            row = self.cues_model.row_of(finding.cue)
            if row >= 0:
                self.cues_view.selectRow(row)
        if finding.at is not None:
            self.seek(finding.at)
        elif finding.cue is not None:
            row = self.cues_model.row_of(finding.cue)
            if row >= 0:
                self.seek(self.cues_model.row_at(row)["start"])

    def _cue_clicked(self, index: QModelIndex) -> None:
        row = self.cues_model.row_at(index.row())
        if row is not None:
            self.seek(row["start"])

    def seek(self, seconds: float) -> None:
        """Move the player to ``seconds`` and show the caption of that moment."""
        self.player.seek(int(round(seconds * 1000)))

    def _on_position(self, ms: int) -> None:
        row = self.cues_model.cue_at_time(ms / 1000.0)
        if row >= 0 and self.cues_view.currentIndex().row() != row and self.tabs.currentWidget() is self.cues_view:
            self.cues_view.selectRow(row)

    # ------------------------------------------------------------------ export
    def end_card_data(self) -> dict[str, Any] | None:
        """The stamp data of the end card from the export form (None when the card is off)."""
        if not self.end_card_check.isChecked():
            return None
        title = self.ec_title.text().strip()
        if not title and self.video_path is not None:
            title = self.video_path.stem.replace("_", " ").replace("-", " ")
        location = self.ec_location.currentData() or ""
        return {
            "title": title,
            "date": dates.today().isoformat(),
            "source": self.ec_source.currentText().strip(),
            "location": {"kecamatan": location} if location else "",
            "contacts": self.ec_contacts.value(),
        }

    def choose_export(self) -> None:
        """Ask where to write the exported MP4, then export."""
        if self.video_path is None:
            return
        suggested = str(self.video_path.with_name(self.video_path.stem + "-asri.mp4"))
        path, _ = QFileDialog.getSaveFileName(self, tr("video.export.dialog"), suggested, tr("video.filter_mp4"))
        if path:
            if not path.lower().endswith(".mp4"):
                path += ".mp4"
            self.start_export(path)

    def start_export(self, out: str | Path) -> TaskHandle | None:
        """Export the open video with burned-in captions (and end card) to ``out`` in the background."""
        if self.video_path is None or self.subtitle_path is None:
            self._set_export_status(tr("video.export.need_files"), bad=True)
            return None
        from asri_desktop.core.media import export

        video, subs, profile = self.video_path, self.subtitle_path, self.profile()
        card_data = self.end_card_data()
        settings = self.arch.settings() if self.arch is not None else None
        preset = self.export_preset
        out_path = Path(out)

        def job(progress: Any, cancelled: Any) -> Any:
            return export.export_video(video, subs, out_path, end_card=card_data, profile=profile,
                                       settings=settings, progress=progress, cancel=cancelled, preset=preset)

        self.export_progress.setValue(0)
        self.export_result_label.setVisible(False)
        self._set_export_status(tr("video.export.running", name=out_path.name))
        handle = run_task(job, name=tr("video.export.running", name=out_path.name), parent=self,
                          on_progress=self._export_progress,
                          on_done=lambda r: self._exported(out_path, r),
                          on_error=self._export_failed,
                          on_cancelled=self._export_cancelled)
        self.export_task = handle
        self._update_buttons()
        return handle

    def cancel_export(self) -> None:
        """Stop the running export; the core removes its partial file."""
        if self.export_task is not None and not self.export_task.finished:
            self.export_task.cancel()
            self.cancel_btn.setEnabled(False)
            self._set_export_status(tr("video.export.cancelling"))

    @_alive
    def _export_progress(self, fraction: float, message: str) -> None:
        self.export_progress.setValue(int(round(fraction * 100)))
        if message:
            self.export_status.setText(f"{message} ({int(round(fraction * 100))}%)")

    def _set_export_status(self, text: str, *, bad: bool = False) -> None:
        self.export_status.setText(text)
        self.export_status.setVisible(bool(text))
        self.export_status.setObjectName("bannerBad" if bad else "bannerInfo")
        self.export_status.style().unpolish(self.export_status)
        self.export_status.style().polish(self.export_status)

    @_alive
    def _exported(self, out: Path, result: Any) -> None:
        self.export_result = result
        self.export_progress.setValue(100)
        self._update_buttons()
        self._set_export_status(tr("video.export.done", path=str(out)))
        notes = [f for f in result.findings if f.severity != "error"]
        warnings = sum(1 for f in notes if f.severity == "warning")
        text = tr("video.export.recheck", warnings=warnings)
        if notes:  # the re-check's own words, so nothing hides behind a count
            text += "\n" + "\n".join(f"• {f.message}" for f in notes[:4])
        self.export_result_label.setText(text)
        self.export_result_label.setObjectName("bannerOk")
        self.export_result_label.style().unpolish(self.export_result_label)
        self.export_result_label.style().polish(self.export_result_label)
        self.export_result_label.setVisible(True)
        self.exported.emit(result)

    @_alive
    def _export_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.export_progress.setValue(0)
        self._set_export_status(describe(exc), bad=True)

    @_alive
    def _export_cancelled(self) -> None:
        self._update_buttons()
        self.export_progress.setValue(0)
        self._set_export_status(tr("video.export.cancelled"))
