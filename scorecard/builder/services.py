"""The builder's writes. A view checks access, validates its form, calls one of these and
redirects; it writes nothing itself.

Forms, one way throughout the builder: where a ModelForm's save() is the whole write (its
row and that row's many-to-many fields, nothing decided beyond what the form checked),
the view calls form.save() and no service is involved. Every other write is a function
here: a place at the end of a list, several rows at once, a rule that may refuse, a
sign-off. One that adds a row a form described takes the form's checked, unsaved
instance (form.save(commit=False)); none takes a form.

A refusal is raised as Refused, whose text is the reason as the page shows it. The
deletion rules are each model's deletion_blocker() (None when the row may go); the rule
for publishing is stages.publish_refusal.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from measures import catalogue
from measures.models import CatalogueEntry, Measure, Target
from organisations.models import OrganisationUnit
from scorecard.builder import stages
from scorecard.builder.selectors import snapshot_of
from scorecard.models import (
    Framework,
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Perspective,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Refused(Exception):
    """A write the rules do not allow; str() of it is the reason, in words for the page."""


def next_position(siblings: QuerySet[Any]) -> int:
    """The position after the last of `siblings`: where a row added to their list goes.

    Every list that is appended to takes its next place from here: themes, SWOT items,
    the objectives of a perspective (from the builder and the key-target review).
    """
    last = siblings.aggregate(Max("position"))["position__max"]
    return (last or 0) + 1


def start_scorecard(*, unit: OrganisationUnit, framework: Framework) -> Scorecard:
    """The unit's new, empty scorecard on the framework chosen."""
    return Scorecard.objects.create(unit=unit, framework=framework)


# Stage 1: the themes, SWOT items and stakeholders of the foundation.


def add_theme(*, theme: StrategicTheme) -> StrategicTheme:
    """Save a new theme after the scorecard's last one."""
    theme.position = next_position(StrategicTheme.objects.filter(scorecard=theme.scorecard_id))
    theme.save()
    return theme


def add_swot_item(*, item: SwotItem) -> SwotItem:
    """Save a new SWOT item after the scorecard's last one (of any kind: the page groups
    them by kind, keeping this order within each)."""
    item.position = next_position(SwotItem.objects.filter(scorecard=item.scorecard_id))
    item.save()
    return item


def delete_theme(*, theme: StrategicTheme) -> None:
    """Delete a theme that nothing uses; refused while objectives or statements use it."""
    if blocker := theme.deletion_blocker():
        raise Refused(blocker)
    theme.delete()


def delete_swot_item(*, item: SwotItem) -> None:
    item.delete()


def delete_stakeholder(*, stakeholder: Stakeholder) -> None:
    stakeholder.delete()


# Stage 2: the strategic summary.


@transaction.atomic
def save_summary(*, cells: Iterable[tuple[StrategicTheme, Perspective, str]]) -> None:
    """Write the theme × perspective grid as typed, all or nothing: a cell's text (without
    the spaces around it) is its statement, and a cell left empty has none."""
    for theme, perspective, text in cells:
        statement = text.strip()
        if statement:
            SummaryStatement.objects.update_or_create(
                theme=theme, perspective=perspective, defaults={"statement": statement}
            )
        else:
            SummaryStatement.objects.filter(theme=theme, perspective=perspective).delete()


# Stage 3: objectives.


def add_objective(*, objective: Objective) -> Objective:
    """Save a new objective after the last one of its perspective, retired ones included."""
    objective.position = next_position(
        Objective.objects.filter(
            scorecard=objective.scorecard_id, perspective=objective.perspective_id
        )
    )
    objective.save()
    return objective


@transaction.atomic
def move_objective(*, objective: Objective, direction: Literal["up", "down"]) -> None:
    """Swap a live objective with its neighbour in its perspective's order, numbering the
    perspective's live objectives 1, 2, 3... again; at the end it would leave, nothing."""
    siblings = list(
        Objective.objects.live()
        .filter(scorecard=objective.scorecard_id, perspective=objective.perspective_id)
        .order_by("position", "code")
    )
    index = siblings.index(objective)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


def toggle_retired(*, item: Objective | Measure) -> None:
    """Retire a live objective or measure (it leaves the scorecard and keeps its data and
    history), or restore a retired one."""
    item.is_retired = not item.is_retired
    item.save(update_fields=["is_retired"])


def delete_objective(*, objective: Objective) -> None:
    """Delete an objective with no measures; refused while it has any (retire it)."""
    if blocker := objective.deletion_blocker():
        raise Refused(blocker)
    objective.delete()


# Stage 4: cause and effect.


def delete_link(*, link: ObjectiveLink) -> None:
    link.delete()


# Stage 5: measures.


def delete_measure(*, measure: Measure) -> None:
    """Delete a measure with no values; refused while it has any (retire it)."""
    if blocker := measure.deletion_blocker():
        raise Refused(blocker)
    measure.delete()


# Stage 6: targets.


def delete_target(*, target: Target) -> None:
    target.delete()


@transaction.atomic
def save_trajectory(*, measure: Measure, periods: list[date], targets: list[Target]) -> None:
    """Make `targets` the measure's planned value for each of their periods, and clear the
    planned values of the other `periods`: the trajectory as the grid shows it.

    Two people saving a plan for one measure at once take turns (the measure's
    row is locked on PostgreSQL; SQLite's IMMEDIATE transactions run one at a
    time), so the second reads the first's targets and never inserts a twin.
    """
    Measure.objects.select_for_update().filter(pk=measure.pk).exists()
    existing = {t.effective_from: t for t in measure.targets.filter(effective_from__in=periods)}
    planned = {target.effective_from: target for target in targets}
    for period in periods:
        stored = existing.get(period)
        if period not in planned:
            if stored:
                stored.delete()
            continue
        target = planned[period]
        if stored and _same_plan(stored, target):
            continue  # unchanged: it keeps when it was recorded
        if stored:
            target.pk = stored.pk
        target.recorded_at = timezone.now()
        target.save()


def adopt_measure(*, entry: CatalogueEntry, objective: Any) -> Measure:
    """A measure of `objective` adopting the catalogue's `entry`, checked and saved."""
    measure = catalogue.adoption(entry, objective=objective)
    measure.full_clean()
    measure.save()
    return measure


def save_trajectories(targets: Mapping[Measure, list[Target]]) -> None:
    """Save each measure's planned values (an imported plan) in one transaction: all of
    them or, if anything fails, none."""
    with transaction.atomic():
        for measure, planned in targets.items():
            save_trajectory(
                measure=measure,
                periods=[target.effective_from for target in planned],
                targets=planned,
            )


def _same_plan(stored: Target, typed: Target) -> bool:
    fields = ("value", "tolerance", "action_trigger", "source", "rationale")
    return all(getattr(stored, name) == getattr(typed, name) for name in fields)


# Stage 7: initiatives.


def delete_initiative(*, initiative: Initiative) -> None:
    """Delete an initiative with its milestones (Django deletes them in one transaction)."""
    initiative.delete()


def delete_milestone(*, milestone: Milestone) -> None:
    milestone.delete()


# Stage 8: implementation.


def publish_scorecard(*, scorecard: Scorecard, user: "User") -> None:
    """Sign the scorecard off by `user` and make it the unit's active scorecard.

    Refused, naming each incomplete stage, unless stages 1 to 7 are complete and the
    readiness checklist holds (stages.publish_refusal, the one rule for it). One row is
    written, so no transaction: the check reads the stages just before, as a page would.
    """
    refusal = stages.publish_refusal(snapshot_of(scorecard))
    if refusal:
        raise Refused(refusal)
    now = timezone.now()
    scorecard.status = Scorecard.Status.ACTIVE
    scorecard.signed_off_by = user
    scorecard.signed_off_at = now
    scorecard.published_at = now
    scorecard.save()
