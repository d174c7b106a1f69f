"""Import values from a spreadsheet, download templates for it, and export values.

Every view starts with the access check (unit_for_user), then the form, then
the domain call (measures.imports or measures.exports), then a redirect, a
render or a download. Importing and templates need a manager's role on the
unit; exporting needs only to see it.
"""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from measures import exports, imports, spreadsheets
from measures.transfer_forms import ExportForm, ImportForm
from organisations.access import role_can_write, unit_for_user
from organisations.models import OrganisationUnit
from scorecard.lib import periods

# The problems listed on the page; the error summary gives the full count.
PROBLEMS_SHOWN = 200


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
    if form.seen_at_check and not checking:
        plan = imports.with_versions(plan, form.seen_at_check)
    if checking:
        outcome = imports.dry_run(plan)
    else:
        reason = imports.import_reason(upload.name)
        outcome = imports.save(plan, request.user, reason=reason)
    if not outcome.saved:
        # As the entry page does: nothing is written, each row changed since
        # the check is named with who changed it, and importing the file
        # again replaces those values as shown (unless they change again).
        stale = replace(plan, problems=imports.stale_problems(plan, outcome, request.user))
        form = ImportForm.after_check(imports.after_stale(plan, outcome), form.digest)
        return render_import(request, unit, form, plan=stale, stale=True)
    if checking:
        checked = imports.summary(outcome, plan)
        form = ImportForm.after_check(plan, form.digest)
        return render_import(request, unit, form, plan=plan, checked=checked)
    messages.success(request, f"Imported {upload.name}: {imports.summary(outcome, plan)}.")
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
