from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cycle.forms import WeeklySummaryForm
from cycle.reminders import set_weekly_summary, wants_weekly_summary


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
