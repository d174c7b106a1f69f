"""Pages showing a closed month read its reported record, and say what was revised since."""

import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cycle.models import ReportedUnit
from measures.models import Alignment, KeyTarget, Rebase
from measures.recording import Change, record
from measures.status import Status
from measures.values import MeasuredValue
from scorecard.closing.services import close_month, reopen_month
from scorecard.lib import periods
from tests.factories import make_measure, make_objective, make_scorecard, make_target, make_unit
from tests.scorecard.dashboard_data import AS_AT, fill, scored

SLUG = "general-surgery"
UNIT = reverse("dashboards:unit", args=[SLUG])


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    waits = make_objective(scorecard, "C1", "Customer", title="Cut waits")
    rtt = make_measure(waits, "RTT18", unit="%", title="Within 18 weeks")
    make_target(rtt, value="62", tolerance=D(1), action_trigger=D("60"))
    fill(rtt, [62.5, 62.1, 62.9, 62.4, 62.8, 62.2, 62.6, 62.3, 62.7, 62.5, 62.4, 62.6, 62.7])
    return scorecard


def reported(scorecard, month, by):
    """Close the month for the scorecard's unit, as a performance lead does."""
    close_month(unit=scorecard.unit, month=month, user=by)
    return ReportedUnit.objects.get(unit=scorecard.unit, month=month, reopened__isnull=True)


def correct(measure, period, value, user, reason):
    """A manager's correction after close, with its reason."""
    outcome = record(
        [Change(measure, period, MeasuredValue(D(value)), comment=None)],
        user,
        correction_reason=reason,
    )
    assert outcome.saved


def page(client, user, query):
    client.force_login(user)
    return client.get(UNIT + query)


def test_a_closed_month_shows_the_reported_figures_after_a_correction(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    before = page(client, analyst, "?as_at=2026-09")
    correct(
        rtt, AS_AT, "59.5", department_manager, "Validated waiting list: 31 clock stops missed"
    )

    after = page(client, analyst, "?as_at=2026-09")

    line = after.context["dashboard"].measures[0]
    assert line.observation.value == D("62.7")
    assert line.status.label == "On target"
    text = after.content.decode()
    assert "as reported on" in text
    assert "(closed)" in text
    assert "Revised since reported: was 62.7%, now 59.5%" in text
    assert "because: Validated waiting list: 31 clock stops missed" in text
    # Every figure the page showed before the correction, it shows after it.
    for figure in ("62.7%", before.context["dashboard"].rollup.in_words):
        assert figure in before.content.decode()
        assert figure in text


def test_the_latest_figures_are_a_click_away(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    correct(rtt, AS_AT, "59.5", department_manager, "Late validation")

    response = page(client, analyst, "?as_at=2026-09&figures=latest")

    line = response.context["dashboard"].measures[0]
    assert line.observation.value == D("59.5")
    assert line.status.label == "Off target"
    text = response.content.decode()
    assert "latest, including revisions" in text
    assert "Show the figures as reported" in text


def test_a_new_target_and_a_restart_change_nothing_reported(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    before = page(client, analyst, "?as_at=2026-09").context["dashboard"].measures[0]
    make_target(rtt, effective_from=date(2026, 4, 1), value="92", tolerance=D(2))
    Rebase.objects.create(measure=rtt, period=date(2026, 6, 1), reason="New pathway")

    after = page(client, analyst, "?as_at=2026-09").context["dashboard"].measures[0]

    assert (after.target.value, after.status, after.score) == (
        before.target.value,
        before.status,
        before.score,
    )
    assert (after.variation, after.assurance, after.not_judged) == (
        before.variation,
        before.assurance,
        before.not_judged,
    )
    latest = page(client, analyst, "?as_at=2026-09&figures=latest").context["dashboard"]
    assert latest.measures[0].target.value == 92


def test_a_reopened_month_is_worked_out_again(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    reopen_month(unit=scorecard.unit, month=AS_AT, user=performance_lead, reason="Late validation")
    correct(rtt, AS_AT, "59.5", department_manager, "Late validation")

    response = page(client, analyst, "?as_at=2026-09")

    # Open again, the month is what was known when its values were due...
    assert response.context["dashboard"].record is None
    assert response.context["dashboard"].measures[0].observation.value == D("62.7")
    assert "as reported on" not in response.content.decode()
    assert "(not closed)" in response.content.decode()
    # ...and the correction is in the latest figures.
    latest = page(client, analyst, "?as_at=2026-09&figures=latest")
    assert latest.context["dashboard"].measures[0].observation.value == D("59.5")


def test_other_months_are_not_read_from_the_record(client, scorecard, analyst, performance_lead):
    reported(scorecard, AS_AT, performance_lead)
    response = page(client, analyst, "?as_at=2026-08")
    assert response.context["dashboard"].record is None


def test_the_cascade_shows_closed_units_as_reported(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    correct(rtt, AS_AT, "50", department_manager, "Recount")
    client.force_login(analyst)

    response = client.get(reverse("dashboards:cascade") + "?as_at=2026-09")

    row = next(r for r in response.context["rows"] if r.unit.slug == SLUG)
    assert row.record is not None
    assert (row.rollup.status, row.rollup.in_words) == (
        Status.ON_TARGET,
        "1 of 1 on target",
    )
    latest = client.get(reverse("dashboards:cascade") + "?as_at=2026-09&figures=latest")
    row = next(r for r in latest.context["rows"] if r.unit.slug == SLUG)
    assert row.record is None
    assert row.rollup.in_words == "0 of 1 on target (1 off target)"


@pytest.mark.parametrize("unit_count", [10, 60])
def test_a_closed_cascade_reads_the_same_queries_at_two_sizes(
    client, units, analyst, django_assert_num_queries, unit_count, performance_lead
):
    parent = units["NHT-SURG"]
    for number in range(unit_count - len(units)):
        scored(make_unit(f"Ward {number}", parent=parent, code=f"W{number}"), 45 + number % 10)
    units["NHT"].refresh_from_db()  # its tree numbers moved with the wards added
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    client.force_login(analyst)
    # Session, user, the visible units, the columns, the records, their
    # perspectives' scores and their zero-tolerance measures, the roles for
    # the page's links: no objective, measure or value is read.
    with django_assert_num_queries(8):
        response = client.get(reverse("dashboards:cascade") + "?as_at=2026-09")
    rows = response.context["rows"]
    assert len(rows) == unit_count
    # All but the six units of the small trust, which have no scorecard.
    assert response.context["reported_count"] == unit_count - 6
    assert all(row.record for row in rows if row.has_scorecard)


def test_a_closed_cascade_shows_must_not_fail_and_new_perspectives_as_reported(
    client, scorecard, analyst, department_manager, performance_lead
):
    objective = scorecard.objectives.get()
    never = make_measure(objective, "NEVER", unit="count", direction="lower", zero_tolerance=True)
    fill(never, [0, 0, 1])
    reported(scorecard, AS_AT, performance_lead)
    correct(never, AS_AT, "0", department_manager, "Logged against the wrong ward")
    # A perspective added to the framework after the close has nothing reported.
    framework = scorecard.framework
    framework.perspectives.create(name="Sustainability", position=9)
    client.force_login(analyst)

    response = client.get(reverse("dashboards:cascade") + "?as_at=2026-09")

    row = next(r for r in response.context["rows"] if r.unit.slug == SLUG)
    columns = [p.name for p in response.context["columns"]]
    assert row.must_not_fail is Status.OFF_TARGET
    assert row.cells[columns.index("Sustainability")].in_words == "No measures"
    latest = client.get(reverse("dashboards:cascade") + "?as_at=2026-09&figures=latest")
    row = next(r for r in latest.context["rows"] if r.unit.slug == SLUG)
    assert row.must_not_fail is Status.ON_TARGET


@pytest.mark.parametrize("objective_count", [2, 12])
def test_a_closed_dashboard_reads_the_same_queries_at_two_sizes(
    client, units, analyst, django_assert_num_queries, objective_count, performance_lead
):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    for number in range(objective_count):
        objective = make_objective(scorecard, f"C{number}", "Customer")
        for code in ("A", "B"):
            measure = make_measure(objective, f"{code}{number}", unit="%")
            make_target(measure, value="50")
            fill(measure, [50, 51, 49])
    reported(scorecard, AS_AT, performance_lead)
    client.force_login(analyst)
    # As many as an open month's dashboard (tests/scorecard/test_dashboard.py) less
    # the history of values changed since the window, plus the revisions' two.
    with django_assert_num_queries(26):
        response = client.get(UNIT + "?as_at=2026-09")
    assert len(response.context["dashboard"].measures) == 2 * objective_count


def test_the_key_target_review_reads_a_closed_month_as_reported(
    client, units, analyst, department_manager, performance_lead
):
    month = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    rtt = make_measure(make_objective(scorecard, "C1", "Customer"), "RTT18", unit="%")
    make_target(rtt, value="62", tolerance=D(1))
    fill(rtt, [62.5, 62.7], end=month)
    key_target = KeyTarget.objects.create(code="RTT18", name="18-week referral to treatment")
    Alignment.objects.create(
        key_target=key_target, scorecard=scorecard, kind=Alignment.Kind.SUPPORTS, measure=rtt
    )
    reported(scorecard, month, performance_lead)
    correct(rtt, month, "55", department_manager, "Recount")
    client.force_login(analyst)

    response = client.get(reverse("review:detail", args=[SLUG, "RTT18"]))

    item = response.context["columns"][0][2][0]
    assert item.line.reported
    assert item.line.observation.value == D("62.7")
    assert "is closed: the measures of units that closed it are shown as reported" in (
        response.content.decode()
    )


def test_objective_alignment_shows_closed_units_as_reported(
    client, scorecard, analyst, performance_lead
):
    reported(scorecard, AS_AT, performance_lead)
    client.force_login(analyst)

    response = client.get(reverse("dashboards:alignment", args=[SLUG]) + "?as_at=2026-09")

    assert response.context["alignment"].reported_count == 1
    assert "is closed for every unit shown" in response.content.decode()
    assert "(not closed)" not in response.content.decode()


def test_a_total_revised_by_a_correction_below_says_so_and_names_nobody(
    client, units, analyst, department_manager, performance_lead
):
    def beds(unit, **extra):
        objective = make_objective(make_scorecard(unit), "C1", "Customer")
        measure = make_measure(objective, "BEDS", unit="count", decimals=0, **extra)
        make_target(measure, value="100", tolerance=D(10))
        return measure

    total = beds(units["NHT-SURG"], is_computed=True, rollup="sum")
    surgery, theatres = beds(units["NHT-SURG-GS"]), beds(units["NHT-SURG-TH"])
    for measure, value in ((surgery, "40"), (theatres, "50")):
        outcome = record([Change(measure, AS_AT, MeasuredValue(D(value)))], department_manager)
        assert outcome.saved
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    correct(surgery, AS_AT, "45", department_manager, "Ward 4 reopened")
    client.force_login(analyst)

    response = client.get(reverse("dashboards:unit", args=["surgery"]) + "?as_at=2026-09")

    line = response.context["dashboard"].measures[0]
    assert line.measure == total
    assert line.observation.value == D("90")
    assert line.revision.now == D("95")
    assert line.revision.by is None
    text = response.content.decode()
    assert "was 90, now 95" in text
    assert "because: it is computed from the units below, and one of them was corrected" in text


def test_the_measure_page_of_a_closed_month_says_where_the_reported_figures_are(
    client, scorecard, analyst, performance_lead
):
    reported(scorecard, AS_AT, performance_lead)
    client.force_login(analyst)

    for page in (
        reverse("measures:measure", args=[SLUG, "RTT18"]),
        reverse("measures:compare_siblings", args=[SLUG, "RTT18"]),
        reverse("measures:compare_all", args=["RTT18"]),
    ):
        text = client.get(page + "?as_at=2026-09").content.decode()
        assert "September 2026 was closed on" in text, page
        assert "its figures as reported are on the dashboards" in text, page
        assert "(not closed)" not in text, page


def test_the_bottleneck_view_of_a_closed_month_says_where_the_reported_figures_are(
    client, scorecard, units, analyst, performance_lead
):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    client.force_login(analyst)

    text = client.get(reverse("dashboards:bottlenecks") + "?as_at=2026-09").content.decode()

    assert "September 2026 was closed on" in text
    assert "(not closed)" not in text


def dashboard_section(response):
    """The unit's page from its dashboard on, without the lines saying what was revised since."""
    text = response.content.decode()
    section = text[text.index('<section aria-labelledby="dashboard-heading"') :]
    section = re.sub(
        r"<tr class=\"nhsuk-table__row app-revision-row\">.*?</tr>", "", section, flags=re.S
    )
    return section.replace('<br><span class="app-muted app-small">revised since</span>', "")


def test_a_closed_month_s_dashboard_is_drawn_the_same_after_corrections_targets_and_restarts(
    client, scorecard, analyst, department_manager, performance_lead
):
    rtt = scorecard.objectives.get().measures.get()
    reported(scorecard, AS_AT, performance_lead)
    client.force_login(analyst)
    before = client.get(UNIT + "?as_at=2026-09")

    correct(rtt, AS_AT, "55.1", department_manager, "Recount")
    correct(rtt, date(2026, 8, 1), "50", department_manager, "Recount")
    make_target(rtt, effective_from=date(2026, 4, 1), value="95", tolerance=D(1))
    Rebase.objects.create(measure=rtt, period=date(2026, 7, 1), reason="New pathway")
    after = client.get(UNIT + "?as_at=2026-09")

    assert "Revised since reported" in after.content.decode()
    assert dashboard_section(after) == dashboard_section(before)


def test_a_closed_month_keeps_its_year_to_date_and_annual_ceiling_as_reported(
    client, units, analyst, department_manager, performance_lead
):
    objective = make_objective(
        make_scorecard(units["NHT-SURG-GS"]), "P1", "Internal business processes"
    )
    cdiff = make_measure(
        objective, "CDIFF", unit="count", decimals=0, direction="lower", year_to_date="sum"
    )
    make_target(cdiff, value="5", tolerance=D(1), action_trigger=D(7), annual_threshold=D(30))
    # April to September 2026: 5 a month, 30 by September: at a (small) year's ceiling.
    fill(cdiff, [5] * 6)
    close_month(unit=units["NHT-SURG-GS"], month=AS_AT, user=performance_lead)
    # A late-reported case in May takes the year past its ceiling, after the close.
    correct(cdiff, date(2026, 5, 1), "6", department_manager, "A late-typed sample")
    client.force_login(analyst)

    reported_page = client.get(UNIT + "?as_at=2026-09")
    latest_page = client.get(UNIT + "?as_at=2026-09&figures=latest")

    reported_line = reported_page.context["dashboard"].measures[0]
    assert (reported_line.year_to_date, reported_line.status) == (30, Status.ON_TARGET)
    assert (
        "Year to date 30; annual ceiling 30, above its pro-rata share (15 by now)"
        in reported_page.content.decode()
    )
    latest_line = latest_page.context["dashboard"].measures[0]
    assert (latest_line.year_to_date, latest_line.status) == (31, Status.OFF_TARGET)
    assert latest_line.annual_reason == "past its annual ceiling (31 against 30 in 2026/27)"
