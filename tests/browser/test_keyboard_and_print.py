from datetime import date

from playwright.sync_api import expect

from organisations.models import Role
from tests.browser.conftest import log_in
from tests.factories import grant, make_unit, make_user
from tests.scorecard.dashboard_data import fill, scored


def test_a_user_logs_in_and_reaches_a_unit_by_keyboard_alone(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    make_unit("Surgery", "directorate", parent=trust, code="NHT-SURG")
    grant(make_user("dana"), trust, Role.ANALYST)

    page.goto("/accounts/login/")
    # The username field has focus; type, tab to the password, press Enter.
    page.keyboard.type("dana")
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your units")).to_be_visible()

    # The first tab stop is the skip link, and it jumps to the main content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#maincontent")).to_be_focused()

    page.goto("/units/")
    page.get_by_role("link", name="Surgery").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Surgery", exact=True)).to_be_visible()


def test_a_printed_page_leaves_out_the_navigation(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    grant(make_user("dana"), trust, Role.ANALYST)
    log_in(page, "dana", "correct-horse-battery")
    page.goto("/units/")

    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    expect(page.get_by_role("heading", name="Units")).to_be_visible()
    expect(page.get_by_role("link", name="Northshire trust")).to_be_visible()


def test_a_printed_dashboard_keeps_its_sparklines_and_breaks_tables_between_rows(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    measure = scored(trust, 62)
    # Fifteen months before the three scored() gives: enough to judge, so icons.
    fill(measure, [60 + number % 4 for number in range(15)], end=date(2026, 6, 1))
    grant(make_user("dana"), trust, Role.ANALYST)
    log_in(page, "dana", "correct-horse-battery")
    page.goto(f"/units/{trust.slug}/?as_at=2026-09")

    page.emulate_media(media="print")

    expect(page.locator(".app-dashboard .app-sparkline").first).to_be_visible()
    expect(page.locator(".app-dashboard .app-icon__image").first).to_be_visible()
    table = page.locator(".app-dashboard-table").first
    # The design system keeps a table whole on one page; here it breaks between rows,
    # repeating its header, so no page is left half empty.
    assert table.evaluate("t => getComputedStyle(t).breakInside") == "auto"
    header = page.locator(".app-dashboard-table thead").first
    assert header.evaluate("h => getComputedStyle(h).display") == "table-header-group"
