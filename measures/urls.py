from django.urls import path, register_converter

from measures import views
from measures.converters import MonthConverter

register_converter(MonthConverter, "month")

app_name = "measures"

urlpatterns = [
    path("units/<slug:slug>/values/", views.entry_latest, name="entry_latest"),
    path("units/<slug:slug>/values/<month:month>/", views.entry, name="entry"),
    path("units/<slug:slug>/values/import/", views.import_values, name="import_values"),
    path("units/<slug:slug>/values/template.csv", views.template_csv, name="template_csv"),
    path("units/<slug:slug>/values/template.xlsx", views.template_xlsx, name="template_xlsx"),
    path("units/<slug:slug>/values/export/", views.export_values, name="export_values"),
    path("units/<slug:slug>/measures/<str:code>/", views.measure_detail, name="measure"),
    path("units/<slug:slug>/measures/<str:code>/rebases/", views.rebase_add, name="rebase_add"),
    path(
        "units/<slug:slug>/measures/<str:code>/compare/",
        views.compare_siblings,
        name="compare_siblings",
    ),
    path(
        "units/<slug:slug>/measures/<str:code>/rebases/<int:pk>/delete/",
        views.rebase_delete,
        name="rebase_delete",
    ),
    path("units/<slug:slug>/measures/<str:code>/events/", views.event_add, name="event_add"),
    path(
        "units/<slug:slug>/measures/<str:code>/events/<int:pk>/delete/",
        views.event_delete,
        name="event_delete",
    ),
    path(
        "units/<slug:slug>/measures/<str:code>/history/<int:pk>/restore/",
        views.value_restore,
        name="value_restore",
    ),
    path(
        "units/<slug:slug>/measures/<str:code>/exception-reports/<month:month>/",
        views.exception_report,
        name="exception_report",
    ),
    path("compare/<str:code>/", views.compare_all, name="compare_all"),
    path("data-quality/populations/", views.populations, name="populations"),
    path("catalogue/", views.catalogue_list, name="catalogue"),
]
