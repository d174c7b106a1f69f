"""The board pack: a unit's integrated performance report for a month, as a page.

The case seen: trusts build it by hand from screenshots; the app's dashboard
printed to half-empty pages, and "latest comment" beside an exception was
stale and undated.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from scorecard.closing.services import close_month
from scorecard.models import PackCover
from tests.factories import make_measure, make_target
from tests.scorecard.dashboard_data import AS_AT, fill

GS = "general-surgery"


def pack_url(slug=GS, month=AS_AT):
    return reverse("pack:pack", args=[slug]) + f"?as_at={month:%Y-%m}"


def cover_url(slug=GS, month=AS_AT):
    return reverse("pack:cover", args=[slug]) + f"?as_at={month:%Y-%m}"


def test_the_pack_has_a_cover_summary_perspective_pages_exceptions_and_sheets(
    client, pack_card, analyst
):
    client.force_login(analyst)

    response = client.get(pack_url())

    text = " ".join(response.content.decode().split())
    assert "General Surgery: integrated performance report, September 2026" in text
    assert "DRAFT</strong> September 2026 is not closed" in text
    assert "The cover's purpose, recommendation and key messages are not written yet" in text
    assert "Must-not-fail measures" in text
    assert "NEVER</a> Measure NEVER: " in text
    # RTT18 is in the matrix's cell, with its row and its exception page.
    pack = response.context["pack"]
    (page,) = pack.exceptions
    assert page.line.measure.code == "RTT18"
    assert page.figure is not None
    assert [a.description for a in page.actions] == ["Book weekend lists"]
    assert "Waits rose as lists were cancelled." in text
    assert "Past the action trigger" in text
    rtt_row = next(
        row for rows in pack.rows.values() for row in rows if row.line.measure.code == "RTT18"
    )
    assert (rtt_row.previous.value, rtt_row.change) == (D("71"), D("-13"))
    assert rtt_row.change_words == "down 13.0%"
    assert "Appendix: the measure sheets" in text


def test_a_closed_month_pack_is_as_reported(client, pack_card, analyst, performance_lead, units):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    client.force_login(analyst)

    text = " ".join(client.get(pack_url()).content.decode().split())

    assert "DRAFT" not in text
    assert "As reported</strong> Data as reported on" in text


def test_the_units_lead_writes_the_cover_and_five_messages_at_most(
    client, pack_card, department_manager, directorate_manager
):
    data = {
        "purpose": "assurance",
        "recommendation": "Note the position and the recovery actions.",
        "key_messages": "\n".join(f"Message {n}" for n in range(6)),
        "author": "Tom Hughes, general manager",
        "lead_director": "Chief Operating Officer",
    }
    client.force_login(directorate_manager)  # a manager above is not the lead
    assert client.get(cover_url()).status_code == 403
    client.force_login(department_manager)

    refused = client.post(cover_url(), data)
    assert "Give at most 5 key messages, one on each line: there are 6" in (
        refused.content.decode()
    )
    assert not PackCover.objects.exists()

    data["key_messages"] = "Waits are off plan.\n\n  Recovery by March.  "
    assert client.post(cover_url(), data).status_code == 302
    text = " ".join(client.get(pack_url()).content.decode().split())
    assert "<li>Waits are off plan.</li><li>Recovery by March.</li>" in text
    assert "For assurance" in text


@pytest.mark.parametrize("extra", [2, 12])
def test_the_pack_reads_the_same_queries_at_two_sizes(
    client, pack_card, analyst, extra, django_assert_num_queries
):
    objective = pack_card.objectives.get()
    for number in range(extra):
        measure = make_measure(objective, f"M{number}", unit="%")
        make_target(measure, value="92", tolerance=D(2), action_trigger=D(60))
        fill(measure, [55] * 15)  # past the trigger: an exception page each
    client.force_login(analyst)

    with django_assert_num_queries(QUERIES):
        response = client.get(pack_url())

    assert len(response.context["pack"].exceptions) == 1 + extra


# The dashboard's reads (tests/scorecard/test_dashboard.py), the cover, the root of the
# tree, the exception actions, and the PDFs published and asked for: the same at any
# number of measures.
QUERIES = 28


def test_a_unit_without_a_scorecard_has_no_pack(client, units, analyst):
    client.force_login(analyst)
    assert client.get(pack_url("theatres")).status_code == 404
