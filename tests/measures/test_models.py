from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from measures.models import Alignment, Direction, KeyTarget, Measure, Observation, Target
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)


@pytest.fixture
def measure(units):
    objective = make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    return make_measure(objective, "RTT18", unit="%")


@pytest.fixture
def key_target(db):
    return KeyTarget.objects.create(code="RTT18W", name="18-week referral to treatment")


def raises_at_database():
    return pytest.raises(IntegrityError)


def test_one_observation_per_measure_and_period(measure):
    make_observation(measure, date(2026, 4, 1), "80")
    with raises_at_database(), transaction.atomic():
        make_observation(measure, date(2026, 4, 1), "81")


def test_a_ratio_observation_has_both_parts(measure):
    with raises_at_database(), transaction.atomic():
        make_observation(measure, value="80", numerator="80")


def test_a_ratio_denominator_must_be_positive(measure):
    with raises_at_database(), transaction.atomic():
        make_observation(measure, value="0", numerator="0", denominator="0")


def test_a_ratio_numerator_cannot_be_negative(measure):
    with raises_at_database(), transaction.atomic():
        make_observation(measure, value="-1", numerator="-1", denominator="100")


def test_an_observation_for_a_day_inside_a_month_is_invalid(measure):
    observation = Observation(measure=measure, period=date(2026, 4, 15), value=1)

    with pytest.raises(ValidationError) as error:
        observation.full_clean()

    assert "did you mean 1 April 2026" in error.value.message_dict["period"][0]


def test_an_observation_for_a_future_period_is_invalid(measure):
    next_month = timezone.localdate().replace(day=1) + timedelta(days=32)
    observation = Observation(measure=measure, period=next_month.replace(day=1), value=1)

    with pytest.raises(ValidationError, match="in the future"):
        observation.full_clean()


def test_observation_changes_are_kept_in_history(measure):
    observation = make_observation(measure, value="80", comment="first")
    observation.value = 82
    observation.comment = "corrected"
    observation.save()

    values = [(h.value, h.comment) for h in observation.history.order_by("history_date")]

    assert [(float(v), c) for v, c in values] == [(80.0, "first"), (82.0, "corrected")]


def test_one_target_per_measure_and_date(measure):
    make_target(measure, date(2025, 4, 1), "92")
    with raises_at_database(), transaction.atomic():
        make_target(measure, date(2025, 4, 1), "65")


def test_target_tolerance_cannot_be_negative(measure):
    with raises_at_database(), transaction.atomic():
        make_target(measure, tolerance=-1)


def test_a_range_target_is_in_order(measure):
    with raises_at_database(), transaction.atomic():
        make_target(measure, value="10", upper_value="5")


def test_a_higher_is_better_trigger_lies_below_the_target(measure):
    target = Target(measure=measure, effective_from=date(2025, 4, 1), value=92, action_trigger=95)

    with pytest.raises(ValidationError) as error:
        target.full_clean()

    assert "action_trigger" in error.value.message_dict


def test_a_lower_is_better_trigger_lies_above_the_target(measure):
    measure.direction = Direction.LOWER_IS_BETTER
    measure.save()
    target = Target(measure=measure, effective_from=date(2025, 4, 1), value=5, action_trigger=4)

    with pytest.raises(ValidationError):
        target.full_clean()


def test_measure_codes_are_unique_in_a_scorecard(measure):
    other_objective = make_objective(measure.objective.scorecard, "C2", "Financial")
    duplicate = Measure(objective=other_objective, code="RTT18", title="Again", direction="higher")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "already has a measure RTT18" in error.value.message_dict["code"][0]


def test_measure_codes_are_unique_in_an_objective_at_the_database(measure):
    with raises_at_database(), transaction.atomic():
        make_measure(measure.objective, "RTT18")


def test_measure_decimals_are_at_most_6(measure):
    with raises_at_database(), transaction.atomic():
        make_measure(measure.objective, "X", decimals=7)


def test_a_ratio_with_no_multiplier_is_refused_beside_the_field(measure):
    # clean() runs after the field's own check, so it meets the empty multiplier too.
    ratio = Measure(
        objective=measure.objective, code="X", title="X", direction="higher", rollup="ratio"
    )
    ratio.ratio_multiplier = None

    with pytest.raises(ValidationError) as error:
        ratio.full_clean()

    assert error.value.message_dict["ratio_multiplier"] == ["This field cannot be null."]


def test_key_target_codes_are_unique(key_target):
    with raises_at_database(), transaction.atomic():
        KeyTarget.objects.create(code="RTT18W", name="again")


def test_an_alignment_names_a_measure_or_an_objective(measure, key_target):
    scorecard = measure.objective.scorecard
    with raises_at_database(), transaction.atomic():
        Alignment.objects.create(key_target=key_target, scorecard=scorecard, kind="supports")


def test_a_missing_alignment_says_what_is_missing(measure, key_target):
    scorecard = measure.objective.scorecard
    with raises_at_database(), transaction.atomic():
        Alignment.objects.create(key_target=key_target, scorecard=scorecard, kind="missing")
    Alignment.objects.create(
        key_target=key_target,
        scorecard=scorecard,
        kind="missing",
        description="Diagnostic waits in imaging",
    )


def test_one_alignment_per_measure_and_key_target(measure, key_target):
    scorecard = measure.objective.scorecard
    Alignment.objects.create(
        key_target=key_target, scorecard=scorecard, kind="supports", measure=measure
    )
    with raises_at_database(), transaction.atomic():
        Alignment.objects.create(
            key_target=key_target, scorecard=scorecard, kind="hinders", measure=measure
        )


def test_deleting_a_measure_with_observations_is_refused(measure):
    from django.db.models import ProtectedError

    make_observation(measure)

    with pytest.raises(ProtectedError):
        measure.delete()


def test_a_zero_denominator_is_explained(measure):
    observation = Observation(
        measure=measure, period=date(2026, 4, 1), value=0, numerator=0, denominator=0
    )

    with pytest.raises(ValidationError) as error:
        observation.full_clean()

    assert error.value.messages == ["The denominator must be above zero."]


@pytest.mark.parametrize(
    "numbers",
    [
        {"value": Decimal("1000000000000")},
        {"value": Decimal("-1000000000000")},
        {"value": Decimal(1), "numerator": Decimal("1000000000000"), "denominator": Decimal(1)},
        {"value": Decimal(1), "numerator": Decimal(1), "denominator": Decimal("1000000000000")},
    ],
)
def test_the_database_refuses_a_number_too_large_to_read_back(units, numbers):
    measure = make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"])))
    # PostgreSQL's column refuses it already (DataError); SQLite's would keep it.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Observation.objects.create(measure=measure, period=date(2026, 4, 1), **numbers)
    assert not Observation.objects.exists()


def test_a_target_and_trigger_obey_the_limits_of_the_measures_values(db, units):
    """Every way a target is written (the builder, the admin's inline) cleans it here."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measure = make_measure(objective, "RTT18", unit="%")
    target = Target(
        measure=measure,
        effective_from="2025-04-01",
        value=Decimal("180"),
        action_trigger=Decimal("101"),
    )

    with pytest.raises(ValidationError) as refused:
        target.full_clean()

    assert refused.value.message_dict == {
        "value": ["A percentage is between 0 and 100; 180 is not."],
        "action_trigger": ["A percentage is between 0 and 100; 101 is not."],
    }
