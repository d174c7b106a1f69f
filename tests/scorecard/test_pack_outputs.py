"""The board pack taken away: its PDF, made in the background and published once per
version of a closed month, the `board_pack` command, and its tables as a workbook.

Printing needs Chromium: the tests that print are marked `browser`; the rest
set up a PackPdf's state themselves.
"""

import hashlib
import io
import re
from unittest import mock

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cycle.models import ReportedUnit
from measures.models import ExceptionReport
from organisations.models import OrganisationUnit
from scorecard.closing.services import close_month, reopen_month
from scorecard.models import PackPdf
from scorecard.pack import pdf
from scorecard.pack.pdf import footer_html, render_pack
from scorecard.pack.services import request_pdf
from scorecard.pack.tasks import make_pack_pdf
from tests.scorecard.dashboard_data import AS_AT

GS = "general-surgery"
State = PackPdf.State


def make_pdf_url(slug=GS):
    return reverse("pack:make_pdf", args=[slug])


def ready_pdf(unit, *, record=None, content=b"%PDF-1.7 pack"):
    return PackPdf.objects.create(
        unit=unit,
        month=AS_AT,
        record=record,
        state=State.READY,
        content=content,
        sha256="a" * 64,
        pages=3,
    )


def closed_record(units, performance_lead):
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    return ReportedUnit.objects.get(unit=units["NHT-SURG-GS"], month=AS_AT, reopened=None)


# Asking for a PDF.


def test_asking_for_a_pdf_queues_one_task_and_a_second_click_waits_for_it(
    client, pack_card, analyst
):
    client.force_login(analyst)

    first = client.post(make_pdf_url(), {"as_at": f"{AS_AT:%Y-%m}"})
    second = client.post(make_pdf_url(), {"as_at": f"{AS_AT:%Y-%m}"})

    (pack_pdf,) = PackPdf.objects.all()
    assert first["Location"] == second["Location"] == reverse("pack:pdf", args=[GS, pack_pdf.pk])
    assert (pack_pdf.month, pack_pdf.state, pack_pdf.requested_by) == (AS_AT, "queued", analyst)
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "scorecard.pack.tasks.make_pack_pdf"
    assert task.args_kwargs == {"args": [pack_pdf.pk], "kwargs": {}}


def test_a_month_not_over_is_refused_with_the_reason(client, pack_card, analyst):
    client.force_login(analyst)

    response = client.post(make_pdf_url(), {"as_at": "2099-01"}, follow=True)

    assert "January 2099 is in the future" in response.content.decode()
    assert not PackPdf.objects.exists()


def test_the_progress_page_says_it_is_waiting_and_offers_a_link_to_look_again(
    client, pack_card, analyst
):
    client.force_login(analyst)
    client.post(make_pdf_url(), {"as_at": f"{AS_AT:%Y-%m}"})
    pack_pdf = PackPdf.objects.get()

    text = " ".join(
        client.get(reverse("pack:pdf", args=[GS, pack_pdf.pk])).content.decode().split()
    )

    assert "Waiting to start" in text
    assert 'data-finished="false"' in text
    assert "Check again" in text
    assert "js/pack-status.js" in text


def test_a_ready_pdf_is_offered_and_served_as_a_file_named_for_its_unit_and_month(
    client, pack_card, analyst, units
):
    pack_pdf = ready_pdf(units["NHT-SURG-GS"])
    client.force_login(analyst)

    page = client.get(reverse("pack:pdf", args=[GS, pack_pdf.pk])).content.decode()
    response = client.get(reverse("pack:pdf_file", args=[GS, pack_pdf.pk]))

    assert "Download the PDF" in page
    assert "DRAFT" in page
    assert "Publish this PDF" not in page
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 pack"
    assert 'filename="NHT-SURG-GS-2026-09-board-pack-DRAFT.pdf"' in response["Content-Disposition"]
    assert response["ETag"] == f'"{"a" * 64}"'


def test_a_pdf_not_ready_has_no_file(client, pack_card, analyst, units):
    pack_pdf = PackPdf.objects.create(unit=units["NHT-SURG-GS"], month=AS_AT)
    client.force_login(analyst)

    assert client.get(reverse("pack:pdf_file", args=[GS, pack_pdf.pk])).status_code == 404


def test_a_render_that_fails_says_why_and_offers_to_try_again(
    client, pack_card, analyst, units, settings
):
    settings.CHROMIUM_PATH = "/no/such/chromium"
    pack_pdf = PackPdf.objects.create(unit=units["NHT-SURG-GS"], month=AS_AT, requested_by=analyst)

    assert make_pack_pdf.call(pack_pdf.pk) == "failed"

    pack_pdf.refresh_from_db()
    assert pack_pdf.state == "failed"
    assert pack_pdf.error.startswith("Chromium could not print the pack:")
    assert pack_pdf.finished_at is not None
    client.force_login(analyst)
    text = client.get(reverse("pack:pdf", args=[GS, pack_pdf.pk])).content.decode()
    assert "The PDF could not be made" in text
    assert "Try again" in text


def test_a_failed_pdf_is_tried_again_as_a_new_request(client, pack_card, analyst, units):
    failed = PackPdf.objects.create(
        unit=units["NHT-SURG-GS"],
        month=AS_AT,
        requested_by=analyst,
        state=State.FAILED,
        error="Chromium could not print the pack: timed out",
    )
    client.force_login(analyst)

    response = client.post(make_pdf_url(), {"as_at": f"{AS_AT:%Y-%m}"})

    again = PackPdf.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == reverse("pack:pdf", args=[GS, again.pk])
    assert again.state == "queued"
    assert DBTaskResult.objects.get().args_kwargs["args"] == [again.pk]
    # The failure stays on record, as it was.
    assert PackPdf.objects.get(pk=failed.pk).error.endswith("timed out")


def test_a_task_run_twice_prints_once(pack_card, units):
    pack_pdf = ready_pdf(units["NHT-SURG-GS"])

    assert make_pack_pdf.call(pack_pdf.pk) == "not queued"

    pack_pdf.refresh_from_db()
    assert bytes(pack_pdf.content) == b"%PDF-1.7 pack"


def test_the_footer_names_the_unit_month_and_official_and_escapes_the_name(units):
    unit = units["NHT-SURG-GS"]
    unit.name = "General <Surgery>"

    footer = footer_html(unit, AS_AT, draft=True)

    assert "OFFICIAL · General &lt;Surgery&gt; · September 2026 · DRAFT" in footer
    assert '<span class="pageNumber"></span> of <span class="totalPages"></span>' in footer


# Publishing.


CHECKED = {"checked": "on"}


def publish_url(pack_pdf, slug=GS):
    return reverse("pack:publish_pdf", args=[slug, pack_pdf.pk])


def test_the_units_lead_publishes_a_closed_months_pdf_once(
    client, pack_card, department_manager, performance_lead, units
):
    record = closed_record(units, performance_lead)
    pack_pdf = ready_pdf(units["NHT-SURG-GS"], record=record)
    another = ready_pdf(units["NHT-SURG-GS"], record=record, content=b"%PDF-1.7 again")
    client.force_login(department_manager)

    client.post(publish_url(pack_pdf), CHECKED)
    refused = client.post(publish_url(another), CHECKED, follow=True).content.decode()

    pack_pdf.refresh_from_db()
    assert (pack_pdf.published_by, pack_pdf.is_published) == (department_manager, True)
    assert "Version 1 of September 2026 already has a published pack" in refused
    assert not PackPdf.objects.get(pk=another.pk).is_published
    # The copy's page says so, and offers no publishing that would be refused.
    copy_page = client.get(reverse("pack:pdf", args=[GS, another.pk])).content.decode()
    assert "already has <a" in copy_page
    assert "Publish this PDF" not in copy_page
    pack_page = client.get(reverse("pack:pack", args=[GS]) + "?as_at=2026-09").content.decode()
    assert "Published PDF of version 1" in pack_page
    # From another month's pack, the published ones are a click away.
    other_month = client.get(reverse("pack:pack", args=[GS]) + "?as_at=2026-08").content
    assert "September 2026, version 1</a>, published on" in other_month.decode()


def test_a_draft_is_never_published(client, pack_card, department_manager, units):
    pack_pdf = ready_pdf(units["NHT-SURG-GS"])
    client.force_login(department_manager)

    response = client.post(publish_url(pack_pdf), CHECKED, follow=True)

    assert "cannot be published" in response.content.decode()
    assert not PackPdf.objects.filter(published_at__isnull=False).exists()


def test_a_pdf_of_a_record_since_reopened_is_not_published(
    client, pack_card, department_manager, performance_lead, units
):
    record = closed_record(units, performance_lead)
    pack_pdf = ready_pdf(units["NHT-SURG-GS"], record=record)
    reopen_month(unit=units["NHT"], month=AS_AT, user=performance_lead, reason="RTT resubmitted")
    client.force_login(department_manager)

    response = client.post(publish_url(pack_pdf), CHECKED, follow=True)

    assert "was reopened after this PDF was made" in response.content.decode()
    assert not PackPdf.objects.filter(published_at__isnull=False).exists()


def test_a_later_version_of_the_month_is_published_separately(
    client, pack_card, department_manager, performance_lead, units
):
    first = ready_pdf(units["NHT-SURG-GS"], record=closed_record(units, performance_lead))
    client.force_login(department_manager)
    client.post(publish_url(first), CHECKED)
    reopen_month(unit=units["NHT"], month=AS_AT, user=performance_lead, reason="RTT resubmitted")
    second = ready_pdf(units["NHT-SURG-GS"], record=closed_record(units, performance_lead))

    client.post(publish_url(second), CHECKED)

    published = PackPdf.objects.filter(published_at__isnull=False).order_by("pk")
    assert [p.record.version for p in published] == [1, 2]
    # The first is still served as it was.
    response = client.get(reverse("pack:pdf_file", args=[GS, first.pk]))
    assert response.content == b"%PDF-1.7 pack"


def test_an_analyst_cannot_publish_and_a_performance_lead_can(
    client, pack_card, analyst, performance_lead, units
):
    pack_pdf = ready_pdf(units["NHT-SURG-GS"], record=closed_record(units, performance_lead))
    client.force_login(analyst)

    assert client.post(publish_url(pack_pdf), CHECKED).status_code == 403

    client.force_login(performance_lead)
    client.post(publish_url(pack_pdf), CHECKED)
    assert PackPdf.objects.get(pk=pack_pdf.pk).published_by == performance_lead


# The printed pack, by Chromium.


@pytest.mark.browser
def test_a_closed_month_prints_as_reported_on_a4_pages(pack_card, performance_lead, units):
    record = closed_record(units, performance_lead)
    pack_pdf = PackPdf.objects.create(
        unit=units["NHT-SURG-GS"], month=AS_AT, requested_by=performance_lead
    )

    assert make_pack_pdf.call(pack_pdf.pk) == "ready"

    pack_pdf.refresh_from_db()
    content = bytes(pack_pdf.content)
    assert content.startswith(b"%PDF-")
    assert pack_pdf.record == record
    assert pack_pdf.pages >= 2
    assert pack_pdf.sha256 == hashlib.sha256(content).hexdigest()
    # Every page is A4 portrait: 210 x 297 mm is 595 x 842 points.
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", content)
    assert sizes
    assert {(int(float(w)) // 5, int(float(h)) // 5) for w, h in sizes} == {(119, 168)}


@pytest.mark.browser
def test_a_render_that_times_out_fails_with_the_reason(pack_card, analyst, units, settings):
    """The charts never drawn (plotly.js not served), the render gives up at the timeout."""
    settings.PACK_RENDER_TIMEOUT = 1
    real_static_file = pdf.static_file
    pack_pdf = PackPdf.objects.create(unit=units["NHT-SURG-GS"], month=AS_AT, requested_by=analyst)

    with mock.patch.object(
        pdf, "static_file", lambda path: None if "plotly" in path else real_static_file(path)
    ):
        assert make_pack_pdf.call(pack_pdf.pk) == "failed"

    pack_pdf.refresh_from_db()
    assert pack_pdf.error.startswith("Chromium could not print the pack: ")
    assert "Timeout" in pack_pdf.error
    assert pack_pdf.content is None
    assert not pack_pdf.is_published


@pytest.mark.browser
def test_an_open_month_prints_a_draft_with_its_charts(pack_card, units, tmp_path):
    out = tmp_path / "pack.pdf"

    call_command("board_pack", "NHT-SURG-GS", "2026-09", "--out", str(out))

    content = out.read_bytes()
    assert content.startswith(b"%PDF-")
    rendered = render_pack(units["NHT-SURG-GS"], AS_AT)
    assert rendered.draft
    assert rendered.record_id is None


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["NOPE", "2026-09"], "No unit has the code 'NOPE'."),
        (["NHT-SURG-GS", "2026-13"], "Give the month as YYYY-MM"),
        (["NHT-SURG-GS", "2099-01"], "is not over yet"),
        (["NHT-MED", "2026-09"], "Medicine has no scorecard, so no pack."),
    ],
)
def test_the_command_refuses_what_it_cannot_print_with_the_reason(
    pack_card, tmp_path, arguments, message
):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("board_pack", *arguments, "--out", str(tmp_path / "pack.pdf"))
    assert not (tmp_path / "pack.pdf").exists()


def test_the_command_refuses_a_folder_that_does_not_exist(pack_card, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("board_pack", "NHT-SURG-GS", "2026-09", "--out", str(tmp_path / "no/p.pdf"))


# The workbook.


def workbook_of(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_workbook_has_each_measures_figures_and_its_exception_report(
    client, pack_card, analyst
):
    ExceptionReport.objects.filter(measure__code="RTT18").update(
        root_cause='=HYPERLINK("http://evil")'
    )
    client.force_login(analyst)

    response = client.get(reverse("pack:workbook", args=[GS]) + "?as_at=2026-09")

    assert (
        'filename="NHT-SURG-GS-2026-09-board-pack-DRAFT.xlsx"' in response["Content-Disposition"]
    )
    book = workbook_of(response)
    rows = list(book["Measures"].iter_rows(values_only=True))
    header, by_code = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert header[:7] == (
        "Perspective",
        "Code",
        "Measure",
        "Unit of measure",
        "Period",
        "Value",
        "Target",
    )
    rtt = by_code["RTT18"]
    assert (rtt["Value"], rtt["Target"], rtt["Period before"], rtt["Change"]) == (58, 92, 71, -13)
    assert rtt["Status"] == "Off target"
    assert rtt["Action required"] == "Yes"
    assert rtt["Exception report: what happened"] == "Waits rose as lists were cancelled."
    # Text that looks like a formula stays text.
    cell = next(
        c for row in book["Measures"] for c in row if c.value == '=HYPERLINK("http://evil")'
    )
    assert cell.data_type == "s"
    assert by_code["NEVER"]["Action required"] == "No"
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert actions[1][:3] == ("RTT18", "Waits under 18 weeks", "Book weekend lists")
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Figures"].startswith("DRAFT: ")


def test_a_closed_months_workbook_is_as_reported(
    client, pack_card, analyst, performance_lead, units
):
    closed_record(units, performance_lead)
    client.force_login(analyst)

    response = client.get(reverse("pack:workbook", args=[GS]) + "?as_at=2026-09")

    assert 'filename="NHT-SURG-GS-2026-09-board-pack.xlsx"' in response["Content-Disposition"]
    about = dict(workbook_of(response)["About"].iter_rows(values_only=True))
    assert about["Figures"].startswith("as reported")


def test_a_closed_month_with_its_latest_figures_is_neither_draft_nor_as_reported(
    client, pack_card, analyst, performance_lead, units
):
    closed_record(units, performance_lead)
    client.force_login(analyst)
    query = "?as_at=2026-09&figures=latest"

    text = " ".join(client.get(reverse("pack:pack", args=[GS]) + query).content.decode().split())
    response = client.get(reverse("pack:workbook", args=[GS]) + query)

    assert "Latest figures</strong> September 2026 was closed on" in text
    assert "DRAFT" not in text
    assert "board-pack-latest.xlsx" in response["Content-Disposition"]
    about = dict(workbook_of(response)["About"].iter_rows(values_only=True))
    assert about["Figures"] == "latest, including revisions"
    assert "Latest figures, not as reported" in footer_html(
        units["NHT-SURG-GS"], AS_AT, latest=True
    )


def test_a_workbook_of_a_wrong_month_is_refused_with_the_reason(client, pack_card, analyst):
    client.force_login(analyst)

    response = client.get(reverse("pack:workbook", args=[GS]) + "?as_at=2099-01")

    assert response.status_code == 400
    assert "January 2099 is in the future" in response.content.decode()


# Asking at once.


def ask_as(unit_pk, user_pk):
    try:
        request_pdf(OrganisationUnit.objects.get(pk=unit_pk), AS_AT, User.objects.get(pk=user_pk))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seeded_frameworks")
def test_the_same_pack_asked_for_at_once_is_printed_once(units, analyst):
    from concurrent.futures import ThreadPoolExecutor

    unit = units["NHT-SURG-GS"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        for job in [pool.submit(ask_as, unit.pk, analyst.pk) for _ in range(6)]:
            job.result()

    assert PackPdf.objects.filter(unit=unit).count() == 1
    assert DBTaskResult.objects.count() == 1


def test_publishing_asks_the_person_to_say_they_have_read_the_pdf(
    client, pack_card, department_manager, performance_lead, units
):
    pack_pdf = ready_pdf(units["NHT-SURG-GS"], record=closed_record(units, performance_lead))
    client.force_login(department_manager)

    page = client.get(reverse("pack:pdf", args=[GS, pack_pdf.pk])).content.decode()
    response = client.post(publish_url(pack_pdf))

    assert "The cover is not written" in page
    assert "Write the cover</a>, then make a new PDF" in page
    text = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Tick the box to say you have read the PDF" in text
    assert 'class="nhsuk-form-group nhsuk-form-group--error"' in text
    assert not PackPdf.objects.get(pk=pack_pdf.pk).is_published


def test_the_pdf_finds_static_files_by_name_and_refuses_others():
    assert pdf.static_file("/static/css/scorecard.css").name == "scorecard.css"
    assert pdf.static_file("/static/vendor/plotly/plotly.min.js").name == "plotly.min.js"
    # A name with a hash in it exists only once collected; none is, here.
    assert pdf.static_file("/static/css/scorecard.0123456789ab.css") is None
    assert pdf.static_file("/static/../manage.py") is None


@pytest.mark.browser
def test_a_pack_prints_with_productions_collected_static_files(
    pack_card, units, settings, tmp_path
):
    """With DEBUG off the page names its files with a hash in them, found only once
    collected: the PDF reads them from there, charts and styles included."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    page_html, _ = pdf.pack_html(units["NHT-SURG-GS"], AS_AT)
    rendered = render_pack(units["NHT-SURG-GS"], AS_AT)

    hashed = re.search(r"/static/(css/scorecard\.[0-9a-f]{12}\.css)", page_html)
    assert hashed
    assert pdf.static_file(f"/static/{hashed.group(1)}") == tmp_path / hashed.group(1)
    assert rendered.content.startswith(b"%PDF-")
