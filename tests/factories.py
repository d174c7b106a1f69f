"""Small builders for test data. Each test sets up the data it needs."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from measures.models import Direction, Frequency, Measure, Observation, RollUp, Target, YearToDate
from organisations import services
from organisations.models import Membership, OrganisationUnit
from scorecard.lib import periods
from scorecard.models import Framework, Objective, Scorecard

KAPLAN_NORTON = "Balanced scorecard (Kaplan & Norton)"


def make_unit(name, kind=OrganisationUnit.Kind.DEPARTMENT, parent=None, code=None):
    code = code or slugify(name).upper()[:20]
    return services.create_unit(name=name, code=code, slug=slugify(name), kind=kind, parent=parent)


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username=username, password="correct-horse-battery", **extra
    )


def grant(user, unit, role):
    return Membership.objects.create(user=user, unit=unit, role=role)


def make_scorecard(unit, framework_name=KAPLAN_NORTON):
    return Scorecard.objects.create(
        unit=unit, framework=Framework.objects.get(name=framework_name)
    )


def make_objective(scorecard, code="O1", perspective_name="Customer", **extra):
    perspective = scorecard.framework.perspectives.get(name=perspective_name)
    fields = {"title": f"Objective {code}", **extra}
    return Objective.objects.create(
        scorecard=scorecard, perspective=perspective, code=code, **fields
    )


def make_measure(objective, code="M1", **extra):
    fields = {
        "title": f"Measure {code}",
        "direction": Direction.HIGHER_IS_BETTER,
        "rollup": RollUp.NONE,
        # A zero-tolerance measure is judged on its year's sum (measures/year.py).
        **({"year_to_date": YearToDate.SUM} if extra.get("zero_tolerance") else {}),
        **extra,
    }
    return Measure.objects.create(objective=objective, code=code, **fields)


def in_time(period, frequency=Frequency.MONTHLY):
    """The morning after `period` ends (never later than now): within its reporting window.

    Test data is written today for months long past; a month "as at" its
    window (measures/known.py) counts only what was known by then, so the
    builders date what they write as if it had been written in time.
    """
    after = periods.add_periods(period, frequency, 1)
    moment = timezone.make_aware(datetime.combine(after, time(10)))
    return min(moment, timezone.now())


def make_observation(measure, period=date(2026, 4, 1), value="1", **extra):
    observation = Observation(measure=measure, period=period, value=Decimal(value), **extra)
    observation._history_date = in_time(period, measure.frequency)
    observation.save()
    # Only this first row: a later save by the test is dated when it happens.
    del observation._history_date
    return observation


def make_target(measure, effective_from=date(2025, 4, 1), value="92", **extra):
    # Recorded the day before it takes effect, unless a test says when.
    day_before = timezone.make_aware(
        datetime.combine(effective_from - timedelta(days=1), time(10))
    )
    extra.setdefault("recorded_at", min(day_before, timezone.now()))
    return Target.objects.create(
        measure=measure, effective_from=effective_from, value=Decimal(value), **extra
    )


PERSPECTIVE_ORDER = ("Learning and growth", "Internal business processes", "Customer", "Financial")
FULL_SHEET = {
    "purpose": "Shows whether the unit is doing what its objective asks.",
    "formula": "Counted from the source each month.",
    "data_source": "The trust's data warehouse",
    "owner": "Service manager",
    "who_measures": "The information team",
    "who_acts": "The unit's management team",
    "action": "Below target: an action plan at the monthly review.",
}


def complete_every_stage(scorecard):
    """Fill stages 1 to 7 of the scorecard, and the data-quality process, so that it may
    be published: one objective per perspective, linked up the lanes, each with a measure
    whose sheet is full and whose target has a trigger, all served by one initiative."""
    from scorecard.models import (
        Initiative,
        ObjectiveLink,
        Stakeholder,
        StrategicTheme,
        SummaryStatement,
        SwotItem,
    )

    for field in ("mission", "vision", "values", "strategy_statement"):
        setattr(scorecard, field, f"The unit's {field.replace('_', ' ')}")
    scorecard.data_quality_process = "The information team validates the figures monthly"
    scorecard.save()
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    for kind in ("strength", "weakness", "opportunity", "threat"):
        SwotItem.objects.create(scorecard=scorecard, kind=kind, text=f"A {kind}")
    Stakeholder.objects.create(
        scorecard=scorecard, name="Local GPs", category="customers", power="high", impact="high"
    )
    objectives = []
    for number, name in enumerate(PERSPECTIVE_ORDER):
        objective = make_objective(scorecard, f"O{number}", name, theme=theme)
        measure = make_measure(objective, f"M{number}", **FULL_SHEET)
        make_target(measure, action_trigger=Decimal("85"))
        perspective = objective.perspective
        SummaryStatement.objects.create(theme=theme, perspective=perspective, statement=name)
        objectives.append(objective)
    for cause, effect in zip(objectives, objectives[1:], strict=False):
        ObjectiveLink.objects.create(cause=cause, effect=effect, rationale="One leads to the next")
    initiative = Initiative.objects.create(scorecard=scorecard, title="Improvement programme")
    initiative.objectives.set(objectives)
    return objectives
