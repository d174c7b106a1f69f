from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("<slug:slug>/", views.unit_detail, name="unit"),
    path("<slug:slug>/alignment/", views.alignment, name="alignment"),
]
