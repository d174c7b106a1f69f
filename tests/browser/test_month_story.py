"""A month from entry to close: two managers enter it, the performance lead chases it,
one submits, the lead closes it, a manager corrects a value, and the dashboard still
shows what was reported, with the revision beside it."""

from decimal import Decimal as D

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cycle.models import ReportedMeasure, Submission
from measures.models import Observation
from organisations.models import Role
from scorecard.lib import periods
from tests.browser.conftest import log_in
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
    make_user,
)
from tests.scorecard.dashboard_data import fill

PASSWORD = "correct-horse-battery"


def typed_measure(unit, code, title):
    measure = make_measure(
        make_objective(make_scorecard(unit), "C1", "Customer"), code, unit="%", title=title
    )
    make_target(measure, value="60", tolerance=D(5))
    return measure


def enter(page, unit_slug, month, measure, value):
    page.goto(reverse("measures:entry", args=[unit_slug, month]))
    page.locator(f"#measure-{measure.pk}").get_by_label("Value (%)").fill(value)
    page.get_by_role("button", name="Save values").click()
    expect(page.get_by_text("Saved 1 value")).to_be_visible()


def test_a_month_is_entered_chased_submitted_closed_and_corrected(
    page, units, department_manager, performance_lead, settings
):
    # Values due 25 working days after a month ends: the latest month's are still due,
    # whatever day the test runs, so the lead closes it early, as the page lets them.
    settings.REPORTING_WORKING_DAYS = 25
    month = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    before = periods.add_periods(month, periods.MONTHLY, -1)
    surgery = typed_measure(units["NHT-SURG-GS"], "RTT18", "Within 18 weeks")
    theatres = typed_measure(units["NHT-SURG-TH"], "UTIL", "Theatre utilisation")
    fill(surgery, [61, 62, 63, 62, 61, 62], end=before)
    fill(theatres, [80, 81, 79, 80, 82, 81], end=before)
    theatres_manager = make_user("tess")
    grant(theatres_manager, units["NHT-SURG-TH"], Role.MANAGER)

    # Two managers enter their units' values for the month.
    log_in(page, "charlie", PASSWORD)
    enter(page, "general-surgery", month, surgery, "62.7")
    page.get_by_role("button", name="Log out").click()
    log_in(page, "tess", PASSWORD)
    enter(page, "theatres", month, theatres, "83")
    page.get_by_role("button", name="Log out").click()

    # The performance lead chases: both complete, neither submitted.
    log_in(page, "paula", PASSWORD)
    page.goto(reverse("dashboards:completion"))
    expect(page.get_by_role("row", name="General Surgery")).to_contain_text(
        "Complete, not submitted"
    )
    page.get_by_role("button", name="Log out").click()

    # General Surgery's manager submits the month.
    log_in(page, "charlie", PASSWORD)
    page.goto(reverse("cycle:submit", args=["general-surgery", month]))
    page.get_by_role("button", name="as complete and checked").click()
    expect(page.get_by_text("submitted as complete and checked")).to_be_visible()
    assert Submission.objects.filter(unit=units["NHT-SURG-GS"], month=month).exists()
    page.get_by_role("button", name="Log out").click()

    # The lead sees it submitted, and closes the month for the trust.
    log_in(page, "paula", PASSWORD)
    page.goto(reverse("dashboards:completion"))
    expect(page.get_by_role("row", name="General Surgery")).to_contain_text("Submitted")
    page.goto(reverse("closing:close", args=[units["NHT"].slug]) + f"?month={month:%Y-%m}")
    expect(page.get_by_text("Closing now freezes the record without them")).to_be_visible()
    page.get_by_label("Close it before the due date").check()
    page.get_by_role("button", name=f"Close {month:%B %Y} for").click()
    expect(page.get_by_text("reported record is frozen")).to_be_visible()
    dashboard = reverse("dashboards:unit", args=["general-surgery"]) + f"?as_at={month:%Y-%m}"
    page.goto(dashboard)
    expect(page.get_by_text("(closed)").first).to_be_visible()
    row = page.get_by_role("row", name="RTT18")
    expect(row).to_contain_text("62.7%")
    reported_text = row.inner_text()
    page.get_by_role("button", name="Log out").click()

    # The manager corrects the value: refused without a reason, saved with one.
    log_in(page, "charlie", PASSWORD)
    page.goto(reverse("measures:entry", args=["general-surgery", month]))
    expect(page.get_by_text("is closed: reported 62.7%")).to_be_visible()
    page.locator(f"#measure-{surgery.pk}").get_by_label("Value (%)").fill("61.7")
    page.get_by_role("button", name="Save values").click()
    expect(page.get_by_role("alert")).to_contain_text("reason")
    expect(page.locator(f"#measure-{surgery.pk}").get_by_label("Value (%)")).to_have_value("61.7")
    page.get_by_label("Reason for the correction").fill("Two patients counted twice")
    page.get_by_role("button", name="Save values").click()
    expect(page.get_by_text("Saved 1 value")).to_be_visible()
    assert Observation.objects.get(measure=surgery, period=month).value == D("61.7")

    # The dashboard as reported is unchanged, and says what was revised, by whom and why.
    page.goto(dashboard)
    row = page.get_by_role("row", name="RTT18").first
    expect(row).to_contain_text("62.7%")
    # Every figure of the row as reported before the correction, now marked as revised.
    assert row.inner_text().replace("\nrevised since", "") == reported_text
    revision = page.get_by_text("Revised since reported")
    expect(revision).to_contain_text("was 62.7%, now 61.7%")
    expect(revision).to_contain_text("because: Two patients counted twice")
    page.screenshot(path="/tmp/month-story-reported.png", full_page=True)
    assert ReportedMeasure.objects.get(measure=surgery).value == D("62.7")

    # The latest figures are a click away.
    page.get_by_role("link", name="Show the latest figures, including revisions").first.click()
    expect(page.get_by_role("row", name="RTT18").first).to_contain_text("61.7%")
