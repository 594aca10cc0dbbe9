"""The mandatory elements: resolved from data and settings; each missing one is named; placeholders count."""

from __future__ import annotations

import pytest

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.templates import default_settings, export, load_template, missing_stamps
from asri_desktop.core.templates.stamps import resolve


def _names(findings):
    return sorted(f.extra["element"] for f in findings)


def test_complete_sample_has_no_missing_stamps(settings, sample):
    assert missing_stamps(sample("poster"), settings) == []


@pytest.mark.parametrize(
    ("key", "value", "element"),
    [
        ("title", "", "judul"),
        ("title", "   ", "judul"),
        ("title", "[Judul]", "judul"),
        ("source", None, "sumber data"),
        ("source", "", "sumber data"),
        ("source", {"name": "", "time": "2026-11-27T07:00:00+07:00"}, "sumber data"),
        ("location", None, "tag lokasi"),
        ("location", {"kecamatan": "", "desa": "Matras"}, "tag lokasi"),
        ("location", [], "tag lokasi"),
        ("contacts", [], "kontak darurat"),
    ],
)
def test_each_missing_element_is_named(settings, sample, key, value, element):
    data = sample("poster")
    if value is None:
        data.pop(key)
    else:
        data[key] = value
    found = missing_stamps(data, settings)
    assert _names(found) == [element]
    assert element in found[0].message and found[0].severity == "error"


def test_agency_phone_left_at_its_placeholder_counts_as_missing(sample):
    settings = default_settings()  # phone still 08xx-xxxx-xxxx
    found = missing_stamps(sample("poster"), settings)
    assert _names(found) == ["kontak darurat"]
    assert "08xx-xxxx-xxxx" in found[0].message and "BPBD" in found[0].message


def test_setting_the_agency_phone_fills_the_placeholder_contact(sample):
    settings = default_settings()
    settings["agency"]["phone"] = "0717-92123"
    st = resolve(sample("poster"), settings)
    assert ("BPBD Kab. Bangka", "0717-92123") in st.contacts
    assert missing_stamps(sample("poster"), settings) == []


def test_contacts_default_from_settings_and_accept_literals(settings, sample):
    data = sample("poster")
    data.pop("contacts")
    st = resolve(data, settings)
    assert [n for _, n in st.contacts] == ["112", "0717-92123"]
    data["contacts"] = [{"label": "Posko Desa", "number": "0812-7000-1122"}, "113"]
    assert resolve(data, settings).contacts == [("Posko Desa", "0812-7000-1122"), ("Pemadam Kebakaran", "113")]
    data["contacts"] = ["tidak-ada"]
    with pytest.raises(InputError, match="tidak-ada"):
        resolve(data, settings)


def test_all_missing_at_once_names_every_element(tmp_path, sample):
    data = {"title": "", "contacts": []}
    found = missing_stamps(data, default_settings())
    assert _names(found) == ["judul", "kontak darurat", "sumber data", "tag lokasi"]
    with pytest.raises(RefusedError) as exc:
        export(load_template("poster"), {**sample("poster"), **data, "source": "", "location": ""}, tmp_path / "out")
    assert exc.value.rule == "stamps"
    for name in ("judul", "sumber data", "kontak darurat", "tag lokasi"):
        assert name in str(exc.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_date_is_indonesian_and_defaults_to_today(settings, sample):
    from asri_desktop.core import dates

    data = sample("poster")
    assert resolve(data, settings).date_text == "Jumat, 27 November 2026"
    data.pop("date")
    assert resolve(data, settings).date_text == dates.format_date(dates.today())
    data["date"] = "27/11/2026"
    with pytest.raises(InputError, match="27/11/2026"):
        resolve(data, settings)


def test_source_id_resolves_with_its_data_time(settings, sample):
    st = resolve(sample("poster"), settings)
    assert st.source_text == "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang, data 26 November 2026, 07.00 WIB"
    assert st.source_short == "BMKG, data 26 November 2026, 07.00 WIB"


def test_location_with_desa_and_unknown_kecamatan(settings, sample):
    data = sample("poster")
    data["location"] = {"kecamatan": "Belinyu", "desa": "Romodong"}
    assert resolve(data, settings).location_text == "Kec. Belinyu, Desa Romodong"
    data["location"] = "Kec. Toboali"
    st = resolve(data, settings)
    assert st.location_text == "Kec. Toboali"
    assert any(f.code == "location.unknown" and f.severity == "warning" for f in st.findings)


def test_end_card_carries_the_stamps(settings, sample):
    import numpy as np

    from asri_desktop.core.templates import render_end_card

    card = render_end_card(sample("poster"), size=(540, 960), settings=settings)
    assert card.size == (540, 960) and card.mode == "RGB"
    arr = np.asarray(card)
    assert arr.std() > 20  # not a blank frame
    wide = render_end_card(sample("poster"), size=(1280, 720), settings=settings)
    assert wide.size == (1280, 720)
    same = render_end_card(sample("poster"), size=(540, 960), settings=settings)
    assert same.tobytes() == card.tobytes()


def test_warning_expects_bmkg_as_its_source(settings, sample):
    from asri_desktop.core.templates import render

    spec = load_template("peringatan-dini")
    data = sample("peringatan-dini")
    assert "source.authority" not in [f.code for f in render(spec, data, scale=0.1, settings=settings).findings]
    data["source"] = "bpbd"
    found = [f for f in render(spec, data, scale=0.1, settings=settings).findings if f.code == "source.authority"]
    assert found and found[0].severity == "warning" and "BMKG" in found[0].message
