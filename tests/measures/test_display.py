"""How values, targets and phrases are written for people (measures/display.py)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from measures.display import in_units, target_text, with_article


def measure(unit="", decimals=0, direction="higher"):
    return SimpleNamespace(
        unit=unit, decimals=decimals, direction=direction, is_percentage=unit.startswith("%")
    )


@pytest.mark.parametrize(
    ("unit", "written"),
    [("count", "8"), ("Number", "8"), ("infections", "8 infections"), ("", "8"), ("%", "8%")],
)
def test_a_count_reads_as_its_figure_and_other_units_follow_it(unit, written):
    assert in_units(Decimal("8"), measure(unit)) == written


@pytest.mark.parametrize(
    ("direction", "words"),
    [
        ("higher", "92.00% or more; within tolerance up to 0.50% short"),
        ("lower", "92.00% or less; within tolerance up to 0.50% over"),
        ("range", "92.00% to 95.00%; within tolerance up to 0.50% outside the range"),
    ],
)
def test_the_tolerance_says_which_way_the_value_misses(direction, words):
    target = SimpleNamespace(
        value=Decimal("92"),
        upper_value=Decimal("95"),
        tolerance=Decimal("0.5"),
        action_trigger=None,
    )

    assert target_text(target, measure("%", 2, direction)) == words


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("opportunity", "an opportunity"),
        ("annual", "an annual"),
        ("threat", "a threat"),
        ("strength", "a strength"),
        ("unit-level target", "a unit-level target"),
        ("hour", "an hour"),
        ("Element", "an Element"),
    ],
)
def test_a_phrase_takes_the_article_it_is_said_with(phrase, written):
    assert with_article(phrase) == written
