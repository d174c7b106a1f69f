"""Deleting a generated trust (generate_trust --replace) with one statement per table.

QuerySet.delete() in dependency order would be the plain way, and is far too
slow here: it loads every row and writes a history row for each, one at a
time. For 200 units × 30 measures × 60 months (340,259 values) it took 192 s
and 474 MB on SQLite and 695 s on PostgreSQL, and left 356,000 history rows
of a trust that was generated without any; the statements below take 1.3 s
and 1.4 s.

So the rows are deleted with raw DELETE statements, and the tables are not
listed by hand: `deletion_plan()` reads them from the app registry, so a
model added later with a key into a scorecard, objective, measure... is
deleted with the trust, and a key it cannot clear stops the delete.
tests/scorecard/test_generate.py checks the plan against every relation.
"""

import operator
from dataclasses import dataclass
from functools import reduce
from graphlib import TopologicalSorter

from django.apps import apps
from django.db import connection
from django.db.models import CASCADE, PROTECT, RESTRICT, SET_NULL, Q
from simple_history.models import HistoricalChanges

from organisations import services
from scorecard.models import Scorecard


def delete_generated(trust):
    """Delete a generated trust and everything in it, in the order its foreign keys allow.

    Below the units, one DELETE statement per table of `deletion_plan()`. No
    history row is written for anything deleted here, a value or a rebase a
    person added included; the history rows they already have are kept, as
    for any deleted row. The units go through organisations.services.delete_tree,
    under the tree lock, which deletes their memberships and dependencies too.
    """
    scorecards = Scorecard.objects.filter(unit__tree_id=trust.tree_id)
    plan = deletion_plan()
    rows = {Scorecard: scorecards}
    for step in reversed(plan.deletes):  # what a row belongs to, before the row
        if step.model in rows:
            continue
        rows[step.model] = step.model._base_manager.filter(
            reduce(operator.or_, (Q(**{f"{name}__in": rows[to]}) for name, to in step.through))
        )
    for model, name, to in plan.nulls:
        model._base_manager.filter(**{f"{name}__in": rows[to]}).update(**{name: None})
    for step in plan.deletes:
        _delete_rows(rows[step.model])
    services.delete_tree(trust)


@dataclass(frozen=True)
class DeletionStep:
    """The rows of `model` to delete: those whose `through` fields point at deleted rows."""

    model: type
    through: tuple  # (field name, model it points at), each a reason to delete a row


@dataclass(frozen=True)
class DeletionPlan:
    deletes: tuple  # DeletionSteps, each before the steps of the models it points at
    nulls: tuple  # (model, field name, model it points at): SET_NULL fields to clear first


class DeletionPlanError(Exception):
    """A relation into a generated trust that delete_generated does not know how to clear."""


def deletion_plan():
    """What deleting a generated trust's scorecards takes, read from the app registry.

    Every model with a foreign key (or one-to-one) into a scorecard, or into
    a row that goes with one, is found here, however it was added: a CASCADE
    or PROTECT key makes its rows go too (the rows are the trust's; PROTECT
    guards a person's data, and here the whole trust is being replaced), a
    SET_NULL key is cleared first. History models are left alone (their keys
    are not enforced by the database, and they keep what was). Anything else
    raises DeletionPlanError, so a new kind of relation stops the delete
    instead of leaving rows behind; tests/scorecard/test_generate.py checks
    the plan against every relation.
    """
    through = {Scorecard: []}
    nulls = []
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if issubclass(model, HistoricalChanges):
                continue
            for key in model._meta.concrete_fields:
                target = key.related_model if key.is_relation else None
                if target not in through:
                    continue
                link = (key.name, target)
                on_delete = key.remote_field.on_delete
                if on_delete is SET_NULL:
                    if (model, *link) not in nulls:
                        nulls.append((model, *link))
                    continue
                if on_delete not in (CASCADE, PROTECT, RESTRICT) or not key.db_constraint:
                    raise DeletionPlanError(
                        f"{model._meta.label}.{key.name} points at {target._meta.label} "
                        "in a way delete_generated cannot clear; add it to deletion_plan()."
                    )
                if target is model:
                    raise DeletionPlanError(
                        f"{model._meta.label}.{key.name} points at its own model; "
                        "one DELETE per table cannot follow it."
                    )
                if link not in through.setdefault(model, []):
                    through[model].append(link)
                    changed = True
    # A model's rows are deleted before the rows they point at.
    graph = {model: set() for model in through}
    for model, links in through.items():
        for _, target in links:
            graph[target].add(model)
    order = tuple(TopologicalSorter(graph).static_order())
    return DeletionPlan(
        deletes=tuple(DeletionStep(model, tuple(through[model])) for model in order),
        nulls=tuple(nulls),
    )


def _delete_rows(queryset):
    """DELETE the rows of `queryset` in one statement: no rows loaded, no signals sent.

    The statement keeps the queryset's own SQL as a subquery, so it deletes
    exactly the rows the queryset selects.
    """
    model = queryset.model
    select, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} IN ({select})",
            params,
        )
