from playwright.sync_api import expect

from organisations.models import Role
from scorecard.models import Framework, Scorecard
from tests.browser.conftest import log_in
from tests.factories import (
    KAPLAN_NORTON,
    grant,
    make_objective,
    make_scorecard,
    make_unit,
    make_user,
)


def test_a_department_manager_starts_a_scorecard_and_lays_its_foundation(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    surgery = make_unit("Surgery", "directorate", parent=trust, code="NHT-SURG")
    surgery_goal = make_objective(make_scorecard(surgery), "S1", title="Treat within 18 weeks")
    urology = make_unit("Urology", parent=surgery, code="NHT-SURG-URO")
    grant(make_user("carol"), urology, Role.MANAGER)

    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/")
    page.get_by_role("link", name="Start the scorecard").click()
    expect(page.get_by_label("Framework")).to_have_value(
        str(Framework.objects.get(name=KAPLAN_NORTON).pk)
    )
    page.get_by_role("button", name="Start the scorecard").click()
    expect(page.get_by_text("Started the scorecard of Urology.")).to_be_visible()

    page.get_by_role("link", name="1. Strategic foundation").click()
    page.get_by_role("textbox", name="Mission", exact=True).fill(
        "Treat urological conditions quickly and safely."
    )
    page.get_by_role("textbox", name="Vision", exact=True).fill(
        "No patient waits more than 18 weeks."
    )
    page.get_by_role("textbox", name="Values", exact=True).fill("Kind, open, together.")
    page.get_by_role("textbox", name="Strategy statement", exact=True).fill(
        "More day cases, fewer cancellations."
    )
    page.get_by_role("button", name="Save the statements").click()
    expect(page.get_by_text("Saved the mission, vision, values and strategy.")).to_be_visible()

    page.get_by_label("Theme", exact=True).fill("Timely access")
    page.get_by_role("button", name="Add the theme").click()

    page.get_by_label("Kind of item").select_option(label="Threat")
    page.get_by_label("What it is").fill("Theatre staff vacancies")
    page.get_by_role("button", name="Add to the SWOT").click()
    expect(page.locator("#swot")).to_contain_text("Theatre staff vacancies")

    # A stakeholder with no name: refused beside the field, the rest kept.
    stakeholders = page.locator("form[action$='/stakeholders/']")
    stakeholders.get_by_label("Role").fill("Refer patients to us")
    stakeholders.get_by_label("Category").select_option(label="Customers")
    stakeholders.get_by_label("Power").select_option(label="High")
    stakeholders.get_by_label("Impact").select_option(label="High")
    stakeholders.get_by_role("button", name="Add the stakeholder").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the name")
    stakeholders = page.locator("form[action$='/stakeholders/']")
    expect(stakeholders.get_by_label("Role")).to_have_value("Refer patients to us")
    stakeholders.get_by_label("Name").fill("Local GPs")
    stakeholders.get_by_role("button", name="Add the stakeholder").click()
    expect(page.locator("table.app-grid")).to_contain_text("Local GPs")

    page.get_by_role("link", name="2. Multi-dimensional strategic summary").click()
    page.get_by_label("Timely access in Customer").fill("Seen and treated within 18 weeks.")
    page.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_label("Timely access in Customer")).to_have_value(
        "Seen and treated within 18 weeks."
    )

    page.get_by_role("link", name="Next").click()
    form = page.locator("#add-objective")
    form.get_by_label("Perspective").select_option(label="Customer")
    form.get_by_label("Code").fill("uro-c1")
    form.get_by_label("Title").fill("Treat urology patients within 18 weeks")
    form.get_by_label("Contributes to").select_option(label=str(surgery_goal))
    form.get_by_role("button", name="Add the objective").click()
    expect(
        page.get_by_role("heading", name="URO-C1 Treat urology patients within 18 weeks")
    ).to_be_visible()
    expect(page.get_by_text("Contributes to Surgery's S1 Treat within 18 weeks")).to_be_visible()
    form = page.locator("#add-objective")
    form.get_by_label("Perspective").select_option(label="Learning and growth")
    form.get_by_label("Code").fill("URO-L1")
    form.get_by_label("Title").fill("Train nurses in day-case urology")
    form.get_by_role("button", name="Add the objective").click()

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_role("group", name="Strategy map of Urology")).to_be_visible()
    form = page.locator("#add-link")
    form.get_by_label("Cause").select_option(
        label="URO-L1 Train nurses in day-case urology (Learning and growth)"
    )
    form.get_by_label("Effect").select_option(
        label="URO-C1 Treat urology patients within 18 weeks (Customer)"
    )
    form.get_by_label("Why the one drives the other").fill("Trained nurses run more day lists.")
    form.get_by_role("button", name="Add the link").click()
    expect(page.locator("svg title", has_text="URO-L1 drives URO-C1")).to_have_count(1)

    page.get_by_role("link", name="Scorecard stages").click()
    stage_one = page.locator(".app-stage-list__item").first
    expect(stage_one).to_contain_text("In progress")
    expect(stage_one).to_contain_text("The SWOT has no strengths, weaknesses or opportunities yet")
    scorecard = Scorecard.objects.get(unit=urology)
    assert scorecard.mission == "Treat urological conditions quickly and safely."
    assert list(scorecard.themes.values_list("name", flat=True)) == ["Timely access"]


def lay_the_foundation(page):
    for name, text in (
        ("Mission", "Treat urological conditions quickly and safely."),
        ("Vision", "No patient waits more than 18 weeks."),
        ("Values", "Kind, open, together."),
        ("Strategy statement", "More day cases, fewer cancellations."),
    ):
        page.get_by_role("textbox", name=name, exact=True).fill(text)
    page.get_by_role("button", name="Save the statements").click()
    page.get_by_label("Theme", exact=True).fill("Timely access")
    page.get_by_role("button", name="Add the theme").click()
    for kind in ("Strength", "Weakness", "Opportunity", "Threat"):
        page.get_by_label("Kind of item").select_option(label=kind)
        page.get_by_label("What it is").fill(f"A {kind.lower()} of urology")
        page.get_by_role("button", name="Add to the SWOT").click()
    stakeholders = page.locator("form[action$='/stakeholders/']")
    stakeholders.get_by_label("Name").fill("Local GPs")
    stakeholders.get_by_label("Category").select_option(label="Customers")
    stakeholders.get_by_label("Power").select_option(label="High")
    stakeholders.get_by_label("Impact").select_option(label="High")
    stakeholders.get_by_role("button", name="Add the stakeholder").click()
    expect(page.locator("table.app-grid")).to_contain_text("Local GPs")


def objective_pk(unit, code):
    return str(Scorecard.objects.get(unit=unit).objectives.get(code=code).pk)


def next_stage(page, title):
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_role("heading", name=title, level=1, exact=True)).to_be_visible()


def add_objective(page, perspective, code, title):
    form = page.locator("#add-objective")
    form.get_by_label("Perspective").select_option(label=perspective)
    form.get_by_label("Code").fill(code)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Owner").fill("Service manager")
    form.get_by_role("button", name="Add the objective").click()
    expect(page.get_by_role("heading", name=f"{code} {title}")).to_be_visible()


def add_measure(page, objective_code, code, title):
    page.get_by_role("link", name=f"Add a measure to {objective_code}").click()
    form = page.locator("form.app-measure-form")
    form.get_by_label("Code").fill(code)
    form.get_by_role("textbox", name="Title", exact=True).fill(title)
    form.get_by_label("Direction").select_option(label="Higher is better")
    form.get_by_label("Who owns the measure").fill("Service manager")
    form.get_by_label("Formula").fill("Numerator over denominator x 100")
    # The rest of the sheet's required fields: stage 5 is complete only with them.
    form.get_by_label("Purpose").fill("Shows whether urology patients are treated in time.")
    form.get_by_label("Who measures").fill("The information team")
    form.get_by_label("Source of data").fill("The patient administration system")
    form.get_by_label("Who acts on the data").fill("The urology management team")
    form.get_by_label("What do they do").fill("Below the trigger: a recovery plan.")
    form.get_by_role("button", name="Add the measure").click()
    expect(page.get_by_text(f"Added the measure {code} {title}.")).to_be_visible()
    page.get_by_role("link", name="All the measures of Urology").click()


def set_target(page, code):
    page.get_by_role("link", name=f"Set a target for {code}").click()
    page.get_by_label("From", exact=True).fill("2025-04")
    page.get_by_label("Target", exact=True).fill("90")
    page.get_by_label("Amber tolerance", exact=True).fill("2")
    page.get_by_label("Action trigger", exact=True).fill("85")
    page.get_by_role("button", name="Save the target").click()
    expect(page.get_by_text(f"Set the target of {code}")).to_be_visible()


def test_a_department_manager_builds_a_scorecard_from_nothing_to_published(page):
    trust = make_unit("Northshire trust", "trust", code="NHT")
    surgery = make_unit("Surgery", "directorate", parent=trust, code="NHT-SURG")
    surgery_goal = make_objective(make_scorecard(surgery), "S1", title="Treat within 18 weeks")
    urology = make_unit("Urology", parent=surgery, code="NHT-SURG-URO")
    grant(make_user("carol", first_name="Carol", last_name="Jones"), urology, Role.MANAGER)

    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/")
    page.get_by_role("link", name="Start the scorecard").click()
    page.get_by_role("button", name="Start the scorecard").click()

    # Through all eight stages in order, by each stage's Next link, completing each:
    # a scorecard is published only when every stage is complete.
    page.get_by_role("link", name="1. Strategic foundation").click()
    expect(page.get_by_role("heading", name="Strategic foundation", level=1)).to_be_visible()
    lay_the_foundation(page)
    next_stage(page, "Multi-dimensional strategic summary")
    for perspective in ("Financial", "Customer", "Internal business processes"):
        page.get_by_label(f"Timely access in {perspective}").fill(f"Access, as {perspective}.")
    page.get_by_label("Timely access in Learning and growth").fill("Staff to treat in time.")
    page.get_by_role("button", name="Save the summary").click()
    next_stage(page, "Objectives per perspective")
    add_objective(page, "Learning and growth", "L1", "Train day-case nurses")
    add_objective(page, "Internal business processes", "P1", "Use every theatre slot")
    add_objective(page, "Financial", "F1", "Keep within budget")
    form = page.locator("#add-objective")
    form.get_by_label("Contributes to").select_option(label=str(surgery_goal))
    add_objective(page, "Customer", "C1", "Treat patients within 18 weeks")

    next_stage(page, "Cause and effect")
    for cause, effect in (("L1", "P1"), ("P1", "C1"), ("C1", "F1")):
        form = page.locator("#add-link")
        form.get_by_label("Cause").select_option(value=objective_pk(urology, cause))
        form.get_by_label("Effect").select_option(value=objective_pk(urology, effect))
        form.get_by_label("Why the one drives the other").fill("One leads to the next.")
        form.get_by_role("button", name="Add the link").click()
        expect(page.locator("svg title", has_text=f"{cause} drives {effect}")).to_have_count(1)
    next_stage(page, "Measures")
    for objective_code, code in (
        ("L1", "TRAIN"),
        ("P1", "THEATRE"),
        ("C1", "RTT18"),
        ("F1", "BUDGET"),
    ):
        add_measure(page, objective_code, code, f"Measure of {objective_code}")

    next_stage(page, "Targets")
    for code in ("TRAIN", "THEATRE", "RTT18", "BUDGET"):
        set_target(page, code)

    next_stage(page, "Initiatives")
    page.get_by_role("link", name="Add an initiative").click()
    page.get_by_label("Title").fill("Day-case urology pathway")
    serves = page.get_by_role("group", name="Objectives it serves")
    for code in ("L1", "P1", "C1", "F1"):
        serves.get_by_role("checkbox", name=code).check()
    page.get_by_role("button", name="Add the initiative").click()
    expect(page.get_by_text("Added the initiative Day-case urology pathway.")).to_be_visible()
    page.get_by_role("link", name="All the initiatives of Urology").click()
    next_stage(page, "Implementation")
    expect(page.locator(".app-checklist")).to_contain_text("Not yet")
    page.get_by_label("Data quality process").fill("The information team checks each month.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".app-checklist")).not_to_contain_text("Not yet")
    page.get_by_role("button", name="Sign off and publish").click()
    expect(
        page.get_by_text("Published the scorecard of Urology, signed off by you.")
    ).to_be_visible()
    expect(page.get_by_text("Status: Active, signed off by Carol Jones")).to_be_visible()

    scorecard = Scorecard.objects.get(unit=urology)
    assert scorecard.status == Scorecard.Status.ACTIVE
    # The directorate's objective now has the department's contributing to it.
    assert [o.code for o in surgery_goal.contributions.all()] == ["C1"]
