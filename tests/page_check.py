"""What a rendered page must never hold, found by reading its HTML.

Three faults a person meets as a form that does nothing, or a field a screen
reader cannot name, none of which a status code shows:

- an element with the same attribute twice: a browser keeps the first, so a
  form written `action="{{ request.path }}" action="{% url ... %}"` posts to
  the page it is on (issue 13, item 14);
- an input, select or textarea with no label: no label[for] naming its id,
  no label around it, no aria-label or aria-labelledby (hidden inputs and
  buttons name themselves or are not seen);
- a post form whose action no view accepts a POST at.

The crawl in tests/test_access_every_url.py runs `page_problems` on every
page as every role. html.parser keeps both copies of a repeated attribute in
the list it hands over, which is how they are counted here.
"""

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

REPEATED = "repeated attribute"
UNLABELLED = "no label"
POST_REFUSED = "posts where no POST is taken"

# Inputs that need no label: not shown, or a button whose value names it.
UNLABELLED_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})
CONTROLS = frozenset({"input", "select", "textarea"})
# The attributes that say which element a problem is about.
IDENTIFYING = ("type", "name", "id", "action", "method", "class", "href", "for")


@dataclass(frozen=True)
class Problem:
    """One fault on one page: which rule, the element as written, its line."""

    rule: str
    element: str
    line: int
    detail: str = ""

    def __str__(self):
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.rule}{detail}: line {self.line}: {self.element}"


def describe(tag, attrs):
    """The element's start tag, shortened to what identifies it."""
    keep = [(name, value) for name, value in attrs if name in IDENTIFYING]
    shown = " ".join(name if value is None else f'{name}="{value}"' for name, value in keep)
    return f"<{tag}{' ' if shown else ''}{shown}>"


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.repeated = []
        self.controls = []  # (tag, attrs, line, inside a label)
        self.label_for = set()
        self.labels_open = 0
        self.post_forms = []  # (attrs, line)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        counts = Counter(name for name, _ in attrs)
        twice = sorted(name for name, count in counts.items() if count > 1)
        if twice:
            self.repeated.append((tag, attrs, line, twice))
        # A browser keeps the first copy of a repeated attribute; dict() keeps
        # the last, so read them as the browser does.
        values = {}
        for name, value in attrs:
            values.setdefault(name, value)
        if tag == "label":
            self.labels_open += 1
            if values.get("for"):
                self.label_for.add(values["for"])
        elif tag in CONTROLS:
            self.controls.append((tag, attrs, values, line, self.labels_open > 0))
        elif tag == "form" and (values.get("method") or "").lower() == "post":
            self.post_forms.append((attrs, values, line))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "label":
            self.labels_open -= 1

    def handle_endtag(self, tag):
        if tag == "label" and self.labels_open:
            self.labels_open -= 1


def _is_labelled(tag, values, inside_label, label_for):
    if tag == "input" and (values.get("type") or "text").lower() in UNLABELLED_TYPES:
        return True
    if inside_label or values.get("aria-label") or values.get("aria-labelledby"):
        return True
    return bool(values.get("id")) and values["id"] in label_for


def view_takes_post(view):
    """Whether the view a URL resolves to answers a POST with something but 405.

    Function views here say their methods with Django's require_POST,
    require_safe or require_http_methods, whose wrapper keeps the list in its
    closure as `request_method_list`; class-based views say it with
    `http_method_names` and a `post` method. A view that says nothing takes
    any method (the admin's views among them).
    """
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    function = view
    while function is not None:
        code = getattr(function, "__code__", None)
        if code is not None and function.__closure__:
            cells = dict(zip(code.co_freevars, function.__closure__, strict=True))
            if "request_method_list" in cells:
                return "POST" in cells["request_method_list"].cell_contents
        function = getattr(function, "__wrapped__", None)
    return True


def _post_problem(page_url, values):
    address = urljoin(page_url, values.get("action") or "")
    parts = urlsplit(address)
    if parts.netloc and parts.netloc not in ("testserver", urlsplit(page_url).netloc):
        return f"{address} is another site's"
    try:
        match = resolve(parts.path)
    except Resolver404:
        return f"{parts.path} is no address of the app"
    if not view_takes_post(match.func):
        return f"{parts.path} does not take a POST"
    return ""


def page_problems(html, url, *, labels=True):
    """Every Problem on the page at `url` whose HTML is `html`.

    `labels=False` leaves out the label rule, for pages Django's admin draws
    itself (see the crawl); the other two rules hold on every page.
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    problems = [
        Problem(REPEATED, describe(tag, attrs), line, ", ".join(twice))
        for tag, attrs, line, twice in reader.repeated
    ]
    if labels:
        problems += [
            Problem(UNLABELLED, describe(tag, attrs), line)
            for tag, attrs, values, line, inside in reader.controls
            if not _is_labelled(tag, values, inside, reader.label_for)
        ]
    for attrs, values, line in reader.post_forms:
        detail = _post_problem(url, values)
        if detail:
            problems.append(Problem(POST_REFUSED, describe("form", attrs), line, detail))
    return problems
