"""Tests for the Indonesian risk-communication analysis (asri_desktop.core.review.language)."""

from __future__ import annotations

import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from asri_desktop.core import resources
from asri_desktop.core.review import language
from asri_desktop.core.review.syllables import count_syllables, spell_number, spell_numeral


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def missing(report) -> set[str]:
    return {f.extra["element"] for f in report.findings if f.code == "language.missing_element"}


# ----------------------------------------------------------------------------- syllables
# Each count checked by hand against the KBBI syllable split given beside it.
KNOWN_SYLLABLES = {
    "bencana": 3,          # ben-ca-na
    "kesiapsiagaan": 7,    # ke-si-ap-si-a-ga-an (KBBI); "siaga" alone is si-a-ga
    "pengungsian": 4,      # pe-ngung-si-an
    "mitigasi": 4,         # mi-ti-ga-si
    "air": 2,              # a-ir: "ai" before a closing consonant is two vowels
    "pantai": 2,           # pan-tai: diphthong at the end
    "pulau": 2,            # pu-lau
    "survei": 2,           # sur-vei
    "amboi": 2,            # am-boi
    "pakaian": 3,          # pa-kai-an
    "saudara": 3,          # sau-da-ra
    "main": 2,             # ma-in
    "permainan": 4,        # per-ma-in-an (hiatus root)
    "laut": 2,             # la-ut
    "lautan": 3,           # la-ut-an
    "daerah": 3,           # da-e-rah
    "Sungailiat": 4,       # su-ngai-li-at
    "pulaunya": 3,         # pu-lau-nya ("ny" is one consonant)
    "evakuasi": 5,         # e-va-ku-a-si
    "hidrometeorologi": 8, # hi-dro-me-te-o-ro-lo-gi
    "masyarakat": 4,       # ma-sya-ra-kat
    "khusus": 2,           # khu-sus
    "anak-anak": 4,        # a-nak a-nak
    "BPBD": 4,             # be-pe-be-de (no vowel: spelled)
    "SAR": 1,              # read as a word
    "1.200": 7,            # se-ri-bu du-a ra-tus
    "14.30": 8,            # em-pat be-las ti-ga pu-luh
    "2,5": 6,              # du-a ko-ma li-ma
    "112": 7,              # se-ra-tus du-a be-las
    "": 0,
    "🌧️": 0,
}


@pytest.mark.parametrize("word,expected", sorted(KNOWN_SYLLABLES.items()))
def test_count_syllables_known_words(word, expected):
    assert language.count_syllables(word) == expected


def test_spell_numbers_the_indonesian_way():
    assert spell_number(0) == "nol"
    assert spell_number(11) == "sebelas"
    assert spell_number(100) == "seratus"
    assert spell_number(1000) == "seribu"
    assert spell_number(2026) == "dua ribu dua puluh enam"
    assert spell_number(1_250_000) == "satu juta dua ratus lima puluh ribu"
    assert spell_numeral("1.200") == "seribu dua ratus"
    assert spell_numeral("14.30") == "empat belas tiga puluh"
    assert spell_numeral("15.00") == "lima belas"
    assert spell_numeral("07:05") == "tujuh lima"
    assert spell_numeral("0,5") == "nol koma lima"
    # Codes too long to be amounts are read digit by digit.
    assert spell_numeral("1" * 20) == " ".join(["satu"] * 20)


# ----------------------------------------------------------------------------- sentences
def test_sentence_split_copes_with_abbreviations_numbers_and_posts():
    text = (
        "⚠️ Info dari BPBD Kab. Bangka 🌧️\n"
        "Banjir merendam 1.200 rumah di Ds. Rebo, Kec. Sungailiat sejak pukul 14.30 WIB. "
        "Bawa obat, senter, dll. Segera ke Jl. Jend. Sudirman No. 5!\n"
        "- siapkan tas siaga\n"
        "- matikan listrik\n"
        "\n"
        "#BPBDBangka #SiagaBencana https://bpbd.bangka.go.id @bpbdbangka\n"
        "Air naik cepat, warga yang tinggal di tepi\n"
        "sungai diminta waspada.\n"
    )
    sentences = language.split_sentences(text)
    texts = [s.text for s in sentences]
    assert texts == [
        "Info dari BPBD Kab. Bangka 🌧️",  # a leading emoji alone is no sentence
        "Banjir merendam 1.200 rumah di Ds. Rebo, Kec. Sungailiat sejak pukul 14.30 WIB.",
        "Bawa obat, senter, dll.",
        "Segera ke Jl. Jend. Sudirman No. 5!",
        "siapkan tas siaga",
        "matikan listrik",
        "Air naik cepat, warga yang tinggal di tepi sungai diminta waspada.",
    ]
    assert [s.line for s in sentences] == [1, 2, 2, 2, 3, 4, 7]
    assert "1.200" in sentences[1].words and "14.30" in sentences[1].words


def test_emoji_between_thoughts_ends_a_sentence():
    texts = [s.text for s in language.split_sentences("Segera mengungsi 🏃 Bawa obat 💊 ya 🙏")]
    assert texts == ["Segera mengungsi 🏃", "Bawa obat 💊 ya 🙏"]


def test_emoji_and_hashtag_only_lines_are_not_sentences():
    assert language.split_sentences("🙏🙏🙏\n#a #b\n\n   \n") == []


# ----------------------------------------------------------------------------- sample posts
GOOD_BMKG = """⚠️ Peringatan Dini Cuaca
Jumat, 27 November 2026, pukul 14.30 WIB

Menurut BMKG Stasiun Meteorologi Depati Amir, hujan lebat disertai petir dan angin kencang akan terjadi di Kecamatan Sungailiat pukul 15.00-19.00 WIB.
Segera menjauh dari pohon besar dan papan reklame.
Warga di bantaran sungai, siapkan tas siaga.
Keadaan darurat? Hubungi 112.
#BPBDBangka #SiagaBencana"""


def test_good_bmkg_warning_for_sungailiat_has_no_findings():
    report = language.analyze(GOOD_BMKG)
    assert report.findings == []
    assert not report.has_errors
    assert report.stats["elements"] == {k: True for k in language.ELEMENTS}
    assert report.stats["key_messages"] == 3
    assert {"segera", "siapkan", "hubungi"} <= set(report.stats["action_verbs"])
    assert report.stats["share_over_limit"] <= 0.25


def test_vague_post_has_no_action_and_misses_location_and_time():
    report = language.analyze("Cuaca sedang tidak bersahabat. Tetap waspada dan hati-hati ya, warga semua 🙏")
    assert "language.no_action" in codes(report)
    no_action = next(f for f in report.findings if f.code == "language.no_action")
    assert no_action.severity == "error" and no_action.suggestion
    assert {"location", "time", "source", "action"} <= missing(report)
    assert report.has_errors


@pytest.mark.parametrize(
    "text,verbs",
    [
        ("Warga diimbau tidak membakar lahan.", ["tidak membakar"]),
        ("BPBD mengimbau masyarakat agar menjauhi bantaran sungai.", ["menjauhi"]),
        ("Warga diminta untuk mengungsi ke tempat tinggi.", ["mengungsi"]),
        ("Mengungsilah ke tempat tinggi!", ["mengungsilah"]),
        ("Keluarkan kendaraan dari garasi.", ["keluarkan"]),
        ("Warga Sungailiat, evakuasi ke gedung sekolah sekarang.", ["evakuasi"]),
    ],
)
def test_actions_phrased_the_indonesian_way(text, verbs):
    report = language.analyze(text)
    assert report.stats["action_verbs"] == verbs
    assert "language.no_action" not in codes(report)


@pytest.mark.parametrize(
    "text",
    [
        "Warga diimbau tetap waspada.",
        "Diperkirakan hujan lebat berdasarkan data BMKG.",
        "Bukan hoaks. Banjir merendam rumah warga.",
        "Isi tas siaga: dokumen, obat, dan senter.",
        "Hati-hati ya!",
    ],
)
def test_no_action_in_vague_or_descriptive_text(text):
    assert "language.no_action" in codes(language.analyze(text))


def test_missing_element_names_each_element_in_message_and_extra():
    report = language.analyze("Segera siapkan tas siaga.")
    assert missing(report) == {"source", "hazard", "location", "time"}
    for f in report.findings:
        if f.code == "language.missing_element":
            assert f.severity == "warning"
            assert f.suggestion
            assert any(word in f.message for word in ("sumber", "bahaya", "lokasi", "waktu"))


def test_shouting_post_is_flagged_but_acronyms_are_not():
    text = (
        "AWAS BANJIR ROB DI PESISIR SUNGAILIAT\n"
        "Menurut BMKG dan BPBD, air pasang naik pukul 19.00 WIB malam ini!!!\n"
        "Segera pindahkan barang ke tempat tinggi. Info: BPBD, BMKG, SAR, WIB."
    )
    report = language.analyze(text)
    shouts = [f for f in report.findings if f.code == "language.shouting"]
    assert [f.line for f in shouts] == [1, 2]
    assert shouts[0].extra == {"caps": True, "exclamations": False}
    assert shouts[1].extra == {"caps": False, "exclamations": True}
    assert all(f.severity == "warning" and f.suggestion for f in shouts)
    # A line of acronyms only, or a normal sentence, is not shouting.
    assert "language.shouting" not in codes(language.analyze("Sumber: BMKG, BPBD, BNPB, WIB.\nSegera mengungsi!"))


def test_jargon_heavy_post_gets_plain_words_suggested():
    text = (
        "Dalam rangka mitigasi bencana hidrometeorologi, BPBD mengimbau kesiapsiagaan "
        "masyarakat terhadap potensi curah hujan tinggi. Segera lakukan evakuasi mandiri bila perlu."
    )
    report = language.analyze(text)
    jargon = {f.extra["term"]: f for f in report.findings if f.code == "language.jargon"}
    assert {"mitigasi", "hidrometeorologi", "kesiapsiagaan", "potensi", "curah hujan", "evakuasi"} <= set(jargon)
    assert jargon["mitigasi"].suggestion == 'Ganti "mitigasi" dengan "upaya mengurangi risiko".'
    assert jargon["evakuasi"].extra["plain"] == "mengungsi ke tempat aman"
    assert jargon["hidrometeorologi"].extra["plain"] == "cuaca dan air"
    assert all(f.severity == "warning" and f.line == 1 for f in jargon.values())


def test_jargon_table_has_at_least_25_entries():
    assert len(resources.data("language.toml")["jargon"]) >= 25


def test_five_key_messages_are_too_many():
    text = (
        "Menghadapi banjir di Belinyu hari ini (sumber: BPBD):\n"
        "1. Siapkan tas siaga.\n"
        "2. Matikan listrik saat air masuk rumah.\n"
        "3. Jauhi sungai dan kolong.\n"
        "4. Hubungi 112 bila darurat.\n"
        "5. Pantau info BMKG."
    )
    report = language.analyze(text)
    assert report.stats["key_messages"] == 5
    f = next(f for f in report.findings if f.code == "language.too_many_messages")
    assert f.severity == "warning"
    assert f.extra["messages"] == ["siapkan", "matikan", "jauhi", "hubungi", "pantau"]
    assert "5 pesan kunci" in f.message


def test_modifier_and_verb_are_one_message_and_repeats_count_once():
    report = language.analyze("Segera mengungsi. Jangan panik. Segera mengungsi ke tempat tinggi.")
    assert report.stats["key_messages"] == 2
    assert "language.too_many_messages" not in codes(report)


def test_very_long_sentences_are_flagged():
    text = (
        "Berdasarkan hasil pemantauan yang dilakukan oleh petugas kami di lapangan bersama aparat desa dan "
        "relawan setempat sejak pagi tadi, ketinggian air di sejumlah titik permukiman warga di Kecamatan "
        "Merawang terus meningkat seiring hujan yang belum juga reda. Oleh karena itu kami mengimbau seluruh "
        "warga yang tinggal di sekitar bantaran sungai maupun daerah rendah untuk segera mengungsi ke tempat "
        "yang lebih tinggi dengan membawa dokumen penting. Sumber BPBD, Jumat 27 November 2026."
    )
    report = language.analyze(text)
    f = next(f for f in report.findings if f.code == "language.long_sentences")
    assert f.severity == "warning" and f.line == 1
    assert [s["words"] for s in f.extra["sentences"]] == [37, 28]
    assert report.stats["sentences"] == 3
    assert report.stats["share_over_limit"] == pytest.approx(2 / 3, abs=1e-3)
    assert report.stats["mean_sentence_words"] == pytest.approx(71 / 3, abs=0.01)


def test_one_long_sentence_in_five_is_within_the_limit():
    long = "Warga " + " ".join(["kata"] * 24) + "."
    text = "Segera mengungsi. Bawa obat. Hubungi 112. Jauhi sungai. " + long
    report = language.analyze(text)
    assert report.stats["share_over_limit"] == pytest.approx(0.2)
    assert "language.long_sentences" not in codes(report)


def test_alt_text_required_only_for_image_posts():
    assert "language.no_alt_text" not in codes(language.analyze(GOOD_BMKG))
    for alt in (None, "", "   "):
        report = language.analyze(GOOD_BMKG, alt_text=alt, needs_alt_text=True)
        f = next(f for f in report.findings if f.code == "language.no_alt_text")
        assert f.severity == "error" and f.suggestion
        assert report.has_errors
    ok = language.analyze(GOOD_BMKG, alt_text="Poster peringatan dini cuaca BMKG ...", needs_alt_text=True)
    assert "language.no_alt_text" not in codes(ok)


def test_every_finding_has_a_message_and_suggestion_in_indonesian():
    texts = [GOOD_BMKG, "", "AWAS!!! MITIGASI", "mitigasi " * 30, "Tetap tenang."]
    for text in texts:
        for f in language.analyze(text, needs_alt_text=True).findings:
            assert f.code.startswith("language.")
            assert f.message and f.suggestion
            assert f.severity in ("error", "warning")


def test_locations_come_from_settings():
    settings = {
        "kecamatan": [{"name": "Kelapa Kampit"}],
        "desa": ["Air Ruai"],
        "hazards": [{"id": "kabut", "name": "Kabut Asap"}],
        "sources": [{"id": "x", "name": "Stasiun Klimatologi", "short": "Staklim"}],
    }
    text = "Sumber Staklim: kabut asap tebal di air ruai hari ini. Kenakan masker."
    report = language.analyze(text, settings=settings)
    assert missing(report) == set()
    # With the Bangka defaults "air ruai" in lower case is not a known place.
    assert "location" in missing(language.analyze(text))


def test_partial_settings_fall_back_to_the_defaults_per_key():
    report = language.analyze(GOOD_BMKG, settings={"hazards": [{"id": "x", "name": "Angin Kencang"}]})
    assert report.findings == []


def test_archive_settings_are_accepted(archive):
    report = language.analyze(GOOD_BMKG, settings=archive.settings())
    assert report.findings == []


def test_di_with_a_capitalised_name_is_a_location_but_not_di_instagram():
    assert language.analyze("Banjir di Desa Rebo. Segera mengungsi.").stats["elements"]["location"]
    assert not language.analyze("Info banjir di Instagram. Segera mengungsi.").stats["elements"]["location"]


def test_time_cues_dates_and_clock_times():
    for text in ("Banjir pukul 5 pagi.", "Banjir 27/11/2026.", "Banjir 14:30.", "Banjir besok.", "Banjir Sabtu."):
        assert language.analyze(text).stats["elements"]["time"], text
    assert not language.analyze("Banjir merendam 1.200 rumah.").stats["elements"]["time"]


def test_report_to_dict_is_json_ready():
    report = language.analyze("Tetap waspada", needs_alt_text=True)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["has_errors"] is True
    assert {f["code"] for f in data["findings"]} >= {"language.no_action", "language.no_alt_text"}
    for key in (
        "sentences", "words", "mean_sentence_words", "share_over_limit", "syllables_per_100_words",
        "sentences_per_100_words", "fry_grade", "action_verbs", "elements", "key_messages",
    ):
        assert key in data["stats"]


# ----------------------------------------------------------------------------- Fry graph
def test_fry_graph_reads_fry_own_example_as_grade_7():
    # Fry (1977), "Expanded directions": 141 syllables and 6.3 sentences per 100 words -> grade 7.
    assert language.fry_grade_for(141, 6.3) == 7


@pytest.mark.parametrize(
    "x,y,grade",
    [
        (108, 25.0, 1),   # the easiest corner: short words, short sentences
        (100, 30.0, 1),   # outside the axes: clamped to that corner
        (182, 2.0, 17),   # the hardest corner: beyond grade 16
        (182, 3.6, 17),
    ],
)
def test_fry_graph_corners(x, y, grade):
    assert language.fry_grade_for(x, y) == grade


def test_fry_graph_each_boundary_separates_its_grade_from_the_next():
    # Just either side of the middle of each boundary line in the table, the grade changes by one.
    fry = resources.data("language.toml")["fry"]
    for grade, x1, y1, x2, y2 in fry["boundaries"]:
        xm = (x1 + x2) / 2
        wm = (100 / y1 + 100 / y2) / 2          # Fry's y axis is linear in words per sentence
        ym = 100 / wm
        assert language.fry_grade_for(xm - 0.4, ym) == grade, grade
        assert language.fry_grade_for(xm + 0.4, ym) == grade + 1, grade


def test_fry_graph_invalid_regions_give_none():
    assert language.fry_grade_for(175, 20.0) is None   # too many long words for such short sentences
    assert language.fry_grade_for(185, 14.0) is None   # beyond the x axis, still in that corner
    assert language.fry_grade_for(110, 2.2) is None    # sentences far too long for such short words


def test_fry_grade_rises_with_syllables_and_sentence_length():
    for y in (4.0, 6.3, 9.1):
        grades = [language.fry_grade_for(x, y) for x in range(108, 150, 2)]
        valid = [g for g in grades if g is not None]
        assert valid == sorted(valid)
    for x in (120, 135, 150):
        grades = [language.fry_grade_for(x, y) for y in (14.3, 11.1, 9.1, 7.7, 6.7, 5.9, 5.2, 4.5)]
        valid = [g for g in grades if g is not None]
        assert valid == sorted(valid)


KNOWN_PASSAGE = (
    # 15 words, 28 syllables (war-ga yang ting-gal di de-kat su-ngai ha-rus se-ge-ra pin-dah ke
    # tem-pat yang le-bih ting-gi se-ka-rang)
    "Warga yang tinggal di dekat sungai harus segera pindah ke tempat yang lebih tinggi sekarang. "
    # 16 words, 46 syllables (pe-tu-gas ke-ca-ma-tan me-nyi-ap-kan pe-ra-hu ka-ret ma-ka-nan se-li-mut
    # o-bat-o-bat-an dan ten-da da-ru-rat ba-gi ke-lu-ar-ga pe-ngung-si ma-lam i-ni)
    "Petugas kecamatan menyiapkan perahu karet, makanan, selimut, obat-obatan, dan tenda darurat bagi "
    "keluarga pengungsi malam ini."
)


def test_fry_grade_of_a_hand_counted_passage():
    report = language.analyze(KNOWN_PASSAGE)
    assert report.stats["words"] == 31
    assert report.stats["syllables"] == 74
    assert report.stats["sentences"] == 2
    # 74 / 31 x 100 = 238.7 syllables per 100 words; x 0.6 = 143.2. 2 / 31 x 100 = 6.45 sentences.
    assert report.stats["fry_x"] == pytest.approx(143.23, abs=0.01)
    assert report.stats["sentences_per_100_words"] == pytest.approx(6.45, abs=0.01)
    # On Fry's graph (143.2, 6.45) lies past the grade-6 line and before the grade-7 line.
    assert language.fry_grade(KNOWN_PASSAGE) == 7
    assert report.stats["fry_grade"] == 7 and report.stats["fry_status"] == "ok"


def test_fry_grade_of_short_simple_passage_is_grade_1():
    text = (
        "Hujan turun sejak pagi. Air sungai naik. Warga pindah ke rumah saudara. Anak-anak aman. "
        "Ibu memasak nasi. Bapak menjaga rumah. Kami sudah siap. Tim datang sore. Semua selamat dan tenang."
    )
    report = language.analyze(text)
    assert (report.stats["words"], report.stats["syllables"], report.stats["sentences"]) == (30, 64, 9)
    assert language.fry_grade(text) == 1


def test_fry_grade_is_none_for_short_texts():
    assert language.fry_grade("Segera mengungsi ke tempat tinggi.") is None
    assert language.fry_grade("") is None


# ----------------------------------------------------------------------------- robustness
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_analyze_never_crashes_on_arbitrary_unicode(text):
    report = language.analyze(text, needs_alt_text=True)
    json.dumps(report.to_dict())
    assert report.stats["words"] >= 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aiueoAIUEOngkhsy.,:-0123456789 \n!?#@")), max_size=200))
def test_analyze_never_crashes_on_post_like_noise(text):
    language.analyze(text)
    for word in text.split():
        assert language.count_syllables(word) >= 0


@pytest.mark.parametrize(
    "unit",
    [
        GOOD_BMKG + "\n",
        "Kab. ",
        "AWAS BANJIR!!! ",
        "9",
        "mitigasi\n",
        "Ds. Rebo dll. ",
        "🙏 A ",
        "a b c d e f g h ",
    ],
)
def test_huge_text_finishes_fast(unit):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    # CPU time of this process: the other test workers on a busy machine do not count against it.
    start = time.process_time()
    language.analyze(text)
    assert time.process_time() - start < 2.0


# ----------------------------------------------------------------------------- CLI
def test_cli_good_text_exits_0(run_cli, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(GOOD_BMKG, encoding="utf-8-sig")
    code, out, err = run_cli("analyze-text", path)
    assert code == 0, err
    assert "Tidak ada temuan" in out
    assert "Unsur peringatan" in out


def test_cli_error_findings_exit_1_and_json(run_cli, tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("Cuaca buruk. Tetap waspada.", encoding="utf-8")
    code, out, _ = run_cli("analyze-text", path, "--json")
    assert code == 1
    data = json.loads(out)
    assert "language.no_action" in {f["code"] for f in data["findings"]}
    code, out, _ = run_cli("analyze-text", path)
    assert code == 1 and "GALAT language.no_action" in out and "Saran:" in out


def test_cli_reads_stdin_and_checks_alt_text(run_cli, monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(GOOD_BMKG.encode("utf-8"))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    code, out, _ = run_cli("analyze-text", "-", "--image", "--json")
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["language.no_alt_text"]
    FakeStdin.buffer = io.BytesIO(GOOD_BMKG.encode("utf-8"))
    code, _, _ = run_cli("analyze-text", "-", "--image", "--alt-text", "Poster peringatan dini cuaca")
    assert code == 0


def test_cli_unreadable_input_exits_2(run_cli, tmp_path):
    code, _, err = run_cli("analyze-text", tmp_path / "tidak-ada.txt")
    assert code == 2 and "tidak ditemukan" in err
    code, _, err = run_cli("analyze-text", tmp_path)
    assert code == 2 and "folder" in err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Banjir di Sungailiat – segera mengungsi".encode("cp1252"))
    code, _, err = run_cli("analyze-text", bad)
    assert code == 2 and "UTF-8" in err
    binary = tmp_path / "gambar.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = run_cli("analyze-text", binary)
    assert code == 2 and "biner" in err
    assert "Traceback" not in err


def test_cli_accepts_utf16_with_bom(run_cli, tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(GOOD_BMKG.encode("utf-16"))
    code, _, err = run_cli("analyze-text", path)
    assert code == 0, err


def test_cli_uses_archive_settings(run_cli, archive, tmp_path):
    archive.set_setting("kecamatan", [{"name": "Kelapa Kampit"}], actor="Adi")
    path = tmp_path / "post.txt"
    path.write_text(
        "Menurut BMKG, banjir melanda Kelapa Kampit hari ini pukul 10.00 WIB. Segera mengungsi.", encoding="utf-8"
    )
    code, out, _ = run_cli("analyze-text", path, "--json")
    assert code == 0
    assert json.loads(out)["stats"]["elements"]["location"] is True
