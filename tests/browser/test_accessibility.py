"""The pages as assistive technology and a narrow screen meet them.

axe-core (tests/browser/axe.py) checks the pages; docs/accessibility.md says
what is tested, how, and what remains.
"""

from decimal import Decimal as D

from playwright.sync_api import expect

from scorecard.models import ObjectiveLink
from tests.browser.axe import scroll_width, violations
from tests.browser.conftest import log_in
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill

PASSWORD = "correct-horse-battery"


def two_departments(units):
    """General Surgery and Theatres, each with a judged measure DELAY, and
    General Surgery's strategy map with a link."""
    for code in ("NHT-SURG-GS", "NHT-SURG-TH"):
        scorecard = make_scorecard(units[code])
        waits = make_objective(scorecard, "C1", "Customer", title="Cut waits")
        staff = make_objective(scorecard, "L1", "Learning and growth", title="Train staff")
        ObjectiveLink.objects.create(cause=staff, effect=waits, rationale="Skills cut delays")
        delays = make_measure(waits, "DELAY", unit="%", direction="lower", who_acts="Lead")
        make_target(delays, value="20", tolerance=D(2), action_trigger=D(30))
        fill(delays, [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 15, 16, 15, 16, 15, 16])


# Item 21: an element that is one image to assistive technology holds nothing
# a keyboard can reach (axe's nested-interactive).
CHART_AND_MAP_PAGES = [
    "/units/general-surgery/",  # the strategy map on the dashboard
    "/units/general-surgery/scorecard/links/",  # the strategy map in the builder
    "/units/general-surgery/measures/DELAY/",  # the XmR chart
    "/units/general-surgery/measures/DELAY/compare/",  # the bar chart and small charts
    "/compare/DELAY/",
]


def test_charts_and_strategy_maps_hold_no_controls_inside_an_image(page, units, analyst):
    two_departments(units)
    log_in(page, "dana", PASSWORD)

    found = []
    for url in CHART_AND_MAP_PAGES:
        page.goto(f"{url}?as_at={AS_AT:%Y-%m}")
        page.wait_for_load_state("networkidle")
        found += [f"{url}: {v}" for v in violations(page, rules=["nested-interactive"])]

    assert not found, "\n".join(found)
    # The map's objectives are links a keyboard and a screen reader reach.
    page.goto("/units/general-surgery/")
    strategy_map = page.get_by_role("group", name="Strategy map of General Surgery")
    expect(strategy_map.get_by_role("link", name="C1 Cut waits")).to_be_visible()
    expect(strategy_map.get_by_role("link", name="L1 Train staff")).to_be_visible()


# Item 22: a dashboard at 320 px wide (WCAG 1.4.10) scrolls only inside its
# tables, never the whole page sideways.
DASHBOARDS = [
    "/units/general-surgery/",
    "/units/northshire-trust/",
    "/cascade/",
    "/bottlenecks/",
    "/completion/",
    "/units/northshire-trust/alignment/",
    "/units/general-surgery/measures/DELAY/compare/",
]


def test_every_dashboard_fits_a_320_pixel_window(page, units, analyst):
    two_departments(units)
    log_in(page, "dana", PASSWORD)

    widths = {}
    for url in DASHBOARDS:
        page.goto(f"{url}?as_at={AS_AT:%Y-%m}")
        widths[url] = scroll_width(page, 320)

    assert widths == dict.fromkeys(DASHBOARDS, 320)
