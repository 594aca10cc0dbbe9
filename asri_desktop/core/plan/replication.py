"""The replication package: templates, checklists, platform table, contacts, locations and sources in one file.

Another kecamatan or agency (OPD) imports it into its own archive. The import
first shows what would change, item by item: *baru* (added), *sama* (already
identical) or *berbeda* (the archive already has a different version). Nothing
the archive already has is overwritten unless the person asks for it
(``replace=True``); the agency's own identity never travels.

The pack is a ZIP file (``.asripack``): ``manifest.json``, ``settings/<key>.json``,
``resources/<table>.toml`` and ``templates/<id>/...``. Imported tables and
templates are placed in ``<home>/custom/`` (see ``plan.toml [pack]``), beside the
bundled ones.
"""

from __future__ import annotations

import json
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from asri_desktop.core import resources, workflow
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import files, times, vocab

MAX_UNPACKED = 300 * 1024 * 1024  # a pack is templates and tables; anything bigger is not one
ITEM_KEYS = {"contacts": "id", "sources": "id", "hazards": "id", "kecamatan": "name"}
SETTING_LABELS = {"contacts": "Kontak darurat", "sources": "Sumber data", "hazards": "Jenis bencana",
                  "kecamatan": "Lokasi (kecamatan)"}


@dataclass(frozen=True)
class Change:
    """One thing in the pack and what importing it would do: ``add``, ``same`` or ``conflict``."""

    area: str  # "settings:contacts", "resource", "template"
    key: str
    status: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class PackPreview:
    """What a pack holds and what importing it changes. ``applied`` is True after a real import."""

    origin: str
    created_at: str
    changes: list[Change] = field(default_factory=list)
    applied: bool = False
    replaced: bool = False

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "created_at": self.created_at, "applied": self.applied,
                "replaced": self.replaced, "added": self.count("add"), "same": self.count("same"),
                "conflicts": self.count("conflict"), "changes": [c.to_dict() for c in self.changes]}

    def summary(self) -> str:
        """Indonesian text: one line per change that matters, then the totals."""
        words = {"add": "baru", "same": "sama", "conflict": "berbeda"}
        lines = [f"Paket dari {self.origin} ({self.created_at})"]
        for c in self.changes:
            if c.status == "same":
                continue
            what = "dilewati (tidak ditimpa)" if c.status == "conflict" and self.applied and not self.replaced else ""
            if c.status == "conflict" and self.replaced:
                what = "diganti"
            lines.append(f"  [{words[c.status]}] {_area_label(c.area)}: {c.key}{' — ' + c.detail if c.detail else ''}"
                         f"{' — ' + what if what else ''}")
        head = "Diimpor" if self.applied else "Pratinjau"
        lines.append(f"{head}: {self.count('add')} baru, {self.count('same')} sama, {self.count('conflict')} berbeda.")
        if self.count("conflict") and not self.replaced:
            lines.append("Butir yang berbeda tidak ditimpa; jalankan lagi dengan --replace untuk menggantinya.")
        return "\n".join(lines)


def _area_label(area: str) -> str:
    if area.startswith("settings:"):
        return SETTING_LABELS.get(area.split(":", 1)[1], area)
    return {"resource": "Tabel", "template": "Templat"}.get(area, area)


def _cfg() -> dict[str, Any]:
    return vocab.plan_config()["pack"]


def custom_dir(arch: Any) -> Path:
    """``<home>/custom``: where imported tables and templates live in an archive."""
    from asri_desktop.core.archive.archive import CUSTOM_DIR

    return Path(arch.home) / CUSTOM_DIR


def _effective_resource(arch: Any, name: str) -> Path | None:
    custom = custom_dir(arch) / "resources" / name
    if custom.exists():
        return custom
    bundled = resources.RESOURCES / name
    return bundled if bundled.exists() else None


def _template_dirs(arch: Any) -> dict[str, Path]:
    """Template id -> folder, bundled first, archive-custom overriding."""
    out: dict[str, Path] = {}
    for root in (resources.TEMPLATES, custom_dir(arch) / "templates"):
        if root.exists():
            for d in sorted(root.iterdir()):
                if d.is_dir() and not d.name.startswith((".", "_")):
                    out[d.name] = d
    return out


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def export_pack(arch: Any, out: str | Path) -> dict[str, Any]:
    """Write the replication pack of this archive to ``out``; returns what it holds."""
    out = Path(out)
    if not out.parent.exists():
        raise InputError(f"Folder tujuan {out.parent} tidak ada.")
    if out.exists() and out.is_dir():
        raise InputError(f"{out} adalah folder; berikan nama berkas, mis. paket-replikasi.asripack.")
    cfg = _cfg()
    settings = arch.settings()
    contents: dict[str, Any] = {"settings": {}, "resources": [], "templates": []}
    tmp = files.temp_beside(out)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for key in cfg["settings"]:
                value = settings.get(key, [])
                z.writestr(f"settings/{key}.json", json.dumps(value, ensure_ascii=False, indent=2))
                contents["settings"][key] = len(value)
            for name in cfg["resources"]:
                src = _effective_resource(arch, name)
                if src is not None:
                    z.writestr(f"resources/{name}", src.read_bytes())
                    contents["resources"].append(name)
            for tid, folder in _template_dirs(arch).items():
                for rel, data in _tree(folder).items():
                    z.writestr(f"templates/{tid}/{rel}", data)
                contents["templates"].append(tid)
            manifest = {"format": cfg["format"], "version": cfg["version"],
                        "origin": settings.get("agency", {}).get("name", ""),
                        "created_at": times.to_iso(times.utc_now()), "contents": contents}
            z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        files.finish(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return contents


def _read(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    if not path.exists():
        raise InputError(f"Berkas paket {path} tidak ditemukan.")
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"Berkas {path.name} bukan paket replikasi ASRI (bukan ZIP).") from None
    except OSError as exc:
        raise InputError(f"Berkas paket {path.name} tidak dapat dibaca ({exc.strerror or exc}).") from exc
    with z:
        try:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise InputError(f"Paket {path.name} terlalu besar untuk paket replikasi.")
            files: dict[str, bytes] = {}
            for info in infos:
                if info.is_dir():
                    continue
                pp = PurePosixPath(info.filename)
                if pp.is_absolute() or ".." in pp.parts or "\\" in info.filename:
                    raise InputError(f"Paket {path.name} berisi jalur berkas yang tidak aman: {info.filename}")
                files[info.filename] = z.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            # Broken compressed data or checksum, a cut-off file, an encrypted or unsupported member.
            raise InputError(f"Berkas paket {path.name} rusak atau terpotong ({exc}); minta paket baru dari "
                             "pengirimnya.") from exc
    raw = files.pop("manifest.json", None)
    if raw is None:
        raise InputError(f"Berkas {path.name} bukan paket replikasi ASRI (tidak ada manifest.json).")
    try:
        manifest = json.loads(raw)
    except ValueError:
        raise InputError(f"manifest.json di {path.name} rusak.") from None
    cfg = _cfg()
    if not isinstance(manifest, dict) or manifest.get("format") != cfg["format"]:
        found = manifest.get("format") if isinstance(manifest, dict) else type(manifest).__name__
        raise InputError(f"Berkas {path.name} bukan paket replikasi ASRI (format '{found}').")
    try:
        version = int(manifest.get("version", 0))
    except (TypeError, ValueError):
        raise InputError(f"manifest.json di {path.name} rusak (versi '{manifest.get('version')}').") from None
    if version > int(cfg["version"]):
        raise InputError(f"Paket {path.name} dibuat oleh versi ASRI Desktop yang lebih baru; perbarui aplikasi.")
    return manifest, files


def _setting_items(key: str, raw: bytes) -> list[dict[str, Any]]:
    try:
        items = json.loads(raw)
    except ValueError:
        raise InputError(f"Data '{key}' di paket rusak (bukan JSON).") from None
    ident = ITEM_KEYS.get(key)
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get(ident) for i in items):
        raise InputError(f"Data '{key}' di paket tidak berbentuk daftar dengan '{ident}' pada setiap butir.")
    return items


def _plan(arch: Any, manifest: dict[str, Any], files: dict[str, bytes]) -> PackPreview:
    preview = PackPreview(str(manifest.get("origin", "?")), str(manifest.get("created_at", "?")))
    settings = arch.settings()
    for key in _cfg()["settings"]:
        raw = files.get(f"settings/{key}.json")
        if raw is None:
            continue
        ident = ITEM_KEYS[key]
        mine = {str(i.get(ident)): i for i in settings.get(key, [])}
        for item in _setting_items(key, raw):
            k = str(item[ident])
            label = item.get("label") or item.get("name") or k
            if k not in mine:
                preview.changes.append(Change(f"settings:{key}", k, "add", str(label)))
            elif mine[k] == item:
                preview.changes.append(Change(f"settings:{key}", k, "same"))
            else:
                diff = ", ".join(f"{f}: {mine[k].get(f)!r} → {item.get(f)!r}" for f in sorted(set(mine[k]) | set(item))
                                 if mine[k].get(f) != item.get(f))
                preview.changes.append(Change(f"settings:{key}", k, "conflict", diff))
    for name in _cfg()["resources"]:
        data = files.get(f"resources/{name}")
        if data is None:
            continue
        current = _effective_resource(arch, name)
        if current is None:
            preview.changes.append(Change("resource", name, "add"))
        elif current.read_bytes() == data:
            preview.changes.append(Change("resource", name, "same"))
        else:
            preview.changes.append(Change("resource", name, "conflict", "isi berbeda dengan tabel yang dipakai arsip ini"))
    packed: dict[str, dict[str, bytes]] = {}
    for fname, data in files.items():
        if fname.startswith("templates/"):
            parts = fname.split("/", 2)
            if len(parts) == 3 and parts[2]:
                packed.setdefault(parts[1], {})[parts[2]] = data
    have = _template_dirs(arch)
    for tid, tree in sorted(packed.items()):
        if tid not in have:
            preview.changes.append(Change("template", tid, "add", f"{len(tree)} berkas"))
        elif _tree(have[tid]) == tree:
            preview.changes.append(Change("template", tid, "same"))
        else:
            preview.changes.append(Change("template", tid, "conflict", "berkas templat berbeda"))
    return preview


def preview_pack(arch: Any, path: str | Path) -> PackPreview:
    """What importing the pack would change in this archive; changes nothing."""
    manifest, files = _read(Path(path))
    return _plan(arch, manifest, files)


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = files.temp_beside(target)
    try:
        tmp.write_bytes(data)
        files.finish(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def import_roles() -> list[str]:
    """The roles that may apply a pack (``pack_import`` in resources/roles.toml)."""
    return list(workflow.deciders().get("pack_import", []))


def check_may_import(member: Any) -> None:
    """Refuse (rule ``role``) a member who may not apply a pack; a dry run is open to everyone."""
    allowed = import_roles()
    if not any(r in allowed for r in member.roles):
        names = workflow.role_labels()
        raise RefusedError(f"Hanya {' atau '.join(names.get(r, r) for r in allowed)} yang boleh menerapkan "
                           f"paket replikasi; {member.name} tidak memegang peran itu.", rule="role")


def import_pack(arch: Any, path: str | Path, actor: str, *, replace: bool = False,
                dry_run: bool = False) -> PackPreview:
    """Import a pack: add what is new; replace what differs only with ``replace=True``.

    Settings change in one transaction with a ``pack.import`` decision-log entry;
    tables and templates are then written (each file atomically) under ``<home>/custom/``.
    """
    member = arch.member(actor)
    manifest, files = _read(Path(path))
    preview = _plan(arch, manifest, files)
    if dry_run:
        return preview
    check_may_import(member)
    take = {"add"} | ({"conflict"} if replace else set())
    chosen = [c for c in preview.changes if c.status in take]
    with arch.write():
        settings = arch.settings()
        for key in _cfg()["settings"]:
            wanted = {c.key for c in chosen if c.area == f"settings:{key}"}
            if not wanted:
                continue
            ident = ITEM_KEYS[key]
            incoming = {str(i[ident]): i for i in _setting_items(key, files[f"settings/{key}.json"])}
            current = list(settings.get(key, []))
            merged = [incoming[str(i.get(ident))] if str(i.get(ident)) in wanted else i for i in current]
            have = {str(i.get(ident)) for i in current}
            merged += [incoming[k] for k in incoming if k in wanted and k not in have]
            arch.set_setting(key, merged, member.name, f"Paket replikasi dari {preview.origin}: {SETTING_LABELS[key]}")
        arch.log(member.name, "pack.import",
                 comment=f"Paket replikasi dari {preview.origin}: {preview.count('add')} baru, "
                         f"{preview.count('conflict')} berbeda ({'diganti' if replace else 'tidak ditimpa'})")
    root = custom_dir(arch)
    for c in chosen:
        if c.area == "resource":
            _atomic_write(root / "resources" / c.key, files[f"resources/{c.key}"])
        elif c.area == "template":
            prefix = f"templates/{c.key}/"
            old = root / "templates" / c.key
            if old.exists():
                # A replaced template is replaced whole: files the new version dropped must go too.
                shutil.rmtree(old)
            for fname, data in files.items():
                if fname.startswith(prefix):
                    _atomic_write(root / "templates" / c.key / fname[len(prefix):], data)
    # Make the imported tables and templates the ones in force right away.
    resources.set_overlay(root)
    preview.applied = True
    preview.replaced = replace
    return preview
