from django.urls import path

from meedenken.report import views

app_name = "report"

STAFF = "beheer/consultaties/<slug:slug>/verslag/"

urlpatterns = [
    path("consultaties/<slug:slug>/verslag/", views.public, name="public"),
    path(
        "consultaties/<slug:slug>/verslag/bron/<str:finding>/",
        views.public_finding,
        name="public-sources",
    ),
    path(STAFF, views.staff, name="staff"),
    path(f"{STAFF}maken/", views.generate, name="generate"),
    path(f"{STAFF}vergelijken/", views.compare, name="compare"),
    path(f"{STAFF}teksten/", views.notes, name="notes"),
    path(f"{STAFF}<int:number>/", views.version, name="version"),
    path(f"{STAFF}<int:number>/publiceren/", views.publish, name="publish"),
    path(f"{STAFF}<int:number>/bron/<str:finding>/", views.staff_finding, name="sources"),
    path(f"{STAFF}<int:number>/document/", views.request_document, name="request-document"),
    path(f"{STAFF}<int:number>/document/<str:fmt>/<str:lang>/", views.download, name="download"),
]
