"""The one way values are written: the entry form and the import both call record().

All of a save happens in one transaction or none of it does. Each change may
carry the version of the value it was typed over; if the value has changed
since, nothing is written and the stale changes are returned so the page can
show the current value and who set it. After the values are written, every
computed measure above them (a directorate's total of its departments) is
recomputed in the same transaction, so no page ever shows a stale total.

Locking, on PostgreSQL (SQLite's IMMEDIATE transactions run one at a time):
each locking query locks only the observation rows it names (`of=("self",)`,
and no default ordering that would join the measure, objective and
perspective rows, which every unit shares) and takes them in primary-key
order, and new rows are inserted in (measure, period) order, so two saves
never wait on each other in opposite orders. Two saves creating the same
first value (or the same total above) in the same instant meet at the unique
constraint: the one that comes second starts again, and now finds the row.

A closed month (cycle: a performance lead froze its reported record) takes
no change to a value whose period ends in it, for a unit it is closed for,
unless the change is a correction carrying a reason; the refused changes are
returned like stale ones. A save and a close of the same unit-month are
serialised by an advisory lock on PostgreSQL (`lock_unit_months`: shared
here, exclusive in the close), taken before the closed months are read, so a
save either commits before the close reads the values, or waits and then
finds the month closed. On SQLite the IMMEDIATE transactions do the same.
The closed months are read through the unit's reverse relation
(`reported`), so measures does not import cycle, which sits above it.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.db.models import Field, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measures import rollup
from measures.models import Measure, Observation
from measures.values import MeasuredValue
from organisations.models import OrganisationUnit
from scorecard.lib import periods
from scorecard.lib.words import visible_text

# Advisory locks of unit-months use PostgreSQL's two-key form (unit id, this
# base + year * 12 + month - 1), which never meets the one-key tree lock; the
# base keeps them apart from any other two-key lock on a unit's id.
UNIT_MONTH_LOCK_BASE = 1_000_000
CORRECTED = "Corrected after close: "

WRITTEN_FIELDS = ["value", "numerator", "denominator", "comment", "entered_by", "entered_at"]


@dataclass(frozen=True)
class Change:
    """A value (and comment) typed for one measure and period."""

    measure: Measure
    period: date
    entry: MeasuredValue
    # None keeps the comment already stored: a file with no comment leaves them be.
    comment: str | None = ""
    # The version the person saw: 0 for "no value yet", None for "do not check".
    opened_version: int | None = None


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    recomputed: int = 0
    # Changes refused because the value changed since it was opened, with the
    # value now stored (None if there is none).
    stale: list[tuple[Change, Observation | None]] = field(default_factory=list)
    # Totals above that could not be computed (too large to store): NotComputed.
    not_computed: list["NotComputed"] = field(default_factory=list)
    # Changes refused because their month is closed for their unit and they
    # carried no correction reason: nothing is written.
    closed: list[tuple[Change, "ClosedMonth"]] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return not self.stale and not self.closed


@dataclass(frozen=True)
class ClosedMonth:
    """A month closed for a unit: who closed it and when."""

    unit_id: int
    unit_name: str
    month: date
    closed_at: datetime
    closed_by: str | None

    def refusal(self) -> str:
        """Why a change to a value of this month is refused without a reason."""
        return (
            f"{self.month:%B %Y} is closed for {self.unit_name} (closed on "
            f"{self.closed_at:%-d %B %Y} by {self.closed_by or 'someone since removed'}): "
            "a change now is a correction, and needs a reason."
        )


def month_of(change: Change) -> tuple[int, date]:
    """(unit id, month) a change belongs to: the month its period ends in (Q2 is September's)."""
    unit_id: int = change.measure.objective.scorecard.unit_id
    return unit_id, periods.last_month_of(change.period, change.measure.frequency)


def lock_unit_months(pairs: Collection[tuple[int, date]], *, exclusive: bool) -> None:
    """Hold PostgreSQL advisory locks on (unit id, month) pairs until the transaction ends.

    Shared for saves (many saves of one unit-month run side by side), exclusive
    for a close or reopen. Taken in one statement, in one global order, so two
    closes of overlapping subtrees wait on each other rather than deadlock.
    On SQLite nothing is needed: its IMMEDIATE transactions run one at a time.
    """
    if connection.vendor != "postgresql" or not pairs:
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    keys = sorted(
        (unit_id, UNIT_MONTH_LOCK_BASE + month.year * 12 + month.month - 1)
        for unit_id, month in pairs
    )
    with connection.cursor() as cursor:
        cursor.execute(
            # `function` is one of the two names above, never input.
            f"SELECT {function}(k.unit, k.month) FROM ("
            "SELECT * FROM unnest(%s::int[], %s::int[]) AS u(unit, month) "
            "ORDER BY unit, month) AS k",
            [[unit for unit, _ in keys], [month for _, month in keys]],
        )


def reported_values(unit_id: int, month: date) -> dict[int, Decimal | None]:
    """{measure id: value as reported} in the current record of a closed unit-month."""
    rows = (
        OrganisationUnit.objects.filter(
            pk=unit_id, reported__month=month, reported__reopened__isnull=True
        )
        .order_by()
        .values_list("reported__measures__measure_id", "reported__measures__value")
    )
    return {measure_id: value for measure_id, value in rows if measure_id is not None}


def closed_months(pairs: Collection[tuple[int, date]]) -> dict[tuple[int, date], ClosedMonth]:
    """{(unit id, month): ClosedMonth} of the pairs whose month is closed now, in one query."""
    if not pairs:
        return {}
    rows = (
        OrganisationUnit.objects.filter(
            pk__in={unit_id for unit_id, _ in pairs},
            reported__month__in={month for _, month in pairs},
            reported__reopened__isnull=True,
        )
        .order_by()
        .values_list(
            "pk",
            "name",
            "reported__month",
            "reported__closed__at",
            "reported__closed__by__first_name",
            "reported__closed__by__last_name",
            "reported__closed__by__username",
        )
    )
    return {
        # Named as people are named on every page: their full name, else their username.
        (pk, month): ClosedMonth(
            pk, name, month, at, " ".join(n for n in (first, last) if n) or by
        )
        for pk, name, month, at, first, last, by in rows
        if (pk, month) in pairs
    }


@dataclass(frozen=True)
class NotComputed:
    """A computed total the units below would take past what can be stored, and why."""

    measure: Measure
    period: date
    reason: str

    def __str__(self) -> str:
        unit = self.measure.objective.scorecard.unit.name
        label = periods.period_label(self.period, self.measure.frequency)
        return (
            f"{unit}'s {self.measure.code} for {label} is not computed: {self.reason}. "
            "Check the largest values below it."
        )


class InsertFailed(Exception):
    """Inserting new observations broke a database rule; `keys` are their (measure id, period).

    `error` is the database's IntegrityError, also the exception's __cause__.
    """

    def __init__(self, keys: set[tuple[int, date]], error: IntegrityError) -> None:
        super().__init__("New observations could not be inserted.")
        self.keys = keys
        self.error = error


def record(
    changes: Sequence[Change],
    user: User | None,
    *,
    reason: str = "Entered in the browser",
    correction_reason: str | None = None,
) -> Outcome:
    """Write `changes` as one transaction; return an Outcome (stale changes write nothing).

    A change to a value of a closed month is refused (Outcome.closed) unless
    `correction_reason` is given; then its history says "Corrected after
    close: <correction_reason>", and the reported record stays as it was.

    Tried again for as long as another save keeps committing, first, a row
    this one meant to create (a first value, or a total above): each try then
    finds that row, and updates it or reports it as changed since it was
    opened. Any other database error is raised, never reported as saved.
    """
    if not changes:
        return Outcome()
    clashed: set[tuple[int, date]] = set()
    while True:
        outcome = Outcome()
        try:
            with transaction.atomic():
                _record(changes, user, reason, outcome, correction_reason)
            return outcome
        except InsertFailed as failed:
            # Rolled back; the other save has committed, or the insert would
            # not have failed on the unique constraint. A row that exists now
            # and did not clash before is progress, so this ends.
            taken = _existing(failed.keys) - clashed
            if not taken:
                raise failed.error from None
            clashed |= taken


def _record(
    changes: Sequence[Change],
    user: User | None,
    reason: str,
    outcome: Outcome,
    correction_reason: str | None,
) -> None:
    # First the unit-months, then whether they are closed: a close holding
    # the lock has committed by the time this reads (docstring above).
    months = [month_of(change) for change in changes]
    lock_unit_months(set(months), exclusive=False)
    closed = closed_months(set(months))
    correction_reason = visible_text(correction_reason or "") or None
    if closed and correction_reason is None:
        outcome.closed = [
            (change, closed[month])
            for change, month in zip(changes, months, strict=True)
            if month in closed
        ]
        return
    keys = {(change.measure.pk, change.period) for change in changes}
    existing = {
        (observation.measure_id, observation.period): observation for observation in _locked(keys)
    }
    for change in changes:
        current = existing.get((change.measure.pk, change.period))
        current_version = current.version if current else 0
        if change.opened_version is not None and change.opened_version != current_version:
            outcome.stale.append((change, current))
    if outcome.stale:
        return

    # Taken once the rows are locked, so the history of each value is in the
    # order its saves were committed.
    now = timezone.now()
    to_create: list[Observation] = []
    to_update: list[Observation] = []
    written: list[Change] = []
    # Observations (by id()) written as corrections of a closed month.
    corrected: set[int] = set()
    for change, month in zip(changes, months, strict=True):
        current = existing.get((change.measure.pk, change.period))
        count_before = len(to_create) + len(to_update)
        entry = change.entry
        comment = change.comment
        if comment is None:
            comment = current.comment if current else ""
        if current is None:
            written.append(change)
            to_create.append(
                Observation(
                    measure=change.measure,
                    period=change.period,
                    value=entry.value,
                    numerator=entry.numerator,
                    denominator=entry.denominator,
                    comment=comment,
                    entered_by=user,
                    entered_at=now,
                )
            )
        elif _differs(current, entry, comment):
            current.value = entry.value
            current.numerator = entry.numerator
            current.denominator = entry.denominator
            current.comment = comment
            current.entered_by = user
            current.entered_at = now
            current.version += 1
            to_update.append(current)
            written.append(change)
        else:
            outcome.unchanged += 1
        if month in closed and len(to_create) + len(to_update) > count_before:
            corrected.add(id(to_create[-1] if current is None else current))
    if corrected:
        _write(
            [o for o in to_create if id(o) in corrected],
            [o for o in to_update if id(o) in corrected],
            user,
            f"{CORRECTED}{correction_reason}",
            now,
        )
    _write(
        [o for o in to_create if id(o) not in corrected],
        [o for o in to_update if id(o) not in corrected],
        user,
        reason,
        now,
    )
    outcome.created = len(to_create)
    outcome.updated = len(to_update)
    if written:
        # Callers pass measures with objective__scorecard loaded, so this reads nothing.
        outcome.recomputed = recompute_above(
            {(c.measure.objective.scorecard.unit_id, c.measure.code, c.period) for c in written},
            not_computed=outcome.not_computed,
        )


def _locked(keys: set[tuple[int, date]]) -> list[Observation]:
    """The stored observations for (measure id, period) keys, locked until commit."""
    if not keys:
        return []
    candidates = _lock(
        Observation.objects.filter(
            measure_id__in={measure_id for measure_id, _ in keys},
            period__in={period for _, period in keys},
        )
    )
    return [o for o in candidates if (o.measure_id, o.period) in keys]


def _lock(observations: QuerySet[Observation]) -> list[Observation]:
    """Lock `observations` until commit: only their own rows, in primary-key order.

    Without of=("self",) PostgreSQL also locks every row a query joins, and
    Observation's default ordering joins the measure, objective and
    perspective; ordering by the key keeps the query to one table and gives
    every save the same order to take its locks in.
    """
    return list(observations.select_for_update(of=("self",)).order_by("pk"))


def _existing(keys: set[tuple[int, date]]) -> set[tuple[int, date]]:
    """Which of the (measure id, period) keys have an observation stored now."""
    found = Observation.objects.filter(
        measure_id__in={measure_id for measure_id, _ in keys},
        period__in={period for _, period in keys},
    ).values_list("measure_id", "period")
    return set(found) & set(keys)


def _differs(observation: Observation, entry: MeasuredValue, comment: str) -> bool:
    return (
        observation.value != entry.value
        or observation.numerator != entry.numerator
        or observation.denominator != entry.denominator
        or observation.comment != comment
    )


def _write(
    to_create: list[Observation],
    to_update: list[Observation],
    user: User | None,
    reason: str,
    now: datetime,
) -> None:
    if to_create:
        # One order for every save's inserts: two saves inserting the same new
        # rows wait on the first of them instead of on each other.
        to_create.sort(key=lambda o: (o.measure_id, o.period))
        try:
            bulk_create_with_history(
                to_create,
                Observation,
                batch_size=500,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
        except IntegrityError as error:
            keys = {(o.measure_id, o.period) for o in to_create}
            raise InsertFailed(keys, error) from error
    if to_update:
        _update(to_update, [*WRITTEN_FIELDS, "version"])
        Observation.history.bulk_history_create(
            to_update,
            batch_size=500,
            update=True,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )


def _update(observations: Sequence[Observation], names: Sequence[str]) -> None:
    """Write the fields `names` of each observation: one statement, run for every row.

    Not Django's bulk_update, which builds a CASE expression per row and field:
    for an import of 10,000 values that took longer than all the rest.
    """
    # Each name is a concrete field's, never a relation's reverse side.
    columns = [cast("Field[Any, Any]", Observation._meta.get_field(name)) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(Observation._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [
        [column.get_db_prep_save(getattr(o, column.attname), connection) for column in columns]
        + [o.pk]
        for o in observations
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def recompute_above(
    touched: Collection[tuple[int, str, date]], *, not_computed: list[NotComputed] | None = None
) -> int:
    """Recompute the computed measures above `touched` (unit id, code, period) triples.

    Works up the tree a level at a time with a fixed number of queries per
    level, so a large import costs no more queries than a single value.
    Returns how many computed values were written (or removed). A total too
    large to store is not written, and one stored before is removed (its
    history keeps it, with the reason): no total is better than a wrong one.
    Each is added to the list `not_computed`, if given, as a NotComputed.
    """
    not_computed = [] if not_computed is None else not_computed

    written = 0
    unit_ids = {unit_id for unit_id, _, _ in touched}
    parent_of = dict(
        OrganisationUnit.objects.filter(pk__in=unit_ids).values_list("pk", "parent_id")
    )
    frontier: defaultdict[int, set[tuple[str, date]]] = defaultdict(set)
    for unit_id, code, period in touched:
        if parent_of.get(unit_id):
            frontier[parent_of[unit_id]].add((code, period))
    while frontier:
        changed = _recompute_level(frontier, not_computed)
        written += len(changed)
        parent_of = dict(
            OrganisationUnit.objects.filter(pk__in={u for u, _, _ in changed}).values_list(
                "pk", "parent_id"
            )
        )
        frontier = defaultdict(set)
        for unit_id, code, period in changed:
            if parent_of.get(unit_id):
                frontier[parent_of[unit_id]].add((code, period))
    return written


def _recompute_level(
    frontier: Mapping[int, set[tuple[str, date]]], not_computed: list[NotComputed]
) -> set[tuple[int, str, date]]:
    codes = {code for pairs in frontier.values() for code, _ in pairs}
    period_set = {period for pairs in frontier.values() for _, period in pairs}
    totals = Measure.objects.live().filter(
        is_computed=True, code__in=codes, objective__scorecard__unit_id__in=frontier.keys()
    )
    computed = {
        (m.objective.scorecard.unit_id, m.code): m
        for m in totals.select_related("objective__scorecard__unit")
    }
    if not computed:
        return set()
    # Every live measure with those codes in the units directly below, with its unit's name.
    children: defaultdict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    child_measures = (
        Measure.objects.live()
        .filter(code__in=codes, objective__scorecard__unit__parent_id__in=frontier.keys())
        .values_list(
            "pk",
            "code",
            "objective__scorecard__unit__parent_id",
            "objective__scorecard__unit__name",
        )
    )
    for pk, code, parent_id, unit_name in child_measures:
        children[(parent_id, code)].append((pk, unit_name))
    # Lock the totals before reading the children: a concurrent save of a sibling
    # then waits here, and reads this save's value once it is committed.
    stored = {
        (o.measure_id, o.period): o
        for o in _lock(
            Observation.objects.filter(
                measure_id__in=[m.pk for m in computed.values()], period__in=period_set
            )
        )
    }
    # After the lock, so a total's history is in the order of its saves.
    now = timezone.now()
    values = {
        (o.measure_id, o.period): MeasuredValue(o.value, o.numerator, o.denominator)
        for o in Observation.objects.filter(
            measure_id__in=[pk for kids in children.values() for pk, _ in kids],
            period__in=period_set,
        )
    }
    to_create: list[Observation] = []
    to_update: list[Observation] = []
    to_remove: list[tuple[Observation, str]] = []
    changed: set[tuple[int, str, date]] = set()
    for parent_id, pairs in frontier.items():
        for code, period in pairs:
            measure = computed.get((parent_id, code))
            if measure is None:
                continue
            kids = sorted(children[(parent_id, code)], key=lambda kid: kid[1])
            entries = [values.get((pk, period)) for pk, _ in kids]
            current = stored.get((measure.pk, period))
            try:
                entry = rollup.combine(measure.rollup, entries, measure.ratio_multiplier)
            except ValueError as too_large:
                not_computed.append(NotComputed(measure, period, str(too_large)))
                if current is not None:
                    to_remove.append((current, str(too_large)))
                    changed.add((parent_id, code, period))
                continue
            if entry is None:
                continue
            missing = [name for (_, name), e in zip(kids, entries, strict=True) if e is None]
            comment = computed_comment(len(kids) - len(missing), len(kids), missing)
            if current is None:
                to_create.append(
                    Observation(
                        measure=measure,
                        period=period,
                        value=entry.value,
                        numerator=entry.numerator,
                        denominator=entry.denominator,
                        comment=comment,
                        entered_at=now,
                    )
                )
            elif _differs(current, entry, comment):
                current.value, current.numerator = entry.value, entry.numerator
                current.denominator, current.comment = entry.denominator, comment
                current.entered_by, current.entered_at = None, now
                current.version += 1
                to_update.append(current)
            else:
                continue
            changed.add((parent_id, code, period))
    _write(to_create, to_update, None, "Computed from the units below", now)
    # Rare, so one at a time: delete() keeps the removed total in the history.
    for observation, reason in to_remove:
        observation._change_reason = f"Not computed: {reason}."
        observation.delete()
    return changed


def computed_comment(contributed: int, of: int, missing: Sequence[str]) -> str:
    """The comment kept with a computed value: which units it is made of."""
    text = f"Computed from {contributed} of {of} units below."
    if missing:
        text += " No value yet from " + ", ".join(missing) + "."
    return text
