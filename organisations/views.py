from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.models import OrganisationUnit


@require_safe
@login_required
def unit_tree(request):
    units = (
        OrganisationUnit.objects.visible_to(request.user)
        .select_related("scorecard")
        .order_by("tree_id", "lft")
    )
    return render(request, "organisations/unit_tree.html", {"roots": units.get_cached_trees()})
