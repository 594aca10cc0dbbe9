"""First start: who am I, the agency's own phone number and logo, then straight to work.

The phone number replaces the placeholder the stamps refuse: it is stored in the
``agency.phone`` setting and in the ``bpbd`` emergency contact (whose
``placeholder`` flag is cleared). The logo goes into the archive's content store;
``agency.logo`` keeps its SHA-256 and ``agency.logo_name`` the original file name.
Both go through :func:`asri_desktop.core.agency.set_agency`, as ``asri settings`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import workflow
from asri_desktop.core.agency import validate_phone
from asri_desktop.core.errors import InputError
from asri_desktop.ui import fmt
from asri_desktop.ui.strings import tr

def apply_first_start(arch: Any, *, member: str, new_roles: list[str] | None, phone: str,
                      logo: Path | None) -> str:
    """Write what the first-start dialog collected, in one transaction (runs on the writer thread).

    Args:
        arch: the writer's archive.
        member: the member's name (existing, or new when ``new_roles`` is given).
        new_roles: roles for a new member; None when picking an existing one.
        phone: the agency's phone number.
        logo: an image file to store as the agency logo, or None to keep the current one.

    Returns:
        The member's name as stored. A bad phone or logo rolls back the new member too.
    """
    from asri_desktop.core import agency

    with arch.write():
        if new_roles is not None:
            stored = arch.add_member(member, new_roles, actor=member).name
        else:
            stored = arch.member(member).name
        agency.set_agency(arch, stored, phone=phone, logo=logo)
    return stored


class FirstStartDialog(QDialog):
    """The welcome dialog. On accept, :attr:`chosen_member` names who works here.

    Args:
        arch: the GUI thread's archive (read only here).
        writer: the app's :class:`~asri_desktop.ui.writer.Writer`; the answers are written through it.
    """

    def __init__(self, arch: Any, writer: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arch = arch
        self.writer = writer
        self.chosen_member: str | None = None
        self.logo_path: Path | None = None
        self.setObjectName("firstStart")
        self.setWindowTitle(tr("first.title"))
        self.setModal(True)
        self.setMinimumWidth(620)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 24)
        outer.setSpacing(14)
        title = QLabel(tr("first.title"))
        title.setObjectName("h1")
        outer.addWidget(title)
        intro = QLabel(tr("first.intro"))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        outer.addWidget(intro)

        # -- who am I
        who = QFrame()
        who.setObjectName("card")
        wl = QVBoxLayout(who)
        h = QLabel(tr("first.who"))
        h.setObjectName("h2")
        wl.addWidget(h)
        form = QFormLayout()
        self.member_combo = QComboBox()
        self.member_combo.setObjectName("memberCombo")
        for m in arch.members():
            self.member_combo.addItem(f"{m.name} — {fmt.roles(m.roles)}", m.name)
        self.member_combo.addItem(tr("first.new_option"), None)
        form.addRow(tr("first.existing"), self.member_combo)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText(tr("first.name_ph"))
        form.addRow(tr("first.name"), self.name_edit)
        roles_box = QWidget()
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.role_checks: dict[str, QCheckBox] = {}
        for i, (rid, text) in enumerate(workflow.role_labels().items()):
            cb = QCheckBox(fmt.role(rid))
            cb.setObjectName(f"role_{rid}")
            self.role_checks[rid] = cb
            grid.addWidget(cb, i // 2, i % 2)
        form.addRow(tr("first.roles"), roles_box)
        self._roles_box = roles_box
        wl.addLayout(form)
        outer.addWidget(who)

        # -- agency
        agency_card = QFrame()
        agency_card.setObjectName("card")
        al = QVBoxLayout(agency_card)
        h2 = QLabel(tr("first.agency"))
        h2.setObjectName("h2")
        al.addWidget(h2)
        aform = QFormLayout()
        agency = arch.setting("agency", {})
        self.placeholder = agency.get("phone_placeholder", "")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setPlaceholderText(tr("first.phone_ph"))
        if agency.get("phone") and agency.get("phone") != self.placeholder:
            self.phone_edit.setText(agency["phone"])
        aform.addRow(tr("first.phone"), self.phone_edit)
        hint = QLabel(tr("first.phone_hint"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        aform.addRow("", hint)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(tr("first.logo_none"))
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(72, 72)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setWordWrap(True)
        pick = QPushButton(tr("first.logo_pick"))
        pick.setObjectName("logoPick")
        pick.clicked.connect(self._pick_logo)
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(pick)
        logo_row.addStretch(1)
        aform.addRow(tr("first.logo"), logo_row)
        al.addLayout(aform)
        outer.addWidget(agency_card)

        self.error_label = QLabel("")
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(tr("first.start"))
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.submit)
        buttons.addWidget(self.start_button)
        outer.addLayout(buttons)

        self.member_combo.currentIndexChanged.connect(self._sync_new_fields)
        self._sync_new_fields()

    # ------------------------------------------------------------------
    def _is_new(self) -> bool:
        return self.member_combo.currentData() is None

    def _sync_new_fields(self) -> None:
        new = self._is_new()
        self.name_edit.setEnabled(new)
        self._roles_box.setEnabled(new)

    def _pick_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("first.logo_dialog"), "", tr("first.logo_filter"))
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> None:
        """Choose a logo file (the file dialog calls this; tests call it directly)."""
        pix = QPixmap(str(path))
        if pix.isNull():
            self._show_error(tr("first.err.logo", name=path.name))
            return
        self.logo_path = path
        self.logo_preview.setPixmap(pix.scaled(68, 68, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        self.error_label.hide()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def submit(self) -> None:
        """Validate, then write through the writer; the dialog closes when the write lands."""
        try:
            if self._is_new():
                name = self.name_edit.text().strip()
                if not name:
                    raise InputError(tr("first.err.name"))
                roles = [rid for rid, cb in self.role_checks.items() if cb.isChecked()]
                if not roles:
                    raise InputError(tr("first.err.roles"))
            else:
                name, roles = self.member_combo.currentData(), None
            phone = validate_phone(self.phone_edit.text(), self.placeholder)
        except InputError as exc:
            self._show_error(exc.message)
            return
        self.start_button.setEnabled(False)
        logo = self.logo_path
        self.writer.submit(
            lambda arch: apply_first_start(arch, member=name, new_roles=roles, phone=phone, logo=logo),
            {"members", "settings", "log"},
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, member: str) -> None:
        self.chosen_member = member
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from asri_desktop.ui.errors import describe

        self.start_button.setEnabled(True)
        self._show_error(describe(exc))
