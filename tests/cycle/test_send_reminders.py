"""send_reminders: the right managers on the right days, once each; the weekly summary to
the performance leads who want it; failures recorded, never marked sent, tried again."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cycle.completion import completion
from cycle.management.commands.send_reminders import Command
from cycle.models import ReminderFailure, ReminderKind, ReminderSent, Submission
from cycle.reminders import long_date, needs_reminder, reminders_for, set_weekly_summary
from organisations.models import Role
from scorecard.closing.services import close_month
from scorecard.lib import periods
from scorecard.lib.reporting_calendar import due_date
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_user,
)

NOVEMBER = date(2026, 11, 1)
# November's values are due on the 5th working day after it ends: Monday 7 December 2026.
BEFORE, DUE, AFTER_1, AFTER_5 = (
    date(2026, 12, 3),
    date(2026, 12, 7),
    date(2026, 12, 8),
    date(2026, 12, 14),
)
OCCASIONS = {BEFORE: "before", DUE: "due", AFTER_1: "after", AFTER_5: "after"}
ENTRY = "https://scorecard.example.nhs.uk/units/general-surgery/values/2026-11/"


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    settings.REPORTING_WORKING_DAYS = 5
    settings.REMINDER_DAYS_BEFORE = [2]
    settings.REMINDER_DAYS_AFTER = [1, 5]
    settings.REMINDER_SUMMARY_WEEKDAY = 0  # Monday
    settings.SITE_URL = "https://scorecard.example.nhs.uk"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def keep_the_database_open(monkeypatch):
    """run_from_argv closes every connection when the command ends; the test reads on."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


@pytest.fixture
def people(units, department_manager, directorate_manager, analyst, trust_admin):
    """Charlie manages General Surgery, Bob the Surgery directorate above it; Frank manages
    Theatres beside it; Dana reads the trust; Alice is its admin; Pat is its performance lead."""
    frank = make_user("frank")
    grant(frank, units["NHT-SURG-TH"], Role.MANAGER)
    pat = make_user("pat", first_name="Pat", last_name="Lead")
    grant(pat, units["NHT"], Role.PERFORMANCE_LEAD)
    people = {
        "charlie": department_manager,
        "bob": directorate_manager,
        "dana": analyst,
        "alice": trust_admin,
        "frank": frank,
        "pat": pat,
    }
    for name, user in people.items():
        user.email = f"{name}@example.nhs.uk"
        user.save()
    return people


@pytest.fixture
def general_surgery_measures(units):
    """General Surgery's two monthly measures, each with every month up to October entered."""
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    measures = [
        make_measure(objective, "RTT18", title="Patients treated within 18 weeks"),
        make_measure(objective, "DNA", title="Outpatient appointments not attended"),
    ]
    for measure in measures:
        for month in (date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)):
            make_observation(measure, period=month, value="90")
    return measures


def run(day, *extra):
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), *extra, stdout=out)
    return out.getvalue()


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


# Who and when.


def test_the_units_managers_and_those_above_are_reminded_on_each_occasion_only(
    people, general_surgery_measures, mailoutbox
):
    by_day = {}
    day = date(2026, 12, 1)
    while day <= date(2026, 12, 18):
        before = len(mailoutbox)
        run(day)
        by_day[day] = recipients(mailoutbox[before:])
        day += timedelta(days=1)

    managers = ["bob@example.nhs.uk", "charlie@example.nhs.uk"]
    assert {day: sent for day, sent in by_day.items() if sent} == {
        **dict.fromkeys(OCCASIONS, managers),
        # A Monday with November overdue: the performance lead's weekly summary too.
        AFTER_5: [*managers, "pat@example.nhs.uk"],
    }
    kinds = ReminderSent.objects.filter(recipient=people["charlie"]).order_by("sent_at")
    assert [row.kind for row in kinds] == ["before", "due", "after", "after"]
    assert {row.unit.code for row in kinds} == {"NHT-SURG-GS"}
    assert {row.month for row in kinds} == {NOVEMBER}


def test_the_subject_says_when_the_values_are_due(people, general_surgery_measures, mailoutbox):
    for day in (BEFORE, DUE, AFTER_1):
        run(day)

    subjects = [message.subject for message in mailoutbox[::2]]
    assert subjects == [
        "General Surgery: 2 values for November 2026 due Monday 7 December 2026",
        "General Surgery: 2 values for November 2026 due today",
        "General Surgery: 2 values for November 2026 overdue since Monday 7 December 2026",
    ]


def test_running_twice_in_a_day_sends_nothing_twice(people, general_surgery_measures, mailoutbox):
    first = run(DUE)
    second = run(DUE)

    assert len(mailoutbox) == 2
    assert "Sent 2, skipped as already sent 0" in first
    assert "Sent 0, skipped as already sent 2" in second
    assert ReminderSent.objects.count() == 2


def test_a_unit_with_every_value_entered_is_not_reminded(
    people, general_surgery_measures, mailoutbox
):
    for measure in general_surgery_measures:
        make_observation(measure, period=NOVEMBER, value="91")

    run(DUE)

    assert mailoutbox == []


def test_a_unit_that_submitted_its_month_is_not_reminded(
    people, general_surgery_measures, units, mailoutbox
):
    Submission.objects.create(unit=units["NHT-SURG-GS"], month=NOVEMBER)

    run(AFTER_1)

    assert recipients(mailoutbox) == []


def test_one_value_still_missing_is_the_one_listed(people, general_surgery_measures, mailoutbox):
    rtt18, _ = general_surgery_measures
    make_observation(rtt18, period=NOVEMBER, value="91")

    run(DUE)

    body = mailoutbox[0].body
    assert "- DNA Outpatient appointments not attended (Nov 2026)" in body
    assert "Patients treated within 18 weeks" not in body
    assert "1 of 2 entered" in body


def test_the_email_lists_the_missing_measures_and_links_to_the_entry_page(
    people, general_surgery_measures, mailoutbox
):
    run(AFTER_1)

    message = next(m for m in mailoutbox if m.to == ["charlie@example.nhs.uk"])
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    for body in (message.body, html):
        assert "Patients treated within 18 weeks" in body
        assert "Outpatient appointments not attended" in body
        assert "0 of 2 entered" in body
        assert ENTRY in body
        assert "Monday 7 December 2026" in body
    assert f'<a href="{ENTRY}">' in html
    assert "Overdue" in html
    assert message.from_email


# The weekly summary.


def test_the_performance_lead_gets_a_weekly_summary_of_overdue_units(
    people, general_surgery_measures, mailoutbox
):
    run(AFTER_5)  # a Monday: November is overdue at General Surgery

    summary = [m for m in mailoutbox if m.to == ["pat@example.nhs.uk"]]
    assert len(summary) == 1
    assert summary[0].subject == "Weekly summary: 1 unit with values overdue"
    assert "General Surgery, November 2026: 0 of 2 entered" in summary[0].body
    assert "https://scorecard.example.nhs.uk/completion/" in summary[0].body
    assert "https://scorecard.example.nhs.uk/accounts/reminders/" in summary[0].body
    row = ReminderSent.objects.get(recipient=people["pat"])
    assert (row.kind, row.unit, row.key) == (ReminderKind.SUMMARY, None, "summary:2026-12-14")


def test_the_summary_comes_only_on_its_weekday(people, general_surgery_measures, mailoutbox):
    run(date(2026, 12, 15))  # Tuesday
    run(date(2026, 12, 16))

    assert "pat@example.nhs.uk" not in recipients(mailoutbox)


def test_nothing_overdue_means_no_summary(people, general_surgery_measures, mailoutbox):
    for measure in general_surgery_measures:
        make_observation(measure, period=NOVEMBER, value="91")

    run(AFTER_5)

    assert mailoutbox == []


def test_a_performance_lead_who_turned_the_summary_off_is_not_sent_it(
    people, general_surgery_measures, mailoutbox
):
    set_weekly_summary(people["pat"], False)
    out = run(AFTER_5)

    assert "pat@example.nhs.uk" not in recipients(mailoutbox)
    assert "skipped as turned off 1" in out
    # The reminders of values due are not optional.
    set_weekly_summary(people["charlie"], False)
    run(date(2026, 12, 21))
    assert ReminderSent.objects.filter(recipient=people["charlie"]).count() == 1


def test_the_summary_covers_only_the_units_of_the_leads_role(
    people, general_surgery_measures, units, mailoutbox
):
    medicine_lead = make_user("mo", email="mo@example.nhs.uk")
    grant(medicine_lead, units["NHT-MED"], Role.PERFORMANCE_LEAD)

    run(AFTER_5)

    assert "mo@example.nhs.uk" not in recipients(mailoutbox)
    assert "pat@example.nhs.uk" in recipients(mailoutbox)


# Failures.


def test_a_person_without_an_email_address_is_a_failure_with_a_reason(
    people, general_surgery_measures, mailoutbox
):
    charlie = people["charlie"]
    charlie.email = ""
    charlie.save()

    with pytest.raises(CommandError, match="1 reminder could not be sent"):
        run(DUE)

    assert recipients(mailoutbox) == ["bob@example.nhs.uk"]
    failure = ReminderFailure.objects.get()
    assert failure.recipient == charlie
    assert failure.reason == "charlie has no email address: add one to their user in Settings."
    assert not ReminderSent.objects.filter(recipient=charlie).exists()


def test_a_refusing_mail_server_is_recorded_nothing_is_marked_sent_and_the_next_run_retries(
    people, general_surgery_measures, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.cycle.backends.RefusingBackend"
    out = StringIO()

    with pytest.raises(CommandError, match="2 reminders could not be sent; the next run tries"):
        call_command("send_reminders", "--date", DUE.isoformat(), stdout=out)

    assert "Sent 0, skipped as already sent 0, skipped as turned off 0, failed 2." in (
        out.getvalue()
    )
    assert "The mail server refused it: (554, b'Transaction failed: relay refused')" in (
        out.getvalue()
    )
    assert ReminderSent.objects.count() == 0
    assert ReminderFailure.objects.count() == 2

    # The server is back the next day, which is an occasion of its own: that one is sent.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(date(2026, 12, 9))
    assert recipients(mailoutbox) == ["bob@example.nhs.uk", "charlie@example.nhs.uk"]
    assert set(ReminderSent.objects.values_list("key", flat=True)) == {
        f"unit:{general_surgery_measures[0].objective.scorecard.unit_id}:2026-11:due"
    }
    # Sent late once, then never again.
    run(date(2026, 12, 10))
    assert len(mailoutbox) == 2


def test_a_mail_server_that_is_down_fails_every_reminder_once_without_a_traceback(
    people, general_surgery_measures, settings, capsys, keep_the_database_open
):
    settings.EMAIL_BACKEND = "tests.cycle.backends.DownBackend"

    with pytest.raises(SystemExit) as exit_status:
        Command().run_from_argv(["manage.py", "send_reminders", "--date", DUE.isoformat()])

    assert exit_status.value.code == 1
    output = capsys.readouterr()
    assert "Traceback" not in output.err
    assert "CommandError: 2 reminders could not be sent" in output.err
    assert "The mail server could not be reached: [Errno 111] Connection refused" in output.out
    assert ReminderSent.objects.count() == 0
    assert ReminderFailure.objects.count() == 2


def test_a_clean_run_exits_with_nothing_to_say_but_its_summary(
    people, general_surgery_measures, capsys, keep_the_database_open
):
    Command().run_from_argv(["manage.py", "send_reminders", "--date", DUE.isoformat()])

    output = capsys.readouterr()
    assert output.err == ""
    assert output.out.splitlines() == [
        "Reminders for Monday 7 December 2026:",
        "  sent: bob@example.nhs.uk: General Surgery, November 2026, on the due date",
        "  sent: charlie@example.nhs.uk: General Surgery, November 2026, on the due date",
        "Sent 2, skipped as already sent 0, skipped as turned off 0, failed 0.",
    ]


# The command's own choices.


def test_a_dry_run_sends_and_records_nothing(people, general_surgery_measures, mailoutbox):
    people["charlie"].email = ""
    people["charlie"].save()

    out = run(DUE, "--dry-run")

    assert mailoutbox == []
    assert ReminderSent.objects.count() == 0
    assert ReminderFailure.objects.count() == 0
    assert "would send: bob@example.nhs.uk: General Surgery, November 2026" in out
    assert "would fail: charlie" in out
    assert "Would send 1, skipped as already sent 0, skipped as turned off 0, would fail 1." in out


def test_a_day_that_is_not_a_date_is_refused_in_words(db):
    with pytest.raises(CommandError, match="--date must be a day written YYYY-MM-DD.*'7/12/2026'"):
        call_command("send_reminders", "--date", "7/12/2026")


def test_the_whole_run_uses_the_day_it_started_with(
    people, general_surgery_measures, mailoutbox, monkeypatch
):
    """A run that passes midnight still sends the first day's reminders, and only those."""
    days = iter([DUE, AFTER_1])
    monkeypatch.setattr(
        "cycle.management.commands.send_reminders.timezone.localdate", lambda: next(days)
    )

    run_out = StringIO()
    call_command("send_reminders", stdout=run_out)

    assert {row.key.rsplit(":", 1)[1] for row in ReminderSent.objects.all()} == {"due"}
    assert "Reminders for Monday 7 December 2026:" in run_out.getvalue()


def test_what_is_due_is_read_in_seven_queries_and_one_per_unit_and_lead(
    people, general_surgery_measures, units, django_assert_num_queries
):
    theatres = make_objective(make_scorecard(units["NHT-SURG-TH"]), "C1")
    utilisation = make_measure(theatres, "UTIL", title="Theatre utilisation")
    for month in (date(2026, 9, 1), date(2026, 10, 1)):
        make_observation(utilisation, period=month, value="80")

    # The completion rows (6, the submissions and closed months among them), the failures
    # to retry; each unit's managers.
    with django_assert_num_queries(7 + 2):
        on_the_day = reminders_for(DUE)
    # On the summary's day: the performance leads, and the units each one's role covers.
    with django_assert_num_queries(7 + 2 + 1 + 1):
        later = reminders_for(AFTER_5)

    assert sorted((r.recipient.username, r.unit.name) for r in on_the_day) == [
        ("bob", "General Surgery"),
        ("bob", "Theatres"),
        ("charlie", "General Surgery"),
        ("frank", "Theatres"),
    ]
    assert [r.recipient.username for r in later if r.unit is None] == ["pat"]


def test_a_closed_month_is_not_chased(units, performance_lead):
    """Once closed, a value still missing is a correction to make, not one the report waits for."""
    month = date(2026, 10, 1)
    unit = units["NHT-SURG-GS"]
    missing = make_measure(make_objective(make_scorecard(unit), "C1"), "M1")
    make_observation(make_measure(missing.objective, "M2"), period=month, value="1")
    cells = [cell for row in completion([unit], [month], date(2026, 11, 20)) for cell in row.cells]
    assert needs_reminder(cells[0], submitted=False)

    close_month(unit=unit, month=month, user=performance_lead)

    cells = [cell for row in completion([unit], [month], date(2026, 11, 20)) for cell in row.cells]
    assert cells[0].closed
    assert not needs_reminder(cells[0], submitted=False)


def test_on_due_date_sends_what_is_due_on_the_latest_month_s_due_date(people, settings):
    """--on-due-date: any day, what the managers will be sent when values fall due."""
    settings.REPORTING_WORKING_DAYS = 5
    out = StringIO()
    call_command("send_reminders", "--on-due-date", "--dry-run", stdout=out)
    latest = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    due = due_date(latest, periods.MONTHLY, 5)
    assert out.getvalue().startswith(f"Reminders for {long_date(due)}:")


def test_date_and_on_due_date_together_are_refused(db):
    with pytest.raises(CommandError, match="not both"):
        call_command("send_reminders", "--on-due-date", "--date", "2026-12-07")


def test_a_unit_with_nobody_to_remind_is_named(units, general_surgery_measures, mailoutbox):
    """Cardiology's values are missing and nobody manages it: the run says so, not silence."""
    cardiology = make_measure(make_objective(make_scorecard(units["NHT-MED-CARD"]), "C1"), "LOS")
    make_observation(cardiology, period=date(2026, 10, 1), value="4")

    output = run(DUE)

    assert "nobody to remind: Cardiology, November 2026: 0 of 1 entered; the unit has no" in (
        output
    )
    assert "nobody to remind: General Surgery" in output
    assert mailoutbox == []
