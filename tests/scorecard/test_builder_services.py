"""The builder's writes, called as the views call them, each with its own data."""

from datetime import date

import pytest

from measures.models import Measure, Target
from scorecard.builder import services
from scorecard.models import (
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)
from tests.factories import (
    complete_every_stage,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_user,
)


@pytest.fixture
def scorecard(units):
    return make_scorecard(units["NHT-SURG-GS"])


@pytest.fixture
def other_scorecard(units):
    return make_scorecard(units["NHT-SURG-TH"])


def positions(queryset):
    return list(queryset.order_by("position", "pk").values_list("position", flat=True))


# Positions: a row added to a list goes after its last one.


def test_next_position_is_one_for_an_empty_list(scorecard):
    assert services.next_position(StrategicTheme.objects.filter(scorecard=scorecard)) == 1


def test_next_position_follows_the_highest_even_after_a_gap(scorecard):
    StrategicTheme.objects.create(scorecard=scorecard, name="Access", position=3)
    StrategicTheme.objects.create(scorecard=scorecard, name="Safety", position=7)

    assert services.next_position(StrategicTheme.objects.filter(scorecard=scorecard)) == 8


def test_a_theme_is_added_after_the_last_of_its_own_scorecard(scorecard, other_scorecard):
    StrategicTheme.objects.create(scorecard=scorecard, name="Access", position=2)
    StrategicTheme.objects.create(scorecard=other_scorecard, name="Elsewhere", position=9)

    theme = services.add_theme(theme=StrategicTheme(scorecard=scorecard, name="Safety"))

    theme.refresh_from_db()
    assert theme.position == 3


def test_a_swot_item_is_added_after_the_last_item_of_any_kind(scorecard):
    SwotItem.objects.create(scorecard=scorecard, kind="strength", text="Skilled team", position=4)

    item = services.add_swot_item(
        item=SwotItem(scorecard=scorecard, kind="threat", text="Vacancies")
    )

    assert SwotItem.objects.get(pk=item.pk).position == 5


def test_an_objective_is_added_after_the_last_of_its_perspective_retired_ones_included(
    scorecard,
):
    make_objective(scorecard, "C1", "Customer", position=1)
    make_objective(scorecard, "C2", "Customer", position=2, is_retired=True)
    make_objective(scorecard, "F1", "Financial", position=6)
    customer = scorecard.framework.perspectives.get(name="Customer")

    objective = services.add_objective(
        objective=Objective(scorecard=scorecard, perspective=customer, code="C3", title="Third")
    )

    assert Objective.objects.get(pk=objective.pk).position == 3


def test_a_scorecard_is_started_as_a_draft_on_the_framework_chosen(units, scorecard):
    framework = scorecard.framework

    started = services.start_scorecard(unit=units["NHT-MED-CARD"], framework=framework)

    stored = Scorecard.objects.get(unit=units["NHT-MED-CARD"])
    assert stored == started
    assert (stored.framework, stored.status) == (framework, Scorecard.Status.DRAFT)


# Moving objectives.


@pytest.fixture
def customer_objectives(scorecard):
    return [make_objective(scorecard, f"C{n}", "Customer", position=n) for n in (1, 2, 3)]


def order_of(scorecard):
    live = scorecard.objectives.live().filter(perspective__name="Customer")
    return list(live.order_by("position", "code").values_list("code", "position"))


def test_moving_an_objective_up_swaps_it_with_the_one_above(scorecard, customer_objectives):
    services.move_objective(objective=customer_objectives[2], direction="up")

    assert order_of(scorecard) == [("C1", 1), ("C3", 2), ("C2", 3)]


def test_moving_an_objective_down_swaps_it_with_the_one_below(scorecard, customer_objectives):
    services.move_objective(objective=customer_objectives[0], direction="down")

    assert order_of(scorecard) == [("C2", 1), ("C1", 2), ("C3", 3)]


def test_moving_past_either_end_changes_nothing(scorecard, customer_objectives):
    services.move_objective(objective=customer_objectives[0], direction="up")
    services.move_objective(objective=customer_objectives[2], direction="down")

    assert order_of(scorecard) == [("C1", 1), ("C2", 2), ("C3", 3)]


def test_moving_skips_retired_objectives_and_numbers_the_live_ones_again(scorecard):
    first = make_objective(scorecard, "C1", "Customer", position=1)
    make_objective(scorecard, "C2", "Customer", position=2, is_retired=True)
    third = make_objective(scorecard, "C3", "Customer", position=5)
    make_objective(scorecard, "F1", "Financial", position=1)

    services.move_objective(objective=third, direction="up")

    assert order_of(scorecard) == [("C3", 1), ("C1", 2)]
    first.refresh_from_db()
    assert first.position == 2
    assert scorecard.objectives.get(code="F1").position == 1


# Retiring and restoring.


def test_an_objective_is_retired_then_restored(scorecard):
    objective = make_objective(scorecard)

    services.toggle_retired(item=objective)
    assert Objective.objects.get(pk=objective.pk).is_retired

    services.toggle_retired(item=objective)
    assert not Objective.objects.get(pk=objective.pk).is_retired


def test_a_measure_is_retired_keeping_its_values(scorecard):
    measure = make_measure(make_objective(scorecard))
    make_observation(measure)

    services.toggle_retired(item=measure)

    stored = Measure.objects.get(pk=measure.pk)
    assert stored.is_retired
    assert stored.observations.count() == 1


# The strategic summary.


def test_the_summary_writes_filled_cells_and_clears_emptied_ones(scorecard):
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    customer, financial, internal = (
        scorecard.framework.perspectives.get(name=name)
        for name in ("Customer", "Financial", "Internal business processes")
    )
    SummaryStatement.objects.create(theme=theme, perspective=customer, statement="Old")
    SummaryStatement.objects.create(theme=theme, perspective=financial, statement="Gone soon")

    services.save_summary(
        cells=[
            (theme, customer, "  Patients seen sooner  "),
            (theme, financial, "   "),
            (theme, internal, "Flow through theatres"),
        ]
    )

    stored = dict(
        SummaryStatement.objects.filter(theme=theme).values_list("perspective__name", "statement")
    )
    assert stored == {
        "Customer": "Patients seen sooner",
        "Internal business processes": "Flow through theatres",
    }


# Deleting: each rule is the model's deletion_blocker(), and the service refuses with it.


def test_a_theme_of_an_objective_is_not_deleted(scorecard):
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    make_objective(scorecard, theme=theme)

    with pytest.raises(services.Refused) as refused:
        services.delete_theme(theme=theme)

    assert str(refused.value) == theme.deletion_blocker()
    assert str(refused.value).startswith(
        "“Timely access” is the theme of 1 objective, so it was not deleted."
    )
    assert StrategicTheme.objects.filter(pk=theme.pk).exists()


def test_a_theme_with_statements_is_not_deleted(scorecard):
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    for name in ("Customer", "Financial"):
        perspective = scorecard.framework.perspectives.get(name=name)
        SummaryStatement.objects.create(theme=theme, perspective=perspective, statement=name)

    with pytest.raises(services.Refused, match="has 2 summary statements, so it was not"):
        services.delete_theme(theme=theme)

    assert StrategicTheme.objects.filter(pk=theme.pk).exists()


def test_a_theme_nothing_uses_is_deleted(scorecard):
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    assert theme.deletion_blocker() is None

    services.delete_theme(theme=theme)

    assert not StrategicTheme.objects.filter(pk=theme.pk).exists()


def test_an_objective_with_a_measure_is_not_deleted(scorecard):
    objective = make_objective(scorecard)
    make_measure(objective)

    with pytest.raises(services.Refused) as refused:
        services.delete_objective(objective=objective)

    assert str(refused.value).startswith("O1 Objective O1 has 1 measure, so deleting it would")
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_an_objective_without_measures_is_deleted(scorecard):
    objective = make_objective(scorecard)
    assert objective.deletion_blocker() is None

    services.delete_objective(objective=objective)

    assert not Objective.objects.filter(pk=objective.pk).exists()


def test_a_measure_with_values_is_not_deleted(scorecard):
    measure = make_measure(make_objective(scorecard))
    make_observation(measure, date(2026, 4, 1))
    make_observation(measure, date(2026, 5, 1))

    with pytest.raises(services.Refused) as refused:
        services.delete_measure(measure=measure)

    assert str(refused.value).startswith("M1 Measure M1 has 2 values, so it was not deleted.")
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_a_measure_without_values_is_deleted_with_its_targets(scorecard):
    measure = make_measure(make_objective(scorecard))
    make_target(measure)
    assert measure.deletion_blocker() is None

    services.delete_measure(measure=measure)

    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert not Target.objects.exists()


def test_a_perspective_with_objectives_names_them_as_its_blocker(scorecard):
    make_objective(scorecard, "C1", "Customer")
    make_objective(scorecard, "C2", "Customer")
    customer = scorecard.framework.perspectives.get(name="Customer")

    assert customer.deletion_blocker().startswith(
        "“Customer” has 2 objectives, so it cannot be deleted."
    )


def test_rows_with_nothing_to_protect_are_deleted(scorecard):
    cause = make_objective(scorecard, "C1")
    effect = make_objective(scorecard, "C2")
    measure = make_measure(cause)
    target = make_target(measure)
    link = ObjectiveLink.objects.create(cause=cause, effect=effect)
    swot = SwotItem.objects.create(scorecard=scorecard, kind="threat", text="Vacancies")
    stakeholder = Stakeholder.objects.create(
        scorecard=scorecard, name="GPs", category="customers", power="high", impact="high"
    )
    initiative = Initiative.objects.create(scorecard=scorecard, title="Programme")
    kept = Milestone.objects.create(initiative=initiative, title="Start", due_date="2026-06-30")
    dropped = Milestone.objects.create(initiative=initiative, title="Pilot", due_date="2026-07-31")

    services.delete_link(link=link)
    services.delete_swot_item(item=swot)
    services.delete_stakeholder(stakeholder=stakeholder)
    services.delete_target(target=target)
    services.delete_milestone(milestone=dropped)

    assert not ObjectiveLink.objects.exists()
    assert not SwotItem.objects.exists()
    assert not Stakeholder.objects.exists()
    assert not Target.objects.exists()
    assert list(Milestone.objects.all()) == [kept]


def test_an_initiative_is_deleted_with_its_milestones_and_not_its_objectives(scorecard):
    objective = make_objective(scorecard)
    initiative = Initiative.objects.create(scorecard=scorecard, title="Programme")
    initiative.objectives.add(objective)
    Milestone.objects.create(initiative=initiative, title="Start", due_date="2026-06-30")

    services.delete_initiative(initiative=initiative)

    assert not Initiative.objects.exists()
    assert not Milestone.objects.exists()
    assert Objective.objects.filter(pk=objective.pk).exists()


# Publishing.


def test_publishing_is_refused_while_stages_one_to_seven_are_incomplete(scorecard):
    manager = make_user("charlie")
    make_objective(scorecard)

    with pytest.raises(services.Refused) as refused:
        services.publish_scorecard(scorecard=scorecard, user=manager)

    reason = str(refused.value)
    assert reason.startswith(
        "The scorecard is not ready to publish. Every stage must be complete first; not yet: 1. "
    )
    assert "7. " in reason
    stored = Scorecard.objects.get(pk=scorecard.pk)
    assert stored.status == Scorecard.Status.DRAFT
    assert (stored.signed_off_by, stored.signed_off_at, stored.published_at) == (None, None, None)


def test_a_complete_scorecard_is_published_and_signed_off_by_the_user(scorecard):
    manager = make_user("charlie")
    complete_every_stage(scorecard)

    services.publish_scorecard(scorecard=scorecard, user=manager)

    stored = Scorecard.objects.get(pk=scorecard.pk)
    assert stored.status == Scorecard.Status.ACTIVE
    assert stored.signed_off_by == manager
    assert stored.signed_off_at is not None
    assert stored.published_at == stored.signed_off_at
