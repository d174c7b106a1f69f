from django.urls import path

from scorecard.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("cascade/", views.cascade, name="cascade"),
    path("completion/", views.completion, name="completion"),
    path("bottlenecks/", views.bottlenecks, name="bottlenecks"),
    path("units/<slug:slug>/", views.unit_detail, name="unit"),
    path("units/<slug:slug>/alignment/", views.alignment, name="alignment"),
]
