"""A department manager enters a month of values, makes two mistakes and fixes them."""

from playwright.sync_api import expect

from measures.models import Observation
from tests.browser.conftest import log_in
from tests.measures.entry_setup import build_surgical

PASSWORD = "correct-horse-battery"


def test_a_manager_enters_a_month_with_two_mistakes_sees_both_and_fixes_them(
    page, units, department_manager
):
    surgical = build_surgical(units)
    log_in(page, "charlie", PASSWORD)

    updates = page.get_by_role("region", name="My updates")
    updates.get_by_role("link", name="LOS Measure LOS").click()
    expect(page.get_by_role("heading", name="Enter values for")).to_be_visible()

    rtt = page.locator(f"#measure-{surgical.rtt.pk}")
    rtt.get_by_label("Waiting under 18 weeks").fill("1,200")
    rtt.get_by_label("All waiting").fill("1,000")
    page.locator(f"#measure-{surgical.los.pk}").get_by_label("Value (days)").fill("4,5")
    page.locator(f"#measure-{surgical.never.pk}").get_by_label("Value (count)").fill("0")
    page.get_by_role("button", name="Save values").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(rtt).to_contain_text("cannot be greater than the denominator")
    expect(page.locator(f"#measure-{surgical.los.pk}")).to_contain_text("“4,5” is ambiguous")
    # What was typed is still there, the good value too.
    expect(rtt.get_by_label("Waiting under 18 weeks")).to_have_value("1,200")
    expect(
        page.locator(f"#measure-{surgical.never.pk}").get_by_label("Value (count)")
    ).to_have_value("0")
    assert not Observation.objects.exists()

    # The error summary's link takes the keyboard to the field.
    summary.get_by_role("link", name="“4,5” is ambiguous").click()
    expect(
        page.locator(f"#measure-{surgical.los.pk}").get_by_label("Value (days)")
    ).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("4.5")
    rtt.get_by_label("Waiting under 18 weeks").fill("950")
    page.get_by_role("button", name="Save values").click()

    expect(page.get_by_text("Saved 3 values")).to_be_visible()
    expect(rtt).to_contain_text("On target")
    saved = Observation.objects.filter(measure__objective__scorecard__unit=units["NHT-SURG-GS"])
    assert sorted((o.measure.code, str(o.value.normalize())) for o in saved) == [
        ("LOS", "4.5"),
        ("NEVER", "0"),
        ("RTT18", "95"),
    ]


def test_the_analyst_cannot_enter_values(page, guard, units, analyst):
    surgical = build_surgical(units)
    log_in(page, "dana", PASSWORD)
    entry = f"/units/general-surgery/values/{surgical.month:%Y-%m}/"
    guard.expect_status(403, entry)
    page.goto(entry)
    expect(page.get_by_role("heading", name="You cannot do that here")).to_be_visible()
    page.goto("/units/general-surgery/")
    expect(page.get_by_role("link", name="Enter values")).to_have_count(0)


def test_a_manager_imports_a_spreadsheet_with_errors_fixes_it_and_imports_again(
    page, units, department_manager, tmp_path
):
    surgical = build_surgical(units)
    month = f"{surgical.month:%Y-%m}"
    wrong = tmp_path / "october.csv"
    wrong.write_text(
        "unit,measure,period,value,numerator,denominator,comment\r\n"
        f"NHT-SURG-GS,LOS,{month}-15,4.5,,,\r\n"
        f"NHT-SURG-GS,RTT18,{month},,1200,1000,\r\n"
        f"NHT-SURG-GS,NEVER,{month},0,,,\r\n",
        encoding="utf-8-sig",
    )
    log_in(page, "charlie", PASSWORD)
    page.goto("/units/general-surgery/")
    page.get_by_role("link", name="Import values from a spreadsheet").click()
    page.get_by_label("Spreadsheet to import").set_input_files(wrong)
    page.get_by_role("button", name="Import the values").click()

    expect(
        page.get_by_role("heading", name="There is a problem: nothing was imported")
    ).to_be_visible()
    problems = page.get_by_role("table").filter(has_text="What is wrong")
    expect(problems.get_by_role("row")).to_have_count(3)  # the header and two problems
    expect(problems).to_contain_text("is not the start of a monthly period")
    expect(problems).to_contain_text("cannot be greater than the denominator")
    assert not Observation.objects.exists()

    fixed = tmp_path / "october-fixed.csv"
    fixed.write_text(
        wrong.read_text(encoding="utf-8-sig")
        .replace(f"{month}-15", month)
        .replace("1200,1000", "950,1000"),
        encoding="utf-8-sig",
    )
    page.get_by_label("Spreadsheet to import").set_input_files(fixed)
    page.get_by_role("button", name="Import the values").click()
    expect(page.get_by_text("3 created, 0 updated")).to_be_visible()
    assert Observation.objects.filter(measure__in=[surgical.los, surgical.rtt]).count() == 2


def test_a_manager_restores_a_value_past_its_trigger_and_is_asked_for_a_comment(
    page, units, department_manager
):
    from decimal import Decimal

    from measures.recording import Change, record
    from measures.values import MeasuredValue

    surgical = build_surgical(units)
    month = surgical.month
    # An import wrote 6.5 days, past the 6-day trigger, with no comment; then a recount.
    record(
        [Change(surgical.los, month, MeasuredValue(Decimal("6.5")), "")], None, reason="Imported"
    )
    record(
        [Change(surgical.los, month, MeasuredValue(Decimal(5)), "Recount", opened_version=1)], None
    )
    log_in(page, "charlie", PASSWORD)
    page.goto(surgical.los.get_absolute_url() + "#history")

    page.get_by_role("link", name="Restore this value").first.click()
    expect(page.get_by_role("heading", name="Restore the value of")).to_be_visible()
    page.get_by_label("Why are you restoring this value?").fill("The recount was of October")
    page.get_by_role("button", name="Restore this value").click()

    summary = page.get_by_role("alert")
    message = "This value is past the action trigger: say what is being done about it."
    expect(summary).to_contain_text(message)
    summary.get_by_role("link", name=message).click()
    comment = page.get_by_label("Comment")
    expect(comment).to_be_focused()
    # What was typed is kept.
    expect(page.get_by_label("Why are you restoring this value?")).to_have_value(
        "The recount was of October"
    )
    comment.fill("Discharge team reviewing every stay over 6 days")
    page.get_by_role("button", name="Restore this value").click()

    expect(page.get_by_text("Restored the value of LOS")).to_be_visible()
    restored = Observation.objects.get(measure=surgical.los, period=month)
    assert (restored.value, restored.comment) == (
        Decimal("6.5"),
        "Discharge team reviewing every stay over 6 days",
    )
