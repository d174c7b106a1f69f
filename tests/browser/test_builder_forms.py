"""The builder's smaller forms, pressed as a manager would (issue 13, items 14
and 15): each does what its button says, and none loses what was typed in
another form of the same page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from organisations.models import Role
from scorecard.models import Initiative, Milestone, Scorecard
from tests.browser.conftest import log_in
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_unit,
    make_user,
)


@pytest.fixture
def urology():
    """Urology's scorecard with one measure, one initiative and Carol, its manager."""
    trust = make_unit("Northshire trust", "trust", code="NHT")
    unit = make_unit("Urology", parent=trust, code="NHT-URO")
    scorecard = make_scorecard(unit)
    objective = make_objective(scorecard, "C1", title="Treat within 18 weeks")
    make_measure(objective, "RTT18", title="Patients treated within 18 weeks")
    Initiative.objects.create(
        scorecard=scorecard,
        title="Day-case pathway",
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
    )
    grant(make_user("carol"), unit, Role.MANAGER)
    return scorecard


def open_initiative(page):
    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/scorecard/initiatives/")
    page.get_by_role("link", name="Day-case pathway").first.click()


def open_measure(page, code="RTT18"):
    log_in(page, "carol", "correct-horse-battery")
    measure = Measure.objects.get(code=code)
    page.goto(f"/units/urology/scorecard/measures/{measure.pk}/")


def add_milestone(page, title, due):
    form = page.locator("form.app-add-form")
    form.get_by_label("Milestone").fill(title)
    form.get_by_label("Due date").fill(due)
    form.get_by_role("button", name="Add the milestone").click()


def test_a_manager_adds_a_milestone(page, urology):
    open_initiative(page)
    add_milestone(page, "Pathway agreed", "2026-06-30")

    expect(page.get_by_text("Added the milestone Pathway agreed.")).to_be_visible()
    expect(page.locator("#milestones")).to_contain_text("Pathway agreed: due 30 June 2026")
    assert Milestone.objects.get().title == "Pathway agreed"


def test_a_manager_removes_a_milestone(page, urology):
    initiative = Initiative.objects.get()
    Milestone.objects.create(initiative=initiative, title="Staff trained", due_date="2026-09-30")
    open_initiative(page)

    page.get_by_role("button", name="Remove Staff trained").click()

    expect(page.get_by_text("Removed the milestone Staff trained.")).to_be_visible()
    expect(page.locator("#milestones")).to_contain_text("No milestones yet.")
    assert not Milestone.objects.exists()


def test_a_manager_retires_a_measure_and_restores_it(page, urology):
    open_measure(page)

    page.get_by_role("button", name="Retire the measure").click()

    expect(page.get_by_text("Retired the measure RTT18")).to_be_visible()
    assert Measure.objects.get().is_retired
    page.goto(f"/units/urology/scorecard/measures/{Measure.objects.get().pk}/")
    page.get_by_role("button", name="Restore the measure").click()
    expect(page.get_by_text("Restored the measure RTT18")).to_be_visible()
    assert not Measure.objects.get().is_retired


def test_a_manager_deletes_a_measure_with_no_values(page, urology):
    open_measure(page)

    page.get_by_role("button", name="Delete the measure").click()

    expect(page.get_by_text("Deleted the measure RTT18")).to_be_visible()
    assert not Measure.objects.exists()


def test_a_measure_with_values_is_kept_and_the_manager_told_to_retire_it(page, urology):
    make_observation(Measure.objects.get(), period=date(2026, 4, 1), value="80")
    open_measure(page)

    page.get_by_role("button", name="Delete the measure").click()

    expect(page.get_by_text("RTT18 Patients treated within 18 weeks has 1 value")).to_be_visible()
    assert Measure.objects.exists()


# Item 15: what is typed in one form survives another form's button.


def test_a_mission_typed_survives_adding_a_theme(page, urology):
    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/scorecard/foundation/")
    mission = page.get_by_role("textbox", name="Mission", exact=True)
    mission.fill("Treat urological conditions quickly and safely.")

    page.get_by_label("Theme", exact=True).fill("Timely access")
    page.get_by_role("button", name="Add the theme").click()

    expect(page.locator("#themes")).to_contain_text("Timely access")
    expect(mission).to_have_value("Treat urological conditions quickly and safely.")
    expect(page.locator("#statements")).to_contain_text("it is not saved yet")
    # Kept in the browser only, until the manager saves it.
    assert Scorecard.objects.get().mission == ""
    page.get_by_role("button", name="Save the statements").click()
    expect(page.get_by_text("Saved the mission, vision, values and strategy.")).to_be_visible()
    assert Scorecard.objects.get().mission == "Treat urological conditions quickly and safely."
    expect(page.locator(".app-kept-typed")).to_have_count(0)


def test_typed_text_survives_a_refused_theme_and_every_form_of_the_page(page, urology):
    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/scorecard/foundation/")
    page.get_by_role("textbox", name="Vision", exact=True).fill("No one waits 18 weeks.")
    stakeholders = page.locator("form[action$='/stakeholders/']")
    stakeholders.get_by_label("Name").fill("Local GPs")
    stakeholders.get_by_label("Power").select_option(label="High")

    # A theme with no name is refused; the page comes back from another address.
    page.get_by_role("button", name="Add the theme").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("textbox", name="Vision", exact=True)).to_have_value(
        "No one waits 18 weeks."
    )
    stakeholders = page.locator("form[action$='/stakeholders/']")
    expect(stakeholders.get_by_label("Name")).to_have_value("Local GPs")
    expect(stakeholders.get_by_label("Power")).to_have_value("high")


def test_an_initiative_edit_survives_adding_a_milestone(page, urology):
    open_initiative(page)
    page.get_by_label("Description").fill("Move hernia repairs to day cases.")
    add_milestone(page, "Pathway agreed", "2026-06-30")

    expect(page.get_by_text("Added the milestone Pathway agreed.")).to_be_visible()
    expect(page.get_by_label("Description")).to_have_value("Move hernia repairs to day cases.")
    page.get_by_role("button", name="Save the initiative").click()
    expect(page.get_by_text("Saved the initiative Day-case pathway.")).to_be_visible()
    assert Initiative.objects.get().description == "Move hernia repairs to day cases."


def test_an_initiative_edit_survives_a_refused_milestone_and_saves_to_the_initiative(
    page, urology
):
    open_initiative(page)
    page.get_by_label("Description").fill("Move hernia repairs to day cases.")
    add_milestone(page, "", "2026-06-30")
    expect(page.get_by_role("alert")).to_be_visible()

    # The page now stands at the milestone's address; saving still saves the initiative.
    expect(page.get_by_label("Description")).to_have_value("Move hernia repairs to day cases.")
    page.get_by_role("button", name="Save the initiative").click()
    expect(page.get_by_text("Saved the initiative Day-case pathway.")).to_be_visible()
    assert Initiative.objects.get().description == "Move hernia repairs to day cases."
    assert not Milestone.objects.exists()


def test_a_measure_sheet_typed_survives_retiring_and_coming_back(page, urology):
    open_measure(page)
    page.get_by_label("Purpose").fill("Shows whether patients wait too long.")
    page.get_by_role("button", name="Retire the measure").click()
    expect(page.get_by_text("Retired the measure RTT18")).to_be_visible()

    page.goto(f"/units/urology/scorecard/measures/{Measure.objects.get().pk}/")
    expect(page.get_by_label("Purpose")).to_have_value("Shows whether patients wait too long.")


def test_a_new_objective_typed_survives_moving_another(page, urology):
    scorecard = urology
    make_objective(scorecard, "C2", title="See patients sooner")
    log_in(page, "carol", "correct-horse-battery")
    page.goto("/units/urology/scorecard/objectives/")
    form = page.locator("#add-objective")
    form.get_by_label("Code").fill("F1")
    form.get_by_label("Title").fill("Keep within budget")

    page.get_by_role("button", name="Move down C1").click()

    form = page.locator("#add-objective")
    expect(form.get_by_label("Code")).to_have_value("F1")
    expect(form.get_by_label("Title")).to_have_value("Keep within budget")
    expect(form).to_contain_text("it is not saved yet")
