"""Property-based tests of periods: any text is refused in words, or is a period that round-trips.

The import reads a period cell (measures.imports.read_period) and checks it
against the measure's frequency (scorecard.lib.periods.check_period). Whatever
text Hypothesis writes, it is refused with a message, or it is the start of
a period of that frequency, no earlier than periods.EARLIEST and not in the
future, which each written form of it reads back as.
"""

from datetime import date
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from measures.imports import check_period, read_period
from measures.values import EntryError
from scorecard.lib import periods

TODAY = date(2026, 12, 4)
FREQUENCIES = st.sampled_from([periods.MONTHLY, periods.QUARTERLY, periods.ANNUAL])
# Text that looks like a period as often as not: the forms the import reads, and near misses.
PERIOD_TEXT = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"\A\s*[0-9]{1,5}-[0-9]{1,3}(-[0-9]{1,3})?\s*\Z"),
    st.from_regex(r"\A[0-9]{1,3}/[0-9]{1,3}/[0-9]{3,5}\Z"),
    st.dates().map(lambda day: f"{day:%Y-%m}"),
)
DAYS = st.dates(min_value=periods.EARLIEST, max_value=date(2200, 12, 31))


def written_forms(period):
    return [f"{period:%Y-%m}", period.isoformat(), f"{period:%d/%m/%Y}", period]


@settings(max_examples=500)
@given(text=PERIOD_TEXT, frequency=FREQUENCIES)
def test_any_text_is_refused_in_words_or_read_as_a_period_that_round_trips(text, frequency):
    measure = SimpleNamespace(frequency=frequency)
    try:
        period = read_period(text)
        check_period(period, measure, TODAY)
    except EntryError as refusal:
        period, message = None, refusal.errors["period"]
    if period is None:
        assert message.strip()
        return

    assert periods.is_period_start(period, frequency)
    assert periods.EARLIEST <= period <= periods.period_start(TODAY, frequency)
    assert all(read_period(form) == period for form in written_forms(period))


@given(day=DAYS, frequency=FREQUENCIES)
def test_every_day_lies_in_the_one_period_that_starts_at_its_period_start(day, frequency):
    start = periods.period_start(day, frequency)

    assert start <= day < periods.add_periods(start, frequency, 1)
    assert periods.is_period_start(start, frequency)
    assert periods.period_start(start, frequency) == start


@given(day=DAYS, frequency=FREQUENCIES, count=st.integers(min_value=-300, max_value=300))
def test_adding_periods_and_taking_them_away_comes_back(day, frequency, count):
    start = periods.period_start(day, frequency)

    there = periods.add_periods(start, frequency, count)

    assert periods.is_period_start(there, frequency)
    assert periods.add_periods(there, frequency, -count) == start


@given(day=DAYS, today=DAYS, frequency=FREQUENCIES)
def test_check_period_accepts_exactly_the_period_starts_up_to_today(day, today, frequency):
    accepted = periods.is_period_start(day, frequency) and day <= periods.period_start(
        today, frequency
    )
    try:
        periods.check_period(day, frequency, today)
        message = None
    except periods.PeriodError as refusal:
        message = str(refusal)

    assert (message is None) == accepted
    assert message is None or message.strip()
