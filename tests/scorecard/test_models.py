from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from scorecard.models import (
    Framework,
    Initiative,
    ObjectiveLink,
    Perspective,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    stakeholder_quadrant,
)
from tests.factories import make_objective, make_scorecard, make_user


@pytest.fixture
def surgery_scorecard(units):
    return make_scorecard(units["NHT-SURG"])


def raises_at_database():
    return pytest.raises(IntegrityError)


def test_one_scorecard_per_unit(surgery_scorecard, units):
    with raises_at_database(), transaction.atomic():
        make_scorecard(units["NHT-SURG"])


def test_objective_codes_are_unique_in_a_scorecard(surgery_scorecard):
    make_objective(surgery_scorecard, "C1")
    with raises_at_database(), transaction.atomic():
        make_objective(surgery_scorecard, "C1", perspective_name="Financial")


def test_the_same_objective_code_may_appear_in_two_scorecards(surgery_scorecard, units):
    make_objective(surgery_scorecard, "C1")
    make_objective(make_scorecard(units["NHT-MED"]), "C1")


def test_objective_weight_cannot_be_negative(surgery_scorecard):
    with raises_at_database(), transaction.atomic():
        make_objective(surgery_scorecard, "C1", weight=-1)


def test_one_link_per_cause_and_effect(surgery_scorecard):
    cause = make_objective(surgery_scorecard, "L1", "Learning and growth")
    effect = make_objective(surgery_scorecard, "P1", "Internal business processes")
    ObjectiveLink.objects.create(cause=cause, effect=effect)
    with raises_at_database(), transaction.atomic():
        ObjectiveLink.objects.create(cause=cause, effect=effect, rationale="again")


def test_an_objective_cannot_cause_itself(surgery_scorecard):
    objective = make_objective(surgery_scorecard, "C1")
    with raises_at_database(), transaction.atomic():
        ObjectiveLink.objects.create(cause=objective, effect=objective)


def test_a_link_across_scorecards_is_invalid(surgery_scorecard, units):
    cause = make_objective(surgery_scorecard, "C1")
    effect = make_objective(make_scorecard(units["NHT-MED"]), "C2")

    with pytest.raises(ValidationError, match="same scorecard"):
        ObjectiveLink(cause=cause, effect=effect).full_clean()


def test_perspective_names_are_unique_in_a_framework(surgery_scorecard):
    framework = surgery_scorecard.framework
    with raises_at_database(), transaction.atomic():
        Perspective.objects.create(framework=framework, name="Customer")


def test_perspective_colour_must_be_a_hex_colour(surgery_scorecard):
    with raises_at_database(), transaction.atomic():
        Perspective.objects.create(
            framework=surgery_scorecard.framework, name="Safety", colour="red"
        )


def test_initiative_progress_is_at_most_100(surgery_scorecard):
    with raises_at_database(), transaction.atomic():
        Initiative.objects.create(scorecard=surgery_scorecard, title="Theatre flow", progress=101)


def test_initiative_cannot_end_before_it_starts(surgery_scorecard):
    with raises_at_database(), transaction.atomic():
        Initiative.objects.create(
            scorecard=surgery_scorecard,
            title="Theatre flow",
            start_date=date(2026, 5, 1),
            end_date=date(2026, 4, 1),
        )


def test_initiative_budget_cannot_be_negative(surgery_scorecard):
    with raises_at_database(), transaction.atomic():
        Initiative.objects.create(scorecard=surgery_scorecard, title="Savings", budget=-5)


def test_a_sign_off_names_who_signed(surgery_scorecard):
    surgery_scorecard.signed_off_at = timezone.now()
    with raises_at_database(), transaction.atomic():
        surgery_scorecard.save()


def test_a_user_who_signed_off_a_scorecard_cannot_be_deleted(surgery_scorecard, units):
    signer = make_user("nina")
    surgery_scorecard.signed_off_by, surgery_scorecard.signed_off_at = signer, timezone.now()
    surgery_scorecard.save()

    with pytest.raises(ProtectedError):
        signer.delete()


def test_theme_names_are_unique_in_a_scorecard(surgery_scorecard):
    StrategicTheme.objects.create(scorecard=surgery_scorecard, name="Timely access")
    with raises_at_database(), transaction.atomic():
        StrategicTheme.objects.create(scorecard=surgery_scorecard, name="Timely access")


def test_one_summary_statement_per_theme_and_perspective(surgery_scorecard):
    theme = StrategicTheme.objects.create(scorecard=surgery_scorecard, name="Timely access")
    customer = surgery_scorecard.framework.perspectives.get(name="Customer")
    SummaryStatement.objects.create(theme=theme, perspective=customer, statement="Short waits")
    with raises_at_database(), transaction.atomic():
        SummaryStatement.objects.create(theme=theme, perspective=customer, statement="Again")


def test_an_objective_contributes_only_to_the_parent_units_objective(units):
    trust_objective = make_objective(make_scorecard(units["NHT"]), "T1")
    medicine_objective = make_objective(make_scorecard(units["NHT-MED"]), "M1")
    department = make_scorecard(units["NHT-SURG-GS"])

    wrong = make_objective(department, "D1", contributes_to=trust_objective)
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "contributes_to" in error.value.message_dict

    surgery_objective = make_objective(make_scorecard(units["NHT-SURG"]), "S1")
    right = make_objective(department, "D2", contributes_to=surgery_objective)
    right.full_clean()
    assert medicine_objective.contributions.count() == 0


def test_an_objective_needs_a_perspective_of_its_framework(surgery_scorecard):
    paf_area = Perspective.objects.get(name="Efficiency")
    objective = make_objective(surgery_scorecard, "C1")
    objective.perspective = paf_area

    with pytest.raises(ValidationError) as error:
        objective.full_clean()

    assert "perspective" in error.value.message_dict


@pytest.mark.parametrize(
    ("power", "impact", "quadrant"),
    [
        ("high", "high", "Manage"),
        ("high", "low", "Satisfy"),
        ("low", "high", "Inform"),
        ("low", "low", "Monitor"),
    ],
)
def test_stakeholder_quadrant(power, impact, quadrant):
    assert stakeholder_quadrant(power, impact) == quadrant
    assert Stakeholder(power=power, impact=impact).quadrant == quadrant


def test_deleting_a_unit_with_a_scorecard_is_refused_by_the_database(units):
    theatres = make_scorecard(units["NHT-SURG-TH"])

    with pytest.raises(ProtectedError):
        units["NHT-SURG-TH"].delete()

    assert Scorecard.objects.filter(pk=theatres.pk).exists()


def test_the_framework_cannot_change_under_objectives(surgery_scorecard):
    make_objective(surgery_scorecard, "C1")
    surgery_scorecard.framework = Framework.objects.get(name__startswith="NHS Performance")

    with pytest.raises(ValidationError) as error:
        surgery_scorecard.full_clean()

    assert "cannot change while it has objectives" in error.value.message_dict["framework"][0]


def test_the_framework_of_an_empty_scorecard_can_change(surgery_scorecard):
    surgery_scorecard.framework = Framework.objects.get(name__startswith="NHS Performance")

    surgery_scorecard.full_clean()


def test_a_bad_colour_is_explained(surgery_scorecard):
    perspective = Perspective(framework=surgery_scorecard.framework, name="Safety", colour="red")

    with pytest.raises(ValidationError) as error:
        perspective.full_clean()

    assert error.value.messages == ["Enter the colour as # and six hex digits, such as #005eb8."]
