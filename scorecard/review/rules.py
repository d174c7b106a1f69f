"""The key-target review's rules, in plain Python: column order, key-target order, flags.

The NHS Institute asks managers to review a scorecard against a key target
and find the measures and objectives that support it, that support it but
are not explicit in the scorecard, that hinder it, and what is missing.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from measures.models import Alignment, KeyTarget

Kind = Alignment.Kind

# The four columns, in the order the method gives them.
COLUMNS = [
    (Kind.SUPPORTS, "Supports it"),
    (Kind.IMPLICIT, "Supports it, but not explicit in the scorecard"),
    (Kind.HINDERS, "Hinders it"),
    (Kind.MISSING, "Missing"),
]
# A placed measure or objective can go in any column but "missing".
PLACED_KINDS = [Kind.SUPPORTS, Kind.IMPLICIT, Kind.HINDERS]
SUPPORTING_KINDS = {Kind.SUPPORTS, Kind.IMPLICIT}

# Reviewed first: the target the NHS Institute's method uses as its example.
FIRST_KEY_TARGET = "RTT18"

NO_TRIGGER = "no action trigger: it will not prompt anyone to act"
NO_TARGET = "no target, so no action trigger: it will not prompt anyone to act"


class TargetInForce(Protocol):
    """The target in force as the warning reads it: a Target, or a selectors.TargetRow."""

    @property
    def action_trigger(self) -> Decimal | None: ...


def in_review_order(key_targets: Iterable[KeyTarget]) -> list[KeyTarget]:
    """The key targets with 18-week RTT first, then by code."""
    return sorted(key_targets, key=lambda k: (k.code != FIRST_KEY_TARGET, k.code))


def trigger_warning(kind: str, target: TargetInForce | None) -> str:
    """Why a supporting measure will not prompt action, in words, or "".

    A supporting metric is only useful if its target triggers corrective
    action; `target` is the one in force (None when there is none).
    """
    if kind not in SUPPORTING_KINDS:
        return ""
    if target is None:
        return NO_TARGET
    if target.action_trigger is None:
        return NO_TRIGGER
    return ""
