"""A value is judged as it is shown: at its measure's decimal places, a half rounded up.

Worked examples from what the analyst saw: 18,999 of 20,000 patients seen
within the standard is 94.995%, shown to one place as "95.0%"; against a
target of 95% it must read "On target", not contradict the number beside it.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures import spc
from measures.display import in_units
from measures.lines import measure_lines
from measures.models import Direction
from measures.selectors import is_past_trigger, status_for
from measures.status import Status, at_precision
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)
from tests.posted_forms import post_form_fields
from tests.scorecard.dashboard_data import AS_AT, fill

SEEN = D("94.995")  # 18,999 / 20,000 as a percentage


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (SEEN, 1, D("95.0")),
        (SEEN, 2, D("95.00")),  # 94.995 to two places: the half goes up
        (SEEN, 3, D("94.995")),
        (D("2.25"), 1, D("2.3")),  # not 2.2, as rounding a half to even would give
        (D("-2.25"), 1, D("-2.3")),  # away from zero on both sides
        (D("0.5"), 0, D("1")),
        (D("94.94999"), 1, D("94.9")),
    ],
)
def test_a_value_is_rounded_to_its_places_with_a_half_away_from_zero(value, decimals, shown):
    assert at_precision(value, decimals) == shown
    assert str(at_precision(value, decimals)) == str(shown)


def test_no_value_stays_no_value():
    assert at_precision(None, 1) is None


@pytest.fixture
def referrals(units):
    """The share seen within the standard: higher is better, to one decimal place."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    measure = make_measure(objective, "SEEN", unit="%", decimals=1, rollup="ratio")
    make_target(measure, value="95", tolerance=D(1), action_trigger=D("93"))
    return measure


def test_the_number_shown_and_its_status_agree(referrals):
    make_observation(referrals, AS_AT, str(SEEN), numerator=D(18999), denominator=D(20000))

    line = measure_lines([referrals], AS_AT)[referrals.pk]

    assert in_units(line.observation.value, referrals) == "95.0%"
    assert line.status is Status.ON_TARGET
    assert status_for(referrals, SEEN, line.target) is Status.ON_TARGET


def test_the_dashboard_shows_the_value_on_target_as_it_reads(client, referrals, analyst):
    make_observation(referrals, AS_AT, str(SEEN), numerator=D(18999), denominator=D(20000))
    client.force_login(analyst)

    response = client.get(
        reverse("dashboards:unit", args=["general-surgery"]) + f"?as_at={AS_AT:%Y-%m}"
    )

    line = response.context["dashboard"].measures[0]
    assert (in_units(line.observation.value, referrals), line.status) == (
        "95.0%",
        Status.ON_TARGET,
    )


def test_a_value_just_short_of_the_trigger_but_shown_at_it_is_not_past_it(referrals):
    # 92.96 is shown as 93.0, the trigger itself: the last acceptable value.
    target = referrals.targets.get()
    assert not is_past_trigger(referrals, D("92.96"), target)
    assert is_past_trigger(referrals, D("92.94"), target)


def test_at_more_places_the_same_value_is_judged_short(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    exact = make_measure(objective, "SEEN3", unit="%", decimals=3)
    target = make_target(exact, value="95", tolerance=D(1))
    assert status_for(exact, SEEN, target) is Status.WITHIN_TOLERANCE


def test_spc_reads_the_values_as_shown(units):
    # Whole numbers of days: wobbles below half a day are not shown, and are not
    # a process varying.
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    stay = make_measure(
        objective, "STAY", unit="days", decimals=0, direction=Direction.LOWER_IS_BETTER
    )
    fill(stay, [5.1, 4.9, 5.2, 4.8, 5.3, 4.7] * 4)

    line = measure_lines([stay], AS_AT)[stay.pk]

    assert line.not_judged == spc.NO_WIDTH
    assert line.not_judged_short == "Values barely vary"


def test_an_entered_value_is_asked_for_a_comment_only_when_shown_past_the_trigger(
    client, referrals, department_manager
):
    client.force_login(department_manager)
    url = reverse("measures:entry", args=["general-surgery", AS_AT])
    form = post_form_fields(client.get(url).content.decode())

    # 9,294 of 10,000 is 92.94%, shown as 92.9%: past the trigger of 93%.
    form[f"m{referrals.pk}-numerator"], form[f"m{referrals.pk}-denominator"] = "9294", "10000"
    refused = client.post(url, form)
    assert "This value is past the action trigger" in refused.content.decode()

    # 9,296 of 10,000 is shown as 93.0%, the trigger itself: the last acceptable value.
    form[f"m{referrals.pk}-numerator"] = "9296"
    assert client.post(url, form).status_code == 302
    assert referrals.observations.get(period=AS_AT).value == D("92.96")
