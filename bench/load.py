"""A load run: gunicorn workers over one database, a bounded number of clients, a fixed time.

Not a test: it measures, and prints what it measured. From the repository root:

    python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/scorecard_bench \\
        --workers 4 --clients 8 --seconds 60

The database must exist; it is migrated, and the Northshire demo is loaded
when it holds no units. The run saves values into it, so use one kept for
load runs. The static files are collected into STATIC_ROOT, as a deployment
does, because with DEBUG off the pages name them by their hashed names.

Then gunicorn serves the app on 127.0.0.1 with DEBUG and HTTPS off, and each
client logs in once as one of the demo people and repeats, until the time is
up, what that person does:
- the analyst and the admin read the trust dashboard and the cascade view;
- a manager reads the cascade view (their own units), opens the entry page
  of a department they manage for the latest month, changes one value and
  saves. A save refused because someone changed that value since the page
  was opened (the stale-save message) is a normal answer: it is counted, not
  an error.
Any other answer than the one expected (a 5xx above all), and any
connection failure, is an error.
"""

import argparse
import http.client
import http.cookiejar
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is on the path; the project's is wanted.
sys.path.insert(0, str(ROOT))

from tests.posted_forms import post_form_fields  # noqa: E402

HOST = "127.0.0.1"
TIMEOUT = 60  # seconds a request may take before it counts as a connection error
STALE_MESSAGES = (
    "Since you opened this page",
    "Someone else entered a value here at the same moment",
)
ENDPOINTS = ["trust dashboard", "cascade", "entry form", "entry save"]


def main():
    args = parse_args()
    configure(args.database_url)
    plans = prepare()
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "gunicorn.log"
        server = start_server(args.workers, args.port, log)
        try:
            base = f"http://{HOST}:{args.port}"
            wait_until_serving(base + plans[0].login_path, server, log)
            clients = [log_in(base, plans[number % len(plans)]) for number in range(args.clients)]
            results, elapsed = run(clients, args.seconds)
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        print_report(args, results, elapsed)
        print_first_traceback(log.read_text())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="an existing database")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=8, help="clients at once")
    parser.add_argument("--seconds", type=int, default=30, help="how long to run")
    parser.add_argument("--port", type=int, default=8061, help="the port to serve on")
    return parser.parse_args()


def configure(database_url):
    """Production settings, as the server will have them, in this process too."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ["HTTPS"] = "false"  # plain HTTP on the loopback: no TLS in front
    os.environ["ALLOWED_HOSTS"] = HOST
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "scorecard.project.settings"
    import django

    django.setup()


@dataclass
class Plan:
    """Who a client logs in as, and the pages it visits."""

    username: str
    password: str
    login_path: str
    reads: list  # (endpoint, path) pairs
    entry_pages: list  # entry pages of departments it may save in, for the latest month


def prepare():
    """Migrate, load the demo into an empty database, collect static files; the plans."""
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from measures.due import latest_month
    from organisations.models import OrganisationUnit, Role
    from scorecard.sample_data.demo.people import ACCOUNTS
    from scorecard.sample_data.demo.units import TRUST_CODE

    print("Migrating the database and collecting the static files...", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if not OrganisationUnit.objects.exists():
        print("Loading the Northshire demo into the empty database...", flush=True)
        call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    trust = OrganisationUnit.objects.get(code=TRUST_CODE)
    dashboard = ("trust dashboard", reverse("dashboards:unit", args=[trust.slug]))
    cascade = ("cascade", reverse("dashboards:cascade"))
    month = latest_month()
    plans = []
    for account in ACCOUNTS:
        if account.role == Role.MANAGER:
            departments = (
                OrganisationUnit.objects.get(code=account.unit_code)
                .get_descendants(include_self=True)
                .filter(kind=OrganisationUnit.Kind.DEPARTMENT, scorecard__isnull=False)
            )
            pages = [reverse("measures:entry", args=[unit.slug, month]) for unit in departments]
            reads = [cascade]
        else:
            reads, pages = [dashboard, cascade], []
        plans.append(Plan(account.username, account.password, reverse("login"), reads, pages))
    connection.close()
    return plans


def start_server(workers, port, log):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "scorecard.project.wsgi",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        "--log-level=warning",
    ]
    # The app logs every refused request (a stale save answers 4xx); keep them out of the report.
    with log.open("w") as output:
        return subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def wait_until_serving(url, server, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer within a minute:\n{log.read_text()}")


# --- a client ------------------------------------------------------------------------------


class AsItIs(urllib.request.HTTPErrorProcessor):
    """Hand back every answer as it came: a redirect or a 4xx is a result to count."""

    def http_response(self, request, response):
        return response


class Browser:
    """One person's browser: a cookie jar, and redirects not followed."""

    def __init__(self, base, plan):
        self.base = base
        self.plan = plan
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies, AsItIs())

    def request(self, path, fields=None):
        """(status, body, seconds taken); status None and the error as body if it failed."""
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=data, timeout=TIMEOUT) as response:
                status, body = response.status, response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            status, body = None, str(error)
        return status, body, time.perf_counter() - started


def log_in(base, plan):
    browser = Browser(base, plan)
    _, page, _ = browser.request(plan.login_path)
    fields = post_form_fields(page) | {"username": plan.username, "password": plan.password}
    status, body, _ = browser.request(plan.login_path, fields)
    if status != 302:
        sys.exit(f"{plan.username} could not log in: {problem(status, body)}.")
    return browser


# --- the run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    endpoint: str
    seconds: float
    outcome: str  # "ok", "stale" or what went wrong


def run(clients, seconds):
    """Every client works until the time is up; all results, and the time it took."""
    results = []
    lock = threading.Lock()
    until = time.monotonic() + seconds

    def work(number, browser):
        mine = client_loop(number, browser, until)
        with lock:
            results.extend(mine)

    threads = [
        threading.Thread(target=work, args=(number, browser))
        for number, browser in enumerate(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def client_loop(number, browser, until):
    results = []
    saves = 0
    while time.monotonic() < until:
        for endpoint, path in browser.plan.reads:
            results.append(visit(browser, endpoint, path))
        if browser.plan.entry_pages:
            pages = browser.plan.entry_pages
            # Clients of one manager start on different departments, then move on together.
            page = pages[(number + saves) % len(pages)]
            results.extend(save_a_value(browser, page, saves, f"client {number}"))
            saves += 1
    return results


def visit(browser, endpoint, path):
    status, body, seconds = browser.request(path)
    return Result(endpoint, seconds, "ok" if status == 200 else problem(status, body))


def problem(status, body):
    return f"connection failed: {body}" if status is None else f"status {status}"


def save_a_value(browser, path, number, who):
    """Open the entry page, change one saved value, save; the results of both requests."""
    status, page, seconds = browser.request(path)
    if status != 200:
        return [Result("entry form", seconds, problem(status, page))]
    fields = post_form_fields(page)
    rows = [name.removesuffix("-version") for name in fields if VERSION_FIELD.match(name)]
    # Only rows already saved (version above 0), so there is a number to change.
    rows = [row for row in rows if fields[f"{row}-version"] != "0"]
    if not rows:
        return [Result("entry form", seconds, "no saved value on the page to change")]
    opened = Result("entry form", seconds, "ok")
    row = rows[number % len(rows)]
    fields |= changed(fields, row, f"Load run: save {number} by {who}.") | {"action": "save"}
    status, page, seconds = browser.request(path, fields)
    if status == 302:
        outcome = "ok"
    elif status is not None and status < 500 and any(m in page for m in STALE_MESSAGES):
        outcome = "stale"
    else:
        outcome = problem(status, page)
    return [opened, Result("entry save", seconds, outcome)]


VERSION_FIELD = re.compile(r"^m\d+-version$")


def changed(fields, row, comment):
    """The row's first number moved by one, staying valid (not below 0, not above the
    denominator), and a comment: a value past the action trigger needs one."""
    name = f"{row}-numerator" if f"{row}-numerator" in fields else f"{row}-value"
    number = Decimal(fields[name])
    moved = number - 1 if number >= 1 else number + 1
    return {name: f"{moved:f}", f"{row}-comment": comment}


# --- the report ----------------------------------------------------------------------------


def print_report(args, results, elapsed):
    by_endpoint = defaultdict(list)
    for result in results:
        by_endpoint[result.endpoint].append(result)
    print(
        f"\n{args.workers} gunicorn workers, {args.clients} clients, "
        f"{elapsed:.1f} s on {urllib.parse.urlsplit(args.database_url).scheme}\n"
    )
    print(
        f"{'endpoint':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}"
    )
    rows = [(name, by_endpoint[name]) for name in ENDPOINTS if by_endpoint[name]]
    for name, group in [*rows, ("overall", results)]:
        times = [r.seconds * 1000 for r in group if not r.outcome.startswith("connection")]
        p50, p95, p99 = percentiles(times)
        errors = sum(1 for r in group if r.outcome not in ("ok", "stale"))
        print(
            f"{name:<16}{len(group):>9}{len(group) / elapsed:>8.1f}"
            f"{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}{errors:>8}"
        )
    saves = Counter(r.outcome for r in by_endpoint["entry save"])
    print(
        f"\nSaves: {saves['ok']} saved, {saves['stale']} refused as stale (someone had changed "
        "the value since the page was opened)."
    )
    reasons = Counter(r.outcome for r in results if r.outcome not in ("ok", "stale"))
    for reason, count in reasons.most_common(10):
        print(f"Error: {reason} ({count})")


def print_first_traceback(log):
    lines = log.splitlines()
    starts = [number for number, line in enumerate(lines) if line.startswith("Traceback")]
    if not starts:
        return
    # From the line before the first, which names the request, to the line before the next.
    end = starts[1] - 1 if len(starts) > 1 else len(lines)
    print(f"\nThe server logged {len(starts)} traceback(s); the first:")
    print("\n".join(lines[max(starts[0] - 1, 0) : end]))


def percentiles(times):
    """p50, p95 and p99 of `times`; nan when there are too few to say."""
    if len(times) < 2:
        return (float("nan"),) * 3
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


if __name__ == "__main__":
    main()
