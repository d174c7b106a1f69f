"""No link leads to an error page: follow every link each persona can see."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest

from tests.factories import make_objective, make_scorecard


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def internal_links(html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        url = urlparse(urldefrag(href).url)
        if not url.scheme and not url.netloc and url.path.startswith("/"):
            yield url.path + (f"?{url.query}" if url.query else "")


def crawl(client, start="/", limit=300):
    """Every page reachable from `start`, with its status; the admin is left out."""
    seen, queue, statuses = set(), [start], {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith("/admin/"):
            continue
        seen.add(path)
        # A link may redirect ("enter values" opens the latest month): where it lands counts.
        response = client.get(path, follow=True)
        statuses[path] = response.status_code
        if response.status_code == 200 and "html" in response["Content-Type"]:
            queue.extend(internal_links(response.content.decode()))
    return statuses


@pytest.fixture
def scorecards(units):
    for code in ("NHT", "NHT-SURG", "NHT-SURG-GS"):
        make_objective(make_scorecard(units[code]), "C1")


@pytest.mark.parametrize(
    "persona", ["trust_admin", "directorate_manager", "department_manager", "analyst", "outsider"]
)
def test_every_link_a_persona_can_see_opens(client, request, scorecards, persona):
    client.force_login(request.getfixturevalue(persona))

    statuses = crawl(client)

    assert statuses["/"] == 200
    assert {path: status for path, status in statuses.items() if status != 200} == {}
