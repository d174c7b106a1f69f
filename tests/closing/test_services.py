"""Closing and reopening a month: what is frozen, what is refused, and versions kept."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cycle.models import MonthClose, ReportedMeasure, ReportedScore, ReportedUnit
from measures.lines import SPARKLINE_LENGTH
from measures.models import Frequency, Observation
from measures.recording import Change, record
from measures.values import MeasuredValue
from scorecard.closing.freeze import content_hash
from scorecard.closing.services import Refused, close_month, reopen_month
from scorecard.dashboards.dashboard import build
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill, months_to

GS = "NHT-SURG-GS"


@pytest.fixture
def general_surgery_card(units):
    """General Surgery: a judged series (30 months), a quarterly and an empty measure."""
    scorecard = make_scorecard(units[GS])
    waits = make_objective(scorecard, "C1", "Customer", title="Cut waits")
    money = make_objective(scorecard, "F1", "Financial", title="Balance the books")
    steady = make_measure(waits, "STEADY", unit="%")
    make_target(steady, value="50", tolerance=D(5), action_trigger=D(40))
    fill(steady, [50, 51, 49, 50, 52, 48] * 4 + [50, 51, 60, 61, 62, 60])
    quarterly = make_measure(waits, "SURVEY", unit="score", frequency=Frequency.QUARTERLY)
    Observation.objects.create(measure=quarterly, period=date(2026, 4, 1), value=D("7.5"))
    make_measure(money, "EMPTY", unit="£")
    return scorecard


def test_close_freezes_what_the_dashboard_showed(general_surgery_card, performance_lead, units):
    board = build(units[GS], general_surgery_card, AS_AT)

    close = close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)

    record = ReportedUnit.objects.get(unit=units[GS], month=AS_AT)
    assert (record.version, record.closed, record.reopened) == (1, close, None)
    assert record.score == board.rollup.score
    assert record.status == board.rollup.status.key
    assert record.counts == {s.key: n for s, n in board.rollup.counts.items()}
    rows = {row.measure.code: row for row in record.measures.select_related("measure")}
    assert set(rows) == {"STEADY", "SURVEY", "EMPTY"}
    for line in board.measures:
        row = rows[line.measure.code]
        assert row.period == line.period
        assert row.value == (line.observation.value if line.observation else None)
        assert row.status == line.status.key
        assert row.score == line.score
        assert row.past_trigger == line.past_trigger
        assert row.variation == (line.variation or "")
        assert row.assurance == (line.assurance or "")
        assert row.not_judged == (line.not_judged or "")
        assert row.series == [
            [o.period.isoformat(), str(o.value)] for o in line.series[-SPARKLINE_LENGTH:]
        ]
    steady = rows["STEADY"]
    assert (steady.value, steady.target, steady.tolerance, steady.action_trigger) == (
        60,
        50,
        5,
        40,
    )
    assert steady.comment == "Note Sep"
    assert steady.variation == "improvement_high"
    point = board.measures[[m.measure.code for m in board.measures].index("STEADY")].spc.points[-1]
    assert (steady.mean, steady.lower_limit, steady.upper_limit) == (
        point.mean,
        point.lpl,
        point.upl,
    )
    assert len(steady.series) == SPARKLINE_LENGTH
    # September's quarterly value is Q2's (July to September): none was entered.
    survey = rows["SURVEY"]
    assert (survey.period, survey.value, survey.status) == (date(2026, 7, 1), None, "no_data")
    assert (survey.mean, survey.variation, survey.not_judged) == (None, "", "too_few_points")
    assert survey.series == [["2026-04-01", "7.500000"]]
    # An objective line each, and a perspective line for each perspective shown.
    scores = ReportedScore.objects.filter(reported_unit=record)
    assert {s.objective.code for s in scores if s.objective} == {"C1", "F1"}
    assert {s.perspective.name for s in scores if s.perspective} == {
        p.perspective.name for p in board.perspectives
    }
    waits = next(s for s in scores if s.objective and s.objective.code == "C1")
    assert waits.score == board.objectives[0].rollup.score


def test_the_stored_rows_hash_to_the_content_hash(general_surgery_card, performance_lead, units):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)

    record = ReportedUnit.objects.get(unit=units[GS], month=AS_AT)
    assert len(record.content_hash) == 64
    assert record.content_hash == content_hash(record, record.scores.all(), record.measures.all())


def test_every_unit_with_a_scorecard_in_the_subtree_is_closed_and_no_other(
    general_surgery_card, performance_lead, units
):
    make_scorecard(units["NHT-SURG-TH"])
    make_scorecard(units["NHT-MED"])

    close = close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)

    closed = ReportedUnit.objects.filter(closed=close).values_list("unit__code", flat=True)
    assert sorted(closed) == [GS, "NHT-SURG-TH"]


def test_closing_twice_is_refused_naming_who_closed_it(
    general_surgery_card, performance_lead, trust_admin, units
):
    close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)

    with pytest.raises(Refused) as refused:
        close_month(unit=units["NHT"], month=AS_AT, user=trust_admin)

    today = MonthClose.objects.get().at
    assert str(refused.value) == (
        f"September 2026 is already closed for General Surgery on {today:%-d %B %Y} by paula."
    )
    assert ReportedUnit.objects.count() == 1


def test_a_month_with_no_values_is_refused(general_surgery_card, performance_lead, units):
    with pytest.raises(Refused, match="August 2023 has no values at all in Northshire trust"):
        close_month(unit=units["NHT"], month=date(2023, 8, 1), user=performance_lead)
    assert not MonthClose.objects.exists()


def test_a_month_not_yet_ended_is_refused(general_surgery_card, performance_lead, units):
    with pytest.raises(Refused, match="has not ended yet"):
        close_month(unit=units["NHT"], month=date(2099, 1, 1), user=performance_lead)
    assert not MonthClose.objects.exists()


@pytest.mark.parametrize("persona", ["analyst", "directorate_manager", "outsider"])
def test_only_performance_leads_and_admins_close(request, general_surgery_card, units, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(Refused, match="You may not close months for Surgery"):
        close_month(unit=units["NHT-SURG"], month=AS_AT, user=user)
    with pytest.raises(Refused, match="You may not reopen months for Surgery"):
        reopen_month(unit=units["NHT-SURG"], month=AS_AT, user=user, reason="Wrong")
    assert not MonthClose.objects.exists()


def test_reopening_without_a_reason_is_refused(general_surgery_card, performance_lead, units):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)

    with pytest.raises(Refused, match="Say why the month is being reopened"):
        reopen_month(unit=units["NHT"], month=AS_AT, user=performance_lead, reason="  ")
    assert ReportedUnit.objects.get().reopened is None


def test_reopening_a_month_not_closed_is_refused(general_surgery_card, performance_lead, units):
    with pytest.raises(Refused, match="September 2026 is not closed for Surgery"):
        reopen_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead, reason="Fix")


def test_reopen_then_close_makes_version_two_and_keeps_version_one(
    general_surgery_card, performance_lead, units
):
    first = close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    steady = general_surgery_card.objectives.get(code="C1").measures.get(code="STEADY")
    reopened = reopen_month(
        unit=units["NHT-SURG"], month=AS_AT, user=performance_lead, reason="RTT revalidated"
    )
    assert reopened.units == 1
    record(
        [Change(steady, AS_AT, MeasuredValue(D(59)))],
        None,
        correction_reason="Validated count",
    )

    second = close_month(unit=units["NHT-SURG"], month=AS_AT, user=performance_lead)

    versions = list(ReportedUnit.objects.filter(unit__code=GS).order_by("version"))
    assert [(v.version, v.closed, v.reopened) for v in versions] == [
        (1, first, reopened.event),
        (2, second, None),
    ]
    assert reopened.event.reason == "RTT revalidated"
    values = [v.measures.get(measure=steady).value for v in versions]
    assert values == [60, 59]
    assert versions[0].content_hash != versions[1].content_hash


def test_a_correction_after_close_changes_the_value_not_the_record(
    general_surgery_card, performance_lead, units, department_manager
):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    steady = general_surgery_card.objectives.get(code="C1").measures.get(code="STEADY")
    reported = ReportedMeasure.objects.get(measure=steady)
    before = ReportedUnit.objects.get().content_hash

    outcome = record(
        [Change(steady, AS_AT, MeasuredValue(D("61.7")), opened_version=1)],
        department_manager,
        correction_reason="Two patients counted twice",
    )

    assert outcome.saved
    observation = Observation.objects.get(measure=steady, period=AS_AT)
    assert observation.value == D("61.7")
    latest = observation.history.latest("history_date")
    assert latest.history_change_reason == "Corrected after close: Two patients counted twice"
    reported.refresh_from_db()
    assert reported.value == 60
    assert ReportedUnit.objects.get().content_hash == before


def test_record_refuses_a_change_to_a_closed_month_without_a_reason(
    general_surgery_card, performance_lead, units, department_manager
):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    card = general_surgery_card.objectives.get(code="C1")
    steady = card.measures.get(code="STEADY")
    survey = card.measures.get(code="SURVEY")
    august = months_to(AS_AT, 2)[0]

    outcome = record(
        [
            Change(steady, AS_AT, MeasuredValue(D(1))),
            # Q2 (July to September) belongs to September, which is closed.
            Change(survey, date(2026, 7, 1), MeasuredValue(D(8))),
        ],
        department_manager,
        correction_reason="   ",
    )

    assert not outcome.saved
    assert [(c.measure.code, closed.month) for c, closed in outcome.closed] == [
        ("STEADY", AS_AT),
        ("SURVEY", AS_AT),
    ]
    closed = outcome.closed[0][1]
    assert closed.refusal().startswith("September 2026 is closed for General Surgery (closed on")
    assert "by paula): a change now is a correction, and needs a reason." in closed.refusal()
    assert Observation.objects.get(measure=steady, period=AS_AT).value == 60
    assert not Observation.objects.filter(measure=survey, period=date(2026, 7, 1)).exists()
    # August is not closed: its values change as ever.
    assert record([Change(steady, august, MeasuredValue(D(2)))], department_manager).saved


def test_a_reopened_month_takes_changes_again(general_surgery_card, performance_lead, units):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    reopen_month(unit=units["NHT"], month=AS_AT, user=performance_lead, reason="Late data")
    steady = general_surgery_card.objectives.get(code="C1").measures.get(code="STEADY")

    assert record([Change(steady, AS_AT, MeasuredValue(D(1)))], None).saved


def test_closing_takes_the_same_queries_for_one_unit_as_for_many(
    general_surgery_card, performance_lead, units
):
    def queries_to_close(unit, month):
        with CaptureQueriesContext(connection) as captured:
            close_month(unit=unit, month=month, user=performance_lead)
        return len(captured)

    one = queries_to_close(units[GS], AS_AT)
    for code in ("NHT-SURG-TH", "NHT-MED-CARD", "NHT-MED"):
        scorecard = make_scorecard(units[code])
        measure = make_measure(make_objective(scorecard, "C1"), "STEADY", unit="%")
        make_target(measure, value="50")
        fill(measure, [50, 51, 52])
    many = queries_to_close(units["NHT"], months_to(AS_AT, 2)[0])
    assert many == one
