"""Writes of the key-target review. Each checks the row with full_clean() first."""

from django.db import transaction

from measures.models import Alignment
from scorecard.builder.services import next_position
from scorecard.models import Objective


def save_checked(alignment):
    alignment.full_clean()
    alignment.save()
    return alignment


def move(alignment, kind):
    """Put a placed measure or objective in another column."""
    alignment.kind = kind
    return save_checked(alignment)


@transaction.atomic
def convert_missing(alignment, form):
    """Make a missing item real: save the builder form's new objective or measure, then
    put it in the "supports" column in the missing item's place, all or nothing.

    The missing item's description is kept, so the page can say where it came from.
    """
    item = form.save(commit=False)
    is_objective = isinstance(item, Objective)
    if is_objective:
        # After the last objective of the perspective, as the builder adds them.
        item.position = next_position(
            alignment.scorecard.objectives.filter(perspective=item.perspective)
        )
    item.save()
    form.save_m2m()
    alignment.kind = Alignment.Kind.SUPPORTS
    if is_objective:
        alignment.objective = item
    else:
        alignment.measure = item
    return save_checked(alignment)
