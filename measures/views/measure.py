"""A measure's page: its sheet, its values against target, and every change to them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from measures import periods
from measures.history import value_changes
from measures.models import Measure
from measures.selectors import status_for, target_in_force, targets_by_measure
from organisations.access import unit_for_user
from organisations.models import WRITE_ROLES


@require_safe
@login_required
def measure_detail(request, slug, code):
    unit = unit_for_user(request, slug)
    measure = (
        Measure.objects.filter(objective__scorecard__unit=unit, code=code)
        .select_related("objective__perspective", "objective__scorecard")
        .first()
    )
    if measure is None:
        raise Http404(f"{unit.name} has no measure {code}.")
    targets = targets_by_measure([measure.pk])[measure.pk]
    observations = list(measure.observations.select_related("entered_by").order_by("-period"))
    rows = []
    for observation in observations:
        target = target_in_force(targets, observation.period)
        rows.append(
            {
                "observation": observation,
                "label": periods.period_label(observation.period, measure.frequency),
                "target": target,
                "status": status_for(measure, observation.value, target),
            }
        )
    today_target = target_in_force(targets, observations[0].period) if observations else None
    context = {
        "unit": unit,
        "measure": measure,
        "rows": rows,
        "targets": list(reversed(targets)),
        "latest_target": today_target or (targets[-1] if targets else None),
        "changes": value_changes(measure),
        "can_enter": unit.role in WRITE_ROLES and not measure.is_computed,
    }
    return render(request, "measures/measure.html", context)
