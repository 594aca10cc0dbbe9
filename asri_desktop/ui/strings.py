"""The one channel for every user-visible string of the desktop app (Bahasa Indonesia).

Screens never write literal text: they call :func:`tr` with a key from :data:`STRINGS`
(``tr("review.approve")``), with ``str.format`` fields where the text needs values.
Labels that come from the core's data tables (roles, states, kinds) pass through
:func:`label` so they obey the same rules.

Setting ``ASRI_TRANS_SCALE=2`` (like Vorta's ``TRANS_SCALE``) repeats every string
that many times so a layout that breaks when text grows shows itself in screenshots.
"""

from __future__ import annotations

import os

STRINGS: dict[str, str] = {
    # --- app and window
    "app.title": "ASRI Desktop",
    "app.subtitle": "Meja Produksi Konten Mitigasi Bencana",
    "app.org": "BPBD Kabupaten Bangka",
    "status.member": "Masuk sebagai {name} ({roles})",
    "status.home": "Arsip: {home}",
    "status.ready": "Siap",
    "status.saved": "Tersimpan",
    "status.working": "Sedang bekerja: {what}",
    "nav.heading": "Menu",
    "nav.switch_member": "Ganti Anggota",
    "nav.missing": "Layar '{label}' belum tersedia di versi ini.",
    "action.refresh": "Muat Ulang",
    "action.search": "Cari",
    "action.close": "Tutup",
    "action.cancel": "Batal",
    "action.save": "Simpan",
    "action.add": "Tambah",
    "action.remove": "Hapus",
    "action.open_folder": "Buka Folder",
    # --- errors
    "error.title": "Tidak dapat dilanjutkan",
    "error.unexpected.title": "Kesalahan tak terduga",
    "error.unexpected": (
        "Terjadi kesalahan tak terduga: {what}. Pekerjaan Anda yang sudah tersimpan tetap aman. "
        "Jika terulang, kirim rincian di bawah ini ke pengelola aplikasi."
    ),
    "error.archive_open": "Arsip tidak dapat dibuka",
    "error.cancelled": "Dibatalkan.",
    # --- first start
    "first.title": "Selamat datang di ASRI Desktop",
    "first.intro": (
        "Sebelum mulai, beri tahu kami siapa Anda dan lengkapi data instansi. "
        "Nomor telepon dan logo BPBD tercetak pada setiap konten; konten dengan nomor contoh ditolak saat ekspor."
    ),
    "first.who": "Siapa Anda?",
    "first.existing": "Pilih anggota tim",
    "first.new": "Anggota baru",
    "first.new_option": "— Saya anggota baru —",
    "first.name": "Nama",
    "first.name_ph": "mis. Rina Aprilia",
    "first.roles": "Peran",
    "first.agency": "Data instansi",
    "first.phone": "Nomor telepon BPBD",
    "first.phone_ph": "mis. 0717-92345",
    "first.phone_hint": "Nomor yang dapat dihubungi warga; tercetak di pita kontak darurat.",
    "first.logo": "Logo instansi",
    "first.logo_pick": "Pilih Berkas Logo…",
    "first.logo_none": "Belum ada logo",
    "first.logo_dialog": "Pilih logo instansi",
    "first.logo_filter": "Gambar (*.png *.jpg *.jpeg *.webp *.svg)",
    "first.start": "Mulai Bekerja",
    "first.err.name": "Tulis nama Anda atau pilih anggota tim yang sudah ada.",
    "first.err.roles": "Pilih setidaknya satu peran untuk anggota baru.",
    "first.err.logo": "Berkas logo '{name}' bukan gambar yang dapat dibaca.",
    "first.phone_kept": "Nomor tersimpan: {phone}",
    # --- home
    "home.title": "Beranda",
    "home.greeting": "Selamat bekerja, {name}",
    "home.today": "{date}",
    "home.waiting": "Menunggu Anda",
    "home.sent_back": "Dikembalikan untuk revisi",
    "home.sent_back_item": "#{id} {title} — {who}: “{reason}”",
    "home.to_review": "Menunggu tinjauan peran Anda",
    "home.my_drafts": "Draf Anda yang belum diajukan",
    "home.my_draft_item": "#{id} {title} · diubah {when}",
    "home.to_review_item": "#{id} {title} · {state}",
    "home.to_schedule": "Disetujui, siap dijadwalkan",
    "home.planned": "Rencana unggahan minggu ini",
    "home.planned_none": "Belum ada unggahan terencana minggu ini.",
    "home.planned_missing": "Modul rencana konten belum tersedia.",
    "home.nothing": "Tidak ada yang menunggu Anda. Kerja bagus!",
    "home.recent": "Aktivitas terbaru",
    "home.recent_none": "Belum ada aktivitas.",
    "home.open_item": "Buka",
    "home.stat.drafts": "Draf",
    "home.stat.review": "Dalam tinjauan",
    "home.stat.approved": "Disetujui",
    "home.stat.published": "Terpublikasi",
    # --- review
    "review.title": "Tinjauan",
    "review.queue": "Antrean untuk peran Anda",
    "review.queue_count": "{n} aset menunggu",
    "review.queue_empty": "Antrean kosong: tidak ada aset yang menunggu keputusan peran Anda.",
    "review.no_role": "Peran Anda ({roles}) tidak memutuskan tahap tinjauan mana pun.",
    "review.select": "Pilih aset dari antrean untuk meninjaunya.",
    "review.preview": "Pratinjau",
    "review.no_preview": "Versi ini tidak memiliki berkas gambar untuk dipratinjau.",
    "review.findings": "Temuan otomatis",
    "review.findings_none": "Tidak ada temuan otomatis.",
    "review.findings_missing": "Pemeriksaan otomatis belum tersedia di versi ini; tinjau secara manual.",
    "review.checklist": "Daftar periksa",
    "review.checklist_missing": "Daftar periksa belum tersedia di versi ini; periksa unsur wajib secara manual.",
    "review.checklist_error": "Daftar periksa tidak dapat dimuat: {error}",
    "review.info": "#{id} · {kind} · versi {version} · dibuat oleh {creator}",
    "review.history": "Riwayat keputusan",
    "review.checking": "Menjalankan pemeriksaan otomatis…",
    "review.open_items": "{n} item belum dijawab: pilih Lulus, Gagal, atau T/A pada kolom Hasil.",
    "review.approve": "Setujui",
    "review.send_back": "Kembalikan untuk Revisi",
    "review.sheet": "Cetak Lembar Persetujuan",
    "review.sheet_missing": "Pembuat lembar persetujuan belum tersedia di versi ini.",
    "review.sheet_done": "Lembar persetujuan tersimpan: {path}",
    "review.sheet_working": "Membuat lembar persetujuan…",
    "review.reason_title": "Alasan revisi",
    "review.reason_prompt": "Tuliskan apa yang harus diperbaiki (wajib):",
    "review.reason_empty": "Permintaan revisi harus menyebutkan alasannya.",
    "review.approved": "Aset #{id} disetujui: sekarang {state}.",
    "review.sent_back": "Aset #{id} dikembalikan ke {who} untuk revisi.",
    "review.stage": "Tahap: {stage}",
    "review.meta.hazard": "Bahaya",
    "review.meta.location": "Lokasi",
    "review.meta.fields": "Isi",
    # --- archive
    "archive.title": "Arsip",
    "archive.search_ph": "Cari judul, isi, atau komentar…  (Ctrl+F)",
    "archive.any": "Semua",
    "archive.any.kind": "Semua jenis",
    "archive.any.hazard": "Semua bahaya",
    "archive.any.location": "Semua lokasi",
    "archive.any.state": "Semua status",
    "archive.kind": "Jenis",
    "archive.hazard": "Bahaya",
    "archive.location": "Lokasi",
    "archive.state": "Status",
    "archive.date_from": "Dari",
    "archive.date_to": "Sampai",
    "archive.use_dates": "Tanggal",
    "archive.count": "{shown} dari {total} aset",
    "archive.searching": "Mencari…",
    "archive.empty": "Tidak ada aset yang cocok dengan pencarian ini.",
    "archive.versions": "Versi",
    "archive.history": "Riwayat",
    "archive.select": "Pilih aset untuk melihat versi dan riwayatnya.",
    "archive.files": "{n} berkas",
    "archive.submit": "Ajukan ke Validasi Teknis",
    "archive.submit_hint": "Kirim draf ini ke Editor Teknis untuk divalidasi.",
    "archive.submitted": "Aset #{id} diajukan ke Validasi Teknis.",
    "archive.open_review": "Tinjau",
    # --- log
    "log.title": "Log Keputusan",
    "log.actor": "Pelaku",
    "log.action": "Tindakan",
    "log.asset": "Aset #",
    "log.any": "Semua",
    "log.verify": "Periksa Keutuhan Rantai",
    "log.verifying": "Memeriksa rantai log…",
    "log.ok": "Rantai log keputusan UTUH — {count} entri diperiksa, tidak ada yang diubah.",
    "log.bad": "Rantai log keputusan RUSAK mulai entri #{seq}: {reason}",
    "log.count": "{n} entri",
    "log.intro": "Setiap keputusan tercatat berantai dengan hash; perubahan di luar aplikasi akan terdeteksi.",
    # --- settings
    "settings.title": "Pengaturan",
    "settings.agency": "Instansi",
    "settings.contacts": "Kontak Darurat",
    "settings.locations": "Lokasi (Kecamatan)",
    "settings.sources": "Sumber Data",
    "settings.team": "Tim dan Peran",
    "settings.platforms": "Profil Platform",
    "settings.agency.name": "Nama instansi",
    "settings.agency.full": "Nama lengkap",
    "settings.agency.region": "Wilayah",
    "settings.agency.phone": "Telepon BPBD",
    "settings.agency.logo": "Logo",
    "settings.agency.saved": "Data instansi tersimpan.",
    "settings.table_hint": "Klik ganda sel untuk mengubah; perubahan disimpan dengan tombol Simpan dan tercatat di log.",
    "settings.saved": "Pengaturan '{key}' tersimpan.",
    "settings.err.empty": "Baris {row}: kolom '{col}' tidak boleh kosong.",
    "settings.err.duplicate": "Baris {row}: '{value}' sudah ada.",
    "settings.member.name": "Nama anggota baru",
    "settings.member.add": "Tambah Anggota",
    "settings.member.roles_saved": "Peran {name} tersimpan.",
    "settings.member.added": "{name} ditambahkan ke tim.",
    "settings.member.save_roles": "Simpan Peran",
    "settings.platforms.none": "Tabel profil platform belum tersedia di folder resources.",
    "settings.platforms.hint": "Diambil dari resources/{file} (hanya baca).",
    # --- column headers
    "col.id": "#",
    "col.title": "Judul",
    "col.kind": "Jenis",
    "col.hazard": "Bahaya",
    "col.location": "Lokasi",
    "col.state": "Status",
    "col.version": "Versi",
    "col.updated": "Diperbarui",
    "col.creator": "Pembuat",
    "col.when": "Waktu",
    "col.actor": "Pelaku",
    "col.role": "Peran",
    "col.action": "Tindakan",
    "col.asset": "Aset",
    "col.change": "Perubahan",
    "col.comment": "Keterangan",
    "col.note": "Catatan",
    "col.files": "Berkas",
    "col.hash": "Hash isi",
    "col.label": "Nama",
    "col.number": "Nomor",
    "col.placeholder": "Contoh?",
    "col.name": "Nama",
    "col.short": "Singkatan",
    "col.domain": "Bidang",
    "col.roles": "Peran",
    "col.severity": "Tingkat",
    "col.message": "Temuan",
    "col.platform": "Platform",
    "col.value": "Nilai",
    "col.key": "Kunci",
    "col.check_item": "Item periksa",
    "col.result": "Hasil",
    "col.source": "Diputuskan",
    "result.pass": "Lulus",
    "result.fail": "Gagal",
    "result.na": "T/A",
    "result.unanswered": "Belum dijawab",
    "source.auto": "Otomatis",
    "source.manual": "Pemeriksa",
    "yes": "ya",
    "no": "tidak",
    "severity.error": "Galat",
    "severity.warning": "Peringatan",
    "severity.info": "Info",
    # --- decision-log actions (what the log's action ids mean)
    "logaction.archive.init": "Arsip dibuat",
    "logaction.settings.change": "Pengaturan diubah",
    "logaction.member.add": "Anggota ditambahkan",
    "logaction.member.roles": "Peran diubah",
    "logaction.asset.create": "Aset dibuat",
    "logaction.version.new": "Versi baru",
    "logaction.asset.submit": "Diajukan",
    "logaction.asset.approve": "Disetujui",
    "logaction.asset.revise": "Dikembalikan",
    "logaction.asset.schedule": "Dijadwalkan",
    "logaction.asset.publish": "Dipublikasikan",
    "logaction.plan.add": "Rencana ditambahkan",
    "logaction.plan.update": "Rencana diubah",
    "logaction.publication.record": "Publikasi dicatat",
    "logaction.metrics.import": "Angka pemantauan diimpor",
    "logaction.comment.record": "Komentar dicatat",
    "logaction.comment.handle": "Komentar ditangani",
    "logaction.hoax.record": "Hoaks dicatat",
    "logaction.hoax.verdict": "Putusan hoaks",
    "logaction.hoax.link": "Hoaks ditautkan",
    "logaction.correction.start": "Ralat dimulai",
    "logaction.consent.record": "Izin foto dicatat",
    "logaction.consent.revoke": "Izin foto dicabut",
    "logaction.survey.create": "Survei dibuat",
    "logaction.survey.answer": "Jawaban survei",
    "logaction.pack.import": "Paket replikasi diimpor",
    # --- screens of other helpers (registry labels)
    "screen.home": "Beranda",
    "screen.create": "Buat Konten",
    "screen.video": "Video",
    "screen.review": "Tinjauan",
    "screen.archive": "Arsip",
    "screen.plan": "Rencana",
    "screen.monitoring": "Pemantauan",
    "screen.evaluation": "Evaluasi",
    "screen.log": "Log Keputusan",
    "screen.settings": "Pengaturan",
}


def add(table: dict[str, str]) -> None:
    """Merge a screen's own strings (kept beside it, under its own key prefix) into the channel.

    Every text still goes through :func:`tr`; a key the app already defines is never overwritten.
    """
    for key, text in table.items():
        STRINGS.setdefault(key, text)


def _scale() -> int:
    try:
        return max(1, int(os.environ.get("ASRI_TRANS_SCALE", "1")))
    except ValueError:
        return 1


def label(text: str) -> str:
    """Pass a data label (role, state, kind names from resources) through the string channel."""
    n = _scale()
    return text if n == 1 else " ".join([text] * n)


def tr(key: str, **values: object) -> str:
    """The Indonesian text for ``key``, formatted with ``values``.

    An unknown key is a programming error and raises ``KeyError`` naming it, so a
    typo is caught by the tests instead of showing a raw key to a person.
    """
    try:
        text = STRINGS[key]
    except KeyError:
        raise KeyError(f"unknown UI string key: {key!r}") from None
    if values:
        text = text.format(**values)
    return label(text)


def log_action(action: str) -> str:
    """A readable Indonesian name for a decision-log action id (unknown ids shown as they are)."""
    key = f"logaction.{action}"
    return tr(key) if key in STRINGS else label(action)


# Buat Konten & Video (screens/create.py, screens/video.py, models/findings.py, models/cues.py)
STRINGS.update({
    # --- findings and cue tables
    "findings.col.where": "Letak",
    "findings.where.cue": "cue {n}",
    "findings.where.line": "baris {n}",
    "findings.suggestion": "Saran: {text}",
    "cues.col.start": "Mulai",
    "cues.col.end": "Selesai",
    "cues.col.text": "Teks",
    "cues.col.cps": "Kar/detik",
    # --- video screen
    "video.title": "Video",
    "video.subtitle": "Buka video pendek dan subtitlenya, putar dengan takarir, periksa, lalu ekspor.",
    "video.open_video": "Buka Video…",
    "video.open_subtitles": "Buka Subtitle…",
    "video.profile": "Profil",
    "video.profile_tip": "Batas durasi, ukuran, dan format dari resources/video_profiles.toml",
    "video.check": "Periksa Ulang",
    "video.checking": "Memeriksa video…",
    "video.no_file": "Belum ada video yang dibuka.",
    "video.file_video": "Video: {name}",
    "video.file_subtitles": "Subtitle: {name}",
    "video.drop_hint": "Seret berkas video (MP4/MOV) dan subtitle (SRT/VTT) ke sini, atau pakai tombol Buka.",
    "video.player": "Pemutar",
    "video.player_empty": "Buka video untuk memutarnya di sini.",
    "video.player_unavailable": "Pemutaran tidak tersedia di komputer ini (tidak ada pustaka multimedia). "
                                "Pemeriksaan, tabel cue, dan ekspor tetap berjalan.",
    "video.player_unavailable_file": "{name}\n\nPemutaran tidak tersedia di komputer ini; "
                                     "takarir tetap mengikuti posisi yang dipilih.",
    "video.player_error": "Video tidak dapat diputar: {error}",
    "video.play": "Putar",
    "video.pause": "Jeda",
    "video.tab.findings": "Temuan",
    "video.findings_empty": "Belum ada pemeriksaan. Buka atau seret video dan subtitlenya: pemeriksaan berjalan "
                            "otomatis sesuai profil yang dipilih.",
    "video.tab.findings_n": "Temuan ({n})",
    "video.tab.cues": "Cue",
    "video.tab.cues_n": "Cue ({n})",
    "video.tab.export": "Ekspor",
    "video.facts": " Video {w}x{h}, {duration}.",
    "video.ok": "Lolos pemeriksaan profil ({warnings} peringatan).{facts}",
    "video.bad": "Belum lolos: {errors} galat dan {warnings} peringatan harus ditinjau. "
                 "Klik temuan untuk melompat ke waktunya.{facts}",
    "video.filter_video": "Video (*.mp4 *.mov *.m4v *.mkv *.webm *.avi)",
    "video.filter_subtitles": "Subtitle (*.srt *.vtt)",
    "video.filter_mp4": "Video MP4 (*.mp4)",
    "video.err.not_found": "Berkas '{name}' tidak ditemukan.",
    "video.err.drop": "Berkas yang diseret bukan video (MP4/MOV) atau subtitle (SRT/VTT).",
    "video.export.intro": "Ekspor membakar takarir ke dalam video sesuai profil (9:16, H.264, AAC, +faststart), "
                          "menambahkan kartu penutup berisi unsur wajib, lalu memeriksa ulang hasilnya.",
    "video.export.end_card": "Tambahkan kartu penutup",
    "video.export.end_card_tip": "Kartu 3 detik di akhir video berisi judul, tanggal, sumber, kontak darurat, dan lokasi.",
    "video.export.title_ph": "mis. Waspada Banjir Rob Pesisir Sungailiat",
    "video.export.location_pick": "— pilih kecamatan —",
    "video.export.start": "Ekspor Video…",
    "video.export.dialog": "Simpan video hasil ekspor",
    "video.export.need_files": "Buka video dan subtitlenya terlebih dahulu.",
    "video.export.running": "Mengekspor {name}…",
    "video.export.cancelling": "Menghentikan ekspor…",
    "video.export.cancelled": "Ekspor dibatalkan; tidak ada berkas yang ditulis.",
    "video.export.done": "Tersimpan: {path}",
    "video.export.recheck": "Hasil ekspor diperiksa ulang: lolos profil ({warnings} peringatan).",
    # --- create screen
    "create.title": "Buat Konten",
    "create.subtitle": "Pilih templat, isi formulir, dan lihat pratinjau langsung. Unsur wajib dicap otomatis.",
    "create.template": "Templat",
    "create.variant": "Ukuran",
    "create.no_templates": "Belum ada templat yang terpasang.",
    "create.form": "Isi Konten",
    "create.stamps": "Unsur Wajib",
    "create.stamp.title": "Judul",
    "create.stamp.date": "Tanggal",
    "create.stamp.source": "Sumber data",
    "create.stamp.source_time": "Waktu data",
    "create.stamp.source_time_ph": "mis. 27 November 2026 07.00 WIB",
    "create.stamp.location": "Lokasi",
    "create.stamp.desa": "Desa/kelurahan (opsional)",
    "create.stamp.contacts": "Kontak darurat",
    "create.stamp.hazard": "Bencana",
    "create.kecamatan_item": "Kec. {name}",
    "create.kecamatan_all": "Seluruh Kabupaten Bangka",
    "create.hazard_none": "— umum —",
    "create.counter": "{n}/{max}",
    "create.list.add": "+ Tambah",
    "create.list.remove": "Hapus",
    "create.list.up": "↑",
    "create.list.down": "↓",
    "create.list.up_tip": "Pindahkan langkah terpilih ke atas",
    "create.list.down_tip": "Pindahkan langkah terpilih ke bawah",
    "create.list.new_item": "Langkah baru",
    "create.list.hint": "Klik ganda untuk mengubah teks langkah.",
    "create.image.drop": "Seret foto ke sini\natau klik Pilih Foto",
    "create.image.pick": "Pilih Foto…",
    "create.image.clear": "Lepas",
    "create.image.dialog": "Pilih foto",
    "create.image.filter": "Gambar (*.jpg *.jpeg *.png *.webp)",
    "create.image.focus_hint": "Klik foto untuk memilih titik fokus.",
    "create.image.focus": "Titik fokus: {x}%, {y}% (klik foto di pratinjau untuk mengubah)",
    "create.image.bad": "Berkas '{name}' bukan foto JPEG/PNG/WebP.",
    "create.preview": "Pratinjau",
    "create.preview.rendering": "Memperbarui pratinjau…",
    "create.preview.ms": "Pratinjau {size} · {ms} ms",
    "create.preview.page": "Halaman {n} dari {total}",
    "create.preview.failed": "Pratinjau gagal: {error}",
    "create.findings": "Temuan",
    "create.findings_none": "Tidak ada temuan: semua unsur wajib lengkap dan teks terbaca.",
    "create.findings_summary": "{errors} galat, {warnings} peringatan",
    "create.undo": "Urungkan",
    "create.redo": "Ulangi",
    "create.undo_edit": "Ubah {field}",
    "create.save_draft": "Simpan Draf",
    "create.saving": "Menyimpan draf…",
    "create.saved_new": "Draf tersimpan sebagai aset #{id}.",
    "create.saved_version": "Versi {version} aset #{id} tersimpan.",
    "create.no_change": "Tidak ada perubahan sejak versi terakhir.",
    "create.platform": "Platform",
    "create.platform_any": "Ukuran templat (tanpa platform)",
    "create.export": "Ekspor…",
    "create.export_dialog": "Pilih folder ekspor",
    "create.exporting": "Mengekspor…",
    "create.exported": "Ekspor selesai: {n} berkas di {path}",
    "create.refused_title": "Ekspor ditolak",
    "create.new": "Konten Baru",
    "create.sample": "Isi Contoh",
    "create.required": "{label} *",
    "create.list.col_title": "Judul langkah",
    "create.list.col_text": "Teks",
    "create.stamp.source_time_on": "Cantumkan waktu data",
    "create.stamp.source_ph": "Pilih atau tulis sumber data (mis. BMKG)",
    "create.stamp.location_ph": "Pilih kecamatan (beberapa: pisahkan dengan koma)",
    "create.stamp.desa_ph": "mis. Kelurahan Matras",
    "create.stamp.logo": "Logo instansi",
    "create.editing": "Mengedit aset #{id} “{title}” (versi {version}); Simpan Draf membuat versi baru.",
    "create.not_template": "Aset #{id} tidak dibuat dari templat; buka dari Arsip untuk melihat berkasnya.",
})
# end Buat Konten & Video
