"""Template files: loading and validation of ``assets/templates/<id>/template.toml``.

A template is data, not code (docs/templates.md). Everything a renderer needs is
checked here once, so a malformed template fails at load time with a message
naming the file, the field and the problem, never with a traceback mid-render.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError

TEMPLATES_DIR = resources.TEMPLATES
ART_DIR = TEMPLATES_DIR / "_art"
THEME_KEYS = ("bg", "bg2", "accent", "on_accent", "text", "muted", "panel", "panel_text",
              "band_bg", "band_text", "band_muted")
SLOT_TYPES = ("text", "image", "list")
ELEMENT_TYPES = ("rect", "gradient", "circle", "icon", "art", "text", "photo", "list", "contacts")
ALIGNS = ("left", "center", "right")
VALIGNS = ("top", "middle", "bottom")
FONT_ALIASES = {
    "regular": "PlusJakartaSans-Regular.ttf",
    "bold": "PlusJakartaSans-Bold.ttf",
    "extrabold": "PlusJakartaSans-ExtraBold.ttf",
}
_HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class TemplateError(InputError):
    """A template file that cannot be used; the message names file, field and problem."""

    def __init__(self, file: Path | str, where: str, problem: str) -> None:
        self.file = str(file)
        self.where = where
        self.problem = problem
        super().__init__(f"Templat tidak valid: {file}: bidang '{where}': {problem}", rule="template.invalid")


@dataclass(frozen=True)
class Variant:
    """One size of a template: the same content re-laid for another ratio."""

    id: str
    label: str
    width: int
    height: int
    band: int  # height of the locked stamp band, pixels at this variant's size

    @property
    def ratio(self) -> float:
        return self.width / self.height


@dataclass(frozen=True)
class Slot:
    """One field of the template's form."""

    id: str
    label: str
    type: str
    required: bool = False
    max_chars: int | None = None
    multiline: bool = False
    help: str = ""
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class Page:
    """One page of the output; a page with ``repeat`` is drawn once per item of that list slot."""

    id: str
    repeat: str | None
    elements: tuple[dict[str, Any], ...]


@dataclass(eq=False)
class TemplateSpec:
    """A loaded, validated template."""

    id: str
    name: str
    kind: str
    description: str
    dir: Path
    file: Path
    default_theme: str
    pinned_theme: str | None
    themes: dict[str, dict[str, Any]]
    variants: list[Variant]
    slots: list[Slot]
    pages: list[Page]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def sample_path(self) -> Path:
        return self.dir / "sample.json"

    def sample(self) -> dict[str, Any]:
        """The template's sample data (a fresh copy)."""
        try:
            return json.loads(self.sample_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"Templat '{self.id}' tidak punya berkas contoh {self.sample_path}") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"Berkas contoh {self.sample_path} rusak: {exc}") from None

    def variant(self, variant_id: str | None = None) -> Variant:
        """A variant by id; None is the first (the template's main size)."""
        if variant_id is None:
            return self.variants[0]
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise InputError(
            f"Varian '{variant_id}' tidak ada pada templat '{self.id}'. Pilihan: "
            + ", ".join(v.id for v in self.variants)
        )

    def slot(self, slot_id: str) -> Slot | None:
        return next((s for s in self.slots if s.id == slot_id), None)

    @property
    def is_multipage(self) -> bool:
        return len(self.pages) > 1 or any(p.repeat for p in self.pages)

    def thumbnail(self, variant: str | None = None, *, scale: float = 0.25) -> Any:
        """A small render of the sample (PIL image), cached per template, variant and scale."""
        from asri_desktop.core.templates.render import thumbnail

        return thumbnail(self, variant, scale)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description (for ``asri templates --json`` and the UI form)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "variants": [{"id": v.id, "label": v.label, "width": v.width, "height": v.height} for v in self.variants],
            "slots": [
                {k: v for k, v in s.__dict__.items() if v not in (None, "")} for s in self.slots
            ],
            "pages": [p.id for p in self.pages],
            "default_theme": self.default_theme,
            "sample": str(self.sample_path),
        }


# ---------------------------------------------------------------------------- validation helpers
class _Check:
    """Small typed readers that raise :class:`TemplateError` naming the field."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> None:
        raise TemplateError(self.file, where, problem)

    def table(self, d: Any, where: str) -> dict[str, Any]:
        if not isinstance(d, dict):
            self.fail(where, "harus berupa tabel")
        return d

    def get(self, d: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...], *, required: bool = True,
            default: Any = None) -> Any:
        if key not in d:
            if required:
                self.fail(f"{where}{key}", "wajib diisi tetapi tidak ada")
            return default
        value = d[key]
        if kind in (int, float, (int, float)) and isinstance(value, bool):
            self.fail(f"{where}{key}", "harus berupa angka")
        if not isinstance(value, kind):
            names = {str: "teks", int: "bilangan bulat", bool: "true/false", list: "daftar", dict: "tabel",
                     float: "angka"}
            want = " atau ".join(names.get(k, k.__name__) for k in (kind if isinstance(kind, tuple) else (kind,)))
            self.fail(f"{where}{key}", f"harus berupa {want}, bukan {type(value).__name__}")
        return value

    def colour(self, value: Any, where: str, theme_keys: bool = True) -> str:
        if not isinstance(value, str) or not (_HEX.match(value) or (theme_keys and value in THEME_KEYS)):
            allowed = f"nama warna tema ({', '.join(THEME_KEYS)}) atau " if theme_keys else ""
            self.fail(where, f"warna '{value}' tidak dikenal; gunakan {allowed}#RRGGBB / #RRGGBBAA")
        return value

    def box(self, value: Any, where: str, bleed: bool = False) -> tuple[float, float, float, float]:
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)):
            self.fail(where, "harus daftar 4 angka [x, y, lebar, tinggi] dalam pecahan 0..1 area konten")
        x, y, w, h = (float(v) for v in value)
        # Decoration may bleed off the edge (a circle cut by the frame); content must stay inside.
        lo, hi = (-0.5, 1.5) if bleed else (-0.001, 1.001)
        if w <= 0 or h <= 0 or x < lo or y < lo or x + w > hi or y + h > hi:
            self.fail(where, f"kotak {value} keluar dari area konten ({'-0,5..1,5' if bleed else '0..1'}) "
                             "atau berukuran nol")
        return (x, y, w, h)


def _font_path(spec_dir: Path, name: str) -> Path:
    """Resolve a font name: an alias (regular/bold/extrabold), a file in the template folder, or in resources/fonts."""
    name = FONT_ALIASES.get(name.lower(), name)
    local = spec_dir / name
    if local.is_file():
        return local
    return resources.font(name)  # raises ResourceMissing naming the known fonts


def _check_element(c: _Check, el: Any, where: str, spec_dir: Path, slots: dict[str, Slot],
                   variant_ids: set[str], repeat: str | None) -> dict[str, Any]:
    el = dict(c.table(el, where))
    etype = c.get(el, "type", f"{where}.", str)
    if etype not in ELEMENT_TYPES:
        c.fail(f"{where}.type", f"jenis '{etype}' tidak dikenal; pilihan: {', '.join(ELEMENT_TYPES)}")
    bleed = etype in ("rect", "gradient", "circle", "icon", "art")
    c.box(c.get(el, "box", f"{where}.", list), f"{where}.box", bleed)
    for key in ("when", "unless"):
        if key in el and c.get(el, key, f"{where}.", str) not in slots:
            c.fail(f"{where}.{key}", f"slot '{el[key]}' tidak dideklarasikan di [[slots]]")
    overrides = c.get(el, "variant", f"{where}.", dict, required=False, default={})
    for vid, ov in overrides.items():
        if vid not in variant_ids:
            c.fail(f"{where}.variant.{vid}", f"varian '{vid}' tidak dideklarasikan; ada: {', '.join(sorted(variant_ids))}")
        c.table(ov, f"{where}.variant.{vid}")
        if "box" in ov:
            c.box(ov["box"], f"{where}.variant.{vid}.box", bleed)
    for key in ("fill", "color", "from", "to", "tint", "chip", "number_fill", "number_color", "title_color"):
        if key in el:
            c.colour(el[key], f"{where}.{key}")
    if "follow_gap" in el:
        c.get(el, "follow_gap", f"{where}.", (int, float))
    for key in ("alt", "upper", "numbered", "ellipse", "follow"):
        if key in el:
            c.get(el, key, f"{where}.", bool)
    if "opacity" in el:
        op = c.get(el, "opacity", f"{where}.", (int, float))
        if not 0 <= op <= 1:
            c.fail(f"{where}.opacity", "harus di antara 0 dan 1")
    if etype in ("text", "list", "contacts"):
        for key in ("font", "title_font"):
            if key in el:
                try:
                    el[f"_{key}_path"] = _font_path(spec_dir, c.get(el, key, f"{where}.", str))
                except InputError as exc:
                    c.fail(f"{where}.{key}", f"berkas font tidak ditemukan ({exc})")
        if "font" not in el:
            el["_font_path"] = _font_path(spec_dir, "bold" if etype == "contacts" else "regular")
        if "title_font" not in el:
            el["_title_font_path"] = _font_path(spec_dir, "bold")
        size = c.get(el, "size", f"{where}.", list)
        if (len(size) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in size)
                or not 4 <= size[0] <= size[1] <= 600):
            c.fail(f"{where}.size", "harus [ukuran_min, ukuran_maks] dalam piksel, 4 <= min <= maks <= 600")
        for key, allowed in (("align", ALIGNS), ("valign", VALIGNS)):
            if key in el and el[key] not in allowed:
                c.fail(f"{where}.{key}", f"'{el[key]}' tidak dikenal; pilihan: {', '.join(allowed)}")
        if "max_lines" in el:
            ml = c.get(el, "max_lines", f"{where}.", int)
            if ml < 1:
                c.fail(f"{where}.max_lines", "minimal 1")
    if etype == "text":
        has_slot, has_text = "slot" in el, "text" in el
        if has_slot == has_text:
            c.fail(where, "elemen teks harus punya tepat satu dari 'slot' atau 'text'")
        if has_slot:
            sid = c.get(el, "slot", f"{where}.", str)
            if sid.startswith("item."):
                if repeat is None:
                    c.fail(f"{where}.slot", f"'{sid}' hanya boleh pada halaman yang berulang (repeat)")
                if sid not in ("item.title", "item.text"):
                    c.fail(f"{where}.slot", "gunakan 'item.title' atau 'item.text'")
            elif sid not in slots:
                c.fail(f"{where}.slot", f"slot '{sid}' tidak dideklarasikan di [[slots]]")
            elif slots[sid].type != "text":
                c.fail(f"{where}.slot", f"slot '{sid}' berjenis {slots[sid].type}, bukan text")
        else:
            c.get(el, "text", f"{where}.", str)
    if etype == "list":
        sid = c.get(el, "slot", f"{where}.", str)
        if sid not in slots or slots[sid].type != "list":
            c.fail(f"{where}.slot", f"slot '{sid}' harus dideklarasikan dengan type = \"list\"")
    if etype == "photo":
        sid = c.get(el, "slot", f"{where}.", str)
        if sid not in slots or slots[sid].type != "image":
            c.fail(f"{where}.slot", f"slot '{sid}' harus dideklarasikan dengan type = \"image\"")
        if el.get("fit", "cover") not in ("cover", "contain"):
            c.fail(f"{where}.fit", "pilihan: cover, contain")
    if etype == "icon":
        name = c.get(el, "icon", f"{where}.", str)
        if name != "hazard" and not (ART_DIR / "icons" / f"{name}.png").is_file():
            known = sorted(p.stem for p in (ART_DIR / "icons").glob("*.png"))
            c.fail(f"{where}.icon", f"ikon '{name}' tidak ada; pilihan: hazard, {', '.join(known)}")
    if etype == "art":
        f = c.get(el, "file", f"{where}.", str)
        if not (spec_dir / f).is_file():
            c.fail(f"{where}.file", f"berkas gambar '{f}' tidak ada di {spec_dir}")
    if etype == "gradient" and el.get("direction", "vertical") not in ("vertical", "horizontal", "diagonal"):
        c.fail(f"{where}.direction", "pilihan: vertical, horizontal, diagonal")
    return el


def _check_theme(c: _Check, theme: Any, where: str) -> dict[str, Any]:
    theme = c.table(theme, where)
    for key in THEME_KEYS:
        c.colour(c.get(theme, key, f"{where}.", str), f"{where}.{key}", theme_keys=False)
    icon = c.get(theme, "icon", f"{where}.", str)
    if not (ART_DIR / "icons" / f"{icon}.png").is_file():
        c.fail(f"{where}.icon", f"ikon '{icon}' tidak ada di {ART_DIR / 'icons'}")
    return theme


@lru_cache(maxsize=1)
def shared_themes() -> dict[str, dict[str, Any]]:
    """The hazard colour themes every template shares (``assets/templates/themes.toml``)."""
    file = TEMPLATES_DIR / "themes.toml"
    c = _Check(file)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"Berkas tema {file} tidak ditemukan") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(file, "(sintaks)", str(exc)) from None
    return {k: _check_theme(c, v, k) for k, v in raw.items()}


def parse_template(file: Path) -> TemplateSpec:
    """Read and validate one template file; raises :class:`TemplateError` naming field and problem."""
    file = Path(file)
    c = _Check(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Berkas templat {file} tidak ditemukan") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(file, "(berkas)", f"tidak dapat dibaca: {exc}") from None
    try:
        if file.suffix == ".json":
            raw = json.loads(text)
        else:
            raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(file, "(sintaks)", str(exc)) from None
    c.table(raw, "(akar)")
    spec_dir = file.parent
    tid = c.get(raw, "id", "", str)
    if tid != spec_dir.name:
        c.fail("id", f"'{tid}' harus sama dengan nama foldernya '{spec_dir.name}'")
    if not _ID.match(tid):
        c.fail("id", "hanya huruf kecil, angka dan tanda hubung")
    name = c.get(raw, "name", "", str)
    kind = c.get(raw, "kind", "", str)
    kinds = resources.data("roles.toml")["kinds"]
    if kind not in kinds or kind == "video":
        c.fail("kind", f"'{kind}' tidak dikenal; pilihan: {', '.join(k for k in kinds if k != 'video')}")

    themes = dict(shared_themes())
    for tname, theme in c.get(raw, "themes", "", dict, required=False, default={}).items():
        merged = {**themes.get(tname, {}), **c.table(theme, f"themes.{tname}")}
        themes[tname] = _check_theme(c, merged, f"themes.{tname}")
    default_theme = c.get(raw, "default_theme", "", str, required=False, default="umum")
    pinned = c.get(raw, "theme", "", str, required=False)
    c.get(raw, "expected_source", "", str, required=False)
    for key, value in (("default_theme", default_theme), ("theme", pinned)):
        if value is not None and value not in themes:
            c.fail(key, f"tema '{value}' tidak dikenal; pilihan: {', '.join(sorted(themes))}")

    variants: list[Variant] = []
    for i, v in enumerate(c.get(raw, "variants", "", list)):
        where = f"variants[{i}]."
        c.table(v, where[:-1])
        w, h = c.get(v, "width", where, int), c.get(v, "height", where, int)
        if not (100 <= w <= 8000 and 100 <= h <= 8000):
            c.fail(f"{where}width", "lebar dan tinggi harus 100..8000 piksel")
        band = c.get(v, "band", where, int)
        if not 0 < band < h // 2:
            c.fail(f"{where}band", f"tinggi pita stempel harus 1..{h // 2 - 1} piksel")
        vid = c.get(v, "id", where, str)
        if any(x.id == vid for x in variants):
            c.fail(f"{where}id", f"varian '{vid}' ganda")
        variants.append(Variant(vid, c.get(v, "label", where, str), w, h, band))
    if not variants:
        c.fail("variants", "minimal satu varian")

    slots: dict[str, Slot] = {}
    for i, s in enumerate(c.get(raw, "slots", "", list)):
        where = f"slots[{i}]."
        c.table(s, where[:-1])
        sid = c.get(s, "id", where, str)
        stype = c.get(s, "type", where, str)
        if stype not in SLOT_TYPES:
            c.fail(f"{where}type", f"'{stype}' tidak dikenal; pilihan: {', '.join(SLOT_TYPES)}")
        if sid in slots:
            c.fail(f"{where}id", f"slot '{sid}' ganda")
        slots[sid] = Slot(
            id=sid, label=c.get(s, "label", where, str), type=stype,
            required=c.get(s, "required", where, bool, required=False, default=False),
            max_chars=c.get(s, "max_chars", where, int, required=False),
            multiline=c.get(s, "multiline", where, bool, required=False, default=False),
            help=c.get(s, "help", where, str, required=False, default=""),
            min_items=c.get(s, "min_items", where, int, required=False),
            max_items=c.get(s, "max_items", where, int, required=False),
        )
    if "title" not in slots:
        c.fail("slots", "slot 'title' (judul, elemen wajib) harus dideklarasikan")

    pages: list[Page] = []
    variant_ids = {v.id for v in variants}
    for i, p in enumerate(c.get(raw, "pages", "", list)):
        where = f"pages[{i}]"
        c.table(p, where)
        repeat = c.get(p, "repeat", f"{where}.", str, required=False)
        if repeat is not None and (repeat not in slots or slots[repeat].type != "list"):
            c.fail(f"{where}.repeat", f"'{repeat}' harus slot berjenis list")
        elements = tuple(
            _check_element(c, el, f"{where}.elements[{j}]", spec_dir, slots, variant_ids, repeat)
            for j, el in enumerate(c.get(p, "elements", f"{where}.", list))
        )
        pages.append(Page(c.get(p, "id", f"{where}.", str), repeat, elements))
    if not pages:
        c.fail("pages", "minimal satu halaman")
    return TemplateSpec(
        id=tid, name=name, kind=kind, description=c.get(raw, "description", "", str, required=False, default=""),
        dir=spec_dir, file=file, default_theme=default_theme, pinned_theme=pinned, themes=themes,
        variants=variants, slots=list(slots.values()), pages=pages, raw=raw,
    )


def template_file(folder: Path) -> Path | None:
    for name in ("template.toml", "template.json"):
        if (folder / name).is_file():
            return folder / name
    return None


def _folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


_cache: dict[Path, tuple[float, TemplateSpec]] = {}


def _load_cached(file: Path) -> TemplateSpec:
    """Parse once per file modification time, so a designer's edit shows up without a restart."""
    mtime = file.stat().st_mtime
    hit = _cache.get(file)
    if hit and hit[0] == mtime:
        return hit[1]
    spec = parse_template(file)
    _cache[file] = (mtime, spec)
    return spec


def _all_folders(root: Path | None) -> list[Path]:
    """Template folders by id: the bundled ones, overridden by an archive's own (replication pack)."""
    if root is not None:
        return _folders(root)
    by_id: dict[str, Path] = {}
    for r in resources.template_roots():
        for folder in _folders(r):
            by_id[folder.name] = folder
    return [by_id[k] for k in sorted(by_id)]


def list_templates(root: Path | None = None) -> list[TemplateSpec]:
    """Every valid template, sorted by id. Invalid ones are skipped; see :func:`template_problems`."""
    specs = []
    for folder in _all_folders(root):
        file = template_file(folder)
        if file is None:
            continue
        try:
            specs.append(_load_cached(file))
        except InputError:
            continue
    return specs


def template_problems(root: Path | None = None) -> list[str]:
    """Messages for template folders that cannot be loaded (shown by ``asri templates``)."""
    problems = []
    for folder in _all_folders(root):
        file = template_file(folder)
        if file is None:
            problems.append(f"Folder templat {folder} tidak berisi template.toml atau template.json")
            continue
        try:
            _load_cached(file)
        except InputError as exc:
            problems.append(str(exc))
    return problems


def load_template(template_id: str, root: Path | None = None) -> TemplateSpec:
    """A template by id; an unknown id is an :class:`InputError` naming the known ones."""
    folders = {f.name: f for f in _all_folders(root)}
    folder = folders.get(template_id) if _ID.match(template_id or "") else None
    file = template_file(folder) if folder is not None else None
    if file is None:
        known = [f.name for f in folders.values() if template_file(f)]
        raise InputError(f"Templat '{template_id}' tidak dikenal. Pilihan: {', '.join(known) or '(tidak ada)'}")
    return _load_cached(file)
