from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import Alignment, KeyTarget, Measure, Observation, Target
from scorecard.admin_inlines import LabelledTabularInline


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
    list_display = ["measure", "period", "value", "numerator", "denominator", "entered_by"]
    list_filter = ["period"]
    search_fields = ["measure__code", "measure__objective__scorecard__unit__name"]
    autocomplete_fields = ["measure"]
    readonly_fields = ["entered_by", "entered_at", "version"]
    list_select_related = ["measure", "entered_by"]
    date_hierarchy = "period"


class AlignmentInline(LabelledTabularInline):
    model = Alignment
    extra = 0
    autocomplete_fields = ["scorecard", "measure", "objective"]


@admin.register(KeyTarget)
class KeyTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "standard", "is_active"]
    search_fields = ["code", "name"]
    inlines = [AlignmentInline]
