"""The change history of a measure's values: who changed which value, when, from what to what."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from measures import periods
from measures.display import observation_text

HISTORY_LENGTH = 200


@dataclass(frozen=True)
class ValueChange:
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

    @property
    def kind(self):
        if self.old_value is None:
            return "Entered"
        if self.before == self.after:
            return "Comment changed"
        return "Changed"


def value_changes(measure, limit=HISTORY_LENGTH):
    """The latest changes to the measure's values, newest first, each with the value before.

    Reads the history in one query: the value before a change is the previous
    history row of the same observation.
    """
    records = list(
        measure.observations.model.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    changes = []
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "-":
            continue
        changes.append(
            ValueChange(
                period=record.period,
                period_label=periods.period_label(record.period, measure.frequency),
                when=record.history_date,
                who=_who(record),
                old_value=before.value if before else None,
                new_value=record.value,
                before=observation_text(before, measure) if before else "–",
                after=observation_text(record, measure),
                comment=record.comment,
                reason=record.history_change_reason or "",
            )
        )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _who(record):
    user = record.history_user
    if user:
        return user.get_full_name() or user.username
    if record.history_change_reason == "Computed from the units below":
        return "Computed from the units below"
    return "An import or the system"
