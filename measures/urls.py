from django.urls import path, register_converter

from measures.converters import MonthConverter
from measures.views import entry, measure

register_converter(MonthConverter, "month")

app_name = "measures"

urlpatterns = [
    path("values/", entry.entry_latest, name="entry_latest"),
    path("values/<month:month>/", entry.entry, name="entry"),
    path("measures/<str:code>/", measure.measure_detail, name="measure"),
]
