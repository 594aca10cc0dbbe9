"""The automated findings for one version of an asset: render, video, language, imported images.

Each check belongs to a *domain* (the first part of its finding codes: ``stamp``,
``video``, ``subtitles``, ``language`` ...). :func:`collect` records which domains
actually ran, so a checklist item decided by ``stamp.*`` is only filled in
automatically when the stamp check really ran; otherwise the reviewer answers it.

The other features' modules (templates, media checks, language analysis) are
imported inside the functions: when one is not installed the domain is skipped
with an ``info`` finding saying so, and the review still works by hand.

Results are cached on disk per content hash (and settings), because a video
check decodes audio and a template render draws every page.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asri_desktop.core import dates, resources
from asri_desktop.core.archive import cache
from asri_desktop.core.archive.store import atomic_write_bytes
from asri_desktop.core.errors import AsriError
from asri_desktop.core.findings import Finding
from asri_desktop.core.hashing import canonical_json, sha256_bytes

# Bump when the way findings are collected changes, so old cache files are ignored.
CACHE_VERSION = 5
VIDEO_EXT = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi"}
SUBTITLE_EXT = {".srt", ".vtt"}
IMAGE_EXT = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}
RENDER_DOMAINS = ("stamp", "text", "contrast", "image", "template")
VIDEO_DOMAINS = ("video", "audio", "media", "subtitles")
# Fields that are stamps or settings rather than the post's running text.
NON_TEXT_FIELDS = {
    "alt_text", "date", "time", "source", "contacts", "location", "image", "images", "photo", "photos",
    "variant", "platform", "profile", "hazard", "template", "logo", "theme", "subtitles", "end_card",
    "template_variant", "corrects_asset_id",
}


@dataclass
class Automated:
    """What the automated checks found for one version.

    Attributes:
        findings: every finding, in check order.
        ran: domain -> short description of the check that covered it.
        skipped: domain -> why that check did not run (module missing, no file to check).
        alt_text: the alt text the checks saw (from the fields or the template render), if any.
    """

    findings: list[Finding] = field(default_factory=list)
    ran: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    alt_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "ran": dict(self.ran),
            "skipped": dict(self.skipped),
            "alt_text": self.alt_text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Automated":
        return cls(
            findings=[_finding_from_dict(x) for x in d.get("findings", [])],
            ran=dict(d.get("ran", {})),
            skipped=dict(d.get("skipped", {})),
            alt_text=d.get("alt_text"),
        )


def _finding_from_dict(d: dict[str, Any]) -> Finding:
    known = {k: d.get(k) for k in ("code", "severity", "message", "at", "cue", "line", "slot", "suggestion")}
    return Finding(**known, extra=dict(d.get("extra") or {}))


def findings(arch: Any, asset_id: int, version: int | None = None) -> list[Finding]:
    """Every automated finding for a version (the current one by default)."""
    return collect(arch, asset_id, version).findings


def collect(arch: Any, asset_id: int, version: int | None = None, *, use_cache: bool = True) -> Automated:
    """Run (or fetch from the cache) every automated check for one version of an asset.

    Args:
        arch: an open :class:`~asri_desktop.core.archive.Archive`.
        asset_id: the asset.
        version: version number; the current version when None.
        use_cache: read and write the per-content-hash cache in the archive home.

    Returns:
        The :class:`Automated` result with the domains that ran and those skipped.
    """
    asset = arch.asset(asset_id)
    ver = arch.version(asset.id, version)
    settings = arch.settings()
    key = sha256_bytes(canonical_json({
        "v": CACHE_VERSION, "hash": ver.content_hash, "kind": asset.kind, "template": asset.template_id,
        "title": asset.title, "settings": settings, "available": _available(),
    }))
    cache_file = cache.folder(arch.home) / "review" / f"{key}.json"
    if use_cache and cache_file.is_file():
        try:
            hit = Automated.from_dict(json.loads(cache_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass  # a damaged cache entry is recomputed, never trusted
        else:
            cache.touch(cache_file)  # used: the last to be pruned
            return hit
    result = Automated()
    _render_checks(arch, asset, ver, settings, result)
    _file_checks(arch, asset, ver, result)
    _language_checks(asset, ver, settings, result)
    if use_cache:
        try:
            atomic_write_bytes(cache_file, json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # the cache is an optimisation; a read-only home still reviews
    return result


def _available() -> dict[str, bool]:
    """Which optional feature modules are usable (part of the cache key: a new install re-checks)."""
    wanted = {"asri_desktop.core.templates": ("load_template", "render"),
              "asri_desktop.core.media.checks": ("check_video",),
              "asri_desktop.core.review.language": ("analyze",)}
    return {name: _optional(name, *attrs) is not None for name, attrs in wanted.items()}


def _optional(module: str, *names: str) -> Any:
    """Import another feature's module (by its full name, so a test can hide it); None when absent.

    A module that is missing, half-installed or lacks the names needed counts as absent:
    the review then falls back to the reviewer instead of failing.
    """
    import importlib

    try:
        mod = importlib.import_module(module)
    except Exception:  # ImportError, or a broken install of that feature
        return None
    return mod if all(hasattr(mod, n) for n in names) else None


def _skip(result: Automated, domains: tuple[str, ...] | list[str], reason: str) -> None:
    for d in domains:
        if d not in result.ran:
            result.skipped.setdefault(d, reason)
    result.findings.append(Finding("review.check_unavailable", "info", reason))


# ---------------------------------------------------------------------- template render
def _render_checks(arch: Any, asset: Any, ver: Any, settings: dict[str, Any], result: Automated) -> None:
    if not asset.template_id:
        return
    templates = _optional("asri_desktop.core.templates", "load_template", "render")
    if templates is None:
        _skip(result, RENDER_DOMAINS, "Pemeriksaan templat (elemen wajib, kontras, teks meluap) belum tersedia "
              "di instalasi ini; periksa secara manual.")
        return
    try:
        spec = templates.load_template(asset.template_id)
        variant = ver.fields.get("template_variant")
        rendered = templates.render(spec, dict(ver.fields), scale=0.25, settings=settings,
                                    variant=variant if isinstance(variant, str) else None)
    except AsriError as exc:
        result.findings.append(Finding(
            "template.invalid", "error",
            f"Templat '{asset.template_id}' tidak dapat digambar ulang untuk pemeriksaan: {exc}",
            suggestion="Perbaiki isian atau templat, lalu simpan versi baru.",
        ))
        for d in RENDER_DOMAINS:
            result.ran[d] = f"templat {asset.template_id} (gagal digambar)"
        return
    for f in rendered.findings:
        src = ver.fields.get(f.slot) if f.slot else None
        if f.code == "image.unreadable" and isinstance(src, str) and src and not Path(src).expanduser().exists():
            # The photo a designer picked lives on their PC, not in the archive; the stored render
            # (checked below as a file) is what gets published, so a missing source is not a defect.
            result.findings.append(Finding(
                "review.source_photo_missing", "info",
                f"Foto sumber slot '{f.slot}' tidak ada di komputer ini; pemeriksaan teks dan kontras "
                "dilakukan tanpa foto, berkas hasil render yang tersimpan tetap diperiksa.", slot=f.slot,
            ))
        else:
            result.findings.append(f)
    for d in RENDER_DOMAINS:
        result.ran[d] = f"render templat {asset.template_id}"
    alt = getattr(rendered, "alt_text", None)
    if alt and not result.alt_text:
        result.alt_text = alt


# ---------------------------------------------------------------------- stored files
def _file_checks(arch: Any, asset: Any, ver: Any, result: Automated) -> None:
    videos = [f for f in ver.files if Path(f.name).suffix.lower() in VIDEO_EXT]
    subs = [f for f in ver.files if Path(f.name).suffix.lower() in SUBTITLE_EXT]
    images = [f for f in ver.files if Path(f.name).suffix.lower() in IMAGE_EXT]
    if images:
        _image_checks(arch, images, result)
    if asset.kind == "video" and not videos:
        result.findings.append(Finding(
            "media.missing", "error", "Aset video ini tidak memuat berkas video (MP4/MOV).",
            suggestion="Impor berkas video sebagai versi baru.",
        ))
        for d in VIDEO_DOMAINS:
            result.ran.setdefault(d, "pemeriksaan berkas aset")
        return
    if not videos:
        return
    checks = _optional("asri_desktop.core.media.checks", "check_video")
    if checks is None:
        _skip(result, VIDEO_DOMAINS, "Pemeriksaan video (durasi, resolusi, codec, subtitle) belum tersedia di "
              "instalasi ini; periksa secara manual.")
        return
    profile = str(ver.fields.get("profile") or "asri-60")
    with tempfile.TemporaryDirectory(prefix="asri-review-") as tmp:
        sub_path = _named_copy(arch, subs[0], Path(tmp)) if subs else None
        for vf in videos:
            vpath = _named_copy(arch, vf, Path(tmp))
            try:
                res = checks.check_video(vpath, subtitles=sub_path, profile=profile)
                result.findings.extend(res.findings)
            except AsriError as exc:
                result.findings.append(Finding(
                    "media.unreadable", "error", f"Video '{vf.name}' tidak dapat diperiksa: {exc}",
                    suggestion="Ekspor ulang video sebagai MP4 H.264 dan simpan versi baru.",
                ))
    for d in VIDEO_DOMAINS:
        result.ran[d] = f"pemeriksaan video (profil {profile})"


def _named_copy(arch: Any, rec: Any, folder: Path) -> Path:
    """The stored file under its own name (checks read the extension); a link where possible."""
    target = folder / Path(rec.name).name
    src = arch.store.path_of(rec.sha256)
    try:
        os.symlink(src, target)
    except OSError:
        shutil.copyfile(src, target)
    return target


def _image_checks(arch: Any, images: list[Any], result: Automated) -> None:
    from PIL import Image

    limits = resources.data("checklists.toml")["imported_image"]
    for rec in images:
        path = arch.store.path_of(rec.sha256)
        try:
            with Image.open(path) as im:
                fmt, (w, h) = im.format, im.size
                im.verify()
        except Image.DecompressionBombError:
            result.findings.append(Finding("image.too_large", "error",
                                           f"Gambar '{rec.name}' terlalu besar untuk dibuka dengan aman."))
            continue
        except Exception as exc:  # Pillow raises many types for damaged files; all mean "unreadable"
            result.findings.append(Finding("image.unreadable", "error",
                                           f"Gambar '{rec.name}' tidak dapat dibaca ({type(exc).__name__}).",
                                           suggestion="Simpan ulang gambar sebagai JPEG atau PNG."))
            continue
        if fmt not in limits["formats"]:
            result.findings.append(Finding(
                "image.format", "error", f"Format gambar '{rec.name}' adalah {fmt}; gunakan {', '.join(limits['formats'])}.",
            ))
        if min(w, h) < limits["min_short_side"]:
            result.findings.append(Finding(
                "image.low_resolution", "error",
                f"Resolusi gambar '{rec.name}' {w}x{h} piksel: sisi terpendek kurang dari {limits['min_short_side']} piksel.",
                suggestion="Gunakan gambar beresolusi lebih tinggi (mis. 1080x1350 untuk feed Instagram).",
            ))
        if rec.size > limits["max_bytes"]:
            result.findings.append(Finding(
                "image.file_too_big", "error",
                f"Ukuran berkas '{rec.name}' {rec.size / 1e6:.1f} MB melebihi {limits['max_bytes'] / 1e6:.0f} MB.",
                suggestion="Kompres gambar (JPEG kualitas 85) sebelum diunggah.",
            ))
    result.ran.setdefault("image", "pemeriksaan berkas gambar")


# ---------------------------------------------------------------------- language
def _flat(value: Any) -> str:
    """A stamp value (string, list of places, or {kecamatan, desa}) as one line."""
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if isinstance(v, (str, int)) and str(v).strip())
    if isinstance(value, (list, tuple)):
        return ", ".join(_flat(v) for v in value if _flat(v))
    return str(value).strip() if value else ""


def _source_name(value: Any, settings: dict[str, Any]) -> str:
    """The source as the stamp prints it: a source id from settings becomes its full name."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("id") or ""
    name = _flat(value)
    for src in settings.get("sources", []) or []:
        if isinstance(src, dict) and name and name.lower() in (str(src.get("id", "")).lower(),
                                                                 str(src.get("short", "")).lower()):
            return str(src.get("name") or name)
    return name


def post_text(fields: dict[str, Any], title: str, settings: dict[str, Any] | None = None) -> str:
    """The running text of a post as a reader sees it: title, body fields, then the stamps.

    Args:
        fields: the version's fields (template data or imported metadata).
        title: the asset title, used when the fields carry none.
        settings: the archive settings, to spell out a source given by id (``bmkg``).
    """
    lines: list[str] = []
    head = fields.get("title") if isinstance(fields.get("title"), str) else None
    lines.append((head or title).strip())

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value.strip():
                lines.append(value.strip())
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in NON_TEXT_FIELDS:
                    walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for key, value in fields.items():
        if key == "title" or key in NON_TEXT_FIELDS:
            continue
        walk(value)
    # The stamp band is part of what the public reads: source, place and date count as warning elements.
    src = _source_name(fields.get("source"), settings or {})
    if src:
        lines.append(f"Sumber: {src}.")
    loc = _flat(fields.get("location"))
    if loc:
        lines.append(f"Lokasi: {loc}.")
    if fields.get("date"):
        try:
            lines.append(f"{dates.format_date(str(fields['date']))}.")
        except AsriError:
            lines.append(str(fields["date"]))
    return "\n".join(lines)


def _language_checks(asset: Any, ver: Any, settings: dict[str, Any], result: Automated) -> None:
    language = _optional("asri_desktop.core.review.language", "analyze")
    if language is None:
        _skip(result, ["language"], "Analisis bahasa (pesan tindakan, kalimat panjang, istilah teknis) belum "
              "tersedia di instalasi ini; periksa secara manual.")
        return
    needs_alt = asset.kind != "video"
    alt = ver.fields.get("alt_text") if isinstance(ver.fields.get("alt_text"), str) else None
    alt = alt or result.alt_text
    if alt:
        result.alt_text = alt
    text = post_text(ver.fields, asset.title, settings)
    import inspect

    kwargs: dict[str, Any] = {"alt_text": alt, "settings": settings}
    takes_flag = "needs_alt_text" in inspect.signature(language.analyze).parameters
    if takes_flag:
        kwargs["needs_alt_text"] = needs_alt
    try:
        report = language.analyze(text, **kwargs)
    except AsriError as exc:
        _skip(result, ["language"], f"Analisis bahasa gagal: {exc}")
        return
    if not takes_flag and needs_alt and not (alt or "").strip():
        # An analyzer without the needs_alt_text parameter: check alt text here, same code.
        result.findings.append(Finding(
            "language.no_alt_text", "error", "Gambar belum memiliki teks alternatif (alt text).",
            suggestion="Tuliskan alt text yang memuat semua teks pada gambar.",
        ))
    result.findings.extend(report.findings)
    result.ran["language"] = "analisis bahasa komunikasi risiko"
