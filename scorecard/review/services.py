"""Writes of the key-target review. Each checks the row with full_clean() first."""

from django.db import transaction
from django.db.models import Max

from measures.models import Alignment
from scorecard.models import Objective


def save_checked(alignment):
    alignment.full_clean()
    alignment.save()
    return alignment


def move(alignment, kind):
    """Put a placed measure or objective in another column."""
    alignment.kind = kind
    return save_checked(alignment)


def next_position(scorecard, perspective):
    """After the last objective of the perspective, as the builder adds them."""
    last = scorecard.objectives.filter(perspective=perspective).aggregate(Max("position"))
    return (last["position__max"] or 0) + 1


@transaction.atomic
def convert_missing(alignment, form):
    """Make a missing item real: save the builder form's new objective or measure, then
    put it in the "supports" column in the missing item's place, all or nothing.

    The missing item's description is kept, so the page can say where it came from.
    """
    item = form.save(commit=False)
    is_objective = isinstance(item, Objective)
    if is_objective:
        item.position = next_position(alignment.scorecard, item.perspective)
    item.save()
    form.save_m2m()
    alignment.kind = Alignment.Kind.SUPPORTS
    if is_objective:
        alignment.objective = item
    else:
        alignment.measure = item
    return save_checked(alignment)
