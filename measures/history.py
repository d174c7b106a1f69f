"""The change history of a measure's values, and putting an earlier value back.

The history shows who changed which value, when, from what to what. Restoring
writes an earlier version (its value, a ratio's parts, its comment) through
recording.record(), like any other change: it is versioned, refused if the
value changed since the person looked, recomputes the totals above, and is
itself kept in the history with who restored what and why.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from django.contrib.auth.models import User
from django.utils import timezone

from measures import recording
from measures.display import StoredValue, observation_text
from measures.models import Measure, Observation
from measures.selectors import action_comment_problem, target_for
from measures.values import EntryError, MeasuredValue, read_entry
from scorecard.lib import periods

HISTORY_LENGTH = 200
RESTORED = "Restored the value of"


class KeptValue(StoredValue, Protocol):
    """A value with its comment: an Observation, or one of its history rows."""

    @property
    def comment(self) -> str: ...


class HistoryRow(KeptValue, Protocol):
    """A row of Observation.history: one version of a value, and who wrote it when.

    django-simple-history ships no types, so its rows are named here.
    """

    @property
    def id(self) -> int: ...
    @property
    def history_id(self) -> int: ...
    @property
    def period(self) -> date: ...
    @property
    def history_date(self) -> datetime: ...
    @property
    def history_type(self) -> str: ...
    @property
    def history_user(self) -> User | None: ...
    @property
    def history_change_reason(self) -> str | None: ...


@dataclass(frozen=True)
class ValueChange:
    history_id: int
    period: date
    period_label: str
    when: datetime
    who: str
    old_value: Decimal | None
    new_value: Decimal
    # The values in words, with a ratio's parts: "37.5% (150 of 400)".
    before: str
    after: str
    comment: str
    reason: str
    # An earlier version of the value, different from the one it holds now.
    restorable: bool = False

    @property
    def kind(self) -> str:
        if self.reason.startswith(RESTORED):
            return "Restored"
        if self.old_value is None:
            return "Entered"
        if self.before == self.after:
            return "Comment changed"
        return "Changed"


def value_changes(
    measure: Measure,
    limit: int = HISTORY_LENGTH,
    *,
    until: datetime | None = None,
    up_to: date | None = None,
) -> list[ValueChange]:
    """The latest changes to the measure's values, newest first, each with the value before.

    Reads the history in one query: the value before a change is the previous
    history row of the same observation, and the last row is the value now.
    Only the changes made by `until` to periods up to `up_to`, when given:
    the measure's page as at a month (measures/known.py).
    """
    records: list[HistoryRow] = list(
        Observation.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    now = {record.id: record for record in records}
    changes = []
    previous: dict[int, HistoryRow] = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "-":
            continue
        if (until and record.history_date > until) or (up_to and record.period > up_to):
            continue
        changes.append(
            ValueChange(
                history_id=record.history_id,
                period=record.period,
                period_label=periods.period_label(record.period, measure.frequency),
                when=record.history_date,
                who=who_set(record),
                old_value=before.value if before else None,
                new_value=record.value,
                before=observation_text(before, measure) if before else "–",
                after=observation_text(record, measure),
                comment=record.comment,
                reason=record.history_change_reason or "",
                restorable=not measure.is_computed and _differs(record, now[record.id]),
            )
        )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _differs(record: HistoryRow, now: HistoryRow) -> bool:
    """Whether `record` holds a value (or comment) other than the observation's value now."""
    if now.history_type == "-":
        return False
    return _kept(record) != _kept(now)


def _kept(record: KeptValue) -> tuple[Decimal, Decimal | None, Decimal | None, str]:
    return (record.value, record.numerator, record.denominator, record.comment)


def who_set(record: HistoryRow) -> str:
    """Who made the change a history row records, in words."""
    user = record.history_user
    if user:
        return user.get_full_name() or user.username
    if record.history_change_reason == "Computed from the units below":
        return "Computed from the units below"
    return "An import or the system"


def earlier_version(measure: Measure, history_id: int) -> HistoryRow | None:
    """The history row `history_id` of one of `measure`'s values, or None."""
    row: HistoryRow | None = (
        Observation.history.filter(history_id=history_id, measure_id=measure.pk)
        .exclude(history_type="-")
        .select_related("history_user")
        .first()
    )
    return row


def value_now(measure: Measure, period: date) -> Observation | None:
    """The measure's stored value for `period`, with who entered it, or None."""
    return (
        Observation.objects.filter(measure=measure, period=period)
        .select_related("entered_by")
        .first()
    )


def entered_by_text(observation: Observation) -> str:
    """Who entered the value stored now, in words."""
    user = observation.entered_by
    if user:
        return user.get_full_name() or user.username
    if observation.measure.is_computed:
        return "the roll-up from the units below"
    return "an import or the system"


def changed_since(
    current: Observation | None, user: User | None, *, since: str = "you opened this page"
) -> str:
    """What happened to a value since a page showing it was opened, in words.

    `current` is the value stored now (None while someone else's first value
    is still being written); the entry and restore pages each add what to do.
    An import says since "the file was checked".
    """
    if current is None:
        return "Someone else entered a value here at the same moment."
    # With no user (the command), a value no one entered is not "yours".
    mine = user is not None and current.entered_by == user
    who = "you (in another window or tab)" if mine else None
    who = who or entered_by_text(current)
    when = timezone.localtime(current.entered_at)
    value = observation_text(current, current.measure, exact=True)
    comment = f", with the comment “{current.comment}”" if current.comment else ""
    return (
        f"Since {since}, {who} changed this value to {value}{comment} "
        f"({when.day} {when:%b %Y at %H:%M})."
    )


def is_current(record: HistoryRow, current: Observation | None) -> bool:
    """Whether the earlier version is the value (and comment) stored now."""
    return current is not None and _kept(record) == _kept(current)


def restored_entry(measure: Measure, record: HistoryRow) -> MeasuredValue:
    """The MeasuredValue to write back for `record`, checked by the measure's rules today.

    A measure's rules can change after a value was entered (a count becomes a
    ratio); a value they no longer allow raises EntryError rather than going back.
    """
    return read_entry(
        measure.value_rules,
        value=record.value,
        numerator="" if record.numerator is None else record.numerator,
        denominator="" if record.denominator is None else record.denominator,
    )


def restore_reason(record: HistoryRow, why: str) -> str:
    """What the history says of a restore: which version went back, whose it was, and why."""
    when = timezone.localtime(record.history_date)
    who = who_set(record) if record.history_user else "an import or the system"
    return f"{RESTORED} {when.day} {when:%b %Y %H:%M} (by {who}): {why}"


def restore(
    measure: Measure,
    record: HistoryRow,
    user: User,
    *,
    opened_version: int | None,
    why: str,
    comment: str | None = None,
) -> recording.Outcome:
    """Write the earlier version `record` back as the value now; returns recording's Outcome.

    `opened_version` is the version of the value now that the person saw, so
    a restore over a value changed since is refused. The comment is the
    earlier version's unless `comment` is given. Raises EntryError if the
    measure no longer allows the earlier value, or if it is past the action
    trigger in force with no comment (the entry page's rule).
    """
    comment = record.comment if comment is None else comment
    entry = restored_entry(measure, record)
    problem = action_comment_problem(
        measure, entry.value, target_for(measure, record.period), comment
    )
    if problem:
        raise EntryError({"comment": problem})
    change = recording.Change(
        measure, record.period, entry, comment=comment, opened_version=opened_version
    )
    return recording.record([change], user, reason=restore_reason(record, why))


def problem_restoring(measure: Measure, record: HistoryRow) -> str:
    """Why `record` cannot go back under the measure's rules today, in words, or ""."""
    try:
        restored_entry(measure, record)
    except EntryError as error:
        return " ".join(error.errors.values())
    return ""
