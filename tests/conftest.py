"""Shared fixtures: Qt offscreen, a fresh archive home per test, small generated media."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# Property tests: no per-example deadline (a loaded 2-core machine is slow, not wrong); in CI the
# examples are derandomized so a run is reproducible, while developers' runs keep exploring.
hypothesis_settings.register_profile("asri", deadline=None)
hypothesis_settings.register_profile("asri-ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("asri-ci" if os.environ.get("CI") else "asri")


@pytest.fixture(autouse=True)
def fresh_home(tmp_path, monkeypatch):
    """Every test gets its own archive home; the user's real data is never touched."""
    home = tmp_path / "asri-home"
    monkeypatch.setenv("ASRI_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    yield home
    # An archive's own tables (replication pack) must not leak into the next test.
    from asri_desktop.core import resources

    resources.set_overlay(None)


@pytest.fixture
def archive(fresh_home):
    from asri_desktop.core.archive import Archive

    arch = Archive.open(fresh_home)
    yield arch
    arch.close()


@pytest.fixture
def team(archive):
    """A small team: one member per role (and Rina also coordinates)."""
    archive.add_member("Rina", ["desainer"])
    archive.add_member("Budi", ["editor"])
    archive.add_member("Sari", ["pengawas"])
    archive.add_member("Dewi", ["koordinator", "desainer"])
    archive.add_member("Adi", ["admin"])
    return archive


@pytest.fixture
def run_cli(capsys):
    """Run ``asri`` in-process; returns (exit code, stdout, stderr)."""
    from asri_desktop.cli import main

    def run(*argv: str):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
