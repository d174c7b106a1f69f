"""axe-core on every page a crawl reaches as an analyst, a manager and an admin.

On the demo trust, each person follows the links of the app from the home page
(the admin's into the Django admin too), one page for each address pattern,
and axe checks each page as it is drawn, colour contrast included. A few forms
are sent wrong on the way (the entry page, a new objective, a target) and the
refusal is checked as well, as is logging in with a wrong password. Each
dashboard is opened again 320 pixels wide and must not scroll sideways.

The app's own pages must have no violation; those on the admin's pages must be
in the list in docs/accessibility.md, which says why each is Django's own.
"""

import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from scorecard.sample_data.demo import DEMO_USERS
from tests.browser.axe import scroll_width, violations
from tests.browser.conftest import log_in
from tests.demo_copy import demo_trust

# It judges the pages as drawn, which do not depend on the database: .ci/run
# runs it in the SQLite pass only, to keep the whole CI under 20 minutes.
pytestmark = pytest.mark.page_crawl

PASSWORDS = {username: password for username, password, _ in DEMO_USERS}
# Enough for every pattern a person reaches (the admin's are the most).
MAX_PAGES = 200
# Addresses that are not pages: downloads, redirects and the admin's log out.
NOT_PAGES = {
    "measures:template_csv",
    "measures:template_xlsx",
    "pack:workbook",
    "pack:pdf_file",
    "admin:view_on_site",
    "admin:logout",
    "admin:jsi18n",
}
DASHBOARDS = {
    "dashboards:unit",
    "dashboards:alignment",
    "dashboards:cascade",
    "dashboards:bottlenecks",
    "dashboards:completion",
    "review:index",
    "review:detail",
    "measures:compare_all",
    "measures:compare_siblings",
}
# Pages whose main form is sent wrong, to check the page that refuses it.
SENT_WRONG = {
    "measures:entry",
    "measures:entry_latest",
    "builder:objectives",
    "builder:target_edit",
}
BOXES = 'input[type="text"], input[type="number"], textarea'
WRONG = "lots"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"
LISTED = re.compile(r"^\| `([a-z0-9-]+)` \| `([^`]+)` \|", re.MULTILINE)


def admin_page_of_its_own(key):
    """Whether an admin pattern has a page the app shapes: the site's own pages,
    and each model's list, add and change pages. Its delete and history pages
    are Django's and django-simple-history's alone, and are left out for time."""
    return not re.search(r"_(delete|history)$|^admin/.*/history/", key)


def pattern_of(url, origin):
    """The name of the address's pattern (as the resolver has it), or None if
    it is not a page of the app to check."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith("/static/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    key = match.view_name or match.route
    if key in NOT_PAGES or (key.startswith("admin") and not admin_page_of_its_own(key)):
        return None
    return key


def send_wrong(page):
    """Fill the boxes of the page's largest posting form wrongly and send it."""
    form = page.evaluate_handle(
        """boxes => [...document.querySelectorAll('main form[method="post"]')]
            .map(form => [form, form.querySelectorAll(boxes).length])
            .sort((a, b) => b[1] - a[1])[0][0]""",
        BOXES,
    ).as_element()
    for box in form.query_selector_all(BOXES):
        if box.is_visible():
            # A number box takes no words: a negative number is as wrong there.
            box.fill("-1" if box.get_attribute("type") == "number" else WRONG)
    form.query_selector('button[type="submit"], button:not([type])').click()
    page.wait_for_load_state()


class Findings:
    def __init__(self):
        self.app = []  # what is wrong on the app's pages
        self.admin = {}  # (rule, element): the admin pages it is on

    def check(self, page, key):
        found = violations(page)
        if key.startswith("admin:"):
            for violation in found:
                self.admin.setdefault((violation.rule, violation.element), set()).add(key)
        else:
            self.app += [f"{key} ({page.url}): {violation}" for violation in found]


def crawl(page, findings):
    """Visit one page of each pattern reachable from the home page; the patterns seen."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    queue, seen = [urljoin(page.url, "/")], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        key = pattern_of(url, origin)
        if key is None or key in seen:
            continue
        seen.add(key)
        page.goto(url)
        findings.check(page, key)
        if key in DASHBOARDS and (width := scroll_width(page, 320)) > 320:
            findings.app.append(f"{key} ({page.url}): {width} pixels wide in a 320-pixel window")
        # The links first: a refused form's page answers at the form's address.
        # getAttribute, not href: an SVG link's (the strategy map's) href is an object.
        links = page.eval_on_selector_all(
            "a[href]",
            "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)",
        )
        queue += [link.split("#")[0] for link in links]
        if key in SENT_WRONG and page.locator('main form[method="post"]').count():
            send_wrong(page)
            if not page.locator(".nhsuk-error-summary").is_visible():
                findings.app.append(f"{key} ({page.url}): {WRONG!r} was not refused")
            findings.check(page, f"{key}, refused")
    return seen


def listed_in_docs():
    return set(LISTED.findall(DOCS.read_text()))


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        (
            "analyst",
            {"dashboards:unit", "dashboards:cascade", "measures:measure", "measures:compare_all"},
        ),
        (
            "surgery.manager",
            {"measures:entry_latest", "builder:objectives", "builder:target_edit"},
        ),
        ("admin", {"admin:index", "admin:scorecard_framework_change", "admin:auth_user_change"}),
    ],
)
def test_axe_finds_nothing_wrong_on_any_page_a_person_reaches(page, username, expected):
    demo_trust()
    findings = Findings()
    started = time.monotonic()

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a wrong guess")
    page.get_by_role("button", name="Log in").click()
    findings.check(page, "login, refused")
    log_in(page, username, PASSWORDS[username])
    seen = crawl(page, findings)

    print(f"\n{username}: {len(seen)} patterns in {time.monotonic() - started:.0f} s")
    assert seen >= expected
    assert not findings.app, "\n".join(findings.app)
    new = {
        f"{rule} at {element} on {', '.join(sorted(keys))}"
        for (rule, element), keys in findings.admin.items()
        if (rule, element) not in listed_in_docs()
    }
    assert not new, "Not in docs/accessibility.md:\n" + "\n".join(sorted(new))
