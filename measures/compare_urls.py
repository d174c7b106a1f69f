from django.urls import path

from measures.views import compare

app_name = "compare"

urlpatterns = [
    path("<str:code>/", compare.compare_all, name="measure"),
]
