"""Closing the loop: every computed total checked against the values it is made of."""

from django.db import transaction

from measures import rollup
from measures.models import Measure, Observation
from measures.recording import computed_comment, recompute_above
from measures.values import MeasuredValue


def assert_totals_are_their_parts(*, history=True):
    """Check every computed value against the values below it; return how many were checked.

    Each equals the roll-up of the values of the units directly below, says
    which units it is made of, and (unless `history` is False, for values
    loaded without it) its latest history row is the value stored. Then
    recording, asked to recompute everything above the typed values from
    scratch, finds nothing to change.
    """
    stored = {
        (o.measure.objective.scorecard.unit_id, o.measure.code, o.period): o
        for o in Observation.objects.select_related("measure__objective__scorecard")
    }
    checked = 0
    for measure in Measure.objects.filter(is_computed=True).select_related(
        "objective__scorecard__unit"
    ):
        unit = measure.objective.scorecard.unit
        # The units directly below with a live measure of the same code, as recording has them.
        below = dict(
            Measure.objects.live()
            .filter(code=measure.code, objective__scorecard__unit__parent=unit)
            .values_list("objective__scorecard__unit_id", "objective__scorecard__unit__name")
        )
        kids = sorted(below.items(), key=lambda kid: kid[1])
        for period in {period for (_, code, period) in stored if code == measure.code}:
            found = [stored.get((pk, measure.code, period)) for pk, _ in kids]
            parts = [
                None if o is None else MeasuredValue(o.value, o.numerator, o.denominator)
                for o in found
            ]
            expected = rollup.combine(measure.rollup, parts, measure.ratio_multiplier)
            total = stored.get((unit.pk, measure.code, period))
            if expected is None:
                assert total is None, (unit.name, measure.code, period)
                continue
            assert (total.value, total.numerator, total.denominator) == (
                expected.value,
                expected.numerator,
                expected.denominator,
            ), (unit.name, measure.code, period)
            missing = [name for (_, name), o in zip(kids, found, strict=True) if o is None]
            assert total.comment == computed_comment(len(kids) - len(missing), len(kids), missing)
            if history:
                latest = total.history.order_by("-history_date", "-history_id").first()
                kept = (latest.value, latest.numerator, latest.denominator, latest.version)
                assert kept == (total.value, total.numerator, total.denominator, total.version)
            checked += 1
    typed = {key for key, o in stored.items() if not o.measure.is_computed}
    with transaction.atomic():
        assert recompute_above(typed) == 0
    return checked
