"""Pengaturan: the agency, emergency contacts, locations, data sources, team and roles, platform profiles.

Every change goes through the writer as ``Archive.set_setting(key, value, actor)``
(or the member calls), so it is logged with who made it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import resources, workflow
from asri_desktop.core.errors import InputError
from asri_desktop.ui import fmt
from asri_desktop.core.agency import validate_phone
from asri_desktop.ui.models.base import ROW_ROLE
from asri_desktop.ui.models.settings import (
    ContactsModel,
    EditableRowsModel,
    KecamatanModel,
    KeyValueModel,
    MembersModel,
    SourcesModel,
)
from asri_desktop.ui.screens.base import Screen
from asri_desktop.ui.screens.settings_replication import ReplicationTab
from asri_desktop.ui.strings import tr

PLATFORM_COLUMNS = [("label", "Platform"), ("width", "Lebar (px)"), ("height", "Tinggi (px)"),
                    ("formats", "Format"), ("max_bytes", "Batas ukuran (bita)"), ("carousel_max", "Maks. carousel")]


def save_agency(arch: Any, fields: dict[str, str], logo: Path | None, actor: str) -> None:
    """Store the agency's details in one transaction (writer thread).

    Names go straight into the ``agency`` setting; the phone (also the ``bpbd``
    contact) and the logo through :func:`asri_desktop.core.agency.set_agency`.
    """
    from asri_desktop.core import agency as agency_mod

    with arch.write():
        agency = dict(arch.setting("agency", {}))
        phone = fields.get("phone")
        names = {k: v for k, v in fields.items() if k != "phone"}
        if any(agency.get(k) != v for k, v in names.items()):
            arch.set_setting("agency", {**agency, **names}, actor, comment="Data instansi diubah")
        changed_phone = phone if phone and phone != agency.get("phone") else None
        if changed_phone is not None or logo is not None:
            agency_mod.set_agency(arch, actor, phone=changed_phone, logo=logo)


class SettingsScreen(Screen):
    """Edit the archive's settings and the team."""

    TOPICS = frozenset({"settings", "members"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.setObjectName("settingsScreen")
        self.header(tr("settings.title"), tr("settings.table_hint"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.root.addWidget(self.tabs, 1)
        self.last_message = ""
        self.logo_path: Path | None = None

        self.tabs.addTab(self._agency_tab(), tr("settings.agency"))
        self.contacts_model = ContactsModel(self)
        self.kecamatan_model = KecamatanModel(self)
        self.sources_model = SourcesModel(self)
        self.editors: dict[str, tuple[EditableRowsModel, QTableView]] = {}
        for key, model, label in (("contacts", self.contacts_model, tr("settings.contacts")),
                                  ("kecamatan", self.kecamatan_model, tr("settings.locations")),
                                  ("sources", self.sources_model, tr("settings.sources"))):
            self.tabs.addTab(self._table_tab(key, model), label)
        self.tabs.addTab(self._team_tab(), tr("settings.team"))
        self.tabs.addTab(self._platform_tab(), tr("settings.platforms"))
        # The member is asked for each time: it changes when roles change (see refresh()).
        self.pack_tab = ReplicationTab(self.arch, lambda: self.member, self, writer=writer)
        self.tabs.addTab(self.pack_tab, tr("pack.tab"))
        self.refresh()

    # ------------------------------------------------------------------ tabs
    def _agency_tab(self) -> QWidget:
        w = QWidget()
        column = QVBoxLayout(w)
        row = QHBoxLayout()
        inner = QWidget()
        inner.setMaximumWidth(760)
        row.addWidget(inner, 3)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        form = QFormLayout(inner)
        form.setContentsMargins(20, 18, 20, 18)
        form.setVerticalSpacing(10)
        self.agency_edits: dict[str, QLineEdit] = {}
        for key, label in (("name", "settings.agency.name"), ("full_name", "settings.agency.full"),
                           ("region", "settings.agency.region"), ("phone", "settings.agency.phone")):
            edit = QLineEdit()
            edit.setObjectName(f"agency_{key}")
            self.agency_edits[key] = edit
            form.addRow(tr(label), edit)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(tr("first.logo_none"))
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(88, 88)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setWordWrap(True)
        pick = QPushButton(tr("first.logo_pick"))
        pick.clicked.connect(self._pick_logo)
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(pick)
        logo_row.addStretch(1)
        form.addRow(tr("settings.agency.logo"), logo_row)
        self.agency_error = QLabel("")
        self.agency_error.setObjectName("formError")
        self.agency_error.setWordWrap(True)
        self.agency_error.hide()
        form.addRow("", self.agency_error)
        save = QPushButton(tr("action.save"))
        save.setObjectName("primary")
        save.clicked.connect(self.save_agency)
        self.agency_save = save
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        form.addRow("", row)
        return w

    def _table_tab(self, key: str, model: EditableRowsModel) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(16, 14, 16, 14)
        view = QTableView()
        view.setObjectName(f"{key}Table")
        view.setModel(model)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setHighlightSections(False)
        lay.addWidget(view, 1)
        error = QLabel("")
        error.setObjectName("formError")
        error.setWordWrap(True)
        error.hide()
        lay.addWidget(error)
        buttons = QHBoxLayout()
        add = QPushButton(tr("action.add"))
        remove = QPushButton(tr("action.remove"))
        save = QPushButton(tr("action.save"))
        save.setObjectName("primary")
        add.clicked.connect(lambda: self._add_row(model, view))
        remove.clicked.connect(lambda: model.remove(view.currentIndex().row()))
        save.clicked.connect(lambda: self.save_table(key))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(save)
        lay.addLayout(buttons)
        self.editors[key] = (model, view)
        setattr(self, f"{key}_error", error)
        return w

    def _team_tab(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(16, 14, 16, 14)
        lay.setSpacing(16)
        self.members_model = MembersModel(self)
        self.members_view = QTableView()
        self.members_view.setObjectName("membersTable")
        self.members_view.setModel(self.members_model)
        self.members_view.verticalHeader().hide()
        self.members_view.setShowGrid(False)
        self.members_view.setAlternatingRowColors(True)
        self.members_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_view.horizontalHeader().setSectionResizeMode(MembersModel.ROLES, QHeaderView.ResizeMode.Stretch)
        self.members_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._member_selected(cur))
        lay.addWidget(self.members_view, 3)

        side = QVBoxLayout()
        self.member_name = QLabel("")
        self.member_name.setObjectName("h3")
        side.addWidget(self.member_name)
        self.role_boxes: dict[str, QCheckBox] = {}
        for rid in workflow.role_labels():
            cb = QCheckBox(fmt.role(rid))
            cb.setObjectName(f"memberRole_{rid}")
            self.role_boxes[rid] = cb
            side.addWidget(cb)
        self.save_roles = QPushButton(tr("settings.member.save_roles"))
        self.save_roles.setObjectName("saveRoles")
        self.save_roles.clicked.connect(self.save_member_roles)
        side.addWidget(self.save_roles)
        side.addSpacing(18)
        h = QLabel(tr("settings.member.add"))
        h.setObjectName("h3")
        side.addWidget(h)
        self.new_member = QLineEdit()
        self.new_member.setObjectName("newMember")
        self.new_member.setPlaceholderText(tr("settings.member.name"))
        side.addWidget(self.new_member)
        grid = QGridLayout()
        self.new_roles: dict[str, QCheckBox] = {}
        for i, rid in enumerate(workflow.role_labels()):
            cb = QCheckBox(fmt.role(rid))
            cb.setObjectName(f"newRole_{rid}")
            self.new_roles[rid] = cb
            grid.addWidget(cb, i // 2, i % 2)
        side.addLayout(grid)
        add = QPushButton(tr("settings.member.add"))
        add.setObjectName("addMember")
        add.clicked.connect(self.add_member)
        side.addWidget(add)
        side.addStretch(1)
        lay.addLayout(side, 2)
        return w

    def _platform_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(16, 14, 16, 14)
        try:
            rows = list(resources.data("platforms.toml").get("platforms", []))
            hint = tr("settings.platforms.hint", file="platforms.toml")
        except InputError:
            rows, hint = [], tr("settings.platforms.none")
        note = QLabel(hint)
        note.setObjectName("hint")
        lay.addWidget(note)
        self.platforms_model = KeyValueModel(PLATFORM_COLUMNS, self)
        self.platforms_model.set_rows(rows)
        view = QTableView()
        view.setObjectName("platformsTable")
        view.setModel(self.platforms_model)
        view.verticalHeader().hide()
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.resizeColumnsToContents()
        lay.addWidget(view, 1)
        return w

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        settings = self.arch.settings()
        agency = settings.get("agency", {})
        for key, edit in self.agency_edits.items():
            value = agency.get(key, "")
            edit.setText("" if key == "phone" and value == agency.get("phone_placeholder") else str(value))
        if key_ph := agency.get("phone_placeholder"):
            self.agency_edits["phone"].setPlaceholderText(key_ph)
        self._show_logo(agency.get("logo"))
        self.contacts_model.set_rows([dict(c) for c in settings.get("contacts", [])])
        self.kecamatan_model.set_rows([dict(c) for c in settings.get("kecamatan", [])])
        self.sources_model.set_rows([dict(c) for c in settings.get("sources", [])])
        for model, view in self.editors.values():
            view.resizeColumnsToContents()
        keep = self.member_name.property("member")
        self.members_model.load(self.arch)
        r = self.members_model.row_of(keep) if keep else -1
        self._select_member(r if r >= 0 else 0)
        self.pack_tab.refresh()

    def _show_logo(self, sha: str | None) -> None:
        pix = QPixmap()
        if self.logo_path is not None:
            pix = QPixmap(str(self.logo_path))
        elif sha and self.arch.store.has(sha):
            pix = QPixmap(str(self.arch.file_path(sha)))
        if pix.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(tr("first.logo_none"))
        else:
            self.logo_preview.setPixmap(pix.scaled(84, 84, Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))

    # ------------------------------------------------------------------ agency
    def _pick_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("first.logo_dialog"), "", tr("first.logo_filter"))
        if path:
            if QPixmap(path).isNull():
                self._agency_problem(tr("first.err.logo", name=Path(path).name))
                return
            self.logo_path = Path(path)
            self._show_logo(None)

    def _agency_problem(self, text: str) -> None:
        self.agency_error.setText(text)
        self.agency_error.setVisible(bool(text))

    def save_agency(self) -> None:
        """Validate and store the agency tab."""
        agency = self.arch.setting("agency", {})
        fields = {k: e.text().strip() for k, e in self.agency_edits.items()}
        try:
            if not fields["name"]:
                raise InputError(tr("settings.err.empty", row=1, col=tr("settings.agency.name")))
            fields["phone"] = validate_phone(fields["phone"], agency.get("phone_placeholder", ""))
        except InputError as exc:
            self._agency_problem(exc.message)
            return
        self._agency_problem("")
        logo, who = self.logo_path, self.member.name
        self.writer.submit(lambda arch: save_agency(arch, fields, logo, who), {"settings", "log"},
                           on_done=lambda _r: self._saved(tr("settings.agency.saved")))
        self.logo_path = None

    # ------------------------------------------------------------------ tables
    def _add_row(self, model: EditableRowsModel, view: QTableView) -> None:
        r = model.add_blank()
        idx = model.index(r, 0)
        view.setCurrentIndex(idx)
        view.edit(idx)

    def save_table(self, key: str) -> None:
        """Validate and store one editable list as the setting ``key``."""
        model, _view = self.editors[key]
        error: QLabel = getattr(self, f"{key}_error")
        problems = model.problems()
        if problems:
            error.setText("\n".join(problems))
            error.show()
            return
        error.hide()
        value, who = model.value(), self.member.name
        self.writer.submit(lambda arch: arch.set_setting(key, value, who), {"settings", "log"},
                           on_done=lambda _r: self._saved(tr("settings.saved", key=key)))

    # ------------------------------------------------------------------ team
    def _select_member(self, row: int) -> None:
        if 0 <= row < self.members_model.rowCount():
            self.members_view.selectionModel().setCurrentIndex(
                self.members_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self._member_selected(self.members_model.index(row, 0))

    def _member_selected(self, index: Any) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if not row:
            return
        self.member_name.setText(row["name"])
        self.member_name.setProperty("member", row["name"])
        for rid, cb in self.role_boxes.items():
            cb.setChecked(rid in row["role_ids"])

    def save_member_roles(self) -> None:
        name = self.member_name.property("member")
        if not name:
            return
        roles = [rid for rid, cb in self.role_boxes.items() if cb.isChecked()]
        who = self.member.name
        self.writer.submit(lambda arch: arch.set_member_roles(name, roles, who), {"members", "log"},
                           on_done=lambda _r: self._saved(tr("settings.member.roles_saved", name=name)))

    def add_member(self) -> None:
        name = self.new_member.text().strip()
        roles = [rid for rid, cb in self.new_roles.items() if cb.isChecked()]
        who = self.member.name

        def done(m: Any) -> None:
            self.new_member.clear()
            for cb in self.new_roles.values():
                cb.setChecked(False)
            self.member_name.setProperty("member", m.name)
            self._saved(tr("settings.member.added", name=m.name))

        self.writer.submit(lambda arch: arch.add_member(name, roles, actor=who), {"members", "log"}, on_done=done)

    def _saved(self, text: str) -> None:
        self.last_message = text
        window = self.window()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)
