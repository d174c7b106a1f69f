from django.urls import path, register_converter
from django.urls.converters import get_converters

from cycle import views
from measures.converters import MonthConverter

# The same converter as measures' addresses (/values/2026-11/): whichever URL
# module loads first registers it, as Django refuses to register one twice.
if "month" not in get_converters():
    register_converter(MonthConverter, "month")

app_name = "cycle"

urlpatterns = [
    path("accounts/reminders/", views.reminder_preferences, name="reminder_preferences"),
    path("units/<slug:slug>/months/<month:month>/submit/", views.submit_month, name="submit"),
]
