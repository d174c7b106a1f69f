from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from measures.charts import allow_plotly_styles
from measures.known import closed_on, figures_for
from measures.spreadsheets import XLSX_TYPE
from organisations.access import can_close, leads, unit_for_user
from scorecard.dashboards.dashboard import shown
from scorecard.lib.forms import AsAtForm
from scorecard.models import PackCover, PackPdf, Scorecard
from scorecard.pack.forms import PackCoverForm, PublishForm
from scorecard.pack.selectors import build_pack
from scorecard.pack.services import (
    PublishRefused,
    publish,
    published_before,
    published_for,
    published_packs,
    recent_pdfs,
    request_pdf,
    save_cover,
)
from scorecard.pack.workbook import pack_workbook


def scorecard_of(unit):
    scorecard = Scorecard.objects.filter(unit=unit).select_related("framework").first()
    if scorecard is None:
        raise Http404(f"{unit.name} has no scorecard, so no pack.")
    return scorecard


def pack_for(request, unit):
    """(The month form, the figures shown, the Pack) of `unit` for the request's month."""
    scorecard = scorecard_of(unit)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    month = as_at_form.month()
    figures = figures_for(unit, month, request.GET, closed=closed_on(unit, month))
    the_pack = build_pack(
        unit,
        scorecard,
        month,
        known_at=figures.known_at,
        figures=shown(figures),
        closed_on=figures.closed_on,
    )
    return as_at_form, figures, the_pack


@require_safe
@login_required
@allow_plotly_styles
def pack(request, slug):
    """A unit's board pack for a month: cover, summary, a page per perspective, the
    exception pages and an appendix of measure sheets; DRAFT until the month is closed."""
    unit = unit_for_user(request, slug)
    as_at_form, figures, the_pack = pack_for(request, unit)
    month = the_pack.month
    context = {
        "unit": unit,
        "pack": the_pack,
        "as_at_form": as_at_form,
        "figures": figures,
        "can_write_cover": leads(request.user, unit),
        "published": published_packs(unit, month),
        "published_before": published_before(unit, month),
        "pdfs": recent_pdfs(unit, month, request.user),
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
    if as_at_form.is_bound and not as_at_form.is_valid():
        # Never the cover of another month than the one asked for.
        messages.error(request, as_at_form.errors["as_at"][0])
        return redirect("pack:pack", unit.slug)
    month = as_at_form.month()
    existing = PackCover.objects.filter(unit=unit, month=month).first()
    form = PackCoverForm(
        request.POST if request.method == "POST" else None,
        instance=existing or PackCover(unit=unit, month=month),
    )
    if request.method == "POST" and form.is_valid():
        save_cover(unit, month, form.cleaned_data, request.user)
        messages.success(request, f"Saved the cover of {unit.name}'s pack for {month:%B %Y}.")
        return redirect(reverse("pack:pack", args=[unit.slug]) + f"?as_at={month:%Y-%m}")
    context = {"unit": unit, "month": month, "form": form}
    return render(request, "scorecard/pack/cover.html", context)


def can_publish(user, unit) -> bool:
    """The unit's lead, or a performance lead covering it, publishes its packs."""
    return leads(user, unit) or can_close(user, unit)


@require_http_methods(["POST"])
@login_required
def make_pdf(request, slug):
    """Ask for the pack as a PDF: queued for the background worker, then its progress."""
    unit = unit_for_user(request, slug)
    scorecard_of(unit)
    as_at_form = AsAtForm(request.POST, today=timezone.localdate())
    if as_at_form.is_bound and not as_at_form.is_valid():
        messages.error(request, as_at_form.errors["as_at"][0])
        return redirect("pack:pack", unit.slug)
    month = as_at_form.month()
    latest = request.POST.get("figures") == "latest"
    pack_pdf = request_pdf(unit, month, request.user, latest=latest)
    return redirect("pack:pdf", unit.slug, pack_pdf.pk)


def pdf_of(request, slug, pk):
    """The unit (if the user may read it) and its PackPdf `pk`, without the file's bytes."""
    unit = unit_for_user(request, slug)
    pack_pdf = get_object_or_404(
        PackPdf.objects.defer("content").select_related("record", "requested_by", "published_by"),
        pk=pk,
        unit=unit,
    )
    return unit, pack_pdf


@require_safe
@login_required
def pdf(request, slug, pk):
    """A pack PDF's progress; once ready, the file, and publishing it when it may be."""
    unit, pack_pdf = pdf_of(request, slug, pk)
    return render_pdf_page(request, unit, pack_pdf, PublishForm())


def render_pdf_page(request, unit, pack_pdf, publish_form):
    published = published_for(pack_pdf)
    context = {
        "unit": unit,
        "pack_pdf": pack_pdf,
        "published": published,
        "publish_form": publish_form,
        "can_publish": (
            can_publish(request.user, unit)
            and pack_pdf.record_id is not None
            and not pack_pdf.latest
            and published is None
        ),
        "cover_written": PackCover.objects.filter(unit=unit, month=pack_pdf.month).exists(),
        "can_write_cover": leads(request.user, unit),
    }
    return render(request, "scorecard/pack/pdf_status.html", context)


@require_safe
@login_required
def pdf_file(request, slug, pk):
    """The PDF itself, as it was made: a published one never changes."""
    unit, pack_pdf = pdf_of(request, slug, pk)
    if pack_pdf.state != PackPdf.State.READY:
        raise Http404("This PDF is not ready.")
    content = PackPdf.objects.values_list("content", flat=True).get(pk=pack_pdf.pk)
    response = HttpResponse(bytes(content), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, pack_pdf.filename)
    response["ETag"] = f'"{pack_pdf.sha256}"'
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@require_http_methods(["POST"])
@login_required
def publish_pdf(request, slug, pk):
    """Publish a ready PDF of a closed month as reported; the unit's lead or a performance lead."""
    unit, pack_pdf = pdf_of(request, slug, pk)
    if not can_publish(request.user, unit):
        raise PermissionDenied("A pack is published by the unit's lead or a performance lead.")
    publish_form = PublishForm(request.POST)
    if not publish_form.is_valid():
        return render_pdf_page(request, unit, pack_pdf, publish_form)
    try:
        published = publish(pack_pdf, request.user)
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("pack:pdf", unit.slug, pack_pdf.pk)
    messages.success(
        request,
        f"Published {unit.name}'s pack for {published.month:%B %Y}. "
        f"It will be served unchanged, with SHA-256 {published.sha256}.",
    )
    return redirect("pack:pdf", unit.slug, pack_pdf.pk)


@require_safe
@login_required
def workbook(request, slug):
    """The pack's tables as an Excel workbook: measures with their figures, and actions."""
    unit = unit_for_user(request, slug)
    as_at_form, figures, the_pack = pack_for(request, unit)
    if as_at_form.is_bound and not as_at_form.is_valid():
        return HttpResponseBadRequest(
            as_at_form.errors["as_at"][0], content_type="text/plain; charset=utf-8"
        )
    kind = "board-pack-DRAFT" if the_pack.draft else "board-pack"
    if the_pack.latest_of_closed:
        kind = "board-pack-latest"
    filename = f"{unit.code}-{the_pack.month:%Y-%m}-{kind}.xlsx"
    response = HttpResponse(pack_workbook(the_pack, figures.sentence), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
