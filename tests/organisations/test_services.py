import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from organisations import services
from organisations.management.commands.check_unit_tree import stored_nodes
from organisations.models import OrganisationUnit
from organisations.tree_check import tree_problems
from tests.factories import make_objective, make_scorecard, make_unit


def reload(unit):
    return OrganisationUnit.objects.get(pk=unit.pk)


def test_moving_a_department_carries_its_descendants(units):
    wards = make_unit("Surgical wards", parent=units["NHT-SURG-GS"], code="NHT-SURG-GS-W")

    services.move_unit(units["NHT-SURG-GS"], units["NHT-MED"])

    moved = reload(units["NHT-SURG-GS"])
    assert moved.parent.code == "NHT-MED"
    assert reload(wards).parent == moved
    assert [u.code for u in reload(units["NHT-MED"]).get_descendants()] == [
        "NHT-MED-CARD",
        "NHT-SURG-GS",
        "NHT-SURG-GS-W",
    ]
    assert [u.code for u in reload(units["NHT-SURG"]).get_descendants()] == ["NHT-SURG-TH"]
    assert tree_problems(stored_nodes()) == []


def test_a_unit_cannot_move_under_its_own_department(units):
    with pytest.raises(ValidationError, match="under itself"):
        services.move_unit(units["NHT-SURG"], units["NHT-SURG-GS"])

    assert reload(units["NHT-SURG"]).parent.code == "NHT"
    assert tree_problems(stored_nodes()) == []


def test_renaming_keeps_the_siblings_in_name_order(units):
    theatres = units["NHT-SURG-TH"]
    theatres.name = "Anaesthetics and theatres"

    services.save_unit(theatres)

    names = [u.name for u in reload(units["NHT-SURG"]).get_children()]
    assert names == ["Anaesthetics and theatres", "General Surgery"]
    assert tree_problems(stored_nodes()) == []


def test_save_with_a_stale_copy_does_not_corrupt_the_tree(units):
    stale = reload(units["NHT-MED-CARD"])
    make_unit("Anaesthetics", OrganisationUnit.Kind.DIRECTORATE, parent=units["NHT"])

    stale.name = "Cardiology and respiratory"
    services.save_unit(stale)

    assert tree_problems(stored_nodes()) == []


def test_deleting_a_unit_with_scorecard_data_is_refused(units):
    make_scorecard(units["NHT-SURG-TH"])

    with pytest.raises(services.UnitTreeError, match="has a scorecard"):
        services.delete_unit(units["NHT-SURG-TH"])

    assert OrganisationUnit.objects.filter(code="NHT-SURG-TH").exists()


def test_deleting_a_unit_with_units_below_it_is_refused(units):
    with pytest.raises(services.UnitTreeError, match="units below it"):
        services.delete_unit(units["NHT-SURG"])

    assert OrganisationUnit.objects.count() == 6


def test_deleting_an_empty_leaf_keeps_the_tree_valid(units):
    services.delete_unit(units["NHT-SURG-TH"])

    assert not OrganisationUnit.objects.filter(code="NHT-SURG-TH").exists()
    assert tree_problems(stored_nodes()) == []


def test_create_refuses_a_duplicate_code_with_a_message(units):
    with pytest.raises(ValidationError) as error:
        make_unit("Second surgery", parent=units["NHT"], code="NHT-SURG")

    assert "code" in error.value.message_dict


def test_check_unit_tree_reports_a_valid_tree(units, capsys):
    call_command("check_unit_tree")

    assert "The unit tree is valid: 6 units in 1 tree(s)." in capsys.readouterr().out


def test_check_unit_tree_reports_a_corrupt_tree(units, capsys):
    # Corrupt it the way a bulk update would: behind django-mptt's back.
    OrganisationUnit.objects.filter(code="NHT-SURG-TH").update(lft=100)

    with pytest.raises(CommandError, match="problem"):
        call_command("check_unit_tree")

    assert "Theatres" in capsys.readouterr().err


def test_check_unit_tree_rebuilds_a_corrupt_tree_from_the_parent_links(units, capsys):
    OrganisationUnit.objects.filter(code="NHT-SURG-TH").update(lft=100)

    call_command("check_unit_tree", "--rebuild")

    output = capsys.readouterr()
    assert "Theatres" in output.err
    assert "Rebuilt the tree from the parent links." in output.out
    assert "The unit tree is valid: 6 units in 1 tree(s)." in output.out
    assert tree_problems(stored_nodes()) == []


def test_a_move_unlinks_objectives_from_the_parent_it_left(units):
    medicine_goal = make_objective(make_scorecard(units["NHT-MED"]), "M1")
    surgery_goal = make_objective(make_scorecard(units["NHT-SURG"]), "S1")
    cardiology = make_scorecard(units["NHT-MED-CARD"])
    make_objective(cardiology, "C1", contributes_to=medicine_goal)
    make_objective(cardiology, "C2", "Financial")

    saved = services.move_unit(units["NHT-MED-CARD"], units["NHT-SURG"])

    assert saved.unlinked_objectives == ["C1"]
    assert not medicine_goal.contributions.exists()
    assert not surgery_goal.contributions.exists()
    for objective in cardiology.objectives.all():
        objective.full_clean()


def test_a_rename_keeps_the_cascade(units):
    medicine_goal = make_objective(make_scorecard(units["NHT-MED"]), "M1")
    make_objective(make_scorecard(units["NHT-MED-CARD"]), "C1", contributes_to=medicine_goal)
    cardiology = reload(units["NHT-MED-CARD"])
    cardiology.name = "Cardiology and respiratory"

    saved = services.save_unit(cardiology)

    assert saved.unlinked_objectives == []
    assert medicine_goal.contributions.count() == 1
