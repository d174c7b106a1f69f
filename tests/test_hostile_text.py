"""People's text never runs: hostile text in every free-text field stays text everywhere.

Every CharField and TextField of the app's models, and the user's names, is
found by looking at the models (so a field added later is filled too) and
filled with script, HTML, SVG and spreadsheet-formula payloads. Then every
page an admin can reach, the admin's own pages, every plotly figure, every
server-drawn SVG and every spreadsheet download are read back: the payloads
must show as text, never as markup, script or a formula.
"""

import csv
import inspect
import io
import json
import re
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import openpyxl
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.http import parse_header_parameters
from simple_history.admin import SimpleHistoryAdmin

from measures import catalogue
from measures.models import (
    Alignment,
    Direction,
    ExceptionAction,
    ExceptionReport,
    KeyTarget,
    Measure,
    Observation,
    Occurrence,
    Rebase,
    RollUp,
    SharedPopulation,
)
from measures.spreadsheets import FORMULA_STARTS
from organisations.models import OrganisationUnit, ServiceDependency
from scorecard.closing.services import close_month
from scorecard.dashboards.bottlenecks import SERVICE_CODES
from scorecard.lib import periods
from scorecard.models import (
    Initiative,
    Milestone,
    ObjectiveLink,
    PackCover,
    PackPdf,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)
from scorecard.review.rules import FIRST_KEY_TARGET
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)

# Payloads that would run if a page put them into its markup as they are.
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    # Ends a json_script block early, if the JSON were not escaped.
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
]
# Short enough for a code (20 characters with the row number after it).
SHORT_PAYLOADS = ["<b onclick=x>", "<svg onload=x>"]
# Text a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_PAYLOADS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
]
# Pieces that are markup only if unescaped: a page must never hold them as they are.
# ("javascript:alert(1)" is harmless as text; the link check catches it in an href.)
MARKUP_PIECES = [piece for piece in HTML_PAYLOADS + SHORT_PAYLOADS if "<" in piece]

APPS = ["organisations", "scorecard", "measures"]
# Text fields that are not free text, and why.
NOT_FREE_TEXT = {
    "auth.User.password": "a password hash, never shown",
    "scorecard.Perspective.colour": "a #rrggbb colour, which the database checks",
    "scorecard.PackPdf.sha256": "the file's SHA-256, written by the app",
}
# Codes the app looks for by name (the 18-week key target, waiting-time and
# turnaround measures), kept so that the pages that pick rows by them still
# show those rows; every other code is hostile_unit.
RECOGNISED_CODES = SERVICE_CODES | {FIRST_KEY_TARGET}


# Finding and filling the fields.


def models_in_scope():
    """The app's models (with their history tables) and the user model."""
    for label in APPS:
        yield from apps.get_app_config(label).get_models()
    yield get_user_model()


def free_text_fields(model):
    """The model's CharFields and TextFields that hold what people typed."""
    for field in model._meta.concrete_fields:
        label = f"{model._meta.label}.{field.name}"
        if not isinstance(field, models.CharField | models.TextField):
            continue
        # A choice is one of a fixed list; a slug is letters, digits and hyphens.
        if field.choices or isinstance(field, models.SlugField) or label in NOT_FREE_TEXT:
            continue
        yield field


def hostile_text(number, field):
    """Hostile text that fits `field`: a formula first, then as many payloads as fit.

    The number at the end keeps distinct values distinct (codes and names
    are unique), and the payloads turn with it so that fields differ.
    """
    suffix = f" {number}"
    room = (field.max_length or 10_000) - len(suffix)
    turn = number % len(HTML_PAYLOADS)
    pieces = [
        FORMULA_PAYLOADS[number % len(FORMULA_PAYLOADS)],
        *HTML_PAYLOADS[turn:],
        *HTML_PAYLOADS[:turn],
        *SHORT_PAYLOADS,
    ]
    if field.name == "code":
        # Codes name pages in addresses (measures/<code>/), where a slash ends the code.
        pieces = [piece for piece in pieces if "/" not in piece]
    text = ""
    for piece in pieces:
        joined = f"{text} {piece}" if text else piece
        if len(joined) <= room:
            text = joined
    return text + suffix


def fill_every_free_text_field():
    """Make every free-text value hostile; equal values stay equal (a measure code is
    shared by the units that report it), distinct values stay distinct."""
    number = 0
    for model in models_in_scope():
        rows = model._default_manager
        for field in free_text_fields(model):
            # In order, so that each run fills the same fields with the same text.
            values = set(rows.values_list(field.name, flat=True))
            for value in sorted(values, key=lambda value: (value is None, value or "")):
                if field.name == "code" and value in RECOGNISED_CODES:
                    continue
                number += 1
                # A history row's reason for a change is null where none was given.
                lookup = (
                    {field.name: value} if value is not None else {field.name + "__isnull": True}
                )
                text = hostile_text(number, field)
                while field.name == "code" and text.startswith(("\t", "\r")):
                    # A code is part of an address, where a tab or line break ends the
                    # request line: no form lets one in (address_safe_code).
                    number += 1
                    text = hostile_text(number, field)
                rows.filter(**lookup).update(**{field.name: text})


def is_hostile(value):
    pieces = HTML_PAYLOADS + SHORT_PAYLOADS + FORMULA_PAYLOADS
    return bool(value) and any(piece in value for piece in pieces)


# The scenario: General Surgery's scorecard with every stage's artefacts.


@pytest.fixture
def hostile_unit(units, trust_admin):
    """General Surgery, with a row of every model, then every free-text value made hostile_unit.

    Text is left blank or short here: every value, blank or not, is replaced.
    Theatres reports the same measure (for compare) and serves General Surgery
    (for bottlenecks); Surgery and the trust have the objectives it contributes to.
    """
    latest = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    months = [periods.add_periods(latest, periods.MONTHLY, back) for back in range(-17, 1)]
    general_surgery, theatres = units["NHT-SURG-GS"], units["NHT-SURG-TH"]
    trust_objective = make_objective(make_scorecard(units["NHT"]), "T1")
    surgery_objective = make_objective(
        make_scorecard(units["NHT-SURG"]), "S1", contributes_to=trust_objective
    )
    scorecard = make_scorecard(general_surgery)
    scorecard.status = Scorecard.Status.ACTIVE
    scorecard.signed_off_by, scorecard.signed_off_at = trust_admin, timezone.now()
    scorecard.published_at = timezone.now()
    scorecard.save()
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Flow")
    for kind in SwotItem.Kind:
        SwotItem.objects.create(scorecard=scorecard, kind=kind)
    Stakeholder.objects.create(
        scorecard=scorecard,
        category=Stakeholder.Category.CUSTOMERS,
        power=Stakeholder.Level.HIGH,
        impact=Stakeholder.Level.HIGH,
    )
    customer = make_objective(scorecard, "C1", theme=theme, contributes_to=surgery_objective)
    process = make_objective(scorecard, "P1", perspective_name="Internal business processes")
    SummaryStatement.objects.create(theme=theme, perspective=customer.perspective)
    ObjectiveLink.objects.create(cause=process, effect=customer)

    waits = make_measure(customer, "RTT18")
    ratio = make_measure(process, "M2", rollup=RollUp.RATIO, direction=Direction.LOWER_IS_BETTER)
    theatres_waits = make_measure(make_objective(make_scorecard(theatres), "C1"), "RTT18")
    # A shift half way, so the chart has special causes and a restart of its limits.
    values = [70, 72, 71, 69, 73, 70, 71, 72, 70, 69, 71, 85, 86, 87, 88, 86, 87, 89]
    for month, value in zip(months, values, strict=True):
        make_observation(waits, month, str(value), entered_by=trust_admin)
        make_observation(theatres_waits, month, str(160 - value))
        make_observation(
            ratio,
            month,
            str(value / 2),
            numerator=Decimal(value),
            denominator=Decimal(200),
            entered_by=trust_admin,
        )
    # A changed value, so its history offers the earlier one back.
    changed = waits.observations.get(period=latest)
    changed.value, changed.version = changed.value + 1, 2
    changed.save()
    make_target(waits, months[0], "80", tolerance=Decimal(2), action_trigger=Decimal(75))
    make_target(ratio, months[0], "40", tolerance=Decimal(2), action_trigger=Decimal(42))
    make_target(theatres_waits, months[0], "80")
    Rebase.objects.create(measure=waits, period=months[11], reason="New clinic")
    # Two measures declared to count the same people: the data-quality page shows them.
    SharedPopulation.objects.create(first_code="RTT18", second_code="M2", population="Lists")
    # A rare-event measure charted by the days between its events, each with a note.
    never = make_measure(
        process, "NEVER", unit="count", zero_tolerance=True, rollup=RollUp.SUM, chart_type="t"
    )
    for month in months[::4]:
        make_observation(never, month, "1")
        Occurrence.objects.create(measure=never, occurred_on=month + timedelta(days=3))
    initiative = Initiative.objects.create(
        scorecard=scorecard, start_date=months[0], end_date=latest + timedelta(days=365)
    )
    initiative.objectives.set([customer, process])
    initiative.measures.set([waits])
    Milestone.objects.create(initiative=initiative, due_date=latest)
    ServiceDependency.objects.create(unit=general_surgery, provider=theatres)

    key_target = KeyTarget.objects.create(code=FIRST_KEY_TARGET)
    supports, implicit = Alignment.Kind.SUPPORTS, Alignment.Kind.IMPLICIT
    Alignment.objects.create(
        key_target=key_target, scorecard=scorecard, kind=supports, measure=waits
    )
    Alignment.objects.create(
        key_target=key_target, scorecard=scorecard, kind=implicit, objective=process
    )
    Alignment.objects.create(
        key_target=KeyTarget.objects.create(code="KT2"),
        scorecard=scorecard,
        kind=Alignment.Kind.MISSING,
        description="A measure of diagnostic waits",
    )
    # An exception report for the latest month, with an action: its text is shown on the
    # measure's page and its writing page.
    report = ExceptionReport.objects.create(
        measure=waits,
        period=latest,
        what_happened="a",
        root_cause="b",
        risk="c",
        written_by=trust_admin,
        written_at=timezone.now(),
    )
    ExceptionAction.objects.create(
        measure=waits, raised_in=report, description="d", owner=trust_admin, due=latest
    )
    # The cover of the pack for the latest month.
    PackCover.objects.create(
        unit=general_surgery,
        month=latest,
        recommendation="e",
        key_messages="f",
        author="g",
        lead_director="h",
    )
    # The pack as a PDF: one made, and one that failed with the reason the render gave.
    PackPdf.objects.create(
        unit=general_surgery,
        month=latest,
        requested_by=trust_admin,
        state=PackPdf.State.READY,
        content=b"%PDF-1.7",
    )
    PackPdf.objects.create(
        unit=general_surgery,
        month=latest,
        requested_by=trust_admin,
        state=PackPdf.State.FAILED,
        error="i",
    )
    # The trust's catalogue, joined from the measures above.
    catalogue.join(units["NHT"])
    fill_every_free_text_field()
    # A month closed, so the reported months and a version have rows to show.
    close_month(unit=units["NHT"], month=months[-3], user=trust_admin)
    return OrganisationUnit.objects.get(pk=general_surgery.pk)


def test_every_free_text_field_is_filled_with_hostile_text(hostile_unit):
    unfilled = [
        f"{model._meta.label}.{field.name}"
        for model in models_in_scope()
        for field in free_text_fields(model)
        if not any(
            is_hostile(value)
            for value in model._default_manager.values_list(field.name, flat=True)
        )
    ]

    assert unfilled == [], "Give these fields a row in the hostile_unit fixture"


# Reading a page.

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# The elements the app's own SVG (strategy map, sparklines, icons, the NHS logo) and the
# admin's icons are made of.
SVG_ELEMENTS = {"svg", "title", "desc", "defs", "marker", "path", "g", "rect", "text", "tspan"}
SVG_ELEMENTS |= {"a", "line", "polyline", "circle", "symbol", "use"}


class Svg:
    """An <svg> on a page: its class, the elements in it and its text."""

    def __init__(self, css_class):
        self.css_class, self.elements, self.text = css_class, [], []


class Page(HTMLParser):
    """A page as the browser would build it: what in it would run, its JSON blocks, its SVGs."""

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.problems, self.json_blocks, self.text, self.links, self.svgs = [], {}, [], [], []
        self._json_id, self._svg_depth = None, 0
        self.feed(content)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag}> has {name}={value!r}")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script":
            if attributes.get("type") == "application/json":
                self._json_id = attributes.get("id")
                self.json_blocks[self._json_id] = ""
            elif not re.match(r"/[^/]", attributes.get("src") or ""):
                self.problems.append(f"a <script> that is not the app's own file: {attributes}")
        if tag == "svg" and not self._svg_depth:
            self.svgs.append(Svg(attributes.get("class", "")))
        if tag == "svg":
            self._svg_depth += 1
        if self._svg_depth:
            self.svgs[-1].elements.append(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._json_id = None
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1

    def handle_data(self, data):
        if self._json_id is not None:
            self.json_blocks[self._json_id] += data
            return
        self.text.append(data)
        if self._svg_depth:
            self.svgs[-1].text.append(data)

    def shows(self, piece):
        """The piece is on the page as text a person reads."""
        return any(piece in text for text in self.text)


def shows_markup(page):
    return any(page.shows(piece) for piece in MARKUP_PIECES)


def inert(content):
    """What on a page would run or is not the app's own markup; [] when nothing."""
    page = Page(content)
    problems = list(page.problems)
    problems += [
        f"{piece!r} is in the markup unescaped" for piece in MARKUP_PIECES if piece in content
    ]
    for block_id, block in page.json_blocks.items():
        # json_script writes <, > and & as \\u escapes, so nothing in it can end the block.
        if "<" in block:
            problems.append(f"the JSON block {block_id} holds a <")
        try:
            json.loads(block)
        except ValueError:
            problems.append(f"the JSON block {block_id} is cut short")
    problems += [
        f"<{element}> inside an SVG ({svg.css_class})"
        for svg in page.svgs
        for element in svg.elements
        if element not in SVG_ELEMENTS
    ]
    return problems


def internal_links(page):
    for href in page.links:
        url = urlparse(urldefrag(href).url)
        if not url.scheme and not url.netloc and url.path.startswith("/"):
            yield url.path + (f"?{url.query}" if url.query else "")


def crawl(client, start=("/", "/accounts/logout/", "/accounts/password/changed/"), per_page=6):
    """{path: response} of the pages the client's user can reach from `start`, but the admin's.

    Each page (each URL name) is opened at most `per_page` times: the entry page
    links each month to the one before, back to the first.
    """
    seen, queue, pages, opened = set(), list(start), {}, Counter()
    while queue:
        path = queue.pop(0)
        name = resolve(urlparse(path).path).view_name
        if path in seen or path.startswith("/admin/") or opened[name] == per_page:
            continue
        seen.add(path)
        opened[name] += 1
        response = client.get(path)
        pages[path] = response
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        elif response.status_code == 200 and "html" in response["Content-Type"]:
            queue.extend(internal_links(Page(response.content.decode())))
    return pages


def page_names():
    """The URL name of every page that answers GET, found from the URLconf (the admin aside)."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    prefix = f"{pattern.namespace}:" if pattern.namespace else ""
                    yield from walk(pattern.url_patterns, namespace + prefix)
            elif answers_get(pattern.callback):
                yield namespace + (pattern.name or pattern.callback.__name__)

    return set(walk(get_resolver().url_patterns))


def answers_get(view):
    """False for a view behind require_POST (the method check is each view's outer decorator)."""
    methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
    return methods is None or "GET" in methods


# Pages that show nothing stored: the login page (an admin is sent home) and the icon.
NO_STORED_TEXT = {"login", "favicon"}


def check_pages(pages):
    assert {path: r.status_code for path, r in pages.items() if r.status_code >= 400} == {}
    html_pages = {
        path: response.content.decode()
        for path, response in pages.items()
        if response.status_code == 200 and "html" in response["Content-Type"]
    }
    assert {path: inert(content) for path, content in html_pages.items()} == dict.fromkeys(
        html_pages, []
    )
    # Each page did show hostile text (as text), so each check above had something to catch.
    assert [path for path, content in html_pages.items() if not shows_markup(Page(content))] == []


def test_every_page_shows_hostile_text_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    pages = crawl(client)

    opened = {resolve(urlparse(path).path).view_name for path in pages}
    assert page_names() - NO_STORED_TEXT - opened == set(), "No link leads to these pages"
    check_pages(pages)


def test_every_page_shows_hostile_text_as_text_to_a_reader(client, hostile_unit, analyst):
    """Read-only people see text where managers see forms: the pages differ."""
    client.force_login(analyst)

    pages = crawl(client)

    assert len(pages) > 40
    check_pages(pages)


# Plotly figures.

# The tags the app writes into chart text itself; plotly reads these few.
PLOTLY_TAGS = ("<br>", "<b>", "</b>")
# The entities plotly decodes in chart text (its svg_text_utils), besides numeric ones.
PLOTLY_ENTITIES = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "times": "×"}
PLOTLY_ENTITIES |= {"plusmn": "±", "deg": "°"}


def strings_in(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings_in(value)


def without_app_tags(text):
    for tag in PLOTLY_TAGS:
        text = text.replace(tag, " ")
    return text


def as_plotly_shows(text):
    """Chart text as plotly draws it: the app's tags as spaces, entities decoded."""

    def decode(match):
        entity = match.group(1)
        if entity.startswith("#"):
            return chr(int(entity[2:], 16) if entity[1] == "x" else int(entity[1:]))
        return PLOTLY_ENTITIES.get(entity, match.group(0))

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, without_app_tags(text))


def figures_on(client, paths):
    figures = {}
    for path in paths:
        page = Page(client.get(path).content.decode())
        for block_id, block in page.json_blocks.items():
            figures[path, block_id] = json.loads(block)
    return figures


def test_plotly_figures_show_hostile_text_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)
    measures = Measure.objects.filter(objective__scorecard__unit__parent=hostile_unit.parent)
    # A rare-event measure's page draws the gaps between its events as well.
    expected = {m.get_absolute_url(): 2 if m.charts_rare_events else 1 for m in measures}
    for code in set(measures.values_list("code", flat=True)):
        # A ranking, and an XmR chart for each unit that reports the measure by one.
        xmr = measures.filter(code=code).exclude(chart_type__in=["t", "g"]).count()
        charts = 1 + xmr
        expected[reverse("measures:compare_siblings", args=[hostile_unit.slug, code])] = charts
        expected[reverse("measures:compare_all", args=[code])] = charts

    figures = figures_on(client, expected)

    assert Counter(path for path, _ in figures) == expected
    tags = {
        key: text
        for key, figure in figures.items()
        for text in strings_in(figure)
        if "<" in without_app_tags(text)
    }
    assert tags == {}
    # The hostile text is in each figure, and plotly draws it as it was typed.
    shown = {
        key: any(
            piece in as_plotly_shows(text)
            for text in strings_in(figure)
            for piece in MARKUP_PIECES
        )
        for key, figure in figures.items()
    }
    assert shown == dict.fromkeys(figures, True)


# Server-drawn SVG: the strategy map and the sparklines.


def test_server_drawn_svg_shows_hostile_text_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)
    paths = [hostile_unit.get_absolute_url(), reverse("builder:links", args=[hostile_unit.slug])]

    contents = [client.get(path).content.decode() for path in paths]

    assert [inert(content) for content in contents] == [[], []]
    pages = [Page(content) for content in contents]
    maps = [svg for page in pages for svg in page.svgs if svg.css_class == "app-map__svg"]
    sparklines = [svg for svg in pages[0].svgs if svg.css_class == "app-sparkline"]
    assert len(maps) == 2
    # Objective codes and titles, perspective names and the unit's name are text in the map.
    assert all(any(piece in text for text in svg.text for piece in MARKUP_PIECES) for svg in maps)
    assert len(sparklines) == 3
    assert [svg.elements for svg in sparklines] == [["svg", "polyline", "circle"]] * 3


# The admin.


def admin_pages(user):
    """The admin's pages of each model: its list, and one row's change, delete and history
    pages (every row's text is hostile); no delete page where the admin deletes nothing
    (values are written only through the recording path)."""
    request = RequestFactory().get("/")
    request.user = user
    yield reverse("admin:index")
    in_scope = set(models_in_scope())
    for model, model_admin in admin.site._registry.items():
        if model not in in_scope:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{name}_changelist")
        for row in model._default_manager.all()[:1]:
            for page in ("change", "delete", "history"):
                if page == "delete" and not model_admin.has_delete_permission(request, row):
                    continue
                yield reverse(f"{name}_{page}", args=[row.pk])
            if isinstance(model_admin, SimpleHistoryAdmin):
                for version in row.history.all()[:1]:
                    yield reverse(f"{name}_simple_history", args=[row.pk, version.pk])


def test_admin_pages_show_hostile_text_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    pages = {path: client.get(path) for path in admin_pages(trust_admin)}

    assert {path: r.status_code for path, r in pages.items() if r.status_code != 200} == {}
    contents = {path: response.content.decode() for path, response in pages.items()}
    assert {path: inert(content) for path, content in contents.items()} == dict.fromkeys(
        contents, []
    )
    assert [path for path, content in contents.items() if not shows_markup(Page(content))] == []


# Spreadsheets.


def quoted(text):
    """Text as a CSV must hold it: a leading quote where a spreadsheet would run a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def looks_like_a_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def runnable(cells):
    """XLSX cells Excel would run: formulas, and text like a formula without the quote prefix."""
    return [
        cell.coordinate
        for cell in cells
        if cell.data_type == "f"
        or (looks_like_a_formula(cell.value) and not (cell.data_type == "s" and cell.quotePrefix))
    ]


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def export(client, unit, kind):
    months = Observation.objects.dates("period", "month")
    start, end = f"{months.first():%Y-%m}", f"{months.last():%Y-%m}"
    url = reverse("measures:export_values", args=[unit.slug])
    return client.get(url, {"start": start, "end": end, "format": kind})


def exported_text(unit):
    """The text columns of the export, as the database holds them."""
    observations = Observation.objects.filter(
        measure__objective__scorecard__unit__in=unit.get_descendants(include_self=True)
    ).select_related("measure__objective__scorecard__unit", "entered_by")
    return [
        (
            o.measure.objective.scorecard.unit.code,
            o.measure.objective.scorecard.unit.name,
            o.measure.code,
            o.measure.title,
            o.comment,
            o.entered_by.get_full_name() if o.entered_by else "",
        )
        for o in observations
    ]


TEXT_COLUMNS = ["unit", "unit name", "measure", "measure title", "comment", "entered by"]


def test_the_csv_export_quotes_every_formula(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    header, *rows = read_csv(export(client, hostile_unit.parent, "csv"))

    # No value here is negative, so no cell at all may start like a formula.
    assert [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)] == []
    columns = [header.index(name) for name in TEXT_COLUMNS]
    text = sorted(tuple(row[column] for column in columns) for row in rows)
    expected = sorted(tuple(map(quoted, row)) for row in exported_text(hostile_unit.parent))
    assert text == expected
    assert any(cell.startswith("'") for row in text for cell in row)


def test_the_xlsx_export_keeps_formulas_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    cells = read_xlsx(export(client, hostile_unit.parent, "xlsx"))

    assert runnable(cells) == []
    assert any(looks_like_a_formula(cell.value) for cell in cells)
    values = {cell.value for cell in cells}
    texts = {text for row in exported_text(hostile_unit.parent) for text in row} - {""}
    # XLSX is XML, which reads a carriage return back as a line feed.
    assert {text.replace("\r", "\n") for text in texts} <= values


def template(client, unit, name):
    return client.get(reverse(f"measures:{name}", args=[unit.slug]))


def measure_titles(unit):
    measures = Measure.objects.filter(objective__scorecard__unit__parent=unit)
    return set(measures.values_list("title", flat=True))


def test_the_csv_template_quotes_every_formula(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    rows = read_csv(template(client, hostile_unit.parent, "template_csv"))

    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    assert {quoted(title) for title in measure_titles(hostile_unit.parent)} <= set(cells)
    assert any(cell.startswith("'") for cell in cells)


def test_the_xlsx_template_keeps_formulas_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)

    cells = read_xlsx(template(client, hostile_unit.parent, "template_xlsx"))

    assert runnable(cells) == []
    assert any(looks_like_a_formula(cell.value) for cell in cells)
    titles = {title.replace("\r", "\n") for title in measure_titles(hostile_unit.parent)}
    assert titles <= {cell.value for cell in cells}


# A quote would end the file's name early and let the code add to the header; a line
# break would end the header (Django refuses to send it, so the download failed).
@pytest.mark.parametrize("code", ['X";filename="e.html', "\r=1+1", "Ünit"])
def test_a_download_is_named_after_the_unit_s_code_whatever_it_holds(
    client, units, trust_admin, code
):
    unit = units["NHT-SURG-GS"]
    OrganisationUnit.objects.filter(pk=unit.pk).update(code=code)
    client.force_login(trust_admin)

    response = client.get(reverse("measures:template_csv", args=[unit.slug]))

    disposition = parse_header_parameters(response["Content-Disposition"])
    assert disposition == ("attachment", {"filename": f"{code}-values-template.csv"})


def csv_upload(name, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["unit", "measure", "period", "value", "comment"], *rows])
    return SimpleUploadedFile(name, buffer.getvalue().encode())


def test_an_import_shows_hostile_codes_and_file_names_as_text(client, hostile_unit, trust_admin):
    client.force_login(trust_admin)
    month = f"{Observation.objects.latest('period').period:%Y-%m}"
    OrganisationUnit.objects.filter(pk=hostile_unit.pk).update(code="GS")
    url = reverse("measures:import_values", args=[hostile_unit.slug])
    unknown = csv_upload("values.csv", [[HTML_PAYLOADS[0], "RTT18", month, "1", ""]])
    hostile_name = csv_upload(f"{HTML_PAYLOADS[1]}.csv", [["GS", "RTT18", month, "99", "Fine"]])

    checked = client.post(url, {"file": unknown, "check": ""})
    imported = client.post(url, {"file": hostile_name, "import": ""}, follow=True)

    assert inert(checked.content.decode()) == []
    # The problem names the unknown code as it was written.
    assert Page(checked.content.decode()).shows(f"code {HTML_PAYLOADS[0]}")
    assert inert(imported.content.decode()) == []
    assert Page(imported.content.decode()).shows(f"Imported {HTML_PAYLOADS[1]}.csv")
