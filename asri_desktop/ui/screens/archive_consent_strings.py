"""The Indonesian strings of the Arsip screen's "Izin Foto" tab (``consent.``), merged by :func:`strings.add`."""

from __future__ import annotations

from asri_desktop.ui import strings

CONSENT_STRINGS: dict[str, str] = {
    "consent.tab": "Izin Foto",
    "consent.intro": "Izin warga yang fotonya dipakai pada aset ini. Izin yang dicabut tetap tercatat.",
    "consent.empty": "Belum ada izin foto untuk aset ini. Bila aset memuat foto warga, "
                     "catat izinnya dengan \u201cCatat Izin\u2026\u201d.",
    "consent.none_selected": "Pilih aset untuk melihat izin fotonya.",
    "consent.record": "&Catat Izin\u2026",
    "consent.record_tip": "Catat izin dari warga yang fotonya dipakai pada aset ini (Alt+C).",
    "consent.revoke": "Ca&but Izin",
    "consent.revoke_tip": "Cabut izin yang dipilih (Alt+B atau Delete); foto tidak boleh dipakai lagi.",
    "consent.summary": "{active} aktif, {revoked} dicabut",
    # table
    "consent.col.person": "Nama",
    "consent.col.contact": "Kontak",
    "consent.col.use": "Penggunaan",
    "consent.col.granted": "Tanggal izin",
    "consent.col.status": "Status",
    "consent.col.recorded_by": "Dicatat oleh",
    "consent.status.active": "Aktif",
    "consent.status.revoked": "Dicabut {date}",
    "consent.tip.note": "Catatan: {note}",
    "consent.detail.contact": "Kontak: {contact} \u00b7 dicatat oleh {who}",
    "consent.detail.use": "Penggunaan: {use}",
    "consent.detail.granted": "Izin diberikan {date}, dicatat oleh {who}",
    "consent.detail.pick": "Pilih satu izin untuk melihat rinciannya.",
    # record dialog
    "consent.dialog.title": "Catat Izin Foto",
    "consent.dialog.for": "Untuk aset #{id} {title}",
    "consent.dialog.person": "&Nama warga",
    "consent.dialog.contact": "&Kontak",
    "consent.dialog.contact_ph": "No. HP atau alamat",
    "consent.dialog.use": "&Penggunaan",
    "consent.dialog.use_ph": "mis. poster banjir di Instagram dan Facebook",
    "consent.dialog.date": "&Tanggal izin",
    "consent.dialog.note": "C&atatan",
    "consent.dialog.note_ph": "opsional, mis. izin lisan disaksikan Kades",
    "consent.dialog.save": "Simpan",
    "consent.dialog.saving": "Menyimpan\u2026",
    # revoke
    "consent.confirm.title": "Cabut Izin Foto",
    "consent.confirm.text": "Cabut izin foto dari {person}?\n\nFoto orang ini tidak boleh lagi dipakai. "
                            "Pencabutan tercatat di log keputusan dan tidak dapat dibatalkan.",
    "consent.recorded": "Izin foto dari {person} dicatat.",
    "consent.revoked": "Izin foto dari {person} dicabut.",
}

strings.add(CONSENT_STRINGS)
