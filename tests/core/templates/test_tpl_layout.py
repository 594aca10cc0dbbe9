"""Text layout: word wrapping, autofit, honest overflow."""

from __future__ import annotations

import time

from asri_desktop.core import resources
from asri_desktop.core.templates import layout

FONT = resources.font("PlusJakartaSans-Regular.ttf")


def test_wrap_breaks_at_word_boundaries_only():
    text = "Pindahkan dokumen dan barang berharga ke tempat yang tinggi"
    lines = layout.wrap(text, FONT, 30, 300)
    assert len(lines) > 1
    assert " ".join(lines) == text  # no word was cut
    assert all(layout.text_width(FONT, 30, line) <= 300 for line in lines)


def test_wrap_keeps_paragraphs_and_breaks_a_word_wider_than_the_box():
    lines = layout.wrap("Satu\nDua", FONT, 30, 500)
    assert lines == ["Satu", "Dua"]
    long = "Ko" * 40
    pieces = layout.wrap(long, FONT, 30, 200)
    assert "".join(pieces) == long and len(pieces) > 1


def test_autofit_picks_the_largest_size_that_fits():
    short = layout.fit("Siaga", FONT, 800, 200, 20, 90, max_lines=2)
    assert short.size == 90 and not short.overflow
    long = layout.fit("Waspada banjir rob di pesisir Sungailiat dan Belinyu pekan ini", FONT, 600, 200, 20, 90,
                      max_lines=3)
    assert 20 <= long.size < 90 and not long.overflow
    # one size larger would not fit
    bigger = layout.wrap(long.text if hasattr(long, "text") else
                         "Waspada banjir rob di pesisir Sungailiat dan Belinyu pekan ini", FONT, long.size + 1, 600)
    assert len(bigger) > 3 or len(bigger) * (long.size + 1) * 1.18 > 200


def test_overflow_is_reported_with_what_is_shown():
    text = "kata " * 200
    lay = layout.fit(text, FONT, 400, 100, 20, 40, max_lines=2)
    assert lay.overflow
    assert len(lay.lines) <= 2 and lay.lines[-1].endswith(layout.ELLIPSIS)
    assert 0 < lay.fitted_chars < len(text)


def test_ten_thousand_character_title_is_fast_and_overflows():
    text = "Banjir " * 1430
    start = time.perf_counter()
    lay = layout.fit(text, FONT, 900, 300, 40, 90, max_lines=4)
    assert time.perf_counter() - start < 1.0
    assert lay.overflow and len(lay.lines) <= 4
