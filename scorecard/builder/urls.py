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
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/add/", views.objective_add, name="objective_add"),
    path("objectives/<int:pk>/", views.objective_edit, name="objective_edit"),
    path(
        "objectives/<int:pk>/up/", views.objective_move, {"direction": "up"}, name="objective_up"
    ),
    path(
        "objectives/<int:pk>/down/",
        views.objective_move,
        {"direction": "down"},
        name="objective_down",
    ),
    path("objectives/<int:pk>/retire/", views.objective_retire, name="objective_retire"),
    path("objectives/<int:pk>/delete/", views.objective_delete, name="objective_delete"),
    path("links/", views.links, name="links"),
    path("links/add/", views.link_add, name="link_add"),
    path("links/<int:pk>/delete/", views.link_delete, name="link_delete"),
    path("measures/", views.measures, name="measures"),
    path("measures/add/", views.measure_add, name="measure_add"),
    path("measures/adopt/", views.measure_adopt, name="measure_adopt"),
    path("measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/retire/", views.measure_retire, name="measure_retire"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("targets/", views.targets, name="targets"),
    path("targets/measure-<int:measure_pk>/", views.target_add, name="target_add"),
    path("targets/measure-<int:measure_pk>/trajectory/", views.trajectory, name="trajectory"),
    path("targets/trajectories/import/", views.trajectory_import, name="trajectory_import"),
    path("targets/<int:pk>/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("initiatives/add/", views.initiative_add, name="initiative_add"),
    path("initiatives/<int:pk>/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/delete/", views.initiative_delete, name="initiative_delete"),
    path("initiatives/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("implementation/", views.implementation, name="implementation"),
    path("implementation/save/", views.implementation_save, name="implementation_save"),
    path("implementation/publish/", views.publish, name="publish"),
    path("summary/", views.summary, name="summary"),
    path("summary/save/", views.summary_save, name="summary_save"),
]
