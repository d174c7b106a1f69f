"""`python manage.py import_observations FILE [--dry-run]`."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures import imports, recording
from measures.models import Observation
from measures.recording import Change
from measures.values import MeasuredValue
from tests.measures.transfer_data import APRIL, build_measures, csv_file, row, xlsx_file


@pytest.fixture
def measures(units):
    return build_measures(units)


def write(tmp_path, file):
    path = tmp_path / file.name
    path.write_bytes(file.read())
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_observations", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_import_prints_its_counts_and_records_who_and_why(measures, tmp_path):
    path = write(tmp_path, csv_file([row(value="3"), row(measure="FALLS")]))

    out, _ = run(path)

    assert out == (
        "Imported values.csv: 1 created, 0 updated, 0 unchanged, 1 skipped (no value given).\n"
    )
    record = Observation.objects.get().history.get()
    assert (record.history_user, record.history_change_reason) == (
        None,
        "Imported from values.csv by command",
    )


def test_an_xlsx_file_imports_the_same_way(measures, tmp_path):
    path = write(tmp_path, xlsx_file([row(value=3)]))

    out, _ = run(path)

    assert out.startswith("Imported values.xlsx: 1 created")
    assert Observation.objects.get().value == 3


def test_problems_are_printed_by_row_and_column_and_nothing_is_written(measures, tmp_path):
    rows = [row(value="3"), row(measure="FALLS", value="-1"), row(measure="NOPE", value="1")]
    path = write(tmp_path, csv_file(rows))
    err = StringIO()

    with pytest.raises(CommandError, match=r"^2 problems in values.csv: nothing was imported\.$"):
        call_command("import_observations", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "row 3, value: A count cannot be negative.",
        "row 4, measure: There is no measure with the code NOPE.",
    ]
    assert not Observation.objects.exists()


def test_a_problem_with_the_whole_file_is_printed(measures, tmp_path):
    path = write(tmp_path, csv_file([], header=["unit", "measure", "value"]))
    err = StringIO()

    with pytest.raises(CommandError, match="1 problem in values.csv"):
        call_command("import_observations", str(path), stderr=err)

    assert err.getvalue() == "file: The header has no column named period.\n"


def test_a_dry_run_says_what_would_change_and_writes_nothing(measures, tmp_path):
    Observation.objects.create(measure=measures.wait, period=APRIL, value=5)
    path = write(tmp_path, csv_file([row(value="6"), row(measure="FALLS", value="1")]))

    out, _ = run(path, "--dry-run")

    assert out == (
        "Checked values.csv, nothing written. Importing it would give: 1 created, 1 updated, "
        "0 unchanged, 0 skipped (no value given); 1 computed total above recomputed.\n"
    )
    assert Observation.objects.get().value == 5
    assert Observation.history.count() == 1


def test_running_it_twice_changes_nothing_the_second_time(measures, tmp_path):
    path = write(tmp_path, csv_file([row(value="3")]))
    run(path)

    out, _ = run(path)

    assert "0 created, 0 updated, 1 unchanged" in out
    assert Observation.history.count() == 1


def test_ignored_columns_are_named(measures, tmp_path):
    header = ["unit", "measure", "period", "value", "notes"]
    path = write(tmp_path, csv_file([["NHT-SURG-GS", "WAIT", "2026-04", "3", "x"]], header=header))

    out, _ = run(path)

    assert out.startswith("Ignored columns: notes.\n")


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run(tmp_path / "absent.csv")


def test_a_value_typed_while_the_command_checks_is_named_and_kept(measures, tmp_path, monkeypatch):
    path = write(tmp_path, csv_file([row(value="3")]))
    save = imports.save

    def typed_first(plan, user, *, reason):
        # Someone saves on the entry page after the file is checked, before it is written.
        recording.record([Change(measures.wait, APRIL, MeasuredValue(Decimal(7)))], None)
        return save(plan, user, reason=reason)

    monkeypatch.setattr(imports, "save", typed_first)
    err = StringIO()

    with pytest.raises(CommandError, match=r"^Someone changed some of these values while"):
        call_command("import_observations", str(path), stderr=err)

    assert err.getvalue().startswith(
        "row 2, value: Since the file was checked, an import or the system changed this value "
        "to 7 days ("
    )
    assert Observation.objects.get().value == 7
