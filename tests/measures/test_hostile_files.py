"""Every file of the hostile corpus, through the command and through the import page.

Each is refused with a message a person can act on (naming its row where
the problem is in a row), or imported as it should be; either way the call
returns (the readers bound their own time and memory), and a refused file
leaves the database as it was.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from measures.models import Observation
from tests.measures.hostile_files import corpus, returns_within
from tests.measures.transfer_data import build_measures

FILES = {hostile.name: hostile for hostile in corpus()}
# Generous: a guard against hanging, not a measure of speed.
LIMIT = 60


@pytest.fixture
def measures(units):
    return build_measures(units)


def database():
    """Every value and every history row, to show a refused file changed nothing."""
    return (
        sorted(Observation.objects.values_list("measure_id", "period", "value", "version")),
        Observation.history.count(),
    )


def described(hostile):
    return (
        f"Imported {hostile.name}: {hostile.created} created, 0 updated, 0 unchanged, "
        f"{hostile.skipped} skipped (no value given)."
    )


@pytest.mark.parametrize("name", FILES)
def test_the_command_refuses_or_imports_each_hostile_file(measures, tmp_path, name):
    hostile = FILES[name]
    path = tmp_path / name
    path.write_bytes(hostile.content)
    before = database()
    out, err = StringIO(), StringIO()

    with returns_within(LIMIT):
        if hostile.refused:
            with pytest.raises(CommandError, match="nothing was imported"):
                call_command("import_observations", str(path), stdout=out, stderr=err)
        else:
            call_command("import_observations", str(path), stdout=out, stderr=err)

    if hostile.refused:
        where = f"row {hostile.row}, " if hostile.row else "file: "
        assert where in err.getvalue()
        assert hostile.refused in err.getvalue()
        assert database() == before
    else:
        assert out.getvalue().startswith(described(hostile))
        assert Observation.objects.count() == hostile.created


@pytest.mark.parametrize("name", FILES)
def test_the_import_page_refuses_or_imports_each_hostile_file(
    client, measures, department_manager, name
):
    hostile = FILES[name]
    client.force_login(department_manager)
    before = database()
    url = reverse("measures:import_values", args=["general-surgery"])

    with returns_within(LIMIT):
        response = client.post(
            url, {"file": SimpleUploadedFile(name, hostile.content), "import": ""}, follow=True
        )

    page = response.content.decode()
    assert response.status_code == 200
    if hostile.refused:
        assert escape(hostile.refused) in page
        assert "nothing was imported" in page or "nhsuk-error-message" in page
        if hostile.row:
            assert f'table__cell--numeric">{hostile.row}</td>' in page
        assert database() == before
    else:
        assert escape(described(hostile)) in page
        assert Observation.objects.count() == hostile.created
