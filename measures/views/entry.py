"""The data entry page: a unit's measures due in a month, entered and saved together."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from measures import history
from measures.entry import latest_month, rows_for, selectable_months
from measures.forms import ValueForm, as_text
from measures.recording import record
from organisations.access import unit_for_user
from scorecard.lib import periods


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
        else:
            outcome = record(changes, request.user)
            if outcome.saved:
                messages.success(request, _saved_message(outcome, month))
                for problem in outcome.not_computed:
                    messages.warning(request, str(problem))
                return redirect("measures:entry", unit.slug, month)
            rows = rows_for(unit, month)
            forms = _forms_for(rows, _with_current_versions(request.POST, outcome.stale))
            for form in forms.values():
                form.is_valid()
            for change, current in outcome.stale:
                form = forms[change.measure.pk]
                form.add_error(form.number_fields[0], _stale_message(current, request.user))
    context = {
        "unit": unit,
        "month": month,
        "month_label": periods.period_label(month, periods.MONTHLY),
        "sections": _sections(rows, forms),
        "row_count": len(rows),
        "saved_count": sum(1 for row in rows if row.observation),
        "forms": list(forms.values()),
        "has_errors": any(form.errors for form in forms.values()),
        "months": selectable_months(today),
        "previous_month": _previous_month(month),
        "next_month": _next_month(month, today),
        "wide_page": True,
        "units_below": unit.get_children().filter(is_active=True),
    }
    return render(request, "measures/entry.html", context)


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
