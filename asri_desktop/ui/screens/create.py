"""Buat Konten: pick a template, fill the form, watch the live preview, save a draft, export.

The screen is a thin face over :mod:`asri_desktop.core.templates`: the form is
generated from the template's slots (:mod:`.create_form`), every edit goes through
a ``QUndoStack``, the preview is the core's ``render(..., scale=0.5)`` run off the
GUI thread by :class:`.create_preview.PreviewRenderer` (newest request wins), the
findings beside it are the renderer's (missing stamps, overflow, contrast) plus
the language analysis of the post's text. Saving goes through the app's one
database writer; export runs in the background with a progress bar, and a
refusal names the missing mandatory elements.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core.errors import AsriError, RefusedError
from asri_desktop.ui.errors import describe
from asri_desktop.ui.models.findings import FindingsModel
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import WrapDelegate
from asri_desktop.ui.screens.create_form import (
    ComboEditor,
    ContactsEditor,
    DateEditor,
    FieldEditor,
    ImageEditor,
    ListEditor,
    SetFieldCommand,
    SourceTimeEditor,
    TextEditor,
    UndoKeys,
    shrinkable,
)
from asri_desktop.ui.screens.create_preview import PREVIEW_SCALE, PreviewCanvas, PreviewFrame, PreviewRenderer, pil_to_qimage
from asri_desktop.ui.strings import label, tr
from asri_desktop.ui.tasks import TaskHandle, run_task

log = logging.getLogger(__name__)
POINTER_MS = 4000  # how long a clicked finding's spot stays outlined on the preview

THUMB_SCALE = 0.12
_thumb_cache: dict[tuple[str, str], QImage] = {}

# Keys of the stamp fields (the rest of the form are the template's slots).
STAMP_KEYS = ("title", "hazard", "date", "source", "source_time", "kecamatan", "desa", "contacts")


def split_kecamatan(text: str) -> list[str]:
    """``"Sungailiat, Pemali"`` → two kecamatan (the combo is editable for several)."""
    return [k.strip() for k in str(text or "").split(",") if k.strip()]


def compose_data(values: dict[str, Any], slot_ids: list[str]) -> dict[str, Any]:
    """The template data dict from the form's values (what ``render``/``export`` and the archive take)."""
    data: dict[str, Any] = {}
    for sid in slot_ids:
        v = values.get(sid)
        if v not in (None, "", []):
            data[sid] = v
    data["title"] = str(values.get("title") or "").strip()
    if values.get("hazard"):
        data["hazard"] = values["hazard"]
    data["date"] = values.get("date") or ""
    src = str(values.get("source") or "").strip()
    when = str(values.get("source_time") or "").strip()
    data["source"] = {"name": src, "time": when} if src and when else src
    kecs = split_kecamatan(values.get("kecamatan", ""))
    desa = str(values.get("desa") or "").strip()
    if kecs:
        data["location"] = {"kecamatan": kecs[0] if len(kecs) == 1 else kecs, **({"desa": desa} if desa else {})}
    else:
        data["location"] = ""
    data["contacts"] = list(values.get("contacts") or [])
    return data


def decompose_data(data: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The form's values from a data dict (a template's sample, or a saved draft's fields)."""
    values = {k: v for k, v in data.items() if k not in ("source", "location")}
    src = data.get("source")
    name, when = (src.get("name"), src.get("time")) if isinstance(src, dict) else (src, None)
    name = str(name or "")
    for s in settings.get("sources", []):  # show the source's full name, as the combo lists it
        if name.lower() in (str(s.get("id", "")).lower(), str(s.get("short", "")).lower()):
            name = str(s.get("name", name))
    values["source"] = name
    values["source_time"] = str(when or "")
    loc = data.get("location")
    kec, desa = (loc.get("kecamatan"), loc.get("desa")) if isinstance(loc, dict) else (loc, "")
    values["kecamatan"] = ", ".join(kec) if isinstance(kec, list) else str(kec or "")
    values["desa"] = str(desa or "")
    return values


def post_text(spec: Any, data: dict[str, Any]) -> str:
    """The words of the post, in reading order, for the language analysis."""
    parts = [str(data.get("title") or "")]
    for slot in spec.slots:
        if slot.id == "title":
            continue
        v = data.get(slot.id)
        if slot.type == "text" and isinstance(v, str):
            parts.append(v)
        elif slot.type == "list" and isinstance(v, list):
            for item in v:
                if isinstance(item, dict):
                    parts.append(". ".join(str(x) for x in (item.get("title"), item.get("text")) if x))
                else:
                    parts.append(str(item))
    return "\n".join(p for p in parts if p.strip())


def render_preview(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Worker-thread job of the preview: render at preview scale and analyse the language."""
    from asri_desktop.core.review import language
    from asri_desktop.core.templates import render

    spec, data, settings = snapshot["spec"], snapshot["data"], snapshot["settings"]
    result = render(spec, data, variant=snapshot["variant"], scale=snapshot.get("scale", PREVIEW_SCALE),
                    settings=settings, base_dir=spec.dir)
    # The person's own words (not the template's upper-cased styling) plus the stamp band as drawn:
    # the band carries the source, place and time a complete warning names.
    band = [text for page in result.texts[:1] for role, text in page if role == "stempel" and text.strip()]
    report = language.analyze("\n".join([post_text(spec, data), *band]), alt_text=result.alt_text,
                              settings=settings)
    return {"pages": result.pages, "findings": list(result.findings) + list(report.findings),
            "alt_text": result.alt_text, "caption": result.caption, "variant": result.variant,
            "boxes": result.boxes}


class CreateScreen(Screen):
    """The Buat Konten screen.

    Args:
        archive: the GUI thread's archive (settings; reads).
        member: who works (saves are in their name).
        parent: owning widget.
        writer: the app's one database writer; saves go through it.
    """

    TOPICS: ClassVar[frozenset[str]] = frozenset({"settings"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.spec: Any = None
        self.variant: str | None = None
        self.values: dict[str, Any] = {}
        self.editors: dict[str, FieldEditor] = {}
        self.asset_id: int | None = None
        self.frame: PreviewFrame | None = None
        self.findings_generation = 0  # generation of the frame whose findings the table shows
        self.page_index = 0
        self.export_task: TaskHandle | None = None
        self.last_manifest: dict[str, Any] | None = None
        self.settings: dict[str, Any] = archive.settings() if archive is not None else {}
        self.undo_stack = QUndoStack(self)
        self._undo_keys = UndoKeys(self.undo, self.redo, self)
        self.renderer = PreviewRenderer(render_preview, self)
        self.renderer.ready.connect(self._show_frame)
        self.renderer.failed.connect(self._preview_failed)
        self.renderer.busy.connect(lambda b: self.preview_status.setText(tr("create.preview.rendering")) if b else None)

        row = self.header(tr("create.title"), tr("create.subtitle"))
        self.subtitle.setWordWrap(True)  # the header must not set the screen's minimum width
        self.new_btn = QPushButton(tr("create.new"))
        self.new_btn.clicked.connect(self.new_content)
        self.sample_btn = QPushButton(tr("create.sample"))
        self.sample_btn.clicked.connect(self.fill_sample)
        self.undo_btn = QPushButton(tr("create.undo"))
        self.undo_btn.setToolTip("Ctrl+Z")
        self.undo_btn.clicked.connect(self.undo)
        self.redo_btn = QPushButton(tr("create.redo"))
        self.redo_btn.setToolTip("Ctrl+Shift+Z")
        self.redo_btn.clicked.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_btn.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_btn.setEnabled)
        self.undo_btn.setEnabled(False)
        self.redo_btn.setEnabled(False)
        self.save_btn = QPushButton(tr("create.save_draft"))
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self.save_draft)
        for b in (self.new_btn, self.sample_btn, self.undo_btn, self.redo_btn, self.save_btn):
            shrinkable(b)
            row.addWidget(b)
        for seq in (QKeySequence.StandardKey.Undo,):
            QShortcut(QKeySequence(seq), self, self.undo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for seq in ("Ctrl+Shift+Z", "Ctrl+Y"):
            QShortcut(QKeySequence(seq), self, self.redo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_draft,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_btn.setToolTip("Ctrl+S")

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.root.addWidget(split, 1)

        # -- templates
        tcard, tlay = card(tr("create.template"))
        self.template_list = QListWidget()
        self.template_list.setObjectName("templates")
        self.template_list.setViewMode(QListView.ViewMode.IconMode)
        self.template_list.setFlow(QListView.Flow.LeftToRight)
        self.template_list.setWrapping(True)
        self.template_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.template_list.setMovement(QListView.Movement.Static)
        self.template_list.setIconSize(QSize(56, 70))
        self.template_list.setGridSize(QSize(74, 116))
        self.template_list.setStyleSheet("QListWidget#templates { font-size: 8.5pt; }")
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.setWordWrap(True)
        self.template_list.setSpacing(4)
        self.template_list.currentRowChanged.connect(self._template_row_changed)
        tlay.addWidget(self.template_list, 1)
        vrow = QFormLayout()
        self.variant_combo = QComboBox()
        self.variant_combo.currentIndexChanged.connect(self._variant_changed)
        vrow.addRow(tr("create.variant"), self.variant_combo)
        tlay.addLayout(vrow)
        tcard.setMinimumWidth(196)
        tcard.setMaximumWidth(220)
        split.addWidget(tcard)

        # -- form
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_holder = QWidget()
        self.form_lay = QVBoxLayout(self.form_holder)
        self.form_lay.setContentsMargins(0, 0, 6, 0)
        self.form_lay.setSpacing(12)
        self.form_scroll.setWidget(self.form_holder)
        self.form_scroll.setMinimumWidth(340)
        split.addWidget(self.form_scroll)

        # -- preview, findings, export
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.setSpacing(10)
        pcard, play = card(tr("create.preview"))
        self.canvas = PreviewCanvas()
        self.canvas.clicked.connect(self._preview_clicked)
        # A clicked finding outlines its spot on the preview for a few seconds.
        self.pointed: str | None = None
        self.pointer_timer = QTimer(self)
        self.pointer_timer.setSingleShot(True)
        self.pointer_timer.setInterval(POINTER_MS)
        self.pointer_timer.timeout.connect(self._clear_pointer)
        play.addWidget(self.canvas, 1)
        nav = QHBoxLayout()
        self.prev_page_btn = QPushButton("‹")
        self.prev_page_btn.setFixedWidth(36)
        self.prev_page_btn.clicked.connect(lambda: self._turn_page(-1))
        self.page_label = QLabel("")
        self.page_label.setObjectName("hint")
        self.next_page_btn = QPushButton("›")
        self.next_page_btn.setFixedWidth(36)
        self.next_page_btn.clicked.connect(lambda: self._turn_page(1))
        self.preview_status = QLabel("")
        self.preview_status.setObjectName("hint")
        nav.addWidget(self.prev_page_btn)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_page_btn)
        nav.addStretch(1)
        nav.addWidget(self.preview_status)
        play.addLayout(nav)
        rlay.addWidget(pcard, 5)

        fcard, flay = card(tr("create.findings"))
        self.findings_summary = QLabel("")
        self.findings_summary.setObjectName("muted")
        flay.addWidget(self.findings_summary)
        self.findings_model = FindingsModel(self)
        self.findings_model.show_lines = False  # lines of the analysed text mean nothing on a poster
        self.findings_model.where_in_message = True  # the column beside the preview is narrow
        self.findings_view = QTableView()
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.verticalHeader().setVisible(False)
        self.findings_view.setWordWrap(True)
        self.findings_view.setItemDelegate(WrapDelegate(self.findings_view))
        self.findings_view.setAlternatingRowColors(True)
        head = self.findings_view.horizontalHeader()
        head.setSectionResizeMode(FindingsModel.SEVERITY, QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(FindingsModel.WHERE, QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(FindingsModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.findings_view.setColumnWidth(FindingsModel.SEVERITY, 100)
        self.findings_view.setColumnHidden(FindingsModel.WHERE, True)
        self.findings_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped messages need their rows re-measured when the message column changes width.
        head.sectionResized.connect(
            lambda i, _o, _n: self.findings_view.resizeRowsToContents() if i == FindingsModel.MESSAGE else None)
        self.findings_view.clicked.connect(self._finding_clicked)
        flay.addWidget(self.findings_view, 1)
        self.findings_view.setMinimumHeight(96)
        rlay.addWidget(fcard, 2)

        ecard, elay = card()
        erow = QHBoxLayout()
        erow.addWidget(QLabel(tr("create.platform")))
        self.platform_combo = QComboBox()
        self.platform_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.platform_combo.setMinimumContentsLength(14)
        self.platform_combo.addItem(tr("create.platform_any"), "")
        from asri_desktop.core.templates import platforms

        for p in platforms():
            self.platform_combo.addItem(label(str(p.get("label", p["id"]))), p["id"])
        erow.addWidget(self.platform_combo, 1)
        self.export_btn = shrinkable(QPushButton(tr("create.export")))
        self.export_btn.setObjectName("primary")
        self.export_btn.clicked.connect(self.choose_export)
        erow.addWidget(self.export_btn)
        elay.addLayout(erow)
        self.export_progress = QProgressBar()
        self.export_progress.setRange(0, 100)
        self.export_progress.setValue(0)
        self.export_progress.setTextVisible(False)
        self.export_progress.setFixedHeight(8)
        elay.addWidget(self.export_progress)
        self.status = QLabel("")
        # Every state of this label is a banner (same padding): Qt applies a style's box model when the
        # widget is first polished, so the label starts as one.
        self.status.setObjectName("bannerInfo")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        rlay.addWidget(ecard)
        # Outside the card: the card's "#card QLabel" style would strip the banner's colours.
        rlay.addWidget(self.status)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 5)
        split.setSizes([210, 350, 610])

        self._load_templates()

    # ------------------------------------------------------------------ templates
    def _load_templates(self) -> None:
        from asri_desktop.core.templates import list_templates

        try:
            self.templates = list_templates()
        except AsriError as exc:
            self.templates = []
            self._set_status(describe(exc), "bannerBad")
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for spec in self.templates:
            item = QListWidgetItem(label(spec.name))
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setToolTip(spec.description or spec.name)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.template_list.addItem(item)
            self._request_thumbnail(spec, item)
        self.template_list.blockSignals(False)
        if self.templates:
            self.template_list.setCurrentRow(0)
        else:
            self.canvas.set_message(tr("create.no_templates"))

    def _request_thumbnail(self, spec: Any, item: QListWidgetItem) -> None:
        key = (spec.id, spec.variants[0].id)
        if key in _thumb_cache:
            item.setIcon(QIcon(QPixmap.fromImage(_thumb_cache[key])))
            return

        def job(progress: Any, cancelled: Any) -> QImage:
            return pil_to_qimage(spec.thumbnail(key[1], scale=THUMB_SCALE))

        def done(img: QImage) -> None:
            _thumb_cache[key] = img
            if shiboken6.isValid(self.template_list):  # the screen may have closed meanwhile
                try:
                    item.setIcon(QIcon(QPixmap.fromImage(img)))
                except RuntimeError:  # the list was rebuilt meanwhile
                    pass

        run_task(job, name="thumbnail", parent=self, on_done=done, on_error=lambda e: log.info("thumbnail: %s", e))

    def select_template(self, template_id: str, variant: str | None = None) -> None:
        """Choose a template (and variant) by id, as a click in the list would."""
        for i in range(self.template_list.count()):
            if self.template_list.item(i).data(Qt.ItemDataRole.UserRole) == template_id:
                self.template_list.setCurrentRow(i)
                break
        else:
            raise KeyError(template_id)
        if variant:
            idx = self.variant_combo.findData(variant)
            if idx >= 0:
                self.variant_combo.setCurrentIndex(idx)

    def _template_row_changed(self, row: int) -> None:
        if not (0 <= row < len(self.templates)):
            return
        keep = compose_data(self.values, []) if self.spec is not None else None
        if self.spec is not None and self.spec.id != self.templates[row].id and self.asset_id is not None:
            # Another template is another piece of content: the next save starts a new asset.
            self.asset_id = None
            self._set_status("", None)
        self.spec = self.templates[row]
        self.variant_combo.blockSignals(True)
        self.variant_combo.clear()
        for v in self.spec.variants:
            self.variant_combo.addItem(label(v.label), v.id)
            self.variant_combo.setItemData(self.variant_combo.count() - 1, f"{v.width}×{v.height} px",
                                           Qt.ItemDataRole.ToolTipRole)
        self.variant_combo.blockSignals(False)
        self.variant = self.spec.variants[0].id
        self._build_form()
        values = self._default_values()
        if keep:
            # Switching template keeps what was typed in the stamps (title, source, place ...).
            old = decompose_data(keep, self.settings)
            values.update({k: old[k] for k in STAMP_KEYS if old.get(k) not in (None, "", [])})
        self._load_values(values)

    def _variant_changed(self, index: int) -> None:
        v = self.variant_combo.itemData(index)
        if v and v != self.variant:
            self.variant = v
            self.page_index = 0
            self.request_preview()

    # ------------------------------------------------------------------ form
    def _default_values(self) -> dict[str, Any]:
        from asri_desktop.core import dates, resources

        wanted = resources.data("render.toml").get("stamps", {}).get("default_contacts", [])
        known = [str(c.get("id")) for c in self.settings.get("contacts", [])]
        return {"date": dates.today().isoformat(), "contacts": [c for c in wanted if c in known] or known[:2],
                "source": "", "source_time": "", "kecamatan": "", "desa": "", "hazard": "", "title": ""}

    def _build_form(self) -> None:
        while self.form_lay.count():
            item = self.form_lay.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.editors = {}
        spec = self.spec
        sample: dict[str, Any] = {}
        try:
            sample = spec.sample()
        except AsriError:
            pass

        ccard, clay = card(tr("create.form"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        for slot in spec.slots:
            if slot.id == "title":
                continue  # the title is a stamp: it sits with the other mandatory elements
            editor = self._slot_editor(slot, sample)
            self._add_editor(form, editor, required=slot.required)
        clay.addLayout(form)
        self.form_lay.addWidget(ccard)

        scard, slay = card(tr("create.stamps"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        title_slot = spec.slot("title")
        self._add_editor(form, TextEditor("title", title_slot.label if title_slot else tr("create.stamp.title"),
                                          max_chars=title_slot.max_chars if title_slot else None), required=True)
        hazards = [(tr("create.hazard_none"), "")] + [(label(str(h.get("name"))), str(h.get("id")))
                                                      for h in self.settings.get("hazards", [])]
        self._add_editor(form, ComboEditor("hazard", tr("create.stamp.hazard"), hazards))
        self._add_editor(form, DateEditor("date", tr("create.stamp.date")), required=True)
        sources = [(str(s.get("name")), str(s.get("id"))) for s in self.settings.get("sources", [])]
        self._add_editor(form, ComboEditor("source", tr("create.stamp.source"), sources, editable=True,
                                           placeholder=tr("create.stamp.source_ph")), required=True)
        self._add_editor(form, SourceTimeEditor("source_time", tr("create.stamp.source_time")))
        kecs = [(str(k.get("name")), str(k.get("name"))) for k in self.settings.get("kecamatan", [])]
        self._add_editor(form, ComboEditor("kecamatan", tr("create.stamp.location"), kecs, editable=True,
                                           placeholder=tr("create.stamp.location_ph")), required=True)
        self._add_editor(form, TextEditor("desa", tr("create.stamp.desa"), placeholder=tr("create.stamp.desa_ph")))
        self._add_editor(form, ContactsEditor("contacts", tr("create.stamp.contacts"),
                                              list(self.settings.get("contacts", [])),
                                              agency=self.settings.get("agency", {})), required=True)
        slay.addLayout(form)
        self.form_lay.addWidget(scard)
        self.form_lay.addStretch(1)

    def _slot_editor(self, slot: Any, sample: dict[str, Any]) -> FieldEditor:
        if slot.type == "list":
            items = sample.get(slot.id) or []
            pairs = bool(items) and isinstance(items[0], dict)
            return ListEditor(slot.id, slot.label, pairs=pairs, max_items=slot.max_items, help_text=slot.help)
        if slot.type == "image":
            return ImageEditor(slot.id, slot.label)
        return TextEditor(slot.id, slot.label, multiline=slot.multiline, max_chars=slot.max_chars,
                          placeholder=slot.help)

    def _add_editor(self, form: QFormLayout, editor: FieldEditor, *, required: bool = False) -> None:
        text = tr("create.required", label=editor.label) if required else editor.label
        lab = QLabel(text)
        lab.setObjectName("h3")
        form.addRow(lab, editor)
        editor.edited.connect(self._on_edited)
        for w in editor.undo_targets():
            w.installEventFilter(self._undo_keys)
        self.editors[editor.key] = editor

    def _load_values(self, values: dict[str, Any]) -> None:
        """Show ``values`` in every editor (no undo history: a fresh start)."""
        self.values = {}
        for key, editor in self.editors.items():
            editor.set_value(values.get(key))
            self.values[key] = editor.value()
        self.undo_stack.clear()
        self.page_index = 0
        self.request_preview()

    def new_content(self) -> None:
        """Start a new, empty content on the current template."""
        self.asset_id = None
        self._load_values(self._default_values())
        self._set_status("", None)

    def fill_sample(self) -> None:
        """Fill the form with the template's sample content (a starting point to edit)."""
        if self.spec is None:
            return
        try:
            sample = self.spec.sample()
        except AsriError as exc:
            self._set_status(describe(exc), "bannerBad")
            return
        for slot in self.spec.slots:  # a sample photo path is relative to its template folder
            v = sample.get(slot.id)
            if slot.type == "image" and isinstance(v, str) and v and not Path(v).is_absolute():
                sample[slot.id] = str(self.spec.dir / v)
        self._load_values({**self._default_values(), **decompose_data(sample, self.settings)})

    def select_asset(self, asset_id: int) -> None:
        """Open a saved draft for editing: its template, variant and content; the next save adds a version."""
        try:
            asset = self.arch.asset(asset_id)
            version = self.arch.version(asset_id)
        except AsriError as exc:
            self._set_status(describe(exc), "bannerBad")
            return
        if not asset.template_id or asset.template_id not in {t.id for t in self.templates}:
            self._set_status(tr("create.not_template", id=asset_id), "bannerInfo")
            return
        fields = dict(version.fields)
        variant = fields.pop("template_variant", None)
        for key in ("alt_text", "caption"):
            fields.pop(key, None)
        self.select_template(asset.template_id, variant)
        spec = self.spec
        stored = {f.name: f for f in version.files}
        for slot in spec.slots:
            value = fields.get(slot.id)
            path = value.get("path") if isinstance(value, dict) else value
            if slot.type != "image" or not path or Path(str(path)).is_file():
                continue
            # The photo moved since it was saved: use the copy kept in the archive's store.
            rec = next((f for n, f in stored.items() if n.startswith(f"foto-{slot.id}")), None)
            if rec is not None:
                kept = str(self.arch.file_path(rec.sha256))
                fields[slot.id] = {**value, "path": kept} if isinstance(value, dict) else kept
        self._load_values({**self._default_values(), **decompose_data(fields, self.settings)})
        self.asset_id = asset_id
        self._set_status(tr("create.editing", id=asset_id, version=version.number, title=asset.title),
                         "bannerInfo")

    def data(self) -> dict[str, Any]:
        """The current content as the template data dict."""
        return compose_data(self.values, [s.id for s in self.spec.slots if s.id != "title"] if self.spec else [])

    # ------------------------------------------------------------------ edits and undo
    def _on_edited(self, key: str, value: Any, typing: bool) -> None:
        old = self.values.get(key)
        if old == value:
            return
        editor = self.editors.get(key)
        self.undo_stack.push(SetFieldCommand(self._apply, key, old, value, editor.label if editor else key, typing))

    def _apply(self, key: str, value: Any) -> None:
        self.values[key] = value
        editor = self.editors.get(key)
        if editor is not None and editor.value() != value:
            editor.set_value(value)
        self.request_preview()

    def undo(self) -> None:
        """Undo the last field edit (typing in one field is one step)."""
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # ------------------------------------------------------------------ preview
    def request_preview(self) -> int:
        """Ask for a new preview of the current content; returns the request's generation."""
        if self.spec is None:
            return self.renderer.generation
        return self.renderer.request({"spec": self.spec, "data": self.data(), "variant": self.variant,
                                      "settings": self.settings, "scale": PREVIEW_SCALE,
                                      "canvas": (self.canvas.width(), self.canvas.height()),
                                      "page": self.page_index})

    def _show_frame(self, frame: PreviewFrame) -> None:
        self.frame = frame
        self.page_index = min(self.page_index, max(0, len(frame.pages) - 1))
        self._show_page()
        img = frame.image(self.page_index) if frame.pages else None
        size = f"{img.width()}x{img.height()}" if img is not None else ""
        self.preview_status.setText(tr("create.preview.ms", size=size, ms=round(frame.render_ms)))
        # The page is painted first; the findings table follows in the next turn of the event loop.
        QTimer.singleShot(0, lambda: self._show_findings(frame))

    def _show_findings(self, frame: PreviewFrame) -> None:
        if not shiboken6.isValid(self) or frame is not self.frame:
            return  # closed, or a newer frame arrived: its findings will be shown
        labels = {s.id: s.label for s in self.spec.slots} if self.spec else {}
        labels.update({"title": tr("create.stamp.title"), "source": tr("create.stamp.source"),
                       "location": tr("create.stamp.location"), "contacts": tr("create.stamp.contacts"),
                       "date": tr("create.stamp.date"), "logo": tr("create.stamp.logo")})
        self.findings_model.set_findings(frame.findings, labels)
        self.findings_view.resizeRowsToContents()
        counts = self.findings_model.counts()
        if not frame.findings:
            self.findings_summary.setText(tr("create.findings_none"))
        else:
            self.findings_summary.setText(tr("create.findings_summary", errors=counts["error"],
                                             warnings=counts["warning"]))
        self.findings_generation = frame.generation

    def _show_page(self) -> None:
        frame = self.frame
        if frame is None or not frame.pages:
            self.canvas.set_image(None)
            return
        self.canvas.set_message("")
        display = frame.extra.get("display")
        self.canvas.set_image(frame.image(self.page_index),
                              display[1] if display and display[0] == self.page_index else None)
        many = len(frame.pages) > 1
        for w in (self.prev_page_btn, self.next_page_btn, self.page_label):
            w.setVisible(many)
        self.page_label.setText(tr("create.preview.page", n=self.page_index + 1, total=len(frame.pages)))
        self.prev_page_btn.setEnabled(self.page_index > 0)
        self.next_page_btn.setEnabled(self.page_index < len(frame.pages) - 1)
        self._apply_pointer()

    def _turn_page(self, delta: int) -> None:
        if self.frame and 0 <= self.page_index + delta < len(self.frame.pages):
            self.page_index += delta
            self._show_page()

    def _preview_failed(self, exc: BaseException) -> None:
        self.canvas.set_image(None)
        self.canvas.set_message(tr("create.preview.failed", error=describe(exc)))
        self.preview_status.setText("")

    def _preview_clicked(self, fx: float, fy: float) -> None:
        """A click on a photo in the preview sets that photo's focal point."""
        if self.spec is None or self.page_index != 0:
            return
        v = self.spec.variant(self.variant)
        content = 1.0 - v.band / v.height
        cy = fy / content  # page fraction → fraction of the content area the boxes are in
        for el in self.spec.pages[0].elements:
            if el.get("type") != "photo":
                continue
            eff = {**el, **el.get("variant", {}).get(v.id, {})}
            x, y, w, h = eff["box"]
            editor = self.editors.get(el.get("slot", ""))
            if not isinstance(editor, ImageEditor) or not (x <= fx <= x + w and y <= cy <= y + h):
                continue
            focal = self._focal_for_click(editor, (fx - x) / w, (cy - y) / h, w * v.width,
                                          h * v.height * content)
            if focal is not None:
                editor.set_focal(*focal)
            return

    @staticmethod
    def _focal_for_click(editor: ImageEditor, bx: float, by: float, box_w: float,
                         box_h: float) -> tuple[float, float] | None:
        """Where in the photo (fractions) the clicked point of its cropped box lies (the renderer's cover crop)."""
        value = editor.value()
        if not value:
            return None
        try:
            from PIL import Image

            with Image.open(value["path"]) as im:
                iw, ih = im.size
        except (OSError, ValueError):
            return None
        s = max(box_w / iw, box_h / ih)
        nw, nh = iw * s, ih * s
        fx, fy = value["focal"]
        x0 = min(max(0.0, fx * nw - box_w / 2), nw - box_w)
        y0 = min(max(0.0, fy * nh - box_h / 2), nh - box_h)
        return ((x0 + bx * box_w) / nw, (y0 + by * box_h) / nh)

    def _finding_clicked(self, index: QModelIndex) -> None:
        """Show where a finding is: its page, its spot outlined on the preview, its field in the form."""
        f = self.findings_model.finding_at(index.row())
        if f is None:
            return
        page = (f.extra or {}).get("page")
        if (self.frame is not None and isinstance(page, int) and 1 <= page <= len(self.frame.pages)
                and page - 1 != self.page_index):
            self.page_index = page - 1
            self._show_page()
        # A stamp band overflow is reported as "stamp.<key>"; the band's fields are the stamp keys.
        key = f.slot[6:] if f.slot and f.slot.startswith("stamp.") else f.slot
        self._point_at(key)
        if not key:
            return
        editor = self.editors.get({"location": "kecamatan"}.get(key, key))
        if editor is not None:
            self.form_scroll.ensureWidgetVisible(editor)
            editor.focus_editor()

    def _point_at(self, key: str | None) -> None:
        """Outline ``key``'s place on the preview for a few seconds (it follows the page while shown)."""
        self.pointed = key
        self._apply_pointer()
        if key:
            self.pointer_timer.start()

    def _clear_pointer(self) -> None:
        self.pointed = None
        self._apply_pointer()

    def _apply_pointer(self) -> None:
        box = None
        if self.pointed and self.frame is not None:
            boxes = self.frame.extra.get("boxes") or []
            if self.page_index < len(boxes):
                box = boxes[self.page_index].get(self.pointed)
        self.canvas.set_highlight(box)

    # ------------------------------------------------------------------ status
    def _set_status(self, text: str, kind: str | None) -> None:
        self.status.setVisible(bool(text))
        self.status.setText(text)
        self.status.setObjectName(kind or "bannerInfo")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        # The right column is tight on a 1280x800 window: reserve the banner's full wrapped height.
        width = max(200, self.status.width())
        self.status.setMinimumHeight(self.status.heightForWidth(width) if text else 0)

    def refresh(self) -> None:
        """Settings changed (contacts, sources, kecamatan): rebuild the choices, keep the content."""
        if self.arch is None:
            return
        self.settings = self.arch.settings()
        if self.spec is not None:
            values = dict(self.values)
            self._build_form()
            for key, editor in self.editors.items():
                editor.set_value(values.get(key))
                self.values[key] = editor.value()
            self.request_preview()

    # ------------------------------------------------------------------ save
    def save_draft(self) -> None:
        """Save as a draft: a new asset the first time, a new version after (through the writer)."""
        if self.spec is None:
            return
        spec, data, variant, settings = self.spec, self.data(), self.variant, dict(self.settings)
        actor = self.member.name
        asset_id = self.asset_id
        title = data.get("title") or spec.name
        kecs = split_kecamatan(self.values.get("kecamatan", ""))

        def op(arch: Any) -> tuple[int, int]:
            from asri_desktop.core.templates import render

            result = render(spec, data, variant=variant, scale=1.0, settings=settings, base_dir=spec.dir)
            tmp = Path(tempfile.mkdtemp(prefix="asri-draft-"))
            try:
                files: list[Any] = []
                for i, page in enumerate(result.pages, 1):
                    name = f"halaman-{i:02d}.png" if len(result.pages) > 1 else "pratinjau.png"
                    page.convert("RGB").save(tmp / name, "PNG")
                    files.append((name, tmp / name, "render"))
                for slot in spec.slots:
                    v = data.get(slot.id)
                    path = v.get("path") if isinstance(v, dict) else v
                    if slot.type == "image" and path and Path(path).is_file():
                        files.append((f"foto-{slot.id}{Path(path).suffix.lower()}", Path(path), "source"))
                fields = {**data, "template_variant": variant, "alt_text": result.alt_text,
                          "caption": result.caption}
                if asset_id is None:
                    asset = arch.import_asset(files, kind=spec.kind, title=title, actor=actor,
                                              hazard=data.get("hazard") or None,
                                              location=kecs[0] if kecs else None, template_id=spec.id,
                                              fields=fields)
                    return asset.id, 1
                version = arch.add_version(asset_id, files, actor=actor, fields=fields, title=title)
                return asset_id, version.number
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

        self.save_btn.setEnabled(False)
        self._set_status(tr("create.saving"), "bannerInfo")
        if self.writer is not None:
            self.writer.submit(op, {"assets", "log"}, on_done=self._saved, on_error=self._save_failed)
        else:  # a screen used without the app (scripts): write on this thread's connection
            try:
                self._saved(op(self.arch))
            except Exception as exc:  # noqa: BLE001 - shown to the person like the writer would
                self._save_failed(exc)

    def _saved(self, result: tuple[int, int]) -> None:
        self.save_btn.setEnabled(True)
        aid, version = result
        first = self.asset_id is None
        self.asset_id = aid
        self._set_status(tr("create.saved_new", id=aid) if first else tr("create.saved_version", id=aid,
                                                                           version=version), "bannerOk")

    def _save_failed(self, exc: BaseException) -> None:
        self.save_btn.setEnabled(True)
        if isinstance(exc, RefusedError) and exc.rule == "no_change":
            self._set_status(tr("create.no_change"), "bannerInfo")
        else:
            self._set_status(describe(exc), "bannerBad")

    # ------------------------------------------------------------------ export
    def choose_export(self) -> None:
        """Ask for an output folder, then export."""
        folder = QFileDialog.getExistingDirectory(self, tr("create.export_dialog"))
        if folder:
            self.start_export(folder)

    def start_export(self, out_dir: str | Path) -> TaskHandle | None:
        """Export the content for the chosen platform into ``out_dir`` in the background."""
        if self.spec is None:
            return None
        from asri_desktop.core.templates import export, platform_profile

        spec, data, settings = self.spec, self.data(), dict(self.settings)
        platform = self.platform_combo.currentData() or None
        fmt = platform_profile(platform)["formats"][0] if platform else "jpeg"
        # With a platform the exporter picks the variant closest to its ratio; without, the chosen one.
        variant = None if platform else self.variant
        out = Path(out_dir)

        def job(progress: Any, cancelled: Any) -> dict[str, Any]:
            return export(spec, data, out, variant=variant, platform=platform, fmt=fmt, settings=settings,
                          progress=lambda done, total, msg: progress(done / total if total else 1.0, msg),
                          cancel=cancelled, base_dir=spec.dir)

        self.export_btn.setEnabled(False)
        self.export_progress.setValue(0)
        self._set_status(tr("create.exporting"), "bannerInfo")
        self.export_task = run_task(job, name=tr("create.exporting"), parent=self,
                                    on_progress=lambda f, m: self.export_progress.setValue(int(round(f * 100))),
                                    on_done=lambda manifest: self._exported(out, manifest),
                                    on_error=self._export_failed,
                                    on_cancelled=lambda: self.export_btn.setEnabled(True))
        return self.export_task

    def _exported(self, out: Path, manifest: dict[str, Any]) -> None:
        self.export_btn.setEnabled(True)
        self.export_progress.setValue(100)
        self.last_manifest = manifest
        n = len(manifest.get("files", [])) + (1 if manifest.get("pdf") else 0)
        self._set_status(tr("create.exported", n=n, path=str(out)), "bannerOk")

    def _export_failed(self, exc: BaseException) -> None:
        self.export_btn.setEnabled(True)
        self.export_progress.setValue(0)
        # A refusal names every missing element; shown where the person just clicked, without the
        # finding codes the core adds for scripts ("[stamp.missing]").
        text = describe(exc)
        if isinstance(exc, AsriError):
            text = re.sub(r"\n\s*-\s*", "\n• ", re.sub(r"\[[a-z_]+(?:\.[a-z_]+)+\]\s*", "", text))
        self._set_status(text, "bannerBad")
