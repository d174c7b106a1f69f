"""Every URL of the project, for every persona: nobody gets past the access check
who should not, and a refused write changes nothing.

The patterns are read from Django's resolver, the admin's included, so a view
added later cannot slip past: test_every_url_pattern_is_known fails, naming it,
until this file knows how to fill its address and whom to let in. Addresses
are filled from one small world: General Surgery's scorecard with one thing of
every kind, and Theatres' with the same, so that a manager of General Surgery
can try Theatres' ids through their own unit's addresses.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from cycle.models import MonthClose, ReportedUnit, Submission
from measures.models import (
    Alignment,
    CatalogueEntry,
    KeyTarget,
    Occurrence,
    Rebase,
    SharedPopulation,
)
from organisations.models import OrganisationUnit, Role, ServiceDependency
from scorecard.models import (
    Initiative,
    Milestone,
    ObjectiveLink,
    PackPdf,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)
from scorecard.pack.tasks import make_pack_pdf
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_user,
)
from tests.page_check import page_problems

GS, TH = "NHT-SURG-GS", "NHT-SURG-TH"
PASSWORD = "correct-horse-battery"
MONTH = date(2026, 4, 1)
CLOSED_MONTH = date(2026, 3, 1)
# Words that appear only in what each unit's scorecard holds, and a value only
# its measure has: a page that shows them shows that unit's data.
GS_SECRETS = ("General Surgery", "Hernia", "417.25")
TH_SECRETS = ("Theatres", "Anaesthetic", "263.75")
EVERY_UNIT_NAME = ("Northshire", "Surgery", "Theatres", "Medicine", "Cardiology")


@dataclass(frozen=True)
class UrlPattern:
    """One URL pattern as the resolver holds it."""

    route: str  # the whole pattern, e.g. "units/<slug:slug>/values/"
    name: str | None  # with its namespace, e.g. "measures:entry"

    @property
    def key(self):
        """How this file names the pattern: by its name, or by its route if it has none."""
        return self.name or self.route


def every_pattern(resolver=None, prefix="", namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from every_pattern(pattern, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield UrlPattern(prefix + str(pattern.pattern), name)


# The world's values that fill addresses; the object keys are the ids a
# tampering manager swaps for another unit's.
OBJECT_KEYS = frozenset(
    {
        "theme",
        "swot",
        "stakeholder",
        "objective",
        "link",
        "measure",
        "target",
        "initiative",
        "milestone",
        "rebase",
        "event",
        "placed",
        "missing",
        "history",
        "reported",
        "pdf",
    }
)


@dataclass(frozen=True)
class UnitRoute:
    """An address of one unit: what fills it, and whether analysts read it.

    A page analysts read answers their GET with 200; every other address
    changes things, so a read-only role gets 403 (or 405 for the wrong method).
    """

    args: tuple[str, ...] = ("slug",)
    reads: bool = False
    # Closing and reopening months: performance leads and admins only.
    closes: bool = False
    # Restarting a measure's limits: the unit's own managers (its leads), the
    # measure's owner and admins; not a manager of the directorate above.
    leads: bool = False
    # Asking for something made in the background (a pack's PDF): everyone who reads
    # the unit may POST, which adds the request and changes nothing else.
    asks: bool = False
    # Publishing a pack: the unit's leads, and performance leads as well.
    publishes: bool = False


READ = UnitRoute(reads=True)
WRITE = UnitRoute()
CLOSE = UnitRoute(closes=True)
UNIT_ROUTES = {
    "closing:close": CLOSE,
    "closing:reopen": CLOSE,
    "closing:reported": READ,
    "pack:pack": READ,
    # The pack's cover is its unit's lead's to write.
    "pack:cover": UnitRoute(leads=True),
    "pack:workbook": READ,
    "pack:make_pdf": UnitRoute(asks=True),
    "pack:pdf": UnitRoute(args=("slug", "pdf"), reads=True),
    "pack:pdf_file": UnitRoute(args=("slug", "pdf"), reads=True),
    "pack:publish_pdf": UnitRoute(args=("slug", "pdf"), leads=True, publishes=True),
    "closing:version": UnitRoute(("slug", "reported"), reads=True),
    "dashboards:unit": READ,
    "dashboards:alignment": READ,
    "review:index": READ,
    "review:detail": UnitRoute(("slug", "key_target"), reads=True),
    "review:place": UnitRoute(("slug", "key_target")),
    "review:missing_add": UnitRoute(("slug", "key_target")),
    "review:move": UnitRoute(("slug", "key_target", "placed")),
    "review:remove": UnitRoute(("slug", "key_target", "placed")),
    "review:convert_objective": UnitRoute(("slug", "key_target", "missing")),
    "review:convert_measure": UnitRoute(("slug", "key_target", "missing")),
    "builder:overview": READ,
    "builder:start": WRITE,
    "builder:foundation": READ,
    "builder:foundation_save": WRITE,
    "builder:theme_add": WRITE,
    "builder:theme_edit": UnitRoute(("slug", "theme")),
    "builder:theme_delete": UnitRoute(("slug", "theme")),
    "builder:swot_add": WRITE,
    "builder:swot_delete": UnitRoute(("slug", "swot")),
    "builder:stakeholder_add": WRITE,
    "builder:stakeholder_edit": UnitRoute(("slug", "stakeholder")),
    "builder:stakeholder_delete": UnitRoute(("slug", "stakeholder")),
    "builder:objectives": READ,
    "builder:objective_add": WRITE,
    "builder:objective_edit": UnitRoute(("slug", "objective")),
    "builder:objective_up": UnitRoute(("slug", "objective")),
    "builder:objective_down": UnitRoute(("slug", "objective")),
    "builder:objective_retire": UnitRoute(("slug", "objective")),
    "builder:objective_delete": UnitRoute(("slug", "objective")),
    "builder:links": READ,
    "builder:link_add": WRITE,
    "builder:link_delete": UnitRoute(("slug", "link")),
    "builder:measures": READ,
    "builder:measure_add": WRITE,
    # The sheet reads as a summary for analysts; saving it is a write.
    "builder:measure_edit": UnitRoute(("slug", "measure"), reads=True),
    "builder:measure_retire": UnitRoute(("slug", "measure")),
    "builder:measure_delete": UnitRoute(("slug", "measure")),
    "builder:targets": READ,
    "builder:target_add": UnitRoute(("slug", "measure")),
    "builder:trajectory": UnitRoute(("slug", "measure")),
    "builder:trajectory_import": WRITE,
    "builder:measure_adopt": WRITE,
    "builder:target_edit": UnitRoute(("slug", "target")),
    "builder:target_delete": UnitRoute(("slug", "target")),
    "builder:initiatives": READ,
    "builder:initiative_add": WRITE,
    "builder:initiative_edit": UnitRoute(("slug", "initiative")),
    "builder:initiative_delete": UnitRoute(("slug", "initiative")),
    "builder:milestone_add": UnitRoute(("slug", "initiative")),
    "builder:milestone_delete": UnitRoute(("slug", "milestone")),
    "builder:implementation": READ,
    "builder:implementation_save": WRITE,
    "builder:publish": WRITE,
    "builder:summary": READ,
    "builder:summary_save": WRITE,
    # Entering values, and the templates to enter them with, need a manager.
    "measures:entry_latest": WRITE,
    "measures:entry": UnitRoute(("slug", "month")),
    "measures:import_values": WRITE,
    "measures:template_csv": WRITE,
    "measures:template_xlsx": WRITE,
    "measures:export_values": READ,
    "measures:measure": UnitRoute(("slug", "code"), reads=True),
    "measures:rebase_add": UnitRoute(("slug", "code"), leads=True),
    "measures:compare_siblings": UnitRoute(("slug", "code"), reads=True),
    "measures:rebase_delete": UnitRoute(("slug", "code", "rebase"), leads=True),
    "measures:event_add": UnitRoute(("slug", "events_code")),
    "measures:event_delete": UnitRoute(("slug", "events_code", "event")),
    "measures:value_restore": UnitRoute(("slug", "code", "history")),
    # An exception report is written by those who may change the unit's values.
    "measures:exception_report": UnitRoute(("slug", "code", "month")),
    # Submitting a month is for those who may enter the unit's values.
    "cycle:submit": UnitRoute(("slug", "month")),
}
# Retires and deletes run last, in this order, so the addresses before them
# still find their objects (a retired objective has no up or down; an
# initiative's milestone goes before the initiative).
LAST = [
    "builder:objective_retire",
    "builder:measure_retire",
    "builder:swot_delete",
    "builder:stakeholder_delete",
    "builder:milestone_delete",
    "builder:target_delete",
    "builder:link_delete",
    "builder:theme_delete",
    "builder:measure_delete",
    "builder:objective_delete",
    "builder:initiative_delete",
    "measures:rebase_delete",
    "measures:event_delete",
    "review:remove",
]


@dataclass(frozen=True)
class Overview:
    """A page of no one unit: it shows whatever units the person may see.

    With `unit_query`, ?unit=<slug> narrows it to a unit, which is then a
    page of that unit like any other. With `shows_unit`, a person who may see
    General Surgery finds it named there.
    """

    args: tuple[str, ...] = ()
    unit_query: bool = False
    shows_unit: bool = True


OVERVIEWS = {
    "dashboards:home": Overview(shows_unit=False),
    "organisations:tree": Overview(),
    "dashboards:cascade": Overview(unit_query=True),
    "dashboards:bottlenecks": Overview(unit_query=True),
    "dashboards:completion": Overview(unit_query=True),
    "measures:compare_all": Overview(("code",)),
    # Each unit reports RTT18 and not RTT52: the data-quality page names it.
    "measures:populations": Overview(),
    # Each unit's measures are outside the catalogue: the page names their units.
    "measures:catalogue": Overview(),
}
# A person's own account pages: anyone signed in, about themselves only.
ACCOUNT = {"password_change", "password_change_done", "cycle:reminder_preferences"}
# Pages for anyone, signed in or not; judged on their own below.
PUBLIC = {
    "login": 200,
    "logout": 302,
    "favicon.ico": 301,
    "admin:login": 200,
    # Those not signed in as staff are sent to the admin's front page, which
    # asks them to log in.
    "admin:logout": 302,
}


def admin_object(model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"The world has no {model._meta.label} to fill its admin pages with"
    return obj


def first_history_id(obj):
    return obj.history.order_by("history_id").first().history_id


# The admin site's own pages, and each model's, by the rest of their route.
ADMIN_SITE = {
    "admin:index": lambda: reverse("admin:index"),
    "admin:password_change": lambda: reverse("admin:password_change"),
    "admin:password_change_done": lambda: reverse("admin:password_change_done"),
    "admin:jsi18n": lambda: reverse("admin:jsi18n"),
    "admin:autocomplete": lambda: (
        reverse("admin:autocomplete")
        + "?app_label=scorecard&model_name=objective&field_name=scorecard"
    ),
    "admin:view_on_site": lambda: reverse(
        "admin:view_on_site",
        args=[
            ContentType.objects.get_for_model(OrganisationUnit).pk,
            OrganisationUnit.objects.get(code=GS).pk,
        ],
    ),
    "admin:app_list": lambda: reverse("admin:app_list", kwargs={"app_label": "organisations"}),
    "admin/(?P<url>.*)$": lambda: "/admin/no-such-page/",
}
ADMIN_MODEL_ROUTES = {
    "": lambda obj: "",
    "add/": lambda obj: "add/",
    "<path:object_id>/": lambda obj: f"{obj.pk}/",
    "<path:object_id>/change/": lambda obj: f"{obj.pk}/change/",
    "<path:object_id>/delete/": lambda obj: f"{obj.pk}/delete/",
    "<path:object_id>/history/": lambda obj: f"{obj.pk}/history/",
    "<id>/password/": lambda obj: f"{obj.pk}/password/",
    # simple_history's view of one past version.
    "^([^/]+)/history/([^/]+)/$": lambda obj: f"{obj.pk}/history/{first_history_id(obj)}/",
}


def admin_url(entry):
    """The address of an admin pattern, filled from the world, or None if unknown here."""
    if entry.key in ADMIN_SITE:
        return ADMIN_SITE[entry.key]()
    for model in filter(admin.site.is_registered, apps.get_models()):
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        rest = entry.route.removeprefix(prefix)
        if entry.route.startswith(prefix) and rest in ADMIN_MODEL_ROUTES:
            return f"/{prefix}{ADMIN_MODEL_ROUTES[rest](admin_object(model))}"
    return None


def is_admin_page(url):
    return url.startswith("/admin/")


# The admin's pages are not held to the label rule: Django's admin itself
# draws tabular inlines with their labels in the table's header, split date
# and time fields with one label for two inputs, and a hidden username on the
# password page (the customised inlines are issue 13's item 25, and what
# remains is listed in docs/accessibility.md). The repeated-attribute and
# form-action rules hold for them as for every page.
ADMIN_LABELS = False


def is_admin(entry):
    return entry.route.startswith("admin/") and entry.key not in PUBLIC


def knows(entry):
    if is_admin(entry):
        return admin_url(entry) is not None
    return any(entry.key in known for known in (UNIT_ROUTES, OVERVIEWS, ACCOUNT, PUBLIC))


# The world.


def furnish(unit, word, value, key_target):
    """One of everything on the unit's scorecard; what fills its addresses."""
    scorecard = make_scorecard(unit)
    theme = StrategicTheme.objects.create(scorecard=scorecard, name=f"{word} access")
    objective = make_objective(scorecard, "C1", theme=theme, title=f"{word} waits")
    other = make_objective(scorecard, "F1", "Financial", title=f"{word} budget")
    measure = make_measure(objective, "RTT18", title=f"{word} within 18 weeks", decimals=2)
    # An earlier value a manager could restore, then the unit's own value.
    observation = make_observation(measure, period=MONTH, value="1")
    earlier = observation.history.get()
    observation.value, observation.version = value, 2
    observation.save()
    # A rare-event measure charted by the days between its events, and one event.
    events = make_measure(
        objective, "NEVER", unit="count", zero_tolerance=True, rollup="sum", chart_type="t"
    )
    SummaryStatement.objects.create(
        theme=theme, perspective=objective.perspective, statement=f"{word} lists kept short"
    )
    initiative = Initiative.objects.create(scorecard=scorecard, title=f"{word} validation")
    # March closed for the unit, written as the close would, and a submission.
    close = MonthClose.objects.create(unit=unit, month=CLOSED_MONTH, action="close")
    Submission.objects.create(unit=unit, month=CLOSED_MONTH)
    reported = ReportedUnit.objects.create(
        unit=unit, month=CLOSED_MONTH, version=1, closed=close, status="no_data"
    )
    objects = {
        "reported": reported,
        "pdf": PackPdf.objects.create(
            unit=unit,
            month=CLOSED_MONTH,
            record=reported,
            state=PackPdf.State.READY,
            content=b"%PDF-1.7 " + word.encode(),
            sha256="0" * 64,
        ),
        "theme": theme,
        "swot": SwotItem.objects.create(scorecard=scorecard, kind="threat", text=f"{word} gaps"),
        "stakeholder": Stakeholder.objects.create(
            scorecard=scorecard,
            name=f"{word} GPs",
            category="customers",
            power="high",
            impact="high",
        ),
        "objective": objective,
        "link": ObjectiveLink.objects.create(cause=objective, effect=other),
        "measure": measure,
        "target": make_target(measure),
        "initiative": initiative,
        "milestone": Milestone.objects.create(
            initiative=initiative, title=f"{word} start", due_date=date(2026, 6, 30)
        ),
        "rebase": Rebase.objects.create(measure=measure, period=MONTH, reason=f"{word} pathway"),
        "event": Occurrence.objects.create(measure=events, occurred_on=MONTH, note=f"{word} swab"),
        "history": earlier,
        "placed": Alignment.objects.create(
            key_target=key_target, scorecard=scorecard, kind="supports", measure=measure
        ),
        "missing": Alignment.objects.create(
            key_target=key_target, scorecard=scorecard, kind="missing", description=f"{word} data"
        ),
    }
    return {
        "slug": unit.slug,
        "code": measure.code,
        "events_code": events.code,
        "key_target": key_target.code,
        "month": MONTH,
        **{key: obj.pk for key, obj in objects.items()},
    }


@pytest.fixture
def sibling_manager(units):
    """Frank manages Theatres, General Surgery's sibling, as in the builder's tests."""
    user = make_user("frank")
    grant(user, units[TH], Role.MANAGER)
    return user


@pytest.fixture
def medicine_manager(units):
    """Grace manages Medicine, a directorate beside Surgery."""
    user = make_user("grace")
    grant(user, units["NHT-MED"], Role.MANAGER)
    return user


@pytest.fixture
def world(
    units,
    trust_admin,
    directorate_manager,
    department_manager,
    analyst,
    outsider,
    sibling_manager,
    medicine_manager,
    performance_lead,
):
    """{unit code: what fills its addresses}, with everyone in it already."""
    key_target = KeyTarget.objects.create(code="RTT18W", name="18 weeks referral to treatment")
    # General Surgery relies on Theatres: Theatres' people see that it is
    # relied on, but not by whom.
    ServiceDependency.objects.create(unit=units[GS], provider=units[TH], note="Theatre lists")
    Group.objects.create(name="Data quality")
    SharedPopulation.objects.create(
        first_code="RTT18", second_code="RTT52", population="the RTT waiting list"
    )
    CatalogueEntry.objects.create(
        organisation=units["NHT"], code="LOS", title="Length of stay", direction="lower"
    )
    # django-axes' records of a login that worked and one that failed.
    Client().post(reverse("login"), {"username": "dana", "password": PASSWORD})
    Client().post(reverse("login"), {"username": "dana", "password": "a wrong guess"})
    fills = {
        GS: furnish(units[GS], "Hernia", GS_SECRETS[2], key_target),
        TH: furnish(units[TH], "Anaesthetic", TH_SECRETS[2], key_target),
    }
    # A task in the worker's queue, for the admin's page of tasks.
    make_pack_pdf.enqueue(fills[GS]["pdf"])
    return fills


def unit_pages(fill):
    """(key, address, route) of every page of a unit, retires and deletes last."""
    pages = [
        (key, reverse(key, args=[fill[arg] for arg in route.args]), route)
        for key, route in UNIT_ROUTES.items()
    ]
    pages += [
        (f"{key}?unit=", f"{reverse(key)}?unit={fill['slug']}", READ)
        for key, overview in OVERVIEWS.items()
        if overview.unit_query
    ]
    return sorted(pages, key=lambda page: LAST.index(page[0]) if page[0] in LAST else -1)


def tampered_pages(own, other):
    """Pages of the unit `own` fills, with the ids of the objects of `other`'s."""
    swapped = {**own, **{key: other[key] for key in OBJECT_KEYS}}
    return [
        (key, reverse(key, args=[swapped[arg] for arg in route.args]), route)
        for key, route in UNIT_ROUTES.items()
        if OBJECT_KEYS & set(route.args)
    ]


def overview_pages(fill):
    return [
        (key, reverse(key, args=[fill[arg] for arg in overview.args]), overview)
        for key, overview in OVERVIEWS.items()
    ]


def admin_pages():
    return [(entry.key, admin_url(entry), None) for entry in every_pattern() if is_admin(entry)]


# Judging.

WATCHED_APPS = {
    "auth",
    "admin",
    "contenttypes",
    "organisations",
    "scorecard",
    "measures",
    "cycle",
}


def snapshot():
    """Every row the project keeps, history included.

    Signing in writes a session and stamps the user's last login; neither is
    a change anyone asked for, so neither counts.
    """
    return {
        model._meta.label: [
            {field: value for field, value in row.items() if field != "last_login"}
            for row in model._default_manager.order_by("pk").values()
        ]
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS
    }


def checked_page(key, url, response, *, labels=True):
    """The faults tests/page_check.py finds on a page shown, each naming the page."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    return [
        f"GET {key} ({url}): {problem}"
        for problem in page_problems(response.content.decode(), url, labels=labels)
    ]


def visit_all(client, pages, right, *, writes_allowed=False):
    """GET and POST every page; name each answer `right` refuses, each refused
    POST that changed the database anyway, and each fault on a page shown."""
    failures = []
    before = None if writes_allowed else snapshot()
    for key, url, route in pages:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if not right(route, method, response):
                where = response.get("Location", "")
                failures.append(f"{method.upper()} {key} ({url}): {response.status_code} {where}")
            if method == "get":
                failures += checked_page(key, url, response)
            if method == "post" and not writes_allowed:
                after = snapshot()
                if after != before and not getattr(route, "asks", False):
                    failures.append(f"POST {key} ({url}) was refused but changed the database")
                before = after
    return failures


def sent_to(login_url):
    def right(route, method, response):
        if response.status_code == 405:
            return True
        return response.status_code == 302 and response["Location"].startswith(login_url)

    return right


def to_admin_login(route, method, response):
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def through_the_admin(route, method, response):
    refused = to_admin_login(route, method, response) or response.status_code == 403
    return not refused and response.status_code < 500


def not_found(route, method, response):
    return response.status_code in (404, 405)


def read_only(route, method, response):
    if method == "post" and route.asks:
        return response.status_code == 302
    if method == "get" and route.reads:
        return response.status_code == 200
    return response.status_code in (403, 405)


def let_in(route, method, response):
    return response.status_code < 500 and response.status_code not in (403, 404)


def let_in_but_not_to_close(route, method, response):
    """Managers: through every page of their unit but closing and reopening months."""
    if getattr(route, "closes", False):
        return response.status_code in (403, 405)
    return let_in(route, method, response)


def let_in_but_not_to_close_or_lead(route, method, response):
    """A manager above the unit: as its own managers, but its restarts are its leads'."""
    if getattr(route, "leads", False):
        return response.status_code in (403, 405)
    return let_in_but_not_to_close(route, method, response)


def reads_and_closes(route, method, response):
    """A performance lead: reads every page, closes and reopens months, publishes packs,
    changes nothing else."""
    if getattr(route, "closes", False) or getattr(route, "publishes", False):
        return let_in(route, method, response)
    return read_only(route, method, response)


def logged_in_client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def text_of(response):
    return response.content.decode() if response.get("Content-Type", "").startswith("text") else ""


# The tests.


def test_every_url_pattern_is_known(world):
    entries = list(every_pattern())
    unknown = [f"{entry.key} ({entry.route})" for entry in entries if not knows(entry)]
    assert not unknown, "This test does not know how to fill and judge:\n" + "\n".join(unknown)
    listed = set(UNIT_ROUTES) | set(OVERVIEWS) | ACCOUNT | set(PUBLIC) | set(ADMIN_SITE)
    gone = listed - {entry.key for entry in entries}
    assert not gone, f"Listed here but no longer a URL: {sorted(gone)}"
    # Every id in an address is tried with another unit's.
    with_ids = {entry.key for entry in entries if "<int:" in entry.route}
    tampered = {key for key, route in UNIT_ROUTES.items() if OBJECT_KEYS & set(route.args)}
    assert not with_ids - tampered, f"Fill their ids from OBJECT_KEYS: {with_ids - tampered}"


def test_anonymous_visitors_are_sent_to_log_in(world):
    pages = unit_pages(world[GS]) + overview_pages(world[GS])
    failures = visit_all(Client(), pages, sent_to(reverse("login")))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", ["outsider", "sibling_manager", "medicine_manager"])
def test_people_without_a_role_on_the_unit_are_told_nothing_exists(request, world, persona):
    client = logged_in_client(request.getfixturevalue(persona))
    failures = visit_all(client, unit_pages(world[GS]), not_found)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("persona", "hidden"),
    [
        ("outsider", EVERY_UNIT_NAME + GS_SECRETS + TH_SECRETS),
        ("sibling_manager", GS_SECRETS),
        ("medicine_manager", ("Surgery",) + GS_SECRETS + TH_SECRETS),
    ],
)
def test_pages_of_no_unit_show_nothing_of_units_people_cannot_see(request, world, persona, hidden):
    client = logged_in_client(request.getfixturevalue(persona))
    failures = []
    for key, url, _ in overview_pages(world[GS]):
        response = client.get(url)
        # A measure nobody visible reports is a 404 page, which says so.
        if response.status_code not in (200, 404):
            failures.append(f"GET {key}: {response.status_code}")
        shown = [word for word in hidden if word in text_of(response)]
        if shown:
            failures.append(f"GET {key} shows {shown}")
        if client.post(url).status_code != 405:
            failures.append(f"POST {key} is not refused as the wrong method")
        failures += checked_page(key, url, response)
    assert not failures, "\n".join(failures)


def test_pages_of_no_unit_show_the_unit_to_those_who_may_see_it(world, analyst):
    """What the test above looks for is there to find: its absence means something."""
    client = logged_in_client(analyst)
    seen = ""
    for key, url, overview in overview_pages(world[GS]):
        response = client.get(url)
        assert response.status_code == 200, key
        assert checked_page(key, url, response) == []
        if overview.shows_unit:
            assert "General Surgery" in text_of(response), key
        seen += text_of(response)
    assert [word for word in GS_SECRETS + TH_SECRETS if word not in seen] == []


def test_an_analyst_reads_but_never_writes(world, analyst):
    client = logged_in_client(analyst)
    pages = unit_pages(world[GS]) + [(key, url, READ) for key, url, _ in overview_pages(world[GS])]
    failures = visit_all(client, pages, read_only)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("persona", "right"),
    [
        ("department_manager", let_in_but_not_to_close),
        ("directorate_manager", let_in_but_not_to_close_or_lead),
        ("trust_admin", let_in),
    ],
)
def test_managers_of_the_unit_or_above_and_admins_get_through(request, world, persona, right):
    client = logged_in_client(request.getfixturevalue(persona))
    # The pages of no unit first: the retires and deletes come last.
    pages = overview_pages(world[GS]) + unit_pages(world[GS])
    failures = visit_all(client, pages, right, writes_allowed=True)
    assert not failures, "\n".join(failures)


def test_a_performance_lead_reads_everything_and_closes_months(world, performance_lead):
    client = logged_in_client(performance_lead)
    pages = unit_pages(world[GS]) + [(key, url, READ) for key, url, _ in overview_pages(world[GS])]
    failures = visit_all(client, pages, reads_and_closes, writes_allowed=True)
    assert not failures, "\n".join(failures)


# The directorate manager may change Theatres too, but not through General
# Surgery's addresses: an object is found only in the unit the address names.
@pytest.mark.parametrize("persona", ["department_manager", "directorate_manager"])
def test_another_units_ids_in_a_managers_own_addresses_are_not_found(request, world, persona):
    client = logged_in_client(request.getfixturevalue(persona))
    failures = visit_all(client, tampered_pages(world[GS], world[TH]), not_found)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_public_pages_answer_everyone_and_show_nothing(request, world, persona):
    user = request.getfixturevalue(persona) if persona else None
    before = snapshot()
    for entry in every_pattern():
        if entry.key not in PUBLIC:
            continue
        url = reverse(entry.name) if entry.name else f"/{entry.route}"
        # A fresh client each time: logging out ends the session.
        response = logged_in_client(user).get(url)
        if user is None:
            assert response.status_code == PUBLIC[entry.key], entry.key
        assert response.status_code < 500, entry.key
        assert not [word for word in EVERY_UNIT_NAME if word in text_of(response)], entry.key
        assert checked_page(entry.key, url, response, labels=not is_admin_page(url)) == []
        assert logged_in_client(user).post(url).status_code < 500, entry.key
    assert snapshot() == before


def test_account_pages_are_for_those_signed_in(world):
    pages = [(key, reverse(key), None) for key in sorted(ACCOUNT)]
    failures = visit_all(Client(), pages, sent_to(reverse("login")))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("persona", "hidden"),
    [
        ("outsider", EVERY_UNIT_NAME + GS_SECRETS + TH_SECRETS),
        ("sibling_manager", GS_SECRETS),
        ("department_manager", ("Theatres", "Medicine") + TH_SECRETS),
        ("analyst", ()),
        ("trust_admin", ()),
    ],
)
def test_account_pages_show_everyone_only_their_own(request, world, persona, hidden):
    client = logged_in_client(request.getfixturevalue(persona))
    before = snapshot()
    for key in sorted(ACCOUNT):
        response = client.get(reverse(key))
        assert response.status_code == 200, key
        assert checked_page(key, reverse(key), response) == []
        assert not [word for word in hidden if word in text_of(response)], key
        # An empty form is refused beside its fields; nobody's password changes.
        assert client.post(reverse(key)).status_code in (200, 405), key
    assert snapshot() == before


@pytest.mark.parametrize(
    "persona",
    [None, "outsider", "analyst", "department_manager", "directorate_manager", "performance_lead"],
)
def test_the_admin_site_sends_everyone_but_staff_to_its_login(request, world, persona):
    client = logged_in_client(request.getfixturevalue(persona) if persona else None)
    failures = visit_all(client, admin_pages(), to_admin_login)
    assert not failures, "\n".join(failures)


def test_the_admin_site_lets_a_staff_superuser_through(world, trust_admin, rf):
    client = logged_in_client(trust_admin)
    request = rf.get("/")
    request.user = trust_admin
    # django-axes' records of logins are read-only: nobody adds one; values
    # are written only through the recording path: nobody adds or deletes one.
    refused_adds = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model, model_admin in admin.site._registry.items()
        for page, allowed in (
            ("add", model_admin.has_add_permission(request)),
            ("delete", model_admin.has_delete_permission(request)),
        )
        if not allowed
    }
    failures = []
    for key, url, route in admin_pages():
        response = client.get(url)
        if key in refused_adds:
            if response.status_code != 403:
                failures.append(f"GET {key} ({url}): {response.status_code}, not 403")
        elif not through_the_admin(route, "get", response):
            failures.append(f"GET {key} ({url}): {response.status_code}")
        failures += checked_page(key, url, response, labels=ADMIN_LABELS)
    assert not failures, "\n".join(failures)
