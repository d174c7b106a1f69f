"""A page's title starts "Error: " exactly when the page shows an error.

Every page of a unit and of no unit is asked (GET) and sent a form with none
of its fields (POST), as a manager, over the world tests/test_access_every_url.py builds;
so are the account pages and logging in. The rule lives in one place
(scorecard/templatetags/page_title.py, asked by base.html).
"""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import test_access_every_url as every_url
from tests.test_access_every_url import GS, logged_in_client, overview_pages, unit_pages

# The world that test builds, as fixtures here, with the people it needs.
world = every_url.world
sibling_manager, medicine_manager = every_url.sibling_manager, every_url.medicine_manager

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
# What a page that shows an error holds: the error summary, or a message beside a field.
SHOWS_ERROR = re.compile(r'class="nhsuk-error-(summary|message)"')
# A form with none of its fields: an empty POST is taken as no form by the
# views that bind request.POST or None.
NOTHING = {"nothing": "typed"}
# Pages such a form is refused on, beside its fields, so the rule is tried on them.
REFUSE_AN_EMPTY_FORM = {
    "login",
    "password_change",
    "measures:entry",
    "measures:import_values",
    "measures:rebase_add",
    "measures:event_add",
    "builder:trajectory_import",
    "builder:measure_adopt",
    "measures:value_restore",
    "builder:theme_add",
    "builder:theme_edit",
    "builder:swot_add",
    "builder:stakeholder_add",
    "builder:stakeholder_edit",
    "builder:objective_add",
    "builder:objective_edit",
    "builder:link_add",
    "builder:measure_add",
    "builder:measure_edit",
    "builder:target_add",
    "builder:target_edit",
    "builder:initiative_add",
    "builder:initiative_edit",
    "builder:milestone_add",
    "builder:implementation_save",
    "review:place",
    "review:move",
    "review:missing_add",
    "review:convert_objective",
    "review:convert_measure",
}


def judge(key, method, response, failures, refused):
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return
    html = response.content.decode()
    title = TITLE.search(html).group(1).strip()
    shown = bool(SHOWS_ERROR.search(html))
    if shown:
        refused.add(key)
    if shown != title.startswith("Error: "):
        what = "shows an error" if shown else "shows no error"
        failures.append(f"{method} {key} {what} but is titled {title!r}")


def test_the_title_says_error_on_every_page_that_shows_one(world, department_manager):
    client = logged_in_client(department_manager)
    failures, refused = [], set()
    for key, url, _ in overview_pages(world[GS]) + unit_pages(world[GS]):
        for method in ("get", "post"):
            response = client.get(url) if method == "get" else client.post(url, NOTHING)
            judge(key, method.upper(), response, failures, refused)
    for key in ("password_change", "password_change_done"):
        judge(key, "GET", client.get(reverse(key)), failures, refused)
        judge(key, "POST", client.post(reverse(key), NOTHING), failures, refused)
    for data in (NOTHING, {"username": "charlie", "password": "a wrong guess"}):
        judge("login", "POST", Client().post(reverse("login"), data), failures, refused)
    judge("login", "GET", Client().get(reverse("login")), failures, refused)

    assert not failures, "\n".join(failures)
    assert refused >= REFUSE_AN_EMPTY_FORM


def test_a_month_that_is_not_one_is_an_error_in_the_title(world, analyst):
    response = logged_in_client(analyst).get(
        reverse("dashboards:unit", args=[world[GS]["slug"]]) + "?as_at=soon"
    )

    assert TITLE.search(response.content.decode()).group(1).startswith("Error: General Surgery")


def test_an_import_whose_rows_are_refused_is_an_error_in_the_title(world, department_manager):
    # The form is valid (a readable file); its rows are not.
    upload = SimpleUploadedFile("values.csv", b"unit,measure,period,value\nNOPE,RTT18,2026-04,1\n")

    response = logged_in_client(department_manager).post(
        reverse("measures:import_values", args=[world[GS]["slug"]]), {"file": upload}
    )

    html = response.content.decode()
    assert "nothing was imported" in html
    assert TITLE.search(html).group(1).startswith("Error: Import values")
