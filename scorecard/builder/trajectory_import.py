"""Importing a unit's trajectories (planned values per period) from a CSV or XLSX file.

An operational plan arrives as a spreadsheet: a planned value per measure and
month. The file names its columns in its first row:

measure        the measure's code on the unit's scorecard (RTT18)
period         the period the plan is for (2026-04 or 2026-04-01; a month, or
               a quarter's or year's first month for other frequencies)
planned value  the value planned for that period
tolerance      optional: the amber tolerance (else the one the measure's plan
               had before, or none)
trigger        optional: the action trigger (else the one the plan had before)

It is all or nothing, as the values import is: every row is checked before
anything is saved, each problem is named by its row and column, and a file
with any problem saves nothing. Each planned value becomes the measure's
target from its period (services.save_trajectory), as the trajectory grid
saves it; periods the file does not name are left as they are.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from measures.imports import read_period
from measures.models import Direction, Measure, Target
from measures.selectors import target_in_force
from measures.spreadsheets import Table, Unreadable, Unusable
from measures.values import EntryError, is_blank, parse_number
from scorecard.lib import periods

COLUMNS = ("measure", "period", "planned value", "tolerance", "trigger")
REQUIRED = ("measure", "period", "planned value")
# What each column is called when a problem is named, and the Target field behind it.
FIELDS = {"value": "planned value", "tolerance": "tolerance", "action_trigger": "trigger"}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    reason: str


@dataclass
class Plan:
    """What a file would save: the targets of each measure, and every problem found."""

    targets: dict[Measure, list[Target]]
    problems: list[Problem]

    @property
    def count(self) -> int:
        return sum(len(targets) for targets in self.targets.values())


def read_columns(cells: Sequence[object]) -> dict[str, int]:
    """{column: position} from the header row, or Unreadable saying what is wrong."""
    names = ["" if is_blank(cell) else " ".join(str(cell).split()).lower() for cell in cells]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise Unreadable(
            f"The first row should name the columns {', '.join(REQUIRED)} (and optionally "
            f"tolerance and trigger); it has no {' or '.join(missing)}."
        )
    twice = sorted({name for name in names if name in COLUMNS and names.count(name) > 1})
    if twice:
        raise Unreadable(f"The header names {' and '.join(twice)} more than once; keep one.")
    return {name: position for position, name in enumerate(names) if name in COLUMNS}


def check_plan(table: Table, measures: Iterable[Measure], *, source: str, rationale: str) -> Plan:
    """Every row of `table` checked against the unit's live `measures` (with their targets
    prefetched); nothing is saved."""
    (_, header), *rows = table.rows
    columns = read_columns(header)
    by_code = {measure.code.upper(): measure for measure in measures}
    plan = Plan(defaultdict(list), [])
    seen: dict[tuple[int, date], int] = {}
    for number, cells in rows:
        record = {name: cells[at] if at < len(cells) else None for name, at in columns.items()}
        target = _row_target(number, record, by_code, plan.problems, source, rationale)
        if target is None:
            continue
        key = (target.measure.pk, target.effective_from)
        if key in seen:
            plan.problems.append(
                Problem(number, "period", f"Row {seen[key]} plans this period already.")
            )
            continue
        seen[key] = number
        plan.targets[target.measure].append(target)
    if not rows:
        plan.problems.append(Problem(1, "", "The file has a header and no rows under it."))
    return plan


def _row_target(
    number: int,
    record: Mapping[str, object],
    by_code: Mapping[str, Measure],
    problems: list[Problem],
    source: str,
    rationale: str,
) -> Target | None:
    def refuse(column: str, reason: str) -> None:
        problems.append(Problem(number, column, reason))

    unusable = [name for name, cell in record.items() if isinstance(cell, Unusable)]
    for name in unusable:
        refuse(name, str(record[name]))
    if unusable:
        return None
    code = "" if is_blank(record["measure"]) else str(record["measure"]).strip()
    measure = by_code.get(code.upper())
    if measure is None:
        refuse(
            "measure",
            f"“{code}” is not a measure of this scorecard."
            if code
            else "Give the measure's code.",
        )
        return None
    if measure.direction == Direction.WITHIN_RANGE:
        refuse("measure", f"{measure.code} is within a range: set its targets one at a time.")
        return None
    try:
        period = read_period(record["period"])
        # A plan looks ahead: any period start from 2000 on, however far in the future.
        periods.check_period(period, measure.frequency, date.max)
    except EntryError as error:
        refuse("period", error.errors["period"])
        return None
    except periods.PeriodError as error:
        refuse("period", str(error))
        return None
    numbers = {}
    for field, column in FIELDS.items():
        cell = record.get(column)
        if is_blank(cell):
            numbers[field] = None
            continue
        try:
            numbers[field] = parse_number(cell, percent_sign_allowed=measure.is_percentage)
        except ValueError as error:
            refuse(column, str(error))
    if len(numbers) < len(FIELDS):
        return None
    if numbers["value"] is None:
        refuse("planned value", "Give the value planned for the period.")
        return None
    before = target_in_force(
        sorted(measure.targets.all(), key=lambda target: target.effective_from), period
    )
    tolerance = numbers["tolerance"]
    if tolerance is None:
        tolerance = before.tolerance if before else Decimal(0)
    trigger = numbers["action_trigger"]
    if trigger is None and before:
        trigger = before.action_trigger
    target = Target(
        measure=measure,
        effective_from=period,
        value=numbers["value"],
        tolerance=tolerance,
        action_trigger=trigger,
        source=source,
        rationale=rationale,
    )
    try:
        target.clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            refuse(FIELDS.get(field, field), " ".join(messages))
        return None
    return target


def header_problem(table: Table) -> str:
    """Why the file's header cannot be read, or "" when it can."""
    (_, header), *_ = table.rows
    for position, cell in enumerate(header):
        if isinstance(cell, Unusable):
            return f"The first row's cell {get_column_letter(position + 1)}1: {cell}"
    try:
        read_columns(header)
    except Unreadable as error:
        return str(error)
    return ""
