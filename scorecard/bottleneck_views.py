from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from organisations.access import unit_for_user
from scorecard.bottlenecks import TURNAROUND_CODES, WAITING_TIME_CODES, bottlenecks
from scorecard.forms import AsAtForm


@require_safe
@login_required
def bottleneck_view(request):
    slug = request.GET.get("unit")
    root = unit_for_user(request, slug) if slug else None
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    context = {
        "root": root,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "providers": bottlenecks(request.user, as_at, root),
        "waiting_time_codes": WAITING_TIME_CODES,
        "turnaround_codes": sorted(TURNAROUND_CODES),
        "wide_page": True,
    }
    return render(request, "scorecard/bottlenecks.html", context)
