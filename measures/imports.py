"""Importing measure values from a spreadsheet: every row is checked, then all are written or none.

The import page and `manage.py import_observations` both call check_file(),
then save() or dry_run(); nothing here needs a request. The rules, which the
import page states in the same words:

- The first row names the columns, in any order and any case: unit (the unit's
  code, in any case), measure (its code), period, then value, or numerator and
  denominator for a ratio measure, and comment if wanted. Other columns are
  ignored, so an export imports as it is; the result names them.
- A period is its first day (2026-04-01), its year and month (2026-04), a date
  cell, or a day/month/year date (01/04/2026) as Excel writes one when it saves
  a CSV in the UK. It starts on the measure's period and is not in the future.
- Numbers are read as a typed one is (measures/values.py): "1,234" is 1234 and
  "95%" is 95 on a percentage measure, as is a cell formatted as a percentage.
  In a CSV separated by semicolons a number with a comma is ambiguous (the
  comma is likely a decimal point there) and refused.
- A cell the reader could not use (a formula without its saved result, an
  error value, text in a number cell) is named by row and column.
- A ratio measure takes its numerator and denominator. A value alone is
  refused; a value given with them must agree with them at the measure's
  decimals (as an export writes it). Any other measure takes a value only.
- A comment replaces the one stored; a blank or missing one leaves it as it is.
- A row with no value, numerator, denominator or comment is skipped and
  counted: a template comes with its codes and periods filled in.
- A measure computed from the units below is never imported: a row that gives
  what is computed (as an export does) is skipped, any other is refused.
  "What is computed" is the stored total, or, where none is stored or the
  file changes the units below, what the file's own values make it; so an
  export imports back into a unit whose values were lost. A unit the
  importer cannot see reads as unknown; one outside the unit imported into is
  refused.

Units and measures are looked up in one query each, however long the file.
Each change carries the version of the value stored when the file was
checked; recording refuses the import if any changed before it writes, and
stale_problems names those rows with who changed them.
"""

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.files import File
from django.db import transaction
from django.db.models import Min, QuerySet
from django.db.models.functions import Upper
from django.utils import timezone
from openpyxl.utils import get_column_letter

from measures import history, recording
from measures.models import Measure, Observation
from measures.recording import Change
from measures.selectors import is_past_trigger, target_in_force, targets_by_measure
from measures.spreadsheets import Unreadable, Unusable, read_rows, unquote
from measures.status import at_precision
from measures.values import EntryError, MeasuredValue, is_blank, parse_number, read_entry
from organisations.models import OrganisationUnit
from scorecard.lib import periods

COLUMNS = ("unit", "measure", "period", "value", "numerator", "denominator", "comment")
CODE_COLUMNS = ("unit", "measure")
# A row with none of these is skipped: it is a template row nobody filled in.
ENTRY_COLUMNS = ("value", "numerator", "denominator", "comment")
# django-simple-history keeps a change reason of up to 100 characters.
REASON_LENGTH = 100

ISO_PERIOD = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
PERIOD_FORMS = "its first day (2026-04-01) or its year and month (2026-04)"

# {column: cell} of a row (record_of): the codes and the comment as text, the
# rest as read (text, a number, a date, an Unusable cell or None).
Record = dict[str, Any]
# (measure id, period): the key of a value.
Key = tuple[int, date]

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: a row as the spreadsheet numbers it (None for the whole file)."""

    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.row else "file"
        return f"{where}: {self.reason}"


@dataclass
class Plan:
    """What a checked file asks for: changes to record, or the problems that stop it."""

    changes: list[Change] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Rows whose value is past the action trigger with no comment: imported
    # (they are mostly history), but the importer is told to say what is done.
    past_trigger_rows: list[int] = field(default_factory=list)
    # Rows of computed totals that give what is already computed (an export's).
    computed_matching: int = 0
    # {(measure id, period): row number} of each change, to name a row changed since.
    rows: dict[Key, int] = field(default_factory=dict)
    # Measures the file gives values from before their first stored one: importing
    # them asks for a tick (ImportForm.backfill), as it reaches back into history.
    backfills: list["Backfill"] = field(default_factory=list)


@dataclass(frozen=True)
class Backfill:
    """A measure the file reaches back before: values from before its first stored one."""

    unit: str
    code: str
    first: date  # the period of the measure's first stored value
    earliest: date  # the earliest period the file gives it
    frequency: str
    values: int  # how many of the file's values come before `first`
    # The units above whose computed totals of the code are worked out again.
    totals_above: tuple[str, ...]

    def __str__(self) -> str:
        label = periods.period_label
        values = "1 value" if self.values == 1 else f"{self.values} values"
        text = (
            f"{self.unit} {self.code}: {values} from {label(self.earliest, self.frequency)}, "
            f"before its first value ({label(self.first, self.frequency)})"
        )
        if self.totals_above:
            return (
                f"{text}; the computed totals of {_names(self.totals_above)} are worked out "
                "again for those periods"
            )
        return text


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def backfills(changes: Sequence[Change]) -> list[Backfill]:
    """The measures `changes` give values from before their first stored one.

    Each change's measure carries `first_period`, as measures_by_unit reads
    it; one query more, for the totals above, when any is found. A measure
    with no value yet is not back-filled: its first import starts it.
    """
    first = {
        change.measure.pk: change.measure.first_period  # type: ignore[attr-defined]
        for change in changes
    }
    first = {pk: period for pk, period in first.items() if period is not None}
    earlier: dict[int, list[Change]] = {}
    for change in changes:
        if change.measure.pk in first and change.period < first[change.measure.pk]:
            earlier.setdefault(change.measure.pk, []).append(change)
    if not earlier:
        return []
    measures = [changes[0].measure for changes in earlier.values()]
    totals = (
        Measure.objects.filter(is_computed=True, code__in={m.code for m in measures})
        .select_related("objective__scorecard__unit")
        .order_by("objective__scorecard__unit__level")
    )
    found = []
    for measure in measures:
        unit = measure.objective.scorecard.unit
        above = tuple(
            total.objective.scorecard.unit.name
            for total in totals
            if total.code == measure.code and _is_above(total.objective.scorecard.unit, unit)
        )
        periods_given = [change.period for change in earlier[measure.pk]]
        found.append(
            Backfill(
                unit=unit.name,
                code=measure.code,
                first=first[measure.pk],
                earliest=min(periods_given),
                frequency=measure.frequency,
                values=len(periods_given),
                totals_above=tuple(sorted(set(above), key=above.index)),
            )
        )
    return sorted(found, key=lambda backfill: (backfill.unit, backfill.code))


def _is_above(upper: OrganisationUnit, unit: OrganisationUnit) -> bool:
    # mptt's tree numbers are untyped.
    inside = upper.tree_id == unit.tree_id and upper.lft < unit.lft and upper.rght > unit.rght
    return bool(inside)


def check_file(
    file: "File[bytes]",
    *,
    units: QuerySet[OrganisationUnit],
    within: OrganisationUnit | None = None,
    today: date | None = None,
) -> Plan:
    """The Plan for an uploaded file; reads the database but writes nothing.

    `units` are the units the importer may see (a queryset); with `within`,
    only that unit and the units below it may be named.
    """
    try:
        table = read_rows(file)
        columns, ignored = read_header(table.rows[0][1])
    except Unreadable as error:
        return Plan(problems=[Problem(None, "file", str(error))])
    records = [(number, record_of(cells, columns)) for number, cells in table.rows[1:]]
    if not records:
        no_rows = "The file has a header but no rows below it."
        return Plan(problems=[Problem(None, "file", no_rows)])
    plan = check(
        records,
        units=units,
        within=within,
        today=today or timezone.localdate(),
        decimal_comma=table.decimal_comma,
    )
    plan.ignored_columns = ignored
    return plan


def read_header(cells: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """({column: position}, [names of the columns ignored]) from the header row."""
    for position, cell in enumerate(cells):
        if isinstance(cell, Unusable):
            raise Unreadable(f"The first row's cell {get_column_letter(position + 1)}1: {cell}")
    names = ["" if is_blank(cell) else str(cell).strip().lower() for cell in cells]
    known = [name for name in names if name in COLUMNS]
    if not known:
        raise Unreadable(
            f"The first row should name the columns ({', '.join(COLUMNS)}); it names none of "
            "them. Add a header row, or start from the template."
        )
    twice = sorted({name for name in known if known.count(name) > 1})
    if twice:
        raise Unreadable(f"The header names {' and '.join(twice)} more than once; keep one.")
    missing = [name for name in ("unit", "measure", "period") if name not in known]
    if "value" not in known and not {"numerator", "denominator"} <= set(known):
        missing.append("value (or numerator and denominator)")
    if missing:
        raise Unreadable(f"The header has no column named {', '.join(missing)}.")
    columns = {name: position for position, name in enumerate(names) if name in COLUMNS}
    ignored = [
        str(cell).strip()
        for cell, name in zip(cells, names, strict=True)
        if name and name not in COLUMNS
    ]
    return columns, ignored


def record_of(cells: Sequence[object], columns: Mapping[str, int]) -> Record:
    """{column: cell} for a row: codes as stripped text, a comment as written, the rest as read."""
    record: Record = {}
    for name in COLUMNS:
        position = columns.get(name)
        cell = cells[position] if position is not None and position < len(cells) else None
        if isinstance(cell, Unusable):
            pass  # check() names its row and column
        elif name in CODE_COLUMNS:
            cell = "" if is_blank(cell) else str(cell).strip()
        elif name == "comment":
            # Not stripped: a comment exported and imported again stays the same.
            cell = "" if is_blank(cell) else unquote(str(cell))
        record[name] = cell
    return record


def check(
    records: Sequence[tuple[int, Record]],
    *,
    units: QuerySet[OrganisationUnit],
    within: OrganisationUnit | None,
    today: date,
    decimal_comma: bool = False,
) -> Plan:
    """The Plan for [(row number, record), ...]: a fixed number of queries, then plain checks
    per row (and one more for a file that reaches back before a measure's first value).

    Each change carries the version of the value stored when the file was
    checked, so recording refuses it if someone changes the value before the
    import writes it (see with_versions for the check made on an earlier page).
    """
    to_check = [
        (number, record)
        for number, record in records
        if not all(is_blank(record[name]) for name in ENTRY_COLUMNS)
    ]
    problems: list[Problem] = []
    readable: list[tuple[int, Record]] = []
    for number, record in to_check:
        unusable = [(name, cell) for name, cell in record.items() if isinstance(cell, Unusable)]
        problems += [Problem(number, name, str(cell)) for name, cell in unusable]
        if not unusable:
            readable.append((number, record))
    lookup = Lookup(
        units=units_by_code(units, {record["unit"].upper() for _, record in readable}),
        measures=measures_by_unit(units, {record["measure"].upper() for _, record in readable}),
        within=within,
        today=today,
        decimal_comma=decimal_comma,
    )
    changes: list[tuple[int, Change]] = []
    first_row: dict[Key, int] = {}
    for number, record in readable:
        try:
            change = check_row(record, lookup)
        except EntryError as error:
            problems += [Problem(number, column, why) for column, why in error.errors.items()]
            continue
        key = (change.measure.pk, change.period)
        if key in first_row:
            problems.append(Problem(number, "period", duplicate_reason(first_row[key], number)))
            continue
        first_row[key] = number
        changes.append((number, change))
    computed = [(number, c) for number, c in changes if c.measure.is_computed]
    entered = [(number, c) for number, c in changes if not c.measure.is_computed]
    if not problems:
        problems = computed_problems(computed, [c for _, c in entered])
    if problems:
        # Every problem here names its row: `or 0` only tells the type checker so.
        return Plan(problems=sorted(problems, key=lambda problem: problem.row or 0))
    stored = stored_totals(entered)
    entered = [(number, as_seen(change, stored)) for number, change in entered]
    return Plan(
        changes=[c for _, c in entered],
        skipped=len(records) - len(to_check),
        computed_matching=len(computed),
        past_trigger_rows=past_trigger_rows(entered, stored),
        rows={(c.measure.pk, c.period): number for number, c in entered},
        backfills=backfills([c for _, c in entered]),
    )


def as_seen(change: Change, stored: Mapping[Key, Observation]) -> Change:
    """The change, carrying the version of the value `stored` holds for it (0 for none)."""
    current = stored.get((change.measure.pk, change.period))
    return replace(change, opened_version=current.version if current else 0)


def versions_seen(plan: Plan) -> list[list[Any]]:
    """[[measure id, period, version], ...] as the check saw them, to carry to the import."""
    return [[c.measure.pk, c.period.isoformat(), c.opened_version] for c in plan.changes]


def with_versions(plan: Plan, seen: Iterable[Sequence[Any]]) -> Plan:
    """The plan, each change carrying the version `seen` (versions_seen) when the file was checked.

    The import page checks a file, and the person imports it on a later page:
    a value typed in between is then refused rather than overwritten.
    """
    versions = {(pk, date.fromisoformat(period)): version for pk, period, version in seen}
    changes = [
        replace(c, opened_version=versions.get((c.measure.pk, c.period), c.opened_version))
        for c in plan.changes
    ]
    return replace(plan, changes=changes)


def after_stale(plan: Plan, outcome: recording.Outcome) -> Plan:
    """The plan, carrying the versions stored now of the values that changed since its check.

    After the changed rows are listed, importing the file again replaces
    those values as they were shown, and is refused if they change once more.
    """
    stale = {(change.measure.pk, change.period) for change, _ in outcome.stale}
    now = stored_totals([(None, change) for change, _ in outcome.stale])
    changes = [as_seen(c, now) if (c.measure.pk, c.period) in stale else c for c in plan.changes]
    return replace(plan, changes=changes)


def stale_problems(plan: Plan, outcome: recording.Outcome, user: User | None) -> list[Problem]:
    """A Problem for each row whose value changed since the file was checked: who, when, what.

    The values are read again, so that a value first entered by someone else
    while the import was writing (which recording reports with no value,
    along with every other new value of the import) is named with who
    entered it, and a row nobody changed is not listed.
    """
    keys = {(change.measure.pk, change.period) for change, _ in outcome.stale}
    now = {
        (o.measure_id, o.period): o
        for o in Observation.objects.filter(
            measure_id__in={pk for pk, _ in keys}, period__in={period for _, period in keys}
        ).select_related("entered_by", "measure")
    }
    problems = []
    for change, _ in outcome.stale:
        key = (change.measure.pk, change.period)
        current = now.get(key)
        if current is None or current.version == change.opened_version:
            continue
        reason = history.changed_since(current, user, since="the file was checked")
        problems.append(Problem(plan.rows.get(key), "value", reason))
    if not problems:
        problems.append(
            Problem(
                None,
                "file",
                "Someone entered some of these values at the same moment as the import. "
                "Check the file again to see what importing it would do now.",
            )
        )
    return sorted(problems, key=lambda problem: problem.row or 0)


def closed_problems(plan: Plan, outcome: recording.Outcome) -> list[Problem]:
    """A Problem for each row whose month is closed for its unit: an import corrects nothing.

    A value of a closed month is corrected on the entry page, which asks why.
    """
    return sorted(
        (
            Problem(
                plan.rows.get((change.measure.pk, change.period)),
                "period",
                f"{closed.refusal()} Correct it on the entry page, which asks for the reason.",
            )
            for change, closed in outcome.closed
        ),
        key=lambda problem: problem.row or 0,
    )


def past_trigger_rows(
    rows: Sequence[tuple[int, Change]], stored: Mapping[Key, Observation]
) -> list[int]:
    """The rows that write a value past its action trigger with no comment, in one query.

    `stored` holds the observations stored for the rows. A row that leaves a
    stored value as it is, or keeps a stored comment, is left out:
    re-importing an export must not warn about what is already there.
    """
    targets = targets_by_measure({change.measure.pk for _, change in rows})
    numbers = []
    for number, change in rows:
        current = stored.get((change.measure.pk, change.period))
        if change.comment or (
            current and (current.comment or current.value == change.entry.value)
        ):
            continue
        target = target_in_force(targets[change.measure.pk], change.period)
        if is_past_trigger(change.measure, change.entry.value, target):
            numbers.append(number)
    return numbers


def past_trigger_advice(plan: Plan) -> str:
    """What to tell the importer about values past their trigger with no comment, or ""."""
    rows = plan.past_trigger_rows
    if not rows:
        return ""
    shown = ", ".join(str(number) for number in rows[:20]) + (", ..." if len(rows) > 20 else "")
    values, where = ("value is", "row") if len(rows) == 1 else ("values are", "rows")
    return (
        f"{len(rows)} {values} past the action trigger with no comment ({where} {shown}): "
        "say what is being done in a comment, here or on the entry page."
    )


def computed_problems(
    rows: Sequence[tuple[int, Change]], entered: Sequence[Change]
) -> list[Problem]:
    """Problems for rows of computed measures that differ from what is computed.

    A computed measure is never imported. A row that gives the stored total
    (as an export of a directorate does) is skipped, so an export imports as
    it is; one query. Only when some row does not, because no total is stored
    yet or the file changes the units below, are the file's own values
    recorded in a transaction that is rolled back, to read what they make
    the totals.
    """
    stored = stored_totals(rows)
    unmatched = [(number, c) for number, c in rows if not gives(stored, c)]
    if not unmatched:
        return []
    would_be = totals_after(entered, [c for _, c in unmatched])
    problems = []
    for number, change in unmatched:
        if gives(would_be, change):
            continue
        unit = change.measure.objective.scorecard.unit
        problems.append(
            Problem(
                number,
                "measure",
                f"{change.measure.code} in {unit.name} is computed from the units below, so "
                "it cannot be imported: import the values of the units below instead.",
            )
        )
    return problems


def stored_totals(rows: Sequence[tuple[int | None, Change]]) -> dict[Key, Observation]:
    """{(measure id, period): Observation} stored for the rows' measures and periods."""
    if not rows:
        return {}
    return {
        (o.measure_id, o.period): o
        for o in Observation.objects.filter(
            measure__in={change.measure for _, change in rows},
            period__in={change.period for _, change in rows},
        )
    }


def totals_after(entered: Sequence[Change], totals: Sequence[Change]) -> dict[Key, Observation]:
    """{(measure id, period): Observation} of `totals` once `entered` are recorded; keeps none."""
    with transaction.atomic():
        recording.record(entered, None, reason="Checked, not imported")
        found = stored_totals([(None, change) for change in totals])
        transaction.set_rollback(True)
    return found


def gives(stored: Mapping[Key, Observation], change: Change) -> bool:
    """Whether the stored observation for the change's measure and period holds its entry."""
    current = stored.get((change.measure.pk, change.period))
    entry = change.entry
    return current is not None and (current.value, current.numerator, current.denominator) == (
        entry.value,
        entry.numerator,
        entry.denominator,
    )


def duplicate_reason(first: int, again: int) -> str:
    return (
        f"Rows {first} and {again} both give this unit, measure and period; "
        "keep the one that is right."
    )


def units_by_code(
    units: QuerySet[OrganisationUnit], codes: Collection[str]
) -> dict[str, OrganisationUnit]:
    """{code in capitals: unit} for the codes among `units`, in one query."""
    found = units.annotate(upper_code=Upper("code")).filter(upper_code__in=codes)
    return {unit.upper_code: unit for unit in found}


def measures_by_unit(
    units: QuerySet[OrganisationUnit], codes: Collection[str]
) -> dict[tuple[int, str], Measure]:
    """{(unit id, code in capitals): Measure} for these codes in `units`, in one query.

    Codes match in any case: the builder keeps them unique in a scorecard
    without regard to case. Where a retired measure and a live one share a
    code, the live one is kept.
    """
    found = (
        # With the period of each one's first value, to tell a back-fill (backfills).
        Measure.objects.annotate(
            upper_code=Upper("code"), first_period=Min("observations__period")
        )
        .filter(upper_code__in=codes, objective__scorecard__unit__in=units)
        .select_related("objective__scorecard__unit")
        # Retired first, so a live measure with the same code replaces it below.
        .order_by("-is_retired", "-objective__is_retired")
    )
    # Each row has its upper_code, but django-stubs adds an annotation only to the row type of
    # a QuerySet generic in it, and MeasureQuerySet's rows are typed as plain Measures.
    return {
        (m.objective.scorecard.unit_id, m.upper_code): m  # type: ignore[attr-defined]
        for m in found
    }


@dataclass(frozen=True)
class Lookup:
    """What the rows are checked against, read once for the whole file."""

    units: dict[str, OrganisationUnit]
    measures: dict[tuple[int, str], Measure]
    within: OrganisationUnit | None
    today: date
    # A CSV separated by semicolons, where a comma in a number may be a decimal point.
    decimal_comma: bool = False

    @property
    def known_codes(self) -> set[str]:
        return {upper_code for _, upper_code in self.measures}

    def unit(self, code: str) -> OrganisationUnit:
        if not code:
            raise EntryError({"unit": "Enter the unit's code."})
        unit = self.units.get(code.upper())
        # A unit the importer cannot see reads the same as one that does not
        # exist: the import does not tell outsiders which units there are.
        if unit is None:
            raise EntryError({"unit": f"There is no unit with the code {code}."})
        if self.within and not unit.is_descendant_of(self.within, include_self=True):
            raise EntryError(
                {
                    "unit": f"{unit.name} is not {self.within.name} or a unit below it: "
                    "import its values from its own page."
                }
            )
        return unit

    def measure(self, unit_code: str, code: str) -> Measure:
        if not code:
            raise EntryError({"measure": "Enter the measure's code."})
        unit = self.unit(unit_code)
        measure = self.measures.get((unit.pk, code.upper()))
        if measure is None:
            raise EntryError({"measure": no_measure_reason(unit, code, self.known_codes)})
        if not measure.is_live:
            raise EntryError(
                {
                    "measure": f"{measure.code} is retired from {unit.name}'s scorecard: "
                    "it takes no values."
                }
            )
        return measure


def no_measure_reason(unit: OrganisationUnit, code: str, known_codes: Collection[str]) -> str:
    if code.upper() in known_codes:
        return f"{code} is not a measure of {unit.name}: it belongs to other units."
    return f"There is no measure with the code {code}."


def check_row(record: Record, lookup: Lookup) -> Change:
    """The Change one row asks for, or EntryError with {column: reason} for each cell at fault."""
    errors: dict[str, str] = {}
    measure = _collect(errors, lookup.measure, record["unit"], record["measure"])
    period = _collect(errors, read_period, record["period"])
    if measure and period:
        _collect(errors, check_period, period, measure, lookup.today)
    if lookup.decimal_comma:
        _collect(errors, check_decimal_comma, record)
    entry = _collect(errors, read_row_entry, measure, record) if measure else None
    if errors:
        raise EntryError(errors)
    # Each is None only where a column had a problem.
    assert measure is not None
    assert period is not None
    assert entry is not None
    # A blank or missing comment keeps the one stored: a file of values alone
    # must not wipe what people wrote about them.
    return Change(measure, period, entry, record["comment"] or None)


def _collect(errors: dict[str, str], read: Callable[..., T], *args: Any) -> T | None:
    """read(*args), or None with its problems added to `errors` (the first per column)."""
    try:
        return read(*args)
    except EntryError as error:
        for column, reason in error.errors.items():
            errors.setdefault(column, reason)
        return None


def read_period(cell: object) -> date:
    """The date a period cell names (not yet checked against a measure)."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = "" if is_blank(cell) else str(cell).strip()
    if not text:
        raise EntryError({"period": f"Enter the period as {PERIOD_FORMS}."})
    if match := ISO_PERIOD.match(text):
        year, month, day = match.groups()
    elif match := UK_DATE.match(text):
        day, month, year = match.groups()
    else:
        raise EntryError({"period": f"“{text}” is not a period: write it as {PERIOD_FORMS}."})
    try:
        return date(int(year), int(month), int(day or 1))
    except ValueError as error:
        raise EntryError({"period": f"“{text}” is not a date."}) from error


def check_period(period: date, measure: Measure, today: date) -> None:
    try:
        periods.check_period(period, measure.frequency, today)
    except periods.PeriodError as error:
        raise EntryError({"period": str(error)}) from error


def check_decimal_comma(record: Record) -> None:
    """Numbers with a comma are refused in a file whose columns are separated by semicolons.

    Excel saves a CSV with semicolons where the comma is the decimal point, so
    there "1,500" is one and a half, not the 1500 measures/values.py reads in
    a comma-separated file: either reading could be 1,000 times out.
    """
    errors = {
        column: f"“{str(record[column]).strip()}” is ambiguous: the file's columns are separated "
        "by semicolons, as Excel saves them where the comma is the decimal point. Write "
        "decimals with a point (1.5) and no thousands separators, or save the file as an "
        "Excel workbook (.xlsx)."
        for column in ("value", "numerator", "denominator")
        if "," in str(record[column] or "")
    }
    if errors:
        raise EntryError(errors)


def read_row_entry(measure: Measure, record: Record) -> MeasuredValue:
    """The MeasuredValue of a row for `measure`, by the ratio rules above and values.py."""
    rules = measure.value_rules
    value, numerator, denominator = record["value"], record["numerator"], record["denominator"]
    parts_blank = is_blank(numerator) and is_blank(denominator)
    if rules.is_ratio and parts_blank and not is_blank(value):
        raise EntryError(
            {
                "value": f"{measure.code} is a ratio: give its numerator and denominator, "
                "and its value is worked out from them."
            }
        )
    if not rules.is_ratio and not parts_blank:
        column = "numerator" if not is_blank(numerator) else "denominator"
        raise EntryError(
            {
                column: f"{measure.code} is not a ratio: give its value, and leave the "
                "numerator and denominator blank."
            }
        )
    # read_entry rounds to the places the database keeps, so a second import of
    # the same file (a spreadsheet's 0.1 + 0.2) compares equal instead of updating.
    entry = read_entry(rules, value=value, numerator=numerator, denominator=denominator)
    if rules.is_ratio and not is_blank(value):
        check_ratio_value(measure, value, entry)
    return entry


def check_ratio_value(measure: Measure, value: object, entry: MeasuredValue) -> None:
    """A value given beside a numerator and denominator must agree with them."""
    try:
        given = parse_number(value, percent_sign_allowed=measure.is_percentage)
    except ValueError as error:
        raise EntryError({"value": str(error)}) from error
    # Both as the pages show them, so the figure a person copied off a page agrees.
    worked_out = at_precision(entry.value, measure.decimals)
    if at_precision(given, measure.decimals) != worked_out:
        raise EntryError(
            {
                "value": f"{given.normalize():f} does not agree with the numerator and "
                f"denominator, which give {worked_out:f}. Leave the value blank, or correct it."
            }
        )


def save(plan: Plan, user: User | None, *, reason: str) -> recording.Outcome:
    """Record the plan's changes in one transaction; returns recording's Outcome."""
    return recording.record(plan.changes, user, reason=reason[:REASON_LENGTH])


def dry_run(plan: Plan) -> recording.Outcome:
    """The Outcome save() would have, found by recording in a transaction then rolling it back.

    Going through record() itself keeps the counts exactly those of a real
    import, including the computed totals above; nothing is kept.
    """
    with transaction.atomic():
        outcome = recording.record(plan.changes, None, reason="Checked, not imported")
        transaction.set_rollback(True)
    return outcome


def import_reason(filename: str, *, by_command: bool = False) -> str:
    """The change reason kept in each value's history."""
    suffix = " by command" if by_command else ""
    room = REASON_LENGTH - len("Imported from ") - len(suffix)
    return f"Imported from {filename[:room]}{suffix}"


def describe_outcome(outcome: recording.Outcome, plan: Plan) -> str:
    """The counts of an import in words: "2 created, 1 updated, 0 unchanged, 3 skipped"."""
    text = (
        f"{outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged, "
        f"{plan.skipped} skipped (no value given)"
    )
    if plan.computed_matching:
        plural = "" if plan.computed_matching == 1 else "s"
        text += (
            f"; {plan.computed_matching} computed total{plural} left as computed from the "
            "units below"
        )
    if outcome.recomputed:
        plural = "" if outcome.recomputed == 1 else "s"
        text += f"; {outcome.recomputed} computed total{plural} above recomputed"
    if outcome.not_computed:
        # Each is named in its own message by the caller (str(NotComputed)).
        count = len(outcome.not_computed)
        text += f"; {count} computed total{'' if count == 1 else 's'} above not computed"
    return text
