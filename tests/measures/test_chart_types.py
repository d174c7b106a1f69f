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
            "advises; or name the baseline's periods.",
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
            "A baseline is only for limits fixed from a baseline: choose that chart, or clear it.",
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


# A year at 20 before a new pathway, its first year at about 10 (the baseline the
# trust names, April 2025 to March 2026), then six months at 14: October 2024 to
# September 2026.
BEFORE, BASELINE, AFTER = [20, 21] * 3, [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11], [14] * 6
APRIL_2025, MARCH_2026 = date(2025, 4, 1), date(2026, 3, 1)


def test_limits_fixed_on_a_named_period_come_from_its_values_alone():
    values = BEFORE + BASELINE + AFTER

    fixed = spc.analyse(values, spc.DECREASE, fix_on=(6, 18))

    assert fixed.mean == pytest.approx(sum(BASELINE) / 12)
    # Moving ranges of the baseline: 1,1,2,1,1,1,1,2,1,1,1: average 13/11.
    assert fixed.upl == pytest.approx(sum(BASELINE) / 12 + 2.66 * 13 / 11)
    # Judged against the baseline, the year before and the months after are outside.
    assert {p.rule for p in fixed.points[:6]} == {"outside"}
    assert fixed.points[-1].classification == spc.CONCERN


def test_a_group_after_a_restart_outside_the_named_period_uses_all_its_own_values():
    values = BEFORE + BASELINE + AFTER + [15, 13] * 4

    fixed = spc.analyse(values, spc.DECREASE, fix_on=(6, 18), rebase_at=[24])

    assert fixed.points[0].mean == pytest.approx(sum(BASELINE) / 12)
    assert fixed.mean == pytest.approx(14)  # the last group's own mean


def named(objective, **extra):
    fields = {"baseline_start": APRIL_2025, "baseline_end": MARCH_2026} | extra
    return make_measure(
        objective,
        "DAYS",
        unit="days",
        direction=Direction.LOWER_IS_BETTER,
        chart_type=ChartType.BASELINE,
        **fields,
    )


def test_a_measure_fixed_on_a_named_period_is_judged_against_it(objective):
    measure = named(objective)
    fill(measure, BEFORE + BASELINE + AFTER)

    line = measure_lines([measure], AS_AT)[measure.pk]

    assert line.baseline_span == (6, 18)
    assert line.spc.mean == pytest.approx(sum(BASELINE) / 12)
    assert line.concern == "a point outside the process limits"


def test_a_named_period_with_too_few_values_yet_draws_no_limits(objective):
    measure = named(objective)
    # As at October 2025, the baseline has seven of its twelve months.
    fill(measure, BEFORE + BASELINE[:7], end=date(2025, 10, 1))

    line = measure_lines([measure], date(2025, 10, 1))[measure.pk]

    assert line.not_judged == spc.THIN_BASELINE
    assert (line.variation, line.assurance) == (None, None)
    assert line.judged_groups == set()  # so no chart draws its limits either
    assert line.not_judged_short == "Baseline too short"
    assert line.why_not_judged == (
        "Its limits are fixed on its baseline, Apr 2025 to Mar 2026, which has 7 values: "
        "limits fixed on fewer than 12 cannot tell a real change from noise, so none are "
        "drawn yet."
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"baseline_points": 12},
            {
                "baseline_points": "Fix the limits on a number of points or on a named period, "
                "not both: clear one."
            },
        ),
        (
            {"baseline_end": None},
            {"baseline_end": "Give both the first and the last period."},
        ),
        (
            {"baseline_start": MARCH_2026, "baseline_end": APRIL_2025},
            {"baseline_end": "The last period comes before the first."},
        ),
        (
            {"baseline_end": date(2026, 2, 1)},
            {
                "baseline_end": "Fix the limits on 12 periods or more, as Making Data Count "
                "advises: Apr 2025 to Feb 2026 is 11."
            },
        ),
        (
            {"frequency": "quarterly", "baseline_start": date(2025, 5, 1)},
            {
                "baseline_start": "Give a period of this quarterly measure: did you mean "
                "Q1 2025/26 (type 2025-04)?"
            },
        ),
        (
            {"chart_type": ChartType.XMR},
            dict.fromkeys(
                ("baseline_start", "baseline_end"),
                "A baseline is only for limits fixed from a baseline: choose that "
                "chart, or clear it.",
            ),
        ),
    ],
)
def test_a_named_period_is_whole_in_order_on_the_periods_and_long_enough(
    objective, fields, errors
):
    measure = named(objective)
    for name, value in fields.items():
        setattr(measure, name, value)

    with pytest.raises(ValidationError) as refused:
        measure.full_clean()

    assert {name: messages[0] for name, messages in refused.value.message_dict.items()} == errors


def test_the_sheet_names_a_baseline_period_and_keeps_a_bad_one_as_typed(
    client, objective, department_manager
):
    measure = make_measure(objective, "LOS", unit="days", direction=Direction.LOWER_IS_BETTER)
    client.force_login(department_manager)
    url = reverse("builder:measure_edit", args=["general-surgery", measure.pk])
    form = as_posted(client.get(url).context["form"])
    form["measure-chart_type"] = "baseline"

    form["measure-baseline_start"], form["measure-baseline_end"] = "2025-04", "2026-13"
    refused = client.post(url, form).content.decode()
    assert "Enter the period as year and month, such as 2026-04 for April 2026" in refused
    assert 'value="2026-13"' in refused

    # A baseline that ends before the measure's first value has nothing to fix limits on.
    fill(measure, [10] * 30)  # from April 2024
    form["measure-baseline_start"], form["measure-baseline_end"] = "2022-04", "2023-03"
    refused = client.post(url, form).content.decode()
    assert "Its first value is for Apr 2024: a baseline that ends before it has no values" in (
        refused
    )

    form["measure-baseline_start"], form["measure-baseline_end"] = "2025-04", "2026-03"
    assert client.post(url, form).status_code == 302
    measure.refresh_from_db()
    assert (measure.baseline_start, measure.baseline_end) == (APRIL_2025, MARCH_2026)


def test_the_measure_page_shades_and_names_the_baseline_period(
    client, objective, department_manager
):
    named(objective)
    fill(objective.measures.get(), BEFORE + BASELINE + AFTER)
    client.force_login(department_manager)  # who may restart, so sees where limits restart

    page = client.get(reverse("measures:measure", args=["general-surgery", "DAYS"]))

    text = page.content.decode()
    assert "XmR chart with limits fixed from a baseline: Apr 2025 to Mar 2026" in text
    assert "The limits are fixed on Apr 2025 to Mar 2026 and have not been restarted" in text
    assert "both worked out from the values of Apr 2025 to Mar 2026, shaded grey" in text
    (band,) = page.context["figure"]["layout"]["shapes"]
    assert (band["x0"][:7], band["x1"][:7]) == ("2025-03", "2026-03")


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
