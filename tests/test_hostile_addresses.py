"""Every address of the project with hostile text where a value goes: in each
part of its path and in each query parameter its view reads. Nothing answers
500; a NUL, which PostgreSQL cannot hold in text, is refused with a page that
says where it is.

The addresses are those tests/test_access_every_url.py fills from its world,
so a new URL pattern is tried here as soon as that test knows it. The query
parameters are found by asking: each page is read once with a recording
request.GET, which notes every name the view (or its forms) looks up.
"""

from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from scorecard.project.middleware import CONTROL_CHARACTERS, NUL, address_problem, header_problem
from tests import test_access_every_url as access
from tests.test_access_every_url import (
    ACCOUNT,
    GS,
    PUBLIC,
    admin_pages,
    every_pattern,
    overview_pages,
    snapshot,
    unit_pages,
)

# The access test's world, and the people it needs, are fixtures here too.
world = access.world
sibling_manager, medicine_manager = access.sibling_manager, access.medicine_manager

# Parameters tried with a NUL on every page, whether or not its view reads
# them: the admin's own (its lists read them by iterating over request.GET,
# which the recorder below does not see) and the app's.
ALWAYS_TRIED = ("unit", "as_at", "month", "objective", "q", "o", "p", "e", "_changelist_filters")
# Values a hand-edited address might hold: a number too large for any column,
# impossible months, a word where an id goes, long and odd text.
HOSTILE_VALUES = (
    "99999999999999999999999",
    "-1",
    "2026-13",
    "0000-01",
    "abc",
    "1e400",
    "x" * 5000,
    "\u202egnp.exe",
)


class RecordingQueryDict(QueryDict):
    """A request.GET that notes each name looked up in it."""

    read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


@pytest.fixture
def recorded_reads(monkeypatch):
    """The names views look up in request.GET, gathered while the test runs."""
    read = set()

    class Recording(RecordingQueryDict):
        """A subclass per test, so its own `read` set does not leak into another test."""

    Recording.read = read

    def recording_get(request):
        if "_recording_get" not in request.__dict__:
            request.__dict__["_recording_get"] = Recording(
                request.META.get("QUERY_STRING", ""), encoding=request.encoding
            )
        return request.__dict__["_recording_get"]

    monkeypatch.setattr(WSGIRequest, "GET", property(recording_get))
    return read


def every_address(fill):
    """(key, address) of every page the access test knows, filled from the world."""
    pages = unit_pages(fill) + overview_pages(fill) + admin_pages()
    addresses = [(key, url) for key, url, _ in pages]
    addresses += [(key, reverse(key)) for key in sorted(ACCOUNT)]
    for entry in every_pattern():
        if entry.key in PUBLIC:
            addresses.append((entry.key, reverse(entry.name) if entry.name else f"/{entry.route}"))
    return addresses


def with_each_segment(url, value):
    """The address once for each part of its path, that part replaced by `value`."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    for index, segment in enumerate(segments):
        if segment:
            path = "/".join([*segments[:index], quote(value, safe=""), *segments[index + 1 :]])
            yield path + (f"?{parts.query}" if parts.query else "")


def with_parameter(url, name, value):
    joiner = "&" if "?" in url else "?"
    return url + joiner + urlencode({name: value})


def parameters_read(client, url, read):
    """The query parameters the page at `url` looks up, found by reading it once.

    A probe parameter makes request.GET non-empty: pages ask `request.GET or
    None` before reading their forms' fields.
    """
    read.clear()
    client.get(with_parameter(url, "probe", "1"))
    return sorted(read - {"probe"})


@pytest.fixture
def admin_client_(world, trust_admin):
    client = Client(raise_request_exception=False)
    client.force_login(trust_admin)
    return client


def test_a_nul_anywhere_in_any_address_is_refused_with_a_page_saying_where(
    world, admin_client_, recorded_reads
):
    before = snapshot()
    failures = []
    tried = 0
    for key, url in every_address(world[GS]):
        names = set(parameters_read(admin_client_, url, recorded_reads)) | set(ALWAYS_TRIED)
        addresses = [*with_each_segment(url, NUL)]
        addresses += [with_parameter(url, name, NUL) for name in sorted(names)]
        for address in addresses:
            tried += 1
            response = admin_client_.get(address)
            if response.status_code != 400 or "holds a NUL character" not in response.text:
                failures.append(f"{key} ({address}): {response.status_code}")
    assert not failures, "\n".join(failures)
    assert snapshot() == before
    # Every pattern, several parts and parameters each.
    assert tried > 4 * len(list(every_pattern()))


def test_no_hostile_value_in_an_address_of_the_app_gives_a_server_error(
    world, admin_client_, recorded_reads
):
    """The app's own pages; the admin's are Django's (docs/security.md)."""
    failures = []
    for key, url in every_address(world[GS]):
        if url.startswith("/admin/"):
            continue
        names = parameters_read(admin_client_, url, recorded_reads)
        for value in HOSTILE_VALUES:
            addresses = [*with_each_segment(url, value)]
            addresses += [with_parameter(url, name, value) for name in names]
            for address in addresses:
                response = admin_client_.get(address)
                if response.status_code >= 500:
                    failures.append(f"{key} ({address[:200]}): {response.status_code}")
    assert not failures, "\n".join(failures)


# The pages most often reached by hand-edited addresses, with whatever text
# Hypothesis makes up, in the path and in the parameters they read.
KEY_PAGES = [
    ("/units/general-surgery/measures/{}/", None),
    ("/compare/{}/", None),
    ("/units/general-surgery/scorecard/review/{}/", None),
    ("/cascade/", "unit"),
    ("/bottlenecks/", "unit"),
    ("/completion/", "months"),
    ("/units/general-surgery/", "as_at"),
    ("/units/general-surgery/values/", "month"),
    ("/units/general-surgery/measures/RTT18/", "as_at"),
]


@pytest.mark.parametrize(("page", "parameter"), KEY_PAGES)
@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Surrogates cannot be sent: a browser encodes text as UTF-8.
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_key_pages_answer_any_text_without_a_server_error(admin_client_, page, parameter, text):
    if parameter is None:
        address = page.format(quote(text, safe=""))
    else:
        address = with_parameter(page, parameter, text)
    response = admin_client_.get(address)
    assert response.status_code < 500, address
    if NUL in text:
        assert response.status_code == 400


# Forms, cookies and headers: what the address test above cannot reach.


def test_a_nul_in_a_posted_field_is_refused_and_nothing_is_saved(world, department_manager):
    client = Client(raise_request_exception=False)
    client.force_login(department_manager)
    before = snapshot()

    # The entry page reads "action" itself, outside its forms.
    response = client.post(
        reverse("measures:entry", args=["general-surgery", access.MONTH]),
        {"action": "check\x00"},
    )

    assert response.status_code == 400
    assert "The form’s “action” field holds a NUL character." in response.text
    assert "Nothing has been saved" in response.text
    assert snapshot() == before


def test_a_nul_in_the_session_cookie_is_refused_and_the_cookie_dropped(world, trust_admin):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"

    response = client.get(reverse("dashboards:home"))

    assert response.status_code == 400
    assert "A cookie sent with the request holds a NUL character." in response.text
    assert response.cookies["sessionid"].value == ""


def test_a_nul_in_a_header_django_axes_records_is_refused(world, trust_admin):
    """django-axes stores the user agent of a failed login: a NUL there is a query."""
    before = snapshot()

    response = Client(raise_request_exception=False).post(
        reverse("login"),
        {"username": "alice", "password": "a wrong guess"},
        HTTP_USER_AGENT="Mozilla\x00",
    )

    assert response.status_code == 400
    assert "The User-Agent header of the request holds a NUL character." in response.text
    assert snapshot() == before


def test_the_refusal_page_carries_the_security_headers(admin_client_, world):
    response = admin_client_.get("/compare/%00/")

    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    # Signed in, the page shows the person's own header.
    assert "Log out" in response.text


# The rules themselves.


def test_an_address_may_hold_no_control_character_and_a_value_no_nul(rf):
    assert address_problem(rf.get("/units/general-surgery/")) is None
    # A tab typed into a search box is text, not an address.
    assert address_problem(rf.get("/admin/", {"q": "a\tb"})) is None
    for char in sorted(CONTROL_CHARACTERS):
        assert address_problem(rf.get("/units/" + quote(char) + "/")), repr(char)
    assert "“unit” in the web address" in address_problem(rf.get("/cascade/", {"unit": "\x00"}))
    assert "A name in the web address" in address_problem(rf.get("/cascade/?a%01=1"))


def test_a_quoted_cookie_spelling_nul_in_octal_is_refused(rf):
    request = rf.get("/", HTTP_COOKIE='sessionid="abc\\000def"')
    request.user = AnonymousUser()

    assert header_problem(request) == "A cookie sent with the request holds a NUL character."
