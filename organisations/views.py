from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from organisations.access import unit_for_user
from organisations.models import WRITE_ROLES, OrganisationUnit, ServiceDependency
from scorecard import dashboard
from scorecard.alignment import alignment_of
from scorecard.builder.selectors import map_of
from scorecard.forms import AsAtForm


@require_safe
@login_required
def unit_tree(request):
    units = (
        OrganisationUnit.objects.visible_to(request.user)
        .select_related("scorecard")
        .order_by("tree_id", "lft")
    )
    return render(request, "organisations/unit_tree.html", {"roots": units.get_cached_trees()})


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
    board = dashboard.build(unit, scorecard, as_at) if scorecard is not None else None
    # Two lines of each title, and a third for the objective's status.
    drawn = map_of(scorecard, max_lines=2) if board and board.objectives else {}
    context = {
        "unit": unit,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "dashboard": board,
        "wide_page": board is not None,
        "map": drawn.get("map"),
        "map_links": drawn.get("map_links", []),
        "objective_lines": {line.objective.pk: line for line in board.objectives} if board else {},
        "ancestors": ancestors,
        "openable": openable,
        "children": unit.get_children().select_related("scorecard"),
        "scorecard": scorecard,
        "can_edit": unit.role in WRITE_ROLES,
        "providers": providers,
        "dependants": dependants,
    }
    return render(request, "organisations/unit_detail.html", context)


@require_safe
@login_required
def alignment(request, slug):
    unit = unit_for_user(request, slug)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    context = {
        "unit": unit,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "alignment": alignment_of(unit, request.user, as_at),
    }
    return render(request, "organisations/alignment.html", context)
