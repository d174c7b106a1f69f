from django.urls import path

from scorecard.builder import views

app_name = "builder"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("start/", views.start, name="start"),
    path("foundation/", views.foundation, name="foundation"),
    path("foundation/statements/", views.foundation_save, name="foundation_save"),
    path("foundation/themes/", views.theme_add, name="theme_add"),
    path("foundation/themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("foundation/themes/<int:pk>/delete/", views.theme_delete, name="theme_delete"),
    path("foundation/swot/", views.swot_add, name="swot_add"),
    path("foundation/swot/<int:pk>/delete/", views.swot_delete, name="swot_delete"),
    path("foundation/stakeholders/", views.stakeholder_add, name="stakeholder_add"),
    path("foundation/stakeholders/<int:pk>/", views.stakeholder_edit, name="stakeholder_edit"),
    path(
        "foundation/stakeholders/<int:pk>/delete/",
        views.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path("summary/", views.summary, name="summary"),
    path("summary/save/", views.summary_save, name="summary_save"),
]
