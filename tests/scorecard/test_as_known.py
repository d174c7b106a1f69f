"""A month as at the end of its reporting window, and the latest figures (measures/known.py)."""

import importlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from measures import spc
from measures.known import cutoff, figures_for, values_known_at, window_end
from measures.lines import measure_lines
from measures.models import Alignment, KeyTarget, Observation, Rebase, Target
from measures.recording import Change, record
from measures.status import Status
from measures.values import MeasuredValue
from scorecard.lib.words import figures_in_words
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)
from tests.scorecard.dashboard_data import months_to

SLUG = "general-surgery"
MARCH = date(2026, 3, 1)
# March 2026 ends on a Tuesday; Good Friday and Easter Monday fall in its
# window: its fifth working day after is Thursday 9 April 2026.
MARCH_DUE = date(2026, 4, 9)
JUNE_2025 = date(2025, 6, 1)


def aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def waits(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    return make_measure(objective, "RTT18", unit="%")


def dashboard_lines(client, user, query):
    client.force_login(user)
    response = client.get(reverse("dashboards:unit", args=[SLUG]) + query)
    assert response.status_code == 200
    return response, {line.measure.code: line for line in response.context["dashboard"].measures}


# The cutoff and the sentence: plain values.


def test_a_months_window_ends_at_the_end_of_its_due_date():
    end = window_end(MARCH, 5)
    assert timezone.localtime(end).date() == MARCH_DUE
    assert end < aware(MARCH_DUE + timedelta(days=1), 0) <= end + timedelta(microseconds=1)


def test_a_window_not_over_yet_has_no_cutoff_so_everything_known_now_counts():
    assert cutoff(MARCH, 5, aware(date(2026, 4, 9), 17)) is None
    assert cutoff(MARCH, 5, aware(date(2026, 4, 10), 9)) == window_end(MARCH, 5)


def test_the_sentence_says_which_figures():
    assert figures_in_words(date(2026, 12, 8)) == "as known on 8 December 2026 (not closed)"
    assert figures_in_words(None) == "latest, including revisions"


def test_the_units_own_working_days_set_its_cutoff(units):
    general_surgery = units["NHT-SURG-GS"]
    general_surgery.reporting_working_days = 10
    general_surgery.save()
    now = aware(date(2026, 12, 4))
    assert figures_for(general_surgery, MARCH, {}, now=now).cutoff == window_end(MARCH, 10)
    # A page about no one unit uses the trust-wide setting.
    assert figures_for(None, MARCH, {}, now=now).cutoff == window_end(MARCH, 5)
    assert figures_for(None, MARCH, {"figures": "latest"}, now=now).known_at is None


# Targets recorded after the window.


def test_a_target_recorded_after_marchs_window_does_not_change_marchs_view(client, waits, analyst):
    make_target(waits, date(2025, 4, 1), "50", tolerance=D(5))
    make_observation(waits, MARCH, "52")
    # Entered in December "from January": it would make March off target.
    make_target(
        waits, date(2026, 1, 1), "60", tolerance=D(5), recorded_at=aware(date(2026, 12, 1))
    )
    response, lines = dashboard_lines(client, analyst, "?as_at=2026-03")
    assert lines["RTT18"].target.value == 50
    assert lines["RTT18"].status is Status.ON_TARGET
    assert "as known on 9 April 2026 (not closed)" in response.content.decode()

    _, latest = dashboard_lines(client, analyst, "?as_at=2026-03&figures=latest")
    assert latest["RTT18"].target.value == 60
    assert latest["RTT18"].status is Status.OFF_TARGET


# Restarts recorded after the window.


def test_a_restart_recorded_today_does_not_change_june_2025s_icons_as_at_june_2025(
    client, waits, analyst
):
    make_target(waits, date(2023, 4, 1), "50", tolerance=D(5))
    for month in months_to(JUNE_2025, 20):
        make_observation(waits, month, str(50 + month.month % 3))
    Rebase.objects.create(measure=waits, period=date(2025, 3, 1), reason="New pathway")

    _, lines = dashboard_lines(client, analyst, "?as_at=2025-06")
    assert lines["RTT18"].rebases == []
    assert lines["RTT18"].judgeable
    assert lines["RTT18"].variation == "common_cause"

    _, latest = dashboard_lines(client, analyst, "?as_at=2025-06&figures=latest")
    assert latest["RTT18"].not_judged == spc.TOO_FEW_POINTS
    assert latest["RTT18"].variation is None


# Values entered, corrected or deleted after the window.


def test_a_value_corrected_after_the_window_shows_only_with_the_latest_figures(
    client, waits, analyst, department_manager
):
    make_target(waits, date(2025, 4, 1), "62", tolerance=D(1))
    make_observation(waits, MARCH, "62.7")
    # Corrected today, long after March's values were due.
    record([Change(waits, MARCH, MeasuredValue(D("60.5")), "Validated")], department_manager)
    assert Observation.objects.get(measure=waits, period=MARCH).value == D("60.5")

    response, lines = dashboard_lines(client, analyst, "?as_at=2026-03")
    assert lines["RTT18"].observation.value == D("62.7")
    assert lines["RTT18"].status is Status.ON_TARGET
    body = response.content.decode()
    assert "as known on 9 April 2026 (not closed)" in body
    assert "?as_at=2026-03&amp;figures=latest" in body

    response, latest = dashboard_lines(client, analyst, "?as_at=2026-03&figures=latest")
    assert latest["RTT18"].observation.value == D("60.5")
    assert latest["RTT18"].status is Status.OFF_TARGET
    body = response.content.decode()
    assert "latest, including revisions" in body
    # The month box keeps the choice, and links to the measure page carry it.
    assert '<input type="hidden" name="figures" value="latest">' in body
    measure_link = reverse("measures:measure", args=[SLUG, "RTT18"])
    assert f"{measure_link}?as_at=2026-03&amp;figures=latest" in body


def test_a_value_first_entered_after_the_window_is_not_known_as_at_the_month(
    client, waits, analyst, department_manager
):
    make_target(waits, date(2025, 4, 1), "62")
    record([Change(waits, MARCH, MeasuredValue(D("70")))], department_manager)
    _, lines = dashboard_lines(client, analyst, "?as_at=2026-03")
    assert lines["RTT18"].observation is None
    assert lines["RTT18"].status is Status.NO_DATA


def test_a_value_deleted_after_the_window_is_still_known_as_at_the_month(waits):
    observation = make_observation(waits, MARCH, "62.7")
    observation.delete()
    known_at = window_end(MARCH, 5)
    for history in (True, False):
        lines = measure_lines([waits], MARCH, history=history, known_at=known_at)
        assert lines[waits.pk].observation.value == D("62.7")
        assert measure_lines([waits], MARCH, history=history)[waits.pk].observation is None


def test_the_cascade_reads_the_values_due_as_they_stood(client, waits, analyst):
    make_target(waits, date(2025, 4, 1), "62")
    observation = make_observation(waits, MARCH, "62.7")
    observation.value = D("55")
    observation.save()
    client.force_login(analyst)
    response = client.get(reverse("dashboards:cascade") + "?as_at=2026-03")
    rows = {row.unit.code: row for row in response.context["rows"]}
    # 62.7 meets the target of 62; the 55 it was changed to later would not.
    assert rows["NHT-SURG-GS"].rollup.in_words == "1 of 1 on target"
    assert "as known on 9 April 2026 (not closed)" in response.content.decode()


def test_only_values_changed_since_the_cutoff_are_read_from_the_history(
    waits, django_assert_num_queries
):
    unchanged = make_observation(waits, date(2026, 2, 1), "1")
    changed = make_observation(waits, MARCH, "2")
    changed.value = D("3")
    changed.save()
    with django_assert_num_queries(1):
        stood = values_known_at([waits.pk], window_end(MARCH, 5), Q(period__lte=MARCH))
    assert set(stood) == {(waits.pk, MARCH)}
    assert stood[(waits.pk, MARCH)].value == D("2")
    assert (waits.pk, unchanged.period) not in stood


def test_a_month_whose_window_is_open_has_everything_known_now(waits):
    # The day March 2026's values are due: nothing is left out yet.
    figures = figures_for(waits.objective.scorecard.unit, MARCH, {}, now=aware(MARCH_DUE, 17))
    assert figures.known_at is None
    assert not figures.may_differ
    assert figures.sentence == "as known on 9 April 2026 (not closed)"


# The measure page as at a month.


def test_the_measure_page_as_at_march_2025_lists_nothing_after_march_2025(client, waits, analyst):
    make_target(waits, date(2024, 4, 1), "50", rationale="First")
    make_target(waits, date(2025, 10, 1), "55", rationale="Later")
    for month in months_to(date(2026, 11, 1), 24):
        make_observation(waits, month, "51")
    Rebase.objects.create(
        measure=waits, period=date(2025, 6, 1), reason="Later restart", created_at=aware(JUNE_2025)
    )
    march_2025 = date(2025, 3, 1)
    changed = Observation.objects.get(measure=waits, period=march_2025)
    changed.value = D("49")
    changed.save()  # today: after March 2025's window

    client.force_login(analyst)
    url = reverse("measures:measure", args=[SLUG, "RTT18"])
    response = client.get(url + "?as_at=2025-03")
    context = response.context
    assert [row["observation"].period for row in context["rows"]][0] == march_2025
    assert max(row["observation"].period for row in context["rows"]) == march_2025
    assert context["rows"][0]["observation"].value == D("51")  # as it stood
    assert context["rebases"] == []
    assert context["latest_target"].value == 50
    assert context["changes"]
    assert all(change.period <= march_2025 for change in context["changes"])
    assert all(change.new_value == D("51") for change in context["changes"])
    # Its due date (7 April 2025) is named once, in the sentence that says which figures.
    body = response.content.decode().replace("as known on 7 April 2025", "", 1)
    for later in ("April 2025", "Oct 2025", "October 2025", "Later restart", "Later"):
        assert later not in body, later

    latest = client.get(url + "?as_at=2025-03&figures=latest").context
    assert max(row["observation"].period for row in latest["rows"]) == march_2025
    assert latest["rows"][0]["observation"].value == D("49")
    assert {change.new_value for change in latest["changes"]} == {D("51"), D("49")}


# The other pages say which figures they show.


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("dashboards:cascade", []),
        ("dashboards:bottlenecks", []),
        ("dashboards:alignment", [SLUG]),
        ("measures:compare_siblings", [SLUG, "RTT18"]),
        ("measures:compare_all", ["RTT18"]),
    ],
)
def test_each_page_says_which_figures_and_offers_the_other(client, waits, analyst, name, args):
    make_target(waits, date(2025, 4, 1), "62")
    make_observation(waits, MARCH, "62.7")
    client.force_login(analyst)
    url = reverse(name, args=args)
    body = client.get(url + "?as_at=2026-03").content.decode()
    assert "Figures <strong>as known on 9 April 2026 (not closed)</strong>" in body
    assert "Show the latest figures, including revisions" in body
    body = client.get(url + "?as_at=2026-03&figures=latest").content.decode()
    assert "Figures <strong>latest, including revisions</strong>" in body
    assert "Show the figures as known on 9 April 2026 (not closed)" in body


def test_the_switch_keeps_the_pages_other_parameters(client, waits, analyst):
    client.force_login(analyst)
    url = reverse("dashboards:cascade")
    body = client.get(url + "?unit=surgery&as_at=2026-03").content.decode()
    assert 'href="?unit=surgery&amp;as_at=2026-03&amp;figures=latest"' in body


def test_the_key_target_review_reads_its_month_as_known(
    client, waits, analyst, department_manager
):
    key_target = KeyTarget.objects.create(code="RTT", name="18 weeks")
    Alignment.objects.create(
        scorecard=waits.objective.scorecard,
        key_target=key_target,
        measure=waits,
        kind=Alignment.Kind.SUPPORTS,
    )
    make_target(waits, date(2025, 4, 1), "62")
    make_observation(waits, MARCH, "62.7")
    record([Change(waits, MARCH, MeasuredValue(D("50")), "Fixed")], department_manager)
    client.force_login(analyst)
    url = reverse("review:detail", args=[SLUG, key_target.code])
    response = client.get(url + "?as_at=2026-03")
    assert "as known on 9 April 2026 (not closed)" in response.content.decode()
    items = [item for _, _, column in response.context["columns"] for item in column]
    assert [item.line.observation.value for item in items if item.line] == [D("62.7")]


# The migration's backfill.


def test_the_migration_dates_each_target_by_its_first_history_row(waits):
    target = make_target(waits, date(2025, 4, 1), "62")
    first = aware(date(2024, 2, 3))
    target.history.update(history_date=first)
    Target.objects.filter(pk=target.pk).update(recorded_at=timezone.now())
    migration = importlib.import_module("measures.migrations.0011_target_recorded_at")
    migration.backfill(apps, None)
    target.refresh_from_db()
    assert target.recorded_at == first
    assert target.history.get().recorded_at == first
