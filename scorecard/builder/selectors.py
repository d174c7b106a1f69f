"""Reads for the builder: one query per kind of row, never one per objective."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from measures.baseline import BASELINE_LENGTH
from measures.models import Measure, Observation, Target
from scorecard.builder import strategy_map
from scorecard.builder.measure_sheet import REQUIRED_FIELDS, filled
from scorecard.builder.stages import MeasureFacts, ObjectiveFacts, Snapshot
from scorecard.models import Objective, ObjectiveLink, Scorecard, SummaryStatement


def parent_objectives(scorecard):
    """The live objectives an objective of this scorecard may contribute to, or None."""
    parent = Scorecard.objects.filter(unit_id=scorecard.unit.parent_id).first()
    if parent is None:
        return None
    return parent.objectives.live().select_related("perspective")


def sheet_gaps(values):
    """Names of the required sheet fields that are blank in `values`."""
    return tuple(name for name in REQUIRED_FIELDS if not filled(values[name]))


def snapshot_of(scorecard: Scorecard) -> Snapshot:
    latest_target = Target.objects.filter(measure=OuterRef("pk")).order_by("-effective_from")
    objectives = (
        Objective.objects.live()
        .filter(scorecard=scorecard)
        .annotate(
            # The objective is live, so a measure of it is live unless retired itself.
            live_measure_count=Count(
                "measures", filter=Q(measures__is_retired=False), distinct=True
            ),
            initiative_count=Count("initiatives", distinct=True),
            causes=Exists(ObjectiveLink.objects.filter(cause=OuterRef("pk"))),
            effects=Exists(ObjectiveLink.objects.filter(effect=OuterRef("pk"))),
        )
    )
    measures = (
        Measure.objects.live()
        .filter(objective__scorecard=scorecard)
        .annotate(
            has_target=Exists(latest_target),
            latest_trigger=Subquery(latest_target.values("action_trigger")[:1]),
        )
    )
    return Snapshot(
        mission=scorecard.mission,
        vision=scorecard.vision,
        values=scorecard.values,
        strategy_statement=scorecard.strategy_statement,
        themes=tuple(scorecard.themes.values_list("name", flat=True)),
        swot_kinds=tuple(scorecard.swot_items.values_list("kind", flat=True)),
        stakeholder_count=scorecard.stakeholders.count(),
        perspectives=tuple(scorecard.framework.perspectives.live().values_list("name", flat=True)),
        statement_cells=frozenset(
            SummaryStatement.objects.filter(theme__scorecard=scorecard).values_list(
                "theme__name", "perspective__name"
            )
        ),
        objectives=tuple(
            ObjectiveFacts(
                code=row["code"],
                perspective=row["perspective__name"],
                has_link=row["causes"] or row["effects"],
                measure_count=row["live_measure_count"],
                initiative_count=row["initiative_count"],
            )
            for row in objectives.values(
                "code",
                "perspective__name",
                "live_measure_count",
                "initiative_count",
                "causes",
                "effects",
            )
        ),
        measures=tuple(
            MeasureFacts(
                code=row["code"],
                sheet_gaps=sheet_gaps(row),
                has_target=row["has_target"],
                has_action_trigger=row["latest_trigger"] is not None,
            )
            for row in measures.values("code", "has_target", "latest_trigger", *REQUIRED_FIELDS)
        ),
        initiative_count=scorecard.initiatives.count(),
        initiatives_serving_nothing=scorecard.initiatives.filter(objectives__isnull=True).count(),
        link_count=ObjectiveLink.objects.filter(cause__scorecard=scorecard).count(),
        status=scorecard.status,
        signed_off=scorecard.signed_off_at is not None,
        data_quality_process=scorecard.data_quality_process,
        review_cadence_set=bool(scorecard.performance_review_cadence),
    )


def measures_with_targets(scorecard):
    """All the scorecard's measures, each knowing whether it has a target."""
    return Measure.objects.filter(objective__scorecard=scorecard).annotate(
        has_target=Exists(Target.objects.filter(measure=OuterRef("pk")))
    )


def live_measures_with_targets(scorecard):
    """The live measures in the scorecard's order, their targets prefetched."""
    return (
        Measure.objects.live()
        .filter(objective__scorecard=scorecard)
        .select_related("objective")
        .prefetch_related("targets")
        .order_by("objective__perspective__position", "objective__position", "code")
    )


def recent_values(measures):
    """The last BASELINE_LENGTH values of each measure, oldest first, in one query."""
    by_measure = {m.pk: [] for m in measures}
    for observation in Observation.objects.filter(measure__in=measures).order_by("period"):
        by_measure[observation.measure_id].append(observation)
    return {pk: values[-BASELINE_LENGTH:] for pk, values in by_measure.items()}


# The history on the implementation page: the scorecard and what hangs from
# it, newest first.
HISTORY_LENGTH = 30
HISTORY_VERBS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def change_history(scorecard):
    """The latest changes to the scorecard, its objectives, measures and targets.

    Each is described from the history row itself (one query per kind), not
    from a rebuilt instance, which would fetch its relations row by row.
    """
    sources = [
        (Scorecard.history.filter(id=scorecard.pk), lambda r: "the scorecard"),
        (
            Objective.history.filter(scorecard_id=scorecard.pk),
            lambda r: f"objective {r.code} {r.title}",
        ),
        (
            Measure.history.filter(objective__scorecard=scorecard),
            lambda r: f"measure {r.code} {r.title}",
        ),
        (
            Target.history.filter(measure__objective__scorecard=scorecard).select_related(
                "measure"
            ),
            lambda r: f"target of {r.measure.code} from {r.effective_from:%b %Y}",
        ),
    ]
    changes = [
        {
            "when": record.history_date,
            "who": record.history_user,
            "what": f"{HISTORY_VERBS[record.history_type]} {describe(record)}",
        }
        for records, describe in sources
        for record in records.select_related("history_user").order_by("-history_date")[
            :HISTORY_LENGTH
        ]
    ]
    changes.sort(key=lambda change: change["when"], reverse=True)
    return changes[:HISTORY_LENGTH]


def map_of(scorecard, max_lines=strategy_map.MAX_LINES):
    """The strategy map's geometry, warnings and links for the scorecard's live objectives."""
    objectives = list(
        scorecard.objectives.live().select_related("perspective").order_by("position", "code")
    )
    perspectives = [
        p
        for p in scorecard.framework.perspectives.all()
        if not p.is_retired or any(o.perspective_id == p.pk for o in objectives)
    ]
    lane_of = {p.pk: index for index, p in enumerate(perspectives)}
    placed = [
        strategy_map.MapObjective(o.pk, o.code, o.title, lane_of[o.perspective_id])
        for o in objectives
    ]
    drawn = list(
        ObjectiveLink.objects.filter(cause__in=objectives, effect__in=objectives).select_related(
            "cause", "effect"
        )
    )
    links = [(link.cause_id, link.effect_id) for link in drawn]
    return {
        "map": strategy_map.layout([p.name for p in perspectives], placed, links, max_lines),
        "map_warnings": strategy_map.warnings(placed, links),
        # The links the map draws, for the table that says them in words.
        "map_links": drawn,
    }
