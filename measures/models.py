"""Measures (the performance measure sheet), targets, observations and key targets."""

from datetime import date
from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from measures import definitions, exceptions, rare_events, year
from measures.status import Threshold
from measures.values import LARGEST, ValueRules, value_problem
from organisations.models import InSubtreeQuerySet
from scorecard.lib import periods
from scorecard.lib.words import count_of

# A measure's or key target's code is part of its pages' addresses
# (/units/surgery/measures/RTT18/), so it holds nothing an address treats
# specially, such as "/", "?" or "#".
address_safe_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*\Z",
    "Use letters, digits, full stops, hyphens and underscores, starting with a letter or "
    "digit, such as RTT18 or A-E.4h: the code is part of the measure's web address.",
    # Its own code: forms replace an "invalid" message with their generic one.
    code="address_unsafe",
)

# Units whose values are counts: whole numbers, never negative.
COUNT_UNITS = {"count", "number"}
# The largest ratio multiplier: a rate per million. Larger ones only make
# values too large to store out of ordinary numerators and denominators.
LARGEST_MULTIPLIER = Decimal(1_000_000)


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"
    WITHIN_RANGE = "range", "Within a range"


class Frequency(models.TextChoices):
    MONTHLY = periods.MONTHLY, "Monthly"
    QUARTERLY = periods.QUARTERLY, "Quarterly"
    ANNUAL = periods.ANNUAL, "Annual"


class RollUp(models.TextChoices):
    SUM = "sum", "Sum of the units below"
    MEAN = "mean", "Mean of the units below"
    RATIO = "ratio", "Summed numerators over summed denominators"
    NONE = "none", "Does not roll up"


class ChartType(models.TextChoices):
    XMR = "xmr", "XmR chart: mean and process limits from every point"
    BASELINE = "baseline", "XmR chart with limits fixed from a baseline"
    RUN = "run", "Run chart, no limits (cumulative, year-to-date, annual or target-only)"
    T = rare_events.T_CHART, "t-chart of the days between rare events (never events, MRSA)"
    G = rare_events.G_CHART, "g-chart of the cases between rare events (operations, admissions)"


class YearToDate(models.TextChoices):
    """How a measure's financial year to date is formed (measures/year.py)."""

    NONE = year.NONE, "No year-to-date figure"
    SUM = year.SUM, "Sum of the year's values (counts, activity, money)"
    RATIO = year.RATIO, "The year's numerators over its denominators"
    LATEST = year.LATEST, "The latest value: the measure is itself a year-to-date figure"


# Making Data Count advises fixing limits on 12 points or more.
FEWEST_BASELINE_POINTS = 12


def baseline_in_words(measure) -> str:
    """What a measure's fixed limits are worked out from: "Apr 2024 to Mar 2025", "the
    first 24 points", or "" for limits worked out from every point. `measure` is a
    Measure or a row of its fields."""
    first, last, frequency = measure.baseline_start, measure.baseline_end, measure.frequency
    if first and last:
        return (
            f"{periods.period_label(first, frequency)} to {periods.period_label(last, frequency)}"
        )
    if measure.baseline_points:
        return f"the first {measure.baseline_points} points"
    return ""


class MeasureQuerySet(InSubtreeQuerySet["Measure"]):
    unit_path = "objective__scorecard__unit"

    def live(self) -> Self:
        """Measures on their scorecard: neither the measure nor its objective retired.

        Retiring an objective takes its measures off the scorecard (off the
        dashboards, entry, overdue lists, roll-ups, templates and reviews)
        and keeps their values; restoring it brings them back.
        """
        return self.filter(is_retired=False, objective__is_retired=False)


class MeasureDefinition(models.Model):
    """What a measure code means: the parts of the sheet that are the same wherever it is
    used. A unit's Measure has them, and so does the trust's catalogue entry it adopts
    (CatalogueEntry), whose values its own follow (measures/catalogue.py)."""

    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    formula = models.TextField(blank=True)
    frequency = models.CharField(
        "frequency of measurement",
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="%, days, count, £000... A unit that starts with % is a percentage (0 to "
        "100); a count is a whole number and never negative.",
    )
    decimals = models.PositiveSmallIntegerField(default=1)
    rollup = models.CharField(
        "roll-up", max_length=10, choices=RollUp.choices, default=RollUp.NONE
    )
    ratio_multiplier = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=100,
        help_text="For ratio measures: value = numerator / denominator × this (100 for a "
        "percentage, 1000 for a rate per 1,000).",
    )
    numerator_label = models.CharField(max_length=100, blank=True)
    denominator_label = models.CharField(max_length=100, blank=True)
    zero_tolerance = models.BooleanField(
        default=False, help_text="Any occurrence is off target (never events, MRSA)."
    )
    may_exceed_100 = models.BooleanField(
        "can exceed 100%",
        default=False,
        help_text="For a percentage of a plan or a capacity (savings delivered against plan, "
        "bed occupancy): values above 100% are allowed, and a numerator may exceed its "
        "denominator.",
    )
    year_to_date = models.CharField(
        "year to date",
        max_length=10,
        choices=YearToDate,
        default=YearToDate.NONE,
        help_text="How its financial year to date (April to March) is formed, shown beside "
        "each month's value. A sum can carry an annual threshold on its target (the C. "
        "difficile ceiling); a zero-tolerance measure is judged on the year's sum.",
    )

    class Meta:
        abstract = True

    @property
    def is_ratio(self):
        return self.rollup == RollUp.RATIO

    @property
    def is_percentage(self):
        return self.unit.strip().startswith("%")

    @property
    def is_count(self):
        return self.zero_tolerance or self.unit.strip().lower() in COUNT_UNITS

    @property
    def value_rules(self):
        return ValueRules(
            is_ratio=self.is_ratio,
            is_percentage=self.is_percentage,
            may_exceed_100=self.may_exceed_100,
            is_count=self.is_count,
            multiplier=self.ratio_multiplier,
        )

    def _check_year_to_date(self):
        """A year to date that means something for the measure's kind of value."""
        if self.zero_tolerance and self.year_to_date == YearToDate.NONE:
            # The only year a zero-tolerance measure can have: no need to ask for it.
            self.year_to_date = YearToDate.SUM
        rule = self.year_to_date
        if self.zero_tolerance and rule != YearToDate.SUM:
            raise ValidationError(
                {
                    "year_to_date": "A zero-tolerance measure is judged on its financial "
                    "year: one event in April breaches the whole year. Choose the sum of the "
                    "year's values."
                }
            )
        if rule == YearToDate.SUM and self.is_percentage:
            raise ValidationError(
                {
                    "year_to_date": "Percentages cannot be added up over a year: choose the "
                    "year's numerators over its denominators (a ratio measure), or none."
                }
            )
        if rule == YearToDate.RATIO and not self.is_ratio:
            raise ValidationError(
                {
                    "year_to_date": "The year's numerators over its denominators needs a "
                    "ratio measure (roll-up: summed numerators over summed denominators)."
                }
            )

    @property
    def definition(self):
        """What its code means wherever it is used (see measures/definitions.py)."""
        return definitions.definition(
            rollup=self.rollup,
            unit=self.unit,
            direction=self.direction,
            numerator_label=self.numerator_label,
            denominator_label=self.denominator_label,
            ratio_multiplier=self.ratio_multiplier,
            may_exceed_100=self.may_exceed_100,
            zero_tolerance=self.zero_tolerance,
            year_to_date=self.year_to_date,
        )

    def check_definition(self):
        """Refuse a definition that contradicts itself, beside the field at fault."""
        if self.ratio_multiplier is not None and self.ratio_multiplier > LARGEST_MULTIPLIER:
            raise ValidationError(
                {
                    "ratio_multiplier": f"The multiplier can be at most {LARGEST_MULTIPLIER:,} "
                    "(a rate per million): 100 gives a percentage, 1,000 a rate per 1,000."
                }
            )
        self._check_year_to_date()


# The fields of MeasureDefinition: what a unit's adopted measure takes from its entry.
DEFINITION_FIELDS = (
    "title",
    "purpose",
    "formula",
    "frequency",
    "direction",
    "unit",
    "decimals",
    "rollup",
    "ratio_multiplier",
    "numerator_label",
    "denominator_label",
    "zero_tolerance",
    "may_exceed_100",
    "year_to_date",
)


class CatalogueEntry(MeasureDefinition):
    """A measure defined once for the trust (its tree), for its units to adopt.

    A unit that adopts it sets only its own targets, owner, comments and chart;
    the definition is the entry's, and a change to the entry reaches every unit
    that adopted it in the same transaction (measures/catalogue.py), so the
    definitions cannot drift apart.
    """

    organisation = models.ForeignKey(
        "organisations.OrganisationUnit",
        # A trust deleted (a generated one, replaced) takes its catalogue with it.
        on_delete=models.CASCADE,
        related_name="catalogue",
        help_text="The trust: the top of the tree whose units may adopt it.",
    )
    code = models.CharField(max_length=20, validators=[address_safe_code])

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "catalogue entries"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="one_catalogue_entry_per_code"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        self.check_definition()


class Measure(MeasureDefinition):
    """A measure of an objective, defined on the performance measure sheet.

    The thirteen fields of the sheet (Neely et al., 1997) are here; the target
    (field 4) is the effective-dated Target rows.
    """

    objective = models.ForeignKey(
        "scorecard.Objective", on_delete=models.PROTECT, related_name="measures"
    )
    catalogue_entry = models.ForeignKey(
        CatalogueEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_by",
        help_text="The trust's definition this measure adopts: its definition is the entry's.",
    )
    code = models.CharField(
        max_length=20,
        validators=[address_safe_code],
        help_text="The same code in every unit that reports this measure, e.g. RTT18.",
    )
    # 1-13: the performance measure sheet.
    relates_to = models.TextField(
        blank=True, help_text="Other objectives or standards this measure supports."
    )
    review_frequency = models.CharField(
        "frequency of review", max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    who_measures = models.CharField(max_length=200, blank=True)
    data_source = models.CharField("source of data", max_length=300, blank=True)
    owner = models.CharField("who owns the measure", max_length=200, blank=True)
    owner_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="owner's account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The owner's login, if they have one here: the owner and the unit's lead "
        "may restart the measure's process limits.",
    )
    who_acts = models.CharField("who acts on the data", max_length=200, blank=True)
    action = models.TextField(
        "what do they do",
        blank=True,
        help_text="The action when performance is unacceptable, and when it is acceptable.",
    )
    notes = models.TextField("notes and comments", blank=True)

    is_computed = models.BooleanField(
        "computed from the units below",
        default=False,
        help_text="Its values are the roll-up of the same measure code in the units directly "
        "below, by the roll-up rule, and are never typed in.",
    )
    chart_type = models.CharField(
        "chart",
        max_length=10,
        choices=ChartType,
        default=ChartType.XMR,
        help_text="How its series is charted and judged. An XmR chart's limits and icons suit "
        "a measure that goes up and down month by month; a figure that accumulates (year to "
        "date, a running total resetting each April) would show every point as a special "
        "cause, so chart it as a run chart.",
    )
    baseline_points = models.PositiveSmallIntegerField(
        "points in the baseline",
        null=True,
        blank=True,
        help_text=f"For limits fixed from a baseline: how many points, from the start of the "
        f"series or its last restart, the limits are worked out from ({FEWEST_BASELINE_POINTS} "
        f"or more). Or name the baseline's periods below instead.",
    )
    # A named baseline period, its first and last periods: the limits are those
    # of the values in it (a year before a service change, say), wherever the
    # series starts.
    baseline_start = models.DateField(
        "baseline from",
        null=True,
        blank=True,
        help_text="For limits fixed from a named period: its first period, such as 2024-04.",
    )
    baseline_end = models.DateField(
        "baseline to",
        null=True,
        blank=True,
        help_text=f"And its last period, such as 2025-03: {FEWEST_BASELINE_POINTS} periods or "
        f"more.",
    )
    # Keys of the ten tests of a good measure that the manager has ticked
    # (see scorecard/builder/measure_sheet.py for the tests themselves).
    tests_passed = models.JSONField(default=list, blank=True)
    is_retired = models.BooleanField(default=False)

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "code"], name="measure_code_unique_in_objective"
            ),
            models.CheckConstraint(
                condition=Q(decimals__lte=6),
                name="measure_decimals_0_6",
                violation_error_message="Show at most 6 decimal places.",
            ),
            models.CheckConstraint(
                condition=~Q(chart_type="baseline")
                | Q(baseline_points__gte=FEWEST_BASELINE_POINTS, baseline_start__isnull=True)
                | Q(
                    baseline_points__isnull=True,
                    baseline_start__isnull=False,
                    baseline_end__gte=F("baseline_start"),
                ),
                name="measure_baseline_has_points_or_period",
                violation_error_message=(
                    "Limits fixed from a baseline need 12 points or more, or a named period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(zero_tolerance=False) | Q(year_to_date="sum"),
                name="measure_zero_tolerance_sums_its_year",
                violation_error_message="A zero-tolerance measure is judged on its year's sum.",
            ),
            models.CheckConstraint(
                condition=Q(is_computed=False) | ~Q(rollup="none"),
                name="measure_computed_has_rollup",
                violation_error_message=(
                    "A measure computed from the units below needs a roll-up rule."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ratio_multiplier__gt=0),
                name="measure_ratio_multiplier_positive",
                violation_error_message=(
                    "The ratio multiplier must be above zero (100 for a percentage)."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("measures:measure", args=[self.objective.scorecard.unit.slug, self.code])

    @property
    def is_live(self):
        """The row form of Measure.objects.live(): neither it nor its objective retired."""
        return not self.is_retired and not self.objective.is_retired

    @property
    def charts_rare_events(self):
        """Whether it is charted by the gaps between its events (measures/rare_events.py)."""
        return self.chart_type in (ChartType.T, ChartType.G)

    @property
    def baseline_in_words(self):
        return baseline_in_words(self)

    def clean(self):
        self.check_sheet()
        if not self.objective_id:
            return
        # Codes are unique in a scorecard: imports name a measure by unit and code.
        clash = Measure.objects.filter(
            objective__scorecard_id=self.objective.scorecard_id, code=self.code
        ).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"code": f"This scorecard already has a measure {self.code}."})
        self._check_one_definition_in_the_trust()

    def check_sheet(self):
        """The rules the sheet meets on its own, reading no other measure."""
        self.check_definition()
        self._check_baseline()
        self._check_adopted_definition()
        if self.charts_rare_events and not self.is_count:
            raise ValidationError(
                {
                    "chart_type": "A chart of the gaps between rare events is for a count of "
                    "events (unit: count, or a zero-tolerance measure)."
                }
            )
        if self.is_computed and self.rollup == RollUp.NONE:
            raise ValidationError(
                {
                    "is_computed": "Choose how it rolls up (sum, mean or ratio) to compute it "
                    "from the units below."
                }
            )

    def _check_adopted_definition(self):
        """An adopted measure's definition is its catalogue entry's, field for field."""
        entry = self.catalogue_entry
        if entry is None:
            return
        if entry.code != self.code:
            raise ValidationError(
                {"code": f"An adopted measure keeps its entry's code, {entry.code}."}
            )
        differing = [
            name for name in DEFINITION_FIELDS if getattr(self, name) != getattr(entry, name)
        ]
        if differing:
            raise ValidationError(
                dict.fromkeys(
                    differing,
                    "Defined in the trust's measure catalogue: change it there, and "
                    "every unit that reports the measure follows.",
                )
            )

    def _check_baseline(self):
        """A baseline goes with limits fixed from it, and is enough to fix them on: a number
        of points, or a named period of enough periods, not both."""
        points, start, end = self.baseline_points, self.baseline_start, self.baseline_end
        if self.chart_type != ChartType.BASELINE:
            given = {
                "baseline_points": points is not None,
                "baseline_start": start is not None,
                "baseline_end": end is not None,
            }
            if any(given.values()):
                raise ValidationError(
                    dict.fromkeys(
                        [name for name, is_given in given.items() if is_given],
                        "A baseline is only for limits fixed from a baseline: choose that "
                        "chart, or clear it.",
                    )
                )
            return
        if start is not None or end is not None:
            if points is not None:
                raise ValidationError(
                    {
                        "baseline_points": "Fix the limits on a number of points or on a "
                        "named period, not both: clear one."
                    }
                )
            self._check_baseline_period(start, end)
            return
        if points is None:
            raise ValidationError(
                {
                    "baseline_points": f"Say how many points the limits are fixed on: "
                    f"{FEWEST_BASELINE_POINTS} or more, as Making Data Count advises; or "
                    "name the baseline's periods."
                }
            )
        if points < FEWEST_BASELINE_POINTS:
            raise ValidationError(
                {
                    "baseline_points": f"Fix the limits on {FEWEST_BASELINE_POINTS} points or "
                    f"more, as Making Data Count advises: {points} are too few to tell a real "
                    "change from noise."
                }
            )

    def _check_baseline_period(self, start, end):
        """A named baseline has both ends, on the measure's periods, in order, and spans
        at least FEWEST_BASELINE_POINTS periods."""
        if start is None or end is None:
            missing = "baseline_end" if end is None else "baseline_start"
            raise ValidationError({missing: "Give both the first and the last period."})
        frequency = self.frequency
        for name, day in (("baseline_start", start), ("baseline_end", end)):
            if not periods.is_period_start(day, frequency):
                expected = periods.period_start(day, frequency)
                raise ValidationError(
                    {
                        name: f"Give a period of this {self.get_frequency_display().lower()} "
                        f"measure: did you mean {periods.period_label(expected, frequency)} "
                        f"(type {expected:%Y-%m})?"
                    }
                )
        if end < start:
            raise ValidationError({"baseline_end": "The last period comes before the first."})
        span = periods.periods_between(start, end, frequency)
        if span < FEWEST_BASELINE_POINTS:
            raise ValidationError(
                {
                    "baseline_end": f"Fix the limits on {FEWEST_BASELINE_POINTS} periods or "
                    f"more, as Making Data Count advises: "
                    f"{periods.period_label(start, frequency)} to "
                    f"{periods.period_label(end, frequency)} is {span}."
                }
            )

    def _check_one_definition_in_the_trust(self):
        """Refuse a code that another unit of the trust defines differently, naming it.

        Units higher in the tree come first, so the unit named is the one the
        code rolls up to where there is one.
        """
        unit = self.objective.scorecard.unit
        elsewhere = (
            Measure.objects.filter(
                code__iexact=self.code, objective__scorecard__unit__tree_id=unit.tree_id
            )
            .exclude(pk=self.pk)
            .select_related("objective__scorecard__unit")
            .order_by("objective__scorecard__unit__lft", "pk")
        )
        mine = self.definition
        for other in elsewhere:
            if definitions.differences(mine, other.definition):
                where = other.objective.scorecard.unit.name
                message = definitions.clash_message(other.code, mine, other.definition, where)
                raise ValidationError({"code": message})

    def can_be_restarted_by(self, user, *, leads_unit: bool) -> bool:
        """Whether `user` may restart (or un-restart) its limits: its owner, or the lead of
        its unit (`leads_unit`, organisations.access.leads)."""
        return leads_unit or (
            self.owner_account_id is not None and self.owner_account_id == user.pk
        )

    def deletion_blocker(self) -> str | None:
        """Why the measure cannot be deleted, or None when it can: its values would go."""
        count = self.observations.count()
        if not count:
            return None
        return (
            f"{self} has {count_of(count, 'value')}, so it was not deleted. Retire it "
            "instead: it leaves the scorecard but keeps its values and history."
        )


class Target(models.Model):
    """The target of a measure from a date on, until the next one takes over."""

    class Source(models.TextChoices):
        NATIONAL = "national", "National standard"
        INTERIM = "interim", "Interim national ambition"
        LOCAL = "local", "Local target"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    effective_from = models.DateField(help_text="The first period this target applies to.")
    value = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        help_text="The level to reach; the lower bound for a within-range measure.",
    )
    upper_value = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The upper bound, for a within-range measure only.",
    )
    tolerance = models.DecimalField(
        "amber tolerance",
        max_digits=18,
        decimal_places=6,
        default=0,
        help_text="How far short of the target, in the measure's unit, still counts as amber.",
    )
    action_trigger = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The value past which corrective action is required.",
    )
    annual_threshold = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="For a measure whose year to date is a sum: the most (lower is better) or "
        "the least (higher is better) the financial year's total may reach, such as the C. "
        "difficile threshold NHS England sets each trust each year.",
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.LOCAL)
    rationale = models.TextField(blank=True)
    # When the target was recorded, as well as the period it takes effect
    # from: a month "as at" its reporting window ignores targets recorded
    # later (measures/known.py), so a target set in December "from January"
    # does not rewrite March.
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "-effective_from"]
        get_latest_by = "effective_from"
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "effective_from"], name="one_target_per_measure_and_date"
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0),
                name="target_tolerance_not_negative",
                violation_error_message="The amber tolerance cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(upper_value__isnull=True) | Q(upper_value__gte=models.F("value")),
                name="target_range_in_order",
                violation_error_message="The upper bound of the range cannot be below the target.",
            ),
        ]

    def __str__(self):
        value = format(self.value.normalize(), "f")
        return f"{self.measure.code} from {self.effective_from:%b %Y}: {value}"

    @property
    def threshold(self):
        return Threshold(self.value, self.tolerance, self.upper_value, self.action_trigger)

    def clean(self):
        if not self.measure_id:
            return
        rules = self.measure.value_rules
        problems = {
            name: value_problem(rules, getattr(self, name))
            # The tolerance is a distance in the same unit, so the same limits
            # hold for it: no 150 points on a percentage, no half a count.
            for name in ("value", "upper_value", "tolerance", "action_trigger")
            if getattr(self, name) is not None
        }
        problems = {name: problem for name, problem in problems.items() if problem}
        if problems:
            raise ValidationError(problems)
        self._check_annual_threshold()
        if self.action_trigger is None:
            return
        direction = self.measure.direction
        if direction == Direction.HIGHER_IS_BETTER and self.action_trigger > self.value:
            raise ValidationError(
                {
                    "action_trigger": "For a higher-is-better measure the trigger must be at or "
                    "below the target."
                }
            )
        if direction == Direction.LOWER_IS_BETTER and self.action_trigger < self.value:
            raise ValidationError(
                {
                    "action_trigger": "For a lower-is-better measure the trigger must be at or "
                    "above the target."
                }
            )

    def _check_annual_threshold(self):
        threshold = self.annual_threshold
        if threshold is None:
            return
        if self.measure.year_to_date != YearToDate.SUM:
            raise ValidationError(
                {
                    "annual_threshold": "An annual threshold is a ceiling or floor on the "
                    "year's total: on the measure sheet, make its year to date the sum of the "
                    "year's values first."
                }
            )
        if self.measure.direction == Direction.WITHIN_RANGE:
            raise ValidationError(
                {
                    "annual_threshold": "A within-range measure has no annual threshold: it "
                    "is a ceiling (lower is better) or a floor (higher is better)."
                }
            )
        if threshold < 0:
            raise ValidationError({"annual_threshold": "The annual threshold cannot be negative."})
        if self.measure.is_count and threshold != threshold.to_integral_value():
            raise ValidationError(
                {"annual_threshold": "A count's annual threshold is a whole number."}
            )


class Observation(models.Model):
    """The value of a measure for one period; every change is kept in its history."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="observations")
    period = models.DateField(help_text="The first day of the period.")
    value = models.DecimalField(max_digits=18, decimal_places=6)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    comment = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(default=timezone.now)
    # Bumped on every save: a form carries the version it was opened at, so a
    # save over someone else's newer value is caught.
    version = models.PositiveIntegerField(default=1)

    # A restore keeps the person's reason with it, which may run past the
    # 100 characters django-simple-history allows by default.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))
    # Set before a save or delete: django-simple-history keeps it as that history row's reason.
    _change_reason: str

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="one_observation_per_measure_and_period"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="observation_ratio_parts_together",
                violation_error_message="A ratio needs both its numerator and its denominator.",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="observation_denominator_positive",
                violation_error_message="The denominator must be above zero.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="observation_numerator_not_negative",
                violation_error_message="The numerator cannot be negative.",
            ),
            # What values.py lets through, held by the database too: SQLite
            # would otherwise keep a larger number that no page can read back.
            models.CheckConstraint(
                condition=Q(value__gte=-LARGEST, value__lte=LARGEST)
                & (Q(numerator__isnull=True) | Q(numerator__lte=LARGEST))
                & (Q(denominator__isnull=True) | Q(denominator__lte=LARGEST)),
                name="observation_numbers_fit",
                violation_error_message=f"A value can be at most {LARGEST:,} either way.",
            ),
        ]
        indexes = [models.Index(fields=["period"], name="observation_period_idx")]

    def __str__(self):
        return f"{self.measure.code} {self.period:%Y-%m}: {self.value}"

    def clean(self):
        if self.measure_id and self.period:
            try:
                periods.check_period(self.period, self.measure.frequency, timezone.localdate())
            except periods.PeriodError as error:
                raise ValidationError({"period": str(error)}) from error


class KeyTarget(models.Model):
    """A national key target that scorecards are reviewed against (18-week RTT)."""

    code = models.CharField(max_length=20, unique=True, validators=[address_safe_code])
    name = models.CharField(max_length=200)
    standard = models.CharField(
        max_length=300, blank=True, help_text="The standard in words, e.g. 92% within 18 weeks."
    )
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Alignment(models.Model):
    """Where a measure or objective stands against a key target, or what is missing."""

    class Kind(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        IMPLICIT = "implicit", "Supports, but not explicit in the scorecard"
        HINDERS = "hinders", "Hinders"
        MISSING = "missing", "Missing"

    key_target = models.ForeignKey(KeyTarget, on_delete=models.CASCADE, related_name="alignments")
    scorecard = models.ForeignKey(
        "scorecard.Scorecard", on_delete=models.CASCADE, related_name="alignments"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="alignments"
    )
    objective = models.ForeignKey(
        "scorecard.Objective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alignments",
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="For a missing item: what should exist."
    )
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="missing", measure__isnull=True, objective__isnull=True)
                    & ~Q(description="")
                )
                | (
                    ~Q(kind="missing")
                    & (
                        Q(measure__isnull=False, objective__isnull=True)
                        | Q(measure__isnull=True, objective__isnull=False)
                    )
                ),
                name="alignment_names_one_item_or_what_is_missing",
                violation_error_message=(
                    "Name one measure or one objective; for a missing item, say instead "
                    "what is missing."
                ),
            ),
            models.UniqueConstraint(
                fields=["key_target", "scorecard", "measure"],
                condition=Q(measure__isnull=False),
                name="one_alignment_per_measure",
                violation_error_message=(
                    "This measure is already placed in the review of this key target."
                ),
            ),
            models.UniqueConstraint(
                fields=["key_target", "scorecard", "objective"],
                condition=Q(objective__isnull=False),
                name="one_alignment_per_objective",
                violation_error_message=(
                    "This objective is already placed in the review of this key target."
                ),
            ),
        ]

    def __str__(self):
        item = self.measure or self.objective or self.description
        return f"{item}: {self.get_kind_display().lower()} {self.key_target.code}"


class Rebase(models.Model):
    """A manager's decision that a measure's process has changed, so its SPC limits restart.

    Never automatic: a rebase is a deliberate act with a reason, drawn on the
    chart as a break in the limits.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="rebases")
    period = models.DateField(help_text="The first period of the new limits.")
    reason = models.TextField(help_text="What changed in the process at this point.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    # A restart removed is kept here, so the chart's history is never lost.
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"],
                name="one_rebase_per_measure_and_period",
                violation_error_message="The limits already restart at this period.",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="rebase_has_a_reason",
                violation_error_message="Say why the limits restart here.",
            ),
        ]

    def __str__(self):
        return f"{self.measure.code} rebased from {self.period:%b %Y}"


class Occurrence(models.Model):
    """One rare event counted in a measure's value (a never event, an MRSA case), dated.

    A t-chart reads the days between them, a g-chart the cases between them
    (measures/rare_events.py); the month's value stays the count, and the
    measure page lists months whose count and dated events disagree.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="occurrences")
    occurred_on = models.DateField("date of the event")
    cases_since_previous = models.PositiveIntegerField(
        "cases since the previous event",
        null=True,
        blank=True,
        help_text="For a g-chart: the operations, admissions or patient days since the "
        "previous event.",
    )
    note = models.TextField(blank=True, help_text="What happened, and the incident reference.")
    # None for events loaded rather than typed (the demo's, a warehouse feed's).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "occurred_on", "pk"]

    def __str__(self):
        return f"{self.measure.code} event on {self.occurred_on:%d %b %Y}"


class SharedPopulation(models.Model):
    """Two measure codes that count the same people, declared so their figures can be checked.

    RTT18 and RTT52 are both shares of the RTT waiting list, so in every unit
    their denominators should be the same number; a rate of falls per 1,000 bed
    days and a count of falls share the falls. A unit that reports one and not
    the other, or whose figures disagree, makes the totals above incomparable:
    the data-quality page lists them (measures/population.py).
    """

    class Kind(models.TextChoices):
        SAME_DENOMINATOR = "denominator", "Both are shares of the same people: one denominator"
        COUNT_IS_NUMERATOR = "numerator", "The second counts the first's numerator"

    first_code = models.CharField(max_length=20, validators=[address_safe_code])
    second_code = models.CharField(max_length=20, validators=[address_safe_code])
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SAME_DENOMINATOR)
    population = models.CharField(
        "what they share",
        max_length=200,
        help_text="In words, such as “the RTT waiting list (incomplete pathways)”.",
    )

    class Meta:
        ordering = ["first_code", "second_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_code", "second_code"], name="one_shared_population_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(first_code=models.F("second_code")),
                name="shared_population_of_two_codes",
                violation_error_message="Name two different measures.",
            ),
        ]

    def __str__(self):
        return f"{self.first_code} and {self.second_code}: {self.population}"


# Exception reports: why a measure is off track in a month, and the actions taken.
# The narrative is data, not one free comment (measures/exceptions.py has the
# rules). Actions belong to the measure, not the month: tracked until done.

# The fields a report's text is made of: two reports with the same are unchanged.
NARRATIVE_FIELDS = (
    "what_happened",
    "root_cause",
    "risk",
    "recovery_expected",
    "revised_trajectory",
)
# How many periods ahead a report's revised trajectory plans.
TRAJECTORY_PERIODS = 6


class ExceptionReport(models.Model):
    """A measure's exception report for one of its periods."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="exception_reports"
    )
    period = models.DateField(help_text="The measure's period the report is about.")
    what_happened = models.TextField(
        "what happened", help_text="What the figures show, in words a board member reads."
    )
    root_cause = models.TextField(
        "why it happened", help_text="The root cause, as far as it is known."
    )
    risk = models.TextField(
        "the risk it poses (optional)",
        blank=True,
        help_text="To patients, to the trust's standards or money, if it goes on.",
    )
    recovery_expected = models.DateField(
        "expected to recover by",
        null=True,
        blank=True,
        help_text="The month it is expected to be back on target, such as 2027-03.",
    )
    # The values expected in the periods after the report's, as the recovery plan
    # sees them: [["2026-12-01", "61.5"], ...], oldest first. Not the measure's
    # targets, which it is still judged against.
    revised_trajectory = models.JSONField(default=list, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField()
    # The first period of the run of reports with this same text (measures/exceptions.py).
    unchanged_since = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="one_exception_report_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.period:%Y-%m}"

    @property
    def narrative(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, name) or "") for name in NARRATIVE_FIELDS)

    @property
    def trajectory(self) -> list[tuple[date, Decimal]]:
        """The revised trajectory as (period, value) pairs, oldest first."""
        return [
            (date.fromisoformat(day), Decimal(value)) for day, value in self.revised_trajectory
        ]


class ExceptionAction(models.Model):
    """An action to bring a measure back on track: owned, due, and tracked until done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="exception_actions"
    )
    raised_in = models.ForeignKey(
        ExceptionReport, null=True, on_delete=models.SET_NULL, related_name="actions_raised"
    )
    description = models.TextField("action")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField("due by")
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        """Still open after the day it was due (measures/exceptions.py)."""
        return exceptions.is_overdue(self.status, self.due, timezone.localdate())
