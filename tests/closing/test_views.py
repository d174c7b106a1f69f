"""The closing pages: each for the right people, with what it says and what it writes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle.models import MonthClose, ReportedUnit
from scorecard.closing.services import close_month
from scorecard.lib import periods
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill

GS, SURGERY = "general-surgery", "surgery"
MONTH = f"{AS_AT:%Y-%m}"


@pytest.fixture
def cards(units):
    """General Surgery with two measures, one of them without September's value; Theatres empty."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", title="Cut waits")
    rtt = make_measure(objective, "RTT18", unit="%", title="Within 18 weeks")
    make_target(rtt, value="92")
    fill(rtt, [62.7, 63.1])
    make_measure(objective, "LOS", unit="days", title="Length of stay")
    make_scorecard(units["NHT-SURG-TH"])
    return rtt


def test_the_close_page_shows_completion_and_what_will_be_frozen(client, cards, performance_lead):
    client.force_login(performance_lead)
    response = client.get(reverse("closing:close", args=[SURGERY]) + f"?month={MONTH}")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Close a month for Surgery" in text
    assert "Incomplete" in text or "Overdue" in text
    assert "1 of 2 entered: missing LOS (Sep 2026)" in text
    assert "The reported record of 2 units, 2 measures in all" in text
    assert "General Surgery: 2 measures" in text
    assert "Close September 2026 for Surgery" in text


def test_choosing_another_unit_opens_its_close_page(client, cards, performance_lead):
    client.force_login(performance_lead)
    url = reverse("closing:close", args=[SURGERY])
    response = client.get(url + f"?unit={GS}&month={MONTH}")
    assert response.url == reverse("closing:close", args=[GS]) + f"?month={MONTH}"


def test_confirming_closes_the_month_and_lists_it(client, cards, performance_lead):
    client.force_login(performance_lead)
    response = client.post(reverse("closing:close", args=[SURGERY]), {"month": MONTH})

    assert response.url == reverse("closing:reported", args=[SURGERY])
    close = MonthClose.objects.get()
    assert (close.unit.slug, close.month, close.by) == (SURGERY, AS_AT, performance_lead)
    page = client.get(response.url).content.decode()
    assert "September 2026 is closed for Surgery" in page
    assert "Version 1" in page
    assert ReportedUnit.objects.get(unit__slug=GS).content_hash in page


def test_closing_twice_is_refused_beside_the_month(client, cards, performance_lead, units):
    close_month(unit=units["NHT-SURG-GS"], month=AS_AT, user=performance_lead)
    client.force_login(performance_lead)

    response = client.post(reverse("closing:close", args=[SURGERY]), {"month": MONTH})

    assert response.status_code == 200
    text = response.content.decode()
    assert "September 2026 is already closed for General Surgery on" in text
    assert 'id="id_month_error"' in text or "nhsuk-error-message" in text
    assert 'value="2026-09"' in text
    assert MonthClose.objects.count() == 1


def test_a_month_not_ended_is_refused_beside_the_field(client, cards, performance_lead):
    client.force_login(performance_lead)
    response = client.post(reverse("closing:close", args=[SURGERY]), {"month": "2099-01"})
    assert "January 2099 has not ended yet" in response.content.decode()
    assert not MonthClose.objects.exists()


def test_reopening_needs_a_reason_and_keeps_what_was_typed(client, cards, performance_lead, units):
    close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)
    client.force_login(performance_lead)
    url = reverse("closing:reopen", args=[SURGERY])

    response = client.post(url, {"month": MONTH, "reason": "  "})

    assert response.status_code == 200
    assert "Say why the month is being reopened" in response.content.decode()
    assert 'value="2026-09"' in response.content.decode()
    assert not ReportedUnit.objects.filter(reopened__isnull=False).exists()

    response = client.post(url, {"month": MONTH, "reason": "Late validation"})
    assert response.url == reverse("closing:reported", args=[SURGERY])
    assert MonthClose.objects.get(action="reopen").reason == "Late validation"
    page = client.get(response.url).content.decode()
    assert "because: Late validation" in page


def test_a_version_is_a_table_of_its_measures(client, cards, performance_lead, analyst, units):
    close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)
    record = ReportedUnit.objects.get(unit__slug=GS)
    client.force_login(analyst)

    response = client.get(reverse("closing:version", args=[GS, record.pk]))

    text = response.content.decode()
    assert "General Surgery, September 2026: version 1" in text
    assert "RTT18 Within 18 weeks" in text
    assert "63.100000" in text
    assert "No value" in text  # LOS has none


def test_a_version_of_another_unit_is_not_found_through_this_one(
    client, cards, performance_lead, units
):
    close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)
    theatres = ReportedUnit.objects.get(unit__slug="theatres")
    client.force_login(performance_lead)
    response = client.get(reverse("closing:version", args=[GS, theatres.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "directorate_manager"])
@pytest.mark.parametrize("name", ["closing:close", "closing:reopen"])
def test_analysts_and_managers_may_not_close_or_reopen(request, client, cards, persona, name):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(name, args=[SURGERY])
    assert client.get(url).status_code == 403
    assert client.post(url, {"month": MONTH, "reason": "x"}).status_code == 403
    assert not MonthClose.objects.exists()


def test_the_reported_page_answers_get_only(client, cards, analyst):
    client.force_login(analyst)
    url = reverse("closing:reported", args=[SURGERY])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_reason_of_invisible_characters_is_no_reason(client, units, performance_lead):
    """A zero-width space reads as blank to everyone: reopening needs a reason one can read."""
    fill(make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1"), "M1"), [1])
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    client.force_login(performance_lead)

    response = client.post(
        reverse("closing:reopen", args=[units["NHT"].slug]),
        {"month": f"{AS_AT:%Y-%m}", "reason": "\u200b\u2060 "},
    )

    assert response.status_code == 200
    assert "Say why the month is being reopened" in response.content.decode()
    assert ReportedUnit.objects.filter(reopened__isnull=True).exists()


def test_the_month_chosen_is_kept_in_the_address_as_typed(client, units, performance_lead):
    client.force_login(performance_lead)
    response = client.get(
        reverse("closing:close", args=[units["NHT-SURG"].slug]),
        {"unit": units["NHT-SURG-GS"].slug, "month": "2026-10&unit=evil"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?month=2026-10%26unit%3Devil")


def test_closing_before_the_due_date_asks_to_be_sure(client, units, performance_lead, settings):
    # Values due 25 working days after a month ends: the latest month's are always still due.
    settings.REPORTING_WORKING_DAYS = 25
    latest = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    fill(
        make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1"), "M1"),
        [1],
        end=latest,
    )
    client.force_login(performance_lead)
    url = reverse("closing:close", args=[units["NHT"].slug])

    page = client.get(url, {"month": f"{latest:%Y-%m}"}).content.decode()
    refused = client.post(url, {"month": f"{latest:%Y-%m}"})
    closed = client.post(url, {"month": f"{latest:%Y-%m}", "before_due": "yes"})

    assert "Close it before the due date" in page
    assert refused.status_code == 200
    assert "closing now makes any value entered after it a correction" in refused.content.decode()
    assert closed.status_code == 302
    assert ReportedUnit.objects.filter(month=latest).exists()


def test_the_reopen_page_lists_the_months_closed(client, units, performance_lead):
    fill(make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1"), "M1"), [1])
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    client.force_login(performance_lead)

    page = client.get(reverse("closing:reopen", args=[units["NHT-SURG"].slug]))

    assert "Closed now for Surgery or a unit below it: September 2026." in page.content.decode()
