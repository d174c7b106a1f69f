"""Writes of the key-target review. Each checks the row with full_clean() first."""

from typing import TYPE_CHECKING

from django.db import transaction

from measures.models import Alignment, Measure
from scorecard.builder.services import next_position
from scorecard.models import Objective

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
        # After the last objective of the perspective, as the builder adds them.
        item.position = next_position(
            alignment.scorecard.objectives.filter(perspective=item.perspective)
        )
    item.save()
    form.save_m2m()
    alignment.kind = Alignment.Kind.SUPPORTS
    if isinstance(item, Objective):
        alignment.objective = item
    else:
        alignment.measure = item
    return save_checked(alignment)
