"""A small surgical scorecard to enter values into, shared by the entry tests."""

from dataclasses import dataclass
from decimal import Decimal

from measures.due import latest_month
from measures.models import Direction, Frequency, RollUp
from tests.factories import (
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
)


@dataclass
class Surgical:
    month: object
    rtt: object  # General Surgery's 18-week percentage, a ratio
    never: object  # never events, a zero-tolerance count
    los: object  # length of stay in days
    quarterly: object  # a quarterly survey score
    theatres_rtt: object
    surgery_rtt: object  # Surgery's, computed from the two departments


def ratio(objective, code="RTT18", **extra):
    return make_measure(
        objective,
        code,
        unit="%",
        rollup=RollUp.RATIO,
        numerator_label="Waiting under 18 weeks",
        denominator_label="All waiting",
        action="Bring a recovery plan to the monthly performance review.",
        who_acts="Specialty service manager",
        **extra,
    )


def build_surgical(units, month=None):
    month = month or latest_month()
    general = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    rtt = ratio(general)
    make_target(rtt, value="92", tolerance=Decimal(2), action_trigger=Decimal(88))
    never = make_measure(
        general, "NEVER", unit="count", direction=Direction.LOWER_IS_BETTER, zero_tolerance=True
    )
    los = make_measure(general, "LOS", unit="days", direction=Direction.LOWER_IS_BETTER)
    make_target(los, value="4", tolerance=Decimal("0.5"), action_trigger=Decimal(6))
    # Due only in the last month of a quarter: it is on the page only then.
    quarterly = make_measure(general, "SURVEY", unit="score 0-10", frequency=Frequency.QUARTERLY)
    theatres_rtt = ratio(make_objective(make_scorecard(units["NHT-SURG-TH"]), "C1"))
    surgery_rtt = ratio(make_objective(make_scorecard(units["NHT-SURG"]), "C1"), is_computed=True)
    return Surgical(month, rtt, never, los, quarterly, theatres_rtt, surgery_rtt)
