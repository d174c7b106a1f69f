"""The board pack's PDF, made in the background by the task worker (`manage.py db_worker`).

Printing a pack takes seconds of a browser's time: never on a request's thread.
"""

import logging

from django.utils import timezone
from django_tasks import task

from scorecard.models import PackPdf
from scorecard.pack.pdf import PackRenderError, render_pack

logger = logging.getLogger(__name__)

State = PackPdf.State


@task()
def make_pack_pdf(pack_pdf_id: int) -> str:
    """Print the pack a PackPdf asks for and keep the file; returns the state it ends in.

    Claimed by one update, so a task run twice (a worker restarted mid-run)
    prints once; a render that fails says why on the pack's page.
    """
    claimed = PackPdf.objects.filter(pk=pack_pdf_id, state=State.QUEUED).update(
        state=State.RENDERING
    )
    if not claimed:
        return "not queued"
    pack_pdf = PackPdf.objects.select_related("unit").get(pk=pack_pdf_id)
    try:
        rendered = render_pack(pack_pdf.unit, pack_pdf.month, latest=pack_pdf.latest)
    except PackRenderError as error:
        fail(pack_pdf_id, str(error))
        return State.FAILED
    except Exception:
        logger.exception("The pack PDF %s failed", pack_pdf_id)
        fail(pack_pdf_id, "Something went wrong while making the PDF; the error is logged.")
        raise
    PackPdf.objects.filter(pk=pack_pdf_id).update(
        state=State.READY,
        content=rendered.content,
        sha256=rendered.sha256,
        pages=rendered.pages,
        record_id=rendered.record_id,
        finished_at=timezone.now(),
    )
    return State.READY


def fail(pack_pdf_id: int, error: str) -> None:
    PackPdf.objects.filter(pk=pack_pdf_id).update(
        state=State.FAILED, error=error, finished_at=timezone.now()
    )
