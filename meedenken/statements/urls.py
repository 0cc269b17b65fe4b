from django.urls import path

from meedenken.statements import views

app_name = "statements"

prefix = "consultaties/<slug:slug>/"

urlpatterns = [
    path(f"{prefix}stellingen/moderatie/", views.moderation, name="moderation"),
    path(f"{prefix}stellingen/moderatie/<int:statement_id>/", views.moderate, name="moderate"),
    path(
        f"{prefix}stellingen/moderatie/<int:statement_id>/vertaling/",
        views.translate,
        name="translate",
    ),
]
