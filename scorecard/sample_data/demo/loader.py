"""The Northshire demo: a fictional acute trust with its scorecards and three years of data.

`load_demo()` builds Northshire Hospitals NHS Foundation Trust, its directorates
and departments, a balanced scorecard at every unit (all eight design stages),
the measures of domain/nhs_kpis.md with complete performance measure sheets,
targets, 36 months of observations, initiatives, key targets and four demo
users. Nothing in it is real trust data: the figures are invented and every
local target says it is illustrative.

Running it again changes nothing. Every row is looked up by a natural key
(unit code, username, objective code in its scorecard, measure code in its
scorecard, target date, observation period...) and only what is missing is
created; an existing row is never saved again, so no history row is added
either. The whole load runs in one transaction, so a failure leaves nothing
half-made.

The figures are drawn from a `random.Random` seeded by unit and measure code,
so the same `today` always gives the same values. Where a ratio or sum
measure is reported by a unit and by units below it, the unit's numerator,
denominator and value are the sums of its children's, so roll-up code can be
checked against them.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measures import catalogue
from measures.models import (
    Alignment,
    KeyTarget,
    Measure,
    Observation,
    Occurrence,
    RollUp,
    SharedPopulation,
    Target,
)
from measures.recording import computed_comment
from organisations.models import Membership, OrganisationUnit, Role, ServiceDependency
from organisations.reporting import reporting_working_days
from organisations.services import create_unit
from scorecard.lib import periods
from scorecard.lib.reporting_calendar import working_days_after
from scorecard.models import (
    Framework,
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)
from scorecard.sample_data import FRAMEWORK_NAME
from scorecard.sample_data.demo.cycle import ensure_cycle
from scorecard.sample_data.demo.exception_reports import (
    ensure_exception_reports,
    ensure_pack_cover,
)
from scorecard.sample_data.demo.figures import (
    MONTHS_OF_DATA,
    level_of,
    reporting_children,
    series,
    unit_measure_codes,
)
from scorecard.sample_data.demo.initiatives import INITIATIVES
from scorecard.sample_data.demo.key_targets import ALIGNMENTS, KEY_TARGETS
from scorecard.sample_data.demo.kpis import KPI
from scorecard.sample_data.demo.kpis.by_unit import CASES_CHARTED, EVENTS, TARGET_OVERRIDES
from scorecard.sample_data.demo.narrative import (
    DATA_QUALITY,
    IMPROVEMENT_PLAN,
    IMPROVEMENT_PLAN_DESCRIPTION,
    LANE_RATIONALE,
    LOCAL_VALUES,
    REQUIREMENTS,
    STATEMENTS,
    SUMMARY_STATEMENTS,
    TRUST_VALUES,
)
from scorecard.sample_data.demo.objectives import GROUPS, LINKS, THEME_ORDER, THEMES
from scorecard.sample_data.demo.people import ACCOUNTS, USERNAMES
from scorecard.sample_data.demo.swot_and_stakeholders import (
    DEPARTMENT_STAKEHOLDERS,
    DEPARTMENT_SWOT,
    STAKEHOLDERS,
    SWOT,
)
from scorecard.sample_data.demo.units import DEPENDENCIES, SPECS, TRUST_CODE, UNITS, Kind

CHANGE_REASON = "Loaded by the demo (load_demo)"
OBSERVATION_BATCH = 2000

# ---------------------------------------------------------------------------
# Building: every function creates only what is missing
# ---------------------------------------------------------------------------


@dataclass
class _Context:
    today: date
    latest_month: date
    now: datetime
    perspectives: dict
    users: dict
    units: dict
    series_cache: dict


@dataclass
class _Built:
    scorecard: Scorecard
    objectives: dict  # group key -> Objective
    measures: dict  # measure code -> Measure


def demo_logins():
    """(username, password, role, unit name) for each demo user, for printing."""
    return [
        (
            account.username,
            account.password,
            Role(account.role).label + (" (superuser)" if account.is_superuser else ""),
            SPECS[account.unit_code].name,
        )
        for account in ACCOUNTS
    ]


def load_demo(*, today=None):
    """Build whatever is missing of the demo, and return {model label: rows added}.

    A second run with the same `today` adds nothing and returns {}.
    """
    today = today or timezone.localdate()
    before = _row_counts()
    with transaction.atomic():
        users = _ensure_users()
        new_trust = not OrganisationUnit.objects.filter(code=UNITS[0].code).exists()
        units = _ensure_units()
        _ensure_memberships(users, units)
        _ensure_dependencies(units)
        framework = Framework.objects.get(name=FRAMEWORK_NAME)
        if new_trust:
            # The demo shows the roll-up that cannot hide a red; once, so an admin's
            # later choice is kept.
            framework.rollup_method = Framework.RollupMethod.CAPPED_AVERAGE
            framework.save(update_fields=["rollup_method"])
        ctx = _Context(
            today=today,
            latest_month=periods.latest_complete_period(today, periods.MONTHLY),
            now=timezone.now(),
            perspectives={p.name: p for p in framework.perspectives.all()},
            users=users,
            units=units,
            series_cache={},
        )
        built = {}
        for spec in UNITS:  # listed parents first
            scorecard = _ensure_scorecard(ctx, spec, framework)
            themes = _ensure_foundation(ctx, spec, scorecard)
            parent = built[spec.parent].objectives if spec.parent else {}
            objectives = _ensure_objectives(ctx, spec, scorecard, themes, parent)
            if level_of(spec.code) != "department":
                _ensure_links(objectives)
            measures = _ensure_measures(ctx, spec, objectives)
            _ensure_targets(ctx, spec, scorecard, measures)
            built[spec.code] = _Built(scorecard, objectives, measures)
        _ensure_observations(ctx, built)
        _ensure_events(ctx, built)
        # Every code is defined once for the trust, and each unit adopts it.
        catalogue.join(units[TRUST_CODE])
        _ensure_initiatives(ctx, built)
        for spec in UNITS:
            if built[spec.code].scorecard.status == Scorecard.Status.ACTIVE:
                _complete_every_stage(ctx, spec, built[spec.code])
        _ensure_key_targets(built[TRUST_CODE])
        SharedPopulation.objects.get_or_create(
            first_code="RTT18",
            second_code="RTT52",
            defaults={"population": "the RTT waiting list (incomplete pathways)"},
        )
        trust = units[TRUST_CODE]
        ensure_cycle(ctx, built, reporting_working_days([trust])[trust.pk])
        ensure_exception_reports(ctx, built)
        ensure_pack_cover(ctx)
    after = _row_counts()
    return {
        label: after[label] - before[label] for label in after if after[label] != before[label]
    }


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def _validate(instance):
    """Run the field rules and the model's clean() before saving.

    Uniqueness and check constraints are left to the database, which enforces
    them on save anyway (and a violation rolls the whole load back): checking
    them here as well would cost a query per constraint per row.
    """
    instance.full_clean(validate_unique=False, validate_constraints=False)


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _month(ctx, offset):
    return periods.add_periods(ctx.latest_month, periods.MONTHLY, offset)


def _ensure_users():
    user_model = get_user_model()
    users = {user.username: user for user in user_model.objects.filter(username__in=USERNAMES)}
    missing = [account for account in ACCOUNTS if account.username not in users]
    new_users = []
    for account in missing:
        user = user_model(
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.first_name}.{account.last_name}@example.org".lower(),
            is_staff=account.is_superuser,
            is_superuser=account.is_superuser,
        )
        validate_password(account.password, user)
        new_users.append(user)
    # Hashing a password takes most of a second by design; the hash function
    # releases the GIL, so hash the new ones side by side.
    with ThreadPoolExecutor(max_workers=len(ACCOUNTS)) as pool:
        hashes = list(pool.map(make_password, [account.password for account in missing]))
    for user, password_hash in zip(new_users, hashes, strict=True):
        user.password = password_hash
        user.save()
        users[user.username] = user
    return users


def _ensure_units():
    units = {unit.code: unit for unit in OrganisationUnit.objects.filter(code__in=SPECS)}
    for spec in UNITS:
        if spec.code not in units:
            units[spec.code] = create_unit(
                name=spec.name,
                code=spec.code,
                slug=spec.slug,
                kind=spec.kind,
                parent=units[spec.parent] if spec.parent else None,
            )
    return units


def _ensure_memberships(users, units):
    for account in ACCOUNTS:
        Membership.objects.get_or_create(
            user=users[account.username],
            unit=units[account.unit_code],
            defaults={"role": account.role},
        )


def _ensure_dependencies(units):
    for unit_code, provider_code, note in DEPENDENCIES:
        ServiceDependency.objects.get_or_create(
            unit=units[unit_code], provider=units[provider_code], defaults={"note": note}
        )


def _roles(spec):
    """(operations, clinical, nursing) lead roles of a unit, by name."""
    if spec.kind == Kind.DIRECTORATE:
        defaults = ("Directorate general manager", "Clinical director", "Head of nursing")
    else:
        defaults = ("Service manager", "Clinical lead", "Matron")
    return (
        spec.ops_role or defaults[0],
        spec.clinical_role or defaults[1],
        spec.nursing_role or defaults[2],
    )


def _lead(spec, lead):
    ops, clinical, nursing = _roles(spec)
    role = {"ops": ops, "clinical": clinical, "nursing": nursing}[lead]
    return f"{role} for {spec.name}"


def _ensure_scorecard(ctx, spec, framework):
    unit = ctx.units[spec.code]
    existing = Scorecard.objects.filter(unit=unit).first()
    if existing:
        return existing
    level = level_of(spec.code)
    status = spec.status if level == "department" else Scorecard.Status.ACTIVE
    scorecard = Scorecard(
        unit=unit,
        framework=framework,
        status=status,
        mission=STATEMENTS[spec.code].mission,
        vision=STATEMENTS[spec.code].vision,
        values=TRUST_VALUES if level == "trust" else LOCAL_VALUES,
        strategy_statement=STATEMENTS[spec.code].strategy,
        performance_review_cadence=Scorecard.Cadence.MONTHLY,
        strategy_review_cadence=Scorecard.Cadence.QUARTERLY,
    )
    if status == Scorecard.Status.ACTIVE:
        signer = "surgery.manager" if spec.parent == "NHT-SURG" else "admin"
        signed = _aware(_month(ctx, {"trust": -10, "directorate": -9}.get(level, -8)), 10)
        scorecard.requirements = REQUIREMENTS[level]
        scorecard.data_quality_process = DATA_QUALITY[level]
        scorecard.signed_off_by = ctx.users[signer]
        scorecard.signed_off_at = signed
        scorecard.published_at = signed + timedelta(days=2)
    else:
        # A draft still being built: the manager has not reached stage 8 yet.
        scorecard.strategy_review_cadence = Scorecard.Cadence.ANNUAL
    _validate(scorecard)
    scorecard.save()
    return scorecard


def _unit_groups(unit_code):
    wanted = {KPI[code].group for code in unit_measure_codes(unit_code)}
    return [key for key in GROUPS if key in wanted]


def _ensure_foundation(ctx, spec, scorecard):
    """Stage 1 and 2: themes, SWOT, stakeholders and (at the trust) the summary grid."""
    used = {GROUPS[key].theme for key in _unit_groups(spec.code)}
    themes = {theme.name: theme for theme in scorecard.themes.all()}
    for position, name in enumerate(THEME_ORDER, start=1):
        if name in used and name not in themes:
            themes[name] = StrategicTheme.objects.create(
                scorecard=scorecard, name=name, description=THEMES[name], position=position
            )

    have = set(scorecard.swot_items.values_list("kind", "text"))
    for kind, texts in SWOT.get(spec.code, {}).items():
        for position, text in enumerate(texts, start=1):
            if (kind, text) not in have:
                SwotItem.objects.create(
                    scorecard=scorecard, kind=kind, text=text, position=position
                )

    have = set(scorecard.stakeholders.values_list("name", flat=True))
    for name, role, category, power, impact, action in STAKEHOLDERS.get(spec.code, []):
        if name not in have:
            Stakeholder.objects.create(
                scorecard=scorecard,
                name=name,
                role=role,
                category=category,
                power=power,
                impact=impact,
                engagement_action=action,
            )

    if level_of(spec.code) == "trust":
        have = set(
            SummaryStatement.objects.filter(theme__scorecard=scorecard).values_list(
                "theme__name", "perspective__name"
            )
        )
        for theme_name, cells in SUMMARY_STATEMENTS.items():
            for perspective_name, text in cells.items():
                if (theme_name, perspective_name) in have:
                    continue
                statement = SummaryStatement(
                    theme=themes[theme_name],
                    perspective=ctx.perspectives[perspective_name],
                    statement=text,
                )
                _validate(statement)
                statement.save()
    return themes


def _short(unit_code):
    return unit_code.split("-")[-1]


def _ensure_objectives(ctx, spec, scorecard, themes, parent_objectives):
    objectives = {}
    existing = {objective.code: objective for objective in scorecard.objectives.all()}
    positions = {}
    level = level_of(spec.code)
    for key in _unit_groups(spec.code):
        group = GROUPS[key]
        positions[group.perspective] = positions.get(group.perspective, 0) + 1
        code = f"{_short(spec.code)}-{key}"
        if code in existing:
            objectives[key] = existing[code]
            continue
        objective = Objective(
            scorecard=scorecard,
            perspective=ctx.perspectives[group.perspective],
            theme=themes[group.theme],
            code=code,
            title=group.trust_title if level == "trust" else group.local_title,
            description=group.trust_success if level == "trust" else group.local_success,
            owner=group.trust_owner if level == "trust" else _lead(spec, group.lead),
            weight=Decimal(group.weight),
            position=positions[group.perspective],
            contributes_to=_parent_objective(key, parent_objectives),
        )
        _validate(objective)
        objective.save()
        objectives[key] = objective
    return objectives


def _parent_objective(key, parent_objectives):
    """The parent's objective of the same group, else its first in the same perspective."""
    if not parent_objectives:
        return None
    if key in parent_objectives:
        return parent_objectives[key]
    perspective = GROUPS[key].perspective
    for other, objective in parent_objectives.items():
        if GROUPS[other].perspective == perspective:
            return objective
    return None


def _first_whole_year(ctx):
    """The baseline fields of the first whole financial year (April to March) of the data."""
    first = _month(ctx, -MONTHS_OF_DATA + 1)
    april = date(first.year + (first.month > periods.FINANCIAL_YEAR_START_MONTH), 4, 1)
    return {
        "baseline_start": april,
        "baseline_end": periods.add_periods(april, periods.MONTHLY, 11),
    }


def _ensure_links(objectives):
    ids = [objective.pk for objective in objectives.values()]
    have = set(ObjectiveLink.objects.filter(cause__in=ids).values_list("cause_id", "effect_id"))
    for cause_key, effect_key, rationale in LINKS:
        cause, effect = objectives.get(cause_key), objectives.get(effect_key)
        if cause is None or effect is None or (cause.pk, effect.pk) in have:
            continue
        link = ObjectiveLink(cause=cause, effect=effect, rationale=rationale)
        _validate(link)
        link.save()


def _ensure_measures(ctx, spec, objectives):
    scorecard_measures = Measure.objects.filter(objective__scorecard__unit__code=spec.code)
    measures = {measure.code: measure for measure in scorecard_measures}
    level = level_of(spec.code)
    ops, clinical, nursing = _roles(spec)
    for code in unit_measure_codes(spec.code):
        if code in measures:
            continue
        kpi = KPI[code]
        objective = objectives[kpi.group]
        relates = f"Objective {objective.code} ({objective.title})."
        if objective.contributes_to_id:
            parent = objective.contributes_to
            relates += f" It serves {parent.code} ({parent.title}) of {SPECS[spec.parent].name}."
        if level == "trust" or not kpi.on_trust:
            owner, who_acts = kpi.owner, kpi.who_acts
        else:
            owner = _lead(spec, GROUPS[kpi.group].lead)
            who_acts = f"{ops}, {clinical.lower()} and {nursing.lower()} for {spec.name}"
        is_ratio = kpi.rollup == RollUp.RATIO
        measure = Measure(
            objective=objective,
            code=code,
            title=kpi.title,
            purpose=kpi.purpose,
            relates_to=f"{relates} {kpi.relates}",
            formula=kpi.formula,
            frequency=kpi.frequency,
            review_frequency=kpi.review_frequency,
            who_measures=kpi.who_measures,
            data_source=kpi.data_source,
            owner=owner,
            who_acts=who_acts,
            action=kpi.action,
            notes=kpi.notes,
            direction=kpi.direction,
            unit=kpi.unit,
            decimals=kpi.decimals,
            rollup=kpi.rollup,
            ratio_multiplier=Decimal(kpi.multiplier) if is_ratio else Decimal(100),
            numerator_label=kpi.numerator_label if is_ratio else "",
            denominator_label=kpi.denominator_label if is_ratio else "",
            zero_tolerance=kpi.zero_tolerance,
            year_to_date=kpi.year_to_date,
            may_exceed_100=kpi.may_exceed_100,
            chart_type="g" if (spec.code, code) in CASES_CHARTED else kpi.chart_type,
            baseline_points=kpi.baseline_points,
            **(_first_whole_year(ctx) if kpi.baseline_first_year else {}),
            # Totals and ratios reported below are computed, not typed in twice.
            is_computed=bool(reporting_children(spec.code, code)),
        )
        _validate(measure)
        measure._history_user = ctx.users["admin"]
        measure._change_reason = CHANGE_REASON
        measure.save()
        measures[code] = measure
    return measures


def _target_specs(unit_code, code):
    return (
        TARGET_OVERRIDES.get((unit_code, code))
        or TARGET_OVERRIDES.get((level_of(unit_code), code))
        or KPI[code].targets
    )


def _decimal_or_none(number):
    return None if number is None else Decimal(str(number))


def _ensure_targets(ctx, spec, scorecard, measures):
    have = set(
        Target.objects.filter(measure__objective__scorecard=scorecard).values_list(
            "measure_id", "effective_from"
        )
    )
    for code, measure in measures.items():
        if code not in KPI:
            continue
        for target_spec in _target_specs(spec.code, code):
            if (measure.pk, target_spec.effective_from) in have:
                continue
            target = Target(
                measure=measure,
                effective_from=target_spec.effective_from,
                value=Decimal(str(target_spec.value)),
                tolerance=Decimal(str(target_spec.tolerance)),
                action_trigger=_decimal_or_none(target_spec.trigger),
                annual_threshold=_decimal_or_none(target_spec.annual),
                source=target_spec.source,
                rationale=target_spec.rationale,
                # Set the day before it took effect: a month as at its window
                # (measures/known.py) sees the targets recorded by then.
                recorded_at=min(_aware(target_spec.effective_from - timedelta(days=1)), ctx.now),
            )
            _validate(target)
            target._history_date = target.recorded_at
            target._history_user = ctx.users["admin"]
            target._change_reason = CHANGE_REASON
            target.save()


def _entry_user(ctx, unit_code):
    """Who typed the figures in: the demo managers for their own units, else an import."""
    if unit_code == "NHT-UEC-ED":
        return ctx.users["ed.manager"]
    if unit_code.startswith("NHT-SURG"):
        return ctx.users["surgery.manager"]
    return None


def _entered_at(ctx, period, frequency):
    """The third working day after the period ends, at 10am; never later than now.

    Within the reporting window (values are due on the fifth working day by
    default), so a past month read as known then (measures/known.py) has them.
    """
    next_period = periods.add_periods(period, frequency, 1)
    return min(_aware(working_days_after(next_period - timedelta(days=1), 3)), ctx.now)


def _ensure_observations(ctx, built):
    pending = []
    for spec in UNITS:
        measures = built[spec.code].measures
        have = set(
            Observation.objects.filter(measure__in=list(measures.values())).values_list(
                "measure_id", "period"
            )
        )
        user = _entry_user(ctx, spec.code)
        for code, measure in measures.items():
            if code not in KPI:
                continue
            points = series(spec.code, code, ctx.today, ctx.series_cache)
            for period in sorted(points):
                if (measure.pk, period) in have:
                    continue
                point = points[period]
                comment, by = point.comment, user
                if measure.is_computed:
                    # Which units below it is made of, as the app's roll-up says.
                    children = reporting_children(spec.code, code)
                    missing = sorted(
                        SPECS[child].name
                        for child in children
                        if period not in series(child, code, ctx.today, ctx.series_cache)
                    )
                    given = len(children) - len(missing)
                    comment, by = computed_comment(given, len(children), missing), None
                observation = Observation(
                    measure=measure,
                    period=period,
                    value=point.value,
                    numerator=point.numerator,
                    denominator=point.denominator,
                    comment=comment,
                    entered_by=by,
                    entered_at=_entered_at(ctx, period, measure.frequency),
                )
                # Each history row says who entered the value and when.
                observation._history_user = by
                observation._history_date = observation.entered_at
                pending.append(observation)
    for start in range(0, len(pending), OBSERVATION_BATCH):
        bulk_create_with_history(
            pending[start : start + OBSERVATION_BATCH],
            Observation,
            batch_size=500,
            default_change_reason=CHANGE_REASON,
        )


def _ensure_events(ctx, built):
    """Each rare event counted in the demo's figures, dated within its month (a few days
    apart when there are several), with what happened; for a g-chart, the cases since the
    event before (or since the series began), from the unit's cases a month."""
    for (unit_code, code), months in EVENTS.items():
        measure = built[unit_code].measures[code]
        if measure.occurrences.exists():
            continue
        per_month = CASES_CHARTED.get((unit_code, code))
        previous = _month(ctx, -MONTHS_OF_DATA + 1)
        for back in sorted(months, reverse=True):
            count, note = months[back]
            period = _month(ctx, -back)
            for index in range(count):
                day = period + timedelta(days=4 + 9 * index)
                months_since = (day - previous).days / 30.44
                event = Occurrence(
                    measure=measure,
                    occurred_on=day,
                    cases_since_previous=round(months_since * per_month) if per_month else None,
                    note=note,
                    recorded_at=min(_aware(day + timedelta(days=2)), ctx.now),
                )
                _validate(event)
                event._history_date = event.recorded_at
                event._history_user = ctx.users["admin"]
                event._change_reason = CHANGE_REASON
                event.save()
                previous = day


def _ensure_initiatives(ctx, built):
    for spec in INITIATIVES:
        scorecard, objectives, measures = (
            built[spec.unit].scorecard,
            built[spec.unit].objectives,
            built[spec.unit].measures,
        )
        initiative = Initiative.objects.filter(scorecard=scorecard, title=spec.title).first()
        if initiative is None:
            initiative = Initiative(
                scorecard=scorecard,
                title=spec.title,
                description=spec.description,
                owner=spec.owner,
                start_date=_month(ctx, spec.start),
                end_date=_month(ctx, spec.end + 1) - timedelta(days=1),
                budget=Decimal(spec.budget),
                status=spec.status,
                progress=spec.progress,
                benefits_for_nhs=spec.benefits_for_nhs,
                benefits_for_patients=spec.benefits_for_patients,
            )
            _validate(initiative)
            initiative.save()
        # add() inserts only the rows that are missing.
        initiative.objectives.add(*[objectives[key] for key in spec.groups if key in objectives])
        initiative.measures.add(*[measures[code] for code in spec.measures if code in measures])
        have = set(initiative.milestones.values_list("title", flat=True))
        for title, due_offset, done in spec.milestones:
            if title in have:
                continue
            due = _month(ctx, due_offset) + timedelta(days=14)
            Milestone.objects.create(
                initiative=initiative,
                title=title,
                due_date=due,
                completed_on=due - timedelta(days=2) if done else None,
            )


def _complete_every_stage(ctx, spec, built):
    """What a published scorecard still lacks of stages 1, 2, 4 and 7, written for it.

    The builder publishes a scorecard only when every stage is complete, so
    the demo's published ones are complete too: the shared content
    (swot_and_stakeholders, narrative, initiatives) covers the trust and the
    directorates; departments get their own SWOT, stakeholders and
    improvement plan from the DEPARTMENT_ and IMPROVEMENT_PLAN texts, every
    theme × perspective cell its statement, and every objective a link up
    the strategy map. Each step adds only what is missing.
    """
    scorecard, objectives = built.scorecard, list(built.objectives.values())
    words = {"unit": spec.name, "directorate": SPECS[spec.parent].name if spec.parent else ""}
    kinds = set(scorecard.swot_items.values_list("kind", flat=True))
    for kind, text in DEPARTMENT_SWOT.items():
        if kind not in kinds:
            SwotItem.objects.create(scorecard=scorecard, kind=kind, text=text.format(**words))
    if not scorecard.stakeholders.exists():
        for name, role, category, power, impact, action in DEPARTMENT_STAKEHOLDERS:
            Stakeholder.objects.create(
                scorecard=scorecard,
                name=name.format(**words),
                role=role.format(**words),
                category=category,
                power=power,
                impact=impact,
                engagement_action=action,
            )
    have = set(
        SummaryStatement.objects.filter(theme__scorecard=scorecard).values_list(
            "theme_id", "perspective_id"
        )
    )
    for theme in scorecard.themes.all():
        for perspective in ctx.perspectives.values():
            if (theme.pk, perspective.pk) not in have:
                statement = SummaryStatement(
                    theme=theme,
                    perspective=perspective,
                    statement=SUMMARY_STATEMENTS[theme.name][perspective.name],
                )
                _validate(statement)
                statement.save()
    _link_up_the_map(spec, objectives)
    unserved = [objective for objective in objectives if not objective.initiatives.exists()]
    if unserved:
        plan, _ = Initiative.objects.get_or_create(
            scorecard=scorecard,
            title=IMPROVEMENT_PLAN.format(**words),
            defaults={
                "description": IMPROVEMENT_PLAN_DESCRIPTION.format(**words),
                "owner": _lead(spec, "ops"),
                "start_date": _month(ctx, -6),
                "end_date": _month(ctx, 6) - timedelta(days=1),
                "status": Initiative.Status.ON_TRACK,
                "progress": 50,
            },
        )
        plan.objectives.add(*unserved)


def _link_up_the_map(spec, objectives):
    """Link each objective no link reaches to the nearest objective in the lane above
    (learning and growth, then processes, customer, financial); a financial one to the
    nearest below."""
    linked = set()
    for cause, effect in ObjectiveLink.objects.filter(
        cause__in=[o.pk for o in objectives]
    ).values_list("cause_id", "effect_id"):
        linked |= {cause, effect}
    # The framework lists Financial first: a lower position is higher on the map.
    by_lane = sorted(objectives, key=lambda o: (o.perspective.position, o.position, o.code))
    for objective in by_lane:
        if objective.pk in linked:
            continue
        above = [o for o in by_lane if o.perspective.position < objective.perspective.position]
        below = [o for o in by_lane if o.perspective.position > objective.perspective.position]
        if above:
            cause, effect = objective, above[-1]
        elif below:
            cause, effect = below[0], objective
        else:
            continue
        effect_words = effect.title[0].lower() + effect.title[1:]
        rationale = LANE_RATIONALE.format(unit=spec.name, cause=cause.title, effect=effect_words)
        link = ObjectiveLink(cause=cause, effect=effect, rationale=rationale)
        _validate(link)
        link.save()
        linked |= {cause.pk, effect.pk}


def _ensure_key_targets(trust):
    key_targets = {}
    for code, name, standard, description in KEY_TARGETS:
        key_targets[code], _ = KeyTarget.objects.get_or_create(
            code=code, defaults={"name": name, "standard": standard, "description": description}
        )
    for key_code, kind, item, description, note in ALIGNMENTS:
        lookup = {"key_target": key_targets[key_code], "scorecard": trust.scorecard}
        if item in GROUPS:
            lookup["objective"] = trust.objectives[item]
        elif item:
            lookup["measure"] = trust.measures[item]
        else:
            lookup.update(kind=kind, description=description)
        if Alignment.objects.filter(**lookup).exists():
            continue
        alignment = Alignment(**{**lookup, "kind": kind, "note": note})
        if not item:
            alignment.description = description
        _validate(alignment)
        alignment.save()
