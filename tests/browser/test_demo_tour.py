"""What the README promises a new user: log in with a demo login, see the trust's tree."""

from playwright.sync_api import expect

from scorecard.sample_data.demo import DEMO_USERS
from tests.browser.conftest import log_in
from tests.demo_copy import demo_trust

PASSWORDS = {username: password for username, password, _ in DEMO_USERS}


def test_the_analyst_logs_in_and_sees_the_whole_trust(page):
    demo_trust()

    log_in(page, "analyst", PASSWORDS["analyst"])
    page.get_by_role("link", name="All units").click()

    tree = page.get_by_role("list", name="Unit tree")
    for name in ("Northshire Hospitals NHS Foundation Trust", "Surgery", "Pathology", "Imaging"):
        expect(tree.get_by_role("link", name=name, exact=True)).to_be_visible()
    tree.get_by_role("link", name="Pathology", exact=True).click()
    expect(page.get_by_role("heading", name="Units that rely on Pathology")).to_be_visible()
    expect(page.get_by_text("Your role here: Analyst")).to_be_visible()


def test_a_department_manager_sees_only_their_department(page, guard):
    demo_trust()

    log_in(page, "ed.manager", PASSWORDS["ed.manager"])
    page.get_by_role("link", name="All units").click()

    tree = page.get_by_role("list", name="Unit tree")
    expect(tree.get_by_role("link")).to_have_count(1)
    expect(tree.get_by_role("link", name="Emergency Department")).to_be_visible()
    guard.expect_status(404, "/units/pathology/")
    page.goto("/units/pathology/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
