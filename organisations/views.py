from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.access import unit_for_user
from organisations.models import WRITE_ROLES, OrganisationUnit, ServiceDependency


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
    perspectives = []
    if scorecard is not None:
        perspectives = (
            scorecard.framework.perspectives.annotate(
                # distinct: the measure count joins each objective once per measure.
                objective_count=Count(
                    "objectives",
                    filter=Q(objectives__scorecard=scorecard, objectives__is_retired=False),
                    distinct=True,
                ),
                measure_count=Count(
                    "objectives__measures",
                    filter=Q(
                        objectives__scorecard=scorecard,
                        objectives__is_retired=False,
                        objectives__measures__is_retired=False,
                    ),
                ),
            )
            .filter(Q(is_retired=False) | Q(objective_count__gt=0))
            .order_by("position", "pk")
        )
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
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "openable": openable,
        "children": unit.get_children().select_related("scorecard"),
        "scorecard": scorecard,
        "can_edit": unit.role in WRITE_ROLES,
        "perspectives": perspectives,
        "providers": providers,
        "dependants": dependants,
    }
    return render(request, "organisations/unit_detail.html", context)
