from django.urls import path

from scorecard.review import views

app_name = "review"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/place/", views.place, name="place"),
    path("<str:code>/missing/", views.missing_add, name="missing_add"),
    path("<str:code>/items/<int:pk>/move/", views.move, name="move"),
    path("<str:code>/items/<int:pk>/remove/", views.remove, name="remove"),
    path(
        "<str:code>/items/<int:pk>/objective/",
        views.convert,
        {"what": "objective"},
        name="convert_objective",
    ),
    path(
        "<str:code>/items/<int:pk>/measure/",
        views.convert,
        {"what": "measure"},
        name="convert_measure",
    ),
]
