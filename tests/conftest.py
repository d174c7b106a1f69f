"""Personas, as in healthchecks' BaseTestCase: one small trust and its people.

Northshire trust
├── Medicine (directorate)
│   └── Cardiology (department)
└── Surgery (directorate)
    ├── General Surgery (department)
    └── Theatres (department)
"""

import importlib

import pytest
from django.apps import apps as django_apps

from organisations.models import OrganisationUnit, Role
from tests.factories import grant, make_unit, make_user

Kind = OrganisationUnit.Kind


@pytest.fixture
def trust(db):
    return make_unit("Northshire trust", Kind.TRUST, code="NHT")


@pytest.fixture
def surgery(trust):
    return make_unit("Surgery", Kind.DIRECTORATE, parent=trust, code="NHT-SURG")


@pytest.fixture
def medicine(trust):
    return make_unit("Medicine", Kind.DIRECTORATE, parent=trust, code="NHT-MED")


@pytest.fixture
def general_surgery(surgery):
    return make_unit("General Surgery", parent=surgery, code="NHT-SURG-GS")


@pytest.fixture
def theatres(surgery):
    return make_unit("Theatres", parent=surgery, code="NHT-SURG-TH")


@pytest.fixture
def cardiology(medicine):
    return make_unit("Cardiology", parent=medicine, code="NHT-MED-CARD")


@pytest.fixture
def units(trust, surgery, medicine, general_surgery, theatres, cardiology):
    """The whole small trust, read back once built.

    The instances the fixtures above return hold the tree numbers they had
    when created; adding a unit later shifts them in the database only.
    """
    return {unit.code: unit for unit in OrganisationUnit.objects.all()}


@pytest.fixture
def trust_admin(units):
    user = make_user("alice", is_staff=True, is_superuser=True)
    grant(user, units["NHT"], Role.ADMIN)
    return user


@pytest.fixture
def directorate_manager(units):
    user = make_user("bob")
    grant(user, units["NHT-SURG"], Role.MANAGER)
    return user


@pytest.fixture
def department_manager(units):
    user = make_user("charlie")
    grant(user, units["NHT-SURG-GS"], Role.MANAGER)
    return user


@pytest.fixture
def analyst(units):
    user = make_user("dana")
    grant(user, units["NHT"], Role.ANALYST)
    return user


@pytest.fixture
def performance_lead(units):
    """Paula, the trust's performance lead: reads everything, closes and reopens months."""
    user = make_user("paula")
    grant(user, units["NHT"], Role.PERFORMANCE_LEAD)
    return user


@pytest.fixture
def outsider(db):
    return make_user("eve")


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Serve static files by their plain names: tests do not run collectstatic.

    Production uses whitenoise's manifest storage; test_static.py checks that
    collectstatic builds it.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded_frameworks(django_db_setup, django_db_blocker):
    """Put back the frameworks the migrations seed: a test that commits (a
    browser or concurrency test) empties every table behind it."""
    seed = importlib.import_module("scorecard.migrations.0002_seed_frameworks").seed
    with django_db_blocker.unblock():
        seed(django_apps, schema_editor=None)
