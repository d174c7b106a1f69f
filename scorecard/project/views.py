"""The project's own pages: logging out, the lock-out page, the favicon."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe


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
