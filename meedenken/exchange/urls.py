"""Mounted at /beheer/consultaties/ with the staff workspace (see meedenken/urls.py)."""

from django.urls import path

from meedenken.exchange import views

app_name = "exchange"

urlpatterns = [
    path("<slug:slug>/export/", views.export_page, name="export"),
    path("<slug:slug>/export/<int:export_id>/", views.download, name="download"),
]
