"""Staff workspace: mounted at /beheer/consultaties/ (before the admin, see meedenken/urls.py)."""

from django.urls import path

from meedenken.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.consultation_home, name="consultation"),
    path("<slug:slug>/codeboek/", views.codebook, name="codebook"),
    path("<slug:slug>/codeboek/inlezen/", views.codebook_import, name="codebook-import"),
]
