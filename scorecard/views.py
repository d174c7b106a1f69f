from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from measures.entry import overdue_for
from organisations.models import Membership

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


@require_safe
def favicon(request):
    return redirect(static("vendor/nhsuk-frontend/assets/images/favicon.ico"), permanent=True)
