"""Setting the agency's own phone and logo: the placeholder the stamps refuse goes away."""

from __future__ import annotations

import pytest
from PIL import Image

from asri_desktop.core.agency import set_agency, validate_phone
from asri_desktop.core.errors import InputError
from asri_desktop.core.templates import load_template, render


@pytest.mark.parametrize("bad", ["08xx-xxxx-xxxx", "abc", "12", "", "0717-9529x"])
def test_bad_phone_is_named(bad):
    with pytest.raises(InputError):
        validate_phone(bad, "08xx-xxxx-xxxx")


def test_phone_and_logo_clear_the_placeholder(archive, tmp_path):
    spec = load_template("poster")
    before = render(spec, spec.sample(), scale=0.25, settings=archive.settings())
    assert "stamp.missing" in {f.code for f in before.findings}
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (80, 80), (0, 90, 160, 255)).save(logo)
    set_agency(archive, "sistem", phone="0717 92345", logo=logo)
    bpbd = next(c for c in archive.setting("contacts") if c["id"] == "bpbd")
    assert bpbd["number"] == "0717 92345" and "placeholder" not in bpbd
    after = render(spec, spec.sample(), scale=0.25, settings=archive.settings())
    codes = {f.code for f in after.findings}
    assert "stamp.missing" not in codes and "stamp.logo_placeholder" not in codes
    assert [e["action"] for e in archive.log_entries()][-2:] == ["settings.change", "settings.change"]


def test_unreadable_logo_changes_nothing(archive, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    n = len(archive.log_entries())
    with pytest.raises(InputError, match="bukan gambar"):
        set_agency(archive, "sistem", phone="0717-92345", logo=bad)
    assert len(archive.log_entries()) == n
    assert archive.setting("agency")["phone"] == "08xx-xxxx-xxxx"


def test_cli_settings_agency(run_cli, tmp_path):
    assert run_cli("member", "add", "Adi", "--role", "admin")[0] == 0
    code, out, err = run_cli("settings", "agency", "--phone", "0717-92345", "--as", "Adi")
    assert code == 0, err
    code, out, _ = run_cli("settings", "show")
    assert "BPBD Kab. Bangka 0717-92345" in out and "(contoh)" not in out
    assert run_cli("settings", "agency", "--phone", "08xx-xxxx-xxxx", "--as", "Adi")[0] == 2
