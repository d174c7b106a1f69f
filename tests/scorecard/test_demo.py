"""The demo trust: what `load_demo` builds, and that a second run changes nothing.

Loading the demo takes a few seconds, so the checks of what it built share one
load: a class-scoped fixture loads it inside a transaction that is rolled back
when the class is done, and each test runs in its own savepoint within it.
"""

import io
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import RequestFactory, override_settings

from cycle.models import MonthClose, ReportedMeasure, ReportedUnit, Submission
from measures.display import in_units
from measures.exception_reports import overdue_actions
from measures.lines import measure_lines
from measures.models import (
    ChartType,
    Direction,
    ExceptionReport,
    Measure,
    Observation,
    RollUp,
    Target,
)
from measures.selectors import coverage_of
from measures.status import Status
from organisations import services
from organisations.models import Membership, OrganisationUnit, Role, ServiceDependency
from scorecard.builder import stages
from scorecard.builder.selectors import snapshot_of
from scorecard.dashboards.dashboard import build_many
from scorecard.lib import periods
from scorecard.models import Objective, Scorecard
from scorecard.sample_data.demo import DEMO_USERS, load_demo
from scorecard.sample_data.demo import cycle as demo_cycle
from scorecard.sample_data.demo.figures import series
from scorecard.sample_data.demo.kpis.by_unit import UNREPORTED

TODAY = date(2026, 5, 14)
LATEST_MONTH = date(2026, 4, 1)
SHEET_FIELDS = [
    "title",
    "purpose",
    "relates_to",
    "formula",
    "frequency",
    "review_frequency",
    "who_measures",
    "data_source",
    "owner",
    "who_acts",
    "action",
    "notes",
]
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
Kind = OrganisationUnit.Kind


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        added = load_demo(today=TODAY)
        yield added
        transaction.set_rollback(True)


def observation_rows():
    return Observation.objects.values(
        "period",
        "value",
        "numerator",
        "denominator",
        code=F("measure__code"),
        unit=F("measure__objective__scorecard__unit__code"),
        parent=F("measure__objective__scorecard__unit__parent__code"),
        rollup=F("measure__rollup"),
        multiplier=F("measure__ratio_multiplier"),
    )


def units_by_pk(units):
    return {unit.pk: unit for unit in units.values()}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestLoadedDemo:
    def test_a_second_load_adds_and_changes_nothing(self):
        before = row_counts()
        stamps = list(Scorecard.objects.order_by("pk").values_list("pk", "updated_at"))
        passwords = list(get_user_model().objects.order_by("pk").values_list("password"))

        assert load_demo(today=TODAY) == {}

        assert row_counts() == before
        assert list(Scorecard.objects.order_by("pk").values_list("pk", "updated_at")) == stamps
        assert list(get_user_model().objects.order_by("pk").values_list("password")) == passwords

    def test_the_first_load_reported_what_it_added(self, demo):
        assert demo["organisations.OrganisationUnit"] == OrganisationUnit.objects.count()
        assert demo["measures.Observation"] == Observation.objects.count()
        assert demo["measures.HistoricalObservation"] == Observation.history.count()
        # One history row for each value as it was loaded, then the demo's recount
        # in a reopened month, its correction after a close, and the totals above.
        loaded = Observation.history.filter(history_type="+").count()
        assert loaded == Observation.objects.count()
        corrected = Observation.history.filter(
            history_change_reason=f"Corrected after close: {demo_cycle.CORRECTION_REASON}"
        )
        assert corrected.count() == 1
        recounted = Observation.history.filter(history_change_reason=demo_cycle.RECOUNT_REASON)
        assert recounted.count() == 1

    def test_the_monthly_cycle_is_under_way(self):
        """Every month to two months ago closed, one twice; last month mostly submitted."""
        latest = periods.latest_complete_period(TODAY, periods.MONTHLY)
        trust = OrganisationUnit.objects.get(code="NHT")
        closed = ReportedUnit.objects.filter(unit=trust, reopened__isnull=True)
        assert closed.order_by("month").last().month == periods.add_periods(latest, "monthly", -1)
        assert not ReportedUnit.objects.filter(month=latest).exists()
        assert ReportedUnit.objects.filter(unit=trust, version=2).count() == 1
        assert MonthClose.objects.filter(action="reopen").exclude(reason="").count() == 1
        submitted = Submission.objects.filter(month=latest).count()
        assert 15 <= submitted < OrganisationUnit.objects.count()
        # Every month closed was submitted first, by every unit.
        first_closed = closed.order_by("month").first().month
        for month in (first_closed, periods.add_periods(latest, "monthly", -1)):
            assert Submission.objects.filter(month=month).count() == 25, month
            assert Submission.objects.filter(month=month).latest("submitted_at").submitted_at < (
                MonthClose.objects.filter(month=month).earliest("at").at
            )
        lead = Membership.objects.get(user__username="performance.lead")
        assert lead.role == Role.PERFORMANCE_LEAD

    def test_every_published_scorecard_has_every_stage_complete(self):
        """The builder publishes only a scorecard whose every stage is complete; the demo's
        published ones obey the same rule (its Emergency Department did not)."""
        incomplete = {}
        active = Scorecard.objects.filter(status=Scorecard.Status.ACTIVE).select_related("unit")
        for scorecard in active:
            not_done = [
                f"{stage.number} {progress.state}: {'; '.join(progress.missing)}"
                for stage, progress in stages.progress_of_all(snapshot_of(scorecard))
                if progress.state != stages.COMPLETE
            ]
            if not_done:
                incomplete[scorecard.unit.name] = not_done

        assert active.count() >= 15
        assert incomplete == {}

    def test_every_code_has_one_definition_in_the_trust(self):
        """The demo obeys the rule the builder holds people to (measures/definitions.py)."""
        found = defaultdict(set)
        for measure in Measure.objects.all():
            found[measure.code].add(measure.definition)

        assert {code: seen for code, seen in found.items() if len(seen) > 1} == {}

    def test_every_measure_and_target_passes_its_own_checks(self):
        """What the demo writes in bulk is what the builder would have let a person write."""
        refused = []
        for row in [*Measure.objects.all(), *Target.objects.select_related("measure")]:
            try:
                row.full_clean()
            except ValidationError as error:
                refused.append(f"{row}: {error.message_dict}")

        assert refused == []

    def test_the_tree_is_a_trust_of_directorates_and_departments(self):
        units = {unit.code: unit for unit in OrganisationUnit.objects.all()}
        trust = units["NHT"]
        directorates = [unit for unit in units.values() if unit.kind == Kind.DIRECTORATE]
        below = [unit for unit in units.values() if unit.kind in (Kind.DEPARTMENT, Kind.SERVICE)]

        assert trust.name == "Northshire Hospitals NHS Foundation Trust"
        assert trust.kind == Kind.TRUST
        assert trust.parent_id is None
        assert 4 <= len(directorates) <= 5
        assert all(unit.parent_id == trust.pk for unit in directorates)
        assert 12 <= len(below) <= 20
        assert all(units_by_pk(units)[unit.parent_id].kind == Kind.DIRECTORATE for unit in below)
        assert len(units) == 1 + len(directorates) + len(below)

    def test_the_mptt_numbers_match_the_parent_links(self):
        units = list(OrganisationUnit.objects.all())
        children = defaultdict(set)
        for unit in units:
            children[unit.parent_id].add(unit.pk)

        def subtree(pk):
            return {pk}.union(*(subtree(child) for child in children[pk]))

        for unit in units:
            by_mptt = set(unit.get_descendants(include_self=True).values_list("pk", flat=True))
            assert by_mptt == subtree(unit.pk), unit.code

    def test_pathology_and_imaging_are_services_others_rely_on(self):
        for name in ("Pathology", "Imaging"):
            service = OrganisationUnit.objects.get(name=name)
            assert service.kind == Kind.SERVICE
            assert service.parent.name == "Clinical Support Services"
            dependants = ServiceDependency.objects.filter(provider=service)
            assert dependants.count() >= 5
            assert all(dependency.note for dependency in dependants)

    def test_every_unit_has_a_scorecard_with_objectives_in_every_perspective(self):
        for scorecard in Scorecard.objects.select_related("unit", "framework"):
            perspectives = set(scorecard.framework.perspectives.values_list("pk", flat=True))
            used = set(scorecard.objectives.values_list("perspective_id", flat=True))
            assert used == perspectives, scorecard.unit.code
        trust = Scorecard.objects.get(unit__code="NHT")
        assert trust.framework.name == "Balanced scorecard (Kaplan & Norton)"
        assert 12 <= trust.objectives.count() <= 16
        assert trust.status == Scorecard.Status.ACTIVE
        assert trust.signed_off_by.is_superuser
        assert Scorecard.objects.filter(status=Scorecard.Status.DRAFT).exists()

    def test_objectives_below_the_trust_contribute_to_their_parents(self):
        below = Objective.objects.exclude(scorecard__unit__code="NHT").select_related(
            "scorecard__unit", "contributes_to__scorecard"
        )
        for objective in below:
            assert objective.contributes_to is not None, objective
            parent_unit = objective.contributes_to.scorecard.unit_id
            assert parent_unit == objective.scorecard.unit.parent_id, objective

    def test_the_trust_reports_30_to_40_measures_with_complete_sheets(self):
        measures = Measure.objects.filter(objective__scorecard__unit__code="NHT")

        assert 30 <= measures.count() <= 40
        for measure in measures:
            blank = [name for name in SHEET_FIELDS if not str(getattr(measure, name)).strip()]
            assert blank == [], measure.code
        assert {"RTT18", "AE4H", "CA62", "DM01", "SICK"} <= {m.code for m in measures}

    def test_ratio_observations_carry_parts_that_give_the_value(self):
        for row in observation_rows():
            if row["rollup"] == RollUp.RATIO:
                assert row["denominator"] > 0
                expected = (row["numerator"] / row["denominator"] * row["multiplier"]).quantize(
                    Decimal("0.000001"), rounding=ROUND_HALF_UP
                )
                assert abs(expected - row["value"]) <= Decimal("0.000001"), row
            else:
                assert row["numerator"] is None, row
                assert row["denominator"] is None, row

    def test_a_parents_figures_are_the_sums_of_its_childrens(self):
        rows = list(observation_rows())
        by_key = {(row["unit"], row["code"], row["period"]): row for row in rows}
        children = defaultdict(set)
        for row in rows:
            children[row["parent"], row["code"]].add(row["unit"])
        checked = 0
        for row in rows:
            kids = children.get((row["unit"], row["code"]))
            if not kids or row["rollup"] not in (RollUp.RATIO, RollUp.SUM):
                continue
            found = {kid: by_key.get((kid, row["code"], row["period"])) for kid in kids}
            # A unit below that did not report is left out, as the app's roll-up does
            # (and the pages mark the total incomplete): only those the demo says.
            missing = {kid for kid, part in found.items() if part is None}
            assert missing <= {unit for unit, code in UNREPORTED if code == row["code"]}, row
            parts = [part for part in found.values() if part is not None]
            if row["rollup"] == RollUp.RATIO:
                assert row["numerator"] == sum(part["numerator"] for part in parts), row
                assert row["denominator"] == sum(part["denominator"] for part in parts), row
            else:
                assert row["value"] == sum(part["value"] for part in parts), row
            checked += 1
        assert checked > 1000

    def test_thirty_six_months_end_at_the_latest_complete_month_with_a_few_gaps(self):
        monthly = Measure.objects.filter(frequency=periods.MONTHLY)
        latest = {
            measure.pk: list(measure.observations.values_list("period", flat=True))
            for measure in monthly
        }
        complete = [pk for pk, dates in latest.items() if max(dates) == LATEST_MONTH]
        lagging = [pk for pk, dates in latest.items() if max(dates) < LATEST_MONTH]

        assert periods.latest_complete_period(TODAY, periods.MONTHLY) == LATEST_MONTH
        assert all(min(dates) == date(2023, 5, 1) for dates in latest.values())
        assert lagging
        assert len(complete) > 5 * len(lagging)
        assert Observation.objects.filter(period__gt=LATEST_MONTH).count() == 0

    def test_quarterly_and_annual_measures_use_financial_year_periods(self):
        for frequency in (periods.QUARTERLY, periods.ANNUAL):
            dates = Observation.objects.filter(measure__frequency=frequency).values_list(
                "period", flat=True
            )
            assert dates
            assert all(periods.is_period_start(day, frequency) for day in dates)
        annual = Observation.objects.filter(measure__frequency=periods.ANNUAL)
        assert {day.month for day in annual.values_list("period", flat=True)} == {4}

    def test_targets_follow_the_rules_and_label_local_ones(self):
        targets = Target.objects.select_related("measure")
        for target in targets:
            target.full_clean()  # the trigger is on the right side of the target
            if target.source == Target.Source.LOCAL:
                assert target.rationale.startswith("Illustrative local target:"), target
        trust = targets.filter(measure__objective__scorecard__unit__code="NHT")
        rtt = {(t.source, t.value, t.effective_from) for t in trust.filter(measure__code="RTT18")}
        assert ("national", Decimal(92), date(2015, 4, 1)) in rtt
        assert any(source == "interim" and day == date(2025, 4, 1) for source, _, day in rtt)
        # 2026/27's trajectory: a planned value each month, rising to 70.5% by March.
        plan = sorted((day, value) for _, value, day in rtt if day >= date(2026, 4, 1))
        assert [day.month for day, _ in plan] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
        assert (plan[0][1], plan[-1][1]) == (Decimal(65), Decimal("70.5"))
        assert trust.filter(measure__code="AE4H", value=95, source="national").exists()
        # Published, so every target has its trigger (stage 6 is complete).
        assert not trust.filter(action_trigger__isnull=True).exists()
        assert trust.filter(action_trigger__isnull=False).count() > 25

    def test_zero_tolerance_and_roll_up_settings(self):
        trust = Measure.objects.filter(objective__scorecard__unit__code="NHT")
        assert set(trust.filter(zero_tolerance=True).values_list("code", flat=True)) >= {
            "NEVER",
            "MRSA",
        }
        falls = trust.get(code="FALLS")
        assert falls.rollup == RollUp.RATIO
        assert falls.ratio_multiplier == 1000
        assert trust.get(code="RTT18").ratio_multiplier == 100
        assert trust.get(code="RTT18").direction == Direction.HIGHER_IS_BETTER
        assert trust.get(code="CDIFF").rollup == RollUp.SUM
        assert trust.get(code="ENGAGE").rollup == RollUp.NONE

    def test_no_value_shown_as_its_target_reads_anything_but_on_target(self):
        measures = list(Measure.objects.live().filter(zero_tolerance=False))
        contradictions, checked = [], 0
        for back in range(16):  # January 2025 to April 2026
            month = periods.add_periods(LATEST_MONTH, periods.MONTHLY, -back)
            for line in measure_lines(measures, month).values():
                if not (line.observation and line.target):
                    continue
                if line.annual and line.annual.breached:
                    continue  # off target for its year, as its words say beside it
                shown = in_units(line.observation.value, line.measure)
                if shown == in_units(line.target.value, line.measure):
                    checked += 1
                    if line.status is not Status.ON_TARGET:
                        contradictions.append(
                            f"{line.measure.code} {month}: {shown} {line.status}"
                        )
        assert checked
        assert not contradictions

    def test_no_unit_objective_or_perspective_reads_better_than_its_worst_measure(self):
        # The demo's framework caps the average by the worst band (docs/monitoring.md).
        scorecards = Scorecard.objects.select_related("unit", "framework")
        assert {s.framework.rollup_method for s in scorecards} == {"capped_average"}
        dashboards = build_many(scorecards, LATEST_MONTH, history=False)
        rollups = [
            rollup
            for d in dashboards.values()
            for rollup in (
                d.rollup,
                *(p.rollup for p in d.perspectives),
                *(o.rollup for o in d.objectives),
            )
        ]
        capped = [r for r in rollups if r.counts[Status.OFF_TARGET]]
        assert capped
        assert all(r.status is Status.OFF_TARGET for r in capped)

    def test_each_chart_type_is_used_and_year_to_date_finance_is_a_run_chart(self):
        charts = set(Measure.objects.values_list("code", "chart_type").distinct())
        assert {chart for _, chart in charts} == set(ChartType.values)
        assert {chart for code, chart in charts if code == "IEVAR"} == {ChartType.RUN}
        ievar = Measure.objects.filter(code="IEVAR")
        lines = measure_lines(ievar, LATEST_MONTH).values()
        assert {line.not_judged_short for line in lines} == {"Run chart: no limits"}
        assert not any(line.concern for line in lines)

    def test_a_total_missing_a_unit_below_is_marked_in_the_open_month_and_the_closed_one(
        self,
    ):
        surgery_dna = Measure.objects.get(code="DNA", objective__scorecard__unit__code="NHT-SURG")
        before = periods.add_periods(LATEST_MONTH, periods.MONTHLY, -1)

        open_month = coverage_of([(surgery_dna, LATEST_MONTH)])[surgery_dna.pk]
        reported = ReportedMeasure.objects.get(
            measure=surgery_dna, reported_unit__month=before, reported_unit__reopened=None
        )

        assert open_month.partial
        assert open_month.missing == ("Ear, Nose and Throat",)
        assert reported.coverage["missing"] == ["Ear, Nose and Throat"]
        assert len(reported.coverage["reported"]) == 3

    def test_exception_reports_carry_forward_and_an_action_is_overdue(self):
        general = ExceptionReport.objects.filter(
            measure__code="RTT18", measure__objective__scorecard__unit__code="NHT-SURG-GEN"
        ).order_by("period")
        before = periods.add_periods(LATEST_MONTH, periods.MONTHLY, -1)
        assert [r.period for r in general] == [before, LATEST_MONTH]
        assert general.last().unchanged_since == before
        assert ExceptionReport.objects.filter(
            measure__code="RTT18", measure__objective__scorecard__unit__code="NHT-SURG"
        ).exists()
        overdue = overdue_actions(OrganisationUnit.objects.get(code="NHT"), TODAY)
        assert [a.description for a in overdue] == [
            "Run two extra weekend lists a month with the independent sector"
        ]

    def test_fixed_limits_come_from_a_number_of_points_and_from_a_named_year(self):
        fixed = Measure.objects.filter(chart_type=ChartType.BASELINE)
        assert {m.code for m in fixed if m.baseline_points} == {"LOSNEL"}
        theatre = [m for m in fixed if m.baseline_start]
        assert {m.code for m in theatre} == {"THEATRE"}
        first = theatre[0]
        assert (first.baseline_start.month, first.baseline_end.month) == (4, 3)
        lines = measure_lines(theatre, LATEST_MONTH).values()
        # A whole year of values in the baseline: every unit's chart is judged against it.
        assert {line.baseline_values for line in lines} == {12}
        assert all(line.judgeable for line in lines)

    def test_each_demo_user_can_log_in_with_the_printed_password(self):
        request = RequestFactory().post("/accounts/login/")
        for username, password, _ in DEMO_USERS:
            assert authenticate(request, username=username, password=password), username
        admin = get_user_model().objects.get(username="admin")
        assert admin.is_staff
        assert admin.is_superuser
        roles = set(Membership.objects.values_list("user__username", "unit__code", "role"))
        assert ("admin", "NHT", Role.ADMIN) in roles
        assert ("analyst", "NHT", Role.ANALYST) in roles
        assert ("performance.lead", "NHT", Role.PERFORMANCE_LEAD) in roles
        assert ("surgery.manager", "NHT-SURG", Role.MANAGER) in roles
        assert ("ed.manager", "NHT-UEC-ED", Role.MANAGER) in roles

    def test_the_stored_values_are_the_seeded_series(self):
        stored = {
            row["period"]: row["value"]
            for row in observation_rows().filter(
                measure__code="AE4H", measure__objective__scorecard__unit__code="NHT"
            )
        }
        assert stored == {
            period: point.value for period, point in series("NHT", "AE4H", TODAY).items()
        }


def test_the_same_day_always_draws_the_same_figures():
    first = series("NHT-UEC-ED", "AE4H", TODAY, {})
    again = series("NHT-UEC-ED", "AE4H", TODAY, {})
    assert first == again
    assert len(first) == 36


@pytest.mark.django_db
def test_if_empty_leaves_a_database_with_units_alone_and_prints_the_logins():
    services.create_unit(name="Another trust", code="OTH", slug="another-trust", kind=Kind.TRUST)
    before = row_counts()
    out = io.StringIO()

    call_command("load_demo", "--if-empty", stdout=out)

    assert row_counts() == before
    assert "not loaded" in out.getvalue()
    for username, password, _ in DEMO_USERS:
        assert username in out.getvalue()
        assert password in out.getvalue()


@pytest.mark.django_db
def test_the_command_loads_an_empty_database_then_adds_nothing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    out = io.StringIO()

    call_command("load_demo", "--if-empty", stdout=out)
    counts = row_counts()
    call_command("load_demo", stdout=(again := io.StringIO()))

    assert "Loaded the Northshire demo" in out.getvalue()
    assert "ed.manager" in out.getvalue()
    assert row_counts() == counts
    assert "nothing was added" in again.getvalue()
    assert "northshire-admin" in again.getvalue()
