"""The guard every browser test runs under reports what goes wrong, and lets through
only what a test declared."""

import pytest

from tests.browser.conftest import Guard


@pytest.fixture
def watched(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    guard = Guard(live_server.url)
    guard.watch(context)
    yield context.new_page(), guard
    context.close()


def test_the_guard_reports_each_kind_of_problem_with_its_address(watched, live_server):
    page, guard = watched
    page.goto("/accounts/login/")
    with page.expect_console_message():
        page.evaluate("console.error('Something broke')")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('Nobody caught this') })")
    page.goto("/no-such-page/")
    # A network failure the test did not declare.
    page.route("**/static/css/scorecard.css", lambda route: route.abort())
    page.goto("/accounts/login/")
    # A page whose Content-Security-Policy forbids its own inline script.
    page.route(
        "**/policy/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body="<script>document.title = 'ran'</script>",
        ),
    )
    with page.expect_console_message():
        page.goto("/policy/")

    base = live_server.url
    problems = guard.problems()
    policy = [
        problem for problem in problems if problem.startswith(f"console error at {base}/policy/: ")
    ]
    assert len(policy) == 1
    assert "Content Security Policy" in policy[0]
    assert sorted(set(problems) - set(policy)) == sorted(
        [
            f"console error at {base}/accounts/login/: Something broke",
            f"uncaught script error at {base}/accounts/login/: Nobody caught this",
            f"answer 404: {base}/no-such-page/",
            f"console error at {base}/no-such-page/: "
            "Failed to load resource: the server responded with a status of 404 (Not Found)",
            f"request failed (net::ERR_FAILED): {base}/static/css/scorecard.css",
            f"console error at {base}/static/css/scorecard.css: "
            "Failed to load resource: net::ERR_FAILED",
        ]
    )


def test_the_guard_lets_through_only_what_the_test_declared(watched, live_server):
    page, guard = watched
    guard.expect_status(404, "/no-such-page/")
    guard.expect_status(403, "/accounts/login/")  # which answers 200
    guard.block("**/static/css/scorecard.css")
    page.goto("/no-such-page/")
    page.goto("/accounts/login/")

    assert guard.problems() == [
        f"expected an answer 403 from {live_server.url}/accounts/login/, which never came"
    ]
