from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from cycle.completion import completion as completion_rows
from cycle.completion import months_ending
from cycle.record import current_records
from measures.due import updates_for
from measures.exception_reports import actions_owned_by
from measures.known import closed_on, figures_for
from organisations.access import can_close, memberships_of, role_can_write, unit_for_user
from organisations.models import OrganisationUnit, ServiceDependency
from scorecard.builder.selectors import map_of
from scorecard.dashboards import dashboard
from scorecard.dashboards.alignment import alignment_of
from scorecard.dashboards.bottlenecks import TURNAROUND_CODES, WAITING_TIME_CODES, providers_at
from scorecard.dashboards.cascade import rows as cascade_rows
from scorecard.dashboards.forms import MonthsForm
from scorecard.lib.forms import AsAtForm

# "My updates" lists this many values, overdue first; the counts say how many in all.
UPDATES_SHOWN = 25


def closed_record(figures, units):
    """For the latest figures of a month closed for the first of `units`, its record, so the
    page can say when it was reported (one query, only then)."""
    if not figures.latest or not units:
        return None
    return current_records([units[0].pk], figures.month).get(units[0].pk)


@require_safe
@login_required
def home(request):
    memberships = memberships_of(request.user)
    updates = updates_for(request.user)
    actions = actions_owned_by(request.user)
    context = {
        "memberships": memberships,
        "manages_units": any(membership.can_write for membership in memberships),
        "updates": updates[:UPDATES_SHOWN],
        "updates_count": len(updates),
        "overdue_count": sum(update.is_overdue for update in updates),
        "actions": actions,
        "overdue_actions": sum(action.is_overdue for action in actions),
    }
    return render(request, "scorecard/dashboards/home.html", context)


@require_safe
@login_required
def cascade(request):
    """The units a person can see, from the top down, scored per perspective as at a month."""
    units = (
        OrganisationUnit.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("scorecard__framework")
        .order_by("tree_id", "lft")
    )
    root = None
    if request.GET.get("unit"):
        root = unit_for_user(request, request.GET["unit"])
        units = units.in_subtree(root)
    units = list(units)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    # The cutoff of the unit chosen, else the trust-wide setting's (measures/known.py).
    figures = figures_for(root, as_at, request.GET)
    framework = next(
        (unit.scorecard.framework for unit in units if getattr(unit, "scorecard", None)), None
    )
    columns = list(framework.perspectives.live().order_by("position", "pk")) if framework else []
    rows = cascade_rows(
        units, columns, as_at, known_at=figures.known_at, figures=dashboard.shown(figures)
    )
    reported = [row.record for row in rows if row.record]
    context = {
        "rows": rows,
        # How many units show the month as reported, and when the latest of them closed it.
        "reported_count": len(reported),
        "record": max(reported, key=lambda record: record.closed.at, default=None),
        "closed_record": closed_record(figures, [row.unit for row in rows]),
        "columns": columns,
        "framework": framework,
        # The roll-up rule of the framework whose perspectives are the columns.
        "rule": dashboard.rollup_rule(framework) if framework else None,
        "root": root,
        "as_at": as_at,
        "as_at_form": as_at_form,
        "figures": figures,
        "wide_page": True,
    }
    return render(request, "scorecard/dashboards/cascade.html", context)


@require_safe
@login_required
def completion(request):
    """Units by months: whether each unit's values due that month are in, and what is missing."""
    units = (
        OrganisationUnit.objects.visible_to(request.user)
        .filter(is_active=True)
        .order_by("tree_id", "lft")
    )
    root = None
    if request.GET.get("unit"):
        root = unit_for_user(request, request.GET["unit"])
        units = units.in_subtree(root)
    months_form = MonthsForm(request.GET)
    today = timezone.localdate()
    months = months_ending(today, months_form.count())
    rows = completion_rows(units, months, today)
    # The entry page is for those who may change a unit: analysts get no link to a refusal.
    writable = set(
        OrganisationUnit.objects.writable_by(request.user)
        .filter(pk__in=[row.unit.pk for row in rows])
        .values_list("pk", flat=True)
    )
    cells = [cell for row in rows for cell in row.cells]
    context = {
        "rows": rows,
        "months": months,
        "root": root,
        "today": today,
        "writable": writable,
        "months_form": months_form,
        # Below the table: what is missing and what changed since a submission.
        "detail_cells": [cell for cell in cells if cell.has_details],
        "wide_page": True,
    }
    return render(request, "scorecard/dashboards/completion.html", context)


@require_safe
@login_required
def bottlenecks(request):
    slug = request.GET.get("unit")
    root = unit_for_user(request, slug) if slug else None
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    # The view draws series as known or latest; for a closed month it says where
    # the figures as reported are (the month closed for the top unit shown).
    top = root or OrganisationUnit.objects.visible_to(request.user).order_by("level").first()
    figures = figures_for(root, as_at, request.GET, closed=closed_on(top, as_at) if top else None)
    context = {
        "root": root,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "figures": figures,
        "providers": providers_at(request.user, as_at, root, known_at=figures.known_at),
        "waiting_time_codes": WAITING_TIME_CODES,
        "turnaround_codes": sorted(TURNAROUND_CODES),
        "wide_page": True,
    }
    return render(request, "scorecard/dashboards/bottlenecks.html", context)


@require_safe
@login_required
def unit_detail(request, slug):
    unit = unit_for_user(request, slug)
    scorecard = getattr(unit, "scorecard", None)
    dependencies = ServiceDependency.objects.select_related("unit", "provider")
    providers = list(dependencies.filter(unit=unit))
    dependants = list(dependencies.filter(provider=unit))
    ancestors = list(unit.get_ancestors())
    # Other units are named to everyone but linked only for those who may
    # open them: a department manager sees the trust above by name only.
    named = ancestors + [d.provider for d in providers] + [d.unit for d in dependants]
    openable = set(
        OrganisationUnit.objects.visible_to(request.user)
        .filter(pk__in=[u.pk for u in named])
        .values_list("pk", flat=True)
    )
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    figures = figures_for(unit, as_at, request.GET)
    board = (
        dashboard.build(
            unit, scorecard, as_at, known_at=figures.known_at, figures=dashboard.shown(figures)
        )
        if scorecard is not None
        else None
    )
    # Two lines of each title, and a third for the objective's status.
    drawn = map_of(scorecard, max_lines=2) if board and board.objectives else {}
    context = {
        "unit": unit,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "figures": figures,
        "dashboard": board,
        "wide_page": board is not None,
        "map": drawn.get("map"),
        "map_links": drawn.get("map_links", []),
        "objective_lines": {line.objective.pk: line for line in board.objectives} if board else {},
        "ancestors": ancestors,
        "openable": openable,
        "children": unit.get_children().select_related("scorecard"),
        "scorecard": scorecard,
        "can_edit": role_can_write(unit.role),
        "closed_record": closed_record(figures, [unit]),
        "can_close": can_close(request.user, unit),
        "providers": providers,
        "dependants": dependants,
    }
    return render(request, "scorecard/dashboards/unit.html", context)


@require_safe
@login_required
def alignment(request, slug):
    unit = unit_for_user(request, slug)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    figures = figures_for(unit, as_at, request.GET)
    context = {
        "unit": unit,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "figures": figures,
        "alignment": alignment_of(
            unit, request.user, as_at, known_at=figures.known_at, figures=dashboard.shown(figures)
        ),
    }
    return render(request, "scorecard/dashboards/alignment.html", context)
