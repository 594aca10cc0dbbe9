"""The plan, monitoring and evaluation screens (issue 7).

``PlanScreen`` (week and month calendar of plan items and scheduled posts),
``MonitoringScreen`` (QtCharts: reach and engagement per week, by hazard and by
kind, response time) and ``EvaluationScreen`` (the evaluation report PDF). Each
takes ``(archive, member, parent=None, writer=None)`` and has ``refresh()``.

Classes load lazily so opening the plan screen does not load QtCharts.
"""

from __future__ import annotations

from typing import Any

from asri_desktop.ui.plan import strings as _strings  # noqa: F401  (registers this package's strings)

_WHERE = {
    "PlanScreen": "asri_desktop.ui.plan.plan_screen",
    "MonitoringScreen": "asri_desktop.ui.plan.monitoring",
    "EvaluationScreen": "asri_desktop.ui.plan.evaluation",
}

__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
