"""Small builders for test data. Each test sets up the data it needs."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from measures.models import Direction, Measure, Observation, RollUp, Target
from organisations import services
from organisations.models import Membership, OrganisationUnit
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
        **extra,
    }
    return Measure.objects.create(objective=objective, code=code, **fields)


def make_observation(measure, period=date(2026, 4, 1), value="1", **extra):
    return Observation.objects.create(
        measure=measure, period=period, value=Decimal(value), **extra
    )


def make_target(measure, effective_from=date(2025, 4, 1), value="92", **extra):
    return Target.objects.create(
        measure=measure, effective_from=effective_from, value=Decimal(value), **extra
    )
