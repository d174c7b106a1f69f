"""A department manager enters a month of values by keyboard alone: no mouse anywhere."""

from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from measures.models import Observation
from tests.browser.conftest import log_in
from tests.measures.entry_setup import build_surgical

# A past month that ends no quarter, so the page holds the three monthly
# measures and has both a previous and a next month to offer.
OCTOBER = date(2025, 10, 1)


def expect_focus(page, selector):
    try:
        page.wait_for_function(
            "selector => document.activeElement.matches(selector)", arg=selector, timeout=2_000
        )
    except PlaywrightTimeoutError:
        focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        pytest.fail(f"The focus should be on {selector}, but is on {focused}")


def tab_through(page, *selectors):
    """Press Tab once for each selector, checking where the focus lands each time."""
    for selector in selectors:
        page.keyboard.press("Tab")
        expect_focus(page, selector)


def test_a_manager_enters_a_month_corrects_a_mistake_and_saves_by_keyboard(
    page, units, department_manager
):
    surgical = build_surgical(units, month=OCTOBER)
    # Each row's measure link, then its fields: "#id_m<pk>-value" and so on.
    los_link, never_link, rtt_link = (
        f"#measure-{m.pk} a" for m in (surgical.los, surgical.never, surgical.rtt)
    )
    los, never, rtt = (f"#id_m{m.pk}" for m in (surgical.los, surgical.never, surgical.rtt))
    log_in(page, "charlie", "correct-horse-battery")
    page.goto("/units/general-surgery/values/2025-10/")

    page.keyboard.press("Tab")
    expect_focus(page, ".nhsuk-skip-link")
    page.keyboard.press("Enter")
    expect_focus(page, "#maincontent")
    # The month picker, then the table, one row after another in the order shown.
    tab_through(
        page,
        "#month",
        ".app-month-picker button",
        "a[href='/units/general-surgery/values/2025-09/']",
        "a[href='/units/general-surgery/values/2025-11/']",
        "[role=region][aria-label='Customer measures']",
        los_link,
        f"{los}-value",
    )
    page.keyboard.type("4,5")  # a mistake: four and a half, or forty-five?
    tab_through(page, f"{los}-comment", never_link, f"{never}-value")
    page.keyboard.type("0")
    tab_through(page, f"{never}-comment", rtt_link, f"{rtt}-numerator")
    page.keyboard.type("950")
    tab_through(page, f"{rtt}-denominator")
    page.keyboard.type("1,000")
    tab_through(page, f"{rtt}-comment", "button[value=save]", "button[value=check]")
    page.keyboard.press("Enter")

    # The error summary takes the focus; its link takes it on to the field.
    expect_focus(page, ".nhsuk-error-summary")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(1)
    tab_through(page, f".nhsuk-error-summary__list a[href='{los}-value']")
    page.keyboard.press("Enter")
    expect_focus(page, f"{los}-value")
    page.keyboard.press("Control+A")
    page.keyboard.type("4.5")
    tab_through(
        page,
        f"{los}-comment",
        never_link,
        f"{never}-value",
        f"{never}-comment",
        rtt_link,
        f"{rtt}-numerator",
        f"{rtt}-denominator",
        f"{rtt}-comment",
        "button[value=save]",
    )
    page.keyboard.press("Enter")

    expect(page.get_by_text("Saved 3 values")).to_be_visible()
    saved = Observation.objects.filter(measure__objective__scorecard__unit=units["NHT-SURG-GS"])
    assert sorted((o.measure.code, str(o.value.normalize())) for o in saved) == [
        ("LOS", "4.5"),
        ("NEVER", "0"),
        ("RTT18", "95"),
    ]
