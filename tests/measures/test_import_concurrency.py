"""An import while values are typed on the entry page: no typed value is overwritten silently.

The file is checked first and each department's manager opens the entry
page; then the import is sent and each saves a value, at the same moment or
the import first. Whatever the
order the database gives them, the import either wrote before anyone saved
(and each typist is told the value changed since their page was opened), or
it is refused naming only rows that a typist saved; every saved value is the
one stored, and the directorate's total equals its departments' values.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from measures.due import latest_month
from measures.models import Observation, RollUp
from organisations.models import Role
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_unit,
    make_user,
)
from tests.measures.transfer_data import csv_file
from tests.posted_forms import post_form_fields

# Writers, each with their own connection, and the importer.
WRITERS = 6
# Departments whose rows only the import gives.
UNTYPED = 2
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_frameworks"),
]
STALE_IMPORT = "Values changed since the file was checked: nothing was imported"
STALE_ENTRY = "Since you opened this page"


def build(units):
    """Surgery's departments, each with a count of beds, and Surgery's total of them."""
    surgery = units["NHT-SURG"]
    total = make_measure(
        make_objective(make_scorecard(surgery), "C1"),
        "BEDS",
        unit="count",
        rollup=RollUp.SUM,
        is_computed=True,
    )
    departments = []
    for number in range(WRITERS + UNTYPED):
        unit = make_unit(f"Ward {number}", parent=surgery, code=f"WARD{number}")
        objective = make_objective(make_scorecard(unit), "C1")
        measure = make_measure(objective, "BEDS", unit="count", rollup=RollUp.SUM)
        departments.append((unit, measure))
    return total, departments


def type_value(client, url, field, value, opened, start):
    """Open the entry page, wait for the others, save once: (status, page)."""
    try:
        data = post_form_fields(client.get(url).content.decode()) | {
            field: value,
            "action": "save",
        }
        opened.wait()
        start.wait()
        response = client.post(url, data)
        return response.status_code, response.content.decode()
    finally:
        connection.close()


def send_import(client, url, file, checked, opened, start, first):
    """Send the import with the others, or (first) before they save, once their pages are open."""
    try:
        opened.wait()
        if not first:
            start.wait()
        response = client.post(url, {"file": file, "checked": checked, "import": ""})
        if first:
            start.wait()
        return response.status_code, response.content.decode()
    finally:
        connection.close()


# "together" leaves the order to the database (the typists usually win); "import
# first" makes sure the other order is met too.
@pytest.mark.parametrize("import_first", [False, True], ids=["together", "import first"])
def test_an_import_while_values_are_typed_never_overwrites_them_silently(units, import_first):
    total, departments = build(units)
    month = latest_month()
    importer = Client()
    manager = make_user("importer")
    grant(manager, units["NHT-SURG"], Role.MANAGER)
    importer.force_login(manager)
    import_url = reverse("measures:import_values", args=[units["NHT-SURG"].slug])
    rows = [
        [unit.code, "BEDS", f"{month:%Y-%m}", str(100 + n)]
        for n, (unit, _) in enumerate(departments)
    ]
    header = ["unit", "measure", "period", "value"]
    checked_page = importer.post(
        import_url, {"file": csv_file(rows, header=header), "check": ""}
    ).content.decode()
    checked = re.search(r'name="checked" value="([^"]+)"', checked_page).group(1)
    typists = {}
    for number, (unit, measure) in enumerate(departments[:WRITERS]):
        user = make_user(f"typist{number}")
        grant(user, unit, Role.MANAGER)
        client = Client()
        client.force_login(user)
        url = reverse("measures:entry", args=[unit.slug, month])
        typists[user.username] = (client, url, f"m{measure.pk}-value", str(number + 1), measure)

    opened = threading.Barrier(WRITERS + 1, timeout=60)
    start = threading.Barrier(WRITERS + 1, timeout=60)
    with ThreadPoolExecutor(max_workers=WRITERS + 1) as pool:
        imported = pool.submit(
            send_import,
            importer,
            import_url,
            csv_file(rows, header=header),
            checked,
            opened,
            start,
            import_first,
        )
        typed = {
            name: pool.submit(type_value, client, url, field, value, opened, start)
            for name, (client, url, field, value, _) in typists.items()
        }
        import_status, import_page = imported.result()
        answers = {name: job.result() for name, job in typed.items()}

    saved = {name for name, (status, _) in answers.items() if status == 302}
    told = {name for name, (status, page) in answers.items() if STALE_ENTRY in page}
    assert saved | told == set(typists), answers
    stored = dict(Observation.objects.values_list("measure_id", "value"))
    for name in saved:
        *_, value, measure = typists[name]
        assert stored[measure.pk] == D(value), name
    if import_status == 302:
        # The import wrote first: every typist was told, and kept or retyped their own value.
        assert saved == set(), answers
        for _, measure in departments[WRITERS:]:
            assert stored[measure.pk] >= 100
    else:
        assert STALE_IMPORT in import_page
        listed = set(re.findall(r"Since the file was checked, (typist\d+) changed", import_page))
        assert listed
        assert listed <= saved
        for _, measure in departments[WRITERS:]:
            assert measure.pk not in stored
    parts = [stored[m.pk] for _, m in departments if m.pk in stored]
    assert stored[total.pk] == sum(parts)
