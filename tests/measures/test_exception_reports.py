"""Exception reports: the narrative of a measure off track, as data, with its actions.

The case seen: exception text was one free comment, and the "latest comment"
beside an exception was stale and undated (C. diff in November 2026 showed a
comment written for June 2025).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures import exceptions
from measures.exception_reports import save_report
from measures.models import ExceptionAction, ExceptionReport, Measure
from organisations.models import Role
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
    make_user,
)
from tests.scorecard.dashboard_data import AS_AT, fill

GS = "general-surgery"
SEPTEMBER, OCTOBER = AS_AT, date(2026, 10, 1)


# The rules.


@pytest.mark.parametrize(
    ("past_trigger", "concern", "assurance", "required", "expected"),
    [
        (True, True, "consistent_fail", exceptions.REASONS, list(exceptions.REASONS)),
        (False, False, "inconsistent", exceptions.REASONS, []),
        (True, False, None, ["concern"], []),  # the trust asks only for special causes
        (False, True, "consistent_pass", ["concern", "past_trigger"], ["concern"]),
        (False, False, "consistent_fail", ["failing"], ["failing"]),
    ],
)
def test_which_months_need_a_report(past_trigger, concern, assurance, required, expected):
    reasons = exceptions.reasons_for_report(
        past_trigger=past_trigger, concern=concern, assurance=assurance, required=required
    )
    assert reasons == expected


def test_an_action_is_overdue_only_while_open_after_its_day():
    day = date(2026, 11, 30)
    assert exceptions.is_overdue("open", day, date(2026, 12, 1))
    assert not exceptions.is_overdue("open", day, day)
    assert not exceptions.is_overdue("done", day, date(2027, 1, 1))


def test_a_report_is_unchanged_since_the_first_of_a_run_with_the_same_text():
    text = ("Waits rose", "Two surgeons off", "", "")
    september = date(2026, 9, 1)
    assert exceptions.unchanged_since(text, None, None, None) is None
    assert exceptions.unchanged_since(text, ("Other",), september, None) is None
    assert exceptions.unchanged_since(text, text, september, None) == september
    # October was already unchanged since September: November is too.
    assert exceptions.unchanged_since(text, text, date(2026, 10, 1), september) == september


# The page.


@pytest.fixture
def rtt(units):
    """General Surgery's RTT18, 55% in September 2026: past its trigger of 60."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measure = make_measure(objective, "RTT18", unit="%", decimals=1)
    make_target(measure, value="92", tolerance=D(2), action_trigger=D(60))
    fill(measure, [70, 68, 65, 62, 58, 55], end=OCTOBER)
    return measure


def url(month=SEPTEMBER, slug=GS, code="RTT18"):
    return reverse("measures:exception_report", args=[slug, code, month])


def report_data(**changes):
    data = {
        "report-what_happened": "Waits over 18 weeks rose to 55%.",
        "report-root_cause": "Two consultants on long-term leave; theatre lists cancelled.",
        "report-risk": "Harm to patients waiting; the national standard missed all year.",
        "report-recovery_expected": "2027-03",
        # Two new rows left empty, as the browser sends them: nothing to add.
        "action-TOTAL_FORMS": "2",
        "action-INITIAL_FORMS": "0",
        "action-MIN_NUM_FORMS": "0",
        "action-MAX_NUM_FORMS": "1000",
        "action-0-status": "open",
        "action-1-status": "open",
    }
    return data | changes


def with_actions(owner, *rows, initial=0, ids=()):
    """The actions part of the form: `rows` of (description, due, status)."""
    data = {"action-TOTAL_FORMS": str(len(rows)), "action-INITIAL_FORMS": str(initial)}
    for index, (description, due, status) in enumerate(rows):
        data |= {
            f"action-{index}-description": description,
            f"action-{index}-owner": str(owner.pk) if owner else "",
            f"action-{index}-due": due,
            f"action-{index}-status": status,
        }
        if index < len(ids):
            data[f"action-{index}-id"] = str(ids[index])
    return data


def test_a_manager_writes_a_report_with_two_actions(client, rtt, department_manager):
    client.force_login(department_manager)
    page = client.get(url())
    assert "A report is required: past its action trigger" in page.content.decode()

    actions = with_actions(
        department_manager,
        ("Validate the waiting list", "2026-12-15", "open"),
        ("Book weekend lists", "2027-01-31", "open"),
    )
    response = client.post(url(), report_data(**actions))

    assert response.status_code == 302
    report = ExceptionReport.objects.get()
    assert (report.measure, report.period, report.written_by) == (
        rtt,
        SEPTEMBER,
        department_manager,
    )
    assert report.recovery_expected == date(2027, 3, 1)
    assert [a.description for a in report.actions_raised.all()] == [
        "Validate the waiting list",
        "Book weekend lists",
    ]
    measure_page = client.get(response.url).content.decode()
    assert "Two consultants on long-term leave" in measure_page
    assert "March 2027" in measure_page
    assert "Book weekend lists" in measure_page


def test_next_month_starts_from_the_last_report_and_says_when_it_is_unchanged(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    client.post(url(), report_data())

    page = client.get(url(OCTOBER))
    assert page.context["form"]["what_happened"].value() == "Waits over 18 weeks rose to 55%."
    assert "Started from the report for Sep 2026" in page.content.decode()
    client.post(url(OCTOBER), report_data())

    october = ExceptionReport.objects.get(period=OCTOBER)
    assert october.unchanged_since == SEPTEMBER
    measure_page = reverse("measures:measure", args=[GS, "RTT18"]) + "?as_at=2026-10"
    assert (
        "its text unchanged since the report for Sep 2026"
        in client.get(measure_page).content.decode()
    )


def test_a_month_without_a_report_names_the_last_one(client, rtt, department_manager, analyst):
    client.force_login(department_manager)
    client.post(url(), report_data())
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=[GS, "RTT18"]) + "?as_at=2026-10")

    text = page.content.decode()
    assert "No report for Oct 2026; the last one is for Sep 2026, written on" in text
    assert "Write the report" not in text  # an analyst reads, and writes none


def test_actions_stay_open_across_months_until_done(client, rtt, department_manager):
    client.force_login(department_manager)
    client.post(
        url(),
        report_data(
            **with_actions(department_manager, ("Validate the waiting list", "2026-12-15", "open"))
        ),
    )
    action = ExceptionAction.objects.get()

    page = client.get(url(OCTOBER))
    assert [f.instance for f in page.context["formset"].initial_forms] == [action]
    done = with_actions(
        department_manager,
        ("Validate the waiting list", "2026-12-15", "done"),
        initial=1,
        ids=[action.pk],
    )
    client.post(url(OCTOBER), report_data(**done))

    action.refresh_from_db()
    assert action.status == ExceptionAction.Status.DONE
    assert action.raised_in.period == SEPTEMBER
    assert not client.get(url(OCTOBER)).context["formset"].initial_forms


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"report-recovery_expected": "2025-06"},
            "recovery_expected",
            "June 2025 has passed: give the month recovery is now expected",
        ),
        ({"report-root_cause": "  "}, "root_cause", "Say why it happened"),
    ],
)
def test_a_bad_report_is_refused_beside_the_field_and_kept_as_typed(
    client, rtt, department_manager, changes, field, message
):
    client.force_login(department_manager)

    response = client.post(url(), report_data(**changes))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "Waits over 18 weeks rose to 55%." in response.content.decode()
    assert not ExceptionReport.objects.exists()


def test_an_action_needs_an_owner_who_has_not_left(client, rtt, department_manager, units):
    client.force_login(department_manager)

    no_owner = client.post(
        url(), report_data(**with_actions(None, ("Validate the list", "2026-12-15", "open")))
    )
    assert "Action 1: Say who owns the action: one named person" in no_owner.content.decode()

    leaver = make_user("frank", first_name="Frank", last_name="Hill")
    ExceptionAction.objects.create(
        measure=rtt, description="Audit", owner=leaver, due=date(2026, 12, 1)
    )
    leaver.is_active = False
    leaver.save()
    kept = with_actions(leaver, ("Audit", "2026-12-01", "open"), initial=1, ids=[1])
    left = client.post(url(), report_data(**kept))
    assert "Frank Hill has left: choose who owns the action now" in left.content.decode()
    assert not ExceptionReport.objects.exists()


def test_only_the_units_managers_write_one(client, rtt, analyst, directorate_manager, outsider):
    client.force_login(analyst)
    assert client.get(url()).status_code == 403
    assert client.post(url(), report_data()).status_code == 403
    client.force_login(outsider)
    assert client.get(url()).status_code == 404
    client.force_login(directorate_manager)  # a manager above may change the unit's values
    assert client.get(url()).status_code == 200
    assert not ExceptionReport.objects.exists()


def test_a_month_not_yet_ended_has_no_report(client, rtt, department_manager):
    client.force_login(department_manager)
    assert client.get(url(date(2099, 1, 1))).status_code == 404


def test_a_totals_summary_is_written_by_its_lead_and_lists_the_units_below(
    client, rtt, units, department_manager, directorate_manager, trust_admin
):
    surgery = make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    total = make_measure(surgery, "RTT18", unit="%", decimals=1, rollup="ratio", is_computed=True)
    fill(total, [70, 68, 65, 62, 58, 55], end=OCTOBER)
    theatres = make_objective(make_scorecard(units["NHT-SURG-TH"]), "C1")
    make_measure(theatres, "RTT18", unit="%", decimals=1)
    client.force_login(department_manager)
    client.post(url(), report_data())
    surgery_url = url(slug="surgery")

    assert client.get(surgery_url).status_code == 404  # a department's manager: not above
    trust_manager = make_user("gina")
    grant(trust_manager, units["NHT"], Role.MANAGER)
    client.force_login(trust_manager)
    assert client.get(surgery_url).status_code == 403  # a manager above: not the lead either

    client.force_login(directorate_manager)
    page = client.get(surgery_url).content.decode()
    assert "General Surgery</a>: Waits over 18 weeks rose to 55%." in page
    assert "No report for Sep 2026 from:</strong> Theatres." in page
    assert client.post(surgery_url, report_data()).status_code == 302


# The unit's dashboard.


def past_trigger_measures(units, count):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measures = []
    for number in range(count):
        measure = make_measure(objective, f"M{number}", unit="%", decimals=1)
        make_target(measure, value="92", tolerance=D(2), action_trigger=D(60))
        fill(measure, [55] * 3)
        measures.append(measure)
    return measures


@pytest.mark.parametrize("count", [2, 6])
def test_the_dashboard_shows_each_months_report_in_place_of_a_comment(
    client, units, analyst, department_manager, count
):
    first, second, *_ = past_trigger_measures(units, count)
    client.force_login(department_manager)
    client.post(url(code=first.code), report_data())
    client.post(url(date(2026, 8, 1), code=second.code), report_data())
    client.force_login(analyst)
    dashboard = reverse("dashboards:unit", args=[GS]) + "?as_at=2026-09"

    with CaptureQueriesContext(connection) as queries:
        page = client.get(dashboard).content.decode()

    text = " ".join(page.split())
    assert "Waits over 18 weeks rose to 55%. Expected to recover by March 2027." in text
    assert "<strong>No report for Sep 2026</strong>; last one Aug 2026" in text
    assert text.count("<strong>No report for Sep 2026</strong>") == count - 1
    # One query for every report, however many measures need one.
    assert len(queries) == QUERIES_FOR_THE_DASHBOARD


QUERIES_FOR_THE_DASHBOARD = 28  # tests/scorecard/test_dashboard.py's 27, and the reports


def test_an_overdue_action_is_flagged_on_the_units_dashboard(
    client, rtt, department_manager, analyst
):
    ExceptionAction.objects.create(
        measure=rtt,
        description="Validate the list",
        owner=department_manager,
        due=date(2026, 1, 5),
    )
    ExceptionAction.objects.create(
        measure=rtt, description="Done already", due=date(2026, 1, 5), status="done"
    )
    client.force_login(analyst)

    page = client.get(reverse("dashboards:unit", args=[GS])).content.decode()

    text = " ".join(page.split())
    assert "Overdue</strong> <a" in text
    assert "RTT18</a>: Validate the list; charlie, due 5 Jan 2026" in text
    assert "Done already" not in text


def test_the_owners_home_page_lists_their_open_actions_overdue_first(
    client, rtt, department_manager, directorate_manager
):
    for description, due, status in (
        ("Book weekend lists", date(2099, 1, 31), "open"),
        ("Validate the list", date(2026, 1, 5), "open"),
        ("Audit the cancellations", date(2026, 1, 1), "done"),
    ):
        ExceptionAction.objects.create(
            measure=rtt, description=description, owner=department_manager, due=due, status=status
        )
    ExceptionAction.objects.create(
        measure=rtt, description="Someone else's", owner=directorate_manager, due=date(2026, 2, 1)
    )
    client.force_login(department_manager)

    text = " ".join(client.get(reverse("dashboards:home")).content.decode().split())

    assert "2 open actions you own on exception reports, 1 overdue" in text
    overdue = text.index("Overdue</strong> Due 5 Jan 2026: Validate the list")
    assert overdue < text.index("Due 31 Jan 2099: Book weekend lists")
    assert "Audit the cancellations" not in text
    assert "Someone else's" not in text


def test_a_revised_trajectory_plans_the_periods_to_come_and_not_those_reported(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    # September's report: October is reported already (55%); November onwards is to come.
    refused = client.post(url(), report_data(**{"report-plan_1": "60", "report-plan_2": "64"}))
    assert refused.context["form"].errors["plan_1"] == [
        "Oct 2026 is already reported: a revised trajectory plans the periods still to come"
    ]
    assert 'value="64"' in refused.content.decode()  # kept as typed

    over = client.post(url(), report_data(**{"report-plan_2": "140"}))
    assert "140" in over.context["form"].errors["plan_2"][0]

    saved = client.post(url(), report_data(**{"report-plan_2": "64", "report-plan_3": "70.5"}))
    assert saved.status_code == 302
    report = ExceptionReport.objects.get()
    assert report.revised_trajectory == [["2026-11-01", "64"], ["2026-12-01", "70.5"]]
    page = client.get(saved.url).content.decode()
    assert "Nov 2026: 64.0%; Dec 2026: 70.5%" in page


def test_a_new_action_cannot_be_due_already_and_dates_read_as_people_type_them(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    past = with_actions(department_manager, ("Validate the list", "01/06/2026", "open"))
    refused = client.post(url(), report_data(**past))
    assert "Action 1: 01/06/2026 has passed: a new action is due from today on" in (
        refused.content.decode()
    )
    impossible = with_actions(department_manager, ("Validate the list", "31/02/2027", "open"))
    refused = client.post(url(), report_data(**impossible))
    text = refused.content.decode()
    assert "Enter the day it is due as a real date, such as 31/01/2027" in text
    assert 'value="31/02/2027"' in text
    typed = with_actions(department_manager, ("Validate the list", "31/01/2027", "open"))
    assert client.post(url(), report_data(**typed)).status_code == 302
    assert ExceptionAction.objects.get().due == date(2027, 1, 31)


def test_an_earlier_month_shows_only_the_actions_raised_by_then(client, rtt, department_manager):
    client.force_login(department_manager)
    october = with_actions(department_manager, ("Book weekend lists", "2027-01-31", "open"))
    client.post(url(OCTOBER), report_data(**october))

    september_form = client.get(url())
    september_page = client.get(
        reverse("measures:measure", args=[GS, "RTT18"]) + "?as_at=2026-09"
    ).content.decode()

    assert not september_form.context["formset"].initial_forms
    assert "Book weekend lists" not in september_page


def test_a_month_before_the_first_value_has_no_report(client, rtt, department_manager):
    client.force_login(department_manager)
    assert client.get(url(date(2020, 1, 1))).status_code == 404


def test_the_dashboard_lists_the_reports_required_and_not_written(
    client, rtt, units, analyst, department_manager, directorate_manager
):
    client.force_login(analyst)
    page = " ".join(
        client.get(reverse("dashboards:unit", args=[GS]) + "?as_at=2026-10")
        .content.decode()
        .split()
    )
    assert "RTT18</a> Measure RTT18: no report for Oct 2026, and one is required" in page

    # An overdue action below shows on the directorate's dashboard, naming the unit.
    make_scorecard(units["NHT-SURG"])
    ExceptionAction.objects.create(
        measure=rtt,
        description="Validate the list",
        owner=department_manager,
        due=date(2026, 1, 5),
    )
    client.force_login(directorate_manager)
    page = " ".join(
        client.get(reverse("dashboards:unit", args=["surgery"])).content.decode().split()
    )
    assert "RTT18, General Surgery</a>: Validate the list" in page


# Writers at once.


def save_as(measure_pk, writer):
    try:
        measure = Measure.objects.get(pk=measure_pk)
        narrative = {
            "what_happened": f"Writer {writer} saw the waits rise.",
            "root_cause": f"Writer {writer}'s cause.",
            "risk": "",
            "recovery_expected": None,
            "revised_trajectory": [],
        }
        action = ExceptionAction(description=f"Writer {writer}'s action", due=date(2027, 1, 31))
        save_report(
            measure=measure, period=SEPTEMBER, narrative=narrative, actions=[action], user=None
        )
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seeded_frameworks")
def test_people_saving_a_months_report_at_once_leave_one_whole_report(units):
    from concurrent.futures import ThreadPoolExecutor

    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    rtt = make_measure(objective, "RTT18", unit="%")

    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(save_as, rtt.pk, writer) for writer in range(6)]
        for job in jobs:
            job.result()  # no writer fails: no twin report is ever inserted

    (report,) = ExceptionReport.objects.filter(measure=rtt)
    writer = report.what_happened.split()[1]
    assert report.root_cause == f"Writer {writer}'s cause."  # one writer's, whole
    assert ExceptionAction.objects.filter(measure=rtt).count() == 6  # each raised its own
