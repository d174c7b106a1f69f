"""How values and targets are written for people: "61.2%", "4.5 days", "92.0% or more"."""

from decimal import Decimal
from typing import Literal, Protocol

from measures.models import COUNT_UNITS
from measures.status import at_precision

# The year-to-date rule of a measure whose figure is already its year (measures/year.py).
LATEST = "latest"

# What a template hands a filter for a variable it cannot resolve.
Unresolved = Literal[""]


class MeasureUnit(Protocol):
    """What writing a value needs of its measure: a Measure has it."""

    @property
    def unit(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def is_percentage(self) -> bool: ...
    @property
    def direction(self) -> str: ...


class TargetLevels(Protocol):
    """A target as it is written out: a Target, or a selectors.TargetRow."""

    @property
    def value(self) -> Decimal: ...
    @property
    def upper_value(self) -> Decimal | None: ...
    @property
    def tolerance(self) -> Decimal | None: ...
    @property
    def action_trigger(self) -> Decimal | None: ...


class StoredValue(Protocol):
    """A value as it is written out: an Observation, or one of its history rows."""

    @property
    def value(self) -> Decimal: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...


# Words that start with a vowel letter but a consonant sound, and the reverse.
_SAYS_A = ("uni", "use", "usu", "eu", "one", "once")
_SAYS_AN = ("hour", "honest", "honour", "heir")


def with_article(phrase: str) -> str:
    """The phrase after "a" or "an", as it is said: "an opportunity", "an annual
    measure", "a threat", "a unit-level target"."""
    first = phrase.strip().lower()
    vowel_sound = first[:1] in "aeiou" and not first.startswith(_SAYS_A)
    return f"{'an' if vowel_sound or first.startswith(_SAYS_AN) else 'a'} {phrase}"


def plain_number(number: Decimal | Unresolved | None) -> str:
    """A stored Decimal as a person writes it: 3,865.9, not 3865.900000."""
    if number is None or isinstance(number, str):
        return "–"
    return format(number.normalize(), ",f")


def in_units(value: Decimal | Unresolved | None, measure: MeasureUnit) -> str:
    """A value in its measure's unit and decimals: "61.2%", "4.5 days", "£1,234", "1,234 £000"."""
    if value is None or isinstance(value, str):
        return "–"
    return with_unit(f"{shown(value, measure.decimals):,.{measure.decimals}f}", measure)


def shown(value: Decimal | float, decimals: int) -> Decimal:
    """A value as written to `decimals` places: rounded as its status is judged (at_precision)."""
    return at_precision(Decimal(str(value)) if isinstance(value, float) else value, decimals)


def with_unit(number: str, measure: MeasureUnit) -> str:
    """A number already written out, with its measure's unit: "61.2%", "£1,234", "4.5 days"."""
    if measure.is_percentage:
        return f"{number}%"
    if measure.unit == "£":
        return f"£{number}"
    # "count" or "number" says only that it is a count, which the figure shows:
    # "8", not "8 count". Any other unit reads after it: "3 infections".
    if measure.unit.strip().lower() in COUNT_UNITS:
        return number
    return f"{number} {measure.unit}".strip()


# Which way a value misses its target, by the measure's direction: a
# lower-is-better value within tolerance is over its target, not short of it.
TOWARDS_FAILING = {"higher": "short", "lower": "over", "range": "outside the range"}


def target_text(target: TargetLevels | None, measure: MeasureUnit) -> str:
    """The target in force in words, with its tolerance and action trigger."""
    if target is None:
        return "No target set"
    level = in_units(target.value, measure)
    if measure.direction == "higher":
        text = f"{level} or more"
    elif measure.direction == "lower":
        text = f"{level} or less"
    else:
        text = f"{level} to {in_units(target.upper_value or target.value, measure)}"
    if target.tolerance:
        missed = TOWARDS_FAILING[measure.direction]
        text += f"; within tolerance up to {in_units(target.tolerance, measure)} {missed}"
    if target.action_trigger is not None:
        text += f"; act past {in_units(target.action_trigger, measure)}"
    return text


def observation_text(
    observation: StoredValue, measure: MeasureUnit, *, exact: bool = False
) -> str:
    """A stored value in words, with its parts for a ratio: "3.88% (150 of 3,865.9)".

    Shown to the measure's decimals, or `exact`ly as stored (where a person must
    be able to type it back).
    """
    value = observation.value
    text = with_unit(plain_number(value), measure) if exact else in_units(value, measure)
    if observation.numerator is not None:
        parts = plain_number(observation.numerator), plain_number(observation.denominator)
        text += " ({} of {})".format(*parts)
    return text


class AnnualFigures(Protocol):
    """What a year's words need of its annual check (measures.year.AnnualCheck)."""

    @property
    def threshold(self) -> Decimal: ...
    @property
    def pace(self) -> Decimal: ...
    @property
    def breached(self) -> bool: ...
    @property
    def off_pace(self) -> bool: ...
    @property
    def word(self) -> str: ...
    @property
    def is_zero_tolerance(self) -> bool: ...


class YearMeasure(MeasureUnit, Protocol):
    @property
    def year_to_date(self) -> str: ...


class YearFigures(Protocol):
    """A measure's line (live or reported): its year to date and annual check."""

    @property
    def year_to_date(self) -> Decimal | None: ...
    @property
    def year_label(self) -> str: ...
    @property
    def annual(self) -> AnnualFigures | None: ...


def year_text(line: YearFigures, measure: YearMeasure, *, span: bool = False) -> str:
    """The year to date in words, against its annual threshold if it has one, or "".

    "Year to date 42; annual ceiling 60, above its pro-rata share (40 by now)" beside a
    month's value; with `span`, the year's months too: "42 (2026/27 to November
    2026) against an annual ceiling of 60: above its pro-rata share (40 by now)".
    """
    if line.year_to_date is None:
        return ""
    total = in_units(line.year_to_date, measure)
    check = line.annual
    if check is None and measure.year_to_date == LATEST and not span:
        # The value beside it is the year to date already.
        return f"The year to date, {line.year_label}"
    if check is None:
        return f"{total} ({line.year_label})" if span else f"Year to date {total}"
    if check.is_zero_tolerance:
        verdict = "an event this year breaches zero tolerance" if check.breached else "none"
        return f"{total} ({line.year_label}): {verdict}" if span else f"Year to date {total}"
    pace = in_units(check.pace, measure)
    if check.breached:
        verdict = "past it"
    elif check.off_pace:
        # Said as the risk it is: above a ceiling's share of the year so far is bad news.
        side = "above" if check.word == "ceiling" else "below"
        verdict = f"{side} its pro-rata share ({pace} by now)"
    else:
        verdict = f"within its pro-rata share ({pace} by now)"
    threshold = in_units(check.threshold, measure)
    if span:
        return (
            f"{total} ({line.year_label}) against an annual {check.word} of {threshold}: {verdict}"
        )
    return f"Year to date {total}; annual {check.word} {threshold}, {verdict}"
