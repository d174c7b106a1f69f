"""The pages of the measures app, one section each:

- The data entry page: a unit's measures due in a month, entered and saved together.
- A measure's page: its XmR chart and icons, its values against target, its sheet and history.
- Import values from a spreadsheet, download templates for it, and export values.
- Compare one measure across units: a ranked bar chart, small-multiple XmR charts, a table.
"""

from dataclasses import replace
from datetime import timedelta
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from measures import catalogue, exports, history, imports, spreadsheets
from measures.charts import (
    allow_plotly_styles,
    events_figure,
    ranked_bar_figure,
    small_xmr_figure,
    with_trajectory,
    xmr_figure,
)
from measures.compare import compare
from measures.display import in_units, observation_text
from measures.due import latest_month, rows_for, selectable_months
from measures.exception_reports import (
    action_owners,
    actions_to_update,
    actions_up_to,
    missing_below,
    previous_report,
    report_reasons,
    reports_below,
    reports_of,
    save_report,
)
from measures.forms import (
    CorrectionForm,
    ExceptionActionFormSet,
    ExceptionReportForm,
    OccurrenceForm,
    RebaseForm,
    RestoreForm,
    ValueForm,
    as_text,
)
from measures.known import closed_on, closed_on_any, figures_for, values_known_at
from measures.lines import MeasureLine, breached_in_year, due_period, measure_lines
from measures.models import (
    NARRATIVE_FIELDS,
    Measure,
    Occurrence,
    Rebase,
    SharedPopulation,
)
from measures.population import disagreement, unit_pairs
from measures.recording import closed_months, record, reported_values
from measures.selectors import (
    Coverage,
    contributions,
    events_chart,
    restarts_below,
    status_for,
    target_for,
    target_in_force,
    targets_by_measure,
    undated_counts,
)
from measures.status import Status
from measures.transfer_forms import ExportForm, ImportForm
from organisations.access import leads, role_can_write, unit_for_user
from organisations.models import OrganisationUnit
from scorecard.lib import periods
from scorecard.lib.forms import AsAtForm

# The data entry page: a unit's measures due in a month, entered and saved together.


@require_safe
@login_required
def entry_latest(request, slug):
    """The month picker's target, and the plain "enter values" link: the latest month."""
    unit = unit_for_user(request, slug, write=True)
    month = latest_month()
    picked = request.GET.get("month", "")
    if picked:
        chosen = next((m for m in selectable_months() if f"{m:%Y-%m}" == picked), None)
        if chosen is None:
            messages.error(request, f"“{picked}” is not a month you can enter values for.")
        else:
            month = chosen
    return redirect("measures:entry", unit.slug, month)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def entry(request, slug, month):
    unit = unit_for_user(request, slug, write=True)
    today = timezone.localdate()
    this_month = periods.period_start(today, periods.MONTHLY)
    if month > this_month:
        messages.error(
            request, f"{month:%B %Y} is in the future: values can be entered up to this month."
        )
        return redirect("measures:entry", unit.slug, this_month)
    rows = rows_for(unit, month)
    forms = _forms_for(rows, request.POST if request.method == "POST" else None)
    # A closed month: each value says what was reported, and a change needs a reason.
    closed = closed_months({(unit.pk, month)}).get((unit.pk, month))
    correction = None
    if closed:
        correction = CorrectionForm(request.POST if request.method == "POST" else None)
        _say_reported(forms.values(), reported_values(unit.pk, month), month)
    if request.method == "POST" and _all_valid(forms.values()):
        changes = [form.change for form in forms.values() if form.change]
        if request.POST.get("action") == "check":
            messages.info(
                request,
                "Every value is valid. Nothing has been saved yet: the status column shows "
                "what each value would get. Select Save values to save them.",
            )
        elif not changes:
            messages.info(request, "Nothing was changed, so nothing was saved.")
            return redirect("measures:entry", unit.slug, month)
        elif correction is not None and not correction.reason():
            for form in forms.values():
                if form.change:
                    form.add_error(
                        form.number_fields[0],
                        f"{form.reported_text}. Give the reason for the correction below to "
                        "change it.",
                    )
            correction.add_error(
                "correction_reason",
                f"Give the reason for the correction: {month:%B %Y} is closed",
            )
        else:
            reason = correction.reason() if correction is not None else None
            outcome = record(changes, request.user, correction_reason=reason)
            if outcome.saved:
                messages.success(request, _saved_message(outcome, month))
                for problem in outcome.not_computed:
                    messages.warning(request, str(problem))
                return redirect("measures:entry", unit.slug, month)
            rows = rows_for(unit, month)
            forms = _forms_for(rows, _with_current_versions(request.POST, outcome.stale))
            if closed or outcome.closed:
                _say_reported(forms.values(), reported_values(unit.pk, month), month)
            for form in forms.values():
                form.is_valid()
            for change, current in outcome.stale:
                form = forms[change.measure.pk]
                form.add_error(form.number_fields[0], _stale_message(current, request.user))
            # Closed while the page was open: refused, what was typed kept.
            for change, closed_month in outcome.closed:
                form = forms[change.measure.pk]
                form.add_error(form.number_fields[0], closed_month.refusal())
    context = {
        "unit": unit,
        "month": month,
        "month_label": periods.period_label(month, periods.MONTHLY),
        "sections": _sections(rows, forms),
        "row_count": len(rows),
        "saved_count": sum(1 for row in rows if row.observation),
        "forms": list(forms.values()),
        "has_errors": any(form.errors for form in forms.values())
        or bool(correction is not None and correction.errors),
        "closed": closed,
        "correction": correction,
        "months": selectable_months(today),
        "previous_month": _previous_month(month),
        "next_month": _next_month(month, today),
        "wide_page": True,
        "units_below": unit.get_children().filter(is_active=True),
    }
    return render(request, "measures/entry.html", context)


def _say_reported(forms, reported, month):
    """Give each form of a closed month what was reported: "November 2026 is closed:
    reported 62.7%"."""
    for form in forms:
        value = reported.get(form.row.measure.pk)
        shown = in_units(value, form.row.measure) if value is not None else "no value"
        form.reported_text = f"{month:%B %Y} is closed: reported {shown}"


def _all_valid(forms):
    # Every form is validated, not just up to the first invalid one, so each
    # shows its own errors.
    valid = [form.is_valid() for form in forms]
    return all(valid)


def _forms_for(rows, data):
    """{measure id: ValueForm} for the rows a person types in (computed ones are shown only)."""
    return {
        row.measure.pk: ValueForm(row, data=data) for row in rows if not row.measure.is_computed
    }


def _sections(rows, forms):
    """Rows grouped by perspective, each paired with its form (None for a computed measure)."""

    def perspective(row):
        return row.measure.objective.perspective

    return [
        (key, [(row, forms.get(row.measure.pk)) for row in group])
        for key, group in groupby(rows, key=perspective)
    ]


def _with_current_versions(data, stale):
    """The posted data with each stale row opened afresh at the value now stored.

    What the person typed stays; what they "opened with" becomes the current
    value, so saving again replaces it knowingly, and leaving it alone keeps it.
    A comment they did not touch becomes the other person's, so saving again
    does not wipe it.
    """
    data = data.copy()
    for change, current in stale:
        if current is None:
            continue
        prefix = f"m{change.measure.pk}"
        data[f"{prefix}-version"] = str(current.version)
        for name in ("value", "numerator", "denominator"):
            data[f"initial-{prefix}-{name}"] = as_text(getattr(current, name))
        if data.get(f"{prefix}-comment", "") == data.get(f"initial-{prefix}-comment", ""):
            data[f"{prefix}-comment"] = current.comment
        data[f"initial-{prefix}-comment"] = current.comment
    return data


def _stale_message(current, user):
    if current is None:
        return f"{history.changed_since(current, user)} Check it and save again."
    return (
        f"{history.changed_since(current, user)} What you typed is kept: save again to "
        "replace that value with yours, or type it back to keep it."
    )


def _saved_message(outcome, month):
    parts = []
    if outcome.created:
        parts.append(f"{outcome.created} new")
    if outcome.updated:
        parts.append(f"{outcome.updated} changed")
    count = outcome.created + outcome.updated
    noun = "value" if count == 1 else "values"
    message = f"Saved {count} {noun} for {month:%B %Y} ({', '.join(parts)})."
    if outcome.recomputed == 1:
        message += " 1 computed total above was updated."
    elif outcome.recomputed:
        message += f" {outcome.recomputed} computed totals above were updated."
    return message


def _previous_month(month):
    previous = periods.add_periods(month, periods.MONTHLY, -1)
    return previous if previous >= periods.EARLIEST else None


def _next_month(month, today):
    following = periods.add_periods(month, periods.MONTHLY, 1)
    return following if following <= periods.period_start(today, periods.MONTHLY) else None


# A measure's page: its XmR chart and icons, its values against target, its sheet and history.


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


def render_measure(request, unit, measure, rebase_form, event_form=None):
    # The dashboard links here "as at" its month, so the icons agree with it.
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    # This page draws the series as it is: for a closed month it says where the
    # figures as reported are.
    figures = figures_for(unit, as_at, request.GET, closed=closed_on(unit, as_at))
    known_at = figures.known_at
    # As at a month the page shows nothing after it: no value, target, restart
    # or change for a later period, nor, unless the latest figures are asked
    # for, one recorded after the month's reporting window.
    targets = [
        target
        for target in targets_by_measure([measure.pk], known_at=known_at)[measure.pk]
        if target.effective_from <= as_at
    ]
    series = as_known_series(measure, as_at, known_at)
    rebases = measure.rebases.select_related("created_by").filter(period__lte=as_at)
    removed_rebases = Rebase.history.filter(
        measure_id=measure.pk, history_type="-", period__lte=as_at
    )
    if known_at is not None:
        rebases = rebases.filter(created_at__lte=known_at)
        removed_rebases = removed_rebases.filter(history_date__lte=known_at)
    rebases = list(rebases)
    period = due_period(as_at, measure.frequency)
    line = MeasureLine(
        measure,
        period,
        [o for o in series if o.period <= period],
        target_in_force(targets, period),
        rebases,
    )
    # A zero-tolerance measure's months are judged on their financial year, as its line is.
    breached = breached_in_year(series) if measure.zero_tolerance else set()
    rows = [
        {
            "observation": observation,
            "label": periods.period_label(observation.period, measure.frequency),
            "target": target_in_force(targets, observation.period),
            "status": Status.OFF_TARGET
            if observation.period in breached
            else status_for(
                measure, observation.value, target_in_force(targets, observation.period)
            ),
        }
        for observation in reversed(series)
    ]
    if line.suggested_restart and not rebase_form.is_bound:
        # A sustained shift: the restart, if the person decides on one, starts where it began.
        rebase_form.initial["period"] = line.suggested_restart.period
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
    events = event_figure = None
    if measure.charts_rare_events:
        # The gaps up to the end of the month shown, or today within it.
        month_end = periods.add_periods(as_at, periods.MONTHLY, 1) - timedelta(days=1)
        events = events_chart(measure, min(month_end, timezone.localdate()))
        event_figure = events_figure(measure, events)
        if event_form is None:
            event_form = OccurrenceForm(measure=measure, today=timezone.localdate())
    # The report for the month shown, or the last one before it; its revised trajectory
    # is drawn on the chart, dashed from the month's value.
    report_of = reports_of([(measure.pk, line.period)])[measure.pk]
    if figure is not None and report_of.report is not None:
        last = (line.observation.period, line.observation.value) if line.observation else None
        figure = with_trajectory(figure, measure, report_of.report.trajectory, last)
    parts = contributions(measure, line.period, known_at) if measure.is_computed else []
    coverage = Coverage.of(line.period, parts) if parts else None
    # A total's own restarts are its own; those of the units below are listed beside them.
    below = restarts_below(measure, as_at, known_at) if measure.is_computed else []
    context = {
        "unit": unit,
        "measure": measure,
        "line": line,
        "figure": figure,
        "as_at": as_at,
        "figures": figures,
        "contributions": parts,
        "coverage": coverage,
        "as_at_is_latest": as_at == latest_month(),
        "rows": rows,
        "latest_target": line.target or (targets[-1] if targets else None),
        "rebases": rebases,
        "restarts_below": below,
        "removed_rebases": removed_rebases.select_related("history_user").order_by(
            "-history_date"
        ),
        "rebase_form": rebase_form,
        "changes": history.value_changes(measure, until=known_at, up_to=as_at),
        "can_write": can_write,
        "can_enter": can_write and not measure.is_computed,
        "events": events,
        "event_figure": event_figure,
        "event_form": event_form,
        "undated": undated_counts(measure, series, events.events) if events else [],
        "can_restart": measure.can_be_restarted_by(
            request.user, leads_unit=leads(request.user, unit)
        ),
        "restart_refused": RESTART_REFUSED,
        "report_of": report_of,
        "report_reasons": report_reasons(line),
        "actions": actions_up_to(measure, line.period),
        "reports_below": reports_below(measure, line.period) if measure.is_computed else [],
        "can_write_report": may_write_report(request.user, unit, measure),
        "shared_populations": SharedPopulation.objects.filter(
            Q(first_code=measure.code) | Q(second_code=measure.code)
        ),
    }
    return render(request, "measures/measure.html", context)


def as_known_series(measure, as_at, known_at):
    """The measure's values up to the month `as_at`, oldest first, as they stood at `known_at`."""
    up_to = Q(period__lte=as_at)
    by_period = {
        o.period: o
        for o in measure.observations.filter(up_to).select_related("entered_by").order_by("period")
    }
    if known_at is not None:
        stood = values_known_at([measure.pk], known_at, up_to)
        for (_, period), observation in stood.items():
            by_period.pop(period, None)
            if observation is not None:
                by_period[period] = observation
        # Who entered the values put back: one query for them all.
        prefetch_related_objects([o for o in stood.values() if o is not None], "entered_by")
    return [by_period[period] for period in sorted(by_period)]


@require_POST
@login_required
@allow_plotly_styles
def rebase_add(request, slug, code):
    unit = unit_for_user(request, slug)
    measure = measure_of(unit, code)
    refuse_unless_may_restart(request, unit, measure)
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


@require_POST
@login_required
@allow_plotly_styles
def event_add(request, slug, code):
    """Record a rare event, dated: the gaps between events are its chart."""
    unit = unit_for_user(request, slug, write=True)
    measure = measure_of(unit, code)
    if not measure.charts_rare_events or measure.is_computed:
        # A total's events are those of the units below, recorded there.
        raise Http404("This measure is not charted by its events.")
    form = OccurrenceForm(request.POST, measure=measure, today=timezone.localdate())
    if not form.is_valid():
        return render_measure(request, unit, measure, RebaseForm(measure=measure), form)
    event = form.save(commit=False)
    event.measure, event.recorded_by = measure, request.user
    event.save()
    messages.success(request, f"The event on {event.occurred_on:%d %B %Y} is recorded.")
    return redirect(measure.get_absolute_url() + "#events")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def event_delete(request, slug, code, pk):
    """Ask first, then remove a recorded event; its history keeps it."""
    unit = unit_for_user(request, slug, write=True)
    measure = measure_of(unit, code)
    event = get_object_or_404(Occurrence, pk=pk, measure=measure)
    if request.method != "POST":
        context = {"unit": unit, "measure": measure, "event": event}
        return render(request, "measures/event_delete.html", context)
    event.delete()
    messages.success(request, f"The event on {event.occurred_on:%d %B %Y} is removed.")
    return redirect(measure.get_absolute_url() + "#events")


@require_safe
@login_required
def catalogue_list(request):
    """The trust's measure catalogue: each definition, and the units that adopted it."""
    units = OrganisationUnit.objects.visible_to(request.user)
    context = {"entries": catalogue.entries_for(units), "outside": catalogue.outside(units)}
    return render(request, "measures/catalogue.html", context)


@require_safe
@login_required
def populations(request):
    """Measures declared to share a population, unit by unit: where their figures disagree."""
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    units = OrganisationUnit.objects.visible_to(request.user)
    checks = []
    for pair in SharedPopulation.objects.all():
        rows = unit_pairs(pair, as_at, units)
        found = [(row, reason) for row in rows if (reason := disagreement(pair, row))]
        checks.append({"pair": pair, "rows": rows, "disagreements": found})
    context = {"as_at": as_at, "as_at_form": as_at_form, "checks": checks}
    return render(request, "measures/populations.html", context)


RESTART_REFUSED = (
    "Only the measure's owner (named by their account on its sheet) or the unit's lead (a "
    "manager of the unit itself) restarts its limits."
)


def refuse_unless_may_restart(request, unit, measure):
    if not measure.can_be_restarted_by(request.user, leads_unit=leads(request.user, unit)):
        raise PermissionDenied(RESTART_REFUSED)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def rebase_delete(request, slug, code, pk):
    """Ask first, then remove a restart; its history keeps who removed it and when."""
    unit = unit_for_user(request, slug)
    measure = measure_of(unit, code)
    rebase = get_object_or_404(Rebase, pk=pk, measure=measure)
    refuse_unless_may_restart(request, unit, measure)
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


# Import values from a spreadsheet, download templates for it, and export values.
# Every view starts with the access check (unit_for_user), then the form, then
# the domain call (measures.imports or measures.exports), then a redirect, a
# render or a download. Importing and templates need a manager's role on the
# unit; exporting needs only to see it.


# The problems listed on the page; the error summary gives the full count.
PROBLEMS_SHOWN = 200
BACKFILL_UNTICKED = (
    "Nothing was saved: the file gives values from before a measure's first value, listed on "
    "this page. Tick the box to import them too, or take those rows out of the file"
)


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    # The name holds the unit's code, which may hold quotes or line breaks: Django
    # escapes the one and encodes the other, so the header cannot be broken or extended.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def render_import(request, unit, form, *, plan=None, checked=None, stale=False):
    context = {
        "unit": unit,
        "form": form,
        "plan": plan,
        "stale": stale,
        # Rows refused are an error of the page, though the form is valid.
        "has_errors": bool(plan and plan.problems),
        "problems_shown": plan.problems[:PROBLEMS_SHOWN] if plan else [],
        "checked": checked,
        "advice": imports.past_trigger_advice(plan) if plan else "",
        "columns": imports.COLUMNS,
        "max_size": spreadsheets.MAX_SIZE,
        "max_rows": spreadsheets.MAX_ROWS,
    }
    return render(request, "measures/import.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_values(request, slug):
    unit = unit_for_user(request, slug, write=True)
    if request.method != "POST":
        return render_import(request, unit, ImportForm())
    form = ImportForm(
        request.POST,
        request.FILES,
        units=OrganisationUnit.objects.visible_to(request.user),
        within=unit,
        refused=getattr(request, "upload_refused", ""),
    )
    if not form.is_valid():
        return render_import(request, unit, form)
    upload, plan = form.cleaned_data["file"], form.plan
    if plan.problems:
        return render_import(request, unit, form, plan=plan)
    checking = "check" in request.POST
    if plan.backfills and not checking and not form.cleaned_data["backfill"]:
        # History is rewritten only when the person says so: nothing is saved.
        form.add_error("backfill", BACKFILL_UNTICKED)
        return render_import(request, unit, form, plan=plan)
    if form.seen_at_check and not checking:
        plan = imports.with_versions(plan, form.seen_at_check)
    if checking:
        outcome = imports.dry_run(plan)
    else:
        reason = imports.import_reason(upload.name)
        outcome = imports.save(plan, request.user, reason=reason)
    if outcome.closed:
        # Rows of a closed month: nothing is written, each is named.
        closed = replace(plan, problems=imports.closed_problems(plan, outcome))
        return render_import(request, unit, form, plan=closed)
    if not outcome.saved:
        # As the entry page does: nothing is written, each row changed since
        # the check is named with who changed it, and importing the file
        # again replaces those values as shown (unless they change again).
        stale = replace(plan, problems=imports.stale_problems(plan, outcome, request.user))
        form = ImportForm.after_check(imports.after_stale(plan, outcome), form.digest)
        return render_import(request, unit, form, plan=stale, stale=True)
    if checking:
        checked = imports.describe_outcome(outcome, plan)
        form = ImportForm.after_check(plan, form.digest)
        return render_import(request, unit, form, plan=plan, checked=checked)
    messages.success(
        request, f"Imported {upload.name}: {imports.describe_outcome(outcome, plan)}."
    )
    for problem in outcome.not_computed:
        messages.warning(request, str(problem))
    if plan.ignored_columns:
        # As the check said they would be: a column a person meant to import
        # must not vanish without a word.
        ignored = ", ".join(plan.ignored_columns)
        messages.info(request, f"These columns were ignored: {ignored}.")
    if advice := imports.past_trigger_advice(plan):
        messages.warning(request, advice)
    return redirect("measures:import_values", slug=unit.slug)


@require_safe
@login_required
def template_csv(request, slug):
    unit = unit_for_user(request, slug, write=True)
    rows = exports.template_rows(exports.enterable_measures(unit), timezone.localdate())
    filename = f"{unit.code}-values-template.csv"
    return download(spreadsheets.csv_bytes(rows), filename, spreadsheets.CSV_TYPE)


@require_safe
@login_required
def template_xlsx(request, slug):
    unit = unit_for_user(request, slug, write=True)
    measures = list(exports.enterable_measures(unit))
    sheets = [
        ("Values", exports.template_rows(measures, timezone.localdate())),
        ("Notes", exports.template_notes(measures)),
    ]
    filename = f"{unit.code}-values-template.xlsx"
    return download(spreadsheets.xlsx_bytes(sheets), filename, spreadsheets.XLSX_TYPE)


@require_safe
@login_required
def export_values(request, slug):
    unit = unit_for_user(request, slug)
    today = timezone.localdate()
    form = ExportForm(request.GET or None, today=today, initial=export_initial(today))
    if not form.is_bound or not form.is_valid():
        context = {"unit": unit, "form": form, "can_import": role_can_write(unit.role)}
        return render(request, "measures/export.html", context)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = exports.export_rows(exports.observations_between(unit, start, end))
    filename = f"{unit.code}-values-{start:%Y-%m}-to-{end:%Y-%m}.{form.cleaned_data['format']}"
    if form.cleaned_data["format"] == "xlsx":
        content = spreadsheets.xlsx_bytes([("Values", rows)])
        return download(content, filename, spreadsheets.XLSX_TYPE)
    return download(spreadsheets.csv_bytes(rows), filename, spreadsheets.CSV_TYPE)


def export_initial(today):
    """The last twelve months, this one included."""
    this_month = today.replace(day=1)
    first = periods.add_periods(this_month, periods.MONTHLY, -11)
    return {"start": first, "end": this_month, "format": "csv"}


# Compare one measure across units: a ranked bar chart, small-multiple XmR charts, a table.


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
    # The cutoff of the unit whose siblings are compared, else the trust-wide setting's.
    closed = closed_on(unit, as_at) if unit else closed_on_any(units, as_at)
    figures = figures_for(unit, as_at, request.GET, closed=closed)
    comparison = compare(units, code, as_at, known_at=figures.known_at)
    context = {
        # The table has a dozen columns: the page spans the screen, like the dashboard.
        "wide_page": True,
        "unit": unit,
        "code": code,
        "as_at_form": as_at_form,
        "as_at": as_at,
        "figures": figures,
        "comparison": comparison,
        "all_url": f"{reverse('measures:compare_all', args=[code])}?{figures.query}",
    }
    if comparison is None:
        return render(request, "measures/compare.html", context, status=404)
    context["bar_figure"] = ranked_bar_figure(comparison.ranked) if comparison.ranked else None
    context["small_multiples"] = [
        (row, f"spc-figure-{number}", small_xmr_figure(row, row.unit.name))
        for number, row in enumerate(comparison.judged, start=1)
    ]
    return render(request, "measures/compare.html", context)


REPORT_REFUSED = (
    "Exception reports are written by the unit's managers; a computed total's report, the "
    "summary of those below, by the lead of its unit (a manager of the unit itself)."
)


def may_write_report(user, unit, measure):
    """A typed measure's report: anyone who may change the unit's values. A computed
    total's summary: the unit's lead, not a manager of a unit above."""
    return leads(user, unit) if measure.is_computed else role_can_write(unit.role)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def exception_report(request, slug, code, month):
    """Write a measure's exception report for a month, starting from the last one."""
    unit = unit_for_user(request, slug)
    measure = measure_of(unit, code)
    if not may_write_report(request.user, unit, measure):
        raise PermissionDenied(REPORT_REFUSED)
    today = timezone.localdate()
    if month > latest_month(today):
        raise Http404("A report is about a month that has ended.")
    first = measure.observations.order_by("period").values_list("period", flat=True).first()
    if first is None or month < first:
        raise Http404(f"{measure.code} has no values before {month:%B %Y}: nothing to report.")
    period = due_period(month, measure.frequency)
    existing = measure.exception_reports.filter(period=period).first()
    carried = None if existing else previous_report(measure, period)
    initial = {name: getattr(carried, name) for name in NARRATIVE_FIELDS} if carried else {}
    people = action_owners(unit, measure)
    actions = actions_to_update(measure, period)
    data = request.POST if request.method == "POST" else None
    form = ExceptionReportForm(
        data, instance=existing, initial=initial, today=today, measure=measure, period=period
    )
    formset = ExceptionActionFormSet(
        data, queryset=actions, people=people, today=today, prefix="action"
    )
    if data is not None and form.is_valid() and formset.is_valid():
        save_report(
            measure=measure,
            period=period,
            narrative=form.narrative(),
            actions=formset.save(commit=False),
            user=request.user,
        )
        label = periods.period_label(period, measure.frequency)
        messages.success(request, f"Saved the exception report of {measure.code} for {label}.")
        url = reverse("measures:measure", args=[unit.slug, measure.code])
        return redirect(f"{url}?as_at={month:%Y-%m}#exception-report")
    line = measure_lines([measure], month)[measure.pk]
    below = reports_below(measure, period) if measure.is_computed else []
    context = {
        "unit": unit,
        "measure": measure,
        "month": month,
        "period": period,
        "form": form,
        "formset": formset,
        "existing": existing,
        "carried": carried,
        "line": line,
        "reasons": report_reasons(line),
        "below": below,
        "missing_below": missing_below(measure, period, below) if measure.is_computed else [],
    }
    return render(request, "measures/exception_report.html", context)
