"""The plan commands end to end through ``asri``, with the CLI's exit codes."""

from __future__ import annotations

import json


def test_plan_publish_metrics_report_flow(team, run_cli, tmp_path, make_approved):
    code, out, err = run_cli("plan", "add", "--topic", "Siaga banjir", "--kind", "poster", "--due", "2026-12-01",
                             "--hazard", "banjir", "--slot", "instagram=2026-12-02 09.00", "--assignee", "Rina",
                             "--as", "Dewi")
    assert code == 0, err
    assert "Rencana ditambahkan: #1" in out and "Instagram 2026-12-02 09.00" in out
    code, out, _ = run_cli("plan", "list", "--json")
    assert json.loads(out)[0]["slots"] == {"instagram": "2026-12-02T02:00:00Z"}
    for fmt in ("ics", "csv", "xlsx"):
        code, out, err = run_cli("plan", "export", "--format", fmt, "--out", tmp_path / f"r.{fmt}")
        assert code == 0, err
        code, out, err = run_cli("plan", "import", tmp_path / f"r.{fmt}", "--as", "Dewi")
        assert code == 0 and "1 tidak berubah" in out, err

    aid = make_approved("Waspada banjir")
    code, out, err = run_cli("publish", aid, "--platform", "instagram", "--url", "https://instagram.com/p/Q1/",
                             "--at", "2026-11-20 09.00", "--as", "Rina")
    assert code == 1 and "Galat:" in err and "Admin Platform" in err
    code, out, err = run_cli("publish", aid, "--platform", "instagram", "--url", "https://instagram.com/p/Q1/",
                             "--at", "2026-11-20 09.00", "--as", "Adi")
    assert code == 0 and "Publikasi #1 dicatat" in out, err
    code, out, err = run_cli("metrics", "add", "https://www.instagram.com/p/Q1", "--read-at", "2026-11-21 09.00",
                             "--reach", "1.500", "--likes", "90", "--as", "Adi")
    assert code == 0 and "Jangkauan 1500" in out, err
    meta = tmp_path / "meta.csv"
    meta.write_text("Permalink,Reach,Likes\nhttps://instagram.com/p/Q1/,1600,95\nhttps://instagram.com/p/ZZ/,1,1\n",
                    encoding="utf-8")
    code, out, err = run_cli("metrics", "import", meta, "--source", "meta", "--as", "Adi", "--read-at", "2026-11-22 09.00")
    assert code == 1 and "1 baris ditambahkan" in out and "baris 3:" in out
    code, out, err = run_cli("report", "--from", "2026-11-01", "--to", "2026-11-30", "--out", tmp_path / "lap.pdf")
    assert code == 0 and "halaman" in out, err
    code, out, err = run_cli("correction", aid, "--as", "Rina")
    assert code == 0 and "Ralat dimulai" in out, err


def test_cli_bad_input_exit_2(team, run_cli, tmp_path):
    code, _, err = run_cli("plan", "add", "--topic", "X", "--kind", "brosur", "--due", "2026-12-01", "--as", "Dewi")
    assert code == 2 and "Jenis konten 'brosur'" in err
    code, _, err = run_cli("plan", "export", "--format", "ics", "--out", tmp_path / "nope" / "x.ics")
    assert code == 2 and "tidak ada" in err
    code, _, err = run_cli("report", "--from", "2026-11-30", "--to", "2026-11-01", "--out", tmp_path / "x.pdf")
    assert code == 2 and "lebih awal" in err
    code, _, err = run_cli("pack", "import", tmp_path / "x.asripack")
    assert code == 2 and "--as" in err
    code, _, err = run_cli("survey", "answer", "1", "--answer", "satu", "--as", "Dewi")
    assert code == 2 and "NOMOR=JAWABAN" in err


def test_cli_hoax_comment_consent_survey_pack(team, run_cli, tmp_path):
    code, out, err = run_cli("hoax", "add", "--text", "Tanggul jebol", "--channel", "WhatsApp",
                             "--at", "2026-11-05 07.00", "--as", "Adi")
    assert code == 0, err
    code, out, err = run_cli("hoax", "verify", "1", "--with", "bpbd", "--outcome", "hoaks", "--verdict", "Tanggul aman",
                             "--as", "Sari")
    assert code == 0 and "diverifikasi dengan BPBD Kab. Bangka" in out, err
    code, out, err = run_cli("hoax", "clarify", "1", "--as", "Rina")
    assert code == 0 and "Hoaks vs Fakta" in out, err
    code, out, err = run_cli("consent", "add", "--person", "Bu Siti", "--contact", "0812", "--use", "foto posko",
                             "--date", "2026-11-19", "--as", "Rina")
    assert code == 0, err
    code, out, err = run_cli("survey", "create", "--kind", "satisfaction", "--title", "Survei Q4", "--as", "Dewi")
    assert code == 0 and "1. Informasi dari akun BPBD mudah dipahami" in out, err
    code, out, err = run_cli("survey", "answer", "1", "--answer", "1=5", "--answer", "2=4", "--as", "Dewi")
    assert code == 0, err
    code, out, err = run_cli("survey", "results", "1")
    assert code == 0 and "puas 100,0%" in out, err
    code, out, err = run_cli("pack", "export", tmp_path / "p.asripack")
    assert code == 0 and "Kontak darurat 7" in out, err
    code, out, err = run_cli("pack", "import", tmp_path / "p.asripack", "--dry-run")
    assert code == 0 and "Pratinjau: 0 baru" in out, err
