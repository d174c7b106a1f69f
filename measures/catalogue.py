"""The trust's measure catalogue: measures defined once, adopted by units.

A catalogue entry (CatalogueEntry) holds what a measure code means: the
fields of MeasureDefinition. A unit adopts it by adding a measure that points
at the entry; the measure's definition is then the entry's, field for field
(Measure.clean refuses anything else), and the unit sets only its own
targets, owner, comments and chart. Changing the entry changes every adopting
measure in the same transaction (`save_entry`), so the definitions cannot
drift apart.

`join` builds the catalogue from what units already report: each code whose
measures agree on every definition field becomes an entry (taken from the
measure highest in the tree) and every measure of it is joined to it; a code
whose measures disagree is left out and returned, with the fields they
disagree on, to be settled by people.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from measures.models import DEFINITION_FIELDS, CatalogueEntry, ChartType, Measure, YearToDate
from organisations.models import OrganisationUnit


@dataclass(frozen=True)
class Disagreement:
    """A code left out of the catalogue: its units define it differently."""

    code: str
    fields: tuple[str, ...]
    units: tuple[str, ...]


def _same(value: object) -> object:
    # Spaces are how a person types, not what they mean.
    return " ".join(value.split()) if isinstance(value, str) else value


def definition_of(measure: Measure | CatalogueEntry) -> dict[str, object]:
    return {name: _same(getattr(measure, name)) for name in DEFINITION_FIELDS}


@transaction.atomic
def join(trust: OrganisationUnit) -> list[Disagreement]:
    """Make an entry of each code the trust's measures agree on, and join them to it."""
    measures = (
        Measure.objects.filter(
            objective__scorecard__unit__tree_id=trust.tree_id, catalogue_entry__isnull=True
        )
        .select_related("objective__scorecard__unit")
        .order_by("objective__scorecard__unit__lft", "pk")
    )
    by_code: defaultdict[str, list[Measure]] = defaultdict(list)
    for measure in measures:
        by_code[measure.code.upper()].append(measure)
    existing = {entry.code.upper(): entry for entry in trust.catalogue.all()}
    left_out = []
    for code, found in sorted(by_code.items()):
        entry = existing.get(code)
        first = definition_of(entry or found[0])
        differing = sorted(
            {
                name
                for m in found
                for name, value in definition_of(m).items()
                if value != first[name]
            }
        )
        if differing:
            units = tuple(m.objective.scorecard.unit.name for m in found)
            left_out.append(Disagreement(code, tuple(differing), units))
            continue
        if entry is None:
            entry = CatalogueEntry(organisation=trust, code=found[0].code)
            for name in DEFINITION_FIELDS:
                setattr(entry, name, getattr(found[0], name))
            entry.save()
        Measure.objects.filter(pk__in=[m.pk for m in found]).update(catalogue_entry=entry)
    return left_out


@transaction.atomic
def save_entry(entry: CatalogueEntry) -> int:
    """Save the entry and bring every measure that adopted it into line; how many changed."""
    entry.save()
    changed = 0
    for measure in entry.adopted_by.select_for_update():
        if definition_of(measure) == definition_of(entry):
            continue
        for name in DEFINITION_FIELDS:
            setattr(measure, name, getattr(entry, name))
        measure._change_reason = f"The trust's catalogue entry {entry.code} changed"
        measure.save()
        changed += 1
    return changed


def adopter_problems(entry: CatalogueEntry) -> dict[str, list[str]]:
    """{field name: [problem]} that the entry's definition, as it stands unsaved, would
    cause in the measures that adopted it, each naming the unit and code ("" for no
    field). A query or two per adopter: for an admin's save, not a page.

    A definition fine on its own may not be for a unit's measure: one computed
    from the units below needs a roll-up rule; one with fixed limits its
    frequency's periods.
    """
    problems: dict[str, list[str]] = defaultdict(list)
    if entry.pk is None:
        return problems
    adopters = entry.adopted_by.select_related("objective__scorecard__unit")
    for measure in adopters.order_by("objective__scorecard__unit__lft"):
        for name in DEFINITION_FIELDS:
            setattr(measure, name, getattr(entry, name))
        measure.catalogue_entry = entry  # the unsaved definition, not the stored one
        where = f"{measure.code} at {measure.objective.scorecard.unit.name}"
        # Not full_clean: the other adopters change with it, so the trust's one
        # definition of the code holds; only the measure's own rules can fail.
        for check in (measure.clean_fields, measure.check_sheet, measure.validate_constraints):
            try:
                check()
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    field = name if name in DEFINITION_FIELDS else ""
                    problems[field] += [f"{where}: {message}" for message in messages]
                break
    return problems


def suggested_chart(entry: CatalogueEntry) -> str:
    """The chart a unit adopting the entry starts with; its owner may choose another."""
    if entry.zero_tolerance:
        return ChartType.T
    if entry.year_to_date == YearToDate.LATEST:
        return ChartType.RUN
    return ChartType.XMR


def adoption(entry: CatalogueEntry, **unit_fields: object) -> Measure:
    """An unsaved measure adopting `entry`, with the unit's own fields (objective, owner...)."""
    measure = Measure(
        catalogue_entry=entry,
        code=entry.code,
        chart_type=suggested_chart(entry),
        **unit_fields,
    )
    for name in DEFINITION_FIELDS:
        setattr(measure, name, getattr(entry, name))
    return measure


def adoptable(unit: OrganisationUnit, scorecard: object) -> QuerySet[CatalogueEntry]:
    """The entries of the unit's trust that its scorecard does not report yet."""
    taken = Measure.objects.filter(objective__scorecard=scorecard).values("code")
    return CatalogueEntry.objects.filter(organisation__tree_id=unit.tree_id).exclude(
        code__in=taken
    )


def entries_for(units: QuerySet[OrganisationUnit]) -> QuerySet[CatalogueEntry]:
    """The catalogue of each trust with a unit in `units`, each entry with the live measures
    of `units` that adopted it (`visible_adopters`, in tree order)."""
    trusts = OrganisationUnit.objects.filter(
        tree_id__in=units.values("tree_id"), parent__isnull=True
    )
    adopters = (
        Measure.objects.live()
        .filter(objective__scorecard__unit__in=units)
        .select_related("objective__scorecard__unit")
        .order_by("objective__scorecard__unit__lft")
    )
    return (
        CatalogueEntry.objects.filter(organisation__in=trusts)
        .select_related("organisation")
        .prefetch_related(Prefetch("adopted_by", queryset=adopters, to_attr="visible_adopters"))
    )


def outside(units: QuerySet[OrganisationUnit]) -> QuerySet[Measure]:
    """The live measures of `units` that adopt no catalogue entry."""
    return (
        Measure.objects.live()
        .filter(objective__scorecard__unit__in=units, catalogue_entry__isnull=True)
        .select_related("objective__scorecard__unit")
        .order_by("code", "objective__scorecard__unit__lft")
    )
