from django.urls import path

from meedenken.voting import confirm_views, propose_views, results, views

app_name = "voting"

prefix = "consultaties/<slug:slug>/"

urlpatterns = [
    path(f"{prefix}stellingen/", views.vote, name="vote"),
    path(f"{prefix}stellingen/<int:statement_id>/stem/", views.cast, name="cast"),
    path(f"{prefix}stellingen/over-u/", views.declare, name="declare"),
    path(f"{prefix}stellingen/voorstellen/", propose_views.propose, name="propose"),
    path(
        f"{prefix}stellingen/e-mailadres/",
        confirm_views.request_confirmation,
        name="request-confirmation",
    ),
    path(
        f"{prefix}stellingen/e-mailadres/vergeten/", confirm_views.forget_email, name="forget-email"
    ),
    # The token's segment is scrubbed from every log line (core/redaction.py).
    path(f"{prefix}bevestig/<str:token>/", confirm_views.confirm_email, name="confirm-email"),
    path(f"{prefix}reactie/<str:secret>/stellingen/", views.from_response, name="from-response"),
    path(f"{prefix}resultaten/", results.results, name="results"),
    path(f"{prefix}resultaten/status/", results.run_status, name="run-status"),
    path(f"{prefix}resultaten/analyse/", results.request_analysis, name="request-analysis"),
    path(f"{prefix}resultaten/<int:run_id>/publiceren/", results.publish, name="publish"),
]
