"""A measure's page: its XmR chart and icons, its values against target, its sheet and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from measures import history
from measures.charts import allow_plotly_styles, xmr_figure
from measures.display import observation_text
from measures.entry import latest_month
from measures.forms import RebaseForm, RestoreForm
from measures.lines import MeasureLine, due_period
from measures.models import Measure, Rebase
from measures.selectors import (
    contributions,
    status_for,
    target_for,
    target_in_force,
    targets_by_measure,
)
from organisations.access import role_can_write, unit_for_user
from scorecard.lib import periods
from scorecard.lib.forms import AsAtForm


def measure_of(unit, code):
    measure = (
        Measure.objects.filter(objective__scorecard__unit=unit, code=code)
        .select_related("objective__perspective", "objective__scorecard")
        .first()
    )
    if measure is None:
        raise Http404(f"{unit.name} has no measure {code}.")
    return measure


@require_safe
@login_required
@allow_plotly_styles
def measure_detail(request, slug, code):
    unit = unit_for_user(request, slug)
    measure = measure_of(unit, code)
    return render_measure(request, unit, measure, RebaseForm(measure=measure))


def render_measure(request, unit, measure, rebase_form):
    # The dashboard links here "as at" its month, so the icons agree with it.
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    targets = targets_by_measure([measure.pk])[measure.pk]
    series = list(measure.observations.select_related("entered_by").order_by("period"))
    rebases = list(measure.rebases.select_related("created_by"))
    period = due_period(as_at, measure.frequency)
    line = MeasureLine(
        measure,
        period,
        [o for o in series if o.period <= period],
        target_in_force(targets, period),
        rebases,
    )
    rows = [
        {
            "observation": observation,
            "label": periods.period_label(observation.period, measure.frequency),
            "target": target_in_force(targets, observation.period),
            "status": status_for(
                measure, observation.value, target_in_force(targets, observation.period)
            ),
        }
        for observation in reversed(series)
    ]
    figure = None
    if line.spc:
        figure = xmr_figure(
            measure,
            line.series,
            line.spc,
            [target_in_force(targets, o.period) for o in line.series],
            rebases,
            line.judged_groups,
        )
    can_write = role_can_write(unit.role)
    parts = contributions(measure, line.period) if measure.is_computed else []
    context = {
        "unit": unit,
        "measure": measure,
        "line": line,
        "figure": figure,
        "as_at": as_at,
        "contributions": parts,
        "as_at_is_latest": as_at == latest_month(),
        "rows": rows,
        "latest_target": line.target or (targets[-1] if targets else None),
        "rebases": rebases,
        "removed_rebases": Rebase.history.filter(measure_id=measure.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_date"),
        "rebase_form": rebase_form,
        "changes": history.value_changes(measure),
        "can_write": can_write,
        "can_enter": can_write and not measure.is_computed,
    }
    return render(request, "measures/measure.html", context)


@require_POST
@login_required
@allow_plotly_styles
def rebase_add(request, slug, code):
    unit = unit_for_user(request, slug, write=True)
    measure = measure_of(unit, code)
    form = RebaseForm(request.POST, measure=measure)
    if not form.is_valid():
        return render_measure(request, unit, measure, form)
    rebase = form.save(commit=False)
    rebase.measure = measure
    rebase.created_by = request.user
    rebase.save()
    label = periods.period_label(rebase.period, measure.frequency)
    messages.success(request, f"The limits of {measure.code} now restart from {label}.")
    return redirect(measure.get_absolute_url() + "#chart")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rebase_delete(request, slug, code, pk):
    """Ask first, then remove a restart; its history keeps who removed it and when."""
    unit = unit_for_user(request, slug, write=True)
    measure = measure_of(unit, code)
    rebase = get_object_or_404(Rebase, pk=pk, measure=measure)
    if request.method != "POST":
        context = {"unit": unit, "measure": measure, "rebase": rebase}
        return render(request, "measures/rebase_delete.html", context)
    rebase.delete()
    label = periods.period_label(rebase.period, measure.frequency)
    messages.success(request, f"The limits of {measure.code} no longer restart at {label}.")
    return redirect(measure.get_absolute_url() + "#chart")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def value_restore(request, slug, code, pk):
    """Ask first, then write an earlier value back through recording.record().

    The history links here (asking writes nothing); the page carries the
    version of the value now, so a restore over a value changed since is
    refused.
    """
    unit = unit_for_user(request, slug, write=True)
    measure = measure_of(unit, code)
    if measure.is_computed:
        raise Http404(f"{measure.code} is computed from the units below, so it is not restored.")
    earlier = history.earlier_version(measure, pk)
    if earlier is None:
        raise Http404(f"{measure.code} in {unit.name} has no such earlier value.")
    current = history.value_now(measure, earlier.period)
    problem = history.problem_restoring(measure, earlier)
    posted = request.method == "POST"
    about = {"measure": measure, "earlier": earlier, "target": target_for(measure, earlier.period)}
    form = RestoreForm(request.POST if posted else None, version=_version(current), **about)
    if posted and not problem and form.is_valid():
        outcome = history.restore(
            measure,
            earlier,
            request.user,
            opened_version=form.cleaned_data["version"],
            why=form.cleaned_data["why"],
            comment=form.restored_comment,
        )
        if outcome.saved:
            messages.success(request, _restored_message(measure, earlier, outcome))
            return redirect(measure.get_absolute_url() + "#history")
        current = history.value_now(measure, earlier.period)
        data = request.POST.copy()
        data["version"] = str(_version(current))
        form = RestoreForm(data, version=_version(current), **about)
        form.is_valid()
        form.add_error(None, _changed_since(current, request.user))
    context = {
        "unit": unit,
        "measure": measure,
        "earlier": earlier,
        "earlier_text": observation_text(earlier, measure, exact=True),
        "earlier_who": history.who_set(earlier),
        "current": current,
        "current_text": observation_text(current, measure, exact=True) if current else "",
        "current_who": history.entered_by_text(current) if current else "",
        "period_label": periods.period_label(earlier.period, measure.frequency),
        "is_current": history.is_current(earlier, current),
        "problem": problem,
        "form": form,
    }
    return render(request, "measures/value_restore.html", context)


def _version(current):
    return current.version if current else 0


def _changed_since(current, user):
    if current is None:
        return f"{history.changed_since(current, user)} Nothing was restored."
    return (
        f"{history.changed_since(current, user)} Nothing was restored: check the value now, "
        "below, and restore again if the earlier value should still go back."
    )


def _restored_message(measure, earlier, outcome):
    label = periods.period_label(earlier.period, measure.frequency)
    if not (outcome.created or outcome.updated):
        return f"The value of {measure.code} for {label} was already that value: nothing changed."
    message = (
        f"Restored the value of {measure.code} for {label}: {observation_text(earlier, measure)}."
    )
    if outcome.recomputed == 1:
        message += " 1 computed total above was updated."
    elif outcome.recomputed:
        message += f" {outcome.recomputed} computed totals above were updated."
    return message
