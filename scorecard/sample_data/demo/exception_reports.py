"""The demo's exception reports: a department's, carried forward unchanged, with an
overdue action; its directorate's summary over it; and the trust's C. difficile.
And the cover of the trust's board pack for the latest month.

Written through the app's own service (measures.exception_reports.save_report),
so each says who wrote it and when, and a report saved with last month's text
says it is unchanged since then. Whatever exists already is kept.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from measures.exception_reports import save_report
from measures.models import ExceptionAction
from scorecard.lib import periods
from scorecard.models import PackCover


@dataclass(frozen=True)
class Action:
    description: str
    owner: str  # a demo username
    due_days: int  # days after the latest month's end; negative: overdue already
    status: str = ExceptionAction.Status.OPEN


@dataclass(frozen=True)
class Report:
    unit_code: str
    code: str
    author: str
    months_back: tuple[int, ...]  # 0: the latest month; each written with the same text
    what_happened: str
    root_cause: str
    risk: str
    recovery_months: int  # months after the latest that it is expected to recover by
    actions: tuple[Action, ...] = ()
    # A revised trajectory: from the month's value, this much better each month to come.
    trajectory_step: float = 0


REPORTS = (
    Report(
        "NHT-SURG-GEN",
        "RTT18",
        "surgery.manager",
        (1, 0),
        what_happened="Fewer patients are waiting under 18 weeks than planned: the list has "
        "grown since the summer as routine lists were cancelled for emergency pressures.",
        root_cause="Two consultant vacancies in colorectal surgery and 14 theatre lists "
        "lost to emergency pressures in September and October.",
        risk="Harm to patients waiting longer for surgery; the trust's recovery trajectory "
        "for 18 weeks will be missed this year.",
        recovery_months=6,
        actions=(
            Action("Validate the waiting list with the booking team", "surgery.manager", 30),
            Action(
                "Run two extra weekend lists a month with the independent sector",
                "surgery.manager",
                -10,
            ),
        ),
    ),
    Report(
        "NHT-SURG",
        "RTT18",
        "surgery.manager",
        (0,),
        what_happened="Surgery's share of patients waiting under 18 weeks is below its "
        "trajectory, driven by General Surgery; the other specialties are near plan.",
        root_cause="General Surgery's consultant vacancies and lost lists (see its report).",
        risk="The directorate will not meet its part of the trust's 18-week plan by March.",
        recovery_months=6,
        trajectory_step=0.8,
    ),
    Report(
        "NHT",
        "CDIFF",
        "admin",
        (0,),
        what_happened="Cases of C. difficile this month are past the monthly trigger, and the "
        "year's total is close to its pro-rata share of the annual ceiling.",
        root_cause="Two clusters on the care of the elderly wards; antibiotic prescribing "
        "audits found broad-spectrum use above the trust's guideline.",
        risk="Harm to patients; at this rate the year will pass the annual ceiling agreed "
        "with the commissioners.",
        recovery_months=4,
        actions=(
            Action("Antimicrobial stewardship ward rounds on the affected wards", "admin", 45),
        ),
    ),
)


def ensure_exception_reports(ctx, built):
    for spec in REPORTS:
        measure = built[spec.unit_code].measures.get(spec.code)
        if measure is None or measure.exception_reports.exists():
            continue
        author = ctx.users[spec.author]
        recovery = periods.add_periods(ctx.latest_month, periods.MONTHLY, spec.recovery_months)
        narrative = {
            "what_happened": spec.what_happened,
            "root_cause": spec.root_cause,
            "risk": spec.risk,
            "recovery_expected": recovery,
        }
        month_end = periods.add_periods(ctx.latest_month, periods.MONTHLY, 1)
        for index, back in enumerate(spec.months_back):
            month = periods.add_periods(ctx.latest_month, periods.MONTHLY, -back)
            narrative["revised_trajectory"] = revised_trajectory(measure, month, spec)
            actions = [
                ExceptionAction(
                    description=action.description,
                    owner=ctx.users[action.owner],
                    due=month_end + timedelta(days=action.due_days),
                    status=action.status,
                )
                for action in spec.actions
                if index == 0  # raised in the first report, carried after
            ]
            # Written a week after the month ended, as a performance meeting would need.
            written = datetime.combine(
                periods.add_periods(month, periods.MONTHLY, 1) + timedelta(days=6), time(10)
            )
            save_report(
                measure=measure,
                period=periods.period_ending_in(month, measure.frequency) or month,
                narrative=narrative,
                actions=actions,
                user=author,
                now=min(ctx.now, timezone.make_aware(written)),
            )


def revised_trajectory(measure, month, spec):
    """[[period, value], ...] for the periods after `month`: from its value, a step better
    each month, as ExceptionReportForm stores them; [] without a step or a value."""
    value = measure.observations.filter(period=month).values_list("value", flat=True).first()
    if not spec.trajectory_step or value is None:
        return []
    return [
        [
            periods.add_periods(month, periods.MONTHLY, ahead).isoformat(),
            format(planned.quantize(Decimal(1).scaleb(-measure.decimals)).normalize(), "f"),
        ]
        for ahead in range(1, 7)
        for planned in [value + Decimal(str(spec.trajectory_step)) * ahead]
    ]


def ensure_pack_cover(ctx):
    """The cover of the trust's pack for the latest month, as its lead would write it."""
    PackCover.objects.get_or_create(
        unit=ctx.units["NHT"],
        month=ctx.latest_month,
        defaults={
            "purpose": PackCover.Purpose.ASSURANCE,
            "recommendation": "The board is asked to note the position and the recovery "
            "actions, and to seek assurance on 18 weeks and infection control.",
            "key_messages": "\n".join(
                [
                    "18 weeks remains below trajectory in Surgery: recovery expected by May.",
                    "C. difficile is past its monthly trigger and near its share of the "
                    "annual ceiling: stewardship rounds are under way.",
                    "A&E four hours is within its interim ambition.",
                ]
            ),
            "author": "Head of Performance",
            "lead_director": "Chief Operating Officer",
            "updated_by": ctx.users["admin"],
        },
    )
