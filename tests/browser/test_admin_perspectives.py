from playwright.sync_api import expect

from scorecard.models import Framework
from tests.browser.conftest import log_in
from tests.factories import KAPLAN_NORTON, make_user


def test_an_admin_adds_a_fifth_perspective_and_reorders_them(page):
    make_user("alice", is_staff=True, is_superuser=True)
    framework = Framework.objects.get(name=KAPLAN_NORTON)
    log_in(page, "alice", "correct-horse-battery")

    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Frameworks").click()
    page.get_by_role("link", name=KAPLAN_NORTON).click()
    # The empty row the admin offers for a new perspective.
    page.locator("#id_perspectives-4-position").fill("5")
    page.locator("#id_perspectives-4-name").fill("Patient safety")
    page.locator("#id_perspectives-4-key_question").fill("Are we keeping patients safe?")
    page.locator("#id_perspectives-4-colour").fill("#ae2573")
    # Customer first.
    page.locator("#id_perspectives-2-position").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    names = list(framework.perspectives.order_by("position", "pk").values_list("name", flat=True))
    assert names == [
        "Customer",
        "Learning and growth",
        "Internal business processes",
        "Financial",
        "Patient safety",
    ]
