from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.models import Membership


@require_safe
@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("unit", "unit__parent")
        .order_by("unit__tree_id", "unit__lft")
    )
    return render(request, "scorecard/home.html", {"memberships": memberships})
