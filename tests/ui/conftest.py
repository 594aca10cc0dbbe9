"""UI test fixtures: isolated preferences, the app's fonts and style, a writer per test, small images."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def ui_prefs(tmp_path, monkeypatch):
    """QSettings go to a temporary .ini: the person's real preferences are never touched."""
    path = tmp_path / "ui-prefs.ini"
    monkeypatch.setenv("ASRI_UI_SETTINGS", str(path))
    return path


@pytest.fixture
def styled_app(qapp):
    from asri_desktop.ui.app import setup_application

    setup_application(qapp)
    return qapp


@pytest.fixture
def writer(archive, styled_app):
    from asri_desktop.ui import errors
    from asri_desktop.ui.writer import Writer

    w = Writer(archive.home)
    yield w
    w.close()
    for box in errors.open_boxes():
        box.close()


@pytest.fixture
def make_png(tmp_path):
    """Write a small poster-like PNG and return its path."""
    from PIL import Image, ImageDraw

    counter = {"n": 0}

    def make(colour: str = "#0e4c7a", size: tuple[int, int] = (216, 270), name: str | None = None) -> Path:
        counter["n"] += 1
        im = Image.new("RGB", size, colour)
        d = ImageDraw.Draw(im)
        d.rectangle([0, 0, size[0], 30], fill="#ffffff")
        d.text((10, 60), f"POSTER {counter['n']}", fill="#ffffff")
        p = tmp_path / (name or f"poster-{counter['n']}.png")
        im.save(p)
        return p

    return make


@pytest.fixture
def make_poster(tmp_path):
    """A 1080x1350 JPEG (Instagram 4:5), the size the automated image checks accept."""
    from PIL import Image, ImageDraw

    counter = {"n": 0}

    def make(colour: str = "#0e4c7a") -> Path:
        counter["n"] += 1
        im = Image.new("RGB", (1080, 1350), colour)
        ImageDraw.Draw(im).rectangle([0, 0, 1080, 120], fill="#ffffff")
        p = tmp_path / f"poster-{counter['n']}.jpg"
        im.save(p, "JPEG", quality=80)
        return p

    return make


@pytest.fixture
def wait_writer(qtbot):
    """Wait until a writer has finished everything queued."""

    def wait(w, timeout: int = 10000) -> None:
        qtbot.waitUntil(lambda: not w.busy, timeout=timeout)

    return wait
