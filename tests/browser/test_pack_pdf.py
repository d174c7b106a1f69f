"""A pack's PDF asked for in the browser: the page waits, then offers the file when the
worker has made it, saying so in its live region."""

import threading

from django.db import connection
from playwright.sync_api import expect

from organisations.models import Role
from scorecard.models import PackPdf
from scorecard.pack.tasks import make_pack_pdf
from tests.browser.conftest import log_in
from tests.factories import grant, make_unit, make_user
from tests.scorecard.dashboard_data import scored


def run_the_worker_once():
    """What db_worker does with the queued task, in a thread of its own: the test's
    thread runs Playwright's event loop, and the render drives a Chromium of its own."""

    def work():
        try:
            make_pack_pdf.call(PackPdf.objects.get().pk)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    return worker


def test_a_pdf_asked_for_is_offered_when_the_worker_has_made_it(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    scored(trust, 62)
    grant(make_user("dana"), trust, Role.ANALYST)
    log_in(page, "dana", "correct-horse-battery")
    page.goto(f"/units/{trust.slug}/pack/?as_at=2026-09")

    page.get_by_role("button", name="Make a PDF (DRAFT)").click()

    status = page.locator("#pdf-status")
    expect(status).to_contain_text("Waiting to start")
    expect(status).to_have_attribute("aria-live", "polite")
    # The script looks again by itself: no "Check again" link to follow.
    expect(page.get_by_role("link", name="Check again")).to_be_hidden()
    worker = run_the_worker_once()
    expect(status).to_contain_text("Ready", timeout=60_000)
    worker.join()
    link = page.get_by_role("link", name="Download the PDF")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "NHT-2026-09-board-pack-DRAFT.pdf"
