import pytest

from scorecard.builder import measure_sheet

COMPLETE = {
    "title": "Patients waiting under 18 weeks",
    "purpose": "Shows whether patients are treated within the constitutional standard",
    "relates_to": "C1",
    "formula": "Pathways under 18 weeks / all incomplete pathways x 100",
    "frequency": "monthly",
    "review_frequency": "monthly",
    "who_measures": "Information team",
    "data_source": "Patient administration system",
    "owner": "Service manager",
    "who_acts": "Directorate team",
    "action": "Book extra lists",
    "notes": "Reported nationally",
}


def test_a_complete_sheet_with_a_target_is_13_of_13():
    assert measure_sheet.completeness(COMPLETE, has_target=True) == (13, 13)
    assert measure_sheet.findings(COMPLETE, has_target=True) == []


def test_each_gap_is_named_in_words():
    values = {**COMPLETE, "formula": "", "owner": "  ", "action": None}

    assert measure_sheet.completeness(values, has_target=False) == (9, 13)
    assert measure_sheet.findings(values, has_target=False) == [
        "No formula: nobody can tell how the figure is calculated",
        "No owner: nobody is accountable for the measure",
        "No action: nothing says what happens when performance is unacceptable",
        "No target yet (stage 6)",
    ]


def test_a_very_short_purpose_is_weak():
    findings = measure_sheet.findings({**COMPLETE, "purpose": "Waits"}, has_target=True)

    assert findings == ["The purpose is very short: say why the measure matters"]


def test_optional_fields_count_towards_completeness_but_raise_no_finding():
    values = {**COMPLETE, "relates_to": "", "notes": ""}

    assert measure_sheet.completeness(values, has_target=True) == (11, 13)
    assert measure_sheet.findings(values, has_target=True) == []


def test_percentage():
    assert measure_sheet.percentage(9, 13) == 69
    assert measure_sheet.percentage(0, 0) == 0


@pytest.mark.parametrize(
    ("title", "chart", "suggested"),
    [
        ("Income and expenditure against plan, year to date (£000)", "xmr", True),
        ("Cumulative savings delivered", "xmr", True),
        ("Income and expenditure against plan, year to date (£000)", "run", False),
        ("Patients waiting under 18 weeks", "xmr", False),
    ],
)
def test_a_figure_that_accumulates_is_suggested_a_run_chart(title, chart, suggested):
    values = {**COMPLETE, "title": title, "chart_type": chart}
    found = measure_sheet.findings(values, has_target=True)
    assert any("chart it as a run chart" in finding for finding in found) is suggested
