"""Monitoring figures: typed in, and imported from real-shaped Meta Business Suite and TikTok exports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import metrics

META_FB = (
    'Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,Is crosspost,'
    'Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Impressions,Reach,'
    '"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Link Clicks,Other Clicks\r\n'
    '1029384756_555,1029384756,BPBD Kabupaten Bangka,,Waspada banjir,,11/02/2026 09:00,,'
    'https://www.instagram.com/p/Cx1AbCdEf/,No,No,Photos,,,,,Lifetime,"2,450",1830,131,97,21,13,44,12,32\r\n'
    '1029384756_556,1029384756,BPBD Kabupaten Bangka,,Posting lama,,10/01/2026 09:00,,'
    'https://www.facebook.com/bpbdbangka/posts/999,No,No,Photos,,,,,Lifetime,300,200,5,5,0,0,1,0,1\r\n'
    '1029384756_557,1029384756,BPBD Kabupaten Bangka,,Tanpa tautan,,10/01/2026 09:00,,'
    ',No,No,Photos,,,,,Lifetime,300,200,5,5,0,0,1,0,1\r\n'
    '1029384756_558,1029384756,BPBD Kabupaten Bangka,,Angka rusak,,11/02/2026 09:00,,'
    'https://instagram.com/p/Cx1AbCdEf,No,No,Photos,,,,,Lifetime,banyak,1830,131,97,21,13,44,12,32\r\n'
)

META_ID = (
    "ID Postingan;Nama halaman;Waktu publikasi;Tautan permanen;Jenis postingan;Tanggal;Tayangan;Jangkauan;Reaksi;"
    "Komentar;Dibagikan;Disimpan;Klik Tautan\n"
    "17890001;BPBD Bangka;02/11/2026 09.00;https://instagram.com/p/Cx1AbCdEf;Foto;2026-11-09;2.450;1.830;97;21;13;8;-\n"
)

TIKTOK = (
    "Video title\tVideo link\tPost time\tTotal views\tTotal likes\tTotal comments\tTotal shares\tReach\n"
    "Amankan atap!\thttps://www.tiktok.com/@bpbdbangka/video/7301234567890123456?lang=id\t2026-11-10 16:00"
    "\t12500\t640\t35\t88\t9800\n"
    "Video lain\thttps://www.tiktok.com/@bpbdbangka/video/7300000000000000000\t2026-11-01 16:00\t10\t1\t0\t0\t9\n"
    "\t\t\t\t\t\t\t\n"
    "Minus\thttps://www.tiktok.com/@bpbdbangka/video/7301234567890123456\t2026-11-10 16:00\t-5\t1\t0\t0\t9\n"
)


def test_typed_reading_and_replacement(published):
    arch, p1, _ = published
    r = metrics.add(arch, p1.id, read_at="2026-11-03 09.00", actor="Adi", values={"reach": "1.200", "likes": 80})
    assert r.values["reach"] == 1200 and r.values["impressions"] is None
    again = metrics.add(arch, p1.id, read_at="2026-11-03 09.00", actor="Adi", values={"reach": 1300})
    assert again.id == r.id and again.values["reach"] == 1300 and len(metrics.readings(arch)) == 1
    metrics.add(arch, p1.id, read_at="2026-11-05 09.00", actor="Adi", values={"reach": 2000})
    assert metrics.latest(arch)[p1.id].values["reach"] == 2000


def test_typed_reading_bad_values(published):
    arch, p1, _ = published
    for values, fragment in (({"reach": -1}, "negatif"), ({"reach": "1,5"}, "bukan angka"),
                             ({"followers": 3}, "tidak dikenal"), ({}, "Tidak ada angka")):
        with pytest.raises(InputError, match=fragment):
            metrics.add(arch, p1.id, read_at="2026-11-03 09.00", actor="Adi", values=values)
    assert metrics.readings(arch) == []


def test_reading_before_publication_is_refused(published):
    arch, p1, _ = published
    with pytest.raises(InputError, match="lebih awal daripada waktu publikasi"):
        metrics.add(arch, p1.id, read_at="2026-11-01 09.00", actor="Adi", values={"reach": 1})


def test_meta_business_suite_english_export(published, tmp_path):
    arch, p1, _ = published
    f = tmp_path / "meta.csv"
    f.write_bytes(b"\xef\xbb\xbf" + META_FB.encode("utf-8"))
    rep = metrics.import_file(arch, f, "meta", "Adi", read_at="2026-11-12 10.00")
    assert (rep.added, rep.updated) == (1, 0)
    assert [(e.line, e.code) for e in rep.errors] == [(3, "metrics.import.row"), (4, "metrics.import.row"),
                                                       (5, "metrics.import.row")]
    assert "belum tercatat" in rep.errors[0].message
    assert "1029384756_557 belum tercatat" in rep.errors[1].message  # no link: matched by post id, not found
    assert "'banyak'" in rep.errors[2].message and "Impressions" in rep.errors[2].message
    r = metrics.latest(arch)[p1.id]
    assert r.values == {"reach": 1830, "impressions": 2450, "likes": 97, "comments": 21, "shares": 13,
                        "saves": None, "link_clicks": 12}
    assert r.read_at == "2026-11-12T03:00:00Z" and r.source == "meta"
    # The same export imported again replaces, never doubles.
    again = metrics.import_file(arch, f, "meta", "Adi", read_at="2026-11-12 10.00")
    assert (again.added, again.updated) == (0, 1) and len(metrics.readings(arch)) == 1
    assert [e["action"] for e in arch.log_entries(action="metrics.import")] == ["metrics.import"] * 2


def test_meta_indonesian_semicolon_export_with_date_column(published, tmp_path):
    arch, p1, _ = published
    f = tmp_path / "meta-id.csv"
    f.write_text(META_ID, encoding="utf-8")
    rep = metrics.import_file(arch, f, "meta", "Adi")
    assert rep.errors == [] and rep.added == 1
    r = metrics.latest(arch)[p1.id]
    assert r.values["reach"] == 1830 and r.values["saves"] == 8 and r.values["link_clicks"] is None
    assert r.read_at == "2026-11-09T16:59:00Z"  # end of the export's day, WIB


def test_tiktok_utf16_tab_export(published, tmp_path):
    arch, _, p2 = published
    f = tmp_path / "tiktok.csv"
    f.write_bytes(TIKTOK.encode("utf-16"))
    rep = metrics.import_file(arch, f, "tiktok", "Adi", read_at="2026-11-15 10.00")
    assert rep.added == 1
    assert [e.line for e in rep.errors] == [3, 5]
    assert "negatif" in rep.errors[1].message
    r = metrics.latest(arch)[p2.id]
    assert (r.values["impressions"], r.values["likes"], r.values["reach"]) == (12500, 640, 9800)


def test_dry_run_saves_nothing(published, tmp_path):
    arch, _, _ = published
    f = tmp_path / "tiktok.csv"
    f.write_bytes(TIKTOK.encode("utf-16"))
    rep = metrics.import_file(arch, f, "tiktok", "Adi", dry_run=True)
    assert rep.added == 1 and metrics.readings(arch) == []
    assert arch.log_entries(action="metrics.import") == []


def test_wrong_file_is_named(published, tmp_path):
    arch, _, _ = published
    f = tmp_path / "lain.csv"
    f.write_text("Nama,Alamat\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="tidak tampak seperti ekspor Meta"):
        metrics.import_file(arch, f, "meta", "Adi")
    with pytest.raises(InputError, match="Sumber 'youtube'"):
        metrics.import_file(arch, f, "youtube", "Adi")
    b = tmp_path / "biner.csv"
    b.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InputError, match="bukan CSV"):
        metrics.import_file(arch, b, "meta", "Adi")


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", ".", " "]))
def test_parse_count_grouped_thousands(n, sep):
    grouped = f"{n:,}".replace(",", sep)
    assert metrics.parse_count(grouped, "x") == n


@given(st.text(max_size=12))
def test_parse_count_never_crashes(text):
    try:
        v = metrics.parse_count(text, "x")
    except InputError:
        return
    assert v is None or v >= 0


def test_row_without_link_or_post_id_is_named(published, tmp_path):
    arch, _, _ = published
    f = tmp_path / "meta.csv"
    f.write_text("Post ID,Permalink,Reach\n,,100\n", encoding="utf-8")
    rep = metrics.import_file(arch, f, "meta", "Adi")
    assert [(e.line, e.message) for e in rep.errors] == [
        (2, "baris tanpa tautan atau ID unggahan, tidak dapat dicocokkan")]


def test_facebook_post_id_matches_the_link(team, make_approved, tmp_path):
    from asri_desktop.core.plan import publications

    aid = make_approved("Poster FB")
    pub = publications.publish(team, aid, platform="facebook", url="https://www.facebook.com/bpbdbangka/posts/8877665544",
                               at="2026-11-02 09.00", actor="Adi")
    f = tmp_path / "meta.csv"
    f.write_text("Post ID,Permalink,Reach,Reactions\n1029384756_8877665544,,500,20\n", encoding="utf-8")
    rep = metrics.import_file(team, f, "meta", "Adi", read_at="2026-11-03 09.00")
    assert rep.errors == [] and metrics.latest(team)[pub.id].values["reach"] == 500
