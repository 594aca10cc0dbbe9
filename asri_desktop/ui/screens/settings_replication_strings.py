"""The Indonesian strings of Pengaturan's "Paket Replikasi" tab (``pack.``), merged by :func:`strings.add`."""

from __future__ import annotations

from asri_desktop.ui import strings

PACK_STRINGS: dict[str, str] = {
    "pack.tab": "Paket Replikasi",
    # export
    "pack.export.title": "Ekspor paket",
    "pack.export.hint": (
        "Templat, daftar periksa, tabel platform, kontak darurat, lokasi, sumber data dan jenis bencana arsip ini "
        "dalam satu berkas .asripack, agar BPBD kabupaten lain dapat memakainya. Identitas instansi "
        "(nama, telepon, logo) tidak ikut."
    ),
    "pack.export.button": "Ekspor Paket…",
    "pack.export.dialog": "Simpan paket replikasi",
    "pack.export.running": "Mengekspor paket replikasi…",
    "pack.export.done": "Paket ditulis ke {path}: {settings}; tabel {tables}; {templates} templat.",
    "pack.export.count": "{label} {n}",
    "pack.export.none": "-",
    "pack.filter": "Paket replikasi ASRI (*.asripack);;Berkas ZIP (*.zip);;Semua berkas (*)",
    "pack.default_region": "arsip",
    # import
    "pack.import.title": "Impor paket",
    "pack.import.hint": (
        "Buka paket dari BPBD lain untuk melihat apa yang akan berubah. Tidak ada yang diubah sebelum Anda "
        "menekan Terapkan."
    ),
    "pack.import.button": "Buka Paket…",
    "pack.import.dialog": "Buka paket replikasi",
    "pack.import.reading": "Membaca paket…",
    "pack.import.applying": "Menerapkan paket…",
    "pack.origin": "Paket dari {origin}, dibuat {when} — {name}",
    "pack.counts": "{add} baru · {same} sama · {conflict} berbeda",
    "pack.empty": "Belum ada paket yang dibuka. Klik \u201cBuka Paket…\u201d untuk melihat pratinjau isinya.",
    "pack.replace": "Ganti yang berbeda",
    "pack.replace_tip": "Butir yang berbeda di arsip ini diganti dengan isi paket. Tanpa centang, butir itu dibiarkan.",
    "pack.apply": "Terapkan",
    "pack.discard": "Tutup Pratinjau",
    "pack.plan.add": "Terapkan akan menambah {add} butir baru.",
    "pack.plan.replace": "Terapkan akan menambah {add} butir baru dan mengganti {conflict} butir yang berbeda.",
    "pack.plan.keep": "Terapkan akan menambah {add} butir baru; {conflict} butir yang berbeda tidak ditimpa.",
    "pack.plan.nothing": "Tidak ada yang perlu diterapkan: semua isi paket sudah ada di arsip ini.",
    "pack.plan.only_conflicts": (
        "Tidak ada butir baru. {conflict} butir berbeda; centang \u201cGanti yang berbeda\u201d untuk menggantinya."
    ),
    "pack.confirm.title": "Ganti butir yang berbeda?",
    "pack.confirm.text": (
        "{conflict} butir di arsip ini akan diganti dengan isi paket dari {origin} ({items}), "
        "dan {add} butir baru ditambahkan. Perubahan tercatat di Log Keputusan. Lanjutkan?"
    ),
    "pack.applied": "Paket dari {origin} diterapkan: {added} ditambahkan, {replaced} diganti.",
    "pack.applied.added": "Ditambahkan: {items}.",
    "pack.applied.replaced": "Diganti: {items}.",
    "pack.applied.kept": "Tidak ditimpa (berbeda): {items}.",
    "pack.applied.status": "Paket replikasi diterapkan: {added} ditambahkan, {replaced} diganti.",
    "pack.more": "{items} dan {n} lainnya",
    "pack.item": "{area} {item}",
    # table
    "pack.col.area": "Bagian",
    "pack.col.item": "Butir",
    "pack.col.status": "Jika diterapkan",
    "pack.col.detail": "Keterangan",
    "pack.status.add": "baru",
    "pack.status.same": "sama",
    "pack.status.conflict": "berbeda",
    "pack.area.resource": "Tabel",
    "pack.area.template": "Templat",
    # permissions and errors
    "pack.no_role": "Hanya {roles} yang dapat menerapkan paket. Peran Anda: {mine}.",
    "pack.no_role.note": (
        "Anda dapat mengekspor paket dan melihat pratinjau; menerapkan paket hanya oleh {roles}."
    ),
    "pack.roles_join": " atau ",
    "pack.no_roles": "belum ada",
    "pack.err.role": "{name} tidak dapat menerapkan paket replikasi: hanya {roles} yang boleh.",
    "pack.err.changed": (
        "Paket atau pengaturan arsip berubah sejak pratinjau dibuat; tidak ada yang diubah. "
        "Pratinjau sudah diperbarui: periksa lagi, lalu tekan Terapkan."
    ),
}

# Status words and their keys (the tab's table shows them; the colours are the screens' palette).
STATUS_KEYS: dict[str, str] = {"add": "pack.status.add", "same": "pack.status.same", "conflict": "pack.status.conflict"}

strings.add(PACK_STRINGS)
