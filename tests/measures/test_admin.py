"""Settings › Observations: values are read there, never written (issue 13, item 17).

A value is written only through measures.recording.record; the admin's own
form skipped every rule (a count of -3.5 was accepted).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Observation
from tests.factories import make_measure, make_objective, make_observation, make_scorecard


@pytest.fixture
def observation(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measure = make_measure(objective, "FALLS", unit="count", decimals=0)
    observation = make_observation(measure, period=date(2026, 4, 1), value="3")
    observation.value = Decimal("4")
    observation.save()
    return observation


def url(name, *args):
    return reverse(f"admin:measures_observation_{name}", args=args)


def test_an_admin_cannot_add_a_value_there(client, trust_admin, observation):
    client.force_login(trust_admin)

    assert client.get(url("add")).status_code == 403
    response = client.post(
        url("add"),
        {"measure": observation.measure_id, "period": "2026-05-01", "value": "-3.5"},
    )

    assert response.status_code == 403
    assert Observation.objects.count() == 1


def test_an_admin_reads_a_value_but_cannot_change_it(client, trust_admin, observation):
    client.force_login(trust_admin)

    page = client.get(url("change", observation.pk))
    response = client.post(
        url("change", observation.pk),
        {"measure": observation.measure_id, "period": "2026-04-01", "value": "-3.5"},
    )

    assert page.status_code == 200
    assert '<input type="submit" value="Save"' not in page.content.decode()
    assert response.status_code == 403
    observation.refresh_from_db()
    assert observation.value == 4


def test_an_admin_cannot_delete_a_value_there(client, trust_admin, observation):
    client.force_login(trust_admin)

    assert client.get(url("delete", observation.pk)).status_code == 403
    assert client.post(url("delete", observation.pk), {"post": "yes"}).status_code == 403
    changelist = client.post(
        url("changelist"),
        {"action": "delete_selected", "_selected_action": [observation.pk], "post": "yes"},
    )

    assert changelist.status_code in (200, 302)
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_an_admin_reads_a_values_history_but_cannot_revert_it(client, trust_admin, observation):
    client.force_login(trust_admin)
    first = observation.history.order_by("history_id").first()

    history = client.get(url("history", observation.pk))
    old_version = url("simple_history", observation.pk, first.history_id)
    shown = client.get(old_version)
    revert = client.post(old_version, {})

    assert history.status_code == 200
    assert shown.status_code == 200
    assert revert.status_code == 403
    observation.refresh_from_db()
    assert observation.value == 4
    assert observation.history.count() == 2


def test_the_pages_say_where_values_are_entered(client, trust_admin, observation):
    client.force_login(trust_admin)

    for page in (client.get(url("changelist")), client.get(url("change", observation.pk))):
        assert "Values are read-only here" in page.content.decode()
        assert "Enter values" in page.content.decode()
