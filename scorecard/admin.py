from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME

from scorecard.lib.admin import LabelledInlineFormSet, LabelledTabularInline
from scorecard.models import (
    Framework,
    Initiative,
    Milestone,
    Objective,
    ObjectiveLink,
    Perspective,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)


class PerspectiveFormSet(LabelledInlineFormSet):
    def clean(self):
        super().clean()
        # An untouched extra row has no cleaned data and is not saved.
        positions = [
            form.cleaned_data["position"]
            for form in self.forms
            if "position" in form.cleaned_data and not self._should_delete_form(form)
        ]
        repeated = sorted({p for p in positions if positions.count(p) > 1})
        if repeated:
            numbers = ", ".join(str(p) for p in repeated)
            raise ValidationError(
                f"Two perspectives share position {numbers}: give each its own place in the order."
            )


class PerspectiveInline(LabelledTabularInline):
    model = Perspective
    formset = PerspectiveFormSet
    fields = ["position", "name", "key_question", "colour", "is_retired"]
    ordering = ["position", "pk"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class PerspectiveForm(formset.form):
            def hand_clean_DELETE(self):
                # The admin's own check lists the protected objectives; say
                # instead why, and what to do (retire), before it runs.
                deleting = self.cleaned_data.get(DELETION_FIELD_NAME) and self.instance.pk
                if deleting and (blocker := self.instance.deletion_blocker()):
                    raise ValidationError(blocker)
                super().hand_clean_DELETE()

        formset.form = PerspectiveForm
        return formset


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "rollup_method", "perspective_names"]
    search_fields = ["name"]
    inlines = [PerspectiveInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("perspectives")

    @admin.display(description="Perspectives, lowest lane first")
    def perspective_names(self, framework):
        return ", ".join(p.name for p in framework.perspectives.all() if not p.is_retired)


class ThemeInline(LabelledTabularInline):
    model = StrategicTheme
    extra = 0


class SwotInline(LabelledTabularInline):
    model = SwotItem
    extra = 0


class StakeholderInline(LabelledTabularInline):
    model = Stakeholder
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["unit", "framework", "status", "signed_off_at"]
    list_filter = ["status", "framework"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit", "signed_off_by"]
    list_select_related = ["unit", "framework"]
    # In tree order, as the units are; a stable order also pages consistently.
    ordering = ["unit__tree_id", "unit__lft"]
    inlines = [ThemeInline, SwotInline, StakeholderInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "scorecard", "perspective", "weight", "is_retired"]
    list_filter = ["perspective__framework", "perspective", "is_retired"]
    search_fields = ["code", "title", "scorecard__unit__name"]
    autocomplete_fields = ["scorecard", "contributes_to", "theme"]
    list_select_related = ["scorecard__unit", "perspective"]


@admin.register(ObjectiveLink)
class ObjectiveLinkAdmin(admin.ModelAdmin):
    list_display = ["cause", "effect", "rationale"]
    search_fields = ["cause__code", "effect__code", "cause__scorecard__unit__name"]
    autocomplete_fields = ["cause", "effect"]
    list_select_related = ["cause", "effect"]


@admin.register(StrategicTheme)
class StrategicThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "scorecard"]
    search_fields = ["name", "scorecard__unit__name"]


@admin.register(SummaryStatement)
class SummaryStatementAdmin(admin.ModelAdmin):
    list_display = ["theme", "perspective", "statement"]
    autocomplete_fields = ["theme"]
    list_select_related = ["theme", "perspective"]


class MilestoneInline(LabelledTabularInline):
    model = Milestone
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "scorecard", "owner", "status", "progress", "end_date"]
    list_filter = ["status"]
    search_fields = ["title", "owner", "scorecard__unit__name"]
    autocomplete_fields = ["scorecard", "objectives", "measures"]
    list_select_related = ["scorecard__unit"]
    inlines = [MilestoneInline]
