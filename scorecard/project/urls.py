from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scorecard.project import views
from scorecard.project.forms import AdminLoginForm, LoginForm, PasswordChangeForm

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm, template_name="registration/password_change.html"
        ),
        name="password_change",
    ),
    path(
        "accounts/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("", include("scorecard.dashboards.urls")),
    path("units/", include("organisations.urls")),
    path("units/<slug:slug>/scorecard/review/", include("scorecard.review.urls")),
    path("units/<slug:slug>/scorecard/", include("scorecard.builder.urls")),
    path("units/<slug:slug>/months/", include("scorecard.closing.urls")),
    path("units/<slug:slug>/pack/", include("scorecard.pack.urls")),
    path("", include("measures.urls")),
    path("", include("cycle.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Scorecard administration"
admin.site.site_title = "Scorecard admin"
admin.site.index_title = "Configure frameworks, units, people and key targets"
admin.site.login_form = AdminLoginForm
