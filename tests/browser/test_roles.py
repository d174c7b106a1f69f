"""Each kind of person logs in, lands on their units, sees what their role covers, and logs out."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

EVERY_UNIT = [
    "Northshire trust",
    "Medicine",
    "Cardiology",
    "Surgery",
    "General Surgery",
    "Theatres",
]


@pytest.mark.parametrize(
    ("persona", "username", "roles", "visible"),
    [
        ("trust_admin", "alice", [("Northshire trust", "Admin")], EVERY_UNIT),
        (
            "directorate_manager",
            "bob",
            [("Surgery", "Manager")],
            ["Surgery", "General Surgery", "Theatres"],
        ),
        ("department_manager", "charlie", [("General Surgery", "Manager")], ["General Surgery"]),
        ("analyst", "dana", [("Northshire trust", "Analyst")], EVERY_UNIT),
        ("outsider", "eve", [], []),
    ],
)
def test_a_person_lands_on_their_units_sees_what_their_role_covers_and_logs_out(
    page, live_server, request, units, persona, username, roles, visible
):
    request.getfixturevalue(persona)
    log_in(page, username, "correct-horse-battery")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Your units")).to_be_visible()
    own = page.get_by_role("region", name="The units you have a role on")
    if roles:
        expect(own.get_by_role("row")).to_have_count(1 + len(roles))  # the header too
        for unit, role in roles:
            expect(own.get_by_role("row", name=unit)).to_contain_text(role)
    else:
        expect(own).to_have_count(0)
        expect(page.get_by_text("You do not have a role on any unit yet.")).to_be_visible()
    # Only an administrator is offered the settings.
    expect(page.get_by_role("link", name="Settings")).to_have_count(
        1 if persona == "trust_admin" else 0
    )

    page.get_by_role("link", name="All units").click()
    expect(page.get_by_role("heading", name="Units", exact=True)).to_be_visible()
    tree = page.get_by_role("list", name="Unit tree")
    if visible:
        expect(tree.get_by_role("link")).to_have_text(visible)
    else:
        expect(tree).to_have_count(0)
        expect(page.get_by_text("You cannot see any units yet.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Scorecard")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", name="Log in to Scorecard")).to_be_visible()
