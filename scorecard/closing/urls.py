from django.urls import path

from scorecard.closing import views

app_name = "closing"

urlpatterns = [
    path("close/", views.close, name="close"),
    path("reopen/", views.reopen, name="reopen"),
    path("reported/", views.reported, name="reported"),
    path("reported/<int:pk>/", views.version, name="version"),
]
