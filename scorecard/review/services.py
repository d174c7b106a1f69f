"""Writes of the key-target review. Each checks the row with full_clean() first."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from measures.models import Alignment, Measure
from scorecard.models import Objective, Perspective, Scorecard

if TYPE_CHECKING:
    from django.forms import ModelForm


def save_checked(alignment: Alignment) -> Alignment:
    alignment.full_clean()
    alignment.save()
    return alignment


def move(alignment: Alignment, kind: str) -> Alignment:
    """Put a placed measure or objective in another column."""
    alignment.kind = kind
    return save_checked(alignment)


def next_position(scorecard: Scorecard, perspective: Perspective) -> int:
    """After the last objective of the perspective, as the builder adds them."""
    last = scorecard.objectives.filter(perspective=perspective).aggregate(Max("position"))
    highest: int | None = last["position__max"]
    return (highest or 0) + 1


@transaction.atomic
def convert_missing(
    alignment: Alignment, form: "ModelForm[Objective] | ModelForm[Measure]"
) -> Alignment:
    """Make a missing item real: save the builder form's new objective or measure, then
    put it in the "supports" column in the missing item's place, all or nothing.

    The missing item's description is kept, so the page can say where it came from.
    """
    item = form.save(commit=False)
    if isinstance(item, Objective):
        item.position = next_position(alignment.scorecard, item.perspective)
    item.save()
    form.save_m2m()
    alignment.kind = Alignment.Kind.SUPPORTS
    if isinstance(item, Objective):
        alignment.objective = item
    else:
        alignment.measure = item
    return save_checked(alignment)
