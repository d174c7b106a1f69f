from django.contrib import admin

from cycle.models import MonthClose, ReportedUnit, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["unit", "month", "submitted_by", "submitted_at"]
    list_filter = ["month"]
    # Submissions are made on the unit's page, with the checks it runs.
    readonly_fields = ["unit", "month", "submitted_by", "submitted_at"]

    def has_add_permission(self, request):
        return False


@admin.register(MonthClose)
class MonthCloseAdmin(admin.ModelAdmin):
    list_display = ["month", "unit", "action", "by", "at", "reason"]
    list_filter = ["month", "action"]
    readonly_fields = ["unit", "month", "action", "by", "at", "reason"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportedUnit)
class ReportedUnitAdmin(admin.ModelAdmin):
    """The reported record is read here, never changed: it is what was reported."""

    list_display = ["unit", "month", "version", "closed", "reopened", "content_hash"]
    list_filter = ["month"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
