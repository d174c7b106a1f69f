import pytest
from django.contrib import admin
from django.urls import reverse

from scorecard.models import Framework
from tests.admin_forms import change_form_data
from tests.factories import KAPLAN_NORTON, make_objective, make_scorecard


@pytest.fixture
def kaplan_norton(db):
    return Framework.objects.get(name=KAPLAN_NORTON)


def framework_url(framework):
    return reverse("admin:scorecard_framework_change", args=[framework.pk])


def perspective_names(framework):
    return list(framework.perspectives.order_by("position", "pk").values_list("name", flat=True))


def test_admin_opens_for_an_admin(client, trust_admin):
    client.force_login(trust_admin)

    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_is_refused_to_a_manager(client, directorate_manager):
    client.force_login(directorate_manager)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", ["changelist", "add"])
def test_every_admin_page_opens(client, rf, trust_admin, page):
    client.force_login(trust_admin)
    request = rf.get("/")
    request.user = trust_admin
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}")
        # django-axes' records of logins are read-only: nobody adds one.
        opens = page == "changelist" or model_admin.has_add_permission(request)
        assert client.get(url).status_code == (200 if opens else 403), url


def test_an_admin_adds_a_fifth_perspective(client, trust_admin, kaplan_norton):
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    data.update(
        {
            "perspectives-TOTAL_FORMS": 5,
            "perspectives-4-position": 5,
            "perspectives-4-name": "Patient safety",
            "perspectives-4-key_question": "Are we keeping patients safe from avoidable harm?",
            "perspectives-4-colour": "#ae2573",
        }
    )

    response = client.post(framework_url(kaplan_norton), data)

    assert response.status_code == 302, response.context["errors"]
    assert perspective_names(kaplan_norton)[-1] == "Patient safety"


def test_an_admin_reorders_the_perspectives(client, trust_admin, kaplan_norton):
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    # Put Customer (third) first.
    data["perspectives-2-position"] = 0

    response = client.post(framework_url(kaplan_norton), data)

    assert response.status_code == 302
    assert perspective_names(kaplan_norton) == [
        "Customer",
        "Learning and growth",
        "Internal business processes",
        "Financial",
    ]


def test_an_admin_renames_and_retires_a_perspective(client, trust_admin, kaplan_norton):
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    data["perspectives-2-name"] = "Patients and public"
    data["perspectives-3-is_retired"] = "on"

    client.post(framework_url(kaplan_norton), data)

    customer = kaplan_norton.perspectives.get(position=3)
    financial = kaplan_norton.perspectives.get(name="Financial")
    assert customer.name == "Patients and public"
    assert financial.is_retired


def test_a_perspective_with_objectives_cannot_be_deleted(
    client, trust_admin, kaplan_norton, units
):
    make_objective(make_scorecard(units["NHT-SURG"]), "C1", "Customer")
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    data["perspectives-2-DELETE"] = "on"

    response = client.post(framework_url(kaplan_norton), data)

    assert response.status_code == 200
    assert "“Customer” has 1 objective, so it cannot be deleted" in response.content.decode()
    assert "Customer" in perspective_names(kaplan_norton)


def test_an_unused_perspective_can_be_deleted(client, trust_admin, kaplan_norton):
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    data["perspectives-2-DELETE"] = "on"

    response = client.post(framework_url(kaplan_norton), data)

    assert response.status_code == 302
    assert "Customer" not in perspective_names(kaplan_norton)


def test_two_perspectives_cannot_share_a_position(client, trust_admin, kaplan_norton):
    client.force_login(trust_admin)
    data = change_form_data(client.get(framework_url(kaplan_norton)))
    data["perspectives-3-position"] = data["perspectives-2-position"]

    response = client.post(framework_url(kaplan_norton), data)

    assert response.status_code == 200
    assert "Two perspectives share position 3" in response.content.decode()
    assert perspective_names(kaplan_norton)[-1] == "Financial"
