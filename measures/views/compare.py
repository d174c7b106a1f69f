"""Compare one measure across units: a ranked bar chart, small-multiple XmR charts, a table."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from measures.charts import allow_plotly_styles, ranked_bar_figure, small_xmr_figure
from measures.compare import compare
from organisations.access import unit_for_user
from organisations.models import OrganisationUnit
from scorecard.lib.forms import AsAtForm


@require_safe
@login_required
@allow_plotly_styles
def compare_siblings(request, slug, code):
    """The measure across the unit's siblings the user can see, the unit included."""
    unit = unit_for_user(request, slug)
    siblings = unit.get_siblings(include_self=True).filter(
        pk__in=OrganisationUnit.objects.visible_to(request.user).values("pk")
    )
    return render_comparison(request, code, siblings, unit=unit)


@require_safe
@login_required
@allow_plotly_styles
def compare_all(request, code):
    """The measure across every unit the user can see that reports it."""
    units = OrganisationUnit.objects.visible_to(request.user)
    return render_comparison(request, code, units, unit=None)


def render_comparison(request, code, units, *, unit):
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    comparison = compare(units, code, as_at)
    context = {
        # The table has a dozen columns: the page spans the screen, like the dashboard.
        "wide_page": True,
        "unit": unit,
        "code": code,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "comparison": comparison,
        "all_url": f"{reverse('measures:compare_all', args=[code])}?as_at={as_at:%Y-%m}",
    }
    if comparison is None:
        return render(request, "measures/compare.html", context, status=404)
    context["bar_figure"] = ranked_bar_figure(comparison.ranked) if comparison.ranked else None
    context["small_multiples"] = [
        (row, f"spc-figure-{number}", small_xmr_figure(row, row.unit.name))
        for number, row in enumerate(comparison.judged, start=1)
    ]
    return render(request, "measures/compare.html", context)
