"""Times people type (Bangka local, WIB) and times the archive stores (UTC ISO).

Everything stored is UTC ``YYYY-MM-DDTHH:MM:SSZ``; everything typed or shown is
local time in Bangka (WIB, from ``resources/locale_id.toml`` via
:mod:`asri_desktop.core.dates`). A time without a zone is read as WIB.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from asri_desktop.core import dates
from asri_desktop.core.errors import InputError

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$")


def utc_now() -> datetime:
    """Now, in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_iso(value: datetime) -> str:
    """A UTC ISO string for storage (naive values are taken as WIB)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dates.local_tz())
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(value: str) -> datetime:
    """A stored UTC ISO string back to an aware datetime."""
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def local(value: str | datetime) -> datetime:
    """A stored time in Bangka local time."""
    dt = from_iso(value) if isinstance(value, str) else value
    return dt.astimezone(dates.local_tz())


def local_date(value: str | datetime) -> date:
    return local(value).date()


def parse_day(value: str | date | datetime, what: str = "Tanggal") -> date:
    """A date typed as ``2026-12-01`` or ``01/12/2026`` (day first, the Indonesian way)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise InputError(f"{what} kosong: isi dengan format TTTT-BB-HH, mis. 2026-12-01.")
    m = _DMY.match(text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"{what} '{text}' tidak valid: gunakan TTTT-BB-HH (2026-12-01) atau HH/BB/TTTT (01/12/2026).")


def parse_time(value: str | datetime, what: str = "Waktu") -> datetime:
    """A moment typed by a person; returns an aware UTC datetime.

    Accepts ISO 8601 (with or without zone), ``2026-12-01 09.00``,
    ``01/12/2026 09:00`` and an optional trailing ``WIB``. No zone means WIB.
    """
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=dates.local_tz())
        return dt.astimezone(timezone.utc).replace(microsecond=0)
    text = str(value or "").strip()
    if not text:
        raise InputError(f"{what} kosong: isi dengan format 'TTTT-BB-HH JJ.MM', mis. 2026-12-01 09.00.")
    bad = InputError(
        f"{what} '{text}' tidak valid: gunakan 'TTTT-BB-HH JJ.MM' (mis. 2026-12-01 09.00, dianggap WIB) atau ISO 8601."
    )
    cleaned = re.sub(r"\s*WIB$", "", text, flags=re.IGNORECASE).strip()
    parts = cleaned.replace("T", " ").replace(",", " ").split()
    # Our own forms first: Python's ISO parser reads '09.05' as 09:00 plus a fraction.
    if len(parts) == 2 and _TIME.match(parts[1]):
        dt = None
    else:
        try:
            dt = datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
        except ValueError:
            dt = None
    if dt is None:
        if len(parts) != 2:
            raise bad from None
        try:
            day = parse_day(parts[0], what)
        except InputError:
            raise bad from None
        m = _TIME.match(parts[1])
        if not m:
            raise bad from None
        try:
            dt = datetime.combine(day, time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)))
        except ValueError:
            raise bad from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=dates.local_tz())
    return dt.astimezone(timezone.utc).replace(microsecond=0)


def format_local(value: str | datetime) -> str:
    """``2026-12-01 09.00`` in WIB: the form the sheet and the CLI write and read back."""
    return f"{local(value):%Y-%m-%d %H.%M}"


def day_bounds(start: date, end: date) -> tuple[str, str]:
    """UTC ISO bounds ``[start 00:00 WIB, end+1 00:00 WIB)`` for range queries on stored times."""
    lo, hi = dates.local_day_span(start, end)
    return to_iso(lo), to_iso(hi)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
