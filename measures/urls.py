from django.urls import path, register_converter

from measures.converters import MonthConverter
from measures.views import compare, entry, measure, transfer

register_converter(MonthConverter, "month")

app_name = "measures"

urlpatterns = [
    path("values/", entry.entry_latest, name="entry_latest"),
    path("values/<month:month>/", entry.entry, name="entry"),
    path("values/import/", transfer.import_values, name="import_values"),
    path("values/template.csv", transfer.template_csv, name="template_csv"),
    path("values/template.xlsx", transfer.template_xlsx, name="template_xlsx"),
    path("values/export/", transfer.export_values, name="export_values"),
    path("measures/<str:code>/", measure.measure_detail, name="measure"),
    path("measures/<str:code>/rebases/", measure.rebase_add, name="rebase_add"),
    path("measures/<str:code>/compare/", compare.compare_siblings, name="compare_siblings"),
    path(
        "measures/<str:code>/rebases/<int:pk>/delete/",
        measure.rebase_delete,
        name="rebase_delete",
    ),
    path(
        "measures/<str:code>/history/<int:pk>/restore/",
        measure.value_restore,
        name="value_restore",
    ),
]
