"""The Admin Platform's records inside Pemantauan: publications, comment moderation and the hoax log.

Three panels, each a plain form over the core (``publications``, ``comments``,
``hoax``); writes go through the screen's writer like every other change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QWidget,
)

from asri_desktop.core import workflow
from asri_desktop.core.plan import comments, hoax, publications, times, vocab
from asri_desktop.ui.plan.writes import run_write
from asri_desktop.ui.screens.base import card
from asri_desktop.ui.screens.widgets import DATETIME_FORMAT, empty_label
from asri_desktop.ui.strings import label, tr

ID_ROLE = Qt.ItemDataRole.UserRole


def _now_edit() -> QDateTimeEdit:
    # Now in Bangka (WIB), whatever zone the office PC's clock is set to: the core reads the value as WIB.
    now = times.local(times.utc_now())
    w = QDateTimeEdit(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
    w.setDisplayFormat(DATETIME_FORMAT)
    w.setCalendarPopup(True)
    return w


def _when(edit: QDateTimeEdit) -> datetime:
    """The edit's value as a naive datetime, which the core reads as WIB."""
    qd = edit.dateTime()
    d, t = qd.date(), qd.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _selected_id(widget: QListWidget) -> int | None:
    item = widget.currentItem()
    return None if item is None else item.data(ID_ROLE)


class PublishPanel(QWidget):
    """Record that an approved or scheduled asset went out: platform, link, time."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        lay = QHBoxLayout(self)
        frame, left = card(tr("handle.publish.ready"))
        self.assets = QListWidget()
        self.empty = empty_label(tr("handle.publish.none"))
        left.addWidget(self.assets)
        left.addWidget(self.empty)
        form = QFormLayout()
        self.platform = QComboBox()
        for k, v in vocab.platforms().items():
            self.platform.addItem(v, k)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://www.instagram.com/p/…")
        self.at = _now_edit()
        form.addRow(tr("handle.publish.platform"), self.platform)
        form.addRow(tr("handle.publish.url"), self.url)
        form.addRow(tr("handle.publish.at"), self.at)
        left.addLayout(form)
        self.button = QPushButton(tr("handle.publish.button"))
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.publish)
        left.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        lay.addWidget(frame, 1)
        frame, right = card(tr("handle.publish.recent"))
        self.recent = QListWidget()
        right.addWidget(self.recent)
        lay.addWidget(frame, 1)

    def refresh(self) -> None:
        arch = self.screen.arch
        self.assets.clear()
        rows = [a for state in (workflow.APPROVED, workflow.SCHEDULED)
                for a in arch.search(state=state, limit=200)]
        kinds = vocab.kinds()
        for a in rows:
            it = QListWidgetItem(f"#{a['id']} {a['title']} — {label(kinds.get(a['kind'], a['kind']))}")
            it.setData(ID_ROLE, a["id"])
            self.assets.addItem(it)
        self.assets.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.recent.clear()
        plats = vocab.platforms()
        for p in list(reversed(publications.list_publications(arch)))[:30]:
            self.recent.addItem(f"#{p.id} {p.title} — {plats.get(p.platform, p.platform)}, "
                                f"{times.format_local(p.published_at)} WIB\n{p.url}")

    def publish(self) -> None:
        aid = _selected_id(self.assets)
        if aid is None:
            QMessageBox.information(self, tr("handle.tab.publish"), tr("handle.pick"))
            return
        actor, platform, url, at = self.screen.member.name, self.platform.currentData(), self.url.text(), _when(self.at)

        def done(pub: Any) -> None:
            self.url.clear()
            self.screen.subtitle.setText(tr("handle.publish.done", id=pub.id))

        run_write(self.screen, lambda arch: publications.publish(arch, aid, platform=platform, url=url, at=at,
                                                                 actor=actor), {"plan", "assets", "log"}, on_done=done)


class CommentsPanel(QWidget):
    """Log comments per post by category and mark them handled (the response time follows)."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        lay = QHBoxLayout(self)
        frame, left = card(tr("handle.comment.add"))
        form = QFormLayout()
        self.publication = QComboBox()
        self.category = QComboBox()
        for k, v in comments.categories().items():
            self.category.addItem(v, k)
        self.text = QLineEdit()
        self.at = _now_edit()
        form.addRow(tr("handle.comment.publication"), self.publication)
        form.addRow(tr("handle.comment.category"), self.category)
        form.addRow(tr("handle.comment.text"), self.text)
        form.addRow(tr("handle.comment.at"), self.at)
        left.addLayout(form)
        self.add_button = QPushButton(tr("handle.comment.add"))
        self.add_button.clicked.connect(self.add)
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        left.addStretch(1)
        lay.addWidget(frame, 1)
        frame, right = card(tr("handle.comment.open"))
        self.open_list = QListWidget()
        self.open_list.setWordWrap(True)
        self.empty = empty_label(tr("handle.comment.none"))
        self.response = QLineEdit()
        self.response.setPlaceholderText(tr("handle.comment.response"))
        self.handle_button = QPushButton(tr("handle.comment.handle"))
        self.handle_button.clicked.connect(self.handle)
        right.addWidget(self.open_list)
        right.addWidget(self.empty)
        row = QHBoxLayout()
        row.addWidget(self.response, 1)
        row.addWidget(self.handle_button)
        right.addLayout(row)
        lay.addWidget(frame, 1)

    def refresh(self) -> None:
        arch = self.screen.arch
        current = self.publication.currentData()
        self.publication.clear()
        plats = vocab.platforms()
        for p in reversed(publications.list_publications(arch)):
            self.publication.addItem(f"#{p.id} {p.title} ({plats.get(p.platform, p.platform)})", p.id)
        if current is not None:
            self.publication.setCurrentIndex(max(0, self.publication.findData(current)))
        self.open_list.clear()
        cats = comments.categories()
        items = comments.list_comments(arch, open_only=True)
        for c in items:
            it = QListWidgetItem(f"#{c.id} [{cats.get(c.category, c.category)}] {c.text[:80]} — "
                                 f"{times.format_local(c.received_at)} WIB (publikasi #{c.publication_id})")
            it.setData(ID_ROLE, c.id)
            self.open_list.addItem(it)
        self.open_list.setVisible(bool(items))
        self.empty.setVisible(not items)

    def add(self) -> None:
        pid = self.publication.currentData()
        if pid is None:
            QMessageBox.information(self, tr("handle.tab.comments"), tr("handle.pick"))
            return
        actor, cat, text, at = self.screen.member.name, self.category.currentData(), self.text.text(), _when(self.at)
        run_write(self.screen, lambda arch: comments.record(arch, pid, text=text, category_id=cat, received_at=at,
                                                            actor=actor), {"plan", "log"},
                  on_done=lambda _c: self.text.clear())

    def handle(self) -> None:
        cid = _selected_id(self.open_list)
        if cid is None:
            QMessageBox.information(self, tr("handle.tab.comments"), tr("handle.pick"))
            return
        actor, response = self.screen.member.name, self.response.text()
        run_write(self.screen, lambda arch: comments.handle(arch, cid, response=response, actor=actor),
                  {"plan", "log"}, on_done=lambda _c: self.response.clear())


class HoaxPanel(QWidget):
    """The hoax log: record a rumour, its verification with a listed authority, and start the clarification."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        lay = QHBoxLayout(self)
        frame, left = card(tr("handle.hoax.add"))
        form = QFormLayout()
        self.text = QLineEdit()
        self.channel = QComboBox()
        self.channel.addItems(vocab.plan_config()["hoax_channels"])
        self.at = _now_edit()
        form.addRow(tr("handle.hoax.text"), self.text)
        form.addRow(tr("handle.hoax.channel"), self.channel)
        form.addRow(tr("handle.hoax.at"), self.at)
        left.addLayout(form)
        self.add_button = QPushButton(tr("handle.hoax.add"))
        self.add_button.clicked.connect(self.add)
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        left.addStretch(1)
        lay.addWidget(frame, 1)
        frame, right = card(tr("handle.hoax.list"))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.empty = empty_label(tr("handle.hoax.none"))
        right.addWidget(self.list)
        right.addWidget(self.empty)
        vform = QFormLayout()
        self.authority = QComboBox()
        self.outcome = QComboBox()
        for k, v in hoax.outcomes().items():
            if k != "belum":
                self.outcome.addItem(v, k)
        self.verdict = QLineEdit()
        vform.addRow(tr("handle.hoax.authority"), self.authority)
        vform.addRow(tr("handle.hoax.outcome"), self.outcome)
        vform.addRow(tr("handle.hoax.verdict"), self.verdict)
        right.addLayout(vform)
        row = QHBoxLayout()
        row.addStretch(1)
        self.verify_button = QPushButton(tr("handle.hoax.verify"))
        self.verify_button.clicked.connect(self.verify)
        self.clarify_button = QPushButton(tr("handle.hoax.clarify"))
        self.clarify_button.clicked.connect(self.clarify)
        row.addWidget(self.verify_button)
        row.addWidget(self.clarify_button)
        right.addLayout(row)
        lay.addWidget(frame, 2)

    def refresh(self) -> None:
        arch = self.screen.arch
        self.authority.clear()
        for k, v in hoax.authorities(arch.settings()).items():
            self.authority.addItem(v, k)
        self.list.clear()
        names = hoax.outcomes()
        items = hoax.list_hoaxes(arch)
        for h in items:
            extra = f" — {h.authority}: {h.verdict}" if h.verified_at else ""
            clar = f" — klarifikasi aset #{h.clarification_asset_id}" if h.clarification_asset_id else ""
            it = QListWidgetItem(f"#{h.id} [{names.get(h.outcome, h.outcome)}] {h.text[:70]} "
                                 f"({h.channel}, {times.format_local(h.received_at)} WIB){extra}{clar}")
            it.setData(ID_ROLE, h.id)
            self.list.addItem(it)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)

    def add(self) -> None:
        actor, text, channel, at = self.screen.member.name, self.text.text(), self.channel.currentText(), _when(self.at)
        run_write(self.screen, lambda arch: hoax.record(arch, text=text, channel=channel, received_at=at, actor=actor),
                  {"plan", "log"}, on_done=lambda _h: self.text.clear())

    def verify(self) -> None:
        hid = _selected_id(self.list)
        if hid is None:
            QMessageBox.information(self, tr("handle.tab.hoax"), tr("handle.pick"))
            return
        actor, auth, outcome, verdict = (self.screen.member.name, self.authority.currentData(),
                                         self.outcome.currentData(), self.verdict.text())
        run_write(self.screen, lambda arch: hoax.verify(arch, hid, authority=auth, outcome=outcome, verdict=verdict,
                                                        actor=actor), {"plan", "log"},
                  on_done=lambda _h: self.verdict.clear())

    def clarify(self) -> None:
        hid = _selected_id(self.list)
        if hid is None:
            QMessageBox.information(self, tr("handle.tab.hoax"), tr("handle.pick"))
            return
        actor = self.screen.member.name
        run_write(self.screen, lambda arch: hoax.start_clarification(arch, hid, actor), {"plan", "assets", "log"})
