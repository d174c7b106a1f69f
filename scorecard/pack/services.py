"""Asking for a pack's PDF and publishing it (scorecard/pack)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from cycle.models import ReportedUnit
from organisations.models import OrganisationUnit
from scorecard.models import PackCover, PackPdf
from scorecard.pack.tasks import make_pack_pdf

State = PackPdf.State


def save_cover(unit, month: date, fields: dict, user) -> PackCover:
    """Write the cover of `unit`'s pack for `month`; the last of several saves at once wins,
    whole, and none fails.

    The unit's row is locked on PostgreSQL (SQLite's IMMEDIATE transactions run one
    at a time), so a second first save finds the first's cover and updates it
    rather than inserting a twin that the unique constraint would refuse.
    """
    with transaction.atomic():
        OrganisationUnit.objects.select_for_update().filter(pk=unit.pk).exists()
        cover = PackCover.objects.filter(unit=unit, month=month).first() or PackCover(
            unit=unit, month=month
        )
        for name, value in fields.items():
            setattr(cover, name, value)
        cover.updated_by = user
        cover.save()
    return cover


class PublishRefused(Exception):
    """Why a PDF cannot be published, in words for the person who tried."""


def request_pdf(unit, month: date, user, *, latest: bool = False) -> PackPdf:
    """A PackPdf for the pack of `unit` and `month`, queued for the worker once saved.

    One that is already waiting or being made for the same pack is given back
    rather than a second: a double click prints once.
    """
    with transaction.atomic():
        # Two asking at once take turns on the unit's row, so the second finds the
        # first's request waiting: one render, not two.
        OrganisationUnit.objects.select_for_update().filter(pk=unit.pk).exists()
        waiting = PackPdf.objects.filter(
            unit=unit,
            month=month,
            latest=latest,
            state__in=[State.QUEUED, State.RENDERING],
        ).first()
        if waiting is not None:
            return waiting
        pack_pdf = PackPdf.objects.create(unit=unit, month=month, latest=latest, requested_by=user)
        # The database backend queues the task as a row of this same transaction:
        # the request and its task are saved together, or neither is.
        make_pack_pdf.enqueue(pack_pdf.pk)
    return pack_pdf


def publish(pack_pdf: PackPdf, user) -> PackPdf:
    """Publish a ready PDF of a closed month as reported: once per version of the record,
    then served unchanged. Raises PublishRefused saying why not."""
    try:
        with transaction.atomic():
            locked = PackPdf.objects.select_for_update().get(pk=pack_pdf.pk)
            refuse_unless_publishable(locked)
            locked.published_by = user
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_by", "published_at"])
    except IntegrityError as error:
        raise PublishRefused(
            "A pack for this version of the month's record was published a moment ago."
        ) from error
    return locked


def refuse_unless_publishable(pack_pdf: PackPdf) -> None:
    if pack_pdf.is_published:
        raise PublishRefused("This PDF is already published.")
    if pack_pdf.state != State.READY:
        raise PublishRefused("Only a finished PDF can be published.")
    if pack_pdf.latest:
        raise PublishRefused(
            "This PDF has the latest figures, revisions included, not the figures as "
            "reported: publish a PDF made as reported."
        )
    if pack_pdf.record_id is None:
        raise PublishRefused(
            f"{pack_pdf.month:%B %Y} was not closed when this PDF was made: a draft cannot "
            "be published. Close the month, then make and publish a PDF as reported."
        )
    record = ReportedUnit.objects.get(pk=pack_pdf.record_id)
    if not record.is_current:
        raise PublishRefused(
            f"{pack_pdf.month:%B %Y} was reopened after this PDF was made, so it is not the "
            "record as it stands. Make a new PDF and publish that."
        )
    already = (
        PackPdf.objects.filter(record_id=pack_pdf.record_id, published_at__isnull=False)
        .select_related("published_by")
        .first()
    )
    if already is not None:
        raise PublishRefused(
            f"Version {record.version} of {pack_pdf.month:%B %Y} already has a published pack, "
            f"published on {timezone.localdate(already.published_at):%-d %B %Y}."
        )


def published_packs(unit, month: date):
    """The unit's published packs of the month, newest first (one per record version)."""
    return (
        PackPdf.objects.filter(unit=unit, month=month, published_at__isnull=False)
        .select_related("record", "published_by")
        .defer("content")
        .order_by("-published_at")
    )


def published_before(unit, month: date, limit: int = 12):
    """The unit's packs published for other months, newest month first: where past packs are."""
    return (
        PackPdf.objects.filter(unit=unit, published_at__isnull=False)
        .exclude(month=month)
        .select_related("record")
        .defer("content")
        .order_by("-month", "-published_at")[:limit]
    )


def recent_pdfs(unit, month: date, user, limit: int = 5):
    """The user's latest renders of the unit's pack for the month, not yet published."""
    return (
        PackPdf.objects.filter(
            unit=unit, month=month, requested_by=user, published_at__isnull=True
        )
        .defer("content")
        .order_by("-requested_at", "-pk")[:limit]
    )


def published_for(pack_pdf: PackPdf) -> PackPdf | None:
    """The PDF published for the same version of the record as `pack_pdf`, if any."""
    if pack_pdf.record_id is None:
        return None
    return (
        PackPdf.objects.filter(record_id=pack_pdf.record_id, published_at__isnull=False)
        .defer("content")
        .first()
    )
