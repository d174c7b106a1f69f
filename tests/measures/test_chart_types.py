"""Each measure's chart type: an XmR chart, one with limits fixed from a baseline, or a
run chart for figures that accumulate.

The case seen: income and expenditure year to date (IEVAR) resets every April,
so an XmR chart of it calls point after point a special cause and the action
list says "a run of seven falling points". Charted as a run chart it has no
limits and no icons, and needs action only for its target.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import spc
from measures.charts import xmr_figure
from measures.lines import measure_lines
from measures.models import ChartType, Direction
from measures.selectors import target_in_force
from scorecard.closing.services import close_month
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill

# Year to date, £000: falls month by month from April, then starts again.
YEAR_TO_DATE = [-40 * (month + 1) for month in range(12)] + [-35 * (m + 1) for m in range(8)]


@pytest.fixture
def objective(units):
    return make_objective(make_scorecard(units["NHT-SURG-GS"]), "F1", "Financial")


def ievar(objective, **extra):
    measure = make_measure(objective, "IEVAR", unit="£000", decimals=0, **extra)
    make_target(measure, value="-500", tolerance=D(100))
    fill(measure, YEAR_TO_DATE)
    return measure


def test_an_xmr_chart_of_a_year_to_date_figure_calls_for_action_every_april(objective):
    measure = ievar(objective)
    line = measure_lines([measure], AS_AT)[measure.pk]
    assert line.judgeable
    assert line.concern  # what the analyst saw on the action list
    assert line.needs_action


def test_a_run_chart_has_no_limits_icons_or_special_causes(objective):
    measure = ievar(objective, chart_type=ChartType.RUN)

    line = measure_lines([measure], AS_AT)[measure.pk]

    assert line.not_judged == spc.RUN_CHART
    assert (line.variation, line.assurance, line.concern) == (None, None, None)
    assert line.judged_groups == set()
    assert line.not_judged_short == "Run chart: no limits"
    assert "charted as a run chart, without process limits or icons" in line.why_not_judged
    # Still judged against its target: -280 is on a target of -500 or more.
    assert not line.needs_action


def test_the_measure_page_draws_a_run_chart_with_its_median_and_says_why(
    client, objective, analyst
):
    measure = ievar(objective, chart_type=ChartType.RUN)
    client.force_login(analyst)

    response = client.get(
        reverse("measures:measure", args=["general-surgery", measure.code])
        + f"?as_at={AS_AT:%Y-%m}"
    )

    names = [trace.get("name") for trace in response.context["figure"]["data"]]
    assert "Median" in names
    assert "Process limits" not in names
    assert "Mean" not in names
    assert "charted as a run chart" in response.content.decode()


# Twelve steady months, then a step up of about three process widths.
STEP = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11] + [14, 15, 14, 15, 14, 15]


def test_limits_fixed_from_a_baseline_come_from_its_first_points(objective):
    fixed = make_measure(
        objective, "FIXED", unit="days", chart_type=ChartType.BASELINE, baseline_points=12
    )
    moving = make_measure(objective, "MOVING", unit="days")
    for measure in (fixed, moving):
        fill(measure, STEP)

    lines = measure_lines([fixed, moving], AS_AT)

    assert lines[fixed.pk].spc.mean == pytest.approx(sum(STEP[:12]) / 12)
    assert lines[moving.pk].spc.mean == pytest.approx(sum(STEP) / len(STEP))
    # Against the baseline the new level is outside the limits.
    assert lines[fixed.pk].spc.points[-1].rule == "outside"
    assert lines[fixed.pk].variation == "improvement_high"


@pytest.mark.parametrize(
    ("chart", "points", "message"),
    [
        (
            ChartType.BASELINE,
            None,
            "Say how many points the limits are fixed on: 12 or more, as Making Data Count "
            "advises.",
        ),
        (
            ChartType.BASELINE,
            11,
            "Fix the limits on 12 points or more, as Making Data Count advises: 11 are too few "
            "to tell a real change from noise.",
        ),
        (
            ChartType.RUN,
            20,
            "Points in the baseline are only for limits fixed from a baseline: choose that "
            "chart, or clear the number.",
        ),
    ],
)
def test_the_baseline_points_go_with_a_baseline_and_are_enough(objective, chart, points, message):
    measure = make_measure(objective, "LOS", unit="days")
    measure.chart_type, measure.baseline_points = chart, points

    with pytest.raises(ValidationError) as refused:
        measure.full_clean()

    assert refused.value.message_dict["baseline_points"] == [message]


def test_the_measure_sheet_sets_the_chart_and_refuses_a_short_baseline(
    client, objective, department_manager
):
    measure = make_measure(objective, "LOS", unit="days", direction=Direction.LOWER_IS_BETTER)
    client.force_login(department_manager)
    url = reverse("builder:measure_edit", args=["general-surgery", measure.pk])
    form = as_posted(client.get(url).context["form"])

    form["measure-chart_type"], form["measure-baseline_points"] = "baseline", "6"
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "6 are too few to tell a real change from noise" in refused.content.decode()
    assert 'value="6"' in refused.content.decode()  # kept as typed

    form["measure-baseline_points"] = "24"
    assert client.post(url, form).status_code == 302
    measure.refresh_from_db()
    assert (measure.chart_type, measure.baseline_points) == (ChartType.BASELINE, 24)


def as_posted(form):
    """What a browser sends for the form as drawn: unticked boxes are not sent."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[form.add_prefix(name)] = "on"
        elif value not in (False, None):
            data[form.add_prefix(name)] = value
    return data


def test_a_closed_month_says_its_run_chart_had_no_limits(
    client, objective, analyst, performance_lead
):
    measure = ievar(objective, chart_type=ChartType.RUN)
    close_month(unit=objective.scorecard.unit, month=AS_AT, user=performance_lead)
    client.force_login(analyst)

    response = client.get(
        reverse("dashboards:unit", args=["general-surgery"]) + f"?as_at={AS_AT:%Y-%m}"
    )

    (line,) = [line for line in response.context["dashboard"].measures if line.measure == measure]
    assert line.reported
    assert line.not_judged_short == "Run chart: no limits"


def test_the_measure_page_says_its_limits_come_from_the_baseline(client, objective, analyst):
    fixed = make_measure(
        objective, "FIXED", unit="days", chart_type=ChartType.BASELINE, baseline_points=12
    )
    fill(fixed, STEP)
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=["general-surgery", "FIXED"]))

    text = page.content.decode()
    assert "both worked out from the first 12 values (of the series, or since a restart)" in text
    assert "XmR chart with limits fixed from a baseline: the first 12 points" in text


def test_a_target_retired_long_ago_does_not_stretch_the_axis(objective):
    measure = make_measure(objective, "RTT", unit="%")
    make_target(measure, value="92")  # from April 2025
    make_target(measure, date(2025, 10, 1), value="65")
    fill(measure, [60, 62, 61, 63, 60, 62, 64, 61, 63, 62, 60, 61, 63, 62, 61, 60, 62, 63])
    line = measure_lines([measure], AS_AT)[measure.pk]
    targets = [target_in_force(line.targets, o.period) for o in line.series]

    figure = xmr_figure(measure, line.series, line.spc, targets, [], line.judged_groups)

    low, high = figure["layout"]["yaxis"]["range"]
    assert 55 < low < 60
    assert 65 < high < 70  # the recent target, not the 92 of April 2025


def test_an_axis_that_holds_every_target_is_left_to_plotly(objective):
    measure = make_measure(objective, "RTT", unit="%")
    make_target(measure, value="62")
    fill(measure, [60, 62, 61, 63, 60, 62, 64, 61, 63, 62, 60, 61, 63, 62, 61, 60, 62, 63])
    line = measure_lines([measure], AS_AT)[measure.pk]
    targets = [target_in_force(line.targets, o.period) for o in line.series]

    figure = xmr_figure(measure, line.series, line.spc, targets, [], line.judged_groups)

    assert "range" not in figure["layout"]["yaxis"]


def test_a_small_count_has_a_tick_per_event(objective):
    never = make_measure(objective, "NEVER", unit="count", decimals=0, direction="lower")
    fill(never, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    line = measure_lines([never], AS_AT)[never.pk]
    targets = [target_in_force(line.targets, o.period) for o in line.series]

    figure = xmr_figure(never, line.series, line.spc, targets, [], line.judged_groups)

    assert figure["layout"]["yaxis"]["dtick"] == 1
