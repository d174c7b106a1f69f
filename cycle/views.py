from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cycle.forms import SubmitForm, WeeklySummaryForm
from cycle.reminders import set_weekly_summary, wants_weekly_summary
from cycle.submissions import (
    CannotSubmit,
    ChangedWhileOpen,
    ReasonsMissing,
    nothing_due_message,
    sign_off_of,
    submit,
    why_not_submittable,
)
from organisations.access import unit_for_user


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def reminder_preferences(request):
    """A person's own choice of the optional emails; nobody else's is reachable from here."""
    current = wants_weekly_summary(request.user)
    form = WeeklySummaryForm(
        request.POST if request.method == "POST" else None,
        initial={"weekly_summary": "yes" if current else "no"},
    )
    if form.is_valid():
        wanted = form.cleaned_data["weekly_summary"]
        set_weekly_summary(request.user, wanted)
        messages.success(
            request,
            "You will get the weekly summary."
            if wanted
            else "You will not get the weekly summary. Reminders of values due still come.",
        )
        return redirect("cycle:reminder_preferences")
    return render(
        request, "cycle/reminder_preferences.html", {"form": form, "weekly_summary": current}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def submit_month(request, slug, month):
    """A unit's month: the values due, entered or missing, and submitting them as checked."""
    unit = unit_for_user(request, slug, write=True)
    today = timezone.localdate()
    refusal = why_not_submittable(month, today)
    sign_off = None if refusal else sign_off_of(unit, month)
    if sign_off is not None and not sign_off.values:
        refusal = nothing_due_message(sign_off)
    form = None
    if sign_off is not None and refusal is None:
        form = SubmitForm(sign_off, data=request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                submit(
                    unit,
                    month,
                    request.user,
                    form.reasons(),
                    opened_at=form.cleaned_data["opened_at"],
                    today=today,
                )
            except CannotSubmit as error:
                # What is due changed under the form: read it again, keep what
                # was typed, and say what happened beside the boxes it concerns.
                sign_off = sign_off_of(unit, month)
                form = SubmitForm(sign_off, data=request.POST)
                form.is_valid()
                if isinstance(error, ReasonsMissing):
                    form.add_reason_errors(error.values)
                else:
                    form.add_error(None, str(error))
                if isinstance(error, ChangedWhileOpen):
                    # The page now shows those values: submitting again signs them off.
                    form.data = form.data.copy()
                    form.data["opened_at"] = timezone.now().isoformat()
            else:
                messages.success(
                    request,
                    f"Values for {sign_off.month_label} submitted as complete and checked.",
                )
                return redirect("cycle:submit", unit.slug, month)
    context = {
        "unit": unit,
        "month": month,
        "month_label": f"{month:%B %Y}",
        "refusal": refusal,
        "sign_off": sign_off,
        "form": form,
    }
    return render(request, "cycle/submit.html", context)
