"""No view module decides access or "in this subtree" by itself.

Who may see and change a unit is decided in one place, organisations/access.py
(`unit_for_user`, `scorecard_for_user`, `can_write`, `role_can_write`,
`memberships_of`, `managed_unit_filter`), on the QuerySet methods
`OrganisationUnit.objects.visible_to(user)`, `.writable_by(user)` and
`.in_subtree(unit)`. A view that reads memberships, compares roles or
compares the tree's lft/rght/tree_id numbers itself is a second copy of the
rule, and the copies drift apart: `managed_unit_filter` once ignored
superusers while access.py counted them as admins everywhere. This test
reads each view module's source (no import, so it is fast and cannot be
fooled by what a module happens to do when imported) and names each line
that does so.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("scorecard", "measures", "organisations", "cycle")
# Names that only access.py and the models may use to decide a role.
ROLE_NAMES = {"WRITE_ROLES", "ROLE_STRENGTH", "Role"}
TREE_NUMBERS = ("lft", "rght", "tree_id")


def view_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.name == "views.py" or path.parent.name == "views":
                yield path


def offences(tree):
    """(line, what) for each place the module decides access or a subtree itself."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ROLE_NAMES:
            yield node.lineno, f"uses {node.id}"
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in ROLE_NAMES:
            yield node.lineno, f"imports {node.name}"
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id == "Membership"
        ):
            yield node.lineno, "reads Membership.objects"
        elif isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if isinstance(operand, ast.Attribute) and operand.attr == "role":
                    yield node.lineno, "compares a role"
        elif isinstance(node, ast.keyword) and node.arg:
            parts = node.arg.split("__")
            if any(number in parts for number in TREE_NUMBERS):
                yield node.value.lineno, f"filters on {node.arg}"


def test_there_are_view_modules_to_check():
    names = {path.relative_to(ROOT).as_posix() for path in view_modules()}
    assert "scorecard/builder/views.py" in names
    assert "measures/views.py" in names
    assert "cycle/views.py" in names


@pytest.mark.parametrize(
    "path", list(view_modules()), ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_a_view_module_leaves_access_and_subtrees_to_organisations_access(path):
    found = sorted(offences(ast.parse(path.read_text(), filename=str(path))))

    assert found == [], (
        f"{path.relative_to(ROOT)} decides access itself; ask organisations.access "
        "or a QuerySet method (visible_to, writable_by, in_subtree) instead: "
        + "; ".join(f"line {line} {what}" for line, what in found)
    )


def test_the_check_catches_each_kind_of_offence():
    source = """
from organisations.models import WRITE_ROLES, Membership
def view(request, unit):
    Membership.objects.filter(user=request.user)
    if unit.role in WRITE_ROLES: pass
    units.filter(tree_id=unit.tree_id, lft__gte=unit.lft, unit__rght__lte=unit.rght)
"""
    kinds = {what.split()[0] for _, what in offences(ast.parse(source))}
    assert kinds == {"imports", "reads", "uses", "compares", "filters"}
