"""What a measure code means, so that one code is one measure across a trust.

No Django imports: plain values in, words out.

A code names the same measure in every unit that reports it (the help on
the code says so): the cascade rolls a code's values up the tree, compare
sets units side by side by code, and an import finds a measure by unit and
code. Two units defining one code differently (Surgery's AGENCY a ratio of
pay costs, Urology's a plain percentage typed in) would add a ratio to a
typed figure and compare them as if alike. So what makes the numbers
comparable must agree: the kind (how it rolls up, and for a ratio its
numerator, denominator and multiplier), the unit, and the polarity (which
way is better), with the two rules that change what a value may be
(exceeding 100%, zero tolerance). Titles, owners, decimals and the rest of
the sheet are each unit's own.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

RATIO = "ratio"
KINDS = {
    "sum": "a single value, summed up the tree",
    "mean": "a single value, averaged up the tree",
    "none": "a single value that does not roll up",
}
DIRECTIONS = {
    "higher": "higher is better",
    "lower": "lower is better",
    "range": "within a range",
}


@dataclass(frozen=True)
class Definition:
    """The parts of a measure that must agree wherever its code is used."""

    kind: str
    unit: str
    direction: str
    # A ratio's parts; empty for other kinds, whose multiplier means nothing.
    numerator: str = ""
    denominator: str = ""
    multiplier: Decimal | None = None
    may_exceed_100: bool = False
    zero_tolerance: bool = False
    # How its financial year to date is formed: a trust total adds the units'
    # years only if each unit forms its year the same way.
    year_to_date: str = "none"


RATIO_PARTS = {"numerator", "denominator", "multiplier"}
# How each part is named when two definitions differ in it.
PART_NAMES = {
    "kind": "kind",
    "unit": "unit",
    "direction": "polarity",
    "numerator": "numerator",
    "denominator": "denominator",
    "multiplier": "multiplier",
    "may_exceed_100": "whether it can exceed 100%",
    "zero_tolerance": "zero tolerance",
    "year_to_date": "year to date",
}


YEAR_TO_DATE_WORDS = {
    "sum": "the sum of the year's values",
    "ratio": "the year's numerators over its denominators",
    "latest": "the latest value",
}


def _same_text(text: str | None) -> str:
    # Spaces and case are how a person types, not what they mean.
    return " ".join(str(text or "").split()).casefold()


def definition(
    *,
    rollup: str,
    unit: str | None,
    direction: str,
    numerator_label: str = "",
    denominator_label: str = "",
    ratio_multiplier: Decimal | int | None = None,
    may_exceed_100: bool = False,
    zero_tolerance: bool = False,
    year_to_date: str = "none",
) -> Definition:
    """The Definition of a measure from its sheet's fields."""
    is_ratio = rollup == RATIO
    return Definition(
        kind=rollup,
        unit=" ".join(str(unit or "").split()),
        direction=direction,
        numerator=" ".join(numerator_label.split()) if is_ratio else "",
        denominator=" ".join(denominator_label.split()) if is_ratio else "",
        # None until the sheet gives one: Measure.clean() runs after the field's
        # own check has refused an empty multiplier.
        multiplier=(
            Decimal(ratio_multiplier).normalize()
            if is_ratio and ratio_multiplier is not None
            else None
        ),
        may_exceed_100=bool(may_exceed_100),
        zero_tolerance=bool(zero_tolerance),
        year_to_date=year_to_date,
    )


def differences(mine: Definition, theirs: Definition) -> list[str]:
    """The names of the parts in which two definitions differ, in a fixed order.

    A ratio's parts are named only when both are ratios: between a ratio and
    a single value the kind says it all.
    """
    found = []
    both_ratios = mine.kind == theirs.kind == RATIO
    for field in fields(Definition):
        if field.name in RATIO_PARTS and not both_ratios:
            continue
        a, b = getattr(mine, field.name), getattr(theirs, field.name)
        if isinstance(a, str) and isinstance(b, str):
            a, b = _same_text(a), _same_text(b)
        if a != b:
            found.append(PART_NAMES[field.name])
    return found


def describe(d: Definition) -> str:
    """A definition in words, as a manager would read it beside the code."""
    if d.kind == RATIO:
        numerator = d.numerator or "numerator"
        denominator = d.denominator or "denominator"
        kind = f"a ratio ({numerator} ÷ {denominator} × {d.multiplier:f})"
    else:
        kind = KINDS.get(d.kind, d.kind)
    unit = f"in “{d.unit}”" if d.unit else "with no unit"
    words = [kind, unit, DIRECTIONS.get(d.direction, d.direction)]
    if d.may_exceed_100:
        words.append("can exceed 100%")
    if d.zero_tolerance:
        words.append("zero tolerance")
    if d.year_to_date != "none":
        words.append(f"year to date: {YEAR_TO_DATE_WORDS.get(d.year_to_date, d.year_to_date)}")
    return ", ".join(words)


def clash_message(code: str, mine: Definition, theirs: Definition, where: str) -> str:
    """Why a code cannot be defined as `mine` when `where` defines it as `theirs`."""
    parts = differences(mine, theirs)
    differing = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    return (
        f"{code} is already a measure of {where}: {describe(theirs)}. One code is one measure "
        f"across the trust, and this one differs in its {differing}. Define it as {where} "
        "does, or choose another code."
    )
