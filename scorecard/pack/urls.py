from django.urls import path

from scorecard.pack import views

app_name = "pack"

urlpatterns = [
    path("", views.pack, name="pack"),
    path("cover/", views.cover, name="cover"),
]
