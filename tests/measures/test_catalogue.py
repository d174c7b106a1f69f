"""The trust's measure catalogue: measures defined once, adopted by units, never drifting.

The case seen: one code had several definitions (the builder now refuses new
ones), and every department retyped its measures from scratch.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import catalogue
from measures.models import CatalogueEntry, Measure
from tests.factories import make_measure, make_objective, make_scorecard


def waits(unit, **extra):
    objective = make_objective(make_scorecard(unit), "C1", "Customer")
    fields = {"unit": "%", "rollup": "ratio", "title": "Waiting under 18 weeks", **extra}
    return make_measure(objective, "RTT18", **fields)


@pytest.fixture
def reported(units):
    """RTT18 at the trust and two departments, alike; LOS defined two ways."""
    trust = waits(units["NHT"], is_computed=True)
    general, theatres = waits(units["NHT-SURG-GS"]), waits(units["NHT-SURG-TH"])
    make_measure(general.objective, "LOS", unit="days", direction="lower")
    make_measure(theatres.objective, "LOS", unit="hours", direction="lower")
    return {"trust": trust, "general": general, "theatres": theatres}


def test_codes_defined_alike_are_joined_and_the_others_listed(units, reported):
    left_out = catalogue.join(units["NHT"])

    entry = CatalogueEntry.objects.get(code="RTT18")
    assert set(entry.adopted_by.all()) == set(reported.values())
    assert entry.title == "Waiting under 18 weeks"
    assert [(d.code, d.fields, d.units) for d in left_out] == [
        ("LOS", ("unit",), ("General Surgery", "Theatres"))
    ]
    assert not CatalogueEntry.objects.filter(code="LOS").exists()


def test_a_change_to_an_entry_reaches_every_unit_that_adopted_it(units, reported):
    catalogue.join(units["NHT"])
    entry = CatalogueEntry.objects.get(code="RTT18")
    entry.decimals, entry.title = 2, "Incomplete pathways within 18 weeks"

    changed = catalogue.save_entry(entry)

    assert changed == 3
    for measure in reported.values():
        measure.refresh_from_db()
        assert (measure.decimals, measure.title) == (2, "Incomplete pathways within 18 weeks")
    latest = reported["general"].history.first()
    assert latest.history_change_reason == "The trust's catalogue entry RTT18 changed"


def test_an_adopted_measure_cannot_be_defined_apart_from_its_entry(units, reported):
    catalogue.join(units["NHT"])
    general = Measure.objects.get(pk=reported["general"].pk)
    general.unit = "per cent"

    with pytest.raises(ValidationError) as refused:
        general.full_clean()

    assert "Defined in the trust's measure catalogue" in refused.value.message_dict["unit"][0]


def test_a_unit_adopts_a_measure_and_sets_only_its_own_fields(
    client, units, reported, directorate_manager
):
    catalogue.join(units["NHT"])
    surgery = make_objective(make_scorecard(units["NHT-SURG"]), "C1", "Customer")
    client.force_login(directorate_manager)
    url = reverse("builder:measure_adopt", args=["surgery"])
    entry = CatalogueEntry.objects.get(code="RTT18")

    page = client.get(url)
    refused = client.post(url, {"entry": entry.pk})
    response = client.post(url, {"entry": entry.pk, "objective": surgery.pk})

    assert "RTT18 Waiting under 18 weeks" in page.content.decode()
    assert refused.context["form"].errors["objective"] == ["Choose the objective it measures"]
    adopted = Measure.objects.get(objective=surgery)
    assert response["Location"] == reverse("builder:measure_edit", args=["surgery", adopted.pk])
    assert (adopted.catalogue_entry, adopted.unit, adopted.rollup) == (entry, "%", "ratio")
    # On its sheet the definition is the catalogue's: what is posted for it is ignored.
    edit = reverse("builder:measure_edit", args=["surgery", adopted.pk])
    form = client.get(edit).context["form"]
    assert form.fields["unit"].disabled
    data = {f"measure-{name}": form[name].value() or "" for name in form.fields}
    data.update({"measure-unit": "days", "measure-owner": "Director of Operations"})
    data.pop("measure-tests_passed")
    data.pop("measure-owner_account")
    assert client.post(edit, data).status_code == 302
    adopted.refresh_from_db()
    assert (adopted.unit, adopted.owner) == ("%", "Director of Operations")


def test_the_adopt_page_offers_only_what_the_scorecard_lacks(
    client, units, reported, department_manager
):
    catalogue.join(units["NHT"])
    client.force_login(department_manager)

    page = client.get(reverse("builder:measure_adopt", args=["general-surgery"]))

    assert list(page.context["entries"]) == []  # General Surgery reports RTT18 already
    assert "already reports every measure in the catalogue" in page.content.decode()


def test_the_catalogue_page_lists_entries_their_units_and_what_is_outside(
    client, units, reported, analyst
):
    catalogue.join(units["NHT"])
    client.force_login(analyst)

    page = client.get(reverse("measures:catalogue"))

    text = " ".join(page.content.decode().split())
    assert "RTT18 Waiting under 18 weeks" in text
    (entry,) = page.context["entries"]
    names = [m.objective.scorecard.unit.name for m in entry.visible_adopters]
    assert names == ["Northshire trust", "General Surgery", "Theatres"]
    assert {m.code for m in page.context["outside"]} == {"LOS"}


def test_an_entry_s_multiplier_is_bounded_as_a_measure_s(units):
    entry = CatalogueEntry(
        organisation=units["NHT"],
        code="X",
        title="X",
        direction="higher",
        rollup="ratio",
        ratio_multiplier=Decimal(10_000_000),
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "ratio_multiplier" in refused.value.message_dict


def test_the_migration_joins_what_agrees_and_lists_what_does_not(units, reported, capsys):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("measures.migrations.0017_measure_catalogue")

    migration.join_existing_measures(apps, None)

    entry = CatalogueEntry.objects.get(code="RTT18")
    assert entry.adopted_by.count() == 3
    assert not CatalogueEntry.objects.filter(code="LOS").exists()
    assert (
        "Not in Northshire trust's catalogue: LOS, whose units define its unit differently."
        in (capsys.readouterr().out)
    )


def post_entry(client, units, admin, **changes):
    """Join the catalogue, then post RTT18's admin form as drawn, with `changes`."""
    catalogue.join(units["NHT"])
    entry = CatalogueEntry.objects.get(code="RTT18")
    url = reverse("admin:measures_catalogueentry_change", args=[entry.pk])
    client.force_login(admin)
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()} | changes
    return client.post(url, {name: value for name, value in data.items() if value is not False})


def test_an_admin_changes_an_entry_and_its_units_follow_but_not_its_code(
    client, units, reported, trust_admin
):
    response = post_entry(
        client, units, trust_admin, title="RTT incomplete pathways within 18 weeks", code="RENAMED"
    )

    assert response.status_code == 302
    entry = CatalogueEntry.objects.get()
    assert entry.code == "RTT18"
    reported["theatres"].refresh_from_db()
    assert reported["theatres"].title == "RTT incomplete pathways within 18 weeks"


def test_an_entry_change_a_unit_s_measure_cannot_take_is_refused_beside_the_field(
    client, units, reported, trust_admin
):
    # The trust's RTT18 is computed from the units below: it needs a roll-up rule.
    response = post_entry(client, units, trust_admin, rollup="none")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "rollup": [
            "RTT18 at Northshire trust: Choose how it rolls up (sum, mean or ratio) to compute "
            "it from the units below."
        ]
    }
    entry = CatalogueEntry.objects.get(code="RTT18")
    assert entry.rollup == "ratio"  # nothing saved, here or in the units
    reported["general"].refresh_from_db()
    assert reported["general"].rollup == "ratio"
