"""Fixtures of the template tests: settings with the agency phone set, small generated pictures."""

from __future__ import annotations

import pytest


@pytest.fixture
def settings():
    """Bangka defaults with the BPBD phone filled in, so the samples are complete."""
    from asri_desktop.core.templates import default_settings

    s = default_settings()
    s["agency"]["phone"] = "0717-92123"
    return s


@pytest.fixture
def sample():
    """The sample data of a template by id (a fresh copy)."""
    from asri_desktop.core.templates import load_template

    return lambda tid: load_template(tid).sample()
