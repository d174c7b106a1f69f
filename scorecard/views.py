from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_safe

from measures.entry import overdue_for
from organisations.access import unit_for_user
from organisations.models import Membership, OrganisationUnit
from scorecard.cascade import rows as cascade_rows
from scorecard.forms import AsAtForm

# The home page lists this many overdue values; the count says how many in all.
OVERDUE_SHOWN = 25


@require_safe
@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("unit", "unit__parent")
        .order_by("unit__tree_id", "unit__lft")
    )
    overdue = overdue_for(request.user)
    context = {
        "memberships": memberships,
        "manages_units": any(membership.can_write for membership in memberships),
        "overdue": overdue[:OVERDUE_SHOWN],
        "overdue_count": len(overdue),
    }
    return render(request, "scorecard/home.html", context)


class LogoutView(auth_views.LogoutView):
    """Logging out changes state, so it takes a POST; a GET (a typed address,
    an old bookmark) asks first instead of showing a blank error."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("login")
        return render(request, "registration/logged_out_confirm.html")


def locked_out(request, response, credentials):
    """django-axes' answer to a login refused after too many wrong passwords."""
    context = {
        "username": (credentials or {}).get("username", ""),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username_failure_limit": settings.USERNAME_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


@require_safe
def favicon(request):
    return redirect(static("vendor/nhsuk-frontend/assets/images/favicon.ico"), permanent=True)


@require_safe
@login_required
def cascade(request):
    """The units a person can see, from the top down, scored per perspective as at a month."""
    units = (
        OrganisationUnit.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("scorecard__framework")
        .order_by("tree_id", "lft")
    )
    root = None
    if request.GET.get("unit"):
        root = unit_for_user(request, request.GET["unit"])
        units = units.filter(tree_id=root.tree_id, lft__gte=root.lft, rght__lte=root.rght)
    units = list(units)
    as_at_form = AsAtForm(request.GET or None, today=timezone.localdate())
    as_at = as_at_form.month()
    framework = next(
        (unit.scorecard.framework for unit in units if getattr(unit, "scorecard", None)), None
    )
    columns = (
        list(framework.perspectives.filter(is_retired=False).order_by("position", "pk"))
        if framework
        else []
    )
    context = {
        "rows": cascade_rows(units, columns, as_at),
        "columns": columns,
        "framework": framework,
        "root": root,
        "as_at": as_at,
        "as_at_form": as_at_form,
        "wide_page": True,
    }
    return render(request, "scorecard/cascade.html", context)
