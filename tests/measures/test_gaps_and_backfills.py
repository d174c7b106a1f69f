"""Gaps and back-fills: a series with holes, and a file that reaches back before a measure began.

The case seen: importing 2016-2019 values into a measure that starts in 2023
drew a straight line across the gap, worked out limits across both eras, and
recomputed 2016-19 totals above without anyone being asked.
"""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from measures.lines import gap_breaks, measure_lines
from measures.models import Observation, RollUp
from measures.recording import Change, record
from measures.selectors import coverage_of
from measures.values import MeasuredValue
from tests.factories import make_measure, make_observation
from tests.measures.transfer_data import build_measures, csv_file, row
from tests.scorecard.dashboard_data import AS_AT, fill

IMPORT = reverse("measures:import_values", args=["general-surgery"])


class At:
    def __init__(self, period):
        self.period = period


def months(*pairs):
    return [At(date(year, month, 1)) for year, month in pairs]


@pytest.mark.parametrize(
    ("series", "frequency", "breaks"),
    [
        (months((2025, 1), (2025, 2), (2025, 4)), "monthly", []),  # a month missing
        (months((2024, 1), (2025, 1)), "monthly", []),  # a year apart: eleven missing
        (months((2024, 1), (2025, 2)), "monthly", [1]),  # more than a year
        (months((2016, 4), (2016, 5), (2023, 4), (2023, 5)), "monthly", [2]),
        (months((2020, 4), (2021, 7)), "quarterly", [1]),
        (months((2020, 4), (2021, 4)), "quarterly", []),
        (months((2018, 4), (2020, 4)), "annual", [1]),
    ],
)
def test_spc_starts_again_after_a_gap_longer_than_a_year(series, frequency, breaks):
    assert gap_breaks(series, frequency) == breaks


@pytest.fixture
def measures(units):
    return build_measures(units)


def test_limits_are_worked_out_on_each_side_of_a_long_gap(measures):
    wait = measures.wait
    fill(wait, [30 + (i % 3) for i in range(15)], end=date(2019, 3, 1))
    fill(wait, [10 + (i % 3) for i in range(15)], end=AS_AT)

    line = measure_lines([wait], AS_AT)[wait.pk]

    assert line.rebase_at == [15]
    assert {point.group for point in line.spc.points} == {0, 1}
    assert line.spc.mean == pytest.approx(sum(10 + (i % 3) for i in range(15)) / 15)
    assert line.variation == "common_cause"  # not a fall from the 2019 level
    assert line.restarts_after_gaps == [date(2025, 7, 1)]


def test_the_chart_breaks_its_line_where_a_period_has_no_value(
    client, measures, department_manager
):
    for month in (1, 2, 4):
        make_observation(measures.wait, date(2026, month, 1), "12")
    client.force_login(department_manager)

    response = client.get(
        reverse("measures:measure", args=["general-surgery", "WAIT"]) + "?as_at=2026-04"
    )

    values = response.context["figure"]["data"][0]
    assert values["y"] == [12.0, 12.0, None, 12.0]


def backfill_file():
    """2016 values for RTT18, which began in April 2026 at General Surgery."""
    return csv_file(
        [
            row(measure="RTT18", period=f"2016-0{month}", numerator="90", denominator="100")
            for month in (4, 5, 6)
        ]
    )


@pytest.fixture
def begun(measures):
    """RTT18 has values from April 2026; Surgery computes a total of it."""
    make_observation(measures.rtt, date(2026, 4, 1), "91", numerator=D(91), denominator=D(100))
    measures.surgery_falls.code = "RTT18"
    measures.surgery_falls.unit, measures.surgery_falls.rollup = "%", "ratio"
    measures.surgery_falls.save()
    return measures


def test_the_check_lists_what_reaches_back_and_the_totals_it_changes(
    client, begun, department_manager
):
    client.force_login(department_manager)

    response = client.post(IMPORT, {"file": backfill_file(), "check": ""})

    (backfill,) = response.context["plan"].backfills
    assert str(backfill) == (
        "General Surgery RTT18: 3 values from Apr 2016, before its first value (Apr 2026); "
        "the computed totals of Surgery are worked out again for those periods"
    )
    page = response.content.decode()
    assert "Values from before a measure's first value" in page
    assert "Import the values from before each measure" in page
    assert Observation.objects.filter(period__year=2016).count() == 0


def test_importing_them_needs_the_box_ticked_and_saves_nothing_without(
    client, begun, department_manager
):
    client.force_login(department_manager)

    refused = client.post(IMPORT, {"file": backfill_file(), "import": ""})

    assert refused.status_code == 200
    assert refused.context["form"].errors["backfill"] == [
        "Nothing was saved: the file gives values from before a measure's first value, listed "
        "on this page. Tick the box to import them too, or take those rows out of the file"
    ]
    assert Observation.objects.filter(period__year=2016).count() == 0

    saved = client.post(IMPORT, {"file": backfill_file(), "import": "", "backfill": "on"})

    assert saved.status_code == 302
    assert begun.rtt.observations.filter(period__year=2016).count() == 3


def test_a_first_import_or_a_later_period_asks_nothing(client, measures, department_manager):
    client.force_login(department_manager)
    response = client.post(IMPORT, {"file": backfill_file(), "import": ""})
    assert response.status_code == 302  # RTT18 had no value: the file starts it


def test_the_command_refuses_a_backfill_without_its_flag(begun, tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(backfill_file().read())
    out = io.StringIO()

    with pytest.raises(CommandError, match="Run it again with --backfill"):
        call_command("import_observations", str(path), stdout=out)

    assert "Before its first value: General Surgery RTT18: 3 values" in out.getvalue()
    assert Observation.objects.filter(period__year=2016).count() == 0
    call_command("import_observations", str(path), "--backfill", stdout=io.StringIO())
    assert begun.rtt.observations.filter(period__year=2016).count() == 3
    # and Surgery's total, worked out again for those months
    assert begun.surgery_falls.observations.filter(period__year=2016).count() == 3


def test_the_measure_page_says_where_the_limits_start_again_after_a_gap(client, measures, analyst):
    fill(measures.wait, [30 + (i % 3) for i in range(15)], end=date(2019, 3, 1))
    fill(measures.wait, [10 + (i % 3) for i in range(15)], end=AS_AT)
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=["general-surgery", "WAIT"]))

    text = page.content.decode()
    assert "The limits start again after each gap of more than a year" in text
    assert "from Jul 2025." in text
    assert "The limits run from the first value." not in text


def test_a_total_back_filled_from_one_unit_restarts_after_the_gap_and_says_so(begun, tmp_path):
    # Theatres reports RTT18 from April 2026 too: the 2016 totals can only be General
    # Surgery's, which the pages must say, and the total's limits start again in 2026.
    theatres = make_measure(
        begun.utilisation.objective, "RTT18", unit="%", rollup=RollUp.RATIO, decimals=1
    )
    record([Change(theatres, date(2026, 4, 1), MeasuredValue(D(80), D(80), D(100)))], None)
    path = tmp_path / "history.csv"
    path.write_bytes(backfill_file().read())
    call_command("import_observations", str(path), "--backfill", stdout=io.StringIO())
    total = begun.surgery_falls

    line = measure_lines([total], date(2026, 4, 1))[total.pk]

    assert [o.period.year for o in line.series] == [2016, 2016, 2016, 2026]
    assert line.restarts_after_gaps == [date(2026, 4, 1)]
    assert line.spc.points[-1].group == 1  # April 2026 is judged apart from 2016
    assert [o.period for o in line.recent] == [date(2026, 4, 1)]  # no sparkline across it
    back_then = coverage_of([(total, date(2016, 4, 1))])[total.pk]
    assert back_then.in_words == "1 of 2 units below gave a value (missing: Theatres)"
    assert coverage_of([(total, date(2026, 4, 1))])[total.pk].complete
