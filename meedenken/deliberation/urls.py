from django.urls import path

from meedenken.deliberation import views

app_name = "deliberation"

prefix = "consultaties/<slug:slug>/"

urlpatterns = [
    path(f"{prefix}stellingen/", views.vote, name="vote"),
    path(f"{prefix}stellingen/<int:statement_id>/stem/", views.cast, name="cast"),
    path(f"{prefix}stellingen/over-u/", views.declare, name="declare"),
    path(f"{prefix}stellingen/voorstellen/", views.propose, name="propose"),
    path(f"{prefix}stellingen/moderatie/", views.moderation, name="moderation"),
    path(f"{prefix}stellingen/moderatie/<int:statement_id>/", views.moderate, name="moderate"),
    path(f"{prefix}reactie/<str:secret>/stellingen/", views.from_response, name="from-response"),
    path(f"{prefix}resultaten/", views.results, name="results"),
    path(f"{prefix}resultaten/status/", views.run_status, name="run-status"),
    path(f"{prefix}resultaten/analyse/", views.request_analysis, name="request-analysis"),
    path(f"{prefix}resultaten/<int:run_id>/publiceren/", views.publish, name="publish"),
]
