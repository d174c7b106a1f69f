"""Concurrent tree writes leave a valid tree: the service's lock serialises them."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from organisations import services
from organisations.management.commands.check_unit_tree import stored_nodes
from organisations.models import OrganisationUnit
from organisations.tree_check import tree_problems

WRITERS = 4
UNITS_PER_WRITER = 5


def add_departments(writer, parent_pk):
    try:
        parent = OrganisationUnit.objects.get(pk=parent_pk)
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


def move_back_and_forth(unit_pk, first_pk, second_pk):
    try:
        for number in range(UNITS_PER_WRITER):
            target = first_pk if number % 2 else second_pk
            unit = OrganisationUnit.objects.get(pk=unit_pk)
            services.move_unit(unit, OrganisationUnit.objects.get(pk=target))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_a_valid_tree(units):
    surgery, medicine = units["NHT-SURG"], units["NHT-MED"]
    with ThreadPoolExecutor(max_workers=WRITERS + 1) as pool:
        jobs = [pool.submit(add_departments, w, surgery.pk) for w in range(WRITERS)]
        jobs.append(
            pool.submit(move_back_and_forth, units["NHT-SURG-TH"].pk, surgery.pk, medicine.pk)
        )
        for job in jobs:
            job.result()

    assert tree_problems(stored_nodes()) == []
    surgery.refresh_from_db()
    added = surgery.get_children().filter(code__startswith="D").count()
    assert added == WRITERS * UNITS_PER_WRITER
