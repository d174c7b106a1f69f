"""What a person meets when a request is refused: an address that cannot be read,
and a login paused after too many wrong passwords."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in

PASSWORD = "correct-horse-battery"


def test_an_address_with_a_nul_says_what_is_wrong_and_where(page, guard, department_manager):
    log_in(page, "charlie", PASSWORD)
    address = "/units/general-surgery/measures/%00/"
    guard.expect_status(400, address)

    page.goto(address)

    expect(page.get_by_role("heading", name="The request could not be read")).to_be_visible()
    expect(page.get_by_text("The web address holds a NUL character")).to_be_visible()
    # Still signed in, with the way back to their units.
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("link", name="Go to your units").click()
    expect(page.get_by_role("link", name="General Surgery").first).to_be_visible()


def test_a_paused_login_says_so_and_a_colleague_still_logs_in(
    browser, live_server, page, guard, department_manager, analyst
):
    for _ in range(4):
        log_in(page, "charlie", "not-the-password")
        expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    guard.expect_status(429, "/accounts/login/")
    # The fifth wrong password pauses the username; the right one is then refused too.
    for password in ("not-the-password", PASSWORD):
        log_in(page, "charlie", password)

        expect(page.get_by_role("heading", name="Too many attempts to log in")).to_be_visible()
        expect(page.get_by_text("paused for 15 minutes")).to_be_visible()
    colleague = browser.new_context(base_url=live_server.url).new_page()
    log_in(colleague, "dana", PASSWORD)
    expect(colleague.get_by_role("button", name="Log out")).to_be_visible()
    colleague.context.close()
