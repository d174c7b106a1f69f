"""An analyst folds and unfolds the cascade by keyboard and opens a unit from it."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.scorecard.dashboard_data import AS_AT, scored

PASSWORD = "correct-horse-battery"


def test_an_analyst_folds_a_branch_and_opens_a_unit(page, units, analyst):
    scored(units["NHT"], 60)
    scored(units["NHT-SURG-GS"], 10)
    log_in(page, "dana", PASSWORD)
    page.get_by_role("link", name="Cascade").click()
    # Let that page finish loading before leaving it for another month.
    expect(page.get_by_role("heading", name="The cascade")).to_be_visible()
    page.goto(f"/cascade/?as_at={AS_AT:%Y-%m}")

    general = page.get_by_role("row", name="General Surgery")
    expect(general).to_contain_text("Off target")
    toggle = page.get_by_role("button", name="Show or hide the units below Surgery")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(general).to_be_hidden()
    page.keyboard.press("Enter")
    expect(general).to_be_visible()

    general.get_by_role("link", name="General Surgery").click()
    expect(page.get_by_role("heading", name="How General Surgery is doing")).to_be_visible()
