"""The agency logo kept in the archive store (by its sha, as the first-start dialog saves it) reaches the stamp band."""

from __future__ import annotations

from PIL import Image

from asri_desktop.core.templates import load_template, render


def test_logo_stored_by_sha_is_drawn(archive, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (64, 64), (200, 30, 30, 255)).save(logo)
    sha, _ = archive.store.put_file(logo)
    agency = dict(archive.setting("agency"))
    agency["logo"] = sha
    archive.set_setting("agency", agency, "sistem")
    settings = archive.settings()
    assert settings["agency"]["logo_file"] == str(archive.store.path_of(sha))
    spec = load_template("poster")
    result = render(spec, spec.sample(), scale=0.25, settings=settings)
    codes = {f.code for f in result.findings}
    assert "image.unreadable" not in codes and "stamp.logo_placeholder" not in codes
    # The stored setting itself still holds the sha, not a path.
    assert archive.setting("agency")["logo"] == sha
