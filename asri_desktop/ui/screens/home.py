"""Beranda: what waits for me, this week's planned posts, and recent activity."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import dates, resources, workflow
from asri_desktop.core.errors import InputError
from asri_desktop.core.inbox import my_drafts, planned_this_week, queue_rows, sent_back_to
from asri_desktop.ui import fmt
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.strings import label, log_action, tr



def _link_list(name: str) -> QListWidget:
    """A word-wrapped list of links and notes, with nothing to select."""
    view = QListWidget()
    view.setObjectName(name)
    view.setWordWrap(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    return view


class HomeScreen(Screen):
    """The first screen after start: the person's own work queue."""

    TOPICS = frozenset({"assets", "log", "reviews", "plan", "members"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.setObjectName("homeScreen")
        self.header(tr("home.greeting", name=member.name), dates.format_date())

        stats = QHBoxLayout()
        stats.setSpacing(12)
        self.stat_labels: dict[str, QLabel] = {}
        for key, states in (("drafts", (workflow.DRAFT,)), ("review", workflow.REVIEW_STAGES),
                            ("approved", (workflow.APPROVED, workflow.SCHEDULED)),
                            ("published", (workflow.PUBLISHED,))):
            frame, lay = card()
            num = QLabel("0")
            num.setObjectName("statNumber")
            lab = QLabel(tr(f"home.stat.{key}"))
            lab.setObjectName("statLabel")
            lay.addWidget(num)
            lay.addWidget(lab)
            self.stat_labels[key] = num
            num.setProperty("states", list(states))
            stats.addWidget(frame)
        self.root.addLayout(stats)

        grid = QGridLayout()
        grid.setSpacing(14)
        waiting_card, wl = card(tr("home.waiting"))
        # The lists hold links and notes, nothing to select: a click (or Enter) opens a link.
        # Where each row of "waiting" leads is kept here, row by row (None for headings).
        self.targets: list[tuple[str, int] | None] = []
        self.waiting = _link_list("waiting")
        self.waiting.itemActivated.connect(self._open)
        self.waiting.itemClicked.connect(self._open)
        wl.addWidget(self.waiting)
        plan_card, pl = card(tr("home.planned"))
        self.planned = _link_list("waiting")
        pl.addWidget(self.planned)
        recent_card, rl = card(tr("home.recent"))
        self.activity = _link_list("activity")
        rl.addWidget(self.activity)
        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(waiting_card, 3)
        left.addWidget(plan_card, 2)
        grid.addLayout(left, 0, 0)
        grid.addWidget(recent_card, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.root.addLayout(grid, 1)
        self.refresh()

    # ------------------------------------------------------------------
    def _section(self, title: str) -> None:
        item = QListWidgetItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.waiting.addItem(item)
        self.targets.append(None)

    def _entry(self, text: str, screen: str, asset_id: int, tooltip: str = "") -> None:
        item = QListWidgetItem(text)
        item.setToolTip(tooltip or tr("home.open_item"))
        self.waiting.addItem(item)
        self.targets.append((screen, int(asset_id)))

    def target(self, item: QListWidgetItem) -> tuple[str, int] | None:
        """Where a row of "waiting" leads: (screen key, asset id), or None for a heading or note."""
        row = self.waiting.row(item)
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def _open(self, item: QListWidgetItem) -> None:
        target = self.target(item)
        if target:
            self.navigate.emit(target[0], target[1])

    def waiting_items(self) -> list[str]:
        """The texts of the "waiting for me" list (tests read it)."""
        return [self.waiting.item(i).text() for i in range(self.waiting.count())]

    @staticmethod
    def _edit_screen(row: dict[str, Any]) -> str:
        """Where a designer revises a draft: Buat Konten for a template-made post, else Arsip."""
        return "create" if row.get("template_id") else "archive"

    def refresh(self) -> None:
        counts = dict(self.arch.conn.execute("SELECT state, count(*) FROM assets GROUP BY state").fetchall())
        for key, lab in self.stat_labels.items():
            lab.setText(f"{sum(counts.get(s, 0) for s in lab.property('states')):,}".replace(",", "."))

        self.waiting.clear()
        self.targets = []
        sent_back = sent_back_to(self.arch, self.member.id)
        if sent_back:
            self._section(tr("home.sent_back"))
            for r in sent_back:
                self._entry(tr("home.sent_back_item", id=r["id"], title=r["title"], who=r["reviewer"],
                               reason=r["reason"]), self._edit_screen(r), r["id"], fmt.long_datetime(r["at"]))
        drafts = my_drafts(self.arch, self.member.id)
        if drafts:
            self._section(tr("home.my_drafts"))
            for r in drafts:
                self._entry(tr("home.my_draft_item", id=r["id"], title=r["title"],
                               when=fmt.short_datetime(r["updated_at"])), self._edit_screen(r), r["id"])
        queue = queue_rows(self.arch, self.member.roles, limit=20)
        if queue:
            self._section(tr("home.to_review"))
            for r in queue:
                self._entry(tr("home.to_review_item", id=r["id"], title=r["title"], state=fmt.state(r["state"])),
                            "review", r["id"])
        if "admin" in self.member.roles:
            rows = self.arch.search(state=workflow.APPROVED, limit=20)
            if rows:
                self._section(tr("home.to_schedule"))
                for r in rows:
                    self._entry(f"#{r['id']} {r['title']}", "archive", r["id"])
        if self.waiting.count() == 0:
            self.waiting.addItem(tr("home.nothing"))
            self.targets.append(None)

        self.planned.clear()
        planned = planned_this_week(self.arch)
        if planned is None:
            texts = [tr("home.planned_missing")]
        elif not planned:
            texts = [tr("home.planned_none")]
        else:
            texts = []
            try:
                platform_names = dict(resources.data("plan.toml").get("platforms", {}))
            except InputError:
                platform_names = {}
            for p in planned:
                p = {**p, "platform": label(platform_names.get(p["platform"], p["platform"]))}
                when = fmt.short_datetime(p["when"]) if "T" in str(p["when"]) else dates.format_date(p["when"])
                texts.append(f"{when} · {p['topic']}" + (f" · {p['platform']}" if p["platform"] else ""))
        self.planned.addItems(texts)

        self.activity.clear()
        entries = self.arch.log_entries(limit=15, newest_first=True)
        if not entries:
            self.activity.addItem(tr("home.recent_none"))
        for e in entries:
            what = log_action(e["action"])
            target = f" #{e['asset_id']}" if e.get("asset_id") is not None else ""
            comment = f" — {e['comment']}" if e.get("comment") else ""
            item = QListWidgetItem(f"{e['actor']} · {what}{target}{comment}\n{fmt.short_datetime(e['at'])}")
            item.setToolTip(fmt.long_datetime(e["at"]))
            self.activity.addItem(item)
