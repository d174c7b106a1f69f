import pytest
from django.db import IntegrityError, transaction

from organisations.models import Membership, OrganisationUnit, Role, ServiceDependency
from tests.factories import make_unit, make_user


def raises_at_database():
    """Writes below bypass full_clean(): only the database can refuse them."""
    return pytest.raises(IntegrityError)


@pytest.mark.django_db
def test_unit_codes_are_unique(trust):
    with raises_at_database(), transaction.atomic():
        OrganisationUnit.objects.create(name="Other", code="NHT", slug="other", kind="trust")


@pytest.mark.django_db
def test_unit_slugs_are_unique(trust):
    with raises_at_database(), transaction.atomic():
        OrganisationUnit.objects.create(name="Other", code="OTHER", slug=trust.slug, kind="trust")


@pytest.mark.django_db
def test_unit_code_cannot_be_blank():
    with raises_at_database(), transaction.atomic():
        OrganisationUnit.objects.create(name="Blank", code="", slug="blank", kind="trust")


@pytest.mark.django_db
def test_one_role_per_user_and_unit(trust):
    user = make_user("bob")
    Membership.objects.create(user=user, unit=trust, role=Role.ANALYST)
    with raises_at_database(), transaction.atomic():
        Membership.objects.create(user=user, unit=trust, role=Role.MANAGER)


@pytest.mark.django_db
def test_a_unit_cannot_depend_on_itself(trust):
    with raises_at_database(), transaction.atomic():
        ServiceDependency.objects.create(unit=trust, provider=trust)


@pytest.mark.django_db
def test_one_dependency_per_unit_and_provider(surgery, medicine):
    ServiceDependency.objects.create(unit=surgery, provider=medicine)
    with raises_at_database(), transaction.atomic():
        ServiceDependency.objects.create(unit=surgery, provider=medicine, note="again")


@pytest.mark.django_db
def test_visible_to_covers_the_subtree_of_each_role(units):
    user = make_user("bob")
    Membership.objects.create(user=user, unit=units["NHT-SURG"], role=Role.MANAGER)
    Membership.objects.create(user=user, unit=units["NHT-MED-CARD"], role=Role.ANALYST)

    visible = set(OrganisationUnit.objects.visible_to(user).values_list("code", flat=True))

    assert visible == {"NHT-SURG", "NHT-SURG-GS", "NHT-SURG-TH", "NHT-MED-CARD"}


@pytest.mark.django_db
def test_a_user_with_no_role_sees_no_unit(units):
    assert not OrganisationUnit.objects.visible_to(make_user("eve")).exists()


@pytest.mark.django_db
def test_a_new_tree_is_ordered_by_name(trust):
    for name in ("Women's", "Medicine", "Anaesthetics"):
        make_unit(name, OrganisationUnit.Kind.DIRECTORATE, parent=trust)

    trust.refresh_from_db()
    names = [unit.name for unit in trust.get_children()]

    assert names == ["Anaesthetics", "Medicine", "Women's"]
