from django.urls import path

from measures.views import transfer

app_name = "measures"

urlpatterns = [
    # Import, templates and export (measures/views/transfer.py).
    path("values/import/", transfer.import_values, name="import_values"),
    path("values/template.csv", transfer.template_csv, name="template_csv"),
    path("values/template.xlsx", transfer.template_xlsx, name="template_xlsx"),
    path("values/export/", transfer.export_values, name="export_values"),
]
