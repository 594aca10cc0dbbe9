"""Indonesian dates and times: ``Jumat, 27 November 2026`` and ``14.30 WIB``.

Names and the zone come from ``resources/locale_id.toml``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError


def _loc() -> dict:
    return resources.data("locale_id.toml")


def local_tz() -> timezone:
    loc = _loc()
    return timezone(timedelta(hours=loc["utc_offset_hours"]), loc["zone_label"])


def today() -> date:
    """Today's date in Bangka."""
    return datetime.now(local_tz()).date()


def local_day_span(start: date, end: date) -> tuple[datetime, datetime]:
    """``[start 00:00, end + 1 day 00:00)`` in Bangka time, as aware datetimes (compare in UTC)."""
    tz = local_tz()
    lo = datetime(start.year, start.month, start.day, tzinfo=tz)
    hi = datetime(end.year, end.month, end.day, tzinfo=tz) + timedelta(days=1)
    return lo, hi


def parse_date(value: str | date | None) -> date:
    """An ISO date (``2026-11-27``) or a date; None means today. Bad input names itself."""
    if value is None or value == "":
        return today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"Tanggal '{value}' tidak valid: gunakan format ISO TTTT-BB-HH, mis. 2026-11-27.") from None


def format_date(value: str | date | None = None, *, weekday: bool = True) -> str:
    """``Jumat, 27 November 2026`` (or ``27 November 2026`` without the weekday)."""
    d = parse_date(value)
    loc = _loc()
    text = f"{d.day} {loc['months'][d.month - 1]} {d.year}"
    return f"{loc['days'][d.weekday()]}, {text}" if weekday else text


def format_time(value: datetime) -> str:
    """``14.30 WIB``: the time in Bangka, with a dot, and the zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    local = value.astimezone(local_tz())
    return f"{local:%H.%M} {_loc()['zone_label']}"


def format_datetime(value: datetime | str) -> str:
    """``Jumat, 27 November 2026, 14.30 WIB``; accepts an ISO string (UTC when no zone)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"Waktu '{value}' tidak valid (harus ISO 8601).") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    local = value.astimezone(local_tz())
    return f"{format_date(local.date())}, {format_time(value)}"
