"""What the closing pages read: what a close would freeze, and the versions kept."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q

from cycle.completion import Row, completion
from cycle.models import ReportedUnit
from organisations.models import OrganisationUnit
from scorecard.closing.services import current_records
from scorecard.models import Scorecard


@dataclass
class Preview:
    """What closing `month` for `unit` would do: completion, the units frozen, any refusal."""

    unit: OrganisationUnit
    month: date
    completion: list[Row]
    # (unit, number of live measures) of each unit whose record would be frozen.
    frozen: list[tuple[OrganisationUnit, int]]
    closed: list[ReportedUnit]
    today: date

    @property
    def measure_count(self) -> int:
        return sum(count for _, count in self.frozen)

    @property
    def due_by(self) -> date | None:
        """The last due date of the month's values in the subtree (units' windows differ)."""
        return max((row.cells[0].due_date for row in self.completion), default=None)

    @property
    def before_due(self) -> bool:
        """Whether values may still arrive on time: closing now makes each one a correction."""
        return self.due_by is not None and self.today <= self.due_by

    @property
    def part_closed(self) -> bool:
        """Whether some units below are closed but not the unit itself."""
        return bool(self.closed) and all(r.unit_id != self.unit.pk for r in self.closed)


def preview(unit: OrganisationUnit, month: date, today: date) -> Preview:
    """The completion of `month` in `unit`'s subtree and what a close would freeze."""
    units = (
        OrganisationUnit.objects.in_subtree(unit).filter(is_active=True).order_by("tree_id", "lft")
    )
    scorecards = (
        Scorecard.objects.in_subtree(unit)
        .select_related("unit")
        .annotate(
            live=Count(
                "objectives__measures",
                filter=Q(
                    objectives__is_retired=False,
                    objectives__measures__is_retired=False,
                ),
            )
        )
        .order_by("unit__tree_id", "unit__lft")
    )
    return Preview(
        unit=unit,
        month=month,
        completion=completion(units, [month], today),
        frozen=[(scorecard.unit, scorecard.live) for scorecard in scorecards],
        closed=current_records(unit, month),
        today=today,
    )


def closed_months(unit: OrganisationUnit) -> list[date]:
    """The months closed now for `unit` or a unit below it, latest first: what may be reopened."""
    return list(
        ReportedUnit.objects.filter(
            unit__in=OrganisationUnit.objects.in_subtree(unit), reopened__isnull=True
        )
        .order_by("-month")
        .values_list("month", flat=True)
        .distinct()
    )


def versions_in(unit: OrganisationUnit) -> Any:
    """Every version of the record of `unit` and the units below it, newest month first."""
    return (
        ReportedUnit.objects.filter(unit__in=OrganisationUnit.objects.in_subtree(unit))
        .select_related("unit", "closed__by", "closed__unit", "reopened__by", "reopened__unit")
        .order_by("-month", "unit__tree_id", "unit__lft", "-version")
    )


def version_of(unit: OrganisationUnit, pk: int) -> ReportedUnit | None:
    """One version of `unit`'s own record, with its measure rows, or None."""
    return (
        ReportedUnit.objects.filter(unit=unit, pk=pk)
        .select_related("unit", "closed__by", "reopened__by")
        .first()
    )
