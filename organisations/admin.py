from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from mptt.admin import MPTTModelAdmin

from organisations import services
from organisations.models import Membership, OrganisationUnit, ServiceDependency
from scorecard.lib.admin import LabelledTabularInline

# Deeper units are indented no further (static/css/admin.css has the steps).
MAX_INDENTED_LEVEL = 5


class MembershipInline(LabelledTabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


class DependencyInline(LabelledTabularInline):
    model = ServiceDependency
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["provider"]
    verbose_name = "relies on"
    verbose_name_plural = "relies on these providers"


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(MPTTModelAdmin):
    """The unit tree, indented; change a unit's parent to move it with its subtree.

    Saves and deletes go through organisations.services, which lock the tree.
    """

    list_display = ["indented_name", "code", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DependencyInline]
    # Django's own change list: django-mptt's indents rows with inline
    # styles, which the Content-Security-Policy refuses.
    change_list_template = "admin/change_list.html"

    @admin.display(description="name")
    def indented_name(self, unit):
        depth = min(unit.level, MAX_INDENTED_LEVEL)
        return format_html('<span class="unit-level-{}">{}</span>', depth, unit.name)

    def save_model(self, request, obj, form, change):
        saved = services.save_unit(obj)
        # The admin goes on to save inlines against obj: give it the saved row.
        obj.pk = saved.unit.pk
        obj.__dict__.update(
            {field: getattr(saved.unit, field) for field in ("lft", "rght", "tree_id", "level")}
        )
        if saved.unlinked_objectives:
            messages.warning(
                request,
                f"{obj.name} moved, so its objectives {', '.join(saved.unlinked_objectives)} "
                f"no longer contribute to objectives of the unit it left. Link them to "
                f"objectives of {saved.unit.parent.name} on their scorecard.",
            )

    def delete_model(self, request, obj):
        services.delete_unit(obj)

    def delete_queryset(self, request, queryset):
        # One at a time, leaves first, each under the tree lock.
        for unit in queryset.order_by("-level"):
            try:
                services.delete_unit(unit)
            except (services.UnitTreeError, ValidationError) as error:
                messages.error(request, str(error))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(ServiceDependency)
class ServiceDependencyAdmin(admin.ModelAdmin):
    list_display = ["unit", "provider", "note"]
    search_fields = ["unit__name", "provider__name"]
    autocomplete_fields = ["unit", "provider"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    inlines = [MembershipInline]
