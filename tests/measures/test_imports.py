"""Reading and checking an import file, and recording it: measures/imports.py."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures import imports, recording, spreadsheets
from measures.models import Observation
from measures.recording import Change
from measures.values import MeasuredValue
from organisations.models import OrganisationUnit
from tests.factories import make_observation, make_user
from tests.measures.transfer_data import (
    APRIL,
    COLUMNS,
    build_measures,
    csv_file,
    row,
    upload,
    xlsx_file,
)

TODAY = date(2026, 11, 26)
KINDS = ["csv", "xlsx"]


@pytest.fixture
def measures(units):
    return build_measures(units)


def check(file, *, within=None, units=None):
    units = units if units is not None else OrganisationUnit.objects.all()
    return imports.check_file(file, units=units, within=within, today=TODAY)


def problems_of(plan):
    return [(problem.row, problem.column, problem.reason) for problem in plan.problems]


def history_count():
    return Observation.history.count()


# A file that is right.


@pytest.mark.parametrize("kind", KINDS)
def test_a_good_file_plans_a_change_per_row(measures, kind):
    rows = [
        row(measure="WAIT", value="12.5", comment="Validated"),
        row(measure="RTT18", numerator="90", denominator="100"),
        row(measure="FALLS", value="1,234"),
        row(measure="AUDIT", period="2026-07-01", value="95%"),
    ]

    plan = check(upload(kind, rows))

    assert plan.problems == []
    entries = {c.measure.code: (c.period, c.entry.value, c.comment) for c in plan.changes}
    assert entries == {
        "WAIT": (APRIL, Decimal("12.5"), "Validated"),
        # No comment: the one stored, if any, is kept.
        "RTT18": (APRIL, Decimal(90), None),
        "FALLS": (APRIL, Decimal(1234), None),
        "AUDIT": (date(2026, 7, 1), Decimal(95), None),
    }


def test_headers_and_unit_codes_match_in_any_case_and_order(measures):
    header = ["Comment", "PERIOD", "Value", "Measure", "Unit"]
    file = csv_file([["", "2026-04", "3", "wait", "nht-surg-gs"]], header=header)

    plan = check(file)

    assert plan.problems == []
    assert plan.changes[0].measure == measures.wait


def test_other_columns_are_ignored_and_named(measures):
    header = [*COLUMNS, "measure title", "status"]
    file = csv_file([row(value="3") + ["Wait in days", "On target"]], header=header)

    plan = check(file)

    assert plan.problems == []
    assert plan.ignored_columns == ["measure title", "status"]


def test_a_byte_order_mark_and_windows_line_endings_just_work(measures):
    file = csv_file([row(value="3"), row(measure="FALLS", value="2")], bom=True, newline="\r\n")

    plan = check(file)

    assert plan.problems == []
    assert [change.entry.value for change in plan.changes] == [3, 2]


def test_xlsx_cells_keep_their_types(measures):
    rows = [
        row(period=datetime(2026, 4, 1), value=12.5),
        row(measure="RTT18", period=date(2026, 5, 1), numerator=45, denominator=50),
        # A cell formatted as a percentage holds 0.95 and shows 95%.
        row(measure="AUDIT", period="2026-07", value=0.95),
    ]
    file = xlsx_file(rows, formats={(2, "value"): "0%"})

    plan = check(file)

    assert plan.problems == []
    assert [(c.period, c.entry.value) for c in plan.changes] == [
        (APRIL, Decimal("12.5")),
        (date(2026, 5, 1), Decimal(90)),
        (date(2026, 7, 1), Decimal(95)),
    ]


def test_a_period_may_be_written_as_excel_writes_a_uk_date(measures):
    plan = check(csv_file([row(period="01/04/2026", value="3")]))

    assert plan.changes[0].period == APRIL


def test_a_ratio_value_that_agrees_with_its_parts_is_accepted(measures):
    # An export writes the value beside the parts; it agrees at the measure's decimals.
    plan = check(csv_file([row(measure="RTT18", value="66.7", numerator="2", denominator="3")]))

    assert plan.problems == []
    assert plan.changes[0].entry.value == Decimal("66.666667")


def test_a_quote_that_an_export_put_before_a_formula_is_taken_off(measures):
    plan = check(csv_file([row(value="3", comment="'=validated by audit")]))

    assert plan.changes[0].comment == "=validated by audit"


def test_spreadsheet_float_noise_is_rounded_to_what_is_stored(measures):
    plan = check(xlsx_file([row(value=0.1 + 0.2)]))

    assert plan.changes[0].entry.value == Decimal("0.300000")


# Rows skipped.


@pytest.mark.parametrize("kind", KINDS)
def test_rows_without_values_are_skipped_and_counted(measures, kind):
    rows = [row(value="3"), row(measure="FALLS"), row(measure="RTT18"), ["", "", "", "", ""]]

    plan = check(upload(kind, rows))

    assert plan.problems == []
    assert len(plan.changes) == 1
    # The wholly blank row is not a row of the table at all.
    assert plan.skipped == 2


# Bad input in a row: each names the row as the spreadsheet shows it (the header is row 1).

BAD_ROWS = [
    pytest.param(row(value="abc"), "value", "“abc” is not a number.", id="not a number"),
    pytest.param(row(comment="Late"), "value", "Enter a value.", id="blank value"),
    pytest.param(row(value="1,5"), "value", "is ambiguous", id="decimal comma"),
    pytest.param(row(value="95%"), "value", "has a % sign", id="% on days"),
    pytest.param(
        row(measure="AUDIT", period="2026-07", value="101"),
        "value",
        "A percentage is between 0 and 100; 101 is not.",
        id="percentage over 100",
    ),
    pytest.param(
        row(measure="AUDIT", period="2026-07", value="-1"),
        "value",
        "between 0 and 100",
        id="percentage below 0",
    ),
    pytest.param(
        row(measure="FALLS", value="-2"), "value", "A count cannot be negative.", id="negative"
    ),
    pytest.param(
        row(measure="FALLS", value="2.5"), "value", "A count is a whole number.", id="fraction"
    ),
    pytest.param(
        row(measure="RTT18", numerator="120", denominator="100"),
        "numerator",
        "cannot be greater than the denominator",
        id="numerator over denominator",
    ),
    pytest.param(
        row(measure="RTT18", numerator="0", denominator="0"),
        "denominator",
        "The denominator cannot be zero.",
        id="zero denominator",
    ),
    pytest.param(
        row(measure="RTT18", numerator="5"),
        "denominator",
        "Enter the denominator.",
        id="missing denominator",
    ),
    pytest.param(
        row(measure="RTT18", value="95"),
        "value",
        "RTT18 is a ratio: give its numerator and denominator",
        id="value for a ratio",
    ),
    pytest.param(
        row(measure="RTT18", value="80", numerator="9", denominator="10"),
        "value",
        "80 does not agree with the numerator and denominator, which give 90.0.",
        id="ratio value disagrees",
    ),
    pytest.param(
        row(value="3", numerator="1", denominator="2"),
        "numerator",
        "WAIT is not a ratio: give its value",
        id="parts for a plain measure",
    ),
    pytest.param(
        row(measure="AUDIT", period="2026-05", value="90"),
        "period",
        "1 May 2026 is not the start of a quarterly period; did you mean 1 April 2026?",
        id="off the quarter",
    ),
    pytest.param(
        row(period="2026-04-15", value="3"),
        "period",
        "not the start of a monthly period",
        id="mid-month",
    ),
    pytest.param(
        row(period="2027-01", value="3"), "period", "Jan 2027 is in the future.", id="future"
    ),
    pytest.param(row(period="April", value="3"), "period", "is not a period", id="period text"),
    pytest.param(row(period="2026-13", value="3"), "period", "is not a date", id="month 13"),
    pytest.param(row(period="", value="3"), "period", "Enter the period", id="blank period"),
    pytest.param(
        row(unit="NHT-NOPE", value="3"),
        "unit",
        "There is no unit with the code NHT-NOPE.",
        id="unknown unit",
    ),
    pytest.param(row(unit="", value="3"), "unit", "Enter the unit's code.", id="blank unit"),
    pytest.param(
        row(measure="NOPE", value="3"),
        "measure",
        "There is no measure with the code NOPE.",
        id="unknown measure",
    ),
    pytest.param(row(measure="", value="3"), "measure", "Enter the measure's code.", id="blank"),
    pytest.param(
        row(measure="UTIL", value="80"),
        "measure",
        "UTIL is not a measure of General Surgery: it belongs to other units.",
        id="measure of another unit",
    ),
    pytest.param(
        row(unit="NHT-SURG", measure="FALLS", value="3"),
        "measure",
        "FALLS in Surgery is computed from the units below, so it cannot be imported: import "
        "the values of the units below instead.",
        id="computed measure",
    ),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("bad_row", "column", "reason"), BAD_ROWS)
def test_a_bad_row_is_named_with_its_column_and_reason(measures, kind, bad_row, column, reason):
    plan = check(upload(kind, [row(measure="FALLS", value="1"), bad_row]))

    assert plan.changes == []
    [(number, named_column, said)] = problems_of(plan)
    assert (number, named_column) == (3, column)
    assert reason in said


def test_a_retired_measure_takes_no_values(measures):
    measures.wait.is_retired = True
    measures.wait.save()

    plan = check(csv_file([row(value="3")]))

    assert problems_of(plan) == [
        (2, "measure", "WAIT is retired from General Surgery's scorecard: it takes no values.")
    ]


def test_every_bad_cell_of_a_row_is_named(measures):
    plan = check(csv_file([row(measure="NOPE", period="2026-13", value="x")]))

    assert [(p.row, p.column) for p in plan.problems] == [(2, "measure"), (2, "period")]


def test_the_same_unit_measure_and_period_twice_names_both_rows(measures):
    rows = [row(value="3"), row(measure="FALLS", value="1"), row(period="2026-04-01", value="4")]

    plan = check(csv_file(rows))

    assert problems_of(plan) == [
        (
            4,
            "period",
            "Rows 2 and 4 both give this unit, measure and period; keep the one that is right.",
        )
    ]


def test_a_unit_the_importer_cannot_see_reads_as_unknown(measures, department_manager):
    visible = OrganisationUnit.objects.visible_to(department_manager)

    plan = check(csv_file([row(unit="NHT-SURG-TH", measure="UTIL", value="80")]), units=visible)

    assert problems_of(plan) == [(2, "unit", "There is no unit with the code NHT-SURG-TH.")]


def test_a_unit_outside_the_one_imported_into_is_refused(measures, units, directorate_manager):
    visible = OrganisationUnit.objects.visible_to(directorate_manager)
    file = csv_file([row(unit="NHT-SURG-TH", measure="UTIL", value="80")])

    plan = check(file, units=visible, within=units["NHT-SURG-GS"])

    assert problems_of(plan) == [
        (
            2,
            "unit",
            "Theatres is not General Surgery or a unit below it: import its values from its "
            "own page.",
        )
    ]


# Bad files: one problem for the whole file.


def file_problem(file):
    plan = check(file)
    [problem] = plan.problems
    assert (problem.row, problem.column) == (None, "file")
    return problem.reason


@pytest.mark.parametrize("name", ["values.xls", "values.txt", "values", "values.ods"])
def test_a_file_that_is_not_csv_or_xlsx_is_refused(measures, name):
    reason = file_problem(SimpleUploadedFile(name, b"unit,measure\n"))

    assert reason.startswith(f"{name} is not a CSV or XLSX file.")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n,,,\r\n"])
def test_an_empty_csv_is_refused(measures, content):
    assert file_problem(SimpleUploadedFile("values.csv", content)).startswith("The file is empty")


def test_an_empty_xlsx_is_refused(measures):
    assert file_problem(xlsx_file([], header=[])).startswith("The file is empty")


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_without_a_header_is_refused(measures, kind):
    reason = file_problem(upload(kind, [], header=row(value="3")))

    assert reason.startswith("The first row should name the columns")


@pytest.mark.parametrize("kind", KINDS)
def test_missing_columns_are_named(measures, kind):
    reason = file_problem(upload(kind, [["NHT-SURG-GS", "3"]], header=["unit", "numerator"]))

    assert reason == (
        "The header has no column named measure, period, value (or numerator and denominator)."
    )


def test_a_column_named_twice_is_refused(measures):
    reason = file_problem(csv_file([], header=[*COLUMNS, "Value"]))

    assert reason == "The header names value more than once; keep one."


def test_a_header_without_rows_is_refused(measures):
    assert file_problem(csv_file([])) == "The file has a header but no rows below it."


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(measures):
    big = SimpleUploadedFile("values.csv", b"x" * (spreadsheets.MAX_BYTES + 1))

    assert file_problem(big) == (
        "The file is 5.0 MB; the limit is 5 MB. Split it into smaller files."
    )


def test_a_file_with_too_many_rows_is_refused(measures, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)

    reason = file_problem(csv_file([row(value="1")] * 4))

    assert reason == (
        "The file has more than 3 rows below its header, counting blank rows. Split it into "
        "smaller files; if the sheet was filled or formatted down to its last row, delete the "
        "rows below your values first."
    )


def test_a_csv_that_is_not_utf8_is_refused_saying_how_to_save_it(measures):
    latin = "NHT-SURG-GS,WAIT,2026-04,3,Révisé\n".encode("cp1252")
    file = SimpleUploadedFile("values.csv", b"unit,measure,period,value,comment\n" + latin)

    reason = file_problem(file)

    assert reason.startswith("The file is not UTF-8 text")
    assert "CSV UTF-8" in reason


def test_a_damaged_workbook_is_refused(measures):
    reason = file_problem(SimpleUploadedFile("values.xlsx", b"PK\x03\x04 not really a zip"))

    assert reason.startswith("The file could not be read as an Excel workbook.")


def test_a_binary_file_named_csv_is_refused(measures):
    reason = file_problem(SimpleUploadedFile("values.csv", b"unit\x00measure"))

    assert reason.startswith("The file does not look like CSV text.")


# Recording what was checked.


def test_an_import_with_one_bad_row_writes_nothing(measures):
    make_observation(measures.wait, APRIL, "5")
    before = (Observation.objects.count(), history_count())
    rows = [row(value="3"), row(measure="FALLS", value="oops")]

    plan = check(csv_file(rows))
    imports.save(plan, None, reason="test")

    assert (Observation.objects.count(), history_count()) == before
    assert Observation.objects.get().value == 5


def test_importing_the_same_file_twice_changes_nothing_the_second_time(measures):
    user = make_user("importer")
    rows = [row(value="3"), row(measure="RTT18", numerator="9", denominator="10")]

    first = imports.save(check(csv_file(rows)), user, reason="first")
    history = history_count()
    second = imports.save(check(csv_file(rows)), user, reason="second")

    assert (first.created, first.updated) == (2, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert history_count() == history


def test_a_changed_value_updates_the_observation_and_adds_one_history_row(measures):
    imports.save(check(csv_file([row(value="3")])), None, reason="first")
    history = history_count()

    outcome = imports.save(
        check(csv_file([row(value="4", comment="Corrected")])), None, reason="Imported from x"
    )

    assert (outcome.created, outcome.updated) == (0, 1)
    observation = Observation.objects.get()
    assert (observation.value, observation.comment) == (4, "Corrected")
    assert history_count() == history + 1
    latest = observation.history.first()
    assert (latest.value, latest.history_change_reason) == (4, "Imported from x")


def test_an_import_recomputes_the_total_above(measures):
    outcome = imports.save(check(csv_file([row(measure="FALLS", value="2")])), None, reason="x")

    assert outcome.recomputed == 1
    assert Observation.objects.get(measure=measures.surgery_falls).value == 2


def test_a_dry_run_counts_what_would_change_and_writes_nothing(measures):
    make_observation(measures.wait, APRIL, "5")
    before = (Observation.objects.count(), history_count())

    outcome = imports.dry_run(check(csv_file([row(value="6"), row(measure="FALLS", value="1")])))

    assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 1, 0)
    assert (Observation.objects.count(), history_count()) == before


def test_the_change_reason_fits_the_history_column():
    reason = imports.import_reason("x" * 200 + ".csv", by_command=True)

    assert len(reason) == 100
    assert reason.startswith("Imported from xxx")
    assert reason.endswith(" by command")


def test_the_summary_says_every_count_in_words():
    outcome = imports.recording.Outcome(created=2, updated=1, unchanged=3, recomputed=1)

    plan = imports.Plan(skipped=4, computed_matching=2)

    assert imports.describe_outcome(outcome, plan) == (
        "2 created, 1 updated, 3 unchanged, 4 skipped (no value given); "
        "2 computed totals left as computed from the units below; "
        "1 computed total above recomputed"
    )


# The check reads the same number of queries for 5 rows as for 50.


def many_rows(count):
    months = [date(2024 + (3 + n) // 12, (3 + n) % 12 + 1, 1) for n in range(count // 2 + 1)]
    rows = []
    for month in months:
        rows.append(row(period=f"{month:%Y-%m}", value="3"))
        rows.append(row(measure="RTT18", period=f"{month:%Y-%m}", numerator="9", denominator="10"))
    return rows[:count]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("count", [5, 50])
def test_the_check_reads_four_queries_however_long_the_file(
    measures, django_assert_max_num_queries, kind, count
):
    file = upload(kind, many_rows(count))

    # Units, measures, and the targets and stored values for the action-trigger advice.
    with django_assert_max_num_queries(4):
        plan = check(file)

    assert plan.problems == []
    assert len(plan.changes) == count


@pytest.mark.parametrize("kind", KINDS)
def test_a_denominator_zero_as_stored_is_refused_on_its_row_and_nothing_is_written(measures, kind):
    make_observation(measures.rtt, APRIL, "90", numerator=Decimal(90), denominator=Decimal(100))
    rows = [
        row(measure="WAIT", value="12.5"),
        row(measure="RTT18", numerator="0", denominator="0.0000001"),
    ]

    plan = check(upload(kind, rows))

    assert problems_of(plan) == [
        (
            3,
            "denominator",
            "0.0000001 is 0 to the 6 decimal places a value is kept to: the denominator "
            "must be above zero.",
        )
    ]
    assert not Observation.objects.filter(measure=measures.wait).exists()


# A value typed after the file was checked is never overwritten silently (issue 13).


def type_value(measure, value, user):
    recording.record([Change(measure, APRIL, MeasuredValue(Decimal(value)))], user)


def test_the_import_refuses_a_value_typed_after_the_check_and_names_its_row(measures):
    typist = make_user("tina", first_name="Tina", last_name="Typist")
    plan = check(csv_file([row(value="3"), row(measure="FALLS", value="2")]))
    type_value(measures.wait, "7", typist)

    outcome = imports.save(plan, None, reason="Imported from values.csv")

    assert not outcome.saved
    assert Observation.objects.get().value == Decimal(7)
    [problem] = imports.stale_problems(plan, outcome, None)
    assert (problem.row, problem.column) == (2, "value")
    assert problem.reason.startswith(
        "Since the file was checked, Tina Typist changed this value to 7 days ("
    )


def test_versions_seen_at_an_earlier_check_are_those_the_import_carries(measures):
    earlier = check(csv_file([row(value="3")]))
    type_value(measures.wait, "7", None)
    again = check(csv_file([row(value="3")]))

    outcome = imports.save(
        imports.with_versions(again, imports.versions_seen(earlier)), None, reason="x"
    )

    assert not outcome.saved
    assert Observation.objects.get().value == Decimal(7)
    # Once the stale row has been shown, importing again replaces it as shown.
    shown = imports.after_stale(again, outcome)
    assert imports.save(shown, None, reason="x").saved
    assert Observation.objects.get().value == Decimal(3)
