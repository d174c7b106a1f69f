"""What was known when: a month "as at" the end of its reporting window.

A month's figures as at that month are what was known when its values were
due: the end of its due date (`reporting_calendar.due_date`, the unit's
working days from `organisations.reporting`), in local time. A value
entered or corrected after it, a target recorded after it (`recorded_at`),
a restart of the limits recorded after it (`created_at`) are not used. A
month whose window has not ended yet has no cutoff: everything known now
is what is known (and no history is read). "?figures=latest" asks for
everything known now whatever the month: "latest, including revisions".

A page about one unit uses that unit's working days; a page spanning units
(the cascade, the bottleneck view, compare) uses those of the unit it is
about when one is chosen (?unit=, or the unit whose siblings are compared),
else the trust-wide REPORTING_WORKING_DAYS setting. One cutoff per page, so
the page can say which day its figures are as known on.

The value of a measure for a period as it stood at a cutoff comes from the
history django-simple-history keeps of each observation: the latest history
row at or before the cutoff, unless that row is a deletion. Only values
changed (or deleted) since the cutoff are read from the history, in one
query; the rest are as they are now. A value written without a history row
(`generate_trust`'s bulk insert) is taken as it is now.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from measures.models import Observation
from organisations.models import OrganisationUnit
from organisations.reporting import reporting_working_days
from scorecard.lib import periods
from scorecard.lib.reporting_calendar import due_date
from scorecard.lib.words import figures_in_words

LATEST = "latest"


def window_end(month: date, working_days: int) -> datetime:
    """The last moment of `month`'s reporting window: the end of its due date, local time."""
    due = due_date(month, periods.MONTHLY, working_days)
    following = timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min))
    end: datetime = following - timedelta(microseconds=1)
    return end


def cutoff(month: date, working_days: int, now: datetime) -> datetime | None:
    """What `month` is as at: the end of its window if that has passed, else None (now)."""
    end = window_end(month, working_days)
    return end if end < now else None


@dataclass(frozen=True)
class Figures:
    """Which figures a page shows for its month, and how it says so."""

    month: date
    latest: bool  # "?figures=latest": everything known now
    cutoff: datetime | None  # the end of the month's window if it has passed, else None
    due: date  # the day the month's values are due
    today: date
    # The page's own address parameters, for the switch between the two.
    params: tuple[tuple[str, str], ...] = ()
    # When the month was closed for the page's unit, on a page that cannot read
    # the reported record (the measure page, compare): it points to the dashboard.
    closed_on: date | None = None

    @property
    def known_at(self) -> datetime | None:
        """The moment the figures are read at; None: everything known now."""
        return None if self.latest else self.cutoff

    @property
    def as_known_on(self) -> date:
        """The day the figures as known are as known on: the due date, or today."""
        return timezone.localdate(self.cutoff) if self.cutoff else self.today

    @property
    def sentence(self) -> str:
        known_on = None if self.latest else self.as_known_on
        return figures_in_words(known_on, closed=self.closed_on is not None)

    @property
    def other_sentence(self) -> str:
        """The sentence of the figures the switch leads to."""
        return figures_in_words(self.as_known_on if self.latest else None)

    @property
    def may_differ(self) -> bool:
        """Whether the latest figures may differ from those as known: only then the switch."""
        return self.cutoff is not None

    @property
    def query(self) -> str:
        """The month and figures, for links to other pages as at the same month."""
        query = f"as_at={self.month:%Y-%m}"
        return f"{query}&figures={LATEST}" if self.latest else query

    @property
    def switch_query(self) -> str:
        """This page's address parameters with the other figures chosen."""
        kept = [(name, value) for name, value in self.params if name not in ("figures", "as_at")]
        kept.append(("as_at", f"{self.month:%Y-%m}"))
        if not self.latest:
            kept.append(("figures", LATEST))
        return urlencode(kept)


def closed_on(unit: OrganisationUnit, month: date) -> date | None:
    """The day `month` was closed for `unit` or a unit below it (their current reported
    record; the latest such close), or None; one query.

    Read through the units' `reported` relation: the record is cycle's, which
    sits above measures.
    """
    closed_at = (
        OrganisationUnit.objects.in_subtree(unit)
        .filter(reported__month=month, reported__reopened__isnull=True)
        .order_by("-reported__closed__at")
        .values_list("reported__closed__at", flat=True)
        .first()
    )
    return timezone.localdate(closed_at) if closed_at else None


def figures_for(
    unit: OrganisationUnit | None,
    month: date,
    params: Any,
    *,
    now: datetime | None = None,
    closed: date | None = None,
) -> Figures:
    """The figures a page about `unit` shows for `month`, from its address parameters.

    `params` is the request's GET (a QueryDict) or any mapping of names to
    values. One query (the unit's working days); none without a unit (the
    trust-wide setting).
    """
    now = now or timezone.now()
    days: int = (
        reporting_working_days([unit])[unit.pk]
        if unit is not None
        else settings.REPORTING_WORKING_DAYS
    )
    pairs = (
        [(name, value) for name, values in params.lists() for value in values]
        if hasattr(params, "lists")
        else list(params.items())
    )
    return Figures(
        month=month,
        latest=params.get("figures") == LATEST,
        cutoff=cutoff(month, days, now),
        due=due_date(month, periods.MONTHLY, days),
        today=timezone.localdate(now),
        params=tuple((str(name), str(value)) for name, value in pairs),
        closed_on=closed,
    )


def closed_on_any(units: QuerySet[OrganisationUnit], month: date) -> date | None:
    """The latest day `month` was closed for any of `units` (a page of many units: compare
    across the trust), or None; one query."""
    closed_at = (
        OrganisationUnit.objects.filter(
            pk__in=units.values("pk"), reported__month=month, reported__reopened__isnull=True
        )
        .order_by("-reported__closed__at")
        .values_list("reported__closed__at", flat=True)
        .first()
    )
    return timezone.localdate(closed_at) if closed_at else None


def values_known_at(
    measure_ids: Iterable[int] | QuerySet[Any, Any], known_at: datetime, read: Q
) -> dict[tuple[int, date], Observation | None]:
    """{(measure id, period): the value as it stood at `known_at`, or None if there was none}.

    Only for the values among `read` (a filter on Observation's measure and
    period fields) changed or deleted since `known_at`: every other value
    stands as it is now. One query: each such value's history, oldest first.
    """
    history = Observation.history.model
    changed_since = history.objects.filter(
        measure_id=OuterRef("measure_id"), period=OuterRef("period"), history_date__gt=known_at
    )
    rows = (
        history.objects.filter(read, measure_id__in=measure_ids)
        .filter(Exists(changed_since))
        .order_by("measure_id", "period", "history_date", "history_id")
    )
    stood: dict[tuple[int, date], Observation | None] = {}
    for row in rows:
        key = (row.measure_id, row.period)
        stood.setdefault(key, None)
        if row.history_date <= known_at:
            stood[key] = None if row.history_type == "-" else row.instance
    return stood
