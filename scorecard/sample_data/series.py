"""What the demo and generated trusts draw their values with: the periods a series
covers, Poisson counts and rounding. Plain functions, seeded by the caller's
`random.Random`, so the same seed gives the same numbers."""

import math
from decimal import Decimal

from scorecard.lib import periods

SIX_PLACES = Decimal("0.000001")  # the places a stored value has


def period_list(today, frequency, months):
    """The periods of `frequency` in `months` months, ending with the latest complete
    period as at `today`, oldest first.

    A quarterly series of 36 months is 12 quarters whatever the day: it ends
    with the latest complete quarter, which may end before the latest complete
    month. Months that do not fill a period are left out (14 months are 4
    quarters).
    """
    latest = periods.latest_complete_period(today, frequency)
    count = months // periods.MONTHS_PER_PERIOD[frequency]
    return [periods.add_periods(latest, frequency, -back) for back in range(count - 1, -1, -1)]


def poisson(rng, mean):
    """A count drawn from a Poisson distribution of `mean` (Knuth's method).

    A mean of 0 or less gives 0 without drawing, so the draws after it are
    the same as if it had not been asked for. Knuth's method costs a draw per
    event; the largest mean drawn here is about 330 (the demo's biggest
    departments), where that is still quick.
    """
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def rounded(number, places):
    """`number` rounded to `places` by round(), as a Decimal with the six places a
    stored value has: rounded(4.46, 1) is Decimal("4.500000")."""
    return Decimal(str(round(number, places))).quantize(SIX_PLACES)
