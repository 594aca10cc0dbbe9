"""The mandatory elements (judul, tanggal, sumber data, kontak darurat, tag lokasi, logo) and their locked band.

Data keys: ``title``, ``date`` (ISO; today when absent), ``source`` (a source id
or name from the settings, or ``{"name": ..., "time": ...}``), ``contacts`` (ids
of the settings' contacts or ``{"label", "number"}``; absent means the defaults
in ``render.toml``), ``location`` (a kecamatan, a list of them, or
``{"kecamatan", "desa"}``). A value never replaced from its sample (the
agency's phone still at ``08xx-xxxx-xxxx``) counts as missing.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from asri_desktop.core import dates, resources
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.templates import draw, layout

_PLACEHOLDER_TEXT = re.compile(r"^\s*(\[.*\]|<.*>|\.\.\.|…|-+|x+)\s*$", re.IGNORECASE)
_PLACEHOLDER_NUMBER = re.compile(r"x{2,}", re.IGNORECASE)
STAMP_NAMES = {
    "title": "judul",
    "date": "tanggal",
    "source": "sumber data",
    "contacts": "kontak darurat",
    "location": "tag lokasi",
}


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    with resources.path("defaults/bangka.toml").open("rb") as fh:
        return tomllib.load(fh)


def default_settings() -> dict[str, Any]:
    """The Bangka defaults in the shape of ``Archive.settings()`` (a fresh copy)."""
    return copy.deepcopy(_defaults())


def _stamp_conf() -> dict[str, Any]:
    return resources.data("render.toml").get("stamps", {})


@dataclass
class Stamps:
    """The resolved mandatory elements of one output, and what is missing."""

    title: str
    date_text: str
    source_text: str
    source_short: str
    location_text: str
    kecamatan: list[str]
    contacts: list[tuple[str, str]]
    logo: Image.Image | None
    logo_is_placeholder: bool
    agency: str
    hazard: str | None
    hazard_name: str | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def date_line(self) -> str:
        return f"{self.date_text}  ·  {self.location_text}" if self.location_text else self.date_text

    @property
    def source_line(self) -> str:
        return f"Sumber: {self.source_text}" if self.source_text else ""

    @property
    def contacts_line(self) -> str:
        return "Kontak darurat: " + "  ·  ".join(f"{label} {num}".strip() for label, num in self.contacts)


def _missing(key: str, detail: str, suggestion: str) -> Finding:
    name = STAMP_NAMES[key]
    return Finding("stamp.missing", "error", f"Elemen wajib '{name}' belum ada: {detail}", slot=key,
                   suggestion=suggestion, extra={"element": name})


def _is_placeholder(text: str) -> bool:
    return not text.strip() or bool(_PLACEHOLDER_TEXT.match(text))


def _source(data: dict[str, Any], settings: dict[str, Any]) -> tuple[str, str, list[Finding]]:
    raw = data.get("source")
    name, when = raw, None
    if isinstance(raw, dict):
        name, when = raw.get("name"), raw.get("time")
    if name is not None and not isinstance(name, str):
        raise InputError("Isian 'source' harus teks atau {\"name\": ..., \"time\": ...}.")
    name = (name or "").strip()
    if _is_placeholder(name):
        return "", "", [_missing("source", "sumber data belum diisi.",
                             "Isi 'source', mis. \"bmkg\" atau {\"name\": \"BMKG ...\", \"time\": \"2026-11-27T14:00+07:00\"}.")]
    short = name
    for s in settings.get("sources", []):
        if name.lower() in (str(s.get("id", "")).lower(), str(s.get("short", "")).lower(),
                            str(s.get("name", "")).lower()):
            name, short = s.get("name", name), s.get("short") or s.get("name", name)
            break
    if when:
        try:
            stamp = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dates.local_tz())
            when_text = f"{dates.format_date(stamp.astimezone(dates.local_tz()).date(), weekday=False)}, " \
                        f"{dates.format_time(stamp)}"
        except ValueError:
            when_text = str(when).strip()
        return f"{name}, data {when_text}", f"{short}, data {when_text}", []
    return name, short, []


def _location(data: dict[str, Any], settings: dict[str, Any]) -> tuple[str, list[str], list[Finding]]:
    raw = data.get("location")
    desa = ""
    if isinstance(raw, dict):
        kec, desa = raw.get("kecamatan"), str(raw.get("desa") or "").strip()
    else:
        kec = raw
    if isinstance(kec, str):
        kecs = [kec.strip()] if kec.strip() else []
    elif isinstance(kec, list) and all(isinstance(k, str) for k in kec):
        kecs = [k.strip() for k in kec if k.strip()]
    elif kec is None:
        kecs = []
    else:
        raise InputError("Isian 'location' harus teks, daftar kecamatan, atau {\"kecamatan\": ..., \"desa\": ...}.")
    kecs = [k[5:].strip() if k.lower().startswith("kec. ") else k for k in kecs]
    if not kecs or any(_is_placeholder(k) for k in kecs):
        return "", [], [_missing("location", "tag lokasi (kecamatan) belum diisi.",
                                 "Isi 'location' dengan kecamatan, mis. \"Sungailiat\" atau {\"kecamatan\": \"Belinyu\", \"desa\": \"Romodong\"}.")]
    findings: list[Finding] = []
    known = {str(k.get("name", "")).lower(): k.get("name") for k in settings.get("kecamatan", [])}
    canon = []
    for k in kecs:
        if k.lower() in known:
            canon.append(known[k.lower()])
        else:
            canon.append(k)
            findings.append(Finding("location.unknown", "warning",
                                    f"Kecamatan '{k}' tidak ada dalam daftar kecamatan di Pengaturan.",
                                    slot="location", suggestion="Periksa ejaan: " + ", ".join(known.values())))
    text = "Kec. " + ", ".join(canon)
    if desa:
        # A village already named with its kind (Kelurahan Matras, Dusun ...) keeps it; else it is a Desa.
        kinds = ("desa ", "kelurahan ", "kel. ", "dusun ", "dsn. ", "lingkungan ")
        text += f", {desa}" if desa.lower().startswith(kinds) else f", Desa {desa}"
    return text, canon, findings


def _contact_number(contact: dict[str, Any], agency: dict[str, Any]) -> str:
    number = str(contact.get("number", "") or "").strip()
    phone = str(agency.get("phone", "") or "").strip()
    placeholder = str(agency.get("phone_placeholder", "") or "").strip()
    # A contact flagged `placeholder` is the agency's own line: once the agency phone is set, it is used.
    if contact.get("placeholder") and phone and phone != placeholder:
        return phone
    return number


def _contacts(data: dict[str, Any], settings: dict[str, Any]) -> tuple[list[tuple[str, str]], list[Finding]]:
    agency = settings.get("agency", {})
    by_id = {str(c.get("id")): c for c in settings.get("contacts", [])}
    raw = data.get("contacts")
    if raw is None:
        wanted = [i for i in _stamp_conf().get("default_contacts", []) if i in by_id] or list(by_id)[:2]
        raw = wanted
    if not isinstance(raw, list):
        raise InputError("Isian 'contacts' harus daftar, mis. [\"112\", \"bpbd\"].")
    chosen: list[dict[str, Any]] = []
    for item in raw:
        if isinstance(item, str):
            if item in by_id:
                chosen.append(by_id[item])
            elif re.fullmatch(r"[0-9+()\-/ .]{3,}", item.strip()):
                chosen.append({"label": "", "number": item.strip()})
            else:
                raise InputError(f"Kontak '{item}' tidak ada di Pengaturan. Pilihan: {', '.join(by_id) or '(kosong)'}")
        elif isinstance(item, dict):
            base = by_id.get(str(item.get("id")), {}) if "id" in item else {}
            chosen.append({**base, **item})
        else:
            raise InputError("Setiap kontak harus id (teks) atau {\"label\": ..., \"number\": ...}.")
    if not chosen:
        return [], [_missing("contacts", "minimal satu kontak darurat harus tercantum.",
                             "Isi 'contacts', mis. [\"112\", \"bpbd\"], atau lengkapi kontak di Pengaturan.")]
    result, findings = [], []
    placeholder = str(agency.get("phone_placeholder", "") or "").strip()
    for c in chosen:
        number = _contact_number(c, agency)
        label = str(c.get("label", "") or "").strip()
        if not number or (placeholder and number == placeholder) or _PLACEHOLDER_NUMBER.search(number):
            findings.append(_missing(
                "contacts",
                f"nomor '{label or 'kontak'}' masih berisi nilai contoh '{number or '(kosong)'}'.",
                "Isi nomor telepon BPBD di Pengaturan (agency.phone), atau hapus kontak ini dari 'contacts'.",
            ))
        result.append((label, number))
    return result, findings


def _logo(settings: dict[str, Any]) -> tuple[Image.Image | None, bool, list[Finding]]:
    agency = settings.get("agency", {})
    # ``logo_file`` is the stored logo's path, resolved by the archive from its sha;
    # ``logo`` may also be a plain path (settings made by hand or by a script).
    logo = str(agency.get("logo_file") or agency.get("logo", "") or "").strip()
    if not logo:
        img = _load_logo(str(resources.path("logo/placeholder.png")), 0.0)
        return img, True, [Finding("stamp.logo_placeholder", "warning",
                                   "Logo instansi belum diatur; pita stempel memakai tanda pengganti netral.",
                                   slot="logo", suggestion="Pilih berkas logo BPBD (PNG transparan) di Pengaturan.")]
    p = Path(logo).expanduser()
    try:
        return _load_logo(str(p), p.stat().st_mtime), False, []
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        return None, False, [Finding("image.unreadable", "error", f"Logo instansi '{logo}' tidak dapat dibaca ({exc}).",
                                     slot="logo", suggestion="Pilih ulang berkas logo di Pengaturan.")]


@lru_cache(maxsize=8)
def _load_logo(path: str, mtime: float) -> Image.Image:
    img = Image.open(path)
    if img.width * img.height > 40_000_000:
        raise ValueError("gambar terlalu besar")
    img.load()
    img = img.convert("RGBA")
    img.thumbnail((1024, 1024), Image.Resampling.LANCZOS)
    return img


def resolve(data: dict[str, Any], settings: dict[str, Any] | None = None) -> Stamps:
    """Resolve every mandatory element from the data and settings; findings name what is missing."""
    settings = settings if settings is not None else default_settings()
    findings: list[Finding] = []
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError("Isian 'title' harus teks.")
    title = (title or "").strip()
    if _is_placeholder(title):
        findings.append(_missing("title", "judul belum diisi.", "Isi 'title' dengan judul unggahan."))
        title = ""
    date_text = dates.format_date(data.get("date") or None)
    source_text, source_short, f = _source(data, settings)
    findings += f
    location_text, kecs, f = _location(data, settings)
    findings += f
    contacts, f = _contacts(data, settings)
    findings += f
    logo, placeholder, f = _logo(settings)
    findings += f
    hazard = data.get("hazard")
    hazard_name = None
    if hazard is not None:
        if not isinstance(hazard, str):
            raise InputError("Isian 'hazard' harus teks (id bencana dari Pengaturan, mis. \"banjir\").")
        for h in settings.get("hazards", []):
            if hazard in (h.get("id"), h.get("name")):
                hazard, hazard_name = h.get("id"), h.get("name")
                break
    return Stamps(title=title, date_text=date_text, source_text=source_text, source_short=source_short, location_text=location_text,
                  kecamatan=kecs, contacts=contacts, logo=logo, logo_is_placeholder=placeholder,
                  agency=str(settings.get("agency", {}).get("name", "") or ""), hazard=hazard,
                  hazard_name=hazard_name, findings=findings)


def missing_stamps(data: dict[str, Any], settings: dict[str, Any] | None = None) -> list[Finding]:
    """The ``stamp.missing`` findings for ``data``: one per missing or placeholder element."""
    return [f for f in resolve(data, settings).findings if f.code == "stamp.missing"]


def draw_band(canvas: Image.Image, box: tuple[int, int, int, int], theme: dict[str, Any], st: Stamps,
              px: float, show_title: bool, scale: float = 1.0) -> tuple[list[str], list[Finding]]:
    """Draw the locked stamp band into ``box``; returns its texts (for alt text) and overflow findings.

    ``px`` converts template pixels (at the reference width) to canvas pixels.
    """
    x0, y0, x1, y1 = box
    h = y1 - y0
    draw.rect(canvas, box, draw.colour("band_bg", theme))
    draw.rect(canvas, (x0, y0, x1, y0 + max(1, int(round(8 * px)))), draw.colour("accent", theme))
    pad = int(round(44 * px))
    vpad = int(round(22 * px)) + max(1, int(round(8 * px)))
    logo_side = h - vpad - int(round(22 * px))
    tx = x0 + pad
    if st.logo is not None and logo_side > 4:
        logo = st.logo.copy()
        logo.thumbnail((logo_side, logo_side), Image.Resampling.LANCZOS)
        ly = y0 + vpad + (logo_side - logo.height) // 2
        canvas.paste(logo.convert("RGB"), (tx, ly), logo.getchannel("A"))
        tx += logo_side + int(round(28 * px))
    short_source = f"Sumber: {st.source_short}" if st.source_short else ""
    rows = [
        ([st.title if show_title else st.agency], "PlusJakartaSans-ExtraBold.ttf", "band_text", 1.0, "title"),
        ([st.date_line], "PlusJakartaSans-Bold.ttf", "band_muted", 0.8, "date"),
        ([st.source_line, short_source], "PlusJakartaSans-Regular.ttf", "band_muted", 0.8, "source"),
        ([st.contacts_line], "PlusJakartaSans-Bold.ttf", "band_text", 0.86, "contacts"),
    ]
    rows = [r for r in rows if r[0][0]]
    avail_w = x1 - pad - tx
    avail_h = y1 - y0 - vpad - int(round(18 * px))
    weights = sum(r[3] for r in rows)
    spacing = 1.22
    base = avail_h / (weights * spacing)
    y = y0 + vpad
    texts, findings = [], []
    for options, fname, col, weight, key in rows:
        fpath = resources.font(fname)
        size_max = base * weight
        # The first wording that fits on one line without shrinking much wins (the source falls back to its
        # short name); failing that, the one shown largest.
        best = None
        for text in [o for o in options if o]:
            lay = layout.fit_scaled(text, fpath, avail_w, size_max * spacing, min(size_max, 17 * px), size_max, 1,
                                    spacing, scale)
            if not lay.overflow and lay.size >= 0.8 * size_max - 1:
                best = (text, lay)
                break
            if best is None or (not lay.overflow and (best[1].overflow or lay.size > best[1].size)):
                best = (text, lay)
        text, lay = best
        line_h = size_max * spacing
        draw.text_block(canvas, (tx, int(y), x1 - pad, int(y + line_h)), lay, fpath, draw.colour(col, theme),
                        valign="middle", measure=False)
        if lay.overflow:
            findings.append(Finding("text.overflow", "error",
                                    f"Teks pita stempel ({STAMP_NAMES.get(key, key)}) tidak muat dalam satu baris: "
                                    f"'{text[:60]}…'", slot=f"stamp.{key}",
                                    suggestion="Persingkat teksnya atau kurangi jumlah kontak."))
        texts.append(text)
        y += line_h
    return texts, findings
