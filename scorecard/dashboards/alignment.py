"""Objective alignment down the tree: which objectives below a unit contribute to its own.

An objective contributes to one objective of its parent unit's scorecard
(`Objective.contributes_to`), so contributions form a tree that follows the
unit tree: a department's objective feeds a directorate's, which feeds the
trust's. Everything is read in a fixed number of queries whatever the size
of the tree (the subtree's scorecards, which of their units the user may see,
then build_many's reads for the statuses), and assembled in plain Python.
"""

from dataclasses import dataclass, field

from cycle.record import REPORTED
from organisations.models import OrganisationUnit
from scorecard.dashboards import dashboard
from scorecard.models import Objective, Scorecard


@dataclass
class Contribution:
    """An objective with its unit, its roll-up (status, score) and those that feed it."""

    line: dashboard.ObjectiveLine
    unit: OrganisationUnit
    contributors: list = field(default_factory=list)

    @property
    def objective(self):
        return self.line.objective

    @property
    def rollup(self):
        return self.line.rollup


@dataclass
class SubtreeAlignment:
    unit: OrganisationUnit
    objectives: list  # Contribution per objective of the unit's own scorecard
    orphans: list  # Contribution per objective below that feeds nothing above
    hidden_count: int  # live objectives in units below that the user cannot see
    reported_count: int = 0  # units shown as reported: they have closed the month
    shown_count: int = 0  # units shown

    @property
    def unsupported(self):
        """The unit's objectives that nothing below contributes to."""
        return [top for top in self.objectives if not top.contributors]


def alignment_of(unit, user, as_at, *, known_at=None, figures=REPORTED):
    """The SubtreeAlignment of `unit`'s subtree as `user` may see it, as at the month `as_at`."""
    scorecards = list(
        Scorecard.objects.in_subtree(unit).select_related("unit").order_by("unit__lft")
    )
    visible = set(
        OrganisationUnit.objects.visible_to(user)
        .filter(pk__in=[s.unit_id for s in scorecards])
        .values_list("pk", flat=True)
    )
    shown = [s for s in scorecards if s.unit_id in visible]
    hidden = [s for s in scorecards if s.unit_id not in visible]
    hidden_count = Objective.objects.live().filter(scorecard__in=hidden).count() if hidden else 0

    nodes = {}
    boards = dashboard.build_many(
        shown, as_at, history=False, known_at=known_at, figures=figures
    ).values()
    reported_count = sum(board.record is not None for board in boards)
    for board in boards:
        for line in board.objectives:
            nodes[line.objective.pk] = Contribution(line, board.unit)
    # Attach each objective to the one it feeds; dicts keep the tree order.
    orphans = []
    for node in nodes.values():
        if node.unit.pk == unit.pk:
            continue
        feeds = nodes.get(node.objective.contributes_to_id)
        if feeds is None:
            orphans.append(node)
        else:
            feeds.contributors.append(node)
    tops = [node for node in nodes.values() if node.unit.pk == unit.pk]
    return SubtreeAlignment(unit, tops, orphans, hidden_count, reported_count, len(shown))
