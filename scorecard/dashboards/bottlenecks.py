"""The bottleneck view: services others rely on, and when their trouble is everyone's.

A provider is a unit named by a ServiceDependency (Pathology, Imaging). For
each one the user may see: its measures, the units that rely on it with
their waiting-time measures, and the months in which the provider's concern
coincides with its dependants' (see `coincidences`). Everything is read in a
fixed number of queries whatever the number of units and measures.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from measures import spc
from measures.lines import measure_lines
from measures.models import Measure
from measures.selectors import status_for, target_in_force
from measures.status import Status
from organisations.models import OrganisationUnit, ServiceDependency
from scorecard.lib import periods

# The measures that say how long patients wait, chosen by code (the national
# standards' usual codes) rather than by words in a title, which would also
# catch "waiting list validation" and miss "4 hours". Each measure's own
# direction says which way is better: RTT52 and ED12H are lower-is-better.
WAITING_TIME_CODES = {
    "RTT18": "18 weeks referral to treatment",
    "RTT52": "over 52 weeks",
    "RTT1ST": "18 weeks to a first appointment",
    "DM01": "6 weeks for a diagnostic test",
    "CAFDS": "28-day cancer diagnosis",
    "CA31": "31-day cancer treatment",
    "CA62": "62-day cancer treatment",
    "AE4H": "4 hours in A&E",
    "ED12H": "12 hours in the emergency department",
}
# A provider's concern is judged on the measures of the service it gives
# others (how fast it reports, how long patients wait for it), not on its
# staffing or finance measures, which every unit has and which would make
# every month a concern. Its other measures are shown, marked as not counted.
TURNAROUND_CODES = {"PATHTAT", "PATH-HIST", "IMGTAT", "PHARM-TTO"}
SERVICE_CODES = TURNAROUND_CODES | WAITING_TIME_CODES.keys()
MONTHS_SHOWN = 12


def coincidences(months, provider_concerns, dependant_concerns):
    """The months in which a provider's concern coincides with its dependants'.

    `months` are consecutive months, oldest first; the two concern arguments
    are sets of months. A month coincides when the provider has a concern in
    it and at least one dependant has a concern in that same month or in the
    month after it: a diagnostic delay shows in the waits of the units that
    rely on the service at once or a month later. A dependant's concern
    before the provider's does not count (it cannot have been caused by it),
    nor one two months later (too far to tie to it). The last month shown
    can only coincide in the same month: the next one is not known yet.
    """
    found = set()
    for index, month in enumerate(months):
        following = months[index + 1 : index + 2]
        if month in provider_concerns and any(
            later in dependant_concerns for later in [month, *following]
        ):
            found.add(month)
    return found


def concern_months(line, months):
    """The months of `months` in which a measure gives new cause for concern.

    A measure gives concern when it goes off target (off target now, not
    off target in its period before) or shows a special cause of concern. A
    measure that stays off target month after month is a standing problem, not
    a new one: counting every such month would make every month "coincide"
    wherever waits are chronically long, and hide the month a service began to
    hold others up. A month counts through the measure's period that contains
    it, so a quarterly measure's concern covers its quarter's three months. A
    period with no value is no concern: "no data" is said on the page, not
    guessed. SPC concerns count only in groups whose limits mean something.
    """
    measure = line.measure
    concerned = set()
    points = line.spc.points if line.spc else ()
    judged = line.judged_groups
    was_off_target = False
    for observation, point in zip(line.series, points, strict=True):
        target = target_in_force(line.targets, observation.period)
        off_target = status_for(measure, observation.value, target) == Status.OFF_TARGET
        special = point.group in judged and point.classification == spc.CONCERN
        if (off_target and not was_off_target) or special:
            concerned.add(observation.period)
        was_off_target = off_target
    return {m for m in months if periods.period_start(m, measure.frequency) in concerned}


@dataclass
class Watched:
    """A measure as at the month, with the months shown in which it gave concern."""

    line: object
    concerns: set

    @property
    def measure(self):
        return self.line.measure

    @property
    def counts(self):
        """Whether it counts toward a provider's concern (see SERVICE_CODES)."""
        return self.measure.code in SERVICE_CODES


@dataclass
class Dependant:
    unit: OrganisationUnit
    note: str
    measures: list  # Watched, the unit's waiting-time measures


@dataclass
class Month:
    month: object
    provider: bool
    dependants: bool
    coincides: bool

    @property
    def key(self):
        if self.coincides:
            return "coincides"
        if self.provider:
            return "provider"
        return "dependants" if self.dependants else "none"

    @property
    def words(self):
        """(short, in full): what the month's cell says."""
        return MONTH_WORDS[self.key]


MONTH_WORDS = {
    "coincides": ("Coincide", "the service and the units that rely on it are both in concern"),
    "provider": ("Service", "a concern in the service only"),
    "dependants": ("Units", "a concern in the units that rely on it only"),
    "none": ("None", "no concern"),
}


@dataclass
class Provider:
    unit: OrganisationUnit
    months: list
    measures: list = field(default_factory=list)  # Watched
    dependants: list = field(default_factory=list)
    hidden_dependants: int = 0

    @property
    def service_measures(self):
        return [w for w in self.measures if w.measure.code in SERVICE_CODES]

    @property
    def provider_concerns(self):
        return set().union(*(w.concerns for w in self.service_measures))

    @property
    def dependant_concerns(self):
        return set().union(*(w.concerns for d in self.dependants for w in d.measures))

    @property
    def timeline(self):
        mine, theirs = self.provider_concerns, self.dependant_concerns
        both = coincidences(self.months, mine, theirs)
        return [Month(m, m in mine, m in theirs, m in both) for m in self.months]

    @property
    def coinciding_months(self):
        return [month.month for month in self.timeline if month.coincides]

    @property
    def coinciding_count(self):
        return len(self.coinciding_months)


def last_months(as_at, count=MONTHS_SHOWN):
    return [periods.add_periods(as_at, periods.MONTHLY, back) for back in range(1 - count, 1)]


def providers_at(user, as_at, root=None, *, known_at=None, visible=None):
    """[Provider] the user may see, as at the month `as_at`, within `root`'s subtree if given.

    A dependency is in scope when its provider or its dependant is in the
    subtree; the provider must be visible to the user, and dependants the
    user cannot see are only counted. `visible`, when given, is the units
    seen instead of the user's (a board pack: what every reader of its unit
    may see).
    """
    if visible is None:
        visible = OrganisationUnit.objects.visible_to(user)
    dependencies = ServiceDependency.objects.filter(provider__in=visible).select_related(
        "unit", "provider"
    )
    if root is not None:
        dependencies = dependencies.touching(root)
    dependencies = list(dependencies.order_by("provider__name", "unit__name"))
    seen = set(
        visible.filter(pk__in=[d.unit_id for d in dependencies]).values_list("pk", flat=True)
    )
    provider_ids = {d.provider_id for d in dependencies}
    measures = list(
        Measure.objects.live()
        .filter(
            Q(objective__scorecard__unit__in=provider_ids)
            | Q(objective__scorecard__unit__in=seen, code__in=WAITING_TIME_CODES)
        )
        .select_related("objective__scorecard")
        .order_by("code")
    )
    lines = measure_lines(measures, as_at, known_at=known_at)
    months = last_months(as_at)
    providers, waits_of = {}, {}
    for measure in measures:
        unit_id = measure.objective.scorecard.unit_id
        line = lines[measure.pk]
        watched = Watched(line, concern_months(line, months))
        if unit_id in provider_ids:
            providers.setdefault(unit_id, []).append(watched)
        if measure.code in WAITING_TIME_CODES:
            waits_of.setdefault(unit_id, []).append(watched)
    result = {}
    for dependency in dependencies:
        provider = result.setdefault(
            dependency.provider_id,
            Provider(dependency.provider, months, providers.get(dependency.provider_id, [])),
        )
        if dependency.unit_id in seen:
            provider.dependants.append(
                Dependant(dependency.unit, dependency.note, waits_of.get(dependency.unit_id, []))
            )
        else:
            provider.hidden_dependants += 1
    return list(result.values())
