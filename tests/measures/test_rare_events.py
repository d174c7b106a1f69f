"""t-charts and g-charts of rare events, against published worked examples.

The examples are the reference data sets of the PowerBI-SPC visual's test
suite (AUS-DOH-Safety-and-Quality), whose expected limits were worked out in R
from the published methods: the t-chart of Nelson (1994) and the g-chart of
Benneyan (1998). The g-chart's figures are reproduced to four places. The
t-chart's are reproduced to four places with the factor they use, 3/1.128;
with Making Data Count's 2.66 (every other chart here) the upper limit is
106.07 days instead of 106.04.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures.models import Occurrence
from measures.rare_events import CONCERN, IMPROVEMENT, g_chart, t_chart
from tests.factories import make_measure, make_objective, make_scorecard
from tests.scorecard.dashboard_data import fill

SLUG = "general-surgery"

DAYS_BETWEEN = [
    16, 20, 5, 13, 1, 26, 46, 12, 12, 5, 19, 4, 3, 15, 14, 9, 8, 15, 21, 6, 3, 1, 56, 117,
    1, 33, 9, 9, 19, 12, 1, 16, 13, 18, 1, 35, 16, 5, 21, 38, 3, 25, 3, 11, 13, 20, 9, 3,
    8, 21, 24, 38, 8, 13, 9, 1, 30, 23, 3, 7, 22, 19, 11, 31, 6, 1, 1,
]  # fmt: skip
CASES_BETWEEN = [
    23, 39, 15, 34, 1, 49, 98, 29, 27, 13, 45, 7, 10, 27, 24, 14, 20, 38, 44, 11, 10, 3, 113,
    183, 3, 47, 18, 18, 33, 15, 2, 38, 27, 27, 1, 52, 23, 7, 26, 82, 5, 49, 5, 17, 24, 44, 26,
    2, 27, 46, 55, 97, 22, 22, 20, 4, 60, 51, 7, 21, 66, 36, 25, 72, 15, 5, 3,
]  # fmt: skip


def test_the_g_chart_of_the_published_example():
    chart = g_chart(CASES_BETWEEN)

    assert chart.centre == 24  # the median
    assert chart.upper == pytest.approx(128.1749, abs=5e-5)
    assert chart.lower == 0


def test_the_t_chart_of_the_published_example():
    chart = t_chart(DAYS_BETWEEN, factor=3 / 1.128)

    assert chart.centre == pytest.approx(11.2051, abs=5e-5)
    assert chart.upper == pytest.approx(106.0418, abs=5e-5)
    assert chart.lower == pytest.approx(0.0079, abs=5e-5)


def test_the_t_chart_with_making_data_counts_factor():
    chart = t_chart(DAYS_BETWEEN)

    assert chart.upper == pytest.approx(106.0702, abs=5e-5)
    assert chart.centre == pytest.approx(11.2051, abs=5e-5)


def test_a_gap_past_the_upper_limit_is_an_improvement_and_one_below_the_lower_a_concern():
    chart = t_chart(DAYS_BETWEEN)

    assert chart.signal(117) == IMPROVEMENT
    assert chart.signal(0) == CONCERN
    assert chart.signal(30) is None


@pytest.mark.parametrize("chart", [t_chart, g_chart])
def test_three_gaps_are_the_fewest_to_judge(chart):
    assert not chart([10, 20]).judged
    assert chart([10, 20, 30]).judged
    assert chart([10, 20]).signal(1000) is None


# The pages: a never-event measure charted by the days between its events.


@pytest.fixture
def never(units):
    objective = make_objective(
        make_scorecard(units["NHT-SURG-GS"]), "P1", "Internal business processes"
    )
    measure = make_measure(
        objective,
        "NEVER",
        unit="count",
        decimals=0,
        direction="lower",
        zero_tolerance=True,
        rollup="sum",
        chart_type="t",
    )
    fill(measure, [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0])
    return measure


def add_event(client, day, **fields):
    data = {"event-occurred_on": day, **{f"event-{k}": v for k, v in fields.items()}}
    return client.post(reverse("measures:event_add", args=[SLUG, "NEVER"]), data)


def test_a_manager_records_events_and_the_page_draws_the_gaps(client, never, department_manager):
    client.force_login(department_manager)
    for day in ("2025-11-03", "2026-02-10", "2026-06-21", "2026-08-30"):
        assert add_event(client, day, note="Wrong-site block").status_code == 302

    page = client.get(reverse("measures:measure", args=[SLUG, "NEVER"]) + "?as_at=2026-09")

    events = page.context["events"]
    assert events.chart.gaps == (99, 131, 70)
    assert events.chart.judged
    assert events.open_gap == 31  # 30 August to 30 September
    assert page.context["undated"] == []
    text = " ".join(page.content.decode().split())
    assert "Days between events (t-chart)" in text
    assert "It is 31 days since the latest event" in text
    figure = page.context["event_figure"]
    assert figure["data"][0]["y"] == [99, 131, 70]


def test_months_whose_count_and_dated_events_disagree_are_listed(
    client, never, department_manager
):
    client.force_login(department_manager)
    add_event(client, "2025-11-03")
    add_event(client, "2025-11-20")  # November 2025 counted 1, two dated

    page = client.get(reverse("measures:measure", args=[SLUG, "NEVER"]) + "?as_at=2026-09")

    assert (date(2025, 11, 1), 1, 2) in page.context["undated"]
    assert (date(2026, 2, 1), 1, 0) in page.context["undated"]
    assert "Counts and dated events disagree" in page.content.decode()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("", "Enter the date of the event, such as 2026-11-14"),
        ("2026-02-30", "Enter the date of the event as a real date, such as 2026-11-14"),
        ("2099-01-01", "The event cannot be after today"),
    ],
)
def test_a_bad_date_is_refused_beside_the_field_and_the_note_kept(
    client, never, department_manager, day, message
):
    client.force_login(department_manager)

    refused = add_event(client, day, note="Retained swab")

    assert refused.status_code == 200
    assert message in refused.context["event_form"].errors["occurred_on"][0]
    assert "Retained swab" in refused.content.decode()
    assert not Occurrence.objects.exists()


def test_a_g_chart_asks_for_the_cases_since_the_previous_event(client, never, department_manager):
    never.chart_type = "g"
    never.save()
    client.force_login(department_manager)

    refused = add_event(client, "2026-02-10")
    add_event(client, "2026-02-10", cases_since_previous="850")

    assert "cases_since_previous" in refused.context["event_form"].errors
    assert Occurrence.objects.get().cases_since_previous == 850


def test_an_analyst_reads_the_events_but_records_none(client, never, analyst):
    client.force_login(analyst)

    assert add_event(client, "2026-02-10").status_code == 403
    page = client.get(reverse("measures:measure", args=[SLUG, "NEVER"]))
    assert "Record an event" not in page.content.decode()


def test_a_total_charts_the_events_of_the_units_below(client, units, never, analyst):
    surgery = make_objective(
        make_scorecard(units["NHT-SURG"]), "P1", "Internal business processes"
    )
    total = make_measure(
        surgery,
        "NEVER",
        unit="count",
        decimals=0,
        direction="lower",
        zero_tolerance=True,
        rollup="sum",
        is_computed=True,
        chart_type="t",
    )
    for day in (date(2025, 11, 3), date(2026, 2, 10), date(2026, 6, 21)):
        Occurrence.objects.create(measure=never, occurred_on=day)
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=["surgery", "NEVER"]) + "?as_at=2026-09")

    assert page.context["events"].chart.gaps == (99, 131)
    assert "General Surgery" in page.content.decode()
    assert total.occurrences.count() == 0


def test_a_chart_of_gaps_needs_a_count(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    measure = make_measure(objective, "WAIT", unit="days", chart_type="t")

    with pytest.raises(ValidationError) as refused:
        measure.full_clean()

    assert "for a count of events" in refused.value.message_dict["chart_type"][0]


def test_the_sheet_suggests_a_chart_of_gaps_for_a_zero_tolerance_measure(
    client, units, department_manager
):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "P1")
    make_measure(objective, "MRSA", unit="count", zero_tolerance=True, rollup="sum")
    client.force_login(department_manager)

    page = client.get(reverse("builder:measures", args=[SLUG]))

    assert "chart the days between them (a t-chart)" in page.content.decode()
