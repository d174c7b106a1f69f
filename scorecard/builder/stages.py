"""The eight design stages and how far a scorecard has got with each.

Plain functions over plain values: a stage's state is computed from what the
scorecard holds, never typed in. Each rule returns what is still missing in
words, so the overview can tell a manager what to do next.
"""

from dataclasses import dataclass

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
COMPLETE = "complete"

# About 25 objectives is the most a scorecard can keep in focus.
OBJECTIVE_WARNING_LIMIT = 25


@dataclass(frozen=True)
class Stage:
    number: int
    slug: str
    title: str


STAGES = (
    Stage(1, "foundation", "Strategic foundation"),
    Stage(2, "summary", "Multi-dimensional strategic summary"),
    Stage(3, "objectives", "Objectives per perspective"),
    Stage(4, "links", "Cause and effect"),
    Stage(5, "measures", "Measures"),
    Stage(6, "targets", "Targets"),
    Stage(7, "initiatives", "Initiatives"),
    Stage(8, "implementation", "Implementation"),
)
STAGE_BY_SLUG = {stage.slug: stage for stage in STAGES}


@dataclass(frozen=True)
class Progress:
    state: str
    missing: tuple = ()
    warnings: tuple = ()


@dataclass(frozen=True)
class Snapshot:
    """What the rules need to know about one scorecard, as plain values."""

    mission: str = ""
    vision: str = ""
    values: str = ""
    strategy_statement: str = ""
    themes: tuple = ()  # theme names
    swot_kinds: tuple = ()  # one entry per SWOT item: "strength", "weakness"...
    stakeholder_count: int = 0
    perspectives: tuple = ()  # names of the framework's perspectives in use
    statement_cells: frozenset = frozenset()  # (theme, perspective) with a statement
    objectives: tuple = ()  # ObjectiveFacts of the scorecard's live objectives
    measures: tuple = ()  # MeasureFacts of their live measures
    initiatives_serving_nothing: int = 0
    initiative_count: int = 0
    link_count: int = 0
    status: str = "draft"
    signed_off: bool = False
    data_quality_process: str = ""
    review_cadence_set: bool = True


@dataclass(frozen=True)
class ObjectiveFacts:
    code: str
    perspective: str
    has_link: bool = False
    measure_count: int = 0
    initiative_count: int = 0


@dataclass(frozen=True)
class MeasureFacts:
    code: str
    sheet_gaps: tuple = ()  # names of empty sheet fields
    has_target: bool = False
    has_action_trigger: bool = False


def _state(started, missing):
    if not started:
        return NOT_STARTED
    return IN_PROGRESS if missing else COMPLETE


def _words(items, conjunction="and"):
    """ "a", "a and b", "a, b and c"."""
    if len(items) < 3:
        return f" {conjunction} ".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _count(number, one, many):
    return f"{number} {one if number == 1 else many}"


SWOT_KINDS = (
    ("strength", "strengths"),
    ("weakness", "weaknesses"),
    ("opportunity", "opportunities"),
    ("threat", "threats"),
)


def foundation(snapshot):
    statements = {
        "mission": snapshot.mission,
        "vision": snapshot.vision,
        "values": snapshot.values,
        "strategy statement": snapshot.strategy_statement,
    }
    missing = [f"No {name} yet" for name, text in statements.items() if not text.strip()]
    if not snapshot.themes:
        missing.append("No strategic themes yet")
    absent = [plural for kind, plural in SWOT_KINDS if kind not in snapshot.swot_kinds]
    if absent:
        missing.append(f"The SWOT has no {_words(absent, 'or')} yet")
    if not snapshot.stakeholder_count:
        missing.append("No stakeholders yet")
    started = (
        any(text.strip() for text in statements.values())
        or snapshot.themes
        or snapshot.swot_kinds
        or snapshot.stakeholder_count
    )
    return Progress(_state(started, missing), tuple(missing))


def summary(snapshot):
    if not snapshot.themes:
        return Progress(NOT_STARTED, ("Add strategic themes in stage 1 first",))
    cells = [(t, p) for t in snapshot.themes for p in snapshot.perspectives]
    empty = [cell for cell in cells if cell not in snapshot.statement_cells]
    missing = []
    if empty:
        cell_words = _count(len(cells), "theme × perspective cell", "theme × perspective cells")
        missing.append(f"{len(empty)} of {cell_words} have no statement")
    return Progress(_state(len(empty) < len(cells), missing), tuple(missing))


def objectives(snapshot):
    present = {objective.perspective for objective in snapshot.objectives}
    missing = [f"{name} has no objective" for name in snapshot.perspectives if name not in present]
    warnings = []
    if len(snapshot.objectives) > OBJECTIVE_WARNING_LIMIT:
        warnings.append(
            f"{len(snapshot.objectives)} objectives: more than about {OBJECTIVE_WARNING_LIMIT} "
            "is hard to keep in focus"
        )
    return Progress(_state(snapshot.objectives, missing), tuple(missing), tuple(warnings))


def links(snapshot):
    if not snapshot.objectives:
        return Progress(NOT_STARTED, ("Add objectives in stage 3 first",))
    unlinked = sum(1 for objective in snapshot.objectives if not objective.has_link)
    missing = []
    if unlinked:
        missing.append(f"{_count(unlinked, 'objective has', 'objectives have')} no link")
    return Progress(_state(snapshot.link_count, missing), tuple(missing))


def measures(snapshot):
    if not snapshot.objectives:
        return Progress(NOT_STARTED, ("Add objectives in stage 3 first",))
    without = sum(1 for objective in snapshot.objectives if not objective.measure_count)
    gaps = sum(1 for measure in snapshot.measures if measure.sheet_gaps)
    missing = []
    if without:
        missing.append(f"{_count(without, 'objective has', 'objectives have')} no measure")
    if gaps:
        missing.append(
            f"{_count(gaps, 'measure has', 'measures have')} gaps in the performance measure sheet"
        )
    return Progress(_state(snapshot.measures, missing), tuple(missing))


def targets(snapshot):
    if not snapshot.measures:
        return Progress(NOT_STARTED, ("Add measures in stage 5 first",))
    without = sum(1 for measure in snapshot.measures if not measure.has_target)
    no_trigger = sum(
        1 for measure in snapshot.measures if measure.has_target and not measure.has_action_trigger
    )
    missing = []
    if without:
        missing.append(f"{_count(without, 'measure has', 'measures have')} no target")
    if no_trigger:
        missing.append(f"{_count(no_trigger, 'target has', 'targets have')} no action trigger")
    started = any(measure.has_target for measure in snapshot.measures)
    return Progress(_state(started, missing), tuple(missing))


def initiatives(snapshot):
    unserved = sum(1 for objective in snapshot.objectives if not objective.initiative_count)
    missing = []
    if unserved:
        missing.append(f"{_count(unserved, 'objective has', 'objectives have')} no initiative")
    if snapshot.initiatives_serving_nothing:
        idle = _count(
            snapshot.initiatives_serving_nothing, "initiative serves", "initiatives serve"
        )
        missing.append(f"{idle} no objective")
    return Progress(_state(snapshot.initiative_count, missing), tuple(missing))


def readiness(snapshot):
    """The checklist a scorecard must pass before it is published: (item, holds).

    Every earlier stage comes first: a published scorecard is the unit's
    active one, which the units above and below read and cascade from, so it
    is published whole (the demo's Emergency Department was published with
    no strategic summary and no cause and effect while stage 8 said complete).
    """
    earlier = [
        (f"Stage {stage.number} ({stage.title}) is complete", progress.state == COMPLETE)
        for stage, progress in earlier_stages(snapshot)
    ]
    return earlier + _publishing_needs(snapshot)


def earlier_stages(snapshot):
    """(stage, progress) of the seven stages before implementation."""
    return [(stage, rule(snapshot)) for stage, rule in zip(STAGES[:-1], RULES[:-1], strict=True)]


def publish_refusal(snapshot: Snapshot) -> str:
    """Why the scorecard cannot be published yet, naming each incomplete stage; "" if it can."""
    incomplete = [
        f"{stage.number}. {stage.title} ({progress.state})"
        for stage, progress in earlier_stages(snapshot)
        if progress.state != COMPLETE
    ]
    needs = [item.lower() for item, holds in _publishing_needs(snapshot) if not holds]
    parts = []
    if incomplete:
        parts.append(f"Every stage must be complete first; not yet: {_words(incomplete)}.")
    if needs:
        parts.append(f"Still to do: {'; '.join(needs)}.")
    return " ".join(["The scorecard is not ready to publish.", *parts]) if parts else ""


def _publishing_needs(snapshot):
    perspectives_covered = {objective.perspective for objective in snapshot.objectives}
    return [
        (
            "Every perspective has an objective",
            bool(snapshot.perspectives)
            and all(name in perspectives_covered for name in snapshot.perspectives),
        ),
        (
            "Every objective has a measure",
            bool(snapshot.objectives)
            and all(objective.measure_count for objective in snapshot.objectives),
        ),
        (
            "Every measure has a target",
            bool(snapshot.measures) and all(measure.has_target for measure in snapshot.measures),
        ),
        (
            "Every measure has an owner",
            bool(snapshot.measures)
            and all("owner" not in measure.sheet_gaps for measure in snapshot.measures),
        ),
        ("The review cadence is set", snapshot.review_cadence_set),
        ("A data-quality process is written", bool(snapshot.data_quality_process.strip())),
    ]


def implementation(snapshot):
    missing = [f"Not yet: {item.lower()}" for item, holds in readiness(snapshot) if not holds]
    published = snapshot.status == "active" and snapshot.signed_off
    if not published:
        missing.append("Not yet signed off and published")
    started = published or snapshot.data_quality_process.strip()
    return Progress(_state(started, missing), tuple(missing))


RULES = (foundation, summary, objectives, links, measures, targets, initiatives, implementation)


def progress_of_all(snapshot):
    """(stage, progress) for the eight stages, in order."""
    return [(stage, rule(snapshot)) for stage, rule in zip(STAGES, RULES, strict=True)]
