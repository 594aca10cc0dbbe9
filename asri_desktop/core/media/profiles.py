"""Video profiles: the guideline's own ``asri-60``/``asri-90`` and the platforms' limits.

Every number lives in ``resources/video_profiles.toml``; this module only turns
that table into :class:`Profile` objects and answers questions about aspect.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError

TABLE = "video_profiles.toml"


@dataclass(frozen=True)
class Profile:
    """Limits one video is checked against, and the size an export targets."""

    id: str
    name: str
    duration_min: float
    duration_max: float
    max_size_mb: float
    min_short_side: int
    min_long_side: int
    aspect: str
    aspect_tolerance: float
    containers: tuple[str, ...]
    video_codecs: tuple[str, ...]
    pixel_formats: tuple[str, ...]
    audio_codecs: tuple[str, ...]
    fps_min: float
    fps_max: float
    require_audio: bool
    require_faststart: bool
    target_width: int
    target_height: int
    target_fps: int
    audio_bitrate_kbps: int
    audio_sample_rate: int
    aspect_range: tuple[float, float] | None = None
    description: str = ""
    severity: dict[str, str] = field(default_factory=dict)

    @property
    def aspect_value(self) -> float:
        """The nominal aspect as width/height (``9:16`` -> 0.5625)."""
        return aspect_ratio(self.aspect)

    def aspect_ok(self, width: int, height: int) -> bool:
        """Whether a displayed ``width`` x ``height`` fits this profile's aspect rule."""
        if width <= 0 or height <= 0:
            return False
        r = width / height
        if self.aspect_range:
            lo, hi = self.aspect_range
            return lo <= r <= hi
        return abs(r - self.aspect_value) / self.aspect_value <= self.aspect_tolerance

    def severity_of(self, code: str) -> str:
        """Severity of a finding code under this profile (``error``, ``warning`` or ``info``)."""
        return self.severity.get(code, "error")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def aspect_ratio(text: str) -> float:
    """``"9:16"`` -> 0.5625; a clear error for anything else."""
    try:
        w, h = (float(x) for x in str(text).split(":"))
        if w <= 0 or h <= 0:
            raise ValueError
        return w / h
    except ValueError:
        raise InputError(f"Rasio aspek '{text}' tidak valid: tulis lebar:tinggi, mis. 9:16.") from None


def _table() -> dict[str, Any]:
    return resources.data(TABLE)


def default_id() -> str:
    """Id of the default profile (the guideline's own)."""
    return str(_table()["default"])


def ids() -> list[str]:
    """All profile ids, in table order."""
    return list(_table()["profiles"].keys())


def get(profile: str | Profile | None = None) -> Profile:
    """The profile with this id (None: the default); a :class:`Profile` passes through.

    Raises:
        InputError: unknown id (the message lists the known ones).
    """
    if isinstance(profile, Profile):
        return profile
    table = _table()
    pid = profile or default_id()
    if pid not in table["profiles"]:
        raise InputError(f"Profil video '{pid}' tidak dikenal. Profil yang tersedia: {', '.join(ids())}.")
    merged: dict[str, Any] = {**table["defaults"], **table["profiles"][pid]}
    severity = {**table.get("severity", {}), **merged.pop("severity", {})}
    rng = merged.pop("aspect_range", None)
    return Profile(
        id=pid,
        name=merged.pop("name", pid),
        description=merged.pop("description", ""),
        containers=tuple(merged.pop("containers")),
        video_codecs=tuple(merged.pop("video_codecs")),
        pixel_formats=tuple(merged.pop("pixel_formats")),
        audio_codecs=tuple(merged.pop("audio_codecs")),
        aspect_range=(float(rng[0]), float(rng[1])) if rng else None,
        severity=severity,
        **merged,
    )


def all_profiles() -> list[Profile]:
    """Every profile in the table."""
    return [get(i) for i in ids()]


def tolerance() -> float:
    """Seconds a container's duration may exceed a limit by (rounding, audio priming)."""
    return float(_table().get("duration_tolerance", 0.0))


def captions_style() -> dict[str, Any]:
    """The burned-in caption style (fractions of the frame) from the table."""
    return dict(_table()["captions"])


def end_card_style() -> dict[str, Any]:
    """End-card timing and colours from the table."""
    return dict(_table()["end_card"])
