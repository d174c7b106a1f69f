"""What goes into the import templates and the export of values, as rows of cells.

Each reads a fixed number of queries however many rows it gives; the
spreadsheets module turns the rows into CSV or XLSX.
"""

from django.utils import timezone

from measures.models import Observation
from measures.selectors import live_measures, status_for, target_in_force, targets_by_measure
from measures.spreadsheets import Number
from scorecard.lib import periods

TEMPLATE_COLUMNS = [
    "unit",
    "measure",
    "period",
    "value",
    "numerator",
    "denominator",
    "comment",
    "measure title",
]
EXPORT_COLUMNS = [
    "unit",
    "unit name",
    "measure",
    "measure title",
    "period",
    "value",
    "numerator",
    "denominator",
    "target",
    "status",
    "comment",
    "entered by",
    "entered at",
]
# What each column of the template means: the notes sheet of the XLSX template.
COLUMN_NOTES = [
    ("unit", "The unit's code. Keep it as it is."),
    ("measure", "The measure's code. Keep it as it is."),
    (
        "period",
        "The period the value is for: its first day (2026-04-01) or its year and month "
        "(2026-04). Quarters start in April, July, October and January; a year in April.",
    ),
    (
        "value",
        "The value, as a plain number. For a percentage, 95 or 95% both mean 95%. "
        "Leave it blank for a ratio measure.",
    ),
    ("numerator", "For a ratio measure only: the count on top, such as patients seen in time."),
    ("denominator", "For a ratio measure only: the count below, such as all patients seen."),
    ("comment", "What lies behind the value, and what is being done if it is off target."),
    ("measure title", "For reading only: this column is ignored on import."),
]


def enterable_measures(unit):
    """The live, typed-in measures of the unit and every active unit below it, in tree order."""
    units = unit.get_descendants(include_self=True).filter(is_active=True)
    return (
        live_measures(units)
        .filter(is_computed=False)
        .order_by("objective__scorecard__unit__lft", "code")
    )


def template_rows(measures, today):
    """The header, then a row per measure for the latest period due, its values blank."""
    yield TEMPLATE_COLUMNS
    for measure in measures:
        period = periods.latest_complete_period(today, measure.frequency)
        unit = measure.objective.scorecard.unit
        yield [unit.code, measure.code, period, None, None, None, None, measure.title]


def template_notes(measures):
    """The notes sheet: what each column means, then what each measure takes."""
    yield ["column", "what to write"]
    yield from COLUMN_NOTES
    yield []
    yield ["unit", "measure", "title", "unit of measure", "frequency", "what to give"]
    for measure in measures:
        yield [
            measure.objective.scorecard.unit.code,
            measure.code,
            measure.title,
            measure.unit,
            measure.get_frequency_display(),
            what_to_give(measure),
        ]


def what_to_give(measure):
    if not measure.is_ratio:
        return "value"
    numerator = measure.numerator_label or "numerator"
    denominator = measure.denominator_label or "denominator"
    return f"ratio: numerator ({numerator}) and denominator ({denominator})"


def observations_between(unit, start, end):
    """The values of the unit and everything below it whose period starts from `start` to `end`."""
    return (
        Observation.objects.filter(
            measure__objective__scorecard__unit__in=unit.get_descendants(include_self=True),
            period__gte=start,
            period__lte=end,
        )
        .select_related("measure__objective__scorecard__unit", "entered_by")
        .order_by("measure__objective__scorecard__unit__lft", "measure__code", "period")
    )


def export_rows(observations):
    """The header, then a row per value with its target and status: two queries in all."""
    observations = list(observations)
    targets = targets_by_measure({observation.measure_id for observation in observations})
    yield EXPORT_COLUMNS
    for observation in observations:
        measure = observation.measure
        unit = measure.objective.scorecard.unit
        target = target_in_force(targets[measure.pk], observation.period)
        yield [
            unit.code,
            unit.name,
            measure.code,
            measure.title,
            observation.period,
            number(observation.value, measure),
            number(observation.numerator),
            number(observation.denominator),
            target_cell(target, measure),
            status_for(measure, observation.value, target).label,
            observation.comment,
            entered_by(observation),
            # XLSX keeps no time zone: write the local time the pages show.
            timezone.localtime(observation.entered_at).replace(tzinfo=None),
        ]


def number(value, measure=None):
    """A number cell, shown to the measure's decimals; a numerator or denominator as it is."""
    if value is None:
        return None
    return Number(value, measure.decimals if measure else None)


def target_cell(target, measure):
    if target is None:
        return None
    if target.upper_value is not None:
        return f"{target.value.normalize():f} to {target.upper_value.normalize():f}"
    return number(target.value, measure)


def entered_by(observation):
    user = observation.entered_by
    if user is None:
        return "computed" if observation.measure.is_computed else ""
    return user.get_full_name() or user.username
