"""Export: platform profiles, JPEG sRGB under the platform's file-size limit, carousel as numbered files + one PDF.

Nothing is written when an error finding exists (the refusal names every
problem), and what is written appears atomically: files are encoded into a
hidden folder inside ``out_dir`` and moved into place only when all succeeded.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Callable

from PIL import Image, ImageCms

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.findings import Finding
from asri_desktop.core.templates import draw
from asri_desktop.core.templates.render import RenderResult, render
from asri_desktop.core.templates.spec import TemplateSpec

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
FORMATS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
def _srgb_icc() -> bytes:
    """LittleCMS's built-in sRGB profile with its creation date fixed (header bytes 24–35).

    The date would otherwise change with the clock, and the same input must give the same bytes.
    """
    raw = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    raw[24:36] = bytes([0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2000-01-01 00:00:00
    return bytes(raw)


_SRGB_ICC = _srgb_icc()


def platforms() -> list[dict[str, Any]]:
    """The platform profiles of ``resources/platforms.toml``."""
    return list(resources.data("platforms.toml")["platforms"])


def platform_profile(platform_id: str) -> dict[str, Any]:
    """One profile by id; unknown ids name the known ones."""
    for p in platforms():
        if p["id"] == platform_id:
            return p
    raise InputError(f"Platform '{platform_id}' tidak dikenal. Pilihan: {', '.join(p['id'] for p in platforms())}")


def slug(text: str, limit: int = 48) -> str:
    """An ASCII file-name stem: ``Waspada Banjir Rob!`` -> ``waspada-banjir-rob``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:limit].rstrip("-") or "konten"


def _closest_variant(spec: TemplateSpec, width: int, height: int) -> str:
    ratio = width / height
    return min(spec.variants, key=lambda v: abs(v.ratio - ratio) / ratio).id


def _fit_to(img: Image.Image, width: int, height: int, fill: tuple[int, int, int]) -> tuple[Image.Image, bool]:
    """Resize to the platform size; a different ratio (beyond 2 %) is letterboxed, never cropped (the band is locked)."""
    if img.size == (width, height):
        return img, False
    if abs(img.width / img.height - width / height) / (width / height) <= 0.02:
        return img.resize((width, height), Image.Resampling.LANCZOS), False
    pic = img.copy()
    pic.thumbnail((width, height), Image.Resampling.LANCZOS)
    out = Image.new("RGB", (width, height), fill)
    out.paste(pic, ((width - pic.width) // 2, (height - pic.height) // 2))
    return out, True


def encode(img: Image.Image, fmt: str, max_bytes: int | None) -> tuple[bytes, int | None]:
    """Encode; JPEG/WebP step down in quality until under ``max_bytes``. Returns (bytes, quality)."""
    conf = resources.data("render.toml")["jpeg"]
    if fmt == "png":
        buf = io.BytesIO()
        img.save(buf, "PNG", icc_profile=_SRGB_ICC, compress_level=6)
        return buf.getvalue(), None
    q = conf["quality_max"]
    while True:
        buf = io.BytesIO()
        if fmt == "jpeg":
            # 4:4:4 at high quality keeps coloured text edges crisp; no `optimize` (a third slower for ~10 %,
            # and the quality steps already handle the platform limits).
            img.save(buf, "JPEG", quality=q, icc_profile=_SRGB_ICC, subsampling="4:2:0" if q < 90 else "4:4:4")
        else:
            img.save(buf, "WEBP", quality=q, icc_profile=_SRGB_ICC, method=4)
        data = buf.getvalue()
        if max_bytes is None or len(data) <= max_bytes or q <= conf["quality_min"]:
            return data, q
        q = max(conf["quality_min"], q - conf["quality_step"])


def _refuse(result: RenderResult) -> None:
    errors = [f for f in result.findings if f.is_error]
    if not errors:
        return
    rule = "stamps" if any(f.code == "stamp.missing" for f in errors) else "findings"
    missing = [f.extra.get("element") for f in errors if f.code == "stamp.missing"]
    head = "Ekspor ditolak"
    if missing:
        names = list(dict.fromkeys(m for m in missing if m))
        head += f": elemen wajib belum lengkap ({', '.join(names)})"
    lines = [f"{head}."] + [f"  - [{f.code}] {f.message}" for f in errors]
    exc = RefusedError("\n".join(lines), rule=rule)
    exc.findings = result.findings  # type: ignore[attr-defined]
    raise exc


def export(spec: TemplateSpec, data: dict[str, Any], out_dir: str | Path, *, variant: str | None = None,
           platform: str | None = None, fmt: str = "jpeg", settings: dict[str, Any] | None = None,
           progress: Progress | None = None, cancel: Cancel | None = None,
           base_dir: str | Path | None = None) -> dict[str, Any]:
    """Render at full size and write platform-ready files; returns the manifest.

    Args:
        spec: the template.
        data: slot values and stamp keys (see :func:`render`).
        out_dir: folder to write into (created if needed).
        variant: variant id; None picks the one closest to the platform's ratio, else the first.
        platform: a profile id of ``resources/platforms.toml`` (size, formats, file-size limit); None keeps
            the variant's own size with no limit.
        fmt: ``jpeg`` (sRGB, default), ``png`` or ``webp``; the platform must accept it.
        settings: ``Archive.settings()``; None uses the Bangka defaults.
        progress: called as ``progress(done, total, message)``.
        cancel: polled between pages; returning True stops the export and writes nothing.
        base_dir: folder that relative image paths in ``data`` are resolved against.

    Returns:
        The manifest: template, variant, platform, format, files (name, path, page, variant, width, height,
        bytes, sha256, quality), pdf (for a carousel), findings, alt_text, caption.

    Raises:
        RefusedError: an error finding exists (``rule="stamps"`` when a mandatory element is missing,
            ``"findings"`` otherwise), the file cannot fit the platform's size limit (``"file_size"``), or
            the export was cancelled (``"cancelled"``).
        InputError: unknown variant, platform or format; bad data.
    """
    fmt = (fmt or "jpeg").lower().replace("jpg", "jpeg")
    if fmt not in FORMATS:
        raise InputError(f"Format '{fmt}' tidak dikenal. Pilihan: {', '.join(FORMATS)}")
    profile = platform_profile(platform) if platform else None
    if profile and fmt not in profile["formats"]:
        raise InputError(f"Platform {profile['label']} tidak menerima format {fmt.upper()}. Pilihan: "
                         f"{', '.join(f.upper() for f in profile['formats'])}")
    if variant is None and profile:
        variant = _closest_variant(spec, profile["width"], profile["height"])
    v = spec.variant(variant)
    report = progress or (lambda done, total, msg: None)
    if cancel and cancel():
        raise RefusedError("Ekspor dibatalkan; tidak ada berkas yang ditulis.", rule="cancelled")
    report(0, 1, "Menggambar templat")
    result = render(spec, data, variant=v.id, scale=1.0, settings=settings, base_dir=base_dir)
    _refuse(result)
    findings: list[Finding] = list(result.findings)
    pages = result.pages
    multi = spec.is_multipage
    if profile and multi and profile.get("carousel_max") and len(pages) > profile["carousel_max"]:
        findings.append(Finding("carousel.too_many", "warning",
                                f"Carousel {len(pages)} slide; {profile['label']} menerima paling banyak "
                                f"{profile['carousel_max']} lewat alat publikasi.", extra={"pages": len(pages)}))
    total = len(pages) + (1 if multi else 0) + 1
    stem = f"{slug(result_title(data, spec))}_{v.id}" + (f"_{profile['id']}" if profile else "")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"Folder keluaran '{out}' tidak dapat dibuat ({exc}).") from None
    fill = draw.colour("bg", spec.themes[result.theme])[:3]
    encoded: list[tuple[str, bytes, dict[str, Any]]] = []
    finals: list[Image.Image] = []
    for i, page in enumerate(pages, 1):
        if cancel and cancel():
            raise RefusedError("Ekspor dibatalkan; tidak ada berkas yang ditulis.", rule="cancelled")
        img = page
        boxed = False
        if profile:
            img, boxed = _fit_to(page, profile["width"], profile["height"], fill)
        if boxed and i == 1:
            findings.append(Finding("platform.letterbox", "info",
                                    f"Rasio varian {v.id} berbeda dari {profile['label']}; gambar diberi bingkai "
                                    "warna latar, tidak dipotong.", suggestion="Pilih varian dengan rasio yang sama."))
        limit = profile["max_bytes"] if profile else None
        blob, quality = encode(img, fmt, limit)
        if limit and len(blob) > limit:
            raise RefusedError(f"Berkas halaman {i} tetap {len(blob):,} bita pada kualitas terendah, melebihi batas "
                               f"{profile['label']} {limit:,} bita.".replace(",", "."), rule="file_size")
        name = f"{stem}_{i:02d}.{FORMATS[fmt]}" if multi else f"{stem}.{FORMATS[fmt]}"
        encoded.append((name, blob, {"page": i, "width": img.width, "height": img.height, "quality": quality}))
        finals.append(img)
        report(i, total, f"Halaman {i} dari {len(pages)} disandikan")
    pdf_entry = None
    if multi:
        buf = io.BytesIO()
        fixed = "D:20000101000000Z"  # fixed dates: the same input gives the same PDF bytes
        first, rest = finals[0].convert("RGB"), [p.convert("RGB") for p in finals[1:]]
        first.save(buf, "PDF", save_all=True, append_images=rest, resolution=72.0, title=result_title(data, spec),
                   author=str((settings or {}).get("agency", {}).get("name", "")) or "ASRI Desktop",
                   creationDate=fixed, modDate=fixed)
        encoded.append((f"{stem}.pdf", buf.getvalue(), {"page": None, "pages": len(finals)}))
        report(len(pages) + 1, total, "PDF carousel disusun")
    if cancel and cancel():
        raise RefusedError("Ekspor dibatalkan; tidak ada berkas yang ditulis.", rule="cancelled")
    files = _write_atomically(out, encoded)
    manifest_files = [f for f in files if not f["name"].endswith(".pdf")]
    pdf_entry = next((f for f in files if f["name"].endswith(".pdf")), None)
    for f in manifest_files:
        f["variant"] = v.id
    report(total, total, "Selesai")
    manifest = {
        "template": spec.id,
        "template_name": spec.name,
        "kind": spec.kind,
        "title": result_title(data, spec),
        "variant": v.id,
        "theme": result.theme,
        "platform": profile["id"] if profile else None,
        "format": fmt,
        "files": manifest_files,
        "pdf": pdf_entry,
        "findings": [f.to_dict() for f in findings],
        "alt_text": result.alt_text,
        "caption": result.caption,
    }
    return manifest


def result_title(data: dict[str, Any], spec: TemplateSpec) -> str:
    title = data.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else spec.name


def _write_atomically(out: Path, encoded: list[tuple[str, bytes, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Write every file into a hidden folder in ``out``, then move them into place; on failure nothing remains."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".asri-export-", dir=out))
    except OSError as exc:
        raise InputError(f"Folder keluaran '{out}' tidak dapat ditulisi ({exc}).") from None
    try:
        staged = []
        for name, blob, meta in encoded:
            p = tmp / name
            with open(p, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            staged.append((name, p, blob, meta))
        files, moved = [], []
        try:
            for name, p, blob, meta in staged:
                os.replace(p, out / name)
                moved.append(out / name)
                files.append({"name": name, "path": str(out / name),
                              **{k: v for k, v in meta.items() if v is not None},
                              "bytes": len(blob), "sha256": hashlib.sha256(blob).hexdigest()})
        except OSError:
            for m in moved:  # all or nothing: take back what was already moved
                m.unlink(missing_ok=True)
            raise
        return files
    except OSError as exc:
        raise InputError(f"Gagal menulis berkas ekspor ke '{out}' ({exc}).") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
