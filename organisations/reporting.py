"""How many working days after a period ends each unit's values are due.

A unit's own `reporting_working_days`, else that of the nearest unit above
it that sets one, else the trust-wide REPORTING_WORKING_DAYS setting.
"""

from collections.abc import Iterable

from django.conf import settings

from organisations.models import OrganisationUnit


def reporting_working_days(units: Iterable[OrganisationUnit]) -> dict[int, int]:
    """{unit pk: working days} for any number of units, in one query.

    The query reads each unit of the units' trees as (pk, parent, number): a
    tree is a few hundred units at most, and walking parents in memory keeps
    the tree's lft/rght comparisons in their one place (models.subtree_q).
    """
    units = list(units)
    if not units:
        return {}
    rows = OrganisationUnit.objects.filter(
        tree_id__in={unit.tree_id for unit in units}
    ).values_list("pk", "parent_id", "reporting_working_days")
    parent_of: dict[int, int | None] = {}
    own: dict[int, int | None] = {}
    for pk, parent_id, days in rows:
        parent_of[pk], own[pk] = parent_id, days
    default: int = settings.REPORTING_WORKING_DAYS
    answer = {}
    for unit in units:
        at: int | None = unit.pk
        found: int | None = None
        while at is not None and found is None:
            found, at = own.get(at), parent_of.get(at)
        answer[unit.pk] = default if found is None else found
    return answer
