"""The bottleneck view: services others rely on, their dependants' waits, coincidences."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.lines import measure_lines
from measures.models import Direction
from organisations.models import OrganisationUnit, Role, ServiceDependency
from scorecard.dashboards.bottlenecks import coincidences, concern_months, last_months
from scorecard.lib import periods
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
    make_unit,
    make_user,
)
from tests.scorecard.dashboard_data import AS_AT, fill

Kind = OrganisationUnit.Kind
MONTHS = last_months(AS_AT)  # October 2025 to September 2026


def month(n):
    """The n-th month shown, from 0 (the oldest) to 11 (the as-at month)."""
    return MONTHS[n]


# The coincidence rule.


def test_concerns_in_the_same_month_coincide():
    assert coincidences(MONTHS, {month(3)}, {month(3)}) == {month(3)}


def test_a_dependant_s_concern_the_month_after_coincides():
    assert coincidences(MONTHS, {month(3)}, {month(4)}) == {month(3)}


def test_a_dependant_s_concern_two_months_after_does_not():
    assert coincidences(MONTHS, {month(3)}, {month(5)}) == set()


def test_a_dependant_s_concern_the_month_before_does_not():
    assert coincidences(MONTHS, {month(3)}, {month(2)}) == set()


def test_dependants_concern_alone_is_no_coincidence():
    assert coincidences(MONTHS, set(), set(MONTHS)) == set()


def test_the_latest_month_coincides_only_with_itself():
    assert coincidences(MONTHS, {month(11)}, {month(11)}) == {month(11)}
    # The month after is not shown, so not known: no coincidence.
    after = periods.add_periods(month(11), periods.MONTHLY, 1)
    assert coincidences(MONTHS, {month(11)}, {after}) == set()


def test_one_dependant_concern_can_follow_two_provider_months():
    assert coincidences(MONTHS, {month(3), month(4)}, {month(4)}) == {month(3), month(4)}


# What counts as a concern for one measure.


@pytest.fixture
def objective(units):
    return make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")


def concerns_of(measure):
    line = measure_lines([measure], AS_AT)[measure.pk]
    return concern_months(line, MONTHS)


def test_going_off_target_is_a_concern_and_staying_off_target_is_not(objective):
    measure = make_measure(objective, "RTT18", unit="%")
    make_target(measure, value="92", tolerance=D(2))
    # Months 7 to 11: off, still off, on, off again, still off.
    fill(measure, [85, 85, 92, 85, 85])
    assert concerns_of(measure) == {month(7), month(10)}


def test_off_target_is_a_concern_and_within_tolerance_is_not(objective):
    measure = make_measure(objective, "RTT18", unit="%")
    make_target(measure, value="92", tolerance=D(2))
    fill(measure, [92, 90, 89.9])  # on target, within tolerance, off target
    assert concerns_of(measure) == {month(11)}


def test_a_month_with_no_value_is_no_concern(objective):
    measure = make_measure(objective, "RTT18", unit="%")
    make_target(measure, value="92")
    fill(measure, [50], end=month(5))
    assert concerns_of(measure) == {month(5)}


def test_a_special_cause_of_concern_on_target_is_a_concern(objective):
    measure = make_measure(objective, "DM01", unit="%")
    make_target(measure, value="50")
    fill(measure, [90, 91, 89, 90, 91, 89, 90, 91, 89, 90, 91, 89, 90, 60])
    assert concerns_of(measure) == {month(11)}


def test_a_quarterly_concern_covers_its_three_months(objective):
    measure = make_measure(objective, "CA62", unit="%", frequency=periods.QUARTERLY)
    make_target(measure, value="85")
    fill(measure, [70], end=date(2026, 4, 1))  # Q1 2026/27, April to June
    assert concerns_of(measure) == {date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)}


# The page.


@pytest.fixture
def imaging(units):
    imaging = make_unit("Imaging", Kind.SERVICE, parent=units["NHT"], code="NHT-IMG")
    scorecard = make_scorecard(imaging)
    turnaround = make_measure(
        make_objective(scorecard, "P6", "Internal business processes"), "IMGTAT"
    )
    make_target(turnaround, value="90")
    fill(turnaround, [95] * 8 + [80, 95, 95, 95])  # goes off target in June
    general = OrganisationUnit.objects.get(code="NHT-SURG-GS")
    waits = make_objective(make_scorecard(general), "C1")
    rtt = make_measure(waits, "RTT18", unit="%", title="Patients waiting under 18 weeks")
    make_target(rtt, value="92")
    fill(rtt, [93] * 9 + [85, 93, 93])  # goes off target in July: follows June's
    make_measure(waits, "FFT", title="Not a waiting time")
    ServiceDependency.objects.create(unit=general, provider=imaging, note="CT scans")
    return imaging


def page(client, user, query="?as_at=2026-09"):
    client.force_login(user)
    return client.get(reverse("dashboards:bottlenecks") + query)


def test_the_page_shows_each_provider_its_dependants_waits_and_coincidences(
    client, imaging, analyst
):
    response = page(client, analyst)
    assert response.status_code == 200
    (provider,) = response.context["providers"]
    assert provider.unit.code == "NHT-IMG"
    assert [w.measure.code for w in provider.measures] == ["IMGTAT"]
    (dependant,) = provider.dependants
    assert [w.measure.code for w in dependant.measures] == ["RTT18"]
    assert [m.key for m in provider.timeline][-4:] == [
        "coincides",
        "dependants",
        "none",
        "none",
    ]
    text = response.content.decode()
    assert "Patients waiting under 18 weeks" in text
    assert "Not a waiting time" not in text
    assert "Coincide" in text


def test_a_provider_s_staffing_measures_do_not_count_toward_its_concern(client, imaging, analyst):
    scorecard = imaging.scorecard
    staff = make_objective(scorecard, "L1", "Learning and growth")
    sickness = make_measure(staff, "SICK", direction=Direction.LOWER_IS_BETTER)
    make_target(sickness, value="3")
    fill(sickness, [9] * 12)
    (provider,) = page(client, analyst).context["providers"]
    assert [w.measure.code for w in provider.service_measures] == ["IMGTAT"]
    assert [m.key for m in provider.timeline][-4:-1] == ["coincides", "dependants", "none"]


@pytest.mark.parametrize("persona", ["trust_admin", "analyst"])
def test_trust_wide_roles_see_the_provider(client, imaging, request, persona):
    response = page(client, request.getfixturevalue(persona))
    assert [p.unit.code for p in response.context["providers"]] == ["NHT-IMG"]


def test_a_manager_who_cannot_see_the_provider_gets_a_friendly_empty_page(
    client, imaging, directorate_manager
):
    response = page(client, directorate_manager)
    assert response.status_code == 200
    assert response.context["providers"] == []
    assert "There are no services you can see" in response.content.decode()


def test_an_outsider_gets_a_friendly_empty_page(client, imaging, outsider):
    response = page(client, outsider)
    assert response.status_code == 200
    assert response.context["providers"] == []


def test_dependants_the_user_cannot_see_are_only_counted(client, imaging):
    user = make_user("frank")
    grant(user, imaging, Role.MANAGER)
    response = page(client, user)
    (provider,) = response.context["providers"]
    assert provider.dependants == []
    assert provider.hidden_dependants == 1
    assert "Patients waiting under 18 weeks" not in response.content.decode()


def test_a_root_narrows_the_page_to_dependencies_touching_its_subtree(client, imaging, analyst):
    assert len(page(client, analyst, "?unit=surgery").context["providers"]) == 1
    assert len(page(client, analyst, "?unit=imaging").context["providers"]) == 1
    assert page(client, analyst, "?unit=medicine").context["providers"] == []


def test_a_root_the_user_cannot_see_is_a_404(client, imaging, directorate_manager):
    assert page(client, directorate_manager, "?unit=imaging").status_code == 404
    assert page(client, directorate_manager, "?unit=no-such-unit").status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, imaging):
    assert client.get(reverse("dashboards:bottlenecks")).status_code == 302


def test_the_page_is_read_only(client, imaging, analyst):
    client.force_login(analyst)
    assert client.post(reverse("dashboards:bottlenecks")).status_code == 405


def test_the_home_page_links_to_it(client, analyst):
    client.force_login(analyst)
    assert (
        reverse("dashboards:bottlenecks").encode()
        in client.get(reverse("dashboards:home")).content
    )


def grow(count):
    trust = make_unit("Northshire trust", Kind.TRUST, code="NHT")
    imaging = make_unit("Imaging", Kind.SERVICE, parent=trust, code="NHT-IMG")
    fill(make_measure(make_objective(make_scorecard(imaging), "P6"), "IMGTAT"), [90, 91])
    for number in range(count):
        unit = make_unit(f"Department {number}", parent=trust)
        fill(make_measure(make_objective(make_scorecard(unit), "C1"), "RTT18"), [90, 91])
        ServiceDependency.objects.create(unit=unit, provider=imaging)
    return trust


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_reads_the_same_queries_for_3_dependants_and_30(
    client, db, django_assert_max_num_queries, count
):
    grow(count)
    user = make_user("dana")
    grant(user, OrganisationUnit.objects.get(code="NHT"), Role.ANALYST)
    client.force_login(user)
    # 10 at both sizes: session, user, dependencies, visible dependants,
    # measures, their targets, values and rebases, targets again for the
    # months of concern, and the frameworks' memberships for the menu; the top unit
    # shown and whether the month is closed for it.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboards:bottlenecks") + "?as_at=2026-09")
    assert len(response.context["providers"][0].dependants) == count
