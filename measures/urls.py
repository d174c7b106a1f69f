from django.urls import path, register_converter

from measures.converters import MonthConverter
from measures.views import compare, entry, measure, transfer

register_converter(MonthConverter, "month")

app_name = "measures"

urlpatterns = [
    path("units/<slug:slug>/values/", entry.entry_latest, name="entry_latest"),
    path("units/<slug:slug>/values/<month:month>/", entry.entry, name="entry"),
    path("units/<slug:slug>/values/import/", transfer.import_values, name="import_values"),
    path("units/<slug:slug>/values/template.csv", transfer.template_csv, name="template_csv"),
    path("units/<slug:slug>/values/template.xlsx", transfer.template_xlsx, name="template_xlsx"),
    path("units/<slug:slug>/values/export/", transfer.export_values, name="export_values"),
    path("units/<slug:slug>/measures/<str:code>/", measure.measure_detail, name="measure"),
    path("units/<slug:slug>/measures/<str:code>/rebases/", measure.rebase_add, name="rebase_add"),
    path(
        "units/<slug:slug>/measures/<str:code>/compare/",
        compare.compare_siblings,
        name="compare_siblings",
    ),
    path(
        "units/<slug:slug>/measures/<str:code>/rebases/<int:pk>/delete/",
        measure.rebase_delete,
        name="rebase_delete",
    ),
    path(
        "units/<slug:slug>/measures/<str:code>/history/<int:pk>/restore/",
        measure.value_restore,
        name="value_restore",
    ),
    path("compare/<str:code>/", compare.compare_all, name="compare_all"),
]
