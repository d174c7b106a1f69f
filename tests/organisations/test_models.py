import pytest
from django.core.exceptions import ValidationError
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


@pytest.mark.django_db
def test_unit_codes_differ_by_more_than_case(trust):
    with raises_at_database(), transaction.atomic():
        OrganisationUnit.objects.create(name="Other", code="nht", slug="other", kind="trust")


@pytest.mark.django_db
def test_a_unit_code_is_stored_in_capitals(trust):
    unit = make_unit("Surgery", OrganisationUnit.Kind.DIRECTORATE, parent=trust, code=" nht-surg ")

    assert unit.code == "NHT-SURG"


@pytest.mark.django_db
def test_a_code_that_differs_only_by_case_is_refused_with_a_message(trust):
    with pytest.raises(ValidationError) as error:
        make_unit("Other trust", OrganisationUnit.Kind.TRUST, code="nht")

    assert "already" in str(error.value)


@pytest.mark.django_db
def test_a_trust_cannot_sit_inside_another_unit(trust):
    with pytest.raises(ValidationError) as error:
        make_unit("Second trust", OrganisationUnit.Kind.TRUST, parent=trust, code="NHT2")

    assert error.value.message_dict["parent"] == [
        "A trust is the top of a tree; leave its parent empty."
    ]


@pytest.mark.django_db
def test_a_department_must_belong_to_a_unit(db):
    with pytest.raises(ValidationError) as error:
        make_unit("Lonely department", OrganisationUnit.Kind.DEPARTMENT, code="LONE")

    assert error.value.message_dict["parent"] == ["Choose the unit this department belongs to."]


@pytest.mark.django_db
def test_several_trusts_may_head_their_own_trees(trust):
    make_unit("Southshire trust", OrganisationUnit.Kind.TRUST, code="SST")

    assert OrganisationUnit.objects.root_nodes().count() == 2


@pytest.mark.django_db
def test_a_constraint_explains_itself_in_words(surgery):
    dependency = ServiceDependency(unit=surgery, provider=surgery)

    with pytest.raises(ValidationError) as error:
        dependency.full_clean()

    assert error.value.messages == ["A unit cannot rely on itself; choose another provider."]
