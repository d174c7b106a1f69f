"""The demo's figures: 36 months per unit and measure, seeded and reproducible.

Where a ratio or sum measure is reported by a unit and by units below it, the
unit's numerator, denominator and value are the sums of its children's.
"""

import functools
import math
import random
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

from measures.models import RollUp
from scorecard.lib import periods
from scorecard.sample_data.demo.kpis import KPI, KPIS, TRUST_KPI_CODES
from scorecard.sample_data.demo.kpis.by_unit import (
    EVENTS,
    MISSING_LATEST,
    PATTERNS,
    SAME_DENOMINATOR,
    STALE_DENOMINATOR,
    UNIT_GEN,
    UNREPORTED,
    Outlier,
    Shift,
    Trend,
)
from scorecard.sample_data.demo.units import (
    CHILDREN,
    COMMON_CODES,
    DIRECTORATE_CODES,
    SPECS,
    Kind,
)
from scorecard.sample_data.series import SIX_PLACES, period_list, poisson, rounded

MONTHS_OF_DATA = 36
SEED = "northshire-demo"

Point = namedtuple("Point", "value numerator denominator comment")


def level_of(unit_code):
    kind = SPECS[unit_code].kind
    if kind == Kind.TRUST:
        return "trust"
    if kind == Kind.DIRECTORATE:
        return "directorate"
    return "department"


@functools.cache
def unit_measure_codes(unit_code):
    """The measure codes a unit reports, in the order of KPIS."""
    level = level_of(unit_code)
    if level == "trust":
        wanted = set(TRUST_KPI_CODES)
    elif level == "directorate":
        wanted = set(DIRECTORATE_CODES)
        for child in CHILDREN[unit_code]:
            wanted |= {code for code in unit_measure_codes(child) if KPI[code].on_trust}
    else:
        wanted = set(COMMON_CODES) | set(SPECS[unit_code].codes)
    return tuple(kpi.code for kpi in KPIS if kpi.code in wanted)


@functools.cache
def subtree_staff(unit_code):
    return SPECS[unit_code].staff + sum(subtree_staff(child) for child in CHILDREN[unit_code])


def reporting_children(unit_code, code):
    """The child units whose figures add up to this unit's, for a measure that rolls up."""
    if KPI[code].rollup not in (RollUp.SUM, RollUp.RATIO):
        return []
    return [child for child in CHILDREN[unit_code] if code in unit_measure_codes(child)]


def ratio_value(numerator, denominator, multiplier):
    """value = numerator / denominator × multiplier, to the field's six places."""
    return (numerator / denominator * Decimal(multiplier)).quantize(
        SIX_PLACES, rounding=ROUND_HALF_UP
    )


def series(unit_code, code, today, cache=None):
    """{period: Point} for one unit and measure; parents add up their children."""
    cache = {} if cache is None else cache
    key = (unit_code, code, today)
    if key in cache:
        return cache[key]
    kpi = KPI[code]
    plist = period_list(today, kpi.frequency, MONTHS_OF_DATA)
    children = reporting_children(unit_code, code)
    if children:
        # Where a unit below did not report, the total is of those that did.
        partial = {
            period
            for child in children
            for period in plist[len(plist) - UNREPORTED.get((child, code), 0) :]
        }
        result = _sum_children(
            kpi, plist, [series(c, code, today, cache) for c in children], partial
        )
    else:
        result = _leaf_series(unit_code, kpi, plist)
        shared = SAME_DENOMINATOR.get(code)
        if shared and shared in unit_measure_codes(unit_code):
            result = _on_denominators(
                result, series(unit_code, shared, today, cache), kpi, (unit_code, code)
            )
        if code in MISSING_LATEST:
            result.pop(plist[-1], None)
        for period in plist[len(plist) - UNREPORTED.get((unit_code, code), 0) :]:
            result.pop(period, None)
    cache[key] = result
    return result


def _sum_children(kpi, plist, child_series, partial=frozenset()):
    result = {}
    for period in plist:
        points = [s.get(period) for s in child_series]
        if period in partial:
            points = [point for point in points if point is not None]
        if not points or any(point is None for point in points):
            # A parent's figure is complete only when every child has reported,
            # but in the `partial` periods of a unit that did not report.
            continue
        if kpi.rollup == RollUp.RATIO:
            numerator = sum(point.numerator for point in points)
            denominator = sum(point.denominator for point in points)
            value = ratio_value(numerator, denominator, kpi.multiplier)
            result[period] = Point(value, numerator, denominator, "")
        else:
            value = sum(point.value for point in points)
            result[period] = Point(value.quantize(SIX_PLACES), None, None, "")
    return result


def _season(amplitude, period):
    """Highest in January, lowest in July."""
    return amplitude * math.cos(2 * math.pi * (period.month - 1) / 12)


def _leaf_series(unit_code, kpi, plist):
    gen = {**kpi.gen, **UNIT_GEN.get((unit_code, kpi.code), {})}
    rng = random.Random(f"{SEED}|{unit_code}|{kpi.code}")
    pattern = PATTERNS.get((unit_code, kpi.code))
    events = EVENTS.get((unit_code, kpi.code), {})
    count = len(plist)
    result = {}
    running_total = 0.0
    for index, period in enumerate(plist):
        back = count - 1 - index
        shift, comment = gen.get("trend", 0) * index, ""
        if isinstance(pattern, Trend):
            shift += pattern.slope * index
        elif isinstance(pattern, Shift) and back <= pattern.back:
            shift += pattern.delta
            comment = pattern.comment if back == pattern.back else ""
        outlier = 0
        if isinstance(pattern, Outlier) and back == pattern.back:
            outlier, comment = pattern.delta, pattern.comment
        shift += _season(gen.get("season", 0), period)
        model = gen["model"]
        if model == "ratio":
            result[period] = _ratio_point(kpi, gen, unit_code, rng, shift, outlier, comment)
        elif model == "count":
            events_now, event_comment = events.get(back, (0, ""))
            value = poisson(rng, gen["mean"] + shift) + outlier + events_now
            result[period] = Point(
                Decimal(value).quantize(SIX_PLACES), None, None, comment or event_comment
            )
        elif model == "ytd":
            if period.month == periods.FINANCIAL_YEAR_START_MONTH:
                running_total = 0.0
            running_total = round(running_total + rng.gauss(gen["mean"], gen["sd"]), 1)
            result[period] = Point(rounded(running_total, 1), None, None, comment)
        elif model == "amount":
            value = rng.gauss(gen["mean"] + shift, gen["sd"])
            result[period] = Point(rounded(value, 0), None, None, comment)
        else:  # "level": a score that does not roll up
            value = rng.gauss(gen["mean"] + shift, gen["sd"])
            result[period] = Point(rounded(value, 2), None, None, comment)
    return result


def _on_denominators(points, other, kpi, key):
    """`points` moved onto `other`'s denominators, each keeping its own rate: a share of
    the same waiting list. A stale unit's latest point keeps the month before's."""
    moved = {}
    in_order = sorted(points)
    for index, period in enumerate(in_order):
        point = points[period]
        source = period
        if key in STALE_DENOMINATOR and index == len(in_order) - 1 and index > 0:
            source = in_order[index - 1]
        denominator = other[source].denominator
        numerator = min(denominator, rounded(point.numerator * denominator / point.denominator, 0))
        value = ratio_value(numerator, denominator, kpi.multiplier)
        moved[period] = Point(value, numerator, denominator, point.comment)
    return moved


def _ratio_point(kpi, gen, unit_code, rng, shift, outlier, comment):
    multiplier = kpi.multiplier
    # Activity has its own size; workforce and money measures scale with staff.
    base = gen["den"] if "den" in gen else gen["den_fte"] * subtree_staff(unit_code) / 100
    den_dp = gen.get("den_dp", 0)
    denominator = max(1, round(base * (1 + rng.gauss(0, gen.get("den_cv", 0.04))), den_dp))
    rate = gen["p"] + shift + rng.gauss(0, gen.get("sd", 0))
    capped = gen.get("cap", True) and multiplier == 100
    rate = max(gen.get("lo", 0), min(rate, gen.get("hi", 100 if capped else math.inf)))
    expected = denominator * rate / multiplier
    num_dp = gen.get("num_dp", 0)
    if gen.get("counts") == "poisson":
        numerator = poisson(rng, expected)
    elif num_dp == 0 and denominator < 200:
        # Small numbers: each case is a yes or no, so draw them one by one.
        numerator = sum(rng.random() < rate / multiplier for _ in range(int(denominator)))
    else:
        numerator = round(expected, num_dp)
    numerator += outlier
    if capped:
        numerator = min(numerator, denominator)
    numerator = rounded(numerator, num_dp)
    denominator = rounded(denominator, den_dp)
    return Point(ratio_value(numerator, denominator, multiplier), numerator, denominator, comment)
