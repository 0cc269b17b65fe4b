"""Mounted before the admin's catch-all (see meedenken/urls.py)."""

from django.urls import path

from meedenken.papers import views

app_name = "papers"

staff = "beheer/consultaties/<slug:slug>/position-papers/"

urlpatterns = [
    path("consultaties/<slug:slug>/reactie/<str:secret>/bijlage/", views.upload, name="upload"),
    path(staff, views.staff_list, name="list"),
    path(f"{staff}<int:paper_id>/", views.download, name="download"),
]
