from django.urls import path

from meedenken.responses import preview, views

app_name = "responses"

prefix = "consultaties/<slug:slug>/reactie/<str:secret>/"

urlpatterns = [
    path("consultaties/<slug:slug>/reageren/", views.start, name="start"),
    path("consultaties/<slug:slug>/voorbeeld/", preview.preview, name="preview"),
    path(prefix, views.resume, name="resume"),
    path(f"{prefix}over-u/", views.profile, name="profile"),
    path(f"{prefix}onderdeel/<int:number>/", views.section, name="section"),
    path(f"{prefix}controleren/", views.review, name="review"),
    path(f"{prefix}ontvangstbewijs/", views.receipt, name="receipt"),
    path(f"{prefix}intrekken/", views.withdraw, name="withdraw"),
    path(f"{prefix}mijn-gegevens.json", views.download, name="download"),
    path(f"{prefix}link-mailen/", views.email_link, name="email-link"),
]
