import re

from django.urls import reverse

from organisations.management.commands.check_unit_tree import stored_nodes
from organisations.models import OrganisationUnit
from organisations.tree_check import tree_problems
from tests.admin_forms import change_form_data
from tests.factories import make_scorecard


def unit_change_url(unit):
    return reverse("admin:organisations_organisationunit_change", args=[unit.pk])


def test_the_unit_list_is_indented_as_a_tree(client, trust_admin):
    client.force_login(trust_admin)

    response = client.get(reverse("admin:organisations_organisationunit_changelist"))

    rows = re.findall(
        r'<a href="[^"]+"><span class="unit-level-(\d+)">([^<]+)</span></a>',
        response.content.decode(),
    )
    indents = {name: int(level) for level, name in rows}
    assert list(indents) == [
        "Northshire trust",
        "Medicine",
        "Cardiology",
        "Surgery",
        "General Surgery",
        "Theatres",
    ]
    assert indents["Northshire trust"] < indents["Medicine"] < indents["Cardiology"]


def test_an_admin_moves_a_department_to_another_directorate(client, trust_admin, units):
    client.force_login(trust_admin)
    url = unit_change_url(units["NHT-SURG-TH"])
    data = change_form_data(client.get(url))
    data["parent"] = units["NHT-MED"].pk

    response = client.post(url, data)

    assert response.status_code == 302
    theatres = OrganisationUnit.objects.get(code="NHT-SURG-TH")
    assert theatres.parent.code == "NHT-MED"
    assert tree_problems(stored_nodes()) == []


def test_an_admin_cannot_move_a_unit_under_its_own_department(client, trust_admin, units):
    client.force_login(trust_admin)
    url = unit_change_url(units["NHT-SURG"])
    data = change_form_data(client.get(url))
    data["parent"] = units["NHT-SURG-GS"].pk

    response = client.post(url, data)

    assert response.status_code == 200
    assert OrganisationUnit.objects.get(code="NHT-SURG").parent.code == "NHT"


def test_an_admin_adds_a_unit(client, trust_admin, units):
    client.force_login(trust_admin)
    add_url = reverse("admin:organisations_organisationunit_add")
    data = change_form_data(client.get(add_url))
    data.update(
        {
            "name": "Urology",
            "code": "NHT-SURG-URO",
            "slug": "urology",
            "kind": "department",
            "parent": units["NHT-SURG"].pk,
            "is_active": "on",
        }
    )

    response = client.post(add_url, data)

    assert response.status_code == 302
    assert OrganisationUnit.objects.get(code="NHT-SURG-URO").parent.code == "NHT-SURG"
    assert tree_problems(stored_nodes()) == []


def test_the_admin_refuses_to_delete_a_unit_with_a_scorecard(client, trust_admin, units):
    make_scorecard(units["NHT-SURG-TH"])
    client.force_login(trust_admin)
    url = reverse("admin:organisations_organisationunit_delete", args=[units["NHT-SURG-TH"].pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert OrganisationUnit.objects.filter(code="NHT-SURG-TH").exists()


def test_the_admin_deletes_an_empty_unit(client, trust_admin, units):
    client.force_login(trust_admin)
    url = reverse("admin:organisations_organisationunit_delete", args=[units["NHT-SURG-TH"].pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not OrganisationUnit.objects.filter(code="NHT-SURG-TH").exists()
    assert tree_problems(stored_nodes()) == []


def test_an_admin_grants_a_role_on_the_user_page(client, trust_admin, outsider, units):
    client.force_login(trust_admin)
    url = reverse("admin:auth_user_change", args=[outsider.pk])
    data = change_form_data(client.get(url))
    data.update(
        {
            "memberships-TOTAL_FORMS": 1,
            "memberships-0-unit": units["NHT-MED"].pk,
            "memberships-0-role": "analyst",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert outsider.memberships.get().unit.code == "NHT-MED"


def test_an_admin_sets_a_units_reporting_working_days(client, trust_admin, units):
    client.force_login(trust_admin)
    url = unit_change_url(units["NHT-SURG"])
    page = client.get(url)
    assert "Values are due this many working days after their period ends" in (
        page.content.decode()
    )
    data = change_form_data(page)
    data["reporting_working_days"] = "8"

    response = client.post(url, data)

    assert response.status_code == 302
    assert OrganisationUnit.objects.get(code="NHT-SURG").reporting_working_days == 8
