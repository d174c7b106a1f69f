"""Property-based tests of the value rules (measures/values.py) and of recording them.

Whatever text or number a person or a spreadsheet can give, and whatever a
measure's rules are, reading it either refuses it with a message (EntryError,
or ValueError from parse_number) or gives the value as it will be stored; and
what is accepted is stored by recording.record() and read back equal. Nothing
else may raise.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from measures.models import Observation, RollUp
from measures.recording import Change, record
from measures.values import (
    LARGEST,
    PLACES,
    SIGNIFICANT_DIGITS,
    EntryError,
    ValueRules,
    parse_number,
    read_entry,
)
from tests.factories import make_measure, make_objective, make_scorecard

STEP = Decimal(1).scaleb(-PLACES)
APRIL = date(2026, 4, 1)

# Text shaped like a number (thousands commas, decimals, signs, a % sign,
# spaces), so the strategies reach past "not a number" as often as into it.
number_like = st.from_regex(r"\A ?[+-]?[0-9,]{0,16}(\.[0-9]{0,10})?( ?%)? ?\Z")
decimals = st.decimals(allow_nan=True, allow_infinity=True)
anything = st.one_of(
    st.text(),
    number_like,
    decimals,
    decimals.map(str),
    st.floats(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.sampled_from(["0.0000001", "0.0000005", "999999999999", "999999999999.9999999"]),
)
multipliers = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1_000_000), places=2)
rules = st.builds(
    ValueRules,
    is_ratio=st.booleans(),
    is_percentage=st.booleans(),
    may_exceed_100=st.booleans(),
    is_count=st.booleans(),
    multiplier=multipliers,
)


def outcome_of(read, *args, **kwargs):
    """What `read` gives, or the exception it refuses with (any other is raised)."""
    try:
        return read(*args, **kwargs)
    except ValueError as refusal:  # EntryError is a ValueError
        return refusal


def says_why(refusal):
    """Whether a refusal names fields the reader knows, each with a message in words."""
    if isinstance(refusal, EntryError):
        fields = set(refusal.errors)
        return (
            bool(fields)
            and fields <= {"value", "numerator", "denominator"}
            and all(refusal.errors.values())
        )
    return bool(str(refusal))


def is_stored_form(number):
    """A number as a value column keeps it: six places, 15 significant digits
    (what SQLite reads back), within the largest."""
    return (
        number is not None
        and number.is_finite()
        and abs(number) <= LARGEST
        and number == number.quantize(STEP)
        and len(number.normalize().as_tuple().digits) <= SIGNIFICANT_DIGITS
    )


def kept_within_rounding(kept, exact):
    """Whether `kept` is `exact` rounded to six places or 15 significant digits."""
    last_place = max(STEP, Decimal(1).scaleb(exact.adjusted() + 1 - SIGNIFICANT_DIGITS))
    return abs(kept - exact) <= last_place / 2


@given(text=anything, percent=st.booleans())
@example(text="1,5", percent=False)
@example(text="Infinity", percent=False)
@example(text=Decimal("1E+999999"), percent=False)
@settings(max_examples=500)
def test_parse_number_gives_a_number_that_fits_or_refuses_in_words(text, percent):
    number = outcome_of(parse_number, text, percent_sign_allowed=percent)
    if isinstance(number, ValueError):
        assert says_why(number)
        return
    assert number.is_finite()
    assert abs(number) <= LARGEST


@given(
    rules=rules,
    value=anything,
    numerator=anything,
    denominator=anything,
)
@example(
    rules=ValueRules(is_ratio=True, multiplier=Decimal(1000)),
    value="",
    numerator="999999999999",
    denominator="0.000001",
)
@example(rules=ValueRules(is_ratio=True), value="", numerator="0", denominator="0.0000001")
@settings(max_examples=500)
def test_read_entry_gives_a_storable_entry_that_obeys_the_rules_or_says_why(
    rules, value, numerator, denominator
):
    entry = outcome_of(
        read_entry, rules, value=value, numerator=numerator, denominator=denominator
    )
    if isinstance(entry, ValueError):
        assert isinstance(entry, EntryError)
        assert says_why(entry)
        return
    assert is_stored_form(entry.value)
    if rules.is_ratio:
        assert is_stored_form(entry.numerator)
        assert is_stored_form(entry.denominator)
        assert entry.numerator >= 0
        assert entry.denominator > 0
        exact = entry.numerator / entry.denominator * rules.multiplier
        assert kept_within_rounding(entry.value, exact)
        if rules.is_percentage and not rules.may_exceed_100:
            assert entry.numerator <= entry.denominator
    else:
        assert (entry.numerator, entry.denominator) == (None, None)
        if rules.is_percentage:
            assert entry.value >= 0
            assert rules.may_exceed_100 or entry.value <= 100
        if rules.is_count:
            assert entry.value >= 0
            assert entry.value == entry.value.to_integral_value()


@given(value=anything, numerator=anything, denominator=anything, rules=rules)
@settings(max_examples=200)
def test_an_accepted_entry_reads_back_as_itself(value, numerator, denominator, rules):
    """Reading the stored form again gives the same entry: storing changes nothing more."""
    entry = outcome_of(
        read_entry, rules, value=value, numerator=numerator, denominator=denominator
    )
    if isinstance(entry, ValueError):
        return
    again = read_entry(
        rules,
        value=entry.value,
        numerator="" if entry.numerator is None else entry.numerator,
        denominator="" if entry.denominator is None else entry.denominator,
    )
    assert again == entry


# --- recorded: stored and read back equal ---------------------------------------------


@pytest.fixture
def measures(units):
    """A measure of each kind in General Surgery, with a total of the ratio above it."""
    general = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    surgery = make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    make_measure(surgery, "RATE", rollup=RollUp.RATIO, is_computed=True)
    make_measure(surgery, "PLAIN", rollup=RollUp.SUM, is_computed=True)
    return [
        make_measure(general, "RATE", rollup=RollUp.RATIO),
        make_measure(general, "PCT", unit="%", rollup=RollUp.RATIO),
        make_measure(general, "PLAIN", rollup=RollUp.SUM),
        make_measure(general, "COUNT", unit="count"),
        make_measure(general, "SHARE", unit="%"),
        make_measure(general, "PLAN", unit="%", may_exceed_100=True),
    ]


@given(
    pick=st.integers(min_value=0, max_value=5),
    multiplier=multipliers,
    value=anything,
    numerator=anything,
    denominator=anything,
)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_what_is_accepted_is_recorded_and_read_back_equal(
    measures, pick, multiplier, value, numerator, denominator
):
    # Each example in a transaction of its own, rolled back: the next starts clean.
    with transaction.atomic():
        measure = measures[pick]
        measure.ratio_multiplier = multiplier
        measure.save()
        entry = outcome_of(
            read_entry,
            measure.value_rules,
            value=value,
            numerator=numerator,
            denominator=denominator,
        )
        if isinstance(entry, ValueError):
            assert isinstance(entry, EntryError)
            assert says_why(entry)
        else:
            outcome = record([Change(measure, APRIL, entry)], None)
            assert outcome.saved
            assert outcome.created == 1
            stored = Observation.objects.get(measure=measure)
            assert (stored.value, stored.numerator, stored.denominator) == (
                entry.value,
                entry.numerator,
                entry.denominator,
            )
        transaction.set_rollback(True)
