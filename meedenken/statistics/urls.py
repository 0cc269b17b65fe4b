"""Mounted at /beheer/consultaties/ with the staff workspace (see meedenken/urls.py)."""

from django.urls import path

from meedenken.statistics import views

app_name = "statistics"

urlpatterns = [
    path("<slug:slug>/gesloten-vragen/", views.closed_questions, name="closed-questions"),
]
