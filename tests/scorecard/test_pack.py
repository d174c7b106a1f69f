"""The board pack: a unit's integrated performance report for a month, as a page.

The case seen: trusts build it by hand from screenshots; the app's dashboard
printed to half-empty pages, and "latest comment" beside an exception was
stale and undated.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.urls import reverse

from cycle.models import ReportedMeasure
from measures import recording
from measures.models import Alignment, ExceptionReport, KeyTarget, Measure, Rebase
from measures.recording import Change
from measures.values import MeasuredValue
from organisations.models import OrganisationUnit, ServiceDependency
from scorecard.closing.services import close_month
from scorecard.models import PackCover
from scorecard.pack.services import save_cover
from tests.factories import make_measure, make_objective, make_scorecard, make_target
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


def test_a_closed_month_revised_after_close_shows_the_figures_reported(
    client, pack_card, analyst, performance_lead, units
):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    rtt = Measure.objects.get(code="RTT18")
    outcome = recording.record(
        [Change(rtt, AS_AT, MeasuredValue(D("66")))],
        performance_lead,
        correction_reason="Validated list",
    )
    assert outcome.updated == 1
    client.force_login(analyst)

    reported = client.get(pack_url())
    latest = client.get(pack_url() + "&figures=latest")

    (page,) = reported.context["pack"].exceptions
    assert page.line.observation.value == D("58")
    assert "revised since" in " ".join(reported.content.decode().split())
    rows = latest.context["pack"].rows
    rtt_now = next(r for rs in rows.values() for r in rs if r.line.measure.code == "RTT18")
    assert rtt_now.line.observation.value == D("66")


def test_a_closed_months_exception_page_charts_the_month_as_reported(
    client, pack_card, analyst, performance_lead, units
):
    """The values kept, the target then and the limits the month was judged by, drawn from
    the last restart recorded before the close; one recorded after it changes nothing."""
    rtt = Measure.objects.get(code="RTT18")
    Rebase.objects.create(measure=rtt, period=date(2025, 9, 1), reason="New pathway")
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    Rebase.objects.create(measure=rtt, period=date(2026, 6, 1), reason="Recorded later")
    reported = ReportedMeasure.objects.get(measure=rtt, reported_unit__reopened=None)
    client.force_login(analyst)

    response = client.get(pack_url())

    (page,) = response.context["pack"].exceptions
    traces = {trace["name"]: trace for trace in page.figure["data"]}
    assert len(traces["Value"]["y"]) == len(reported.series)
    assert traces["Mean"]["x"] == ["2025-09-01", "2026-09-01"]
    assert traces["Mean"]["y"] == [reported.mean, reported.mean]
    assert set(traces["Target"]["y"]) == {92.0}
    assert "with the mean and process limits Sep 2026 was judged by" in response.content.decode()


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
    client, pack_card, analyst, units, extra, django_assert_num_queries
):
    """Each size adds measures with exception pages, placed against a key target, and
    measures of Theatres, which relies on General Surgery's service."""
    objective = pack_card.objectives.get()
    key_target = KeyTarget.objects.create(code="RTT18", name="18 weeks")
    ServiceDependency.objects.create(unit=units["NHT-SURG-TH"], provider=units["NHT-SURG-GS"])
    theatres = make_objective(make_scorecard(units["NHT-SURG-TH"]), "P1")
    for number in range(extra):
        measure = make_measure(objective, f"M{number}", unit="%")
        make_target(measure, value="92", tolerance=D(2), action_trigger=D(60))
        fill(measure, [55] * 15)  # past the trigger: an exception page each
        Alignment.objects.create(
            key_target=key_target, scorecard=pack_card, kind="supports", measure=measure
        )
        fill(make_measure(theatres, f"TH{number}"), [90] * 15)
    client.force_login(analyst)

    with django_assert_num_queries(QUERIES):
        response = client.get(pack_url())

    assert len(response.context["pack"].exceptions) == 1 + extra


# The dashboard's reads (tests/scorecard/test_dashboard.py), the cover, the root of the
# tree, the exception actions, the key targets' placings, the services relied on
# (scorecard/dashboards/bottlenecks.py), and the PDFs published (this month and others)
# and asked for: the same at any number of measures.
QUERIES = 37


def test_a_unit_without_a_scorecard_has_no_pack(client, units, analyst):
    client.force_login(analyst)
    assert client.get(pack_url("theatres")).status_code == 404


def test_the_pack_shows_the_key_target_review_and_the_services_relied_on(
    client, pack_card, analyst, units
):
    key_target = KeyTarget.objects.create(code="RTT18", name="18 weeks referral to treatment")
    rtt = Measure.objects.get(code="RTT18")
    Alignment.objects.create(
        key_target=key_target, scorecard=pack_card, kind="supports", measure=rtt
    )
    Alignment.objects.create(
        key_target=key_target, scorecard=pack_card, kind="missing", description="Validated list"
    )
    ServiceDependency.objects.create(unit=units["NHT-SURG-GS"], provider=units["NHT-SURG-TH"])
    theatres = make_objective(make_scorecard(units["NHT-SURG-TH"]), "P1")
    fill(make_measure(theatres, "PATHTAT", unit="%"), [90] * 15)
    make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    client.force_login(analyst)

    text = " ".join(client.get(pack_url()).content.decode().split())
    surgery = " ".join(client.get(pack_url("surgery")).content.decode().split())

    assert '<th scope="row" class="nhsuk-table__cell">18 weeks referral to treatment</th>' in text
    assert "RTT18 (Off target)" in text
    assert "Validated list" in text
    # Theatres is outside General Surgery's subtree: its pack, which every reader of
    # General Surgery may download, shows no figure of Theatres, whoever reads it.
    assert "PATHTAT" not in text
    assert "No service that General Surgery relies on, or gives others, is recorded." in text
    # Surgery's pack covers both: Theatres, and General Surgery relying on it.
    assert "<strong>Theatres</strong>: 1 unit relies on it. Months coinciding: none." in surgery
    assert "PATHTAT: No target." in surgery


def test_an_exception_chart_draws_the_reports_revised_trajectory(client, pack_card, analyst):
    ExceptionReport.objects.filter(measure__code="RTT18").update(
        revised_trajectory=[["2026-10-01", "64"], ["2026-11-01", "70.5"]]
    )
    client.force_login(analyst)

    response = client.get(pack_url())

    (page,) = response.context["pack"].exceptions
    planned = next(t for t in page.figure["data"] if t["name"] == "Revised trajectory")
    # From September's value, 58%, through the two months planned.
    assert planned["x"] == ["2026-09-01", "2026-10-01", "2026-11-01"]
    assert planned["y"] == [58.0, 64.0, 70.5]
    assert page.figure["layout"]["xaxis"]["range"][1] > "2026-11-01"
    assert "dashed, the revised trajectory" not in response.content.decode()
    assert "and the revised trajectory of its exception report" in response.content.decode()


# Writers at once.


def save_cover_as(unit_pk, writer):
    try:
        save_cover(
            OrganisationUnit.objects.get(pk=unit_pk),
            AS_AT,
            {
                "purpose": "assurance",
                "recommendation": f"Writer {writer}'s recommendation",
                "key_messages": f"Writer {writer}'s message",
                "author": f"Writer {writer}",
                "lead_director": f"Writer {writer}'s director",
            },
            None,
        )
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seeded_frameworks")
def test_people_writing_a_months_cover_at_once_leave_one_whole_cover(units):
    from concurrent.futures import ThreadPoolExecutor

    unit = units["NHT-SURG-GS"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(save_cover_as, unit.pk, writer) for writer in range(6)]
        for job in jobs:
            job.result()  # no writer fails: no twin cover is ever inserted

    (cover,) = PackCover.objects.filter(unit=unit, month=AS_AT)
    writer = cover.author.split()[1]
    assert cover.recommendation == f"Writer {writer}'s recommendation"  # one writer's, whole
    assert cover.lead_director == f"Writer {writer}'s director"


def test_the_perspective_pages_draw_thirteen_months(client, pack_card, analyst):
    client.force_login(analyst)

    response = client.get(pack_url())

    rows = response.context["pack"].rows
    rtt = next(row for rows in rows.values() for row in rows if row.line.measure.code == "RTT18")
    assert len(rtt.trend) == 13
    assert rtt.sparkline_text == "13 values from Sep 2025 to Sep 2026"
    assert 'aria-label="Trend: 13 values from Sep 2025 to Sep 2026"' in response.content.decode()


def test_a_totals_exception_page_lists_the_reports_of_the_units_below(
    client, pack_card, analyst, department_manager, units
):
    surgery = make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    total = make_measure(surgery, "RTT18", unit="%", decimals=1, is_computed=True, rollup="mean")
    make_target(total, value="92", tolerance=D(2), action_trigger=D(60))
    fill(total, [70 + (n % 3) for n in range(14)] + [58])
    client.force_login(analyst)

    response = client.get(pack_url("surgery"))

    (page,) = response.context["pack"].exceptions
    assert [report.measure.objective.scorecard.unit.name for report in page.below] == [
        "General Surgery"
    ]
    text = " ".join(response.content.decode().split())
    assert "The reports of the units below" in text
    assert "<strong>General Surgery</strong> (charlie, 7 Oct 2026): Waits rose" in text


def test_a_month_with_no_values_says_so_at_the_top(client, pack_card, analyst):
    client.force_login(analyst)

    text = " ".join(client.get(pack_url(month=date(2020, 1, 1))).content.decode().split())

    assert "No values for January 2020" in text
    assert "None of General Surgery's measures has a value for January 2020" in text
    assert "No values for" not in " ".join(client.get(pack_url()).content.decode().split())


def test_a_cover_for_a_wrong_month_is_refused_not_written_for_another(
    client, pack_card, department_manager
):
    client.force_login(department_manager)
    data = {
        "purpose": "assurance",
        "recommendation": "Note the position",
        "key_messages": "Waits are off plan.",
        "author": "Charlie",
        "lead_director": "Chief Operating Officer",
    }

    response = client.post(reverse("pack:cover", args=[GS]) + "?as_at=2099-01", data, follow=True)

    assert "January 2099 is in the future" in response.content.decode()
    assert not PackCover.objects.exists()
