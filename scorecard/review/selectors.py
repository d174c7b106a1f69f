"""Reads of the key-target review, each in a fixed number of queries.

The review brings in the services the unit relies on: a ServiceDependency's
provider (pathology, imaging) of the unit or of any unit below it. Their
live measures and objectives can be placed in the unit's review; the
placement belongs to the reviewing scorecard (Alignment.scorecard) while
its measure or objective stays the provider's.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from cycle.record import REPORTED, coverage_of_lines, lines_as_at
from measures.models import Alignment, KeyTarget, Measure
from measures.scores import roll_up
from organisations.models import OrganisationUnit, ServiceDependency
from scorecard.models import Objective
from scorecard.review import rules


def provider_ids(unit):
    """A subquery of the units that `unit`, or a unit below it, relies on (not `unit` itself)."""
    return ServiceDependency.objects.in_subtree(unit).exclude(provider=unit).values("provider_id")


def reviewed_units(unit):
    """The unit and the providers it relies on: whose measures and objectives can be placed."""
    return OrganisationUnit.objects.filter(Q(pk=unit.pk) | Q(pk__in=provider_ids(unit)))


def candidate_measures(scorecard):
    return (
        Measure.objects.live()
        .filter(objective__scorecard__unit__in=reviewed_units(scorecard.unit))
        .select_related("objective__scorecard__unit")
        .order_by("objective__scorecard__unit__lft", "code")
    )


def candidate_objectives(scorecard):
    return (
        Objective.objects.live()
        .filter(scorecard__unit__in=reviewed_units(scorecard.unit))
        .select_related("scorecard__unit", "perspective")
        .order_by("scorecard__unit__lft", "perspective__position", "position", "code")
    )


def key_targets_with_counts(scorecard):
    """The active key targets, 18-week RTT first, each with `counts`: [(kind, label, n)]."""
    in_scorecard = Q(alignments__scorecard=scorecard)
    annotations = {
        f"n_{kind}": Count("alignments", filter=in_scorecard & Q(alignments__kind=kind))
        for kind, _ in rules.COLUMNS
    }
    key_targets = rules.in_review_order(
        KeyTarget.objects.filter(is_active=True).annotate(**annotations)
    )
    for key_target in key_targets:
        key_target.counts = [
            (kind, label, getattr(key_target, f"n_{kind}")) for kind, label in rules.COLUMNS
        ]
    return key_targets


@dataclass
class ReviewItem:
    alignment: Alignment
    unit: OrganisationUnit | None  # whose measure or objective; None for a missing item
    is_own: bool  # in the reviewing scorecard, not a provider's
    line: object = None  # a placed measure's MeasureLine
    rollup: object = None  # a placed objective's roll-up of its measures
    warning: str = ""
    coverage: object = None  # a placed computed total's Coverage of the units below

    @property
    def item(self):
        return self.alignment.measure or self.alignment.objective

    @property
    def sort_key(self):
        return (not self.is_own, self.item.code if self.item else self.alignment.description)


def review_of(scorecard, key_target, as_at, *, known_at=None, figures=REPORTED):
    """[(kind, label, [ReviewItem])] for the four columns, in a fixed number of queries.

    A unit that has closed the month `as_at` is read as reported (cycle.record),
    unless `figures` is LATEST; the others as known at `known_at`.
    """
    alignments = list(
        Alignment.objects.filter(scorecard=scorecard, key_target=key_target).select_related(
            "measure__objective__scorecard__unit",
            "objective__scorecard__unit",
            "objective__perspective",
        )
    )
    objective_ids = [a.objective_id for a in alignments if a.objective_id]
    placed = [a.measure for a in alignments if a.measure_id]
    # A placed objective reads as the roll-up of its live measures.
    under_objectives = list(Measure.objects.live().filter(objective_id__in=objective_ids))
    lines = lines_as_at([*placed, *under_objectives], as_at, known_at=known_at, figures=figures)
    by_objective = defaultdict(list)
    for measure in under_objectives:
        by_objective[measure.objective_id].append(lines[measure.pk].rollup)
    # A placed total missing a unit below says so, as it does on every page.
    coverage = coverage_of_lines((lines[m.pk] for m in placed), known_at)
    columns = {kind: [] for kind, _ in rules.COLUMNS}
    for alignment in alignments:
        item = review_item(alignment, scorecard, lines, by_objective)
        item.coverage = coverage.get(alignment.measure_id)
        columns[alignment.kind].append(item)
    return [
        (kind, label, sorted(columns[kind], key=lambda i: i.sort_key))
        for kind, label in rules.COLUMNS
    ]


def review_item(alignment, scorecard, lines, by_objective):
    if alignment.measure_id:
        line = lines[alignment.measure_id]
        owner = alignment.measure.objective.scorecard
        return ReviewItem(
            alignment,
            owner.unit,
            owner.pk == scorecard.pk,
            line=line,
            warning=rules.trigger_warning(alignment.kind, line.target),
        )
    if alignment.objective_id:
        owner = alignment.objective.scorecard
        rollup = roll_up([(1, r) for r in by_objective[alignment.objective_id]])
        return ReviewItem(alignment, owner.unit, owner.pk == scorecard.pk, rollup=rollup)
    return ReviewItem(alignment, None, True)
