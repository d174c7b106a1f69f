"""Only the measure's owner or the unit's lead restarts its limits, with a reason (kept).

The case seen: any manager could restart limits, a directorate manager those of
every department below, so a bad run could be hidden by someone who does not run
the process.
"""

from datetime import date

import pytest
from django.urls import reverse

from measures.models import Rebase
from organisations.models import Role
from tests.factories import grant, make_measure, make_objective, make_scorecard, make_user
from tests.scorecard.dashboard_data import fill

SLUG = "general-surgery"
RESTART = {"rebase-period": "2026-01", "rebase-reason": "New referral pathway from January"}


@pytest.fixture
def waits(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    measure = make_measure(objective, "WAIT", unit="days")
    fill(measure, [10, 12, 11, 9, 10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9])
    return measure


def restart(client, user):
    client.force_login(user)
    return client.post(reverse("measures:rebase_add", args=[SLUG, "WAIT"]), RESTART)


def test_the_units_own_manager_restarts_with_a_reason(client, waits, department_manager):
    response = restart(client, department_manager)

    assert response.status_code == 302
    rebase = Rebase.objects.get()
    assert (rebase.period, rebase.reason) == (date(2026, 1, 1), RESTART["rebase-reason"])
    assert rebase.created_by == department_manager


def test_a_manager_of_the_directorate_above_may_not(client, waits, directorate_manager):
    client.force_login(directorate_manager)
    page = client.get(reverse("measures:measure", args=[SLUG, "WAIT"]))

    response = restart(client, directorate_manager)

    assert response.status_code == 403
    assert not Rebase.objects.exists()
    text = page.content.decode()
    assert "Restart the limits after a change to the process" not in text


def test_the_owner_named_by_account_restarts_though_only_an_analyst(client, units, waits):
    owner = make_user("olivia", first_name="Olivia", last_name="Owen")
    grant(owner, units["NHT-SURG"], Role.ANALYST)
    waits.owner_account = owner
    waits.save()

    assert restart(client, owner).status_code == 302
    assert Rebase.objects.get().created_by == owner


def test_another_analyst_may_not(client, waits, analyst):
    assert restart(client, analyst).status_code == 403
    assert not Rebase.objects.exists()


def test_an_admin_may(client, waits, trust_admin):
    assert restart(client, trust_admin).status_code == 302


def test_a_restart_is_removed_only_by_those_who_may_make_one(
    client, waits, department_manager, directorate_manager
):
    rebase = Rebase.objects.create(measure=waits, period=date(2026, 1, 1), reason="Pathway")
    url = reverse("measures:rebase_delete", args=[SLUG, "WAIT", rebase.pk])

    client.force_login(directorate_manager)
    assert client.post(url).status_code == 403
    client.force_login(department_manager)
    assert client.post(url).status_code == 302
    assert not Rebase.objects.exists()


def test_the_sheet_names_an_owner_from_the_people_who_see_the_unit(
    client, units, waits, department_manager
):
    grant(make_user("olivia", first_name="Olivia", last_name="Owen"), units["NHT"], Role.ANALYST)
    grant(make_user("mallory"), units["NHT-MED"], Role.MANAGER)
    client.force_login(department_manager)

    form = client.get(reverse("builder:measure_edit", args=[SLUG, waits.pk])).context["form"]

    offered = [label for _, label in form.fields["owner_account"].choices]
    assert "Olivia Owen (olivia)" in offered
    assert not any("mallory" in label for label in offered)
