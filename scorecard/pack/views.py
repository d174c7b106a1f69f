from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from measures.charts import allow_plotly_styles
from measures.known import closed_on, figures_for
from organisations.access import leads, unit_for_user
from scorecard.dashboards.views import shown
from scorecard.lib.forms import AsAtForm
from scorecard.models import PackCover, Scorecard
from scorecard.pack.forms import PackCoverForm
from scorecard.pack.selectors import build_pack


def scorecard_of(unit):
    scorecard = Scorecard.objects.filter(unit=unit).select_related("framework").first()
    if scorecard is None:
        raise Http404(f"{unit.name} has no scorecard, so no pack.")
    return scorecard


@require_safe
@login_required
@allow_plotly_styles
def pack(request, slug):
    """A unit's board pack for a month: cover, summary, a page per perspective, the
    exception pages and an appendix of measure sheets; DRAFT until the month is closed."""
    unit = unit_for_user(request, slug)
    scorecard = scorecard_of(unit)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    month = as_at_form.month()
    figures = figures_for(unit, month, request.GET, closed=closed_on(unit, month))
    the_pack = build_pack(
        unit, scorecard, month, known_at=figures.known_at, figures=shown(figures)
    )
    context = {
        "unit": unit,
        "pack": the_pack,
        "as_at_form": as_at_form,
        "figures": figures,
        "can_write_cover": leads(request.user, unit),
        "wide_page": True,
    }
    return render(request, "scorecard/pack/pack.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def cover(request, slug):
    """The pack's cover for a month, written by the unit's lead."""
    unit = unit_for_user(request, slug)
    if not leads(request.user, unit):
        raise PermissionDenied("The pack's cover is written by the unit's lead.")
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    month = as_at_form.month()
    existing = PackCover.objects.filter(unit=unit, month=month).first()
    form = PackCoverForm(
        request.POST if request.method == "POST" else None,
        instance=existing or PackCover(unit=unit, month=month),
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, f"Saved the cover of {unit.name}'s pack for {month:%B %Y}.")
        return redirect(reverse("pack:pack", args=[unit.slug]) + f"?as_at={month:%Y-%m}")
    context = {"unit": unit, "month": month, "form": form}
    return render(request, "scorecard/pack/cover.html", context)
