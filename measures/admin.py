from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from measures import catalogue
from measures.models import (
    DEFINITION_FIELDS,
    Alignment,
    CatalogueEntry,
    KeyTarget,
    Measure,
    Observation,
    SharedPopulation,
    Target,
)
from scorecard.lib.admin import LabelledTabularInline


class TargetInline(LabelledTabularInline):
    model = Target
    extra = 0
    fields = [
        "effective_from",
        "value",
        "upper_value",
        "tolerance",
        "action_trigger",
        "source",
        "rationale",
    ]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "unit_name", "direction", "frequency", "rollup"]
    list_filter = ["direction", "frequency", "rollup", "zero_tolerance", "is_retired"]
    search_fields = ["code", "title", "objective__scorecard__unit__name"]
    autocomplete_fields = ["objective"]
    list_select_related = ["objective__scorecard__unit"]
    inlines = [TargetInline]

    @admin.display(description="Unit", ordering="objective__scorecard__unit__name")
    def unit_name(self, measure):
        return measure.objective.scorecard.unit.name


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    """Values and their history, to read: never written here.

    A value is written only through measures.recording.record, which checks it
    against the measure's rules, rolls it up the tree and gives its history
    row who entered it and how. The admin's own form did none of that (a
    count of -3.5 was accepted), so it may not add, change, delete or revert
    one; its pages say where values are entered (admin/measures/observation/).
    """

    list_display = ["measure", "period", "value", "numerator", "denominator", "entered_by"]
    list_filter = ["period"]
    search_fields = ["measure__code", "measure__objective__scorecard__unit__name"]
    list_select_related = ["measure", "entered_by"]
    date_hierarchy = "period"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a past version on POST even without the change
        # permission (it only hides the button), which would put an old value
        # back past every rule: a restore is made from the measure's page.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AlignmentInline(LabelledTabularInline):
    model = Alignment
    extra = 0
    autocomplete_fields = ["scorecard", "measure", "objective"]


@admin.register(KeyTarget)
class KeyTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "standard", "is_active"]
    search_fields = ["code", "name"]
    inlines = [AlignmentInline]


@admin.register(SharedPopulation)
class SharedPopulationAdmin(admin.ModelAdmin):
    """Measures that count the same people, checked on the data-quality page."""

    list_display = ["first_code", "second_code", "kind", "population"]
    search_fields = ["first_code", "second_code", "population"]


class CatalogueEntryForm(forms.ModelForm):
    """Refuses a definition that a measure adopting the entry could not take, beside the
    field, naming the unit: the change would otherwise fail half-way through them."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return  # the entry's own problems first
        changed = [name for name in self.changed_data if name in DEFINITION_FIELDS]
        for name, problems in catalogue.adopter_problems(self.instance).items():
            # A rule of the unit's measure (computed needs a roll-up) goes beside the
            # one field changed, when it is one.
            field = name or (changed[0] if len(changed) == 1 else None)
            for problem in problems:
                self.add_error(field, problem)


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(SimpleHistoryAdmin):
    """The trust's measure definitions: a change here reaches every unit that adopted one."""

    form = CatalogueEntryForm

    list_display = ["code", "title", "organisation", "direction", "unit", "rollup"]
    search_fields = ["code", "title"]
    list_filter = ["direction", "rollup", "year_to_date"]

    def get_readonly_fields(self, request, obj=None):
        # Units' measures keep their entry's code (Measure.clean): a code is not renamed.
        return ["organisation", "code"] if obj else []

    def save_model(self, request, obj, form, change):
        catalogue.save_entry(obj)
