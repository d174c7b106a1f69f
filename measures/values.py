"""Reading a value as a person types it, for the entry form and the import alike.

No Django imports: text in, Decimals out, or an EntryError that names the
field at fault and says why in words.

What is accepted, and why:
- Spaces around a number are ignored, and so are thousands separators when
  they are unambiguous: "1,234" and "12,345.6" are read as 1234 and 12345.6.
  A comma that is not a thousands separator ("1,5") is refused, because it
  could be a decimal comma and guessing would store a value 1,000 times out.
- A trailing "%" is accepted on a percentage measure ("95%" is 95) and refused
  on any other, where it would mean the value is in the wrong unit.
- A percentage lies between 0 and 100 (or is at least 0, for a measure that
  can exceed 100%, such as savings against plan); a count is a whole number,
  never negative; a ratio's parts are never negative, its denominator is
  above zero, and for a percentage that cannot exceed 100% the numerator
  cannot exceed the denominator.
- Every rule is applied to the number as the database will keep it, to six
  decimal places: a denominator of 0.0000001 is 0 once stored, so it is
  refused here rather than by the database after the page has been checked.
- A number worked out from typed ones (a ratio's value) is bounded like a
  typed one: what no column can hold is refused, never written.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Digits with optional thousands groups of exactly three, then optional decimals.
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")
# The largest magnitude the database column holds (18 digits, 6 after the point).
LARGEST = Decimal("999999999999")
PLACES = 6
STEP = Decimal(1).scaleb(-PLACES)
# SQLite keeps a decimal as a binary float, which Django reads back to 15
# significant digits; PostgreSQL keeps all 18. A value is kept to 15 on both,
# so what is saved reads back the same wherever it is stored.
SIGNIFICANT_DIGITS = 15


class EntryError(ValueError):
    """Typed values that cannot be stored: a message per field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class ValueRules:
    """What a measure's values may be; built by Measure.value_rules."""

    is_ratio: bool = False
    is_percentage: bool = False
    # A percentage of a plan or a capacity, which may pass 100.
    may_exceed_100: bool = False
    is_count: bool = False
    multiplier: Decimal = Decimal(100)


@dataclass(frozen=True)
class MeasuredValue:
    """A value as it is stored: for a ratio measure, with its numerator and denominator."""

    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def is_blank(text: object) -> bool:
    return text is None or str(text).strip() == ""


def parse_number(
    text: object,
    *,
    percent_sign_allowed: bool = False,
    percent_refusal: str = "this box takes no %",
) -> Decimal:
    """The Decimal a person meant by `text`, or ValueError with the reason in words."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        # Spreadsheet cells arrive as numbers already; str() of a float is its
        # shortest exact form, so 0.1 stays 0.1.
        return _in_range(Decimal(str(text)))
    cleaned = str(text).strip().replace("\u00a0", "")
    if cleaned.endswith("%"):
        if not percent_sign_allowed:
            raise ValueError(
                f"“{cleaned}” has a % sign, but {percent_refusal}: type the number only."
            )
        cleaned = cleaned[:-1].strip()
    if not NUMBER.match(cleaned):
        if re.match(r"^[+-]?\d+,\d{1,2}$", cleaned):
            raise ValueError(
                f"“{cleaned}” is ambiguous: use a point for decimals (1.5), "
                "and commas only between thousands (1,234)."
            )
        raise ValueError(f"“{cleaned}” is not a number.")
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern guards this
        raise ValueError(f"“{cleaned}” is not a number.") from error
    return _in_range(number)


def _in_range(number: Decimal) -> Decimal:
    if not number.is_finite():
        raise ValueError("That is not a number.")
    if not fits(number):
        raise ValueError("That number is too large to store.")
    return number


def fits(number: Decimal) -> bool:
    """Whether `number` fits the columns values are kept in (18 digits, 6 after the point)."""
    return abs(number) <= LARGEST


def as_stored(number: Decimal) -> Decimal:
    """`number` as the database keeps it: to six decimal places and 15
    significant digits, and never "-0".

    Rounded as the database rounds (half to even), so every rule judges the
    value that will be read back. `number` must fit (see fits()).
    """
    stored = number.quantize(STEP)
    # Digits from the first significant one to the sixth place.
    excess = stored.adjusted() + 1 + PLACES - SIGNIFICANT_DIGITS
    if excess > 0:
        # 123456789012.345678 is kept as 123456789012.346.
        stored = stored.quantize(STEP.scaleb(excess)).quantize(STEP)
    return stored.copy_abs() if stored.is_zero() else stored


def ratio_value(numerator: Decimal, denominator: Decimal, multiplier: Decimal) -> Decimal:
    """The value of a ratio measure, to the six places a value is stored to.

    Raises ValueError when it is too large to store: a tiny denominator or a
    large multiplier can make one from parts that each fit.
    """
    value = numerator / denominator * multiplier
    if not fits(value):
        raise ValueError(
            f"{numerator.normalize():f} ÷ {denominator.normalize():f} × "
            f"{multiplier.normalize():f} is too large to store (more than {LARGEST:,})"
        )
    return as_stored(value)


def read_entry(
    rules: ValueRules, *, value: object = "", numerator: object = "", denominator: object = ""
) -> MeasuredValue:
    """The MeasuredValue typed for one measure and period, or EntryError naming each bad field.

    A ratio measure takes its numerator and denominator and computes the value;
    any other takes the value itself.
    """
    if rules.is_ratio:
        return _read_ratio(rules, numerator, denominator)
    if is_blank(value):
        raise EntryError({"value": "Enter a value."})
    try:
        number = parse_number(
            value,
            percent_sign_allowed=rules.is_percentage,
            percent_refusal="this measure is not a percentage",
        )
    except ValueError as error:
        raise EntryError({"value": str(error)}) from error
    number = as_stored(number)
    problem = _value_problem(rules, number)
    if problem:
        raise EntryError({"value": problem})
    return MeasuredValue(number)


def value_problem(rules: ValueRules, number: Decimal) -> str | None:
    """Why `number` cannot be a value of a measure with these rules, or None.

    A target, a range's bounds and an action trigger are values the measure
    is to reach or pass, so they obey the limits its values do: a target of
    180 on a percentage that cannot exceed 100 could never be met, and a
    trigger of 2.5 on a count could never be crossed exactly.
    """
    return _value_problem(rules, number)


def _value_problem(rules: ValueRules, number: Decimal) -> str | None:
    if rules.is_percentage and rules.may_exceed_100 and number < 0:
        return f"A percentage cannot be below 0; {number.normalize():f} is."
    if rules.is_percentage and not rules.may_exceed_100 and not 0 <= number <= 100:
        return f"A percentage is between 0 and 100; {number.normalize():f} is not."
    if rules.is_count and number < 0:
        return "A count cannot be negative."
    if rules.is_count and number != number.to_integral_value():
        return "A count is a whole number."
    return None


def _read_ratio(rules: ValueRules, numerator: object, denominator: object) -> MeasuredValue:
    errors: dict[str, str] = {}
    parts: dict[str, Decimal] = {}
    for field, text, label in (
        ("numerator", numerator, "numerator"),
        ("denominator", denominator, "denominator"),
    ):
        if is_blank(text):
            errors[field] = f"Enter the {label}."
            continue
        try:
            typed = parse_number(text, percent_refusal=f"the {label} takes no %")
        except ValueError as error:
            errors[field] = str(error)
            continue
        parts[field] = as_stored(typed)
        if parts[field] < 0:
            errors[field] = f"The {label} cannot be negative."
        elif field == "denominator" and parts[field] == 0:
            errors[field] = (
                "The denominator cannot be zero."
                if typed == 0
                else f"{typed.normalize():f} is 0 to the {PLACES} decimal places a value is "
                "kept to: the denominator must be above zero."
            )
    if errors:
        raise EntryError(errors)
    top, bottom = parts["numerator"], parts["denominator"]
    if rules.is_percentage and not rules.may_exceed_100 and top > bottom:
        raise EntryError(
            {
                "numerator": f"The numerator ({top.normalize():f}) cannot be greater than "
                f"the denominator ({bottom.normalize():f}) for a percentage."
            }
        )
    try:
        value = ratio_value(top, bottom, rules.multiplier)
    except ValueError as error:
        # Beside the denominator: a tiny one is the usual cause.
        raise EntryError(
            {"denominator": f"{error}: check the numerator and denominator."}
        ) from error
    return MeasuredValue(value, top, bottom)
