"""Headless Chromium driven by Playwright, against pytest-django's live server.

Debian's Chromium is used (Playwright's own browser download needs the
network, which CI does not have). These tests fail, never skip, when the
browser is missing: `make browser-deps` installs it.

Every test's page is watched by a Guard: a console error, a Content Security
Policy violation, an uncaught script error, a failed request or an answer of
400 or more fails the test at teardown, unless the test declared it first.
"""

import os
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # The live server reads committed data, so these tests commit, and
            # the tables are emptied after each (see seeded_frameworks).
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright):
    if not CHROMIUM.exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: run `make browser-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def frameworks_for_every_test(seeded_frameworks):
    """The browser tests commit, so each needs the seeded frameworks put back."""


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in the test's thread while the
    # browser is open, and Django refuses ORM calls when it sees one; the
    # tests' own set-up code is synchronous. Undone when the module ends.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


class Guard:
    """What went wrong in the browser while a test ran, each with its address.

    A test that means to meet an error page says so with expect_status before
    it goes there, and one that cuts requests off does it with block; nothing
    else is let through, and an expected answer that never came is reported too.
    """

    def __init__(self, base_url):
        self.base_url = base_url
        self.seen = []
        self.expected = {}  # (status, url): whether it came
        self.blocked = []  # requests the test cut off itself

    def watch(self, context):
        self.context = context
        context.on("console", self.on_console)
        context.on("weberror", self.on_uncaught)
        context.on("requestfailed", self.on_request_failed)
        context.on("response", self.on_response)

    def expect_status(self, status, url):
        self.expected[(status, urljoin(self.base_url, url))] = False

    def block(self, url_pattern):
        """Cut off every request to url_pattern, as a network failure would."""

        def cut_off(route):
            self.blocked.append(route.request.url)
            route.abort()

        self.context.route(url_pattern, cut_off)

    def on_console(self, message):
        url = message.location.get("url") or message.page.url
        if self.is_echo_of_declared(message.text, url):
            return
        # Chromium logs a Content-Security-Policy violation as an error, and
        # a report-only one as a warning: either means the policy and the
        # page disagree.
        csp = "Content Security Policy" in message.text or "Refused to" in message.text
        if message.type == "error" or (message.type == "warning" and csp):
            self.seen.append(f"console {message.type} at {url}: {message.text}")

    def on_uncaught(self, error):
        self.seen.append(f"uncaught script error at {error.page.url}: {error.error}")

    def on_request_failed(self, request):
        # net::ERR_ABORTED is the browser dropping a request because the page
        # that made it was left (a favicon still loading when the test moves
        # on); Chromium does not count it as an error either.
        if request.url in self.blocked or request.failure == "net::ERR_ABORTED":
            return
        self.seen.append(f"request failed ({request.failure}): {request.url}")

    def on_response(self, response):
        key = (response.status, response.url)
        if key in self.expected:
            self.expected[key] = True
        elif response.status >= 400:
            self.seen.append(f"answer {response.status}: {response.url}")

    def is_echo_of_declared(self, text, url):
        """Chromium repeats in the console each answer of 400 or more, and each
        failed request: those the test declared are let through there too."""
        if not text.startswith("Failed to load resource: "):
            return False
        if url in self.blocked:
            return True
        answered = "Failed to load resource: the server responded with a status of"
        return any(
            url == expected_url and text.startswith(f"{answered} {status} ")
            for status, expected_url in self.expected
        )

    def problems(self):
        missing = [
            f"expected an answer {status} from {url}, which never came"
            for (status, url), came in self.expected.items()
            if not came
        ]
        return self.seen + missing


@pytest.fixture
def guard(live_server):
    return Guard(live_server.url)


@pytest.fixture
def page(browser, live_server, guard):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    guard.watch(context)
    page = context.new_page()
    yield page
    context.close()
    if problems := guard.problems():
        pytest.fail(
            "The browser met problems on the pages this test visited:\n"
            + "\n".join(f"- {problem}" for problem in problems),
            pytrace=False,
        )


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
