from django.urls import path

from meedenken.accountability import views

app_name = "accountability"

urlpatterns = [
    path("consultaties/<slug:slug>/wat-we-deden/", views.public_account, name="public"),
    path("beheer/consultaties/<slug:slug>/verantwoording/", views.manage, name="manage"),
    path(
        "beheer/consultaties/<slug:slug>/verantwoording/<str:kind>/<int:pk>/",
        views.edit,
        name="edit",
    ),
]
