"""The rules that say how far each design stage has got, on plain values."""

from dataclasses import replace

from scorecard.builder import stages
from scorecard.builder.stages import (
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    MeasureFacts,
    ObjectiveFacts,
    Snapshot,
)

PERSPECTIVES = ("Learning and growth", "Internal business processes", "Customer", "Financial")
FULL_FOUNDATION = {
    "mission": "Care",
    "vision": "Better care",
    "values": "Kind",
    "strategy_statement": "Step by step",
    "themes": ("Access",),
    "swot_kinds": ("strength", "weakness", "opportunity", "threat"),
    "stakeholder_count": 1,
}


def objective(code, perspective="Customer", **facts):
    return ObjectiveFacts(code=code, perspective=perspective, **facts)


def one_objective_per_perspective(**facts):
    return tuple(objective(f"O{i}", name, **facts) for i, name in enumerate(PERSPECTIVES))


def test_an_empty_scorecard_has_started_nothing():
    progress = stages.progress_of_all(Snapshot(perspectives=PERSPECTIVES))

    assert [stage.number for stage, _ in progress] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert {p.state for _, p in progress} == {NOT_STARTED}


def test_foundation_complete():
    assert stages.foundation(Snapshot(**FULL_FOUNDATION)) == stages.Progress(COMPLETE)


def test_foundation_in_progress_names_each_gap():
    snapshot = Snapshot(**{**FULL_FOUNDATION, "vision": "  ", "swot_kinds": ("strength",)})

    progress = stages.foundation(snapshot)

    assert progress.state == IN_PROGRESS
    assert progress.missing == (
        "No vision yet",
        "The SWOT has no weaknesses, opportunities or threats yet",
    )


def test_summary_counts_the_empty_cells():
    snapshot = Snapshot(
        themes=("Access", "Safety"),
        perspectives=PERSPECTIVES,
        statement_cells=frozenset({("Access", "Customer")}),
    )

    progress = stages.summary(snapshot)

    assert progress.state == IN_PROGRESS
    assert progress.missing == ("7 of 8 theme × perspective cells have no statement",)


def test_summary_needs_themes_first():
    assert stages.summary(Snapshot(perspectives=PERSPECTIVES)).state == NOT_STARTED


def test_summary_complete_when_every_cell_has_a_statement():
    cells = frozenset(("Access", p) for p in PERSPECTIVES)
    snapshot = Snapshot(themes=("Access",), perspectives=PERSPECTIVES, statement_cells=cells)

    assert stages.summary(snapshot).state == COMPLETE


def test_objectives_name_the_perspectives_without_one():
    snapshot = Snapshot(perspectives=PERSPECTIVES, objectives=(objective("C1"),))

    progress = stages.objectives(snapshot)

    assert progress.state == IN_PROGRESS
    assert progress.missing == (
        "Learning and growth has no objective",
        "Internal business processes has no objective",
        "Financial has no objective",
    )


def test_objectives_warn_past_25_but_stay_complete():
    many = one_objective_per_perspective() + tuple(objective(f"X{i}") for i in range(22))

    progress = stages.objectives(Snapshot(perspectives=PERSPECTIVES, objectives=many))

    assert progress.state == COMPLETE
    assert progress.warnings == ("26 objectives: more than about 25 is hard to keep in focus",)


def test_exactly_25_objectives_raise_no_warning():
    many = one_objective_per_perspective() + tuple(objective(f"X{i}") for i in range(21))

    assert stages.objectives(Snapshot(perspectives=PERSPECTIVES, objectives=many)).warnings == ()


def test_links_count_the_objectives_without_one():
    snapshot = Snapshot(
        objectives=(objective("A", has_link=True), objective("B"), objective("C")), link_count=1
    )

    progress = stages.links(snapshot)

    assert progress == stages.Progress(IN_PROGRESS, ("2 objectives have no link",))


def test_measures_need_one_per_objective_and_complete_sheets():
    snapshot = Snapshot(
        objectives=(objective("A", measure_count=1), objective("B")),
        measures=(MeasureFacts("M1", sheet_gaps=("formula",)),),
    )

    progress = stages.measures(snapshot)

    assert progress.missing == (
        "1 objective has no measure",
        "1 measure has gaps in the performance measure sheet",
    )


def test_targets_flag_a_missing_action_trigger():
    snapshot = Snapshot(
        measures=(
            MeasureFacts("M1", has_target=True, has_action_trigger=True),
            MeasureFacts("M2", has_target=True),
            MeasureFacts("M3"),
        )
    )

    progress = stages.targets(snapshot)

    assert progress == stages.Progress(
        IN_PROGRESS, ("1 measure has no target", "1 target has no action trigger")
    )


def test_initiatives_find_unserved_objectives_and_idle_initiatives():
    snapshot = Snapshot(
        objectives=(objective("A", initiative_count=1), objective("B")),
        initiative_count=2,
        initiatives_serving_nothing=1,
    )

    progress = stages.initiatives(snapshot)

    assert progress.missing == (
        "1 objective has no initiative",
        "1 initiative serves no objective",
    )


def ready_snapshot(**changes):
    """A scorecard whose seven stages before implementation are complete."""
    fields = {
        **FULL_FOUNDATION,
        "perspectives": PERSPECTIVES,
        "statement_cells": frozenset(("Access", name) for name in PERSPECTIVES),
        "objectives": one_objective_per_perspective(
            measure_count=1, has_link=True, initiative_count=1
        ),
        "link_count": 3,
        "initiative_count": 1,
        "measures": (MeasureFacts("M1", has_target=True, has_action_trigger=True),),
        "data_quality_process": "Monthly validation by the information team",
        **changes,
    }
    return Snapshot(**fields)


def test_the_readiness_checklist_holds_for_a_ready_scorecard():
    assert all(holds for _, holds in stages.readiness(ready_snapshot()))


def test_readiness_fails_on_a_measure_without_an_owner():
    snapshot = ready_snapshot(
        measures=(
            MeasureFacts("M1", sheet_gaps=("owner",), has_target=True, has_action_trigger=True),
        )
    )

    failing = [item for item, holds in stages.readiness(snapshot) if not holds]

    # The owner is a field of the measure sheet, so stage 5 is not complete either.
    assert failing == ["Stage 5 (Measures) is complete", "Every measure has an owner"]


def test_implementation_is_complete_only_when_published_and_signed_off():
    assert stages.implementation(ready_snapshot()).missing == ("Not yet signed off and published",)
    published = ready_snapshot(status="active", signed_off=True)
    assert stages.implementation(published) == stages.Progress(COMPLETE)


def test_a_ready_scorecard_has_every_earlier_stage_complete_and_may_be_published():
    snapshot = ready_snapshot()

    assert [p.state for _, p in stages.earlier_stages(snapshot)] == [COMPLETE] * 7
    assert stages.publish_refusal(snapshot) == ""


def test_publishing_names_each_incomplete_stage():
    # The demo's Emergency Department: no summary statements, no links.
    snapshot = ready_snapshot(
        statement_cells=frozenset(),
        objectives=one_objective_per_perspective(measure_count=1, initiative_count=1),
        link_count=0,
    )

    failing = [item for item, holds in stages.readiness(snapshot) if not holds]

    assert failing == [
        "Stage 2 (Multi-dimensional strategic summary) is complete",
        "Stage 4 (Cause and effect) is complete",
    ]
    assert stages.publish_refusal(snapshot) == (
        "The scorecard is not ready to publish. Every stage must be complete first; not yet: "
        "2. Multi-dimensional strategic summary (not started) and 4. Cause and effect "
        "(not started)."
    )
    published = replace(snapshot, status="active", signed_off=True)
    assert stages.implementation(published).missing == (
        "Not yet: stage 2 (multi-dimensional strategic summary) is complete",
        "Not yet: stage 4 (cause and effect) is complete",
    )


def test_publishing_names_what_else_is_missing_too():
    snapshot = ready_snapshot(data_quality_process="", review_cadence_set=False)

    assert stages.publish_refusal(snapshot) == (
        "The scorecard is not ready to publish. Still to do: the review cadence is set; "
        "a data-quality process is written."
    )
