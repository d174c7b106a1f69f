"""The board pack as a PDF: the pack's page printed by headless Chromium (docs/board-pack.md).

Chromium draws the charts with the same plotly.js as the screen and keeps them
as vectors, and prints with the same print style sheet, so the paper and the
page never disagree. It is given the page's HTML and the app's static files
from disk; every other request is refused, so a render needs no web server
and reaches no network.
"""

import hashlib
import html
import mimetypes
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.urls import reverse

from measures.known import LATEST, closed_on, figures_for
from scorecard.dashboards.dashboard import shown
from scorecard.models import Scorecard
from scorecard.pack.selectors import build_pack

# A4's width less the print style sheet's side margins (12 mm each), in CSS
# pixels: the charts are drawn to the width they are printed at, not cut off.
PRINTED_WIDTH_PX = round((210 - 24) / 25.4 * 96)
# The number of pages, from the page objects a PDF writer leaves uncompressed.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")


class PackRenderError(Exception):
    """Why a pack could not be made, in words for the person who asked."""


@dataclass(frozen=True)
class RenderedPack:
    content: bytes
    pages: int
    draft: bool
    record_id: int | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def pack_html(unit, month: date, *, latest: bool = False):
    """(The pack's printable HTML for `unit` and `month`, its Pack): the page's own sections,
    without the site's header, navigation and controls."""
    scorecard = Scorecard.objects.filter(unit=unit).select_related("framework").first()
    if scorecard is None:
        raise PackRenderError(f"{unit.name} has no scorecard, so no pack.")
    params = {"as_at": f"{month:%Y-%m}"} | ({"figures": LATEST} if latest else {})
    figures = figures_for(unit, month, params, closed=closed_on(unit, month))
    the_pack = build_pack(
        unit,
        scorecard,
        month,
        known_at=figures.known_at,
        figures=shown(figures),
        closed_on=figures.closed_on,
    )
    context = {"unit": unit, "pack": the_pack, "figures": figures, "site_url": settings.SITE_URL}
    return render_to_string("scorecard/pack/pdf.html", context), the_pack


def footer_html(unit, month: date, *, draft: bool = False, latest: bool = False) -> str:
    """Chromium's page footer: OFFICIAL, the unit, the month, which figures, the page number."""
    which = "DRAFT: figures may change" if draft else "Latest figures, not as reported"
    words = " · ".join(
        part
        for part in (
            "OFFICIAL",
            html.escape(unit.name),
            f"{month:%B %Y}",
            which if draft or latest else "",
        )
        if part
    )
    return (
        '<div style="font-family: Arial, sans-serif; font-size: 8pt; width: 100%; '
        'margin: 0 12mm; display: flex; justify-content: space-between;">'
        f"<span>{words}</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
        "</div>"
    )


def static_file(url_path: str) -> Path | None:
    """The file on disk behind a static address: from the apps' own static folders, as
    the development server serves them, else from the collected files (production's
    names with a hash in them exist only there)."""
    name = unquote(url_path.removeprefix(urlsplit(settings.STATIC_URL).path.rstrip("/") + "/"))
    if not name or name.startswith(("/", "..")) or "/../" in name:
        return None
    found = finders.find(name)
    if isinstance(found, str):
        return Path(found)
    try:
        collected = Path(staticfiles_storage.path(name))
    except Exception:  # noqa: BLE001 (a name the storage refuses is simply not collected)
        return None
    return collected if collected.is_file() else None


def print_pdf(page_html: str, *, address: str, footer: str) -> tuple[bytes, int]:
    """(The PDF of `page_html`, as if served at `address`, its number of pages)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(address))
    static_path = urlsplit(settings.STATIC_URL).path
    if not static_path.startswith("/"):
        static_path = "/" + static_path

    def answer(route):
        url = urlsplit(route.request.url)
        if route.request.is_navigation_request():
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page_html)
            return
        found = (
            static_file(url.path)
            if f"{url.scheme}://{url.netloc}" == origin and url.path.startswith(static_path)
            else None
        )
        if found is None:
            route.abort()
            return
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        route.fulfill(status=200, content_type=content_type, body=found.read_bytes())

    timeout_ms = settings.PACK_RENDER_TIMEOUT * 1000
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=settings.CHROMIUM_PATH,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                timeout=timeout_ms,
            )
            try:
                page = browser.new_page(viewport={"width": PRINTED_WIDTH_PX, "height": 1100})
                page.set_default_timeout(timeout_ms)
                page.route("**/*", answer)
                page.goto(address, wait_until="load")
                # Every chart drawn before printing: plotly.js adds its SVG to each.
                page.wait_for_function(
                    "[...document.querySelectorAll('[data-figure]')]"
                    ".every(element => element.querySelector('svg.main-svg'))"
                )
                content = page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=footer,
                    margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                    outline=True,
                    tagged=True,
                )
            finally:
                browser.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise PackRenderError(f"Chromium could not print the pack: {first_line}") from error
    return content, len(PAGE_OBJECT.findall(content))


def render_pack(unit, month: date, *, latest: bool = False) -> RenderedPack:
    """The PDF of `unit`'s pack for `month`: as reported when the month is closed (unless
    `latest`), else a DRAFT of the figures as known. The same for whoever asks."""
    page_html, the_pack = pack_html(unit, month, latest=latest)
    address = settings.SITE_URL + reverse("pack:pack", args=[unit.slug])
    footer = footer_html(unit, month, draft=the_pack.draft, latest=the_pack.latest_of_closed)
    content, pages = print_pdf(page_html, address=address, footer=footer)
    record = the_pack.dashboard.record
    return RenderedPack(
        content=content,
        pages=pages,
        draft=the_pack.draft,
        record_id=record.pk if record is not None and not latest else None,
    )
