"""A synthetic trust of any size, for measuring the app at the size of a large trust.

`generate(Size(units, measures, months))` builds trust GEN{units}-{measures}-{months}:
about sqrt(units) directorates with the remaining departments spread evenly
under them, a published Kaplan & Norton scorecard at every unit with the same
measure codes in each, targets, and `months` of values ending with the last
complete month (a quarterly measure's `months // 3` quarters end with the last
complete quarter: sample_data.series.period_list, as in the demo).
Departments' values are drawn from a seeded random generator (noise, some
step shifts and trends, a few gaps and comments); directorate and
trust values are computed totals, worked out here with measures.rollup and
measures.recording's comment, so they are exactly what recording a
department's value would store above it.

Speed over ceremony, and said so: the tree is numbered here and inserted a
level at a time (organisations.services.create_tree, under the tree lock),
every other row is bulk-inserted, and no history rows are written: a
generated trust has no past to audit. Everything runs in one transaction.
"""

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from measures import rollup, year
from measures.models import (
    Direction,
    Measure,
    Observation,
    RollUp,
    Target,
)
from measures.recording import computed_comment
from measures.values import MeasuredValue, ratio_value
from organisations import services
from organisations.models import OrganisationUnit
from scorecard.lib import periods
from scorecard.models import (
    Framework,
    Objective,
    Scorecard,
)
from scorecard.sample_data import FRAMEWORK_NAME
from scorecard.sample_data.deletion import delete_generated
from scorecard.sample_data.series import period_list, poisson, rounded

CODE_LENGTH = OrganisationUnit._meta.get_field("code").max_length
# Rows per INSERT; Django lowers it further on SQLite to stay within its
# 999-variable limit.
BATCH = 2000
# Observations are built and inserted in chunks of this many, so memory holds
# plain entries for the whole trust but model instances only for one chunk.
CHUNK = 20_000
DEFAULT_SEED = 8
MEASURES_PER_OBJECTIVE = 3

GAP_CHANCE = 0.01
COMMENT_CHANCE = 0.02
SHIFT_CHANCE = 0.12
TREND_CHANCE = 0.12
ROUTINE_COMMENTS = (
    "Validated after the month end.",
    "Includes a late correction from the source system.",
    "Discussed at the performance review.",
    "Lower staffing this month.",
    "Seasonal pressure.",
)
SHIFT_COMMENTS = {
    True: "Improvement from the new pathway this month.",
    False: "Change in case mix from this month.",
}
ONE = Decimal(1)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Size:
    units: int
    measures: int
    months: int

    @property
    def code(self):
        return f"GEN{self.units}-{self.measures}-{self.months}"

    @property
    def directorates(self):
        # About sqrt(units), but each directorate with at least one department.
        return max(1, min(round(math.sqrt(self.units)), (self.units - 1) // 2))

    def problems(self):
        """Why this size cannot be generated, in words (empty when it can)."""
        found = []
        if self.units < 3:
            found.append("A trust needs at least 3 units: itself, a directorate, a department.")
        if self.measures < 1:
            found.append("Give each unit at least 1 measure.")
        if self.months < 1:
            found.append("Give at least 1 month of values.")
        longest = len(unit_code(self.code, "U", self.units, self.units))
        if longest > CODE_LENGTH:
            found.append(
                f"Unit codes such as {unit_code(self.code, 'U', self.units, self.units)} would "
                f"be longer than {CODE_LENGTH} characters; choose a smaller size."
            )
        return found


@dataclass(frozen=True)
class Kind:
    """A kind of measure: how it is defined, its target and how its values behave."""

    key: str
    title: str
    perspective: str
    unit: str
    direction: str
    rollup: str
    model: str  # "count", "ratio" or "amount"
    level: float  # a department's mean count, rate (%) or amount
    spread: float  # noise: rate points or amount; counts are Poisson
    target: float
    tolerance: float
    trigger: float
    decimals: int = 1
    denominator: float = 0  # a ratio's denominator in a department of size 1
    upper: float | None = None
    better_by: float = 0  # how far the target moves, for better, when it changes
    zero_tolerance: bool = False
    may_exceed_100: bool = False
    frequency: str = periods.MONTHLY


F, C, P, L = "Financial", "Customer", "Internal business processes", "Learning and growth"
H, LO, R = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.WITHIN_RANGE
SUM, MEAN, RATIO = RollUp.SUM, RollUp.MEAN, RollUp.RATIO

# In turn across the perspectives, so that even four measures cover all four.
KINDS = (
    Kind("SPD", "Pay spend", F, "£000", LO, SUM, "amount", 350, 15, 355, 10, 380, 0),
    Kind("ED4", "Seen within 4 hours", C, "%", H, RATIO, "ratio", 92, 2.5, 92, 2, 88,
         denominator=400, better_by=3),
    Kind("LOS", "Average length of stay", P, "days", LO, MEAN, "amount", 4.6, 0.35, 4.5,
         0.3, 5.2, better_by=0.2),
    Kind("SIC", "Sickness absence", L, "%", LO, RATIO, "ratio", 4.2, 0.6, 4.0, 0.4, 5.0,
         denominator=600),
    Kind("CIP", "Savings delivered against plan", F, "%", H, RATIO, "ratio", 92, 8, 100, 5,
         85, denominator=120, may_exceed_100=True),
    Kind("CMP", "Complaints received", C, "count", LO, SUM, "count", 4, 0, 4, 1, 7, 0),
    Kind("OCC", "Bed occupancy", P, "%", R, RATIO, "ratio", 89, 3, 85, 3, 97,
         denominator=900, upper=92, may_exceed_100=True),
    Kind("APR", "Appraisals completed", L, "%", H, RATIO, "ratio", 86, 4, 90, 5, 80,
         denominator=60, better_by=5),
    Kind("AGN", "Agency spend", F, "£000", LO, SUM, "amount", 40, 6, 42, 4, 50, 0),
    Kind("SAT", "Patient satisfaction score", C, "score", H, MEAN, "amount", 8.2, 0.3, 8.5,
         0.3, 7.8),
    Kind("NEV", "Never events", P, "count", LO, SUM, "count", 0.03, 0, 0, 0, 0, 0,
         zero_tolerance=True),
    Kind("ENG", "Staff engagement score", L, "score", H, MEAN, "amount", 7.0, 0.25, 7.2,
         0.2, 6.8, 2, frequency=periods.QUARTERLY),
)  # fmt: skip


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    title: str
    kind: Kind
    objective: int  # index into the unit's objectives
    target_changes: bool
    has_trigger: bool


@dataclass(frozen=True)
class ObjectiveSpec:
    code: str
    title: str
    perspective: str
    position: int


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: int | None  # index into the plan
    size: float  # a department's size; its counts, amounts to sum and denominators scale


@dataclass
class Generated:
    trust: OrganisationUnit
    created: bool
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0


def unit_code(trust_code, letter, number, largest):
    return f"{trust_code}-{letter}{number:0{len(str(largest))}d}"


def plan_units(size, seed=DEFAULT_SEED):
    """The units, trust first and each parent before its children."""
    code = size.code
    plan = [UnitSpec(code, f"Generated trust {code}", "trust", None, 0)]
    directorates = size.directorates
    departments = size.units - 1 - directorates
    for number in range(1, directorates + 1):
        plan.append(
            UnitSpec(
                unit_code(code, "D", number, directorates),
                f"Directorate {number:0{len(str(directorates))}d}",
                "directorate",
                0,
                0,
            )
        )
    for number in range(1, departments + 1):
        # Round-robin, so the directorates differ in size by one at most.
        parent = 1 + (number - 1) % directorates
        rng = random.Random(f"{seed}|{code}|U{number}")
        plan.append(
            UnitSpec(
                unit_code(code, "U", number, departments),
                f"Department {number:0{len(str(departments))}d}",
                "department",
                parent,
                round(min(2.5, max(0.4, rng.lognormvariate(0, 0.35))), 2),
            )
        )
    return plan


def plan_scorecard(measure_count):
    """The objectives and measures every unit's scorecard has (the same codes in each)."""
    kinds = [KINDS[i % len(KINDS)] for i in range(measure_count)]
    by_perspective = defaultdict(list)
    for index, kind in enumerate(kinds):
        by_perspective[kind.perspective].append(index)
    objectives, objective_of = [], {}
    for perspective in (F, C, P, L):
        indexes = by_perspective[perspective]
        for start in range(0, len(indexes), MEASURES_PER_OBJECTIVE):
            number = start // MEASURES_PER_OBJECTIVE + 1
            for index in indexes[start : start + MEASURES_PER_OBJECTIVE]:
                objective_of[index] = len(objectives)
            objectives.append(
                ObjectiveSpec(
                    f"{perspective[0]}{number}",
                    f"{perspective} objective {number}",
                    perspective,
                    number,
                )
            )
    measures, seen = [], defaultdict(int)
    for index, kind in enumerate(kinds):
        seen[kind.key] += 1
        repeat = seen[kind.key]
        measures.append(
            MeasureSpec(
                code=f"{kind.key}-{repeat}",
                title=kind.title if repeat == 1 else f"{kind.title} ({repeat})",
                kind=kind,
                objective=objective_of[index],
                target_changes=bool(kind.better_by) and index % 3 == 1,
                has_trigger=index % 6 != 5 or kind.zero_tolerance,
            )
        )
    return objectives, measures


def find(size):
    return OrganisationUnit.objects.filter(code=size.code, parent=None).first()


def generate(size, *, seed=DEFAULT_SEED, replace=False, today=None):
    """Build the generated trust of `size`, or find it already there (then change nothing)."""
    problems = size.problems()
    if problems:
        raise ValueError(" ".join(problems))
    started = time.monotonic()
    today = today or timezone.localdate()
    with transaction.atomic():
        existing = find(size)
        if existing and not replace:
            return Generated(existing, created=False)
        if existing:
            delete_generated(existing)
        builder = _Builder(size, seed, today)
        builder.build()
    # Fresh statistics for the planner: after a bulk load of this size its
    # guesses are off by a hundredfold and the cascade's plan with them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Generated(
        builder.trust, created=True, counts=builder.counts, seconds=time.monotonic() - started
    )


class _Builder:
    def __init__(self, size, seed, today):
        self.size = size
        self.seed = seed
        self.today = today
        self.now = timezone.now()
        self.entered_at = {}  # (period, frequency) -> when its department values were typed
        self.plan = plan_units(size, seed)
        self.objective_plan, self.measure_plan = plan_scorecard(size.measures)
        self.counts = {}
        framework = Framework.objects.get(name=FRAMEWORK_NAME)
        self.framework = framework
        self.perspectives = {p.name: p for p in framework.perspectives.all()}
        self.children = defaultdict(list)
        for index, spec in enumerate(self.plan):
            if spec.parent is not None:
                self.children[spec.parent].append(index)
        # Sizes of whole subtrees: a total's sum target is its departments' together.
        self.scale = [spec.size for spec in self.plan]
        for index in reversed(range(len(self.plan))):
            parent = self.plan[index].parent
            if parent is not None:
                self.scale[parent] += self.scale[index]
        self.periods = {
            frequency: period_list(today, frequency, size.months)
            for frequency in {
                periods.MONTHLY,
                *(spec.kind.frequency for spec in self.measure_plan),
            }
        }

    def build(self):
        self.units = self._units()
        self.trust = self.units[0]
        scorecards = self._scorecards()
        objectives = self._objectives(scorecards)
        measures = self._measures(objectives)
        self._targets(measures)
        self._observations(measures)

    def _units(self):
        units = []
        for spec in self.plan:
            units.append(
                OrganisationUnit(
                    name=spec.name,
                    code=spec.code,
                    slug=spec.code.lower(),
                    kind=spec.kind,
                    parent=None if spec.parent is None else units[spec.parent],
                )
            )
        services.create_tree(units)
        self.counts["units"] = len(units)
        return units

    def _scorecards(self):
        scorecards = [
            Scorecard(
                unit=unit,
                framework=self.framework,
                status=Scorecard.Status.ACTIVE,
                mission=f"A generated scorecard for {unit.name}, for testing at scale.",
                published_at=self.now,
            )
            for unit in self.units
        ]
        Scorecard.objects.bulk_create(scorecards, batch_size=BATCH)
        self.counts["scorecards"] = len(scorecards)
        return scorecards

    def _objectives(self, scorecards):
        """Each unit's objectives, each contributing to the same objective of the parent."""
        objectives = [None] * len(self.plan)
        for depth in self._levels():
            rows = []
            for index in depth:
                parent = self.plan[index].parent
                objectives[index] = [
                    Objective(
                        scorecard=scorecards[index],
                        perspective=self.perspectives[spec.perspective],
                        code=spec.code,
                        title=spec.title,
                        position=spec.position,
                        contributes_to=None if parent is None else objectives[parent][number],
                    )
                    for number, spec in enumerate(self.objective_plan)
                ]
                rows.extend(objectives[index])
            Objective.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["objectives"] = sum(len(row) for row in objectives)
        return objectives

    def _levels(self):
        """Unit indexes a level at a time, the trust first."""
        level = [0]
        while level:
            yield level
            level = [child for index in level for child in self.children[index]]

    def _measures(self, objectives):
        measures = []
        for index, spec in enumerate(self.plan):
            leaf = spec.kind == "department"
            measures.append(
                [
                    Measure(
                        objective=objectives[index][m.objective],
                        code=m.code,
                        title=m.title,
                        purpose="Generated for testing at scale.",
                        unit=m.kind.unit,
                        decimals=m.kind.decimals,
                        direction=m.kind.direction,
                        frequency=m.kind.frequency,
                        review_frequency=m.kind.frequency,
                        rollup=m.kind.rollup,
                        ratio_multiplier=HUNDRED,
                        zero_tolerance=m.kind.zero_tolerance,
                        year_to_date=year.SUM if m.kind.zero_tolerance else year.NONE,
                        may_exceed_100=m.kind.may_exceed_100,
                        is_computed=not leaf,
                        numerator_label="Numerator" if m.kind.model == "ratio" else "",
                        denominator_label="Denominator" if m.kind.model == "ratio" else "",
                    )
                    for m in self.measure_plan
                ]
            )
        Measure.objects.bulk_create([m for row in measures for m in row], batch_size=BATCH)
        self.counts["measures"] = len(self.plan) * len(self.measure_plan)
        return measures

    def _targets(self, measures):
        rows = []
        for index in range(len(self.plan)):
            for spec, measure in zip(self.measure_plan, measures[index], strict=True):
                rows.extend(self._targets_of(spec, measure, self.scale[index]))
        Target.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["targets"] = len(rows)

    def _targets_of(self, spec, measure, scale):
        kind = spec.kind
        # A sum's target is per department of size 1, so it grows with the subtree.
        factor = scale if kind.rollup == SUM else 1
        months = self.periods[periods.MONTHLY]
        value = kind.target * factor
        tolerance = kind.tolerance * factor if spec.has_trigger else 0
        trigger = kind.trigger * factor if spec.has_trigger else None
        # In force from the first month of values (or the start of its quarter)...
        first = periods.period_start(months[0], kind.frequency)
        found = [(first, value)]
        # ... and for some, a better one from half-way through.
        change = periods.period_start(months[len(months) // 2], kind.frequency)
        if spec.target_changes and change > first:
            better = kind.better_by if kind.direction == H else -kind.better_by
            found.append((change, value + better * factor))
        return [
            Target(
                measure=measure,
                effective_from=start,
                value=rounded(target, kind.decimals),
                upper_value=None if kind.upper is None else rounded(kind.upper, kind.decimals),
                tolerance=rounded(tolerance, kind.decimals),
                action_trigger=None if trigger is None else rounded(trigger, kind.decimals),
                rationale="Generated for testing at scale.",
                # Recorded before it took effect, as a month as at its window expects.
                recorded_at=min(
                    timezone.make_aware(datetime.combine(start, datetime.min.time())), self.now
                ),
            )
            for start, target in found
        ]

    def _observations(self, measures):
        """Departments' values drawn, then the totals above them, a level at a time."""
        entries = {}  # (unit index, measure index) -> {period: (MeasuredValue, comment)}
        pending = []
        written = 0
        for index, spec in enumerate(self.plan):
            if spec.kind != "department":
                continue
            for m, mspec in enumerate(self.measure_plan):
                series = self._series(spec, mspec)
                entries[(index, m)] = series
                pending.extend(self._rows(measures[index][m], series, computed=False))
                if len(pending) >= CHUNK:
                    written += self._insert(pending)
                    pending = []
        for depth in reversed(list(self._levels())):
            for index in depth:
                kids = sorted(self.children[index], key=lambda kid: self.plan[kid].name)
                if not kids:
                    continue
                for m, mspec in enumerate(self.measure_plan):
                    series = self._total(mspec, kids, [entries[(kid, m)] for kid in kids])
                    entries[(index, m)] = series
                    pending.extend(self._rows(measures[index][m], series, computed=True))
                    if len(pending) >= CHUNK:
                        written += self._insert(pending)
                        pending = []
        written += self._insert(pending)
        self.counts["values"] = written

    def _insert(self, rows):
        Observation.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def _rows(self, measure, series, *, computed):
        return [
            Observation(
                measure=measure,
                period=period,
                value=entry.value,
                numerator=entry.numerator,
                denominator=entry.denominator,
                comment=comment,
                entered_at=self.now if computed else self._entered_at(period, measure.frequency),
            )
            for period, (entry, comment) in series.items()
        ]

    def _entered_at(self, period, frequency):
        key = (period, frequency)
        if key not in self.entered_at:
            due = periods.add_periods(period, frequency, 1)
            # Typed in a few days after the period ends, never in the future.
            moment = timezone.make_aware(
                datetime.combine(due, datetime.min.time()) + timedelta(days=4, hours=10)
            )
            self.entered_at[key] = min(moment, self.now)
        return self.entered_at[key]

    def _total(self, mspec, kids, child_series):
        """A total's values exactly as measures.recording would compute them."""
        names = [self.plan[kid].name for kid in kids]
        series = {}
        for period in self.periods[mspec.kind.frequency]:
            found = [s.get(period) for s in child_series]
            parts = [None if f is None else f[0] for f in found]
            entry = rollup.combine(mspec.kind.rollup, parts, HUNDRED)
            if entry is None:
                continue
            missing = [name for name, part in zip(names, parts, strict=True) if part is None]
            comment = computed_comment(len(kids) - len(missing), len(kids), missing)
            series[period] = (entry, comment)
        return series

    def _series(self, unit, mspec):
        """{period: (MeasuredValue, comment)} for one department and measure."""
        kind = mspec.kind
        rng = random.Random(f"{self.seed}|{unit.code}|{mspec.code}")
        plist = self.periods[kind.frequency]
        count = len(plist)
        shape = rng.random()
        shift_at = rng.randrange(count // 3, count) if count > 2 else count
        improves = rng.random() < 0.6
        sign = _better_sign(kind) * (1 if improves else -1)
        step = sign * _step(kind)
        slope = sign * _step(kind) / max(count, 1) * 1.5
        late = rng.random() < 0.03  # the latest value not in yet
        series = {}
        for position, period in enumerate(plist):
            drift, comment = 0.0, ""
            if shape < SHIFT_CHANCE and position >= shift_at:
                drift = step
                if position == shift_at:
                    comment = SHIFT_COMMENTS[improves]
            elif SHIFT_CHANCE <= shape < SHIFT_CHANCE + TREND_CHANCE:
                drift = slope * position
            entry = _draw(rng, kind, unit.size, drift)
            if rng.random() < GAP_CHANCE or (late and position == count - 1):
                continue
            if not comment and rng.random() < COMMENT_CHANCE:
                comment = rng.choice(ROUTINE_COMMENTS)
            series[period] = (entry, comment)
        return series


def _better_sign(kind):
    if kind.direction == H:
        return 1
    if kind.direction == LO:
        return -1
    return -1 if kind.level > (kind.target + (kind.upper or kind.target)) / 2 else 1


def _step(kind):
    """A step shift worth noticing on an SPC chart: about three times the noise."""
    if kind.model == "count":
        return max(1.0, kind.level * 0.5)
    return kind.spread * 3


def _draw(rng, kind, size, drift):
    """One period's MeasuredValue for a department of `size`, moved by `drift` (in rate, amount or
    count of a department of size 1)."""
    if kind.model == "count":
        mean = max(0.0, (kind.level + drift) * size)
        return MeasuredValue(Decimal(poisson(rng, mean)))
    if kind.model == "ratio":
        denominator = max(1, round(kind.denominator * size * (1 + rng.gauss(0, 0.05))))
        rate = kind.level + drift + rng.gauss(0, kind.spread)
        rate = max(0.0, rate if kind.may_exceed_100 else min(rate, 100.0))
        numerator = round(denominator * rate / 100)
        top, bottom = Decimal(numerator), Decimal(denominator)
        return MeasuredValue(ratio_value(top, bottom, HUNDRED), top, bottom)
    factor = size if kind.rollup == SUM else 1
    value = rng.gauss((kind.level + drift) * factor, kind.spread * factor)
    return MeasuredValue(rounded(max(0.0, value), kind.decimals))


def describe_generated(generated):
    """The one line the command prints."""
    trust = generated.trust
    if not generated.created:
        return (
            f"The generated trust {trust.code} is already here; nothing was changed. "
            "Use --replace to build it again."
        )
    counts = ", ".join(f"{count:,} {noun}" for noun, count in generated.counts.items())
    seconds = f"{generated.seconds:.1f} s"
    return f"Generated trust {trust.code}: {counts} (values without history) in {seconds}."
