"""Words the rules share."""

import pytest

from scorecard.lib.words import visible_text


@pytest.mark.parametrize(
    ("typed", "visible"),
    [
        ("Recounted", "Recounted"),
        ("  Recounted\n", "Recounted"),
        ("\u200b\u2060", ""),
        ("\ufeff Two counted twice \u200b", "Two counted twice"),
        ("a\u200bb", "a\u200bb"),
        ("", ""),
    ],
)
def test_visible_text_takes_invisible_characters_off_the_ends(typed, visible):
    assert visible_text(typed) == visible
