"""Values of a closed month: the entry page says what was reported and asks why; import refuses."""

from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cycle.models import ReportedMeasure
from measures.models import Observation
from scorecard.closing.services import close_month
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.measures.transfer_data import csv_file, row
from tests.scorecard.dashboard_data import AS_AT, fill

GS = "general-surgery"


@pytest.fixture
def rtt(units, performance_lead):
    """General Surgery's RTT18, 62.7% in September 2026, which is closed."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measure = make_measure(objective, "RTT18", unit="%", decimals=1)
    make_target(measure, value="60", tolerance=D(5))
    fill(measure, ["61.0", "62.7"])
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    return measure


def entry_url():
    return reverse("measures:entry", args=[GS, AS_AT])


def typed(client, measure, value, reason=None):
    """Post the entry page as the browser would, with `value` typed over the saved one."""
    prefix = f"m{measure.pk}"
    data = {
        "action": "save",
        f"{prefix}-value": value,
        f"initial-{prefix}-value": "62.7",
        f"{prefix}-comment": "Note Sep",
        f"initial-{prefix}-comment": "Note Sep",
        f"{prefix}-version": "1",
    }
    if reason is not None:
        data["correction_reason"] = reason
    return client.post(entry_url(), data)


def test_the_entry_page_says_the_month_is_closed_and_what_was_reported(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    text = client.get(entry_url()).content.decode()
    assert "September 2026 is closed for General Surgery" in text
    assert "September 2026 is closed: reported 62.7%" in text
    assert "Reason for the correction" in text


def test_a_change_without_a_reason_is_refused_beside_the_field_and_kept(
    client, rtt, department_manager
):
    client.force_login(department_manager)

    response = typed(client, rtt, "61.7")

    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "September 2026 is closed: reported 62.7%. Give the reason for the correction below "
        "to change it." in text
    )
    assert "Give the reason for the correction: September 2026 is closed" in text
    assert 'value="61.7"' in text
    assert Observation.objects.get(measure=rtt, period=AS_AT).value == D("62.7")


def test_a_change_with_a_reason_is_saved_as_a_correction_and_the_record_kept(
    client, rtt, department_manager
):
    client.force_login(department_manager)

    response = typed(client, rtt, "61.7", reason="Two patients counted twice")

    assert response.status_code == 302
    observation = Observation.objects.get(measure=rtt, period=AS_AT)
    assert observation.value == D("61.7")
    assert (
        observation.history.latest("history_date").history_change_reason
        == "Corrected after close: Two patients counted twice"
    )
    assert ReportedMeasure.objects.get(measure=rtt).value == D("62.7")


def test_an_import_into_a_closed_month_is_refused_row_by_row(client, rtt, department_manager):
    client.force_login(department_manager)
    file = csv_file([row(measure="RTT18", period="2026-09", value="61.7")])

    response = client.post(reverse("measures:import_values", args=[GS]), {"file": file})

    text = response.content.decode()
    assert "September 2026 is closed for General Surgery (closed on" in text
    assert "Correct it on the entry page, which asks for the reason." in text
    assert Observation.objects.get(measure=rtt, period=AS_AT).value == D("62.7")


def test_the_import_command_refuses_a_closed_month(rtt, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_file([row(measure="RTT18", period="2026-09", value="61.7")]).read())

    with pytest.raises(CommandError, match="in a closed month: nothing was imported"):
        call_command("import_observations", str(path))
    assert Observation.objects.get(measure=rtt, period=AS_AT).value == D("62.7")
