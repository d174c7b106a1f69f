"""Freezing a unit's dashboard as at a month into the rows of its reported record.

`freeze(dashboard)` turns a `Dashboard` built with history
(scorecard.dashboards.dashboard.build_many(scorecards, as_at=month)) into
unsaved rows: a `ReportedUnit` (the unit's roll-up), a `ReportedScore` per
objective line and per perspective line shown, and a `ReportedMeasure` per
measure line, each holding what the unit's pages showed, and the unit's
content hash. It reads nothing from the database: what it needs is on the
dashboard. The close service (services.py) saves the rows.

What each row holds:

- the unit and each objective and perspective: score (float or None), status
  (a `Status` key such as "on_target"), counts ({status key: measures}) and,
  when its framework's rule capped the score, why ("Capped at 3.2: ...");
- each measure: the period due; value, numerator, denominator, comment, who
  entered it and when, from the observation of that period (None or blank
  when there is none); the target in force (value, upper value, tolerance,
  action trigger); status, score, past the trigger; the SPC judgement
  (variation, assurance, the rule behind a concern, why it is not judged)
  and, when judged, the latest point's mean and process limits; the values
  the sparkline drew (MeasureLine.recent) as [[period ISO, str(value)], ...];
  for a computed total that some units below left out, which reported and
  which did not ({"reported": [names], "missing": [names]}).

The content hash (`content_hash`) is SHA-256 of a canonical JSON of those
rows, so anyone can recompute it from the stored rows and see that the record
is what was reported: keys sorted, no spaces; scores sorted by kind
("objective" before "perspective") and id, measures by measure id; decimals
as plain normalised strings ("62.7", never "62.700000" or "6.27E+1"), times
in UTC ISO 8601, people by user id, floats as Python writes them. Why a
score was capped is part of it only when it was, and a measure's year to
date and annual threshold only when it has them, and its coverage only when
incomplete, so a record frozen before any of them existed hashes as it did.
The version and the close that made the rows are not part of it: two
versions with the same figures have the same hash.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from cycle.models import ReportedMeasure, ReportedScore, ReportedUnit
from measures.lines import MeasureLine
from measures.scores import Rollup
from measures.selectors import Coverage


@dataclass
class Frozen:
    """One unit's unsaved rows for a month; `unit` has no version or close yet."""

    unit: ReportedUnit
    scores: list[ReportedScore]
    measures: list[ReportedMeasure]


def counts_of(rollup: Rollup) -> dict[str, int]:
    """{status key: number of measures}, leaving out statuses no measure has."""
    return {status.key: count for status, count in rollup.counts.items() if count}


def freeze(dashboard: Any, month: date, coverage: Mapping[int, Coverage] | None = None) -> Frozen:
    """The rows of `dashboard` (a Dashboard built with history as at `month`), hashed.

    `coverage` is {measure id: Coverage} of its computed totals (coverage_of).
    """
    coverage = coverage or {}
    rollup = dashboard.rollup
    unit = ReportedUnit(
        unit_id=dashboard.unit.pk,
        month=month,
        score=rollup.score,
        status=rollup.status.key,
        counts=counts_of(rollup),
        capped=rollup.capped,
    )
    scores = [
        ReportedScore(
            objective_id=line.objective.pk,
            score=line.rollup.score,
            status=line.rollup.status.key,
            counts=counts_of(line.rollup),
            capped=line.rollup.capped,
        )
        for line in dashboard.objectives
    ]
    scores += [
        ReportedScore(
            perspective_id=line.perspective.pk,
            score=line.rollup.score,
            status=line.rollup.status.key,
            counts=counts_of(line.rollup),
            capped=line.rollup.capped,
        )
        for line in dashboard.perspectives
    ]
    measures = [
        reported_measure(line, coverage.get(line.measure.pk)) for line in dashboard.measures
    ]
    unit.content_hash = content_hash(unit, scores, measures)
    return Frozen(unit, scores, measures)


def reported_measure(line: MeasureLine, coverage: Coverage | None = None) -> ReportedMeasure:
    """A measure's line as its unit's pages showed it, as an unsaved row."""
    observation: Any = line.observation
    target: Any = line.target
    point = line.spc.points[-1] if line.judgeable and line.spc else None
    return ReportedMeasure(
        measure_id=line.measure.pk,
        period=line.period,
        value=observation.value if observation else None,
        numerator=observation.numerator if observation else None,
        denominator=observation.denominator if observation else None,
        comment=observation.comment if observation else "",
        entered_by_id=observation.entered_by_id if observation else None,
        entered_at=observation.entered_at if observation else None,
        target=target.value if target else None,
        target_upper=target.upper_value if target else None,
        tolerance=target.tolerance if target else None,
        action_trigger=target.action_trigger if target else None,
        year_to_date=line.year_to_date,
        annual_threshold=line.annual.threshold if line.annual else None,
        status=line.status.key,
        score=line.score,
        past_trigger=line.past_trigger,
        variation=line.variation or "",
        assurance=line.assurance or "",
        concern=line.concern or "",
        not_judged=line.not_judged or "",
        mean=point.mean if point else None,
        lower_limit=point.lpl if point else None,
        upper_limit=point.upl if point else None,
        series=[[o.period.isoformat(), str(o.value)] for o in line.recent],
        coverage=coverage.stored() if coverage and coverage.partial else None,
    )


# What the hash reads of each row, in this order (the JSON sorts them anyway).
MEASURE_FIELDS = (
    "measure_id",
    "period",
    "value",
    "numerator",
    "denominator",
    "comment",
    "entered_by_id",
    "entered_at",
    "target",
    "target_upper",
    "tolerance",
    "action_trigger",
    "status",
    "score",
    "past_trigger",
    "variation",
    "assurance",
    "concern",
    "not_judged",
    "mean",
    "lower_limit",
    "upper_limit",
    "series",
)


# Part of a measure's hash only when set, so a record frozen before measures had a
# year to date, or before totals kept their coverage, hashes as it did.
WHEN_SET_FIELDS = ("year_to_date", "annual_threshold", "coverage")


def when_set(row: ReportedMeasure) -> dict[str, Any]:
    return {name: getattr(row, name) for name in WHEN_SET_FIELDS if getattr(row, name) is not None}


def canonical(value: object) -> object:
    """A value as the hash's JSON holds it (see the module's docstring)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    return value


def content_hash(
    unit: ReportedUnit, scores: Iterable[ReportedScore], measures: Iterable[ReportedMeasure]
) -> str:
    """SHA-256 (hex) of the canonical JSON of one unit's rows, saved or not."""
    content = {
        "unit": unit.unit_id,
        "month": unit.month,
        "score": unit.score,
        "status": unit.status,
        "counts": unit.counts,
        **({"capped": unit.capped} if unit.capped else {}),
        "scores": sorted(
            (
                [
                    "objective" if row.objective_id else "perspective",
                    row.objective_id or row.perspective_id,
                    row.score,
                    row.status,
                    row.counts,
                    *([row.capped] if row.capped else []),
                ]
                for row in scores
            ),
            key=lambda row: (row[0], row[1]),
        ),
        "measures": sorted(
            (
                {name: getattr(row, name) for name in MEASURE_FIELDS} | when_set(row)
                for row in measures
            ),
            key=lambda row: row["measure_id"],
        ),
    }
    text = json.dumps(canonical(content), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
