"""Concurrent tree writes leave a valid tree: the service's lock serialises them."""

import threading
from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from organisations import services
from organisations.management.commands.check_unit_tree import stored_nodes
from organisations.models import OrganisationUnit
from organisations.tree_check import tree_problems

# Enough writers to pile up on the tree, few enough that each holds its own
# database connection on a small server.
WRITERS = 8
UNITS_PER_WRITER = 5


def add_departments(writer, parent_pk, start):
    try:
        parent = OrganisationUnit.objects.get(pk=parent_pk)
        start.wait()
        for number in range(UNITS_PER_WRITER):
            code = f"D{writer}-{number}"
            services.create_unit(
                name=f"Department {code}",
                code=code,
                slug=code.lower(),
                kind="department",
                parent=parent,
            )
    finally:
        connection.close()


def move_back_and_forth(unit_pk, first_pk, second_pk, start):
    try:
        start.wait()
        for number in range(UNITS_PER_WRITER):
            target = first_pk if number % 2 else second_pk
            unit = OrganisationUnit.objects.get(pk=unit_pk)
            services.move_unit(unit, OrganisationUnit.objects.get(pk=target))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_a_valid_tree(units):
    surgery, medicine = units["NHT-SURG"], units["NHT-MED"]
    start = threading.Barrier(WRITERS + 1, timeout=60)
    with ThreadPoolExecutor(max_workers=WRITERS + 1) as pool:
        jobs = [pool.submit(add_departments, w, surgery.pk, start) for w in range(WRITERS)]
        jobs.append(
            pool.submit(
                move_back_and_forth, units["NHT-SURG-TH"].pk, surgery.pk, medicine.pk, start
            )
        )
        for job in jobs:
            job.result()

    assert tree_problems(stored_nodes()) == []
    said = StringIO()
    call_command("check_unit_tree", stdout=said)
    total = len(units) + WRITERS * UNITS_PER_WRITER
    assert said.getvalue() == f"The unit tree is valid: {total} units in 1 tree(s).\n"
    surgery.refresh_from_db()
    added = surgery.get_children().filter(code__startswith="D")
    assert added.count() == WRITERS * UNITS_PER_WRITER
    # Every insert found its place among its siblings in name order.
    names = list(surgery.get_children().values_list("name", flat=True))
    assert names == sorted(names)
