from django.urls import path

from scorecard.pack import views

app_name = "pack"

urlpatterns = [
    path("", views.pack, name="pack"),
    path("cover/", views.cover, name="cover"),
    path("workbook/", views.workbook, name="workbook"),
    path("pdf/", views.make_pdf, name="make_pdf"),
    path("pdf/<int:pk>/", views.pdf, name="pdf"),
    path("pdf/<int:pk>/file/", views.pdf_file, name="pdf_file"),
    path("pdf/<int:pk>/publish/", views.publish_pdf, name="publish_pdf"),
]
