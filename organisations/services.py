"""Every write to the unit tree goes through here.

django-mptt stores each node's place as lft/rght numbers spread across many
rows; two writers moving nodes at once can interleave and corrupt them, and
bulk updates bypass the bookkeeping altogether. So each write below runs in a
transaction that first takes a tree-wide lock: on PostgreSQL an advisory lock,
on SQLite the database write lock that an IMMEDIATE transaction takes at its
start (see settings). Nothing else may save, move or delete a unit.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import ProtectedError

from organisations.models import OrganisationUnit

# An arbitrary constant that names "the unit tree" among advisory locks.
TREE_LOCK_KEY = 72_110_001

# Fields a caller may change; lft, rght, tree_id and level belong to mptt.
EDITABLE_FIELDS = (
    "name",
    "code",
    "slug",
    "kind",
    "is_active",
    "parent_id",
    "reporting_working_days",
)


class UnitTreeError(Exception):
    """A tree write that was refused, with a message for the person who asked."""


def _lock_tree() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


def create_unit(
    *,
    name: str,
    code: str,
    slug: str,
    kind: str,
    parent: OrganisationUnit | None = None,
    is_active: bool = True,
    reporting_working_days: int | None = None,
) -> OrganisationUnit:
    with transaction.atomic():
        _lock_tree()
        # Re-read the parent under the lock: its lft/rght may have moved.
        fresh_parent = OrganisationUnit.objects.get(pk=parent.pk) if parent else None
        unit = OrganisationUnit(
            name=name,
            code=code,
            slug=slug,
            kind=kind,
            parent=fresh_parent,
            is_active=is_active,
            reporting_working_days=reporting_working_days,
        )
        unit.full_clean()
        unit.save()
    return unit


@dataclass
class SavedUnit:
    unit: OrganisationUnit
    # Codes of the unit's objectives that contributed to an objective of the
    # parent it left: that cascade no longer holds, so the link was removed.
    unlinked_objectives: list[str] = field(default_factory=list)


def save_unit(unit: OrganisationUnit) -> SavedUnit:
    """Save changes to a unit's own fields or its parent (a move carries its subtree)."""
    if unit.pk is None:
        created = create_unit(
            name=unit.name,
            code=unit.code,
            slug=unit.slug,
            kind=unit.kind,
            parent=unit.parent,
            is_active=unit.is_active,
            reporting_working_days=unit.reporting_working_days,
        )
        return SavedUnit(created)
    with transaction.atomic():
        _lock_tree()
        # The caller's copy may hold stale tree numbers; apply its changes to
        # a copy read under the lock.
        fresh = OrganisationUnit.objects.get(pk=unit.pk)
        stored_parent_id = fresh.parent_id
        for name in EDITABLE_FIELDS:
            setattr(fresh, name, getattr(unit, name))
        moving_under_itself = fresh.parent_id is not None and (
            fresh.parent_id == fresh.pk
            or fresh.get_descendants().filter(pk=fresh.parent_id).exists()
        )
        if moving_under_itself:
            raise ValidationError(
                {"parent": "A unit cannot be moved under itself or one of its own units."}
            )
        moved = fresh.parent_id != stored_parent_id
        fresh.full_clean()
        fresh.save()
        unlinked = _unlink_contributions_outside_parent(fresh) if moved else []
    return SavedUnit(fresh, unlinked)


def _unlink_contributions_outside_parent(unit: OrganisationUnit) -> list[str]:
    """An objective contributes only to its parent unit's objectives; after a
    move, drop the links into the unit the objectives' unit has left."""
    # Through the unit's scorecard (its reverse one-to-one): organisations
    # sits below the scorecard app and does not import its models.
    scorecard = getattr(unit, "scorecard", None)
    if scorecard is None:
        return []
    stale = scorecard.objectives.filter(contributes_to__isnull=False).exclude(
        contributes_to__scorecard__unit_id=unit.parent_id
    )
    codes = sorted(stale.values_list("code", flat=True))
    stale.update(contributes_to=None)
    return codes


def move_unit(unit: OrganisationUnit, new_parent: OrganisationUnit | None) -> SavedUnit:
    unit.parent_id = new_parent.pk if new_parent else None
    return save_unit(unit)


def delete_unit(unit: OrganisationUnit) -> None:
    """Delete a unit that holds nothing; a unit with children or a scorecard is refused."""
    with transaction.atomic():
        _lock_tree()
        fresh = OrganisationUnit.objects.get(pk=unit.pk)
        if fresh.get_children().exists():
            raise UnitTreeError(f"{fresh.name} has units below it. Move or delete those first.")
        if hasattr(fresh, "scorecard"):
            raise UnitTreeError(
                f"{fresh.name} has a scorecard, so deleting it would lose its data. "
                "Mark the unit inactive instead."
            )
        try:
            fresh.delete()
        except ProtectedError as error:
            raise UnitTreeError(
                f"{fresh.name} still has data that refers to it, so it cannot be deleted. "
                "Mark the unit inactive instead."
            ) from error


def rebuild_tree() -> None:
    """Recompute every unit's tree numbers from the parent links (a repair)."""
    with transaction.atomic():
        _lock_tree()
        OrganisationUnit.objects.rebuild()


def create_tree(units: list[OrganisationUnit]) -> list[OrganisationUnit]:
    """Create a whole new tree at once: bulk generation, where a save per unit is too slow.

    `units` are unsaved, the root (a trust) first and every parent before its
    children, each `parent` set to the unit instance above it. The tree
    numbers are worked out here, siblings in name order as mptt keeps them,
    and the units are inserted a level at a time; the new tree takes its
    place among the others by name, as create_unit would put it. Returns the
    units, saved.
    """
    root, *rest = units
    if root.parent is not None or any(unit.parent is None for unit in rest):
        raise ValueError("Give one root first and a parent for every other unit.")
    with transaction.atomic():
        _lock_tree()
        # mptt's own tools for a new root: shift the trees that sort after it
        # by name (one update), or take the next free tree id.
        right_sibling = OrganisationUnit._mptt_meta.get_ordered_insertion_target(root, None)
        OrganisationUnit.objects.insert_node(root, right_sibling, position="left")
        _number(root, rest)
        by_level: dict[int, list[OrganisationUnit]] = {}
        for unit in units:
            by_level.setdefault(unit.level, []).append(unit)
        for level in sorted(by_level):
            for unit in by_level[level]:
                # The parent has its id now: assigning it again copies it.
                unit.parent = unit.parent
                unit.full_clean(validate_unique=False, validate_constraints=False)
            # Codes and slugs are still unique: the database refuses duplicates.
            OrganisationUnit.objects.bulk_create(by_level[level], batch_size=500)
    return units


def _number(root: OrganisationUnit, rest: list[OrganisationUnit]) -> None:
    """Set lft, rght and level on every unit by a walk of the tree, siblings by name."""
    children: dict[int, list[OrganisationUnit]] = {}
    for unit in rest:
        children.setdefault(id(unit.parent), []).append(unit)
    counter = 1
    # Iterative: a deep tree must not hit the recursion limit.
    stack = [(root, 0, False)]
    while stack:
        unit, level, leaving = stack.pop()
        if leaving:
            unit.rght = counter
            counter += 1
            continue
        unit.lft, unit.level, unit.tree_id = counter, level, root.tree_id
        counter += 1
        stack.append((unit, level, True))
        below = sorted(children.get(id(unit), []), key=lambda child: child.name)
        stack.extend((child, level + 1, False) for child in reversed(below))


def delete_tree(root: OrganisationUnit) -> None:
    """Delete a whole tree whose units hold no scorecards (bulk generation's undo).

    Memberships and service dependencies go with the units, as they would
    with delete_unit; a scorecard left in the tree refuses the whole delete.
    """
    with transaction.atomic():
        _lock_tree()
        fresh = OrganisationUnit.objects.get(pk=root.pk)
        if fresh.parent_id is not None:
            raise UnitTreeError(f"{fresh.name} is not the top of a tree.")
        units = OrganisationUnit.objects.filter(tree_id=fresh.tree_id)
        if units.filter(scorecard__isnull=False).exists():
            raise UnitTreeError(
                f"Units under {fresh.name} still have scorecards; delete those first."
            )
        # Deepest first: a unit's parent link protects the unit above it.
        for level in sorted(set(units.values_list("level", flat=True)), reverse=True):
            units.filter(level=level).delete()
