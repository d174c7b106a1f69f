"""The issue's story on the demo trust: from the trust's waits down to a department,
then the 18-week review and the bottleneck view."""

from playwright.sync_api import expect

from scorecard.sample_data.demo import DEMO_USERS
from tests.browser.conftest import log_in
from tests.demo_copy import demo_trust

PASSWORDS = {username: password for username, password, _ in DEMO_USERS}


def test_an_analyst_follows_the_trust_s_waits_down_to_a_department(page):
    demo_trust()
    log_in(page, "analyst", PASSWORDS["analyst"])

    page.get_by_role("link", name="Cascade").click()
    expect(page.get_by_role("row", name="Surgery Directorate")).to_contain_text("target")
    page.get_by_role("link", name="Northshire Hospitals NHS Foundation Trust").first.click()
    page.get_by_role("link", name="See which objectives below contribute").click()
    expect(page.get_by_role("heading", name="Objective alignment")).to_be_visible()
    expect(page.get_by_text("Surgery").first).to_be_visible()

    page.goto("/units/surgery/")
    expect(page.get_by_role("heading", name="How Surgery is doing")).to_be_visible()
    page.get_by_role("link", name="Review the scorecard against key targets").click()
    page.locator("a[href$='/review/RTT18/']").click()
    expect(page.get_by_text("Supports it").first).to_be_visible()

    page.goto("/bottlenecks/")
    expect(page.get_by_role("link", name="Imaging").first).to_be_visible()
    expect(page.get_by_text("Coincide").first).to_be_visible()
