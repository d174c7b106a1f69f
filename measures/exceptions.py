"""When a measure needs an exception report, and how its actions stand: plain rules.

A measure's month needs a report when it is past its action trigger, shows a
special cause of concern, or its process will consistently fail its target
(assurance); which of these call for one is the trust's setting
(settings.EXCEPTION_REPORTS_FOR). Any other month may have one.
"""

from collections.abc import Iterable
from datetime import date

PAST_TRIGGER = "past_trigger"
CONCERN = "concern"
FAILING = "failing"
REASONS = (PAST_TRIGGER, CONCERN, FAILING)

REASON_WORDS = {
    PAST_TRIGGER: "past its action trigger",
    CONCERN: "a special cause of concern",
    FAILING: "will consistently fail its target",
}


def reasons_for_report(
    *, past_trigger: bool, concern: bool, assurance: str | None, required: Iterable[str]
) -> list[str]:
    """The keys of REASONS that make a report required, in that order."""
    found = {
        PAST_TRIGGER: past_trigger,
        CONCERN: concern,
        FAILING: assurance == "consistent_fail",
    }
    wanted = set(required)
    return [reason for reason in REASONS if reason in wanted and found[reason]]


def is_overdue(status: str, due: date, today: date) -> bool:
    """An action still open after the day it was due."""
    return status == "open" and due < today


def unchanged_since(
    narrative: tuple[str, ...],
    previous: tuple[str, ...] | None,
    previous_period: date | None,
    previous_unchanged_since: date | None,
) -> date | None:
    """The first period of a run of reports whose narrative has not changed, or None.

    A report identical to the one before it is "unchanged since" that one's
    period, or since the period that one was itself unchanged since.
    """
    if previous is None or narrative != previous:
        return None
    return previous_unchanged_since or previous_period
