"""Pengaturan › Paket Replikasi: export this archive's replication pack; preview and apply another office's.

The work is the core's (:mod:`asri_desktop.core.plan.replication`). This tab asks
for file names, reads in the background (:func:`asri_desktop.ui.tasks.run_task`,
each job on its own archive connection) and imports through the app's one writer.
Opening a pack only shows what would change, item by item (*baru*, *sama*,
*berbeda*); nothing is written before the person presses Terapkan, and a
differing item is replaced only when "Ganti yang berbeda" is ticked and confirmed.
Only a Koordinator Konten or an Admin Platform may apply a pack.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import dates
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import replication
from asri_desktop.core.plan.replication import Change, PackPreview
from asri_desktop.ui import fmt
from asri_desktop.ui.errors import describe, show_error
from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.screens.base import card
from asri_desktop.ui.screens.settings_replication_strings import STATUS_KEYS
from asri_desktop.ui.screens.widgets import empty_label
from asri_desktop.ui.strings import label, tr
from asri_desktop.ui.tasks import TaskHandle, run_task

log = logging.getLogger(__name__)

SUFFIX = ".asripack"  # what the core's docstring and messages name; any ZIP with a manifest is read
STATUS_ORDER = {"conflict": 0, "add": 1, "same": 2}
# Colours of the screens' palette (resources/ui/style.qss): success green, warning amber, muted grey.
STATUS_COLOURS = {"add": "#2e7d4f", "same": "#5b6b78", "conflict": "#a15c00"}
NAMES_SHOWN = 6  # items named in a confirmation or result before "dan n lainnya"


class PackChanged(InputError):
    """The pack or the archive changed between the preview and Terapkan; nothing was written."""


# ---------------------------------------------------------------------- helpers
def may_apply(member: Any) -> bool:
    """True when ``member`` holds a role that may apply a replication pack."""
    allowed = replication.import_roles()  # resources/roles.toml [deciders] pack_import; the core enforces it
    return member is not None and any(r in allowed for r in getattr(member, "roles", ()))


def apply_roles_text() -> str:
    """``Koordinator Konten atau Admin Platform``."""
    return tr("pack.roles_join").join(fmt.role(r) for r in replication.import_roles())


def area_label(area: str) -> str:
    """The Indonesian name of a change's area (``settings:contacts`` -> ``Kontak darurat``)."""
    if area.startswith("settings:"):
        key = area.split(":", 1)[1]
        return label(replication.SETTING_LABELS.get(key, key))
    if area in ("resource", "template"):
        return tr(f"pack.area.{area}")
    return label(area)


def item_names(changes: Iterable[Change], limit: int = NAMES_SHOWN) -> str:
    """``Kontak darurat 112, Templat poster`` (the first ``limit``, then "dan n lainnya")."""
    names = [tr("pack.item", area=area_label(c.area), item=c.key) for c in changes]
    if len(names) <= limit:
        return ", ".join(names)
    return tr("pack.more", items=", ".join(names[:limit]), n=len(names) - limit)


def default_file_name(agency: dict[str, Any], day: date) -> str:
    """``paket-asri-bangka-2026-11-20.asripack`` from the agency's region (or name) and the day."""
    region = str(agency.get("region") or agency.get("name") or "").split(",")[0].strip()
    region = re.sub(r"^(bpbd\s+)?(kabupaten|kab\.|kota)\s+", "", region, flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-")
    if not slug:
        slug = re.sub(r"[^a-z0-9]+", "-", tr("pack.default_region").lower()).strip("-")
    return f"paket-asri-{slug}-{day.isoformat()}{SUFFIX}"


# ---------------------------------------------------------------------- model
class PackChangesModel(RowsModel):
    """The preview of a pack: one row per item, differing ones first, then new, then identical."""

    ID_KEY = "id"
    AREA, ITEM, STATUS, DETAIL = range(4)
    COLUMNS = (
        ("area", "pack.col.area"),
        ("key", "pack.col.item"),
        ("status", "pack.col.status"),
        ("detail", "pack.col.detail"),
    )

    def set_changes(self, changes: Iterable[Change]) -> None:
        """The one entry point: replace every row with ``changes`` (the core's order within a status)."""
        ordered = sorted(enumerate(changes), key=lambda p: (STATUS_ORDER.get(p[1].status, 3), p[0]))
        self.set_rows([{"id": f"{c.area}/{c.key}", "area": c.area, "key": c.key, "status": c.status,
                        "detail": c.detail} for _n, c in ordered])

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.AREA:
            return area_label(row["area"])
        if column == self.STATUS:
            key = STATUS_KEYS.get(row["status"])
            return tr(key) if key else label(row["status"])
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return (row["detail"] or None) if column in (self.ITEM, self.DETAIL) else None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if column != self.STATUS:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS.get(row["status"], "#333333")))
        if role == Qt.ItemDataRole.FontRole and row["status"] != "same":
            font = QFont()
            font.setBold(True)
            return font
        return None


# ---------------------------------------------------------------------- tab
class ReplicationTab(QWidget):
    """Export this archive's replication pack; open another's, preview it and apply it.

    Args:
        archive: the GUI thread's archive (reads only; background jobs open their own).
        member: who works, or a callable returning the current member (the settings
            screen's member changes when roles change).
        parent: the owning widget.
        writer: the app's single database writer; without one (tests, tools) the
            import runs on ``archive`` directly.
    """

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("packTab")
        self.arch = archive
        self._member = member
        self.writer = writer
        self.pack_path: Path | None = None
        self.preview: PackPreview | None = None
        self.export_task: TaskHandle | None = None
        self.preview_task: TaskHandle | None = None
        self.applying = False
        self.last_export: Path | None = None
        self.last_result: PackPreview | None = None
        self.last_message = ""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 14)
        lay.setSpacing(12)
        lay.addWidget(self._export_card())
        lay.addWidget(self._import_card(), 1)
        self._show_preview()

    # ------------------------------------------------------------------ building
    def _busy_row(self) -> tuple[QWidget, QLabel]:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        bar = QProgressBar()
        bar.setRange(0, 0)  # the core reports no steps: a busy indicator, not a percentage
        bar.setTextVisible(False)
        bar.setFixedHeight(8)
        bar.setMaximumWidth(220)
        text = QLabel("")
        text.setObjectName("hint")
        h.addWidget(bar)
        h.addWidget(text, 1)
        row.hide()
        return row, text

    def _banner(self) -> QLabel:
        b = QLabel("")
        b.setObjectName("bannerInfo")
        b.setWordWrap(True)
        b.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        b.hide()
        return b

    @staticmethod
    def _hint_row(lay: QVBoxLayout, hint_key: str, button_key: str, name: str,
                  slot: Callable[[], None]) -> QPushButton:
        """A card's explanation with its action button on the right; returns the button."""
        row = QHBoxLayout()
        hint = QLabel(tr(hint_key))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        button = QPushButton(tr(button_key))
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)
        return button

    def _export_card(self) -> QWidget:
        frame, lay = card(tr("pack.export.title"))
        self.export_button = self._hint_row(lay, "pack.export.hint", "pack.export.button", "packExport",
                                            self.export_pack)
        self.export_busy, self.export_busy_text = self._busy_row()
        lay.addWidget(self.export_busy)
        result = QHBoxLayout()
        self.export_banner = self._banner()
        self.export_banner.setObjectName("bannerOk")
        result.addWidget(self.export_banner, 1)
        self.open_folder_button = QPushButton(tr("action.open_folder"))
        self.open_folder_button.setObjectName("link")
        self.open_folder_button.clicked.connect(self._open_folder)
        self.open_folder_button.hide()
        result.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(result)
        return frame

    def _import_card(self) -> QWidget:
        frame, lay = card(tr("pack.import.title"))
        self.open_button = self._hint_row(lay, "pack.import.hint", "pack.import.button", "packOpen",
                                          self.open_pack_dialog)
        self.import_busy, self.import_busy_text = self._busy_row()
        lay.addWidget(self.import_busy)
        self.import_banner = self._banner()
        lay.addWidget(self.import_banner)

        # The preview: who made the pack, the counts, the table and the apply row.
        self.preview_box = QWidget()
        box = QVBoxLayout(self.preview_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(6)
        heading = QHBoxLayout()
        self.origin_label = QLabel("")
        self.origin_label.setObjectName("h3")
        self.origin_label.setWordWrap(True)
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("muted")
        heading.addWidget(self.origin_label, 1)
        heading.addWidget(self.counts_label, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(heading)
        self.model = PackChangesModel(self)
        self.table = QTableView()
        self.table.setObjectName("packTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col in (PackChangesModel.AREA, PackChangesModel.ITEM, PackChangesModel.STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PackChangesModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)  # a few rows even in a small window
        box.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.replace_box = QCheckBox(tr("pack.replace"))
        self.replace_box.setObjectName("packReplace")
        self.replace_box.toggled.connect(lambda _on: self._update_actions())
        self.plan_label = QLabel("")
        self.plan_label.setObjectName("hint")
        self.plan_label.setWordWrap(True)
        self.discard_button = QPushButton(tr("pack.discard"))
        self.discard_button.clicked.connect(self.clear_preview)
        self.apply_button = QPushButton(tr("pack.apply"))
        self.apply_button.setObjectName("primary")
        self.apply_button.clicked.connect(self.apply)
        actions.addWidget(self.replace_box)
        actions.addSpacing(12)
        actions.addWidget(self.plan_label, 1)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.apply_button)
        box.addLayout(actions)
        lay.addWidget(self.preview_box, 1)

        self.empty = empty_label(tr("pack.empty"))
        lay.addWidget(self.empty, 1)
        self.role_note = QLabel("")
        self.role_note.setObjectName("hint")
        self.role_note.setWordWrap(True)
        lay.addWidget(self.role_note)
        return frame

    # ------------------------------------------------------------------ state
    @property
    def member(self) -> Any:
        """Who works now (re-read from the settings screen when roles change)."""
        return self._member() if callable(self._member) else self._member

    def refresh(self) -> None:
        """Settings or roles changed: update what this member may do and re-read an open preview."""
        self._update_actions()
        if self.preview is not None and self.pack_path is not None and self.preview_task is None \
                and not self.applying:
            self.open_pack(self.pack_path, quiet=True)

    def _update_actions(self) -> None:
        member = self.member
        allowed = may_apply(member)
        p = self.preview
        reading = self.preview_task is not None
        busy = reading or self.applying
        add = p.count("add") if p else 0
        conflict = p.count("conflict") if p else 0
        replace = self.replace_box.isChecked() and conflict > 0
        todo = add + (conflict if replace else 0)
        if conflict == 0:
            plan = tr("pack.plan.add", add=add) if add else tr("pack.plan.nothing")
        elif replace:
            plan = tr("pack.plan.replace", add=add, conflict=conflict)
        elif add:
            plan = tr("pack.plan.keep", add=add, conflict=conflict)
        else:
            plan = tr("pack.plan.only_conflicts", conflict=conflict)
        self.plan_label.setText(plan if p else "")
        self.open_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)
        self.replace_box.setEnabled(allowed and conflict > 0 and not busy)
        self.apply_button.setEnabled(allowed and todo > 0 and not busy)
        if allowed:
            self.apply_button.setToolTip("" if todo else plan)
            self.replace_box.setToolTip(tr("pack.replace_tip"))
        else:
            why = tr("pack.no_role", roles=apply_roles_text(),
                     mine=fmt.roles(getattr(member, "roles", ())) or tr("pack.no_roles"))
            self.apply_button.setToolTip(why)
            self.replace_box.setToolTip(why)
        self.role_note.setText("" if allowed else tr("pack.no_role.note", roles=apply_roles_text()))
        self.role_note.setVisible(not allowed)

    def _set_banner(self, banner: QLabel, kind: str, text: str) -> None:
        """Show ``text`` in ``banner`` styled ``bannerOk`` / ``bannerBad`` / ``bannerInfo`` (``""`` hides it)."""
        banner.setObjectName(kind)
        banner.setText(text)
        # An object-name change needs a re-polish for the style sheet's #id rule to apply.
        banner.style().unpolish(banner)
        banner.style().polish(banner)
        banner.setVisible(bool(text))

    def _busy(self, row: QWidget, text_label: QLabel, text: str) -> None:
        text_label.setText(text)
        row.setVisible(bool(text))

    def _status(self, text: str) -> None:
        self.last_message = text
        window = self.window()
        if window is not None and window is not self and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ export
    def export_pack(self) -> None:
        """Ask where to save the pack (a suggested name with the region and the day), then write it."""
        start = Path.home() / default_file_name(self.arch.setting("agency", {}) or {}, dates.today())
        name, _chosen = QFileDialog.getSaveFileName(self, tr("pack.export.dialog"), str(start), tr("pack.filter"))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (SUFFIX, ".zip"):
            path = path.with_name(path.name + SUFFIX)
        self.export_to(path)

    def export_to(self, path: str | Path) -> TaskHandle:
        """Write this archive's pack to ``path`` in the background.

        The core writes a temporary file beside ``path`` and renames it when complete,
        so a failure never leaves half a pack behind.
        """
        out = Path(path)
        self.export_button.setEnabled(False)
        self._set_banner(self.export_banner, "bannerOk", "")
        self.open_folder_button.hide()
        self._busy(self.export_busy, self.export_busy_text, tr("pack.export.running"))

        def job(arch: Any, progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> dict[str, Any]:
            return replication.export_pack(arch, out)

        self.export_task = run_task(job, name=tr("pack.export.running"), parent=self, home=self.arch.home,
                                    on_done=lambda contents: self._exported(out, contents),
                                    on_error=self._export_failed)
        return self.export_task

    def _exported(self, out: Path, contents: dict[str, Any]) -> None:
        self.export_task = None
        self.export_button.setEnabled(True)
        self._busy(self.export_busy, self.export_busy_text, "")
        self.last_export = out
        settings = ", ".join(tr("pack.export.count", label=label(replication.SETTING_LABELS.get(k, k)), n=n)
                             for k, n in contents.get("settings", {}).items())
        text = tr("pack.export.done", path=str(out), settings=settings or tr("pack.export.none"),
                  tables=", ".join(contents.get("resources", [])) or tr("pack.export.none"),
                  templates=len(contents.get("templates", [])))
        self._set_banner(self.export_banner, "bannerOk", "✔  " + text)
        self.open_folder_button.show()
        self._status(text)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_task = None
        self.export_button.setEnabled(True)
        self._busy(self.export_busy, self.export_busy_text, "")
        self._set_banner(self.export_banner, "bannerBad", "✖  " + describe(exc))
        show_error(self, exc)

    def _open_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    # ------------------------------------------------------------------ preview
    def open_pack_dialog(self) -> None:
        """Pick a pack file and show its preview."""
        name, _chosen = QFileDialog.getOpenFileName(self, tr("pack.import.dialog"), str(Path.home()),
                                                    tr("pack.filter"))
        if name:
            self.open_pack(name)

    def open_pack(self, path: str | Path, *, quiet: bool = False) -> TaskHandle:
        """Read ``path`` in the background and show what importing it would change (writes nothing).

        ``quiet`` re-reads the pack already shown (after the settings changed): the
        ticked "Ganti yang berbeda" stays, and a failure shows only in the banner.
        """
        target = Path(path)
        if not quiet:
            self.clear_preview()
            self._set_banner(self.import_banner, "bannerInfo", "")
        self._busy(self.import_busy, self.import_busy_text, tr("pack.import.reading"))

        def job(arch: Any, progress: Callable[[float, str], None], cancelled: Callable[[], bool]) -> PackPreview:
            return replication.preview_pack(arch, target)

        self.preview_task = run_task(job, name=tr("pack.import.reading"), parent=self, home=self.arch.home,
                                     on_done=lambda p: self._previewed(target, p, quiet),
                                     on_error=lambda exc: self._preview_failed(exc, quiet))
        self._update_actions()
        return self.preview_task

    def _previewed(self, path: Path, preview: PackPreview, quiet: bool) -> None:
        self.preview_task = None
        self._busy(self.import_busy, self.import_busy_text, "")
        self.pack_path, self.preview = path, preview
        if not quiet:
            self.replace_box.setChecked(False)
        self._show_preview()

    def _preview_failed(self, exc: BaseException, quiet: bool) -> None:
        self.preview_task = None
        self._busy(self.import_busy, self.import_busy_text, "")
        self.clear_preview()
        self._set_banner(self.import_banner, "bannerBad", "✖  " + describe(exc))
        if not quiet:
            show_error(self, exc)

    def clear_preview(self) -> None:
        """Forget the pack that is shown (nothing was written)."""
        self.pack_path, self.preview = None, None
        self.replace_box.setChecked(False)
        self._show_preview()

    def _show_preview(self) -> None:
        p = self.preview
        self.model.set_changes(p.changes if p is not None else [])
        if p is not None:
            self.origin_label.setText(tr("pack.origin", origin=p.origin or "?", when=fmt.short_datetime(p.created_at),
                                         name=self.pack_path.name if self.pack_path else ""))
            self.origin_label.setToolTip(str(self.pack_path or ""))
            self.counts_label.setText(tr("pack.counts", add=p.count("add"), same=p.count("same"),
                                         conflict=p.count("conflict")))
        self.preview_box.setVisible(p is not None)
        self.empty.setVisible(p is None)
        self._update_actions()

    # ------------------------------------------------------------------ apply
    def apply(self) -> None:
        """Import the previewed pack through the writer (after a confirmation when replacing)."""
        p, path = self.preview, self.pack_path
        if p is None or path is None or self.applying or self.preview_task is not None:
            return
        member = self.member
        roles = apply_roles_text()
        if not may_apply(member):
            # The button is disabled; anything else that calls this is refused the same way.
            show_error(self, RefusedError(tr("pack.err.role", name=getattr(member, "name", "?"), roles=roles),
                                          rule="role"))
            return
        conflicts = [c for c in p.changes if c.status == "conflict"]
        replace = self.replace_box.isChecked() and bool(conflicts)
        if replace:
            answer = QMessageBox.question(
                self, tr("pack.confirm.title"),
                tr("pack.confirm.text", conflict=len(conflicts), origin=p.origin or "?",
                   items=item_names(conflicts), add=p.count("add")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        expected, actor = list(p.changes), member.name
        changed = tr("pack.err.changed")

        def op(arch: Any) -> PackPreview:
            # import_pack refuses a member without the role (read again on the writer's connection).
            # What is applied must be what the person saw; the writer runs one write at a time,
            # so nothing changes the archive between this check and the import.
            if replication.preview_pack(arch, path).changes != expected:
                raise PackChanged(changed)
            return replication.import_pack(arch, path, actor, replace=replace)

        self.applying = True
        self._set_banner(self.import_banner, "bannerInfo", "")
        self._busy(self.import_busy, self.import_busy_text, tr("pack.import.applying"))
        self._update_actions()
        if self.writer is not None:
            self.writer.submit(op, {"settings", "log"}, on_done=self._applied, on_error=self._apply_failed)
            return
        try:
            result = op(self.arch)
        except Exception as exc:  # noqa: BLE001 - shown to the person like the writer would
            self._apply_failed(exc)
            return
        self._applied(result)

    def _applied(self, result: PackPreview) -> None:
        self.applying = False
        self._busy(self.import_busy, self.import_busy_text, "")
        self.last_result = result
        added = [c for c in result.changes if c.status == "add"]
        conflicts = [c for c in result.changes if c.status == "conflict"]
        replaced = conflicts if result.replaced else []
        kept = [] if result.replaced else conflicts
        lines = [tr("pack.applied", origin=result.origin or "?", added=len(added), replaced=len(replaced))]
        if added:
            lines.append(tr("pack.applied.added", items=item_names(added)))
        if replaced:
            lines.append(tr("pack.applied.replaced", items=item_names(replaced)))
        if kept:
            lines.append(tr("pack.applied.kept", items=item_names(kept)))
        self.clear_preview()
        self._set_banner(self.import_banner, "bannerOk", "✔  " + "\n".join(lines))
        self._status(tr("pack.applied.status", added=len(added), replaced=len(replaced)))

    def _apply_failed(self, exc: BaseException) -> None:
        self.applying = False
        self._busy(self.import_busy, self.import_busy_text, "")
        self._set_banner(self.import_banner, "bannerBad", "✖  " + describe(exc))
        show_error(self, exc)
        if isinstance(exc, PackChanged) and self.pack_path is not None:
            # Show what the pack would change now; the person looks again and decides again.
            self.open_pack(self.pack_path, quiet=True)
        else:
            self._update_actions()
