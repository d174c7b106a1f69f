"""An analyst reads the dashboards, finds what needs action, and sees it on a chart."""

import re
from decimal import Decimal as D

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill

PASSWORD = "correct-horse-battery"


def build(units):
    trust = make_objective(make_scorecard(units["NHT"]), "T1", "Customer", title="Cut waits")
    wait = make_measure(trust, "WAIT", unit="days", direction="lower", action="Extra lists")
    make_target(wait, value="10", tolerance=D(1), action_trigger=D(14))
    fill(wait, [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10])
    department = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    delays = make_measure(
        department, "DELAY", unit="%", direction="lower", who_acts="Theatre manager"
    )
    make_target(delays, value="20", tolerance=D(2))
    # Twelve steady months, then seven higher ones: a shift, a special cause of concern.
    fill(delays, [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 15, 16, 15, 16, 15, 16])


def test_an_analyst_finds_a_special_cause_and_sees_it_on_the_chart(page, units, analyst):
    build(units)
    log_in(page, "dana", PASSWORD)

    page.goto(f"/units/northshire-trust/?as_at={AS_AT:%Y-%m}")
    expect(page.get_by_role("heading", name="How Northshire trust is doing")).to_be_visible()
    expect(page.get_by_role("row", name="WAIT")).to_contain_text("On target")

    page.goto(f"/units/general-surgery/?as_at={AS_AT:%Y-%m}")
    action = page.get_by_role("region", name="Measures needing action")
    expect(action).to_contain_text("Special cause of concern")
    expect(action).to_contain_text("Theatre manager")
    action.get_by_role("link", name="DELAY").click()

    expect(page.get_by_role("heading", name="DELAY Measure DELAY")).to_be_visible()
    expect(page.get_by_text("The latest point is a special cause of concern")).to_be_visible()
    # Plotly has drawn the chart: an SVG plot whose first line has a point a month.
    chart = page.locator("[data-figure]")
    expect(chart).to_have_class(re.compile(r"\bjs-plotly-plot\b"))
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    values = chart.locator("svg.main-svg .scatterlayer .trace").first
    expect(values.locator(".points path")).to_have_count(19)
    expect(chart).to_contain_text("Special cause: concern")
    expect(chart).to_contain_text("Process limits")
    # No toolbar: nothing inside the chart (an image to a screen reader) takes
    # the focus, and nothing offers to send the data to Plotly's cloud.
    chart.hover()
    expect(chart.locator(".modebar")).to_have_count(0)
    expect(chart.locator('[data-title*="Share"], [data-title*="Chart Studio"]')).to_have_count(0)
