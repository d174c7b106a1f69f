"""The unit dashboard (the unit's page) and the measure page's SPC."""

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.models import Rebase
from scorecard.dashboards.dashboard import build_many
from scorecard.lib import periods
from scorecard.models import ObjectiveLink
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_user,
)
from tests.scorecard.dashboard_data import AS_AT, fill

SLUG = "general-surgery"


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    waits = make_objective(scorecard, "C1", "Customer", title="Cut waits")
    money = make_objective(scorecard, "F1", "Financial", title="Balance the books")
    steady = make_measure(waits, "STEADY", unit="%", who_acts="Service manager", action="Hold")
    make_target(steady, value="50", tolerance=D(5), action_trigger=D(40))
    # Twelve level points then seven high ones: the last point is a shift upwards.
    fill(steady, [50, 51, 49, 50, 52, 48, 50, 51, 49, 50, 51, 49, 50, 60, 61, 62, 60, 61, 62])
    falling = make_measure(waits, "FALL", unit="%", action="Recovery plan", who_acts="Lead")
    make_target(falling, value="90", tolerance=D(2), action_trigger=D(85))
    fill(falling, [92, 91, 93, 92, 91, 92, 93, 91, 92, 92, 91, 93, 92, 84])
    make_measure(money, "EMPTY", unit="£")
    return scorecard


def dashboard_of(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("dashboards:unit", args=[SLUG]) + query)
    return response, response.context["dashboard"]


def lines_of(board):
    return {line.measure.code: line for line in board.measures}


def test_each_measure_has_its_value_status_score_and_spc(client, scorecard, analyst):
    response, board = dashboard_of(client, analyst, "?as_at=2026-09")
    lines = lines_of(board)
    steady, falling, empty = lines["STEADY"], lines["FALL"], lines["EMPTY"]
    assert steady.observation.value == 62
    assert steady.status.label == "On target"
    assert steady.variation == "improvement_high"
    assert steady.assurance == "inconsistent"
    assert falling.status.label == "Off target"
    assert falling.past_trigger
    assert falling.score == 0.0
    assert empty.status.label == "No data"
    assert empty.score is None
    assert empty.spc is None
    body = response.content.decode()
    assert "Improving, high" in body
    assert "Special cause: improvement, high" in body  # the tooltip and hidden text


def test_scores_and_counts_roll_up_to_objectives_perspectives_and_the_unit(
    client, scorecard, analyst
):
    _, board = dashboard_of(client, analyst, "?as_at=2026-09")
    customer = next(p for p in board.perspectives if p.perspective.name == "Customer")
    (waits,) = customer.objectives
    # STEADY scores 10 (62 against 50, a step of 5), FALL 0: the objective averages 5.
    assert waits.rollup.score == pytest.approx(5.0)
    assert waits.rollup.in_words == "1 of 2 on target (1 off target)"
    financial = next(p for p in board.perspectives if p.perspective.name == "Financial")
    assert financial.rollup.score is None
    assert financial.rollup.in_words == "0 of 1 on target (1 no data)"
    # The unit averages the perspectives that have a score.
    assert board.rollup.score == pytest.approx(5.0)
    assert board.rollup.in_words == "1 of 3 on target (1 off target, 1 no data)"


def test_action_required_lists_the_trigger_and_the_special_causes_of_concern(
    client, scorecard, analyst
):
    response, board = dashboard_of(client, analyst, "?as_at=2026-09")
    assert [line.measure.code for line in board.action_required] == ["FALL"]
    (line,) = board.action_required
    assert line.action_reasons[0] == "past the action trigger"
    body = response.content.decode()
    assert "Recovery plan" in body
    # Not the latest comment: the month's exception report, here none yet.
    assert "<strong>No report for Sep 2026</strong>" in body


def test_the_summary_matrix_counts_variation_against_assurance(client, scorecard, analyst):
    response, board = dashboard_of(client, analyst, "?as_at=2026-09")
    rows = dict(board.matrix["rows"])
    keys = [key for key, _ in board.matrix["columns"]]
    assert rows["improvement_high"][keys.index("inconsistent")] == 1
    assert sum(rows[None]) == 1  # EMPTY has no values
    # Each heading stands over its own column's counts (Hit and miss and Fail were
    # once drawn over each other's).
    table = re.search(r'<table[^>]*app-matrix">.*?</table>', response.content.decode(), re.S)
    headings = [
        re.sub(r"<[^>]+>", "", heading).strip()
        for heading in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table.group())
    ]
    row = re.search(r"improvement, high</span></span></th>(.*?)</tr>", table.group(), re.S)
    counts = re.findall(r">(\d+)<", row.group(1))
    assert headings == ["Variation", "Pass", "Hit and miss", "Fail", "No assurance"]
    assert headings[1 + counts.index("1")] == "Hit and miss"
    # The official icons beside the words: decorative, so read as nothing more.
    assert (
        '<img class="app-icon__image" src="/static/vendor/mdc-icons/assurance/fail.svg" alt=""'
        in (table.group())
    )


def test_as_at_an_earlier_month_reads_the_values_then(client, scorecard, analyst):
    _, board = dashboard_of(client, analyst, "?as_at=2026-06")
    steady = lines_of(board)["STEADY"]
    assert steady.period == date(2026, 6, 1)
    assert len(steady.series) == 16


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("next month", "Enter the period as year and month"),
        ("2099-01", "January 2099 is in the future"),
        ("2026-13", "Enter the period as year and month"),
        ("0001-01", "Enter a period from January 2000 onwards"),
    ],
)
def test_a_wrong_as_at_is_explained_beside_the_field_and_the_latest_month_shown(
    client, scorecard, analyst, typed, message
):
    response, board = dashboard_of(client, analyst, f"?as_at={typed}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert board.as_at == periods.latest_complete_period(date.today(), "monthly")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("analyst", 200), ("department_manager", 200), ("directorate_manager", 200)],
)
def test_the_dashboard_opens_for_each_role(client, scorecard, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("dashboards:unit", args=[SLUG])).status_code == status


def test_the_dashboard_is_not_found_for_outsiders(client, scorecard, outsider):
    client.force_login(outsider)
    assert client.get(reverse("dashboards:unit", args=[SLUG])).status_code == 404


@pytest.mark.parametrize("as_at", [AS_AT, date(2026, 6, 1), date(2026, 3, 1)])
def test_reading_only_the_values_due_scores_as_reading_every_value(scorecard, as_at):
    quarterly = make_measure(
        scorecard.objectives.get(code="F1"), "QTR", unit="%", frequency="quarterly"
    )
    make_target(quarterly, value="50", tolerance=D(5))
    for quarter_start in ["2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01"]:
        make_observation(quarterly, date.fromisoformat(quarter_start), "48")

    def scores(board):
        lines = [(line.measure.code, line.score, line.status) for line in board.measures]
        return lines, board.rollup

    full = build_many([scorecard], as_at)[scorecard.pk]
    latest_only = build_many([scorecard], as_at, history=False)[scorecard.pk]

    assert scores(latest_only) == scores(full)
    with pytest.raises(ValueError, match="Only the latest value of STEADY was read"):
        _ = lines_of(latest_only)["STEADY"].spc


def test_the_strategy_map_is_followed_by_its_links_in_a_table_that_changes_nothing(
    client, scorecard, department_manager
):
    # The map's description promises "the same links are listed in the table
    # below"; the dashboard is for reading, so the table offers no removal.
    waits, books = scorecard.objectives.get(code="C1"), scorecard.objectives.get(code="F1")
    link = ObjectiveLink.objects.create(
        cause=waits, effect=books, rationale="Shorter waits bring in the tariff"
    )

    response, _ = dashboard_of(client, department_manager)

    body = response.content.decode()
    after_map = body[body.index("the same links are listed in the table below") :]
    table = after_map[after_map.index('aria-label="Cause-and-effect links"') :]
    table = table[: table.index("</table>")]
    assert f'<td class="nhsuk-table__cell">{waits}</td>' in table
    assert f'<td class="nhsuk-table__cell">{books}</td>' in table
    assert "Shorter waits bring in the tariff" in table
    assert reverse("builder:link_delete", args=[SLUG, link.pk]) not in body


@pytest.mark.parametrize("measure_count", [5, 200])
def test_the_dashboard_reads_the_same_queries_for_5_measures_and_200(
    client, units, analyst, django_assert_num_queries, measure_count
):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    objectives = [make_objective(scorecard, f"O{n}", "Customer") for n in range(5)]
    for number in range(measure_count):
        measure = make_measure(objectives[number % 5], f"M{number}", unit="%")
        make_target(measure, value="50", action_trigger=D(40))
        fill(measure, [50 + (n % 3) for n in range(15)])
    client.force_login(analyst)
    # The same 27 at both sizes: session, user, unit, role, whether they may close its
    # months, dependencies, then the dashboard's fixed reads (scorecard, objectives,
    # measures, targets, values...), the month's record (none here), as at a past
    # month the unit's working days and the values changed since, and the unit's
    # overdue actions (the exception reports of the measures needing action: none here).
    with django_assert_num_queries(27):
        response = client.get(reverse("dashboards:unit", args=[SLUG]) + "?as_at=2026-09")
    assert len(response.context["dashboard"].measures) == measure_count


# The measure page.


def measure_url(code):
    return reverse("measures:measure", args=[SLUG, code])


def test_the_measure_page_draws_the_chart_from_json_with_no_inline_script(
    client, scorecard, analyst
):
    client.force_login(analyst)
    response = client.get(measure_url("STEADY"))
    body = response.content.decode()
    assert '<script id="spc-figure" type="application/json">' in body
    assert "vendor/plotly/plotly.min.js" in body
    figure = response.context["figure"]
    names = [trace.get("name") for trace in figure["data"]]
    assert {"Value", "Mean", "Process limits", "Target", "Special cause: improvement"} <= set(
        names
    )
    hover = next(t for t in figure["data"] if t["name"] == "Value")["hovertext"]
    assert "Note Sep" in hover[-1]
    for script in body.split("<script")[1:]:
        head, _, rest = script.partition(">")
        assert "src=" in head or 'type="application/json"' in head


def test_below_13_points_there_are_no_limits_and_the_page_says_why(client, units, analyst):
    measure = make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"])), "NEW")
    fill(measure, [1, 2, 3, 4, 5])
    client.force_login(analyst)
    response = client.get(measure_url("NEW"))
    body = response.content.decode()
    assert "Limits and icons need at least 13 values in a group" in body
    limits = [t for t in response.context["figure"]["data"] if t["name"] == "Process limits"]
    assert all(value is None for trace in limits for value in trace["y"])


def test_a_manager_restarts_the_limits_with_a_reason_and_it_is_drawn(
    client, scorecard, department_manager
):
    client.force_login(department_manager)
    url = reverse("measures:rebase_add", args=[SLUG, "STEADY"])
    refused = client.post(url, {"rebase-period": "2026-09", "rebase-reason": ""})
    assert refused.status_code == 200
    assert "Say what changed in the process" in refused.content.decode()
    outside = client.post(url, {"rebase-period": "2020-01", "rebase-reason": "New pathway"})
    assert "Choose a period that has a value" in outside.content.decode()
    saved = client.post(url, {"rebase-period": "2026-03", "rebase-reason": "New pathway"})
    assert saved.status_code == 302
    rebase = Rebase.objects.get()
    assert (rebase.period, rebase.created_by) == (date(2026, 3, 1), department_manager)
    page = client.get(measure_url("STEADY"))
    assert "Limits restart: New pathway" in json.dumps(page.context["figure"])
    assert page.context["line"].rebase_at == [12]  # March 2026 is the 13th value


def test_an_analyst_cannot_restart_limits(client, scorecard, analyst):
    client.force_login(analyst)
    url = reverse("measures:rebase_add", args=[SLUG, "STEADY"])
    response = client.post(url, {"rebase-period": "2026-03", "rebase-reason": "x"})
    assert response.status_code == 403
    assert not Rebase.objects.exists()


def test_a_measure_without_a_target_says_it_has_no_assurance(client, units, analyst):
    measure = make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"])), "BARE")
    fill(measure, [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 11])
    client.force_login(analyst)
    body = client.get(measure_url("BARE")).content.decode()
    assert "The measure has no target, so there is no assurance icon." in body


def test_removing_a_restart_asks_first_and_is_remembered(
    client, scorecard, department_manager, analyst
):
    rebase = Rebase.objects.create(
        measure=scorecard.objectives.get(code="C1").measures.get(code="STEADY"),
        period=date(2026, 3, 1),
        reason="New pathway",
    )
    client.force_login(department_manager)
    url = reverse("measures:rebase_delete", args=[SLUG, "STEADY", rebase.pk])

    asked = client.get(url)
    assert "Remove the restart from Mar 2026?" in asked.content.decode()
    assert Rebase.objects.exists()
    assert client.post(url).status_code == 302
    assert not Rebase.objects.exists()
    page = client.get(measure_url("STEADY")).content.decode()
    assert "Restarts removed:" in page
    assert "from Mar 2026 (New pathway), removed by charlie" in page
    client.force_login(analyst)
    assert "removed by charlie" in client.get(measure_url("STEADY")).content.decode()


def test_restarts_whose_authors_have_left_still_show_on_the_measure_page(
    client, scorecard, analyst
):
    author = make_user("henry")
    measure = scorecard.objectives.get(code="C1").measures.get(code="STEADY")
    Rebase.objects.create(
        measure=measure, period=date(2026, 3, 1), reason="New pathway", created_by=author
    )
    # Removed outside a request (a shell, a script), so its history names nobody.
    Rebase.objects.create(measure=measure, period=date(2026, 1, 1), reason="Old pathway").delete()
    author.delete()
    client.force_login(analyst)

    response = client.get(measure_url("STEADY"))

    assert response.status_code == 200
    body = response.content.decode()
    assert 'New pathway <span class="app-muted">(someone,' in body
    assert "(Old pathway), removed by someone" in body


def test_a_zero_tolerance_measure_is_judged_on_each_event_not_by_spc(client, units, analyst):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    never = make_measure(objective, "NEVER", unit="count", direction="lower", zero_tolerance=True)
    make_target(never, value="0")
    fill(never, [0] * 14 + [1] + [0] * 4)
    _, board = dashboard_of(client, analyst, "?as_at=2026-09")
    line = lines_of(board)["NEVER"]
    assert not line.judgeable
    assert (line.variation, line.assurance) == (None, None)
    assert line.not_judged_short == "Judged on each event"
    body = client.get(measure_url("NEVER")).content.decode()
    assert "judged event by event, not by an XmR chart" in body


def test_values_that_never_vary_have_no_limits_and_say_why(client, units, analyst):
    flat = make_measure(make_objective(make_scorecard(units["NHT-SURG-GS"])), "FLAT", unit="%")
    fill(flat, [100] * 15)
    client.force_login(analyst)
    body = client.get(measure_url("FLAT")).content.decode()
    assert "The values barely vary, so the process limits have no width" in body


def test_the_current_month_is_not_over_so_it_cannot_be_the_as_at(client, scorecard, analyst):
    today = date.today()
    response, board = dashboard_of(client, analyst, f"?as_at={today:%Y-%m}")
    assert f"{today:%B %Y} is not over yet" in response.content.decode()
    assert board.as_at < today.replace(day=1)


def test_a_special_cause_of_concern_is_tagged_for_action_in_its_row(client, units, analyst):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    delays = make_measure(objective, "DELAY", unit="%", direction="lower")
    fill(delays, [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 15, 16, 15, 16, 15, 16])
    response, board = dashboard_of(client, analyst, "?as_at=2026-09")
    line = lines_of(board)["DELAY"]
    assert line.needs_action
    assert not line.past_trigger
    row = response.content.decode().split('href="/units/general-surgery/measures/DELAY/')[1]
    assert "Action required" in row.split("</tr>")[0]
    # Why, in words, since its status alone may read well.
    assert "Special cause of concern (" in row.split("</tr>")[0]


def test_an_objective_whose_measures_have_no_target_says_no_target(client, units, analyst):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    fill(make_measure(objective, "BARE"), [5, 6])
    _, board = dashboard_of(client, analyst, "?as_at=2026-09")
    assert board.objectives[0].rollup.status.label == "No target"


def test_the_measure_page_follows_the_dashboards_month(client, scorecard, analyst):
    client.force_login(analyst)
    response = client.get(measure_url("STEADY") + "?as_at=2026-03")
    assert response.context["line"].series[-1].period == date(2026, 3, 1)
    assert "as at March 2026" in response.content.decode()


def test_the_measure_page_shows_the_whole_measure_sheet(client, units, analyst):
    sheet = {
        "purpose": "Why we count it",
        "relates_to": "The 18-week standard",
        "formula": "Waiting under 18 weeks over all waiting",
        "who_measures": "Information team",
        "data_source": "Patient administration system",
        "owner": "Chief Operating Officer",
        "who_acts": "Service managers",
        "action": "Recovery plan",
        "notes": "Validated monthly",
    }
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]))
    make_measure(objective, "SHEET", **sheet)
    client.force_login(analyst)
    body = client.get(measure_url("SHEET")).content.decode()
    for text in sheet.values():
        assert text in body
