"""Checking measures that share a population: do their figures agree, unit by unit?

Two codes declared as sharing a population (SharedPopulation) are read side by
side in every unit that reports either, for one period:

- a unit reporting one and not the other leaves its people out of one total
  above and not the other (trust RTT52 "of the waiting list" over 36,619
  while RTT18's waiting list is 41,099);
- for the same denominator, the two denominators should be equal;
- for a count of the first's numerator, the count should equal it.

`disagreement` is the rule for one unit, in words; the page lists the units
where it has something to say.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from measures.display import plain_number
from measures.models import Measure, Observation, SharedPopulation


@dataclass(frozen=True)
class UnitPair:
    """One unit's values of the two codes for a period; None where it has no such measure,
    `missing` where it has the measure and no value yet."""

    unit: Any  # an OrganisationUnit
    first: Observation | None
    second: Observation | None
    has_first: bool
    has_second: bool
    # Both of its measures are computed from the units below (a directorate, the trust).
    is_total: bool = False


def disagreement(pair: SharedPopulation, row: UnitPair) -> str:
    """Why the unit's figures of the pair disagree, in words, or "" when they agree."""
    first, second = pair.first_code, pair.second_code
    if row.has_first != row.has_second:
        has, lacks = (first, second) if row.has_first else (second, first)
        return (
            f"Reports {has} and not {lacks}: the totals above count its people in {has} "
            f"and leave them out of {lacks}."
        )
    if row.first is None or row.second is None:
        return ""  # a value not in yet is the completion page's business
    if pair.kind == SharedPopulation.Kind.SAME_DENOMINATOR:
        mine, theirs = row.first.denominator, row.second.denominator
        what = "denominators"
    else:
        mine, theirs = row.first.numerator, row.second.value
        what = f"{first}'s numerator and {second}'s count"
    if mine is None or theirs is None or _same(mine, theirs):
        return ""
    differ = f"The {what} differ: {plain_number(mine)} against {plain_number(theirs)}."
    if row.is_total:
        return f"{differ} Both are totals of the units below: the units listed below it say why."
    return differ


def _same(a: Decimal, b: Decimal) -> bool:
    return a.normalize() == b.normalize()


def unit_pairs(pair: SharedPopulation, period: date, units: QuerySet[Any, Any]) -> list[UnitPair]:
    """Each unit of `units` that has a live measure of either code, in tree order, with its
    values for `period`. Three queries, whatever the number of units."""
    measures = list(
        Measure.objects.live()
        .filter(code__in=[pair.first_code, pair.second_code], objective__scorecard__unit__in=units)
        .select_related("objective__scorecard__unit__parent")
    )
    values = {
        o.measure_id: o for o in Observation.objects.filter(measure__in=measures, period=period)
    }
    by_unit: dict[int, dict[str, Measure]] = {}
    unit_of = {}
    for measure in measures:
        unit = measure.objective.scorecard.unit
        unit_of[unit.pk] = unit
        by_unit.setdefault(unit.pk, {})[measure.code] = measure
    rows = []
    for unit in sorted(unit_of.values(), key=lambda unit: (unit.tree_id, unit.lft)):
        found = by_unit[unit.pk]
        first, second = found.get(pair.first_code), found.get(pair.second_code)
        rows.append(
            UnitPair(
                unit,
                values.get(first.pk) if first else None,
                values.get(second.pk) if second else None,
                has_first=first is not None,
                has_second=second is not None,
                is_total=bool(first and second and first.is_computed and second.is_computed),
            )
        )
    return rows
