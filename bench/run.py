"""Time the heavy pages and jobs in-process, for one organisation size on one database.

Not a test: it measures, and prints what it measured. From the repository root:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorecard_bench \\
        python bench/run.py --units 20 --measures-per-unit 30 --months 60 [--json FILE]

The database is migrated, and the organisation of that size is generated
(manage.py generate_trust) unless its trust, GEN<units>-<measures>-<months>,
is already there. The bench adds three people of its own if absent: an
analyst of the trust (who reads the pages), a manager of one department (who
enters its values) and a manager of the trust (who imports). The saves and
imports change stored values, back and forth, so use a database kept for
benches.

Each page is requested through django.test.Client with DEBUG off, as
production serves it: warmed up once, then requested --runs times (fewer if
--budget seconds run out first, never fewer than --min-runs), and once more
with its SQL queries counted. (The test client keeps the database
connection open between requests, so connecting is not timed: production
keeps PostgreSQL connections for 60 s, and opening a SQLite file costs a
fraction of a millisecond.) Each is also given as a multiple of the floor:
the smallest raw SQL that reads what the trust dashboard shows (floor_sql
says what that is), so a ratio says how much the page costs beyond reading
its data.
"""

import argparse
import io
import json
import os
import secrets
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is on the path; the project's is wanted.
sys.path.insert(0, str(ROOT))

IMPORT_ROWS = 10_000
PASSWORD_LENGTH = 32


def main():
    args = parse_args()
    configure()
    org = organisation(args.units, args.measures_per_unit, args.months)
    results = {
        "floor": time_floor(org, args),
        "cascade": time_cascade(org, args),
        "trust dashboard": time_page(org.analyst, org.trust_url, args),
        "department dashboard": time_page(org.analyst, org.department_url, args),
        "measure page": time_page(org.analyst, org.measure_url, args),
        "entry page": time_page(org.manager, org.entry_url, args),
        "entry save": time_entry_save(org, args),
        "import": time_import(org, args),
        "spc, every series": time_spc(org, args),
        "close a month": time_close(org, args),
        **time_closed_month(org, args),
        "trust board pack": time_page(org.analyst, org.pack_url, args),
        "trust board pack PDF": time_pack_pdf(org, args),
    }
    report = make_report(args, org, results)
    print_table(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nWritten to {args.json}.")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, required=True, help="units in the organisation")
    parser.add_argument("--measures-per-unit", type=int, required=True)
    parser.add_argument("--months", type=int, required=True, help="months of values")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each page at most")
    parser.add_argument("--min-runs", type=int, default=3, help="timed runs at least")
    parser.add_argument(
        "--budget", type=float, default=20, help="seconds of timed runs per page, roughly"
    )
    parser.add_argument(
        "--import-runs", type=int, default=3, help="timed runs of the 10,000-row import"
    )
    return parser.parse_args()


def configure():
    """Production settings (DEBUG off), the test client's host allowed; migrate, collect static."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.project.settings")
    os.environ["DEBUG"] = "false"
    os.environ["HTTPS"] = "false"  # the test client speaks plain HTTP
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    hosts = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1")
    os.environ["ALLOWED_HOSTS"] = f"{hosts},testserver"
    import django

    django.setup()
    from django.core.management import call_command

    from scorecard.project import collector

    call_command("migrate", interactive=False, verbosity=0)
    # With DEBUG off the pages name static files by their hashed names, from the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    # The garbage collector as the server process has it (scorecard/project/wsgi.py).
    collector.tune()


# --- the organisation and its people --------------------------------------------------------


@dataclass
class Organisation:
    trust: object
    department: object
    measure: object  # a typed measure of the department with the longest series
    analyst: object  # a logged-in Client
    manager: object
    importer: object  # a User: the import is called as the import page calls it
    lead: object  # a User: the trust's performance lead, who closes months
    generated_seconds: float | None

    @property
    def trust_url(self):
        return f"/units/{self.trust.slug}/"

    @property
    def pack_url(self):
        return f"/units/{self.trust.slug}/pack/"

    @property
    def cascade_url(self):
        return f"/cascade/?unit={self.trust.slug}"

    @property
    def department_url(self):
        return f"/units/{self.department.slug}/"

    @property
    def measure_url(self):
        return f"/units/{self.department.slug}/measures/{self.measure.code}/"

    @property
    def entry_url(self):
        from measures.due import latest_month

        return f"/units/{self.department.slug}/values/{latest_month():%Y-%m}/"

    def units(self):
        """The trust and every unit below it."""
        return self.trust.get_descendants(include_self=True)


def organisation(units, measures_per_unit, months):
    """The organisation of this size (generated now if absent) and the bench's people."""
    from django.core.management import call_command

    from organisations.models import OrganisationUnit

    code = f"GEN{units}-{measures_per_unit}-{months}"
    generated_seconds = None
    if not OrganisationUnit.objects.filter(code=code).exists():
        print(f"Generating {code}...", flush=True)
        started = time.perf_counter()
        call_command(
            "generate_trust", units=units, measures_per_unit=measures_per_unit, months=months
        )
        generated_seconds = time.perf_counter() - started
    return people_and_pages(OrganisationUnit.objects.get(code=code), generated_seconds)


def people_and_pages(trust, generated_seconds):
    """The Organisation to bench under `trust`: its pages and the bench's people on it."""
    from django.db.models import Count

    from measures.models import Measure
    from organisations.models import OrganisationUnit

    code = trust.code
    # The first department (in tree order) with typed measures, and its measure with the
    # longest series: a page showing every month generated.
    measure = (
        Measure.objects.live()
        .filter(
            objective__scorecard__unit__in=trust.get_descendants(),
            objective__scorecard__unit__kind=OrganisationUnit.Kind.DEPARTMENT,
            is_computed=False,
        )
        .select_related("objective__scorecard__unit")
        .annotate(points=Count("observations"))
        .order_by("objective__scorecard__unit__lft", "-points", "code")
        .first()
    )
    if measure is None:
        sys.exit(f"{code} has no department with typed measures to bench.")
    department = measure.objective.scorecard.unit
    return Organisation(
        trust=trust,
        department=department,
        measure=measure,
        analyst=client_of(person(f"bench-analyst-{code}", trust, "analyst")),
        manager=client_of(person(f"bench-manager-{code}", department, "manager")),
        importer=person(f"bench-importer-{code}", trust, "manager"),
        lead=person(f"bench-lead-{code}", trust, "performance_lead"),
        generated_seconds=generated_seconds,
    )


def person(username, unit, role):
    """A user with `role` on `unit`, made if absent (with a password nobody knows)."""
    from django.contrib.auth import get_user_model

    from organisations.models import Membership

    user, created = get_user_model().objects.get_or_create(username=username.lower())
    if created:
        user.set_password(secrets.token_urlsafe(PASSWORD_LENGTH))
        user.save()
    Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
    return user


def client_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# --- timing ---------------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: list  # of each timed run
    queries: int
    note: str = ""


def timed(act, args, *, prepare=lambda: None, runs=None):
    """Warm up, time act(prepare()) over the runs (prepare untimed), then count its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    act(prepare())
    runs = runs or args.runs
    seconds = []
    spent = 0.0
    while len(seconds) < runs and (len(seconds) < args.min_runs or spent < args.budget):
        ready = prepare()
        started = time.perf_counter()
        act(ready)
        seconds.append(time.perf_counter() - started)
        spent += seconds[-1]
    ready = prepare()
    with CaptureQueriesContext(connection) as queries:
        act(ready)
    return Timing(seconds, len(queries))


def get_page(client, url):
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}, not 200.")
    return response


def time_page(client, url, args):
    return timed(lambda _: get_page(client, url), args)


def time_pack_pdf(org, args):
    """The trust's pack printed by Chromium, as the task worker prints it (a few runs:
    each takes seconds)."""
    from measures.due import latest_month
    from scorecard.pack.pdf import render_pack

    return timed(lambda _: render_pack(org.trust, latest_month()), args, runs=3)


def time_cascade(org, args):
    # Only the generated trust's units, whatever else the database holds.
    return time_page(org.analyst, org.cascade_url, args)


def floor_sql():
    """The one query that reads what the trust dashboard shows, and its parameters' meaning.

    "The same data" is what the dashboard is built from, in one round trip:
    every live measure of the trust's scorecard with its objective and
    perspective (names, order, weights), each observation of it up to the
    dashboard's month (values, numerator, denominator, comment: the status,
    score, sparkline and SPC are worked out from them) and the target in force
    at that month (value, tolerance, trigger). Each series comes in period
    order; the measures in any order, as sorting by their text codes costs
    more than the rest of the query on PostgreSQL. What the page adds beyond
    reading this (the tree around the unit, the strategy map, initiatives,
    links, rebases, the session and the template) is what the ratio shows.
    """
    from measures.models import Measure, Observation, Target
    from scorecard.models import Objective, Perspective

    return f"""
        SELECT p.name, p.position, o.code, o.title, o.weight, o.position,
               m.code, m.title, m.direction, m.unit, m.decimals,
               t.value, t.upper_value, t.tolerance, t.action_trigger,
               v.period, v.value, v.numerator, v.denominator, v.comment
        FROM {Measure._meta.db_table} m
        JOIN {Objective._meta.db_table} o ON o.id = m.objective_id
        JOIN {Perspective._meta.db_table} p ON p.id = o.perspective_id
        LEFT JOIN {Target._meta.db_table} t ON t.measure_id = m.id AND t.effective_from = (
            SELECT MAX(t2.effective_from) FROM {Target._meta.db_table} t2
            WHERE t2.measure_id = m.id AND t2.effective_from <= %s
        )
        LEFT JOIN {Observation._meta.db_table} v ON v.measure_id = m.id AND v.period <= %s
        WHERE o.scorecard_id = %s AND NOT o.is_retired AND NOT m.is_retired
        ORDER BY m.id, v.period
    """


def time_floor(org, args):
    from django.db import connection
    from django.utils import timezone

    from scorecard.lib import periods

    as_at = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    sql = floor_sql()
    params = [as_at, as_at, org.trust.scorecard.pk]

    def read(_):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    timing = timed(read, args)
    timing.note = f"{len(read(None)):,} rows"
    return timing


def time_entry_save(org, args):
    """Save the department's whole latest month, every typed value changed, as the page posts it.

    Each save opens the page afresh (untimed) for its CSRF token, hidden
    initial values and versions, then posts every value moved: by one on
    even saves, back to what it was first on odd ones, so every save changes
    every value.
    """
    from tests.posted_forms import post_form_fields

    first = post_form_fields(get_page(org.manager, org.entry_url).content.decode())
    rows = [name.removesuffix("-version") for name in first if name.endswith("-version")]
    rows = [row for row in rows if value_field(first, row)]
    original = {value_field(first, row): first[value_field(first, row)] for row in rows}
    if not original:
        sys.exit(f"{org.entry_url} has no saved values to change.")
    saves = 0

    def prepare():
        nonlocal saves
        fields = post_form_fields(get_page(org.manager, org.entry_url).content.decode())
        for name, number in original.items():
            fields[name] = moved(number) if saves % 2 == 0 else number
        for row in rows:
            # A value past the action trigger needs a comment.
            fields[f"{row}-comment"] = fields.get(f"{row}-comment") or "Bench save."
        saves += 1
        return fields | {"action": "save"}

    def save(fields):
        response = org.manager.post(org.entry_url, fields)
        if response.status_code != 302:
            sys.exit(f"The save on {org.entry_url} answered {response.status_code}, not 302.")

    timing = timed(save, args, prepare=prepare)
    if saves % 2:
        save(prepare())  # back to the values as found
    timing.note = f"{len(original)} values a save"
    return timing


def value_field(fields, row):
    """The name of the row's typed number (its value, or a ratio's numerator) if one is saved."""
    name = f"{row}-numerator" if f"{row}-numerator" in fields else f"{row}-value"
    return name if fields.get(name, "") != "" else None


def moved(text):
    """A number moved by one, staying at or above zero (and so below a ratio's denominator)."""
    number = Decimal(text)
    return f"{number - 1 if number >= 1 else number + 1:f}"


def time_import(org, args):
    """Check and save a CSV of 10,000 of the departments' stored values, as the import page does.

    The rows are the latest stored values of the departments' typed measures,
    read once; imports alternate between every value moved by one and every
    value as it was, so each really updates 10,000 values (and the totals
    above them).
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from measures import imports
    from organisations.models import OrganisationUnit

    rows = import_rows(org)
    imported = 0

    def prepare():
        nonlocal imported
        content = import_csv(rows, move=imported % 2 == 0)
        imported += 1
        return SimpleUploadedFile("bench.csv", content, content_type="text/csv")

    def import_file(upload):
        units = OrganisationUnit.objects.visible_to(org.importer)
        plan = imports.check_file(upload, units=units, within=org.trust)
        if plan.problems:
            sys.exit(f"The bench's import was refused: {plan.problems[0]}")
        outcome = imports.save(plan, org.importer, reason=imports.import_reason(upload.name))
        if outcome.updated != len(rows):
            sys.exit(f"The import updated {outcome.updated} values, not {len(rows)}.")

    timing = timed(import_file, args, prepare=prepare, runs=args.import_runs)
    if imported % 2:
        import_file(prepare())  # back to the values as found
    timing.note = f"{len(rows):,} rows"
    return timing


def import_rows(org):
    """(unit code, measure code, period, value, numerator, denominator) of the latest values."""
    from measures.models import Measure, Observation
    from organisations.models import OrganisationUnit

    observations = (
        Observation.objects.filter(
            measure__objective__scorecard__unit__in=org.units().filter(
                kind=OrganisationUnit.Kind.DEPARTMENT
            ),
            measure__is_computed=False,
            measure__in=Measure.objects.live(),
        )
        .order_by("-period", "measure_id")
        .values_list(
            "measure__objective__scorecard__unit__code",
            "measure__code",
            "period",
            "value",
            "numerator",
            "denominator",
        )
    )
    # A small organisation may hold fewer: then the import is of all it holds (its note says).
    return list(observations[:IMPORT_ROWS])


def import_csv(rows, *, move):
    """The CSV bytes of `rows`, each value (or numerator) moved by one when `move`."""
    import csv

    from measures.forms import as_text

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "measure", "period", "value", "numerator", "denominator"])
    for unit, code, period, value, numerator, denominator in rows:
        if numerator is not None:
            numerator = moved(as_text(numerator)) if move else as_text(numerator)
            writer.writerow([unit, code, f"{period:%Y-%m}", "", numerator, as_text(denominator)])
        else:
            value = moved(as_text(value)) if move else as_text(value)
            writer.writerow([unit, code, f"{period:%Y-%m}", value, "", ""])
    return out.getvalue().encode()


def time_close(org, args):
    """Close the month before the latest for the whole trust: every unit's record frozen.

    Not the latest month, which the entry save and the import change. Each
    close is undone before the next (untimed) by reopening the month, so each
    run writes a new version of every unit's record; the month is left open.
    """
    from cycle.models import ReportedMeasure, ReportedUnit
    from measures.due import latest_month
    from scorecard.closing.services import close_month, reopen_month
    from scorecard.lib import periods

    month = periods.add_periods(latest_month(), periods.MONTHLY, -1)

    def reopen():
        if ReportedUnit.objects.filter(
            unit__in=org.units(), month=month, reopened__isnull=True
        ).exists():
            reopen_month(unit=org.trust, month=month, user=org.lead, reason="Bench run.")

    def close(_):
        close_month(unit=org.trust, month=month, user=org.lead)

    timing = timed(close, args, prepare=reopen, runs=args.import_runs)
    frozen = ReportedUnit.objects.filter(unit__in=org.units(), month=month, reopened__isnull=True)
    units, rows = frozen.count(), ReportedMeasure.objects.filter(reported_unit__in=frozen).count()
    reopen()
    timing.note = f"{units} units, {rows:,} measure rows"
    return timing


def time_closed_month(org, args):
    """The pages of a closed month, read from its record, and the raw reads of the same rows.

    The month before the latest is closed for the whole trust, and reopened
    afterwards (a closed month would refuse the next run's import). The
    cascade reads every unit's record (the unit's and its perspectives'
    scores, and its zero-tolerance measures' statuses), the trust dashboard
    the trust's (every row, with its series). Each page's ratio is to the
    raw read of its own rows ("record floor").
    """
    from django.db import connection

    from cycle.models import ReportedMeasure, ReportedScore, ReportedUnit
    from measures.due import latest_month
    from scorecard.closing.services import close_month, reopen_month
    from scorecard.lib import periods

    month = periods.add_periods(latest_month(), periods.MONTHLY, -1)
    records = ReportedUnit.objects.filter(unit__in=org.units(), month=month, reopened__isnull=True)
    if not records.exists():
        close_month(unit=org.trust, month=month, user=org.lead)
    units, scores, lines = (
        ReportedUnit._meta.db_table,
        ReportedScore._meta.db_table,
        ReportedMeasure._meta.db_table,
    )
    if connection.vendor == "postgresql":
        # As autovacuum would soon after a close: on the statistics from before
        # it, the planner expects one record a month and picks nested loops.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {units}, {scores}, {lines}")

    # The rows themselves, each table once (a join would repeat each unit's
    # rows for each of its scores). %s: the month, then the tree (every unit)
    # or the unit (the trust).
    def current(units_wanted):
        return f"u.month = %s AND u.reopened_id IS NULL AND u.unit_id IN ({units_wanted})"

    def unit_rows(units_wanted):
        return f"SELECT u.unit_id, u.score, u.status, u.counts FROM {units} u WHERE " + current(
            units_wanted
        )

    def score_rows(units_wanted):
        return (
            f"SELECT s.reported_unit_id, s.objective_id, s.perspective_id, s.score, s.status, "
            f"s.counts FROM {scores} s JOIN {units} u ON u.id = s.reported_unit_id "
            f"WHERE {current(units_wanted)}"
        )

    # The cascade shows each unit's and each perspective's score, and the
    # worst status of its zero-tolerance measures: those rows alone.
    tree = "SELECT id FROM organisations_organisationunit WHERE tree_id = %s"
    every_unit = [
        unit_rows(tree),
        score_rows(tree) + " AND s.objective_id IS NULL",
        f"SELECT m.reported_unit_id, m.status FROM {lines} m "
        f"JOIN {units} u ON u.id = m.reported_unit_id "
        "JOIN measures_measure mm ON mm.id = m.measure_id "
        f"WHERE {current(tree)} AND mm.zero_tolerance",
    ]
    # The trust's dashboard shows every row of its record, each measure's series too.
    the_trust = [
        unit_rows("%s"),
        score_rows("%s"),
        f"SELECT m.* FROM {lines} m JOIN {units} u ON u.id = m.reported_unit_id "
        f"WHERE {current('%s')}",
    ]

    def raw(sqls, params):
        def read(_):
            rows = []
            with connection.cursor() as cursor:
                for sql in sqls:
                    cursor.execute(sql, params)
                    rows += cursor.fetchall()
            return rows

        timing = timed(read, args)
        timing.note = f"{len(read(None)):,} rows in {len(sqls)} statements"
        return timing

    as_at = f"as_at={month:%Y-%m}"
    timings = {
        "record floor, every unit": raw(every_unit, [month, org.trust.tree_id]),
        "cascade, closed month": time_page(org.analyst, f"{org.cascade_url}&{as_at}", args),
        "record floor, the trust": raw(the_trust, [month, org.trust.pk]),
        "trust dashboard, closed month": time_page(org.analyst, f"{org.trust_url}?{as_at}", args),
    }
    reopen_month(unit=org.trust, month=month, user=org.lead, reason="Bench run.")
    return timings


# The raw read each page of a closed month is measured against.
RECORD_FLOORS = {
    "cascade, closed month": "record floor, every unit",
    "trust dashboard, closed month": "record floor, the trust",
}


def time_spc(org, args):
    """SPC of every series of every measure in the organisation, read with one query."""
    from measures import spc
    from measures.lines import IMPROVEMENT
    from measures.models import Observation

    counted = {}

    def analyse_all(_):
        observations = (
            Observation.objects.filter(measure__objective__scorecard__unit__in=org.units())
            .order_by("measure_id", "period")
            .values_list("measure_id", "measure__direction", "value")
        )
        series = points = 0
        for (_, direction), group in groupby(observations, key=lambda row: row[:2]):
            values = [value for *_, value in group]
            spc.analyse(values, IMPROVEMENT[direction])
            series += 1
            points += len(values)
        counted.update(series=series, points=points)

    timing = timed(analyse_all, args)
    timing.note = f"{counted['series']:,} series, {counted['points']:,} points"
    return timing


# --- the report -----------------------------------------------------------------------------


def make_report(args, org, results):
    from django.db import connection

    from measures.models import Measure, Observation

    pages = {}
    for name, timing in results.items():
        floor = statistics.median(results[RECORD_FLOORS.get(name, "floor")].seconds)
        median, p95 = statistics.median(timing.seconds), percentile_95(timing.seconds)
        pages[name] = {
            "median_ms": round(median * 1000, 2),
            "p95_ms": round(p95 * 1000, 2),
            "queries": timing.queries,
            "floor_ratio": round(median / floor, 1),
            "runs": len(timing.seconds),
            "note": timing.note,
        }
    units = org.units()
    return {
        "pages": pages,
        "size": {
            "units": args.units,
            "measures_per_unit": args.measures_per_unit,
            "months": args.months,
            "trust": org.trust.code,
            "units_in_tree": units.count(),
            "measures": Measure.objects.filter(objective__scorecard__unit__in=units).count(),
            "observations": Observation.objects.filter(
                measure__objective__scorecard__unit__in=units
            ).count(),
        },
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "pages_used": {
            "cascade": org.cascade_url,
            "trust dashboard": org.trust_url,
            "department dashboard": org.department_url,
            "measure page": org.measure_url,
            "entry page": org.entry_url,
        },
        "generated_seconds": org.generated_seconds,
        "python": sys.version.split()[0],
    }


def percentile_95(seconds):
    if len(seconds) < 2:
        return seconds[0]
    return statistics.quantiles(seconds, n=20, method="inclusive")[18]


def print_table(report):
    size, database = report["size"], report["database"]
    print(
        f"\n{size['trust']} on {database['vendor']} ({database['name']}): "
        f"{size['units_in_tree']} units, {size['measures']:,} measures, "
        f"{size['observations']:,} values"
    )
    print(f"{'':<30}{'runs':>5}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'x floor':>9}  note")
    for name, page in report["pages"].items():
        print(
            f"{name:<30}{page['runs']:>5}{page['median_ms']:>11.1f}{page['p95_ms']:>9.1f}"
            f"{page['queries']:>9}{page['floor_ratio']:>9.1f}  {page['note']}"
        )


if __name__ == "__main__":
    main()
