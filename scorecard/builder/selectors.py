"""Reads for the builder: one query per kind of row, never one per objective."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from measures.models import Measure, Target
from scorecard.builder.measure_sheet import REQUIRED_FIELDS, filled
from scorecard.builder.stages import MeasureFacts, ObjectiveFacts, Snapshot
from scorecard.models import Objective, ObjectiveLink, SummaryStatement


def live_objectives(scorecard):
    return Objective.objects.filter(scorecard=scorecard, is_retired=False)


def live_measures(scorecard):
    return Measure.objects.filter(
        objective__scorecard=scorecard, objective__is_retired=False, is_retired=False
    )


def sheet_gaps(values):
    """Names of the required sheet fields that are blank in `values`."""
    return tuple(name for name in REQUIRED_FIELDS if not filled(values[name]))


def snapshot_of(scorecard):
    latest_target = Target.objects.filter(measure=OuterRef("pk")).order_by("-effective_from")
    objectives = live_objectives(scorecard).annotate(
        live_measure_count=Count("measures", filter=Q(measures__is_retired=False), distinct=True),
        initiative_count=Count("initiatives", distinct=True),
        causes=Exists(ObjectiveLink.objects.filter(cause=OuterRef("pk"))),
        effects=Exists(ObjectiveLink.objects.filter(effect=OuterRef("pk"))),
    )
    measures = live_measures(scorecard).annotate(
        has_target=Exists(latest_target),
        latest_trigger=Subquery(latest_target.values("action_trigger")[:1]),
    )
    return Snapshot(
        mission=scorecard.mission,
        vision=scorecard.vision,
        values=scorecard.values,
        strategy_statement=scorecard.strategy_statement,
        themes=tuple(scorecard.themes.values_list("name", flat=True)),
        swot_kinds=tuple(scorecard.swot_items.values_list("kind", flat=True)),
        stakeholder_count=scorecard.stakeholders.count(),
        perspectives=tuple(
            scorecard.framework.perspectives.filter(is_retired=False).values_list(
                "name", flat=True
            )
        ),
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
