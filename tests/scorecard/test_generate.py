from collections import defaultdict
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import CASCADE, SET_NULL
from django.utils import timezone
from simple_history.models import HistoricalChanges

from measures.models import Alignment, KeyTarget, Measure, Observation, Rebase, Target
from organisations import services
from organisations.management.commands.check_unit_tree import stored_nodes
from organisations.models import Membership, OrganisationUnit, Role, ServiceDependency
from organisations.tree_check import tree_problems
from scorecard.lib import periods
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
from scorecard.sample_data.deletion import deletion_plan
from scorecard.sample_data.generate import Size, generate, plan_units
from tests.factories import make_user
from tests.measures.totals import assert_totals_are_their_parts

SMALL = Size(units=7, measures=4, months=14)
Kind = OrganisationUnit.Kind


def generated_units(trust):
    return OrganisationUnit.objects.filter(tree_id=trust.tree_id)


def snapshot(trust):
    """Every value of the trust, by unit code, measure code and period."""
    rows = Observation.objects.filter(
        measure__objective__scorecard__unit__tree_id=trust.tree_id
    ).values_list(
        "measure__objective__scorecard__unit__code",
        "measure__code",
        "period",
        "value",
        "numerator",
        "denominator",
        "comment",
    )
    return {row[:3]: row[3:] for row in rows}


def test_builds_the_shape_asked_for(db):
    generated = generate(SMALL)

    trust = generated.trust
    assert generated.created
    assert (trust.code, trust.slug, trust.kind) == ("GEN7-4-14", "gen7-4-14", Kind.TRUST)
    units = generated_units(trust)
    kinds = defaultdict(int)
    for unit in units:
        kinds[unit.kind] += 1
        assert unit.code.startswith("GEN7-4-14")
        assert len(unit.code) <= 20
    assert dict(kinds) == {Kind.TRUST: 1, Kind.DIRECTORATE: 3, Kind.DEPARTMENT: 3}
    assert all(unit.get_children().count() == 1 for unit in units if unit.kind == "directorate")
    scorecards = Scorecard.objects.filter(unit__in=units)
    assert scorecards.count() == 7
    assert set(scorecards.values_list("status", flat=True)) == {Scorecard.Status.ACTIVE}
    assert not scorecards.filter(published_at=None).exists()
    objectives = Objective.objects.filter(scorecard__in=scorecards)
    assert {o.perspective.name for o in objectives} == {
        "Financial",
        "Customer",
        "Internal business processes",
        "Learning and growth",
    }
    assert generated.counts["units"] == 7
    assert generated.counts["measures"] == 28
    assert generated.counts["values"] == Observation.objects.count()


def test_every_unit_has_the_same_measure_codes_computed_above_departments(db):
    trust = generate(SMALL).trust

    codes = defaultdict(set)
    for measure in Measure.objects.filter(objective__scorecard__unit__tree_id=trust.tree_id):
        unit = measure.objective.scorecard.unit
        codes[unit.code].add(measure.code)
        assert measure.is_computed == (unit.kind != Kind.DEPARTMENT)
        assert measure.rollup != "none"
    assert len({frozenset(found) for found in codes.values()}) == 1
    assert len(next(iter(codes.values()))) == 4


def test_every_code_has_one_definition_in_the_trust(db):
    """A code is one measure across the trust (measures/definitions.py), as the builder
    requires of people."""
    trust = generate(Size(units=7, measures=30, months=2)).trust

    found = defaultdict(set)
    for measure in Measure.objects.filter(objective__scorecard__unit__tree_id=trust.tree_id):
        found[measure.code].add(measure.definition)
    assert len(found) == 30
    assert {code: len(seen) for code, seen in found.items() if len(seen) > 1} == {}


def test_every_target_obeys_the_limits_of_its_measures_values(db):
    """Bulk-created, so checked here as the builder checks a person's (Target.clean)."""
    trust = generate(Size(units=3, measures=30, months=2)).trust
    refused = []
    for target in Target.objects.filter(
        measure__objective__scorecard__unit__tree_id=trust.tree_id
    ).select_related("measure"):
        try:
            target.full_clean()
        except ValidationError as error:
            refused.append(f"{target}: {error.message_dict}")

    assert refused == []


def test_a_large_size_mixes_kinds_of_measure(db):
    generated = generate(Size(units=3, measures=30, months=3))

    measures = Measure.objects.filter(objective__scorecard__unit=generated.trust)
    assert {m.rollup for m in measures} == {"sum", "mean", "ratio"}
    assert {m.direction for m in measures} == {"higher", "lower", "range"}
    assert 0 < measures.filter(zero_tolerance=True).count() <= 3
    assert 0 < measures.filter(frequency=periods.QUARTERLY).count() <= 3


def test_the_tree_is_valid_beside_another_trust_and_takes_later_units(units):
    generate(SMALL)

    assert tree_problems(stored_nodes()) == []
    # mptt's own bookkeeping agrees with the numbers: a unit added the usual
    # way lands where it should and the tree stays sound.
    directorate = OrganisationUnit.objects.get(code="GEN7-4-14-D2")
    services.create_unit(
        name="Added", code="GEN7-ADDED", slug="gen7-added", kind="department", parent=directorate
    )
    assert tree_problems(stored_nodes()) == []
    # The generated trust sorts first by name, so the other trust moved to the next tree.
    northshire = OrganisationUnit.objects.get(code="NHT")
    assert northshire.tree_id == units["NHT"].tree_id + 1
    assert {unit.code for unit in northshire.get_descendants(include_self=True)} == {
        "NHT",
        "NHT-SURG",
        "NHT-MED",
        "NHT-SURG-GS",
        "NHT-SURG-TH",
        "NHT-MED-CARD",
    }


def test_trees_are_ordered_by_name_as_mptt_orders_new_roots(units):
    first = generate(Size(units=5, measures=1, months=1)).trust
    second = generate(SMALL).trust

    roots = OrganisationUnit.objects.root_nodes().order_by("tree_id")
    assert [root.name for root in roots] == sorted(root.name for root in roots)
    assert {first.code, second.code} < {root.code for root in roots}
    assert tree_problems(stored_nodes()) == []


def test_every_total_is_the_roll_up_of_the_units_below(db):
    generate(SMALL)

    # generate_trust loads its values in bulk, without history.
    assert assert_totals_are_their_parts(history=False) > 0


def test_values_cover_the_months_up_to_the_last_complete_one_with_gaps_and_comments(db):
    generate(Size(units=20, measures=12, months=24))

    latest = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    first = periods.add_periods(latest, periods.MONTHLY, -23)
    monthly = Observation.objects.filter(measure__frequency=periods.MONTHLY)
    assert set(monthly.values_list("period", flat=True)) == {
        periods.add_periods(first, periods.MONTHLY, n) for n in range(24)
    }
    departments = Observation.objects.filter(measure__is_computed=False)
    slots = (
        Measure.objects.filter(is_computed=False, frequency=periods.MONTHLY).count() * 24
        + Measure.objects.filter(is_computed=False, frequency=periods.QUARTERLY).count() * 8
    )
    assert 0 < slots - departments.count() < slots * 0.05  # a few gaps
    commented = departments.exclude(comment="").count()
    assert 0 < commented < departments.count() * 0.1


def test_targets_are_in_force_and_some_change_once(db):
    generate(SMALL)

    latest = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    for measure in Measure.objects.all():
        targets = list(measure.targets.all())
        assert targets
        assert min(t.effective_from for t in targets) <= latest
        assert len(targets) <= 2
        for target in targets:
            target.full_clean()  # the trigger lies on the failing side of the target
    target_counts = [m.targets.count() for m in Measure.objects.all()]
    assert 0 < target_counts.count(2) < len(target_counts)
    assert Target.objects.exclude(action_trigger=None).count() > Target.objects.count() / 2


def test_running_again_finds_the_trust_and_changes_nothing(db):
    first = generate(SMALL)
    before = snapshot(first.trust)

    again = generate(SMALL, seed=99)

    assert not again.created
    assert again.trust.pk == first.trust.pk
    assert snapshot(again.trust) == before
    assert OrganisationUnit.objects.count() == 7


def test_replace_builds_it_again_past_what_people_added(db):
    first = generate(SMALL).trust
    before = snapshot(first)
    measure = Measure.objects.filter(objective__scorecard__unit=first).first()
    Rebase.objects.create(measure=measure, period=date(2025, 4, 1), reason="New pathway")
    Membership.objects.create(user=make_user("bob"), unit=first, role=Role.MANAGER)

    second = generate(SMALL, replace=True)

    assert second.created
    assert not OrganisationUnit.objects.filter(pk=first.pk).exists()
    assert OrganisationUnit.objects.count() == 7
    assert Measure.objects.count() == 28
    assert not Rebase.objects.exists()
    assert snapshot(second.trust) == before
    assert tree_problems(stored_nodes()) == []


def add_what_people_add(trust, other_unit):
    """One row of each kind a person may add to a generated trust, in a department."""
    department = OrganisationUnit.objects.get(code=f"{trust.code}-U1")
    scorecard = department.scorecard
    objectives = list(scorecard.objectives.order_by("code"))
    measure = Measure.objects.filter(objective__scorecard=scorecard).first()
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Flow")
    SummaryStatement.objects.create(
        theme=theme, perspective=objectives[0].perspective, statement="Faster."
    )
    Objective.objects.filter(pk=objectives[0].pk).update(theme=theme)
    ObjectiveLink.objects.create(cause=objectives[1], effect=objectives[0])
    SwotItem.objects.create(scorecard=scorecard, kind=SwotItem.Kind.STRENGTH, text="Kind staff")
    Stakeholder.objects.create(
        scorecard=scorecard,
        name="Patients",
        category=Stakeholder.Category.CUSTOMERS,
        power=Stakeholder.Level.LOW,
        impact=Stakeholder.Level.HIGH,
    )
    initiative = Initiative.objects.create(scorecard=scorecard, title="New pathway")
    initiative.objectives.add(objectives[0])
    initiative.measures.add(measure)
    Milestone.objects.create(initiative=initiative, title="Started", due_date=date(2025, 5, 1))
    key_target = KeyTarget.objects.create(code="RTT18", name="18 weeks")
    Alignment.objects.create(
        key_target=key_target, scorecard=scorecard, measure=measure, kind=Alignment.Kind.SUPPORTS
    )
    Rebase.objects.create(measure=measure, period=date(2025, 4, 1), reason="New pathway")
    Membership.objects.create(user=make_user("bob"), unit=department, role=Role.MANAGER)
    ServiceDependency.objects.create(unit=other_unit, provider=department)
    value = Observation.objects.filter(measure=measure).first()
    value.comment = "Checked."
    value.save()  # a history row, as a person's change has
    return key_target


def history_rows():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
    }


def test_replace_deletes_what_people_added_to_every_table_and_writes_no_history(units):
    first = generate(SMALL).trust
    before = snapshot(first)
    key_target = add_what_people_add(first, units["NHT-MED-CARD"])
    history = history_rows()

    second = generate(SMALL, replace=True)

    for model in (
        StrategicTheme,
        SummaryStatement,
        ObjectiveLink,
        SwotItem,
        Stakeholder,
        Initiative,
        Milestone,
        Initiative.objectives.through,
        Initiative.measures.through,
        Alignment,
        Rebase,
        Membership,
        ServiceDependency,
    ):
        assert not model.objects.exists(), model
    assert KeyTarget.objects.get() == key_target  # a key target is the trust's, not the unit's
    assert snapshot(second.trust) == before
    assert history_rows() == history
    assert OrganisationUnit.objects.filter(code="NHT-MED-CARD").exists()
    connection.check_constraints()  # no key left pointing at a deleted row


def test_replace_clears_every_key_into_a_generated_trust():
    """delete_generated reads its tables from the app registry (deletion_plan); a model
    added with a key into a unit, a scorecard or anything below one must be deleted
    with the trust, cleared, or (into a unit) deleted by delete_tree's cascade."""
    plan = deletion_plan()
    deleted = {step.model for step in plan.deletes}
    cleared = {(model, name) for model, name, _ in plan.nulls}
    order = [step.model for step in plan.deletes]

    assert {
        Scorecard,
        StrategicTheme,
        SummaryStatement,
        SwotItem,
        Stakeholder,
        Objective,
        ObjectiveLink,
        Measure,
        Target,
        Observation,
        Rebase,
        Alignment,
        Initiative,
        Milestone,
        Initiative.objectives.through,
        Initiative.measures.through,
    } <= deleted
    assert order.index(Observation) < order.index(Measure) < order.index(Objective)
    assert order[-1] is Scorecard
    missed = []
    for model in apps.get_models(include_auto_created=True):
        for key in model._meta.concrete_fields:
            if not key.is_relation or not key.db_constraint:
                continue  # history models' keys: the database does not hold them
            target, on_delete = key.related_model, key.remote_field.on_delete
            if target is OrganisationUnit:
                covered = model in (OrganisationUnit, Scorecard) or on_delete in (
                    CASCADE,
                    SET_NULL,
                )
            elif target in deleted:
                covered = model in deleted or (model, key.name) in cleared
            else:
                continue
            if not covered:
                missed.append(f"{model._meta.label}.{key.name}")
    assert missed == []


def test_replace_leaves_other_trusts_alone(units):
    other = generate(Size(units=5, measures=2, months=3)).trust
    other_values = snapshot(other)
    generate(SMALL)

    generate(SMALL, replace=True)

    assert snapshot(other) == other_values
    assert OrganisationUnit.objects.filter(code="NHT").exists()
    assert tree_problems(stored_nodes()) == []


def test_the_same_seed_gives_the_same_values_and_another_seed_others(db):
    first = snapshot(generate(SMALL, seed=3).trust)

    again = snapshot(generate(SMALL, seed=3, replace=True).trust)
    other = snapshot(generate(SMALL, seed=4, replace=True).trust)

    assert again == first
    assert other != first


def test_departments_are_spread_evenly_under_about_sqrt_n_directorates():
    plan = plan_units(Size(units=200, measures=1, months=1))

    directorates = [i for i, spec in enumerate(plan) if spec.kind == "directorate"]
    below = defaultdict(int)
    for spec in plan:
        if spec.kind == "department":
            below[spec.parent] += 1
    assert len(directorates) == 14
    assert set(below.values()) == {13, 14}
    assert max(len(spec.code) for spec in plan) <= 20


def test_a_size_too_large_for_unit_codes_is_refused():
    assert Size(units=2, measures=4, months=14).problems()
    assert Size(units=99_999, measures=999, months=999).problems()
    assert Size(units=200, measures=30, months=60).problems() == []


def test_the_command_prints_one_line_and_says_when_the_trust_is_there(db, capsys):
    args = ["--units", "7", "--measures-per-unit", "4", "--months", "14"]
    call_command("generate_trust", *args)
    built = capsys.readouterr().out
    call_command("generate_trust", *args)
    found = capsys.readouterr().out

    assert built.startswith("Generated trust GEN7-4-14: 7 units, 7 scorecards")
    assert built.count("\n") == 1
    assert " s." in built
    assert "already here; nothing was changed" in found


def test_the_command_refuses_a_size_it_cannot_build(db):
    with pytest.raises(CommandError, match="at least 3 units"):
        call_command("generate_trust", "--units", "1", "--measures-per-unit", "4", "--months", "3")
