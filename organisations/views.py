from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.access import unit_for_user
from organisations.models import OrganisationUnit, ServiceDependency


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
        perspectives = scorecard.framework.perspectives.annotate(
            objective_count=Count(
                "objectives",
                filter=Q(objectives__scorecard=scorecard, objectives__is_retired=False),
            ),
            measure_count=Count(
                "objectives__measures",
                filter=Q(
                    objectives__scorecard=scorecard,
                    objectives__is_retired=False,
                    objectives__measures__is_retired=False,
                ),
            ),
        ).filter(Q(is_retired=False) | Q(objective_count__gt=0))
    dependencies = ServiceDependency.objects.select_related("unit", "provider")
    ancestors = list(unit.get_ancestors())
    # A manager of a department sees the directorate and trust above it by
    # name only: their pages are not theirs to open.
    visible_ancestors = set(
        OrganisationUnit.objects.visible_to(request.user)
        .filter(pk__in=[a.pk for a in ancestors])
        .values_list("pk", flat=True)
    )
    context = {
        "unit": unit,
        "ancestors": [(ancestor, ancestor.pk in visible_ancestors) for ancestor in ancestors],
        "children": unit.get_children().select_related("scorecard"),
        "scorecard": scorecard,
        "perspectives": perspectives,
        "providers": dependencies.filter(unit=unit),
        "dependants": dependencies.filter(provider=unit),
    }
    return render(request, "organisations/unit_detail.html", context)
