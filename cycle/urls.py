from django.urls import path

from cycle import views

app_name = "cycle"

urlpatterns = [
    path("accounts/reminders/", views.reminder_preferences, name="reminder_preferences"),
]
