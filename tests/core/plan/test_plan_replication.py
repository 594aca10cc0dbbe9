"""The replication pack: export from one archive, preview and import into a fresh one, no silent overwrite."""

from __future__ import annotations

import json
import zipfile

import pytest

from asri_desktop.core.archive import Archive
from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import replication


@pytest.fixture
def pack(team, tmp_path):
    contacts = team.setting("contacts") + [{"id": "posko-belinyu", "label": "Posko Belinyu", "number": "0717-111"}]
    team.set_setting("contacts", contacts, "Adi")
    team.set_setting("kecamatan", team.setting("kecamatan") + [{"name": "Kelapa Kampit"}], "Adi")
    custom = replication.custom_dir(team) / "templates" / "poster-kolong"
    custom.mkdir(parents=True)
    (custom / "template.toml").write_text('id = "poster-kolong"\nname = "Poster Kolong"\n', encoding="utf-8")
    out = tmp_path / "paket.asripack"
    contents = replication.export_pack(team, out)
    assert contents["settings"]["contacts"] == 8 and "poster-kolong" in contents["templates"]
    return out


@pytest.fixture
def other(tmp_path):
    arch = Archive.open(tmp_path / "arsip-belitung")
    arch.add_member("Tono", ["admin"])
    # The other office already changed one contact: that must never be overwritten silently.
    contacts = arch.setting("contacts")
    contacts[0] = dict(contacts[0], label="Call Center Darurat")
    arch.set_setting("contacts", contacts, "Tono")
    yield arch
    arch.close()


def test_preview_names_what_changes(pack, other):
    prev = replication.preview_pack(other, pack)
    status = {(c.area, c.key): c.status for c in prev.changes}
    assert status[("settings:contacts", "posko-belinyu")] == "add"
    assert status[("settings:kecamatan", "Kelapa Kampit")] == "add"
    assert status[("settings:contacts", "112")] == "conflict"
    assert status[("settings:contacts", "113")] == "same"
    assert status[("template", "poster-kolong")] == "add"
    conflict = next(c for c in prev.changes if c.key == "112")
    assert "Call Center Darurat" in conflict.detail and "Panggilan Darurat" in conflict.detail
    text = prev.summary()
    assert "[baru] Kontak darurat: posko-belinyu" in text and "[berbeda] Kontak darurat: 112" in text
    # A preview changes nothing.
    assert len(other.setting("contacts")) == 7 and not replication.custom_dir(other).exists()


def test_import_adds_new_and_keeps_local_differences(pack, other):
    res = replication.import_pack(other, pack, "Tono")
    assert res.applied and not res.replaced
    contacts = {c["id"]: c for c in other.setting("contacts")}
    assert contacts["posko-belinyu"]["number"] == "0717-111"
    assert contacts["112"]["label"] == "Call Center Darurat"  # not overwritten
    assert {"name": "Kelapa Kampit"} in other.setting("kecamatan")
    assert (replication.custom_dir(other) / "templates" / "poster-kolong" / "template.toml").exists()
    assert "pack.import" in [e["action"] for e in other.log_entries()]
    assert other.verify_log().ok
    # Importing again: everything is now the same or a kept difference.
    again = replication.preview_pack(other, pack)
    assert again.count("add") == 0 and again.count("conflict") == 1


def test_import_with_replace_takes_the_pack(pack, other):
    res = replication.import_pack(other, pack, "Tono", replace=True)
    assert res.replaced
    contacts = {c["id"]: c for c in other.setting("contacts")}
    assert contacts["112"]["label"] == "Panggilan Darurat"
    assert [c["id"] for c in other.setting("contacts")][0] == "112"  # order kept


def test_bad_pack_files(other, tmp_path):
    notzip = tmp_path / "x.asripack"
    notzip.write_text("halo")
    with pytest.raises(InputError, match="bukan ZIP"):
        replication.preview_pack(other, notzip)
    evil = tmp_path / "evil.asripack"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "asri-pack", "version": 1}))
        z.writestr("../../etc/passwd", "x")
    with pytest.raises(InputError, match="tidak aman"):
        replication.import_pack(other, evil, "Tono")
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "lain"}))
    with pytest.raises(InputError, match="bukan paket replikasi"):
        replication.preview_pack(other, foreign)
    newer = tmp_path / "newer.asripack"
    with zipfile.ZipFile(newer, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "asri-pack", "version": 99}))
    with pytest.raises(InputError, match="lebih baru"):
        replication.preview_pack(other, newer)
    with pytest.raises(InputError, match="tidak ditemukan"):
        replication.preview_pack(other, tmp_path / "tidak-ada.asripack")


def test_imported_template_and_table_are_in_force(team, tmp_path):
    import shutil

    from asri_desktop.core import resources
    from asri_desktop.core.templates import list_templates, load_template

    # The origin office made its own variant of the poster template and relabelled a checklist item.
    src = replication.custom_dir(team) / "templates" / "poster-belitung"
    shutil.copytree(resources.TEMPLATES / "poster", src)
    toml = src / "template.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "poster"', 'id = "poster-belitung"', 1),
                    encoding="utf-8")
    table = replication.custom_dir(team) / "resources" / "checklists.toml"
    table.parent.mkdir(parents=True)
    original = (resources.RESOURCES / "checklists.toml").read_text(encoding="utf-8")
    table.write_text("# versi Belitung\n" + original, encoding="utf-8")
    out = tmp_path / "paket.asripack"
    replication.export_pack(team, out)

    other = Archive.open(tmp_path / "arsip-lain")
    try:
        other.add_member("Tono", ["admin"])
        assert "poster-belitung" not in {s.id for s in list_templates()}
        replication.import_pack(other, out, "Tono", replace=True)
        assert "poster-belitung" in {s.id for s in list_templates()}
        assert load_template("poster-belitung").kind == "poster"
        assert resources.path("checklists.toml") == replication.custom_dir(other) / "resources" / "checklists.toml"
    finally:
        other.close()
    # Reopening the archive later keeps them in force.
    again = Archive.open(tmp_path / "arsip-lain")
    try:
        assert load_template("poster-belitung").id == "poster-belitung"
    finally:
        again.close()


def test_only_the_roles_in_roles_toml_may_apply_a_pack(tmp_path):
    from asri_desktop.core.archive import Archive
    from asri_desktop.core.errors import RefusedError

    src = Archive.open(tmp_path / "src")
    src.add_member("Tono", ["admin"])
    pack = tmp_path / "p.asripack"
    replication.export_pack(src, pack)
    other = Archive.open(tmp_path / "other")
    other.add_member("Rina", ["desainer"])
    other.add_member("Dewi", ["koordinator"])
    assert replication.import_roles() == ["koordinator", "admin"]
    before = other.count_log_entries()
    with pytest.raises(RefusedError) as refused:
        replication.import_pack(other, pack, "Rina")
    assert refused.value.rule == "role" and "Koordinator Konten atau Admin Platform" in refused.value.message
    assert other.count_log_entries() == before
    assert replication.import_pack(other, pack, "Rina", dry_run=True).changes  # a preview is open to everyone
    replication.import_pack(other, pack, "Dewi")
    assert other.count_log_entries() > before


@pytest.mark.parametrize("damage, message", [
    ("crc", "rusak atau terpotong"),
    ("list", "format 'list'"),
    ("version", "versi 'dua'"),
])
def test_damaged_packs_are_refused_by_name(tmp_path, damage, message):
    """A broken member, a manifest of the wrong shape or version: a clear InputError, never a crash."""
    from asri_desktop.core.archive import Archive
    from asri_desktop.core.errors import InputError

    path = tmp_path / f"{damage}.asripack"
    if damage == "crc":
        src = Archive.open(tmp_path / "src")
        replication.export_pack(src, path)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as z:
            info = max(z.infolist(), key=lambda i: i.compress_size)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0xFF  # one flipped byte inside the largest member
        path.write_bytes(bytes(data))
    else:
        manifest = [1, 2] if damage == "list" else {"format": "asri-pack", "version": "dua"}
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("manifest.json", json.dumps(manifest))
    other = Archive.open(tmp_path / "other")
    with pytest.raises(InputError) as err:
        replication.preview_pack(other, path)
    assert message in err.value.message and path.name in err.value.message
