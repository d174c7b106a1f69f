"""Compare one measure (by its code) across units, as at a month.

The measures are read in one query and their values, targets and restarts
in a fixed number more (measures.lines.measure_lines), so the page reads the
same number of queries for 3 units and for 30.

Units report "the same" measure by giving it the same code; they may still
disagree on its unit of measure or which way is better. The comparison says
so, and ranks every unit the way most of them say is better.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from measures.lines import MeasureLine, measure_lines
from measures.ranking import RankedValue, rank
from measures.selectors import Coverage, coverage_of, live_measures
from scorecard.lib import periods


@dataclass
class Row:
    """One unit's line for the measure."""

    line: MeasureLine
    # A computed total's coverage of the units below, for its period (None for others).
    coverage: Coverage | None = None

    @property
    def measure(self):
        return self.line.measure

    @property
    def unit(self):
        return self.line.measure.objective.scorecard.unit

    @property
    def value(self):
        return self.line.observation.value if self.line.observation else None

    @property
    def status_label(self):
        return self.line.status.label

    @property
    def spc_words(self):
        """The variation and assurance in words, or why there are none."""
        line = self.line
        if not line.judgeable:
            return line.not_judged_short
        if line.assurance:
            assurance = line.assurance_label
        elif line.target:
            assurance = "no assurance for a range"
        else:
            assurance = "no target, so no assurance"
        return f"{line.variation_label}; {assurance}"

    @property
    def period_label(self):
        return periods.period_label(self.line.period, self.measure.frequency)

    @property
    def latest_label(self):
        latest = self.line.latest
        return periods.period_label(latest.period, self.measure.frequency) if latest else ""

    @property
    def entry(self):
        target = self.line.target
        return RankedValue(
            self,
            self.value,
            target.value if target else None,
            target.upper_value if target else None,
        )


@dataclass
class Comparison:
    code: str
    as_at: date
    ranked: list  # rows with a value for their period, best first
    missing: list  # rows with no value for their period

    @property
    def rows(self):
        return [*self.ranked, *self.missing]

    @property
    def measure(self):
        """The measure that speaks for the rest: the first of those with the majority direction."""
        return next(row.measure for row in self.rows if row.measure.direction == self.direction)

    @property
    def direction(self):
        return majority([row.measure.direction for row in self.rows])

    @property
    def mixed_units(self):
        """The units of measure in use, when there is more than one."""
        used = sorted({row.measure.unit or "no unit" for row in self.rows})
        return used if len(used) > 1 else []

    @property
    def mixed_directions(self):
        """[(direction label, how many units)] when the units disagree on which way is better."""
        counts = Counter(row.measure.get_direction_display() for row in self.rows)
        return counts.most_common() if len(counts) > 1 else []

    @property
    def has_ratio(self):
        return any(row.measure.is_ratio for row in self.rows)

    @property
    def judged(self):
        """Rows with values to chart, in the ranked order."""
        return [row for row in self.rows if row.line.spc is not None]


def majority(values):
    """The most common value; between equals, the one seen first."""
    return Counter(values).most_common(1)[0][0]


def compare(units, code, as_at, *, known_at=None):
    """The Comparison of measure `code` (any case) across `units`, or None if none has it."""
    measures = list(
        live_measures(units)
        .filter(code__iexact=code, objective__scorecard__unit__is_active=True)
        .order_by("objective__scorecard__unit__name", "pk")
    )
    if not measures:
        return None
    lines = measure_lines(measures, as_at, known_at=known_at)
    totals = [(m, lines[m.pk].period) for m in measures if m.is_computed]
    coverage = coverage_of(totals, known_at)
    rows = [Row(lines[m.pk], coverage.get(m.pk)) for m in measures]
    direction = majority([row.measure.direction for row in rows])
    ranked, missing = rank([row.entry for row in rows], direction)
    return Comparison(
        code=measures[0].code,
        as_at=as_at,
        ranked=[entry.key for entry in ranked],
        missing=[entry.key for entry in missing],
    )
