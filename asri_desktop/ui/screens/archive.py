"""Arsip: full-text search with filters, thumbnails, versions and history of the selected asset.

The list is a lazy model (pages of 200 from ``Archive.search``), so 100,000 assets
cost one page at a time. Thumbnails are decoded off the GUI thread by a small
cache that remembers the last few hundred.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import resources, workflow
from asri_desktop.ui import fmt
from asri_desktop.ui.models.assets import AssetSearchModel, ranked_ids
from asri_desktop.ui.models.base import ROW_ROLE
from asri_desktop.ui.models.log import LogModel
from asri_desktop.ui.models.review import VersionsModel, stages_for
from asri_desktop.ui.screens.archive_consent import ConsentPanel
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import DATE_FORMAT, empty_label, pill, today_qdate
from asri_desktop.ui.strings import tr
from asri_desktop.ui.tasks import run_task

IMAGE_EXT = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")
THUMB = 40


def _decode(path: str, box: int) -> QImage:
    """Decode an image scaled to ``box`` (worker thread: QImage, never QPixmap)."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ThumbnailCache:
    """Small thumbnails of assets' first image, decoded in the background, least recently used dropped.

    Args:
        arch: the GUI thread's archive (to find the stored file).
        on_ready: called with the asset id when its thumbnail arrived.
        size: the square box in pixels.
        capacity: how many thumbnails to keep.
    """

    def __init__(self, arch: Any, on_ready: Any, size: int = THUMB, capacity: int = 400) -> None:
        self.arch = arch
        self.on_ready = on_ready
        self.size = size
        self.capacity = capacity
        self._cache: OrderedDict[int, QPixmap | None] = OrderedDict()
        self._pending: set[int] = set()
        self.placeholder = self._placeholder()

    def _placeholder(self) -> QPixmap:
        pix = QPixmap(self.size, self.size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor("#e9edf1"))
        p.setPen(QColor("#d5dce2"))
        p.drawRoundedRect(0, 0, self.size - 1, self.size - 1, 6, 6)
        p.end()
        return pix

    def image_path(self, asset_id: int) -> str | None:
        names = "(" + " OR ".join("lower(f.name) LIKE ?" for _ in IMAGE_EXT) + ")"
        row = self.arch.conn.execute(
            "SELECT f.sha256 FROM assets a JOIN versions v ON v.asset_id = a.id AND v.number = a.current_version"
            f" JOIN files f ON f.version_id = v.id WHERE a.id = ? AND {names} ORDER BY f.id LIMIT 1",
            (int(asset_id), *[f"%{e}" for e in IMAGE_EXT]),
        ).fetchone()
        return str(self.arch.file_path(row[0])) if row else None

    def get(self, asset_id: int) -> QPixmap:
        """The thumbnail if decoded, else the placeholder (and the decode is started)."""
        if asset_id in self._cache:
            self._cache.move_to_end(asset_id)
            return self._cache[asset_id] or self.placeholder
        if asset_id not in self._pending:
            path = self.image_path(asset_id)
            if path is None:
                self._store(asset_id, None)
                return self.placeholder
            self._pending.add(asset_id)
            box = self.size
            run_task(lambda progress, cancelled: _decode(path, box), name="thumbnail",
                     on_done=lambda img, aid=asset_id: self._arrived(aid, img),
                     on_error=lambda exc, aid=asset_id: self._arrived(aid, QImage()))
        return self.placeholder

    def _arrived(self, asset_id: int, image: QImage) -> None:
        self._pending.discard(asset_id)
        self._store(asset_id, None if image.isNull() else QPixmap.fromImage(image))
        self.on_ready(asset_id)

    def _store(self, asset_id: int, pix: QPixmap | None) -> None:
        self._cache[asset_id] = pix
        self._cache.move_to_end(asset_id)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)

    def has(self, asset_id: int) -> bool:
        """True when the thumbnail of ``asset_id`` has been decoded (or found missing)."""
        return asset_id in self._cache

    def clear(self) -> None:
        self._cache.clear()


class ArchiveScreen(Screen):
    """Search the archive."""

    TOPICS = frozenset({"assets", "settings", "log"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None,
                 page_size: int | None = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.setObjectName("archiveScreen")
        self.header(tr("archive.title"))
        self.selected_id: int | None = None
        self._generation = 0  # a newer search makes older background results stale
        self.search_task: Any = None
        self.model = AssetSearchModel(self, page_size)

        # -- search and filters
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(tr("archive.search_ph"))
        self.search_edit.setClearButtonEnabled(True)
        self.root.addWidget(self.search_edit)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.kind_combo = self._combo("kind")
        self.hazard_combo = self._combo("hazard")
        self.location_combo = self._combo("location")
        self.state_combo = self._combo("state")
        for combo in (self.kind_combo, self.hazard_combo, self.location_combo, self.state_combo):
            filters.addWidget(combo)
        self.use_dates = QCheckBox(tr("archive.use_dates"))
        self.use_dates.setObjectName("useDates")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat(DATE_FORMAT)
            d.setEnabled(False)
        today = today_qdate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        filters.addSpacing(8)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        filters.addWidget(self.count_label)
        self.root.addLayout(filters)
        self._fill_filters()

        # -- results and detail
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.results_stack = QStackedWidget()
        self.thumbs = ThumbnailCache(archive, self.model.refresh_row)
        self.model.thumbnail = self.thumbs.get
        self.model.rowsInserted.connect(self._update_count)
        self.table = QTableView()
        self.table.setObjectName("results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 8)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.hideColumn(AssetSearchModel.VERSION)
        self.table.hideColumn(AssetSearchModel.LOCATION)  # shown in the detail and the filter
        self.table.hideColumn(AssetSearchModel.UPDATED)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setSectionResizeMode(AssetSearchModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for col, w in ((AssetSearchModel.ID, 44), (AssetSearchModel.KIND, 86), (AssetSearchModel.HAZARD, 118),
                       (AssetSearchModel.LOCATION, 96), (AssetSearchModel.STATE, 112),
                       (AssetSearchModel.VERSION, 48), (AssetSearchModel.UPDATED, 130)):
            self.table.setColumnWidth(col, w)
        self.table.selectionModel().currentRowChanged.connect(self._on_select)
        self.results_stack.addWidget(self.table)
        self.empty = empty_label(tr("archive.empty"))
        self.results_stack.addWidget(self.empty)
        split.addWidget(self.results_stack)

        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(empty_label(tr("archive.select")))
        dcard, dl = card()
        top = QHBoxLayout()
        self.detail_thumb = QLabel()
        self.detail_thumb.setObjectName("preview")
        self.detail_thumb.setFixedSize(120, 150)
        self.detail_thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.detail_thumb)
        info = QVBoxLayout()
        self.detail_title = QLabel("")
        self.detail_title.setObjectName("h2")
        self.detail_title.setWordWrap(True)
        info.addWidget(self.detail_title)
        self.detail_state = pill("", "#6b7785")
        info.addWidget(self.detail_state, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail_info = QLabel("")
        self.detail_info.setObjectName("muted")
        self.detail_info.setWordWrap(True)
        info.addWidget(self.detail_info)
        info.addStretch(1)
        actions = QHBoxLayout()
        self.submit_button = QPushButton(tr("archive.submit"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setToolTip(tr("archive.submit_hint"))
        self.submit_button.clicked.connect(self.submit_selected)
        actions.addWidget(self.submit_button)
        self.review_button = QPushButton(tr("archive.open_review"))
        self.review_button.clicked.connect(lambda: self.navigate.emit("review", self.selected_id or 0))
        actions.addWidget(self.review_button)
        actions.addStretch(1)
        info.addLayout(actions)
        top.addLayout(info, 1)
        dl.addLayout(top)
        self.tabs = QTabWidget()
        self.versions_model = VersionsModel(self)
        self.versions = QTableView()
        self.versions.setObjectName("versions")
        self.versions.setModel(self.versions_model)
        self.history_model = LogModel(self)
        self.history = QTableView()
        self.history.setObjectName("history")
        self.history.setModel(self.history_model)
        for view in (self.versions, self.history):
            view.verticalHeader().hide()
            view.setShowGrid(False)
            view.setAlternatingRowColors(True)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setHighlightSections(False)
            # A long list of files or a long comment is cut (whole in its tooltip) instead of
            # pushing the other columns out of the narrow detail panel.
            view.horizontalHeader().setMaximumSectionSize(240)
        for col in (LogModel.SEQ, LogModel.ROLE, LogModel.ASSET):
            self.history.hideColumn(col)
        self.versions.hideColumn(VersionsModel.HASH)
        # The file list takes what the narrow panel has left (cut, whole in its tooltip).
        self.versions.horizontalHeader().setStretchLastSection(False)
        self.versions.horizontalHeader().setSectionResizeMode(VersionsModel.FILES, QHeaderView.ResizeMode.Stretch)
        self.versions.horizontalHeader().setMinimumSectionSize(48)
        self.tabs.addTab(self.versions, tr("archive.versions"))
        self.tabs.addTab(self.history, tr("archive.history"))
        self.consents = ConsentPanel(lambda: self.member.name, writer)
        self.tabs.addTab(self.consents, tr("consent.tab"))
        dl.addWidget(self.tabs, 1)
        self.detail_stack.addWidget(dcard)
        split.addWidget(self.detail_stack)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([690, 330])
        self.root.addWidget(split, 1)

        # Typing searches after a short pause, so every keystroke does not query.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self.run_search)
        for combo in (self.kind_combo, self.hazard_combo, self.location_combo, self.state_combo):
            combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(lambda _d: self.run_search())
        self.date_to.dateChanged.connect(lambda _d: self.run_search())
        self.run_search()

    # ------------------------------------------------------------------ filters
    def _combo(self, name: str) -> QComboBox:
        c = QComboBox()
        c.setObjectName(f"{name}Filter")
        c.setMinimumWidth(130)
        c.setProperty("anyText", tr(f"archive.any.{name}"))
        c.setToolTip(tr(f"archive.{name}"))
        return c

    def _fill_filters(self) -> None:
        settings = self.arch.settings()
        kinds = resources.data("roles.toml")["kinds"]
        options = {
            self.kind_combo: [(k, fmt.kind(k)) for k in kinds],
            self.hazard_combo: [(h["id"], h["name"]) for h in settings.get("hazards", [])],
            self.location_combo: [(k["name"], k["name"]) for k in settings.get("kecamatan", [])],
            self.state_combo: [(s, fmt.state(s)) for s in workflow.STATES],
        }
        self.model.hazard_names = {h["id"]: h["name"] for h in settings.get("hazards", [])}
        for combo, items in options.items():
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(combo.property("anyText"), None)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep else 0)
            combo.blockSignals(False)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.run_search()

    def filters(self) -> dict[str, Any]:
        """The filter values as ``Archive.search`` keywords (None = any)."""
        f: dict[str, Any] = {
            "kind": self.kind_combo.currentData(),
            "hazard": self.hazard_combo.currentData(),
            "location": self.location_combo.currentData(),
            "state": self.state_combo.currentData(),
        }
        if self.use_dates.isChecked():
            f["date_from"] = self.date_from.date().toString("yyyy-MM-dd")
            f["date_to"] = self.date_to.date().toString("yyyy-MM-dd")
        return f

    # ------------------------------------------------------------------ searching
    def run_search(self) -> None:
        """Search now with the current text and filters (the first page loads; more on scroll)."""
        self._debounce.stop()
        keep = self.selected_id
        text = self.search_edit.text()
        self._generation += 1
        if self.arch.fts_query(text):
            # Ranking every match (100,000 of them in a big archive) takes a while: off the GUI thread.
            generation, filters = self._generation, {k: v for k, v in self.filters().items() if v}
            self.count_label.setText(tr("archive.searching"))
            self.search_task = run_task(
                lambda arch, progress, cancelled: ranked_ids(arch, text, filters),
                name=tr("archive.searching"), parent=self, home=self.arch.home,
                on_done=lambda ids: self._ids_ready(generation, ids, keep))
            return
        self.search_task = None
        self.model.search(self.arch, text, **self.filters())
        self._after_search(keep)

    def _ids_ready(self, generation: int, ids: list[int], keep: int | None) -> None:
        if generation != self._generation:
            return  # the person typed on; a newer search is running
        self.search_task = None
        self.model.show_ids(self.arch, ids)
        self._after_search(keep)

    def searching(self) -> bool:
        """True while a text search is ranking in the background."""
        return self.search_task is not None

    def _after_search(self, keep: int | None) -> None:
        self._update_count()
        self.results_stack.setCurrentIndex(0 if self.model.rowCount() else 1)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select_asset(keep)
        else:
            self.selected_id = None
            self.detail_stack.setCurrentIndex(0)
            self.consents.clear()

    def _update_count(self, *args: Any) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(tr("archive.count", shown=f"{shown:,}".replace(",", "."),
                                    total=f"{total:,}".replace(",", ".")))

    def refresh(self) -> None:
        self._fill_filters()
        self.thumbs.clear()
        self.run_search()
        if self.selected_id is not None:
            self._show_detail(self.selected_id)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def select_asset(self, asset_id: int) -> None:
        """Select ``asset_id`` in the results (clearing the search first when it is not among them)."""
        r = self.model.row_of(int(asset_id))
        if r < 0:
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            for c in (self.kind_combo, self.hazard_combo, self.location_combo, self.state_combo):
                c.blockSignals(True)
                c.setCurrentIndex(0)
                c.blockSignals(False)
            self.use_dates.setChecked(False)
            self.model.search(self.arch, "")
            self._update_count()
            self.results_stack.setCurrentIndex(0 if self.model.rowCount() else 1)
            # The newest assets come first; an older one may sit a few pages down.
            while (r := self.model.row_of(int(asset_id))) < 0 and self.model.canFetchMore():
                self.model.fetchMore()
        if r >= 0:
            idx = self.model.index(r, AssetSearchModel.TITLE)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(idx)

    def submit_selected(self) -> None:
        """Send the selected draft to the technical review (through the writer)."""
        if self.selected_id is None or self.writer is None:
            return
        aid, who = self.selected_id, self.member.name
        self.submit_button.setEnabled(False)

        def done(_decision: Any) -> None:
            window = self.window()
            if window is not None and hasattr(window, "statusBar"):
                window.statusBar().showMessage(tr("archive.submitted", id=aid), 6000)

        def failed(exc: BaseException) -> None:
            from asri_desktop.ui.errors import show_error

            self.submit_button.setEnabled(True)
            show_error(self, exc)

        self.writer.submit(lambda arch: arch.submit(aid, who), {"assets", "log"}, on_done=done, on_error=failed)

    def _on_select(self, current: QModelIndex, _prev: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row:
            self.selected_id = row["id"]
            self._show_detail(row["id"])

    def _show_detail(self, asset_id: int) -> None:
        a = self.arch.asset(asset_id)
        self.detail_stack.setCurrentIndex(1)
        self.detail_title.setText(f"#{a.id} {a.title}")
        self.detail_state.setText(fmt.state(a.state))
        self.detail_state.setStyleSheet(f"background: {fmt.STATE_COLOURS.get(a.state, '#6b7785')};")
        parts = [fmt.kind(a.kind)]
        if a.hazard:
            parts.append(fmt.hazard(a.hazard, self.model.hazard_names))
        if a.location:
            parts.append(a.location)
        parts.append(f"{tr('col.creator')}: {a.created_by}")
        parts.append(fmt.long_datetime(a.updated_at))
        self.detail_info.setText("\n".join(parts))
        path = self.thumbs.image_path(a.id)
        pix = QPixmap()
        if path:
            img = _decode(path, 150)
            if not img.isNull():
                pix = QPixmap.fromImage(img)
        if pix.isNull():
            self.detail_thumb.setPixmap(QPixmap())
            self.detail_thumb.setText(fmt.kind(a.kind))
        else:
            self.detail_thumb.setPixmap(pix)
        self.submit_button.setVisible(a.state == workflow.DRAFT)
        self.submit_button.setEnabled(True)
        self.review_button.setVisible(a.state in stages_for(self.member.roles))
        self.versions_model.load(self.arch, a.id)
        # Version notes are rare: their column shows only when one of this asset's versions has one.
        self.versions.setColumnHidden(VersionsModel.NOTE, not any(r["note"] for r in self.versions_model.rows()))
        self.versions.resizeColumnsToContents()
        self.history_model.load(self.arch, asset_id=a.id)
        self.history.resizeColumnsToContents()
        self.consents.load(self.arch, a.id, a.title)
