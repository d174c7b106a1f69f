"""The board pack's tables as an Excel workbook, for analysts who work on the figures.

The same Pack as the page and the PDF: a closed month's reported record, or its
figures as known, marked DRAFT. Text is written so it never runs as a formula
(measures.spreadsheets).
"""

from django.utils import timezone

from measures.spreadsheets import Number, xlsx_bytes

MEASURE_HEADER = [
    "Perspective",
    "Code",
    "Measure",
    "Unit of measure",
    "Period",
    "Value",
    "Target",
    "Period before",
    "Change",
    "Year to date",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Assurance",
    "Status",
    "Action required",
    "Exception report: what happened",
    "Root cause",
    "Risk",
    "Recovery expected",
    "Report written",
]
ACTION_HEADER = ["Code", "Measure", "Action", "Owner", "Due by", "Status", "Overdue"]


def limits_of(line) -> tuple[float | None, float | None, float | None]:
    """(mean, lower limit, upper limit) as the pages show them: a closed month's stored
    figures, or the last point's of the series when its limits may be drawn."""
    if line.reported:
        return line.row.mean, line.row.lower_limit, line.row.upper_limit
    point = line.spc.points[-1] if line.judgeable and line.spc else None
    return (point.mean, point.lpl, point.upl) if point else (None, None, None)


def number(value, decimals):
    return Number(value, decimals) if value is not None else None


def measure_rows(pack):
    reports = pack.dashboard.reports
    needing = {page.line.measure.pk for page in pack.exceptions}
    for perspective in pack.dashboard.perspectives:
        for row in pack.rows.get(perspective.perspective.pk, []):
            line, measure = row.line, row.line.measure
            decimals = measure.decimals
            mean, lower, upper = limits_of(line)
            report_of = reports.get(measure.pk)
            report = report_of.report if report_of else None
            yield [
                perspective.perspective.name,
                measure.code,
                measure.title,
                measure.unit or None,
                line.period,
                number(line.observation.value if line.observation else None, decimals),
                number(line.target.value if line.target else None, decimals),
                number(row.previous.value if row.previous else None, decimals),
                number(row.change, decimals),
                number(line.year_to_date, decimals),
                number(mean, decimals + 1),
                number(lower, decimals + 1),
                number(upper, decimals + 1),
                line.variation_label or None,
                line.assurance_label or None,
                line.status.label,
                "Yes" if measure.pk in needing else "No",
                report.what_happened if report else None,
                report.root_cause if report else None,
                report.risk if report else None,
                report.recovery_expected if report else None,
                timezone.localtime(report.written_at).replace(tzinfo=None) if report else None,
            ]


def action_rows(pack):
    for page in pack.exceptions:
        measure = page.line.measure
        for action in page.actions:
            owner = action.owner
            yield [
                measure.code,
                measure.title,
                action.description,
                (owner.get_full_name() or owner.username) if owner else "No owner",
                action.due,
                action.get_status_display(),
                "Yes" if action.is_overdue else "No",
            ]


def figures_words(pack, figures_sentence: str) -> str:
    """Which figures the workbook holds: as reported, with the record's version, or a DRAFT."""
    record = pack.dashboard.record
    if record is None:
        # The latest figures of a closed month are not a draft, but not as reported either.
        return figures_sentence if pack.latest_of_closed else f"DRAFT: {figures_sentence}"
    closed_on = timezone.localdate(record.closed.at)
    return f"as reported on {closed_on:%-d %B %Y} (version {record.version})"


def pack_workbook(pack, figures_sentence: str) -> bytes:
    """The pack's measures, and its exception actions, as XLSX bytes."""
    about = [
        ["Unit", pack.unit.name],
        ["Month", f"{pack.month:%B %Y}"],
        ["Figures", figures_words(pack, figures_sentence)],
        ["Made", timezone.localtime().replace(tzinfo=None, microsecond=0)],
    ]
    return xlsx_bytes(
        [
            ("Measures", [MEASURE_HEADER, *measure_rows(pack)]),
            ("Actions", [ACTION_HEADER, *action_rows(pack)]),
            ("About", [["About", ""], *about]),
        ]
    )
