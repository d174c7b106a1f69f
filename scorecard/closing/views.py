"""The closing pages: close a month, reopen it with a reason, and the versions kept.

Closing and reopening are for performance leads and admins (access.unit_to_close:
404 to those with no role on the unit, 403 to analysts and managers); the
reported months and each version are read by anyone with a role on the unit.
"""

from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from organisations.access import can_close, closable_units, unit_for_user, unit_to_close
from scorecard.closing.forms import MonthForm, ReopenForm
from scorecard.closing.selectors import closed_months, preview, version_of, versions_in
from scorecard.closing.services import Refused, close_month, reopen_month


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def close(request, slug):
    """Choose a unit and month, see its completion and what will be frozen, and confirm."""
    unit = unit_to_close(request, slug)
    today = timezone.localdate()
    chosen = request.GET.get("unit")
    if request.method != "POST" and chosen and chosen != unit.slug:
        other = closable_units(request.user).filter(slug=chosen).first()
        if other is None:
            raise Http404("No such unit.")
        url = reverse("closing:close", args=[other.slug])
        month = request.GET.get("month", "")
        return redirect(f"{url}?{urlencode({'month': month})}" if month else url)
    if request.method == "POST":
        form = MonthForm(request.POST, today=today)
        if form.is_valid():
            month = form.cleaned_data["month"]
            early = preview(unit, month, today)
            try:
                if early.before_due and not request.POST.get("before_due"):
                    raise Refused(
                        f"Values for {month:%B %Y} are due by {early.due_by:%-d %B %Y}: closing "
                        "now makes any value entered after it a correction. Tick “Close it "
                        "before the due date” to close it now."
                    )
                close_month(unit=unit, month=month, user=request.user)
            except Refused as refused:
                form.add_error("month", str(refused))
            else:
                messages.success(
                    request,
                    f"{month:%B %Y} is closed for {unit.name} and the units below it: their "
                    "reported record is frozen.",
                )
                return redirect("closing:reported", unit.slug)
    else:
        form = MonthForm(request.GET if "month" in request.GET else None, today=today)
    month = form.chosen()
    context = {
        "unit": unit,
        "form": form,
        "month": month,
        "preview": preview(unit, month, today),
        "units": closable_units(request.user),
    }
    return render(request, "scorecard/closing/close.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def reopen(request, slug):
    """Reopen a closed month, with the reason; the versions closed are kept."""
    unit = unit_to_close(request, slug)
    today = timezone.localdate()
    if request.method == "POST":
        form = ReopenForm(request.POST, today=today)
        if form.is_valid():
            month = form.cleaned_data["month"]
            try:
                reopened = reopen_month(
                    unit=unit, month=month, user=request.user, reason=form.cleaned_data["reason"]
                )
            except Refused as refused:
                form.add_error("month", str(refused))
            else:
                messages.success(
                    request,
                    f"{month:%B %Y} is reopened for {unit.name}: {reopened.units} "
                    f"unit{'' if reopened.units == 1 else 's'}' records kept as they were.",
                )
                return redirect("closing:reported", unit.slug)
    else:
        form = ReopenForm(request.GET if "month" in request.GET else None, today=today)
    context = {"unit": unit, "form": form, "closed_months": closed_months(unit)}
    return render(request, "scorecard/closing/reopen.html", context)


@require_safe
@login_required
def reported(request, slug):
    """Every version of the reported record of the unit and the units below it, by month."""
    unit = unit_for_user(request, slug)
    months = [
        (month, list(versions))
        for month, versions in groupby(versions_in(unit), lambda v: v.month)
    ]
    context = {"unit": unit, "months": months, "can_close": can_close(request.user, unit)}
    return render(request, "scorecard/closing/reported.html", context)


@require_safe
@login_required
def version(request, slug, pk):
    """One version of the unit's reported record, as a plain table of its measure rows."""
    unit = unit_for_user(request, slug)
    record = version_of(unit, pk)
    if record is None:
        raise Http404("No such version of this unit's record.")
    rows = record.measures.select_related("measure", "entered_by").order_by("measure__code")
    context = {"unit": unit, "record": record, "rows": rows, "wide_page": True}
    return render(request, "scorecard/closing/version.html", context)
