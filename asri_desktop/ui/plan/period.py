"""The "Dari … Sampai …" period pickers that Pemantauan and Evaluasi share."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel

from asri_desktop.core import dates
from asri_desktop.core.plan import vocab
from asri_desktop.ui.screens.widgets import DATE_FORMAT, pydate, qdate
from asri_desktop.ui.strings import tr


class PeriodMixin:
    """Adds ``date_from``/``date_to`` pickers to a screen header; a change refreshes the screen.

    The default span of each screen comes from ``resources/plan.toml`` (``[screens]``).
    """

    date_from: QDateEdit
    date_to: QDateEdit

    def add_period_pickers(self, head: QHBoxLayout, default_days_key: str) -> None:
        days = vocab.plan_config()["screens"][default_days_key]
        today = dates.today()
        self.date_from = QDateEdit(qdate(today - timedelta(days=days)))
        self.date_to = QDateEdit(qdate(today))
        for w, key in ((self.date_from, "monitor.from"), (self.date_to, "monitor.to")):
            w.setCalendarPopup(True)
            w.setDisplayFormat(DATE_FORMAT)
            w.dateChanged.connect(lambda *_: self.refresh())
            head.addWidget(QLabel(tr(key)))
            head.addWidget(w)

    def refresh(self) -> Any:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    def period(self) -> tuple[date, date]:
        return pydate(self.date_from.date()), pydate(self.date_to.date())

    def set_period(self, start: date, end: date) -> None:
        """Show ``[start, end]`` (refreshes once)."""
        self.date_from.blockSignals(True)
        self.date_from.setDate(qdate(start))
        self.date_from.blockSignals(False)
        self.date_to.setDate(qdate(end))
        self.refresh()
